//! The assessment: the instrument to apply on a date, the checks of the input, and each
//! candidate's conditions and outcome.

use super::input::{Candidate, Group, MedalInput, MedalParams, PriorAward, Sex};
use super::result::{Condition, ConditionCode, MedalAssessment, MedalOutcome};
use super::rules::{CommendationTest, ConditionTest, Fact, IssuerLevel, MedalRules};
use super::service::count_service;
use super::{FAMILY, FORMAT_VERSION, MAX_SERVICE_PERIODS, rules};
use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::law::InstrumentRef;
use crate::model::text::Text;
use chrono::NaiveDate;
use std::collections::HashSet;

/// The medal's instruments antq encodes, with their periods (family `vn.medal`; see
/// [`crate::law`]).
pub fn instruments() -> Vec<crate::law::Instrument> {
    // From the files' headers: the registry does not parse every rule (a smaller WebAssembly
    // build when the medal is not exported).
    crate::law::of_index("medal/index.toml", rules::INDEX, crate::law::Encoding::Medal)
}

/// The rules to apply on `date`: `instrument` when given (an error outside its period),
/// otherwise the instrument of `vn.medal` in force.
///
/// ```
/// let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(antq::medal::resolve(None, d(2025, 4, 27)).unwrap().id, "vn.medal-2021");
/// assert_eq!(antq::medal::resolve(None, d(2025, 4, 28)).unwrap().id, "vn.medal-2025");
/// let e = antq::medal::resolve(Some("vn.medal-2021"), d(2025, 4, 28)).unwrap_err();
/// assert_eq!(e.code(), "not_in_force");
/// ```
///
/// # Errors
///
/// [`Error::NotInForce`] when no medal instrument applies on `date` or the one named does
/// not; [`Error::InvalidMedalInput`] (`unknown_reference` at `instrument`) for an id that
/// is not a medal instrument.
pub fn resolve(instrument: Option<&str>, date: NaiveDate) -> Result<&'static MedalRules> {
    let id = match instrument {
        Some(id) => id.to_owned(),
        None => crate::law::in_force(FAMILY, date)?.id.clone(),
    };
    let Some(rules) = MedalRules::get(&id) else {
        let known: Vec<&str> = MedalRules::all().iter().map(|r| r.id.as_str()).collect();
        return Err(Error::InvalidMedalInput(vec![
            Problem::new(
                ProblemCode::UnknownReference,
                Location::path("instrument"),
                format!("`{id}` is not a medal instrument antq encodes (known: {})", known.join(", ")),
            )
            .with_vi(format!("`{id}` không phải văn bản về huy chương antq mã hóa (đã biết: {})", known.join(", "))),
        ]));
    };
    crate::law::ensure_in_force(&rules.id, Some(&rules.family), &rules.effective, date)?;
    Ok(rules)
}

