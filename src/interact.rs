//! Input to actions: pointer, wheel, touch and keys become new viewports, hovers, clicks and
//! commands. No DOM here: the web layer turns browser events into [`Input`] and carries out
//! the [`Action`]s, so every gesture is tested on the host.

use std::collections::VecDeque;

use crate::view::{ScreenPx, Viewport, World};

/// Pixels of wheel movement per zoom level (a mouse notch of 100 px zooms by 2/3 of a level).
pub const WHEEL_PX_PER_ZOOM: f64 = 150.0;
/// A press that moves less than this many CSS px is a click, not a drag.
pub const CLICK_TOLERANCE_PX: f64 = 4.0;
/// Pixels moved by one arrow-key press.
pub const KEY_PAN_PX: f64 = 100.0;
/// Inertia: velocity decays by e every this many ms.
pub const INERTIA_DECAY_MS: f64 = 325.0;
/// Inertia starts only above this release speed, in CSS px per ms.
pub const INERTIA_MIN_SPEED: f64 = 0.15;
/// Duration of animated zooms (buttons, keys, double-click), in ms.
pub const ZOOM_ANIMATION_MS: f64 = 220.0;

/// An input event, in CSS px relative to the map and ms.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A pointer (mouse button, finger, pen) went down.
    PointerDown {
        /// Pointer id.
        id: i32,
        /// Position.
        at: ScreenPx,
        /// Time in ms.
        t: f64,
    },
    /// A finger touched the map (a pointer of type `touch`). Like [`Input::PointerDown`],
    /// except that with cooperative touch one finger alone does not pan: it scrolls the page.
    TouchDown {
        /// Pointer id.
        id: i32,
        /// Position.
        at: ScreenPx,
        /// Time in ms.
        t: f64,
    },
    /// A pointer moved (pressed or not).
    PointerMove {
        /// Pointer id.
        id: i32,
        /// Position.
        at: ScreenPx,
        /// Time in ms.
        t: f64,
    },
    /// A pointer went up.
    PointerUp {
        /// Pointer id.
        id: i32,
        /// Position.
        at: ScreenPx,
        /// Time in ms.
        t: f64,
    },
    /// A pointer was cancelled by the browser.
    PointerCancel {
        /// Pointer id.
        id: i32,
    },
    /// The pointer left the map.
    PointerLeave,
    /// Wheel or trackpad scroll, in CSS px (positive: towards the user, zoom out).
    Wheel {
        /// Pointer position.
        at: ScreenPx,
        /// Vertical delta in px.
        delta_y: f64,
    },
    /// A double click or double tap.
    DoubleClick {
        /// Position.
        at: ScreenPx,
        /// Zoom out instead of in (shift held).
        zoom_out: bool,
        /// Time in ms.
        t: f64,
    },
    /// A key, as `KeyboardEvent.key`.
    Key {
        /// The key.
        key: String,
        /// Time in ms.
        t: f64,
    },
    /// A wheel turn that the map lets the page have (the map has no focus and Ctrl is up).
    WheelPassedOn,
    /// Zoom by `delta` levels about the centre, animated (the +/- buttons).
    ZoomBy {
        /// Levels, positive to zoom in.
        delta: f64,
        /// Time in ms.
        t: f64,
    },
}

/// What the map should do in response.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Show this viewport.
    View(Viewport),
    /// The pointer hovers here.
    Hover(ScreenPx),
    /// The pointer is gone.
    HoverNone,
    /// A click (or tap) here: select what is under it, or clear the selection.
    Click(ScreenPx),
    /// Clear the selection (Esc).
    ClearSelection,
    /// Move the keyboard focus to the next (+1) or previous (-1) city.
    Step(i32),
    /// Select the city with the keyboard focus (Enter).
    SelectFocused,
    /// Back to the initial view.
    Reset,
    /// Something is animating: call [`Interaction::tick`] on the next frame.
    Animate,
    /// Tell the user how to zoom with the wheel (the page scrolled instead).
    WheelHint,
    /// Tell the user that two fingers move the map (one finger scrolled the page instead).
    TouchHint,
}

#[derive(Debug, Clone)]
struct Drag {
    id: i32,
    start: ScreenPx,
    last: ScreenPx,
    moved: bool,
    /// A lone finger moved with cooperative touch: the gesture is the page's (a scroll), so it
    /// neither pans nor ends in a click.
    passed_on: bool,
    samples: VecDeque<(f64, ScreenPx)>,
}

