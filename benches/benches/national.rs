//! Every workload at national scale (170,000 generated units, DOMAIN §2), and the floor
//! they are compared with. `ANTQ_BENCH_UNITS` sets another size (CI's smoke run uses a
//! small one: `ANTQ_BENCH_UNITS=3000 cargo test -p antq-benches --benches`).

use antq::generate::{Spec, generate};
use antq::{evaluate, stats};
use antq_benches::{Rules, plain_pass};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let units = std::env::var("ANTQ_BENCH_UNITS").ok().and_then(|v| v.parse().ok()).unwrap_or(Spec::NATIONAL_UNITS);
    let ds = generate(&Spec { units, year: 2023, seed: 1 });
    let rules = Rules::load().expect("rules");
    let mut g = c.benchmark_group(format!("national-{units}"));
    g.sample_size(10);
    g.bench_function("floor-plain-pass", |b| b.iter(|| plain_pass(black_box(&ds), 2023)));
    g.bench_function("c124-review", |b| b.iter(|| evaluate(black_box(&ds), &rules.c124, 2023).expect("c124")));
    let terse = antq::Options::default().without_explanations();
    g.bench_function("c124-review-without-explanations", |b| {
        b.iter(|| antq::evaluate_with(black_box(&ds), &rules.c124, 2023, &terse).expect("c124"))
    });
    g.bench_function("d510-scoring", |b| b.iter(|| evaluate(black_box(&ds), &rules.d510, 2023).expect("d510")));
    g.bench_function("typical-selection", |b| {
        b.iter(|| evaluate(black_box(&ds), &rules.typical, 2023).expect("typical"))
    });
    g.bench_function("activity-stats", |b| {
        b.iter(|| stats::activity_stats(black_box(&ds), 2023, None).expect("stats"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
