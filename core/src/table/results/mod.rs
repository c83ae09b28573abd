//! Results → tables: one table per result, built here once for every surface (the CLI's
//! CSV, Python's dataframes, JavaScript's rows). Each table's columns are named once, in a
//! `…_COLUMNS` constant, in a stable order with the key columns first; values are typed
//! (dates, integers, lists as lists) and enum values are written by their `as_str` name.
//! [`headers`] lists every result's columns, so each surface can be checked against them.

mod analysis;
mod evaluation;
mod hierarchy;
mod instruments;
mod section6;
mod stats;
mod verdicts;

pub use analysis::{
    COMPARE_COLUMNS, COMPARE_PARENT_COLUMNS, IMPACT_COLUMNS, IMPACT_PARENT_COLUMNS, SENSITIVITY_COLUMNS,
    SENSITIVITY_PARENT_COLUMNS, SHARE_COLUMNS, WHATIF_COLUMNS, compare_parents_table, compare_table,
    compare_table_rows, impact_parents_table, impact_table, outcome_parts, plans_table, sensitivity_parents_table,
    sensitivity_table, shares_table,
};
pub use evaluation::{CRITERION_COLUMNS, EVALUATION_COLUMNS, criteria_table, evaluation_table};
pub use hierarchy::{HIERARCHY_COLUMNS, hierarchy_date, hierarchy_table};
pub use instruments::{INSTRUMENT_COLUMNS, instruments_table};
pub use section6::{MEDAL_COLUMNS, TEAM_COLUMNS, medal_table, teams_table};
pub use stats::{STATS_COLUMNS, stats_table, stats_table_rows};
#[cfg(feature = "columnar")]
pub(crate) use verdicts::VerdictColumn;
pub use verdicts::{
    VERDICT_COLUMNS, verdict_column_names, verdicts_table, verdicts_table_columns, verdicts_table_rows,
};
pub(crate) use verdicts::{VerdictCell, VerdictCells};

use super::{Column, Table};
use std::borrow::Cow;

/// Every result's table name and columns in order, for checking a surface's header:
/// `evaluation`, `criteria`, `verdicts` (then one column per criterion of the rule set),
/// `shares`, `stats`, `teams`, `medal`, `whatif`, `impact`, `impact_parents`,
/// `sensitivity`, `sensitivity_parents`, `compare`, `compare_parents`, `instruments`,
/// `indicators`, `hierarchy`.
///
/// ```
/// let h = antq::table::headers();
/// let eval = h.iter().find(|(name, _)| *name == "evaluation").unwrap().1;
/// assert_eq!(&eval[..3], ["unit", "name", "kind"]);
/// ```
pub fn headers() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        ("evaluation", EVALUATION_COLUMNS),
        ("criteria", CRITERION_COLUMNS),
        ("verdicts", VERDICT_COLUMNS),
        ("shares", SHARE_COLUMNS),
        ("stats", STATS_COLUMNS),
        ("teams", TEAM_COLUMNS),
        ("medal", MEDAL_COLUMNS),
        ("whatif", WHATIF_COLUMNS),
        ("impact", IMPACT_COLUMNS),
        ("impact_parents", IMPACT_PARENT_COLUMNS),
        ("sensitivity", SENSITIVITY_COLUMNS),
        ("sensitivity_parents", SENSITIVITY_PARENT_COLUMNS),
        ("compare", COMPARE_COLUMNS),
        ("compare_parents", COMPARE_PARENT_COLUMNS),
        ("instruments", INSTRUMENT_COLUMNS),
        ("indicators", super::template::INDICATOR_COLUMNS),
        ("hierarchy", HIERARCHY_COLUMNS),
    ]
}

/// Columns holding a code from a small closed set — kinds, outcomes, levels, statuses,
/// directions, certainties — written dictionary-encoded by `columnar::result_to_batch`
/// (pandas `category`, polars `Categorical`): every other text column is free text or an id.
pub const CATEGORY_COLUMNS: &[&str] = &[
    "kind",
    "subkind",
    "outcome",
    "level",
    "out_of_scope",
    "status",
    "certainty",
    "target",
    "current",
    "via",
    "direction",
    "movement",
    "before",
    "after",
    "before_level",
    "after_level",
    "current_level",
    "target_level",
    "subject",
    "role",
    "proposed",
    "group",
    "period_certainty",
];

/// Whether column `column` of the result table `table` holds a code of a closed set
/// ([`CATEGORY_COLUMNS`], and in `verdicts` every criterion's status column).
///
/// ```
/// assert!(antq::table::is_category("evaluation", "outcome"));
/// assert!(antq::table::is_category("verdicts", "C1"));
/// assert!(!antq::table::is_category("evaluation", "unit"));
/// ```
pub fn is_category(table: &str, column: &str) -> bool {
    CATEGORY_COLUMNS.contains(&column) || (table == "verdicts" && !VERDICT_COLUMNS.contains(&column))
}

/// The columns of the result named `name` in [`headers`].
///
/// ```
/// assert_eq!(antq::table::header("medal").unwrap()[0], "id");
/// assert!(antq::table::header("nothing").is_none());
/// ```
pub fn header(name: &str) -> Option<&'static [&'static str]> {
    headers().into_iter().find(|(n, _)| *n == name).map(|(_, h)| h)
}

/// What decided a result, as one cell: `id version sha256:` and the first 12 hex digits of
/// the content hash (a rule set, a supplement, an instrument of the law).
///
/// ```
/// assert_eq!(antq::table::decided_by("vn.x", "1.0", "0123456789abcdef"), "vn.x 1.0 sha256:0123456789ab");
/// ```
pub fn decided_by(id: &str, version: &str, content_hash: &str) -> String {
    format!("{id} {version} sha256:{}", content_hash.get(..12).unwrap_or(content_hash))
}

/// A text column borrowed from the rows.
fn text<'a, T>(rows: &'a [T], f: impl Fn(&'a T) -> Option<&'a str>) -> Column<'a> {
    Column::Text(rows.iter().map(|r| f(r).map(Cow::Borrowed)).collect())
}

/// A text column of owned values.
fn owned<T>(rows: &[T], f: impl Fn(&T) -> Option<String>) -> Column<'static> {
    Column::Text(rows.iter().map(|r| f(r).map(Cow::Owned)).collect())
}

/// An integer column.
fn int<T>(rows: &[T], f: impl Fn(&T) -> Option<i64>) -> Column<'static> {
    Column::Int(rows.iter().map(f).collect())
}

/// A float column.
fn float<T>(rows: &[T], f: impl Fn(&T) -> Option<f64>) -> Column<'static> {
    Column::Float(rows.iter().map(f).collect())
}

/// A list-of-text column (every row holds a list, possibly empty).
fn list<'a, T>(rows: &'a [T], f: impl Fn(&'a T) -> Vec<Cow<'a, str>>) -> Column<'a> {
    Column::TextList(rows.iter().map(|r| Some(f(r))).collect())
}

#[cfg(test)]
mod tests;
