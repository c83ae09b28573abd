//! Tables in CSV files as spreadsheets export them: UTF-8 with or without a byte-order mark,
//! a header row, fields separated by commas (or semicolons, when the header has no comma),
//! quoted with `"` where needed (`""` inside quotes is a quote; a quoted field may span
//! lines), lines ending in LF, CRLF or CR. Rows with every cell empty are skipped; a row with
//! more or fewer cells than the header is refused. Cells are typed by the table forms
//! ([`crate::table::want`]); an empty cell is a missing value.

use super::{BATCH_ROWS, Origin, io};
use crate::error::{Location, Problem, ProblemCode, Result};
use crate::table::{Column, ColumnBuilder, Part, Table, TableImport, want};
use std::borrow::Cow;
use std::path::Path;

/// A record's line and cells, or the line where reading failed and why.
type Record<'t> = std::result::Result<(usize, Vec<Cow<'t, str>>), (usize, String)>;

/// CSV records of a text, each with the line it starts on.
struct Records<'t> {
    text: &'t str,
    pos: usize,
    line: usize,
    delim: u8,
}

impl<'t> Records<'t> {
    fn new(text: &'t str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let header = text.split(['\n', '\r']).next().unwrap_or_default();
        let delim = if !header.contains(',') && header.contains(';') { b';' } else { b',' };
        Records { text, pos: 0, line: 1, delim }
    }

    /// Skips one line ending at `pos`, if any; true at a line end or the end of the text.
    fn end_of_line(&mut self) -> bool {
        let b = self.text.as_bytes();
        match b.get(self.pos) {
            None => true,
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
                true
            }
            Some(b'\r') => {
                self.pos += if b.get(self.pos + 1) == Some(&b'\n') { 2 } else { 1 };
                self.line += 1;
                true
            }
            _ => false,
        }
    }

    /// The next record and its line, or a message naming the line where it went wrong.
    fn next_record(&mut self) -> Option<Record<'t>> {
        let b = self.text.as_bytes();
        if self.pos >= b.len() {
            return None;
        }
        let start_line = self.line;
        let mut fields = Vec::new();
        loop {
            if b.get(self.pos) == Some(&b'"') {
                let mut s = String::new();
                let mut from = self.pos + 1;
                loop {
                    let Some(q) = self.text[from..].find('"').map(|i| from + i) else {
                        return Some(Err((start_line, "a quoted cell is not closed".into())));
                    };
                    let chunk = &self.text[from..q];
                    self.line +=
                        chunk.matches('\n').count() + chunk.matches('\r').count() - chunk.matches("\r\n").count();
                    s.push_str(chunk);
                    if b.get(q + 1) == Some(&b'"') {
                        s.push('"');
                        from = q + 2;
                    } else {
                        self.pos = q + 1;
                        break;
                    }
                }
                fields.push(Cow::Owned(s));
                if b.get(self.pos).is_some_and(|&c| c != self.delim && c != b'\n' && c != b'\r') {
                    return Some(Err((self.line, "text after the closing quote of a cell".into())));
                }
            } else {
                let rest = &self.text[self.pos..];
                let end = rest.bytes().position(|c| c == self.delim || c == b'\n' || c == b'\r').unwrap_or(rest.len());
                fields.push(Cow::Borrowed(&rest[..end]));
                self.pos += end;
            }
            if b.get(self.pos) == Some(&self.delim) {
                self.pos += 1;
                continue;
            }
            self.end_of_line();
            return Some(Ok((start_line, fields)));
        }
    }
}

fn problem(table: &str, row: Option<usize>, column: Option<&str>, line: usize, file: &str, msg: String) -> Problem {
    let path = match (row, column) {
        (Some(r), Some(c)) => format!("{table}[{r}].{c}"),
        (Some(r), None) => format!("{table}[{r}]"),
        _ => table.to_owned(),
    };
    let loc = Location { file: Some(file.to_owned()), line: Some(line), path: Some(path), ..Location::default() };
    Problem::syntax(loc, msg)
}

