//! Datasets (from files, text, dicts and dataframes) and activity statistics.

use crate::errors::{Fail, run, to_py, without_position};
use crate::{dumps, frame, to_python};
use antq::Error;
use antq::table::{dataset_to_tables, stats_table};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use std::path::PathBuf;
use std::sync::Arc;

/// Units with their yearly evidence, incidents and activities, checked.
#[pyclass(frozen, module = "antq")]
#[derive(Debug, Clone)]
pub struct Dataset {
    pub(crate) inner: Arc<antq::Dataset>,
    /// The dataframe kind the dataset came from (`pandas`, `polars`, `pyarrow`), used
    /// for the tables returned from it.
    pub(crate) frame_kind: Option<String>,
    /// The dataset validated and indexed for reviews (`antq::Validated`), made by the first
    /// review and kept for the next ones (or the error, given again each time).
    validated: std::sync::OnceLock<Result<antq::Validated, antq::Error>>,
}

/// Activity statistics of a year, rolled up the hierarchy.
#[pyclass(frozen, module = "antq")]
#[derive(Debug, Clone)]
pub struct Stats {
    inner: Arc<antq::stats::Stats>,
    frame_kind: Option<String>,
}

impl Dataset {
    fn new(ds: antq::Dataset) -> Self {
        Dataset::of(Arc::new(ds), None)
    }

    /// The dataset `inner`, from dataframes of `frame_kind` if any.
    pub(crate) fn of(inner: Arc<antq::Dataset>, frame_kind: Option<String>) -> Self {
        Dataset { inner, frame_kind, validated: std::sync::OnceLock::new() }
    }

    /// The dataset validated and indexed for reviews, evaluations and its hierarchy in
    /// `year`: on the first call (a national dataset's validation takes most of a second),
    /// then kept. The year is checked first, as `antq::Prepared::new` checks it.
    pub(crate) fn validated(&self, year: i32) -> Result<antq::Validated, antq::Error> {
        antq::check_year(year)?;
        self.validated.get_or_init(|| antq::Validated::new(self.inner.clone())).clone()
    }

    pub(crate) fn stats(&self, py: Python<'_>, year: i32, under: Option<String>) -> PyResult<Stats> {
        let ds = self.inner.clone();
        let st = run(py, move || Ok(antq::stats::activity_stats(&ds, year, under.as_deref())?))?;
        // What no total counts, warned as a review's lints are (and in `to_dict()["lints"]`).
        crate::eval::warn_lints(py, &st.lints)?;
        Ok(Stats { inner: Arc::new(st), frame_kind: self.frame_kind.clone() })
    }
}

fn from_dict(py: Python<'_>, obj: &Bound<'_, PyAny>) -> Result<antq::Dataset, Fail> {
    let text = dumps(py, obj).map_err(|p| Fail::Core(Error::InvalidDataset(vec![*p])))?;
    py.detach(|| antq::Dataset::from_str_named("<dict>", &text)).map_err(|e| Fail::Core(without_position(e)))
}

/// A dataset from a `Dataset`, a path or a dict.
pub(crate) fn load_dataset(py: Python<'_>, obj: &Bound<'_, PyAny>) -> Result<antq::Dataset, Fail> {
    if let Ok(d) = obj.cast::<Dataset>() {
        return Ok((*d.get().inner).clone());
    }
    if obj.is_instance_of::<PyDict>() {
        return from_dict(py, obj);
    }
    if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__").unwrap_or(false) {
        let p: PathBuf = obj.extract().map_err(|e: PyErr| Fail::Internal(e.to_string()))?;
        return py.detach(|| antq::columnar::read_path(&p)).map_err(Fail::Core);
    }
    Err(Fail::Core(Error::InvalidDataset(vec![antq::Problem::new(
        antq::ProblemCode::Syntax,
        antq::Location::default(),
        "a dataset must be a Dataset, a path or a dict",
    )])))
}

