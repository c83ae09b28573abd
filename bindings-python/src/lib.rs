//! `antq._antq`: the Python extension of antq. It only converts types and maps errors;
//! every rule, check and conversion of flat rows lives in the core (`antq`).

mod analysis;
mod data;
mod errors;
mod eval;
mod pickle;
mod rules;

use antq::{Error, Lang, Location, Problem, ProblemCode};
use errors::{Fail, run};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use serde::Serialize;

pub use data::{Dataset, Stats};
pub use eval::{Evaluation, UnitResult};
pub use rules::{RuleSet, Supplement};

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
        other => Err(PyValueError::new_err(format!("lang must be \"en\" or \"vi\", not {other:?}"))),
    }
}

/// A date from a `datetime.date` or ISO text.
fn date_arg(obj: &Bound<'_, PyAny>) -> PyResult<chrono::NaiveDate> {
    if let Ok(s) = obj.cast::<PyString>() {
        let s: String = s.extract()?;
        return chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| PyValueError::new_err(format!("`{s}` is not a date like 2023-11-15")));
    }
    obj.extract::<chrono::NaiveDate>()
        .map_err(|_| PyTypeError::new_err("a date must be a datetime.date or text like 2023-11-15"))
}

/// The dataframe kind a table should be returned as.
fn frame<'py>(
    py: Python<'py>,
    table: &antq::table::Table<'_>,
    kind: Option<&str>,
    default: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let batch = py.detach(|| antq::columnar::table_to_batch(table)).map_err(|e| errors::internal(py, &e))?;
    frame_of_batch(py, batch, kind, default)
}

/// An Arrow record batch as a table of `kind` (or `default`).
fn frame_of_batch<'py>(
    py: Python<'py>,
    batch: arrow_array::RecordBatch,
    kind: Option<&str>,
    default: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let schema = batch.schema();
    let t = pyo3_arrow::PyTable::try_new(vec![batch], schema)?;
    let obj = Bound::new(py, t)?;
    py.import("antq._frames")?.call_method1("convert", (obj, kind.or(default)))
}

/// `antq::Limits` from a dict of the fields to change (`{"max_units": 1000}`); every other
/// field keeps its default, and an unknown field is a `ValueError`.
fn limits_arg(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<antq::Limits> {
    let Some(obj) = obj else { return Ok(antq::Limits::default()) };
    let text: String = py.import("json")?.call_method1("dumps", (obj,))?.extract()?;
    serde_json::from_str(&text).map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("limits: {e}")))
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
#[pyo3(signature = (dataset, rules, year, *, as_of = None, rule_sets = None, allow_outside_period = false, allow_as_of_outside_year = false, lenient_vocabulary = false))]
#[allow(clippy::too_many_arguments)]
fn evaluate(
    py: Python<'_>,
    dataset: &Bound<'_, Dataset>,
    rules: &Bound<'_, PyAny>,
    year: i32,
    as_of: Option<&Bound<'_, PyAny>>,
    rule_sets: Option<Vec<Bound<'_, RuleSet>>>,
    allow_outside_period: bool,
    allow_as_of_outside_year: bool,
    lenient_vocabulary: bool,
) -> PyResult<Evaluation> {
    let allow = eval::Allow {
        outside_period: allow_outside_period,
        as_of_outside_year: allow_as_of_outside_year,
        lenient_vocabulary,
    };
    eval::evaluate(py, dataset.get(), rules, year, eval::options(as_of, rule_sets, allow)?)
}

