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

use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::eval::{CriterionRow, UnitRow};
use crate::model::activity::{Activity, Incident};
use crate::model::dataset::Dataset;
use crate::model::evidence::{Attestation, Evidence, Indicator, Value, ValueType};
use crate::model::points::Points;
use crate::model::unit::{Unit, UnitId};
use crate::output::stats::Stats;
use chrono::NaiveDate;
use serde::Serialize;
use serde::de::{DeserializeOwned, Deserializer, IntoDeserializer, Visitor};
use std::borrow::Cow;
use std::collections::BTreeMap;

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
            Column::Null(_) => "null",
        }
    }

    /// Whether row `i` holds a value (false past the end).
    pub fn is_valid(&self, i: usize) -> bool {
        self.cell(i).is_some()
    }

    fn cell(&self, i: usize) -> Option<Cell<'_>> {
        match self {
            Column::Text(v) => v.get(i)?.as_deref().map(Cell::Str),
            Column::Int(v) => v.get(i).copied().flatten().map(Cell::Int),
            Column::UInt(v) => v.get(i).copied().flatten().map(Cell::UInt),
            Column::Float(v) => v.get(i).copied().flatten().filter(|f| !f.is_nan()).map(Cell::Float),
            Column::Bool(v) => v.get(i).copied().flatten().map(Cell::Bool),
            Column::Date(v) => v.get(i).copied().flatten().map(Cell::Date),
            Column::Null(_) => None,
        }
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
                    format!("column `{name}` has {} rows, the first column {n}", c.len()),
                ));
            }
            if self.columns[..k].iter().any(|(m, _)| m == name) {
                out.push(problem(
                    ProblemCode::DuplicateId,
                    &self.name,
                    None,
                    Some(name),
                    format!("column `{name}` appears twice"),
                ));
            }
        }
        out
    }
}

fn problem(code: ProblemCode, table: &str, row: Option<usize>, column: Option<&str>, msg: String) -> Problem {
    let path = match (row, column) {
        (Some(r), Some(c)) => format!("{table}[{r}].{c}"),
        (Some(r), None) => format!("{table}[{r}]"),
        (None, Some(c)) => format!("{table}.{c}"),
        (None, None) => table.to_owned(),
    };
    Problem::new(code, Location::path(path), msg)
}

/// Collects problems up to [`MAX_PROBLEMS`], counting the rest.
#[derive(Default)]
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

// ---------------------------------------------------------------------------------------
// Cells as serde values, so that rows are read with the records' own serde forms.

#[derive(Debug, Clone, Copy)]
enum Cell<'c> {
    Str(&'c str),
    /// Text holding a JSON value (the `parent_changes` column).
    Json(&'c str),
    Int(i64),
    UInt(u64),
    Float(f64),
    Bool(bool),
    Date(NaiveDate),
}

type DeError = serde::de::value::Error;

struct CellDe<'c>(Cell<'c>);

impl<'de, 'c> IntoDeserializer<'de, DeError> for Cell<'c> {
    type Deserializer = CellDe<'c>;
    fn into_deserializer(self) -> Self::Deserializer {
        CellDe(self)
    }
}

/// A whole float within the range of `u64` or `i64`.
fn whole(f: f64) -> Option<Result<u64, i64>> {
    if !f.is_finite() || f.fract() != 0.0 {
        return None;
    }
    if (0.0..18_446_744_073_709_549_568.0).contains(&f) {
        Some(Ok(f as u64))
    } else if (-9_223_372_036_854_775_808.0..0.0).contains(&f) {
        Some(Err(f as i64))
    } else {
        None
    }
}

fn json_error(e: serde_json::Error) -> DeError {
    use serde::de::Error as _;
    DeError::custom(format!("in JSON text: {e}"))
}

fn json(s: &str) -> Result<serde_json::Value, DeError> {
    serde_json::from_str(s).map_err(json_error)
}

