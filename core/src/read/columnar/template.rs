//! An empty evidence workbook for a rule set and a unit kind: the `evidence` sheet has the
//! columns the rule set reads for that kind (its indicators, `attested:KEY`,
//! `points:ITEM:self` / `points:ITEM:reviewed`), each header cell holding the column name,
//! then its Vietnamese and English labels on further lines (the reader takes the first
//! line); the allowed values are cell validations (yes / no / unknown lists, whole numbers
//! from 0, dates, points from 0 to the item's maximum). A `units` sheet takes the units.
//!
//! Filled in a spreadsheet, the workbook is a dataset ([`super::read_dataset`]).
//!
//! ```
//! use antq::columnar::template_columns;
//! let rules = antq::RuleSet::preset("vn.c124-2021").unwrap();
//! let cols = template_columns(&rules, antq::Kind::ResidentialArea).unwrap();
//! let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
//! assert_eq!(&names[..2], ["unit", "year"]);
//! assert!(names.contains(&"households_registered"));
//! ```

use super::io;
use super::workbook::MAX_SHEET_ROWS;
use crate::error::Result;
use crate::model::unit::Kind;
use crate::rules::RuleSet;
use crate::table::Want;
use crate::table::template::column;
pub use crate::table::template::{TemplateColumn, template_columns};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError,
};
use std::path::Path;

/// Rows of the template that carry the cell validations (below the header).
const ROWS: u32 = 5_000;

/// The columns of the template's units sheet for units of `kind`.
fn unit_columns(kind: Kind) -> Vec<TemplateColumn> {
    let mut cols = vec![
        column("id", "Mã đơn vị", "Unit id", Want::Text),
        column("name", "Tên đơn vị", "Name", Want::Text),
        column("kind", "Loại đơn vị", "Kind", Want::Text),
        column("subkind", "Loại chi tiết", "Sub-kind", Want::Text),
        column("parent", "Mã đơn vị cấp trên", "Parent unit id", Want::Text),
    ];
    match kind {
        Kind::Agency => cols.push(column("armed_forces", "Thuộc lực lượng vũ trang", "Armed forces", Want::Bool)),
        Kind::Enterprise => cols.push(column("size", "Quy mô doanh nghiệp", "Enterprise size", Want::Text)),
        Kind::School => cols.push(column("level", "Cấp học", "School level", Want::Text)),
        _ => {}
    }
    cols
}

/// The cell validation of a column, if its values are restricted.
fn validation(c: &TemplateColumn) -> Result<Option<DataValidation>, XlsxError> {
    let list = |values: &[&str]| DataValidation::new().allow_list_strings(values);
    Ok(Some(match (c.want, c.name.as_str()) {
        (Want::Int, "year") => DataValidation::new().allow_whole_number(DataValidationRule::Between(1900, 2200)),
        (Want::Int, _) => DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
        (Want::Bool, _) => list(&["yes", "no"])?,
        (Want::Attested, _) => list(&["yes", "no", "unknown"])?,
        (Want::Date, _) => DataValidation::new().allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(1900, 1, 1)?,
            ExcelDateTime::from_ymd(2200, 12, 31)?,
        )),
        (Want::Points, _) => DataValidation::new().allow_decimal_number(match c.max {
            Some(m) => DataValidationRule::Between(0.0, m),
            None => DataValidationRule::GreaterThanOrEqualTo(0.0),
        }),
        (Want::Text, "unit") => {
            DataValidation::new().allow_list_formula(Formula::new(format!("=units!$A$2:$A${}", ROWS + 1)))
        }
        (Want::Text, "kind") => list(&Kind::ALL.map(|k| k.as_str()))?,
        _ => return Ok(None),
    }))
}

/// Writes one sheet: the header (name, Vietnamese, English on three lines) and the
/// validations of the rows below.
fn sheet(ws: &mut Worksheet, name: &str, cols: &[TemplateColumn]) -> Result<(), XlsxError> {
    let header = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.set_name(name)?;
    ws.set_row_height(0, 64)?;
    for (k, c) in cols.iter().enumerate() {
        let k = u16::try_from(k).map_err(|_| XlsxError::RowColumnLimitError)?;
        ws.write_string_with_format(0, k, format!("{}\n{}\n{}", c.name, c.label.vi, c.label.en), &header)?;
        ws.set_column_width(k, 24)?;
        if c.want == Want::Date {
            ws.set_column_format(k, &date)?;
        }
        if let Some(v) = validation(c)? {
            ws.add_data_validation(1, k, ROWS, k, &v)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Writes an empty evidence workbook for `rules` and units of `kind` at `path` (sheets
/// `units` and `evidence`; see the module documentation).
pub fn write_template(rules: &RuleSet, kind: Kind, path: &Path) -> Result<()> {
    debug_assert!((ROWS as usize) < MAX_SHEET_ROWS);
    let evidence = template_columns(rules, kind)?;
    let err = |e: XlsxError| io(path, &e);
    let mut wb = Workbook::new();
    sheet(wb.add_worksheet(), "units", &unit_columns(kind)).map_err(err)?;
    sheet(wb.add_worksheet(), "evidence", &evidence).map_err(err)?;
    wb.save(path).map_err(err)
}
