//! `antq._antq`: the Python extension of antq. It only converts types and maps errors;
//! every rule, check and conversion of flat rows lives in the core (`antq`).

mod analysis;
mod data;
mod errors;
mod eval;
mod pages;
mod pickle;
mod progress;
mod results;
mod rules;
mod table;

use antq::{Error, Lang, Location, Problem, ProblemCode};
use errors::{Fail, run};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use serde::Serialize;

pub use data::{Dataset, Stats};
pub use eval::{Evaluation, UnitResult};
pub use rules::{RuleSet, Supplement};
pub use table::Table;

/// A Python value from JSON text (`json.loads`).
fn json_loads<'py>(py: Python<'py>, s: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (s,))
}

/// A serialisable core value as plain Python data (dicts, lists, str, int, float, bool).
fn to_python<'py, T: Serialize + ?Sized>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    let s = serde_json::to_string(v).map_err(|e| errors::internal(py, &e.to_string()))?;
    json_loads(py, &s)
}

/// JSON text of a Python object (dicts with dates, decimals…), or the problem why not.
fn dumps(py: Python<'_>, obj: &Bound<'_, PyAny>) -> Result<String, Box<Problem>> {
    let res = py.import("antq._util").and_then(|m| m.call_method1("dumps", (obj,))).and_then(|s| s.extract::<String>());
    res.map_err(|e| {
        Box::new(Problem::new(
            ProblemCode::Syntax,
            Location::default(),
            format!("the object cannot be read as JSON data: {e}"),
        ))
    })
}

fn lang(s: &str) -> PyResult<Lang> {
    match s {
        "en" => Ok(Lang::En),
        "vi" => Ok(Lang::Vi),
        other => Err(errors::argument_attached("lang", &format!("must be \"en\" or \"vi\", not {other:?}"))),
    }
}

/// A date from a `datetime.date` or ISO text; `name` is the argument's, for its error.
fn date_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<chrono::NaiveDate> {
    if let Ok(s) = obj.cast::<PyString>() {
        let s: String = s.extract()?;
        return chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| errors::argument_attached(name, &format!("`{s}` is not a date like 2023-11-15")));
    }
    obj.extract::<chrono::NaiveDate>()
        .map_err(|_| errors::argument_attached(name, "a date must be a datetime.date or text like 2023-11-15"))
}

/// A core result table as `library` (by default `default`, the input's library, else
/// pandas when installed; `"arrow"` is the `antq.Table` itself).
fn frame<'py>(
    py: Python<'py>,
    table: &antq::table::Table<'_>,
    library: Option<&str>,
    default: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    table::Table::of(py, table, default)?.into_library(py, library)
}

/// An Arrow record batch of the result table `name` as `library` (or `default`).
fn frame_of_batch<'py>(
    py: Python<'py>,
    batch: arrow_array::RecordBatch,
    name: &str,
    library: Option<&str>,
    default: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    table::Table::of_batch(batch, name, default).into_library(py, library)
}

/// The `library=` argument; `kind=`, its former name, is refused with an `ArgumentError`
/// naming the new keyword (`kind` meant three things: the table library, a unit kind, a
/// change kind).
fn library_arg<'a>(
    py: Python<'_>,
    library: Option<&'a str>,
    kind: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<&'a str>> {
    match kind {
        Some(_) => Err(errors::argument(
            py,
            "kind",
            "kind= is no longer accepted here: pass library= for the table library (\"pandas\", \"polars\", \"pyarrow\", \"arrow\") or unit_kind= for a unit kind",
        )),
        None => Ok(library),
    }
}

