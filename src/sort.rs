//! One stable sort for the whole crate. The standard library's sort is generic, so each call
//! site with its own element type and comparator compiles a copy of it (about 5 kB of
//! WebAssembly each); this merge sort of indices is compiled once, and the generic part left
//! at each call site is a few lines. The data sorted here is small (cities, labels, classes).

use std::cmp::Ordering;

/// The order that sorts `n` items by `cmp` on their indices: stable, O(n log n).
pub fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut l, mut r, mut k) = (start, mid, start);
            while l < mid && r < end {
                // Ties keep the left run first: stable.
                if cmp(a[r], a[l]) == Ordering::Less {
                    b[k] = a[r];
                    r += 1;
                } else {
                    b[k] = a[l];
                    l += 1;
                }
                k += 1;
            }
            b[k..k + (mid - l)].copy_from_slice(&a[l..mid]);
            k += mid - l;
            b[k..k + (end - r)].copy_from_slice(&a[r..end]);
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let ord = order(v.len(), &|i, j| cmp(&v[i], &v[j]));
    // Moves the element at ord[k] to k, in place: an element already moved on is found by
    // following the order from where it was.
    for k in 0..ord.len() {
        let mut j = ord[k];
        while j < k {
            j = ord[j];
        }
        v.swap(k, j);
    }
}

/// Sorts `v` stably by a key.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library_and_is_stable() {
        let mut seed = 7u64;
        for n in [0, 1, 2, 3, 5, 8, 13, 100, 257] {
            let mut v: Vec<(u64, usize)> = (0..n)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 33) % 10, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            sort_by_key(&mut v, |p| p.0);
            assert_eq!(v, want, "n = {n}");
        }
        let mut f = vec![3.5, -1.0, f64::INFINITY, 0.0, 2.0];
        sort_by(&mut f, |a, b| a.total_cmp(b));
        assert_eq!(f, [-1.0, 0.0, 2.0, 3.5, f64::INFINITY]);
    }
}
