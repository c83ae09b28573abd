//! Activity statistics as a table.

use super::{Column, Table, text};
use crate::output::stats::{ActivityTotals, Stats, StatsRow};

/// The columns of [`stats_table`]: the unit, then every total twice, `own_…` (the unit
/// itself) and `total_…` (with every unit below it), each after the number of activity
/// records it counts (`own_records`, `total_records`). Where that number is 0 the figures
/// are empty: nothing recorded is unknown, never a count of 0.
pub const STATS_COLUMNS: &[&str] = &[
    "unit",
    "name",
    "kind",
    "parent",
    "own_records",
    "own_propaganda_meetings",
    "own_attendees",
    "own_tip_offs",
    "own_valuable_tip_offs",
    "own_models",
    "own_model_sites",
    "own_typical_models",
    "own_festivals",
    "own_festival_participants",
    "own_awards",
    "own_people_helped",
    "own_people_reformed",
    "own_support_vnd",
    "own_houses",
    "total_records",
    "total_propaganda_meetings",
    "total_attendees",
    "total_tip_offs",
    "total_valuable_tip_offs",
    "total_models",
    "total_model_sites",
    "total_typical_models",
    "total_festivals",
    "total_festival_participants",
    "total_awards",
    "total_people_helped",
    "total_people_reformed",
    "total_support_vnd",
    "total_houses",
];

/// The totals in the order of [`STATS_COLUMNS`] (awards counted over issuers and forms),
/// the number of records first.
fn totals(t: &ActivityTotals) -> [u64; 15] {
    [
        t.records,
        t.propaganda_meetings,
        t.attendees,
        t.tip_offs,
        t.valuable_tip_offs,
        t.models,
        t.model_sites,
        t.typical_models,
        t.festivals,
        t.festival_participants,
        t.awards_total(),
        t.people_helped,
        t.people_reformed,
        t.support_vnd,
        t.houses,
    ]
}

/// Activity statistics as a table named `stats` ([`STATS_COLUMNS`]).
///
/// ```
/// use antq::Dataset;
/// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let st = antq::stats::activity_stats(&ds, 2023, None).unwrap();
/// let t = antq::table::stats_table(&st);
/// assert_eq!((t.num_rows(), t.header()), (st.rows.len(), antq::table::STATS_COLUMNS.to_vec()));
/// ```
pub fn stats_table(stats: &Stats) -> Table<'_> {
    stats_table_rows(&stats.rows)
}

/// [`stats_table`] of some rows (a part of a large dataset's statistics).
pub fn stats_table_rows(rows: &[StatsRow]) -> Table<'_> {
    let own: Vec<[u64; 15]> = rows.iter().map(|r| totals(&r.own)).collect();
    let total: Vec<[u64; 15]> = rows.iter().map(|r| totals(&r.total)).collect();
    let mut columns = vec![
        text(rows, |r| Some(r.unit.as_str())),
        text(rows, |r| Some(&r.name)),
        text(rows, |r| Some(r.kind.as_str())),
        text(rows, |r| r.parent.as_ref().map(|p| p.as_str())),
    ];
    for values in [&own, &total] {
        // With no record counted, the figures are unknown: empty, never 0.
        columns.extend(
            (0..15).map(|k| Column::UInt(values.iter().map(|v| (k == 0 || v[0] > 0).then_some(v[k])).collect())),
        );
    }
    Table::of("stats", STATS_COLUMNS, columns)
}
