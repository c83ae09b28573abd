//! A typical unit's side of the quota's edge decided by the order of unit ids among
//! candidates with as many criteria met — antq's reading [I], Decision 9745 publishes no
//! tie-break — is said in that unit's result, and only there (shared case 047's data with
//! other quotas).

use antq::{Dataset, Evaluation, Options, RuleSet, Supplement, evaluate_with};
use serde_json::Value;

const CASE: &str = include_str!("../cases/evaluate/047-typical-min-met-and-quota-per-parent.json");

/// Case 047 evaluated with `quota_per_parent = quota`.
fn evaluate_047(quota: u32) -> Evaluation {
    let case: Value = serde_json::from_str(CASE).unwrap();
    let mut sup = case["supplements"][0].clone();
    sup["parameters"]["quota_per_parent"]["value"] = quota.into();
    let sup = Supplement::from_str_named("s.json", &sup.to_string()).unwrap();
    let rules = RuleSet::preset("vn.d9745-2022.communes").unwrap().with_supplement(&sup).unwrap();
    let ds = Dataset::from_str_named("d.json", &case["dataset"].to_string()).unwrap();
    evaluate_with(&ds, &rules, 2023, &Options::default()).unwrap()
}

/// The units whose result carries the tie note, with their outcome codes.
fn tied(e: &Evaluation) -> Vec<(String, &'static str)> {
    e.units.iter().filter(|u| u.quota_tie()).map(|u| (u.unit.to_string(), u.outcome.code())).collect()
}

#[test]
fn a_tie_across_the_quota_edge_is_named_in_both_units_results() {
    // D1: C2 34 met, C1 and C3 33 each. A quota of 2 leaves one place for two equals: C1
    // takes it by id, C3 is not selected by id.
    let e = evaluate_047(2);
    assert_eq!(tied(&e), [("C1".to_owned(), "typical"), ("C3".to_owned(), "not_selected")]);
    let c1 = e.units.iter().find(|u| u.unit.as_str() == "C1").unwrap();
    assert!(c1.explain(antq::Lang::En).contains("quota tie [I]"));
    // The rank and outcome are unchanged: the note only says what decided them.
    assert_eq!(c1.outcome.code(), "typical");
    // Forms without explained results (tables, CSV) see it as a lint naming both units.
    let lints: Vec<&antq::Problem> = e.lints.iter().filter(|p| p.code == antq::ProblemCode::QuotaTie).collect();
    assert_eq!(lints.len(), 1);
    assert!(lints[0].message.contains("2 typical candidate(s)") && lints[0].message.contains("`C1`, `C3`"));
}

#[test]
fn ties_inside_the_quota_or_below_it_are_not_flagged() {
    // A quota of 3: C1 and C3 are equal but both typical. A quota of 1: both are not
    // selected behind C2 whatever their order.
    for quota in [1, 3] {
        let e = evaluate_047(quota);
        assert_eq!(tied(&e), [], "quota {quota}");
        assert!(e.lints.iter().all(|p| p.code != antq::ProblemCode::QuotaTie), "quota {quota}");
    }
}
