//! The host's calls as the web layer receives them, with plain arguments (numbers, flat
//! lists, JSON text): each reads its arguments and calls the typed method, so that the web
//! layer only passes them on and the reading is tested natively.

use crate::interact::Input;
use crate::model::LonLat;
use crate::scene::{self, choropleth};
use crate::view::Viewport;

use super::MapApp;

/// A finite number, or None (NaN or infinite: "keep" or "the default").
fn given(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// The arguments of a command: a JSON array, `null` for a number the page left out (JSON
/// has no NaN) or for "none".
struct Args(Vec<serde_json::Value>);

impl Args {
    fn num(&self, k: usize) -> f64 {
        self.0
            .get(k)
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(f64::NAN)
    }
    fn text(&self, k: usize) -> Option<&str> {
        self.0.get(k).and_then(serde_json::Value::as_str)
    }
    fn nums(&self, k: usize) -> Vec<f64> {
        let all = self.0.get(k).and_then(serde_json::Value::as_array);
        let num = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);
        all.map(|a| a.iter().map(num).collect()).unwrap_or_default()
    }
    fn texts(&self, k: usize) -> Vec<String> {
        let all = self.0.get(k).and_then(serde_json::Value::as_array);
        let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
        all.map(|a| a.iter().map(text).collect())
            .unwrap_or_default()
    }
}

impl MapApp {
    /// A command of the page by name, with its arguments as a JSON array (one export for
    /// them all, like [`MapApp::query`]). Returns the answer as JSON and whether the map is
    /// to be drawn again; an error names the member of the page's API that failed.
    pub fn command(&mut self, what: &str, args: &str, now: f64) -> Result<(String, bool), String> {
        let a = Args(serde_json::from_str(args).map_err(|e| format!("{what}: {e}"))?);
        let done = |dirty: bool| ("null".to_string(), dirty);
        Ok(match what {
            "select" => {
                let ok = self.select(a.text(0));
                (ok.to_string(), ok)
            }
            "move_to" => {
                let fly = a.0.get(4).and_then(serde_json::Value::as_bool) == Some(true);
                let (lon, lat, zoom, duration) = (a.num(0), a.num(1), a.num(2), a.num(3));
                done(self.move_to(lon, lat, zoom, duration, fly, &a.nums(5), now))
            }
            "set_limits" => {
                self.set_limits_from(a.num(0), a.num(1), &a.nums(2));
                done(true)
            }
            "zoom_by" => done(self.zoom_by(a.num(0), now)),
            "reveal_beside" => done(self.reveal_beside(a.num(0))),
            "reset" => done(self.reset(now)),
            "set_lang" => {
                let lang = a.text(0).unwrap_or_default();
                self.set_lang(lang).map_err(|e| format!("setLang: {e}"))?;
                done(true)
            }
            "set_messages" => {
                self.set_messages_flat(&a.texts(0));
                done(true)
            }
            "show_alliances" => {
                let ids = match a.0.first() {
                    Some(serde_json::Value::Array(_)) => Some(a.texts(0)),
                    None | Some(serde_json::Value::Null) => None,
                    Some(v) if v == "all" => None,
                    Some(_) => {
                        return Err("showAlliances: expected 'all' or an array of ids".into())
                    }
                };
                self.show_alliances(ids);
                done(true)
            }
            "set_year" => {
                self.set_year(given(a.num(0)).map(|y| y as i32));
                done(true)
            }
            "set_indicator" => {
                (self.set_indicator(a.text(0))).map_err(|e| format!("setIndicator: {e}"))?;
                done(true)
            }
            "set_classes" => {
                let (names, names_zh) = (a.texts(2), a.texts(3));
                let indicator = a.text(0).unwrap_or_default();
                self.set_classes_from(indicator, &a.nums(1), names, names_zh, &a.nums(4));
                done(true)
            }
            "restore" => {
                let snapshot = a.text(0).unwrap_or_default();
                let s =
                    super::Snapshot::from_json(snapshot).map_err(|e| format!("restore: {e}"))?;
                self.restore(&s);
                done(true)
            }
            _ => return Err(format!("no command {what}")),
        })
    }

