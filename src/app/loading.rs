//! Data going into a map: at mount, and again with `setData`, in steps, so that the host can
//! give the page its turn between them: the cities file (a large one scanned and read in steps
//! of whole features, about [`STEP_BYTES`] each, by a [`FeatureStream`] that may have read
//! some of them already as the file arrived), then the provinces, then the building of the
//! data set, then its preparing for drawing (in steps of about
//! [`crate::scene::PREPARE_VERTICES`] vertices), then its index for picking. The files gather
//! in one [`DatasetBuilder`], and the map keeps showing, and answering for, the data it had
//! until the last step is in.

use crate::hit::HitIndex;
use crate::model::{Dataset, DatasetBuilder, Problem};
use crate::scene::{PrepareSteps, Prepared};

use super::{FeatureStream, MapApp};

/// About how many bytes of the cities file one step reads: a step of this size is read in
/// about 3–10 ms in headless Chromium on the benchmark's machine (points, each a feature with
/// its properties, are the slowest per byte), and the host takes as many steps in one task
/// as its time allows.
pub const STEP_BYTES: usize = 1 << 16;

/// A cities file larger than this is read in steps.
pub const STEPPED_BYTES: usize = 1 << 17;

/// The files of a data set, each a name (for messages) and, for the optional ones, the text
/// if there is one.
#[derive(Debug, Default)]
pub struct DataFiles {
    /// The main GeoJSON.
    pub cities: (String, String),
    /// The parks GeoJSON.
    pub parks: (String, Option<String>),
    /// The alliances JSON.
    pub alliances: (String, Option<String>),
    /// The provinces GeoJSON.
    pub provinces: (String, Option<String>),
}

/// A file as the page hands it: its name (for messages) and its bytes, if it has one.
pub type FileBytes = (String, Option<Vec<u8>>);

impl DataFiles {
    /// The optional files from the page's bytes (see [`text_of`]), the cities' place left
    /// empty (they come as a [`FeatureStream`]).
    pub fn optional(parks: FileBytes, alliances: FileBytes, provinces: FileBytes) -> Self {
        let t = |(name, bytes): FileBytes| (name, bytes.map(text_of));
        DataFiles {
            cities: Default::default(),
            parks: t(parks),
            alliances: t(alliances),
            provinces: t(provinces),
        }
    }
}

/// A file's bytes as text: UTF-8 (GeoJSON is), up to the first byte that is not (the parser
/// then says where the text stops making sense).
pub fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| {
        let n = e.utf8_error().valid_up_to();
        let mut b = e.into_bytes();
        b.truncate(n);
        String::from_utf8(b).unwrap_or_default()
    })
}

/// A load in progress.
#[derive(Debug)]
pub(super) struct Loading {
    /// The cities file, while it is read; then its features are in `builder`.
    cities: Option<FeatureStream>,
    builder: DatasetBuilder,
    /// The optional files (the cities' place is left empty).
    files: DataFiles,
    /// The provinces are still to read (the step after the cities).
    provinces: bool,
    /// The data set, built (the step after the provinces), the work of preparing it for
    /// drawing (see [`PrepareSteps::work`]), and that preparing (the steps after that).
    built: Option<(Dataset, usize, PrepareSteps)>,
    /// The data set prepared: the last step indexes it for picking and shows it.
    prepared: Option<Prepared>,
    /// New data for a map that is up: its view stays.
    replacing: bool,
}

impl Loading {
    /// About how many steps are still to take: those of the cities file, the provinces, the
    /// building of the data set, its preparing for drawing, and the last, which indexes it for
    /// picking and shows it.
    pub(super) fn steps_left(&self) -> usize {
        let cities = self.cities.as_ref().map_or(0, FeatureStream::steps_left);
        match &self.built {
            Some(_) if self.prepared.is_some() => 1,
            // The preparing, and the indexing.
            Some((_, work, steps)) => steps.steps_left(*work) + 1,
            // The building, at least one step of preparing, and the indexing.
            None => cities + usize::from(self.provinces) + 3,
        }
    }

