//! The indicator charts, rendered to SVG and read back (issue #4).

#![allow(clippy::unwrap_used)]

#[path = "../../tests/common/mod.rs"]
mod common;

use plotters::prelude::*;
use region_map::charts;
use region_map::model::{Indicator, SourceRef};
use region_map::scene::Lang;
use region_map::text::Words;
use region_map_charts::{draw, ChartSpec};

/// The chart drawn as SVG, after a round trip through JSON as the page passes it.
fn svg(spec: ChartSpec) -> String {
    let json = serde_json::to_string(&spec).unwrap();
    let spec: ChartSpec = serde_json::from_str(&json).unwrap();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (360, 300)).into_drawing_area();
        draw(&root, &spec).unwrap();
        root.present().unwrap();
    }
    out
}

fn alliance(ds: &region_map::model::Dataset, id: &str) -> usize {
    ds.alliances.iter().position(|a| a.id == id).unwrap()
}

#[test]
fn g60_figures_as_bars_with_units() {
    let (ds, _) = common::load();
    let s = svg(charts::alliance_chart(
        &ds,
        alliance(&ds, "g60-corridor"),
        Lang::En,
        &Words::default(),
    ));
    // The money figures share an axis; their labels keep the hedge and the unit.
    assert!(s.contains("over 3.2 trillion yuan"), "{s}");
    assert!(s.contains("3.54 trillion yuan"));
    assert!(s.contains("611.7 billion yuan"));
    assert!(s.contains("Total output in 2020"));
    assert!(
        !s.contains("29,000"),
        "counts are not mixed into the money axis"
    );
    assert!(s.matches("<rect").count() > 3);
    let zh = svg(charts::alliance_chart(
        &ds,
        alliance(&ds, "g60-corridor"),
        Lang::Zh,
        &Words::default(),
    ));
    assert!(zh.contains("超过3.2万亿元"), "{zh}");
}

#[test]
fn an_alliance_without_figures_says_so() {
    let (ds, _) = common::load();
    let s = svg(charts::alliance_chart(
        &ds,
        alliance(&ds, "yrd-auto-alliance"),
        Lang::En,
        &Words::default(),
    ));
    assert!(s.contains("The sources give no figures."));
}

#[test]
fn a_figure_with_several_periods_becomes_a_line() {
    let ind = |year, value| Indicator {
        id: format!("x{year}"),
        label_en: "Output".into(),
        label_zh: None,
        label_zh_origin: None,
        value,
        qualifier: None,
        unit: "yuan".into(),
        period: None,
        year: Some(year),
        source: SourceRef {
            source: "s".into(),
            quote: None,
        },
    };
    let series = charts::series_over_time(&[ind(2019, 1.0), ind(2020, 2.0), ind(2018, 0.5)]);
    assert_eq!(series.len(), 1);
    assert_eq!(series[0].1, vec![(2018, 0.5), (2019, 1.0), (2020, 2.0)]);
    assert!(charts::series_over_time(&[ind(2019, 1.0)]).is_empty());
}

#[test]
fn hangzhou_projects_per_year_and_memberships() {
    let (ds, _) = common::load();
    let hz = ds.cities.iter().position(|c| c.id == "hangzhou").unwrap();
    let s = svg(charts::city_chart(&ds, hz, Lang::En, &Words::default()));
    assert!(s.contains("Projects per year"));
    assert!(s.contains("1989") || s.contains("1990"), "year axis");
    assert!(
        s.contains("<polyline") || s.contains("<path"),
        "the memberships line"
    );
    assert!(s.contains("alliances (founding dates known)"));
    // The key names both series: the bars, then the line.
    let bars = s.find("\nprojects\n").expect("the bars are in the key");
    assert!(bars < s.find("alliances (founding dates known)").unwrap());
}

#[test]
fn overview_lists_alliances() {
    let (ds, _) = common::load();
    let s = svg(charts::overview_chart(&ds, Lang::En, &Words::default()));
    assert!(s.contains("Alliances founded per year"));
    assert!(s.contains("Member cities per alliance"));
    assert!(s.contains("Nine-city technological alliance"));
}

