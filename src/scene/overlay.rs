//! What is drawn over the base for the selection and, on its own layer, for the hover.

use super::base::push_lines;
use super::markers::push_park;
use super::*;

/// What the pointer is over, for a layer of its own above the map: the outline and seat of a
/// city, a larger marker for a park, the point or line of other GeoJSON, or the links of one
/// alliance. Its name is in the tooltip. The map itself does not depend on the hover, so a
/// hover redraws only this layer.
pub fn hover_layer(ds: &Dataset, view: &Viewport, state: &SceneState) -> Vec<Cmd> {
    let palette = &state.palette;
    let mut cmds = Vec::new();
    let Some(FeatureRef { kind, index: i }) = state.hover else {
        return cmds;
    };
    match kind {
        Kind::City => {
            cmds.push(city_outline(i, palette.hover, style::SIZES.hover_outline));
            cmds.push(Cmd::Circle {
                at: view.lonlat_to_screen(ds.cities[i].seat),
                r: style::SIZES.hover_seat,
                fill: Some(palette.hover),
                stroke: Some(Stroke {
                    color: palette.halo,
                    width: style::SIZES.marker_halo,
                }),
            });
        }
        Kind::Park => push_park(&mut cmds, &ds.parks[i], view, true, false, palette),
        Kind::Extra => push_extra_emphasis(&mut cmds, &ds.extras[i], view, palette),
        Kind::Alliance => {
            cmds.extend(member_provinces(
                ds,
                i,
                palette.alliance(i),
                style::SIZES.member_provinces,
            ));
            let layer = layout_links(ds, view, state);
            for l in layer.links.iter().filter(|l| l.alliance == i) {
                cmds.push(Cmd::Curve {
                    arc: l.arc,
                    stroke: Stroke {
                        color: palette.alliance(i),
                        width: style::SIZES.hover_link,
                    },
                    dashed: l.dashed,
                });
            }
        }
    }
    cmds
}

/// The outlines of an alliance's member provinces (a strategy of whole provinces is drawn so,
/// not as links between two of their cities).
pub(super) fn member_provinces(ds: &Dataset, ai: usize, color: Rgba, width: f64) -> Option<Cmd> {
    let a = ds.alliances.get(ai)?;
    let items: Vec<usize> = (ds.provinces.iter().enumerate())
        .filter(|(_, p)| a.member_provinces.contains(&p.name_en))
        .map(|(i, _)| i)
        .collect();
    (!items.is_empty()).then_some(Cmd::Shapes {
        set: ShapeSet::Provinces,
        items,
        fill: None,
        stroke: Some(Stroke { color, width }),
    })
}

/// The outline of one city.
pub(super) fn city_outline(i: usize, color: Rgba, width: f64) -> Cmd {
    Cmd::Shapes {
        set: ShapeSet::Cities,
        items: vec![i],
        fill: None,
        stroke: Some(Stroke { color, width }),
    }
}

/// The point or line of other GeoJSON, stressed (hovered or selected).
pub(super) fn push_extra_emphasis(
    cmds: &mut Vec<Cmd>,
    x: &crate::model::Extra,
    view: &Viewport,
    palette: &style::Palette,
) {
    push_lines(
        cmds,
        view,
        &x.lines,
        Stroke {
            color: palette.extra,
            width: style::SIZES.extra_line_emphasis,
        },
    );
    for p in &x.points {
        cmds.push(Cmd::Circle {
            at: view.lonlat_to_screen(*p),
            r: style::SIZES.extra_dot_emphasis,
            fill: Some(palette.extra),
            stroke: Some(Stroke {
                color: palette.selected_border,
                width: style::SIZES.park_stroke,
            }),
        });
    }
}

/// The selection over the base: a city's outline, an alliance's provinces, a feature.
pub(super) fn selection_layer(f: &Frame, cmds: &mut Vec<Cmd>) {
    let (ds, view, state, palette) = (f.ds, f.view, f.state, &f.palette);
    if let Some(i) = f.selected_city {
        cmds.push(city_outline(
            i,
            palette.selected_border,
            style::SIZES.selected_outline,
        ));
    }
    if let Some(ai) = f.selected_alliance {
        cmds.extend(member_provinces(
            ds,
            ai,
            palette.alliance(ai),
            style::SIZES.member_provinces,
        ));
    }

    // The selected point or line of any GeoJSON, drawn over the base.
    let selected_extra = state.selected_of(Kind::Extra);
    if let Some(i) = selected_extra {
        push_extra_emphasis(cmds, &ds.extras[i], view, &f.palette);
    }
}