/// Arrow batches of a dataframe-like object, read through the Arrow PyCapsule interface.
fn batches(py: Python<'_>, obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Batches> {
    let arrowish = py.import("antq._frames")?.call_method1("as_arrow", (obj, name))?;
    let t: pyo3_arrow::PyTable = arrowish.extract().map_err(|e| {
        crate::errors::argument(py, name, &format!("could not be read as an Arrow table (via __arrow_c_stream__): {e}"))
    })?;
    Ok(t.into_inner())
}

/// `err` with its problems located in the caller's own tables (`antq._frames.relabel`:
/// the row's index label, the offending value, the unit id).
fn relabel(py: Python<'_>, err: PyErr, tables: &[(&str, Option<&Bound<'_, PyAny>>)]) -> PyErr {
    let done = (|| -> PyResult<()> {
        let d = PyDict::new(py);
        for (name, t) in tables {
            if let Some(t) = t {
                d.set_item(*name, t)?;
            }
        }
        py.import("antq._frames")?.call_method1("relabel", (err.value(py), d))?;
        Ok(())
    })();
    match done {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// The lists of records of a dataset dict (`{"units": [...], ...}`), for [`relabel`].
fn dict_tables<'py>(obj: &Bound<'py, PyAny>) -> Vec<(&'static str, Option<Bound<'py, PyAny>>)> {
    ["units", "evidence", "incidents", "activities"]
        .into_iter()
        .map(|k| (k, obj.get_item(k).ok().filter(|v| v.is_instance_of::<pyo3::types::PyList>())))
        .collect()
}

type Batches = antq::columnar::Batches;

#[pymethods]
impl Dataset {
    /// Pickled as the core value's JSON (and the dataframe kind it carries).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::pickle::Reduced<'py>> {
        crate::pickle::reduce(py, "Dataset", &*self.inner, self.frame_kind.clone())
    }

    /// The object itself: it is immutable.
    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The object itself: it is immutable.
    #[pyo3(signature = (_memo = None))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: Option<&Bound<'py, PyAny>>) -> PyRef<'py, Self> {
        slf
    }

    /// Reads and checks a dataset from a JSON or TOML file, or from tables: a folder of
    /// Parquet, Arrow or CSV files (or its `units` file), or an `.xlsx` workbook.
    #[staticmethod]
    fn from_path(py: Python<'_>, #[pyo3(from_py_with = crate::errors::path)] path: PathBuf) -> PyResult<Self> {
        Ok(Dataset::new(run(py, move || Ok(antq::columnar::read_path(&path)?))?))
    }

    /// Reads and checks a dataset from JSON or TOML text; `name` is used in error
    /// locations and decides the format.
    #[staticmethod]
    #[pyo3(signature = (text, name = "<string>", *, limits = None))]
    fn from_str(py: Python<'_>, text: &str, name: &str, limits: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let limits = crate::limits_arg(py, limits)?;
        Ok(Dataset::new(run(py, || Ok(antq::Dataset::from_str_with_limits(name, text, &limits)?))?))
    }

    /// Reads and checks a dataset from a dict (the JSON form; dates may be
    /// `datetime.date`).
    #[staticmethod]
    fn from_dict(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        match from_dict(py, obj) {
            Ok(ds) => Ok(Dataset::new(ds)),
            Err(Fail::Core(e)) => {
                let tables = dict_tables(obj);
                let refs: Vec<(&str, Option<&Bound<'_, PyAny>>)> =
                    tables.iter().map(|(k, v)| (*k, v.as_ref())).collect();
                Err(relabel(py, to_py(py, &e), &refs))
            }
            Err(other) => Err(other.into_py(py)),
        }
    }

    /// Builds and checks a dataset from tables (pandas, polars or pyarrow, or anything
    /// with `__arrow_c_stream__`): one row per unit, evidence record, incident and
    /// activity, in the flat forms of `docs/FORMATS.md`. Tables returned from the dataset (and
    /// its evaluations) are of the same kind as `units`.
    #[staticmethod]
    #[pyo3(signature = (units, evidence = None, incidents = None, activities = None, *, meta = None))]
    fn from_frames(
        py: Python<'_>,
        units: &Bound<'_, PyAny>,
        evidence: Option<&Bound<'_, PyAny>>,
        incidents: Option<&Bound<'_, PyAny>>,
        activities: Option<&Bound<'_, PyAny>>,
        meta: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let kind: Option<String> = py.import("antq._frames")?.call_method1("kind_of", (units,))?.extract()?;
        let meta: antq::DatasetMeta = match meta {
            None => antq::DatasetMeta::default(),
            Some(m) => {
                let text = dumps(py, m).map_err(|p| to_py(py, &Error::InvalidDataset(vec![*p])))?;
                serde_json::from_str(&text).map_err(|e| {
                    to_py(
                        py,
                        &Error::InvalidDataset(vec![antq::Problem::new(
                            antq::ProblemCode::Syntax,
                            antq::Location::path("meta"),
                            e.to_string(),
                        )]),
                    )
                })?
            }
        };
        let tables =
            [("units", Some(units)), ("evidence", evidence), ("incidents", incidents), ("activities", activities)];
        let read = |name: &str, t: &Bound<'_, PyAny>| batches(py, t, name).map_err(|e| relabel(py, e, &tables));
        let u = read("units", units)?;
        let e = evidence.map(|t| read("evidence", t)).transpose()?;
        let i = incidents.map(|t| read("incidents", t)).transpose()?;
        let a = activities.map(|t| read("activities", t)).transpose()?;
        let ds = run(py, move || {
            // Read as table files are, on every core; the errors are the flat tables'.
            let mut ds = antq::columnar::dataset_from_batches(&u, e.as_ref(), i.as_ref(), a.as_ref())?;
            ds.meta = meta;
            Ok(ds)
        })
        .map_err(|e| relabel(py, e, &tables))?;
        Ok(Dataset::of(Arc::new(ds), kind))
    }

    /// The bundled sample: a synthetic province in 2023 and 2025 (not real data).
    #[staticmethod]
    fn sample(py: Python<'_>) -> PyResult<Self> {
        Ok(Dataset::new(run(py, || {
            Ok(antq::Dataset::from_str_named("sample/province.json", antq::sample::SAMPLE_JSON)?)
        })?))
    }

    /// A synthetic dataset of about `units` units with the national proportions
    /// (deterministic for a seed). Held to the default `Limits` (2,000,000 units): more
    /// raises `DatasetError` with a `limit` problem, as the CLI and JavaScript do; fewer
    /// than 52 (one commune of the national shape) raises `ArgumentError` (`units`).
    #[staticmethod]
    // The seed's default is written as a literal, so that Python's signature shows it
    // (stubtest compares it with the stub); it is the core's, checked at compile time.
    #[pyo3(signature = (units = 100_000, year = 2023, seed = 1))]
    fn generate(
        py: Python<'_>,
        #[pyo3(from_py_with = crate::errors::units)] units: usize,
        #[pyo3(from_py_with = crate::errors::year)] year: i32,
        #[pyo3(from_py_with = crate::errors::seed)] seed: u64,
    ) -> PyResult<Self> {
        let spec = antq::generate::Spec { units, year, seed };
        let ds = run(py, move || {
            let made = antq::generate::generate_years_within(&spec, 1, &antq::Limits::default())?;
            // One year never crosses the 2025 reform.
            Ok(made.ok_or(Error::BadYear { year })?)
        })?;
        Ok(Dataset::new(ds))
    }

    /// Title from the meta data.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.meta.title
    }

    /// Whether the data is synthetic.
    #[getter]
    fn synthetic(&self) -> bool {
        self.inner.meta.synthetic
    }

    /// The meta data: title, synthetic, description.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.meta)
    }

    /// Numbers of units, evidence records, incidents and activities.
    #[getter]
    fn counts(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let d = &self.inner;
        [
            ("units", d.units.len()),
            ("evidence", d.evidence.len()),
            ("incidents", d.incidents.len()),
            ("activities", d.activities.len()),
        ]
        .into_iter()
        .collect()
    }

    /// The unit ids, in dataset order.
    fn unit_ids(&self) -> Vec<&str> {
        self.inner.units.iter().map(|u| u.id.as_str()).collect()
    }

    /// Lints: unit ids that can be mistaken for one another (mixed scripts, look-alike
    /// letters, case), as dicts (`code`, `location`, `message`, `message_vi`); every
    /// evaluation of the dataset lists them too.
    fn lints<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let ds = Arc::clone(&self.inner);
        let lints = run(py, move || Ok(ds.lints()))?;
        to_python(py, &lints)
    }

    /// Evaluates the dataset against a rule set (or preset id) for a year.
    #[pyo3(signature = (rules, year, *, as_of = None, rule_sets = None, progress = None))]
    fn evaluate(
        &self,
        py: Python<'_>,
        rules: &Bound<'_, PyAny>,
        year: crate::errors::Year,
        as_of: Option<&Bound<'_, PyAny>>,
        rule_sets: Option<Vec<Bound<'_, crate::RuleSet>>>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<crate::Evaluation> {
        let year = year.0;
        let opts = crate::eval::options(as_of, rule_sets, Default::default())?;
        crate::eval::evaluate(py, self, rules, year, opts, progress)
    }

    /// Activity statistics of a year, rolled up the hierarchy (optionally under one unit).
    #[pyo3(signature = (year, under = None))]
    fn activity_stats(&self, py: Python<'_>, year: crate::errors::Year, under: Option<String>) -> PyResult<Stats> {
        let year = year.0;
        self.stats(py, year, under)
    }

    /// The administrative hierarchy on `as_of` (a date of `year`, by default its 15 November,
    /// the commune review date; a date of another year is an `ArgumentError`): one row per
    /// unit existing then, with its parent, commune, district (none from 1 July 2025) and
    /// province on that date (`parent_changes` applied), as a table of `library`
    /// (`"pandas"`, `"polars"`, `"pyarrow"`).
    #[pyo3(signature = (year, as_of = None, *, library = None))]
    fn hierarchy<'py>(
        &self,
        py: Python<'py>,
        year: crate::errors::Year,
        as_of: Option<&Bound<'py, PyAny>>,
        library: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let year = year.0;
        let date = match as_of {
            Some(d) => crate::date_arg(d, "as_of")?,
            None => antq::table::hierarchy_date(year),
        };
        // The dataset is checked for `year`: a date of another year would be read against
        // that year's kinds of unit (districts end on 1 July 2025), as the CLI refuses too.
        if chrono::Datelike::year(&date) != year {
            let why = format!("{date} is not in {year}: give a date of the year, or that date's year");
            return Err(crate::errors::argument(py, "as_of", &why));
        }
        let batch = run(py, move || {
            let validated = self.validated(year)?;
            let prepared = validated.for_year(year)?;
            let t = antq::table::hierarchy_table(&prepared, date)?;
            antq::columnar::result_to_batch(&t).map_err(Fail::Internal)
        })?;
        crate::frame_of_batch(py, batch, "hierarchy", library, self.frame_kind.as_deref())
    }

    /// The dataset as four tables `{"units", "evidence", "incidents", "activities"}` of
    /// `library` (`"pandas"`, `"polars"`, `"pyarrow"`, `"arrow"`; by default the library
    /// it came from, else pandas when installed); `kind=` raises `ArgumentError`. The units'
    /// `parent` is the declared parent, before any dated change (held as JSON in
    /// `parent_changes`); the parent on a date is in [`hierarchy`](Dataset::hierarchy).
    #[pyo3(signature = (library = None, *, kind = None))]
    fn to_frames<'py>(
        &self,
        py: Python<'py>,
        library: Option<&str>,
        kind: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let kind = crate::library_arg(py, library, kind)?;
        let ds = self.inner.clone();
        let tables = py.detach(|| dataset_to_tables(&ds));
        let out = PyDict::new(py);
        let k = self.frame_kind.as_deref();
        out.set_item("units", frame(py, &tables.units, kind, k)?)?;
        out.set_item("evidence", frame(py, &tables.evidence, kind, k)?)?;
        out.set_item("incidents", frame(py, &tables.incidents, kind, k)?)?;
        out.set_item("activities", frame(py, &tables.activities, kind, k)?)?;
        Ok(out)
    }

    /// The dataset as a dict (its JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let ds = self.inner.clone();
        let s = py.detach(|| serde_json::to_string(&*ds)).map_err(|e| crate::errors::internal(py, &e.to_string()))?;
        crate::json_loads(py, &s)
    }

    /// The dataset as pretty JSON.
    fn to_json(&self, py: Python<'_>) -> String {
        let ds = self.inner.clone();
        py.detach(|| ds.to_json())
    }

    fn __len__(&self) -> usize {
        self.inner.units.len()
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.inner == other.inner
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("antq._display")?.call_method1("dataset_html", (slf,))?.extract()
    }

    fn __repr__(&self) -> String {
        let d = &self.inner;
        format!(
            "Dataset({:?}, units={}, evidence={}, incidents={}, activities={}{})",
            d.meta.title,
            d.units.len(),
            d.evidence.len(),
            d.incidents.len(),
            d.activities.len(),
            if d.meta.synthetic { ", synthetic" } else { "" }
        )
    }
}

