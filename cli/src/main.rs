//! `antq`: evaluate the movement's recognition rules from the command line.

#![forbid(unsafe_code)]

/// Writes to standard output (see [`sink::write_str`]); returns the write error from the
/// enclosing function.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::sink::write_str(&format!($($arg)*))?
    };
}

/// [`out!`] with a line break.
macro_rules! outln {
    () => {
        $crate::sink::write_str("\n")?
    };
    ($($arg:tt)*) => {
        $crate::sink::write_str(&(format!($($arg)*) + "\n"))?
    };
}

mod decide;
mod output;
mod report;
mod sink;
mod verdicts;

use antq::{Dataset, Error, Lang, Options, RuleSet, Supplement};
use clap::{Args, Parser, Subcommand, ValueEnum};
use sink::{CliError, CliResult};
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
    /// Rule set: a family resolved by the reference date (e.g. `vn.c124`), a preset id
    /// (see `antq presets`) or a JSON/TOML file.
    #[arg(long, default_value = "vn.c124")]
    rules: String,
    /// Supplement files layered on the rule set, in order.
    #[arg(long)]
    supplement: Vec<PathBuf>,
    /// Evaluation year.
    #[arg(long)]
    year: i32,
    #[command(flatten)]
    when: When,
    /// Dataset: a JSON or TOML file; a folder of Parquet, Arrow or CSV tables (or its
    /// `units` file); an `.xlsx` workbook; or `sample` for the bundled sample.
    data: String,
}

/// The reference date of an evaluation and what it may go beyond: the evaluation options
/// of every command that evaluates one year (`evaluate`, `review`, `explain`, `whatif`,
/// `impact`, `sensitivity`).
#[derive(Debug, Args)]
pub(crate) struct When {
    /// Reference date: the units and hierarchy on it, and nothing dated after it counts
    /// (default: end of the latest window).
    #[arg(long)]
    pub(crate) as_of: Option<chrono::NaiveDate>,
    /// Accept a reference date outside the year's review (recorded in the result).
    #[arg(long)]
    allow_as_of_outside_year: bool,
    #[command(flatten)]
    pub(crate) leniency: Leniency,
}

/// What an evaluation may accept beyond the law and vocabulary it knows, whatever its
/// date: the options of [`When`] that `compare` (two years, each on its own date) takes too.
#[derive(Debug, Args)]
pub(crate) struct Leniency {
    /// Apply the rule set even outside its period of application (recorded in the result).
    #[arg(long)]
    allow_outside_period: bool,
    /// Evidence keys no rule set reads (misspelt attested keys or points items) become
    /// notes instead of an error (for a dataset written for a rule set antq does not know).
    #[arg(long)]
    pub(crate) lenient_vocabulary: bool,
}

impl Leniency {
    /// The evaluation options, with the reference date of each year by default.
    pub(crate) fn options(&self) -> Options {
        let mut opts = Options::default();
        opts.allow_outside_period = self.allow_outside_period;
        opts.lenient_vocabulary = self.lenient_vocabulary;
        opts
    }
}

impl When {
    pub(crate) fn options(&self) -> Options {
        let mut opts = self.leniency.options();
        if let Some(d) = self.as_of {
            opts = opts.as_of(d);
        }
        opts.allow_as_of_outside_year = self.allow_as_of_outside_year;
        opts
    }

    /// The reference date of the `year` review under `rules`: `--as-of`, or the end of the
    /// rule set's latest window.
    pub(crate) fn date(&self, rules: &RuleSet, year: i32) -> chrono::NaiveDate {
        self.as_of.unwrap_or_else(|| antq::eval::default_as_of(rules, year))
    }
}

impl Input {
    /// [`Input::read`] with the dataset's validation left to [`antq::columnar::Unchecked::prepare`]
    /// (one pass where reading then preparing would validate twice); its notes (look-alike
    /// ids) are printed once it is prepared.
    fn read_unchecked(&self) -> antq::Result<(antq::RuleSet, antq::columnar::Unchecked, Progress, Options)> {
        let t = Instant::now();
        let rs = load_rules(&self.rules, &self.supplement, self.year, self.when.as_of)?;
        let ds = match self.data.as_str() {
            "sample" | "-" => read_dataset(&self.data)?.into(),
            path => antq::columnar::read_unchecked(std::path::Path::new(path))?,
        };
        synthetic_note(&self.data, &ds.dataset().meta);
        let mut p = Progress::new(ds.dataset().units.len());
        p.start = t;
        let n = ds.dataset().units.len();
        p.stage(&in_notes_lang(
            format!("read {n} units, rule set {}", rs.id),
            format!("đã đọc {n} đơn vị, bộ tiêu chí {}", rs.id),
        ));
        Ok((rs, ds, p, self.when.options()))
    }

