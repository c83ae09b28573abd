//! Each unit's results on two sides (two years, two rule sets), one unit at a time in id
//! order: what `compare` and `impact` walk, from two reviews (each result made in turn and
//! dropped) or from two evaluations already made.

use crate::eval::{Evaluation, UnitResult};
use crate::{Result, Review};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// One unit's result on each side (`None` where that side does not evaluate it).
pub(crate) type Pair<'e> = (Option<Cow<'e, UnitResult>>, Option<Cow<'e, UnitResult>>);

/// The pairs of two reviews: each unit's two explained results are made when the pair is
/// read, so memory holds one pair, not two national evaluations.
pub(crate) fn of_reviews<'r>(a: &'r Review<'_>, b: &'r Review<'_>) -> impl Iterator<Item = Result<Pair<'static>>> + 'r {
    let ids: BTreeSet<&str> = a.indexed_verdicts().chain(b.indexed_verdicts()).map(|(_, u, _)| u.id.as_str()).collect();
    ids.into_iter().map(|id| Ok((a.unit(id)?.map(Cow::Owned), b.unit(id)?.map(Cow::Owned))))
}

/// The pairs of two evaluations (which cannot fail).
pub(crate) fn of_evaluations<'e>(
    a: &'e Evaluation,
    b: &'e Evaluation,
) -> impl Iterator<Item = std::result::Result<Pair<'e>, std::convert::Infallible>> {
    let index = |ev: &'e Evaluation| -> HashMap<&'e str, &'e UnitResult> {
        ev.units.iter().map(|u| (u.unit.as_str(), u)).collect()
    };
    let (a, b) = (index(a), index(b));
    let ids: BTreeSet<&str> = a.keys().chain(b.keys()).copied().collect();
    ids.into_iter().map(move |id| Ok((a.get(id).map(|u| Cow::Borrowed(*u)), b.get(id).map(|u| Cow::Borrowed(*u)))))
}
