//! # antq
//!
//! The rules of Vietnam's "All people protect national security" movement (phong trào
//! Toàn dân bảo vệ an ninh Tổ quốc), kept as data and evaluated with explanations:
//! the standard "Safe in security and order" (Circular 124/2021/TT-BCA), the movement's
//! 100-point classification (Decision 510/QĐ-BCA-V05) and typical units (Decision
//! 9745/QĐ-BCA-V05).
//!
//! ```
//! use antq::{Dataset, RuleSet, evaluate};
//! let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
//! let rules = RuleSet::preset("vn.c124-2021").unwrap();
//! let ev = evaluate(&ds, &rules, 2023).unwrap();
//! let ward = ev.unit("KM-TT").unwrap();
//! println!("{}: {}", ward.name, ward.outcome.label().en);
//! ```
//!
//! At national scale (170,000 units), check and index the data once with [`Prepared`], then
//! [`Prepared::review`] computes every unit's verdict without writing explanations; any
//! unit's explained result is [`Review::unit`], identical to what [`evaluate`] gives (which
//! is the same review with every result written):
//!
//! ```
//! use antq::{Dataset, Decision, Options, Prepared, RuleSet};
//! let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
//! let prepared = Prepared::new(&ds, 2023).unwrap();
//! let rules = RuleSet::preset("vn.c124-2021").unwrap();
//! let review = prepared.review(&rules, &Options::default()).unwrap();
//! let failing: Vec<&str> = review
//!     .verdicts()
//!     .filter(|(_, v)| v.decision == Decision::DoesNotMeet)
//!     .map(|(u, _)| u.id.as_str())
//!     .collect();
//! let why = review.unit(failing[0]).unwrap().unwrap();
//! assert!(why.failed().count() > 0);
//! ```
//!
//! Nothing here reads the clock: the year (and, if wanted, the reference date) is given.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod activity;
pub mod analysis;
mod attested;
pub mod calendar;
mod dataset;
mod date;
mod error;
pub mod eval;
mod evidence;
pub mod festival;
pub mod generate;
pub(crate) mod identity;
pub mod law;
mod limits;
pub mod medal;
mod points;
mod raw;
pub mod report;
mod rng;
pub mod rules;
pub mod sample;
#[cfg(feature = "schema")]
pub mod schema;
mod source;
pub mod stats;
mod stream;
pub mod table;
pub mod teams;
mod text;
mod toml_json;
mod unit;
mod version;

pub use activity::{Activity, ActivityKind, AwardForm, Incident, Issuer, Recipient};
pub use attested::Attested;
pub use dataset::{DATASET_FORMAT_VERSION, Dataset, DatasetMeta, allowed_parent};
pub use date::{Window, YearDate, parse_date};
pub use error::{Error, Location, MAX_MESSAGE_BYTES, Problem, ProblemCode, Result};
pub use eval::{
    Decision, Evaluation, Options, Outcome, Prepared, Review, Status, UnitResult, Verdict, evaluate, evaluate_with,
};
pub use evidence::{Attestation, Evidence, FORMER_KEYS, Indicator, Score, Value, ValueType, current_key};
pub use limits::Limits;
pub use points::Points;
pub use rules::{Criterion, Rounding, RuleSet, Supplement, Test};
pub use source::{Format, Source, line_col};
pub use text::{Certainty, Lang, LegalRef, Text, Wording};
pub use unit::{
    AreaKind, CommuneKind, DistrictKind, EnterpriseSize, Kind, ParentChange, ProvinceKind, SchoolLevel, Unit, UnitId,
    UnitKind,
};

/// Reads a file into a string, mapping failures to [`Error::Io`]; at most
/// [`source::MAX_DOCUMENT_BYTES`] are read, whatever the file is (pipes and devices too).
pub(crate) fn read_file(path: &std::path::Path) -> Result<String> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
    read_limited(file, &name, source::MAX_DOCUMENT_BYTES)
}

/// Reads UTF-8 text from `reader` (a file, a pipe, standard input), refusing it with
/// [`Error::Io`] as soon as it is over `max_bytes`: the limit holds while reading, so an
/// endless or huge stream is never held in memory. `name` is used in the error.
///
/// ```
/// let e = antq::read_limited(std::io::repeat(b'x'), "-", 1000).unwrap_err();
/// assert_eq!(e.code(), "io");
/// assert!(e.to_string().contains("over the limit max_document_bytes = 1000"));
/// assert_eq!(antq::read_limited(&b"{}"[..], "-", 2).unwrap(), "{}");
/// ```
pub fn read_limited(reader: impl std::io::Read, name: &str, max_bytes: usize) -> Result<String> {
    use std::io::Read as _;
    let io = |message: String| Error::Io { path: name.to_owned(), message };
    let mut buf = Vec::new();
    let cap = u64::try_from(max_bytes).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut buf).map_err(|e| io(e.to_string()))?;
    if buf.len() > max_bytes {
        return Err(io(format!("more than {max_bytes} bytes: over the limit max_document_bytes = {max_bytes}")));
    }
    String::from_utf8(buf).map_err(|e| io(format!("not UTF-8 text ({e})")))
}
