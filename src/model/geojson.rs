//! GeoJSON features read from parsed JSON by hand: what the loader needs (a feature's id,
//! properties and geometry as nested coordinates), with a clear reason when a feature is not
//! valid. Written here rather than taken from the `geojson` crate, whose conversions cost the
//! module about 4 kB (gzipped) that a page loads before its first paint.

use serde_json::{Map, Value};

/// A feature: its id, its properties, and its geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// The feature's `id` member (a string, or a number written as text).
    pub id: Option<String>,
    /// Its properties (None when `null` or absent).
    pub properties: Option<Map<String, Value>>,
    /// Its geometry (None when `null`).
    pub geometry: Option<Geometry>,
}

/// A position: longitude, latitude (and any further numbers, ignored).
pub type Position = Vec<f64>;

/// A geometry, with coordinates as GeoJSON nests them.
#[derive(Debug, Clone, PartialEq)]
pub enum Geometry {
    /// One position.
    Point(Position),
    /// Positions.
    MultiPoint(Vec<Position>),
    /// A line.
    LineString(Vec<Position>),
    /// Lines.
    MultiLineString(Vec<Vec<Position>>),
    /// Rings: the exterior, then holes.
    Polygon(Vec<Vec<Position>>),
    /// Polygons.
    MultiPolygon(Vec<Vec<Vec<Position>>>),
    /// Geometries.
    Collection(Vec<Geometry>),
}

impl Geometry {
    /// The geometry's GeoJSON type.
    pub fn type_name(&self) -> &'static str {
        match self {
            Geometry::Point(_) => "Point",
            Geometry::MultiPoint(_) => "MultiPoint",
            Geometry::LineString(_) => "LineString",
            Geometry::MultiLineString(_) => "MultiLineString",
            Geometry::Polygon(_) => "Polygon",
            Geometry::MultiPolygon(_) => "MultiPolygon",
            Geometry::Collection(_) => "GeometryCollection",
        }
    }
}

fn position(v: &Value) -> Result<Position, String> {
    let a = v.as_array().ok_or("a position is not an array")?;
    let mut out = Vec::with_capacity(a.len());
    for n in a {
        out.push(
            n.as_f64()
                .ok_or("a position holds something that is not a number")?,
        );
    }
    if out.len() < 2 {
        return Err("a position has fewer than two numbers".into());
    }
    Ok(out)
}

fn array(v: &Value) -> Result<&Vec<Value>, String> {
    v.as_array()
        .ok_or_else(|| "coordinates are not nested arrays as the type needs".into())
}

fn positions(v: &Value) -> Result<Vec<Position>, String> {
    array(v)?.iter().map(position).collect()
}

fn lines(v: &Value) -> Result<Vec<Vec<Position>>, String> {
    array(v)?.iter().map(positions).collect()
}

/// Reads a geometry object.
pub fn geometry(v: &Value) -> Result<Geometry, String> {
    let o = v.as_object().ok_or("the geometry is not an object")?;
    let kind = o
        .get("type")
        .and_then(Value::as_str)
        .ok_or("the geometry has no type")?;
    if kind == "GeometryCollection" {
        let gs = (o.get("geometries").and_then(Value::as_array))
            .ok_or("a GeometryCollection has no geometries")?;
        return gs
            .iter()
            .map(geometry)
            .collect::<Result<_, _>>()
            .map(Geometry::Collection);
    }
    let c = o
        .get("coordinates")
        .ok_or("the geometry has no coordinates")?;
    Ok(match kind {
        "Point" => Geometry::Point(position(c)?),
        "MultiPoint" => Geometry::MultiPoint(positions(c)?),
        "LineString" => Geometry::LineString(positions(c)?),
        "MultiLineString" => Geometry::MultiLineString(lines(c)?),
        "Polygon" => Geometry::Polygon(lines(c)?),
        "MultiPolygon" => {
            Geometry::MultiPolygon(array(c)?.iter().map(lines).collect::<Result<_, _>>()?)
        }
        other => {
            let shown: String = other.chars().take(40).collect();
            return Err(format!("unknown geometry type \"{shown}\""));
        }
    })
}

