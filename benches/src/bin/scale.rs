//! The scale report: every workload on a generated national dataset, timed (best of
//! `--repeat` runs, one thread unless the row says otherwise; freeing the result timed
//! apart), as a ratio to the plain-pass floor, with the heap the workload needs at its
//! peak against the input's. Prints a Markdown table for BENCHMARKS.md.
//!
//! ```sh
//! cargo run --release -p antq-benches --bin scale -- [--scale 1] [--years 1] [--repeat 5] [--only PREFIX]
//! ```
//!
//! `--only PREFIX` runs only the workloads whose name starts with it (and the floor), for
//! profiling one of them.
//!
//! Memory is counted by the allocator (`peak_alloc`, a counting shim over the system
//! allocator): the input is the heap the generated dataset holds once generated; a
//! workload's peak is the most heap held while it runs, the input and everything built
//! before it (the prepared dataset, from the "prepare" row on) included. Unlike the resident
//! set, this does not depend on what the C allocator keeps after a free.

use antq::{Prepared, stats};
use antq_benches::{Rules, national, plain_pass};
use peak_alloc::PeakAlloc;
use std::hint::black_box;
use std::time::{Duration, Instant};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

struct Row {
    name: &'static str,
    best: Duration,
    median: Duration,
    /// Freeing the result afterwards (best of the runs).
    free: Duration,
    /// The most heap held during the runs, in bytes.
    peak: usize,
}

type Out = Box<dyn std::any::Any>;

fn boxed<T: 'static>(r: antq::Result<T>) -> antq::Result<Out> {
    r.map(|v| Box::new(v) as Out)
}

fn main() -> antq::Result<()> {
    let scale = arg("--scale", 1) as usize;
    let years = arg("--years", 1) as u32;
    let repeat = arg("--repeat", 5).max(1);
    let only = std::env::args().skip_while(|a| a != "--only").nth(1);
    let year = 2023;

    let base = HEAP.current_usage();
    let t = Instant::now();
    let ds = national(scale, years)?;
    let generated = t.elapsed();
    let input = HEAP.current_usage().saturating_sub(base);
    let rules = Rules::load()?;

    let units = ds.units.len();
    let mut rows: Vec<Row> = Vec::new();
    let mut run = |name: &'static str, f: &mut dyn FnMut() -> antq::Result<Out>| -> antq::Result<()> {
        if only.as_deref().is_some_and(|o| !name.starts_with(o)) && !rows.is_empty() {
            return Ok(());
        }
        let mut free = Duration::MAX;
        let mut times = Vec::new();
        HEAP.reset_peak_usage();
        for _ in 0..repeat {
            let t = Instant::now();
            let out = black_box(f()?);
            times.push(t.elapsed());
            let t = Instant::now();
            drop(out);
            free = free.min(t.elapsed());
        }
        times.sort();
        let (best, median) = (times[0], times[times.len() / 2]);
        rows.push(Row { name, best, median, free, peak: HEAP.peak_usage().saturating_sub(base) });
        Ok(())
    };
    // One thread unless a row says otherwise: with the `parallel` feature the default is
    // every core.
    let opts = antq::Options::default().sequential();
    run("floor: plain pass over the evidence columns (a sum)", &mut || boxed(Ok(plain_pass(&ds, year))))?;
    run("prepare: validate and index the dataset for the year (once, shared by reviews)", &mut || {
        Prepared::new(&ds, year).map(|p| {
            black_box(p.year());
            Box::new(()) as Out
        })
    })?;
    let before = HEAP.current_usage();
    let prepared = Prepared::new(&ds, year)?;
    let prepared_bytes = HEAP.current_usage().saturating_sub(before);
    // A review borrows its prepared dataset, so it is measured to its last verdict here
    // and dropped inside the timed region; freeing it is cheap (a few flat vectors).
    let review = |rules: &antq::RuleSet| -> antq::Result<Out> {
        let r = prepared.review(rules, &opts)?;
        Ok(Box::new(r.len()) as Out)
    };
    run("Circular 124 review with roll-ups (verdicts; explanations on request)", &mut || review(&rules.c124))?;
    run("Circular 124 review, end to end (prepare + review)", &mut || {
        let p = Prepared::new(&ds, year)?;
        let r = p.review(&rules.c124, &opts)?;
        Ok(Box::new(r.len()) as Out)
    })?;
    run("Circular 124, every explanation written (`evaluate`)", &mut || {
        boxed(antq::evaluate_with(&ds, &rules.c124, year, &opts))
    })?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parallel = antq::Options::default().parallel();
    let name_review: &'static str =
        Box::leak(format!("Circular 124 review, {threads} threads (`parallel` feature)").into_boxed_str());
    run(name_review, &mut || {
        let r = prepared.review(&rules.c124, &parallel)?;
        Ok(Box::new(r.len()) as Out)
    })?;
    let name_eval: &'static str =
        Box::leak(format!("Circular 124, every explanation written, {threads} threads").into_boxed_str());
    run(name_eval, &mut || boxed(antq::evaluate_with(&ds, &rules.c124, year, &parallel)))?;
    let terse = antq::Options::default().sequential().without_explanations();
    run("Circular 124, every result without sentences (`evaluate_with`, terse)", &mut || {
        boxed(antq::evaluate_with(&ds, &rules.c124, year, &terse))
    })?;
    run("Decision 510 scoring (with the sample supplement), review", &mut || review(&rules.d510))?;
    run("typical selection, quota per parent (prerequisite: Circular 124), review", &mut || review(&rules.typical))?;
    if years > 1 {
        // Another year of the same data: only the year's evidence is gathered again.
        let first = year + 1 - years as i32;
        let name: &'static str = Box::leak(
            format!("lay out each of the {years} years again (`Prepared::for_year`, no validation)").into_boxed_str(),
        );
        run(name, &mut || {
            let mut n = 0;
            for y in first..=year {
                n += prepared.for_year(y)?.year();
            }
            Ok(Box::new(n) as Out)
        })?;
    }
    run("activity statistics rolled up the hierarchy", &mut || boxed(stats::activity_stats(&ds, year, None)))?;

    let floor = rows[0].best.as_secs_f64();
    let mb = |b: usize| b as f64 / (1024.0 * 1024.0);
    println!(
        "{units} units, {} evidence records, {} incidents, {} activities ({years} year(s), scale {scale}); generated in {:.0} ms",
        ds.evidence.len(),
        ds.incidents.len(),
        ds.activities.len(),
        generated.as_secs_f64() * 1e3
    );
    println!("input: {:.0} MB of heap; the prepared dataset: {:.1} MB", mb(input), mb(prepared_bytes));
    println!("{repeat} runs of each\n");
    println!("| workload | best | median | × floor (best) | freeing the result | peak heap (MB) | peak ÷ input |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let ms = r.best.as_secs_f64() * 1e3;
        let median = r.median.as_secs_f64() * 1e3;
        let free = r.free.as_secs_f64() * 1e3;
        println!(
            "| {} | {ms:.1} ms | {median:.1} ms | {:.1} | {free:.1} ms | {:.0} | {:.2} |",
            r.name,
            r.best.as_secs_f64() / floor,
            mb(r.peak),
            r.peak as f64 / input.max(1) as f64
        );
    }
    Ok(())
}
