//! Yearly ranking of grassroots security teams and their members (`docs/DOMAIN.md` §6), by
//! the instrument in force on the ranking's date.
//!
//! Grassroots security teams (tổ bảo vệ an ninh, trật tự ở cơ sở) exist under Law
//! 30/2023/QH15 (28/11/2023, in force 1/7/2024) \[V\] and Decree 40/2024/NĐ-CP \[V\]; the
//! ranking follows guidance 01/HD-BCA-V05, whose 2026 edition is the latest seen \[P\]
//! (Circular 14/2024/TT-BCA covers member selection, training, badges and equipment, not
//! ranking). Each year the commune People's Committee chairman ranks every team and member
//! on four levels.
//!
//! The rules are data, one file per instrument under `core/data/teams/` ([`TeamRules`]),
//! family `vn.teams` in [`crate::law`]:
//!
//! | instrument | rankings decided | cap base (default) | leader rule binds |
//! |---|---|---|---|
//! | `vn.teams-2024` | 1/7/2024 – 31/12/2025 \[I\] | ranked teams (illustrative: the earlier editions' text is not known) | the leader |
//! | `vn.teams-2026` | from 1/1/2026 \[I\] (2026 edition, date of issue not known) | ranked **good** \[P\] | the leader, or a deputy assigned to lead; except one newly transferred and judged unconnected with the team's level \[P\] |
//!
//! The ranking's date is `reference_date` when given, otherwise the window's last day
//! (14 November of the year); `instrument` may name one explicitly (`not_in_force` outside
//! its period). The result names the instrument (id, version, content hash).
//!
//! [`rank`] applies the rules, in this order, separately for each commune:
//!
//! 1. **Window.** Year `Y` runs from 15 November `Y−1` to 14 November `Y`, both included
//!    ([`team_window`]).
//! 2. **Not ranked.** A team active, or a member serving, fewer than 9 whole months in the
//!    window by its last day ([`months_served`], [`MIN_MONTHS`]), and anyone under a pending
//!    complaint, is not ranked \[P\]. Every reason that applies is listed.
//! 3. **Team cap.** At most `excellent_cap_percent` % (20 \[P\]) of the base may be ranked
//!    excellent. The number allowed rounds **down** (an "at most" rule: 20 % of 9 allows 1,
//!    of 4 allows 0). Proposals beyond it are lowered to "tốt" (good), kept in order of
//!    `score` (highest first; a missing score after every given score), then `id`.
//! 4. **Leader rule.** A team leader (and, under `vn.teams-2026`, a deputy with
//!    `acting_leader`) is lowered to the team's final level when proposed above it, unless
//!    the instrument's exception applies (`newly_transferred` and `judged_unconnected`).
//!    When the team itself is not ranked the leader keeps the proposal and the result says so.
//! 5. **Member cap.** The same cap over the commune's members, after the leader rule.
//!
//! **The "ranked good" base and its fixed point.** With [`CapBase::RankedGood`] the base is
//! the number ranked good *after* the cap, and every proposal the cap lowers becomes good,
//! enlarging the base. With `G` ranked good otherwise, `E` proposed excellent and `p` %, the
//! cap keeps the largest `k ≤ E` with `k ≤ ⌊p × (G + E − k) / 100⌋` (that is
//! `k = min(E, ⌊p(G + E) / (100 + p)⌋)`); the base reported is `G + E − k`. Example: 2 good
//! and 10 excellent proposals: keeping 2 leaves 10 good (20 % of 10 = 2): 2 stay excellent.
//!
//! ```
//! use antq::teams::{rank, RankingInput};
//! let input: RankingInput = serde_json::from_str(r#"{
//!   "year": 2025,
//!   "teams": [{"id": "T1", "name": "Tổ 1", "commune": "X1", "active_from": "2024-07-01", "proposed": "good"}],
//!   "members": [{"id": "M1", "name": "Lê Văn A", "team": "T1", "role": "leader",
//!                "served_from": "2025-03-01", "proposed": "good"}]
//! }"#).unwrap();
//! let r = rank(&input).unwrap();
//! assert_eq!(r.team("T1").unwrap().code(), "good");
//! assert_eq!(r.member("M1").unwrap().code(), "not_ranked"); // 8 months by 14 Nov 2025
//! assert_eq!(r.instrument.id, "vn.teams-2024");
//! ```

use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::model::activity::Issuer;
use crate::model::date::Window;
use crate::model::text::{Certainty, LegalRef, Text};
use crate::model::unit::UnitId;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

/// The family of the ranking's instruments.
pub const FAMILY: &str = "vn.teams";

/// The input format version this antq writes (it reads 1 and 2).
pub const FORMAT_VERSION: u32 = 2;

/// Whole months a team must have been active, or a member have served, in the window to be
/// ranked \[P\] (the value of both instruments' data).
pub const MIN_MONTHS: u32 = 9;

/// The first year with a ranking: the Law took effect on 1 July 2024.
pub const FIRST_YEAR: i32 = 2024;

/// The last year accepted (the library's supported range ends in 2200).
pub const LAST_YEAR: i32 = 2200;

/// The published cap on the share ranked excellent, in percent \[P\].
pub const PUBLISHED_CAP_PERCENT: u32 = 20;

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
///     "active_from": "2024-07-01", "proposed": "excellent", "score": 95}"#).unwrap();
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
    /// Whether a complaint or denunciation about the team is pending.
    #[serde(default)]
    pub pending_complaint: bool,
}

