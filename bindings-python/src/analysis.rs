//! Decision support: `whatif`, `impact`, `sensitivity`, `compare`, and the DOMAIN §6 rules
//! `rank_teams`, `assess_medals`. Each returns its typed result (`crate::results`), whose
//! tables come back as the dataset's library (`to()`), else pandas when installed.

use crate::errors::{run, to_py};
use crate::eval::{warn_lints, warn_rules};
use crate::progress::Watch;
use crate::results::{Comparison, ImpactResult, Medals, Plans, Sensitivity, Teams, WhatIf};
use crate::{Dataset, to_python};
use antq::analysis::Goal;
use antq::analysis::sensitivity::{Sampling, SensitivitySpec};
use antq::{Lang, Options, Points};
use pyo3::prelude::*;
use std::collections::BTreeMap;

/// Refuses the keywords the typed results replaced: `rows=` (the result always has its
/// table: `.table()`, `.to_pandas()`…) and `kind=` (`.to(library)` chooses the library).
fn refuse_old(py: Python<'_>, rows: Option<&Bound<'_, PyAny>>, kind: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    if rows.is_some() {
        return Err(crate::errors::argument(
            py,
            "rows",
            "rows= is no longer accepted: the result is always the same object; take its rows with \
             .table(), .to_pandas(), .to_polars() or .to(library)",
        ));
    }
    crate::library_arg(py, None, kind).map(|_| ())
}

/// What it still takes for each unit: the smallest set of evidence changes to reach the
/// standard, the next level (or `level`) or typical. `verify=True` lays each reachable plan's
/// changes over the data and evaluates again (adds `verified`; `None` for a plan that is
/// not reachable: nothing to apply). The result's table is the core's what-if table
/// (`antq.headers()["whatif"]`), one row per change, texts in `lang`; `verified` is always a
/// column, empty where not checked, and `WhatIf.plans` carry it too. The evaluation's lints
/// are warned (`antq.LintWarning`) and kept in `WhatIf.lints`.
#[pyfunction]
#[pyo3(signature = (dataset, rules, year, units, *, level = None, verify = false, lang = "en", rows = None, kind = None, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn whatif(
    py: Python<'_>,
    dataset: &Bound<'_, Dataset>,
    rules: &Bound<'_, PyAny>,
    year: crate::errors::Year,
    units: crate::errors::UnitIds,
    level: Option<String>,
    verify: bool,
    lang: &str,
    rows: Option<&Bound<'_, PyAny>>,
    kind: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<WhatIf> {
    let year = year.0;
    refuse_old(py, rows, kind)?;
    let l = crate::lang(lang)?;
    let rs = crate::rules::rules_arg(py, rules, year, None)?;
    let ds = dataset.get().inner.clone();
    let goal = level.map_or(Goal::Auto, Goal::Level);
    let watch = Watch::new(py, progress)?;
    let opts = watch.options(py, Options::default());
    let rules_ref = antq::rules::RulesRef::of(&rs);
    let w = watch.run(py, move || {
        let ids: Vec<&str> = units.0.iter().map(String::as_str).collect();
        let mut w = antq::analysis::what_it_takes(&ds, &rs, year, &opts, &ids, &goal)?;
        if verify {
            w.verify(&ds, &rs, year, &opts)?;
        }
        Ok(w)
    })?;
    warn_rules(py, &[&rules_ref])?;
    warn_lints(py, &w.lints)?;
    Ok(WhatIf::new(Plans(w), l, dataset.get().frame_kind.clone()))
}

/// The impact of a rule change on the same data: against `vs` (another rule set), the
/// base with `supplements`, or the base with `params` (`{"min_met": 30}`). Its table: one
/// row per unit whose outcome changes (`parents_table()`: one per parent).
#[pyfunction]
#[pyo3(signature = (dataset, rules, year, *, vs = None, supplements = None, params = None, lang = "en", rows = None, kind = None, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn impact<'py>(
    py: Python<'py>,
    dataset: &Bound<'py, Dataset>,
    rules: &Bound<'py, PyAny>,
    year: crate::errors::Year,
    vs: Option<&Bound<'py, PyAny>>,
    supplements: Option<Vec<Bound<'py, PyAny>>>,
    #[pyo3(from_py_with = crate::errors::params)] params: Option<BTreeMap<String, i64>>,
    lang: &str,
    rows: Option<&Bound<'py, PyAny>>,
    kind: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<ImpactResult> {
    let year = year.0;
    refuse_old(py, rows, kind)?;
    let l = crate::lang(lang)?;
    let base = crate::rules::rules_arg(py, rules, year, None)?;
    let mut change = antq::analysis::impact::RuleChange {
        vs: vs.map(|v| crate::rules::rules_arg(py, v, year, None).map(|r| (*r).clone())).transpose()?,
        parameters: params.unwrap_or_default().into_iter().collect(),
        ..Default::default()
    };
    for s in supplements.unwrap_or_default() {
        change.supplements.push(crate::rules::load_supplement(py, &s).map_err(|f| crate::rules::raise(py, f))?);
    }
    let other = change.apply(&base).map_err(|e| to_py(py, &e))?;
    let ds = dataset.get().inner.clone();
    let watch = Watch::new(py, progress)?;
    let opts = watch.options(py, Options::default());
    let im = watch.run(py, move || Ok(antq::analysis::impact_of_rules(&ds, &base, &other, year, &opts)?))?;
    warn_rules(py, &[&im.base.rules, &im.changed.rules])?;
    warn_lints(py, &im.lints)?;
    Ok(ImpactResult::new(im, l, dataset.get().frame_kind.clone()))
}

