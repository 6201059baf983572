//! Loading in steps (issue 14): a large cities file is read a step at a time, each step a few
//! features, so that the page has its turn between them; the result is the same as reading
//! it at once, and new data leaves the map as it was until the last step is in.

#![allow(clippy::unwrap_used)]

mod common;

use region_map::app::{
    AppOptions, DataFiles, FeatureStream, FramePlan, MapApp, Painted, KEPT_BYTES, STEP_BYTES,
};
use region_map::model::LonLat;
use region_map::view::ScreenPx;

fn files(cities: String) -> DataFiles {
    DataFiles {
        cities: ("big.geojson".into(), cities),
        ..DataFiles::default()
    }
}

fn shipped() -> DataFiles {
    let r = common::read;
    DataFiles {
        cities: ("cities.geojson".into(), r("cities.geojson")),
        parks: ("parks.geojson".into(), Some(r("parks.geojson"))),
        alliances: ("alliances.json".into(), Some(r("alliances.json"))),
        provinces: ("provinces.geojson".into(), Some(r("provinces.geojson"))),
    }
}

fn empty_app(opts: &AppOptions) -> MapApp {
    MapApp::new(Default::default(), 800.0, 600.0, opts)
}

/// Loads `files` to the end, step by step: the cities (a file of the shipped set's size in
/// several), the provinces, the building of the data set, its preparing for drawing.
fn load_all(a: &mut MapApp, files: DataFiles) {
    let mut left = a.load(files, false).unwrap();
    assert!(left >= 3, "{left} steps after the first");
    let mut steps = 1;
    while left > 0 {
        assert!(a.is_loading());
        // About how many are left: never more after a step (the preparing's count is
        // known once the data set is built).
        let next = a.load_step().unwrap();
        assert!(next <= left, "{next} steps left after {left}");
        left = next;
        steps += 1;
        assert!(steps < 1_000, "the steps come to an end");
    }
    assert!(steps >= 5, "{steps} steps");
    assert!(!a.is_loading());
}

#[test]
fn a_large_file_is_read_in_steps_and_ends_as_if_read_at_once() {
    let n = 3000;
    let text = common::squares(n, 120, &[5, 2500]);
    assert!(text.len() > 3 * STEP_BYTES, "{} bytes", text.len());
    let mut stepped = empty_app(&AppOptions::default());
    let mut left = stepped.load(files(text.clone()), false).unwrap();
    assert!(left >= 2, "{left} steps left");
    let mut steps = 1;
    while left > 0 {
        // Meanwhile the app draws nothing and takes no input.
        assert!(stepped.is_loading());
        assert_eq!(
            stepped.plan(&Painted::default(), false, 0.0),
            FramePlan::Nothing
        );
        assert_eq!(stepped.pick(ScreenPx { x: 400.0, y: 300.0 }), None);
        // About how many are left: fewer at each step of the file (a step ends where a
        // feature does); the preparing's steps are counted once the data set is built.
        let next = stepped.load_step().unwrap();
        let reading = steps + 1 < text.len() / STEP_BYTES;
        assert!(next < left || !reading, "{next} steps left after {left}");
        assert!(steps < text.len() / STEP_BYTES + 40, "{steps} steps");
        left = next;
        steps += 1;
    }
    assert!(!stepped.is_loading());
    assert!(steps >= 3);
    let mut whole = region_map::model::DatasetBuilder::new();
    whole.map("big.geojson", &text).unwrap();
    let (ds, problems) = whole.build();
    assert_eq!(stepped.dataset().cities.len(), n - 2);
    let ids =
        |d: &region_map::model::Dataset| d.cities.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(stepped.dataset()), ids(&ds));
    assert_eq!(
        stepped.dataset().attribution.as_deref(),
        Some("test squares")
    );
    // The bad features are named by their place in the whole file, in any step.
    let named: Vec<_> = stepped.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(
        named,
        problems.iter().map(|p| p.to_string()).collect::<Vec<_>>()
    );
    assert!(
        named
            .iter()
            .any(|p| p.contains("sq-2500") || p.contains("#2500")),
        "{named:?}"
    );
    assert!(stepped
        .pick(
            stepped
                .view()
                .lonlat_to_screen(LonLat::new(100.045, 20.045))
        )
        .is_some());
}

