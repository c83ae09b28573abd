//! Eligibility for the commemorative medal "Bảo vệ an ninh Tổ quốc" (Kỷ niệm chương,
//! Circular 11/2021/TT-BCA; DOMAIN §6).
//!
//! Conditions, each checked and reported with what was observed and what passes:
//!
//! | code | who | passes when | if not |
//! |---|---|---|---|
//! | `once_per_person` | everyone | the medal was never received | not eligible |
//! | `not_prosecuted` | everyone | not under criminal prosecution | not eligible |
//! | `service_years` | leaders | ≥ 5 whole years in post | not eligible |
//! | `service_years` | grassroots police, guards, street guards | ≥ 15 whole years (men), ≥ 10 (women) | not eligible |
//! | `prior_award` | leaders | at least one award from district level, the provincial police or higher | not eligible |
//! | `no_serious_incident` | leaders | no serious security incident in the unit they lead | not eligible |
//! | `no_disciplinary_sanction` | everyone | not under a disciplinary sanction | deferred |
//!
//! The outcome is **not eligible** when any condition with that effect fails; otherwise
//! **deferred** when only the sanction stands in the way; otherwise **eligible**.
//!
//! Service length is the number of whole years from `in_post_from` to the reference date
//! ([`whole_years`]): a year is complete on its anniversary, so 15 years from 1 March 2010
//! are reached on 1 March 2025. A start on 29 February has its anniversary on 1 March in
//! other years. A single start date is taken; breaks in service are not modelled.
//!
//! ```
//! use antq::medal::{assess, Candidate, MedalOutcome};
//! use chrono::NaiveDate;
//! let c: Candidate = serde_json::from_str(r#"{"id": "P1", "name": "Trần Thị B", "sex": "female",
//!     "group": "street_guard", "in_post_from": "2014-08-19"}"#).unwrap();
//! let a = assess(&c, NaiveDate::from_ymd_opt(2024, 8, 19).unwrap()).unwrap();
//! assert_eq!((a.outcome, a.service_years, a.required_years), (MedalOutcome::Eligible, 10, 10));
//! ```

use crate::activity::{AwardForm, Issuer};
use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::text::{Certainty, LegalRef, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Years in post required of an organisation leader \[V\].
pub const LEADER_YEARS: u32 = 5;
/// Years of service required of men in the other groups \[V\].
pub const MEN_YEARS: u32 = 15;
/// Years of service required of women in the other groups \[V\].
pub const WOMEN_YEARS: u32 = 10;

/// A person's sex, which sets the service length of the non-leader groups.
///
/// ```
/// use antq::medal::Sex;
/// assert_eq!(serde_json::from_str::<Sex>(r#""female""#).unwrap(), Sex::Female);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Nam.
    Male,
    /// Nữ.
    Female,
}

/// Who the person is, for the medal's conditions.
///
/// ```
/// use antq::medal::Group;
/// assert_eq!(Group::StreetGuard.label().vi, "Bảo vệ dân phố");
/// assert!(Group::OrganisationLeader.is_leader());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// A leader of a Party committee, government, union or organisation, school or enterprise.
    OrganisationLeader,
    /// A grassroots (part-time) police officer (công an viên).
    GrassrootsPolice,
    /// A guard of an agency or state enterprise (bảo vệ cơ quan, doanh nghiệp).
    Guard,
    /// A street guard (bảo vệ dân phố).
    StreetGuard,
}

impl Group {
    /// Whether the group is the organisation leaders'.
    pub fn is_leader(self) -> bool {
        self == Group::OrganisationLeader
    }

    /// The snake_case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::OrganisationLeader => "organisation_leader",
            Group::GrassrootsPolice => "grassroots_police",
            Group::Guard => "guard",
            Group::StreetGuard => "street_guard",
        }
    }

    /// The group's name.
    pub fn label(self) -> Text {
        match self {
            Group::OrganisationLeader => Text::new("Lãnh đạo cơ quan, tổ chức", "organisation leader"),
            Group::GrassrootsPolice => Text::new("Công an viên", "grassroots police officer"),
            Group::Guard => Text::new("Bảo vệ cơ quan, doanh nghiệp", "agency or enterprise guard"),
            Group::StreetGuard => Text::new("Bảo vệ dân phố", "street guard"),
        }
    }
}

