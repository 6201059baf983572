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

use crate::api::{to_json, ErrorDetail};
use crate::app::{AppOptions, DataFiles, FeatureStream, FramePlan, MapApp, Painted};
use crate::interact::Input;
use crate::model::LonLat;
use crate::scene;
use crate::scene::slice::Cursor;
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
    /// A base being painted in slices: where it stands (at the end of the list: painted,
    /// not yet shown). The bitmap is then part drawn, and the screen goes on showing the last
    /// whole frame.
    pending: Option<Cursor>,
    /// A slice of this base left shapes out (the vertex budget of a frame, see
    /// [`scene::lod::PATH_VERTICES_PER_FRAME`]): it is drawn again once shown.
    missing: bool,
    /// A canvas of one pixel: drawing the bitmap into it makes the browser raster what was
    /// recorded so far, then and there (a software canvas rasters only when it is read), so
    /// that a slice's time counts its raster.
    flush: (HtmlCanvasElement, CanvasRenderingContext2d),
}

/// While a base is painted in slices, what was painted is rastered every this many ms: a
/// thousand points are quick to record and slow to raster, and the clock must see both.
const RASTER_EVERY_MS: f64 = 2.0;

/// The time one frame of the frame loop may spend on the base, painting it and rastering
/// what it painted, before it stops and goes on in the next frame, in ms: well under the 50 ms
/// of a long task, with room for the rest of the frame.
const FRAME_PAINT_MS: f64 = 25.0;

impl BaseCache {
    /// Rasters what the bitmap has recorded so far, now.
    fn raster(&self) -> Result<(), JsValue> {
        let (one, ctx) = &self.flush;
        // A fresh size empties the little canvas (it keeps nothing of earlier flushes).
        one.set_width(1);
        one.set_height(1);
        ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            &self.canvas,
            0.0,
            0.0,
            1.0,
            1.0,
            0.0,
            0.0,
            1.0,
            1.0,
        )
    }
}

/// How much of a frame drawn in slices the screen shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shown {
    /// Nothing yet: the base is being painted; the screen shows the last whole frame.
    Not,
    /// The new base and part of the overlay.
    Partly,
    /// All of it; `missing`: with shapes left out (drawn again next frame).
    Whole { missing: bool },
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
    /// An overlay drawn in part on the screen (in slices): where it stands, for which view
    /// and which commands.
    overlay_at: Option<(Cursor, Viewport, Vec<scene::Cmd>)>,
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
    /// The hover layer is in the page's layers (not `display: none`).
    hover_shown: bool,
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
    box_size(&el.get_bounding_client_rect())
}

fn box_size(r: &web_sys::DomRect) -> (f64, f64) {
    (r.width().max(1.0), r.height().max(1.0))
}

/// The box of the map's buttons (`.rm-controls`) from the top-left corner of the root (whose
/// box is `o`), as the page's style puts them; None when they take no room (hidden). Without
/// them in the root (the core used alone), the default box.
fn controls_of(root: &HtmlElement, o: &web_sys::DomRect) -> scene::ControlsBox {
    let Ok(Some(c)) = root.query_selector(".rm-controls") else {
        return scene::ControlsBox::default();
    };
    let r = c.get_bounding_client_rect();
    let at = |x: f64, y: f64| ScreenPx {
        x: x - o.left(),
        y: y - o.top(),
    };
    let shown = r.width() > 0.0 && r.height() > 0.0;
    // With a margin: a label does not touch them either.
    let (lo, hi) = (
        at(r.left() - 6.0, r.top() - 6.0),
        at(r.right() + 6.0, r.bottom() + 6.0),
    );
    scene::ControlsBox(shown.then_some((lo, hi)))
}

