//! `antq`: evaluate the movement's recognition rules from the command line.

#![forbid(unsafe_code)]

mod decide;
mod output;
mod report;

use antq::{Dataset, Error, Evaluation, Lang, Options, RuleSet, Supplement};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Rules of the "All people protect national security" movement, evaluated with explanations.
#[derive(Debug, Parser)]
#[command(name = "antq", version, about, long_about = None)]
struct Cli {
    /// Language of explanations.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Vi,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Vi => Lang::Vi,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Csv,
}

/// What `evaluate` and `review` read: a rule set with its supplements, a year, a
/// reference date and a dataset.
#[derive(Debug, Args)]
struct Input {
    /// Rule set: a preset id (see `antq presets`) or a JSON/TOML file.
    #[arg(long, default_value = "vn.c124-2021")]
    rules: String,
    /// Supplement files layered on the rule set, in order.
    #[arg(long)]
    supplement: Vec<PathBuf>,
    /// Evaluation year.
    #[arg(long)]
    year: i32,
    /// Reference date for the hierarchy (default: end of the latest window).
    #[arg(long)]
    as_of: Option<chrono::NaiveDate>,
    /// Dataset file (JSON or TOML), or `sample` for the bundled sample.
    data: String,
}

impl Input {
    /// Reads the rule set and the dataset (timing the stages for large datasets), with the
    /// options they are evaluated under: the reference date, and every core.
    fn read(&self) -> antq::Result<(antq::RuleSet, antq::Dataset, Progress, Options)> {
        let t = Instant::now();
        let rs = load_rules(&self.rules, &self.supplement)?;
        let ds = load_data(&self.data)?;
        let mut p = Progress::new(ds.units.len());
        p.start = t;
        p.stage(&format!("read {} units, rule set {}", ds.units.len(), rs.id));
        let mut opts = Options::default().parallel();
        if let Some(d) = self.as_of {
            opts = opts.as_of(d);
        }
        Ok((rs, ds, p, opts))
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the main job on the bundled (synthetic) sample province and print a report.
    Demo,
    /// Evaluate a dataset against a rule set for a year.
    Evaluate {
        #[command(flatten)]
        input: Input,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Every unit's verdict as CSV — unit, kind, subkind, parent, outcome, level, rank, met,
    /// of, and a column per criterion with its status — without writing explanations (for
    /// national-scale data; `explain` gives any unit's explanation).
    Review {
        #[command(flatten)]
        input: Input,
    },
    /// Explain units' outcomes: each criterion, observed against threshold, and what is missing.
    Explain {
        /// Rule set: a preset id or a file.
        #[arg(long, default_value = "vn.c124-2021")]
        rules: String,
        /// Supplement files.
        #[arg(long)]
        supplement: Vec<PathBuf>,
        /// Evaluation year.
        #[arg(long, default_value_t = 2023)]
        year: i32,
        /// Dataset file, or `sample`.
        #[arg(long, default_value = "sample")]
        data: String,
        /// Unit ids.
        #[arg(required = true)]
        units: Vec<String>,
    },
    /// Validate and lint a rule set (preset id or file), with supplements.
    Check {
        /// Rule set: a preset id or a file.
        rules: String,
        /// Supplement files.
        #[arg(long)]
        supplement: Vec<PathBuf>,
    },
    /// Activity statistics rolled up the hierarchy.
    Stats {
        /// Dataset file, or `sample`.
        data: String,
        /// Year (window 16 November of the year before to 15 November).
        #[arg(long)]
        year: i32,
        /// Only this unit and the units below it.
        #[arg(long)]
        under: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Rank grassroots security teams and members for a year by the instrument of `vn.teams`
    /// in force on the ranking's date (JSON or TOML input, DOMAIN §6).
    Teams {
        /// Ranking input: `{ format_version, year, reference_date?, instrument?, teams, members, params }`.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Commemorative medal eligibility by the instrument of `vn.medal` in force on the
    /// proposal's date (Circular 11/2021 up to 27/4/2025, Circular 20/2025 from 28/4/2025).
    Medal {
        /// Input: `{ format_version, reference_date, instrument?, params?, candidates }`.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// What it still takes: the smallest set of evidence changes for units to reach the
    /// standard, the next level (points rule sets) or typical.
    Whatif {
        /// Rule set: a preset id or a file.
        #[arg(long, default_value = "vn.c124-2021")]
        rules: String,
        /// Supplement files.
        #[arg(long)]
        supplement: Vec<PathBuf>,
        /// Evaluation year.
        #[arg(long, default_value_t = 2023)]
        year: i32,
        /// Dataset file, or `sample`.
        #[arg(long, default_value = "sample")]
        data: String,
        /// Target level (points rule sets; default: the next level up).
        #[arg(long)]
        level: Option<String>,
        /// Apply each plan to a copy of the data and evaluate again to confirm it.
        #[arg(long)]
        verify: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Unit ids.
        #[arg(required = true)]
        units: Vec<String>,
    },
    /// Rule-change impact: the units whose outcome changes, the criterion causing it, per parent.
    Impact {
        /// The base rule set: a preset id or a file.
        #[arg(long)]
        rules: String,
        /// Compare with this rule set.
        #[arg(long, conflicts_with_all = ["supplement", "param"])]
        vs: Option<String>,
        /// Compare with the base plus these supplements.
        #[arg(long)]
        supplement: Vec<PathBuf>,
        /// Compare with the base with a parameter changed (KEY=VALUE, repeatable).
        #[arg(long, value_parser = decide::parse_param)]
        param: Vec<(String, i64)>,
        /// Evaluation year.
        #[arg(long)]
        year: i32,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Dataset file, or `sample`.
        data: String,
    },
    /// Sensitivity of levels and ranks to the cut-offs and item maxima of a points rule set.
    Sensitivity {
        /// A points rule set: a preset id or a file.
        #[arg(long, default_value = "vn.d510-2022")]
        rules: String,
        /// Supplement files (a points sheet needs its items).
        #[arg(long)]
        supplement: Vec<PathBuf>,
        /// Evaluation year.
        #[arg(long)]
        year: i32,
        /// Random samples.
        #[arg(long, default_value_t = 1000)]
        samples: u32,
        /// Seed of the random samples.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A grid of this many offsets per cut-off instead of random samples.
        #[arg(long)]
        grid: Option<u32>,
        /// Each cut-off moves within ± this many points.
        #[arg(long, default_value = "5")]
        cutoff_range: antq::Points,
        /// Each item's maximum scales within ± this percent.
        #[arg(long, default_value_t = 20)]
        max_range: u32,
        /// Level counted as meeting in the per-parent shares.
        #[arg(long)]
        pass_level: Option<String>,
        /// Units shown in the table (most sensitive first).
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Dataset file, or `sample`.
        data: String,
    },
    /// Year over year: outcome, score and incident changes of the same units.
    Compare {
        /// Rule set: a preset id or a file.
        #[arg(long, default_value = "vn.c124-2021")]
        rules: String,
        /// Supplement files.
        #[arg(long)]
        supplement: Vec<PathBuf>,
        /// The two years, earlier first.
        #[arg(long, num_args = 2, required = true)]
        years: Vec<i32>,
        /// List unchanged units too.
        #[arg(long)]
        all: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Dataset file, or `sample`.
        data: String,
    },
    /// List the built-in rule sets.
    Presets,
    /// Write a synthetic dataset of about N units (deterministic for a seed).
    Generate {
        /// Approximate number of units.
        #[arg(long, default_value_t = 100_000, conflicts_with = "national")]
        units: usize,
        /// The national shape: 34 provinces, 3,321 communes, about 63,600 residential
        /// areas and 100,000 organisations (170,000 units), times `--scale`.
        #[arg(long)]
        national: bool,
        /// With `--national`: multiply the units (10 for the stress variant).
        #[arg(long, default_value_t = 1, requires = "national")]
        scale: usize,
        /// Consecutive years of evidence, incidents and activities from `--year` (the
        /// same units each year; the years may not cross the 2025 reform).
        #[arg(long, default_value_t = 1)]
        years: u32,
        /// Evidence year.
        #[arg(long, default_value_t = 2023)]
        year: i32,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

/// Exit codes: 0 success, 2 usage, 3 invalid rule set, 4 invalid dataset (or medal or
/// team ranking input), 5 unreadable file, 6 unknown preset or unit, 7 other.
fn exit_code(e: &Error) -> u8 {
    match e {
        Error::InvalidRuleSet(_) => 3,
        Error::InvalidDataset(_) | Error::InvalidMedalInput(_) | Error::InvalidTeamInput(_) => 4,
        Error::Io { .. } => 5,
        Error::UnknownPreset { .. } | Error::UnknownUnit { .. } => 6,
        _ => 7,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error[{}]: {e}", e.code());
            ExitCode::from(exit_code(&e))
        }
    }
}

pub(crate) fn load_rules(spec: &str, supplements: &[PathBuf]) -> antq::Result<RuleSet> {
    let looks_like_file = spec.ends_with(".json") || spec.ends_with(".toml") || spec.contains('/');
    let mut rs = if antq::rules::PRESET_IDS.contains(&spec) || !looks_like_file {
        RuleSet::preset(spec)?
    } else {
        RuleSet::from_path(spec)?
    };
    for s in supplements {
        rs = rs.with_supplement(&Supplement::from_path(s)?)?;
    }
    Ok(rs)
}

/// Reads a JSON or TOML input file, with errors naming the place.
/// A file's name and text, for the DOMAIN §6 readers.
fn read_text(path: &std::path::Path) -> antq::Result<(String, String)> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
    Ok((name, text))
}

pub(crate) fn load_data(spec: &str) -> antq::Result<Dataset> {
    if spec == "sample" {
        Dataset::from_str_named("sample/province.json", antq::sample::SAMPLE_JSON)
    } else {
        Dataset::from_path(spec)
    }
}

/// Prints a stage's duration on standard error when the input is large.
struct Progress {
    on: bool,
    start: Instant,
}

impl Progress {
    fn new(units: usize) -> Self {
        Progress { on: units >= 10_000, start: Instant::now() }
    }
    fn stage(&mut self, what: &str) {
        if self.on {
            eprintln!("antq: {what} ({:.1} ms)", self.start.elapsed().as_secs_f64() * 1e3);
            self.start = Instant::now();
        }
    }
}

fn run(cli: Cli) -> antq::Result<()> {
    let lang: Lang = cli.lang.into();
    match cli.command {
        Command::Demo => report::demo(lang),
        Command::Evaluate { input, format } => {
            let (rs, ds, mut p, opts) = input.read()?;
            let year = input.year;
            let ev = antq::evaluate_with(&ds, &rs, year, &opts)?;
            p.stage(&format!("evaluated {} units for {year}", ev.units.len()));
            print_evaluation(&ev, format, lang);
            p.stage("wrote the results");
            // The process ends here: the system takes the memory back at once, where freeing
            // a national evaluation piece by piece takes most of a second.
            std::mem::forget(ev);
            std::mem::forget(ds);
            Ok(())
        }
        Command::Review { input } => {
            let (rs, ds, mut p, opts) = input.read()?;
            let year = input.year;
            let prepared = antq::Prepared::new(&ds, year)?;
            p.stage(&format!("validated and indexed the dataset for {year}"));
            let review = prepared.review(&rs, &opts)?;
            p.stage(&format!("reviewed {} units", review.len()));
            print!("{}", output::table_csv(&antq::table::verdicts_table(&review)));
            p.stage("wrote the verdicts");
            Ok(())
        }
        Command::Explain { rules, supplement, year, data, units } => {
            let rs = load_rules(&rules, &supplement)?;
            let ds = load_data(&data)?;
            // Every unit is reviewed (parents need their children's verdicts); only the
            // units asked for are explained.
            let prepared = antq::Prepared::new(&ds, year)?;
            let review = prepared.review(&rs, &Options::default().parallel())?;
            for id in &units {
                let Some(u) = review.unit(id)? else {
                    let reason = if ds.units.iter().any(|u| u.id.as_str() == id) {
                        format!("not evaluated by `{}` in {year} (kind not covered, or not existing then)", rs.id)
                    } else {
                        "not in the dataset".to_owned()
                    };
                    return Err(Error::UnknownUnit { id: id.clone(), reason });
                };
                print!("{}", report::explain_unit(&u, review.record(), lang));
            }
            Ok(())
        }
        Command::Check { rules, supplement } => {
            let rs = load_rules(&rules, &supplement)?;
            println!("{} {} — valid", rs.id, rs.version);
            println!("  {}", rs.title.get(lang));
            println!("  content hash: {}", rs.content_hash());
            println!("  criteria: {} for {}", rs.criteria.len(), kinds(&rs));
            for s in &rs.applied_supplements {
                println!("  supplement: {} {} ({:?})", s.id, s.version, s.certainty);
            }
            let lints = rs.lints();
            if !lints.is_empty() {
                println!("notes:");
                for l in lints {
                    println!("  - {l}");
                }
            }
            Ok(())
        }
        Command::Stats { data, year, under, format } => {
            let ds = load_data(&data)?;
            let st = antq::stats::activity_stats(&ds, year, under.as_deref())?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&st).unwrap_or_default()),
                Format::Csv => print!("{}", output::stats_csv(&st)),
                Format::Table => print!("{}", output::stats_table(&st)),
            }
            Ok(())
        }
        Command::Teams { file, format } => {
            let (name, text) = read_text(&file)?;
            let input = antq::teams::RankingInput::from_str_named(&name, &text)?;
            let r = antq::teams::rank(&input)?;
            let used = instrument_line(&r.instrument, r.certainty, lang);
            let mut head = vec![format!("{used} (ranking date {})", r.reference_date)];
            head.extend(r.notes.iter().map(|n| format!("note: {}", n.get(lang))));
            print_head(&head, format);
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default()),
                Format::Csv => print!("{}", output::teams_csv(&r, lang)),
                Format::Table => print!("{}", output::teams_table(&r, lang)),
            }
            Ok(())
        }
        Command::Medal { file, format } => {
            let (name, text) = read_text(&file)?;
            let input = antq::medal::MedalInput::from_str_named(&name, &text)?;
            let r = antq::medal::assess_all(&input)?;
            if let Some(a) = r.first() {
                let mut head = vec![format!(
                    "{} (proposal date {})",
                    instrument_line(&a.instrument, a.certainty, lang),
                    a.reference_date
                )];
                head.extend(a.illustrative.iter().map(|p| format!("illustrative parameter: {p}")));
                for a in &r {
                    head.extend(a.notes.iter().map(|n| format!("note ({}): {}", a.id, n.get(lang))));
                }
                print_head(&head, format);
            }
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default()),
                Format::Csv => print!("{}", output::medal_csv(&r, lang)),
                Format::Table => print!("{}", output::medal_table(&r, lang)),
            }
            Ok(())
        }
        Command::Whatif { rules, supplement, year, data, level, verify, format, units } => {
            decide::whatif(&rules, &supplement, year, &data, &units, level, verify, format, lang)
        }
        Command::Impact { rules, vs, supplement, param, year, format, data } => {
            decide::impact(&rules, vs, &supplement, &param, year, &data, format, lang)
        }
        Command::Sensitivity {
            rules,
            supplement,
            year,
            samples,
            seed,
            grid,
            cutoff_range,
            max_range,
            pass_level,
            top,
            format,
            data,
        } => decide::sensitivity_cmd(
            &rules,
            &supplement,
            year,
            &data,
            samples,
            seed,
            grid,
            cutoff_range,
            max_range,
            pass_level,
            top,
            format,
        ),
        Command::Compare { rules, supplement, years, all, format, data } => {
            decide::compare(&rules, &supplement, &years, &data, all, format)
        }
        Command::Presets => {
            for rs in antq::rules::presets() {
                println!("{:<30} {}  {}", rs.id, rs.version, rs.title.get(lang));
                println!("{:<30} criteria: {} for {}", "", rs.criteria.len(), kinds(rs));
            }
            Ok(())
        }
        Command::Generate { units, national, scale, years, year, seed, output } => {
            let spec = if national {
                antq::generate::Spec::national(year, scale, seed)
            } else {
                antq::generate::Spec { units, year, seed }
            };
            let ds = antq::generate::generate_years(&spec, years).ok_or(Error::BadYear { year })?;
            let text = serde_json::to_string(&ds).unwrap_or_default();
            match output {
                Some(p) => std::fs::write(&p, text)
                    .map_err(|e| Error::Io { path: p.display().to_string(), message: e.to_string() })?,
                None => println!("{text}"),
            }
            eprintln!(
                "antq: generated {} units, {} evidence records, {} incidents",
                ds.units.len(),
                ds.evidence.len(),
                ds.incidents.len()
            );
            Ok(())
        }
    }
}

fn kinds(rs: &RuleSet) -> String {
    rs.kinds().iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
}

fn print_evaluation(ev: &Evaluation, format: Format, lang: Lang) {
    match format {
        Format::Json => println!("{}", ev.to_json()),
        Format::Csv => print!("{}", output::evaluation_csv(ev)),
        Format::Table => print!("{}", output::evaluation_table(ev, lang)),
    }
}

/// "instrument: ID VERSION [mark] — title (sha256 …)" for the §6 commands.
fn instrument_line(i: &antq::law::InstrumentRef, certainty: antq::Certainty, lang: antq::Lang) -> String {
    let title = antq::law::instrument(&i.id).map(|x| x.title.get(lang).to_owned()).unwrap_or_default();
    format!("instrument: {} {} [{}] — {title} (sha256 {})", i.id, i.version, certainty.mark(), i.content_hash)
}

/// Lines before a table (on stdout), or before CSV (on stderr, so the CSV stays clean);
/// JSON carries the same in its fields.
fn print_head(lines: &[String], format: Format) {
    match format {
        Format::Table => {
            for l in lines {
                println!("{l}");
            }
            println!();
        }
        Format::Csv => {
            for l in lines {
                eprintln!("{l}");
            }
        }
        Format::Json => {}
    }
}