/// An award the person received before (for a leader's `prior_award` condition).
///
/// ```
/// use antq::medal::PriorAward;
/// let a: PriorAward = serde_json::from_str(r#"{"issuer": "provincial_police", "date": "2020-08-19"}"#).unwrap();
/// assert!(a.qualifies());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorAward {
    /// Who issued it; the district level, the provincial police or higher qualify.
    pub issuer: Issuer,
    /// Its form, if known (not used by the rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<AwardForm>,
    /// When it was given; on or before the reference date.
    #[serde(deserialize_with = "crate::date::iso")]
    pub date: NaiveDate,
}

impl PriorAward {
    /// Whether the issuer is at district level, the provincial police, or higher: every
    /// issuer except the commune chairman.
    pub fn qualifies(&self) -> bool {
        issuer_qualifies(self.issuer)
    }
}

fn issuer_qualifies(i: Issuer) -> bool {
    match i {
        Issuer::Minister | Issuer::ProvincialCommittee | Issuer::ProvincialPolice | Issuer::DistrictChairman => true,
        Issuer::CommuneChairman => false,
    }
}

/// A person considered for the medal.
///
/// ```
/// use antq::medal::{Candidate, Group};
/// let c: Candidate = serde_json::from_str(r#"{"id": "P1", "name": "Nguyễn Văn A", "sex": "male",
///     "group": "organisation_leader", "in_post_from": "2018-01-01",
///     "prior_awards": [{"issuer": "district_chairman", "date": "2021-08-19"}]}"#).unwrap();
/// assert_eq!(c.group, Group::OrganisationLeader);
/// assert!(!c.under_prosecution);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Sex.
    pub sex: Sex,
    /// Group.
    pub group: Group,
    /// The first day in the post (a leader's position, or service in the force).
    #[serde(deserialize_with = "crate::date::iso")]
    pub in_post_from: NaiveDate,
    /// Awards received before.
    #[serde(default)]
    pub prior_awards: Vec<PriorAward>,
    /// For a leader: a serious security incident happened in the unit they lead.
    #[serde(default)]
    pub serious_incident_in_unit: bool,
    /// The person already received the medal.
    #[serde(default)]
    pub already_received: bool,
    /// The person is under criminal prosecution.
    #[serde(default)]
    pub under_prosecution: bool,
    /// The person is under a disciplinary sanction.
    #[serde(default)]
    pub under_disciplinary_sanction: bool,
}

/// Several candidates assessed on one reference date.
///
/// ```
/// use antq::medal::MedalInput;
/// let i: MedalInput = serde_json::from_str(r#"{"reference_date": "2024-08-19", "candidates": []}"#).unwrap();
/// assert!(antq::medal::assess_all(&i).unwrap().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedalInput {
    /// The date of the assessment (e.g. the day the proposal is made).
    #[serde(deserialize_with = "crate::date::iso")]
    pub reference_date: NaiveDate,
    /// The candidates; ids are unique.
    pub candidates: Vec<Candidate>,
}

impl MedalInput {
    /// Reads the input from JSON or TOML text (`name` is used in error locations and
    /// chooses the syntax by its extension), under the default limits.
    ///
    /// ```
    /// let e = antq::medal::MedalInput::from_str_named("x.json", "{}").unwrap_err();
    /// assert_eq!(e.code(), "invalid_dataset");
    /// ```
    pub fn from_str_named(name: &str, text: &str) -> crate::Result<MedalInput> {
        crate::source::read_input(name, text)
    }
}

/// The result for one candidate.
///
/// ```
/// use antq::medal::MedalOutcome;
/// assert_eq!(MedalOutcome::Deferred.as_str(), "deferred");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MedalOutcome {
    /// Every condition is met.
    Eligible,
    /// A condition that excludes the medal (now) is not met.
    NotEligible,
    /// Only a disciplinary sanction stands in the way: consider again after it.
    Deferred,
}

