//! Unit tests of the tables: round trips and the problems found.

use super::export::*;
use super::import::*;
use super::results::*;
use super::*;
use crate::error::ProblemCode;
use crate::model::dataset::Dataset;
use crate::model::evidence::Attestation;
use crate::model::points::Points;
use crate::synthetic::sample::SAMPLE_JSON;
use std::borrow::Cow;

fn sample() -> Dataset {
    Dataset::from_str_named("sample.json", SAMPLE_JSON).unwrap()
}

fn roundtrip(ds: &Dataset) -> Dataset {
    let t = dataset_to_tables(ds);
    let mut back = dataset_from_tables(&t.units, Some(&t.evidence), Some(&t.incidents), Some(&t.activities)).unwrap();
    back.meta = ds.meta.clone();
    back
}

#[test]
fn sample_round_trips_through_tables() {
    let ds = sample();
    assert_eq!(roundtrip(&ds), ds);
    let g =
        crate::synthetic::generate::generate(&crate::synthetic::generate::Spec { units: 3_000, year: 2023, seed: 3 });
    assert_eq!(roundtrip(&g), g);
}

#[test]
fn floats_with_gaps_count_and_nan_is_missing() {
    let units = one_commune("C");
    let ev = Table::new("evidence")
        .with("unit", Column::text(["C"]))
        .with("year", Column::Float(vec![Some(2023.0)]))
        .with("households_total", Column::Float(vec![Some(f64::NAN)]))
        .with("staff_total", Column::Float(vec![Some(12.0)]))
        .with("plan_date", Column::text(["2023-02-01"]))
        .with("attested:CW-2/RA-2", Column::Bool(vec![Some(true)]))
        .with("points:I-1:reviewed", Column::Float(vec![Some(2.5)]));
    let ds = dataset_from_tables(&units, Some(&ev), None, None).unwrap();
    let e = &ds.evidence[0];
    assert_eq!((e.year, e.households_total, e.staff_total), (2023, None, Some(12)));
    assert_eq!(e.plan_date.unwrap().to_string(), "2023-02-01");
    assert_eq!(e.attested.get("CW-2/RA-2"), Some(Attestation::Yes));
    assert_eq!(e.points["I-1"].reviewed, Some(Points::from_hundredths(250)));
}

#[test]
fn problems_name_table_row_and_column() {
    let units = Table::new("units")
        .with("id", Column::text(["C", "D", "E"]))
        .with("name", Column::text(["n", "n", "n"]))
        .with("kind", Column::text(["commune", "galaxy", "enterprise"]))
        .with("subkind", Column::Text(vec![Some("xa".into()), None, None]))
        .with("colour", Column::Null(3));
    let e = dataset_from_tables(&units, None, None, None).unwrap_err();
    let paths: Vec<String> = e.problems().iter().filter_map(|p| p.location.path.clone()).collect();
    assert_eq!(paths, ["units.colour", "units[1].kind", "units[2]"], "{e}");
    assert!(e.problems()[2].message.contains("needs a `size`"), "{e}");

    let ev = Table::new("evidence")
        .with("unit", Column::text(["C"]))
        .with("year", Column::Int(vec![Some(2023)]))
        .with("households_total", Column::Int(vec![Some(-3)]))
        .with("plan_date", Column::text(["31/03/2023"]))
        .with("party_organisation", Column::Int(vec![Some(1)]))
        .with("points:I-1:reviewed", Column::Float(vec![Some(2.555)]));
    let ok_units = one_commune("C");
    let e = dataset_from_tables(&ok_units, Some(&ev), None, None).unwrap_err();
    let paths: Vec<String> = e.problems().iter().filter_map(|p| p.location.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "evidence[0].party_organisation",
            "evidence[0].households_total",
            "evidence[0].plan_date",
            "evidence[0].points:I-1:reviewed"
        ],
        "{e}"
    );
}

#[test]
fn structural_problems_keep_row_paths_and_lengths_are_checked() {
    let units = Table::new("units")
        .with("id", Column::text(["C", "R"]))
        .with("name", Column::text(["n", "n"]))
        .with("kind", Column::text(["commune", "residential_area"]))
        .with("subkind", Column::text(["xa", "thon"]))
        .with("parent", Column::Text(vec![None, Some("X".into())]));
    let e = dataset_from_tables(&units, None, None, None).unwrap_err();
    assert_eq!(e.problems()[0].location.path.as_deref(), Some("units[1].parent"));
    let bad = Table::new("units").with("id", Column::text(["C"])).with("name", Column::Null(2));
    assert!(dataset_from_tables(&bad, None, None, None).is_err());
}

