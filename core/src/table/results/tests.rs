//! Every result's table has the columns its constant names, on sample data.

use super::*;
use crate::{Dataset, Lang, RuleSet};

fn sample() -> Dataset {
    Dataset::from_str_named("sample.json", crate::sample::SAMPLE_JSON).unwrap()
}

fn same(t: &Table<'_>, name: &str) {
    let want = header(name).unwrap_or_else(|| panic!("no header named {name}"));
    assert_eq!(t.name, name);
    assert_eq!(&t.header()[..want.len()], want, "{name}");
    for (c, col) in &t.columns {
        assert_eq!(col.len(), t.num_rows(), "{name}.{c}");
    }
}

#[test]
fn every_table_has_its_named_columns() {
    let ds = sample();
    let rules = RuleSet::preset("vn.c124-2021").unwrap();
    let ev = crate::evaluate(&ds, &rules, 2023).unwrap();
    same(&evaluation_table(&ev.units, &ev.decision), "evaluation");
    same(&evaluation_table(&ev.units[..0], &ev.decision), "evaluation");
    same(&criteria_table(&ev.units), "criteria");
    same(&shares_table(&crate::analysis::shares::share_meeting(&ev.units, None)), "shares");
    let prepared = crate::Prepared::new(&ds, 2023).unwrap();
    let review = prepared.review(&rules, &crate::Options::default()).unwrap();
    let v = verdicts_table(&review);
    same(&v, "verdicts");
    assert_eq!(v.columns.len(), VERDICT_COLUMNS.len() + rules.criteria.len());
    same(&stats_table(&crate::stats::activity_stats(&ds, 2023, None).unwrap()), "stats");
    same(&instruments_table(), "instruments");
    let base = RuleSet::preset("vn.d9745-2022.communes").unwrap();
    let changed = crate::analysis::impact::with_parameter(&base, "min_met", 30).unwrap();
    let im = crate::analysis::impact_of_rules(&ds, &base, &changed, 2023, &crate::Options::default()).unwrap();
    same(&impact_table(&im, Lang::En), "impact");
    same(&impact_parents_table(&im), "impact_parents");
    let sup =
        crate::Supplement::from_str_named("s.toml", include_str!("../../../sample/d510-supplement.toml")).unwrap();
    let points = RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&sup).unwrap();
    let spec = crate::analysis::SensitivitySpec {
        sampling: crate::analysis::Sampling::Random { samples: 5, seed: 1 },
        ..Default::default()
    };
    let r = crate::analysis::sensitivity(&ds, &points, 2023, &crate::Options::default(), &spec).unwrap();
    assert!(!r.units.is_empty());
    same(&sensitivity_table(&r), "sensitivity");
    same(&sensitivity_parents_table(&r), "sensitivity_parents");
}

#[test]
fn every_header_is_unique_and_keys_come_first() {
    let all = headers();
    for (k, (name, cols)) in all.iter().enumerate() {
        assert!(all[..k].iter().all(|(n, _)| n != name), "{name} twice");
        for (j, c) in cols.iter().enumerate() {
            assert!(!cols[..j].contains(c), "{name}.{c} twice");
        }
    }
    for name in ["evaluation", "criteria", "verdicts", "stats", "impact", "sensitivity"] {
        assert_eq!(header(name).unwrap()[0], "unit", "{name}");
    }
}

#[test]
fn evaluation_rows_name_what_decided_them_and_hold_lists() {
    let ds = sample();
    let rules = RuleSet::preset("vn.c124-2021").unwrap();
    let ev = crate::evaluate(&ds, &rules, 2023).unwrap();
    let t = evaluation_table(&ev.units, &ev.decision);
    let Some(Column::Text(rs)) = t.column("rule_set") else { panic!("rule_set is text") };
    let want = decided_by(&ev.decision.rule_set, &ev.decision.version, &ev.decision.content_hash);
    assert!(rs.iter().all(|r| r.as_deref() == Some(want.as_str())));
    let Some(Column::TextList(failed)) = t.column("failed") else { panic!("failed is a list") };
    for (u, f) in ev.units.iter().zip(failed) {
        let ids: Vec<&str> = u.failed().map(|c| c.id.as_str()).collect();
        assert_eq!(f.as_ref().unwrap().iter().map(|s| s.as_ref()).collect::<Vec<_>>(), ids);
    }
    // A part of the rows is those rows of the whole.
    let part = evaluation_table(&ev.units[2..5], &ev.decision);
    assert_eq!(
        part.column("unit"),
        Some(&Column::Text(ev.units[2..5].iter().map(|u| Some(u.unit.as_str().into())).collect()))
    );
}

/// The evaluation table's `recognised_by` carries the mapping row's mark, as the JSON and
/// the explanation do: after the reform a commune's recognition by the province is `[I]`,
/// and was written as a bare code that read as verified.
#[test]
fn recognised_by_carries_its_mark() {
    let ds = sample();
    let cell = |year: i32, unit: &str| {
        let ev = crate::evaluate(&ds, &RuleSet::resolve("vn.c124", year, None).unwrap(), year).unwrap();
        let t = evaluation_table(&ev.units, &ev.decision);
        let row = ev.units.iter().position(|u| u.unit.as_str() == unit).unwrap();
        let u = &ev.units[row];
        let want = u.recognised_by.as_ref().map(|r| format!("{} [{}]", r.authority.as_str(), r.certainty.mark()));
        match t.column("recognised_by").unwrap() {
            Column::Text(v) => (v[row].as_deref().map(str::to_owned), want),
            c => panic!("{c:?}"),
        }
    };
    let (got, want) = cell(2025, "KM-PKM");
    assert_eq!(got.as_deref(), Some("provincial_committee [I]"));
    assert_eq!(got, want);
    let (got, want) = cell(2023, "KM-TT-KDC01");
    assert_eq!(got, want);
    assert!(got.unwrap().starts_with("commune_committee ["));
}

/// The §6 tables' `instrument` cell carries the instrument's mark, as the table form's head
/// line does: the team ranking's guidance is partly known `[P]` and was written bare.
#[test]
fn the_instrument_cell_of_section6_tables_carries_its_mark() {
    let input: crate::teams::RankingInput = serde_json::from_str(
        r#"{"year": 2025, "teams": [{"id": "T1", "name": "T", "commune": "X1", "active_from": "2024-06-01", "proposed": "good", "pending_complaint": false}]}"#,
    )
    .unwrap();
    let ranking = crate::teams::rank(&input).unwrap();
    let t = teams_table(&ranking, Lang::En);
    let Some(Column::Text(cells)) = t.column("instrument") else { panic!("instrument") };
    let cell = cells[0].as_deref().unwrap();
    assert_eq!(ranking.certainty, crate::Certainty::Partial);
    assert!(cell.starts_with("vn.teams-") && cell.ends_with(" [P]"), "{cell}");
}
