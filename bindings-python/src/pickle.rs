//! Pickling and copying (issue 16, point 6): every object is immutable and is pickled as its
//! core value's JSON (the serialisation the core already defines), with the dataframe kind
//! it carries; copies are the object itself.

use crate::errors::to_py;
use pyo3::prelude::*;

/// What a pickle holds: the class, the core value's JSON, the dataframe kind.
pub(crate) type Reduced<'py> = (Bound<'py, PyAny>, (&'static str, String, Option<String>));

/// `(antq._antq._unpickle, (class, json, frame_kind))` for `__reduce__`.
pub(crate) fn reduce<'py, T: serde::Serialize>(
    py: Python<'py>,
    class: &'static str,
    value: &T,
    frame_kind: Option<String>,
) -> PyResult<Reduced<'py>> {
    let json = serde_json::to_string(value)
        .map_err(|e| to_py(py, &antq::Error::Io { path: format!("pickle of {class}"), message: e.to_string() }))?;
    Ok((py.import("antq._antq")?.getattr("_unpickle")?, (class, json, frame_kind)))
}

fn value<T: serde::de::DeserializeOwned>(py: Python<'_>, class: &str, json: &str) -> PyResult<std::sync::Arc<T>> {
    serde_json::from_str(json).map(std::sync::Arc::new).map_err(|e| {
        to_py(
            py,
            &antq::Error::Io { path: format!("pickle of {class}"), message: format!("not a pickled {class}: {e}") },
        )
    })
}

/// Rebuilds a pickled object (the other half of [`reduce`]).
#[pyfunction]
#[pyo3(signature = (name, json, frame_kind = None))]
pub(crate) fn _unpickle(py: Python<'_>, name: &str, json: &str, frame_kind: Option<String>) -> PyResult<Py<PyAny>> {
    let class = name;
    let obj = match class {
        "Dataset" => crate::Dataset::of(value(py, class, json)?, frame_kind).into_pyobject(py)?.into_any(),
        "RuleSet" => crate::rules::RuleSet { inner: value(py, class, json)? }.into_pyobject(py)?.into_any(),
        "Supplement" => crate::rules::Supplement { inner: value(py, class, json)? }.into_pyobject(py)?.into_any(),
        "Evaluation" => {
            crate::eval::Evaluation::from_parts(value(py, class, json)?, frame_kind).into_pyobject(py)?.into_any()
        }
        "UnitResult" => crate::eval::UnitResult { inner: value(py, class, json)? }.into_pyobject(py)?.into_any(),
        "Stats" => crate::data::Stats::from_parts(value(py, class, json)?, frame_kind).into_pyobject(py)?.into_any(),
        other => {
            return Err(to_py(
                py,
                &antq::Error::Io { path: "pickle".into(), message: format!("no antq class `{other}` to unpickle") },
            ));
        }
    };
    Ok(obj.unbind())
}
