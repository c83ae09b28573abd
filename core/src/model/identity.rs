//! Unit ids as people read them: normalised to Unicode NFC, refused with invisible or
//! control characters, and linted when two ids look alike.
//!
//! Invisible characters (controls, zero-width and bidirectional marks) are an error, not a
//! lint: no unit id needs them (Vietnamese letters are visible letters and marks, which NFC
//! composes), an id holding one cannot be typed back to look the unit up, shows exactly like
//! another id, and is the "Trojan Source" spoofing device (CVE-2021-42574). Look-alike
//! letters and case are lints: an id in Cyrillic or Greek, or `HA` beside `Ha`, may be
//! meant, but is worth a look.

use crate::error::{Location, Problem, ProblemCode};
use std::collections::BTreeMap;

/// `s` in Unicode NFC (unchanged, without copying, when it already is).
#[cfg(not(target_family = "wasm"))]
pub(crate) fn nfc(s: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(s.chars()) == IsNormalized::Yes { s } else { s.nfc().collect() }
}

/// `s` in Unicode NFC, by the JavaScript host's `String.prototype.normalize` (ASCII, the
/// common case, is NFC already and never crosses to the host).
#[cfg(target_family = "wasm")]
pub(crate) fn nfc(s: String) -> String {
    if s.is_ascii() {
        return s;
    }
    js_sys::JsString::from(s.as_str()).normalize("NFC").as_string().unwrap_or(s)
}

/// Whether `c` is invisible or a control: C0/C1 controls, zero-width and joiner
/// characters, bidirectional marks and overrides, the byte-order mark, soft hyphen,
/// variation selectors, Hangul fillers and tag characters.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}')
}

/// The first invisible character of `s`, with its character position (1-based).
pub(crate) fn first_invisible(s: &str) -> Option<(usize, char)> {
    // Printable ASCII (every id and key antq writes) holds none: one pass over the bytes.
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return None;
    }
    s.chars().enumerate().find(|&(_, c)| is_invisible(c)).map(|(i, c)| (i + 1, c))
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
}

fn script(c: char) -> Option<Script> {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Some(Script::Latin),
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Script::Greek),
        '\u{0400}'..='\u{052F}' => Some(Script::Cyrillic),
        _ => None,
    }
}

/// The Latin letter a Greek or Cyrillic letter looks like, if any.
fn latin_twin(c: char) -> char {
    match c {
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'С' | 'Ϲ' => 'C',
        'Е' | 'Ε' => 'E',
        'Н' | 'Η' => 'H',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Ν' => 'N',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'Ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'Υ' | 'Ү' => 'Y',
        'Х' | 'Χ' => 'X',
        'Ζ' => 'Z',
        'а' => 'a',
        'с' | 'ϲ' => 'c',
        'е' => 'e',
        'і' => 'i',
        'ј' => 'j',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ѕ' => 's',
        'у' => 'y',
        'х' | 'χ' => 'x',
        'ν' => 'v',
        _ => c,
    }
}

