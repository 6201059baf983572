//! Checks on the shipped data set (issue #2). The data is loaded through `model/`, the same
//! loader the map uses, so these tests cover the loader too.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{HashMap, HashSet};

use geo::{Contains, Validation};
use region_map::model::Level;

/// Longitude and latitude bounds of Shanghai, Jiangsu, Zhejiang, Anhui, Fujian and Jiangxi,
/// with a small margin.
const REGION: ([f64; 2], [f64; 2]) = ([113.0, 23.0], [123.5, 35.5]);

#[test]
fn loads_without_problems() {
    let (_, problems) = common::load();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn has_the_whole_region() {
    let (ds, _) = common::load();
    let prefectures: Vec<_> = ds
        .cities
        .iter()
        .filter(|c| c.level == Level::Prefecture)
        .collect();
    assert_eq!(prefectures.len(), 61);
    let mut per_province: HashMap<&str, usize> = HashMap::new();
    for c in &prefectures {
        *per_province.entry(c.province.as_str()).or_default() += 1;
    }
    assert_eq!(per_province["Shanghai"], 1);
    assert_eq!(per_province["Jiangsu"], 13);
    assert_eq!(per_province["Zhejiang"], 11);
    assert_eq!(per_province["Anhui"], 16);
    assert_eq!(per_province["Fujian"], 9);
    assert_eq!(per_province["Jiangxi"], 11);
    for (id, parent) in [
        ("songjiang", "shanghai"),
        ("qingpu", "shanghai"),
        ("jiading", "shanghai"),
        ("jingan", "shanghai"),
        ("wujiang", "suzhou-jiangsu"),
        ("kunshan", "suzhou-jiangsu"),
        ("taicang", "suzhou-jiangsu"),
        ("jiashan", "jiaxing"),
        ("pinghu", "jiaxing"),
        ("xiaoshan", "hangzhou"),
        ("jingning", "lishui"),
    ] {
        let c = ds.city(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_ne!(c.level, Level::Prefecture, "{id}");
        assert_eq!(c.parent.as_deref(), Some(parent), "{id}");
    }
    let provinces: HashSet<&str> = ds.provinces.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(provinces.len(), 6);
    assert_eq!(
        ds.city("hangzhou").map(|c| c.name_zh.as_str()),
        Some("杭州")
    );
}

#[test]
fn ids_are_unique_slugs() {
    let (ds, _) = common::load();
    let mut seen = HashSet::new();
    let ids = ds
        .cities
        .iter()
        .map(|c| &c.id)
        .chain(ds.parks.iter().map(|p| &p.id));
    for id in ids {
        assert!(seen.insert(id.clone()), "duplicate id {id}");
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id} is not a lowercase ASCII slug"
        );
    }
    let mut seen = HashSet::new();
    for a in &ds.alliances {
        assert!(seen.insert(a.id.clone()), "duplicate alliance {}", a.id);
        for p in &a.projects {
            assert!(seen.insert(p.id.clone()), "duplicate project {}", p.id);
        }
    }
}

#[test]
fn members_hosts_and_places_resolve() {
    let (ds, _) = common::load();
    let raw: serde_json::Value = serde_json::from_str(&common::read("alliances.json")).unwrap();
    // `link` drops what does not resolve, so compare with the raw file.
    for a in raw["alliances"].as_array().unwrap() {
        for m in a["members"].as_array().unwrap() {
            assert!(
                ds.city(m.as_str().unwrap()).is_some(),
                "{}: member {m}",
                a["id"]
            );
        }
        if let Some(h) = a["hub"].as_str() {
            assert!(ds.city(h).is_some(), "{}: hub {h}", a["id"]);
        }
        for p in a["projects"].as_array().unwrap() {
            for c in p["cities"].as_array().unwrap() {
                assert!(
                    ds.city(c.as_str().unwrap()).is_some(),
                    "{}: city {c}",
                    p["id"]
                );
            }
            if let Some(pl) = p["place"].as_str() {
                assert!(ds.city(pl).is_some(), "{}: place {pl}", p["id"]);
            }
        }
        if let Some(parent) = a["parent"].as_str() {
            assert!(ds.alliances.iter().any(|b| b.id == parent), "{}", a["id"]);
        }
    }
    for p in &ds.parks {
        assert!(ds.city(&p.host).is_some(), "{}: host {}", p.id, p.host);
        if let Some(a) = &p.alliance {
            assert!(
                ds.alliances.iter().any(|b| &b.id == a),
                "{}: alliance {a}",
                p.id
            );
        }
    }
    assert_eq!(ds.parks.len(), 7);
}

