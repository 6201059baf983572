//! The application: one map's data, prepared geometry, index, viewport, scene state and
//! interaction, owned in one place. Inputs go in ([`MapApp::handle`], the setters), events
//! come out ([`MapApp::take_events`]), and [`MapApp::plan`] says what the next frame must do.
//! No browser here: a host (the web layer today, a test or a worker tomorrow) feeds it and
//! plays its output, so all of it is tested natively.

mod host;
mod loading;
mod query;
mod stream;

use std::cell::RefCell;

use serde::Serialize;

pub use loading::{text_of, DataFiles, FileBytes, STEP_BYTES};
pub use stream::{FeatureStream, KEPT_BYTES};

use crate::api::{
    AnyRecord, ClickDetail, FeatureBrief, HintDetail, HoverDetail, LegendAlliance,
    LegendChoropleth, LegendClass, LegendState, LonLatDetail, PointDetail, ViewDetail,
};
use crate::hit::HitIndex;
use crate::interact::{Action, Input, Interaction, ViewPath};
use crate::model::{Dataset, IdRef, Level, LonLat};
use crate::scene::{self, AllianceFilter, FeatureRef, Kind, Lang, LinkLayer, Prepared, SceneState};
use crate::view::{ScreenPx, Viewport};

/// While a drag pauses this long (ms), the map counts as at rest and is drawn in full.
pub const DRAG_PAUSE_MS: f64 = 150.0;
/// Wheel turns count as motion for this long (ms), so that a run of them re-renders once.
pub const WHEEL_SETTLE_MS: f64 = 200.0;
/// A place stepped to with N/P closer than this to the edge (CSS px) is brought into view.
pub const STEP_MARGIN_PX: f64 = 40.0;
/// Padding (CSS px) around the data when the view is fitted to it.
pub const FIT_PADDING_PX: f64 = 16.0;

/// How a map starts.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// Label language: `en` (default) or `zh`.
    pub lang: Lang,
    /// Initial centre [lon, lat]; the whole data set when absent.
    pub center: Option<[f64; 2]>,
    /// Initial zoom.
    pub zoom: Option<f64>,
    /// The page prefers reduced motion: no inertia, no animated zooms.
    pub reduced_motion: bool,
    /// `"focus"` (default): the wheel zooms only when the map has focus or Ctrl is held, and
    /// one finger scrolls the page. `"always"`: for full-page maps.
    pub wheel: Option<String>,
    /// The smallest zoom; by default one step out from the whole data set.
    pub min_zoom: Option<f64>,
    /// The largest zoom; by default what the data's detail suits.
    pub max_zoom: Option<f64>,
    /// The south-west corner [lon, lat] of the box the centre is kept in (with
    /// `max_bounds_ne`). By default the data's bounds, which the centre may pass by four
    /// tenths of the view (the data stays in sight).
    pub max_bounds_sw: Option<[f64; 2]>,
    /// The north-east corner of that box.
    pub max_bounds_ne: Option<[f64; 2]>,
}

// The options and the snapshot are read from the parsed JSON by hand: a derived
// `Deserialize` costs the module a copy of serde's struct reader per type (about 1 kB gzipped
// each) in what a page loads before its first paint. The tests check the round trip.
fn num(v: &serde_json::Value, key: &str) -> Option<f64> {
    v.get(key)?.as_f64()
}
fn pair(v: &serde_json::Value, key: &str) -> Option<[f64; 2]> {
    let a = v.get(key)?.as_array()?;
    Some([a.first()?.as_f64()?, a.get(1)?.as_f64()?])
}
fn string(v: &serde_json::Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(str::to_string)
}
fn lang_of(v: &serde_json::Value) -> Lang {
    if v.get("lang").and_then(|l| l.as_str()) == Some("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

impl AppOptions {
    /// Reads the options as the page writes them (JSON); missing or malformed members keep
    /// their defaults. Fails only when the text is not a JSON object.
    pub fn from_json(text: &str) -> Result<Self, String> {
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if !v.is_object() {
            return Err("options are not an object".into());
        }
        Ok(AppOptions {
            lang: lang_of(&v),
            center: pair(&v, "center"),
            zoom: num(&v, "zoom"),
            reduced_motion: v
                .get("reduced_motion")
                .and_then(|b| b.as_bool())
                .unwrap_or(false),
            wheel: string(&v, "wheel"),
            min_zoom: num(&v, "min_zoom"),
            max_zoom: num(&v, "max_zoom"),
            max_bounds_sw: pair(&v, "max_bounds_sw"),
            max_bounds_ne: pair(&v, "max_bounds_ne"),
        })
    }

    /// The wheel always zooms and one finger pans (a full-page map).
    pub fn wheel_always(&self) -> bool {
        self.wheel.as_deref() == Some("always")
    }
}

/// Something the map tells its page.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The selection changed: the full record, or None when cleared.
    Select(Option<Box<AnyRecord>>),
    /// The hover changed.
    Hover(Option<Box<HoverDetail>>),
    /// The view changed.
    View(ViewDetail),
    /// The page scrolled instead of the map: `wheel` or `touch`.
    Hint(&'static str),
    /// A click or tap, on a feature or on empty map.
    Click(ClickDetail),
    /// The view started to move (a gesture, an animation, or a jump).
    MoveStart(ViewDetail),
    /// The view came to rest after moving.
    MoveEnd(ViewDetail),
}

impl Event {
    /// The event's public name.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Select(_) => "select",
            Event::Hover(_) => "hover",
            Event::View(_) => "view",
            Event::Hint(_) => "hint",
            Event::Click(_) => "click",
            Event::MoveStart(_) => "movestart",
            Event::MoveEnd(_) => "moveend",
        }
    }

    /// The event's detail as JSON.
    pub fn detail_json(&self) -> String {
        use crate::api::to_json;
        match self {
            Event::Select(r) => to_json(r),
            Event::Hover(h) => to_json(h),
            Event::View(v) => to_json(v),
            Event::Hint(reason) => to_json(&HintDetail { reason }),
            Event::Click(c) => to_json(c),
            Event::MoveStart(v) | Event::MoveEnd(v) => to_json(v),
        }
    }
}

