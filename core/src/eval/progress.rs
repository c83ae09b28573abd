//! Progress of long calls, and stopping them: a callback the caller gives in
//! [`Options::with_progress`](super::Options::with_progress), called on the calling thread
//! between parts of the work with the units done and the units in all.

use crate::error::{Error, Result};
use std::fmt;
use std::ops::ControlFlow;
use std::sync::Arc;

/// The callback of a long call: `(done, total)` units, on the thread that made the call
/// (never from a worker thread, so a binding can check for Ctrl-C there). Returning
/// [`ControlFlow::Break`] stops the call, which then fails with [`Error::Cancelled`].
///
/// It is called at the start (`done` = 0) and at the end (`done` = `total`) of each stage
/// of a call (a review, then its explained results) and between parts of a few thousand
/// units: a review of the national dataset reports a few dozen times.
///
/// ```
/// use antq::{Dataset, Options, RuleSet, evaluate_with};
/// use std::ops::ControlFlow;
/// use std::sync::{Arc, Mutex};
/// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let log = seen.clone();
/// let opts = Options::default().with_progress(move |done, total| {
///     log.lock().unwrap().push((done, total));
///     ControlFlow::Continue(())
/// });
/// evaluate_with(&ds, &rules, 2023, &opts).unwrap();
/// let seen = seen.lock().unwrap();
/// assert!(seen.iter().all(|&(done, total)| done <= total));
/// assert_eq!(seen.last().map(|&(d, t)| d == t), Some(true));
/// // Breaking stops the call with `cancelled`.
/// let stop = Options::default().with_progress(|_, _| ControlFlow::Break(()));
/// assert_eq!(evaluate_with(&ds, &rules, 2023, &stop).unwrap_err().code(), "cancelled");
/// ```
#[derive(Clone)]
pub struct Progress(Arc<dyn Fn(usize, usize) -> ControlFlow<()> + Send + Sync>);

impl Progress {
    /// A progress callback.
    pub fn new(f: impl Fn(usize, usize) -> ControlFlow<()> + Send + Sync + 'static) -> Self {
        Progress(Arc::new(f))
    }

    /// Reports `done` of `total`; [`Error::Cancelled`] when the callback breaks.
    pub fn report(&self, done: usize, total: usize) -> Result<()> {
        match (self.0)(done, total) {
            ControlFlow::Continue(()) => Ok(()),
            ControlFlow::Break(()) => Err(Error::Cancelled { done, total }),
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Progress(..)")
    }
}

/// Reports to `progress`, if any.
pub(crate) fn report(progress: Option<&Progress>, done: usize, total: usize) -> Result<()> {
    progress.map_or(Ok(()), |p| p.report(done, total))
}
