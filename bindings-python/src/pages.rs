//! An evaluation's units as dicts page by page, and lazily one at a time: a national
//! evaluation (170,000 explained results) never goes through one JSON text of them all.

use crate::errors::{Fail, run};
use crate::eval::UnitResult;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::sync::Arc;

/// Units turned into dicts per page: one JSON text of this many results at a time.
pub(crate) const PAGE: usize = 2048;

/// The units `start..stop` (cut to the evaluation) as a list of dicts.
///
/// Python's cyclic garbage collector is paused meanwhile: the millions of dicts and lists
/// made would start a collection every few hundred, each walking every container made so
/// far (for the national evaluation, 18 s instead of 7).
pub(crate) fn unit_dicts<'py>(
    py: Python<'py>,
    ev: &Arc<antq::Evaluation>,
    start: usize,
    stop: usize,
) -> PyResult<Bound<'py, PyList>> {
    let gc = py.import("gc")?;
    let was_on = gc.call_method0("isenabled")?.is_truthy()?;
    if was_on {
        gc.call_method0("disable")?;
    }
    let out = pages(py, ev, start, stop);
    if was_on {
        gc.call_method0("enable")?;
    }
    out
}

fn pages<'py>(py: Python<'py>, ev: &Arc<antq::Evaluation>, start: usize, stop: usize) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    let stop = stop.min(ev.units.len());
    let mut at = start.min(stop);
    while at < stop {
        let end = stop.min(at + PAGE);
        let ev2 = ev.clone();
        let text =
            run(py, move || serde_json::to_string(&ev2.units[at..end]).map_err(|e| Fail::Internal(e.to_string())))?;
        for d in crate::json_loads(py, &text)?.try_iter()? {
            out.append(d?)?;
        }
        py.check_signals()?;
        at = end;
    }
    Ok(out)
}

/// The whole evaluation as a dict, its units made page by page.
pub(crate) fn evaluation_dict<'py>(py: Python<'py>, ev: &Arc<antq::Evaluation>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("decision", crate::to_python(py, &ev.decision)?)?;
    d.set_item("units", unit_dicts(py, ev, 0, usize::MAX)?)?;
    d.set_item("summary", crate::to_python(py, &ev.summary)?)?;
    if !ev.lints.is_empty() {
        d.set_item("lints", crate::to_python(py, &ev.lints)?)?;
    }
    Ok(d)
}

/// Each unit's result as a dict, made a page at a time (`Evaluation.iter_dicts()`).
#[pyclass(module = "antq")]
#[derive(Debug)]
pub struct UnitDicts {
    ev: Arc<antq::Evaluation>,
    next: usize,
    page: Vec<Py<PyAny>>,
}

impl UnitDicts {
    pub(crate) fn new(ev: Arc<antq::Evaluation>) -> Self {
        UnitDicts { ev, next: 0, page: Vec::new() }
    }
}

#[pymethods]
impl UnitDicts {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if self.page.is_empty() {
            let list = unit_dicts(py, &self.ev, self.next, self.next + PAGE)?;
            self.next += list.len();
            self.page = list.iter().map(|d| d.unbind()).collect();
            self.page.reverse();
        }
        Ok(self.page.pop())
    }

    fn __len__(&self) -> usize {
        self.ev.units.len() - self.next + self.page.len()
    }
}

/// Each unit's result, one object at a time (`iter(ev)`).
#[pyclass(module = "antq")]
#[derive(Debug)]
pub struct UnitResults {
    ev: Arc<antq::Evaluation>,
    next: usize,
}

impl UnitResults {
    pub(crate) fn new(ev: Arc<antq::Evaluation>) -> Self {
        UnitResults { ev, next: 0 }
    }
}

#[pymethods]
impl UnitResults {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> Option<UnitResult> {
        let u = self.ev.units.get(self.next)?;
        self.next += 1;
        Some(UnitResult { inner: Arc::new(u.clone()) })
    }

    fn __len__(&self) -> usize {
        self.ev.units.len() - self.next
    }
}
