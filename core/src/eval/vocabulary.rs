//! The evidence vocabulary of a rule set: the attested keys and points items each unit kind
//! reads, and the check that evidence uses no other, so that a misspelt key (`RA2` for
//! `RA-2`) is an error naming the unit, the key and the nearest known keys, never a silent
//! "unknown" (DOMAIN §7).
//!
//! What a rule set does not read:
//! - an attested key or points item that **no** rule set antq knows reads (this one, the
//!   caller's, the built-in presets) is an error, `unknown_key` — or, with
//!   `Options::lenient_vocabulary`, a lint kept in the result;
//! - one that another rule set or another unit kind reads (a dataset shared by Circular 124
//!   and Decision 510) is a lint, `unused_key`, counted once per key;
//! - an evidence indicator no criterion of the rule set reads is a lint, `unused_indicator`,
//!   counted once per indicator (indicators are a closed vocabulary: a misspelt one is
//!   already refused when the file is read).

use crate::error::{Location, Problem, ProblemCode};
use crate::model::attested::{ByPosition, KeyIds, identity};
use crate::model::evidence::{Evidence, Indicator};
use crate::model::text::Lang;
use crate::model::unit::Kind;
use crate::rules::{ChildMeasure, OutcomePolicy, RuleSet, Test};
use std::collections::{BTreeMap, BTreeSet};

// The indicators read by a kind are a bit set of one `u64`.
const _: () = assert!(Indicator::ALL.len() <= 64);
// Tables per kind are indexed by `kind as usize`: its position in `Kind::ALL`.
const _: () = {
    let mut i = 0;
    while i < Kind::ALL.len() {
        assert!(Kind::ALL[i] as usize == i);
        i += 1;
    }
};

/// What one rule set reads, per unit kind.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    attested: BTreeMap<Kind, BTreeSet<String>>,
    points: BTreeMap<Kind, BTreeSet<String>>,
    indicators: BTreeMap<Kind, BTreeSet<Indicator>>,
}

impl Vocabulary {
    /// The keys, items and indicators `rules` reads for each kind it evaluates.
    pub(crate) fn of(rules: &RuleSet) -> Vocabulary {
        let mut v = Vocabulary::default();
        v.add(rules);
        v
    }

