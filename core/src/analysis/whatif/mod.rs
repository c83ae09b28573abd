//! What it still takes: for a unit that fails or is undetermined, the smallest set of
//! evidence changes that reaches the target of the rule set's outcome policy —
//! the standard (`all_mandatory`), the next classification level (`points`) or typical
//! (`typical`).
//!
//! How the set is chosen (exactly, not heuristically):
//!
//! * **all mandatory**: every mandatory criterion that is not met must become met. Inside
//!   a criterion, `all` needs every sub-test that is not met, `any` and `k_of_n` the
//!   cheapest missing sub-tests (fewest blocked changes, then fewest changes, then a
//!   sub-test that is unknown rather than failed, then rule order). A leaf test needs one
//!   change of one evidence field (a ratio with both counts unknown needs two).
//! * **children** (CW-4: 70% of the managed units recognised, rounded up): exactly
//!   `needed − recognised` more children, the cheapest ones (their own plans to meet the
//!   standard, counting a registration they would supply anyway only once), ties broken
//!   by unit id.
//! * **points**: the points to gain are the cut-off of the target level minus the current
//!   total. Allocation rule: items without a reviewed score must be scored anyway and are
//!   filled first; then items by remaining headroom (max − reviewed), largest first, ties
//!   in sheet order, each filled up to its maximum until the gap is closed. The gain is
//!   exactly the gap (minimal in points) and the number of items touched is minimal.
//!   When the level is capped for a failing mandatory criterion, those criteria are
//!   added as under all mandatory.
//! * **typical**: first the prerequisite (its own all-mandatory plan), then the fewest
//!   additional criteria to reach `min_met` — or to rank inside the parent's quota — the
//!   cheapest first.
//!
//! An incident cannot be undone: a criterion that fails on events is listed as a
//! [`ChangeKind::Blocked`] change and the plan's status is [`PlanStatus::Blocked`]. Dates,
//! counts and attestations already recorded and failing are [`ChangeKind::Improve`]
//! (what would have been needed), unknown ones [`ChangeKind::Supply`].
//!
//! The planner is split by outcome policy: `standard` (all mandatory, with children),
//! `points` and `typical`, on the shared `planner`.
//!
//! ```
//! use antq::{Dataset, RuleSet, Options};
//! use antq::analysis::{what_it_takes, verify, Goal, PlanStatus};
//! let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
//! let rules = RuleSet::preset("vn.c124-2021").unwrap();
//! let w = what_it_takes(&ds, &rules, 2023, &Options::default(), &["NS-HP"], &Goal::Auto).unwrap();
//! let p = &w.plans[0];
//! assert_eq!(p.status, PlanStatus::Reachable);
//! assert!(verify(&ds, &rules, 2023, &Options::default(), p).unwrap());
//! ```

mod planner;
mod points;
#[cfg(test)]
mod props;
mod standard;
#[cfg(test)]
mod tests;
mod typical;

use planner::Planner;
use typical::typical_plan;

use crate::eval::{Evaluation, Options, Outcome, UnitResult};
use crate::model::evidence::{Attestation, Evidence, Indicator, Value};
use crate::model::points::Points;
use crate::model::text::{Lang, Text};
use crate::model::unit::UnitId;
use crate::rules::{OutcomePolicy, RuleSet};
use crate::{Dataset, Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How deep the planner follows children (commune → its units → …).
const MAX_DEPTH: usize = 6;

/// What to aim for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// The rule set's own target: the standard, the next level, or typical.
    #[default]
    Auto,
    /// A named level of a points sheet.
    Level(String),
}

/// The target a plan reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "target", rename_all = "snake_case")]
pub enum Target {
    /// Meets the standard (all mandatory criteria met).
    Standard,
    /// A classification level of a points sheet.
    Level {
        /// Level id.
        level: String,
        /// Its cut-off.
        min: Points,
    },
    /// No target the unit can have: it is out of scope, its kind has no points sheet, or
    /// its sheet has no level asked or none at all (the plan is `unreachable` and its notes
    /// say which).
    None,
    /// Recognised as typical within the parent's quota.
    Typical {
        /// Criteria that must be met (the larger of `min_met` and what ranking inside the
        /// quota takes).
        criteria_needed: u32,
    },
}