#[test]
fn every_city_of_the_articles_has_its_alliances() {
    let (ds, _) = common::load();
    let ids =
        |c: &str| -> Vec<String> { ds.alliances_of(c).iter().map(|a| a.id.clone()).collect() };
    assert!(ids("hangzhou").contains(&"nine-cities-1989".to_string()));
    assert!(ids("hangzhou").contains(&"g60-corridor".to_string()));
    assert!(ids("songjiang").contains(&"g60-corridor".to_string()));
    assert_eq!(
        ds.alliances
            .iter()
            .find(|a| a.id == "nine-cities-1989")
            .unwrap()
            .members
            .len(),
        9
    );
    assert_eq!(
        ds.alliances
            .iter()
            .find(|a| a.id == "g60-corridor")
            .unwrap()
            .members
            .len(),
        9
    );
    assert!(!ds.projects_of("huangshan").is_empty());
    assert!(ds
        .projects_of("qingpu")
        .iter()
        .any(|(_, p)| p.date.as_deref() == Some("2019-07-23")));
    assert!(ds
        .projects_of("wuhu")
        .iter()
        .any(|(_, p)| p.date.as_deref() == Some("2019-05-22")));
}

#[test]
fn seats_lie_inside_their_polygons() {
    let (ds, _) = common::load();
    for c in &ds.cities {
        let p = geo::Point::new(c.seat.lon, c.seat.lat);
        assert!(c.shape.contains(&p), "{}: seat {:?} outside", c.id, c.seat);
    }
}

#[test]
fn polygons_are_valid() {
    let (ds, _) = common::load();
    for c in &ds.cities {
        let errors = c.shape.validation_errors();
        assert!(errors.is_empty(), "{}: {}", c.id, errors[0]);
    }
}

#[test]
fn coordinates_lie_in_the_region() {
    let (ds, _) = common::load();
    let inside = |x: f64, y: f64| {
        x >= REGION.0[0] && x <= REGION.1[0] && y >= REGION.0[1] && y <= REGION.1[1]
    };
    for c in &ds.cities {
        for poly in &c.shape.0 {
            for r in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                for p in &r.0 {
                    assert!(inside(p.x, p.y), "{}: {:?}", c.id, p);
                }
            }
        }
    }
    for p in &ds.parks {
        assert!(inside(p.location.lon, p.location.lat), "{}", p.id);
    }
    for pr in &ds.provinces {
        for l in &pr.lines.0 {
            for p in &l.0 {
                assert!(inside(p.x, p.y), "{}: {:?}", pr.id, p);
            }
        }
    }
}

fn seed_text(name: &str) -> Option<String> {
    let path = common::data_dir().join("seeds").join(name);
    std::fs::read_to_string(path).ok()
}

