//! The application core, natively: stepping, bringing into view, what a click picks, the
//! legend and the map agreeing, the frame planner, and the snapshot round trip.

#![allow(clippy::unwrap_used)]

mod common;

use region_map::api::AnyRecord;
use region_map::app::{AppOptions, Event, FramePlan, MapApp, Painted};
use region_map::interact::Input;
use region_map::model::{DatasetBuilder, Level, LonLat};
use region_map::scene::{self, AllianceFilter, FeatureRef, Kind};
use region_map::view::ScreenPx;

fn app() -> MapApp {
    let (ds, _) = common::load();
    MapApp::new(ds, 1000.0, 700.0, &AppOptions::default())
}

fn seat(app: &MapApp, id: &str) -> ScreenPx {
    let c = app.dataset().city(id).unwrap();
    app.view().lonlat_to_screen(c.seat)
}

fn key(app: &mut MapApp, k: &str, t: f64) -> bool {
    app.handle(Input::Key { key: k.into(), t }, t)
}

fn hovers(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Hover(Some(h)) => Some(h.id.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn n_and_p_step_through_cities_by_province_and_enter_selects() {
    let mut a = app();
    assert!(key(&mut a, "n", 0.0));
    let first = hovers(&a.take_events());
    // Provinces in order of their English names: Anhui first, its prefectures before any
    // district, by name.
    let order = region_map::app::step_order(a.dataset());
    let ds = a.dataset();
    assert_eq!(first, [ds.cities[order[0]].id.clone()]);
    assert_eq!(ds.cities[order[0]].province, "Anhui");
    let provinces: Vec<&str> = order
        .iter()
        .map(|&i| ds.cities[i].province.as_str())
        .collect();
    assert!(
        provinces.windows(2).all(|w| w[0] <= w[1]),
        "grouped by province"
    );
    for w in order.windows(2) {
        let (x, y) = (&ds.cities[w[0]], &ds.cities[w[1]]);
        if x.province == y.province {
            assert!(
                (x.level != Level::Prefecture) <= (y.level != Level::Prefecture),
                "prefectures first"
            );
        }
    }
    key(&mut a, "n", 1.0);
    key(&mut a, "p", 2.0);
    let back = hovers(&a.take_events());
    assert_eq!(back.last(), first.last(), "P steps back");
    key(&mut a, "p", 3.0);
    let last = hovers(&a.take_events());
    assert_eq!(
        last,
        [a.dataset().cities[*order.last().unwrap()].id.clone()],
        "P wraps"
    );
    key(&mut a, "Enter", 4.0);
    assert_eq!(a.selected(), last.first().map(String::as_str));
    let events = a.take_events();
    assert!(
        matches!(&events[..], [Event::Select(Some(r))] if matches!(&**r, AnyRecord::City(c) if c.id == last[0]))
    );
}

#[test]
fn a_city_stepped_to_off_screen_is_brought_into_view() {
    let mut a = app();
    // Zoomed in on Shanghai: the first city stepped to (in Anhui) is off the screen.
    a.set_view(121.47, 31.23, 9.0);
    let order = region_map::app::step_order(a.dataset());
    let target = a.dataset().cities[order[0]].seat;
    let s = a.view().lonlat_to_screen(target);
    assert!(
        s.x < 0.0 || s.y < 0.0 || s.x > 1000.0 || s.y > 700.0,
        "{s:?}"
    );
    key(&mut a, "n", 0.0);
    let c = a.view().center();
    assert!((c.lon - target.lon).abs() < 1e-6 && (c.lat - target.lat).abs() < 1e-6);
    // One that is in view is left where it is.
    let before = *a.view();
    key(&mut a, "n", 1.0);
    let next = a.dataset().cities[order[1]].seat;
    let s = before.lonlat_to_screen(next);
    if s.x > 40.0 && s.y > 40.0 && s.x < 960.0 && s.y < 660.0 {
        assert_eq!(*a.view(), before);
    }
}

#[test]
fn a_click_picks_a_park_before_a_link_before_a_city() {
    let mut a = app();
    // A park sits inside its host city: the park wins.
    let park = a
        .dataset()
        .parks
        .iter()
        .position(|p| p.id == "shaoxing-ic-town")
        .unwrap();
    let at = a.view().lonlat_to_screen(a.dataset().parks[park].location);
    let f = a.pick(at).unwrap();
    assert_eq!((f.kind, f.index), (Kind::Park, park));
    // A point on an alliance link, away from parks: the link wins over the city under it.
    let layer = scene::layout_links(a.dataset(), a.view(), &a.map_state());
    let link = layer
        .links
        .iter()
        .find_map(|l| {
            // The middle of the quadratic curve.
            let (f, c, t) = (l.arc.from, l.arc.ctrl, l.arc.to);
            let mid = ScreenPx {
                x: 0.25 * f.x + 0.5 * c.x + 0.25 * t.x,
                y: 0.25 * f.y + 0.5 * c.y + 0.25 * t.y,
            };
            let clear = a.dataset().parks.iter().all(|p| {
                let s = a.view().lonlat_to_screen(p.location);
                (s.x - mid.x).hypot(s.y - mid.y) > 20.0
            });
            clear.then_some((l.alliance, mid))
        })
        .unwrap();
    let f = a.pick(link.1).unwrap();
    assert_eq!((f.kind, f.index), (Kind::Alliance, link.0));
    // Open ground inside Hangzhou, far from links and parks: the city.
    let h = seat(&a, "hangzhou");
    let ground = (0..400)
        .map(|k| ScreenPx {
            x: h.x + f64::from(k % 20 - 10) * 4.0,
            y: h.y + f64::from(k / 20 - 10) * 4.0,
        })
        .find(|p| {
            scene::link_at(&layer, *p, 10.0).is_none()
                && a.dataset().parks.iter().all(|q| {
                    let s = a.view().lonlat_to_screen(q.location);
                    (s.x - p.x).hypot(s.y - p.y) > 20.0
                })
                && a.dataset().city("hangzhou").is_some_and(|c| {
                    region_map::model::shape::contains(&c.shape, a.view().screen_to_lonlat(*p))
                })
        })
        .unwrap();
    let hz = a.pick(ground).unwrap();
    assert_eq!(a.id_of(hz), "hangzhou");
    // Clicking there selects it and says so.
    a.handle(
        Input::PointerDown {
            id: 1,
            at: ground,
            t: 0.0,
        },
        0.0,
    );
    a.handle(
        Input::PointerUp {
            id: 1,
            at: ground,
            t: 50.0,
        },
        50.0,
    );
    assert_eq!(a.selected(), Some("hangzhou"));
}

#[test]
fn points_and_lines_of_other_data_are_picked_and_selected_with_their_properties() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"pier","name":"Pier 7","depth":12},"geometry":{"type":"Point","coordinates":[121.5,31.2]}},
      {"type":"Feature","properties":{"id":"ferry","name":"Ferry"},"geometry":{"type":"LineString","coordinates":[[121.0,31.0],[122.0,31.5]]}},
      {"type":"Feature","properties":{"id":"block"},"geometry":{"type":"Polygon","coordinates":[[[120,30],[123,30],[123,33],[120,33],[120,30]]]}}]}"#;
    let mut b = DatasetBuilder::new();
    b.map("mine.geojson", text).unwrap();
    let (ds, problems) = b.build();
    assert!(problems.is_empty(), "{problems:?}");
    let mut a = MapApp::new(ds, 800.0, 600.0, &AppOptions::default());
    let at = a.view().lonlat_to_screen(LonLat::new(121.5, 31.2));
    let f = a.feature_at(at).unwrap();
    assert_eq!((f.id.as_str(), f.kind), ("pier", "feature"));
    // Bug 1 of the engine issue: selecting such a feature gave a null record.
    assert!(a.select(Some("pier")));
    let events = a.take_events();
    let Some(Event::Select(Some(r))) = events.first() else {
        panic!("{events:?}")
    };
    let AnyRecord::Feature(r) = &**r else {
        panic!("{r:?}")
    };
    assert_eq!(r.kind, "feature");
    assert_eq!(r.properties["depth"], 12);
    // As the page receives it.
    let json: serde_json::Value = serde_json::from_str(&events[0].detail_json()).unwrap();
    assert_eq!(json["kind"], "feature");
    assert_eq!(json["properties"]["depth"], 12);
    assert!(a.select(Some("ferry")));
    assert!(
        matches!(a.take_events().first(), Some(Event::Select(Some(r))) if matches!(&**r, AnyRecord::Feature(f) if f.name_en == "Ferry"))
    );
}