impl Stats {
    /// Statistics of the core's, for the caller's dataframe kind.
    pub(crate) fn from_parts(inner: Arc<antq::stats::Stats>, frame_kind: Option<String>) -> Self {
        Stats { inner, frame_kind }
    }
}

#[pymethods]
impl Stats {
    /// Pickled as the core value's JSON (and the dataframe kind it carries).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::pickle::Reduced<'py>> {
        crate::pickle::reduce(py, "Stats", &*self.inner, self.frame_kind.clone())
    }

    /// The object itself: it is immutable.
    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The object itself: it is immutable.
    #[pyo3(signature = (_memo = None))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: Option<&Bound<'py, PyAny>>) -> PyRef<'py, Self> {
        slf
    }

    /// The year.
    #[getter]
    fn year(&self) -> i32 {
        self.inner.year
    }

    /// The window activities were counted in: `(first day, last day)`.
    #[getter]
    fn window(&self) -> (chrono::NaiveDate, chrono::NaiveDate) {
        (self.inner.window.start, self.inner.window.end)
    }

    /// How certain the window is: `"inferred"` [I] (the review window of communes applied to
    /// activities; no published rule fixes the period the figures cover).
    #[getter]
    fn window_certainty(&self) -> &'static str {
        self.inner.window_certainty.as_str()
    }

    /// The totals of one unit and everything below it (default: the first root).
    #[pyo3(signature = (unit = None))]
    fn totals<'py>(&self, py: Python<'py>, unit: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let row = match unit {
            None => self.inner.rows.first(),
            Some(id) => self.inner.rows.iter().find(|r| r.unit.as_str() == id),
        };
        match row {
            Some(r) => to_python(py, &r.total),
            None => Err(to_py(
                py,
                &Error::UnknownUnit {
                    id: unit.unwrap_or("").to_owned(),
                    reason: "not in these statistics".into(),
                    reason_vi: "không có trong thống kê này".into(),
                },
            )),
        }
    }

    /// The rows (`rows()`) as an Arrow stream: `pa.table(stats)`, `pl.DataFrame(stats)`.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, pyo3::types::PyCapsule>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let st = self.inner.clone();
        let t = py.detach(|| stats_table(&st));
        crate::table::Table::of(py, &t, None)?.stream(py, requested_schema)
    }

    /// One row per unit: id, name, kind, parent, then `own_…` and `total_…` counts.
    #[pyo3(signature = (library = None, *, kind = None))]
    fn rows<'py>(
        &self,
        py: Python<'py>,
        library: Option<&str>,
        kind: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let library = crate::library_arg(py, library, kind)?;
        let st = self.inner.clone();
        let t = py.detach(|| stats_table(&st));
        frame(py, &t, library, self.frame_kind.as_deref())
    }

    /// The statistics as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &*self.inner)
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("antq._display")?.call_method1("stats_html", (slf,))?.extract()
    }

    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }

    fn __repr__(&self) -> String {
        format!("Stats(year={}, window={}, rows={})", self.inner.year, self.inner.window, self.inner.rows.len())
    }
}

// `Dataset.generate`'s seed default, written as a literal in its signature, is the core's.
const _: () = assert!(antq::generate::Spec::DEFAULT_SEED == 1);
