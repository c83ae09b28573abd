//! A review's verdicts written out, part by part, so that memory holds one part's cells and
//! not the nation's: the columns asked for (all when none), as CSV text on a stream, or to a
//! file whose extension may ask for a Parquet or Arrow table. The one writer of `antq review`
//! and Python's `antq.write_verdicts`.
//!
//! ```
//! use antq::{Dataset, Options, Prepared, RuleSet};
//! let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
//! let prepared = Prepared::new(&ds, 2023).unwrap();
//! let rules = RuleSet::preset("vn.c124-2021").unwrap();
//! let review = prepared.review(&rules, &Options::default()).unwrap();
//! let mut csv = Vec::new();
//! let rows = antq::verdicts::write_csv(&review, &["unit", "outcome"], &mut csv, "csv").unwrap();
//! let text = String::from_utf8(csv).unwrap();
//! assert_eq!(rows, review.len());
//! assert!(text.starts_with("unit,outcome\n"));
//! assert!(antq::verdicts::write_csv(&review, &["colour"], &mut Vec::new(), "csv").is_err());
//! ```

use crate::RuleSet;
use crate::table::{VERDICT_COLUMNS, VerdictCell, VerdictCells, csv, verdict_column_names};
use std::io::Write;

/// The key of the schema metadata under which a Parquet or Arrow verdicts file
/// (`write_file`, feature `columnar`) holds the decision record (JSON: rule set, version and content hash,
/// instruments, supplements, year, as-of date, engine), whatever columns it holds.
pub const DECISION_KEY: &str = "antq.decision";

/// The schema metadata that names what decided `review`'s verdicts: its decision record as
/// JSON under [`DECISION_KEY`], as a verdicts file (and Python's table of them) holds it.
pub fn decision_metadata(review: &crate::Review<'_>) -> std::collections::HashMap<String, String> {
    // A record of text, numbers and dates always serialises.
    let decision = serde_json::to_string(review.record()).unwrap_or_default();
    [(DECISION_KEY.to_owned(), decision)].into()
}

/// Rows of verdicts made and written at a time (of the 27 columns of every verdict, a
/// part's cells take about 3 MB).
pub const PART: usize = 4096;

/// Rows of verdicts made and written at a time to a Parquet or Arrow file: a row group or
/// record batch each (a few MB of Arrow arrays), large enough for its readers.
#[cfg(feature = "columnar")]
const FILE_PART: usize = if cfg!(test) { 1000 } else { 65_536 };

/// Why verdicts could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A column asked for is not a verdict column of the rule set, or is asked for twice
    /// (the message names it and lists the columns).
    #[error("{0}")]
    Columns(String),
    /// Writing failed.
    #[error("cannot write {target}: {error}")]
    Write {
        /// The file, or the name the caller gave the stream.
        target: String,
        /// The system's error.
        #[source]
        error: std::io::Error,
    },
}

/// Checks the verdict columns `names` for a review under `rules`: each one of
/// [`VERDICT_COLUMNS`] or a criterion's id, given once. The error names the first that is
/// not, and lists the columns.
///
/// ```
/// let rules = antq::RuleSet::preset("vn.c124-2021").unwrap();
/// assert!(antq::verdicts::check_columns(&rules, &["unit", "RA-1"]).is_ok());
/// let e = antq::verdicts::check_columns(&rules, &["unit", "unit"]).unwrap_err();
/// assert!(e.starts_with("`unit` is given twice; the columns are unit, kind,"));
/// ```
pub fn check_columns(rules: &RuleSet, names: &[&str]) -> Result<(), String> {
    let known = |n: &str| VERDICT_COLUMNS.contains(&n) || rules.criteria.iter().any(|c| c.id == n);
    let repeated = |k: usize| names[..k].contains(&names[k]);
    match (0..names.len()).find(|&k| !known(names[k]) || repeated(k)) {
        None => Ok(()),
        Some(k) => {
            let all: Vec<&str> =
                VERDICT_COLUMNS.iter().copied().chain(rules.criteria.iter().map(|c| c.id.as_str())).collect();
            let why = if repeated(k) { "is given twice" } else { "is not a verdict column" };
            Err(format!("`{}` {why}; the columns are {}", names[k], all.join(", ")))
        }
    }
}

