//! A review's verdicts: one row per evaluated unit, one column per criterion.

use super::{Column, Table};
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
    let cells = VerdictCells::new(review, names)?;
    let supplements: Vec<Cow<'a, str>> = cells.supplements().iter().map(|s| Cow::Owned(s.clone())).collect();
    let mut columns: Vec<Column<'a>> = cells
        .columns()
        .iter()
        .map(|c| match c {
            VerdictColumn::Rank | VerdictColumn::Met | VerdictColumn::Of => Column::Int(Vec::new()),
            VerdictColumn::Supplements => Column::TextList(Vec::new()),
            _ => Column::Text(Vec::new()),
        })
        .collect();
    cells.each_row(rows, |row| {
        for (column, cell) in columns.iter_mut().zip(row) {
            match (column, *cell) {
                (Column::Int(v), VerdictCell::Int(i)) => v.push(Some(i)),
                (Column::Int(v), _) => v.push(None),
                (Column::TextList(v), VerdictCell::Supplements) => v.push(Some(supplements.clone())),
                (Column::TextList(v), _) => v.push(None),
                (Column::Text(v), VerdictCell::Text(s)) => v.push(Some(Cow::Borrowed(s))),
                (Column::Text(v), VerdictCell::Code(s)) => v.push(Some(Cow::Borrowed(s))),
                (Column::Text(v), _) => v.push(None),
                _ => {}
            }
        }
    });
    let mut t = Table::new("verdicts");
    for (&name, column) in names.iter().zip(columns) {
        t.push(name, column);
    }
    Some(t)
}

/// A verdict column, found from its name once for a whole table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerdictColumn {
    Unit,
    Kind,
    Subkind,
    Parent,
    Commune,
    District,
    Province,
    Outcome,
    Level,
    Rank,
    Met,
    Of,
    RuleSet,
    Supplements,
    /// The status of the rule set's criterion at this position.
    Criterion(usize),
}

