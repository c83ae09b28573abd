//! `antq review`'s verdicts written: all columns or those asked for, as CSV or as a Parquet
//! or Arrow table.

/// A review's verdicts, written part by part (memory holds one part's cells, not the
/// nation's): the columns asked for (all when none), as CSV on standard output or to
/// `path`, whose extension may ask for a Parquet or Arrow table instead.
pub fn write_verdicts(
    review: &antq::Review<'_>,
    columns: &[String],
    path: Option<&std::path::Path>,
) -> crate::CliResult {
    use antq::columnar::{TableFormat, TableWriter};
    const PART: usize = 8192;
    let names = antq::table::verdict_column_names(review);
    let wanted: Vec<&str> = if columns.is_empty() {
        names.iter().map(|n| n.as_ref()).collect()
    } else {
        columns.iter().map(String::as_str).collect()
    };
    let part = |start: usize| -> crate::CliResult<antq::table::Table<'_>> {
        antq::table::verdicts_table_columns(review, start..start + PART, &wanted).ok_or_else(|| {
            let known: Vec<&str> = names.iter().map(|n| n.as_ref()).collect();
            let bad = wanted.iter().enumerate().find(|&(k, w)| !known.contains(w) || wanted[..k].contains(w));
            crate::usage_error(&format!(
                "--columns: `{}` is not a verdict column or is given twice; the columns are: {}",
                bad.map_or("", |(_, w)| w),
                known.join(", ")
            ))
        })
    };
    let table_format =
        path.and_then(TableFormat::of_path).filter(|f| matches!(f, TableFormat::Parquet | TableFormat::Arrow));
    match (path, table_format) {
        (Some(path), Some(format)) => {
            let io = |e: antq::Error| match e {
                antq::Error::Io { path, message } => crate::CliError::Write { path, message },
                other => other.into(),
            };
            let mut w = TableWriter::create(path, format).map_err(io)?;
            for start in (0..).step_by(PART) {
                let t = part(start)?;
                // An empty review still writes its columns.
                if t.num_rows() > 0 || start == 0 {
                    w.write(&t).map_err(io)?;
                }
                if t.num_rows() < PART {
                    break;
                }
            }
            w.finish().map_err(io)?;
            Ok(())
        }
        (Some(path), None) => {
            let first = part(0)?;
            crate::sink::write_file(path, |w| {
                let mut t = first;
                for start in (0..).step_by(PART) {
                    if start > 0 {
                        t = part(start)?;
                    }
                    w.write_all(crate::output::table_csv_part(&t, start == 0).as_bytes())
                        .map_err(|e| crate::sink::io_error(&path.display().to_string(), &e))?;
                    if t.num_rows() < PART {
                        break;
                    }
                }
                Ok(())
            })
        }
        (None, _) => {
            for start in (0..).step_by(PART) {
                let t = part(start)?;
                crate::sink::write_str(&crate::output::table_csv_part(&t, start == 0))?;
                if t.num_rows() < PART {
                    break;
                }
            }
            Ok(())
        }
    }
}
