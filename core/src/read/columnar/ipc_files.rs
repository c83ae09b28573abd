//! Tables in Arrow IPC files (`.arrow`, `.feather` version 2).

use super::batch_queue::Batches;
use super::batches::table_to_batch;
use super::{BATCH_ROWS, file_problem, io};
use crate::error::Result;
use crate::table::{Part, Table};
use arrow_ipc::reader::FileReader;
use arrow_ipc::writer::FileWriter;
use std::path::Path;

/// The Arrow IPC file of one part, to be read a record batch at a time.
pub(super) fn open(path: &Path, part: Part) -> Result<Batches<'_>> {
    let file = std::io::BufReader::new(std::fs::File::open(path).map_err(|e| io(path, &e))?);
    let reader = FileReader::try_new(file, None)
        .map_err(|e| file_problem(path, part.as_str(), format!("not an Arrow IPC file: {e}")))?;
    let schema = reader.schema();
    let batches = Box::new(reader.map(|b| b.map_err(|e| e.to_string())));
    Ok(Batches { path, part, schema, rows: 0, batches })
}

/// Writes a table as an Arrow IPC file (uncompressed).
pub(super) fn write(t: &Table<'_>, path: &Path) -> Result<()> {
    let batch = table_to_batch(t).map_err(|e| io(path, &e))?;
    let file = std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| io(path, &e))?);
    let mut w = FileWriter::try_new(file, &batch.schema()).map_err(|e| io(path, &e))?;
    // Batches of `BATCH_ROWS` rows, so that a reader needs only one at a time.
    let mut from = 0;
    while from < batch.num_rows() {
        let part = batch.slice(from, (batch.num_rows() - from).min(BATCH_ROWS));
        w.write(&part).map_err(|e| io(path, &e))?;
        from += part.num_rows();
    }
    w.finish().map_err(|e| io(path, &e))?;
    let mut file = w.into_inner().map_err(|e| io(path, &e))?;
    std::io::Write::flush(&mut file).map_err(|e| io(path, &e))
}
