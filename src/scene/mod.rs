//! What to draw for a given state: a display list of plain drawing commands.
//!
//! The scene decides *what* is drawn (layers, colours, level of detail, which labels fit);
//! the painters decide *how* (Canvas 2D in the browser, SVG for export, a recording painter
//! in tests). Polygons are not copied into the list: a [`Cmd::Shapes`] names prepared shapes,
//! which the canvas painter turns into `Path2D` objects once and draws with the world
//! transform of the [`Viewport`].

mod base;
pub mod choropleth;
mod furniture;
pub mod labels;
mod link_layer;
pub mod lod;
mod markers;
mod overlay;
pub mod slice;
pub mod style;
pub mod svg;

use crate::links;
use crate::model::{Dataset, Level, LonLat};
use crate::view::{project_path, ScreenPx, Viewport, World};
use base::base_layer;
pub use furniture::legend;
use furniture::scale_and_credit;
use link_layer::links_layer;
pub use link_layer::{alliance_shown, layout_links, link_at, LinkGeom, LinkLayer};
use markers::markers_layer;
pub use overlay::hover_layer;
use overlay::selection_layer;
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
    /// The land drawn under data of points and lines only (one item: all of it).
    Context,
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
    /// Bounds of the data in lon/lat: (south-west, north-east). The north-east longitude is
    /// the west one plus the span, so it passes 180° for data across the antimeridian.
    pub bounds: (LonLat, LonLat),
    /// The central meridian the world space is projected about (0° unless the data crosses
    /// the antimeridian; see [`crate::view::lon_extent`]).
    pub lon0: f64,
    /// The mean length of a polygon edge or line segment, in world units (how much detail
    /// the data has: it sets the largest zoom), or 0 for points only.
    pub detail: f64,
    /// The median size of a polygon (the square root of its box's area), in world units:
    /// borders are drawn thinner where polygons are small on screen.
    pub typical: f64,
    /// The land under data without polygons (see [`Prepared::set_context`]): rings.
    pub context: Vec<Vec<World>>,
    /// Its source, for the credit line.
    pub context_credit: Option<String>,
}

/// A ring or line of geo's coordinates as lon/lat points.
fn lonlats(line: &geo::LineString<f64>) -> Vec<LonLat> {
    line.0.iter().map(|c| LonLat::new(c.x, c.y)).collect()
}

/// The rings of a polygon in world space about `lon0`. The loader has made each ring
/// continuous across the antimeridian (`shape::unwrap_antimeridian`), so the polygon is moved
/// whole, by turns of 360°, to put the middle of its outline within 180° of `lon0`: Russia
/// keeps Chukotka east of 180°, and a ring round a pole spans the world once.
fn project_polygon(p: &geo::Polygon<f64>, lon0: f64) -> Vec<Vec<World>> {
    let (w, e) =
        (p.exterior().0.iter()).fold((f64::MAX, f64::MIN), |(w, e), c| (w.min(c.x), e.max(c.x)));
    let mid = (w + e) / 2.0 - lon0;
    let shift = crate::view::wrap_lon(mid) - mid - lon0;
    std::iter::once(p.exterior())
        .chain(p.interiors())
        .map(|r| {
            (r.0.iter())
                .map(|c| World {
                    x: (c.x + shift + 180.0) / 360.0,
                    y: crate::view::mercator_y(c.y),
                })
                .collect()
        })
        .collect()
}

/// About how many vertices one step of [`PrepareSteps`] goes through.
pub const PREPARE_VERTICES: usize = 60_000;

/// A [`Prepared`] made in steps of about [`PREPARE_VERTICES`] vertices each, so that a host
/// can give the page its turn between them: one walk over the cities' positions (the
/// longitudes they cover, which decide where the map's world is cut), one that projects them,
/// one that projects the provinces' lines, then the rest (lines, points), which is small.
#[derive(Debug)]
pub struct PrepareSteps {
    /// The next city of the walk under way.
    next: usize,
    /// The walk over the positions is done (`lon0` is known); the projection is under way.
    projecting: bool,
    cover: crate::view::LonCover,
    /// The latitude range of the positions walked.
    lat: (f64, f64),
    lon0: f64,
    city_rings: Vec<Vec<Vec<Vec<World>>>>,
    city_bbox: Vec<(World, World)>,
    /// The provinces' lines projected so far (after the cities).
    province_lines: Vec<Vec<Vec<World>>>,
    /// The length of every segment (in world units, Manhattan) and how many there are.
    length: f64,
    segments: usize,
    /// The work done (see [`PrepareSteps::work`]), in vertices.
    done: usize,
}

