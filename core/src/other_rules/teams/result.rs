//! The ranking's result: each team's and member's level with its reasons, and each
//! commune's caps.

use super::input::{Level, Role, UsedParams};
use crate::model::activity::Issuer;
use crate::model::date::Window;
use crate::model::text::{Certainty, LegalRef, Text};
use crate::model::unit::UnitId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a result is what it is.
///
/// ```
/// use antq::teams::ReasonCode;
/// assert_eq!(ReasonCode::ExcellentCap.as_str(), "excellent_cap");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReasonCode {
    /// Active or serving fewer than 9 whole months in the window: not ranked.
    ShortService,
    /// A complaint or denunciation is pending: not ranked.
    PendingComplaint,
    /// Proposed excellent beyond the cap: lowered to good.
    ExcellentCap,
    /// A leader proposed above the team's level: lowered to it.
    LeaderAboveTeam,
    /// A leader whose team is not ranked: the leader rule could not be applied.
    TeamNotRanked,
    /// A leader newly transferred and judged unconnected with the team's level: the leader
    /// rule's exception keeps the proposal.
    NewlyTransferredLeader,
}

impl ReasonCode {
    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::ShortService => "short_service",
            ReasonCode::PendingComplaint => "pending_complaint",
            ReasonCode::ExcellentCap => "excellent_cap",
            ReasonCode::LeaderAboveTeam => "leader_above_team",
            ReasonCode::TeamNotRanked => "team_not_ranked",
            ReasonCode::NewlyTransferredLeader => "newly_transferred_leader",
        }
    }
}

/// One reason, with its code and a sentence in both languages.
///
/// ```
/// use antq::teams::{Reason, ReasonCode};
/// let r = Reason { code: ReasonCode::PendingComplaint, text: antq::Text::new("…", "…") };
/// assert_eq!(r.code.as_str(), "pending_complaint");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reason {
    /// Stable code.
    pub code: ReasonCode,
    /// What happened.
    pub text: Text,
}

/// A team's result.
///
/// ```
/// # use antq::teams::*;
/// # let input: RankingInput = serde_json::from_str(r#"{"year": 2025, "teams": [{"id": "T1",
/// #   "name": "Tổ 1", "commune": "X1", "active_from": "2025-06-01", "proposed": "good", "pending_complaint": false}]}"#).unwrap();
/// let t = rank(&input).unwrap().teams.remove(0);
/// assert_eq!((t.level, t.months_in_window), (None, 5));
/// assert_eq!(t.reasons[0].code, ReasonCode::ShortService);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TeamResult {
    /// Team id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Commune.
    pub commune: UnitId,
    /// The level proposed.
    pub proposed: Level,
    /// The final level; `None` when not ranked.
    pub level: Option<Level>,
    /// Whole months active in the window by its last day, or by the ranking's date when
    /// earlier (at most 12).
    pub months_in_window: u32,
    /// Why the team is not ranked or was lowered (empty when the proposal stands).
    pub reasons: Vec<Reason>,
}

impl TeamResult {
    /// The final level's code, or `not_ranked`.
    pub fn code(&self) -> &'static str {
        self.level.map_or("not_ranked", Level::as_str)
    }
}

/// A member's result.
///
/// ```
/// # use antq::teams::*;
/// # let input: RankingInput = serde_json::from_str(r#"{"year": 2025,
/// #   "teams": [{"id": "T1", "name": "Tổ 1", "commune": "X1", "active_from": "2024-07-01", "proposed": "good", "pending_complaint": false}],
/// #   "members": [{"id": "M1", "name": "A", "team": "T1", "role": "leader",
/// #     "served_from": "2024-07-01", "proposed": "excellent", "pending_complaint": false}]}"#).unwrap();
/// let m = rank(&input).unwrap().members.remove(0);
/// assert_eq!(m.code(), "good"); // lowered to the team's level
/// assert_eq!(m.reasons[0].code, ReasonCode::LeaderAboveTeam);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemberResult {
    /// Member id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Team id.
    pub team: String,
    /// Role.
    pub role: Role,
    /// The level proposed.
    pub proposed: Level,
    /// The final level; `None` when not ranked.
    pub level: Option<Level>,
    /// Whole months served in the window by its last day, or by the ranking's date when
    /// earlier (at most 12).
    pub months_in_window: u32,
    /// Why the member is not ranked or was lowered, plus leader-rule notes.
    pub reasons: Vec<Reason>,
}

