//! The browser layer (wasm32 only): the exported `MapCore`, DOM events wired into
//! `interact`, the animation-frame loop, and the canvas painter.
//!
//! Everything that attaches something (a listener, the ResizeObserver, an animation frame)
//! keeps what it needs to detach it, and `destroy` detaches all of it. Closures are stored,
//! never leaked with `forget()`.

mod chart;
mod paint;

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Event, EventTarget, HtmlCanvasElement, HtmlElement};

use crate::hit::HitIndex;
use crate::interact::{Action, Input, Interaction};
use crate::model::{self, Dataset, DatasetBuilder, IdRef, LonLat, Problem};
use crate::scene::{self, AllianceFilter, FeatureRef, Kind, Lang, Prepared, SceneState};
use crate::view::{ScreenPx, Viewport};

thread_local! {
    /// The `emit` of the map whose code is running, for the panic hook.
    static CURRENT_EMIT: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            let msg =
                json!({ "message": format!("region-map: internal error: {info}") }).to_string();
            CURRENT_EMIT.with(|e| {
                if let Some(f) = e.borrow().as_ref() {
                    let _ = f.call2(&JsValue::NULL, &"error".into(), &msg.into());
                }
            });
        }));
    });
}

/// Options from the JS options object; every field has a default.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Options {
    /// Label language: `en` (default) or `zh`.
    lang: Lang,
    /// Initial view; the whole region when absent.
    center: Option<[f64; 2]>,
    /// Initial zoom, with `center`.
    zoom: Option<f64>,
    /// The page prefers reduced motion: no inertia, no animated zooms.
    reduced_motion: bool,
    /// `"focus"` (default): the wheel zooms only when the map has focus or Ctrl is held, and
    /// otherwise scrolls the page. `"always"`: for full-page maps.
    wheel: Option<String>,
}

type Listener = Closure<dyn FnMut(Event)>;

/// The cached static base of the map: a bitmap and what it shows.
struct BaseCache {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    view: Viewport,
    base: Vec<scene::Cmd>,
}
/// The last frame drawn in full: the view and state it shows.
struct Shown {
    view: Viewport,
    state: SceneState,
}

/// While a drag pauses this long (ms), the map counts as at rest and is drawn in full.
const DRAG_PAUSE_MS: f64 = 150.0;

/// The frame callback, shared with the closures that schedule frames.
type FrameSlot = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;
/// The ResizeObserver and its callback.
type Resize = (web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);

struct Inner {
    ds: Dataset,
    prep: Prepared,
    hit: HitIndex,
    view: Viewport,
    home: Viewport,
    state: SceneState,
    interaction: Interaction,
    root: HtmlElement,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// The hover layer: a transparent canvas above the map (see [`scene::hover_layer`]).
    hover_canvas: HtmlCanvasElement,
    hover_ctx: CanvasRenderingContext2d,
    /// The view and state the hover layer shows; None when it must be drawn again.
    hover_shown: Option<(Viewport, SceneState)>,
    paths: paint::PathCache,
    emit: js_sys::Function,
    frame: Option<i32>,
    last_view_emitted: Option<Viewport>,
    step_order: Vec<usize>,
    /// Events waiting to be delivered.
    outbox: Vec<(&'static str, String)>,
    /// Whether the hover came from the keyboard (N/P) rather than the pointer.
    keyboard_focus: bool,
    /// The static base, rendered once and moved as a bitmap while the view moves.
    base_cache: Option<BaseCache>,
    /// Wheel turns count as motion until this time (ms), so that a run of them re-renders once.
    settle_at: f64,
    /// The last frame drawn in full. While only the view moves, the canvas showing it is
    /// moved and scaled with a CSS transform rather than drawn again.
    shown: Option<Shown>,
    /// The CSS transform on the canvas, if any.
    transform: Option<String>,
    /// When the view last changed (ms): a drag that pauses is drawn in full.
    view_changed_at: f64,
    /// A chunked load is in progress: the indexes do not cover the data yet.
    loading: bool,
    /// The wheel zooms even without focus, and one finger pans (a full-page map).
    wheel_always: bool,
    /// The root's content box in device pixels, as the ResizeObserver last reported it.
    device_px: Option<(u32, u32)>,
    destroyed: bool,
}

/// One map. Created and driven by `www/region-map.js`.
#[wasm_bindgen]
pub struct MapCore {
    inner: Rc<RefCell<Inner>>,
    listeners: Vec<(EventTarget, &'static str, Listener)>,
    frame_cb: FrameSlot,
    resize: Option<Resize>,
    /// The hover layer's canvas, kept here so that destroy() can remove it even after an
    /// internal error.
    hover_canvas: HtmlCanvasElement,
    problems: Vec<Problem>,
}

/// A canvas of this document, not yet in it, and its 2D context.
fn new_canvas() -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| err("no document"))?;
    let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    let ctx = canvas
        .get_context("2d")?
        .ok_or_else(|| err("this browser gives no 2D canvas"))?
        .dyn_into::<CanvasRenderingContext2d>()?;
    Ok((canvas, ctx))
}

fn err(e: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&e.to_string()).into()
}

fn size_of(el: &HtmlElement) -> (f64, f64) {
    let r = el.get_bounding_client_rect();
    (r.width().max(1.0), r.height().max(1.0))
}

fn pixel_ratio() -> f64 {
    web_sys::window().map_or(1.0, |w| w.device_pixel_ratio())
}

