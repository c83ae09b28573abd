//! A record's attested criteria (key → yes / no / unknown), held compactly: a national
//! dataset has hundreds of thousands of records with a handful of keys each, all drawn from
//! a few dozen spellings.

use crate::model::evidence::Attestation;
use std::cell::RefCell;
use std::sync::Arc;
#[cfg(not(target_family = "wasm"))]
use std::sync::{Mutex, OnceLock};

/// The attested criteria of one evidence record: each key once, in key order.
///
/// A record of up to six keys, each among the process's first 4,096 distinct spellings of
/// at most 64 bytes, holds them in place as numbers into a table of those spellings: no
/// allocation, a few bytes a key. Any other record holds its keys as shared text (every
/// record naming `RA-2` points at one `RA-2`, up to a bounded number of distinct keys per
/// thread). Both forms behave alike: which one a record has is never seen.
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
#[derive(Clone)]
pub struct Attested(Repr);

#[derive(Clone)]
enum Repr {
    /// Up to [`INLINE`] keys from the key table, in key order.
    Few { len: u8, keys: [KeyId; INLINE], marks: [Attestation; INLINE] },
    /// Any keys, in key order (boxed: a record holds no more than the few keys' room).
    #[allow(clippy::box_collection)]
    Many(Box<Vec<(Arc<str>, Attestation)>>),
}

/// Keys a record holds in place.
const INLINE: usize = 6;

/// Distinct spellings the process's key table holds (each at most [`KEY_BYTES`] long, kept
/// for the process's life: 256 KiB at most); keys beyond are held as text.
const KEY_TABLE: usize = 4096;

/// The longest key the key table takes.
#[cfg(not(target_family = "wasm"))]
const KEY_BYTES: usize = 64;

/// A key's place in the key table.
type KeyId = u16;

// On 64-bit targets a record's keys take the room of a vector's header: no more than before
// they were held in place.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Attested>() <= 3 * std::mem::size_of::<usize>());
const _: () = assert!(KEY_TABLE <= KeyId::MAX as usize + 1);

#[cfg(not(target_family = "wasm"))]
static KEY_TEXT: [OnceLock<&'static str>; KEY_TABLE] = [const { OnceLock::new() }; KEY_TABLE];
#[cfg(not(target_family = "wasm"))]
static KEY_IDS: Mutex<Option<rustc_hash::FxHashMap<&'static str, KeyId>>> = Mutex::new(None);

/// Distinct keys kept for sharing, per thread; beyond it a key is simply allocated.
const SHARED_KEYS: usize = 4096;

thread_local! {
    static KEYS: RefCell<rustc_hash::FxHashSet<Arc<str>>> = RefCell::default();
}

#[cfg(not(target_family = "wasm"))]
thread_local! {
    /// The key table's ids this thread has looked up.
    static IDS: RefCell<rustc_hash::FxHashMap<&'static str, KeyId>> = RefCell::default();
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

/// `key`'s id in the key table, added if there is room; `None` for a key too long or a
/// full table.
#[cfg(not(target_family = "wasm"))]
fn key_id(key: &str) -> Option<KeyId> {
    if key.len() > KEY_BYTES {
        return None;
    }
    if let Some(id) = IDS.with(|ids| ids.borrow().get(key).copied()) {
        return Some(id);
    }
    let id = {
        let mut table = KEY_IDS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let table = table.get_or_insert_with(Default::default);
        match table.get(key) {
            Some(&id) => id,
            None if table.len() < KEY_TABLE => {
                let text: &'static str = Box::leak(Box::from(key));
                let id = table.len() as KeyId;
                // Set before the id is handed out: `key_text` of any id given finds its text.
                let _ = KEY_TEXT[id as usize].set(text);
                table.insert(text, id);
                id
            }
            None => return None,
        }
    };
    IDS.with(|ids| ids.borrow_mut().insert(key_text(id), id));
    Some(id)
}

/// The text of a key table id.
#[cfg(not(target_family = "wasm"))]
fn key_text(id: KeyId) -> &'static str {
    KEY_TEXT[id as usize].get().copied().unwrap_or_default()
}

/// In WebAssembly, where the module's size counts for more, there is no key table: every
/// record holds its keys as shared text.
#[cfg(target_family = "wasm")]
fn key_id(_: &str) -> Option<KeyId> {
    None
}

#[cfg(target_family = "wasm")]
fn key_text(_: KeyId) -> &'static str {
    ""
}

