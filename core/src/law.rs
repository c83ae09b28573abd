//! The law in time: every instrument antq knows, the period it applies in, the family it
//! belongs to, and the one in force on a date (`docs/DOMAIN.md` §"The law in time").
//!
//! An *instrument* is one text of the law as antq encodes it: Circular 124/2021 as first
//! published ([`RuleSet`] `vn.c124-2021`) and as amended by Circular 48/2025
//! (`vn.c124-2025`) are two instruments of the family `vn.c124`. Instruments antq knows of
//! but cannot encode (their criteria are not available, e.g. Plan 612/KH-BCA) are listed too,
//! so that a date they govern is answered "this applies, and it is not encoded" instead of
//! silently with another text.
//!
//! ```
//! use antq::law;
//! use chrono::NaiveDate;
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert_eq!(law::in_force("vn.c124", d(2024, 11, 15)).unwrap().id, "vn.c124-2021");
//! assert_eq!(law::in_force("vn.c124", d(2026, 11, 15)).unwrap().id, "vn.c124-2025");
//! let e = law::in_force("vn.c124", d(2021, 6, 1)).unwrap_err();
//! assert_eq!(e.code(), "not_in_force");
//! ```

use crate::Lang;
use crate::error::{Error, Result};
use crate::model::text::{LegalRef, Text};
use crate::rules::{Effective, RuleSet};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// What antq holds of an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Encoding {
    /// A rule set (criteria, windows, outcome policy): [`RuleSet::preset`].
    RuleSet,
    /// The commemorative medal's eligibility rules ([`crate::other_rules::medal`]).
    Medal,
    /// The grassroots security teams' ranking rules ([`crate::other_rules::teams`]).
    TeamRanking,
    /// Known to apply, but its content is not available: nothing is evaluated under it.
    NotEncoded,
}

impl Encoding {
    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::RuleSet => "rule_set",
            Encoding::Medal => "medal",
            Encoding::TeamRanking => "team_ranking",
            Encoding::NotEncoded => "not_encoded",
        }
    }
}

/// One instrument: its id, family, period and what antq holds of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable id, e.g. `vn.c124-2021` (a preset id when encoded as a rule set).
    pub id: String,
    /// The family it belongs to, e.g. `vn.c124`.
    pub family: String,
    /// Title in both languages.
    pub title: Text,
    /// The documents it encodes.
    pub legal_basis: Vec<LegalRef>,
    /// The period it applies in (by reference date), with how certain its bounds are.
    pub effective: Effective,
    /// What antq holds of it.
    pub encoding: Encoding,
    /// Version of the encoding (empty when not encoded).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub version: String,
    /// SHA-256 of the encoded content (empty when not encoded).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub content_hash: String,
}

impl Instrument {
    /// The instrument a rule set encodes, when it names its family.
    pub fn of_rule_set(rs: &RuleSet) -> Option<Instrument> {
        Some(Instrument {
            id: rs.id.clone(),
            family: rs.family.clone()?,
            title: rs.title.clone(),
            legal_basis: rs.legal_basis.clone(),
            effective: rs.effective.clone(),
            encoding: Encoding::RuleSet,
            version: rs.version.clone(),
            content_hash: rs.content_hash(),
        })
    }
}

/// Which instrument a result was reached under: id, version and content hash (enough to
/// find the exact rules again).
///
/// ```
/// let i = antq::law::in_force("vn.medal", chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()).unwrap();
/// let r = antq::law::InstrumentRef::from(i);
/// assert_eq!((r.id.as_str(), r.content_hash.len()), ("vn.medal-2025", 64));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InstrumentRef {
    /// Instrument id, e.g. `vn.medal-2025`.
    pub id: String,
    /// Version of its encoding.
    pub version: String,
    /// SHA-256 of the encoded content.
    pub content_hash: String,
}

impl From<&Instrument> for InstrumentRef {
    fn from(i: &Instrument) -> Self {
        InstrumentRef { id: i.id.clone(), version: i.version.clone(), content_hash: i.content_hash.clone() }
    }
}

