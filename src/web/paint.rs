//! The Canvas 2D painter: plays a display list. It decides nothing; it only draws.
//!
//! Polygons are turned into `Path2D` objects once per level of detail (a whole zoom step), in a
//! local world frame, and drawn every frame under one transform, so a frame costs one call per
//! shape instead of one per vertex, and no more vertices than a pixel can show.

use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, Path2d};

use crate::scene::{Align, Cmd, DisplayList, Prepared, ShapeSet, Stroke};
use crate::view::{Viewport, World};

/// Local frame for paths: world units times this, from `origin`, rounded to whole units. Keeps
/// path coordinates small enough for the canvas's single-precision floats at every zoom, and
/// fine enough (about 1/100 of a pixel at zoom 16) to leave no visible step.
const LOCAL_SCALE: f64 = 6_553_600.0;

/// The fonts of map labels: Noto CJK first, so Chinese renders wherever it is installed.
pub const FONT_FAMILY: &str =
    "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif";

/// A shape's paths at the levels of detail drawn lately (at most [`LEVELS_KEPT`]).
type Paths = Vec<(u8, Path2d)>;

/// Levels of detail kept per shape: a zoom in and out again finds its paths.
const LEVELS_KEPT: usize = 3;

/// The largest distance, in device pixels, by which a drawn outline leaves the data's: points
/// of a ring closer than this to the last point kept are left out. Neighbouring polygons are
/// thinned each on its own, so the gap this could open between them stays under a pixel, under
/// the border's stroke.
const DETAIL_PX: f64 = 0.25;

/// Path2D objects for each prepared shape, built on first use at each level of detail.
pub struct PathCache {
    origin: World,
    cities: Vec<Paths>,
    provinces: Vec<Paths>,
    context: Vec<Paths>,
    /// Vertices that may still be turned into paths in this frame.
    budget: usize,
    /// Some shape was skipped because the frame's budget ran out.
    incomplete: bool,
    /// The labels' font family (the theme's `--rm-font`).
    pub font: String,
}

/// Vertices turned into paths per frame: the shipped data and the full-resolution boundaries
/// (293k) fit in one frame; a file of a million vertices is drawn over several.
pub const PATH_VERTICES_PER_FRAME: usize = 400_000;

impl PathCache {
    /// An empty cache for a prepared data set.
    pub fn new(prep: &Prepared) -> Self {
        let origin = prep
            .city_bbox
            .first()
            .map(|b| b.0)
            .unwrap_or(World { x: 0.0, y: 0.0 });
        PathCache {
            origin,
            cities: vec![Vec::new(); prep.city_rings.len()],
            provinces: vec![Vec::new(); prep.province_lines.len()],
            context: vec![Vec::new()],
            budget: PATH_VERTICES_PER_FRAME,
            incomplete: false,
            font: FONT_FAMILY.to_string(),
        }
    }

    /// Forgets the land's path (it changed).
    pub fn forget_context(&mut self) {
        self.context = vec![Vec::new()];
    }

    /// Starts a frame: a fresh budget. Returns whether the last frame left shapes out.
    pub fn start_frame(&mut self) -> bool {
        self.budget = PATH_VERTICES_PER_FRAME;
        std::mem::take(&mut self.incomplete)
    }

    /// Whether this frame left shapes out for lack of budget.
    pub fn incomplete(&self) -> bool {
        self.incomplete
    }

    fn local(&self, w: &World) -> (i64, i64) {
        (
            ((w.x - self.origin.x) * LOCAL_SCALE).round() as i64,
            ((w.y - self.origin.y) * LOCAL_SCALE).round() as i64,
        )
    }

    /// The paths kept for shape `i` of `set`.
    fn slot(&mut self, set: ShapeSet, i: usize) -> Option<&mut Paths> {
        match set {
            ShapeSet::Cities => self.cities.get_mut(i),
            ShapeSet::Provinces => self.provinces.get_mut(i),
            ShapeSet::Context => self.context.get_mut(i),
        }
    }

    /// The level of detail for a view: its zoom in device pixels, in whole steps.
    pub fn level(view: &Viewport) -> u8 {
        (view.zoom() + view.pixel_ratio().log2())
            .floor()
            .clamp(0.0, 40.0) as u8
    }

