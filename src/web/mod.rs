//! The browser layer (wasm32 only): it translates and decides nothing. DOM events become
//! [`Input`]s for the [`MapApp`], the app's frame plans become canvas calls through the
//! painter, and its events become calls of the page's `emit`.
//!
//! Everything that attaches something (a listener, the ResizeObserver, an animation frame)
//! keeps what it needs to detach it, and `destroy` detaches all of it. Closures are stored,
//! never leaked with `forget()`.

mod paint;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Event, EventTarget, HtmlCanvasElement, HtmlElement};

use crate::api::{to_json, CityName, ErrorDetail, ProblemDetail};
use crate::app::{AppOptions, FramePlan, MapApp, Painted, Snapshot};
use crate::interact::Input;
use crate::model::{DatasetBuilder, LonLat, Problem};
use crate::scene::{self, FeatureRef, Kind};
use crate::view::{ScreenPx, Viewport};

thread_local! {
    /// The `emit` of the map whose code is running, for the panic hook.
    static CURRENT_EMIT: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = format!("region-map: internal error: {info}");
            web_sys::console::error_1(&message.as_str().into());
            let msg = to_json(&ErrorDetail { message });
            CURRENT_EMIT.with(|e| {
                if let Some(f) = e.borrow().as_ref() {
                    let _ = f.call2(&JsValue::NULL, &"error".into(), &msg.into());
                }
            });
        }));
    });
}

type Listener = Closure<dyn FnMut(Event)>;

/// The cached static base of the map: a bitmap and what it shows.
struct BaseCache {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    view: Viewport,
    base: Vec<scene::Cmd>,
}

/// The frame callback, shared with the closures that schedule frames.
type FrameSlot = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;
/// The ResizeObserver and its callback.
type Resize = (web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);

/// One map's application and the DOM it draws into.
struct Inner {
    app: MapApp,
    root: HtmlElement,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// The hover layer: a transparent canvas above the map (see [`scene::hover_layer`]).
    hover_canvas: HtmlCanvasElement,
    hover_ctx: CanvasRenderingContext2d,
    paths: paint::PathCache,
    /// What the canvases show, for the app's frame planner.
    painted: Painted,
    /// The static base, rendered once and moved as a bitmap while the view moves.
    base_cache: Option<BaseCache>,
    /// The CSS transform on the canvas, if any.
    transform: Option<String>,
    emit: js_sys::Function,
    frame: Option<i32>,
    /// The wheel zooms even without focus, and two fingers are not needed (a full-page map).
    wheel_always: bool,
    /// The root's content box in device pixels, as the ResizeObserver last reported it.
    device_px: Option<(u32, u32)>,
    /// The hover's cursor is shown.
    pointer_cursor: bool,
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
    /// The chunks of a large file, gathered until `finish_loading`.
    pending: Option<DatasetBuilder>,
    /// The chunks are new data for a map that is up (`setData`): its view stays.
    replacing: bool,
}

/// A canvas of this document, not yet in it, and its 2D context.
fn new_canvas() -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| err("no document"))?;
    let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    let ctx = context_of(&canvas)?;
    Ok((canvas, ctx))
}

