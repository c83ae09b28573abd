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
    Action, Change, ChangeKind, Goal, Plan, PlanStatus, Target, WhatIf, WhatIfEach, verify, verify_plans,
    verify_prepared, what_it_takes, what_it_takes_each,
};

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
