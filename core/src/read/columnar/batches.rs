//! Arrow record batches ↔ the core's flat tables ([`crate::table`]), column by column,
//! borrowing strings from the Arrow buffers. Used by the Parquet and Arrow IPC files and by
//! the Python binding (`Dataset.from_frames`).

use crate::error::{Location, Problem};
use crate::table::{Column, Table};
use arrow_array::PrimitiveArray;
use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowPrimitiveType, Date32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, NullArray, RecordBatch, StringArray,
    UInt64Array,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::sync::Arc;

/// Days from 0001-01-01 (day 1) to 1970-01-01.
const EPOCH_FROM_CE: i32 = 719_163;

pub(super) fn day(d: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(d.checked_add(EPOCH_FROM_CE)?)
}

fn days(d: NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce() - EPOCH_FROM_CE
}

fn problem(table: &str, column: &str, row: Option<usize>, msg: String) -> Problem {
    let path = match row {
        Some(r) => format!("{table}[{r}].{column}"),
        None => format!("{table}.{column}"),
    };
    Problem::syntax(Location::path(path), msg)
}

/// Whether a column is a pandas index written by `Table.from_pandas` (ignored).
fn is_pandas_index(name: &str) -> bool {
    name.starts_with("__index_level_") && name.ends_with("__")
}

fn cast(a: &dyn Array, to: &DataType) -> Result<ArrayRef, String> {
    arrow_cast::cast(a, to).map_err(|e| e.to_string())
}

/// Appends one batch's column to `out`, borrowing strings when the Arrow type allows.
fn extend<'a>(
    out: &mut Column<'a>,
    a: &'a ArrayRef,
    offset: usize,
    table: &str,
    name: &str,
) -> Result<(), Box<Problem>> {
    let bad = |msg: String| Box::new(problem(table, name, None, msg));
    match out {
        Column::Text(v) => {
            if let Some(s) = a.as_string_opt::<i32>() {
                v.extend(s.iter().map(|o| o.map(Cow::Borrowed)));
            } else if let Some(s) = a.as_string_opt::<i64>() {
                v.extend(s.iter().map(|o| o.map(Cow::Borrowed)));
            } else if let Some(s) = a.as_string_view_opt() {
                v.extend(s.iter().map(|o| o.map(Cow::Borrowed)));
            } else if let Some(d) = a.as_any_dictionary_opt()
                && let Some(values) = d.values().as_string_opt::<i32>()
            {
                // A dictionary of text (categoricals; few-valued Parquet columns): each row
                // borrows its value from the dictionary. The dictionary's values are checked
                // first, and each key as it is read: a key past the dictionary (a faulty
                // writer's) is refused, naming its row, never read as another value.
                values.to_data().validate_full().map_err(|e| bad(format!("cannot be read as text: {e}")))?;
                let start = v.len();
                if let Err((i, k)) = borrow_dictionary(a, values, v) {
                    v.truncate(start);
                    return Err(Box::new(problem(
                        table,
                        name,
                        Some(offset + i),
                        format!("dictionary key {k} is out of bounds: the dictionary holds {} values", values.len()),
                    )));
                }
            } else {
                // Other dictionaries, decimals: cast to text, owned.
                let c = cast(a, &DataType::Utf8).map_err(bad)?;
                let s = c.as_string_opt::<i32>().ok_or_else(|| bad("cannot be read as text".into()))?;
                v.extend(s.iter().map(|o| o.map(|s| Cow::Owned(s.to_owned()))));
            }
        }
        Column::Int(v) => {
            let c = cast(a, &DataType::Int64).map_err(bad)?;
            let p = c.as_primitive_opt::<Int64Type>().ok_or_else(|| bad("cannot be read as integers".into()))?;
            v.extend(p.iter());
        }
        Column::UInt(v) => {
            let c = cast(a, &DataType::UInt64).map_err(bad)?;
            let p = c.as_primitive_opt::<UInt64Type>().ok_or_else(|| bad("cannot be read as integers".into()))?;
            v.extend(p.iter());
        }
        Column::Float(v) => {
            let c = cast(a, &DataType::Float64).map_err(bad)?;
            let p = c.as_primitive_opt::<Float64Type>().ok_or_else(|| bad("cannot be read as numbers".into()))?;
            v.extend(p.iter());
        }
        Column::Bool(v) => {
            let b = a.as_boolean_opt().ok_or_else(|| bad("cannot be read as booleans".into()))?;
            v.extend(b.iter());
        }
        Column::Date(v) => {
            let c = cast(a, &DataType::Date32).map_err(bad)?;
            let p = c.as_primitive_opt::<Date32Type>().ok_or_else(|| bad("cannot be read as dates".into()))?;
            for (i, d) in p.iter().enumerate() {
                match d {
                    None => v.push(None),
                    Some(d) => match day(d) {
                        Some(x) => v.push(Some(x)),
                        None => {
                            return Err(Box::new(problem(
                                table,
                                name,
                                Some(offset + i),
                                format!("day {d} after 1970-01-01 is out of range"),
                            )));
                        }
                    },
                }
            }
        }
        Column::TextList(_) => return Err(bad("list columns are not read".into())),
        Column::Null(n) => *n += a.len(),
    }
    Ok(())
}

