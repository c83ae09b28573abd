//! Assessing one unit: its criteria evaluated in order, the prerequisite, the gate and the
//! verdict, with or without its explained result; verdicts of one depth on every core.

#[cfg(feature = "compiled")]
use super::kernel::{Interpret, Subject};
#[cfg(feature = "compiled")]
use super::setup::KindPlan;
use super::{Brief, Decision, Kept, Part, Review, Scratch, Totals, Verdict, Visit};
#[cfg(feature = "parallel")]
use super::{MIN_PART, PART};
use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::eval::check::{ChildState, Eval, Mode, UnitView};
use crate::eval::result::{Check, CriterionResult, ItemScore, Missing, MissingKind, Outcome, Status, UnitResult};
use crate::model::points::Points;
use crate::model::text::Text;
use crate::model::unit::Kind;
use crate::rules::{Criterion, OutcomePolicy, RuleSet};
use chrono::NaiveDate;
use std::sync::Arc;

impl<'a> Review<'a> {
    /// The verdict of the unit `at`, its criteria statuses appended to `statuses`; `None`
    /// for a unit of a kind the rule set does not cover.
    pub(super) fn status_verdict(
        &self,
        at: Visit,
        scratch: &mut Scratch<'a>,
        statuses: &mut Vec<Status>,
    ) -> Result<Option<Verdict>> {
        let Some(kp) = self.plan.kind(at.kind.kind()) else {
            return Ok(None);
        };
        let i = at.unit as usize;
        #[cfg(feature = "compiled")]
        {
            let start = statuses.len();
            match self.assess_compiled(at, kp, &mut scratch.stack, statuses) {
                Ok(v) => return Ok(Some(v)),
                Err(Interpret) => statuses.truncate(start),
            }
        }
        let _ = kp;
        self.assess(i, Mode::Status, scratch, None, Some(statuses)).map(Some)
    }

    /// [`Review::assess`] in its status mode, by the criteria compiled for the review
    /// (`kernel`): the same verdict and statuses, with nothing gathered beforehand.
    #[cfg(feature = "compiled")]
    fn assess_compiled(
        &self,
        at: Visit,
        kp: &KindPlan,
        stack: &mut Vec<u32>,
        statuses: &mut Vec<Status>,
    ) -> Result<Verdict, Interpret> {
        let (i, unit_kind) = (at.unit as usize, at.kind);
        if self.rules.exclusion(unit_kind).is_some() {
            return Ok(Verdict { decision: Decision::OutOfScope, met: 0, of: 0 });
        }
        let evidence = self.prep.record(at.slot);
        let u = Subject { review: self, i, slot: at.slot, incidents: at.incidents, evidence, window: kp.window };
        let mut tally = Tally::new();
        for &ci in &kp.criteria {
            let mut score = None;
            let status = self.plan.kernels[ci].status(&u, &mut score, stack)?;
            tally.add(self.rules.criteria[ci].mandatory, status, score);
            statuses.push(status);
        }
        Ok(self.decide(i, unit_kind.kind(), &tally, None))
    }

    /// Keeps unit `i`'s verdict, its statuses starting at `start`, and its registration
    /// (from [`Review::registration_read`]).
    pub(super) fn keep(&mut self, i: usize, kind: Kind, v: Verdict, start: u32, registered: Status) {
        self.kept[i] = Kept { reviewed: Some((v, kind)), status_start: start };
        self.briefs[i] = Brief::new(kind, v, registered);
        self.evaluated += 1;
    }

    /// Keeps the verdicts of `parts` (computed in parallel), whose statuses start at
    /// `bases` in the review's statuses: on every core, each writing the units of its own
    /// range of indices (a write per unit, at random on shuffled data), all reading the
    /// parts. The same as keeping them one by one.
    #[cfg(feature = "parallel")]
    pub(super) fn keep_parts(&mut self, parts: &[Part], bases: &[u32]) {
        use rayon::prelude::*;
        let ranges = rayon::current_num_threads().max(1);
        let len = self.kept.len().div_ceil(ranges).max(1);
        let Review { kept, briefs, .. } = self;
        kept.par_chunks_mut(len).zip(briefs.par_chunks_mut(len)).enumerate().for_each(|(r, (kept, briefs))| {
            let from = r * len;
            for ((found, _), &base) in parts.iter().zip(bases) {
                for &(i, kind, v, start, registered) in found {
                    let Some(at) = (i as usize).checked_sub(from).filter(|&at| at < kept.len()) else { continue };
                    kept[at] = Kept { reviewed: Some((v, kind)), status_start: base + start };
                    briefs[at] = Brief::new(kind, v, registered);
                }
            }
        });
        self.evaluated += parts.iter().map(|(found, _)| found.len()).sum::<usize>();
    }

