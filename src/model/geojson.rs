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
