//! Reading JSON and TOML documents with errors that name the place.

use crate::error::{Location, Problem, ProblemCode};
use serde::de::DeserializeOwned;

/// The syntax of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// JSON.
    Json,
    /// TOML.
    Toml,
}

impl Format {
    /// The format a file name implies (`.toml` is TOML, anything else JSON).
    pub fn from_name(name: &str) -> Format {
        if name.to_ascii_lowercase().ends_with(".toml") { Format::Toml } else { Format::Json }
    }

    /// Guesses the format of a text: JSON starts with `{` or `[`.
    pub fn sniff(text: &str) -> Format {
        match text.trim_start().as_bytes().first() {
            Some(b'{') | Some(b'[') => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// Largest document read, in bytes (64 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// A document's text and name, kept to point at lines in later problems.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// File or source name used in locations.
    pub name: &'a str,
    /// The whole text.
    pub text: &'a str,
    /// Its syntax.
    pub format: Format,
}

impl<'a> Source<'a> {
    /// A source with its format guessed from the name, or else from the text.
    pub fn new(name: &'a str, text: &'a str) -> Self {
        let lower = name.to_ascii_lowercase();
        let format = if lower.ends_with(".toml") {
            Format::Toml
        } else if lower.ends_with(".json") {
            Format::Json
        } else {
            Format::sniff(text)
        };
        Source { name, text, format }
    }

    /// Parses the document into `T`, or the [`Problem`] (file, line, column and field
    /// path) in a one-element list.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Vec<Problem>> {
        self.parse_one().map_err(|p| vec![*p])
    }

    fn parse_one<T: DeserializeOwned>(&self) -> Result<T, Box<Problem>> {
        if self.text.len() > MAX_DOCUMENT_BYTES {
            return Err(Box::new(Problem::new(
                ProblemCode::Limit,
                self.at(None),
                format!("document is {} bytes; the limit is {MAX_DOCUMENT_BYTES}", self.text.len()),
            )));
        }
        match self.format {
            Format::Json => {
                let mut de = serde_json::Deserializer::from_str(self.text);
                let at = |line: usize, column: usize, path: Option<String>, msg: String| {
                    let mut loc = self.at(None);
                    if line > 0 {
                        loc.line = Some(line);
                        loc.column = Some(column);
                    }
                    loc.path = path.filter(|p| p != ".");
                    Box::new(Problem::new(ProblemCode::Syntax, loc, strip_position(&msg)))
                };
                let v: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
                    let path = e.path().to_string();
                    let inner = e.into_inner();
                    at(inner.line(), inner.column(), Some(path), inner.to_string())
                })?;
                de.end().map_err(|e| at(e.line(), e.column(), None, e.to_string()))?;
                Ok(v)
            }
            Format::Toml => {
                let de = toml::Deserializer::parse(self.text).map_err(|e| self.toml_problem(e, None))?;
                let r: Result<T, _> = serde_path_to_error::deserialize(de);
                match r {
                    Ok(v) => Ok(v),
                    Err(e) => {
                        let path = e.path().to_string();
                        let first = self.toml_problem(e.into_inner(), Some(path));
                        // TOML's own dates (`date = 2023-05-01`, unquoted) reach serde as
                        // datetime values, not strings: read them as their text and retry.
                        let Ok(mut table) = toml::from_str::<toml::Table>(self.text) else { return Err(first) };
                        if !dates_to_strings(&mut table) {
                            return Err(first);
                        }
                        let r: Result<T, _> = serde_path_to_error::deserialize(toml::Value::Table(table));
                        r.map_err(|e| {
                            let path = e.path().to_string();
                            let key =
                                path.rsplit('.').next().unwrap_or(&path).split('[').next().unwrap_or("").to_owned();
                            let mut p = self.toml_problem(e.into_inner(), Some(path));
                            if p.location.line.is_none() && !key.is_empty() {
                                let off = self.text.find(&format!("{key} ="));
                                let at = self.at(off);
                                (p.location.line, p.location.column) = (at.line, at.column);
                            }
                            p
                        })
                    }
                }
            }
        }
    }

    fn toml_problem(&self, e: toml::de::Error, path: Option<String>) -> Box<Problem> {
        let mut loc = self.at(e.span().map(|s| s.start));
        loc.path = path.filter(|p| p != ".");
        Box::new(Problem::new(ProblemCode::Syntax, loc, e.message().trim().to_owned()))
    }

    /// A location in this source at a byte offset.
    pub fn at(&self, offset: Option<usize>) -> Location {
        let mut loc = Location { file: Some(self.name.to_owned()), ..Location::default() };
        if let Some(off) = offset {
            let (l, c) = line_col(self.text, off);
            loc.line = Some(l);
            loc.column = Some(c);
        }
        loc
    }

    /// The location of the first quoted occurrence of `id` (e.g. a unit or criterion id),
    /// so that problems found after parsing still point at a line.
    pub fn locate(&self, id: &str) -> Location {
        let dq = format!("\"{id}\"");
        let sq = format!("'{id}'");
        let off = self.text.find(&dq).or_else(|| self.text.find(&sq));
        self.at(off)
    }
}

