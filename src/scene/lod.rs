//! Levels of detail of the prepared shapes, for the painter: each shape becomes one SVG path
//! string per whole zoom step in device pixels, in a local frame, leaving out the points a
//! pixel cannot show; the strings' paths are kept per shape and level. The painter
//! (`web/paint.rs`) turns a string into a `Path2D` and draws it under [`LocalFrame::transform`].

use super::{Prepared, ShapeSet};
use crate::view::{Viewport, World, TILE_SIZE};

/// Local frame for paths: world units times this, from the frame's origin, rounded to whole
/// units. Keeps path coordinates small enough for the canvas's single-precision floats at
/// every zoom, and fine enough (about 1/100 of a pixel at zoom 16) to leave no visible step.
pub const LOCAL_SCALE: f64 = 6_553_600.0;

/// The largest distance, in device pixels, by which a drawn outline leaves the data's: points
/// of a ring closer than this to the last point kept are left out. Neighbouring polygons are
/// thinned each on its own, so the gap this could open between them stays under a pixel, under
/// the border's stroke.
pub const DETAIL_PX: f64 = 0.25;

/// Levels of detail kept per shape: a zoom in and out again finds its paths.
pub const LEVELS_KEPT: usize = 3;

/// Vertices turned into paths per frame: the shipped data and the full-resolution boundaries
/// (293k) fit in one frame; a file of a million vertices is drawn over several.
pub const PATH_VERTICES_PER_FRAME: usize = 400_000;

/// The level of detail for a view: its zoom in device pixels, in whole steps.
pub fn level(view: &Viewport) -> u8 {
    (view.zoom() + view.pixel_ratio().log2())
        .floor()
        .clamp(0.0, 40.0) as u8
}

/// Where paths are written: whole units of [`LOCAL_SCALE`] from an origin in world space.
#[derive(Debug, Clone, Copy)]
pub struct LocalFrame {
    origin: World,
}

impl LocalFrame {
    /// The frame of a data set: its first city's corner (or the world's origin).
    pub fn of(prep: &Prepared) -> Self {
        let origin = (prep.city_bbox.first()).map_or(World { x: 0.0, y: 0.0 }, |b| b.0);
        LocalFrame { origin }
    }

    fn local(&self, w: &World) -> (i64, i64) {
        (
            ((w.x - self.origin.x) * LOCAL_SCALE).round() as i64,
            ((w.y - self.origin.y) * LOCAL_SCALE).round() as i64,
        )
    }

    /// The canvas transform (a, b, c, d, e, f) that draws local units where they are in
    /// `view`, in device pixels.
    pub fn transform(&self, view: &Viewport) -> [f64; 6] {
        // local -> screen: (local / LOCAL_SCALE + origin - centre) * k + size / 2
        let (k, dpr, c) = (view.scale(), view.pixel_ratio(), view.center_world());
        let s = k / LOCAL_SCALE;
        let tx = (self.origin.x - c.x) * k + view.width() / 2.0;
        let ty = (self.origin.y - c.y) * k + view.height() / 2.0;
        [dpr * s, 0.0, 0.0, dpr * s, dpr * tx, dpr * ty]
    }

    /// Shape `i` of `set` as an SVG path string at `level`, and how many vertices it has in
    /// the data. Whole numbers, each vertex relative to the one before: short to write and
    /// for the browser to read, in one call across the boundary instead of one per vertex.
    pub fn path_string(
        &self,
        prep: &Prepared,
        set: ShapeSet,
        i: usize,
        level: u8,
    ) -> (String, usize) {
        // Local units per device pixel at this level, at its coarsest (the level's zoom).
        let px = LOCAL_SCALE / (TILE_SIZE * 2f64.powi(i32::from(level)));
        let near = (DETAIL_PX * px) as i64;
        let mut d = String::new();
        let (paths, closed) = prep.paths(set, i);
        for pts in &paths {
            let mut at = (0, 0);
            for (k, w) in pts.iter().enumerate() {
                let p = self.local(w);
                let (dx, dy) = (p.0 - at.0, p.1 - at.1);
                if k > 0 && k + 1 < pts.len() && dx.abs() <= near && dy.abs() <= near {
                    continue;
                }
                let (cmd, x, y) = if k == 0 {
                    ('M', p.0, p.1)
                } else {
                    ('l', dx, dy)
                };
                at = p;
                d.push(cmd);
                push_int(&mut d, x);
                d.push(' ');
                push_int(&mut d, y);
            }
            if closed {
                d.push('Z');
            }
        }
        (d, paths.iter().map(|p| p.len()).sum())
    }
}

