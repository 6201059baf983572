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