fn problems(c: &Candidate, version: u32, on: NaiveDate, at: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let id = &c.id;
    let mut bad = |code: ProblemCode, path: String, [en, vi]: [String; 2]| {
        out.push(Problem::new(code, Location::path(path), en).with_vi(vi));
    };
    if id.is_empty() {
        bad(ProblemCode::BadValue, format!("{at}.id"), ["candidate id is empty".into(), "mã ứng viên để trống".into()]);
    }
    match (c.in_post_from, c.service.is_empty()) {
        (Some(_), false) => bad(
            ProblemCode::BadValue,
            format!("{at}.service"),
            [
                format!("candidate `{id}`: give either in_post_from (format 1) or service (format 2), not both"),
                format!(
                    "ứng viên `{id}`: chỉ ghi in_post_from (định dạng 1) hoặc service (định dạng 2), không ghi cả hai"
                ),
            ],
        ),
        (None, true) => bad(
            ProblemCode::BadValue,
            format!("{at}.service"),
            [
                format!("candidate `{id}`: no service period (give service, or in_post_from in format 1)"),
                format!(
                    "ứng viên `{id}`: không có thời gian công tác (hãy ghi service, hoặc in_post_from ở định dạng 1)"
                ),
            ],
        ),
        _ => {}
    }
    if let Some(from) = c.in_post_from
        && from > on
    {
        bad(
            ProblemCode::BadValue,
            format!("{at}.in_post_from"),
            [
                format!("candidate `{id}`: in_post_from {from} is after the reference date {on}"),
                format!("ứng viên `{id}`: in_post_from {from} sau ngày tham chiếu {on}"),
            ],
        );
    }
    if !c.service.is_empty() && version < 2 {
        bad(
            ProblemCode::FormatVersion,
            format!("{at}.service"),
            [
                format!("candidate `{id}`: service periods need format_version 2 (found {version})"),
                format!("ứng viên `{id}`: thời gian công tác (service) cần format_version 2 (đang là {version})"),
            ],
        );
    }
    let periods = c.service.len();
    if periods > MAX_SERVICE_PERIODS {
        bad(
            ProblemCode::Limit,
            format!("{at}.service"),
            [
                format!("candidate `{id}`: {periods} service periods, at most {MAX_SERVICE_PERIODS}"),
                format!("ứng viên `{id}`: {periods} khoảng thời gian công tác, tối đa {MAX_SERVICE_PERIODS}"),
            ],
        );
    }
    for (j, p) in c.service.iter().enumerate() {
        let from = p.from;
        if from > on {
            bad(
                ProblemCode::BadValue,
                format!("{at}.service[{j}].from"),
                [
                    format!("candidate `{id}`: a period starting {from} is after the reference date {on}"),
                    format!("ứng viên `{id}`: một khoảng bắt đầu ngày {from} sau ngày tham chiếu {on}"),
                ],
            );
        }
        if let Some(u) = p.until
            && u < from
        {
            bad(
                ProblemCode::BadValue,
                format!("{at}.service[{j}].until"),
                [
                    format!("candidate `{id}`: a period ends on {u}, before it starts on {from}"),
                    format!("ứng viên `{id}`: một khoảng kết thúc ngày {u}, trước ngày bắt đầu {from}"),
                ],
            );
        }
    }
    for (j, a) in c.prior_awards.iter().enumerate() {
        let date = a.date;
        if date > on {
            bad(
                ProblemCode::BadValue,
                format!("{at}.prior_awards[{j}].date"),
                [
                    format!("candidate `{id}`: a prior award dated {date} is after the reference date {on}"),
                    format!("ứng viên `{id}`: một khen thưởng trước đó ghi ngày {date}, sau ngày tham chiếu {on}"),
                ],
            );
        }
    }
    for (j, d) in c.disciplines.iter().enumerate() {
        if let Some(u) = d.until
            && u < d.from
        {
            let from = d.from;
            bad(
                ProblemCode::BadValue,
                format!("{at}.disciplines[{j}].until"),
                [
                    format!("candidate `{id}`: a discipline ends on {u}, before it starts on {from}"),
                    format!("ứng viên `{id}`: một kỷ luật kết thúc ngày {u}, trước ngày bắt đầu {from}"),
                ],
            );
        }
    }
    out
}

fn yes_no(b: bool) -> String {
    if b { "yes".into() } else { "no".into() }
}

/// Assesses one candidate on `reference_date` under the instrument in force then, with
/// default parameters. A candidate is read as format 2.
///
/// ```
/// use antq::medal::{assess, Candidate, MedalOutcome};
/// let c: Candidate = serde_json::from_str(r#"{"id": "P1", "name": "A", "sex": "male",
///     "group": "guard", "in_post_from": "2010-01-01", "already_received": true}"#).unwrap();
/// let a = assess(&c, chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()).unwrap();
/// assert_eq!(a.outcome, MedalOutcome::NotEligible);
/// ```
///
/// # Errors
///
/// [`Error::InvalidMedalInput`] when the id is empty, the service is missing or given twice,
/// or a date is after the reference date; [`Error::NotInForce`] when no medal instrument
/// applies on the date.
pub fn assess(candidate: &Candidate, reference_date: NaiveDate) -> Result<MedalAssessment> {
    let p = problems(candidate, FORMAT_VERSION, reference_date, "candidate");
    if !p.is_empty() {
        return Err(Error::InvalidMedalInput(p));
    }
    let rules = resolve(None, reference_date)?;
    Ok(assess_with(candidate, reference_date, rules, MedalParams::default()))
}