    /// Reads the rule set and the dataset (timing the stages for large datasets), with the
    /// options they are evaluated under: the reference date, and every core.
    fn read(&self) -> antq::Result<(antq::RuleSet, antq::Dataset, Progress, Options)> {
        let t = Instant::now();
        let rs = load_rules(&self.rules, &self.supplement, self.year, self.when.as_of)?;
        let ds = load_data(&self.data)?;
        let mut p = Progress::new(ds.units.len());
        p.start = t;
        let n = ds.units.len();
        p.stage(&in_notes_lang(
            format!("read {n} units, rule set {}", rs.id),
            format!("đã đọc {n} đơn vị, bộ tiêu chí {}", rs.id),
        ));
        Ok((rs, ds, p, self.when.options()))
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
        /// Only these columns, in this order (comma-separated): e.g. `unit,outcome` for a
        /// compact verdict list; any of unit, kind, subkind, parent, commune, district,
        /// province, outcome, level, rank, met, of, rule_set, supplements and the criterion ids.
        #[arg(long, value_delimiter = ',')]
        columns: Vec<String>,
        /// Write the verdicts to this file instead of standard output (`-`: standard output):
        /// CSV, or by its extension a Parquet (`.parquet`) or Arrow IPC (`.arrow`, `.feather`)
        /// table.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Explain units' outcomes: each criterion, observed against threshold, and what is missing.
    Explain {
        /// Rule set: a family (resolved by date), a preset id or a file.
        #[arg(long, default_value = "vn.c124")]
        rules: String,
        /// Supplement files.
        #[arg(long)]
        supplement: Vec<PathBuf>,
        /// Evaluation year (required, as for `evaluate`: nothing reads the clock).
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        when: When,
        /// Dataset (a JSON/TOML file, a folder of table files, an `.xlsx` workbook), or `sample`.
        #[arg(long, default_value = "sample")]
        data: String,
        /// Unit ids.
        #[arg(required = true)]
        units: Vec<String>,
    },
    /// Validate and lint a rule set (preset id or file), with supplements, and a dataset.
    Check {
        /// Rule set: a preset id or a file.
        rules: String,
        /// Supplement files.
        #[arg(long)]
        supplement: Vec<PathBuf>,
        /// A dataset to validate and lint too (a file, `-` or `sample`).
        #[arg(long)]
        data: Option<String>,
    },
    /// Activity statistics rolled up the hierarchy.
    Stats {
        /// Dataset (a JSON/TOML file, a folder of table files, an `.xlsx` workbook), or `sample`.
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
    /// The administrative hierarchy on a date as CSV: every unit existing then with its
    /// parent, commune, district (none from 1 July 2025) and province on that date.
    Hierarchy {
        /// Dataset (a JSON/TOML file, a folder of table files, an `.xlsx` workbook), or `sample`.
        data: String,
        /// Year: the hierarchy on 15 November of the year, the commune review date.
        #[arg(long, required_unless_present = "as_of", conflicts_with = "as_of")]
        year: Option<i32>,
        /// The date, instead of `--year` (the dataset is checked for the date's year).
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
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
        /// Rule set: a family (resolved by date), a preset id or a file.
        #[arg(long, default_value = "vn.c124")]
        rules: String,
        /// Supplement files.
        #[arg(long)]
        supplement: Vec<PathBuf>,
        /// Evaluation year (required, as for `evaluate`: nothing reads the clock).
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        when: When,
        /// Dataset (a JSON/TOML file, a folder of table files, an `.xlsx` workbook), or `sample`.
        #[arg(long, default_value = "sample")]
        data: String,
        /// Target level (points rule sets; default: the next level up). A level no sheet of the
        /// rule set has, or any level under a rule set without sheets, is an error.
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
        /// Compare with this rule set (then its supplements and parameters, as given below).
        #[arg(long)]
        vs: Option<String>,
        /// Compare with the base (or `--vs`) plus these supplements.
        #[arg(long)]
        supplement: Vec<PathBuf>,
        /// Compare with the base (or `--vs`) with a parameter changed (KEY=VALUE, repeatable).
        #[arg(long, value_parser = decide::parse_param)]
        param: Vec<(String, i64)>,
        /// Evaluation year.
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        when: When,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Dataset (a JSON/TOML file, a folder of table files, an `.xlsx` workbook), or `sample`.
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
        #[command(flatten)]
        when: When,
        /// Random samples (not with `--grid`, which samples no randomness).
        #[arg(long, default_value_t = antq::analysis::sensitivity::Sampling::DEFAULT_SAMPLES, conflicts_with = "grid")]
        samples: u32,
        /// Seed of the random samples (not with `--grid`).
        #[arg(long, default_value_t = antq::analysis::sensitivity::Sampling::DEFAULT_SEED, conflicts_with = "grid")]
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
        /// Units shown in the table (most sensitive first; default 20); the CSV and JSON
        /// forms list every unit.
        #[arg(long)]
        top: Option<usize>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Dataset (a JSON/TOML file, a folder of table files, an `.xlsx` workbook), or `sample`.
        data: String,
    },
    /// Year over year: outcome, score and incident changes of the same units.
    Compare {
        /// Rule set: a family (resolved by date), a preset id or a file.
        #[arg(long, default_value = "vn.c124")]
        rules: String,
        /// Supplement files.
        #[arg(long)]
        supplement: Vec<PathBuf>,
        /// The two years, earlier first.
        #[arg(long, num_args = 2, required = true)]
        years: Vec<i32>,
        // No `--as-of`: each year is reviewed on its own reference date (one date cannot be
        // in both years' reviews).
        #[command(flatten)]
        leniency: Leniency,
        /// List in the table the units not changed and those in only one of the years too
        /// (the CSV and JSON forms list every unit).
        #[arg(long)]
        all: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Dataset (a JSON/TOML file, a folder of table files, an `.xlsx` workbook), or `sample`.
        data: String,
    },
    /// List the families of instruments, each member with its period of application and
    /// what antq encodes of it (a family given to `--rules` resolves by date).
    Presets {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write a synthetic dataset of about N units (deterministic for a seed).
    Generate {
        /// Approximate number of units: those asked for plus the provinces and districts above
        /// them; at least 52, one commune of the national shape.
        #[arg(long, default_value_t = 100_000, conflicts_with = "national")]
        units: usize,
        /// The national shape: 34 provinces, 3,321 communes, about 63,600 residential
        /// areas and 100,000 organisations (170,000 units), times `--scale`.
        #[arg(long)]
        national: bool,
        /// With `--national`: multiply the units (10 for the stress variant; default 1).
        // Checked in `run`: clap's `requires = "national"` holds whenever the flag has its
        // default (false), and `--scale` without `--national` was ignored.
        #[arg(long, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        scale: Option<usize>,
        /// Consecutive years of evidence, incidents and activities from `--year` (the
        /// same units each year; the years may not cross the 2025 reform).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
        years: u32,
        /// Evidence year.
        #[arg(long, default_value_t = 2023)]
        year: i32,
        /// Random seed.
        #[arg(long, default_value_t = antq::generate::Spec::DEFAULT_SEED)]
        seed: u64,
        /// Output: a JSON file (default, or `-`: standard output); with a table `--format`, a
        /// folder of table files, or the `.xlsx` workbook.
        #[arg(long, short, required_if_eq_any([("format", "parquet"), ("format", "arrow"), ("format", "csv"), ("format", "xlsx")]))]
        output: Option<PathBuf>,
        /// Output format: `json`, or tables as `parquet`, `arrow`, `csv` (a folder, one file
        /// per table) or `xlsx` (one workbook).
        #[arg(long, default_value = "json")]
        format: DataFormat,
    },
    /// Write an empty evidence workbook (.xlsx) for a rule set and a unit kind: the columns
    /// the rule set reads, headed in Vietnamese and English, with the allowed values as cell
    /// validations, and a units sheet. Filled in, it is a dataset.
    Template {
        /// Rule set: a family (resolved by `--year`), a preset id or a file.
        #[arg(long, default_value = "vn.c124")]
        rules: String,
        /// Supplement files.
        #[arg(long)]
        supplement: Vec<PathBuf>,
        /// Evaluation year: resolves a family to its instrument; a preset id or file must apply
        /// in it (exit 9 otherwise).
        #[arg(long)]
        year: i32,
        /// Unit kind: province, district, commune, residential_area, agency, enterprise, school.
        #[arg(long, value_parser = parse_kind)]
        kind: antq::Kind,
        /// The workbook written.
        #[arg(long, short)]
        output: PathBuf,
    },
}

/// The format a dataset is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DataFormat {
    Json,
    Tables(antq::columnar::TableFormat),
}

impl std::str::FromStr for DataFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s == "json" {
            return Ok(DataFormat::Json);
        }
        s.parse().map(DataFormat::Tables).map_err(|e: String| e.replace("expected one of: ", "expected one of: json, "))
    }
}

