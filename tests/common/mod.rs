//! Loads the shipped data set through the same loader the map uses.

#![allow(clippy::unwrap_used)]
#![allow(dead_code)]

use region_map::model::{Dataset, DatasetBuilder, Problem};
use std::path::PathBuf;

/// The repository's `data/` (the charts crate's tests use this file too, from `charts/`).
pub fn data_dir() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    (here.ancestors())
        .map(|p| p.join("data"))
        .find(|p| p.join("cities.geojson").is_file())
        .unwrap_or_else(|| here.join("data"))
}

pub fn read(name: &str) -> String {
    std::fs::read_to_string(data_dir().join(name)).unwrap_or_else(|e| panic!("data/{name}: {e}"))
}

/// The shipped data set, and every problem the loader reported.
pub fn load() -> (Dataset, Vec<Problem>) {
    let mut b = DatasetBuilder::new();
    b.map("cities.geojson", &read("cities.geojson"))
        .expect("cities load");
    b.parks("parks.geojson", Some(&read("parks.geojson")))
        .alliances("alliances.json", Some(&read("alliances.json")))
        .provinces("provinces.geojson", Some(&read("provinces.geojson")));
    let (ds, problems) = b.build();
    assert!(ds.extras.is_empty(), "the city file has only polygons");
    (ds, problems)
}
