//! Every workload at national scale (170,000 generated units, DOMAIN §2), and the floor
//! they are compared with. `ANTQ_BENCH_UNITS` sets another size (CI's smoke run uses a
//! small one: `ANTQ_BENCH_UNITS=3000 cargo test -p antq-benches --benches`).

use antq::generate::{Spec, generate};
use antq::{Prepared, stats};
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
    // One core, except where a benchmark says parallel.
    let opts = antq::Options::default().sequential();
    g.bench_function("prepare", |b| b.iter(|| Prepared::new(black_box(&ds), 2023).expect("prepare").year()));
    let prepared = Prepared::new(&ds, 2023).expect("prepare");
    let review = |rules: &antq::RuleSet| prepared.review(black_box(rules), &opts).expect("review").len();
    g.bench_function("c124-review", |b| b.iter(|| review(&rules.c124)));
    g.bench_function("c124-prepare-and-review", |b| {
        b.iter(|| Prepared::new(black_box(&ds), 2023).expect("prepare").review(&rules.c124, &opts).expect("c124").len())
    });
    let parallel = antq::Options::default().parallel();
    g.bench_function("c124-review-parallel", |b| {
        b.iter(|| prepared.review(black_box(&rules.c124), &parallel).expect("c124").len())
    });
    g.bench_function("c124-every-explanation", |b| {
        b.iter(|| antq::evaluate_with(black_box(&ds), &rules.c124, 2023, &opts).expect("c124"))
    });
    let terse = antq::Options::default().sequential().without_explanations();
    g.bench_function("c124-every-result-without-sentences", |b| {
        b.iter(|| antq::evaluate_with(black_box(&ds), &rules.c124, 2023, &terse).expect("c124"))
    });
    g.bench_function("d510-scoring", |b| b.iter(|| review(&rules.d510)));
    g.bench_function("typical-selection", |b| b.iter(|| review(&rules.typical)));
    g.bench_function("activity-stats", |b| {
        b.iter(|| stats::activity_stats(black_box(&ds), 2023, None).expect("stats"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
