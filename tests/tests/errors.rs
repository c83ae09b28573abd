//! The error catalogue (`docs/ERRORS.md`) against the library: every `Error::code()` and
//! every `ProblemCode` is documented there, nothing else is, and every code can occur.

use antq::{Error, ProblemCode};
use antq_conformance::case::{Case, case_files};
use std::collections::BTreeSet;
use std::path::Path;

fn catalogue() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/ERRORS.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The codes in the first column of the table that follows `## heading` (up to the next
/// heading of any level).
fn table_codes(doc: &str, heading: &str) -> Vec<String> {
    let mut lines = doc.lines().skip_while(|l| l.trim() != heading);
    assert!(lines.next().is_some(), "no section `{heading}` in docs/ERRORS.md");
    let mut codes = Vec::new();
    for l in lines {
        if l.starts_with('#') {
            break;
        }
        if let Some(rest) = l.strip_prefix("| `")
            && let Some(end) = rest.find('`')
        {
            codes.push(rest[..end].to_owned());
        }
    }
    codes
}

#[test]
fn every_code_is_documented_once_and_only_codes_that_exist() {
    let doc = catalogue();
    let errors = table_codes(&doc, "## Error codes");
    let want: Vec<String> = Error::CODES.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(errors, want, "the `## Error codes` table must list Error::CODES, in order");
    let problems = table_codes(&doc, "## Problem codes");
    let want: Vec<String> = ProblemCode::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    assert_eq!(problems, want, "the `## Problem codes` table must list ProblemCode::ALL, in order");
    // The binding-only codes are documented too.
    for extra in ["internal", "bad_argument"] {
        assert!(doc.contains(&format!("| `{extra}` |")), "{extra} is not documented");
    }
    // Every limit field is documented with its default.
    let limits = table_codes(&doc, "### Limits (`limit`)");
    let debug = format!("{:?}", antq::Limits::default());
    for field in &limits {
        assert!(debug.contains(&format!("{field}: ")), "documented limit {field} is not a Limits field");
    }
    let fields = debug.matches(": ").count();
    assert_eq!(limits.len(), fields, "every Limits field must be documented: {debug}");
}

/// The error codes and problem codes the shared cases expect (the case runners prove each
/// happens, in Rust, Python and Node).
fn expected_by_cases() -> (BTreeSet<String>, BTreeSet<ProblemCode>) {
    let mut errors = BTreeSet::new();
    let mut problems = BTreeSet::new();
    for path in case_files() {
        let case = Case::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if let Some(e) = case.expect.error {
            errors.insert(e.code);
            problems.extend(e.problems);
        }
        problems.extend(case.expect.lints.into_iter().flatten());
    }
    // The DOMAIN §6 cases (`cases/section6/`): `expect.error.code` and the problem codes.
    for path in section6_files() {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let Some(e) = v.pointer("/expect/error") else { continue };
        if let Some(code) = e.get("code").and_then(|c| c.as_str()) {
            errors.insert(code.to_owned());
        }
        for p in e.get("problems").and_then(|p| p.as_array()).into_iter().flatten() {
            if let Some(code) = p.get("code").and_then(|c| serde_json::from_value::<ProblemCode>(c.clone()).ok()) {
                problems.insert(code);
            }
        }
    }
    (errors, problems)
}

fn section6_files() -> Vec<std::path::PathBuf> {
    let dir = antq_conformance::cases_dir().join("section6");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_code_can_occur() {
    let (errors, problems) = expected_by_cases();
    // Not expressible as a shared case (inline inputs have no file; no case operation asks
    // for a unit by id): triggered here.
    let io = antq::Dataset::from_path("/nonexistent/antq/dataset.json").unwrap_err();
    assert_eq!(io.code(), "io");
    let ds = antq::Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
    let unknown = antq::stats::activity_stats(&ds, 2023, Some("NO-SUCH-UNIT")).unwrap_err();
    assert_eq!(unknown.code(), "unknown_unit");
    // A shared case has no progress callback to stop it: cancelled here.
    let stop = antq::Options::default().with_progress(|_, _| std::ops::ControlFlow::Break(()));
    let rules = antq::RuleSet::preset("vn.c124-2021").unwrap();
    let cancelled = antq::evaluate_with(&ds, &rules, 2023, &stop).unwrap_err();
    assert_eq!(cancelled.code(), "cancelled");
    // An argument out of order: years to compare, later first.
    let c2025 = antq::RuleSet::preset("vn.c124-2025").unwrap();
    let opts = antq::Options::default();
    let order = antq::analysis::compare_rule_years(&ds, (&c2025, &rules), 2025, 2023, &opts).unwrap_err();
    assert_eq!(order.code(), "bad_argument");
    let direct: BTreeSet<&str> = ["io", "unknown_unit", "cancelled", "bad_argument"].into();
    for code in Error::CODES {
        assert!(
            direct.contains(code) || errors.contains(code),
            "no shared case in tests/cases/evaluate or section6 expects error `{code}`"
        );
    }
    for code in ProblemCode::ALL {
        assert!(problems.contains(&code), "no shared case in tests/cases/evaluate expects problem `{}`", code.as_str());
    }
}
