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
    pub(super) fn apply_quota(&mut self) {
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
            .kept
            .iter()
            .enumerate()
            .filter_map(|(i, k)| match k.verdict() {
                Some(Verdict { decision: Decision::Typical(_), met, .. }) => {
                    Some((group_of(i), met, units[i].id.as_str(), i))
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
            if let Some((v, _)) = self.kept[i].reviewed.as_mut() {
                v.decision = match self.plan.quota {
                    Some(q) if rank > q => Decision::NotSelected(rank),
                    _ => Decision::Typical(rank),
                };
            }
        }
    }
}
