//! The antq side of the peer comparison (`benches/peers/run.sh`): loads a dataset,
//! evaluates `vn.c124-2021` for a year through the public API only, and reports
//!
//! - `evaluate_s`: best of K calls of `antq::evaluate` on the parsed dataset (the call
//!   validates the dataset and rule set, builds the hierarchy and explains every unit);
//! - `verdicts_s`: best of K calls of `antq::evaluate_with` with
//!   `Options::without_explanations()` (the same statuses, observed values, thresholds,
//!   outcomes and missing lists, without the sentences); its outcomes must equal the full
//!   evaluation's;
//! - `parse_evaluate_s`: best of K of reading the JSON file with `Dataset::from_path` plus the
//!   full evaluation;
//! - `validate_s`: best of K of `Dataset::validate` + `RuleSet::validate` alone, the checks
//!   `evaluate` repeats on every call (a diagnostic: it is part of `evaluate_s`).
//!
//! It writes `unit,kind,outcome` for every evaluated unit to a CSV file and one JSON line
//! of timings to standard output.
//!
//! ```text
//! peer_antq DATASET.json YEAR REPEAT OUT.csv
//! ```

use antq::{Dataset, Options, RuleSet, evaluate, evaluate_with};
use std::fmt::Write as _;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, year, repeat, out] = args.as_slice() else {
        return Err("usage: peer_antq DATASET.json YEAR REPEAT OUT.csv".into());
    };
    let year: i32 = year.parse().map_err(|e| format!("year `{year}`: {e}"))?;
    let repeat: usize = repeat.parse().map_err(|e| format!("repeat `{repeat}`: {e}"))?;
    let rules = RuleSet::preset("vn.c124-2021").map_err(|e| e.to_string())?;
    let terse = Options::default().without_explanations();

    let mut best_eval = Duration::MAX;
    let mut best_total = Duration::MAX;
    let mut best_verdicts = Duration::MAX;
    let mut best_validate = Duration::MAX;
    let mut last = None;
    for _ in 0..repeat.max(1) {
        // Free the previous run's dataset and results first: one evaluation in memory at a time.
        drop(last.take());
        let t0 = Instant::now();
        let ds = Dataset::from_path(path).map_err(|e| e.to_string())?;
        let t1 = Instant::now();
        let ev = evaluate(black_box(&ds), &rules, year).map_err(|e| e.to_string())?;
        let t2 = Instant::now();
        best_eval = best_eval.min(t2 - t1);
        best_total = best_total.min(t2 - t0);

        let t3 = Instant::now();
        let verdicts = evaluate_with(black_box(&ds), &rules, year, &terse).map_err(|e| e.to_string())?;
        best_verdicts = best_verdicts.min(t3.elapsed());
        if verdicts.units.len() != ev.units.len()
            || verdicts.units.iter().zip(&ev.units).any(|(a, b)| a.unit != b.unit || a.outcome != b.outcome)
        {
            return Err("outcomes without explanations differ from the full evaluation".into());
        }
        drop(verdicts);

        let t4 = Instant::now();
        ds.validate().map_err(|e| e.to_string())?;
        rules.validate().map_err(|e| e.to_string())?;
        best_validate = best_validate.min(t4.elapsed());
        last = Some(ev);
    }
    let ev = last.ok_or("no run")?;

    let mut csv = String::from("unit,kind,outcome\n");
    for u in &ev.units {
        let _ = writeln!(csv, "{},{},{}", u.unit, u.kind.as_str(), u.outcome.code());
    }
    std::fs::write(out, csv).map_err(|e| format!("{out}: {e}"))?;
    println!(
        "{{\"engine\":\"antq\",\"units_evaluated\":{},\"evaluate_s\":{:.6},\"verdicts_s\":{:.6},\"parse_evaluate_s\":{:.6},\"validate_s\":{:.6},\"repeat\":{}}}",
        ev.units.len(),
        best_eval.as_secs_f64(),
        best_verdicts.as_secs_f64(),
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
