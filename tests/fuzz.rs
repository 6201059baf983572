//! Property tests of the loaders: arbitrary bytes and arbitrary GeoJSON-shaped values never
//! make them panic or hang; they load or they report a problem (issue #5).

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use region_map::model;
use serde_json::{json, Value};

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        (-200i64..200).prop_map(Value::from),
        "[a-zA-Z\\u{4e00}-\\u{4e10}<>\"']{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                "[a-z]{1,6}|type|coordinates|features|geometry|properties|id|name",
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn geometry() -> impl Strategy<Value = Value> {
    let kind = prop_oneof![
        Just("Point"),
        Just("MultiPoint"),
        Just("LineString"),
        Just("MultiLineString"),
        Just("Polygon"),
        Just("MultiPolygon"),
        Just("GeometryCollection"),
        Just("Nonsense")
    ];
    let coord = prop_oneof![
        (-400.0f64..400.0, -100.0f64..100.0).prop_map(|(x, y)| json!([x, y])),
        any_json(),
    ];
    let ring = prop::collection::vec(coord, 0..6).prop_map(Value::Array);
    let rings = prop::collection::vec(ring.clone(), 0..3).prop_map(Value::Array);
    let coords = prop_oneof![
        ring,
        rings.clone(),
        prop::collection::vec(rings, 0..3).prop_map(Value::Array),
        any_json()
    ];
    (kind, coords).prop_map(|(k, c)| json!({"type": k, "coordinates": c}))
}

fn feature() -> impl Strategy<Value = Value> {
    (prop_oneof![geometry(), any_json()], any_json(), any_json())
        .prop_map(|(g, p, id)| json!({"type": "Feature", "geometry": g, "properties": p, "id": id}))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = model::parse_map("fuzz", &text);
        let _ = model::parse_parks("fuzz", &text);
        let _ = model::parse_alliances("fuzz", &text);
        let _ = model::parse_provinces("fuzz", &text);
    }

    #[test]
    fn geojson_shaped_values_load_or_report(features in prop::collection::vec(feature(), 0..8)) {
        let n = features.len();
        let text = json!({"type": "FeatureCollection", "features": features}).to_string();
        match model::parse_map("fuzz.geojson", &text) {
            Ok(layer) => {
                // Every feature is accounted for: drawn, or named in a problem.
                prop_assert!(layer.cities.len() + layer.extras.len() + layer.problems.len() >= n);
                for c in &layer.cities {
                    prop_assert!(c.seat.lon.is_finite() && c.seat.lat.is_finite());
                }
            }
            Err(p) => prop_assert!(p.to_string().starts_with("fuzz.geojson: ")),
        }
    }

    #[test]
    fn alliance_shaped_values_never_panic(alliances in prop::collection::vec(any_json(), 0..5), sources in any_json()) {
        let text = json!({"sources": sources, "alliances": alliances}).to_string();
        let _ = model::parse_alliances("fuzz.json", &text);
    }
}

/// A file of tens of megabytes loads, with every feature (issue #5, "a very large file").
#[test]
fn a_very_large_file_loads() {
    let mut text = String::from("{\"type\":\"FeatureCollection\",\"features\":[");
    let mut n = 0;
    while text.len() < 24_000_000 {
        if n > 0 {
            text.push(',');
        }
        let (x, y) = (
            110.0 + (n % 100) as f64 * 0.1,
            20.0 + (n / 100) as f64 * 0.01,
        );
        let ring: Vec<String> = (0..64)
            .map(|k| {
                let t = k as f64 / 64.0 * std::f64::consts::TAU;
                format!("[{:.6},{:.6}]", x + 0.04 * t.cos(), y + 0.004 * t.sin())
            })
            .collect();
        text.push_str(&format!(
            "{{\"type\":\"Feature\",\"properties\":{{\"name\":\"cell {n}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[{},{}]]}}}}",
            ring.join(","),
            ring[0]
        ));
        n += 1;
    }
    text.push_str("]}");
    assert!(text.len() > 20_000_000);
    let layer = model::parse_map("big.geojson", &text).unwrap();
    assert_eq!(layer.cities.len(), n);
    assert!(layer.problems.is_empty());
}
