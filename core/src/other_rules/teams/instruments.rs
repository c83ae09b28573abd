//! The ranking instruments as data (`core/data/teams/`): their rules, the legal basis, and
//! the instrument to apply on a date.

use super::FAMILY;
use super::input::CapBase;
use super::ranking::bad;
use crate::error::{Error, ProblemCode, Result};
use crate::model::text::{Certainty, LegalRef, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

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

pub(super) const FILES: [(&str, &str); 2] = [
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

pub(super) fn read_rules(name: &str, text: &str) -> Result<TeamRules> {
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
            [
                format!("`{id}` is not a ranking instrument antq encodes (known: {})", known.join(", ")),
                format!("`{id}` không phải văn bản xếp loại antq mã hóa (đã biết: {})", known.join(", ")),
            ],
        )]));
    };
    crate::law::ensure_in_force(&rules.id, Some(&rules.family), &rules.effective, date)?;
    Ok(rules)
}