/// The canvases' size in device pixels for a box of `w` x `h` CSS px: the size the browser
/// reported for the box (`devicePixelContentBoxSize`, exact at fractional ratios) while it
/// still fits the box, else the box times `devicePixelRatio`.
fn device_size(w: f64, h: f64, reported: Option<(u32, u32)>) -> (u32, u32) {
    let dpr = pixel_ratio();
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

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl Inner {
    /// Queues an event. Events are delivered by [`flush`] once the core is no longer
    /// borrowed, so that a listener may call back into the map.
    fn emit(&mut self, kind: &'static str, detail: String) {
        self.outbox.push((kind, detail));
    }

    fn feature_json(&self, f: Option<FeatureRef>) -> serde_json::Value {
        match f {
            None => serde_json::Value::Null,
            Some(FeatureRef {
                kind: Kind::Extra,
                index,
            }) => {
                let x = &self.ds.extras[index];
                json!({"id": x.id, "kind": "feature", "name_en": x.name_en, "name_zh": x.name_zh,
                       "province": serde_json::Value::Null, "keyboard": false})
            }
            Some(FeatureRef {
                kind: Kind::City,
                index,
            }) => {
                let c = &self.ds.cities[index];
                json!({"id": c.id, "kind": "city", "name_en": c.name_en, "name_zh": c.name_zh,
                       "province": c.province, "keyboard": self.keyboard_focus})
            }
            Some(FeatureRef {
                kind: Kind::Alliance,
                index,
            }) => {
                let a = &self.ds.alliances[index];
                json!({"id": a.id, "kind": "alliance", "name_en": a.name_en, "name_zh": a.name_zh,
                       "province": serde_json::Value::Null, "keyboard": false,
                       "color": scene::style::Palette::default().alliance(index).css()})
            }
            Some(FeatureRef {
                kind: Kind::Park,
                index,
            }) => {
                let p = &self.ds.parks[index];
                let host = self.ds.city(&p.host);
                json!({"id": p.id, "kind": "park", "name_en": p.name_en, "name_zh": p.name_zh,
                       "province": host.map(|h| h.province.clone()), "keyboard": self.keyboard_focus})
            }
        }
    }

    /// What is under `p`: a park, else an alliance link, else a city.
    fn pick(&self, p: ScreenPx) -> Option<FeatureRef> {
        self.hit.park_at(&self.view, p).or_else(|| {
            let layer = scene::layout_links(&self.ds, &self.view, &self.state);
            scene::link_at(&layer, p, 4.0)
                .map(|index| FeatureRef {
                    kind: Kind::Alliance,
                    index,
                })
                .or_else(|| self.hit.city_at(&self.ds, &self.view, p))
        })
    }

    fn find(&self, id: &str) -> Option<FeatureRef> {
        let (kind, index) = match self.ds.lookup(id)? {
            IdRef::City(i) => (Kind::City, i),
            IdRef::Park(i) => (Kind::Park, i),
            IdRef::Extra(i) => (Kind::Extra, i),
            IdRef::Alliance(i) => (Kind::Alliance, i),
        };
        Some(FeatureRef { kind, index })
    }

    fn id_of(&self, f: FeatureRef) -> &str {
        match f.kind {
            Kind::City => &self.ds.cities[f.index].id,
            Kind::Park => &self.ds.parks[f.index].id,
            Kind::Alliance => &self.ds.alliances[f.index].id,
            Kind::Extra => &self.ds.extras[f.index].id,
        }
    }

    fn set_selected(&mut self, f: Option<FeatureRef>) {
        if self.state.selected == f {
            return;
        }
        self.state.selected = f;
        let record = f
            .and_then(|f| self.ds.record(self.id_of(f)))
            .unwrap_or(serde_json::Value::Null);
        self.emit("select", record.to_string());
    }

    fn set_hover(&mut self, f: Option<FeatureRef>) {
        if self.state.hover == f {
            return;
        }
        self.state.hover = f;
        let _ = self
            .canvas
            .style()
            .set_property("cursor", if f.is_some() { "pointer" } else { "" });
        self.emit("hover", self.feature_json(f).to_string());
    }

    /// Measures the element and sizes the layers to its device pixels. The one place where the
    /// pixel ratio is decided: every layer, the cached base and the export read it from the
    /// view. Returns whether anything changed (a resized canvas is blank).
    fn resize(&mut self) -> bool {
        let (w, h) = size_of(&self.root);
        let (dw, dh) = device_size(w, h, self.device_px);
        // The ratio the canvases really have: device pixels per CSS pixel, fractional at 1.25
        // or 1.5, so that a CSS pixel of the scene lands on whole device pixels.
        let ratio = f64::from(dw) / w;
        let unchanged = self.view.width() == w
            && self.view.height() == h
            && self.view.pixel_ratio() == ratio
            && self.canvas.width() == dw
            && self.canvas.height() == dh;
        if unchanged {
            return false;
        }
        self.view = self.view.with_size(w, h).with_pixel_ratio(ratio);
        self.home =
            self.home
                .with_size(w, h)
                .fit_bounds(self.prep.bounds.0, self.prep.bounds.1, 16.0);
        for c in [&self.canvas, &self.hover_canvas] {
            c.set_width(dw);
            c.set_height(dh);
        }
        self.shown = None;
        self.hover_shown = None;
        true
    }

    /// Whether the view is in motion: a drag or pinch that has not paused, an animation, or
    /// wheel turns that have not settled yet. In motion, the last full frame is moved with a
    /// CSS transform, or the cached base as a bitmap.
    fn moving(&self) -> bool {
        let t = now();
        (self.interaction.is_gesturing() && t - self.view_changed_at < DRAG_PAUSE_MS)
            || self.interaction.is_animating()
            || t < self.settle_at
    }

    /// Whether a frame is still due: a gesture that may pause, wheel turns that may settle.
    fn rest_pending(&mut self) -> bool {
        let at_rest = self.shown.as_ref().is_some_and(|s| s.view == self.view);
        (self.interaction.is_gesturing() && !at_rest) || self.settle_pending()
    }

    /// The state the map itself depends on: all but the hover, which has its own layer.
    fn map_state(&self) -> SceneState {
        SceneState {
            hover: None,
            ..self.state.clone()
        }
    }

    /// In motion with nothing but the view changed since the last full frame: moves that frame
    /// with a CSS transform (the browser's compositor does the rest) and returns true. The
    /// hover layer is cleared meanwhile.
    fn move_shown(&mut self) -> bool {
        let Some(s) = self.shown.as_ref() else {
            return false;
        };
        let same_canvas = s.view.pixel_ratio() == self.view.pixel_ratio()
            && s.view.width() == self.view.width()
            && s.view.height() == self.view.height();
        if !self.moving() || !same_canvas || s.state != self.map_state() || self.paths.incomplete()
        {
            return false;
        }
        if self.hover_shown.take().is_some() {
            self.clear_hover();
        }
        let k = self.view.scale() / s.view.scale();
        let o = self
            .view
            .world_to_screen(s.view.screen_to_world(ScreenPx { x: 0.0, y: 0.0 }));
        let t = format!("translate({:.2}px,{:.2}px) scale({k:.5})", o.x, o.y);
        // Frames that find the view where it was change nothing (no style to recompute).
        if self.transform.as_deref() != Some(t.as_str()) {
            let _ = self.canvas.style().set_property("transform", &t);
            self.transform = Some(t);
        }
        true
    }

    /// Whether a re-render at rest is still due after wheel turns.
    fn settle_pending(&mut self) -> bool {
        if self.settle_at == 0.0 {
            return false;
        }
        if now() >= self.settle_at {
            // One more frame, at rest.
            self.settle_at = 0.0;
        }
        true
    }

    /// Clears the hover layer and takes it out of the page's layers: an empty full-size canvas
    /// would still be composited every frame.
    fn clear_hover(&self) {
        paint::clear(&self.hover_ctx, &self.hover_canvas);
        let _ = self.hover_canvas.style().set_property("display", "none");
    }

    /// Draws what a frame needs: the map when the view or the state (besides the hover)
    /// changed since it was last drawn, the hover layer when the hover or the view did. In
    /// motion, the last map frame is moved instead (see [`Inner::move_shown`]).
    fn render(&mut self) {
        if self.loading {
            return;
        }
        if self.move_shown() {
            self.emit_view();
            return;
        }
        if self.transform.take().is_some() {
            let _ = self.canvas.style().remove_property("transform");
        }
        let map_state = self.map_state();
        if self
            .shown
            .as_ref()
            .is_none_or(|s| s.view != self.view || s.state != map_state)
        {
            self.render_map(map_state);
        }
        let hover_now = (self.view, self.state.clone());
        if self.hover_shown.as_ref() != Some(&hover_now) {
            self.clear_hover();
            let cmds = scene::hover_layer(&self.ds, &self.view, &self.state);
            if !cmds.is_empty() {
                let _ = self.hover_canvas.style().remove_property("display");
            }
            if let Err(e) = paint::paint_cmds(
                &self.hover_ctx,
                &cmds,
                &self.view,
                &self.prep,
                &mut self.paths,
            ) {
                web_sys::console::warn_1(&e);
            }
            self.hover_shown = Some(hover_now);
        }
        self.emit_view();
    }

    /// Draws the map (without the hover) in full.
    fn render_map(&mut self, map_state: SceneState) {
        // While the view moves over a cached base, the base's points are not needed.
        let cached = self
            .base_cache
            .as_ref()
            .is_some_and(|c| c.view.pixel_ratio() == self.view.pixel_ratio());
        let list = scene::build_parts(
            &self.ds,
            &self.prep,
            &self.view,
            &map_state,
            !(self.moving() && cached),
        );
        if let Err(e) = self.paint_layers(&list) {
            web_sys::console::warn_1(&e);
        }
        // A frame that left shapes out (a very large file) is drawn again next frame.
        self.shown = (!self.paths.incomplete()).then_some(Shown {
            view: self.view,
            state: map_state,
        });
    }

    fn emit_view(&mut self) {
        if self.last_view_emitted != Some(self.view) {
            self.last_view_emitted = Some(self.view);
            let c = self.view.center();
            self.emit(
                "view",
                json!({"center": [c.lon, c.lat], "zoom": self.view.zoom()}).to_string(),
            );
        }
    }

    /// Paints a frame: the static base from its cache (re-rendered when stale), then the
    /// overlay. The base is re-rendered when the size, the pixel ratio or its commands change,
    /// or when the view moved and has come to rest; while the view moves, the cached bitmap is
    /// scaled and translated instead, which costs one drawImage.
    fn paint_layers(&mut self, list: &scene::DisplayList) -> Result<(), JsValue> {
        let base = &list.cmds[..list.base_len];
        self.paths.start_frame();
        let dpr = self.view.pixel_ratio();
        let (w, h) = (
            (self.view.width() * dpr).round() as u32,
            (self.view.height() * dpr).round() as u32,
        );
        let moving = self.moving();
        let stale = match &self.base_cache {
            None => true,
            Some(c) => {
                c.canvas.width() != w
                    || c.canvas.height() != h
                    || c.view.pixel_ratio() != dpr
                    || (!moving && (c.view != self.view || c.base.as_slice() != base))
            }
        };
        if stale {
            if self.base_cache.is_none() {
                let (canvas, ctx) = new_canvas()?;
                self.base_cache = Some(BaseCache {
                    canvas,
                    ctx,
                    view: self.view,
                    base: Vec::new(),
                });
            }
            if let Some(c) = self.base_cache.as_mut() {
                if c.canvas.width() != w || c.canvas.height() != h {
                    c.canvas.set_width(w);
                    c.canvas.set_height(h);
                }
                paint::paint_cmds(&c.ctx, base, &self.view, &self.prep, &mut self.paths)?;
                c.view = self.view;
                // A base drawn with shapes left out (a very large file's first frames) is
                // drawn again next frame, with more of them.
                c.base = if self.paths.incomplete() {
                    Vec::new()
                } else {
                    base.to_vec()
                };
            }
        }
        let Some(c) = self.base_cache.as_ref() else {
            return Ok(());
        };
        if let Some(clear @ scene::Cmd::Clear(_)) = base.first() {
            paint::paint_cmds(
                &self.ctx,
                std::slice::from_ref(clear),
                &self.view,
                &self.prep,
                &mut self.paths,
            )?;
        }
        paint::blit(&self.ctx, &c.canvas, &c.view, &self.view)?;
        paint::paint_cmds(
            &self.ctx,
            &list.cmds[list.base_len..],
            &self.view,
            &self.prep,
            &mut self.paths,
        )
    }

    /// Applies actions; returns whether a frame is needed.
    fn apply(&mut self, actions: Vec<Action>) -> bool {
        let mut dirty = false;
        for a in actions {
            match a {
                Action::View(v) => {
                    self.view = v;
                    self.view_changed_at = now();
                    dirty = true;
                }
                Action::Hover(p) => {
                    self.keyboard_focus = false;
                    let f = self.pick(p);
                    if f != self.state.hover {
                        self.set_hover(f);
                        dirty = true;
                    }
                }
                Action::HoverNone => {
                    if self.state.hover.is_some() {
                        self.set_hover(None);
                        dirty = true;
                    }
                }
                Action::Click(p) => {
                    let f = self.pick(p);
                    self.set_selected(f);
                    dirty = true;
                }
                Action::ClearSelection => {
                    self.set_selected(None);
                    dirty = true;
                }
                Action::Step(d) => {
                    if self.step_order.is_empty() {
                        continue;
                    }
                    let n = self.step_order.len() as i64;
                    let cur = self
                        .state
                        .hover
                        .or(self.state.selected)
                        .filter(|f| f.kind == Kind::City)
                        .and_then(|f| self.step_order.iter().position(|&i| i == f.index));
                    let next = match cur {
                        Some(c) => (c as i64 + d as i64).rem_euclid(n),
                        None if d >= 0 => 0,
                        None => n - 1,
                    } as usize;
                    let idx = self.step_order[next];
                    // The keyboard focus is shown as a hover; Enter selects it.
                    self.keyboard_focus = true;
                    self.set_hover(Some(FeatureRef {
                        kind: Kind::City,
                        index: idx,
                    }));
                    let seat = self.ds.cities[idx].seat;
                    let s = self.view.lonlat_to_screen(seat);
                    if s.x < 40.0
                        || s.y < 40.0
                        || s.x > self.view.width() - 40.0
                        || s.y > self.view.height() - 40.0
                    {
                        self.view = self.view.with_center(seat);
                    }
                    dirty = true;
                }
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
                Action::WheelHint => self.emit("hint", json!({"reason": "wheel"}).to_string()),
                Action::TouchHint => self.emit("hint", json!({"reason": "touch"}).to_string()),
            }
        }
        dirty
    }
}

/// The order in which N and P step through the cities: by province, prefectures first, by name.
fn step_order(ds: &Dataset) -> Vec<usize> {
    let mut order: Vec<usize> = (0..ds.cities.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&ds.cities[a], &ds.cities[b]);
        (
            x.province.as_str(),
            x.level != model::Level::Prefecture,
            x.name_en.as_str(),
        )
            .cmp(&(
                y.province.as_str(),
                y.level != model::Level::Prefecture,
                y.name_en.as_str(),
            ))
    });
    order
}

