//! The decision-support commands end to end on the bundled (synthetic) sample:
//! `whatif`, `impact`, `sensitivity`, `compare`.

mod common;

use common::{antq, stderr, stdout};
use std::process::Output;

fn sample(file: &str) -> String {
    format!("{}/../core/sample/{file}", env!("CARGO_MANIFEST_DIR"))
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("JSON output")
}

#[test]
fn whatif_gives_the_failing_commune_its_shortest_path_verified() {
    let o = antq(&["whatif", "--year", "2023", "--verify", "NS-HP"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("NS-HP Xã Hồng Phong — Does not meet → Meets the standard (reachable)"), "{s}");
    assert!(s.contains("[NS-HP CW-4]"), "{s}");
    assert!(s.contains("verified: applying these changes"), "{s}");
    let w = json(&antq(&["whatif", "--year", "2023", "--format", "json", "NS-HP", "KM-TT"]));
    let v = &w["plans"];
    assert_eq!(v[0]["status"], "reachable");
    assert_eq!(v[0]["changes"].as_array().map(Vec::len), Some(1));
    assert_eq!(v[1]["status"], "reached");
    // The lints of the evaluation the plans rest on, in the JSON as the library gives them:
    // the sample records indicators Circular 124 does not read.
    assert!(w["lints"].as_array().is_some_and(|l| l.iter().any(|l| l["code"] == "unused_key")), "{w}");
    // `verified` in JSON as Python and JavaScript give it; an unreachable plan is not checked.
    let w = json(&antq(&["whatif", "--year", "2023", "--verify", "--format", "json", "CL-CA", "NS-HP"]));
    let v = &w["plans"];
    assert_eq!((v[0]["status"].as_str(), v[0]["verified"].is_null()), (Some("unreachable"), true));
    assert_eq!(v[1]["verified"], true);
}

#[test]
fn whatif_points_and_typical_and_errors() {
    let d510 = sample("d510-supplement.toml");
    let v = json(&antq(&[
        "whatif",
        "--year",
        "2023",
        "--rules",
        "vn.d510-2022",
        "--supplement",
        &d510,
        "--format",
        "json",
        "CL-CQ01",
    ]));
    let v = &v["plans"];
    assert_eq!(v[0]["target"]["target"], "level");
    assert!(v[0]["points_to_gain"].as_f64().is_some_and(|p| p > 0.0));
    let typ = sample("typical-supplement.toml");
    let o = antq(&[
        "whatif",
        "--year",
        "2023",
        "--rules",
        "vn.d9745-2022.communes",
        "--supplement",
        &typ,
        "--verify",
        "KM-HS",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("prerequisite:vn.c124-2021"), "{}", stdout(&o));
    // What it takes rests on the sample's quota and pass rule: said, as `evaluate` says it.
    assert!(
        stderr(&o).contains(
            "`vn.d9745-2022.communes` uses illustrative defaults [I], not verified values: parameter min_met = 32; \
             parameter quota_per_parent = 2; prerequisite vn.c124"
        ),
        "{}",
        stderr(&o)
    );
    let o = antq(&["whatif", "--year", "2023", "--format", "csv", "NS-HP"]);
    assert!(stdout(&o).starts_with("unit,name,status,target,target_level,target_criteria,current,current_level,current_rank,points_to_gain,verified,step,change_unit,"));
    assert_eq!(antq(&["whatif", "--year", "2023", "NOPE"]).status.code(), Some(6));
    // A target level under a rule set without points sheets is refused, not ignored.
    let o = antq(&["whatif", "--year", "2023", "--level", "tot", "NS-HP"]);
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    assert!(stderr(&o).contains("has no points sheets"), "{}", stderr(&o));
}

#[test]
fn impact_of_the_sample_typical_supplement() {
    let typ = sample("typical-supplement.toml");
    let o = antq(&["impact", "--rules", "vn.d9745-2022.communes", "--supplement", &typ, "--year", "2023", "sample"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    // Each side names its rule set and supplements with version and hash.
    assert!(s.contains("changed: vn.d9745-2022.communes 1.1.0 sha256:"), "{s}");
    assert!(s.contains(" + sample.hd.typical-2023 1.0.0 [S] sha256:"), "{s}");
    // Typical communes with min_met = 30: given as a parameter, or `--vs` with it.
    let min_met_30 = |vs: &[&str]| {
        let mut args = vec!["impact", "--rules", "vn.d9745-2022.communes"];
        args.extend_from_slice(vs);
        args.extend(["--param", "min_met=30", "--year", "2023", "--format", "json", "sample"]);
        json(&antq(&args))
    };
    let v = min_met_30(&[]);
    let rows = v["units"].as_array().expect("rows");
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["causes"].as_array().is_some_and(|c| !c.is_empty())));
    let o = antq(&["impact", "--rules", "vn.c124-2021", "--year", "2023", "sample"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    // --vs with a parameter: the parameter is applied to the other rule set (the command
    // refused the combination before; Python accepted it).
    let with_vs = min_met_30(&["--vs", "vn.d9745-2022.communes"]);
    assert_eq!(with_vs["units"], v["units"], "--vs X --param = X with the parameter");
    assert_eq!(
        antq(&["impact", "--rules", "vn.c124-2021", "--param", "x", "--year", "2023", "sample"]).status.code(),
        Some(2)
    );
}

#[test]
fn sensitivity_table_and_json_on_the_sample() {
    let d510 = sample("d510-supplement.toml");
    let o = antq(&["sensitivity", "--supplement", &d510, "--year", "2023", "--samples", "500", "sample"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("500 samples") && s.contains("rank in parent") && s.contains("per parent"), "{s}");
    let grid = ["sensitivity", "--supplement", &d510, "--year", "2023", "--grid", "2"];
    let v = json(&antq(&[&grid[..], &["--max-range", "0", "--format", "json", "sample"]].concat()));
    assert_eq!(v["samples"], 8 * 25);
    let o = antq(&["sensitivity", "--rules", "vn.c124-2021", "--year", "2023", "sample"]);
    assert_eq!(o.status.code(), Some(3));
    // A grid samples no randomness: `--samples` or `--seed` with it is refused, not ignored.
    for extra in [["--samples", "50"], ["--seed", "7"]] {
        let o = antq(&[&grid[..], &extra[..], &["sample"]].concat());
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stdout(&o));
        assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
    }
}

#[test]
fn compare_2023_with_2025() {
    let o = antq(&["compare", "--years", "2023", "2025", "sample"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("vn.c124-2021 · 2023 → 2025") && s.contains("per parent"), "{s}");
    let v = json(&antq(&["compare", "--years", "2023", "2025", "--format", "json", "sample"]));
    assert!(v["newly_meeting"].is_array() && v["units"].as_array().is_some_and(|u| u.len() > 100));
    let o = antq(&["compare", "--years", "2023", "2025", "--format", "csv", "sample"]);
    assert!(stdout(&o).starts_with("unit,name,kind,parent,commune,district,province,before,before_level,before_rank,after,after_level,after_rank,movement,met_before,of_before,met_after,of_after,"));
}

/// A published preset named for years across the change of the law is taken, for each
/// year, as its family's member in force then, as Python and JavaScript take it: the CLI
/// refused `--rules vn.c124-2021 --years 2023 2025` (exit 9) where `antq.compare` and
/// `compareYears` answered. The result names each year's rule set.
#[test]
fn compare_takes_a_preset_as_its_member_in_force_each_year_as_the_bindings_do() {
    let family = antq(&["compare", "--years", "2023", "2025", "--format", "json", "sample"]);
    let preset = antq(&["compare", "--rules", "vn.c124-2021", "--years", "2023", "2025", "--format", "json", "sample"]);
    assert!(preset.status.success(), "{}", stderr(&preset));
    assert_eq!(stdout(&preset), stdout(&family));
    let v = json(&preset);
    let ids: Vec<&str> = v["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["vn.c124-2021", "vn.c124-2025"]);
    // The library's own answer, as the bindings reach it.
    let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    let p = antq::RuleSet::preset("vn.c124-2021").unwrap();
    let (a, b) = (p.in_year(2023).unwrap(), p.in_year(2025).unwrap());
    let lib = antq::analysis::compare_rule_years(&ds, (&a, &b), 2023, 2025, &antq::Options::default()).unwrap();
    assert_eq!(stdout(&preset), serde_json::to_string_pretty(&lib).unwrap() + "\n");
    // With a supplement the preset is not the published one: each year must be in force.
    let typ = sample("typical-supplement.toml");
    let o = antq(&[
        "compare",
        "--rules",
        "vn.d9745-2022.communes",
        "--supplement",
        &typ,
        "--years",
        "2023",
        "2026",
        "sample",
    ]);
    assert_eq!(o.status.code(), Some(9), "{}", stderr(&o));
}

#[test]
fn compare_json_is_written_row_by_row_as_the_library_serialises_it() {
    // The command writes each row as it is made; the bytes are those of the whole result.
    let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    let r = |y| antq::RuleSet::resolve("vn.c124", y, None).unwrap();
    let whole =
        antq::analysis::compare_rule_years(&ds, (&r(2023), &r(2025)), 2023, 2025, &antq::Options::default()).unwrap();
    let o = antq(&["compare", "--years", "2023", "2025", "--format", "json", "sample"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), serde_json::to_string_pretty(&whole).unwrap() + "\n");
    // An input refused before the first row writes its error alone (no half-written JSON).
    let o = antq(&["compare", "--years", "2021", "2022", "--format", "json", "sample"]);
    assert_eq!(o.status.code(), Some(9), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "{}", stdout(&o));
}

/// A decision-support table written as CSV does not name its rule sets in its columns: the
/// command notes them on standard error (the table and JSON forms name them themselves).
#[test]
fn csv_tables_note_the_rule_sets_that_decided_them() {
    let d510 = sample("d510-supplement.toml");
    let cases: [(&[&str], &[&str]); 4] = [
        (
            &["whatif", "--year", "2023", "--format", "csv", "NS-HP"],
            &["decided by vn.c124-2021 1.1.0 sha256:", "year 2023"],
        ),
        (
            &["compare", "sample", "--years", "2023", "2025", "--format", "csv"],
            &[
                "decided by vn.c124-2021 1.1.0 sha256:",
                "(2023, as of 2023-11-15) and vn.c124-2025 1.1.0 sha256:",
                "(2025, as of 2025-11-15)",
            ],
        ),
        (
            &["sensitivity", "sample", "--year", "2023", "--supplement", &d510, "--samples", "20", "--format", "csv"],
            &["decided by vn.d510-2022 1.1.0 sha256:", "+ sample.hd.d510-sheet 1.0.0 [S]"],
        ),
        (
            &[
                "impact",
                "sample",
                "--rules",
                "vn.d510-2022",
                "--supplement",
                &d510,
                "--year",
                "2023",
                "--format",
                "csv",
            ],
            &["(base) and vn.d510-2022 1.1.0 sha256:", "+ sample.hd.d510-sheet 1.0.0 [S]", "(changed), year 2023"],
        ),
    ];
    for (args, named) in cases {
        let o = antq(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let note = stderr(&o).lines().find(|l| l.contains("decided by")).map(str::to_owned);
        let note = note.unwrap_or_else(|| panic!("{args:?}: no note of what decided it: {}", stderr(&o)));
        assert!(note.contains("the CSV's columns do not name"), "{note}");
        for n in named {
            assert!(note.contains(n), "{args:?}: `{n}` not in {note}");
        }
        // The table and JSON forms name the rule sets themselves: no note.
        let json: Vec<&str> = args.iter().map(|a| if *a == "csv" { "json" } else { a }).collect();
        assert!(!stderr(&antq(&json)).contains("decided by"), "{json:?}");
    }
}

/// A typical candidate that only the unit-id order among equals put on its side of the
/// quota's edge (antq's reading [I]) is named in the forms without explained results too:
/// the evaluation table's note column, and a `quota_tie` note beside the review's CSV.
#[test]
fn a_quota_tie_is_named_in_the_table_and_beside_the_csv() {
    let case: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/cases/evaluate/047-typical-min-met-and-quota-per-parent.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let dir = std::env::temp_dir().join(format!("antq-cli-quota-tie-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (data, sup) = (dir.join("d.json"), dir.join("s.json"));
    std::fs::write(&data, case["dataset"].to_string()).unwrap();
    std::fs::write(&sup, case["supplements"][0].to_string()).unwrap();
    let base = ["--rules", "vn.d9745-2022.communes", "--supplement", sup.to_str().unwrap(), "--year", "2023"];
    let table = antq(&[&["evaluate", data.to_str().unwrap()][..], &base].concat());
    assert!(table.status.success(), "{}", stderr(&table));
    let lines = stdout(&table);
    let marked: Vec<&str> =
        lines.lines().filter(|l| l.ends_with("quota tie [I]")).filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(marked, ["C1", "C3"], "{}", stdout(&table));
    let csv = antq(&[&["review", data.to_str().unwrap()][..], &base].concat());
    assert!(csv.status.success(), "{}", stderr(&csv));
    assert!(
        stderr(&csv).contains("[quota_tie] quota tie [I]: 2 typical candidate(s)")
            && stderr(&csv).contains("`C1`, `C3`"),
        "{}",
        stderr(&csv)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The compare table lists changed units; without `--all` it now says how many it leaves
/// out and why (units unchanged, or in only one of the years: KM-AL, dissolved in 2025, was
/// dropped without a word). `--all` and sensitivity's `--top` shape the table only: with
/// CSV or JSON, which list every unit, they are usage errors instead of being ignored.
#[test]
fn compare_says_what_its_table_leaves_out_and_table_only_options_are_refused_elsewhere() {
    let o = antq(&["compare", "--years", "2023", "2025", "sample"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    let v = json(&antq(&["compare", "--years", "2023", "2025", "--format", "json", "sample"]));
    let count = |m: &str| v["units"].as_array().unwrap().iter().filter(|u| u["movement"] == m).count();
    let (same, earlier, later) = (count("same"), count("only_earlier"), count("only_later"));
    assert!(earlier > 0 && later > 0, "the sample has units of one year only");
    let line = format!(
        "… {} units not listed (--all lists them): {same} unchanged, {earlier} only in 2023, {later} only in 2025",
        same + earlier + later
    );
    assert!(s.contains(&line), "{line}\n{s}");
    let all = stdout(&antq(&["compare", "--years", "2023", "2025", "--all", "sample"]));
    assert!(!all.contains("units not listed") && all.contains("KM-AL "), "{all}");
    for bad in [
        &["compare", "--years", "2023", "2025", "--all", "--format", "csv", "sample"][..],
        &["compare", "--years", "2023", "2025", "--all", "--format", "json", "sample"][..],
        &["sensitivity", "--year", "2023", "--top", "3", "--format", "csv", "sample"][..],
    ] {
        let o = antq(bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn an_analysis_argument_out_of_range_is_a_usage_error_naming_the_option() {
    // `--samples 0` exited 3 as an invalid rule set; years out of order were compared
    // backwards ("newly meets" for what was lost) and a year with itself was accepted.
    let d510 = sample("d510-supplement.toml");
    let sens = |more: &[&str]| {
        let mut a = vec!["sensitivity", "--year", "2023", "--supplement", &d510];
        a.extend_from_slice(more);
        a.push("sample");
        antq(&a)
    };
    for (more, want) in [
        (&["--samples", "0"][..], "--samples: 0 samples: between 1 and"),
        (&["--grid", "0"][..], "--grid: 0 steps"),
        (&["--max-range", "101"][..], "--max-range: 101 is over 100"),
        (&["--pass-level", "tot"][..], "--pass-level: no level `tot`"),
    ] {
        let o = sens(more);
        assert_eq!(o.status.code(), Some(2), "{more:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{more:?}: {}", stderr(&o));
    }
    for (years, want) in [(["2025", "2023"], "--years: 2025 then 2023"), (["2023", "2023"], "the same year")] {
        let o = antq(&["compare", "--years", years[0], years[1], "sample"]);
        assert_eq!(o.status.code(), Some(2), "{years:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(want) && o.stdout.is_empty(), "{years:?}: {}", stderr(&o));
    }
}

#[test]
fn stats_and_compare_tables_follow_lang() {
    // Their headers, titles, movements and notes stayed English under `--lang vi`.
    let o = antq(&["--lang", "vi", "stats", "--year", "2023", "sample"]);
    let s = stdout(&o);
    assert!(s.starts_with("Thống kê hoạt động 2023 (kỳ 2022-11-16 – 2023-11-15 [I]"), "{s}");
    assert!(s.contains("đơn vị (tổng") && s.contains("chưa biết, không phải 0"), "{s}");
    assert!(!s.contains("Activity statistics") && !s.contains("records") && !s.contains("unknown, not 0"), "{s}");
    let o = antq(&["--lang", "vi", "compare", "--years", "2023", "2025", "sample"]);
    let s = stdout(&o);
    assert!(s.contains("chuyển biến") && s.contains("mới đạt") && s.contains("theo đơn vị cấp trên"), "{s}");
    assert!(!s.contains("newly meets") && !s.contains("movement") && !s.contains("per parent"), "{s}");
    // The CSV forms keep their machine column names.
    let o = antq(&["--lang", "vi", "stats", "--year", "2023", "sample", "--format", "csv"]);
    assert!(stdout(&o).starts_with("unit,"), "{}", stdout(&o));
}

#[test]
fn every_table_form_follows_lang() {
    // Under `--lang vi` these tables kept English headers and words around Vietnamese values.
    let d510 = sample("d510-supplement.toml");
    let teams = sample("teams-synthetic-2025.json");
    let medal = sample("medal-synthetic.json");
    let cases: [(Vec<&str>, &[&str], &[&str]); 6] = [
        (
            vec!["evaluate", "--year", "2023", "sample"],
            &["đơn vị", "kết quả", "ghi chú", "không đạt CW-4", "thiếu ", "đơn vị · bộ tiêu chí vn.c124-2021"],
            &["outcome", "fails ", " missing", "units · rule set"],
        ),
        (
            vec![
                "impact",
                "--rules",
                "vn.c124-2021",
                "--param",
                "quota_per_parent=1",
                "--vs",
                "vn.d9745-2022.communes",
                "--year",
                "2023",
                "sample",
            ],
            &["gốc:", "nguyên nhân", "tăng / giảm"],
            &["base:", "cause", "up / down"],
        ),
        (
            vec!["sensitivity", "--year", "2023", "--supplement", &d510, "--top", "1", "sample"],
            &["mẫu ngẫu nhiên", "hạng trong cấp trên", "còn ", "tỷ lệ đơn vị đạt mức"],
            &["random samples", "rank in parent", "more units", "share of units", "mean "],
        ),
        (
            vec!["whatif", "--year", "2023", "NS-HP"],
            &["bộ tiêu chí vn.c124-2021", "năm 2023 · tính đến ngày 2023-11-15 · 1 đơn vị"],
            &["rule set", "unit(s)"],
        ),
        (vec!["teams", &teams], &["Tổ bảo vệ an ninh, trật tự ở cơ sở 2025", "xếp loại"], &["Grassroots", "reasons"]),
        (vec!["medal", &medal], &["kết quả", "lý do"], &["outcome", "reasons"]),
    ];
    for (args, want, not) in cases {
        let mut a = vec!["--lang", "vi"];
        a.extend(args.iter().copied());
        let o = antq(&a);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let s = stdout(&o);
        for w in want {
            assert!(s.contains(w), "{args:?} lacks {w:?}: {s}");
        }
        for w in not {
            assert!(!s.contains(w), "{args:?} has {w:?}: {s}");
        }
    }
}

/// `explain` and `whatif` answer for every unit they can and name every one they cannot,
/// then fail with `unknown_unit`'s exit code (6): the first unknown id stopped them, so
/// the units after it were never explained or planned and the later unknown ids never named.
#[test]
fn explain_and_whatif_go_on_past_unknown_units_and_name_each() {
    for (command, shown) in [("explain", "KM-AL — "), ("whatif", "KM-AL ")] {
        let o = antq(&[command, "--year", "2023", "KM-TT", "NOPE", "KM-AL", "NOPE2"]);
        assert_eq!(o.status.code(), Some(6), "{command}: {}", stderr(&o));
        let (out, err) = (stdout(&o), stderr(&o));
        assert!(out.contains("KM-TT") && out.contains(shown), "{command}: {out}");
        for id in ["NOPE", "NOPE2"] {
            assert!(err.contains(&format!("error[unknown_unit]: unit `{id}`: not in the dataset")), "{command}: {err}");
        }
    }
    // JSON lists the plans made.
    let o = antq(&["whatif", "--year", "2023", "--format", "json", "NOPE", "KM-TT"]);
    assert_eq!(o.status.code(), Some(6), "{}", stderr(&o));
    let w: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(w["plans"].as_array().unwrap().len(), 1);
}

/// `whatif`, `impact` and `sensitivity` take the evaluation options of `evaluate` (one
/// shared set): `--as-of` (named in the output), `--allow-as-of-outside-year`,
/// `--allow-outside-period` and `--lenient-vocabulary`; each was an unknown argument
/// (exit 2) and the analyses ran on the default date only.
#[test]
fn the_analyses_take_the_evaluation_options() {
    let supplement = sample("d510-supplement.toml");
    let runs: [&[&str]; 3] = [
        &["whatif", "--year", "2023", "NS-HP"],
        &["impact", "--rules", "vn.c124-2021", "--vs", "vn.c124-2021", "--year", "2023", "sample"],
        &["sensitivity", "--year", "2023", "--samples", "5", "--supplement", &supplement, "sample"],
    ];
    for args in runs {
        let with = |extra: &[&str]| antq(&[args, extra].concat());
        let o = with(&["--as-of", "2023-06-30"]);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("as of 2023-06-30"), "{args:?}: {}", stdout(&o));
        let o = with(&[]);
        assert!(stdout(&o).contains("as of 2023-11-"), "{args:?}: {}", stdout(&o));
        let o = with(&["--as-of", "2024-06-30"]);
        assert_eq!(o.status.code(), Some(9), "{args:?}: {}", stderr(&o));
        let o = with(&["--as-of", "2024-06-30", "--allow-as-of-outside-year"]);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("the reference date 2024-06-30 is outside the 2023 review"), "{}", stderr(&o));
        // JSON has no place for the date: noted.
        let o = with(&["--as-of", "2023-06-30", "--format", "json"]);
        assert!(stderr(&o).contains("reference date 2023-06-30"), "{args:?}: {}", stderr(&o));
    }
    let o = antq(&["whatif", "--rules", "vn.c124-2021", "--year", "2026", "KM-TT"]);
    assert_eq!(o.status.code(), Some(9), "{}", stderr(&o));
    let o = antq(&["whatif", "--rules", "vn.c124-2021", "--year", "2026", "--allow-outside-period", "KM-TT"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("outside its period of application, as explicitly allowed"), "{}", stderr(&o));
}

/// The points items of the sample's supplement are read by no rule set antq knows without
/// it: an error, unless `--lenient-vocabulary`, which notes each key (as `evaluate` does).
#[test]
fn the_analyses_take_the_lenient_vocabulary() {
    let runs: [&[&str]; 4] = [
        &["whatif", "--rules", "vn.d510-2022", "--year", "2023", "CL-CQ01"],
        &["impact", "--rules", "vn.d510-2022", "--vs", "vn.d510-2022", "--year", "2023", "sample"],
        &["sensitivity", "--year", "2023", "--samples", "5", "sample"],
        &["compare", "--rules", "vn.d510-2022", "--years", "2023", "2025", "sample"],
    ];
    for args in runs {
        let o = antq(args);
        assert_eq!(o.status.code(), Some(4), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("[unknown_key]"), "{args:?}");
        let o = antq(&[args, &["--lenient-vocabulary"]].concat());
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("[unknown_key] points item `SAMPLE-AE-10`"), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("kept unused (lenient vocabulary)"), "{args:?}: {}", stderr(&o));
    }
}

/// `compare` reviews each year on its own reference date, named beside its rule set; one
/// `--as-of` cannot be in both years' reviews, so it is not an option of `compare`.
#[test]
fn compare_names_each_years_reference_date_and_takes_no_as_of() {
    let o = antq(&["compare", "--years", "2023", "2025", "sample"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("· as of 2023-11-15") && out.contains("· as of 2025-11-15"), "{out}");
    let o = antq(&["compare", "--years", "2023", "2025", "--as-of", "2023-06-30", "sample"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// The analyses note the lints of the evaluations they run, as `evaluate` notes its own:
/// an incident of a category no criterion counts for its unit (school violence recorded for
/// a residential area, shared case 155) was passed over without a word by `whatif`,
/// `impact`, `sensitivity` and `compare` (only `unknown_key` was noted, and only with
/// `--lenient-vocabulary`).
#[test]
fn the_analyses_note_their_evaluations_lints() {
    let data = std::env::temp_dir().join(format!("antq-cli-analysis-lints-{}.json", std::process::id()));
    std::fs::write(
        &data,
        r#"{"format_version": 1,
 "units": [
  {"id": "C", "name": "Xã", "kind": "commune", "subkind": "xa"},
  {"id": "R", "name": "Thôn R", "kind": "residential_area", "subkind": "thon", "parent": "C"}
 ],
 "evidence": [{"unit": "R", "year": 2023, "attested": {"RA-2": "yes"}}],
 "incidents": [{"unit": "R", "date": "2023-05-01", "category": "school_violence"}]}"#,
    )
    .unwrap();
    let f = data.to_str().unwrap();
    let runs: [&[&str]; 5] = [
        &["evaluate", "--year", "2023", f],
        &["whatif", "--year", "2023", "--data", f, "R"],
        &["impact", "--rules", "vn.c124-2021", "--vs", "vn.d510-2022", "--year", "2023", f],
        &["sensitivity", "--year", "2023", "--samples", "5", f],
        &["compare", "--years", "2022", "2023", f],
    ];
    for args in runs {
        for format in ["table", "json"] {
            let o = antq(&[args, &["--format", format]].concat());
            assert!(o.status.success(), "{args:?}: {}", stderr(&o));
            let err = stderr(&o);
            assert!(
                err.contains("antq: note: unit `R`: [unused_category]")
                    && err.contains("`school_violence` (1; first: unit `R`)"),
                "{args:?} {format}: {err}"
            );
        }
    }
    // Two evaluations: each one's lints (compare's earlier year has no evidence), a lint
    // both share noted once.
    let err = stderr(&antq(&["compare", "--years", "2022", "2023", f]));
    assert!(err.contains("[no_evidence] no evidence record of 2022"), "{err}");
    assert_eq!(err.matches("[unused_category]").count(), 1, "{err}");
    let err = stderr(&antq(&["impact", "--rules", "vn.c124-2021", "--vs", "vn.d510-2022", "--year", "2023", f]));
    assert!(err.contains("not counted") && err.contains("of `vn.d510-2022` counts"), "{err}");
    // The sample's unread keys, without `--lenient-vocabulary` too.
    let o = antq(&["whatif", "--year", "2023", "NS-HP"]);
    assert!(stderr(&o).contains("[unused_key]"), "{}", stderr(&o));
    // In the language of `--lang`: the lints and the synthetic-data note, marker and codes kept.
    let err = stderr(&antq(&["--lang", "vi", "whatif", "--year", "2023", "NS-HP"]));
    assert!(err.contains("antq: note: [unused_key] 33 khóa xác nhận được `vn.d9745-2022.communes` đọc"), "{err}");
    assert!(err.contains("antq: note: bộ dữ liệu là bộ mẫu kèm theo"), "{err}");
    assert!(err.contains("antq: note: đơn vị `CL-LL-GD03`: [unused_indicator]"), "{err}");
    assert!(!err.contains("attested key") && !err.contains("the bundled sample"), "{err}");
    let err = stderr(&antq(&["--lang", "vi", "compare", "--years", "2022", "2023", f]));
    assert!(err.contains("[no_evidence] không có bản ghi số liệu nào của năm 2022"), "{err}");
    let _ = std::fs::remove_file(&data);
}
