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

/// Lon/lat to world space.
pub fn project(p: LonLat) -> World {
    let lat = p.lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    World {
        x: (p.lon + 180.0) / 360.0,
        y: 0.5
            - ((std::f64::consts::FRAC_PI_4 + lat / 2.0).tan().ln()) / (2.0 * std::f64::consts::PI),
    }
}

/// World space to lon/lat.
pub fn unproject(w: World) -> LonLat {
    let n = std::f64::consts::PI * (1.0 - 2.0 * w.y);
    LonLat {
        lon: w.x * 360.0 - 180.0,
        lat: n.sinh().atan().to_degrees(),
    }
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
        }
        .clamped()
    }

    fn clamped(mut self) -> Self {
        self.zoom = self.zoom.clamp(self.min_zoom, self.max_zoom);
        self.center.x = self.center.x.clamp(0.0, 1.0);
        self.center.y = self.center.y.clamp(0.0, 1.0);
        self
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
            center: project(center),
            ..self
        }
        .clamped()
    }

    /// Limits the zoom.
    pub fn with_zoom_range(self, min: f64, max: f64) -> Self {
        Viewport {
            min_zoom: min,
            max_zoom: max.max(min),
            ..self
        }
        .clamped()
    }

    /// Centre in lon/lat.
    pub fn center(&self) -> LonLat {
        unproject(self.center)
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
        self.world_to_screen(project(p))
    }

    /// Screen to lon/lat.
    pub fn screen_to_lonlat(&self, p: ScreenPx) -> LonLat {
        unproject(self.screen_to_world(p))
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
    /// around it.
    pub fn fit_bounds(self, sw: LonLat, ne: LonLat, padding: f64) -> Self {
        let a = project(LonLat::new(sw.lon.min(ne.lon), sw.lat.min(ne.lat)));
        let b = project(LonLat::new(sw.lon.max(ne.lon), sw.lat.max(ne.lat)));
        let (dx, dy) = ((b.x - a.x).abs().max(1e-12), (b.y - a.y).abs().max(1e-12));
        let w = (self.width - 2.0 * padding).max(1.0);
        let h = (self.height - 2.0 * padding).max(1.0);
        let k = (w / dx).min(h / dy);
        let zoom = (k / TILE_SIZE).log2();
        Viewport {
            center: World {
                x: (a.x + b.x) / 2.0,
                y: (a.y + b.y) / 2.0,
            },
            zoom,
            ..self
        }
        .clamped()
    }

    /// Metres per CSS pixel at the centre's latitude.
    pub fn metres_per_px(&self) -> f64 {
        let lat = self.center().lat.to_radians();
        lat.cos() * 2.0 * std::f64::consts::PI * EARTH_RADIUS_M / self.scale()
    }
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
}
