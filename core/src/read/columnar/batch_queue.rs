//! Several tables' record batches made into records on every core (feature `parallel`):
//! each table's file is decoded one batch at a time, by whichever worker is free, and the
//! records made of each batch are merged back in the file's order. The dataset and its
//! problems are those of reading the tables one batch after the other.

use super::Origin;
use super::batches::table_from_batches;
use crate::error::{Error, Problem, Result};
use crate::table::{Part, TableImport};
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

/// A table's batches as its file reader gives them.
pub(super) struct Batches<'a> {
    /// The file.
    pub path: &'a Path,
    /// The table it holds.
    pub part: Part,
    /// The file's schema (an empty table still has its columns checked).
    pub schema: SchemaRef,
    /// The rows the file says it holds: room reserved for them, within the limits.
    pub rows: usize,
    /// The batches, or why one cannot be read.
    pub batches: Box<dyn Iterator<Item = std::result::Result<RecordBatch, String>> + Send + 'a>,
}

/// What became of one batch.
enum Piece {
    /// Its records and problems; `ends` when a slice of it could not be read as the
    /// table's columns (the table ends there, with these problems).
    Rows { import: TableImport, ends: Option<Vec<Problem>> },
    /// The file could not give the batch: the table's read fails.
    Failed(Error),
}

/// The next batch of a table to hand out.
struct Feed<'a> {
    batches: Box<dyn Iterator<Item = std::result::Result<RecordBatch, String>> + Send + 'a>,
    /// The batch's number and its first row.
    next: usize,
    row: usize,
    done: bool,
}

/// A table's pieces merged in order.
struct Merge {
    import: TableImport,
    next: usize,
    waiting: BTreeMap<usize, Piece>,
    /// Later pieces are left out: the table ended (or failed) at an earlier one.
    ended: bool,
    failed: Option<Error>,
}

impl Merge {
    fn put(&mut self, at: usize, piece: Piece) {
        self.waiting.insert(at, piece);
        while let Some(piece) = self.waiting.remove(&self.next) {
            self.next += 1;
            if self.ended {
                continue;
            }
            match piece {
                Piece::Rows { import, ends } => {
                    self.ended = !self.import.append_batch(import);
                    if let Some(problems) = ends {
                        problems.into_iter().for_each(|p| self.import.push_problem(p));
                        self.ended = true;
                    }
                }
                Piece::Failed(e) => {
                    self.failed = Some(e);
                    self.ended = true;
                }
            }
        }
    }
}

/// One table being read.
struct Reading<'a> {
    path: &'a Path,
    part: Part,
    schema: SchemaRef,
    feed: Mutex<Feed<'a>>,
    merge: Mutex<Merge>,
}

impl Reading<'_> {
    /// Takes the table's next batch and makes its piece; `false` when it has none left.
    fn work(&self) -> bool {
        let (at, row, batch) = {
            let Ok(mut feed) = self.feed.lock() else { return false };
            if feed.done {
                return false;
            }
            let batch = feed.batches.next();
            let (at, row) = (feed.next, feed.row);
            match &batch {
                None if at > 0 => {
                    feed.done = true;
                    return false;
                }
                // No batch at all: the empty table is read once, for its columns.
                None | Some(Err(_)) => feed.done = true,
                Some(Ok(b)) => feed.row += b.num_rows(),
            }
            feed.next += 1;
            (at, row, batch)
        };
        let piece = match batch {
            None => self.rows(None, 0),
            Some(Ok(b)) => self.rows(Some(&b), row),
            Some(Err(e)) => Piece::Failed(self.unreadable(&e)),
        };
        if let Ok(mut merge) = self.merge.lock() {
            merge.put(at, piece);
        }
        true
    }

    /// The records of `batch` (none: the empty table), whose first row is row `row`. A large
    /// batch (an Arrow file written in one piece) is read in zero-copy slices, so the table
    /// made of it stays small.
    fn rows(&self, batch: Option<&RecordBatch>, row: usize) -> Piece {
        let name = self.part.as_str();
        let mut import = TableImport::default();
        let Some(b) = batch else {
            return match table_from_batches(name, &self.schema, &[]) {
                Ok(t) => {
                    import.add(self.part, &t, 0);
                    Piece::Rows { import, ends: None }
                }
                Err(ps) => Piece::Rows { import, ends: Some(ps) },
            };
        };
        let mut from = 0;
        while from < b.num_rows() {
            let slice = b.slice(from, (b.num_rows() - from).min(super::BATCH_ROWS));
            // Evidence of the usual types is read straight into records.
            if self.part == Part::Evidence
                && let Some(records) = super::evidence_batch::records(&slice)
            {
                import.add_evidence(records);
                from += slice.num_rows();
                continue;
            }
            match table_from_batches(name, &self.schema, std::slice::from_ref(&slice)) {
                Ok(t) => import.add(self.part, &t, row + from),
                Err(ps) => return Piece::Rows { import, ends: Some(ps) },
            }
            from += slice.num_rows();
        }
        Piece::Rows { import, ends: None }
    }

    fn unreadable(&self, e: &str) -> Error {
        let hint = if e.contains("feature") {
            " (antq reads Parquet files compressed with Snappy, zstd or LZ4, or not compressed, and \
             Arrow files compressed with LZ4 or not: write the file with compression=\"snappy\")"
        } else {
            ""
        };
        super::file_problem(self.path, self.part.as_str(), format!("cannot read the table: {e}{hint}"))
    }

    fn finish(self) -> Result<(TableImport, Origin)> {
        let merge = self.merge.into_inner().map_err(|_| poisoned(self.path, self.part))?;
        if let Some(e) = merge.failed {
            return Err(e);
        }
        let origin = Origin {
            table: self.part.as_str(),
            file: self.path.display().to_string(),
            columns: self.schema.fields().iter().map(|f| f.name().clone()).collect(),
            ..Origin::default()
        };
        Ok((merge.import, origin))
    }
}

fn poisoned(path: &Path, part: Part) -> Error {
    super::file_problem(path, part.as_str(), "a worker reading the table stopped".into())
}

/// Reads `tables` into one import each, in their order: with the `parallel` feature on
/// every core, a batch at a time (each worker starts on a table of its own, then helps
/// with the others).
pub(super) fn import_tables(tables: Vec<Batches<'_>>) -> Vec<Result<(TableImport, Origin)>> {
    let readings: Vec<Reading<'_>> = tables
        .into_iter()
        .map(|t| {
            let mut import = TableImport::default();
            import.reserve(t.part, t.rows);
            Reading {
                path: t.path,
                part: t.part,
                schema: t.schema,
                feed: Mutex::new(Feed { batches: t.batches, next: 0, row: 0, done: false }),
                merge: Mutex::new(Merge { import, next: 0, waiting: BTreeMap::new(), ended: false, failed: None }),
            }
        })
        .collect();
    let worker = |first: usize| {
        let n = readings.len();
        // The worker's own table first, then each other table in turn until none is left.
        for k in 0..n {
            let r = &readings[(first + k) % n];
            while r.work() {}
        }
    };
    #[cfg(feature = "parallel")]
    {
        let workers = rayon::current_num_threads().min(readings.len()).max(1);
        rayon::scope(|s| {
            for w in 0..workers {
                s.spawn(move |_| worker(w));
            }
        });
    }
    #[cfg(not(feature = "parallel"))]
    worker(0);
    readings.into_iter().map(Reading::finish).collect()
}
