//! Results → tables: unit and criterion rows, a review's verdicts, activity statistics and
//! the instruments of the law.

use super::{Column, Table};
use crate::eval::{CriterionRow, UnitRow};
use crate::model::points::Points;
use crate::model::unit::{Unit, UnitId};
use crate::output::stats::Stats;
use serde::Serialize;
use std::borrow::Cow;

// ---------------------------------------------------------------------------------------
// Results → tables.

fn snake<T: Serialize>(v: &T) -> Option<Cow<'static, str>> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Some(Cow::Owned(s)),
        _ => None,
    }
}

fn text<'a, T: 'a>(rows: &'a [T], f: impl Fn(&'a T) -> Option<&'a str>) -> Column<'a> {
    Column::Text(rows.iter().map(|r| f(r).map(Cow::Borrowed)).collect())
}

/// One row per unit ([`crate::Evaluation::rows`]) as a table named `units`.
pub fn unit_rows_table(rows: &[UnitRow]) -> Table<'_> {
    Table::new("units")
        .with("unit", text(rows, |r| Some(&r.unit)))
        .with("name", text(rows, |r| Some(&r.name)))
        .with("kind", text(rows, |r| Some(r.kind.as_str())))
        .with("subkind", text(rows, |r| r.subkind.as_deref()))
        .with("parent", text(rows, |r| r.parent.as_deref()))
        .with("outcome", text(rows, |r| Some(&r.outcome)))
        .with("level", text(rows, |r| r.level.as_deref()))
        .with("rank", Column::Int(rows.iter().map(|r| r.rank.map(i64::from)).collect()))
        .with("out_of_scope", text(rows, |r| r.out_of_scope.as_deref()))
        .with("met", Column::Int(rows.iter().map(|r| Some(i64::from(r.met))).collect()))
        .with("of", Column::Int(rows.iter().map(|r| Some(i64::from(r.of))).collect()))
        .with("failed", text(rows, |r| Some(&r.failed)))
        .with("missing", text(rows, |r| Some(&r.missing)))
        .with("score_reviewed", Column::Float(rows.iter().map(|r| r.score_reviewed.map(Points::as_f64)).collect()))
        .with("score_self", Column::Float(rows.iter().map(|r| r.score_self.map(Points::as_f64)).collect()))
        .with("recognised_by", text(rows, |r| r.recognised_by.as_deref()))
        .with("window_start", Column::Date(rows.iter().map(|r| Some(r.window_start)).collect()))
        .with("window_end", Column::Date(rows.iter().map(|r| Some(r.window_end)).collect()))
}

/// Every verdict of a [`crate::Review`] as a table named `verdicts`, one row per evaluated
/// unit in dataset order: unit, kind, subkind, parent (on the reference date), outcome,
/// level, rank, met, of, the rule set and supplements that decided it (as in the
/// evaluation's rows), then one column per criterion of the rule set holding its status
/// (`met`, `not_met`, `unknown`; empty where the criterion does not apply). No sentence
/// is written, so it costs a fraction of [`unit_rows_table`].
///
/// ```
/// use antq::{Dataset, Options, Prepared, RuleSet};
/// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let prepared = Prepared::new(&ds, 2023).unwrap();
/// let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// let review = prepared.review(&rules, &Options::default()).unwrap();
/// let t = antq::table::verdicts_table(&review);
/// assert_eq!(t.num_rows(), review.len());
/// assert!(t.column("RA-1").is_some());
/// ```
pub fn verdicts_table<'a>(review: &'a crate::Review<'a>) -> Table<'a> {
    verdicts_table_rows(review, 0..usize::MAX)
}

