//! What an evaluation returns: per unit an outcome with explained criteria, and a
//! decision record that lets the result be reproduced.

use crate::model::administration::Recognition;
use crate::model::date::Window;
use crate::model::points::Points;
use crate::model::text::{Certainty, Lang, LegalRef, Text};
use crate::model::unit::{Kind, UnitId};
use crate::rules::{Parameter, SupplementRef};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

// Deliberately not `#[non_exhaustive]`: the evaluation's three-valued logic is closed, and a
// fourth value would change every rule, so matches on it are meant to stay exhaustive. (A
// plain comment: the doc comment is the JSON Schema's description.)
/// The status of a criterion or check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Met.
    Met,
    /// Not met.
    NotMet,
    /// Not known: evidence is missing.
    Unknown,
}

impl Status {
    /// The snake_case name used in files.
    ///
    /// ```
    /// assert_eq!(antq::Status::NotMet.as_str(), "not_met");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not_met",
            Status::Unknown => "unknown",
        }
    }

    /// Combines statuses that must all hold.
    pub fn all(it: impl IntoIterator<Item = Status>) -> Status {
        let mut unknown = false;
        for s in it {
            match s {
                Status::NotMet => return Status::NotMet,
                Status::Unknown => unknown = true,
                Status::Met => {}
            }
        }
        if unknown { Status::Unknown } else { Status::Met }
    }

    /// Combines statuses of which at least `k` must hold.
    pub fn at_least(k: usize, it: impl IntoIterator<Item = Status>) -> Status {
        let (mut met, mut unknown) = (0u64, 0u64);
        for s in it {
            match s {
                Status::Met => met += 1,
                Status::Unknown => unknown += 1,
                Status::NotMet => {}
            }
        }
        Status::of_counts(met, unknown, k as u64)
    }

    /// At least `need` must hold, of which `met` do and `unknown` are unknown: met when
    /// `met ≥ need`, not met when the unknown ones could not reach it either, else unknown.
    pub(crate) fn of_counts(met: u64, unknown: u64, need: u64) -> Status {
        if met >= need {
            Status::Met
        } else if met.saturating_add(unknown) < need {
            Status::NotMet
        } else {
            Status::Unknown
        }
    }

    /// A mark for tables: `✓`, `✗` or `?`.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Met => "✓",
            Status::NotMet => "✗",
            Status::Unknown => "?",
        }
    }
}

/// One test (or group of tests) of a criterion, with what was observed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Check {
    /// The test's name (`deadline`, `ratio`, `children`, `all`…).
    // Borrowed when the engine writes it (no allocation per check), owned when read back.
    pub test: std::borrow::Cow<'static, str>,
    /// Nesting depth inside the criterion (0 for the top test).
    pub depth: u32,
    /// Its status.
    pub status: Status,
    /// What was observed, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<String>,
    /// What passes.
    pub threshold: String,
    /// A sentence in both languages.
    pub explanation: Text,
}

/// A points item's scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemScore {
    /// The unit's own score.
    #[serde(default, rename = "self", skip_serializing_if = "Option::is_none")]
    pub self_score: Option<Points>,
    /// The score that counts for the level: the reviewer's, or — for an item the rule
    /// computes from evidence (a condition, a deduction) — the computed score when the
    /// evidence decides it; negative for deductions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Points>,
    /// The item's maximum (for a deduction, the most that can be taken).
    pub max: Points,
    /// The score the rule gives from the evidence, when it states a condition that the
    /// evidence decides (and for deductions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub computed: Option<Points>,
    /// For an item with a condition: the reviewer's own score, kept beside the computed one
    /// (a disagreement is explained, never silently resolved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<Points>,
}

impl ItemScore {
    /// Whether the reviewer's score differs from the score the rule computes.
    pub fn disagrees(&self) -> bool {
        matches!((self.computed, self.reviewer), (Some(c), Some(r)) if c != r)
    }
}

/// A criterion's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CriterionResult {
    /// Criterion id.
    pub id: String,
    /// Its name (shared by every unit's result).
    pub label: Arc<Text>,
    /// Whether the outcome requires it.
    pub mandatory: bool,
    /// How certain the criterion is.
    pub certainty: Certainty,
    /// The supplement that added or replaced the criterion (none for the rule set's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Legal basis (shared by every unit's result).
    pub legal_basis: Arc<[LegalRef]>,
    /// Status.
    pub status: Status,
    /// The checks behind the status, top test first.
    pub checks: Vec<Check>,
    /// Scores, for a points item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<ItemScore>,
}

