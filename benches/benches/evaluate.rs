//! Circular 124 evaluation on the bundled sample and on a generated 100,000-unit dataset.

use antq::generate::{Spec, generate};
use antq::{Dataset, RuleSet, evaluate, sample};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let rules = RuleSet::preset("vn.c124-2021").expect("preset");
    let sample = Dataset::from_str_named("sample.json", sample::SAMPLE_JSON).expect("sample");
    c.bench_function("c124/sample/2023", |b| b.iter(|| evaluate(black_box(&sample), &rules, 2023).expect("eval")));

    let units = std::env::var("ANTQ_BENCH_UNITS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let big = generate(&Spec { units, year: 2023, seed: 1 });
    let mut g = c.benchmark_group(format!("c124/generated-{units}"));
    g.sample_size(10);
    g.bench_function("evaluate", |b| b.iter(|| evaluate(black_box(&big), &rules, 2023).expect("eval")));
    g.bench_function("parse-json", |b| {
        let text = big.to_json();
        b.iter(|| Dataset::from_str_named("big.json", black_box(&text)).expect("parse"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
