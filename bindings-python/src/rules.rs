//! Rule sets and supplements.

use crate::errors::{Fail, run, to_py, without_position};
use crate::{dumps, to_python};
use antq::Error;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use std::path::PathBuf;
use std::sync::Arc;

/// A rule set: the criteria of one legal instrument, kept as data and validated.
#[pyclass(frozen, module = "antq")]
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub(crate) inner: Arc<antq::RuleSet>,
}

/// A provincial supplement layered on a base rule set.
#[pyclass(frozen, module = "antq")]
#[derive(Debug, Clone)]
pub struct Supplement {
    pub(crate) inner: Arc<antq::Supplement>,
}

fn from_dict_text<T>(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    parse: impl FnOnce(&str) -> antq::Result<T> + Send,
) -> Result<T, Fail>
where
    T: Send,
{
    let text = dumps(py, obj).map_err(|p| Fail::Core(Error::InvalidRuleSet(vec![*p])))?;
    py.detach(|| parse(&text)).map_err(|e| Fail::Core(without_position(e)))
}

/// A rule set from a `RuleSet`, a preset id, a path or a dict.
pub(crate) fn load_rules(py: Python<'_>, obj: &Bound<'_, PyAny>) -> Result<antq::RuleSet, Fail> {
    if let Ok(r) = obj.cast::<RuleSet>() {
        return Ok((*r.get().inner).clone());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s: String = s.extract().map_err(|e: PyErr| Fail::Internal(e.to_string()))?;
        // A preset id or a path, decided by the core as on every surface.
        return py.detach(|| antq::RuleSet::load(&s)).map_err(Fail::Core);
    }
    if obj.is_instance_of::<PyDict>() {
        return from_dict_text(py, obj, |t| antq::RuleSet::from_str_named("<dict>", t));
    }
    if let Ok(p) = obj.extract::<PathBuf>() {
        return py.detach(|| antq::RuleSet::from_path(&p)).map_err(Fail::Core);
    }
    Err(Fail::Core(Error::InvalidRuleSet(vec![antq::Problem::new(
        antq::ProblemCode::Syntax,
        antq::Location::default(),
        "rules must be a RuleSet, a preset id, a path or a dict",
    )])))
}

/// A supplement from a `Supplement`, a path or a dict.
pub(crate) fn load_supplement(py: Python<'_>, obj: &Bound<'_, PyAny>) -> Result<antq::Supplement, Fail> {
    if let Ok(s) = obj.cast::<Supplement>() {
        return Ok((*s.get().inner).clone());
    }
    if obj.is_instance_of::<PyDict>() {
        return from_dict_text(py, obj, |t| antq::Supplement::from_str_named("<dict>", t));
    }
    if let Ok(p) = obj.extract::<PathBuf>() {
        return py.detach(|| antq::Supplement::from_path(&p)).map_err(Fail::Core);
    }
    Err(Fail::Core(Error::InvalidRuleSet(vec![antq::Problem::new(
        antq::ProblemCode::Syntax,
        antq::Location::default(),
        "a supplement must be a Supplement, a path or a dict",
    )])))
}

pub(crate) fn raise(py: Python<'_>, f: Fail) -> PyErr {
    f.into_py(py)
}

/// The rule set of an argument for the `year` review: a `RuleSet`, a preset id, or a family
/// resolved on the reference date (`as_of`, or the year's usual one).
pub(crate) fn rules_arg(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    year: i32,
    as_of: Option<chrono::NaiveDate>,
) -> PyResult<Arc<antq::RuleSet>> {
    if let Ok(r) = obj.cast::<RuleSet>() {
        return Ok(r.get().inner.clone());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        // A preset id, a family resolved by the date, or a path: decided by the core as on
        // every surface (the CLI's `--rules`).
        let s: String = s.extract()?;
        return py.detach(|| antq::RuleSet::from_spec(&s, year, as_of)).map(Arc::new).map_err(|e| to_py(py, &e));
    }
    if obj.is_instance_of::<PyDict>() || obj.extract::<PathBuf>().is_ok() {
        return load_rules(py, obj).map(Arc::new).map_err(|f| raise(py, f));
    }
    Err(crate::errors::argument(py, "rules", "must be a RuleSet, a preset id, a family id, a path or a dict"))
}

#[pymethods]
impl RuleSet {
    /// Pickled as the core value's JSON (and the dataframe kind it carries).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::pickle::Reduced<'py>> {
        crate::pickle::reduce(py, "RuleSet", &*self.inner, None)
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

