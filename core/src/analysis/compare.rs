//! Year over year: the same units evaluated in two years — outcome and score changes,
//! incidents up or down in percent, units newly meeting or no longer meeting the standard,
//! and a summary per parent unit (the parent in the later year).
//!
//! ```
//! use antq::{Dataset, RuleSet, evaluate};
//! use antq::analysis::compare_years;
//! let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
//! let rules = |year| RuleSet::resolve("vn.c124", year, None).unwrap();
//! let (a, b) = (evaluate(&ds, &rules(2023), 2023).unwrap(), evaluate(&ds, &rules(2025), 2025).unwrap());
//! let cmp = compare_years(&ds, &a, &b).unwrap();
//! assert_eq!((cmp.from_year, cmp.to_year), (2023, 2025));
//! ```

use super::impact::outcome_key;
use crate::Dataset;
use crate::eval::{Evaluation, Status, UnitResult};
use crate::model::points::Points;
use crate::model::unit::{Kind, UnitId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How a unit's standing moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    /// Meets (or typical) in the later year, not in the earlier one.
    NewlyMeets,
    /// Met in the earlier year, not in the later one.
    NoLongerMeets,
    /// Another change of outcome (a level, undetermined…).
    Changed,
    /// The same outcome.
    Same,
    /// Evaluated only in the earlier year (ended, or out of the rule set's kinds).
    OnlyEarlier,
    /// Evaluated only in the later year (new).
    OnlyLater,
}

impl Movement {
    /// The snake_case code (as in JSON).
    ///
    /// ```
    /// assert_eq!(antq::analysis::Movement::NewlyMeets.as_str(), "newly_meets");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Movement::NewlyMeets => "newly_meets",
            Movement::NoLongerMeets => "no_longer_meets",
            Movement::Changed => "changed",
            Movement::Same => "same",
            Movement::OnlyEarlier => "only_earlier",
            Movement::OnlyLater => "only_later",
        }
    }
}

/// One unit across the two years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearRow {
    /// Unit id.
    pub unit: UnitId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Parent in the later year (or the earlier one for a unit that ended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
    /// The commune, district and province on the later year's reference date (or the earlier one's for a unit that ended) ([`crate::Ancestry`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<UnitId>,
    /// See `commune` (none from 1 July 2025).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<UnitId>,
    /// See `commune`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<UnitId>,
    /// Outcome key in the earlier year (`absent` when not evaluated).
    pub before: String,
    /// Outcome key in the later year.
    pub after: String,
    /// The movement.
    pub movement: Movement,
    /// Criteria met / applicable, earlier year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met_before: Option<String>,
    /// Criteria met / applicable, later year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met_after: Option<String>,
    /// Reviewed total, earlier year (points rule sets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_before: Option<Points>,
    /// Reviewed total, later year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_after: Option<Points>,
    /// Change of the reviewed total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_change: Option<Points>,
    /// The unit's own incidents in its earlier window.
    pub incidents_before: u32,
    /// The unit's own incidents in its later window.
    pub incidents_after: u32,
    /// Change of incidents in percent of the earlier count (`null` when it was 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incidents_change_percent: Option<f64>,
    /// Criteria whose status changed (`id: before→after` with ✓ ✗ ?).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria_changed: Vec<String>,
}

/// The summary for one parent unit (later-year hierarchy).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearParent {
    /// Parent id.
    pub parent: Option<UnitId>,
    /// Units evaluated in either year.
    pub units: u32,
    /// Units meeting (or typical) in the earlier year.
    pub meeting_before: u32,
    /// Units meeting in the later year.
    pub meeting_after: u32,
    /// Newly meeting.
    pub newly_meeting: u32,
    /// No longer meeting.
    pub no_longer_meeting: u32,
    /// Incidents of these units, earlier windows.
    pub incidents_before: u32,
    /// Incidents of these units, later windows.
    pub incidents_after: u32,
    /// Change in percent (`null` when there were none before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incidents_change_percent: Option<f64>,
}

