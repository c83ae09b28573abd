//! Rule sets as data: criteria with their legal basis and tests, windows, scope,
//! outcome policies, parameters, and provincial supplements.

mod presets;
mod supplement;
mod test;
mod validate;

pub use presets::{PRESET_IDS, Preset, preset, presets};
pub use supplement::Supplement;
pub use test::{ChildMeasure, Rounding, Test};

use crate::date::{Window, YearDate};
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::points::Points;
use crate::source::Source;
use crate::text::{Certainty, LegalRef, Text, Wording};
use crate::unit::{EnterpriseSize, Kind, SchoolLevel, UnitKind};
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
    /// Named parameters of the outcome policy.
    #[serde(default)]
    pub parameters: BTreeMap<String, Parameter>,
    /// The criteria, each for some unit kinds.
    pub criteria: Vec<Criterion>,
    /// How criteria results become a unit's outcome.
    pub outcome: OutcomePolicy,
    /// Supplements applied to produce this rule set (empty for a base rule set).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applied_supplements: Vec<SupplementRef>,
}

/// The dates a rule set applies between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Effective {
    /// First day in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::iso_opt")]
    pub from: Option<NaiveDate>,
    /// Last day in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::iso_opt")]
    pub until: Option<NaiveDate>,
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
}

fn yes() -> bool {
    true
}

/// One level of a points sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stable id, e.g. `xuat_sac`.
    pub id: String,
    /// Name.
    pub label: Text,
    /// Smallest total that reaches it.
    pub min: Points,
}

/// A 100-point sheet for some unit kinds: its total, levels and cut-offs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    /// Kinds it applies to.
    pub kinds: Vec<Kind>,
    /// Declared total of the items' maxima.
    pub total: Points,
    /// Whether the rule set holds every item; when false the items may add up to less
    /// than `total` and no level is given until a supplement completes the sheet.
    #[serde(default = "yes")]
    pub complete: bool,
    /// Levels from highest to lowest; the lowest should start at 0.
    pub levels: Vec<Level>,
    /// Whether the cut-offs are illustrative defaults rather than published rules.
    pub levels_illustrative: bool,
    /// The highest level a unit may get while a mandatory criterion (not a points item)
    /// fails (`[I]`, local practice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_on_mandatory_failure: Option<String>,
}

/// How a unit's criteria results become its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "policy", rename_all = "snake_case", deny_unknown_fields)]
pub enum OutcomePolicy {
    /// Meets only if every mandatory criterion is met (Circular 124).
    AllMandatory,
    /// Points items add up to a total that maps to a level (Decision 510).
    Points {
        /// One sheet per group of kinds.
        sheets: Vec<Sheet>,
    },
    /// Typical units: at least parameter `min_met` criteria met, an optional
    /// prerequisite rule set met, and at most parameter `quota_per_parent` units
    /// selected per parent, ranked by criteria met, then unit id.
    Typical {
        /// A rule set the unit must meet first, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prerequisite: Option<String>,
        /// Whether requiring the prerequisite is an illustrative default.
        #[serde(default)]
        prerequisite_illustrative: bool,
    },
}

/// The file form of an outcome policy (see `RawTest` for why it is flat).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    policy: PolicyType,
    sheets: Option<Vec<Sheet>>,
    prerequisite: Option<String>,
    prerequisite_illustrative: Option<bool>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum PolicyType {
    AllMandatory,
    Points,
    Typical,
}

impl<'de> Deserialize<'de> for OutcomePolicy {
    /// Read through the flat `RawPolicy` form (see there), then checked.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        RawPolicy::deserialize(d)?.try_into().map_err(serde::de::Error::custom)
    }
}

impl TryFrom<RawPolicy> for OutcomePolicy {
    type Error = String;

    fn try_from(r: RawPolicy) -> std::result::Result<Self, String> {
        let present = [
            ("sheets", r.sheets.is_some()),
            ("prerequisite", r.prerequisite.is_some()),
            ("prerequisite_illustrative", r.prerequisite_illustrative.is_some()),
        ];
        let foreign =
            |name: &str, allowed: &[&str]| crate::raw::only_fields(&format!("policy `{name}`"), allowed, &present);
        match r.policy {
            PolicyType::AllMandatory => {
                foreign("all_mandatory", &[])?;
                Ok(OutcomePolicy::AllMandatory)
            }
            PolicyType::Points => {
                foreign("points", &["sheets"])?;
                let sheets = r.sheets.ok_or_else(|| crate::raw::missing("policy `points`", "sheets"))?;
                Ok(OutcomePolicy::Points { sheets })
            }
            PolicyType::Typical => {
                foreign("typical", &["prerequisite", "prerequisite_illustrative"])?;
                Ok(OutcomePolicy::Typical {
                    prerequisite: r.prerequisite,
                    prerequisite_illustrative: r.prerequisite_illustrative.unwrap_or(false),
                })
            }
        }
    }
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
        let rs: RuleSet =
            src.parse().map_err(|p| Error::InvalidRuleSet(crate::version::first(p, &src, RULES_FORMAT_VERSION)))?;
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
        let text = crate::read_file(path)?;
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

    /// Lints: things that are legal but worth a look (incomplete sheets, illustrative
    /// defaults, partly known criteria).
    pub fn lints(&self) -> Vec<String> {
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
        k.sort_unstable();
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
