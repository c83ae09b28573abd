//! `antq review`'s verdicts written: all columns or those asked for, as CSV or as a Parquet
//! or Arrow table.

/// Rows of verdicts made and written at a time (two parts are formatted at once: of the
/// 27 columns of every verdict, about 7 MB of cells).
const PART: usize = 4096;

/// A review's verdicts, written part by part (memory holds one part's cells, not the
/// nation's): the columns asked for (all when none), as CSV on standard output or to
/// `path`, whose extension may ask for a Parquet or Arrow table instead.
pub fn write_verdicts(
    review: &antq::Review<'_>,
    columns: &[String],
    path: Option<&std::path::Path>,
) -> crate::CliResult {
    use antq::columnar::{TableFormat, TableWriter};
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
        (Some(path), None) => crate::sink::write_file(path, |w| {
            csv_parts(&part, |text| {
                w.write_all(text.as_bytes()).map_err(|e| crate::sink::io_error(&path.display().to_string(), &e))
            })
        }),
        (None, _) => csv_parts(&part, crate::sink::write_str),
    }
}

/// The verdicts' CSV text, handed to `emit` part after part (`part(start)`: the table of
/// [`PART`] rows from `start`; the header with the first), until a part has fewer rows. Two
/// parts are formatted at a time, on two threads: the same text, in order.
fn csv_parts<'r>(
    part: &(dyn Fn(usize) -> crate::CliResult<antq::table::Table<'r>> + Sync),
    mut emit: impl FnMut(&str) -> crate::CliResult,
) -> crate::CliResult {
    let text = |start: usize| -> crate::CliResult<(String, usize)> {
        let t = part(start)?;
        Ok((crate::output::table_csv_part(&t, start == 0), t.num_rows()))
    };
    for start in (0..).step_by(2 * PART) {
        let (first, second) = std::thread::scope(|s| {
            let second = s.spawn(|| text(start + PART));
            (text(start), second.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        });
        for part in [first, second] {
            let (text, rows) = part?;
            emit(&text)?;
            if rows < PART {
                return Ok(());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{PART, csv_parts};
    use antq::table::{Column, Table};

    fn rows(from: usize, to: usize) -> Table<'static> {
        Table::new("verdicts").with("unit", Column::text((from..to).map(|i| format!("U{i}"))))
    }

    #[test]
    fn parts_formatted_two_at_a_time_come_out_in_order_with_one_header() {
        for total in [0, 5, PART, PART + 1, 2 * PART, 2 * PART + 3, 5 * PART - 1] {
            let part = |start: usize| Ok(rows(start.min(total), (start + PART).min(total)));
            let mut text = String::new();
            csv_parts(&part, |t| {
                text.push_str(t);
                Ok(())
            })
            .unwrap();
            assert_eq!(text, crate::output::table_csv_part(&rows(0, total), true), "{total} rows");
        }
    }
}