/// Lints about unit ids that can be mistaken for one another, in English and Vietnamese:
/// an id mixing Latin with Greek or Cyrillic letters (`mixed_script_id`), ids that look the
/// same once look-alike letters are read as Latin (`ids_look_alike`) and ids that differ
/// only by case (`ids_differ_by_case`), each naming the (first) unit. At most `max` are
/// listed; a last `limit` problem counts the rest.
pub(crate) fn lints<'a>(ids: impl Iterator<Item = &'a str>, max: usize) -> Vec<Problem> {
    // One pass over the ids (a national dataset's are read from a million unit records):
    // each id, the hash of its lowered text, and the ids that are not ASCII (most are: an
    // ASCII id is Latin only, its own skeleton, lowered byte by byte).
    let (mut all, mut lowered, mut other) = (Vec::new(), Vec::new(), Vec::new());
    for (i, id) in ids.enumerate() {
        let hash = if id.is_ascii() {
            hash_ascii_lowercase(id.as_bytes())
        } else {
            other.push(id);
            hash_bytes(id.to_lowercase().as_bytes())
        };
        all.push(id);
        lowered.push((hash, i as u32));
    }
    let ids = all;
    let mut out = Vec::new();
    for id in &other {
        let mut scripts: Vec<Script> = id.chars().filter_map(script).collect();
        crate::sort(&mut scripts);
        scripts.dedup();
        if scripts.len() > 1 && scripts.contains(&Script::Latin) {
            let (pos, c) = id
                .chars()
                .enumerate()
                .find(|&(_, c)| matches!(script(c), Some(Script::Greek | Script::Cyrillic)))
                .unwrap_or((0, ' '));
            let (which, which_vi) =
                if script(c) == Some(Script::Greek) { ("Greek", "Hy Lạp") } else { ("Cyrillic", "Kirin") };
            let (code, at) = (c as u32, pos + 1);
            out.push(
                Problem::new(
                    ProblemCode::MixedScriptId,
                    Location::default().with_unit(*id),
                    format!(
                        "unit id `{id}` mixes Latin and {which} letters (U+{code:04X} at character {at}): it can pass for another id"
                    ),
                )
                .with_vi(format!(
                    "mã đơn vị `{id}` trộn chữ Latinh với chữ {which_vi} (U+{code:04X} ở ký tự {at}): có thể bị nhầm với một mã khác"
                )),
            );
        }
    }
    let skeleton = |id: &str| -> String { id.chars().map(latin_twin).collect() };
    let by_case = grouped(&ids, lowered, str::to_lowercase);
    let look_alike = if other.is_empty() {
        // An ASCII id is its own skeleton: when every id is ASCII, ids that look the same
        // are equal, so they share a group of ids differing only by case (no second sort).
        let mut equal: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for &id in by_case.iter().flatten() {
            equal.entry(id.to_owned()).or_default().push(id);
        }
        equal.into_values().filter(|same| same.len() > 1).collect()
    } else {
        let skeleton_hash =
            |id: &str| if id.is_ascii() { hash_bytes(id.as_bytes()) } else { hash_bytes(skeleton(id).as_bytes()) };
        let hashed = ids.iter().enumerate().map(|(i, id)| (skeleton_hash(id), i as u32)).collect();
        grouped(&ids, hashed, skeleton)
    };
    let group = |code, same: &[&str], en: &str, vi: &str| {
        Problem::new(code, Location::default().with_unit(same[0]), format!("unit ids {} {en}", quoted(same, "and")))
            .with_vi(format!("các mã đơn vị {} {vi}", quoted(same, "và")))
    };
    for same in look_alike {
        let (en, vi) = (
            "look the same (look-alike letters of other scripts)",
            "trông như nhau (các chữ cái giống nhau của bảng chữ khác)",
        );
        out.push(group(ProblemCode::IdsLookAlike, &same, en, vi));
    }
    for same in by_case {
        out.push(group(
            ProblemCode::IdsDifferByCase,
            &same,
            "differ only by case",
            "chỉ khác nhau ở chữ hoa, chữ thường",
        ));
    }
    crate::error::cap_problems(out, max)
}

/// The hash of a key's bytes, in 32 bits (the high half of a 64-bit hash): ids of equal
/// hashes are compared by their keys anyway, and an id's entry stays 8 bytes.
fn hash_bytes(bytes: &[u8]) -> u32 {
    use std::hash::Hasher as _;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    (h.finish() >> 32) as u32
}

/// [`hash_bytes`] of an ASCII id lowered, without allocating for a short one.
fn hash_ascii_lowercase(id: &[u8]) -> u32 {
    let mut buf = [0u8; 64];
    match buf.get_mut(..id.len()) {
        Some(lowered) => {
            for (l, b) in lowered.iter_mut().zip(id) {
                *l = b.to_ascii_lowercase();
            }
            hash_bytes(lowered)
        }
        None => hash_bytes(&id.to_ascii_lowercase()),
    }
}

/// The ids that share a `key`, in groups of two or more ordered by key, each in input
/// order, from the hash of each id's key (`hashed`: [`hash_bytes`] of the key, computed
/// without building it where it can be, and the id's index). The ids of equal hashes are
/// then compared by their keys: a national dataset's ids are never copied.
fn grouped<'a>(ids: &[&'a str], hashed: Vec<(u32, u32)>, key: impl Fn(&str) -> String) -> Vec<Vec<&'a str>> {
    let mut found: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    for run in equal_runs(hashed) {
        let mut by_key: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
        for &(_, i) in &run {
            let id = ids[i as usize];
            by_key.entry(key(id)).or_default().push(id);
        }
        found.extend(by_key.into_iter().filter(|(_, same)| same.len() > 1));
    }
    found.into_values().collect()
}

/// The runs of two or more entries of `hashed` with the same hash, each sorted by index.
/// The entries are grouped into buckets by the hash's top bits ([`crate::grouped_by_owner`]:
/// two passes, where sorting them all would compare each about twenty times), and only a
/// bucket holding two entries or more is sorted.
fn equal_runs(hashed: Vec<(u32, u32)>) -> Vec<Vec<(u32, u32)>> {
    // About two entries per bucket: most buckets hold one or none, and need no sorting.
    let bits = (hashed.len() / 2).max(1).ilog2().clamp(1, 24);
    let buckets: Vec<u32> = hashed.iter().map(|&(h, _)| h >> (32 - bits)).collect();
    let (start, members) = crate::grouped_by_owner(&buckets, 1 << bits);
    let (mut runs, mut entries) = (Vec::new(), Vec::new());
    for b in start.windows(2) {
        let members = &members[b[0] as usize..b[1] as usize];
        if members.len() < 2 {
            continue;
        }
        entries.clear();
        entries.extend(members.iter().map(|&k| hashed[k as usize]));
        crate::sort(&mut entries);
        runs.extend(entries.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1).map(<[_]>::to_vec));
    }
    runs
}