/// What a map shows, apart from its data: enough to rebuild it after an internal error, or to
/// keep it across new data. Opaque to the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    /// Label language.
    pub lang: Lang,
    /// A page's own language tag, when it is neither `en` nor `zh`.
    pub tag: Option<String>,
    /// Alliances whose links show; None for all.
    pub alliances: Option<Vec<String>>,
    /// Timeline year.
    pub year: Option<i32>,
    /// Choropleth indicator.
    pub indicator: Option<String>,
    /// View centre [lon, lat].
    pub center: [f64; 2],
    /// Zoom level.
    pub zoom: f64,
    /// The selected feature's id.
    pub selected: Option<String>,
}

impl Snapshot {
    /// Reads a snapshot that [`MapApp::snapshot`] wrote (JSON).
    pub fn from_json(text: &str) -> Result<Self, String> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let [lon, lat] = pair(&v, "center").ok_or("no centre")?;
        Ok(Snapshot {
            lang: lang_of(&v),
            tag: string(&v, "tag"),
            alliances: (v.get("alliances").and_then(|a| a.as_array())).map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            }),
            year: num(&v, "year").map(|y| y as i32),
            indicator: string(&v, "indicator"),
            center: [lon, lat],
            zoom: num(&v, "zoom").ok_or("no zoom")?,
            selected: string(&v, "selected"),
        })
    }
}

/// What the canvases show now, as the host reports it to [`MapApp::plan`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Painted {
    /// The view and state the map layer was last drawn in full for.
    pub map: Option<(Viewport, SceneState)>,
    /// The view and state the hover layer shows.
    pub hover: Option<(Viewport, SceneState)>,
    /// The last full frame left shapes out (a very large file is drawn over several frames).
    pub incomplete: bool,
    /// A new base is being painted in slices, over several frames; `map` is the last whole
    /// frame, which the screen shows meanwhile.
    pub pending: bool,
}

/// What the next frame does.
#[derive(Debug, Clone, PartialEq)]
pub enum FramePlan {
    /// Nothing to draw (still loading).
    Nothing,
    /// Only the view moved since the last full frame, and the view is in motion: move that
    /// frame (translate by `dx`, `dy` CSS px, then scale by `k` about its top-left corner) and
    /// clear the hover layer.
    Move {
        /// Horizontal offset, CSS px.
        dx: f64,
        /// Vertical offset, CSS px.
        dy: f64,
        /// Scale.
        k: f64,
    },
    /// Draw what changed, with no transform.
    Draw {
        /// Draw the map layer (its view or state changed).
        map: bool,
        /// The base's points and labels may be left out (in motion over a cached base).
        base_points: bool,
        /// Draw the hover layer again.
        hover: bool,
    },
}

/// The zoom range and the box the centre stays in: from the options, else from the data.
#[derive(Debug, Clone, Default)]
struct Limits {
    min_zoom: Option<f64>,
    max_zoom: Option<f64>,
    max_bounds: Option<(LonLat, LonLat)>,
}

impl Limits {
    /// The view of the whole data in `v`'s box, with the data's central meridian, zoom range
    /// and limits. The smallest zoom is one step out from the whole data; the largest puts a
    /// typical edge of the data at about 48 CSS px (at least 3 steps in, at most zoom 20).
    fn home(&self, prep: &Prepared, v: Viewport) -> Viewport {
        let v = (v.with_central_meridian(prep.lon0))
            .with_zoom_range(-4.0, 24.0)
            .with_max_bounds(None, 0.0);
        let (sw, ne) = prep.bounds;
        let (_, fit) = v.fit(sw, ne, FIT_PADDING_PX);
        let detail = if prep.detail > 0.0 {
            (48.0 / (crate::view::TILE_SIZE * prep.detail)).log2()
        } else {
            fit + 8.0
        };
        let min = self.min_zoom.unwrap_or(fit - 1.0);
        let max = self.max_zoom.unwrap_or(detail.clamp(fit + 3.0, 20.0));
        v.fit_bounds(sw, ne, FIT_PADDING_PX)
            .with_zoom_range(min, max)
            .with_max_bounds(
                Some(self.max_bounds.unwrap_or((sw, ne))),
                if self.max_bounds.is_some() { 0.0 } else { 0.4 },
            )
    }
}

/// The view the options ask for in `home` (the whole data): their centre and zoom, where given.
fn start_view(home: Viewport, (center, zoom): (Option<LonLat>, Option<f64>)) -> Viewport {
    let v = center.map_or(home, |c| home.with_center(c));
    zoom.map_or(v, |z| v.with_zoom(z))
}

