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

/// The smallest text a chart draws, in CSS px (its labels and keys): readable at every screen
/// ratio, as the charts are drawn at the screen's pixel ratio.
pub const MIN_TEXT_PX: u32 = 11;

/// `text` in lines no wider than `width` px at `size`: words wrapped onto at most `lines`
/// lines, the last shortened with "…" if the rest does not fit. A label that fits is left
/// whole.
pub fn fit_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    size: u32,
    width: i32,
    lines: usize,
) -> Vec<String> {
    let f: TextStyle = font(size).into();
    let wide = |t: &str| {
        area.estimate_text_size(t, &f)
            .map_or(t.len() as i32 * 7, |s| s.0 as i32)
    };
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    // Chinese text has no spaces: it may break between any two characters.
    let cjk = text.chars().any(|c| c > '\u{2e80}');
    let pieces: Vec<String> = if cjk {
        text.chars().map(|c| c.to_string()).collect()
    } else {
        text.split(' ').map(|w| format!("{w} ")).collect()
    };
    for piece in pieces {
        let next = format!("{cur}{piece}");
        if wide(next.trim_end()) <= width || cur.is_empty() {
            cur = next;
        } else {
            out.push(cur.trim_end().to_string());
            cur = piece;
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim_end().to_string());
    }
    if out.len() > lines {
        let rest = out.split_off(lines - 1).join(if cjk { "" } else { " " });
        out.push(rest);
    }
    // The last line, shortened until it fits.
    if let Some(last) = out.last_mut() {
        if wide(last) > width {
            let mut chars: Vec<char> = last.chars().collect();
            while !chars.is_empty()
                && wide(&format!("{}…", chars.iter().collect::<String>())) > width
            {
                chars.pop();
            }
            *last = format!("{}…", chars.iter().collect::<String>().trim_end());
        }
    }
    out
}

/// A title at the top of `area`, wrapped onto two lines if it must; returns the height it
/// took.
fn title<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, text: &str) -> Result<i32, String> {
    let w = area.dim_in_pixel().0 as i32 - 12;
    let lines = fit_lines(area, text, 13, w, 2);
    for (k, l) in lines.iter().enumerate() {
        area.draw(&Text::new(
            l.clone(),
            (6, 4 + 16 * k as i32),
            font(13).color(&ink()),
        ))
        .map_err(e)?;
    }
    Ok(8 + 16 * lines.len() as i32)
}

fn part<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, p: &ChartPart) -> ChartResult {
    match p {
        ChartPart::Note { title: t, text } => {
            let top = title(area, t)?;
            let w = area.dim_in_pixel().0 as i32 - 12;
            for (k, l) in fit_lines(area, text, 12, w, 4).into_iter().enumerate() {
                area.draw(&Text::new(
                    l,
                    (6, top + 16 * k as i32),
                    font(12).color(&muted()),
                ))
                .map_err(e)?;
            }
            Ok(())
        }
        ChartPart::Bars { title: t, rows } => bar_rows(area, t, rows),
        ChartPart::Years {
            title: t,
            bars,
            bar_label,
            line,
            line_label,
            step,
        } => year_chart(
            area,
            t,
            bars,
            bar_label,
            line.as_deref().map(|l| (l, line_label.as_str())),
            *step,
        ),
    }
}

/// Horizontal bars, one per row, each with its label above and its value at the end.
fn bar_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title_text: &str,
    rows: &[(String, f64, String)],
) -> ChartResult {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let top = title(area, title_text)?;
    if rows.is_empty() {
        return Ok(());
    }
    let max = rows.iter().map(|r| r.1).fold(0.0f64, f64::max).max(1e-9);
    // A row: the label, its value at the right end of the same line, and a bar under them.
    // Rows that do not fit are left out of the chart (its table has them all).
    let row_h = ((h - top) / rows.len() as i32).clamp(24, 34);
    let fit = ((h - top) / row_h).max(1) as usize;
    for (i, (label, value, text)) in rows.iter().take(fit).enumerate() {
        let y = top + i as i32 * row_h;
        let value_w = area
            .estimate_text_size(text, &font(MIN_TEXT_PX).into())
            .map_or(60, |s| s.0 as i32);
        // A label too long for the chart is shortened; the table beside it has it whole.
        let label = fit_lines(area, label, MIN_TEXT_PX, w - 20 - value_w, 1).join("");
        area.draw(&Text::new(label, (6, y), font(MIN_TEXT_PX).color(&muted())))
            .map_err(e)?;
        area.draw(&Text::new(
            text.clone(),
            (w - 6 - value_w, y),
            font(MIN_TEXT_PX).color(&ink()),
        ))
        .map_err(e)?;
        let len = ((w - 12) as f64 * value / max).round().max(1.0) as i32;
        let bar_y = y + 15;
        area.draw(&Rectangle::new(
            [(6, bar_y), (6 + len, bar_y + (row_h - 19).clamp(4, 8))],
            BAR.filled(),
        ))
        .map_err(e)?;
    }
    Ok(())
}

