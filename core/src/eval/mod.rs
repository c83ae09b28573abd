//! Evaluation of a dataset against a rule set for a year: scope first, children
//! before parents, then per unit an explained outcome.

mod check;
mod explain;
mod rows;

pub use rows::{CriterionRow, UnitRow};
mod result;

pub use result::{
    Check, CriterionResult, DecisionRecord, Evaluation, ItemScore, Missing, MissingKind, Outcome, ScoreSummary, Status,
    UnitResult,
};

use crate::calendar;
use crate::dataset::Dataset;
use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::evidence::Evidence;
use crate::points::Points;
use crate::rules::{OutcomePolicy, RuleSet, Test};
use crate::text::Text;
use crate::unit::{Kind, UnitId};
use check::{ChildState, Eval, UnitView};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// What every unit's evaluation shares: each criterion's label and legal basis (one
/// allocation for all results), and the kinds whose tests look at descendants' incidents.
struct Shared {
    criteria: Vec<(Arc<Text>, Arc<[crate::LegalRef]>)>,
    needs_descendants: Vec<Kind>,
}

/// How deep prerequisite rule sets may chain.
const MAX_PREREQUISITE_DEPTH: usize = 4;

/// Options of an evaluation.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// Reference date for unit existence and the hierarchy; by default the last day
    /// of the latest window of the rule set's kinds in the year (15 November for
    /// Circular 124).
    pub as_of: Option<NaiveDate>,
    /// Rule sets (e.g. a prerequisite with a supplement) to use instead of presets.
    pub rule_sets: Vec<RuleSet>,
    /// Leave the sentences of checks and missing items empty: statuses, observed values,
    /// thresholds, outcomes and the list of what is missing stay the same, but nothing is
    /// written to explain them. For bulk runs that only need verdicts.
    pub without_explanations: bool,
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
    if !(1900..=2200).contains(&year) {
        return Err(Error::BadYear { year });
    }
    rules.validate()?;
    dataset.validate()?;
    Engine::new(dataset, year, opts)?.run(rules, 0)
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

struct Engine<'d> {
    ds: &'d Dataset,
    year: i32,
    opts: &'d Options,
    index: HashMap<&'d UnitId, usize>,
    evidence: HashMap<usize, &'d Evidence>,
    incidents: Vec<Vec<usize>>,
}

impl<'d> Engine<'d> {
    fn new(ds: &'d Dataset, year: i32, opts: &'d Options) -> Result<Self> {
        let index: HashMap<&UnitId, usize> = ds.units.iter().enumerate().map(|(i, u)| (&u.id, i)).collect();
        let evidence =
            ds.evidence.iter().filter(|e| e.year == year).filter_map(|e| index.get(&e.unit).map(|&i| (i, e))).collect();
        let mut incidents = vec![Vec::new(); ds.units.len()];
        for (k, inc) in ds.incidents.iter().enumerate() {
            if let Some(&i) = index.get(&inc.unit) {
                incidents[i].push(k);
            }
        }
        Ok(Engine { ds, year, opts, index, evidence, incidents })
    }

    fn lookup(&self, id: &str) -> Result<RuleSet> {
        match self.opts.rule_sets.iter().find(|r| r.id == id) {
            Some(r) => Ok(r.clone()),
            None => RuleSet::preset(id),
        }
    }