/// One map's application state.
pub struct MapApp {
    ds: Dataset,
    prep: Prepared,
    hit: HitIndex,
    view: Viewport,
    home: Viewport,
    state: SceneState,
    interaction: Interaction,
    step_order: Vec<usize>,
    limits: Limits,
    /// Whether the hover came from the keyboard (N/P) rather than the pointer.
    keyboard_focus: bool,
    /// Wheel turns count as motion until this time (ms).
    settle_at: f64,
    /// When the view last changed (ms): a drag that pauses is drawn in full.
    view_changed_at: f64,
    /// The view the last `view` event carried.
    last_view_emitted: Option<Viewport>,
    /// Where the view last came to rest (centre and zoom), and whether a `movestart` has
    /// been told since.
    rest: (LonLatDetail, f64),
    moving_told: bool,
    /// A chunked load is in progress: nothing is drawn.
    loading: bool,
    /// The load in progress, if any.
    load: Option<Box<loading::Loading>>,
    /// What the last load found wrong.
    problems: Vec<crate::model::Problem>,
    /// The view the options asked for at the start (centre, zoom), for the first data.
    start: (Option<LonLat>, Option<f64>),
    events: Vec<Event>,
    /// The links laid out for a view and state: hover and click test them on every move.
    links: RefCell<Option<(Viewport, SceneState, LinkLayer)>>,
}

impl MapApp {
    /// A map of `ds` in a box of `width` x `height` CSS px.
    pub fn new(ds: Dataset, width: f64, height: f64, opts: &AppOptions) -> Self {
        let prep = Prepared::new(&ds);
        let hit = HitIndex::new(&ds, &prep);
        let limits = Limits {
            min_zoom: opts.min_zoom,
            max_zoom: opts.max_zoom,
            max_bounds: opts
                .max_bounds_sw
                .zip(opts.max_bounds_ne)
                .map(|(a, b)| (LonLat::new(a[0], a[1]), LonLat::new(b[0], b[1]))),
        };
        let home = limits.home(
            &prep,
            Viewport::new(LonLat::new(119.0, 29.0), 6.0, width, height),
        );
        let start = (
            opts.center.map(|[lon, lat]| LonLat::new(lon, lat)),
            opts.zoom,
        );
        let view = start_view(home, start);
        let step_order = step_order(&ds);
        MapApp {
            ds,
            prep,
            hit,
            view,
            home,
            state: SceneState {
                lang: opts.lang,
                ..SceneState::default()
            },
            interaction: Interaction::new()
                .with_reduced_motion(opts.reduced_motion)
                .with_cooperative_touch(!opts.wheel_always()),
            step_order,
            limits,
            keyboard_focus: false,
            settle_at: 0.0,
            view_changed_at: 0.0,
            last_view_emitted: None,
            rest: (
                LonLatDetail {
                    lon: view.center().lon,
                    lat: view.center().lat,
                },
                view.zoom(),
            ),
            moving_told: false,
            loading: false,
            load: None,
            problems: Vec::new(),
            start,
            events: Vec::new(),
            links: RefCell::new(None),
        }
    }

    /// The data set.
    pub fn dataset(&self) -> &Dataset {
        &self.ds
    }

    /// The prepared geometry.
    pub fn prepared(&self) -> &Prepared {
        &self.prep
    }

    /// The viewport.
    pub fn view(&self) -> &Viewport {
        &self.view
    }

    /// The scene state (selection, hover, language, filters).
    pub fn state(&self) -> &SceneState {
        &self.state
    }

    /// The state the map layer depends on: all but the hover, which has its own layer.
    pub fn map_state(&self) -> SceneState {
        SceneState {
            hover: None,
            ..self.state.clone()
        }
    }

    /// Events raised since the last call.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// Replaces the data (more chunks of a large file, or its facts): the indexes and the
    /// start view are made again, and the view goes to the whole data.
    pub fn replace_data(&mut self, ds: Dataset) {
        let prep = Prepared::new(&ds);
        let hit = HitIndex::new(&ds, &prep);
        self.replace_prepared(ds, prep, hit);
    }

    /// Like [`MapApp::replace_data`], with the data set prepared and indexed already (in
    /// steps of a load).
    pub fn replace_prepared(&mut self, ds: Dataset, prep: Prepared, hit: HitIndex) {
        self.prep = prep;
        self.hit = hit;
        self.step_order = step_order(&ds);
        self.ds = ds;
        self.state.selected = None;
        self.state.hover = None;
        self.links.replace(None);
        self.home = self.limits.home(&self.prep, self.home);
        self.view = start_view(self.home, self.start).with_pixel_ratio(self.view.pixel_ratio());
    }

    /// Draws `land` under data of points and lines only (see [`Prepared::set_context`]);
    /// ignored for data with polygons, which is its own context. Returns whether it is drawn.
    pub fn set_context(&mut self, land: &[geo::MultiPolygon<f64>], credit: Option<String>) -> bool {
        if !self.ds.cities.is_empty() {
            return false;
        }
        self.prep.set_context(land);
        self.prep.context_credit = credit;
        true
    }

    /// The box changed size or pixel ratio. Returns whether anything changed.
    pub fn resize(&mut self, width: f64, height: f64, ratio: f64) -> bool {
        if self.view.width() == width
            && self.view.height() == height
            && self.view.pixel_ratio() == ratio
        {
            return false;
        }
        self.home = (self.limits).home(&self.prep, self.home.with_size(width, height));
        let (min, max) = self.home.zoom_range();
        self.view =
            (self.view.with_size(width, height).with_pixel_ratio(ratio)).with_zoom_range(min, max);
        true
    }

