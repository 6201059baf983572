//! region-map: an interactive map of regional cooperation in the Yangtze River Delta.
//!
//! One crate, built twice: as WebAssembly for the browser (`web/`, wasm32 only) and natively
//! for the tests and the data tool. Everything except `web/` is pure and runs on the host.

pub mod api;
pub mod app;
pub mod charts;
pub mod format;
pub mod links;
pub mod model;
pub(crate) mod sort;

pub mod hit;
pub mod interact;
#[cfg(not(target_arch = "wasm32"))]
pub mod prep;
pub mod scene;
pub mod text;
pub mod timeline;
pub mod view;

#[cfg(all(target_arch = "wasm32", feature = "web"))]
mod web;
#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub use web::{DataStream, MapCore};