/// What kind of evidence is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MissingKind {
    /// The unit has no evidence record for the year.
    EvidenceRecord,
    /// An indicator value.
    Indicator,
    /// A review attestation (yes / no).
    Attestation,
    /// A points item's reviewed score.
    Score,
    /// The result of a child unit (or its registration), or of the units competing with it
    /// for a typical quota.
    Child,
    /// Items of an incomplete points sheet, to come from a supplement.
    SheetItems,
    /// The prerequisite rule set's outcome.
    Prerequisite,
}

/// One piece of missing evidence that keeps an outcome undetermined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Missing {
    /// The criterion that needs it.
    pub criterion: String,
    /// What kind of evidence.
    pub kind: MissingKind,
    /// The field, key, item or unit id to supply.
    pub key: String,
    /// What to supply, in both languages.
    pub text: Text,
}

/// A unit's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// Meets the standard (đạt).
    Meets,
    /// Does not meet the standard (chưa đạt).
    DoesNotMeet,
    /// A mandatory input is unknown; see `missing`.
    Undetermined,
    /// Not evaluated: the unit is out of the rule set's scope.
    OutOfScope {
        /// Stable code of the exclusion.
        code: String,
        /// The reason.
        reason: Text,
    },
    /// A classification level.
    Level {
        /// Level id.
        level: String,
        /// Level name.
        label: Text,
    },
    /// Recognised as typical, `rank` within its parent.
    Typical {
        /// Rank within the parent (1 = first).
        rank: u32,
    },
    /// Passes the typical rule but falls outside the parent's quota.
    NotSelected {
        /// Rank within the parent.
        rank: u32,
    },
    /// Does not pass the typical rule.
    NotTypical,
}

/// The file form of an outcome, flat (see `rules::criterion_test::RawTest` for why).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutcome {
    status: OutcomeType,
    code: Option<String>,
    reason: Option<Text>,
    level: Option<String>,
    label: Option<Text>,
    rank: Option<u32>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum OutcomeType {
    Meets,
    DoesNotMeet,
    Undetermined,
    OutOfScope,
    Level,
    Typical,
    NotSelected,
    NotTypical,
}

impl<'de> Deserialize<'de> for Outcome {
    /// Read through the flat `RawOutcome` form (see there), then checked.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        RawOutcome::deserialize(d)?.try_into().map_err(serde::de::Error::custom)
    }
}

impl TryFrom<RawOutcome> for Outcome {
    type Error = String;

    fn try_from(r: RawOutcome) -> Result<Self, String> {
        use OutcomeType as T;
        let (name, fields): (&str, &[&str]) = match r.status {
            T::Meets => ("meets", &[]),
            T::DoesNotMeet => ("does_not_meet", &[]),
            T::Undetermined => ("undetermined", &[]),
            T::OutOfScope => ("out_of_scope", &["code", "reason"]),
            T::Level => ("level", &["level", "label"]),
            T::Typical => ("typical", &["rank"]),
            T::NotSelected => ("not_selected", &["rank"]),
            T::NotTypical => ("not_typical", &[]),
        };
        let present = [
            ("code", r.code.is_some()),
            ("reason", r.reason.is_some()),
            ("level", r.level.is_some()),
            ("label", r.label.is_some()),
            ("rank", r.rank.is_some()),
        ];
        let what = format!("outcome `{name}`");
        crate::read::raw::only_fields(&what, fields, &present)?;
        let need = |f: &str| crate::read::raw::missing(&what, f);
        Ok(match r.status {
            T::Meets => Outcome::Meets,
            T::DoesNotMeet => Outcome::DoesNotMeet,
            T::Undetermined => Outcome::Undetermined,
            T::OutOfScope => Outcome::OutOfScope {
                code: r.code.ok_or_else(|| need("code"))?,
                reason: r.reason.ok_or_else(|| need("reason"))?,
            },
            T::Level => Outcome::Level {
                level: r.level.ok_or_else(|| need("level"))?,
                label: r.label.ok_or_else(|| need("label"))?,
            },
            T::Typical => Outcome::Typical { rank: r.rank.ok_or_else(|| need("rank"))? },
            T::NotSelected => Outcome::NotSelected { rank: r.rank.ok_or_else(|| need("rank"))? },
            T::NotTypical => Outcome::NotTypical,
        })
    }
}