/// A team member proposed for ranking.
///
/// ```
/// use antq::teams::{Member, Role};
/// let m: Member = serde_json::from_str(r#"{"id": "M1", "name": "Lê Văn A", "team": "T1",
///     "role": "member", "served_from": "2024-07-01", "proposed": "good"}"#).unwrap();
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
    /// Whether a complaint or denunciation about the member is pending.
    #[serde(default)]
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

/// Why a result is what it is.
///
/// ```
/// use antq::teams::ReasonCode;
/// assert_eq!(ReasonCode::ExcellentCap.as_str(), "excellent_cap");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
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
/// #   "name": "Tổ 1", "commune": "X1", "active_from": "2025-06-01", "proposed": "good"}]}"#).unwrap();
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
    /// Whole months active in the window by its last day (at most 12).
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
/// #   "teams": [{"id": "T1", "name": "Tổ 1", "commune": "X1", "active_from": "2024-07-01", "proposed": "good"}],
/// #   "members": [{"id": "M1", "name": "A", "team": "T1", "role": "leader",
/// #     "served_from": "2024-07-01", "proposed": "excellent"}]}"#).unwrap();
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
    /// Whole months served in the window by its last day (at most 12).
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
/// #   "name": "Tổ 1", "commune": "X1", "active_from": "2024-07-01", "proposed": "excellent"}]}"#).unwrap();
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

/// A source document of an instrument, with its mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Document number.
    pub document: String,
    /// Mark.
    pub certainty: Certainty,
    /// What it is, and what of it is known.
    pub note: String,
}

/// The minimum service rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MinMonthsRule {
    /// Whole months in the window.
    pub months: u32,
    /// Mark.
    pub certainty: Certainty,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
}

/// A rule known by its mark and basis only (its content is in the code: pending
/// complaints are not ranked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MarkedRule {
    /// Mark.
    pub certainty: Certainty,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
}

/// The cap on "excellent".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CapRule {
    /// Percent of the base.
    pub percent: u32,
    /// The default base.
    pub base: CapBase,
    /// Whether the default base is itself an illustrative reading (not stated by the source).
    pub base_illustrative: bool,
    /// Mark.
    pub certainty: Certainty,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
}

/// The leader rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LeaderRule {
    /// A deputy assigned to lead is bound too.
    pub acting_deputy: bool,
    /// One newly transferred and judged unconnected with the team's level is not bound.
    pub newly_transferred_exception: bool,
    /// Mark.
    pub certainty: Certainty,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
}

/// The ranking rules of one instrument (one file of `core/data/teams/`).
///
/// ```
/// use antq::teams::{TeamRules, CapBase};
/// let r = TeamRules::get("vn.teams-2026").unwrap();
/// assert_eq!((r.cap.percent, r.cap.base), (20, CapBase::RankedGood));
/// assert!(r.leader.acting_deputy && r.leader.newly_transferred_exception);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TeamRules {
    /// Version of this file format (1).
    pub format_version: u32,
    /// Instrument id.
    pub id: String,
    /// Family: `vn.teams`.
    pub family: String,
    /// Version of the encoding.
    pub version: String,
    /// Title.
    pub title: Text,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
    /// Mark of the rules as a whole.
    pub certainty: Certainty,
    /// The period it applies in, by the ranking's date.
    pub effective: crate::rules::Effective,
    /// The source documents with their marks.
    pub sources: Vec<Source>,
    /// Minimum service.
    pub min_months: MinMonthsRule,
    /// Pending complaints are not ranked.
    pub complaint: MarkedRule,
    /// The cap on "excellent".
    pub cap: CapRule,
    /// The leader rule.
    pub leader: LeaderRule,
    /// SHA-256 of the file the rules were read from (see [`TeamRules::content_hash`]).
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub source_hash: String,
}

/// The index of the ranking's instruments (read by [`crate::law`]).
const INDEX: &str = include_str!("../../../data/teams/index.toml");

const FILES: [(&str, &str); 2] = [
    ("teams-2024.toml", include_str!("../../../data/teams/teams-2024.toml")),
    ("teams-2026.toml", include_str!("../../../data/teams/teams-2026.toml")),
];

impl TeamRules {
    /// Every ranking instrument antq encodes, earliest first (parsed once; each file is
    /// checked by a unit test).
    pub fn all() -> &'static [TeamRules] {
        static ALL: OnceLock<Vec<TeamRules>> = OnceLock::new();
        ALL.get_or_init(|| {
            let mut v: Vec<TeamRules> =
                FILES.iter().filter_map(|(n, t)| read_rules(n, t).ok()).filter(|r| r.problems().is_empty()).collect();
            v.sort_by_key(|r| r.effective.from);
            v
        })
    }

    /// The rules of instrument `id`.
    pub fn get(id: &str) -> Option<&'static TeamRules> {
        Self::all().iter().find(|r| r.id == id)
    }

    /// SHA-256 of the rules: of the file's content as JSON for the built-in rules unchanged
    /// (the hash [`crate::law`] lists), of the rules as JSON for any other.
    pub fn content_hash(&self) -> String {
        let builtin = !self.source_hash.is_empty() && TeamRules::get(&self.id).is_some_and(|r| r == self);
        if builtin { self.source_hash.clone() } else { crate::rules::hash_json(self) }
    }

    /// What is inconsistent (empty when the rules can be applied).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.format_version != 1 {
            out.push(format!("{}: format_version {} is not 1", self.id, self.format_version));
        }
        if self.family != FAMILY {
            out.push(format!("{}: family `{}` is not {FAMILY}", self.id, self.family));
        }
        if self.cap.percent > 100 {
            out.push(format!("{}: cap {} % is over 100", self.id, self.cap.percent));
        }
        if !(1..=12).contains(&self.min_months.months) {
            out.push(format!("{}: min_months {} is outside 1–12", self.id, self.min_months.months));
        }
        if self.leader.newly_transferred_exception && !self.leader.acting_deputy {
            out.push(format!("{}: the newly-transferred exception comes with the acting deputy rule", self.id));
        }
        out
    }

    /// The instrument these rules encode, for [`crate::law`].
    pub fn instrument(&self) -> crate::law::Instrument {
        crate::law::Instrument {
            id: self.id.clone(),
            family: self.family.clone(),
            title: self.title.clone(),
            legal_basis: self.legal_basis.clone(),
            effective: self.effective.clone(),
            encoding: crate::law::Encoding::TeamRanking,
            version: self.version.clone(),
            content_hash: self.content_hash(),
        }
    }
}