/// Sensitivity of a points rule set's levels and ranks to its cut-offs (± `cutoff_range`
/// points) and item maxima (± `max_range` percent): `samples` seeded random samples, or a
/// grid of `grid` steps. Its table: one row per unit (`parents_table()`: one per parent).
#[pyfunction]
#[pyo3(signature = (dataset, rules, year, *, samples = None, seed = None, grid = None, cutoff_range = 5.0, max_range = 20, pass_level = None, rows = None, kind = None, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn sensitivity(
    py: Python<'_>,
    dataset: &Bound<'_, Dataset>,
    rules: &Bound<'_, PyAny>,
    year: crate::errors::Year,
    #[pyo3(from_py_with = crate::errors::samples)] samples: Option<u32>,
    #[pyo3(from_py_with = crate::errors::seed_opt)] seed: Option<u64>,
    #[pyo3(from_py_with = crate::errors::grid)] grid: Option<u32>,
    cutoff_range: f64,
    #[pyo3(from_py_with = crate::errors::max_range)] max_range: u32,
    pass_level: Option<String>,
    rows: Option<&Bound<'_, PyAny>>,
    kind: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Sensitivity> {
    let year = year.0;
    refuse_old(py, rows, kind)?;
    let rs = crate::rules::rules_arg(py, rules, year, None)?;
    let range: Points =
        format!("{cutoff_range}").parse().map_err(|e: String| crate::errors::argument(py, "cutoff_range", &e))?;
    let spec = SensitivitySpec {
        sampling: match (grid, samples, seed) {
            (Some(steps), None, None) => Sampling::Grid { steps },
            // A grid samples no randomness: `samples` or `seed` with it would be ignored.
            (Some(_), s, _) => {
                let name = if s.is_some() { "samples" } else { "seed" };
                return Err(crate::errors::argument(
                    py,
                    name,
                    &format!("{name}= is not taken with grid= (a grid draws no random samples)"),
                ));
            }
            (None, samples, seed) => Sampling::Random {
                samples: samples.unwrap_or(Sampling::DEFAULT_SAMPLES),
                seed: seed.unwrap_or(Sampling::DEFAULT_SEED),
            },
        },
        cutoff_range: range,
        max_range_percent: max_range,
        pass_level,
    };
    let ds = dataset.get().inner.clone();
    let watch = Watch::new(py, progress)?;
    let opts = watch.options(py, Options::default());
    let r = watch.run(py, move || Ok(antq::analysis::sensitivity(&ds, &rs, year, &opts, &spec)?))?;
    warn_rules(py, &[&r.rules])?;
    warn_lints(py, &r.lints)?;
    Ok(Sensitivity::new(r, Lang::En, dataset.get().frame_kind.clone()))
}

