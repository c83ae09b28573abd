//! Untyped cells (CSV text, spreadsheet cells) typed by the table forms: each column of a
//! table form has the type its field needs ([`want`]), and a [`ColumnBuilder`] turns the
//! cells of a column into a typed [`Column`], refusing cells that do not fit.
//!
//! An empty cell (or one holding only spaces) is a missing value, never 0 or `false`.
//!
//! ```
//! use antq::table::{Column, ColumnBuilder, want};
//! let mut b = ColumnBuilder::new(want("evidence", "households_total"));
//! b.push_text("12").unwrap();
//! b.push_text(" ").unwrap();
//! assert!(b.push_text("12,5").is_err());
//! assert_eq!(b.finish(), Column::Int(vec![Some(12), None]));
//! ```

use super::Column;
use crate::model::evidence::{Indicator, ValueType};
use chrono::NaiveDate;
use std::borrow::Cow;

/// The type a column of a table form needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Want {
    /// Text (ids, names, enum values, JSON text).
    Text,
    /// Whole numbers (counts, the year).
    Int,
    /// `true` or `false` (also `yes` / `no`, any case).
    Bool,
    /// Calendar dates (ISO text `2023-03-31`, or a spreadsheet date).
    Date,
    /// `yes`, `no` or `unknown` (a spreadsheet boolean is `yes` or `no`).
    Attested,
    /// A number of points, kept as decimal text (at most two decimals, checked on import).
    Points,
}

/// Fields of the activities table holding counts.
const ACTIVITY_COUNTS: [&str; 8] =
    ["count", "attendees", "valuable", "sites", "participants", "reformed", "amount_vnd", "houses"];

/// The type `column` of `table` needs; unknown columns are text (the import refuses them
/// by name).
///
/// ```
/// use antq::table::{Want, want};
/// assert_eq!(want("units", "armed_forces"), Want::Bool);
/// assert_eq!(want("evidence", "resolution_date"), Want::Date);
/// assert_eq!(want("evidence", "attested:CW-2/RA-2"), Want::Attested);
/// assert_eq!(want("activities", "amount_vnd"), Want::Int);
/// ```
pub fn want(table: &str, column: &str) -> Want {
    match (table, column) {
        ("units", "armed_forces") | ("activities", "typical") => Want::Bool,
        ("units", "valid_from" | "valid_until") | ("incidents" | "activities", "date") => Want::Date,
        ("activities", c) if ACTIVITY_COUNTS.contains(&c) => Want::Int,
        ("evidence", "year") => Want::Int,
        ("evidence", c) if c.starts_with("attested:") => Want::Attested,
        ("evidence", c) if c.starts_with("points:") => Want::Points,
        ("evidence", c) => match Indicator::ALL.iter().find(|i| i.as_str() == c).map(|i| i.value_type()) {
            Some(ValueType::Date) => Want::Date,
            Some(ValueType::Count) => Want::Int,
            Some(ValueType::Flag) => Want::Bool,
            None => Want::Text,
        },
        _ => Want::Text,
    }
}

/// Builds one typed column from untyped cells, in row order.
#[derive(Debug, Clone)]
pub struct ColumnBuilder {
    want: Want,
    text: Vec<Option<Cow<'static, str>>>,
    int: Vec<Option<i64>>,
    bool: Vec<Option<bool>>,
    date: Vec<Option<NaiveDate>>,
}

/// Text of a whole float without a fraction (`3` for 3.0), else the float's shortest form.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { format!("{f}") }
}

impl ColumnBuilder {
    /// An empty column of type `want`.
    pub fn new(want: Want) -> Self {
        ColumnBuilder { want, text: Vec::new(), int: Vec::new(), bool: Vec::new(), date: Vec::new() }
    }

    /// Adds a missing value.
    pub fn push_missing(&mut self) {
        match self.want {
            Want::Text | Want::Attested | Want::Points => self.text.push(None),
            Want::Int => self.int.push(None),
            Want::Bool => self.bool.push(None),
            Want::Date => self.date.push(None),
        }
    }

