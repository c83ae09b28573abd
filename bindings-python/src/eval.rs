//! Evaluations and unit results.

use crate::errors::{Fail, run, to_py};
use crate::{Dataset, RuleSet, date_arg, frame, to_python};
use antq::table::{criteria_table, evaluation_table};
use antq::{Error, Options};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::sync::Arc;

/// The result of evaluating a dataset for a year: per unit an explained outcome, a
/// summary, and the decision record that reproduces it.
#[pyclass(frozen, module = "antq", sequence)]
#[derive(Debug, Clone)]
pub struct Evaluation {
    inner: Arc<antq::Evaluation>,
    frame_kind: Option<String>,
    /// Unit id → position in `inner.units`, built on the first lookup (a national
    /// evaluation has 170,000 units: a scan per lookup took milliseconds).
    index: Arc<std::sync::OnceLock<std::collections::HashMap<Box<str>, u32>>>,
    /// The dataset evaluated and the kinds the rule set evaluates, for the core to say why a
    /// unit has no result (`None` for an evaluation unpickled: the reason lists the causes).
    source: Option<Arc<(Arc<antq::Dataset>, Vec<antq::Kind>)>>,
}

/// One unit's result: outcome, each criterion (observed against threshold, legal
/// basis), what is missing, scores and who recognises it.
#[pyclass(frozen, module = "antq")]
#[derive(Debug, Clone)]
pub struct UnitResult {
    pub(crate) inner: Arc<antq::UnitResult>,
}

pub(crate) fn evaluate(
    py: Python<'_>,
    dataset: &Dataset,
    rules: &Bound<'_, PyAny>,
    year: i32,
    opts: Options,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Evaluation> {
    let rs = crate::rules::rules_arg(py, rules, year, opts.as_of)?;
    let watch = crate::progress::Watch::new(py, progress)?;
    let opts = watch.options(py, opts);
    // `antq::evaluate_with`, from the dataset's validation kept since its first review.
    let kinds = rs.kinds();
    let ev = watch.run(py, move || {
        // The year and the rules are checked before the dataset, as `evaluate_with` does.
        antq::check_year(year)?;
        rs.validate()?;
        Ok(dataset.validated(year)?.evaluate(&rs, year, &opts)?)
    })?;
    // Each lint warned, as `review` warns them: no display of the result shows them (they
    // stay in `to_dict()["lints"]`).
    warn_lints(py, &ev.lints)?;
    let source = Some(Arc::new((Arc::clone(&dataset.inner), kinds)));
    Ok(Evaluation { inner: Arc::new(ev), frame_kind: dataset.frame_kind.clone(), index: Arc::default(), source })
}

/// The explicit permissions of `evaluate` and `review`: apply a rule set outside its
/// period, accept a reference date outside the year's review (both recorded in the result).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Allow {
    pub outside_period: bool,
    pub as_of_outside_year: bool,
    /// Unknown evidence keys become lints instead of an error.
    pub lenient_vocabulary: bool,
}

/// The options of `evaluate` and `review`: a reference date, rule sets prerequisites may
/// name and explicit permissions (every core is the core's default).
pub(crate) fn options(
    as_of: Option<&Bound<'_, PyAny>>,
    rule_sets: Option<Vec<Bound<'_, RuleSet>>>,
    allow: Allow,
) -> PyResult<Options> {
    let mut opts = Options::default();
    opts.allow_outside_period = allow.outside_period;
    opts.allow_as_of_outside_year = allow.as_of_outside_year;
    opts.lenient_vocabulary = allow.lenient_vocabulary;
    if let Some(d) = as_of {
        opts = opts.as_of(date_arg(d, "as_of")?);
    }
    for r in rule_sets.unwrap_or_default() {
        opts = opts.with_rule_set((*r.get().inner).clone());
    }
    Ok(opts)
}

