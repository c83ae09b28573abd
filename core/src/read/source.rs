//! Reading JSON and TOML documents with errors that name the place.

use crate::error::{Location, Problem};
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

/// Largest document read, in bytes (1 GiB: the national dataset of ten years, or ×10, fits).
pub const MAX_DOCUMENT_BYTES: usize = 1 << 30;

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
    /// A source with its format guessed from the name, or else from the text. A UTF-8 byte
    /// order mark at the start (left by some editors) is not part of the document.
    ///
    /// ```
    /// let s = antq::Source::new("d.json", "\u{feff}{}");
    /// assert_eq!(s.text, "{}");
    /// ```
    pub fn new(name: &'a str, text: &'a str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
    /// path) in a one-element list. Size, nesting and string lengths are not bounded here:
    /// the readers (`Dataset::from_str_with_limits` and the like) check them with
    /// [`crate::Limits`] first, so a raised limit takes effect.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Vec<Problem>> {
        self.parse_one().map_err(|p| vec![*p])
    }

    fn parse_one<T: DeserializeOwned>(&self) -> Result<T, Box<Problem>> {
        match self.format {
            Format::Json => self.parse_json(self.text).map_err(|(offset, path, msg)| {
                let mut loc = self.at(offset);
                loc.path = path;
                Box::new(Problem::syntax(loc, msg))
            }),
            Format::Toml => {
                let json = crate::read::toml_json::to_json(self.text)
                    .map_err(|e| Box::new(Problem::syntax(self.at(e.offset), e.message)))?;
                self.parse_json(&json).map_err(|(_, path, msg)| {
                    let offset = path.as_deref().and_then(|p| crate::read::toml_json::offset_of(self.text, p));
                    let mut loc = self.at(offset);
                    loc.path = path;
                    Box::new(Problem::syntax(loc, msg))
                })
            }
        }
    }

    /// Reads JSON text; a failure gives its byte offset, field path and message.
    fn parse_json<T: DeserializeOwned>(&self, json: &str) -> Result<T, (Option<usize>, Option<String>, String)> {
        let fail = |e: serde_json::Error, with_path: bool| {
            let offset = (e.line() > 0).then(|| byte_offset(json, e.line(), e.column()));
            let path = if with_path { offset.map(|o| json_path_at(json, o)).filter(|p| !p.is_empty()) } else { None };
            (offset, path, strip_position(&e.to_string()))
        };
        let mut de = serde_json::Deserializer::from_str(json);
        let v = T::deserialize(&mut de).map_err(|e| fail(e, true))?;
        de.end().map_err(|e| fail(e, false))?;
        Ok(v)
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
    /// so that problems found after parsing still point at a line. For many problems use
    /// the crate's `locate_all`, which takes one pass over the text for all of them.
    pub fn locate(&self, id: &str) -> Location {
        let dq = format!("\"{id}\"");
        let sq = format!("'{id}'");
        let off = self.text.find(&dq).or_else(|| self.text.find(&sq));
        self.at(off)
    }

    /// Sets the file of every problem and, where it has none, the line and column of the
    /// first quoted occurrence (`"id"`, else `'id'`) of the id `key` names for it. Linear
    /// in the text and the problems: one pass finds every id, one more every line.
    pub(crate) fn locate_all<F>(&self, problems: &mut [Problem], key: F)
    where
        F: Fn(&Problem) -> Option<&str>,
    {
        let keys: Vec<Option<String>> =
            problems.iter().map(|p| if p.location.line.is_some() { None } else { key(p).map(str::to_owned) }).collect();
        let mut first: rustc_hash::FxHashMap<&str, Option<usize>> =
            keys.iter().flatten().map(|k| (k.as_str(), None)).collect();
        for quote in [b'"', b'\''] {
            let mut left = first.values().filter(|v| v.is_none()).count();
            let mut open: Option<usize> = None;
            for (i, _) in self.text.bytes().enumerate().filter(|&(_, b)| b == quote) {
                if left == 0 {
                    break;
                }
                if let Some(o) = open
                    && let Some(slot @ None) = first.get_mut(&self.text[o + 1..i])
                {
                    *slot = Some(o);
                    left -= 1;
                }
                open = Some(i);
            }
        }
        let offsets: Vec<Option<usize>> =
            keys.iter().map(|k| k.as_deref().and_then(|k| first.get(k).copied().flatten())).collect();
        let mut wanted: Vec<usize> = offsets.iter().flatten().copied().collect();
        crate::sort(&mut wanted);
        wanted.dedup();
        let at = line_cols(self.text, &wanted);
        for (p, off) in problems.iter_mut().zip(offsets) {
            p.location.file = Some(self.name.to_owned());
            if let Some(off) = off
                && let Ok(k) = wanted.binary_search(&off)
            {
                p.location.line = Some(at[k].0);
                p.location.column = Some(at[k].1);
            }
        }
    }
}

/// [`line_col`] of each of the ascending byte `offsets`, in one pass over the text.
fn line_cols(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let (mut pos, mut line, mut col) = (0usize, 1usize, 1usize);
    offsets
        .iter()
        .map(|&off| {
            let mut off = off.min(text.len()).max(pos);
            while !text.is_char_boundary(off) {
                off -= 1;
            }
            let span = &text[pos..off];
            match span.rfind('\n') {
                Some(nl) => {
                    line += span.bytes().filter(|&b| b == b'\n').count();
                    col = span[nl + 1..].chars().count() + 1;
                }
                None => col += span.chars().count(),
            }
            pos = off;
            (line, col)
        })
        .collect()
}

