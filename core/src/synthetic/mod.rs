//! Synthetic data: the bundled sample province ([`sample`]), the deterministic generator of
//! national-scale datasets ([`generate`]) and the seeded random generator they and the
//! sensitivity analysis use ([`rng`]). Public as `antq::sample` and `antq::generate`.

pub mod generate;
pub(crate) mod rng;
pub mod sample;
