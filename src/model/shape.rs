//! Two questions asked of city shapes at load and on every hover: is a point inside, and
//! where is a point surely inside. Answered here in a few lines each rather than with geo's
//! general algorithms, whose code (the relate machinery behind them) would be most of geo's
//! share of the WebAssembly module.

use geo::{LineString, MultiPolygon, Polygon};

use super::LonLat;

/// Whether `p` lies inside the shape (even-odd rule over every ring, so holes are outside).
/// Points exactly on an edge may go either way.
pub fn contains(shape: &MultiPolygon<f64>, p: LonLat) -> bool {
    let mut inside = false;
    for poly in &shape.0 {
        for ring in rings(poly) {
            for (a, b) in edges(ring) {
                if (a.y > p.lat) != (b.y > p.lat)
                    && p.lon < a.x + (p.lat - a.y) * (b.x - a.x) / (b.y - a.y)
                {
                    inside = !inside;
                }
            }
        }
    }
    inside
}

/// A point inside the shape: the middle of the widest run of a horizontal line through the
/// polygon with the largest area. None for a shape without area.
pub fn interior_point(shape: &MultiPolygon<f64>) -> Option<LonLat> {
    let poly = shape
        .0
        .iter()
        .map(|p| (area(p), p))
        .filter(|(a, _)| *a > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))?
        .1;
    let (lo, hi) = poly
        .exterior()
        .0
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
            (lo.min(c.y), hi.max(c.y))
        });
    // The middle line first; lines beside it if that one only grazes vertices.
    let mut best: Option<(f64, LonLat)> = None;
    for f in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9] {
        let y = lo + (hi - lo) * f;
        let mut xs: Vec<f64> = rings(poly)
            .flat_map(edges)
            .filter(|(a, b)| (a.y > y) != (b.y > y))
            .map(|(a, b)| a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y))
            .collect();
        crate::sort::sort_by(&mut xs, |a, b| a.total_cmp(b));
        for run in xs.chunks_exact(2) {
            let width = run[1] - run[0];
            if width > 0.0 && best.is_none_or(|(w, _)| width > w) {
                best = Some((width, LonLat::new((run[0] + run[1]) / 2.0, y)));
            }
        }
        if best.is_some() {
            break;
        }
    }
    best.map(|(_, p)| p)
}

fn rings(poly: &Polygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    std::iter::once(poly.exterior()).chain(poly.interiors())
}

/// The edges of a ring, closing it if its last point is not its first.
fn edges(ring: &LineString<f64>) -> impl Iterator<Item = (geo::Coord<f64>, geo::Coord<f64>)> + '_ {
    let c = &ring.0;
    (0..c.len()).map(move |i| (c[i], c[(i + 1) % c.len()]))
}

/// The area of a polygon less its holes (shoelace), in square degrees.
fn area(poly: &Polygon<f64>) -> f64 {
    let ring_area = |r: &LineString<f64>| {
        edges(r)
            .map(|(a, b)| a.x * b.y - b.x * a.y)
            .sum::<f64>()
            .abs()
            / 2.0
    };
    ring_area(poly.exterior()) - poly.interiors().iter().map(ring_area).sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, Contains, Point};

    fn square_with_hole() -> MultiPolygon<f64> {
        MultiPolygon::new(vec![polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0), (x: 0.0, y: 0.0)],
            interiors: [[(x: 2.0, y: 2.0), (x: 8.0, y: 2.0), (x: 8.0, y: 8.0), (x: 2.0, y: 8.0), (x: 2.0, y: 2.0)]],
        )])
    }

    #[test]
    fn holes_are_outside() {
        let s = square_with_hole();
        assert!(contains(&s, LonLat::new(1.0, 5.0)));
        assert!(!contains(&s, LonLat::new(5.0, 5.0)));
        assert!(!contains(&s, LonLat::new(11.0, 5.0)));
        assert!(!contains(&s, LonLat::new(-1.0, 5.0)));
    }

    #[test]
    fn the_interior_point_avoids_the_hole() {
        let s = square_with_hole();
        let p = interior_point(&s).unwrap();
        assert!(contains(&s, p), "{p:?}");
        // The widest run of the middle line is one of the two 2-wide sides of the hole.
        assert!(p.lon == 1.0 || p.lon == 9.0, "{p:?}");
    }

    #[test]
    fn a_concave_shape_and_the_larger_part() {
        // A U whose bounding-box centre is outside it, and a small island beside it.
        let u = polygon![
            (x: 0.0, y: 0.0), (x: 9.0, y: 0.0), (x: 9.0, y: 9.0), (x: 6.0, y: 9.0),
            (x: 6.0, y: 3.0), (x: 3.0, y: 3.0), (x: 3.0, y: 9.0), (x: 0.0, y: 9.0),
        ];
        let island = polygon![(x: 20.0, y: 0.0), (x: 21.0, y: 0.0), (x: 21.0, y: 1.0)];
        let s = MultiPolygon::new(vec![island, u]);
        let p = interior_point(&s).unwrap();
        assert!(p.lon < 10.0 && contains(&s, p), "{p:?}");
        assert!(!contains(&s, LonLat::new(4.5, 6.0)));
    }

    #[test]
    fn no_area_no_point() {
        assert_eq!(interior_point(&MultiPolygon::new(vec![])), None);
        let flat = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 2.0, y: 0.0)];
        assert_eq!(interior_point(&MultiPolygon::new(vec![flat])), None);
    }

    #[test]
    fn agrees_with_geo_on_a_grid() {
        let s = square_with_hole();
        for i in 0..=40 {
            for j in 0..=40 {
                // Off the grid lines, where both answers are defined.
                let (x, y) = (i as f64 * 0.3 - 0.95, j as f64 * 0.3 - 0.95);
                let ours = contains(&s, LonLat::new(x, y));
                assert_eq!(ours, s.contains(&Point::new(x, y)), "({x}, {y})");
            }
        }
    }
}
