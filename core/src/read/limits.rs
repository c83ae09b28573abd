//! Limits on what antq reads: document size, nesting depth, counts and string lengths.
//!
//! Every limit is checked before the work it protects: the size, nesting depth and string
//! lengths of a document are found by one linear byte scan **before** the JSON or TOML
//! parser (and its recursion) runs; counts are checked right after parsing and again by
//! [`crate::Dataset::problems`] and [`crate::RuleSet::problems`], so values built in code
//! are held to the same limits. A limit that is exceeded gives a [`Problem`] with code
//! [`ProblemCode::Limit`] whose message names the limit (its field name here), the value
//! found and the limit, and whose location says where.
//!
//! ```
//! use antq::{Dataset, Limits, ProblemCode};
//! let text = r#"{"format_version": 1, "units": [
//!   {"id": "A", "name": "A", "kind": "province", "subkind": "tinh"},
//!   {"id": "B", "name": "B", "kind": "province", "subkind": "tinh"}]}"#;
//! let mut limits = Limits::default();
//! limits.max_units = 1;
//! let err = Dataset::from_str_with_limits("d.json", text, &limits).unwrap_err();
//! assert_eq!(err.problems()[0].code, ProblemCode::Limit);
//! assert!(err.problems()[0].message.contains("max_units"));
//! // The defaults accept it.
//! assert!(Dataset::from_str_named("d.json", text).is_ok());
//! ```

use crate::error::{Capped, Location, Problem, ProblemCode};
use crate::read::source::{Format, Source};

/// Limits on documents, rule sets and datasets. [`Limits::default`] holds the documented
/// defaults; set fields to change them.
///
/// | field | default | what it bounds |
/// |---|---|---|
/// | `max_document_bytes` | 1 GiB | size of one JSON or TOML document (the national dataset is 75 MB a year) |
/// | `max_nesting_depth` | 64 | nesting of arrays, tables and objects in a document (dotted TOML keys count) |
/// | `max_string_bytes` | 65 536 | length of one string or key in a document, and of ids, names, categories and keys in values built in code |
/// | `max_criteria` | 10 000 | criteria in one rule set or supplement |
/// | `max_test_depth` | 16 | nesting of `all` / `any` / `k_of_n` tests |
/// | `max_subtests` | 1 000 | sub-tests of one `all` / `any` / `k_of_n` test |
/// | `max_tests` | 100 000 | tests in one rule set, all criteria and sub-tests counted |
/// | `max_units` | 2 000 000 | units in one dataset (Vietnam has about 70 000 communes and residential areas) |
/// | `max_evidence` | 5 000 000 | evidence records in one dataset |
/// | `max_events` | 10 000 000 | incidents plus activities in one dataset |
/// | `max_parent_changes` | 64 | dated parent changes of one unit |
/// | `max_problems` | 100 | problems listed in one error; the rest are counted in a last `limit` problem |
///
/// Limits read from JSON (as Python and JavaScript give them) take the default for every
/// field left out, and refuse an unknown field:
///
/// ```
/// let l: antq::Limits = serde_json::from_str(r#"{"max_units": 10}"#).unwrap();
/// assert_eq!((l.max_units, l.max_criteria), (10, antq::Limits::default().max_criteria));
/// assert!(serde_json::from_str::<antq::Limits>(r#"{"max_unit": 10}"#).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Limits {
    /// Largest document, in bytes.
    pub max_document_bytes: usize,
    /// Deepest nesting of arrays, tables and objects in a document.
    pub max_nesting_depth: usize,
    /// Longest string or key, in bytes (as written in the document, escapes included).
    pub max_string_bytes: usize,
    /// Most criteria in one rule set or supplement.
    pub max_criteria: usize,
    /// Deepest nesting of composite tests (1 for a leaf test).
    pub max_test_depth: usize,
    /// Most sub-tests of one composite test.
    pub max_subtests: usize,
    /// Most tests in one rule set (every criterion's tests and sub-tests).
    pub max_tests: usize,
    /// Most units in one dataset.
    pub max_units: usize,
    /// Most evidence records in one dataset.
    pub max_evidence: usize,
    /// Most incidents plus activities in one dataset.
    pub max_events: usize,
    /// Most dated parent changes of one unit.
    pub max_parent_changes: usize,
    /// Most problems listed in one error (the rest are counted, not listed).
    pub max_problems: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: crate::read::source::MAX_DOCUMENT_BYTES,
            max_nesting_depth: 64,
            max_string_bytes: 64 * 1024,
            max_criteria: 10_000,
            max_test_depth: 16,
            max_subtests: 1_000,
            max_tests: 100_000,
            max_units: 2_000_000,
            max_evidence: 5_000_000,
            max_events: 10_000_000,
            max_parent_changes: 64,
            max_problems: 100,
        }
    }
}

