//! Property tests at scale (issue 13): large and pathological inputs — thousands of
//! problems, composite tests near `max_subtests`, deep parent chains and cycles, names and
//! ids near the string limit — never panic, list at most `max_problems` problems plus a
//! count line whose count is exact, and fail with the typed codes.

use antq::{Dataset, Error, Limits, MAX_LOCATION_BYTES, ProblemCode, RuleSet};
use proptest::prelude::*;

const MAX: usize = 100;

/// What one evidence record gets wrong (each exactly one problem).
#[derive(Debug, Clone, Copy)]
enum Fault {
    /// Names a unit that is not in the dataset (`unknown_unit`).
    UnknownUnit,
    /// A second record for the same unit and year (`duplicate_evidence`).
    Duplicate,
    /// More households registered than there are (`bad_value`).
    OverTotal,
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![Just(Fault::UnknownUnit), Just(Fault::Duplicate), Just(Fault::OverTotal)]
}

/// A commune with `faults.len() + 1` residential areas, one sound record for `R0`, then one
/// record per fault.
fn faulty_dataset(faults: &[Fault]) -> String {
    let mut units = vec![r#"{"id": "C", "name": "C", "kind": "commune", "subkind": "xa"}"#.to_owned()];
    units.extend((0..=faults.len()).map(|i| {
        format!(r#"{{"id": "R{i}", "name": "R", "kind": "residential_area", "subkind": "thon", "parent": "C"}}"#)
    }));
    let mut evidence = vec![r#"{"unit": "R0", "year": 2023}"#.to_owned()];
    evidence.extend(faults.iter().enumerate().map(|(i, f)| match f {
        Fault::UnknownUnit => format!(r#"{{"unit": "X{i}", "year": 2023}}"#),
        Fault::Duplicate => r#"{"unit": "R0", "year": 2023}"#.to_owned(),
        Fault::OverTotal => {
            format!(r#"{{"unit": "R{}", "year": 2023, "households_total": 1, "households_registered": 2}}"#, i + 1)
        }
    }));
    format!(
        "{{\"format_version\": 1, \"units\": [\n{}],\n\"evidence\": [\n{}]}}",
        units.join(",\n"),
        evidence.join(",\n")
    )
}

/// The error's listed problems are bounded, typed, and count `total` in all.
fn bounded(e: &Error, total: usize, codes: &[ProblemCode]) {
    let p = e.problems();
    assert_eq!(e.problem_count(), total, "{e}");
    assert_eq!(p.len(), total.min(MAX) + usize::from(total > MAX));
    for q in p {
        let ok = codes.contains(&q.code) || (q.code == ProblemCode::Limit && q.omitted.is_some());
        assert!(ok, "unexpected {q}");
        assert!(q.message.len() <= antq::MAX_MESSAGE_BYTES);
        for part in [&q.location.path, &q.location.unit, &q.location.criterion].into_iter().flatten() {
            assert!(part.len() <= MAX_LOCATION_BYTES, "{}", part.len());
        }
    }
    if total > MAX {
        assert_eq!(p[MAX].omitted, Some(total - MAX));
        assert!(p[MAX].message.contains(&format!("… and {} more problem", total - MAX)), "{}", p[MAX]);
    }
    let header = format!("({total} problem{}):", if total == 1 { "" } else { "s" });
    assert!(e.to_string().contains(&header), "{}", e.to_string().lines().next().unwrap_or(""));
}

/// A rule set of one commune criterion: a `k_of_n` of `width` attested sub-tests.
fn wide_rules(width: usize) -> String {
    let of: Vec<String> = (0..width).map(|i| format!(r#"{{"test": "attested", "key": "K{i}"}}"#)).collect();
    format!(
        r#"{{"format_version": 1, "id": "wide", "version": "1", "title": {{"vi": "x", "en": "x"}}, "legal_basis": [],
          "windows": [{{"kinds": ["commune"], "start": "Y-1-11-16", "end": "Y-11-15"}}],
          "criteria": [{{"id": "W", "kinds": ["commune"], "label": {{"vi": "x", "en": "x"}}, "legal_basis": [],
            "certainty": "sample", "wording": "summary", "test": {{"test": "k_of_n", "k": 1, "of": [{}]}}}}],
          "outcome": {{"policy": "all_mandatory"}}}}"#,
        of.join(",")
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn thousands_of_problems_are_listed_in_order_bounded_and_counted(
        faults in prop::collection::vec(fault(), 1..6_000)
    ) {
        let e = Dataset::from_str_named("d.json", &faulty_dataset(&faults)).unwrap_err();
        prop_assert_eq!(e.code(), "invalid_dataset");
        bounded(&e, faults.len(), &[ProblemCode::UnknownUnit, ProblemCode::DuplicateEvidence, ProblemCode::BadValue]);
        // The first problems are kept, in record order (record 0 is sound), each located.
        for (k, q) in e.problems().iter().take(MAX).enumerate() {
            prop_assert!(q.location.path.as_deref().is_some_and(|p| p.starts_with(&format!("evidence[{}]", k + 1))), "{}", q);
            prop_assert!(q.location.line.is_some(), "{}", q);
        }
    }

    #[test]
    fn composite_tests_near_max_subtests_are_refused_or_evaluated(width in 990usize..1_010) {
        match RuleSet::from_str_named("wide.json", &wide_rules(width)) {
            Ok(rs) => {
                prop_assert!(width <= Limits::default().max_subtests);
                let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
                let ev = antq::evaluate(&ds, &rs, 2023).unwrap();
                prop_assert!(!ev.units.is_empty());
            }
            Err(e) => {
                prop_assert!(width > Limits::default().max_subtests);
                prop_assert_eq!(e.code(), "invalid_rule_set");
                prop_assert!(e.problems().iter().any(|p| p.code == ProblemCode::Limit
                    && p.message.contains("max_subtests = 1000")), "{}", e);
            }
        }
    }

    #[test]
    fn deep_parent_chains_and_long_cycles_are_bounded(n in 2usize..30_000, closed: bool) {
        // Communes under communes: each link is a kind that cannot hold the child; closed,
        // the chain is one long cycle too.
        let units: Vec<String> = (0..n).map(|i| {
            let parent = if i > 0 { format!("C{}", i - 1) } else if closed { format!("C{}", n - 1) } else { "P".to_owned() };
            format!(r#"{{"id": "C{i}", "name": "C", "kind": "commune", "subkind": "xa", "parent": "{parent}"}}"#)
        }).collect();
        let text = format!(
            r#"{{"format_version": 1, "units": [{{"id": "P", "name": "P", "kind": "province", "subkind": "tinh"}}, {}]}}"#,
            units.join(",")
        );
        let e = Dataset::from_str_named("chain.json", &text).unwrap_err();
        let total = if closed { n + 1 } else { n - 1 };
        bounded(&e, total, &[ProblemCode::BadParentKind, ProblemCode::ParentCycle]);
    }

    #[test]
    fn names_and_ids_near_the_string_limit(extra in 0usize..8, over: bool, in_id: bool) {
        let limit = Limits::default().max_string_bytes;
        let len = if over { limit + 1 + extra } else { limit - extra };
        let long = "é".repeat(len / 2) + &"x".repeat(len % 2);
        let (id, name) = if in_id { (long.as_str(), "C") } else { ("C", long.as_str()) };
        // An unknown parent too: a problem naming the long id.
        let text = format!(
            r#"{{"format_version": 1, "units": [{{"id": "{id}", "name": "{name}", "kind": "commune", "subkind": "xa", "parent": "Q"}}]}}"#
        );
        let e = Dataset::from_str_named("long.json", &text).unwrap_err();
        if over {
            bounded(&e, 1, &[ProblemCode::Limit]);
            prop_assert!(e.problems()[0].message.contains(&format!("max_string_bytes = {limit}")), "{}", e);
        } else {
            bounded(&e, 1, &[ProblemCode::DanglingParent]);
        }
    }
}
