//! Plans for a points policy (`points`): the points to gain to the next (or the asked)
//! level, allocated to items without a reviewed score first, then by headroom.

use super::planner::{Planner, finish};
use super::{Action, Change, ChangeKind, Goal, Plan, PlanStatus, Target};
use crate::eval::{Outcome, Status, UnitResult};
use crate::model::points::Points;
use crate::model::text::Text;
use crate::rules::Test;

impl<'a> Planner<'a> {
    pub(super) fn points_plan(&self, u: &UnitResult, goal: &Goal) -> Plan {
        // `None` until a level of the unit's sheet is the target.
        let mut plan = self.base_plan(u, Target::None);
        if let Outcome::OutOfScope { reason, .. } = &u.outcome {
            plan.status = PlanStatus::Unreachable;
            plan.notes.push(reason.clone());
            return plan;
        }
        let Some(sheet) = self.rules.sheet(u.kind) else {
            plan.status = PlanStatus::Unreachable;
            plan.notes
                .push(Text::new("Không có bảng điểm cho loại đơn vị này", "No points sheet for this kind of unit"));
            return plan;
        };
        // Items and their reviewed scores; deductions are fixed by incidents.
        struct Item<'r> {
            id: &'r str,
            reviewed: Option<Points>,
            max: Points,
            order: usize,
        }
        let mut items: Vec<Item<'_>> = Vec::new();
        let mut fixed = Points::ZERO;
        for (order, c) in u.criteria.iter().enumerate() {
            let Some(sc) = &c.score else { continue };
            let is_deduction = self
                .rules
                .criteria
                .iter()
                .find(|d| d.id == c.id)
                .is_some_and(|d| matches!(d.test, Test::Deduction { .. }));
            // Deductions, and items the evidence decides by the rule's condition, are not
            // changed by a score.
            if is_deduction || sc.computed.is_some() {
                fixed = fixed + sc.reviewed.unwrap_or(Points::ZERO);
            } else {
                items.push(Item { id: &c.id, reviewed: sc.reviewed, max: sc.max, order });
            }
        }
        let raw: Points = fixed + items.iter().map(|i| i.reviewed.unwrap_or(Points::ZERO)).sum::<Points>();
        let floor_idx = sheet.levels.iter().position(|l| l.min <= raw.max(Points::ZERO)).unwrap_or(sheet.levels.len());
        let current_idx = match &u.outcome {
            Outcome::Level { level, .. } => sheet.levels.iter().position(|l| &l.id == level),
            _ => None,
        };
        let target_idx = match goal {
            Goal::Level(id) => match sheet.levels.iter().position(|l| &l.id == id) {
                Some(i) => Some(i),
                None => {
                    plan.status = PlanStatus::Unreachable;
                    plan.notes.push(Text::new(
                        format!("Không có mức `{id}` trong bảng điểm"),
                        format!("The sheet has no level `{id}`"),
                    ));
                    return plan;
                }
            },
            Goal::Auto => current_idx.unwrap_or(floor_idx).checked_sub(1),
        };
        let Some(target_idx) = target_idx else {
            // Already at the top level.
            if let Some(l) = sheet.levels.first() {
                plan.target = Target::Level { level: l.id.clone(), min: l.min };
            }
            return plan;
        };
        let Some(level) = sheet.levels.get(target_idx) else {
            plan.status = PlanStatus::Unreachable;
            return plan;
        };
        plan.target = Target::Level { level: level.id.clone(), min: level.min };
        if !sheet.complete {
            plan.status = PlanStatus::Unreachable;
            plan.notes.push(Text::new(
                "Bảng điểm chưa đủ mục: cần văn bản bổ sung của tỉnh trước khi có thể xếp loại",
                "The sheet is incomplete: a supplement must add the missing items before any level is given",
            ));
            return plan;
        }
        if current_idx.is_some_and(|c| c <= target_idx) {
            return plan;
        }
        let gap = level.min - raw;
        // Allocation: unscored items first (they must be scored anyway), then by headroom.
        let mut order: Vec<&Item<'_>> = items.iter().collect();
        order.sort_by_key(|i| {
            let head = i.max - i.reviewed.unwrap_or(Points::ZERO);
            (i.reviewed.is_some(), std::cmp::Reverse(head), i.order)
        });
        let mut remaining = gap.max(Points::ZERO);
        let mut changes = Vec::new();
        for it in order {
            let base = it.reviewed.unwrap_or(Points::ZERO);
            let head = it.max - base;
            if it.reviewed.is_some() && remaining <= Points::ZERO {
                break;
            }
            let take = head.min(remaining).max(Points::ZERO);
            if it.reviewed.is_some() && take == Points::ZERO {
                continue;
            }
            remaining = remaining - take;
            let to = base + take;
            changes.push(Change {
                unit: u.unit.clone(),
                criterion: it.id.to_owned(),
                via: None,
                kind: if it.reviewed.is_some() { ChangeKind::Improve } else { ChangeKind::Supply },
                action: Action::Score { item: it.id.to_owned(), from: it.reviewed, to, max: it.max },
                text: match it.reviewed {
                    Some(r) => Text::new(
                        format!("Mục `{}`: tăng điểm thẩm định từ {r} lên {to} (tối đa {}), +{take}", it.id, it.max),
                        format!(
                            "Item `{}`: raise the reviewed score from {r} to {to} (max {}), +{take}",
                            it.id, it.max
                        ),
                    ),
                    None => Text::new(
                        format!("Mục `{}`: chấm điểm thẩm định, cần {to} (tối đa {})", it.id, it.max),
                        format!("Item `{}`: give the reviewed score, {to} needed (max {})", it.id, it.max),
                    ),
                },
            });
        }
        if remaining > Points::ZERO {
            plan.status = PlanStatus::Unreachable;
            plan.notes.push(Text::new(
                format!("Kể cả đạt điểm tối đa mọi mục, tổng vẫn thiếu {remaining} điểm so với mức {}", level.min),
                format!("Even with every item at its maximum the total stays {remaining} short of {}", level.min),
            ));
            return plan;
        }
        plan.points_to_gain = Some(changes.iter().map(Change::points_gained).sum());
        plan.notes.push(Text::new(
            "Phân bổ: mục chưa có điểm thẩm định trước, sau đó mục còn nhiều điểm trống nhất (tối đa trừ điểm hiện có), mỗi mục đến mức tối đa, đến khi đủ điểm",
            "Allocation: items without a reviewed score first, then the item with the most remaining headroom (max minus score), each up to its maximum, until the cut-off is reached",
        ));
        // The cap for a failing mandatory criterion.
        if let Some(cap) = &sheet.cap_on_mandatory_failure {
            let cap_idx = sheet.levels.iter().position(|l| &l.id == cap).unwrap_or(0);
            let gate = Status::all(u.criteria.iter().filter(|c| c.mandatory && c.score.is_none()).map(|c| c.status));
            if target_idx < cap_idx && gate != Status::Met {
                let mut g = self.gate_fix(u, 0, &[]).changes;
                g.extend(changes);
                changes = g;
                plan.notes.push(Text::new(
                    format!("Trên mức `{cap}` cần đạt mọi tiêu chí bắt buộc"),
                    format!("Above level `{cap}` every mandatory criterion must be met"),
                ));
            }
        }
        finish(&mut plan, changes);
        plan
    }
}