/// A unit kind by its code (`commune`, `residential_area`…), read by the core.
pub(crate) fn unit_kind_arg(py: Python<'_>, s: Option<&str>) -> PyResult<Option<antq::Kind>> {
    s.map(|s| antq::Kind::from_code(s).map_err(|m| crate::errors::argument(py, "unit_kind", &m))).transpose()
}

/// The unit kinds' codes, from the top of the hierarchy down (as the core lists them).
#[pyfunction]
pub fn unit_kinds() -> Vec<&'static str> {
    antq::Kind::ALL.iter().map(|k| k.as_str()).collect()
}

impl Evaluation {
    /// An evaluation of the core's, for the caller's dataframe kind.
    pub(crate) fn from_parts(inner: Arc<antq::Evaluation>, frame_kind: Option<String>) -> Self {
        Evaluation { inner, frame_kind, index: Arc::default(), source: None }
    }

    /// The position of unit `id` in the evaluation, by the index (built once).
    fn position(&self, id: &str) -> Option<usize> {
        let index = self.index.get_or_init(|| {
            self.inner.units.iter().enumerate().map(|(i, u)| (Box::from(u.unit.as_str()), i as u32)).collect()
        });
        index.get(&*antq::UnitId::normalize(id)).map(|&i| i as usize)
    }

    /// Why unit `id` has no result, in the core's words.
    fn not_evaluated(&self, id: &str) -> Error {
        match self.source.as_deref() {
            Some((ds, kinds)) => antq::eval::not_evaluated(Some(ds), kinds, &self.inner.decision, id),
            None => antq::eval::not_evaluated(None, &[], &self.inner.decision, id),
        }
    }

    fn find(&self, py: Python<'_>, id: &str) -> PyResult<UnitResult> {
        match self.position(id) {
            Some(i) => Ok(UnitResult { inner: Arc::new(self.inner.units[i].clone()) }),
            None => Err(to_py(py, &self.not_evaluated(id))),
        }
    }
}

#[pymethods]
impl Evaluation {
    /// Pickled as the core value's JSON (and the dataframe kind it carries).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::pickle::Reduced<'py>> {
        crate::pickle::reduce(py, "Evaluation", &*self.inner, self.frame_kind.clone())
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