#[test]
fn every_fact_has_a_source_and_every_quote_is_verbatim() {
    let (ds, _) = common::load();
    for s in &ds.sources {
        match (&s.seed, &s.name) {
            (Some(seed), _) => assert!(
                seed_text(seed).is_some(),
                "source {}: no seed file {seed}",
                s.id
            ),
            (None, Some(name)) => assert!(!name.is_empty()),
            (None, None) => panic!(
                "source {} names neither a seed file nor a public source",
                s.id
            ),
        }
    }
    let refs = ds.source_refs();
    assert!(refs.len() > 60, "only {} sourced facts", refs.len());
    for (where_, r) in refs {
        let doc = ds
            .source(&r.source)
            .unwrap_or_else(|| panic!("{where_}: unknown source {}", r.source));
        if let Some(seed) = &doc.seed {
            let quote = r
                .quote
                .as_deref()
                .unwrap_or_else(|| panic!("{where_}: a seed source needs a quote"));
            let text = seed_text(seed).unwrap();
            assert!(
                text.contains(quote),
                "{where_}: quote not found verbatim in {seed}: {quote}"
            );
        }
        // An undated source says why.
        assert!(
            doc.date.is_some() || doc.date_note.is_some(),
            "source {} has no date or note",
            doc.id
        );
    }
    // Every indicator and project is sourced (the struct requires it); every vague figure
    // keeps its hedge.
    for a in &ds.alliances {
        for i in &a.indicators {
            if let Some(q) = &i.qualifier {
                assert!(
                    ["over", "nearly", "planned"].contains(&q.as_str()),
                    "{}: {q}",
                    i.id
                );
            }
            assert!(i.value > 0.0, "{}: a zero stands in for an unknown", i.id);
        }
    }
}

#[test]
fn hedged_figures_match_their_quotes() {
    let (ds, _) = common::load();
    for a in &ds.alliances {
        for i in &a.indicators {
            let q = i.source.quote.as_deref().unwrap_or_default();
            let hedged = ["over", "more than", "nearly", "近", "多", "余"]
                .iter()
                .any(|h| q.contains(h));
            if i.qualifier.is_some() {
                assert!(hedged, "{}: hedge without a hedged quote", i.id);
            }
        }
    }
}

#[test]
fn district_parks_sit_at_their_district_seat() {
    let (ds, _) = common::load();
    for p in &ds.parks {
        if matches!(
            p.location_precision.as_deref(),
            Some("district") | Some("city")
        ) {
            let host = ds.city(&p.host).unwrap();
            assert!(
                (host.seat.lon - p.location.lon).abs() < 1e-9
                    && (host.seat.lat - p.location.lat).abs() < 1e-9,
                "{}: not at the seat of {}",
                p.id,
                host.id
            );
        }
    }
}

type Edge = ((i64, i64), (i64, i64));

fn key(c: &geo::Coord<f64>) -> (i64, i64) {
    ((c.x * 1e6).round() as i64, (c.y * 1e6).round() as i64)
}

fn edges(shape: &geo::MultiPolygon<f64>) -> (HashSet<(i64, i64)>, HashSet<Edge>) {
    let mut v = HashSet::new();
    let mut e = HashSet::new();
    for p in &shape.0 {
        for r in std::iter::once(p.exterior()).chain(p.interiors()) {
            for w in r.0.windows(2) {
                let (a, b) = (key(&w[0]), key(&w[1]));
                v.insert(a);
                e.insert(if a < b { (a, b) } else { (b, a) });
            }
        }
    }
    (v, e)
}