    /// Adds what `rules` reads.
    fn add(&mut self, rules: &RuleSet) {
        let v = self;
        let scores = matches!(rules.outcome, OutcomePolicy::Points { .. });
        for c in &rules.criteria {
            for &k in &c.kinds {
                for t in c.test.walk() {
                    match t {
                        Test::Attested { key } => {
                            v.attested.entry(k).or_default().insert(
                                crate::model::evidence::current_key(key.as_deref().unwrap_or(&c.id)).to_owned(),
                            );
                        }
                        Test::Points { .. } if scores => {
                            v.points.entry(k).or_default().insert(c.id.clone());
                        }
                        Test::Deadline { indicator, .. }
                        | Test::AtLeast { indicator, .. }
                        | Test::AtMost { indicator, .. }
                        | Test::Flag { indicator, .. } => {
                            v.indicators.entry(k).or_default().insert(*indicator);
                        }
                        Test::Ratio { numerator, denominator, .. } => {
                            v.indicators.entry(k).or_default().extend([*numerator, *denominator]);
                        }
                        // A roll-up reads its children's registration.
                        Test::Children { kinds, measure: ChildMeasure::Registered, .. } => {
                            for ck in kinds {
                                v.indicators
                                    .entry(*ck)
                                    .or_default()
                                    .extend([Indicator::RegistrationDate, Indicator::Registered]);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// What the rule set reads for units of `kind`: indicators (in [`Indicator::ALL`]'s
    /// order), attested keys and points items (sorted). Read by the evidence template.
    pub(crate) fn of_kind(&self, kind: Kind) -> (Vec<Indicator>, Vec<&str>, Vec<&str>) {
        fn names(m: &BTreeMap<Kind, BTreeSet<String>>, kind: Kind) -> Vec<&str> {
            m.get(&kind).map(|s| s.iter().map(String::as_str).collect()).unwrap_or_default()
        }
        let indicators = Indicator::ALL
            .iter()
            .copied()
            .filter(|i| self.indicators.get(&kind).is_some_and(|s| s.contains(i)))
            .collect();
        (indicators, names(&self.attested, kind), names(&self.points, kind))
    }

    fn has_attested(&self, kind: Kind, key: &str) -> bool {
        self.attested.get(&kind).is_some_and(|s| s.contains(key))
    }

    fn has_points(&self, kind: Kind, item: &str) -> bool {
        self.points.get(&kind).is_some_and(|s| s.contains(item))
    }

    fn any_attested(&self, key: &str) -> bool {
        self.attested.values().any(|s| s.contains(key))
    }

    fn any_points(&self, item: &str) -> bool {
        self.points.values().any(|s| s.contains(item))
    }
}

/// Keys left unread, per kind of key and reader (its English name): the keys, their
/// records, and the reader's index (none: read by no rule set, which has no points sheet).
type ByReader<'a> = BTreeMap<(&'static str, &'a str), (Vec<&'a str>, usize, Option<usize>)>;

/// A key as written (its text's address and length) for a kind of unit.
type KeyAt = (usize, usize, Kind);

/// A rule set as a lint names it: `` `id` ``, with the supplements applied to it (two rule
/// sets of one id, with and without a supplement, are told apart).
fn shown(r: &RuleSet, lang: Lang) -> String {
    let mut s = format!("`{}`", r.id);
    let with = match lang {
        Lang::En => " with supplement `",
        Lang::Vi => " với bổ sung `",
    };
    for (i, sup) in r.applied_supplements.iter().enumerate() {
        s.push_str(if i == 0 { with } else { ", `" });
        s.push_str(&sup.id);
        s.push('`');
    }
    s
}

/// Problems (errors) and lints of the evidence `records` (each with its unit's kind)
/// against `rules` and `with` (the rule sets applied with it, e.g. a typical rule set's
/// prerequisite); `others` are the other rule sets antq knows (the caller's and the
/// presets). `kinds[k]` is the kind of the unit of `records[k]` (none: the record is not
/// checked). At most `max` errors are listed, then one `limit` problem counting the rest.
/// With `parallel`, parts of the records are checked on every core and what each found is
/// added up in the records' order: the same problems and lints as one pass.
pub(crate) fn check<'a>(
    rules: &RuleSet,
    with: &[&RuleSet],
    others: &[&RuleSet],
    (records, kinds): (&[&'a Evidence], &[Option<Kind>]),
    lenient: bool,
    max: usize,
    parallel: bool,
) -> (Vec<Problem>, Vec<Problem>) {
    let mut mine = Vocabulary::of(rules);
    for r in with {
        mine.add(r);
    }
    let theirs: Vec<(&RuleSet, Vocabulary)> = others.iter().map(|r| (*r, Vocabulary::of(r))).collect();
    // Where a key the rule sets do not read for a unit's kind is read instead: by them for
    // another kind, or by another rule set (`None`: by none antq knows), in each language.
    let readers: Vec<[String; 2]> = std::iter::once([
        format!("`{}` for another kind of unit", rules.id),
        format!("`{}` cho loại đơn vị khác", rules.id),
    ])
    .chain(theirs.iter().map(|(r, _)| [shown(r, Lang::En), shown(r, Lang::Vi)]))
    .collect();
    let known_elsewhere = |key: &str, points: bool| -> Option<usize> {
        if if points { mine.any_points(key) } else { mine.any_attested(key) } {
            return Some(0);
        }
        theirs.iter().position(|(_, v)| if points { v.any_points(key) } else { v.any_attested(key) }).map(|i| i + 1)
    };
    // Per kind (by its position in `Kind::ALL`), looked up for every record: whether the
    // rule sets cover it, and the indicators it reads as a bit set over `Indicator::ALL`.
    let mut covered = [false; Kind::ALL.len()];
    for k in rules.kinds().into_iter().chain(with.iter().flat_map(|r| r.kinds())) {
        covered[k as usize] = true;
    }
    let reads_mask: [u64; Kind::ALL.len()] = Kind::ALL.map(|kind| {
        let read = mine.indicators.get(&kind);
        Indicator::ALL
            .iter()
            .enumerate()
            .filter(|(_, i)| read.is_some_and(|r| r.contains(i)))
            .fold(0u64, |m, (b, _)| m | 1u64 << b)
    });
    // The records from `from` on, up to `to`.
    let scan = |from: usize, to: usize| -> Seen<'a> {
        let mut seen = Seen::new();
        let Seen { errors, unknown_count, unused, unread_by_bit, former, absent, uncovered } = &mut seen;
        // Attested keys are shared text (one allocation per distinct key): what a key, as
        // written, is for a kind is found once per allocation and kind, not searched for in
        // every record: read (`FINE`), or counted in a slot of `slots` (a current key read
        // by other rule sets), or looked at in full below (`SLOW`: a former spelling, an
        // unknown key).
        let mut read_as_written: rustc_hash::FxHashMap<KeyAt, u32> = Default::default();
        let mut slots: Vec<Slot<'a>> = Vec::new();
        let mut by_position = ByPosition::new();
        // Per kind, the keys (as the key table's ids) of the last record whose keys were all
        // current and read for the kind, and that scored no points item: a record with the
        // same keys is as fine, without looking at its keys one by one.
        let mut fine_keys: [Option<KeyIds>; Kind::ALL.len()] = [None; Kind::ALL.len()];
        // Where each key left unread is read, found once per key.
        let mut read_elsewhere: rustc_hash::FxHashMap<(&'a str, bool), Option<usize>> = Default::default();
        let mut elsewhere = |key: &'a str, points: bool| {
            *read_elsewhere.entry((key, points)).or_insert_with(|| known_elsewhere(key, points))
        };
        for (&e, &kind) in records[from..to].iter().zip(&kinds[from..to]) {
            let Some(kind) = kind else {
                absent.0 += 1;
                absent.1.get_or_insert(e.unit.as_str());
                continue;
            };
            if !covered[kind as usize] {
                uncovered.0[kind as usize] += 1;
                uncovered.1.get_or_insert(e.unit.as_str());
                continue;
            }
            let ids = e.attested.key_ids().filter(|_| e.points.is_empty());
            let known_fine = ids.is_some() && fine_keys[kind as usize] == ids;
            let mut all_fine = true;
            let keys = e.attested.keys().map(|k| (k, false)).chain(e.points.keys().map(|k| (k.as_str(), true)));
            for (j, (written, points)) in keys.enumerate().filter(|_| !known_fine) {
                if !points {
                    let (p, len) = identity(written);
                    let at = (p, len, kind);
                    let found = by_position.get_or(j, at, || {
                        *read_as_written.entry(at).or_insert_with(|| {
                            if crate::model::evidence::current_key(written) != written {
                                SLOW
                            } else if mine.has_attested(kind, written) {
                                FINE
                            } else if let Some(reader) = elsewhere(written, false) {
                                slots.push(Slot { records: 0, first: "", key: written, reader });
                                u32::try_from(slots.len() - 1).unwrap_or(SLOW)
                            } else {
                                SLOW
                            }
                        })
                    });
                    match found {
                        FINE => continue,
                        SLOW => {}
                        slot => {
                            all_fine = false;
                            let slot = &mut slots[slot as usize];
                            if slot.records == 0 {
                                slot.first = e.unit.as_str();
                            }
                            slot.records += 1;
                            continue;
                        }
                    }
                }
                all_fine = false;
                let key = if points { written } else { crate::model::evidence::current_key(written) };
                if key != written {
                    former.entry(written).or_insert_with(|| (0, key, e.unit.as_str().to_owned())).0 += 1;
                }
                if points && !matches!(rules.outcome, OutcomePolicy::Points { .. }) {
                    // A rule set without a points sheet reads no item: never an error (a dataset
                    // holding scores for Decision 510 is reviewed under Circular 124 too), but
                    // never silent either: a lint names each item left unread.
                    let reader = elsewhere(key, true).map_or(Reader::NoPointsSheet, Reader::Known);
                    unused.entry(("points item", key)).or_insert((0, e.unit.as_str(), reader)).0 += 1;
                    continue;
                }
                let ok = if points { mine.has_points(kind, key) } else { mine.has_attested(kind, key) };
                if ok {
                    continue;
                }
                let what = if points { "points item" } else { "attested key" };
                match elsewhere(key, points) {
                    Some(reader) => {
                        unused.entry((what, key)).or_insert((0, e.unit.as_str(), Reader::Known(reader))).0 += 1;
                    }
                    None if lenient => {
                        unused.entry((what, key)).or_insert((0, e.unit.as_str(), Reader::Nobody)).0 += 1;
                    }
                    None if errors.len() >= max => *unknown_count += 1,
                    None => {
                        let field = if points { "points" } else { "attested" };
                        // Sorted and each once, as the sets they come from.
                        let known: Vec<&str> = if points {
                            mine.points.get(&kind).into_iter().flatten().map(String::as_str).collect()
                        } else {
                            mine.attested.get(&kind).into_iter().flatten().map(String::as_str).collect()
                        };
                        let p = Problem::new(
                            ProblemCode::UnknownKey,
                            Location::path(format!("evidence[unit = {}, year = {}].{field}.{key}", e.unit, e.year))
                                .with_unit(e.unit.as_str()),
                            format!(
                                "{what} `{key}` of unit `{}` ({kind}) is not read by `{}` nor by any rule set antq knows{}{}",
                                e.unit,
                                rules.id,
                                nearest(key, &known, Lang::En),
                                if points { " (an item of a supplement's sheet? apply the supplement)" } else { "" }
                            ),
                        )
                        .with_vi(format!(
                            "{} `{key}` của đơn vị `{}` ({}) không được `{}` hay bộ tiêu chí nào antq biết đọc{}{}",
                            what_vi(what),
                            e.unit,
                            kind.label(Lang::Vi),
                            rules.id,
                            nearest(key, &known, Lang::Vi),
                            if points { " (một mục của bảng điểm bổ sung? hãy áp dụng văn bản bổ sung)" } else { "" }
                        ));
                        errors.push(p);
                    }
                }
            }
            if all_fine && !known_fine && ids.is_some() {
                fine_keys[kind as usize] = ids;
            }
            let mut unread = e.recorded() & !reads_mask[kind as usize];
            while unread != 0 {
                let b = unread.trailing_zeros();
                unread &= unread - 1;
                let (n, first) = &mut unread_by_bit[b as usize];
                *n += 1;
                first.get_or_insert(e.unit.as_str());
            }
        }
        // The slots in the order their keys were first met: each key's first unit is the
        // earliest record's.
        for Slot { records, first, key, reader } in slots.into_iter().filter(|s| s.records > 0) {
            unused.entry(("attested key", key)).or_insert((0, first, Reader::Known(reader))).0 += records;
        }
        seen
    };
    let Seen { mut errors, unknown_count, unused, unread_by_bit, former, absent, uncovered } =
        scanned(records.len(), parallel, &scan, max);
    // In `Indicator::ALL`'s order, which is theirs.
    let indicators: Vec<(Indicator, (usize, &str))> =
        Indicator::ALL.iter().zip(unread_by_bit).filter_map(|(&i, (n, first))| Some((i, (n, first?)))).collect();
    if unknown_count > 0 {
        errors.push(Problem::count_line(unknown_count, max));
    }
    let mut lints: Vec<Problem> = former
        .into_iter()
        .map(|(old, (n, new, unit))| {
            Problem::new(
                ProblemCode::FormerKey,
                Location::default().with_unit(&unit),
                format!(
                    "attested key `{old}` is the former spelling of `{new}` and is read as it ({n} evidence record(s), first: unit `{unit}`); write `{new}`"
                ),
            )
            .with_vi(format!(
                "khóa xác nhận `{old}` là cách viết cũ của `{new}` và được đọc là `{new}` ({n} bản ghi số liệu, đầu tiên: đơn vị `{unit}`); hãy viết `{new}`"
            ))
        })
        .collect();
    // Unknown keys kept by the lenient option: one lint each. Keys another rule set reads:
    // one lint per reader (a shared dataset is normal; the lint says what was not used).
    let mut by_reader: ByReader<'_> = BTreeMap::new();
    for ((what, key), (n, unit, reader)) in unused {
        let (reader, at) = match reader {
            Reader::Known(i) => (readers[i][0].as_str(), Some(i)),
            Reader::NoPointsSheet => (NO_READER, None),
            Reader::Nobody => ("", None),
        };
        if reader.is_empty() {
            lints.push(
                Problem::new(
                    ProblemCode::UnknownKey,
                    Location::default().with_unit(unit),
                    format!(
                        "{what} `{key}` in {n} evidence record(s) (first: unit `{unit}`) is read by no rule set antq knows; kept unused (lenient vocabulary)"
                    ),
                )
                .with_vi(format!(
                    "{} `{key}` trong {n} bản ghi số liệu (đầu tiên: đơn vị `{unit}`) không được bộ tiêu chí nào antq biết đọc; giữ lại, không dùng (từ vựng nới lỏng)",
                    what_vi(what)
                )),
            );
        } else {
            let e = by_reader.entry((what, reader)).or_default();
            e.0.push(key);
            e.1 += n;
            e.2 = at;
        }
    }
    for ((what, reader), (keys, n, at)) in by_reader {
        let (en, vi) = match at {
            None => (
                format!(
                    "{} {what}{} read by no rule set antq knows, left unread ({n} in all; `{}` has no points sheet): {}",
                    keys.len(),
                    crate::error::plural(keys.len()),
                    rules.id,
                    list(&keys, Lang::En)
                ),
                format!(
                    "{} {} mà không bộ tiêu chí nào antq biết đọc, được bỏ qua ({n} lần trong số liệu; `{}` không có bảng điểm): {}",
                    keys.len(),
                    what_vi(what),
                    rules.id,
                    list(&keys, Lang::Vi)
                ),
            ),
            Some(i) => (
                format!(
                    "{} {what}{} read by {reader}, not by {} ({n} in all): {}",
                    keys.len(),
                    crate::error::plural(keys.len()),
                    shown(rules, Lang::En),
                    list(&keys, Lang::En)
                ),
                format!(
                    "{} {} được {} đọc, không phải {} ({n} lần trong số liệu): {}",
                    keys.len(),
                    what_vi(what),
                    readers[i][1],
                    shown(rules, Lang::Vi),
                    list(&keys, Lang::Vi)
                ),
            ),
        };
        lints.push(Problem::new(ProblemCode::UnusedKey, Location::default(), en).with_vi(vi));
    }
    if !indicators.is_empty() {
        let names: Vec<String> = indicators.iter().map(|(i, (n, _))| format!("{} ({n})", i.as_str())).collect();
        let first = indicators.first().map(|&(_, (_, u))| u).unwrap_or_default();
        lints.push(
            Problem::new(
                ProblemCode::UnusedIndicator,
                Location::default().with_unit(first),
                format!(
                    "{} indicator{} given in evidence that no criterion of `{}` reads for those units (records): {}",
                    names.len(),
                    crate::error::plural(names.len()),
                    rules.id,
                    list(&names, Lang::En)
                ),
            )
            .with_vi(format!(
                "{} chỉ số có trong số liệu mà không tiêu chí nào của `{}` đọc cho các đơn vị đó (số bản ghi): {}",
                names.len(),
                rules.id,
                list(&names, Lang::Vi)
            )),
        );
    }
    // Evidence the review does not read: never dropped silently.
    if let (n, Some(first)) = absent {
        lints.push(
            Problem::new(
                ProblemCode::UnreviewedEvidence,
                Location::default().with_unit(first),
                format!(
                    "{n} evidence record(s) of units that do not exist on the reference date (dissolved, merged or not yet founded; first: unit `{first}`) are not reviewed"
                ),
            )
            .with_vi(format!(
                "{n} bản ghi số liệu của đơn vị không tồn tại vào ngày tham chiếu (đã giải thể, sáp nhập hoặc chưa thành lập; đầu tiên: đơn vị `{first}`) không được xét"
            )),
        );
    }
    if let (counts, Some(first)) = uncovered {
        let kinds = |lang: Lang| -> String {
            let named = Kind::ALL.iter().zip(&counts).filter(|(_, n)| **n > 0);
            let named: Vec<String> = match lang {
                Lang::En => named.map(|(k, n)| format!("{k}: {n}")).collect(),
                Lang::Vi => named.map(|(k, n)| format!("{}: {n}", k.label(Lang::Vi))).collect(),
            };
            named.join(", ")
        };
        let n = counts.iter().sum::<usize>();
        lints.push(
            Problem::new(
                ProblemCode::UnreviewedEvidence,
                Location::default().with_unit(first),
                format!(
                    "{n} evidence record(s) of units of kinds `{}` does not evaluate ({}; first: unit `{first}`) are not reviewed",
                    rules.id,
                    kinds(Lang::En)
                ),
            )
            .with_vi(format!(
                "{n} bản ghi số liệu của đơn vị thuộc loại mà `{}` không đánh giá ({}; đầu tiên: đơn vị `{first}`) không được xét",
                rules.id,
                kinds(Lang::Vi)
            )),
        );
    }
    lints.truncate(max);
    (errors, lints)
}

/// What a pass over some records found, to be added to what the passes over the records
/// before and after found ([`Seen::then`]).
struct Seen<'a> {
    /// Unknown keys: the first problems, and how many more.
    errors: Vec<Problem>,
    unknown_count: usize,
    /// Lints counted once per key: (what, key) → (records, first unit, where it is read).
    unused: BTreeMap<(&'static str, &'a str), (usize, &'a str, Reader)>,
    /// Records giving each indicator no criterion reads (bit `b`: `Indicator::ALL[b]`), and
    /// the first unit giving it.
    unread_by_bit: [(usize, Option<&'a str>); 64],
    /// Former spellings: written key → (records, current key, first unit).
    former: BTreeMap<&'a str, (usize, &'a str, String)>,
    /// Records of units that do not exist on the reference date, and the first one's unit.
    absent: (usize, Option<&'a str>),
    /// Records of units of kinds the rule sets do not evaluate (by the kind's position in
    /// [`Kind::ALL`]), and the first one's unit.
    uncovered: ([usize; Kind::ALL.len()], Option<&'a str>),
}

impl<'a> Seen<'a> {
    fn new() -> Self {
        Seen {
            errors: Vec::new(),
            unknown_count: 0,
            unused: BTreeMap::new(),
            unread_by_bit: [(0, None); 64],
            former: BTreeMap::new(),
            absent: (0, None),
            uncovered: ([0; Kind::ALL.len()], None),
        }
    }

    /// What one pass over these records and then `later`'s would have found (at most
    /// `max` errors listed, the rest counted; each lint's first unit the earliest).
    #[cfg(feature = "parallel")]
    fn then(mut self, later: Seen<'a>, max: usize) -> Self {
        for p in later.errors {
            if self.errors.len() < max {
                self.errors.push(p);
            } else {
                self.unknown_count += 1;
            }
        }
        self.unknown_count += later.unknown_count;
        for (key, (n, unit, reader)) in later.unused {
            self.unused.entry(key).or_insert((0, unit, reader)).0 += n;
        }
        for ((n, first), (more, theirs)) in self.unread_by_bit.iter_mut().zip(later.unread_by_bit) {
            *n += more;
            *first = first.or(theirs);
        }
        for (key, (n, current, unit)) in later.former {
            self.former.entry(key).or_insert((0, current, unit)).0 += n;
        }
        self.absent = (self.absent.0 + later.absent.0, self.absent.1.or(later.absent.1));
        for (n, more) in self.uncovered.0.iter_mut().zip(later.uncovered.0) {
            *n += more;
        }
        self.uncovered.1 = self.uncovered.1.or(later.uncovered.1);
        self
    }
}

/// Records per part when the check runs on every core.
#[cfg(feature = "parallel")]
const PART: usize = 16_384;

/// `scan` over the `n` records, in parts on every core when `parallel` (with the
/// `parallel` feature), added up in order.
fn scanned<'a>(n: usize, parallel: bool, scan: &(dyn Fn(usize, usize) -> Seen<'a> + Sync), max: usize) -> Seen<'a> {
    #[cfg(feature = "parallel")]
    if parallel && n > PART {
        use rayon::prelude::*;
        return (0..n.div_ceil(PART))
            .into_par_iter()
            .map(|p| scan(p * PART, ((p + 1) * PART).min(n)))
            .reduce_with(|a, b| a.then(b, max))
            .unwrap_or_else(Seen::new);
    }
    let _ = (parallel, max);
    scan(0, n)
}

/// The reader of a points item no rule set antq knows reads, under a rule set without a
/// points sheet (a lint, not an error: such a rule set reads no item).
const NO_READER: &str = "\0no reader";

/// An attested key's place in [`check`]'s cache: read by the rule sets reviewed.
const FINE: u32 = u32::MAX;
/// An attested key to look at in full (a former spelling, or a key no rule set reads).
const SLOW: u32 = u32::MAX - 1;

/// A current attested key left unread for a kind but read by another rule set (or for
/// another kind): the records giving it, and the first record's unit.
struct Slot<'a> {
    records: usize,
    first: &'a str,
    key: &'a str,
    /// As in [`Reader::Known`].
    reader: usize,
}

/// Where a key the reviewed rule sets leave unread is read.
#[derive(Debug, Clone, Copy)]
enum Reader {
    /// By the reviewed rule sets for another kind (0), or by another rule set antq knows
    /// (its position in the others, plus one).
    Known(usize),
    /// By none: a points item under a rule set without a points sheet.
    NoPointsSheet,
    /// By none: an unknown key kept by the lenient option.
    Nobody,
}

/// At most twelve names, then how many more.
fn list(names: &[impl std::fmt::Display], lang: Lang) -> String {
    let shown: Vec<String> = names.iter().take(12).map(|k| format!("`{k}`")).collect();
    match (names.len().saturating_sub(12), lang) {
        (0, _) => shown.join(", "),
        (more, Lang::En) => format!("{} and {more} more", shown.join(", ")),
        (more, Lang::Vi) => format!("{} và {more} mục khác", shown.join(", ")),
    }
}

/// `attested key` or `points item` in Vietnamese.
fn what_vi(what: &str) -> &'static str {
    if what == "points item" { "mục chấm điểm" } else { "khóa xác nhận" }
}

/// The lint of incidents whose category no criterion of `rules` (or of `with`, the rule
/// sets applied with it) reads for their unit: `unused_category`, one lint counting each
/// category's incidents, or none. A category is read for a unit when a test of the unit's
/// own kind names it, or when a test counting descendants' incidents names it (for any
/// kind: the unit may lie under it). Misspelt categories are refused before this
/// (`unknown_category`); these are categories another kind or another rule set reads, such
/// as `school_violence` recorded for a residential area, which no criterion counts.
///
/// `incidents` gives each incident's unit id, the unit's kind and the category.
pub(crate) fn unread_incidents<'a>(
    rules: &RuleSet,
    with: &[&RuleSet],
    incidents: impl Iterator<Item = (&'a str, Kind, &'a str)>,
) -> Option<Problem> {
    let mut own: BTreeMap<Kind, BTreeSet<&str>> = BTreeMap::new();
    let mut below: BTreeSet<&str> = BTreeSet::new();
    for r in std::iter::once(rules).chain(with.iter().copied()) {
        for c in &r.criteria {
            for t in c.test.walk() {
                let (cats, descendants) = match t {
                    Test::NoEvents { categories, include_descendants } => (categories, *include_descendants),
                    Test::Deduction { categories, .. } => (categories, false),
                    _ => continue,
                };
                for &k in &c.kinds {
                    own.entry(k).or_default().extend(cats.iter().map(String::as_str));
                }
                if descendants {
                    below.extend(cats.iter().map(String::as_str));
                }
            }
        }
    }
    // Category → (incidents, first unit).
    let mut unread: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for (unit, kind, category) in incidents {
        if below.contains(category) || own.get(&kind).is_some_and(|s| s.contains(category)) {
            continue;
        }
        unread.entry(category).or_insert((0, unit)).0 += 1;
    }
    let first = unread.values().next()?.1;
    let total: usize = unread.values().map(|(n, _)| n).sum();
    // At most twelve categories, then how many more (as `list`).
    let named = |lang: Lang| -> String {
        let (first, more) = match lang {
            Lang::En => ("first: unit", "more"),
            Lang::Vi => ("đầu tiên: đơn vị", "loại khác"),
        };
        let mut named: Vec<String> =
            unread.iter().take(12).map(|(c, (n, u))| format!("`{c}` ({n}; {first} `{u}`)")).collect();
        if unread.len() > 12 {
            named.push(format!("{} {} {more}", if lang == Lang::En { "and" } else { "và" }, unread.len() - 12));
        }
        named.join(", ")
    };
    Some(
        Problem::new(
            ProblemCode::UnusedCategory,
            Location::default().with_unit(first),
            format!(
                "{total} incident(s) of categories no criterion of `{}` counts for their units, not counted: {}",
                rules.id,
                named(Lang::En)
            ),
        )
        .with_vi(format!(
            "{total} vụ việc thuộc loại mà không tiêu chí nào của `{}` tính cho đơn vị của chúng, không được tính: {}",
            rules.id,
            named(Lang::Vi)
        )),
    )
}

/// The lint of incident rows identical in unit, date and category to an earlier row:
/// `duplicate_incident`, one lint counting the repeated rows and naming the first (its
/// unit, date, category and how many rows give it), or none. Each row is counted: two
/// incidents of one category on one day at one unit may be genuine, but a spreadsheet row
/// pasted twice counts twice without a word, so it is said. The note is not compared (a
/// row pasted twice and edited is still the same incident, or two: the reader decides).
///
/// `incidents` gives each incident's index in the dataset (its row), unit, date and
/// category; one sort of them, `O(n log n)`.
pub(crate) fn repeated_incidents<'a>(
    incidents: impl Iterator<Item = (usize, &'a str, chrono::NaiveDate, &'a str)>,
) -> Option<Problem> {
    let mut rows: Vec<(&str, chrono::NaiveDate, &str, usize)> =
        incidents.map(|(k, unit, date, category)| (unit, date, category, k)).collect();
    crate::sort(&mut rows);
    let key = |r: &(&'a str, chrono::NaiveDate, &'a str, usize)| (r.0, r.1, r.2);
    // Rows beyond the first of each group; the group whose repeat comes first in the data.
    let (mut repeated, mut first): (usize, Option<(usize, usize, usize)>) = (0, None);
    let mut start = 0;
    while start < rows.len() {
        let end = start + rows[start..].iter().take_while(|r| key(r) == key(&rows[start])).count();
        if end - start > 1 {
            repeated += end - start - 1;
            // Sorted by row within the group: the second row is the group's first repeat.
            let at = rows[start + 1].3;
            if first.is_none_or(|(_, _, f)| at < f) {
                first = Some((start, end - start, at));
            }
        }
        start = end;
    }
    let (group, n, at) = first?;
    let (unit, date, category, _) = rows[group];
    Some(
        Problem::new(
            ProblemCode::DuplicateIncident,
            Location::path(format!("incidents[{at}]")).with_unit(unit),
            format!(
                "{repeated} incident row(s) repeat an earlier row's unit, date and category: each is counted, as two \
                 such incidents may be genuine; check that none is a row given twice. First: unit `{unit}`, {date}, \
                 `{category}` ({n} rows)"
            ),
        )
        .with_vi(format!(
            "{repeated} dòng vụ việc trùng đơn vị, ngày và loại với một dòng trước: mỗi dòng đều được tính, vì hai \
             vụ việc như vậy có thể là thật; hãy kiểm tra không có dòng nào bị nhập hai lần. Đầu tiên: đơn vị \
             `{unit}`, {date}, `{category}` ({n} dòng)"
        )),
    )
}

/// The vocabulary problems of every evidence record of `ds` (all years) against `rules` and
/// the rule sets antq knows: the errors an evaluation would refuse (`unknown_key`) and the
/// lints it would keep (`unused_key`, `unused_indicator`, and `unused_category` and
/// `duplicate_incident` for the incidents, of every year). For checking a dataset before any
/// evaluation (`antq check RULES --data DATA`, Python `check_dataset(ds, rules)`).
///
/// ```
/// use antq::{Dataset, RuleSet};
/// let ds = Dataset::from_str_named("d.json", r#"{"format_version": 1,
///   "units": [{"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon"}],
///   "evidence": [{"unit": "R", "year": 2023, "attested": {"RA2": "yes"}}]}"#).unwrap();
/// let (errors, _lints) = antq::eval::vocabulary_problems(&ds, &RuleSet::preset("vn.c124-2021").unwrap());
/// assert_eq!(errors[0].code.as_str(), "unknown_key");
/// assert!(errors[0].message.contains("`RA-2`"));
/// ```
pub fn vocabulary_problems(ds: &crate::Dataset, rules: &RuleSet) -> (Vec<Problem>, Vec<Problem>) {
    let kinds: std::collections::HashMap<&str, Kind> =
        ds.units.iter().map(|u| (u.id.as_str(), u.kind.kind())).collect();
    // A typical rule set reads its prerequisite's evidence too, as an evaluation does: any
    // member of the prerequisite's family (the year, unknown here, picks one).
    let with: Vec<&RuleSet> = match &rules.outcome {
        OutcomePolicy::Typical { prerequisite: Some(p), .. } => {
            crate::rules::presets().iter().filter(|r| &r.id == p || r.family.as_deref() == Some(p.as_str())).collect()
        }
        _ => Vec::new(),
    };
    let others: Vec<&RuleSet> = crate::rules::presets().iter().filter(|r| *r != rules && !with.contains(r)).collect();
    let records: Vec<&crate::Evidence> = ds.evidence.iter().collect();
    let unit_kinds: Vec<Option<Kind>> = ds.evidence.iter().map(|e| kinds.get(e.unit.as_str()).copied()).collect();
    let (errors, mut lints) =
        check(rules, &with, &others, (&records, &unit_kinds), false, crate::Limits::default().max_problems, false);
    let incidents = ds
        .incidents
        .iter()
        .filter_map(|i| kinds.get(i.unit.as_str()).map(|&k| (i.unit.as_str(), k, i.category.as_str())));
    lints.extend(unread_incidents(rules, &with, incidents));
    let rows = ds.incidents.iter().enumerate().map(|(k, i)| (k, i.unit.as_str(), i.date, i.category.as_str()));
    lints.extend(repeated_incidents(rows));
    (errors, lints)
}

/// `; did you mean …?` with the known keys nearest to `key` (at most three, within an edit
/// distance of a third of the key's length, at least 2), or the known keys when few.
fn nearest(key: &str, known: &[&str], lang: Lang) -> String {
    let limit = (key.chars().count() / 3).max(2);
    let mut near: Vec<(usize, &str)> =
        known.iter().map(|k| (distance(key, k), *k)).filter(|(d, _)| *d <= limit).collect();
    crate::sort(&mut near);
    let list = |ks: Vec<&str>| ks.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    let (mean, read) = match lang {
        Lang::En => ("did you mean", "the keys read here are"),
        Lang::Vi => ("có phải là", "các khóa được đọc ở đây là"),
    };
    if !near.is_empty() {
        format!("; {mean} {}?", list(near.into_iter().take(3).map(|(_, k)| k).collect()))
    } else if !known.is_empty() && known.len() <= 8 {
        format!("; {read} {}", list(known.to_vec()))
    } else {
        String::new()
    }
}

/// Levenshtein distance by characters, bounded: keys longer than 64 characters compare as
/// far apart (a key is a short id; this keeps the work per key constant).
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_keys_suggest_the_spelling() {
        let known = ["RA-2", "RA-3/other", "RA-4", "RA-5"];
        assert!(nearest("RA2", &known, Lang::En).contains("did you mean `RA-2`"));
        assert!(nearest("RA2", &known, Lang::Vi).contains("có phải là `RA-2`"));
        assert_eq!(distance("RA2", "RA-2"), 1);
        assert_eq!(distance("", "ab"), 2);
    }

    /// A key the rule set reads for another kind, and keys only another rule set reads, are
    /// each counted in every record that gives them, whichever allocation holds their text.
    #[test]
    fn incidents_of_categories_no_criterion_counts_for_their_unit_are_one_lint() {
        let rules = crate::RuleSet::preset("vn.c124-2025").unwrap();
        let lint = |incidents: &[(&'static str, Kind, &'static str)]| {
            unread_incidents(&rules, &[], incidents.iter().copied()).map(|p| (p.code, p.location.unit, p.message))
        };
        // Read for the unit's own kind (RA-3), or by a school's criterion (SC-5): no lint.
        assert_eq!(lint(&[("R", Kind::ResidentialArea, "anti_state"), ("S", Kind::School, "school_violence")]), None);
        // A school's category recorded for a residential area, twice, and a commune's.
        let (code, unit, message) = lint(&[
            ("R1", Kind::ResidentialArea, "school_violence"),
            ("R2", Kind::ResidentialArea, "school_violence"),
            ("R2", Kind::ResidentialArea, "incitement"),
            ("C", Kind::Commune, "security_loss"),
        ])
        .unwrap();
        assert_eq!(code, ProblemCode::UnusedCategory);
        assert_eq!(unit.as_deref(), Some("R1"));
        assert_eq!(
            message,
            "3 incident(s) of categories no criterion of `vn.c124-2025` counts for their units, not counted: \
             `school_violence` (2; first: unit `R1`), `security_loss` (1; first: unit `C`)"
        );
    }

    #[test]
    fn keys_read_elsewhere_are_counted_in_every_record() {
        use crate::model::evidence::Attestation;
        let n = 1_000;
        let records: Vec<Evidence> = (0..n)
            .map(|i| {
                let mut e = Evidence::new(format!("U{i}"), 2023);
                // Read for residential areas, given here for communes.
                e.attested.insert("RA-2", Attestation::Yes);
                if i % 4 == 0 {
                    // The same key, from another allocation of its text (a record read apart).
                    let mut other = crate::model::attested::Attested::default();
                    other.insert(String::from("RA-4").as_str(), Attestation::No);
                    e.attested.insert(other.keys().next().unwrap(), Attestation::No);
                }
                e
            })
            .collect();
        let refs: Vec<&Evidence> = records.iter().collect();
        let kinds = vec![Some(Kind::Commune); n];
        let rules = crate::RuleSet::preset("vn.c124-2021").unwrap();
        let (errors, lints) = check(&rules, &[], &[], (&refs, &kinds), false, 100, false);
        assert!(errors.is_empty(), "{errors:?}");
        let messages: Vec<&str> = lints.iter().map(|l| l.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.starts_with(&format!(
                "2 attested keys read by `vn.c124-2021` for another kind of unit, not by `vn.c124-2021` ({} in all): `RA-2`, `RA-4`",
                n + n / 4
            ))),
            "{messages:?}"
        );
    }