/// Reads a Feature object (taking its properties out of the value, not copying them).
pub fn feature(v: Value) -> Result<Feature, String> {
    let Value::Object(mut o) = v else {
        return Err("not a valid GeoJSON feature: not an object".into());
    };
    if o.get("type").and_then(Value::as_str) != Some("Feature") {
        return Err("not a valid GeoJSON feature: its type is not \"Feature\"".into());
    }
    let id = match o.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let properties = match o.remove("properties") {
        Some(Value::Object(p)) => Some(p),
        Some(Value::Null) | None => None,
        Some(_) => return Err("not a valid GeoJSON feature: properties are not an object".into()),
    };
    let geometry = match o.get("geometry") {
        None | Some(Value::Null) => None,
        Some(g) => Some(geometry(g).map_err(|e| format!("not a valid GeoJSON feature: {e}"))?),
    };
    Ok(Feature {
        id,
        properties,
        geometry,
    })
}

/// A ring as a closed `geo` line string (GeoJSON rings are closed; an open one is closed).
pub fn ring(r: &[Position]) -> geo::LineString<f64> {
    let mut l: geo::LineString<f64> = r.iter().map(|p| geo::Coord { x: p[0], y: p[1] }).collect();
    l.close();
    l
}

/// A polygon's rings as a `geo` polygon.
pub fn polygon(rings: &[Vec<Position>]) -> geo::Polygon<f64> {
    let mut it = rings.iter();
    let exterior = it
        .next()
        .map(|r| ring(r))
        .unwrap_or_else(|| geo::LineString::new(vec![]));
    geo::Polygon::new(exterior, it.map(|r| ring(r)).collect())
}

/// A line as a `geo` line string.
pub fn line(l: &[Position]) -> geo::LineString<f64> {
    l.iter().map(|p| geo::Coord { x: p[0], y: p[1] }).collect()
}

/// Where the features of a FeatureCollection's text are, found without parsing it: the text
/// up to and including the `[` of its `features` array (`head`), each feature's byte range,
/// and where the array's `]` is (`tail`). A large file is read in chunks of whole features,
/// each made into a small FeatureCollection of its own (see [`Spans::chunk`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    /// The end of the head: the byte after the features array's `[`.
    pub head: usize,
    /// Each feature's start and end.
    pub items: Vec<(usize, usize)>,
    /// The features array's `]`.
    pub tail: usize,
}

impl Spans {
    /// Finds the features of a FeatureCollection's text: None when the text is not an object
    /// with a `features` array at its top level (a single Feature, or not JSON at all; the
    /// parser then says what is wrong).
    pub fn of(text: &str) -> Option<Spans> {
        let b = text.as_bytes();
        let mut depth = 0usize;
        let mut i = 0;
        // The last string closed at depth 1 (a member's name), and whether a ':' followed it.
        let mut key: Option<(usize, usize)> = None;
        let mut after_key = false;
        let mut spans: Option<Spans> = None;
        let mut start = None;
        while i < b.len() {
            if depth >= 3 {
                // Inside a feature only strings and brackets matter: most bytes are digits.
                while i < b.len() && !matches!(b[i], b'"' | b'{' | b'[' | b'}' | b']') {
                    i += 1;
                }
                if i == b.len() {
                    break;
                }
            }
            match b[i] {
                b'"' => {
                    let s = i;
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                    if depth == 1 {
                        key = Some((s + 1, i.min(b.len())));
                        after_key = false;
                    }
                    if depth == 2 && spans.as_ref().is_some_and(|s| s.tail == 0) {
                        // A string among the features: the parser will say what is wrong.
                        return None;
                    }
                }
                b':' if depth == 1 => after_key = true,
                b'{' | b'[' => {
                    depth += 1;
                    let opens_features = depth == 2
                        && b[i] == b'['
                        && after_key
                        && key.is_some_and(|(s, e)| &b[s..e] == b"features");
                    if opens_features {
                        spans = Some(Spans {
                            head: i + 1,
                            items: Vec::new(),
                            tail: 0,
                        });
                    } else if depth == 3 && spans.as_ref().is_some_and(|s| s.tail == 0) {
                        if b[i] == b'[' {
                            return None;
                        }
                        start = Some(i);
                    }
                    after_key = false;
                }
                b'}' | b']' => {
                    if depth == 0 {
                        return None;
                    }
                    depth -= 1;
                    if let Some(sp) = spans.as_mut().filter(|s| s.tail == 0) {
                        if depth == 2 {
                            if let Some(s) = start.take() {
                                sp.items.push((s, i + 1));
                            }
                        } else if depth == 1 {
                            sp.tail = i;
                        }
                    }
                }
                b',' if depth == 1 => after_key = false,
                c if depth == 2
                    && !c.is_ascii_whitespace()
                    && c != b','
                    && spans.as_ref().is_some_and(|s| s.tail == 0) =>
                {
                    // A number or literal among the features (see above).
                    return None;
                }
                _ => {}
            }
            i += 1;
        }
        spans.filter(|s| s.tail > 0 && depth == 0)
    }