    /// Handles one input at time `now` (ms). Returns whether a frame is needed.
    pub fn handle(&mut self, input: Input, now: f64) -> bool {
        if self.loading {
            return false;
        }
        if matches!(input, Input::Wheel { .. }) {
            self.settle_at = now + WHEEL_SETTLE_MS;
        }
        // The end of a gesture needs a frame at rest, to draw the base again.
        let ended = matches!(input, Input::PointerUp { .. } | Input::PointerCancel { .. });
        let actions = self.interaction.handle(input, &self.view);
        self.apply(actions, now) || ended
    }

    /// Advances animations to `t` (ms), the time of a frame.
    pub fn tick(&mut self, t: f64) {
        if let Some(v) = self.interaction.tick(t, &self.view) {
            self.view = v;
        }
    }

    /// Whether the view is in motion at `now`: a drag or pinch that has not paused, an
    /// animation, or wheel turns that have not settled.
    pub fn moving(&self, now: f64) -> bool {
        (self.interaction.is_gesturing() && now - self.view_changed_at < DRAG_PAUSE_MS)
            || self.interaction.is_animating()
            || now < self.settle_at
    }

    /// Whether another frame is due after one drawn at `now` with `painted`: an animation,
    /// a gesture that may pause, wheel turns that may settle, or shapes left out.
    pub fn wants_frame(&mut self, painted: &Painted, now: f64) -> bool {
        let at_rest = painted.map.as_ref().is_some_and(|(v, _)| *v == self.view);
        let settling = if self.settle_at == 0.0 {
            false
        } else {
            if now >= self.settle_at {
                // One more frame, at rest.
                self.settle_at = 0.0;
            }
            true
        };
        self.interaction.is_animating()
            || (self.interaction.is_gesturing() && !at_rest)
            || settling
            || painted.incomplete
            || painted.pending
    }

    /// What the next frame must do, given what the canvases show. `cached_base` says that a
    /// bitmap of the base exists at the current pixel ratio.
    pub fn plan(&mut self, painted: &Painted, cached_base: bool, now: f64) -> FramePlan {
        if self.loading {
            return FramePlan::Nothing;
        }
        let map_state = self.map_state();
        let moving = self.moving(now);
        if let Some((shown, shown_state)) = &painted.map {
            let same_canvas = shown.pixel_ratio() == self.view.pixel_ratio()
                && shown.width() == self.view.width()
                && shown.height() == self.view.height();
            if moving && same_canvas && *shown_state == map_state && !painted.incomplete {
                let k = self.view.scale() / shown.scale();
                let o = self
                    .view
                    .world_to_screen(shown.screen_to_world(ScreenPx { x: 0.0, y: 0.0 }));
                self.emit_view();
                self.track_motion(now);
                return FramePlan::Move {
                    dx: o.x,
                    dy: o.y,
                    k,
                };
            }
        }
        // A frame that left shapes out (a file of more vertices than a frame turns into
        // paths) is drawn again until every shape is in.
        let map = painted.incomplete
            || (painted.map.as_ref()).is_none_or(|(v, s)| *v != self.view || *s != map_state);
        let hover = painted.hover.as_ref() != Some(&(self.view, self.state.clone()));
        self.emit_view();
        self.track_motion(now);
        FramePlan::Draw {
            map,
            base_points: !(moving && cached_base),
            hover,
        }
    }

    /// `movestart` when the view leaves where it rested, `moveend` when it comes to rest: no
    /// gesture holds it, no animation runs, and wheel turns have settled.
    fn track_motion(&mut self, now: f64) {
        let c = self.view.center();
        let here = (
            LonLatDetail {
                lon: c.lon,
                lat: c.lat,
            },
            self.view.zoom(),
        );
        if !self.moving_told && here != self.rest {
            self.moving_told = true;
            self.events.push(Event::MoveStart(self.view_detail()));
        }
        let in_motion = self.interaction.is_gesturing()
            || self.interaction.is_animating()
            || now < self.settle_at;
        if self.moving_told && !in_motion {
            self.moving_told = false;
            self.rest = here;
            self.events.push(Event::MoveEnd(self.view_detail()));
        }
    }

    fn emit_view(&mut self) {
        if self.last_view_emitted != Some(self.view) {
            self.last_view_emitted = Some(self.view);
            self.events.push(Event::View(self.view_detail()));
        }
    }

    /// The viewport as the API gives it.
    pub fn view_detail(&self) -> ViewDetail {
        let c = self.view.center();
        let (sw, ne) = self.view.bounds();
        ViewDetail {
            center: [c.lon, c.lat],
            zoom: self.view.zoom(),
            bounds: [[sw.lon, sw.lat], [ne.lon, ne.lat]],
        }
    }

    /// The links of the shown alliances for the current view, laid out once per view.
    fn with_links<R>(&self, f: impl FnOnce(&LinkLayer) -> R) -> R {
        let state = self.map_state();
        let mut cache = self.links.borrow_mut();
        let fresh = cache
            .as_ref()
            .is_some_and(|(v, s, _)| *v == self.view && *s == state);
        if !fresh {
            let layer = scene::layout_links(&self.ds, &self.view, &state);
            *cache = Some((self.view, state, layer));
        }
        match cache.as_ref() {
            Some((_, _, layer)) => f(layer),
            None => f(&LinkLayer::default()),
        }
    }

