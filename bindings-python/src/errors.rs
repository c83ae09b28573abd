//! antq errors as Python exceptions: the classes live in `antq/_errors.py` (so that
//! `RuleSetError` can subclass both `AntqError` and `ValueError`); here they are filled
//! with the core error's stable code and structured problems.

use antq::{Error, Problem};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// One problem as a dict: `code`, `location` (file, line, column, path, unit,
/// criterion; absent parts are None), `message` and, only on the last line of a capped
/// list, `omitted` (how many problems it counts without listing them).
pub fn problem_dict<'py>(py: Python<'py>, p: &Problem) -> PyResult<Bound<'py, PyDict>> {
    let loc = PyDict::new(py);
    let l = &p.location;
    loc.set_item("file", &l.file)?;
    loc.set_item("line", l.line)?;
    loc.set_item("column", l.column)?;
    loc.set_item("path", &l.path)?;
    loc.set_item("unit", &l.unit)?;
    loc.set_item("criterion", &l.criterion)?;
    let d = PyDict::new(py);
    d.set_item("code", p.code.as_str())?;
    d.set_item("location", loc)?;
    d.set_item("message", &p.message)?;
    if let Some(n) = p.omitted {
        d.set_item("omitted", n)?;
    }
    Ok(d)
}

/// A list of problem dicts.
pub fn problem_list<'py>(py: Python<'py>, ps: &[Problem]) -> PyResult<Bound<'py, PyList>> {
    let items = ps.iter().map(|p| problem_dict(py, p)).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

fn class_name(e: &Error) -> &'static str {
    match e {
        Error::InvalidRuleSet(_) => "RuleSetError",
        Error::InvalidDataset(_) => "DatasetError",
        Error::InvalidMedalInput(_) => "MedalInputError",
        Error::InvalidTeamInput(_) => "TeamInputError",
        Error::UnknownPreset { .. } => "UnknownPresetError",
        Error::UnknownUnit { .. } => "UnknownUnitError",
        Error::BadYear { .. } => "YearError",
        Error::NotInForce(_) => "NotInForceError",
        Error::AsOfOutsideYear { .. } => "AsOfOutsideYearError",
        Error::Io { .. } => "AntqIOError",
        _ => "AntqError",
    }
}

fn build(py: Python<'_>, class: &str, message: &str, code: &str, problems: &[Problem]) -> PyResult<PyErr> {
    let cls = py.import("antq._errors")?.getattr(class)?;
    let obj = cls.call1((message, code, problem_list(py, problems)?))?;
    Ok(PyErr::from_value(obj))
}

/// The Python exception for a core error.
pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    build(py, class_name(e), &e.to_string(), e.code(), e.problems()).unwrap_or_else(|err| err)
}

/// An `ArgumentError` (an `AntqError` and a `ValueError`, code `bad_argument`) naming the
/// argument `name`.
pub fn argument(py: Python<'_>, name: &str, message: &str) -> PyErr {
    let msg = format!("{name}: {message}");
    let made = py
        .import("antq._errors")
        .and_then(|m| m.getattr("ArgumentError"))
        .and_then(|cls| cls.call1((msg.as_str(), name)))
        .map(PyErr::from_value);
    made.unwrap_or_else(|e| e)
}

/// [`argument`] where no `Python` token is at hand (the GIL is held: a pyfunction's
/// argument check).
pub fn argument_attached(name: &str, message: &str) -> PyErr {
    Python::attach(|py| argument(py, name, message))
}

/// An `AntqError` with code `internal` (a bug in antq; never expected).
pub fn internal(py: Python<'_>, what: &str) -> PyErr {
    let msg = format!("internal error in antq (please report it): {what}");
    build(py, "AntqError", &msg, "internal", &[]).unwrap_or_else(|_| PyRuntimeError::new_err(msg))
}

/// Why work done without the GIL failed.
#[derive(Debug)]
pub enum Fail {
    /// A core error (bad input).
    Core(Error),
    /// A failure that is a bug in antq.
    Internal(String),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail::Core(e)
    }
}

/// Runs `f` without the GIL, turning a core error into its exception and a panic into
/// an `AntqError` with code `internal`, so that no panic reaches Python.
pub fn run<T, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> Result<T, Fail> + Send,
{
    match py.detach(move || catch_unwind(AssertUnwindSafe(f))) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(Fail::Core(e))) => Err(to_py(py, &e)),
        Ok(Err(Fail::Internal(what))) => Err(internal(py, &what)),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_owned());
            Err(internal(py, &what))
        }
    }
}

/// Removes file, line and column from problems: for sources that were dicts, they point
/// into JSON text the caller never saw (the core's [`Error::without_positions`]).
pub fn without_position(e: Error) -> Error {
    e.without_positions()
}

/// A `columns` argument: a list (or any sequence) of column names; one string, or anything
/// else, is an `ArgumentError` naming `columns` (pyo3's own conversion error would be a bare
/// `TypeError`, and a string would be taken for its letters).
#[derive(Debug, Clone)]
pub struct Columns(pub Vec<String>);

impl<'a, 'py> FromPyObject<'a, 'py> for Columns {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let ty = || obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        if let Ok(one) = obj.extract::<String>() {
            return Err(argument(py, "columns", &format!("a list of column names, not one string: write [{one:?}]")));
        }
        obj.extract::<Vec<String>>()
            .map(Columns)
            .map_err(|_| argument(py, "columns", &format!("expected a list of column names, got {}", ty())))
    }
}

/// A year argument: a Python `int` (or any integer with `__index__`, not a `bool`); anything
/// else is an `ArgumentError` naming `year` (pyo3's own conversion error would be a bare
/// `TypeError`). Whether the year is one antq reviews is the core's check (`YearError`).
#[derive(Debug, Clone, Copy)]
pub struct Year(pub i32);

impl<'a, 'py> FromPyObject<'a, 'py> for Year {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let bad = || {
            let what = obj.repr().map(|r| r.to_string()).unwrap_or_else(|_| "?".into());
            let ty = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
            argument(py, "year", &format!("expected an integer year, got {ty} {what}"))
        };
        if obj.is_instance_of::<pyo3::types::PyBool>() {
            return Err(bad());
        }
        let y: i128 = obj.extract().map_err(|_| bad())?;
        i32::try_from(y).map(Year).map_err(|_| {
            let (from, to) = (antq::YEARS.start(), antq::YEARS.end());
            argument(py, "year", &format!("{y} is not a year: antq reviews the years {from}–{to}"))
        })
    }
}
