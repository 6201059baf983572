//! Two questions asked of city shapes at load and on every hover: is a point inside, and
//! where is a point surely inside. Answered here in a few lines each rather than with geo's
//! general algorithms, whose code (the relate machinery behind them) would be most of geo's
//! share of the WebAssembly module.

use geo::{LineString, MultiPolygon, Polygon};

use super::LonLat;

/// Whether `p` lies inside the shape (even-odd rule over every ring, so holes are outside).
/// Points exactly on an edge may go either way. A shape across the antimeridian has
/// longitudes past ±180° (see [`unwrap_antimeridian`]), so `p` is tried a turn east and west
/// too.
pub fn contains(shape: &MultiPolygon<f64>, p: LonLat) -> bool {
    [0.0, 360.0, -360.0]
        .iter()
        .any(|d| contains_at(shape, LonLat::new(p.lon + d, p.lat)))
}

fn contains_at(shape: &MultiPolygon<f64>, p: LonLat) -> bool {
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

/// The polygon with the largest area, if any has an area.
fn largest(shape: &MultiPolygon<f64>) -> Option<&Polygon<f64>> {
    (shape.0.iter())
        .map(|p| (area(p), p))
        .filter(|(a, _)| *a > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, p)| p)
}

/// A point inside the shape: the middle of the widest run of a horizontal line through the
/// polygon with the largest area. None for a shape without area.
pub fn interior_point(shape: &MultiPolygon<f64>) -> Option<LonLat> {
    let poly = largest(shape)?;
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

/// About how many vertices [`label_point`] measures distances to.
const LABEL_VERTICES: usize = 400;

/// The point of the shape's largest polygon farthest from its edges (its pole of
/// inaccessibility, to a precision of 1/100 of its size): where a label sits well inside. Found
/// by dividing the box into cells and refining those that could still hold a farther point.
/// Longitudes are scaled by the cosine of the latitude, so that distances are even on the
/// map. None for a shape without area.
pub fn label_point(shape: &MultiPolygon<f64>) -> Option<LonLat> {
    let full = largest(shape)?;
    // The distances are measured to a sample of a very detailed polygon's vertices (every
    // k-th of each ring, for about LABEL_VERTICES in all): the pole lies far from the edges,
    // and each measure costs one pass over them (a country of the 1:10m world has 100,000).
    let n: usize = rings(full).map(|r| r.0.len()).sum();
    let sampled;
    let poly = if n > LABEL_VERTICES {
        let k = n.div_ceil(LABEL_VERTICES);
        let thin = |r: &LineString<f64>| -> LineString<f64> {
            LineString::new(r.0.iter().step_by(k).copied().collect())
        };
        let holes = (full.interiors().iter()).filter(|r| r.0.len() >= 4 * k);
        sampled = Polygon::new(thin(full.exterior()), holes.map(thin).collect());
        &sampled
    } else {
        full
    };
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for c in &poly.exterior().0 {
        (x0, y0, x1, y1) = (x0.min(c.x), y0.min(c.y), x1.max(c.x), y1.max(c.y));
    }
    let k = ((y0 + y1) / 2.0).to_radians().cos().max(0.01);
    // Signed distance from a point to the polygon's edges, in scaled units (inside > 0).
    let dist = |x: f64, y: f64| {
        let mut best = f64::MAX;
        let mut inside = false;
        for ring in rings(poly) {
            for (a, b) in edges(ring) {
                if (a.y > y) != (b.y > y) && x < a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y) {
                    inside = !inside;
                }
                let (ax, bx, px) = (a.x * k, b.x * k, x * k);
                let (dx, dy) = (bx - ax, b.y - a.y);
                let len = dx * dx + dy * dy;
                let t = if len > 0.0 {
                    (((px - ax) * dx + (y - a.y) * dy) / len).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let (ex, ey) = (ax + t * dx - px, a.y + t * dy - y);
                best = best.min(ex * ex + ey * ey);
            }
        }
        let d = best.sqrt();
        if inside {
            d
        } else {
            -d
        }
    };
    // A cell: centre, half size (in degrees of latitude; longitude half size is h / k), and
    // the best distance any point in it could have.
    let cell = |x: f64, y: f64, h: f64| {
        let d = dist(x, y);
        (x, y, h, d, d + h * std::f64::consts::SQRT_2)
    };
    let size = ((x1 - x0) * k).min(y1 - y0);
    if size <= 0.0 {
        return interior_point(shape);
    }
    let precision = ((x1 - x0) * k).max(y1 - y0) / 100.0;
    let h = size / 2.0;
    let mut queue = Vec::new();
    let mut y = y0;
    while y < y1 {
        let mut x = x0;
        while x < x1 {
            queue.push(cell(x + h / k, y + h, h));
            x += 2.0 * h / k;
        }
        y += 2.0 * h;
    }
    // Start from the widest run's middle, which is inside.
    let start = interior_point(shape).map(|p| cell(p.lon, p.lat, 0.0));
    let mut best = start.unwrap_or_else(|| cell((x0 + x1) / 2.0, (y0 + y1) / 2.0, 0.0));
    let mut steps = 0;
    while let Some(i) = (0..queue.len()).max_by(|&a, &b| queue[a].4.total_cmp(&queue[b].4)) {
        let c = queue.swap_remove(i);
        if c.3 > best.3 {
            best = c;
        }
        steps += 1;
        if c.4 - best.3 <= precision || steps > 400 {
            break;
        }
        let h = c.2 / 2.0;
        for (dx, dy) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
            queue.push(cell(c.0 + dx * h / k, c.1 + dy * h, h));
        }
    }
    (best.3 > 0.0).then(|| LonLat::new(best.0, best.1))
}