/// Exit codes: 0 success, 2 usage, 3 invalid rule set, 4 invalid dataset (or medal or team
/// ranking input), 5 unreadable
/// file, 6 unknown preset or unit, 7 other, 8 output not written, 9 rule set not in force
/// on the date or a reference date outside the year's review, 141 standard output closed by
/// its reader (as a shell reports a tool stopped by SIGPIPE).
fn exit_code(e: &CliError) -> u8 {
    match e {
        CliError::Antq(Error::InvalidRuleSet(_)) => 3,
        CliError::Antq(Error::InvalidDataset(_) | Error::InvalidMedalInput(_) | Error::InvalidTeamInput(_)) => 4,
        CliError::Antq(Error::Io { .. }) => 5,
        CliError::Antq(Error::UnknownPreset { .. } | Error::UnknownUnit { .. }) => 6,
        CliError::Antq(Error::NotInForce(_) | Error::AsOfOutsideYear { .. }) => 9,
        CliError::Antq(Error::BadArgument { .. }) => 2,
        CliError::Antq(_) => 7,
        CliError::Write { .. } => 8,
        CliError::ClosedPipe => 141,
    }
}

/// Writes a line to standard error; a closed standard error is ignored (nothing is left
/// to tell).
pub(crate) fn note(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{}", sink::escape(line, false));
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = run(cli).and_then(|()| sink::flush());
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // What was written before the error is kept; a second failure changes nothing.
            let _ = sink::flush();
            match &e {
                CliError::ClosedPipe => {}
                // An argument the core refuses is a usage error naming the option.
                CliError::Antq(Error::BadArgument { argument, message }) => {
                    usage_error(&format!("{}: {message}", option_of(argument)))
                }
                CliError::Antq(a) => note(&format!("error[{}]: {}", a.code(), a.text(notes_lang()))),
                CliError::Write { path, message } => note(&format!("error[write]: cannot write `{path}`: {message}")),
            }
            ExitCode::from(exit_code(&e))
        }
    }
}