/// Neighbours' shared borders have identical vertices after simplification: wherever an edge
/// of one city runs between two vertices of its neighbour, the neighbour has that same edge.
/// A border simplified twice, differently, would fail this.
#[test]
fn shared_borders_stay_shared() {
    let (ds, _) = common::load();
    for level in [true, false] {
        let layer: Vec<_> = ds
            .cities
            .iter()
            .filter(|c| (c.level == Level::Prefecture) == level)
            .collect();
        let geo: Vec<_> = layer.iter().map(|c| edges(&c.shape)).collect();
        let (mut pairs, mut checked, mut slivers) = (0, 0, 0);
        for i in 0..layer.len() {
            for j in 0..layer.len() {
                // Districts of different parents come from different source files, drawn at
                // different resolutions: their borders never matched, even before simplification.
                if i == j || (!level && layer[i].parent != layer[j].parent) {
                    continue;
                }
                let shared: HashSet<_> = geo[i].0.intersection(&geo[j].0).collect();
                if shared.len() < 2 {
                    continue;
                }
                pairs += 1;
                for e in &geo[i].1 {
                    if shared.contains(&e.0) && shared.contains(&e.1) {
                        checked += 1;
                        if !geo[j].1.contains(e) {
                            // The source has slivers one grid cell (1/1024 degree) wide where
                            // its two files disagree; simplification keeps them as they are.
                            let len =
                                (((e.0 .0 - e.1 .0) as f64).hypot((e.0 .1 - e.1 .1) as f64)) / 1e6;
                            assert!(
                                len < 0.0025,
                                "{} / {}: edge {e:?} not shared",
                                layer[i].id,
                                layer[j].id
                            );
                            slivers += 1;
                        }
                    }
                }
            }
        }
        assert!(
            pairs > if level { 200 } else { 4 },
            "only {pairs} neighbour pairs"
        );
        assert!(
            slivers * 100 < checked,
            "{slivers} of {checked} shared edges differ"
        );
    }
    // Neighbours across a province border share theirs too.
    let h = edges(&ds.city("hangzhou").unwrap().shape);
    let s = edges(&ds.city("huangshan").unwrap().shape);
    assert!(h.1.intersection(&s.1).count() > 10);
}

#[test]
fn shipped_files_are_under_budget() {
    let size = |n: &str| std::fs::metadata(common::data_dir().join(n)).unwrap().len();
    let total = size("cities.geojson")
        + size("provinces.geojson")
        + size("parks.geojson")
        + size("alliances.json");
    assert!(total < 1_000_000, "data is {total} bytes, budget 1 MB");
}

#[test]
fn point_in_shape_agrees_with_geo_on_every_city() {
    use region_map::model::{shape, LonLat};
    let (ds, _) = common::load();
    for c in &ds.cities {
        let p = shape::interior_point(&c.shape).unwrap();
        assert!(
            c.shape.contains(&geo::Point::new(p.lon, p.lat)),
            "{}: {p:?}",
            c.id
        );
        // The seat, and points around it, get the same answer from both.
        for (dx, dy) in [
            (0.0, 0.0),
            (0.13, 0.07),
            (-0.21, 0.05),
            (0.4, -0.33),
            (-0.9, -0.6),
        ] {
            let q = LonLat::new(c.seat.lon + dx, c.seat.lat + dy);
            let geo_says = c.shape.contains(&geo::Point::new(q.lon, q.lat));
            assert_eq!(shape::contains(&c.shape, q), geo_says, "{} at {q:?}", c.id);
        }
    }
}

/// Checks one Chinese name and the note of where it comes from: `article` names are the
/// article's own words, found verbatim in the seed of the source they cite; `article-words`
/// names come from a Chinese article; `official` and `descriptive` are not from the articles.
fn check_zh(
    ds: &region_map::model::Dataset,
    what: &str,
    zh: Option<&str>,
    origin: Option<&str>,
    cited: &[&region_map::model::SourceRef],
) {
    let zh = zh.unwrap_or_else(|| panic!("{what}: no Chinese name"));
    assert!(
        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{what}: '{zh}' is not Chinese"
    );
    let origin = origin.unwrap_or_else(|| panic!("{what}: '{zh}' says not where it comes from"));
    let seeds: Vec<String> = cited
        .iter()
        .filter_map(|r| ds.source(&r.source)?.seed.clone())
        .filter_map(|s| seed_text(&s))
        .collect();
    let chinese_seed = |t: &String| {
        t.chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count()
            > 200
    };
    match origin {
        "article" => assert!(
            seeds.iter().any(|t| t.contains(zh)),
            "{what}: '{zh}' is marked as the article's words but is not in its source"
        ),
        "article-words" => assert!(
            seeds.iter().any(chinese_seed),
            "{what}: '{zh}' is marked as made of the article's words, but it cites no Chinese article"
        ),
        "official" | "descriptive" => {}
        other => panic!("{what}: unknown origin '{other}'"),
    }
}