impl Target {
    /// A short description in both languages.
    pub fn label(&self) -> Text {
        match self {
            Target::Standard => Text::new("Đạt tiêu chuẩn", "Meets the standard"),
            Target::Level { level, min } => {
                Text::new(format!("Mức `{level}` (từ {min} điểm)"), format!("Level `{level}` (from {min} points)"))
            }
            Target::None => Text::new("Không có mục tiêu cho đơn vị này", "No target for this unit"),
            Target::Typical { criteria_needed } => Text::new(
                format!("Điển hình (đạt ít nhất {criteria_needed} tiêu chí, trong chỉ tiêu)"),
                format!("Typical (at least {criteria_needed} criteria met, within the quota)"),
            ),
        }
    }
}

/// Whether and how the target can be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// The unit already reaches the target: no change needed.
    Reached,
    /// The changes listed reach the target.
    Reachable,
    /// The changes reach it only if incidents had not happened: not reachable this year.
    Blocked,
    /// No change of evidence reaches it (see the notes).
    Unreachable,
}

impl PlanStatus {
    /// The snake_case code (as in JSON).
    ///
    /// ```
    /// assert_eq!(antq::analysis::PlanStatus::Blocked.as_str(), "blocked");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Reached => "reached",
            PlanStatus::Reachable => "reachable",
            PlanStatus::Blocked => "blocked",
            PlanStatus::Unreachable => "unreachable",
        }
    }
}

/// What a change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Supply evidence that is not recorded.
    Supply,
    /// A recorded value fails: what would have been needed.
    Improve,
    /// An incident happened: cannot be changed by evidence.
    Blocked,
}

impl ChangeKind {
    /// The snake_case code (as in JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Supply => "supply",
            ChangeKind::Improve => "improve",
            ChangeKind::Blocked => "blocked",
        }
    }
}

/// One change of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Set an indicator.
    SetIndicator {
        /// The evidence field.
        indicator: Indicator,
        /// The recorded value, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<Value>,
        /// The value that passes (the latest date, the smallest or largest count).
        to: Value,
        /// True when the value is only a witness that some value passes (a ratio whose
        /// whole is not recorded): supply the real figure.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        witness: bool,
    },
    /// Record the review's yes for an attestation key.
    Attest {
        /// The key in `attested`.
        key: String,
        /// The recorded answer, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<Attestation>,
    },
    /// Give a points item a reviewed score.
    Score {
        /// The item (criterion id).
        item: String,
        /// The recorded reviewed score, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<Points>,
        /// The score needed.
        to: Points,
        /// The item's maximum.
        max: Points,
    },
    /// An incident that keeps the criterion failing.
    RemoveIncident {
        /// Its date.
        date: NaiveDate,
        /// Its category.
        category: String,
    },
}

/// One change, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The unit whose evidence changes (a child for a roll-up criterion).
    pub unit: UnitId,
    /// The criterion of that unit the change makes met.
    pub criterion: String,
    /// The criterion of the planned unit it serves, when the change is on a child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Supply, improve, or blocked.
    pub kind: ChangeKind,
    /// What changes.
    #[serde(flatten)]
    pub action: Action,
    /// The change in both languages.
    pub text: Text,
}

impl Change {
    /// The field this change writes: `(unit, field)`, used to merge duplicates.
    fn field(&self) -> (String, String) {
        let f = match &self.action {
            Action::SetIndicator { indicator, .. } => format!("i:{}", indicator.as_str()),
            Action::Attest { key, .. } => format!("a:{key}"),
            Action::Score { item, .. } => format!("s:{item}"),
            Action::RemoveIncident { date, category } => format!("x:{date}:{category}"),
        };
        (self.unit.as_str().to_owned(), f)
    }

    /// Points gained by a score change (zero for other changes).
    pub fn points_gained(&self) -> Points {
        match &self.action {
            Action::Score { from, to, .. } => *to - from.unwrap_or(Points::ZERO),
            _ => Points::ZERO,
        }
    }
}

