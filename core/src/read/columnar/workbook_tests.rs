//! Workbooks (feature `xlsx`): bad cells named by sheet, row and column, and an evidence
//! template filled as a user would.

use super::tests::{problems, temp};
use super::*;

#[test]
fn bad_workbook_cells_name_sheet_row_and_column() {
    let dir = temp("bad-xlsx");
    let book = dir.join("d.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("units").unwrap();
    for (k, h) in ["id", "name", "kind", "subkind"].iter().enumerate() {
        ws.write_string(0, k as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "C1").unwrap().write_string(1, 1, "Xã").unwrap();
    ws.write_string(1, 2, "commune").unwrap().write_string(1, 3, "xa").unwrap();
    let ev = wb.add_worksheet().set_name("evidence").unwrap();
    for (k, h) in ["unit", "year", "resolution_date", "party_organisation"].iter().enumerate() {
        ev.write_string(0, k as u16, *h).unwrap();
    }
    ev.write_string(3, 0, "C1").unwrap().write_number(3, 1, 2023.5).unwrap();
    ev.write_number(3, 2, 12.0).unwrap().write_string(3, 3, "maybe").unwrap();
    wb.save(&book).unwrap();
    let ps = problems(&book);
    let got: Vec<(Option<usize>, Option<usize>, &str)> = ps.iter().map(|p| (p.1, p.2, p.3.as_str())).collect();
    assert_eq!(
        got,
        [
            (Some(4), Some(2), "evidence[0].year"),
            (Some(4), Some(3), "evidence[0].resolution_date"),
            (Some(4), Some(4), "evidence[0].party_organisation")
        ]
    );
    assert!(ps[0].4.starts_with("sheet `evidence`, cell B4: "), "{}", ps[0].4);
    assert_eq!(ps[0].4.matches("sheet `").count(), 1, "the place is named once: {}", ps[0].4);
    // Each cell's problem in Vietnamese too, the sheet and cell named as in English.
    let e = read_dataset(&book).unwrap_err();
    let vi: Vec<&str> = e.problems().iter().filter_map(|p| p.message_vi.as_deref()).collect();
    assert_eq!(vi.len(), 3, "{vi:?}");
    assert!(vi[0].starts_with("trang tính `evidence`, ô B4: 2023.5 không phải một số nguyên"), "{}", vi[0]);
    assert!(ps.iter().all(|p| p.0 == "d.xlsx"));

    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("evidence").unwrap();
    wb.save(&book).unwrap();
    assert!(problems(&book)[0].4.contains("no `units` sheet"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A formula cell is read by its saved result; one without a result (written by a program
/// that does not compute formulas) is refused, never read as an empty cell (unknown).
#[test]
fn a_formula_without_a_saved_result_is_refused() {
    use rust_xlsxwriter::Formula;
    let dir = temp("formula-xlsx");
    let book = dir.join("f.xlsx");
    let write = |result: &str| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet().set_name("units").unwrap();
        for (k, h) in ["id", "name", "kind", "subkind"].iter().enumerate() {
            ws.write_string(0, k as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "R1").unwrap().write_string(1, 1, "Thôn").unwrap();
        ws.write_string(1, 2, "residential_area").unwrap().write_string(1, 3, "thon").unwrap();
        let ev = wb.add_worksheet().set_name("evidence").unwrap();
        for (k, h) in ["unit", "year", "households_total"].iter().enumerate() {
            ev.write_string(0, k as u16, *h).unwrap();
        }
        ev.write_string(1, 0, "R1").unwrap().write_number(1, 1, 2023.0).unwrap();
        ev.write_formula(1, 2, Formula::new("=380+7").set_result(result)).unwrap();
        wb.save(&book).unwrap();
    };
    write("387");
    let ds = read_dataset(&book).unwrap();
    assert_eq!(ds.evidence[0].households_total, Some(387));
    // The writer stores `0` for an empty result; a blank text result is read as none too.
    write(" ");
    let ps = problems(&book);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!((ps[0].1, ps[0].2, ps[0].3.as_str()), (Some(2), Some(3), "evidence[0].households_total"));
    assert!(ps[0].4.contains("cell C2: the cell holds a formula whose saved result is empty"), "{}", ps[0].4);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The header cells of a workbook sheet, as written.
fn header_cells(book: &Path, sheet: &str) -> Vec<String> {
    use calamine::{Reader as _, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(book).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range.rows().next().unwrap().iter().map(|d| d.to_string()).collect()
}

#[test]
fn a_filled_template_evaluates_as_the_same_data_in_json() {
    use crate::model::evidence::{Attestation, Evidence, Value};
    let dir = temp("template");
    let rules = crate::RuleSet::preset("vn.c124-2021").unwrap();
    let form = dir.join("form.xlsx");
    write_template(&rules, crate::Kind::ResidentialArea, &form).unwrap();
    let unit_header = header_cells(&form, "units");
    let ev_header = header_cells(&form, "evidence");
    assert!(ev_header.iter().all(|h| h.lines().count() == 3), "{ev_header:?}");
    let cols = template_columns(&rules, crate::Kind::ResidentialArea).unwrap();
    assert_eq!(ev_header.len(), cols.len());
    assert!(cols.iter().any(|c| c.want == crate::table::Want::Attested));

    // Fill it as a user would: the template's header cells, then a row per unit. A1 says
    // yes to everything, A2 no.
    let day = chrono::NaiveDate::from_ymd_opt(2023, 2, 1).unwrap();
    let mut expected = Dataset { units: dataset_from_small_units(), ..Dataset::default() };
    let mut wb = rust_xlsxwriter::Workbook::new();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet().set_name("units").unwrap();
    let unit_rows = [["C1", "Xã Một", "commune", "xa", ""], ["A1", "Thôn Một", "residential_area", "thon", "C1"]];
    let unit_rows: Vec<[&str; 5]> =
        unit_rows.into_iter().chain([["A2", "Thôn Hai", "residential_area", "thon", "C1"]]).collect();
    for (k, h) in unit_header.iter().enumerate() {
        ws.write_string(0, k as u16, h).unwrap();
        for (r, row) in unit_rows.iter().enumerate() {
            if !row[k].is_empty() {
                ws.write_string(r as u32 + 1, k as u16, row[k]).unwrap();
            }
        }
    }
    let ws = wb.add_worksheet().set_name("evidence").unwrap();
    for (r, (unit, yes)) in [("A1", true), ("A2", false)].into_iter().enumerate() {
        let row = r as u32 + 1;
        let mut e = Evidence::new(unit, 2023);
        for (k, (h, c)) in ev_header.iter().zip(&cols).enumerate() {
            let k = k as u16;
            ws.write_string(0, k, h).unwrap();
            match (c.name.as_str(), c.want) {
                ("unit", _) => drop(ws.write_string(row, k, unit).unwrap()),
                ("year", _) => drop(ws.write_number(row, k, 2023).unwrap()),
                (name, crate::table::Want::Date) => {
                    ws.write_datetime_with_format(
                        row,
                        k,
                        rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 2, 1).unwrap(),
                        &date_format,
                    )
                    .unwrap();
                    e.set(indicator(name), Some(Value::Date(day))).unwrap();
                }
                (name, crate::table::Want::Int) => {
                    let n = if yes || name.ends_with("_total") { 100 } else { 50 };
                    ws.write_number(row, k, n as f64).unwrap();
                    e.set(indicator(name), Some(Value::Count(n))).unwrap();
                }
                (name, crate::table::Want::Bool) => {
                    ws.write_string(row, k, if yes { "yes" } else { "no" }).unwrap();
                    e.set(indicator(name), Some(Value::Flag(yes))).unwrap();
                }
                (name, crate::table::Want::Attested) => {
                    ws.write_string(row, k, if yes { "yes" } else { "no" }).unwrap();
                    let key = name.strip_prefix("attested:").unwrap();
                    e.attest(key, if yes { Attestation::Yes } else { Attestation::No });
                }
                (name, want) => panic!("no value for {name} ({want:?})"),
            }
        }
        expected.evidence.push(e);
    }
    let filled = dir.join("filled.xlsx");
    wb.save(&filled).unwrap();
    let mut read = read_dataset(&filled).unwrap();
    read.meta = expected.meta.clone();
    assert_eq!(read, expected);
    let ev = crate::evaluate(&read, &rules, 2023).unwrap();
    assert_eq!(
        serde_json::to_string(&ev).unwrap(),
        serde_json::to_string(&crate::evaluate(&expected, &rules, 2023).unwrap()).unwrap()
    );
    let outcome = |u: &str| ev.unit(u).unwrap().outcome.label().en;
    assert_eq!([outcome("A1"), outcome("A2")], ["Meets", "Does not meet"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The units of the template test, built without tables.
fn dataset_from_small_units() -> Vec<crate::Unit> {
    use crate::{CommuneKind, UnitKind};
    let area = || UnitKind::ResidentialArea(crate::AreaKind::Thon);
    vec![
        crate::Unit::new("C1", "Xã Một", UnitKind::Commune(CommuneKind::Xa), None),
        crate::Unit::new("A1", "Thôn Một", area(), Some("C1")),
        crate::Unit::new("A2", "Thôn Hai", area(), Some("C1")),
    ]
}

fn indicator(name: &str) -> crate::Indicator {
    *crate::Indicator::ALL.iter().find(|i| i.as_str() == name).unwrap()
}

/// A sheet of a header only is checked for its required columns, and an agency's empty
/// `armed_forces` cell is refused naming its cell, as in every other table form.
#[test]
fn workbook_sheets_without_rows_and_empty_agency_flags_are_refused() {
    let dir = temp("blank-xlsx");
    let book = dir.join("b.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("units").unwrap();
    for (k, h) in ["id", "name", "kind", "armed_forces"].iter().enumerate() {
        ws.write_string(0, k as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "O1").unwrap().write_string(1, 1, "Cơ quan").unwrap().write_string(1, 2, "agency").unwrap();
    let ev = wb.add_worksheet().set_name("evidence").unwrap();
    ev.write_string(0, 0, "unit").unwrap();
    wb.save(&book).unwrap();
    let got: Vec<(Option<usize>, Option<usize>, String)> =
        problems(&book).into_iter().map(|p| (p.1, p.2, p.3)).collect();
    let want = [(Some(2), Some(4), "units[0].armed_forces"), (None, None, "evidence.year")];
    assert_eq!(got, want.map(|(l, c, p)| (l, c, p.to_owned())));
    std::fs::remove_dir_all(&dir).unwrap();
}