#[test]
fn a_chart_takes_the_theme_s_colours() {
    let (ds, _) = common::load();
    let palette = region_map::scene::style::Palette {
        surface: region_map::scene::Rgba::hex(0x1a232c),
        text: region_map::scene::Rgba::hex(0xe6edf3),
        ..Default::default()
    };
    let spec = charts::overview_chart(&ds, Lang::En, &Words::default()).with_theme(&palette);
    assert_eq!(spec.colors, [0x1a232c, 0xe6edf3, 0x5d6b78]);
    let s = svg(spec).to_lowercase();
    assert!(s.contains("#1a232c"), "the dark background");
    assert!(s.contains("#e6edf3"), "light text");
    assert!(!s.contains("#ffffff\""), "no white box");
}

/// The font sizes an SVG chart uses, in CSS px (plotters' SVG backend writes a font of N px
/// as N / 1.24; the canvas backend, in the browser, as N px).
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("font-size=\"")
        .skip(1)
        .filter_map(|s| {
            s.split('"')
                .next()?
                .trim_end_matches("px")
                .parse::<f64>()
                .ok()
        })
        .map(|x| (x * 1.24 * 100.0).round() / 100.0)
        .collect()
}

#[test]
fn every_chart_is_readable_no_text_under_11_px_in_both_languages() {
    let (ds, _) = common::load();
    let w = Words::default();
    let mut specs = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        specs.push(charts::overview_chart(&ds, lang, &w));
        for i in 0..ds.alliances.len() {
            specs.push(charts::alliance_chart(&ds, i, lang, &w));
        }
        for (i, c) in ds.cities.iter().enumerate() {
            if !ds.alliances_of(&c.id).is_empty() {
                specs.push(charts::city_chart(&ds, i, lang, &w));
            }
        }
    }
    for spec in specs {
        let s = svg(spec);
        let sizes = font_sizes(&s);
        assert!(!sizes.is_empty());
        assert!(sizes.iter().all(|&x| x >= 11.0), "{sizes:?}");
    }
}

#[test]
fn a_long_title_wraps_and_a_label_too_long_is_shortened_to_fit() {
    let mut out = String::new();
    let root = SVGBackend::with_string(&mut out, (300, 200)).into_drawing_area();
    let long = "Alliances founded per year (founding date known), and much more besides";
    let lines = region_map_charts::fit_lines(&root, long, 13, 288, 2);
    assert_eq!(lines.len(), 2);
    for l in &lines {
        let w = root
            .estimate_text_size(l, &("sans-serif", 13).into())
            .unwrap()
            .0;
        assert!(w <= 288, "{l}: {w}");
    }
    let zh = region_map_charts::fit_lines(
        &root,
        "长三角生态绿色一体化发展示范区产业合作联盟与园区",
        11,
        120,
        1,
    );
    assert_eq!(zh.len(), 1);
    assert!(zh[0].ends_with('…'));
    let short = region_map_charts::fit_lines(&root, "Hangzhou", 11, 120, 1);
    assert_eq!(short, vec!["Hangzhou".to_string()]);
}

#[test]
fn memberships_over_time_are_steps_not_lines_between_dates() {
    let (ds, _) = common::load();
    let hz = ds.cities.iter().position(|c| c.id == "hangzhou").unwrap();
    let s = svg(charts::city_chart(&ds, hz, Lang::En, &Words::default()));
    let line = s
        .split("<polyline")
        .find(|p| {
            p.split('>')
                .next()
                .unwrap_or("")
                .to_lowercase()
                .contains("#cc6677")
        })
        .and_then(|p| p.split("points=\"").nth(1))
        .and_then(|p| p.split('"').next())
        .expect("the memberships line");
    let pts: Vec<(f64, f64)> = line
        .split_whitespace()
        .filter_map(|p| {
            let (x, y) = p.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect();
    assert!(pts.len() >= 3);
    // Every segment is horizontal or vertical.
    for w in pts.windows(2) {
        assert!(
            (w[0].0 - w[1].0).abs() < 0.01 || (w[0].1 - w[1].1).abs() < 0.01,
            "{w:?}"
        );
    }
}

#[test]
fn the_identification_map_draws_places_by_industry_in_both_languages() {
    let (ds, _) = common::load();
    let m = ds.industry_matrix(None);
    for (zh, title, ic, ningbo) in [
        (
            false,
            "Industrial clusters by place",
            "integrated circuits",
            "Ningbo",
        ),
        (true, "各地产业集群", "集成电路", "宁波"),
    ] {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (300, 2000)).into_drawing_area();
            let h = region_map_charts::draw_matrix(&root, &ds, &m, zh, title).unwrap();
            assert!(h > 100 && h < 2000, "{h}");
            root.present().unwrap();
        }
        assert!(out.contains(title));
        assert!(out.contains(ic), "column head");
        assert!(out.contains(ningbo), "row");
        // A cell per link: Ningbo's IC cell is in the on-site colour.
        assert!(out.to_lowercase().contains("#d6604d"));
        assert!(font_sizes(&out).iter().all(|&x| x >= 11.0));
    }
}

