//! Criteria compiled for one review: each test tree with its dates resolved for the year and
//! its attestation columns found, so that a unit's status is a few loads and comparisons,
//! read straight from the prepared dataset without gathering a view of the unit first.
//!
//! Only statuses and scores come from here; explained results come from the interpreter
//! (`check`). The two must agree on every status: the property test
//! `review_verdicts_agree_with_explained_results` compares them on generated datasets under
//! every preset, and a unit the kernel cannot decide alone (a score outside its range, which
//! is an error the interpreter words) is handed to the interpreter.

use super::Review;
use crate::eval::item;
use crate::eval::result::{ItemScore, Status};
use crate::model::date::Window;
use crate::model::evidence::{Attestation, Evidence, Indicator};
use crate::model::points::Points;
use crate::model::unit::Kind;
use crate::rules::{ChildMeasure, Rounding, Test};
use chrono::NaiveDate;

/// One test of a criterion, compiled for a review's year.
#[derive(Debug)]
pub(super) enum Node {
    /// A date indicator within `not_before..=by` ([`NaiveDate::MIN`] when unbounded below);
    /// `pending` when the reference date (then `by`) is before the deadline, so a date
    /// after it is not known yet: unknown, not late.
    Deadline { indicator: Indicator, not_before: NaiveDate, by: NaiveDate, pending: bool },
    /// A count indicator of at least `min` (`at_least`) or at most `max` (`at_most`).
    Count { indicator: Indicator, at_least: bool, bound: u64 },
    /// A count reaching a share of another.
    Ratio { numerator: Indicator, denominator: Indicator, min_percent: u8, rounding: Rounding },
    /// A flag indicator equal to `equals`.
    Flag { indicator: Indicator, equals: bool },
    /// No incident of the listed categories in the window.
    NoEvents { categories: Box<[String]>, descendants: bool },
    /// The review's yes / no in an attestation column (`None`: no evidence records the key).
    Attested { column: Option<u32> },
    /// A share of the in-scope children of `kinds` registered or recognised.
    Children { kinds: Box<[Kind]>, measure: ChildMeasure, min_percent: u8, rounding: Rounding },
    /// A points item, scored by the reviewer or computed from `when`.
    Points { id: Box<str>, max: Points, when: Option<Box<Node>> },
    /// Points taken per incident of the listed categories.
    Deduction { categories: Box<[String]>, per_event: Points, max: Points },
    /// At least `need` of the sub-tests pass (`k_of_n`, `all`, `any`).
    Group { need: u64, of: Box<[Node]> },
}

/// A unit as a compiled test reads it.
pub(super) struct Subject<'r, 'a> {
    pub(super) review: &'r Review<'a>,
    pub(super) i: usize,
    /// The slot of its evidence record (`NONE`: none).
    pub(super) slot: u32,
    /// Whether the dataset records an incident of the unit.
    pub(super) incidents: bool,
    pub(super) evidence: Option<&'a Evidence>,
    pub(super) window: Window,
}

/// A unit the kernel hands to the interpreter: its error is the interpreter's to word.
pub(super) struct Interpret;

impl Node {
    /// Compiles `test` (of the criterion `id`) for `year`; `columns` gives the attestation
    /// column of each `attested` test in the order [`Test::walk`] visits them.
    /// A date after `as_of` is not known on it, so a deadline's last day is `as_of` at
    /// the latest.
    pub(super) fn compile(
        test: &Test,
        id: &str,
        (year, as_of): (i32, NaiveDate),
        columns: &mut impl Iterator<Item = Option<u32>>,
    ) -> Node {
        match test {
            Test::Deadline { indicator, by, not_before } => Node::Deadline {
                indicator: *indicator,
                not_before: not_before.map_or(NaiveDate::MIN, |n| n.resolve(year)),
                by: by.resolve(year).min(as_of),
                pending: as_of < by.resolve(year),
            },
            Test::AtLeast { indicator, min } => Node::Count { indicator: *indicator, at_least: true, bound: *min },
            Test::AtMost { indicator, max } => Node::Count { indicator: *indicator, at_least: false, bound: *max },
            Test::Ratio { numerator, denominator, min_percent, rounding } => Node::Ratio {
                numerator: *numerator,
                denominator: *denominator,
                min_percent: *min_percent,
                rounding: *rounding,
            },
            Test::Flag { indicator, equals } => Node::Flag { indicator: *indicator, equals: *equals },
            Test::NoEvents { categories, include_descendants } => {
                Node::NoEvents { categories: categories.clone().into(), descendants: *include_descendants }
            }
            Test::Attested { .. } => Node::Attested { column: columns.next().flatten() },
            Test::Children { kinds, measure, min_percent, rounding } => Node::Children {
                kinds: kinds.clone().into(),
                measure: *measure,
                min_percent: *min_percent,
                rounding: *rounding,
            },
            Test::Points { max, when } => Node::Points {
                id: id.into(),
                max: *max,
                when: when.as_ref().map(|w| Box::new(Node::compile(w, id, (year, as_of), columns))),
            },
            Test::Deduction { categories, per_event, max } => {
                Node::Deduction { categories: categories.clone().into(), per_event: *per_event, max: *max }
            }
            Test::KOfN { k, of } => Node::group(u64::from(*k), of, id, (year, as_of), columns),
            Test::All { of } => Node::group(of.len() as u64, of, id, (year, as_of), columns),
            Test::Any { of } => Node::group(1, of, id, (year, as_of), columns),
        }
    }

