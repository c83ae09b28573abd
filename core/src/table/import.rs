//! Tables → dataset: cells read through the records' own serde forms, the evidence table's
//! indicator, attested and points columns, and [`dataset_from_tables`].

use super::{Column, Problems, Said, Table, problem};
use crate::error::{Error, ProblemCode, Result};
use crate::model::activity::{Activity, Incident};
use crate::model::dataset::Dataset;
use crate::model::evidence::{Attestation, Evidence, Indicator, Value, ValueType};
use crate::model::points::Points;
use crate::model::unit::{Unit, UnitId};
use chrono::NaiveDate;
use serde::de::{DeserializeOwned, Deserializer, IntoDeserializer, Visitor};
use std::borrow::Cow;

// ---------------------------------------------------------------------------------------
// Cells as serde values, so that rows are read with the records' own serde forms.

#[derive(Debug, Clone, Copy)]
pub(super) enum Cell<'c> {
    Str(&'c str),
    /// Text holding a JSON value (the `parent_changes` column).
    Json(&'c str),
    Int(i64),
    UInt(u64),
    Float(f64),
    Bool(bool),
    Date(NaiveDate),
    /// A list of text.
    List(&'c [Cow<'c, str>]),
}

type DeError = serde::de::value::Error;

pub(super) struct CellDe<'c>(Cell<'c>);

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
            Cell::List(l) => v.visit_seq(serde::de::value::SeqDeserializer::new(l.iter().map(|s| s.as_ref()))),
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

