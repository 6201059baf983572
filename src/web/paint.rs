//! The Canvas 2D painter: plays a display list. It decides nothing; it only draws.
//!
//! Polygons are turned into `Path2D` objects once per level of detail (a whole zoom step), in a
//! local world frame, and drawn every frame under one transform, so a frame costs one call per
//! shape instead of one per vertex, and no more vertices than a pixel can show.

use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

use std::ops::Range;

use crate::scene::lod::{self, Levels};
use crate::scene::slice::{Cursor, Units};
use crate::scene::{Align, Cmd, DisplayList, Prepared, Stroke};
use crate::view::Viewport;

/// The fonts of map labels: Noto CJK first, so Chinese renders wherever it is installed.
pub const FONT_FAMILY: &str =
    "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif";

/// What the painter keeps between frames: each shape's `Path2D` at the levels of detail drawn
/// lately (see [`crate::scene::lod`]), the labels' font family, and a dot of each style drawn
/// once (see [`Sprite`]).
pub struct PathCache {
    /// The shapes' paths.
    pub levels: Levels<Path2d>,
    /// The labels' font family (the theme's `--rm-font`).
    pub font: String,
    sprites: Vec<Sprite>,
}

impl PathCache {
    /// An empty cache for a prepared data set.
    pub fn new(prep: &Prepared) -> Self {
        PathCache {
            levels: Levels::new(prep),
            font: FONT_FAMILY.to_string(),
            sprites: Vec::new(),
        }
    }
}

/// One dot of a style (radius, fill, outline, pixel ratio), drawn once into a canvas of its
/// own at the screen's pixels, and then copied whole to each point of a [`Cmd::Dots`]: a copy
/// costs about half a circle's path, fill and outline on a software canvas (20,000 dots with
/// their outlines: 51 against 102 ms, measured on a bare page). The copy lands on whole device
/// pixels, within half a pixel of the point.
struct Sprite {
    key: String,
    canvas: HtmlCanvasElement,
    /// Its side in device pixels.
    side: f64,
}

/// Styles of dots kept: a map has one or two.
const SPRITES_KEPT: usize = 8;

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
    paint_until(ctx, cmds, Cursor::default(), view, prep, cache, || false).map(|_| ())
}

/// Plays `cmds` on `ctx` for `view` from `from` on, unit by unit (see [`crate::scene::slice`]),
/// until `stop` says so after a unit. Returns where it stopped, or `None` when all is drawn.
pub fn paint_until(
    ctx: &CanvasRenderingContext2d,
    cmds: &[Cmd],
    from: Cursor,
    view: &Viewport,
    prep: &Prepared,
    cache: &mut PathCache,
    mut stop: impl FnMut() -> bool,
) -> Result<Option<Cursor>, JsValue> {
    // The painter owns its transform: every call starts in CSS px at the view's pixel ratio,
    // whatever the caller left on the context (a blit, a cleared layer), so that every layer
    // (base, cached bitmap, overlay, hover, export) is drawn at the same scale.
    let dpr = view.pixel_ratio();
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    ctx.set_line_join("round");
    ctx.set_line_cap("round");
    let mut painter = Painter {
        ctx,
        view,
        prep,
        cache,
        text_style: None,
        shapes_of: None,
    };
    let mut units = Units::from(cmds, from);
    let mut left = None;
    while let Some((i, items)) = units.next() {
        painter.unit(i, &cmds[i], items)?;
        if stop() {
            left = units.left();
            break;
        }
    }
    if painter.shapes_of.is_some() {
        painter.screen()?;
    }
    Ok(left)
}

/// One call of the painter: what it draws with, the labels' style it last set (weight, size,
/// alignment), and the shapes command whose frame and colours are set on the context (its
/// units follow one another: they are set once per command, not per unit).
struct Painter<'a> {
    ctx: &'a CanvasRenderingContext2d,
    view: &'a Viewport,
    prep: &'a Prepared,
    cache: &'a mut PathCache,
    text_style: Option<(bool, f64, Align)>,
    shapes_of: Option<usize>,
}