/// `antq::Limits` from a dict of the fields to change (`{"max_units": 1000}`); every other
/// field keeps its default, and an unknown field is a `ValueError`.
fn limits_arg(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<antq::Limits> {
    let Some(obj) = obj else { return Ok(antq::Limits::default()) };
    let text: String = py
        .import("json")?
        .call_method1("dumps", (obj,))
        .and_then(|t| t.extract())
        .map_err(|e| errors::argument(py, "limits", &format!("must be a dict of numbers: {e}")))?;
    serde_json::from_str(&text).map_err(|e| errors::argument(py, "limits", &e.to_string()))
}

/// The default limits on input (`antq::Limits`) as a dict.
#[pyfunction]
fn default_limits(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json_loads(py, &serde_json::to_string(&antq::Limits::default()).unwrap_or_default())
}

/// The ids of the built-in rule sets.
#[pyfunction]
fn presets() -> Vec<&'static str> {
    antq::rules::PRESET_IDS.to_vec()
}

/// Evaluates a dataset against a rule set (or a preset id) for a year.
#[pyfunction]
#[pyo3(signature = (dataset, rules, year, *, as_of = None, rule_sets = None, allow_outside_period = false, allow_as_of_outside_year = false, lenient_vocabulary = false, progress = None))]
#[allow(clippy::too_many_arguments)]
fn evaluate(
    py: Python<'_>,
    dataset: &Bound<'_, Dataset>,
    rules: &Bound<'_, PyAny>,
    year: crate::errors::Year,
    as_of: Option<&Bound<'_, PyAny>>,
    rule_sets: Option<Vec<Bound<'_, RuleSet>>>,
    allow_outside_period: bool,
    allow_as_of_outside_year: bool,
    lenient_vocabulary: bool,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Evaluation> {
    let year = year.0;
    let allow = eval::Allow {
        outside_period: allow_outside_period,
        as_of_outside_year: allow_as_of_outside_year,
        lenient_vocabulary,
    };
    eval::evaluate(py, dataset.get(), rules, year, eval::options(as_of, rule_sets, allow)?, progress)
}

/// Every unit's verdict as a table — unit, kind, subkind, parent, outcome, level, rank,
/// met, of, and one column per criterion with its status — computed without writing
/// explanations (a fraction of `evaluate`'s time); `evaluate` gives the explained results.
/// `dataset` is a `Dataset` (from frames: `Dataset.from_frames`; validated and indexed by its
/// first review, kept so for the next) or a path read as `Dataset.from_path` reads it (JSON,
/// TOML, a folder of Parquet/Arrow/CSV tables, a workbook), validated once. `columns` keeps only those columns (e.g. `["unit", "outcome"]`), the
/// others never built.
#[pyfunction]
#[pyo3(signature = (dataset, rules, year, *, as_of = None, rule_sets = None, library = None, allow_outside_period = false, allow_as_of_outside_year = false, lenient_vocabulary = false, kind = None, progress = None, columns = None))]
#[allow(clippy::too_many_arguments)]
fn review<'py>(
    py: Python<'py>,
    dataset: &Bound<'_, PyAny>,
    rules: &Bound<'_, PyAny>,
    year: crate::errors::Year,
    as_of: Option<&Bound<'_, PyAny>>,
    rule_sets: Option<Vec<Bound<'_, RuleSet>>>,
    library: Option<&str>,
    allow_outside_period: bool,
    allow_as_of_outside_year: bool,
    lenient_vocabulary: bool,
    kind: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
    columns: Option<errors::Columns>,
) -> PyResult<Bound<'py, PyAny>> {
    let year = year.0;
    let library = library_arg(py, library, kind)?;
    let allow = eval::Allow {
        outside_period: allow_outside_period,
        as_of_outside_year: allow_as_of_outside_year,
        lenient_vocabulary,
    };
    let opts = eval::options(as_of, rule_sets, allow)?;
    eval::review(py, source_arg(py, dataset)?, rules, year, opts, library, progress, columns.map(|c| c.0))
}

