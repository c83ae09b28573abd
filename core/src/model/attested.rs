//! A record's attested criteria (key → yes / no / unknown), held compactly: a national
//! dataset has hundreds of thousands of records with a handful of keys each, all drawn from
//! a few dozen spellings.

use crate::model::evidence::Attestation;
use std::cell::RefCell;
use std::sync::Arc;

/// The attested criteria of one evidence record: each key once, in key order.
///
/// Keys are shared: every record naming `RA-2` points at one `RA-2` (up to a bounded number
/// of distinct keys per thread), so a record costs a few words per key.
///
/// ```
/// use antq::{Attestation, Attested};
/// let mut a = Attested::default();
/// a.insert("RA-4", Attestation::Yes);
/// a.insert("RA-2", Attestation::No);
/// assert_eq!(a.get("RA-2"), Some(Attestation::No));
/// assert_eq!(a.keys().collect::<Vec<_>>(), ["RA-2", "RA-4"]);
/// assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"RA-2":"no","RA-4":"yes"}"#);
/// let twice = serde_json::from_str::<Attested>(r#"{"RA-2": "yes", "RA-2": "no"}"#);
/// assert!(twice.unwrap_err().to_string().contains("duplicate key `RA-2`"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Attested(Vec<(Arc<str>, Attestation)>);

/// Distinct keys kept for sharing, per thread; beyond it a key is simply allocated.
const SHARED_KEYS: usize = 4096;

thread_local! {
    static KEYS: RefCell<rustc_hash::FxHashSet<Arc<str>>> = RefCell::default();
}

/// The shared copy of `key`.
fn shared(key: &str) -> Arc<str> {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if let Some(k) = keys.get(key) {
            return Arc::clone(k);
        }
        let k: Arc<str> = Arc::from(key);
        if keys.len() < SHARED_KEYS {
            keys.insert(Arc::clone(&k));
        }
        k
    })
}

impl Attested {
    /// The attestation under `key`, if recorded.
    pub fn get(&self, key: &str) -> Option<Attestation> {
        self.find(key).ok().map(|i| self.0[i].1)
    }

    /// Whether `key` is recorded.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Records `a` under `key`, giving back what was there.
    pub fn insert(&mut self, key: &str, a: Attestation) -> Option<Attestation> {
        match self.find(key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, a)),
            Err(i) => {
                self.0.insert(i, (shared(key), a));
                None
            }
        }
    }

    /// `key` shared as [`Attested::insert`] shares it: for a reader inserting one key into
    /// many records ([`Attested::insert_shared`]), which then looks it up once.
    pub(crate) fn shared_key(key: &str) -> Arc<str> {
        shared(key)
    }

    /// [`Attested::insert`] of a key from [`Attested::shared_key`]; keys inserted in order
    /// are appended without a search.
    pub(crate) fn insert_shared(&mut self, key: &Arc<str>, a: Attestation) -> Option<Attestation> {
        if self.0.last().is_none_or(|(last, _)| **last < **key) {
            self.0.push((Arc::clone(key), a));
            return None;
        }
        match self.find(key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, a)),
            Err(i) => {
                self.0.insert(i, (Arc::clone(key), a));
                None
            }
        }
    }

    /// Makes room for `additional` more keys.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.0.reserve_exact(additional);
    }

    /// Removes `key`, giving back its attestation.
    pub fn remove(&mut self, key: &str) -> Option<Attestation> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| &**k)
    }

    /// Each key with its attestation, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Attestation)> {
        self.0.iter().map(|(k, a)| (&**k, *a))
    }

    /// How many keys are recorded.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no key is recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| (**k).cmp(key))
    }
}

/// What was found for the key at each position of the record before, by the key's
/// identity: keys are shared text, so records alike (most are) give the same key at the same
/// position, and a pass over many records searches only when a position's key changes.
#[derive(Debug)]
pub(crate) struct ByPosition<K, V>(Vec<Option<(K, V)>>);

impl<K: PartialEq + Copy, V: Copy> ByPosition<K, V> {
    pub(crate) fn new() -> Self {
        ByPosition(Vec::new())
    }

