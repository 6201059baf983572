//! The industry map (issue 17), natively: the vocabulary, the stage rules, where each
//! industry gathers and how (on site or by policy), the overview, the timeline, and a city's
//! clusters with the places that pursue the same industry.

#![allow(clippy::unwrap_used)]

mod common;

use region_map::api::AnyRecord;
use region_map::model::{DatasetBuilder, Role, STAGES};
use region_map::scene::choropleth::{self, ROLE_CLASSES};

fn seeds() -> String {
    let dir = common::data_dir().join("seeds");
    let mut all = String::new();
    for e in std::fs::read_dir(dir).unwrap() {
        all.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    all
}

#[test]
fn every_industry_id_resolves_with_both_names_and_its_words_are_the_articles() {
    let (ds, problems) = common::load();
    assert!(
        !problems.iter().any(|p| p.reason.contains("industr")),
        "{problems:?}"
    );
    assert!(ds.industries.len() >= 15);
    let seeds = seeds();
    for (k, i) in ds.industries.iter().enumerate() {
        assert!(
            !i.name_en.trim().is_empty() && !i.name_zh.trim().is_empty(),
            "{}",
            i.id
        );
        assert!(!i.words.is_empty(), "{} has the articles' words", i.id);
        for w in &i.words {
            assert!(
                seeds.contains(w.as_str()),
                "{}: '{w}' is not in the articles",
                i.id
            );
        }
        // No two ids for one industry.
        for j in &ds.industries[k + 1..] {
            assert_ne!(i.name_en.to_lowercase(), j.name_en.to_lowercase());
            assert_ne!(i.name_zh, j.name_zh);
        }
    }
    for id in ds
        .alliances
        .iter()
        .flat_map(|a| &a.industries)
        .chain(ds.parks.iter().flat_map(|p| &p.industries))
    {
        assert!(ds.industry_index(id).is_some(), "'{id}' resolves");
    }
    // The records still name the industries in English, and give the ids beside them.
    let Some(AnyRecord::Alliance(g60)) = ds.any_record("g60-corridor") else {
        panic!()
    };
    assert_eq!(g60.industries[0], "integrated circuits");
    assert_eq!(g60.industry_ids[0], "integrated-circuits");
}

#[test]
fn stages_are_the_articles_and_unknown_is_not_guessed() {
    let (ds, _) = common::load();
    let stage = |id: &str| {
        ds.park(id)
            .unwrap()
            .stage
            .as_ref()
            .map(|s| s.value.as_str())
    };
    assert_eq!(stage("shaoxing-ic-town"), Some("under-construction"));
    assert_eq!(
        stage("zhangjiang-yrd-tech-city-pinghu"),
        Some("attracting-projects")
    );
    assert_eq!(stage("sino-singapore-jiashan-park"), Some("planned"));
    // "SMIC has chosen to set its production bases in Ningbo": no stage given.
    assert_eq!(stage("smic-ningbo"), None);
    let seeds = seeds();
    for p in &ds.parks {
        if let Some(s) = &p.stage {
            assert!(STAGES.contains(&s.value.as_str()), "{}", p.id);
            let q = s.source.quote.as_deref().unwrap();
            assert!(seeds.contains(q), "{}: quote not verbatim", p.id);
            assert!(s.date.is_some(), "{}: a stage has its date", p.id);
        }
    }
    // A stage the rules do not know is named and left out.
    let mut b = DatasetBuilder::new();
    b.parks(
        "parks.geojson",
        Some(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"x","name_en":"X","host":"h","kind":"k",
            "stage":{"value":"booming","source":{"ref":"s"}}},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#,
        ),
    );
    let (ds, problems) = b.build();
    assert!(ds.parks.iter().all(|p| p.stage.is_none()));
    assert!(
        problems
            .iter()
            .any(|p| p.reason.contains("stage 'booming'")),
        "{problems:?}"
    );
}

#[test]
fn integrated_circuits_light_shanghai_ningbo_and_shaoxing_and_not_ganzhou() {
    let (ds, _) = common::load();
    let c = choropleth::classify_industry(&ds, "industry:integrated-circuits", None).unwrap();
    let class = |id: &str| {
        let i = ds.cities.iter().position(|c| c.id == id).unwrap();
        c.values[i].unwrap() as usize
    };
    // Ningbo and Shaoxing on site (SMIC's bases; Shaoxing's IC Town under construction),
    // Shanghai as the hub (SMIC's home; Songjiang, the G60 hub, counts in Shanghai).
    assert_eq!(class("ningbo"), 1, "{}", ROLE_CLASSES[class("ningbo")].0);
    assert_eq!(class("shaoxing"), 2);
    assert_eq!(class("shanghai"), 3);
    // G60 "focuses on" integrated circuits: its members are policy links, not clusters.
    assert_eq!(class("hangzhou"), 4);
    assert_eq!(class("ganzhou"), 5);
    assert!(c
        .fill(ds.cities.iter().position(|c| c.id == "ganzhou").unwrap())
        .is_some());
}

