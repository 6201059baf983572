//! What a Leaflet or MapLibre user reaches for, in the core: clicks with coordinates (also on
//! empty map), `movestart`/`moveend`, `easeTo`/`flyTo`, `fitBounds` with padding and a zoom
//! limit, the view's bounds, new data that keeps the view, a page's own language and words,
//! and exports with options.

#![allow(clippy::unwrap_used)]

mod common;

use region_map::app::{AppOptions, Event, MapApp, Painted};
use region_map::interact::Input;
use region_map::model::{DatasetBuilder, LonLat};
use region_map::scene;
use region_map::view::ScreenPx;

fn app_with(opts: &AppOptions) -> MapApp {
    let (ds, _) = common::load();
    MapApp::new(ds, 1000.0, 700.0, opts)
}

fn app() -> MapApp {
    app_with(&AppOptions::default())
}

/// Runs frames from `t` every 16 ms until the app wants no more (at most 400), as the web
/// layer does, and returns the events raised.
fn frames(a: &mut MapApp, mut t: f64) -> (Vec<Event>, f64) {
    let mut painted = Painted::default();
    for _ in 0..400 {
        a.tick(t);
        let _ = a.plan(&painted, true, t);
        painted.map = Some((*a.view(), a.map_state()));
        painted.hover = Some((*a.view(), a.state().clone()));
        if !a.wants_frame(&painted, t) {
            break;
        }
        t += 16.0;
    }
    (a.take_events(), t)
}

fn names(events: &[Event]) -> Vec<&'static str> {
    events.iter().map(|e| e.name()).collect()
}

/// The first hover onto a feature among `events`.
fn hover_of(events: Vec<Event>) -> Option<region_map::api::HoverDetail> {
    events.into_iter().find_map(|e| match e {
        Event::Hover(Some(h)) => Some(*h),
        _ => None,
    })
}

/// The click event among `events`.
fn click_of(events: &[Event]) -> Option<region_map::api::ClickDetail> {
    events.iter().find_map(|e| match e {
        Event::Click(c) => Some(c.clone()),
        _ => None,
    })
}

fn click(a: &mut MapApp, at: ScreenPx, t: f64) {
    a.handle(Input::PointerDown { id: 1, at, t }, t);
    a.handle(
        Input::PointerUp {
            id: 1,
            at,
            t: t + 50.0,
        },
        t + 50.0,
    );
}

#[test]
fn a_click_carries_where_it_was_and_what_is_there_also_on_empty_map() {
    let mut a = app();
    let _ = frames(&mut a, 0.0);
    let hz = a.dataset().city("hangzhou").unwrap().seat;
    let at = a.view().lonlat_to_screen(hz);
    click(&mut a, at, 1000.0);
    let ev = a.take_events();
    let c = click_of(&ev).expect("a click event");
    assert!((c.lonlat.lon - hz.lon).abs() < 1e-6 && (c.lonlat.lat - hz.lat).abs() < 1e-6);
    assert_eq!((c.point.x, c.point.y), (at.x, at.y));
    assert_eq!(c.feature.as_ref().map(|f| f.id.as_str()), Some("hangzhou"));
    assert!(names(&ev).contains(&"select"));

    // The sea east of Shanghai: nothing there, and still a click, with its place.
    let sea = a.view().lonlat_to_screen(LonLat::new(124.5, 29.0));
    click(&mut a, sea, 2000.0);
    let ev = a.take_events();
    let c = click_of(&ev).expect("a click on empty map");
    assert!(c.feature.is_none());
    assert!((c.lonlat.lon - 124.5).abs() < 1e-6);
}

#[test]
fn a_pointer_hover_says_where_the_pointer_is_and_a_keyboard_hover_does_not() {
    let mut a = app();
    let at = a
        .view()
        .lonlat_to_screen(a.dataset().city("hangzhou").unwrap().seat);
    a.handle(Input::PointerMove { id: 1, at, t: 0.0 }, 0.0);
    let h = hover_of(a.take_events()).unwrap();
    assert_eq!(h.feature.as_ref().unwrap().id, h.id);
    assert_eq!(h.point.unwrap().x, at.x);
    assert!(h.lonlat.is_some());
    a.handle(
        Input::Key {
            key: "n".into(),
            t: 10.0,
        },
        10.0,
    );
    let h = hover_of(a.take_events()).unwrap();
    assert!(h.keyboard && h.lonlat.is_none() && h.feature.is_none());
}

