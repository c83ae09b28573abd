//! Units by id: the look-up every evidence record, incident and parent link goes through.

use crate::model::unit::Unit;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

/// Units by id, as indices into [`crate::Dataset::units`].
///
/// The table holds each id's 64-bit hash and its unit's index (16 bytes an entry, where a
/// string reference and an index took 24), and a look-up compares the id itself
/// afterwards, in the unit's record. [`UnitIndex::find_all`] looks ids up in batches, first every hash, then every
/// comparison: on a national dataset with records in any order each step is a cache miss
/// far away, and a batch lets them overlap instead of waiting on each other. Ids whose
/// hashes are equal (a collision of distinct ids) are kept aside and compared in turn, so
/// the index is exact for any ids.
#[derive(Debug, Default)]
pub(crate) struct UnitIndex {
    /// The first unit indexed under each hash.
    first: std::collections::HashMap<u64, u32, BuildHasherDefault<Hashed>>,
    /// The units of other ids with the same hash as a `first` one, with that hash: almost
    /// always empty (a list, not a second table: no more code in WebAssembly).
    more: Vec<(u64, u32)>,
}

/// Ids looked up per batch by [`UnitIndex::find_all`].
const BATCH: usize = 64;

/// The hash of an id.
fn hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

impl UnitIndex {
    /// An empty index with room for `n` units.
    pub(crate) fn with_capacity(n: usize) -> Self {
        UnitIndex {
            first: std::collections::HashMap::with_capacity_and_hasher(n, Default::default()),
            more: Vec::new(),
        }
    }

    /// Indexes unit `i` of `units`: the unit it replaces when one with the same id was
    /// indexed before (the last unit of an id is the one indexed).
    pub(crate) fn insert(&mut self, units: &[Unit], i: u32) -> Option<u32> {
        self.insert_hashed(units, i, hash(units[i as usize].id.as_str()))
    }

    /// [`UnitIndex::insert`] with the id's hash `h`.
    fn insert_hashed(&mut self, units: &[Unit], i: u32, h: u64) -> Option<u32> {
        let id = units[i as usize].id.as_str();
        let first = self.first.entry(h).or_insert(i);
        if *first == i {
            return None;
        }
        if units[*first as usize].id.as_str() == id {
            return Some(std::mem::replace(first, i));
        }
        match self.more.iter_mut().find(|(g, j)| *g == h && units[*j as usize].id.as_str() == id) {
            Some((_, j)) => Some(std::mem::replace(j, i)),
            None => {
                self.more.push((h, i));
                None
            }
        }
    }

    /// The unit of `units` with this id.
    pub(crate) fn get(&self, units: &[Unit], id: &str) -> Option<u32> {
        self.get_hashed(units, id, hash(id))
    }

    /// [`UnitIndex::get`] with the id's hash `h`.
    fn get_hashed(&self, units: &[Unit], id: &str, h: u64) -> Option<u32> {
        let first = *self.first.get(&h)?;
        self.exact(units, id, h, first)
    }

    /// The unit with this id, given `candidate`, the first unit indexed under its hash `h`.
    fn exact(&self, units: &[Unit], id: &str, h: u64, candidate: u32) -> Option<u32> {
        if units[candidate as usize].id.as_str() == id {
            return Some(candidate);
        }
        self.more.iter().find(|&&(g, j)| g == h && units[j as usize].id.as_str() == id).map(|&(_, j)| j)
    }

    /// The unit of each of `ids` (`u32::MAX` for an id not in `units`), appended to `out`,
    /// in batches.
    pub(crate) fn find_all<'a>(&self, units: &[Unit], ids: impl ExactSizeIterator<Item = &'a str>, out: &mut Vec<u32>) {
        let mut batch: Vec<(&str, u64)> = Vec::with_capacity(BATCH);
        let mut ids = ids.peekable();
        out.reserve(ids.len());
        while ids.peek().is_some() {
            batch.clear();
            batch.extend(ids.by_ref().take(BATCH).map(|id| (id, hash(id))));
            let start = out.len();
            out.extend(batch.iter().map(|&(_, h)| self.first.get(&h).copied().unwrap_or(u32::MAX)));
            for (found, &(id, h)) in out[start..].iter_mut().zip(&batch) {
                if *found != u32::MAX {
                    *found = self.exact(units, id, h, *found).unwrap_or(u32::MAX);
                }
            }
        }
    }
}

/// The hasher of a key that is already a hash: it keeps the `u64` it is given.
#[derive(Debug, Default)]
struct Hashed(u64);

impl Hasher for Hashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed here; any other input still hashes deterministically.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, h: u64) {
        self.0 = h;
    }
}

#[cfg(test)]
mod tests {
    use super::UnitIndex;
    use crate::{Unit, UnitKind};

    fn units(ids: &[&str]) -> Vec<Unit> {
        ids.iter().map(|id| Unit::new(*id, *id, UnitKind::Agency { armed_forces: false }, None)).collect()
    }

    #[test]
    fn the_last_unit_of_an_id_is_kept_and_the_one_before_returned() {
        let long = "an id longer than twenty-four bytes, held on the heap";
        let u = units(&["A", long, "A", "B"]);
        let mut index = UnitIndex::with_capacity(2);
        assert_eq!([0, 1, 2, 3].map(|i| index.insert(&u, i)), [None, None, Some(0), None]);
        assert_eq!((index.get(&u, "A"), index.get(&u, long), index.get(&u, "C")), (Some(2), Some(1), None));
        assert_eq!(index.get(&u, "a"), None);
        let mut found = Vec::new();
        let asked = ["B", "C", "A", long, ""].repeat(30);
        index.find_all(&u, asked.iter().copied(), &mut found);
        assert_eq!(found, [Some(3), None, Some(2), Some(1), None].map(|f| f.unwrap_or(u32::MAX)).repeat(30));
    }

    /// Distinct ids with the same hash are told apart by their text, in every look-up.
    #[test]
    fn ids_whose_hashes_collide_are_still_told_apart() {
        let u = units(&["X", "Y", "Z", "Y"]);
        let mut index = UnitIndex::with_capacity(4);
        // Every id filed under one hash, as colliding ids would be.
        assert_eq!([0, 1, 2, 3].map(|i| index.insert_hashed(&u, i, 7)), [None, None, None, Some(1)]);
        for (id, want) in [("X", Some(0)), ("Y", Some(3)), ("Z", Some(2)), ("W", None)] {
            assert_eq!(index.get_hashed(&u, id, 7), want, "{id}");
        }
        assert_eq!(index.get_hashed(&u, "X", 8), None);
    }
}