/// Bars per year, with an optional line on a second scale.
fn year_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title_text: &str,
    bars: &[(i32, f64)],
    bar_label: &str,
    line: Option<(&[(i32, f64)], &str)>,
    step: bool,
) -> ChartResult {
    let top = title(area, title_text)?;
    let (_, area) = area.split_vertically(top as u32);
    let area = &area;
    let years: Vec<i32> = bars
        .iter()
        .map(|b| b.0)
        .chain(line.iter().flat_map(|l| l.0.iter().map(|p| p.0)))
        .collect();
    let (Some(&y0), Some(&y1)) = (years.iter().min(), years.iter().max()) else {
        return Ok(());
    };
    let max = bars
        .iter()
        .map(|b| b.1)
        .chain(line.iter().flat_map(|l| l.0.iter().map(|p| p.1)))
        .fold(1.0f64, f64::max);
    let mut chart = ChartBuilder::on(area)
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
        .label_style(font(MIN_TEXT_PX).color(&muted()))
        .draw()
        .map_err(e)?;
    chart
        .draw_series(bars.iter().map(|&(y, v)| {
            Rectangle::new([(y as f64 - 0.35, 0.0), (y as f64 + 0.35, v)], BAR.filled())
        }))
        .map_err(e)?;
    if let Some((points, _)) = line {
        let pts: Vec<(f64, f64)> = points.iter().map(|&(y, v)| (y as f64, v)).collect();
        // A count holds until it changes: steps, running on to the chart's last year.
        let path: Vec<(f64, f64)> = if step {
            let mut p = Vec::new();
            for (k, &(x, v)) in pts.iter().enumerate() {
                if k > 0 {
                    p.push((x, pts[k - 1].1));
                }
                p.push((x, v));
            }
            if let Some(&(_, v)) = pts.last() {
                p.push((y1 as f64 + 0.5, v));
            }
            p
        } else {
            pts.clone()
        };
        chart
            .draw_series(LineSeries::new(path, LINE.stroke_width(2)))
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
            area.estimate_text_size(t, &font(MIN_TEXT_PX).into())
                .map_or(80, |s| s.0 as i32)
        })
        .max()
        .unwrap_or(80);
    area.draw(&Rectangle::new(
        [(x, y), (x + width + 26, y + 15 * key.len() as i32 + 4)],
        background().mix(0.85).filled(),
    ))
    .map_err(e)?;
    for (row, (is_bar, label)) in key.into_iter().enumerate() {
        let mid = y + 9 + 15 * row as i32;
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
            font(MIN_TEXT_PX).color(&ink()),
        ))
        .map_err(e)?;
    }
    Ok(())
}

/// The chart for what the map has selected (`selected`, an id, or none: the overview), from
/// the data the page loaded (see [`industry_data`]), in the page's language (`lang`: `en`,
/// `zh` or the page's own tag) with its words (`words`: key, words, key, words, …) and the
/// theme's colours (`colors`, 0xRRGGBB: the core's `chart_colors`), as JSON for
/// [`draw_chart`].
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn chart_spec(
    places: &str,
    parks: Option<String>,
    alliances: Option<String>,
    selected: Option<String>,
    lang: &str,
    words: Vec<String>,
    colors: Vec<u32>,
) -> Result<String, wasm_bindgen::JsValue> {
    let ds = data_for_page(places, parks, alliances)?;
    Ok(serde_json::to_string(&spec_for_page(
        &ds,
        selected.as_deref(),
        lang,
        &words,
        &colors,
    ))
    .unwrap_or_default())
}

