//! Flat tables: datasets read from and written to column-oriented tables, and results
//! written as tables. Nothing here depends on Arrow or any dataframe library: a binding
//! turns its own columns into [`Column`]s (borrowing strings where it can) and back.
//!
//! # Table forms
//!
//! One table per part of a dataset; one row per record; a missing value (null, or NaN in a
//! float column) means the field is left out. Unknown columns are refused, like unknown
//! fields in a JSON file. Problems name the table, the row (0-based, as in `units[3]`) and
//! the column, with the same paths as the JSON form (`units[3].kind`).
//!
//! - **units**: `id`, `name`, `kind`, `subkind`, `armed_forces`, `size`, `level`, `parent`,
//!   `valid_from`, `valid_until` — the flat file form of a unit — and `parent_changes`, a JSON
//!   list like `[{"from": "2025-07-01", "parent": "HD"}]` held as text.
//! - **evidence**: `unit`, `year`, every indicator by name (`resolution_date`,
//!   `households_total`, `party_organisation`…), then one column `attested:KEY` per
//!   attested key (`yes` / `no` / `unknown`, or a boolean) and `points:ITEM:self` /
//!   `points:ITEM:reviewed` per points item (numbers with at most two decimals, or text;
//!   an item recorded with neither score carries nothing and is left out).
//! - **incidents**: `unit`, `date`, `category`, `note`.
//! - **activities**: `unit`, `date`, `count`, `type`, and the fields of every type
//!   (`attendees`, `valuable`, `name`, `sites`, `typical`, `participants`, `issuer`, `form`,
//!   `recipient`, `reformed`, `amount_vnd`, `houses`), null where they do not apply.
//!
//! Dates are read from date columns or ISO text (`2023-03-31`); counts from integer
//! columns, or from float columns holding whole numbers (a pandas integer column with
//! gaps becomes float).
//!
//! ```
//! use antq::table::{Column, Table, dataset_from_tables, dataset_to_tables};
//! let units = Table::new("units")
//!     .with("id", Column::text(["C1", "A1"]))
//!     .with("name", Column::text(["Xã Một", "Thôn Một"]))
//!     .with("kind", Column::text(["commune", "residential_area"]))
//!     .with("subkind", Column::text(["xa", "thon"]))
//!     .with("parent", Column::Text(vec![None, Some("C1".into())]));
//! let ds = dataset_from_tables(&units, None, None, None).unwrap();
//! assert_eq!(ds.units[1].parent.as_ref().unwrap().as_str(), "C1");
//! let back = dataset_to_tables(&ds);
//! assert_eq!(dataset_from_tables(&back.units, Some(&back.evidence), None, None).unwrap(), ds);
//! ```

pub mod csv;
mod export;
mod import;
mod results;
pub mod template;
#[cfg(test)]
mod tests;
mod typed;

pub use export::dataset_to_tables;
use import::Cell;
pub use import::{
    ACTIVITY_COLUMNS, DatasetTables, INCIDENT_COLUMNS, Part, TableImport, UNIT_COLUMNS, dataset_from_tables,
};
#[cfg(feature = "columnar")]
pub(crate) use import::{EvidenceColumn, evidence_column};
pub use results::*;
pub use template::{
    INDICATOR_COLUMNS, TemplateColumn, evaluated_kind, evidence_template, indicators_table, template_columns,
};
pub use typed::{ColumnBuilder, Want, want};

use crate::error::{Location, Problem, ProblemCode};
use chrono::NaiveDate;
use std::borrow::Cow;

/// At most this many problems are reported for one conversion.
const MAX_PROBLEMS: usize = 100;