#[test]
fn moveend_comes_once_when_a_motion_ends_and_not_while_a_drag_pauses() {
    let mut a = app();
    let (ev, _) = frames(&mut a, 0.0);
    assert!(
        !names(&ev).contains(&"moveend"),
        "the first view is no move"
    );

    // A jump: movestart and moveend in the same frame.
    a.set_view(120.0, 30.0, f64::NAN);
    let (ev, _) = frames(&mut a, 100.0);
    let n = names(&ev);
    assert_eq!(n.iter().filter(|&&e| e == "movestart").count(), 1);
    assert_eq!(n.iter().filter(|&&e| e == "moveend").count(), 1);

    // A drag that pauses with the button down is not at its end.
    let p = |x: f64| ScreenPx { x, y: 300.0 };
    a.handle(
        Input::PointerDown {
            id: 1,
            at: p(500.0),
            t: 1000.0,
        },
        1000.0,
    );
    a.handle(
        Input::PointerMove {
            id: 1,
            at: p(520.0),
            t: 1016.0,
        },
        1016.0,
    );
    a.handle(
        Input::PointerMove {
            id: 1,
            at: p(560.0),
            t: 1032.0,
        },
        1032.0,
    );
    let (ev, _) = frames(&mut a, 1500.0);
    assert!(names(&ev).contains(&"movestart"));
    assert!(!names(&ev).contains(&"moveend"), "{:?}", names(&ev));
    a.handle(
        Input::PointerUp {
            id: 1,
            at: p(560.0),
            t: 1600.0,
        },
        1600.0,
    );
    let (ev, _) = frames(&mut a, 1600.0);
    assert_eq!(names(&ev).iter().filter(|&&e| e == "moveend").count(), 1);
}

#[test]
fn ease_to_and_fly_to_arrive_where_they_were_sent_and_a_flight_rises_on_the_way() {
    let mut a = app();
    let _ = frames(&mut a, 0.0);
    let start = a.view().zoom();
    let to = a.target(Some(LonLat::new(118.8, 32.06)), Some(start + 2.0));
    assert!(a.travel(to, Some(400.0), false, 0.0));
    let (ev, _) = frames(&mut a, 0.0);
    let c = a.view().center();
    assert!((c.lon - 118.8).abs() < 1e-6 && (c.lat - 32.06).abs() < 1e-6);
    assert!((a.view().zoom() - (start + 2.0)).abs() < 1e-9);
    assert_eq!(names(&ev).iter().filter(|&&e| e == "moveend").count(), 1);
    let views = ev.iter().filter(|e| e.name() == "view").count();
    assert!(views > 10, "animated over frames: {views} views");

    // A long flight at a high zoom passes higher than either end.
    let z = a.view().zoom();
    let far = a.target(Some(LonLat::new(116.0, 26.5)), Some(z));
    a.travel(far, Some(1000.0), true, 5000.0);
    let mut lowest = z;
    let mut t = 5000.0;
    while t <= 6000.0 {
        a.tick(t);
        lowest = lowest.min(a.view().zoom());
        t += 50.0;
    }
    assert!(
        lowest < z - 0.5,
        "the flight zoomed out to {lowest} from {z}"
    );
    assert!((a.view().center().lon - 116.0).abs() < 1e-6);
}

#[test]
fn under_reduced_motion_ease_to_jumps() {
    let mut a = app_with(&AppOptions {
        reduced_motion: true,
        ..AppOptions::default()
    });
    let to = a.target(Some(LonLat::new(120.0, 30.0)), None);
    a.travel(to, Some(800.0), true, 0.0);
    assert!((a.view().center().lon - 120.0).abs() < 1e-6, "at once");
}

#[test]
fn fit_bounds_with_padding_centres_the_box_in_the_free_part_and_honours_max_zoom() {
    let a = app();
    let (sw, ne) = (LonLat::new(119.0, 29.0), LonLat::new(121.0, 31.0));
    // A panel of 400 px on the right: the box sits in the left 600 px.
    let v = a.fit_target(sw, ne, [20.0, 400.0, 20.0, 20.0], f64::NAN);
    let (p, q) = (v.lonlat_to_screen(sw), v.lonlat_to_screen(ne));
    assert!(p.x >= 19.0 && q.x <= 601.0, "{p:?} {q:?}");
    assert!(((p.x + q.x) / 2.0 - 310.0).abs() < 2.0);
    let capped = a.fit_target(sw, ne, [0.0; 4], 6.0);
    assert!(capped.zoom() <= 6.0 + 1e-9);
}

