//! The antq side of the peer comparison (`benches/peers/run.sh`): loads a dataset,
//! evaluates `vn.c124-2021` for a year through the public API only, and reports
//!
//! - `evaluate_s`: best of K calls of `antq::evaluate` on the parsed dataset (the call
//!   validates the dataset and rule set, builds the hierarchy and explains every unit);
//! - `parse_evaluate_s`: best of K of reading the JSON file into a `Dataset` plus that call
//!   (with `Dataset::from_path`; a file over antq's default 64 MiB document limit, like the
//!   national dataset, with `Dataset::from_str_with_limits` and that limit raised, or failing
//!   that with serde_json; `loader` says which);
//! - `validate_s`: best of K of `Dataset::validate` + `RuleSet::validate` alone, the checks
//!   `evaluate` repeats on every call (a diagnostic: it is part of `evaluate_s`).
//!
//! It writes `unit,kind,outcome` for every evaluated unit to a CSV file and one JSON line
//! of timings to standard output.
//!
//! ```text
//! peer_antq DATASET.json YEAR REPEAT OUT.csv
//! ```

use antq::{Dataset, Limits, RuleSet, evaluate};
use std::fmt::Write as _;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Reads the dataset with antq's loader; a file over the default document size limit is
/// read with that one limit raised to the file's size (every other limit as by default).
/// If antq still refuses the document's size (the parser keeps its own 64 MiB bound), the
/// file is read with serde_json into the same `Dataset` type; `evaluate` validates it anyway.
fn load(path: &str) -> Result<(Dataset, &'static str), String> {
    let size = std::fs::metadata(path).map_err(|e| format!("{path}: {e}"))?.len();
    let mut limits = Limits::default();
    if usize::try_from(size).is_ok_and(|n| n <= limits.max_document_bytes) {
        return Ok((Dataset::from_path(path).map_err(|e| e.to_string())?, "Dataset::from_path"));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    limits.max_document_bytes = text.len();
    match Dataset::from_str_with_limits(path, &text, &limits) {
        Ok(ds) => Ok((ds, "Dataset::from_str_with_limits, max_document_bytes raised to the file size")),
        Err(e) if e.to_string().contains("limit") => {
            let ds = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
            Ok((ds, "serde_json::from_str::<Dataset> (antq refuses documents over 64 MiB even with a raised limit)"))
        }
        Err(e) => Err(e.to_string()),
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, year, repeat, out] = args.as_slice() else {
        return Err("usage: peer_antq DATASET.json YEAR REPEAT OUT.csv".into());
    };
    let year: i32 = year.parse().map_err(|e| format!("year `{year}`: {e}"))?;
    let repeat: usize = repeat.parse().map_err(|e| format!("repeat `{repeat}`: {e}"))?;
    let rules = RuleSet::preset("vn.c124-2021").map_err(|e| e.to_string())?;

    let mut best_eval = Duration::MAX;
    let mut best_total = Duration::MAX;
    let mut best_validate = Duration::MAX;
    let mut last = None;
    let mut loader = "";
    for _ in 0..repeat.max(1) {
        // Free the previous run's dataset and results first: one evaluation in memory at a time.
        drop(last.take());
        let t0 = Instant::now();
        let (ds, how) = load(path)?;
        loader = how;
        let t1 = Instant::now();
        let ev = evaluate(black_box(&ds), &rules, year).map_err(|e| e.to_string())?;
        let t2 = Instant::now();
        best_eval = best_eval.min(t2 - t1);
        best_total = best_total.min(t2 - t0);
        let t3 = Instant::now();
        ds.validate().map_err(|e| e.to_string())?;
        rules.validate().map_err(|e| e.to_string())?;
        best_validate = best_validate.min(t3.elapsed());
        last = Some(ev);
    }
    let ev = last.ok_or("no run")?;

    let mut csv = String::from("unit,kind,outcome\n");
    for u in &ev.units {
        let _ = writeln!(csv, "{},{},{}", u.unit, u.kind.as_str(), u.outcome.code());
    }
    std::fs::write(out, csv).map_err(|e| format!("{out}: {e}"))?;
    println!(
        "{{\"engine\":\"antq\",\"units_evaluated\":{},\"evaluate_s\":{:.6},\"parse_evaluate_s\":{:.6},\"validate_s\":{:.6},\"repeat\":{},\"loader\":\"{loader}\"}}",
        ev.units.len(),
        best_eval.as_secs_f64(),
        best_total.as_secs_f64(),
        best_validate.as_secs_f64(),
        repeat.max(1)
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("peer_antq: {e}");
            ExitCode::FAILURE
        }
    }
}
