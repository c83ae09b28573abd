//! An evaluation as tables: one row per unit, and one row per unit and criterion.

use super::{Column, Table, decided_by, float, int, list, owned, text};
use crate::eval::{CriterionResult, DecisionRecord, Outcome, UnitResult};
use crate::model::points::Points;
use std::borrow::Cow;

/// The columns of [`evaluation_table`].
pub const EVALUATION_COLUMNS: &[&str] = &[
    "unit",
    "name",
    "kind",
    "subkind",
    "parent",
    "commune",
    "district",
    "province",
    "outcome",
    "level",
    "rank",
    "out_of_scope",
    "met",
    "of",
    "failed",
    "missing",
    "score_reviewed",
    "score_self",
    "recognised_by",
    "window_start",
    "window_end",
    "rule_set",
    "supplements",
];

/// The columns of [`criteria_table`].
pub const CRITERION_COLUMNS: &[&str] = &[
    "unit",
    "criterion",
    "status",
    "mandatory",
    "certainty",
    "observed",
    "threshold",
    "points",
    "legal_basis",
    "explanation_en",
    "explanation_vi",
];

/// One row per unit result as a table named `evaluation` ([`EVALUATION_COLUMNS`]): the
/// unit, its parent and its commune, district and province on the reference date
/// ([`crate::Ancestry`]), its outcome (`level` for a points level, `rank` for a typical candidate,
/// `out_of_scope` for an exclusion's code), the criteria met and applicable, the failed
/// criteria and missing evidence keys (lists), the sheet totals, who recognises it, the
/// window, and what decided it: `rule_set` and `supplements` (`id version sha256:…`).
///
/// `results` may be any run of results (a part of a national review written in turns):
/// the table holds only those rows.
///
/// ```
/// use antq::{Dataset, RuleSet, evaluate};
/// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let ev = evaluate(&ds, &RuleSet::preset("vn.c124-2021").unwrap(), 2023).unwrap();
/// let t = antq::table::evaluation_table(&ev.units[..3], &ev.decision);
/// assert_eq!(t.num_rows(), 3);
/// assert_eq!(t.header(), antq::table::EVALUATION_COLUMNS);
/// ```
pub fn evaluation_table<'a>(results: &'a [UnitResult], record: &DecisionRecord) -> Table<'a> {
    let rule_set = decided_by(&record.rule_set, &record.version, &record.content_hash);
    let supplements: Vec<String> =
        record.supplements.iter().map(|s| decided_by(&s.id, &s.version, &s.content_hash)).collect();
    let n = results.len();
    Table::of(
        "evaluation",
        EVALUATION_COLUMNS,
        vec![
            text(results, |u| Some(u.unit.as_str())),
            text(results, |u| Some(&u.name)),
            text(results, |u| Some(u.kind.as_str())),
            text(results, |u| u.subkind.as_deref()),
            text(results, |u| u.parent.as_ref().map(|p| p.as_str())),
            text(results, |u| u.commune.as_ref().map(|p| p.as_str())),
            text(results, |u| u.district.as_ref().map(|p| p.as_str())),
            text(results, |u| u.province.as_ref().map(|p| p.as_str())),
            text(results, |u| Some(u.outcome.code())),
            text(results, |u| match &u.outcome {
                Outcome::Level { level, .. } => Some(level.as_str()),
                _ => None,
            }),
            int(results, |u| match u.outcome {
                Outcome::Typical { rank } | Outcome::NotSelected { rank } => Some(i64::from(rank)),
                _ => None,
            }),
            text(results, |u| match &u.outcome {
                Outcome::OutOfScope { code, .. } => Some(code.as_str()),
                _ => None,
            }),
            int(results, |u| Some(i64::from(u.met))),
            int(results, |u| Some(i64::from(u.of))),
            list(results, |u| u.failed().map(|c| Cow::Borrowed(c.id.as_str())).collect()),
            list(results, |u| u.missing.iter().map(|m| Cow::Borrowed(m.key.as_str())).collect()),
            float(results, |u| u.score.as_ref().and_then(|s| s.reviewed).map(Points::as_f64)),
            float(results, |u| u.score.as_ref().and_then(|s| s.self_score).map(Points::as_f64)),
            // With its mark: who recognises a commune after the reform is inferred [I], the
            // district row partly known [P]; a bare code would read as verified.
            owned(results, |u| {
                u.recognised_by.as_ref().map(|r| format!("{} [{}]", r.authority.as_str(), r.certainty.mark()))
            }),
            Column::Date(results.iter().map(|u| Some(u.window.start)).collect()),
            Column::Date(results.iter().map(|u| Some(u.window.end)).collect()),
            Column::Text(vec![Some(Cow::Owned(rule_set)); n]),
            Column::TextList(vec![Some(supplements.into_iter().map(Cow::Owned).collect()); n]),
        ],
    )
}

/// One row per unit and criterion of `results` as a table named `criteria`
/// ([`CRITERION_COLUMNS`]): the status, whether the outcome requires it, its certainty,
/// what its top test observed and needs, the reviewed points of a points item, the legal
/// basis (a list) and the top test's explanation in both languages.
///
/// ```
/// use antq::{Dataset, RuleSet, evaluate};
/// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let ev = evaluate(&ds, &RuleSet::preset("vn.c124-2021").unwrap(), 2023).unwrap();
/// let t = antq::table::criteria_table(&ev.units);
/// assert_eq!(t.num_rows(), ev.units.iter().map(|u| u.criteria.len()).sum::<usize>());
/// ```
pub fn criteria_table(results: &[UnitResult]) -> Table<'_> {
    let rows: Vec<(&UnitResult, &CriterionResult)> =
        results.iter().flat_map(|u| u.criteria.iter().map(move |c| (u, c))).collect();
    fn top(c: &CriterionResult) -> Option<&crate::eval::Check> {
        c.checks.first()
    }
    Table::of(
        "criteria",
        CRITERION_COLUMNS,
        vec![
            Column::Text(rows.iter().map(|(u, _)| Some(Cow::Borrowed(u.unit.as_str()))).collect()),
            Column::Text(rows.iter().map(|(_, c)| Some(Cow::Borrowed(c.id.as_str()))).collect()),
            Column::Text(rows.iter().map(|(_, c)| Some(Cow::Borrowed(c.status.as_str()))).collect()),
            Column::Bool(rows.iter().map(|(_, c)| Some(c.mandatory)).collect()),
            Column::Text(rows.iter().map(|(_, c)| Some(Cow::Borrowed(c.certainty.as_str()))).collect()),
            Column::Text(
                rows.iter().map(|(_, c)| top(c).and_then(|t| t.observed.as_deref()).map(Cow::Borrowed)).collect(),
            ),
            Column::Text(rows.iter().map(|(_, c)| top(c).map(|t| Cow::Borrowed(t.threshold.as_str()))).collect()),
            Column::Float(rows.iter().map(|(_, c)| c.score.and_then(|s| s.reviewed).map(Points::as_f64)).collect()),
            Column::TextList(
                rows.iter()
                    .map(|(_, c)| Some(c.legal_basis.iter().map(|l| Cow::Owned(l.to_string())).collect()))
                    .collect(),
            ),
            Column::Text(rows.iter().map(|(_, c)| top(c).map(|t| Cow::Borrowed(t.explanation.en.as_str()))).collect()),
            Column::Text(rows.iter().map(|(_, c)| top(c).map(|t| Cow::Borrowed(t.explanation.vi.as_str()))).collect()),
        ],
    )
}
