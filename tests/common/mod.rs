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

/// A FeatureCollection of `n` square polygons (ids `sq-0`, …), each ring with `vertices`
/// positions, with the features `bad` (indexes) given a position that is not a number: a
/// large file made to measure, for the loading in steps.
pub fn squares(n: usize, vertices: usize, bad: &[usize]) -> String {
    let mut out =
        String::from(r#"{"type":"FeatureCollection","attribution":"test squares","features":["#);
    for i in 0..n {
        let (x0, y0) = (
            (i % 100) as f64 * 0.1 + 100.0,
            (i / 100) as f64 * 0.1 + 20.0,
        );
        let mut ring = Vec::with_capacity(vertices + 1);
        for k in 0..vertices {
            let t = k as f64 / vertices as f64;
            // Round the square's edge: four sides walked in order.
            let (x, y) = match (t * 4.0) as u32 {
                0 => (t * 4.0, 0.0),
                1 => (1.0, t * 4.0 - 1.0),
                2 => (3.0 - t * 4.0, 1.0),
                _ => (0.0, 4.0 - t * 4.0),
            };
            ring.push(format!("[{:.6},{:.6}]", x0 + x * 0.09, y0 + y * 0.09));
        }
        ring.push(ring[0].clone());
        if bad.contains(&i) {
            ring[1] = r#"["x",1]"#.into();
        }
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"type":"Feature","properties":{{"id":"sq-{i}","name":"Square {i}"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}"#,
            ring.join(",")
        ));
    }
    out.push_str("]}");
    out
}