/// [`region_map::charts::chart_for`] for the page's language, words and colours.
pub fn spec_for_page(
    ds: &region_map::model::Dataset,
    selected: Option<&str>,
    lang: &str,
    words: &[String],
    colors: &[u32],
) -> ChartSpec {
    let base = region_map::text::base_of(lang);
    let w = region_map::text::Words {
        tag: region_map::text::own_tag(lang),
        overrides: region_map::text::pairs(words),
    };
    let mut spec = region_map::charts::chart_for(ds, selected, base, &w);
    if let [a, b, c] = *colors {
        spec.colors = [a, b, c];
    }
    spec
}

/// Draws the chart `spec` (JSON, as [`chart_spec`] writes it) on `canvas`, `width` x `height`
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

/// The places-by-industries matrix ("identification map") on `area`, `width` CSS px wide:
/// a title, the industries as rotated column heads, a row per place, a cell per link coloured
/// by its class (on site by stage, hub, member), and a key. Returns the height it needs,
/// drawing only what fits in `area` (call once to measure on an area of that height).
pub fn draw_matrix<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ds: &region_map::model::Dataset,
    m: &region_map::model::IndustryMatrix,
    zh: bool,
    title_text: &str,
) -> Result<i32, String> {
    use region_map::scene::choropleth::{role_class, ROLE_CLASSES};
    const CELL: i32 = 14;
    let w = area.dim_in_pixel().0 as i32;
    let top = title(area, title_text)?;
    let label_w = ((w as f64) * 0.3) as i32;
    let cell = ((w - label_w - 8) / (m.cols.len().max(1) as i32)).clamp(8, CELL + 4);
    let head_h = 128;
    let y0 = top + head_h;
    let name = |en: &str, zh_name: &str| {
        if zh {
            zh_name.to_string()
        } else {
            en.to_string()
        }
    };
    // Column heads: each industry, turned to read upwards.
    for (c, &k) in m.cols.iter().enumerate() {
        let ind = &ds.industries[k];
        let text = fit_lines(
            area,
            &name(&ind.name_en, &ind.name_zh),
            MIN_TEXT_PX,
            head_h - 6,
            1,
        )
        .join("");
        let x = label_w + c as i32 * cell + cell / 2 - 6;
        let style = font(MIN_TEXT_PX)
            .transform(FontTransform::Rotate270)
            .color(&muted());
        area.draw(&Text::new(text, (x, y0 - 4), style)).map_err(e)?;
    }
    for (r, &i) in m.rows.iter().enumerate() {
        let y = y0 + r as i32 * CELL;
        let city = &ds.cities[i];
        let label = fit_lines(
            area,
            &name(&city.name_en, &city.name_zh),
            MIN_TEXT_PX,
            label_w - 8,
            1,
        )
        .join("");
        area.draw(&Text::new(
            label,
            (6, y + 1),
            font(MIN_TEXT_PX).color(&ink()),
        ))
        .map_err(e)?;
        for (c, link) in m.cells[r].iter().enumerate() {
            let x = label_w + c as i32 * cell;
            let k = role_class(link.as_ref());
            let rect = [(x + 1, y + 1), (x + cell - 1, y + CELL - 1)];
            if link.is_some() {
                let v = ROLE_CLASSES[k].2;
                let col = RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8);
                area.draw(&Rectangle::new(rect, col.filled())).map_err(e)?;
            } else {
                area.draw(&Rectangle::new(rect, muted().mix(0.25)))
                    .map_err(e)?;
            }
        }
    }
    // The key: each class that the matrix uses.
    let mut y = y0 + m.rows.len() as i32 * CELL + 10;
    for (k, class) in ROLE_CLASSES.iter().enumerate().take(ROLE_CLASSES.len() - 1) {
        let v = class.2;
        let col = RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8);
        area.draw(&Rectangle::new([(6, y + 2), (16, y + 12)], col.filled()))
            .map_err(e)?;
        let text = fit_lines(
            area,
            if zh { class.1 } else { class.0 },
            MIN_TEXT_PX,
            w - 30,
            1,
        )
        .join("");
        area.draw(&Text::new(text, (22, y), font(MIN_TEXT_PX).color(&ink())))
            .map_err(e)?;
        let _ = k;
        y += 16;
    }
    Ok(y + 4)
}