/// The smallest set of changes that takes a unit to a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The unit.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// The rule set (as applied, with supplements).
    pub rule_set: String,
    /// The rule set's version, hash and supplements.
    #[serde(default)]
    pub rules: crate::rules::RulesRef,
    /// The year.
    pub year: i32,
    /// The outcome now.
    pub current: Outcome,
    /// The target.
    pub target: Target,
    /// Whether it is reachable.
    pub status: PlanStatus,
    /// The changes, in criterion order.
    pub changes: Vec<Change>,
    /// Points to gain in all (points policy only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_to_gain: Option<Points>,
    /// How the changes were chosen and anything that limits them.
    pub notes: Vec<Text>,
    /// What verification found ([`WhatIf::verify`]): `None` (absent in JSON) until it ran;
    /// then `Some(Some(reached))`, or `Some(None)` (`null`) for an unreachable plan, which
    /// has nothing to apply.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub verified: Option<Option<bool>>,
}

/// A field that is present (`null` included) deserialises to `Some`: with `default`, an
/// absent field stays `None`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<Option<bool>>, D::Error> {
    Option::<bool>::deserialize(d).map(Some)
}

impl Plan {
    /// Applies the changes to a dataset (the plan's year), creating evidence records as
    /// needed and removing the incidents of blocked changes.
    pub fn apply(&self, ds: &mut Dataset) -> Result<()> {
        apply_changes(ds, self.year, &self.changes)
    }

    /// A readable account of the plan: its changes, points to gain, notes and, once
    /// verified, what verification found.
    pub fn explain(&self, lang: Lang) -> String {
        let mut s = format!(
            "{} {} — {} → {} ({})\n",
            self.unit,
            self.name,
            self.current.label().get(lang),
            self.target.label().get(lang),
            match (self.status, lang) {
                (PlanStatus::Reached, Lang::En) => "already reached",
                (PlanStatus::Reachable, Lang::En) => "reachable",
                (PlanStatus::Blocked, Lang::En) => "blocked by incidents this year",
                (PlanStatus::Unreachable, Lang::En) => "not reachable",
                (PlanStatus::Reached, Lang::Vi) => "đã đạt",
                (PlanStatus::Reachable, Lang::Vi) => "có thể đạt",
                (PlanStatus::Blocked, Lang::Vi) => "không thể đạt trong năm do vụ việc đã xảy ra",
                (PlanStatus::Unreachable, Lang::Vi) => "không thể đạt",
            }
        );
        for (i, c) in self.changes.iter().enumerate() {
            let via = c.via.as_ref().map(|v| format!(" [{v}]")).unwrap_or_default();
            s.push_str(&format!("  {}. {} {}{via}: {}\n", i + 1, c.unit, c.criterion, c.text.get(lang)));
        }
        if let Some(p) = self.points_to_gain {
            s.push_str(&match lang {
                Lang::En => format!("  points to gain: {p}\n"),
                Lang::Vi => format!("  số điểm cần tăng: {p}\n"),
            });
        }
        let note = match lang {
            Lang::En => "note",
            Lang::Vi => "ghi chú",
        };
        for n in &self.notes {
            s.push_str(&format!("  {note}: {}\n", n.get(lang)));
        }
        if let Some(Some(ok)) = self.verified {
            s.push_str(match (ok, lang) {
                (true, Lang::En) => "  verified: applying these changes and evaluating again reaches the target\n",
                (false, Lang::En) => "  NOT verified: evaluating again with these changes does not reach the target\n",
                (true, Lang::Vi) => "  đã kiểm chứng: áp dụng các thay đổi và đánh giá lại thì đạt mục tiêu\n",
                (false, Lang::Vi) => "  CHƯA kiểm chứng: đánh giá lại với các thay đổi vẫn chưa đạt\n",
            });
        }
        s
    }
}

/// Applies changes to a dataset for `year`.
pub(crate) fn apply_changes(ds: &mut Dataset, year: i32, changes: &[Change]) -> Result<()> {
    for c in changes {
        if let Action::RemoveIncident { date, category } = &c.action {
            ds.incidents.retain(|i| !(i.unit == c.unit && i.date == *date && &i.category == category));
            continue;
        }
        let pos = match ds.evidence.iter().position(|e| e.unit == c.unit && e.year == year) {
            Some(p) => p,
            None => {
                ds.evidence.push(Evidence::new(c.unit.as_str().to_owned(), year));
                ds.evidence.len() - 1
            }
        };
        let Some(e) = ds.evidence.get_mut(pos) else { continue };
        apply_action(e, c)?;
    }
    Ok(())
}