#[test]
fn the_legend_and_the_map_colour_cities_by_one_classification() {
    let mut a = app();
    a.set_indicator(Some("alliances")).unwrap();
    // At the region's zoom, where districts are not drawn (bug 2 of the engine issue: the map
    // classed only the cities drawn, the legend all of them).
    assert!(a.view().zoom() < scene::DISTRICT_MIN_ZOOM);
    let legend = a.legend();
    let choro = legend.choropleth.unwrap();
    let state = a.map_state();
    let list = scene::build(a.dataset(), a.prepared(), a.view(), &state);
    let legend_colours: Vec<String> = choro.classes.iter().map(|c| c.color.clone()).collect();
    let mut drawn = Vec::new();
    for cmd in &list.cmds {
        if let scene::Cmd::Shapes {
            set: scene::ShapeSet::Cities,
            fill: Some(f),
            items,
            ..
        } = cmd
        {
            drawn.push((f.css(), items.clone()));
        }
    }
    let c = scene::choropleth::classify(a.dataset(), "alliances", None).unwrap();
    let mut ranked_drawn = 0;
    for (css, items) in &drawn {
        for &i in items {
            // Districts and counties are not ranked: they keep their usual fill.
            if let Some(fill) = c.fill(i) {
                assert_eq!(&fill.css(), css, "city {i}");
                assert!(
                    legend_colours.contains(css) || *css == choro.no_data_color,
                    "a map colour not in the legend: {css}"
                );
                ranked_drawn += 1;
            }
        }
    }
    assert!(
        ranked_drawn >= 60,
        "the prefectures are drawn by class ({ranked_drawn})"
    );
    let counted: usize =
        choro.classes.iter().map(|c| c.count).sum::<usize>() + choro.no_data + choro.unranked;
    assert_eq!(counted, a.dataset().cities.len());
    assert_eq!(
        choro.unranked, 11,
        "the districts and counties the articles name"
    );
    assert!(a.set_indicator(Some("nonsense")).is_err());
    assert_eq!(
        a.state().indicator.as_deref(),
        Some("alliances"),
        "unchanged by a bad name"
    );
}

