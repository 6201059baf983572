//! Browser tests of the WebAssembly core (wasm-bindgen-test in headless Chromium):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::rc::Rc;

use region_map::{DataStream, MapCore};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const CITIES: &str = include_str!("../data/cities.geojson");
const PARKS: &str = include_str!("../data/parks.geojson");
const ALLIANCES: &str = include_str!("../data/alliances.json");
const PROVINCES: &str = include_str!("../data/provinces.geojson");

type Events = Rc<RefCell<Vec<(String, String)>>>;
type Emit = Closure<dyn FnMut(String, String)>;
type Setup = (
    Result<MapCore, JsValue>,
    HtmlElement,
    HtmlCanvasElement,
    Events,
    Emit,
);

fn setup(cities: &str) -> Setup {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    root.style().set_property("width", "600px").unwrap();
    root.style().set_property("height", "400px").unwrap();
    root.style().set_property("position", "relative").unwrap();
    let canvas: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    root.append_child(&canvas).unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let events: Events = Rc::new(RefCell::new(Vec::new()));
    let ev = events.clone();
    let emit = Closure::<dyn FnMut(String, String)>::new(move |t: String, d: String| {
        ev.borrow_mut().push((t, d))
    });
    let mut stream = DataStream::new("cities.geojson".into());
    stream.push(cities.into());
    stream.optional(
        "parks.geojson".into(),
        Some(PARKS.into()),
        "alliances.json".into(),
        Some(ALLIANCES.into()),
        "provinces.geojson".into(),
        Some(PROVINCES.into()),
    );
    let core = MapCore::new(
        root.clone(),
        canvas.clone(),
        &mut stream,
        "{}".into(),
        emit.as_ref().clone().unchecked_into(),
    );
    // The constructor reads the first step of the data; the rest are taken here, as the
    // page's script takes them between its turns.
    let core = core.and_then(|c| {
        while c.load_step()? > 0 {}
        Ok(c)
    });
    (core, root, canvas, events, emit)
}

fn distinct_colours(canvas: &HtmlCanvasElement) -> usize {
    let data = pixels(canvas);
    let mut seen = std::collections::HashSet::new();
    for px in data.chunks(4).step_by(97) {
        seen.insert((px[0], px[1], px[2]));
    }
    seen.len()
}

#[wasm_bindgen_test]
fn draws_the_map_and_selects_hangzhou() {
    let (core, root, canvas, events, _emit) = setup(CITIES);
    let mut core = core.expect("the map loads");
    assert_eq!(core.query("problems", String::new()).unwrap(), "[]");
    core.render_now();
    assert_eq!(
        canvas.width(),
        (600.0 * web_sys::window().unwrap().device_pixel_ratio()).round() as u32
    );
    assert!(
        distinct_colours(&canvas) > 8,
        "the canvas shows a map, not a blank"
    );
    assert!(events.borrow().iter().any(|(t, _)| t == "view"));

    let seat: Vec<f64> = serde_json::from_str::<serde_json::Value>(
        &core.query("record", "hangzhou".into()).unwrap(),
    )
    .unwrap()["seat"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let xy = core.to_screen(seat[0], seat[1]);
    assert!(core.feature_at(xy[0], xy[1]).contains("\"hangzhou\""));
    let back = core.from_screen(xy[0], xy[1]);
    assert!((back[0] - seat[0]).abs() < 1e-9 && (back[1] - seat[1]).abs() < 1e-9);

    assert_eq!(
        core.command("select", r#"["hangzhou"]"#.into()).unwrap(),
        "true"
    );
    let (t, d) = events
        .borrow()
        .iter()
        .rev()
        .find(|(t, _)| t == "select")
        .cloned()
        .unwrap();
    assert_eq!(t, "select");
    let rec: serde_json::Value = serde_json::from_str(&d).unwrap();
    assert_eq!(rec["name_zh"], "杭州");
    assert!(rec["alliances"].as_array().unwrap().len() >= 2);
    assert_eq!(
        core.command("select", r#"["atlantis"]"#.into()).unwrap(),
        "false"
    );
    assert_eq!(core.selected().as_deref(), Some("hangzhou"));

    assert!(core.listener_count() > 5);
    core.destroy();
    assert_eq!(core.listener_count(), 0);
    root.remove();
}

#[wasm_bindgen_test]
fn bad_cities_are_refused_with_the_file_name() {
    let (core, root, _, _, _emit) = setup("{\"type\":\"FeatureCollection\",\"features\":[]}");
    let e = core.err().expect("no usable cities is an error");
    let msg = js_sys::Error::from(e).message().as_string().unwrap();
    assert!(
        msg.contains("cities.geojson") && msg.contains("the collection is empty"),
        "{msg}"
    );
    root.remove();
}

#[wasm_bindgen_test]
fn a_bad_feature_is_skipped_and_the_rest_shows() {
    let broken = CITIES.replacen("\"type\":\"MultiPolygon\"", "\"type\":\"Point\"", 1);
    let (core, root, canvas, _, _emit) = setup(&broken);
    let mut core = core.expect("the other cities load");
    let problems: serde_json::Value =
        serde_json::from_str(&core.query("problems", String::new()).unwrap()).unwrap();
    assert_eq!(problems.as_array().unwrap().len(), 1, "{problems}");
    let msg = problems[0]["message"].as_str().unwrap().to_string();
    assert!(msg.starts_with("cities.geojson: feature "), "{msg}");
    core.render_now();
    assert!(distinct_colours(&canvas) > 8);
    core.destroy();
    root.remove();
}

/// Every pixel of a canvas.
fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ctx.get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data()
        .to_vec()
}

#[wasm_bindgen_test]
fn a_frame_drawn_in_slices_is_the_frame_drawn_whole() {
    let (whole, root_whole, canvas_whole, _, _emit_whole) = setup(CITIES);
    let whole = whole.expect("the map loads");
    whole.render_now();
    let (sliced, root, canvas, _, _emit) = setup(CITIES);
    let sliced = sliced.expect("the map loads");
    // With no time at all, each slice draws one unit (a few shapes, one label) and stops.
    let mut slices = 1;
    while sliced.render_slice(0.0) {
        if slices == 1 {
            // The base is painted off screen: the screen shows nothing of it yet.
            assert_eq!(
                distinct_colours(&canvas),
                1,
                "a blank screen while the base is painted"
            );
        }
        slices += 1;
        assert!(slices < 10_000, "the slices come to an end");
    }
    assert!(slices > 20, "{slices} slices");
    assert!(distinct_colours(&canvas) > 8, "the map is drawn");
    assert!(
        pixels(&canvas) == pixels(&canvas_whole),
        "the frame drawn in {slices} slices differs from the frame drawn whole"
    );
    for (mut core, root) in [(whole, root_whole), (sliced, root)] {
        core.destroy();
        root.remove();
    }
}
