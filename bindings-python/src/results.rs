//! Typed results of the analyses (issue 16, point 10): `whatif`, `impact`, `sensitivity`,
//! `compare`, `rank_teams` and `assess_medals` each return one class — never a type chosen
//! by a flag. Each holds the core's value and gives its table (`table()`, `to_pandas()`,
//! `to_polars()`, `to_arrow()`, `__arrow_c_stream__`), its plain data (`to_dict()`), a
//! notebook display, and pickles as the core value's JSON.

use crate::errors::to_py;
use crate::table::Table;
use crate::to_python;
use antq::Lang;
use antq::analysis::compare::YearComparison;
use antq::analysis::impact::Impact;
use antq::analysis::sensitivity::SensitivityReport;
use antq::medal::MedalAssessment;
use antq::teams::TeamRanking;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What-if plans, each with what verification found ([`antq::analysis::Plan::verified`]), and the lints of
/// the evaluation behind them: the core's [`antq::analysis::WhatIf`], as it serialises. A
/// pickle of an earlier version (`verified` beside the plans) reads into the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "PlansForm")]
pub(crate) struct Plans(pub antq::analysis::WhatIf);

/// What a pickled [`Plans`] may hold: the core's form, or with `verified` beside the plans.
#[derive(Deserialize)]
struct PlansForm {
    #[serde(flatten)]
    what: antq::analysis::WhatIf,
    #[serde(default)]
    verified: Vec<Option<bool>>,
}

impl From<PlansForm> for Plans {
    fn from(PlansForm { mut what, verified }: PlansForm) -> Plans {
        for (p, v) in what.plans.iter_mut().zip(verified) {
            p.verified = Some(v);
        }
        Plans(what)
    }
}

/// A core result with its tables.
pub(crate) trait Tabled: Serialize + for<'de> Deserialize<'de> + Send + Sync {
    /// The result's main table, texts in `lang`.
    fn table(&self, lang: Lang) -> antq::table::Table<'_>;
    /// The table per parent unit, where the result has one.
    fn parents(&self) -> Option<antq::table::Table<'_>> {
        None
    }
    /// The result as plain Python data, a dict (by default its JSON form).
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, self)
    }
}

impl Tabled for Plans {
    fn table(&self, lang: Lang) -> antq::table::Table<'_> {
        antq::table::plans_table(&self.0.plans, lang)
    }
}

impl Tabled for Impact {
    fn table(&self, lang: Lang) -> antq::table::Table<'_> {
        antq::table::impact_table(self, lang)
    }
    fn parents(&self) -> Option<antq::table::Table<'_>> {
        Some(antq::table::impact_parents_table(self))
    }
}

impl Tabled for SensitivityReport {
    fn table(&self, _: Lang) -> antq::table::Table<'_> {
        antq::table::sensitivity_table(self)
    }
    fn parents(&self) -> Option<antq::table::Table<'_>> {
        Some(antq::table::sensitivity_parents_table(self))
    }
}

impl Tabled for YearComparison {
    fn table(&self, _: Lang) -> antq::table::Table<'_> {
        antq::table::compare_table(self)
    }
    fn parents(&self) -> Option<antq::table::Table<'_>> {
        Some(antq::table::compare_parents_table(&self.parents))
    }
}

impl Tabled for TeamRanking {
    fn table(&self, lang: Lang) -> antq::table::Table<'_> {
        antq::table::teams_table(self, lang)
    }
}

impl Tabled for Vec<MedalAssessment> {
    fn table(&self, lang: Lang) -> antq::table::Table<'_> {
        antq::table::medal_table(self, lang)
    }
    /// `{"assessments": [...]}`, one per candidate in input order.
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = pyo3::types::PyDict::new(py);
        d.set_item("assessments", to_python(py, self)?)?;
        Ok(d.into_any())
    }
}

fn lang_code(l: Lang) -> &'static str {
    match l {
        Lang::Vi => "vi",
        _ => "en",
    }
}

/// What a pickled result holds: the rebuilding function, then class, JSON, library, lang.
type Reduced<'py> = (Bound<'py, PyAny>, (&'static str, String, Option<String>, &'static str));

