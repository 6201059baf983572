//! Label placement without collisions: greedy by priority, trying a few positions around the
//! anchor, skipping a label when none is free.

use crate::view::ScreenPx;

/// At most this many candidates are tried, highest priority first.
pub const MAX_TRIES: usize = 1500;

/// A label that would like to be drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The text.
    pub text: String,
    /// The point it labels.
    pub anchor: ScreenPx,
    /// Higher is placed first.
    pub priority: i32,
    /// Font size in CSS px.
    pub size: f64,
    /// Distance from the anchor to keep clear (a marker's radius).
    pub offset: f64,
}

/// A label that found room.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The text.
    pub text: String,
    /// Centre of the text's box, in CSS px.
    pub center: ScreenPx,
    /// Font size in CSS px.
    pub size: f64,
    /// Box width in CSS px.
    pub width: f64,
    /// Index of the candidate it came from.
    pub candidate: usize,
}

/// Estimated width of `text` at `size` px: CJK characters are square, Latin ones about half
/// as wide. Good enough to keep boxes apart without asking the browser.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| {
            if (c as u32) >= 0x2E80 {
                1.0
            } else if c.is_ascii_uppercase() {
                0.68
            } else if c == ' ' || c == '\'' || c == '.' || c == ',' {
                0.3
            } else {
                0.56
            }
        })
        .sum::<f64>()
        * size
}

#[derive(Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Places labels, highest priority first. A label goes below, above, right or left of its
/// anchor (or centred on it when `offset` is 0), in the first position that overlaps no placed
/// label, no `obstacles` box, and stays inside `width` x `height`.
pub fn place(
    candidates: &[Candidate],
    width: f64,
    height: f64,
    obstacles: &[(ScreenPx, ScreenPx)],
) -> Vec<Placed> {
    // Highest priority first; equal ones in the order given.
    let mut order = crate::sort::order(candidates.len(), &|a, b| {
        candidates[b].priority.cmp(&candidates[a].priority)
    });
    // A screen holds a few hundred labels at most: with tens of thousands of candidates, the
    // rest cannot fit, and trying them all would cost a quadratic amount of time.
    order.truncate(MAX_TRIES);
    let mut taken: Vec<Rect> = obstacles
        .iter()
        .map(|(a, b)| Rect {
            x0: a.x,
            y0: a.y,
            x1: b.x,
            y1: b.y,
        })
        .collect();
    let mut out = Vec::new();
    for i in order {
        let c = &candidates[i];
        let w = text_width(&c.text, c.size) + 4.0;
        let h = c.size * 1.25;
        let gap = c.offset + 2.0;
        let positions: &[(f64, f64)] = if c.offset == 0.0 {
            &[(0.0, 0.0)]
        } else {
            &[(0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0)]
        };
        for &(dx, dy) in positions {
            let cx = c.anchor.x + dx * (gap + w / 2.0);
            let cy = c.anchor.y + dy * (gap + h / 2.0);
            let r = Rect {
                x0: cx - w / 2.0,
                y0: cy - h / 2.0,
                x1: cx + w / 2.0,
                y1: cy + h / 2.0,
            };
            if r.x0 < 0.0 || r.y0 < 0.0 || r.x1 > width || r.y1 > height {
                continue;
            }
            if taken.iter().any(|t| t.overlaps(&r)) {
                continue;
            }
            taken.push(r);
            out.push(Placed {
                text: c.text.clone(),
                center: ScreenPx { x: cx, y: cy },
                size: c.size,
                width: w,
                candidate: i,
            });
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(text: &str, x: f64, y: f64, priority: i32) -> Candidate {
        Candidate {
            text: text.into(),
            anchor: ScreenPx { x, y },
            priority,
            size: 12.0,
            offset: 3.0,
        }
    }

    #[test]
    fn no_two_labels_overlap() {
        let cands: Vec<Candidate> = (0..200)
            .map(|i| {
                cand(
                    "Hangzhou",
                    (i * 37 % 500) as f64,
                    (i * 53 % 400) as f64,
                    i % 7,
                )
            })
            .collect();
        let placed = place(&cands, 500.0, 400.0, &[]);
        assert!(!placed.is_empty() && placed.len() < cands.len());
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                let h = 12.0 * 1.25;
                let overlap_x = (a.center.x - b.center.x).abs() < (a.width + b.width) / 2.0;
                let overlap_y = (a.center.y - b.center.y).abs() < h;
                assert!(!(overlap_x && overlap_y), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn higher_priority_wins() {
        let cands = vec![cand("Low", 100.0, 100.0, 1), cand("High", 101.0, 100.0, 9)];
        let placed = place(&cands, 400.0, 400.0, &[]);
        assert_eq!(placed[0].text, "High");
        // The second one moves to another side rather than vanish, when there is room.
        assert_eq!(placed.len(), 2);
        assert_ne!(placed[0].center, placed[1].center);
    }

    #[test]
    fn many_candidates_are_capped() {
        let cands: Vec<Candidate> = (0..20_000)
            .map(|i| cand("x", (i % 500) as f64, (i / 500) as f64, i))
            .collect();
        let placed = place(&cands, 500.0, 400.0, &[]);
        // The highest priorities are tried, and no more than MAX_TRIES.
        assert!(!placed.is_empty());
        assert!(placed.iter().all(|p| p.candidate >= 20_000 - MAX_TRIES));
    }

    #[test]
    fn cjk_is_wider_than_latin() {
        assert!(text_width("杭州", 12.0) > text_width("ab", 12.0));
        assert_eq!(text_width("杭州", 10.0), 20.0);
    }

    #[test]
    fn obstacles_and_edges_are_respected() {
        let cands = vec![cand("Edge", 2.0, 2.0, 1)];
        let placed = place(&cands, 400.0, 400.0, &[]);
        assert!(placed.iter().all(|p| p.center.x - p.width / 2.0 >= 0.0));
        let blocked = place(
            &[cand("X", 200.0, 200.0, 1)],
            400.0,
            400.0,
            &[(
                ScreenPx { x: 150.0, y: 150.0 },
                ScreenPx { x: 250.0, y: 250.0 },
            )],
        );
        assert!(blocked.is_empty());
    }
}