impl MedalOutcome {
    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            MedalOutcome::Eligible => "eligible",
            MedalOutcome::NotEligible => "not_eligible",
            MedalOutcome::Deferred => "deferred",
        }
    }

    /// The outcome's name.
    pub fn label(self) -> Text {
        match self {
            MedalOutcome::Eligible => Text::new("Đủ điều kiện", "eligible"),
            MedalOutcome::NotEligible => Text::new("Không đủ điều kiện", "not eligible"),
            MedalOutcome::Deferred => Text::new("Chưa xét tặng", "deferred"),
        }
    }
}

/// A condition of the medal.
///
/// ```
/// use antq::medal::ConditionCode;
/// assert_eq!(ConditionCode::ServiceYears.as_str(), "service_years");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionCode {
    /// The medal is given once per person.
    OncePerPerson,
    /// Never while under prosecution.
    NotProsecuted,
    /// Years in post or in service.
    ServiceYears,
    /// A leader's prior award from district level, the provincial police or higher.
    PriorAward,
    /// No serious incident in a leader's unit.
    NoSeriousIncident,
    /// Not during a disciplinary sanction.
    NoDisciplinarySanction,
}

impl ConditionCode {
    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            ConditionCode::OncePerPerson => "once_per_person",
            ConditionCode::NotProsecuted => "not_prosecuted",
            ConditionCode::ServiceYears => "service_years",
            ConditionCode::PriorAward => "prior_award",
            ConditionCode::NoSeriousIncident => "no_serious_incident",
            ConditionCode::NoDisciplinarySanction => "no_disciplinary_sanction",
        }
    }
}

/// What one checked condition found.
///
/// ```
/// # use antq::medal::*;
/// # let c: Candidate = serde_json::from_str(r#"{"id": "P1", "name": "A", "sex": "male",
/// #   "group": "guard", "in_post_from": "2012-01-01"}"#).unwrap();
/// let a = assess(&c, chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()).unwrap();
/// let s = a.condition(ConditionCode::ServiceYears).unwrap();
/// assert!(!s.met);
/// assert_eq!((s.observed.as_str(), s.threshold.as_str()), ("13", "≥ 15"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// Which condition.
    pub code: ConditionCode,
    /// Whether it is met.
    pub met: bool,
    /// What failing it means for the outcome.
    pub effect: MedalOutcome,
    /// What was observed (a number of years or awards, or `yes` / `no`).
    pub observed: String,
    /// What passes.
    pub threshold: String,
    /// A sentence in both languages.
    pub explanation: Text,
}

/// The assessment of one candidate.
///
/// ```
/// # use antq::medal::*;
/// # let c: Candidate = serde_json::from_str(r#"{"id": "P1", "name": "A", "sex": "male",
/// #   "group": "guard", "in_post_from": "2010-01-01", "under_disciplinary_sanction": true}"#).unwrap();
/// let a = assess(&c, chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()).unwrap();
/// assert_eq!(a.outcome, MedalOutcome::Deferred);
/// assert_eq!(a.failed().map(|c| c.code).collect::<Vec<_>>(), vec![ConditionCode::NoDisciplinarySanction]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedalAssessment {
    /// Candidate id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Group.
    pub group: Group,
    /// Sex.
    pub sex: Sex,
    /// The reference date.
    #[serde(deserialize_with = "crate::date::iso")]
    pub reference_date: NaiveDate,
    /// The outcome.
    pub outcome: MedalOutcome,
    /// Whole years from `in_post_from` to the reference date.
    pub service_years: u32,
    /// Whole years required for the group (and sex).
    pub required_years: u32,
    /// Every condition checked, in the order of the module's table.
    pub conditions: Vec<Condition>,
    /// The explanations of the failing conditions (empty when eligible).
    pub reasons: Vec<Text>,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
    /// How certain the rules are.
    pub certainty: Certainty,
}

impl MedalAssessment {
    /// One condition's result.
    pub fn condition(&self, code: ConditionCode) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.code == code)
    }

    /// The conditions not met.
    pub fn failed(&self) -> impl Iterator<Item = &Condition> {
        self.conditions.iter().filter(|c| !c.met)
    }
}