#[test]
fn the_options_view_holds_for_data_read_in_steps() {
    let opts = AppOptions::from_json(r#"{"center":[104,21],"zoom":9}"#).unwrap();
    let mut a = empty_app(&opts);
    let mut left = a
        .load(files(common::squares(3000, 120, &[])), false)
        .unwrap();
    while left > 0 {
        left = a.load_step().unwrap();
    }
    let c = a.view().center();
    assert!(
        (c.lon - 104.0).abs() < 1e-6 && (c.lat - 21.0).abs() < 1e-6,
        "{c:?}"
    );
    assert!((a.view().zoom() - 9.0).abs() < 1e-9);
}

#[test]
fn ids_taken_in_one_step_are_duplicates_in_a_later_one() {
    // The same features twice over: every id of the second half is taken in an earlier step.
    let one = common::squares(1500, 120, &[]);
    let features = &one[one.find('[').unwrap() + 1..one.rfind(']').unwrap()];
    let text = format!(r#"{{"type":"FeatureCollection","features":[{features},{features}]}}"#);
    let mut a = empty_app(&AppOptions::default());
    let mut left = a.load(files(text), false).unwrap();
    assert!(left >= 2);
    while left > 0 {
        left = a.load_step().unwrap();
    }
    assert_eq!(a.dataset().cities.len(), 1500);
    let dup = a
        .problems()
        .iter()
        .filter(|p| p.reason.contains("duplicate id"))
        .count();
    assert_eq!(dup, 1500);
}

#[test]
fn new_data_leaves_the_map_as_it_was_until_the_last_step() {
    let mut a = empty_app(&AppOptions::default());
    load_all(&mut a, shipped());
    a.set_view(120.2, 30.3, 8.0);
    a.select(Some("hangzhou"));
    let hangzhou = a.view().lonlat_to_screen(LonLat::new(120.2, 30.3));
    let mut left = a
        .load(files(common::squares(3000, 120, &[])), true)
        .unwrap();
    assert!(left > 0);
    // The old data still answers while the new loads.
    assert_eq!(a.selected(), Some("hangzhou"));
    assert!(a.pick(hangzhou).is_some());
    assert_ne!(a.plan(&Painted::default(), false, 0.0), FramePlan::Nothing);
    while left > 0 {
        left = a.load_step().unwrap();
    }
    assert_eq!(a.dataset().cities.len(), 3000);
    assert_eq!(a.selected(), None, "Hangzhou is not in the new data");
    assert!((a.view().zoom() - 8.0).abs() < 1e-9, "the view stays");
}

#[test]
fn new_data_that_is_not_geojson_fails_and_the_map_keeps_its_own() {
    let mut a = empty_app(&AppOptions::default());
    load_all(&mut a, shipped());
    let before = a.dataset().cities.len();
    let e = a
        .load(files("{\"type\": \"Topology\"}".into()), true)
        .unwrap_err();
    assert!(e.contains("big.geojson") && e.contains("Topology"), "{e}");
    assert!(!a.is_loading());
    assert_eq!(a.dataset().cities.len(), before);
    // And a load given up halfway leaves it too.
    let left = a
        .load(files(common::squares(3000, 120, &[])), true)
        .unwrap();
    assert!(left > 0);
    a.abort_load();
    assert_eq!(a.load_step().unwrap(), 0);
    assert_eq!(a.dataset().cities.len(), before);
    assert!(a
        .pick(a.view().lonlat_to_screen(LonLat::new(120.2, 30.3)))
        .is_some());
}

#[test]
fn a_first_load_of_what_is_not_geojson_fails_with_the_file_s_name() {
    let mut a = empty_app(&AppOptions::default());
    let e = a.load(files("not json".into()), false).unwrap_err();
    assert!(e.starts_with("big.geojson"), "{e}");
}

#[test]
fn the_answers_of_query_are_json() {
    let mut a = empty_app(&AppOptions::default());
    load_all(&mut a, shipped());
    for q in [
        "snapshot",
        "view",
        "zoom_range",
        "problems",
        "indicators",
        "legend",
        "years",
        "chart_colors",
        "cities",
        "parks",
        "alliances",
        "places",
    ] {
        let text = a.query(q, "").unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{q}: {e}"));
    }
    let head: serde_json::Value =
        serde_json::from_str(&a.query("cities_head", "2").unwrap()).unwrap();
    assert_eq!(head.as_array().unwrap().len(), 2);
    let rec: serde_json::Value =
        serde_json::from_str(&a.query("record", "hangzhou").unwrap()).unwrap();
    assert_eq!(rec["id"], "hangzhou");
    assert!(a.query("svg", "legend").unwrap().starts_with("<svg"));
    assert!(a.query("nonsense", "").unwrap_err().contains("nonsense"));
}

#[test]
fn a_large_file_the_scan_cannot_read_in_steps_is_read_whole() {
    // A string among the features, past the first steps: the scan gives up there, and the
    // file is read whole after all, as if it were small (the string is that feature's problem).
    let text = common::squares(3000, 120, &[]);
    let at = text.rfind(r#"{"type":"Feature""#).unwrap();
    let text = format!(r#"{}"not a feature",{}"#, &text[..at], &text[at..]);
    let mut a = empty_app(&AppOptions::default());
    let mut left = a.load(files(text), false).unwrap();
    let mut steps = 1;
    while left > 0 {
        left = a.load_step().unwrap();
        steps += 1;
    }
    assert!(steps > 3, "{steps}");
    assert_eq!(a.dataset().cities.len(), 3000);
    let problems: Vec<String> = a.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("#2999"), "{problems:?}");
}

#[test]
fn a_large_file_that_breaks_off_fails_the_load() {
    let text = common::squares(3000, 120, &[]);
    let cut = &text[..text.len() - 5000];
    let mut a = empty_app(&AppOptions::default());
    let mut r = a.load(files(cut.to_string()), false);
    while let Ok(left @ 1..) = r {
        let _ = left;
        r = a.load_step();
    }
    let e = r.unwrap_err();
    assert!(
        e.starts_with("big.geojson") && e.contains("not valid GeoJSON"),
        "{e}"
    );
}

/// Feeds `text` to a stream `piece` bytes at a time, taking every step that can be taken
/// after each piece (as the page does while the file downloads); returns the stream, ended,
/// the most bytes it held, and how many features it had read before the end.
fn streamed(text: &str, piece: usize) -> (FeatureStream, usize, usize) {
    let mut s = FeatureStream::new("big.geojson");
    let mut held = 0;
    for chunk in text.as_bytes().chunks(piece) {
        s.push(chunk.to_vec());
        while s.can_step() {
            s.step().unwrap();
        }
        held = held.max(s.held());
    }
    let before_end = s.features_read();
    s.end();
    (s, held, before_end)
}

fn ids_and_problems(a: &MapApp) -> (Vec<String>, Vec<String>) {
    (
        a.dataset().cities.iter().map(|c| c.id.clone()).collect(),
        a.problems().iter().map(|p| p.to_string()).collect(),
    )
}

#[test]
fn a_file_read_as_it_arrives_is_read_while_it_arrives_and_ends_as_if_read_whole() {
    let text = common::squares(4000, 120, &[7, 3500]);
    let mut whole = empty_app(&AppOptions::default());
    let mut left = whole.load(files(text.clone()), false).unwrap();
    while left > 0 {
        left = whole.load_step().unwrap();
    }
    // Pieces of a network's sizes, and of odd ones that cut strings and numbers.
    for piece in [65_536, 16_384, 1_000_003, 4_099] {
        let (stream, held, before_end) = streamed(&text, piece);
        // Most features are read before the last byte arrives, and the file is never held
        // whole: the bytes of features read are dropped.
        assert!(
            before_end > 3_000,
            "piece {piece}: {before_end} read before the end"
        );
        assert!(
            held < KEPT_BYTES + 2 * piece.max(STEP_BYTES) && held < text.len() / 4,
            "piece {piece}: held {held} of {}",
            text.len()
        );
        let mut a = empty_app(&AppOptions::default());
        let mut left = a.load_stream(stream, DataFiles::default(), false).unwrap();
        while left > 0 {
            left = a.load_step().unwrap();
        }
        assert_eq!(
            ids_and_problems(&a),
            ids_and_problems(&whole),
            "piece {piece}"
        );
        assert_eq!(a.dataset().attribution.as_deref(), Some("test squares"));
    }
}

#[test]
fn a_load_whose_last_step_finds_no_feature_ends_well() {
    // The last feature is padded (spaces inside it) to end past its step's limit, so that the
    // step stops right after it and the next finds only the array's end and the members
    // after it. (Before, such a step was taken for a file with no usable feature.)
    let text = common::squares(3000, 120, &[]);
    let last = text.rfind(r#"{"type":"Feature""#).unwrap();
    let mut scan = region_map::model::geojson::Scan::default();
    let mut at = 0;
    while scan.advance(&text[..last], at + STEP_BYTES) == Some(false) {
        at = scan.at();
    }
    let end = text.rfind(']').unwrap() - 1;
    let pad = (at + STEP_BYTES).saturating_sub(end) + 1;
    let text = format!("{}{}{}", &text[..end], " ".repeat(pad), &text[end..]);
    let mut a = empty_app(&AppOptions::default());
    let mut left = a.load(files(text), false).unwrap();
    while left > 0 {
        left = a.load_step().unwrap();
    }
    assert_eq!(a.dataset().cities.len(), 3000);
    assert!(a.problems().is_empty(), "{:?}", a.problems());
}

#[test]
fn a_large_stream_that_breaks_after_its_start_is_dropped_says_where() {
    // Two features with no comma between them, far into the file: the bytes before are gone,
    // so the file cannot be read whole again; the error names the file, the feature and the
    // byte.
    let text = common::squares(3000, 120, &[]);
    let at = text.rfind(r#",{"type":"Feature""#).unwrap();
    let text = format!("{} {}", &text[..at], &text[at + 1..]);
    let mut s = FeatureStream::new("big.geojson");
    let mut err = None;
    for chunk in text.as_bytes().chunks(65_536) {
        s.push(chunk.to_vec());
        while s.can_step() && err.is_none() {
            err = s.step().err();
        }
    }
    s.end();
    while s.can_step() && err.is_none() {
        err = s.step().err();
    }
    let e = err.expect("an error before the end").to_string();
    assert!(
        e.starts_with("big.geojson")
            && e.contains("#2999")
            && e.contains(&format!(
                "broken (a comma or a bracket) near byte {}",
                at + 1
            )),
        "{e}"
    );
    // A small file broken so is read whole at its end, and the parser says what is wrong.
    let small = common::squares(20, 10, &[]);
    let at = small.rfind(r#",{"type":"Feature""#).unwrap();
    let small = format!("{} {}", &small[..at], &small[at + 1..]);
    let (mut s, _, _) = streamed(&small, 100);
    let e = s.step().unwrap_err().to_string();
    assert!(
        e.starts_with("big.geojson") && e.contains("not valid GeoJSON"),
        "{e}"
    );
}

#[test]
fn a_stream_the_scan_cannot_follow_early_waits_for_its_end_and_says_what_a_whole_read_says() {
    // A comma missing after the tenth feature, within the first megabyte (nothing dropped
    // yet): the file is read whole at its end, and the message is the whole read's, however
    // it arrived. And a byte that is not UTF-8 far into a large file is named where it is.
    let text = common::squares(600, 120, &[]);
    let at = text
        .match_indices(r#",{"type":"Feature""#)
        .nth(9)
        .unwrap()
        .0;
    let broken = format!("{} {}", &text[..at], &text[at + 1..]);
    let whole = {
        let mut s = FeatureStream::whole("big.geojson", broken.clone().into_bytes());
        let mut e = None;
        while !s.is_read() && e.is_none() {
            e = s.step().err();
        }
        e.expect("an error").to_string()
    };
    assert!(whole.contains("not valid GeoJSON"), "{whole}");
    let (mut s, _, _) = streamed(&broken, 16_384);
    let mut e = None;
    while !s.is_read() && e.is_none() {
        e = s.step().err();
    }
    assert_eq!(e.expect("an error").to_string(), whole);

    let mut bytes = common::squares(3000, 120, &[]).into_bytes();
    let bad = bytes.len() - 20_000;
    let bad = bad + bytes[bad..].iter().position(|&b| b == b'"').unwrap() + 1;
    bytes[bad] = 0xff;
    let mut s = FeatureStream::new("big.geojson");
    let mut e = None;
    for chunk in bytes.chunks(65_536) {
        s.push(chunk.to_vec());
        while s.can_step() && e.is_none() {
            e = s.step().err();
        }
    }
    s.end();
    while !s.is_read() && e.is_none() {
        e = s.step().err();
    }
    let e = e.expect("an error").to_string();
    assert!(
        e.contains("not UTF-8") && e.contains(&format!("near byte {bad}")) && e.contains("#299"),
        "{e}"
    );
}
