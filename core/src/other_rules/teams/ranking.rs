//! The ranking itself: the window, the months served, the checks of the input, the
//! exclusions, the caps and the leader rule.

use super::input::{CapBase, Level, RankingInput, UsedParams};
use super::instruments::{TeamRules, resolve};
use super::result::{CapResult, MemberResult, Reason, ReasonCode, Subject, TeamRanking, TeamResult};
use super::{FIRST_YEAR, FORMAT_VERSION, LAST_YEAR};
use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::model::activity::Issuer;
use crate::model::date::Window;
use crate::model::text::Text;
use crate::model::unit::UnitId;
use chrono::{Datelike, Months, NaiveDate};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The ranking window of year `year`: 15 November `year−1` to 14 November `year`, both
/// included (DOMAIN §3.2). `None` for a year chrono cannot represent.
///
/// ```
/// let w = antq::teams::team_window(2025).unwrap();
/// assert_eq!((w.start.to_string(), w.end.to_string()), ("2024-11-15".into(), "2025-11-14".into()));
/// ```
pub fn team_window(year: i32) -> Option<Window> {
    Some(Window::new(NaiveDate::from_ymd_opt(year.checked_sub(1)?, 11, 15)?, NaiveDate::from_ymd_opt(year, 11, 14)?))
}

/// Whole calendar months served from `from` through `through`, both days included: the
/// largest `n` such that `from` plus `n` calendar months is on or before the day after
/// `through`. Adding months uses chrono's calendar arithmetic, which keeps the day of month
/// and clamps it to the month's last day (31 May + 1 month = 30 June). 0 when `from` is
/// after `through`.
///
/// So exactly 9 months counts as 9: from 15 February through 14 November is 9 months
/// (15 February + 9 months = 15 November, the day after); from 16 February it is 8.
///
/// ```
/// use antq::teams::months_served;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(months_served(d(2025, 2, 15), d(2025, 11, 14)), 9);
/// assert_eq!(months_served(d(2025, 2, 16), d(2025, 11, 14)), 8);
/// assert_eq!(months_served(d(2024, 11, 15), d(2025, 11, 14)), 12);
/// ```
pub fn months_served(from: NaiveDate, through: NaiveDate) -> u32 {
    let Some(end) = through.succ_opt() else { return 0 };
    if from > through {
        return 0;
    }
    let est = (end.year() - from.year()) * 12 + end.month() as i32 - from.month() as i32;
    let Ok(mut n) = u32::try_from(est) else { return 0 };
    // `from + est months` falls in `end`'s month; it passes `end` only by its day, and then
    // one month less lands in the month before, which is before `end`.
    if from.checked_add_months(Months::new(n)).is_none_or(|d| d > end) {
        n = n.saturating_sub(1);
    }
    n
}

/// A problem of the input at `path`, said in English and Vietnamese.
pub(super) fn bad(code: ProblemCode, path: String, [en, vi]: [String; 2]) -> Problem {
    Problem::new(code, Location::path(path), en).with_vi(vi)
}