    /// Checked in parts on every core, the records give the problems and lints of one pass:
    /// the first errors in record order and the count of the rest, each lint's count and
    /// first unit, across the parts' boundaries.
    #[cfg(feature = "parallel")]
    #[test]
    fn the_check_in_parts_finds_what_one_pass_finds() {
        use crate::model::evidence::Attestation;
        let n = 3 * PART + 123;
        let records: Vec<Evidence> = (0..n)
            .map(|i| {
                let mut e = Evidence::new(format!("U{i}"), 2023);
                e.attested.insert("RA-2", Attestation::Yes);
                // Unknown keys (errors past the cap), a former spelling, a key another rule
                // set reads, points items under a rule set without a sheet, an unread indicator.
                if i % 97 == 5 {
                    e.attested.insert("RA2", Attestation::No);
                }
                if i % 1_001 == 7 {
                    e.attested.insert("CW-2/RA-3-other", Attestation::Yes);
                }
                if i % 501 == 300 {
                    e.points.insert("D510-AE-1".into(), crate::model::evidence::Score::default());
                }
                if i % 3 == 0 {
                    e.effective_models = Some(1);
                }
                e
            })
            .collect();
        let refs: Vec<&Evidence> = records.iter().collect();
        // Some records' units do not count (not present on the date).
        let kinds: Vec<Option<Kind>> = (0..n)
            .map(|i| (i % 11 != 0).then_some(if i % 5 == 0 { Kind::Commune } else { Kind::ResidentialArea }))
            .collect();
        let rules = crate::RuleSet::preset("vn.c124-2021").unwrap();
        let others: Vec<&RuleSet> = crate::rules::presets().iter().filter(|r| **r != rules).collect();
        for lenient in [false, true] {
            let one = check(&rules, &[], &others, (&refs, &kinds), lenient, 100, false);
            let parts = check(&rules, &[], &others, (&refs, &kinds), lenient, 100, true);
            assert_eq!(parts, one);
            assert!(!one.1.is_empty());
            if !lenient {
                assert_eq!(one.0.len(), 101, "{:?}", one.0.last());
            }
        }
    }