/// Every unit's verdict as a table — unit, kind, subkind, parent, outcome, level, rank,
/// met, of, and one column per criterion with its status — computed without writing
/// explanations (a fraction of `evaluate`'s time); `evaluate` gives the explained results.
/// `dataset` is a `Dataset` (from frames: `Dataset.from_frames`) or a path read as
/// `Dataset.from_path` reads it (JSON, TOML, a folder of Parquet/Arrow/CSV tables, a workbook).
#[pyfunction]
#[pyo3(signature = (dataset, rules, year, *, as_of = None, rule_sets = None, kind = None, allow_outside_period = false, allow_as_of_outside_year = false, lenient_vocabulary = false))]
#[allow(clippy::too_many_arguments)]
fn review<'py>(
    py: Python<'py>,
    dataset: &Bound<'_, PyAny>,
    rules: &Bound<'_, PyAny>,
    year: i32,
    as_of: Option<&Bound<'_, PyAny>>,
    rule_sets: Option<Vec<Bound<'_, RuleSet>>>,
    kind: Option<&str>,
    allow_outside_period: bool,
    allow_as_of_outside_year: bool,
    lenient_vocabulary: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let allow = eval::Allow {
        outside_period: allow_outside_period,
        as_of_outside_year: allow_as_of_outside_year,
        lenient_vocabulary,
    };
    let opts = eval::options(as_of, rule_sets, allow)?;
    match dataset.cast::<Dataset>() {
        Ok(d) => eval::review(py, d.get(), rules, year, opts, kind),
        // A path: JSON, TOML or tables (Parquet, Arrow, CSV folders, workbooks), read by the core.
        Err(_) => eval::review(py, &data::Dataset::from_arg(py, dataset)?, rules, year, opts, kind),
    }
}

/// The families of instruments (`antq presets`): each with its members, their periods of
/// application, how certain those are, and what antq encodes of each.
#[pyfunction]
fn families(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json_loads(py, &serde_json::to_string(&antq::law::families()).unwrap_or_default())
}

/// Every result's table columns in order, as the core names them (`antq::table::headers`):
/// `{"evaluation": ["unit", "name", …], "criteria": […], …}`. Each table a function
/// returns with `rows=True` (or `Evaluation.rows()`, `Stats.rows()`…) has these columns
/// (`verdicts`: then one per criterion).
#[pyfunction]
fn headers() -> std::collections::BTreeMap<&'static str, Vec<&'static str>> {
    antq::table::headers().into_iter().map(|(n, h)| (n, h.to_vec())).collect()
}

/// Activity statistics for a year, rolled up the hierarchy (optionally under one unit).
#[pyfunction]
#[pyo3(signature = (dataset, year, under = None))]
fn activity_stats(py: Python<'_>, dataset: &Bound<'_, Dataset>, year: i32, under: Option<String>) -> PyResult<Stats> {
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
    lints: &[String],
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("ok", problems.is_empty())?;
    d.set_item("id", id)?;
    d.set_item("problems", errors::problem_list(py, problems)?)?;
    d.set_item("lints", lints)?;
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
        Err(Fail::Core(e)) => return Err(errors::to_py(py, &e)),
        Err(Fail::Internal(s)) => return Err(errors::internal(py, &s)),
    };
    for s in supplements.unwrap_or_default() {
        let step = rules::load_supplement(py, &s).and_then(|sup| Ok(rs.with_supplement(&sup)?));
        match step {
            Ok(next) => rs = next,
            Err(Fail::Core(e @ Error::InvalidRuleSet(_))) => return check_result(py, Some(&rs.id), e.problems(), &[]),
            Err(Fail::Core(e)) => return Err(errors::to_py(py, &e)),
            Err(Fail::Internal(s)) => return Err(errors::internal(py, &s)),
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
        Err(Fail::Core(e)) => return Err(errors::to_py(py, &e)),
        Err(Fail::Internal(s)) => return Err(errors::internal(py, &s)),
    };
    match data::load_dataset(py, dataset) {
        Ok(ds) => {
            let (mut problems, mut lints) = (ds.problems(), ds.lints());
            if let Some(rs) = &rules {
                let (e, l) = antq::eval::vocabulary_problems(&ds, rs);
                problems.extend(e);
                lints.extend(l.iter().map(ToString::to_string));
            }
            check_result(py, None, &problems, &lints)
        }
        Err(Fail::Core(e @ Error::InvalidDataset(_))) => check_result(py, None, e.problems(), &[]),
        Err(Fail::Core(e)) => Err(errors::to_py(py, &e)),
        Err(Fail::Internal(s)) => Err(errors::internal(py, &s)),
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
    year: i32,
    repeat: usize,
    free: bool,
) -> PyResult<f64> {
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
    m.add_function(wrap_pyfunction!(pickle::_unpickle, m)?)?;
    m.add_function(wrap_pyfunction!(presets, m)?)?;
    m.add_function(wrap_pyfunction!(families, m)?)?;
    m.add_function(wrap_pyfunction!(headers, m)?)?;
    m.add_function(wrap_pyfunction!(eval::unit_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(default_limits, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(review, m)?)?;
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