/// How many vertices a city's shape has.
pub fn vertices_of(shape: &geo::MultiPolygon<f64>) -> usize {
    (shape.0.iter())
        .map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>())
        .sum()
}

impl Default for PrepareSteps {
    fn default() -> Self {
        PrepareSteps {
            next: 0,
            projecting: false,
            cover: crate::view::LonCover::default(),
            lat: (f64::MAX, f64::MIN),
            lon0: 0.0,
            city_rings: Vec::new(),
            city_bbox: Vec::new(),
            province_lines: Vec::new(),
            length: 0.0,
            segments: 0,
            done: 0,
        }
    }
}

impl PrepareSteps {
    fn lat(&mut self, y: f64) {
        self.lat = (self.lat.0.min(y), self.lat.1.max(y));
    }

    fn measure(&mut self, path: &[World]) {
        for w in path.windows(2) {
            self.length += (w[1].x - w[0].x).abs() + (w[1].y - w[0].y).abs();
            self.segments += 1;
        }
    }

    /// Takes the next step over `ds` (the same data set at every step). Returns the
    /// prepared data set after the last.
    pub fn step(&mut self, ds: &Dataset) -> Option<Prepared> {
        let mut budget = PREPARE_VERTICES;
        while budget > 0 {
            let Some(c) = ds.cities.get(self.next) else {
                if self.projecting {
                    // The cities are projected: the provinces' lines, then the rest.
                    let Some(p) = ds.provinces.get(self.province_lines.len()) else {
                        return Some(self.finish(ds));
                    };
                    let lon0 = self.lon0;
                    let lines = (p.lines.0.iter()).map(|l| project_path(&lonlats(l), lon0));
                    self.province_lines.push(lines.collect());
                    let seen = p.lines.0.iter().map(|l| l.0.len()).sum::<usize>();
                    self.done += seen;
                    budget = budget.saturating_sub(seen.max(1));
                    continue;
                }
                // The walk is done: where the world is cut is known, the projection begins.
                self.walk_the_rest(ds);
                self.projecting = true;
                self.next = 0;
                self.city_rings.reserve(ds.cities.len());
                self.city_bbox.reserve(ds.cities.len());
                continue;
            };
            if self.projecting {
                self.project_city(&c.shape);
            } else {
                for p in &c.shape.0 {
                    for r in std::iter::once(p.exterior()).chain(p.interiors()) {
                        r.0.iter().for_each(|c| self.lat(c.y));
                        r.0.windows(2).for_each(|w| self.cover.edge(w[0].x, w[1].x));
                    }
                }
            }
            let seen = vertices_of(&c.shape);
            self.next += 1;
            self.done += seen;
            budget = budget.saturating_sub(seen.max(1));
        }
        None
    }

    /// The work of preparing `ds`, in vertices: each city's twice (walked, then projected),
    /// each province line's once.
    pub fn work(ds: &Dataset) -> usize {
        let cities: usize = ds.cities.iter().map(|c| vertices_of(&c.shape)).sum();
        let provinces: usize = (ds.provinces.iter().flat_map(|p| &p.lines.0))
            .map(|l| l.0.len())
            .sum();
        2 * cities + provinces
    }

    /// About how many steps are left of `work` (see [`PrepareSteps::work`]): fewer after
    /// each step.
    pub fn steps_left(&self, work: usize) -> usize {
        work.saturating_sub(self.done)
            .div_ceil(PREPARE_VERTICES)
            .max(1)
    }

    /// The positions of the points, lines and parks, after the cities'; and where the world
    /// is cut.
    fn walk_the_rest(&mut self, ds: &Dataset) {
        for x in &ds.extras {
            for p in &x.points {
                self.cover.point(p.lon);
                self.lat(p.lat);
            }
            for l in &x.lines {
                l.iter().for_each(|p| self.lat(p.lat));
                l.windows(2)
                    .for_each(|w| self.cover.edge(w[0].lon, w[1].lon));
            }
        }
        for p in &ds.parks {
            self.cover.point(p.location.lon);
            self.lat(p.location.lat);
        }
        let (west, span) = self.cover.extent().unwrap_or((0.0, 1.0));
        self.lon0 = if west + span > 180.0 {
            crate::view::wrap_lon(west + span / 2.0)
        } else {
            0.0
        };
    }

    fn project_city(&mut self, shape: &geo::MultiPolygon<f64>) {
        let mut polys = Vec::with_capacity(shape.0.len());
        let mut min = World {
            x: f64::MAX,
            y: f64::MAX,
        };
        let mut max = World {
            x: f64::MIN,
            y: f64::MIN,
        };
        for p in &shape.0 {
            let rings = project_polygon(p, self.lon0);
            for ring in &rings {
                self.measure(ring);
                for p in ring {
                    min = World {
                        x: min.x.min(p.x),
                        y: min.y.min(p.y),
                    };
                    max = World {
                        x: max.x.max(p.x),
                        y: max.y.max(p.y),
                    };
                }
            }
            polys.push(rings);
        }
        self.city_rings.push(polys);
        self.city_bbox.push((min, max));
    }