    /// Reads the next step: of the cities file, or else the provinces.
    fn step(&mut self) -> Result<(), Problem> {
        if let Some(c) = self.cities.as_mut() {
            c.step()?;
            if c.is_read() {
                if let Some(c) = self.cities.take() {
                    self.builder = c.into_builder();
                }
            }
        } else if self.provinces {
            self.provinces = false;
            let (name, text) = &self.files.provinces;
            self.builder.provinces(name, text.as_deref());
        }
        Ok(())
    }
}

impl MapApp {
    /// Starts loading `files`, reads their first step, and returns how many steps are left
    /// ([`MapApp::load_step`]); at 0 the data is in. Fails, naming the file, when the cities
    /// are not GeoJSON at all; new data (`replacing`) then leaves the map as it was, and keeps
    /// the view when it loads. A load in progress is given up.
    pub fn load(&mut self, mut files: DataFiles, replacing: bool) -> Result<usize, String> {
        let (name, text) = std::mem::take(&mut files.cities);
        self.load_stream(
            FeatureStream::whole(name, text.into_bytes()),
            files,
            replacing,
        )
    }

    /// Like [`MapApp::load`], the cities file from a stream that has read some of it already
    /// (as it arrived); the stream is ended here, if it is not. `files.cities` is not read.
    pub fn load_stream(
        &mut self,
        mut cities: FeatureStream,
        files: DataFiles,
        replacing: bool,
    ) -> Result<usize, String> {
        cities.end();
        self.problems.clear();
        // A map that is up goes on showing, and answering for, its data meanwhile.
        self.loading = !replacing;
        self.load = Some(Box::new(Loading {
            cities: Some(cities),
            builder: DatasetBuilder::new(),
            provinces: true,
            built: None,
            prepared: None,
            files,
            replacing,
        }));
        self.load_step()
    }

    /// Takes the next step of the load. Returns about how many are left; after the last, the
    /// data set is shown.
    pub fn load_step(&mut self) -> Result<usize, String> {
        let Some(mut l) = self.load.take() else {
            return Ok(0);
        };
        if l.cities.is_some() || l.provinces {
            if let Err(p) = l.step() {
                // Not GeoJSON at all: the load fails (a map that is up keeps its data).
                self.loading = false;
                return Err(p.to_string());
            }
            let left = l.steps_left();
            self.load = Some(l);
            return Ok(left);
        }
        let Some((ds, _, steps)) = l.built.as_mut() else {
            let mut builder = std::mem::replace(&mut l.builder, DatasetBuilder::new());
            let (parks, alliances) = (&l.files.parks, &l.files.alliances);
            builder
                .parks(&parks.0, parks.1.as_deref())
                .alliances(&alliances.0, alliances.1.as_deref());
            let (ds, problems) = builder.build();
            self.problems.extend(problems);
            let work = PrepareSteps::work(&ds);
            l.built = Some((ds, work, PrepareSteps::default()));
            let left = l.steps_left();
            self.load = Some(l);
            return Ok(left);
        };
        let Some(prep) = l.prepared.take() else {
            l.prepared = steps.step(ds);
            let left = l.steps_left();
            self.load = Some(l);
            return Ok(left);
        };
        let Some((ds, ..)) = l.built.take() else {
            return Ok(0);
        };
        let hit = HitIndex::new(&ds, &prep);
        self.install(ds, prep, hit, l.replacing);
        Ok(0)
    }

    /// Gives up a load in progress: the map goes on with its data.
    pub fn abort_load(&mut self) {
        self.load = None;
        self.loading = false;
    }

    /// Whether a load is in progress.
    pub fn is_loading(&self) -> bool {
        self.load.is_some()
    }

    /// The problems the last load found (file, feature, reason).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    fn install(&mut self, ds: Dataset, prep: Prepared, hit: HitIndex, keep_view: bool) {
        if keep_view {
            self.set_prepared(ds, prep, hit);
        } else {
            self.replace_prepared(ds, prep, hit);
        }
        self.loading = false;
    }
}
