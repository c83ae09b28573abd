//! The ranking's input: teams and members with their proposals, the parameters, the levels
//! and roles.

use super::instruments::TeamRules;
use crate::error::Error;
use crate::model::text::Text;
use crate::model::unit::UnitId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A ranking level (mức xếp loại).
///
/// ```
/// use antq::teams::Level;
/// assert!(Level::Excellent.rank() > Level::Good.rank());
/// assert_eq!(Level::Good.as_str(), "good");
/// assert_eq!(Level::Good.label().vi, "Hoàn thành tốt nhiệm vụ");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Hoàn thành xuất sắc nhiệm vụ (excellent).
    Excellent,
    /// Hoàn thành tốt nhiệm vụ (good).
    Good,
    /// Hoàn thành nhiệm vụ (completed).
    Completed,
    /// Không hoàn thành nhiệm vụ (not completed).
    NotCompleted,
}

impl Level {
    /// Every level, from the highest.
    pub const ALL: [Level; 4] = [Level::Excellent, Level::Good, Level::Completed, Level::NotCompleted];

    /// 3 for excellent down to 0 for not completed: higher is better.
    pub fn rank(self) -> u8 {
        match self {
            Level::Excellent => 3,
            Level::Good => 2,
            Level::Completed => 1,
            Level::NotCompleted => 0,
        }
    }

    /// The snake_case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Excellent => "excellent",
            Level::Good => "good",
            Level::Completed => "completed",
            Level::NotCompleted => "not_completed",
        }
    }

    /// The level's name.
    pub fn label(self) -> Text {
        match self {
            Level::Excellent => Text::new("Hoàn thành xuất sắc nhiệm vụ", "excellently completed tasks"),
            Level::Good => Text::new("Hoàn thành tốt nhiệm vụ", "well completed tasks"),
            Level::Completed => Text::new("Hoàn thành nhiệm vụ", "completed tasks"),
            Level::NotCompleted => Text::new("Không hoàn thành nhiệm vụ", "did not complete tasks"),
        }
    }
}

/// A member's role in the team.
///
/// ```
/// use antq::teams::Role;
/// let r: Role = serde_json::from_str(r#""deputy""#).unwrap();
/// assert_eq!(r, Role::Deputy);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Tổ trưởng (team leader).
    Leader,
    /// Tổ phó (deputy leader).
    Deputy,
    /// Tổ viên (member).
    Member,
}

impl Role {
    /// The snake_case name used in files.
    ///
    /// ```
    /// assert_eq!(antq::teams::Role::Deputy.as_str(), "deputy");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Leader => "leader",
            Role::Deputy => "deputy",
            Role::Member => "member",
        }
    }

    /// The role's name.
    pub fn label(self) -> Text {
        match self {
            Role::Leader => Text::new("Tổ trưởng", "team leader"),
            Role::Deputy => Text::new("Tổ phó", "deputy leader"),
            Role::Member => Text::new("Tổ viên", "team member"),
        }
    }
}

/// A grassroots security team proposed for ranking.
///
/// ```
/// use antq::teams::{Team, Level};
/// let t: Team = serde_json::from_str(r#"{"id": "T1", "name": "Tổ 1", "commune": "X1",
///     "active_from": "2024-07-01", "proposed": "excellent", "score": 95,
///     "pending_complaint": false}"#).unwrap();
/// assert_eq!(t.proposed, Level::Excellent);
/// assert!(!t.pending_complaint);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Stable id, unique among the teams of the input.
    pub id: String,
    /// Name.
    pub name: String,
    /// The commune (or ward, special zone) the team belongs to; its chairman decides.
    pub commune: UnitId,
    /// The day the team started operating.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub active_from: NaiveDate,
    /// The level proposed by the review.
    pub proposed: Level,
    /// A score used only to order proposals of excellent when the cap applies (higher first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
    /// Whether a complaint or denunciation about the team is pending. Required: a team
    /// in a complaint period is not ranked, and no answer is assumed.
    pub pending_complaint: bool,
}

/// A team member proposed for ranking.
///
/// ```
/// use antq::teams::{Member, Role};
/// let m: Member = serde_json::from_str(r#"{"id": "M1", "name": "Lê Văn A", "team": "T1",
///     "role": "member", "served_from": "2024-07-01", "proposed": "good",
///     "pending_complaint": false}"#).unwrap();
/// assert_eq!(m.role, Role::Member);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Stable id, unique among the members of the input.
    pub id: String,
    /// Name.
    pub name: String,
    /// The team's id.
    pub team: String,
    /// Role in the team.
    pub role: Role,
    /// The day the member started serving in the force.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub served_from: NaiveDate,
    /// The level proposed by the review.
    pub proposed: Level,
    /// A score used only to order proposals of excellent when the cap applies (higher first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
    /// Whether a complaint or denunciation about the member is pending. Required: a member
    /// in a complaint period is not ranked, and no answer is assumed.
    pub pending_complaint: bool,
    /// Format 2: a deputy assigned to lead the team (bound by the leader rule under
    /// `vn.teams-2026`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting_leader: bool,
    /// Format 2: newly transferred to lead the team.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub newly_transferred: bool,
    /// Format 2: judged unconnected with the team's level (with `newly_transferred`, the
    /// exception to the leader rule under `vn.teams-2026`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub judged_unconnected: bool,
}

