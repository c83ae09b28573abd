//! Rule sets as data: criteria with their legal basis and tests, windows, scope,
//! outcome policies, parameters, and provincial supplements.

mod criterion_test;
pub mod illustrative;
mod outcome_policy;
mod presets;
mod supplement;
mod validate;

pub use criterion_test::{ChildMeasure, Rounding, Test};
pub use outcome_policy::{Level, OutcomePolicy, Sheet};
pub use presets::{PRESET_IDS, Preset, preset, presets};
pub use supplement::Supplement;

use crate::Lang;
use crate::error::{Error, Problem, Result};
use crate::model::date::{Window, YearDate};
use crate::model::text::{Certainty, LegalRef, Text, Wording};
use crate::model::unit::{EnterpriseSize, Kind, SchoolLevel, UnitKind};
use crate::read::limits::Limits;
use crate::read::source::Source;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::Digest;
use std::collections::BTreeMap;

/// The rule-file format version this library reads and writes.
pub const RULES_FORMAT_VERSION: u32 = 1;

/// A rule set: the criteria of one legal instrument (or a province's version of it),
/// kept as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Must be [`RULES_FORMAT_VERSION`].
    pub format_version: u32,
    /// Stable id, e.g. `vn.c124-2021`.
    pub id: String,
    /// Version of this encoding of the rules.
    pub version: String,
    /// Title in both languages.
    pub title: Text,
    /// The instruments it encodes.
    pub legal_basis: Vec<LegalRef>,
    /// The family of instruments it belongs to (e.g. `vn.c124`): asking for the family
    /// with a date picks the member in force on that date ([`crate::law`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// First and last day the rules apply (by evaluation reference date).
    #[serde(default)]
    pub effective: Effective,
    /// Evaluation windows per unit kind.
    #[serde(default)]
    pub windows: Vec<WindowRule>,
    /// Units of these kinds are out of scope, with the reason.
    #[serde(default)]
    pub scope: Vec<ScopeRule>,
    /// Incident categories the "no occurrence" tests may name.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Named parameters of the outcome policy (each name once).
    #[serde(default, deserialize_with = "crate::read::raw::unique_map")]
    pub parameters: BTreeMap<String, Parameter>,
    /// The criteria, each for some unit kinds.
    pub criteria: Vec<Criterion>,
    /// How criteria results become a unit's outcome.
    pub outcome: OutcomePolicy,
    /// Supplements applied to produce this rule set (empty for a base rule set).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applied_supplements: Vec<SupplementRef>,
}

/// The dates an instrument applies between (both included; open when left out), by
/// reference date, with how certain the bounds are.
///
/// ```
/// use antq::rules::Effective;
/// use chrono::NaiveDate;
/// let e: Effective = serde_json::from_str(r#"{"from": "2022-02-10", "until": "2025-06-30"}"#).unwrap();
/// assert!(e.contains(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()));
/// assert!(!e.contains(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()));
/// assert_eq!(e.describe(), "from 2022-02-10 until 2025-06-30");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Effective {
    /// First day in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    pub from: Option<NaiveDate>,
    /// Last day in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    pub until: Option<NaiveDate>,
    /// How certain the bounds are (`[V]` when taken from the texts; `[I]` when inferred,
    /// e.g. an amendment taken to apply from the reform it serves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certainty: Option<Certainty>,
    /// Where the bounds come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Effective {
    /// Whether `date` falls in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }

    /// The period in words: `from 2022-02-10 until 2025-06-30`, `from 2022-02-10`, `at any date`.
    pub fn describe(&self) -> String {
        self.describe_in(Lang::En)
    }

    /// [`Effective::describe`] in `lang`.
    ///
    /// ```
    /// let e = antq::RuleSet::preset("vn.c124-2021").unwrap().effective;
    /// assert_eq!(e.describe_in(antq::Lang::Vi), "từ 2022-02-10 đến 2025-06-30");
    /// ```
    pub fn describe_in(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match (self.from, self.until) {
            (Some(f), Some(u)) if vi => format!("từ {f} đến {u}"),
            (Some(f), Some(u)) => format!("from {f} until {u}"),
            (Some(f), None) if vi => format!("từ {f}"),
            (Some(f), None) => format!("from {f}"),
            (None, Some(u)) if vi => format!("đến {u}"),
            (None, Some(u)) => format!("until {u}"),
            (None, None) if vi => "vào mọi ngày".to_owned(),
            (None, None) => "at any date".to_owned(),
        }
    }
}

