//! Other people's GeoJSON, natively: data across the antimeridian, the poles, the zoom range
//! from the data, records with the features' own properties, and colouring by a text
//! property. (The end-to-end tests load public files: tests/e2e/anydata.mjs.)

#![allow(clippy::unwrap_used)]

use region_map::api::AnyRecord;
use region_map::app::{AppOptions, MapApp};
use region_map::model::{Dataset, DatasetBuilder};
use region_map::scene::choropleth;
use region_map::view::ScreenPx;

fn square(id: &str, west: f64, south: f64, size: f64, props: &str) -> String {
    let (e, n) = (west + size, south + size);
    format!(
        r#"{{"type":"Feature","properties":{{"id":"{id}"{props}}},"geometry":{{"type":"Polygon","coordinates":[[[{west},{south}],[{e},{south}],[{e},{n}],[{west},{n}],[{west},{south}]]]}}}}"#
    )
}

fn dataset(features: &[String]) -> Dataset {
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    );
    let mut b = DatasetBuilder::new();
    b.map("any.geojson", &text).unwrap();
    b.build().0
}

fn on_screen(app: &MapApp, p: region_map::model::LonLat) -> bool {
    let s = app.view().lonlat_to_screen(p);
    s.x >= 0.0 && s.y >= 0.0 && s.x <= app.view().width() && s.y <= app.view().height()
}

#[test]
fn islands_on_both_sides_of_180_open_in_one_view() {
    // Fiji-like: a ring written across the line, and islands at 177° E and 179° W.
    let fiji = r#"{"type":"Feature","properties":{"id":"fiji"},"geometry":{"type":"Polygon","coordinates":[[[179.5,-17],[-179.5,-17],[-179.5,-16],[179.5,-16],[179.5,-17]]]}}"#;
    let ds = dataset(&[
        fiji.to_string(),
        square("west", 177.0, -18.0, 0.5, ""),
        square("east", -179.0, -19.0, 0.5, ""),
    ]);
    let app = MapApp::new(ds, 800.0, 600.0, &AppOptions::default());
    // Every label point is on the first frame, and the view is zoomed in on the islands
    // (not on a whole world): the data spans about 4°, not 360°.
    for c in &app.dataset().cities {
        assert!(on_screen(&app, c.seat), "{} at {:?}", c.id, c.seat);
    }
    assert!(app.view().zoom() > 5.0, "zoom {}", app.view().zoom());
    // Fiji's label is on Fiji, by 180°, not in another ocean.
    let f = app.dataset().city("fiji").unwrap();
    assert!((f.seat.lon.abs() - 180.0).abs() < 1.0, "{:?}", f.seat);
    // Longitudes come back from the screen in [-180, 180).
    for x in [0.0, 400.0, 800.0] {
        let p = app.view().screen_to_lonlat(ScreenPx { x, y: 300.0 });
        assert!((-180.0..180.0).contains(&p.lon), "{p:?}");
    }
    // Hover and click find Fiji on both sides of the line.
    for lon in [179.8, -179.8] {
        let s = app
            .view()
            .lonlat_to_screen(region_map::model::LonLat::new(lon, -16.5));
        assert_eq!(
            app.feature_at(s).map(|h| h.id),
            Some("fiji".to_string()),
            "{lon}"
        );
    }
}

#[test]
fn a_world_stays_centred_on_greenwich_and_fits_whole() {
    let mut features = Vec::new();
    for (i, lon) in [-179.0, -120.0, -60.0, 0.0, 60.0, 120.0, 178.0]
        .iter()
        .enumerate()
    {
        features.push(square(
            &format!("c{i}"),
            *lon,
            -50.0 + 15.0 * i as f64,
            1.0,
            "",
        ));
    }
    // Antarctica: round the pole.
    features.push(r#"{"type":"Feature","properties":{"id":"antarctica"},"geometry":{"type":"Polygon","coordinates":[[[-180,-84],[-90,-72],[0,-70],[90,-66],[180,-84],[-180,-84]]]}}"#.to_string());
    let app = MapApp::new(dataset(&features), 1000.0, 600.0, &AppOptions::default());
    assert_eq!(app.prepared().lon0, 0.0);
    for c in &app.dataset().cities {
        assert!(on_screen(&app, c.seat), "{} at {:?}", c.id, c.seat);
    }
    // The smallest zoom shows all of it; the largest goes in further.
    let (min, max) = app.view().zoom_range();
    assert!(
        min <= app.view().zoom() && max >= app.view().zoom() + 3.0,
        "{min} {max}"
    );
    // Every prepared coordinate is finite (the pole is clamped).
    let finite = (app
        .prepared()
        .city_rings
        .iter()
        .flatten()
        .flatten()
        .flatten())
    .all(|w| w.x.is_finite() && w.y.is_finite() && (0.0..=1.0).contains(&w.y));
    assert!(finite);
}

#[test]
fn a_feature_s_record_has_its_properties_and_text_properties_colour_it() {
    let ds = dataset(&[
        square("a", 0.0, 0.0, 1.0, r#","kind":"forest","area":12.5"#),
        square("b", 1.0, 0.0, 1.0, r#","kind":"lake","area":3"#),
        square("c", 2.0, 0.0, 1.0, r#","kind":"forest""#),
    ]);
    let mut app = MapApp::new(ds, 800.0, 600.0, &AppOptions::default());
    assert!(app.select(Some("b")));
    let Some(AnyRecord::City(r)) = app.dataset().any_record("b") else {
        panic!("no record")
    };
    assert_eq!(r.properties.get("kind").unwrap(), "lake");
    assert_eq!(r.properties.get("area").unwrap().as_f64(), Some(3.0));
    assert!(
        r.properties.get("id").is_none(),
        "the keys the map reads are left out"
    );
    // Without alliances, the picker offers the data's own properties only.
    let ids: Vec<String> = choropleth::available(app.dataset())
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, vec!["property:area", "property:kind"]);
    // A text property: categories, most frequent first, with distinct colours.
    let c = choropleth::classify(app.dataset(), "property:kind", None).unwrap();
    assert_eq!(c.classes.names, vec!["forest", "lake"]);
    assert_eq!(c.fill(0), c.fill(2));
    assert_ne!(c.fill(0), c.fill(1));
    app.set_indicator(Some("property:kind")).unwrap();
    let legend = app.legend().choropleth.unwrap();
    let labels: Vec<&str> = legend.classes.iter().map(|k| k.label.as_str()).collect();
    assert_eq!(labels, vec!["forest", "lake"]);
    assert_eq!(legend.classes[0].count, 2);
}

#[test]
fn a_name_is_not_a_category() {
    // Distinct values only: names, not categories.
    let ds = dataset(&[
        square("a", 0.0, 0.0, 1.0, r#","label":"A""#),
        square("b", 1.0, 0.0, 1.0, r#","label":"B""#),
    ]);
    assert!(choropleth::available(&ds).is_empty());
    // Forty-one distinct names: not offered for colouring.
    let features: Vec<String> = (0..41)
        .map(|i| {
            square(
                &format!("f{i}"),
                i as f64,
                0.0,
                1.0,
                &format!(r#","label":"n{i}""#),
            )
        })
        .collect();
    let ds = dataset(&features);
    assert!(choropleth::available(&ds).is_empty());
}