#[test]
fn the_overview_shows_each_place_by_its_cluster_on_site_and_several_where_there_are_more() {
    let (ds, _) = common::load();
    let c = choropleth::classify_industry(&ds, "industries", None).unwrap();
    let label = |id: &str| {
        let i = ds.cities.iter().position(|c| c.id == id).unwrap();
        c.classes.label(c.values[i].unwrap() as usize)
    };
    assert_eq!(label("shaoxing"), "integrated circuits");
    assert_eq!(label("ningbo"), "integrated circuits");
    assert_eq!(label("zhoushan"), "ports");
    assert_eq!(label("xuancheng"), "down (feather)");
    // Pinghu (robotics, digital economy) and Jiashan (smart sensing) count in Jiaxing.
    assert_eq!(label("jiaxing"), "several industries on site");
    assert_eq!(label("hangzhou"), "policy focus only");
    assert_eq!(label("ganzhou"), "not linked in the articles");
    assert_eq!(
        c.classes.label_in(
            c.values[ds.cities.iter().position(|c| c.id == "ganzhou").unwrap()].unwrap() as usize,
            region_map::scene::Lang::Zh
        ),
        "文章未提及"
    );
}

#[test]
fn an_industry_appears_from_the_year_its_cooperation_began() {
    let (ds, _) = common::load();
    let k = ds.industry_index("integrated-circuits").unwrap();
    let lit = |year| {
        ds.industry_roles(k, year)
            .iter()
            .filter(|l| l.is_some())
            .count()
    };
    assert!(lit(None) >= 3);
    assert_eq!(lit(Some(1990)), 0, "no IC link is attested in 1990");
    for l in ds.industry_links() {
        if let Some(y) = l.year {
            assert!(l.exists(Some(y)) && !l.exists(Some(y - 1)));
        } else {
            assert!(l.exists(None) && !l.exists(Some(2021)));
        }
    }
}

#[test]
fn a_city_says_which_clusters_it_is_in_at_what_stage_and_where_else() {
    let (ds, _) = common::load();
    let ningbo = ds.clusters_of(ds.city("ningbo").unwrap());
    let ic = ningbo
        .iter()
        .find(|c| c.industry == "integrated-circuits")
        .unwrap();
    assert_eq!((ic.role, ic.evidence), ("park-host", "on-site"));
    assert_eq!(ic.from, "smic-ningbo");
    assert!(ic.stage.is_none());
    assert!(ic.elsewhere_on_site.contains(&"shaoxing".to_string()));
    assert!(ic.elsewhere_policy.contains(&"shanghai".to_string()));
    assert!(!ic.elsewhere_policy.contains(&"shaoxing".to_string()));

    let shaoxing = ds.clusters_of(ds.city("shaoxing").unwrap());
    let s = (shaoxing.iter())
        .find(|c| c.industry == "integrated-circuits")
        .unwrap();
    assert_eq!(s.stage.as_ref().unwrap().value, "under-construction");
    assert!(s
        .stage
        .as_ref()
        .unwrap()
        .source
        .quote
        .as_deref()
        .unwrap()
        .contains("excavators"));

    let shanghai = ds.clusters_of(ds.city("shanghai").unwrap());
    let h = (shanghai.iter())
        .find(|c| c.industry == "integrated-circuits")
        .unwrap();
    assert_eq!(h.role, Role::Hub.name());

    let ganzhou = ds.clusters_of(ds.city("ganzhou").unwrap());
    assert!(ganzhou.is_empty());
}

#[test]
fn an_unknown_industry_id_is_named_and_left_out() {
    let mut b = DatasetBuilder::new();
    b.alliances(
        "alliances.json",
        Some(
            r#"{"sources":[],"industries":[{"id":"ic","name_en":"IC","name_zh":"集成电路"}],
            "alliances":[{"id":"a","name_en":"A","kind":"k","members":[],"industries":["ic","steel"]}]}"#,
        ),
    );
    let (ds, problems) = b.build();
    assert_eq!(ds.alliances[0].industries, vec!["ic".to_string()]);
    assert!(
        problems.iter().any(|p| p
            .to_string()
            .contains("industry 'steel' is not in the industries list")),
        "{problems:?}"
    );
}

