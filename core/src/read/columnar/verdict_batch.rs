//! A review's verdicts as an Arrow record batch, built from each row's cells
//! ([`crate::table::VerdictCells`]) straight into Arrow arrays: no table of text cells first,
//! and the codes' dictionaries made as the rows are read rather than by a cast afterwards.

use crate::table::{VerdictCell, VerdictCells, is_category};
use arrow_array::builder::{Int64Builder, ListBuilder, StringBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, DictionaryArray, Int32Array, RecordBatch, RecordBatchOptions, StringArray};
use arrow_schema::{Field, Schema};
use std::sync::Arc;

/// The rows `rows` of the verdicts' columns `names` (positions in
/// [`crate::table::verdicts_table`]'s order; a range past the end is cut short) as one
/// record batch: the batch [`super::result_to_batch`] makes of
/// [`crate::table::verdicts_table_columns`], codes of a closed set dictionary-encoded (pandas
/// reads them as `category`, polars as `Categorical`). An error names a column that is not a
/// verdict column of the rule set, or is given twice ([`crate::verdicts::check_columns`]).
///
/// ```
/// # use antq::{Dataset, Options, Prepared, RuleSet};
/// # let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// # let prepared = Prepared::new(&ds, 2023).unwrap();
/// # let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// # let review = prepared.review(&rules, &Options::default()).unwrap();
/// let names = ["unit", "outcome", "RA-1"];
/// let batch = antq::columnar::verdicts_batch(&review, &names, 0..usize::MAX).unwrap();
/// let table = antq::table::verdicts_table_columns(&review, 0..usize::MAX, &names).unwrap();
/// assert_eq!(batch, antq::columnar::result_to_batch(&table).unwrap());
/// ```
pub fn verdicts_batch(
    review: &crate::Review<'_>,
    names: &[&str],
    rows: std::ops::Range<usize>,
) -> Result<RecordBatch, String> {
    crate::verdicts::check_columns(review.rules(), names)?;
    let cells = VerdictCells::new(review, names).ok_or("a checked verdict column was refused")?;
    batch(&cells, names, rows, true)
}

/// The rows `rows` of the columns `names` that `cells` reads as one batch of plain types
/// ([`super::table_to_batch`]'s: codes as text), for a file written part by part.
pub(crate) fn verdict_part(
    cells: &VerdictCells<'_, '_>,
    names: &[&str],
    rows: std::ops::Range<usize>,
) -> Result<RecordBatch, String> {
    batch(cells, names, rows, false)
}

/// One column being built.
enum Builder<'a> {
    Text(StringBuilder),
    /// A code of a closed set: each row's key into the values, in the order first met.
    Codes {
        keys: Vec<Option<i32>>,
        values: Vec<&'a str>,
    },
    Int(Int64Builder),
    List(ListBuilder<StringBuilder>),
}

/// The rows `rows` of the columns `names` that `cells` reads, as one batch: codes
/// dictionary-encoded when `dictionaries` ([`super::result_to_batch`]'s types), as plain
/// text otherwise ([`super::table_to_batch`]'s).
pub(crate) fn batch<'a>(
    cells: &VerdictCells<'_, 'a>,
    names: &[&str],
    rows: std::ops::Range<usize>,
    dictionaries: bool,
) -> Result<RecordBatch, String> {
    use crate::table::VerdictColumn as C;
    let capacity = rows.end.min(cells.rows()).saturating_sub(rows.start);
    let mut builders: Vec<Builder<'_>> = cells
        .columns()
        .iter()
        .zip(names)
        .map(|(c, name)| match c {
            C::Rank | C::Met | C::Of => Builder::Int(Int64Builder::with_capacity(capacity)),
            C::Supplements => Builder::List(ListBuilder::new(StringBuilder::new())),
            _ if dictionaries && is_category("verdicts", name) => {
                Builder::Codes { keys: Vec::with_capacity(capacity), values: Vec::new() }
            }
            _ => Builder::Text(StringBuilder::with_capacity(capacity, capacity * 8)),
        })
        .collect();
    let supplements = cells.supplements();
    let rows = cells.each_row(rows, |row| {
        for (b, cell) in builders.iter_mut().zip(row) {
            match (b, *cell) {
                (Builder::Int(b), VerdictCell::Int(i)) => b.append_value(i),
                (Builder::Int(b), _) => b.append_null(),
                (Builder::List(b), VerdictCell::Supplements) => {
                    for s in supplements {
                        b.values().append_value(s);
                    }
                    b.append(true);
                }
                (Builder::List(b), _) => b.append(false),
                (Builder::Codes { keys, values }, VerdictCell::Text(s) | VerdictCell::Code(s)) => {
                    // A handful of values: found by a look along them.
                    let k = values.iter().position(|v| *v == s).unwrap_or_else(|| {
                        values.push(s);
                        values.len() - 1
                    });
                    keys.push(Some(k as i32));
                }
                (Builder::Codes { keys, .. }, _) => keys.push(None),
                (Builder::Text(b), VerdictCell::Text(s) | VerdictCell::Code(s)) => b.append_value(s),
                (Builder::Text(b), _) => b.append_null(),
            }
        }
    });
    let (fields, arrays): (Vec<Field>, Vec<ArrayRef>) = builders
        .into_iter()
        .zip(names)
        .map(|(b, name)| {
            let array: ArrayRef = match b {
                Builder::Text(mut b) => Arc::new(b.finish()),
                Builder::Int(mut b) => Arc::new(b.finish()),
                Builder::List(mut b) => Arc::new(b.finish()),
                Builder::Codes { keys, values } => {
                    let keys = Int32Array::from(keys);
                    let values: ArrayRef = Arc::new(StringArray::from(values));
                    // Every key was made below the number of values.
                    Arc::new(DictionaryArray::<Int32Type>::new(keys, values))
                }
            };
            (Field::new(*name, array.data_type().clone(), true), array)
        })
        .unzip();
    let opts = RecordBatchOptions::new().with_row_count(Some(rows));
    RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), arrays, &opts).map_err(|e| e.to_string())
}