impl Limits {
    /// The limits with no bound at all (every field `usize::MAX`), for trusted input.
    /// Nesting is still bounded by the parsers' own recursion limits.
    pub fn unlimited() -> Self {
        Limits {
            max_document_bytes: usize::MAX,
            max_nesting_depth: usize::MAX,
            max_string_bytes: usize::MAX,
            max_criteria: usize::MAX,
            max_test_depth: usize::MAX,
            max_subtests: usize::MAX,
            max_tests: usize::MAX,
            max_units: usize::MAX,
            max_evidence: usize::MAX,
            max_events: usize::MAX,
            max_parent_changes: usize::MAX,
            max_problems: usize::MAX,
        }
    }

    /// A [`ProblemCode::Limit`] problem naming the limit, the value found and the bound, in
    /// English and Vietnamese.
    pub(crate) fn problem(location: Location, what: &str, found: usize, limit_name: &str, limit: usize) -> Problem {
        Problem::new(ProblemCode::Limit, location, format!("{what}: {found} is over the limit {limit_name} = {limit}"))
            .with_vi(format!("{}: {found} vượt quá giới hạn {limit_name} = {limit}", Self::bounds_vi(limit_name)))
    }

    /// What the limit `limit_name` bounds, in Vietnamese.
    pub(crate) fn bounds_vi(limit_name: &str) -> &'static str {
        match limit_name {
            "max_document_bytes" => "kích thước tài liệu (byte)",
            "max_nesting_depth" => "độ sâu lồng nhau",
            "max_string_bytes" => "độ dài chuỗi (byte)",
            "max_criteria" => "số tiêu chí",
            "max_test_depth" => "độ sâu lồng của phép kiểm tra",
            "max_subtests" => "số phép kiểm tra con của một phép kiểm tra",
            "max_tests" => "số phép kiểm tra của bộ tiêu chí",
            "max_units" => "số đơn vị",
            "max_evidence" => "số bản ghi số liệu",
            "max_events" => "số vụ việc và hoạt động",
            "max_parent_changes" => "số lần đổi cấp trên của một đơn vị",
            _ => "giá trị",
        }
    }

    /// Checks a document's size, nesting depth and string lengths with one linear scan,
    /// before it is parsed. The first limit exceeded is returned, with its line and column.
    pub(crate) fn check_document(&self, src: &Source<'_>) -> Result<(), Box<Problem>> {
        if src.text.len() > self.max_document_bytes {
            return Err(Box::new(Self::problem(
                src.at(None),
                "document size in bytes",
                src.text.len(),
                "max_document_bytes",
                self.max_document_bytes,
            )));
        }
        let r = match src.format {
            Format::Json => scan_json(src.text.as_bytes(), self),
            Format::Toml => scan_toml(src.text.as_bytes(), self),
        };
        r.map_err(|(offset, what, found, name, limit)| {
            Box::new(Self::problem(src.at(Some(offset)), what, found, name, limit))
        })
    }

    /// Checks a string value built in code.
    pub(crate) fn check_str(&self, out: &mut Capped, s: &str, location: impl FnOnce() -> Location) {
        if s.len() > self.max_string_bytes {
            out.push(Self::problem(
                location(),
                "string length in bytes",
                s.len(),
                "max_string_bytes",
                self.max_string_bytes,
            ));
        }
    }

    /// Checks a count.
    pub(crate) fn check_count(
        out: &mut Capped,
        path: &str,
        what: &str,
        found: usize,
        limit_name: &str,
        limit: usize,
    ) -> bool {
        if found > limit {
            out.push(Self::problem(Location::path(path), what, found, limit_name, limit));
            false
        } else {
            true
        }
    }
}