/// A field whose JSON form has a default when left out (an activity's `count` is 1, an
/// agency's `armed_forces` false): in a table, its column may be left out (the default, as
/// in JSON), but an empty cell of the column is unknown, never the default.
struct Defaulted<T> {
    /// The column.
    column: &'static str,
    /// Whether the record needs the field (an agency does; a commune does not).
    applies: fn(&T) -> bool,
    /// What to write instead, for the message, in English and Vietnamese.
    hint: [&'static str; 2],
}

impl<T> Defaulted<T> {
    /// The problem of row `i` (record `offset + i`), read as `record`, when its cell of the
    /// column is empty and the field applies to it.
    fn blank(&self, table: &Table<'_>, i: usize, offset: usize, record: &T) -> Option<crate::error::Problem> {
        let col = self.column;
        let blank = (self.applies)(record) && table.column(col).is_some_and(|c| !c.is_valid(i));
        blank.then(|| {
            let [en, vi] = self.hint;
            let msg = Said::both(
                format!("the `{col}` cell is empty: {en}; an empty cell is unknown, never the default"),
                format!("ô `{col}` để trống: {vi}; ô trống là chưa biết, không bao giờ là giá trị mặc định"),
            );
            problem(ProblemCode::BadValue, &table.name, Some(offset + i), Some(col), msg)
        })
    }
}

/// An activity's `count`: left out, a record is one event; an empty cell is refused.
const ACTIVITY_COUNT: Defaulted<Activity> = Defaulted {
    column: "count",
    applies: |_| true,
    hint: [
        "write the number of events the record sums (at least 1)",
        "hãy ghi số sự kiện mà bản ghi cộng lại (từ 1 trở lên)",
    ],
};

/// A support activity's `houses`: left out, no house was built; an empty cell of a support
/// row is refused (other types leave it empty).
const ACTIVITY_HOUSES: Defaulted<Activity> = Defaulted {
    column: "houses",
    applies: |a| matches!(a.kind, crate::model::activity::ActivityKind::Support { .. }),
    hint: [
        "a support record needs the number of houses built (0 for none)",
        "bản ghi hỗ trợ cần số nhà đã xây (0 nếu không có)",
    ],
};

/// An agency's `armed_forces`: left out, the agency is not of the armed forces; an empty
/// cell is refused (it decides whether the agency is reviewed at all).
const AGENCY_ARMED_FORCES: Defaulted<Unit> = Defaulted {
    column: "armed_forces",
    applies: |u| matches!(u.kind, crate::model::unit::UnitKind::Agency { .. }),
    hint: [
        "an agency needs `true` or `false` (armed-forces agencies are out of scope)",
        "cơ quan cần `true` hoặc `false` (cơ quan thuộc lực lượng vũ trang nằm ngoài phạm vi)",
    ],
};

/// Reads every row of `table` as a `T` through its serde form, appending to `v`. `json`
/// names columns holding JSON text; `defaulted`, the fields whose empty cell is refused. The
/// table's first row is row `offset` of the whole table (a part after the first reports
/// no column problems: the first did).
fn records<T: DeserializeOwned>(
    table: &Table<'_>,
    offset: usize,
    (known, json): (&[&str], &[&str]),
    defaulted: &[Defaulted<T>],
    v: &mut Vec<T>,
    out: &mut Problems,
) {
    let name = table.name.as_str();
    let cols = known_columns(table, offset, known, json, out);
    let n = table.num_rows();
    v.reserve(n);
    let mut buf = Vec::with_capacity(cols.len());
    for i in 0..n {
        let read = row(name, &cols, i, offset, &mut buf).and_then(|r| {
            defaulted.iter().find_map(|d| d.blank(table, i, offset, &r)).map_or(Ok(r), |p| Err(Box::new(p)))
        });
        match read {
            Ok(r) => v.push(r),
            Err(p) => {
                out.push(*p);
                if out.full() {
                    break;
                }
            }
        }
    }
}

/// A known column: its name, cells and whether they hold JSON text.
type KnownColumn<'t, 'a> = (&'t str, &'t Column<'a>, bool);

/// The columns of `table` that are `known` (`json`: those holding JSON text); the others
/// are problems (named once, with the first part: `offset` 0).
fn known_columns<'t, 'a>(
    table: &'t Table<'a>,
    offset: usize,
    known: &[&str],
    json: &[&str],
    out: &mut Problems,
) -> Vec<KnownColumn<'t, 'a>> {
    let name = table.name.as_str();
    for (col, _) in &table.columns {
        if offset == 0 && !known.contains(&col.as_str()) {
            out.push(problem(
                ProblemCode::Syntax,
                name,
                None,
                Some(col),
                Said::both(
                    format!("unknown column `{col}` in table `{name}`; expected one of: {}", known.join(", ")),
                    format!("cột `{col}` không có trong bảng `{name}`; cần một trong: {}", known.join(", ")),
                ),
            ));
        }
    }
    table
        .columns
        .iter()
        .filter(|(c, _)| known.contains(&c.as_str()))
        .map(|(c, col)| (c.as_str(), col, json.contains(&c.as_str())))
        .collect()
}

/// Row `i` of the table named `name` as a `T` through its serde form (`buf`: room for the
/// row's cells), or the problem naming the row and column.
fn row<'t, T: DeserializeOwned>(
    name: &str,
    cols: &[KnownColumn<'t, '_>],
    i: usize,
    offset: usize,
    buf: &mut Vec<(&'t str, Cell<'t>)>,
) -> Result<T, Box<crate::error::Problem>> {
    buf.clear();
    for &(c, col, is_json) in cols {
        match col.cell(i) {
            Some(Cell::Str(s)) if is_json => buf.push((c, Cell::Json(s))),
            Some(cell) => buf.push((c, cell)),
            None => {}
        }
    }
    // Fast path first; on failure read the row again, tracking the field path.
    let de = serde::de::value::MapDeserializer::<_, DeError>::new(buf.iter().copied());
    if let Ok(r) = T::deserialize(de) {
        return Ok(r);
    }
    let de = serde::de::value::MapDeserializer::<_, DeError>::new(buf.iter().copied());
    let e = match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(r) => return Ok(r),
        Err(e) => e,
    };
    let path = e.path().to_string();
    let column = path.split(['.', '[']).next().filter(|p| !p.is_empty()).map(str::to_owned);
    let msg = e.into_inner().to_string();
    Err(Box::new(problem(ProblemCode::Syntax, name, Some(offset + i), column.as_deref(), msg)))
}