/// The rows `rows` (positions in [`verdicts_table`]'s order; a range past the end is cut
/// short) of [`verdicts_table`]: a national review written part by part holds one part's
/// cells at a time.
///
/// ```
/// # use antq::{Dataset, Options, Prepared, RuleSet};
/// # let ds = Dataset::from_str_named("sample", antq::sample::SAMPLE_JSON).unwrap();
/// # let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// # let prepared = Prepared::new(&ds, 2023).unwrap();
/// # let review = prepared.review(&rules, &Options::default()).unwrap();
/// let part = antq::table::verdicts_table_rows(&review, 10..20);
/// assert_eq!(part.num_rows(), 10);
/// assert_eq!(part.columns.len(), antq::table::verdicts_table(&review).columns.len());
/// ```
pub fn verdicts_table_rows<'a>(review: &'a crate::Review<'a>, rows: std::ops::Range<usize>) -> Table<'a> {
    use crate::eval::Decision;
    let rows: Vec<(usize, &'a Unit, crate::eval::Verdict)> =
        review.indexed_verdicts().skip(rows.start).take(rows.end.saturating_sub(rows.start)).collect();
    let units = &review.prepared().dataset().units;
    let parent = |i: usize| review.parent_at(i).map(|p| Cow::Borrowed(units[p].id.as_str()));
    let level = |i: usize, d: Decision| match d {
        Decision::Level(l) => review
            .rules()
            .sheet(units[i].kind.kind())
            .and_then(|s| s.levels.get(usize::from(l)))
            .map(|l| Cow::Borrowed(l.id.as_str())),
        _ => None,
    };
    let rank = |d: Decision| match d {
        Decision::Typical(r) | Decision::NotSelected(r) => Some(i64::from(r)),
        _ => None,
    };
    let mut t = Table::new("verdicts")
        .with("unit", Column::Text(rows.iter().map(|(_, u, _)| Some(Cow::Borrowed(u.id.as_str()))).collect()))
        .with("kind", Column::Text(rows.iter().map(|(_, u, _)| Some(Cow::Borrowed(u.kind.kind().as_str()))).collect()))
        .with("subkind", Column::Text(rows.iter().map(|(_, u, _)| u.kind.subkind().map(Cow::Borrowed)).collect()))
        .with("parent", Column::Text(rows.iter().map(|&(i, _, _)| parent(i)).collect()))
        .with("outcome", Column::Text(rows.iter().map(|(_, _, v)| Some(Cow::Borrowed(v.decision.code()))).collect()))
        .with("level", Column::Text(rows.iter().map(|&(i, _, v)| level(i, v.decision)).collect()))
        .with("rank", Column::Int(rows.iter().map(|(_, _, v)| rank(v.decision)).collect()))
        .with("met", Column::Int(rows.iter().map(|(_, _, v)| Some(i64::from(v.met))).collect()))
        .with("of", Column::Int(rows.iter().map(|(_, _, v)| Some(i64::from(v.of))).collect()));
    // Every row names what decided it, as the evaluation's rows do.
    let rules = review.record().rules();
    let (rule_set, supplements) = (rules.rule_set_cell(), rules.supplements_cell());
    t.push("rule_set", Column::Text(rows.iter().map(|_| Some(Cow::Owned(rule_set.clone()))).collect()));
    t.push("supplements", Column::Text(rows.iter().map(|_| Some(Cow::Owned(supplements.clone()))).collect()));
    let criteria = &review.rules().criteria;
    let mut columns: Vec<Vec<Option<Cow<'a, str>>>> = vec![vec![None; rows.len()]; criteria.len()];
    for (row, &(i, _, _)) in rows.iter().enumerate() {
        for (k, status) in review.criterion_statuses(i) {
            columns[k][row] = Some(Cow::Borrowed(status_code(status)));
        }
    }
    for (c, values) in criteria.iter().zip(columns) {
        t.push(c.id.clone(), Column::Text(values));
    }
    t
}

fn status_code(s: crate::Status) -> &'static str {
    match s {
        crate::Status::Met => "met",
        crate::Status::NotMet => "not_met",
        crate::Status::Unknown => "unknown",
    }
}

/// One row per unit and criterion ([`crate::Evaluation::criterion_rows`]) as a table
/// named `criteria`.
pub fn criterion_rows_table(rows: &[CriterionRow]) -> Table<'_> {
    Table::new("criteria")
        .with("unit", text(rows, |r| Some(&r.unit)))
        .with("criterion", text(rows, |r| Some(&r.criterion)))
        .with("status", Column::Text(rows.iter().map(|r| snake(&r.status)).collect()))
        .with("mandatory", Column::Bool(rows.iter().map(|r| Some(r.mandatory)).collect()))
        .with("certainty", Column::Text(rows.iter().map(|r| snake(&r.certainty)).collect()))
        .with("observed", text(rows, |r| r.observed.as_deref()))
        .with("threshold", text(rows, |r| Some(&r.threshold)))
        .with("points", Column::Float(rows.iter().map(|r| r.points.map(Points::as_f64)).collect()))
        .with("legal_basis", text(rows, |r| Some(&r.legal_basis)))
        .with("explanation_en", text(rows, |r| Some(&r.explanation_en)))
        .with("explanation_vi", text(rows, |r| Some(&r.explanation_vi)))
}