    /// Equal when every unit's result, the summary and the decision record are (the
    /// dataframe kind it returns tables as is presentation, not compared).
    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner) || self.inner == other.inner
    }

    /// The evaluation year.
    #[getter]
    fn year(&self) -> i32 {
        self.inner.decision.year
    }

    /// The rule set's id.
    #[getter]
    fn rule_set(&self) -> &str {
        &self.inner.decision.rule_set
    }

    /// The decision record: rule set id, version, SHA-256 content hash, supplements,
    /// parameters, illustrative defaults, year, reference date, engine.
    #[getter]
    fn decision<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.decision)
    }

    /// Counts of outcomes per unit kind: `{kind: {outcome: n}}` (levels as `level:ID`).
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.summary)
    }

    /// What the evaluation read but did not count, or could not review (`unused_key`,
    /// `unused_category`, `no_evidence`, …): a list of dicts (`code`, `location`,
    /// `message`), as in `to_dict()["lints"]`; empty when there are none. Each was also
    /// warned as an `antq.LintWarning` when the evaluation was made.
    #[getter]
    fn lints<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.lints)
    }

    /// Ids of the evaluated units, in dataset order.
    fn unit_ids(&self) -> Vec<&str> {
        self.inner.units.iter().map(|u| u.unit.as_str()).collect()
    }

    /// One unit's result (raises `UnknownUnitError`).
    fn unit(&self, py: Python<'_>, id: &str) -> PyResult<UnitResult> {
        self.find(py, id)
    }

    /// A readable explanation of one unit's outcome, in `"en"` or `"vi"`.
    #[pyo3(signature = (unit, lang = "en"))]
    fn explain(&self, py: Python<'_>, unit: &str, lang: &str) -> PyResult<String> {
        let l = crate::lang(lang)?;
        Ok(self.find(py, unit)?.inner.explain(l))
    }

    /// One row per unit, the core's evaluation table (`antq.headers()["evaluation"]`:
    /// unit, name, kind, subkind, parent, outcome, level, rank, out_of_scope, met, of,
    /// failed and missing as lists, scores, recognised_by, window, rule_set, supplements)
    /// as `library` (`"pandas"`, `"polars"`, `"pyarrow"`, or `"arrow"` for the
    /// `antq.Table`; by default the dataset's library, else pandas when installed);
    /// `kind=`, the former name, raises `ArgumentError`.
    #[pyo3(signature = (library = None, *, kind = None))]
    fn rows<'py>(
        &self,
        py: Python<'py>,
        library: Option<&str>,
        kind: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let library = crate::library_arg(py, library, kind)?;
        let ev = self.inner.clone();
        let t = py.detach(|| evaluation_table(&ev.units, &ev.decision));
        frame(py, &t, library, self.frame_kind.as_deref())
    }

    /// The verdict rows (the table `rows()` gives) as an Arrow stream, so that
    /// `pa.table(ev)` and `pl.DataFrame(ev)` read the evaluation directly.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, pyo3::types::PyCapsule>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let ev = self.inner.clone();
        let t = py.detach(|| evaluation_table(&ev.units, &ev.decision));
        crate::table::Table::of(py, &t, None)?.stream(py, requested_schema)
    }

    /// One row per unit and criterion (long form; `antq.headers()["criteria"]`): status,
    /// mandatory, certainty, observed, threshold, points, legal basis (a list),
    /// explanations.
    #[pyo3(signature = (library = None, *, kind = None))]
    fn criterion_rows<'py>(
        &self,
        py: Python<'py>,
        library: Option<&str>,
        kind: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let library = crate::library_arg(py, library, kind)?;
        let ev = self.inner.clone();
        let t = py.detach(|| criteria_table(&ev.units));
        frame(py, &t, library, self.frame_kind.as_deref())
    }

    /// The share of units meeting per parent (`antq.headers()["shares"]`: parent, units,
    /// meeting, undetermined, share), counted once in the core: a unit out of scope is
    /// left out, an undetermined one counts among the units but not among those meeting;
    /// meeting is meets or typical. `unit_kind` keeps units of one kind (`"residential_area"`…).
    #[pyo3(signature = (unit_kind = None, library = None, *, kind = None))]
    fn shares<'py>(
        &self,
        py: Python<'py>,
        unit_kind: Option<&str>,
        library: Option<&str>,
        kind: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let library = crate::library_arg(py, library, kind)?;
        let k = unit_kind_arg(py, unit_kind)?;
        let ev = self.inner.clone();
        let shares = py.detach(|| antq::analysis::shares::share_meeting(&ev.units, k));
        frame(py, &antq::table::shares_table(&shares), library, self.frame_kind.as_deref())
    }

    /// [`shares`] as plain dicts, for plots.
    #[pyo3(signature = (unit_kind = None, by = "parent"))]
    fn _share_dicts<'py>(&self, py: Python<'py>, unit_kind: Option<&str>, by: &str) -> PyResult<Bound<'py, PyAny>> {
        use antq::analysis::shares::{Group, share_meeting_by};
        let k = unit_kind_arg(py, unit_kind)?;
        let g = Group::from_code(by).map_err(|m| crate::errors::argument(py, "by", &m))?;
        to_python(py, &share_meeting_by(&self.inner.units, k, g))
    }

    /// The flat rows of the first `n` units (or all) as plain dicts, for display and plots.
    #[pyo3(signature = (n = None))]
    fn _row_dicts<'py>(
        &self,
        py: Python<'py>,
        #[pyo3(from_py_with = crate::errors::n)] n: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let ev = self.inner.clone();
        let rows = run(py, move || {
            let units = &ev.units[..n.unwrap_or(usize::MAX).min(ev.units.len())];
            let t = evaluation_table(units, &ev.decision);
            serde_json::to_string(&antq::table::Rows(&t)).map_err(|e| Fail::Internal(e.to_string()))
        })?;
        crate::json_loads(py, &rows)
    }

    /// The evaluation as a dict (its JSON form), its units made a page at a time (no JSON
    /// text of the whole evaluation is held).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(crate::pages::evaluation_dict(py, &self.inner)?.into_any())
    }

    /// The units at positions `start` to `stop` (as a slice: `stop` past the end is cut
    /// short) as a list of dicts, each as in `to_dict()["units"]`.
    #[pyo3(signature = (start = 0, stop = None))]
    fn to_dicts<'py>(
        &self,
        py: Python<'py>,
        #[pyo3(from_py_with = crate::errors::start)] start: usize,
        #[pyo3(from_py_with = crate::errors::stop)] stop: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        crate::pages::unit_dicts(py, &self.inner, start, stop.unwrap_or(usize::MAX))
    }

    /// Each unit's result as a dict, in order, made a page at a time: a national evaluation
    /// streamed without holding every dict.
    fn iter_dicts(&self) -> crate::pages::UnitDicts {
        crate::pages::UnitDicts::new(self.inner.clone())
    }

    /// The evaluation as pretty JSON.
    fn to_json(&self, py: Python<'_>) -> String {
        let ev = self.inner.clone();
        py.detach(|| ev.to_json())
    }

    /// Bar chart per parent unit of the measure the rule set decides: the share meeting the
    /// standard, the share at each level (points sheets) or the share recognised as typical
    /// (needs matplotlib: `pip install antq[plot]`). `unit_kind` keeps one unit kind, `top`
    /// the groups with most units (the title then says how many of how many), `ax` draws
    /// into an existing matplotlib `Axes`, `by` groups by parent, commune, district or
    /// province; `kind=` (the former name) raises `ArgumentError`.
    #[pyo3(signature = (*, unit_kind = None, top = 30, ax = None, by = "parent", kind = None))]
    fn plot_share(
        slf: &Bound<'_, Self>,
        unit_kind: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = crate::errors::top)] top: i64,
        ax: Option<&Bound<'_, PyAny>>,
        by: &str,
        kind: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let kw = pyo3::types::PyDict::new(slf.py());
        kw.set_item("unit_kind", unit_kind)?;
        kw.set_item("kind", kind)?;
        kw.set_item("top", top)?;
        kw.set_item("ax", ax)?;
        kw.set_item("by", by)?;
        Ok(slf.py().import("antq._plot")?.getattr("share_meeting")?.call((slf,), Some(&kw))?.unbind())
    }

    /// Per group (`by`: `parent`, `commune`, `district`, `province`), the share of units at
    /// each level of a points sheet, stacked (needs matplotlib); an evaluation without
    /// levels is an `ArgumentError`.
    #[pyo3(signature = (*, unit_kind = None, by = "parent", top = 30, ax = None))]
    fn plot_levels(
        slf: &Bound<'_, Self>,
        unit_kind: Option<&Bound<'_, PyAny>>,
        by: &str,
        #[pyo3(from_py_with = crate::errors::top)] top: i64,
        ax: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        plot(slf, "levels", unit_kind, by, top, ax)
    }

    /// Per group (`by`), the share of candidates recognised as typical, passing outside the
    /// quota, not passing or undetermined, stacked (needs matplotlib); another rule set's
    /// evaluation is an `ArgumentError`.
    #[pyo3(signature = (*, unit_kind = None, by = "parent", top = 30, ax = None))]
    fn plot_typical(
        slf: &Bound<'_, Self>,
        unit_kind: Option<&Bound<'_, PyAny>>,
        by: &str,
        #[pyo3(from_py_with = crate::errors::top)] top: i64,
        ax: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        plot(slf, "typical", unit_kind, by, top, ax)
    }

    /// Distribution of reviewed scores and of levels (or outcomes) (needs matplotlib).
    fn plot_scores(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        Ok(slf.py().import("antq._plot")?.call_method1("scores", (slf,))?.unbind())
    }

    fn __len__(&self) -> usize {
        self.inner.units.len()
    }

    fn __getitem__(&self, py: Python<'_>, unit: &str) -> PyResult<UnitResult> {
        self.find(py, unit)
    }

    fn __contains__(&self, unit: &str) -> bool {
        self.position(unit).is_some()
    }

    fn __iter__(&self) -> crate::pages::UnitResults {
        crate::pages::UnitResults::new(self.inner.clone())
    }

    fn __repr__(&self) -> String {
        let mut counts: std::collections::BTreeMap<&str, u32> = Default::default();
        for by_kind in self.inner.summary.values() {
            for (k, n) in by_kind {
                let key = if k.starts_with("level:") { "level" } else { k.as_str() };
                *counts.entry(key).or_default() += n;
            }
        }
        let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{k}={n}")).collect();
        format!(
            "Evaluation(rule_set={:?}, year={}, units={}{}{})",
            self.inner.decision.rule_set,
            self.inner.decision.year,
            self.inner.units.len(),
            if parts.is_empty() { "" } else { ", " },
            parts.join(", ")
        )
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("antq._display")?.call_method1("evaluation_html", (slf,))?.extract()
    }
}

