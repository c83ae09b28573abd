//! Sensitivity of the points classification: 10,000 seeded random samples (cut-offs ±5
//! points, item maxima ±20%) over a generated national-size dataset (~170,000 units).
//!
//! The generator writes no points, so this bench scores every evidence record itself
//! (synthetic, deterministic: 50–100% of each item's maximum) and uses the Decision 510
//! preset with the bundled sample supplement (the sample's placeholder items), its items
//! applied to every kind and both sheets marked complete. Only the variation is timed;
//! the baseline evaluation is made once before.

use antq::analysis::sensitivity::{Sampling, SensitivitySpec, sensitivity_of};
use antq::generate::{Spec, generate};
use antq::rules::{OutcomePolicy, Test};
use antq::{Evidence, Kind, Points, RuleSet, Score, Supplement, evaluate};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// The bench's rule set: Decision 510 + the sample sheet, for every kind.
pub fn national_rules() -> RuleSet {
    let sup = Supplement::from_str_named("d510.toml", include_str!("../../core/sample/d510-supplement.toml"))
        .expect("supplement");
    let mut rs = RuleSet::preset("vn.d510-2022").expect("preset").with_supplement(&sup).expect("layered");
    let all = [Kind::ResidentialArea, Kind::Commune, Kind::Agency, Kind::Enterprise, Kind::School];
    for c in rs.criteria.iter_mut().filter(|c| c.test.is_points()) {
        c.kinds = all.to_vec();
    }
    if let OutcomePolicy::Points { sheets } = &mut rs.outcome {
        for s in sheets.iter_mut() {
            s.complete = true;
        }
    }
    rs.validate().expect("valid bench rule set");
    rs
}

/// Reviewed scores for every evidence record: 50–100% of each item's maximum, in halves.
pub fn score(evidence: &mut [Evidence], rules: &RuleSet) {
    let items: Vec<(String, i64)> = rules
        .criteria
        .iter()
        .filter_map(|c| match c.test {
            Test::Points { max, .. } => Some((c.id.clone(), max.hundredths())),
            _ => None,
        })
        .collect();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for e in evidence {
        for (id, max) in &items {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let halves = max / 50;
            let h = halves / 2 + (x % (halves as u64 / 2 + 1)) as i64;
            let p = Points::from_hundredths(h * 50);
            e.points.insert(id.clone(), Score { self_score: Some(p), reviewed: Some(p) });
        }
    }
}

/// CPU seconds used by this process so far (user + system, Linux `/proc/self/stat`), to
/// report the work done when the machine is shared; `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn bench(c: &mut Criterion) {
    let rules = national_rules();
    // `ANTQ_BENCH_UNITS` / `ANTQ_BENCH_SAMPLES` make it small for CI's smoke run.
    let env = |k: &str, d: usize| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let units = env("ANTQ_BENCH_UNITS", 170_000);
    let samples = env("ANTQ_BENCH_SAMPLES", 10_000) as u32;
    let mut ds = generate(&Spec { units, year: 2023, seed: 1 });
    score(&mut ds.evidence, &rules);
    let ev = evaluate(&ds, &rules, 2023).expect("eval");
    let spec = SensitivitySpec {
        sampling: Sampling::Random { samples, seed: 1 },
        cutoff_range: Points::from_whole(5),
        max_range_percent: 20,
        pass_level: None,
    };
    let (t, cpu) = (std::time::Instant::now(), cpu_seconds());
    let r = sensitivity_of(&ev, &rules, &spec).expect("sensitivity");
    eprintln!(
        "sensitivity: {} units in the dataset, {} classified, {} skipped, {} samples; first run {:.2} s wall, {} CPU on {} threads",
        ds.units.len(),
        r.units_classified,
        r.units_skipped,
        r.samples,
        t.elapsed().as_secs_f64(),
        cpu.zip(cpu_seconds()).map_or("?".into(), |(a, b)| format!("{:.2} s", b - a)),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    if std::env::var_os("ANTQ_SENSITIVITY_ONCE").is_some() {
        return;
    }
    let mut g = c.benchmark_group(format!("sensitivity/generated-{units}"));
    g.sample_size(10);
    g.bench_function(format!("random-{samples}"), |b| {
        b.iter(|| sensitivity_of(black_box(&ev), &rules, &spec).expect("run"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