impl Member {
    /// Whether the member is the team leader (the leader rule of every instrument).
    pub fn heads_team(&self) -> bool {
        self.role == Role::Leader
    }

    /// Whether the leader rule of `rules` binds the member: the leader, or (when the rules
    /// say so) a deputy assigned to lead.
    pub fn bound_by_leader_rule(&self, rules: &TeamRules) -> bool {
        self.heads_team() || (rules.leader.acting_deputy && self.role == Role::Deputy && self.acting_leader)
    }

    /// Whether the exception of `rules` frees the member from the leader rule.
    pub fn leader_exception(&self, rules: &TeamRules) -> bool {
        rules.leader.newly_transferred_exception && self.newly_transferred && self.judged_unconnected
    }
}

/// What the percentage cap on "excellent" is taken of: a parameter, whose default is the
/// instrument's (`ranked` under `vn.teams-2024`, illustrative; `ranked_good` under
/// `vn.teams-2026` \[P\]).
///
/// ```
/// use antq::teams::CapBase;
/// assert_eq!(CapBase::default(), CapBase::Ranked);
/// assert_eq!(CapBase::RankedGood.as_str(), "ranked_good");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CapBase {
    /// The commune's teams (members) that are ranked.
    #[default]
    Ranked,
    /// All the commune's teams (members) in the input, ranked or not.
    All,
    /// The commune's ranked teams (members) whose level is good or excellent (after the
    /// leader rule; lowering excellent to good does not change this count).
    GoodOrAbove,
    /// The commune's teams (members) ranked good, counting those the cap lowers to good
    /// (the fixed point of the module docs).
    RankedGood,
}

impl CapBase {
    /// The snake_case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            CapBase::Ranked => "ranked",
            CapBase::All => "all",
            CapBase::GoodOrAbove => "good_or_above",
            CapBase::RankedGood => "ranked_good",
        }
    }
}

/// The parameters of a ranking, as given; each left out takes the instrument's value.
///
/// ```
/// use antq::teams::{RankingParams, CapBase};
/// let p: RankingParams = serde_json::from_str(r#"{"cap_base": "all"}"#).unwrap();
/// assert_eq!((p.excellent_cap_percent, p.cap_base), (None, Some(CapBase::All)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RankingParams {
    /// Most teams (members) ranked excellent, in percent of the base; 0–100 (20 \[P\]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excellent_cap_percent: Option<u32>,
    /// What the percentage is taken of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_base: Option<CapBase>,
}

/// The parameters a ranking used.
///
/// ```
/// use antq::teams::{UsedParams, CapBase};
/// let p = UsedParams { excellent_cap_percent: 20, cap_base: CapBase::RankedGood };
/// assert_eq!(serde_json::to_value(p).unwrap()["cap_base"], "ranked_good");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UsedParams {
    /// Most ranked excellent, in percent of the base.
    pub excellent_cap_percent: u32,
    /// What the percentage is taken of.
    pub cap_base: CapBase,
}

fn one() -> u32 {
    1
}

/// Everything a ranking needs.
///
/// ```
/// use antq::teams::RankingInput;
/// let i: RankingInput = serde_json::from_str(r#"{"year": 2025, "teams": []}"#).unwrap();
/// assert!(i.members.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RankingInput {
    /// 1, or 2 (adds `acting_leader`, `newly_transferred`, `judged_unconnected`); 1 when
    /// left out.
    #[serde(default = "one")]
    pub format_version: u32,
    /// The ranking year `Y` (window 15 November `Y−1` – 14 November `Y`); 2024 or later.
    pub year: i32,
    /// The date of the ranking: it chooses the instrument in force (default: the window's
    /// last day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    pub reference_date: Option<NaiveDate>,
    /// Apply this instrument (`vn.teams-2024`, `vn.teams-2026`) instead of the one in force
    /// on the date; an error (`not_in_force`) outside its period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    /// The teams.
    pub teams: Vec<Team>,
    /// The members.
    #[serde(default)]
    pub members: Vec<Member>,
    /// Parameters; defaults when absent.
    #[serde(default)]
    pub params: RankingParams,
}

impl RankingInput {
    /// Reads the input from JSON or TOML text (`name` is used in error locations and
    /// chooses the syntax by its extension), under the default limits.
    ///
    /// ```
    /// let e = antq::teams::RankingInput::from_str_named("x.json", "{}").unwrap_err();
    /// assert_eq!(e.code(), "invalid_team_input");
    /// ```
    pub fn from_str_named(name: &str, text: &str) -> crate::Result<RankingInput> {
        crate::read::source::read_input(name, text).map_err(|e| match e {
            Error::InvalidDataset(p) => Error::InvalidTeamInput(p),
            other => other,
        })
    }
}
