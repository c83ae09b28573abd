//! Dated administrative facts: which kinds exist when, and who recognises whom.
//!
//! The facts live in `data/administrative.toml`, compiled in, so a later reform is
//! a data change.

use crate::model::text::{Certainty, Text};
use crate::model::unit::{Kind, UnitKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The administrative facts compiled into antq.
pub const ADMINISTRATIVE_TOML: &str = include_str!("../../data/administrative.toml");

/// Who recognises a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Authority {
    /// The commune People's Committee.
    CommuneCommittee,
    /// The district People's Committee.
    DistrictCommittee,
    /// The provincial People's Committee.
    ProvincialCommittee,
}

impl Authority {
    /// The snake_case code (as in JSON).
    ///
    /// ```
    /// assert_eq!(antq::calendar::Authority::DistrictCommittee.as_str(), "district_committee");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Authority::CommuneCommittee => "commune_committee",
            Authority::DistrictCommittee => "district_committee",
            Authority::ProvincialCommittee => "provincial_committee",
        }
    }

    /// The authority's name in both languages.
    pub fn label(self) -> Text {
        match self {
            Authority::CommuneCommittee => Text::new("UBND cấp xã", "commune People's Committee"),
            Authority::DistrictCommittee => Text::new("UBND cấp huyện", "district People's Committee"),
            Authority::ProvincialCommittee => Text::new("UBND cấp tỉnh", "provincial People's Committee"),
        }
    }
}

/// The recognising authority of one unit in one year, with how certain that is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Recognition {
    /// The authority.
    pub authority: Authority,
    /// Its name.
    pub label: Text,
    /// Verified before the 2025 reform, inferred after.
    pub certainty: Certainty,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct Calendar {
    #[allow(dead_code)]
    format_version: u32,
    existence: Vec<Existence>,
    recognition: Vec<RecognitionRule>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct Existence {
    kind: Kind,
    subkind: Option<String>,
    #[serde(deserialize_with = "crate::model::date::iso_opt", default)]
    from: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::model::date::iso_opt", default)]
    until: Option<NaiveDate>,
    note: String,
    note_vi: String,
    #[allow(dead_code)]
    certainty: Certainty,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RecognitionRule {
    #[serde(deserialize_with = "crate::model::date::iso_opt", default)]
    from: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::model::date::iso_opt", default)]
    until: Option<NaiveDate>,
    kinds: Vec<Kind>,
    managed_by: Option<Kind>,
    authority: Authority,
    certainty: Certainty,
    #[allow(dead_code)]
    note: Option<String>,
}

fn calendar() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(|| {
        // The file is compiled in and checked by a unit test; an empty calendar is the
        // only fallback that cannot panic.
        crate::Source::new("administrative.toml", ADMINISTRATIVE_TOML).parse().unwrap_or(Calendar {
            format_version: 1,
            existence: Vec::new(),
            recognition: Vec::new(),
        })
    })
}

fn within(from: Option<NaiveDate>, until: Option<NaiveDate>, d: NaiveDate) -> bool {
    from.is_none_or(|f| f <= d) && until.is_none_or(|u| d <= u)
}

/// The kinds some of whose units (a sub-kind, or all) did not exist on `on`, as a bit set
/// over [`Kind::ALL`] (bit `k as u32`): a unit of another kind needs no [`kind_absence`].
pub(crate) fn kinds_with_absence(on: NaiveDate) -> u32 {
    calendar().existence.iter().filter(|e| !within(e.from, e.until, on)).fold(0, |m, e| m | 1 << e.kind as u32)
}

/// Why a kind did not exist on a date, or `None` if it did.
///
/// ```
/// use antq::{calendar, UnitKind, DistrictKind};
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2025, 11, 15).unwrap();
/// assert!(calendar::kind_absence(UnitKind::District(DistrictKind::ThiXa), d).is_some());
/// ```
pub fn kind_absence(kind: UnitKind, on: NaiveDate) -> Option<&'static str> {
    kind_absence_in(kind, on).map(|[en, _]| en)
}

/// [`kind_absence`] in English and Vietnamese.
pub(crate) fn kind_absence_in(kind: UnitKind, on: NaiveDate) -> Option<[&'static str; 2]> {
    calendar()
        .existence
        .iter()
        .filter(|e| e.kind == kind.kind() && e.subkind.as_deref().is_none_or(|s| Some(s) == kind.subkind()))
        .find(|e| !within(e.from, e.until, on))
        .map(|e| [e.note.as_str(), e.note_vi.as_str()])
}

/// Why no unit of `kind` (any subkind) exists on `on`, if the whole level is absent then
/// (e.g. districts after 30 June 2025).
///
/// ```
/// use antq::{Kind, calendar};
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// assert!(calendar::level_absence(Kind::District, d(2025, 7, 1)).is_some());
/// assert!(calendar::level_absence(Kind::District, d(2025, 6, 30)).is_none());
/// ```
pub fn level_absence(kind: Kind, on: NaiveDate) -> Option<&'static str> {
    level_absence_in(kind, on).map(|[en, _]| en)
}

/// [`level_absence`] in English and Vietnamese.
pub(crate) fn level_absence_in(kind: Kind, on: NaiveDate) -> Option<[&'static str; 2]> {
    calendar()
        .existence
        .iter()
        .filter(|e| e.kind == kind && e.subkind.is_none())
        .find(|e| !within(e.from, e.until, on))
        .map(|e| [e.note.as_str(), e.note_vi.as_str()])
}

/// Who recognises a unit of `kind` whose parent is of kind `managed_by`, on `on`.
pub fn recognition(kind: Kind, managed_by: Option<Kind>, on: NaiveDate) -> Option<Recognition> {
    calendar()
        .recognition
        .iter()
        .find(|r| {
            within(r.from, r.until, on) && r.kinds.contains(&kind) && r.managed_by.is_none_or(|m| Some(m) == managed_by)
        })
        .map(|r| Recognition { authority: r.authority, label: r.authority.label(), certainty: r.certainty })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_calendar_parses() {
        let c: Calendar = crate::Source::new("administrative.toml", ADMINISTRATIVE_TOML).parse().unwrap();
        assert_eq!(c.existence.len(), 3);
        assert!(!c.recognition.is_empty());
    }

    #[test]
    fn communes_recognised_by_district_before_reform_and_province_after() {
        let before = NaiveDate::from_ymd_opt(2023, 11, 15).unwrap();
        let after = NaiveDate::from_ymd_opt(2025, 11, 15).unwrap();
        let r = recognition(Kind::Commune, Some(Kind::District), before).unwrap();
        assert_eq!(r.authority, Authority::DistrictCommittee);
        // The district row's text is cut off in the sources (DOMAIN §3.5).
        assert_eq!(r.certainty, Certainty::Partial);
        let r = recognition(Kind::ResidentialArea, Some(Kind::Commune), before).unwrap();
        assert_eq!(r.certainty, Certainty::Verified);
        let r = recognition(Kind::Commune, Some(Kind::Province), after).unwrap();
        assert_eq!(r.authority, Authority::ProvincialCommittee);
        assert_eq!(r.certainty, Certainty::Inferred);
    }
}
