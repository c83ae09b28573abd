//! Evaluation of a dataset against a rule set for a year: scope first, children
//! before parents, then per unit an explained outcome.

mod absent;
mod check;
mod explain;
mod item;
#[cfg(test)]
mod order_tests;
mod prepared;
mod progress;
mod review;
mod rows;
mod vocabulary;

pub use absent::not_evaluated;
pub use prepared::{Prepared, Validated};
pub use review::{Decision, Review, Verdict};
pub(crate) use vocabulary::Vocabulary;
pub use vocabulary::vocabulary_problems;

pub use rows::{CriterionRow, UnitRow};
mod result;

pub use progress::Progress;
pub(crate) use progress::report;
pub use result::{
    Check, CriterionResult, DecisionRecord, Evaluation, ItemScore, Missing, MissingKind, Outcome, ScoreSummary, Status,
    UnitResult, as_of_outside_year_note, outside_period_note,
};

use crate::error::{Error, Result};
use crate::model::dataset::Dataset;
use crate::rules::RuleSet;
use chrono::NaiveDate;

/// The years antq accepts: a year outside them is a typo (20233, 223), refused by every
/// entry point of every surface with [`Error::BadYear`].
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Refuses a year outside [`YEARS`], as every entry point does.
///
/// ```
/// assert!(antq::check_year(2023).is_ok());
/// assert_eq!(antq::check_year(20233).unwrap_err().code(), "bad_year");
/// ```
pub fn check_year(year: i32) -> Result<()> {
    if YEARS.contains(&year) { Ok(()) } else { Err(Error::BadYear { year }) }
}

/// How deep prerequisite rule sets may chain.
const MAX_PREREQUISITE_DEPTH: usize = 4;

/// Options of an evaluation.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// Reference date: the units and hierarchy that exist on it, and what is known on it
    /// (a date or incident after it does not count); by default the last day of the
    /// latest window of the rule set's kinds in the year (15 November for Circular 124).
    pub as_of: Option<NaiveDate>,
    /// Rule sets (e.g. a prerequisite with a supplement) to use instead of presets.
    pub rule_sets: Vec<RuleSet>,
    /// Leave the sentences of checks and missing items empty: statuses, observed values,
    /// thresholds, outcomes and the list of what is missing stay the same, but nothing is
    /// written to explain them. For bulk runs that only need verdicts.
    pub without_explanations: bool,
    /// Use every core: the units of one depth of the hierarchy are reviewed in parallel,
    /// and explained results written in parallel. On by default when antq is built with
    /// the `parallel` cargo feature (the CLI and Python are), so no surface decides it;
    /// ignored without the feature (WebAssembly). The results are the same bit for bit.
    pub parallel: bool,
    /// Apply the rule set even on a reference date outside its period of application
    /// (`effective`), instead of the `not_in_force` error. Recorded in the decision record.
    pub allow_outside_period: bool,
    /// Evidence keys no rule set antq knows reads (a misspelt attested key or points item)
    /// become lints kept in the result instead of an `unknown_key` error: for a dataset
    /// written for a rule set of the caller's that antq does not know.
    pub lenient_vocabulary: bool,
    /// Accept a reference date outside the year's review (before the first window starts,
    /// or after the review deadlines), instead of the `bad_value` error: such a date changes
    /// the hierarchy the review sees. Recorded in the decision record.
    pub allow_as_of_outside_year: bool,
    /// Called with the units done and in all between parts of a long call, on the calling
    /// thread; breaking stops the call with [`Error::Cancelled`] (see [`Progress`]).
    pub progress: Option<Progress>,
}

// Derivable only where the `parallel` feature is off (WebAssembly).
#[allow(clippy::derivable_impls)]
impl Default for Options {
    fn default() -> Self {
        Options {
            as_of: None,
            rule_sets: Vec::new(),
            without_explanations: false,
            parallel: cfg!(feature = "parallel"),
            allow_outside_period: false,
            lenient_vocabulary: false,
            allow_as_of_outside_year: false,
            progress: None,
        }
    }
}

impl Options {
    /// Sets the reference date.
    pub fn as_of(mut self, d: NaiveDate) -> Self {
        self.as_of = Some(d);
        self
    }

    /// Leaves the sentences out (see [`Options::without_explanations`]).
    ///
    /// ```
    /// use antq::{Dataset, Options, RuleSet, evaluate_with};
    /// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let rules = RuleSet::preset("vn.c124-2021").unwrap();
    /// let full = evaluate_with(&ds, &rules, 2023, &Options::default()).unwrap();
    /// let terse = evaluate_with(&ds, &rules, 2023, &Options::default().without_explanations()).unwrap();
    /// let outcomes = |e: &antq::Evaluation| e.units.iter().map(|u| u.outcome.clone()).collect::<Vec<_>>();
    /// assert_eq!(outcomes(&full), outcomes(&terse));
    /// assert!(terse.units.iter().flat_map(|u| &u.criteria).flat_map(|c| &c.checks).all(|k| k.explanation.en.is_empty()));
    /// ```
    pub fn without_explanations(mut self) -> Self {
        self.without_explanations = true;
        self
    }

    /// Uses every core (see [`Options::parallel`]).
    pub fn parallel(mut self) -> Self {
        self.parallel = true;
        self
    }

