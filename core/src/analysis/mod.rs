//! Decision support built on top of [`evaluate_with`](crate::evaluate_with): what a unit
//! still needs to reach a target ([`whatif`](mod@whatif)), what a rule change changes
//! ([`impact`](mod@impact)), how stable levels and ranks are under other cut-offs and maxima
//! ([`sensitivity`](mod@sensitivity)), how units moved between two years ([`compare`]), and
//! the share of units meeting per parent ([`shares`]).
//!
//! Everything here is a pure function of its inputs: no clock, randomness only from a
//! seeded generator, and results that serialise with serde.

pub mod compare;
pub mod impact;
mod pairs;
pub mod sensitivity;
pub mod shares;
pub mod whatif;

pub use compare::{Movement, YearComparison, YearTotals, compare_rule_years, compare_rule_years_each, compare_years};
pub use impact::{Impact, impact, impact_of_rules, with_parameter};
pub use sensitivity::{Sampling, SensitivityReport, SensitivitySpec, sensitivity};
pub use whatif::{
    Action, Change, ChangeKind, Goal, Plan, PlanStatus, Target, verify, verify_plans, verify_prepared, what_it_takes,
    what_it_takes_each,
};

/// The lints of the evaluations an analysis runs (`runs`: each rule set, its year and the
/// options the analysis evaluates it under), which the analyses' results have no place for:
/// what the rules do not read (an unread evidence key, an incident no criterion counts, no
/// evidence of the year, a quota tie) is said by the caller beside the result, never passed
/// over (the command line notes them, Python warns them). One review each, without
/// explanations (the lints are the same); a lint two runs share is listed once. For
/// [`impact_of_rules`], [`impact::lints_of_rules`] gives each side the options it is
/// evaluated under.
///
/// ```
/// use antq::RuleSet;
/// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let rules = RuleSet::resolve("vn.c124", 2023, None).unwrap();
/// let opts = antq::Options::default();
/// let lints = antq::analysis::lints(&ds, &[(&rules, 2023, &opts)]).unwrap();
/// assert!(lints.iter().any(|l| l.code == antq::ProblemCode::UnusedKey));
/// ```
pub fn lints(
    ds: &crate::Dataset,
    runs: &[(&crate::RuleSet, i32, &crate::Options)],
) -> crate::Result<Vec<crate::Problem>> {
    let mut lints: Vec<crate::Problem> = Vec::new();
    for &(rules, year, opts) in runs {
        let prepared = crate::Prepared::new(ds, year)?;
        let mut opts = opts.clone();
        opts.without_explanations = true;
        let review = prepared.review(rules, &opts)?;
        for l in review.lints() {
            if !lints.contains(l) {
                lints.push(l.clone());
            }
        }
    }
    Ok(lints)
}
