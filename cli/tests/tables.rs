//! Datasets as tables end to end: `generate --format` writes them, every command that reads a
//! dataset reads them with the same results as the JSON file, and `template` writes a
//! workbook that reads back.

mod common;
use common::{antq, stderr, stdout};

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("antq-cli-tables-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn generated_tables_review_like_the_json_file() {
    let dir = temp("generate");
    let json = dir.join("d.json");
    let generate = |extra: &[&str]| {
        let mut args = vec!["generate", "--units", "2000", "--seed", "7"];
        args.extend_from_slice(extra);
        let o = antq(&args);
        assert!(o.status.success(), "{}", stderr(&o));
    };
    generate(&["-o", json.to_str().unwrap()]);
    let review = |data: &str| {
        let o = antq(&["review", "--rules", "vn.c124-2021", "--year", "2023", data]);
        assert!(o.status.success(), "{data}: {}", stderr(&o));
        stdout(&o)
    };
    let want = review(json.to_str().unwrap());
    assert!(want.lines().count() > 2000);
    for (format, target) in [("parquet", "pq"), ("arrow", "arrow"), ("csv", "csv"), ("xlsx", "d.xlsx")] {
        let t = dir.join(target);
        generate(&["--format", format, "-o", t.to_str().unwrap()]);
        assert_eq!(review(t.to_str().unwrap()), want, "{format}");
    }
    // The units file names its siblings.
    assert_eq!(review(dir.join("csv/units.csv").to_str().unwrap()), want);
    // A table format needs -o (a usage error).
    assert_eq!(antq(&["generate", "--units", "10", "--format", "csv"]).status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `-o` naming one of the dataset's own files is refused before anything is written: the
/// data is never replaced by its verdicts.
#[test]
fn review_refuses_to_write_over_its_input() {
    let dir = temp("over-input");
    let csv = dir.join("csv");
    let o = antq(&["generate", "--units", "60", "--format", "csv", "-o", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let evidence = csv.join("evidence.csv");
    let before = std::fs::read(&evidence).unwrap();
    for (data, out) in [(csv.clone(), evidence.clone()), (csv.join("units.csv"), csv.join("./units.csv"))] {
        let o = antq(&["review", "--year", "2023", data.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("would replace the input"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&evidence).unwrap(), before);
    let o = antq(&["review", "--year", "2023", csv.to_str().unwrap(), "-o", dir.join("v.csv").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn review_writes_chosen_columns_as_csv_or_a_parquet_table() {
    let dir = temp("verdicts");
    let review = |extra: &[&str]| {
        let mut args = vec!["review", "--rules", "vn.c124-2021", "--year", "2023", "sample"];
        args.extend_from_slice(extra);
        antq(&args)
    };
    let full = stdout(&review(&[]));
    let o = review(&["--columns", "unit,outcome,RA-1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let compact = stdout(&o);
    // The same rows, only the columns asked for, taken from the full table.
    let mut lines = full.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (u, oc, ra1) = (at("unit"), at("outcome"), at("RA-1"));
    let mut want = String::from("unit,outcome,RA-1\n");
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        want.push_str(&format!("{},{},{}\n", cells[u], cells[oc], cells[ra1]));
    }
    assert_eq!(compact, want);
    // To a CSV file: the same bytes; to Parquet: a Parquet file (benches/peers reads its
    // columns with pyarrow).
    let csv = dir.join("v.csv");
    assert!(review(&["--columns", "unit,outcome,RA-1", "-o", csv.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), want);
    let pq = dir.join("v.parquet");
    let o = review(&["--columns", "unit,outcome", "-o", pq.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&pq).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    // An unknown column is a usage error naming the columns there are.
    let o = review(&["--columns", "unit,colour"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`colour` is not a verdict column") && stderr(&o).contains("RA-1"), "{}", stderr(&o));
    // `-o -` is standard output, as `-` is standard input for the data.
    let o = review(&["--columns", "unit,outcome,RA-1", "-o", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), want);
    // A workbook is refused before the review, not written as CSV under its name.
    let xlsx = dir.join("v.xlsx");
    let o = review(&["--columns", "unit,outcome", "-o", xlsx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not as a workbook") && !xlsx.exists(), "{}", stderr(&o));
    // So is a JSON name (it was written as CSV under it).
    let json = dir.join("v.json");
    let o = review(&["--columns", "unit,outcome", "-o", json.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not as JSON") && !json.exists(), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `review` validates a table dataset once, as it prepares it; its errors are those every
/// other command gives, placed in the files.
#[test]
fn review_of_invalid_tables_reports_what_evaluate_reports() {
    let dir = temp("invalid");
    let data = dir.join("csv");
    let o = antq(&["generate", "--units", "300", "--format", "csv", "-o", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ev = data.join("evidence.csv");
    let text = std::fs::read_to_string(&ev).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let first = lines[2].split(',').next().unwrap().to_owned();
    lines[2] = lines[2].replacen(&first, "GHOST", 1);
    std::fs::write(&ev, lines.join("\n") + "\n").unwrap();
    let run = |cmd: &str| antq(&[cmd, "--rules", "vn.c124-2021", "--year", "2023", data.to_str().unwrap()]);
    let (review, evaluate) = (run("review"), run("evaluate"));
    assert_eq!(review.status.code(), Some(4));
    assert_eq!(stderr(&review), stderr(&evaluate));
    assert!(stderr(&review).contains("evidence.csv:3:1, at `evidence[1].unit`, unit `GHOST`"), "{}", stderr(&review));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_template_is_written_and_a_bad_kind_is_a_usage_error() {
    let dir = temp("template");
    let form = dir.join("form.xlsx");
    let f = form.to_str().unwrap();
    let o = antq(&["template", "--rules", "vn.c124-2021", "--year", "2023", "--kind", "commune", "-o", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Empty, it reads as a dataset with no record (each sheet has only its header).
    let o = antq(&["check", "vn.c124-2021", "--data", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("form.xlsx — valid: 0 units, 0 evidence records"), "{}", stdout(&o));
    let o = antq(&["template", "--rules", "vn.c124-2021", "--year", "2023", "--kind", "galaxy", "-o", f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown unit kind `galaxy`"));
    // A kind the rule set does not evaluate: the argument is wrong, not the rule set (it was
    // `invalid_rule_set`, exit 3), so a usage error naming `--kind` and the kinds evaluated.
    let o = antq(&["template", "--rules", "vn.d9745-2022.communes", "--year", "2023", "--kind", "school", "-o", f]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--kind: `vn.d9745-2022.communes` evaluates no school unit; it evaluates: commune"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("invalid_rule_set"), "{}", stderr(&o));
    let o = antq(&["template", "--rules", "vn.c124-2021", "--year", "2023", "--kind", "province", "-o", f]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let evaluated = "it evaluates: commune, residential_area, agency, enterprise, school";
    assert!(
        stderr(&o).contains(&format!("--kind: `vn.c124-2021` evaluates no province unit; {evaluated}")),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `--year` of `template` resolves a family; a preset id that does not apply in the year is
/// refused as an evaluation of that year is (exit 9), where the template of the 2021 text was
/// written for 2026 without a word.
#[test]
fn a_template_of_a_preset_not_in_force_in_the_year_is_refused() {
    let dir = temp("template-year");
    let form = dir.join("form.xlsx");
    let f = form.to_str().unwrap();
    let o = antq(&["template", "--rules", "vn.c124-2021", "--year", "2026", "--kind", "commune", "-o", f]);
    assert_eq!(o.status.code(), Some(9), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[not_in_force]") && stderr(&o).contains("vn.c124-2025"), "{}", stderr(&o));
    assert!(!form.exists(), "nothing written");
    let o = antq(&["template", "--rules", "vn.c124", "--year", "2026", "--kind", "commune", "-o", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("`vn.c124-2025`"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}