    /// Uses one core (for measuring one core, or comparing with [`Options::parallel`]).
    pub fn sequential(mut self) -> Self {
        self.parallel = false;
        self
    }

    /// Applies the rule set outside its period (see [`Options::allow_outside_period`]).
    pub fn allow_outside_period(mut self) -> Self {
        self.allow_outside_period = true;
        self
    }

    /// Accepts a reference date outside the year's review (see
    /// [`Options::allow_as_of_outside_year`]).
    pub fn allow_as_of_outside_year(mut self) -> Self {
        self.allow_as_of_outside_year = true;
        self
    }

    /// Turns unknown evidence keys into lints (see [`Options::lenient_vocabulary`]).
    pub fn lenient_vocabulary(mut self) -> Self {
        self.lenient_vocabulary = true;
        self
    }

    /// Reports progress to `f` and lets it stop the call (see [`Progress`]).
    pub fn with_progress(
        mut self,
        f: impl Fn(usize, usize) -> std::ops::ControlFlow<()> + Send + Sync + 'static,
    ) -> Self {
        self.progress = Some(Progress::new(f));
        self
    }

    /// Adds a rule set that prerequisites may name.
    pub fn with_rule_set(mut self, rs: RuleSet) -> Self {
        self.rule_sets.push(rs);
        self
    }
}

/// Evaluates `dataset` against `rules` for `year`, with default options.
///
/// ```
/// use antq::{Dataset, RuleSet, evaluate, Outcome};
/// let ds = Dataset::from_str_named("d.json", r#"{
///   "format_version": 1,
///   "units": [{"id": "E1", "name": "Small firm", "kind": "enterprise", "size": "small"}]
/// }"#).unwrap();
/// let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// let ev = evaluate(&ds, &rules, 2023).unwrap();
/// assert!(matches!(ev.units[0].outcome, Outcome::OutOfScope { .. }));
/// ```
pub fn evaluate(dataset: &Dataset, rules: &RuleSet, year: i32) -> Result<Evaluation> {
    evaluate_with(dataset, rules, year, &Options::default())
}

/// Evaluates with options.
pub fn evaluate_with(dataset: &Dataset, rules: &RuleSet, year: i32, opts: &Options) -> Result<Evaluation> {
    evaluate_prepared(rules, year, opts, || Prepared::new(dataset, year))
}

/// [`evaluate_with`] of the dataset `prepare` lays out for `year`: the year and the rules
/// checked first, then the dataset.
pub(crate) fn evaluate_prepared<'d>(
    rules: &RuleSet,
    year: i32,
    opts: &Options,
    prepare: impl FnOnce() -> Result<Prepared<'d>>,
) -> Result<Evaluation> {
    check_year(year)?;
    rules.validate()?;
    prepare()?.review(rules, opts)?.to_evaluation()
}

/// The rule set a typical rule set's prerequisite `p` names on `as_of`: one of the
/// caller's rule sets (by id, or by family when in force on the date), else a preset or
/// the preset of family `p` in force on the date.
pub(crate) fn prerequisite_rules(p: &str, year: i32, as_of: NaiveDate, opts: &Options) -> Result<RuleSet> {
    let given =
        opts.rule_sets.iter().find(|r| r.id == p || (r.family.as_deref() == Some(p) && r.effective.contains(as_of)));
    match given {
        Some(r) => Ok(r.clone()),
        None => RuleSet::resolve(p, year, Some(as_of)),
    }
}

/// The last day a registration counts for the `year` review on `as_of`: 31 March, and
/// never after the reference date (see [`registration_status`]); and whether the reference
/// date is before 31 March, when a unit not registered by it may still register in time.
pub(crate) fn registration_until(year: i32, as_of: NaiveDate) -> (NaiveDate, bool) {
    let q1 = NaiveDate::from_ymd_opt(year, 3, 31).unwrap_or(NaiveDate::MAX);
    (q1.min(as_of), as_of < q1)
}

/// Whether a unit registered for a review as a commune's roll-up (CW-4) counts it (DOMAIN
/// §3.3 `[I]`): a registration date counts only "in Q1" — from the start of the unit's
/// window (`window_start`) to 31 March — and never after the reference date (`until`, from
/// [`registration_until`]); without a date, `registered = true / false` decides; with no
/// evidence, unknown. On a reference date before 31 March (`pending`), a unit not registered
/// by it may still register in time: unknown, never "not registered".
pub(crate) fn registration_status(
    e: Option<&crate::Evidence>,
    window_start: Option<NaiveDate>,
    (until, pending): (NaiveDate, bool),
) -> Status {
    let Some(e) = e else { return Status::Unknown };
    match (e.registration_date, e.registered) {
        (Some(d), _) if window_start.is_some_and(|s| d < s) => Status::NotMet,
        (Some(d), _) if d > until => {
            if pending {
                Status::Unknown
            } else {
                Status::NotMet
            }
        }
        (Some(_), _) | (None, Some(true)) => Status::Met,
        (None, Some(false)) if pending => Status::Unknown,
        (None, Some(false)) => Status::NotMet,
        (None, None) => Status::Unknown,
    }
}

/// The reference date used when none is given: the latest window end of the rule set's kinds.
pub fn default_as_of(rules: &RuleSet, year: i32) -> NaiveDate {
    rules
        .kinds()
        .into_iter()
        .filter_map(|k| rules.window(k, year).map(|w| w.end))
        .max()
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MIN))
}