    /// What is under `p` (CSS px): a park, else an alliance link, else a city, else a point or
    /// line of other data.
    pub fn pick(&self, p: ScreenPx) -> Option<FeatureRef> {
        if self.loading {
            return None;
        }
        self.hit.park_at(&self.view, p).or_else(|| {
            self.with_links(|layer| scene::link_at(layer, p, 4.0))
                .map(|index| FeatureRef {
                    kind: Kind::Alliance,
                    index,
                })
                .or_else(|| self.hit.city_at(&self.ds, &self.view, p))
        })
    }

    /// The feature an id names.
    pub fn find(&self, id: &str) -> Option<FeatureRef> {
        let (kind, index) = match self.ds.lookup(id)? {
            IdRef::City(i) => (Kind::City, i),
            IdRef::Park(i) => (Kind::Park, i),
            IdRef::Extra(i) => (Kind::Extra, i),
            IdRef::Alliance(i) => (Kind::Alliance, i),
        };
        Some(FeatureRef { kind, index })
    }

    /// The id of a feature.
    pub fn id_of(&self, f: FeatureRef) -> &str {
        let r = match f.kind {
            Kind::City => IdRef::City(f.index),
            Kind::Park => IdRef::Park(f.index),
            Kind::Alliance => IdRef::Alliance(f.index),
            Kind::Extra => IdRef::Extra(f.index),
        };
        self.ds.id_of(r).unwrap_or_default()
    }

    /// A feature as `hover` and `featureAt` describe it.
    pub fn describe(&self, f: FeatureRef) -> Option<HoverDetail> {
        let props = match f.kind {
            Kind::City => self.ds.cities.get(f.index).map(|c| &c.properties),
            Kind::Extra => self.ds.extras.get(f.index).map(|x| &x.properties),
            _ => None,
        };
        let words = &self.state.words;
        let d = |id: &str, kind, en: &str, zh: Option<&str>, province: Option<&str>| HoverDetail {
            id: id.into(),
            kind,
            name: words.name(self.state.lang, props, en, zh).to_string(),
            name_en: en.into(),
            name_zh: zh.map(str::to_string),
            province: province.map(str::to_string),
            province_zh: (province.and_then(|p| self.ds.province_zh(p))).map(str::to_string),
            keyboard: false,
            color: None,
            lonlat: None,
            point: None,
            feature: None,
        };
        Some(match f.kind {
            Kind::Extra => {
                let x = self.ds.extras.get(f.index)?;
                d(&x.id, "feature", &x.name_en, Some(&x.name_zh), None)
            }
            Kind::City => {
                let c = self.ds.cities.get(f.index)?;
                HoverDetail {
                    keyboard: self.keyboard_focus,
                    ..d(
                        &c.id,
                        "city",
                        &c.name_en,
                        Some(&c.name_zh),
                        Some(&c.province),
                    )
                }
            }
            Kind::Alliance => {
                let a = self.ds.alliances.get(f.index)?;
                HoverDetail {
                    color: Some(scene::style::Palette::default().alliance(f.index).css()),
                    ..d(&a.id, "alliance", &a.name_en, a.name_zh.as_deref(), None)
                }
            }
            Kind::Park => {
                let p = self.ds.parks.get(f.index)?;
                let province = self.ds.city(&p.host).map(|h| h.province.as_str());
                HoverDetail {
                    keyboard: self.keyboard_focus,
                    ..d(&p.id, "park", &p.name_en, p.name_zh.as_deref(), province)
                }
            }
        })
    }

    /// What a click at `p` would select.
    pub fn feature_at(&self, p: ScreenPx) -> Option<HoverDetail> {
        self.pick(p).and_then(|f| self.describe(f))
    }

    fn set_selected(&mut self, f: Option<FeatureRef>) {
        if self.state.selected == f {
            return;
        }
        self.state.selected = f;
        let record = f.and_then(|f| self.ds.any_record(self.id_of(f)));
        self.events.push(Event::Select(record.map(Box::new)));
    }

    /// Where a pointer at `p` is, in degrees and in CSS px.
    fn pointer_at(&self, p: ScreenPx) -> (LonLatDetail, PointDetail) {
        let ll = self.view.screen_to_lonlat(p);
        (
            LonLatDetail {
                lon: ll.lon,
                lat: ll.lat,
            },
            PointDetail { x: p.x, y: p.y },
        )
    }

    /// Moves the hover to `f`; `at` is the pointer that moved it there (None: the keyboard,
    /// or the pointer left).
    fn set_hover(&mut self, f: Option<FeatureRef>, at: Option<ScreenPx>) {
        if self.state.hover == f {
            return;
        }
        self.state.hover = f;
        let detail = f.and_then(|f| {
            let d = self.describe(f)?;
            Some(match at {
                Some(p) => {
                    let (lonlat, point) = self.pointer_at(p);
                    HoverDetail {
                        lonlat: Some(lonlat),
                        point: Some(point),
                        feature: Some(brief_of(&d)),
                        ..d
                    }
                }
                None => d,
            })
        });
        self.events.push(Event::Hover(detail.map(Box::new)));
    }

    /// Selects the feature with this id, or clears the selection with None. False for an
    /// unknown id (the selection is then unchanged).
    pub fn select(&mut self, id: Option<&str>) -> bool {
        match id {
            None => {
                self.set_selected(None);
                true
            }
            Some(id) => match self.find(id) {
                Some(f) => {
                    self.set_selected(Some(f));
                    true
                }
                None => false,
            },
        }
    }

