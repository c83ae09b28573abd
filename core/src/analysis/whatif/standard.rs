//! Plans for the standard (`all_mandatory`): every mandatory pass/fail criterion that is not
//! met made met, down the tests and through the children a roll-up needs.

use super::planner::{Fix, Planner, finish, sets_registration_date};
use super::{Action, Change, ChangeKind, MAX_DEPTH, Plan, PlanStatus, Target};
use crate::eval::{Check, Outcome, Status, UnitResult};
use crate::model::evidence::{Attestation, Indicator, Value};
use crate::model::text::Text;
use crate::rules::{ChildMeasure, Test};
use chrono::NaiveDate;

impl<'a> Planner<'a> {
    pub(super) fn standard_plan(&self, u: &UnitResult) -> Plan {
        let mut plan = self.base_plan(u, Target::Standard);
        if let Outcome::OutOfScope { reason, .. } = &u.outcome {
            plan.status = PlanStatus::Unreachable;
            plan.notes.push(reason.clone());
            return plan;
        }
        if u.outcome == Outcome::Meets {
            return plan;
        }
        let fix = self.gate_fix(u, 0, &[]);
        finish(&mut plan, fix.changes);
        // A unit that does not meet the standard is never "already reached": when the
        // planner finds no change, it says so.
        if plan.status == PlanStatus::Reached {
            plan.status = PlanStatus::Unreachable;
            plan.notes.push(Text::new(
                "Không tìm được thay đổi hồ sơ nào để đạt chuẩn",
                "antq finds no change of evidence that makes the unit meet the standard",
            ));
        }
        if !fix.unreachable.is_empty() {
            plan.status = PlanStatus::Unreachable;
            for n in fix.unreachable {
                if !plan.notes.contains(&n) {
                    plan.notes.push(n);
                }
            }
        }
        plan
    }

    /// Every mandatory pass/fail criterion of `u` that is not met, made met. `planned`
    /// holds the changes already in the plan around this one (a parent's, when `u` is one
    /// of the children a roll-up needs); each criterion also sees the changes of those
    /// before it.
    pub(super) fn gate_fix(&self, u: &UnitResult, depth: usize, planned: &[Change]) -> Fix {
        let mut fix = Fix::default();
        for c in u.criteria.iter().filter(|c| c.mandatory && c.score.is_none() && c.status != Status::Met) {
            if let Some(def) = self.rules.criteria.iter().find(|d| d.id == c.id) {
                let so_far: Vec<Change> = planned.iter().chain(&fix.changes).cloned().collect();
                fix.extend(self.fix_test(u, &c.id, &def.test, &c.checks, depth, &so_far));
            }
        }
        fix
    }

