//! The format version comes first: a document of another version is refused for its
//! version, even when the rest of it (new fields, changed shapes) does not parse.

use crate::error::Problem;
use crate::read::source::Source;
use serde::Deserialize;

/// Only the version; every other field is ignored.
#[derive(Deserialize)]
struct Peek {
    #[serde(default)]
    format_version: Option<serde_json::Value>,
}

/// The problems of a document that failed to parse: if it declares a `format_version`
/// other than `supported`, that alone (naming the version found and the one supported);
/// otherwise the parse problems unchanged.
pub(crate) fn first(problems: Vec<Problem>, src: &Source<'_>, supported: u32) -> Vec<Problem> {
    let Ok(peek) = src.parse::<Peek>() else { return problems };
    match peek.format_version {
        Some(v) if v.as_u64() != Some(u64::from(supported)) => {
            let mut loc = src.at(src.text.find("format_version"));
            loc.path = Some("format_version".into());
            vec![Problem::format_version(loc, v, supported)]
        }
        _ => problems,
    }
}

#[cfg(test)]
mod tests {
    use crate::{Dataset, ProblemCode, RuleSet, Supplement};

    #[test]
    fn another_version_is_named_even_when_the_rest_does_not_parse() {
        let ds = "{\"format_version\": 2,\n \"units\": [], \"regions\": []}";
        let e = Dataset::from_str_named("d.json", ds).unwrap_err();
        assert_eq!(e.problems().len(), 1);
        let p = &e.problems()[0];
        assert_eq!(p.code, ProblemCode::FormatVersion);
        assert_eq!(p.location.line, Some(1));
        assert!(p.message.contains("format_version 2 is not supported; this antq reads version 1"), "{}", p.message);
        let rs = "format_version = 3\nid = \"x\"\nnew_field = 1\n";
        let e = RuleSet::from_str_named("r.toml", rs).unwrap_err();
        assert_eq!(e.problems()[0].code, ProblemCode::FormatVersion);
        assert!(e.problems()[0].message.contains("format_version 3"));
        let s = "{\"format_version\": \"2.0\", \"id\": 1}";
        let e = Supplement::from_str_named("s.json", s).unwrap_err();
        assert!(e.problems()[0].message.contains("format_version \"2.0\""), "{}", e.problems()[0].message);
        // The supported version with a bad field is still a syntax problem naming the field.
        let e =
            Dataset::from_str_named("d.json", "{\"format_version\": 1, \"units\": [], \"regions\": []}").unwrap_err();
        assert_eq!(e.problems()[0].code, ProblemCode::Syntax);
        assert!(e.problems()[0].message.contains("regions"));
        // No version at all: the missing field is named.
        let e = Dataset::from_str_named("d.json", "{\"units\": []}").unwrap_err();
        assert!(e.problems()[0].message.contains("format_version"), "{}", e.problems()[0].message);
    }
}
