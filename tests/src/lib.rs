//! Shared conformance cases for antq: data files under `cases/`, run here by Rust and
//! by the Python and WebAssembly bindings' own test suites.

#![forbid(unsafe_code)]

pub mod case;
pub mod results;

use std::path::PathBuf;

/// The folder holding the shared cases.
pub fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("cases")
}
