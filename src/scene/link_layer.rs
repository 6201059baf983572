//! The alliance links of a view: laid out as arcs (hub-and-spoke, or spokes from a centre
//! ring), in lanes where links of several alliances run side by side, and found under a point.

use super::*;

/// Alliance links and the centre rings of alliances without a hub.
pub(super) fn links_layer(f: &Frame, layer: &LinkLayer, cmds: &mut Vec<Cmd>) {
    let palette = &f.palette;
    // Alliance links.
    // Quiet links first, so that the emphasised ones are on top.
    for quiet in [true, false] {
        for l in layer.links.iter().filter(|l| l.emphasis != quiet) {
            cmds.push(Cmd::Curve {
                arc: l.arc,
                stroke: Stroke {
                    color: l.color,
                    width: l.width,
                },
                dashed: l.dashed,
            });
        }
    }
    for (c, color) in &layer.centres {
        cmds.push(Cmd::Circle {
            at: *c,
            r: style::SIZES.centre_ring,
            fill: Some(palette.halo),
            stroke: Some(Stroke {
                color: *color,
                width: style::SIZES.centre_ring_width,
            }),
        });
    }
}

/// One drawn link of an alliance.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkGeom {
    /// Index of the alliance in the data set.
    pub alliance: usize,
    /// The curve, in screen space.
    pub arc: links::Arc,
    /// Its colour (faded when another alliance or city has the focus).
    pub color: Rgba,
    /// Width in CSS px.
    pub width: f64,
    /// Whether it belongs to the focused alliance or city.
    pub emphasis: bool,
    /// Dashed, because the alliance's colour repeats an earlier one.
    pub dashed: bool,
}

/// All links of the shown alliances for a view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkLayer {
    /// The links.
    pub links: Vec<LinkGeom>,
    /// Centre rings of alliances without a hub city.
    pub centres: Vec<(ScreenPx, Rgba)>,
    /// Hub cities (indices into `Dataset::cities`).
    pub hubs: Vec<usize>,
}

/// Whether an alliance is drawn as links in this state.
pub fn alliance_shown(ds: &Dataset, ai: usize, state: &SceneState) -> bool {
    let a = &ds.alliances[ai];
    state.alliances.shows(&a.id) && alliance_exists(a, state.year) && a.parent.is_none()
}

/// Lays out the links of every shown alliance. An alliance with a hub city is drawn as spokes
/// from the hub, the way the articles describe a corridor run from its seat. One without a hub
/// is drawn as spokes from the centre of its members, marked by a small ring: a mesh of n
/// members needs n(n-1)/2 links and turns nine cities into a hairball, and a chain would invent
/// an order the sources do not give.
pub fn layout_links(ds: &Dataset, view: &Viewport, state: &SceneState) -> LinkLayer {
    let palette = &state.palette;
    let seat_screen = |i: usize| view.lonlat_to_screen(ds.cities[i].seat);
    let index_of = |id: &str| ds.cities.iter().position(|c| c.id == id);
    // What has the focus: a selected alliance, or the alliances of a selected city. (A hovered
    // link is drawn again on the hover layer.)
    let focus: Option<Vec<usize>> = match state.selected {
        Some(FeatureRef {
            kind: Kind::Alliance,
            index,
        }) => Some(vec![index]),
        Some(FeatureRef {
            kind: Kind::City,
            index,
        }) => {
            let id = &ds.cities[index].id;
            Some(
                ds.alliances
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.members.contains(id) || a.hub.as_ref() == Some(id))
                    .map(|(i, _)| i)
                    .collect(),
            )
        }
        _ => None,
    };
    // Pairs of cities and how many links run between them so far: a list, not a map (a few
    // hundred links at most; a map type of its own would cost the module a hash table).
    let mut lanes: Vec<((usize, usize), usize)> = Vec::new();
    let mut out = LinkLayer::default();
    for (ai, a) in ds.alliances.iter().enumerate() {
        if !alliance_shown(ds, ai, state) {
            continue;
        }
        let members: Vec<usize> = a.members.iter().filter_map(|m| index_of(m)).collect();
        if members.len() < 2 {
            continue;
        }
        let in_focus = focus.as_ref().is_none_or(|f| f.contains(&ai));
        let emphasis = focus.is_some() && in_focus;
        let mut color = palette.alliance(ai);
        if !in_focus {
            color = color.with_alpha(0.15);
        } else if !emphasis && view.zoom() >= DISTRICT_MIN_ZOOM {
            // Zoomed in, long links from far away are mostly noise: keep them quiet.
            color = color.with_alpha(0.45);
        }
        let width = if emphasis { 2.8 } else { 1.6 };
        let hub = a.hub.as_deref().and_then(index_of);
        let (centre, centre_id) = match hub {
            Some(h) => (seat_screen(h), ds.cities[h].id.clone()),
            None => {
                let pts: Vec<ScreenPx> = members.iter().map(|&m| seat_screen(m)).collect();
                let n = pts.len() as f64;
                let c = ScreenPx {
                    x: pts.iter().map(|p| p.x).sum::<f64>() / n,
                    y: pts.iter().map(|p| p.y).sum::<f64>() / n,
                };
                out.centres.push((c, color));
                (c, format!("~{}", a.id))
            }
        };
        if let Some(h) = hub {
            out.hubs.push(h);
        }
        for &m in &members {
            if Some(m) == hub {
                continue;
            }
            // Links of different alliances between the same two cities take separate lanes.
            let key = match hub {
                Some(h) => (h.min(m), h.max(m)),
                None => (usize::MAX - ai, m),
            };
            let lane = match lanes.iter_mut().find(|l| l.0 == key) {
                Some(l) => {
                    l.1 += 1;
                    l.1 - 1
                }
                None => {
                    lanes.push((key, 1));
                    0
                }
            };
            let arc = links::arc(centre, &centre_id, seat_screen(m), &ds.cities[m].id, lane);
            out.links.push(LinkGeom {
                alliance: ai,
                arc,
                color,
                width,
                emphasis,
                dashed: palette.alliance_dashed(ai),
            });
        }
    }
    out
}

/// The alliance whose link passes within `tolerance` CSS px of `p`, nearest first.
pub fn link_at(layer: &LinkLayer, p: ScreenPx, tolerance: f64) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for l in &layer.links {
        if l.color.a < 0.5 {
            continue;
        }
        // Near its ends a link gives way to the seat markers it joins: a click there means the
        // city.
        let near_end = |q: ScreenPx| (q.x - p.x).hypot(q.y - p.y) < 8.0;
        if near_end(l.arc.from) || near_end(l.arc.to) {
            continue;
        }
        let mut prev = l.arc.point(0.0);
        for k in 1..=24 {
            let next = l.arc.point(k as f64 / 24.0);
            let d = segment_distance(p, prev, next);
            if d <= tolerance && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, l.alliance));
            }
            prev = next;
        }
    }
    best.map(|(_, a)| a)
}

pub(super) fn segment_distance(p: ScreenPx, a: ScreenPx, b: ScreenPx) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    };
    (p.x - a.x - t * dx).hypot(p.y - a.y - t * dy)
}
