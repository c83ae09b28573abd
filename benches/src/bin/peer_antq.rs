//! The antq side of the peer comparison (`benches/peers/run.sh`): loads a dataset,
//! evaluates `vn.c124-2021` for a year through the public API only, and reports
//!
//! - `evaluate_s`: best of K calls of `antq::evaluate` on the parsed dataset (the call
//!   validates the dataset and rule set, builds the hierarchy and explains every unit);
//! - `parse_evaluate_s`: best of K of reading the JSON file into a `Dataset` plus that call
//!   (with `Dataset::from_path`; a file over antq's document size limit, like the national
//!   dataset, is read with `serde_json` into the same `Dataset` type instead, and `loader`
//!   says so);
//! - `validate_s`: best of K of `Dataset::validate` + `RuleSet::validate` alone, the checks
//!   `evaluate` repeats on every call (a diagnostic: it is part of `evaluate_s`).
//!
//! It writes `unit,kind,outcome` for every evaluated unit to a CSV file and one JSON line
//! of timings to standard output.
//!
//! ```text
//! peer_antq DATASET.json YEAR REPEAT OUT.csv
//! ```

use antq::{Dataset, RuleSet, evaluate};
use std::fmt::Write as _;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Reads the dataset with antq's loader, or with serde_json when the file is over antq's
/// document size limit (`evaluate` validates the dataset either way).
fn load(path: &str) -> Result<(Dataset, &'static str), String> {
    match Dataset::from_path(path) {
        Ok(ds) => Ok((ds, "Dataset::from_path")),
        Err(e) if e.to_string().contains("limit") => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            let ds = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
            Ok((ds, "serde_json::from_str::<Dataset> (file over antq's document size limit)"))
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
