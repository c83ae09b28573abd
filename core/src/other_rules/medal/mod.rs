//! Eligibility for the commemorative medal "Bảo vệ an ninh Tổ quốc" (Kỷ niệm chương;
//! `docs/DOMAIN.md` §6), by the instrument in force on the proposal's date.
//!
//! The rules are data, one file per instrument under `core/data/medal/` ([`MedalRules`]),
//! family `vn.medal` in [`crate::law`]:
//!
//! | instrument | applies to proposals | rules |
//! |---|---|---|
//! | `vn.medal-2021`, Circular 11/2021/TT-BCA \[V\] | up to 27/4/2025 | leaders ≥ 5 years in post with a prior award from district level, the provincial police or higher, no social-evil hotspot or serious incident in their unit; part-time commune police, street guards, agency guards ≥ 15 years (men) / 10 (women); once per person; never while prosecuted or sent to a compulsory-education institution; deferred during a disciplinary sanction |
//! | `vn.medal-2025`, Circular 20/2025/TT-BCA \[P\] | from 28/4/2025 | leaders (commune level and above) ≥ 10 years, commended at least once for work in the movement (issuer level: the illustrative parameter `commendation_min_level`, default any level), no hotspot or serious incident in their area; grassroots security team members ≥ 15 / 10 years counting civil protection and part-time commune police service, hardship, border and island areas ×2, assessed as completing their tasks well; once per person; excluded: holders of the "Chiến sĩ vẻ vang" or "Vì an ninh Tổ quốc" medal or an order for People's Police service, stripped of the People's Police title, prosecuted, sent to a compulsory-education institution, collaborators dropped for betrayal or violations; deferred under disciplinary review or an unresolved complaint, denunciation or inspection; service counts again from the end of a discipline. Street guards and agency guards are not named \[not found\]: outcome `not_covered` |
//!
//! **Choosing the instrument.** [`assess_all`] takes the input's `reference_date` (the
//! proposal's date) and applies `law::in_force("vn.medal", date)`; an input may name
//! `instrument` explicitly, which is `not_in_force` outside its period. Every assessment
//! names its instrument (id, version, content hash).
//!
//! **Outcome.** `not_covered` when the instrument does not name the candidate's group;
//! otherwise `not_eligible` when a condition with that effect fails; otherwise
//! `undetermined` when a fact a condition needs is not given (e.g. `completed_tasks_well`,
//! `post_level`); otherwise `deferred` when a condition with that effect fails; otherwise
//! `eligible`.
//!
//! **Service length.** The service is a list of periods (`kind`, `area`, `from`, `until`;
//! `until` is the last day, left out while serving). Only the kinds the group counts
//! are counted, from `from` to the day before the reference date (or `until`,
//! whichever is earlier); with `restart_after_discipline`, only after the last
//! discipline that ended before the reference date (none while one runs). Each
//! calendar day counts once, times the coefficient of its area when the group is
//! weighted (the highest when periods overlap): that gives `D` weighted days. The whole
//! years are those of a continuous service of `D` days starting on the first counted day,
//! by the anniversary rule of [`whole_years`]. So one period of coefficient 1 gives exactly
//! `whole_years(from, reference_date)`: 15 years from 1 March 2010 are reached on 1 March
//! 2025. With coefficient 2, 8 years on an island count as 16; since the doubled days carry
//! the 29 Februaries of the calendar they were served in, 15 years from 1 July 2018 (5,479
//! days) are reached after 2,740 days, on 31 December 2025.
//!
//! **Input format.** `format_version` 2 adds `service` periods (and reads version 1
//! unchanged). The single `in_post_from` of version 1 is still read, as one period of the
//! group's own kind in an ordinary area, with a note in the result saying so.
//!
//! ```
//! use antq::medal::{assess_all, MedalInput, MedalOutcome};
//! let input: MedalInput = serde_json::from_str(r#"{"format_version": 2, "reference_date": "2026-03-01",
//!   "candidates": [{"id": "P1", "name": "Trần Thị B", "sex": "female", "group": "grassroots_security_team",
//!     "completed_tasks_well": true,
//!     "service": [{"kind": "part_time_commune_police", "from": "2016-03-01", "until": "2024-06-30"},
//!                 {"kind": "grassroots_security_team", "from": "2024-07-01"}]}]}"#).unwrap();
//! let a = &assess_all(&input).unwrap()[0];
//! assert_eq!((a.outcome, a.service_years, a.required_years), (MedalOutcome::Eligible, 10, 10));
//! assert_eq!(a.instrument.id, "vn.medal-2025");
//! assert_eq!(a.illustrative, vec!["commendation_min_level".to_string()]);
//! ```

mod rules;

pub use rules::{
    AreaKind, CommendationTest, ConditionRule, ConditionTest, Fact, GroupRule, IssuerLevel, MedalRules, NotNamed,
    PostLevel, PostLevelTest, ServiceKind, Years,
};

use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::law::InstrumentRef;
use crate::model::activity::{AwardForm, Issuer};
use crate::model::text::{Certainty, LegalRef, Text};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The family of the medal's instruments.
pub const FAMILY: &str = "vn.medal";

/// The input format version this antq writes (it reads 1 and 2).
pub const FORMAT_VERSION: u32 = 2;

/// Most service periods of one candidate.
pub const MAX_SERVICE_PERIODS: usize = 1000;

/// A person's sex, which sets the service length of the non-leader groups.
///
/// ```
/// use antq::medal::Sex;
/// assert_eq!(serde_json::from_str::<Sex>(r#""female""#).unwrap(), Sex::Female);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// A member of a grassroots security team (tổ bảo vệ an ninh, trật tự ở cơ sở).
    GrassrootsSecurityTeam,
}

impl Group {
    /// Every group.
    pub const ALL: [Group; 5] = [
        Group::OrganisationLeader,
        Group::GrassrootsPolice,
        Group::Guard,
        Group::StreetGuard,
        Group::GrassrootsSecurityTeam,
    ];

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
            Group::GrassrootsSecurityTeam => "grassroots_security_team",
        }
    }

    /// The kind of service that is the group's own (how `in_post_from` is read).
    pub fn own_service(self) -> ServiceKind {
        match self {
            Group::OrganisationLeader => ServiceKind::LeaderPost,
            Group::GrassrootsPolice => ServiceKind::PartTimeCommunePolice,
            Group::Guard => ServiceKind::AgencyGuard,
            Group::StreetGuard => ServiceKind::StreetGuard,
            Group::GrassrootsSecurityTeam => ServiceKind::GrassrootsSecurityTeam,
        }
    }

    /// The group's name.
    pub fn label(self) -> Text {
        match self {
            Group::OrganisationLeader => Text::new("Lãnh đạo cơ quan, tổ chức", "organisation leader"),
            Group::GrassrootsPolice => Text::new("Công an viên", "grassroots police officer"),
            Group::Guard => Text::new("Bảo vệ cơ quan, doanh nghiệp", "agency or enterprise guard"),
            Group::StreetGuard => Text::new("Bảo vệ dân phố", "street guard"),
            Group::GrassrootsSecurityTeam => {
                Text::new("Thành viên tổ bảo vệ an ninh, trật tự ở cơ sở", "grassroots security team member")
            }
        }
    }
}