/// Appends each row of the text dictionary `a` (whose values are `values`) as its value,
/// borrowed: `Err` with the row and key of the first key past the values.
fn borrow_dictionary<'a>(
    a: &'a ArrayRef,
    values: &'a StringArray,
    v: &mut Vec<Option<Cow<'a, str>>>,
) -> Result<(), (usize, String)> {
    fn rows<'a, K: ArrowPrimitiveType>(
        keys: &PrimitiveArray<K>,
        values: &'a StringArray,
        v: &mut Vec<Option<Cow<'a, str>>>,
    ) -> Result<(), (usize, String)>
    where
        K::Native: TryInto<usize>,
    {
        v.reserve(keys.len());
        for (i, k) in keys.iter().enumerate() {
            v.push(match k {
                None => None,
                Some(k) => match k.try_into().ok().filter(|&k: &usize| k < values.len()) {
                    Some(k) => values.is_valid(k).then(|| Cow::Borrowed(values.value(k))),
                    None => return Err((i, format!("{k:?}"))),
                },
            });
        }
        Ok(())
    }
    macro_rules! by_key_type {
        ($($k:ty),*) => {
            $(if let Some(d) = a.as_dictionary_opt::<$k>() {
                return rows(d.keys(), values, v);
            })*
        };
    }
    by_key_type!(Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type);
    Err((0, format!("of type {}", a.data_type())))
}

/// An empty core column for an Arrow type, or `None` if antq does not read it.
fn empty_for(t: &DataType) -> Option<Column<'static>> {
    use DataType as D;
    Some(match t {
        D::Utf8 | D::LargeUtf8 | D::Utf8View | D::Decimal32(..) | D::Decimal64(..) | D::Decimal128(..) => {
            Column::Text(Vec::new())
        }
        D::Decimal256(..) => Column::Text(Vec::new()),
        D::Dictionary(_, v) if matches!(**v, D::Utf8 | D::LargeUtf8 | D::Utf8View) => Column::Text(Vec::new()),
        D::Int8 | D::Int16 | D::Int32 | D::Int64 => Column::Int(Vec::new()),
        D::UInt8 | D::UInt16 | D::UInt32 | D::UInt64 => Column::UInt(Vec::new()),
        D::Float16 | D::Float32 | D::Float64 => Column::Float(Vec::new()),
        D::Boolean => Column::Bool(Vec::new()),
        D::Date32 | D::Date64 | D::Timestamp(..) => Column::Date(Vec::new()),
        D::Null => Column::Null(0),
        _ => return None,
    })
}

/// Why a decimal column is refused where the table form needs other than text or points
/// (a count, a year): decimals are read as their text, which would be reported as "text";
/// the message names the Arrow type instead.
fn decimal_not_text(table: &str, f: &Field) -> Option<String> {
    use crate::table::Want;
    let decimal = matches!(
        f.data_type(),
        DataType::Decimal32(..) | DataType::Decimal64(..) | DataType::Decimal128(..) | DataType::Decimal256(..)
    );
    let need = match crate::table::want(table, f.name()) {
        Want::Text | Want::Points => return None,
        Want::Int => "whole numbers: cast it to an integer type (int64)",
        Want::Bool => "booleans",
        Want::Date => "dates",
        _ => "another type",
    };
    decimal.then(|| format!("column `{}` has Arrow type {}; it needs {need}", f.name(), f.data_type()))
}