#[test]
fn every_record_has_a_chinese_name_that_says_where_it_comes_from() {
    let (ds, _) = common::load();
    for c in &ds.cities {
        assert!(
            c.name_zh
                .chars()
                .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "city {}: no Chinese name",
            c.id
        );
    }
    let mut names = 0;
    for a in &ds.alliances {
        let all: Vec<_> = a
            .indicators
            .iter()
            .map(|i| &i.source)
            .chain(a.projects.iter().map(|p| &p.source))
            .chain(a.founded_source.iter())
            .chain(a.members_source.iter())
            .collect();
        let what = format!("alliance {}", a.id);
        check_zh(
            &ds,
            &what,
            a.name_zh.as_deref(),
            a.name_zh_origin.as_deref(),
            &all,
        );
        for i in &a.indicators {
            let what = format!("indicator {}/{}", a.id, i.id);
            check_zh(
                &ds,
                &what,
                i.label_zh.as_deref(),
                i.label_zh_origin.as_deref(),
                &[&i.source],
            );
        }
        for p in &a.projects {
            let what = format!("project {}", p.id);
            check_zh(
                &ds,
                &what,
                p.title_zh.as_deref(),
                p.title_zh_origin.as_deref(),
                &[&p.source],
            );
        }
        names += 1 + a.indicators.len() + a.projects.len();
    }
    for p in &ds.parks {
        let cited: Vec<_> = p
            .facts
            .iter()
            .map(|f| &f.source)
            .chain(p.dates.iter().map(|d| &d.source))
            .collect();
        let what = format!("park {}", p.id);
        check_zh(
            &ds,
            &what,
            p.name_zh.as_deref(),
            p.name_zh_origin.as_deref(),
            &cited,
        );
        names += 1;
    }
    assert_eq!(
        names,
        16 + 25 + 30 + 7,
        "alliances, indicators, projects and parks"
    );
}

#[test]
fn every_source_names_its_publisher_or_says_it_is_unknown() {
    let (ds, _) = common::load();
    assert!(ds.sources.len() >= 7);
    for s in &ds.sources {
        let named = s.publisher.as_deref().is_some_and(|p| !p.trim().is_empty());
        let said = s
            .publisher_note
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty());
        assert!(
            named ^ said,
            "source {}: name the publisher, or say why none is named (not both)",
            s.id
        );
    }
}

