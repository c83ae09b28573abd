//! Plans for typical units (`typical`): the prerequisite, then the fewest more criteria to
//! reach `min_met` or rank inside the quota.

use super::planner::{Fix, Planner, finish};
use super::{Change, Plan, PlanStatus, Target, apply_changes};
use crate::Result;
use crate::eval::{Evaluation, Options, Outcome, Status, UnitResult};
use crate::model::text::Text;
use crate::rules::RuleSet;

/// The plan of `u` under the typical rule set of `review` (on its dataset).
pub(super) fn typical_plan(
    year: i32,
    opts: &Options,
    planner: &Planner<'_>,
    prereq: Option<&(RuleSet, Evaluation)>,
    review: &crate::Review<'_>,
    u: &UnitResult,
) -> Result<Plan> {
    let (ds, rules) = (review.prepared().dataset(), review.rules());
    let min_met = rules.parameter("min_met").unwrap_or(i64::MAX).max(0) as u32;
    let mut plan = planner.base_plan(u, Target::Typical { criteria_needed: min_met });
    if let Outcome::OutOfScope { reason, .. } = &u.outcome {
        plan.status = PlanStatus::Unreachable;
        plan.notes.push(reason.clone());
        return Ok(plan);
    }
    if matches!(u.outcome, Outcome::Typical { .. }) {
        return Ok(plan);
    }
    // 1. The prerequisite.
    let mut changes: Vec<Change> = Vec::new();
    if let Some((prs, pev)) = prereq {
        let pp = Planner::new(ds, prs, pev);
        match pev.unit(u.unit.as_str()) {
            Some(pu) if pu.outcome != Outcome::Meets => {
                let sub = pp.standard_plan(pu);
                if sub.status == PlanStatus::Unreachable {
                    plan.status = PlanStatus::Unreachable;
                    plan.notes.extend(sub.notes);
                    return Ok(plan);
                }
                for mut c in sub.changes {
                    c.via.get_or_insert_with(|| format!("prerequisite:{}", prs.id));
                    changes.push(c);
                }
            }
            Some(_) => {}
            None => {
                plan.status = PlanStatus::Unreachable;
                plan.notes.push(Text::new(
                    format!("`{}` không đánh giá đơn vị này", prs.id),
                    format!("`{}` does not evaluate this unit", prs.id),
                ));
                return Ok(plan);
            }
        }
    }
    // 2. With the prerequisite's changes in place, the fewest more criteria.
    let owned;
    let (ev, ds2) = if changes.is_empty() {
        (planner.ev, None)
    } else {
        let mut d = ds.clone();
        apply_changes(&mut d, year, &changes)?;
        owned = super::planning_evaluation(&crate::Prepared::new(&d, year)?.review(rules, opts)?, &[u.unit.as_str()])?;
        (&owned, Some(d))
    };
    let ds_ref = ds2.as_ref().unwrap_or(ds);
    let p2 = Planner::new(ds_ref, rules, ev);
    let Some(u2) = ev.unit(u.unit.as_str()) else { return Ok(plan) };
    let real: Vec<&crate::eval::CriterionResult> =
        u2.criteria.iter().filter(|c| !c.id.starts_with("prerequisite:")).collect();
    let met = real.iter().filter(|c| c.status == Status::Met).count() as u32;
    // Ranking inside the quota: beat the candidate at the quota's edge among the others
    // counted in the same quota unit as the review counts them (the parent, or the district
    // or province the quota is per). As the review decides, a candidate whose criteria are
    // unknown, or which is undetermined itself, counts at the most it could meet: the unit is
    // typical only when fewer than the quota could rank above it.
    let mut needed = min_met;
    if let Some(q) = rules.parameter("quota_per_parent").map(|q| q.max(0) as usize) {
        if q == 0 {
            plan.status = PlanStatus::Unreachable;
            plan.notes.push(Text::new("Chỉ tiêu bằng 0", "The quota is 0"));
            return Ok(plan);
        }
        let quota_unit = |id: &str| review.prepared().position(id).map(|i| review.quota_unit_at(i));
        let own_quota = quota_unit(u2.unit.as_str());
        let most = |o: &UnitResult| {
            let unknown =
                o.criteria.iter().filter(|c| c.status == Status::Unknown && !c.id.starts_with("prerequisite:")).count();
            o.met + unknown as u32
        };
        // (most it could meet, id, undetermined).
        let mut others: Vec<(u32, &str, bool)> = ev
            .units
            .iter()
            .filter(|o| o.unit != u2.unit && quota_unit(o.unit.as_str()) == own_quota)
            .filter(|o| match o.outcome {
                Outcome::Typical { .. } | Outcome::NotSelected { .. } => true,
                Outcome::Undetermined => most(o) >= min_met,
                _ => false,
            })
            .map(|o| (most(o), o.unit.as_str(), o.outcome == Outcome::Undetermined))
            .collect();
        others.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        if let Some((m, id, _)) = others.get(q - 1) {
            let beat = if u2.unit.as_str() < *id { *m } else { m + 1 };
            if beat > needed {
                needed = beat;
                plan.notes.push(Text::new(
                    format!("Để vào chỉ tiêu {q} đơn vị, cần hơn `{id}` ({m} tiêu chí; cùng số thì xếp theo mã)"),
                    format!("To rank within the quota of {q}, it must beat `{id}` ({m} criteria; ties go by id)"),
                ));
            }
        }
        let undetermined = others.iter().filter(|o| o.2).count();
        if undetermined > 0 {
            let at = own_quota.flatten().map_or("", |i| review.prepared().dataset().units[i].id.as_str());
            plan.notes.push(Text::new(
                format!("Ứng viên khác trong `{at}` chưa xác định, được tính với số tiêu chí tối đa có thể đạt: {undetermined}"),
                format!("Other candidates in `{at}` still undetermined, counted at the most criteria they could meet: {undetermined}"),
            ));
        }
    }
    plan.target = Target::Typical { criteria_needed: needed };
    if needed as usize > real.len() {
        plan.status = PlanStatus::Unreachable;
        plan.notes.push(Text::new(
            format!("Cần {needed} tiêu chí nhưng chỉ có {}", real.len()),
            format!("{needed} criteria are needed but there are only {}", real.len()),
        ));
        return Ok(plan);
    }
    let more = needed.saturating_sub(met) as usize;
    let mut options: Vec<((usize, usize), usize, Fix)> = real
        .iter()
        .enumerate()
        .filter(|(_, c)| c.status != Status::Met)
        .filter_map(|(i, c)| {
            let def = rules.criteria.iter().find(|d| d.id == c.id)?;
            let f = p2.fix_test(u2, &c.id, &def.test, &c.checks, 0, &changes);
            Some((f.cost(), i, f))
        })
        .collect();
    options.sort_by_key(|o| (o.0, o.1));
    for (_, _, f) in options.into_iter().take(more) {
        changes.extend(f.changes);
    }
    plan.notes.push(Text::new(
        format!("Hiện đạt {} tiêu chí; cần {needed}", u.met),
        format!("{} criteria met now; {needed} needed", u.met),
    ));
    finish(&mut plan, changes);
    Ok(plan)
}
