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
use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::model::text::Text;
use crate::model::unit::Kind;
use crate::rules::{RuleSet, Test};
use crate::table::{Want, want};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError,
};
use std::path::Path;

/// Rows of the template that carry the cell validations (below the header).
const ROWS: u32 = 5_000;

/// One column of an evidence template.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TemplateColumn {
    /// The column name (`households_total`, `attested:RA-2`…).
    pub name: String,
    /// What the column holds, in Vietnamese and English.
    pub label: Text,
    /// The type of its cells.
    pub want: Want,
    /// The largest value allowed (a points item's maximum).
    pub max: Option<f64>,
}

fn column(name: impl Into<String>, vi: &str, en: &str, want: Want) -> TemplateColumn {
    TemplateColumn { name: name.into(), label: Text::new(vi, en), want, max: None }
}

/// The label of the criterion an attested key or points item belongs to.
fn criterion_label(rules: &RuleSet, key: &str) -> Text {
    let names_key = |c: &&crate::rules::Criterion| {
        c.id == key
            || c.test
                .walk()
                .iter()
                .any(|t| matches!(t, Test::Attested { key: Some(k) } if crate::current_key(k) == key))
    };
    rules.criteria.iter().find(names_key).map_or_else(|| Text::new(key, key), |c| c.label.clone())
}

/// The evidence columns `rules` reads for units of `kind`, `unit` and `year` first.
/// Refused when the rule set evaluates no unit of that kind.
pub fn template_columns(rules: &RuleSet, kind: Kind) -> Result<Vec<TemplateColumn>> {
    if !rules.kinds().contains(&kind) {
        let kinds: Vec<&str> = rules.kinds().iter().map(|k| k.as_str()).collect();
        return Err(Error::InvalidRuleSet(vec![Problem::new(
            ProblemCode::BadValue,
            Location::path("kinds"),
            format!("`{}` evaluates no {} unit; it evaluates: {}", rules.id, kind.as_str(), kinds.join(", ")),
        )]));
    }
    let vocabulary = crate::eval::Vocabulary::of(rules);
    let (indicators, keys, items) = vocabulary.of_kind(kind);
    let mut cols = vec![
        column("unit", "Mã đơn vị", "Unit id", Want::Text),
        column("year", "Năm đánh giá", "Evaluation year", Want::Int),
    ];
    for i in indicators {
        let (vi, en) = i.names();
        cols.push(column(i.as_str(), vi, en, want("evidence", i.as_str())));
    }
    for k in keys {
        let l = criterion_label(rules, k);
        cols.push(column(format!("attested:{k}"), &l.vi, &l.en, Want::Attested));
    }
    for item in items {
        let l = criterion_label(rules, item);
        let max = rules.criteria.iter().find(|c| c.id == item).and_then(|c| match &c.test {
            Test::Points { max, .. } => Some(max.as_f64()),
            _ => None,
        });
        for (which, vi, en) in [("self", "tự chấm", "self-assessed"), ("reviewed", "thẩm định", "reviewed")] {
            let name = format!("points:{item}:{which}");
            let label = Text::new(format!("{} ({vi})", l.vi), format!("{} ({en})", l.en));
            cols.push(TemplateColumn { name, label, want: Want::Points, max });
        }
    }
    Ok(cols)
}

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
