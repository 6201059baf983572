//! Native benchmarks of the core (issue #6): loading, projection, level of detail, hit-testing,
//! label placement and building a display list, on the shipped data.
//! Run: `cargo bench --bench core`.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use region_map::hit::HitIndex;
use region_map::model::{self, Dataset, DatasetBuilder, LonLat};
use region_map::scene::{self, labels, Prepared, SceneState};
use region_map::view::{project, ScreenPx, Viewport};

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn dataset() -> Dataset {
    let mut b = DatasetBuilder::new();
    b.map("cities.geojson", &read("cities.geojson")).unwrap();
    b.parks("parks.geojson", Some(&read("parks.geojson")))
        .alliances("alliances.json", Some(&read("alliances.json")))
        .provinces("provinces.geojson", Some(&read("provinces.geojson")));
    b.build().0
}

fn benches(c: &mut Criterion) {
    let text = read("cities.geojson");
    c.bench_function("load: parse cities.geojson (510 kB)", |b| {
        b.iter(|| model::parse_map("c", black_box(&text)).unwrap())
    });
    let ds = dataset();
    let vertices: Vec<LonLat> = ds
        .cities
        .iter()
        .flat_map(|c| {
            c.shape
                .0
                .iter()
                .flat_map(|p| p.exterior().0.iter().map(|co| LonLat::new(co.x, co.y)))
        })
        .collect();
    c.bench_function(
        &format!("projection: {} vertices to world space", vertices.len()),
        |b| b.iter(|| vertices.iter().map(|p| project(*p).x).sum::<f64>()),
    );
    c.bench_function("prepare: project and index the data set", |b| {
        b.iter(|| Prepared::new(black_box(&ds)))
    });
    let prep = Prepared::new(&ds);
    let hit = HitIndex::new(&ds, &prep);
    let view = Viewport::new(LonLat::new(119.0, 29.0), 6.0, 1200.0, 800.0).fit_bounds(
        prep.bounds.0,
        prep.bounds.1,
        16.0,
    );
    let probes: Vec<ScreenPx> = (0..100)
        .map(|i| ScreenPx {
            x: (i * 37 % 1200) as f64,
            y: (i * 53 % 800) as f64,
        })
        .collect();
    c.bench_function("hit-test: one point (mean of 100 probes)", |b| {
        let mut k = 0;
        b.iter(|| {
            k = (k + 1) % probes.len();
            hit.feature_at(&ds, &view, probes[k])
        })
    });
    let cands: Vec<labels::Candidate> = ds
        .cities
        .iter()
        .map(|c| labels::Candidate {
            text: c.name_en.clone(),
            anchor: view.lonlat_to_screen(c.seat),
            priority: 10,
            size: 12.0,
            offset: 3.0,
        })
        .collect();
    c.bench_function("labels: place 72 labels", |b| {
        b.iter(|| labels::place(black_box(&cands), 1200.0, 800.0, &[]))
    });
    let state = SceneState::default();
    c.bench_function("scene: display list, whole region (zoom ~6.5)", |b| {
        b.iter(|| scene::build(&ds, &prep, &view, &state))
    });
    let near = view.with_center(LonLat::new(121.0, 31.0)).with_zoom(9.0);
    c.bench_function(
        "scene: display list with districts (level of detail, zoom 9)",
        |b| b.iter(|| scene::build(&ds, &prep, &near, &state)),
    );
    c.bench_function("links: lay out every alliance", |b| {
        b.iter(|| scene::layout_links(&ds, &view, &state))
    });
}

criterion_group!(core, benches);
criterion_main!(core);