/// Delivers queued events, outside any borrow of the core.
fn flush(inner: &Rc<RefCell<Inner>>) {
    loop {
        let (events, emit) = {
            // After an internal error the core stays borrowed: it is dead, and stays quiet.
            let Ok(mut me) = inner.try_borrow_mut() else {
                return;
            };
            if me.outbox.is_empty() {
                return;
            }
            (std::mem::take(&mut me.outbox), me.emit.clone())
        };
        for (kind, detail) in events {
            let _ = emit.call2(&JsValue::NULL, &kind.into(), &detail.into());
        }
    }
}

fn schedule(inner: &Rc<RefCell<Inner>>, cb: &FrameSlot) {
    let Ok(mut me) = inner.try_borrow_mut() else {
        return;
    };
    if me.frame.is_some() || me.destroyed {
        return;
    }
    if let (Some(w), Some(f)) = (web_sys::window(), cb.borrow().as_ref()) {
        me.frame = w.request_animation_frame(f.as_ref().unchecked_ref()).ok();
    }
}

/// The observed box in device pixels, where the browser reports it.
fn device_px_of(entry: &web_sys::ResizeObserverEntry) -> Option<(u32, u32)> {
    let size: web_sys::ResizeObserverSize = entry
        .device_pixel_content_box_size()
        .at(0)
        .dyn_into()
        .ok()?;
    let (w, h) = (size.inline_size(), size.block_size());
    (w >= 1.0 && h >= 1.0).then_some((w as u32, h as u32))
}

