//! Tables in an `.xlsx` workbook: one sheet per table, named `units`, `evidence`,
//! `incidents`, `activities` (only `units` is required; other sheets are refused). A sheet's
//! first used row is its header; a header cell's first line is the column name (further
//! lines are labels, as in the evidence template); rows below are records, and rows with
//! every cell empty are skipped. Cells are typed by the table forms
//! ([`crate::table::want`]): text, numbers, booleans and dates as the spreadsheet holds
//! them, or text read as the CSV form reads it. Problems name the sheet, row and column as
//! the spreadsheet shows them (`sheet `evidence`, cell D5`).

use super::locate::letters;
use super::{BATCH_ROWS, Origin, file_problem, io};
use crate::error::{Location, Problem, ProblemCode, Result};
use crate::model::dataset::Dataset;
use crate::table::{Column, ColumnBuilder, Part, Table, TableImport, want};
use calamine::{Data, DataType as _, Reader as _, Xlsx, open_workbook};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// Rows of one sheet (Excel's limit), the header included.
pub(super) const MAX_SHEET_ROWS: usize = 1_048_576;

fn cell_problem(sheet: &str, row: usize, col: usize, path: String, file: &str, msg: String) -> Problem {
    let loc = Location {
        file: Some(file.to_owned()),
        line: Some(row),
        column: Some(col),
        path: Some(path),
        ..Location::default()
    };
    let cell = format!("{}{row}", letters(col));
    let vi = crate::read::syntax_vi::vietnamese(&msg).map(|vi| format!("trang tính `{sheet}`, ô {cell}: {vi}"));
    let p = Problem::new(ProblemCode::BadValue, loc, format!("sheet `{sheet}`, cell {cell}: {msg}"));
    match vi {
        Some(vi) => p.with_vi(vi),
        None => p,
    }
}

/// Adds one cell to its column; the error says why it does not fit.
fn push(b: &mut ColumnBuilder, cell: &Cell) -> std::result::Result<(), String> {
    let Cell::Value(d) = cell else {
        return Err("the cell holds a formula whose saved result is empty (a program that does not compute \
                    formulas wrote it, or the formula gives an empty text): write the value itself, or \
                    leave the cell empty for unknown"
            .into());
    };
    match d {
        Data::Empty => {
            b.push_missing();
            Ok(())
        }
        Data::String(s) | Data::DateTimeIso(s) => b.push_text(s),
        Data::Float(f) => b.push_number(*f),
        Data::Int(i) => b.push_number(*i as f64),
        Data::Bool(x) => b.push_bool(*x),
        Data::DateTime(_) => match d.as_date() {
            Some(day) => b.push_date(day),
            None => Err("the date is out of range".into()),
        },
        Data::DurationIso(s) => Err(format!("`{s}` is a duration")),
        Data::Error(e) => Err(format!("the cell holds the error {e}")),
    }
}

/// Reads a workbook's tables into a dataset.
pub(super) fn read(path: &Path) -> Result<Dataset> {
    let file = path.display().to_string();
    let mut wb: Xlsx<_> =
        open_workbook(path).map_err(|e| file_problem(path, "units", format!("not an .xlsx workbook: {e}")))?;
    let names = wb.sheet_names();
    let strays: Vec<&String> = names.iter().filter(|n| !Part::ALL.iter().any(|p| p.as_str() == *n)).collect();
    if !strays.is_empty() {
        let list: Vec<String> = strays.iter().map(|s| format!("`{s}`")).collect();
        return Err(file_problem(
            path,
            "units",
            format!(
                "the workbook has sheets {} which are not tables; the sheets are units, evidence, incidents, activities",
                list.join(", ")
            ),
        ));
    }
    if !names.iter().any(|n| n == "units") {
        return Err(file_problem(
            path,
            "units",
            "the workbook has no `units` sheet; it is the one sheet required".into(),
        ));
    }
    let mut import = TableImport::default();
    let mut origins = Vec::new();
    for part in Part::ALL {
        let sheet = part.as_str();
        if !names.iter().any(|n| n == sheet) {
            continue;
        }
        let bad = |e: calamine::XlsxError| file_problem(path, sheet, format!("cannot read sheet `{sheet}`: {e}"));
        let mut cells = wb.worksheet_cells_reader(sheet).map_err(bad)?;
        let mut rows = Rows { cells: &mut cells, pending: None, done: false };
        origins.push(read_sheet(&mut rows, part, &file, &mut import).map_err(bad)?);
    }
    import.finish().map_err(|e| super::locate::locate(e, &origins))
}