/// Prints a rule set's check: identity, period, criteria, supplements and lints.
fn check(rs: &RuleSet, lang: Lang) -> CliResult {
    outln!("{} {} — valid", rs.id, rs.version);
    outln!("  {}", rs.title.get(lang));
    if let Some(f) = &rs.family {
        outln!("  family: {f}");
    }
    let mark = rs.effective.certainty.map(|c| format!(" [{}]", c.mark())).unwrap_or_default();
    outln!("  applies: {}{mark}", rs.effective.describe());
    outln!("  content hash: {}", rs.content_hash());
    outln!("  criteria: {} for {}", rs.criteria.len(), kinds(rs));
    for s in &rs.applied_supplements {
        outln!("  supplement: {} {} [{}] sha256 {}", s.id, s.version, s.certainty.mark(), s.content_hash);
    }
    let lints = rs.lints();
    if !lints.is_empty() {
        outln!("notes:");
        for l in lints {
            outln!("  - {}", l.text(lang));
        }
    }
    Ok(())
}

/// A rule set by preset id or file, without a date (for `check`), with its supplements.
fn load_spec(spec: &str, supplements: &[PathBuf]) -> antq::Result<RuleSet> {
    // Families are expanded by the caller: the year only matters for them.
    let mut rs = RuleSet::load(spec)?;
    for s in supplements {
        rs = rs.with_supplement(&Supplement::from_path(s)?)?;
    }
    Ok(rs)
}

/// The rule set named on the command line for the `year` review (a family resolves by the
/// reference date), with its supplements.
pub(crate) fn load_rules(
    spec: &str,
    supplements: &[PathBuf],
    year: i32,
    as_of: Option<chrono::NaiveDate>,
) -> antq::Result<RuleSet> {
    let mut rs = RuleSet::from_spec(spec, year, as_of)?;
    for s in supplements {
        rs = rs.with_supplement(&Supplement::from_path(s)?)?;
    }
    Ok(rs)
}

/// A file's name and text, for the DOMAIN §6 readers; `-` reads standard input. Reading
/// stops at the document size limit, whatever the file is (a pipe, a FIFO, a device).
fn read_text(path: &std::path::Path) -> antq::Result<(String, String)> {
    read_spec(&path.display().to_string())
}

/// The name and text of `spec`: a file, or `-` for standard input, read within the
/// document size limit.
fn read_spec(spec: &str) -> antq::Result<(String, String)> {
    let max = antq::Limits::default().max_document_bytes;
    if spec == "-" {
        let text = antq::read_limited(std::io::stdin().lock(), "standard input", max)?;
        return Ok(("standard input".to_owned(), text));
    }
    Ok((spec.to_owned(), antq::read_file_limited(std::path::Path::new(spec), max)?))
}

/// The dataset `spec` names (a file, `-` for standard input, or `sample`): a folder, or a
/// file with a table extension (`.parquet`, `.arrow`, `.feather`, `.csv`, `.xlsx`), is read
/// as tables.
fn read_dataset(spec: &str) -> antq::Result<Dataset> {
    let path = std::path::Path::new(spec);
    if spec == "sample" {
        Dataset::from_str_named("sample/province.json", antq::sample::SAMPLE_JSON)
    } else if spec == "-" {
        // Copied to a temporary file and read as a file is: never held whole in memory.
        Dataset::from_reader("standard input", std::io::stdin().lock())
    } else {
        antq::columnar::read_path(path)
    }
}