/// The window of year `Y` for some unit kinds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WindowRule {
    /// Kinds it applies to.
    pub kinds: Vec<Kind>,
    /// First day, e.g. `Y-1-11-16`.
    pub start: YearDate,
    /// Last day, e.g. `Y-11-15`.
    pub end: YearDate,
    /// The last day the review of these kinds may take place (`[P]`, DOMAIN §4: residential
    /// areas before 20 November, communes and organisations before 30 November, taken as
    /// on or before); when left out, the window's last day. A reference date after the
    /// latest of these is outside the year's review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<YearDate>,
    /// Legal basis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<LegalRef>,
}

/// A scope exclusion with its stable code, reason and legal basis: units matching any
/// of its selectors are out of scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScopeRule {
    /// Stable code, e.g. `small_or_micro_enterprise`.
    pub code: String,
    /// Excludes armed-forces agencies.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub armed_forces: bool,
    /// Excludes enterprises of these sizes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enterprise_sizes: Vec<EnterpriseSize>,
    /// Excludes schools of these levels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub school_levels: Vec<SchoolLevel>,
    /// The reason, shown in results.
    pub reason: Text,
    /// Legal basis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<LegalRef>,
}

impl ScopeRule {
    /// Whether a unit of this kind is excluded.
    pub fn matches(&self, kind: UnitKind) -> bool {
        match kind {
            UnitKind::Agency { armed_forces } => self.armed_forces && armed_forces,
            UnitKind::Enterprise(s) => self.enterprise_sizes.contains(&s),
            UnitKind::School(l) => self.school_levels.contains(&l),
            _ => false,
        }
    }
}

/// An incident category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Stable id used by incidents.
    pub id: String,
    /// Name.
    pub label: Text,
    /// Legal basis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<LegalRef>,
    /// How certain it is.
    pub certainty: Certainty,
}

/// A named integer parameter of the outcome policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Value.
    pub value: i64,
    /// Whether the value is an illustrative default rather than a published rule.
    pub illustrative: bool,
    /// What it means.
    pub label: Text,
}

/// One criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Stable id, e.g. `RA-1`.
    pub id: String,
    /// Unit kinds it applies to.
    pub kinds: Vec<Kind>,
    /// Name in both languages.
    pub label: Text,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
    /// How certain it is.
    pub certainty: Certainty,
    /// Whether the labels summarise a known wording or only name the criterion.
    pub wording: Wording,
    /// Whether the outcome requires it (default true).
    #[serde(default = "yes")]
    pub mandatory: bool,
    /// Its test.
    pub test: Test,
    /// The supplement that added or replaced it (set when the supplement is applied; none
    /// for the rule set's own criteria). Its mark is then never stronger than the
    /// supplement's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn yes() -> bool {
    true
}

/// The id, version and hash of a supplement that was applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SupplementRef {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// How certain its content is (`sample` for the bundled sample).
    pub certainty: Certainty,
    /// SHA-256 of the supplement as applied.
    pub content_hash: String,
    /// Criteria it added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    /// Criteria of the base it replaced (their test, label and mark are the supplement's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaced: Vec<String>,
    /// The period it set for the layered rule set, replacing the base's, if it set one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Effective>,
}

