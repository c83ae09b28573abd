//! Generated rule sets and supplements (every test kind, nested tests, every outcome
//! policy, parameters, scope, categories, free text with any characters) keep every value
//! through JSON and TOML, both with serde and through the library's readers.

use antq::{RuleSet, Supplement};
use proptest::prelude::*;
use serde_json::{Value, json};

const KINDS: [&str; 6] = ["district", "commune", "residential_area", "agency", "enterprise", "school"];

/// Any text, including quotes, backslashes, newlines, Vietnamese and TOML punctuation.
fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z0-9 ]{0,12}", "\\PC{0,16}", Just("Đạt \"tiêu chí\" \\ 'x' \n# [a.b] = { }".to_owned()),]
}

fn label() -> impl Strategy<Value = Value> {
    (text(), text()).prop_map(|(vi, en)| json!({ "vi": vi, "en": en }))
}

fn indicator(of: &'static str) -> impl Strategy<Value = &'static str> {
    let names: Vec<&'static str> = antq::Indicator::ALL
        .iter()
        .filter(|i| format!("{:?}", i.value_type()).to_lowercase() == of)
        .map(|i| i.as_str())
        .collect();
    proptest::sample::select(names)
}

fn year_date() -> impl Strategy<Value = String> {
    (0u8..=2, 1u32..=12, 1u32..=28)
        .prop_map(|(o, m, d)| if o == 0 { format!("Y-{m:02}-{d:02}") } else { format!("Y-{o}-{m:02}-{d:02}") })
}

fn points() -> impl Strategy<Value = Value> {
    prop_oneof![(0i64..=100).prop_map(|p| json!(p)), (0i64..=10_000).prop_map(|c| json!(c as f64 / 100.0))]
}

fn leaf() -> impl Strategy<Value = Value> {
    let kinds = proptest::sample::subsequence(KINDS.to_vec(), 1..=KINDS.len());
    let cats = proptest::sample::subsequence(vec!["cat_a", "cat_b", "cat_c"], 1..=3);
    prop_oneof![
        (indicator("date"), year_date(), proptest::option::of(year_date())).prop_map(|(i, by, nb)| {
            let mut t = json!({ "test": "deadline", "indicator": i, "by": by });
            if let Some(nb) = nb {
                t["not_before"] = json!(nb);
            }
            t
        }),
        (indicator("count"), any::<u64>()).prop_map(|(i, min)| json!({ "test": "at_least", "indicator": i, "min": min })),
        (indicator("count"), any::<u64>()).prop_map(|(i, max)| json!({ "test": "at_most", "indicator": i, "max": max })),
        (indicator("count"), indicator("count"), 0u8..=100, any::<bool>()).prop_map(|(n, d, p, up)| {
            json!({ "test": "ratio", "numerator": n, "denominator": d, "min_percent": p, "rounding": if up { "up" } else { "down" } })
        }),
        (indicator("flag"), any::<bool>()).prop_map(|(i, e)| json!({ "test": "flag", "indicator": i, "equals": e })),
        (cats, any::<bool>()).prop_map(|(c, d)| json!({ "test": "no_events", "categories": c, "include_descendants": d })),
        proptest::option::of(text()).prop_map(|k| match k {
            Some(k) => json!({ "test": "attested", "key": k }),
            None => json!({ "test": "attested" }),
        }),
        (kinds, any::<bool>(), 0u8..=100).prop_map(|(k, r, p)| {
            json!({ "test": "children", "kinds": k, "measure": if r { "registered" } else { "recognised" }, "min_percent": p, "rounding": "up" })
        }),
    ]
}

fn test() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..=3).prop_map(|of| json!({ "test": "all", "of": of })),
            proptest::collection::vec(inner.clone(), 1..=3).prop_map(|of| json!({ "test": "any", "of": of })),
            (proptest::collection::vec(inner, 1..=3), 0u32..=4)
                .prop_map(|(of, k)| json!({ "test": "k_of_n", "k": k, "of": of })),
        ]
    })
}

fn criterion(i: usize) -> impl Strategy<Value = Value> {
    (
        proptest::sample::subsequence(KINDS.to_vec(), 1..=3),
        label(),
        text(),
        proptest::sample::select(vec!["verified", "partial", "inferred", "sample"]),
        proptest::sample::select(vec!["summary", "unavailable"]),
        any::<bool>(),
        test(),
    )
        .prop_map(move |(kinds, label, doc, certainty, wording, mandatory, test)| {
            json!({ "id": format!("T-{i}"), "kinds": kinds, "label": label, "legal_basis": [{ "document": doc }],
                    "certainty": certainty, "wording": wording, "mandatory": mandatory, "test": test })
        })
}

fn criteria() -> impl Strategy<Value = Vec<Value>> {
    (1usize..=4).prop_flat_map(|n| (0..n).map(criterion).collect::<Vec<_>>())
}