/// The articles' facts that belong on the map, each as words of its article: every one must
/// be the quote of some record (a project, figure, date, member list or fact), so that a fact
/// that goes missing from the data fails here.
const MAPPABLE_FACTS: &[(&str, &str)] = &[
    // 000: the 1989 alliance.
    ("000", "闽浙赣皖毗邻九地市开展横向经济联合4年来"),
    ("000", "融通资金50多亿元"),
    ("000", "协作物资总额6亿多元"),
    ("000", "仅去年一年，九地市洽谈并实施科技协作项目就有79个"),
    ("000", "引进、输出技术人才320人次"),
    ("000", "又云集黄山市"),
    // 001: the Qingpu meeting, the three places' plan, the Fenhu branch centre.
    ("001", "Shanghai Qingpu, Jiangsu Wujiang, Zhejiang Jiashan three places in 2019 integration development work plan officially signed"),
    ("001", "Cooperation Framework Agreement for the Establishment of National Technology Transfer Eastern Center Fenhu Branch Center"),
    ("001", "NTME has been committed to serving the promotion of science and technology collaboration"),
    // 002: the corridor.
    ("002", "14 industrial alliances"),
    ("002", "11 industrial cooperation demonstration parks"),
    ("002", "the national 14th Five-Year (2021-25) Plan"),
    ("002", "The alliance was set up in November 2018"),
    ("002", "it has 83 members"),
    ("002", "49 enterprises in our nine cities joined hands"),
    ("002", "the growth rate was higher than that of the country average"),
    ("002", "1,066 key industrial projects"),
    // 003: the symposium, Anhui, Huami.
    ("003", "During the speech at the symposium"),
    ("003", "will work with Shanghai to bolster research in cutting-edge technologies"),
    ("003", "become a demonstration area for ecologically friendly development"),
    ("003", "his company will soon set up another subsidiary in Shanghai"),
    // 004: Zhejiang and the integration.
    ("004", "held a meeting in Wuhu City"),
    ("004", "became a national strategy"),
    ("004", "ushered in a period of centralized signing"),
    ("004", "more than 10 projects in robot-related industries"),
    ("004", "Sino-Singapore Jiashan Modern Industrial Park project was officially signed"),
    ("004", "all 15 special plans were approved"),
    ("004", "invest 3 billion yuan in infrastructure construction this year"),
    ("004", "has been reviewed"),
    ("004", "Three-Year Action Plan for the Integration of the Yangtze River Delta (2018-2020)"),
    ("004", "From Jiaxing and Huzhou"),
    ("004", "Xiaoshan enterprises have found a new production base for the down industry"),
    ("004", "friendly relations and cooperation with Jing’an District of Shanghai"),
    ("004", "on June 1 last year"),
    ("004", "Semiconductor Shaoxing"),
    ("004", "SMIC, has chosen to set its production bases in Ningbo and Shaoxing"),
    ("004", "Yangtze River Delta Automobile Industry Innovation Alliance was formally established"),
    ("004", "established by more than 40 textile and garment associations and enterprises"),
    ("004", "Yangtze River Delta Health Industry Alliance"),
    ("004", "jointly develop the north side of Xiaoyangshan Island"),
    ("004", "apply locally and approved remotely"),
    ("004", "“maximum one visit service procedure”"),
    ("004", "big data center for the Yangtze River Delta integration"),
    ("004", "Regional Integration Demonstration Zone is now under actively planning"),
];

#[test]
fn every_mappable_fact_of_the_articles_is_a_record() {
    let (ds, _) = common::load();
    let refs = ds.source_refs();
    for (seed, words) in MAPPABLE_FACTS {
        let text = std::fs::read_dir(common::data_dir().join("seeds"))
            .unwrap()
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with(seed))
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .unwrap_or_else(|| panic!("no seed {seed}"));
        assert!(text.contains(words), "seed {seed} does not say: {words}");
        let cited = refs.iter().any(|(_, r)| {
            r.quote
                .as_deref()
                .is_some_and(|q| q.contains(words) || words.contains(q))
        });
        assert!(cited, "seed {seed}: no record carries '{words}'");
    }
}

#[test]
fn the_provinces_fills_come_from_the_data_and_keep_their_borders_visible() {
    let (ds, _) = common::load();
    let border = region_map::scene::style::Palette::default().city_border;
    for c in ds.cities.iter().filter(|c| c.level == Level::Prefecture) {
        let fill = c
            .fill
            .unwrap_or_else(|| panic!("{} has no fill in the data", c.id));
        assert!(border.contrast(&fill) >= 3.0, "{}: {fill:?}", c.id);
    }
    // One colour per province.
    let mut by_province = std::collections::BTreeMap::new();
    for c in ds.cities.iter().filter(|c| c.level == Level::Prefecture) {
        by_province
            .entry(c.province.clone())
            .or_insert_with(Vec::new)
            .push(c.fill);
    }
    for (p, fills) in &by_province {
        assert!(fills.windows(2).all(|w| w[0] == w[1]), "{p}");
    }
    assert_eq!(by_province.len(), 6);
}