/// One column's values; `None` is a missing value.
#[derive(Debug, Clone, PartialEq)]
pub enum Column<'a> {
    /// Text, borrowed from the source where possible.
    Text(Vec<Option<Cow<'a, str>>>),
    /// Signed integers.
    Int(Vec<Option<i64>>),
    /// Unsigned integers.
    UInt(Vec<Option<u64>>),
    /// Floating-point numbers; NaN counts as missing.
    Float(Vec<Option<f64>>),
    /// Booleans.
    Bool(Vec<Option<bool>>),
    /// Calendar dates.
    Date(Vec<Option<NaiveDate>>),
    /// Lists of text (failed criteria, missing keys, reasons): CSV writes a list joined by
    /// `;`, Python gets an Arrow list, JavaScript an array.
    TextList(Vec<Option<Vec<Cow<'a, str>>>>),
    /// A column of `n` missing values (a column of unknown type with no value).
    Null(usize),
}

impl<'a> Column<'a> {
    /// A text column with no missing value.
    pub fn text<S: Into<Cow<'a, str>>>(values: impl IntoIterator<Item = S>) -> Self {
        Column::Text(values.into_iter().map(|s| Some(s.into())).collect())
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Column::Text(v) => v.len(),
            Column::Int(v) => v.len(),
            Column::UInt(v) => v.len(),
            Column::Float(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::Date(v) => v.len(),
            Column::TextList(v) => v.len(),
            Column::Null(n) => *n,
        }
    }

    /// Whether the column has no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name of the column's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Column::Text(_) => "text",
            Column::Int(_) => "integer",
            Column::UInt(_) => "unsigned integer",
            Column::Float(_) => "float",
            Column::Bool(_) => "boolean",
            Column::Date(_) => "date",
            Column::TextList(_) => "list of text",
            Column::Null(_) => "null",
        }
    }

    /// Whether row `i` holds a value (false past the end).
    pub fn is_valid(&self, i: usize) -> bool {
        self.cell(i).is_some()
    }

    fn cell(&self, i: usize) -> Option<Cell<'_>> {
        match self {
            // Blank text is a missing value, as a blank cell of a CSV file or a workbook is
            // (`ColumnBuilder::push_text`), and as a float's NaN is: a pandas column of
            // objects holding "" reads as the CSV file it was saved from.
            Column::Text(v) => v.get(i)?.as_deref().filter(|s| !s.trim().is_empty()).map(Cell::Str),
            Column::Int(v) => v.get(i).copied().flatten().map(Cell::Int),
            Column::UInt(v) => v.get(i).copied().flatten().map(Cell::UInt),
            Column::Float(v) => v.get(i).copied().flatten().filter(|f| !f.is_nan()).map(Cell::Float),
            Column::Bool(v) => v.get(i).copied().flatten().map(Cell::Bool),
            Column::Date(v) => v.get(i).copied().flatten().map(Cell::Date),
            Column::TextList(v) => v.get(i)?.as_deref().map(Cell::List),
            Column::Null(_) => None,
        }
    }
}

/// A table serialised as an array of row objects, each with every column in order (a
/// list as an array, a date as ISO text, a missing value as `null`): how the bindings
/// hand a result table to JavaScript and to Python's plain-data helpers.
///
/// ```
/// use antq::table::{Column, Rows, Table};
/// let t = Table::new("t").with("a", Column::Int(vec![Some(1), None])).with("b", Column::TextList(vec![Some(vec!["x".into()]), None]));
/// assert_eq!(serde_json::to_string(&Rows(&t)).unwrap(), r#"[{"a":1,"b":["x"]},{"a":null,"b":null}]"#);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Rows<'t, 'a>(pub &'t Table<'a>);

impl serde::Serialize for Rows<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct Cell<'c, 'a>(&'c Column<'a>, usize);
        impl serde::Serialize for Cell<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let i = self.1;
                match self.0 {
                    Column::Text(v) => v[i].serialize(s),
                    Column::Int(v) => v[i].serialize(s),
                    Column::UInt(v) => v[i].serialize(s),
                    Column::Float(v) => v[i].filter(|f| !f.is_nan()).serialize(s),
                    Column::Bool(v) => v[i].serialize(s),
                    Column::Date(v) => v[i].serialize(s),
                    Column::TextList(v) => v[i].serialize(s),
                    Column::Null(_) => s.serialize_none(),
                }
            }
        }
        struct Row<'t, 'a>(&'t Table<'a>, usize);
        impl serde::Serialize for Row<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.columns.len()))?;
                for (name, c) in &self.0.columns {
                    m.serialize_entry(name, &Cell(c, self.1))?;
                }
                m.end()
            }
        }
        let mut seq = s.serialize_seq(Some(self.0.num_rows()))?;
        for i in 0..self.0.num_rows() {
            seq.serialize_element(&Row(self.0, i))?;
        }
        seq.end()
    }
}

/// A named table of equally long named columns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table<'a> {
    /// The table's name, used in problem paths (`units`, `evidence`…).
    pub name: String,
    /// Columns in order.
    pub columns: Vec<(String, Column<'a>)>,
}

impl<'a> Table<'a> {
    /// An empty table.
    pub fn new(name: impl Into<String>) -> Self {
        Table { name: name.into(), columns: Vec::new() }
    }

    /// Adds a column.
    pub fn with(mut self, name: impl Into<String>, column: Column<'a>) -> Self {
        self.columns.push((name.into(), column));
        self
    }