fn validate(input: &RankingInput, window: Option<Window>) -> Vec<Problem> {
    let mut out = Vec::new();
    if !(1..=FORMAT_VERSION).contains(&input.format_version) {
        out.push(crate::other_rules::unreadable_version(input.format_version, FORMAT_VERSION));
    }
    if !(FIRST_YEAR..=LAST_YEAR).contains(&input.year) {
        let y = input.year;
        out.push(bad(
            ProblemCode::BadValue,
            "year".into(),
            [
                format!(
                    "year {y} is outside {FIRST_YEAR}–{LAST_YEAR}: grassroots security teams exist from 1 July 2024 \
                     (Law 30/2023/QH15)"
                ),
                format!(
                    "năm {y} nằm ngoài {FIRST_YEAR}–{LAST_YEAR}: tổ bảo vệ an ninh, trật tự ở cơ sở có từ ngày 1/7/2024 \
                     (Luật 30/2023/QH15)"
                ),
            ],
        ));
    }
    if let Some(p) = input.params.excellent_cap_percent
        && p > 100
    {
        out.push(bad(
            ProblemCode::BadThreshold,
            "params.excellent_cap_percent".into(),
            [format!("excellent_cap_percent {p} is over 100"), format!("excellent_cap_percent {p} lớn hơn 100")],
        ));
    }
    let mut teams: HashSet<&str> = HashSet::new();
    for (i, t) in input.teams.iter().enumerate() {
        let id = &t.id;
        if id.is_empty() {
            let said = ["team id is empty".into(), "mã tổ để trống".into()];
            out.push(bad(ProblemCode::BadValue, format!("teams[{i}].id"), said));
        } else if !teams.insert(id) {
            let said = [format!("team `{id}` is listed twice"), format!("tổ `{id}` được ghi hai lần")];
            out.push(bad(ProblemCode::DuplicateId, format!("teams[{i}].id"), said));
        }
        if t.commune.as_str().is_empty() {
            let said = [format!("team `{id}`: commune is empty"), format!("tổ `{id}`: xã để trống")];
            out.push(bad(ProblemCode::BadValue, format!("teams[{i}].commune"), said));
        }
        if let Some(w) = window
            && t.active_from > w.end
        {
            let (from, end) = (t.active_from, w.end);
            let said = [
                format!("team `{id}`: active_from {from} is after the window's last day {end}"),
                format!("tổ `{id}`: active_from {from} sau ngày cuối của kỳ xét {end}"),
            ];
            out.push(bad(ProblemCode::BadValue, format!("teams[{i}].active_from"), said));
        }
    }
    let mut members: HashSet<&str> = HashSet::new();
    for (i, m) in input.members.iter().enumerate() {
        let id = &m.id;
        if id.is_empty() {
            let said = ["member id is empty".into(), "mã thành viên để trống".into()];
            out.push(bad(ProblemCode::BadValue, format!("members[{i}].id"), said));
        } else if !members.insert(id) {
            let said = [format!("member `{id}` is listed twice"), format!("thành viên `{id}` được ghi hai lần")];
            out.push(bad(ProblemCode::DuplicateId, format!("members[{i}].id"), said));
        }
        if !teams.contains(m.team.as_str()) {
            let team = &m.team;
            let said = [
                format!("member `{id}`: team `{team}` is not in the input"),
                format!("thành viên `{id}`: tổ `{team}` không có trong dữ liệu"),
            ];
            out.push(bad(ProblemCode::UnknownReference, format!("members[{i}].team"), said));
        }
        if input.format_version < 2 && (m.acting_leader || m.newly_transferred || m.judged_unconnected) {
            let v = input.format_version;
            let said = [
                format!(
                    "member `{id}`: acting_leader, newly_transferred and judged_unconnected need format_version 2 \
                     (found {v})"
                ),
                format!(
                    "thành viên `{id}`: acting_leader, newly_transferred và judged_unconnected cần format_version 2 \
                     (đang là {v})"
                ),
            ];
            out.push(bad(ProblemCode::FormatVersion, format!("members[{i}]"), said));
        }
        if let Some(w) = window
            && m.served_from > w.end
        {
            let (from, end) = (m.served_from, w.end);
            let said = [
                format!("member `{id}`: served_from {from} is after the window's last day {end}"),
                format!("thành viên `{id}`: served_from {from} sau ngày cuối của kỳ xét {end}"),
            ];
            out.push(bad(ProblemCode::BadValue, format!("members[{i}].served_from"), said));
        }
    }
    out
}

/// Exclusion reasons shared by teams and members; `what` names the subject in both languages.
fn exclusions(
    min: u32,
    months: u32,
    complaint: bool,
    what: (&str, &str),
    from: NaiveDate,
    through: NaiveDate,
) -> Vec<Reason> {
    let mut r = Vec::new();
    if months < min {
        r.push(Reason {
            code: ReasonCode::ShortService,
            text: Text::new(
                format!(
                    "Không xếp loại: {} mới hoạt động {months} tháng (từ {from}) tính đến {through}, chưa đủ {min} tháng",
                    what.0
                ),
                format!(
                    "Not ranked: the {} has {months} whole months (from {from}) by {through}, fewer than {min}",
                    what.1
                ),
            ),
        });
    }
    if complaint {
        r.push(Reason {
            code: ReasonCode::PendingComplaint,
            text: Text::new(
                format!("Chưa xếp loại: {} đang có khiếu nại, tố cáo chưa giải quyết", what.0),
                format!("Not ranked: a complaint or denunciation about the {} is pending", what.1),
            ),
        });
    }
    r
}

/// A proposal of excellent that the cap considers: index into the results, id, score.
struct Slot<'a> {
    index: usize,
    id: &'a str,
    score: Option<i64>,
}