    /// Rows identical in unit, date and category: one lint counting the repeats (not the
    /// rows), naming the group whose repeat comes first in the data; none without repeats.
    #[test]
    fn repeated_incidents_count_the_repeats_and_name_the_first() {
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2023, m, day).unwrap();
        let rows = [
            (0, "R", d(5, 1), "theft"),
            (1, "S", d(6, 1), "fire"),
            (2, "S", d(6, 1), "fire"),
            (3, "R", d(5, 1), "theft"),
            (4, "R", d(5, 1), "theft"),
            // Another day, unit or category: not a repeat.
            (5, "R", d(5, 2), "theft"),
            (6, "S", d(6, 1), "theft"),
        ];
        let p = repeated_incidents(rows.iter().copied()).unwrap();
        assert_eq!(p.code, ProblemCode::DuplicateIncident);
        assert_eq!((p.location.unit.as_deref(), p.location.path.as_deref()), (Some("S"), Some("incidents[2]")));
        assert!(p.message.starts_with("3 incident row(s) repeat"), "{}", p.message);
        assert!(p.message.contains("First: unit `S`, 2023-06-01, `fire` (2 rows)"), "{}", p.message);
        assert_eq!(repeated_incidents(rows[4..].iter().copied()), None);
        assert_eq!(repeated_incidents(std::iter::empty()), None);
    }
}