/// The ids in backticks, joined by `and` (`và`).
fn quoted(ids: &[&str], and: &str) -> String {
    ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(&format!(" {and} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_and_keeps_composed_text() {
        assert_eq!(nfc("Ho\u{300}a".to_owned()), "Hòa");
        assert_eq!(nfc("Hòa".to_owned()), "Hòa");
    }

    #[test]
    fn invisible_characters_are_found() {
        assert_eq!(first_invisible("A\u{200B}B"), Some((2, '\u{200B}')));
        assert_eq!(first_invisible("X\u{202E}"), Some((2, '\u{202E}')));
        assert_eq!(first_invisible("Phường Hòa-01"), None);
    }

    #[test]
    fn look_alikes_mixed_scripts_and_case_are_linted() {
        let texts = |l: Vec<Problem>| l.into_iter().map(|p| p.message).collect::<Vec<_>>();
        let problems = lints(["C1", "С1", "XС", "Ha", "HA", "Hòa"].into_iter(), 100);
        let codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["mixed_script_id", "ids_look_alike", "ids_differ_by_case"]);
        assert_eq!(problems[0].location.unit.as_deref(), Some("XС"));
        assert!(problems.iter().all(|p| p.message_vi.as_deref().is_some_and(|m| m.contains("mã đơn vị"))));
        assert!(problems[1].message_vi.as_deref().is_some_and(|m| m.contains("`C1` và `С1`")), "{problems:?}");
        let l = texts(problems);
        assert!(l.iter().any(|s| s.contains("`XС` mixes Latin and Cyrillic")), "{l:?}");
        assert!(l.iter().any(|s| s.contains("`C1` and `С1` look the same")), "{l:?}");
        assert!(
            l.iter().any(|s| s.contains("`HA` and `Ha` differ only by case") || s.contains("`Ha` and `HA`")),
            "{l:?}"
        );
        assert!(lints(["A", "B", "Phường Hòa"].into_iter(), 100).is_empty());
        // An ASCII id's key is hashed off its bytes, another's off the text built: alike.
        let kelvin = texts(lints(["\u{212A}1", "k1"].into_iter(), 100));
        assert!(kelvin.iter().any(|s| s.contains("differ only by case")), "{kelvin:?}");
        // Every id ASCII (one sort for both kinds): equal ids look the same, and share
        // their lower case with an id of another case.
        assert_eq!(
            texts(lints(["X1", "Y", "X1", "x1"].into_iter(), 100)),
            [
                "unit ids `X1` and `X1` look the same (look-alike letters of other scripts)",
                "unit ids `X1` and `X1` and `x1` differ only by case"
            ]
        );
        let many = lints(["a", "A", "b", "B", "c", "C"].into_iter(), 2);
        assert_eq!((many.len(), many[2].code, many[2].omitted), (3, ProblemCode::Limit, Some(1)));
    }

    proptest::proptest! {
        /// The runs found through buckets are those of sorting every entry.
        #[test]
        fn equal_runs_are_those_of_a_full_sort(hashes in proptest::collection::vec(0u32..40, 0..300), shift in 0u32..32) {
            // Few distinct hashes (many runs), spread over the high bits or kept low.
            let hashed: Vec<(u32, u32)> =
                hashes.iter().enumerate().map(|(i, &h)| (h.rotate_right(shift), i as u32)).collect();
            let mut sorted = hashed.clone();
            sorted.sort_unstable();
            let mut expected: Vec<Vec<(u32, u32)>> =
                sorted.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1).map(<[_]>::to_vec).collect();
            let mut found = equal_runs(hashed);
            found.sort();
            expected.sort();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn a_long_ascii_id_is_lowered_as_a_short_one() {
        let long = "A".repeat(100);
        assert_eq!(hash_ascii_lowercase(long.as_bytes()), hash_bytes(long.to_lowercase().as_bytes()));
        assert_eq!(hash_ascii_lowercase(b"AbC-1"), hash_bytes(b"abc-1"));
        let l = lints([long.as_str(), &long.to_lowercase()].into_iter(), 10);
        assert_eq!(l.len(), 1, "{l:?}");
    }
}