/// An entry of an index of instruments: of encoded ones (`core/data/medal/index.toml`,
/// `core/data/teams/index.toml`: the rule file's header and content hash, so that the
/// registry does not read, nor a build that never evaluates them carry, the rules), or of
/// instruments known but not encoded (`core/data/instruments.toml`: no file, version or hash).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IndexEntry {
    /// The rule file (checked by the tests that compare the index with the files).
    #[cfg_attr(not(test), allow(dead_code))]
    #[serde(default)]
    pub(crate) file: String,
    pub(crate) id: String,
    pub(crate) family: String,
    #[serde(default)]
    pub(crate) version: String,
    pub(crate) title: Text,
    pub(crate) legal_basis: Vec<LegalRef>,
    pub(crate) effective: Effective,
    #[serde(default)]
    pub(crate) content_hash: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndexFile {
    format_version: u32,
    instruments: Vec<IndexEntry>,
}

/// The entries of an index (empty when it cannot be read: each index is checked against its
/// files by its module's unit tests).
pub(crate) fn index(name: &str, text: &str) -> Vec<IndexEntry> {
    match crate::read::source::read_input::<IndexFile>(name, text) {
        Ok(f) if f.format_version == 1 => f.instruments,
        _ => Vec::new(),
    }
}

/// The instruments of an index.
pub(crate) fn of_index(name: &str, text: &str, encoding: Encoding) -> Vec<Instrument> {
    index(name, text)
        .into_iter()
        .map(|e| Instrument {
            id: e.id,
            family: e.family,
            title: e.title,
            legal_basis: e.legal_basis,
            effective: e.effective,
            encoding,
            version: e.version,
            content_hash: e.content_hash,
        })
        .collect()
}

/// The SHA-256 of an instrument file's content: its JSON form (TOML converted key by key,
/// comments and layout left out). `None` when the text is not valid TOML.
pub(crate) fn file_hash(text: &str) -> Option<String> {
    crate::read::toml_json::to_json(text).ok().map(|j| crate::rules::hash_json(&j))
}

/// A family of instruments: the successive texts of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Family {
    /// Stable id, e.g. `vn.c124`.
    pub id: String,
    /// Its instruments, earliest first.
    pub instruments: Vec<Instrument>,
}

/// The instruments known but not encoded, from `core/data/instruments.toml` (an index
/// whose entries name no file; checked by a unit test, so an unreadable file would leave the
/// list empty, never panic).
fn not_encoded() -> Vec<Instrument> {
    of_index("instruments.toml", include_str!("../data/instruments.toml"), Encoding::NotEncoded)
}

/// Every instrument antq knows, grouped by family (families by id), earliest first.
pub fn registry() -> &'static [Instrument] {
    static ALL: OnceLock<Vec<Instrument>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Instrument> = crate::rules::presets().iter().filter_map(Instrument::of_rule_set).collect();
        all.extend(crate::other_rules::medal::instruments());
        all.extend(crate::other_rules::teams::instruments());
        all.extend(not_encoded());
        crate::sort_by(&mut all, |a, b| {
            (&a.family, a.effective.from, &a.id).cmp(&(&b.family, b.effective.from, &b.id))
        });
        all
    })
}

/// The families, by id, each with its instruments earliest first.
pub fn families() -> Vec<Family> {
    let mut out: Vec<Family> = Vec::new();
    for i in registry() {
        match out.last_mut() {
            Some(f) if f.id == i.family => f.instruments.push(i.clone()),
            _ => out.push(Family { id: i.family.clone(), instruments: vec![i.clone()] }),
        }
    }
    out
}

/// Whether `id` names a family.
pub fn is_family(id: &str) -> bool {
    registry().iter().any(|i| i.family == id)
}

/// An instrument by id.
pub fn instrument(id: &str) -> Option<&'static Instrument> {
    registry().iter().find(|i| i.id == id)
}

