//! Indicator charts with plotters, generic over any `DrawingBackend`: a canvas in the browser
//! (plotters-canvas), SVG in tests and export.
//!
//! Three charts: an alliance's figures, a city's projects per year with its alliance
//! memberships over time, and an overview of alliances founded per year and members per
//! alliance. Every number is printed with its unit and the source's hedge.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::format;
use crate::model::{Dataset, Indicator};
use crate::scene::{year_of, Lang};

/// Any failure while drawing, as text.
pub type ChartResult = Result<(), String>;

fn e<E: std::fmt::Debug>(err: E) -> String {
    format!("chart: {err:?}")
}

/// Chart text in the browser's sans-serif, at `size` px. Made from the family itself, not
/// from its name: plotters' name lookup would bring Unicode case tables into the module.
fn font(size: u32) -> FontDesc<'static> {
    FontDesc::new(FontFamily::SansSerif, f64::from(size), FontStyle::Normal)
}
const BAR: RGBColor = RGBColor(0x44, 0x77, 0xaa);
const LINE: RGBColor = RGBColor(0xcc, 0x66, 0x77);
const TEXT: RGBColor = RGBColor(0x1f, 0x2d, 0x3a);
const MUTED: RGBColor = RGBColor(0x5d, 0x6b, 0x78);

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
    let t = format!("{v:.2}");
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

/// Horizontal bars, one per row, each with its label above and its value at the end.
fn bar_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    rows: &[(String, f64, String)],
) -> ChartResult {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    area.draw(&Text::new(title.to_string(), (6, 4), font(14).color(&TEXT)))
        .map_err(e)?;
    if rows.is_empty() {
        return Ok(());
    }
    let max = rows.iter().map(|r| r.1).fold(0.0f64, f64::max).max(1e-9);
    let top = 26;
    let row_h = ((h - top) / rows.len() as i32).clamp(14, 34);
    for (i, (label, value, text)) in rows.iter().enumerate() {
        let y = top + i as i32 * row_h;
        area.draw(&Text::new(label.clone(), (6, y), font(11).color(&MUTED)))
            .map_err(e)?;
        let len = ((w - 130) as f64 * value / max).round().max(1.0) as i32;
        let bar_y = y + 13;
        area.draw(&Rectangle::new(
            [(6, bar_y), (6 + len, bar_y + (row_h - 17).max(4))],
            BAR.filled(),
        ))
        .map_err(e)?;
        area.draw(&Text::new(
            text.clone(),
            (10 + len, bar_y - 1),
            font(11).color(&TEXT),
        ))
        .map_err(e)?;
    }
    Ok(())
}