/// The data of the industry views, built from what the page loaded: the cities as the core
/// lists them (`[[id, level, parent], …]`, JSON) and the parks and alliances files.
pub fn industry_data(
    places: &str,
    parks: Option<&str>,
    alliances: Option<&str>,
) -> Result<region_map::model::Dataset, String> {
    use region_map::model::{DatasetBuilder, Level};
    type Row = (String, String, Option<String>, String, String);
    let list: Vec<Row> = serde_json::from_str(places).map_err(|x| format!("places: {x}"))?;
    let places: Vec<region_map::model::Place> = (list.into_iter())
        .map(|(id, level, parent, en, zh)| (id, Level::parse(&level), parent, en, zh))
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

/// [`industry_data`] for an export: the page's texts, an error as a JS value.
#[cfg(target_arch = "wasm32")]
fn data_for_page(
    places: &str,
    parks: Option<String>,
    alliances: Option<String>,
) -> Result<region_map::model::Dataset, wasm_bindgen::JsValue> {
    industry_data(places, parks.as_deref(), alliances.as_deref())
        .map_err(|x| wasm_bindgen::JsValue::from_str(&x))
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
    let ds = data_for_page(places, parks, alliances)?;
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
    let ds = data_for_page(places, parks, alliances)?;
    let list = ds.city(city).map(|c| ds.clusters_of(c)).unwrap_or_default();
    Ok(region_map::api::to_json(&list))
}

/// Draws the places-by-industries matrix at `year` on `canvas`, `width` CSS px wide and as tall
/// as it needs (returned, in CSS px), at the screen's pixel `ratio`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn draw_industry_matrix(
    canvas: web_sys::HtmlCanvasElement,
    width: u32,
    ratio: f64,
    places: &str,
    parks: Option<String>,
    alliances: Option<String>,
    year: Option<i32>,
    lang: &str,
    words: Vec<String>,
    colors: Vec<u32>,
) -> Result<u32, wasm_bindgen::JsValue> {
    let js = |x: String| wasm_bindgen::JsValue::from_str(&x);
    let ds = data_for_page(places, parks, alliances)?;
    let m = ds.industry_matrix(year);
    let zh = lang == "zh";
    let words = page_words(words);
    let title_text = words.get(if zh { Lang::Zh } else { Lang::En }, "chartMatrix");
    if let [a, b, c] = colors[..] {
        COLORS.with(|x| x.set([a, b, c]));
    }
    // Measured on a tall area first, then drawn at its height.
    let tall = canvas::ScaledCanvas::new(canvas.clone(), width, 2000, 1.0)?.into_drawing_area();
    let height = draw_matrix(&tall, &ds, &m, zh, title_text)
        .map_err(js)?
        .max(40) as u32;
    let area = canvas::ScaledCanvas::new(canvas, width, height, ratio)?.into_drawing_area();
    area.fill(&background()).map_err(|x| js(e(x)))?;
    draw_matrix(&area, &ds, &m, zh, title_text).map_err(js)?;
    area.present().map_err(|x| js(e(x)))?;
    Ok(height)
}

/// Every place's links to the industries at `year`, each with its source, as CSV.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn industry_csv(
    places: &str,
    parks: Option<String>,
    alliances: Option<String>,
    year: Option<i32>,
) -> Result<String, wasm_bindgen::JsValue> {
    let ds = data_for_page(places, parks, alliances)?;
    Ok(ds.industry_csv(year))
}

use region_map::scene::Lang;

/// A page's words as key, words, key, words, … (see `region_map::text`).
fn page_words(pairs: Vec<String>) -> region_map::text::Words {
    region_map::text::Words {
        tag: None,
        overrides: region_map::text::pairs(&pairs),
    }
}