    /// The selected feature's id.
    pub fn selected(&self) -> Option<&str> {
        self.state.selected.map(|f| self.id_of(f))
    }

    /// The language: `en`, `zh`, or any tag (`fr`, `pt-BR`) whose words the page gives (see
    /// [`crate::text`]); other tags fall back to English words and take names from
    /// `name_<tag>` properties.
    pub fn set_lang(&mut self, lang: &str) -> Result<(), String> {
        if !crate::text::valid_tag(lang) {
            return Err(format!(
                "'{lang}' is not a language tag (such as 'en', 'zh' or 'fr')"
            ));
        }
        self.state.lang = crate::text::base_of(lang);
        std::rc::Rc::make_mut(&mut self.state.words).tag = crate::text::own_tag(lang);
        Ok(())
    }

    /// The language tag (`en`, `zh`, or a page's own).
    pub fn lang_tag(&self) -> &str {
        match (&self.state.words.tag, self.state.lang) {
            (Some(t), _) => t,
            (None, Lang::Zh) => "zh",
            (None, Lang::En) => "en",
        }
    }

    /// The page's words for the current language, by key (see [`crate::text::BUILTIN`]);
    /// they replace the words given before.
    pub fn set_messages(&mut self, words: Vec<(String, String)>) {
        std::rc::Rc::make_mut(&mut self.state.words).overrides = words;
    }

    /// The colours and line scale of the page's theme (see [`scene::style::Palette::THEME`]).
    pub fn set_theme(&mut self, values: &[f64]) {
        self.state.palette = scene::style::Palette::default().with_theme(values);
    }

    /// Which alliances' links show: all, or these ids.
    pub fn show_alliances(&mut self, ids: Option<Vec<String>>) {
        self.state.alliances = match ids {
            None => AllianceFilter::All,
            Some(ids) => AllianceFilter::Only(ids),
        };
    }

    /// The classes of an industry view (`industries`, `industry:<id>`), computed by the module
    /// loaded later for the current data and year; the map, the legend and the exports show
    /// them while that indicator is chosen.
    pub fn set_classes(&mut self, indicator: &str, c: scene::choropleth::Classification) {
        self.state.external = Some(std::rc::Rc::new((indicator.to_string(), c)));
    }

    /// Shows only what existed in `year`; None shows everything.
    pub fn set_year(&mut self, year: Option<i32>) {
        self.state.year = year;
    }

    /// Where the map's buttons are, measured on the page (see [`scene::ControlsBox`]).
    /// Returns whether that changed.
    pub fn set_controls(&mut self, controls: scene::ControlsBox) -> bool {
        let changed = self.state.controls != controls;
        self.state.controls = controls;
        changed
    }

    /// Colours cities by an indicator (see [`scene::choropleth::available`]); None turns it
    /// off. An unknown indicator is an error and changes nothing.
    pub fn set_indicator(&mut self, name: Option<&str>) -> Result<(), String> {
        if let Some(n) = name {
            // The counts are always accepted (the picker offers them only with alliances).
            let builtin = ["alliances", "projects", "parks"].contains(&n);
            if !builtin
                && !scene::choropleth::available(&self.ds)
                    .iter()
                    .any(|i| i.id == n)
            {
                return Err(format!("unknown indicator '{n}'"));
            }
        }
        self.state.indicator = name.map(str::to_string);
        Ok(())
    }

    /// Sets the centre and zoom; a value that is not finite leaves its part unchanged.
    pub fn set_view(&mut self, lon: f64, lat: f64, zoom: f64) {
        self.interaction.stop();
        if lon.is_finite() && lat.is_finite() {
            self.view = self.view.with_center(LonLat::new(lon, lat));
        }
        if zoom.is_finite() {
            self.view = self.view.with_zoom(zoom);
        }
    }

    /// Shows the box from `sw` to `ne`.
    pub fn fit_bounds(&mut self, sw: LonLat, ne: LonLat) {
        self.interaction.stop();
        self.view = self.view.fit_bounds(sw, ne, FIT_PADDING_PX);
    }

    /// New zoom limits (None: from the data) and a new box for the centre (None: the data's
    /// bounds, with slack); the view is brought inside them.
    pub fn set_limits(
        &mut self,
        min_zoom: Option<f64>,
        max_zoom: Option<f64>,
        max_bounds: Option<(LonLat, LonLat)>,
    ) {
        self.limits = Limits {
            min_zoom: min_zoom.filter(|z| z.is_finite()),
            max_zoom: max_zoom.filter(|z| z.is_finite()),
            max_bounds,
        };
        self.home = self.limits.home(&self.prep, self.home);
        self.interaction.stop();
        self.view = self.view.with_limits_of(&self.home);
    }

    /// The view `easeTo`/`flyTo` and `fitBounds` aim at: this centre and zoom (None keeps
    /// the current one).
    pub fn target(&self, center: Option<LonLat>, zoom: Option<f64>) -> Viewport {
        let mut v = self.view;
        if let Some(c) = center.filter(|c| c.lon.is_finite() && c.lat.is_finite()) {
            v = v.with_center(c);
        }
        if let Some(z) = zoom.filter(|z| z.is_finite()) {
            v = v.with_zoom(z);
        }
        v
    }

    /// The view that shows the box from `sw` to `ne` inside `padding` (CSS px: top, right,
    /// bottom, left), zoomed in no further than `max_zoom` (NaN: the map's limit).
    pub fn fit_target(&self, sw: LonLat, ne: LonLat, padding: [f64; 4], max_zoom: f64) -> Viewport {
        self.view.fit_padded(sw, ne, padding, max_zoom)
    }

