//! `antq review`'s verdicts written by the core ([`antq::verdicts`]): all columns or those
//! asked for, as CSV on standard output or to a file whose extension may ask for a Parquet
//! or Arrow table.

use antq::verdicts::WriteError;

/// Refuses, before anything is reviewed, `--columns` naming a column that is not a verdict
/// column of `rules` or one given twice, an output file the verdicts cannot be written as,
/// and an output file the dataset at `data` is read from.
pub fn check(rules: &antq::RuleSet, columns: &[String], path: Option<&std::path::Path>, data: &str) {
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    if let Err(why) = antq::verdicts::check_columns(rules, &names) {
        crate::usage_error(&format!("--columns: {why}"));
    }
    if let Some(Err(why)) = path.map(antq::verdicts::file_format) {
        crate::usage_error(&format!("--output: {why}"));
    }
    if let Some(Err(why)) = path.map(|p| antq::check_not_input(p, std::path::Path::new(data))) {
        crate::usage_error(&format!("--output: {why}"));
    }
}

/// Notes on standard error what decided the verdicts when the table written does not name
/// it: CSV with chosen columns without `rule_set` (or `supplements`, when some were applied;
/// every row of the full table names the
/// rule set and supplements, and a Parquet or Arrow file holds the decision record).
pub fn decided_by_note(record: &antq::eval::DecisionRecord, columns: &[String], path: Option<&std::path::Path>) {
    let csv = path.is_none_or(|p| matches!(antq::verdicts::file_format(p), Ok(antq::columnar::TableFormat::Csv)));
    if !csv || columns.is_empty() || record.named_by(columns) {
        return;
    }
    crate::note(&match crate::notes_lang() {
        antq::Lang::En => format!(
            "antq: note: decided by {}: the columns written do not name it (`rule_set` and `supplements` do)",
            record.decided_by()
        ),
        antq::Lang::Vi => format!(
            "antq: note: quyết định theo {}: các cột đã ghi không nêu điều này (cột `rule_set` và `supplements` có nêu)",
            record.decided_by_in(antq::Lang::Vi)
        ),
    });
}

/// Writes the review's verdicts (the columns asked for, all when none) to `path`, or as CSV
/// on standard output.
pub fn write_verdicts(
    review: &antq::Review<'_>,
    columns: &[String],
    path: Option<&std::path::Path>,
) -> crate::CliResult {
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    let written = match path {
        Some(path) => antq::verdicts::write_file(review, &names, path),
        None => antq::verdicts::write_csv(review, &names, &mut crate::sink::Stdout, "standard output"),
    };
    match written {
        Ok(_) => Ok(()),
        Err(WriteError::Columns(why)) => crate::usage_error(&format!("--columns: {why}")),
        Err(WriteError::Write { target, error }) => Err(crate::sink::io_error(&target, &error)),
    }
}
