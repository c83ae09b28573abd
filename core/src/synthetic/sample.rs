//! The bundled sample: synthetic data for one province in 2023 and 2025, and a sample
//! provincial supplement. Nothing in it is real data.

/// The sample dataset (synthetic), as JSON.
pub const SAMPLE_JSON: &str = include_str!("../../sample/province.json");
/// The sample supplement to the typical-commune preset (labelled sample).
pub const SAMPLE_TYPICAL_SUPPLEMENT: &str = include_str!("../../sample/typical-supplement.toml");
/// The sample supplement completing the Decision 510 agency/enterprise sheet (labelled sample).
pub const SAMPLE_D510_SUPPLEMENT: &str = include_str!("../../sample/d510-supplement.toml");
