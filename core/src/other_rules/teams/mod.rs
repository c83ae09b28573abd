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
//!    window by its last day — or by the ranking's date when that is earlier: "in the year
//!    up to the time of assessment" ([`months_served`], [`MIN_MONTHS`]) — and anyone under a
//!    pending complaint, is not ranked \[P\]. Every reason that applies is listed.
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
//!   "teams": [{"id": "T1", "name": "Tổ 1", "commune": "X1", "active_from": "2024-07-01", "proposed": "good", "pending_complaint": false}],
//!   "members": [{"id": "M1", "name": "Lê Văn A", "team": "T1", "role": "leader",
//!                "served_from": "2025-03-01", "proposed": "good", "pending_complaint": false}]
//! }"#).unwrap();
//! let r = rank(&input).unwrap();
//! assert_eq!(r.team("T1").unwrap().code(), "good");
//! assert_eq!(r.member("M1").unwrap().code(), "not_ranked"); // 8 months by 14 Nov 2025
//! assert_eq!(r.instrument.id, "vn.teams-2024");
//! ```

mod input;
mod instruments;
mod ranking;
mod result;
#[cfg(test)]
mod tests;

pub use input::{CapBase, Level, Member, RankingInput, RankingParams, Role, Team, UsedParams};
pub use instruments::{
    CapRule, LeaderRule, MarkedRule, MinMonthsRule, Source, TeamRules, instruments, legal_basis, resolve,
};
pub use ranking::{months_served, rank, team_window};
pub use result::{CapResult, MemberResult, Reason, ReasonCode, Subject, TeamRanking, TeamResult};

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
