//! The share of units meeting, per parent: the one count the bindings' charts and pages
//! show (Python's `plot_share`, the demo page's province table), made here once.
//!
//! Which units count follows DOMAIN §3.4 and CW-4 (§3.3): a parent's units are those it
//! manages on the reference date (the results' `parent`); a unit **out of scope** is
//! neither pass nor fail and is left out; an **undetermined** unit counts among the units
//! but not among those meeting (CW-4 needs the share of in-scope units recognised, and an
//! undetermined unit is not recognised). Meeting is [`Outcome::is_meeting`]: meets the
//! standard, or recognised as typical.
//!
//! ```
//! use antq::{Dataset, RuleSet, evaluate};
//! use antq::analysis::shares::share_meeting;
//! let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
//! let ev = evaluate(&ds, &RuleSet::preset("vn.c124-2021").unwrap(), 2023).unwrap();
//! let shares = share_meeting(&ev.units, None);
//! let ns = shares.iter().find(|s| s.parent.as_str() == "NS").unwrap();
//! assert!(ns.meeting <= ns.units && ns.share == f64::from(ns.meeting) / f64::from(ns.units));
//! ```

use crate::eval::{Outcome, UnitResult};
use crate::model::unit::{Kind, UnitId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One parent's count of its in-scope units and of those meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParentShare {
    /// The parent unit.
    pub parent: UnitId,
    /// Its units in scope (of the kind asked for, if any).
    pub units: u32,
    /// Those meeting ([`Outcome::is_meeting`]).
    pub meeting: u32,
    /// Those undetermined (counted in `units`, not in `meeting`).
    pub undetermined: u32,
    /// `meeting / units`.
    pub share: f64,
}

/// Per parent (in id order), its in-scope units among `results` (of `kind` only, when
/// given) and how many of them meet; see the module documentation for which units count.
/// Units without a parent are left out; a parent with no unit counted has no row.
pub fn share_meeting(results: &[UnitResult], kind: Option<Kind>) -> Vec<ParentShare> {
    let mut by: BTreeMap<&UnitId, (u32, u32, u32)> = BTreeMap::new();
    for u in results {
        let Some(p) = &u.parent else { continue };
        if matches!(u.outcome, Outcome::OutOfScope { .. }) || kind.is_some_and(|k| u.kind != k) {
            continue;
        }
        let e = by.entry(p).or_default();
        e.0 += 1;
        e.1 += u32::from(u.outcome.is_meeting());
        e.2 += u32::from(matches!(u.outcome, Outcome::Undetermined));
    }
    by.into_iter()
        .map(|(p, (units, meeting, undetermined))| ParentShare {
            parent: p.clone(),
            units,
            meeting,
            undetermined,
            share: f64::from(meeting) / f64::from(units),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dataset, RuleSet, evaluate};

    #[test]
    fn out_of_scope_is_left_out_and_undetermined_counted() {
        let ds = Dataset::from_str_named("s.json", crate::sample::SAMPLE_JSON).unwrap();
        let ev = evaluate(&ds, &RuleSet::preset("vn.c124-2021").unwrap(), 2023).unwrap();
        let shares = share_meeting(&ev.units, None);
        for s in &shares {
            let mine: Vec<&UnitResult> = ev.units.iter().filter(|u| u.parent.as_ref() == Some(&s.parent)).collect();
            let in_scope = mine.iter().filter(|u| u.outcome.code() != "out_of_scope").count() as u32;
            let meets = mine.iter().filter(|u| u.outcome.code() == "meets").count() as u32;
            let undetermined = mine.iter().filter(|u| u.outcome.code() == "undetermined").count() as u32;
            assert_eq!((s.units, s.meeting, s.undetermined), (in_scope, meets, undetermined), "{}", s.parent);
            assert!(s.units > 0);
        }
        let ras = share_meeting(&ev.units, Some(Kind::ResidentialArea));
        assert!(
            !ras.is_empty() && ras.iter().all(|r| shares.iter().any(|s| s.parent == r.parent && r.units <= s.units))
        );
    }
}
