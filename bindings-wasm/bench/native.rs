//! Native timing of the work `bench/bench.mjs` times in Node: generate a synthetic
//! dataset, then evaluate it against a preset for a year, several times.
//!
//! ```sh
//! cargo run --release -p antq-wasm --example bench-native -- --units 100000 --runs 7
//! ```
//!
//! Prints one JSON object (milliseconds) so that `bench.mjs` can compute the ratio.

use std::time::Instant;

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> Result<(), antq::Error> {
    let args: Vec<String> = std::env::args().collect();
    let units = arg(&args, "--units", 100_000) as usize;
    let runs = arg(&args, "--runs", 7).max(1);
    let year = arg(&args, "--year", 2023) as i32;
    let seed = arg(&args, "--seed", 1);

    let t = Instant::now();
    let ds = antq::generate::generate(&antq::generate::Spec { units, year, seed });
    let generate_ms = t.elapsed().as_secs_f64() * 1e3;
    let rules = antq::RuleSet::preset("vn.c124-2021")?;

    let mut times = Vec::new();
    let mut evaluated = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let ev = antq::evaluate(&ds, &rules, year)?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        evaluated = ev.units.len();
        std::hint::black_box(&ev);
    }
    let text = ds.to_json();
    let mut parse = Vec::new();
    for _ in 0..runs.min(3) {
        let t = Instant::now();
        let d = antq::Dataset::from_str_named("generated.json", &text)?;
        parse.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(&d);
    }
    println!(
        "{{\"units\":{},\"evaluated\":{evaluated},\"runs\":{runs},\"generate_ms\":{generate_ms:.1},\"evaluate_ms_median\":{:.1},\"evaluate_ms_min\":{:.1},\"parse_json_ms_median\":{:.1}}}",
        ds.units.len(),
        median(times.clone()),
        times.iter().copied().fold(f64::INFINITY, f64::min),
        median(parse),
    );
    Ok(())
}