/// Defines a result class holding `Arc<$ty>`, with the methods every result has, then the
/// class's own (`$($own)*`).
macro_rules! result_class {
    ($name:ident, $py:literal, $ty:ty, $doc:literal, { $($own:tt)* }) => {
        #[doc = $doc]
        #[pyclass(frozen, module = "antq", name = $py)]
        #[derive(Debug, Clone)]
        pub struct $name {
            pub(crate) inner: Arc<$ty>,
            lang: Lang,
            library: Option<String>,
        }

        impl $name {
            pub(crate) fn new(inner: $ty, lang: Lang, library: Option<String>) -> Self {
                $name { inner: Arc::new(inner), lang, library }
            }

            fn main_table(&self, py: Python<'_>) -> PyResult<Table> {
                Table::of(py, &self.inner.table(self.lang), self.library.as_deref())
            }
        }

        #[pymethods]
        impl $name {
            /// The result's rows as an `antq.Table` (`antq.headers()` lists its columns).
            fn table(&self, py: Python<'_>) -> PyResult<Table> {
                self.main_table(py)
            }

            /// The rows per parent unit as an `antq.Table`, for results that have them
            /// (`None` otherwise).
            fn parents_table(&self, py: Python<'_>) -> PyResult<Option<Table>> {
                self.inner.parents().map(|t| Table::of(py, &t, self.library.as_deref())).transpose()
            }

            /// The rows as an Arrow stream: `pa.table(result)`, `pl.DataFrame(result)`.
            #[pyo3(signature = (requested_schema = None))]
            fn __arrow_c_stream__<'py>(
                &self,
                py: Python<'py>,
                requested_schema: Option<Bound<'py, PyCapsule>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                self.main_table(py)?.stream(py, requested_schema)
            }

            /// The rows as `library` (by default the dataset's, else pandas when installed).
            #[pyo3(signature = (library = None))]
            fn to<'py>(&self, py: Python<'py>, library: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
                self.main_table(py)?.into_library(py, library)
            }

            /// The rows as a `pandas.DataFrame`.
            fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.main_table(py)?.into_library(py, Some("pandas"))
            }

            /// The rows as a `polars.DataFrame`.
            fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.main_table(py)?.into_library(py, Some("polars"))
            }

            /// The rows as a `pyarrow.Table`.
            fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.main_table(py)?.into_library(py, Some("pyarrow"))
            }

            /// The result as plain data: a dict of lists, numbers and text (its JSON form).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.inner.plain(py)
            }

            /// The language of the table's texts (`"en"` or `"vi"`).
            #[getter]
            fn lang(&self) -> &'static str {
                lang_code(self.lang)
            }

            /// Pickled as the core value's JSON, with the library and language.
            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
                let json = serde_json::to_string(&*self.inner)
                    .map_err(|e| crate::errors::internal(py, &e.to_string()))?;
                let f = py.import("antq._antq")?.getattr("_unpickle_result")?;
                Ok((f, ($py, json, self.library.clone(), lang_code(self.lang))))
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

            fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
                self.inner == other.inner && self.lang == other.lang
            }

            fn __len__(&self) -> usize {
                self.inner.table(self.lang).num_rows()
            }

            fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
                slf.py().import("antq._display")?.call_method1("result_html", (slf,))?.extract()
            }

            $($own)*
        }
    };
}

result_class!(
    WhatIf,
    "WhatIf",
    Plans,
    "What it takes for each unit: the smallest set of evidence changes per unit (`antq.whatif`).",
    {
        /// One plan per unit as dicts (unit, current, target, status, changes, notes…);
        /// with `verify=True`, each has `verified`.
        #[getter]
        fn plans<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_python(py, &self.inner.0.plans)
        }

        /// Per plan, whether laying its changes over the data reached the target (`None`:
        /// not checked — `verify=False`, or an unreachable plan); empty without `verify`.
        #[getter]
        fn verified(&self) -> Vec<Option<bool>> {
            let plans = &self.inner.0.plans;
            if plans.iter().all(|p| p.verified.is_none()) {
                return Vec::new();
            }
            plans.iter().map(|p| p.verified.flatten()).collect()
        }

        /// The units, in the order asked.
        #[getter]
        fn units(&self) -> Vec<&str> {
            self.inner.0.plans.iter().map(|p| p.unit.as_str()).collect()
        }

        /// The lints of the evaluation behind the plans (dicts: code, location, message),
        /// also warned as `antq.LintWarning`: what the data gives that the rules do not read.
        #[getter]
        fn lints<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_python(py, &self.inner.0.lints)
        }

        /// A readable account of every plan, in `lang`.
        #[pyo3(signature = (lang = "en"))]
        fn explain(&self, lang: &str) -> PyResult<String> {
            let l = crate::lang(lang)?;
            Ok(self.inner.0.plans.iter().map(|p| p.explain(l)).collect::<Vec<_>>().join("\n"))
        }

        fn __repr__(&self) -> String {
            let plans = &self.inner.0.plans;
            let checked = plans.iter().filter(|p| matches!(p.verified, Some(Some(_)))).count();
            format!("WhatIf(units={}, verified={checked})", plans.len())
        }
    }
);