impl Painter<'_> {
    fn screen(&self) -> Result<(), JsValue> {
        let dpr = self.view.pixel_ratio();
        self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)
    }

    /// The sprite of a dot of this style, drawn now if it is not kept, and its side in
    /// device pixels.
    fn sprite(
        &mut self,
        r: f64,
        fill: crate::scene::Rgba,
        stroke: Option<&Stroke>,
        ratio: f64,
    ) -> Result<(HtmlCanvasElement, f64), JsValue> {
        let key = format!(
            "{r} {} {} {ratio}",
            fill.css(),
            stroke
                .map(|s| format!("{} {}", s.color.css(), s.width))
                .unwrap_or_default()
        );
        let sprites = &mut self.cache.sprites;
        if let Some(s) = sprites.iter().find(|s| s.key == key) {
            return Ok((s.canvas.clone(), s.side));
        }
        // The dot, its outline and a pixel for the edge's smoothing, in an even number of
        // device pixels (the centre falls on a pixel's corner, as a point rounded to one).
        let reach = r + stroke.map_or(0.0, |s| s.width / 2.0) + 1.0;
        let side = (reach * ratio).ceil() * 2.0;
        let (canvas, sctx) = super::new_canvas()?;
        canvas.set_width(side as u32);
        canvas.set_height(side as u32);
        sctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0)?;
        let c = side / 2.0 / ratio;
        sctx.begin_path();
        sctx.arc(c, c, r, 0.0, std::f64::consts::TAU)?;
        fill_and_stroke(&sctx, Some(fill), stroke);
        if sprites.len() >= SPRITES_KEPT {
            sprites.remove(0);
        }
        sprites.push(Sprite {
            key,
            canvas: canvas.clone(),
            side,
        });
        Ok((canvas, side))
    }

    /// Draws the items `items` of `cmd`, command `i` of the list (shapes, points; `0..1` for
    /// a command without items).
    fn unit(&mut self, i: usize, cmd: &Cmd, items: Range<usize>) -> Result<(), JsValue> {
        let (ctx, view) = (self.ctx, self.view);
        if !matches!(cmd, Cmd::Shapes { .. }) && self.shapes_of.take().is_some() {
            self.screen()?;
        }
        match cmd {
            Cmd::Clear(c) => {
                self.screen()?;
                ctx.set_fill_style_str(&c.css());
                ctx.fill_rect(0.0, 0.0, view.width(), view.height());
            }
            Cmd::Shapes {
                set,
                items: shapes,
                fill,
                stroke,
            } => {
                let level = lod::level(view);
                if self.shapes_of != Some(i) {
                    let [a, b, c, d, e, f] = self.cache.levels.frame.transform(view);
                    ctx.set_transform(a, b, c, d, e, f)?;
                    if let Some(f) = fill {
                        ctx.set_fill_style_str(&f.css());
                    }
                    if let Some(st) = stroke {
                        // CSS px per local unit (line widths are set in local units).
                        set_stroke(ctx, st, a / view.pixel_ratio());
                    }
                    self.shapes_of = Some(i);
                }
                let make = |d: &str| Path2d::new_with_path_string(d).ok();
                for &k in &shapes[items] {
                    let Some(path) = self.cache.levels.get(self.prep, (*set, k, level), make)
                    else {
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
                let ratio = view.pixel_ratio();
                let (sprite, side) = self.sprite(*r, *fill, stroke.as_ref(), ratio)?;
                // Device pixels, whole: the sprite's pixels land on the canvas's one for one.
                let (half, css) = (side / 2.0, side / ratio);
                for at in &points[items] {
                    let x = (at.x * ratio - half).round() / ratio;
                    let y = (at.y * ratio - half).round() / ratio;
                    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&sprite, x, y, css, css)?;
                }
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
                if self.text_style != Some((*bold, *size, *align)) {
                    if self.text_style.map(|(b, s, _)| (b, s)) != Some((*bold, *size)) {
                        let weight = if *bold { 600 } else { 400 };
                        ctx.set_font(&format!("{weight} {size}px {}", self.cache.font));
                    }
                    ctx.set_text_align(match align {
                        Align::Center => "center",
                        Align::Left => "left",
                        Align::Right => "right",
                    });
                    ctx.set_text_baseline("middle");
                    self.text_style = Some((*bold, *size, *align));
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
        Ok(())
    }
}
