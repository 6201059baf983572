//! Loads the shipped data set through the same loader the map uses.

#![allow(clippy::unwrap_used)]
#![allow(dead_code)]

use region_map::model::{self, Dataset, Problem};
use std::path::PathBuf;

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

pub fn read(name: &str) -> String {
    std::fs::read_to_string(data_dir().join(name)).unwrap_or_else(|e| panic!("data/{name}: {e}"))
}

/// The shipped data set, and every problem the loader reported.
pub fn load() -> (Dataset, Vec<Problem>) {
    let mut problems = Vec::new();
    let cities = model::parse_map("cities.geojson", &read("cities.geojson")).expect("cities load");
    problems.extend(cities.problems);
    assert!(cities.extras.is_empty(), "the city file has only polygons");
    let parks = model::parse_parks("parks.geojson", &read("parks.geojson")).expect("parks load");
    problems.extend(parks.problems);
    let (alliances, sources) =
        model::parse_alliances("alliances.json", &read("alliances.json")).expect("alliances load");
    problems.extend(alliances.problems);
    let provinces = model::parse_provinces("provinces.geojson", &read("provinces.geojson"))
        .expect("provinces load");
    problems.extend(provinces.problems);
    let mut ds = Dataset {
        cities: cities.cities,
        parks: parks.items,
        alliances: alliances.items,
        sources,
        provinces: provinces.items,
        extras: Vec::new(),
        attribution: cities.attribution,
    };
    problems.extend(ds.link("alliances.json"));
    (ds, problems)
}
