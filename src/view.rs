//! The viewport: what part of the world the map shows, and the conversions between the
//! coordinate spaces.
//!
//! Spaces, and their axis order:
//! - **lon/lat**: degrees, (lon, lat), as in GeoJSON.
//! - **world**: Web Mercator normalised to the unit square, (x, y), x east, y *south*, (0, 0)
//!   the north-west corner of the world. Zoom 0 draws the world 256 CSS px wide.
//! - **screen**: CSS pixels from the map's top-left corner, (x, y), y down.
//! - **device**: screen times the device pixel ratio; only the painter uses it.
//!
//! A [`Viewport`] is an immutable value: every change returns a new one.

use crate::model::LonLat;

/// Width in CSS px of the whole world at zoom 0.
pub const TILE_SIZE: f64 = 256.0;
/// Web Mercator's latitude limit.
const MAX_LAT: f64 = 85.051_128_78;
/// Earth radius used by Web Mercator, in metres.
const EARTH_RADIUS_M: f64 = 6_378_137.0;

/// A point in world space (normalised Web Mercator).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct World {
    /// 0 at 180° W, 1 at 180° E.
    pub x: f64,
    /// 0 at the north limit, 1 at the south limit.
    pub y: f64,
}

/// A point in CSS pixels relative to the map's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenPx {
    /// Pixels to the right.
    pub x: f64,
    /// Pixels down.
    pub y: f64,
}

/// A longitude brought into [-180, 180).
pub fn wrap_lon(lon: f64) -> f64 {
    lon - 360.0 * ((lon + 180.0) / 360.0).floor()
}

/// Lon/lat to world space, with the central meridian at 0°.
pub fn project(p: LonLat) -> World {
    project_about(p, 0.0)
}

/// Lon/lat to world space with the central meridian at `lon0`: the world's x runs from
/// `lon0 - 180°` to `lon0 + 180°`, so data that crosses the antimeridian can sit in the middle.
/// Latitudes are clamped to Web Mercator's ±85.05°; the result is always finite.
pub fn project_about(p: LonLat, lon0: f64) -> World {
    let x = (wrap_lon(p.lon - lon0) + 180.0) / 360.0;
    World {
        x: if x.is_finite() { x } else { 0.5 },
        y: mercator_y(p.lat),
    }
}

/// Web Mercator's y (0 north, 1 south) of a latitude, clamped at the limit.
pub fn mercator_y(lat: f64) -> f64 {
    let lat = if lat.is_nan() { 0.0 } else { lat };
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let y =
        0.5 - ((std::f64::consts::FRAC_PI_4 + lat / 2.0).tan().ln()) / (2.0 * std::f64::consts::PI);
    y.clamp(0.0, 1.0)
}

/// World space to lon/lat, with the central meridian at 0°.
pub fn unproject(w: World) -> LonLat {
    let n = std::f64::consts::PI * (1.0 - 2.0 * w.y);
    LonLat {
        lon: w.x * 360.0 - 180.0,
        lat: n.sinh().atan().to_degrees(),
    }
}

/// A path (a line or a ring) in world space about `lon0`, kept continuous: its first point
/// is placed in the world, and each next point at the shorter way round from the one before,
/// so that a path across the antimeridian is not drawn the long way across the map.
pub fn project_path(points: &[LonLat], lon0: f64) -> Vec<World> {
    let mut out: Vec<World> = Vec::with_capacity(points.len());
    let mut prev = 0.0;
    for p in points {
        let x = match out.last() {
            None => wrap_lon(p.lon - lon0),
            Some(_) => prev + wrap_lon(p.lon - lon0 - prev),
        };
        prev = x;
        out.push(World {
            x: (x + 180.0) / 360.0,
            y: mercator_y(p.lat),
        });
    }
    out
}

/// What the map shows: a centre, a zoom, and the size of the element.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    center: World,
    zoom: f64,
    width: f64,
    height: f64,
    pixel_ratio: f64,
    min_zoom: f64,
    max_zoom: f64,
    /// The central meridian: the longitude at the middle of the world's x range.
    lon0: f64,
    /// The box (in world space) the centre is kept in.
    limits: (World, World),
    /// How far past `limits` the centre may go, as a share of the view's width and height.
    slack: f64,
}

