//! What the indicator charts show, as a [`ChartSpec`]: titles, bars and lines, every number
//! printed with its unit and the source's hedge. The drawing (plotters) is another
//! WebAssembly module, `charts/`, that the page loads only when a chart is opened, so that
//! plotters is not part of what a page loads before the map's first paint.
//!
//! Three charts: an alliance's figures, a city's projects per year with its alliance
//! memberships over time, and an overview of alliances founded per year and members per
//! alliance.

use crate::text::Words;
use serde::{Deserialize, Serialize};

use crate::format;
use crate::model::{Dataset, Indicator};
use crate::scene::{year_of, Lang};

/// A chart: one part, or two stacked, the first taking `split` of the height.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartSpec {
    /// The parts, top to bottom (one or two).
    pub parts: Vec<ChartPart>,
    /// The share of the height the first of two parts takes.
    pub split: f64,
    /// Background, text and secondary text, as 0xRRGGBB: the theme's (see
    /// [`ChartSpec::with_theme`]); light by default.
    #[serde(default = "light_colors")]
    pub colors: [u32; 3],
}

fn light_colors() -> [u32; 3] {
    [0xffffff, 0x1f2d3a, 0x5d6b78]
}

/// One part of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ChartPart {
    /// A title and a line of text (no figures).
    Note {
        /// Title.
        title: String,
        /// The text under it.
        text: String,
    },
    /// Horizontal bars, one per row.
    Bars {
        /// Title.
        title: String,
        /// Rows: label, value, and the value as printed with its unit.
        rows: Vec<(String, f64, String)>,
    },
    /// Bars per year, with an optional line on the same scale.
    Years {
        /// Title.
        title: String,
        /// (year, value) bars.
        bars: Vec<(i32, f64)>,
        /// The bars' name in the key ("" for none).
        bar_label: String,
        /// (year, value) points of the line.
        line: Option<Vec<(i32, f64)>>,
        /// The line's name in the key.
        line_label: String,
        /// The line is a count that holds until it changes (members over time): drawn as
        /// steps, not as straight lines between dates.
        #[serde(default)]
        step: bool,
    },
}

impl ChartSpec {
    fn one(part: ChartPart) -> Self {
        ChartSpec {
            parts: vec![part],
            split: 1.0,
            colors: light_colors(),
        }
    }

    fn two(a: ChartPart, b: ChartPart, split: f64) -> Self {
        ChartSpec {
            parts: vec![a, b],
            split,
            colors: light_colors(),
        }
    }

    /// The chart in the page's theme: the panel's surface behind it, the map's text colours.
    pub fn with_theme(mut self, p: &crate::scene::style::Palette) -> Self {
        self.colors = theme_colors(p);
        self
    }
}

/// A theme's chart colours, as 0xRRGGBB: the panel's surface, the map's text and its muted
/// text.
pub fn theme_colors(p: &crate::scene::style::Palette) -> [u32; 3] {
    let hex = |c: crate::scene::Rgba| u32::from(c.r) << 16 | u32::from(c.g) << 8 | u32::from(c.b);
    [hex(p.surface), hex(p.text), hex(p.muted)]
}

/// The chart for what is selected (by id): an alliance's figures, a city's projects per
/// year, or, for nothing or anything else, the overview. The module loaded later computes it
/// from the data the page loaded, so that none of this is in what a page loads before the
/// map's first paint.
pub fn chart_for(ds: &Dataset, selected: Option<&str>, lang: Lang, words: &Words) -> ChartSpec {
    use crate::model::IdRef;
    match selected.and_then(|id| ds.lookup(id)) {
        Some(IdRef::Alliance(i)) => alliance_chart(ds, i, lang, words),
        Some(IdRef::City(i)) => city_chart(ds, i, lang, words),
        _ => overview_chart(ds, lang, words),
    }
}