fn pixel_ratio() -> f64 {
    web_sys::window().map_or(1.0, |w| w.device_pixel_ratio())
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
        let rect = self.root.get_bounding_client_rect();
        let (w, h) = box_size(&rect);
        let (dw, dh) = crate::view::device_size(w, h, pixel_ratio(), self.device_px);
        // The ratio the canvases really have: device pixels per CSS pixel, fractional at 1.25
        // or 1.5, so that a CSS pixel of the scene lands on whole device pixels.
        let ratio = f64::from(dw) / w;
        let moved = self.app.set_controls(controls_of(&self.root, &rect));
        let changed = self.app.resize(w, h, ratio) || moved;
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

    /// Forgets what was drawn of the data the map had (new data is in).
    fn data_changed(&mut self) {
        self.paths.levels = scene::lod::Levels::new(self.app.prepared());
        self.base_cache = None;
        self.painted = Painted::default();
    }

    /// Clears the hover layer and takes it out of the page's layers: an empty full-size canvas
    /// would still be composited every frame.
    fn clear_hover(&mut self) {
        paint::clear(&self.hover_ctx, &self.hover_canvas);
        self.show_hover(false);
    }

    /// Puts the hover layer in the page's layers or takes it out, when that changes (a change
    /// of its style makes the browser rebuild its layers).
    fn show_hover(&mut self, shown: bool) {
        if shown != self.hover_shown {
            self.hover_shown = shown;
            let style = self.hover_canvas.style();
            let _ = if shown {
                style.remove_property("display").map(|_| ())
            } else {
                style.set_property("display", "none")
            };
        }
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

    /// Draws what the app's frame plan asks for; a base that needs painting gets `budget` ms
    /// (none: whatever it takes) and goes on at the next call when that is spent.
    fn render(&mut self, budget: Option<f64>) {
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
                // A base still being painted in slices leaves the screen as it was (the last
                // whole frame, where it was moved to) until it is done; then the overlay may
                // take a few slices of its own, over the new base.
                // (A screen with a new base and part of its overlay is finished first.)
                let shown = if map || self.overlay_at.is_some() {
                    self.render_map(base_points, budget)
                } else {
                    // Back where the last whole frame was: what was being painted is not needed.
                    self.painted.pending = false;
                    Shown::Whole { missing: false }
                };
                if shown != Shown::Not {
                    self.set_transform(None);
                }
                if !matches!(shown, Shown::Whole { .. }) {
                    if self.painted.hover.take().is_some() {
                        self.clear_hover();
                    }
                    return;
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

    /// Draws the map (without the hover) in full, or a slice of it when `budget` ms is not
    /// enough for all of it: returns how much of it the screen shows.
    fn render_map(&mut self, base_points: bool, budget: Option<f64>) -> Shown {
        let map_state = self.app.map_state();
        let list = scene::build_parts(
            self.app.dataset(),
            self.app.prepared(),
            self.app.view(),
            &map_state,
            base_points,
        );
        // A frame that left shapes out (a very large file) is drawn again next frame.
        let shown = self.paint_layers(&list, budget).unwrap_or_else(|e| {
            web_sys::console::warn_1(&e);
            Shown::Whole { missing: false }
        });
        let Shown::Whole { missing } = shown else {
            self.painted.pending = true;
            return shown;
        };
        self.painted.incomplete = missing;
        self.painted.pending = false;
        self.painted.map = Some((*self.app.view(), map_state));
        shown
    }

    fn render_hover(&mut self) {
        paint::clear(&self.hover_ctx, &self.hover_canvas);
        let (ds, view, state) = (self.app.dataset(), self.app.view(), self.app.state());
        let cmds = scene::hover_layer(ds, view, state);
        let shown = !cmds.is_empty();
        let prep = self.app.prepared();
        if let Err(e) = paint::paint_cmds(&self.hover_ctx, &cmds, view, prep, &mut self.paths) {
            web_sys::console::warn_1(&e);
        }
        self.painted.hover = Some((*view, state.clone()));
        self.show_hover(shown);
    }

    /// Paints a frame: the static base from its cache (re-rendered when stale), then the
    /// overlay. The base is re-rendered when the size, the pixel ratio or its commands change,
    /// or when the view moved and has come to rest; while the view moves, the cached bitmap is
    /// scaled and translated instead, which costs one drawImage. A base re-rendered with a
    /// `budget` (ms) stops when it is spent, and the next call goes on where it stopped, if the
    /// base is still the same, and starts again otherwise; so does the overlay.
    fn paint_layers(
        &mut self,
        list: &scene::DisplayList,
        budget: Option<f64>,
    ) -> Result<Shown, JsValue> {
        let started = now();
        let base = &list.cmds[..list.base_len];
        self.paths.levels.start_frame();
        let view = *self.app.view();
        let dpr = view.pixel_ratio();
        let (w, h) = (
            (view.width() * dpr).round() as u32,
            (view.height() * dpr).round() as u32,
        );
        let moving = self.app.moving(now());
        let fits = |c: &BaseCache| {
            c.canvas.width() == w && c.canvas.height() == h && c.view.pixel_ratio() == dpr
        };
        let (stale, from) = match &self.base_cache {
            None => (true, Cursor::default()),
            Some(c) => match c.pending {
                // A base part painted goes on if it is still the one to paint.
                Some(at) if fits(c) && c.view == view && c.base.as_slice() == base => (true, at),
                Some(_) => (true, Cursor::default()),
                None => (
                    !fits(c) || (!moving && (c.view != view || c.base.as_slice() != base)),
                    Cursor::default(),
                ),
            },
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
                    pending: None,
                    missing: false,
                    flush: new_canvas()?,
                });
            }
            if let Some(c) = self.base_cache.as_mut() {
                if c.canvas.width() != w || c.canvas.height() != h {
                    c.canvas.set_width(w);
                    c.canvas.set_height(h);
                }
                let start = now();
                let until = budget.map(|ms| start + ms);
                let mut rastered = start;
                let stop = || {
                    if budget.is_some() && now() - rastered >= RASTER_EVERY_MS {
                        let _ = c.raster();
                        rastered = now();
                    }
                    until.is_some_and(|t| now() >= t)
                };
                let left =
                    paint::paint_until(&c.ctx, base, from, &view, prep, &mut self.paths, stop)?;
                if budget.is_some() {
                    c.raster()?;
                }
                if from == Cursor::default() {
                    c.base = base.to_vec();
                    c.missing = false;
                }
                c.view = view;
                c.missing |= self.paths.levels.incomplete();
                // A slice stops where its time is spent; a base that took more than half of
                // it is shown in the next, so that it and the overlay are not one long task.
                let shown_later = budget.is_some_and(|ms| now() - start > ms / 2.0);
                if left.is_some() || shown_later {
                    c.pending = Some(left.unwrap_or(Cursor {
                        cmd: base.len(),
                        item: 0,
                    }));
                    return Ok(Shown::Not);
                }
                // A new base: the screen shows it anew, overlay and all.
                self.overlay_at = None;
                c.pending = None;
                if c.missing {
                    // Drawn again next frame, with more of its shapes.
                    c.base = Vec::new();
                }
            }
        }
        let Some(c) = self.base_cache.as_ref() else {
            return Ok(Shown::Whole { missing: false });
        };
        let missing = c.missing;
        let overlay = &list.cmds[list.base_len..];
        // An overlay drawn in part over this base goes on; otherwise the base is put on the
        // screen and the overlay drawn from its start.
        let from = match self.overlay_at.take() {
            Some((at, v, cmds)) if v == view && cmds.as_slice() == overlay => at,
            _ => {
                if let Some(clear @ scene::Cmd::Clear(_)) = base.first() {
                    let one = std::slice::from_ref(clear);
                    paint::paint_cmds(&self.ctx, one, &view, prep, &mut self.paths)?;
                }
                paint::blit(&self.ctx, &c.canvas, &c.view, &view)?;
                Cursor::default()
            }
        };
        let until = budget.map(|ms| started + ms);
        let stop = || until.is_some_and(|t| now() >= t);
        let left =
            paint::paint_until(&self.ctx, overlay, from, &view, prep, &mut self.paths, stop)?;
        if let Some(at) = left {
            self.overlay_at = Some((at, view, overlay.to_vec()));
            return Ok(Shown::Partly);
        }
        Ok(Shown::Whole {
            missing: missing || self.paths.levels.incomplete(),
        })
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
            if (!on_map && key != "Escape") || !crate::interact::MAP_KEYS.contains(&key.as_str()) {
                return None;
            }
            ev.prevent_default();
            Some(Input::Key { key, t })
        }
        _ => None,
    }
}

