//! The SVG painter: plays a display list as an SVG document, for `toSVG()` and for tests. It
//! reads the same list as the canvas painter, so the export is what the map shows.

use std::fmt::Write;

use super::{Align, Cmd, DisplayList, Prepared, Rgba, Stroke};
use crate::view::{ScreenPx, Viewport};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn circle(out: &mut String, at: &ScreenPx, r: f64, style: &str) {
    let _ = writeln!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{r}\"{style}/>",
        n(at.x),
        n(at.y)
    );
}

fn paint(fill: Option<Rgba>, stroke: Option<&Stroke>) -> String {
    let mut s = String::new();
    match fill {
        Some(f) => {
            let _ = write!(s, " fill=\"{}\"", f.css());
        }
        None => s.push_str(" fill=\"none\""),
    }
    if let Some(st) = stroke {
        let _ = write!(
            s,
            " stroke=\"{}\" stroke-width=\"{}\"",
            st.color.css(),
            st.width
        );
    }
    s
}

fn pt(p: ScreenPx) -> String {
    format!("{} {}", n(p.x), n(p.y))
}

/// A coordinate to a tenth of a pixel.
fn n(x: f64) -> String {
    crate::format::fixed(x, 1)
}

/// The display list as a standalone SVG document of the view's size.
pub fn to_svg(list: &DisplayList, view: &Viewport, prep: &Prepared) -> String {
    let (w, h) = (view.width(), view.height());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"'Noto Sans CJK SC','Noto Sans SC',sans-serif\" stroke-linejoin=\"round\" stroke-linecap=\"round\">"
    );
    for cmd in &list.cmds {
        match cmd {
            Cmd::Clear(c) => {
                let _ = writeln!(
                    out,
                    "<rect width=\"{w}\" height=\"{h}\" fill=\"{}\"/>",
                    c.css()
                );
            }
            Cmd::Shapes {
                set,
                items,
                fill,
                stroke,
            } => {
                let mut d = String::new();
                for &i in items {
                    let (paths, closed) = prep.paths(*set, i);
                    for path in paths {
                        for (k, wp) in path.iter().enumerate() {
                            let _ = write!(
                                d,
                                "{}{}",
                                if k == 0 { "M" } else { "L" },
                                pt(view.world_to_screen(*wp))
                            );
                        }
                        if closed {
                            d.push('Z');
                        }
                    }
                }
                if !d.is_empty() {
                    let _ = writeln!(
                        out,
                        "<path fill-rule=\"evenodd\" d=\"{d}\"{}/>",
                        paint(*fill, stroke.as_ref())
                    );
                }
            }
            Cmd::Curve {
                arc,
                stroke,
                dashed,
            } => {
                let _ = writeln!(
                    out,
                    "<path d=\"M{}Q{} {}\"{}{}/>",
                    pt(arc.from),
                    pt(arc.ctrl),
                    pt(arc.to),
                    paint(None, Some(stroke)),
                    if *dashed {
                        " stroke-dasharray=\"6 4\""
                    } else {
                        ""
                    }
                );
            }
            Cmd::Line { points, stroke } => {
                let pts: Vec<String> = points
                    .iter()
                    .map(|p| format!("{},{}", n(p.x), n(p.y)))
                    .collect();
                let _ = writeln!(
                    out,
                    "<polyline points=\"{}\"{}/>",
                    pts.join(" "),
                    paint(None, Some(stroke))
                );
            }
            Cmd::Circle {
                at,
                r,
                fill,
                stroke,
            } => circle(&mut out, at, *r, &paint(*fill, stroke.as_ref())),
            Cmd::Dots {
                points,
                r,
                fill,
                stroke,
            } => {
                let style = paint(Some(*fill), stroke.as_ref());
                for at in points {
                    circle(&mut out, at, *r, &style);
                }
            }
            Cmd::Diamond {
                at,
                r,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    out,
                    "<polygon points=\"{},{} {},{} {},{} {},{}\"{}/>",
                    n(at.x),
                    n(at.y - r),
                    n(at.x + r),
                    n(at.y),
                    n(at.x),
                    n(at.y + r),
                    n(at.x - r),
                    n(at.y),
                    paint(*fill, stroke.as_ref())
                );
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
                let anchor = match align {
                    Align::Center => "middle",
                    Align::Left => "start",
                    Align::Right => "end",
                };
                let halo = halo
                    .map(|h| {
                        format!(
                            " stroke=\"{}\" stroke-width=\"3\" paint-order=\"stroke\"",
                            h.css()
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{size}\" font-weight=\"{}\" fill=\"{}\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\"{halo}>{}</text>",
                    n(at.x),
                    n(at.y),
                    if *bold { 600 } else { 400 },
                    color.css(),
                    esc(text)
                );
            }
            Cmd::Rect {
                at,
                w,
                h,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}/>",
                    n(at.x),
                    n(at.y),
                    n(*w),
                    n(*h),
                    paint(*fill, stroke.as_ref())
                );
            }
        }
    }
    out.push_str("</svg>\n");
    out
}