    fn group(
        need: u64,
        of: &[Test],
        id: &str,
        at: (i32, NaiveDate),
        columns: &mut impl Iterator<Item = Option<u32>>,
    ) -> Node {
        Node::Group { need, of: of.iter().map(|t| Node::compile(t, id, at, columns)).collect() }
    }

    /// The unit's status under this test; a points item or deduction writes its score to
    /// `score` (the last one evaluated wins, as in the interpreter). `stack` is scratch for
    /// walking descendants.
    pub(super) fn status(
        &self,
        u: &Subject<'_, '_>,
        score: &mut Option<ItemScore>,
        stack: &mut Vec<u32>,
    ) -> Result<Status, Interpret> {
        let known = |b: Option<bool>| match b {
            Some(true) => Status::Met,
            Some(false) => Status::NotMet,
            None => Status::Unknown,
        };
        Ok(match self {
            Node::Deadline { indicator, not_before, by, pending } => {
                match u.evidence.and_then(|e| e.date(*indicator)) {
                    Some(d) if d > *by && *pending && d >= *not_before => Status::Unknown,
                    d => known(d.map(|d| d <= *by && d >= *not_before)),
                }
            }
            Node::Count { indicator, at_least, bound } => {
                let v = u.evidence.and_then(|e| e.count(*indicator));
                known(v.map(|v| if *at_least { v >= *bound } else { v <= *bound }))
            }
            Node::Ratio { numerator, denominator, min_percent, rounding } => {
                let n = u.evidence.and_then(|e| e.count(*numerator));
                let d = u.evidence.and_then(|e| e.count(*denominator));
                match (n, d) {
                    (Some(n), Some(d)) if d > 0 => known(Some(n >= rounding.required(d, *min_percent))),
                    _ => Status::Unknown,
                }
            }
            Node::Flag { indicator, equals } => {
                known(u.evidence.and_then(|e| e.flag(*indicator)).map(|v| v == *equals))
            }
            Node::NoEvents { categories, descendants } => {
                let own = u.own_listed_incidents(categories);
                let none = own == 0 && !(*descendants && u.listed_in_descendants(categories, stack));
                known(Some(none))
            }
            Node::Attested { column } => match u.review.prep.attestations.at(*column, u.slot, u.evidence) {
                Attestation::Yes => Status::Met,
                Attestation::No => Status::NotMet,
                Attestation::Unknown => Status::Unknown,
            },
            Node::Children { kinds, measure, min_percent, rounding } => {
                let r = u.review;
                let (mut n, mut yes, mut unknown) = (0u64, 0u64, 0u64);
                for &c in r.children_of(u.i) {
                    // The child's brief, as kept with its verdict: its registration is read
                    // for the review whenever a test counts it (`Plan::reads_registration`).
                    let brief = r.briefs[c as usize];
                    if !brief.counted().is_some_and(|kind| kinds.contains(&kind)) {
                        continue;
                    }
                    n += 1;
                    let s = match measure {
                        ChildMeasure::Registered => brief.registered(),
                        ChildMeasure::Recognised => brief.recognised(),
                    };
                    match s {
                        Status::Met => yes += 1,
                        Status::Unknown => unknown += 1,
                        Status::NotMet => {}
                    }
                }
                // No in-scope child is unknown, never a pass.
                if n == 0 {
                    Status::Unknown
                } else {
                    Status::of_counts(yes, unknown, rounding.required(n, *min_percent))
                }
            }
            Node::Points { id, max, when } => {
                let sc = u.evidence.and_then(|e| e.points.get(&**id)).copied().unwrap_or_default();
                if item::out_of_range(sc, *max).is_some() {
                    return Err(Interpret);
                }
                let computed = match when {
                    Some(w) => item::condition_points(w.status(u, score, stack)?, *max),
                    None => None,
                };
                let (item_score, s) = item::scored(sc, *max, computed, when.is_some());
                *score = Some(item_score);
                s
            }
            Node::Deduction { categories, per_event, max } => {
                let (item_score, s) = item::deduction(u.own_listed_incidents(categories), *per_event, *max);
                *score = Some(item_score);
                s
            }
            Node::Group { need, of } => {
                // Every sub-test is evaluated, as the interpreter does: a later one may score.
                let (mut met, mut unknown) = (0u64, 0u64);
                for t in of.iter() {
                    match t.status(u, score, stack)? {
                        Status::Met => met += 1,
                        Status::Unknown => unknown += 1,
                        Status::NotMet => {}
                    }
                }
                Status::of_counts(met, unknown, *need)
            }
        })
    }
}