#[test]
fn each_chart_s_data_is_also_a_table() {
    let (ds, _) = common::load();
    let hz = ds.cities.iter().position(|c| c.id == "hangzhou").unwrap();
    let t: serde_json::Value = serde_json::from_str(&region_map_charts::chart_table_json(
        &charts::city_chart(&ds, hz, Lang::En, &Words::default()),
    ))
    .unwrap();
    assert!(t["caption"].as_str().unwrap().contains("Projects per year"));
    let rows = t["rows"].as_array().unwrap();
    assert!(rows.iter().any(|r| r[0] == "1989"), "{rows:?}");
    let m: serde_json::Value =
        serde_json::from_str(&region_map_charts::industry_table_json(&ds, None, true)).unwrap();
    assert_eq!(m["caption"], "各地产业集群");
    let ningbo = m["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0] == "宁波")
        .unwrap();
    let cell = (ningbo.as_array().unwrap().iter())
        .filter_map(|c| c.as_str())
        .find(|c| c.starts_with("实地：阶段未知"))
        .unwrap();
    assert!(
        cell.contains("SMIC, has chosen to set its production bases"),
        "{cell}"
    );
}

#[test]
fn the_module_loaded_later_says_what_the_chart_for_a_selection_shows() {
    // As the page calls it: the data the page loaded (the core's places, the parks and
    // alliances files), the selection's id, the page's language, words and colours.
    let (ds, _) = common::load();
    let places: Vec<(String, String, Option<String>, String, String)> = (ds.cities.iter())
        .map(|c| {
            let level = c.level.name().to_string();
            (
                c.id.clone(),
                level,
                c.parent.clone(),
                c.name_en.clone(),
                c.name_zh.clone(),
            )
        })
        .collect();
    let page = region_map_charts::industry_data(
        &serde_json::to_string(&places).unwrap(),
        Some(&common::read("parks.geojson")),
        Some(&common::read("alliances.json")),
    )
    .unwrap();
    let hz = ds.cities.iter().position(|c| c.id == "hangzhou").unwrap();
    let g60 = alliance(&ds, "g60-corridor");
    let none: [String; 0] = [];
    let colors = [0x1a232c, 0xe6edf3, 0x8b98a5];
    let spec = |sel: Option<&str>, lang: &str, words: &[String]| {
        region_map_charts::spec_for_page(&page, sel, lang, words, &colors)
    };
    // The same charts as the core made from its own data set, in the page's colours.
    let core_city = charts::city_chart(&ds, hz, Lang::En, &Words::default());
    assert_eq!(spec(Some("hangzhou"), "en", &none).parts, core_city.parts);
    let core_g60 = charts::alliance_chart(&ds, g60, Lang::Zh, &Words::default());
    assert_eq!(
        spec(Some("g60-corridor"), "zh", &none).parts,
        core_g60.parts
    );
    let overview = spec(None, "en", &none);
    assert_eq!(
        overview.parts,
        charts::overview_chart(&ds, Lang::En, &Words::default()).parts
    );
    assert_eq!(overview.colors, colors);
    // A park, or an id the data does not have: the overview.
    assert_eq!(spec(Some("no-such-id"), "en", &none).parts, overview.parts);
    // A page's own language takes its words; a tag the map does not know falls back to English.
    let words = ["chartFounded".to_string(), "Allianzen pro Jahr".to_string()];
    let de = serde_json::to_string(&spec(None, "de", &words)).unwrap();
    assert!(de.contains("Allianzen pro Jahr"), "{de}");
}