fn context_of(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| err("this browser gives no 2D canvas"))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(JsValue::from)
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
    /// Measures the element and sizes the layers to its device pixels. The one place where the
    /// pixel ratio is decided: every layer, the cached base and the export read it from the
    /// view. Returns whether anything changed (a resized canvas is blank).
    fn resize(&mut self) -> bool {
        let (w, h) = size_of(&self.root);
        let (dw, dh) = device_size(w, h, self.device_px);
        // The ratio the canvases really have: device pixels per CSS pixel, fractional at 1.25
        // or 1.5, so that a CSS pixel of the scene lands on whole device pixels.
        let ratio = f64::from(dw) / w;
        let changed = self.app.resize(w, h, ratio);
        if !changed && self.canvas.width() == dw && self.canvas.height() == dh {
            return false;
        }
        for c in [&self.canvas, &self.hover_canvas] {
            c.set_width(dw);
            c.set_height(dh);
        }
        self.painted.map = None;
        self.painted.hover = None;
        true
    }

    /// Clears the hover layer and takes it out of the page's layers: an empty full-size canvas
    /// would still be composited every frame.
    fn clear_hover(&self) {
        paint::clear(&self.hover_ctx, &self.hover_canvas);
        let _ = self.hover_canvas.style().set_property("display", "none");
    }

    fn set_transform(&mut self, t: Option<String>) {
        // Frames that find the view where it was change nothing (no style to recompute).
        if self.transform == t {
            return;
        }
        let style = self.canvas.style();
        let _ = match &t {
            Some(t) => style.set_property("transform", t),
            None => style.remove_property("transform").map(|_| ()),
        };
        self.transform = t;
    }

    /// Draws what the app's frame plan asks for.
    fn render(&mut self) {
        let cached = self
            .base_cache
            .as_ref()
            .is_some_and(|c| c.view.pixel_ratio() == self.app.view().pixel_ratio());
        match self.app.plan(&self.painted, cached, now()) {
            FramePlan::Nothing => {}
            FramePlan::Move { dx, dy, k } => {
                if self.painted.hover.take().is_some() {
                    self.clear_hover();
                }
                let f = crate::format::fixed;
                self.set_transform(Some(format!(
                    "translate({}px,{}px) scale({})",
                    f(dx, 2),
                    f(dy, 2),
                    f(k, 5)
                )));
            }
            FramePlan::Draw {
                map,
                base_points,
                hover,
            } => {
                self.set_transform(None);
                if map {
                    self.render_map(base_points);
                }
                if hover {
                    self.render_hover();
                }
            }
        }
        self.sync_cursor();
    }

    /// A pointer cursor over what can be clicked.
    fn sync_cursor(&mut self) {
        let over = self.app.state().hover.is_some();
        if over != self.pointer_cursor {
            self.pointer_cursor = over;
            let _ = (self.canvas.style()).set_property("cursor", if over { "pointer" } else { "" });
        }
    }

    /// Draws the map (without the hover) in full.
    fn render_map(&mut self, base_points: bool) {
        let map_state = self.app.map_state();
        let list = scene::build_parts(
            self.app.dataset(),
            self.app.prepared(),
            self.app.view(),
            &map_state,
            base_points,
        );
        if let Err(e) = self.paint_layers(&list) {
            web_sys::console::warn_1(&e);
        }
        // A frame that left shapes out (a very large file) is drawn again next frame.
        self.painted.incomplete = self.paths.incomplete();
        self.painted.map = Some((*self.app.view(), map_state));
    }

    fn render_hover(&mut self) {
        self.clear_hover();
        let (ds, view, state) = (self.app.dataset(), self.app.view(), self.app.state());
        let cmds = scene::hover_layer(ds, view, state);
        if !cmds.is_empty() {
            let _ = self.hover_canvas.style().remove_property("display");
        }
        let prep = self.app.prepared();
        if let Err(e) = paint::paint_cmds(&self.hover_ctx, &cmds, view, prep, &mut self.paths) {
            web_sys::console::warn_1(&e);
        }
        self.painted.hover = Some((*view, state.clone()));
    }

    /// Paints a frame: the static base from its cache (re-rendered when stale), then the
    /// overlay. The base is re-rendered when the size, the pixel ratio or its commands change,
    /// or when the view moved and has come to rest; while the view moves, the cached bitmap is
    /// scaled and translated instead, which costs one drawImage.
    fn paint_layers(&mut self, list: &scene::DisplayList) -> Result<(), JsValue> {
        let base = &list.cmds[..list.base_len];
        self.paths.start_frame();
        let view = *self.app.view();
        let dpr = view.pixel_ratio();
        let (w, h) = (
            (view.width() * dpr).round() as u32,
            (view.height() * dpr).round() as u32,
        );
        let moving = self.app.moving(now());
        let stale = match &self.base_cache {
            None => true,
            Some(c) => {
                c.canvas.width() != w
                    || c.canvas.height() != h
                    || c.view.pixel_ratio() != dpr
                    || (!moving && (c.view != view || c.base.as_slice() != base))
            }
        };
        let prep = self.app.prepared();
        if stale {
            if self.base_cache.is_none() {
                let (canvas, ctx) = new_canvas()?;
                self.base_cache = Some(BaseCache {
                    canvas,
                    ctx,
                    view,
                    base: Vec::new(),
                });
            }
            if let Some(c) = self.base_cache.as_mut() {
                if c.canvas.width() != w || c.canvas.height() != h {
                    c.canvas.set_width(w);
                    c.canvas.set_height(h);
                }
                paint::paint_cmds(&c.ctx, base, &view, prep, &mut self.paths)?;
                c.view = view;
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
            let one = std::slice::from_ref(clear);
            paint::paint_cmds(&self.ctx, one, &view, prep, &mut self.paths)?;
        }
        paint::blit(&self.ctx, &c.canvas, &c.view, &view)?;
        let overlay = &list.cmds[list.base_len..];
        paint::paint_cmds(&self.ctx, overlay, &view, prep, &mut self.paths)
    }

    /// Hands the app's events to the page, queued until the core is no longer borrowed.
    fn take_events(&mut self) -> Vec<(&'static str, String)> {
        (self.app.take_events().into_iter())
            .map(|e| (e.name(), e.detail_json()))
            .collect()
    }
}

