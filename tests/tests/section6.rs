//! Runs every shared case of `cases/section6/` (DOMAIN §6: grassroots security team
//! ranking, the commemorative medal, the festival day) through antq's public API.
//!
//! Expectations are partial: only the keys a case gives are checked, and a key the runner
//! does not know fails the case (so a typo cannot pass silently). Every failing file is
//! reported, not just the first. The format is described in `cases/section6/README.md`.
//! Each case's full result (or error) must also equal its committed result in
//! `cases/results/section6/` (`ANTQ_UPDATE_SNAPSHOTS=1` rewrites them).

use antq::festival::{self, FestivalInput};
use antq::medal::{self, MedalInput};
use antq::teams::{self, RankingInput};
use antq::{Error, Problem};
use antq_conformance::cases_dir;
use antq_conformance::results::{Results, ok_or_error};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::path::Path;

/// The operation a case runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Operation {
    TeamRanking,
    Medal,
    Festival,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    domain_ref: String,
    description: String,
    operation: Operation,
    input: Value,
    expect: Map<String, Value>,
}

/// Failures of one case.
#[derive(Default)]
struct Failures(Vec<String>);

impl Failures {
    fn push(&mut self, msg: impl Into<String>) {
        self.0.push(msg.into());
    }

    /// Compares `actual` with `expected` at `at`.
    fn eq(&mut self, at: &str, expected: &Value, actual: &Value) {
        if expected != actual {
            self.push(format!("{at}: expected {expected}, got {actual}"));
        }
    }

    /// Checks the keys of `expected` against `actual`, refusing keys not in `allowed`.
    fn fields(&mut self, at: &str, expected: &Map<String, Value>, actual: &Map<String, Value>, allowed: &[&str]) {
        for (k, v) in expected {
            if !allowed.contains(&k.as_str()) {
                self.push(format!("{at}: unknown expectation key `{k}` (known: {})", allowed.join(", ")));
            } else {
                self.eq(&format!("{at}.{k}"), v, actual.get(k).unwrap_or(&Value::Null));
            }
        }
    }
}

fn object<'a>(f: &mut Failures, at: &str, v: &'a Value) -> Option<&'a Map<String, Value>> {
    let o = v.as_object();
    if o.is_none() {
        f.push(format!("{at}: expected an object, found {v}"));
    }
    o
}

fn problem_json(p: &Problem) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("code".into(), json!(p.code.as_str()));
    m.insert("path".into(), json!(p.location.path));
    m.insert("message".into(), json!(p.message));
    m
}

/// `expect.error`: `code` (the error's code), `count` (exact) and `problems`, each matched by
/// `code` and `path` (either may be left out), with an optional `message_contains`.
fn check_error(f: &mut Failures, expected: &Value, err: &Error) {
    let Some(e) = object(f, "error", expected) else { return };
    let problems = err.problems();
    let actual: Vec<Map<String, Value>> = problems.iter().map(problem_json).collect();
    for (k, v) in e {
        match k.as_str() {
            "code" => f.eq("error.code", v, &json!(err.code())),
            "message_contains" => {
                if !v.as_str().is_some_and(|w| err.to_string().contains(w)) {
                    f.push(format!("error.message_contains: {v} not in `{err}`"));
                }
            }
            "count" => f.eq("error.count", v, &json!(problems.len())),
            "problems" => {
                let Some(list) = v.as_array() else {
                    f.push("error.problems: expected an array");
                    continue;
                };
                for (i, want) in list.iter().enumerate() {
                    let at = format!("error.problems[{i}]");
                    let Some(want) = object(f, &at, want) else { continue };
                    if let Some(bad) = want.keys().find(|k| !["code", "path", "message_contains"].contains(&k.as_str()))
                    {
                        f.push(format!("{at}: unknown expectation key `{bad}`"));
                        continue;
                    }
                    let found = actual.iter().any(|p| {
                        ["code", "path"].iter().all(|k| want.get(*k).is_none_or(|w| p.get(*k) == Some(w)))
                            && want.get("message_contains").is_none_or(|w| {
                                w.as_str().is_some_and(|w| p["message"].as_str().is_some_and(|m| m.contains(w)))
                            })
                    });
                    if !found {
                        f.push(format!("{at}: no problem matches {}; got {:?}", Value::Object(want.clone()), actual));
                    }
                }
            }
            other => f.push(format!("error: unknown expectation key `{other}`")),
        }
    }
}