/// Whole years from `from` to `on`: a year is complete on its anniversary (chrono's
/// `years_since`); a start on 29 February completes its years on 1 March outside leap years.
/// 0 when `on` is before `from`.
///
/// ```
/// use antq::medal::whole_years;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(whole_years(d(2010, 3, 1), d(2025, 3, 1)), 15);
/// assert_eq!(whole_years(d(2010, 3, 1), d(2025, 2, 28)), 14);
/// ```
pub fn whole_years(from: NaiveDate, on: NaiveDate) -> u32 {
    on.years_since(from).unwrap_or(0)
}

/// The legal basis of the medal's rules.
pub fn legal_basis() -> Vec<LegalRef> {
    vec![LegalRef { document: "11/2021/TT-BCA".into(), article: None, clause: None }]
}

/// The medal's instruments antq encodes, with their periods (family `vn.medal`; see
/// [`crate::law`]).
pub fn instruments() -> Vec<crate::law::Instrument> {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    vec![crate::law::Instrument {
        id: "vn.medal-2021".into(),
        family: "vn.medal".into(),
        title: Text::new(
            "Thông tư 11/2021/TT-BCA: Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”",
            "Circular 11/2021/TT-BCA: commemorative medal “Protecting national security”",
        ),
        legal_basis: legal_basis(),
        effective: crate::rules::Effective {
            from: d(2021, 1, 26),
            until: d(2025, 4, 27),
            certainty: Some(Certainty::Inferred),
            note: Some(
                "Dated 26/01/2021; its first day of application is not in DOMAIN and is taken as that date [I]. \
                 Applies to proposals up to 27/4/2025 [V]."
                    .into(),
            ),
        },
        encoding: crate::law::Encoding::Medal,
        version: "1.0.0".into(),
        content_hash: crate::rules::hash_json(&(legal_basis(), LEADER_YEARS, MEN_YEARS, WOMEN_YEARS)),
    }]
}

fn problems(c: &Candidate, reference_date: NaiveDate, at: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    if c.id.is_empty() {
        out.push(Problem::new(ProblemCode::BadValue, Location::path(format!("{at}.id")), "candidate id is empty"));
    }
    if c.in_post_from > reference_date {
        out.push(Problem::new(
            ProblemCode::BadValue,
            Location::path(format!("{at}.in_post_from")),
            format!(
                "candidate `{}`: in_post_from {} is after the reference date {reference_date}",
                c.id, c.in_post_from
            ),
        ));
    }
    for (j, a) in c.prior_awards.iter().enumerate() {
        if a.date > reference_date {
            out.push(Problem::new(
                ProblemCode::BadValue,
                Location::path(format!("{at}.prior_awards[{j}].date")),
                format!(
                    "candidate `{}`: a prior award dated {} is after the reference date {reference_date}",
                    c.id, a.date
                ),
            ));
        }
    }
    out
}

fn yes_no(b: bool) -> String {
    if b { "yes".into() } else { "no".into() }
}

/// Assesses one candidate on `reference_date`.
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
/// [`Error::InvalidDataset`] when the id is empty, or `in_post_from` or a prior award's
/// date is after the reference date.
pub fn assess(candidate: &Candidate, reference_date: NaiveDate) -> Result<MedalAssessment> {
    let p = problems(candidate, reference_date, "candidate");
    if !p.is_empty() {
        return Err(Error::InvalidDataset(p));
    }
    Ok(assess_valid(candidate, reference_date))
}

/// Assesses every candidate of `input`, in input order.
///
/// # Errors
///
/// [`Error::InvalidDataset`] listing every problem of every candidate (as [`assess`]) and
/// every duplicate id.
pub fn assess_all(input: &MedalInput) -> Result<Vec<MedalAssessment>> {
    let mut out = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, c) in input.candidates.iter().enumerate() {
        out.extend(problems(c, input.reference_date, &format!("candidates[{i}]")));
        if !c.id.is_empty() && !seen.insert(&c.id) {
            out.push(Problem::new(
                ProblemCode::DuplicateId,
                Location::path(format!("candidates[{i}].id")),
                format!("candidate `{}` is listed twice", c.id),
            ));
        }
    }
    if !out.is_empty() {
        return Err(Error::InvalidDataset(out));
    }
    Ok(input.candidates.iter().map(|c| assess_valid(c, input.reference_date)).collect())
}