/// The core table of Arrow batches sharing `schema`, borrowing their strings. Problems name
/// the table and column (and the row of a date out of range); a pandas index column
/// (`__index_level_0__`) is left out.
///
/// ```
/// use antq::columnar::{table_from_batches, table_to_batch};
/// use antq::table::{Column, Table};
/// let t = Table::new("units").with("id", Column::text(["C1"])).with("size", Column::Null(1));
/// let batch = table_to_batch(&t).unwrap();
/// assert_eq!(table_from_batches("units", &batch.schema(), &[batch.clone()]).unwrap(), t);
/// ```
pub fn table_from_batches<'a>(
    name: &str,
    schema: &Schema,
    batches: &'a [RecordBatch],
) -> Result<Table<'a>, Vec<Problem>> {
    let mut t = Table::new(name);
    let mut problems = Vec::new();
    for (j, f) in schema.fields().iter().enumerate() {
        if is_pandas_index(f.name()) {
            continue;
        }
        if let Some(msg) = decimal_not_text(name, f) {
            problems.push(problem(name, f.name(), None, msg));
            continue;
        }
        let Some(mut col) = empty_for(f.data_type()) else {
            problems.push(problem(
                name,
                f.name(),
                None,
                format!("column `{}` has Arrow type {}, which antq does not read", f.name(), f.data_type()),
            ));
            continue;
        };
        let mut offset = 0;
        for b in batches {
            let Some(a) = b.columns().get(j) else { continue };
            if let Err(p) = extend(&mut col, a, offset, name, f.name()) {
                problems.push(*p);
                break;
            }
            offset += a.len();
        }
        t.push(f.name().clone(), col);
    }
    if problems.is_empty() { Ok(t) } else { Err(problems) }
}

/// A record batch of a core table: text as `Utf8`, integers as `Int64`/`UInt64`, dates
/// as `Date32`.
pub fn table_to_batch(t: &Table<'_>) -> Result<RecordBatch, String> {
    let mut fields = Vec::with_capacity(t.columns.len());
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(t.columns.len());
    for (name, c) in &t.columns {
        let (ty, a): (DataType, ArrayRef) = match c {
            Column::Text(v) => (DataType::Utf8, Arc::new(v.iter().map(|o| o.as_deref()).collect::<StringArray>())),
            Column::Int(v) => (DataType::Int64, Arc::new(Int64Array::from(v.clone()))),
            Column::UInt(v) => (DataType::UInt64, Arc::new(UInt64Array::from(v.clone()))),
            Column::Float(v) => (DataType::Float64, Arc::new(Float64Array::from(v.clone()))),
            Column::Bool(v) => (DataType::Boolean, Arc::new(BooleanArray::from(v.clone()))),
            Column::Date(v) => (DataType::Date32, Arc::new(v.iter().map(|d| d.map(days)).collect::<Date32Array>())),
            Column::TextList(v) => {
                let mut b = ListBuilder::new(StringBuilder::new());
                for row in v {
                    match row {
                        Some(items) => {
                            for s in items {
                                b.values().append_value(s);
                            }
                            b.append(true);
                        }
                        None => b.append(false),
                    }
                }
                let a = b.finish();
                (a.data_type().clone(), Arc::new(a))
            }
            Column::Null(n) => (DataType::Null, Arc::new(NullArray::new(*n))),
        };
        fields.push(Field::new(name, ty, true));
        arrays.push(a);
    }
    let schema: SchemaRef = Arc::new(Schema::new(fields));
    let opts = arrow_array::RecordBatchOptions::new().with_row_count(Some(t.num_rows()));
    RecordBatch::try_new_with_options(schema, arrays, &opts).map_err(|e| e.to_string())
}

/// A record batch of a result table: as [`table_to_batch`], with the columns holding codes
/// of a closed set ([`crate::table::is_category`]) dictionary-encoded (`Dictionary(Int32,
/// Utf8)`), which pandas reads as `category` and polars as `Categorical`.
///
/// ```
/// use antq::table::{Column, Table};
/// let t = Table::new("evaluation").with("unit", Column::text(["A", "B"])).with("outcome", Column::text(["meets", "meets"]));
/// let b = antq::columnar::result_to_batch(&t).unwrap();
/// assert!(matches!(b.schema().field(1).data_type(), arrow_schema::DataType::Dictionary(..)));
/// assert_eq!(b.schema().field(0).data_type(), &arrow_schema::DataType::Utf8);
/// ```
pub fn result_to_batch(t: &Table<'_>) -> Result<RecordBatch, String> {
    let plain = table_to_batch(t)?;
    let dict = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    let mut fields = Vec::with_capacity(plain.num_columns());
    let mut arrays = Vec::with_capacity(plain.num_columns());
    for (f, a) in plain.schema().fields().iter().zip(plain.columns()) {
        if f.data_type() == &DataType::Utf8 && crate::table::is_category(&t.name, f.name()) {
            arrays.push(arrow_cast::cast(a, &dict).map_err(|e| e.to_string())?);
            fields.push(Field::new(f.name(), dict.clone(), true));
        } else {
            arrays.push(a.clone());
            fields.push(f.as_ref().clone());
        }
    }
    let opts = arrow_array::RecordBatchOptions::new().with_row_count(Some(plain.num_rows()));
    RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), arrays, &opts).map_err(|e| e.to_string())
}