    fn finish(&mut self, ds: &Dataset) -> Prepared {
        let lon0 = self.lon0;
        for x in &ds.extras {
            for l in &x.lines {
                self.measure(&project_path(l, lon0));
            }
        }
        let province_lines = std::mem::take(&mut self.province_lines);
        let city_bbox = std::mem::take(&mut self.city_bbox);
        let mut sizes: Vec<f64> = (city_bbox.iter())
            .map(|(a, b)| ((b.x - a.x) * (b.y - a.y)).max(0.0).sqrt())
            .collect();
        crate::sort::sort_by(&mut sizes, |a, b| a.total_cmp(b));
        let typical = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
        let (s, n) = self.lat;
        let bounds = match self.cover.extent() {
            Some((west, span)) if s <= n => (LonLat::new(west, s), LonLat::new(west + span, n)),
            _ => (LonLat::new(0.0, 0.0), LonLat::new(1.0, 1.0)),
        };
        Prepared {
            city_rings: std::mem::take(&mut self.city_rings),
            city_bbox,
            province_lines,
            bounds,
            lon0,
            detail: if self.segments > 0 {
                self.length / self.segments as f64
            } else {
                0.0
            },
            typical,
            context: Vec::new(),
            context_credit: None,
        }
    }
}

impl Prepared {
    /// Projects the data set once (all the steps of [`PrepareSteps`] in one go).
    pub fn new(ds: &Dataset) -> Self {
        let mut steps = PrepareSteps::default();
        loop {
            if let Some(p) = steps.step(ds) {
                return p;
            }
        }
    }

    /// The land to draw under data of points and lines only, so that it does not float in an
    /// empty canvas: projected like the data, never picked, not part of the data's bounds.
    pub fn set_context(&mut self, land: &[geo::MultiPolygon<f64>]) {
        self.context = (land.iter().flat_map(|m| m.0.iter()))
            .flat_map(|p| project_polygon(p, self.lon0))
            .collect();
    }

    /// The paths of a shape in world space, and whether they are closed rings.
    pub fn paths(&self, set: ShapeSet, i: usize) -> (Vec<&[World]>, bool) {
        match set {
            ShapeSet::Cities => (
                (self.city_rings.get(i).into_iter().flatten().flatten())
                    .map(Vec::as_slice)
                    .collect(),
                true,
            ),
            ShapeSet::Provinces => (
                (self.province_lines.get(i).into_iter().flatten())
                    .map(Vec::as_slice)
                    .collect(),
                false,
            ),
            ShapeSet::Context => (self.context.iter().map(Vec::as_slice).collect(), true),
        }
    }

    /// A point in this data's world space.
    pub fn project(&self, p: LonLat) -> World {
        crate::view::project_about(p, self.lon0)
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
    /// The colours, from the page's theme (CSS custom properties).
    pub palette: style::Palette,
    /// A page's own language and words (see [`crate::text`]).
    pub words: std::rc::Rc<crate::text::Words>,
    /// Classes computed outside the core for an indicator (the industry views, which the
    /// module loaded later classifies): the indicator and its classification.
    pub external: Option<std::rc::Rc<(String, choropleth::Classification)>>,
    /// Where the map's buttons are, which labels keep clear of.
    pub controls: ControlsBox,
}

/// The box of the map's buttons (zoom in, zoom out, home, language), in CSS px from the map's
/// top-left corner; None when the page hides them. The default is where region-map.css puts
/// them (`.rm-controls`); the web layer measures the real box, which a page may restyle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ControlsBox(pub Option<(ScreenPx, ScreenPx)>);

impl Default for ControlsBox {
    fn default() -> Self {
        ControlsBox(Some((
            ScreenPx { x: 0.0, y: 0.0 },
            ScreenPx { x: 56.0, y: 164.0 },
        )))
    }
}

/// The classification of the chosen indicator: the one the map, the HTML legend and the SVG
/// legend all read. An industry view's is the one handed to the map (None until it is).
/// Borrowed when it was handed to the map (no copy per frame), computed otherwise.
pub fn classification<'a>(
    ds: &Dataset,
    state: &'a SceneState,
) -> Option<std::borrow::Cow<'a, choropleth::Classification>> {
    let name = state.indicator.as_deref()?;
    if choropleth::is_industry(name) {
        return (state.external.as_ref())
            .filter(|e| e.0 == name)
            .map(|e| std::borrow::Cow::Borrowed(&e.1));
    }
    choropleth::classify(ds, name, state.year).map(std::borrow::Cow::Owned)
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