/// The command-line option of an argument as the core names it ([`Error::BadArgument`]).
fn option_of(argument: &str) -> String {
    match argument {
        "steps" => "--grid".to_owned(),
        "max_range_percent" => "--max-range".to_owned(),
        a => format!("--{}", a.replace('_', "-")),
    }
}

/// Ends the process as clap does for a bad argument value (exit status 2, the usage line):
/// for a value that can only be checked once the rule set is read.
pub(crate) fn usage_error(message: &str) -> ! {
    use clap::CommandFactory as _;
    let _ = sink::flush();
    Cli::command().error(clap::error::ErrorKind::InvalidValue, message).exit()
}

/// The language of the notes on standard error (`--lang`), set once when the command
/// starts; English until then.
static NOTES_LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// The language the notes are written in.
pub(crate) fn notes_lang() -> Lang {
    NOTES_LANG.get().copied().unwrap_or(Lang::En)
}

/// `en` or `vi`, in the language of the notes.
pub(crate) fn in_notes_lang(en: String, vi: String) -> String {
    match notes_lang() {
        Lang::En => en,
        Lang::Vi => vi,
    }
}

/// The lints of an evaluation (evidence the rule set does not read), on standard error, in
/// the language of `--lang` (the `antq: note:` marker and the codes stay as they are).
pub(crate) fn notes(lints: &[antq::Problem]) {
    for l in lints {
        note(&format!("antq: note: {}", l.text(notes_lang())));
    }
}

/// Notes, on standard error, what a review's verdicts rest on beyond the law in force in the
/// year, whatever the output format (a CSV or a compact verdict list has no place for the
/// decision record): a rule set applied outside its period, or a reference date outside the
/// year's review, as the caller allowed; and the illustrative defaults [I] it used (levels,
/// ranks, outcomes that depend on values no source gives).
pub(crate) fn record_notes(record: &antq::eval::DecisionRecord) {
    for c in record.caveats_in(notes_lang()) {
        note(&format!("antq: note: {c}"));
    }
}

/// The dataset `spec` names, for a command: in text output its names are escaped. Its
/// lints (look-alike ids…) are a review's ([`antq::Review::lints`]); a command that reviews
/// nothing notes them itself ([`Dataset::lints`]).
pub(crate) fn load_data(spec: &str) -> antq::Result<Dataset> {
    let mut ds = read_dataset(spec)?;
    synthetic_note(spec, &ds.meta);
    if sink::text() {
        // A name is shown on a line of its own: a line break in it must not start a line
        // that looks like antq's (`Outcome: Meets`).
        for u in &mut ds.units {
            if let std::borrow::Cow::Owned(n) = sink::escape(&u.name, true) {
                u.name = n.into();
            }
        }
    }
    Ok(ds)
}

/// Says, on standard error, that the results rest on synthetic data when the dataset says
/// it is (`meta.synthetic`: the bundled sample, `antq generate`): nothing else in a table,
/// CSV or explanation shows it.
fn synthetic_note(spec: &str, meta: &antq::DatasetMeta) {
    if meta.synthetic {
        note(&match notes_lang() {
            Lang::En => {
                let what = if spec == "sample" { "the bundled sample".to_owned() } else { format!("`{spec}`") };
                format!(
                    "antq: note: the dataset is {what}, marked synthetic (meta.synthetic): made-up units and evidence, not real review data"
                )
            }
            Lang::Vi => {
                let what = if spec == "sample" { "bộ mẫu kèm theo".to_owned() } else { format!("`{spec}`") };
                format!(
                    "antq: note: bộ dữ liệu là {what}, được đánh dấu là giả lập (meta.synthetic): đơn vị và số liệu giả lập, không phải số liệu đánh giá thật"
                )
            }
        });
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
            note(&format!("antq: {what} ({:.1} ms)", self.start.elapsed().as_secs_f64() * 1e3));
            self.start = Instant::now();
        }
    }
}

/// `-o FILE`, with `-` meaning standard output (as `-` means standard input for the data).
fn file_or_stdout(output: Option<PathBuf>) -> Option<PathBuf> {
    output.filter(|p| p.as_os_str() != "-")
}

