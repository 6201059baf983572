//! Parsing GeoJSON and JSON into the model, feature by feature.

use std::collections::HashSet;

use geo::BoundingRect;
use serde_json::{Map, Value};

use super::geojson::{self as gj, Geometry as G};
use super::{Alliance, City, Extra, Level, LonLat, Park, Problem, ProvinceOutline, SourceDoc};

/// What a loader found: the usable items, and a problem for each item it had to skip.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// Items that loaded.
    pub items: Vec<T>,
    /// Everything that was wrong, one entry per problem.
    pub problems: Vec<Problem>,
}

fn fatal(file: &str, reason: impl Into<String>) -> Problem {
    Problem {
        file: file.into(),
        feature: None,
        reason: reason.into(),
    }
}

/// Splits a FeatureCollection into features, each parsed on its own: one malformed feature
/// (a bad position, say) is that feature's problem, not the whole file's.
fn feature_collection(file: &str, text: &str) -> Result<Vec<Result<gj::Feature, String>>, Problem> {
    feature_collection_with_attribution(file, text).map(|(f, _)| f)
}

type Features = Vec<Result<gj::Feature, String>>;

/// Like [`feature_collection`], and also the collection's `attribution` member.
fn feature_collection_with_attribution(
    file: &str,
    text: &str,
) -> Result<(Features, Option<String>), Problem> {
    if text.trim().is_empty() {
        return Err(fatal(file, "the file is empty"));
    }
    // A FeatureCollection is read feature by feature from its text: the members around the
    // features as JSON, each feature's coordinates by hand where they are plain.
    if let Some(sp) = gj::Spans::of(text) {
        if let Ok(attribution) = collection_outer(file, &sp.outer(text)) {
            let features = sp.items.iter().map(|&(a, b)| gj::feature_text(&text[a..b]));
            return Ok((features.collect(), attribution));
        }
    }
    let mut doc: Value =
        serde_json::from_str(text).map_err(|e| fatal(file, format!("not valid GeoJSON: {e}")))?;
    let attribution = attribution_of(&doc);
    let parse = gj::feature;
    match doc.get("type").and_then(Value::as_str) {
        // The features are moved out of the document, not copied: files can be large.
        Some("FeatureCollection") => match doc.get_mut("features").map(Value::take) {
            Some(Value::Array(fs)) => Ok((fs.into_iter().map(parse).collect(), attribution)),
            _ => Err(fatal(
                file,
                "not valid GeoJSON: a FeatureCollection needs a \"features\" array",
            )),
        },
        Some("Feature") => Ok((vec![parse(doc)], None)),
        Some(other) => {
            let shown: String = other.chars().take(40).collect();
            Err(fatal(
                file,
                format!("not valid GeoJSON: type is \"{shown}\", expected a FeatureCollection"),
            ))
        }
        None => Err(fatal(file, "not valid GeoJSON: no \"type\" member")),
    }
}

/// A collection's `attribution` member, trimmed and at most 200 characters.
fn attribution_of(doc: &Value) -> Option<String> {
    doc.get("attribution")
        .and_then(Value::as_str)
        .map(|a| a.trim().chars().take(200).collect::<String>())
        .filter(|a| !a.is_empty())
}

/// The feature, or None after reporting why it could not be read.
fn usable(
    file: &str,
    i: usize,
    f: Result<gj::Feature, String>,
    problems: &mut Vec<Problem>,
) -> Option<gj::Feature> {
    match f {
        Ok(f) => Some(f),
        Err(reason) => {
            problems.push(Problem {
                file: file.into(),
                feature: Some(format!("#{i}")),
                reason,
            });
            None
        }
    }
}

fn feature_label(v: &gj::Feature, i: usize) -> String {
    (v.properties.as_ref())
        .and_then(|p| p.get("id")?.as_str().map(str::to_string))
        .or_else(|| v.id.clone())
        .unwrap_or_else(|| format!("#{i}"))
}

fn str_prop(props: &Map<String, Value>, key: &str) -> Option<String> {
    match props.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// An id from a name: ASCII letters and digits lowercased, other runs become '-'. Names with
/// no ASCII at all (Chinese) are kept as they are, since an id must not be empty.
pub(crate) fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        name.trim().to_string()
    } else {
        s
    }
}

