//! TOML read through the JSON path: a TOML document is parsed (with spans) by the `toml`
//! crate's parser and written out as JSON text, which the one JSON deserializer of every
//! type then reads. Every type's `Deserialize` is thus instantiated once, for JSON — which
//! halves the WebAssembly build — and TOML's own dates (`day = 2023-05-01`) read like
//! quoted ones. A problem found in the JSON is mapped back to the TOML line by its field
//! path.

use std::fmt::Write as _;
use toml::de::{DeTable, DeValue};

/// The JSON text of a TOML document, or the parser's error (with its byte span).
pub(crate) fn to_json(text: &str) -> Result<String, TomlError> {
    let doc = DeTable::parse(text)
        .map_err(|e| TomlError { offset: e.span().map(|s| s.start), message: e.message().trim().to_owned() })?;
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    write_table(doc.get_ref(), &mut out)?;
    Ok(out)
}

/// A TOML syntax error, or a value JSON cannot carry.
#[derive(Debug)]
pub(crate) struct TomlError {
    /// Byte offset in the TOML text, when known.
    pub offset: Option<usize>,
    /// What is wrong.
    pub message: String,
}

fn write_table(t: &DeTable<'_>, out: &mut String) -> Result<(), TomlError> {
    out.push('{');
    for (i, (k, v)) in t.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(k.get_ref(), out);
        out.push(':');
        write_value(v.get_ref(), v.span().start, out)?;
    }
    out.push('}');
    Ok(())
}

fn write_value(v: &DeValue<'_>, at: usize, out: &mut String) -> Result<(), TomlError> {
    match v {
        DeValue::String(s) => write_str(s, out),
        DeValue::Integer(n) => match i64::from_str_radix(n.as_str(), n.radix())
            .map(i128::from)
            .or_else(|_| u64::from_str_radix(n.as_str(), n.radix()).map(i128::from))
        {
            Ok(n) => {
                let _ = write!(out, "{n}");
            }
            Err(_) => {
                return Err(TomlError { offset: Some(at), message: format!("integer `{n}` is out of range") });
            }
        },
        DeValue::Float(f) => match f.as_str().parse::<f64>().ok().filter(|x| x.is_finite()) {
            // Written by serde_json (shortest round-trip digits), as JSON output is.
            Some(x) => out.push_str(&serde_json::to_string(&x).unwrap_or_default()),
            None => {
                return Err(TomlError { offset: Some(at), message: format!("number `{f}` is not a finite number") });
            }
        },
        DeValue::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
        DeValue::Datetime(d) => write_str(&d.to_string(), out),
        DeValue::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(x.get_ref(), x.span().start, out)?;
            }
            out.push(']');
        }
        DeValue::Table(t) => write_table(t, out)?,
    }
    Ok(())
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The byte offset in a TOML text of the value at a field path (`criteria[3].test.min`),
/// or of the deepest part of the path that exists.
pub(crate) fn offset_of(text: &str, path: &str) -> Option<usize> {
    let doc = DeTable::parse(text).ok()?;
    let mut best = None;
    let mut table = Some(doc.get_ref());
    let mut value: Option<&DeValue<'_>> = None;
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']')?;
            let i: usize = r[..close].parse().ok()?;
            rest = r[close + 1..].strip_prefix('.').unwrap_or(&r[close + 1..]);
            let DeValue::Array(a) = value? else { break };
            let x = a.get(i)?;
            best = Some(x.span().start);
            value = Some(x.get_ref());
            table = match x.get_ref() {
                DeValue::Table(t) => Some(t),
                _ => None,
            };
            continue;
        }
        // The longest key of the table that the path continues with (keys may hold dots).
        let t = table?;
        let found = t
            .iter()
            .filter(|(k, _)| {
                rest.strip_prefix(k.get_ref().as_ref())
                    .is_some_and(|after| after.is_empty() || after.starts_with('.') || after.starts_with('['))
            })
            .max_by_key(|(k, _)| k.get_ref().len());
        let Some((k, v)) = found else { break };
        let after = &rest[k.get_ref().len()..];
        rest = after.strip_prefix('.').unwrap_or(after);
        best = Some(v.span().start);
        value = Some(v.get_ref());
        table = match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_dates_become_json() {
        let json = to_json("a = 1\nb = 0x10\nc = 2.5\nd = 2023-05-01\ne = \"x\\\"y\"\n[[f]]\ng = true\n").unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a": 1, "b": 16, "c": 2.5, "d": "2023-05-01", "e": "x\"y", "f": [{"g": true}]})
        );
        assert!(to_json("a = nan\n").is_err());
        assert_eq!(to_json("a = \n").unwrap_err().offset, Some(4));
    }

    #[test]
    fn paths_find_their_value() {
        let text = "a = 1\n[b]\n\"c.d\" = [1, { e = 2 }]\n";
        assert_eq!(offset_of(text, "a"), Some(4));
        let at = offset_of(text, "b.c.d[1].e").unwrap();
        assert_eq!(&text[at..at + 1], "2");
        let at = offset_of(text, "b.c.d[1].zz").unwrap();
        assert_eq!(&text[at..at + 1], "{");
    }
}