/// Delivers the app's events, outside any borrow of the core, so that a listener may call
/// back into the map.
fn flush(inner: &Rc<RefCell<Inner>>) {
    flush_with(inner, None);
}

/// Like [`flush`], handing the page the DOM event that raised them (a click's or a hover's
/// `originalEvent`).
fn flush_with(inner: &Rc<RefCell<Inner>>, cause: Option<&Event>) {
    loop {
        let (events, emit) = {
            // After an internal error the core stays borrowed: it is dead, and stays quiet.
            let Ok(mut me) = inner.try_borrow_mut() else {
                return;
            };
            let events = me.take_events();
            if events.is_empty() {
                return;
            }
            (events, me.emit.clone())
        };
        for (kind, detail) in events {
            let _ = match cause {
                Some(ev) => emit.call3(&JsValue::NULL, &kind.into(), &detail.into(), ev),
                None => emit.call2(&JsValue::NULL, &kind.into(), &detail.into()),
            };
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

/// The keys the map handles (the rest are the page's).
const MAP_KEYS: &[&str] = &[
    "+",
    "=",
    "-",
    "_",
    "ArrowLeft",
    "ArrowRight",
    "ArrowUp",
    "ArrowDown",
    "0",
    "Home",
    "Escape",
    "n",
    "p",
    "[",
    "]",
    "PageUp",
    "PageDown",
    "Enter",
    " ",
];

/// A DOM event as an input of the app, if it is one.
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
                2 => me.app.view().height(),
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
            if (!on_map && key != "Escape") || !MAP_KEYS.contains(&key.as_str()) {
                return None;
            }
            ev.prevent_default();
            Some(Input::Key { key, t })
        }
        _ => None,
    }
}