impl Subject<'_, '_> {
    /// The unit's own incidents in its window whose category is listed.
    fn own_listed_incidents(&self, categories: &[String]) -> u64 {
        if self.incidents { self.listed_incidents(self.i, categories) } else { 0 }
    }

    /// The incidents of unit `j` in this unit's window whose category is listed.
    fn listed_incidents(&self, j: usize, categories: &[String]) -> u64 {
        let prep = self.review.prep;
        let incidents = &prep.ds.incidents;
        prep.incidents_of(j)
            .iter()
            .map(|&k| &incidents[k as usize])
            .filter(|inc| self.window.contains(inc.date) && categories.contains(&inc.category))
            .count() as u64
    }

    /// Whether a descendant of the unit has a listed incident in the unit's window (only
    /// the subtrees that record incidents are walked), or a unit under it when the incident
    /// happened (moved or ended since).
    fn listed_in_descendants(&self, categories: &[String], stack: &mut Vec<u32>) -> bool {
        let r = self.review;
        let incidents = &r.prep.ds.incidents;
        if r.incidents_under_then(self.i).iter().any(|&k| {
            let inc = &incidents[k as usize];
            self.window.contains(inc.date) && categories.contains(&inc.category)
        }) {
            return true;
        }
        if r.subtree_incidents[self.i] as usize <= r.prep.incidents_of(self.i).len() {
            return false;
        }
        stack.clear();
        stack.extend_from_slice(r.children_of(self.i));
        while let Some(c) = stack.pop() {
            let c = c as usize;
            if r.subtree_incidents[c] > 0 {
                if self.listed_incidents(c, categories) > 0 {
                    return true;
                }
                stack.extend_from_slice(r.children_of(c));
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use crate::{Dataset, Options, Points, Prepared, RuleSet, Supplement};

    /// A score outside its item's range is an error, worded by the interpreter whether the
    /// unit is reviewed (compiled) or explained.
    #[test]
    fn a_score_out_of_range_is_the_same_error_in_a_review() {
        let mut ds = Dataset::from_str_named("s.json", crate::sample::SAMPLE_JSON).unwrap();
        let e = ds.evidence.iter_mut().find(|e| e.year == 2023 && e.points.contains_key("D510-AE-1")).unwrap();
        let unit = e.unit.clone();
        e.points.get_mut("D510-AE-1").unwrap().reviewed = Some(Points::from_hundredths(99_900));
        let sup = Supplement::from_str_named("d510.toml", crate::sample::SAMPLE_D510_SUPPLEMENT).unwrap();
        let rules = RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&sup).unwrap();
        let prepared = Prepared::new(&ds, 2023).unwrap();
        let reviewed = prepared.review(&rules, &Options::default()).unwrap_err();
        let explained = crate::evaluate(&ds, &rules, 2023).unwrap_err();
        assert_eq!(reviewed.to_string(), explained.to_string());
        let problem = &reviewed.problems()[0];
        assert_eq!(problem.location.unit.as_deref(), Some(unit.as_str()));
        assert!(problem.message.contains("reviewed score 999 of item `D510-AE-1` is outside 0–"), "{problem:?}");
    }
}