fn run(cli: Cli) -> CliResult {
    let lang: Lang = cli.lang.into();
    let _ = NOTES_LANG.set(lang);
    sink::set_text(is_text(&cli.command));
    match cli.command {
        Command::Demo => report::demo(lang),
        Command::Evaluate { input, format } => {
            let (rs, ds, mut p, opts) = input.read()?;
            let year = input.year;
            // Reviewed once; each unit's explained result is made, written and dropped in
            // turn, so memory is the dataset and the review, not every result.
            let prepared = antq::Prepared::new(&ds, year)?;
            let review = prepared.review(&rs, &opts)?;
            let n = review.len();
            p.stage(&in_notes_lang(format!("reviewed {n} units for {year}"), format!("đã xét {n} đơn vị, năm {year}")));
            notes(review.lints());
            record_notes(review.record());
            output::write_evaluation(&review, format, lang)?;
            p.stage(&in_notes_lang("wrote the results".into(), "đã ghi kết quả".into()));
            // The process ends here: the system takes the memory back at once, where freeing
            // a national dataset piece by piece takes most of a second.
            std::mem::forget(review);
            std::mem::forget(prepared);
            std::mem::forget(ds);
            Ok(())
        }
        Command::Review { input, columns, output } => {
            let output = file_or_stdout(output);
            let (rs, ds, mut p, opts) = input.read_unchecked()?;
            verdicts::check(&rs, &columns, output.as_deref(), &input.data);
            let year = input.year;
            let prepared = ds.prepare(year)?;
            p.stage(&in_notes_lang(
                format!("validated and indexed the dataset for {year}"),
                format!("đã kiểm tra và lập chỉ mục dữ liệu cho năm {year}"),
            ));
            // An unknown evidence key is placed in its table file's line and column.
            let review = prepared.review(&rs, &opts).map_err(|e| ds.locate(e))?;
            let n = review.len();
            p.stage(&in_notes_lang(format!("reviewed {n} units"), format!("đã xét {n} đơn vị")));
            notes(review.lints());
            record_notes(review.record());
            verdicts::decided_by_note(review.record(), &columns, output.as_deref());
            verdicts::write_verdicts(&review, &columns, output.as_deref())?;
            p.stage(&in_notes_lang("wrote the verdicts".into(), "đã ghi các kết luận".into()));
            // The process ends here: the system takes the memory back at once.
            std::mem::forget(review);
            std::mem::forget(prepared);
            std::mem::forget(ds);
            Ok(())
        }
        Command::Explain { rules, supplement, year, when, data, units } => {
            let units = nfc_all(units);
            let rs = load_rules(&rules, &supplement, year, when.as_of)?;
            let ds = load_data(&data)?;
            // Every unit is reviewed (parents need their children's verdicts); only the
            // units asked for are explained, with the review's notes.
            let prepared = antq::Prepared::new(&ds, year)?;
            let review = prepared.review(&rs, &when.options())?;
            notes(review.lints());
            record_notes(review.record());
            // Every unit that can be is explained; each that cannot is named at the end.
            let mut unknown = Vec::new();
            for id in &units {
                match review.unit(id)? {
                    Some(u) => out!("{}", report::explain_unit(&u, review.record(), lang)),
                    None => unknown.push(review.not_evaluated(id)),
                }
            }
            each_error(unknown)
        }
        Command::Check { rules, supplement, data } => {
            // A family is checked member by member.
            let members: Vec<String> = match antq::law::families().into_iter().find(|f| f.id == rules) {
                Some(f) => f
                    .instruments
                    .into_iter()
                    .filter(|i| i.encoding == antq::law::Encoding::RuleSet)
                    .map(|i| i.id)
                    .collect(),
                None => vec![rules.clone()],
            };
            let mut checked = Vec::new();
            for id in &members {
                let rs = load_spec(id, &supplement)?;
                check(&rs, lang)?;
                checked.push(rs);
            }
            if let Some(data) = data {
                let ds = read_dataset(&data)?;
                // The evidence against the rule set's vocabulary, as an evaluation reads it.
                let mut errors = Vec::new();
                let mut lints = ds.lints();
                for rs in &checked {
                    let (e, l) = antq::eval::vocabulary_problems(&ds, rs);
                    errors.extend(e);
                    lints.extend(l);
                }
                if !errors.is_empty() {
                    return Err(Error::InvalidDataset(errors).into());
                }
                outln!("{data} — valid: {} units, {} evidence records", ds.units.len(), ds.evidence.len());
                if !lints.is_empty() {
                    outln!("notes:");
                    for l in lints {
                        outln!("  - {}", l.text(lang));
                    }
                }
            }
            Ok(())
        }
        Command::Stats { data, year, under, format } => {
            let under = under.map(|u| antq::UnitId::from(u.as_str()).0);
            let ds = load_data(&data)?;
            // Rows are made and written one at a time (a national dataset has 170,000).
            let st = antq::stats::activity_stats_view(&ds, year, under.as_deref())?;
            notes(&ds.lints());
            // What no total counts (activities of units not in the window), on standard error.
            notes(st.lints());
            match format {
                Format::Json => {
                    serde_json::to_writer_pretty(sink::Stdout, &st)
                        .map_err(|e| sink::io_error("standard output", &std::io::Error::from(e)))?;
                    outln!();
                }
                Format::Csv => {
                    // The CSV's columns do not give the window (the table and JSON forms do).
                    note(&format!(
                        "antq: note: activities counted {} [{}]: the review window of communes, Circular 124, applied to activities",
                        st.window(),
                        antq::stats::WINDOW_CERTAINTY.mark()
                    ));
                    output::write_stats_csv(&st)?
                }
                Format::Table => output::write_stats_table(&st, lang)?,
            }
            std::mem::forget(st);
            std::mem::forget(ds);
            Ok(())
        }
        Command::Hierarchy { data, year, as_of } => {
            // One of the two (clap): a date, or a year's review date.
            let on = as_of
                .or_else(|| year.map(antq::table::hierarchy_date))
                .unwrap_or_else(|| usage_error("`hierarchy` needs `--year` or `--as-of`"));
            let ds = load_data(&data)?;
            let prepared = antq::Prepared::new(&ds, chrono::Datelike::year(&on))?;
            notes(prepared.lints());
            let t = antq::table::hierarchy_table(&prepared, on)?;
            // The CSV has no place for the date it describes: named beside it, and how it was
            // taken from `--year`.
            match year.filter(|_| as_of.is_none()) {
                Some(y) => note(&format!(
                    "antq: note: {}",
                    in_notes_lang(
                        format!("the hierarchy on {on} (15 November {y}, the commune review date)"),
                        format!("hệ thống đơn vị ngày {on} (15/11/{y}, ngày xét duyệt cấp xã)")
                    )
                )),
                None => note(&format!(
                    "antq: note: {}",
                    in_notes_lang(format!("the hierarchy on {on}"), format!("hệ thống đơn vị ngày {on}"))
                )),
            }
            out!("{}", output::table_csv(&t));
            Ok(())
        }
        Command::Teams { file, format } => {
            let (name, text) = read_text(&file)?;
            let input = antq::teams::RankingInput::from_str_named(&name, &text)?;
            let r = antq::teams::rank(&input)?;
            let used = instrument_line(&r.instrument, r.certainty, lang);
            let mut head = vec![format!("{used} (ranking date {})", r.reference_date)];
            head.extend(r.notes.iter().map(|n| format!("note: {}", n.get(lang))));
            print_head(&head, format)?;
            match format {
                Format::Json => outln!("{}", serde_json::to_string_pretty(&r).unwrap_or_default()),
                Format::Csv => out!("{}", output::teams_csv(&r, lang)),
                Format::Table => out!("{}", output::teams_table(&r, lang)),
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
                print_head(&head, format)?;
            }
            match format {
                Format::Json => outln!("{}", serde_json::to_string_pretty(&r).unwrap_or_default()),
                Format::Csv => out!("{}", output::medal_csv(&r, lang)),
                Format::Table => out!("{}", output::medal_table(&r, lang)),
            }
            Ok(())
        }
        Command::Whatif { rules, supplement, year, when, data, level, verify, format, units } => {
            let units = nfc_all(units);
            decide::whatif(&rules, &supplement, year, &when, &data, &units, level, verify, format, lang)
        }
        Command::Impact { rules, vs, supplement, param, year, when, format, data } => {
            decide::impact(&rules, vs, &supplement, &param, year, &when, &data, format, lang)
        }
        Command::Sensitivity {
            rules,
            supplement,
            year,
            when,
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
            &when,
            &data,
            samples,
            seed,
            grid,
            cutoff_range,
            max_range,
            pass_level,
            top,
            format,
            lang,
        ),
        Command::Compare { rules, supplement, years, leniency, all, format, data } => {
            decide::compare(&rules, &supplement, &years, &leniency, &data, all, format, lang)
        }
        Command::Presets { format } => {
            let families = antq::law::families();
            match format {
                Format::Json => outln!("{}", serde_json::to_string_pretty(&families).unwrap_or_default()),
                Format::Csv => out!("{}", output::table_csv(&antq::table::instruments_table())),
                Format::Table => out!("{}", antq::report::families(&families, lang)),
            }
            Ok(())
        }
        Command::Template { rules, supplement, year, kind, output } => {
            let rs = load_rules(&rules, &supplement, year, None)?;
            // A preset id or file is not resolved by the year: it must apply in it.
            rs.ensure_in_force_in(year)?;
            antq::columnar::write_template(&rs, kind, &output).map_err(|e| match e {
                Error::Io { path, message } => CliError::Write { path, message },
                other => other.into(),
            })?;
            note(&format!(
                "antq: wrote the {} evidence template of `{}` to {}",
                kind.as_str(),
                rs.id,
                output.display()
            ));
            Ok(())
        }
        Command::Generate { units, national, scale, years, year, seed, output, format } => {
            if scale.is_some() && !national {
                usage_error("--scale multiplies the national shape: give --national too (or --units alone)");
            }
            let output = file_or_stdout(output);
            let spec = if national {
                antq::generate::Spec::national(year, scale.unwrap_or(1), seed)?
            } else {
                antq::generate::Spec { units, year, seed }
            };
            let limits = antq::Limits::default();
            let Some(ds) = antq::generate::generate_years_within(&spec, years, &limits)? else {
                usage_error(&format!(
                    "--years {years} from {year}: the years may not cross the 1 July 2025 reform (the hierarchy \
                     changes); generate the years before 2025 and from 2025 apart"
                ));
            };
            if let DataFormat::Tables(f) = format {
                // clap requires `-o` with a table format.
                let out = output.ok_or_else(|| CliError::Write {
                    path: "standard output".into(),
                    message: format!("--format {} writes files; give -o", f.as_str()),
                })?;
                antq::columnar::write_dataset(&ds, &out, f).map_err(|e| match e {
                    Error::Io { path, message } => CliError::Write { path, message },
                    other => other.into(),
                })?;
                generated(&ds);
                return Ok(());
            }
            let max = limits.max_document_bytes;
            // Written as it is made, never more than the document size limit.
            let write = |w: &mut dyn std::io::Write, path: &str| -> CliResult {
                use std::io::Write as _;
                let mut w = sink::Limited { inner: w, left: max, over: false };
                let r =
                    serde_json::to_writer(&mut w, &ds).map_err(std::io::Error::from).and_then(|()| w.write_all(b"\n"));
                match r {
                    Ok(()) => Ok(()),
                    Err(_) if w.over => Err(Error::InvalidDataset(vec![antq::Problem::new(
                        antq::ProblemCode::Limit,
                        antq::Location { file: Some(path.to_owned()), ..Default::default() },
                        format!("generated document size in bytes: over the limit max_document_bytes = {max}"),
                    )])
                    .into()),
                    Err(e) => Err(sink::io_error(path, &e)),
                }
            };
            match output {
                Some(p) => sink::write_file(&p, |w| write(w, &p.display().to_string()))?,
                None => write(&mut sink::Stdout, "standard output")?,
            }
            generated(&ds);
            Ok(())
        }
    }
}