    /// Changes that make a test (whose checks start at `checks[0]`) met, given the changes
    /// already `planned`.
    pub(super) fn fix_test(
        &self,
        u: &UnitResult,
        crit: &str,
        t: &Test,
        checks: &[Check],
        depth: usize,
        planned: &[Change],
    ) -> Fix {
        let status = checks.first().map_or(Status::Unknown, |c| c.status);
        if status == Status::Met {
            return Fix::default();
        }
        let ev = self.evidence.get(u.unit.as_str()).copied();
        let change = |kind: ChangeKind, action: Action, text: Text| Change {
            unit: u.unit.clone(),
            criterion: crit.to_owned(),
            via: None,
            kind,
            action,
            text,
        };
        let set = |indicator: Indicator, to: Value, witness: bool, what: Text| {
            let from = ev.and_then(|e| e.get(indicator));
            let kind = if from.is_some() { ChangeKind::Improve } else { ChangeKind::Supply };
            let l = indicator.label();
            let (verb_vi, verb_en) = if from.is_some() { ("Sửa", "Change") } else { ("Bổ sung", "Supply") };
            let was = from.map(|v| format!(" (recorded {v})")).unwrap_or_default();
            let was_vi = from.map(|v| format!(" (đang ghi {v})")).unwrap_or_default();
            change(
                kind,
                Action::SetIndicator { indicator, from, to, witness },
                Text::new(
                    format!("{verb_vi} {} (`{}`){was_vi}: {}", l.vi, indicator.as_str(), what.vi),
                    format!("{verb_en} {} (`{}`){was}: {}", l.en, indicator.as_str(), what.en),
                ),
            )
        };
        let mut fix = Fix::default();
        match t {
            Test::Deadline { indicator, by, not_before } => {
                let by_d = by.resolve(self.year);
                let what = match not_before {
                    Some(n) => {
                        let n = n.resolve(self.year);
                        Text::new(format!("từ {n} đến {by_d}"), format!("between {n} and {by_d}"))
                    }
                    None => Text::new(format!("không muộn hơn {by_d}"), format!("on or before {by_d}")),
                };
                fix.changes.push(set(*indicator, Value::Date(by_d), false, what));
            }
            Test::AtLeast { indicator, min } => {
                fix.changes.push(set(
                    *indicator,
                    Value::Count(*min),
                    false,
                    Text::new(format!("ít nhất {min}"), format!("at least {min}")),
                ));
            }
            Test::AtMost { indicator, max } => {
                fix.changes.push(set(
                    *indicator,
                    Value::Count(*max),
                    false,
                    Text::new(format!("nhiều nhất {max}"), format!("at most {max}")),
                ));
            }
            Test::Ratio { numerator, denominator, min_percent, rounding } => {
                let count = |i: Indicator| match ev.and_then(|e| e.get(i)) {
                    Some(Value::Count(c)) => Some(c),
                    _ => None,
                };
                let (n, d) = (count(*numerator), count(*denominator));
                let share = Text::new(
                    format!("đạt ít nhất {min_percent}% của `{}`", denominator.as_str()),
                    format!("at least {min_percent}% of `{}`", denominator.as_str()),
                );
                match (n, d) {
                    (_, Some(d)) => {
                        let need = rounding.required(d, *min_percent);
                        fix.changes.push(set(
                            *numerator,
                            Value::Count(need),
                            false,
                            Text::new(
                                format!("ít nhất {need} ({min_percent}% của {d})"),
                                format!("at least {need} ({min_percent}% of {d})"),
                            ),
                        ));
                    }
                    (Some(n), None) => {
                        fix.changes.push(set(
                            *denominator,
                            Value::Count(n),
                            true,
                            Text::new(
                                format!(
                                    "ghi số thực tế; đạt khi `{}` = {n} đạt {min_percent}% của số này",
                                    numerator.as_str()
                                ),
                                format!(
                                    "record the real figure; passes when `{}` = {n} is {min_percent}% of it",
                                    numerator.as_str()
                                ),
                            ),
                        ));
                    }
                    (None, None) => {
                        fix.changes.push(set(
                            *denominator,
                            Value::Count(1),
                            true,
                            Text::new("ghi số thực tế".to_owned(), "record the real figure".to_owned()),
                        ));
                        fix.changes.push(set(*numerator, Value::Count(1), true, share));
                    }
                }
            }
            Test::Flag { indicator, equals } => {
                let yn = if *equals { ("có", "yes") } else { ("không", "no") };
                fix.changes.push(set(*indicator, Value::Flag(*equals), false, Text::new(yn.0, yn.1)));
            }
            Test::Attested { key } => {
                let key = key.clone().unwrap_or_else(|| crit.to_owned());
                let from = ev.and_then(|e| e.attestation(&key)).filter(|a| *a != Attestation::Unknown);
                let kind = if from.is_some() { ChangeKind::Improve } else { ChangeKind::Supply };
                fix.changes.push(change(
                    kind,
                    Action::Attest { key: key.clone(), from },
                    Text::new(
                        format!("Hội nghị đánh giá xác nhận `{key}` đạt (có)"),
                        format!("The review attests `{key}` is met (yes)"),
                    ),
                ));
            }
            Test::NoEvents { categories, include_descendants } => {
                let mut units = vec![u.unit.as_str()];
                if *include_descendants {
                    let mut stack: Vec<&str> = self.children.get(u.unit.as_str()).cloned().unwrap_or_default();
                    while let Some(c) = stack.pop() {
                        units.push(c);
                        stack.extend(self.children.get(c).cloned().unwrap_or_default());
                    }
                }
                let mut seen: Vec<(&str, NaiveDate, &str)> = Vec::new();
                for inc in self.ds.incidents.iter().filter(|i| {
                    u.window.contains(i.date)
                        && categories.iter().any(|k| k == &i.category)
                        && (units.contains(&i.unit.as_str())
                            || *include_descendants && self.was_under(i.unit.as_str(), u.unit.as_str(), i.date))
                }) {
                    let key = (inc.unit.as_str(), inc.date, inc.category.as_str());
                    if seen.contains(&key) {
                        continue;
                    }
                    seen.push(key);
                    fix.changes.push(Change {
                        unit: inc.unit.clone(),
                        criterion: crit.to_owned(),
                        via: (inc.unit != u.unit).then(|| format!("{} {crit}", u.unit)),
                        kind: ChangeKind::Blocked,
                        action: Action::RemoveIncident { date: inc.date, category: inc.category.clone() },
                        text: Text::new(
                            format!(
                                "Vụ việc `{}` ngày {} tại `{}` đã xảy ra trong kỳ: không thể khắc phục bằng hồ sơ",
                                inc.category, inc.date, inc.unit
                            ),
                            format!(
                                "Incident `{}` on {} at `{}` happened in the window: no evidence can undo it",
                                inc.category, inc.date, inc.unit
                            ),
                        ),
                    });
                }
                fix.changes.sort_by_key(Change::field);
            }
            Test::Children { kinds, measure, min_percent, rounding } => {
                fix.extend(self.fix_children(u, crit, kinds, (*measure, *min_percent, *rounding), depth, planned));
            }
            Test::Points { .. } | Test::Deduction { .. } => {}
            Test::All { of } | Test::Any { of } | Test::KOfN { of, .. } => {
                let mut subs: Vec<(usize, Status, Fix)> = Vec::new();
                let mut off = 1usize;
                let mut met = 0usize;
                for (i, s) in of.iter().enumerate() {
                    let n = s.walk().len();
                    let sub_checks = checks.get(off..off + n).unwrap_or(&[]);
                    off += n;
                    let st = sub_checks.first().map_or(Status::Unknown, |c| c.status);
                    if st == Status::Met {
                        met += 1;
                        continue;
                    }
                    subs.push((i, st, self.fix_test(u, crit, s, sub_checks, depth, planned)));
                }
                let need = match t {
                    Test::All { .. } => of.len(),
                    Test::Any { .. } => 1,
                    Test::KOfN { k, .. } => *k as usize,
                    _ => 0,
                };
                let more = need.saturating_sub(met);
                // An exemption (`flag … equals false`, e.g. "no Party organisation") describes
                // what the unit is, not what it does: it is the last resort among equals.
                subs.sort_by_key(|(i, st, f)| {
                    let exemption = matches!(of.get(*i), Some(Test::Flag { equals: false, .. }));
                    (f.cost(), exemption, *st != Status::Unknown, *i)
                });
                for (_, _, f) in subs.into_iter().take(more) {
                    fix.extend(f);
                }
            }
        }
        fix
    }