/// (byte offset, what, value found, limit name, limit).
type ScanError = (usize, &'static str, usize, &'static str, usize);

fn depth_error(offset: usize, depth: usize, l: &Limits) -> ScanError {
    (offset, "nesting depth", depth, "max_nesting_depth", l.max_nesting_depth)
}

fn string_error(offset: usize, len: usize, l: &Limits) -> ScanError {
    (offset, "string length in bytes", len, "max_string_bytes", l.max_string_bytes)
}

/// Nesting depth and string lengths of JSON text. Malformed text is left to the parser.
fn scan_json(b: &[u8], l: &Limits) -> Result<(), ScanError> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'[' | b'{' => {
                depth += 1;
                if depth > l.max_nesting_depth {
                    return Err(depth_error(i, depth, l));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let len = i.min(b.len()) - start - 1;
                if len > l.max_string_bytes {
                    return Err(string_error(start, len, l));
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Nesting depth and string lengths of TOML text: table headers count one level per
/// dotted segment (plus one for an array of tables), dotted keys one level per segment,
/// arrays and inline tables one level each. Malformed text is left to the parser.
fn scan_toml(b: &[u8], l: &Limits) -> Result<(), ScanError> {
    // Open brackets: (is an inline table, levels it adds).
    let mut stack: Vec<(bool, usize)> = Vec::new();
    let mut stack_depth = 0usize;
    let mut header_depth = 0usize;
    let mut key_dots = 0usize;
    let mut pending = 0usize; // levels the current key adds to a bracket opened as its value
    let mut in_value = false;
    let mut at_line_start = true;
    let mut i = 0;
    let mut bare_start: Option<usize> = None;
    let check_bare = |start: Option<usize>, end: usize| -> Result<(), ScanError> {
        match start {
            Some(s) if end - s > l.max_string_bytes => Err(string_error(s, end - s, l)),
            _ => Ok(()),
        }
    };
    while i < b.len() {
        let c = b[i];
        let key_position = !in_value && stack.last().is_none_or(|&(table, _)| table);
        if key_position
            && !matches!(
                c,
                b' ' | b'\t' | b'.' | b'=' | b'\n' | b'\r' | b'"' | b'\'' | b'#' | b'[' | b'{' | b',' | b'}' | b']'
            )
        {
            if bare_start.is_none() {
                bare_start = Some(i);
            }
            i += 1;
            continue;
        }
        check_bare(bare_start.take(), i)?;
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                let multi = b.get(i..i + 3) == Some(&[c, c, c][..]);
                let start = i;
                i += if multi { 3 } else { 1 };
                let body = i;
                loop {
                    if i >= b.len() {
                        break;
                    }
                    if multi {
                        if b.get(i..i + 3) == Some(&[c, c, c][..]) {
                            break;
                        }
                    } else if b[i] == c || b[i] == b'\n' {
                        break;
                    }
                    i += if c == b'"' && b[i] == b'\\' { 2 } else { 1 };
                }
                let len = i.min(b.len()) - body;
                if len > l.max_string_bytes {
                    return Err(string_error(start, len, l));
                }
                i += if multi { 3 } else { 1 };
                at_line_start = false;
                continue;
            }
            b'\n' => {
                if stack.is_empty() {
                    in_value = false;
                    key_dots = 0;
                    pending = 0;
                }
                at_line_start = true;
            }
            b' ' | b'\t' | b'\r' => {}
            b'[' if stack.is_empty() && at_line_start && !in_value => {
                // A table header: `[a.b]` or `[[a.b]]`.
                let start = i;
                let array = b.get(i + 1) == Some(&b'[');
                i += if array { 2 } else { 1 };
                let mut segments = 1usize;
                while i < b.len() && b[i] != b']' && b[i] != b'\n' {
                    match b[i] {
                        b'.' => segments += 1,
                        q @ (b'"' | b'\'') => {
                            i += 1;
                            while i < b.len() && b[i] != q && b[i] != b'\n' {
                                i += if q == b'"' && b[i] == b'\\' { 2 } else { 1 };
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                if i - start > l.max_string_bytes {
                    return Err(string_error(start, i - start, l));
                }
                header_depth = segments + usize::from(array);
                if 1 + header_depth > l.max_nesting_depth {
                    return Err(depth_error(start, 1 + header_depth, l));
                }
                while i < b.len() && b[i] == b']' {
                    i += 1;
                }
                at_line_start = false;
                continue;
            }
            b'.' if key_position => {
                key_dots += 1;
                let depth = 1 + header_depth + stack_depth + key_dots;
                if depth > l.max_nesting_depth {
                    return Err(depth_error(i, depth, l));
                }
            }
            b'=' if key_position => {
                pending = key_dots;
                key_dots = 0;
                in_value = true;
            }
            b'[' | b'{' => {
                let adds = 1 + pending;
                pending = 0;
                stack.push((c == b'{', adds));
                stack_depth += adds;
                let depth = 1 + header_depth + stack_depth;
                if depth > l.max_nesting_depth {
                    return Err(depth_error(i, depth, l));
                }
                in_value = c == b'[';
            }
            b']' | b'}' => {
                if let Some((_, adds)) = stack.pop() {
                    stack_depth -= adds;
                }
                in_value = true;
            }
            b',' => {
                // In an inline table a key follows; in an array, a value.
                in_value = stack.last().is_some_and(|&(table, _)| !table);
                key_dots = 0;
                pending = 0;
            }
            _ => {}
        }
        if c != b'\n' && !matches!(c, b' ' | b'\t' | b'\r') {
            at_line_start = false;
        }
        i += 1;
    }
    check_bare(bare_start, b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(depth: usize, string: usize) -> Limits {
        Limits { max_nesting_depth: depth, max_string_bytes: string, ..Limits::default() }
    }

    fn scan(name: &str, text: &str, l: &Limits) -> Result<(), Box<Problem>> {
        l.check_document(&Source::new(name, text))
    }

    #[test]
    fn json_depth_counts_brackets_outside_strings() {
        let l = limits(3, 100);
        assert!(scan("a.json", r#"{"a": [{"b": "[[[[[["}]}"#, &l).is_ok());
        let p = scan("a.json", "{\"a\":\n [[{}]]}", &l).unwrap_err();
        assert_eq!(p.code, ProblemCode::Limit);
        assert_eq!((p.location.line, p.location.column), (Some(2), Some(4)));
        assert!(p.message.contains("nesting depth: 4 is over the limit max_nesting_depth = 3"), "{}", p.message);
        assert_eq!(p.message_vi.as_deref(), Some("độ sâu lồng nhau: 4 vượt quá giới hạn max_nesting_depth = 3"));
    }

    /// Every limit a problem can name is worded in Vietnamese.
    #[test]
    fn every_limit_is_named_in_vietnamese() {
        let fields = serde_json::to_value(Limits::default()).unwrap();
        for name in fields.as_object().unwrap().keys().filter(|k| *k != "max_problems") {
            assert_ne!(Limits::bounds_vi(name), "giá trị", "{name}");
        }
    }

    #[test]
    fn json_string_length_counts_escapes() {
        let l = limits(10, 4);
        assert!(scan("a.json", r#"{"abcd": "\"\""}"#, &l).is_ok());
        let p = scan("a.json", r#"{"abcde": 1}"#, &l).unwrap_err();
        assert!(p.message.contains("string length in bytes: 5"), "{}", p.message);
    }

    #[test]
    fn toml_depth_counts_headers_dotted_keys_and_brackets() {
        // Counted like the same document in JSON: `[[units]]` + `list = [..]` is
        // `{"units": [{"list": [..]}]}`, depth 4.
        let l = limits(4, 1000);
        assert!(scan("a.toml", "[[units]]\nid = \"x\"\nlist = [1.5, 2.5]\n", &l).is_ok());
        assert!(scan("a.toml", "a.b.c.d = 1\n# a.b.c.d.e\nc = \"x.y.z.w.v\"\n", &l).is_ok());
        assert!(scan("a.toml", "a = { b = { c.d = 1 } }\n", &l).is_ok());
        assert!(scan("a.toml", "[a.b.c.d]\nx = 1\n", &l).is_err());
        assert!(scan("a.toml", "a.b.c.d.e = 1\n", &l).is_err());
        assert!(scan("a.toml", "a = [[[[1]]]]\n", &l).is_err());
        assert!(scan("a.toml", "a = { b = { c.d.e = 1 } }\n", &l).is_err());
        assert!(scan("a.toml", "[[a.b.c]]\n", &l).is_err());
        assert!(scan("a.toml", "a = { b = 1, c = 2 }\nd = [{ e = 1 }]\n", &l).is_ok());
    }

    #[test]
    fn toml_string_length_covers_every_string_form_and_bare_keys() {
        let l = limits(10, 5);
        assert!(scan("a.toml", "abcde = 'abcde'\nb = \"\\\"\\\"\"\n", &l).is_ok());
        for bad in
            ["abcdef = 1\n", "a = 'abcdef'\n", "a = \"abcdef\"\n", "a = '''abcdef'''\n", "a = \"\"\"ab\ncdef\"\"\"\n"]
        {
            assert!(scan("a.toml", bad, &l).is_err(), "{bad}");
        }
    }

    #[test]
    fn deep_documents_are_refused_before_parsing() {
        let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = crate::Dataset::from_str_named("deep.json", &deep_json).unwrap_err();
        assert_eq!(err.problems()[0].code, ProblemCode::Limit);
        let deep_toml = format!("a{} = 1\n", ".a".repeat(100_000));
        let err = crate::Dataset::from_str_named("deep.toml", &deep_toml).unwrap_err();
        assert_eq!(err.problems()[0].code, ProblemCode::Limit);
        let deep_toml = format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let err = crate::RuleSet::from_str_named("deep.toml", &deep_toml).unwrap_err();
        assert_eq!(err.problems()[0].code, ProblemCode::Limit);
    }

    #[test]
    fn presets_and_sample_fit_the_default_limits() {
        let l = Limits::default();
        for id in crate::rules::PRESET_IDS {
            let p = crate::rules::preset(id).unwrap();
            assert!(scan(p.file, p.source, &l).is_ok(), "{id}");
        }
        assert!(scan("s.json", crate::synthetic::sample::SAMPLE_JSON, &l).is_ok());
    }
}

#[cfg(test)]
mod dataset_tests {
    use crate::{Dataset, Limits, ProblemCode};

    fn units(json_units: &str) -> Dataset {
        serde_json::from_str(&format!(r#"{{"format_version": 1, "units": [{json_units}]}}"#)).unwrap()
    }

    #[test]
    fn counts_over_their_limits_name_the_limit() {
        let ds = units(
            r#"{"id": "P", "name": "P", "kind": "province", "subkind": "tinh"},
               {"id": "C", "name": "C", "kind": "commune", "subkind": "xa", "parent": "P",
                "parent_changes": [{"from": "2024-01-01", "parent": "P"}, {"from": "2025-01-01", "parent": "P"}]}"#,
        );
        assert!(ds.problems().is_empty());
        for (set, name) in [
            ((|l: &mut Limits| l.max_units = 1) as fn(&mut Limits), "max_units = 1"),
            (|l: &mut Limits| l.max_parent_changes = 1, "max_parent_changes = 1"),
            (|l: &mut Limits| l.max_string_bytes = 0, "max_string_bytes = 0"),
        ] {
            let mut l = Limits::default();
            set(&mut l);
            let p = ds.problems_with_limits(&l);
            assert!(!p.is_empty() && p.iter().all(|p| p.code == ProblemCode::Limit), "{p:?}");
            assert!(p[0].message.contains(name), "{}", p[0].message);
        }
        let mut l = Limits { max_events: 0, ..Limits::default() };
        let mut ds2 = ds.clone();
        ds2.incidents =
            serde_json::from_str(r#"[{"unit": "C", "date": "2023-01-01", "category": "separatism"}]"#).unwrap();
        assert!(ds2.problems_with_limits(&l)[0].message.contains("max_events = 0"));
        l = Limits { max_evidence: 0, ..Limits::default() };
        ds2.evidence = serde_json::from_str(r#"[{"unit": "C", "year": 2023}]"#).unwrap();
        assert!(ds2.problems_with_limits(&l)[0].message.contains("max_evidence = 0"));
    }

    #[test]
    fn a_cycle_that_appears_on_a_later_date_is_reported_with_its_ids() {
        let ds = units(
            r#"{"id": "P", "name": "P", "kind": "province", "subkind": "tinh"},
               {"id": "C1", "name": "C1", "kind": "commune", "subkind": "xa", "parent": "C2"},
               {"id": "C2", "name": "C2", "kind": "commune", "subkind": "xa", "parent": "P",
                "parent_changes": [{"from": "2024-02-01", "parent": "C1"}]}"#,
        );
        let p = ds.problems();
        let cyc: Vec<_> = p.iter().filter(|p| p.code == ProblemCode::ParentCycle).collect();
        assert_eq!(cyc.len(), 1, "{p:?}");
        assert!(cyc[0].message.contains("2024-02-01") && cyc[0].message.contains("C1 → C2"), "{}", cyc[0].message);
    }

    #[test]
    fn cycle_search_is_linear_in_units_and_parent_changes() {
        // 60 000 communes, each moving between two provinces on three dates of its own:
        // 180 000 dates. Walking every unit on every date would take 10^10 steps.
        let n = 60_000;
        let mut ds = units(
            r#"{"id": "P", "name": "P", "kind": "province", "subkind": "tinh"},
               {"id": "Q", "name": "Q", "kind": "province", "subkind": "tinh"}"#,
        );
        let base = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        for i in 0..n {
            let mut u =
                crate::Unit::new(format!("C{i}"), "c", crate::UnitKind::Commune(crate::CommuneKind::Xa), Some("P"));
            for k in 0..3i64 {
                u.parent_changes.push(crate::ParentChange {
                    from: base + chrono::Days::new((i as u64) * 3 + k as u64),
                    parent: Some(crate::UnitId::from(if k % 2 == 0 { "Q" } else { "P" })),
                });
            }
            ds.units.push(u);
        }
        // The search runs on a budget of 16 steps per unit and parent change, and reports a
        // `limit` problem when it runs out: no problem means it stayed linear.
        assert!(ds.problems().is_empty());
    }
}

#[cfg(test)]
mod problem_tests {
    use crate::{Dataset, Limits, ProblemCode};

    /// A dataset with one commune and `n` evidence records naming units that do not exist.
    pub(crate) fn mismatched(n: usize) -> String {
        let mut t = String::from(
            "{\"format_version\": 1, \"units\": [{\"id\": \"C\", \"name\": \"C\", \"kind\": \"commune\", \"subkind\": \"xa\"}],\n\"evidence\": [\n",
        );
        for i in 0..n {
            t.push_str(&format!("{}{{\"unit\": \"X{i}\", \"year\": 2023}}\n", if i > 0 { "," } else { "" }));
        }
        t.push_str("]}");
        t
    }

    #[test]
    fn problems_are_capped_counted_and_located() {
        let text = mismatched(100_000);
        let e = Dataset::from_str_named("d.json", &text).unwrap_err();
        let p = e.problems();
        assert_eq!(p.len(), 101);
        assert!(p[..100].iter().all(|p| p.code == ProblemCode::UnknownUnit));
        assert_eq!((p[99].location.line, p[99].location.column), (Some(102), Some(11)), "{}", p[99]);
        assert_eq!(p[100].code, ProblemCode::Limit);
        assert!(p[100].message.contains("… and 99900 more problems"), "{}", p[100].message);
        assert!(p[100].message.contains("max_problems = 100"), "{}", p[100].message);
        let limits = Limits { max_problems: 3, ..Limits::default() };
        let e = Dataset::from_str_with_limits("d.json", &text, &limits).unwrap_err();
        assert_eq!(e.problems().len(), 4);
        assert!(e.problems()[3].message.contains("99997 more"));
    }

    #[test]
    fn long_messages_are_cut() {
        let p = crate::Problem::new(ProblemCode::BadValue, Default::default(), "é".repeat(100_000));
        assert!(p.message.len() <= crate::MAX_MESSAGE_BYTES, "{}", p.message.len());
        assert!(p.message.ends_with("more bytes)"), "{}", &p.message[p.message.len() - 40..]);
    }
}
