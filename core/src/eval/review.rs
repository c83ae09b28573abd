//! A review: every unit's verdict computed in one pass over a [`Prepared`] dataset, with
//! no allocation per unit; explained results are materialised on request, by the same
//! code in its recording mode.

use super::check::{ChildState, Eval, Mode, UnitView};
use super::prepared::{NONE, Prepared};
use super::result::{
    Check, CriterionResult, DecisionRecord, Evaluation, Missing, MissingKind, Outcome, ScoreSummary, Status, UnitResult,
};
use super::{MAX_PREREQUISITE_DEPTH, Options, default_as_of, illustrative_defaults};
use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::model::administration;
use crate::model::date::Window;
use crate::model::points::Points;
use crate::model::text::{Certainty, LegalRef, Text};
use crate::model::unit::{Kind, Unit};
use crate::rules::{Criterion, OutcomePolicy, RuleSet, Test};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a review decided for a unit, in a few bytes (see [`Review::outcome`] for the
/// full [`Outcome`] with its texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Decision {
    /// Meets the standard.
    Meets,
    /// Does not meet it.
    DoesNotMeet,
    /// A mandatory input is unknown.
    Undetermined,
    /// Out of the rule set's scope.
    OutOfScope,
    /// A level of the unit's points sheet, by position (0 = the highest).
    Level(u16),
    /// Typical, with its rank within the parent.
    Typical(u32),
    /// Passes the typical rule, outside the parent's quota, with its rank.
    NotSelected(u32),
    /// Does not pass the typical rule.
    NotTypical,
}

impl Decision {
    /// The stable outcome code, as [`Outcome::code`].
    pub fn code(self) -> &'static str {
        match self {
            Decision::Meets => "meets",
            Decision::DoesNotMeet => "does_not_meet",
            Decision::Undetermined => "undetermined",
            Decision::OutOfScope => "out_of_scope",
            Decision::Level(_) => "level",
            Decision::Typical(_) => "typical",
            Decision::NotSelected(_) => "not_selected",
            Decision::NotTypical => "not_typical",
        }
    }

    fn as_status(self) -> Status {
        match self {
            Decision::Meets => Status::Met,
            Decision::DoesNotMeet => Status::NotMet,
            _ => Status::Unknown,
        }
    }
}

/// A unit's verdict: the decision and how many criteria it met of those that apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Verdict {
    /// The decision.
    pub decision: Decision,
    /// Criteria met.
    pub met: u32,
    /// Criteria applicable.
    pub of: u32,
}

/// A rule set compiled for one year: per kind, its window and the criteria that apply.
#[derive(Debug)]
struct Plan {
    kinds: Vec<KindPlan>,
    /// Each criterion's label and legal basis, shared by every materialised result.
    shared: Vec<(Arc<Text>, Arc<[LegalRef]>)>,
    /// Each criterion's attested tests (in the order they are visited) resolved to the
    /// prepared dataset's attestation columns.
    columns: Vec<Vec<Option<u32>>>,
    min_met: i64,
    min_met_illustrative: bool,
    quota: Option<u32>,
    quota_illustrative: bool,
}

#[derive(Debug)]
struct KindPlan {
    kind: Kind,
    window: Window,
    criteria: Vec<usize>,
    /// Whether a test counts the incidents of the unit's descendants.
    descendants: bool,
}

impl Plan {
    fn compile(rules: &RuleSet, year: i32, as_of: NaiveDate, prep: &Prepared<'_>) -> Plan {
        let kinds = rules
            .kinds()
            .into_iter()
            .map(|kind| {
                let criteria: Vec<usize> = rules
                    .criteria
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.kinds.contains(&kind))
                    .map(|(i, _)| i)
                    .collect();
                let descendants = criteria.iter().any(|&c| {
                    rules.criteria[c]
                        .test
                        .walk()
                        .iter()
                        .any(|t| matches!(t, Test::NoEvents { include_descendants: true, .. }))
                });
                let window = rules.window(kind, year).unwrap_or(Window::new(as_of, as_of));
                KindPlan { kind, window, criteria, descendants }
            })
            .collect();
        let param = |k: &str| rules.parameters.get(k);
        Plan {
            kinds,
            shared: rules
                .criteria
                .iter()
                .map(|c| (Arc::new(c.label.clone()), Arc::from(c.legal_basis.as_slice())))
                .collect(),
            columns: rules
                .criteria
                .iter()
                .map(|c| {
                    let walk = c.test.walk();
                    let keys = walk.iter().filter_map(|t| match t {
                        Test::Attested { key } => Some(key.as_deref().unwrap_or(&c.id)),
                        _ => None,
                    });
                    keys.map(|k| prep.attestations.column(k)).collect()
                })
                .collect(),
            min_met: rules.parameter("min_met").unwrap_or(i64::MAX),
            min_met_illustrative: param("min_met").is_some_and(|p| p.illustrative),
            quota: rules.parameter("quota_per_parent").map(|q| u32::try_from(q.max(0)).unwrap_or(u32::MAX)),
            quota_illustrative: param("quota_per_parent").is_some_and(|p| p.illustrative),
        }
    }

    fn kind(&self, k: Kind) -> Option<&KindPlan> {
        self.kinds.iter().find(|p| p.kind == k)
    }
}

/// Units per part of a parallel review.
#[cfg(feature = "parallel")]
const PART: usize = 4096;

/// A part of a review: units with their verdict and where their statuses start, and the
/// statuses.
type Part = (Vec<(u32, Verdict, u32)>, Vec<Status>);