/// Appends a whole number in decimal, without the formatting machinery (this runs for every
/// vertex of every boundary).
fn push_int(d: &mut String, v: i64) {
    if v < 0 {
        d.push('-');
    }
    let mut digits = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    d.extend(digits[i..].iter().map(|&b| b as char));
}

/// A shape's paths at the levels of detail drawn lately (at most [`LEVELS_KEPT`]).
type Kept<P> = Vec<(u8, P)>;

/// The paths (of the painter's kind `P`) of each prepared shape at the levels drawn lately,
/// made on first use within a budget of vertices per frame.
pub struct Levels<P> {
    /// The frame the paths are written in.
    pub frame: LocalFrame,
    cities: Vec<Kept<P>>,
    provinces: Vec<Kept<P>>,
    context: Vec<Kept<P>>,
    /// Vertices that may still be turned into paths in this frame.
    budget: usize,
    /// Some shape was skipped because the frame's budget ran out.
    incomplete: bool,
}

impl<P: Clone> Levels<P> {
    /// None yet, for a prepared data set.
    pub fn new(prep: &Prepared) -> Self {
        Levels {
            frame: LocalFrame::of(prep),
            cities: (0..prep.city_rings.len()).map(|_| Vec::new()).collect(),
            provinces: (0..prep.province_lines.len()).map(|_| Vec::new()).collect(),
            context: vec![Vec::new()],
            budget: PATH_VERTICES_PER_FRAME,
            incomplete: false,
        }
    }

    /// Forgets the land's paths (it changed).
    pub fn forget_context(&mut self) {
        self.context = vec![Vec::new()];
    }

    /// Starts a frame: a fresh budget. Returns whether the last frame left shapes out.
    pub fn start_frame(&mut self) -> bool {
        self.budget = PATH_VERTICES_PER_FRAME;
        std::mem::take(&mut self.incomplete)
    }

    /// Whether this frame left shapes out for lack of budget.
    pub fn incomplete(&self) -> bool {
        self.incomplete
    }

    fn slot(&mut self, set: ShapeSet, i: usize) -> Option<&mut Kept<P>> {
        match set {
            ShapeSet::Cities => self.cities.get_mut(i),
            ShapeSet::Provinces => self.provinces.get_mut(i),
            ShapeSet::Context => self.context.get_mut(i),
        }
    }

    /// Shape `i` of `set` at `level`: kept, or made from its path string by `make` while the
    /// frame's budget lasts (None after it, and the frame is incomplete).
    pub fn get(
        &mut self,
        prep: &Prepared,
        (set, i, level): (ShapeSet, usize, u8),
        make: impl FnOnce(&str) -> Option<P>,
    ) -> Option<P> {
        if let Some((_, p)) = self.slot(set, i)?.iter().find(|(l, _)| *l == level) {
            return Some(p.clone());
        }
        if self.budget == 0 {
            self.incomplete = true;
            return None;
        }
        let (d, vertices) = self.frame.path_string(prep, set, i, level);
        self.budget = self.budget.saturating_sub(vertices.max(1));
        let path = make(&d)?;
        let kept = self.slot(set, i)?;
        if kept.len() >= LEVELS_KEPT {
            kept.remove(0);
        }
        kept.push((level, path.clone()));
        Some(path)
    }
}
