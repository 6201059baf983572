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

/// A position: longitude, latitude (any further numbers are ignored).
pub type Position = [f64; 2];

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

/// Reads a geometry object.
pub fn geometry(v: &Value) -> Result<Geometry, String> {
    geometry_with(v, None)
}

/// Reads a geometry object whose coordinates, if given, were read from the text already
/// (see [`Coords`]).
fn geometry_with(v: &Value, read: Option<Coords>) -> Result<Geometry, String> {
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
    let c = match read {
        Some(c) => c,
        None => Coords::of(
            o.get("coordinates")
                .ok_or("the geometry has no coordinates")?,
        )?,
    };
    c.geometry(kind)
}

/// Reads a Feature object (taking its properties out of the value, not copying them).
pub fn feature(v: Value) -> Result<Feature, String> {
    feature_with(v, None)
}

/// Reads a Feature's text: its coordinates by hand where they are plain nested arrays of
/// numbers (a few times faster than through `Value`, with no allocation per position), the
/// rest as JSON. A text that is not valid JSON is an error; any other text the hand reader
/// does not take goes through `Value` whole.
pub fn feature_text(text: &str) -> Result<Feature, String> {
    if let Some((start, end, coords)) = Coords::find(text) {
        let rest = format!("{}0{}", &text[..start], &text[end..]);
        if let Ok(v) = serde_json::from_str(&rest) {
            return feature_with(v, Some(coords));
        }
    }
    serde_json::from_str(text)
        .map_err(|e| format!("not valid JSON: {e}"))
        .and_then(feature)
}

