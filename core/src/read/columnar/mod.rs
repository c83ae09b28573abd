//! Datasets in files of flat tables (feature `columnar`): Parquet, Arrow IPC and CSV files,
//! one per table, and (feature `xlsx`) `.xlsx` workbooks with one sheet per table. The
//! tables have the forms of [`crate::table`] (`units`, `evidence`, `incidents`,
//! `activities`); only `units` is required.
//!
//! A dataset location ([`TableFiles::locate`]) is a folder holding `units.parquet`,
//! `evidence.parquet`… (or `.arrow` / `.feather`, or `.csv`), a `units.EXT` file whose
//! siblings hold the other tables, or (`xlsx`) one workbook. Problems name the file (and
//! sheet), the row and the column: `units[3].kind` as in the JSON form, plus the CSV line or
//! spreadsheet row a user sees.
//!
//! Files are read a batch of rows at a time into the dataset ([`crate::table::TableImport`]),
//! so a table is never held whole beside the records made from it.
//!
//! ```
//! use antq::columnar::{TableFormat, read_dataset, write_dataset};
//! let ds = antq::Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
//! let dir = std::env::temp_dir().join(format!("antq-doc-columnar-{}", std::process::id()));
//! write_dataset(&ds, &dir, TableFormat::Parquet).unwrap();
//! let back = read_dataset(&dir).unwrap();
//! assert_eq!((back.units, back.evidence), (ds.units, ds.evidence));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod batch_queue;
mod batches;
mod csv_files;
mod evidence_batch;
mod files;
mod ipc_files;
mod locate;
mod parquet_files;
mod table_writer;
#[cfg(feature = "xlsx")]
mod template;
#[cfg(test)]
mod tests;
mod verdict_batch;
#[cfg(feature = "xlsx")]
mod workbook;
#[cfg(all(test, feature = "xlsx"))]
mod workbook_tests;

pub use batches::{result_to_batch, table_from_batches, table_to_batch};
pub use files::{TableFiles, TableFormat};
pub use table_writer::TableWriter;
#[cfg(feature = "xlsx")]
pub use template::{TemplateColumn, template_columns, write_template};
pub(crate) use verdict_batch::verdict_part;
pub use verdict_batch::verdicts_batch;

use crate::error::{Error, Location, Problem, Result};
use crate::model::dataset::Dataset;
use crate::table::{Part, TableImport, dataset_to_tables};
use locate::Origin;
use std::path::{Path, PathBuf};

/// Rows handed to the dataset at a time.
const BATCH_ROWS: usize = 8192;

/// Reads the dataset at `path`: a folder of table files, a `units.EXT` file with its
/// siblings, or (feature `xlsx`) an `.xlsx` workbook.
pub fn read_dataset(path: &Path) -> Result<Dataset> {
    #[cfg(feature = "xlsx")]
    if TableFormat::of_path(path) == Some(TableFormat::Xlsx) && !path.is_dir() {
        return workbook::read(path);
    }
    read_table_files(&TableFiles::locate(path)?)
}

/// Reads the dataset at `path`, whatever its form: a folder, or a file with a table
/// extension (`.parquet`, `.arrow`, `.feather`, `.csv`, and with feature `xlsx`, `.xlsx`),
/// as tables ([`read_dataset`]); any other file as a JSON or TOML document
/// ([`Dataset::from_path`]). The one reader of the CLI and of Python's `Dataset.from_path`.
///
/// ```
/// let ds = antq::columnar::read_path(concat!(env!("CARGO_MANIFEST_DIR"), "/sample/province.json").as_ref()).unwrap();
/// assert!(ds.units.len() > 100);
/// ```
pub fn read_path(path: &Path) -> Result<Dataset> {
    if path.is_dir() || TableFormat::of_path(path).is_some() { read_dataset(path) } else { Dataset::from_path(path) }
}

/// Reads a dataset from its table files.
pub fn read_table_files(files: &TableFiles) -> Result<Dataset> {
    #[cfg(feature = "xlsx")]
    if files.format == TableFormat::Xlsx {
        return workbook::read(&files.units);
    }
    let (import, origins) = import_files(files)?;
    import.finish().map_err(|e| locate::locate(e, &origins))
}