/// Buffers reused from one unit to the next.
#[derive(Default)]
struct Scratch<'a> {
    own: Vec<(NaiveDate, &'a str)>,
    descendants: Vec<(NaiveDate, &'a str)>,
    stack: Vec<u32>,
    children: Vec<ChildState<'a>>,
}

/// The scores of a unit's points items, added up as the criteria are evaluated.
struct Totals {
    items: u32,
    reviewed: Option<Points>,
    self_score: Option<Points>,
    known_max: Points,
}

/// Every unit's verdict under a rule set for a year, from [`Prepared::review`].
///
/// The verdicts (decision, criteria met, each criterion's status) are computed at once,
/// without writing any explanation; [`Review::unit`] writes one unit's explained
/// [`UnitResult`] when asked, identical to what [`crate::evaluate`] returns for it.
///
/// ```
/// use antq::{Dataset, Decision, Options, Prepared, RuleSet};
/// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let prepared = Prepared::new(&ds, 2023).unwrap();
/// let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// let review = prepared.review(&rules, &Options::default()).unwrap();
/// let meets = review.verdicts().filter(|(_, v)| v.decision == Decision::Meets).count();
/// assert!(meets > 0);
/// let (unit, _) = review.verdicts().next().unwrap();
/// let explained = review.unit(unit.id.as_str()).unwrap().unwrap();
/// assert!(!explained.criteria.is_empty() || explained.outcome.code() == "out_of_scope");
/// ```
#[derive(Debug)]
pub struct Review<'a> {
    prep: &'a Prepared<'a>,
    rules: Cow<'a, RuleSet>,
    mode: Mode,
    /// Whether to use every core (`parallel` feature).
    #[cfg_attr(not(feature = "parallel"), allow(dead_code))]
    parallel: bool,
    as_of: NaiveDate,
    plan: Plan,
    parent: Vec<u32>,
    /// Children of unit `i` on the reference date: `children[child_start[i]..child_start[i + 1]]`.
    child_start: Vec<u32>,
    children: Vec<u32>,
    /// Incidents recorded in each unit's subtree (its own included), to skip empty walks.
    subtree_incidents: Vec<u32>,
    verdicts: Vec<Option<Verdict>>,
    /// Criterion statuses of unit `i`: `statuses[status_start[i]..][..of]`.
    status_start: Vec<u32>,
    statuses: Vec<Status>,
    prerequisite: Option<Box<Review<'a>>>,
    record: DecisionRecord,
    evaluated: usize,
    /// What the evidence gives that the rule set does not read (see `vocabulary`).
    lints: Vec<Problem>,
}

impl<'d> Prepared<'d> {
    /// Reviews every unit against `rules`: see [`Review`].
    pub fn review<'a>(&'a self, rules: &'a RuleSet, opts: &Options) -> Result<Review<'a>>
    where
        'd: 'a,
    {
        rules.validate()?;
        Review::new(self, Cow::Borrowed(rules), opts, 0)
    }
}