fn finite_lonlat(c: &geo::Coord<f64>) -> bool {
    c.x.is_finite()
        && c.y.is_finite()
        && (-360.0..=360.0).contains(&c.x)
        && (-90.0..=90.0).contains(&c.y)
}

fn to_multipolygon(geom: G) -> Result<geo::MultiPolygon<f64>, String> {
    let mp = match &geom {
        G::Polygon(rings) => geo::MultiPolygon::new(vec![gj::polygon(rings)]),
        G::MultiPolygon(ps) => geo::MultiPolygon::new(ps.iter().map(|p| gj::polygon(p)).collect()),
        other => {
            return Err(format!(
                "geometry is {}, expected Polygon or MultiPolygon",
                other.type_name()
            ))
        }
    };
    for p in &mp.0 {
        if p.exterior().0.len() < 4 {
            return Err("a polygon ring has fewer than 4 positions".into());
        }
        for r in std::iter::once(p.exterior()).chain(p.interiors()) {
            if let Some(c) = r.0.iter().find(|c| !finite_lonlat(c)) {
                return Err(format!(
                    "coordinate [{}, {}] is not a longitude/latitude",
                    c.x, c.y
                ));
            }
        }
    }
    if mp.0.is_empty() {
        return Err("geometry has no polygons".into());
    }
    Ok(super::shape::unwrap_antimeridian(mp))
}

/// Everything a map's main GeoJSON gives: polygons become cities; points and lines are drawn
/// as they are.
#[derive(Debug, Clone, Default)]
pub struct MapLayer {
    /// Polygon features.
    pub cities: Vec<City>,
    /// Point and line features.
    pub extras: Vec<Extra>,
    /// Problems with single features.
    pub problems: Vec<Problem>,
    /// The collection's `attribution` member (a foreign member that names the source), shown
    /// in the map's credit line.
    pub attribution: Option<String>,
}

/// Property names that may hold a feature's name, in order of preference.
const NAME_KEYS_EN: &[&str] = &[
    "name_en", "NAME_EN", "name:en", "name", "NAME", "Name", "名称", "名字", "title", "label",
];
const NAME_KEYS_ZH: &[&str] = &[
    "name_zh", "NAME_ZH", "name:zh", "名称", "名字", "name", "NAME", "Name", "title", "label",
];

fn first_prop(props: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| str_prop(props, k))
}

fn lonlat_checked(c: &[f64]) -> Result<LonLat, String> {
    match c {
        [x, y, ..] if finite_lonlat(&geo::Coord { x: *x, y: *y }) => Ok(LonLat::new(*x, *y)),
        [x, y, ..] => Err(format!("coordinate [{x}, {y}] is not a longitude/latitude")),
        _ => Err("a position has fewer than two numbers".into()),
    }
}

/// Parses the map's main GeoJSON. A file that is not GeoJSON, or has no usable feature, is an
/// error. A feature that is unusable (no geometry, an unsupported type, bad coordinates, a
/// short ring, a duplicate id) is skipped and reported. Missing properties get sensible
/// values, so that any FeatureCollection shows: the id falls back to the feature id, then a
/// name-like property (`name`, `NAME`, `名称`, …), then the index; the label point of a polygon
/// to a point inside it.
pub fn parse_map(file: &str, text: &str) -> Result<MapLayer, Problem> {
    let (features, attribution) = feature_collection_with_attribution(file, text)?;
    let empty = features.is_empty();
    let layer = layer_of(file, features, attribution, 0);
    if layer.cities.is_empty() && layer.extras.is_empty() {
        return Err(no_usable_feature(file, empty, layer.problems.first()));
    }
    Ok(layer)
}

/// The members around a FeatureCollection's features (its text with `features` an empty
/// array): an error when they are not a FeatureCollection's, else its attribution.
pub fn collection_outer(file: &str, outer: &str) -> Result<Option<String>, Problem> {
    let o: Value =
        serde_json::from_str(outer).map_err(|e| fatal(file, format!("not valid GeoJSON: {e}")))?;
    if o.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(fatal(
            file,
            "not valid GeoJSON: expected a FeatureCollection",
        ));
    }
    Ok(attribution_of(&o))
}