/// Writes one change (not an incident's removal) into an evidence record.
fn apply_action(e: &mut Evidence, c: &Change) -> Result<()> {
    match &c.action {
        Action::SetIndicator { indicator, to, .. } => {
            e.set(*indicator, Some(*to)).map_err(|message| {
                Error::InvalidDataset(vec![crate::Problem::new(
                    crate::ProblemCode::BadValue,
                    crate::Location::default().with_unit(c.unit.as_str()),
                    message,
                )])
            })?;
        }
        Action::Attest { key, .. } => {
            e.attest(key, Attestation::Yes);
        }
        Action::Score { item, to, .. } => {
            e.points.entry(item.clone()).or_default().reviewed = Some(*to);
        }
        Action::RemoveIncident { .. } => {}
    }
    Ok(())
}

/// The explained results planning reads for `units`: each unit's own, those of the units
/// below it (a roll-up's cheapest children), its siblings' and — under a typical rule set —
/// those of the candidates counted in the same quota unit (its rank inside the quota,
/// [`crate::Review::quota_unit_at`]) on the reference date. The other units' results are
/// not made, so planning for a few units of a national dataset holds a few results, not the
/// nation's.
pub(super) fn planning_evaluation(review: &crate::Review<'_>, units: &[&str]) -> Result<Evaluation> {
    let prepared = review.prepared();
    let n = prepared.dataset().units.len();
    let (mut wanted, mut sibling_of) = (vec![false; n], vec![false; n]);
    // Quota units of the wanted units, by index (`n`: the group of those without one).
    let typical = matches!(review.rules().outcome, OutcomePolicy::Typical { .. });
    let quota_unit = |i: usize| review.quota_unit_at(i).unwrap_or(n);
    let mut in_quota = vec![false; if typical { n + 1 } else { 0 }];
    for i in units.iter().filter_map(|id| prepared.position(id)) {
        wanted[i] = true;
        if let Some(p) = review.parent_at(i) {
            sibling_of[p] = true;
        }
        if typical {
            in_quota[quota_unit(i)] = true;
        }
    }
    // A unit is kept when it is wanted, a sibling of one, or below one (the hierarchy on the
    // reference date is acyclic; the walk stops after `n` steps all the same).
    let below_wanted = |i: usize| {
        let mut at = review.parent_at(i);
        for _ in 0..n {
            match at {
                Some(p) if wanted[p] => return true,
                Some(p) => at = review.parent_at(p),
                None => return false,
            }
        }
        false
    };
    review.to_partial_evaluation(|i| {
        wanted[i]
            || review.parent_at(i).is_some_and(|p| sibling_of[p])
            || (typical && in_quota[quota_unit(i)])
            || below_wanted(i)
    })
}

/// A target level names a level of the rule set's points sheets: under a rule set without
/// sheets, or with none of that id, it is refused (`invalid_rule_set`, at `level`), never
/// planned for the rule set's own target instead.
fn check_goal(rules: &RuleSet, goal: &Goal) -> Result<()> {
    let Goal::Level(id) = goal else { return Ok(()) };
    let mut levels: Vec<&str> = match &rules.outcome {
        OutcomePolicy::Points { sheets } => {
            sheets.iter().flat_map(|s| s.levels.iter().map(|l| l.id.as_str())).collect()
        }
        _ => Vec::new(),
    };
    if levels.contains(&id.as_str()) {
        return Ok(());
    }
    levels.sort_unstable();
    levels.dedup();
    let message = if levels.is_empty() {
        format!("`{}` has no points sheets: a target level (`{id}`) applies to points rule sets only", rules.id)
    } else {
        format!("no level `{id}` in the sheets of `{}`; levels: {}", rules.id, levels.join(", "))
    };
    let at = crate::Location { path: Some("level".into()), ..crate::Location::default() };
    Err(Error::InvalidRuleSet(vec![crate::Problem::new(crate::ProblemCode::BadValue, at, message)]))
}