/// Two years compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearComparison {
    /// Rule set of the earlier evaluation.
    pub rule_set: String,
    /// Earlier year.
    pub from_year: i32,
    /// Later year.
    pub to_year: i32,
    /// The rule set of each year (id, version, hash, supplements): the law may differ.
    #[serde(default)]
    pub rules: [crate::rules::RulesRef; 2],
    /// Every unit evaluated in either year, in id order.
    pub units: Vec<YearRow>,
    /// Per parent, in id order.
    pub parents: Vec<YearParent>,
    /// Units newly meeting.
    pub newly_meeting: Vec<UnitId>,
    /// Units no longer meeting.
    pub no_longer_meeting: Vec<UnitId>,
    /// The lints of the two evaluations compared ([`Evaluation::lints`]; one listed once
    /// when both years have it): what the data gives that the rules do not read, which the
    /// comparison does not count.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lints: Vec<crate::Problem>,
}

/// Percent change, rounded to one decimal; `None` from zero.
fn percent(before: u32, after: u32) -> Option<f64> {
    (before > 0).then(|| ((f64::from(after) - f64::from(before)) * 1000.0 / f64::from(before)).round() / 10.0)
}

/// Everything of a comparison but its rows per unit: known once every row has been made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearTotals {
    /// Rule set of the earlier evaluation.
    pub rule_set: String,
    /// Earlier year.
    pub from_year: i32,
    /// Later year.
    pub to_year: i32,
    /// The rule set of each year (id, version, hash, supplements).
    pub rules: [crate::rules::RulesRef; 2],
    /// Per parent, in id order.
    pub parents: Vec<YearParent>,
    /// Units newly meeting.
    pub newly_meeting: Vec<UnitId>,
    /// Units no longer meeting.
    pub no_longer_meeting: Vec<UnitId>,
    /// The lints of the two evaluations (as [`YearComparison::lints`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lints: Vec<crate::Problem>,
}

impl YearComparison {
    fn new(units: Vec<YearRow>, t: YearTotals) -> Self {
        YearComparison {
            rule_set: t.rule_set,
            from_year: t.from_year,
            to_year: t.to_year,
            rules: t.rules,
            units,
            parents: t.parents,
            newly_meeting: t.newly_meeting,
            no_longer_meeting: t.no_longer_meeting,
            lints: t.lints,
        }
    }
}

/// Evaluates `ds` in two years, each under its own rule set (the law may change between
/// them: resolve a family for each year with [`crate::RuleSet::resolve`]), and compares
/// them; the dataset is validated and indexed once for both (see
/// [`crate::Prepared::for_year`]).
///
/// ```
/// use antq::RuleSet;
/// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let (a, b) = (RuleSet::resolve("vn.c124", 2023, None).unwrap(), RuleSet::resolve("vn.c124", 2025, None).unwrap());
/// let c = antq::analysis::compare_rule_years(&ds, (&a, &b), 2023, 2025, &antq::Options::default()).unwrap();
/// assert_eq!((c.from_year, c.to_year), (2023, 2025));
/// ```
pub fn compare_rule_years(
    ds: &Dataset,
    rules: (&crate::RuleSet, &crate::RuleSet),
    from: i32,
    to: i32,
    opts: &crate::Options,
) -> crate::Result<YearComparison> {
    let mut units = Vec::new();
    let totals = compare_rule_years_each(ds, rules, from, to, opts, |row| {
        units.push(row);
        Ok::<_, crate::Error>(())
    })?;
    Ok(YearComparison::new(units, totals))
}

/// Two different years, the earlier first: a comparison of 2025 with 2023 would call what
/// was lost "newly meets", and of a year with itself compares nothing. The one check of
/// [`compare_rule_years`] and [`compare_years`].
fn check_order(from: i32, to: i32) -> crate::Result<()> {
    let message = match from.cmp(&to) {
        std::cmp::Ordering::Less => return Ok(()),
        std::cmp::Ordering::Equal => format!("{from} and {to} are the same year: give two different years"),
        std::cmp::Ordering::Greater => format!("{from} then {to}: give the earlier year first ({to} then {from})"),
    };
    Err(crate::Error::BadArgument { argument: "years".into(), message })
}