#[test]
fn the_frame_planner_moves_the_last_frame_in_motion_and_draws_at_rest() {
    let mut a = app();
    let mut painted = Painted::default();
    // Nothing drawn yet: draw the map and the hover layer.
    let plan = a.plan(&painted, false, 0.0);
    assert_eq!(
        plan,
        FramePlan::Draw {
            map: true,
            base_points: true,
            hover: true
        }
    );
    painted.map = Some((*a.view(), a.map_state()));
    painted.hover = Some((*a.view(), a.state().clone()));
    assert_eq!(
        a.plan(&painted, true, 1.0),
        FramePlan::Draw {
            map: false,
            base_points: true,
            hover: false
        },
        "nothing changed: nothing to draw"
    );
    // A frame that left shapes out (more vertices than one frame turns into paths) is drawn
    // again, though nothing else changed, until every shape is in.
    let partial = Painted {
        incomplete: true,
        ..painted.clone()
    };
    assert!(a.wants_frame(&partial, 1.0));
    assert_eq!(
        a.plan(&partial, true, 1.0),
        FramePlan::Draw {
            map: true,
            base_points: true,
            hover: false
        },
        "an incomplete map is drawn again"
    );
    // A drag: the last frame moves with the pointer.
    let c = ScreenPx { x: 500.0, y: 350.0 };
    a.handle(
        Input::PointerDown {
            id: 1,
            at: c,
            t: 10.0,
        },
        10.0,
    );
    a.handle(
        Input::PointerMove {
            id: 1,
            at: ScreenPx { x: 540.0, y: 370.0 },
            t: 20.0,
        },
        20.0,
    );
    match a.plan(&painted, true, 25.0) {
        FramePlan::Move { dx, dy, k } => {
            assert!((dx - 40.0).abs() < 1e-6 && (dy - 20.0).abs() < 1e-6 && (k - 1.0).abs() < 1e-9);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        a.wants_frame(&painted, 25.0),
        "a drag that may pause wants frames"
    );
    // The drag pauses: drawn in full, without the base's points while a cached base moves.
    match a.plan(&painted, true, 20.0 + region_map::app::DRAG_PAUSE_MS + 1.0) {
        FramePlan::Draw { map: true, .. } => {}
        other => panic!("{other:?}"),
    }
    // A hover changes only the hover layer.
    a.handle(
        Input::PointerUp {
            id: 1,
            at: ScreenPx { x: 540.0, y: 370.0 },
            t: 400.0,
        },
        400.0,
    );
    painted.map = Some((*a.view(), a.map_state()));
    painted.hover = Some((*a.view(), a.state().clone()));
    let h = seat(&a, "hangzhou");
    a.handle(
        Input::PointerMove {
            id: 1,
            at: ScreenPx {
                x: h.x - 25.0,
                y: h.y + 25.0,
            },
            t: 500.0,
        },
        500.0,
    );
    assert_eq!(
        a.plan(&painted, true, 600.0),
        FramePlan::Draw {
            map: false,
            base_points: true,
            hover: true
        }
    );
    // While a first load is read in steps, nothing (tests/loading.rs).
    let mut loading = MapApp::new(Default::default(), 800.0, 600.0, &AppOptions::default());
    let big = region_map::app::DataFiles {
        cities: ("big.geojson".into(), common::squares(3000, 120, &[])),
        ..Default::default()
    };
    assert!(loading.load(big, false).unwrap() > 0);
    assert_eq!(loading.plan(&painted, true, 700.0), FramePlan::Nothing);
}

#[test]
fn a_snapshot_rebuilds_what_the_map_showed() {
    let mut a = app();
    a.set_lang("zh").unwrap();
    a.set_year(Some(2019));
    a.show_alliances(Some(vec!["g60-corridor".into()]));
    a.set_indicator(Some("projects")).unwrap();
    a.set_view(120.2, 30.3, 8.5);
    a.select(Some("hangzhou"));
    let snap = a.snapshot();
    let text = serde_json::to_string(&snap).unwrap();
    let mut fresh = app();
    fresh.take_events();
    let read = region_map::app::Snapshot::from_json(&text).unwrap();
    // The JSON reader may round a coordinate's last bit (serde_json without float_roundtrip).
    let close = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).abs() < 1e-9 && (a[1] - b[1]).abs() < 1e-9;
    assert!(close(read.center, snap.center));
    let snap = region_map::app::Snapshot {
        center: read.center,
        ..snap
    };
    assert_eq!(read, snap, "the snapshot reads back what it wrote");
    fresh.restore(&read);
    let back = fresh.snapshot();
    assert!(close(back.center, snap.center));
    assert_eq!(
        region_map::app::Snapshot {
            center: snap.center,
            ..back
        },
        snap
    );
    assert_eq!(fresh.state(), &{
        let mut s = a.state().clone();
        s.hover = None;
        s
    });
    assert!((fresh.view().zoom() - 8.5).abs() < 1e-9);
    assert!(fresh.take_events().is_empty(), "a restore raises no events");
    // What the data no longer has is dropped.
    let mut other = DatasetBuilder::new();
    other
        .map(
            "mine.geojson",
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"x"},
            "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}"#,
        )
        .unwrap();
    let mut elsewhere = MapApp::new(other.build().0, 800.0, 600.0, &AppOptions::default());
    elsewhere.restore(&snap);
    assert_eq!(elsewhere.selected(), None);
    assert_eq!(
        elsewhere.state().indicator.as_deref(),
        Some("projects"),
        "a built-in indicator stays"
    );
    assert_eq!(elsewhere.state().lang, scene::Lang::Zh);
}