    /// Moves the view: to a centre and zoom (NaN keeps a part), or, with `fit` = [west,
    /// south, east, north, top, right, bottom, left, max_zoom], to the view that shows that
    /// box inside that padding (CSS px), zoomed in no further than max_zoom (NaN: the map's
    /// limit). Over `duration` ms: 0 at once, NaN a duration that suits the way; straight or
    /// flying out and in (`fly`). Returns whether a frame is needed.
    #[allow(clippy::too_many_arguments)]
    pub fn move_to(
        &mut self,
        lon: f64,
        lat: f64,
        zoom: f64,
        duration: f64,
        fly: bool,
        fit: &[f64],
        now: f64,
    ) -> bool {
        let to = match *fit {
            [w, s, e, n, top, right, bottom, left, max_zoom] => self.fit_target(
                LonLat::new(w, s),
                LonLat::new(e, n),
                [top, right, bottom, left],
                max_zoom,
            ),
            _ => {
                let center = (lon.is_finite() && lat.is_finite()).then(|| LonLat::new(lon, lat));
                self.target(center, given(zoom))
            }
        };
        self.travel(to, (!duration.is_nan()).then_some(duration), fly, now)
    }

    /// The zoom limits and the box the centre stays in (NaN: from the data; `bounds` four
    /// numbers west, south, east, north, or empty for none).
    pub fn set_limits_from(&mut self, min_zoom: f64, max_zoom: f64, bounds: &[f64]) {
        let b = match *bounds {
            [w, s, e, n] => Some((LonLat::new(w, s), LonLat::new(e, n))),
            _ => None,
        };
        self.set_limits(given(min_zoom), given(max_zoom), b);
    }

    /// Zooms by `delta` levels about the centre, animated (the +/- buttons).
    pub fn zoom_by(&mut self, delta: f64, now: f64) -> bool {
        self.handle(Input::ZoomBy { delta, t: now }, now)
    }

    /// The classes of an industry view, from the module loaded later: each city's class
    /// (NaN: none), and the classes' English and Chinese names and colours (r, g, b each).
    pub fn set_classes_from(
        &mut self,
        indicator: &str,
        values: &[f64],
        names: Vec<String>,
        names_zh: Vec<String>,
        colors: &[f64],
    ) {
        let colors = (colors.chunks_exact(3))
            .map(|c| scene::Rgba::from_css_numbers(&[c[0], c[1], c[2], 1.0]))
            .collect();
        let c = choropleth::Classification {
            values: values.iter().map(|v| given(*v)).collect(),
            ranked: choropleth::ranked(&self.ds),
            classes: choropleth::Classes::categories(names, names_zh, colors),
        };
        self.set_classes(indicator, c);
    }

    /// The page's words for the current language, as key, words, key, words, …
    pub fn set_messages_flat(&mut self, pairs: &[String]) {
        self.set_messages(crate::text::pairs(pairs));
    }

    /// The land under data of points and lines only, from a GeoJSON of polygons (see
    /// [`MapApp::set_context`]). Returns whether it is drawn.
    pub fn set_context_text(&mut self, name: &str, text: &str) -> Result<bool, String> {
        let layer = crate::model::parse_map(name, text).map_err(|p| p.to_string())?;
        let shapes: Vec<geo::MultiPolygon<f64>> =
            layer.cities.into_iter().map(|c| c.shape).collect();
        Ok(self.set_context(&shapes, layer.attribution))
    }

    /// What `toPNG` draws: the current view with its legend, at `ratio` device pixels per
    /// CSS pixel (not finite: the map's; at most 8), on `background` (r, g, b, alpha 0 to 1;
    /// empty: the theme's).
    pub fn export_list(&self, ratio: f64, background: &[f64]) -> (scene::DisplayList, Viewport) {
        let view = if ratio.is_finite() && ratio > 0.0 {
            self.view.with_pixel_ratio(ratio.min(8.0))
        } else {
            self.view
        };
        let (ds, state) = (&self.ds, &self.state);
        let mut list = scene::build(ds, &self.prep, &view, state);
        list.cmds.extend(scene::legend(ds, &view, state));
        if let [r, g, b, a] = *background {
            if let Some(scene::Cmd::Clear(c)) = list.cmds.first_mut() {
                *c = scene::Rgba::from_css_numbers(&[r, g, b, a]);
            }
        }
        (list, view)
    }
}