/// [`compare_rule_years`] one row at a time: `each` receives every unit's row in id order
/// as it is made (each unit's two results are explained and dropped in turn), and the
/// totals are returned at the end. Memory holds one row, the per-parent summary and the
/// ids of the units that moved, never the comparison of every unit.
///
/// ```
/// use antq::RuleSet;
/// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let (a, b) = (RuleSet::resolve("vn.c124", 2023, None).unwrap(), RuleSet::resolve("vn.c124", 2025, None).unwrap());
/// let mut rows = 0;
/// let totals = antq::analysis::compare::compare_rule_years_each(&ds, (&a, &b), 2023, 2025, &antq::Options::default(), |_row| {
///     rows += 1;
///     Ok::<_, antq::Error>(())
/// }).unwrap();
/// assert_eq!(totals.parents.iter().map(|p| p.units as usize).sum::<usize>(), rows);
/// ```
pub fn compare_rule_years_each<E: From<crate::Error>>(
    ds: &Dataset,
    rules: (&crate::RuleSet, &crate::RuleSet),
    from: i32,
    to: i32,
    opts: &crate::Options,
    mut each: impl FnMut(YearRow) -> Result<(), E>,
) -> Result<YearTotals, E> {
    // Checked in the order `evaluate` checks them: year, rule set, dataset.
    crate::eval::check_year(from)?;
    check_order(from, to)?;
    rules.0.validate()?;
    rules.1.validate()?;
    let earlier = crate::Prepared::new(ds, from)?;
    let later = earlier.for_year(to)?;
    let (a, b) = (earlier.review(rules.0, opts)?, later.review(rules.1, opts)?);
    let mut tally = Tally::new(a.record(), b.record(), super::merged_lints([a.lints(), b.lints()]));
    for row in Rows::new(ds, super::pairs::of_reviews(&a, &b)) {
        let (row, positive) = row?;
        tally.add(&row, positive);
        each(row)?;
    }
    Ok(tally.finish())
}

/// Compares two evaluations of `ds` (normally the same rule set in two years). Incidents
/// are the unit's own, counted in the window its result states for each year.
///
/// The evaluations' years must be two different years, the earlier first, as
/// [`compare_rule_years`] requires of its own (the same check): otherwise
/// [`crate::Error::BadArgument`] (`years`), where evaluations given the wrong way round were
/// compared, calling what was lost "newly meets".
///
/// ```
/// use antq::{RuleSet, evaluate};
/// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let e2023 = evaluate(&ds, &RuleSet::resolve("vn.c124", 2023, None).unwrap(), 2023).unwrap();
/// let e2025 = evaluate(&ds, &RuleSet::resolve("vn.c124", 2025, None).unwrap(), 2025).unwrap();
/// assert!(antq::analysis::compare_years(&ds, &e2023, &e2025).is_ok());
/// for (a, b) in [(&e2025, &e2023), (&e2023, &e2023)] {
///     let e = antq::analysis::compare_years(&ds, a, b).unwrap_err();
///     assert!(matches!(&e, antq::Error::BadArgument { argument, .. } if argument == "years"), "{e}");
/// }
/// ```
pub fn compare_years(ds: &Dataset, earlier: &Evaluation, later: &Evaluation) -> crate::Result<YearComparison> {
    check_order(earlier.decision.year, later.decision.year)?;
    let lints = super::merged_lints([earlier.lints.as_slice(), later.lints.as_slice()]);
    let mut tally = Tally::new(&earlier.decision, &later.decision, lints);
    let mut units = Vec::new();
    for row in Rows::new(ds, super::pairs::of_evaluations(earlier, later)) {
        let (row, positive) = match row {
            Ok(r) => r,
            Err(never) => match never {},
        };
        tally.add(&row, positive);
        units.push(row);
    }
    Ok(YearComparison::new(units, tally.finish()))
}

/// Each unit's row, made from its pair of results in id order, with whether it met (or
/// was typical) in each year.
struct Rows<'d, I> {
    pairs: I,
    /// Each unit's own incident dates.
    incidents: HashMap<&'d str, Vec<chrono::NaiveDate>>,
}