impl Outcome {
    /// The stable status code (`meets`, `does_not_meet`, `level`…).
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Meets => "meets",
            Outcome::DoesNotMeet => "does_not_meet",
            Outcome::Undetermined => "undetermined",
            Outcome::OutOfScope { .. } => "out_of_scope",
            Outcome::Level { .. } => "level",
            Outcome::Typical { .. } => "typical",
            Outcome::NotSelected { .. } => "not_selected",
            Outcome::NotTypical => "not_typical",
        }
    }

    /// Whether the outcome counts as meeting: meets the standard, or recognised as typical.
    /// The one rule every per-parent count of units meeting uses (impact, year over year,
    /// [`crate::analysis::shares`]).
    ///
    /// ```
    /// use antq::Outcome;
    /// assert!(Outcome::Meets.is_meeting() && Outcome::Typical { rank: 1 }.is_meeting());
    /// assert!(!Outcome::NotSelected { rank: 4 }.is_meeting() && !Outcome::Undetermined.is_meeting());
    /// ```
    pub fn is_meeting(&self) -> bool {
        matches!(self, Outcome::Meets | Outcome::Typical { .. })
    }

    /// A short label in both languages.
    pub fn label(&self) -> Text {
        match self {
            Outcome::Meets => Text::new("Đạt", "Meets"),
            Outcome::DoesNotMeet => Text::new("Chưa đạt", "Does not meet"),
            Outcome::Undetermined => Text::new("Chưa xác định", "Undetermined"),
            Outcome::OutOfScope { .. } => Text::new("Không thuộc phạm vi", "Out of scope"),
            Outcome::Level { label, .. } => label.clone(),
            Outcome::Typical { rank } => Text::new(format!("Điển hình (thứ {rank})"), format!("Typical (rank {rank})")),
            Outcome::NotSelected { rank } => {
                Text::new(format!("Đạt, ngoài chỉ tiêu (thứ {rank})"), format!("Passes, over quota (rank {rank})"))
            }
            Outcome::NotTypical => Text::new("Không điển hình", "Not typical"),
        }
    }
}

/// A 100-point sheet total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScoreSummary {
    /// Total of the reviewed scores and deductions, if every item is scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Points>,
    /// Total of the self scores, if every item is self-scored.
    #[serde(default, rename = "self", skip_serializing_if = "Option::is_none")]
    pub self_score: Option<Points>,
    /// Sum of the known items' maxima.
    pub known_max: Points,
    /// The sheet's declared total.
    pub total: Points,
}

/// One unit's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnitResult {
    /// Unit id.
    pub unit: UnitId,
    /// Unit name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Sub-kind, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subkind: Option<String>,
    /// Parent on the reference date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
    /// The commune on the reference date, following parents (the unit itself if it is a
    /// commune; see [`crate::Ancestry`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<UnitId>,
    /// The district on the reference date (none after 30 June 2025, when districts end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<UnitId>,
    /// The province on the reference date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<UnitId>,
    /// The window events were counted in.
    pub window: Window,
    /// The outcome.
    pub outcome: Outcome,
    /// Criteria met.
    pub met: u32,
    /// Criteria applicable.
    pub of: u32,
    /// Each criterion's result (empty when out of scope).
    pub criteria: Vec<CriterionResult>,
    /// What is missing for a determined outcome.
    pub missing: Vec<Missing>,
    /// Sheet totals, under a points policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreSummary>,
    /// Who recognises the unit in that year (Circular 124, art. 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recognised_by: Option<Recognition>,
    /// Illustrative defaults the outcome depends on, and antq's readings `[I]` that decided it
    /// (a quota tie broken by unit id).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative: Vec<String>,
}

/// How an `illustrative` note and the `quota_tie` lint begin when only the unit-id order
/// among equals put a candidate on its side of the quota's edge.
pub(crate) use crate::rules::illustrative::QUOTA_TIE;

impl UnitResult {
    /// Whether only the unit-id order among equals, antq's reading `[I]`, put the unit on
    /// its side of the typical quota's edge (see its `illustrative` notes).
    pub fn quota_tie(&self) -> bool {
        self.illustrative.iter().any(|n| n.starts_with(QUOTA_TIE))
    }

    /// The pass/fail criteria not met (points items, which lose points rather than
    /// fail, are not listed).
    pub fn failed(&self) -> impl Iterator<Item = &CriterionResult> {
        self.criteria.iter().filter(|c| c.status == Status::NotMet && c.score.is_none())
    }
}

