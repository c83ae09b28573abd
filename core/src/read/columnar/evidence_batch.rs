//! Evidence records straight from an Arrow batch of the types antq and the common writers
//! use (text or text dictionaries, 64-bit integers, `Date32`, booleans), without the flat
//! table ([`crate::table`]) in between, each column in a loop over its valid cells. Only a
//! batch whose every cell reads cleanly is read here; any other (a column of another type
//! or name, a value to report) gives `None` and is read through the flat table, which
//! names each problem. Both give the same records (`tests`).

use crate::model::evidence::{Attestation, Evidence, ValueType};
use crate::model::unit::UnitId;
use crate::table::{EvidenceColumn, evidence_column};
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int64Type, UInt64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;

/// The batch's records, or `None` when a column or cell needs the flat table's reading.
pub(super) fn records(batch: &RecordBatch) -> Option<Vec<Evidence>> {
    let schema = batch.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let unique = names.iter().enumerate().all(|(k, n)| !names[..k].contains(n));
    if !unique || !names.contains(&"unit") || !names.contains(&"year") {
        return None;
    }
    let mut records = Vec::new();
    records.resize_with(batch.num_rows(), Evidence::default);
    for (name, a) in names.iter().zip(batch.columns()) {
        match evidence_column(name)? {
            EvidenceColumn::Unit => {
                if a.logical_null_count() > 0 {
                    return None;
                }
                text(a, |i, s| {
                    // A blank id is a missing value: the flat table names it.
                    if s.trim().is_empty() {
                        return None;
                    }
                    records[i].unit = UnitId::from(s);
                    Some(())
                })?;
            }
            EvidenceColumn::Year => {
                if a.logical_null_count() > 0 {
                    return None;
                }
                integers(a, |i, y| {
                    records[i].year = i32::try_from(y).ok()?;
                    Some(())
                })?;
            }
            EvidenceColumn::Indicator(ind) => match (ind.value_type(), a.data_type()) {
                (ValueType::Date, DataType::Date32) => {
                    let d = a.as_primitive::<Date32Type>();
                    valid(a, |i| records[i].set(ind, Some(crate::Value::Date(super::batches::day(d.value(i))?))).ok())?;
                }
                (ValueType::Count, _) => {
                    integers(a, |i, c| records[i].set(ind, Some(crate::Value::Count(u64::try_from(c).ok()?))).ok())?
                }
                (ValueType::Flag, DataType::Boolean) => {
                    let b = a.as_boolean();
                    valid(a, |i| records[i].set(ind, Some(crate::Value::Flag(b.value(i)))).ok())?;
                }
                _ => return None,
            },
            EvidenceColumn::Attested(key) => {
                let mark = |s: &str| Attestation::from_code(s.trim());
                if let Some(b) = a.as_boolean_opt() {
                    valid(a, |i| {
                        let m = if b.value(i) { Attestation::Yes } else { Attestation::No };
                        records[i].attested.insert_shared(&key, m);
                        Some(())
                    })?;
                } else {
                    text(a, |i, s| {
                        // A blank cell is a missing value (unknown), as in the flat table.
                        if s.trim().is_empty() {
                            return Some(());
                        }
                        records[i].attested.insert_shared(&key, mark(s)?);
                        Some(())
                    })?;
                }
            }
            EvidenceColumn::Points(..) => return None,
        }
    }
    Some(records)
}

/// Calls `f` with each valid row of `a`; `None` as soon as `f` gives `None`.
fn valid(a: &dyn Array, mut f: impl FnMut(usize) -> Option<()>) -> Option<()> {
    match a.logical_nulls() {
        Some(nulls) => nulls.valid_indices().try_for_each(&mut f),
        None => (0..a.len()).try_for_each(f),
    }
}

/// Calls `f` with each valid row of an integer column and its value; `None` for another type.
fn integers(a: &ArrayRef, mut f: impl FnMut(usize, i128) -> Option<()>) -> Option<()> {
    if let Some(p) = a.as_primitive_opt::<Int64Type>() {
        valid(a, |i| f(i, i128::from(p.value(i))))
    } else if let Some(p) = a.as_primitive_opt::<UInt64Type>() {
        valid(a, |i| f(i, i128::from(p.value(i))))
    } else {
        None
    }
}

/// Calls `f` with each valid row of a text column (plain, large, view, or a dictionary of
/// text) and its text; `None` for another type or a dictionary key past its values.
fn text(a: &ArrayRef, mut f: impl FnMut(usize, &str) -> Option<()>) -> Option<()> {
    if let Some(s) = a.as_string_opt::<i32>() {
        valid(a, |i| f(i, s.value(i)))
    } else if let Some(s) = a.as_string_opt::<i64>() {
        valid(a, |i| f(i, s.value(i)))
    } else if let Some(s) = a.as_string_view_opt() {
        valid(a, |i| f(i, s.value(i)))
    } else if let Some(d) = a.as_any_dictionary_opt() {
        let values = d.values().as_string_opt::<i32>()?;
        values.to_data().validate_full().ok()?;
        let keys = d.normalized_keys();
        valid(a, |i| f(i, values.value(*keys.get(i).filter(|&&k| k < values.len())?)))
    } else {
        None
    }
}
