//! Topology-aware simplification, so that neighbours never open gaps or slivers.
//!
//! Each ring is cut into *arcs* at junctions (points where the set of neighbours changes), the
//! way TopoJSON and mapshaper do. A border shared by two polygons becomes one arc, simplified
//! once, and both polygons read the same simplified vertices back. So after simplification the
//! shared border is still vertex-for-vertex identical on both sides.

use std::collections::HashMap;

/// A point on a fixed integer grid. Working on a grid makes "the same point" exact.
pub type GridPt = (i64, i64);

/// Grid units per degree: 2^20, so that the 1/1024-degree grid of the source data is exact.
pub const GRID: f64 = 1_048_576.0;

/// Converts degrees to the grid.
pub fn to_grid(lon: f64, lat: f64) -> GridPt {
    ((lon * GRID).round() as i64, (lat * GRID).round() as i64)
}

/// Converts a grid point back to degrees.
pub fn from_grid(p: GridPt) -> [f64; 2] {
    [p.0 as f64 / GRID, p.1 as f64 / GRID]
}

/// A ring without its closing point (first != last).
pub type Ring = Vec<GridPt>;
/// Polygon: exterior ring first, then holes.
pub type Polygon = Vec<Ring>;
/// One feature's geometry.
pub type MultiPolygon = Vec<Polygon>;

/// How a ring refers to an arc.
#[derive(Clone, Copy, Debug)]
struct ArcRef {
    arc: usize,
    reversed: bool,
}

/// The arcs of a layer and, for every ring of every feature, the arcs that make it up.
pub struct Topology {
    /// Canonical arcs. Closed rings without junctions are single arcs whose ends coincide.
    pub arcs: Vec<Vec<GridPt>>,
    rings: Vec<Vec<Vec<Vec<ArcRef>>>>,
}