/// Runs `expect` for an operation that failed or succeeded.
fn expect_outcome<T>(f: &mut Failures, expect: &Map<String, Value>, r: Result<T, Error>) -> Option<T> {
    match (r, expect.get("error")) {
        (Ok(_), Some(_)) => {
            f.push("expected an error, the call succeeded");
            None
        }
        (Err(e), None) => {
            f.push(format!("unexpected error: {e}"));
            None
        }
        (Err(e), Some(want)) => {
            check_error(f, want, &e);
            if let Some(k) = expect.keys().find(|k| *k != "error") {
                f.push(format!("`{k}` expected alongside `error`"));
            }
            None
        }
        (Ok(v), None) => Some(v),
    }
}

fn reasons(r: &[teams::Reason]) -> Value {
    json!(r.iter().map(|r| r.code.as_str()).collect::<Vec<_>>())
}

fn run_team_ranking(f: &mut Failures, input: Value, expect: &Map<String, Value>) {
    // Read from the JSON text, as the surfaces read it: a field left out is the reader's error.
    let ranked = RankingInput::from_str_named("teams.json", &input.to_string()).and_then(|i| teams::rank(&i));
    let Some(r) = expect_outcome(f, expect, ranked) else { return };
    for (k, v) in expect {
        match k.as_str() {
            "window" => f.eq("window", v, &json!({"start": r.window.start, "end": r.window.end})),
            "decided_by" => f.eq("decided_by", v, &serde_json::to_value(r.decided_by).unwrap_or_default()),
            "illustrative" => f.eq("illustrative", v, &json!(r.illustrative)),
            "parameters" => {
                if let (Some(want), Value::Object(got)) =
                    (object(f, "parameters", v), serde_json::to_value(r.parameters).unwrap_or_default())
                {
                    f.fields("parameters", want, &got, &["excellent_cap_percent", "cap_base"]);
                }
            }
            "teams" | "members" => {
                let Some(want) = object(f, k, v) else { continue };
                for (id, w) in want {
                    let at = format!("{k}.{id}");
                    let got = if k == "teams" {
                        r.team(id).map(|t| {
                            json!({"level": t.code(), "months_in_window": t.months_in_window, "reasons": reasons(&t.reasons)})
                        })
                    } else {
                        r.member(id).map(|m| {
                            json!({"level": m.code(), "months_in_window": m.months_in_window, "reasons": reasons(&m.reasons)})
                        })
                    };
                    match (object(f, &at, w), got) {
                        (Some(w), Some(Value::Object(g))) => {
                            f.fields(&at, w, &g, &["level", "months_in_window", "reasons"]);
                        }
                        (Some(_), _) => f.push(format!("{at}: no such result")),
                        (None, _) => {}
                    }
                }
            }
            "caps" => {
                let Some(list) = v.as_array() else {
                    f.push("caps: expected an array");
                    continue;
                };
                for (i, w) in list.iter().enumerate() {
                    let at = format!("caps[{i}]");
                    let Some(w) = object(f, &at, w) else { continue };
                    let (Some(commune), Some(subject)) =
                        (w.get("commune").and_then(Value::as_str), w.get("subject").and_then(Value::as_str))
                    else {
                        f.push(format!("{at}: `commune` and `subject` are required"));
                        continue;
                    };
                    match r.caps.iter().find(|c| c.commune.as_str() == commune && c.subject.as_str() == subject) {
                        None => f.push(format!("{at}: no cap for {commune}/{subject}")),
                        Some(c) => {
                            if let Value::Object(g) = serde_json::to_value(c).unwrap_or_default() {
                                f.fields(
                                    &at,
                                    w,
                                    &g,
                                    &["commune", "subject", "base", "allowed", "proposed_excellent", "lowered"],
                                );
                            }
                        }
                    }
                }
            }
            "instrument" => f.eq("instrument", v, &json!(r.instrument.id)),
            "reference_date" => f.eq("reference_date", v, &json!(r.reference_date)),
            "certainty" => f.eq("certainty", v, &serde_json::to_value(r.certainty).unwrap_or_default()),
            "notes_contain" => {
                for w in v.as_array().into_iter().flatten() {
                    if !w.as_str().is_some_and(|w| r.notes.iter().any(|n| n.en.contains(w))) {
                        f.push(format!("notes_contain: no note contains {w}"));
                    }
                }
            }
            "error" => {}
            other => f.push(format!("unknown expectation key `{other}` for team_ranking")),
        }
    }
}

