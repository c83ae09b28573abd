//! A review: every unit's verdict computed in one pass over a [`Prepared`] dataset, with
//! no allocation per unit; explained results are materialised on request, by the same
//! code in its recording mode.
//!
//! This file holds the verdict types, [`Review`] and its accessors; the work is in
//! `setup` (the rule set compiled for the year, the checks, the hierarchy, the verdicts depth
//! by depth), `assess` (one unit's criteria, prerequisite and verdict), `levels` (levels
//! under a points policy, quotas of typical units) and `materialise` (explained results on
//! request).

mod assess;
#[cfg(feature = "compiled")]
mod kernel;
mod levels;
mod materialise;
mod setup;

use super::Options;
use super::check::{ChildState, Mode};
use super::prepared::{NONE, Prepared};
use super::result::{DecisionRecord, Outcome, Status};
use crate::error::{Problem, Result};
use crate::model::points::Points;
use crate::model::unit::Unit;
use crate::rules::{Criterion, RuleSet};
use chrono::NaiveDate;
use setup::Plan;
use std::borrow::Cow;

/// What a review decided for a unit, in a few bytes (see [`Review::outcome`] for the
/// full [`Outcome`] with its texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
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

/// Units per part of a parallel review, at most.
#[cfg(feature = "parallel")]
const PART: usize = 4096;

/// Units per part of a parallel review, at least.
#[cfg(feature = "parallel")]
const MIN_PART: usize = 256;

/// A unit as the review visits it, gathered with the layout so that assessing it reads
/// neither the unit-indexed kinds nor the record slots: within a depth the units come in
/// the order of their evidence records, and these in memory order.
#[derive(Debug, Clone, Copy)]
struct Visit {
    /// The unit's index.
    unit: u32,
    /// Its evidence record's slot in the prepared dataset ([`NONE`]: none).
    slot: u32,
    kind: crate::model::unit::UnitKind,
    /// Whether the dataset records an incident of the unit (read by the compiled criteria).
    #[cfg_attr(not(feature = "compiled"), allow(dead_code))]
    incidents: bool,
}

/// What a review keeps of a unit (what its parent's roll-ups read is in its [`Brief`]).
#[derive(Debug, Clone, Copy)]
struct Kept {
    /// The verdict and kind of a reviewed unit (none: not reviewed).
    reviewed: Option<(Verdict, crate::Kind)>,
    /// Where its criterion statuses start: `statuses[status_start..][..of]`.
    status_start: u32,
}

impl Kept {
    const NOT_REVIEWED: Kept = Kept { reviewed: None, status_start: 0 };

    /// The verdict of a reviewed unit.
    fn verdict(&self) -> Option<Verdict> {
        self.reviewed.map(|(v, _)| v)
    }
}

/// What a parent's `children` tests read of a unit, in one byte: a roll-up reads one per
/// child, from an array small enough to stay in cache (1.7 MB for 1.7 million units), not
/// from the units' [`Kept`] records. Bits 0–2: the kind (its position in [`Kind::ALL`]);
/// bit 3: reviewed and in scope (else the child is not counted); bits 4–5: recognised,
/// bits 6–7: registered (found while the unit's own evidence is read; unknown when no test
/// of the rule set reads it), as [`Brief::status`] codes them.
///
/// [`Kind::ALL`]: crate::Kind::ALL
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Brief(u8);

impl Brief {
    /// A unit not reviewed, or out of scope: no `children` test counts it.
    const UNCOUNTED: Brief = Brief(0);

    /// The brief of a unit reviewed as `kind` with `verdict`, registered as `registered`.
    fn new(kind: crate::Kind, verdict: Verdict, registered: Status) -> Brief {
        if verdict.decision == Decision::OutOfScope {
            return Brief::UNCOUNTED;
        }
        let code = |s: Status| match s {
            Status::Met => 0u8,
            Status::NotMet => 1,
            Status::Unknown => 2,
        };
        Brief(kind as u8 | 1 << 3 | code(verdict.decision.as_status()) << 4 | code(registered) << 6)
    }