/// Removes consecutive duplicates and a closing point equal to the first.
pub fn clean_ring(ring: &[GridPt]) -> Ring {
    let mut out: Ring = Vec::with_capacity(ring.len());
    for &p in ring {
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

fn canonical(points: Vec<GridPt>) -> (Vec<GridPt>, bool) {
    let mut rev = points.clone();
    rev.reverse();
    if rev < points {
        (rev, true)
    } else {
        (points, false)
    }
}

/// Rotates a junction-free ring to start at its smallest point and picks the smaller direction,
/// so that the same closed ring seen from both sides gets the same arc.
fn canonical_closed(ring: &[GridPt]) -> (Vec<GridPt>, bool) {
    let n = ring.len();
    let start = (0..n).min_by_key(|&i| ring[i]).unwrap_or(0);
    let fwd: Vec<GridPt> = (0..=n).map(|k| ring[(start + k) % n]).collect();
    let bwd: Vec<GridPt> = (0..=n).map(|k| ring[(start + n - k) % n]).collect();
    if bwd < fwd {
        (bwd, true)
    } else {
        (fwd, false)
    }
}

impl Topology {
    /// Builds the arcs of a set of features. Rings must be cleaned (see [`clean_ring`]).
    pub fn build(features: &[MultiPolygon]) -> Topology {
        // A point is a junction when it is met with different neighbour pairs.
        let mut seen: HashMap<GridPt, (GridPt, GridPt)> = HashMap::new();
        let mut junction: HashMap<GridPt, bool> = HashMap::new();
        for ring in features.iter().flatten().flatten() {
            let n = ring.len();
            for i in 0..n {
                let p = ring[i];
                let a = ring[(i + n - 1) % n];
                let b = ring[(i + 1) % n];
                let pair = if a < b { (a, b) } else { (b, a) };
                match seen.get(&p) {
                    None => {
                        seen.insert(p, pair);
                    }
                    Some(&q) if q != pair => {
                        junction.insert(p, true);
                    }
                    Some(_) => {}
                }
            }
        }
        let mut arcs: Vec<Vec<GridPt>> = Vec::new();
        let mut index: HashMap<Vec<GridPt>, usize> = HashMap::new();
        let mut intern = |pts: Vec<GridPt>, closed: bool| -> ArcRef {
            let (key, reversed) = if closed {
                canonical_closed(&pts)
            } else {
                canonical(pts)
            };
            let arc = *index.entry(key.clone()).or_insert_with(|| {
                arcs.push(key);
                arcs.len() - 1
            });
            ArcRef { arc, reversed }
        };
        let mut rings = Vec::with_capacity(features.len());
        for feature in features {
            let mut f = Vec::with_capacity(feature.len());
            for polygon in feature {
                let mut pr = Vec::with_capacity(polygon.len());
                for ring in polygon {
                    let n = ring.len();
                    let cuts: Vec<usize> = (0..n)
                        .filter(|&i| junction.contains_key(&ring[i]))
                        .collect();
                    let mut refs = Vec::new();
                    if cuts.is_empty() {
                        refs.push(intern(ring.clone(), true));
                    } else {
                        for (k, &start) in cuts.iter().enumerate() {
                            let end = cuts[(k + 1) % cuts.len()];
                            let len = if end > start {
                                end - start
                            } else {
                                end + n - start
                            };
                            let pts: Vec<GridPt> =
                                (0..=len).map(|j| ring[(start + j) % n]).collect();
                            refs.push(intern(pts, false));
                        }
                    }
                    pr.push(refs);
                }
                f.push(pr);
            }
            rings.push(f);
        }
        Topology { arcs, rings }
    }

    /// For each arc, the features that use it (a feature is counted once per use).
    pub fn arc_users(&self) -> Vec<Vec<usize>> {
        let mut users = vec![Vec::new(); self.arcs.len()];
        for (fi, f) in self.rings.iter().enumerate() {
            for r in f.iter().flatten().flatten() {
                users[r.arc].push(fi);
            }
        }
        users
    }

    /// The arcs that make up each ring of one feature, as (arc index, reversed) pairs.
    pub fn feature_arcs(&self, feature: usize) -> Vec<(usize, bool)> {
        self.rings[feature]
            .iter()
            .flatten()
            .flatten()
            .map(|r| (r.arc, r.reversed))
            .collect()
    }

    /// Reassembles every feature from (simplified) arcs. Rings that collapse below three
    /// distinct points are dropped; a polygon whose exterior collapses is dropped whole.
    pub fn assemble(&self, arcs: &[Vec<GridPt>]) -> Vec<MultiPolygon> {
        self.rings
            .iter()
            .map(|f| {
                f.iter()
                    .filter_map(|p| {
                        let mut out: Polygon = Vec::new();
                        for (ri, refs) in p.iter().enumerate() {
                            let mut ring: Vec<GridPt> = Vec::new();
                            for r in refs {
                                let mut pts = arcs[r.arc].clone();
                                if r.reversed {
                                    pts.reverse();
                                }
                                ring.extend(pts);
                            }
                            let ring = clean_ring(&ring);
                            if ring.len() >= 3 {
                                out.push(ring);
                            } else if ri == 0 {
                                return None;
                            }
                        }
                        Some(out)
                    })
                    .collect()
            })
            .collect()
    }
}

fn perpendicular_distance(p: GridPt, a: GridPt, b: GridPt) -> f64 {
    let (px, py) = (p.0 as f64, p.1 as f64);
    let (ax, ay) = (a.0 as f64, a.1 as f64);
    let (bx, by) = (b.0 as f64, b.1 as f64);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return ((px - ax).powi(2) + (py - ay).powi(2)).sqrt();
    }
    let t = (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0);
    ((px - ax - t * dx).powi(2) + (py - ay - t * dy).powi(2)).sqrt()
}

fn douglas_peucker(points: &[GridPt], tolerance: f64, keep: &mut [bool]) {
    // An explicit stack: arcs along the coast have tens of thousands of points.
    let mut stack = vec![(0usize, points.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        if last <= first + 1 {
            continue;
        }
        let mut best = (0.0, first);
        for i in first + 1..last {
            let d = perpendicular_distance(points[i], points[first], points[last]);
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tolerance {
            keep[best.1] = true;
            stack.push((first, best.1));
            stack.push((best.1, last));
        }
    }
}

/// Simplifies one arc with Douglas–Peucker, keeping both ends. A closed arc (ends equal) also
/// keeps the point farthest from its start, so it cannot collapse to a line.
pub fn simplify_arc(points: &[GridPt], tolerance_grid: f64) -> Vec<GridPt> {
    let n = points.len();
    if n <= 2 || tolerance_grid <= 0.0 {
        return points.to_vec();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    if points[0] == points[n - 1] {
        let far = (1..n - 1)
            .max_by(|&i, &j| {
                perpendicular_distance(points[i], points[0], points[0])
                    .total_cmp(&perpendicular_distance(points[j], points[0], points[0]))
            })
            .unwrap_or(0);
        keep[far] = true;
        douglas_peucker(&points[..=far], tolerance_grid, &mut keep[..=far]);
        douglas_peucker(&points[far..], tolerance_grid, &mut keep[far..]);
    } else {
        douglas_peucker(points, tolerance_grid, &mut keep);
    }
    points
        .iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

/// Repairs what the source data gets wrong, on the grid: removes spikes (a point that the
/// ring leaves and comes straight back to) and splits rings that pass through one point twice
/// into separate loops. Returns the loops; each keeps the orientation it had in the ring.
pub fn repair_ring(ring: &[GridPt]) -> Vec<Ring> {
    let mut r = clean_ring(ring);
    // Spikes: ... a b a ... -> ... a ...
    let mut changed = true;
    while changed && r.len() >= 3 {
        changed = false;
        let n = r.len();
        for i in 0..n {
            let prev = r[(i + n - 1) % n];
            let next = r[(i + 1) % n];
            if prev == next {
                let (a, b) = (i, (i + 1) % n);
                // drop the tip and one copy of the repeated point
                let mut keep: Vec<GridPt> = Vec::with_capacity(n);
                for (k, &p) in r.iter().enumerate() {
                    if k != a && k != b {
                        keep.push(p);
                    }
                }
                r = clean_ring(&keep);
                changed = true;
                break;
            }
        }
    }
    if r.len() < 3 {
        return Vec::new();
    }
    // Pinches: split at the first point seen twice, recursively.
    let mut first_seen: HashMap<GridPt, usize> = HashMap::new();
    for (i, &p) in r.iter().enumerate() {
        if let Some(&j) = first_seen.get(&p) {
            let inner: Vec<GridPt> = r[j..i].to_vec();
            let mut outer: Vec<GridPt> = r[..j].to_vec();
            outer.extend_from_slice(&r[i..]);
            let mut out = repair_ring(&inner);
            out.extend(repair_ring(&outer));
            return out;
        }
        first_seen.insert(p, i);
    }
    vec![r]
}

/// Signed area on the grid (positive when counter-clockwise).
pub fn signed_area(r: &[GridPt]) -> f64 {
    let n = r.len();
    let mut a = 0.0;
    for i in 0..n {
        let (x1, y1) = (r[i].0 as f64, r[i].1 as f64);
        let (x2, y2) = (r[(i + 1) % n].0 as f64, r[(i + 1) % n].1 as f64);
        a += x1 * y2 - x2 * y1;
    }
    a / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two squares sharing a wavy border: after simplification, both sides of the border
    /// carry exactly the same vertices.
    #[test]
    fn shared_border_is_simplified_once() {
        let wave: Vec<GridPt> = (0..=100).map(|i| (100, i * 10 + (i % 3))).collect();
        let mut left: Ring = vec![(0, 0)];
        left.extend(wave.iter().copied());
        left.push((0, 1000));
        let mut right: Ring = wave.iter().rev().copied().collect();
        right.push((200, 0));
        right.insert(0, (200, 1000));
        let features = vec![
            vec![vec![clean_ring(&left)]],
            vec![vec![clean_ring(&right)]],
        ];
        let topo = Topology::build(&features);
        let simplified: Vec<Vec<GridPt>> = topo.arcs.iter().map(|a| simplify_arc(a, 5.0)).collect();
        let out = topo.assemble(&simplified);
        let on_border = |r: &Ring| -> Vec<GridPt> {
            let mut v: Vec<GridPt> = r.iter().copied().filter(|p| p.0 == 100).collect();
            v.sort();
            v
        };
        let a = on_border(&out[0][0][0]);
        let b = on_border(&out[1][0][0]);
        assert!(a.len() < wave.len(), "the border was simplified");
        assert_eq!(a, b);
        // The shared border is one arc used by both features.
        let users = topo.arc_users();
        assert!(users.iter().any(|u| u.len() == 2));
    }

    #[test]
    fn closed_ring_keeps_its_shape() {
        let ring: Vec<GridPt> = (0..64)
            .map(|i| {
                let t = i as f64 / 64.0 * std::f64::consts::TAU;
                ((t.cos() * 1000.0) as i64, (t.sin() * 1000.0) as i64)
            })
            .collect();
        let topo = Topology::build(&[vec![vec![ring]]]);
        let simplified: Vec<Vec<GridPt>> =
            topo.arcs.iter().map(|a| simplify_arc(a, 50.0)).collect();
        let out = topo.assemble(&simplified);
        assert!(out[0][0][0].len() >= 3);
        assert!(out[0][0][0].len() < 64);
    }
}
