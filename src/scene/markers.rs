//! Seat markers and parks.

use super::*;

/// A park's marker: larger when it has the focus, outlined when selected.
pub(super) fn push_park(
    cmds: &mut Vec<Cmd>,
    p: &crate::model::Park,
    view: &Viewport,
    emphasis: bool,
    selected: bool,
    palette: &style::Palette,
) {
    let precise = p.location_precision.is_none();
    cmds.push(Cmd::Diamond {
        at: view.lonlat_to_screen(p.location),
        r: if emphasis {
            style::SIZES.park_emphasis
        } else {
            style::SIZES.park
        },
        fill: Some(if precise {
            palette.park
        } else {
            palette.park_imprecise
        }),
        stroke: Some(Stroke {
            color: if selected {
                palette.selected_border
            } else {
                palette.park
            },
            width: style::SIZES.park_stroke,
        }),
    });
}

/// Seat markers and parks; returns the boxes that labels must keep clear of.
pub(super) fn markers_layer(
    f: &Frame,
    hubs: &[usize],
    cmds: &mut Vec<Cmd>,
) -> Vec<(ScreenPx, ScreenPx)> {
    let (ds, view, state, palette) = (f.ds, f.view, f.state, &f.palette);
    let (show_districts, selected_city) = (f.show_districts, f.selected_city);
    let seat_screen = |i: usize| view.lonlat_to_screen(ds.cities[i].seat);
    // Seat markers, for data with alliances (the places links join). With thousands of
    // cities they would bury the map, and cost a draw call each per frame: then only hubs
    // and the selection get one; other data's polygons have only their labels.
    let all_seats = f.seats;
    let mut obstacles = Vec::new();
    for (i, c) in ds.cities.iter().enumerate() {
        let is_district = c.level != Level::Prefecture;
        if is_district && !show_districts {
            continue;
        }
        if !all_seats && !hubs.contains(&i) && Some(i) != selected_city {
            continue;
        }
        let p = seat_screen(i);
        if p.x < -10.0 || p.y < -10.0 || p.x > view.width() + 10.0 || p.y > view.height() + 10.0 {
            continue;
        }
        let is_hub = hubs.contains(&i);
        let r = if is_hub {
            style::SIZES.seat_hub
        } else if is_district {
            style::SIZES.seat_district
        } else {
            style::SIZES.seat
        };
        cmds.push(Cmd::Circle {
            at: p,
            r,
            fill: Some(if is_hub { palette.hub } else { palette.seat }),
            stroke: Some(Stroke {
                color: palette.halo,
                width: style::SIZES.marker_halo,
            }),
        });
        obstacles.push((
            ScreenPx {
                x: p.x - r,
                y: p.y - r,
            },
            ScreenPx {
                x: p.x + r,
                y: p.y + r,
            },
        ));
    }

    // Parks.
    let selected_park = state.selected_of(Kind::Park);
    for (i, p) in ds.parks.iter().enumerate() {
        if !park_exists(ds, p, state.year) {
            continue;
        }
        let at = view.lonlat_to_screen(p.location);
        let selected = Some(i) == selected_park;
        push_park(cmds, p, view, selected, selected, &f.palette);
        obstacles.push((
            ScreenPx {
                x: at.x - style::SIZES.park_clearance,
                y: at.y - style::SIZES.park_clearance,
            },
            ScreenPx {
                x: at.x + style::SIZES.park_clearance,
                y: at.y + style::SIZES.park_clearance,
            },
        ));
    }
    obstacles
}