/// An award the person received before (for a leader's prior award or commendation).
///
/// ```
/// use antq::medal::PriorAward;
/// let a: PriorAward = serde_json::from_str(r#"{"issuer": "provincial_police", "date": "2020-08-19"}"#).unwrap();
/// assert!(a.qualifies());
/// assert!(!a.for_movement);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PriorAward {
    /// Who issued it.
    pub issuer: Issuer,
    /// Its form, if known (not used by the rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<AwardForm>,
    /// When it was given; on or before the reference date.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub date: NaiveDate,
    /// Given for work in the "All people protect national security" movement (Circular
    /// 20/2025 counts only these; left out: no).
    #[serde(default)]
    pub for_movement: bool,
}

impl PriorAward {
    /// Whether the issuer is at district level, the provincial police, or higher (the
    /// Circular 11/2021 rule): every issuer except the commune chairman.
    pub fn qualifies(&self) -> bool {
        IssuerLevel::of(self.issuer) >= IssuerLevel::District
    }
}

/// One period of service.
///
/// ```
/// use antq::medal::{ServicePeriod, AreaKind};
/// let p: ServicePeriod = serde_json::from_str(r#"{"kind": "grassroots_security_team", "area": "border",
///     "from": "2024-07-01"}"#).unwrap();
/// assert_eq!((p.area, p.until), (AreaKind::Border, None));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServicePeriod {
    /// Kind of service.
    pub kind: ServiceKind,
    /// Kind of area (its coefficient comes from the instrument); default ordinary.
    #[serde(default)]
    pub area: AreaKind,
    /// First day.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub from: NaiveDate,
    /// Last day; left out while still serving.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    pub until: Option<NaiveDate>,
}

/// A disciplinary sanction and its period.
///
/// ```
/// use antq::medal::Discipline;
/// let d: Discipline = serde_json::from_str(r#"{"from": "2020-01-01", "until": "2020-12-31"}"#).unwrap();
/// assert!(!d.runs_on(chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Discipline {
    /// First day of the sanction.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub from: NaiveDate,
    /// Last day of the sanction; left out while it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    pub until: Option<NaiveDate>,
}

impl Discipline {
    /// Whether the sanction runs on `date`.
    pub fn runs_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|u| date <= u)
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Format 1: the first day in the post (read as one period of the group's own kind,
    /// with a note). Give `service` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    pub in_post_from: Option<NaiveDate>,
    /// Format 2: the periods of service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service: Vec<ServicePeriod>,
    /// For a leader: the level of the post (Circular 20/2025: commune level and above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_level: Option<PostLevel>,
    /// Awards received before.
    #[serde(default)]
    pub prior_awards: Vec<PriorAward>,
    /// For a leader: a serious security incident happened in the unit or area they lead.
    #[serde(default)]
    pub serious_incident_in_unit: bool,
    /// For a leader: a social-evil hotspot exists in the unit or area they lead.
    #[serde(default)]
    pub social_evil_hotspot_in_area: bool,
    /// The person already received the medal.
    #[serde(default)]
    pub already_received: bool,
    /// The person is under criminal prosecution.
    #[serde(default)]
    pub under_prosecution: bool,
    /// The person was criminally prosecuted (at any time).
    #[serde(default)]
    pub was_prosecuted: bool,
    /// The person was sent to a compulsory-education institution.
    #[serde(default)]
    pub sent_to_compulsory_education: bool,
    /// The person is under a disciplinary sanction (when its dates are not given).
    #[serde(default)]
    pub under_disciplinary_sanction: bool,
    /// Disciplinary sanctions with their periods.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disciplines: Vec<Discipline>,
    /// The person is under disciplinary review (not yet decided).
    #[serde(default)]
    pub under_disciplinary_review: bool,
    /// A complaint, denunciation or inspection concerning the person is unresolved.
    #[serde(default)]
    pub unresolved_complaint: bool,
    /// Holds the "Chiến sĩ vẻ vang" medal.
    #[serde(default)]
    pub holds_chien_si_ve_vang: bool,
    /// Holds the "Vì an ninh Tổ quốc" medal.
    #[serde(default)]
    pub holds_vi_an_ninh_to_quoc_medal: bool,
    /// Holds an order for People's Police service.
    #[serde(default)]
    pub holds_police_service_order: bool,
    /// Was stripped of the People's Police title.
    #[serde(default)]
    pub stripped_of_police_title: bool,
    /// As a collaborator, was dropped for betrayal or violations.
    #[serde(default)]
    pub dropped_as_collaborator: bool,
    /// For a team member: assessed as having completed their tasks well (unknown when left
    /// out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_tasks_well: Option<bool>,
}

impl Candidate {
    /// A candidate with only the required fields (everything else false or empty).
    ///
    /// ```
    /// use antq::medal::{Candidate, Group, Sex};
    /// let c = Candidate::new("P1", "A", Sex::Male, Group::Guard);
    /// assert!(c.service.is_empty() && c.in_post_from.is_none());
    /// ```
    pub fn new(id: impl Into<String>, name: impl Into<String>, sex: Sex, group: Group) -> Candidate {
        Candidate {
            id: id.into(),
            name: name.into(),
            sex,
            group,
            in_post_from: None,
            service: Vec::new(),
            post_level: None,
            prior_awards: Vec::new(),
            serious_incident_in_unit: false,
            social_evil_hotspot_in_area: false,
            already_received: false,
            under_prosecution: false,
            was_prosecuted: false,
            sent_to_compulsory_education: false,
            under_disciplinary_sanction: false,
            disciplines: Vec::new(),
            under_disciplinary_review: false,
            unresolved_complaint: false,
            holds_chien_si_ve_vang: false,
            holds_vi_an_ninh_to_quoc_medal: false,
            holds_police_service_order: false,
            stripped_of_police_title: false,
            dropped_as_collaborator: false,
            completed_tasks_well: None,
        }
    }

    /// The value of a fact on `date`; `None` when it is not given.
    pub fn fact(&self, f: Fact, date: NaiveDate) -> Option<bool> {
        Some(match f {
            Fact::AlreadyReceived => self.already_received,
            Fact::UnderProsecution => self.under_prosecution,
            Fact::EverProsecuted => self.under_prosecution || self.was_prosecuted,
            Fact::SentToCompulsoryEducation => self.sent_to_compulsory_education,
            Fact::UnderDisciplinarySanction => {
                self.under_disciplinary_sanction || self.disciplines.iter().any(|d| d.runs_on(date))
            }
            Fact::UnderDisciplinaryReview => self.under_disciplinary_review,
            Fact::UnresolvedComplaint => self.unresolved_complaint,
            Fact::SeriousIncidentInUnit => self.serious_incident_in_unit,
            Fact::SocialEvilHotspotInArea => self.social_evil_hotspot_in_area,
            Fact::HoldsChienSiVeVang => self.holds_chien_si_ve_vang,
            Fact::HoldsViAnNinhToQuocMedal => self.holds_vi_an_ninh_to_quoc_medal,
            Fact::HoldsPoliceServiceOrder => self.holds_police_service_order,
            Fact::StrippedOfPoliceTitle => self.stripped_of_police_title,
            Fact::DroppedAsCollaborator => self.dropped_as_collaborator,
            Fact::CompletedTasksWell => return self.completed_tasks_well,
        })
    }

