//! The administrative hierarchy on a date: the commune, district and province each unit
//! belongs to, found by walking its parents as they stand on that date (`parent_changes`
//! included). After the reform of 1 July 2025 (DOMAIN §2) there is no district: a commune's
//! parent is its province, so `district` is empty for every unit.

use crate::model::unit::Kind;

/// Where a unit stands in the administrative hierarchy on a date: the commune, district and
/// province on its chain of parents, as indices into the dataset's units. The unit itself
/// counts: a commune's `commune` is itself, a province's `province` is itself. `None` where
/// the chain has no unit of that level on the date (an agency managed by a province has no
/// commune; nothing has a district after 30 June 2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ancestry {
    /// The commune-level unit (xã, phường, thị trấn, đặc khu).
    pub commune: Option<usize>,
    /// The district-level unit (huyện, quận, thị xã, thành phố thuộc tỉnh), until 2025.
    pub district: Option<usize>,
    /// The province (tỉnh, thành phố trực thuộc trung ương).
    pub province: Option<usize>,
}

/// Chains longer than this are not a sound hierarchy (a province, district, commune and one
/// unit below are four); validation refuses cycles and parents of the wrong kind, so the
/// bound only guards the walk.
const MAX_DEPTH: usize = 16;

impl Ancestry {
    /// The ancestry of unit `i`, given each unit's `kind` and `parent` on the date (as
    /// indices). The first unit of each level met going up is kept.
    ///
    /// ```
    /// use antq::{Ancestry, Kind};
    /// // 0: province, 1: district under 0, 2: commune under 1, 3: village under 2.
    /// let kinds = [Kind::Province, Kind::District, Kind::Commune, Kind::ResidentialArea];
    /// let parents = [None, Some(0), Some(1), Some(2)];
    /// let a = Ancestry::walk(3, |i| kinds[i], |i| parents[i]);
    /// assert_eq!((a.commune, a.district, a.province), (Some(2), Some(1), Some(0)));
    /// assert_eq!(Ancestry::walk(0, |i| kinds[i], |i| parents[i]).province, Some(0));
    /// ```
    pub fn walk(i: usize, kind: impl Fn(usize) -> Kind, parent: impl Fn(usize) -> Option<usize>) -> Ancestry {
        let mut out = Ancestry::default();
        let mut cur = Some(i);
        for _ in 0..MAX_DEPTH {
            let Some(j) = cur else { break };
            let slot = match kind(j) {
                Kind::Commune => &mut out.commune,
                Kind::District => &mut out.district,
                Kind::Province => &mut out.province,
                _ => {
                    cur = parent(j);
                    continue;
                }
            };
            slot.get_or_insert(j);
            if kind(j) == Kind::Province {
                break;
            }
            cur = parent(j);
        }
        out
    }
}