    /// The children a roll-up criterion needs more of, the cheapest first: a child's cost
    /// leaves out the changes already `planned` (a child that meets once an incident the
    /// plan already removes is gone costs nothing more).
    pub(super) fn fix_children(
        &self,
        u: &UnitResult,
        crit: &str,
        kinds: &[crate::Kind],
        (measure, min_percent, rounding): (ChildMeasure, u8, crate::Rounding),
        depth: usize,
        planned: &[Change],
    ) -> Fix {
        let mut kids: Vec<&UnitResult> = self
            .children
            .get(u.unit.as_str())
            .into_iter()
            .flatten()
            .filter_map(|c| self.results.get(c).copied())
            .filter(|r| kinds.contains(&r.kind) && !matches!(r.outcome, Outcome::OutOfScope { .. }))
            .collect();
        kids.sort_by(|a, b| a.unit.cmp(&b.unit));
        if kids.is_empty() {
            // "x% of none" is unknown, and no evidence change adds units to the data.
            let mut fix = Fix::default();
            fix.unreachable.push(Text::new(
                format!("`{crit}`: dữ liệu không có đơn vị trực thuộc nào trong phạm vi của `{}`; cần bổ sung các đơn vị này vào dữ liệu", u.unit),
                format!("`{crit}`: the data records no in-scope unit under `{}`; the units must be added to the data", u.unit),
            ));
            return fix;
        }
        let need = rounding.required(kids.len() as u64, min_percent) as usize;
        let as_of = self.ev.decision.as_of;
        let registered = |r: &UnitResult| {
            let e = self.evidence.get(r.unit.as_str()).copied();
            crate::eval::registration_status(e, Some(r.window.start), crate::eval::registration_until(self.year, as_of))
        };
        let via = Some(format!("{} {crit}", u.unit));
        let mut fix = Fix::default();
        match measure {
            ChildMeasure::Registered => {
                let yes = kids.iter().filter(|k| registered(k) == Status::Met).count();
                for k in kids.iter().filter(|k| registered(k) != Status::Met).take(need.saturating_sub(yes)) {
                    let e = self.evidence.get(k.unit.as_str());
                    // A dated registration outside Q1 is moved into it (the date decides over
                    // the flag); otherwise the unit registers.
                    let late = e.and_then(|e| e.registration_date);
                    let q1_end = NaiveDate::from_ymd_opt(self.year, 3, 31).unwrap_or(as_of).min(as_of);
                    let (indicator, from, to) = match late {
                        Some(d) => (Indicator::RegistrationDate, Some(Value::Date(d)), Value::Date(q1_end)),
                        None => {
                            (Indicator::Registered, e.and_then(|e| e.registered).map(Value::Flag), Value::Flag(true))
                        }
                    };
                    fix.changes.push(Change {
                        unit: k.unit.clone(),
                        criterion: crit.to_owned(),
                        via: via.clone(),
                        kind: if from.is_some() { ChangeKind::Improve } else { ChangeKind::Supply },
                        action: Action::SetIndicator { indicator, from, to, witness: false },
                        text: Text::new(
                            format!("Đơn vị trực thuộc `{}` đăng ký phong trào", k.unit),
                            format!("Child unit `{}` registers for the movement", k.unit),
                        ),
                    });
                }
            }
            ChildMeasure::Recognised => {
                let yes = kids.iter().filter(|k| k.outcome == Outcome::Meets).count();
                let more = need.saturating_sub(yes);
                if more == 0 || depth >= MAX_DEPTH {
                    return fix;
                }
                // A child that must register anyway (100% registration) and whose own plan
                // sets its registration date saves that registration change.
                let mut options: Vec<((usize, usize), &str, Fix)> = kids
                    .iter()
                    .filter(|k| k.outcome != Outcome::Meets)
                    .map(|k| {
                        let mut f = self.gate_fix(k, depth + 1, planned);
                        for c in &mut f.changes {
                            if c.via.is_none() {
                                c.via = via.clone();
                            }
                        }
                        let (b, n) = f.cost_beyond(planned);
                        let saves = registered(k) != Status::Met && sets_registration_date(&f, &k.unit);
                        ((b, n.saturating_sub(usize::from(saves))), k.unit.as_str(), f)
                    })
                    .collect();
                options.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
                for (_, _, f) in options.into_iter().take(more) {
                    fix.extend(f);
                }
            }
        }
        fix
    }
}