impl<'a> Review<'a> {
    fn new(prep: &'a Prepared<'a>, rules: Cow<'a, RuleSet>, opts: &Options, depth: usize) -> Result<Review<'a>> {
        let ds = prep.ds;
        let year = prep.year;
        let as_of = opts.as_of.unwrap_or_else(|| default_as_of(&rules, year));
        let n = ds.units.len();

        // The law in time: the reference date must fall in the year's review, and the rule
        // set must be in force on it, unless the caller explicitly asks otherwise.
        let review_dates = rules.review_dates(year);
        if let Some((from, until)) = review_dates
            && !(from..=until).contains(&as_of)
            && !opts.allow_as_of_outside_year
        {
            return Err(Error::AsOfOutsideYear { as_of, year, from, until });
        }
        if !opts.allow_outside_period {
            crate::law::ensure_in_force(&rules.id, rules.family.as_deref(), &rules.effective, as_of)?;
        }

        // A quota per a level that does not exist on the date has no meaning (DOMAIN §5).
        if let OutcomePolicy::Typical { quota_per: Some(k), .. } = &rules.outcome
            && let Some(why) = administration::level_absence(*k, as_of)
        {
            return Err(Error::InvalidRuleSet(vec![Problem::new(
                ProblemCode::BadValue,
                Location::path("outcome.quota_per"),
                format!(
                    "`{}` counts its quota per {k}, but on {as_of} there is no {k}: {why} Say what the quota is per for \
                     this year (e.g. a supplement with the province's rule); it is never silently one per province.",
                    rules.id
                ),
            )]));
        }

        // Which units exist, and their parents, on the reference date.
        let present: Vec<bool> = (0..n).map(|i| prep.exists_on(i, as_of)).collect();
        let mut parent = vec![NONE; n];
        let mut problems = Vec::new();
        // Whether each kind exists on the date, looked up once per kind.
        let mut absence: Vec<(crate::UnitKind, Option<&'static str>)> = Vec::new();
        for i in (0..n).filter(|&i| present[i]) {
            let kind = prep.kind(i);
            let why = match absence.iter().find(|(k, _)| *k == kind) {
                Some(&(_, why)) => why,
                None => {
                    let why = administration::kind_absence(kind, as_of);
                    absence.push((kind, why));
                    why
                }
            };
            if let Some(why) = why {
                let u = &ds.units[i];
                problems.push(Problem::new(
                    ProblemCode::KindNotInYear,
                    Location::default().with_unit(&u.id.0),
                    format!(
                        "unit `{}` is a {}{} that exists on {as_of} (evaluation year {year}), but: {why} Give it a valid_until.",
                        u.id,
                        u.kind.kind(),
                        u.kind.subkind().map(|s| format!(" ({s})")).unwrap_or_default()
                    ),
                ));
            }
            let dangling = match prep.parent_on(i, as_of) {
                Ok(NONE) => None,
                Ok(p) if present[p as usize] => {
                    parent[i] = p;
                    None
                }
                Ok(p) => Some(ds.units[p as usize].id.as_str()),
                Err(id) => Some(id),
            };
            if let Some(p) = dangling {
                let u = &ds.units[i];
                problems.push(Problem::new(
                    ProblemCode::DanglingParent,
                    Location::default().with_unit(&u.id.0),
                    format!("parent `{p}` of unit `{}` does not exist on {as_of}", u.id),
                ));
            }
        }
        // Incidents must use a category this rule set or a built-in preset declares, so a
        // misspelt category is an error rather than an incident silently ignored.
        if !rules.categories.is_empty() {
            // One set, one listing (of at most 20 ids): linear in incidents and categories.
            let known: rustc_hash::FxHashSet<&str> = rules
                .categories
                .iter()
                .chain(crate::rules::presets().iter().flat_map(|p| p.categories.iter()))
                .map(|c| c.id.as_str())
                .collect();
            let mut listed = rules.categories.iter().take(20).map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ");
            if rules.categories.len() > 20 {
                listed.push_str(&format!(" and {} more", rules.categories.len() - 20));
            }
            for (k, inc) in ds.incidents.iter().enumerate() {
                if !known.contains(inc.category.as_str()) {
                    problems.push(Problem::new(
                        ProblemCode::UnknownCategory,
                        Location::path(format!("incidents[{k}].category")).with_unit(&inc.unit.0),
                        format!(
                            "incident category `{}` is not declared by `{}` nor by any preset; known here: {listed}",
                            inc.category, rules.id,
                        ),
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(Error::InvalidDataset(crate::error::cap_problems(
                problems,
                crate::Limits::default().max_problems,
            )));
        }
        // The prerequisite first, on its own reference date.
        let prerequisite = match &rules.outcome {
            OutcomePolicy::Typical { prerequisite: Some(p), .. } => {
                if depth >= MAX_PREREQUISITE_DEPTH {
                    return Err(Error::InvalidRuleSet(vec![Problem::new(
                        ProblemCode::Limit,
                        Location::path("outcome.prerequisite"),
                        format!("prerequisites chain deeper than {MAX_PREREQUISITE_DEPTH}"),
                    )]));
                }
                let found = super::prerequisite_rules(p, year, as_of, opts)?;
                Some(Box::new(Review::new(prep, Cow::Owned(found), opts, depth + 1)?))
            }
            _ => None,
        };

        // The evidence vocabulary: a key no rule set reads is an error, the rest lints.
        let lints = if depth == 0 {
            let with: Vec<&RuleSet> = prerequisite.iter().map(|p| &*p.rules).collect();
            let others: Vec<&RuleSet> =
                opts.rule_sets.iter().chain(crate::rules::presets()).filter(|r| **r != *rules).collect();
            let records =
                (0..n).filter(|&i| present[i]).filter_map(|i| prep.evidence[i].map(|e| (e, prep.kind(i).kind())));
            let max = crate::Limits::default().max_problems;
            let (errors, lints) =
                super::vocabulary::check(&rules, &with, &others, records, opts.lenient_vocabulary, max);
            if !errors.is_empty() {
                return Err(Error::InvalidDataset(errors));
            }
            lints
        } else {
            Vec::new()
        };

        // Children lists (counting sort by parent) and the order children before
        // parents: deepest first, then dataset order.
        let mut child_start = vec![0u32; n + 1];
        for &p in parent.iter().filter(|&&p| p != NONE) {
            child_start[p as usize + 1] += 1;
        }
        for i in 0..n {
            child_start[i + 1] += child_start[i];
        }
        let mut fill = child_start.clone();
        let mut children = vec![0u32; child_start[n] as usize];
        for (i, &p) in parent.iter().enumerate().filter(|(_, p)| **p != NONE) {
            children[fill[p as usize] as usize] = i as u32;
            fill[p as usize] += 1;
        }
        let mut level = vec![0u32; n];
        for i in 0..n {
            let (mut d, mut cur) = (0u32, parent[i]);
            // A cycle is refused by validation; the bound keeps a bad hierarchy finite.
            while cur != NONE && (d as usize) <= n {
                d += 1;
                cur = parent[cur as usize];
            }
            level[i] = d;
        }
        let deepest = level.iter().copied().max().unwrap_or(0) as usize;
        let mut by_level = vec![0u32; deepest + 2];
        for (_, &l) in level.iter().enumerate().filter(|(i, _)| present[*i]) {
            by_level[deepest - l as usize + 1] += 1;
        }
        for l in 0..=deepest {
            by_level[l + 1] += by_level[l];
        }
        // Where each depth starts in `order`, deepest first.
        let bounds: Vec<usize> = by_level.iter().map(|&b| b as usize).collect();
        let mut order = vec![0u32; by_level[deepest + 1] as usize];
        for (i, &l) in level.iter().enumerate().filter(|(i, _)| present[*i]) {
            let slot = &mut by_level[deepest - l as usize];
            order[*slot as usize] = i as u32;
            *slot += 1;
        }
        let mut subtree_incidents: Vec<u32> = (0..n).map(|i| prep.incidents_of(i).len() as u32).collect();
        for &i in &order {
            let p = parent[i as usize];
            if p != NONE {
                subtree_incidents[p as usize] += subtree_incidents[i as usize];
            }
        }

        let plan = Plan::compile(&rules, year, as_of, prep);
        let record = DecisionRecord {
            rule_set: rules.id.clone(),
            family: rules.family.clone(),
            effective: rules.effective.clone(),
            legal_basis: rules.legal_basis.clone(),
            outside_period: !rules.effective.contains(as_of),
            as_of_outside_year: !review_dates.is_none_or(|(f, u)| (f..=u).contains(&as_of)),
            version: rules.version.clone(),
            content_hash: rules.content_hash(),
            supplements: rules.applied_supplements.clone(),
            parameters: rules.parameters.clone(),
            illustrative_defaults: illustrative_defaults(&rules),
            year,
            as_of,
            prerequisite: prerequisite.as_ref().map(|p| Box::new(p.record.clone())),
            engine: format!("antq {}", env!("CARGO_PKG_VERSION")),
        };
        let mut review = Review {
            prep,
            rules,
            mode: if opts.without_explanations { Mode::Terse } else { Mode::Full },
            parallel: opts.parallel,
            as_of,
            plan,
            parent,
            child_start,
            children,
            subtree_incidents,
            verdicts: vec![None; n],
            status_start: vec![0; n],
            statuses: Vec::new(),
            prerequisite,
            record,
            evaluated: 0,
            lints,
        };

        let mut statuses = Vec::with_capacity(n * 4);
        let mut scratch = Scratch::default();
        // One depth at a time: a unit's verdict reads only its descendants' verdicts.
        for depth in bounds.windows(2) {
            let units = &order[depth[0]..depth[1]];
            if let Some(parts) = review.verdicts_in_parallel(units, opts.parallel) {
                for part in parts {
                    let (found, part_statuses) = part?;
                    let base = statuses.len() as u32;
                    statuses.extend(part_statuses);
                    for (i, v, start) in found {
                        review.keep(i as usize, v, base + start);
                    }
                }
                continue;
            }
            for &i in units {
                let start = statuses.len() as u32;
                if let Some(v) = review.status_verdict(i as usize, &mut scratch, &mut statuses)? {
                    review.keep(i as usize, v, start);
                }
            }
        }
        review.statuses = statuses;
        if let OutcomePolicy::Typical { .. } = &review.rules.outcome {
            review.apply_quota();
        }
        Ok(review)
    }

    /// The verdict of unit `i`, its criteria statuses appended to `statuses`; `None` for a
    /// unit of a kind the rule set does not cover.
    fn status_verdict(
        &self,
        i: usize,
        scratch: &mut Scratch<'a>,
        statuses: &mut Vec<Status>,
    ) -> Result<Option<Verdict>> {
        if self.plan.kind(self.prep.kind(i).kind()).is_none() {
            return Ok(None);
        }
        self.assess(i, Mode::Status, scratch, None, Some(statuses)).map(Some)
    }

    /// Keeps unit `i`'s verdict, its statuses starting at `start`.
    fn keep(&mut self, i: usize, v: Verdict, start: u32) {
        self.status_start[i] = start;
        self.verdicts[i] = Some(v);
        self.evaluated += 1;
    }

    /// The verdicts of `units` (of one depth) computed on every core, in parts: each
    /// part's units with their verdict and where their statuses start in the part's
    /// statuses. The parts come back in order, so the result (and the first error) is
    /// that of one thread. `None` when not parallel (the `parallel` feature is off, not
    /// asked for, or too few units).
    #[cfg_attr(not(feature = "parallel"), allow(clippy::unused_self))]
    fn verdicts_in_parallel(&self, units: &[u32], parallel: bool) -> Option<Vec<Result<Part>>> {
        #[cfg(feature = "parallel")]
        if parallel && units.len() >= 2 * PART {
            use rayon::prelude::*;
            let part = |units: &[u32]| -> Result<Part> {
                let mut scratch = Scratch::default();
                let (mut found, mut statuses) = (Vec::with_capacity(units.len()), Vec::new());
                for &i in units {
                    let start = statuses.len() as u32;
                    if let Some(v) = self.status_verdict(i as usize, &mut scratch, &mut statuses)? {
                        found.push((i, v, start));
                    }
                }
                Ok((found, statuses))
            };
            return Some(units.par_chunks(PART).map(part).collect());
        }
        let _ = (units, parallel);
        None
    }

    /// Evaluates unit `i` (of a kind the rule set covers), writing its criteria statuses to
    /// `statuses` and, when `rec` is given, its explained result.
    fn assess(
        &self,
        i: usize,
        mode: Mode,
        scratch: &mut Scratch<'a>,
        mut rec: Option<&mut UnitResult>,
        mut statuses: Option<&mut Vec<Status>>,
    ) -> Result<Verdict> {
        let ds = self.prep.ds;
        let rules: &RuleSet = &self.rules;
        let unit_kind = self.prep.kind(i);
        let kind = unit_kind.kind();
        let out_of_scope = Verdict { decision: Decision::OutOfScope, met: 0, of: 0 };
        let Some(kp) = self.plan.kind(kind) else {
            return Ok(out_of_scope);
        };
        if rules.exclusion(unit_kind).is_some() {
            return Ok(out_of_scope);
        }
        let window = kp.window;
        let evidence = self.prep.evidence[i];

        let Scratch { own, descendants, stack, children } = scratch;
        let in_window = |out: &mut Vec<(NaiveDate, &'a str)>, j: usize| {
            for &k in self.prep.incidents_of(j) {
                let inc = &ds.incidents[k as usize];
                if window.contains(inc.date) {
                    out.push((inc.date, inc.category.as_str()));
                }
            }
        };
        own.clear();
        in_window(own, i);
        descendants.clear();
        if kp.descendants && self.subtree_incidents[i] as usize > self.prep.incidents_of(i).len() {
            stack.clear();
            stack.extend_from_slice(self.children_of(i));
            while let Some(c) = stack.pop() {
                let c = c as usize;
                if self.subtree_incidents[c] > 0 {
                    in_window(descendants, c);
                    stack.extend_from_slice(self.children_of(c));
                }
            }
        }
        children.clear();
        for &c in self.children_of(i) {
            let c = c as usize;
            let Some(v) = self.verdicts[c] else { continue };
            if v.decision == Decision::OutOfScope {
                continue;
            }
            children.push(ChildState {
                id: &ds.units[c].id,
                kind: self.prep.kind(c).kind(),
                registered: self.registered(c),
                recognised: v.decision.as_status(),
            });
        }
        let view = UnitView {
            year: self.prep.year,
            unit: i,
            attestations: &self.prep.attestations,
            window,
            evidence,
            own_incidents: own,
            descendant_incidents: descendants,
            children,
        };

        let u = &ds.units[i];
        if evidence.is_none()
            && let Some(out) = rec.as_deref_mut()
        {
            let year = self.prep.year;
            out.missing.push(Missing {
                criterion: "*".into(),
                kind: MissingKind::EvidenceRecord,
                key: format!("{}/{year}", u.id),
                text: Text::new(
                    format!("Chưa có hồ sơ đánh giá năm {year} của đơn vị `{}`", u.id),
                    format!("No evidence record for unit `{}` in {year}", u.id),
                ),
            });
        }
        let (mut met, mut of, mut unknown) = (0u32, 0u32, 0u32);
        let (mut gate_failed, mut gate_unknown) = (false, false);
        let mut totals =
            Totals { items: 0, reviewed: Some(Points::ZERO), self_score: Some(Points::ZERO), known_max: Points::ZERO };
        for &ci in &kp.criteria {
            let c: &Criterion = &rules.criteria[ci];
            let (status, e) = Eval::run(c, &self.plan.columns[ci], &view, mode).map_err(|msg| {
                Error::InvalidDataset(vec![Problem::new(
                    ProblemCode::BadValue,
                    Location::default().with_unit(&u.id.0).with_criterion(&c.id),
                    msg,
                )])
            })?;
            of += 1;
            match status {
                Status::Met => met += 1,
                Status::Unknown => unknown += 1,
                Status::NotMet => {}
            }
            match e.score {
                Some(sc) => {
                    totals.items += 1;
                    totals.reviewed = totals.reviewed.zip(sc.reviewed).map(|(a, b)| a + b);
                    totals.self_score = totals.self_score.zip(sc.self_score).map(|(a, b)| a + b);
                    if sc.reviewed.is_none_or(|r| r >= Points::ZERO) {
                        totals.known_max = totals.known_max + sc.max;
                    }
                }
                None if c.mandatory => match status {
                    Status::NotMet => gate_failed = true,
                    Status::Unknown => gate_unknown = true,
                    Status::Met => {}
                },
                None => {}
            }
            if let Some(s) = statuses.as_deref_mut() {
                s.push(status);
            }
            if let Some(out) = rec.as_deref_mut() {
                let mut e = e;
                if status == Status::Unknown && c.mandatory {
                    out.missing.append(&mut e.missing);
                }
                out.criteria.push(CriterionResult {
                    id: c.id.clone(),
                    label: self.plan.shared[ci].0.clone(),
                    mandatory: c.mandatory,
                    certainty: c.certainty,
                    source: c.source.clone(),
                    legal_basis: self.plan.shared[ci].1.clone(),
                    status,
                    checks: e.checks,
                    score: e.score,
                });
            }
        }
        let gate = if gate_failed {
            Status::NotMet
        } else if gate_unknown {
            Status::Unknown
        } else {
            Status::Met
        };
        let verdict = |decision| Verdict { decision, met, of };

        let decision = match &rules.outcome {
            OutcomePolicy::AllMandatory => match gate {
                Status::Met => Decision::Meets,
                Status::NotMet => Decision::DoesNotMeet,
                Status::Unknown => Decision::Undetermined,
            },
            OutcomePolicy::Points { .. } => self.level(kind, gate, &totals, rec.as_deref_mut()),
            OutcomePolicy::Typical { prerequisite, prerequisite_illustrative, .. } => {
                let min_met = self.plan.min_met;
                if self.plan.min_met_illustrative
                    && let Some(out) = rec.as_deref_mut()
                {
                    out.illustrative.push(format!("parameter min_met = {min_met}"));
                }
                let mut s = if i64::from(met) >= min_met {
                    Status::Met
                } else if i64::from(met) + i64::from(unknown) < min_met {
                    Status::NotMet
                } else {
                    Status::Unknown
                };
                if let Some(p) = prerequisite {
                    let before = self.prerequisite.as_ref().and_then(|r| r.verdicts[i]);
                    let ps = match before.map(|v| v.decision) {
                        Some(Decision::OutOfScope) => return Ok(verdict(Decision::OutOfScope)),
                        Some(d) => d.as_status(),
                        None => Status::Unknown,
                    };
                    if let Some(out) = rec.as_deref_mut() {
                        // Named by the exact instrument applied (a family resolves by date).
                        let id = self.prerequisite.as_ref().map_or(p.as_str(), |r| r.rules.id.as_str());
                        self.record_prerequisite(i, id, *prerequisite_illustrative, ps, out);
                    }
                    s = Status::all([s, ps]);
                }
                if s != Status::Unknown
                    && let Some(out) = rec.as_deref_mut()
                {
                    out.missing.clear();
                }
                match s {
                    // Ranked against the parent's quota afterwards.
                    Status::Met => Decision::Typical(0),
                    Status::NotMet => Decision::NotTypical,
                    Status::Unknown => Decision::Undetermined,
                }
            }
        };
        if matches!(decision, Decision::Meets | Decision::DoesNotMeet)
            && let Some(out) = rec
        {
            out.missing.clear();
        }
        Ok(verdict(decision))
    }

    /// The prerequisite's pseudo-criterion in an explained result.
    fn record_prerequisite(&self, i: usize, p: &str, illustrative: bool, ps: Status, out: &mut UnitResult) {
        if illustrative {
            out.illustrative.push(format!("prerequisite {p}"));
        }
        let before = self.prerequisite.as_ref().and_then(|r| r.outcome(i));
        if ps == Status::Unknown {
            out.missing.push(Missing {
                criterion: format!("prerequisite:{p}"),
                kind: MissingKind::Prerequisite,
                key: p.to_owned(),
                text: Text::new(
                    format!("Kết quả đánh giá theo `{p}` chưa xác định"),
                    format!("The outcome under `{p}` is undetermined"),
                ),
            });
        }
        let explanation = if self.mode == Mode::Full {
            let label = before.as_ref().map(Outcome::label);
            Text::new(
                format!("Kết quả theo `{p}`: {}.", label.as_ref().map_or("–", |l| l.vi.as_str())),
                format!("Outcome under `{p}`: {}.", label.as_ref().map_or("–", |l| l.en.as_str())),
            )
        } else {
            Text::default()
        };
        out.criteria.push(CriterionResult {
            id: format!("prerequisite:{p}"),
            label: Arc::new(Text::new(format!("Đạt `{p}`"), format!("Meets `{p}`"))),
            mandatory: true,
            certainty: crate::Certainty::Inferred,
            source: None,
            legal_basis: Arc::from(Vec::new()),
            status: ps,
            checks: vec![Check {
                test: "prerequisite".into(),
                depth: 0,
                status: ps,
                observed: before.as_ref().map(|o| o.code().to_owned()),
                threshold: "meets".into(),
                explanation,
            }],
            score: None,
        });
    }

    /// Whether the unit at index `c` registered for the year, as a commune's roll-up (CW-4)
    /// counts it ([`super::registration_status`]).
    fn registered(&self, c: usize) -> Status {
        let start = self.plan.kind(self.prep.kind(c).kind()).map(|k| k.window.start);
        super::registration_status(self.prep.evidence[c], self.prep.year, start, self.as_of)
    }

    /// The level of a unit under a points policy.
    fn level(&self, kind: Kind, gate: Status, t: &Totals, mut rec: Option<&mut UnitResult>) -> Decision {
        let Some(sheet) = self.rules.sheet(kind) else {
            return Decision::Undetermined;
        };
        if let Some(out) = rec.as_deref_mut() {
            if sheet.levels_illustrative {
                out.illustrative.push(format!("level cut-offs of the {kind} sheet"));
            }
            if t.items > 0 {
                out.score = Some(ScoreSummary {
                    reviewed: t.reviewed,
                    self_score: t.self_score,
                    known_max: t.known_max.min(sheet.total),
                    total: sheet.total,
                });
            }
        }
        if !sheet.complete {
            if let Some(out) = rec {
                let defined: Points = self
                    .rules
                    .criteria_for(kind)
                    .filter_map(|c| match c.test {
                        Test::Points { max, .. } => Some(max),
                        _ => None,
                    })
                    .sum();
                let gap = sheet.total - defined;
                out.missing.push(Missing {
                    criterion: "*".into(),
                    kind: MissingKind::SheetItems,
                    key: kind.as_str().into(),
                    text: Text::new(
                        format!("Bảng điểm chưa đủ: các mục trị giá {gap}/{} điểm chưa được quy định; bổ sung bằng văn bản của tỉnh", sheet.total),
                        format!("The sheet is incomplete: items worth {gap} of {} points are not defined; add them with a supplement", sheet.total),
                    ),
                });
            }
            return Decision::Undetermined;
        }
        let Some(total) = t.reviewed else {
            return Decision::Undetermined;
        };
        let total = total.max(Points::ZERO);
        let mut idx = sheet.levels.iter().position(|l| l.min <= total).unwrap_or(sheet.levels.len().saturating_sub(1));
        if let Some(cap) = &sheet.cap_on_mandatory_failure {
            let cap_idx = sheet.levels.iter().position(|l| &l.id == cap).unwrap_or(0);
            if idx < cap_idx {
                match gate {
                    Status::NotMet => idx = cap_idx,
                    Status::Unknown => return Decision::Undetermined,
                    Status::Met => {}
                }
            }
        }
        if let Some(out) = rec {
            out.missing.clear();
            // A level not seen in published results is named as such, never as a rule.
            if let Some(l) = sheet.levels.get(idx)
                && let Some(c @ (Certainty::Inferred | Certainty::Sample)) = l.certainty
            {
                out.illustrative.push(format!("level {} [{}]: not seen in published results", l.id, c.mark()));
            }
        }
        Decision::Level(u16::try_from(idx).unwrap_or(u16::MAX))
    }

    /// Ranks typical candidates within each parent: most criteria met first, then unit
    /// id; the first `quota_per_parent` are typical, the rest not selected.
    fn apply_quota(&mut self) {
        let units = &self.prep.ds.units;
        let per = match &self.rules.outcome {
            OutcomePolicy::Typical { quota_per, .. } => *quota_per,
            _ => None,
        };
        // The unit the quota is counted in: the nearest enclosing unit of kind `per`, or
        // the parent (NONE when there is none: those candidates share one group).
        let group_of = |i: usize| -> u32 {
            let mut p = self.parent[i];
            if let Some(k) = per {
                while p != NONE && self.prep.kind(p as usize).kind() != k {
                    p = self.parent[p as usize];
                }
            }
            p
        };
        let mut candidates: Vec<(u32, u32, &str, usize)> = self
            .verdicts
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match v {
                Some(Verdict { decision: Decision::Typical(_), met, .. }) => {
                    Some((group_of(i), *met, units[i].id.as_str(), i))
                }
                _ => None,
            })
            .collect();
        candidates.sort_by(|a, b| (a.0, std::cmp::Reverse(a.1), a.2).cmp(&(b.0, std::cmp::Reverse(b.1), b.2)));
        let mut rank = 0u32;
        let mut group = None;
        for &(p, _, _, i) in &candidates {
            if group != Some(p) {
                group = Some(p);
                rank = 0;
            }
            rank += 1;
            if let Some(v) = self.verdicts[i].as_mut() {
                v.decision = match self.plan.quota {
                    Some(q) if rank > q => Decision::NotSelected(rank),
                    _ => Decision::Typical(rank),
                };
            }
        }
    }

    fn children_of(&self, i: usize) -> &[u32] {
        &self.children[self.child_start[i] as usize..self.child_start[i + 1] as usize]
    }

    /// The number of units evaluated (those of the kinds the rule set covers that exist
    /// on the reference date).
    pub fn len(&self) -> usize {
        self.evaluated
    }

    /// Whether no unit was evaluated.
    pub fn is_empty(&self) -> bool {
        self.evaluated == 0
    }

    /// The reference date.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// How to reproduce the review: rule set, version, content hash, supplements,
    /// parameters, year and reference date.
    pub fn record(&self) -> &DecisionRecord {
        &self.record
    }

    /// What the evidence gives that the rule set does not read: attested keys and points
    /// items read by another rule set (`unused_key`), indicators no criterion reads
    /// (`unused_indicator`), and — with [`Options::lenient_vocabulary`] — keys no rule set
    /// reads (`unknown_key`). Each counted once per key.
    pub fn lints(&self) -> &[Problem] {
        &self.lints
    }

    /// The rule set reviewed against.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The prepared dataset.
    pub fn prepared(&self) -> &'a Prepared<'a> {
        self.prep
    }

    /// Each evaluated unit with its verdict, in dataset order.
    pub fn verdicts(&self) -> impl Iterator<Item = (&'a Unit, Verdict)> + '_ {
        let units = &self.prep.ds.units;
        self.verdicts.iter().enumerate().filter_map(move |(i, v)| v.map(|v| (&units[i], v)))
    }

    /// The parent of the unit at index `i` on the reference date, as an index.
    pub fn parent_at(&self, i: usize) -> Option<usize> {
        self.parent.get(i).filter(|&&p| p != NONE).map(|&p| p as usize)
    }

    /// Each evaluated unit with its index in the dataset and its verdict, in dataset order.
    pub fn indexed_verdicts(&self) -> impl Iterator<Item = (usize, &'a Unit, Verdict)> + '_ {
        let units = &self.prep.ds.units;
        self.verdicts.iter().enumerate().filter_map(move |(i, v)| v.map(|v| (i, &units[i], v)))
    }

    /// The verdict of the unit at index `i` of the dataset, if it was evaluated.
    pub fn verdict_at(&self, i: usize) -> Option<Verdict> {
        self.verdicts.get(i).copied().flatten()
    }

    /// The verdict of a unit, if it was evaluated.
    pub fn verdict(&self, id: &str) -> Option<Verdict> {
        self.prep.position(id).and_then(|i| self.verdict_at(i))
    }

    /// Each applicable criterion with its status, for the unit at index `i` (empty when
    /// it was not evaluated or is out of scope).
    pub fn statuses_at(&self, i: usize) -> impl Iterator<Item = (&Criterion, Status)> + '_ {
        self.criterion_statuses(i).map(|(c, s)| (&self.rules.criteria[c], s))
    }

    /// As [`Review::statuses_at`], with each criterion's position in the rule set.
    pub(crate) fn criterion_statuses(&self, i: usize) -> impl Iterator<Item = (usize, Status)> + '_ {
        let (criteria, start, len): (&[usize], usize, usize) = match (self.verdict_at(i), self.prep.ds.units.get(i)) {
            (Some(v), Some(u)) => {
                let kp = self.plan.kind(u.kind.kind());
                (kp.map_or(&[], |k| k.criteria.as_slice()), self.status_start[i] as usize, v.of as usize)
            }
            _ => (&[], 0, 0),
        };
        let statuses = self.statuses.get(start..start + len).unwrap_or(&[]);
        criteria.iter().copied().zip(statuses.iter().copied())
    }

    /// The full outcome of the unit at index `i` (with the exclusion's reason or the
    /// level's name), if it was evaluated.
    pub fn outcome(&self, i: usize) -> Option<Outcome> {
        let v = self.verdict_at(i)?;
        let u = &self.prep.ds.units[i];
        Some(match v.decision {
            Decision::Meets => Outcome::Meets,
            Decision::DoesNotMeet => Outcome::DoesNotMeet,
            Decision::Undetermined => Outcome::Undetermined,
            Decision::NotTypical => Outcome::NotTypical,
            Decision::Typical(rank) => Outcome::Typical { rank },
            Decision::NotSelected(rank) => Outcome::NotSelected { rank },
            Decision::Level(l) => {
                let level = self.rules.sheet(u.kind.kind()).and_then(|s| s.levels.get(usize::from(l)));
                match level {
                    Some(l) => Outcome::Level { level: l.id.clone(), label: l.label.clone() },
                    None => Outcome::Undetermined,
                }
            }
            Decision::OutOfScope => match self.rules.exclusion(u.kind) {
                Some(ex) => Outcome::OutOfScope { code: ex.code.clone(), reason: ex.reason.clone() },
                None => self.prerequisite.as_ref().and_then(|p| p.outcome(i)).unwrap_or(Outcome::Undetermined),
            },
        })
    }

    /// The explained result of a unit, as [`crate::evaluate`] gives it; `None` when the
    /// unit was not evaluated.
    pub fn unit(&self, id: &str) -> Result<Option<UnitResult>> {
        match self.prep.position(id) {
            Some(i) => self.unit_at(i),
            None => Ok(None),
        }
    }

    /// Every evaluated unit's explained result, in dataset order, made one at a time: what
    /// [`Review::to_evaluation`] holds all at once, for writing results out as they are made
    /// (memory stays that of one result).
    ///
    /// ```
    /// use antq::{Dataset, Options, Prepared, RuleSet};
    /// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let rules = RuleSet::preset("vn.c124-2021").unwrap();
    /// let prepared = Prepared::new(&ds, 2023).unwrap();
    /// let review = prepared.review(&rules, &Options::default()).unwrap();
    /// let each: Vec<antq::UnitResult> = review.results().collect::<antq::Result<_>>().unwrap();
    /// assert_eq!(each, review.to_evaluation().unwrap().units);
    /// ```
    pub fn results(&self) -> impl Iterator<Item = Result<UnitResult>> + '_ {
        let mut scratch = Scratch::default();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < self.verdicts.len() {
                let k = i;
                i += 1;
                match self.materialise(k, &mut scratch) {
                    Ok(Some(r)) => return Some(Ok(r)),
                    Ok(None) => {}
                    Err(e) => return Some(Err(e)),
                }
            }
            None
        })
    }

    /// Writes the evaluation as pretty JSON to `w` while it is made, one unit at a time: the
    /// same bytes as `to_evaluation()?.to_json()`, without holding every result.
    ///
    /// ```
    /// use antq::{Dataset, Options, Prepared, RuleSet};
    /// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let rules = RuleSet::preset("vn.c124-2021").unwrap();
    /// let prepared = Prepared::new(&ds, 2023).unwrap();
    /// let review = prepared.review(&rules, &Options::default()).unwrap();
    /// let mut out = Vec::new();
    /// review.write_json(&mut out).unwrap();
    /// assert_eq!(String::from_utf8(out).unwrap(), review.to_evaluation().unwrap().to_json());
    /// ```
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        use serde::ser::{Error as _, SerializeSeq, SerializeStruct};
        struct Units<'r, 'a>(&'r Review<'a>);
        impl serde::Serialize for Units<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(None)?;
                for r in self.0.results() {
                    seq.serialize_element(&r.map_err(|e| S::Error::custom(e.to_string()))?)?;
                }
                seq.end()
            }
        }
        struct Streamed<'r, 'a>(&'r Review<'a>);
        impl serde::Serialize for Streamed<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                let r = self.0;
                let mut st = s.serialize_struct("Evaluation", 4)?;
                st.serialize_field("decision", &r.record)?;
                st.serialize_field("units", &Units(r))?;
                st.serialize_field("summary", &r.summary())?;
                if !r.lints.is_empty() {
                    st.serialize_field("lints", &r.lints)?;
                }
                st.end()
            }
        }
        serde_json::to_writer_pretty(w, &Streamed(self)).map_err(|e| match e.io_error_kind() {
            Some(kind) => std::io::Error::new(kind, e),
            None => std::io::Error::other(e),
        })
    }

    /// The explained result of the unit at index `i` of the dataset.
    pub fn unit_at(&self, i: usize) -> Result<Option<UnitResult>> {
        self.materialise(i, &mut Scratch::default())
    }

    fn materialise(&self, i: usize, scratch: &mut Scratch<'a>) -> Result<Option<UnitResult>> {
        let Some(v) = self.verdict_at(i) else {
            return Ok(None);
        };
        let ds = self.prep.ds;
        let u = &ds.units[i];
        let kind = u.kind.kind();
        let parent = (self.parent[i] != NONE).then(|| &ds.units[self.parent[i] as usize]);
        let mut out = UnitResult {
            unit: u.id.clone(),
            name: u.name.clone(),
            kind,
            subkind: u.kind.subkind().map(str::to_owned),
            parent: parent.map(|p| p.id.clone()),
            window: self.plan.kind(kind).map_or(Window::new(self.as_of, self.as_of), |k| k.window),
            outcome: Outcome::Undetermined,
            met: 0,
            of: 0,
            criteria: Vec::new(),
            missing: Vec::new(),
            score: None,
            recognised_by: administration::recognition(kind, parent.map(|p| p.kind.kind()), self.as_of),
            illustrative: Vec::new(),
        };
        if self.rules.exclusion(u.kind).is_none() {
            let again = self.assess(i, self.mode, scratch, Some(&mut out), None)?;
            debug_assert_eq!((again.met, again.of), (v.met, v.of));
            out.met = v.met;
            out.of = v.of;
            if matches!(v.decision, Decision::Typical(_) | Decision::NotSelected(_))
                && let Some(q) = self.plan.quota
                && self.plan.quota_illustrative
            {
                out.illustrative.push(format!("parameter quota_per_parent = {q}"));
            }
        }
        out.outcome = self.outcome(i).unwrap_or(Outcome::Undetermined);
        Ok(Some(out))
    }

    /// Counts of outcome codes per kind (levels as `level:<id>`).
    pub fn summary(&self) -> BTreeMap<Kind, BTreeMap<String, u32>> {
        let mut counts: BTreeMap<(Kind, Decision), u32> = BTreeMap::new();
        for (u, v) in self.verdicts() {
            let d = match v.decision {
                Decision::Typical(_) => Decision::Typical(0),
                Decision::NotSelected(_) => Decision::NotSelected(0),
                d => d,
            };
            *counts.entry((u.kind.kind(), d)).or_default() += 1;
        }
        let mut summary: BTreeMap<Kind, BTreeMap<String, u32>> = BTreeMap::new();
        for ((kind, d), n) in counts {
            let key = match d {
                Decision::Level(l) => match self.rules.sheet(kind).and_then(|s| s.levels.get(usize::from(l))) {
                    Some(level) => format!("level:{}", level.id),
                    None => "undetermined".to_owned(),
                },
                d => d.code().to_owned(),
            };
            *summary.entry(kind).or_default().entry(key).or_default() += n;
        }
        summary
    }

    /// Every unit's explained result, as [`crate::evaluate`] returns them.
    pub fn to_evaluation(&self) -> Result<Evaluation> {
        let explain = |range: std::ops::Range<usize>| -> Result<Vec<UnitResult>> {
            let mut scratch = Scratch::default();
            let mut units = Vec::with_capacity(range.len());
            for i in range {
                if let Some(r) = self.materialise(i, &mut scratch)? {
                    units.push(r);
                }
            }
            Ok(units)
        };
        let n = self.verdicts.len();
        #[cfg(feature = "parallel")]
        let units = if self.parallel && n >= 2 * PART {
            use rayon::prelude::*;
            let parts: Vec<Result<Vec<UnitResult>>> =
                (0..n.div_ceil(PART)).into_par_iter().map(|k| explain(k * PART..n.min((k + 1) * PART))).collect();
            let mut units = Vec::with_capacity(self.evaluated);
            for p in parts {
                units.extend(p?);
            }
            units
        } else {
            explain(0..n)?
        };
        #[cfg(not(feature = "parallel"))]
        let units = explain(0..n)?;
        Ok(Evaluation { decision: self.record.clone(), units, summary: self.summary(), lints: self.lints.clone() })
    }
}