    /// Adds a cell written as text; blank text is missing. Text is kept as written (spaces
    /// too, as in JSON); numbers, booleans and dates are read without surrounding spaces.
    /// The error says why the text does not fit.
    pub fn push_text(&mut self, s: &str) -> Result<(), String> {
        let t = s.trim();
        if t.is_empty() {
            self.push_missing();
            return Ok(());
        }
        match self.want {
            Want::Text => self.text.push(Some(Cow::Owned(s.to_owned()))),
            Want::Attested | Want::Points => self.text.push(Some(Cow::Owned(t.to_owned()))),
            Want::Int => {
                let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
                let i = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| t.parse::<i64>().ok())
                    .flatten()
                    .ok_or_else(|| format!("`{t}` is not a whole number"))?;
                self.int.push(Some(i));
            }
            Want::Bool => {
                let b = match t.to_ascii_lowercase().as_str() {
                    "true" | "yes" => true,
                    "false" | "no" => false,
                    _ => return Err(format!("`{t}` is not `true` or `false`")),
                };
                self.bool.push(Some(b));
            }
            Want::Date => {
                let d = crate::parse_date(t).ok_or_else(|| format!("`{t}` is not a date like 2023-03-31"))?;
                self.date.push(Some(d));
            }
        }
        Ok(())
    }

    /// Adds a number cell (a spreadsheet number).
    pub fn push_number(&mut self, f: f64) -> Result<(), String> {
        if !f.is_finite() {
            return Err(format!("{f} is not a number"));
        }
        match self.want {
            Want::Text | Want::Points => self.text.push(Some(Cow::Owned(number_text(f)))),
            Want::Int if f.fract() == 0.0 && f.abs() < 9.0e15 => self.int.push(Some(f as i64)),
            Want::Int => return Err(format!("{f} is not a whole number")),
            Want::Bool => return Err(format!("{f} is a number; `true` or `false` is needed")),
            Want::Date => return Err(format!("{f} is a number; a date is needed")),
            Want::Attested => return Err(format!("{f} is a number; `yes`, `no` or `unknown` is needed")),
        }
        Ok(())
    }

    /// Adds a boolean cell.
    pub fn push_bool(&mut self, b: bool) -> Result<(), String> {
        match self.want {
            Want::Bool => self.bool.push(Some(b)),
            Want::Attested => self.text.push(Some(Cow::Borrowed(if b { "yes" } else { "no" }))),
            _ => return Err(format!("`{b}` is a boolean; {} is needed", self.needed())),
        }
        Ok(())
    }

    /// Adds a date cell.
    pub fn push_date(&mut self, d: NaiveDate) -> Result<(), String> {
        match self.want {
            Want::Date => self.date.push(Some(d)),
            Want::Text => self.text.push(Some(Cow::Owned(d.format("%Y-%m-%d").to_string()))),
            _ => return Err(format!("{d} is a date; {} is needed", self.needed())),
        }
        Ok(())
    }

    fn needed(&self) -> &'static str {
        match self.want {
            Want::Text => "text",
            Want::Int => "a whole number",
            Want::Bool => "`true` or `false`",
            Want::Date => "a date",
            Want::Attested => "`yes`, `no` or `unknown`",
            Want::Points => "a number of points",
        }
    }

    /// Number of cells added.
    pub fn len(&self) -> usize {
        match self.want {
            Want::Text | Want::Attested | Want::Points => self.text.len(),
            Want::Int => self.int.len(),
            Want::Bool => self.bool.len(),
            Want::Date => self.date.len(),
        }
    }

    /// Whether no cell was added.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The column.
    pub fn finish(self) -> Column<'static> {
        match self.want {
            Want::Text | Want::Attested | Want::Points => Column::Text(self.text),
            Want::Int => Column::Int(self.int),
            Want::Bool => Column::Bool(self.bool),
            Want::Date => Column::Date(self.date),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_missing_and_bad_text_is_refused() {
        let mut b = ColumnBuilder::new(Want::Bool);
        for s in ["TRUE", "no", "", "Yes"] {
            b.push_text(s).unwrap();
        }
        assert!(b.push_text("1").is_err());
        assert_eq!(b.finish(), Column::Bool(vec![Some(true), Some(false), None, Some(true)]));
        let mut d = ColumnBuilder::new(Want::Date);
        d.push_text("2023-03-31").unwrap();
        assert!(d.push_text("31/03/2023").unwrap_err().contains("31/03/2023"));
        assert!(d.push_number(45016.0).is_err());
        let mut i = ColumnBuilder::new(Want::Int);
        for bad in ["1e3", "-", "2.0", "0x10"] {
            assert!(i.push_text(bad).is_err(), "{bad}");
        }
        i.push_number(7.0).unwrap();
        assert!(i.push_number(7.5).is_err());
        assert_eq!(i.finish(), Column::Int(vec![Some(7)]));
        let mut p = ColumnBuilder::new(Want::Points);
        p.push_number(2.5).unwrap();
        p.push_number(3.0).unwrap();
        let mut a = ColumnBuilder::new(Want::Attested);
        a.push_bool(false).unwrap();
        assert_eq!(p.finish(), Column::text(["2.5", "3"]));
        assert_eq!(a.finish(), Column::text(["no"]));
    }
}