#[pymethods]
impl UnitResult {
    /// Pickled as the core value's JSON (and the dataframe kind it carries).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::pickle::Reduced<'py>> {
        crate::pickle::reduce(py, "UnitResult", &*self.inner, None)
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

    /// Unit id.
    #[getter]
    fn unit(&self) -> &str {
        self.inner.unit.as_str()
    }

    /// Unit name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// Kind (`commune`, `residential_area`…).
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }

    /// Sub-kind, if any.
    #[getter]
    fn subkind(&self) -> Option<&str> {
        self.inner.subkind.as_deref()
    }

    /// Parent on the reference date.
    #[getter]
    fn parent(&self) -> Option<&str> {
        self.inner.parent.as_ref().map(|p| p.as_str())
    }

    /// Outcome code: `meets`, `does_not_meet`, `undetermined`, `out_of_scope`, `level`,
    /// `typical`, `not_selected`, `not_typical`.
    #[getter]
    fn outcome(&self) -> &'static str {
        self.inner.outcome.code()
    }

    /// The outcome's label in `"en"` or `"vi"`.
    #[pyo3(signature = (lang = "en"))]
    fn label(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.outcome.label().get(crate::lang(lang)?).to_owned())
    }

    /// Level id, for a `level` outcome.
    #[getter]
    fn level(&self) -> Option<&str> {
        match &self.inner.outcome {
            antq::Outcome::Level { level, .. } => Some(level),
            _ => None,
        }
    }

    /// Rank within the parent, for typical candidates.
    #[getter]
    fn rank(&self) -> Option<u32> {
        match &self.inner.outcome {
            antq::Outcome::Typical { rank } | antq::Outcome::NotSelected { rank } => Some(*rank),
            _ => None,
        }
    }

    /// Criteria met.
    #[getter]
    fn met(&self) -> u32 {
        self.inner.met
    }

    /// Criteria applicable.
    #[getter]
    fn of(&self) -> u32 {
        self.inner.of
    }

    /// Ids of the criteria not met.
    #[getter]
    fn failed(&self) -> Vec<&str> {
        self.inner.failed().map(|c| c.id.as_str()).collect()
    }

    /// Each criterion's result as a dict: id, label, mandatory, certainty, legal_basis,
    /// status, checks (observed against threshold), score.
    #[getter]
    fn criteria<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.criteria)
    }

    /// What is still missing for a determined outcome: dicts with criterion, kind, key
    /// and text `{vi, en}`.
    #[getter]
    fn missing<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.missing)
    }

    /// Sheet totals under a points policy: reviewed, self, known_max, total.
    #[getter]
    fn score<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.score)
    }

    /// Who recognises the unit in that year: authority, label, certainty.
    #[getter]
    fn recognised_by<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.recognised_by)
    }

    /// The window events were counted in: `(first day, last day)`.
    #[getter]
    fn window(&self) -> (chrono::NaiveDate, chrono::NaiveDate) {
        (self.inner.window.start, self.inner.window.end)
    }

    /// Illustrative defaults the outcome depends on, and antq's readings [I] that decided it
    /// (a quota tie broken by unit id).
    #[getter]
    fn illustrative(&self) -> Vec<String> {
        self.inner.illustrative.clone()
    }

    /// A readable explanation in `"en"` or `"vi"`.
    #[pyo3(signature = (lang = "en"))]
    fn explain(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.explain(crate::lang(lang)?))
    }

    /// The result as a dict (its JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &*self.inner)
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.inner == other.inner
    }

    fn __repr__(&self) -> String {
        let u = &self.inner;
        format!(
            "UnitResult({:?}, {:?}, kind={:?}, outcome={:?}, met={}/{})",
            u.unit.as_str(),
            u.name,
            u.kind.as_str(),
            u.outcome.code(),
            u.met,
            u.of
        )
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("antq._display")?.call_method1("unit_result_html", (slf,))?.extract()
    }
}