#[test]
fn the_module_loaded_later_classifies_from_places_as_the_core_would_from_the_whole_map() {
    // The charts module gets the cities as (id, level, parent), and the two files as text.
    let (ds, _) = common::load();
    let places: Vec<_> = (ds.cities.iter())
        .map(|c| {
            let (en, zh) = (c.name_en.clone(), c.name_zh.clone());
            (c.id.clone(), c.level, c.parent.clone(), en, zh)
        })
        .collect();
    let mut b = DatasetBuilder::new();
    b.places(&places)
        .parks("parks.geojson", Some(&common::read("parks.geojson")))
        .alliances("alliances.json", Some(&common::read("alliances.json")));
    let (light, _) = b.build();
    for name in [
        "industries",
        "industry:integrated-circuits",
        "industry:robotics",
    ] {
        for year in [None, Some(2019)] {
            assert_eq!(
                choropleth::classify_industry(&light, name, year),
                choropleth::classify_industry(&ds, name, year),
                "{name} {year:?}"
            );
        }
    }
    let hz = ds.city("ningbo").unwrap();
    assert_eq!(
        light.clusters_of(light.city("ningbo").unwrap()),
        ds.clusters_of(hz)
    );
}

#[test]
fn the_matrix_lists_places_by_industry_and_the_csv_gives_each_cell_its_source() {
    let (ds, _) = common::load();
    let m = ds.industry_matrix(None);
    let row = |id: &str| m.rows.iter().position(|&i| ds.cities[i].id == id);
    let col = |id: &str| m.cols.iter().position(|&k| ds.industries[k].id == id);
    let (ningbo, ic) = (row("ningbo").unwrap(), col("integrated-circuits").unwrap());
    assert_eq!(m.cells[ningbo][ic].as_ref().unwrap().role, Role::ParkHost);
    assert_eq!(
        m.cells[row("shanghai").unwrap()][ic].as_ref().unwrap().role,
        Role::Hub
    );
    assert!(
        row("ganzhou").is_none(),
        "a place with no link is not a row"
    );
    assert!(row("songjiang").is_none(), "a district counts in its city");
    // Places with something on site come first.
    let first = &ds.cities[m.rows[0]];
    assert!(
        m.cells[0].iter().flatten().any(|l| l.role.on_site()),
        "{}",
        first.id
    );
    assert_eq!(m.cells.len(), m.rows.len());
    assert!(m.cells.iter().all(|r| r.len() == m.cols.len()));
    // Before any IC cooperation, no IC column.
    let early = ds.industry_matrix(Some(1990));
    assert!(early
        .cols
        .iter()
        .all(|&k| ds.industries[k].id != "integrated-circuits"));

    let csv = ds.industry_csv(None);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("city_id,city_en,city_zh,industry_id"));
    assert_eq!(lines.len() - 1, ds.industry_links().len());
    let seeds = seeds();
    let mut quoted = 0;
    for l in ds.industry_links() {
        let s = ds
            .link_source(&l)
            .unwrap_or_else(|| panic!("{} {} has a source", l.from, l.industry));
        let q = s.quote.as_deref().unwrap();
        assert!(seeds.contains(q), "{q}");
        quoted += 1;
    }
    assert!(quoted > 20);
    assert!(csv.contains(
        "ningbo,Ningbo,宁波,integrated-circuits,integrated circuits,集成电路,park-host,on-site,"
    ));
    // A quote with a comma or quotes is written as one CSV field.
    assert!(csv.contains("\"focuses on advanced manufacturing industry clusters such as integrated circuits, artificial intelligence and biomedicine\""));
}

#[test]
fn only_industries_that_light_a_place_are_offered() {
    let (ds, _) = common::load();
    let offered: Vec<String> = choropleth::available(&ds)
        .into_iter()
        .filter_map(|i| i.id.strip_prefix("industry:").map(str::to_string))
        .collect();
    assert!(
        !offered.contains(&"textiles-garments".to_string()),
        "no member city"
    );
    for id in &offered {
        let k = ds.industry_index(id).unwrap();
        assert!(
            ds.industry_roles(k, None).iter().any(|l| l.is_some()),
            "{id}"
        );
    }
    assert!(offered.len() >= 12, "{offered:?}");
}
