//! Parsing GeoJSON and JSON into the model, feature by feature.

use std::collections::HashSet;

use geo::{BoundingRect, Contains, InteriorPoint};
use geojson::Value as GValue;
use serde_json::{Map, Value};

use super::{Alliance, City, Level, LonLat, Park, Problem, ProvinceOutline, SourceDoc};

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
fn feature_collection(
    file: &str,
    text: &str,
) -> Result<Vec<Result<geojson::Feature, String>>, Problem> {
    if text.trim().is_empty() {
        return Err(fatal(file, "the file is empty"));
    }
    let doc: Value =
        serde_json::from_str(text).map_err(|e| fatal(file, format!("not valid GeoJSON: {e}")))?;
    let parse = |v: Value| {
        geojson::Feature::from_json_value(v)
            .map_err(|e| format!("not a valid GeoJSON feature: {e}"))
    };
    match doc.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => match doc.get("features") {
            Some(Value::Array(fs)) => Ok(fs.iter().cloned().map(parse).collect()),
            _ => Err(fatal(
                file,
                "not valid GeoJSON: a FeatureCollection needs a \"features\" array",
            )),
        },
        Some("Feature") => Ok(vec![parse(doc)]),
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

fn feature_label(v: &geojson::Feature, i: usize) -> String {
    v.property("id")
        .and_then(|id| id.as_str().map(str::to_string))
        .or_else(|| {
            v.id.as_ref().map(|id| match id {
                geojson::feature::Id::String(s) => s.clone(),
                geojson::feature::Id::Number(n) => n.to_string(),
            })
        })
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
        && (-180.0..=180.0).contains(&c.x)
        && (-90.0..=90.0).contains(&c.y)
}

fn to_multipolygon(geom: &geojson::Geometry) -> Result<geo::MultiPolygon<f64>, String> {
    let mp = match &geom.value {
        GValue::Polygon(_) => {
            let p: geo::Polygon<f64> = geom.value.clone().try_into().map_err(|e| format!("{e}"))?;
            geo::MultiPolygon::new(vec![p])
        }
        GValue::MultiPolygon(_) => geom.value.clone().try_into().map_err(|e| format!("{e}"))?,
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
    Ok(mp)
}

/// Parses a city FeatureCollection. A file that is not GeoJSON, or has no usable feature, is
/// an error. A feature that is unusable (no geometry, wrong geometry type, bad coordinates, a
/// duplicate id) is skipped and reported. Missing optional properties get sensible values, so
/// that any polygon GeoJSON with a `name` shows: the id falls back to the feature id or a slug
/// of the name, the label point to an interior point.
pub fn parse_cities(file: &str, text: &str) -> Result<Loaded<City>, Problem> {
    let features = feature_collection(file, text)?;
    let mut items = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (i, f) in features.iter().enumerate() {
        let f = match f {
            Ok(f) => f,
            Err(reason) => {
                problems.push(Problem {
                    file: file.into(),
                    feature: Some(format!("#{i}")),
                    reason: reason.clone(),
                });
                continue;
            }
        };
        let props = f.properties.clone().unwrap_or_default();
        let fid = f.id.as_ref().map(|id| match id {
            geojson::feature::Id::String(s) => s.clone(),
            geojson::feature::Id::Number(n) => n.to_string(),
        });
        let name_en = str_prop(&props, "name_en").or_else(|| str_prop(&props, "name"));
        let name_zh = str_prop(&props, "name_zh").or_else(|| str_prop(&props, "name"));
        let id = str_prop(&props, "id")
            .or(fid)
            .or_else(|| name_en.as_deref().map(slug));
        let label = id.clone().unwrap_or_else(|| format!("#{i}"));
        let mut problem = |reason: String| {
            problems.push(Problem {
                file: file.into(),
                feature: Some(label.clone()),
                reason,
            });
        };
        let Some(id) = id else {
            problem("no id and no name".into());
            continue;
        };
        if !seen.insert(id.clone()) {
            problem(format!(
                "duplicate id '{id}'; the later feature is left out"
            ));
            continue;
        }
        let Some(geom) = &f.geometry else {
            problem("no geometry".into());
            continue;
        };
        let shape = match to_multipolygon(geom) {
            Ok(s) => s,
            Err(e) => {
                problem(e);
                continue;
            }
        };
        let level = match str_prop(&props, "level").as_deref() {
            None | Some("prefecture") => Level::Prefecture,
            Some("district") => Level::District,
            Some("county") => Level::County,
            Some(other) => {
                problem(format!("unknown level '{other}', shown as a prefecture"));
                Level::Prefecture
            }
        };
        let seat = props
            .get("seat")
            .and_then(|v| Some(LonLat::new(v.get(0)?.as_f64()?, v.get(1)?.as_f64()?)))
            .filter(|s| shape.contains(&geo::Point::new(s.lon, s.lat)));
        let seat = match seat.or_else(|| shape.interior_point().map(|p| LonLat::new(p.x(), p.y())))
        {
            Some(s) => s,
            None => {
                problem("cannot find a point inside the polygon".into());
                continue;
            }
        };
        if shape.bounding_rect().is_none() {
            problem("empty geometry".into());
            continue;
        }
        let numbers = props
            .iter()
            .filter(|(k, _)| {
                ![
                    "id", "seat", "level", "parent", "name", "name_en", "name_zh", "province",
                ]
                .contains(&k.as_str())
            })
            .filter_map(|(k, v)| v.as_f64().filter(|x| x.is_finite()).map(|x| (k.clone(), x)))
            .collect();
        items.push(City {
            numbers,
            name_en: name_en.clone().unwrap_or_else(|| id.clone()),
            name_zh: name_zh.or(name_en).unwrap_or_else(|| id.clone()),
            id,
            province: str_prop(&props, "province").unwrap_or_default(),
            level,
            parent: str_prop(&props, "parent"),
            seat,
            shape,
        });
    }
    if items.is_empty() {
        let why = problems
            .first()
            .map(|p| format!(" (first problem: {p})"))
            .unwrap_or_default();
        return Err(fatal(file, format!("no usable city features{why}")));
    }
    Ok(Loaded { items, problems })
}

/// Parses the parks FeatureCollection: Point features whose properties follow [`Park`].
pub fn parse_parks(file: &str, text: &str) -> Result<Loaded<Park>, Problem> {
    let features = feature_collection(file, text)?;
    let mut items: Vec<Park> = Vec::new();
    let mut problems = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let f = match f {
            Ok(f) => f,
            Err(reason) => {
                problems.push(Problem {
                    file: file.into(),
                    feature: Some(format!("#{i}")),
                    reason: reason.clone(),
                });
                continue;
            }
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
        let location = match f.geometry.as_ref().map(|g| &g.value) {
            Some(GValue::Point(c)) if c.len() >= 2 => LonLat::new(c[0], c[1]),
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
        let mut park: Park = match serde_json::from_value(Value::Object(props)) {
            Ok(p) => p,
            Err(e) => {
                problem(format!("bad properties: {e}"));
                continue;
            }
        };
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
    alliances: Vec<Value>,
}

/// Parses `alliances.json`. Each alliance and source entry is parsed on its own, so one bad
/// entry is reported and skipped while the rest load.
pub fn parse_alliances(
    file: &str,
    text: &str,
) -> Result<(Loaded<Alliance>, Vec<SourceDoc>), Problem> {
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
    Ok((Loaded { items, problems }, sources))
}

/// Parses province outlines (LineString or MultiLineString features).
pub fn parse_provinces(file: &str, text: &str) -> Result<Loaded<ProvinceOutline>, Problem> {
    let features = feature_collection(file, text)?;
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let f = match f {
            Ok(f) => f,
            Err(reason) => {
                problems.push(Problem {
                    file: file.into(),
                    feature: Some(format!("#{i}")),
                    reason: reason.clone(),
                });
                continue;
            }
        };
        let props = f.properties.clone().unwrap_or_default();
        let id = feature_label(f, i);
        let lines: Result<geo::MultiLineString<f64>, String> =
            match f.geometry.as_ref().map(|g| &g.value) {
                Some(v @ GValue::MultiLineString(_)) => {
                    v.clone().try_into().map_err(|e| format!("{e}"))
                }
                Some(v @ GValue::LineString(_)) => v
                    .clone()
                    .try_into()
                    .map(|l: geo::LineString<f64>| geo::MultiLineString::new(vec![l]))
                    .map_err(|e| format!("{e}")),
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
        let msg = l.problems[0].to_string();
        assert!(
            msg.contains("cities.geojson") && msg.contains("point") && msg.contains("Point"),
            "{msg}"
        );
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
