//! Outputs beyond an evaluation: activity statistics rolled up the hierarchy ([`stats`])
//! and the sample report ([`sample_report`]). Public as `antq::stats` and `antq::report`.

pub mod sample_report;
pub mod stats;