    /// The status coded in the two lowest bits of `bits`.
    fn status(bits: u8) -> Status {
        match bits & 3 {
            0 => Status::Met,
            1 => Status::NotMet,
            _ => Status::Unknown,
        }
    }

    /// Whether the unit registered (unknown when no test of the rule set reads it).
    fn registered(self) -> Status {
        Brief::status(self.0 >> 6)
    }
}

/// What only the compiled criteria's `children` tests read of a brief.
#[cfg_attr(not(feature = "compiled"), allow(dead_code))]
impl Brief {
    /// The kind of a unit a `children` test counts (none: not reviewed, or out of scope).
    fn counted(self) -> Option<crate::Kind> {
        (self.0 & 1 << 3 != 0).then(|| crate::Kind::ALL[usize::from(self.0 & 7)])
    }

    /// Whether the unit is recognised: its decision as a status.
    fn recognised(self) -> Status {
        Brief::status(self.0 >> 4)
    }
}

/// A part of a review: units with their kind, verdict, where their statuses start and
/// their registration (when the rule set reads it), and the statuses.
type Part = (Vec<(u32, crate::Kind, Verdict, u32, Status)>, Vec<Status>);

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
/// [`UnitResult`](crate::UnitResult) when asked, identical to what [`crate::evaluate`] returns for it.
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
    /// Incidents that happened under a unit that is not above the incident's unit on the
    /// reference date (moved or ended since): those under unit `i` are
    /// `incidents_then.1[incidents_then.0[i]..incidents_then.0[i + 1]]` (none when empty).
    incidents_then: (Vec<u32>, Vec<u32>),
    /// What the review keeps of each unit, by index.
    kept: Vec<Kept>,
    /// What a parent's `children` tests read of each unit, by index.
    briefs: Vec<Brief>,
    statuses: Vec<Status>,
    prerequisite: Option<Box<Review<'a>>>,
    record: DecisionRecord,
    /// The rule set as the results name it (`decided_by`), written once for every row.
    decided_by: String,
    evaluated: usize,
    /// The evaluated units in dataset order: row `r` of the verdict tables is unit
    /// `rows[r]`, found without counting the rows before it.
    rows: Vec<u32>,
    /// What the evidence gives that the rule set does not read (see `vocabulary`).
    lints: Vec<Problem>,
    /// Told how far [`Review::to_evaluation`] has come ([`crate::Options::progress`]).
    progress: Option<crate::Progress>,
    /// The typical or not selected units whose side of the quota's edge the unit-id order
    /// decided (a tie in criteria met across the edge), as sorted dataset indices.
    quota_ties: Vec<u32>,
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
    fn children_of(&self, i: usize) -> &[u32] {
        &self.children[self.child_start[i] as usize..self.child_start[i + 1] as usize]
    }

    /// The incidents that happened under unit `i` in units no longer under it on the
    /// reference date (moved or ended since), as indices into the dataset's incidents.
    fn incidents_under_then(&self, i: usize) -> &[u32] {
        let (start, then) = &self.incidents_then;
        match start.get(i..i + 2) {
            Some(&[a, b]) => &then[a as usize..b as usize],
            _ => &[],
        }
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

    /// The rule set as the result tables' `rule_set` column names it: id, version and
    /// content hash.
    pub(crate) fn decided_by(&self) -> &str {
        &self.decided_by
    }

    /// What the evidence gives that the rule set does not read: attested keys and points
    /// items read by another rule set (`unused_key`), indicators no criterion reads
    /// (`unused_indicator`), former spellings of keys (`former_key`), records the review
    /// does not read (`unreviewed_evidence`: units not on the reference date, kinds the rule
    /// set does not evaluate), and — with [`Options::lenient_vocabulary`] — keys no rule set
    /// reads (`unknown_key`). Each counted once per key or cause.
    pub fn lints(&self) -> &[Problem] {
        &self.lints
    }

    /// Why unit `id` has no result in this review ([`crate::eval::not_evaluated`]): not in
    /// the dataset, not existing on the reference date, or of a kind the rule set does not
    /// evaluate.
    pub fn not_evaluated(&self, id: &str) -> crate::Error {
        crate::eval::not_evaluated(Some(self.prep.dataset()), &self.rules.kinds(), &self.record, id)
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
        self.kept.iter().enumerate().filter_map(move |(i, k)| k.verdict().map(|v| (&units[i], v)))
    }

    /// The parent of the unit at index `i` on the reference date, as an index.
    pub fn parent_at(&self, i: usize) -> Option<usize> {
        self.parent.get(i).filter(|&&p| p != NONE).map(|&p| p as usize)
    }

    /// The commune, district and province of the unit at index `i` on the reference date
    /// (see [`crate::Ancestry`]).
    pub fn ancestry_at(&self, i: usize) -> crate::Ancestry {
        crate::Ancestry::walk(i, |j| self.prep.kind(j).kind(), |j| self.parent_at(j))
    }

    /// Each evaluated unit with its index in the dataset and its verdict, in dataset order.
    pub fn indexed_verdicts(&self) -> impl Iterator<Item = (usize, &'a Unit, Verdict)> + '_ {
        let units = &self.prep.ds.units;
        self.kept.iter().enumerate().filter_map(move |(i, k)| k.verdict().map(|v| (i, &units[i], v)))
    }

    /// [`Review::indexed_verdicts`] from row `range.start` to `range.end` (a part of a
    /// table written part by part), found at once.
    pub(crate) fn verdict_rows(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, &'a Unit, Verdict)> + '_ {
        let units = &self.prep.ds.units;
        let end = range.end.min(self.rows.len());
        self.rows[range.start.min(end)..end]
            .iter()
            .filter_map(move |&i| self.kept[i as usize].verdict().map(|v| (i as usize, &units[i as usize], v)))
    }

    /// The verdict of the unit at index `i` of the dataset, if it was evaluated.
    pub fn verdict_at(&self, i: usize) -> Option<Verdict> {
        self.kept.get(i).and_then(Kept::verdict)
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
        let (criteria, statuses) = self.status_slices(i);
        criteria.iter().copied().zip(statuses.iter().copied())
    }

    /// The positions in the rule set of the criteria applied to the unit at index `i`, and
    /// their statuses, side by side (both empty when it was not evaluated or is out of
    /// scope). The statuses are kept in the order the units were reviewed: a reader going
    /// through the units in dataset order finds them far apart, and may copy several units'
    /// at once so that the waits overlap.
    pub(crate) fn status_slices(&self, i: usize) -> (&[usize], &[Status]) {
        let (criteria, start, len): (&[usize], usize, usize) = match (self.verdict_at(i), self.prep.ds.units.get(i)) {
            (Some(v), Some(u)) => {
                let kp = self.plan.kind(u.kind.kind());
                (kp.map_or(&[], |k| k.criteria.as_slice()), self.kept[i].status_start as usize, v.of as usize)
            }
            _ => (&[], 0, 0),
        };
        (criteria, self.statuses.get(start..start + len).unwrap_or(&[]))
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
}

#[cfg(test)]
mod tests {
    use super::{Brief, Decision, Status, Verdict};
    use crate::Kind;

    /// A brief gives back the kind, recognition and registration it was made of, and an
    /// out-of-scope unit is never counted.
    #[test]
    fn a_brief_keeps_what_a_children_test_reads() {
        let statuses = [Status::Met, Status::NotMet, Status::Unknown];
        let decisions = [Decision::Meets, Decision::DoesNotMeet, Decision::Undetermined, Decision::Typical(3)];
        for kind in Kind::ALL {
            for decision in decisions {
                for registered in statuses {
                    let brief = Brief::new(kind, Verdict { decision, met: 1, of: 2 }, registered);
                    assert_eq!(brief.counted(), Some(kind));
                    assert_eq!(brief.recognised(), decision.as_status());
                    assert_eq!(brief.registered(), registered);
                }
            }
            let out = Verdict { decision: Decision::OutOfScope, met: 0, of: 0 };
            assert_eq!(Brief::new(kind, out, Status::Met).counted(), None);
        }
        assert_eq!(Brief::UNCOUNTED.counted(), None);
    }
}
