//! antq errors as Python exceptions: the classes live in `antq/_errors.py` (so that
//! `RuleSetError` can subclass both `AntqError` and `ValueError`); here they are filled
//! with the core error's stable code and structured problems.

use antq::{Error, Problem};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// One problem as a dict: `code`, `location` (file, line, column, path, unit,
/// criterion; absent parts are None), `message`, `message_vi` when antq words it in
/// Vietnamese and, only on the last line of a capped list, `omitted` (how many problems it
/// counts without listing them).
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
    if let Some(vi) = &p.message_vi {
        d.set_item("message_vi", vi)?;
    }
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

fn build(
    py: Python<'_>,
    class: &str,
    (message, message_vi): (&str, Option<&str>),
    code: &str,
    problems: &[Problem],
) -> PyResult<PyErr> {
    let cls = py.import("antq._errors")?.getattr(class)?;
    let obj = cls.call1((message, code, problem_list(py, problems)?, message_vi))?;
    Ok(PyErr::from_value(obj))
}

/// The Python exception for a core error.
pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    if let Error::BadArgument { argument: a, message } = e {
        // The core names the spec's field; Python's keyword where it differs.
        let name = match a.as_str() {
            "steps" => "grid",
            "max_range_percent" => "max_range",
            "kind" => "unit_kind",
            a => a,
        };
        return argument(py, name, message);
    }
    let (en, vi) = (e.to_string(), e.text(antq::Lang::Vi));
    build(py, class_name(e), (&en, Some(&vi)), e.code(), e.problems()).unwrap_or_else(|err| err)
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
    build(py, "AntqError", (&msg, None), "internal", &[]).unwrap_or_else(|_| PyRuntimeError::new_err(msg))
}

/// Why work done without the GIL failed.
#[derive(Debug)]
pub enum Fail {
    /// A core error (bad input).
    Core(Error),
    /// A failure that is a bug in antq.
    Internal(String),
    /// A file could not be written (`AntqIOError`, code `io`; the core's `Error::Io` says
    /// "cannot read").
    Write {
        /// The file.
        path: String,
        /// The system's message.
        message: String,
    },
}

impl Fail {
    /// The Python exception: the core error's, `AntqIOError` for a write, an internal
    /// `AntqError` for a bug.
    pub fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Fail::Core(e) => to_py(py, &e),
            Fail::Internal(what) => internal(py, &what),
            Fail::Write { path, message } => {
                let msg = format!("cannot write `{path}`: {message}");
                build(py, "AntqIOError", (&msg, None), "io", &[]).unwrap_or_else(|e| e)
            }
        }
    }
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
        Ok(Err(fail)) => Err(fail.into_py(py)),
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

/// The list of names `obj` gives for the argument `arg` (`what` they are: "column names"):
/// any sequence of strings, not empty; one string, an empty list or anything else is an
/// `ArgumentError` naming `arg` (pyo3's own conversion error would be a bare `TypeError`,
/// and a string would be taken for its letters). `empty` says what to do instead of an
/// empty list.
fn names(obj: Borrowed<'_, '_, PyAny>, arg: &str, what: &str, empty: &str) -> PyResult<Vec<String>> {
    let py = obj.py();
    if let Ok(one) = obj.extract::<String>() {
        return Err(argument(py, arg, &format!("a list of {what}, not one string: write [{one:?}]")));
    }
    let ty = || obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    let names: Vec<String> =
        obj.extract().map_err(|_| argument(py, arg, &format!("expected a list of {what}, got {}", ty())))?;
    if names.is_empty() {
        return Err(argument(py, arg, &format!("the list of {what} is empty: {empty}")));
    }
    Ok(names)
}

/// Argument types read by [`names`]: `(type, argument, what its names are, what to do
/// instead of an empty list)`.
macro_rules! name_lists {
    ($($(#[$doc:meta])* $t:ident: $arg:literal, $what:literal, $empty:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $t(pub Vec<String>);

        impl<'a, 'py> FromPyObject<'a, 'py> for $t {
            type Error = PyErr;

            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                names(obj, $arg, $what, $empty).map($t)
            }
        }
    )*};
}

name_lists! {
    /// A `columns` argument: a list (or any sequence) of column names ([`names`]).
    Columns: "columns", "column names", "name at least one, or leave `columns` out for every column";
    /// A `units` argument: a list (or any sequence) of unit ids ([`names`]).
    UnitIds: "units", "unit ids", "name at least one unit";
}

/// A `years` argument of two years: any sequence of two integers (a tuple or a list),
/// each read as a [`Year`]; anything else is an `ArgumentError` naming `years`.
#[derive(Debug, Clone, Copy)]
pub struct TwoYears(pub i32, pub i32);