/// The plans of the units asked ([`what_it_takes`]), with what the evaluation behind them
/// said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhatIf {
    /// One plan per unit asked, in order.
    pub plans: Vec<Plan>,
    /// The lints of the evaluation the plans rest on ([`Evaluation::lints`]): what the data
    /// gives that the rules do not read, which no plan counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lints: Vec<crate::Problem>,
}

impl WhatIf {
    /// Verifies every plan ([`verify_plans`]: the data validated and indexed once) and
    /// records each answer on its plan ([`Plan::verified`]), as every surface shows it.
    ///
    /// ```
    /// use antq::{Dataset, RuleSet, Options};
    /// use antq::analysis::{what_it_takes, Goal};
    /// let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let rules = RuleSet::preset("vn.c124-2021").unwrap();
    /// let opts = Options::default();
    /// let mut w = what_it_takes(&ds, &rules, 2023, &opts, &["NS-HP"], &Goal::Auto).unwrap();
    /// assert_eq!(w.plans[0].verified, None);
    /// w.verify(&ds, &rules, 2023, &opts).unwrap();
    /// assert_eq!(w.plans[0].verified, Some(Some(true)));
    /// assert_eq!(serde_json::to_value(&w).unwrap()["plans"][0]["verified"], true);
    /// ```
    pub fn verify(&mut self, ds: &Dataset, rules: &RuleSet, year: i32, opts: &Options) -> Result<()> {
        let verified = verify_plans(ds, rules, year, opts, &self.plans)?;
        for (p, v) in self.plans.iter_mut().zip(verified) {
            p.verified = Some(v);
        }
        Ok(())
    }
}

/// [`what_it_takes_each`]'s answer: each unit's plan or the error saying why it has none,
/// with the lints of the evaluation behind them (as [`WhatIf::lints`]).
#[derive(Debug)]
pub struct WhatIfEach {
    /// One per unit asked, in order: its plan, or why it has none.
    pub each: Vec<Result<Plan>>,
    /// The lints of the evaluation the plans rest on.
    pub lints: Vec<crate::Problem>,
}

/// Plans the changes each of `units` needs under `rules` in `year`.
///
/// One evaluation (plus one of a typical rule set's prerequisite) serves every unit; its
/// lints come with the plans ([`WhatIf::lints`]). Unknown ids and units the rule set does
/// not evaluate are [`Error::UnknownUnit`] (the first of them; [`what_it_takes_each`] plans
/// the others and names each); a [`Goal::Level`] no sheet of the rule set has is
/// [`Error::InvalidRuleSet`].
///
/// ```
/// use antq::{Dataset, RuleSet, Options};
/// use antq::analysis::{what_it_takes, Goal};
/// let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
/// let rules = RuleSet::resolve("vn.c124", 2023, None).unwrap();
/// let w = what_it_takes(&ds, &rules, 2023, &Options::default(), &["NS-HP"], &Goal::Auto).unwrap();
/// assert_eq!(w.plans.len(), 1);
/// // The sample gives evidence Circular 124 does not read: said with the plans.
/// assert!(w.lints.iter().any(|l| l.code == antq::ProblemCode::UnusedKey));
/// ```
pub fn what_it_takes(
    ds: &Dataset,
    rules: &RuleSet,
    year: i32,
    opts: &Options,
    units: &[&str],
    goal: &Goal,
) -> Result<WhatIf> {
    let WhatIfEach { each, lints } = what_it_takes_each(ds, rules, year, opts, units, goal)?;
    Ok(WhatIf { plans: each.into_iter().collect::<Result<_>>()?, lints })
}