/// The instrument of `family` in force on `date`.
///
/// Errors: `unknown_preset` when no family has this id; `not_in_force` when no encoded
/// instrument of the family applies on `date` (naming the one that does, when antq knows
/// it but cannot encode it, such as Plan 612/KH-BCA).
pub fn in_force(family: &str, date: NaiveDate) -> Result<&'static Instrument> {
    let members: Vec<&Instrument> = registry().iter().filter(|i| i.family == family).collect();
    if members.is_empty() {
        let known: Vec<String> = families().into_iter().map(|f| f.id).collect();
        return Err(Error::UnknownPreset { id: family.to_owned(), known: known.join(", ") });
    }
    let hit = members.iter().copied().find(|i| i.effective.contains(date));
    match hit {
        Some(i) if i.encoding != Encoding::NotEncoded => Ok(i),
        other => Err(Error::NotInForce(Box::new(NotInForce {
            id: family.to_owned(),
            date,
            from: None,
            until: None,
            instead: other.map(|i| i.id.clone()),
            supplement: None,
            reason: not_encoded_reason(family, other, date, Lang::En),
            reason_vi: Some(not_encoded_reason(family, other, date, Lang::Vi)),
        }))),
    }
}

/// Why no encoded instrument of `family` applies on `date`, in `lang`: `known`, the one that
/// applies, is not encoded, or none is known.
fn not_encoded_reason(family: &str, known: Option<&Instrument>, date: NaiveDate, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let Some(i) = known else {
        return if vi {
            format!("antq không biết văn bản nào của họ `{family}` áp dụng vào ngày {date}")
        } else {
            format!("no instrument of family `{family}` known to apply on {date}")
        };
    };
    // An open start is "not known", not "always": never claim it applied.
    let (id, period, open) = (&i.id, i.effective.describe_in(lang), i.effective.from.is_none());
    if vi {
        let unknown = if open { ", từ một ngày antq không biết," } else { "" };
        format!("`{id}` áp dụng {period}{unknown} và chưa được mã hóa (chưa có nội dung); ngày là {date}")
    } else {
        let unknown = if open { ", from a day antq does not know," } else { "" };
        format!(
            "`{id}` applies {period}{unknown} and is not encoded (its content is not available); the date is {date}"
        )
    }
}

/// The instrument (other than `id`) of `family` that applies on `date`, if any.
pub fn instead(family: Option<&str>, id: &str, date: NaiveDate) -> Option<&'static Instrument> {
    let family = family?;
    registry().iter().find(|i| i.family == family && i.id != id && i.effective.contains(date))
}

/// `Ok` when `date` falls in `effective`, else the `not_in_force` error for instrument `id`
/// of `family` (naming the one that applies instead): the one check every surface of the law
/// in time makes before applying an instrument.
pub(crate) fn ensure_in_force(id: &str, family: Option<&str>, effective: &Effective, date: NaiveDate) -> Result<()> {
    if effective.contains(date) {
        Ok(())
    } else {
        Err(Error::NotInForce(Box::new(NotInForce::outside(id, family, effective, date))))
    }
}

/// Why an instrument cannot be applied on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NotInForce {
    /// The instrument or family asked for.
    pub id: String,
    /// The reference date.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub date: NaiveDate,
    /// First day of the instrument's period, if bounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    pub from: Option<NaiveDate>,
    /// Last day of the instrument's period, if bounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    pub until: Option<NaiveDate>,
    /// The instrument that applies on that date instead, if any is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
    /// The supplement that set the period (`from`, `until`), replacing the rule set's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplement: Option<String>,
    /// The sentence that says why.
    pub reason: String,
    /// [`NotInForce::reason`] in Vietnamese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_vi: Option<String>,
}

impl NotInForce {
    /// The error for applying an instrument with `effective` (of `family`) on `date`.
    pub fn outside(id: &str, family: Option<&str>, effective: &Effective, date: NaiveDate) -> NotInForce {
        NotInForce::outside_of(id, family, effective, date, None)
    }

