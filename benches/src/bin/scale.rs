//! The scale report: every workload on a generated national dataset, timed (best of
//! `--repeat` runs, one thread; freeing the result timed apart), as a ratio to the plain-pass floor, with the process's
//! resident memory against the input's. Prints a Markdown table for BENCHMARKS.md.
//!
//! ```sh
//! cargo run --release -p antq-benches --bin scale -- [--scale 1] [--years 1] [--repeat 5]
//! ```
//!
//! Memory is read from `/proc/self/status` (Linux): the input's size is the resident set
//! after generating minus before; a workload's peak is the process's high-water mark minus
//! the same baseline, each workload measured in a process of its own (`--only N`), with the
//! high-water mark reset after generating (`/proc/self/clear_refs`), so the generator's own
//! peak is not counted: the peak is the input plus whatever the workload holds at most.

use antq::{Prepared, evaluate, stats};
use antq_benches::{Rules, national, plain_pass};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The peak resident memory (kB above the baseline) of workload `i` run alone in a child
/// process.
fn peak_alone(i: usize) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    args.extend(["--only".into(), i.to_string(), "--repeat".into(), "1".into()]);
    let out = std::process::Command::new(exe).args(&args).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().find_map(|l| l.strip_prefix("peak_kb ")).and_then(|v| v.trim().parse().ok())
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

struct Row {
    name: &'static str,
    best: Duration,
    /// Freeing the result afterwards (best of the runs).
    free: Duration,
    peak_kb: Option<u64>,
}

type Out = Box<dyn std::any::Any>;

fn boxed<T: 'static>(r: antq::Result<T>) -> antq::Result<Out> {
    r.map(|v| Box::new(v) as Out)
}

fn main() -> antq::Result<()> {
    let scale = arg("--scale", 1) as usize;
    let years = arg("--years", 1) as u32;
    let repeat = arg("--repeat", 5).max(1);
    // `--repeat` given twice (by `peak_alone`): the last one counts.
    let repeat = std::env::args()
        .rev()
        .collect::<Vec<_>>()
        .windows(2)
        .find(|w| w[1] == "--repeat")
        .and_then(|w| w[0].parse().ok())
        .unwrap_or(repeat);
    let only = std::env::args().skip_while(|a| a != "--only").nth(1).and_then(|v| v.parse::<usize>().ok());
    let year = 2023;

    let base = status_kb("VmRSS:");
    let t = Instant::now();
    let ds = national(scale, years);
    let generated = t.elapsed();
    let input_kb = status_kb("VmRSS:").zip(base).map(|(a, b)| a.saturating_sub(b));
    // Forget the generator's peak (Linux: "5" resets the high-water mark).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let rules = Rules::load()?;

    let units = ds.units.len();
    let mut rows: Vec<Row> = Vec::new();
    let mut index = 0;
    let mut run = |name: &'static str, f: &mut dyn FnMut() -> antq::Result<Out>| -> antq::Result<()> {
        let i = index;
        index += 1;
        if only.is_some_and(|o| o != i) {
            return Ok(());
        }
        let (mut best, mut free) = (Duration::MAX, Duration::MAX);
        for _ in 0..repeat {
            let t = Instant::now();
            let out = black_box(f()?);
            best = best.min(t.elapsed());
            let t = Instant::now();
            drop(out);
            free = free.min(t.elapsed());
        }
        let peak_kb = if only.is_some() {
            let p = status_kb("VmHWM:").zip(base).map(|(a, b)| a.saturating_sub(b));
            println!("peak_kb {}", p.unwrap_or(0));
            p
        } else {
            peak_alone(i)
        };
        rows.push(Row { name, best, free, peak_kb });
        Ok(())
    };
    let opts = antq::Options::default();
    run("floor: plain pass over the evidence columns (a sum)", &mut || boxed(Ok(plain_pass(&ds, year))))?;
    run("prepare: validate and index the dataset for the year (once, shared by reviews)", &mut || {
        Prepared::new(&ds, year).map(|p| {
            black_box(p.year());
            Box::new(()) as Out
        })
    })?;
    let prepared = Prepared::new(&ds, year)?;
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
    run("Circular 124 review with every explanation written (`evaluate`)", &mut || {
        boxed(evaluate(&ds, &rules.c124, year))
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
        Box::leak(format!("Circular 124 review with every explanation written, {threads} threads").into_boxed_str());
    run(name_eval, &mut || boxed(antq::evaluate_with(&ds, &rules.c124, year, &parallel)))?;
    let terse = antq::Options::default().without_explanations();
    run("Circular 124 review, every result without sentences (`evaluate_with`, terse)", &mut || {
        boxed(antq::evaluate_with(&ds, &rules.c124, year, &terse))
    })?;
    run("Decision 510 scoring (with the sample supplement)", &mut || review(&rules.d510))?;
    run("typical selection, quota per parent (prerequisite: Circular 124)", &mut || review(&rules.typical))?;
    run("activity statistics rolled up the hierarchy", &mut || boxed(stats::activity_stats(&ds, year, None)))?;

    if only.is_some() {
        return Ok(());
    }
    let floor = rows[0].best.as_secs_f64();
    println!(
        "{units} units, {} evidence records, {} incidents, {} activities ({years} year(s), scale {scale}); generated in {:.0} ms",
        ds.evidence.len(),
        ds.incidents.len(),
        ds.activities.len(),
        generated.as_secs_f64() * 1e3
    );
    let mb = |kb: u64| kb as f64 / 1024.0;
    if let Some(i) = input_kb {
        println!("input in memory (resident set after generating): {:.0} MB", mb(i));
    }
    println!("best of {repeat}, one thread\n");
    println!("| workload | time | × floor | freeing the result | peak resident (MB) | peak ÷ input |");
    println!("|---|---:|---:|---:|---:|---:|");
    for r in &rows {
        let ms = r.best.as_secs_f64() * 1e3;
        let peak = r.peak_kb.map_or("–".into(), |p| format!("{:.0}", mb(p)));
        let ratio = r.peak_kb.zip(input_kb).map_or("–".into(), |(p, i)| format!("{:.2}", p as f64 / i.max(1) as f64));
        let free = r.free.as_secs_f64() * 1e3;
        println!("| {} | {ms:.1} ms | {:.1} | {free:.1} ms | {peak} | {ratio} |", r.name, r.best.as_secs_f64() / floor);
    }
    Ok(())
}