result_class!(ImpactResult, "Impact", Impact, "The impact of a rule change on the same data (`antq.impact`).", {
    /// The base side: rule set, outcome counts.
    #[getter]
    fn base<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.base)
    }

    /// The changed side: rule set, outcome counts.
    #[getter]
    fn changed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.changed)
    }

    /// Units compared.
    #[getter]
    fn units_compared(&self) -> u32 {
        self.inner.units_compared
    }

    /// The units whose outcome changes, in id order.
    #[getter]
    fn units(&self) -> Vec<&str> {
        self.inner.units.iter().map(|u| u.unit.as_str()).collect()
    }

    /// The lints of the evaluations behind it (dicts: code, location, message), also warned
    /// as `antq.LintWarning`: what the data gives that the rules do not read.
    #[getter]
    fn lints<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.lints)
    }

    fn __repr__(&self) -> String {
        format!("Impact(units_compared={}, changed={})", self.inner.units_compared, self.inner.units.len())
    }
});

result_class!(
    Sensitivity,
    "Sensitivity",
    SensitivityReport,
    "Sensitivity of a points rule set's levels and ranks to its cut-offs and maxima (`antq.sensitivity`).",
    {
        /// The rule set's id.
        #[getter]
        fn rule_set(&self) -> &str {
            &self.inner.rule_set
        }

        /// The year.
        #[getter]
        fn year(&self) -> i32 {
            self.inner.year
        }

        /// The level counted as meeting.
        #[getter]
        fn pass_level(&self) -> &str {
            &self.inner.pass_level
        }

        /// Samples evaluated.
        #[getter]
        fn samples(&self) -> u32 {
            self.inner.samples
        }

        /// Units with a baseline level (varied).
        #[getter]
        fn units_classified(&self) -> u32 {
            self.inner.units_classified
        }

        /// Units without a level (not varied).
        #[getter]
        fn units_skipped(&self) -> u32 {
            self.inner.units_skipped
        }

        /// The lints of the evaluations behind it (dicts: code, location, message), also
        /// warned as `antq.LintWarning`: what the data gives that the rules do not read.
        #[getter]
        fn lints<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_python(py, &self.inner.lints)
        }

        fn __repr__(&self) -> String {
            format!(
                "Sensitivity({:?}, year={}, samples={}, units_classified={})",
                self.inner.rule_set, self.inner.year, self.inner.samples, self.inner.units_classified
            )
        }
    }
);

result_class!(Comparison, "Comparison", YearComparison, "The same units evaluated in two years (`antq.compare`).", {
    /// The earlier year's rule set id.
    #[getter]
    fn rule_set(&self) -> &str {
        &self.inner.rule_set
    }

    /// The earlier year.
    #[getter]
    #[allow(clippy::wrong_self_convention)] // the core's field name, a Python property
    fn from_year(&self) -> i32 {
        self.inner.from_year
    }

    /// The later year.
    #[getter]
    fn to_year(&self) -> i32 {
        self.inner.to_year
    }

    /// Units newly meeting.
    #[getter]
    fn newly_meeting(&self) -> Vec<&str> {
        self.inner.newly_meeting.iter().map(|u| u.as_str()).collect()
    }

    /// Units no longer meeting.
    #[getter]
    fn no_longer_meeting(&self) -> Vec<&str> {
        self.inner.no_longer_meeting.iter().map(|u| u.as_str()).collect()
    }

    /// The lints of the evaluations behind it (dicts: code, location, message), also warned
    /// as `antq.LintWarning`: what the data gives that the rules do not read.
    #[getter]
    fn lints<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.lints)
    }

    fn __repr__(&self) -> String {
        format!(
            "Comparison({} → {}, units={}, newly_meeting={}, no_longer_meeting={})",
            self.inner.from_year,
            self.inner.to_year,
            self.inner.units.len(),
            self.inner.newly_meeting.len(),
            self.inner.no_longer_meeting.len()
        )
    }
});