    /// A table of `names` and `columns` in that order (a result's named header, e.g.
    /// [`EVALUATION_COLUMNS`], with its columns).
    ///
    /// ```
    /// use antq::table::{Column, Table};
    /// let t = Table::of("t", &["a", "b"], vec![Column::Int(vec![Some(1)]), Column::Bool(vec![None])]);
    /// assert_eq!(t.header(), ["a", "b"]);
    /// ```
    pub fn of(name: impl Into<String>, names: &[&str], columns: Vec<Column<'a>>) -> Self {
        debug_assert_eq!(names.len(), columns.len(), "one column per name");
        Table { name: name.into(), columns: names.iter().map(|n| (*n).to_owned()).zip(columns).collect() }
    }

    /// The column names in order.
    pub fn header(&self) -> Vec<&str> {
        self.columns.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// Adds a column.
    pub fn push(&mut self, name: impl Into<String>, column: Column<'a>) {
        self.columns.push((name.into(), column));
    }

    /// Number of rows (that of the first column).
    pub fn num_rows(&self) -> usize {
        self.columns.first().map_or(0, |(_, c)| c.len())
    }

    /// A column by name.
    pub fn column(&self, name: &str) -> Option<&Column<'a>> {
        self.columns.iter().find(|(n, _)| n == name).map(|(_, c)| c)
    }

    /// Shape problems: columns of unequal length, duplicate names.
    fn shape_problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let n = self.num_rows();
        for (k, (name, c)) in self.columns.iter().enumerate() {
            if c.len() != n {
                out.push(problem(
                    ProblemCode::BadValue,
                    &self.name,
                    None,
                    Some(name),
                    Said::both(
                        format!("column `{name}` has {} rows, the first column {n}", c.len()),
                        format!("cột `{name}` có {} dòng, cột đầu tiên có {n}", c.len()),
                    ),
                ));
            }
            if self.columns[..k].iter().any(|(m, _)| m == name) {
                out.push(problem(
                    ProblemCode::DuplicateId,
                    &self.name,
                    None,
                    Some(name),
                    Said::both(format!("column `{name}` appears twice"), format!("cột `{name}` xuất hiện hai lần")),
                ));
            }
        }
        out
    }
}

fn problem(code: ProblemCode, table: &str, row: Option<usize>, column: Option<&str>, msg: impl Into<Said>) -> Problem {
    let path = match (row, column) {
        (Some(r), Some(c)) => format!("{table}[{r}].{c}"),
        (Some(r), None) => format!("{table}[{r}]"),
        (None, Some(c)) => format!("{table}.{c}"),
        (None, None) => table.to_owned(),
    };
    let Said { en, vi } = msg.into();
    let p = Problem::new(code, Location::path(path), en);
    match vi {
        Some(vi) => p.with_vi(vi),
        None => p,
    }
}

/// A message in English, and in Vietnamese where antq words it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Said {
    en: String,
    vi: Option<String>,
}

impl Said {
    /// A message antq words in both languages.
    fn both(en: impl Into<String>, vi: impl Into<String>) -> Said {
        Said { en: en.into(), vi: Some(vi.into()) }
    }
}

impl From<String> for Said {
    /// A message another reader gave (serde's, a value's parser): its Vietnamese found by
    /// its shape, where antq knows it.
    fn from(en: String) -> Said {
        let vi = crate::read::syntax_vi::vietnamese(&en);
        Said { en, vi }
    }
}

/// Collects problems up to [`MAX_PROBLEMS`], counting the rest.
#[derive(Debug, Default)]
struct Problems {
    list: Vec<Problem>,
    more: usize,
    stopped: bool,
}

impl Problems {
    fn push(&mut self, p: Problem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(p);
        } else {
            self.more += 1;
        }
    }

    fn extend(&mut self, ps: impl IntoIterator<Item = Problem>) {
        for p in ps {
            self.push(p);
        }
    }

    /// Adds the problems of `other`, collected after these: as if pushed here, the reading
    /// stopped if it stopped.
    #[cfg(feature = "columnar")]
    fn append(&mut self, other: Problems) {
        self.extend(other.list);
        self.more += other.more;
        self.stopped |= other.stopped;
    }

    /// Whether the list is full; reading stops then, and says so.
    fn full(&mut self) -> bool {
        let full = self.list.len() >= MAX_PROBLEMS;
        self.stopped |= full;
        full
    }

    fn finish(mut self) -> Vec<Problem> {
        if self.more > 0 || self.stopped {
            self.list.push(Problem::new(
                ProblemCode::Limit,
                Location::default(),
                format!("stopped after {MAX_PROBLEMS} problems; there may be more"),
            ));
        }
        self.list
    }
}