/// Calls the plot `name` of `antq._plot` with the keyword arguments of `plot_levels` and
/// `plot_typical` (checked there).
fn plot(
    slf: &Bound<'_, Evaluation>,
    name: &str,
    unit_kind: Option<&Bound<'_, PyAny>>,
    by: &str,
    top: i64,
    ax: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let kw = pyo3::types::PyDict::new(slf.py());
    kw.set_item("unit_kind", unit_kind)?;
    kw.set_item("by", by)?;
    kw.set_item("top", top)?;
    kw.set_item("ax", ax)?;
    Ok(slf.py().import("antq._plot")?.getattr(name)?.call((slf,), Some(&kw))?.unbind())
}

/// Where a review's data comes from: a `Dataset` (validated), or a path read by the core
/// and validated once, when prepared (`antq::columnar::read_unchecked`).
pub(crate) enum Source<'d> {
    Dataset(&'d Dataset),
    /// A dataset read from a dict.
    Read(antq::Dataset),
    Path(std::path::PathBuf),
}

/// The columns asked for, checked against the rule set (`antq::verdicts::check_columns`).
fn checked_columns(py: Python<'_>, rules: &antq::RuleSet, columns: &Option<Vec<String>>) -> PyResult<()> {
    let Some(names) = columns else { return Ok(()) };
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    antq::verdicts::check_columns(rules, &names).map_err(|why| crate::errors::argument(py, "columns", &why))
}