/// Features of a FeatureCollection's text, each read from its own text (a step of a large
/// file), counted from `first`: a layer, whose problems are those of single features. Whether
/// the file has a usable feature at all is [`no_usable_feature`]'s question, at its end.
pub fn map_features<'a>(
    file: &str,
    texts: impl IntoIterator<Item = &'a str>,
    first: usize,
) -> MapLayer {
    let features = texts.into_iter().map(gj::feature_text).collect();
    layer_of(file, features, None, first)
}

/// The error for a main GeoJSON none of whose features can be drawn (`empty`: it has none),
/// with the first problem found.
pub fn no_usable_feature(file: &str, empty: bool, first: Option<&Problem>) -> Problem {
    let why = first
        .map(|p| format!(" (first problem: {p})"))
        .unwrap_or_default();
    fatal(
        file,
        if empty {
            "the collection is empty".to_string()
        } else {
            format!("no usable features{why}")
        },
    )
}

/// The features of the main GeoJSON as a layer of cities (polygons) and extras (points and
/// lines), counting them from `first`.
fn layer_of(file: &str, features: Features, attribution: Option<String>, first: usize) -> MapLayer {
    let mut out = MapLayer {
        attribution,
        ..MapLayer::default()
    };
    let mut seen = HashSet::<_, super::IdBuild>::default();
    for (i, f) in (first..).zip(features) {
        let Some(mut f) = usable(file, i, f, &mut out.problems) else {
            continue;
        };
        let props = f.properties.take().unwrap_or_default();
        let fid = f.id.take();
        let name_en = first_prop(&props, NAME_KEYS_EN);
        let name_zh = first_prop(&props, NAME_KEYS_ZH);
        let id = str_prop(&props, "id")
            .or(fid)
            .or_else(|| name_en.as_deref().map(slug))
            .unwrap_or_else(|| format!("feature-{i}"));
        let mut problem = |reason: String| {
            out.problems.push(Problem {
                file: file.into(),
                feature: Some(id.clone()),
                reason,
            });
        };
        if !seen.insert(id.clone()) {
            problem(format!(
                "duplicate id '{id}'; the later feature is left out"
            ));
            continue;
        }
        let Some(geom) = f.geometry.take() else {
            problem("no geometry".into());
            continue;
        };
        let pts = |cs: &[gj::Position]| {
            cs.iter()
                .map(|c| lonlat_checked(c))
                .collect::<Result<Vec<_>, _>>()
        };
        // A point or line's positions (an extra, which keeps the properties: moved, not
        // copied, as there may be many thousands).
        let parsed = match &geom {
            G::Point(c) => lonlat_checked(c).map(|p| (vec![p], vec![])),
            G::MultiPoint(cs) => pts(cs).map(|p| (p, vec![])),
            G::LineString(cs) if cs.len() < 2 => Err("a line needs at least two positions".into()),
            G::LineString(cs) => pts(cs).map(|l| (vec![], vec![l])),
            G::MultiLineString(ls) => ls
                .iter()
                .map(|l| pts(l))
                .collect::<Result<Vec<_>, _>>()
                .map(|l| (vec![], l)),
            G::Polygon(_) | G::MultiPolygon(_) => {
                match city_from(&props, geom, id.clone(), name_en.clone(), name_zh.clone()) {
                    Ok(c) => {
                        out.cities.push(c);
                        continue;
                    }
                    Err(e) => Err(e),
                }
            }
            other => Err(format!(
                "geometry is {}, which is not drawn",
                other.type_name()
            )),
        };
        match parsed {
            Ok((points, lines)) => out.extras.push(Extra {
                name_zh: (name_zh.or_else(|| name_en.clone())).unwrap_or_else(|| id.clone()),
                name_en: name_en.unwrap_or_else(|| id.clone()),
                id,
                points,
                lines,
                properties: props,
            }),
            Err(e) => problem(e),
        }
    }
    out
}

