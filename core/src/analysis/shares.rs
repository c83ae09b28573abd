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
    share_meeting_by(results, kind, Group::Parent)
}

/// What units are grouped by: their parent, or the commune, district or province they
/// belong to on the reference date ([`crate::Ancestry`]; a commune is in its own commune).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Group {
    /// The parent on the reference date.
    Parent,
    /// The commune.
    Commune,
    /// The district (none from 1 July 2025).
    District,
    /// The province.
    Province,
}

impl Group {
    /// Every grouping, by its code.
    pub const ALL: [Group; 4] = [Group::Parent, Group::Commune, Group::District, Group::Province];

    /// The code: `parent`, `commune`, `district`, `province`.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Parent => "parent",
            Group::Commune => "commune",
            Group::District => "district",
            Group::Province => "province",
        }
    }

    /// The grouping of a code; an unknown code is an error listing the codes.
    ///
    /// ```
    /// use antq::analysis::shares::Group;
    /// assert_eq!(Group::from_code("province").unwrap(), Group::Province);
    /// assert!(Group::from_code("provinces").unwrap_err().contains("district"));
    /// ```
    pub fn from_code(code: &str) -> Result<Group, String> {
        Group::ALL.into_iter().find(|g| g.as_str() == code).ok_or_else(|| {
            let all: Vec<&str> = Group::ALL.iter().map(|g| g.as_str()).collect();
            format!("unknown grouping {code:?}; expected one of {}", all.join(", "))
        })
    }

    /// The unit `u` is counted under.
    fn of(self, u: &UnitResult) -> Option<&UnitId> {
        match self {
            Group::Parent => u.parent.as_ref(),
            Group::Commune => u.commune.as_ref(),
            Group::District => u.district.as_ref(),
            Group::Province => u.province.as_ref(),
        }
    }
}

/// [`share_meeting`] with the units grouped `by` their parent, commune, district or
/// province (the row's `parent` is then the group's unit). Units with no unit of that
/// level are left out.
///
/// ```
/// use antq::{Dataset, RuleSet, evaluate};
/// use antq::analysis::shares::{Group, share_meeting_by};
/// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let ev = evaluate(&ds, &RuleSet::preset("vn.c124-2021").unwrap(), 2023).unwrap();
/// let provinces = share_meeting_by(&ev.units, None, Group::Province);
/// assert_eq!(provinces.len(), 1);
/// let in_scope = ev.units.iter().filter(|u| u.outcome.code() != "out_of_scope").count() as u32;
/// assert_eq!(provinces[0].units, in_scope);
/// ```
pub fn share_meeting_by(results: &[UnitResult], kind: Option<Kind>, group: Group) -> Vec<ParentShare> {
    let mut by: BTreeMap<&UnitId, (u32, u32, u32)> = BTreeMap::new();
    for u in results {
        let Some(p) = group.of(u) else { continue };
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