/// Bars per year, with an optional line on a second scale.
fn year_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    bars: &[(i32, f64)],
    bar_label: &str,
    line: Option<(&[(i32, f64)], &str)>,
) -> ChartResult {
    let years: Vec<i32> = bars
        .iter()
        .map(|b| b.0)
        .chain(line.iter().flat_map(|l| l.0.iter().map(|p| p.0)))
        .collect();
    let (Some(&y0), Some(&y1)) = (years.iter().min(), years.iter().max()) else {
        area.draw(&Text::new(title.to_string(), (6, 4), font(14).color(&TEXT)))
            .map_err(e)?;
        return Ok(());
    };
    let max = bars
        .iter()
        .map(|b| b.1)
        .chain(line.iter().flat_map(|l| l.0.iter().map(|p| p.1)))
        .fold(1.0f64, f64::max);
    let mut chart = ChartBuilder::on(area)
        .caption(title, font(14).color(&TEXT))
        .margin(6)
        .x_label_area_size(22)
        .y_label_area_size(30)
        .build_cartesian_2d(
            (y0 as f64 - 0.6)..(y1 as f64 + 0.6),
            0f64..(max * 1.15).ceil(),
        )
        .map_err(e)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(6)
        .y_labels(4)
        .x_label_formatter(&|x| format!("{}", x.round() as i32))
        .y_label_formatter(&|y| format!("{}", y.round() as i64))
        .label_style(font(10).color(&MUTED))
        .draw()
        .map_err(e)?;
    chart
        .draw_series(bars.iter().map(|&(y, v)| {
            Rectangle::new([(y as f64 - 0.35, 0.0), (y as f64 + 0.35, v)], BAR.filled())
        }))
        .map_err(e)?;
    if let Some((points, _)) = line {
        let pts: Vec<(f64, f64)> = points.iter().map(|&(y, v)| (y as f64, v)).collect();
        chart
            .draw_series(LineSeries::new(pts.clone(), LINE.stroke_width(2)))
            .map_err(e)?;
        chart
            .draw_series(pts.iter().map(|&p| Circle::new(p, 3, LINE.filled())))
            .map_err(e)?;
    }
    // The key, in the plot's upper left: a swatch and a name per named series.
    let mut key: Vec<(bool, &str)> = Vec::new();
    if !bars.is_empty() && !bar_label.is_empty() {
        key.push((true, bar_label));
    }
    if let Some((_, label)) = line.filter(|l| !l.1.is_empty()) {
        key.push((false, label));
    }
    if key.is_empty() {
        return Ok(());
    }
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let (x, y) = (xs.start + 6, ys.start + 6);
    let width = key
        .iter()
        .map(|(_, t)| {
            area.estimate_text_size(t, &font(10).into())
                .map_or(80, |s| s.0 as i32)
        })
        .max()
        .unwrap_or(80);
    area.draw(&Rectangle::new(
        [(x, y), (x + width + 26, y + 14 * key.len() as i32 + 4)],
        WHITE.mix(0.85).filled(),
    ))
    .map_err(e)?;
    for (row, (is_bar, label)) in key.into_iter().enumerate() {
        let mid = y + 9 + 14 * row as i32;
        if is_bar {
            area.draw(&Rectangle::new(
                [(x + 4, mid - 4), (x + 14, mid + 4)],
                BAR.filled(),
            ))
        } else {
            area.draw(&PathElement::new(
                vec![(x + 3, mid), (x + 15, mid)],
                LINE.stroke_width(2),
            ))
        }
        .map_err(e)?;
        area.draw(&Text::new(
            label.to_string(),
            (x + 20, mid - 6),
            font(10).color(&TEXT),
        ))
        .map_err(e)?;
    }
    Ok(())
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
pub fn alliance_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ds: &Dataset,
    index: usize,
    lang: Lang,
) -> ChartResult {
    area.fill(&WHITE).map_err(e)?;
    let a = &ds.alliances[index];
    let series = series_over_time(&a.indicators);
    let chosen = comparable_indicators(&a.indicators);
    let title = match lang {
        Lang::En => "Figures from the sources",
        Lang::Zh => "来源中的数据",
    };
    if chosen.is_empty() {
        let none = match lang {
            Lang::En => "The sources give no figures.",
            Lang::Zh => "来源未给出数据。",
        };
        area.draw(&Text::new(title, (6, 4), font(14).color(&TEXT)))
            .map_err(e)?;
        area.draw(&Text::new(none, (6, 28), font(12).color(&MUTED)))
            .map_err(e)?;
        return Ok(());
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
    if let Some((label, points)) = series.first() {
        let (top, bottom) = area.split_vertically(area.dim_in_pixel().1 / 2);
        bar_rows(&top, title, &rows)?;
        year_chart(&bottom, label, &[], "", Some((points, label)))
    } else {
        bar_rows(area, title, &rows)
    }
}

/// A city's projects per year, and how many alliances it belonged to over time.
pub fn city_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ds: &Dataset,
    index: usize,
    lang: Lang,
) -> ChartResult {
    area.fill(&WHITE).map_err(e)?;
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
    let (title, bars, line) = match lang {
        Lang::En => (
            "Projects per year, and alliances joined",
            "projects",
            "alliances (founding dates known)",
        ),
        Lang::Zh => ("每年项目数与所属联盟", "项目", "联盟（成立时间已知）"),
    };
    year_chart(
        area,
        title,
        &per_year,
        bars,
        (!cumulative.is_empty()).then_some((&cumulative[..], line)),
    )
}

/// With nothing selected: alliances founded per year, and members per alliance.
pub fn overview_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ds: &Dataset,
    lang: Lang,
) -> ChartResult {
    area.fill(&WHITE).map_err(e)?;
    let per_year = count_by_year(ds.alliances.iter().map(|a| a.founded.as_deref()));
    let mut members: Vec<(String, f64, String)> = ds
        .alliances
        .iter()
        .filter(|a| !a.members.is_empty())
        .map(|a| {
            let name = match lang {
                Lang::Zh => a.name_zh.clone().unwrap_or_else(|| a.name_en.clone()),
                Lang::En => a.name_en.clone(),
            };
            let n = a.members.len();
            (name, n as f64, n.to_string())
        })
        .collect();
    crate::sort::sort_by(&mut members, |a, b| b.1.total_cmp(&a.1));
    members.truncate(8);
    let (t1, t2, unit) = match lang {
        Lang::En => (
            "Alliances founded per year (founding date known)",
            "Member cities per alliance",
            "alliances",
        ),
        Lang::Zh => ("每年成立的联盟（成立时间已知）", "各联盟成员城市数", "联盟"),
    };
    let (top, bottom) = area.split_vertically(area.dim_in_pixel().1 * 2 / 5);
    year_chart(&top, t1, &per_year, unit, None)?;
    bar_rows(&bottom, t2, &members)
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
