//! Conformance: the header of every CSV the CLI writes is the core's header of that result
//! (`antq::table::headers`), so the CLI, Python and JavaScript share one set of columns.

mod common;

use common::{antq, stderr, stdout};

const SAMPLE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/sample");

/// The first line of the CSV `args` write with `--format csv`, split at commas.
fn header_of(args: &[&str]) -> Vec<String> {
    let mut all = args.to_vec();
    all.extend(["--format", "csv"]);
    first_line(&all)
}

/// The first line `args` write, split at commas.
fn first_line(args: &[&str]) -> Vec<String> {
    let o = antq(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o).lines().next().unwrap_or_default().split(',').map(str::to_owned).collect()
}

fn core(name: &str) -> Vec<String> {
    antq::table::header(name)
        .unwrap_or_else(|| panic!("the core names no result `{name}`"))
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
}

#[test]
fn every_csv_header_is_the_cores() {
    let d510 = format!("{SAMPLE_DIR}/d510-supplement.toml");
    let typical = format!("{SAMPLE_DIR}/typical-supplement.toml");
    let teams = format!("{SAMPLE_DIR}/teams-synthetic-2025.json");
    let medal = format!("{SAMPLE_DIR}/medal-synthetic.json");
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("evaluation", vec!["evaluate", "--year", "2023", "sample"]),
        ("stats", vec!["stats", "sample", "--year", "2023"]),
        ("teams", vec!["teams", &teams]),
        ("medal", vec!["medal", &medal]),
        (
            "impact",
            vec!["impact", "--rules", "vn.d9745-2022.communes", "--supplement", &typical, "--year", "2023", "sample"],
        ),
        ("sensitivity", vec!["sensitivity", "--supplement", &d510, "--year", "2023", "--samples", "20", "sample"]),
        ("instruments", vec!["presets"]),
        ("whatif", vec!["whatif", "--year", "2023", "--verify", "NS-HP", "KM-TT"]),
        ("compare", vec!["compare", "--years", "2023", "2025", "sample"]),
    ];
    for (name, args) in cases {
        assert_eq!(header_of(&args), core(name), "{name}: {args:?}");
    }
}

#[test]
fn the_review_header_is_the_cores_then_one_column_per_criterion() {
    let got = first_line(&["review", "--year", "2023", "sample"]);
    let rules = antq::RuleSet::preset("vn.c124-2021").expect("preset");
    let mut want = core("verdicts");
    want.extend(rules.criteria.iter().map(|c| c.id.clone()));
    assert_eq!(got, want);
}

#[test]
fn an_evaluation_with_no_unit_still_writes_its_header() {
    let p = std::env::temp_dir().join(format!("antq-headers-{}-empty.json", std::process::id()));
    std::fs::write(&p, r#"{"format_version": 1, "units": []}"#).expect("write");
    let got = header_of(&["evaluate", "--year", "2023", &p.display().to_string()]);
    assert_eq!(got, core("evaluation"));
}

#[test]
fn an_evaluation_written_in_parts_has_one_header_and_every_unit() {
    let p = std::env::temp_dir().join(format!("antq-headers-{}-gen.json", std::process::id()));
    let path = p.display().to_string();
    let o = antq(&["generate", "--units", "2000", "--year", "2023", "-o", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = antq(&["evaluate", "--year", "2023", &path, "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    let o = antq(&["review", "--year", "2023", &path]);
    let units = stdout(&o).lines().count() - 1;
    assert!(units > 600, "{units} units: more than two parts are written");
    let header = core("evaluation").join(",");
    assert_eq!(csv.lines().filter(|l| *l == header).count(), 1);
    assert_eq!(csv.lines().count() - 1, units);
}

#[test]
fn the_hierarchy_header_is_the_cores_and_follows_the_reform() {
    assert_eq!(first_line(&["hierarchy", "sample", "--year", "2023"]), core("hierarchy"));
    // From 1 July 2025 no unit has a district; a village of a merged commune is under it.
    let o = antq(&["hierarchy", "sample", "--year", "2025"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.lines().any(|l| l.starts_with("NS-QT-KDC01,") && l.ends_with(",NS-XNS,NS-XNS,,HD")), "{text}");
    let o = antq(&["hierarchy", "sample", "--year", "2023"]);
    assert!(stdout(&o).lines().any(|l| l.starts_with("NS-QT-KDC01,") && l.ends_with(",NS-QT,NS-QT,NS,HD")));
    // A date instead of a year: the hierarchy on that date. Both at once was accepted and
    // the year ignored; now it is a usage error.
    let on = antq(&["hierarchy", "sample", "--as-of", "2025-11-15"]);
    assert!(on.status.success(), "{}", stderr(&on));
    assert_eq!(stdout(&on), text);
    let both = antq(&["hierarchy", "sample", "--year", "2023", "--as-of", "2025-11-15"]);
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
    assert!(stderr(&both).contains("cannot be used with"), "{}", stderr(&both));
}
