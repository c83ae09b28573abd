//! The medal's input: candidates (group, sex, service periods, prior awards, disciplines and
//! the facts the conditions read) and the parameters.

use super::rules::{AreaKind, Fact, IssuerLevel, PostLevel, ServiceKind};
use crate::error::Error;
use crate::model::activity::{AwardForm, Issuer};
use crate::model::text::Text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
#[non_exhaustive]
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
/// assert_eq!(a.for_movement, None);
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
    /// 20/2025 counts only these); unknown when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_movement: Option<bool>,
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
/// Each yes/no fact is unknown when left out (a condition that needs it is then
/// `undetermined`), unless `exclusions_checked` reads the excluding and deferring ones as "no".
///
/// ```
/// use antq::medal::{Candidate, Group};
/// let c: Candidate = serde_json::from_str(r#"{"id": "P1", "name": "Nguyễn Văn A", "sex": "male",
///     "group": "organisation_leader", "in_post_from": "2018-01-01",
///     "prior_awards": [{"issuer": "district_chairman", "date": "2021-08-19"}]}"#).unwrap();
/// assert_eq!(c.group, Group::OrganisationLeader);
/// assert_eq!(c.under_prosecution, None); // unknown: not given
/// assert!(!c.exclusions_checked);
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
    /// The dossier confirms that none of the excluding or deferring facts below applies,
    /// except those given: each fact left out is then read as "no", and the assessment
    /// says which were. Without it, a fact left out is unknown and the outcome
    /// `undetermined`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusions_checked: bool,
    /// For a leader: a serious security incident happened in the unit or area they lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serious_incident_in_unit: Option<bool>,
    /// For a leader: a social-evil hotspot exists in the unit or area they lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social_evil_hotspot_in_area: Option<bool>,
    /// The person already received the medal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub already_received: Option<bool>,
    /// The person is under criminal prosecution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under_prosecution: Option<bool>,
    /// The person was criminally prosecuted (at any time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was_prosecuted: Option<bool>,
    /// The person was sent to a compulsory-education institution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_to_compulsory_education: Option<bool>,
    /// The person is under a disciplinary sanction (when its dates are not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under_disciplinary_sanction: Option<bool>,
    /// Disciplinary sanctions with their periods: the record, so when given (and
    /// `under_disciplinary_sanction` is not) they answer whether one runs on the date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disciplines: Vec<Discipline>,
    /// The person is under disciplinary review (not yet decided).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under_disciplinary_review: Option<bool>,
    /// A complaint, denunciation or inspection concerning the person is unresolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unresolved_complaint: Option<bool>,
    /// Holds the "Chiến sĩ vẻ vang" medal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holds_chien_si_ve_vang: Option<bool>,
    /// Holds the "Vì an ninh Tổ quốc" medal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holds_vi_an_ninh_to_quoc_medal: Option<bool>,
    /// Holds an order for People's Police service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holds_police_service_order: Option<bool>,
    /// Was stripped of the People's Police title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stripped_of_police_title: Option<bool>,
    /// As a collaborator, was dropped for betrayal or violations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped_as_collaborator: Option<bool>,
    /// For a team member: assessed as having completed their tasks well (unknown when left
    /// out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_tasks_well: Option<bool>,
}

impl Candidate {
    /// A candidate with only the required fields (every fact unknown, lists empty).
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
            exclusions_checked: false,
            serious_incident_in_unit: None,
            social_evil_hotspot_in_area: None,
            already_received: None,
            under_prosecution: None,
            was_prosecuted: None,
            sent_to_compulsory_education: None,
            under_disciplinary_sanction: None,
            disciplines: Vec::new(),
            under_disciplinary_review: None,
            unresolved_complaint: None,
            holds_chien_si_ve_vang: None,
            holds_vi_an_ninh_to_quoc_medal: None,
            holds_police_service_order: None,
            stripped_of_police_title: None,
            dropped_as_collaborator: None,
            completed_tasks_well: None,
        }
    }

    /// The value of a fact on `date` as given; `None` when it is not given (unknown).
    ///
    /// `was_prosecuted` covers any time, so its "no" also answers `under_prosecution`;
    /// listed `disciplines` are the record of sanctions, so without
    /// `under_disciplinary_sanction` they answer whether one runs on `date`.
    ///
    /// ```
    /// use antq::medal::{Candidate, Fact, Group, Sex};
    /// let on = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    /// let mut c = Candidate::new("P1", "A", Sex::Male, Group::Guard);
    /// assert_eq!(c.fact(Fact::EverProsecuted, on), None);
    /// c.was_prosecuted = Some(false);
    /// assert_eq!(c.fact(Fact::UnderProsecution, on), Some(false));
    /// c.under_prosecution = Some(true);
    /// assert_eq!(c.fact(Fact::EverProsecuted, on), Some(true));
    /// ```
    pub fn fact(&self, f: Fact, date: NaiveDate) -> Option<bool> {
        match f {
            Fact::AlreadyReceived => self.already_received,
            Fact::UnderProsecution => self.under_prosecution.or(self.was_prosecuted.filter(|w| !w)),
            Fact::EverProsecuted => match (self.under_prosecution, self.was_prosecuted) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (_, Some(false)) => Some(false),
                _ => None,
            },
            Fact::SentToCompulsoryEducation => self.sent_to_compulsory_education,
            Fact::UnderDisciplinarySanction => {
                let runs = self.disciplines.iter().any(|d| d.runs_on(date));
                match self.under_disciplinary_sanction {
                    Some(flag) => Some(flag || runs),
                    None if runs || !self.disciplines.is_empty() => Some(runs),
                    None => None,
                }
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
            Fact::CompletedTasksWell => self.completed_tasks_well,
        }
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