/// Reads a plain input document (the DOMAIN §6 inputs) from JSON or TOML under the default
/// [`crate::Limits`]; any problem is an `invalid_dataset` error naming file, line and path.
pub(crate) fn read_input<T: DeserializeOwned>(name: &str, text: &str) -> crate::Result<T> {
    let src = Source::new(name, text);
    crate::Limits::default().check_document(&src).map_err(|p| crate::Error::InvalidDataset(vec![*p]))?;
    src.parse().map_err(crate::Error::InvalidDataset)
}

/// The field path (`units[0].parent`) of the value being read at byte `offset` of a JSON
/// text: what serde was reading when it stopped there. A single pass over the text up to
/// the offset, so errors name the field without instantiating every type's
/// deserializer a second time (which would double the WebAssembly build's code).
fn json_path_at(text: &str, offset: usize) -> String {
    enum Frame {
        /// In an object: the key whose value is being read.
        Object(Option<String>),
        /// In an array: the index of the current element.
        Array(usize),
    }
    let bytes = text.as_bytes();
    let mut end = offset.min(bytes.len());
    // serde_json reports errors raised after a whole value (a conversion, a missing
    // field) past the separator it peeked: the value in error is the one just read.
    while end > 0 && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    if end > 0 && bytes[end - 1] == b',' {
        end -= 1;
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    // Whether the next string in an object is a key (true after `{` and `,`).
    let mut expect_key = false;
    while i < end {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                expect_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(key)) => {
                    *key = None;
                    expect_key = true;
                }
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expect_key && let Some(Frame::Object(key)) = stack.last_mut() {
                    let raw = &text[start..i.min(bytes.len())];
                    *key =
                        Some(serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_owned()));
                    expect_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object(Some(k)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
        }
    }
    path
}
/// The byte offset of serde_json's (1-based line, 0-based byte column) position.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1) };
    start + column
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
    use crate::ProblemCode;

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
    fn json_paths_match_serde_path_to_error() {
        // Every single-token corruption of a small dataset: the path found by scanning the
        // text must be the one serde_path_to_error tracks while deserialising.
        let good = r#"{"format_version": 1, "units": [{"id": "P", "name": "Tỉnh", "kind": "province", "subkind": "tinh"},
            {"id": "C", "name": "Xã", "kind": "commune", "subkind": "xa", "parent": "P"}],
            "evidence": [{"unit": "C", "year": 2023, "households_total": 3, "attested": {"RA-2": "yes"},
            "points": {"i1": {"self": 1.5}}}], "incidents": [{"unit": "C", "date": "2023-01-01", "category": "x"}]}"#;
        let swaps = [
            ("\"tinh\"", "\"tinhh\""),
            ("\"parent\"", "\"parnt\""),
            ("2023,", "\"2023\","),
            (": 3,", ": -3,"),
            ("\"yes\"", "\"maybe\""),
            ("1.5", "\"a\""),
            ("\"2023-01-01\"", "\"2023-02-30\""),
            ("\"commune\"", "7"),
            ("\"format_version\": 1", "\"format_version\": true"),
            ("\"unit\": \"C\", \"date\"", "\"unit\": 5, \"date\""),
            ("\"name\": \"Xã\", ", ""),
        ];
        for (from, to) in swaps {
            let bad = good.replacen(from, to, 1);
            assert_ne!(bad, good, "{from}");
            let mut de = serde_json::Deserializer::from_str(&bad);
            let expected = match serde_path_to_error::deserialize::<_, crate::Dataset>(&mut de) {
                Err(e) => e.path().to_string(),
                Ok(_) => continue,
            };
            let p = Source::new("d.json", &bad).parse::<crate::Dataset>().unwrap_err().remove(0);
            assert_eq!(p.location.path.as_deref().unwrap_or("."), expected, "after replacing {from} with {to}");
        }
        assert_eq!(json_path_at(r#"{"a": [1, {"b\"c": [2, 3"#, 24), "a[1].b\"c[1]");
        assert_eq!(json_path_at(r#"{"a": 1, "b": 2}"#, 9), "a");
        assert_eq!(json_path_at(r#"{"a": 1, "b": 2}"#, 11), "b");
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

    #[test]
    fn one_pass_locations_match_locate() {
        let text = "{\"a\": \"x\",\n \"b\": ['y', \"đ\"], \"c\":\n\n  \"x\", 'z'}";
        let src = Source::new("t.json", text);
        let ids = ["x", "y", "đ", "z", "nowhere", "a", "\", \""];
        let mut ps: Vec<Problem> =
            ids.iter().map(|id| Problem::new(ProblemCode::BadValue, Location::default().with_unit(*id), "m")).collect();
        src.locate_all(&mut ps, |p| p.location.unit.as_deref());
        for (p, id) in ps.iter().zip(ids) {
            let want = src.locate(id);
            assert_eq!((p.location.line, p.location.column), (want.line, want.column), "{id:?}");
            assert_eq!(p.location.file.as_deref(), Some("t.json"));
        }
        let offs = [0, 3, 3, 12, 13, 30, text.len()];
        let all = line_cols(text, &offs);
        for (o, lc) in offs.iter().zip(all) {
            assert_eq!(line_col(text, *o), lc, "{o}");
        }
    }
}