fn run_medal(f: &mut Failures, input: Value, expect: &Map<String, Value>) {
    let assessed = MedalInput::from_str_named("medal.json", &input.to_string()).and_then(|i| medal::assess_all(&i));
    let Some(results) = expect_outcome(f, expect, assessed) else { return };
    for (k, v) in expect {
        match k.as_str() {
            "candidates" => {
                let Some(want) = object(f, k, v) else { continue };
                for (id, w) in want {
                    let at = format!("candidates.{id}");
                    let Some(w) = object(f, &at, w) else { continue };
                    let Some(a) = results.iter().find(|a| a.id == *id) else {
                        f.push(format!("{at}: no such result"));
                        continue;
                    };
                    for (wk, wv) in w {
                        let at = format!("{at}.{wk}");
                        match wk.as_str() {
                            "outcome" => f.eq(&at, wv, &json!(a.outcome.as_str())),
                            "service_years" => f.eq(&at, wv, &json!(a.service_years)),
                            "required_years" => f.eq(&at, wv, &json!(a.required_years)),
                            "service_days" => f.eq(&at, wv, &json!(a.service_days)),
                            "service_counted_from" => f.eq(&at, wv, &json!(a.service_counted_from)),
                            "instrument" => f.eq(&at, wv, &json!(a.instrument.id)),
                            "illustrative" => f.eq(&at, wv, &json!(a.illustrative)),
                            "certainty" => f.eq(&at, wv, &serde_json::to_value(a.certainty).unwrap_or_default()),
                            "parameters" => f.eq(&at, wv, &serde_json::to_value(a.parameters).unwrap_or_default()),
                            "notes" => f.eq(&at, wv, &json!(a.notes.len())),
                            "failed" => f.eq(&at, wv, &json!(a.failed().map(|c| c.code.as_str()).collect::<Vec<_>>())),
                            "absent_conditions" => {
                                let Some(list) = wv.as_array() else {
                                    f.push(format!("{at}: expected an array"));
                                    continue;
                                };
                                for code in list {
                                    if a.conditions.iter().any(|c| Some(c.code.as_str()) == code.as_str()) {
                                        f.push(format!("{at}: condition {code} was checked"));
                                    }
                                }
                            }
                            "conditions" => {
                                let Some(conds) = object(f, &at, wv) else { continue };
                                for (code, cw) in conds {
                                    let cat = format!("{at}.{code}");
                                    let Some(cw) = object(f, &cat, cw) else { continue };
                                    match a.conditions.iter().find(|c| c.code.as_str() == code) {
                                        None => f.push(format!("{cat}: condition not checked")),
                                        Some(c) => {
                                            let got = json!({"met": c.met, "observed": c.observed,
                                                "threshold": c.threshold, "effect": c.effect.as_str(),
                                                "certainty": c.certainty});
                                            if let Value::Object(g) = got {
                                                f.fields(
                                                    &cat,
                                                    cw,
                                                    &g,
                                                    &["met", "observed", "threshold", "effect", "certainty"],
                                                );
                                            }
                                        }
                                    }
                                }
                            }
                            other => f.push(format!("{at}: unknown expectation key `{other}`")),
                        }
                    }
                }
            }
            "error" => {}
            other => f.push(format!("unknown expectation key `{other}` for medal")),
        }
    }
}