/// Year over year: the same units evaluated in `years` (earlier, later). Its table: one row
/// per unit (`parents_table()`: one per parent).
#[pyfunction]
#[pyo3(signature = (dataset, rules, years, *, rows = None, kind = None, progress = None))]
pub fn compare(
    py: Python<'_>,
    dataset: &Bound<'_, Dataset>,
    rules: &Bound<'_, PyAny>,
    years: crate::errors::TwoYears,
    rows: Option<&Bound<'_, PyAny>>,
    kind: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Comparison> {
    let years = (years.0, years.1);
    refuse_old(py, rows, kind)?;
    // Each year under the instrument in force in it (a family may change between them).
    let (a, b) =
        (crate::rules::rules_arg(py, rules, years.0, None)?, crate::rules::rules_arg(py, rules, years.1, None)?);
    // A published preset of a family is taken, for each year, as the member in force then.
    let year_rules = |r: &antq::RuleSet, y| r.in_year(y).map_err(|e| crate::errors::to_py(py, &e));
    let (a, b) = (year_rules(&a, years.0)?, year_rules(&b, years.1)?);
    let ds = dataset.get().inner.clone();
    let watch = Watch::new(py, progress)?;
    let opts = watch.options(py, Options::default());
    let c = watch.run(py, move || Ok(antq::analysis::compare_rule_years(&ds, (&a, &b), years.0, years.1, &opts)?))?;
    warn_rules(py, &[&c.rules[0], &c.rules[1]])?;
    warn_lints(py, &c.lints)?;
    Ok(Comparison::new(c, Lang::En, dataset.get().frame_kind.clone()))
}

/// Reads a DOMAIN §6 input: JSON or TOML text (`str`), or Python data (dict) read as JSON.
fn section6_input<T: Send>(
    py: Python<'_>,
    input: &Bound<'_, PyAny>,
    read: fn(&str, &str) -> antq::Result<T>,
    name: &str,
) -> PyResult<T> {
    // A document's text, a path (a `str` that is not a document, or a `pathlib.Path`), or
    // the document as a dict.
    let path = match input.extract::<String>() {
        Ok(s) if looks_like_document(&s) && !std::path::Path::new(&s).is_file() => {
            let name = name.to_owned();
            return run(py, move || Ok(read(&name, &s)?));
        }
        Ok(s) => Some(std::path::PathBuf::from(s)),
        Err(_) if input.is_instance_of::<pyo3::types::PyDict>() => None,
        Err(_) => input.extract::<std::path::PathBuf>().ok(),
    };
    if let Some(path) = path {
        return run(py, move || {
            let text = antq::read_file_limited(&path, antq::Limits::default().max_document_bytes)?;
            Ok(read(&path.display().to_string(), &text)?)
        });
    }
    let text = crate::dumps(py, input).map_err(|p| to_py(py, &antq::Error::InvalidDataset(vec![*p])))?;
    let name = name.to_owned();
    run(py, move || Ok(read(&name, &text).map_err(crate::errors::without_position)?))
}

/// Whether a `str` argument is a document's text rather than a path: JSON starts with `{`
/// or `[`; TOML has a line break or a `key = value` (an existing file of that name is read
/// as a path all the same).
fn looks_like_document(s: &str) -> bool {
    let t = s.trim_start_matches('\u{feff}').trim_start();
    t.starts_with(['{', '[']) || s.contains('\n') || s.contains('=')
}

/// Grassroots security teams and members ranked for a year (DOMAIN §6: four levels, the
/// 9-month and pending-complaint exclusions, the excellent cap, a leader never above the
/// team) by the `vn.teams` instrument in force on the ranking's date, named in the result
/// (`instrument`). `input`: the JSON or TOML text of `antq teams`' input, a path to such a
/// file (`str` or `pathlib.Path`), or the same as a dict. Its table: the core's teams table
/// (`antq.headers()["teams"]`), one row per team and member, reasons explained in `lang`.
#[pyfunction]
#[pyo3(signature = (input, *, lang = "en", rows = None, kind = None))]
pub fn rank_teams(
    py: Python<'_>,
    input: &Bound<'_, PyAny>,
    lang: &str,
    rows: Option<&Bound<'_, PyAny>>,
    kind: Option<&Bound<'_, PyAny>>,
) -> PyResult<Teams> {
    refuse_old(py, rows, kind)?;
    let l = crate::lang(lang)?;
    let input = section6_input(py, input, antq::teams::RankingInput::from_str_named, "teams.json")?;
    let r = run(py, move || Ok(antq::teams::rank(&input)?))?;
    Ok(Teams::new(r, l, None))
}

/// Commemorative medal eligibility (DOMAIN §6) of every candidate on the input's reference
/// date, under the `vn.medal` instrument in force then (Circular 11/2021 up to 27/4/2025,
/// Circular 20/2025 from 28/4/2025), named in each result (`instrument`). `input`: the JSON
/// or TOML text of `antq medal`'s input, a path to such a file (`str` or `pathlib.Path`),
/// or the same as a dict. Its table: the core's medal table (`antq.headers()["medal"]`),
/// one row per candidate, reasons in `lang`.
#[pyfunction]
#[pyo3(signature = (input, *, lang = "en", rows = None, kind = None))]
pub fn assess_medals(
    py: Python<'_>,
    input: &Bound<'_, PyAny>,
    lang: &str,
    rows: Option<&Bound<'_, PyAny>>,
    kind: Option<&Bound<'_, PyAny>>,
) -> PyResult<Medals> {
    refuse_old(py, rows, kind)?;
    let l = crate::lang(lang)?;
    let input = section6_input(py, input, antq::medal::MedalInput::from_str_named, "medal.json")?;
    let r = run(py, move || Ok(antq::medal::assess_all(&input)?))?;
    Ok(Medals::new(r, l, None))
}

/// What `date` (a `datetime.date` or ISO text) is for the festival day of the movement
/// (DOMAIN §6): 19 August from 2005, its season from `season_start` (`Y-MM-DD`, default
/// `Y-07-01`, illustrative) to the festival day, and the next festival day.
///
/// ```python
/// antq.festival_day("2025-08-19")["is_festival_day"]  # True
/// ```
#[pyfunction]
#[pyo3(signature = (date, *, season_start = None))]
pub fn festival_day<'py>(
    py: Python<'py>,
    date: &Bound<'py, PyAny>,
    season_start: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let date = crate::date_arg(date, "date")?;
    let mut params = antq::festival::FestivalParams::default();
    if let Some(s) = season_start {
        params.season_start = s.parse().map_err(|e: String| crate::errors::argument(py, "season_start", &e))?;
    }
    let c = run(py, move || Ok(antq::festival::check(date, &params)?))?;
    to_python(py, &c)
}