/// A cities file read as its bytes arrive ([`FeatureStream`]): the page pushes each piece as
/// it comes, takes steps while [`DataStream::can_step`] says so, and at the end hands the
/// stream, with the optional files ([`DataStream::optional`]), to the map ([`MapCore::new`],
/// [`MapCore::load_data`]), which ends it and reads the rest in its own steps. A file given
/// whole is pushed in one piece.
#[wasm_bindgen]
pub struct DataStream {
    inner: Option<FeatureStream>,
    files: DataFiles,
}

#[wasm_bindgen]
impl DataStream {
    /// A stream for the file `name` (for messages).
    #[wasm_bindgen(constructor)]
    pub fn new(name: String) -> DataStream {
        install_panic_hook();
        DataStream {
            inner: Some(FeatureStream::new(name)),
            files: DataFiles::default(),
        }
    }

    /// More of the file's bytes (all of them, for a file given whole).
    pub fn push(&mut self, bytes: Vec<u8>) {
        if let Some(s) = self.inner.as_mut() {
            s.push(bytes);
        }
    }

    /// Whether a step would read something now.
    pub fn can_step(&self) -> bool {
        self.inner.as_ref().is_some_and(FeatureStream::can_step)
    }

    /// Reads the features of about 64 kB that have come. Fails, naming the file, when it is
    /// not GeoJSON.
    pub fn step(&mut self) -> Result<(), JsValue> {
        match self.inner.as_mut() {
            Some(s) => s.step().map_err(|p| err(p.to_string())),
            None => Ok(()),
        }
    }

