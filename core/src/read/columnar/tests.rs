//! Round trips of the sample province through every table format, and the problems of bad
//! files.

use super::*;
use crate::synthetic::sample::SAMPLE_JSON;

fn sample() -> Dataset {
    Dataset::from_str_named("sample.json", SAMPLE_JSON).unwrap()
}

/// A fresh folder under the system's temporary folder.
pub(super) fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("antq-columnar-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The serialised evaluation of every preset that evaluates the sample.
fn evaluations(ds: &Dataset) -> Vec<String> {
    ["vn.c124-2021", "vn.d9745-2022.communes"]
        .iter()
        .map(|id| {
            let rules = crate::RuleSet::preset(id).unwrap();
            serde_json::to_string(&crate::evaluate(ds, &rules, 2023).unwrap()).unwrap()
        })
        .collect()
}

#[test]
fn sample_round_trips_with_identical_evaluations() {
    let ds = sample();
    let want = evaluations(&ds);
    for format in TableFormat::ALL.iter().copied() {
        let dir = temp(format.as_str());
        let target = if TableFormat::PER_TABLE.contains(&format) { dir.clone() } else { dir.join("sample.xlsx") };
        write_dataset(&ds, &target, format).unwrap();
        let mut back = read_dataset(&target).unwrap_or_else(|e| panic!("{}: {e}", format.as_str()));
        back.meta = ds.meta.clone();
        assert_eq!(back, ds, "{}", format.as_str());
        assert_eq!(evaluations(&back), want, "{}", format.as_str());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// A problem as (file name, line, column, path, message).
type Placed = (String, Option<usize>, Option<usize>, String, String);

/// The problems of reading `path`.
fn problems(path: &Path) -> Vec<Placed> {
    let e = read_dataset(path).unwrap_err();
    e.problems()
        .iter()
        .map(|p| {
            let l = &p.location;
            let file = Path::new(l.file.as_deref().unwrap_or("")).file_name().unwrap().to_string_lossy().into_owned();
            (file, l.line, l.column, l.path.clone().unwrap_or_default(), p.message.clone())
        })
        .collect()
}

fn small_units() -> Table<'static> {
    Table::new("units")
        .with("id", Column::text(["C1", "A1"]))
        .with("name", Column::text(["Xã Một", "Thôn Một"]))
        .with("kind", Column::text(["commune", "residential_area"]))
        .with("subkind", Column::text(["xa", "thon"]))
        .with("parent", Column::Text(vec![None, Some("C1".into())]))
}

use crate::table::{Column, Table};

#[test]
fn bad_tables_name_file_row_and_column() {
    let dir = temp("bad-parquet");
    // An unknown column in units, a text column where evidence needs counts.
    let units = small_units().with("colour", Column::text(["red", "blue"]));
    parquet_files::write(&units, &dir.join("units.parquet")).unwrap();
    let ev = Table::new("evidence")
        .with("unit", Column::text(["A1"]))
        .with("year", Column::Int(vec![Some(2023)]))
        .with("households_total", Column::text(["many"]));
    parquet_files::write(&ev, &dir.join("evidence.parquet")).unwrap();
    let ps = problems(&dir);
    assert_eq!(ps[0].0, "units.parquet");
    assert_eq!(ps[0].3, "units.colour");
    assert_eq!((ps[1].0.as_str(), ps[1].3.as_str()), ("evidence.parquet", "evidence[0].households_total"));
    assert!(ps[1].4.contains("holds text values; it needs integer"), "{}", ps[1].4);

    // No units table.
    std::fs::remove_file(dir.join("units.parquet")).unwrap();
    let ps = problems(&dir);
    assert_eq!(ps.len(), 1);
    assert!(ps[0].4.contains("no units table"), "{}", ps[0].4);

    // A file that is not Parquet.
    std::fs::write(dir.join("units.parquet"), "id,name\n").unwrap();
    assert!(problems(&dir)[0].4.starts_with("not a Parquet table"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_csv_cells_name_line_and_column() {
    let dir = temp("bad-csv");
    std::fs::write(
        dir.join("units.csv"),
        "\u{feff}id,name,kind,subkind,parent\r\nC1,Xã Một,commune,xa,\r\n\r\nA1,\"Thôn\r\nMột\",residential_area,thon,C1\r\nA2,Thôn Hai,galaxy,thon,C1\r\n",
    )
    .unwrap();
    std::fs::write(dir.join("evidence.csv"), "unit,year,households_total\nA1,2023,\nA1,20x3,12\n").unwrap();
    let ps = problems(&dir);
    assert_eq!(ps.len(), 2, "{ps:?}");
    // A2 starts on line 6: the quoted name spans lines 4 and 5; the blank line is skipped.
    assert_eq!(
        (ps[0].0.as_str(), ps[0].1, ps[0].2, ps[0].3.as_str()),
        ("units.csv", Some(6), Some(3), "units[2].kind")
    );
    assert_eq!(ps[1].0, "evidence.csv");
    assert_eq!((ps[1].1, ps[1].2, ps[1].3.as_str()), (Some(3), Some(2), "evidence[1].year"));
    assert!(ps[1].4.contains("`20x3` is not a whole number"));
    std::fs::remove_dir_all(&dir).unwrap();
}

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
    assert!(ps.iter().all(|p| p.0 == "d.xlsx"));

    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("evidence").unwrap();
    wb.save(&book).unwrap();
    assert!(problems(&book)[0].4.contains("no `units` sheet"));
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