    /// The rule set a preset id or family id (e.g. `"vn.c124"`) names for the `year`
    /// review: a family resolves to its member in force on `as_of` (default: the year's
    /// usual reference date). Raises `NotInForceError` when none is.
    #[staticmethod]
    #[pyo3(signature = (spec, year, as_of = None))]
    fn resolve(
        py: Python<'_>,
        spec: &str,
        year: crate::errors::Year,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let year = year.0;
        let as_of = as_of.map(|d| crate::date_arg(d, "as_of")).transpose()?;
        antq::RuleSet::resolve(spec, year, as_of).map(|r| RuleSet { inner: Arc::new(r) }).map_err(|e| to_py(py, &e))
    }

    /// The family of instruments it belongs to (e.g. `"vn.c124"`), if any.
    #[getter]
    fn family(&self) -> Option<String> {
        self.inner.family.clone()
    }

    /// The period it applies in: `{"from": date|None, "until": date|None, "certainty": str|None}`.
    #[getter]
    fn effective<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::json_loads(py, &serde_json::to_string(&self.inner.effective).unwrap_or_default())
    }

    /// A built-in rule set by id (see `antq.presets()`).
    #[staticmethod]
    fn preset(py: Python<'_>, id: &str) -> PyResult<Self> {
        antq::RuleSet::preset(id).map(|r| RuleSet { inner: Arc::new(r) }).map_err(|e| to_py(py, &e))
    }

    /// Reads and validates a rule set from a JSON or TOML file.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let r = run(py, move || Ok(antq::RuleSet::from_path(&path)?))?;
        Ok(RuleSet { inner: Arc::new(r) })
    }

    /// Reads and validates a rule set from JSON or TOML text; `name` is used in error
    /// locations and decides the format (`.toml` / `.json`; otherwise the text is sniffed).
    #[staticmethod]
    #[pyo3(signature = (text, name = "<string>", *, limits = None))]
    fn from_str(py: Python<'_>, text: &str, name: &str, limits: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let limits = crate::limits_arg(py, limits)?;
        let r = run(py, || Ok(antq::RuleSet::from_str_with_limits(name, text, &limits)?))?;
        Ok(RuleSet { inner: Arc::new(r) })
    }

    /// Reads and validates a rule set from a dict (the JSON form).
    #[staticmethod]
    fn from_dict(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let r = from_dict_text(py, obj, |t| antq::RuleSet::from_str_named("<dict>", t)).map_err(|f| raise(py, f))?;
        Ok(RuleSet { inner: Arc::new(r) })
    }

    /// Stable id, e.g. `vn.c124-2021`.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// Version of this encoding of the rules.
    #[getter]
    fn version(&self) -> &str {
        &self.inner.version
    }

    /// Title: `{"vi": …, "en": …}`.
    #[getter]
    fn title<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.title)
    }

    /// SHA-256 of the rule set's canonical JSON.
    #[getter]
    fn content_hash(&self) -> String {
        self.inner.content_hash()
    }

    /// The unit kinds any criterion applies to.
    #[getter]
    fn kinds(&self) -> Vec<&'static str> {
        self.inner.kinds().into_iter().map(|k| k.as_str()).collect()
    }

    /// The criteria as dicts (id, kinds, label, legal_basis, certainty, wording,
    /// mandatory, test).
    #[getter]
    fn criteria<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.criteria)
    }

    /// The legal instruments it encodes.
    #[getter]
    fn legal_basis<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.legal_basis)
    }

    /// Named parameters of the outcome policy.
    #[getter]
    fn parameters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.parameters)
    }

    /// Supplements applied to produce this rule set.
    #[getter]
    fn applied_supplements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.applied_supplements)
    }

    /// Lints: legal but worth a look (incomplete sheets, illustrative defaults…), as dicts
    /// (`code`, `location`, `message`, `message_vi`).
    fn lints<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.lints())
    }

    /// This rule set with a supplement applied (a `Supplement`, path or dict); validated.
    fn with_supplement(&self, py: Python<'_>, supplement: &Bound<'_, PyAny>) -> PyResult<Self> {
        let s = load_supplement(py, supplement).map_err(|f| raise(py, f))?;
        let base = self.inner.clone();
        let r = run(py, move || Ok(base.with_supplement(&s)?))?;
        Ok(RuleSet { inner: Arc::new(r) })
    }

    /// Evaluates a dataset for a year (the same as `antq.evaluate(dataset, self, year)`).
    #[pyo3(signature = (dataset, year, *, as_of = None, rule_sets = None))]
    fn evaluate(
        slf: &Bound<'_, Self>,
        dataset: &Bound<'_, crate::Dataset>,
        year: crate::errors::Year,
        as_of: Option<&Bound<'_, PyAny>>,
        rule_sets: Option<Vec<Bound<'_, RuleSet>>>,
    ) -> PyResult<crate::Evaluation> {
        let year = year.0;
        crate::eval::evaluate(
            slf.py(),
            dataset.get(),
            slf.as_any(),
            year,
            crate::eval::options(as_of, rule_sets, Default::default())?,
            None,
        )
    }

    /// The rule set as a dict (its JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &*self.inner)
    }

    /// The rule set as pretty JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.inner == other.inner
    }

    fn __repr__(&self) -> String {
        format!(
            "RuleSet({:?}, version={:?}, criteria={}{})",
            self.inner.id,
            self.inner.version,
            self.inner.criteria.len(),
            if self.inner.applied_supplements.is_empty() {
                String::new()
            } else {
                format!(
                    ", supplements=[{}]",
                    self.inner.applied_supplements.iter().map(|s| format!("{:?}", s.id)).collect::<Vec<_>>().join(", ")
                )
            }
        )
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("antq._display")?.call_method1("rule_set_html", (slf,))?.extract()
    }
}