/// The legal basis of the ranking rules in force on `date` (empty when none is).
pub fn legal_basis(date: NaiveDate) -> Vec<LegalRef> {
    resolve(None, date).map(|r| r.legal_basis.clone()).unwrap_or_default()
}

/// The ranking rules' instruments antq encodes, with their periods (family `vn.teams`; see
/// [`crate::law`]).
pub fn instruments() -> Vec<crate::law::Instrument> {
    // From the files' headers: the registry does not parse every rule.
    crate::law::of_index("teams/index.toml", INDEX, crate::law::Encoding::TeamRanking)
}

fn read_rules(name: &str, text: &str) -> Result<TeamRules> {
    let mut r: TeamRules = crate::read::source::read_input(name, text)?;
    r.source_hash = crate::law::file_hash(text).unwrap_or_default();
    Ok(r)
}

/// The rules to apply on `date`: `instrument` when given (an error outside its period),
/// otherwise the instrument of `vn.teams` in force.
///
/// ```
/// let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(antq::teams::resolve(None, d(2025, 11, 14)).unwrap().id, "vn.teams-2024");
/// assert_eq!(antq::teams::resolve(None, d(2026, 11, 14)).unwrap().id, "vn.teams-2026");
/// assert_eq!(antq::teams::resolve(Some("vn.teams-2026"), d(2025, 11, 14)).unwrap_err().code(), "not_in_force");
/// ```
///
/// # Errors
///
/// [`Error::NotInForce`] when no ranking instrument applies on `date` or the one named
/// does not; [`Error::InvalidTeamInput`] (`unknown_reference` at `instrument`) for an id
/// that is not a ranking instrument.
pub fn resolve(instrument: Option<&str>, date: NaiveDate) -> Result<&'static TeamRules> {
    let id = match instrument {
        Some(id) => id.to_owned(),
        None => crate::law::in_force(FAMILY, date)?.id.clone(),
    };
    let Some(rules) = TeamRules::get(&id) else {
        let known: Vec<&str> = TeamRules::all().iter().map(|r| r.id.as_str()).collect();
        return Err(Error::InvalidTeamInput(vec![bad(
            ProblemCode::UnknownReference,
            "instrument".into(),
            format!("`{id}` is not a ranking instrument antq encodes (known: {})", known.join(", ")),
        )]));
    };
    crate::law::ensure_in_force(&rules.id, Some(&rules.family), &rules.effective, date)?;
    Ok(rules)
}

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

fn bad(code: ProblemCode, path: String, message: String) -> Problem {
    Problem::new(code, Location::path(path), message)
}

fn validate(input: &RankingInput, window: Option<Window>) -> Vec<Problem> {
    let mut out = Vec::new();
    if !(1..=FORMAT_VERSION).contains(&input.format_version) {
        out.push(bad(
            ProblemCode::FormatVersion,
            "format_version".into(),
            format!("format_version {} is not one this antq reads (1 or 2)", input.format_version),
        ));
    }
    if !(FIRST_YEAR..=LAST_YEAR).contains(&input.year) {
        out.push(bad(
            ProblemCode::BadValue,
            "year".into(),
            format!(
                "year {} is outside {FIRST_YEAR}–{LAST_YEAR}: grassroots security teams exist from 1 July 2024 \
                 (Law 30/2023/QH15)",
                input.year
            ),
        ));
    }
    if let Some(p) = input.params.excellent_cap_percent
        && p > 100
    {
        out.push(bad(
            ProblemCode::BadThreshold,
            "params.excellent_cap_percent".into(),
            format!("excellent_cap_percent {p} is over 100"),
        ));
    }
    let mut teams: HashSet<&str> = HashSet::new();
    for (i, t) in input.teams.iter().enumerate() {
        if t.id.is_empty() {
            out.push(bad(ProblemCode::BadValue, format!("teams[{i}].id"), "team id is empty".into()));
        } else if !teams.insert(&t.id) {
            out.push(bad(
                ProblemCode::DuplicateId,
                format!("teams[{i}].id"),
                format!("team `{}` is listed twice", t.id),
            ));
        }
        if t.commune.as_str().is_empty() {
            out.push(bad(
                ProblemCode::BadValue,
                format!("teams[{i}].commune"),
                format!("team `{}`: commune is empty", t.id),
            ));
        }
        if let Some(w) = window
            && t.active_from > w.end
        {
            out.push(bad(
                ProblemCode::BadValue,
                format!("teams[{i}].active_from"),
                format!("team `{}`: active_from {} is after the window's last day {}", t.id, t.active_from, w.end),
            ));
        }
    }
    let mut members: HashSet<&str> = HashSet::new();
    for (i, m) in input.members.iter().enumerate() {
        if m.id.is_empty() {
            out.push(bad(ProblemCode::BadValue, format!("members[{i}].id"), "member id is empty".into()));
        } else if !members.insert(&m.id) {
            out.push(bad(
                ProblemCode::DuplicateId,
                format!("members[{i}].id"),
                format!("member `{}` is listed twice", m.id),
            ));
        }
        if !teams.contains(m.team.as_str()) {
            out.push(bad(
                ProblemCode::UnknownReference,
                format!("members[{i}].team"),
                format!("member `{}`: team `{}` is not in the input", m.id, m.team),
            ));
        }
        if input.format_version < 2 && (m.acting_leader || m.newly_transferred || m.judged_unconnected) {
            out.push(bad(
                ProblemCode::FormatVersion,
                format!("members[{i}]"),
                format!(
                    "member `{}`: acting_leader, newly_transferred and judged_unconnected need format_version 2 \
                     (found {})",
                    m.id, input.format_version
                ),
            ));
        }
        if let Some(w) = window
            && m.served_from > w.end
        {
            out.push(bad(
                ProblemCode::BadValue,
                format!("members[{i}].served_from"),
                format!("member `{}`: served_from {} is after the window's last day {}", m.id, m.served_from, w.end),
            ));
        }
    }
    out
}