impl<'a, 'py> FromPyObject<'a, 'py> for TwoYears {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let what = obj.repr().map(|r| r.to_string()).unwrap_or_else(|_| "?".into());
        let two = || argument(py, "years", &format!("expected two years, as (2023, 2025), got {what}"));
        if obj.extract::<String>().is_ok() {
            return Err(two());
        }
        let years: Vec<Bound<'py, PyAny>> = obj.extract().map_err(|_| two())?;
        match years.as_slice() {
            [a, b] => Ok(TwoYears(a.extract::<Year>()?.0, b.extract::<Year>()?.0)),
            _ => Err(two()),
        }
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

/// An integer type an argument is converted to, with the range it holds.
pub trait Whole: TryFrom<i128> {
    /// The smallest and largest value.
    const RANGE: (i128, i128);
}

macro_rules! whole {
    ($($t:ty),*) => {$(impl Whole for $t { const RANGE: (i128, i128) = (<$t>::MIN as i128, <$t>::MAX as i128); })*};
}
whole!(u32, u64, usize, i32, i64);

/// The integer argument `name`: a Python `int` (or any integer with `__index__`, not a
/// `bool`) that `T` holds; anything else is an `ArgumentError` naming the argument and the
/// range allowed (pyo3's own conversion raises a bare `OverflowError` or `TypeError`).
pub fn int<T: Whole>(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<T> {
    whole(obj).map_err(|why| argument(obj.py(), name, &why))
}

/// [`int`]'s value, or why it is not one (without the argument's name).
fn whole<T: Whole>(obj: &Bound<'_, PyAny>) -> Result<T, String> {
    let (min, max) = T::RANGE;
    let allowed = format!("a whole number from {min} to {max}");
    let value: Option<i128> = if obj.is_instance_of::<pyo3::types::PyBool>() { None } else { obj.extract().ok() };
    let Some(v) = value else {
        let ty = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        if obj.is_instance_of::<pyo3::types::PyInt>() && ty != "bool" {
            return Err(format!(
                "{ty} of {} digits is out of range: {allowed}",
                obj.str().map_or(0, |s| s.len().unwrap_or(0))
            ));
        }
        let what = obj.repr().map(|r| r.to_string()).unwrap_or_else(|_| "?".into());
        return Err(format!("expected {allowed}, got {ty} {what}"));
    };
    T::try_from(v).map_err(|_| format!("{v} is out of range: {allowed}"))
}

/// `from_py_with` adapters of [`int`] (`#[pyo3(from_py_with = errors::units)]`), one per
/// argument name: pyo3 gives an extractor the value, never the argument's name. An
/// `Option` one reads `None` as `None`.
macro_rules! int_arguments {
    ($($f:ident: $t:ty),* $(,)?) => {$(
        #[doc = concat!("The integer argument `", stringify!($f), "` ([`int`]).")]
        pub fn $f(obj: &Bound<'_, PyAny>) -> PyResult<$t> {
            <$t as IntArgument>::read(obj, stringify!($f))
        }
    )*};
}

/// An integer argument's Rust type: a [`Whole`] number, or an optional one (`None` for
/// `None`).
pub trait IntArgument: Sized {
    /// Reads the argument `name`.
    fn read(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Self>;
}

impl<T: Whole> IntArgument for T {
    fn read(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Self> {
        int(obj, name)
    }
}

impl<T: Whole> IntArgument for Option<T> {
    fn read(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Self> {
        if obj.is_none() { Ok(None) } else { int(obj, name).map(Some) }
    }
}

int_arguments! {
    units: usize,
    seed: u64,
    samples: Option<u32>,
    grid: Option<u32>,
    max_range: u32,
    top: i64,
    start: usize,
    stop: Option<usize>,
    n: Option<usize>,
    repeat: usize,
}

/// The optional integer argument `seed` (`None` for `None`): the seed of sensitivity's
/// random samples, which a grid does not take.
pub fn seed_opt(obj: &Bound<'_, PyAny>) -> PyResult<Option<u64>> {
    <Option<u64> as IntArgument>::read(obj, "seed")
}

/// A year argument with a default (`year = 2023`): [`Year`] as a `from_py_with` adapter.
pub fn year(obj: &Bound<'_, PyAny>) -> PyResult<i32> {
    obj.extract::<Year>().map(|y| y.0)
}

/// The `params` argument: a dict of parameter names to integers; anything else, or a value
/// out of range, is an `ArgumentError` naming `params` (and the parameter).
pub fn params(obj: &Bound<'_, PyAny>) -> PyResult<Option<std::collections::BTreeMap<String, i64>>> {
    if obj.is_none() {
        return Ok(None);
    }
    let py = obj.py();
    let d =
        obj.cast::<PyDict>().map_err(|_| argument(py, "params", "expected a dict of parameter names to integers"))?;
    let mut out = std::collections::BTreeMap::new();
    for (k, v) in d.iter() {
        let k: String = k.extract().map_err(|_| argument(py, "params", "parameter names must be text"))?;
        let v = whole::<i64>(&v).map_err(|why| argument(py, "params", &format!("parameter `{k}`: {why}")))?;
        out.insert(k, v);
    }
    Ok(Some(out))
}

/// A path argument `name`: a `str` or an `os.PathLike` giving one; anything else (bytes
/// among them) is an `ArgumentError` naming the argument (pyo3's own conversion raises a
/// bare `TypeError`).
pub fn path_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<std::path::PathBuf> {
    obj.extract::<std::path::PathBuf>().map_err(|_| {
        let ty = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        argument(obj.py(), name, &format!("expected a path as str or pathlib.Path, got {ty}"))
    })
}

/// [`path_arg`] for an argument named `path`, as a `from_py_with` adapter.
pub fn path(obj: &Bound<'_, PyAny>) -> PyResult<std::path::PathBuf> {
    path_arg(obj, "path")
}