    /// Moves to `to` over `duration` ms (None: a duration that suits the way), straight
    /// (`easeTo`) or flying out and in again (`flyTo`); at once under reduced motion.
    /// Returns whether a frame is needed.
    pub fn travel(&mut self, to: Viewport, duration: Option<f64>, fly: bool, now: f64) -> bool {
        let path = if fly {
            ViewPath::flight(self.view, to)
        } else {
            ViewPath::straight(self.view, to)
        };
        let actions = self.interaction.travel(path, duration, now);
        self.apply(actions, now)
    }

    /// Back to the whole data.
    pub fn reset(&mut self, now: f64) -> bool {
        self.apply(vec![Action::Reset], now)
    }

    /// Brings the selected city or park into view beside a panel whose left edge is at
    /// `panel_left` (CSS px), when the panel covers it: the view pans sideways so that the
    /// place lands in the middle of what the panel leaves free. Returns whether it moved.
    pub fn reveal_beside(&mut self, panel_left: f64) -> bool {
        let at = match self.state.selected {
            Some(FeatureRef {
                kind: Kind::City,
                index,
            }) => self.ds.cities.get(index).map(|c| c.seat),
            Some(FeatureRef {
                kind: Kind::Park,
                index,
            }) => self.ds.parks.get(index).map(|p| p.location),
            _ => None,
        };
        let Some(at) = at else { return false };
        let s = self.view.lonlat_to_screen(at);
        if s.x < panel_left - 24.0 || s.y < 0.0 || s.y > self.view.height() {
            return false;
        }
        self.interaction.stop();
        self.view = self.view.pan_by(panel_left / 2.0 - s.x, 0.0);
        true
    }

    /// The legend's state: every alliance, and the choropleth's classes.
    pub fn legend(&self) -> LegendState {
        let palette = scene::style::Palette::default();
        let alliances = (self.ds.alliances.iter().enumerate())
            .map(|(i, a)| LegendAlliance {
                id: a.id.clone(),
                name_en: a.name_en.clone(),
                name_zh: a.name_zh.clone(),
                kind_of: a.kind.clone(),
                color: palette.alliance(i).css(),
                dashed: palette.alliance_dashed(i),
                members: a.members.len(),
                member_provinces: a.member_provinces.len(),
                founded: a.founded.clone(),
                parent: a.parent.clone(),
                selected: self.state.alliances.shows(&a.id),
                exists: scene::alliance_exists(a, self.state.year),
                first_year: scene::first_year(a),
                drawn: scene::alliance_shown(&self.ds, i, &self.state) && a.members.len() >= 2,
                // Sub-alliances are drawn with their parent; one member draws no link, but
                // member provinces are drawn as outlines.
                listed: (a.members.len() >= 2 || !a.member_provinces.is_empty())
                    && a.parent.is_none(),
            })
            .collect();
        let choropleth = self.state.indicator.as_deref().and_then(|name| {
            let c = scene::classification(&self.ds, &self.state)?;
            let info = scene::choropleth::available(&self.ds)
                .into_iter()
                .find(|i| i.id == name);
            let classes = (c.classes.lower.iter().zip(&c.classes.upper).enumerate())
                .map(|(k, (lo, hi))| LegendClass {
                    lower: *lo,
                    upper: *hi,
                    label: c.classes.label_in(k, self.state.lang),
                    color: c.classes.color(k).css(),
                    count: c.count(k),
                })
                .collect();
            Some(LegendChoropleth {
                indicator: name.to_string(),
                label_en: info.as_ref().map(|i| i.label_en.clone()),
                label_zh: info.as_ref().map(|i| i.label_zh.clone()),
                classes,
                no_data: c.no_data(),
                unranked: c.unranked(),
                no_data_color: scene::Rgba::hex(scene::choropleth::NO_DATA).css(),
            })
        });
        LegendState {
            alliances,
            choropleth,
            year: self.state.year,
        }
    }

    /// What the map shows, to rebuild it later with [`MapApp::restore`].
    pub fn snapshot(&self) -> Snapshot {
        let v = self.view_detail();
        Snapshot {
            lang: self.state.lang,
            tag: self.state.words.tag.clone(),
            alliances: match &self.state.alliances {
                AllianceFilter::All => None,
                AllianceFilter::Only(ids) => Some(ids.clone()),
            },
            year: self.state.year,
            indicator: self.state.indicator.clone(),
            center: v.center,
            zoom: v.zoom,
            selected: self.selected().map(str::to_string),
        }
    }

    /// Shows what a snapshot showed, as far as the data still has it: an indicator or a
    /// selection that no longer exists is dropped. Raises no events.
    pub fn restore(&mut self, s: &Snapshot) {
        self.state.lang = s.lang;
        if self.state.words.tag != s.tag {
            std::rc::Rc::make_mut(&mut self.state.words).tag = s.tag.clone();
        }
        self.show_alliances(s.alliances.clone());
        self.state.year = s.year;
        if self.set_indicator(s.indicator.as_deref()).is_err() {
            self.state.indicator = None;
        }
        self.view = self
            .view
            .with_center(LonLat::new(s.center[0], s.center[1]))
            .with_zoom(s.zoom);
        self.last_view_emitted = Some(self.view);
        self.rest_here();
        self.state.selected = s.selected.as_deref().and_then(|id| self.find(id));
    }