/// Parses the JSON of the alliances to show: `"all"` or an array of ids.
fn parse_alliance_ids(which: &str) -> Result<Option<Vec<String>>, String> {
    if which == "all" {
        return Ok(None);
    }
    serde_json::from_str(which)
        .map(Some)
        .map_err(|e| format!("expected 'all' or an array of ids: {e}"))
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
        let opts = AppOptions::from_json(&options).map_err(|e| err(format!("options: {e}")))?;
        let mut builder = DatasetBuilder::new();
        builder
            .map(&cities_name, &cities)
            .map_err(err)?
            .parks(&parks_name, parks.as_deref())
            .provinces(&provinces_name, provinces.as_deref())
            .alliances(&alliances_name, alliances.as_deref());
        let (ds, problems) = builder.build();
        let ctx = context_of(&canvas)?;
        // The hover layer goes right above the map's canvas; destroy() removes it.
        let (hover_canvas, hover_ctx) = new_canvas()?;
        hover_canvas.set_class_name("rm-hover");
        hover_canvas.set_attribute("aria-hidden", "true")?;
        canvas.after_with_node_1(&hover_canvas)?;
        let (w, h) = size_of(&root);
        let app = MapApp::new(ds, w, h, &opts);
        let paths = paint::PathCache::new(app.prepared());
        let inner = Rc::new(RefCell::new(Inner {
            app,
            root: root.clone(),
            canvas: canvas.clone(),
            ctx,
            hover_canvas: hover_canvas.clone(),
            hover_ctx,
            paths,
            painted: Painted::default(),
            base_cache: None,
            transform: None,
            emit,
            frame: None,
            wheel_always: opts.wheel_always(),
            device_px: None,
            pointer_cursor: false,
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
            pending: None,
            replacing: false,
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
                me.app.tick(t);
                me.render();
                let me = &mut *me;
                me.app.wants_frame(&me.painted, now())
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
                me.app.handle(input, now())
            };
            flush_with(&inner, Some(&ev));
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
    /// after the last. Features whose id is already loaded are reported and left out. The
    /// chunks gather in one builder: nothing is linked or indexed until the last.
    /// For new data (after [`MapCore::begin_data`]) a chunk that is not GeoJSON at all is an
    /// error, and the map keeps its data until `abort_data`.
    pub fn append_cities(&mut self, name: String, text: String) -> Result<(), JsValue> {
        if self.pending.is_none() {
            // The app is idle until finish_loading (see MapApp::set_loading).
            let first = self.run(|me| {
                me.app.set_loading(true);
                (me.app.take_dataset(), false)
            });
            self.pending = Some(first.into_builder());
        }
        if let Some(Err(p)) = self
            .pending
            .as_mut()
            .map(|b| b.map(&name, &text).map(|_| ()))
        {
            if self.replacing {
                return Err(err(p));
            }
            self.problems.push(p);
        }
        Ok(())
    }

    /// Ends a chunked load (of `mount`, or of `setData` after [`MapCore::begin_data`]): reads
    /// the parks and alliances, links them to the cities, and rebuilds the indexes (and, for
    /// `mount`, the view).
    pub fn finish_loading(
        &mut self,
        parks_name: String,
        parks: Option<String>,
        alliances_name: String,
        alliances: Option<String>,
    ) {
        let mut builder = match self.pending.take() {
            Some(b) => b,
            None => self.run(|me| (me.app.take_dataset(), false)).into_builder(),
        };
        builder
            .parks(&parks_name, parks.as_deref())
            .alliances(&alliances_name, alliances.as_deref());
        let (ds, problems) = builder.build();
        let keep_view = std::mem::take(&mut self.replacing);
        self.install(ds, keep_view);
        self.problems.extend(problems);
    }

    /// Starts new data for `setData` in chunks: the map keeps what it shows (and answers
    /// nothing) until [`MapCore::finish_loading`]; the cities come with
    /// [`MapCore::append_cities`]. [`MapCore::abort_data`] gives up.
    pub fn begin_data(&mut self, provinces_name: String, provinces: Option<String>) {
        self.run(|me| {
            me.app.set_loading(true);
            ((), false)
        });
        let mut builder = DatasetBuilder::new();
        builder.provinces(&provinces_name, provinces.as_deref());
        self.pending = Some(builder);
        self.replacing = true;
        self.problems.clear();
    }

    /// Gives up new data begun with [`MapCore::begin_data`]: the map goes on with its data.
    pub fn abort_data(&mut self) {
        self.pending = None;
        self.replacing = false;
        self.run(|me| {
            me.app.set_loading(false);
            ((), true)
        });
    }

    /// Puts a whole data set in the app, keeping the view or going to the whole data, and
    /// forgets what was drawn of the old one.
    fn install(&mut self, ds: crate::model::Dataset, keep_view: bool) {
        self.run(|me| {
            if keep_view {
                me.app.set_data(ds);
            } else {
                me.app.replace_data(ds);
            }
            me.app.set_loading(false);
            let font = std::mem::take(&mut me.paths.font);
            me.paths = paint::PathCache::new(me.app.prepared());
            me.paths.font = font;
            me.base_cache = None;
            me.painted = Painted::default();
            ((), true)
        });
    }

    /// What the page asks of the map, as JSON (one export for every question, which keeps
    /// the module and its bindings small): `snapshot`, `record` (arg: an id), `view`,
    /// `zoom_range`, `problems`, `indicators`, `legend`, `years`, `chart`, `svg` (arg:
    /// `legend` to include it), `cities`, `cities_head` (arg: how many), `parks`,
    /// `alliances`. An unknown question is an error.
    pub fn query(&self, what: &str, arg: String) -> Result<String, JsValue> {
        Ok(match what {
            "snapshot" => self.snapshot(),
            "record" => self.record(arg),
            "view" => self.view(),
            "zoom_range" => self.zoom_range(),
            "problems" => self.problems(),
            "indicators" => self.indicators(),
            "legend" => self.legend(),
            "years" => self.years(),
            "chart" => self.chart_spec(),
            "svg" => self.to_svg(arg == "legend"),
            "cities" => self.cities(),
            "cities_head" => self.cities_head(arg.parse().unwrap_or(0)),
            "parks" => self.parks(),
            "alliances" => self.alliances(),
            "places" => self.run(|me| {
                let v: Vec<(&str, &str, Option<&str>, &str, &str)> = (me.app.dataset().cities)
                    .iter()
                    .map(|c| {
                        let (id, level, parent) =
                            (c.id.as_str(), c.level.name(), c.parent.as_deref());
                        (id, level, parent, c.name_en.as_str(), c.name_zh.as_str())
                    })
                    .collect();
                (to_json(&v), false)
            }),
            other => return Err(err(format!("query: no such question '{other}'"))),
        })
    }

    /// The classes of an industry view, from the module loaded later: each city's class
    /// (NaN: none), and the classes' English and Chinese names and colours (r, g, b each).
    pub fn set_classes(
        &self,
        indicator: String,
        values: Vec<f64>,
        names: Vec<String>,
        names_zh: Vec<String>,
        colors: Vec<f64>,
    ) {
        self.run(|me| {
            let ds = me.app.dataset();
            let colors = (colors.chunks_exact(3))
                .map(|c| scene::Rgba::from_css_numbers(&[c[0], c[1], c[2], 1.0]))
                .collect();
            let c = scene::choropleth::Classification {
                values: values.iter().map(|v| v.is_finite().then_some(*v)).collect(),
                ranked: scene::choropleth::ranked(ds),
                classes: scene::choropleth::Classes::categories(names, names_zh, colors),
            };
            me.app.set_classes(&indicator, c);
            ((), true)
        })
    }

    /// Draws a frame now (the first frame, and tests).
    pub fn render_now(&self) {
        self.run(|me| {
            me.render();
            // A very large data set is drawn over several frames.
            let more = me.painted.incomplete;
            ((), more)
        })
    }

    /// Shows what a [`MapCore::snapshot`] showed, as far as the data still has it.
    pub fn restore(&self, snapshot: String) -> Result<(), JsValue> {
        let s = Snapshot::from_json(&snapshot).map_err(|e| err(format!("restore: {e}")))?;
        self.run(|me| {
            me.app.restore(&s);
            ((), true)
        });
        Ok(())
    }

    /// Selects a city or park by id, or clears the selection with None. Returns false for an
    /// unknown id (the selection is then unchanged).
    pub fn select(&self, id: Option<String>) -> bool {
        self.run(|me| {
            let ok = me.app.select(id.as_deref());
            (ok, ok)
        })
    }

    /// Id of the selected feature.
    pub fn selected(&self) -> Option<String> {
        self.run(|me| (me.app.selected().map(str::to_string), false))
    }

    /// Lon/lat to CSS px relative to the element.
    pub fn to_screen(&self, lon: f64, lat: f64) -> Vec<f64> {
        self.run(|me| {
            let s = me.app.view().lonlat_to_screen(LonLat::new(lon, lat));
            (vec![s.x, s.y], false)
        })
    }

    /// CSS px relative to the element to lon/lat.
    pub fn from_screen(&self, x: f64, y: f64) -> Vec<f64> {
        self.run(|me| {
            let p = me.app.view().screen_to_lonlat(ScreenPx { x, y });
            (vec![p.lon, p.lat], false)
        })
    }

    /// What a click at (x, y) would select, as JSON {id, kind, …} or null.
    pub fn feature_at(&self, x: f64, y: f64) -> String {
        self.run(|me| {
            let f = me.app.feature_at(ScreenPx { x, y });
            (to_json(&f), false)
        })
    }

    /// Moves the view: to a centre and zoom (NaN keeps a part), or, with `fit` = [west,
    /// south, east, north, top, right, bottom, left, max_zoom], to the view that shows that
    /// box inside that padding (CSS px), zoomed in no further than max_zoom (NaN: the map's
    /// limit). Over `duration` ms: 0 at once (`setView`, `fitBounds`), NaN a duration that
    /// suits the way; straight (`easeTo`) or flying out and in (`flyTo`).
    pub fn move_to(&self, lon: f64, lat: f64, zoom: f64, duration: f64, fly: bool, fit: Vec<f64>) {
        self.run(|me| {
            let to = match fit[..] {
                [w, s, e, n, top, right, bottom, left, max_zoom] => me.app.fit_target(
                    LonLat::new(w, s),
                    LonLat::new(e, n),
                    [top, right, bottom, left],
                    max_zoom,
                ),
                _ => {
                    let center =
                        (lon.is_finite() && lat.is_finite()).then(|| LonLat::new(lon, lat));
                    me.app.target(center, zoom.is_finite().then_some(zoom))
                }
            };
            let d = (!duration.is_nan()).then_some(duration);
            let dirty = me.app.travel(to, d, fly, now());
            ((), dirty)
        })
    }

    /// The zoom limits and the box the centre stays in (NaN: from the data; a box of four
    /// numbers west, south, east, north, or none).
    pub fn set_limits(&self, min_zoom: f64, max_zoom: f64, bounds: Vec<f64>) {
        self.run(|me| {
            let b = match bounds[..] {
                [w, s, e, n] => Some((LonLat::new(w, s), LonLat::new(e, n))),
                _ => None,
            };
            let f = |z: f64| z.is_finite().then_some(z);
            me.app.set_limits(f(min_zoom), f(max_zoom), b);
            ((), true)
        })
    }

    /// Zooms by `delta` levels about the centre, animated (the +/- buttons).
    pub fn zoom_by(&self, delta: f64) {
        self.run(|me| {
            let t = now();
            let dirty = me.app.handle(Input::ZoomBy { delta, t }, t);
            ((), dirty)
        })
    }

    /// Brings the selected city or park into view beside a panel whose left edge is at
    /// `panel_left` CSS px, if the panel covers it.
    pub fn reveal_beside(&self, panel_left: f64) {
        self.run(|me| {
            let moved = me.app.reveal_beside(panel_left);
            ((), moved)
        })
    }

    /// Back to the whole region.
    pub fn reset(&self) {
        self.run(|me| {
            let dirty = me.app.reset(now());
            ((), dirty)
        })
    }

    /// The language: `en`, `zh`, or a page's own tag (see [`crate::text`]).
    pub fn set_lang(&self, lang: String) -> Result<(), JsValue> {
        self.run(|me| {
            let r = me
                .app
                .set_lang(&lang)
                .map_err(|e| err(format!("setLang: {e}")));
            let ok = r.is_ok();
            (r, ok)
        })
    }

    /// The page's words for the current language, as key, words, key, words, … (see
    /// `crate::text::BUILTIN` for the keys the map draws); empty for none.
    pub fn set_messages(&self, pairs: Vec<String>) {
        let words = (pairs.chunks_exact(2))
            .map(|p| (p[0].clone(), p[1].clone()))
            .collect();
        self.run(|me| {
            me.app.set_messages(words);
            ((), true)
        })
    }

    /// The land under data of points and lines only (a GeoJSON of polygons, such as the
    /// bundled `land-110m.json`); nothing for data with polygons. Returns whether it is drawn.
    pub fn set_context(&self, name: String, text: String) -> Result<bool, JsValue> {
        let layer = crate::model::parse_map(&name, &text).map_err(err)?;
        let shapes: Vec<geo::MultiPolygon<f64>> =
            layer.cities.into_iter().map(|c| c.shape).collect();
        self.run(|me| {
            let drawn = me.app.set_context(&shapes, layer.attribution);
            me.paths.forget_context();
            if drawn {
                me.painted.map = None;
            }
            (Ok(drawn), drawn)
        })
    }

    /// The names of the theme's CSS custom properties (`--rm-NAME`), in the order
    /// `set_theme` takes their values.
    pub fn theme_names(&self) -> Vec<String> {
        (scene::style::Palette::THEME.iter())
            .map(|s| s.to_string())
            .collect()
    }

    /// The page's theme: r, g, b, alpha per colour of `theme_names()`, then the fill opacity
    /// and the line scale (NaN keeps a default), and the labels' font family ("" keeps it).
    pub fn set_theme(&self, values: Vec<f64>, font: String) {
        self.run(|me| {
            me.app.set_theme(&values);
            if !font.trim().is_empty() {
                me.paths.font = font;
            }
            ((), true)
        })
    }

    /// Which alliances' links show: `"all"` or a JSON array of ids.
    pub fn show_alliances(&self, which: String) -> Result<(), JsValue> {
        let ids = parse_alliance_ids(&which).map_err(|e| err(format!("showAlliances: {e}")))?;
        self.run(|me| {
            me.app.show_alliances(ids);
            ((), true)
        });
        Ok(())
    }

    /// Shows only what existed in `year`; None shows everything.
    pub fn set_year(&self, year: Option<i32>) {
        self.run(|me| {
            me.app.set_year(year);
            ((), true)
        })
    }

    /// Colours cities by an indicator (`alliances`, `projects`, `parks`, or `property:<name>`
    /// for a numeric GeoJSON property); None turns the choropleth off.
    pub fn set_indicator(&self, name: Option<String>) -> Result<(), JsValue> {
        self.run(|me| {
            let r = (me.app.set_indicator(name.as_deref()))
                .map_err(|e| err(format!("setIndicator: {e}")));
            let ok = r.is_ok();
            (r, ok)
        })
    }

    /// Paints the current view with its legend into `canvas` (for `toPNG`), at `ratio`
    /// device pixels per CSS pixel (NaN: the map's), on `background` (r, g, b, alpha 0 to 1;
    /// empty: the theme's; alpha 0: transparent).
    pub fn export_to_canvas(
        &self,
        canvas: HtmlCanvasElement,
        ratio: f64,
        background: Vec<f64>,
    ) -> Result<(), JsValue> {
        self.run(|me| {
            let r = (|| -> Result<(), JsValue> {
                let (ds, prep, state) = (me.app.dataset(), me.app.prepared(), me.app.state());
                let view = &if ratio.is_finite() && ratio > 0.0 {
                    me.app.view().with_pixel_ratio(ratio.min(8.0))
                } else {
                    *me.app.view()
                };
                let dpr = view.pixel_ratio();
                canvas.set_width((view.width() * dpr).round() as u32);
                canvas.set_height((view.height() * dpr).round() as u32);
                let ctx = context_of(&canvas)?;
                let mut list = scene::build(ds, prep, view, state);
                list.cmds.extend(scene::legend(ds, view, state));
                if let [r, g, b, a] = background[..] {
                    if let Some(scene::Cmd::Clear(c)) = list.cmds.first_mut() {
                        *c = scene::Rgba::from_css_numbers(&[r, g, b, a]);
                    }
                }
                paint::paint(&ctx, &list, view, prep, &mut me.paths)
            })();
            (r, false)
        })
    }

    /// How many cities (polygon features) are loaded.
    pub fn city_count(&self) -> usize {
        self.run(|me| (me.app.dataset().cities.len(), false))
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

/// The questions of [`MapCore::query`], for it and for the browser tests.
impl MapCore {
    /// What the map shows, as an opaque string for [`MapCore::restore`]: the wrapper keeps
    /// the latest, so that after an internal error a fresh core can show the same.
    pub fn snapshot(&self) -> String {
        self.run(|me| {
            let s = serde_json::to_string(&me.app.snapshot()).unwrap_or_default();
            (s, false)
        })
    }

    /// The record of a city, park, alliance or other feature, as JSON (null when unknown).
    pub fn record(&self, id: String) -> String {
        self.run(|me| (me.app.dataset().record_json(&id), false))
    }

    /// The viewport as JSON {center: [lon, lat], zoom}.
    pub fn view(&self) -> String {
        self.run(|me| (to_json(&me.app.view_detail()), false))
    }

    /// The zoom range, `[min, max]`, as JSON.
    pub fn zoom_range(&self) -> String {
        self.run(|me| {
            let (a, b) = me.app.view().zoom_range();
            (format!("[{a},{b}]"), false)
        })
    }

    /// Problems found while loading, as a JSON array of {file, feature, reason, message}.
    pub fn problems(&self) -> String {
        let all: Vec<ProblemDetail> = (self.problems.iter())
            .map(|p| ProblemDetail {
                file: p.file.clone(),
                feature: p.feature.clone(),
                reason: p.reason.clone(),
                message: p.to_string(),
            })
            .collect();
        to_json(&all)
    }

    /// The indicators cities can be coloured by, as JSON [{id, label_en, label_zh}].
    pub fn indicators(&self) -> String {
        self.run(|me| {
            let list = scene::choropleth::available(me.app.dataset());
            (to_json(&list), false)
        })
    }

    /// What the legend shows, as JSON: every alliance with its colour, member count, year,
    /// and whether it is shown; and the choropleth's classes, if any.
    pub fn legend(&self) -> String {
        self.run(|me| (to_json(&me.app.legend()), false))
    }

    /// The first and last year of the data, as JSON [first, last] (null when undated).
    pub fn years(&self) -> String {
        self.run(|me| {
            let range = scene::year_range(me.app.dataset());
            (to_json(&range), false)
        })
    }

    /// What the chart for the current selection shows (an alliance's figures, a city's
    /// projects per year, or the overview), as a `ChartSpec` in JSON for the charts module.
    pub fn chart_spec(&self) -> String {
        self.run(|me| {
            let (ds, state) = (me.app.dataset(), me.app.state());
            let spec = match state.selected {
                Some(FeatureRef {
                    kind: Kind::Alliance,
                    index,
                }) => crate::charts::alliance_chart(ds, index, state.lang, &state.words),
                Some(FeatureRef {
                    kind: Kind::City,
                    index,
                }) => crate::charts::city_chart(ds, index, state.lang, &state.words),
                _ => crate::charts::overview_chart(ds, state.lang, &state.words),
            };
            (crate::api::to_json(&spec.with_theme(&state.palette)), false)
        })
    }

    /// The current view with its legend, as an SVG document (from the same display list as
    /// the canvas).
    pub fn to_svg(&self, legend: bool) -> String {
        self.run(|me| {
            let (ds, prep, view, state) = (
                me.app.dataset(),
                me.app.prepared(),
                me.app.view(),
                me.app.state(),
            );
            let mut list = scene::build(ds, prep, view, state);
            if legend {
                list.cmds.extend(scene::legend(ds, view, state));
            }
            (scene::svg::to_svg(&list, view, prep), false)
        })
    }

    /// All cities as a JSON array of records.
    pub fn cities(&self) -> String {
        self.run(|me| (me.app.dataset().cities_json(), false))
    }

    /// The first `n` cities, as short records {id, name_en, name_zh} (for long lists).
    pub fn cities_head(&self, n: usize) -> String {
        self.run(|me| {
            let v: Vec<CityName> = (me.app.dataset().cities.iter().take(n))
                .map(|c| CityName {
                    id: c.id.clone(),
                    name_en: c.name_en.clone(),
                    name_zh: c.name_zh.clone(),
                })
                .collect();
            (to_json(&v), false)
        })
    }

    /// All parks as a JSON array of records.
    pub fn parks(&self) -> String {
        self.run(|me| (me.app.dataset().parks_json(), false))
    }

    /// All alliances as a JSON array of records.
    pub fn alliances(&self) -> String {
        self.run(|me| (me.app.dataset().alliances_json(), false))
    }
}