impl<'d, I> Rows<'d, I> {
    fn new(ds: &'d Dataset, pairs: I) -> Self {
        let mut incidents: HashMap<&str, Vec<chrono::NaiveDate>> = HashMap::new();
        for i in &ds.incidents {
            incidents.entry(i.unit.as_str()).or_default().push(i.date);
        }
        Rows { pairs, incidents }
    }

    fn count(&self, u: Option<&UnitResult>) -> u32 {
        u.map_or(0, |u| {
            let n =
                self.incidents.get(u.unit.as_str()).map_or(0, |v| v.iter().filter(|d| u.window.contains(**d)).count());
            u32::try_from(n).unwrap_or(u32::MAX)
        })
    }

    fn row(&self, ua: Option<&UnitResult>, ub: Option<&UnitResult>) -> Option<(YearRow, (bool, bool))> {
        let any = ub.or(ua)?;
        let positive = (ua.is_some_and(|u| u.outcome.is_meeting()), ub.is_some_and(|u| u.outcome.is_meeting()));
        let movement = match (ua, ub) {
            (Some(_), None) => Movement::OnlyEarlier,
            (None, Some(_)) => Movement::OnlyLater,
            (Some(x), Some(y)) => match positive {
                (false, true) => Movement::NewlyMeets,
                (true, false) => Movement::NoLongerMeets,
                _ if outcome_key(&x.outcome) != outcome_key(&y.outcome) => Movement::Changed,
                _ => Movement::Same,
            },
            (None, None) => Movement::Same,
        };
        let (ia, ib) = (self.count(ua), self.count(ub));
        let sa = ua.and_then(|u| u.score.as_ref()).and_then(|s| s.reviewed);
        let sb = ub.and_then(|u| u.score.as_ref()).and_then(|s| s.reviewed);
        let mut criteria_changed = Vec::new();
        if let (Some(x), Some(y)) = (ua, ub) {
            let before: HashMap<&str, Status> = x.criteria.iter().map(|c| (c.id.as_str(), c.status)).collect();
            for c in &y.criteria {
                if let Some(s) = before.get(c.id.as_str())
                    && *s != c.status
                {
                    criteria_changed.push(format!("{}: {}→{}", c.id, s.mark(), c.status.mark()));
                }
            }
        }
        let row = YearRow {
            unit: any.unit.clone(),
            name: any.name.clone(),
            kind: any.kind,
            parent: any.parent.clone(),
            commune: any.commune.clone(),
            district: any.district.clone(),
            province: any.province.clone(),
            before: ua.map_or_else(|| "absent".to_owned(), |u| outcome_key(&u.outcome)),
            after: ub.map_or_else(|| "absent".to_owned(), |u| outcome_key(&u.outcome)),
            movement,
            met_before: ua.map(|u| format!("{}/{}", u.met, u.of)),
            met_after: ub.map(|u| format!("{}/{}", u.met, u.of)),
            score_before: sa,
            score_after: sb,
            score_change: sa.zip(sb).map(|(x, y)| y - x),
            incidents_before: ia,
            incidents_after: ib,
            incidents_change_percent: percent(ia, ib),
            criteria_changed,
        };
        Some((row, positive))
    }
}

impl<'e, E, I: Iterator<Item = Result<super::pairs::Pair<'e>, E>>> Iterator for Rows<'_, I> {
    type Item = Result<(YearRow, (bool, bool)), E>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (ua, ub) = match self.pairs.next()? {
                Ok(pair) => pair,
                Err(e) => return Some(Err(e)),
            };
            if let Some(row) = self.row(ua.as_deref(), ub.as_deref()) {
                return Some(Ok(row));
            }
        }
    }
}

/// The totals of a comparison, added up one row at a time.
struct Tally {
    totals: YearTotals,
    parents: BTreeMap<Option<UnitId>, YearParent>,
}

