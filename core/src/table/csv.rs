//! Tables as CSV text (RFC 4180), the one CSV writer of the CLI and the bindings: a header
//! of the column names, then one line per row; a missing value is an empty field, a list is
//! its items joined by `;`, and a field a spreadsheet would run as a formula is neutralised.
//!
//! ```
//! use antq::table::{Column, Table, csv};
//! let t = Table::new("verdicts")
//!     .with("unit", Column::text(["A1", "=cmd"]))
//!     .with("met", Column::Int(vec![Some(3), None]));
//! assert_eq!(csv::text(&t), "unit,met\nA1,3\n'=cmd,\n");
//! assert_eq!(csv::part(&t, false), "A1,3\n'=cmd,\n");
//! ```

use super::{Column, Table};
use std::fmt::Write as _;

/// Appends `s` to `out` as a CSV field, neutralised against formula injection as the OWASP
/// guidance says: a field starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'`, so a spreadsheet shows it as text instead of running it. A field that is
/// only a number (`-3`, `+1.5`) is left as it is: it is read as that number, never as a
/// formula. Quoted when needed; nothing is allocated for a field that needs no quotes.
///
/// ```
/// let mut out = String::new();
/// antq::table::csv::push_field(&mut out, "=HYPERLINK(\"x\")");
/// assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\")\"");
/// ```
pub fn push_field(out: &mut String, s: &str) {
    // Bytes, not chars: every character looked for is ASCII, and a UTF-8 continuation byte
    // is never one of them.
    let risky = matches!(s.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')) && !is_number(s);
    // The `'` put before a risky field never needs quotes itself.
    let quoted = s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    if quoted {
        out.push('"');
    }
    if risky {
        out.push('\'');
    }
    if quoted {
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// A plain decimal number: an optional sign, digits, and optionally a point and digits.
fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty() && !frac.is_empty() && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
}

/// The table as CSV text, header first.
pub fn text(t: &Table<'_>) -> String {
    part(t, true)
}

/// The table's rows as CSV text, with or without the header line (for a table written part
/// by part).
pub fn part(t: &Table<'_>, header: bool) -> String {
    fn cell<T: std::fmt::Display>(s: &mut String, v: Option<T>) {
        if let Some(v) = v {
            let _ = write!(s, "{v}");
        }
    }
    // About eight bytes a cell: one allocation for most parts.
    let mut s = String::with_capacity(t.num_rows().saturating_mul(t.columns.len()).saturating_mul(8));
    if header {
        for (k, (name, _)) in t.columns.iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            push_field(&mut s, name);
        }
        s.push('\n');
    }
    for row in 0..t.num_rows() {
        for (k, (_, c)) in t.columns.iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            match c {
                Column::Text(v) => {
                    if let Some(x) = v[row].as_deref() {
                        push_field(&mut s, x);
                    }
                }
                Column::Int(v) => cell(&mut s, v[row]),
                Column::UInt(v) => cell(&mut s, v[row]),
                Column::Float(v) => cell(&mut s, v[row].filter(|x| !x.is_nan())),
                Column::Bool(v) => cell(&mut s, v[row]),
                Column::Date(v) => cell(&mut s, v[row]),
                Column::TextList(v) => {
                    if let Some(items) = &v[row] {
                        push_field(&mut s, &items.join(";"));
                    }
                }
                Column::Null(_) => {}
            }
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::push_field;

    #[test]
    fn fields_are_neutralised() {
        for (cell, want) in [
            ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("-3", "-3"),
            ("+1.5", "+1.5"),
            ("-", "'-"),
            ("-.5", "'-.5"),
            ("Xã An Bình", "Xã An Bình"),
            ("a,b", "\"a,b\""),
        ] {
            let mut field = String::new();
            push_field(&mut field, cell);
            assert_eq!(field, want, "{cell:?}");
        }
    }
}
