//! Problems placed in files: a problem at `units[3].kind` gains the file of the units table,
//! and, where the file has lines or a sheet, the line or row and the column a user sees.

use crate::error::{Error, Problem};

/// Where one table was read from.
#[derive(Debug, Clone, Default)]
pub(super) struct Origin {
    /// The table's name (`units`…).
    pub table: &'static str,
    /// The file.
    pub file: String,
    /// The workbook sheet holding the table.
    pub sheet: Option<String>,
    /// The line (CSV) or sheet row (1-based) of each data row; empty when the file has none.
    pub lines: Vec<usize>,
    /// The sheet row of data row 0, when rows are numbered from it instead of `lines`.
    pub first_row: Option<usize>,
    /// The columns, in file order (1-based positions are reported).
    pub columns: Vec<String>,
}

/// The table, row and column of a problem path (`units[3].kind`, `units.colour`, `units`).
fn parse(path: &str) -> (&str, Option<usize>, Option<&str>) {
    let table_end = path.find(['[', '.']).unwrap_or(path.len());
    let (table, rest) = path.split_at(table_end);
    let (row, rest) = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
        Some((n, rest)) => (n.parse().ok(), rest),
        None => (None, rest),
    };
    let column = rest.strip_prefix('.').map(|c| c.split(['[', '.']).next().unwrap_or(c)).filter(|c| !c.is_empty());
    (table, row, column)
}

/// Spreadsheet column letters of a 1-based column (`1` → `A`, `28` → `AB`).
pub(super) fn letters(mut col: usize) -> String {
    let mut s = Vec::new();
    while col > 0 {
        let r = (col - 1) % 26;
        s.push(b'A' + r as u8);
        col = (col - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn place(p: &mut Problem, origins: &[Origin]) {
    let Some(path) = p.location.path.as_deref() else { return };
    let (table, row, column) = parse(path);
    let Some(o) = origins.iter().find(|o| o.table == table) else { return };
    let line = row.and_then(|r| o.lines.get(r).copied().or_else(|| o.first_row.map(|f| f + r)));
    let col = column.and_then(|c| o.columns.iter().position(|x| x == c)).map(|i| i + 1);
    if p.location.file.is_none() {
        p.location.file = Some(o.file.clone());
    }
    if p.location.line.is_none() {
        p.location.line = line;
        p.location.column = col.filter(|_| line.is_some());
    }
    // A cell refused while the sheet was read already names its sheet and cell.
    if let Some(sheet) = o.sheet.as_ref().filter(|_| !p.message.starts_with("sheet `")) {
        let (cell, cell_vi) = match (line, col) {
            (Some(l), Some(c)) => (format!(", cell {}{l}", letters(c)), format!(", ô {}{l}", letters(c))),
            (Some(l), None) => (format!(", row {l}"), format!(", dòng {l}")),
            (None, Some(c)) => (format!(", column {}", letters(c)), format!(", cột {}", letters(c))),
            (None, None) => (String::new(), String::new()),
        };
        p.message = format!("sheet `{sheet}`{cell}: {}", p.message);
        if let Some(vi) = &mut p.message_vi {
            *vi = format!("trang tính `{sheet}`{cell_vi}: {vi}");
        }
    }
}

/// `e` with each problem placed in the file its table was read from. A cell refused while
/// reading the file is left out of its record, so the record may be refused again for the
/// same cell: only the first problem of a cell is kept.
pub(super) fn locate(e: Error, origins: &[Origin]) -> Error {
    match e {
        Error::InvalidDataset(mut ps) => {
            let mut seen = std::collections::HashSet::new();
            ps.retain(|p| match p.location.path.as_deref() {
                Some(path) if path.contains('[') && path.contains('.') => seen.insert(path.to_owned()),
                _ => true,
            });
            for p in &mut ps {
                place(p, origins);
            }
            Error::InvalidDataset(ps)
        }
        other => other,
    }
}

/// The unit and year of an evidence path as the review names a record (`evidence[unit = U,
/// year = Y].attested.KEY`), and the field after it (`attested.KEY`).
fn evidence_key(path: &str) -> Option<(&str, i32, &str)> {
    let rest = path.strip_prefix("evidence[unit = ")?;
    let (unit, rest) = rest.split_once(", year = ")?;
    let (year, field) = rest.split_once("].")?;
    Some((unit, year.parse().ok()?, field))
}

/// The table column holding an evidence field (`attested.KEY` → `attested:KEY`,
/// `points.ITEM` → `points:ITEM:self` or `:reviewed`, whichever the table has).
fn evidence_column<'c>(field: &str, columns: &'c [String]) -> Option<&'c String> {
    let (what, key) = field.split_once('.')?;
    let names = match what {
        "attested" => vec![format!("attested:{key}")],
        "points" => vec![format!("points:{key}:self"), format!("points:{key}:reviewed")],
        _ => vec![what.to_owned()],
    };
    names.iter().find_map(|n| columns.iter().find(|c| *c == n))
}

/// `e` with each problem about an evidence record named by unit and year (the review's
/// `unknown_key`) placed in the evidence table's file: the line of the record in `ds` and
/// the column of its key.
pub(super) fn locate_evidence(e: Error, ds: &crate::Dataset, origins: &[Origin]) -> Error {
    let Error::InvalidDataset(mut ps) = e else { return e };
    let Some(o) = origins.iter().find(|o| o.table == "evidence") else { return Error::InvalidDataset(ps) };
    for p in ps.iter_mut().filter(|p| p.location.file.is_none()) {
        let Some((unit, year, field)) = p.location.path.as_deref().and_then(evidence_key) else { continue };
        let Some(i) = ds.evidence.iter().position(|e| e.unit.as_str() == unit && e.year == year) else { continue };
        let line = o.lines.get(i).copied().or_else(|| o.first_row.map(|f| f + i));
        let col = evidence_column(field, &o.columns).and_then(|c| o.columns.iter().position(|x| x == c));
        p.location.file = Some(o.file.clone());
        p.location.line = line;
        p.location.column = col.filter(|_| line.is_some()).map(|c| c + 1);
    }
    Error::InvalidDataset(ps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_letters() {
        assert_eq!(parse("units[3].kind"), ("units", Some(3), Some("kind")));
        assert_eq!(parse("units[3].parent_changes[0].from"), ("units", Some(3), Some("parent_changes")));
        assert_eq!(parse("evidence.points:I-1:self"), ("evidence", None, Some("points:I-1:self")));
        assert_eq!(parse("units"), ("units", None, None));
        assert_eq!(parse("units[2]"), ("units", Some(2), None));
        assert_eq!([letters(1), letters(26), letters(27), letters(703)], ["A", "Z", "AA", "AAA"]);
        assert_eq!(evidence_key("evidence[unit = A-1, year = 2023].attested.RA2"), Some(("A-1", 2023, "attested.RA2")));
        let columns = ["unit".to_owned(), "points:I-1:reviewed".to_owned()];
        assert_eq!(evidence_column("points.I-1", &columns).map(String::as_str), Some("points:I-1:reviewed"));
    }
}