    /// The value of `key` at position `j`: the one kept for it if the record before had
    /// the same key there, else `find()`'s, kept for the next record.
    pub(crate) fn get_or(&mut self, j: usize, key: K, find: impl FnOnce() -> V) -> V {
        if let Some(&Some((k, v))) = self.0.get(j)
            && k == key
        {
            return v;
        }
        let v = find();
        if self.0.len() <= j {
            self.0.resize(j + 1, None);
        }
        self.0[j] = Some((key, v));
        v
    }
}

/// A key's identity as shared text: its address and length.
pub(crate) fn identity(key: &str) -> (usize, usize) {
    (key.as_ptr() as usize, key.len())
}

impl<K: AsRef<str>> FromIterator<(K, Attestation)> for Attested {
    /// Collects keys and attestations; a key given twice keeps the last.
    fn from_iter<I: IntoIterator<Item = (K, Attestation)>>(iter: I) -> Self {
        let last: std::collections::BTreeMap<String, Attestation> =
            iter.into_iter().map(|(k, a)| (k.as_ref().to_owned(), a)).collect();
        Attested(last.into_iter().map(|(k, a)| (shared(&k), a)).collect())
    }
}

impl serde::Serialize for Attested {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, a)| (&**k, a)))
    }
}

impl<'de> serde::Deserialize<'de> for Attested {
    /// Reads a map whose keys must be unique: a key given twice is an error naming it,
    /// never "the last one wins".
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Attested;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map with unique keys")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Attested, A::Error> {
                // Kept in document order, then sorted once; a duplicate is found by a scan
                // while the map is small, and by a set of the keys beyond.
                let mut out: Vec<(Arc<str>, Attestation)> = Vec::new();
                let mut seen: rustc_hash::FxHashSet<Arc<str>> = Default::default();
                while let Some(k) = m.next_key::<std::borrow::Cow<'de, str>>()? {
                    let a = m.next_value()?;
                    let twice = if out.len() < 16 {
                        out.iter().any(|(o, _)| **o == *k)
                    } else {
                        if seen.is_empty() {
                            seen.extend(out.iter().map(|(o, _)| Arc::clone(o)));
                        }
                        !seen.insert(shared(&k))
                    };
                    if twice {
                        return Err(serde::de::Error::custom(format!(
                            "duplicate key `{k}`: each key may be given once"
                        )));
                    }
                    out.push((shared(&k), a));
                }
                out.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
                out.shrink_to_fit();
                Ok(Attested(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Attested {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, Attestation>>::schema_name()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<String, Attestation>>::json_schema(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_shared_and_ordered_like_a_map() {
        let a: Attested = serde_json::from_str(r#"{"b": "yes", "a": "no", "c": "unknown"}"#).unwrap();
        let b: Attested = serde_json::from_str(r#"{"a": "yes"}"#).unwrap();
        assert!(Arc::ptr_eq(&a.0[0].0, &b.0[0].0));
        let map: std::collections::BTreeMap<String, Attestation> =
            serde_json::from_str(r#"{"b": "yes", "a": "no", "c": "unknown"}"#).unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&map).unwrap());
        assert_eq!(a.iter().map(|(k, a)| (k.to_owned(), a)).collect::<std::collections::BTreeMap<_, _>>(), map);
    }

    #[test]
    fn many_keys_stay_linear_and_refuse_duplicates() {
        let body: Vec<String> = (0..20_000).rev().map(|i| format!("\"k{i}\": \"yes\"")).collect();
        let a: Attested = serde_json::from_str(&format!("{{{}}}", body.join(","))).unwrap();
        assert_eq!(a.len(), 20_000);
        assert!(a.keys().zip(a.keys().skip(1)).all(|(x, y)| x < y));
        let e = serde_json::from_str::<Attested>(r#"{"k": "yes", "j": "no", "k": "no"}"#).unwrap_err();
        assert!(e.to_string().starts_with("duplicate key `k`"), "{e}");
    }
}