/// A row's 0-based index and its cells with their 0-based columns.
type Row = (u32, Vec<(u32, Cell)>);

/// A cell as read.
#[derive(Debug, Clone)]
enum Cell {
    /// Its value: a formula's saved result.
    Value(Data),
    /// A formula whose saved result is empty: never read as an empty cell (unknown), since
    /// the formula may well give a value the file does not hold.
    FormulaWithoutResult,
}

impl Cell {
    fn new(value: &calamine::DataRef<'_>, formula: bool) -> Cell {
        let d = Data::from(value.clone());
        if formula && is_blank(&d) { Cell::FormulaWithoutResult } else { Cell::Value(d) }
    }

    fn is_blank(&self) -> bool {
        matches!(self, Cell::Value(d) if is_blank(d))
    }
}

/// Empty, or only spaces.
fn is_blank(d: &Data) -> bool {
    d.is_empty() || matches!(d, Data::String(s) if s.trim().is_empty())
}

/// A sheet's rows, read cell by cell from the workbook (never the whole sheet at once).
struct Rows<'r, 'a, RS: std::io::Read + std::io::Seek> {
    cells: &'r mut calamine::XlsxCellReader<'a, RS>,
    pending: Option<((u32, u32), Cell)>,
    /// Whether the reader has given its last cell (it must not be asked again).
    done: bool,
}

impl<RS: std::io::Read + std::io::Seek> Rows<'_, '_, RS> {
    /// The next row holding a cell: its 0-based index and its cells with their 0-based columns.
    fn next_row(&mut self) -> std::result::Result<Option<Row>, calamine::XlsxError> {
        let mut row: Option<Row> = None;
        loop {
            let next = match self.pending.take() {
                Some(c) => Some(c),
                None if self.done => None,
                None => self
                    .cells
                    .next_cell_with_formula_metadata()?
                    .map(|c| (c.pos, Cell::new(&c.value, c.formula.is_some()))),
            };
            let Some(((r, c), d)) = next else {
                self.done = true;
                return Ok(row);
            };
            match &mut row {
                None => row = Some((r, vec![(c, d)])),
                Some((cur, cells)) if *cur == r => cells.push((c, d)),
                Some(_) => {
                    self.pending = Some(((r, c), d));
                    return Ok(row);
                }
            }
        }
    }
}

/// Reads one sheet into `import`, [`BATCH_ROWS`] rows at a time.
fn read_sheet<RS: std::io::Read + std::io::Seek>(
    rows: &mut Rows<'_, '_, RS>,
    part: Part,
    file: &str,
    import: &mut TableImport,
) -> std::result::Result<Origin, calamine::XlsxError> {
    let sheet = part.as_str();
    let mut origin = Origin { table: sheet, file: file.to_owned(), sheet: Some(sheet.to_owned()), ..Origin::default() };
    // The header: the first row with a cell; columns are placed from its first cell.
    let Some((_, first)) = rows.next_row()? else {
        import.push_problem(cell_problem(sheet, 1, 1, sheet.into(), file, "the sheet is empty".into()));
        return Ok(origin);
    };
    let col0 = first.iter().map(|(c, _)| *c).min().unwrap_or(0);
    let width = first.iter().map(|(c, _)| c + 1 - col0).max().unwrap_or(0) as usize;
    let mut header = vec![String::new(); width];
    for (c, cell) in &first {
        if let Cell::Value(d) = cell {
            header[(c - col0) as usize] = d.to_string().lines().next().unwrap_or_default().trim().to_owned();
        }
    }
    origin.columns = header.clone();
    // Columns are reported as the spreadsheet numbers them.
    let sheet_col = |k: usize| col0 as usize + k + 1;
    let fresh = || header.iter().map(|c| ColumnBuilder::new(want(sheet, c))).collect::<Vec<_>>();
    let mut builders = fresh();
    let mut offset = 0;
    let mut row = 0;
    let mut flush = |builders: &mut Vec<ColumnBuilder>, import: &mut TableImport| {
        let mut t = Table::new(sheet);
        for (c, b) in header.iter().zip(std::mem::replace(builders, fresh())) {
            if !c.is_empty() {
                t.push(c.clone(), b.finish());
            }
        }
        let n = t.num_rows();
        import.add(part, &t, offset);
        offset += n;
    };
    let mut cells: Vec<Cell> = vec![Cell::Value(Data::Empty); width];
    while let Some((r, found)) = rows.next_row()? {
        let blank = Cell::is_blank;
        let sheet_row = r as usize + 1;
        cells.iter_mut().for_each(|d| *d = Cell::Value(Data::Empty));
        for (c, d) in found {
            match c.checked_sub(col0).map(|k| k as usize).filter(|&k| k < width) {
                Some(k) => cells[k] = d,
                None if blank(&d) => {}
                None => {
                    let msg = "the cell is outside the columns of the header row".to_owned();
                    let at = format!("{sheet}[{row}]");
                    import.push_problem(cell_problem(sheet, sheet_row, c as usize + 1, at, file, msg));
                }
            }
        }
        if cells.iter().all(blank) {
            continue;
        }
        origin.lines.push(sheet_row);
        for (k, (d, b)) in cells.iter().zip(builders.iter_mut()).enumerate() {
            let name = &header[k];
            if name.is_empty() && !blank(d) {
                let msg = "the column has a value but no name in the header row".to_owned();
                import.push_problem(cell_problem(sheet, sheet_row, sheet_col(k), format!("{sheet}[{row}]"), file, msg));
            }
            if let Err(msg) = push(b, d) {
                b.push_missing();
                let path = format!("{sheet}[{row}].{name}");
                import.push_problem(cell_problem(sheet, sheet_row, sheet_col(k), path, file, msg));
            }
        }
        row += 1;
        if row % BATCH_ROWS == 0 {
            flush(&mut builders, import);
        }
    }
    if row == 0 || row % BATCH_ROWS != 0 {
        flush(&mut builders, import);
    }
    Ok(origin)
}