fn run_festival(f: &mut Failures, input: Value, expect: &Map<String, Value>) {
    let input: FestivalInput = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return f.push(format!("input: {e}")),
    };
    let Some(c) = expect_outcome(f, expect, festival::check(input.date, &input.params)) else { return };
    let got = json!({
        "is_festival_day": c.is_festival_day,
        "in_season": c.in_season,
        "festival_day": c.festival_day,
        "season": c.season.map(|w| json!({"start": w.start, "end": w.end})),
        "next_festival_day": c.next_festival_day,
        "illustrative": c.illustrative,
    });
    let mut expect = expect.clone();
    expect.remove("error");
    if let Value::Object(g) = got {
        f.fields(
            "expect",
            &expect,
            &g,
            &["is_festival_day", "in_season", "festival_day", "season", "next_festival_day", "illustrative"],
        );
    }
}

/// The whole result of a case (or its error) as the committed results hold it. The input
/// is read from its JSON text as the surfaces read a document or an object.
fn full_result(case: &Case) -> Value {
    let text = case.input.to_string();
    match case.operation {
        Operation::TeamRanking => {
            ok_or_error(&teams::RankingInput::from_str_named("teams.json", &text).and_then(|i| teams::rank(&i)))
        }
        Operation::Medal => {
            ok_or_error(&medal::MedalInput::from_str_named("medal.json", &text).and_then(|i| medal::assess_all(&i)))
        }
        Operation::Festival => match serde_json::from_value::<FestivalInput>(case.input.clone()) {
            Ok(i) => ok_or_error(&festival::check(i.date, &i.params)),
            Err(e) => json!({"unreadable_input": e.to_string()}),
        },
    }
}

/// Checks a case file: every failed expectation, and the case's full result.
fn run_file(path: &Path) -> (Vec<String>, Value) {
    let mut f = Failures::default();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return (vec![format!("cannot read: {e}")], Value::Null),
    };
    let case: Case = match serde_json::from_str(&text) {
        Ok(c) => c,
        Err(e) => return (vec![format!("not a section6 case: {e}")], Value::Null),
    };
    let full = full_result(&case);
    for (field, v) in [("name", &case.name), ("domain_ref", &case.domain_ref), ("description", &case.description)] {
        if v.trim().is_empty() {
            f.push(format!("`{field}` is empty"));
        }
    }
    if case.expect.is_empty() {
        f.push("`expect` is empty");
    }
    match case.operation {
        Operation::TeamRanking => run_team_ranking(&mut f, case.input, &case.expect),
        Operation::Medal => run_medal(&mut f, case.input, &case.expect),
        Operation::Festival => run_festival(&mut f, case.input, &case.expect),
    }
    (f.0, full)
}

fn case_files() -> Vec<std::path::PathBuf> {
    let dir = cases_dir().join("section6");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn section6_cases() {
    let files = case_files();
    assert!(files.len() >= 12, "expected at least 12 section6 cases, found {}", files.len());
    let mut report = String::new();
    let mut failed = 0;
    let mut results = Results::open("section6");
    for path in &files {
        let (fails, full) = run_file(path);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        results.check(name.trim_end_matches(".json"), &full);
        if !fails.is_empty() {
            failed += 1;
            report.push_str(&format!("\n{name}:"));
            for m in fails {
                report.push_str(&format!("\n  - {m}"));
            }
        }
    }
    assert!(failed == 0, "{failed} of {} section6 cases failed:{report}", files.len());
    let committed = results.finish();
    assert!(committed.is_empty(), "committed results:\n  - {}", committed.join("\n  - "));
}

#[test]
fn every_operation_is_covered() {
    let mut seen = [false; 3];
    for path in case_files() {
        let case: Case = serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        seen[case.operation as usize] = true;
    }
    assert_eq!(seen, [true; 3], "team_ranking, medal and festival each need a case");
}

#[test]
fn the_runner_refuses_unknown_expectation_keys() {
    let case = json!({
        "name": "n", "domain_ref": "§6", "description": "d", "operation": "festival",
        "input": {"date": "2025-08-19"}, "expect": {"is_festival_day": true, "is_festivl_day": true}
    });
    let dir = std::env::temp_dir().join(format!("antq-section6-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("typo.json");
    std::fs::write(&path, case.to_string()).expect("write");
    let (fails, _) = run_file(&path);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(fails.len(), 1, "{fails:?}");
    assert!(fails[0].contains("unknown expectation key `is_festivl_day`"), "{fails:?}");
}
