//! Times Circular 124 evaluation of a generated dataset:
//! `cargo run --release -p antq --example time_generated -- 100000`.

use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let ds = antq::generate::generate(&antq::generate::Spec { units: n, year: 2023, seed: 1 });
    let rules = antq::RuleSet::preset("vn.c124-2021").expect("preset");
    for _ in 0..3 {
        let t = Instant::now();
        let ev = antq::evaluate(&ds, &rules, 2023).expect("evaluate");
        let el = t.elapsed();
        println!("{} units evaluated in {:.1} ms", ev.units.len(), el.as_secs_f64() * 1e3);
    }
}