/// Assesses every candidate of `input`, in input order, under the instrument in force on
/// its reference date (or the one it names).
///
/// # Errors
///
/// [`Error::InvalidMedalInput`] listing every problem of every candidate (as [`assess`]),
/// every duplicate id and an unknown format version or instrument;
/// [`Error::NotInForce`] as [`resolve`].
pub fn assess_all(input: &MedalInput) -> Result<Vec<MedalAssessment>> {
    let mut out = Vec::new();
    if !(1..=FORMAT_VERSION).contains(&input.format_version) {
        out.push(crate::other_rules::unreadable_version(input.format_version, FORMAT_VERSION));
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, c) in input.candidates.iter().enumerate() {
        out.extend(problems(c, input.format_version, input.reference_date, &format!("candidates[{i}]")));
        if !c.id.is_empty() && !seen.insert(&c.id) {
            out.push(
                Problem::new(
                    ProblemCode::DuplicateId,
                    Location::path(format!("candidates[{i}].id")),
                    format!("candidate `{}` is listed twice", c.id),
                )
                .with_vi(format!("ứng viên `{}` được ghi hai lần", c.id)),
            );
        }
    }
    if !out.is_empty() {
        return Err(Error::InvalidMedalInput(out));
    }
    let rules = resolve(input.instrument.as_deref(), input.reference_date)?;
    Ok(input.candidates.iter().map(|c| assess_with(c, input.reference_date, rules, input.params)).collect())
}

