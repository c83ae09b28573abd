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
//!     "completed_tasks_well": true, "exclusions_checked": true,
//!     "service": [{"kind": "part_time_commune_police", "from": "2016-03-01", "until": "2024-06-30"},
//!                 {"kind": "grassroots_security_team", "from": "2024-07-01"}]}]}"#).unwrap();
//! let a = &assess_all(&input).unwrap()[0];
//! assert_eq!((a.outcome, a.service_years, a.required_years), (MedalOutcome::Eligible, 10, 10));
//! assert_eq!(a.instrument.id, "vn.medal-2025");
//! assert_eq!(a.illustrative, vec!["commendation_min_level".to_string()]);
//! ```

mod assess;
mod input;
mod result;
mod rules;
mod service;
#[cfg(test)]
mod tests;

pub use assess::{assess, assess_all, assess_with, instruments, resolve};
pub use input::{Candidate, Discipline, Group, MedalInput, MedalParams, PriorAward, ServicePeriod, Sex};
pub use result::{Condition, ConditionCode, CountedPeriod, MedalAssessment, MedalOutcome};
pub use rules::{
    AreaKind, CommendationTest, ConditionRule, ConditionTest, Fact, GroupRule, IssuerLevel, MedalRules, NotNamed,
    PostLevel, PostLevelTest, ServiceKind, Years,
};
pub use service::{Service, count_service, whole_years};

/// The family of the medal's instruments.
pub const FAMILY: &str = "vn.medal";

/// The input format version this antq writes (it reads 1 and 2).
pub const FORMAT_VERSION: u32 = 2;

/// Most service periods of one candidate.
pub const MAX_SERVICE_PERIODS: usize = 1000;