    fn run(&self, rules: &RuleSet, depth: usize) -> Result<Evaluation> {
        let year = self.year;
        let as_of = self.opts.as_of.unwrap_or_else(|| default_as_of(rules, year));
        let n = self.ds.units.len();

        // Which units exist, their parents and children on the reference date.
        let present: Vec<bool> = self.ds.units.iter().map(|u| u.exists_on(as_of)).collect();
        let mut parent: Vec<Option<usize>> = vec![None; n];
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut problems = Vec::new();
        for (i, u) in self.ds.units.iter().enumerate() {
            if !present[i] {
                continue;
            }
            if let Some(why) = calendar::kind_absence(u.kind, as_of) {
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
            if let Some(p) = u.parent_on(as_of) {
                let j = self.index[p];
                if present[j] {
                    parent[i] = Some(j);
                    children[j].push(i);
                } else {
                    problems.push(Problem::new(
                        ProblemCode::DanglingParent,
                        Location::default().with_unit(&u.id.0),
                        format!("parent `{p}` of unit `{}` does not exist on {as_of}", u.id),
                    ));
                }
            }
        }
        // Incidents must use a category this rule set or a built-in preset declares, so a
        // misspelt category is an error rather than an incident silently ignored.
        if !rules.categories.is_empty() {
            let known = |c: &str| {
                rules.categories.iter().any(|k| k.id == c)
                    || crate::rules::presets().iter().any(|p| p.categories.iter().any(|k| k.id == c))
            };
            for (k, inc) in self.ds.incidents.iter().enumerate() {
                if !known(&inc.category) {
                    problems.push(Problem::new(
                        ProblemCode::UnknownCategory,
                        Location::path(format!("incidents[{k}].category")).with_unit(&inc.unit.0),
                        format!(
                            "incident category `{}` is not declared by `{}` nor by any preset; known here: {}",
                            inc.category,
                            rules.id,
                            rules.categories.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(Error::InvalidDataset(problems));
        }
        if let Some(from) = rules.effective.from
            && as_of < from
        {
            return Err(Error::InvalidRuleSet(vec![Problem::new(
                ProblemCode::BadValue,
                Location::path("effective.from"),
                format!("`{}` is in force from {from}; the {year} review date {as_of} is before it", rules.id),
            )]));
        }

        // Prerequisite first.
        let prerequisite = match &rules.outcome {
            OutcomePolicy::Typical { prerequisite: Some(p), .. } => {
                if depth >= MAX_PREREQUISITE_DEPTH {
                    return Err(Error::InvalidRuleSet(vec![Problem::new(
                        ProblemCode::Limit,
                        Location::path("outcome.prerequisite"),
                        format!("prerequisites chain deeper than {MAX_PREREQUISITE_DEPTH}"),
                    )]));
                }
                Some(self.run(&self.lookup(p)?, depth + 1)?)
            }
            _ => None,
        };
        let prereq_outcome: HashMap<&str, &Outcome> = prerequisite
            .as_ref()
            .map(|e| e.units.iter().map(|u| (u.unit.as_str(), &u.outcome)).collect())
            .unwrap_or_default();

        // Children before parents: deepest first, then dataset order.
        let mut level = vec![0u32; n];
        for i in 0..n {
            let mut d = 0;
            let mut cur = parent[i];
            while let Some(p) = cur {
                d += 1;
                cur = parent[p];
            }
            level[i] = d;
        }
        let mut order: Vec<usize> = (0..n).filter(|&i| present[i]).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(level[i]), i));

        let kinds = rules.kinds();
        let shared = Shared {
            criteria: rules
                .criteria
                .iter()
                .map(|c| (Arc::new(c.label.clone()), Arc::from(c.legal_basis.as_slice())))
                .collect(),
            needs_descendants: kinds
                .iter()
                .copied()
                .filter(|&k| {
                    rules.criteria_for(k).any(|c| {
                        c.test.walk().iter().any(|t| matches!(t, Test::NoEvents { include_descendants: true, .. }))
                    })
                })
                .collect(),
        };
        let mut results: Vec<Option<UnitResult>> = vec![None; n];
        for &i in &order {
            let u = &self.ds.units[i];
            let kind = u.kind.kind();
            if !kinds.contains(&kind) {
                continue;
            }
            let r = self.unit(rules, &shared, i, as_of, parent[i], &children, &results, &prereq_outcome)?;
            results[i] = Some(r);
        }

        if let OutcomePolicy::Typical { .. } = &rules.outcome {
            apply_quota(rules, &mut results);
        }

        let units: Vec<UnitResult> = results.into_iter().flatten().collect();
        let mut summary: BTreeMap<Kind, BTreeMap<String, u32>> = BTreeMap::new();
        for u in &units {
            let key = match &u.outcome {
                Outcome::Level { level, .. } => format!("level:{level}"),
                o => o.code().to_owned(),
            };
            *summary.entry(u.kind).or_default().entry(key).or_default() += 1;
        }
        Ok(Evaluation {
            decision: DecisionRecord {
                rule_set: rules.id.clone(),
                version: rules.version.clone(),
                content_hash: rules.content_hash(),
                supplements: rules.applied_supplements.clone(),
                parameters: rules.parameters.clone(),
                illustrative_defaults: illustrative_defaults(rules),
                year,
                as_of,
                prerequisite: prerequisite.map(|p| Box::new(p.decision)),
                engine: format!("antq {}", env!("CARGO_PKG_VERSION")),
            },
            units,
            summary,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn unit(
        &self,
        rules: &RuleSet,
        shared: &Shared,
        i: usize,
        as_of: NaiveDate,
        parent: Option<usize>,
        all_children: &[Vec<usize>],
        results: &[Option<UnitResult>],
        prereq: &HashMap<&str, &Outcome>,
    ) -> Result<UnitResult> {
        let u = &self.ds.units[i];
        let children = all_children[i].as_slice();
        let kind = u.kind.kind();
        let window = rules.window(kind, self.year).unwrap_or(crate::Window::new(as_of, as_of));
        let parent_unit = parent.map(|p| &self.ds.units[p]);
        let mut out = UnitResult {
            unit: u.id.clone(),
            name: u.name.clone(),
            kind,
            subkind: u.kind.subkind().map(str::to_owned),
            parent: parent_unit.map(|p| p.id.clone()),
            window,
            outcome: Outcome::Undetermined,
            met: 0,
            of: 0,
            criteria: Vec::new(),
            missing: Vec::new(),
            score: None,
            recognised_by: calendar::recognition(kind, parent_unit.map(|p| p.kind.kind()), as_of),
            illustrative: Vec::new(),
        };
        if let Some(ex) = rules.exclusion(u.kind) {
            out.outcome = Outcome::OutOfScope { code: ex.code.clone(), reason: ex.reason.clone() };
            return Ok(out);
        }

        let evidence = self.evidence.get(&i).copied();
        let in_window = |list: &[usize], w: crate::Window| -> Vec<(NaiveDate, &'d str)> {
            list.iter()
                .map(|&k| &self.ds.incidents[k])
                .filter(|inc| w.contains(inc.date))
                .map(|inc| (inc.date, inc.category.as_str()))
                .collect()
        };
        let own = in_window(&self.incidents[i], window);
        let needs_descendants = shared.needs_descendants.contains(&kind);
        let mut descendants = Vec::new();
        if needs_descendants {
            let mut stack: Vec<usize> = children.to_vec();
            while let Some(c) = stack.pop() {
                descendants.extend(in_window(&self.incidents[c], window));
                stack.extend(&all_children[c]);
            }
        }
        let child_states: Vec<ChildState<'_>> = children
            .iter()
            .filter_map(|&c| {
                let r = results[c].as_ref()?;
                if matches!(r.outcome, Outcome::OutOfScope { .. }) {
                    return None;
                }
                let ev = self.evidence.get(&c);
                let registered = match ev {
                    Some(e) if e.registration_date.is_some() || e.registered == Some(true) => Status::Met,
                    Some(e) if e.registered == Some(false) => Status::NotMet,
                    _ => Status::Unknown,
                };
                let recognised = match r.outcome {
                    Outcome::Meets => Status::Met,
                    Outcome::DoesNotMeet => Status::NotMet,
                    _ => Status::Unknown,
                };
                Some(ChildState { id: r.unit.as_str(), kind: r.kind, registered, recognised })
            })
            .collect();
        let view = UnitView {
            year: self.year,
            window,
            evidence,
            own_incidents: &own,
            descendant_incidents: &descendants,
            children: &child_states,
        };

        if evidence.is_none() {
            out.missing.push(Missing {
                criterion: "*".into(),
                kind: MissingKind::EvidenceRecord,
                key: format!("{}/{}", u.id, self.year),
                text: Text::new(
                    format!("Chưa có hồ sơ đánh giá năm {} của đơn vị `{}`", self.year, u.id),
                    format!("No evidence record for unit `{}` in {}", u.id, self.year),
                ),
            });
        }
        for (ci, c) in rules.criteria.iter().enumerate().filter(|(_, c)| c.kinds.contains(&kind)) {
            let (status, e) = Eval::run(c, &view, !self.opts.without_explanations).map_err(|msg| {
                Error::InvalidDataset(vec![Problem::new(
                    ProblemCode::BadValue,
                    Location::default().with_unit(&u.id.0).with_criterion(&c.id),
                    msg,
                )])
            })?;
            if status == Status::Unknown && c.mandatory {
                out.missing.extend(e.missing);
            }
            out.criteria.push(CriterionResult {
                id: c.id.clone(),
                label: shared.criteria[ci].0.clone(),
                mandatory: c.mandatory,
                certainty: c.certainty,
                legal_basis: shared.criteria[ci].1.clone(),
                status,
                checks: e.checks,
                score: e.score,
            });
        }
        out.of = out.criteria.len() as u32;
        out.met = out.criteria.iter().filter(|c| c.status == Status::Met).count() as u32;

        let gate = Status::all(out.criteria.iter().filter(|c| c.mandatory && c.score.is_none()).map(|c| c.status));
        match &rules.outcome {
            OutcomePolicy::AllMandatory => {
                out.outcome = match gate {
                    Status::Met => Outcome::Meets,
                    Status::NotMet => Outcome::DoesNotMeet,
                    Status::Unknown => Outcome::Undetermined,
                };
            }
            OutcomePolicy::Points { .. } => self.level(rules, kind, gate, &mut out),
            OutcomePolicy::Typical { prerequisite, prerequisite_illustrative } => {
                let min_met = rules.parameter("min_met").unwrap_or(i64::MAX);
                if rules.parameters.get("min_met").is_some_and(|p| p.illustrative) {
                    out.illustrative.push(format!("parameter min_met = {min_met}"));
                }
                let unknown = out.criteria.iter().filter(|c| c.status == Status::Unknown).count() as i64;
                let mut s = if i64::from(out.met) >= min_met {
                    Status::Met
                } else if i64::from(out.met) + unknown < min_met {
                    Status::NotMet
                } else {
                    Status::Unknown
                };
                if let Some(p) = prerequisite {
                    if *prerequisite_illustrative {
                        out.illustrative.push(format!("prerequisite {p}"));
                    }
                    let ps = match prereq.get(u.id.as_str()) {
                        Some(Outcome::Meets) => Status::Met,
                        Some(Outcome::DoesNotMeet) => Status::NotMet,
                        Some(Outcome::OutOfScope { code, reason }) => {
                            out.outcome = Outcome::OutOfScope { code: code.clone(), reason: reason.clone() };
                            return Ok(out);
                        }
                        _ => Status::Unknown,
                    };
                    if ps == Status::Unknown {
                        out.missing.push(Missing {
                            criterion: format!("prerequisite:{p}"),
                            kind: MissingKind::Prerequisite,
                            key: p.clone(),
                            text: Text::new(
                                format!("Kết quả đánh giá theo `{p}` chưa xác định"),
                                format!("The outcome under `{p}` is undetermined"),
                            ),
                        });
                    }
                    out.criteria.push(CriterionResult {
                        id: format!("prerequisite:{p}"),
                        label: Arc::new(Text::new(format!("Đạt `{p}`"), format!("Meets `{p}`"))),
                        mandatory: true,
                        certainty: crate::Certainty::Inferred,
                        legal_basis: Arc::from(Vec::new()),
                        status: ps,
                        checks: vec![Check {
                            test: "prerequisite".into(),
                            depth: 0,
                            status: ps,
                            observed: prereq.get(u.id.as_str()).map(|o| o.code().to_owned()),
                            threshold: "meets".into(),
                            explanation: if self.opts.without_explanations {
                                Text::default()
                            } else {
                                Text::new(
                                    format!(
                                        "Kết quả theo `{p}`: {}.",
                                        prereq.get(u.id.as_str()).map_or("–".into(), |o| o.label().vi)
                                    ),
                                    format!(
                                        "Outcome under `{p}`: {}.",
                                        prereq.get(u.id.as_str()).map_or("–".into(), |o| o.label().en)
                                    ),
                                )
                            },
                        }],
                        score: None,
                    });
                    s = Status::all([s, ps]);
                }
                out.outcome = match s {
                    // Ranked against the parent's quota afterwards.
                    Status::Met => Outcome::Typical { rank: 0 },
                    Status::NotMet => Outcome::NotTypical,
                    Status::Unknown => Outcome::Undetermined,
                };
                if s != Status::Unknown {
                    out.missing.clear();
                }
            }
        }
        if matches!(out.outcome, Outcome::Meets | Outcome::DoesNotMeet) {
            out.missing.clear();
        }
        Ok(out)
    }

    fn level(&self, rules: &RuleSet, kind: Kind, gate: Status, out: &mut UnitResult) {
        let Some(sheet) = rules.sheet(kind) else {
            return;
        };
        if sheet.levels_illustrative {
            out.illustrative.push(format!("level cut-offs of the {kind} sheet"));
        }
        let items: Vec<&ItemScore> = out.criteria.iter().filter_map(|c| c.score.as_ref()).collect();
        let known_max: Points = out
            .criteria
            .iter()
            .filter_map(|c| c.score.filter(|s| s.reviewed.is_none_or(|r| r >= Points::ZERO)).map(|s| s.max))
            .sum();
        let known_max = known_max.min(sheet.total);
        let sum = |f: fn(&ItemScore) -> Option<Points>| -> Option<Points> {
            items.iter().map(|s| f(s)).sum::<Option<Points>>()
        };
        let reviewed = sum(|s| s.reviewed);
        let self_total = sum(|s| s.self_score);
        if !items.is_empty() {
            out.score = Some(ScoreSummary { reviewed, self_score: self_total, known_max, total: sheet.total });
        }
        if !sheet.complete {
            let gap = sheet.total
                - rules
                    .criteria_for(kind)
                    .filter_map(|c| match c.test {
                        Test::Points { max } => Some(max),
                        _ => None,
                    })
                    .sum::<Points>();
            out.missing.push(Missing {
                criterion: "*".into(),
                kind: MissingKind::SheetItems,
                key: kind.as_str().into(),
                text: Text::new(
                    format!("Bảng điểm chưa đủ: các mục trị giá {gap}/{} điểm chưa được quy định; bổ sung bằng văn bản của tỉnh", sheet.total),
                    format!("The sheet is incomplete: items worth {gap} of {} points are not defined; add them with a supplement", sheet.total),
                ),
            });
            out.outcome = Outcome::Undetermined;
            return;
        }
        let Some(total) = reviewed else {
            out.outcome = Outcome::Undetermined;
            return;
        };
        let total = total.max(Points::ZERO);
        let mut idx = sheet.levels.iter().position(|l| l.min <= total).unwrap_or(sheet.levels.len() - 1);
        if let Some(cap) = &sheet.cap_on_mandatory_failure {
            let cap_idx = sheet.levels.iter().position(|l| &l.id == cap).unwrap_or(0);
            if idx < cap_idx {
                match gate {
                    Status::NotMet => idx = cap_idx,
                    Status::Unknown => {
                        out.outcome = Outcome::Undetermined;
                        return;
                    }
                    Status::Met => {}
                }
            }
        }
        let l = &sheet.levels[idx];
        out.outcome = Outcome::Level { level: l.id.clone(), label: l.label.clone() };
        out.missing.clear();
    }
}

fn illustrative_defaults(rules: &RuleSet) -> Vec<String> {
    let mut v: Vec<String> = rules
        .parameters
        .iter()
        .filter(|(_, p)| p.illustrative)
        .map(|(k, p)| format!("parameter {k} = {}", p.value))
        .collect();
    if let OutcomePolicy::Points { sheets } = &rules.outcome {
        for s in sheets.iter().filter(|s| s.levels_illustrative) {
            let k: Vec<&str> = s.kinds.iter().map(|k| k.as_str()).collect();
            v.push(format!("level cut-offs of the {} sheet", k.join("/")));
        }
    }
    if let OutcomePolicy::Typical { prerequisite: Some(p), prerequisite_illustrative: true } = &rules.outcome {
        v.push(format!("prerequisite {p}"));
    }
    v
}

/// Ranks typical candidates within each parent: most criteria met first, then unit id;
/// the first `quota_per_parent` are typical, the rest not selected.
fn apply_quota(rules: &RuleSet, results: &mut [Option<UnitResult>]) {
    let quota = rules.parameter("quota_per_parent").map(|q| q.max(0) as u32);
    let quota_illustrative = rules.parameters.get("quota_per_parent").is_some_and(|p| p.illustrative);
    let mut groups: BTreeMap<Option<UnitId>, Vec<usize>> = BTreeMap::new();
    for (i, r) in results.iter().enumerate() {
        if let Some(r) = r
            && matches!(r.outcome, Outcome::Typical { .. })
        {
            groups.entry(r.parent.clone()).or_default().push(i);
        }
    }
    for (_, mut members) in groups {
        members.sort_by(|&a, &b| {
            let (ra, rb) = (results[a].as_ref(), results[b].as_ref());
            let key = |r: Option<&UnitResult>| r.map(|r| (std::cmp::Reverse(r.met), r.unit.clone()));
            key(ra).cmp(&key(rb))
        });
        for (rank0, &i) in members.iter().enumerate() {
            let rank = rank0 as u32 + 1;
            if let Some(r) = results[i].as_mut() {
                if let Some(q) = quota {
                    if quota_illustrative {
                        r.illustrative.push(format!("parameter quota_per_parent = {q}"));
                    }
                    r.outcome = if rank <= q { Outcome::Typical { rank } } else { Outcome::NotSelected { rank } };
                } else {
                    r.outcome = Outcome::Typical { rank };
                }
            }
        }
    }
}