/// The rule set a result was made with, as every result names it: id, version, content
/// hash, each supplement applied (with its version, mark and hash) and the illustrative
/// defaults `[I]` the answers rest on.
///
/// ```
/// let rs = antq::RuleSet::preset("vn.c124-2021").unwrap();
/// let r = antq::rules::RulesRef::of(&rs);
/// assert_eq!((r.id.as_str(), r.supplements.len()), ("vn.c124-2021", 0));
/// assert!(r.to_string().starts_with("vn.c124-2021 1.1.0 sha256:"));
/// assert!(r.illustrative_defaults.is_empty());
/// let typical = antq::rules::RulesRef::of(&antq::RuleSet::preset("vn.d9745-2022.communes").unwrap());
/// assert!(typical.illustrative_defaults.iter().any(|d| d.starts_with("parameter quota_per_parent")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RulesRef {
    /// Rule set id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// SHA-256 of the rule set as applied (with its supplements).
    pub content_hash: String,
    /// The supplements applied, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supplements: Vec<SupplementRef>,
    /// The illustrative defaults `[I]` it uses instead of published values
    /// ([`RuleSet::illustrative_defaults`]): the answers that depend on them are
    /// illustrative. Empty when every value is a published rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative_defaults: Vec<String>,
}

impl RulesRef {
    /// The rule set as a table cell: `id version sha256:<12 hex>`.
    pub fn rule_set_cell(&self) -> String {
        crate::table::decided_by(&self.id, &self.version, &self.content_hash)
    }

    /// Each supplement as a table cell: `id version sha256:<12 hex>`, in order.
    pub fn supplement_cells(&self) -> Vec<String> {
        self.supplements.iter().map(|s| crate::table::decided_by(&s.id, &s.version, &s.content_hash)).collect()
    }

    /// What the answers made with the rule set rest on beyond verified values, in one
    /// sentence for a note or warning, or none when it uses no illustrative default.
    ///
    /// ```
    /// let typical = antq::RuleSet::preset("vn.d9745-2022.communes").unwrap();
    /// let note = antq::rules::RulesRef::of(&typical).illustrative_note().unwrap();
    /// assert!(note.starts_with("`vn.d9745-2022.communes` uses illustrative defaults [I], not verified values: "));
    /// ```
    pub fn illustrative_note(&self) -> Option<String> {
        self.illustrative_note_in(crate::Lang::En)
    }

    /// [`RulesRef::illustrative_note`] in `lang`.
    ///
    /// ```
    /// let typical = antq::RuleSet::preset("vn.d9745-2022.communes").unwrap();
    /// let note = antq::rules::RulesRef::of(&typical).illustrative_note_in(antq::Lang::Vi).unwrap();
    /// assert!(note.starts_with("`vn.d9745-2022.communes` dùng giá trị mặc định minh họa [I]"));
    /// ```
    pub fn illustrative_note_in(&self, lang: crate::Lang) -> Option<String> {
        (!self.illustrative_defaults.is_empty()).then(|| {
            let phrases: Vec<_> =
                self.illustrative_defaults.iter().map(|p| crate::rules::illustrative::in_lang(p, lang)).collect();
            match lang {
                crate::Lang::En => format!(
                    "`{}` uses illustrative defaults [I], not verified values: {}; the answers that depend on them are illustrative",
                    self.id,
                    phrases.join("; ")
                ),
                crate::Lang::Vi => format!(
                    "`{}` dùng giá trị mặc định minh họa [I], không phải giá trị đã kiểm chứng: {}; các kết quả phụ thuộc vào chúng chỉ mang tính minh họa",
                    self.id,
                    phrases.join("; ")
                ),
            }
        })
    }

    /// The reference of a rule set as applied.
    pub fn of(rs: &RuleSet) -> RulesRef {
        RulesRef {
            id: rs.id.clone(),
            version: rs.version.clone(),
            content_hash: rs.content_hash(),
            supplements: rs.applied_supplements.clone(),
            illustrative_defaults: rs.illustrative_defaults(),
        }
    }
}