    fn path(&mut self, prep: &Prepared, set: ShapeSet, i: usize, level: u8) -> Option<Path2d> {
        if let Some((_, p)) = self.slot(set, i)?.iter().find(|(l, _)| *l == level) {
            return Some(p.clone());
        }
        if self.budget == 0 {
            self.incomplete = true;
            return None;
        }
        // Local units per device pixel at this level, at its coarsest (the level's zoom).
        let px = LOCAL_SCALE / (crate::view::TILE_SIZE * 2f64.powi(i32::from(level)));
        let near = (DETAIL_PX * px) as i64;
        // One SVG path string per shape, one call across the boundary, instead of a call per
        // vertex: the full-resolution boundaries have some 300,000 vertices. Whole numbers,
        // each vertex relative to the one before: short to write and for the browser to read.
        let mut d = String::new();
        let mut add = |pts: &[crate::view::World], close: bool| {
            let mut at = (0, 0);
            for (k, w) in pts.iter().enumerate() {
                let p = self.local(w);
                let (dx, dy) = (p.0 - at.0, p.1 - at.1);
                if k > 0 && k + 1 < pts.len() && dx.abs() <= near && dy.abs() <= near {
                    continue;
                }
                let (cmd, x, y) = if k == 0 {
                    ('M', p.0, p.1)
                } else {
                    ('l', dx, dy)
                };
                at = p;
                d.push(cmd);
                push_int(&mut d, x);
                d.push(' ');
                push_int(&mut d, y);
            }
            if close {
                d.push('Z');
            }
        };
        let (paths, closed) = prep.paths(set, i);
        paths.iter().for_each(|p| add(p, closed));
        let vertices = paths.iter().map(|p| p.len()).sum::<usize>();
        self.budget = self.budget.saturating_sub(vertices.max(1));
        let path = Path2d::new_with_path_string(&d).ok()?;
        let slot = self.slot(set, i)?;
        if slot.len() >= LEVELS_KEPT {
            slot.remove(0);
        }
        slot.push((level, path.clone()));
        Some(path)
    }
}

/// Appends a whole number in decimal, without the formatting machinery (this runs for every
/// vertex of every boundary).
fn push_int(d: &mut String, v: i64) {
    if v < 0 {
        d.push('-');
    }
    let mut digits = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    d.extend(digits[i..].iter().map(|&b| b as char));
}

fn set_stroke(ctx: &CanvasRenderingContext2d, s: &Stroke, scale: f64) {
    ctx.set_stroke_style_str(&s.color.css());
    ctx.set_line_width(s.width / scale);
}

/// Fills and strokes the current path, as asked.
fn fill_and_stroke(
    ctx: &CanvasRenderingContext2d,
    fill: Option<crate::scene::Rgba>,
    stroke: Option<&Stroke>,
) {
    if let Some(f) = fill {
        ctx.set_fill_style_str(&f.css());
        ctx.fill();
    }
    if let Some(s) = stroke {
        set_stroke(ctx, s, 1.0);
        ctx.stroke();
    }
}

/// Clears the whole bitmap of `canvas` (drawn with `ctx`), whatever transform is set.
pub fn clear(ctx: &CanvasRenderingContext2d, canvas: &web_sys::HtmlCanvasElement) {
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
}

/// Draws a bitmap of the map made for view `was` (at its pixel ratio) where that view lies
/// in `view`: moved and scaled, in CSS px like every other command.
pub fn blit(
    ctx: &CanvasRenderingContext2d,
    bitmap: &web_sys::HtmlCanvasElement,
    was: &Viewport,
    view: &Viewport,
) -> Result<(), JsValue> {
    let dpr = view.pixel_ratio();
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    let k = view.scale() / was.scale();
    let origin =
        view.world_to_screen(was.screen_to_world(crate::view::ScreenPx { x: 0.0, y: 0.0 }));
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
        bitmap,
        origin.x,
        origin.y,
        was.width() * k,
        was.height() * k,
    )
}

/// Plays `list` on `ctx` for `view`.
pub fn paint(
    ctx: &CanvasRenderingContext2d,
    list: &DisplayList,
    view: &Viewport,
    prep: &Prepared,
    cache: &mut PathCache,
) -> Result<(), JsValue> {
    paint_cmds(ctx, &list.cmds, view, prep, cache)
}