impl Tally {
    fn new(
        earlier: &crate::eval::DecisionRecord,
        later: &crate::eval::DecisionRecord,
        lints: Vec<crate::Problem>,
    ) -> Self {
        let totals = YearTotals {
            rule_set: earlier.rule_set.clone(),
            from_year: earlier.year,
            to_year: later.year,
            rules: [earlier.rules(), later.rules()],
            parents: Vec::new(),
            newly_meeting: Vec::new(),
            no_longer_meeting: Vec::new(),
            lints,
        };
        Tally { totals, parents: BTreeMap::new() }
    }

    fn add(&mut self, row: &YearRow, (met_before, met_after): (bool, bool)) {
        let p = self.parents.entry(row.parent.clone()).or_insert_with(|| YearParent {
            parent: row.parent.clone(),
            units: 0,
            meeting_before: 0,
            meeting_after: 0,
            newly_meeting: 0,
            no_longer_meeting: 0,
            incidents_before: 0,
            incidents_after: 0,
            incidents_change_percent: None,
        });
        // Saturating: a count past u32::MAX is beyond any dataset the limits admit.
        p.units = p.units.saturating_add(1);
        p.meeting_before = p.meeting_before.saturating_add(u32::from(met_before));
        p.meeting_after = p.meeting_after.saturating_add(u32::from(met_after));
        p.incidents_before = p.incidents_before.saturating_add(row.incidents_before);
        p.incidents_after = p.incidents_after.saturating_add(row.incidents_after);
        match row.movement {
            Movement::NewlyMeets => {
                p.newly_meeting = p.newly_meeting.saturating_add(1);
                self.totals.newly_meeting.push(row.unit.clone());
            }
            Movement::NoLongerMeets => {
                p.no_longer_meeting = p.no_longer_meeting.saturating_add(1);
                self.totals.no_longer_meeting.push(row.unit.clone());
            }
            _ => {}
        }
    }

    fn finish(mut self) -> YearTotals {
        for p in self.parents.values_mut() {
            p.incidents_change_percent = percent(p.incidents_before, p.incidents_after);
        }
        self.totals.parents = self.parents.into_values().collect();
        self.totals
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RuleSet, evaluate, sample::SAMPLE_JSON};

    #[test]
    fn percent_is_relative_to_the_earlier_count() {
        assert_eq!(percent(4, 5), Some(25.0));
        assert_eq!(percent(3, 1), Some(-66.7));
        assert_eq!(percent(0, 2), None);
    }

    #[test]
    fn sample_2023_to_2025_is_consistent_with_the_two_evaluations() {
        let ds = Dataset::from_str_named("s.json", SAMPLE_JSON).unwrap();
        let r = |y| RuleSet::resolve("vn.c124", y, None).unwrap();
        let (a, b) = (evaluate(&ds, &r(2023), 2023).unwrap(), evaluate(&ds, &r(2025), 2025).unwrap());
        let c = compare_years(&ds, &a, &b).unwrap();
        let meets = |e: &Evaluation| e.units.iter().filter(|u| u.outcome.is_meeting()).count() as u32;
        assert_eq!(c.parents.iter().map(|p| p.meeting_before).sum::<u32>(), meets(&a));
        assert_eq!(c.parents.iter().map(|p| p.meeting_after).sum::<u32>(), meets(&b));
        // Districts end in 2025: they are only in the earlier year, if evaluated at all.
        assert!(c.units.iter().filter(|r| r.kind == Kind::District).all(|r| r.movement == Movement::OnlyEarlier));
        for r in &c.units {
            if r.movement == Movement::NewlyMeets {
                assert!(c.newly_meeting.contains(&r.unit));
                assert!(!a.unit(r.unit.as_str()).unwrap().outcome.is_meeting());
            }
        }
        // A year with itself, or the later first, is refused as compare_rule_years refuses it
        // (both were compared: the reversed pair called what was lost "newly meets").
        for (x, y) in [(&a, &a), (&b, &a)] {
            let e = compare_years(&ds, x, y).unwrap_err();
            assert!(matches!(&e, crate::Error::BadArgument { argument, .. } if argument == "years"), "{e}");
        }
    }
}