/// The parts of a review's verdicts: `csv(start)` is the CSV text of the [`PART`] rows from
/// `start`; a file's parts are made of the same cells.
struct Parts<'a, 'r> {
    names: Vec<&'a str>,
    cells: VerdictCells<'a, 'r>,
    /// The supplements' cell as CSV text (the same on every row).
    supplements: String,
}

impl<'a, 'r> Parts<'a, 'r> {
    fn new(
        review: &'a crate::Review<'r>,
        columns: &[&'a str],
        all: &'a [std::borrow::Cow<'a, str>],
    ) -> Result<Self, WriteError> {
        let names: Vec<&str> =
            if columns.is_empty() { all.iter().map(|n| n.as_ref()).collect() } else { columns.to_vec() };
        check_columns(review.rules(), &names).map_err(WriteError::Columns)?;
        // Checked above: every name is a verdict column, given once.
        let cells = VerdictCells::new(review, &names)
            .ok_or_else(|| WriteError::Columns("a checked verdict column was refused".into()))?;
        let supplements = cells.supplements().join(";");
        Ok(Parts { names, cells, supplements })
    }

    /// The [`PART`] rows from `start` as CSV text (the header line first for the first
    /// part), written from each row's cells: the text [`csv::part`] makes of
    /// [`crate::table::verdicts_table_columns`], without building the table. Returns the text and its rows.
    fn csv(&self, start: usize) -> (String, usize) {
        use std::fmt::Write as _;
        // About eight bytes a cell: one allocation for most parts.
        let mut s = String::with_capacity(PART.saturating_mul(self.names.len()).saturating_mul(8));
        if start == 0 {
            for (k, name) in self.names.iter().enumerate() {
                if k > 0 {
                    s.push(',');
                }
                csv::push_field(&mut s, name);
            }
            s.push('\n');
        }
        let rows = self.cells.each_row(start..start.saturating_add(PART), |row| {
            for (k, cell) in row.iter().enumerate() {
                if k > 0 {
                    s.push(',');
                }
                match *cell {
                    VerdictCell::Text(x) => csv::push_field(&mut s, x),
                    // antq's own codes need no quoting.
                    VerdictCell::Code(x) => {
                        debug_assert!(
                            x.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                            "{x}"
                        );
                        s.push_str(x);
                    }
                    VerdictCell::Int(i) => {
                        let _ = write!(s, "{i}");
                    }
                    VerdictCell::Supplements => csv::push_field(&mut s, &self.supplements),
                    VerdictCell::Empty => {}
                }
            }
            s.push('\n');
        });
        (s, rows)
    }
}

/// Writes the verdicts' columns `columns` (all when empty) as CSV text to `to`, header
/// first; `target` names `to` in errors. Returns the number of rows written. With the
/// `parallel` feature two parts are formatted at a time, on other threads, while the parts
/// before them are written: the same text.
pub fn write_csv(
    review: &crate::Review<'_>,
    columns: &[&str],
    to: &mut dyn Write,
    target: &str,
) -> Result<usize, WriteError> {
    let all = verdict_column_names(review);
    let parts = Parts::new(review, columns, &all)?;
    let mut rows = 0;
    in_parts(
        PART,
        |start| parts.csv(start),
        |text: String, n| {
            to.write_all(text.as_bytes()).map_err(|error| WriteError::Write { target: target.to_owned(), error })?;
            rows += n;
            Ok(())
        },
    )?;
    Ok(rows)
}