/// Exclusion reasons shared by teams and members; `what` names the subject in both languages.
fn exclusions(min: u32, months: u32, complaint: bool, what: (&str, &str), from: NaiveDate, w: Window) -> Vec<Reason> {
    let mut r = Vec::new();
    if months < min {
        r.push(Reason {
            code: ReasonCode::ShortService,
            text: Text::new(
                format!(
                    "Không xếp loại: {} mới hoạt động {months} tháng (từ {from}) tính đến {}, chưa đủ {min} tháng",
                    what.0, w.end
                ),
                format!(
                    "Not ranked: the {} has {months} whole months (from {from}) by {}, fewer than {min}",
                    what.1, w.end
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

/// Ranks the teams and members of `input` for its year (see the [module](self) for the
/// rules and their order).
///
/// ```
/// use antq::teams::{rank, RankingInput};
/// let input: RankingInput = serde_json::from_str(r#"{"year": 2025, "teams": [],
///   "members": [{"id": "M1", "name": "A", "team": "T9", "role": "member",
///                "served_from": "2024-07-01", "proposed": "good"}]}"#).unwrap();
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

    // Teams: exclusions, then the cap per commune.
    let mut t_levels: Vec<Option<Level>> = Vec::with_capacity(input.teams.len());
    let mut t_reasons: Vec<Vec<Reason>> = Vec::with_capacity(input.teams.len());
    let mut t_months: Vec<u32> = Vec::with_capacity(input.teams.len());
    for t in &input.teams {
        let from = t.active_from.max(window.start);
        let months = months_served(from, window.end);
        let r = exclusions(min, months, t.pending_complaint, ("tổ", "team"), t.active_from, window);
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
        let months = months_served(from, window.end);
        let mut r = exclusions(min, months, m.pending_complaint, ("thành viên", "member"), m.served_from, window);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn team(id: &str, commune: &str, from: NaiveDate, proposed: Level) -> Team {
        Team {
            id: id.into(),
            name: format!("Tổ {id}"),
            commune: UnitId::from(commune),
            active_from: from,
            proposed,
            score: None,
            pending_complaint: false,
        }
    }

    fn member(id: &str, team: &str, role: Role, from: NaiveDate, proposed: Level) -> Member {
        Member {
            id: id.into(),
            name: format!("Người {id}"),
            team: team.into(),
            role,
            served_from: from,
            proposed,
            score: None,
            pending_complaint: false,
            acting_leader: false,
            newly_transferred: false,
            judged_unconnected: false,
        }
    }

    fn input(teams: Vec<Team>, members: Vec<Member>) -> RankingInput {
        RankingInput {
            format_version: 2,
            year: 2025,
            reference_date: None,
            instrument: None,
            teams,
            members,
            params: RankingParams::default(),
        }
    }

    fn codes(r: &[Reason]) -> Vec<ReasonCode> {
        r.iter().map(|r| r.code).collect()
    }

    const OLD: fn() -> NaiveDate = || NaiveDate::from_ymd_opt(2024, 7, 1).unwrap();

    #[test]
    fn window_is_15_november_to_14_november() {
        let w = team_window(2025).unwrap();
        assert_eq!((w.start, w.end), (d(2024, 11, 15), d(2025, 11, 14)));
    }

    #[test]
    fn months_served_counts_whole_calendar_months() {
        let end = d(2025, 11, 14);
        assert_eq!(months_served(d(2025, 2, 15), end), 9, "exactly 9 months counts as 9");
        assert_eq!(months_served(d(2025, 2, 16), end), 8);
        assert_eq!(months_served(d(2024, 11, 15), end), 12);
        assert_eq!(months_served(d(2025, 11, 14), end), 0);
        assert_eq!(months_served(d(2025, 11, 15), end), 0, "after the end");
        assert_eq!(months_served(d(2025, 10, 15), end), 1);
        // Month-end clamping: 31 May + 1 month = 30 June.
        assert_eq!(months_served(d(2025, 5, 31), d(2025, 6, 28)), 0);
        assert_eq!(months_served(d(2025, 5, 31), d(2025, 6, 29)), 1);
        // Leap day: 29 Feb 2024 + 12 months = 28 Feb 2025.
        assert_eq!(months_served(d(2024, 2, 29), d(2025, 2, 27)), 12);
        assert_eq!(months_served(d(2024, 2, 29), d(2025, 2, 26)), 11);
        // No day after the last representable date: nothing to count, no panic.
        assert_eq!(months_served(d(2025, 1, 1), NaiveDate::MAX), 0);
    }

    #[test]
    fn nine_month_edge_for_teams_and_members() {
        let r = rank(&input(
            vec![team("T9", "X", d(2025, 2, 15), Level::Good), team("T8", "X", d(2025, 2, 16), Level::Good)],
            vec![
                member("M9", "T9", Role::Member, d(2025, 2, 15), Level::Good),
                member("M8", "T9", Role::Member, d(2025, 2, 16), Level::Good),
            ],
        ))
        .unwrap();
        assert_eq!((r.team("T9").unwrap().code(), r.team("T9").unwrap().months_in_window), ("good", 9));
        let t8 = r.team("T8").unwrap();
        assert_eq!((t8.code(), t8.months_in_window), ("not_ranked", 8));
        assert_eq!(codes(&t8.reasons), vec![ReasonCode::ShortService]);
        assert_eq!(r.member("M9").unwrap().code(), "good");
        assert_eq!(r.member("M8").unwrap().code(), "not_ranked");
        assert!(t8.reasons[0].text.en.contains("8 whole months"));
    }

    #[test]
    fn service_before_the_window_counts_12_months() {
        let r = rank(&input(vec![team("T", "X", d(2020, 1, 1), Level::Completed)], vec![])).unwrap();
        assert_eq!(r.team("T").unwrap().months_in_window, 12);
        assert_eq!(r.team("T").unwrap().level, Some(Level::Completed));
    }

    #[test]
    fn pending_complaint_is_not_ranked_with_every_reason() {
        let mut t = team("T", "X", d(2025, 6, 1), Level::Good);
        t.pending_complaint = true;
        let mut m = member("M", "T", Role::Member, OLD(), Level::NotCompleted);
        m.pending_complaint = true;
        let r = rank(&input(vec![t], vec![m])).unwrap();
        assert_eq!(codes(&r.team("T").unwrap().reasons), vec![ReasonCode::ShortService, ReasonCode::PendingComplaint]);
        let m = r.member("M").unwrap();
        assert_eq!((m.level, codes(&m.reasons)), (None, vec![ReasonCode::PendingComplaint]));
    }

    #[test]
    fn cap_rounds_down_and_orders_by_score_then_id() {
        // 10 ranked teams, 20 % → 2 may be excellent; 4 proposed.
        let mut teams: Vec<Team> = (0..10).map(|i| team(&format!("T{i:02}"), "X", OLD(), Level::Good)).collect();
        for (i, score) in [(0, None), (1, Some(80)), (2, Some(90)), (3, Some(80))] {
            teams[i].proposed = Level::Excellent;
            teams[i].score = score;
        }
        let r = rank(&input(teams, vec![])).unwrap();
        assert_eq!(r.team("T02").unwrap().code(), "excellent");
        assert_eq!(r.team("T01").unwrap().code(), "excellent", "tie at 80 broken by id");
        assert_eq!(r.team("T03").unwrap().code(), "good");
        assert_eq!(r.team("T00").unwrap().code(), "good", "no score comes last");
        let cap = r.cap("X", Subject::Teams).unwrap();
        assert_eq!((cap.base, cap.allowed, cap.proposed_excellent), (10, 2, 4));
        assert_eq!(cap.lowered, vec!["T03".to_string(), "T00".to_string()]);
        assert_eq!(codes(&r.team("T03").unwrap().reasons), vec![ReasonCode::ExcellentCap]);
        assert!(r.team("T03").unwrap().reasons[0].text.en.contains("at most 2"));
    }

    #[test]
    fn cap_of_small_communes_is_zero() {
        // 20 % of 4 = 0.8, rounded down to 0; 20 % of 5 = 1.
        let four: Vec<Team> = (0..4).map(|i| team(&format!("A{i}"), "A", OLD(), Level::Excellent)).collect();
        let five: Vec<Team> = (0..5).map(|i| team(&format!("B{i}"), "B", OLD(), Level::Excellent)).collect();
        let r = rank(&input(four.into_iter().chain(five).collect(), vec![])).unwrap();
        assert_eq!(r.cap("A", Subject::Teams).unwrap().allowed, 0);
        assert!(r.teams.iter().filter(|t| t.commune.as_str() == "A").all(|t| t.code() == "good"));
        assert_eq!(r.cap("B", Subject::Teams).unwrap().allowed, 1);
        assert_eq!(r.team("B0").unwrap().code(), "excellent");
        assert_eq!(r.teams.iter().filter(|t| t.code() == "excellent").count(), 1, "caps are per commune");
    }

    #[test]
    fn cap_base_is_a_parameter() {
        // 5 teams, one not ranked (short service), one proposed excellent.
        let mut teams: Vec<Team> = (0..5).map(|i| team(&format!("T{i}"), "X", OLD(), Level::Completed)).collect();
        teams[0].proposed = Level::Excellent;
        teams[4].active_from = d(2025, 9, 1);
        let mut i = input(teams, vec![]);
        let ranked = rank(&i).unwrap();
        assert_eq!(ranked.cap("X", Subject::Teams).unwrap().base, 4);
        assert_eq!(ranked.team("T0").unwrap().code(), "good");
        i.params.cap_base = Some(CapBase::All);
        let all = rank(&i).unwrap();
        assert_eq!((all.cap("X", Subject::Teams).unwrap().base, all.team("T0").unwrap().code()), (5, "excellent"));
        i.params.cap_base = Some(CapBase::GoodOrAbove);
        let good = rank(&i).unwrap();
        assert_eq!(good.cap("X", Subject::Teams).unwrap().base, 1);
        assert_eq!(good.parameters.cap_base, CapBase::GoodOrAbove);
        assert_eq!(good.illustrative, vec!["cap_base".to_string()]);
        i.params.excellent_cap_percent = Some(100);
        i.params.cap_base = Some(CapBase::Ranked);
        let all_in = rank(&i).unwrap();
        assert_eq!(all_in.team("T0").unwrap().code(), "excellent");
        assert_eq!(all_in.illustrative, vec!["cap_base".to_string(), "excellent_cap_percent".to_string()]);
    }

    #[test]
    fn leader_cannot_rank_above_the_team() {
        let r = rank(&input(
            vec![team("T", "X", OLD(), Level::Completed)],
            vec![
                member("L", "T", Role::Leader, OLD(), Level::Good),
                member("D", "T", Role::Deputy, OLD(), Level::Good),
                member("M", "T", Role::Member, OLD(), Level::Good),
            ],
        ))
        .unwrap();
        let l = r.member("L").unwrap();
        assert_eq!((l.code(), codes(&l.reasons)), ("completed", vec![ReasonCode::LeaderAboveTeam]));
        assert!(l.reasons[0].text.en.contains("cannot rank above the team `T`"));
        assert_eq!(r.member("D").unwrap().code(), "good", "a deputy not in charge is not limited");
        assert_eq!(r.member("M").unwrap().code(), "good");
    }

    #[test]
    fn leader_at_or_below_the_team_is_unchanged() {
        let r = rank(&input(
            vec![team("T", "X", OLD(), Level::Good)],
            vec![member("L", "T", Role::Leader, OLD(), Level::Completed)],
        ))
        .unwrap();
        let l = r.member("L").unwrap();
        assert_eq!((l.code(), l.reasons.len()), ("completed", 0));
    }

    #[test]
    fn leader_follows_the_team_after_its_cap() {
        // One team proposed excellent in a commune of one: the cap lowers it to good, and
        // its leader, proposed excellent, follows to good.
        let r = rank(&input(
            vec![team("T", "X", OLD(), Level::Excellent)],
            vec![member("L", "T", Role::Leader, OLD(), Level::Excellent)],
        ))
        .unwrap();
        assert_eq!(r.team("T").unwrap().code(), "good");
        let l = r.member("L").unwrap();
        assert_eq!((l.code(), codes(&l.reasons)), ("good", vec![ReasonCode::LeaderAboveTeam]));
        // The member cap then finds no excellent proposal left.
        assert_eq!(r.cap("X", Subject::Members).unwrap().proposed_excellent, 0);
    }

    #[test]
    fn leader_of_an_unranked_team_keeps_the_proposal_with_a_note() {
        let mut t = team("T", "X", OLD(), Level::Completed);
        t.pending_complaint = true;
        let r = rank(&input(vec![t], vec![member("L", "T", Role::Leader, OLD(), Level::Good)])).unwrap();
        let l = r.member("L").unwrap();
        assert_eq!((l.code(), codes(&l.reasons)), ("good", vec![ReasonCode::TeamNotRanked]));
        assert!(r.cap("X", Subject::Teams).is_none(), "no ranked team, no cap entry");
    }

    #[test]
    fn member_cap_counts_the_communes_members() {
        // Two teams in X with 5 ranked members in all: 1 excellent allowed; three proposed.
        let mut ms: Vec<Member> = Vec::new();
        for (i, t) in ["T", "T", "U", "U", "U"].iter().enumerate() {
            ms.push(member(&format!("M{i}"), t, Role::Member, OLD(), Level::Excellent));
        }
        ms[3].proposed = Level::Good;
        ms[4].proposed = Level::Good;
        ms[2].score = Some(10);
        let r = rank(&input(vec![team("T", "X", OLD(), Level::Good), team("U", "X", OLD(), Level::Good)], ms)).unwrap();
        let cap = r.cap("X", Subject::Members).unwrap();
        assert_eq!((cap.base, cap.allowed, cap.proposed_excellent), (5, 1, 3));
        assert_eq!(r.member("M2").unwrap().code(), "excellent");
        assert_eq!(cap.lowered, vec!["M0".to_string(), "M1".to_string()]);
    }

    #[test]
    fn results_do_not_depend_on_input_order() {
        let mut teams: Vec<Team> = (0..7).map(|i| team(&format!("T{i}"), "X", OLD(), Level::Excellent)).collect();
        teams[3].score = Some(1);
        let a = rank(&input(teams.clone(), vec![])).unwrap();
        teams.reverse();
        let b = rank(&input(teams, vec![])).unwrap();
        for t in &a.teams {
            assert_eq!(t.level, b.team(&t.id).unwrap().level, "{}", t.id);
        }
        assert_eq!(a.team("T3").unwrap().code(), "excellent");
        assert_eq!(a.caps, b.caps);
    }

    #[test]
    fn records_authority_parameters_and_basis() {
        let r = rank(&input(vec![], vec![])).unwrap();
        assert_eq!(r.decided_by, Issuer::CommuneChairman);
        assert!(r.decided_by_label.vi.contains("Chủ tịch"));
        assert_eq!(r.parameters, UsedParams { excellent_cap_percent: 20, cap_base: CapBase::Ranked });
        assert_eq!(r.certainty, Certainty::Partial);
        assert!(r.legal_basis.iter().any(|l| l.document == "30/2023/QH15"));
        assert!(!r.legal_basis.iter().any(|l| l.document.contains("14/2024")));
        assert!(r.legal_basis.iter().any(|l| l.document == "40/2024/NĐ-CP"));
        assert!(r.caps.is_empty());
    }

    #[test]
    fn invalid_input_lists_every_problem() {
        let mut i = input(
            vec![
                team("T", "X", OLD(), Level::Good),
                team("T", "X", OLD(), Level::Good),
                team("", "", OLD(), Level::Good),
            ],
            vec![
                member("M", "NOPE", Role::Member, OLD(), Level::Good),
                member("M", "T", Role::Member, d(2025, 11, 15), Level::Good),
            ],
        );
        i.params.excellent_cap_percent = Some(101);
        let Err(Error::InvalidTeamInput(p)) = rank(&i) else { panic!("expected an error") };
        let got: Vec<(ProblemCode, &str)> =
            p.iter().map(|p| (p.code, p.location.path.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            got,
            vec![
                (ProblemCode::BadThreshold, "params.excellent_cap_percent"),
                (ProblemCode::DuplicateId, "teams[1].id"),
                (ProblemCode::BadValue, "teams[2].id"),
                (ProblemCode::BadValue, "teams[2].commune"),
                (ProblemCode::UnknownReference, "members[0].team"),
                (ProblemCode::DuplicateId, "members[1].id"),
                (ProblemCode::BadValue, "members[1].served_from"),
            ]
        );
        assert!(p[4].message.contains("member `M`") && p[4].message.contains("`NOPE`"));
        assert!(p[6].message.contains("2025-11-15"));
    }

    #[test]
    fn team_active_after_the_window_and_bad_years_are_refused() {
        let i = input(vec![team("T", "X", d(2025, 12, 1), Level::Good)], vec![]);
        let e = rank(&i).unwrap_err();
        assert_eq!(e.problems()[0].location.path.as_deref(), Some("teams[0].active_from"));
        for year in [2023, 2201, i32::MIN] {
            let e = rank(&RankingInput { year, ..input(vec![], vec![]) }).unwrap_err();
            assert_eq!(e.problems()[0].location.path.as_deref(), Some("year"), "{year}");
        }
    }

    #[test]
    fn inputs_refuse_unknown_fields_and_results_round_trip() {
        let bad = r#"{"year": 2025, "teams": [], "extra": 1}"#;
        assert!(serde_json::from_str::<RankingInput>(bad).is_err());
        let bad =
            r#"{"id": "T", "name": "n", "commune": "X", "active_from": "2024-07-01", "proposed": "good", "x": 1}"#;
        assert!(serde_json::from_str::<Team>(bad).is_err());
        assert!(serde_json::from_str::<RankingParams>(r#"{"cap": 20}"#).is_err());
        let r = rank(&input(
            vec![team("T", "X", OLD(), Level::Excellent)],
            vec![member("L", "T", Role::Leader, OLD(), Level::Excellent)],
        ))
        .unwrap();
        let back: TeamRanking = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn levels_are_ordered_and_labelled() {
        let ranks: Vec<u8> = Level::ALL.iter().map(|l| l.rank()).collect();
        assert_eq!(ranks, vec![3, 2, 1, 0]);
        for l in Level::ALL {
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.as_str()));
            assert!(!l.label().vi.is_empty());
        }
        assert_eq!(Role::Leader.label().vi, "Tổ trưởng");
    }

    fn input_2026(teams: Vec<Team>, members: Vec<Member>) -> RankingInput {
        RankingInput { year: 2026, ..input(teams, members) }
    }

    const OLD26: fn() -> NaiveDate = || NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();

    #[test]
    fn every_file_reads_and_is_consistent() {
        for (name, text) in FILES {
            let r = read_rules(name, text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let want = crate::law::file_hash(text).unwrap();
            assert_eq!(r.content_hash(), want, "{name}: set content_hash = \"{want}\" in core/data/teams/index.toml");
            let i = crate::law::instrument(&r.id).unwrap();
            assert_eq!((&i.content_hash, &i.version, &i.effective), (&r.content_hash(), &r.version, &r.effective));
            assert_eq!((&i.title, &i.legal_basis, &i.family), (&r.title, &r.legal_basis, &r.family));
            assert_eq!(r.problems(), Vec::<String>::new(), "{name}");
            assert!(r.sources.iter().all(|s| !s.document.contains("14/2024")));
            let law = r.sources.iter().find(|s| s.document == "30/2023/QH15").unwrap();
            assert_eq!(law.certainty, Certainty::Verified);
        }
        assert_eq!(TeamRules::all().len(), FILES.len());
        let g = TeamRules::get("vn.teams-2026").unwrap();
        assert_eq!(g.sources.iter().find(|s| s.document == "01/HD-BCA-V05").unwrap().certainty, Certainty::Partial);
        let mut bad = g.clone();
        bad.cap.percent = 101;
        bad.leader.acting_deputy = false;
        assert_eq!(bad.problems().len(), 2);
    }

    #[test]
    fn instrument_by_date() {
        let r = rank(&input(vec![], vec![])).unwrap();
        assert_eq!((r.instrument.id.as_str(), r.reference_date), ("vn.teams-2024", d(2025, 11, 14)));
        let r = rank(&input_2026(vec![], vec![])).unwrap();
        assert_eq!(r.instrument.id, "vn.teams-2026");
        assert!(r.illustrative.is_empty());
        assert_eq!(r.parameters, UsedParams { excellent_cap_percent: 20, cap_base: CapBase::RankedGood });
        let mut i = input(vec![], vec![]);
        i.reference_date = Some(d(2026, 1, 10));
        assert_eq!(rank(&i).unwrap().instrument.id, "vn.teams-2026");
        i.instrument = Some("vn.teams-2024".into());
        let Err(Error::NotInForce(e)) = rank(&i) else { panic!("expected not_in_force") };
        assert_eq!(e.instead.as_deref(), Some("vn.teams-2026"));
        i.instrument = Some("vn.c124-2021".into());
        assert_eq!(rank(&i).unwrap_err().code(), "invalid_team_input");
    }

    #[test]
    fn ranked_good_base_finds_the_fixed_point() {
        // 2 good, 10 excellent: k ≤ ⌊20% × (2 + 10 − k)⌋ holds for k = 2 (10 good), not 3 (9 good: 1).
        let mut teams: Vec<Team> = (0..12).map(|i| team(&format!("T{i:02}"), "X", OLD26(), Level::Excellent)).collect();
        teams[10].proposed = Level::Good;
        teams[11].proposed = Level::Good;
        let r = rank(&input_2026(teams, vec![])).unwrap();
        let cap = r.cap("X", Subject::Teams).unwrap();
        assert_eq!((cap.base, cap.allowed, cap.proposed_excellent, cap.lowered.len()), (10, 2, 10, 8));
        assert_eq!(r.teams.iter().filter(|t| t.code() == "excellent").count(), 2);
        assert!(r.notes[0].en.contains("enlarges"));
        // Brute force against the closed form for small communes.
        for g in 0..15u32 {
            for e in 0..15u32 {
                let mut teams: Vec<Team> = (0..g).map(|i| team(&format!("G{i}"), "X", OLD26(), Level::Good)).collect();
                teams.extend((0..e).map(|i| team(&format!("E{i}"), "X", OLD26(), Level::Excellent)));
                teams.push(team("C", "X", OLD26(), Level::Completed));
                let r = rank(&input_2026(teams, vec![])).unwrap();
                let cap = r.cap("X", Subject::Teams).unwrap();
                let k = e.min(20 * (g + e) / 120);
                assert_eq!((cap.allowed, cap.base), (k, g + e - k), "g={g} e={e}");
                assert!(k <= 20 * (g + e - k) / 100, "consistent");
                assert!(k == e || k + 1 > 20 * (g + e - k - 1) / 100, "largest");
            }
        }
        // One good and one excellent: keeping it leaves 1 good (0 allowed): lowered.
        let r = rank(&input_2026(
            vec![team("A", "X", OLD26(), Level::Excellent), team("B", "X", OLD26(), Level::Good)],
            vec![],
        ))
        .unwrap();
        assert_eq!(r.team("A").unwrap().code(), "good");
    }

    #[test]
    fn acting_deputy_is_bound_and_a_newly_transferred_leader_is_not() {
        let mut deputy = member("D", "T", Role::Deputy, OLD26(), Level::Good);
        deputy.acting_leader = true;
        let plain = member("P", "T", Role::Deputy, OLD26(), Level::Good);
        let mut moved = member("L", "T", Role::Leader, OLD26(), Level::Good);
        moved.newly_transferred = true;
        moved.judged_unconnected = true;
        let mut only_moved = member("L2", "T", Role::Leader, OLD26(), Level::Good);
        only_moved.newly_transferred = true;
        let members = vec![deputy, plain, moved, only_moved];
        let teams = vec![team("T", "X", OLD26(), Level::Completed)];
        let r = rank(&input_2026(teams.clone(), members.clone())).unwrap();
        let got = |r: &TeamRanking, id: &str| {
            let m = r.member(id).unwrap();
            (m.code(), codes(&m.reasons))
        };
        assert_eq!(got(&r, "D"), ("completed", vec![ReasonCode::LeaderAboveTeam]));
        assert!(r.member("D").unwrap().reasons[0].text.en.contains("deputy assigned to lead"));
        assert_eq!(got(&r, "P"), ("good", vec![]));
        assert_eq!(got(&r, "L"), ("good", vec![ReasonCode::NewlyTransferredLeader]));
        assert_eq!(got(&r, "L2"), ("completed", vec![ReasonCode::LeaderAboveTeam]), "both conditions are needed");
        // Under vn.teams-2024 neither applies, and the result says the fields were ignored.
        let r = rank(&input(teams, members)).unwrap();
        assert_eq!(got(&r, "D"), ("good", vec![]));
        assert_eq!(got(&r, "L"), ("completed", vec![ReasonCode::LeaderAboveTeam]));
        assert!(r.notes.iter().any(|n| n.en.contains("acting_leader") && n.en.contains("ignored")));
    }

    #[test]
    fn format_2_fields_need_format_2() {
        let mut m = member("D", "T", Role::Deputy, OLD(), Level::Good);
        m.acting_leader = true;
        let mut i = input(vec![team("T", "X", OLD(), Level::Good)], vec![m]);
        i.format_version = 1;
        let e = rank(&i).unwrap_err();
        assert_eq!((e.code(), e.problems()[0].code), ("invalid_team_input", ProblemCode::FormatVersion));
        i.format_version = 3;
        assert_eq!(rank(&i).unwrap_err().problems()[0].location.path.as_deref(), Some("format_version"));
    }
}