/// A key as a reader inserts it into many records: looked up once ([`Attested::shared_key`]).
#[derive(Debug, Clone)]
pub(crate) struct SharedKey {
    id: Option<KeyId>,
    text: Arc<str>,
}

impl Default for Attested {
    fn default() -> Self {
        Attested(Repr::Few { len: 0, keys: [0; INLINE], marks: [Attestation::Unknown; INLINE] })
    }
}

impl Attested {
    /// The attestation under `key`, if recorded.
    pub fn get(&self, key: &str) -> Option<Attestation> {
        self.find(key).ok().map(|i| self.mark(i))
    }

    /// Whether `key` is recorded.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Records `a` under `key`, giving back what was there.
    pub fn insert(&mut self, key: &str, a: Attestation) -> Option<Attestation> {
        match self.find(key) {
            Ok(i) => Some(std::mem::replace(self.mark_mut(i), a)),
            Err(i) => {
                self.insert_at(i, key_id(key), key, a);
                None
            }
        }
    }

    /// `key` as [`Attested::insert`] holds it: for a reader inserting one key into many
    /// records ([`Attested::insert_shared`]), which then looks it up once.
    pub(crate) fn shared_key(key: &str) -> SharedKey {
        SharedKey { id: key_id(key), text: shared(key) }
    }

    /// [`Attested::insert`] of a key from [`Attested::shared_key`]; keys inserted in order
    /// are appended without a search.
    pub(crate) fn insert_shared(&mut self, key: &SharedKey, a: Attestation) -> Option<Attestation> {
        let n = self.len();
        if n == 0 || self.key(n - 1) < &*key.text {
            self.insert_at(n, key.id, &key.text, a);
            return None;
        }
        match self.find(&key.text) {
            Ok(i) => Some(std::mem::replace(self.mark_mut(i), a)),
            Err(i) => {
                self.insert_at(i, key.id, &key.text, a);
                None
            }
        }
    }

    /// Makes room for `additional` more keys.
    pub(crate) fn reserve(&mut self, additional: usize) {
        match &mut self.0 {
            Repr::Few { len, .. } if usize::from(*len) + additional <= INLINE => {}
            Repr::Few { .. } => self.spill(additional),
            Repr::Many(v) => v.reserve_exact(additional),
        }
    }

    /// Removes `key`, giving back its attestation.
    pub fn remove(&mut self, key: &str) -> Option<Attestation> {
        let i = self.find(key).ok()?;
        match &mut self.0 {
            Repr::Few { len, keys, marks } => {
                let n = usize::from(*len);
                let a = marks[i];
                keys.copy_within(i + 1..n, i);
                marks.copy_within(i + 1..n, i);
                *len -= 1;
                Some(a)
            }
            Repr::Many(v) => Some(v.remove(i).1),
        }
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.key(i))
    }

    /// Each key with its attestation, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Attestation)> {
        (0..self.len()).map(|i| (self.key(i), self.mark(i)))
    }

    /// How many keys are recorded.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Few { len, .. } => usize::from(*len),
            Repr::Many(v) => v.len(),
        }
    }

    /// Whether no key is recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`th key (`i` below [`Attested::len`]).
    fn key(&self, i: usize) -> &str {
        match &self.0 {
            Repr::Few { keys, .. } => key_text(keys[i]),
            Repr::Many(v) => &v[i].0,
        }
    }

    fn mark(&self, i: usize) -> Attestation {
        match &self.0 {
            Repr::Few { marks, .. } => marks[i],
            Repr::Many(v) => v[i].1,
        }
    }

    fn mark_mut(&mut self, i: usize) -> &mut Attestation {
        match &mut self.0 {
            Repr::Few { marks, .. } => &mut marks[i],
            Repr::Many(v) => &mut v[i].1,
        }
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        match &self.0 {
            Repr::Few { len, keys, .. } => keys[..usize::from(*len)].binary_search_by(|&k| key_text(k).cmp(key)),
            Repr::Many(v) => v.binary_search_by(|(k, _)| (**k).cmp(key)),
        }
    }

    /// Puts `key` (whose table id is `id`, if it has one) at position `i`.
    fn insert_at(&mut self, i: usize, id: Option<KeyId>, key: &str, a: Attestation) {
        if let (Repr::Few { len, keys, marks }, Some(id)) = (&mut self.0, id)
            && usize::from(*len) < INLINE
        {
            let n = usize::from(*len);
            keys.copy_within(i..n, i + 1);
            marks.copy_within(i..n, i + 1);
            (keys[i], marks[i]) = (id, a);
            *len += 1;
            return;
        }
        self.spill(1);
        if let Repr::Many(v) = &mut self.0 {
            v.insert(i, (shared(key), a));
        }
    }

    /// Holds the keys as text, with room for `additional` more.
    fn spill(&mut self, additional: usize) {
        if let Repr::Few { len, keys, marks } = &self.0 {
            let n = usize::from(*len);
            let mut v = Vec::with_capacity(n + additional);
            v.extend(keys[..n].iter().zip(&marks[..n]).map(|(&k, &a)| (shared(key_text(k)), a)));
            self.0 = Repr::Many(Box::new(v));
        }
    }

    /// The keys of `sorted` (in key order, each once).
    fn from_sorted<K: AsRef<str>>(sorted: Vec<(K, Attestation)>) -> Self {
        let mut out = Attested::default();
        if sorted.len() > INLINE {
            out.spill(sorted.len());
        }
        for (k, a) in sorted {
            let k = k.as_ref();
            out.insert_at(out.len(), key_id(k), k, a);
        }
        out
    }
}