    /// The optional files that go with the cities: each a name (for messages) and its bytes,
    /// if there is one.
    pub fn optional(
        &mut self,
        parks_name: String,
        parks: Option<Vec<u8>>,
        alliances_name: String,
        alliances: Option<Vec<u8>>,
        provinces_name: String,
        provinces: Option<Vec<u8>>,
    ) {
        self.files = DataFiles::optional(
            (parks_name, parks),
            (alliances_name, alliances),
            (provinces_name, provinces),
        );
    }

    /// The cities and the optional files, for the map (once).
    fn take(&mut self) -> Result<(FeatureStream, DataFiles), JsValue> {
        let cities =
            (self.inner.take()).ok_or_else(|| err("region-map: a data stream was used twice"))?;
        Ok((cities, std::mem::take(&mut self.files)))
    }
}

#[wasm_bindgen]
impl MapCore {
    /// Loads the data and attaches the map to `root` (which holds `canvas`): the cities
    /// from a [`DataStream`] (which may have read some of them as they arrived), with its
    /// optional files ([`DataStream::optional`]); the stream is left empty. Fails with a
    /// message naming the file and the reason when the cities cannot be used; problems with
    /// single features are kept for `query("problems")`. A large cities file is read in steps:
    /// the page calls [`MapCore::load_step`] until it returns 0.
    #[wasm_bindgen(constructor)]
    pub fn new(
        root: HtmlElement,
        canvas: HtmlCanvasElement,
        data: &mut DataStream,
        options: String,
        emit: js_sys::Function,
    ) -> Result<MapCore, JsValue> {
        let (cities, files) = data.take()?;
        MapCore::create(root, canvas, cities, files, options, emit)
    }