fn feature_with(v: Value, read: Option<Coords>) -> Result<Feature, String> {
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
        Some(g) => {
            Some(geometry_with(g, read).map_err(|e| format!("not a valid GeoJSON feature: {e}"))?)
        }
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

/// A geometry's coordinates read from the text by hand: the numbers in order, and the
/// lengths of the arrays at each depth below the outermost (`lens[0]` has one entry, the
/// outermost array's length). Only plain nested arrays of numbers whose numbers all sit at the
/// same depth are read so; anything else is left to the JSON reader.
#[derive(Debug, Clone, PartialEq)]
pub struct Coords {
    values: Vec<f64>,
    lens: Vec<Vec<u32>>,
    /// The depth at which the numbers are.
    leaf: Option<usize>,
}

/// Powers of ten that are exact in an f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

impl Coords {
    /// Finds a Feature text's `geometry.coordinates` and reads them: the byte range of the
    /// array and what it holds. None where they are not found or not plain.
    pub fn find(text: &str) -> Option<(usize, usize, Coords)> {
        let b = text.as_bytes();
        let (mut depth, mut i) = (0usize, 0usize);
        // The last member name at depth 1 and 2, and whether we are in `geometry`'s object.
        let mut key = (0, 0);
        let mut in_geometry = false;
        while i < b.len() {
            match b[i] {
                b'"' => {
                    let s = i + 1;
                    i = string_end(b, i);
                    key = (s, i.min(b.len()));
                }
                b'{' | b'[' => {
                    let name = &b[key.0..key.1];
                    if depth == 1 && b[i] == b'{' && name == b"geometry" {
                        in_geometry = true;
                    } else if depth == 2 && in_geometry && b[i] == b'[' && name == b"coordinates" {
                        let mut c = Coords {
                            values: Vec::new(),
                            lens: Vec::new(),
                            leaf: None,
                        };
                        let end = c.read(b, i, 0)?;
                        return (c.leaf == Some(c.lens.len() - 1)).then_some((i, end, c));
                    }
                    depth += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 1 {
                        in_geometry = false;
                    }
                }
                b',' => key = (0, 0),
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// Reads the array at `b[i]` (a `[`) at depth `d`; returns the byte after its `]`.
    fn read(&mut self, b: &[u8], mut i: usize, d: usize) -> Option<usize> {
        if self.lens.len() <= d {
            self.lens.push(Vec::new());
        }
        let mut n = 0u32;
        i += 1;
        loop {
            while matches!(b.get(i)?, b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            match b[i] {
                // Empty arrays, and numbers and arrays side by side, are the JSON reader's.
                b'[' if self.leaf.is_none_or(|l| l > d) => i = self.read(b, i, d + 1)?,
                b'[' | b']' => return None,
                _ => {
                    if *self.leaf.get_or_insert(d) != d {
                        return None;
                    }
                    let (v, next) = number(b, i)?;
                    self.values.push(v);
                    i = next;
                }
            }
            n += 1;
            while matches!(b.get(i)?, b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            match b[i] {
                b',' => i += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.lens[d].push(n);
        Some(i + 1)
    }

    /// The coordinates in a parsed JSON value (where the hand reader did not take them).
    fn of(v: &Value) -> Result<Coords, String> {
        let mut c = Coords {
            values: Vec::new(),
            lens: Vec::new(),
            leaf: None,
        };
        c.walk(v, 0)?;
        Ok(c)
    }

    fn walk(&mut self, v: &Value, d: usize) -> Result<(), String> {
        let nested = || "coordinates are not nested arrays as the type needs".to_string();
        match v {
            Value::Array(a) => {
                if self.leaf.is_some_and(|l| l < d) {
                    return Err(nested());
                }
                if self.lens.len() <= d {
                    self.lens.push(Vec::new());
                }
                for x in a {
                    self.walk(x, d + 1)?;
                }
                self.lens[d].push(a.len() as u32);
            }
            Value::Number(n) if d > 0 => {
                if *self.leaf.get_or_insert(d - 1) != d - 1 || self.lens.len() > d {
                    return Err(nested());
                }
                self.values.push(n.as_f64().unwrap_or(f64::NAN));
            }
            _ if d == 0 => return Err(nested()),
            _ => return Err("a position holds something that is not a number".into()),
        }
        Ok(())
    }

    /// The depth of the nesting: 1 for a position, 2 for a line, 3 for a polygon, ….
    fn depth(&self) -> usize {
        self.lens.len()
    }

    /// The coordinates as the geometry `kind` needs them.
    fn geometry(self, kind: &str) -> Result<Geometry, String> {
        let want = match kind {
            "Point" => 1,
            "MultiPoint" | "LineString" => 2,
            "MultiLineString" | "Polygon" => 3,
            "MultiPolygon" => 4,
            other => {
                let shown: String = other.chars().take(40).collect();
                return Err(format!("unknown geometry type \"{shown}\""));
            }
        };
        // No number at all: an empty geometry (the loader says what is wrong with it).
        if self.leaf.is_none() && want > 1 && self.depth() <= want {
            return Ok(match kind {
                "LineString" => Geometry::LineString(vec![]),
                "MultiPoint" => Geometry::MultiPoint(vec![]),
                "Polygon" => Geometry::Polygon(vec![]),
                "MultiLineString" => Geometry::MultiLineString(vec![]),
                _ => Geometry::MultiPolygon(vec![]),
            });
        }
        if self.depth() != want || self.leaf != Some(want - 1) {
            return Err("coordinates are not nested arrays as the type needs".into());
        }
        // Positions, each from its numbers (the first two kept).
        let sizes = &self.lens[want - 1];
        if sizes.iter().any(|&k| k < 2) {
            return Err("a position has fewer than two numbers".into());
        }
        let mut at = 0usize;
        let mut positions = sizes.iter().map(|&k| {
            let p = [self.values[at], self.values[at + 1]];
            at += k as usize;
            p
        });
        let mut take = |n: u32| -> Vec<Position> { positions.by_ref().take(n as usize).collect() };
        let lines = |lens: &[u32],
                     take: &mut dyn FnMut(u32) -> Vec<Position>|
         -> Vec<Vec<Position>> { lens.iter().map(|&n| take(n)).collect() };
        Ok(match want {
            1 => Geometry::Point(take(1)[0]),
            2 if kind == "LineString" => Geometry::LineString(take(self.lens[0][0])),
            2 => Geometry::MultiPoint(take(self.lens[0][0])),
            3 => {
                let l = lines(&self.lens[1], &mut take);
                if kind == "Polygon" {
                    Geometry::Polygon(l)
                } else {
                    Geometry::MultiLineString(l)
                }
            }
            _ => {
                let mut rings = self.lens[2].iter();
                Geometry::MultiPolygon(
                    (self.lens[1].iter())
                        .map(|&k| rings.by_ref().take(k as usize).map(|&n| take(n)).collect())
                        .collect(),
                )
            }
        })
    }
}

/// The closing quote of the JSON string that opens at `b[i]` (or the text's end).
fn string_end(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() && b[i] != b'"' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    i
}

/// A JSON number at `b[i]`: its first 19 significant digits as an integer, scaled by a power
/// of ten up to 22 (one conversion and one division or product, so within about one unit in
/// the last place, as serde_json's own reader without `float_roundtrip`). None for what is not
/// a number, or needs a larger power (the JSON reader then reads the feature).
fn number(b: &[u8], mut i: usize) -> Option<(f64, usize)> {
    let neg = b[i] == b'-';
    i += usize::from(neg);
    let (mut m, mut digits, mut scale) = (0u64, 0u32, 0i32);
    let mut fraction = false;
    // JSON's grammar: no leading zero before more digits, digits on both sides of a point.
    if !b.get(i)?.is_ascii_digit() || (b[i] == b'0' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    loop {
        match b.get(i) {
            Some(d @ b'0'..=b'9') => {
                if digits < 19 {
                    m = m * 10 + u64::from(d - b'0');
                    digits += u32::from(m > 0);
                    scale -= i32::from(fraction);
                } else {
                    // Digits past the 19th only move the decimal point.
                    scale += i32::from(!fraction);
                }
            }
            Some(b'.') if !fraction && b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                fraction = true
            }
            _ => break,
        }
        i += 1;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        let sign = match b.get(i) {
            Some(b'-') => {
                i += 1;
                -1
            }
            Some(b'+') => {
                i += 1;
                1
            }
            _ => 1,
        };
        let (mut e, from) = (0i32, i);
        while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
            e = (e * 10 + i32::from(d - b'0')).min(1000);
            i += 1;
        }
        if i == from {
            return None;
        }
        scale += sign * e;
    }
    if scale.unsigned_abs() > 22 {
        return None;
    }
    let p = POW10[scale.unsigned_abs() as usize];
    let v = if scale < 0 {
        m as f64 / p
    } else {
        m as f64 * p
    };
    Some((if neg { -v } else { v }, i))
}

/// Where the features of a FeatureCollection's text are, found without parsing it: the text
/// up to and including the `[` of its `features` array (`head`), each feature's byte range,
/// and where the array's `]` is (`tail`). Each feature is then read on its own, and a large
/// file a step of features at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    /// The end of the head: the byte after the features array's `[`.
    pub head: usize,
    /// Each feature's start and end.
    pub items: Vec<(usize, usize)>,
    /// The features array's `]`.
    pub tail: usize,
}

/// A scan of a FeatureCollection's text for its features, a piece at a time (a large file's
/// load scans a step's worth before it reads those features).
#[derive(Debug, Clone)]
pub struct Scan {
    /// What is found so far (`head` 0 until the features array is found, `tail` 0 until its end).
    pub spans: Spans,
    i: usize,
    depth: usize,
    /// The last string closed at depth 1 (a member's name), and whether a ':' followed it.
    key: Option<(usize, usize)>,
    after_key: bool,
    /// Where the feature being scanned starts.
    start: Option<usize>,
    /// A feature has ended, and a comma must come before the next (or the array's end).
    need_comma: bool,
}

impl Default for Scan {
    fn default() -> Self {
        Scan {
            spans: Spans {
                head: 0,
                items: Vec::new(),
                tail: 0,
            },
            i: 0,
            depth: 0,
            key: None,
            after_key: false,
            start: None,
            need_comma: false,
        }
    }
}

impl Scan {
    /// How far the scan has come (bytes).
    pub fn at(&self) -> usize {
        self.i
    }

    /// Scans on to about byte `until` (to the end of the feature there). Some(true) when the
    /// whole text is scanned and is a FeatureCollection's, Some(false) when there is more;
    /// None when the text is not an object with a `features` array at its top level, or its
    /// brackets or commas are broken (the parser then reads it whole and says what is wrong).
    /// An item of the array that is not an object (a string, a number, an array) is found as
    /// a feature is: its reader says what is wrong with it, and the rest still shows.
    pub fn advance(&mut self, text: &str, until: usize) -> Option<bool> {
        self.advance_in(text.as_bytes(), 0, until, true)
    }

    /// Like [`Scan::advance`], over the bytes of a text that arrives a piece at a time and
    /// whose start may be dropped: `b` holds the text from byte `base` on (every position
    /// stays the text's), and `ended` says whether it is all there. Before the end, the scan
    /// stops at the last byte it has (or at a string cut off there) and says Some(false).
    pub fn advance_in(&mut self, b: &[u8], base: usize, until: usize, ended: bool) -> Option<bool> {
        let in_features = |s: &Spans| s.head > 0 && s.tail == 0;
        let mut i = self.i - base;
        let until = until.saturating_sub(base);
        while i < b.len() {
            if i >= until && self.depth <= 2 && in_features(&self.spans) {
                self.i = i + base;
                return Some(false);
            }
            if self.depth >= 3 {
                // Inside a feature only strings and brackets matter: most bytes are digits.
                while i < b.len() && !matches!(b[i], b'"' | b'{' | b'[' | b'}' | b']') {
                    i += 1;
                }
                if i == b.len() {
                    break;
                }
            }
            let depth = self.depth;
            // Where the scan is, also when it gives up (the stream says where).
            self.i = i + base;
            match b[i] {
                b'"' => {
                    let s = i;
                    i = string_end(b, i);
                    if i >= b.len() && !ended {
                        // Cut off: scanned again when the rest has come.
                        self.i = s + base;
                        return Some(false);
                    }
                    if depth == 1 {
                        self.key = Some((s + 1 + base, i.min(b.len()) + base));
                        self.after_key = false;
                    }
                    if depth == 2 && in_features(&self.spans) {
                        // A string among the features: an item whose reader says what is
                        // wrong with it.
                        if self.need_comma {
                            return None;
                        }
                        self.spans.items.push((s + base, i + 1 + base));
                        self.need_comma = true;
                    }
                }
                b':' if depth == 1 => self.after_key = true,
                b'{' | b'[' => {
                    self.depth += 1;
                    // The member's name is looked at only until the features are found,
                    // before any byte is dropped.
                    let opens_features = self.depth == 2
                        && b[i] == b'['
                        && self.after_key
                        && self.spans.head == 0
                        && self
                            .key
                            .is_some_and(|(s, e)| b.get(s - base..e - base) == Some(b"features"));
                    if opens_features {
                        self.spans.head = i + 1 + base;
                    } else if self.depth == 3 && in_features(&self.spans) {
                        if self.need_comma {
                            return None;
                        }
                        self.start = Some(i + base);
                    }
                    self.after_key = false;
                }
                b'}' | b']' => {
                    self.depth = depth.checked_sub(1)?;
                    if in_features(&self.spans) {
                        if self.depth == 2 {
                            // A feature, or an array among them (an item as the string).
                            let s = self.start.take()?;
                            let opened = *b.get(s.checked_sub(base)?)?;
                            if (opened, b[i]) != (b'{', b'}') && (opened, b[i]) != (b'[', b']') {
                                return None;
                            }
                            self.spans.items.push((s, i + 1 + base));
                            self.need_comma = true;
                        } else if self.depth == 1 {
                            // The features' `]`, after a feature (or none at all).
                            if b[i] != b']' || (!self.need_comma && !self.spans.items.is_empty()) {
                                return None;
                            }
                            self.spans.tail = i + base;
                        }
                    }
                }
                b',' if depth == 1 => self.after_key = false,
                b',' if depth == 2 && in_features(&self.spans) => {
                    if !self.need_comma {
                        return None;
                    }
                    self.need_comma = false;
                }
                b' ' | b'\t' | b'\n' | b'\r' => {}
                _ if depth == 2 && in_features(&self.spans) => {
                    // A number or literal among the features: an item, as a string is.
                    if self.need_comma {
                        return None;
                    }
                    let s = i;
                    while i < b.len()
                        && !matches!(b[i], b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                    {
                        i += 1;
                    }
                    if i >= b.len() && !ended {
                        self.i = s + base;
                        return Some(false);
                    }
                    self.spans.items.push((s + base, i + base));
                    self.need_comma = true;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        self.i = i.min(b.len()) + base;
        if !ended {
            return Some(false);
        }
        (self.spans.tail > 0 && self.depth == 0).then_some(true)
    }
}

impl Spans {
    /// Finds the features of a FeatureCollection's text (see [`Scan::advance`]).
    pub fn of(text: &str) -> Option<Spans> {
        let mut scan = Scan::default();
        scan.advance(text, usize::MAX)?;
        Some(scan.spans)
    }

    /// The text around the features: the file's members other than them, with `features`
    /// an empty array.
    pub fn outer(&self, text: &str) -> String {
        format!("{}{}", &text[..self.head], &text[self.tail..])
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
        let v: Value = serde_json::from_str(&s.outer(text)).unwrap();
        assert_eq!(v["features"].as_array().unwrap().len(), 0);
        assert_eq!(v["attribution"], "x");
        assert_eq!(v["name"], "a [\"quoted\"] {name}");
        // A scan in pieces finds the same, a feature at a time.
        let mut scan = Scan::default();
        let mut seen = vec![];
        while scan.advance(text, scan.at() + 1) == Some(false) {
            seen.push(scan.spans.items.len());
        }
        assert_eq!(scan.spans, s);
        assert!(
            seen.windows(2).all(|w| w[1] >= w[0]) && seen.contains(&1),
            "{seen:?}"
        );
    }

    /// The hand reader reads what `Value` reads, to the last bit or within one unit in the
    /// last place (serde_json's own float reader is not always correctly rounded).
    fn same(text: &str) {
        let slow = serde_json::from_str(text)
            .map_err(|e| e.to_string())
            .and_then(feature);
        let fast = feature_text(text);
        let close = |a: &Position, b: &Position| {
            (0..2).all(|k| (a[k] - b[k]).abs() <= a[k].abs().max(1.0) * 1e-15)
        };
        match (&slow, &fast) {
            (Ok(s), Ok(f)) => {
                assert_eq!((&s.id, &s.properties), (&f.id, &f.properties), "{text}");
                let flat = |g: &Option<Geometry>| -> (String, Vec<Position>) {
                    let Some(g) = g else {
                        return (String::new(), vec![]);
                    };
                    let ps = match g {
                        Geometry::Point(p) => vec![*p],
                        Geometry::MultiPoint(l) | Geometry::LineString(l) => l.clone(),
                        Geometry::MultiLineString(ls) | Geometry::Polygon(ls) => ls.concat(),
                        Geometry::MultiPolygon(ps) => ps.concat().concat(),
                        Geometry::Collection(_) => vec![],
                    };
                    (
                        format!("{g:?}")
                            .chars()
                            .filter(|c| !c.is_ascii_digit())
                            .collect(),
                        ps,
                    )
                };
                let (a, b) = (flat(&s.geometry), flat(&f.geometry));
                assert_eq!(a.0, b.0, "{text}");
                assert!(
                    a.1.len() == b.1.len() && a.1.iter().zip(&b.1).all(|(x, y)| close(x, y)),
                    "{text}"
                );
            }
            (Err(_), Err(_)) => {}
            _ => panic!("{text}: {slow:?} / {fast:?}"),
        }
    }

    #[test]
    fn coordinates_read_by_hand_are_what_the_json_reader_reads() {
        let g = |geometry: &str| {
            format!(
                r#"{{"type":"Feature","id":7,"properties":{{"n":"a","geometry":{{"coordinates":[1]}}}},"geometry":{geometry}}}"#
            )
        };
        for geometry in [
            r#"{"type":"Point","coordinates":[120.123456789012,-30.5]}"#,
            r#"{"coordinates":[ 1e2 , -2.5E-3 , 7 ],"type":"Point"}"#,
            r#"{"type":"Point","coordinates":[0.1,0.2]}"#,
            r#"{"type":"Point","coordinates":[-0,1.000000000000000000001]}"#,
            r#"{"type":"Point","coordinates":[-179.99999999999997,89.99999999999999]}"#,
            r#"{"type":"Point","coordinates":[12345678901234567890123.5,1.]}"#,
            r#"{"type":"Point","coordinates":[0.000012345678901234567,-0.5e-3]}"#,
            r#"{"type":"Point","coordinates":[1,-.5]}"#,
            r#"{"type":"Point","coordinates":[1,2.]}"#,
            r#"{"type":"Point","coordinates":[01,2]}"#,
            r#"{"type":"Point","coordinates":[1,-]}"#,
            r#"{"type":"Point","coordinates":[1,2e]}"#,
            "{\"type\":\"Point\",\"coordinates\":[1,\u{c}2]}",
            r#"{"type":"Point","coordinates":[1]}"#,
            r#"{"type":"Point","coordinates":[]}"#,
            r#"{"type":"Point","coordinates":[[1,2]]}"#,
            r#"{"type":"LineString","coordinates":[[1,2],[3,4,5]]}"#,
            r#"{"type":"LineString","coordinates":[[1,2],3]}"#,
            r#"{"type":"LineString","coordinates":[[1,2],[[3,4]]]}"#,
            r#"{"type":"MultiPoint","coordinates":[[1,2]]}"#,
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0.2,0.2],[0.3,0.2],[0.2,0.3],[0.2,0.2]]]}"#,
            r#"{"type":"Polygon","coordinates":[[]]}"#,
            r#"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}"#,
            r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]],[[5.1,5.1],[5.2,5.1],[5.1,5.2],[5.1,5.1]]]]}"#,
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,"x"],[1,1],[0,0]]]}"#,
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,1e400],[1,1],[0,0]]]}"#,
            r#"{"type":"Circle","coordinates":[1,2]}"#,
            r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}"#,
            "null",
        ] {
            same(&g(geometry));
        }
        same(r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}"#);
        for name in ["cities.geojson", "provinces.geojson", "parks.geojson"] {
            let path = format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap();
            let sp = Spans::of(&text).unwrap();
            for &(a, b) in &sp.items {
                same(&text[a..b]);
                assert!(Coords::find(&text[a..b]).is_some(), "read by hand");
            }
        }
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
            r#"{"features":[{"type":"Feature"} {"type":"Feature"}]}"#,
            r#"{"features":[{"type":"Feature"},,{"type":"Feature"}]}"#,
            r#"{"features":[,{"type":"Feature"}]}"#,
            r#"{"features":[{"type":"Feature"},]}"#,
            r#"{"features":[{"type":"Feature"}}}"#,
            r#"{"features":[{"type":"Feature"]]}"#,
            "}{",
        ] {
            assert_eq!(Spans::of(text), None, "{text}");
        }
        let empty = Spans::of(r#"{"features":[]}"#).unwrap();
        assert!(empty.items.is_empty());
        // An item that is not an object is found as a feature is (its reader says what is
        // wrong with it).
        for (text, item) in [
            (r#"{"features":[1.5e3,{"type":"Feature"}]}"#, "1.5e3"),
            (
                r#"{"features":[ "a\"]" , {"type":"Feature"}]}"#,
                r#""a\"]""#,
            ),
            (r#"{"features":[[{}],{"type":"Feature"}]}"#, "[{}]"),
            (r#"{"features":[null,{"type":"Feature"}]}"#, "null"),
        ] {
            let s = Spans::of(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(s.items.len(), 2, "{text}");
            assert_eq!(&text[s.items[0].0..s.items[0].1], item);
        }
    }

    #[test]
    fn a_scan_of_a_text_that_arrives_in_pieces_finds_what_a_scan_of_it_whole_finds() {
        let text = r#" {"type":"FeatureCollection","name":"a \"q\" ]",
          "features": [ {"type":"Feature","properties":{"n":"]}\\"},"geometry":null} ,
            "odd", 12, {"type":"Feature","properties":{"s":"x\"y"},"geometry":{"type":"Point","coordinates":[1,2]}}
          ], "attribution": "x" } "#;
        let whole = Spans::of(text).unwrap();
        assert_eq!(whole.items.len(), 4);
        let b = text.as_bytes();
        for piece in [1, 2, 3, 7, 50] {
            // The bytes come `piece` at a time; those before the last item found are dropped
            // as they are passed (every position stays the text's).
            let mut scan = Scan::default();
            let (mut base, mut have) = (0, 0);
            let r = loop {
                have = (have + piece).min(b.len());
                let ended = have == b.len();
                let r = scan.advance_in(&b[base..have], base, usize::MAX, ended);
                if ended {
                    break r;
                }
                assert_eq!(r, Some(false), "piece {piece} at {have}");
                if let Some(&(_, end)) = scan.spans.items.last() {
                    base = end.max(base);
                }
            };
            assert_eq!(r, Some(true), "piece {piece}");
            assert_eq!(scan.spans, whole, "piece {piece}");
        }
    }
}
