//! Unit tests of the what-if plans.

use super::*;
use crate::synthetic::sample::SAMPLE_JSON;

fn sample() -> Dataset {
    Dataset::from_str_named("sample.json", SAMPLE_JSON).unwrap()
}

/// Applying the plan reaches the target, and leaving out any single change does not.
fn assert_minimal(ds: &Dataset, rules: &RuleSet, year: i32, plan: &Plan) {
    let o = Options::default();
    assert!(verify(ds, rules, year, &o, plan).unwrap(), "plan does not reach: {}", plan.explain(Lang::En));
    for i in 0..plan.changes.len() {
        let mut less = plan.changes.clone();
        less.remove(i);
        assert!(
            !verify_changes(ds, rules, year, &o, plan, &less).unwrap(),
            "change {} is not needed: {}",
            i + 1,
            plan.explain(Lang::En)
        );
    }
}

#[test]
fn every_failing_or_undetermined_sample_unit_gets_a_minimal_plan_c124() {
    let ds = sample();
    for year in [2023, 2025] {
        let rules = RuleSet::resolve("vn.c124", year, None).unwrap();
        let ev = crate::evaluate(&ds, &rules, year).unwrap();
        let ids: Vec<&str> = ev
            .units
            .iter()
            .filter(|u| matches!(u.outcome, Outcome::DoesNotMeet | Outcome::Undetermined))
            .map(|u| u.unit.as_str())
            .collect();
        assert!(!ids.is_empty());
        let plans = what_it_takes(&ds, &rules, year, &Options::default(), &ids, &Goal::Auto).unwrap().plans;
        let mut reachable = 0;
        for p in &plans {
            assert!(!p.changes.is_empty(), "{}", p.explain(Lang::En));
            if p.status == PlanStatus::Reachable {
                reachable += 1;
            }
            assert_minimal(&ds, &rules, year, p);
        }
        assert!(reachable > 0);
    }
}

#[test]
fn cw4_17_of_25_needs_exactly_one_more_child() {
    let ds = sample();
    let rules = RuleSet::preset("vn.c124-2021").unwrap();
    let p = &what_it_takes(&ds, &rules, 2023, &Options::default(), &["NS-HP"], &Goal::Auto).unwrap().plans[0];
    assert_eq!(p.status, PlanStatus::Reachable);
    // Every change is on one child, for CW-4.
    let units: std::collections::BTreeSet<&str> = p.changes.iter().map(|c| c.unit.as_str()).collect();
    assert_eq!(units.len(), 1, "{}", p.explain(Lang::En));
    assert!(p.changes.iter().all(|c| c.via.as_deref() == Some("NS-HP CW-4")));
}

#[test]
fn meeting_unit_needs_nothing() {
    let ds = sample();
    let rules = RuleSet::preset("vn.c124-2021").unwrap();
    let p = &what_it_takes(&ds, &rules, 2023, &Options::default(), &["KM-TT"], &Goal::Auto).unwrap().plans[0];
    assert_eq!(p.status, PlanStatus::Reached);
    assert!(p.changes.is_empty());
}

#[test]
fn unknown_unit_is_an_error() {
    let ds = sample();
    let rules = RuleSet::preset("vn.c124-2021").unwrap();
    let e = what_it_takes(&ds, &rules, 2023, &Options::default(), &["NOPE"], &Goal::Auto).unwrap_err();
    assert_eq!(e.code(), "unknown_unit");
}

fn d510() -> RuleSet {
    let s =
        crate::Supplement::from_str_named("d510.toml", include_str!("../../../sample/d510-supplement.toml")).unwrap();
    RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&s).unwrap()
}

#[test]
fn points_plans_gain_exactly_the_gap_and_are_minimal() {
    let ds = sample();
    let rules = d510();
    for year in [2023, 2025] {
        let ev = crate::evaluate(&ds, &rules, year).unwrap();
        let ids: Vec<&str> = ev
            .units
            .iter()
            .filter(|u| matches!(u.outcome, Outcome::Level { .. } | Outcome::Undetermined))
            .filter(|u| matches!(u.kind, crate::Kind::Agency | crate::Kind::Enterprise))
            .map(|u| u.unit.as_str())
            .collect();
        let plans = what_it_takes(&ds, &rules, year, &Options::default(), &ids, &Goal::Auto).unwrap().plans;
        let mut checked = 0;
        for p in plans.iter().filter(|p| p.status == PlanStatus::Reachable) {
            let u = ev.unit(p.unit.as_str()).unwrap();
            let Target::Level { min, .. } = &p.target else { panic!() };
            if let Some(total) = u.score.as_ref().and_then(|s| s.reviewed) {
                assert_eq!(p.points_to_gain, Some(*min - total), "{}", p.explain(Lang::En));
            }
            assert_minimal(&ds, &rules, year, p);
            checked += 1;
        }
        assert!(checked > 0);
    }
}

