//! The charts of region-map, drawn with plotters from a [`ChartSpec`] that the map's core
//! writes (`region_map::charts`). Built as its own WebAssembly module, which the page loads
//! only when a chart is opened: plotters is not part of what a page loads before the map's
//! first paint. Generic over any `DrawingBackend`: a canvas in the browser, SVG in the tests.

use plotters::coord::Shift;
use plotters::prelude::*;
pub use region_map::charts::{ChartPart, ChartSpec};

#[cfg(target_arch = "wasm32")]
mod canvas;

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
thread_local! {
    /// The colours of the chart being drawn (background, text, muted), from its spec.
    static COLORS: std::cell::Cell<[u32; 3]> = const { std::cell::Cell::new([0xffffff, 0x1f2d3a, 0x5d6b78]) };
}
fn color(k: usize) -> RGBColor {
    let v = COLORS.with(|c| c.get())[k];
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}
fn background() -> RGBColor {
    color(0)
}
fn ink() -> RGBColor {
    color(1)
}
fn muted() -> RGBColor {
    color(2)
}

/// Draws a chart on `area`: its parts top to bottom.
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, spec: &ChartSpec) -> ChartResult {
    COLORS.with(|c| c.set(spec.colors));
    area.fill(&background()).map_err(e)?;
    match spec.parts.as_slice() {
        [one] => part(area, one),
        [a, b, ..] => {
            let h = area.dim_in_pixel().1 as f64 * spec.split.clamp(0.1, 0.9);
            let (top, bottom) = area.split_vertically(h.round() as u32);
            part(&top, a)?;
            part(&bottom, b)
        }
        [] => Ok(()),
    }
}

fn part<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, p: &ChartPart) -> ChartResult {
    match p {
        ChartPart::Note { title, text } => {
            area.draw(&Text::new(title.clone(), (6, 4), font(14).color(&ink())))
                .map_err(e)?;
            area.draw(&Text::new(text.clone(), (6, 28), font(12).color(&muted())))
                .map_err(e)
        }
        ChartPart::Bars { title, rows } => bar_rows(area, title, rows),
        ChartPart::Years {
            title,
            bars,
            bar_label,
            line,
            line_label,
        } => year_chart(
            area,
            title,
            bars,
            bar_label,
            line.as_deref().map(|l| (l, line_label.as_str())),
        ),
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
    area.draw(&Text::new(
        title.to_string(),
        (6, 4),
        font(14).color(&ink()),
    ))
    .map_err(e)?;
    if rows.is_empty() {
        return Ok(());
    }
    let max = rows.iter().map(|r| r.1).fold(0.0f64, f64::max).max(1e-9);
    let top = 26;
    let row_h = ((h - top) / rows.len() as i32).clamp(14, 34);
    for (i, (label, value, text)) in rows.iter().enumerate() {
        let y = top + i as i32 * row_h;
        area.draw(&Text::new(label.clone(), (6, y), font(11).color(&muted())))
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
            font(11).color(&ink()),
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
        area.draw(&Text::new(
            title.to_string(),
            (6, 4),
            font(14).color(&ink()),
        ))
        .map_err(e)?;
        return Ok(());
    };
    let max = bars
        .iter()
        .map(|b| b.1)
        .chain(line.iter().flat_map(|l| l.0.iter().map(|p| p.1)))
        .fold(1.0f64, f64::max);
    let mut chart = ChartBuilder::on(area)
        .caption(title, font(14).color(&ink()))
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
        .label_style(font(10).color(&muted()))
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
        background().mix(0.85).filled(),
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
            font(10).color(&ink()),
        ))
        .map_err(e)?;
    }
    Ok(())
}

/// Draws the chart `spec` (JSON, as the map's core writes it) on `canvas`, `width` x `height`
/// CSS px at the screen's pixel `ratio`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn draw_chart(
    canvas: web_sys::HtmlCanvasElement,
    width: u32,
    height: u32,
    ratio: f64,
    spec: &str,
) -> Result<(), wasm_bindgen::JsValue> {
    let spec: ChartSpec =
        serde_json::from_str(spec).map_err(|x| wasm_bindgen::JsValue::from_str(&e(x)))?;
    let backend = canvas::ScaledCanvas::new(canvas, width, height, ratio)?;
    let area = backend.into_drawing_area();
    draw(&area, &spec)
        .and_then(|_| area.present().map_err(e))
        .map_err(|x| wasm_bindgen::JsValue::from_str(&x))
}

/// The data of the industry views, built from what the page loaded: the cities as the core
/// lists them (`[[id, level, parent], …]`, JSON) and the parks and alliances files.
pub fn industry_data(
    places: &str,
    parks: Option<&str>,
    alliances: Option<&str>,
) -> Result<region_map::model::Dataset, String> {
    use region_map::model::{DatasetBuilder, Level};
    let list: Vec<(String, String, Option<String>)> =
        serde_json::from_str(places).map_err(|x| format!("places: {x}"))?;
    let places: Vec<(String, Level, Option<String>)> = (list.into_iter())
        .map(|(id, level, parent)| (id, Level::parse(&level), parent))
        .collect();
    let mut b = DatasetBuilder::new();
    b.places(&places)
        .parks("parks", parks)
        .alliances("alliances", alliances);
    Ok(b.build().0)
}

/// An industry view's classes (`industries` or `industry:<id>`) at `year`, as JSON
/// `{values, names, names_zh, colors}` (values: each city's class or null; colors: r, g, b
/// each), or `null` for a view the data does not have.
pub fn industry_view_json(
    ds: &region_map::model::Dataset,
    indicator: &str,
    year: Option<i32>,
) -> String {
    let Some(c) = region_map::scene::choropleth::classify_industry(ds, indicator, year) else {
        return "null".into();
    };
    let colors: Vec<u8> = (0..c.classes.names.len())
        .flat_map(|k| {
            let x = c.classes.color(k);
            [x.r, x.g, x.b]
        })
        .collect();
    serde_json::json!({
        "values": c.values,
        "names": c.classes.names,
        "names_zh": c.classes.names_zh,
        "colors": colors,
    })
    .to_string()
}

/// The industry views for the page: see [`industry_view_json`].
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn industry_view(
    places: &str,
    parks: Option<String>,
    alliances: Option<String>,
    indicator: &str,
    year: Option<i32>,
) -> Result<String, wasm_bindgen::JsValue> {
    let ds = industry_data(places, parks.as_deref(), alliances.as_deref())
        .map_err(|x| wasm_bindgen::JsValue::from_str(&x))?;
    Ok(industry_view_json(&ds, indicator, year))
}

/// A city's industrial clusters, with where else each industry is (JSON, `ClusterRecord`s).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn industry_clusters(
    places: &str,
    parks: Option<String>,
    alliances: Option<String>,
    city: &str,
) -> Result<String, wasm_bindgen::JsValue> {
    let ds = industry_data(places, parks.as_deref(), alliances.as_deref())
        .map_err(|x| wasm_bindgen::JsValue::from_str(&x))?;
    let list = ds.city(city).map(|c| ds.clusters_of(c)).unwrap_or_default();
    Ok(region_map::api::to_json(&list))
}