/// A value with its unit, for a chart label: "3.2 trillion yuan", or "3.2万亿元" in Chinese.
pub fn value_with_unit(value: f64, unit: &str, lang: Lang) -> String {
    match (unit, lang) {
        ("yuan", Lang::Zh) => {
            if value >= 1e12 {
                format!("{}万亿元", trim(value / 1e12))
            } else if value >= 1e8 {
                format!("{}亿元", trim(value / 1e8))
            } else if value >= 1e4 {
                format!("{}万元", trim(value / 1e4))
            } else {
                format!("{}元", trim(value))
            }
        }
        ("yuan", Lang::En) => format!("{} yuan", format::amount_words(value)),
        ("percent", _) => format!("{}%", trim(value)),
        (u, _) => format!("{} {u}", format::group_thousands(value)),
    }
}

fn trim(v: f64) -> String {
    let t = format::fixed(v, 2);
    t.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn hedge(q: Option<&str>, lang: Lang) -> String {
    match (q, lang) {
        (None, _) => String::new(),
        (Some("over"), Lang::Zh) => "超过".into(),
        (Some("nearly"), Lang::Zh) => "近".into(),
        (Some("planned"), Lang::Zh) => "规划".into(),
        (Some(q), _) => format!("{q} "),
    }
}

/// How many of the dates fall in each year, by year; undated ones are not counted.
fn count_by_year<'a>(dates: impl Iterator<Item = Option<&'a str>>) -> Vec<(i32, f64)> {
    let mut counts = std::collections::BTreeMap::new();
    for y in dates.filter_map(|d| d.and_then(year_of)) {
        *counts.entry(y).or_insert(0.0) += 1.0;
    }
    counts.into_iter().collect()
}

/// Picks the indicators an alliance chart compares: those sharing the most common unit
/// (money wins a tie), since bars on one axis must share a unit.
pub fn comparable_indicators(indicators: &[Indicator]) -> Vec<&Indicator> {
    let mut units: Vec<(&str, usize)> = Vec::new();
    for i in indicators {
        match units.iter_mut().find(|u| u.0 == i.unit) {
            Some(u) => u.1 += 1,
            None => units.push((&i.unit, 1)),
        }
    }
    let best = units
        .iter()
        .max_by_key(|u| (u.1, u.0 == "yuan"))
        .map(|u| u.0);
    indicators
        .iter()
        .filter(|i| Some(i.unit.as_str()) == best)
        .collect()
}

/// Figures that a source gives for several periods (same label, different years), as lines.
pub fn series_over_time(indicators: &[Indicator]) -> Vec<(String, Vec<(i32, f64)>)> {
    let mut out: Vec<(String, Vec<(i32, f64)>)> = Vec::new();
    for i in indicators {
        let Some(y) = i.year else { continue };
        match out.iter_mut().find(|s| s.0 == i.label_en) {
            Some(s) => s.1.push((y, i.value)),
            None => out.push((i.label_en.clone(), vec![(y, i.value)])),
        }
    }
    out.retain(|s| s.1.len() > 1);
    for s in &mut out {
        crate::sort::sort_by_key(&mut s.1, |p| p.0);
    }
    out
}

/// An alliance's figures: bars of its comparable indicators, and a line wherever a figure is
/// given for several periods.
pub fn alliance_chart(ds: &Dataset, index: usize, lang: Lang, words: &Words) -> ChartSpec {
    let a = &ds.alliances[index];
    let series = series_over_time(&a.indicators);
    let chosen = comparable_indicators(&a.indicators);
    let title = words.get(lang, "chartFigures").to_string();
    if chosen.is_empty() {
        let text = words.get(lang, "chartNoFigures");
        return ChartSpec::one(ChartPart::Note {
            title,
            text: text.into(),
        });
    }
    let rows: Vec<(String, f64, String)> = chosen
        .iter()
        .map(|i| {
            let label = match lang {
                Lang::Zh => i.label_zh.clone().unwrap_or_else(|| i.label_en.clone()),
                Lang::En => i.label_en.clone(),
            };
            let period = i
                .period
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            (
                format!("{label}{period}"),
                i.value,
                format!(
                    "{}{}",
                    hedge(i.qualifier.as_deref(), lang),
                    value_with_unit(i.value, &i.unit, lang)
                ),
            )
        })
        .collect();
    let bars = ChartPart::Bars { title, rows };
    match series.into_iter().next() {
        Some((label, points)) => ChartSpec::two(
            bars,
            ChartPart::Years {
                title: label.clone(),
                bars: vec![],
                bar_label: String::new(),
                line: Some(points),
                line_label: label,
                step: false,
            },
            0.5,
        ),
        None => ChartSpec::one(bars),
    }
}