/// Where a review's dataset comes from: a `Dataset`, a path (JSON, TOML or tables: Parquet,
/// Arrow, CSV folders, workbooks, read by the core and validated once, when prepared) or a
/// dict.
fn source_arg<'d>(py: Python<'_>, dataset: &'d Bound<'_, PyAny>) -> PyResult<eval::Source<'d>> {
    Ok(match dataset.cast::<Dataset>() {
        Ok(d) => eval::Source::Dataset(d.get()),
        Err(_) if dataset.is_instance_of::<pyo3::types::PyString>() || dataset.hasattr("__fspath__")? => {
            eval::Source::Path(dataset.extract().map_err(|_| errors::argument(py, "dataset", "not a path"))?)
        }
        Err(_) if dataset.is_instance_of::<PyDict>() => match data::load_dataset(py, dataset) {
            Ok(ds) => eval::Source::Read(ds),
            Err(f) => return Err(f.into_py(py)),
        },
        Err(_) => {
            return Err(errors::argument(
                py,
                "dataset",
                &format!("expected a Dataset, a path or a dict, got {}", dataset.get_type().name()?),
            ));
        }
    })
}

/// Every unit's verdict, as `review` computes it, written to `path` by the core (the writer
/// of `antq review -o`) without building a table in Python: CSV, or a Parquet or Arrow
/// table when the extension says so (`.parquet`, `.arrow`, `.feather`), written whole or not
/// at all. `columns` keeps only those (e.g. `["unit", "outcome"]`). Returns what was written
/// and what decided it: `path`, `format`, `rows`, `columns`, `record` (rule set, instrument,
/// supplements, as-of date) and `lints`.
#[pyfunction]
#[pyo3(signature = (dataset, rules, year, path, *, columns = None, as_of = None, rule_sets = None, allow_outside_period = false, allow_as_of_outside_year = false, lenient_vocabulary = false, progress = None))]
#[allow(clippy::too_many_arguments)]
fn write_verdicts<'py>(
    py: Python<'py>,
    dataset: &Bound<'_, PyAny>,
    rules: &Bound<'_, PyAny>,
    year: crate::errors::Year,
    #[pyo3(from_py_with = crate::errors::path)] path: std::path::PathBuf,
    columns: Option<errors::Columns>,
    as_of: Option<&Bound<'_, PyAny>>,
    rule_sets: Option<Vec<Bound<'_, RuleSet>>>,
    allow_outside_period: bool,
    allow_as_of_outside_year: bool,
    lenient_vocabulary: bool,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    antq::verdicts::file_format(&path).map_err(|why| errors::argument(py, "path", &why))?;
    let allow = eval::Allow {
        outside_period: allow_outside_period,
        as_of_outside_year: allow_as_of_outside_year,
        lenient_vocabulary,
    };
    let opts = eval::options(as_of, rule_sets, allow)?;
    eval::write_verdicts(py, source_arg(py, dataset)?, rules, year.0, path, opts, progress, columns.map(|c| c.0))
}

/// The families of instruments (`antq presets`): each with its members, their periods of
/// application, how certain those are, and what antq encodes of each.
#[pyfunction]
fn families(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json_loads(py, &serde_json::to_string(&antq::law::families()).unwrap_or_default())
}

/// Every result's table columns in order, as the core names them (`antq::table::headers`):
/// `{"evaluation": ["unit", "name", …], "criteria": […], …}`. Each `antq.Table` (an
/// analysis result's `.table()`, `Evaluation.rows()`, `Stats.rows()`…) has these columns
/// (`verdicts`: then one per criterion).
#[pyfunction]
fn headers() -> std::collections::BTreeMap<&'static str, Vec<&'static str>> {
    antq::table::headers().into_iter().map(|(n, h)| (n, h.to_vec())).collect()
}

/// A rule set for listing what it reads: a `RuleSet`, a preset id, a path or a dict; a
/// family id needs `year` (it names a member by the year).
fn listing_rules(
    py: Python<'_>,
    rules: &Bound<'_, PyAny>,
    year: Option<i32>,
) -> PyResult<std::sync::Arc<antq::RuleSet>> {
    match year {
        // A preset id, file or `RuleSet` is not resolved by the year: it must apply in it.
        Some(y) => {
            let rs = rules::rules_arg(py, rules, y, None)?;
            rs.ensure_in_force_in(y).map_err(|e| errors::to_py(py, &e))?;
            Ok(rs)
        }
        None => match rules.extract::<String>().ok().and_then(|s| antq::RuleSet::preset(&s).ok()) {
            Some(r) => Ok(std::sync::Arc::new(r)),
            None => rules::load_rules(py, rules).map(std::sync::Arc::new).map_err(|f| rules::raise(py, f)),
        },
    }
}