/// Plays some commands on `ctx` for `view`.
pub fn paint_cmds(
    ctx: &CanvasRenderingContext2d,
    cmds: &[Cmd],
    view: &Viewport,
    prep: &Prepared,
    cache: &mut PathCache,
) -> Result<(), JsValue> {
    // The painter owns its transform: every call starts in CSS px at the view's pixel ratio,
    // whatever the caller left on the context (a blit, a cleared layer), so that every layer
    // (base, cached bitmap, overlay, hover, export) is drawn at the same scale.
    let dpr = view.pixel_ratio();
    let screen = |ctx: &CanvasRenderingContext2d| ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    screen(ctx)?;
    ctx.set_line_join("round");
    ctx.set_line_cap("round");
    for cmd in cmds {
        match cmd {
            Cmd::Clear(c) => {
                screen(ctx)?;
                ctx.set_fill_style_str(&c.css());
                ctx.fill_rect(0.0, 0.0, view.width(), view.height());
            }
            Cmd::Shapes {
                set,
                items,
                fill,
                stroke,
            } => {
                // local -> screen: (local / LOCAL_SCALE + origin - centre) * k + size / 2
                let k = view.scale();
                let level = PathCache::level(view);
                let c = view.center_world();
                let s = k / LOCAL_SCALE;
                let tx = (cache.origin.x - c.x) * k + view.width() / 2.0;
                let ty = (cache.origin.y - c.y) * k + view.height() / 2.0;
                ctx.set_transform(dpr * s, 0.0, 0.0, dpr * s, dpr * tx, dpr * ty)?;
                if let Some(f) = fill {
                    ctx.set_fill_style_str(&f.css());
                }
                if let Some(st) = stroke {
                    set_stroke(ctx, st, s);
                }
                for &i in items {
                    let Some(path) = cache.path(prep, *set, i, level) else {
                        continue;
                    };
                    if fill.is_some() {
                        ctx.fill_with_path_2d_and_winding(
                            &path,
                            web_sys::CanvasWindingRule::Evenodd,
                        );
                    }
                    if stroke.is_some() {
                        ctx.stroke_with_path(&path);
                    }
                }
                screen(ctx)?;
            }
            Cmd::Curve {
                arc,
                stroke,
                dashed,
            } => {
                set_stroke(ctx, stroke, 1.0);
                if *dashed {
                    ctx.set_line_dash(&js_sys::Array::of2(&6.0.into(), &4.0.into()))?;
                }
                ctx.begin_path();
                ctx.move_to(arc.from.x, arc.from.y);
                ctx.quadratic_curve_to(arc.ctrl.x, arc.ctrl.y, arc.to.x, arc.to.y);
                ctx.stroke();
                if *dashed {
                    ctx.set_line_dash(&js_sys::Array::new())?;
                }
            }
            Cmd::Line { points, stroke } => {
                set_stroke(ctx, stroke, 1.0);
                ctx.begin_path();
                for (k, p) in points.iter().enumerate() {
                    if k == 0 {
                        ctx.move_to(p.x, p.y);
                    } else {
                        ctx.line_to(p.x, p.y);
                    }
                }
                ctx.stroke();
            }
            Cmd::Circle {
                at,
                r,
                fill,
                stroke,
            } => {
                ctx.begin_path();
                ctx.arc(at.x, at.y, *r, 0.0, std::f64::consts::TAU)?;
                fill_and_stroke(ctx, *fill, stroke.as_ref());
            }
            Cmd::Dots {
                points,
                r,
                fill,
                stroke,
            } => {
                ctx.begin_path();
                for at in points {
                    ctx.move_to(at.x + r, at.y);
                    ctx.arc(at.x, at.y, *r, 0.0, std::f64::consts::TAU)?;
                }
                fill_and_stroke(ctx, Some(*fill), stroke.as_ref());
            }
            Cmd::Diamond {
                at,
                r,
                fill,
                stroke,
            } => {
                ctx.begin_path();
                ctx.move_to(at.x, at.y - r);
                ctx.line_to(at.x + r, at.y);
                ctx.line_to(at.x, at.y + r);
                ctx.line_to(at.x - r, at.y);
                ctx.close_path();
                fill_and_stroke(ctx, *fill, stroke.as_ref());
            }
            Cmd::Text {
                at,
                text,
                size,
                bold,
                color,
                halo,
                align,
            } => {
                ctx.set_font(&format!(
                    "{} {}px {}",
                    if *bold { 600 } else { 400 },
                    size,
                    cache.font
                ));
                ctx.set_text_align(match align {
                    Align::Center => "center",
                    Align::Left => "left",
                    Align::Right => "right",
                });
                ctx.set_text_baseline("middle");
                if let Some(h) = halo {
                    ctx.set_stroke_style_str(&h.css());
                    ctx.set_line_width(3.0);
                    ctx.stroke_text(text, at.x, at.y)?;
                }
                ctx.set_fill_style_str(&color.css());
                ctx.fill_text(text, at.x, at.y)?;
            }
            Cmd::Rect {
                at,
                w,
                h,
                fill,
                stroke,
            } => {
                ctx.begin_path();
                ctx.rect(at.x, at.y, *w, *h);
                fill_and_stroke(ctx, *fill, stroke.as_ref());
            }
        }
    }
    Ok(())
}