    /// The view is where it rests: no `movestart` is due.
    fn rest_here(&mut self) {
        let c = self.view.center();
        self.rest = (
            LonLatDetail {
                lon: c.lon,
                lat: c.lat,
            },
            self.view.zoom(),
        );
        self.moving_told = false;
    }

    /// New data (`setData`): the view, the language, the theme, the shown alliances, the year
    /// and the indicator stay; the selection stays if its id is still there. The zoom range
    /// and the bounds follow the new data. Events: `select` with null when the selected feature
    /// is gone, `hover` with null when something was hovered.
    pub fn set_data(&mut self, ds: Dataset) {
        let prep = Prepared::new(&ds);
        let hit = HitIndex::new(&ds, &prep);
        self.set_prepared(ds, prep, hit);
    }

    /// Like [`MapApp::set_data`], with the data set prepared and indexed already (in steps of
    /// a load).
    pub fn set_prepared(&mut self, ds: Dataset, prep: Prepared, hit: HitIndex) {
        let kept = self.snapshot();
        let (had_selection, had_hover) =
            (self.state.selected.is_some(), self.state.hover.is_some());
        let ratio = self.view.pixel_ratio();
        self.replace_prepared(ds, prep, hit);
        self.restore(&kept);
        self.view = self.view.with_pixel_ratio(ratio);
        // The view event of the next frame tells the page where the view ended up.
        self.last_view_emitted = None;
        if had_selection && self.state.selected.is_none() {
            self.events.push(Event::Select(None));
        }
        if had_hover {
            self.events.push(Event::Hover(None));
        }
    }

    /// Carries out the interaction's actions. Returns whether a frame is needed.
    fn apply(&mut self, actions: Vec<Action>, now: f64) -> bool {
        let mut dirty = false;
        for a in actions {
            match a {
                Action::View(v) => {
                    self.view = v;
                    self.view_changed_at = now;
                    dirty = true;
                }
                Action::Hover(p) => {
                    self.keyboard_focus = false;
                    let f = self.pick(p);
                    if f != self.state.hover {
                        self.set_hover(f, Some(p));
                        dirty = true;
                    }
                }
                Action::HoverNone => {
                    if self.state.hover.is_some() {
                        self.set_hover(None, None);
                        dirty = true;
                    }
                }
                Action::Click(p) => {
                    let f = self.pick(p);
                    let (lonlat, point) = self.pointer_at(p);
                    self.events.push(Event::Click(ClickDetail {
                        lonlat,
                        point,
                        feature: f.and_then(|f| self.describe(f)).map(|d| brief_of(&d)),
                    }));
                    self.set_selected(f);
                    dirty = true;
                }
                Action::ClearSelection => {
                    self.set_selected(None);
                    dirty = true;
                }
                Action::Step(d) => dirty |= self.step(d),
                Action::SelectFocused => {
                    if let Some(f) = self.state.hover {
                        self.set_selected(Some(f));
                        dirty = true;
                    }
                }
                Action::Reset => {
                    self.interaction.stop();
                    self.view = self.home.with_pixel_ratio(self.view.pixel_ratio());
                    dirty = true;
                }
                Action::Animate => dirty = true,
                Action::WheelHint => self.events.push(Event::Hint("wheel")),
                Action::TouchHint => self.events.push(Event::Hint("touch")),
            }
        }
        dirty
    }

    /// Moves the keyboard focus `d` cities on (N/P), shown as a hover, and brings it into
    /// view when it is near the edge.
    fn step(&mut self, d: i32) -> bool {
        if self.step_order.is_empty() {
            return false;
        }
        let n = self.step_order.len() as i64;
        let cur = (self.state.hover.or(self.state.selected))
            .filter(|f| f.kind == Kind::City)
            .and_then(|f| self.step_order.iter().position(|&i| i == f.index));
        let next = match cur {
            Some(c) => (c as i64 + d as i64).rem_euclid(n),
            None if d >= 0 => 0,
            None => n - 1,
        } as usize;
        let index = self.step_order[next];
        // The keyboard focus is shown as a hover; Enter selects it.
        self.keyboard_focus = true;
        // Announced even when the pointer was already over it: the page places the tooltip
        // and tells screen readers only for a keyboard hover.
        self.state.hover = None;
        self.set_hover(
            Some(FeatureRef {
                kind: Kind::City,
                index,
            }),
            None,
        );
        let seat = self.ds.cities[index].seat;
        let s = self.view.lonlat_to_screen(seat);
        let m = STEP_MARGIN_PX;
        if s.x < m || s.y < m || s.x > self.view.width() - m || s.y > self.view.height() - m {
            self.view = self.view.with_center(seat);
        }
        true
    }
}

/// A feature as `click` and the pointer's `hover` name it.
fn brief_of(d: &HoverDetail) -> FeatureBrief {
    FeatureBrief {
        id: d.id.clone(),
        kind: d.kind,
        name_en: d.name_en.clone(),
        name_zh: d.name_zh.clone(),
    }
}

/// The order in which N and P step through the cities: by province, prefectures first, by
/// name.
pub fn step_order(ds: &Dataset) -> Vec<usize> {
    let mut order: Vec<usize> = (0..ds.cities.len()).collect();
    let key = |i: usize| {
        let c = &ds.cities[i];
        (
            c.province.as_str(),
            c.level != Level::Prefecture,
            c.name_en.as_str(),
        )
    };
    crate::sort::sort_by(&mut order, |&a, &b| key(a).cmp(&key(b)));
    order
}
