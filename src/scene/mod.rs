//! What to draw for a given state: a display list of plain drawing commands.
//!
//! The scene decides *what* is drawn (layers, colours, level of detail, which labels fit);
//! the painters decide *how* (Canvas 2D in the browser, SVG for export, a recording painter
//! in tests). Polygons are not copied into the list: a [`Cmd::Shapes`] names prepared shapes,
//! which the canvas painter turns into `Path2D` objects once and draws with the world
//! transform of the [`Viewport`].

pub mod choropleth;
pub mod labels;
pub mod style;
pub mod svg;

use crate::links;
use crate::model::{Dataset, Level, LonLat};
use crate::view::{project, ScreenPx, Viewport, World};
pub use style::Rgba;
// The timeline's rules, where the scene has always offered them.
pub use crate::timeline::{
    alliance_exists, exists_in, first_year, park_exists, park_first_year, year_of, year_range,
};

/// Zoom from which districts and counties are drawn and can be picked.
pub const DISTRICT_MIN_ZOOM: f64 = 8.0;
/// Up to this many cities, every city's seat gets a marker.
pub const MAX_SEAT_MARKERS: usize = 2000;

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
    /// An alliance (index into `Dataset::alliances`), picked by its links.
    Alliance,
    /// A point or line feature of any GeoJSON (index into `Dataset::extras`).
    Extra,
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
        /// Dashed (a repeated alliance colour).
        dashed: bool,
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
    /// Many small circles of one style (points of any GeoJSON): one path, one fill.
    Dots {
        /// Centres.
        points: Vec<ScreenPx>,
        /// Radius in CSS px.
        r: f64,
        /// Fill.
        fill: Rgba,
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
    /// The first `base_len` commands are the static base (background, polygons, outlines,
    /// points of other data), which changes only with the zoom, the size and the fills.
    pub base_len: usize,
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
        for x in &ds.extras {
            for p in x.points.iter().chain(x.lines.iter().flatten()) {
                w = w.min(p.lon);
                e = e.max(p.lon);
                s = s.min(p.lat);
                n = n.max(p.lat);
            }
        }
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
    /// Colour cities by this indicator (see [`choropleth::available`]).
    pub indicator: Option<String>,
}

impl SceneState {
    /// Index of the selected feature, if it is of this kind.
    pub fn selected_of(&self, kind: Kind) -> Option<usize> {
        self.selected.filter(|f| f.kind == kind).map(|f| f.index)
    }