impl PartialEq for Attested {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Attested {}

impl std::hash::Hash for Attested {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_usize(self.len());
        for (k, a) in self.iter() {
            k.hash(h);
            a.hash(h);
        }
    }
}

impl std::fmt::Debug for Attested {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
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

/// A record's keys as the key table's ids, in order: two records whose keys compare equal
/// here hold the same spellings in the same order. Only records of few keys have them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeyIds {
    len: u8,
    /// The ids, then zeros.
    keys: [KeyId; INLINE],
}

impl Attested {
    /// The record's keys as ids (none when they are held as text, as they always are in
    /// WebAssembly, which has no key table: there the code below is left out).
    pub(crate) fn key_ids(&self) -> Option<KeyIds> {
        #[cfg(target_family = "wasm")]
        return None;
        #[cfg(not(target_family = "wasm"))]
        match &self.0 {
            // Element by element, not a copy of `len` ids: no call per record.
            Repr::Few { len, keys, .. } => Some(KeyIds {
                len: *len,
                keys: std::array::from_fn(|j| if j < usize::from(*len) { keys[j] } else { 0 }),
            }),
            Repr::Many(_) => None,
        }
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
        Attested::from_sorted(last.into_iter().collect())
    }
}

impl serde::Serialize for Attested {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// An attestation as written in a map: serde's own reading, except that an empty text is
/// said as such (serde's message is "unknown variant ``").
struct Written(Attestation);

impl<'de> serde::Deserialize<'de> for Written {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Written;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("`yes`, `no` or `unknown`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Written, E> {
                match Attestation::from_code(v) {
                    Some(a) => Ok(Written(a)),
                    None if v.trim().is_empty() => {
                        Err(E::custom("an empty text is not an attestation: write `\"unknown\"`, or leave the key out"))
                    }
                    None => Err(E::unknown_variant(v, &["yes", "no", "unknown"])),
                }
            }
        }
        d.deserialize_str(Visit)
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
                let mut out: Vec<(std::borrow::Cow<'de, str>, Attestation)> = Vec::new();
                let mut seen: rustc_hash::FxHashSet<Arc<str>> = Default::default();
                while let Some(k) = m.next_key::<std::borrow::Cow<'de, str>>()? {
                    // A null is said as such (serde's own message is "expected value").
                    let Some(Written(a)) = m.next_value::<Option<Written>>()? else {
                        return Err(serde::de::Error::custom(format!(
                            "`{k}` is null, which is not an attestation: write `\"unknown\"`, or leave the key out"
                        )));
                    };
                    let twice = if out.len() < 16 {
                        out.iter().any(|(o, _)| *o == k)
                    } else {
                        if seen.is_empty() {
                            seen.extend(out.iter().map(|(o, _)| shared(o)));
                        }
                        !seen.insert(shared(&k))
                    };
                    if twice {
                        return Err(serde::de::Error::custom(format!(
                            "duplicate key `{k}`: each key may be given once"
                        )));
                    }
                    out.push((k, a));
                }
                crate::sort_by(&mut out, |(a, _), (b, _)| a.cmp(b));
                Ok(Attested::from_sorted(out))
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
        assert_eq!(identity(a.keys().next().unwrap()), identity(b.keys().next().unwrap()));
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
        let e = serde_json::from_str::<Attested>(r#"{"k": null}"#).unwrap_err();
        assert!(e.to_string().starts_with("`k` is null, which is not an attestation: write `\"unknown\"`"), "{e}");
        for empty in ["", " "] {
            let e = serde_json::from_str::<Attested>(&format!(r#"{{"k": "{empty}"}}"#)).unwrap_err();
            assert!(e.to_string().starts_with("an empty text is not an attestation: write `\"unknown\"`"), "{e}");
        }
        let e = serde_json::from_str::<Attested>(r#"{"k": "Yes"}"#).unwrap_err();
        assert!(e.to_string().starts_with("unknown variant `Yes`, expected one of `yes`, `no`, `unknown`"), "{e}");
        let e = serde_json::from_str::<Attested>(r#"{"k": true}"#).unwrap_err();
        assert!(e.to_string().starts_with("invalid type: boolean `true`, expected `yes`, `no` or `unknown`"), "{e}");
    }

    /// A key too long for the key table: the record holds its keys as text.
    fn long(i: u8) -> String {
        format!("{}{i}", "x".repeat(KEY_BYTES))
    }

    #[test]
    fn both_forms_are_equal_when_their_keys_are() {
        let few: Attested = [("RA-2", Attestation::Yes), ("RA-4", Attestation::No)].into_iter().collect();
        let mut many = few.clone();
        many.insert(&long(0), Attestation::Yes);
        assert!(matches!(many.0, Repr::Many(_)) && matches!(few.0, Repr::Few { .. }));
        assert_ne!(few, many);
        many.remove(&long(0));
        assert_eq!(few, many);
        let hash = |a: &Attested| {
            use std::hash::{BuildHasher, BuildHasherDefault};
            BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(a)
        };
        assert_eq!(hash(&few), hash(&many));
        assert_eq!(format!("{few:?}"), format!("{many:?}"));
        assert_eq!(format!("{few:?}"), r#"{"RA-2": Yes, "RA-4": No}"#);
    }

    proptest::proptest! {
        /// Inserts and removes, in place or as text, do what they do to a sorted map.
        #[test]
        fn inserts_and_removes_behave_as_a_map(ops in proptest::collection::vec((0u8..12, 0u8..4), 0..40)) {
            let mut a = Attested::default();
            let mut shared_in = Attested::default();
            let mut model = std::collections::BTreeMap::new();
            for (k, op) in ops {
                // Keys 0..9 are short; 10 and 11 too long for the key table.
                let key = if k < 10 { format!("K-{k}") } else { long(k) };
                let mark = [Attestation::Yes, Attestation::No, Attestation::Unknown][usize::from(op % 3)];
                if op == 3 {
                    proptest::prop_assert_eq!(a.remove(&key), model.remove(&key));
                    shared_in.remove(&key);
                } else {
                    proptest::prop_assert_eq!(a.insert(&key, mark), model.insert(key.clone(), mark));
                    shared_in.insert_shared(&Attested::shared_key(&key), mark);
                }
                proptest::prop_assert_eq!(a.len(), model.len());
                proptest::prop_assert!(a.iter().eq(model.iter().map(|(k, &m)| (k.as_str(), m))));
                proptest::prop_assert_eq!(&shared_in, &a);
            }
            for (k, &m) in &model {
                proptest::prop_assert_eq!(a.get(k), Some(m));
            }
            proptest::prop_assert_eq!(a.get("K-none"), None);
            let json = serde_json::to_string(&a).unwrap();
            proptest::prop_assert_eq!(serde_json::from_str::<Attested>(&json).unwrap(), a);
        }
    }
}