#[test]
fn a_selection_under_the_panel_is_brought_into_view_beside_it() {
    let mut a = app();
    a.select(Some("hangzhou"));
    let s = seat(&a, "hangzhou");
    // A panel whose left edge is left of Hangzhou covers it: the map pans it to the middle of
    // what is left.
    let left = s.x - 10.0;
    assert!(a.reveal_beside(left));
    let now = seat(&a, "hangzhou");
    assert!((now.x - left / 2.0).abs() < 1e-6 && (now.y - s.y).abs() < 1e-6);
    // Once beside the panel, nothing moves.
    assert!(!a.reveal_beside(left));
    // Nothing selected, nothing to reveal.
    a.select(None);
    assert!(!a.reveal_beside(0.0));
}

#[test]
fn options_are_read_from_the_page_s_json_and_bad_members_keep_their_defaults() {
    let o = AppOptions::from_json(
        r#"{"lang":"zh","center":[120,30],"zoom":7.5,"reduced_motion":true,"wheel":"always",
            "min_zoom":4,"max_zoom":12,"max_bounds_sw":[100,20],"max_bounds_ne":[130,40]}"#,
    )
    .unwrap();
    assert_eq!(o.lang, scene::Lang::Zh);
    assert_eq!(o.center, Some([120.0, 30.0]));
    assert_eq!(o.zoom, Some(7.5));
    assert!(o.reduced_motion && o.wheel_always());
    assert_eq!((o.min_zoom, o.max_zoom), (Some(4.0), Some(12.0)));
    assert_eq!(o.max_bounds_ne, Some([130.0, 40.0]));
    let d = AppOptions::from_json(r#"{"zoom":"far","center":[1]}"#).unwrap();
    assert_eq!((d.zoom, d.center), (None, None));
    assert!(AppOptions::from_json("[1]").is_err());
    assert!(AppOptions::from_json("").is_ok());
}