/// Every table of `files` read into one import, with where each table came from. With the
/// `parallel` feature the files are read at the same time (Parquet and Arrow files a batch
/// at a time on every core, CSV files each on a core), each into its own import, then
/// joined in table order: the dataset and its problems are those of reading them one after
/// the other.
fn import_files(files: &TableFiles) -> Result<(TableImport, Vec<Origin>)> {
    let parts: Vec<(Part, &Path)> = Part::ALL.into_iter().filter_map(|p| Some((p, files.get(p)?))).collect();
    let read: Vec<Result<(TableImport, Origin)>> = match files.format {
        TableFormat::Parquet | TableFormat::Arrow => {
            let opened: Vec<Result<batch_queue::Batches<'_>>> = parts
                .iter()
                .map(|&(part, path)| match files.format {
                    TableFormat::Arrow => ipc_files::open(path, part),
                    _ => parquet_files::open(path, part),
                })
                .collect();
            let failed: Vec<Option<Error>> = opened.iter().map(|o| o.as_ref().err().cloned()).collect();
            let mut read = batch_queue::import_tables(opened.into_iter().filter_map(Result::ok).collect()).into_iter();
            // A file that cannot be opened fails its table; the others are read.
            failed.into_iter().filter_map(|f| f.map(Err).or_else(|| read.next())).collect()
        }
        _ => {
            let read = |&(part, path): &(Part, &Path)| -> Result<(TableImport, Origin)> {
                let mut import = TableImport::default();
                let origin = match files.format {
                    #[cfg(feature = "xlsx")]
                    TableFormat::Xlsx => {
                        return Err(file_problem(path, part.as_str(), "a workbook is one file".into()));
                    }
                    _ => csv_files::read(path, part, &mut import)?,
                };
                Ok((import, origin))
            };
            #[cfg(feature = "parallel")]
            {
                use rayon::prelude::*;
                parts.par_iter().map(read).collect()
            }
            #[cfg(not(feature = "parallel"))]
            parts.iter().map(read).collect()
        }
    };
    let mut import = TableImport::default();
    let mut origins = Vec::with_capacity(parts.len());
    for one in read {
        let (part, origin) = one?;
        import.append(part);
        origins.push(origin);
    }
    Ok((import, origins))
}

/// A table given as Arrow record batches (a dataframe's, read through the Arrow C stream)
/// and their schema.
pub type Batches = (Vec<arrow_array::RecordBatch>, arrow_schema::SchemaRef);

/// The dataset of tables given as Arrow record batches (`units`, and the others when
/// given), validated: what Python's `Dataset.from_frames` reads. The batches are made into
/// records as table files' are ([`read_dataset`]: evidence of the usual types straight
/// into records, and with the `parallel` feature on every core, a slice of rows at a time).
/// Its dataset and its errors are those of [`table_from_batches`] and
/// [`crate::table::dataset_from_tables`]: tables with any problem are read again that way,
/// for the same error.
///
/// ```
/// use antq::columnar::{dataset_from_batches, table_to_batch};
/// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let tables = antq::table::dataset_to_tables(&ds);
/// let batches = |t: &antq::table::Table<'_>| {
///     let b = table_to_batch(t).unwrap();
///     (vec![b.clone()], b.schema())
/// };
/// let (units, evidence) = (batches(&tables.units), batches(&tables.evidence));
/// let read = dataset_from_batches(&units, Some(&evidence), None, None).unwrap();
/// assert_eq!((read.units, read.evidence), (ds.units, ds.evidence));
/// ```
pub fn dataset_from_batches(
    units: &Batches,
    evidence: Option<&Batches>,
    incidents: Option<&Batches>,
    activities: Option<&Batches>,
) -> Result<Dataset> {
    let given = [
        (Part::Units, Some(units)),
        (Part::Evidence, evidence),
        (Part::Incidents, incidents),
        (Part::Activities, activities),
    ];
    let tables: Vec<batch_queue::Batches<'_>> = given
        .iter()
        .filter_map(|&(part, b)| {
            let (batches, schema) = b?;
            // Zero-copy slices of a table's rows, so that a table given as one batch is still
            // shared out among the cores.
            let slices = batches.iter().flat_map(|b| {
                (0..b.num_rows()).step_by(BATCH_ROWS).map(move |at| Ok(b.slice(at, BATCH_ROWS.min(b.num_rows() - at))))
            });
            Some(batch_queue::Batches {
                path: Path::new(part.as_str()),
                part,
                schema: schema.clone(),
                rows: batches.iter().map(arrow_array::RecordBatch::num_rows).sum(),
                batches: Box::new(slices),
            })
        })
        .collect();
    let mut import = TableImport::default();
    for read in batch_queue::import_tables(tables) {
        match read {
            Ok((part, _)) => import.append(part),
            Err(_) => return from_tables(units, evidence, incidents, activities),
        }
    }
    // Only a dataset read without a problem is kept; any other is read again as
    // `dataset_from_tables` reads it, for its error.
    import.finish().or_else(|_| from_tables(units, evidence, incidents, activities))
}

/// [`dataset_from_batches`] through the flat tables: every table converted
/// ([`table_from_batches`], its problems collected), then the dataset made of them.
fn from_tables(
    units: &Batches,
    evidence: Option<&Batches>,
    incidents: Option<&Batches>,
    activities: Option<&Batches>,
) -> Result<Dataset> {
    fn table<'a>(part: Part, b: Option<&'a Batches>, problems: &mut Vec<Problem>) -> Option<crate::table::Table<'a>> {
        let (batches, schema) = b?;
        table_from_batches(part.as_str(), schema, batches).map_err(|ps| problems.extend(ps)).ok()
    }
    let mut problems = Vec::new();
    let (u, e, i, a) = (
        table(Part::Units, Some(units), &mut problems),
        table(Part::Evidence, evidence, &mut problems),
        table(Part::Incidents, incidents, &mut problems),
        table(Part::Activities, activities, &mut problems),
    );
    match u {
        Some(u) if problems.is_empty() => crate::table::dataset_from_tables(&u, e.as_ref(), i.as_ref(), a.as_ref()),
        _ => Err(Error::InvalidDataset(problems)),
    }
}