    /// The service periods: `service`, or the one period `in_post_from` stands for.
    pub fn periods(&self) -> Vec<ServicePeriod> {
        match self.in_post_from {
            Some(from) if self.service.is_empty() => {
                vec![ServicePeriod { kind: self.group.own_service(), area: AreaKind::Ordinary, from, until: None }]
            }
            _ => self.service.clone(),
        }
    }
}

/// The parameters of an assessment.
///
/// ```
/// use antq::medal::{MedalParams, IssuerLevel};
/// let p: MedalParams = serde_json::from_str(r#"{"commendation_min_level": "district"}"#).unwrap();
/// assert_eq!(p.commendation_min_level, Some(IssuerLevel::District));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MedalParams {
    /// The lowest issuer level of a leader's commendation under Circular 20/2025, which
    /// DOMAIN does not give (illustrative; the instrument's default, any level, when left
    /// out). No effect under Circular 11/2021.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commendation_min_level: Option<IssuerLevel>,
}

fn one() -> u32 {
    1
}

/// Several candidates assessed on one reference date.
///
/// ```
/// use antq::medal::MedalInput;
/// let i: MedalInput = serde_json::from_str(r#"{"reference_date": "2024-08-19", "candidates": []}"#).unwrap();
/// assert_eq!(i.format_version, 1);
/// assert!(antq::medal::assess_all(&i).unwrap().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MedalInput {
    /// 1 (`in_post_from` only) or 2 (adds `service` periods); 1 when left out.
    #[serde(default = "one")]
    pub format_version: u32,
    /// The date of the proposal: it chooses the instrument in force.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub reference_date: NaiveDate,
    /// Apply this instrument (`vn.medal-2021`, `vn.medal-2025`) instead of the one in force
    /// on the date; an error (`not_in_force`) outside its period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    /// Parameters.
    #[serde(default)]
    pub params: MedalParams,
    /// The candidates; ids are unique.
    pub candidates: Vec<Candidate>,
}

impl MedalInput {
    /// Reads the input from JSON or TOML text (`name` is used in error locations and
    /// chooses the syntax by its extension), under the default limits.
    ///
    /// ```
    /// let e = antq::medal::MedalInput::from_str_named("x.json", "{}").unwrap_err();
    /// assert_eq!(e.code(), "invalid_medal_input");
    /// ```
    pub fn from_str_named(name: &str, text: &str) -> crate::Result<MedalInput> {
        crate::read::source::read_input(name, text).map_err(|e| match e {
            Error::InvalidDataset(p) => Error::InvalidMedalInput(p),
            other => other,
        })
    }
}

/// The result for one candidate.
///
/// ```
/// use antq::medal::MedalOutcome;
/// assert_eq!(MedalOutcome::NotCovered.as_str(), "not_covered");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MedalOutcome {
    /// Every condition is met.
    Eligible,
    /// A condition that excludes the medal (now) is not met.
    NotEligible,
    /// Only a deferral stands in the way: consider again after it.
    Deferred,
    /// A fact a condition needs is not given.
    Undetermined,
    /// The instrument does not name the candidate's group.
    NotCovered,
}