#[pymethods]
impl Supplement {
    /// Pickled as the core value's JSON (and the dataframe kind it carries).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::pickle::Reduced<'py>> {
        crate::pickle::reduce(py, "Supplement", &*self.inner, None)
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

    /// Reads a supplement from a JSON or TOML file.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let s = run(py, move || Ok(antq::Supplement::from_path(&path)?))?;
        Ok(Supplement { inner: Arc::new(s) })
    }

    /// Reads a supplement from JSON or TOML text.
    #[staticmethod]
    #[pyo3(signature = (text, name = "<string>"))]
    fn from_str(py: Python<'_>, text: &str, name: &str) -> PyResult<Self> {
        let s = run(py, || Ok(antq::Supplement::from_str_named(name, text)?))?;
        Ok(Supplement { inner: Arc::new(s) })
    }

    /// Reads a supplement from a dict (the JSON form).
    #[staticmethod]
    fn from_dict(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let s = from_dict_text(py, obj, |t| antq::Supplement::from_str_named("<dict>", t)).map_err(|f| raise(py, f))?;
        Ok(Supplement { inner: Arc::new(s) })
    }

    /// A bundled sample supplement (synthetic content): `"typical"` for the
    /// typical-commune preset, `"d510"` completing the Decision 510 sheet.
    #[staticmethod]
    fn sample(py: Python<'_>, name: &str) -> PyResult<Self> {
        let (file, text) = match name {
            "typical" => ("sample/typical-supplement.toml", antq::sample::SAMPLE_TYPICAL_SUPPLEMENT),
            "d510" => ("sample/d510-supplement.toml", antq::sample::SAMPLE_D510_SUPPLEMENT),
            other => {
                return Err(crate::errors::argument(
                    py,
                    "name",
                    &format!("no sample supplement {other:?}; use \"typical\" or \"d510\""),
                ));
            }
        };
        let s = run(py, || Ok(antq::Supplement::from_str_named(file, text)?))?;
        Ok(Supplement { inner: Arc::new(s) })
    }

    /// Stable id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// Version.
    #[getter]
    fn version(&self) -> &str {
        &self.inner.version
    }

    /// Id of the rule set it supplements.
    #[getter]
    fn base(&self) -> &str {
        &self.inner.base
    }

    /// How certain its content is (`verified`, `sample`…).
    #[getter]
    fn certainty<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.certainty)
    }

    /// Title: `{"vi": …, "en": …}`.
    #[getter]
    fn title<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.title)
    }

    /// The supplement as a dict (its JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &*self.inner)
    }

    /// The supplement as pretty JSON.
    fn to_json(&self) -> String {
        serde_json::to_string_pretty(&*self.inner).unwrap_or_default()
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.inner == other.inner
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("antq._display")?.call_method1("supplement_html", (slf,))?.extract()
    }

    fn __repr__(&self) -> String {
        format!("Supplement({:?}, base={:?}, version={:?})", self.inner.id, self.inner.base, self.inner.version)
    }
}
