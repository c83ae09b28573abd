//! Where a dataset's tables are: the file formats and [`TableFiles::locate`].

use super::file_problem;
use crate::error::Result;
use crate::table::Part;
use std::path::{Path, PathBuf};

/// A file format of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TableFormat {
    /// Apache Parquet (`.parquet`), one file per table.
    Parquet,
    /// Arrow IPC files (`.arrow`, `.feather`), one file per table.
    Arrow,
    /// CSV files (`.csv`, UTF-8 with or without a byte-order mark, a header row), one file
    /// per table.
    Csv,
    /// An `.xlsx` workbook with one sheet per table.
    #[cfg(feature = "xlsx")]
    Xlsx,
}

impl TableFormat {
    /// The formats with one file per table, in the order a folder is searched.
    pub const PER_TABLE: [TableFormat; 3] = [TableFormat::Parquet, TableFormat::Arrow, TableFormat::Csv];

    /// The format's name (`parquet`, `arrow`, `csv`, `xlsx`).
    pub fn as_str(self) -> &'static str {
        match self {
            TableFormat::Parquet => "parquet",
            TableFormat::Arrow => "arrow",
            TableFormat::Csv => "csv",
            #[cfg(feature = "xlsx")]
            TableFormat::Xlsx => "xlsx",
        }
    }

    /// The file extension written (`parquet`, `arrow`, `csv`, `xlsx`).
    pub fn extension(self) -> &'static str {
        self.as_str()
    }

    /// Every extension read as this format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            TableFormat::Parquet => &["parquet"],
            TableFormat::Arrow => &["arrow", "feather", "ipc"],
            TableFormat::Csv => &["csv"],
            #[cfg(feature = "xlsx")]
            TableFormat::Xlsx => &["xlsx"],
        }
    }

    /// The format of a file by its extension (any case), if it is a table format.
    ///
    /// ```
    /// use antq::columnar::TableFormat;
    /// assert_eq!(TableFormat::of_path("d/units.PARQUET".as_ref()), Some(TableFormat::Parquet));
    /// assert_eq!(TableFormat::of_path("d/units.feather".as_ref()), Some(TableFormat::Arrow));
    /// assert_eq!(TableFormat::of_path("d.json".as_ref()), None);
    /// ```
    pub fn of_path(path: &Path) -> Option<TableFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL.iter().copied().find(|f| f.extensions().contains(&ext.as_str()))
    }

    /// Every format built.
    pub const ALL: &'static [TableFormat] = &[
        TableFormat::Parquet,
        TableFormat::Arrow,
        TableFormat::Csv,
        #[cfg(feature = "xlsx")]
        TableFormat::Xlsx,
    ];
}

impl std::str::FromStr for TableFormat {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Self::ALL.iter().copied().find(|f| f.as_str() == s).ok_or_else(|| {
            let names: Vec<&str> = Self::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown table format `{s}`; expected one of: {}", names.join(", "))
        })
    }
}

/// The files of a dataset's tables, one per table; only `units` is required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableFiles {
    /// The files' format.
    pub format: TableFormat,
    /// The units table.
    pub units: PathBuf,
    /// The evidence table.
    pub evidence: Option<PathBuf>,
    /// The incidents table.
    pub incidents: Option<PathBuf>,
    /// The activities table.
    pub activities: Option<PathBuf>,
}

impl TableFiles {
    /// The file of a part.
    pub fn get(&self, part: Part) -> Option<&Path> {
        match part {
            Part::Units => Some(&self.units),
            Part::Evidence => self.evidence.as_deref(),
            Part::Incidents => self.incidents.as_deref(),
            Part::Activities => self.activities.as_deref(),
        }
    }

    /// The table files at `path`: a folder holding `units.EXT` and any of `evidence.EXT`,
    /// `incidents.EXT`, `activities.EXT` (of one format), or a `units.EXT` file with those
    /// siblings. Refused: a folder with no units table, with tables in two formats, or
    /// with other files of a table format (a misspelt table is never skipped silently).
    pub fn locate(path: &Path) -> Result<TableFiles> {
        if path.is_dir() {
            return Self::in_folder(path);
        }
        let named_units = path.file_stem().and_then(|s| s.to_str()) == Some("units");
        match TableFormat::of_path(path) {
            Some(format) if named_units && TableFormat::PER_TABLE.contains(&format) => {
                if !path.is_file() {
                    return Err(super::io(path, &"no such file"));
                }
                let dir = path.parent().unwrap_or(Path::new("."));
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
                let sibling = |name: &str| Some(dir.join(format!("{name}.{ext}"))).filter(|p| p.is_file());
                Ok(TableFiles {
                    format,
                    units: path.to_owned(),
                    evidence: sibling("evidence"),
                    incidents: sibling("incidents"),
                    activities: sibling("activities"),
                })
            }
            _ => Err(file_problem(
                path,
                "units",
                "a dataset of tables is a folder holding `units.parquet` (or `.arrow`, `.feather`, `.csv`) and \
                 its other tables, or the `units` file itself"
                    .into(),
            )),
        }
    }

    fn in_folder(dir: &Path) -> Result<TableFiles> {
        let entries = std::fs::read_dir(dir).map_err(|e| super::io(dir, &e))?;
        let mut found: Vec<(TableFormat, Part, PathBuf)> = Vec::new();
        let mut strays = Vec::new();
        for entry in entries {
            let p = entry.map_err(|e| super::io(dir, &e))?.path();
            let Some(format) = TableFormat::of_path(&p).filter(|f| TableFormat::PER_TABLE.contains(f)) else {
                continue;
            };
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            match Part::ALL.into_iter().find(|part| part.as_str() == stem) {
                Some(part) => found.push((format, part, p)),
                None => strays.push(p),
            }
        }
        found.sort_by(|a, b| a.2.cmp(&b.2));
        strays.sort();
        let formats: Vec<TableFormat> =
            TableFormat::PER_TABLE.into_iter().filter(|f| found.iter().any(|x| x.0 == *f)).collect();
        let refuse = |message: String| file_problem(dir, "units", message);
        let [format] = formats[..] else {
            return Err(refuse(if formats.is_empty() {
                "the folder holds no units table (`units.parquet`, `units.arrow`, `units.feather` or `units.csv`)"
                    .into()
            } else {
                let names: Vec<&str> = formats.iter().map(|f| f.as_str()).collect();
                format!("the folder holds tables in several formats ({}); keep one", names.join(", "))
            }));
        };
        let strays: Vec<String> = strays
            .iter()
            .filter(|p| TableFormat::of_path(p) == Some(format))
            .map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned())
            .collect();
        if !strays.is_empty() {
            return Err(refuse(format!(
                "the folder holds {} which {} not a table name (units, evidence, incidents, activities)",
                strays.join(", "),
                if strays.len() == 1 { "is" } else { "are" }
            )));
        }
        let one = |part: Part| -> Result<Option<PathBuf>> {
            let mut it = found.iter().filter(|x| x.1 == part).map(|x| x.2.clone());
            let first = it.next();
            match it.next() {
                Some(second) => Err(refuse(format!(
                    "the {} table is in two files: {} and {}",
                    part.as_str(),
                    first.unwrap_or_default().display(),
                    second.display()
                ))),
                None => Ok(first),
            }
        };
        let units = one(Part::Units)?
            .ok_or_else(|| refuse("the folder holds no units table; it is the one table required".into()))?;
        Ok(TableFiles {
            format,
            units,
            evidence: one(Part::Evidence)?,
            incidents: one(Part::Incidents)?,
            activities: one(Part::Activities)?,
        })
    }
}