/// `id version sha256:<12 hex>`, then ` + id version [mark] sha256:<12 hex>` per supplement.
impl std::fmt::Display for RulesRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let short = |h: &str| h.get(..12).unwrap_or(h).to_owned();
        write!(f, "{} {} sha256:{}", self.id, self.version, short(&self.content_hash))?;
        for s in &self.supplements {
            write!(f, " + {} {} [{}] sha256:{}", s.id, s.version, s.certainty.mark(), short(&s.content_hash))?;
        }
        Ok(())
    }
}

impl RuleSet {
    /// Reads a rule set from JSON or TOML and validates it.
    ///
    /// ```
    /// let text = antq::rules::preset("vn.c124-2021").unwrap().source;
    /// let rs = antq::RuleSet::from_str_named("c124.toml", text).unwrap();
    /// assert_eq!(rs.id, "vn.c124-2021");
    /// ```
    pub fn from_str_named(name: &str, text: &str) -> Result<RuleSet> {
        RuleSet::from_str_with_limits(name, text, &Limits::default())
    }

    /// Reads a rule set like [`RuleSet::from_str_named`], within the given [`Limits`].
    ///
    /// ```
    /// let text = antq::rules::preset("vn.c124-2021").unwrap().source;
    /// let mut limits = antq::Limits::default();
    /// limits.max_criteria = 3;
    /// let err = antq::RuleSet::from_str_with_limits("c124.toml", text, &limits).unwrap_err();
    /// assert!(err.to_string().contains("max_criteria = 3"));
    /// ```
    pub fn from_str_with_limits(name: &str, text: &str, limits: &Limits) -> Result<RuleSet> {
        let src = Source::new(name, text);
        limits.check_document(&src).map_err(|p| Error::InvalidRuleSet(vec![*p]))?;
        let rs: RuleSet = src
            .parse()
            .map_err(|p| Error::InvalidRuleSet(crate::read::version::first(p, &src, RULES_FORMAT_VERSION)))?;
        let problems = rs.problems_with_limits(limits);
        if problems.is_empty() {
            Ok(rs)
        } else {
            let mut problems = crate::error::cap_problems(problems, limits.max_problems);
            src.locate_all(&mut problems, validate::located_key);
            Err(Error::InvalidRuleSet(problems))
        }
    }