impl Viewport {
    /// A viewport of `width` x `height` CSS px centred on `center` at `zoom`.
    pub fn new(center: LonLat, zoom: f64, width: f64, height: f64) -> Self {
        Viewport {
            center: project(center),
            zoom,
            width: width.max(1.0),
            height: height.max(1.0),
            pixel_ratio: 1.0,
            min_zoom: 3.0,
            max_zoom: 14.0,
            lon0: 0.0,
            limits: (World { x: 0.0, y: 0.0 }, World { x: 1.0, y: 1.0 }),
            slack: 0.0,
        }
        .clamped()
    }

    fn clamped(mut self) -> Self {
        let zoom = if self.zoom.is_finite() {
            self.zoom
        } else {
            self.min_zoom
        };
        self.zoom = zoom.clamp(self.min_zoom, self.max_zoom);
        let (a, b) = self.limits;
        let k = self.scale();
        let (sx, sy) = (self.slack * self.width / k, self.slack * self.height / k);
        let x = if self.center.x.is_finite() {
            self.center.x
        } else {
            0.5
        };
        let y = if self.center.y.is_finite() {
            self.center.y
        } else {
            0.5
        };
        self.center.x = x.clamp(a.x - sx, b.x + sx);
        self.center.y = y.clamp(a.y - sy, b.y + sy);
        self
    }

    /// The same view with the central meridian at `lon0` (the centre stays where it is on
    /// the globe). See [`project_about`].
    pub fn with_central_meridian(self, lon0: f64) -> Self {
        let center = self.center();
        let lon0 = if lon0.is_finite() {
            wrap_lon(lon0)
        } else {
            0.0
        };
        Viewport {
            lon0,
            limits: (World { x: 0.0, y: 0.0 }, World { x: 1.0, y: 1.0 }),
            ..self
        }
        .with_center(center)
    }

    /// The central meridian.
    pub fn central_meridian(&self) -> f64 {
        self.lon0
    }

    /// Keeps the centre inside the box `[[west, south], [east, north]]` (`east` may be less
    /// than `west` for a box across the antimeridian), or anywhere on the world for None.
    /// With `slack`, the centre may go that share of the view's size past the box: 0.4 keeps
    /// the box's edge at least a tenth of the view from the far side.
    pub fn with_max_bounds(self, bounds: Option<(LonLat, LonLat)>, slack: f64) -> Self {
        let limits = match bounds {
            None => (World { x: 0.0, y: 0.0 }, World { x: 1.0, y: 1.0 }),
            Some((sw, ne)) => {
                let a = self.project(sw);
                let span = lon_span(sw.lon, ne.lon) / 360.0;
                (
                    World {
                        x: a.x,
                        y: mercator_y(sw.lat.max(ne.lat)),
                    },
                    World {
                        x: a.x + span,
                        y: mercator_y(sw.lat.min(ne.lat)),
                    },
                )
            }
        };
        Viewport {
            limits,
            slack,
            ..self
        }
        .clamped()
    }

    /// This view, held by `other`'s zoom range and bounds (same central meridian).
    pub fn with_limits_of(self, other: &Viewport) -> Self {
        Viewport {
            min_zoom: other.min_zoom,
            max_zoom: other.max_zoom,
            limits: other.limits,
            slack: other.slack,
            ..self
        }
        .clamped()
    }

    /// Lon/lat to world space about this view's central meridian.
    pub fn project(&self, p: LonLat) -> World {
        project_about(p, self.lon0)
    }

    /// World space to lon/lat, the longitude in [-180, 180).
    pub fn unproject(&self, w: World) -> LonLat {
        let p = unproject(w);
        LonLat::new(wrap_lon(p.lon + self.lon0), p.lat)
    }

    /// A line in lon/lat as a continuous screen polyline (see [`project_path`]).
    pub fn path_to_screen(&self, line: &[LonLat]) -> Vec<ScreenPx> {
        project_path(line, self.lon0)
            .into_iter()
            .map(|w| self.world_to_screen(w))
            .collect()
    }

    /// The same view in an element of a new size; the centre stays.
    pub fn with_size(self, width: f64, height: f64) -> Self {
        Viewport {
            width: width.max(1.0),
            height: height.max(1.0),
            ..self
        }
    }

