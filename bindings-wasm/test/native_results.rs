//! Runs the shared cases (`tests/cases/evaluate/*.json`, and the team-ranking and medal
//! cases of `tests/cases/section6/`) natively and prints every full
//! result as one JSON line, for `test/node/cases.test.mjs` to compare with the
//! WebAssembly package's results field for field.
//!
//! ```sh
//! cargo run -p antq-wasm --example native-results -- tests/cases/evaluate
//! ```
//!
//! Inputs are read the way the Rust case runner reads them (inline objects as pretty
//! JSON under `rules.json`, `supplements[i].json` and the dataset name).

use serde_json::{Value, json};
use std::path::Path;

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn rule_set(case: &Value) -> antq::Result<antq::RuleSet> {
    let mut rs = match (&case["rules"], case["rules_text"].as_str()) {
        // A preset id or a family, resolved on the case's year and reference date.
        (Value::String(id), _) => {
            let year = case["year"].as_i64().unwrap_or(2023) as i32;
            antq::RuleSet::resolve(id, year, case["as_of"].as_str().and_then(|d| d.parse().ok()))?
        }
        (v @ Value::Object(_), _) => antq::RuleSet::from_str_named("rules.json", &pretty(v))?,
        (_, Some(text)) => antq::RuleSet::from_str_named(case["rules_name"].as_str().unwrap_or("rules"), text)?,
        _ => return Err(antq::Error::Io { path: "case".into(), message: "no rules".into() }),
    };
    for (i, s) in case["supplements"].as_array().into_iter().flatten().enumerate() {
        let sup = antq::Supplement::from_str_named(&format!("supplements[{i}].json"), &pretty(s))?;
        rs = rs.with_supplement(&sup)?;
    }
    Ok(rs)
}

fn dataset(case: &Value) -> antq::Result<antq::Dataset> {
    let name = case["dataset_name"].as_str().unwrap_or("dataset.json");
    match (&case["dataset"], case["dataset_text"].as_str()) {
        (v @ Value::Object(_), _) => antq::Dataset::from_str_named(name, &pretty(v)),
        (_, Some(text)) => antq::Dataset::from_str_named(name, text),
        _ => Err(antq::Error::Io { path: "case".into(), message: "no dataset".into() }),
    }
}

/// The case's input as the JSON text the package reads from an object.
fn input_text(case: &Value) -> String {
    serde_json::to_string(&case["input"]).unwrap_or_default()
}

fn run(case: &Value) -> antq::Result<Value> {
    let year = case["year"].as_i64().unwrap_or_default() as i32;
    let to = |v: serde_json::Result<Value>| v.unwrap_or(Value::Null);
    Ok(match case["operation"].as_str() {
        Some("evaluate") => {
            let (rs, ds) = (rule_set(case)?, dataset(case)?);
            let mut opts = antq::Options::default();
            if let Some(d) = case["as_of"].as_str().and_then(|d| d.parse().ok()) {
                opts = opts.as_of(d);
            }
            opts.lenient_vocabulary = case["lenient_vocabulary"].as_bool().unwrap_or(false);
            // The exact text, so that the comparison is byte for byte.
            Value::String(serde_json::to_string(&antq::evaluate_with(&ds, &rs, year, &opts)?).unwrap_or_default())
        }
        Some("stats") => to(serde_json::to_value(antq::stats::activity_stats(&dataset(case)?, year, None)?)),
        Some("parse_rules") => to(serde_json::to_value(rule_set(case)?)),
        Some("parse_dataset") => to(serde_json::to_value(dataset(case)?)),
        // DOMAIN §6 cases (tests/cases/section6): the input read as the package reads an object.
        Some("team_ranking") => {
            let input = antq::teams::RankingInput::from_str_named("teams.json", &input_text(case))?;
            to(serde_json::to_value(antq::teams::rank(&input)?))
        }
        Some("medal") => {
            let input = antq::medal::MedalInput::from_str_named("medal.json", &input_text(case))?;
            to(serde_json::to_value(antq::medal::assess_all(&input)?))
        }
        other => return Err(antq::Error::Io { path: "case".into(), message: format!("operation {other:?}") }),
    })
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "tests/cases/evaluate".into());
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    for path in files {
        let file = Path::new(&path).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let case: Value = match std::fs::read_to_string(&path).map(|t| serde_json::from_str(&t)) {
            Ok(Ok(v)) => v,
            _ => continue,
        };
        let line = match run(&case) {
            Ok(v) => json!({ "file": file, "ok": v }),
            Err(e) => {
                json!({ "file": file, "error": { "code": e.code(), "problems": e.problems(), "message": e.to_string() } })
            }
        };
        println!("{line}");
    }
}
