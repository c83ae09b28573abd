//! Property tests of the what-if plans over generated data.

use super::*;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Over generated data: every failing or undetermined unit's plan reaches the
    /// standard when applied, and no single change of it can be left out.
    #[test]
    fn plans_reach_the_standard_and_are_irredundant(seed in 0u64..10_000) {
        let ds = crate::synthetic::generate::generate(&crate::synthetic::generate::Spec { units: 250, year: 2023, seed });
        let rules = RuleSet::preset("vn.c124-2021").unwrap();
        let o = Options::default();
        let ev = crate::evaluate(&ds, &rules, 2023).unwrap();
        let ids: Vec<&str> = ev
            .units
            .iter()
            .filter(|u| matches!(u.outcome, Outcome::DoesNotMeet | Outcome::Undetermined))
            .map(|u| u.unit.as_str())
            .take(8)
            .collect();
        let plans = what_it_takes(&ds, &rules, 2023, &o, &ids, &Goal::Auto).unwrap();
        for p in &plans {
            prop_assert!(!p.changes.is_empty());
            prop_assert!(verify(&ds, &rules, 2023, &o, p).unwrap(), "{}", p.explain(Lang::En));
            for i in 0..p.changes.len() {
                let mut less = p.changes.clone();
                less.remove(i);
                prop_assert!(!verify_changes(&ds, &rules, 2023, &o, p, &less).unwrap(), "{}", p.explain(Lang::En));
            }
        }
    }
}