    fn create(
        root: HtmlElement,
        canvas: HtmlCanvasElement,
        cities: FeatureStream,
        files: DataFiles,
        options: String,
        emit: js_sys::Function,
    ) -> Result<MapCore, JsValue> {
        install_panic_hook();
        CURRENT_EMIT.with(|e| *e.borrow_mut() = Some(emit.clone()));
        let opts = AppOptions::from_json(&options).map_err(|e| err(format!("options: {e}")))?;
        let ctx = context_of(&canvas)?;
        // The hover layer goes right above the map's canvas; destroy() removes it.
        let (hover_canvas, hover_ctx) = new_canvas()?;
        hover_canvas.set_class_name("rm-hover");
        hover_canvas.set_attribute("aria-hidden", "true")?;
        canvas.after_with_node_1(&hover_canvas)?;
        let (w, h) = size_of(&root);
        let mut app = MapApp::new(Default::default(), w, h, &opts);
        app.load_stream(cities, files, false).map_err(err)?;
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
            overlay_at: None,
            transform: None,
            emit,
            frame: None,
            wheel_always: opts.wheel_always(),
            device_px: None,
            pointer_cursor: false,
            hover_shown: true,
            destroyed: false,
        }));
        inner.borrow_mut().resize();
        inner.borrow_mut().data_changed();
        // Moves of the view transform the canvas about its top-left corner.
        let _ = canvas.style().set_property("transform-origin", "0 0");
        let mut core = MapCore {
            inner,
            listeners: Vec::new(),
            frame_cb: Rc::new(RefCell::new(None)),
            resize: None,
            hover_canvas,
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
                me.render(Some(FRAME_PAINT_MS));
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

    /// Reads the next step of a large cities file (of the constructor or of
    /// [`MapCore::load_data`]). Returns how many steps are left; at 0 the data is in and
    /// drawn at the next frame. Fails when new data cannot be used (the map keeps its data).
    pub fn load_step(&self) -> Result<u32, JsValue> {
        self.run(|me| {
            let r = me.app.load_step().map_err(err);
            let done = matches!(r, Ok(0));
            if done {
                me.data_changed();
            }
            (r.map(|n| n as u32), done)
        })
    }

    /// New data (`setData`): read like the constructor's, in steps
    /// ([`MapCore::load_step`]) when the cities file is large; returns how many are left. The
    /// map keeps its data, its view and its state meanwhile; [`MapCore::abort_data`] gives
    /// up.
    pub fn load_data(&self, data: &mut DataStream) -> Result<u32, JsValue> {
        let (cities, files) = data.take()?;
        self.run(|me| {
            let r = me.app.load_stream(cities, files, true).map_err(err);
            let done = matches!(r, Ok(0));
            if done {
                me.data_changed();
            }
            (r.map(|n| n as u32), done)
        })
    }

    /// Gives up new data begun with [`MapCore::load_data`]: the map goes on with its data.
    pub fn abort_data(&self) {
        self.run(|me| {
            me.app.abort_load();
            ((), true)
        })
    }

    /// What the page asks of the map, as JSON (one export for every question, which keeps
    /// the module and its bindings small; see [`MapApp::query`]).
    pub fn query(&self, what: &str, arg: String) -> Result<String, JsValue> {
        self.run(|me| (me.app.query(what, &arg).map_err(err), false))
    }

    /// Draws a frame now, whole (tests, and a page that asks for it).
    pub fn render_now(&self) {
        self.run(|me| {
            me.render(None);
            // A very large data set is drawn over several frames.
            let more = me.painted.incomplete;
            ((), more)
        })
    }

    /// Draws a slice of the next frame, about `ms` ms of its work (painting the base and
    /// rastering it, then the overlay), or all of it if that is enough. Returns whether more
    /// is left: the first frame is drawn so, in tasks of their own.
    pub fn render_slice(&self, ms: f64) -> bool {
        self.run(|me| {
            me.render(Some(ms));
            (me.painted.pending, me.painted.incomplete)
        })
    }

    /// A command of the page by name, its arguments a JSON array (see [`MapApp::command`]):
    /// `select`, `move_to`, `set_limits`, `zoom_by`, `reveal_beside`, `reset`, `set_lang`,
    /// `set_messages`, `show_alliances`, `set_year`, `set_indicator`, `set_classes`,
    /// `restore`. Returns the answer as JSON.
    pub fn command(&self, what: &str, args: String) -> Result<String, JsValue> {
        self.run(|me| match me.app.command(what, &args, now()) {
            Ok((answer, dirty)) => (Ok(answer), dirty),
            Err(e) => (Err(err(e)), false),
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

    /// The land under data of points and lines only (a GeoJSON of polygons, such as the
    /// bundled `land-110m.json`); nothing for data with polygons. Returns whether it is drawn.
    pub fn set_context(&self, name: String, bytes: Vec<u8>) -> Result<bool, JsValue> {
        let text = crate::app::text_of(bytes);
        self.run(|me| {
            let drawn = me.app.set_context_text(&name, &text).map_err(err);
            me.paths.levels.forget_context();
            if drawn == Ok(true) {
                me.painted.map = None;
            }
            let dirty = drawn == Ok(true);
            (drawn, dirty)
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

    /// Paints the current view with its legend into `canvas` (for `toPNG`; see
    /// [`MapApp::export_list`]).
    pub fn export_to_canvas(
        &self,
        canvas: HtmlCanvasElement,
        ratio: f64,
        background: Vec<f64>,
    ) -> Result<(), JsValue> {
        self.run(|me| {
            let (list, view) = me.app.export_list(ratio, &background);
            let dpr = view.pixel_ratio();
            canvas.set_width((view.width() * dpr).round() as u32);
            canvas.set_height((view.height() * dpr).round() as u32);
            let r = context_of(&canvas)
                .and_then(|ctx| paint::paint(&ctx, &list, &view, me.app.prepared(), &mut me.paths));
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
