//! Evaluating without explanations changes nothing but the sentences: the same outcomes,
//! statuses, observed values, thresholds, scores and missing items, for every preset on the
//! sample and on generated data.

use antq::generate::{Spec, generate};
use antq::{Dataset, Evaluation, Options, RuleSet, Supplement, evaluate_with, sample};

/// Everything but the sentences, as comparable text.
fn verdicts(e: &Evaluation) -> Vec<String> {
    e.units
        .iter()
        .map(|u| {
            let criteria: Vec<String> = u
                .criteria
                .iter()
                .map(|c| {
                    let checks: Vec<String> = c
                        .checks
                        .iter()
                        .map(|k| format!("{}/{}/{:?}/{:?}/{}", k.test, k.depth, k.status, k.observed, k.threshold))
                        .collect();
                    format!("{}:{:?}:{:?}:{}", c.id, c.status, c.score, checks.join(";"))
                })
                .collect();
            let missing: Vec<String> =
                u.missing.iter().map(|m| format!("{}/{:?}/{}", m.criterion, m.kind, m.key)).collect();
            format!(
                "{} {:?} {}/{} {:?} [{}] [{}]",
                u.unit,
                u.outcome,
                u.met,
                u.of,
                u.score,
                criteria.join(" "),
                missing.join(" ")
            )
        })
        .collect()
}

fn rule_sets() -> Vec<RuleSet> {
    let mut v: Vec<RuleSet> = antq::rules::PRESET_IDS.iter().map(|id| RuleSet::preset(id).unwrap()).collect();
    let d510 = Supplement::from_str_named("d510.toml", sample::SAMPLE_D510_SUPPLEMENT).unwrap();
    v.push(RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&d510).unwrap());
    let typical = Supplement::from_str_named("typical.toml", sample::SAMPLE_TYPICAL_SUPPLEMENT).unwrap();
    v.push(RuleSet::preset("vn.d9745-2022.communes").unwrap().with_supplement(&typical).unwrap());
    v
}

#[test]
fn without_explanations_only_the_sentences_differ() {
    let sample = Dataset::from_str_named("sample.json", sample::SAMPLE_JSON).unwrap();
    let generated = [
        generate(&Spec { units: 3_000, year: 2023, seed: 11 }),
        generate(&Spec { units: 3_000, year: 2025, seed: 12 }),
    ];
    let mut compared = 0;
    for rules in rule_sets() {
        for (ds, year) in [(&sample, 2023), (&sample, 2025), (&generated[0], 2023), (&generated[1], 2025)] {
            // Each rule set in the years it is in force (the 2021 texts end with the reform).
            if !rules.effective.contains(antq::eval::default_as_of(&rules, year)) {
                continue;
            }
            // The sample holds the sample supplements' items: the bare presets read them leniently.
            let opts = Options::default().lenient_vocabulary();
            let full = evaluate_with(ds, &rules, year, &opts).unwrap();
            let terse = evaluate_with(ds, &rules, year, &opts.clone().without_explanations()).unwrap();
            assert_eq!(verdicts(&full), verdicts(&terse), "{} {year}", rules.id);
            assert_eq!(full.decision, terse.decision);
            let sentences = |e: &Evaluation| {
                e.units
                    .iter()
                    .flat_map(|u| &u.criteria)
                    .flat_map(|c| &c.checks)
                    .filter(|k| !k.explanation.en.is_empty())
                    .count()
            };
            assert!(sentences(&full) > 0, "{}: the full evaluation explains", rules.id);
            assert_eq!(sentences(&terse), 0, "{}: nothing explained", rules.id);
            compared += full.units.len();
        }
    }
    assert!(compared > 20_000, "{compared}");
}
