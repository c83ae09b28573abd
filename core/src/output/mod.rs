//! Outputs beyond an evaluation: activity statistics rolled up the hierarchy ([`stats`])
//! and the sample report ([`sample_report`]), public as `antq::stats` and `antq::report`; a
//! review's verdicts written out ([`verdicts`], `antq::verdicts`), files written whole or
//! not at all ([`files::replace_file`], `antq::replace_file`), and
//! compact JSON re-indented ([`pretty::pretty_json`], `antq::pretty_json`).

pub mod files;
pub mod pretty;
pub mod sample_report;
pub mod stats;
pub mod verdicts;
