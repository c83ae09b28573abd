//! The antq side of the peer comparison (`benches/peers/run.sh`): loads a dataset,
//! evaluates `vn.c124-2021` for a year through the public API only, and reports (each the
//! best of K runs):
//!
//! - `review_s`: `Prepared::new` + `Prepared::review` on the parsed dataset — validation,
//!   index, hierarchy on the reference date, windows, roll-ups and every unit's verdict
//!   (outcome, criteria met, each criterion's status); explanations are written on request
//!   (`Review::unit`), not here. This is the figure the peers are compared with: like them,
//!   it goes from data in memory to every unit's outcome;
//! - `review_only_s`: the review alone on an already prepared dataset (what every further
//!   review of the same data — what-if, sensitivity, another rule set — costs);
//! - `evaluate_s`: `antq::evaluate`, which also writes every unit's explained result
//!   (checks, observed values, thresholds, bilingual sentences, missing lists);
//! - `parse_review_s`: reading the JSON file with `Dataset::from_path`, then `review_s`'s work;
//! - `validate_s`: `Dataset::validate` + `RuleSet::validate` alone (a diagnostic: it is part
//!   of `review_s` and `evaluate_s`).
//!
//! The review's outcomes must equal `evaluate`'s for every unit. It writes
//! `unit,kind,outcome` for every evaluated unit to a CSV file and one JSON line of timings
//! to standard output.
//!
//! ```text
//! peer_antq DATASET.json YEAR REPEAT OUT.csv
//! ```

use antq::{Dataset, Options, Prepared, RuleSet, evaluate};
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
    let opts = Options::default();
    let err = |e: antq::Error| e.to_string();

    let [mut review, mut review_only, mut evaluate_t, mut parse_review, mut validate] = [Duration::MAX; 5];
    let mut csv = String::new();
    let mut evaluated = 0;
    for _ in 0..repeat.max(1) {
        let t0 = Instant::now();
        let ds = Dataset::from_path(path).map_err(err)?;
        let t1 = Instant::now();
        let prepared = Prepared::new(black_box(&ds), year).map_err(err)?;
        let r = prepared.review(&rules, &opts).map_err(err)?;
        let t2 = Instant::now();
        review = review.min(t2 - t1);
        parse_review = parse_review.min(t2 - t0);
        drop(r);

        let t3 = Instant::now();
        let r = prepared.review(black_box(&rules), &opts).map_err(err)?;
        review_only = review_only.min(t3.elapsed());

        let t4 = Instant::now();
        let ev = evaluate(black_box(&ds), &rules, year).map_err(err)?;
        evaluate_t = evaluate_t.min(t4.elapsed());
        if r.len() != ev.units.len()
            || r.verdicts().zip(&ev.units).any(|((u, v), e)| u.id != e.unit || v.decision.code() != e.outcome.code())
        {
            return Err("the review's outcomes differ from the full evaluation's".into());
        }
        drop(ev);

        let t5 = Instant::now();
        ds.validate().map_err(err)?;
        rules.validate().map_err(err)?;
        validate = validate.min(t5.elapsed());

        csv = String::from("unit,kind,outcome\n");
        for (u, v) in r.verdicts() {
            let _ = writeln!(csv, "{},{},{}", u.id, u.kind.kind().as_str(), v.decision.code());
        }
        evaluated = r.len();
    }
    std::fs::write(out, csv).map_err(|e| format!("{out}: {e}"))?;
    println!(
        "{{\"engine\":\"antq\",\"units_evaluated\":{evaluated},\"review_s\":{:.6},\"review_only_s\":{:.6},\"evaluate_s\":{:.6},\"parse_review_s\":{:.6},\"validate_s\":{:.6},\"repeat\":{}}}",
        review.as_secs_f64(),
        review_only.as_secs_f64(),
        evaluate_t.as_secs_f64(),
        parse_review.as_secs_f64(),
        validate.as_secs_f64(),
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