#[derive(Debug, Clone)]
struct Pinch {
    center: ScreenPx,
    distance: f64,
}

#[derive(Debug, Clone)]
enum Anim {
    Inertia {
        vx: f64,
        vy: f64,
        last_t: f64,
    },
    Zoom {
        from: Viewport,
        about: ScreenPx,
        to_zoom: f64,
        t0: Option<f64>,
    },
    /// `easeTo` and `flyTo`: from one view to another along a path.
    Path {
        path: ViewPath,
        duration: f64,
        t0: Option<f64>,
    },
}

/// The way from one view to another. Straight: the centre and the zoom change together.
/// Flying (van Wijk and Nuij, "Smooth and efficient zooming and panning", 2003): the view
/// zooms out while it travels and in as it arrives, so that a long way passes over a view of
/// both ends, at a perceived speed that stays even.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewPath {
    from: Viewport,
    to: Viewport,
    /// For a flight: the path's parameters (r0, the path's length S, the distance u1 in world
    /// units, and w0, the width shown at the start in world units).
    fly: Option<[f64; 4]>,
}

/// The flight's curvature (the paper's rho; about sqrt(2) balances zooming and panning).
const RHO: f64 = 1.42;

impl ViewPath {
    /// A straight way from `from` to `to`.
    pub fn straight(from: Viewport, to: Viewport) -> Self {
        ViewPath {
            from,
            to,
            fly: None,
        }
    }

    /// A flight from `from` to `to`.
    pub fn flight(from: Viewport, to: Viewport) -> Self {
        let (a, b) = (from.center_world(), to.center_world());
        let u1 = (b.x - a.x).hypot(b.y - a.y);
        let w0 = from.width() / from.scale();
        let w1 = from.width() / to.scale();
        let fly = if u1 * from.scale() < 0.5 {
            // Only a zoom: the flight is a zoom at an even perceived speed.
            None
        } else {
            let rho2 = RHO * RHO;
            let b0 = (w1 * w1 - w0 * w0 + rho2 * rho2 * u1 * u1) / (2.0 * w0 * rho2 * u1);
            let b1 = (w1 * w1 - w0 * w0 - rho2 * rho2 * u1 * u1) / (2.0 * w1 * rho2 * u1);
            let r = |b: f64| ((b * b + 1.0).sqrt() - b).ln();
            let (r0, r1) = (r(b0), r(b1));
            Some([r0, (r1 - r0) / RHO, u1, w0])
        };
        ViewPath { from, to, fly }
    }

    /// The path's length in the paper's units: about 0.5 per zoom level; a duration in ms
    /// follows from it (see [`ViewPath::natural_duration`]).
    fn length(&self) -> f64 {
        match self.fly {
            Some([_, s, _, _]) => s.abs(),
            None => (self.to.zoom() - self.from.zoom()).abs() * std::f64::consts::LN_2 / RHO,
        }
    }

    /// A duration (ms) that travels the path at an even, unhurried speed: 300 to 3000 ms.
    pub fn natural_duration(&self) -> f64 {
        (self.length() * 1000.0 / 1.2).clamp(300.0, 3000.0)
    }

    /// The view at `f` (0 to 1) of the way, in `view`'s element.
    pub fn at(&self, f: f64, view: &Viewport) -> Viewport {
        if f >= 1.0 {
            let c = self.to.center_world();
            return view.at(c, self.to.zoom());
        }
        let (a, b) = (self.from.center_world(), self.to.center_world());
        let lerp = |k: f64| World {
            x: a.x + (b.x - a.x) * k,
            y: a.y + (b.y - a.y) * k,
        };
        match self.fly {
            Some([r0, s_total, u1, w0]) => {
                let s = f * s_total;
                let u = w0 / (RHO * RHO) * (r0.cosh() * (RHO * s + r0).tanh() - r0.sinh());
                let w = w0 * r0.cosh() / (RHO * s + r0).cosh();
                let zoom = self.from.zoom() + (w0 / w).log2();
                view.at(lerp(u / u1), zoom)
            }
            None => {
                let e = ease_in_out(f);
                let zoom = self.from.zoom() + (self.to.zoom() - self.from.zoom()) * e;
                view.at(lerp(e), zoom)
            }
        }
    }
}

