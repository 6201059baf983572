//! The map's furniture: the scale bar, the credit line, and the legend of exports.

use super::*;

/// The scale bar (bottom left) and the credit line (bottom right).
pub(super) fn scale_and_credit(f: &Frame, cmds: &mut Vec<Cmd>) {
    let (ds, view, state, palette) = (f.ds, f.view, f.state, &f.palette);
    // Scale bar, bottom left.
    let (metres, px) = crate::view::scale_bar(view, 110.0);
    let y = view.height() - 14.0;
    cmds.push(Cmd::Line {
        points: vec![
            ScreenPx {
                x: 12.0,
                y: y - 5.0,
            },
            ScreenPx { x: 12.0, y },
            ScreenPx { x: 12.0 + px, y },
            ScreenPx {
                x: 12.0 + px,
                y: y - 5.0,
            },
        ],
        stroke: Stroke {
            color: palette.text,
            width: 1.5,
        },
    });
    let label = if metres >= 1000.0 {
        format!("{} km", metres / 1000.0)
    } else {
        format!("{metres} m")
    };
    cmds.push(Cmd::Text {
        at: ScreenPx {
            x: 16.0 + px,
            y: y - 3.0,
        },
        text: label,
        size: 11.0,
        bold: false,
        color: palette.text,
        halo: Some(palette.halo),
        align: Align::Left,
    });
    // Credit line, bottom right: the boundaries' source as the data names it, and the facts'.
    let facts = (!ds.alliances.is_empty()).then(|| state.words.get(state.lang, "factsCredit"));
    let land = f
        .prep
        .context_credit
        .as_deref()
        .filter(|_| !f.prep.context.is_empty());
    let credit: Vec<&str> = (ds.attribution.as_deref().into_iter())
        .chain(land)
        .chain(facts)
        .collect();
    if !credit.is_empty() {
        cmds.push(Cmd::Text {
            at: ScreenPx {
                x: view.width() - 6.0,
                y: view.height() - 8.0,
            },
            text: credit.join(" · "),
            size: 10.0,
            bold: false,
            color: palette.muted,
            halo: Some(palette.halo),
            align: Align::Right,
        });
    }
}

/// The legend as drawing commands, for exports (on screen the legend is HTML): the shown
/// alliances with their colours, and the choropleth classes when an indicator is chosen.
pub fn legend(ds: &Dataset, view: &Viewport, state: &SceneState) -> Vec<Cmd> {
    let palette = &state.palette;
    // Each row: an alliance's line (colour, dashed), or a class swatch, or neither (a heading).
    type Row = (Option<(Rgba, bool)>, Option<Rgba>, String);
    let mut rows: Vec<Row> = Vec::new();
    for (ai, a) in ds.alliances.iter().enumerate() {
        if !alliance_shown(ds, ai, state) || a.members.len() < 2 {
            continue;
        }
        let name = (state.words)
            .name(state.lang, None, &a.name_en, a.name_zh.as_deref())
            .to_string();
        rows.push((
            Some((palette.alliance(ai), palette.alliance_dashed(ai))),
            None,
            name,
        ));
    }
    if let Some(name) = state.indicator.as_deref() {
        if let Some(c) = super::classification(ds, state) {
            let classes = &c.classes;
            let label = choropleth::available(ds)
                .into_iter()
                .find(|i| i.id == name)
                .map(|i| {
                    let own = crate::text::indicator_key(&i.id)
                        .map(|k| state.words.get(state.lang, k).to_string());
                    match own {
                        Some(w) if !w.is_empty() => w,
                        _ if state.lang == Lang::Zh => i.label_zh,
                        _ => i.label_en,
                    }
                })
                .unwrap_or_else(|| name.to_string());
            rows.push((None, None, label));
            for k in 0..classes.upper.len() {
                rows.push((
                    None,
                    Some(classes.color(k)),
                    classes.label_in(k, state.lang),
                ));
            }
            if c.no_data() > 0 {
                rows.push((
                    None,
                    Some(Rgba::hex(choropleth::NO_DATA)),
                    state.words.get(state.lang, "noData").to_string(),
                ));
            }
            if c.unranked() > 0 {
                rows.push((
                    None,
                    None,
                    state.words.get(state.lang, "unranked").to_string(),
                ));
            }
        }
    }
    if rows.is_empty() {
        return Vec::new();
    }
    let row_h = 16.0;
    let width = rows
        .iter()
        .map(|r| labels::text_width(&r.2, 11.0))
        .fold(0.0, f64::max)
        + 44.0;
    let height = rows.len() as f64 * row_h + 10.0;
    let x0 = 10.0;
    let y0 = 10.0;
    let mut cmds = vec![Cmd::Rect {
        at: ScreenPx { x: x0, y: y0 },
        w: width.min(view.width() - 20.0),
        h: height,
        fill: Some(palette.halo.with_alpha(0.92)),
        stroke: Some(Stroke {
            color: palette.muted.with_alpha(0.5),
            width: 1.0,
        }),
    }];
    for (k, (line, swatch, text)) in rows.into_iter().enumerate() {
        let y = y0 + 5.0 + row_h * (k as f64 + 0.5);
        if let Some((c, dashed)) = line {
            let arc = links::Arc {
                from: ScreenPx { x: x0 + 8.0, y },
                ctrl: ScreenPx {
                    x: x0 + 17.0,
                    y: y - 4.0,
                },
                to: ScreenPx { x: x0 + 26.0, y },
            };
            cmds.push(Cmd::Curve {
                arc,
                stroke: Stroke {
                    color: c,
                    width: 2.5,
                },
                dashed,
            });
        }
        if let Some(c) = swatch {
            cmds.push(Cmd::Rect {
                at: ScreenPx {
                    x: x0 + 8.0,
                    y: y - 5.0,
                },
                w: 18.0,
                h: 10.0,
                fill: Some(c),
                stroke: Some(Stroke {
                    color: palette.muted,
                    width: 0.5,
                }),
            });
        }
        let header = line.is_none() && swatch.is_none();
        cmds.push(Cmd::Text {
            at: ScreenPx {
                x: if header { x0 + 8.0 } else { x0 + 32.0 },
                y,
            },
            text,
            size: 11.0,
            bold: header,
            color: palette.text,
            halo: None,
            align: Align::Left,
        });
    }
    cmds
}
