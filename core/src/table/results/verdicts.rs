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
    use crate::eval::Decision;
    let rows: Vec<(usize, &'a Unit, crate::eval::Verdict)> =
        review.indexed_verdicts().skip(rows.start).take(rows.end.saturating_sub(rows.start)).collect();
    let units = &review.prepared().dataset().units;
    let parent = |i: usize| review.parent_at(i).map(|p| Cow::Borrowed(units[p].id.as_str()));
    let id = |j: usize| Cow::Borrowed(units[j].id.as_str());
    let ancestry: Vec<crate::Ancestry> = rows.iter().map(|&(i, _, _)| review.ancestry_at(i)).collect();
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
    let record = review.record();
    let rule_set = super::decided_by(&record.rule_set, &record.version, &record.content_hash);
    let supplements: Vec<String> =
        record.supplements.iter().map(|s| super::decided_by(&s.id, &s.version, &s.content_hash)).collect();
    let mut t = Table::of(
        "verdicts",
        VERDICT_COLUMNS,
        vec![
            Column::Text(rows.iter().map(|(_, u, _)| Some(Cow::Borrowed(u.id.as_str()))).collect()),
            Column::Text(rows.iter().map(|(_, u, _)| Some(Cow::Borrowed(u.kind.kind().as_str()))).collect()),
            Column::Text(rows.iter().map(|(_, u, _)| u.kind.subkind().map(Cow::Borrowed)).collect()),
            Column::Text(rows.iter().map(|&(i, _, _)| parent(i)).collect()),
            Column::Text(ancestry.iter().map(|a| a.commune.map(id)).collect()),
            Column::Text(ancestry.iter().map(|a| a.district.map(id)).collect()),
            Column::Text(ancestry.iter().map(|a| a.province.map(id)).collect()),
            Column::Text(rows.iter().map(|(_, _, v)| Some(Cow::Borrowed(v.decision.code()))).collect()),
            Column::Text(rows.iter().map(|&(i, _, v)| level(i, v.decision)).collect()),
            Column::Int(rows.iter().map(|(_, _, v)| rank(v.decision)).collect()),
            Column::Int(rows.iter().map(|(_, _, v)| Some(i64::from(v.met))).collect()),
            Column::Int(rows.iter().map(|(_, _, v)| Some(i64::from(v.of))).collect()),
            Column::Text(vec![Some(Cow::Owned(rule_set)); rows.len()]),
            Column::TextList(vec![Some(supplements.into_iter().map(Cow::Owned).collect()); rows.len()]),
        ],
    );
    let criteria = &review.rules().criteria;
    let mut columns: Vec<Vec<Option<Cow<'a, str>>>> = vec![vec![None; rows.len()]; criteria.len()];
    for (row, &(i, _, _)) in rows.iter().enumerate() {
        for (k, status) in review.criterion_statuses(i) {
            columns[k][row] = Some(Cow::Borrowed(status.as_str()));
        }
    }
    for (c, values) in criteria.iter().zip(columns) {
        t.push(c.id.clone(), Column::Text(values));
    }
    t
}
