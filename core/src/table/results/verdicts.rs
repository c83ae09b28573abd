//! A review's verdicts: one row per evaluated unit, one column per criterion.

use super::{Column, Table};
use crate::model::unit::Unit;
use std::borrow::Cow;

/// The first columns of [`verdicts_table`]; one column per criterion of the rule set
/// (named by its id) follows.
pub const VERDICT_COLUMNS: &[&str] = &[
    "unit",
    "kind",
    "subkind",
    "parent",
    "commune",
    "district",
    "province",
    "outcome",
    "level",
    "rank",
    "met",
    "of",
    "rule_set",
    "supplements",
];

/// Every verdict of a [`crate::Review`] as a table named `verdicts`, one row per evaluated
/// unit in dataset order: unit, kind, subkind, parent, commune, district and province (on the reference date,
/// [`crate::Ancestry`]), outcome,
/// level, rank, met, of, what decided it (`rule_set`, `supplements`: `id version sha256:…`,
/// as in [`super::evaluation_table`]), then one column per criterion of the rule set holding its status
/// (`met`, `not_met`, `unknown`; empty where the criterion does not apply). No sentence
/// is written, so it costs a fraction of [`super::evaluation_table`], which needs every explained result.
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
    let names = verdict_column_names(review);
    let all: Vec<&str> = names.iter().map(|n| n.as_ref()).collect();
    // Every name is one of the table's own: never `None`.
    verdicts_table_columns(review, rows, &all).unwrap_or_default()
}

/// The column names of [`verdicts_table`]: [`VERDICT_COLUMNS`], then each criterion's id.
pub fn verdict_column_names<'a>(review: &'a crate::Review<'a>) -> Vec<Cow<'a, str>> {
    let criteria = review.rules().criteria.iter().map(|c| Cow::Owned(c.id.clone()));
    VERDICT_COLUMNS.iter().map(|&n| Cow::Borrowed(n)).chain(criteria).collect()
}

/// Only the columns `names` (in that order) of [`verdicts_table_rows`]: a compact verdict
/// table such as `unit, outcome` builds no other column. `None` when a name is neither one
/// of [`verdict_column_names`] nor given once.
///
/// ```
/// # use antq::{Dataset, Options, Prepared, RuleSet};
/// # let ds = Dataset::from_str_named("sample", antq::sample::SAMPLE_JSON).unwrap();
/// # let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// # let prepared = Prepared::new(&ds, 2023).unwrap();
/// # let review = prepared.review(&rules, &Options::default()).unwrap();
/// let t = antq::table::verdicts_table_columns(&review, 0..usize::MAX, &["unit", "outcome", "RA-1"]).unwrap();
/// let full = antq::table::verdicts_table(&review);
/// assert_eq!(t.header(), ["unit", "outcome", "RA-1"]);
/// assert_eq!(t.column("outcome"), full.column("outcome"));
/// assert!(antq::table::verdicts_table_columns(&review, 0..10, &["colour"]).is_none());
/// ```
pub fn verdicts_table_columns<'a>(
    review: &'a crate::Review<'a>,
    rows: std::ops::Range<usize>,
    names: &[&str],
) -> Option<Table<'a>> {
    use crate::eval::Decision;
    let rows: Vec<(usize, &'a Unit, crate::eval::Verdict)> = review.verdict_rows(rows).collect();
    let units = &review.prepared().dataset().units;
    let criteria = &review.rules().criteria;
    let text = |f: &dyn Fn(usize, &'a Unit, crate::eval::Verdict) -> Option<Cow<'a, str>>| {
        Column::Text(rows.iter().map(|&(i, u, v)| f(i, u, v)).collect())
    };
    let int =
        |f: &dyn Fn(crate::eval::Verdict) -> Option<i64>| Column::Int(rows.iter().map(|&(_, _, v)| f(v)).collect());
    // The criteria asked for, filled in one pass over each row's statuses.
    let mut statuses: Vec<Option<Vec<Option<Cow<'a, str>>>>> =
        criteria.iter().map(|c| names.contains(&c.id.as_str()).then(|| vec![None; rows.len()])).collect();
    if statuses.iter().any(Option::is_some) {
        for (row, &(i, _, _)) in rows.iter().enumerate() {
            for (k, status) in review.criterion_statuses(i) {
                if let Some(Some(values)) = statuses.get_mut(k) {
                    values[row] = Some(Cow::Borrowed(status.as_str()));
                }
            }
        }
    }
    let mut t = Table::new("verdicts");
    for (k, &name) in names.iter().enumerate() {
        if names[..k].contains(&name) {
            return None;
        }
        let column = match name {
            "unit" => text(&|_, u, _| Some(Cow::Borrowed(u.id.as_str()))),
            "kind" => text(&|_, u, _| Some(Cow::Borrowed(u.kind.kind().as_str()))),
            "subkind" => text(&|_, u, _| u.kind.subkind().map(Cow::Borrowed)),
            "parent" => text(&|i, _, _| review.parent_at(i).map(|p| Cow::Borrowed(units[p].id.as_str()))),
            "commune" => text(&|i, _, _| review.ancestry_at(i).commune.map(|j| Cow::Borrowed(units[j].id.as_str()))),
            "district" => text(&|i, _, _| review.ancestry_at(i).district.map(|j| Cow::Borrowed(units[j].id.as_str()))),
            "province" => text(&|i, _, _| review.ancestry_at(i).province.map(|j| Cow::Borrowed(units[j].id.as_str()))),
            "outcome" => text(&|_, _, v| Some(Cow::Borrowed(v.decision.code()))),
            "level" => text(&|i, _, v| match v.decision {
                Decision::Level(l) => review
                    .rules()
                    .sheet(units[i].kind.kind())
                    .and_then(|s| s.levels.get(usize::from(l)))
                    .map(|l| Cow::Borrowed(l.id.as_str())),
                _ => None,
            }),
            "rank" => int(&|v| match v.decision {
                Decision::Typical(r) | Decision::NotSelected(r) => Some(i64::from(r)),
                _ => None,
            }),
            "met" => int(&|v| Some(i64::from(v.met))),
            "of" => int(&|v| Some(i64::from(v.of))),
            "rule_set" => Column::Text(vec![Some(Cow::Borrowed(review.decided_by())); rows.len()]),
            "supplements" => {
                let record = review.record();
                let supplements: Vec<Cow<'a, str>> = record
                    .supplements
                    .iter()
                    .map(|s| Cow::Owned(super::decided_by(&s.id, &s.version, &s.content_hash)))
                    .collect();
                Column::TextList(vec![Some(supplements); rows.len()])
            }
            id => {
                let k = criteria.iter().position(|c| c.id == id)?;
                Column::Text(statuses[k].take()?)
            }
        };
        t.push(name, column);
    }
    Some(t)
}