/// The evidence a rule set reads (`antq::table::indicators_table`): one row per unit kind
/// and evidence column — kind, column, type, the criteria reading it, labels, a points
/// item's maximum — as `library` (by default pandas when installed).
#[pyfunction]
#[pyo3(signature = (rules, year = None, unit_kind = None, *, library = None))]
fn indicators<'py>(
    py: Python<'py>,
    rules: &Bound<'py, PyAny>,
    year: Option<i32>,
    unit_kind: Option<&str>,
    library: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let rs = listing_rules(py, rules, year)?;
    let kind = eval::unit_kind_arg(py, unit_kind)?;
    let t = antq::table::indicators_table(&rs, kind).map_err(|e| errors::to_py(py, &e))?;
    frame(py, &t, library, None)
}

/// An empty evidence table for units of `unit_kind` under `rules`
/// (`antq::table::evidence_template`, the columns `antq template` writes), typed, as
/// `library` (by default pandas when installed).
#[pyfunction]
#[pyo3(signature = (rules, unit_kind, *, year = None, library = None))]
fn evidence_template<'py>(
    py: Python<'py>,
    rules: &Bound<'py, PyAny>,
    unit_kind: &str,
    year: Option<i32>,
    library: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let rs = listing_rules(py, rules, year)?;
    let kind = eval::unit_kind_arg(py, Some(unit_kind))?.ok_or_else(|| errors::argument(py, "unit_kind", "needed"))?;
    let t = antq::table::evidence_template(&rs, kind).map_err(|e| errors::to_py(py, &e))?;
    frame(py, &t, library, None)
}

/// Activity statistics for a year, rolled up the hierarchy (optionally under one unit).
#[pyfunction]
#[pyo3(signature = (dataset, year, under = None))]
fn activity_stats(
    py: Python<'_>,
    dataset: &Bound<'_, Dataset>,
    year: crate::errors::Year,
    under: Option<String>,
) -> PyResult<Stats> {
    let year = year.0;
    dataset.get().stats(py, year, under)
}

/// The sample report: the bundled synthetic province under every preset.
#[pyfunction]
#[pyo3(signature = (lang = "en"))]
fn sample_report(py: Python<'_>, lang: &str) -> PyResult<String> {
    let l = crate::lang(lang)?;
    run(py, move || Ok(antq::report::sample_report(l)?))
}

fn check_result<'py>(
    py: Python<'py>,
    id: Option<&str>,
    problems: &[Problem],
    lints: &[Problem],
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("ok", problems.is_empty())?;
    d.set_item("id", id)?;
    d.set_item("problems", errors::problem_list(py, problems)?)?;
    d.set_item("lints", to_python(py, lints)?)?;
    Ok(d)
}

/// Validates a rule set (a `RuleSet`, preset id, path or dict) with supplements, and lints
/// it; content problems are returned, not raised.
#[pyfunction]
#[pyo3(signature = (rules, supplements = None))]
fn check_rules<'py>(
    py: Python<'py>,
    rules: &Bound<'py, PyAny>,
    supplements: Option<Vec<Bound<'py, PyAny>>>,
) -> PyResult<Bound<'py, PyDict>> {
    let mut rs = match rules::load_rules(py, rules) {
        Ok(rs) => rs,
        Err(Fail::Core(e @ Error::InvalidRuleSet(_))) => return check_result(py, None, e.problems(), &[]),
        Err(f) => return Err(f.into_py(py)),
    };
    for s in supplements.unwrap_or_default() {
        let step = rules::load_supplement(py, &s).and_then(|sup| Ok(rs.with_supplement(&sup)?));
        match step {
            Ok(next) => rs = next,
            Err(Fail::Core(e @ Error::InvalidRuleSet(_))) => return check_result(py, Some(&rs.id), e.problems(), &[]),
            Err(f) => return Err(f.into_py(py)),
        }
    }
    check_result(py, Some(&rs.id), &rs.problems(), &rs.lints())
}