/// Assesses a (valid) candidate under `rules` on `on`. Dates after `on` are not counted.
///
/// ```
/// use antq::medal::*;
/// let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let mut c = Candidate::new("P1", "A", Sex::Male, Group::StreetGuard);
/// c.in_post_from = Some(d(2000, 1, 1));
/// let a = assess_with(&c, d(2026, 1, 5), MedalRules::get("vn.medal-2025").unwrap(), MedalParams::default());
/// assert_eq!(a.outcome, MedalOutcome::NotCovered);
/// assert!(a.reasons[0].en.contains("does not name street guards"));
/// ```
pub fn assess_with(c: &Candidate, on: NaiveDate, rules: &MedalRules, params: MedalParams) -> MedalAssessment {
    let group = rules.group(c.group);
    let mut notes = Vec::new();
    if let (Some(from), true) = (c.in_post_from, c.service.is_empty()) {
        let kind = serde_json::to_value(c.group.own_service())
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        notes.push(Text::new(
            format!(
                "in_post_from (định dạng 1) được đọc là một giai đoạn công tác {kind} từ {from}, ở địa bàn thường; \
                 hãy khai báo service (định dạng 2)"
            ),
            format!(
                "in_post_from (format 1) read as one period of {kind} service from {from} in an ordinary area; \
                 give service periods (format 2)"
            ),
        ));
    }
    if params.commendation_min_level.is_some() && rules.parameters().is_empty() {
        notes.push(Text::new(
            format!("Tham số commendation_min_level không áp dụng cho {}", rules.id),
            format!("The parameter commendation_min_level has no effect under {}", rules.id),
        ));
    }
    // Where service counts from, after a discipline.
    let mut start = None;
    let mut restart_note = None;
    if rules.restart_after_discipline {
        if c.fact(Fact::UnderDisciplinarySanction, on) == Some(true) {
            start = Some(on);
            restart_note = Some(Text::new(
                "đang trong thời gian kỷ luật: thời gian được tính lại từ khi hết kỷ luật",
                "a discipline runs on the reference date: time counts again from its end",
            ));
        } else if let Some(end) =
            c.disciplines.iter().filter_map(|d| d.until).filter(|u| *u < on).max().and_then(|u| u.succ_opt())
        {
            start = Some(end);
            restart_note = Some(Text::new(
                format!("tính lại từ {end}, sau khi hết kỷ luật"),
                format!("counted again from {end}, after the end of a discipline"),
            ));
        }
    }
    let periods = c.periods();
    let (counts, weighted) = group.map_or((&[][..], false), |g| (&g.counts[..], g.weighted));
    let service = count_service(&periods, counts, |a| if weighted { rules.coefficient(a) } else { 1 }, start, on);
    let required = group.map_or(0, |g| match c.sex {
        Sex::Male => g.years.male,
        Sex::Female => g.years.female,
    });
    let min_level = |t: &CommendationTest| match &t.parameter {
        Some(_) => params.commendation_min_level.unwrap_or(t.min_level),
        None => t.min_level,
    };

    let mut conditions = Vec::new();
    // The facts read as "no" from `exclusions_checked`, named in a note.
    let mut checked: Vec<&str> = Vec::new();
    if group.is_none() {
        let note = rules.not_named.iter().find(|n| n.group == c.group);
        let named: Vec<&str> = rules.groups.iter().map(|g| g.group.as_str()).collect();
        conditions.push(Condition {
            code: ConditionCode::GroupNamed,
            met: false,
            effect: MedalOutcome::NotCovered,
            observed: c.group.as_str().to_owned(),
            threshold: named.join(" | "),
            explanation: note.map_or_else(
                || {
                    Text::new(
                        format!("{} không nêu nhóm {}", rules.id, c.group.label().vi),
                        format!("{} does not name the group {}", rules.id, c.group.label().en),
                    )
                },
                |n| n.note.clone(),
            ),
            certainty: note.map_or(rules.certainty, |n| n.certainty),
        });
    }
    for rule in &rules.conditions {
        let applies = match group {
            Some(_) => rule.applies_to(c.group),
            None => rule.groups.is_empty() && rule.test != ConditionTest::ServiceYears,
        };
        if !applies {
            continue;
        }
        let known = |v: Option<bool>, pass_when: bool, unknown: &dyn Fn() -> Text| match v {
            None => (false, MedalOutcome::Undetermined, "unknown".to_owned(), unknown()),
            Some(b) => {
                let met = b == pass_when;
                (met, rule.effect, yes_no(b), if met { rule.pass.clone() } else { rule.fail.clone() })
            }
        };
        let (met, effect, observed, threshold, explanation) = match &rule.test {
            ConditionTest::Flag(f) => {
                let given = c.fact(*f, on);
                if given.is_none() && c.exclusions_checked {
                    checked.push(f.field());
                    (true, rule.effect, "no (exclusions_checked)".to_owned(), "no".to_owned(), rule.pass.clone())
                } else {
                    let (m, e, o, x) = known(given, false, &|| unknown_flag(f.field(), &rule.pass));
                    (m, e, o, "no".to_owned(), x)
                }
            }
            ConditionTest::Required(f) => {
                let (m, e, o, x) = known(c.fact(*f, on), true, &|| unknown_text(f.field(), &rule.pass));
                (m, e, o, "yes".to_owned(), x)
            }
            ConditionTest::PostLevel(t) => match c.post_level {
                None => (
                    false,
                    MedalOutcome::Undetermined,
                    "unknown".to_owned(),
                    format!("≥ {}", t.min.as_str()),
                    unknown_text("post_level", &rule.pass),
                ),
                Some(l) => {
                    let met = l >= t.min;
                    let x = if met { rule.pass.clone() } else { rule.fail.clone() };
                    (met, rule.effect, l.as_str().to_owned(), format!("≥ {}", t.min.as_str()), x)
                }
            },
            ConditionTest::Commendation(t) => {
                let min = min_level(t);
                let level = |a: &&PriorAward| IssuerLevel::of(a.issuer) >= min;
                let q: Vec<&PriorAward> = c
                    .prior_awards
                    .iter()
                    .filter(level)
                    .filter(|a| !t.for_movement || a.for_movement == Some(true))
                    .collect();
                let met = !q.is_empty();
                // An award of the level whose purpose is not given could be the one.
                let unsure =
                    t.for_movement && !met && c.prior_awards.iter().filter(level).any(|a| a.for_movement.is_none());
                let what = if t.for_movement { ", for the movement" } else { "" };
                let threshold = format!("≥ 1 (issuer level ≥ {}{what})", min.as_str());
                let x = if met {
                    let by = q[0].issuer.label();
                    Text::new(
                        format!("{} ({} lần; ví dụ: {})", rule.pass.vi, q.len(), by.vi),
                        format!("{} ({} award(s); e.g. by the {})", rule.pass.en, q.len(), by.en),
                    )
                } else {
                    let other = c.prior_awards.len();
                    Text::new(
                        format!(
                            "{} (cấp từ {} trở lên{}; {other} khen thưởng khác)",
                            rule.fail.vi,
                            min.as_str(),
                            if t.for_movement { ", về phong trào" } else { "" }
                        ),
                        format!(
                            "{} (issuer level {} or higher{what}; {other} other award(s))",
                            rule.fail.en,
                            min.as_str()
                        ),
                    )
                };
                if unsure {
                    let x = unknown_text("prior_awards[].for_movement", &rule.pass);
                    (false, MedalOutcome::Undetermined, "unknown".to_owned(), threshold, x)
                } else {
                    (met, rule.effect, q.len().to_string(), threshold, x)
                }
            }
            ConditionTest::ServiceYears => {
                let years = service.years;
                let met = years >= required;
                let who = match (c.group, c.sex) {
                    (Group::OrganisationLeader, _) => Text::new("lãnh đạo", "leaders"),
                    (_, Sex::Male) => Text::new("nam", "men"),
                    (_, Sex::Female) => Text::new("nữ", "women"),
                };
                let from = service.first_day.map_or_else(|| "—".to_owned(), |d| d.to_string());
                let restart = restart_note.as_ref();
                let x = Text::new(
                    format!(
                        "{years} năm tròn ({} ngày tính hệ số, từ {from} đến trước {on}{}); {} cần từ {required} năm trở lên{}",
                        service.days,
                        restart.map_or(String::new(), |r| format!("; {}", r.vi)),
                        who.vi,
                        if met { "" } else { ": chưa đủ" }
                    ),
                    format!(
                        "{years} whole years ({} weighted days from {from} to the day before {on}{}); {} need {required} or more{}",
                        service.days,
                        restart.map_or(String::new(), |r| format!("; {}", r.en)),
                        who.en,
                        if met { "" } else { ": not enough" }
                    ),
                );
                (met, rule.effect, years.to_string(), format!("≥ {required}"), x)
            }
        };
        conditions.push(Condition {
            code: rule.code,
            met,
            effect: if met { rule.effect } else { effect },
            observed,
            threshold,
            explanation,
            certainty: rule.certainty,
        });
    }

    if !checked.is_empty() {
        let list = checked.join(", ");
        notes.push(Text::new(
            format!("exclusions_checked: hồ sơ xác nhận không thuộc trường hợp loại trừ; các dữ kiện không khai được đọc là “không”: {list}"),
            format!("exclusions_checked: the dossier confirms no exclusion applies; facts not given read as “no”: {list}"),
        ));
    }
    let failed = |e: MedalOutcome| conditions.iter().any(|c| !c.met && c.effect == e);
    let outcome =
        [MedalOutcome::NotCovered, MedalOutcome::NotEligible, MedalOutcome::Undetermined, MedalOutcome::Deferred]
            .into_iter()
            .find(|e| failed(*e))
            .unwrap_or(MedalOutcome::Eligible);
    let reasons = conditions.iter().filter(|c| !c.met).map(|c| c.explanation.clone()).collect();
    let has_param = !rules.parameters().is_empty();
    let default_level = rules.conditions.iter().find_map(|r| match &r.test {
        ConditionTest::Commendation(t) if t.parameter.is_some() => Some(min_level(t)),
        _ => None,
    });
    MedalAssessment {
        id: c.id.clone(),
        name: c.name.clone(),
        group: c.group,
        sex: c.sex,
        reference_date: on,
        instrument: instrument_ref(rules),
        outcome,
        service_years: service.years,
        required_years: required,
        service_days: service.days,
        service_counted_from: service.first_day,
        service: service.periods,
        conditions,
        reasons,
        parameters: MedalParams { commendation_min_level: if has_param { default_level } else { None } },
        illustrative: rules.parameters().into_iter().map(str::to_owned).collect(),
        notes,
        legal_basis: rules.legal_basis.clone(),
        certainty: rules.certainty,
    }
}

/// The reference of `rules`: the registry's (hashed once) for the built-in rules, computed
/// for any other.
fn instrument_ref(rules: &MedalRules) -> InstrumentRef {
    let builtin = MedalRules::get(&rules.id).is_some_and(|r| std::ptr::eq(r, rules));
    match crate::law::instrument(&rules.id) {
        Some(i) if builtin => InstrumentRef::from(i),
        _ => InstrumentRef { id: rules.id.clone(), version: rules.version.clone(), content_hash: rules.content_hash() },
    }
}

/// [`unknown_text`], with how to answer an excluding or deferring fact for every condition.
fn unknown_flag(field: &str, pass: &Text) -> Text {
    let t = unknown_text(field, pass);
    Text::new(
        format!("{} (khai `{field}`, hoặc `exclusions_checked` khi hồ sơ đã xác nhận)", t.vi),
        format!("{} (give `{field}`, or `exclusions_checked` when the dossier confirms none applies)", t.en),
    )
}

fn unknown_text(field: &str, pass: &Text) -> Text {
    Text::new(
        format!("Chưa rõ `{field}`: cần biết để xét điều kiện “{}”", pass.vi),
        format!("`{field}` is not given: it is needed for “{}”", pass.en),
    )
}