/// Reads the CSV file of one part into `import`, [`BATCH_ROWS`] rows at a time.
pub(super) fn read(path: &Path, part: Part, import: &mut TableImport) -> Result<Origin> {
    let file = std::fs::File::open(path).map_err(|e| io(path, &e))?;
    let name = path.display().to_string();
    let text = crate::read::read_limited(file, &name, crate::read::source::MAX_DOCUMENT_BYTES)?;
    let table = part.as_str();
    let mut records = Records::new(&text);
    let mut origin = Origin { table, file: name.clone(), ..Origin::default() };
    let header = match records.next_record() {
        Some(Ok((_, h))) => h,
        Some(Err((line, msg))) => {
            import.push_problem(problem(table, None, None, line, &name, msg));
            return Ok(origin);
        }
        None => {
            import.push_problem(problem(
                table,
                None,
                None,
                1,
                &name,
                "the file is empty; a header row is needed".into(),
            ));
            return Ok(origin);
        }
    };
    let columns: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    if columns.iter().all(String::is_empty) {
        // A file holding only a byte-order mark or blank lines is no table: never 0 rows.
        import.push_problem(problem(
            table,
            None,
            None,
            1,
            &name,
            "the header row is empty; a header row is needed".into(),
        ));
        return Ok(origin);
    }
    let mut lines = Vec::new();
    let mut builders: Vec<ColumnBuilder> = columns.iter().map(|c| ColumnBuilder::new(want(table, c))).collect();
    let mut offset = 0;
    let mut row = 0;
    let flush = |builders: &mut Vec<ColumnBuilder>, offset: &mut usize, import: &mut TableImport| {
        let mut t = Table::new(table);
        for (c, b) in columns.iter().zip(builders.iter_mut()) {
            let b = std::mem::replace(b, ColumnBuilder::new(want(table, c)));
            if !c.is_empty() {
                t.push(c.clone(), b.finish());
            }
        }
        let n = t.num_rows();
        import.add(part, &t, *offset);
        *offset += n;
    };
    while let Some(rec) = records.next_record() {
        let (line, fields) = match rec {
            Ok(r) => r,
            Err((line, msg)) => {
                import.push_problem(problem(table, Some(row), None, line, &name, msg));
                break;
            }
        };
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() != columns.len() {
            let msg = format!("the row has {} cells; the header has {}", fields.len(), columns.len());
            import.push_problem(problem(table, Some(row), None, line, &name, msg));
            break;
        }
        lines.push(line);
        for (k, (f, b)) in fields.iter().zip(builders.iter_mut()).enumerate() {
            let c = &columns[k];
            if c.is_empty() && !f.trim().is_empty() {
                let msg = format!("column {} has a value but no name in the header", k + 1);
                import.push_problem(problem(table, Some(row), None, line, &name, msg));
            }
            if let Err(msg) = b.push_text(f) {
                b.push_missing();
                let mut p = problem(table, Some(row), Some(c), line, &name, msg);
                p.code = ProblemCode::BadValue;
                p.location.column = Some(k + 1);
                import.push_problem(p);
            }
        }
        row += 1;
        if builders.first().is_some_and(|b| b.len() >= BATCH_ROWS) {
            flush(&mut builders, &mut offset, import);
        }
    }
    if row == 0 || builders.first().is_some_and(|b| !b.is_empty()) {
        flush(&mut builders, &mut offset, import);
    }
    origin.lines = lines;
    origin.columns = columns;
    Ok(origin)
}

/// One cell as CSV text, quoted when it holds a separator, a quote, a line break or
/// surrounding spaces.
fn cell(out: &mut String, s: &str) {
    let quote = s.contains([',', ';', '"', '\n', '\r']) || s.trim() != s;
    if quote {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn value(c: &Column<'_>, i: usize) -> Option<String> {
    Some(match c {
        Column::Text(v) => v[i].as_deref()?.to_owned(),
        Column::Int(v) => v[i]?.to_string(),
        Column::UInt(v) => v[i]?.to_string(),
        Column::Float(v) => Some(v[i]?).filter(|f| !f.is_nan())?.to_string(),
        Column::Bool(v) => v[i]?.to_string(),
        Column::Date(v) => v[i]?.format("%Y-%m-%d").to_string(),
        // Not in a dataset's tables; joined as the results' CSV joins lists.
        Column::TextList(v) => v[i].as_ref()?.join(";"),
        Column::Null(_) => return None,
    })
}

/// Writes a table as a CSV file: UTF-8 with a byte-order mark (so that spreadsheets read
/// Vietnamese text right), a header row, LF line ends, missing values as empty cells.
///
/// Cells are written as they are: a text beginning with `=` opens as a formula in a
/// spreadsheet, as it would from the JSON form.
pub(super) fn write(t: &Table<'_>, path: &Path) -> Result<()> {
    use std::io::Write as _;
    let file = std::fs::File::create(path).map_err(|e| io(path, &e))?;
    let mut w = std::io::BufWriter::new(file);
    let mut line = String::from("\u{feff}");
    for (k, (name, _)) in t.columns.iter().enumerate() {
        if k > 0 {
            line.push(',');
        }
        cell(&mut line, name);
    }
    line.push('\n');
    for i in 0..t.num_rows() {
        w.write_all(line.as_bytes()).map_err(|e| io(path, &e))?;
        line.clear();
        for (k, (_, c)) in t.columns.iter().enumerate() {
            if k > 0 {
                line.push(',');
            }
            if let Some(v) = value(c, i) {
                cell(&mut line, &v);
            }
        }
        line.push('\n');
    }
    w.write_all(line.as_bytes()).map_err(|e| io(path, &e))?;
    w.flush().map_err(|e| io(path, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(usize, Vec<String>)> {
        let mut r = Records::new(text);
        std::iter::from_fn(|| r.next_record())
            .map(|x| x.map(|(l, f)| (l, f.into_iter().map(Cow::into_owned).collect())).unwrap())
            .collect()
    }

    #[test]
    fn records_as_spreadsheets_write_them() {
        let got = all("\u{feff}id,name\r\nC1,\"Xã \"\"Một\"\"\"\r\nC2,\"two\nlines\"\r\n\r\nC3,\n");
        let want = [
            (1, vec!["id", "name"]),
            (2, vec!["C1", "Xã \"Một\""]),
            (3, vec!["C2", "two\nlines"]),
            (5, vec![""]),
            (6, vec!["C3", ""]),
        ];
        let want: Vec<(usize, Vec<String>)> =
            want.iter().map(|(l, f)| (*l, f.iter().map(|s| s.to_string()).collect())).collect();
        assert_eq!(got, want);
        assert_eq!(all("id;name\nC1;a,b\n")[1].1, ["C1", "a,b"]);
        let mut bad = Records::new("id\n\"C1\"x\n");
        bad.next_record();
        assert_eq!(bad.next_record().unwrap().unwrap_err().0, 2);
        let mut open = Records::new("id\n\"C1\n");
        open.next_record();
        assert!(open.next_record().unwrap().is_err());
    }
}
