//! The `antq` command end to end: outputs and exit codes.

mod common;

use common::{antq, stderr, stdout};

/// A file of its own for each call: tests run in parallel and may use the same name.
fn temp(name: &str, text: &str) -> String {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let p = std::env::temp_dir().join(format!("antq-cli-test-{}-{n}-{name}", std::process::id()));
    std::fs::write(&p, text).expect("write temp file");
    p.display().to_string()
}

#[test]
fn demo_prints_the_labelled_sample_report() {
    let o = antq(&["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("SYNTHETIC SAMPLE DATA"));
    assert!(s.contains("NS-HP") && s.contains("17 of 25"), "{s}");
    assert!(s.contains("Typical (rank 1)"));
    // Who recognises a commune is [P] before the reform and [I] after: never shown unmarked.
    let marks: Vec<&str> = s
        .lines()
        .filter(|l| l.trim_start().starts_with("CL-SD ") && l.contains("units recognised"))
        .map(|l| l.rsplit(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(marks, ["[P]", "[I]"], "{s}");
}

#[test]
fn evaluate_writes_csv_with_one_row_per_unit() {
    let o = antq(&["evaluate", "--year", "2023", "sample", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.starts_with("unit,name,kind,"));
    assert!(s.lines().any(|l| l.starts_with("NS-HP,") && l.contains(",does_not_meet,")), "{s}");
}

#[test]
fn malformed_dataset_exits_4_naming_the_place() {
    let f = temp(
        "bad.json",
        r#"{"format_version":1,"units":[{"id":"A","name":"x","kind":"commune","subkind":"xa","parnt":"B"}]}"#,
    );
    let o = antq(&["evaluate", "--year", "2023", &f]);
    assert_eq!(o.status.code(), Some(4));
    let e = stderr(&o);
    assert!(e.contains("error[invalid_dataset]") && e.contains(":1:") && e.contains("units[0].parnt"), "{e}");
}

#[test]
fn malformed_rules_exit_3_and_unknown_things_exit_6() {
    let f = temp("bad-rules.json", r#"{"format_version": 1, "id": 3}"#);
    let o = antq(&["check", &f]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_eq!(antq(&["check", "vn.nope"]).status.code(), Some(6));
    let o = antq(&["explain", "--year", "2025", "KM"]);
    assert_eq!(o.status.code(), Some(6));
    assert!(stderr(&o).contains("KM"));
}

#[test]
fn explain_and_whatif_say_why_a_unit_has_no_result() {
    // KM-AL was dissolved on 2025-06-30: the error says so, where it said "not evaluated".
    for cmd in ["explain", "whatif"] {
        let o = antq(&[cmd, "--year", "2025", "KM-AL"]);
        assert_eq!(o.status.code(), Some(6), "{cmd}");
        let e = stderr(&o);
        assert!(
            e.contains("KM-AL") && e.contains("ended on 2025-06-30, before the reference date 2025-"),
            "{cmd}: {e}"
        );
    }
    let o = antq(&["explain", "--year", "2023", "--rules", "vn.d9745-2022.communes", "CL-SD-KDC01"]);
    assert_eq!(o.status.code(), Some(6));
    assert!(stderr(&o).contains("it is a residential_area"), "{}", stderr(&o));
}

#[test]
fn explain_and_whatif_need_the_year() {
    // They evaluated 2023 when no year was given, as no other command does.
    for cmd in ["explain", "whatif"] {
        let o = antq(&[cmd, "KM-TT"]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        assert!(stderr(&o).contains("--year"), "{cmd}: {}", stderr(&o));
    }
}

#[test]
fn results_on_synthetic_data_say_so() {
    // Nothing in a table, CSV or explanation showed that the (default) data was made up.
    for args in [
        &["explain", "--year", "2023", "KM-TT"][..],
        &["whatif", "--year", "2023", "NS-HP"],
        &["evaluate", "--year", "2023", "sample"],
        &["review", "--year", "2023", "sample"],
        &["stats", "--year", "2023", "sample"],
    ] {
        let o = antq(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("the dataset is the bundled sample, marked synthetic"), "{args:?}: {}", stderr(&o));
    }
    let f =
        temp("real.json", r#"{"format_version":1,"units":[{"id":"C","name":"n","kind":"commune","subkind":"xa"}]}"#);
    let o = antq(&["evaluate", "--year", "2023", &f]);
    assert!(o.status.success() && !stderr(&o).contains("synthetic"), "{}", stderr(&o));
}

#[test]
fn the_hierarchy_names_its_date() {
    // The CSV of `hierarchy --year` did not say which day of the year it describes.
    let o = antq(&["hierarchy", "sample", "--year", "2025"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the hierarchy on 2025-11-15 (15 November 2025, the commune review date)"),
        "{}",
        stderr(&o)
    );
    let o = antq(&["hierarchy", "sample", "--as-of", "2025-06-30"]);
    assert!(stderr(&o).contains("the hierarchy on 2025-06-30"), "{}", stderr(&o));
    assert!(stdout(&o).contains("KM-AL,"), "{}", stdout(&o));
}

#[test]
fn a_district_still_existing_in_2025_is_an_error() {
    let f = temp(
        "district.json",
        r#"{"format_version":1,"units":[
            {"id":"P","name":"P","kind":"province","subkind":"tinh"},
            {"id":"D","name":"D","kind":"district","subkind":"huyen","parent":"P"}]}"#,
    );
    let o = antq(&["evaluate", "--year", "2025", &f]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("kind_not_in_year"), "{}", stderr(&o));
}

#[test]
fn section6_commands_read_the_sample_inputs() {
    let teams = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/sample/teams-synthetic-2025.json");
    let o = antq(&["teams", teams, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["year"], 2025);
    let medal = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/sample/medal-synthetic.json");
    assert!(antq(&["medal", medal]).status.success());
}

#[test]
fn medal_and_teams_name_the_instrument_chosen_by_date() {
    let input = |date: &str| {
        format!(
            r#"{{"reference_date": "{date}", "candidates": [{{"id": "S1", "name": "A", "sex": "male",
                "group": "street_guard", "in_post_from": "2000-01-01", "exclusions_checked": true}}]}}"#
        )
    };
    let o = antq(&["medal", &temp("m21.json", &input("2025-04-27"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.starts_with("instrument: vn.medal-2021 2.0.0 [V]") && s.contains("eligible"), "{s}");
    // Without the dossier's confirmation, the exclusions' facts are unknown: never eligible.
    let o = antq(&["medal", &temp("m21u.json", &input("2025-04-27").replace(r#", "exclusions_checked": true"#, ""))]);
    let s = stdout(&o);
    assert!(s.contains("undetermined") && !s.contains(" eligible"), "{s}");
    assert!(s.contains("`already_received` is not given"), "{s}");
    let o = antq(&["medal", &temp("m25.json", &input("2025-04-28"))]);
    let s = stdout(&o);
    assert!(s.starts_with("instrument: vn.medal-2025 1.0.0 [P]"), "{s}");
    assert!(s.contains("not_covered") && s.contains("does not name street guards"), "{s}");
    assert!(s.contains("illustrative parameter: commendation_min_level"), "{s}");
    // CSV stays clean: the instrument goes to stderr.
    let o = antq(&["medal", &temp("m25c.json", &input("2025-04-28")), "--format", "csv"]);
    assert!(stdout(&o).starts_with("id,name,"), "{}", stdout(&o));
    assert!(stderr(&o).contains("vn.medal-2025"));
    let o = antq(&["medal", &temp("bad.json", r#"{"reference_date": "2025-04-28", "candidates": [{"id": 1}]}"#)]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).starts_with("error[invalid_medal_input]"), "{}", stderr(&o));
    let o = antq(&[
        "medal",
        &temp("nif.json", r#"{"reference_date": "2025-04-28", "instrument": "vn.medal-2021", "candidates": []}"#),
    ]);
    assert_eq!(o.status.code(), Some(9));
    assert!(stderr(&o).contains("not_in_force") && stderr(&o).contains("vn.medal-2025"), "{}", stderr(&o));
    let teams = |year: i32| temp("t.json", &format!(r#"{{"year": {year}, "teams": []}}"#));
    assert!(stdout(&antq(&["teams", &teams(2025)])).starts_with("instrument: vn.teams-2024"));
    let s = stdout(&antq(&["teams", &teams(2026)]));
    assert!(s.starts_with("instrument: vn.teams-2026") && s.contains("enlarges"), "{s}");
    let o = antq(&["teams", &temp("tb.json", r#"{"year": 2026}"#)]);
    assert!(stderr(&o).starts_with("error[invalid_team_input]"), "{}", stderr(&o));
}

/// The fields of one CSV line (RFC 4180 quoting, no line breaks inside fields).
fn split_csv(line: &str) -> Vec<String> {
    let (mut fields, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

#[test]
fn review_writes_every_verdict_as_evaluate_decides_it() {
    for rules in ["vn.c124-2021", "phu-tho.hd851-2023.organisations"] {
        let o = antq(&["review", "--rules", rules, "--year", "2023", "sample"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let review = stdout(&o);
        let o = antq(&["evaluate", "--rules", rules, "--year", "2023", "sample", "--format", "csv"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let evaluate = stdout(&o);
        // unit → (outcome, met, of) from both; the review has a column per criterion too.
        let pick = |csv: &str, cols: [&str; 4]| -> Vec<Vec<String>> {
            let mut lines = csv.lines();
            let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
            let at: Vec<usize> = cols.iter().map(|c| header.iter().position(|h| h == c).expect(c)).collect();
            lines.map(split_csv).map(|f| at.iter().map(|&k| f[k].clone()).collect()).collect()
        };
        let (a, b) =
            (pick(&review, ["unit", "outcome", "met", "of"]), pick(&evaluate, ["unit", "outcome", "met", "of"]));
        assert!(a.len() > 100, "{review}");
        assert_eq!(a, b, "{rules}");
    }
    let o = antq(&["review", "--year", "2023", "sample"]);
    let s = stdout(&o);
    assert!(
        s.starts_with(
            "unit,kind,subkind,parent,commune,district,province,outcome,level,rank,met,of,rule_set,supplements,RA-1,"
        ),
        "{s}"
    );
    // Every row names the rule set (version and hash) and supplements that decided it.
    let o = antq(&[
        "review",
        "--rules",
        "vn.d9745-2022.communes",
        "--supplement",
        &format!("{}/../core/sample/typical-supplement.toml", env!("CARGO_MANIFEST_DIR")),
        "--year",
        "2023",
        "sample",
    ]);
    let rows = stdout(&o);
    assert!(
        rows.lines().skip(1).all(|l| l.contains(",vn.d9745-2022.communes 1.1.0 sha256:")
            && l.contains(",sample.hd.typical-2023 1.0.0 sha256:")),
        "{rows}"
    );
    assert!(s.lines().any(|l| l.starts_with("NS-HP,commune,") && l.contains(",does_not_meet,")), "{s}");
}

/// `explain` reads on the reference date it is given, as `review` does, names that date, and
/// notes what the review notes (here the incidents after it, not counted).
#[test]
fn explain_names_its_reference_date_and_the_reviews_notes() {
    let o = antq(&["explain", "--year", "2023", "--as-of", "2023-03-01", "KM-TT"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("year 2023 · as of 2023-03-01 ·"), "{}", stdout(&o));
    assert!(stderr(&o).contains("[unreviewed_evidence]") && stderr(&o).contains("after the reference date 2023-03-01"));
    let o = antq(&["explain", "--year", "2023", "KM-TT"]);
    assert!(stdout(&o).contains("as of 2023-11-15"), "{}", stdout(&o));
    // The same verdict as the review's on that date: its security plan, dated after it but
    // before 31 March, is pending (undetermined, not late).
    let r = antq(&["review", "--year", "2023", "--as-of", "2023-03-01", "--columns", "unit,outcome", "sample"]);
    assert!(stdout(&r).lines().any(|l| l == "KM-TT,undetermined"), "{}", stdout(&r));
    let o = antq(&["explain", "--year", "2023", "--as-of", "2023-03-01", "KM-TT"]);
    assert!(stdout(&o).contains("Outcome: Undetermined"), "{}", stdout(&o));
    assert!(stdout(&o).contains("Security plan date 2023-03-06 is after the reference date 2023-03-01: not known"));
}

/// A reference date outside the year's review, or a rule set outside its period, allowed by
/// the caller, is noted whatever the output (a compact verdict list has no decision record).
#[test]
fn an_allowed_override_is_noted() {
    let o = antq(&[
        "review",
        "--year",
        "2023",
        "--as-of",
        "2027-01-01",
        "--allow-as-of-outside-year",
        "--columns",
        "unit,outcome",
        "sample",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("the reference date 2027-01-01 is outside the 2023 review"), "{}", stderr(&o));
    let o = antq(&[
        "review",
        "--rules",
        "vn.c124-2021",
        "--year",
        "2027",
        "--allow-outside-period",
        "--columns",
        "unit,outcome",
        "sample",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("`vn.c124-2021` applied on 2027-11-15, outside its period of application"),
        "{}",
        stderr(&o)
    );
    let o = antq(&["review", "--year", "2023", "--columns", "unit,outcome", "sample"]);
    assert!(!stderr(&o).contains("outside"), "{}", stderr(&o));
}

/// A compact verdict list as CSV names nothing of what decided it: a note does, on standard
/// error, unless the columns written name the rule set (and its supplements).
#[test]
fn a_compact_verdict_list_notes_what_decided_it() {
    let o = antq(&["review", "--year", "2023", "--columns", "unit,outcome", "sample"]);
    assert!(stderr(&o).contains("antq: note: decided by `vn.c124-2021` 1.1.0 (sha256 "), "{}", stderr(&o));
    assert!(stderr(&o).contains("year 2023, as of 2023-11-15"), "{}", stderr(&o));
    for named in [
        &["review", "--year", "2023", "sample"][..],
        &["review", "--year", "2023", "--columns", "rule_set,unit", "sample"],
    ] {
        assert!(!stderr(&antq(named)).contains("decided by"), "{named:?}");
    }
    let sup = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/sample/typical-supplement.toml");
    let typical = ["review", "--rules", "vn.d9745-2022.communes", "--supplement", sup, "--year", "2023", "--columns"];
    let o = antq(&[&typical[..], &["unit,rule_set", "sample"]].concat());
    assert!(stderr(&o).contains("with sample.hd.typical-2023 1.0.0"), "{}", stderr(&o));
    let o = antq(&[&typical[..], &["unit,rule_set,supplements", "sample"]].concat());
    assert!(!stderr(&o).contains("decided by"), "{}", stderr(&o));
}

/// The statistics' window is an interpretation [I] (no published rule fixes the period of the
/// figures): each form of `stats` carries its mark.
#[test]
fn stats_window_is_marked_inferred_in_every_form() {
    let o = antq(&["stats", "sample", "--year", "2023"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let head = stdout(&o).lines().next().unwrap_or_default().to_owned();
    assert!(head.starts_with("Activity statistics 2023 (window 2022-11-16 – 2023-11-15 [I]: "), "{head}");
    let o = antq(&["stats", "sample", "--year", "2023", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["window_certainty"], "inferred");
    let o = antq(&["stats", "sample", "--year", "2023", "--format", "csv"]);
    assert!(
        stderr(&o)
            .contains("antq: note: activities counted 2022-11-16 – 2023-11-15 [I]: the review window of communes"),
        "{}",
        stderr(&o)
    );
}

/// `stats` tells a unit without activity records (unknown figures) from one that recorded 0:
/// the table prints `–` after its record count of 0, the CSV leaves the figures empty.
#[test]
fn stats_without_records_are_unknown_not_zero() {
    let o = antq(&["stats", "sample", "--year", "2023"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    let row = s.lines().find(|l| l.contains("Công an thành phố Chí Linh")).expect("a unit without records");
    let cells: Vec<&str> = row.split_whitespace().rev().take(10).collect();
    assert_eq!(cells, ["–", "–", "–", "–", "–", "–", "–", "–", "–", "0"], "{row}");
    assert!(s.contains("– no activity record in the window: unknown, not 0."), "{s}");
    let o = antq(&["stats", "sample", "--year", "2023", "--format", "csv"]);
    let csv = stdout(&o);
    let header: Vec<&str> = csv.lines().next().unwrap_or_default().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (records, meetings) = (at("own_records"), at("own_propaganda_meetings"));
    let mut seen = (false, false);
    // Rows whose name holds a comma (quoted) are left out of this plain split.
    for l in csv.lines().skip(1).filter(|l| !l.contains('"')) {
        let c: Vec<&str> = l.split(',').collect();
        match c[records] {
            "0" => (assert_eq!(c[meetings], "", "{l}"), seen.0 = true).1,
            _ => (assert_ne!(c[meetings], "", "{l}"), seen.1 = true).1,
        }
    }
    assert_eq!(seen, (true, true));
}

/// `generate --scale` multiplies the national shape only: without `--national` it is a usage
/// error (clap's `requires = "national"` held with the flag at its default, and the scale was
/// ignored); years crossing the 2025 reform are a usage error saying so, where the error
/// said the first year was outside 1900–2200 (exit 7); years past 2200 are refused.
#[test]
fn generate_refuses_scale_without_national_and_years_across_the_reform() {
    let o = antq(&["generate", "--units", "10", "--scale", "3"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--national"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let o = antq(&["generate", "--units", "10", "--years", "3", "--year", "2024"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("2025 reform") && !e.contains("supported range"), "{e}");
    assert!(o.stdout.is_empty());
    // The years may run to 2200, the last year antq reads, not past it.
    let o = antq(&["generate", "--units", "10", "--years", "3", "--year", "2199"]);
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    assert!(stderr(&o).contains("year 2201"), "{}", stderr(&o));
    let o = antq(&["generate", "--units", "100", "--years", "2", "--year", "2199"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `generate --units` below one commune of the national shape is a usage error naming the
/// minimum, where `--units 0` wrote 3 units (a province, a district, a commune) titled
/// "0 units"; from the minimum up, the title and the summary name the units made.
#[test]
fn generate_refuses_fewer_units_than_it_can_make_and_names_what_it_made() {
    for n in ["0", "1", "51"] {
        let o = antq(&["generate", "--units", n]);
        assert_eq!(o.status.code(), Some(2), "{n}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("--units: {n} is too few: at least 52 units (one commune")),
            "{}",
            stderr(&o)
        );
        assert!(o.stdout.is_empty());
    }
    for n in [52usize, 100] {
        let o = antq(&["generate", "--units", &n.to_string()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let ds: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let made = ds["units"].as_array().unwrap().len();
        assert!(made >= n && made * 100 <= n * 104, "{n} asked, {made} made");
        let title = ds["meta"]["title"].as_str().unwrap();
        assert!(title.contains(&format!(", {made} units,")), "{title}");
        assert!(stderr(&o).contains(&format!("antq: generated {made} units")), "{}", stderr(&o));
    }
}

/// `generate --years 0` and `--national --scale 0` are usage errors, where each was taken as
/// 1 without a word.
#[test]
fn generate_refuses_zero_years_and_zero_scale() {
    let runs: [(&[&str], &str); 3] = [
        (&["generate", "--units", "100", "--years", "0"], "--years"),
        (&["generate", "--national", "--scale", "0"], "--scale"),
        (&["generate", "--national", "--scale", "0", "--years", "2", "--year", "2022"], "--scale"),
    ];
    for (args, option) in runs {
        let o = antq(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(option) && stderr(&o).contains('0'), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
}

/// `stats` names, on standard error, the activities in the window of units that do not exist
/// in it (counted in no total), in every format; the JSON carries them as `lints`.
#[test]
fn stats_note_activities_of_units_not_in_the_window() {
    let root = format!("{}/../core/sample/province.json", env!("CARGO_MANIFEST_DIR"));
    let mut d: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root).unwrap()).unwrap();
    let extra =
        r#"{"unit": "HD-DKKT", "date": "2024-05-01", "type": "propaganda_meeting", "count": 5, "attendees": 100}"#;
    d["activities"].as_array_mut().unwrap().push(serde_json::from_str(extra).unwrap());
    let f = temp("stats-not-in-window.json", &d.to_string());
    for format in ["table", "csv", "json"] {
        let o = antq(&["stats", &f, "--year", "2024", "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stderr(&o)
                .contains("[unreviewed_evidence] 1 activity record(s) dated in the window 2023-11-16 – 2024-11-15"),
            "{format}: {}",
            stderr(&o)
        );
    }
    let o = antq(&["stats", &f, "--year", "2024", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["lints"][0]["code"], "unreviewed_evidence");
    let o = antq(&["stats", "sample", "--year", "2024", "--format", "csv"]);
    assert!(!stderr(&o).contains("unreviewed_evidence"), "{}", stderr(&o));
}

/// `stats` across the 2025 reform names, on standard error in every format and in the
/// JSON's `lints`, the units whose parent changed in the window and the parent each is
/// counted under: `--under KM-AL` showed the dissolved commune without its former children
/// and said nothing of where they went.
#[test]
fn stats_name_units_that_changed_parent_in_the_window() {
    for format in ["table", "csv", "json"] {
        let o = antq(&["stats", "sample", "--year", "2025", "--under", "KM-AL", "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        let e = stderr(&o);
        assert!(e.contains("[parent_changed] 13 unit(s) changed parent within the window"), "{format}: {e}");
        assert!(e.contains("`KM-AL-CQ01` under `KM-PKM` (under `KM-AL` until 2025-06-30)"), "{format}: {e}");
        assert!(e.contains(" and 8 more"), "{format}: {e}");
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
            assert!(v["lints"].as_array().unwrap().iter().any(|l| l["code"] == "parent_changed"), "{v}");
        }
    }
    // 2023: no parent changes in its window.
    let o = antq(&["stats", "sample", "--year", "2023"]);
    assert!(!stderr(&o).contains("parent_changed"), "{}", stderr(&o));
}
