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
/// options the analysis evaluates it under), for the analyses whose results have no place
/// for them ([`what_it_takes`]: its plans): what the rules do not read (an unread evidence
/// key, an incident no criterion counts, no evidence of the year, a quota tie) is said by
/// the caller beside the result, never passed over (the command line notes them, Python
/// warns them). One review each, without explanations (the lints are the same); a lint two
/// runs share is listed once. [`Impact`], [`SensitivityReport`] and [`YearComparison`]
/// carry their evaluations' lints themselves (`lints`).
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
        merge_lints(&mut lints, prepared.review(rules, &opts)?.lints());
    }
    Ok(lints)
}

/// Adds to `into` each of `lints` it does not hold yet, in order.
fn merge_lints(into: &mut Vec<crate::Problem>, lints: &[crate::Problem]) {
    for l in lints {
        if !into.contains(l) {
            into.push(l.clone());
        }
    }
}

/// The lints of several evaluations, each listed once, in order.
fn merged_lints<'a>(each: impl IntoIterator<Item = &'a [crate::Problem]>) -> Vec<crate::Problem> {
    let mut lints = Vec::new();
    each.into_iter().for_each(|l| merge_lints(&mut lints, l));
    lints
}