fn city_from(
    props: &Map<String, Value>,
    geom: G,
    id: String,
    name_en: Option<String>,
    name_zh: Option<String>,
) -> Result<City, String> {
    let shape = to_multipolygon(geom)?;
    let level = match str_prop(props, "level").as_deref() {
        Some("district") => Level::District,
        Some("county") => Level::County,
        _ => Level::Prefecture,
    };
    let seat = props
        .get("seat")
        .and_then(|v| Some(LonLat::new(v.get(0)?.as_f64()?, v.get(1)?.as_f64()?)))
        .filter(|&s| super::shape::contains(&shape, s));
    let seat = seat
        .or_else(|| super::shape::label_point(&shape))
        .or_else(|| super::shape::interior_point(&shape))
        // A polygon with no area (a speck, collapsed by quantisation): its box's centre.
        .or_else(|| {
            let r = shape.bounding_rect()?;
            Some(LonLat::new(
                (r.min().x + r.max().x) / 2.0,
                (r.min().y + r.max().y) / 2.0,
            ))
        })
        .map(|p| LonLat::new(crate::view::wrap_lon(p.lon), p.lat))
        .ok_or("cannot find a point inside the polygon")?;
    if shape.bounding_rect().is_none() {
        return Err("empty geometry".into());
    }
    // The properties the map reads itself; the rest go to the record as they are.
    const READ: [&str; 10] = [
        "id",
        "seat",
        "level",
        "parent",
        "name_en",
        "name_zh",
        "province",
        "province_zh",
        "name_zh_full",
        "fill",
    ];
    let properties: Map<String, Value> = (props.iter())
        .filter(|(k, _)| !READ.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let numbers = (properties.iter())
        .filter(|(k, _)| k.as_str() != "name")
        .filter_map(|(k, v)| v.as_f64().filter(|x| x.is_finite()).map(|x| (k.clone(), x)))
        .collect();
    Ok(City {
        numbers,
        fill: str_prop(props, "fill").and_then(|s| crate::scene::Rgba::parse_hex(&s)),
        properties,
        name_en: name_en.clone().unwrap_or_else(|| id.clone()),
        name_zh: name_zh.or(name_en).unwrap_or_else(|| id.clone()),
        id,
        name_zh_full: str_prop(props, "name_zh_full"),
        province: str_prop(props, "province").unwrap_or_default(),
        level,
        parent: str_prop(props, "parent"),
        seat,
        shape,
    })
}

/// Parses a city FeatureCollection: like [`parse_map`], but only polygons are wanted, so a
/// point or line feature is reported as a problem too.
pub fn parse_cities(file: &str, text: &str) -> Result<Loaded<City>, Problem> {
    let layer = parse_map(file, text)?;
    let mut problems = layer.problems;
    for x in &layer.extras {
        let kind = if x.lines.is_empty() {
            "a point"
        } else {
            "a line"
        };
        problems.push(Problem {
            file: file.into(),
            feature: Some(x.id.clone()),
            reason: format!("geometry is {kind}, expected Polygon or MultiPolygon"),
        });
    }
    if layer.cities.is_empty() {
        let why = problems
            .first()
            .map(|p| format!(" (first problem: {p})"))
            .unwrap_or_default();
        return Err(fatal(file, format!("no usable city features{why}")));
    }
    Ok(Loaded {
        items: layer.cities,
        problems,
    })
}

/// Parses the parks FeatureCollection: Point features whose properties follow [`Park`].
pub fn parse_parks(file: &str, text: &str) -> Result<Loaded<Park>, Problem> {
    let features = feature_collection(file, text)?;
    let mut items: Vec<Park> = Vec::new();
    let mut problems = Vec::new();
    for (i, f) in features.into_iter().enumerate() {
        let Some(f) = usable(file, i, f, &mut problems) else {
            continue;
        };
        let props = f.properties.clone().unwrap_or_default();
        let label = str_prop(&props, "id").unwrap_or_else(|| format!("#{i}"));
        let mut problem = |reason: String| {
            problems.push(Problem {
                file: file.into(),
                feature: Some(label.clone()),
                reason,
            });
        };
        let location = match f.geometry.as_ref() {
            Some(G::Point(c)) => LonLat::new(c[0], c[1]),
            Some(other) => {
                problem(format!("geometry is {}, expected Point", other.type_name()));
                continue;
            }
            None => {
                problem("no geometry".into());
                continue;
            }
        };
        if !finite_lonlat(&geo::Coord {
            x: location.lon,
            y: location.lat,
        }) {
            problem("the point is not a longitude/latitude".into());
            continue;
        }
        let stage = props
            .get("stage")
            .filter(|v| !v.is_null())
            .map(super::Stage::from_json);
        let mut park: Park = match serde_json::from_value(Value::Object(props)) {
            Ok(p) => p,
            Err(e) => {
                problem(format!("bad properties: {e}"));
                continue;
            }
        };
        match stage {
            Some(Ok(s)) => park.stage = Some(s),
            Some(Err(e)) => problem(format!("bad stage: {e}; left out")),
            None => {}
        }
        if items.iter().any(|p| p.id == park.id) {
            problem(format!(
                "duplicate id '{}'; the later park is left out",
                park.id
            ));
            continue;
        }
        park.location = location;
        items.push(park);
    }
    Ok(Loaded { items, problems })
}

/// The alliances file: source documents and alliances.
#[derive(serde::Deserialize)]
struct AllianceFile {
    #[serde(default)]
    sources: Vec<Value>,
    #[serde(default)]
    industries: Vec<Value>,
    #[serde(default)]
    alliances: Vec<Value>,
}

/// Parses `alliances.json`. Each alliance and source entry is parsed on its own, so one bad
/// entry is reported and skipped while the rest load.
pub fn parse_alliances(file: &str, text: &str) -> Result<AlliancesFile, Problem> {
    let doc: AllianceFile = serde_json::from_str(text)
        .map_err(|e| fatal(file, format!("not valid alliances JSON: {e}")))?;
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    for (i, s) in doc.sources.into_iter().enumerate() {
        match serde_json::from_value::<SourceDoc>(s) {
            Ok(s) => sources.push(s),
            Err(e) => problems.push(Problem {
                file: file.into(),
                feature: Some(format!("sources[{i}]")),
                reason: format!("bad source: {e}"),
            }),
        }
    }
    let mut industries: Vec<super::Industry> = Vec::new();
    for (i, v) in doc.industries.into_iter().enumerate() {
        match super::Industry::from_json(&v) {
            Ok(x) if industries.iter().any(|y| y.id == x.id) => problems.push(Problem {
                file: file.into(),
                feature: Some(x.id),
                reason: "duplicate industry id; the later one is left out".into(),
            }),
            Ok(x) => industries.push(x),
            Err(e) => problems.push(Problem {
                file: file.into(),
                feature: Some(format!("industries[{i}]")),
                reason: format!("bad industry: {e}"),
            }),
        }
    }
    let mut items: Vec<Alliance> = Vec::new();
    for (i, a) in doc.alliances.into_iter().enumerate() {
        let label = a
            .get("id")
            .and_then(Value::as_str)
            .map_or(format!("alliances[{i}]"), str::to_string);
        match serde_json::from_value::<Alliance>(a) {
            Ok(a) if items.iter().any(|b| b.id == a.id) => problems.push(Problem {
                file: file.into(),
                feature: Some(label),
                reason: "duplicate id; the later alliance is left out".into(),
            }),
            Ok(a) => items.push(a),
            Err(e) => problems.push(Problem {
                file: file.into(),
                feature: Some(label),
                reason: format!("bad alliance: {e}"),
            }),
        }
    }
    Ok(AlliancesFile {
        alliances: Loaded { items, problems },
        sources,
        industries,
    })
}

/// What `alliances.json` holds: the alliances (with the problems found), the sources and the
/// industries' vocabulary.
pub struct AlliancesFile {
    /// The alliances, and every problem of the file.
    pub alliances: Loaded<Alliance>,
    /// The source documents.
    pub sources: Vec<SourceDoc>,
    /// The industries.
    pub industries: Vec<super::Industry>,
}

/// Parses province outlines (LineString or MultiLineString features).
pub fn parse_provinces(file: &str, text: &str) -> Result<Loaded<ProvinceOutline>, Problem> {
    let features = feature_collection(file, text)?;
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for (i, f) in features.into_iter().enumerate() {
        let Some(f) = usable(file, i, f, &mut problems) else {
            continue;
        };
        let props = f.properties.clone().unwrap_or_default();
        let id = feature_label(&f, i);
        let lines: Result<geo::MultiLineString<f64>, String> = match f.geometry.as_ref() {
            Some(G::MultiLineString(ls)) => Ok(geo::MultiLineString::new(
                ls.iter().map(|l| gj::line(l)).collect(),
            )),
            Some(G::LineString(l)) => Ok(geo::MultiLineString::new(vec![gj::line(l)])),
            Some(other) => Err(format!("geometry is {}, expected lines", other.type_name())),
            None => Err("no geometry".into()),
        };
        match lines {
            Ok(lines) => items.push(ProvinceOutline {
                name_en: str_prop(&props, "name_en").unwrap_or_else(|| id.clone()),
                name_zh: str_prop(&props, "name_zh").unwrap_or_default(),
                id,
                lines,
            }),
            Err(reason) => problems.push(Problem {
                file: file.into(),
                feature: Some(id),
                reason,
            }),
        }
    }
    Ok(Loaded { items, problems })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str =
        r#"{"type":"Polygon","coordinates":[[[120,30],[121,30],[121,31],[120,31],[120,30]]]}"#;

    #[test]
    fn skips_bad_features_and_keeps_good_ones() {
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"id":"good","name_en":"Good"}},"geometry":{SQUARE}}},
            {{"type":"Feature","properties":{{"id":"point"}},"geometry":{{"type":"Point","coordinates":[1,2]}}}},
            {{"type":"Feature","properties":{{"id":"good"}},"geometry":{SQUARE}}},
            {{"type":"Feature","properties":{{"id":"nogeom"}},"geometry":null}}
            ]}}"#
        );
        let l = parse_cities("cities.geojson", &text).unwrap();
        assert_eq!(l.items.len(), 1);
        assert_eq!(l.problems.len(), 3);
        let msgs: Vec<String> = l.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("cities.geojson: feature point: geometry is a point")),
            "{msgs:?}"
        );
        assert!(msgs
            .iter()
            .any(|m| m.contains("feature good: duplicate id")));
        assert!(msgs
            .iter()
            .any(|m| m.contains("feature nogeom: no geometry")));
        // The missing seat is filled in with a point inside.
        let s = l.items[0].seat;
        assert!(s.lon > 120.0 && s.lon < 121.0);
    }

    #[test]
    fn names_the_file_when_it_is_not_geojson() {
        let e = parse_cities("x.geojson", "{nope").unwrap_err();
        assert!(
            e.to_string().starts_with("x.geojson: not valid GeoJSON"),
            "{e}"
        );
        let e = parse_cities("x.geojson", r#"{"type":"Topology"}"#).unwrap_err();
        assert!(
            e.to_string().starts_with("x.geojson: not valid GeoJSON"),
            "{e}"
        );
        let e = parse_cities("x.geojson", "").unwrap_err();
        assert!(e.to_string().contains("empty"));
    }

    #[test]
    fn a_malformed_position_spoils_only_its_feature() {
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"id":"bad"}},"geometry":{{"type":"Point","coordinates":[[[1]]]}}}},
            {{"type":"Feature","properties":{{"id":"good"}},"geometry":{SQUARE}}}]}}"#
        );
        let l = parse_cities("c.geojson", &text).unwrap();
        assert_eq!(l.items.len(), 1);
        assert_eq!(l.problems.len(), 1);
        assert!(
            l.problems[0]
                .to_string()
                .starts_with("c.geojson: feature #0: not a valid GeoJSON feature"),
            "{}",
            l.problems[0]
        );
    }

    #[test]
    fn any_geojson_works() {
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"NAME":"Lake District"}},"geometry":{SQUARE}}},
            {{"type":"Feature","properties":{{"名称":"码头"}},"geometry":{{"type":"Point","coordinates":[120.5,30.5]}}}},
            {{"type":"Feature","properties":{{}},"geometry":{{"type":"MultiPoint","coordinates":[[120.1,30.1],[120.2,30.2]]}}}},
            {{"type":"Feature","properties":{{"name":"Canal"}},"geometry":{{"type":"LineString","coordinates":[[120,30],[121,31]]}}}},
            {{"type":"Feature","properties":{{"name":"Holey"}},"geometry":{{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}}}}
            ]}}"#
        );
        let l = parse_map("mine.geojson", &text).unwrap();
        assert!(l.problems.is_empty(), "{:?}", l.problems);
        assert_eq!(l.cities.len(), 2);
        assert_eq!(l.cities[0].id, "lake-district");
        // The label point of a polygon with a hole is not in the hole.
        let s = l.cities[1].seat;
        assert!(!(s.lon > 4.0 && s.lon < 6.0 && s.lat > 4.0 && s.lat < 6.0));
        assert_eq!(l.extras.len(), 3);
        assert_eq!(l.extras[0].name_zh, "码头");
        assert_eq!(l.extras[1].id, "feature-2", "no id and no name: the index");
        assert_eq!(l.extras[1].points.len(), 2);
        assert_eq!(l.extras[2].lines[0].len(), 2);
    }

    #[test]
    fn bad_input_is_named() {
        let fatal = |text: &str| parse_map("bad.geojson", text).unwrap_err().to_string();
        assert!(fatal("not json").starts_with("bad.geojson: not valid GeoJSON"));
        assert!(fatal(r#"{"hello":1}"#).contains("no \"type\""));
        assert!(fatal(r#"[1,2]"#).contains("not valid GeoJSON"));
        assert!(fatal(r#"{"type":"FeatureCollection","features":[]}"#)
            .contains("the collection is empty"));
        assert!(fatal(r#"{"type":"FeatureCollection"}"#).contains("\"features\" array"));
        let one = |geometry: &str| {
            let text = format!(
                r#"{{"type":"FeatureCollection","features":[
                {{"type":"Feature","properties":{{"id":"ok"}},"geometry":{SQUARE}}},
                {{"type":"Feature","properties":{{"id":"bad"}},"geometry":{geometry}}}]}}"#
            );
            let l = parse_map("f.geojson", &text).unwrap();
            assert_eq!(l.cities.len(), 1, "the good feature stays");
            assert_eq!(l.problems.len(), 1, "{geometry}");
            l.problems[0].to_string()
        };
        assert!(one("null").contains("feature bad: no geometry"));
        assert!(one(r#"{"type":"GeometryCollection","geometries":[]}"#).contains("not drawn"));
        assert!(one(r#"{"type":"Point","coordinates":["a","b"]}"#)
            .contains("not a valid GeoJSON feature"));
        assert!(
            one(r#"{"type":"Point","coordinates":[500,10]}"#).contains("not a longitude/latitude")
        );
        assert!(
            one(r#"{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}"#)
                .contains("fewer than 4")
        );
        assert!(one(r#"{"type":"LineString","coordinates":[[0,0]]}"#).contains("at least two"));
    }

    #[test]
    fn reads_the_attribution_member() {
        let text = format!(
            r#"{{"type":"FeatureCollection","attribution":"Boundaries: X (MIT)","features":[{{"type":"Feature","properties":{{}},"geometry":{SQUARE}}}]}}"#
        );
        assert_eq!(
            parse_map("a", &text).unwrap().attribution.as_deref(),
            Some("Boundaries: X (MIT)")
        );
        let text =
            format!(r#"{{"type":"Feature","properties":{{"attribution":1}},"geometry":{SQUARE}}}"#);
        assert_eq!(parse_map("a", &text).unwrap().attribution, None);
    }

    #[test]
    fn falls_back_to_name() {
        let text = format!(
            r#"{{"type":"Feature","properties":{{"name":"West Lake"}},"geometry":{SQUARE}}}"#
        );
        let l = parse_cities("any.geojson", &text).unwrap();
        assert_eq!(l.items[0].id, "west-lake");
        assert_eq!(l.items[0].name_en, "West Lake");
    }

    #[test]
    fn rejects_coordinates_outside_the_globe() {
        let text = r#"{"type":"Feature","properties":{"id":"x"},"geometry":{"type":"Polygon","coordinates":[[[120,30],[400,30],[121,31],[120,30]]]}}"#;
        let e = parse_cities("f.geojson", text).unwrap_err();
        assert!(e.to_string().contains("not a longitude/latitude"), "{e}");
    }
}