/// Ends a command that went on past errors about some of its inputs (unknown units of
/// `explain` and `whatif`): each is printed, the last as the command's error (its exit
/// code), so that none hides the others.
pub(crate) fn each_error(errors: Vec<Error>) -> CliResult {
    let mut errors = errors.into_iter();
    let Some(last) = errors.next_back() else {
        return Ok(());
    };
    sink::flush()?;
    for e in errors {
        note(&format!("error[{}]: {}", e.code(), e.text(notes_lang())));
    }
    Err(last.into())
}

/// A unit kind by its name in files.
fn parse_kind(s: &str) -> Result<antq::Kind, String> {
    antq::Kind::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
        let all: Vec<&str> = antq::Kind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown unit kind `{s}`; expected one of: {}", all.join(", "))
    })
}

/// Notes what `generate` wrote, on standard error.
fn generated(ds: &Dataset) {
    note(&format!(
        "antq: generated {} units, {} evidence records, {} incidents",
        ds.units.len(),
        ds.evidence.len(),
        ds.incidents.len()
    ));
}

fn kinds(rs: &RuleSet) -> String {
    rs.kinds().iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
}

/// Unit ids given on the command line, in Unicode NFC like the ids read from files.
fn nfc_all(ids: Vec<String>) -> Vec<String> {
    ids.iter().map(|i| antq::UnitId::from(i.as_str()).0.into_string()).collect()
}

