//! Tests of the limits at scale: problems capped while they are found, headers that count
//! every problem, bounded locations, `max_tests`, and sources read only once.

use crate::{Dataset, Error, Limits, ProblemCode, RuleSet};

/// One commune and `n` evidence records naming units that do not exist, built in code.
fn mismatched(n: usize) -> Dataset {
    let mut ds: Dataset = serde_json::from_str(
        r#"{"format_version": 1, "units": [{"id": "C", "name": "C", "kind": "commune", "subkind": "xa"}]}"#,
    )
    .unwrap();
    let record = |i: usize| serde_json::from_str(&format!(r#"{{"unit": "X{i}", "year": 2023}}"#)).unwrap();
    ds.evidence = (0..n).map(record).collect();
    ds
}

#[test]
fn problems_are_capped_while_they_are_found() {
    let p = mismatched(200_000).problems();
    assert_eq!(p.len(), 101);
    // Never a list of 200,000 problems, even for a moment.
    assert!(p.capacity() < 1_000, "{}", p.capacity());
    assert!(p[..100].iter().all(|p| p.code == ProblemCode::UnknownUnit && p.omitted.is_none()));
    assert_eq!((p[100].code, p[100].omitted), (ProblemCode::Limit, Some(199_900)));
    assert!(p[100].message.contains("… and 199900 more problems not listed"), "{}", p[100].message);
    // The same first problems as when everything fits.
    let all = mismatched(200_000).problems_with_limits(&Limits { max_problems: usize::MAX, ..Limits::default() });
    assert_eq!(all.len(), 200_000);
    assert_eq!(p[..100], all[..100]);
    // In record order, across the parts checked on different cores.
    let in_order =
        all.iter().enumerate().all(|(k, p)| p.location.path.as_deref() == Some(&*format!("evidence[{k}].unit")));
    assert!(in_order);
}

#[test]
fn headers_count_every_problem() {
    let e = Error::InvalidDataset(mismatched(391).problems());
    assert_eq!((e.problems().len(), e.problem_count()), (101, 391));
    assert!(e.to_string().starts_with("invalid dataset (391 problems):\n"), "{e}");
    assert!(e.to_string().ends_with("… and 291 more problems not listed (the limit max_problems = 100)"), "{e}");
    let e = Error::InvalidDataset(mismatched(1).problems());
    assert!(e.to_string().starts_with("invalid dataset (1 problem):\n"), "{e}");
    // A capped list capped again keeps its count.
    let twice = crate::error::cap_problems(mismatched(391).problems(), 10);
    assert_eq!((twice.len(), twice[10].omitted), (11, Some(381)));
    // The count line serialises its count (the form Python and JavaScript are given).
    let json = serde_json::to_value(&twice[10]).unwrap();
    assert_eq!(json["omitted"], 381);
    assert!(serde_json::to_value(&twice[0]).unwrap().get("omitted").is_none());
}

#[test]
fn problems_found_for_the_year_are_capped_and_counted() {
    // 300 districts in 2025, after districts were abolished: one problem each.
    let mut units = vec![r#"{"id": "P", "name": "P", "kind": "province", "subkind": "tinh"}"#.to_owned()];
    units.extend(
        (0..300).map(|i| {
            format!(r#"{{"id": "D{i}", "name": "D", "kind": "district", "subkind": "huyen", "parent": "P"}}"#)
        }),
    );
    let text = format!(r#"{{"format_version": 1, "units": [{}]}}"#, units.join(","));
    let ds = Dataset::from_str_named("d.json", &text).unwrap();
    let e = crate::evaluate(&ds, &RuleSet::preset("vn.c124-2025").unwrap(), 2025).unwrap_err();
    assert_eq!(e.problems()[0].code, ProblemCode::KindNotInYear);
    assert_eq!((e.problems().len(), e.problem_count()), (101, 300));
    assert!(e.to_string().starts_with("invalid dataset (300 problems)"), "{e}");
}

#[test]
fn locations_are_bounded() {
    let long = "é".repeat(10_000);
    let text = format!(
        r#"{{"format_version": 1, "units": [{{"id": "{long}", "name": "C", "kind": "commune", "subkind": "xa", "parent": "{long}X"}}]}}"#
    );
    let e = Dataset::from_str_named("d.json", &text).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(p.code, ProblemCode::DanglingParent);
    let unit = p.location.unit.as_deref().unwrap();
    assert!(unit.len() <= crate::MAX_LOCATION_BYTES && unit.ends_with("more bytes)"), "{unit}");
    assert!(p.message.len() <= crate::MAX_MESSAGE_BYTES);
    let l = crate::Location::path("p".repeat(5_000)).with_criterion("c".repeat(5_000));
    assert!(l.path.unwrap().len() <= crate::MAX_LOCATION_BYTES);
    assert!(l.criterion.unwrap().len() <= crate::MAX_LOCATION_BYTES);
}

/// A rule set of `criteria` criteria, each a `k_of_n` of `width` attested sub-tests.
fn wide_rules(criteria: usize, width: usize) -> String {
    let of: Vec<String> = (0..width).map(|i| format!(r#"{{"test": "attested", "key": "K{i}"}}"#)).collect();
    let crit: Vec<String> = (0..criteria)
        .map(|c| {
            format!(
                r#"{{"id": "W{c}", "kinds": ["commune"], "label": {{"vi": "x", "en": "x"}}, "legal_basis": [],
                  "certainty": "sample", "wording": "summary", "test": {{"test": "k_of_n", "k": 1, "of": [{}]}}}}"#,
                of.join(",")
            )
        })
        .collect();
    format!(
        r#"{{"format_version": 1, "id": "wide", "version": "1", "title": {{"vi": "x", "en": "x"}}, "legal_basis": [],
          "windows": [{{"kinds": ["commune"], "start": "Y-1-11-16", "end": "Y-11-15"}}],
          "criteria": [{}], "outcome": {{"policy": "all_mandatory"}}}}"#,
        crit.join(",")
    )
}

#[test]
fn max_tests_counts_every_criterion_and_sub_test() {
    // 3 criteria of 1 + 4 tests: 15 in all.
    let text = wide_rules(3, 4);
    let fits = Limits { max_tests: 15, ..Limits::default() };
    assert!(RuleSet::from_str_with_limits("r.json", &text, &fits).is_ok());
    let over = Limits { max_tests: 14, ..Limits::default() };
    let e = RuleSet::from_str_with_limits("r.json", &text, &over).unwrap_err();
    assert_eq!(e.code(), "invalid_rule_set");
    let p = &e.problems()[0];
    assert_eq!(p.code, ProblemCode::Limit);
    assert!(p.message.contains("max_tests = 14"), "{}", p.message);
    assert_eq!(p.location.criterion.as_deref(), Some("W2"), "the criterion that went over: {p}");
    // The default: 101 criteria of 991 tests each (every one within max_subtests) are over 100,000.
    let e = RuleSet::from_str_named("r.json", &wide_rules(101, 990)).unwrap_err();
    assert!(e.problems().iter().any(|p| p.message.contains("max_tests = 100000")), "{e}");
}

#[test]
fn a_stream_read_once_is_read_as_a_file_is() {
    let sample = crate::sample::SAMPLE_JSON;
    let whole = Dataset::from_str_named("s.json", sample).unwrap();
    assert_eq!(Dataset::from_reader("standard input", sample.as_bytes()).unwrap(), whole);
    // TOML is told from the text when the name does not say.
    let toml = "format_version = 1\n[[units]]\nid = \"C\"\nname = \"C\"\nkind = \"commune\"\nsubkind = \"xa\"\n";
    assert_eq!(Dataset::from_reader("standard input", toml.as_bytes()).unwrap().units.len(), 1);
    // A problem is located in the stream's text, under the stream's name.
    let bad = "{\"format_version\": 1, \"units\": [\n{\"id\": \"C\", \"name\": \"C\", \"kind\": \"commune\", \"subkind\": \"xa\", \"parent\": \"Q\"}]}";
    let e = Dataset::from_reader("standard input", bad.as_bytes()).unwrap_err();
    let l = &e.problems()[0].location;
    assert_eq!((l.file.as_deref(), l.line), (Some("standard input"), Some(2)), "{e}");
    // Over the document limit while it is read.
    let small = Limits { max_document_bytes: 100, ..Limits::default() };
    let e = Dataset::from_reader_with_limits("-", std::io::repeat(b' '), &small).unwrap_err();
    assert_eq!(e.code(), "io");
    assert!(e.to_string().contains("max_document_bytes = 100"), "{e}");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_opened_once() {
    use std::io::Write;
    let fifo = std::env::temp_dir().join(format!("antq-fifo-{}.json", std::process::id()));
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let bad = "{\"format_version\": 1, \"units\": [\n{\"id\": \"C\", \"name\": \"C\", \"kind\": \"commune\", \"subkind\": \"xa\", \"parnt\": \"Q\"}]}";
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            f.write_all(bad.as_bytes()).unwrap();
        })
    };
    // Reading it a second time would wait for a writer that never comes.
    let (tx, rx) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || tx.send(Dataset::from_path(&path)).unwrap());
    let r = rx.recv_timeout(std::time::Duration::from_secs(60));
    writer.join().unwrap();
    let _ = std::fs::remove_file(&fifo);
    let e = r.expect("a FIFO is read once, never re-opened").unwrap_err();
    assert_eq!(e.problems()[0].code, ProblemCode::Syntax);
    assert_eq!(e.problems()[0].location.line, Some(2), "{e}");
}