    /// The same view on a display with another device pixel ratio.
    pub fn with_pixel_ratio(self, ratio: f64) -> Self {
        Viewport {
            pixel_ratio: if ratio.is_finite() && ratio > 0.0 {
                ratio
            } else {
                1.0
            },
            ..self
        }
    }

    /// The same view at another zoom, about the centre.
    pub fn with_zoom(self, zoom: f64) -> Self {
        Viewport { zoom, ..self }.clamped()
    }

    /// The same view centred elsewhere.
    pub fn with_center(self, center: LonLat) -> Self {
        Viewport {
            center: self.project(center),
            ..self
        }
        .clamped()
    }

    /// Limits the zoom.
    pub fn with_zoom_range(self, min: f64, max: f64) -> Self {
        let min = if min.is_finite() { min } else { 0.0 };
        Viewport {
            min_zoom: min,
            max_zoom: if max.is_finite() {
                max.max(min)
            } else {
                min + 18.0
            },
            ..self
        }
        .clamped()
    }

    /// Centre in lon/lat.
    pub fn center(&self) -> LonLat {
        self.unproject(self.center)
    }

    /// Centre in world space.
    pub fn center_world(&self) -> World {
        self.center
    }

    /// Zoom level; each step doubles the scale.
    pub fn zoom(&self) -> f64 {
        self.zoom
    }

    /// Zoom limits.
    pub fn zoom_range(&self) -> (f64, f64) {
        (self.min_zoom, self.max_zoom)
    }

    /// Width in CSS px.
    pub fn width(&self) -> f64 {
        self.width
    }

    /// Height in CSS px.
    pub fn height(&self) -> f64 {
        self.height
    }

    /// Device pixels per CSS pixel.
    pub fn pixel_ratio(&self) -> f64 {
        self.pixel_ratio
    }

    /// CSS px per world unit.
    pub fn scale(&self) -> f64 {
        TILE_SIZE * 2f64.powf(self.zoom)
    }

    /// World space to screen.
    pub fn world_to_screen(&self, w: World) -> ScreenPx {
        let k = self.scale();
        ScreenPx {
            x: (w.x - self.center.x) * k + self.width / 2.0,
            y: (w.y - self.center.y) * k + self.height / 2.0,
        }
    }

    /// Screen to world space.
    pub fn screen_to_world(&self, p: ScreenPx) -> World {
        let k = self.scale();
        World {
            x: (p.x - self.width / 2.0) / k + self.center.x,
            y: (p.y - self.height / 2.0) / k + self.center.y,
        }
    }

    /// Lon/lat to screen.
    pub fn lonlat_to_screen(&self, p: LonLat) -> ScreenPx {
        self.world_to_screen(self.project(p))
    }

    /// Screen to lon/lat.
    pub fn screen_to_lonlat(&self, p: ScreenPx) -> LonLat {
        self.unproject(self.screen_to_world(p))
    }

    /// Moves the map by a drag of (dx, dy) CSS px: what was under the pointer stays under it.
    pub fn pan_by(self, dx: f64, dy: f64) -> Self {
        let k = self.scale();
        Viewport {
            center: World {
                x: self.center.x - dx / k,
                y: self.center.y - dy / k,
            },
            ..self
        }
        .clamped()
    }

    /// Zooms to `zoom`, keeping the place under `about` fixed on screen (wheel, pinch,
    /// double-click).
    pub fn zoom_about(self, about: ScreenPx, zoom: f64) -> Self {
        let anchor = self.screen_to_world(about);
        let z = Viewport { zoom, ..self }.clamped();
        let k = z.scale();
        Viewport {
            center: World {
                x: anchor.x - (about.x - self.width / 2.0) / k,
                y: anchor.y - (about.y - self.height / 2.0) / k,
            },
            ..z
        }
        .clamped()
    }

    /// The view that shows `[[west, south], [east, north]]` whole, with `padding` CSS px
    /// around it. A box whose `east` is less than its `west` crosses the antimeridian.
    pub fn fit_bounds(self, sw: LonLat, ne: LonLat, padding: f64) -> Self {
        let (center, zoom) = self.fit(sw, ne, padding);
        Viewport {
            center,
            zoom,
            ..self
        }
        .clamped()
    }