/// Applies the cap to one commune's teams or members, lowering what exceeds it.
fn apply_cap(
    commune: &UnitId,
    subject: Subject,
    base: u32,
    mut excellent: Vec<Slot<'_>>,
    params: UsedParams,
    levels: &mut [Option<Level>],
    reasons: &mut [Vec<Reason>],
) -> CapResult {
    let pct = u64::from(params.excellent_cap_percent);
    let e = u32::try_from(excellent.len()).unwrap_or(u32::MAX);
    let (base, allowed) = if params.cap_base == CapBase::RankedGood {
        // `base` is the number ranked good before the cap: find the largest k excellent
        // with k ≤ ⌊pct × (good + lowered) / 100⌋, lowered = e − k.
        let k = (0..=e).rev().find(|&k| u64::from(k) * 100 <= pct * (u64::from(base) + u64::from(e - k))).unwrap_or(0);
        (base.saturating_add(e - k), k)
    } else {
        (base, u32::try_from(u64::from(base) * pct / 100).unwrap_or(u32::MAX))
    };
    // Score descending (a missing score after every given one), then id ascending.
    // `None < Some(_)`, so comparing `b` with `a` puts missing scores last.
    excellent.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(b.id)));
    let proposed_excellent = u32::try_from(excellent.len()).unwrap_or(u32::MAX);
    let of = if params.cap_base == CapBase::RankedGood {
        Text::new(
            format!("{base} xếp loại tốt, kể cả các trường hợp bị hạ"),
            format!("{base} ranked good, counting those lowered"),
        )
    } else {
        Text::new(base.to_string(), base.to_string())
    };
    let mut lowered = Vec::new();
    for (pos, s) in excellent.iter().enumerate() {
        if pos < allowed as usize {
            continue;
        }
        levels[s.index] = Some(Level::Good);
        reasons[s.index].push(Reason {
            code: ReasonCode::ExcellentCap,
            text: Text::new(
                format!(
                    "Hạ xuống \"Hoàn thành tốt nhiệm vụ\": số xếp loại \"Hoàn thành xuất sắc nhiệm vụ\" tối đa là \
                     {allowed} ({}% của {}, làm tròn xuống); xếp theo điểm giảm dần rồi theo mã, đứng thứ {}",
                    params.excellent_cap_percent,
                    of.vi,
                    pos + 1
                ),
                format!(
                    "Lowered to good: at most {allowed} may be excellent ({}% of {}, rounded down); ordered by \
                     score (highest first) then id, this one came {}",
                    params.excellent_cap_percent,
                    of.en,
                    pos + 1
                ),
            ),
        });
        lowered.push(s.id.to_owned());
    }
    CapResult { commune: commune.clone(), subject, base, allowed, proposed_excellent, lowered }
}