/// A dataset read as [`read_path`] reads it, but not yet validated: [`Unchecked::prepare`]
/// validates and indexes it for a year in one pass ([`crate::Prepared::new`]), where
/// [`read_path`] then `Prepared::new` validate it twice. Its errors are those of
/// [`read_path`], placed in the files alike.
///
/// ```
/// use antq::columnar::{TableFormat, read_unchecked, write_dataset};
/// let ds = antq::Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
/// let dir = std::env::temp_dir().join(format!("antq-doc-unchecked-{}", std::process::id()));
/// write_dataset(&ds, &dir, TableFormat::Parquet).unwrap();
/// let read = read_unchecked(&dir).unwrap();
/// let prepared = read.prepare(2023).unwrap();
/// assert_eq!(prepared.dataset().units, ds.units);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug)]
pub struct Unchecked {
    dataset: Dataset,
    /// Where each table came from; `None` for a dataset already validated when read (a JSON
    /// or TOML document, a workbook).
    origins: Option<Vec<Origin>>,
}

/// Reads the dataset at `path` as [`read_path`] does, leaving the validation of folders and
/// table files to [`Unchecked::prepare`] (JSON and TOML documents and workbooks are validated
/// as they are read).
pub fn read_unchecked(path: &Path) -> Result<Unchecked> {
    let is_tables = path.is_dir() || TableFormat::of_path(path).is_some_and(|f| TableFormat::PER_TABLE.contains(&f));
    if !is_tables {
        return Ok(Unchecked { dataset: read_path(path)?, origins: None });
    }
    let (import, origins) = import_files(&TableFiles::locate(path)?)?;
    let dataset = import.finish_unchecked().map_err(|e| locate::locate(e, &origins))?;
    Ok(Unchecked { dataset, origins: Some(origins) })
}

impl From<Dataset> for Unchecked {
    /// A dataset from elsewhere (read and validated, or built), for [`Unchecked::prepare`].
    fn from(dataset: Dataset) -> Self {
        Unchecked { dataset, origins: None }
    }
}

impl Unchecked {
    /// The dataset as read (not validated yet if it came from table files).
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// `e` (an error of reviewing the dataset) with its problems about evidence records
    /// (`unknown_key`) placed in the evidence table's file, line and column, where the dataset
    /// came from table files.
    pub fn locate(&self, e: Error) -> Error {
        match &self.origins {
            Some(origins) => locate::locate_evidence(e, &self.dataset, origins),
            None => e,
        }
    }

    /// Validates and indexes the dataset for `year` ([`crate::Prepared::new`]); an invalid
    /// dataset gives the error [`read_path`] gives for it.
    pub fn prepare(&self, year: i32) -> Result<crate::Prepared<'_>> {
        crate::Prepared::new(&self.dataset, year).map_err(|e| match (&e, &self.origins) {
            (Error::InvalidDataset(_), Some(origins)) => {
                TableImport::validation_error(&self.dataset).map_or(e, |checked| locate::locate(checked, origins))
            }
            _ => e,
        })
    }
}

/// Writes `ds` as tables: for Parquet, Arrow and CSV, one file per table into the folder
/// `path` (made if missing; `units` always, the others when they have rows); for `xlsx`, one
/// workbook at `path`. Returns the files written. The dataset's meta data is not written.
pub fn write_dataset(ds: &Dataset, path: &Path, format: TableFormat) -> Result<Vec<PathBuf>> {
    let tables = dataset_to_tables(ds);
    let all = [&tables.units, &tables.evidence, &tables.incidents, &tables.activities];
    #[cfg(feature = "xlsx")]
    if format == TableFormat::Xlsx {
        workbook::write(&all, path)?;
        return Ok(vec![path.to_owned()]);
    }
    std::fs::create_dir_all(path).map_err(|e| io(path, &e))?;
    let mut written = Vec::new();
    for t in all {
        if t.name != "units" && t.num_rows() == 0 {
            continue;
        }
        let file = path.join(format!("{}.{}", t.name, format.extension()));
        match format {
            TableFormat::Parquet => parquet_files::write(t, &file)?,
            TableFormat::Arrow => ipc_files::write(t, &file)?,
            TableFormat::Csv => csv_files::write(t, &file)?,
            // Written as one workbook above.
            #[cfg(feature = "xlsx")]
            TableFormat::Xlsx => {}
        }
        written.push(file);
    }
    Ok(written)
}

fn io(path: &Path, e: &dyn std::fmt::Display) -> Error {
    Error::Io { path: path.display().to_string(), message: e.to_string() }
}

/// A problem with a whole file (not Parquet, an unreadable batch…), as an invalid dataset.
fn file_problem(path: &Path, table: &str, message: String) -> Error {
    Error::InvalidDataset(vec![Problem::syntax(
        Location { file: Some(path.display().to_string()), path: Some(table.to_owned()), ..Location::default() },
        message,
    )])
}
