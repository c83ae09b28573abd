//! Unit ids as people read them: normalised to Unicode NFC, refused with invisible or
//! control characters, and linted when two ids look alike.
//!
//! Invisible characters (controls, zero-width and bidirectional marks) are an error, not a
//! lint: no unit id needs them (Vietnamese letters are visible letters and marks, which NFC
//! composes), an id holding one cannot be typed back to look the unit up, shows exactly like
//! another id, and is the "Trojan Source" spoofing device (CVE-2021-42574). Look-alike
//! letters and case are lints: an id in Cyrillic or Greek, or `HA` beside `Ha`, may be
//! meant, but is worth a look.

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

/// Warnings about unit ids that can be mistaken for one another: an id mixing Latin with
/// Greek or Cyrillic letters, two ids that look the same (the same once look-alike letters
/// are read as Latin) and two ids that differ only by case. At most `max` are listed; a
/// last line counts the rest.
pub(crate) fn lints<'a>(ids: impl Iterator<Item = &'a str>, max: usize) -> Vec<String> {
    let ids: Vec<&str> = ids.collect();
    let mut out = Vec::new();
    // ASCII ids (most) are Latin only, their own skeleton, lowered byte by byte.
    for id in ids.iter().filter(|id| !id.is_ascii()) {
        let mut scripts: Vec<Script> = id.chars().filter_map(script).collect();
        scripts.sort_unstable();
        scripts.dedup();
        if scripts.len() > 1 && scripts.contains(&Script::Latin) {
            let (pos, c) = id
                .chars()
                .enumerate()
                .find(|&(_, c)| matches!(script(c), Some(Script::Greek | Script::Cyrillic)))
                .unwrap_or((0, ' '));
            let which = if script(c) == Some(Script::Greek) { "Greek" } else { "Cyrillic" };
            out.push(format!(
                "unit id `{id}` mixes Latin and {which} letters (U+{:04X} at character {}): it can pass for another id",
                c as u32,
                pos + 1
            ));
        }
    }
    let skeleton = |id: &str| -> String { id.chars().map(latin_twin).collect() };
    let lower_hash = |id: &str| {
        if id.is_ascii() {
            hash_bytes(id.bytes().map(|b| b.to_ascii_lowercase()))
        } else {
            hash_bytes(id.to_lowercase().bytes())
        }
    };
    let by_case = groups(&ids, lower_hash, str::to_lowercase);
    let look_alike = if ids.iter().all(|id| id.is_ascii()) {
        // An ASCII id is its own skeleton: when every id is ASCII, ids that look the same
        // are equal, so they share a group of ids differing only by case (no second sort).
        let mut equal: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for &id in by_case.iter().flatten() {
            equal.entry(id.to_owned()).or_default().push(id);
        }
        equal.into_values().filter(|same| same.len() > 1).collect()
    } else {
        let skeleton_hash =
            |id: &str| if id.is_ascii() { hash_bytes(id.bytes()) } else { hash_bytes(skeleton(id).bytes()) };
        groups(&ids, skeleton_hash, skeleton)
    };
    for same in look_alike {
        out.push(format!("unit ids {} look the same (look-alike letters of other scripts)", quoted(&same)));
    }
    for same in by_case {
        out.push(format!("unit ids {} differ only by case", quoted(&same)));
    }
    if out.len() > max {
        let more = out.len() - max;
        out.truncate(max);
        out.push(format!("… and {more} more notes about unit ids"));
    }
    out
}

/// The hash of a key's bytes, fed one at a time (so a key built as text and one read off an
/// id byte by byte hash alike).
fn hash_bytes(bytes: impl Iterator<Item = u8>) -> u64 {
    use std::hash::Hasher as _;
    let mut h = rustc_hash::FxHasher::default();
    bytes.for_each(|b| h.write_u8(b));
    h.finish()
}

/// The ids that share a `key`, in groups of two or more ordered by key, each in input
/// order. Only a hash (`hash`: [`hash_bytes`] of the key, computed without building it
/// where it can be) and an index are kept per id (a national dataset's ids are not
/// copied); the ids of equal hashes are then compared by their keys.
fn groups<'a>(ids: &[&'a str], hash: impl Fn(&str) -> u64, key: impl Fn(&str) -> String) -> Vec<Vec<&'a str>> {
    let mut hashed: Vec<(u64, usize)> = ids.iter().enumerate().map(|(i, id)| (hash(id), i)).collect();
    hashed.sort_unstable();
    let mut found: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    for run in hashed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        let mut by_key: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
        for &(_, i) in run {
            by_key.entry(key(ids[i])).or_default().push(ids[i]);
        }
        found.extend(by_key.into_iter().filter(|(_, same)| same.len() > 1));
    }
    found.into_values().collect()
}

fn quoted(ids: &[&str]) -> String {
    ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(" and ")
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
        let l = lints(["C1", "С1", "XС", "Ha", "HA", "Hòa"].into_iter(), 100);
        assert!(l.iter().any(|s| s.contains("`XС` mixes Latin and Cyrillic")), "{l:?}");
        assert!(l.iter().any(|s| s.contains("`C1` and `С1` look the same")), "{l:?}");
        assert!(
            l.iter().any(|s| s.contains("`HA` and `Ha` differ only by case") || s.contains("`Ha` and `HA`")),
            "{l:?}"
        );
        assert_eq!(l.len(), 3, "{l:?}");
        assert!(lints(["A", "B", "Phường Hòa"].into_iter(), 100).is_empty());
        // An ASCII id's key is hashed off its bytes, another's off the text built: alike.
        let kelvin = lints(["\u{212A}1", "k1"].into_iter(), 100);
        assert!(kelvin.iter().any(|s| s.contains("differ only by case")), "{kelvin:?}");
        // Every id ASCII (one sort for both kinds): equal ids look the same, and share
        // their lower case with an id of another case.
        assert_eq!(
            lints(["X1", "Y", "X1", "x1"].into_iter(), 100),
            [
                "unit ids `X1` and `X1` look the same (look-alike letters of other scripts)",
                "unit ids `X1` and `X1` and `x1` differ only by case"
            ]
        );
        let many = lints(["a", "A", "b", "B", "c", "C"].into_iter(), 2);
        assert_eq!(many.last().map(String::as_str), Some("… and 1 more notes about unit ids"));
    }
}