    /// Features `from..to` as a FeatureCollection of their own: the file's head and tail
    /// (its type, attribution and other members) around them.
    pub fn chunk(&self, text: &str, from: usize, to: usize) -> String {
        let (Some(first), Some(last)) = (self.items.get(from), self.items.get(to.max(1) - 1))
        else {
            return format!("{}{}", &text[..self.head], &text[self.tail..]);
        };
        let mut out =
            String::with_capacity(self.head + (last.1 - first.0) + text.len() - self.tail);
        out.push_str(&text[..self.head]);
        out.push_str(&text[first.0..last.1]);
        out.push_str(&text[self.tail..]);
        out
    }

    /// The features in groups of about `bytes` bytes each (a feature larger than that is a
    /// group of its own), as ranges of feature indexes.
    pub fn groups(&self, bytes: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut from = 0;
        for (k, item) in self.items.iter().enumerate() {
            if item.1 - self.items[from].0 >= bytes || k + 1 == self.items.len() {
                out.push((from, k + 1));
                from = k + 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_find_each_feature_and_keep_the_head_and_tail() {
        let text = r#" {"type":"FeatureCollection","name":"a [\"quoted\"] {name}",
          "features": [ {"type":"Feature","properties":{"n":"]}\\"},"geometry":null} ,
            {"type":"Feature","properties":{"features":[1,[2]]},"geometry":{"type":"Point","coordinates":[1,2]}}
          ], "attribution": "x" } "#;
        let s = Spans::of(text).expect("a FeatureCollection");
        assert_eq!(s.items.len(), 2);
        for &(a, b) in &s.items {
            let v: Value = serde_json::from_str(&text[a..b]).unwrap();
            assert_eq!(v["type"], "Feature");
        }
        for (from, to) in [(0, 1), (1, 2), (0, 2)] {
            let v: Value = serde_json::from_str(&s.chunk(text, from, to)).unwrap();
            assert_eq!(v["features"].as_array().unwrap().len(), to - from);
            assert_eq!(v["attribution"], "x");
            assert_eq!(v["name"], "a [\"quoted\"] {name}");
        }
        assert_eq!(s.groups(1), vec![(0, 1), (1, 2)]);
        assert_eq!(s.groups(usize::MAX), vec![(0, 2)]);
    }

    #[test]
    fn spans_of_what_is_not_a_feature_collection_are_none() {
        for text in [
            "",
            "[]",
            r#"{"type":"Feature","geometry":null}"#,
            r#"{"type":"FeatureCollection","features":{}}"#,
            r#"{"type":"FeatureCollection","features":[{"a":1}"#,
            r#"{"x":{"features":[]}}"#,
            r#"{"features":[1,{"type":"Feature"}]}"#,
            r#"{"features":["a",{"type":"Feature"}]}"#,
            r#"{"features":[[],{"type":"Feature"}]}"#,
            "}{",
        ] {
            assert_eq!(Spans::of(text), None, "{text}");
        }
        let empty = Spans::of(r#"{"features":[]}"#).unwrap();
        assert!(empty.items.is_empty() && empty.groups(10).is_empty());
    }
}