#[test]
fn the_view_gives_its_bounds_and_they_fit_back_to_the_same_view() {
    let mut a = app();
    let v = a.view_detail();
    let [[w, s], [e, n]] = v.bounds;
    assert!(w < v.center[0] && v.center[0] < e && s < v.center[1] && v.center[1] < n);
    let sw = a.view().lonlat_to_screen(LonLat::new(w, s));
    assert!(sw.x.abs() < 1e-6 && (sw.y - 700.0).abs() < 1e-6);
    let before = *a.view();
    a.fit_bounds(LonLat::new(w, s), LonLat::new(e, n));
    assert!((a.view().zoom() - before.zoom()).abs() < 0.1);
}

#[test]
fn new_data_keeps_the_view_and_the_selection_where_it_still_exists() {
    let mut a = app();
    a.set_view(120.2, 30.2, 8.0);
    assert!(a.select(Some("hangzhou")));
    a.set_indicator(Some("projects")).unwrap();
    a.set_lang("zh").unwrap();
    let _ = frames(&mut a, 0.0);
    let (ds, _) = common::load();
    a.set_data(ds);
    assert_eq!(a.selected(), Some("hangzhou"));
    assert!((a.view().zoom() - 8.0).abs() < 1e-9);
    assert_eq!(a.state().lang, scene::Lang::Zh);
    assert_eq!(a.state().indicator.as_deref(), Some("projects"));

    // Data without Hangzhou: the selection goes, and the page hears of it.
    let mut b = DatasetBuilder::new();
    b.map(
        "other.geojson",
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"x","name":"X"},
           "geometry":{"type":"Polygon","coordinates":[[[120,30],[120.4,30],[120.4,30.4],[120,30]]]}}]}"#,
    )
    .unwrap();
    let (other, problems) = b.build();
    assert!(problems.is_empty());
    let _ = a.take_events();
    a.set_data(other);
    assert_eq!(a.selected(), None);
    assert!(a
        .take_events()
        .iter()
        .any(|e| matches!(e, Event::Select(None))));
    assert!(
        (a.view().center().lon - 120.2).abs() < 0.05,
        "the view stays"
    );
}

#[test]
fn a_page_language_takes_names_from_its_properties_and_its_own_words() {
    let mut a = app();
    assert!(a.set_lang("fr-").is_ok(), "a tag");
    assert!(a.set_lang("x y").is_err());
    a.set_lang("fr").unwrap();
    assert_eq!(a.lang_tag(), "fr");
    let words = vec![
        ("noData".to_string(), "pas de données".to_string()),
        (
            "factsCredit".to_string(),
            "Faits : articles cités".to_string(),
        ),
    ];
    a.set_messages(words);
    a.set_indicator(Some("property:population")).ok();
    let (ds, prep, view, state) = (a.dataset(), a.prepared(), a.view(), a.state());
    let list = scene::build(ds, prep, view, state);
    let texts: Vec<&str> = list
        .cmds
        .iter()
        .filter_map(|c| match c {
            scene::Cmd::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("Faits : articles cités")),
        "{texts:?}"
    );
    // No name_fr in the shipped data: English names.
    assert!(texts.contains(&"Hangzhou"), "{texts:?}");
    // The snapshot keeps the tag.
    let s = a.snapshot();
    let mut b = app();
    b.restore(&s);
    assert_eq!(b.lang_tag(), "fr");
}

#[test]
fn the_charts_take_the_page_words() {
    let (ds, _) = common::load();
    let words = region_map::text::Words {
        tag: Some("fr".into()),
        overrides: vec![("chartMembers".into(), "Villes membres par alliance".into())],
    };
    let spec = region_map::charts::overview_chart(&ds, scene::Lang::En, &words);
    let json = region_map::api::to_json(&spec);
    assert!(json.contains("Villes membres par alliance"), "{json}");
    // Words the page does not give stay English.
    assert!(json.contains("Alliances founded per year"), "{json}");
}