    /// The centre and zoom that [`Viewport::fit_bounds`] would give, before the limits.
    pub fn fit(&self, sw: LonLat, ne: LonLat, padding: f64) -> (World, f64) {
        let a = self.project(sw);
        let dx = (lon_span(sw.lon, ne.lon) / 360.0).max(1e-12);
        let (top, bottom) = (
            mercator_y(sw.lat.max(ne.lat)),
            mercator_y(sw.lat.min(ne.lat)),
        );
        let dy = (bottom - top).max(1e-12);
        let w = (self.width - 2.0 * padding).max(1.0);
        let h = (self.height - 2.0 * padding).max(1.0);
        let k = (w / dx).min(h / dy);
        let center = World {
            x: a.x + dx / 2.0,
            y: (top + bottom) / 2.0,
        };
        (center, (k / TILE_SIZE).log2())
    }

    /// The view that shows `[[west, south], [east, north]]` inside the element less
    /// `padding` CSS px (`[top, right, bottom, left]`), zoomed in no further than `max_zoom`:
    /// the box is centred in what the padding leaves free (a panel on one side, say).
    pub fn fit_padded(self, sw: LonLat, ne: LonLat, padding: [f64; 4], max_zoom: f64) -> Self {
        let [top, right, bottom, left] =
            padding.map(|p| if p.is_finite() { p.max(0.0) } else { 0.0 });
        let inner = Viewport {
            width: (self.width - left - right).max(1.0),
            height: (self.height - top - bottom).max(1.0),
            ..self
        };
        let (center, zoom) = inner.fit(sw, ne, 0.0);
        let zoom = if max_zoom.is_finite() {
            zoom.min(max_zoom)
        } else {
            zoom
        };
        let z = Viewport { zoom, ..self }.clamped();
        // The free area's middle is this far from the element's middle, in CSS px.
        let (ox, oy) = ((left - right) / 2.0, (top - bottom) / 2.0);
        let k = z.scale();
        Viewport {
            center: World {
                x: center.x - ox / k,
                y: center.y - oy / k,
            },
            ..z
        }
        .clamped()
    }

    /// The same view with its centre at `center` (world space) and zoom `zoom` (an animation's
    /// step).
    pub fn at(self, center: World, zoom: f64) -> Self {
        Viewport {
            center,
            zoom,
            ..self
        }
        .clamped()
    }

    /// What the element shows, as `([west, south], [east, north])` in degrees. `west` is in
    /// [-180, 180) and `east` is less than `west` when the view crosses the antimeridian; a
    /// view wider than the world gives -180 and 180.
    pub fn bounds(&self) -> (LonLat, LonLat) {
        let top_left = self.screen_to_world(ScreenPx { x: 0.0, y: 0.0 });
        let bottom_right = self.screen_to_world(ScreenPx {
            x: self.width,
            y: self.height,
        });
        let lat = |y: f64| {
            unproject(World {
                x: 0.5,
                y: y.clamp(0.0, 1.0),
            })
            .lat
        };
        let (south, north) = (lat(bottom_right.y), lat(top_left.y));
        if bottom_right.x - top_left.x >= 1.0 {
            return (LonLat::new(-180.0, south), LonLat::new(180.0, north));
        }
        let lon = |x: f64| self.unproject(World { x, y: 0.5 }).lon;
        (
            LonLat::new(lon(top_left.x), south),
            LonLat::new(lon(bottom_right.x), north),
        )
    }

    /// Metres per CSS pixel at the centre's latitude.
    pub fn metres_per_px(&self) -> f64 {
        let lat = self.center().lat.to_radians();
        lat.cos() * 2.0 * std::f64::consts::PI * EARTH_RADIUS_M / self.scale()
    }
}

/// Degrees east from `west` to `east`: more than 180 only if the box is that wide; a box
/// whose `east` is less than its `west` crosses the antimeridian. `east` may also be given
/// past 180 (`west + span`).
pub fn lon_span(west: f64, east: f64) -> f64 {
    let d = east - west;
    if d >= 0.0 {
        d.min(360.0)
    } else {
        d + 360.0
    }
}