/// One cell of the verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerdictCell<'a> {
    /// Text from the data or the rules (an id, a level's id, what decided the verdict): a
    /// writer quotes it where its format needs.
    Text(&'a str),
    /// One of antq's own codes (`met`, `residential_area`, `meets`): lower-case ASCII
    /// letters and `_`, never quoted.
    Code(&'static str),
    /// A number.
    Int(i64),
    /// The review's supplements ([`VerdictCells::supplements`], the same on every row).
    Supplements,
    /// No value.
    Empty,
}

/// The cells of a review's verdicts, row by row, for the columns asked for: what every
/// writer of the verdicts reads (the table above, CSV text, Arrow arrays), found once per
/// row — a row's criterion statuses and ancestry once, whatever columns read them.
pub(crate) struct VerdictCells<'r, 'a> {
    review: &'r crate::Review<'a>,
    columns: Vec<VerdictColumn>,
    /// Whether a column reads the commune, district or province.
    ancestry: bool,
    /// Whether a column reads a criterion's status.
    statuses: bool,
    supplements: Vec<String>,
}

impl<'r, 'a> VerdictCells<'r, 'a> {
    /// The cells of the columns `names`; `None` when a name is neither one of
    /// [`verdict_column_names`] nor given once.
    pub(crate) fn new(review: &'r crate::Review<'a>, names: &[&str]) -> Option<Self> {
        let criteria = &review.rules().criteria;
        let columns = names
            .iter()
            .enumerate()
            .map(|(k, &name)| {
                if names[..k].contains(&name) {
                    return None;
                }
                Some(match name {
                    "unit" => VerdictColumn::Unit,
                    "kind" => VerdictColumn::Kind,
                    "subkind" => VerdictColumn::Subkind,
                    "parent" => VerdictColumn::Parent,
                    "commune" => VerdictColumn::Commune,
                    "district" => VerdictColumn::District,
                    "province" => VerdictColumn::Province,
                    "outcome" => VerdictColumn::Outcome,
                    "level" => VerdictColumn::Level,
                    "rank" => VerdictColumn::Rank,
                    "met" => VerdictColumn::Met,
                    "of" => VerdictColumn::Of,
                    "rule_set" => VerdictColumn::RuleSet,
                    "supplements" => VerdictColumn::Supplements,
                    id => VerdictColumn::Criterion(criteria.iter().position(|c| c.id == id)?),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let ancestry = columns
            .iter()
            .any(|c| matches!(c, VerdictColumn::Commune | VerdictColumn::District | VerdictColumn::Province));
        let statuses = columns.iter().any(|c| matches!(c, VerdictColumn::Criterion(_)));
        let record = review.record();
        let supplements =
            record.supplements.iter().map(|s| super::decided_by(&s.id, &s.version, &s.content_hash)).collect();
        Some(VerdictCells { review, columns, ancestry, statuses, supplements })
    }

    /// The rows of the verdicts (every evaluated unit).
    #[cfg(feature = "columnar")]
    pub(crate) fn rows(&self) -> usize {
        self.review.len()
    }

    /// The columns, in the order asked for.
    pub(crate) fn columns(&self) -> &[VerdictColumn] {
        &self.columns
    }

    /// What a [`VerdictCell::Supplements`] cell holds: each supplement's `id version
    /// sha256:…`.
    pub(crate) fn supplements(&self) -> &[String] {
        &self.supplements
    }

    /// Calls `row` with the cells of each row in `rows` (positions in [`verdicts_table`]'s
    /// order; a range past the end is cut short), in column order. Returns the rows read.
    pub(crate) fn each_row(&self, rows: std::ops::Range<usize>, mut row: impl FnMut(&[VerdictCell<'r>])) -> usize {
        /// Rows whose statuses are copied at once: the statuses are far apart in memory (in
        /// the order of the review), and copying them in a loop of their own lets the waits
        /// overlap, where reading them row by row waits once per row.
        const CHUNK: usize = 64;
        let review = self.review;
        let mut chunk: Vec<(usize, &'r crate::Unit, crate::eval::Verdict)> = Vec::with_capacity(CHUNK);
        let mut gathered: Vec<crate::Status> = Vec::new();
        let mut ancestries: Vec<crate::Ancestry> = Vec::with_capacity(CHUNK);
        let mut statuses: Vec<Option<crate::Status>> = vec![None; review.rules().criteria.len()];
        let mut cells: Vec<VerdictCell<'r>> = Vec::with_capacity(self.columns.len());
        let mut n = 0;
        let mut verdicts = review.verdict_rows(rows).peekable();
        while verdicts.peek().is_some() {
            chunk.clear();
            chunk.extend(verdicts.by_ref().take(CHUNK));
            gathered.clear();
            if self.statuses {
                for &(i, _, _) in &chunk {
                    gathered.extend_from_slice(review.status_slices(i).1);
                }
            }
            // The walks up to each row's commune, district and province, in a loop of their
            // own for the same reason (a unit's parent is anywhere in the dataset).
            ancestries.clear();
            if self.ancestry {
                ancestries.extend(chunk.iter().map(|&(i, _, _)| review.ancestry_at(i)));
            }
            let mut at = 0;
            for (r, &(i, u, v)) in chunk.iter().enumerate() {
                if self.statuses {
                    // The bounds of the row's statuses (not the statuses themselves: those
                    // were copied above, in the same order).
                    let (criteria, own) = review.status_slices(i);
                    let copied = &gathered[at..at + own.len()];
                    at += own.len();
                    statuses.fill(None);
                    for (&k, &status) in criteria.iter().zip(copied) {
                        if let Some(s) = statuses.get_mut(k) {
                            *s = Some(status);
                        }
                    }
                }
                let ancestry = ancestries.get(r).copied().unwrap_or_default();
                self.cells(i, u, v, &statuses, ancestry, &mut cells);
                row(&cells);
                n += 1;
            }
        }
        n
    }

    /// The cells of the row of unit `i` (`u`, its verdict `v`, its criteria's `statuses` by
    /// position in the rule set, its `ancestry` when a column reads it), into `cells`.
    fn cells(
        &self,
        i: usize,
        u: &'r crate::Unit,
        v: crate::eval::Verdict,
        statuses: &[Option<crate::Status>],
        ancestry: crate::Ancestry,
        cells: &mut Vec<VerdictCell<'r>>,
    ) {
        use crate::eval::Decision;
        let review = self.review;
        let units = &review.prepared().dataset().units;
        let id = |j: Option<usize>| j.map_or(VerdictCell::Empty, |j| VerdictCell::Text(units[j].id.as_str()));
        cells.clear();
        cells.extend(self.columns.iter().map(|c| {
            match *c {
                VerdictColumn::Unit => VerdictCell::Text(u.id.as_str()),
                VerdictColumn::Kind => VerdictCell::Code(u.kind.kind().as_str()),
                VerdictColumn::Subkind => u.kind.subkind().map_or(VerdictCell::Empty, VerdictCell::Code),
                VerdictColumn::Parent => id(review.parent_at(i)),
                VerdictColumn::Commune => id(ancestry.commune),
                VerdictColumn::District => id(ancestry.district),
                VerdictColumn::Province => id(ancestry.province),
                VerdictColumn::Outcome => VerdictCell::Code(v.decision.code()),
                VerdictColumn::Level => match v.decision {
                    Decision::Level(l) => review
                        .rules()
                        .sheet(u.kind.kind())
                        .and_then(|s| s.levels.get(usize::from(l)))
                        .map_or(VerdictCell::Empty, |l| VerdictCell::Text(l.id.as_str())),
                    _ => VerdictCell::Empty,
                },
                VerdictColumn::Rank => match v.decision {
                    Decision::Typical(r) | Decision::NotSelected(r) => VerdictCell::Int(i64::from(r)),
                    _ => VerdictCell::Empty,
                },
                VerdictColumn::Met => VerdictCell::Int(i64::from(v.met)),
                VerdictColumn::Of => VerdictCell::Int(i64::from(v.of)),
                VerdictColumn::RuleSet => VerdictCell::Text(review.decided_by()),
                VerdictColumn::Supplements => VerdictCell::Supplements,
                VerdictColumn::Criterion(k) => {
                    statuses[k].map_or(VerdictCell::Empty, |s| VerdictCell::Code(s.as_str()))
                }
            }
        }));
    }
}