/// Gesture state.
#[derive(Debug, Clone, Default)]
pub struct Interaction {
    /// No gliding or animated zooms (the user asked for reduced motion).
    reduced_motion: bool,
    /// One finger scrolls the page and two move the map (an embedded map); otherwise one
    /// finger pans (a full-page map).
    cooperative_touch: bool,
    /// Ids of the pointers down that are fingers.
    touches: Vec<i32>,
    pointers: Vec<(i32, ScreenPx)>,
    drag: Option<Drag>,
    pinch: Option<Pinch>,
    anim: Option<Anim>,
}

fn dist(a: ScreenPx, b: ScreenPx) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

fn mid(a: ScreenPx, b: ScreenPx) -> ScreenPx {
    ScreenPx {
        x: (a.x + b.x) / 2.0,
        y: (a.y + b.y) / 2.0,
    }
}

fn ease_out(t: f64) -> f64 {
    1.0 - (1.0 - t).powi(3)
}

fn ease_in_out(t: f64) -> f64 {
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

impl Interaction {
    /// No gesture in progress.
    pub fn new() -> Self {
        Self::default()
    }

    /// Honours `prefers-reduced-motion`: zooms jump, drags stop where released.
    pub fn with_reduced_motion(mut self, reduced: bool) -> Self {
        self.reduced_motion = reduced;
        self
    }

    /// With `true`, one finger on the map scrolls the page and two fingers pan and zoom it, as
    /// an article with an embedded map needs; a full-page map keeps one-finger panning.
    pub fn with_cooperative_touch(mut self, cooperative: bool) -> Self {
        self.cooperative_touch = cooperative;
        self
    }

    /// Whether a drag or pinch is in progress (the painter may use a cheaper frame).
    pub fn is_gesturing(&self) -> bool {
        self.drag.as_ref().is_some_and(|d| d.moved) || self.pinch.is_some()
    }

    /// Whether an animation is running.
    pub fn is_animating(&self) -> bool {
        self.anim.is_some()
    }

    /// Stops any animation (a new gesture takes over).
    pub fn stop(&mut self) {
        self.anim = None;
    }

    fn start_zoom(&mut self, view: &Viewport, about: ScreenPx, delta: f64, t: f64) -> Vec<Action> {
        // Successive presses add up to the target of the running animation.
        let base = match &self.anim {
            Some(Anim::Zoom { to_zoom, .. }) => *to_zoom,
            _ => view.zoom(),
        };
        let (lo, hi) = view.zoom_range();
        let to_zoom = (base + delta).clamp(lo, hi);
        if self.reduced_motion {
            return vec![Action::View(view.zoom_about(about, to_zoom))];
        }
        self.anim = Some(Anim::Zoom {
            from: *view,
            about,
            to_zoom,
            t0: Some(t),
        });
        vec![Action::Animate]
    }

    /// Moves from `view` to `to` along `path`, over `duration` ms (None: the path's natural
    /// duration), starting at `t`; at once under reduced motion or for a duration of 0.
    pub fn travel(&mut self, path: ViewPath, duration: Option<f64>, t: f64) -> Vec<Action> {
        let duration = duration
            .filter(|d| d.is_finite())
            .unwrap_or_else(|| path.natural_duration())
            .max(0.0);
        if self.reduced_motion || duration == 0.0 {
            self.anim = None;
            let to = path.to;
            return vec![Action::View(to)];
        }
        self.anim = Some(Anim::Path {
            path,
            duration,
            t0: Some(t),
        });
        vec![Action::Animate]
    }

    /// Handles one input against the current viewport.
    pub fn handle(&mut self, input: Input, view: &Viewport) -> Vec<Action> {
        match input {
            Input::TouchDown { id, at, t } => {
                self.touches.retain(|&x| x != id);
                self.touches.push(id);
                self.handle(Input::PointerDown { id, at, t }, view)
            }
            Input::PointerDown { id, at, t } => {
                self.anim = None;
                self.pointers.retain(|p| p.0 != id);
                self.pointers.push((id, at));
                if self.pointers.len() == 2 {
                    let (a, b) = (self.pointers[0].1, self.pointers[1].1);
                    self.drag = None;
                    self.pinch = Some(Pinch {
                        center: mid(a, b),
                        distance: dist(a, b).max(1.0),
                    });
                } else if self.pointers.len() == 1 {
                    let mut samples = VecDeque::new();
                    samples.push_back((t, at));
                    self.drag = Some(Drag {
                        id,
                        start: at,
                        last: at,
                        moved: false,
                        passed_on: false,
                        samples,
                    });
                }
                vec![]
            }
            Input::PointerMove { id, at, t } => {
                if let Some(p) = self.pointers.iter_mut().find(|p| p.0 == id) {
                    p.1 = at;
                }
                if let Some(pinch) = &mut self.pinch {
                    if self.pointers.len() >= 2 {
                        let (a, b) = (self.pointers[0].1, self.pointers[1].1);
                        let (c, d) = (mid(a, b), dist(a, b).max(1.0));
                        let v = view
                            .pan_by(c.x - pinch.center.x, c.y - pinch.center.y)
                            .zoom_about(c, view.zoom() + (d / pinch.distance).log2());
                        *pinch = Pinch {
                            center: c,
                            distance: d,
                        };
                        return vec![Action::View(v)];
                    }
                    return vec![];
                }
                let lone_finger = self.cooperative_touch && self.touches.contains(&id);
                if let Some(drag) = &mut self.drag {
                    if drag.id != id || drag.passed_on {
                        return vec![];
                    }
                    if !drag.moved && dist(at, drag.start) < CLICK_TOLERANCE_PX {
                        return vec![];
                    }
                    if lone_finger {
                        // The browser scrolls the page (touch-action allows it) and will
                        // cancel this pointer; the map only says how to move it.
                        drag.passed_on = true;
                        return vec![Action::TouchHint];
                    }
                    drag.moved = true;
                    let v = view.pan_by(at.x - drag.last.x, at.y - drag.last.y);
                    drag.last = at;
                    drag.samples.push_back((t, at));
                    while drag.samples.len() > 2 && t - drag.samples[0].0 > 100.0 {
                        drag.samples.pop_front();
                    }
                    return vec![Action::View(v)];
                }
                vec![Action::Hover(at)]
            }
            Input::PointerUp { id, at, t } => {
                self.pointers.retain(|p| p.0 != id);
                self.touches.retain(|&x| x != id);
                if self.pinch.is_some() {
                    if self.pointers.is_empty() {
                        self.pinch = None;
                    }
                    return vec![];
                }
                let Some(drag) = self.drag.take() else {
                    return vec![];
                };
                if drag.id != id || drag.passed_on {
                    return vec![];
                }
                if !drag.moved {
                    return vec![Action::Click(at)];
                }
                // Release speed over the last 100 ms.
                let (t0, p0) = drag.samples.front().copied().unwrap_or((t, at));
                let dt = (t - t0).max(1.0);
                let (vx, vy) = ((at.x - p0.x) / dt, (at.y - p0.y) / dt);
                if !self.reduced_motion
                    && vx.hypot(vy) >= INERTIA_MIN_SPEED
                    && t - drag.samples.back().map_or(t, |s| s.0) < 50.0
                {
                    self.anim = Some(Anim::Inertia { vx, vy, last_t: t });
                    return vec![Action::Animate];
                }
                vec![]
            }
            Input::PointerCancel { id } => {
                self.pointers.retain(|p| p.0 != id);
                self.touches.retain(|&x| x != id);
                self.drag = None;
                if self.pointers.len() < 2 {
                    self.pinch = None;
                }
                vec![]
            }
            Input::PointerLeave => {
                if self.drag.is_none() && self.pinch.is_none() {
                    vec![Action::HoverNone]
                } else {
                    vec![]
                }
            }
            Input::Wheel { at, delta_y } => {
                self.anim = None;
                let dz = (-delta_y / WHEEL_PX_PER_ZOOM).clamp(-1.0, 1.0);
                vec![Action::View(view.zoom_about(at, view.zoom() + dz))]
            }
            Input::WheelPassedOn => vec![Action::WheelHint],
            Input::DoubleClick { at, zoom_out, t } => {
                self.start_zoom(view, at, if zoom_out { -1.0 } else { 1.0 }, t)
            }
            Input::ZoomBy { delta, t } => {
                let c = ScreenPx {
                    x: view.width() / 2.0,
                    y: view.height() / 2.0,
                };
                self.start_zoom(view, c, delta, t)
            }
            Input::Key { key, t } => {
                let c = ScreenPx {
                    x: view.width() / 2.0,
                    y: view.height() / 2.0,
                };
                match key.as_str() {
                    "+" | "=" => self.start_zoom(view, c, 1.0, t),
                    "-" | "_" => self.start_zoom(view, c, -1.0, t),
                    "ArrowLeft" => vec![Action::View(view.pan_by(KEY_PAN_PX, 0.0))],
                    "ArrowRight" => vec![Action::View(view.pan_by(-KEY_PAN_PX, 0.0))],
                    "ArrowUp" => vec![Action::View(view.pan_by(0.0, KEY_PAN_PX))],
                    "ArrowDown" => vec![Action::View(view.pan_by(0.0, -KEY_PAN_PX))],
                    "0" | "Home" => vec![Action::Reset],
                    "Escape" => vec![Action::ClearSelection],
                    "n" | "]" | "PageDown" => vec![Action::Step(1)],
                    "Enter" | " " => vec![Action::SelectFocused],
                    "p" | "[" | "PageUp" => vec![Action::Step(-1)],
                    _ => vec![],
                }
            }
        }
    }

    /// Advances animations to time `t`. Returns the new viewport while something moves, and
    /// None once everything has settled.
    pub fn tick(&mut self, t: f64, view: &Viewport) -> Option<Viewport> {
        match self.anim.take()? {
            Anim::Inertia { vx, vy, last_t } => {
                let dt = (t - last_t).clamp(0.0, 100.0);
                let decay = (-dt / INERTIA_DECAY_MS).exp();
                // Distance covered while the speed decays exponentially over dt.
                let k = INERTIA_DECAY_MS * (1.0 - decay);
                let v = view.pan_by(vx * k, vy * k);
                let (vx, vy) = (vx * decay, vy * decay);
                if vx.hypot(vy) > 0.01 {
                    self.anim = Some(Anim::Inertia { vx, vy, last_t: t });
                }
                Some(v)
            }
            Anim::Zoom {
                from,
                about,
                to_zoom,
                t0,
            } => {
                let t0 = t0.unwrap_or(t);
                let f = ((t - t0) / ZOOM_ANIMATION_MS).clamp(0.0, 1.0);
                let z = from.zoom() + (to_zoom - from.zoom()) * ease_out(f);
                if f < 1.0 {
                    self.anim = Some(Anim::Zoom {
                        from,
                        about,
                        to_zoom,
                        t0: Some(t0),
                    });
                }
                // Keep the panning done meanwhile: zoom the current view about the anchor.
                Some(view.zoom_about(about, z))
            }
            Anim::Path { path, duration, t0 } => {
                let t0 = t0.unwrap_or(t);
                let f = ((t - t0) / duration).clamp(0.0, 1.0);
                let v = path.at(f, view);
                if f < 1.0 {
                    self.anim = Some(Anim::Path {
                        path,
                        duration,
                        t0: Some(t0),
                    });
                }
                Some(v)
            }
        }
    }
}

/// The keys the map handles when it has focus (the rest are the page's).
pub const MAP_KEYS: &[&str] = &[
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LonLat;

    fn view() -> Viewport {
        Viewport::new(LonLat::new(119.0, 29.0), 7.0, 800.0, 600.0)
    }

    fn at(x: f64, y: f64) -> ScreenPx {
        ScreenPx { x, y }
    }

    /// A quick drag to the right: press, five moves of 20 px 16 ms apart, release at 85 ms.
    /// Returns the view at the release and what the release did.
    fn flick(i: &mut Interaction, mut v: Viewport) -> (Viewport, Vec<Action>) {
        i.handle(
            Input::PointerDown {
                id: 1,
                at: at(100.0, 100.0),
                t: 0.0,
            },
            &v,
        );
        for k in 1..=5 {
            let a = i.handle(
                Input::PointerMove {
                    id: 1,
                    at: at(100.0 + 20.0 * k as f64, 100.0),
                    t: k as f64 * 16.0,
                },
                &v,
            );
            v = last_view(&a).unwrap_or(v);
        }
        let a = i.handle(
            Input::PointerUp {
                id: 1,
                at: at(200.0, 100.0),
                t: 85.0,
            },
            &v,
        );
        (v, a)
    }

    fn last_view(actions: &[Action]) -> Option<Viewport> {
        actions.iter().rev().find_map(|a| {
            if let Action::View(v) = a {
                Some(*v)
            } else {
                None
            }
        })
    }

    #[test]
    fn a_press_without_movement_is_a_click() {
        let mut i = Interaction::new();
        let v = view();
        i.handle(
            Input::PointerDown {
                id: 1,
                at: at(100.0, 100.0),
                t: 0.0,
            },
            &v,
        );
        let a = i.handle(
            Input::PointerMove {
                id: 1,
                at: at(101.0, 101.0),
                t: 10.0,
            },
            &v,
        );
        assert!(a.is_empty());
        let a = i.handle(
            Input::PointerUp {
                id: 1,
                at: at(101.0, 101.0),
                t: 20.0,
            },
            &v,
        );
        assert_eq!(a, vec![Action::Click(at(101.0, 101.0))]);
    }

    #[test]
    fn dragging_pans_and_is_not_a_click() {
        let mut i = Interaction::new();
        let mut v = view();
        let under = v.screen_to_lonlat(at(100.0, 100.0));
        i.handle(
            Input::PointerDown {
                id: 1,
                at: at(100.0, 100.0),
                t: 0.0,
            },
            &v,
        );
        for k in 1..=10 {
            let a = i.handle(
                Input::PointerMove {
                    id: 1,
                    at: at(100.0 + 10.0 * k as f64, 100.0),
                    t: k as f64 * 200.0,
                },
                &v,
            );
            if let Some(n) = last_view(&a) {
                v = n;
            }
        }
        let a = i.handle(
            Input::PointerUp {
                id: 1,
                at: at(200.0, 100.0),
                t: 2100.0,
            },
            &v,
        );
        assert!(!a.iter().any(|a| matches!(a, Action::Click(_))));
        let s = v.lonlat_to_screen(under);
        assert!(
            (s.x - 200.0).abs() < 1e-6,
            "the ground followed the pointer: {s:?}"
        );
        // A slow release starts no inertia.
        assert!(!i.is_animating());
    }

    #[test]
    fn a_flick_glides_and_stops() {
        let mut i = Interaction::new();
        let (mut v, a) = flick(&mut i, view());
        assert_eq!(a, vec![Action::Animate]);
        let before = v.center().lon;
        let mut t = 85.0;
        let mut frames = 0;
        while let Some(n) = i.tick(t, &v) {
            v = n;
            t += 16.0;
            frames += 1;
            assert!(frames < 1000, "inertia never stops");
        }
        assert!(
            v.center().lon < before,
            "moving right drags the map east: centre goes west"
        );
        assert!(frames > 5);
    }

    #[test]
    fn wheel_zooms_about_the_cursor() {
        let mut i = Interaction::new();
        let v = view();
        let p = at(600.0, 150.0);
        let under = v.screen_to_lonlat(p);
        let n = last_view(&i.handle(
            Input::Wheel {
                at: p,
                delta_y: -100.0,
            },
            &v,
        ))
        .unwrap();
        assert!(n.zoom() > v.zoom());
        let s = n.lonlat_to_screen(under);
        assert!((s.x - p.x).abs() < 1e-6 && (s.y - p.y).abs() < 1e-6);
        let out = last_view(&i.handle(
            Input::Wheel {
                at: p,
                delta_y: 100.0,
            },
            &v,
        ))
        .unwrap();
        assert!(out.zoom() < v.zoom());
    }

    #[test]
    fn pinch_zooms() {
        let mut i = Interaction::new();
        let v = view();
        i.handle(
            Input::PointerDown {
                id: 1,
                at: at(300.0, 300.0),
                t: 0.0,
            },
            &v,
        );
        i.handle(
            Input::PointerDown {
                id: 2,
                at: at(500.0, 300.0),
                t: 0.0,
            },
            &v,
        );
        let n = last_view(&i.handle(
            Input::PointerMove {
                id: 2,
                at: at(700.0, 300.0),
                t: 16.0,
            },
            &v,
        ))
        .unwrap();
        // Distance went from 200 to 400: one zoom level.
        assert!((n.zoom() - (v.zoom() + 1.0)).abs() < 1e-9);
        let a = i.handle(
            Input::PointerUp {
                id: 2,
                at: at(700.0, 300.0),
                t: 30.0,
            },
            &n,
        );
        assert!(a.is_empty(), "lifting a finger of a pinch is no click");
    }

    #[test]
    fn cooperative_touch_one_finger_scrolls_the_page_two_move_the_map() {
        let down = |id, x| Input::TouchDown {
            id,
            at: at(x, 300.0),
            t: 0.0,
        };
        let mv = |id, x, y| Input::PointerMove {
            id,
            at: at(x, y),
            t: 16.0,
        };
        let v = view();
        // An embedded map: one finger moving is the page's scroll, with a hint, and no click.
        let mut i = Interaction::new().with_cooperative_touch(true);
        i.handle(down(1, 300.0), &v);
        assert_eq!(i.handle(mv(1, 300.0, 200.0), &v), vec![Action::TouchHint]);
        assert!(
            i.handle(mv(1, 300.0, 100.0), &v).is_empty(),
            "one hint a gesture"
        );
        assert!(!i.is_gesturing());
        let up = Input::PointerUp {
            id: 1,
            at: at(300.0, 100.0),
            t: 40.0,
        };
        assert!(i.handle(up, &v).is_empty(), "a scroll is no click");
        // A tap still selects.
        i.handle(down(1, 300.0), &v);
        let tap = Input::PointerUp {
            id: 1,
            at: at(301.0, 300.0),
            t: 80.0,
        };
        assert_eq!(i.handle(tap, &v), vec![Action::Click(at(301.0, 300.0))]);
        // Two fingers pan and zoom.
        i.handle(down(1, 300.0), &v);
        i.handle(down(2, 500.0), &v);
        let n = last_view(&i.handle(mv(2, 700.0, 300.0), &v)).expect("a pinch moves the map");
        assert!((n.zoom() - (v.zoom() + 1.0)).abs() < 1e-9);
        // A full-page map: one finger pans, and a mouse always does.
        let mut full = Interaction::new();
        full.handle(down(1, 300.0), &v);
        assert!(last_view(&full.handle(mv(1, 300.0, 200.0), &v)).is_some());
        let mut mouse = Interaction::new().with_cooperative_touch(true);
        let press = Input::PointerDown {
            id: 9,
            at: at(300.0, 300.0),
            t: 0.0,
        };
        mouse.handle(press, &v);
        assert!(last_view(&mouse.handle(mv(9, 300.0, 200.0), &v)).is_some());
    }

    #[test]
    fn keys_and_buttons() {
        let mut i = Interaction::new();
        let v = view();
        let key = |i: &mut Interaction, k: &str| {
            i.handle(
                Input::Key {
                    key: k.into(),
                    t: 0.0,
                },
                &v,
            )
        };
        let left = last_view(&key(&mut i, "ArrowLeft")).unwrap();
        assert!(left.center().lon < v.center().lon);
        assert_eq!(key(&mut i, "Escape"), vec![Action::ClearSelection]);
        assert_eq!(key(&mut i, "n"), vec![Action::Step(1)]);
        assert_eq!(key(&mut i, "Enter"), vec![Action::SelectFocused]);
        assert_eq!(key(&mut i, "0"), vec![Action::Reset]);
        assert_eq!(key(&mut i, "+"), vec![Action::Animate]);
        let mut cur = v;
        let mut t = 0.0;
        while let Some(n) = i.tick(t, &cur) {
            cur = n;
            t += 16.0;
        }
        assert!((cur.zoom() - (v.zoom() + 1.0)).abs() < 1e-9);
        // The zoom was about the centre.
        assert!((cur.center().lon - v.center().lon).abs() < 1e-9);
    }

    #[test]
    fn reduced_motion_jumps_and_does_not_glide() {
        let mut i = Interaction::new().with_reduced_motion(true);
        let v = view();
        let a = i.handle(
            Input::Key {
                key: "+".into(),
                t: 0.0,
            },
            &v,
        );
        let z = last_view(&a).expect("an immediate zoom");
        assert!((z.zoom() - (v.zoom() + 1.0)).abs() < 1e-9);
        let (_, a) = flick(&mut i, v);
        assert!(a.is_empty());
        assert!(!i.is_animating());
    }

    #[test]
    fn hover_only_without_buttons() {
        let mut i = Interaction::new();
        let v = view();
        assert_eq!(
            i.handle(
                Input::PointerMove {
                    id: 1,
                    at: at(5.0, 5.0),
                    t: 0.0
                },
                &v
            ),
            vec![Action::Hover(at(5.0, 5.0))]
        );
        assert_eq!(i.handle(Input::PointerLeave, &v), vec![Action::HoverNone]);
    }
}
