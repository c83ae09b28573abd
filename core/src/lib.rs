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
//!
//! # Feature flags
//!
//! No feature is on by default: evaluation, reviews, the analyses, the tables, DOMAIN §6's
//! other rules and the generator are always built.
//!
//! | feature | enables |
//! |---|---|
//! | `schema` | the JSON Schemas of the file formats and results: the module `schema` ([`schemars`](https://docs.rs/schemars) derives on the public types). The committed copies in `schema/` are checked by `cargo test -p antq --features schema --lib schema::`. |
//! | `columnar` | datasets read from and written to Parquet, Arrow IPC and CSV table files (the module `columnar`, through the `arrow` and `parquet` crates; `columnar::table_from_batches` is the Arrow conversion Python's `Dataset.from_frames` uses). On in the CLI and Python; never in WebAssembly. Formats: `docs/INPUT-TABLES.md`. |
//! | `xlsx` | `columnar`, plus `.xlsx` workbooks read ([`calamine`](https://docs.rs/calamine)) and written, and the evidence template (`columnar::write_template`, [`rust_xlsxwriter`](https://docs.rs/rust_xlsxwriter)). On in the CLI. |
//! | `compiled` | a review computes its verdicts by each criterion compiled once for the review (dates resolved for the year, attestation columns found) instead of by the interpreter that writes explanations; the same statuses, held equal by a property test. On in the CLI and Python; left out of WebAssembly for size. |
//! | `parallel` | [`Options::parallel`]: a review computes the units of one depth of the hierarchy, and writes explained results, on every core ([`rayon`](https://docs.rs/rayon)); without the feature the option is ignored. Validation also looks ids up on every core, and table files are read at the same time (with `columnar`). The results and problems are the same bit for bit. Not for WebAssembly. |
//!
//! Not a feature but a target: unit ids are compared in Unicode NFC, natively with the
//! `unicode-normalization` crate and in WebAssembly with the host's
//! `String.prototype.normalize` (through `js-sys`).
//!
//! # Layout
//!
//! The source is laid out by concept; the public paths (`antq::X`, `antq::module::X`) do not
//! follow the folders, so moving a file never changes the API.
//!
//! | folder | holds | public as |
//! |---|---|---|
//! | `model/` | units and their ids (`unit`, `identity`), datasets, evidence and attested criteria, activities and incidents, points, dates and windows, bilingual text, the administrative calendar (`administration`: reforms and recognising authorities), each unit's commune, district and province on a date (`hierarchy`) | root types; [`calendar`]; [`Ancestry`] |
//! | `read/` | reading documents (`source`, TOML via JSON, format versions, raw tagged forms, limits, the streaming dataset reader); datasets in table files (`columnar/`: Arrow batches and their reading on every core (`batch_queue`), Parquet, Arrow IPC, CSV, workbooks, the evidence template; features `columnar`, `xlsx`) | [`Source`], [`Limits`], [`read_limited`], `columnar` |
//! | `rules/` | rule sets and criteria (`mod.rs`), the criterion tests (`criterion_test`), outcome policies and points sheets (`outcome_policy`), presets, supplements, rule-set checks (`validate`) | [`rules`] |
//! | `eval/` | evaluation: the prepared dataset (`prepared`), the review (`review/`: `setup`, `assess`, `levels` and quotas, `materialise`), the test checks (`check`), results, explanations, rows, the evidence vocabulary | [`eval`] |
//! | `analysis/` | what-if plans (`whatif/`: by outcome policy, `standard`, `points`, `typical`), rule impact, sensitivity (`sensitivity/`: `sampling`, `blocks`), year comparison, the share meeting per parent (`shares`) | [`analysis`] |
//! | `table/` | columnar tables (`mod.rs`): datasets read from them (`import`, part by part) and written to them (`export`), untyped cells typed by the table forms (`typed`), results as tables, one per result with its columns named once (`results/`: `evaluation`, `verdicts`, `hierarchy`, `stats`, `section6`, `analysis`, `instruments`; `headers()`) | [`table`] |
//! | `other_rules/` | DOMAIN §6's other rules: team ranking (`teams/`: `input`, `instruments`, `ranking`, `result`), the medal (`medal/`: `input`, `rules`, `service`, `assess`, `result`), the festival day and season (`festival`) | [`teams`], [`medal`], [`festival`] |
//! | `output/` | activity statistics (`stats`); the sample report (`sample_report`) | [`stats`], [`report`] |
//! | `synthetic/` | the bundled sample, the synthetic generator, its seeded random generator (`rng`) | [`sample`], [`generate`] |
//! | `error.rs`, `law.rs`, `schema.rs` | errors and problems; the law in time (instrument registry); JSON Schemas | root types; [`law`]; `schema` |

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod analysis;
mod error;
pub mod eval;
pub mod law;
mod model;
mod other_rules;
mod output;
mod read;
pub mod rules;
#[cfg(feature = "schema")]
pub mod schema;
mod synthetic;
pub mod table;

/// Indices grouped by their owner, one of `n` (a counting sort: no allocation per owner):
/// the members of owner `o` are `members[start[o]..start[o + 1]]`, in index order, where
/// `owner[k]` is index `k`'s owner (`u32::MAX`: none, left out).
pub(crate) fn grouped_by_owner(owner: &[u32], n: usize) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; n + 1];
    for &o in owner.iter().filter(|&&o| o != u32::MAX) {
        start[o as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    // Each owner's next place is kept in the start of the owner after it, which then
    // holds the end of this owner's members: shifted back by one place afterwards, so
    // that no second table of n places is needed.
    let mut members = vec![0u32; start[n] as usize];
    for (k, &o) in owner.iter().enumerate().filter(|(_, o)| **o != u32::MAX) {
        let next = &mut start[o as usize];
        members[*next as usize] = k as u32;
        *next += 1;
    }
    start.copy_within(0..n, 1);
    start[0] = 0;
    (start, members)
}

/// Sorts `v` by `cmp`, stably, as `slice::sort_by` does. In WebAssembly it is one shared
/// sort of indices ([`sort_by_indices`]): every sort of another element type or comparator
/// would be another copy of the sorting code, a few KB of the module each.
pub(crate) fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(cmp);
    #[cfg(target_arch = "wasm32")]
    sort_by_indices(v, &cmp);
}

