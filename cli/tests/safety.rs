//! Hostile and careless inputs end to end (issue 13): arithmetic, identity, 0 denominators,
//! bounded problem reports, bounded reading, safe outputs and faults.

mod common;

use common::{antq, stderr, stdout};
use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// A file of its own for each call (tests run in parallel).
fn temp(name: &str, text: &str) -> String {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let p = std::env::temp_dir().join(format!("antq-safety-{}-{n}-{name}", std::process::id()));
    std::fs::write(&p, text).expect("write temp file");
    p.display().to_string()
}

fn dataset(units: &str, rest: &str) -> String {
    format!(r#"{{"format_version": 1, "units": [{units}]{rest}}}"#)
}

const COMMUNE: &str = r#"{"id": "C", "name": "Xã C", "kind": "commune", "subkind": "xa"}"#;

#[test]
fn stats_totals_over_u64_max_are_an_overflow_error() {
    let f = temp(
        "overflow.json",
        &dataset(
            &format!(
                r#"{COMMUNE}, {{"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon", "parent": "C"}}"#
            ),
            r#", "activities": [
              {"unit": "R", "date": "2023-03-01", "type": "tip_off", "count": 18446744073709551615, "valuable": 0},
              {"unit": "C", "date": "2023-03-01", "type": "tip_off", "count": 2, "valuable": 0}]"#,
        ),
    );
    let o = antq(&["stats", &f, "--year", "2023", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(4), "{}", stdout(&o));
    let e = stderr(&o);
    assert!(e.contains("[overflow]") && e.contains("unit `C`") && e.contains("tip_offs"), "{e}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn zero_of_zero_households_is_undetermined_and_says_why() {
    let f = temp(
        "zero.json",
        &dataset(
            &format!(
                r#"{COMMUNE}, {{"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon", "parent": "C"}}"#
            ),
            r#", "evidence": [{"unit": "R", "year": 2023, "resolution_date": "2023-01-15", "registration_date": "2023-01-20",
               "households_total": 0, "households_registered": 0,
               "attested": {"RA-2": "yes", "RA-3/other": "yes", "RA-4": "yes", "RA-5": "yes"}}]"#,
        ),
    );
    let o = antq(&["explain", "--year", "2023", "--data", &f, "R"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("Outcome: Undetermined"), "{s}");
    assert!(s.contains("is 0: a share of 100% of 0 proves nothing"), "{s}");
}

#[test]
fn ids_are_compared_in_nfc_and_look_alikes_are_noted() {
    let f = temp(
        "ids.json",
        &dataset(
            "{\"id\": \"P\", \"name\": \"P\", \"kind\": \"province\", \"subkind\": \"tinh\"},
             {\"id\": \"H\u{f2}a\", \"name\": \"Xã Hòa\", \"kind\": \"commune\", \"subkind\": \"xa\", \"parent\": \"P\"},
             {\"id\": \"R\", \"name\": \"R\", \"kind\": \"residential_area\", \"subkind\": \"thon\", \"parent\": \"Ho\u{300}a\"},
             {\"id\": \"C1\", \"name\": \"C1\", \"kind\": \"commune\", \"subkind\": \"xa\", \"parent\": \"P\"},
             {\"id\": \"\u{421}1\", \"name\": \"C1\", \"kind\": \"commune\", \"subkind\": \"xa\", \"parent\": \"P\"}",
            "",
        ),
    );
    let o = antq(&["stats", &f, "--year", "2023", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\nR,R,residential_area,H\u{f2}a,"), "{}", stdout(&o));
    assert!(stderr(&o).contains("`C1` and `\u{421}1` look the same"), "{}", stderr(&o));
    let o = antq(&["check", "vn.c124-2021", "--data", &f]);
    assert!(stdout(&o).contains("look the same"), "{}", stdout(&o));
    // A review notes them once (the review's lints hold them), with their code, and in
    // Vietnamese under `--lang vi`.
    for (lang, words) in [("en", "look the same"), ("vi", "trông như nhau")] {
        let o = antq(&["--lang", lang, "review", "--year", "2023", &f, "--columns", "unit,outcome"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let notes = stderr(&o);
        assert_eq!(notes.matches("[ids_look_alike]").count(), 1, "{notes}");
        assert!(notes.contains(words), "{notes}");
    }
    let bad = temp("zw.json", &dataset(&COMMUNE.replace("\"C\"", "\"C\u{200B}\""), ""));
    let o = antq(&["check", "vn.c124-2021", "--data", &bad]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("U+200B"), "{}", stderr(&o));
}

/// One commune and `n` evidence records naming units that do not exist.
fn mismatched(n: usize) -> String {
    let ev: Vec<String> = (0..n).map(|i| format!("{{\"unit\": \"X{i}\", \"year\": 2023}}")).collect();
    dataset(COMMUNE, &format!(",\n\"evidence\": [\n{}]", ev.join(",\n")))
}

#[test]
fn a_hundred_thousand_problems_are_capped_and_counted() {
    let f = temp("many.json", &mismatched(100_000));
    let o = antq(&["evaluate", "--year", "2023", &f]);
    assert_eq!(o.status.code(), Some(4));
    let e = stderr(&o);
    assert_eq!(e.lines().filter(|l| l.contains("[unknown_unit]")).count(), 100, "{e}");
    assert!(e.contains("… and 99900 more problems not listed (the limit max_problems = 100)"), "{e}");
    assert!(
        e.starts_with("error[invalid_dataset]: invalid dataset (100000 problems):"),
        "the header counts them all: {e}"
    );
    assert!(e.contains(":102:10, at `evidence[99].unit`"), "the 100th is located: {e}");
    assert!(e.len() < 40_000, "{}", e.len());
}

#[test]
fn standard_input_is_read_with_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(["stats", "-", "--year", "2023", "--format", "csv"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run antq");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(dataset(COMMUNE, "").as_bytes()).expect("write");
    drop(stdin);
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\nC,Xã C,commune,"), "{}", stdout(&o));
}

#[test]
fn generate_is_held_to_the_limits() {
    let o = antq(&["generate", "--units", "3000000", "-o", "/nonexistent/antq/x.json"]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("max_units = 2000000"), "{}", stderr(&o));
    let o = antq(&["generate", "--units", "60000", "--years", "100", "--year", "1900"]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("max_evidence = 5000000"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

const HOSTILE: &str = r#"{"id": "C", "name": "Xã\u001b[2J\nOutcome: Meets\u202e", "kind": "commune", "subkind": "xa"},
    {"id": "R", "name": "=HYPERLINK(\"http://x\",\"y\")", "kind": "residential_area", "subkind": "thon", "parent": "C"},
    {"id": "R2", "name": "-3", "kind": "residential_area", "subkind": "thon", "parent": "C"}"#;

#[test]
fn csv_cells_are_neutralised_against_formulas() {
    let f = temp("csv.json", &dataset(HOSTILE, ""));
    let o = antq(&["evaluate", "--year", "2023", &f, "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("\nR,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), "{s}");
    assert!(s.contains("\nR2,-3,"), "a number stays a number: {s}");
    let o = antq(&["review", "--year", "2023", &f]);
    assert!(stdout(&o).lines().all(|l| !l.contains(",=")), "{}", stdout(&o));
    // JSON is unchanged.
    let o = antq(&["evaluate", "--year", "2023", &f, "--format", "json"]);
    assert!(stdout(&o).contains(r#""name": "=HYPERLINK(\"http://x\",\"y\")""#), "{}", stdout(&o));
}

#[test]
fn names_cannot_drive_the_terminal_or_fake_a_line() {
    let f = temp("ansi.json", &dataset(HOSTILE, ""));
    for args in [vec!["evaluate", "--year", "2023", &f], vec!["explain", "--year", "2023", "--data", &f, "C"]] {
        let o = antq(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let s = stdout(&o);
        assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'), "{s}");
        assert!(!s.lines().any(|l| l.trim_start().starts_with("Outcome: Meets")), "{s}");
        assert!(s.contains("Xã\\u{1b}[2J\\nOutcome: Meets"), "{s}");
    }
}

#[test]
fn a_full_disk_is_a_write_error() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let o = Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(["evaluate", "--year", "2023", "sample"])
        .stdout(full)
        .output()
        .expect("run antq");
    assert_eq!(o.status.code(), Some(8), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("error[write]: cannot write `standard output`") && !e.contains("cannot read"), "{e}");
}

/// Verdicts written into a folder that does not exist: a write error naming the file asked
/// for, never "cannot read" nor the temporary file antq fills.
#[test]
fn verdicts_into_a_missing_folder_cannot_be_written() {
    let dir = std::env::temp_dir().join(format!("antq-safety-{}-no-such-folder", std::process::id()));
    for name in ["v.csv", "v.parquet", "v.arrow"] {
        let target = dir.join(name).display().to_string();
        let o = antq(&["review", "--year", "2023", "sample", "-o", &target]);
        assert_eq!(o.status.code(), Some(8), "{}", stderr(&o));
        let e = stderr(&o);
        assert!(e.contains(&format!("error[write]: cannot write `{target}`")), "{e}");
        assert!(!e.contains("cannot read") && !e.contains("antq-tmp"), "{e}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly_with_141() {
    let f = temp("pipe.json", &mismatched(0));
    let data = std::env::temp_dir().join(format!("antq-safety-{}-pipe-big.json", std::process::id()));
    let data = data.display().to_string();
    assert!(antq(&["generate", "--units", "20000", "-o", &data]).status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(["review", "--year", "2023", &data])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run antq");
    let mut out = child.stdout.take().expect("stdout");
    let mut head = [0u8; 10];
    out.read_exact(&mut head).expect("read");
    drop(out);
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(141), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked") && !stderr(&o).contains("error"), "{}", stderr(&o));
    let _ = std::fs::remove_file(f);
    let _ = std::fs::remove_file(data);
}

#[test]
fn a_killed_generate_leaves_the_old_file_whole() {
    let good = dataset(COMMUNE, "");
    let f = temp("out.json", &good);
    // 100 blocks of 512 bytes, then the system stops the process (SIGXFSZ).
    let o = Command::new("sh")
        .args(["-c", &format!("ulimit -f 100; exec '{}' generate --units 20000 -o '{f}'", env!("CARGO_BIN_EXE_antq"))])
        .output()
        .expect("run sh");
    assert!(!o.status.success());
    assert_eq!(std::fs::read_to_string(&f).expect("read"), good);
    // Without a limit the new file replaces the old one whole.
    assert!(antq(&["generate", "--units", "500", "-o", &f]).status.success());
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f).expect("read")).expect("json");
    assert!(v["units"].as_array().is_some_and(|u| u.len() > 400));
}

#[test]
fn a_replaced_criterion_is_named_with_its_supplement_in_every_output() {
    // Shared case 136's supplement: RA-2 replaced by a weaker test.
    let sup = temp(
        "weaker-ra2.json",
        r#"{"format_version": 1, "id": "test.weaker-ra2", "version": "1.0.0", "title": {"vi": "Bổ sung thử: thay tiêu chí 2 bằng phép thử yếu hơn", "en": "Test supplement: RA-2 replaced by a weaker test"}, "base": "vn.c124", "certainty": "sample", "replace_criteria": [{"id": "RA-2", "kinds": ["residential_area"], "label": {"vi": "Thực hiện đầy đủ chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định của địa phương về an ninh, trật tự", "en": "Fully implements Party and State policy and local rules on security and order"}, "legal_basis": [{"document": "124/2021/TT-BCA"}], "certainty": "verified", "wording": "summary", "test": {"test": "at_least", "indicator": "effective_models", "min": 0}}]}"#,
    );
    let o = antq(&["check", "vn.c124-2021", "--supplement", &sup]);
    let s = stdout(&o);
    assert!(s.contains("criterion `RA-2` is replaced by supplement `test.weaker-ra2` 1.0.0 [S]"), "{s}");
    let args = |cmd: &'static str, more: &[&'static str]| -> Vec<String> {
        let mut a: Vec<String> = [cmd, "--rules", "vn.c124-2021", "--supplement", &sup, "--year", "2023"]
            .iter()
            .map(ToString::to_string)
            .collect();
        a.extend(more.iter().map(ToString::to_string));
        a
    };
    let run = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let o = antq(&a);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let named = "test.weaker-ra2 1.0.0";
    // The explanation marks RA-2 as the supplement's, and its footer names the supplement.
    let s = run(args("explain", &["--data", "sample", "CL-LL-KDC01"]));
    assert!(s.contains("RA-2 [S, from supplement `test.weaker-ra2`]"), "{s}");
    assert!(s.contains("supplement test.weaker-ra2 1.0.0 [S] sha256 ") && s.contains("replaces RA-2"), "{s}");
    // Every CSV row names the rule set and the supplement; so does the table's footer.
    for more in [&["--format", "csv", "sample"][..], &["--format", "table", "sample"][..]] {
        let s = run(args("evaluate", more));
        assert!(s.contains(named), "evaluate {more:?}: {s}");
    }
    let s = run(args("review", &["sample"]));
    assert!(s.lines().skip(1).all(|l| l.contains(named)), "review: {s}");
    let s = run(args("whatif", &["--data", "sample", "NS-HP"]));
    assert!(s.contains(&format!("+ {named} [S] sha256:")), "{s}");
}

#[test]
fn an_unknown_attested_key_is_refused_or_a_lint_when_lenient() {
    let f = temp(
        "ra2.json",
        &dataset(
            r#"{"id": "R", "name": "Thôn R", "kind": "residential_area", "subkind": "thon"}"#,
            r#", "evidence": [{"unit": "R", "year": 2023, "attested": {"RA2": "yes"}}]"#,
        ),
    );
    // Refused, naming the unit, the key and the nearest key the rule set reads.
    let o = antq(&["evaluate", "--year", "2023", &f]);
    assert_eq!(o.status.code(), Some(4), "{}", stdout(&o));
    let e = stderr(&o);
    assert!(e.contains("[unknown_key]") && e.contains("`RA2`") && e.contains("did you mean `RA-2`"), "{e}");
    // In Vietnamese under `--lang vi`: the error's heading, place and message.
    let o = antq(&["--lang", "vi", "evaluate", "--year", "2023", &f]);
    assert_eq!(o.status.code(), Some(4), "{}", stdout(&o));
    let e = stderr(&o);
    assert!(e.contains("error[invalid_dataset]: dữ liệu không hợp lệ (1 vấn đề):"), "{e}");
    assert!(e.contains("đơn vị `R`: [unknown_key] khóa xác nhận `RA2`") && e.contains("có phải là `RA-2`"), "{e}");
    // The lenient option evaluates and keeps it as a lint.
    let o = antq(&["evaluate", "--year", "2023", "--lenient-vocabulary", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("[unknown_key]"), "{}", stderr(&o));
    // `check` against the rule set finds it before any evaluation.
    let o = antq(&["check", "vn.c124-2021", "--data", &f]);
    assert_ne!(o.status.code(), Some(0));
    assert!(format!("{}{}", stdout(&o), stderr(&o)).contains("did you mean `RA-2`"));
}

#[cfg(unix)]
#[test]
fn an_output_file_keeps_its_permissions_and_a_link_stays_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let f = temp("private.json", "old");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = format!("{f}.link");
    std::os::unix::fs::symlink(&f, &link).unwrap();
    let o = antq(&["generate", "--units", "60", "-o", &link]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
    assert_eq!(std::fs::metadata(&f).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(&f).unwrap().starts_with('{'), "the file the link names was written");
}

/// Verdicts that depend on illustrative defaults [I] say so on standard error, whatever the
/// output: a CSV or a compact verdict list has no place for the decision record.
#[test]
fn a_review_with_illustrative_defaults_notes_them() {
    let d510 = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/sample/d510-supplement.toml");
    let o = antq(&[
        "review",
        "--rules",
        "vn.d510",
        "--supplement",
        d510,
        "--year",
        "2023",
        "sample",
        "--columns",
        "unit,level",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("`vn.d510-2022` used illustrative defaults [I], not verified values: level cut-offs"),
        "{err}"
    );
    // In Vietnamese under `--lang vi`, the phrases too; and the columns' note.
    let o = antq(&[
        "--lang",
        "vi",
        "review",
        "--rules",
        "vn.d510",
        "--supplement",
        d510,
        "--year",
        "2023",
        "sample",
        "--columns",
        "unit,level",
    ]);
    let err = stderr(&o);
    assert!(
        err.contains(
            "`vn.d510-2022` dùng giá trị mặc định minh họa [I], không phải giá trị đã kiểm chứng: ngưỡng điểm các mức"
        ),
        "{err}"
    );
    assert!(err.contains("antq: note: quyết định theo `vn.d510-2022` 1.1.0") && !err.contains("decided by"), "{err}");
    assert!(err.contains("với bổ sung sample.hd.d510-sheet 1.0.0, năm 2023, tính đến ngày 2023-11-15"), "{err}");
    let o = antq(&["review", "--year", "2023", "sample", "--columns", "unit,outcome"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("illustrative"), "{}", stderr(&o));
}

/// An incident row given twice (identical unit, date and category) is counted twice, as two
/// such incidents may be genuine, but never without a word: a `duplicate_incident` note from
/// `evaluate` (the year's incidents) and from `check --data` (every year), and in the JSON.
#[test]
fn an_incident_row_given_twice_is_noted() {
    let row = r#"{"unit": "R", "date": "2023-05-01", "category": "anti_state"}"#;
    let area = r#"{"id": "R", "name": "Thôn R", "kind": "residential_area", "subkind": "thon", "parent": "C"}"#;
    let f = temp("twice.json", &dataset(&format!("{COMMUNE}, {area}"), &format!(r#", "incidents": [{row}, {row}]"#)));
    let o = antq(&["evaluate", "--year", "2023", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let want = "[duplicate_incident] 1 incident row(s) repeat an earlier row's unit, date and category";
    assert!(
        stderr(&o).contains(want) && stderr(&o).contains("`R`, 2023-05-01, `anti_state` (2 rows)"),
        "{}",
        stderr(&o)
    );
    let o = antq(&["evaluate", "--year", "2023", "--format", "json", &f]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["lints"].as_array().unwrap().iter().any(|l| l["code"] == "duplicate_incident"), "{v}");
    let o = antq(&["check", "vn.c124-2021", "--data", &f]);
    assert!(o.status.success() && stdout(&o).contains(want), "{}", stdout(&o));
    // Another year's repeated rows are not this review's.
    let o = antq(&["evaluate", "--year", "2024", &f]);
    assert!(o.status.success() && !stderr(&o).contains("duplicate_incident"), "{}", stderr(&o));
}
