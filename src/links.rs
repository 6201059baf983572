//! Geometry of alliance links: gentle arcs between member cities.
//!
//! An arc bends to the same side whichever end it is drawn from (the side is fixed by the
//! order of the two ids), so the link A–B and the link B–A coincide, and links of different
//! alliances between the same pair are spread apart by their `lane`.

use crate::view::ScreenPx;

/// A quadratic Bézier curve in screen space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arc {
    /// Start.
    pub from: ScreenPx,
    /// Control point.
    pub ctrl: ScreenPx,
    /// End.
    pub to: ScreenPx,
}

/// The arc between `a` (id `a_id`) and `b` (id `b_id`). `lane` 0 is the first link between a
/// pair; each further lane bends more, so parallel links stay apart.
pub fn arc(a: ScreenPx, a_id: &str, b: ScreenPx, b_id: &str, lane: usize) -> Arc {
    // Always compute from the smaller id, so both directions give one curve.
    let (p, q, flip) = if a_id <= b_id {
        (a, b, false)
    } else {
        (b, a, true)
    };
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let len = dx.hypot(dy);
    let bend = 0.15 + 0.1 * lane as f64;
    let (nx, ny) = if len > 0.0 {
        (-dy / len, dx / len)
    } else {
        (0.0, 0.0)
    };
    let ctrl = ScreenPx {
        x: (p.x + q.x) / 2.0 + nx * len * bend,
        y: (p.y + q.y) / 2.0 + ny * len * bend,
    };
    if flip {
        Arc {
            from: a,
            ctrl,
            to: b,
        }
    } else {
        Arc {
            from: p,
            ctrl,
            to: q,
        }
    }
}

impl Arc {
    /// The point at parameter `t` in [0, 1].
    pub fn point(&self, t: f64) -> ScreenPx {
        let u = 1.0 - t;
        ScreenPx {
            x: u * u * self.from.x + 2.0 * u * t * self.ctrl.x + t * t * self.to.x,
            y: u * u * self.from.y + 2.0 * u * t * self.ctrl.y + t * t * self.to.y,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_directions_give_one_curve() {
        let a = ScreenPx { x: 10.0, y: 10.0 };
        let b = ScreenPx { x: 110.0, y: 60.0 };
        let ab = arc(a, "hangzhou", b, "huangshan", 0);
        let ba = arc(b, "huangshan", a, "hangzhou", 0);
        assert_eq!(ab.ctrl, ba.ctrl);
        assert_eq!(ab.point(0.5), ba.point(0.5));
    }

    #[test]
    fn lanes_spread_apart() {
        let a = ScreenPx { x: 0.0, y: 0.0 };
        let b = ScreenPx { x: 100.0, y: 0.0 };
        let l0 = arc(a, "a", b, "b", 0).point(0.5);
        let l1 = arc(a, "a", b, "b", 1).point(0.5);
        assert!((l0.y - l1.y).abs() > 4.0);
        assert!(l0.y.abs() > 1.0, "the arc bends");
    }
}