    /// [`NotInForce::outside`], for a period that `supplement` set when it is named.
    pub(crate) fn outside_of(
        id: &str,
        family: Option<&str>,
        effective: &Effective,
        date: NaiveDate,
        supplement: Option<&str>,
    ) -> NotInForce {
        let instead = instead(family, id, date);
        let by = supplement.map_or_else(String::new, |s| format!(" (the period supplement `{s}` sets)"));
        let by_vi = supplement.map_or_else(String::new, |s| format!(" (thời hạn do bổ sung `{s}` đặt)"));
        let mut reason =
            format!("`{id}` applies {}{by}; the reference date {date} is outside it", effective.describe());
        let mut reason_vi = format!(
            "`{id}` áp dụng {}{by_vi}; ngày tham chiếu {date} nằm ngoài thời hạn đó",
            effective.describe_in(Lang::Vi)
        );
        if let Some(i) = instead {
            let not_encoded = i.encoding == Encoding::NotEncoded;
            reason.push_str(&format!("; `{}` applies on that date", i.id));
            reason_vi.push_str(&format!("; `{}` áp dụng vào ngày đó", i.id));
            if not_encoded {
                reason.push_str(" and is not encoded");
                reason_vi.push_str(" và chưa được mã hóa");
            }
        }
        NotInForce {
            id: id.to_owned(),
            date,
            from: effective.from,
            until: effective.until,
            instead: instead.map(|i| i.id.clone()),
            supplement: supplement.map(str::to_owned),
            reason,
            reason_vi: Some(reason_vi),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_period_a_supplement_set_is_named_with_the_supplement() {
        let text = r#"
format_version = 1
id = "test.later"
version = "1.0.0"
base = "vn.d9745-2022.communes"
certainty = "sample"
quota_per = "province"
title = { vi = "Sau", en = "Later" }
effective = { from = "2025-07-01" }
"#;
        let sup = crate::Supplement::from_str_named("s.toml", text).unwrap();
        let base = crate::RuleSet::preset("vn.d9745-2022.communes").unwrap();
        let rs = base.with_supplement(&sup).unwrap();
        let Err(Error::NotInForce(e)) = rs.ensure_in_force(d(2024, 11, 30)) else { panic!("expected not_in_force") };
        assert_eq!((e.supplement.as_deref(), e.from, e.until), (Some("test.later"), Some(d(2025, 7, 1)), None));
        assert!(e.reason.contains("from 2025-07-01 (the period supplement `test.later` sets)"), "{}", e.reason);
        let vi = e.reason_vi.as_deref().unwrap_or_default();
        assert!(vi.contains("từ 2025-07-01 (thời hạn do bổ sung `test.later` đặt)"), "{vi}");
        assert!(rs.ensure_in_force(d(2025, 11, 30)).is_ok());
        // The preset's own period names no supplement.
        let Err(Error::NotInForce(e)) = base.ensure_in_force(d(2025, 11, 30)) else { panic!("expected not_in_force") };
        assert_eq!(e.supplement, None);
        assert!(!e.reason.contains("supplement"), "{}", e.reason);
    }

    #[test]
    fn the_not_encoded_file_reads() {
        assert!(!not_encoded().is_empty());
        for i in not_encoded() {
            assert!(is_family(&i.family), "{}", i.id);
        }
    }

    #[test]
    fn periods_of_a_family_do_not_overlap() {
        for f in families() {
            for w in f.instruments.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                let a_until = a.effective.until.unwrap_or_else(|| panic!("{} is open-ended before {}", a.id, b.id));
                let b_from = b.effective.from.unwrap_or_else(|| panic!("{} has no start", b.id));
                assert!(a_until < b_from, "{} and {} overlap", a.id, b.id);
            }
        }
    }

    #[test]
    fn c124_resolves_by_date_on_both_sides_of_the_reform() {
        assert_eq!(in_force("vn.c124", d(2025, 6, 30)).unwrap().id, "vn.c124-2021");
        assert_eq!(in_force("vn.c124", d(2025, 7, 1)).unwrap().id, "vn.c124-2025");
        assert_eq!(in_force("vn.c124", d(2022, 2, 10)).unwrap().id, "vn.c124-2021");
        let e = in_force("vn.c124", d(2022, 2, 9)).unwrap_err();
        assert_eq!(e.code(), "not_in_force");
        assert_eq!(
            e.text(crate::Lang::Vi),
            "không có hiệu lực: `vn.c23-2012` áp dụng đến 2022-02-09, từ một ngày antq không biết, và chưa được mã hóa (chưa có nội dung); ngày là 2022-02-09"
        );
        assert_eq!(in_force("nope", d(2024, 1, 1)).unwrap_err().code(), "unknown_preset");
        // Circular 23/2012's start is not known: a date long before its end is not said to be its.
        let e = in_force("vn.c124", d(2005, 11, 15)).unwrap_err().to_string();
        assert!(e.contains("applies until 2022-02-09, from a day antq does not know,"), "{e}");
        assert!(!e.contains("applies on 2005"), "{e}");
    }
}
