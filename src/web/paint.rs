//! The Canvas 2D painter: plays a display list. It decides nothing; it only draws.
//!
//! Polygons are turned into `Path2D` objects once per level of detail (a whole zoom step), in a
//! local world frame, and drawn every frame under one transform, so a frame costs one call per
//! shape instead of one per vertex, and no more vertices than a pixel can show.

use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, Path2d};

use crate::scene::lod::{self, Levels};
use crate::scene::{Align, Cmd, DisplayList, Prepared, Stroke};
use crate::view::Viewport;

/// The fonts of map labels: Noto CJK first, so Chinese renders wherever it is installed.
pub const FONT_FAMILY: &str =
    "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif";

/// What the painter keeps between frames: each shape's `Path2D` at the levels of detail drawn
/// lately (see [`crate::scene::lod`]), and the labels' font family.
pub struct PathCache {
    /// The shapes' paths.
    pub levels: Levels<Path2d>,
    /// The labels' font family (the theme's `--rm-font`).
    pub font: String,
}

impl PathCache {
    /// An empty cache for a prepared data set.
    pub fn new(prep: &Prepared) -> Self {
        PathCache {
            levels: Levels::new(prep),
            font: FONT_FAMILY.to_string(),
        }
    }
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
    // The labels' style last set in this call (weight, size, alignment).
    let mut text_style = None;
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
                let [a, b, c, d, e, f] = cache.levels.frame.transform(view);
                ctx.set_transform(a, b, c, d, e, f)?;
                // CSS px per local unit (line widths are set in local units).
                let (level, s) = (lod::level(view), a / dpr);
                let make = |d: &str| Path2d::new_with_path_string(d).ok();
                if let Some(f) = fill {
                    ctx.set_fill_style_str(&f.css());
                }
                if let Some(st) = stroke {
                    set_stroke(ctx, st, s);
                }
                for &i in items {
                    let Some(path) = cache.levels.get(prep, (*set, i, level), make) else {
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
                // The browser parses a font anew at each assignment (about a fifth of a
                // frame's time on the shipped data): set only when it changes.
                if text_style != Some((*bold, *size, *align)) {
                    if text_style.map(|(b, s, _)| (b, s)) != Some((*bold, *size)) {
                        let weight = if *bold { 600 } else { 400 };
                        ctx.set_font(&format!("{weight} {size}px {}", cache.font));
                    }
                    ctx.set_text_align(match align {
                        Align::Center => "center",
                        Align::Left => "left",
                        Align::Right => "right",
                    });
                    ctx.set_text_baseline("middle");
                    text_style = Some((*bold, *size, *align));
                }
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
