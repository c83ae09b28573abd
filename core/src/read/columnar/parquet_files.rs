//! Tables in Apache Parquet files.

use super::batch_queue::Batches;
use super::batches::table_to_batch;
use super::{BATCH_ROWS, file_problem, io};
use crate::error::Result;
use crate::table::{Part, Table};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder};
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::path::Path;

/// The Parquet file of one part, to be read a batch of rows at a time.
pub(super) fn open(path: &Path, part: Part) -> Result<Batches<'_>> {
    let file = std::fs::File::open(path).map_err(|e| io(path, &e))?;
    let bad = |e: parquet::errors::ParquetError| file_problem(path, part.as_str(), format!("not a Parquet table: {e}"));
    let options = ArrowReaderOptions::new();
    let metadata = ArrowReaderMetadata::load(&file, options.clone()).map_err(bad)?;
    let metadata = match as_dictionaries(part, metadata.schema()) {
        // A hint only: a file the hint does not fit is read as it is.
        Some(schema) => {
            ArrowReaderMetadata::try_new(metadata.metadata().clone(), options.with_schema(schema)).unwrap_or(metadata)
        }
        None => metadata,
    };
    let builder = ParquetRecordBatchReaderBuilder::new_with_metadata(file, metadata);
    let rows = usize::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
    let reader = builder.with_batch_size(BATCH_ROWS).build().map_err(bad)?;
    let schema = arrow_array::RecordBatchReader::schema(&reader);
    Ok(Batches { path, part, schema, rows, batches: Box::new(reader.map(|b| b.map_err(|e| e.to_string()))) })
}

/// Whether a text column of `part` holds a few distinct values (kinds, levels, attestations,
/// categories): read as an Arrow dictionary, its values are decoded once per page rather
/// than once per row, and the records borrow them.
fn few_values(part: Part, column: &str) -> bool {
    match part {
        Part::Units => matches!(column, "kind" | "subkind" | "size" | "level"),
        Part::Evidence => column.starts_with("attested:"),
        Part::Incidents => column == "category",
        Part::Activities => matches!(column, "type" | "issuer" | "form" | "recipient"),
    }
}

/// The file's schema with its few-valued text columns as dictionaries; `None` when it has
/// none.
fn as_dictionaries(part: Part, schema: &SchemaRef) -> Option<SchemaRef> {
    let dictionary = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    let mut changed = false;
    let fields: Vec<Field> = schema
        .fields()
        .iter()
        .map(|f| {
            if f.data_type() == &DataType::Utf8 && few_values(part, f.name()) {
                changed = true;
                f.as_ref().clone().with_data_type(dictionary.clone())
            } else {
                f.as_ref().clone()
            }
        })
        .collect();
    changed.then(|| std::sync::Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone())))
}

/// Writes a table as a Parquet file (Snappy-compressed).
pub(super) fn write(t: &Table<'_>, path: &Path) -> Result<()> {
    let batch = table_to_batch(t).map_err(|e| io(path, &e))?;
    let file = std::fs::File::create(path).map_err(|e| io(path, &e))?;
    let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let mut w = ArrowWriter::try_new(file, batch.schema(), Some(props)).map_err(|e| io(path, &e))?;
    w.write(&batch).map_err(|e| io(path, &e))?;
    w.close().map_err(|e| io(path, &e))?;
    Ok(())
}