/// Sorts `v` in ascending order, as `slice::sort` (and, the order being total and equal
/// values alike, `slice::sort_unstable`) does: [`sort_by`].
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// [`sort_by`] by one stable sort of the indices `0..v.len()`, with a `dyn` comparator (so
/// one copy of the sorting code for every element type), then the elements moved to their
/// places by swaps. `O(n log n)` time, `O(n)` memory.
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
fn sort_by_indices<T>(v: &mut [T], cmp: &dyn Fn(&T, &T) -> std::cmp::Ordering) {
    fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| cmp(a, b));
        order
    }
    let order = sorted_indices(v.len(), &|a, b| cmp(&v[a], &v[b]));
    // Where each element goes; each swap puts one element at its place.
    let mut to = vec![0; order.len()];
    for (place, &from) in order.iter().enumerate() {
        to[from] = place;
    }
    for i in 0..v.len() {
        while to[i] != i {
            let j = to[i];
            v.swap(i, j);
            to.swap(i, j);
        }
    }
}

#[cfg(test)]
mod sort_tests {
    proptest::proptest! {
        /// The sort WebAssembly uses is the stable sort: equal keys keep their order.
        #[test]
        fn sort_by_indices_is_the_stable_sort(v in proptest::collection::vec((0u8..6, 0u32..1000), 0..300)) {
            let mut stable = v.clone();
            stable.sort_by_key(|a| a.0);
            let mut shared = v;
            super::sort_by_indices(&mut shared, &|a: &(u8, u32), b: &(u8, u32)| a.0.cmp(&b.0));
            proptest::prop_assert_eq!(stable, shared);
        }
    }
}

/// `a` and `b`, on two cores with the `parallel` feature (one after the other without it).
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(feature = "parallel")]
    return rayon::join(a, b);
    #[cfg(not(feature = "parallel"))]
    (a(), b())
}

/// [`join`] when `parallel`, else `a` then `b` on this thread.
pub(crate) fn join_if<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(feature = "parallel")]
    if parallel {
        return rayon::join(a, b);
    }
    let _ = parallel;
    (a(), b())
}

/// The Rust examples of the top-level README and of `docs/RUST.md`, compiled and run as
/// doctests (`cargo test -p antq --doc`), so that the documentation cannot drift from the API.
#[cfg(doctest)]
mod docs {
    #[doc = include_str!("../../README.md")]
    struct Readme;

    #[doc = include_str!("../../docs/RUST.md")]
    struct RustGuide;
}

// The public modules keep their paths; their files live in the concept folders (see Layout).
pub use model::administration as calendar;
pub use other_rules::{festival, medal, teams};
pub use output::files::{check_not_input, replace_file};
pub use output::pretty::pretty_json;
pub use output::sample_report as report;
pub use output::stats;
pub use output::verdicts;
pub use synthetic::{generate, sample};

// The workflow and model types.
pub use error::{Error, Location, MAX_LOCATION_BYTES, MAX_MESSAGE_BYTES, Problem, ProblemCode, Result};
pub use eval::{
    Decision, Evaluation, Options, Outcome, Prepared, Progress, Review, Status, UnitResult, Validated, Verdict, YEARS,
    check_year, evaluate, evaluate_with,
};
pub use model::activity::{Activity, ActivityKind, AwardForm, Incident, Issuer, Recipient};
pub use model::attested::Attested;
pub use model::dataset::{DATASET_FORMAT_VERSION, Dataset, DatasetMeta, allowed_parent};
pub use model::date::{Window, YearDate, parse_date};
pub use model::evidence::{Attestation, Evidence, FORMER_KEYS, Indicator, Score, Value, ValueType, current_key};
pub use model::hierarchy::Ancestry;
pub use model::points::Points;
pub use model::text::{Certainty, Lang, LegalRef, Text, Wording};
pub use model::unit::{
    AreaKind, CommuneKind, DistrictKind, EnterpriseSize, IdText, Kind, ParentChange, ProvinceKind, SchoolLevel, Unit,
    UnitId, UnitKind,
};
#[cfg(feature = "columnar")]
pub use read::columnar;
pub use read::limits::Limits;
pub use read::source::{Format, Source, line_col};
pub use read::{read_file_limited, read_limited};
pub use rules::{Criterion, Rounding, RuleSet, Supplement, Test};

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The counting sort groups every owned index under its owner, in index order,
        /// and leaves out the indices without one.
        #[test]
        fn grouped_by_owner_is_each_owners_indices_in_order(owner in prop::collection::vec(prop_oneof![0u32..6, Just(u32::MAX)], 0..40)) {
            let n = 6;
            let (start, members) = super::grouped_by_owner(&owner, n);
            prop_assert_eq!(start.len(), n + 1);
            for o in 0..n {
                let expected: Vec<u32> = (0..owner.len() as u32).filter(|&k| owner[k as usize] == o as u32).collect();
                prop_assert_eq!(&members[start[o] as usize..start[o + 1] as usize], expected.as_slice());
            }
            prop_assert_eq!(members.len(), owner.iter().filter(|&&o| o != u32::MAX).count());
        }
    }
}