fn xlsx_error(path: &Path) -> impl Fn(XlsxError) -> crate::error::Error + '_ {
    move |e| io(path, &e)
}

/// Writes one cell of a column.
fn write_cell(ws: &mut Worksheet, r: u32, k: u16, c: &Column<'_>, i: usize, date: &Format) -> Result<(), XlsxError> {
    match c {
        Column::Text(v) => {
            if let Some(s) = v[i].as_deref() {
                ws.write_string(r, k, s)?;
            }
        }
        // Not in a dataset's tables; joined as the results' CSV joins lists.
        Column::TextList(v) => {
            if let Some(items) = &v[i] {
                ws.write_string(r, k, items.join(";"))?;
            }
        }
        Column::Int(v) => {
            if let Some(x) = v[i] {
                ws.write_number(r, k, x as f64)?;
            }
        }
        Column::UInt(v) => {
            if let Some(x) = v[i] {
                ws.write_number(r, k, x as f64)?;
            }
        }
        Column::Float(v) => {
            if let Some(x) = v[i].filter(|f| !f.is_nan()) {
                ws.write_number(r, k, x)?;
            }
        }
        Column::Bool(v) => {
            if let Some(x) = v[i] {
                ws.write_boolean(r, k, x)?;
            }
        }
        Column::Date(v) => {
            if let Some(d) = v[i] {
                use chrono::Datelike;
                let xd = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                ws.write_datetime_with_format(r, k, xd, date)?;
            }
        }
        Column::Null(_) => {}
    }
    Ok(())
}

/// Writes tables as a workbook, one sheet per table (`units` always, the others when they
/// have rows); dates as spreadsheet dates shown `yyyy-mm-dd`.
pub(super) fn write(tables: &[&Table<'_>], path: &Path) -> Result<()> {
    let err = xlsx_error(path);
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for t in tables {
        if t.name != "units" && t.num_rows() == 0 {
            continue;
        }
        if t.num_rows() >= MAX_SHEET_ROWS {
            return Err(io(
                path,
                &format!(
                    "the {} table has {} rows; a sheet holds at most {}",
                    t.name,
                    t.num_rows(),
                    MAX_SHEET_ROWS - 1
                ),
            ));
        }
        let ws = wb.add_worksheet();
        ws.set_name(&t.name).map_err(&err)?;
        for (k, (name, c)) in t.columns.iter().enumerate() {
            let k = u16::try_from(k).map_err(|_| io(path, &"too many columns for a sheet"))?;
            ws.write_string_with_format(0, k, name, &bold).map_err(&err)?;
            for i in 0..c.len() {
                write_cell(ws, i as u32 + 1, k, c, i, &date).map_err(&err)?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(&err)?;
    }
    wb.save(path).map_err(&err)
}
