//! The planner shared by the outcome policies: the evaluation's results, evidence and
//! children at hand, a plan's common part, and how a plan's changes are merged and its
//! status set.

use super::{Action, Change, ChangeKind, Plan, PlanStatus, Target};
use crate::Dataset;
use crate::eval::{Evaluation, UnitResult};
use crate::model::evidence::{Evidence, Indicator};
use crate::model::unit::UnitId;
use crate::rules::RuleSet;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// A set of changes with its cost.
#[derive(Debug, Clone, Default)]
pub(super) struct Fix {
    pub(super) changes: Vec<Change>,
    /// Why no change of the evidence can make it met (e.g. a roll-up over units the data
    /// does not hold): such a fix is never the cheapest, and a plan needing it is
    /// unreachable.
    pub(super) unreachable: Vec<crate::model::text::Text>,
}

impl Fix {
    pub(super) fn cost(&self) -> (usize, usize) {
        if !self.unreachable.is_empty() {
            return (usize::MAX, usize::MAX);
        }
        let blocked = self.changes.iter().filter(|c| c.kind == ChangeKind::Blocked).count();
        (blocked, self.changes.len())
    }
    /// The cost of the changes not already in `planned` (the same field of the same unit).
    pub(super) fn cost_beyond(&self, planned: &[Change]) -> (usize, usize) {
        if !self.unreachable.is_empty() {
            return (usize::MAX, usize::MAX);
        }
        let new: Vec<&Change> =
            self.changes.iter().filter(|c| !planned.iter().any(|p| p.field() == c.field())).collect();
        (new.iter().filter(|c| c.kind == ChangeKind::Blocked).count(), new.len())
    }
    pub(super) fn extend(&mut self, o: Fix) {
        self.changes.extend(o.changes);
        self.unreachable.extend(o.unreachable);
    }
}

pub(super) struct Planner<'a> {
    pub(super) ds: &'a Dataset,
    pub(super) rules: &'a RuleSet,
    pub(super) ev: &'a Evaluation,
    pub(super) year: i32,
    pub(super) results: HashMap<&'a str, &'a UnitResult>,
    pub(super) evidence: HashMap<&'a str, &'a Evidence>,
    /// Children (in the dataset hierarchy on the reference date) of each unit.
    pub(super) children: HashMap<&'a str, Vec<&'a str>>,
    /// The units with incidents by id, for the units above them on an incident's date.
    units: HashMap<&'a str, &'a crate::model::unit::Unit>,
}

impl<'a> Planner<'a> {
    pub(super) fn new(ds: &'a Dataset, rules: &'a RuleSet, ev: &'a Evaluation) -> Self {
        let year = ev.decision.year;
        let as_of = ev.decision.as_of;
        let results = ev.units.iter().map(|u| (u.unit.as_str(), u)).collect();
        let evidence = ds.evidence.iter().filter(|e| e.year == year).map(|e| (e.unit.as_str(), e)).collect();
        let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
        for u in ds.units.iter().filter(|u| u.exists_on(as_of)) {
            if let Some(p) = u.parent_on(as_of) {
                children.entry(p.as_str()).or_default().push(u.id.as_str());
            }
        }
        let units = if ds.incidents.is_empty() {
            HashMap::new()
        } else {
            ds.units.iter().map(|u| (u.id.as_str(), u)).collect()
        };
        Planner { ds, rules, ev, year, results, evidence, children, units }
    }

    /// Whether `above` was above unit `unit` on `date` (its parent, its parent's parent…):
    /// an incident then counts toward it even if the unit moved or ended since, as the
    /// review counts it (DOMAIN §3.3 CW-2).
    pub(super) fn was_under(&self, unit: &str, above: &str, date: NaiveDate) -> bool {
        let mut cur = unit;
        for _ in 0..=self.units.len() {
            match self.units.get(cur).and_then(|u| u.parent_on(date)) {
                Some(p) if p.as_str() == above => return true,
                Some(p) => cur = p.as_str(),
                None => return false,
            }
        }
        false
    }

    pub(super) fn base_plan(&self, u: &UnitResult, target: Target) -> Plan {
        Plan {
            unit: u.unit.clone(),
            name: u.name.clone(),
            rule_set: self.ev.decision.rule_set.clone(),
            rules: self.ev.decision.rules(),
            year: self.year,
            current: u.outcome.clone(),
            target,
            status: PlanStatus::Reached,
            changes: Vec::new(),
            points_to_gain: None,
            notes: Vec::new(),
            verified: None,
        }
    }
}

pub(super) fn sets_registration_date(f: &Fix, unit: &UnitId) -> bool {
    f.changes.iter().any(|c| {
        &c.unit == unit && matches!(c.action, Action::SetIndicator { indicator: Indicator::RegistrationDate, .. })
    })
}

/// Merges duplicate writes, drops registrations a registration date already gives, and
/// sets the status.
pub(super) fn finish(plan: &mut Plan, changes: Vec<Change>) {
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    for c in changes {
        if seen.contains_key(&c.field()) {
            continue;
        }
        seen.insert(c.field(), out.len());
        out.push(c);
    }
    let dated: Vec<UnitId> = out
        .iter()
        .filter(|c| matches!(c.action, Action::SetIndicator { indicator: Indicator::RegistrationDate, .. }))
        .map(|c| c.unit.clone())
        .collect();
    out.retain(|c| {
        !(matches!(c.action, Action::SetIndicator { indicator: Indicator::Registered, .. }) && dated.contains(&c.unit))
    });
    plan.status = if out.iter().any(|c| c.kind == ChangeKind::Blocked) {
        PlanStatus::Blocked
    } else if out.is_empty() && plan.status != PlanStatus::Unreachable {
        plan.status
    } else {
        PlanStatus::Reachable
    };
    plan.changes = out;
}