impl MedalOutcome {
    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            MedalOutcome::Eligible => "eligible",
            MedalOutcome::NotEligible => "not_eligible",
            MedalOutcome::Deferred => "deferred",
            MedalOutcome::Undetermined => "undetermined",
            MedalOutcome::NotCovered => "not_covered",
        }
    }

    /// The outcome's name.
    pub fn label(self) -> Text {
        match self {
            MedalOutcome::Eligible => Text::new("Đủ điều kiện", "eligible"),
            MedalOutcome::NotEligible => Text::new("Không đủ điều kiện", "not eligible"),
            MedalOutcome::Deferred => Text::new("Chưa xét tặng", "deferred"),
            MedalOutcome::Undetermined => Text::new("Chưa đủ thông tin", "undetermined"),
            MedalOutcome::NotCovered => Text::new("Không thuộc đối tượng được nêu", "group not named"),
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConditionCode {
    /// The instrument names the candidate's group.
    GroupNamed,
    /// The medal is given once per person.
    OncePerPerson,
    /// Not prosecuted (11/2021: while; 20/2025: ever).
    NotProsecuted,
    /// Not sent to a compulsory-education institution.
    NotInCompulsoryEducation,
    /// Does not hold the "Chiến sĩ vẻ vang" medal.
    NoChienSiVeVang,
    /// Does not hold the "Vì an ninh Tổ quốc" medal.
    NoViAnNinhToQuocMedal,
    /// Holds no order for People's Police service.
    NoPoliceServiceOrder,
    /// Not stripped of the People's Police title.
    NotStrippedOfPoliceTitle,
    /// Not dropped as a collaborator for betrayal or violations.
    NotDroppedAsCollaborator,
    /// Years in post or in service.
    ServiceYears,
    /// A leader's post at commune level or above.
    PostLevel,
    /// A leader's prior award from district level, the provincial police or higher.
    PriorAward,
    /// A leader commended at least once for work in the movement.
    MovementCommendation,
    /// No social-evil hotspot in a leader's unit or area.
    NoSocialEvilHotspot,
    /// No serious incident in a leader's unit or area.
    NoSeriousIncident,
    /// A team member assessed as having completed their tasks well.
    CompletedTasksWell,
    /// Not during a disciplinary sanction.
    NoDisciplinarySanction,
    /// Not under disciplinary review.
    NoDisciplinaryReview,
    /// No unresolved complaint, denunciation or inspection.
    NoUnresolvedComplaint,
}

impl ConditionCode {
    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            ConditionCode::GroupNamed => "group_named",
            ConditionCode::OncePerPerson => "once_per_person",
            ConditionCode::NotProsecuted => "not_prosecuted",
            ConditionCode::NotInCompulsoryEducation => "not_in_compulsory_education",
            ConditionCode::NoChienSiVeVang => "no_chien_si_ve_vang",
            ConditionCode::NoViAnNinhToQuocMedal => "no_vi_an_ninh_to_quoc_medal",
            ConditionCode::NoPoliceServiceOrder => "no_police_service_order",
            ConditionCode::NotStrippedOfPoliceTitle => "not_stripped_of_police_title",
            ConditionCode::NotDroppedAsCollaborator => "not_dropped_as_collaborator",
            ConditionCode::ServiceYears => "service_years",
            ConditionCode::PostLevel => "post_level",
            ConditionCode::PriorAward => "prior_award",
            ConditionCode::MovementCommendation => "movement_commendation",
            ConditionCode::NoSocialEvilHotspot => "no_social_evil_hotspot",
            ConditionCode::NoSeriousIncident => "no_serious_incident",
            ConditionCode::CompletedTasksWell => "completed_tasks_well",
            ConditionCode::NoDisciplinarySanction => "no_disciplinary_sanction",
            ConditionCode::NoDisciplinaryReview => "no_disciplinary_review",
            ConditionCode::NoUnresolvedComplaint => "no_unresolved_complaint",
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Condition {
    /// Which condition.
    pub code: ConditionCode,
    /// Whether it is met (false when unknown).
    pub met: bool,
    /// What failing it means for the outcome (`undetermined` when the fact is unknown).
    pub effect: MedalOutcome,
    /// What was observed (a number of years or awards, `yes` / `no`, or `unknown`).
    pub observed: String,
    /// What passes.
    pub threshold: String,
    /// A sentence in both languages.
    pub explanation: Text,
    /// The rule's mark.
    pub certainty: Certainty,
}

/// How one service period was counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CountedPeriod {
    /// Kind of service.
    pub kind: ServiceKind,
    /// Kind of area.
    pub area: AreaKind,
    /// First day given.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub from: NaiveDate,
    /// Last day given (none: still serving).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    pub until: Option<NaiveDate>,
    /// Whether the group counts this kind of service.
    pub counted: bool,
    /// The coefficient applied (1 when the group is not weighted).
    pub coefficient: u32,
    /// Calendar days counted (before the reference date and after any discipline; days
    /// shared with another period are counted once in the total).
    pub days: u64,
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
/// assert_eq!(a.instrument.id, "vn.medal-2021");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub reference_date: NaiveDate,
    /// The instrument applied.
    pub instrument: InstrumentRef,
    /// The outcome.
    pub outcome: MedalOutcome,
    /// Whole years of counted service (see the module docs).
    pub service_years: u32,
    /// Whole years required for the group and sex (0 when the group is not named).
    pub required_years: u32,
    /// Weighted days of counted service.
    pub service_days: u64,
    /// The first counted day, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    pub service_counted_from: Option<NaiveDate>,
    /// How each period was counted, in input order.
    pub service: Vec<CountedPeriod>,
    /// Every condition checked, in the instrument's order.
    pub conditions: Vec<Condition>,
    /// The explanations of the failing conditions (empty when eligible).
    pub reasons: Vec<Text>,
    /// Parameters used (those the instrument has).
    pub parameters: MedalParams,
    /// Parameters that are not published rules.
    pub illustrative: Vec<String>,
    /// Notes on how the input was read (e.g. a format 1 `in_post_from`).
    pub notes: Vec<Text>,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
    /// How certain the instrument's rules are.
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

/// Counted service: the weighted days, the first counted day and the whole years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// The first counted day.
    pub first_day: Option<NaiveDate>,
    /// Weighted days.
    pub days: u64,
    /// Whole years of a continuous service of `days` days from `first_day`.
    pub years: u32,
    /// Each period as counted.
    pub periods: Vec<CountedPeriod>,
}

/// Counts `periods` of the kinds in `counts`, each day once with the highest coefficient
/// of the periods covering it (`coefficient` of its area), from `start` (if any) to the
/// day before `on` (see the module docs).
///
/// ```
/// use antq::medal::{count_service, ServicePeriod, ServiceKind, AreaKind};
/// let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let p = vec![ServicePeriod { kind: ServiceKind::GrassrootsSecurityTeam, area: AreaKind::Island,
///     from: d(2018, 1, 1), until: None }];
/// let s = count_service(&p, &[ServiceKind::GrassrootsSecurityTeam], |_| 2, None, d(2026, 1, 1));
/// assert_eq!((s.years, s.days), (16, 2 * 2922)); // 8 years (2,922 days) counted twice
/// ```
pub fn count_service(
    periods: &[ServicePeriod],
    counts: &[ServiceKind],
    coefficient: impl Fn(AreaKind) -> u32,
    start: Option<NaiveDate>,
    on: NaiveDate,
) -> Service {
    // Half-open intervals [a, b) with their coefficient.
    let mut spans: Vec<(NaiveDate, NaiveDate, u32)> = Vec::new();
    let mut out = Vec::with_capacity(periods.len());
    for p in periods {
        let counted = counts.contains(&p.kind);
        let c = if counted { coefficient(p.area).max(1) } else { 1 };
        let a = start.map_or(p.from, |s| p.from.max(s));
        let b = p.until.and_then(|u| u.succ_opt()).map_or(on, |u| u.min(on));
        let days = if a < b { u64::try_from((b - a).num_days()).unwrap_or(0) } else { 0 };
        if counted && days > 0 {
            spans.push((a, b, c));
        }
        out.push(CountedPeriod {
            kind: p.kind,
            area: p.area,
            from: p.from,
            until: p.until,
            counted,
            coefficient: c,
            days: if counted { days } else { 0 },
        });
    }
    let mut cuts: Vec<NaiveDate> = spans.iter().flat_map(|s| [s.0, s.1]).collect();
    cuts.sort();
    cuts.dedup();
    let mut total: u64 = 0;
    for w in cuts.windows(2) {
        let (x, y) = (w[0], w[1]);
        if let Some(c) = spans.iter().filter(|s| s.0 <= x && x < s.1).map(|s| s.2).max() {
            let n = u64::try_from((y - x).num_days()).unwrap_or(0);
            total = total.saturating_add(n.saturating_mul(u64::from(c)));
        }
    }
    let first_day = spans.iter().map(|s| s.0).min();
    let years = first_day.map_or(0, |f| whole_years(f, f.checked_add_days(Days::new(total)).unwrap_or(NaiveDate::MAX)));
    Service { first_day, days: total, years, periods: out }
}

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
        return Err(Error::InvalidMedalInput(vec![Problem::new(
            ProblemCode::UnknownReference,
            Location::path("instrument"),
            format!("`{id}` is not a medal instrument antq encodes (known: {})", known.join(", ")),
        )]));
    };
    crate::law::ensure_in_force(&rules.id, Some(&rules.family), &rules.effective, date)?;
    Ok(rules)
}