#[test]
fn typical_plans_are_minimal() {
    let ds = sample();
    let s =
        crate::Supplement::from_str_named("t.toml", include_str!("../../../sample/typical-supplement.toml")).unwrap();
    let rules = RuleSet::preset("vn.d9745-2022.communes").unwrap().with_supplement(&s).unwrap();
    let ev = crate::evaluate(&ds, &rules, 2023).unwrap();
    let ids: Vec<&str> =
        ev.units.iter().filter(|u| !matches!(u.outcome, Outcome::Typical { .. })).map(|u| u.unit.as_str()).collect();
    let plans = what_it_takes(&ds, &rules, 2023, &Options::default(), &ids, &Goal::Auto).unwrap().plans;
    let mut checked = 0;
    for p in plans.iter().filter(|p| p.status == PlanStatus::Reachable) {
        assert_minimal(&ds, &rules, 2023, p);
        checked += 1;
    }
    assert!(checked > 0);
}

/// A commune that does not meet CW-2 because of an event in a unit that was under it on the
/// event's date (dissolved since) is blocked by that event, never "already reached".
#[test]
fn an_event_under_a_commune_before_its_unit_ended_blocks_it() {
    let ds = Dataset::from_str_named(
        "ended.json",
        r#"{"format_version": 1, "units": [
            {"id": "C", "name": "C", "kind": "commune", "subkind": "xa"},
            {"id": "R-GONE", "name": "R", "kind": "residential_area", "subkind": "thon", "parent": "C", "valid_until": "2023-06-30"}],
          "evidence": [{"unit": "C", "year": 2023, "resolution_date": "2023-01-10", "plan_date": "2023-01-10",
            "registration_date": "2023-01-10", "effective_models": 1, "disciplined_officers": 0,
            "attested": {"CW-2/RA-2": "yes", "CW-2/RA-3/other": "yes", "CW-2/RA-4": "yes"}}],
          "incidents": [{"unit": "R-GONE", "date": "2023-03-01", "category": "separatism"}]}"#,
    )
    .unwrap();
    let rules = RuleSet::preset("vn.c124-2021").unwrap();
    let ev = crate::evaluate(&ds, &rules, 2023).unwrap();
    let c = ev.unit("C").unwrap();
    assert_eq!(
        c.criteria.iter().find(|r| r.id == "CW-2").unwrap().status,
        crate::eval::Status::NotMet,
        "{}",
        c.explain(Lang::En)
    );
    let p = &what_it_takes(&ds, &rules, 2023, &Options::default(), &["C"], &Goal::Auto).unwrap().plans[0];
    assert_ne!(p.status, PlanStatus::Reached, "{}", p.explain(Lang::En));
    assert!(p.changes.iter().any(|ch| ch.unit.as_str() == "R-GONE" && ch.kind == ChangeKind::Blocked));
}

/// A target level is one of the rule set's sheets: asked under a rule set without sheets
/// (Circular 124) or with a level no sheet has, it is refused, not planned for the rule
/// set's own target.
#[test]
fn a_target_level_the_rule_set_does_not_have_is_refused() {
    let ds = sample();
    let c124 = RuleSet::preset("vn.c124-2021").unwrap();
    let goal = Goal::Level("tot".into());
    let e = what_it_takes(&ds, &c124, 2023, &Options::default(), &["NS-HP"], &goal).unwrap_err();
    assert_eq!(e.code(), "invalid_rule_set");
    assert_eq!(e.problems()[0].location.path.as_deref(), Some("level"));
    assert!(e.to_string().contains("has no points sheets"), "{e}");
    let sup = crate::Supplement::from_str_named("s.toml", crate::sample::SAMPLE_D510_SUPPLEMENT).unwrap();
    let d510 = RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&sup).unwrap();
    let ev = crate::evaluate(&ds, &d510, 2023).unwrap();
    let unit = ev.units.iter().find(|u| matches!(u.outcome, Outcome::Level { .. })).unwrap();
    let e = what_it_takes(&ds, &d510, 2023, &Options::default(), &[unit.unit.as_str()], &Goal::Level("nope".into()))
        .unwrap_err();
    assert!(e.to_string().contains("no level `nope`"), "{e}");
    // A level a sheet has is planned for.
    let OutcomePolicy::Points { sheets } = &d510.outcome else { panic!("points") };
    let sheet = sheets.iter().find(|s| s.kinds.contains(&unit.kind)).unwrap();
    let goal = Goal::Level(sheet.levels[0].id.clone());
    let plan = &what_it_takes(&ds, &d510, 2023, &Options::default(), &[unit.unit.as_str()], &goal).unwrap().plans[0];
    assert_eq!(plan.target.label().en, format!("Level `{}` (from {} points)", sheet.levels[0].id, sheet.levels[0].min));
    // A level only another kind's sheet has: no target for this unit (not an empty level).
    let mut other = d510.clone();
    let OutcomePolicy::Points { sheets } = &mut other.outcome else { panic!("points") };
    let elsewhere = sheets.iter_mut().find(|s| !s.kinds.contains(&unit.kind)).unwrap();
    elsewhere.levels[0].id = "elsewhere".into();
    let goal = Goal::Level("elsewhere".into());
    let plan = &what_it_takes(&ds, &other, 2023, &Options::default(), &[unit.unit.as_str()], &goal).unwrap().plans[0];
    assert_eq!((plan.target.clone(), plan.status), (Target::None, PlanStatus::Unreachable));
    assert_eq!(plan.target.label().en, "No target for this unit");
    assert!(plan.notes.iter().any(|n| n.en == "The sheet has no level `elsewhere`"), "{:?}", plan.notes);
}