#[test]
fn activities_read_by_type_and_results_write_rows() {
    let ds = sample();
    let t = dataset_to_tables(&ds);
    assert!(t.activities.column("type").is_some());
    let rules = crate::RuleSet::preset("vn.c124-2021").unwrap();
    let ev = crate::evaluate(&ds, &rules, 2023).unwrap();
    let ut = evaluation_table(&ev.units, &ev.decision);
    assert_eq!(ut.num_rows(), ev.units.len());
    let cr = ev.criterion_rows();
    assert_eq!(criteria_table(&ev.units).num_rows(), cr.len());
    let st = crate::output::stats::activity_stats(&ds, 2023, None).unwrap();
    let stt = stats_table(&st);
    assert_eq!(stt.num_rows(), st.rows.len());
    assert!(stt.column("total_propaganda_meetings").is_some());
    assert!(stt.column("own_awards").is_some());
}

/// A unit with no activity record has unknown figures (empty cells), never counts of 0;
/// a recorded 0 stays 0.
#[test]
fn stats_without_records_are_empty_not_zero() {
    let ds = Dataset::from_str_named("s.json", SAMPLE_JSON).unwrap();
    let st = crate::output::stats::activity_stats(&ds, 2023, None).unwrap();
    let t = stats_table(&st);
    let (Some(Column::UInt(records)), Some(Column::UInt(meetings))) =
        (t.column("own_records"), t.column("own_propaganda_meetings"))
    else {
        panic!("own_records and own_propaganda_meetings are unsigned columns")
    };
    let none = st.rows.iter().position(|r| r.own.records == 0).expect("a unit without records");
    assert_eq!((records[none], meetings[none]), (Some(0), None));
    let some = st.rows.iter().position(|r| r.own.records > 0).expect("a unit with records");
    assert_eq!(records[some], Some(st.rows[some].own.records));
    assert_eq!(meetings[some], Some(st.rows[some].own.propaganda_meetings));
    // The subtree's records are its units' records.
    let top = &st.rows[0];
    let below: u64 = st.rows.iter().filter(|r| r.parent.as_ref() == Some(&top.unit)).map(|r| r.total.records).sum();
    assert_eq!(top.total.records, top.own.records + below);
}

#[test]
fn many_bad_rows_are_capped() {
    let n = 500;
    let units = Table::new("units")
        .with("id", Column::Text((0..n).map(|i| Some(Cow::Owned(format!("U{i}")))).collect()))
        .with("name", Column::text(vec!["n"; n]))
        .with("kind", Column::Int(vec![Some(1); n]));
    let e = dataset_from_tables(&units, None, None, None).unwrap_err();
    assert_eq!(e.problems().len(), MAX_PROBLEMS + 1);
    assert_eq!(e.problems().last().unwrap().code, ProblemCode::Limit);
}

#[test]
fn a_count_above_what_a_record_holds_is_refused_never_cut() {
    let big = u64::from(u32::MAX) + 1;
    let units = one_commune("C");
    let ev = Table::new("evidence")
        .with("unit", Column::text(["C", "C"]))
        .with("year", Column::Int(vec![Some(2023), Some(2024)]))
        .with("disciplined_officers", Column::UInt(vec![Some(u64::from(u32::MAX)), Some(big)]));
    let e = dataset_from_tables(&units, Some(&ev), None, None).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!((e.problems().len(), p.location.path.as_deref()), (1, Some("evidence[1].disciplined_officers")), "{e}");
    assert!(p.message.contains("4294967296: a count must be at most 4294967295"), "{e}");

    let json = format!(
        r#"{{"format_version": 1, "units": [{{"id": "C", "name": "n", "kind": "commune", "subkind": "xa"}}],
            "evidence": [{{"unit": "C", "year": 2023, "disciplined_officers": {big}}}]}}"#
    );
    let e = crate::Dataset::from_str_named("big.json", &json).unwrap_err().to_string();
    assert!(e.contains("4294967296: a count must be at most 4294967295") && e.contains("disciplined_officers"), "{e}");

    let mut r = crate::Evidence::new("C", 2023);
    assert!(r.set(crate::Indicator::DisciplinedOfficers, Some(crate::Value::Count(big))).is_err());
    assert_eq!(r.disciplined_officers, None);
}