/// The longitudes a data set covers, a quarter degree at a time: its points, and the edges of
/// its lines and rings as they are written (a ring round a pole covers every longitude).
#[derive(Debug, Clone)]
pub struct LonCover {
    used: Vec<bool>,
    min: f64,
    max: f64,
}

impl Default for LonCover {
    fn default() -> Self {
        LonCover {
            used: vec![false; Self::BINS],
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }
}

impl LonCover {
    const BINS: usize = 1440;

    fn bin(lon: f64) -> usize {
        (((wrap_lon(lon) + 180.0) * 4.0) as usize).min(Self::BINS - 1)
    }

    /// A point.
    pub fn point(&mut self, lon: f64) {
        if lon.is_finite() {
            let l = wrap_lon(lon);
            self.min = self.min.min(l);
            self.max = self.max.max(l);
            self.used[Self::bin(l)] = true;
        }
    }

    /// An edge from `a` to `b`, east or west as written.
    pub fn edge(&mut self, a: f64, b: f64) {
        if !(a.is_finite() && b.is_finite()) {
            return;
        }
        self.point(a);
        self.point(b);
        let steps = ((b - a).abs() * 4.0).ceil().min(Self::BINS as f64) as usize;
        for k in 1..steps {
            self.point(a + (b - a) * k as f64 / steps as f64);
        }
    }