/// Makes every ring continuous across the antimeridian, so that the plane's algorithms (area,
/// inside, a label point) hold for it: a ring that jumps from 179° to -179° goes on to 181°
/// instead. Holes are moved a whole turn, where needed, to lie beside their outline. A ring
/// that goes round a pole (Antarctica) cannot be made continuous: it is started just after
/// its jump and closed along the pole, so that it spans -180° to 180° with no edge across.
pub fn unwrap_antimeridian(mut shape: MultiPolygon<f64>) -> MultiPolygon<f64> {
    let jumps = |c: &[geo::Coord<f64>]| {
        (1..c.len())
            .filter(|&i| (c[i].x - c[i - 1].x).abs() > 180.0)
            .count()
    };
    if !shape.0.iter().any(|p| rings(p).any(|r| jumps(&r.0) > 0)) {
        return shape;
    }
    for poly in &mut shape.0 {
        let x0 = poly.exterior().0.first().map_or(0.0, |c| c.x);
        let fix = |ring: &mut LineString<f64>, near: Option<f64>| {
            let c = &mut ring.0;
            let raw = c.clone();
            continuous(c);
            if c.len() > 1 && (c[c.len() - 1].x - c[0].x).abs() > 180.0 {
                // Round a pole: back to the raw ring (in [-180, 180], where 180 stays 180),
                // started after its jump, closed along the pole on the side of its points.
                *c = raw;
                c.iter_mut()
                    .filter(|p| p.x.abs() > 180.0)
                    .for_each(|p| p.x = crate::view::wrap_lon(p.x));
                if c[0] == c[c.len() - 1] {
                    c.pop();
                }
                let k = (1..c.len())
                    .find(|&i| (c[i].x - c[i - 1].x).abs() > 180.0)
                    .unwrap_or(0);
                let mut rotated = c[k..].to_vec();
                rotated.extend_from_slice(&c[..k]);
                *c = rotated;
                continuous(c);
                let mean = c.iter().map(|p| p.y).sum::<f64>() / c.len() as f64;
                let pole = if mean < 0.0 { -90.0 } else { 90.0 };
                let (a, b) = (c[0].x, c[c.len() - 1].x);
                c.push(geo::Coord { x: b, y: pole });
                c.push(geo::Coord { x: a, y: pole });
                c.push(c[0]);
            } else if let Some(x0) = near.filter(|_| !c.is_empty()) {
                let shift = ((x0 - c[0].x) / 360.0).round() * 360.0;
                c.iter_mut().for_each(|p| p.x += shift);
            }
        };
        poly.exterior_mut(|r| fix(r, None));
        poly.interiors_mut(|hs| hs.iter_mut().for_each(|h| fix(h, Some(x0))));
    }
    shape
}