#[test]
fn an_evidence_unit_id_is_read_in_nfc_as_the_units_are() {
    // `Hòa` precomposed in the units table, decomposed in the evidence table: one unit.
    let units = one_commune("H\u{f2}a");
    let ev = Table::new("evidence")
        .with("unit", Column::text(["Ho\u{300}a"]))
        .with("year", Column::Int(vec![Some(2023)]))
        .with("disciplined_officers", Column::UInt(vec![Some(0)]));
    let ds = dataset_from_tables(&units, Some(&ev), None, None).unwrap();
    assert_eq!(ds.evidence[0].unit.as_str(), "H\u{f2}a");
}

/// A units table of one commune, `id`.
fn one_commune(id: &str) -> Table<'_> {
    Table::new("units")
        .with("id", Column::text([id]))
        .with("name", Column::text(["n"]))
        .with("kind", Column::text(["commune"]))
        .with("subkind", Column::text(["xa"]))
}

/// An agency: its `armed_forces` cell (`None`: the column left out), read through the
/// direct path (a boolean column) or the serde path (a `valid_from` of text forces it).
fn agency(armed: Option<Column<'static>>, serde_path: bool) -> Table<'static> {
    let mut t = Table::new("units")
        .with("id", Column::text(["C", "A"]))
        .with("name", Column::text(["n", "n"]))
        .with("kind", Column::text(["commune", "agency"]))
        .with("subkind", Column::Text(vec![Some("xa".into()), None]))
        .with("parent", Column::Text(vec![None, Some("C".into())]));
    if let Some(c) = armed {
        t.push("armed_forces", c);
    }
    if serde_path {
        t.push("valid_from", Column::Text(vec![None, None]));
    }
    t
}

#[test]
fn an_agency_with_an_empty_armed_forces_cell_is_refused_never_read_as_false() {
    for serde_path in [false, true] {
        let blank = agency(Some(Column::Bool(vec![None, None])), serde_path);
        let e = dataset_from_tables(&blank, None, None, None).unwrap_err();
        let p = &e.problems()[0];
        assert_eq!((e.problems().len(), p.code), (1, ProblemCode::BadValue), "{e}");
        assert_eq!(p.location.path.as_deref(), Some("units[1].armed_forces"));
        assert!(p.message.contains("`armed_forces` cell is empty"), "{}", p.message);
        // A column of no value at all (all null) is empty too.
        let null = agency(Some(Column::Null(2)), serde_path);
        assert!(dataset_from_tables(&null, None, None, None).is_err());
        // Written, it is read; the column left out is the JSON form's field left out.
        let given = agency(Some(Column::Bool(vec![None, Some(true)])), serde_path);
        let ds = dataset_from_tables(&given, None, None, None).unwrap();
        assert_eq!(ds.units[1].kind, crate::model::unit::UnitKind::Agency { armed_forces: true });
        let left_out = dataset_from_tables(&agency(None, serde_path), None, None, None).unwrap();
        assert_eq!(left_out.units[1].kind, crate::model::unit::UnitKind::Agency { armed_forces: false });
    }
}

#[test]
fn agencies_are_written_with_armed_forces_false_too() {
    let ds = dataset_from_tables(&agency(None, false), None, None, None).unwrap();
    let t = dataset_to_tables(&ds);
    assert_eq!(t.units.header()[..5], ["id", "name", "kind", "subkind", "armed_forces"]);
    assert_eq!(t.units.column("armed_forces"), Some(&Column::Bool(vec![None, Some(false)])));
    assert_eq!(dataset_from_tables(&t.units, None, None, None).unwrap(), ds);
}

#[test]
fn an_empty_activity_count_is_refused_never_read_as_one() {
    let acts = |count: Option<Column<'static>>| {
        let mut t = Table::new("activities")
            .with("unit", Column::text(["C"]))
            .with("date", Column::text(["2023-05-01"]))
            .with("type", Column::text(["propaganda_meeting"]))
            .with("attendees", Column::UInt(vec![Some(40)]));
        if let Some(c) = count {
            t.push("count", c);
        }
        t
    };
    let units = one_commune("C");
    let e = dataset_from_tables(&units, None, None, Some(&acts(Some(Column::UInt(vec![None]))))).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!((p.code, p.location.path.as_deref()), (ProblemCode::BadValue, Some("activities[0].count")), "{e}");
    let given = dataset_from_tables(&units, None, None, Some(&acts(Some(Column::UInt(vec![Some(3)]))))).unwrap();
    assert_eq!(given.activities[0].count, 3);
    // The column left out: each record is one event, as in the JSON form.
    assert_eq!(dataset_from_tables(&units, None, None, Some(&acts(None))).unwrap().activities[0].count, 1);
}