    /// Keeps the verdicts of `parts`, as the parallel version does (never called: without
    /// the `parallel` feature no review is computed in parts).
    #[cfg(not(feature = "parallel"))]
    pub(super) fn keep_parts(&mut self, parts: &[Part], bases: &[u32]) {
        for ((found, _), &base) in parts.iter().zip(bases) {
            for &(i, kind, v, start, registered) in found {
                self.keep(i as usize, kind, v, base + start, registered);
            }
        }
    }

    /// Whether the unit `at` registered, when a test of the rule set reads it (else
    /// unknown, unused): found right after the unit's verdict, while its evidence is in cache.
    pub(super) fn registration_read(&self, at: Visit) -> Status {
        if self.plan.reads_registration {
            self.registration(at.kind.kind(), self.prep.record(at.slot))
        } else {
            Status::Unknown
        }
    }

    /// The verdicts of `units` (of one depth) computed on every core, in parts: each
    /// part's units with their verdict and where their statuses start in the part's
    /// statuses. The parts come back in order, so the result (and the first error) is
    /// that of one thread. `None` when not parallel (the `parallel` feature is off, not
    /// asked for, or too few units).
    #[cfg_attr(not(feature = "parallel"), allow(clippy::unused_self))]
    pub(super) fn verdicts_in_parallel(&self, units: &[Visit], parallel: bool) -> Option<Vec<Result<Part>>> {
        #[cfg(feature = "parallel")]
        if parallel && units.len() >= 2 * MIN_PART {
            use rayon::prelude::*;
            let part = |units: &[Visit]| -> Result<Part> {
                let mut scratch = Scratch::default();
                let (mut found, mut statuses) = (Vec::with_capacity(units.len()), Vec::new());
                for &at in units {
                    let start = statuses.len() as u32;
                    if let Some(v) = self.status_verdict(at, &mut scratch, &mut statuses)? {
                        found.push((at.unit, at.kind.kind(), v, start, self.registration_read(at)));
                    }
                }
                Ok((found, statuses))
            };
            // At least eight parts: a depth of few units may still be much work (a commune
            // reads all its children).
            let len = (units.len() / 8).clamp(MIN_PART, PART);
            return Some(units.par_chunks(len).map(part).collect());
        }
        let _ = (units, parallel);
        None
    }