/// A city's projects per year, and how many alliances it belonged to over time.
pub fn city_chart(ds: &Dataset, index: usize, lang: Lang, words: &Words) -> ChartSpec {
    let id = &ds.cities[index].id;
    let per_year = count_by_year(ds.projects_of(id).iter().map(|(_, p)| p.date.as_deref()));
    let mut founded: Vec<i32> = ds
        .alliances_of(id)
        .iter()
        .filter_map(|a| a.founded.as_deref().and_then(year_of))
        .collect();
    crate::sort::sort_by(&mut founded, |a, b| a.cmp(b));
    let mut cumulative: Vec<(i32, f64)> = Vec::new();
    for (k, y) in founded.iter().enumerate() {
        match cumulative.last_mut() {
            Some(last) if last.0 == *y => last.1 = (k + 1) as f64,
            _ => cumulative.push((*y, (k + 1) as f64)),
        }
    }
    let (title, bars, line) = (
        words.get(lang, "chartCity"),
        words.get(lang, "chartProjects"),
        words.get(lang, "chartAlliancesKnown"),
    );
    ChartSpec::one(ChartPart::Years {
        title: title.into(),
        bars: per_year,
        bar_label: bars.into(),
        line: (!cumulative.is_empty()).then_some(cumulative),
        line_label: line.into(),
        step: true,
    })
}

/// With nothing selected: alliances founded per year, and members per alliance.
pub fn overview_chart(ds: &Dataset, lang: Lang, words: &Words) -> ChartSpec {
    let per_year = count_by_year(ds.alliances.iter().map(|a| a.founded.as_deref()));
    let mut members: Vec<(String, f64, String)> = ds
        .alliances
        .iter()
        .filter(|a| !a.members.is_empty())
        .map(|a| {
            let name = words
                .name(lang, None, &a.name_en, a.name_zh.as_deref())
                .to_string();
            let n = a.members.len();
            (name, n as f64, n.to_string())
        })
        .collect();
    crate::sort::sort_by(&mut members, |a, b| b.1.total_cmp(&a.1));
    members.truncate(8);
    let (t1, t2, unit) = (
        words.get(lang, "chartFounded"),
        words.get(lang, "chartMembers"),
        words.get(lang, "chartAlliances"),
    );
    ChartSpec::two(
        ChartPart::Years {
            title: t1.into(),
            bars: per_year,
            bar_label: unit.into(),
            line: None,
            line_label: String::new(),
            step: false,
        },
        ChartPart::Bars {
            title: t2.into(),
            rows: members,
        },
        0.4,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_in_both_languages() {
        assert_eq!(
            value_with_unit(3.2e12, "yuan", Lang::En),
            "3.2 trillion yuan"
        );
        assert_eq!(value_with_unit(3.2e12, "yuan", Lang::Zh), "3.2万亿元");
        assert_eq!(value_with_unit(6.117e11, "yuan", Lang::Zh), "6117亿元");
        assert_eq!(value_with_unit(7e7, "yuan", Lang::Zh), "7000万元");
        assert_eq!(value_with_unit(13.75, "percent", Lang::En), "13.75%");
        assert_eq!(
            value_with_unit(29000.0, "enterprises", Lang::En),
            "29,000 enterprises"
        );
    }
}