/// Cell `i` of a text column, if the column is there and the cell is not null.
fn at<'t>(c: Option<&'t [Option<Cow<'_, str>>]>, i: usize) -> Option<&'t str> {
    c?.get(i)?.as_deref()
}

/// Reads the units table's rows, appending to `v` (`offset` as in [`records`]). Columns of
/// the types antq writes (text, booleans, dates) are read straight into units
/// ([`Unit::from_cells`]); a row that needs more (parent changes, a value to report) and a
/// table of other column types go through the units' serde form, as [`records`] reads them.
fn units_from(table: &Table<'_>, offset: usize, v: &mut Vec<Unit>, out: &mut Problems) {
    let direct = table.columns.iter().all(|(name, c)| {
        matches!(
            (name.as_str(), c),
            (_, Column::Null(_))
                | (
                    "id" | "name" | "kind" | "subkind" | "size" | "level" | "parent" | "parent_changes",
                    Column::Text(_)
                )
                | ("armed_forces", Column::Bool(_))
                | ("valid_from" | "valid_until", Column::Date(_))
        )
    });
    if !direct {
        return records(table, offset, (&UNIT_COLUMNS, &["parent_changes"]), &[AGENCY_ARMED_FORCES], v, out);
    }
    let name = table.name.as_str();
    let cols = known_columns(table, offset, &UNIT_COLUMNS, &["parent_changes"], out);
    let text = |c: &str| match table.column(c) {
        Some(Column::Text(v)) => Some(v.as_slice()),
        _ => None,
    };
    let date = |c: &str| match table.column(c) {
        Some(Column::Date(v)) => Some(v.as_slice()),
        _ => None,
    };
    let (ids, names, kinds, subkinds) = (text("id"), text("name"), text("kind"), text("subkind"));
    let (sizes, levels, parents, changes) = (text("size"), text("level"), text("parent"), text("parent_changes"));
    let armed = match table.column("armed_forces") {
        Some(Column::Bool(v)) => Some(v.as_slice()),
        _ => None,
    };
    let (from, until) = (date("valid_from"), date("valid_until"));
    let n = table.num_rows();
    v.reserve(n);
    let mut buf = Vec::with_capacity(cols.len());
    for i in 0..n {
        let cells = crate::model::unit::UnitCells {
            id: at(ids, i),
            name: at(names, i),
            kind: at(kinds, i),
            subkind: at(subkinds, i),
            armed_forces: armed.and_then(|c| *c.get(i)?),
            size: at(sizes, i),
            level: at(levels, i),
            parent: at(parents, i),
            valid_from: from.and_then(|c| *c.get(i)?),
            valid_until: until.and_then(|c| *c.get(i)?),
        };
        let unit = if at(changes, i).is_none() { Unit::from_cells(&cells) } else { None };
        let read = unit
            .map_or_else(|| row(name, &cols, i, offset, &mut buf), Ok)
            .and_then(|u| AGENCY_ARMED_FORCES.blank(table, i, offset, &u).map_or(Ok(u), |p| Err(Box::new(p))));
        match read {
            Ok(u) => v.push(u),
            Err(p) => {
                out.push(*p);
                if out.full() {
                    break;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Evidence, column by column.

pub(crate) enum EvidenceColumn<'n> {
    Unit,
    Year,
    Indicator(Indicator),
    /// The key, shared by every record (looked up once per column).
    Attested(crate::model::attested::SharedKey),
    Points(&'n str, bool),
}

pub(crate) fn evidence_column(name: &str) -> Option<EvidenceColumn<'_>> {
    match name {
        "unit" => return Some(EvidenceColumn::Unit),
        "year" => return Some(EvidenceColumn::Year),
        _ => {}
    }
    if let Some(key) = name.strip_prefix("attested:") {
        return (!key.is_empty()).then(|| EvidenceColumn::Attested(crate::model::attested::Attested::shared_key(key)));
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

fn count_of(cell: Cell<'_>) -> Result<u64, Said> {
    match cell {
        Cell::UInt(u) => Ok(u),
        Cell::Int(i) => u64::try_from(i).map_err(|_| {
            Said::both(format!("{i} is negative; a count is needed"), format!("{i} là số âm; cần một số đếm"))
        }),
        Cell::Float(f) => match whole(f) {
            Some(Ok(u)) => Ok(u),
            _ => Err(Said::both(
                format!("{f} is not a whole non-negative number"),
                format!("{f} không phải một số nguyên không âm"),
            )),
        },
        _ => Err(Said::both("a count is needed", "cần một số đếm")),
    }
}

fn date_of(cell: Cell<'_>) -> Result<NaiveDate, Said> {
    match cell {
        Cell::Date(d) => Ok(d),
        Cell::Str(s) => crate::parse_date(s.trim()).ok_or_else(|| {
            Said::both(
                format!("`{s}` is not a date like 2023-03-31"),
                format!("`{s}` không phải một ngày dạng 2023-03-31"),
            )
        }),
        _ => Err(Said::both("a date is needed", "cần một ngày")),
    }
}

fn points_of(cell: Cell<'_>) -> Result<Points, Said> {
    use serde::Deserialize;
    match cell {
        Cell::Str(s) => s.parse().map_err(Said::from),
        Cell::Int(_) | Cell::UInt(_) | Cell::Float(_) => {
            Points::deserialize(CellDe(cell)).map_err(|e| Said::from(e.to_string()))
        }
        _ => Err(Said::both("a number of points is needed", "cần một số điểm")),
    }
}

/// Reads the evidence table's rows, appending to `ev` (`offset` as in [`records`]).
fn evidence_from(table: &Table<'_>, offset: usize, ev: &mut Vec<Evidence>, out: &mut Problems) {
    let name = table.name.as_str();
    let n = table.num_rows();
    let first = offset == 0;
    // Classify and type-check every column once.
    let mut cols: Vec<(&str, &Column<'_>, EvidenceColumn<'_>)> = Vec::with_capacity(table.columns.len());
    for (cname, col) in &table.columns {
        let Some(kind) = evidence_column(cname) else {
            if !first {
                continue;
            }
            out.push(problem(
                ProblemCode::Syntax,
                name,
                None,
                Some(cname),
                Said::both(
                    format!(
                        "unknown column `{cname}` in table `{name}`; expected `unit`, `year`, an indicator, \
                         `attested:KEY`, `points:ITEM:self` or `points:ITEM:reviewed`"
                    ),
                    format!(
                        "cột `{cname}` không có trong bảng `{name}`; cần `unit`, `year`, một chỉ số, \
                         `attested:KHÓA`, `points:MỤC:self` hoặc `points:MỤC:reviewed`"
                    ),
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
        } else if first {
            let row = first_valid(col);
            let (what, what_vi) = if row.is_some() { ("holds", "chứa") } else { ("is typed for", "có kiểu") };
            let (empty, empty_vi) = if row.is_some() {
                ("", "")
            } else {
                (
                    " (it has no values: give it one of those types, or leave it out)",
                    " (cột không có giá trị nào: hãy cho nó một trong các kiểu đó, hoặc bỏ cột đi)",
                )
            };
            let ty = col.type_name();
            out.push(problem(
                ProblemCode::Syntax,
                name,
                row,
                Some(cname),
                Said::both(
                    format!("column `{cname}` {what} {ty} values; it needs {}{empty}", want.join(" or ")),
                    format!("cột `{cname}` {what_vi} giá trị {ty}; cần {}{empty_vi}", want.join(" hoặc ")),
                ),
            ));
        }
    }
    // Then fill the records row by row (one record at a time stays in cache), each column
    // read through the setter its type resolved to once.
    ev.reserve(n);
    let setters: Vec<Setter<'_, '_>> = cols.iter().map(|(_, col, kind)| Setter::of(kind, col)).collect();
    let keys: Vec<&Column<'_>> =
        cols.iter().filter(|(_, _, kind)| matches!(kind, EvidenceColumn::Attested(_))).map(|c| c.1).collect();
    for i in 0..n {
        let mut e = Evidence::default();
        // Room for the row's keys at once (one allocation, of the keys it has).
        e.attested.reserve(keys.iter().filter(|c| c.is_valid(i)).count());
        for ((cname, col, kind), setter) in cols.iter().zip(&setters) {
            if setter.set(&mut e, i) {
                continue;
            }
            if let Err(msg) = evidence_cell(&mut e, kind, col.cell(i)) {
                out.push(problem(ProblemCode::BadValue, name, Some(offset + i), Some(cname), msg));
                if out.full() {
                    return;
                }
            }
        }
        ev.push(e);
    }
}

/// How an evidence column of the types antq writes sets a record's field, resolved once
/// per column: what [`evidence_cell`] does for such a cell, without matching the column,
/// field and cell types again for every row.
enum Setter<'t, 'a> {
    Date(Indicator, &'t [Option<NaiveDate>]),
    Count(Indicator, &'t [Option<u64>]),
    Flag(Indicator, &'t [Option<bool>]),
    Attested(&'t crate::model::attested::SharedKey, &'t [Option<Cow<'a, str>>]),
    /// Every other column: [`evidence_cell`].
    General,
}

impl<'t, 'a> Setter<'t, 'a> {
    fn of(kind: &'t EvidenceColumn<'_>, col: &'t Column<'a>) -> Self {
        match (kind, col) {
            (EvidenceColumn::Indicator(i), Column::Date(v)) if i.value_type() == ValueType::Date => Setter::Date(*i, v),
            (EvidenceColumn::Indicator(i), Column::UInt(v)) if i.value_type() == ValueType::Count => {
                Setter::Count(*i, v)
            }
            (EvidenceColumn::Indicator(i), Column::Bool(v)) if i.value_type() == ValueType::Flag => Setter::Flag(*i, v),
            (EvidenceColumn::Attested(key), Column::Text(v)) => Setter::Attested(key, v),
            _ => Setter::General,
        }
    }

    /// Sets row `i`'s field of `e` as [`evidence_cell`] would; `false` when the cell needs
    /// [`evidence_cell`] itself (another column, a value to report).
    fn set(&self, e: &mut Evidence, i: usize) -> bool {
        let value = match *self {
            Setter::Date(ind, v) => v.get(i).map(|d| (ind, d.map(Value::Date))),
            Setter::Count(ind, v) => v.get(i).map(|c| (ind, c.map(Value::Count))),
            Setter::Flag(ind, v) => v.get(i).map(|f| (ind, f.map(Value::Flag))),
            Setter::Attested(key, v) => {
                let a = match v.get(i).map(|s| s.as_deref().map(str::trim)) {
                    Some(None) => return true,
                    Some(Some(s)) => match Attestation::from_code(s) {
                        Some(a) => a,
                        None => return false,
                    },
                    None => return false,
                };
                e.attested.insert_shared(key, a);
                return true;
            }
            Setter::General => None,
        };
        match value {
            Some((_, None)) => true,
            Some((ind, v)) => e.set(ind, v).is_ok(),
            None => false,
        }
    }
}

/// Sets one field of an evidence record from a cell.
fn evidence_cell(e: &mut Evidence, kind: &EvidenceColumn<'_>, cell: Option<Cell<'_>>) -> Result<(), Said> {
    let Some(c) = cell else {
        return match kind {
            EvidenceColumn::Unit => Err(Said::both("the unit is missing", "thiếu đơn vị")),
            EvidenceColumn::Year => Err(Said::both("the year is missing", "thiếu năm")),
            _ => Ok(()),
        };
    };
    match kind {
        EvidenceColumn::Unit => match c {
            Cell::Str(s) => {
                e.unit = UnitId::from(s);
                Ok(())
            }
            _ => Err(Said::both("the unit id must be text", "mã đơn vị phải là văn bản")),
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
            e.year = y.ok_or_else(|| Said::both("not a year", "không phải một năm"))?;
            Ok(())
        }
        EvidenceColumn::Indicator(ind) => {
            let v = match ind.value_type() {
                ValueType::Date => date_of(c).map(Value::Date),
                ValueType::Count => count_of(c).map(Value::Count),
                ValueType::Flag => match c {
                    Cell::Bool(b) => Ok(Value::Flag(b)),
                    _ => Err(Said::both("true or false is needed", "cần `true` hoặc `false`")),
                },
            };
            v.and_then(|v| e.set(*ind, Some(v)).map_err(Said::from))
        }
        EvidenceColumn::Attested(key) => {
            let a = match c {
                Cell::Bool(true) => Attestation::Yes,
                Cell::Bool(false) => Attestation::No,
                Cell::Str(s) => match Attestation::from_code(s.trim()) {
                    Some(a) => a,
                    None => {
                        return Err(Said::both(
                            format!("`{}` is not `yes`, `no` or `unknown`", s.trim()),
                            format!("`{}` không phải `yes`, `no` hay `unknown`", s.trim()),
                        ));
                    }
                },
                _ => return Err(Said::both("`yes`, `no` or `unknown` is needed", "cần `yes`, `no` hoặc `unknown`")),
            };
            e.attested.insert_shared(key, a);
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
    let mut import = TableImport::default();
    import.add(Part::Units, units, 0);
    let parts = [(Part::Evidence, evidence), (Part::Incidents, incidents), (Part::Activities, activities)];
    for (part, t) in parts {
        if let Some(t) = t {
            import.add(part, t, 0);
        }
    }
    import.finish()
}

/// A problem for each column a record of `part` always needs that `t` lacks: found from the
/// header, so a table of no rows is checked too.
fn missing_columns(part: Part, t: &Table<'_>) -> Vec<crate::error::Problem> {
    let required: &[&str] = match part {
        Part::Units => &["id", "name", "kind"],
        Part::Evidence => &["unit", "year"],
        Part::Incidents => &["unit", "date", "category"],
        Part::Activities => &["unit", "date", "type"],
    };
    let known = |c: &str| match part {
        Part::Units => UNIT_COLUMNS.contains(&c),
        Part::Evidence => evidence_column(c).is_some(),
        Part::Incidents => INCIDENT_COLUMNS.contains(&c),
        Part::Activities => ACTIVITY_COLUMNS.contains(&c),
    };
    // The table's rows are not read then: its unknown columns (a misspelling?) are named here.
    let unknown: Vec<String> = t.columns.iter().filter(|(c, _)| !known(c)).map(|(c, _)| format!("`{c}`")).collect();
    let (unknown, unknown_vi) = if unknown.is_empty() {
        (String::new(), String::new())
    } else {
        (format!(" (unknown columns: {})", unknown.join(", ")), format!(" (các cột không rõ: {})", unknown.join(", ")))
    };
    let name = t.name.as_str();
    required
        .iter()
        .filter(|c| t.column(c).is_none())
        .map(|c| {
            let msg = Said::both(
                format!("table `{name}` has no `{c}` column{unknown}"),
                format!("bảng `{name}` không có cột `{c}`{unknown_vi}"),
            );
            problem(ProblemCode::Syntax, name, None, Some(c), msg)
        })
        .collect()
}

/// The four parts of a dataset, each read from its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Part {
    /// The `units` table.
    Units,
    /// The `evidence` table.
    Evidence,
    /// The `incidents` table.
    Incidents,
    /// The `activities` table.
    Activities,
}

impl Part {
    /// Every part, units first.
    pub const ALL: [Part; 4] = [Part::Units, Part::Evidence, Part::Incidents, Part::Activities];

    /// The table's name (`units`, `evidence`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Units => "units",
            Part::Evidence => "evidence",
            Part::Incidents => "incidents",
            Part::Activities => "activities",
        }
    }
}

/// A dataset read from its tables part by part: a file reader hands over one batch of rows
/// at a time, so only the records and one batch are held, never a whole table beside the
/// dataset. [`TableImport::finish`] checks the dataset as [`dataset_from_tables`] does.
///
/// ```
/// use antq::table::{Column, Part, Table, TableImport};
/// let units = |ids: [&'static str; 1]| {
///     Table::new("units")
///         .with("id", Column::text(ids))
///         .with("name", Column::text(["n"]))
///         .with("kind", Column::text(["commune"]))
///         .with("subkind", Column::text(["xa"]))
/// };
/// let mut import = TableImport::default();
/// import.add(Part::Units, &units(["C1"]), 0);
/// import.add(Part::Units, &units(["C2"]), 1);
/// assert_eq!(import.finish().unwrap().units[1].id.as_str(), "C2");
/// ```
#[derive(Debug, Default)]
pub struct TableImport {
    ds: Dataset,
    out: Problems,
    /// Parts whose first batch had a shape problem: their rows are not read.
    refused: Vec<Part>,
}

impl TableImport {
    /// Reads a batch of rows of one part; its first row is row `offset` of the part's table
    /// (problems name that row). The first batch (`offset` 0) also has its columns checked.
    pub fn add(&mut self, part: Part, t: &Table<'_>, offset: usize) {
        if self.refused.contains(&part) || self.out.full() {
            return;
        }
        let mut shape = t.shape_problems();
        if offset == 0 {
            shape.extend(missing_columns(part, t));
        }
        if !shape.is_empty() {
            self.out.extend(shape);
            self.refused.push(part);
            return;
        }
        let out = &mut self.out;
        match part {
            Part::Units => units_from(t, offset, &mut self.ds.units, out),
            Part::Evidence => evidence_from(t, offset, &mut self.ds.evidence, out),
            Part::Incidents => {
                records::<Incident>(t, offset, (&INCIDENT_COLUMNS, &[]), &[], &mut self.ds.incidents, out)
            }
            Part::Activities => records(
                t,
                offset,
                (&ACTIVITY_COLUMNS, &[]),
                &[ACTIVITY_COUNT, ACTIVITY_HOUSES],
                &mut self.ds.activities,
                out,
            ),
        }
    }

    /// Adds evidence records read straight from a batch whose every cell read cleanly
    /// (what [`TableImport::add`] makes of the batch, without its flat table): nothing once
    /// the evidence is refused or the problems are full, as `add`.
    #[cfg(feature = "columnar")]
    pub(crate) fn add_evidence(&mut self, records: Vec<Evidence>) {
        if !self.refused.contains(&Part::Evidence) && !self.out.full() {
            append(&mut self.ds.evidence, records);
        }
    }

    /// Makes room for `rows` more records of `part` (a file that knows its row count, as
    /// Parquet does): the records are then built in place, never moved to a larger buffer.
    pub fn reserve(&mut self, part: Part, rows: usize) {
        // A hint only, bounded so that a file claiming too many rows reserves no more than
        // the limits allow a dataset to hold.
        let l = crate::Limits::default();
        match part {
            Part::Units => self.ds.units.reserve(rows.min(l.max_units)),
            Part::Evidence => self.ds.evidence.reserve(rows.min(l.max_evidence)),
            Part::Incidents => self.ds.incidents.reserve(rows.min(l.max_events)),
            Part::Activities => self.ds.activities.reserve(rows.min(l.max_events)),
        }
    }

    /// Adds the records and problems of `other`, an import of parts this one has not read,
    /// as if its batches had been added here after this import's own: nothing once the
    /// problems are full, its problems after these (for reading table files at once).
    #[cfg(feature = "columnar")]
    pub(crate) fn append(&mut self, other: TableImport) {
        if self.out.full() {
            return;
        }
        let Dataset { units, evidence, incidents, activities, .. } = other.ds;
        append(&mut self.ds.units, units);
        append(&mut self.ds.evidence, evidence);
        append(&mut self.ds.incidents, incidents);
        append(&mut self.ds.activities, activities);
        self.out.append(other.out);
        self.refused.extend(other.refused);
    }

    /// Adds `other`, an import of the next batch of the one part this import reads, as
    /// [`TableImport::add`] would have read the batch here: `false` once the part is read no
    /// further (its rows were refused, or the problems are full).
    #[cfg(feature = "columnar")]
    pub(crate) fn append_batch(&mut self, other: TableImport) -> bool {
        self.append(other);
        self.refused.is_empty() && !self.out.full()
    }

    /// Adds problems found outside the tables (a file's own problems).
    pub fn push_problem(&mut self, p: crate::error::Problem) {
        self.out.push(p);
    }

    /// The dataset without its structural validation: `Err` only for the problems of the
    /// tables themselves (columns, types, cells), as [`TableImport::finish`] gives them. For a
    /// caller that validates it at once ([`crate::Prepared::new`] runs the same checks), with
    /// [`TableImport::validation_error`] for the error `finish` would have given.
    #[cfg(feature = "columnar")]
    pub(crate) fn finish_unchecked(self) -> Result<Dataset> {
        let TableImport { ds, out, .. } = self;
        if out.list.is_empty() { Ok(ds) } else { Err(Error::InvalidDataset(out.finish())) }
    }

    /// What [`TableImport::finish`] reports for `ds` read without table problems: its
    /// structural problems, collected as `finish` collects them; `None` when it is valid.
    #[cfg(feature = "columnar")]
    pub(crate) fn validation_error(ds: &Dataset) -> Option<Error> {
        let mut out = Problems::default();
        out.extend(ds.problems());
        (!out.list.is_empty()).then(|| Error::InvalidDataset(out.finish()))
    }

    /// The dataset, checked as [`Dataset::validate`] does.
    pub fn finish(self) -> Result<Dataset> {
        let TableImport { ds, mut out, .. } = self;
        if !out.list.is_empty() {
            return Err(Error::InvalidDataset(out.finish()));
        }
        out.extend(ds.problems());
        if out.list.is_empty() { Ok(ds) } else { Err(Error::InvalidDataset(out.finish())) }
    }
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

/// Moves `theirs` to the end of `mine`, without copying when `mine` is empty and has no
/// more room reserved than `theirs` holds.
#[cfg(feature = "columnar")]
fn append<T>(mine: &mut Vec<T>, theirs: Vec<T>) {
    if mine.is_empty() && mine.capacity() <= theirs.capacity() {
        *mine = theirs;
    } else {
        mine.extend(theirs);
    }
}