/// The event's clientX/clientY as the browser has them: fractional on HiDPI screens and in
/// tests, where web-sys's `client_x()` would round them to whole pixels.
fn client_xy(ev: &Event) -> (f64, f64) {
    let get = |k: &str| {
        js_sys::Reflect::get(ev, &k.into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    (get("clientX"), get("clientY"))
}

/// The point in the map's own CSS pixels. Measured from the root, whose box the canvas fills
/// at rest: while the view moves, the canvas itself carries a transform.
fn local_point(root: &HtmlElement, (client_x, client_y): (f64, f64)) -> ScreenPx {
    let r = root.get_bounding_client_rect();
    ScreenPx {
        x: client_x - r.left(),
        y: client_y - r.top(),
    }
}

#[wasm_bindgen]
impl MapCore {
    /// Loads the data and attaches the map to `root` (which holds `canvas`). Fails with a
    /// message naming the file and the reason when the cities cannot be used; problems with
    /// single features are kept for [`MapCore::problems`].
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        root: HtmlElement,
        canvas: HtmlCanvasElement,
        cities_name: String,
        cities: String,
        parks_name: String,
        parks: Option<String>,
        alliances_name: String,
        alliances: Option<String>,
        provinces_name: String,
        provinces: Option<String>,
        options: String,
        emit: js_sys::Function,
    ) -> Result<MapCore, JsValue> {
        install_panic_hook();
        CURRENT_EMIT.with(|e| *e.borrow_mut() = Some(emit.clone()));
        let opts: Options = if options.trim().is_empty() {
            Options::default()
        } else {
            serde_json::from_str(&options).map_err(|e| err(format!("options: {e}")))?
        };
        let mut builder = DatasetBuilder::new();
        builder
            .map(&cities_name, &cities)
            .map_err(err)?
            .parks(&parks_name, parks.as_deref())
            .provinces(&provinces_name, provinces.as_deref())
            .alliances(&alliances_name, alliances.as_deref());
        let (ds, problems) = builder.build();
        let prep = Prepared::new(&ds);
        let hit = HitIndex::new(&ds, &prep);
        let ctx = canvas
            .get_context("2d")?
            .ok_or_else(|| err("this browser gives no 2D canvas"))?
            .dyn_into::<CanvasRenderingContext2d>()?;
        // The hover layer goes right above the map's canvas; destroy() removes it.
        let (hover_canvas, hover_ctx) = new_canvas()?;
        hover_canvas.set_class_name("rm-hover");
        hover_canvas.set_attribute("aria-hidden", "true")?;
        canvas.after_with_node_1(&hover_canvas)?;
        let (w, h) = size_of(&root);
        let home = Viewport::new(LonLat::new(119.0, 29.0), 6.0, w, h).fit_bounds(
            prep.bounds.0,
            prep.bounds.1,
            16.0,
        );
        let view = match (opts.center, opts.zoom) {
            (Some([lon, lat]), z) => home
                .with_center(LonLat::new(lon, lat))
                .with_zoom(z.unwrap_or(home.zoom())),
            (None, Some(z)) => home.with_zoom(z),
            _ => home,
        };
        let step_order = step_order(&ds);
        let paths = paint::PathCache::new(&prep);
        let wheel_always = opts.wheel.as_deref() == Some("always");
        let inner = Rc::new(RefCell::new(Inner {
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
                .with_cooperative_touch(!wheel_always),
            root: root.clone(),
            canvas: canvas.clone(),
            ctx,
            hover_canvas: hover_canvas.clone(),
            hover_ctx,
            hover_shown: None,
            paths,
            emit,
            frame: None,
            last_view_emitted: None,
            step_order,
            outbox: Vec::new(),
            keyboard_focus: false,
            base_cache: None,
            settle_at: 0.0,
            shown: None,
            transform: None,
            view_changed_at: 0.0,
            loading: false,
            wheel_always,
            device_px: None,
            destroyed: false,
        }));
        inner.borrow_mut().resize();
        // Moves of the view transform the canvas about its top-left corner.
        let _ = canvas.style().set_property("transform-origin", "0 0");
        let mut core = MapCore {
            inner,
            listeners: Vec::new(),
            frame_cb: Rc::new(RefCell::new(None)),
            resize: None,
            hover_canvas,
            problems,
        };
        core.attach()?;
        Ok(core)
    }

    fn attach(&mut self) -> Result<(), JsValue> {
        // The frame loop: advance animations, draw, and ask for another frame while moving.
        let inner = self.inner.clone();
        let cb_slot = self.frame_cb.clone();
        let frame = Closure::<dyn FnMut(f64)>::new(move |t: f64| {
            let again = {
                let Ok(mut me) = inner.try_borrow_mut() else {
                    return;
                };
                me.frame = None;
                if me.destroyed {
                    return;
                }
                CURRENT_EMIT.with(|e| *e.borrow_mut() = Some(me.emit.clone()));
                let view = me.view;
                if let Some(v) = me.interaction.tick(t, &view) {
                    me.view = v;
                }
                me.render();
                // Keep drawing while moving; the first frame at rest re-renders the base.
                me.interaction.is_animating() || me.rest_pending() || me.paths.incomplete()
            };
            flush(&inner);
            if again {
                schedule(&inner, &cb_slot);
            }
        });
        *self.frame_cb.borrow_mut() = Some(frame);

        let canvas: EventTarget = self.inner.borrow().canvas.clone().into();
        let root: EventTarget = self.inner.borrow().root.clone().into();
        for name in [
            "pointerdown",
            "pointermove",
            "pointerup",
            "pointercancel",
            "pointerleave",
            "dblclick",
        ] {
            self.listen(&canvas, name, false)?;
        }
        self.listen(&canvas, "wheel", true)?;
        // Two fingers on an embedded map are the map's, not the page's scroll.
        self.listen(&canvas, "touchmove", true)?;
        self.listen(&root, "keydown", false)?;

        // Resize with the element, not only the window.
        let inner = self.inner.clone();
        let cb = self.frame_cb.clone();
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let changed = match inner.try_borrow_mut() {
                Ok(mut me) => {
                    if let Some(px) = entries
                        .at(-1)
                        .dyn_into::<web_sys::ResizeObserverEntry>()
                        .ok()
                        .and_then(|e| device_px_of(&e))
                    {
                        me.device_px = Some(px);
                    }
                    me.resize()
                }
                Err(_) => false,
            };
            if changed {
                schedule(&inner, &cb);
            }
        });
        let ro = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
        // The device-pixel box is exact at fractional ratios, and changes with the ratio
        // (browser zoom, a window moved to another screen). Browsers without it (Safari)
        // throw here and observe the CSS box.
        let root = self.inner.borrow().root.clone();
        let opts = web_sys::ResizeObserverOptions::new();
        opts.set_box(web_sys::ResizeObserverBoxOptions::DevicePixelContentBox);
        // Called through Reflect: web-sys's binding cannot catch the exception.
        let device_box = js_sys::Reflect::get(&ro, &"observe".into())
            .and_then(|f| f.dyn_into::<js_sys::Function>())
            .and_then(|f| f.call2(&ro, &root, &opts))
            .is_ok();
        if !device_box {
            ro.observe(&root);
        }
        // A change of ratio alone does not always reach the observer (Safari; emulated
        // ratios): the window's resize event, which browsers fire on zoom and on a change of
        // screen, measures again. Nothing is redrawn when nothing changed.
        if let Some(w) = web_sys::window() {
            self.listen(&w.into(), "resize", false)?;
        }
        self.resize = Some((ro, on_resize));
        Ok(())
    }

    fn listen(
        &mut self,
        target: &EventTarget,
        name: &'static str,
        not_passive: bool,
    ) -> Result<(), JsValue> {
        let inner = self.inner.clone();
        let cb = self.frame_cb.clone();
        let f = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
            if name == "resize" {
                // The window's size or pixel ratio changed (see attach).
                let changed = inner.try_borrow_mut().is_ok_and(|mut me| me.resize());
                if changed {
                    schedule(&inner, &cb);
                }
                return;
            }
            let input = {
                let Ok(me) = inner.try_borrow() else { return };
                if me.destroyed {
                    return;
                }
                CURRENT_EMIT.with(|e| *e.borrow_mut() = Some(me.emit.clone()));
                to_input(&me, name, &ev)
            };
            let Some(input) = input else { return };
            let dirty = {
                let Ok(mut me) = inner.try_borrow_mut() else {
                    return;
                };
                if matches!(input, Input::Wheel { .. }) {
                    me.settle_at = now() + 200.0;
                }
                // The end of a gesture needs a frame at rest, to re-render the base.
                let ended = matches!(input, Input::PointerUp { .. } | Input::PointerCancel { .. });
                let view = me.view;
                let actions = me.interaction.handle(input, &view);
                me.apply(actions) || ended
            };
            flush(&inner);
            if dirty {
                schedule(&inner, &cb);
            }
        });
        if not_passive {
            let opts = web_sys::AddEventListenerOptions::new();
            opts.set_passive(false);
            target.add_event_listener_with_callback_and_add_event_listener_options(
                name,
                f.as_ref().unchecked_ref(),
                &opts,
            )?;
        } else {
            target.add_event_listener_with_callback(name, f.as_ref().unchecked_ref())?;
        }
        self.listeners.push((target.clone(), name, f));
        Ok(())
    }

    fn run<R>(&self, f: impl FnOnce(&mut Inner) -> (R, bool)) -> R {
        let (r, dirty) = {
            let Ok(mut me) = self.inner.try_borrow_mut() else {
                // A JS exception, not a panic: the wrapper mounts a fresh core.
                wasm_bindgen::throw_str("region-map: the map stopped after an internal error")
            };
            CURRENT_EMIT.with(|e| *e.borrow_mut() = Some(me.emit.clone()));
            f(&mut me)
        };
        flush(&self.inner);
        if dirty {
            schedule(&self.inner, &self.frame_cb);
        }
        r
    }

    /// Adds more features of the main GeoJSON. A large file is handed over in chunks, with
    /// the page free to paint its progress between them; call [`MapCore::finish_loading`]
    /// after the last. Features whose id is already loaded are reported and left out.
    pub fn append_cities(&mut self, name: String, text: String) {
        let problems = self.run(|me| {
            let mut builder = std::mem::take(&mut me.ds).into_builder();
            let problem = builder.map(&name, &text).err();
            let (ds, mut problems) = builder.build();
            me.ds = ds;
            problems.extend(problem);
            // Until finish_loading rebuilds the indexes, nothing is drawn from the new data.
            me.loading = true;
            (problems, false)
        });
        self.problems.extend(problems);
    }

    /// Ends a chunked load: reads the parks and alliances, links them to the cities, and
    /// rebuilds the indexes and the view.
    pub fn finish_loading(
        &mut self,
        parks_name: String,
        parks: Option<String>,
        alliances_name: String,
        alliances: Option<String>,
    ) {
        let problems = self.run(|me| {
            let mut builder = std::mem::take(&mut me.ds).into_builder();
            builder
                .parks(&parks_name, parks.as_deref())
                .alliances(&alliances_name, alliances.as_deref());
            let (ds, problems) = builder.build();
            me.ds = ds;
            me.prep = Prepared::new(&me.ds);
            me.hit = HitIndex::new(&me.ds, &me.prep);
            me.paths = paint::PathCache::new(&me.prep);
            me.base_cache = None;
            me.shown = None;
            me.loading = false;
            me.step_order = step_order(&me.ds);
            me.home = me.home.fit_bounds(me.prep.bounds.0, me.prep.bounds.1, 16.0);
            me.view = me.home.with_pixel_ratio(me.view.pixel_ratio());
            (problems, true)
        });
        self.problems.extend(problems);
    }

    /// Problems found while loading, as a JSON array of {file, feature, reason, message}.
    pub fn problems(&self) -> String {
        serde_json::Value::Array(
            self.problems
                .iter()
                .map(|p| json!({"file": p.file, "feature": p.feature, "reason": p.reason, "message": p.to_string()}))
                .collect(),
        )
        .to_string()
    }

    /// Draws a frame now (the first frame, and tests).
    pub fn render_now(&self) {
        self.run(|me| {
            me.render();
            // A very large data set is drawn over several frames.
            let more = me.paths.incomplete();
            ((), more)
        })
    }

    /// Selects a city or park by id, or clears the selection with None. Returns false for an
    /// unknown id (the selection is then unchanged).
    pub fn select(&self, id: Option<String>) -> bool {
        self.run(|me| match id {
            None => {
                me.set_selected(None);
                (true, true)
            }
            Some(id) => match me.find(&id) {
                Some(f) => {
                    me.set_selected(Some(f));
                    (true, true)
                }
                None => (false, false),
            },
        })
    }

    /// Id of the selected feature.
    pub fn selected(&self) -> Option<String> {
        self.run(|me| (me.state.selected.map(|f| me.id_of(f).to_string()), false))
    }

    /// The record of a city or park, as JSON (null when unknown).
    pub fn record(&self, id: String) -> String {
        self.run(|me| {
            (
                me.ds
                    .record(&id)
                    .unwrap_or(serde_json::Value::Null)
                    .to_string(),
                false,
            )
        })
    }

    /// Lon/lat to CSS px relative to the element.
    pub fn to_screen(&self, lon: f64, lat: f64) -> Vec<f64> {
        self.run(|me| {
            let s = me.view.lonlat_to_screen(LonLat::new(lon, lat));
            (vec![s.x, s.y], false)
        })
    }

    /// CSS px relative to the element to lon/lat.
    pub fn from_screen(&self, x: f64, y: f64) -> Vec<f64> {
        self.run(|me| {
            let p = me.view.screen_to_lonlat(ScreenPx { x, y });
            (vec![p.lon, p.lat], false)
        })
    }

    /// What a click at (x, y) would select, as JSON {id, kind} or null.
    pub fn feature_at(&self, x: f64, y: f64) -> String {
        self.run(|me| {
            let f = me.pick(ScreenPx { x, y });
            (me.feature_json(f).to_string(), false)
        })
    }

    /// The viewport as JSON {center: [lon, lat], zoom}.
    pub fn view(&self) -> String {
        self.run(|me| {
            let c = me.view.center();
            (
                json!({"center": [c.lon, c.lat], "zoom": me.view.zoom()}).to_string(),
                false,
            )
        })
    }

    /// Sets the viewport; NaN leaves a part unchanged.
    pub fn set_view(&self, lon: f64, lat: f64, zoom: f64) {
        self.run(|me| {
            me.interaction.stop();
            if lon.is_finite() && lat.is_finite() {
                me.view = me.view.with_center(LonLat::new(lon, lat));
            }
            if zoom.is_finite() {
                me.view = me.view.with_zoom(zoom);
            }
            ((), true)
        })
    }

    /// Shows the box [[west, south], [east, north]].
    pub fn fit_bounds(&self, west: f64, south: f64, east: f64, north: f64) {
        self.run(|me| {
            me.interaction.stop();
            me.view = me
                .view
                .fit_bounds(LonLat::new(west, south), LonLat::new(east, north), 16.0);
            ((), true)
        })
    }

    /// Zooms by `delta` levels about the centre, animated (the +/- buttons).
    pub fn zoom_by(&self, delta: f64) {
        self.run(|me| {
            let view = me.view;
            let actions = me
                .interaction
                .handle(Input::ZoomBy { delta, t: now() }, &view);
            let dirty = me.apply(actions);
            ((), dirty)
        })
    }

    /// Back to the whole region.
    pub fn reset(&self) {
        self.run(|me| {
            let dirty = me.apply(vec![Action::Reset]);
            ((), dirty)
        })
    }

    /// Handles a key as if pressed on the map (`KeyboardEvent.key`).
    pub fn key(&self, key: String) {
        self.run(|me| {
            let view = me.view;
            let actions = me.interaction.handle(Input::Key { key, t: now() }, &view);
            let dirty = me.apply(actions);
            ((), dirty)
        })
    }

    /// Label language: `en` or `zh`.
    pub fn set_lang(&self, lang: String) -> Result<(), JsValue> {
        let lang = match lang.as_str() {
            "en" => Lang::En,
            "zh" => Lang::Zh,
            other => {
                return Err(err(format!(
                    "setLang: unknown language '{other}', expected 'en' or 'zh'"
                )))
            }
        };
        self.run(|me| {
            me.state.lang = lang;
            ((), true)
        });
        Ok(())
    }

    /// Which alliances' links show: `"all"` or a JSON array of ids.
    pub fn show_alliances(&self, which: String) -> Result<(), JsValue> {
        let filter = if which == "all" {
            AllianceFilter::All
        } else {
            let ids: Vec<String> = serde_json::from_str(&which).map_err(|e| {
                err(format!(
                    "showAlliances: expected 'all' or an array of ids: {e}"
                ))
            })?;
            AllianceFilter::Only(ids)
        };
        self.run(|me| {
            me.state.alliances = filter;
            ((), true)
        });
        Ok(())
    }

    /// Shows only what existed in `year`; None shows everything.
    pub fn set_year(&self, year: Option<i32>) {
        self.run(|me| {
            me.state.year = year;
            ((), true)
        })
    }

    /// Colours cities by an indicator (`alliances`, `projects`, `parks`, or `property:<name>`
    /// for a numeric GeoJSON property); None turns the choropleth off.
    pub fn set_indicator(&self, name: Option<String>) -> Result<(), JsValue> {
        if let Some(n) = &name {
            let known = self.run(|me| {
                (
                    scene::choropleth::available(&me.ds)
                        .iter()
                        .any(|i| &i.id == n),
                    false,
                )
            });
            if !known {
                return Err(err(format!("setIndicator: unknown indicator '{n}'")));
            }
        }
        self.run(|me| {
            me.state.indicator = name;
            ((), true)
        });
        Ok(())
    }

    /// The indicators cities can be coloured by, as JSON [{id, label_en, label_zh}].
    pub fn indicators(&self) -> String {
        self.run(|me| {
            (
                json!(scene::choropleth::available(&me.ds)).to_string(),
                false,
            )
        })
    }

    /// What the legend shows, as JSON: every alliance with its colour, member count, year,
    /// and whether it is shown; and the choropleth's classes, if any.
    pub fn legend(&self) -> String {
        self.run(|me| {
            let palette = scene::style::Palette::default();
            let alliances: Vec<serde_json::Value> = me
                .ds
                .alliances
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    json!({
                        "id": a.id, "name_en": a.name_en, "name_zh": a.name_zh, "type": a.kind,
                        "color": palette.alliance(i).css(), "dashed": palette.alliance_dashed(i),
                        "members": a.members.len(), "founded": a.founded, "parent": a.parent,
                        "selected": me.state.alliances.shows(&a.id),
                        "exists": scene::alliance_exists(a, me.state.year),
                        "first_year": scene::first_year(a),
                        "drawn": scene::alliance_shown(&me.ds, i, &me.state) && a.members.len() >= 2,
                    })
                })
                .collect();
            let choropleth = me.state.indicator.as_deref().and_then(|name| {
                let vals = scene::choropleth::values(&me.ds, name, me.state.year)?;
                let present: Vec<f64> = vals.iter().filter_map(|v| *v).collect();
                let classes = scene::choropleth::quantiles(&present, 5);
                let info = scene::choropleth::available(&me.ds).into_iter().find(|i| i.id == name);
                Some(json!({
                    "indicator": name,
                    "label_en": info.as_ref().map(|i| i.label_en.clone()),
                    "label_zh": info.as_ref().map(|i| i.label_zh.clone()),
                    "classes": classes.lower.iter().zip(&classes.upper).enumerate().map(|(k, (lo, hi))| json!({
                        "lower": lo, "upper": hi, "color": classes.color(k).css(),
                        "count": present.iter().filter(|v| classes.class_of(**v) == k).count(),
                    })).collect::<Vec<_>>(),
                    "no_data": vals.iter().filter(|v| v.is_none()).count(),
                    "no_data_color": scene::Rgba::hex(scene::choropleth::NO_DATA).css(),
                }))
            });
            (json!({"alliances": alliances, "choropleth": choropleth, "year": me.state.year}).to_string(), false)
        })
    }

    /// The first and last year of the data, as JSON [first, last] (null when undated).
    pub fn years(&self) -> String {
        self.run(|me| (json!(scene::year_range(&me.ds)).to_string(), false))
    }

    /// Draws the chart for the current selection (an alliance's figures, a city's projects
    /// per year, or the overview) into `canvas`, with plotters.
    /// The chart is `width` x `height` CSS px, drawn at the map's pixel ratio.
    pub fn draw_chart(
        &self,
        canvas: HtmlCanvasElement,
        width: u32,
        height: u32,
    ) -> Result<(), JsValue> {
        let result = self.run(|me| {
            let backend =
                match chart::ScaledCanvas::new(canvas, width, height, me.view.pixel_ratio()) {
                    Ok(b) => b,
                    Err(e) => return (Err(format!("chart: {e:?}")), false),
                };
            let area = plotters::prelude::IntoDrawingArea::into_drawing_area(backend);
            let lang = me.state.lang;
            let r = match me.state.selected {
                Some(FeatureRef {
                    kind: Kind::Alliance,
                    index,
                }) => crate::charts::alliance_chart(&area, &me.ds, index, lang),
                Some(FeatureRef {
                    kind: Kind::City,
                    index,
                }) => crate::charts::city_chart(&area, &me.ds, index, lang),
                _ => crate::charts::overview_chart(&area, &me.ds, lang),
            };
            let r = r.and_then(|_| area.present().map_err(|e| format!("chart: {e:?}")));
            (r, false)
        });
        result.map_err(err)
    }

    /// The current view with its legend, as an SVG document (from the same display list as
    /// the canvas).
    pub fn to_svg(&self) -> String {
        self.run(|me| {
            let mut list = scene::build(&me.ds, &me.prep, &me.view, &me.state);
            list.cmds.extend(scene::legend(&me.ds, &me.view, &me.state));
            (scene::svg::to_svg(&list, &me.view, &me.prep), false)
        })
    }

    /// Paints the current view with its legend into `canvas` (for `toPNG`), at the device
    /// pixel ratio of the map.
    pub fn export_to_canvas(&self, canvas: HtmlCanvasElement) -> Result<(), JsValue> {
        self.run(|me| {
            let r = (|| -> Result<(), JsValue> {
                let dpr = me.view.pixel_ratio();
                canvas.set_width((me.view.width() * dpr).round() as u32);
                canvas.set_height((me.view.height() * dpr).round() as u32);
                let ctx = canvas
                    .get_context("2d")?
                    .ok_or_else(|| err("export: no 2D canvas"))?
                    .dyn_into::<CanvasRenderingContext2d>()?;
                let mut list = scene::build(&me.ds, &me.prep, &me.view, &me.state);
                list.cmds.extend(scene::legend(&me.ds, &me.view, &me.state));
                paint::paint(&ctx, &list, &me.view, &me.prep, &mut me.paths)
            })();
            (r, false)
        })
    }

    /// All cities as a JSON array of records.
    pub fn cities(&self) -> String {
        self.run(|me| (me.ds.cities_json().to_string(), false))
    }

    /// How many cities (polygon features) are loaded.
    pub fn city_count(&self) -> usize {
        self.run(|me| (me.ds.cities.len(), false))
    }

    /// The first `n` cities, as short records {id, name_en, name_zh} (for long lists).
    pub fn cities_head(&self, n: usize) -> String {
        self.run(|me| {
            let v: Vec<serde_json::Value> = me
                .ds
                .cities
                .iter()
                .take(n)
                .map(|c| json!({"id": c.id, "name_en": c.name_en, "name_zh": c.name_zh}))
                .collect();
            (serde_json::Value::Array(v).to_string(), false)
        })
    }

    /// All parks as a JSON array of records.
    pub fn parks(&self) -> String {
        self.run(|me| (me.ds.parks_json().to_string(), false))
    }

    /// All alliances as a JSON array of records.
    pub fn alliances(&self) -> String {
        self.run(|me| (me.ds.alliances_json().to_string(), false))
    }

    /// Measures the element again (after a layout change the observer has not seen).
    pub fn resize(&self) {
        self.run(|me| {
            me.resize();
            ((), true)
        })
    }

    /// Detaches every listener, the observer and any pending frame. The JS wrapper then
    /// calls `free()` to release the WebAssembly memory.
    pub fn destroy(&mut self) {
        if let Ok(mut me) = self.inner.try_borrow_mut() {
            me.destroyed = true;
            if let (Some(id), Some(w)) = (me.frame.take(), web_sys::window()) {
                let _ = w.cancel_animation_frame(id);
            }
        }
        for (target, name, f) in self.listeners.drain(..) {
            let _ = target.remove_event_listener_with_callback(name, f.as_ref().unchecked_ref());
        }
        if let Some((ro, _cb)) = self.resize.take() {
            ro.disconnect();
        }
        *self.frame_cb.borrow_mut() = None;
        self.hover_canvas.remove();
        CURRENT_EMIT.with(|e| *e.borrow_mut() = None);
    }

    /// Panics on purpose, for the test that shows a panic does not kill the page.
    #[doc(hidden)]
    pub fn debug_panic(&self) {
        self.run(|_| -> ((), bool) { panic!("debug_panic: a deliberate panic for the tests") })
    }

    /// Number of attached DOM listeners (for tests of `destroy`).
    pub fn listener_count(&self) -> usize {
        self.listeners.len() + usize::from(self.resize.is_some())
    }
}