/// Whether the command writes a table or text (escaped for a terminal).
fn is_text(c: &Command) -> bool {
    match c {
        Command::Evaluate { format, .. }
        | Command::Stats { format, .. }
        | Command::Teams { format, .. }
        | Command::Medal { format, .. }
        | Command::Whatif { format, .. }
        | Command::Impact { format, .. }
        | Command::Sensitivity { format, .. }
        | Command::Compare { format, .. }
        | Command::Presets { format } => *format == Format::Table,
        Command::Review { .. } | Command::Hierarchy { .. } | Command::Generate { .. } | Command::Template { .. } => {
            false
        }
        Command::Demo | Command::Explain { .. } | Command::Check { .. } => true,
    }
}

/// "instrument: ID VERSION [mark] — title (sha256 …)" for the §6 commands.
fn instrument_line(i: &antq::law::InstrumentRef, certainty: antq::Certainty, lang: antq::Lang) -> String {
    let title = antq::law::instrument(&i.id).map(|x| x.title.get(lang).to_owned()).unwrap_or_default();
    format!("instrument: {} {} [{}] — {title} (sha256 {})", i.id, i.version, certainty.mark(), i.content_hash)
}

/// Lines before a table (on stdout), or before CSV (on stderr, so the CSV stays clean);
/// JSON carries the same in its fields.
fn print_head(lines: &[String], format: Format) -> CliResult {
    match format {
        Format::Table => {
            for l in lines {
                outln!("{l}");
            }
            outln!();
        }
        Format::Csv => {
            for l in lines {
                note(l);
            }
        }
        Format::Json => {}
    }
    Ok(())
}