#[test]
fn a_prerequisite_chain_stops_at_its_depth_limit() {
    // Two typical rule sets, each the other's prerequisite: an endless chain, cut at 4.
    let typical = |id: &str, prerequisite: &str| {
        let text = format!(
            r#"{{"format_version": 1, "id": "{id}", "version": "1", "title": {{"vi": "x", "en": "x"}},
              "legal_basis": [], "windows": [{{"kinds": ["commune"], "start": "Y-1-11-16", "end": "Y-11-15"}}],
              "criteria": [{{"id": "W", "kinds": ["commune"], "label": {{"vi": "x", "en": "x"}}, "legal_basis": [],
                "certainty": "sample", "wording": "summary", "test": {{"test": "attested", "key": "K"}}}}],
              "parameters": {{"min_met": {{"value": 1, "illustrative": true, "label": {{"vi": "x", "en": "x"}}}}}},
              "outcome": {{"policy": "typical", "prerequisite": "{prerequisite}"}}}}"#
        );
        RuleSet::from_str_named("t.json", &text).unwrap()
    };
    let (a, b) = (typical("a", "b"), typical("b", "a"));
    let ds = Dataset::from_str_named("s.json", crate::sample::SAMPLE_JSON).unwrap();
    let opts = crate::Options::default().with_rule_set(a.clone()).with_rule_set(b);
    let e = crate::evaluate_with(&ds, &a, 2023, &opts).unwrap_err();
    assert_eq!(e.code(), "invalid_rule_set");
    assert_eq!(e.problems()[0].code, ProblemCode::Limit);
    assert!(e.to_string().contains("prerequisites chain deeper than 4"), "{e}");
}