impl<'de> Deserializer<'de> for CellDe<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0 {
            Cell::Str(s) => v.visit_str(s),
            Cell::Json(s) => json(s)?.deserialize_any(v).map_err(json_error),
            Cell::Int(i) => v.visit_i64(i),
            Cell::UInt(u) => v.visit_u64(u),
            Cell::Float(f) => match whole(f) {
                Some(Ok(u)) => v.visit_u64(u),
                Some(Err(i)) => v.visit_i64(i),
                None => v.visit_f64(f),
            },
            Cell::Bool(b) => v.visit_bool(b),
            Cell::Date(d) => v.visit_string(d.format("%Y-%m-%d").to_string()),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_some(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match self.0 {
            Cell::Str(s) => v.visit_enum(IntoDeserializer::<DeError>::into_deserializer(s)),
            Cell::Json(s) => json(s)?.deserialize_enum(name, variants, v).map_err(json_error),
            _ => self.deserialize_any(v),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// Reads every row of `table` as a `T` through its serde form. `json` names columns
/// holding JSON text.
fn records<T: DeserializeOwned>(table: &Table<'_>, known: &[&str], json: &[&str], out: &mut Problems) -> Vec<T> {
    let name = table.name.as_str();
    for (col, _) in &table.columns {
        if !known.contains(&col.as_str()) {
            out.push(problem(
                ProblemCode::Syntax,
                name,
                None,
                Some(col),
                format!("unknown column `{col}` in table `{name}`; expected one of: {}", known.join(", ")),
            ));
        }
    }
    let cols: Vec<(&str, &Column<'_>, bool)> = table
        .columns
        .iter()
        .filter(|(c, _)| known.contains(&c.as_str()))
        .map(|(c, col)| (c.as_str(), col, json.contains(&c.as_str())))
        .collect();
    let n = table.num_rows();
    let mut v = Vec::with_capacity(n);
    let mut buf: Vec<(&str, Cell<'_>)> = Vec::with_capacity(cols.len());
    for i in 0..n {
        buf.clear();
        for &(c, col, is_json) in &cols {
            match col.cell(i) {
                Some(Cell::Str(s)) if is_json => buf.push((c, Cell::Json(s))),
                Some(cell) => buf.push((c, cell)),
                None => {}
            }
        }
        // Fast path first; on failure read the row again, tracking the field path.
        let de = serde::de::value::MapDeserializer::<_, DeError>::new(buf.iter().copied());
        if let Ok(r) = T::deserialize(de) {
            v.push(r);
            continue;
        }
        let de = serde::de::value::MapDeserializer::<_, DeError>::new(buf.iter().copied());
        if let Err(e) = serde_path_to_error::deserialize::<_, T>(de) {
            let path = e.path().to_string();
            let column = path.split(['.', '[']).next().filter(|p| !p.is_empty()).map(str::to_owned);
            let msg = e.into_inner().to_string();
            out.push(problem(ProblemCode::Syntax, name, Some(i), column.as_deref(), msg));
            if out.full() {
                break;
            }
        }
    }
    v
}

// ---------------------------------------------------------------------------------------
// Evidence, column by column.

enum EvidenceColumn<'n> {
    Unit,
    Year,
    Indicator(Indicator),
    Attested(&'n str),
    Points(&'n str, bool),
}

fn evidence_column(name: &str) -> Option<EvidenceColumn<'_>> {
    match name {
        "unit" => return Some(EvidenceColumn::Unit),
        "year" => return Some(EvidenceColumn::Year),
        _ => {}
    }
    if let Some(key) = name.strip_prefix("attested:") {
        return (!key.is_empty()).then_some(EvidenceColumn::Attested(key));
    }
    if let Some(rest) = name.strip_prefix("points:") {
        let (item, which) = rest.rsplit_once(':')?;
        return match which {
            _ if item.is_empty() => None,
            "self" => Some(EvidenceColumn::Points(item, true)),
            "reviewed" => Some(EvidenceColumn::Points(item, false)),
            _ => None,
        };
    }
    Indicator::ALL.iter().find(|i| i.as_str() == name).map(|&i| EvidenceColumn::Indicator(i))
}

/// Whether a column of this type can hold the values a field needs.
fn accepts(col: &Column<'_>, want: &[&str]) -> bool {
    matches!(col, Column::Null(_)) || want.contains(&col.type_name())
}

fn first_valid(col: &Column<'_>) -> Option<usize> {
    (0..col.len()).find(|&i| col.is_valid(i))
}

fn count_of(cell: Cell<'_>) -> Result<u64, String> {
    match cell {
        Cell::UInt(u) => Ok(u),
        Cell::Int(i) => u64::try_from(i).map_err(|_| format!("{i} is negative; a count is needed")),
        Cell::Float(f) => match whole(f) {
            Some(Ok(u)) => Ok(u),
            _ => Err(format!("{f} is not a whole non-negative number")),
        },
        _ => Err("a count is needed".into()),
    }
}

fn date_of(cell: Cell<'_>) -> Result<NaiveDate, String> {
    match cell {
        Cell::Date(d) => Ok(d),
        Cell::Str(s) => crate::parse_date(s.trim()).ok_or_else(|| format!("`{s}` is not a date like 2023-03-31")),
        _ => Err("a date is needed".into()),
    }
}

fn points_of(cell: Cell<'_>) -> Result<Points, String> {
    use serde::Deserialize;
    match cell {
        Cell::Str(s) => s.parse(),
        Cell::Int(_) | Cell::UInt(_) | Cell::Float(_) => Points::deserialize(CellDe(cell)).map_err(|e| e.to_string()),
        _ => Err("a number of points is needed".into()),
    }
}

fn evidence_from(table: &Table<'_>, out: &mut Problems) -> Vec<Evidence> {
    let name = table.name.as_str();
    let n = table.num_rows();
    for required in ["unit", "year"] {
        if table.column(required).is_none() {
            out.push(problem(
                ProblemCode::Syntax,
                name,
                None,
                Some(required),
                format!("table `{name}` has no `{required}` column"),
            ));
        }
    }
    // Classify and type-check every column once.
    let mut cols: Vec<(&str, &Column<'_>, EvidenceColumn<'_>)> = Vec::with_capacity(table.columns.len());
    for (cname, col) in &table.columns {
        let Some(kind) = evidence_column(cname) else {
            out.push(problem(
                ProblemCode::Syntax,
                name,
                None,
                Some(cname),
                format!(
                    "unknown column `{cname}` in table `{name}`; expected `unit`, `year`, an indicator, \
                     `attested:KEY`, `points:ITEM:self` or `points:ITEM:reviewed`"
                ),
            ));
            continue;
        };
        let want: &[&str] = match &kind {
            EvidenceColumn::Unit => &["text"],
            EvidenceColumn::Year => &["integer", "unsigned integer", "float"],
            EvidenceColumn::Indicator(i) => match i.value_type() {
                ValueType::Date => &["date", "text"],
                ValueType::Count => &["integer", "unsigned integer", "float"],
                ValueType::Flag => &["boolean"],
            },
            EvidenceColumn::Attested(_) => &["text", "boolean"],
            EvidenceColumn::Points(..) => &["float", "integer", "unsigned integer", "text"],
        };
        if accepts(col, want) {
            cols.push((cname, col, kind));
        } else {
            out.push(problem(
                ProblemCode::Syntax,
                name,
                first_valid(col),
                Some(cname),
                format!("column `{cname}` holds {} values; it needs {}", col.type_name(), want.join(" or ")),
            ));
        }
    }
    // Then fill the records row by row (one record at a time stays in cache).
    let mut ev: Vec<Evidence> = Vec::with_capacity(n);
    for i in 0..n {
        let mut e = Evidence::default();
        for (cname, col, kind) in &cols {
            if let Err(msg) = evidence_cell(&mut e, kind, col.cell(i)) {
                out.push(problem(ProblemCode::BadValue, name, Some(i), Some(cname), msg));
                if out.full() {
                    return ev;
                }
            }
        }
        ev.push(e);
    }
    ev
}

/// Sets one field of an evidence record from a cell.
fn evidence_cell(e: &mut Evidence, kind: &EvidenceColumn<'_>, cell: Option<Cell<'_>>) -> Result<(), String> {
    let Some(c) = cell else {
        return match kind {
            EvidenceColumn::Unit => Err("the unit is missing".into()),
            EvidenceColumn::Year => Err("the year is missing".into()),
            _ => Ok(()),
        };
    };
    match kind {
        EvidenceColumn::Unit => match c {
            Cell::Str(s) => {
                e.unit = UnitId(s.to_owned());
                Ok(())
            }
            _ => Err("the unit id must be text".into()),
        },
        EvidenceColumn::Year => {
            let y = match c {
                Cell::Int(y) => i32::try_from(y).ok(),
                Cell::UInt(y) => i32::try_from(y).ok(),
                Cell::Float(f) => match whole(f) {
                    Some(Ok(y)) => i32::try_from(y).ok(),
                    Some(Err(y)) => i32::try_from(y).ok(),
                    None => None,
                },
                _ => None,
            };
            e.year = y.ok_or_else(|| "not a year".to_owned())?;
            Ok(())
        }
        EvidenceColumn::Indicator(ind) => {
            let v = match ind.value_type() {
                ValueType::Date => date_of(c).map(Value::Date),
                ValueType::Count => count_of(c).map(Value::Count),
                ValueType::Flag => match c {
                    Cell::Bool(b) => Ok(Value::Flag(b)),
                    _ => Err("true or false is needed".into()),
                },
            };
            v.and_then(|v| e.set(*ind, Some(v)))
        }
        EvidenceColumn::Attested(key) => {
            let a = match c {
                Cell::Bool(true) => Attestation::Yes,
                Cell::Bool(false) => Attestation::No,
                Cell::Str(s) => match s.trim() {
                    "yes" => Attestation::Yes,
                    "no" => Attestation::No,
                    "unknown" => Attestation::Unknown,
                    other => return Err(format!("`{other}` is not `yes`, `no` or `unknown`")),
                },
                _ => return Err("`yes`, `no` or `unknown` is needed".into()),
            };
            e.attested.insert(key, a);
            Ok(())
        }
        EvidenceColumn::Points(item, is_self) => {
            let p = points_of(c)?;
            let s = e.points.entry((*item).to_owned()).or_default();
            if *is_self {
                s.self_score = Some(p);
            } else {
                s.reviewed = Some(p);
            }
            Ok(())
        }
    }
}

// ---------------------------------------------------------------------------------------
// Tables → dataset.

/// The columns of the units table.
pub const UNIT_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "kind",
    "subkind",
    "armed_forces",
    "size",
    "level",
    "parent",
    "parent_changes",
    "valid_from",
    "valid_until",
];
/// The columns of the incidents table.
pub const INCIDENT_COLUMNS: [&str; 4] = ["unit", "date", "category", "note"];
/// The columns of the activities table: the record's own, then every type's fields.
pub const ACTIVITY_COLUMNS: [&str; 16] = [
    "unit",
    "date",
    "count",
    "type",
    "attendees",
    "valuable",
    "name",
    "sites",
    "typical",
    "participants",
    "issuer",
    "form",
    "recipient",
    "reformed",
    "amount_vnd",
    "houses",
];

/// Builds a dataset from its tables and checks it (as [`Dataset::validate`] does).
///
/// Row `i` of a table becomes record `i` of the matching list, so the problems of the
/// structural check (`units[3].parent`) name table rows too.
pub fn dataset_from_tables(
    units: &Table<'_>,
    evidence: Option<&Table<'_>>,
    incidents: Option<&Table<'_>>,
    activities: Option<&Table<'_>>,
) -> Result<Dataset> {
    let mut out = Problems::default();
    for t in [Some(units), evidence, incidents, activities].into_iter().flatten() {
        out.extend(t.shape_problems());
    }
    if !out.list.is_empty() {
        return Err(Error::InvalidDataset(out.finish()));
    }
    let mut ds =
        Dataset { units: records::<Unit>(units, &UNIT_COLUMNS, &["parent_changes"], &mut out), ..Dataset::default() };
    if let Some(t) = evidence {
        ds.evidence = evidence_from(t, &mut out);
    }
    if let Some(t) = incidents {
        ds.incidents = records::<Incident>(t, &INCIDENT_COLUMNS, &[], &mut out);
    }
    if let Some(t) = activities {
        ds.activities = records::<Activity>(t, &ACTIVITY_COLUMNS, &[], &mut out);
    }
    if !out.list.is_empty() {
        return Err(Error::InvalidDataset(out.finish()));
    }
    out.extend(ds.problems());
    if out.list.is_empty() { Ok(ds) } else { Err(Error::InvalidDataset(out.finish())) }
}

// ---------------------------------------------------------------------------------------
// Dataset → tables.

/// A dataset as four tables.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetTables<'a> {
    /// Units.
    pub units: Table<'a>,
    /// Evidence.
    pub evidence: Table<'a>,
    /// Incidents.
    pub incidents: Table<'a>,
    /// Activities.
    pub activities: Table<'a>,
}

/// How a column is typed when records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Text,
    UInt,
    Bool,
    Date,
    /// Any JSON value, written as JSON text.
    Json,
}

/// A column being filled from serialised records.
struct Builder {
    name: String,
    ty: Option<Ty>,
    text: Vec<Option<String>>,
    uint: Vec<Option<u64>>,
    int: Vec<Option<i64>>,
    float: Vec<Option<f64>>,
    bool: Vec<Option<bool>>,
    date: Vec<Option<NaiveDate>>,
    any: bool,
}

impl Builder {
    fn new(name: &str, ty: Option<Ty>) -> Self {
        Builder {
            name: name.to_owned(),
            ty,
            text: Vec::new(),
            uint: Vec::new(),
            int: Vec::new(),
            float: Vec::new(),
            bool: Vec::new(),
            date: Vec::new(),
            any: false,
        }
    }
}

/// Writes records through their serde form, with `schema` giving the order and type of
/// known columns; other fields become columns typed by their values. Optional columns
/// with no value are left out; `required` ones are kept.
fn records_table<T: Serialize>(name: &str, records: &[T], schema: &[(&str, Ty)], required: usize) -> Table<'static> {
    let mut cols: Vec<Builder> = schema.iter().map(|(n, t)| Builder::new(n, Some(*t))).collect();
    let n = records.len();
    for (i, r) in records.iter().enumerate() {
        let serde_json::Value::Object(map) = serde_json::to_value(r).unwrap_or_default() else { continue };
        for (k, v) in map {
            let pos = match cols.iter().position(|b| b.name == k) {
                Some(p) => p,
                None => {
                    cols.push(Builder::new(&k, None));
                    cols.len() - 1
                }
            };
            let b = &mut cols[pos];
            if v.is_null() {
                continue;
            }
            let ty = b.ty.unwrap_or(match &v {
                serde_json::Value::String(_) => Ty::Text,
                serde_json::Value::Bool(_) => Ty::Bool,
                serde_json::Value::Number(x) if x.is_u64() => Ty::UInt,
                _ => Ty::Json,
            });
            b.ty = Some(ty);
            b.any = true;
            match (ty, v) {
                (Ty::Text, serde_json::Value::String(s)) => set(&mut b.text, i, n, s),
                (Ty::UInt, serde_json::Value::Number(x)) if x.is_u64() => {
                    set(&mut b.uint, i, n, x.as_u64().unwrap_or(0))
                }
                (Ty::UInt, serde_json::Value::Number(x)) if x.is_i64() => {
                    set(&mut b.int, i, n, x.as_i64().unwrap_or(0))
                }
                (Ty::UInt, serde_json::Value::Number(x)) => set(&mut b.float, i, n, x.as_f64().unwrap_or(f64::NAN)),
                (Ty::Bool, serde_json::Value::Bool(x)) => set(&mut b.bool, i, n, x),
                (Ty::Date, serde_json::Value::String(s)) => match crate::parse_date(&s) {
                    Some(d) => set(&mut b.date, i, n, d),
                    None => set(&mut b.text, i, n, s),
                },
                (_, other) => set(&mut b.text, i, n, other.to_string()),
            }
        }
    }
    let mut t = Table::new(name);
    for (k, b) in cols.into_iter().enumerate() {
        if !b.any && k >= required {
            continue;
        }
        let col = finish(b, n);
        t.columns.push(col);
    }
    t
}

fn fill<T>(v: Vec<Option<T>>) -> Option<Vec<Option<T>>> {
    if v.is_empty() { None } else { Some(v) }
}

fn set<T>(v: &mut Vec<Option<T>>, i: usize, n: usize, x: T) {
    if v.is_empty() {
        v.resize_with(n, || None);
    }
    v[i] = Some(x);
}

fn finish(b: Builder, n: usize) -> (String, Column<'static>) {
    // A column holds one type; values of another kind (rare: a schema column given a
    // value of an unexpected type) fall back to text.
    let kinds = [
        !b.text.is_empty(),
        !b.uint.is_empty(),
        !b.int.is_empty(),
        !b.float.is_empty(),
        !b.bool.is_empty(),
        !b.date.is_empty(),
    ];
    let mixed = kinds.iter().filter(|&&k| k).count() > 1;
    let col = if mixed {
        let mut text: Vec<Option<Cow<'static, str>>> = vec![None; n];
        for (i, slot) in text.iter_mut().enumerate() {
            *slot = b
                .text
                .get(i)
                .cloned()
                .flatten()
                .map(Cow::Owned)
                .or_else(|| b.uint.get(i).copied().flatten().map(|x| x.to_string().into()))
                .or_else(|| b.int.get(i).copied().flatten().map(|x| x.to_string().into()))
                .or_else(|| b.float.get(i).copied().flatten().map(|x| x.to_string().into()))
                .or_else(|| b.bool.get(i).copied().flatten().map(|x| x.to_string().into()))
                .or_else(|| b.date.get(i).copied().flatten().map(|x| x.to_string().into()));
        }
        Column::Text(text)
    } else if let Some(v) = fill(b.uint) {
        Column::UInt(v)
    } else if let Some(v) = fill(b.int) {
        Column::Int(v)
    } else if let Some(v) = fill(b.float) {
        Column::Float(v)
    } else if let Some(v) = fill(b.bool) {
        Column::Bool(v)
    } else if let Some(v) = fill(b.date) {
        Column::Date(v)
    } else if !b.text.is_empty() {
        Column::Text(b.text.into_iter().map(|s| s.map(Cow::Owned)).collect())
    } else {
        match b.ty {
            Some(Ty::UInt) => Column::UInt(vec![None; n]),
            Some(Ty::Bool) => Column::Bool(vec![None; n]),
            Some(Ty::Date) => Column::Date(vec![None; n]),
            Some(Ty::Text | Ty::Json) => Column::Text(vec![None; n]),
            None => Column::Null(n),
        }
    };
    (b.name, col)
}

fn evidence_table(evidence: &[Evidence]) -> Table<'_> {
    let n = evidence.len();
    let mut t = Table::new("evidence");
    t.push("unit", Column::Text(evidence.iter().map(|e| Some(Cow::Borrowed(e.unit.as_str()))).collect()));
    t.push("year", Column::Int(evidence.iter().map(|e| Some(i64::from(e.year))).collect()));
    for &ind in Indicator::ALL {
        if !evidence.iter().any(|e| e.get(ind).is_some()) {
            continue;
        }
        let col = match ind.value_type() {
            ValueType::Date => Column::Date(
                evidence.iter().map(|e| if let Some(Value::Date(d)) = e.get(ind) { Some(d) } else { None }).collect(),
            ),
            ValueType::Count => Column::UInt(
                evidence.iter().map(|e| if let Some(Value::Count(c)) = e.get(ind) { Some(c) } else { None }).collect(),
            ),
            ValueType::Flag => Column::Bool(
                evidence.iter().map(|e| if let Some(Value::Flag(f)) = e.get(ind) { Some(f) } else { None }).collect(),
            ),
        };
        t.push(ind.as_str(), col);
    }
    let mut keys: BTreeMap<&str, ()> = BTreeMap::new();
    let mut items: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for e in evidence {
        keys.extend(e.attested.keys().map(|k| (k, ())));
        for (k, s) in &e.points {
            let f = items.entry(k.as_str()).or_default();
            f.0 |= s.self_score.is_some();
            f.1 |= s.reviewed.is_some();
        }
    }
    for k in keys.keys() {
        let col = evidence
            .iter()
            .map(|e| {
                e.attested.get(k).map(|a| {
                    Cow::Borrowed(match a {
                        Attestation::Yes => "yes",
                        Attestation::No => "no",
                        Attestation::Unknown => "unknown",
                    })
                })
            })
            .collect();
        t.push(format!("attested:{k}"), Column::Text(col));
    }
    for (k, (has_self, has_reviewed)) in &items {
        for (is_self, present) in [(true, *has_self), (false, *has_reviewed)] {
            if !present {
                continue;
            }
            let col = evidence
                .iter()
                .map(|e| {
                    e.points.get(*k).and_then(|s| if is_self { s.self_score } else { s.reviewed }).map(Points::as_f64)
                })
                .collect();
            t.push(format!("points:{k}:{}", if is_self { "self" } else { "reviewed" }), Column::Float(col));
        }
    }
    debug_assert!(t.columns.iter().all(|(_, c)| c.len() == n));
    t
}