/// Makes the parts of `rows` rows each from row 0 (`make(start)`: a part and its rows) and
/// hands each to `emit` in order, up to the first short part (the last). With the `parallel`
/// feature, parts are made two at a time on other threads while this one hands over those
/// before them: the writing (the copy into a file, a Parquet encoder) overlaps the making.
/// At most two pairs wait; a failed `emit` stops the making (its next send fails).
fn in_parts<T: Send, E>(
    rows: usize,
    make: impl Fn(usize) -> (T, usize) + Sync,
    mut emit: impl FnMut(T, usize) -> Result<(), E>,
) -> Result<(), E> {
    #[cfg(feature = "parallel")]
    return std::thread::scope(|s| {
        let make = &make;
        let (tx, rx) = std::sync::mpsc::sync_channel::<(T, usize)>(4);
        s.spawn(move || {
            for start in (0..).step_by(2 * rows) {
                let (first, second) = rayon::join(|| make(start), || make(start + rows));
                let last = first.1 < rows || second.1 < rows;
                if tx.send(first).is_err() || tx.send(second).is_err() || last {
                    return;
                }
            }
        });
        for (part, n) in rx {
            emit(part, n)?;
            if n < rows {
                break;
            }
        }
        Ok(())
    });
    #[cfg(not(feature = "parallel"))]
    for start in (0..).step_by(rows) {
        let (part, n) = make(start);
        emit(part, n)?;
        if n < rows {
            return Ok(());
        }
    }
    #[cfg(not(feature = "parallel"))]
    Ok(())
}

/// The format [`write_file`] writes `path` in: Parquet or Arrow when its extension says so
/// (`.parquet`, `.arrow`, `.feather`), CSV text for any other; a workbook (`.xlsx`) or a
/// JSON document (`.json`) is refused rather than written as CSV under its name.
///
/// ```
/// use antq::columnar::TableFormat;
/// assert_eq!(antq::verdicts::file_format("v.parquet".as_ref()), Ok(TableFormat::Parquet));
/// assert_eq!(antq::verdicts::file_format("v.txt".as_ref()), Ok(TableFormat::Csv));
/// assert!(antq::verdicts::file_format("v.xlsx".as_ref()).is_err());
/// assert!(antq::verdicts::file_format("v.JSON".as_ref()).is_err());
/// ```
#[cfg(feature = "columnar")]
pub fn file_format(path: &std::path::Path) -> Result<crate::columnar::TableFormat, String> {
    use crate::columnar::TableFormat;
    let ext = |x: &str| path.extension().is_some_and(|e| e.eq_ignore_ascii_case(x));
    match TableFormat::of_path(path) {
        _ if ext("xlsx") => Err("verdicts are written as CSV, Parquet or Arrow, not as a workbook (`.xlsx`)".into()),
        _ if ext("json") => Err("verdicts are written as CSV, Parquet or Arrow, not as JSON (`.json`): a CSV \
                                 under that name would not be what it says; the whole evaluation as JSON is \
                                 `antq evaluate --format json`"
            .into()),
        Some(f @ (TableFormat::Parquet | TableFormat::Arrow)) => Ok(f),
        _ => Ok(TableFormat::Csv),
    }
}