    /// Reads a rule set from a file.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<RuleSet> {
        let path = path.as_ref();
        let text = crate::read::read_file(path)?;
        RuleSet::from_str_named(&path.display().to_string(), &text)
    }

    /// Every problem in the rule set (empty when it is sound).
    pub fn problems(&self) -> Vec<crate::Problem> {
        validate::problems(self, &Limits::default())
    }

    /// Every problem in the rule set, with the given limits on criteria and test nesting.
    pub fn problems_with_limits(&self, limits: &Limits) -> Vec<crate::Problem> {
        validate::problems(self, limits)
    }

    /// Checks the rule set.
    pub fn validate(&self) -> Result<()> {
        let p = self.problems();
        if p.is_empty() {
            Ok(())
        } else {
            Err(Error::InvalidRuleSet(crate::error::cap_problems(p, Limits::default().max_problems)))
        }
    }

    /// Lints: what is legal but worth a look, each with its code and its message in English
    /// and Vietnamese: partly known criteria (`partly_known`), what supplements replaced or
    /// added (`supplement_change`), illustrative defaults (`illustrative_default`),
    /// incomplete points sheets (`incomplete_sheet`), optional criteria that decide nothing
    /// (`optional_criteria`).
    ///
    /// ```
    /// let rules = antq::RuleSet::preset("vn.d510-2022").unwrap();
    /// let lint = rules.lints().into_iter().find(|l| l.code == antq::ProblemCode::IllustrativeDefault).unwrap();
    /// assert!(lint.message_in(antq::Lang::Vi).contains("minh họa"));
    /// ```
    pub fn lints(&self) -> Vec<Problem> {
        validate::lints(self)
    }

    /// SHA-256 of the rule set's canonical JSON, as lowercase hex.
    pub fn content_hash(&self) -> String {
        hash_json(self)
    }

    /// Serialises to pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The unit kinds the rule set evaluates: those any criterion or points sheet applies to.
    pub fn kinds(&self) -> Vec<Kind> {
        let mut k: Vec<Kind> = self.criteria.iter().flat_map(|c| c.kinds.iter().copied()).collect();
        if let OutcomePolicy::Points { sheets } = &self.outcome {
            k.extend(sheets.iter().flat_map(|s| s.kinds.iter().copied()));
        }
        crate::sort(&mut k);
        k.dedup();
        k
    }

    /// The criteria that apply to `kind`, in rule-set order.
    pub fn criteria_for(&self, kind: Kind) -> impl Iterator<Item = &Criterion> {
        self.criteria.iter().filter(move |c| c.kinds.contains(&kind))
    }

    /// The window of `kind` in `year`.
    pub fn window(&self, kind: Kind, year: i32) -> Option<Window> {
        self.windows
            .iter()
            .find(|w| w.kinds.contains(&kind))
            .map(|w| Window::new(w.start.resolve(year), w.end.resolve(year)))
    }

    /// The illustrative defaults the rule set uses instead of published values, one phrase
    /// each, as every decision record lists them (`illustrative_defaults`): parameters
    /// flagged illustrative, level cut-offs, levels marked `[I]` or `[S]`, the prerequisite.
    ///
    /// ```
    /// let typical = antq::RuleSet::preset("vn.d9745-2022.communes").unwrap();
    /// assert!(typical.illustrative_defaults().iter().any(|d| d.starts_with("parameter quota_per_parent")));
    /// assert!(antq::RuleSet::preset("vn.c124-2021").unwrap().illustrative_defaults().is_empty());
    /// ```
    pub fn illustrative_defaults(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .parameters
            .iter()
            .filter(|(_, p)| p.illustrative)
            .map(|(k, p)| illustrative::parameter(k, p.value))
            .collect();
        if let OutcomePolicy::Points { sheets } = &self.outcome {
            for s in sheets {
                let k = s.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join("/");
                if s.levels_illustrative {
                    v.push(illustrative::level_cutoffs(&k));
                }
                // A level not seen in published results, or a sample's, is named with its mark.
                for l in &s.levels {
                    if let Some(c @ (crate::Certainty::Inferred | crate::Certainty::Sample)) = l.certainty {
                        v.push(illustrative::sheet_level(&l.id, &k, c));
                    }
                }
            }
        }
        if let OutcomePolicy::Typical { prerequisite: Some(p), prerequisite_illustrative: true, .. } = &self.outcome {
            v.push(illustrative::prerequisite(p));
        }
        v
    }

    /// The dates a reference date of the `year` review may take: from the first day of the
    /// earliest window of the rule set's kinds to the latest review deadline (or window end).
    ///
    /// ```
    /// let rs = antq::RuleSet::preset("vn.c124-2021").unwrap();
    /// let (from, until) = rs.review_dates(2023).unwrap();
    /// assert_eq!((from.to_string(), until.to_string()), ("2022-11-01".into(), "2023-11-30".into()));
    /// ```
    pub fn review_dates(&self, year: i32) -> Option<(NaiveDate, NaiveDate)> {
        let ws: Vec<&WindowRule> =
            self.kinds().into_iter().filter_map(|k| self.windows.iter().find(|w| w.kinds.contains(&k))).collect();
        let from = ws.iter().map(|w| w.start.resolve(year)).min()?;
        let until = ws.iter().map(|w| w.review_by.unwrap_or(w.end).resolve(year)).max()?;
        Some((from, until))
    }

    /// The rule set `spec` names for the `year` review: a preset id, or a family id (see
    /// [`crate::law`]) resolved to the member in force on the reference date (`as_of`, or
    /// each member's default reference date for the year).
    ///
    /// ```
    /// use antq::RuleSet;
    /// assert_eq!(RuleSet::resolve("vn.c124", 2024, None).unwrap().id, "vn.c124-2021");
    /// assert_eq!(RuleSet::resolve("vn.c124", 2026, None).unwrap().id, "vn.c124-2025");
    /// assert_eq!(RuleSet::resolve("vn.c124-2021", 2026, None).unwrap().id, "vn.c124-2021"); // checked when applied
    /// assert_eq!(RuleSet::resolve("vn.c124", 2021, None).unwrap_err().code(), "not_in_force");
    /// ```
    pub fn resolve(spec: &str, year: i32, as_of: Option<NaiveDate>) -> Result<RuleSet> {
        if presets::preset(spec).is_ok() || !crate::law::is_family(spec) {
            return RuleSet::preset(spec).map_err(|e| match e {
                Error::UnknownPreset { id, known } => {
                    let families: Vec<String> = crate::law::families().into_iter().map(|f| f.id).collect();
                    Error::UnknownPreset { id, known: format!("{known}; families: {}", families.join(", ")) }
                }
                e => e,
            });
        }
        let members: Vec<&RuleSet> = presets().iter().filter(|r| r.family.as_deref() == Some(spec)).collect();
        let hit =
            members.iter().find(|r| r.effective.contains(as_of.unwrap_or_else(|| crate::eval::default_as_of(r, year))));
        match hit {
            Some(r) => Ok((*r).clone()),
            None => {
                // The date the family is asked on: the one given, or the usual end of the review.
                let date = as_of
                    .or_else(|| members.first().map(|r| crate::eval::default_as_of(r, year)))
                    .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 11, 15).unwrap_or(NaiveDate::MIN));
                crate::law::in_force(spec, date).and_then(|i| RuleSet::preset(&i.id))
            }
        }
    }

    /// This rule set for the `year` review: itself, or — when it is a built-in preset as
    /// published (no supplement) of a family and not in force in that year — the member of
    /// its family in force then (for year-over-year comparisons across a change of the law).
    ///
    /// ```
    /// let rs = antq::RuleSet::preset("vn.c124-2021").unwrap();
    /// assert_eq!(rs.in_year(2026).unwrap().id, "vn.c124-2025");
    /// assert_eq!(rs.in_year(2023).unwrap().id, "vn.c124-2021");
    /// ```
    pub fn in_year(&self, year: i32) -> Result<RuleSet> {
        let in_force = self.effective.contains(crate::eval::default_as_of(self, year));
        match &self.family {
            Some(f) if !in_force && self.applied_supplements.is_empty() && presets().contains(self) => {
                RuleSet::resolve(f, year, None)
            }
            _ => Ok(self.clone()),
        }
    }

    /// The rule set a user names for the `year` review, decided the same way on every
    /// surface: a preset id or family ([`RuleSet::resolve`]); otherwise a path to a JSON or
    /// TOML file (anything ending in `.json`/`.toml` or containing a path separator).
    ///
    /// ```
    /// let rs = antq::RuleSet::from_spec("vn.c124", 2023, None).unwrap();
    /// assert_eq!(rs.id, "vn.c124-2021");
    /// assert_eq!(antq::RuleSet::from_spec("nope", 2023, None).unwrap_err().code(), "unknown_preset");
    /// assert_eq!(antq::RuleSet::from_spec("no/such.toml", 2023, None).unwrap_err().code(), "io");
    /// ```
    pub fn from_spec(spec: &str, year: i32, as_of: Option<NaiveDate>) -> Result<RuleSet> {
        if names_a_file(spec) { RuleSet::from_path(spec) } else { RuleSet::resolve(spec, year, as_of) }
    }

    /// The rule set a user names without a review year (to check or show it): a preset id,
    /// or a path decided as [`RuleSet::from_spec`] decides it. A family needs a year: it is
    /// refused with the family's members listed.
    ///
    /// ```
    /// assert_eq!(antq::RuleSet::load("vn.c124-2021").unwrap().id, "vn.c124-2021");
    /// assert_eq!(antq::RuleSet::load("no/such.toml").unwrap_err().code(), "io");
    /// assert_eq!(antq::RuleSet::load("vn.c124").unwrap_err().code(), "unknown_preset");
    /// ```
    pub fn load(spec: &str) -> Result<RuleSet> {
        if names_a_file(spec) {
            return RuleSet::from_path(spec);
        }
        RuleSet::preset(spec).map_err(|e| match e {
            Error::UnknownPreset { id, known: _ } if crate::law::is_family(&id) => {
                let members: Vec<&str> = presets()
                    .iter()
                    .filter(|r| r.family.as_deref() == Some(id.as_str()))
                    .map(|r| r.id.as_str())
                    .collect();
                Error::UnknownPreset {
                    known: format!("`{id}` is a family, resolved by a year: one of {}", members.join(", ")),
                    id,
                }
            }
            e => e,
        })
    }

    /// The scope rule that excludes a unit of `kind`, if any.
    pub fn exclusion(&self, kind: UnitKind) -> Option<&ScopeRule> {
        self.scope.iter().find(|s| s.matches(kind))
    }

    /// The sheet for `kind` under a points policy.
    pub fn sheet(&self, kind: Kind) -> Option<&Sheet> {
        match &self.outcome {
            OutcomePolicy::Points { sheets } => sheets.iter().find(|s| s.kinds.contains(&kind)),
            _ => None,
        }
    }

    /// `Ok` when `date` falls in the rule set's period, else the `not_in_force` error; when
    /// a supplement set the period, the error names that supplement with the period.
    pub(crate) fn ensure_in_force(&self, date: NaiveDate) -> Result<()> {
        if self.effective.contains(date) {
            return Ok(());
        }
        // The last supplement that set a period set this one.
        let by = self.applied_supplements.iter().rev().find(|s| s.effective.is_some()).map(|s| s.id.as_str());
        let e = crate::law::NotInForce::outside_of(&self.id, self.family.as_deref(), &self.effective, date, by);
        Err(Error::NotInForce(Box::new(e)))
    }

    /// `Ok` when the rule set is in force on the `year` review's default reference date
    /// ([`crate::eval::default_as_of`]), else the `not_in_force` error an evaluation of that
    /// year gives: for what is made for a year without evaluating (an evidence template,
    /// the indicators read), so that a preset id named with a year it does not apply in is
    /// refused there too, never silently used.
    pub fn ensure_in_force_in(&self, year: i32) -> Result<()> {
        crate::check_year(year)?;
        self.ensure_in_force(crate::eval::default_as_of(self, year))
    }

    /// An integer parameter.
    pub fn parameter(&self, id: &str) -> Option<i64> {
        self.parameters.get(id).map(|p| p.value)
    }

    /// Applies a supplement, returning the layered rule set (validated).
    pub fn with_supplement(&self, s: &Supplement) -> Result<RuleSet> {
        supplement::apply(self, s)
    }
}

pub(crate) fn hash_json<T: Serialize>(v: &T) -> String {
    let bytes = serde_json::to_vec(v).unwrap_or_default();
    let digest = sha2::Sha256::digest(&bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Whether a user's rule-set name is a file: it ends in `.json`/`.toml` or holds a path
/// separator, and is neither a preset id nor a family.
fn names_a_file(spec: &str) -> bool {
    let looks_like_file = spec.ends_with(".json") || spec.ends_with(".toml") || spec.contains(['/', '\\']);
    looks_like_file && presets::preset(spec).is_err() && !crate::law::is_family(spec)
}