impl MemberResult {
    /// The final level's code, or `not_ranked`.
    pub fn code(&self) -> &'static str {
        self.level.map_or("not_ranked", Level::as_str)
    }
}

/// Whom a cap counts: teams or members.
///
/// ```
/// use antq::teams::Subject;
/// assert_eq!(Subject::Members.as_str(), "members");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// Teams.
    Teams,
    /// Members.
    Members,
}

impl Subject {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Teams => "teams",
            Subject::Members => "members",
        }
    }
}

/// How the cap on "excellent" worked out in one commune for teams or members.
///
/// ```
/// # use antq::teams::*;
/// # let input: RankingInput = serde_json::from_str(r#"{"year": 2025, "teams": [{"id": "T1",
/// #   "name": "Tổ 1", "commune": "X1", "active_from": "2024-07-01", "proposed": "excellent", "pending_complaint": false}]}"#).unwrap();
/// let r = rank(&input).unwrap();
/// let cap = r.cap("X1", Subject::Teams).unwrap();
/// assert_eq!((cap.base, cap.allowed, cap.lowered.len()), (1, 0, 1)); // 20 % of 1 rounds down to 0
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CapResult {
    /// Commune.
    pub commune: UnitId,
    /// Teams or members.
    pub subject: Subject,
    /// The count the percentage is taken of.
    pub base: u32,
    /// Most allowed excellent: `base × percent ÷ 100`, rounded down (with `ranked_good`,
    /// the fixed point of the module docs).
    pub allowed: u32,
    /// Excellent proposals that reached the cap (after exclusions and the leader rule).
    pub proposed_excellent: u32,
    /// Ids lowered to good, in the order they were considered.
    pub lowered: Vec<String>,
}

/// The result of a ranking: per team and member, the caps, and what reproduces it.
///
/// ```
/// # use antq::teams::*;
/// # let input: RankingInput = serde_json::from_str(r#"{"year": 2025, "teams": []}"#).unwrap();
/// let r = rank(&input).unwrap();
/// assert_eq!(r.window.start.to_string(), "2024-11-15");
/// assert_eq!(r.decided_by, antq::Issuer::CommuneChairman);
/// assert_eq!(r.illustrative, vec!["cap_base".to_string()]);
/// assert_eq!(r.instrument.id, "vn.teams-2024");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TeamRanking {
    /// Ranking year.
    pub year: i32,
    /// The window: 15 November `Y−1` – 14 November `Y`.
    pub window: Window,
    /// The ranking's date (chooses the instrument).
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub reference_date: NaiveDate,
    /// The instrument applied.
    pub instrument: crate::law::InstrumentRef,
    /// Parameters used.
    pub parameters: UsedParams,
    /// Parameters whose values are not published rules: `cap_base` when the instrument
    /// marks its base illustrative or another base is chosen; `excellent_cap_percent` when
    /// it is not the instrument's.
    pub illustrative: Vec<String>,
    /// Notes on the rules applied (e.g. that lowering to good enlarges a `ranked_good` base)
    /// and on input fields the instrument does not use.
    pub notes: Vec<Text>,
    /// Who decides: the commune People's Committee chairman.
    pub decided_by: Issuer,
    /// Its name.
    pub decided_by_label: Text,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
    /// How certain the instrument's rules are (partial: the guidance is known in part).
    pub certainty: Certainty,
    /// One result per team, in input order.
    pub teams: Vec<TeamResult>,
    /// One result per member, in input order.
    pub members: Vec<MemberResult>,
    /// One entry per commune and subject with any ranked team or member, by commune id.
    pub caps: Vec<CapResult>,
}

impl TeamRanking {
    /// A team's result.
    pub fn team(&self, id: &str) -> Option<&TeamResult> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// A member's result.
    pub fn member(&self, id: &str) -> Option<&MemberResult> {
        self.members.iter().find(|m| m.id == id)
    }

    /// The cap of one commune and subject.
    pub fn cap(&self, commune: &str, subject: Subject) -> Option<&CapResult> {
        self.caps.iter().find(|c| c.commune.as_str() == commune && c.subject == subject)
    }
}