result_class!(
    Teams,
    "TeamRanking",
    TeamRanking,
    "Security teams and members ranked for a year (`antq.rank_teams`).",
    {
        /// The ranking year.
        #[getter]
        fn year(&self) -> i32 {
            self.inner.year
        }

        /// The ranking's date (it chooses the instrument).
        #[getter]
        fn reference_date(&self) -> chrono::NaiveDate {
            self.inner.reference_date
        }

        /// The instrument applied: id, version, content hash.
        #[getter]
        fn instrument<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_python(py, &self.inner.instrument)
        }

        /// Parameters whose values are not published rules.
        #[getter]
        fn illustrative(&self) -> Vec<String> {
            self.inner.illustrative.clone()
        }

        /// One result per team, as dicts, in input order.
        #[getter]
        fn teams<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_python(py, &self.inner.teams)
        }

        /// One result per member, as dicts, in input order.
        #[getter]
        fn members<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_python(py, &self.inner.members)
        }

        fn __repr__(&self) -> String {
            format!(
                "TeamRanking(year={}, instrument={:?}, teams={}, members={})",
                self.inner.year,
                self.inner.instrument.id,
                self.inner.teams.len(),
                self.inner.members.len()
            )
        }
    }
);

result_class!(
    Medals,
    "MedalAssessments",
    Vec<MedalAssessment>,
    "Commemorative medal eligibility of every candidate (`antq.assess_medals`).",
    {
        /// One assessment per candidate, as dicts, in input order.
        #[getter]
        fn assessments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_python(py, &*self.inner)
        }

        /// The candidates' ids, in input order.
        #[getter]
        fn ids(&self) -> Vec<&str> {
            self.inner.iter().map(|a| a.id.as_str()).collect()
        }

        fn __repr__(&self) -> String {
            format!("MedalAssessments(candidates={})", self.inner.len())
        }
    }
);

/// Rebuilds a pickled result (the other half of `__reduce__`).
#[pyfunction]
#[pyo3(signature = (name, json, library = None, lang = "en"))]
pub(crate) fn _unpickle_result(
    py: Python<'_>,
    name: &str,
    json: &str,
    library: Option<String>,
    lang: &str,
) -> PyResult<Py<PyAny>> {
    fn value<T: for<'de> Deserialize<'de>>(py: Python<'_>, name: &str, json: &str) -> PyResult<T> {
        serde_json::from_str(json).map_err(|e| {
            to_py(
                py,
                &antq::Error::Io { path: format!("pickle of {name}"), message: format!("not a pickled {name}: {e}") },
            )
        })
    }
    let l = crate::lang(lang)?;
    let obj = match name {
        "WhatIf" => WhatIf::new(value(py, name, json)?, l, library).into_pyobject(py)?.into_any(),
        "Impact" => ImpactResult::new(value(py, name, json)?, l, library).into_pyobject(py)?.into_any(),
        "Sensitivity" => Sensitivity::new(value(py, name, json)?, l, library).into_pyobject(py)?.into_any(),
        "Comparison" => Comparison::new(value(py, name, json)?, l, library).into_pyobject(py)?.into_any(),
        "TeamRanking" => Teams::new(value(py, name, json)?, l, library).into_pyobject(py)?.into_any(),
        "MedalAssessments" => Medals::new(value(py, name, json)?, l, library).into_pyobject(py)?.into_any(),
        other => {
            return Err(to_py(
                py,
                &antq::Error::Io { path: "pickle".into(), message: format!("no antq result `{other}` to unpickle") },
            ));
        }
    };
    Ok(obj.unbind())
}

/// Registers the result classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<WhatIf>()?;
    m.add_class::<ImpactResult>()?;
    m.add_class::<Sensitivity>()?;
    m.add_class::<Comparison>()?;
    m.add_class::<Teams>()?;
    m.add_class::<Medals>()?;
    m.add_function(wrap_pyfunction!(_unpickle_result, m)?)?;
    Ok(())
}
