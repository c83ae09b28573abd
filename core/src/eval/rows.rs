//! Flat rows of an evaluation, for tables and dataframes (one row per unit, or one
//! row per unit and criterion).

use super::result::{Evaluation, Outcome, Status};
use crate::model::points::Points;
use crate::model::text::Certainty;
use crate::model::unit::Kind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One unit's result as a flat row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    /// Unit id.
    pub unit: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Sub-kind.
    pub subkind: Option<String>,
    /// Parent on the reference date.
    pub parent: Option<String>,
    /// Outcome code (`meets`, `does_not_meet`, `undetermined`, `out_of_scope`, `level`,
    /// `typical`, `not_selected`, `not_typical`).
    pub outcome: String,
    /// Level id, for a `level` outcome.
    pub level: Option<String>,
    /// Rank within the parent, for typical candidates.
    pub rank: Option<u32>,
    /// Exclusion code, when out of scope.
    pub out_of_scope: Option<String>,
    /// Criteria met.
    pub met: u32,
    /// Criteria applicable.
    pub of: u32,
    /// Ids of the criteria not met, `;`-separated.
    pub failed: String,
    /// Keys of the missing evidence, `;`-separated.
    pub missing: String,
    /// Reviewed sheet total.
    pub score_reviewed: Option<Points>,
    /// Self-assessed sheet total.
    pub score_self: Option<Points>,
    /// Recognising authority code.
    pub recognised_by: Option<String>,
    /// First day of the window.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub window_start: NaiveDate,
    /// Last day of the window.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub window_end: NaiveDate,
}

/// One criterion of one unit as a flat row (long form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionRow {
    /// Unit id.
    pub unit: String,
    /// Criterion id.
    pub criterion: String,
    /// Status.
    pub status: Status,
    /// Whether the outcome requires it.
    pub mandatory: bool,
    /// Certainty of the criterion.
    pub certainty: Certainty,
    /// What the top test observed.
    pub observed: Option<String>,
    /// What the top test needs.
    pub threshold: String,
    /// Reviewed points, for a points item.
    pub points: Option<Points>,
    /// Legal basis, `;`-separated.
    pub legal_basis: String,
    /// Explanation of the top test, English.
    pub explanation_en: String,
    /// Explanation of the top test, Vietnamese.
    pub explanation_vi: String,
}

impl Evaluation {
    /// One flat row per unit.
    pub fn rows(&self) -> Vec<UnitRow> {
        self.units
            .iter()
            .map(|u| {
                let (level, rank, oos) = match &u.outcome {
                    Outcome::Level { level, .. } => (Some(level.clone()), None, None),
                    Outcome::Typical { rank } | Outcome::NotSelected { rank } => (None, Some(*rank), None),
                    Outcome::OutOfScope { code, .. } => (None, None, Some(code.clone())),
                    _ => (None, None, None),
                };
                UnitRow {
                    unit: u.unit.to_string(),
                    name: u.name.clone(),
                    kind: u.kind,
                    subkind: u.subkind.clone(),
                    parent: u.parent.as_ref().map(ToString::to_string),
                    outcome: u.outcome.code().to_owned(),
                    level,
                    rank,
                    out_of_scope: oos,
                    met: u.met,
                    of: u.of,
                    failed: u.failed().map(|c| c.id.as_str()).collect::<Vec<_>>().join(";"),
                    missing: u.missing.iter().map(|m| m.key.as_str()).collect::<Vec<_>>().join(";"),
                    score_reviewed: u.score.as_ref().and_then(|s| s.reviewed),
                    score_self: u.score.as_ref().and_then(|s| s.self_score),
                    recognised_by: u.recognised_by.as_ref().map(|r| {
                        serde_json::to_value(r.authority)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    }),
                    window_start: u.window.start,
                    window_end: u.window.end,
                }
            })
            .collect()
    }

    /// One flat row per unit and criterion.
    pub fn criterion_rows(&self) -> Vec<CriterionRow> {
        let mut out = Vec::new();
        for u in &self.units {
            for c in &u.criteria {
                let top = c.checks.first();
                out.push(CriterionRow {
                    unit: u.unit.to_string(),
                    criterion: c.id.clone(),
                    status: c.status,
                    mandatory: c.mandatory,
                    certainty: c.certainty,
                    observed: top.and_then(|t| t.observed.clone()),
                    threshold: top.map(|t| t.threshold.clone()).unwrap_or_default(),
                    points: c.score.and_then(|s| s.reviewed),
                    legal_basis: c.legal_basis.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
                    explanation_en: top.map(|t| t.explanation.en.clone()).unwrap_or_default(),
                    explanation_vi: top.map(|t| t.explanation.vi.clone()).unwrap_or_default(),
                });
            }
        }
        out
    }
}