/// A support activity's `houses` has a default in the JSON form (0 when left out), as
/// `count` has: in a table, an empty cell of the column is unknown, refused naming its
/// row, never read as 0 houses (the statistics summed it as 0 before). Other types leave
/// the cell empty.
#[test]
fn an_empty_support_houses_cell_is_refused_never_read_as_zero() {
    let acts = |houses: Option<Column<'static>>| {
        let mut t = Table::new("activities")
            .with("unit", Column::text(["C", "C"]))
            .with("date", Column::text(["2023-05-01", "2023-05-02"]))
            .with("count", Column::UInt(vec![Some(1), Some(1)]))
            .with("type", Column::text(["propaganda_meeting", "support"]))
            .with("attendees", Column::UInt(vec![Some(40), None]))
            .with("amount_vnd", Column::UInt(vec![None, Some(5_000_000)]));
        if let Some(c) = houses {
            t.push("houses", c);
        }
        t
    };
    let units = one_commune("C");
    let e = dataset_from_tables(&units, None, None, Some(&acts(Some(Column::UInt(vec![None, None]))))).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!((e.problems().len(), p.code), (1, ProblemCode::BadValue), "{e}");
    assert_eq!(p.location.path.as_deref(), Some("activities[1].houses"), "{e}");
    assert!(p.message.contains("`houses` cell is empty"), "{}", p.message);
    let houses = |ds: &Dataset| match ds.activities[1].kind {
        crate::model::activity::ActivityKind::Support { houses, .. } => houses,
        ref k => panic!("not support: {k:?}"),
    };
    let given = dataset_from_tables(&units, None, None, Some(&acts(Some(Column::UInt(vec![None, Some(2)]))))).unwrap();
    assert_eq!(houses(&given), 2);
    // The column left out: no house, as in the JSON form.
    assert_eq!(houses(&dataset_from_tables(&units, None, None, Some(&acts(None))).unwrap()), 0);
}

#[test]
fn tables_of_no_rows_are_checked_for_their_columns() {
    let paths =
        |e: crate::Error| e.problems().iter().map(|p| p.location.path.clone().unwrap_or_default()).collect::<Vec<_>>();
    // No column at all (an empty dataframe).
    let e = dataset_from_tables(&Table::new("units"), None, None, None).unwrap_err();
    assert_eq!(paths(e), ["units.id", "units.name", "units.kind"]);
    // A header without `kind`, and no row; the misspelt column is named.
    let units = Table::new("units")
        .with("id", Column::Text(vec![]))
        .with("name", Column::Text(vec![]))
        .with("knd", Column::Text(vec![]));
    let e = dataset_from_tables(&units, None, None, None).unwrap_err();
    assert!(e.problems()[0].message.contains("no `kind` column (unknown columns: `knd`)"), "{e}");
    // Every table: evidence, incidents and activities of no rows.
    let empty = |name: &str, cols: &[&str]| cols.iter().fold(Table::new(name), |t, c| t.with(*c, Column::Text(vec![])));
    let units = one_commune("C");
    let ev = empty("evidence", &["unit"]);
    let inc = empty("incidents", &["unit", "date"]);
    let act = empty("activities", &["unit", "type"]);
    let e = dataset_from_tables(&units, Some(&ev), Some(&inc), Some(&act)).unwrap_err();
    assert_eq!(paths(e), ["evidence.year", "incidents.category", "activities.date"]);
    // A table with rows missing a column: one problem for the column, not one per row.
    let rows = one_commune("C");
    let rows = Table { columns: rows.columns.into_iter().filter(|(n, _)| n != "name").collect(), ..rows };
    assert_eq!(paths(dataset_from_tables(&rows, None, None, None).unwrap_err()), ["units.name"]);
}
