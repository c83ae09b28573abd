//! Levels and quotas: the level of a unit under a points policy, and the quota of typical
//! units per parent.

use super::{Decision, Review, Totals, Verdict};
use crate::eval::prepared::NONE;
use crate::eval::result::{Missing, MissingKind, ScoreSummary, Status, UnitResult};
use crate::model::points::Points;
use crate::model::text::{Certainty, Text};
use crate::model::unit::Kind;
use crate::rules::{OutcomePolicy, Test};

impl<'a> Review<'a> {
    /// The level of a unit under a points policy.
    pub(super) fn level(&self, kind: Kind, gate: Status, t: &Totals, mut rec: Option<&mut UnitResult>) -> Decision {
        let Some(sheet) = self.rules.sheet(kind) else {
            return Decision::Undetermined;
        };
        if let Some(out) = rec.as_deref_mut() {
            if sheet.levels_illustrative {
                out.illustrative.push(crate::rules::illustrative::level_cutoffs(kind));
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
            // A level not seen in published results, or a sample's, is named as such, never as a rule.
            if let Some(l) = sheet.levels.get(idx)
                && let Some(c @ (Certainty::Inferred | Certainty::Sample)) = l.certainty
            {
                out.illustrative.push(crate::rules::illustrative::level(&l.id, c));
            }
        }
        Decision::Level(u16::try_from(idx).unwrap_or(u16::MAX))
    }

    /// The unit a typical candidate's quota is counted in: the nearest enclosing unit of
    /// kind `quota_per`, or the parent ([`NONE`] when there is none: those candidates share
    /// one group).
    pub(super) fn quota_group(&self, i: usize) -> u32 {
        let mut p = self.parent[i];
        if let OutcomePolicy::Typical { quota_per: Some(k), .. } = &self.rules.outcome {
            while p != NONE && self.prep.kind(p as usize).kind() != *k {
                p = self.parent[p as usize];
            }
        }
        p
    }

    /// The unit the quota of the unit at index `i` is counted in ([`Review::quota_group`]),
    /// as a dataset index; `None` for candidates without one (who share one group).
    pub(crate) fn quota_unit_at(&self, i: usize) -> Option<usize> {
        let g = self.quota_group(i);
        (g != NONE).then_some(g as usize)
    }

    /// Ranks typical candidates within each group: most criteria met first, then unit id;
    /// the first `quota_per_parent` are typical, the rest not selected. A candidate with
    /// criteria unknown may end with more met, and an undetermined unit may pass: a
    /// candidate is typical only when, whatever they turn out to be, fewer than the quota
    /// could rank above it, not selected only when the quota is filled by units certainly
    /// above it, else undetermined. The order by unit id among equals is antq's [I]: a unit
    /// it put on one side of the quota's edge is kept in `quota_ties`.
    pub(super) fn apply_quota(&mut self) {
        let units = &self.prep.ds.units;
        // (group, most met, fewest met, id, index, passes).
        let mut all: Vec<Candidate<'_>> = self
            .kept
            .iter()
            .enumerate()
            .filter_map(|(i, k)| match k.verdict() {
                Some(Verdict { decision: d @ (Decision::Typical(_) | Decision::Undetermined), met, of }) => {
                    // At most `of` criteria: the sum cannot overflow.
                    let at = k.status_start as usize;
                    let statuses = self.statuses.get(at..at + of as usize).unwrap_or(&[]);
                    let unknown = statuses.iter().filter(|s| **s == Status::Unknown).count() as u32;
                    Some((
                        self.quota_group(i),
                        met + unknown,
                        met,
                        units[i].id.as_str(),
                        i,
                        d != Decision::Undetermined,
                    ))
                }
                _ => None,
            })
            .collect();
        crate::sort_by(&mut all, rank_order);
        use std::cmp::Reverse;
        let mut decided = Vec::new();
        for g in all.chunk_by(|a, b| a.0 == b.0) {
            // Rank keys (most met first, then id), counted by binary search so that a group
            // of any size takes O(n log n): the passing units by what they have met (already
            // in order), every unit by the most it could meet.
            let met: Vec<(Reverse<u32>, &str)> = g.iter().filter(|u| u.5).map(|u| (Reverse(u.2), u.3)).collect();
            let mut most: Vec<Candidate<'_>> = g.iter().map(|u| (u.0, u.1, u.1, u.3, u.4, u.5)).collect();
            crate::sort_by(&mut most, rank_order);
            let most: Vec<(Reverse<u32>, &str)> = most.iter().map(|u| (Reverse(u.2), u.3)).collect();
            for (rank, c) in (1..).zip(g.iter().filter(|c| c.5)) {
                // Units certainly above c even if it met all its unknowns…
                let sure = met.partition_point(|k| *k < (Reverse(c.1), c.3));
                // …and units that could rank above it (c itself counts when it could).
                let may = most.partition_point(|k| *k < (Reverse(c.2), c.3)) - usize::from(c.1 > c.2);
                let (d, tie) = match self.plan.quota.map(|q| q as usize) {
                    // Not selected, where without the id order fewer would be certainly above.
                    Some(q) if sure >= q => {
                        (Decision::NotSelected(rank), met.partition_point(|k| k.0 < Reverse(c.1)) < q)
                    }
                    Some(q) if may >= q => (Decision::Undetermined, false),
                    // Typical, where units after c by id could otherwise rank above it too
                    // (c itself is among those counted).
                    Some(q) => (Decision::Typical(rank), most.partition_point(|k| k.0 <= Reverse(c.2)) > q),
                    None => (Decision::Typical(rank), false),
                };
                if tie {
                    self.quota_ties.push(c.4 as u32);
                }
                decided.push((c.4, d));
            }
        }
        crate::sort(&mut self.quota_ties);
        for (i, d) in decided {
            if let Some((v, _)) = self.kept[i].reviewed.as_mut() {
                v.decision = d;
            }
        }
    }
}

/// A typical candidate in [`Review::apply_quota`]: (group, most met, met, id, index, passes).
type Candidate<'a> = (u32, u32, u32, &'a str, usize, bool);

/// The quota's order: by group, then most criteria met (field 2) first, then id. One
/// comparator for both of `apply_quota`'s sorts, so that WebAssembly carries one sort.
fn rank_order(a: &Candidate<'_>, b: &Candidate<'_>) -> std::cmp::Ordering {
    (a.0, std::cmp::Reverse(a.2), a.3).cmp(&(b.0, std::cmp::Reverse(b.2), b.3))
}