/// Checks a dataset (a `Dataset`, path or dict) — against `rules` too when given: evidence
/// keys it would not read are problems (`unknown_key`) or lints; content problems are
/// returned, not raised.
#[pyfunction]
#[pyo3(signature = (dataset, rules = None))]
fn check_dataset<'py>(
    py: Python<'py>,
    dataset: &Bound<'py, PyAny>,
    rules: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let rules = match rules.map(|r| rules::load_rules(py, r)).transpose() {
        Ok(r) => r,
        Err(f) => return Err(f.into_py(py)),
    };
    match data::load_dataset(py, dataset) {
        Ok(ds) => {
            let (mut problems, mut lints) = (ds.problems(), ds.lints());
            if let Some(rs) = &rules {
                let (e, l) = antq::eval::vocabulary_problems(&ds, rs);
                problems.extend(e);
                lints.extend(l);
            }
            check_result(py, None, &problems, &lints)
        }
        Err(Fail::Core(e @ Error::InvalidDataset(_))) => check_result(py, None, e.problems(), &[]),
        Err(f) => Err(f.into_py(py)),
    }
}

/// For the benchmark: seconds the native path takes (evaluate, then one flat row per
/// unit; with `free`, freeing both too), best of `repeat` runs, measured inside Rust.
#[pyfunction]
#[pyo3(signature = (dataset, rules, year, repeat = 3, free = true))]
fn _bench_native(
    py: Python<'_>,
    dataset: &Bound<'_, Dataset>,
    rules: &Bound<'_, PyAny>,
    year: crate::errors::Year,
    #[pyo3(from_py_with = crate::errors::repeat)] repeat: usize,
    free: bool,
) -> PyResult<f64> {
    let year = year.0;
    let rs = rules::rules_arg(py, rules, year, None)?;
    let ds = dataset.get().inner.clone();
    run(py, move || {
        let mut best = f64::INFINITY;
        for _ in 0..repeat.max(1) {
            let t = std::time::Instant::now();
            let ev = antq::evaluate(&ds, &rs, year)?;
            let rows = ev.rows();
            std::hint::black_box(&rows);
            let kept = if free {
                drop((ev, rows));
                None
            } else {
                Some((ev, rows))
            };
            best = best.min(t.elapsed().as_secs_f64());
            drop(kept);
        }
        Ok(best)
    })
}

#[pymodule]
fn _antq(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("PRESET_IDS", antq::rules::PRESET_IDS.to_vec())?;
    m.add_class::<RuleSet>()?;
    m.add_class::<Supplement>()?;
    m.add_class::<Dataset>()?;
    m.add_class::<Evaluation>()?;
    m.add_class::<UnitResult>()?;
    m.add_class::<Stats>()?;
    m.add_class::<Table>()?;
    results::register(m)?;
    m.add_function(wrap_pyfunction!(table::_unpickle_table, m)?)?;
    m.add_function(wrap_pyfunction!(pickle::_unpickle, m)?)?;
    m.add_function(wrap_pyfunction!(presets, m)?)?;
    m.add_function(wrap_pyfunction!(families, m)?)?;
    m.add_function(wrap_pyfunction!(headers, m)?)?;
    m.add_function(wrap_pyfunction!(indicators, m)?)?;
    m.add_function(wrap_pyfunction!(evidence_template, m)?)?;
    m.add_function(wrap_pyfunction!(eval::unit_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(default_limits, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(review, m)?)?;
    m.add_function(wrap_pyfunction!(write_verdicts, m)?)?;
    m.add_function(wrap_pyfunction!(activity_stats, m)?)?;
    m.add_function(wrap_pyfunction!(sample_report, m)?)?;
    m.add_function(wrap_pyfunction!(check_rules, m)?)?;
    m.add_function(wrap_pyfunction!(check_dataset, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_native, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::whatif, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::impact, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::sensitivity, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::compare, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::rank_teams, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::assess_medals, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::festival_day, m)?)?;
    Ok(())
}
