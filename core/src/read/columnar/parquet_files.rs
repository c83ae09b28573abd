//! Tables in Apache Parquet files.

use super::batch_queue::Batches;
use super::batches::table_to_batch;
use super::{BATCH_ROWS, file_problem, io};
use crate::error::Result;
use crate::table::{Part, Table};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::path::Path;

/// The Parquet file of one part, to be read a batch of rows at a time.
pub(super) fn open(path: &Path, part: Part) -> Result<Batches<'_>> {
    let file = std::fs::File::open(path).map_err(|e| io(path, &e))?;
    let bad = |e: parquet::errors::ParquetError| file_problem(path, part.as_str(), format!("not a Parquet table: {e}"));
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(bad)?;
    let rows = usize::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
    let reader = builder.with_batch_size(BATCH_ROWS).build().map_err(bad)?;
    let schema = arrow_array::RecordBatchReader::schema(&reader);
    Ok(Batches { path, part, schema, rows, batches: Box::new(reader.map(|b| b.map_err(|e| e.to_string()))) })
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