/// The name of a city in the chosen language.
pub fn city_name<'a>(ds: &'a Dataset, i: usize, state: &SceneState) -> &'a str {
    let c = &ds.cities[i];
    (state.words).name(
        state.lang,
        Some(&c.properties),
        &c.name_en,
        Some(&c.name_zh),
    )
}

/// Builds the display list: the map, then what the pointer is over on top.
pub fn build(ds: &Dataset, prep: &Prepared, view: &Viewport, state: &SceneState) -> DisplayList {
    let mut list = build_parts(ds, prep, view, state, true);
    list.cmds.extend(hover_layer(ds, view, state));
    list
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

/// The largest factor of the borders' widths (where polygons are large on screen): it makes
/// the city and district borders (0.8 CSS px at a factor of 1) one CSS pixel at most. At a
/// pixel ratio of 1 that is one device pixel, which the browser draws as a hairline; a
/// border of 1.2 px (the factor was 1.5) took the slow stroker and made a full frame's raster
/// about twice as long (an export of the shipped set: 55 ms against 34).
const MAX_LINE: f64 = 1.25;

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
    /// Borders' widths are multiplied by this: thinner where polygons are small on screen
    /// (a typical polygon 50 CSS px across or more draws them at their widest, see
    /// [`MAX_LINE`]), times the theme's line scale.
    line: f64,
    /// Every city's seat gets a marker (data with alliances, and not too many cities);
    /// otherwise labels sit on the label point itself.
    seats: bool,
}

impl<'a> Frame<'a> {
    fn new(ds: &'a Dataset, prep: &'a Prepared, view: &'a Viewport, state: &'a SceneState) -> Self {
        let selected_city = state.selected_of(Kind::City);
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
            line: (prep.typical * view.scale() / 40.0).clamp(0.3, MAX_LINE)
                * state.palette.line_scale,
            seats: ds.cities.len() <= MAX_SEAT_MARKERS && !ds.alliances.is_empty(),
            palette: state.palette.clone(),
            show_districts: view.zoom() >= DISTRICT_MIN_ZOOM,
            selected_city,
            selected_alliance,
            partner,
        }
    }
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
        // A polygon too small on screen for its name is left unnamed, unless it matters
        // (selected, a partner, a hub): dense data stays readable at every zoom.
        let text = city_name(ds, i, state);
        let small = prep.city_bbox.get(i).is_none_or(|(a, b)| {
            let k = view.scale();
            (b.x - a.x) * k < 0.6 * labels::text_width(text, style::SIZES.label)
                || (b.y - a.y) * k < style::SIZES.label
        });
        if small && Some(i) != selected_city && !partner[i] && !hubs.contains(&i) {
            continue;
        }
        if Some(i) == selected_city {
            priority = 1000;
        } else if partner[i] {
            priority += 200;
        } else if hubs.contains(&i) {
            priority += 100;
        }
        let bold = priority >= 100;
        cands.push(labels::Candidate {
            text: text.to_string(),
            anchor: p,
            priority,
            size: if bold {
                style::SIZES.label_bold
            } else {
                style::SIZES.label
            },
            offset: if f.seats {
                style::SIZES.label_offset_city
            } else {
                0.0
            },
        });
        label_city.push((Kind::City, i, bold));
    }
    for (i, p) in ds.parks.iter().enumerate() {
        let emphasis = Some(i) == selected_park;
        if !emphasis && view.zoom() < PARK_LABEL_MIN_ZOOM {
            continue;
        }
        let name = (state.words).name(state.lang, None, &p.name_en, p.name_zh.as_deref());
        cands.push(labels::Candidate {
            text: name.to_string(),
            anchor: view.lonlat_to_screen(p.location),
            priority: if emphasis { 950 } else { 50 },
            size: style::SIZES.label_small,
            offset: style::SIZES.label_offset_park,
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
                text: (state.words)
                    .name(
                        state.lang,
                        Some(&x.properties),
                        &x.name_en,
                        Some(&x.name_zh),
                    )
                    .to_string(),
                anchor: view.lonlat_to_screen(*p),
                priority: if emphasis { 950 } else { 30 },
                size: style::SIZES.label_small,
                offset: style::SIZES.label_offset_feature,
            });
            label_city.push((Kind::Extra, i, emphasis));
        }
    }
    // Keep clear of the map's buttons (see [`ControlsBox`]), the scale bar and the credit line.
    obstacles.extend(state.controls.0);
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