fn assess_valid(c: &Candidate, on: NaiveDate) -> MedalAssessment {
    let years = whole_years(c.in_post_from, on);
    let required = match (c.group, c.sex) {
        (Group::OrganisationLeader, _) => LEADER_YEARS,
        (_, Sex::Male) => MEN_YEARS,
        (_, Sex::Female) => WOMEN_YEARS,
    };
    let mut conditions = Vec::new();
    let not = MedalOutcome::NotEligible;

    conditions.push(Condition {
        code: ConditionCode::OncePerPerson,
        met: !c.already_received,
        effect: not,
        observed: yes_no(c.already_received),
        threshold: "no".into(),
        explanation: if c.already_received {
            Text::new("Đã được tặng Kỷ niệm chương: chỉ tặng một lần", "Already received the medal: it is given once")
        } else {
            Text::new("Chưa được tặng Kỷ niệm chương", "Has not received the medal before")
        },
    });
    conditions.push(Condition {
        code: ConditionCode::NotProsecuted,
        met: !c.under_prosecution,
        effect: not,
        observed: yes_no(c.under_prosecution),
        threshold: "no".into(),
        explanation: if c.under_prosecution {
            Text::new(
                "Đang bị khởi tố hình sự: không tặng",
                "Under criminal prosecution: never awarded while prosecuted",
            )
        } else {
            Text::new("Không bị khởi tố hình sự", "Not under criminal prosecution")
        },
    });
    let who = match (c.group, c.sex) {
        (Group::OrganisationLeader, _) => Text::new("lãnh đạo", "a leader"),
        (_, Sex::Male) => Text::new("nam", "men"),
        (_, Sex::Female) => Text::new("nữ", "women"),
    };
    let met = years >= required;
    conditions.push(Condition {
        code: ConditionCode::ServiceYears,
        met,
        effect: not,
        observed: years.to_string(),
        threshold: format!("≥ {required}"),
        explanation: Text::new(
            format!(
                "{years} năm tròn (từ {} đến {on}); {} cần từ {required} năm trở lên{}",
                c.in_post_from,
                who.vi,
                if met { "" } else { ": chưa đủ" }
            ),
            format!(
                "{years} whole years (from {} to {on}); {} need {required} or more{}",
                c.in_post_from,
                who.en,
                if met { "" } else { ": not enough" }
            ),
        ),
    });
    if c.group.is_leader() {
        let qualifying: Vec<&PriorAward> = c.prior_awards.iter().filter(|a| a.qualifies()).collect();
        let met = !qualifying.is_empty();
        conditions.push(Condition {
            code: ConditionCode::PriorAward,
            met,
            effect: not,
            observed: qualifying.len().to_string(),
            threshold: "≥ 1".into(),
            explanation: if met {
                let by = qualifying[0].issuer.label();
                Text::new(
                    format!(
                        "{} lần được khen thưởng từ cấp huyện, Công an tỉnh trở lên (ví dụ: {})",
                        qualifying.len(),
                        by.vi
                    ),
                    format!(
                        "{} award(s) from district level, the provincial police or higher (e.g. by the {})",
                        qualifying.len(),
                        by.en
                    ),
                )
            } else {
                Text::new(
                    format!(
                        "Chưa lần nào được UBND cấp huyện hoặc Công an tỉnh trở lên khen thưởng ({} khen thưởng khác)",
                        c.prior_awards.len()
                    ),
                    format!(
                        "No award from district level, the provincial police or higher ({} other award(s))",
                        c.prior_awards.len()
                    ),
                )
            },
        });
        conditions.push(Condition {
            code: ConditionCode::NoSeriousIncident,
            met: !c.serious_incident_in_unit,
            effect: not,
            observed: yes_no(c.serious_incident_in_unit),
            threshold: "no".into(),
            explanation: if c.serious_incident_in_unit {
                Text::new(
                    "Đơn vị do người này phụ trách đã xảy ra vụ việc nghiêm trọng về an ninh, trật tự",
                    "A serious security incident happened in the unit the person leads",
                )
            } else {
                Text::new(
                    "Đơn vị không xảy ra vụ việc nghiêm trọng",
                    "No serious incident in the unit the person leads",
                )
            },
        });
    }
    conditions.push(Condition {
        code: ConditionCode::NoDisciplinarySanction,
        met: !c.under_disciplinary_sanction,
        effect: MedalOutcome::Deferred,
        observed: yes_no(c.under_disciplinary_sanction),
        threshold: "no".into(),
        explanation: if c.under_disciplinary_sanction {
            Text::new(
                "Đang trong thời gian kỷ luật: chưa xét tặng",
                "Under a disciplinary sanction: deferred until it ends",
            )
        } else {
            Text::new("Không trong thời gian kỷ luật", "Not under a disciplinary sanction")
        },
    });

    let failed = |e: MedalOutcome| conditions.iter().any(|c| !c.met && c.effect == e);
    let outcome = if failed(MedalOutcome::NotEligible) {
        MedalOutcome::NotEligible
    } else if failed(MedalOutcome::Deferred) {
        MedalOutcome::Deferred
    } else {
        MedalOutcome::Eligible
    };
    let reasons = conditions.iter().filter(|c| !c.met).map(|c| c.explanation.clone()).collect();
    MedalAssessment {
        id: c.id.clone(),
        name: c.name.clone(),
        group: c.group,
        sex: c.sex,
        reference_date: on,
        outcome,
        service_years: years,
        required_years: required,
        conditions,
        reasons,
        legal_basis: legal_basis(),
        certainty: Certainty::Verified,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn person(group: Group, sex: Sex, from: NaiveDate) -> Candidate {
        Candidate {
            id: "P".into(),
            name: "Nguyễn Văn A".into(),
            sex,
            group,
            in_post_from: from,
            prior_awards: vec![],
            serious_incident_in_unit: false,
            already_received: false,
            under_prosecution: false,
            under_disciplinary_sanction: false,
        }
    }

    fn award(issuer: Issuer) -> PriorAward {
        PriorAward { issuer, form: Some(AwardForm::GiayKhen), date: d(2020, 8, 19) }
    }

    fn leader(from: NaiveDate) -> Candidate {
        let mut c = person(Group::OrganisationLeader, Sex::Male, from);
        c.prior_awards.push(award(Issuer::DistrictChairman));
        c
    }

    fn failed(a: &MedalAssessment) -> Vec<ConditionCode> {
        a.failed().map(|c| c.code).collect()
    }

    #[test]
    fn whole_years_count_on_the_anniversary() {
        assert_eq!(whole_years(d(2010, 3, 1), d(2025, 3, 1)), 15);
        assert_eq!(whole_years(d(2010, 3, 1), d(2025, 2, 28)), 14);
        assert_eq!(whole_years(d(2020, 2, 29), d(2025, 2, 28)), 4);
        assert_eq!(whole_years(d(2020, 2, 29), d(2025, 3, 1)), 5);
        assert_eq!(whole_years(d(2020, 2, 29), d(2024, 2, 29)), 4);
        assert_eq!(whole_years(d(2025, 1, 2), d(2025, 1, 1)), 0);
    }

    #[test]
    fn leader_needs_five_years_and_a_qualifying_award() {
        let on = d(2024, 8, 19);
        let a = assess(&leader(d(2019, 8, 19)), on).unwrap();
        assert_eq!((a.outcome, a.service_years, a.required_years), (MedalOutcome::Eligible, 5, 5));
        assert!(a.reasons.is_empty());
        let a = assess(&leader(d(2019, 8, 20)), on).unwrap();
        assert_eq!((a.outcome, failed(&a)), (MedalOutcome::NotEligible, vec![ConditionCode::ServiceYears]));
        let s = a.condition(ConditionCode::ServiceYears).unwrap();
        assert_eq!((s.observed.as_str(), s.threshold.as_str()), ("4", "≥ 5"));
        assert_eq!(a.reasons.len(), 1);
    }

    #[test]
    fn leaders_sex_does_not_change_the_period() {
        let mut c = leader(d(2019, 8, 19));
        c.sex = Sex::Female;
        assert_eq!(assess(&c, d(2024, 8, 19)).unwrap().required_years, 5);
    }

    #[test]
    fn prior_award_must_come_from_district_level_provincial_police_or_higher() {
        for (issuer, ok) in [
            (Issuer::CommuneChairman, false),
            (Issuer::DistrictChairman, true),
            (Issuer::ProvincialPolice, true),
            (Issuer::ProvincialCommittee, true),
            (Issuer::Minister, true),
        ] {
            let mut c = person(Group::OrganisationLeader, Sex::Male, d(2010, 1, 1));
            c.prior_awards.push(award(issuer));
            let a = assess(&c, d(2024, 8, 19)).unwrap();
            assert_eq!(a.outcome == MedalOutcome::Eligible, ok, "{issuer:?}");
            let p = a.condition(ConditionCode::PriorAward).unwrap();
            assert_eq!(p.observed, if ok { "1" } else { "0" });
        }
        let a = assess(&person(Group::OrganisationLeader, Sex::Male, d(2010, 1, 1)), d(2024, 8, 19)).unwrap();
        assert_eq!(failed(&a), vec![ConditionCode::PriorAward]);
    }

    #[test]
    fn serious_incident_bars_a_leader_only() {
        let mut c = leader(d(2010, 1, 1));
        c.serious_incident_in_unit = true;
        let a = assess(&c, d(2024, 8, 19)).unwrap();
        assert_eq!((a.outcome, failed(&a)), (MedalOutcome::NotEligible, vec![ConditionCode::NoSeriousIncident]));
        let mut g = person(Group::Guard, Sex::Male, d(2000, 1, 1));
        g.serious_incident_in_unit = true;
        let a = assess(&g, d(2024, 8, 19)).unwrap();
        assert_eq!(a.outcome, MedalOutcome::Eligible);
        assert!(a.condition(ConditionCode::NoSeriousIncident).is_none());
        assert!(a.condition(ConditionCode::PriorAward).is_none());
    }

    #[test]
    fn grassroots_groups_need_15_years_for_men_and_10_for_women() {
        let on = d(2025, 3, 1);
        for g in [Group::GrassrootsPolice, Group::Guard, Group::StreetGuard] {
            let men = assess(&person(g, Sex::Male, d(2010, 3, 1)), on).unwrap();
            assert_eq!((men.outcome, men.service_years, men.required_years), (MedalOutcome::Eligible, 15, 15));
            let short = assess(&person(g, Sex::Male, d(2010, 3, 2)), on).unwrap();
            assert_eq!((short.outcome, short.service_years), (MedalOutcome::NotEligible, 14));
            let women = assess(&person(g, Sex::Female, d(2015, 3, 1)), on).unwrap();
            assert_eq!((women.outcome, women.required_years), (MedalOutcome::Eligible, 10));
            let short = assess(&person(g, Sex::Female, d(2015, 3, 2)), on).unwrap();
            assert_eq!(short.outcome, MedalOutcome::NotEligible);
        }
    }

    #[test]
    fn once_per_person_and_never_while_prosecuted() {
        let mut c = person(Group::StreetGuard, Sex::Male, d(2000, 1, 1));
        c.already_received = true;
        let a = assess(&c, d(2024, 8, 19)).unwrap();
        assert_eq!((a.outcome, failed(&a)), (MedalOutcome::NotEligible, vec![ConditionCode::OncePerPerson]));
        c.already_received = false;
        c.under_prosecution = true;
        c.under_disciplinary_sanction = true;
        let a = assess(&c, d(2024, 8, 19)).unwrap();
        assert_eq!(a.outcome, MedalOutcome::NotEligible, "prosecution outweighs deferral");
        assert_eq!(failed(&a), vec![ConditionCode::NotProsecuted, ConditionCode::NoDisciplinarySanction]);
        assert_eq!(a.reasons.len(), 2);
    }

    #[test]
    fn sanction_defers_only_an_otherwise_eligible_person() {
        let mut c = person(Group::Guard, Sex::Female, d(2010, 1, 1));
        c.under_disciplinary_sanction = true;
        let a = assess(&c, d(2024, 8, 19)).unwrap();
        assert_eq!(a.outcome, MedalOutcome::Deferred);
        assert_eq!(a.condition(ConditionCode::NoDisciplinarySanction).unwrap().effect, MedalOutcome::Deferred);
        c.in_post_from = d(2020, 1, 1);
        let a = assess(&c, d(2024, 8, 19)).unwrap();
        assert_eq!(a.outcome, MedalOutcome::NotEligible, "too short and sanctioned: not eligible");
    }

    #[test]
    fn every_condition_is_reported_in_order() {
        let a = assess(&leader(d(2010, 1, 1)), d(2024, 8, 19)).unwrap();
        let all: Vec<ConditionCode> = a.conditions.iter().map(|c| c.code).collect();
        assert_eq!(
            all,
            vec![
                ConditionCode::OncePerPerson,
                ConditionCode::NotProsecuted,
                ConditionCode::ServiceYears,
                ConditionCode::PriorAward,
                ConditionCode::NoSeriousIncident,
                ConditionCode::NoDisciplinarySanction,
            ]
        );
        let g = assess(&person(Group::Guard, Sex::Male, d(2000, 1, 1)), d(2024, 8, 19)).unwrap();
        assert_eq!(g.conditions.len(), 4);
        assert_eq!(g.legal_basis[0].document, "11/2021/TT-BCA");
    }

    #[test]
    fn invalid_input_names_id_and_field() {
        let mut c = leader(d(2025, 1, 1));
        c.prior_awards[0].date = d(2025, 9, 1);
        let e = assess(&c, d(2024, 8, 19)).unwrap_err();
        let paths: Vec<&str> = e.problems().iter().filter_map(|p| p.location.path.as_deref()).collect();
        assert_eq!(paths, vec!["candidate.in_post_from", "candidate.prior_awards[0].date"]);
        assert!(e.problems()[0].message.contains("candidate `P`"));
        assert_eq!(e.code(), "invalid_dataset");

        let ok = person(Group::Guard, Sex::Male, d(2000, 1, 1));
        let mut empty = ok.clone();
        empty.id.clear();
        let input = MedalInput { reference_date: d(2024, 8, 19), candidates: vec![ok.clone(), ok, empty] };
        let e = assess_all(&input).unwrap_err();
        let got: Vec<(ProblemCode, &str)> =
            e.problems().iter().map(|p| (p.code, p.location.path.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            got,
            vec![(ProblemCode::DuplicateId, "candidates[1].id"), (ProblemCode::BadValue, "candidates[2].id")]
        );
    }

    #[test]
    fn assess_all_keeps_input_order() {
        let mut a = person(Group::Guard, Sex::Male, d(2000, 1, 1));
        a.id = "A".into();
        let mut b = person(Group::Guard, Sex::Male, d(2020, 1, 1));
        b.id = "B".into();
        let out = assess_all(&MedalInput { reference_date: d(2024, 8, 19), candidates: vec![b, a] }).unwrap();
        let got: Vec<(&str, MedalOutcome)> = out.iter().map(|a| (a.id.as_str(), a.outcome)).collect();
        assert_eq!(got, vec![("B", MedalOutcome::NotEligible), ("A", MedalOutcome::Eligible)]);
    }

    #[test]
    fn serde_refuses_unknown_fields_and_round_trips() {
        let bad = r#"{"id": "P", "name": "A", "sex": "male", "group": "guard", "in_post_from": "2000-01-01", "x": 1}"#;
        assert!(serde_json::from_str::<Candidate>(bad).is_err());
        assert!(serde_json::from_str::<PriorAward>(r#"{"issuer": "minister", "date": "2020-01-01", "x": 1}"#).is_err());
        let a = assess(&leader(d(2010, 1, 1)), d(2025, 8, 19)).unwrap();
        let back: MedalAssessment = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
        assert_eq!(serde_json::to_string(&MedalOutcome::NotEligible).unwrap(), "\"not_eligible\"");
        assert_eq!(Group::GrassrootsPolice.as_str(), "grassroots_police");
    }
}