/// What reproduces a decision: rule set, version, content hash, supplements,
/// parameters, year and reference date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DecisionRecord {
    /// Rule set id: the exact instrument applied.
    pub rule_set: String,
    /// The family of instruments it belongs to, if any (e.g. `vn.c124`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// The period the rule set applies in (with its supplements), as declared.
    #[serde(default)]
    pub effective: crate::rules::Effective,
    /// The instruments it encodes.
    #[serde(default)]
    pub legal_basis: Vec<crate::LegalRef>,
    /// Set when the rule set was applied outside its period at the user's explicit request.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub outside_period: bool,
    /// Set when the reference date lies outside the year's review at the user's explicit
    /// request.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub as_of_outside_year: bool,
    /// Rule set version.
    pub version: String,
    /// SHA-256 of the rule set as applied (with supplements).
    pub content_hash: String,
    /// Supplements applied.
    pub supplements: Vec<SupplementRef>,
    /// Parameters used.
    pub parameters: BTreeMap<String, Parameter>,
    /// Illustrative defaults in the rule set (empty when all are published rules).
    pub illustrative_defaults: Vec<String>,
    /// Evaluation year.
    pub year: i32,
    /// Reference date for the hierarchy and unit existence.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub as_of: NaiveDate,
    /// The prerequisite rule set's record, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prerequisite: Option<Box<DecisionRecord>>,
    /// Library version that computed it.
    pub engine: String,
}

impl DecisionRecord {
    /// The rule set this decision was made with: id, version, hash, supplements and
    /// illustrative defaults.
    pub fn rules(&self) -> crate::rules::RulesRef {
        crate::rules::RulesRef {
            id: self.rule_set.clone(),
            version: self.version.clone(),
            content_hash: self.content_hash.clone(),
            supplements: self.supplements.clone(),
            illustrative_defaults: self.illustrative_defaults.clone(),
        }
    }

    /// What decided it, in one phrase: rule set, version, hash prefix, supplements, year and
    /// reference date (for a note beside a table whose columns do not name it).
    ///
    /// ```
    /// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let rules = antq::RuleSet::preset("vn.c124-2021").unwrap();
    /// let record = antq::evaluate(&ds, &rules, 2023).unwrap().decision;
    /// assert!(record.decided_by().starts_with("`vn.c124-2021` 1.1.0 (sha256 "));
    /// assert!(record.decided_by().ends_with(", year 2023, as of 2023-11-15"));
    /// ```
    pub fn decided_by(&self) -> String {
        self.decided_by_in(Lang::En)
    }

    /// [`DecisionRecord::decided_by`] in `lang`.
    ///
    /// ```
    /// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let rules = antq::RuleSet::preset("vn.c124-2021").unwrap();
    /// let record = antq::evaluate(&ds, &rules, 2023).unwrap().decision;
    /// assert!(record.decided_by_in(antq::Lang::Vi).ends_with(", năm 2023, tính đến ngày 2023-11-15"));
    /// ```
    pub fn decided_by_in(&self, lang: Lang) -> String {
        let supplements: Vec<String> = self.supplements.iter().map(|s| format!("{} {}", s.id, s.version)).collect();
        let (with, year, as_of) = match lang {
            Lang::En => (" with", "year", "as of"),
            Lang::Vi => (" với bổ sung", "năm", "tính đến ngày"),
        };
        format!(
            "`{}` {} (sha256 {}){}, {year} {}, {as_of} {}",
            self.rule_set,
            self.version,
            self.content_hash.get(..12).unwrap_or(&self.content_hash),
            if supplements.is_empty() { String::new() } else { format!("{with} {}", supplements.join(", ")) },
            self.year,
            self.as_of
        )
    }

    /// Whether a table of these verdict `columns` names what decided it: `rule_set`, and
    /// `supplements` when any were applied (else a note beside the table must).
    ///
    /// ```
    /// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let rules = antq::RuleSet::preset("vn.c124-2021").unwrap();
    /// let record = antq::evaluate(&ds, &rules, 2023).unwrap().decision;
    /// assert!(record.named_by(&["unit", "rule_set"]) && !record.named_by(&["unit", "outcome"]));
    /// ```
    pub fn named_by(&self, columns: &[impl AsRef<str>]) -> bool {
        let has = |name: &str| columns.iter().any(|c| c.as_ref() == name);
        has("rule_set") && (self.supplements.is_empty() || has("supplements"))
    }