fn to_input(me: &Inner, name: &str, ev: &Event) -> Option<Input> {
    let t = ev.time_stamp();
    match name {
        "pointerdown" | "pointermove" | "pointerup" | "pointercancel" => {
            let pe = ev.dyn_ref::<web_sys::PointerEvent>()?;
            let at = local_point(&me.root, client_xy(ev));
            let id = pe.pointer_id();
            Some(match name {
                "pointerdown" => {
                    if pe.button() != 0 {
                        return None;
                    }
                    let _ = me.canvas.set_pointer_capture(id);
                    if pe.pointer_type() == "touch" {
                        // No focus ring on a phone; the page must keep scrolling.
                        Input::TouchDown { id, at, t }
                    } else {
                        let _ = me.root.focus();
                        Input::PointerDown { id, at, t }
                    }
                }
                "pointermove" => Input::PointerMove { id, at, t },
                "pointerup" => Input::PointerUp { id, at, t },
                _ => Input::PointerCancel { id },
            })
        }
        "pointerleave" => Some(Input::PointerLeave),
        "touchmove" => {
            let te = ev.dyn_ref::<web_sys::TouchEvent>()?;
            if !me.wheel_always && te.touches().length() >= 2 && ev.cancelable() {
                ev.prevent_default();
            }
            None
        }
        "dblclick" => {
            let me_ev = ev.dyn_ref::<web_sys::MouseEvent>()?;
            ev.prevent_default();
            let at = local_point(&me.root, client_xy(ev));
            Some(Input::DoubleClick {
                at,
                zoom_out: me_ev.shift_key(),
                t,
            })
        }
        "wheel" => {
            let we = ev.dyn_ref::<web_sys::WheelEvent>()?;
            // The page around the map stays scrollable: the wheel zooms only when the map has
            // focus or Ctrl is held (trackpad pinches arrive with Ctrl), unless told otherwise.
            let focused = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .is_some_and(|a| me.root.contains(Some(&a)));
            if !(me.wheel_always || focused || we.ctrl_key() || we.meta_key()) {
                return Some(Input::WheelPassedOn);
            }
            ev.prevent_default();
            let scale = match we.delta_mode() {
                1 => 16.0,
                2 => me.view.height(),
                _ => 1.0,
            };
            let at = local_point(&me.root, client_xy(ev));
            Some(Input::Wheel {
                at,
                delta_y: we.delta_y() * scale,
            })
        }
        "keydown" => {
            let ke = ev.dyn_ref::<web_sys::KeyboardEvent>()?;
            if ke.ctrl_key() || ke.meta_key() || ke.alt_key() {
                return None;
            }
            let key = ke.key();
            // Keys typed in the panel or the controls are theirs, except Esc.
            let on_map = ev.target().is_some_and(|t| {
                let t: &JsValue = t.as_ref();
                t == me.root.as_ref() as &JsValue || t == me.canvas.as_ref() as &JsValue
            });
            if !on_map && key != "Escape" {
                return None;
            }
            let handled = matches!(
                key.as_str(),
                "+" | "="
                    | "-"
                    | "_"
                    | "ArrowLeft"
                    | "ArrowRight"
                    | "ArrowUp"
                    | "ArrowDown"
                    | "0"
                    | "Home"
                    | "Escape"
                    | "n"
                    | "p"
                    | "["
                    | "]"
                    | "PageUp"
                    | "PageDown"
                    | "Enter"
                    | " "
            );
            if !handled {
                return None;
            }
            ev.prevent_default();
            Some(Input::Key { key, t })
        }
        _ => None,
    }
}
