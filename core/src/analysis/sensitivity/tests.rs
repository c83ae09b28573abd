//! Unit tests of the sensitivity analysis.

use super::*;
use crate::eval::Options;
use crate::model::points::Points;
use crate::rules::RuleSet;
use crate::{Dataset, Supplement, sample::SAMPLE_JSON};

fn rules() -> RuleSet {
    let s = Supplement::from_str_named("s.toml", include_str!("../../../sample/d510-supplement.toml")).unwrap();
    RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&s).unwrap()
}

fn ds() -> Dataset {
    Dataset::from_str_named("s.json", SAMPLE_JSON).unwrap()
}

#[test]
fn zero_ranges_change_nothing_and_reproduce_the_engine() {
    let spec = SensitivitySpec {
        sampling: Sampling::Random { samples: 50, seed: 3 },
        cutoff_range: Points::ZERO,
        max_range_percent: 0,
        pass_level: None,
    };
    let r = sensitivity(&ds(), &rules(), 2023, &Options::default(), &spec).unwrap();
    assert!(r.units_classified > 0);
    for u in &r.units {
        assert_eq!(u.level_changed, 0, "{u:?}");
        assert_eq!(u.levels.get(&u.level), Some(&50));
        assert_eq!((u.rank_min, u.rank_max), (u.rank, u.rank));
        assert_eq!(u.rank_unchanged_share, 1.0);
    }
    for p in &r.parents {
        assert_eq!((p.share_min, p.share_max, p.share_mean), (p.share, p.share, p.share));
    }
}

#[test]
fn same_seed_same_report_and_counts_add_up() {
    let spec = SensitivitySpec { sampling: Sampling::Random { samples: 300, seed: 11 }, ..Default::default() };
    let a = sensitivity(&ds(), &rules(), 2023, &Options::default(), &spec).unwrap();
    let b = sensitivity(&ds(), &rules(), 2023, &Options::default(), &spec).unwrap();
    assert_eq!(a, b);
    assert!(a.units.iter().any(|u| u.level_changed > 0), "some unit near a cut-off should move");
    for u in &a.units {
        assert_eq!(u.levels.values().sum::<u32>(), 300);
        assert_eq!(300 - u.levels.get(&u.level).copied().unwrap_or(0), u.level_changed);
        assert!(u.rank_min <= u.rank && u.rank <= u.rank_max);
    }
    for p in &a.parents {
        assert!(p.share_min <= p.share && p.share <= p.share_max || p.share_min <= p.share_mean);
    }
}

#[test]
fn grid_has_the_documented_number_of_samples() {
    let spec = SensitivitySpec { sampling: Sampling::Grid { steps: 3 }, ..Default::default() };
    let r = sensitivity(&ds(), &rules(), 2023, &Options::default(), &spec).unwrap();
    // 3 levels move (the bottom stays at 0): 3^3 offsets × (2 × 12 items + 1) patterns.
    assert_eq!(r.samples, 27 * 25);
}

#[test]
fn a_unit_just_above_a_cut_off_moves_when_the_cut_off_rises() {
    // Only the cut-offs move, by exactly +range or −range: a grid of 2 steps.
    let spec = SensitivitySpec {
        sampling: Sampling::Grid { steps: 2 },
        cutoff_range: Points::from_whole(1),
        max_range_percent: 0,
        pass_level: None,
    };
    let ev = crate::evaluate(&ds(), &rules(), 2023).unwrap();
    let r = sensitivity_of(&ev, &rules(), &spec).unwrap();
    for u in &r.units {
        let total = u.total.hundredths();
        let near = [9000, 7000, 5000].iter().any(|c| (total - c).abs() <= 100);
        if !near {
            assert_eq!(u.level_changed, 0, "{u:?}");
        }
    }
}

#[test]
fn not_a_points_rule_set_is_an_error() {
    let r = RuleSet::preset("vn.c124-2021").unwrap();
    assert!(sensitivity(&ds(), &r, 2023, &Options::default(), &SensitivitySpec::default()).is_err());
}

#[test]
fn progress_reports_the_blocks_and_a_break_cancels() {
    use std::ops::ControlFlow;
    use std::sync::{Arc, Mutex};
    let spec = SensitivitySpec {
        sampling: Sampling::Random { samples: 200, seed: 1 },
        cutoff_range: Points::from_hundredths(500),
        max_range_percent: 20,
        pass_level: None,
    };
    let quiet = sensitivity(&ds(), &rules(), 2023, &Options::default(), &spec).unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let opts = Options::default().with_progress(move |done, total| {
        log.lock().unwrap().push((done, total));
        ControlFlow::Continue(())
    });
    // Reporting changes nothing in the result.
    assert_eq!(sensitivity(&ds(), &rules(), 2023, &opts, &spec).unwrap(), quiet);
    let seen = seen.lock().unwrap();
    assert!(seen.iter().all(|&(d, t)| d <= t) && seen.len() >= 2);
    // A break while sampling (after the review's own reports) stops the call.
    let calls = Arc::new(Mutex::new(0usize));
    let count = calls.clone();
    let last = seen.len() - 1;
    let stop = Options::default().with_progress(move |_, _| {
        let mut n = count.lock().unwrap();
        *n += 1;
        if *n >= last { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    });
    let err = sensitivity(&ds(), &rules(), 2023, &stop, &spec).unwrap_err();
    assert_eq!(err.code(), "cancelled");
}

/// The spec JavaScript passes as an object is read strictly: a misspelt or camel-cased field
/// (`passLevel`) or a field of the other sampling mode (`seed` with a grid) is an error,
/// where serde ignored it and the default pass level or the grid ran without a word.
#[test]
fn a_spec_with_a_field_it_does_not_know_is_refused() {
    let base =
        r#""sampling": {"mode": "random", "samples": 10, "seed": 1}, "cutoff_range": 5, "max_range_percent": 20"#;
    let read = |t: String| serde_json::from_str::<SensitivitySpec>(&t).map_err(|e| e.to_string());
    assert!(read(format!("{{{base}}}")).is_ok());
    assert!(read(format!(r#"{{{base}, "pass_level": "kha"}}"#)).is_ok());
    let e = read(format!(r#"{{{base}, "passLevel": "kha"}}"#)).unwrap_err();
    assert!(e.contains("passLevel"), "{e}");
    let grid = r#"{"sampling": {"mode": "grid", "steps": 2, "seed": 9}, "cutoff_range": 5, "max_range_percent": 20}"#;
    let e = read(grid.to_owned()).unwrap_err();
    assert!(e.contains("seed"), "{e}");
    let ok = r#"{"sampling": {"mode": "grid", "steps": 2}, "cutoff_range": 5, "max_range_percent": 20}"#;
    assert!(read(ok.to_owned()).is_ok());
}