/// [`what_it_takes`] unit by unit: one result per id of `units`, in order — the plan, or
/// the [`Error::UnknownUnit`] saying why the unit has none (not in the dataset, not existing
/// on the reference date, of a kind the rule set does not evaluate) — so that one unknown
/// id does not hide the plans of the others. An error of the whole call (the goal, the
/// dataset) is the outer one.
///
/// ```
/// use antq::{Dataset, RuleSet, Options};
/// use antq::analysis::{what_it_takes_each, Goal};
/// let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
/// let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// let each = what_it_takes_each(&ds, &rules, 2023, &Options::default(), &["NS-HP", "NOPE", "KM-TT"], &Goal::Auto).unwrap().each;
/// assert!(each[0].is_ok() && each[2].is_ok());
/// assert_eq!(each[1].as_ref().unwrap_err().code(), "unknown_unit");
/// ```
pub fn what_it_takes_each(
    ds: &Dataset,
    rules: &RuleSet,
    year: i32,
    opts: &Options,
    units: &[&str],
    goal: &Goal,
) -> Result<WhatIfEach> {
    check_goal(rules, goal)?;
    let prepared = crate::Prepared::new(ds, year)?;
    let review = prepared.review(rules, opts)?;
    let ev = planning_evaluation(&review, units)?;
    let prereq = match &rules.outcome {
        OutcomePolicy::Typical { prerequisite: Some(p), .. } => {
            let prs = crate::eval::prerequisite_rules(p, year, ev.decision.as_of, opts)?;
            let pev = planning_evaluation(&prepared.review(&prs, opts)?, units)?;
            Some((prs, pev))
        }
        _ => None,
    };
    let planner = Planner::new(ds, rules, &ev);
    let mut each = Vec::with_capacity(units.len());
    for id in units {
        let Some(u) = ev.unit(id) else {
            each.push(Err(crate::eval::not_evaluated(Some(ds), &rules.kinds(), &ev.decision, id)));
            continue;
        };
        let plan = match &rules.outcome {
            OutcomePolicy::AllMandatory => planner.standard_plan(u),
            OutcomePolicy::Points { .. } => planner.points_plan(u, goal),
            OutcomePolicy::Typical { .. } => typical_plan(year, opts, &planner, prereq.as_ref(), &review, u)?,
        };
        each.push(Ok(plan));
    }
    Ok(WhatIfEach { each, lints: review.lints().to_vec() })
}

/// Applies a plan's changes and evaluates again: whether the unit reaches the plan's
/// target. The dataset is not copied: the changes are laid over it (see
/// [`verify_prepared`] to check many plans against data validated and indexed once).
pub fn verify(ds: &Dataset, rules: &RuleSet, year: i32, opts: &Options, plan: &Plan) -> Result<bool> {
    verify_prepared(&crate::Prepared::new(ds, year)?, rules, opts, plan)
}

/// [`verify`] against data already prepared (for the plan's year; another year is laid
/// out over the same index): each plan's changes
/// are laid over the prepared data (the evidence records it changes, the incidents it
/// removes), the data is reviewed again and only the plan's unit is explained.
///
/// ```
/// use antq::{Dataset, RuleSet, Options, Prepared};
/// use antq::analysis::{what_it_takes, verify_prepared, Goal};
/// let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
/// let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// let plans = what_it_takes(&ds, &rules, 2023, &Options::default(), &["NS-HP", "KM-TT"], &Goal::Auto).unwrap().plans;
/// let prepared = Prepared::new(&ds, 2023).unwrap();
/// for p in &plans {
///     assert!(verify_prepared(&prepared, &rules, &Options::default(), p).unwrap());
/// }
/// ```
pub fn verify_prepared(prepared: &crate::Prepared<'_>, rules: &RuleSet, opts: &Options, plan: &Plan) -> Result<bool> {
    if prepared.year() != plan.year {
        // Data prepared for another year: the plan's year laid out over the same index.
        return verify_changes_on(&prepared.for_year(plan.year)?, rules, opts, plan, &plan.changes);
    }
    verify_changes_on(prepared, rules, opts, plan, &plan.changes)
}