/// Counts the cap base of one group (for `ranked_good`, those good before the cap).
fn base_of(params: UsedParams, all: usize, levels: impl Iterator<Item = Option<Level>>) -> u32 {
    let n = match params.cap_base {
        CapBase::All => all,
        CapBase::Ranked => levels.filter(Option::is_some).count(),
        CapBase::GoodOrAbove => levels.filter(|l| l.is_some_and(|l| l.rank() >= Level::Good.rank())).count(),
        CapBase::RankedGood => levels.filter(|l| *l == Some(Level::Good)).count(),
    };
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Ranks the teams and members of `input` for its year (see the [module](crate::teams) for the
/// rules and their order).
///
/// ```
/// use antq::teams::{rank, RankingInput};
/// let input: RankingInput = serde_json::from_str(r#"{"year": 2025, "teams": [],
///   "members": [{"id": "M1", "name": "A", "team": "T9", "role": "member",
///                "served_from": "2024-07-01", "proposed": "good", "pending_complaint": false}]}"#).unwrap();
/// let err = rank(&input).unwrap_err();
/// assert_eq!(err.problems()[0].location.path.as_deref(), Some("members[0].team"));
/// ```
///
/// # Errors
///
/// [`Error::InvalidTeamInput`] listing every problem: a format version other than 1 or 2,
/// a year before 2024 or after 2200, a cap over 100 %, empty or duplicate team or member
/// ids, a member of a team not in the input, an `active_from` or `served_from` after the
/// window's last day, format 2 fields in a format 1 input; [`Error::NotInForce`] as
/// [`resolve`].
pub fn rank(input: &RankingInput) -> Result<TeamRanking> {
    let window = team_window(input.year);
    let problems = validate(input, window);
    let window = match window {
        Some(w) if problems.is_empty() => w,
        _ => return Err(Error::InvalidTeamInput(problems)),
    };
    let reference_date = input.reference_date.unwrap_or(window.end);
    let rules = resolve(input.instrument.as_deref(), reference_date)?;
    rank_with(input, rules, window, reference_date)
}

fn rank_with(
    input: &RankingInput,
    rules: &TeamRules,
    window: Window,
    reference_date: NaiveDate,
) -> Result<TeamRanking> {
    let params = UsedParams {
        excellent_cap_percent: input.params.excellent_cap_percent.unwrap_or(rules.cap.percent),
        cap_base: input.params.cap_base.unwrap_or(rules.cap.base),
    };
    let min = rules.min_months.months;
    // Service counts "in the year up to the time of assessment" (DOMAIN §6): to the window's
    // last day, or to the ranking's date when it is earlier (never months not yet served).
    let through = window.end.min(reference_date);

    // Teams: exclusions, then the cap per commune.
    let mut t_levels: Vec<Option<Level>> = Vec::with_capacity(input.teams.len());
    let mut t_reasons: Vec<Vec<Reason>> = Vec::with_capacity(input.teams.len());
    let mut t_months: Vec<u32> = Vec::with_capacity(input.teams.len());
    for t in &input.teams {
        let from = t.active_from.max(window.start);
        let months = months_served(from, through);
        let r = exclusions(min, months, t.pending_complaint, ("tổ", "team"), t.active_from, through);
        t_levels.push(if r.is_empty() { Some(t.proposed) } else { None });
        t_reasons.push(r);
        t_months.push(months);
    }
    let mut by_commune: BTreeMap<&UnitId, Vec<usize>> = BTreeMap::new();
    for (i, t) in input.teams.iter().enumerate() {
        by_commune.entry(&t.commune).or_default().push(i);
    }
    let mut caps = Vec::new();
    for (commune, idx) in &by_commune {
        if idx.iter().all(|&i| t_levels[i].is_none()) {
            continue;
        }
        let base = base_of(params, idx.len(), idx.iter().map(|&i| t_levels[i]));
        let excellent = idx
            .iter()
            .filter(|&&i| t_levels[i] == Some(Level::Excellent))
            .map(|&i| Slot { index: i, id: &input.teams[i].id, score: input.teams[i].score })
            .collect();
        caps.push(apply_cap(commune, Subject::Teams, base, excellent, params, &mut t_levels, &mut t_reasons));
    }

    // Members: exclusions, the leader rule, then the cap per commune.
    let team_index: HashMap<&str, usize> = input.teams.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
    let mut m_levels: Vec<Option<Level>> = Vec::with_capacity(input.members.len());
    let mut m_reasons: Vec<Vec<Reason>> = Vec::with_capacity(input.members.len());
    let mut m_months: Vec<u32> = Vec::with_capacity(input.members.len());
    let mut m_commune: BTreeMap<&UnitId, Vec<usize>> = BTreeMap::new();
    for (i, m) in input.members.iter().enumerate() {
        // Validation guarantees the team exists.
        let ti = team_index.get(m.team.as_str()).copied().unwrap_or(0);
        m_commune.entry(&input.teams[ti].commune).or_default().push(i);
        let from = m.served_from.max(window.start);
        let months = months_served(from, through);
        let mut r = exclusions(min, months, m.pending_complaint, ("thành viên", "member"), m.served_from, through);
        let mut level = if r.is_empty() { Some(m.proposed) } else { None };
        if let Some(l) = level
            && m.bound_by_leader_rule(rules)
        {
            let head = if m.heads_team() {
                m.role.label()
            } else {
                Text::new("tổ phó được giao phụ trách", "deputy assigned to lead")
            };
            if m.leader_exception(rules) && t_levels[ti].is_some_and(|tl| l.rank() > tl.rank()) {
                r.push(Reason {
                    code: ReasonCode::NewlyTransferredLeader,
                    text: Text::new(
                        format!(
                            "Giữ mức đề nghị: {} mới được điều động, được xác định không liên quan đến kết quả của tổ `{}`",
                            head.vi, m.team
                        ),
                        format!(
                            "Proposal kept: a {} newly transferred and judged unconnected with the level of the team `{}`",
                            head.en, m.team
                        ),
                    ),
                });
            } else {
                match t_levels[ti] {
                    Some(tl) if l.rank() > tl.rank() => {
                        level = Some(tl);
                        r.push(Reason {
                            code: ReasonCode::LeaderAboveTeam,
                            text: Text::new(
                                format!(
                                    "Hạ xuống \"{}\": {} không được xếp loại cao hơn tổ `{}`",
                                    tl.label().vi,
                                    head.vi,
                                    m.team
                                ),
                                format!(
                                    "Lowered to {}: a {} cannot rank above the team `{}`",
                                    tl.as_str(),
                                    head.en,
                                    m.team
                                ),
                            ),
                        });
                    }
                    Some(_) => {}
                    None => r.push(Reason {
                        code: ReasonCode::TeamNotRanked,
                        text: Text::new(
                            format!(
                                "Tổ `{}` không được xếp loại nên không so sánh được với mức của {}",
                                m.team,
                                head.vi.to_lowercase()
                            ),
                            format!(
                                "The team `{}` is not ranked, so the {}'s level could not be compared with it",
                                m.team, head.en
                            ),
                        ),
                    }),
                }
            }
        }
        m_levels.push(level);
        m_reasons.push(r);
        m_months.push(months);
    }
    for (commune, idx) in &m_commune {
        if idx.iter().all(|&i| m_levels[i].is_none()) {
            continue;
        }
        let base = base_of(params, idx.len(), idx.iter().map(|&i| m_levels[i]));
        let excellent = idx
            .iter()
            .filter(|&&i| m_levels[i] == Some(Level::Excellent))
            .map(|&i| Slot { index: i, id: &input.members[i].id, score: input.members[i].score })
            .collect();
        caps.push(apply_cap(commune, Subject::Members, base, excellent, params, &mut m_levels, &mut m_reasons));
    }
    caps.sort_by(|a, b| (&a.commune, a.subject).cmp(&(&b.commune, b.subject)));

    let teams = input
        .teams
        .iter()
        .zip(t_levels)
        .zip(t_reasons)
        .zip(t_months)
        .map(|(((t, level), reasons), months_in_window)| TeamResult {
            id: t.id.clone(),
            name: t.name.clone(),
            commune: t.commune.clone(),
            proposed: t.proposed,
            level,
            months_in_window,
            reasons,
        })
        .collect();
    let members = input
        .members
        .iter()
        .zip(m_levels)
        .zip(m_reasons)
        .zip(m_months)
        .map(|(((m, level), reasons), months_in_window)| MemberResult {
            id: m.id.clone(),
            name: m.name.clone(),
            team: m.team.clone(),
            role: m.role,
            proposed: m.proposed,
            level,
            months_in_window,
            reasons,
        })
        .collect();
    let mut illustrative = Vec::new();
    if rules.cap.base_illustrative || params.cap_base != rules.cap.base {
        illustrative.push("cap_base".to_owned());
    }
    if params.excellent_cap_percent != rules.cap.percent {
        illustrative.push("excellent_cap_percent".to_owned());
    }
    let mut notes = Vec::new();
    if params.cap_base == CapBase::RankedGood {
        notes.push(Text::new(
            format!(
                "Cơ số {}% là số xếp loại tốt: hạ một đề nghị từ xuất sắc xuống tốt làm tăng cơ số; số xuất sắc là số k lớn \
                 nhất sao cho k ≤ {}% × (số tốt, kể cả các trường hợp bị hạ), làm tròn xuống",
                params.excellent_cap_percent, params.excellent_cap_percent
            ),
            format!(
                "The {}% base is the number ranked good: moving a proposal from excellent down to good enlarges it; the \
                 number kept excellent is the largest k with k ≤ {}% × (ranked good, counting those lowered), rounded down",
                params.excellent_cap_percent, params.excellent_cap_percent
            ),
        ));
    }
    let unused: Vec<&str> = [
        (!rules.leader.acting_deputy && input.members.iter().any(|m| m.acting_leader), "acting_leader"),
        (
            !rules.leader.newly_transferred_exception
                && input.members.iter().any(|m| m.newly_transferred || m.judged_unconnected),
            "newly_transferred / judged_unconnected",
        ),
    ]
    .into_iter()
    .filter_map(|(u, f)| u.then_some(f))
    .collect();
    if !unused.is_empty() {
        notes.push(Text::new(
            format!("{} không áp dụng theo {}: đã bỏ qua", unused.join(", "), rules.id),
            format!("{} not used by {}: ignored", unused.join(", "), rules.id),
        ));
    }
    let builtin = TeamRules::get(&rules.id).is_some_and(|r| std::ptr::eq(r, rules));
    let instrument = match crate::law::instrument(&rules.id) {
        Some(i) if builtin => crate::law::InstrumentRef::from(i),
        _ => crate::law::InstrumentRef {
            id: rules.id.clone(),
            version: rules.version.clone(),
            content_hash: rules.content_hash(),
        },
    };
    Ok(TeamRanking {
        year: input.year,
        window,
        reference_date,
        instrument,
        parameters: params,
        illustrative,
        notes,
        decided_by: Issuer::CommuneChairman,
        decided_by_label: Text::new("Chủ tịch UBND cấp xã", "commune People's Committee chairman"),
        legal_basis: rules.legal_basis.clone(),
        certainty: rules.certainty,
        teams,
        members,
        caps,
    })
}