    /// Evaluates unit `i` (of a kind the rule set covers), writing its criteria statuses to
    /// `statuses` and, when `rec` is given, its explained result.
    pub(super) fn assess(
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
        let slot = self.prep.slot(i);
        let evidence = self.prep.record(slot);

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
        if kp.descendants {
            for &k in self.incidents_under_then(i) {
                let inc = &ds.incidents[k as usize];
                if window.contains(inc.date) {
                    descendants.push((inc.date, inc.category.as_str()));
                }
            }
        }
        children.clear();
        for &c in self.children_of(i) {
            let c = c as usize;
            let Some((v, kind)) = self.kept[c].reviewed else { continue };
            if v.decision == Decision::OutOfScope {
                continue;
            }
            children.push(ChildState {
                id: &ds.units[c].id,
                kind,
                registered: self.child_registered(c),
                recognised: v.decision.as_status(),
            });
        }
        let view = UnitView {
            year: self.prep.year,
            as_of: self.as_of,
            slot,
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
        let mut tally = Tally::new();
        for &ci in &kp.criteria {
            let c: &Criterion = &rules.criteria[ci];
            let (status, e) = Eval::run(c, &self.plan.columns[ci], &view, mode).map_err(|msg| {
                Error::InvalidDataset(vec![Problem::new(
                    ProblemCode::BadValue,
                    Location::default().with_unit(u.id.as_str()).with_criterion(&c.id),
                    msg,
                )])
            })?;
            tally.add(c.mandatory, status, e.score);
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
        Ok(self.decide(i, kind, &tally, rec))
    }

    /// The verdict of unit `i` from what its criteria add up to, under the rule set's
    /// outcome policy (the prerequisite, the gate, the level); with `rec`, what the
    /// explained result says of it.
    fn decide(&self, i: usize, kind: Kind, tally: &Tally, mut rec: Option<&mut UnitResult>) -> Verdict {
        let Tally { met, of, unknown, gate_failed, gate_unknown, ref totals } = *tally;
        let gate = if gate_failed {
            Status::NotMet
        } else if gate_unknown {
            Status::Unknown
        } else {
            Status::Met
        };
        let verdict = |decision| Verdict { decision, met, of };

        let decision = match &self.rules.outcome {
            OutcomePolicy::AllMandatory => match gate {
                Status::Met => Decision::Meets,
                Status::NotMet => Decision::DoesNotMeet,
                Status::Unknown => Decision::Undetermined,
            },
            OutcomePolicy::Points { .. } => self.level(kind, gate, totals, rec.as_deref_mut()),
            OutcomePolicy::Typical { prerequisite, prerequisite_illustrative, .. } => {
                let min_met = self.plan.min_met;
                if self.plan.min_met_illustrative
                    && let Some(out) = rec.as_deref_mut()
                {
                    out.illustrative.push(crate::rules::illustrative::parameter("min_met", min_met));
                }
                // A negative minimum is met by any count, as 0 is.
                let need = u64::try_from(min_met).unwrap_or(0);
                let mut s = Status::of_counts(u64::from(met), u64::from(unknown), need);
                if let Some(p) = prerequisite {
                    let before = self.prerequisite.as_ref().and_then(|r| r.kept[i].verdict());
                    let ps = match before.map(|v| v.decision) {
                        Some(Decision::OutOfScope) => return verdict(Decision::OutOfScope),
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
        verdict(decision)
    }

    /// The prerequisite's pseudo-criterion in an explained result.
    pub(super) fn record_prerequisite(&self, i: usize, p: &str, illustrative: bool, ps: Status, out: &mut UnitResult) {
        if illustrative {
            out.illustrative.push(crate::rules::illustrative::prerequisite(p));
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
            // As docs/DOMAIN.md marks it: an illustrative prerequisite is a sample value [S],
            // never shown as more certain; one a rule set states is its author's inference [I].
            certainty: if illustrative { crate::Certainty::Sample } else { crate::Certainty::Inferred },
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

    /// Whether the evaluated (in-scope) child at index `c` registered, as its brief kept it
    /// when it was reviewed (a deeper unit, so before its parent), else found now.
    pub(super) fn child_registered(&self, c: usize) -> Status {
        if self.plan.reads_registration { self.briefs[c].registered() } else { self.registered(c) }
    }

    /// Whether the unit at index `c` registered for the year, as a commune's roll-up (CW-4)
    /// counts it ([`crate::eval::registration_status`]).
    pub(super) fn registered(&self, c: usize) -> Status {
        self.registration(self.prep.kind(c).kind(), self.prep.evidence(c))
    }

    /// Whether a unit of `kind` whose evidence for the year is `record` registered
    /// ([`crate::eval::registration_status`], from the start of its kind's window).
    fn registration(&self, kind: Kind, record: Option<&crate::Evidence>) -> Status {
        let start = self.plan.kind(kind).map(|k| k.window.start);
        crate::eval::registration_status(record, start, self.plan.registration_until)
    }
}

/// What a unit's criteria add up to, before the outcome policy decides.
struct Tally {
    met: u32,
    of: u32,
    unknown: u32,
    /// A mandatory criterion (not a points item) is not met, or unknown.
    gate_failed: bool,
    gate_unknown: bool,
    totals: Totals,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            met: 0,
            of: 0,
            unknown: 0,
            gate_failed: false,
            gate_unknown: false,
            totals: Totals {
                items: 0,
                reviewed: Some(Points::ZERO),
                self_score: Some(Points::ZERO),
                known_max: Points::ZERO,
            },
        }
    }

    /// Adds a criterion's status and, for a points item, its score.
    fn add(&mut self, mandatory: bool, status: Status, score: Option<ItemScore>) {
        self.of += 1;
        match status {
            Status::Met => self.met += 1,
            Status::Unknown => self.unknown += 1,
            Status::NotMet => {}
        }
        match score {
            Some(sc) => {
                let t = &mut self.totals;
                t.items += 1;
                t.reviewed = t.reviewed.zip(sc.reviewed).map(|(a, b)| a + b);
                t.self_score = t.self_score.zip(sc.self_score).map(|(a, b)| a + b);
                if sc.reviewed.is_none_or(|r| r >= Points::ZERO) {
                    t.known_max = t.known_max + sc.max;
                }
            }
            None if mandatory => match status {
                Status::NotMet => self.gate_failed = true,
                Status::Unknown => self.gate_unknown = true,
                Status::Met => {}
            },
            None => {}
        }
    }
}