    /// What the verdicts rest on beyond the law in force in the year and verified values,
    /// one sentence each, for every form to note (a table has no place for them): a rule
    /// set applied outside its period, or a reference date outside the year's review, both
    /// only when explicitly allowed; and the illustrative defaults `[I]` it used.
    ///
    /// ```
    /// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let sheet = antq::Supplement::from_str_named("s.toml", antq::sample::SAMPLE_D510_SUPPLEMENT).unwrap();
    /// let d510 = antq::RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&sheet).unwrap();
    /// let caveats = antq::evaluate(&ds, &d510, 2023).unwrap().decision.caveats();
    /// assert!(caveats[0].starts_with("`vn.d510-2022` used illustrative defaults [I], not verified values: level cut-offs"));
    /// let c124 = antq::RuleSet::preset("vn.c124-2021").unwrap();
    /// assert!(antq::evaluate(&ds, &c124, 2023).unwrap().decision.caveats().is_empty());
    /// ```
    pub fn caveats(&self) -> Vec<String> {
        self.caveats_in(Lang::En)
    }

    /// [`DecisionRecord::caveats`] in `lang` (the illustrative defaults' phrases as
    /// [`crate::rules::illustrative::in_lang`] words them).
    ///
    /// ```
    /// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let sheet = antq::Supplement::from_str_named("s.toml", antq::sample::SAMPLE_D510_SUPPLEMENT).unwrap();
    /// let d510 = antq::RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&sheet).unwrap();
    /// let caveats = antq::evaluate(&ds, &d510, 2023).unwrap().decision.caveats_in(antq::Lang::Vi);
    /// assert!(caveats[0].starts_with("`vn.d510-2022` dùng giá trị mặc định minh họa [I]"));
    /// ```
    pub fn caveats_in(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        let vi = lang == Lang::Vi;
        if self.outside_period {
            out.push(outside_period_note(&self.rule_set, self.as_of, lang));
        }
        if self.as_of_outside_year {
            out.push(as_of_outside_year_note(self.as_of, self.year, lang));
        }
        if !self.illustrative_defaults.is_empty() {
            let phrases: Vec<_> =
                self.illustrative_defaults.iter().map(|p| crate::rules::illustrative::in_lang(p, lang)).collect();
            out.push(if vi {
                format!(
                    "`{}` dùng giá trị mặc định minh họa [I], không phải giá trị đã kiểm chứng: {}; các kết luận phụ thuộc vào chúng chỉ mang tính minh họa",
                    self.rule_set,
                    phrases.join("; ")
                )
            } else {
                format!(
                    "`{}` used illustrative defaults [I], not verified values: {}; the verdicts that depend on them are illustrative",
                    self.rule_set,
                    phrases.join("; ")
                )
            });
        }
        out
    }
}

/// The caveat of a rule set applied on a date outside its period of application (as the
/// caller explicitly allowed), in `lang`: one sentence, as every surface notes it.
///
/// ```
/// let on = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
/// let en = antq::eval::outside_period_note("vn.c124-2021", on, antq::Lang::En);
/// assert_eq!(en, "`vn.c124-2021` applied on 2026-01-01, outside its period of application, as explicitly allowed");
/// ```
pub fn outside_period_note(rule_set: &str, on: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("`{rule_set}` applied on {on}, outside its period of application, as explicitly allowed"),
        Lang::Vi => {
            format!("`{rule_set}` được áp dụng vào ngày {on}, ngoài thời kỳ áp dụng của nó, theo cho phép rõ ràng")
        }
    }
}

/// The caveat of a reference date outside the year's review (as the caller explicitly
/// allowed), in `lang`.
pub fn as_of_outside_year_note(on: NaiveDate, year: i32, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "the reference date {on} is outside the {year} review, as explicitly allowed: the units and hierarchy are those of that date"
        ),
        Lang::Vi => format!(
            "ngày tham chiếu {on} nằm ngoài kỳ đánh giá năm {year}, theo cho phép rõ ràng: đơn vị và hệ thống cấp là của ngày đó"
        ),
    }
}

/// The outcome of evaluating a dataset for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evaluation {
    /// How to reproduce it.
    pub decision: DecisionRecord,
    /// One result per evaluated unit, in dataset order.
    pub units: Vec<UnitResult>,
    /// Counts of outcome codes per kind.
    pub summary: BTreeMap<Kind, BTreeMap<String, u32>>,
    /// What the evidence gives that the rule set does not read ([`crate::Review::lints`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lints: Vec<crate::Problem>,
}

impl Evaluation {
    /// A unit's result (the id compared in NFC, as ids are read).
    pub fn unit(&self, id: &str) -> Option<&UnitResult> {
        let id = crate::UnitId::normalize(id);
        self.units.iter().find(|u| u.unit.as_str() == id)
    }

    /// Serialises to pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
