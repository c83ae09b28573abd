//! The medal's result: each candidate's outcome, the conditions checked and the service
//! counted.

use super::input::{Group, MedalParams, Sex};
use super::rules::{AreaKind, ServiceKind};
use crate::law::InstrumentRef;
use crate::model::text::{Certainty, LegalRef, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The result for one candidate.
///
/// ```
/// use antq::medal::MedalOutcome;
/// assert_eq!(MedalOutcome::NotCovered.as_str(), "not_covered");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
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
#[non_exhaustive]
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
/// #   "group": "guard", "in_post_from": "2010-01-01", "under_disciplinary_sanction": true,
/// #   "exclusions_checked": true}"#).unwrap();
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