/// Reviews `source` under `rs` and hands the review to `then`, with the GIL released.
/// Returns `then`'s answer and the dataset's frame library, if it has one.
fn with_review<T: Send>(
    py: Python<'_>,
    source: Source<'_>,
    rs: &antq::RuleSet,
    year: i32,
    opts: Options,
    progress: Option<&Bound<'_, PyAny>>,
    then: impl FnOnce(&antq::Review<'_>) -> Result<T, Fail> + Send,
) -> PyResult<(T, Option<String>)> {
    let default = match &source {
        Source::Dataset(d) => d.frame_kind.clone(),
        _ => None,
    };
    let watch = crate::progress::Watch::new(py, progress)?;
    let opts = watch.options(py, opts);
    let out = watch.run(py, move || {
        // A dataset is prepared where it is (never copied), from its validation kept since
        // its first review; a dict's dataset is validated; a path is read and validated once.
        let (mut read, validated);
        read = None;
        let out = {
            let (prepared, unchecked) = match &source {
                Source::Dataset(d) => {
                    validated = d.validated(year)?;
                    (validated.for_year(year)?, None)
                }
                Source::Read(ds) => (antq::Prepared::new(ds, year)?, None),
                Source::Path(path) => {
                    let r: &antq::columnar::Unchecked = read.insert(antq::columnar::read_unchecked(path)?);
                    (r.prepare(year)?, Some(r))
                }
            };
            // An unknown evidence key of table files is placed in its file's line and column.
            let review = prepared.review(rs, &opts).map_err(|e| match unchecked {
                Some(r) => r.locate(e),
                None => e,
            })?;
            then(&review)?
        };
        // The dataset read for this call is freed on another thread: the call returns
        // without waiting for a national dataset's records to be freed one by one (where
        // no thread can be started, it is freed here).
        if let Some(read) = read {
            let _ = std::thread::Builder::new().name("antq-free".into()).spawn(move || drop(read));
        }
        Ok(out)
    })?;
    Ok((out, default))
}

/// Every unit's verdict as a table (see `antq::table::verdicts_table`), computed without
/// writing any explanation and built straight into Arrow arrays
/// (`antq::columnar::verdicts_batch`); `columns` keeps only those (only the columns asked
/// for are built).
#[allow(clippy::too_many_arguments)]
pub(crate) fn review<'py>(
    py: Python<'py>,
    source: Source<'_>,
    rules: &Bound<'_, PyAny>,
    year: i32,
    opts: Options,
    library: Option<&str>,
    progress: Option<&Bound<'_, PyAny>>,
    columns: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let rs = crate::rules::rules_arg(py, rules, year, opts.as_of)?;
    checked_columns(py, &rs, &columns)?;
    let ((batch, lints), default) = with_review(py, source, &rs, year, opts, progress, |review| {
        let all = antq::table::verdict_column_names(review);
        let names: Vec<&str> = match &columns {
            None => all.iter().map(|n| n.as_ref()).collect(),
            // Checked above: every name is a verdict column, given once.
            Some(names) => names.iter().map(String::as_str).collect(),
        };
        let batch = antq::columnar::verdicts_batch(review, &names, 0..usize::MAX).map_err(Fail::Internal)?;
        // What decided the verdicts, whatever the columns, as a verdicts file holds it.
        let schema = batch.schema().as_ref().clone().with_metadata(antq::verdicts::decision_metadata(review));
        let batch = batch.with_schema(std::sync::Arc::new(schema)).map_err(|e| Fail::Internal(e.to_string()))?;
        Ok((batch, (review.lints().to_vec(), review.record().clone())))
    })?;
    let (lints, record) = lints;
    let frame = crate::frame_of_batch(py, batch, "verdicts", library, default.as_deref())?;
    warn_lints(py, &lints)?;
    let mut caveats = record.caveats();
    // A polars frame keeps no metadata: without these columns nothing in it names the rules.
    let named = columns.as_ref().is_none_or(|c| record.named_by(c));
    if !named && frame.get_type().module()?.to_cow()?.starts_with("polars") {
        caveats.push(format!(
            "decided by {}: a polars frame keeps no metadata and the columns asked for do not name it (`rule_set` and `supplements` do)",
            record.decided_by()
        ));
    }
    warn_decision(py, &caveats)?;
    Ok(frame)
}