/// Activity statistics as a table named `stats`: per unit its id, name, kind and parent,
/// then every total twice, `own_…` (the unit itself) and `total_…` (with every unit
/// below it); awards are counted in `own_awards` / `total_awards`.
pub fn stats_table(stats: &Stats) -> Table<'_> {
    let rows = &stats.rows;
    let mut t = Table::new("stats")
        .with("unit", text(rows, |r| Some(r.unit.as_str())))
        .with("name", text(rows, |r| Some(&r.name)))
        .with("kind", text(rows, |r| Some(r.kind.as_str())))
        .with("parent", text(rows, |r| r.parent.as_ref().map(UnitId::as_str)));
    for (prefix, own) in [("own", true), ("total", false)] {
        let flat: Vec<Vec<(String, u64)>> = rows
            .iter()
            .map(|r| {
                let totals = if own { &r.own } else { &r.total };
                let mut v: Vec<(String, u64)> = match serde_json::to_value(totals) {
                    Ok(serde_json::Value::Object(m)) => {
                        m.into_iter().filter_map(|(k, v)| v.as_u64().map(|x| (k, x))).collect()
                    }
                    _ => Vec::new(),
                };
                v.push(("awards".into(), totals.awards_total()));
                v
            })
            .collect();
        let names = totals_names();
        for (k, key) in names.iter().enumerate() {
            let col = flat.iter().map(|v| v.get(k).map(|(_, x)| *x)).collect();
            t.push(format!("{prefix}_{key}"), Column::UInt(col));
        }
    }
    t
}

/// The names of the numeric fields of [`crate::output::stats::ActivityTotals`], then `awards`.
fn totals_names() -> Vec<String> {
    let mut v: Vec<String> = match serde_json::to_value(crate::output::stats::ActivityTotals::default()) {
        Ok(serde_json::Value::Object(m)) => m.into_iter().filter(|(_, v)| v.is_u64()).map(|(k, _)| k).collect(),
        _ => Vec::new(),
    };
    v.push("awards".into());
    v
}

/// Every instrument antq knows ([`crate::law::registry`]), one row each: family, id, what
/// antq encodes of it, its period and how certain the period is, version, content hash and
/// legal basis.
///
/// ```
/// let t = antq::table::instruments_table();
/// assert!(t.column("family").is_some() && t.column("from").is_some());
/// assert_eq!(t.num_rows(), antq::law::registry().len());
/// ```
pub fn instruments_table() -> Table<'static> {
    let all = crate::law::registry();
    let text =
        |f: fn(&'static crate::law::Instrument) -> Option<Cow<'static, str>>| Column::Text(all.iter().map(f).collect());
    let nonempty = |s: &'static str| (!s.is_empty()).then_some(Cow::Borrowed(s));
    Table::new("instruments")
        .with("family", text(|i| Some(Cow::Borrowed(i.family.as_str()))))
        .with("id", text(|i| Some(Cow::Borrowed(i.id.as_str()))))
        .with("encoding", text(|i| Some(Cow::Borrowed(i.encoding.as_str()))))
        .with("from", Column::Date(all.iter().map(|i| i.effective.from).collect()))
        .with("until", Column::Date(all.iter().map(|i| i.effective.until).collect()))
        .with("period_certainty", text(|i| i.effective.certainty.map(|c| Cow::Borrowed(c.as_str()))))
        .with("version", Column::Text(all.iter().map(|i| nonempty(&i.version)).collect()))
        .with("content_hash", Column::Text(all.iter().map(|i| nonempty(&i.content_hash)).collect()))
        .with(
            "legal_basis",
            text(|i| {
                Some(Cow::Owned(i.legal_basis.iter().map(|l| l.document.as_str()).collect::<Vec<_>>().join("; ")))
            }),
        )
        .with("title_en", text(|i| Some(Cow::Borrowed(i.title.en.as_str()))))
        .with("title_vi", text(|i| Some(Cow::Borrowed(i.title.vi.as_str()))))
}