/// Whether `t` is the type [`batch`] gives a column of codes.
#[cfg(test)]
fn is_codes(t: &arrow_schema::DataType) -> bool {
    use arrow_schema::DataType;
    matches!(t, DataType::Dictionary(k, v) if **k == DataType::Int32 && **v == DataType::Utf8)
}

#[cfg(test)]
mod tests {
    use super::{batch, is_codes};
    use crate::columnar::{result_to_batch, table_to_batch};
    use crate::synthetic::generate::{Spec, generate};
    use crate::table::{VerdictCells, verdict_column_names, verdicts_table_columns};
    use crate::{Dataset, Options, Prepared, RuleSet, Supplement};

    /// The batch built from the cells is the batch made of the verdict table, with and without
    /// dictionaries, for every column of each kind of outcome, whole and in parts.
    #[test]
    fn a_batch_from_the_cells_is_the_batch_of_the_table() {
        let sample = Dataset::from_str_named("s.json", crate::sample::SAMPLE_JSON).unwrap();
        let generated = generate(&Spec { units: 3000, year: 2023, seed: 3 });
        let supplement = |name, text| Supplement::from_str_named(name, text).unwrap();
        let d510 = RuleSet::preset("vn.d510-2022")
            .unwrap()
            .with_supplement(&supplement("d.toml", crate::sample::SAMPLE_D510_SUPPLEMENT))
            .unwrap();
        let typical = RuleSet::preset("vn.d9745-2022.communes")
            .unwrap()
            .with_supplement(&supplement("t.toml", crate::sample::SAMPLE_TYPICAL_SUPPLEMENT))
            .unwrap();
        let c124 = RuleSet::preset("vn.c124-2021").unwrap();
        for ds in [&sample, &generated] {
            let prepared = Prepared::new(ds, 2023).unwrap();
            for rules in [&c124, &d510, &typical] {
                let review = prepared.review(rules, &Options::default()).unwrap();
                let all = verdict_column_names(&review);
                let all: Vec<&str> = all.iter().map(|n| n.as_ref()).collect();
                let some = ["outcome", all[all.len() - 1], "unit", "rank", "supplements"];
                for names in [&all[..], &some[..]] {
                    let cells = VerdictCells::new(&review, names).unwrap();
                    for rows in [0..usize::MAX, 7..1000, 5000..6000] {
                        let table = verdicts_table_columns(&review, rows.clone(), names).unwrap();
                        let coded = batch(&cells, names, rows.clone(), true).unwrap();
                        assert_eq!(coded, result_to_batch(&table).unwrap(), "{} {names:?} {rows:?}", rules.id);
                        let plain = batch(&cells, names, rows.clone(), false).unwrap();
                        assert_eq!(plain, table_to_batch(&table).unwrap(), "{} {names:?} {rows:?}", rules.id);
                        if table.num_rows() > 0 && names.contains(&"outcome") {
                            assert!(coded.schema().fields().iter().any(|f| is_codes(f.data_type())));
                        }
                    }
                }
            }
        }
    }
}