/// What the verdicts rest on beyond the law in force and verified values (the decision
/// record's caveats: a period or date explicitly allowed, illustrative defaults `[I]`), and
/// what decided them where the table cannot say, each as an `antq.DecisionWarning`, as the
/// CLI notes them.
fn warn_decision(py: Python<'_>, caveats: &[String]) -> PyResult<()> {
    warn_each(py, "DecisionWarning", caveats, |category, c| category.call1((c,)))
}

/// The illustrative defaults [I] an analysis's rule sets use, each as an
/// `antq.DecisionWarning` (a rule set both sides use warned once), as the CLI notes them:
/// its answers rest on them as an evaluation's verdicts do.
pub(crate) fn warn_rules(py: Python<'_>, rules: &[&antq::rules::RulesRef]) -> PyResult<()> {
    let mut notes: Vec<String> = Vec::new();
    for note in rules.iter().filter_map(|r| r.illustrative_note()) {
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    warn_decision(py, &notes)
}

/// Each lint of a review as an `antq.LintWarning` (its message, and the lint as a dict): a
/// table cannot carry them, and none may be lost. Raises where warnings are made errors.
pub(crate) fn warn_lints(py: Python<'_>, lints: &[antq::Problem]) -> PyResult<()> {
    warn_each(py, "LintWarning", lints, |category, lint| category.call1((lint.to_string(), to_python(py, lint)?)))
}

/// Warns each of `items` as the warning `antq._errors.<category>` that `make` builds.
fn warn_each<'py, T>(
    py: Python<'py>,
    category: &str,
    items: &[T],
    make: impl Fn(&Bound<'py, PyAny>, &T) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<()> {
    if items.is_empty() {
        return Ok(());
    }
    let category = py.import("antq._errors")?.getattr(category)?;
    let warn = py.import("warnings")?.getattr("warn")?;
    let kw = PyDict::new(py);
    // The caller's line: the native call has no frame of its own.
    kw.set_item("stacklevel", 1)?;
    for item in items {
        warn.call((make(&category, item)?,), Some(&kw))?;
    }
    Ok(())
}

/// What `write_verdicts` wrote, and what decided it.
pub(crate) struct Written {
    rows: usize,
    names: Vec<String>,
    record: String,
    caveats: Vec<String>,
    lints: Vec<antq::Problem>,
}

/// Every unit's verdict written to `path` by the core (`antq::verdicts::write_file`): CSV, or
/// a Parquet or Arrow table by the extension, written whole or not at all. Returns a dict:
/// `path`, `format`, `rows`, `columns`, `record` (the decision record: rule set, instrument,
/// supplements, as-of date) and `lints` (each also warned, as `review` warns them).
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_verdicts<'py>(
    py: Python<'py>,
    source: Source<'_>,
    rules: &Bound<'_, PyAny>,
    year: i32,
    path: std::path::PathBuf,
    opts: Options,
    progress: Option<&Bound<'_, PyAny>>,
    columns: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let rs = crate::rules::rules_arg(py, rules, year, opts.as_of)?;
    checked_columns(py, &rs, &columns)?;
    if let Source::Path(data) = &source {
        antq::check_not_input(&path, data).map_err(|why| crate::errors::argument(py, "path", &why))?;
    }
    let (written, _) = with_review(py, source, &rs, year, opts, progress, |review| {
        // The columns asked for, or (none asked for) every column, as the core names them.
        let names: Vec<String> = match &columns {
            Some(names) => names.clone(),
            None => antq::table::verdict_column_names(review).into_iter().map(String::from).collect(),
        };
        let wanted: Vec<&str> = names.iter().map(String::as_str).collect();
        let rows = antq::verdicts::write_file(review, &wanted, &path).map_err(|e| match e {
            antq::verdicts::WriteError::Write { target, error } => {
                Fail::Write { path: target, message: error.to_string() }
            }
            antq::verdicts::WriteError::Columns(why) => Fail::Internal(format!("checked columns refused: {why}")),
        })?;
        let record = serde_json::to_string(review.record()).map_err(|e| Fail::Internal(e.to_string()))?;
        Ok(Written { rows, names, record, caveats: review.record().caveats(), lints: review.lints().to_vec() })
    })?;
    let format = antq::verdicts::file_format(&path).map_or("csv", |f| f.as_str());
    let d = PyDict::new(py);
    d.set_item("path", &path)?;
    d.set_item("format", format)?;
    d.set_item("rows", written.rows)?;
    d.set_item("columns", written.names)?;
    d.set_item("record", crate::json_loads(py, &written.record)?)?;
    d.set_item("lints", to_python(py, &written.lints)?)?;
    warn_lints(py, &written.lints)?;
    warn_decision(py, &written.caveats)?;
    Ok(d.into_any())
}