/// Replaces every TOML date or datetime in `t` with its text; true if any was found.
fn dates_to_strings(t: &mut toml::Table) -> bool {
    fn walk(v: &mut toml::Value) -> bool {
        match v {
            toml::Value::Datetime(d) => {
                *v = toml::Value::String(d.to_string());
                true
            }
            toml::Value::Array(a) => a.iter_mut().fold(false, |acc, x| walk(x) | acc),
            toml::Value::Table(t) => t.iter_mut().fold(false, |acc, (_, x)| walk(x) | acc),
            _ => false,
        }
    }
    t.iter_mut().fold(false, |acc, (_, x)| walk(x) | acc)
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut off = offset.min(text.len());
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        a: u32,
        items: Vec<Item>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        b: String,
    }

    #[test]
    fn json_errors_name_line_column_and_path() {
        let text = "{\n  \"a\": 1,\n  \"items\": [{\"b\": \"x\"}, {\"c\": 2}]\n}";
        let p = Source::new("doc.json", text).parse::<Doc>().unwrap_err().remove(0);
        assert_eq!(p.location.file.as_deref(), Some("doc.json"));
        assert_eq!(p.location.line, Some(3));
        assert_eq!(p.location.path.as_deref(), Some("items[1].c"));
        assert!(p.message.contains("unknown field `c`"), "{}", p.message);
        let p = Source::new("doc.json", "{\"a\": 1, \"items\": []} x").parse::<Doc>().unwrap_err().remove(0);
        assert_eq!(p.code, ProblemCode::Syntax);
    }

    #[test]
    fn toml_errors_name_line_and_path() {
        let text = "a = 1\n\n[[items]]\nb = \"x\"\n\n[[items]]\nb = 3\n";
        let p = Source::new("doc.toml", text).parse::<Doc>().unwrap_err().remove(0);
        assert_eq!(p.location.line, Some(7));
        assert_eq!(p.location.path.as_deref(), Some("items[1].b"));
    }

    #[test]
    fn toml_native_dates_read_like_quoted_ones() {
        #[derive(Debug, serde::Deserialize, PartialEq)]
        struct D {
            day: chrono::NaiveDate,
            list: Vec<E>,
        }
        #[derive(Debug, serde::Deserialize, PartialEq)]
        struct E {
            on: chrono::NaiveDate,
        }
        let a: D = Source::new("a.toml", "day = 2023-05-01\n[[list]]\non = 2022-11-16\n").parse().unwrap();
        let b: D = Source::new("b.toml", "day = \"2023-05-01\"\n[[list]]\non = \"2022-11-16\"\n").parse().unwrap();
        assert_eq!(a, b);
        let bad = Source::new("c.toml", "day = 2023-05-01\nlist = 3\n").parse::<D>().unwrap_err();
        assert_eq!(bad[0].code, ProblemCode::Syntax);
        assert_eq!(bad[0].location.path.as_deref(), Some("list"));
        assert_eq!(bad[0].location.line, Some(2));
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\nđược x", 11), (2, 5));
    }
}