#[test]
fn the_page_s_commands_read_their_json_arguments_and_name_the_member_that_failed() {
    let mut a = app();
    // Select: the answer says whether the id is known; an unknown id keeps the selection.
    assert_eq!(
        a.command("select", r#"["hangzhou"]"#, 0.0),
        Ok(("true".into(), true))
    );
    assert_eq!(
        a.command("select", r#"["atlantis"]"#, 0.0),
        Ok(("false".into(), false))
    );
    assert_eq!(a.selected(), Some("hangzhou"));
    assert_eq!(
        a.command("select", "[null]", 0.0),
        Ok(("true".into(), true))
    );
    assert_eq!(a.selected(), None);

    // A number the page left out is null (JSON has no NaN): the zoom is kept.
    let zoom = a.view().zoom();
    a.command("move_to", "[120.0, 30.0, null, 0, false, []]", 0.0)
        .unwrap();
    a.tick(1.0);
    let c = a.view().center();
    assert!(
        (c.lon - 120.0).abs() < 1e-6 && (c.lat - 30.0).abs() < 1e-6,
        "{c:?}"
    );
    assert!((a.view().zoom() - zoom).abs() < 1e-9);
    // fitBounds: a box and its padding, every part of the map's API in one array.
    let fit = "[null, null, null, 0, false, [119, 29, 121, 31, 0, 0, 0, 0, null]]";
    a.command("move_to", fit, 10.0).unwrap();
    a.tick(11.0);
    let c = a.view().center();
    assert!(
        (c.lon - 120.0).abs() < 0.01 && (c.lat - 30.0).abs() < 0.05,
        "{c:?}"
    );
    assert!(
        a.view().zoom() > zoom,
        "a box smaller than the region zooms in"
    );

    // The limits: a zoom past the largest is held at it.
    a.command("set_limits", "[null, 7, []]", 20.0).unwrap();
    a.command("move_to", "[null, null, 12, 0, false, []]", 30.0)
        .unwrap();
    a.tick(31.0);
    assert!((a.view().zoom() - 7.0).abs() < 1e-9, "{}", a.view().zoom());

    // The year and the language, and errors that name the API's member.
    a.command("set_year", "[1990]", 40.0).unwrap();
    assert_eq!(a.state().year, Some(1990));
    a.command("set_year", "[null]", 40.0).unwrap();
    assert_eq!(a.state().year, None);
    let e = a
        .command("set_lang", r#"["not a tag!"]"#, 50.0)
        .unwrap_err();
    assert!(e.starts_with("setLang: "), "{e}");
    let e = a.command("show_alliances", r#"["[1,"]"#, 50.0).unwrap_err();
    assert!(e.starts_with("showAlliances: "), "{e}");
    // The ids go as an array in the arguments; "all" shows every alliance again.
    a.command("show_alliances", r#"[["g60-corridor"]]"#, 50.0)
        .unwrap();
    let only = AllianceFilter::Only(vec!["g60-corridor".into()]);
    assert_eq!(a.state().alliances, only);
    a.command("show_alliances", r#"["all"]"#, 50.0).unwrap();
    assert_eq!(a.state().alliances, AllianceFilter::All);
    let e = a
        .command("set_indicator", r#"["nonsense"]"#, 50.0)
        .unwrap_err();
    assert!(e.starts_with("setIndicator: "), "{e}");
    assert!(a.command("no_such_thing", "[]", 50.0).is_err());
    assert!(a
        .command("select", "not json", 50.0)
        .unwrap_err()
        .starts_with("select: "));

    // A snapshot goes back through `restore`.
    a.command("select", r#"["hangzhou"]"#, 60.0).unwrap();
    // (The snapshot is opaque text to the page: it goes as a JSON string.)
    let snap = a.query("snapshot", "").unwrap();
    let mut b = app();
    let args = serde_json::to_string(&[snap]).unwrap();
    b.command("restore", &args, 0.0).unwrap();
    assert_eq!(b.selected(), Some("hangzhou"));
}

#[test]
fn a_hover_names_the_province_in_both_languages() {
    let a = app();
    let i = a
        .dataset()
        .cities
        .iter()
        .position(|c| c.id == "hangzhou")
        .unwrap();
    let d = a
        .describe(FeatureRef {
            kind: Kind::City,
            index: i,
        })
        .unwrap();
    assert_eq!(d.province.as_deref(), Some("Zhejiang"));
    assert_eq!(d.province_zh.as_deref(), Some("浙江"));
    // A park's province is its host city's.
    let p = a
        .dataset()
        .parks
        .iter()
        .position(|p| p.id == "sino-singapore-jiashan-park")
        .unwrap();
    let d = a
        .describe(FeatureRef {
            kind: Kind::Park,
            index: p,
        })
        .unwrap();
    assert_eq!(
        (d.province.as_deref(), d.province_zh.as_deref()),
        (Some("Zhejiang"), Some("浙江"))
    );
}