/// Verifies each plan as every surface does: the data is validated and indexed once, each
/// plan with changes to apply is verified ([`verify_prepared`]), and a plan that is not
/// reachable (nothing to apply) is not checked (`None`). The result is in plan order.
/// [`Options::progress`] is told the plans verified (not each review's units).
///
/// ```
/// use antq::{Dataset, RuleSet, Options};
/// use antq::analysis::{what_it_takes, verify_plans, Goal};
/// let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
/// let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// let plans = what_it_takes(&ds, &rules, 2023, &Options::default(), &["NS-HP", "KM-TT"], &Goal::Auto).unwrap().plans;
/// assert_eq!(verify_plans(&ds, &rules, 2023, &Options::default(), &plans).unwrap(), [Some(true), Some(true)]);
/// ```
pub fn verify_plans(
    ds: &Dataset,
    rules: &RuleSet,
    year: i32,
    opts: &Options,
    plans: &[Plan],
) -> Result<Vec<Option<bool>>> {
    if plans.iter().all(|p| p.status == PlanStatus::Unreachable) {
        return Ok(vec![None; plans.len()]);
    }
    let prepared = crate::Prepared::new(ds, year)?;
    // Progress is told per plan, not per unit of each plan's review.
    let mut quiet = opts.clone();
    quiet.progress = None;
    let mut out = Vec::with_capacity(plans.len());
    for (k, p) in plans.iter().enumerate() {
        crate::eval::report(opts.progress.as_ref(), k, plans.len())?;
        out.push(match p.status {
            PlanStatus::Unreachable => None,
            _ => Some(verify_prepared(&prepared, rules, &quiet, p)?),
        });
    }
    crate::eval::report(opts.progress.as_ref(), plans.len(), plans.len())?;
    Ok(out)
}

/// Whether applying `changes` (a subset of a plan's) makes the unit reach the plan's target.
#[cfg(test)]
pub(crate) fn verify_changes(
    ds: &Dataset,
    rules: &RuleSet,
    year: i32,
    opts: &Options,
    plan: &Plan,
    changes: &[Change],
) -> Result<bool> {
    verify_changes_on(&crate::Prepared::new(ds, year)?, rules, opts, plan, changes)
}

fn verify_changes_on(
    prepared: &crate::Prepared<'_>,
    rules: &RuleSet,
    opts: &Options,
    plan: &Plan,
    changes: &[Change],
) -> Result<bool> {
    let (evidence, left_out) = overlay(prepared, changes)?;
    let changed = prepared.overlaid(&evidence, &left_out)?;
    // Reviewed again, and only the plan's unit explained (not the whole dataset).
    let review = changed.review(rules, opts)?;
    let Some(u) = review.unit(plan.unit.as_str())? else { return Ok(false) };
    Ok(reaches(rules, &u, &plan.target))
}

/// The evidence records `changes` write (each changed unit's record of the year, copied
/// and changed, or a new one) and the incidents they remove, in the order the changes
/// name them: what [`apply_changes`] does to a copy of the dataset, as an overlay.
fn overlay(prepared: &crate::Prepared<'_>, changes: &[Change]) -> Result<(Vec<Evidence>, Vec<u32>)> {
    let (ds, year) = (prepared.dataset(), prepared.year());
    let mut records: Vec<Evidence> = Vec::new();
    let mut left_out = Vec::new();
    for c in changes {
        if let Action::RemoveIncident { date, category } = &c.action {
            left_out.extend(
                (0..ds.incidents.len())
                    .filter(|&k| {
                        let i = &ds.incidents[k];
                        i.unit == c.unit && i.date == *date && &i.category == category
                    })
                    .filter_map(|k| u32::try_from(k).ok()),
            );
            continue;
        }
        let at = match records.iter().position(|e| e.unit == c.unit) {
            Some(at) => at,
            None => {
                let current = prepared.position(c.unit.as_str()).and_then(|i| prepared.evidence(i));
                records.push(current.cloned().unwrap_or_else(|| Evidence::new(c.unit.as_str().to_owned(), year)));
                records.len() - 1
            }
        };
        apply_action(&mut records[at], c)?;
    }
    Ok((records, left_out))
}

fn reaches(rules: &RuleSet, u: &UnitResult, target: &Target) -> bool {
    match target {
        Target::Standard => u.outcome == Outcome::Meets,
        Target::Typical { .. } => matches!(u.outcome, Outcome::Typical { .. }),
        Target::None => false,
        Target::Level { level, .. } => match &u.outcome {
            Outcome::Level { level: got, .. } => {
                let Some(sheet) = rules.sheet(u.kind) else { return false };
                let pos = |id: &str| sheet.levels.iter().position(|l| l.id == id);
                matches!((pos(got), pos(level)), (Some(a), Some(b)) if a <= b)
            }
            _ => false,
        },
    }
}
