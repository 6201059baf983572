//! The static base: city polygons grouped by fill, borders, province outlines, and the points
//! and lines of other data. The canvas painter caches it as a bitmap.

use super::*;

pub(super) fn visible(view: &Viewport, bbox: &(World, World)) -> bool {
    let a = view.world_to_screen(bbox.0);
    let b = view.world_to_screen(bbox.1);
    b.x >= 0.0 && a.x <= view.width() && b.y >= 0.0 && a.y <= view.height()
}

/// Lines in lon/lat as screen polylines.
pub(super) fn push_lines(
    cmds: &mut Vec<Cmd>,
    view: &Viewport,
    lines: &[Vec<LonLat>],
    stroke: Stroke,
) {
    for line in lines {
        let points = view.path_to_screen(line);
        cmds.push(Cmd::Line { points, stroke });
    }
}

/// The static base: polygons by fill, borders, province outlines, points and lines of other
/// data.
pub(super) fn base_layer(f: &Frame, with_points: bool, cmds: &mut Vec<Cmd>) {
    let (ds, prep, view, state, palette) = (f.ds, f.prep, f.view, f.state, &f.palette);
    let (show_districts, selected_city) = (f.show_districts, f.selected_city);
    let (selected_alliance, partner) = (f.selected_alliance, &f.partner);
    // The choropleth, when an indicator is chosen: the classification the legends show.
    let choro = classification(ds, state);

    // The land under data of points and lines only.
    if !prep.context.is_empty() {
        cmds.push(Cmd::Shapes {
            set: ShapeSet::Context,
            items: vec![0],
            fill: Some(palette.land),
            stroke: Some(Stroke {
                color: palette.sea.mix(palette.city_border, 0.5),
                width: 0.5 * palette.line_scale,
            }),
        });
    }
    // Base polygons, grouped by fill colour so that each colour is one command.
    let mut groups: Vec<(Rgba, Vec<usize>)> = Vec::new();
    let mut push = |fill: Rgba, i: usize| match groups.iter_mut().find(|g| g.0 == fill) {
        Some(g) => g.1.push(i),
        None => groups.push((fill, vec![i])),
    };
    let mut prefectures = Vec::new();
    let mut districts = Vec::new();
    for (i, c) in ds.cities.iter().enumerate() {
        // A city the prepared geometry does not cover (yet) is not drawn.
        if !prep.city_bbox.get(i).is_some_and(|b| visible(view, b)) {
            continue;
        }
        let is_district = c.level != Level::Prefecture;
        if is_district && !show_districts {
            continue;
        }
        let class_fill = choro.as_ref().and_then(|c| c.fill(i));
        let fill = if Some(i) == selected_city {
            palette.selected
        } else if partner[i] {
            palette.partner
        } else if selected_alliance.is_some() {
            palette.dimmed
        } else if let Some(f) = class_fill {
            f
        } else if is_district {
            palette.district
        } else {
            // The feature's own colour, muted as the theme asks, or the land.
            c.fill.map_or(palette.land, |own| {
                palette.land.mix(own, palette.fill_opacity)
            })
        };
        push(fill, i);
        if is_district {
            districts.push(i);
        } else {
            prefectures.push(i);
        }
    }
    // Prefectures first, districts over them.
    let order =
        |g: &(Rgba, Vec<usize>)| g.1.iter().any(|i| ds.cities[*i].level != Level::Prefecture);
    crate::sort::sort_by_key(&mut groups, order);
    for (fill, items) in groups {
        cmds.push(Cmd::Shapes {
            set: ShapeSet::Cities,
            items,
            fill: Some(fill),
            stroke: None,
        });
    }
    if !prefectures.is_empty() {
        cmds.push(Cmd::Shapes {
            set: ShapeSet::Cities,
            items: prefectures,
            fill: None,
            stroke: Some(Stroke {
                color: palette.city_border,
                width: style::SIZES.city_border * f.line,
            }),
        });
    }
    if !districts.is_empty() {
        cmds.push(Cmd::Shapes {
            set: ShapeSet::Cities,
            items: districts,
            fill: None,
            stroke: Some(Stroke {
                color: palette.district_border,
                width: style::SIZES.district_border * f.line,
            }),
        });
    }
    if !prep.province_lines.is_empty() {
        cmds.push(Cmd::Shapes {
            set: ShapeSet::Provinces,
            items: (0..prep.province_lines.len()).collect(),
            fill: None,
            stroke: Some(Stroke {
                color: palette.province_border,
                width: style::SIZES.province_border * palette.line_scale,
            }),
        });
    }
    // Points and lines of any GeoJSON: part of the static base, all points in one command.
    let mut dots = Vec::new();
    for x in ds.extras.iter().filter(|_| with_points) {
        push_lines(
            cmds,
            view,
            &x.lines,
            Stroke {
                color: palette.extra,
                width: style::SIZES.extra_line,
            },
        );
        for p in &x.points {
            let at = view.lonlat_to_screen(*p);
            if at.x >= -10.0
                && at.y >= -10.0
                && at.x <= view.width() + 10.0
                && at.y <= view.height() + 10.0
            {
                dots.push(at);
            }
        }
    }
    if !dots.is_empty() {
        // Many points: smaller, with a thinner halo, so that a cluster stays a cluster of
        // dots rather than a white blot.
        let many = dots.len() > 300;
        cmds.push(Cmd::Dots {
            points: dots,
            r: style::SIZES.extra_dot * if many { 0.7 } else { 1.0 },
            fill: palette.extra,
            stroke: Some(Stroke {
                color: palette.halo,
                width: style::SIZES.marker_halo * if many { 0.5 } else { 1.0 },
            }),
        });
    }
}