/// Writes a dataset as four tables (the meta data is not part of them).
pub fn dataset_to_tables(ds: &Dataset) -> DatasetTables<'_> {
    use Ty::*;
    let units = records_table(
        "units",
        &ds.units,
        &[
            ("id", Text),
            ("name", Text),
            ("kind", Text),
            ("subkind", Text),
            ("armed_forces", Bool),
            ("size", Text),
            ("level", Text),
            ("parent", Text),
            ("parent_changes", Json),
            ("valid_from", Date),
            ("valid_until", Date),
        ],
        3,
    );
    let incidents = records_table(
        "incidents",
        &ds.incidents,
        &[("unit", Text), ("date", Date), ("category", Text), ("note", Text)],
        3,
    );
    let activities = records_table(
        "activities",
        &ds.activities,
        &[
            ("unit", Text),
            ("date", Date),
            ("count", UInt),
            ("type", Text),
            ("attendees", UInt),
            ("valuable", UInt),
            ("name", Text),
            ("sites", UInt),
            ("typical", Bool),
            ("participants", UInt),
            ("issuer", Text),
            ("form", Text),
            ("recipient", Text),
            ("reformed", UInt),
            ("amount_vnd", UInt),
            ("houses", UInt),
        ],
        4,
    );
    DatasetTables { units, evidence: evidence_table(&ds.evidence), incidents, activities }
}

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
/// level, rank, met, of, then one column per criterion of the rule set holding its status
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::sample::SAMPLE_JSON;

    fn sample() -> Dataset {
        Dataset::from_str_named("sample.json", SAMPLE_JSON).unwrap()
    }

    fn roundtrip(ds: &Dataset) -> Dataset {
        let t = dataset_to_tables(ds);
        let mut back =
            dataset_from_tables(&t.units, Some(&t.evidence), Some(&t.incidents), Some(&t.activities)).unwrap();
        back.meta = ds.meta.clone();
        back
    }

    #[test]
    fn sample_round_trips_through_tables() {
        let ds = sample();
        assert_eq!(roundtrip(&ds), ds);
        let g = crate::synthetic::generate::generate(&crate::synthetic::generate::Spec {
            units: 3_000,
            year: 2023,
            seed: 3,
        });
        assert_eq!(roundtrip(&g), g);
    }

    #[test]
    fn floats_with_gaps_count_and_nan_is_missing() {
        let units = Table::new("units")
            .with("id", Column::text(["C"]))
            .with("name", Column::text(["n"]))
            .with("kind", Column::text(["commune"]))
            .with("subkind", Column::text(["xa"]));
        let ev = Table::new("evidence")
            .with("unit", Column::text(["C"]))
            .with("year", Column::Float(vec![Some(2023.0)]))
            .with("households_total", Column::Float(vec![Some(f64::NAN)]))
            .with("staff_total", Column::Float(vec![Some(12.0)]))
            .with("plan_date", Column::text(["2023-02-01"]))
            .with("attested:CW-2/RA-2", Column::Bool(vec![Some(true)]))
            .with("points:I-1:reviewed", Column::Float(vec![Some(2.5)]));
        let ds = dataset_from_tables(&units, Some(&ev), None, None).unwrap();
        let e = &ds.evidence[0];
        assert_eq!((e.year, e.households_total, e.staff_total), (2023, None, Some(12)));
        assert_eq!(e.plan_date.unwrap().to_string(), "2023-02-01");
        assert_eq!(e.attested.get("CW-2/RA-2"), Some(Attestation::Yes));
        assert_eq!(e.points["I-1"].reviewed, Some(Points::from_hundredths(250)));
    }

    #[test]
    fn problems_name_table_row_and_column() {
        let units = Table::new("units")
            .with("id", Column::text(["C", "D", "E"]))
            .with("name", Column::text(["n", "n", "n"]))
            .with("kind", Column::text(["commune", "galaxy", "enterprise"]))
            .with("subkind", Column::Text(vec![Some("xa".into()), None, None]))
            .with("colour", Column::Null(3));
        let e = dataset_from_tables(&units, None, None, None).unwrap_err();
        let paths: Vec<String> = e.problems().iter().filter_map(|p| p.location.path.clone()).collect();
        assert_eq!(paths, ["units.colour", "units[1].kind", "units[2]"], "{e}");
        assert!(e.problems()[2].message.contains("needs a `size`"), "{e}");

        let ev = Table::new("evidence")
            .with("unit", Column::text(["C"]))
            .with("year", Column::Int(vec![Some(2023)]))
            .with("households_total", Column::Int(vec![Some(-3)]))
            .with("plan_date", Column::text(["31/03/2023"]))
            .with("party_organisation", Column::Int(vec![Some(1)]))
            .with("points:I-1:reviewed", Column::Float(vec![Some(2.555)]));
        let ok_units = Table::new("units")
            .with("id", Column::text(["C"]))
            .with("name", Column::text(["n"]))
            .with("kind", Column::text(["commune"]))
            .with("subkind", Column::text(["xa"]));
        let e = dataset_from_tables(&ok_units, Some(&ev), None, None).unwrap_err();
        let paths: Vec<String> = e.problems().iter().filter_map(|p| p.location.path.clone()).collect();
        assert_eq!(
            paths,
            [
                "evidence[0].party_organisation",
                "evidence[0].households_total",
                "evidence[0].plan_date",
                "evidence[0].points:I-1:reviewed"
            ],
            "{e}"
        );
    }

    #[test]
    fn structural_problems_keep_row_paths_and_lengths_are_checked() {
        let units = Table::new("units")
            .with("id", Column::text(["C", "R"]))
            .with("name", Column::text(["n", "n"]))
            .with("kind", Column::text(["commune", "residential_area"]))
            .with("subkind", Column::text(["xa", "thon"]))
            .with("parent", Column::Text(vec![None, Some("X".into())]));
        let e = dataset_from_tables(&units, None, None, None).unwrap_err();
        assert_eq!(e.problems()[0].location.path.as_deref(), Some("units[1].parent"));
        let bad = Table::new("units").with("id", Column::text(["C"])).with("name", Column::Null(2));
        assert!(dataset_from_tables(&bad, None, None, None).is_err());
    }

    #[test]
    fn activities_read_by_type_and_results_write_rows() {
        let ds = sample();
        let t = dataset_to_tables(&ds);
        assert!(t.activities.column("type").is_some());
        let rules = crate::RuleSet::preset("vn.c124-2021").unwrap();
        let ev = crate::evaluate(&ds, &rules, 2023).unwrap();
        let rows = ev.rows();
        let ut = unit_rows_table(&rows);
        assert_eq!(ut.num_rows(), ev.units.len());
        let cr = ev.criterion_rows();
        assert_eq!(criterion_rows_table(&cr).num_rows(), cr.len());
        let st = crate::output::stats::activity_stats(&ds, 2023, None).unwrap();
        let stt = stats_table(&st);
        assert_eq!(stt.num_rows(), st.rows.len());
        assert!(stt.column("total_propaganda_meetings").is_some());
        assert!(stt.column("own_awards").is_some());
    }

    #[test]
    fn many_bad_rows_are_capped() {
        let n = 500;
        let units = Table::new("units")
            .with("id", Column::Text((0..n).map(|i| Some(Cow::Owned(format!("U{i}")))).collect()))
            .with("name", Column::text(vec!["n"; n]))
            .with("kind", Column::Int(vec![Some(1); n]));
        let e = dataset_from_tables(&units, None, None, None).unwrap_err();
        assert_eq!(e.problems().len(), MAX_PROBLEMS + 1);
        assert_eq!(e.problems().last().unwrap().code, ProblemCode::Limit);
    }
}