    /// `(west, span)`: the smallest interval on the circle that holds everything given, or
    /// None for nothing. It crosses the antimeridian only if that makes it clearly narrower
    /// (by 45° or more) than going from the least longitude to the greatest: world data stays
    /// centred on Greenwich, while the United States with the Aleutians is one piece.
    pub fn extent(&self) -> Option<(f64, f64)> {
        if self.min > self.max {
            return None;
        }
        // The longest run of empty bins, going round the circle.
        let (mut best, mut best_end, mut run) = (0, 0, 0);
        for i in 0..2 * Self::BINS {
            if self.used[i % Self::BINS] {
                run = 0;
            } else {
                run += 1;
                if run > best && run <= Self::BINS {
                    (best, best_end) = (run, i % Self::BINS);
                }
            }
        }
        let crossing_span = 360.0 - best as f64 / 4.0;
        let west = (best_end + 1) as f64 / 4.0 - 180.0;
        if crossing_span + 45.0 < self.max - self.min {
            Some((west, crossing_span))
        } else {
            Some((self.min, self.max - self.min))
        }
    }
}

/// The extent of a set of longitudes (see [`LonCover::extent`]).
pub fn lon_extent(lons: &[f64]) -> Option<(f64, f64)> {
    let mut c = LonCover::default();
    lons.iter().for_each(|&l| c.point(l));
    c.extent()
}

/// A scale bar: a round length in metres, and its width in CSS px, at most `max_px` wide.
pub fn scale_bar(view: &Viewport, max_px: f64) -> (f64, f64) {
    let max_m = view.metres_per_px() * max_px;
    let pow = 10f64.powf(max_m.log10().floor());
    let first = max_m / pow;
    let nice = if first >= 5.0 {
        5.0
    } else if first >= 2.0 {
        2.0
    } else {
        1.0
    };
    let metres = nice * pow;
    (metres, metres / view.metres_per_px())
}

/// The canvases' size in device pixels for a box of `w` x `h` CSS px at `dpr`: the size the
/// browser reported for the box (`devicePixelContentBoxSize`, exact at fractional ratios)
/// while it still fits the box, else the box times the ratio.
pub fn device_size(w: f64, h: f64, dpr: f64, reported: Option<(u32, u32)>) -> (u32, u32) {
    let estimate = ((w * dpr).round().max(1.0), (h * dpr).round().max(1.0));
    match reported {
        Some((dw, dh))
            if (f64::from(dw) - estimate.0).abs() <= 1.0
                && (f64::from(dh) - estimate.1).abs() <= 1.0 =>
        {
            (dw.max(1), dh.max(1))
        }
        _ => (estimate.0 as u32, estimate.1 as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() < eps
    }

    #[test]
    fn projection_round_trips() {
        for &(lon, lat) in &[(120.15, 30.28), (0.0, 0.0), (-179.9, -80.0), (118.3, 29.7)] {
            let back = unproject(project(LonLat::new(lon, lat)));
            assert!(
                close(back.lon, lon, 1e-9) && close(back.lat, lat, 1e-9),
                "{lon},{lat}"
            );
        }
        let v = Viewport::new(LonLat::new(119.0, 29.0), 7.3, 800.0, 600.0);
        let p = LonLat::new(120.15, 30.28);
        let s = v.lonlat_to_screen(p);
        let back = v.screen_to_lonlat(s);
        assert!(close(back.lon, p.lon, 1e-9) && close(back.lat, p.lat, 1e-9));
        // The centre is the middle of the element.
        let c = v.lonlat_to_screen(v.center());
        assert!(close(c.x, 400.0, 1e-6) && close(c.y, 300.0, 1e-6));
        // North is up.
        assert!(v.lonlat_to_screen(LonLat::new(119.0, 30.0)).y < c.y);
    }

    #[test]
    fn zoom_about_keeps_the_anchor_still() {
        let v = Viewport::new(LonLat::new(119.0, 29.0), 7.0, 800.0, 600.0);
        let about = ScreenPx { x: 100.0, y: 450.0 };
        let under = v.screen_to_lonlat(about);
        let z = v.zoom_about(about, 9.5);
        assert!(close(z.zoom(), 9.5, 1e-12));
        let s = z.lonlat_to_screen(under);
        assert!(close(s.x, about.x, 1e-6) && close(s.y, about.y, 1e-6));
        // Clamped to the zoom range, and still about the same point.
        let z = v.zoom_about(about, 40.0);
        assert_eq!(z.zoom(), 14.0);
        let s = z.lonlat_to_screen(under);
        assert!(close(s.x, about.x, 1e-6));
    }

    #[test]
    fn pan_follows_the_pointer() {
        let v = Viewport::new(LonLat::new(119.0, 29.0), 7.0, 800.0, 600.0);
        let p = ScreenPx { x: 300.0, y: 200.0 };
        let under = v.screen_to_lonlat(p);
        let moved = v.pan_by(25.0, -40.0);
        let s = moved.lonlat_to_screen(under);
        assert!(close(s.x, 325.0, 1e-6) && close(s.y, 160.0, 1e-6));
    }

    #[test]
    fn fit_bounds_shows_the_whole_box() {
        let v = Viewport::new(LonLat::new(0.0, 0.0), 3.0, 1000.0, 500.0);
        let (sw, ne) = (LonLat::new(114.0, 23.5), LonLat::new(123.0, 35.2));
        let f = v.fit_bounds(sw, ne, 20.0);
        let a = f.lonlat_to_screen(sw);
        let b = f.lonlat_to_screen(ne);
        for p in [a, b] {
            assert!(
                p.x >= 19.9 && p.x <= 980.1 && p.y >= 19.9 && p.y <= 480.1,
                "{p:?}"
            );
        }
        // Tight on one axis.
        assert!(close(a.y - b.y, 460.0, 1e-6) || close(b.x - a.x, 960.0, 1e-6));
    }

    #[test]
    fn scale_bar_is_round() {
        let v = Viewport::new(LonLat::new(120.0, 30.0), 8.0, 800.0, 600.0);
        let (m, px) = scale_bar(&v, 120.0);
        assert!(px <= 120.0 && px > 40.0);
        let lead = m / 10f64.powf(m.log10().floor());
        assert!([1.0, 2.0, 5.0].iter().any(|&n| close(lead, n, 1e-9)), "{m}");
    }

    #[test]
    fn the_extent_of_data_across_the_antimeridian_is_one_piece() {
        // Alaska with the western Aleutians (172° E) and Maine (-67°): one piece across 180°.
        let us = [172.5, 178.0, -179.5, -170.0, -150.0, -120.0, -90.0, -67.0];
        let (west, span) = lon_extent(&us).unwrap();
        assert!(
            (west - 172.5).abs() <= 0.25 && (span - 120.5).abs() <= 0.5,
            "{west} {span}"
        );
        // China does not cross: the plain extent.
        let (west, span) = lon_extent(&[114.0, 118.0, 122.9]).unwrap();
        assert_eq!((west, span), (114.0, 8.900000000000006));
        // A world: Greenwich stays in the middle even with a gap in the Pacific.
        let world: Vec<f64> = (0..340).map(|i| -180.0 + i as f64).collect();
        let (west, span) = lon_extent(&world).unwrap();
        assert_eq!((west, span), (-180.0, 339.0));
        assert_eq!(lon_extent(&[f64::NAN]), None);
    }

    #[test]
    fn a_central_meridian_keeps_data_across_180_together() {
        let v = Viewport::new(LonLat::new(0.0, 0.0), 3.0, 800.0, 600.0)
            .with_central_meridian(180.0)
            .fit_bounds(LonLat::new(170.0, -20.0), LonLat::new(-170.0, -10.0), 10.0);
        let (a, b) = (
            v.lonlat_to_screen(LonLat::new(170.0, -15.0)),
            v.lonlat_to_screen(LonLat::new(-170.0, -15.0)),
        );
        // West to east, 20° apart, both on screen.
        assert!(a.x > 0.0 && a.x < b.x && b.x < 800.0, "{a:?} {b:?}");
        // Back from the screen, in [-180, 180).
        let back = v.screen_to_lonlat(b);
        assert!((back.lon + 170.0).abs() < 1e-9, "{back:?}");
        let c = v.center();
        assert!((c.lon.abs() - 180.0).abs() < 1e-9 && (-180.0..180.0).contains(&c.lon));
        // A line across the meridian is drawn the short way.
        let line = v.path_to_screen(&[LonLat::new(175.0, -15.0), LonLat::new(-175.0, -15.0)]);
        assert!((line[1].x - line[0].x - (b.x - a.x) / 2.0).abs() < 1e-6);
    }

    #[test]
    fn the_poles_are_clamped_to_finite_values() {
        for lat in [90.0, -90.0, 89.9999, f64::NAN, f64::INFINITY] {
            let w = project(LonLat::new(10.0, lat));
            assert!(
                w.x.is_finite() && w.y.is_finite() && (0.0..=1.0).contains(&w.y),
                "{lat}"
            );
        }
        assert_eq!(project(LonLat::new(0.0, 90.0)).y, 0.0);
        assert!((project(LonLat::new(0.0, -90.0)).y - 1.0).abs() < 1e-12);
        // A non-finite zoom or centre does not poison the view.
        let v = Viewport::new(LonLat::new(f64::NAN, 0.0), f64::NAN, 800.0, 600.0);
        assert!(v.zoom().is_finite() && v.center().lon.is_finite());
    }

    #[test]
    fn max_bounds_keep_the_centre_near() {
        let v = Viewport::new(LonLat::new(120.0, 30.0), 8.0, 800.0, 600.0).with_max_bounds(
            Some((LonLat::new(118.0, 28.0), LonLat::new(122.0, 32.0))),
            0.0,
        );
        let far = v.pan_by(-100_000.0, 0.0).center();
        assert!((far.lon - 122.0).abs() < 1e-9, "{far:?}");
        // With slack, 40% of the view past the edge.
        let v = v.with_max_bounds(
            Some((LonLat::new(118.0, 28.0), LonLat::new(122.0, 32.0))),
            0.4,
        );
        let far = v.pan_by(-100_000.0, 0.0);
        let edge = far.lonlat_to_screen(LonLat::new(122.0, 30.0));
        assert!((edge.x - 0.1 * 800.0).abs() < 1e-6, "{edge:?}");
    }

    #[test]
    fn the_canvas_takes_the_browser_s_device_pixels_while_they_fit_the_box() {
        // At 1.25, a box of 333.6 CSS px is 417 device px by estimate; the browser's exact
        // count (416 or 418) wins, a stale one (from before a change of ratio) does not.
        assert_eq!(device_size(333.6, 100.0, 1.25, None), (417, 125));
        assert_eq!(
            device_size(333.6, 100.0, 1.25, Some((416, 125))),
            (416, 125)
        );
        assert_eq!(
            device_size(333.6, 100.0, 1.25, Some((418, 124))),
            (418, 124)
        );
        assert_eq!(
            device_size(333.6, 100.0, 1.25, Some((334, 100))),
            (417, 125)
        );
        assert_eq!(
            device_size(0.2, 0.2, 1.0, None),
            (1, 1),
            "never an empty canvas"
        );
    }
}
