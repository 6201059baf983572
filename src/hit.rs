//! Which feature is under a point. A spatial index (rstar) narrows the search to a few
//! candidates; point-in-polygon decides. Points (parks) win over polygons, and districts,
//! when shown, over the prefecture around them: the smaller, more specific thing wins, as the
//! eye expects.

use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};

use crate::model::{Dataset, Level};
use crate::scene::{FeatureRef, Kind, Prepared, DISTRICT_MIN_ZOOM};
use crate::view::{project_path, ScreenPx, Viewport};

type BoxEntry = GeomWithData<Rectangle<[f64; 2]>, usize>;
type PointEntry = GeomWithData<[f64; 2], usize>;

/// Spatial index of a data set, in world space.
pub struct HitIndex {
    boxes: RTree<BoxEntry>,
    parks: RTree<PointEntry>,
    extras: RTree<PointEntry>,
}

/// How close, in CSS px, a pointer must be to a park marker to hit it.
pub const PARK_RADIUS_PX: f64 = 9.0;

impl HitIndex {
    /// Builds the index once per data set.
    pub fn new(ds: &Dataset, prep: &Prepared) -> Self {
        let boxes = prep
            .city_bbox
            .iter()
            .enumerate()
            .map(|(i, (a, b))| {
                GeomWithData::new(Rectangle::from_corners([a.x, a.y], [b.x, b.y]), i)
            })
            .collect();
        let parks = ds
            .parks
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let w = prep.project(p.location);
                GeomWithData::new([w.x, w.y], i)
            })
            .collect();
        // Points of any GeoJSON, and the vertices of its lines (a line is picked near a vertex).
        let extras = ds
            .extras
            .iter()
            .enumerate()
            .flat_map(|(i, x)| {
                let lines = x.lines.iter().map(|l| project_path(l, prep.lon0));
                x.points
                    .iter()
                    .map(|p| prep.project(*p))
                    .chain(lines.flatten())
                    .map(move |w| GeomWithData::new([w.x, w.y], i))
                    .collect::<Vec<_>>()
            })
            .collect();
        HitIndex {
            boxes: RTree::bulk_load(boxes),
            parks: RTree::bulk_load(parks),
            extras: RTree::bulk_load(extras),
        }
    }

    /// The feature a click at `p` would select, or None over empty ground: a park, else a
    /// city. (The web layer puts alliance links between the two; see `scene::link_at`.)
    pub fn feature_at(&self, ds: &Dataset, view: &Viewport, p: ScreenPx) -> Option<FeatureRef> {
        self.park_at(view, p).or_else(|| self.city_at(ds, view, p))
    }

    /// The park marker within [`PARK_RADIUS_PX`] of `p`, nearest first; else a point of any
    /// GeoJSON.
    pub fn park_at(&self, view: &Viewport, p: ScreenPx) -> Option<FeatureRef> {
        Self::nearest(&self.parks, view, p)
            .map(|index| FeatureRef {
                kind: Kind::Park,
                index,
            })
            .or_else(|| {
                Self::nearest(&self.extras, view, p).map(|index| FeatureRef {
                    kind: Kind::Extra,
                    index,
                })
            })
    }

    fn nearest(tree: &RTree<PointEntry>, view: &Viewport, p: ScreenPx) -> Option<usize> {
        let w = view.screen_to_world(p);
        let r = PARK_RADIUS_PX / view.scale();
        tree.locate_within_distance([w.x, w.y], r * r)
            .min_by(|a, b| {
                let da = (a.geom()[0] - w.x).hypot(a.geom()[1] - w.y);
                let db = (b.geom()[0] - w.x).hypot(b.geom()[1] - w.y);
                da.total_cmp(&db)
            })
            .map(|e| e.data)
    }

    /// The city under `p`: a district when districts are shown, else its prefecture.
    pub fn city_at(&self, ds: &Dataset, view: &Viewport, p: ScreenPx) -> Option<FeatureRef> {
        let w = view.screen_to_world(p);
        let ll = view.screen_to_lonlat(p);
        let show_districts = view.zoom() >= DISTRICT_MIN_ZOOM;
        let mut best: Option<(bool, usize)> = None;
        for e in self.boxes.locate_all_at_point(&[w.x, w.y]) {
            let c = &ds.cities[e.data];
            let is_district = c.level != Level::Prefecture;
            if is_district && !show_districts {
                continue;
            }
            if !crate::model::shape::contains(&c.shape, ll) {
                continue;
            }
            if best.is_none_or(|(d, _)| is_district && !d) {
                best = Some((is_district, e.data));
            }
        }
        best.map(|(_, i)| FeatureRef {
            kind: Kind::City,
            index: i,
        })
    }

    /// Cities whose bounding box meets the given world-space box (for culling and tests).
    pub fn cities_in(&self, min: [f64; 2], max: [f64; 2]) -> Vec<usize> {
        self.boxes
            .locate_in_envelope_intersecting(&AABB::from_corners(min, max))
            .map(|e| e.data)
            .collect()
    }
}