fn parameters() -> impl Strategy<Value = Value> {
    proptest::collection::btree_map("[a-z_]{1,8}", (any::<i64>(), any::<bool>(), label()), 0..=3).prop_map(|m| {
        Value::Object(
            m.into_iter().map(|(k, (v, ill, l))| (k, json!({ "value": v, "illustrative": ill, "label": l }))).collect(),
        )
    })
}

fn rule_set() -> impl Strategy<Value = Value> {
    (text(), label(), criteria(), parameters(), 0u8..3, points(), proptest::option::of(text())).prop_map(
        |(version, title, mut criteria, parameters, policy, max, prerequisite)| {
            let outcome = match policy {
                0 => json!({ "policy": "all_mandatory" }),
                1 => {
                    criteria.push(json!({ "id": "P-1", "kinds": ["agency"], "label": { "vi": "a", "en": "a" },
                        "legal_basis": [], "certainty": "sample", "wording": "unavailable", "test": { "test": "points", "max": max } }));
                    criteria.push(json!({ "id": "P-2", "kinds": ["agency"], "label": { "vi": "a", "en": "a" },
                        "legal_basis": [], "certainty": "sample", "wording": "unavailable",
                        "test": { "test": "deduction", "categories": ["cat_a"], "per_event": 6, "max": max } }));
                    json!({ "policy": "points", "sheets": [{ "kinds": ["agency"], "total": max, "complete": false,
                        "levels_illustrative": true, "levels": [{ "id": "l", "label": { "vi": "l", "en": "l" }, "min": 0 }] }] })
                }
                _ => match prerequisite {
                    Some(p) => json!({ "policy": "typical", "prerequisite": p, "prerequisite_illustrative": true }),
                    None => json!({ "policy": "typical" }),
                },
            };
            let categories: Vec<Value> = ["cat_a", "cat_b", "cat_c"]
                .iter()
                .map(|c| json!({ "id": c, "label": { "vi": c, "en": c }, "certainty": "partial" }))
                .collect();
            json!({
                "format_version": 1, "id": "gen.rules", "version": version, "title": title, "legal_basis": [{ "document": "gen" }],
                "effective": { "from": "2022-02-10" },
                "windows": [
                    { "kinds": ["residential_area"], "start": "Y-1-11-01", "end": "Y-10-31" },
                    { "kinds": ["district", "commune", "agency", "enterprise", "school"], "start": "Y-1-11-16", "end": "Y-11-15" }
                ],
                "scope": [{ "code": "small", "enterprise_sizes": ["micro", "small"], "reason": { "vi": "nhỏ", "en": "small" } }],
                "categories": categories,
                "parameters": parameters,
                "criteria": criteria,
                "outcome": outcome,
            })
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_rule_sets_keep_every_value_through_json_and_toml(v in rule_set()) {
        let rs: RuleSet = serde_json::from_value(v.clone()).unwrap();
        // Written back as JSON and as TOML, it reads back equal: no value is lost or changed.
        let json = rs.to_json();
        let back: RuleSet = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &rs);
        let toml = toml::to_string(&rs).unwrap();
        let back: RuleSet = toml::from_str(&toml).unwrap();
        prop_assert_eq!(&back, &rs);
        prop_assert_eq!(back.content_hash(), rs.content_hash());
        // Through the library's readers: the same rule set, or the same problems either way.
        let a = RuleSet::from_str_named("gen.json", &json);
        let b = RuleSet::from_str_named("gen.toml", &toml);
        match (a, b) {
            (Ok(a), Ok(b)) => { prop_assert_eq!(&a, &rs); prop_assert_eq!(&b, &rs); }
            (Err(a), Err(b)) => {
                let codes = |e: &antq::Error| e.problems().iter().map(|p| (p.code, p.message.clone())).collect::<Vec<_>>();
                prop_assert_eq!(codes(&a), codes(&b));
                prop_assert_eq!(codes(&a), rs.problems().into_iter().map(|p| (p.code, p.message)).collect::<Vec<_>>());
            }
            (a, b) => prop_assert!(false, "JSON and TOML disagree: {a:?} / {b:?}"),
        }
    }

    #[test]
    fn generated_supplements_keep_every_value_through_json_and_toml(
        title in label(), criteria in criteria(), parameters in parameters(), description in proptest::option::of(text())
    ) {
        let mut v = json!({ "format_version": 1, "id": "gen.sup", "version": "1", "title": title, "base": "vn.c124-2021",
                            "certainty": "sample", "criteria": criteria, "parameters": parameters });
        if let Some(d) = description {
            v["description"] = json!(d);
        }
        let s: Supplement = serde_json::from_value(v).unwrap();
        let json = serde_json::to_string(&s).unwrap();
        prop_assert_eq!(&Supplement::from_str_named("s.json", &json).unwrap(), &s);
        let toml = toml::to_string(&s).unwrap();
        prop_assert_eq!(&Supplement::from_str_named("s.toml", &toml).unwrap(), &s);
    }
}