    /// Index of the hovered feature, if it is of this kind.
    pub fn hover_of(&self, kind: Kind) -> Option<usize> {
        self.hover.filter(|f| f.kind == kind).map(|f| f.index)
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

/// Lines in lon/lat as screen polylines.
fn push_lines(cmds: &mut Vec<Cmd>, view: &Viewport, lines: &[Vec<LonLat>], stroke: Stroke) {
    for line in lines {
        let points = line.iter().map(|p| view.lonlat_to_screen(*p)).collect();
        cmds.push(Cmd::Line { points, stroke });
    }
}

/// Builds the display list: the map, then what the pointer is over on top.
pub fn build(ds: &Dataset, prep: &Prepared, view: &Viewport, state: &SceneState) -> DisplayList {
    let mut list = build_parts(ds, prep, view, state, true);
    list.cmds.extend(hover_layer(ds, view, state));
    list
}

/// What the pointer is over, for a layer of its own above the map: the outline and seat of a
/// city, a larger marker for a park, the point or line of other GeoJSON, or the links of one
/// alliance. Its name is in the tooltip. The map itself does not depend on the hover, so a
/// hover redraws only this layer.
pub fn hover_layer(ds: &Dataset, view: &Viewport, state: &SceneState) -> Vec<Cmd> {
    let palette = style::Palette::default();
    let mut cmds = Vec::new();
    let Some(FeatureRef { kind, index: i }) = state.hover else {
        return cmds;
    };
    match kind {
        Kind::City => {
            cmds.push(city_outline(i, palette.hover, 2.0));
            cmds.push(Cmd::Circle {
                at: view.lonlat_to_screen(ds.cities[i].seat),
                r: 3.0,
                fill: Some(palette.hover),
                stroke: Some(Stroke {
                    color: palette.halo,
                    width: 1.0,
                }),
            });
        }
        Kind::Park => push_park(&mut cmds, &ds.parks[i], view, true, false),
        Kind::Extra => push_extra_emphasis(&mut cmds, &ds.extras[i], view),
        Kind::Alliance => {
            cmds.extend(member_provinces(ds, i, palette.alliance(i), 3.0));
            let layer = layout_links(ds, view, state);
            for l in layer.links.iter().filter(|l| l.alliance == i) {
                cmds.push(Cmd::Curve {
                    arc: l.arc,
                    stroke: Stroke {
                        color: palette.alliance(i),
                        width: 2.8,
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
fn member_provinces(ds: &Dataset, ai: usize, color: Rgba, width: f64) -> Option<Cmd> {
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
fn city_outline(i: usize, color: Rgba, width: f64) -> Cmd {
    Cmd::Shapes {
        set: ShapeSet::Cities,
        items: vec![i],
        fill: None,
        stroke: Some(Stroke { color, width }),
    }
}

/// A park's marker: larger when it has the focus, outlined when selected.
fn push_park(
    cmds: &mut Vec<Cmd>,
    p: &crate::model::Park,
    view: &Viewport,
    emphasis: bool,
    selected: bool,
) {
    let palette = style::Palette::default();
    let precise = p.location_precision.is_none();
    cmds.push(Cmd::Diamond {
        at: view.lonlat_to_screen(p.location),
        r: if emphasis { 8.0 } else { 6.0 },
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
            width: 1.5,
        }),
    });
}

/// The point or line of other GeoJSON, stressed (hovered or selected).
fn push_extra_emphasis(cmds: &mut Vec<Cmd>, x: &crate::model::Extra, view: &Viewport) {
    let palette = style::Palette::default();
    push_lines(
        cmds,
        view,
        &x.lines,
        Stroke {
            color: palette.extra,
            width: 3.5,
        },
    );
    for p in &x.points {
        cmds.push(Cmd::Circle {
            at: view.lonlat_to_screen(*p),
            r: 6.0,
            fill: Some(palette.extra),
            stroke: Some(Stroke {
                color: palette.selected_border,
                width: 1.5,
            }),
        });
    }
}

/// Builds the display list of the map without the hover (see [`hover_layer`]); with
/// `with_points` false, the base leaves out the points of other GeoJSON (the costly part with
/// tens of thousands of them), for frames that move a cached base instead of drawing it.
pub fn build_parts(
    ds: &Dataset,
    prep: &Prepared,
    view: &Viewport,
    state: &SceneState,
    with_points: bool,
) -> DisplayList {
    let f = Frame::new(ds, prep, view, state);
    let mut cmds = vec![Cmd::Clear(f.palette.sea)];
    base_layer(&f, with_points, &mut cmds);
    // Everything above is the static base, which the canvas painter caches as a bitmap;
    // everything below is drawn on it in every full frame.
    let base_len = cmds.len();
    selection_layer(&f, &mut cmds);
    let links = layout_links(ds, view, state);
    links_layer(&f, &links, &mut cmds);
    let mut obstacles = markers_layer(&f, &links.hubs, &mut cmds);
    labels_layer(&f, &links.hubs, &mut obstacles, &mut cmds);
    scale_and_credit(&f, &mut cmds);
    DisplayList { cmds, base_len }
}

/// What the layers of one frame share: the inputs, the palette, and who is selected.
struct Frame<'a> {
    ds: &'a Dataset,
    prep: &'a Prepared,
    view: &'a Viewport,
    state: &'a SceneState,
    palette: style::Palette,
    show_districts: bool,
    selected_city: Option<usize>,
    selected_alliance: Option<usize>,
    /// Cities tinted as partners of the selection.
    partner: Vec<bool>,
}

impl<'a> Frame<'a> {
    fn new(ds: &'a Dataset, prep: &'a Prepared, view: &'a Viewport, state: &'a SceneState) -> Self {
        let selected_city = state.selected_of(Kind::City);
        // Cities that share an alliance with the selected one are tinted.
        // Cities that share an alliance with the selected city, or the members of the selected
        // alliance, are tinted; with an alliance selected, the other cities are dimmed.
        let mut partner = vec![false; ds.cities.len()];
        let mut mark = |a: &crate::model::Alliance| {
            for m in a.members.iter().chain(a.hub.iter()) {
                if let Some(i) = ds.cities.iter().position(|c| &c.id == m) {
                    partner[i] = true;
                }
            }
            // Members that are whole provinces: every city in them.
            for (i, c) in ds.cities.iter().enumerate() {
                if a.member_provinces.contains(&c.province) {
                    partner[i] = true;
                }
            }
        };
        if let Some(sel) = selected_city {
            ds.alliances_of(&ds.cities[sel].id)
                .into_iter()
                .for_each(&mut mark);
        }
        let selected_alliance = state.selected_of(Kind::Alliance);
        if let Some(ai) = selected_alliance {
            mark(&ds.alliances[ai]);
        }

        Frame {
            ds,
            prep,
            view,
            state,
            palette: style::Palette::default(),
            show_districts: view.zoom() >= DISTRICT_MIN_ZOOM,
            selected_city,
            selected_alliance,
            partner,
        }
    }
}

/// The static base: polygons by fill, borders, province outlines, points and lines of other
/// data.
fn base_layer(f: &Frame, with_points: bool, cmds: &mut Vec<Cmd>) {
    let (ds, prep, view, state, palette) = (f.ds, f.prep, f.view, f.state, &f.palette);
    let (show_districts, selected_city) = (f.show_districts, f.selected_city);
    let (selected_alliance, partner) = (f.selected_alliance, &f.partner);
    // The choropleth, when an indicator is chosen: the classification the legends show.
    let choro =
        (state.indicator.as_deref()).and_then(|name| choropleth::classify(ds, name, state.year));

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
    // Points and lines of any GeoJSON: part of the static base, all points in one command.
    let mut dots = Vec::new();
    for x in ds.extras.iter().filter(|_| with_points) {
        push_lines(
            cmds,
            view,
            &x.lines,
            Stroke {
                color: palette.extra,
                width: 2.0,
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
        cmds.push(Cmd::Dots {
            points: dots,
            r: 3.5,
            fill: palette.extra,
            stroke: Some(Stroke {
                color: palette.halo,
                width: 1.0,
            }),
        });
    }
}

/// The selection over the base: a city's outline, an alliance's provinces, a feature.
fn selection_layer(f: &Frame, cmds: &mut Vec<Cmd>) {
    let (ds, view, state, palette) = (f.ds, f.view, f.state, &f.palette);
    if let Some(i) = f.selected_city {
        cmds.push(city_outline(i, palette.selected_border, 2.5));
    }
    if let Some(ai) = f.selected_alliance {
        cmds.extend(member_provinces(ds, ai, palette.alliance(ai), 3.0));
    }

    // The selected point or line of any GeoJSON, drawn over the base.
    let selected_extra = state.selected_of(Kind::Extra);
    if let Some(i) = selected_extra {
        push_extra_emphasis(cmds, &ds.extras[i], view);
    }
}

/// Alliance links and the centre rings of alliances without a hub.
fn links_layer(f: &Frame, layer: &LinkLayer, cmds: &mut Vec<Cmd>) {
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
            r: 3.5,
            fill: Some(palette.halo),
            stroke: Some(Stroke {
                color: *color,
                width: 2.0,
            }),
        });
    }
}

/// Seat markers and parks; returns the boxes that labels must keep clear of.
fn markers_layer(f: &Frame, hubs: &[usize], cmds: &mut Vec<Cmd>) -> Vec<(ScreenPx, ScreenPx)> {
    let (ds, view, state, palette) = (f.ds, f.view, f.state, &f.palette);
    let (show_districts, selected_city) = (f.show_districts, f.selected_city);
    let seat_screen = |i: usize| view.lonlat_to_screen(ds.cities[i].seat);
    // Seat markers. With thousands of cities (someone else's large GeoJSON) they would bury
    // the map, and cost a draw call each per frame: then only hubs and the selection get one.
    let all_seats = ds.cities.len() <= MAX_SEAT_MARKERS;
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
    let selected_park = state.selected_of(Kind::Park);
    for (i, p) in ds.parks.iter().enumerate() {
        if !park_exists(ds, p, state.year) {
            continue;
        }
        let at = view.lonlat_to_screen(p.location);
        let selected = Some(i) == selected_park;
        push_park(cmds, p, view, selected, selected);
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
    obstacles
}

/// City, park and feature labels, placed without collisions.
fn labels_layer(
    f: &Frame,
    hubs: &[usize],
    obstacles: &mut Vec<(ScreenPx, ScreenPx)>,
    cmds: &mut Vec<Cmd>,
) {
    let (ds, prep, view, state, palette) = (f.ds, f.prep, f.view, f.state, &f.palette);
    let (show_districts, selected_city) = (f.show_districts, f.selected_city);
    let partner = &f.partner;
    let seat_screen = |i: usize| view.lonlat_to_screen(ds.cities[i].seat);
    let selected_park = state.selected_of(Kind::Park);
    let selected_extra = state.selected_of(Kind::Extra);
    // Labels: selected first, then hubs and partners, then big cities.
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
        // Larger cities first: up to 40 points for the size on screen (log of the box area).
        let size = prep.city_bbox.get(i).map_or(0, |(a, b)| {
            let k = view.scale();
            (((b.x - a.x) * k * (b.y - a.y) * k).max(1.0).ln() * 4.0).min(40.0) as i32
        });
        let mut priority = if is_district { 10 } else { 20 } + size;
        if Some(i) == selected_city {
            priority = 1000;
        } else if partner[i] {
            priority += 200;
        } else if hubs.contains(&i) {
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
        let emphasis = Some(i) == selected_park;
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
    if ds.extras.len() <= 500 {
        for (i, x) in ds.extras.iter().enumerate() {
            let Some(p) = x
                .points
                .first()
                .or_else(|| x.lines.first().and_then(|l| l.get(l.len() / 2)))
            else {
                continue;
            };
            let emphasis = Some(i) == selected_extra;
            cands.push(labels::Candidate {
                text: if state.lang == Lang::Zh {
                    x.name_zh.clone()
                } else {
                    x.name_en.clone()
                },
                anchor: view.lonlat_to_screen(*p),
                priority: if emphasis { 950 } else { 30 },
                size: 11.0,
                offset: 5.0,
            });
            label_city.push((Kind::Extra, i, emphasis));
        }
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
    for placed in labels::place(&cands, view.width(), view.height(), obstacles) {
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
}

/// The scale bar (bottom left) and the credit line (bottom right).
fn scale_and_credit(f: &Frame, cmds: &mut Vec<Cmd>) {
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
    let facts = (!ds.alliances.is_empty()).then_some(match state.lang {
        Lang::En => "Facts: cited articles",
        Lang::Zh => "资料：所引文章",
    });
    let credit: Vec<&str> = ds.attribution.as_deref().into_iter().chain(facts).collect();
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
    let palette = style::Palette::default();
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
    let mut lanes: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
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
            let lane = lanes.entry(key).or_insert(0);
            let arc = links::arc(centre, &centre_id, seat_screen(m), &ds.cities[m].id, *lane);
            *lane += 1;
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

fn segment_distance(p: ScreenPx, a: ScreenPx, b: ScreenPx) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    };
    (p.x - a.x - t * dx).hypot(p.y - a.y - t * dy)
}

/// The legend as drawing commands, for exports (on screen the legend is HTML): the shown
/// alliances with their colours, and the choropleth classes when an indicator is chosen.
pub fn legend(ds: &Dataset, view: &Viewport, state: &SceneState) -> Vec<Cmd> {
    let palette = style::Palette::default();
    // Each row: an alliance's line (colour, dashed), or a class swatch, or neither (a heading).
    type Row = (Option<(Rgba, bool)>, Option<Rgba>, String);
    let mut rows: Vec<Row> = Vec::new();
    for (ai, a) in ds.alliances.iter().enumerate() {
        if !alliance_shown(ds, ai, state) || a.members.len() < 2 {
            continue;
        }
        let name = match state.lang {
            Lang::Zh => a.name_zh.clone().unwrap_or_else(|| a.name_en.clone()),
            Lang::En => a.name_en.clone(),
        };
        rows.push((
            Some((palette.alliance(ai), palette.alliance_dashed(ai))),
            None,
            name,
        ));
    }
    if let Some(name) = state.indicator.as_deref() {
        if let Some(c) = choropleth::classify(ds, name, state.year) {
            let classes = &c.classes;
            let label = choropleth::available(ds)
                .into_iter()
                .find(|i| i.id == name)
                .map(|i| {
                    if state.lang == Lang::Zh {
                        i.label_zh
                    } else {
                        i.label_en
                    }
                })
                .unwrap_or_else(|| name.to_string());
            rows.push((None, None, label));
            for (k, (lo, hi)) in classes.lower.iter().zip(&classes.upper).enumerate() {
                let text = if lo == hi {
                    crate::format::group_thousands(*lo)
                } else {
                    format!(
                        "{} – {}",
                        crate::format::group_thousands(*lo),
                        crate::format::group_thousands(*hi)
                    )
                };
                rows.push((None, Some(classes.color(k)), text));
            }
            if c.no_data() > 0 {
                rows.push((
                    None,
                    Some(Rgba::hex(choropleth::NO_DATA)),
                    if state.lang == Lang::Zh {
                        "无数据".into()
                    } else {
                        "no data".into()
                    },
                ));
            }
            if c.unranked() > 0 {
                rows.push((
                    None,
                    None,
                    if state.lang == Lang::Zh {
                        "区县计入所属城市".into()
                    } else {
                        "districts and counties count in their city".into()
                    },
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