/// Each point the shorter way round from the one before.
fn continuous(c: &mut [geo::Coord<f64>]) {
    let mut turns = 0.0;
    for i in 1..c.len() {
        let d = c[i].x + turns - c[i - 1].x;
        if d > 180.0 {
            turns -= 360.0;
        } else if d < -180.0 {
            turns += 360.0;
        }
        c[i].x += turns;
    }
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

    fn ring(points: &[(f64, f64)]) -> MultiPolygon<f64> {
        let ls: LineString<f64> = points.iter().map(|&(x, y)| geo::Coord { x, y }).collect();
        MultiPolygon::new(vec![Polygon::new(ls, vec![])])
    }

    #[test]
    fn a_ring_across_the_antimeridian_is_made_continuous() {
        // An island from 179° E to 179° W, written with the jump.
        let s = unwrap_antimeridian(ring(&[
            (179.0, -17.0),
            (-179.0, -17.0),
            (-179.0, -16.0),
            (179.0, -16.0),
            (179.0, -17.0),
        ]));
        let xs: Vec<f64> = s.0[0].exterior().0.iter().map(|c| c.x).collect();
        assert_eq!(xs, vec![179.0, 181.0, 181.0, 179.0, 179.0]);
        // Inside on both sides of the line, and its label point on it, not in another ocean.
        assert!(contains(&s, LonLat::new(179.5, -16.5)));
        assert!(contains(&s, LonLat::new(-179.5, -16.5)));
        assert!(!contains(&s, LonLat::new(0.0, -16.5)));
        let p = interior_point(&s).unwrap();
        assert!((p.lon - 180.0).abs() < 1.0, "{p:?}");
    }

    #[test]
    fn a_ring_round_the_pole_is_closed_along_it() {
        // Antarctica as world-atlas gives it: a ring that jumps from 180° back to -180°.
        let s = unwrap_antimeridian(ring(&[
            (-180.0, -84.7),
            (-90.0, -72.0),
            (0.0, -70.0),
            (90.0, -66.0),
            (180.0, -84.7),
            (-180.0, -84.7),
        ]));
        let c = &s.0[0].exterior().0;
        assert!(c.iter().all(|p| (-180.0..=180.0).contains(&p.x)), "{c:?}");
        // No edge crosses the map: every step is short, or runs along the pole.
        for w in c.windows(2) {
            assert!((w[1].x - w[0].x).abs() <= 180.0 || w[0].y == -90.0, "{w:?}");
        }
        assert!(c.iter().any(|p| p.y == -90.0));
        assert!(contains(&s, LonLat::new(0.0, -80.0)));
        assert!(!contains(&s, LonLat::new(0.0, -60.0)));
        // Data that does not cross is left alone.
        let plain = ring(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]);
        assert_eq!(unwrap_antimeridian(plain.clone()), plain);
    }

    /// An L: its box's centre is outside, and the widest run's middle is near an edge.
    const L_SHAPE: [(f64, f64); 7] = [
        (0.0, 0.0),
        (10.0, 0.0),
        (10.0, 3.0),
        (3.0, 3.0),
        (3.0, 10.0),
        (0.0, 10.0),
        (0.0, 0.0),
    ];

    #[test]
    fn a_detailed_polygon_s_label_point_is_found_on_a_sample_of_its_edges() {
        // The same L with each edge cut into 4,000 pieces: 24,000 vertices.
        let corners = &L_SHAPE[..6];
        let mut dense = Vec::new();
        for (i, a) in corners.iter().enumerate() {
            let b = corners[(i + 1) % corners.len()];
            for k in 0..4000 {
                let t = f64::from(k) / 4000.0;
                dense.push((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
            }
        }
        dense.push(dense[0]);
        let l = ring(&dense);
        assert!(l.0[0].exterior().0.len() > 8 * LABEL_VERTICES);
        let p = label_point(&l).unwrap();
        let coarse = label_point(&ring(&L_SHAPE)).unwrap();
        assert!(contains(&l, p), "{p:?}");
        assert!(
            (p.lon - coarse.lon).abs() < 0.2 && (p.lat - coarse.lat).abs() < 0.2,
            "{p:?} {coarse:?}"
        );
    }

    #[test]
    fn the_label_point_is_far_inside() {
        // An L: its box's centre is outside, and the widest run's middle is near an edge.
        let l = ring(&L_SHAPE);
        let p = label_point(&l).unwrap();
        assert!(contains(&l, p), "{p:?}");
        // At least 1.2 from every edge (the best is 1.5 in the corner square).
        assert!(
            p.lon > 1.2 && p.lat > 1.2 && (p.lon < 1.8 || p.lat < 1.8),
            "{p:?}"
        );
        // Across the antimeridian: on the island, by 180°.
        let fiji = unwrap_antimeridian(ring(&[
            (178.0, -17.0),
            (-178.0, -17.0),
            (-178.0, -16.0),
            (178.0, -16.0),
            (178.0, -17.0),
        ]));
        let p = label_point(&fiji).unwrap();
        assert!(
            (p.lon - 180.0).abs() < 1.0 && (p.lat + 16.5).abs() < 0.1,
            "{p:?}"
        );
    }
}