fn problems(c: &Candidate, version: u32, on: NaiveDate, at: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut bad =
        |code: ProblemCode, path: String, msg: String| out.push(Problem::new(code, Location::path(path), msg));
    if c.id.is_empty() {
        bad(ProblemCode::BadValue, format!("{at}.id"), "candidate id is empty".into());
    }
    match (c.in_post_from, c.service.is_empty()) {
        (Some(_), false) => bad(
            ProblemCode::BadValue,
            format!("{at}.service"),
            format!("candidate `{}`: give either in_post_from (format 1) or service (format 2), not both", c.id),
        ),
        (None, true) => bad(
            ProblemCode::BadValue,
            format!("{at}.service"),
            format!("candidate `{}`: no service period (give service, or in_post_from in format 1)", c.id),
        ),
        _ => {}
    }
    if let Some(from) = c.in_post_from
        && from > on
    {
        bad(
            ProblemCode::BadValue,
            format!("{at}.in_post_from"),
            format!("candidate `{}`: in_post_from {from} is after the reference date {on}", c.id),
        );
    }
    if !c.service.is_empty() && version < 2 {
        bad(
            ProblemCode::FormatVersion,
            format!("{at}.service"),
            format!("candidate `{}`: service periods need format_version 2 (found {version})", c.id),
        );
    }
    if c.service.len() > MAX_SERVICE_PERIODS {
        bad(
            ProblemCode::Limit,
            format!("{at}.service"),
            format!("candidate `{}`: {} service periods, at most {MAX_SERVICE_PERIODS}", c.id, c.service.len()),
        );
    }
    for (j, p) in c.service.iter().enumerate() {
        if p.from > on {
            bad(
                ProblemCode::BadValue,
                format!("{at}.service[{j}].from"),
                format!("candidate `{}`: a period starting {} is after the reference date {on}", c.id, p.from),
            );
        }
        if let Some(u) = p.until
            && u < p.from
        {
            bad(
                ProblemCode::BadValue,
                format!("{at}.service[{j}].until"),
                format!("candidate `{}`: a period ends on {u}, before it starts on {}", c.id, p.from),
            );
        }
    }
    for (j, a) in c.prior_awards.iter().enumerate() {
        if a.date > on {
            bad(
                ProblemCode::BadValue,
                format!("{at}.prior_awards[{j}].date"),
                format!("candidate `{}`: a prior award dated {} is after the reference date {on}", c.id, a.date),
            );
        }
    }
    for (j, d) in c.disciplines.iter().enumerate() {
        if let Some(u) = d.until
            && u < d.from
        {
            bad(
                ProblemCode::BadValue,
                format!("{at}.disciplines[{j}].until"),
                format!("candidate `{}`: a discipline ends on {u}, before it starts on {}", c.id, d.from),
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
        out.push(Problem::new(
            ProblemCode::FormatVersion,
            Location::path("format_version"),
            format!("format_version {} is not one this antq reads (1 or 2)", input.format_version),
        ));
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, c) in input.candidates.iter().enumerate() {
        out.extend(problems(c, input.format_version, input.reference_date, &format!("candidates[{i}]")));
        if !c.id.is_empty() && !seen.insert(&c.id) {
            out.push(Problem::new(
                ProblemCode::DuplicateId,
                Location::path(format!("candidates[{i}].id")),
                format!("candidate `{}` is listed twice", c.id),
            ));
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
        let known = |v: Option<bool>, pass_when: bool, field: &str| match v {
            None => (false, MedalOutcome::Undetermined, "unknown".to_owned(), unknown_text(field, &rule.pass)),
            Some(b) => {
                let met = b == pass_when;
                (met, rule.effect, yes_no(b), if met { rule.pass.clone() } else { rule.fail.clone() })
            }
        };
        let (met, effect, observed, threshold, explanation) = match &rule.test {
            ConditionTest::Flag(f) => {
                let (m, e, o, x) = known(c.fact(*f, on), false, f.as_str());
                (m, e, o, "no".to_owned(), x)
            }
            ConditionTest::Required(f) => {
                let (m, e, o, x) = known(c.fact(*f, on), true, f.as_str());
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
                let q: Vec<&PriorAward> = c
                    .prior_awards
                    .iter()
                    .filter(|a| IssuerLevel::of(a.issuer) >= min && (!t.for_movement || a.for_movement))
                    .collect();
                let met = !q.is_empty();
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
                (met, rule.effect, q.len().to_string(), threshold, x)
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

fn unknown_text(field: &str, pass: &Text) -> Text {
    Text::new(
        format!("Chưa rõ `{field}`: cần biết để xét điều kiện “{}”", pass.vi),
        format!("`{field}` is not given: it is needed for “{}”", pass.en),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn person(group: Group, sex: Sex, from: NaiveDate) -> Candidate {
        let mut c = Candidate::new("P", "Nguyễn Văn A", sex, group);
        c.in_post_from = Some(from);
        c
    }

    fn period(kind: ServiceKind, area: AreaKind, from: NaiveDate, until: Option<NaiveDate>) -> ServicePeriod {
        ServicePeriod { kind, area, from, until }
    }

    fn member(sex: Sex, service: Vec<ServicePeriod>) -> Candidate {
        let mut c = Candidate::new("M", "Lê Thị C", sex, Group::GrassrootsSecurityTeam);
        c.service = service;
        c.completed_tasks_well = Some(true);
        c
    }

    fn award(issuer: Issuer) -> PriorAward {
        PriorAward { issuer, form: Some(AwardForm::GiayKhen), date: d(2020, 8, 19), for_movement: false }
    }

    fn leader(from: NaiveDate) -> Candidate {
        let mut c = person(Group::OrganisationLeader, Sex::Male, from);
        c.prior_awards.push(award(Issuer::DistrictChairman));
        c
    }

    fn leader_2025(from: NaiveDate) -> Candidate {
        let mut c = leader(from);
        c.post_level = Some(PostLevel::Commune);
        c.prior_awards[0].for_movement = true;
        c
    }

    fn failed(a: &MedalAssessment) -> Vec<ConditionCode> {
        a.failed().map(|c| c.code).collect()
    }

    fn r2025() -> &'static MedalRules {
        MedalRules::get("vn.medal-2025").unwrap()
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
        assert_eq!(a.instrument.id, "vn.medal-2021");
        let a = assess(&leader(d(2019, 8, 20)), on).unwrap();
        assert_eq!((a.outcome, failed(&a)), (MedalOutcome::NotEligible, vec![ConditionCode::ServiceYears]));
        let s = a.condition(ConditionCode::ServiceYears).unwrap();
        assert_eq!((s.observed.as_str(), s.threshold.as_str()), ("4", "≥ 5"));
        assert_eq!(a.reasons.len(), 1);
        assert_eq!(a.notes.len(), 1, "format 1 in_post_from is noted");
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
    fn serious_incident_and_hotspot_bar_a_leader_only() {
        let mut c = leader(d(2010, 1, 1));
        c.serious_incident_in_unit = true;
        c.social_evil_hotspot_in_area = true;
        let a = assess(&c, d(2024, 8, 19)).unwrap();
        assert_eq!(
            (a.outcome, failed(&a)),
            (MedalOutcome::NotEligible, vec![ConditionCode::NoSocialEvilHotspot, ConditionCode::NoSeriousIncident])
        );
        let mut g = person(Group::Guard, Sex::Male, d(2000, 1, 1));
        g.serious_incident_in_unit = true;
        let a = assess(&g, d(2024, 8, 19)).unwrap();
        assert_eq!(a.outcome, MedalOutcome::Eligible);
        assert!(a.condition(ConditionCode::NoSeriousIncident).is_none());
        assert!(a.condition(ConditionCode::PriorAward).is_none());
    }

    #[test]
    fn grassroots_groups_need_15_years_for_men_and_10_for_women_under_2021() {
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
        c.under_prosecution = false;
        c.under_disciplinary_sanction = false;
        c.sent_to_compulsory_education = true;
        let a = assess(&c, d(2024, 8, 19)).unwrap();
        assert_eq!(failed(&a), vec![ConditionCode::NotInCompulsoryEducation]);
    }

    #[test]
    fn sanction_defers_only_an_otherwise_eligible_person() {
        let mut c = person(Group::Guard, Sex::Female, d(2010, 1, 1));
        c.under_disciplinary_sanction = true;
        let a = assess(&c, d(2024, 8, 19)).unwrap();
        assert_eq!(a.outcome, MedalOutcome::Deferred);
        assert_eq!(a.condition(ConditionCode::NoDisciplinarySanction).unwrap().effect, MedalOutcome::Deferred);
        c.in_post_from = Some(d(2020, 1, 1));
        let a = assess(&c, d(2024, 8, 19)).unwrap();
        assert_eq!(a.outcome, MedalOutcome::NotEligible, "too short and sanctioned: not eligible");
        // A dated discipline running on the date defers too; one that ended does not.
        let mut c = person(Group::Guard, Sex::Female, d(2010, 1, 1));
        c.disciplines.push(Discipline { from: d(2024, 1, 1), until: Some(d(2024, 12, 31)) });
        assert_eq!(assess(&c, d(2024, 8, 19)).unwrap().outcome, MedalOutcome::Deferred);
        assert_eq!(assess(&c, d(2025, 1, 1)).unwrap().outcome, MedalOutcome::Eligible);
    }

    #[test]
    fn every_2021_condition_is_reported_in_order() {
        let a = assess(&leader(d(2010, 1, 1)), d(2024, 8, 19)).unwrap();
        let all: Vec<ConditionCode> = a.conditions.iter().map(|c| c.code).collect();
        assert_eq!(
            all,
            vec![
                ConditionCode::OncePerPerson,
                ConditionCode::NotProsecuted,
                ConditionCode::NotInCompulsoryEducation,
                ConditionCode::ServiceYears,
                ConditionCode::PriorAward,
                ConditionCode::NoSocialEvilHotspot,
                ConditionCode::NoSeriousIncident,
                ConditionCode::NoDisciplinarySanction,
            ]
        );
        assert!(a.conditions.iter().all(|c| c.certainty == Certainty::Verified));
        let g = assess(&person(Group::Guard, Sex::Male, d(2000, 1, 1)), d(2024, 8, 19)).unwrap();
        assert_eq!(g.conditions.len(), 5);
        assert_eq!(g.legal_basis[0].document, "11/2021/TT-BCA");
        assert!(g.illustrative.is_empty() && g.parameters == MedalParams::default());
    }

    #[test]
    fn the_same_leader_on_27_and_28_april_2025() {
        // 7 years in post, a district award not marked for the movement: eligible under
        // 11/2021 (≥ 5 years, district award); not under 20/2025 (< 10 years, and no
        // commendation for work in the movement).
        let mut c = leader(d(2018, 4, 27));
        c.post_level = Some(PostLevel::Commune);
        let before = assess(&c, d(2025, 4, 27)).unwrap();
        assert_eq!((before.outcome, before.instrument.id.as_str()), (MedalOutcome::Eligible, "vn.medal-2021"));
        let after = assess(&c, d(2025, 4, 28)).unwrap();
        assert_eq!(after.instrument.id, "vn.medal-2025");
        assert_eq!(after.outcome, MedalOutcome::NotEligible);
        assert_eq!(failed(&after), vec![ConditionCode::ServiceYears, ConditionCode::MovementCommendation]);
        assert_eq!((after.service_years, after.required_years), (7, 10));
        assert_eq!(after.certainty, Certainty::Partial);
        assert_eq!(after.illustrative, vec!["commendation_min_level".to_string()]);
        assert_eq!(after.parameters.commendation_min_level, Some(IssuerLevel::Commune));
        assert_eq!(after.instrument.content_hash, r2025().content_hash());
    }

    #[test]
    fn leader_2025_commendation_level_is_a_parameter_and_post_level_counts() {
        let on = d(2026, 1, 5);
        let mut c = leader_2025(d(2015, 1, 1));
        c.prior_awards[0].issuer = Issuer::CommuneChairman;
        let a = assess(&c, on).unwrap();
        assert_eq!(a.outcome, MedalOutcome::Eligible, "{:?}", a.reasons);
        let district = MedalParams { commendation_min_level: Some(IssuerLevel::District) };
        let a = assess_with(&c, on, r2025(), district);
        assert_eq!(failed(&a), vec![ConditionCode::MovementCommendation]);
        assert_eq!(a.parameters, district);
        assert_eq!(
            a.condition(ConditionCode::MovementCommendation).unwrap().threshold,
            "≥ 1 (issuer level ≥ district, for the movement)"
        );
        c.post_level = Some(PostLevel::BelowCommune);
        assert_eq!(failed(&assess(&c, on).unwrap()), vec![ConditionCode::PostLevel]);
        c.post_level = None;
        let a = assess(&c, on).unwrap();
        assert_eq!(a.outcome, MedalOutcome::Undetermined);
        assert_eq!(a.condition(ConditionCode::PostLevel).unwrap().observed, "unknown");
    }

    #[test]
    fn team_member_counts_earlier_service_and_women_need_10_years() {
        let on = d(2026, 3, 1);
        let c = member(
            Sex::Female,
            vec![
                period(ServiceKind::PartTimeCommunePolice, AreaKind::Ordinary, d(2016, 3, 1), Some(d(2024, 6, 30))),
                period(ServiceKind::GrassrootsSecurityTeam, AreaKind::Ordinary, d(2024, 7, 1), None),
            ],
        );
        let a = assess(&c, on).unwrap();
        assert_eq!((a.outcome, a.service_years, a.required_years), (MedalOutcome::Eligible, 10, 10));
        assert_eq!(a.service_counted_from, Some(d(2016, 3, 1)));
        let a = assess(&c, d(2026, 2, 28)).unwrap();
        assert_eq!((a.outcome, a.service_years), (MedalOutcome::NotEligible, 9));
        // A street guard period does not count for a team member.
        let mut s = c.clone();
        s.service[0].kind = ServiceKind::StreetGuard;
        let a = assess(&s, on).unwrap();
        assert_eq!(a.service_years, 1);
        assert!(!a.service[0].counted);
        // Unknown task assessment: undetermined.
        let mut u = c.clone();
        u.completed_tasks_well = None;
        assert_eq!(assess(&u, on).unwrap().outcome, MedalOutcome::Undetermined);
        u.completed_tasks_well = Some(false);
        assert_eq!(failed(&assess(&u, on).unwrap()), vec![ConditionCode::CompletedTasksWell]);
    }

    #[test]
    fn border_island_and_hardship_service_counts_twice() {
        let on = d(2026, 1, 1);
        // 7½ years on the border count as 15.
        let c = member(Sex::Male, vec![period(ServiceKind::CivilProtection, AreaKind::Border, d(2018, 7, 1), None)]);
        let a = assess(&c, on).unwrap();
        assert_eq!((a.outcome, a.service_years, a.service[0].coefficient), (MedalOutcome::Eligible, 15, 2));
        // 15 years from 1 July 2018 are 5,479 days (four 29 Februaries); 2,740 calendar days
        // ×2 reach them on 31 December 2025, one day before the "half anniversary".
        assert_eq!(assess(&c, d(2025, 12, 31)).unwrap().service_years, 15);
        let a = assess(&c, d(2025, 12, 30)).unwrap();
        assert_eq!((a.service_years, a.service_days), (14, 5478));
        let mut ordinary = c.clone();
        ordinary.service[0].area = AreaKind::Ordinary;
        assert_eq!(assess(&ordinary, on).unwrap().service_years, 7);
        // Overlapping periods count each day once, at the highest coefficient.
        let both = member(
            Sex::Male,
            vec![
                period(ServiceKind::CivilProtection, AreaKind::Ordinary, d(2018, 7, 1), None),
                period(ServiceKind::GrassrootsSecurityTeam, AreaKind::Island, d(2018, 7, 1), None),
            ],
        );
        let a = assess(&both, on).unwrap();
        assert_eq!(a.service_years, 15);
        assert_eq!(a.service_days, 2 * u64::try_from((on - d(2018, 7, 1)).num_days()).unwrap());
        // Leaders are not weighted.
        let mut l = leader_2025(d(2021, 1, 1));
        l.in_post_from = None;
        l.service = vec![period(ServiceKind::LeaderPost, AreaKind::Island, d(2016, 1, 1), None)];
        let a = assess(&l, on).unwrap();
        assert_eq!((a.service_years, a.service[0].coefficient), (10, 1));
    }

    #[test]
    fn each_2025_exclusion_and_deferral() {
        let on = d(2026, 1, 1);
        let base =
            member(Sex::Male, vec![period(ServiceKind::GrassrootsSecurityTeam, AreaKind::Island, d(2010, 1, 1), None)]);
        assert_eq!(assess(&base, on).unwrap().outcome, MedalOutcome::Eligible);
        type Set = fn(&mut Candidate);
        let cases: [(Set, ConditionCode, MedalOutcome); 10] = [
            (|c| c.already_received = true, ConditionCode::OncePerPerson, MedalOutcome::NotEligible),
            (|c| c.holds_chien_si_ve_vang = true, ConditionCode::NoChienSiVeVang, MedalOutcome::NotEligible),
            (
                |c| c.holds_vi_an_ninh_to_quoc_medal = true,
                ConditionCode::NoViAnNinhToQuocMedal,
                MedalOutcome::NotEligible,
            ),
            (|c| c.holds_police_service_order = true, ConditionCode::NoPoliceServiceOrder, MedalOutcome::NotEligible),
            (|c| c.stripped_of_police_title = true, ConditionCode::NotStrippedOfPoliceTitle, MedalOutcome::NotEligible),
            (|c| c.was_prosecuted = true, ConditionCode::NotProsecuted, MedalOutcome::NotEligible),
            (
                |c| c.sent_to_compulsory_education = true,
                ConditionCode::NotInCompulsoryEducation,
                MedalOutcome::NotEligible,
            ),
            (|c| c.dropped_as_collaborator = true, ConditionCode::NotDroppedAsCollaborator, MedalOutcome::NotEligible),
            (|c| c.under_disciplinary_review = true, ConditionCode::NoDisciplinaryReview, MedalOutcome::Deferred),
            (|c| c.unresolved_complaint = true, ConditionCode::NoUnresolvedComplaint, MedalOutcome::Deferred),
        ];
        for (set, code, outcome) in cases {
            let mut c = base.clone();
            set(&mut c);
            let a = assess(&c, on).unwrap();
            assert_eq!((a.outcome, failed(&a)), (outcome, vec![code]), "{code:?}");
        }
        // These exclusions are not in 11/2021.
        let mut old = person(Group::Guard, Sex::Male, d(2000, 1, 1));
        old.holds_chien_si_ve_vang = true;
        old.under_disciplinary_review = true;
        assert_eq!(assess(&old, d(2024, 8, 19)).unwrap().outcome, MedalOutcome::Eligible);
    }

    #[test]
    fn after_a_discipline_time_counts_again_from_its_end() {
        let on = d(2026, 1, 1);
        let mut c = member(
            Sex::Female,
            vec![period(ServiceKind::GrassrootsSecurityTeam, AreaKind::Ordinary, d(2005, 1, 1), None)],
        );
        assert_eq!(assess(&c, on).unwrap().service_years, 21);
        c.disciplines.push(Discipline { from: d(2015, 1, 1), until: Some(d(2016, 12, 31)) });
        let a = assess(&c, on).unwrap();
        assert_eq!((a.service_years, a.service_counted_from), (9, Some(d(2017, 1, 1))));
        assert_eq!(a.outcome, MedalOutcome::NotEligible);
        assert!(
            a.condition(ConditionCode::ServiceYears).unwrap().explanation.en.contains("after the end of a discipline")
        );
        assert_eq!(assess(&c, d(2027, 1, 1)).unwrap().outcome, MedalOutcome::Eligible);
        // While a discipline runs nothing counts.
        c.disciplines.push(Discipline { from: d(2025, 6, 1), until: None });
        let a = assess(&c, on).unwrap();
        assert_eq!((a.service_years, a.outcome), (0, MedalOutcome::NotEligible));
        // 11/2021 does not restart the count (it defers during the sanction).
        let mut g = person(Group::Guard, Sex::Female, d(2005, 1, 1));
        g.disciplines.push(Discipline { from: d(2015, 1, 1), until: Some(d(2016, 12, 31)) });
        assert_eq!(assess(&g, d(2024, 1, 1)).unwrap().service_years, 19);
    }

    #[test]
    fn groups_not_named_get_a_clear_answer() {
        let on = d(2026, 1, 5);
        for g in [Group::StreetGuard, Group::Guard, Group::GrassrootsPolice] {
            let a = assess(&person(g, Sex::Male, d(2000, 1, 1)), on).unwrap();
            assert_eq!((a.outcome, failed(&a)[0]), (MedalOutcome::NotCovered, ConditionCode::GroupNamed), "{g:?}");
            assert!(a.reasons[0].en.contains("does not name"), "{:?}", a.reasons);
            assert_eq!(a.required_years, 0);
            assert!(a.condition(ConditionCode::ServiceYears).is_none());
        }
        let a = assess(&person(Group::StreetGuard, Sex::Male, d(2000, 1, 1)), on).unwrap();
        assert!(a.reasons[0].en.contains("not found"));
        let a = assess(
            &member(
                Sex::Male,
                vec![period(ServiceKind::GrassrootsSecurityTeam, AreaKind::Ordinary, d(2024, 7, 1), None)],
            ),
            d(2025, 1, 1),
        )
        .unwrap();
        assert_eq!(a.outcome, MedalOutcome::NotCovered);
    }

    #[test]
    fn instruments_are_chosen_by_date_and_refused_outside_their_period() {
        let c = person(Group::Guard, Sex::Male, d(2000, 1, 1));
        assert_eq!(assess(&c, d(2020, 12, 31)).unwrap_err().code(), "not_in_force");
        let mut input = MedalInput {
            format_version: 2,
            reference_date: d(2026, 1, 1),
            instrument: None,
            params: MedalParams::default(),
            candidates: vec![c],
        };
        assert_eq!(assess_all(&input).unwrap()[0].instrument.id, "vn.medal-2025");
        input.instrument = Some("vn.medal-2021".into());
        let Err(Error::NotInForce(e)) = assess_all(&input) else { panic!("expected not_in_force") };
        assert_eq!((e.until, e.instead.as_deref()), (Some(d(2025, 4, 27)), Some("vn.medal-2025")));
        input.instrument = Some("vn.medal-2099".into());
        let e = assess_all(&input).unwrap_err();
        assert_eq!((e.code(), e.problems()[0].location.path.as_deref()), ("invalid_medal_input", Some("instrument")));
        input.instrument = Some("vn.medal-2021".into());
        input.reference_date = d(2025, 4, 27);
        assert_eq!(assess_all(&input).unwrap()[0].outcome, MedalOutcome::Eligible);
    }

    #[test]
    fn invalid_input_names_id_and_field() {
        let mut c = leader(d(2025, 1, 1));
        c.prior_awards[0].date = d(2025, 9, 1);
        let e = assess(&c, d(2024, 8, 19)).unwrap_err();
        let paths: Vec<&str> = e.problems().iter().filter_map(|p| p.location.path.as_deref()).collect();
        assert_eq!(paths, vec!["candidate.in_post_from", "candidate.prior_awards[0].date"]);
        assert!(e.problems()[0].message.contains("candidate `P`"));
        assert_eq!(e.code(), "invalid_medal_input");

        let ok = person(Group::Guard, Sex::Male, d(2000, 1, 1));
        let mut empty = ok.clone();
        empty.id.clear();
        let mut both = ok.clone();
        both.id = "B".into();
        both.service.push(period(ServiceKind::AgencyGuard, AreaKind::Ordinary, d(2001, 1, 1), Some(d(2000, 1, 1))));
        let mut none = ok.clone();
        none.id = "N".into();
        none.in_post_from = None;
        let input = MedalInput {
            format_version: 1,
            reference_date: d(2024, 8, 19),
            instrument: None,
            params: MedalParams::default(),
            candidates: vec![ok.clone(), ok, empty, both, none],
        };
        let e = assess_all(&input).unwrap_err();
        let got: Vec<(ProblemCode, &str)> =
            e.problems().iter().map(|p| (p.code, p.location.path.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            got,
            vec![
                (ProblemCode::DuplicateId, "candidates[1].id"),
                (ProblemCode::BadValue, "candidates[2].id"),
                (ProblemCode::BadValue, "candidates[3].service"),
                (ProblemCode::FormatVersion, "candidates[3].service"),
                (ProblemCode::BadValue, "candidates[3].service[0].until"),
                (ProblemCode::BadValue, "candidates[4].service"),
            ]
        );
        let bad = MedalInput { format_version: 3, candidates: vec![], ..input };
        assert_eq!(assess_all(&bad).unwrap_err().problems()[0].code, ProblemCode::FormatVersion);
        let e = MedalInput::from_str_named("m.json", r#"{"reference_date": "2024-08-19", "candidates": [{"id": 1}]}"#)
            .unwrap_err();
        assert_eq!(e.code(), "invalid_medal_input");
    }

    #[test]
    fn assess_all_keeps_input_order() {
        let mut a = person(Group::Guard, Sex::Male, d(2000, 1, 1));
        a.id = "A".into();
        let mut b = person(Group::Guard, Sex::Male, d(2020, 1, 1));
        b.id = "B".into();
        let input = MedalInput {
            format_version: 1,
            reference_date: d(2024, 8, 19),
            instrument: None,
            params: MedalParams::default(),
            candidates: vec![b, a],
        };
        let out = assess_all(&input).unwrap();
        let got: Vec<(&str, MedalOutcome)> = out.iter().map(|a| (a.id.as_str(), a.outcome)).collect();
        assert_eq!(got, vec![("B", MedalOutcome::NotEligible), ("A", MedalOutcome::Eligible)]);
    }

    #[test]
    fn serde_refuses_unknown_fields_and_round_trips() {
        let bad = r#"{"id": "P", "name": "A", "sex": "male", "group": "guard", "in_post_from": "2000-01-01", "x": 1}"#;
        assert!(serde_json::from_str::<Candidate>(bad).is_err());
        assert!(serde_json::from_str::<PriorAward>(r#"{"issuer": "minister", "date": "2020-01-01", "x": 1}"#).is_err());
        assert!(
            serde_json::from_str::<ServicePeriod>(
                r#"{"kind": "street_guard", "from": "2020-01-01", "coefficient": 2}"#
            )
            .is_err()
        );
        for on in [d(2024, 8, 19), d(2025, 8, 19)] {
            let a = assess(&leader_2025(d(2010, 1, 1)), on).unwrap();
            let back: MedalAssessment = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
            assert_eq!(back, a);
        }
        assert_eq!(serde_json::to_string(&MedalOutcome::NotEligible).unwrap(), "\"not_eligible\"");
        assert_eq!(Group::GrassrootsPolice.as_str(), "grassroots_police");
        for g in Group::ALL {
            assert_eq!(serde_json::to_string(&g).unwrap(), format!("\"{}\"", g.as_str()));
        }
    }

    #[test]
    fn count_service_clamps_to_the_reference_date_and_the_restart() {
        let p = vec![period(ServiceKind::StreetGuard, AreaKind::Ordinary, d(2010, 3, 1), Some(d(2030, 1, 1)))];
        let s = count_service(&p, &[ServiceKind::StreetGuard], |_| 1, None, d(2025, 3, 1));
        assert_eq!((s.years, s.first_day), (15, Some(d(2010, 3, 1))));
        let s = count_service(&p, &[ServiceKind::StreetGuard], |_| 1, Some(d(2020, 3, 1)), d(2025, 3, 1));
        assert_eq!((s.years, s.first_day), (5, Some(d(2020, 3, 1))));
        let s = count_service(&p, &[ServiceKind::StreetGuard], |_| 1, Some(d(2026, 1, 1)), d(2025, 3, 1));
        assert_eq!((s.years, s.days, s.first_day), (0, 0, None));
        // Until is the last day: a period ending the day before the anniversary is complete.
        let p = vec![period(ServiceKind::StreetGuard, AreaKind::Ordinary, d(2010, 3, 1), Some(d(2025, 2, 28)))];
        assert_eq!(count_service(&p, &[ServiceKind::StreetGuard], |_| 1, None, d(2030, 1, 1)).years, 15);
        // Extreme dates do not panic.
        let p = vec![period(ServiceKind::StreetGuard, AreaKind::Ordinary, NaiveDate::MIN, None)];
        let s = count_service(&p, &[ServiceKind::StreetGuard], |_| 10, None, NaiveDate::MAX);
        assert!(s.years > 0);
    }
}
