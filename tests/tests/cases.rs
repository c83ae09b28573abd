//! Runs every shared case under `cases/evaluate/` through the public antq API and
//! reports every failing case by file name; each case's full result (and, for `evaluate`,
//! the review's verdicts) must equal its committed result in `cases/results/evaluate/`
//! (`ANTQ_UPDATE_SNAPSHOTS=1` rewrites them).

use antq_conformance::case::{Case, case_files, check_file_name};
use antq_conformance::results::Results;
use std::collections::BTreeMap;

/// Fewest cases the suite must hold (a lost folder must not pass as "no failures").
const MIN_CASES: usize = 110;

#[test]
fn every_case_passes() {
    let files = case_files();
    let mut failures: Vec<String> = Vec::new();
    let mut numbers: BTreeMap<u32, String> = BTreeMap::new();
    let mut ran = 0usize;
    let mut results = Results::open("evaluate");
    for path in &files {
        let label = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match check_file_name(path) {
            Err(e) => {
                failures.push(format!("{label}: {e}"));
                continue;
            }
            Ok(n) => {
                if let Some(other) = numbers.insert(n, label.clone()) {
                    failures.push(format!("{label}: number {n:03} is also used by {other}"));
                }
            }
        }
        let case = match Case::load(path) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{label}: {e}"));
                continue;
            }
        };
        ran += 1;
        let (fails, result) = case.run_full();
        for f in fails {
            failures.push(format!("{label} ({}): {f}", case.name));
        }
        if let Some(stem) = path.file_stem() {
            results.check(&stem.to_string_lossy(), &result);
        }
    }
    failures.extend(results.finish());
    assert!(failures.is_empty(), "{} failures in {ran} cases:\n  - {}", failures.len(), failures.join("\n  - "));
    assert!(ran >= MIN_CASES, "only {ran} cases ran; at least {MIN_CASES} are expected");
}

// ---------------------------------------------------------------- the runner itself

/// A small valid case: one residential area that meets every criterion.
fn base_case() -> serde_json::Value {
    serde_json::json!({
        "name": "runner self-test",
        "domain_ref": "DOMAIN §3.3",
        "description": "A residential area with every criterion met.",
        "operation": "evaluate",
        "rules": "vn.c124-2021",
        "year": 2023,
        "dataset": {
            "format_version": 1,
            "units": [
                {"id": "C", "name": "Xã", "kind": "commune", "subkind": "xa"},
                {"id": "R", "name": "Thôn", "kind": "residential_area", "subkind": "thon", "parent": "C"}
            ],
            "evidence": [{
                "unit": "R", "year": 2023, "resolution_date": "2023-01-10", "registration_date": "2023-01-10",
                "households_total": 10, "households_registered": 10,
                "attested": {"RA-2": "yes", "RA-3/other": "yes", "RA-4": "yes", "RA-5": "yes"}
            }]
        },
        "expect": {"outcomes": {"R": "meets"}}
    })
}

fn run(v: &serde_json::Value) -> Result<Vec<String>, String> {
    Case::from_json(&v.to_string()).map(|c| c.run())
}

#[test]
fn the_self_test_case_passes() {
    assert_eq!(run(&base_case()), Ok(vec![]));
}

#[test]
fn unknown_keys_are_refused() {
    for pointer in ["", "/expect"] {
        let mut v = base_case();
        v.pointer_mut(pointer).unwrap().as_object_mut().unwrap().insert("outcome".into(), serde_json::json!({}));
        let e = run(&v).unwrap_err();
        assert!(e.contains("unknown field `outcome`"), "{e}");
    }
    let mut v = base_case();
    v["expect"]["error"] = serde_json::json!({"code": "invalid_dataset", "problem": ["syntax"]});
    assert!(run(&v).is_err());
}

#[test]
fn malformed_expectations_are_refused() {
    for (key, value) in [
        ("outcomes", serde_json::json!({"R": "meet"})),
        ("outcomes", serde_json::json!({"R": "typical:0"})),
        ("criteria", serde_json::json!({"R": {"RA-1": "passed"}})),
        ("recognised_by", serde_json::json!({"R": "village_committee"})),
        ("stats", serde_json::json!({"R": {"propaganda_meetings": 1}})),
        ("met_of", serde_json::json!({"R": "5 of 5"})),
    ] {
        let mut v = base_case();
        v["expect"] = serde_json::json!({ key: value });
        assert!(run(&v).is_err(), "{key}: {value}");
    }
    let mut v = base_case();
    v["expect"] = serde_json::json!({});
    assert_eq!(run(&v).unwrap_err(), "`expect` asserts nothing");
    let mut v = base_case();
    v["expect"] = serde_json::json!({"error": {"code": "invalid_dataset", "problems": ["no_such_code"]}});
    assert!(run(&v).is_err());
}

#[test]
fn wrong_expectations_fail() {
    for (key, value) in [
        ("outcomes", serde_json::json!({"R": "does_not_meet"})),
        ("outcomes", serde_json::json!({"GHOST": "meets"})),
        ("criteria", serde_json::json!({"R": {"RA-1": "not_met"}})),
        ("criteria", serde_json::json!({"R": {"RA-9": "met"}})),
        ("missing", serde_json::json!({"R": ["RA-2"]})),
        ("recognised_by", serde_json::json!({"R": "district_committee"})),
        ("parent", serde_json::json!({"R": null})),
        ("absent", serde_json::json!(["R"])),
        ("met_of", serde_json::json!({"R": "4/5"})),
    ] {
        let mut v = base_case();
        v["expect"] = serde_json::json!({ key: value });
        let fails = run(&v).unwrap();
        assert!(!fails.is_empty(), "{key}: {value} should fail");
    }
    let mut v = base_case();
    v["expect"] = serde_json::json!({"error": {"code": "invalid_dataset", "problems": ["kind_not_in_year"]}});
    assert!(!run(&v).unwrap().is_empty(), "an expected error that does not happen fails");
}

#[test]
fn file_names_are_checked() {
    use std::path::Path;
    assert_eq!(check_file_name(Path::new("007-ra-window.json")), Ok(7));
    for bad in ["7-ra.json", "007_ra.json", "007-RA.json", "007-ra.jsn", "007-.json", "abc-ra.json"] {
        assert!(check_file_name(Path::new(bad)).is_err(), "{bad}");
    }
}
