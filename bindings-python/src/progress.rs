//! Long calls that answer Ctrl-C and report progress: the core's progress callback
//! ([`antq::Options::with_progress`]) checks Python's signals on the calling thread and calls
//! the caller's `progress=` (a callable `(done, total)`, or `True` for a tqdm bar).

use crate::errors::{Fail, run};
use pyo3::prelude::*;
use std::ops::ControlFlow;
use std::sync::{Arc, Mutex};

/// What watches one call: the exception that stopped it, and the caller's callback.
pub(crate) struct Watch {
    stopped: Arc<Mutex<Option<PyErr>>>,
    callback: Option<Py<PyAny>>,
}

impl Watch {
    /// A watch for a call given `progress=` (`None`/`False`: only Ctrl-C; `True`: a tqdm
    /// bar; a callable: called with `(done, total)`); any other value is an `ArgumentError`.
    pub(crate) fn new(py: Python<'_>, progress: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let callback = match progress {
            None => None,
            Some(p) => {
                let cb = py.import("antq._progress")?.call_method1("callback", (p,))?;
                (!cb.is_none()).then(|| cb.unbind())
            }
        };
        Ok(Watch { stopped: Arc::default(), callback })
    }

    /// `opts` with the watch's callback: on each report the signals are checked (Ctrl-C
    /// raises `KeyboardInterrupt`) and the caller's callback called; an exception from
    /// either stops the call.
    pub(crate) fn options(&self, py: Python<'_>, mut opts: antq::Options) -> antq::Options {
        let stopped = self.stopped.clone();
        let callback = self.callback.as_ref().map(|c| c.clone_ref(py));
        opts = opts.with_progress(move |done, total| {
            let outcome = Python::attach(|py| {
                py.check_signals()?;
                if let Some(cb) = &callback {
                    cb.call1(py, (done, total))?;
                }
                Ok::<(), PyErr>(())
            });
            match outcome {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    if let Ok(mut slot) = stopped.lock() {
                        slot.get_or_insert(e);
                    }
                    ControlFlow::Break(())
                }
            }
        });
        opts
    }

    /// Runs `f` without the GIL (as [`run`]); a call the watch stopped raises the exception
    /// that stopped it (`KeyboardInterrupt`, or the callback's own). The bar is closed.
    pub(crate) fn run<T: Send>(self, py: Python<'_>, f: impl FnOnce() -> Result<T, Fail> + Send) -> PyResult<T> {
        let out = run(py, f);
        if let Some(cb) = &self.callback
            && cb.bind(py).hasattr("close")?
        {
            cb.bind(py).call_method0("close")?;
        }
        match self.stopped.lock().ok().and_then(|mut s| s.take()) {
            Some(e) => Err(e),
            None => out,
        }
    }
}