/// A chart's data as a table (JSON `{caption, head, rows}`), for screen readers: each bar's
/// label and value, each year's values.
pub fn chart_table_json(spec: &ChartSpec) -> String {
    let mut caption = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for p in &spec.parts {
        match p {
            ChartPart::Note { title, text } => {
                caption.push(title.clone());
                rows.push(vec![text.clone(), String::new()]);
            }
            ChartPart::Bars { title, rows: r } => {
                caption.push(title.clone());
                rows.extend(
                    r.iter()
                        .map(|(label, _, text)| vec![label.clone(), text.clone()]),
                );
            }
            ChartPart::Years {
                title,
                bars,
                bar_label,
                line,
                line_label,
                ..
            } => {
                caption.push(title.clone());
                let mut years: Vec<i32> = bars.iter().map(|b| b.0).collect();
                years.extend(line.iter().flatten().map(|p| p.0));
                years.sort_unstable();
                years.dedup();
                for y in years {
                    let v = |s: &[(i32, f64)], name: &str| {
                        s.iter()
                            .find(|p| p.0 == y)
                            .map(|p| format!("{name}: {}", p.1))
                    };
                    let cells: Vec<String> = [
                        v(bars, bar_label),
                        line.as_deref().and_then(|l| v(l, line_label)),
                    ]
                    .into_iter()
                    .flatten()
                    .collect();
                    rows.push(vec![y.to_string(), cells.join("; ")]);
                }
            }
        }
    }
    serde_json::json!({ "caption": caption.join(" · "), "head": ["", ""], "rows": rows })
        .to_string()
}

/// The places-by-industries matrix as a table (JSON `{caption, head, rows}`): a row per
/// place, a column per industry, each cell the place's role in it.
pub fn industry_table_json(ds: &region_map::model::Dataset, year: Option<i32>, zh: bool) -> String {
    use region_map::scene::choropleth::{role_class, ROLE_CLASSES};
    let m = ds.industry_matrix(year);
    let name = |en: &str, z: &str| if zh { z.to_string() } else { en.to_string() };
    let mut head = vec![String::new()];
    head.extend(
        m.cols
            .iter()
            .map(|&k| name(&ds.industries[k].name_en, &ds.industries[k].name_zh)),
    );
    let rows: Vec<Vec<String>> = (m.rows.iter().zip(&m.cells))
        .map(|(&i, cells)| {
            let mut r = vec![name(&ds.cities[i].name_en, &ds.cities[i].name_zh)];
            // Each cell: how the place takes part, and the source behind it (the article and
            // its words), so that a reader reaches the evidence from the table.
            r.extend(cells.iter().map(|l| match l {
                Some(l) => {
                    let c = &ROLE_CLASSES[role_class(Some(l))];
                    let src = ds.link_source(l).map(|s| {
                        let title = ds.source(&s.source).and_then(|d| d.title.as_deref());
                        let quote = s
                            .quote
                            .as_deref()
                            .map(|q| format!(": “{q}”"))
                            .unwrap_or_default();
                        format!(" ({}{quote})", title.unwrap_or(&s.source))
                    });
                    format!("{}{}", name(c.0, c.1), src.unwrap_or_default())
                }
                None => String::new(),
            }));
            r
        })
        .collect();
    let caption = page_words(vec![])
        .get(if zh { Lang::Zh } else { Lang::En }, "chartMatrix")
        .to_string();
    serde_json::json!({ "caption": caption, "head": head, "rows": rows }).to_string()
}

/// A chart's data as a table, for screen readers: see [`chart_table_json`].
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn chart_table(spec: &str) -> Result<String, wasm_bindgen::JsValue> {
    let spec: ChartSpec =
        serde_json::from_str(spec).map_err(|x| wasm_bindgen::JsValue::from_str(&e(x)))?;
    Ok(chart_table_json(&spec))
}

/// The matrix as a table, for screen readers: see [`industry_table_json`].
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn industry_table(
    places: &str,
    parks: Option<String>,
    alliances: Option<String>,
    year: Option<i32>,
    lang: &str,
) -> Result<String, wasm_bindgen::JsValue> {
    let ds = data_for_page(places, parks, alliances)?;
    Ok(industry_table_json(&ds, year, lang == "zh"))
}