/// Writes the verdicts' columns `columns` (all when empty) to `path`: a Parquet or Arrow
/// table when its extension says so (`.parquet`, `.arrow`, `.feather`), CSV text otherwise.
/// The file is written whole or not at all ([`crate::replace_file`]). A Parquet or Arrow file
/// also holds the decision record in its schema's metadata ([`DECISION_KEY`]), so that even
/// `unit, outcome` names what decided it. Returns the number of rows written.
///
/// ```
/// # use antq::{Dataset, Options, Prepared, RuleSet};
/// # let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// # let prepared = Prepared::new(&ds, 2023).unwrap();
/// # let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// # let review = prepared.review(&rules, &Options::default()).unwrap();
/// let path = std::env::temp_dir().join(format!("antq-doc-verdicts-{}.parquet", std::process::id()));
/// let rows = antq::verdicts::write_file(&review, &["unit", "outcome"], &path).unwrap();
/// assert_eq!(rows, review.len());
/// # std::fs::remove_file(&path).unwrap();
/// ```
#[cfg(feature = "columnar")]
pub fn write_file(review: &crate::Review<'_>, columns: &[&str], path: &std::path::Path) -> Result<usize, WriteError> {
    use crate::columnar::{TableFormat, TableWriter};
    use arrow_array::RecordBatch;
    let target = path.display().to_string();
    let failed = |error: std::io::Error| WriteError::Write { target: target.clone(), error };
    let mut rows = 0;
    let format = file_format(path).map_err(|why| failed(std::io::Error::new(std::io::ErrorKind::InvalidInput, why)))?;
    if format == TableFormat::Csv {
        crate::replace_file(
            path,
            |tmp| {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create_new(tmp).map_err(failed)?);
                rows = write_csv(review, columns, &mut w, &target)?;
                w.flush().map_err(failed)
            },
            failed,
        )?;
        return Ok(rows);
    }
    let all = verdict_column_names(review);
    let parts = Parts::new(review, columns, &all)?;
    // The writer's own errors name the temporary file it fills (and, being `Error::Io`,
    // say "cannot read"): only the system's message is kept, under the target's name.
    let table = |e: crate::Error| match e {
        crate::Error::Io { message, .. } => failed(std::io::Error::other(message)),
        other => failed(std::io::Error::other(other.to_string())),
    };
    crate::replace_file(
        path,
        |tmp| {
            let mut w = TableWriter::create(tmp, format)
                .map_err(table)?
                .with_metadata(decision_metadata(review))
                // A unit has one verdict: its ids are distinct.
                .with_unique_columns(&["unit"]);
            let make = |start: usize| {
                let batch = crate::columnar::verdict_part(&parts.cells, &parts.names, start..start + FILE_PART);
                let n = batch.as_ref().map_or(0, RecordBatch::num_rows);
                (batch, n)
            };
            let mut first = true;
            in_parts(FILE_PART, make, |batch, n| {
                let batch = batch.map_err(|e| failed(std::io::Error::other(e)))?;
                // An empty review still writes its columns.
                if n > 0 || first {
                    w.write_batch(batch).map_err(table)?;
                }
                first = false;
                Ok(())
            })?;
            rows = w.finish().map_err(table)?;
            Ok(())
        },
        failed,
    )?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::{PART, WriteError, write_csv};
    use crate::synthetic::generate::{Spec, generate};
    use crate::table::{csv, verdicts_table_columns};
    use crate::{Options, Prepared, RuleSet};

    fn sample_supplement() -> crate::Supplement {
        crate::Supplement::from_str_named("s.toml", crate::sample::SAMPLE_D510_SUPPLEMENT).unwrap()
    }

    /// A writer that fails once it has taken `left` bytes.
    struct Full {
        left: usize,
    }

    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if buf.len() > self.left {
                return Err(std::io::Error::other("disk full"));
            }
            self.left -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn parts_written_two_at_a_time_are_the_whole_table_once() {
        // More than two parts, and a last pair whose second part is short.
        let ds = generate(&Spec { units: 2 * PART + PART / 2, year: 2023, seed: 5 });
        let prepared = Prepared::new(&ds, 2023).unwrap();
        let rules = RuleSet::preset("vn.c124-2021").unwrap();
        let review = prepared.review(&rules, &Options::default()).unwrap();
        assert!(review.len() > 2 * PART, "{} units reviewed", review.len());
        for names in [&["unit", "outcome"][..], &["outcome", "RA-1", "rule_set", "unit"]] {
            let mut out = Vec::new();
            let rows = write_csv(&review, names, &mut out, "test").unwrap();
            let whole = csv::text(&verdicts_table_columns(&review, 0..usize::MAX, names).unwrap());
            assert_eq!(rows, review.len());
            assert_eq!(String::from_utf8(out).unwrap(), whole, "{names:?}");
        }
        let mut all = Vec::new();
        write_csv(&review, &[], &mut all, "test").unwrap();
        assert_eq!(String::from_utf8(all).unwrap(), csv::text(&crate::table::verdicts_table(&review)));
        // Every column of the other kinds of outcome, on the sample with its supplements:
        // levels (points), ranks (typical units).
        let sample = crate::Dataset::from_str_named("s.json", crate::sample::SAMPLE_JSON).unwrap();
        let sample = Prepared::new(&sample, 2023).unwrap();
        let d510 = RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&sample_supplement()).unwrap();
        let typical = RuleSet::preset("vn.d9745-2022.communes")
            .unwrap()
            .with_supplement(
                &crate::Supplement::from_str_named("t.toml", crate::sample::SAMPLE_TYPICAL_SUPPLEMENT).unwrap(),
            )
            .unwrap();
        for (rules, column) in [(d510, "level"), (typical, "rank")] {
            let review = sample.review(&rules, &Options::default()).unwrap();
            let mut all = Vec::new();
            write_csv(&review, &[], &mut all, "test").unwrap();
            let table = crate::table::verdicts_table(&review);
            let filled = match table.column(column) {
                Some(crate::table::Column::Text(v)) => v.iter().flatten().count(),
                Some(crate::table::Column::Int(v)) => v.iter().flatten().count(),
                _ => 0,
            };
            assert!(filled > 0, "{}: no {column}", rules.id);
            assert_eq!(String::from_utf8(all).unwrap(), csv::text(&table), "{}", rules.id);
        }
        match write_csv(&review, &["unit"], &mut Full { left: 1000 }, "the test file") {
            Err(WriteError::Write { target, error }) => {
                assert_eq!((target.as_str(), error.to_string().as_str()), ("the test file", "disk full"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(write_csv(&review, &["unit", "colour"], &mut Vec::new(), "t"), Err(WriteError::Columns(_))));
    }
}

#[cfg(all(test, feature = "columnar"))]
mod file_tests {
    use super::{DECISION_KEY, write_file};
    use crate::{Dataset, Options, Prepared, RuleSet};

    #[test]
    fn table_files_name_the_decision_whatever_their_columns() {
        let ds = Dataset::from_str_named("s.json", crate::sample::SAMPLE_JSON).unwrap();
        let prepared = Prepared::new(&ds, 2023).unwrap();
        let rules = RuleSet::preset("vn.c124-2021").unwrap();
        let review = prepared.review(&rules, &Options::default()).unwrap();
        let want: serde_json::Value = serde_json::to_value(review.record()).unwrap();
        let dir = std::env::temp_dir().join(format!("antq-verdicts-metadata-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (pq, arrow) = (dir.join("v.parquet"), dir.join("v.arrow"));
        assert_eq!(write_file(&review, &["unit", "outcome"], &pq).unwrap(), review.len());
        assert_eq!(write_file(&review, &["unit"], &arrow).unwrap(), review.len());
        let file = std::fs::File::open(&pq).unwrap();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        let from_parquet = reader.schema().metadata().get(DECISION_KEY).cloned().unwrap();
        let reader = arrow_ipc::reader::FileReader::try_new(std::fs::File::open(&arrow).unwrap(), None).unwrap();
        let from_arrow = reader.schema().metadata().get(DECISION_KEY).cloned().unwrap();
        for text in [from_parquet, from_arrow] {
            let got: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(got, want);
            assert_eq!(got["rule_set"], "vn.c124-2021");
        }
        // A review of several parts (made two at a time while the writer writes) is written
        // whole and in order, as the verdict table is.
        let ds = crate::synthetic::generate::generate(&crate::synthetic::generate::Spec {
            units: 2 * super::FILE_PART + super::FILE_PART / 2,
            year: 2023,
            seed: 2,
        });
        let prepared = Prepared::new(&ds, 2023).unwrap();
        let review = prepared.review(&rules, &Options::default()).unwrap();
        assert!(review.len() > 2 * super::FILE_PART, "{}", review.len());
        let whole = crate::columnar::table_to_batch(&crate::table::verdicts_table(&review)).unwrap();
        assert_eq!(write_file(&review, &[], &pq).unwrap(), review.len());
        assert_eq!(write_file(&review, &[], &arrow).unwrap(), review.len());
        let file = std::fs::File::open(&pq).unwrap();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        assert_eq!(reader.metadata().num_row_groups(), 3);
        let from_parquet: Vec<_> = reader.build().unwrap().map(Result::unwrap).collect();
        let reader = arrow_ipc::reader::FileReader::try_new(std::fs::File::open(&arrow).unwrap(), None).unwrap();
        let from_arrow: Vec<_> = reader.map(Result::unwrap).collect();
        assert_eq!(from_arrow.len(), 3);
        for parts in [from_parquet, from_arrow] {
            let mut at = 0;
            for part in &parts {
                assert_eq!(part.columns(), whole.slice(at, part.num_rows()).columns(), "rows from {at}");
                at += part.num_rows();
            }
            assert_eq!(at, whole.num_rows());
        }
        // A CSV file holds only its columns.
        let csv = dir.join("v.csv");
        write_file(&review, &["unit", "outcome"], &csv).unwrap();
        assert!(std::fs::read_to_string(&csv).unwrap().starts_with("unit,outcome\n"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
