//! The order of the records does not change a review: evidence, incidents and activities
//! shuffled give the same verdicts, byte for byte, and the same explained results; units
//! shuffled give the same verdict row for every unit (an explanation lists a parent's
//! children whose data is missing in the dataset's unit order, as the committed results of
//! `tests/cases` show them).

use crate::synthetic::rng::SplitMix64;
use crate::table::Column;
use crate::{Dataset, Options, Prepared, RuleSet};
use proptest::prelude::*;

fn shuffle<T>(v: &mut [T], rng: &mut SplitMix64) {
    for i in (1..v.len()).rev() {
        v.swap(i, rng.below(i as u64 + 1) as usize);
    }
}

/// The verdicts as CSV-like lines (header first) and every unit's explained result as JSON.
fn review_of(ds: &Dataset, rules: &RuleSet) -> (Vec<String>, Vec<String>) {
    let prepared = Prepared::new(ds, 2023).unwrap();
    let review = prepared.review(rules, &Options::default()).unwrap();
    let t = crate::table::verdicts_table(&review);
    let mut lines = vec![t.header().join(",")];
    for row in 0..t.num_rows() {
        let cells: Vec<String> = t
            .columns
            .iter()
            .map(|(_, c)| match c {
                Column::Text(v) => format!("{:?}", v[row]),
                Column::Int(v) => format!("{:?}", v[row]),
                Column::TextList(v) => format!("{:?}", v[row]),
                other => panic!("a verdict column of another type: {other:?}"),
            })
            .collect();
        lines.push(cells.join(","));
    }
    let explained = review
        .verdicts()
        .map(|(u, _)| serde_json::to_string(&review.unit(u.id.as_str()).unwrap().unwrap()).unwrap())
        .collect();
    (lines, explained)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn shuffled_records_review_identically(seed in 0u64..10_000, order in any::<u64>()) {
        let ds = crate::synthetic::generate::generate(&crate::synthetic::generate::Spec { units: 1000, year: 2023, seed });
        let rules = RuleSet::preset("vn.c124-2021").unwrap();
        let want = review_of(&ds, &rules);
        let mut rng = SplitMix64(order);
        let mut records = ds.clone();
        shuffle(&mut records.evidence, &mut rng);
        shuffle(&mut records.incidents, &mut rng);
        shuffle(&mut records.activities, &mut rng);
        prop_assert!(records.evidence != ds.evidence, "the records are reordered");
        prop_assert_eq!(&review_of(&records, &rules), &want);
        // Units shuffled as well: each unit's verdict row is the same.
        let mut units = records;
        shuffle(&mut units.units, &mut rng);
        let (mut lines, _) = review_of(&units, &rules);
        let (mut want_lines, _) = want;
        lines.sort();
        want_lines.sort();
        prop_assert_eq!(lines, want_lines);
    }
}

/// A review's notes name the first record in the file that they are about: the unit an
/// `unused_indicator` note names is another once its record is moved to the end, and again
/// the same once it is moved to the front.
#[test]
fn notes_name_the_first_record_in_the_file() {
    let ds =
        crate::synthetic::generate::generate(&crate::synthetic::generate::Spec { units: 300, year: 2023, seed: 7 });
    let rules = RuleSet::preset("vn.c124-2021").unwrap();
    let noted = |ds: &Dataset| {
        let prepared = Prepared::new(ds, 2023).unwrap();
        let review = prepared.review(&rules, &Options::default()).unwrap();
        let note = review.lints().iter().find(|p| p.code.as_str() == "unused_indicator").cloned();
        note.and_then(|p| p.location.unit).expect("the sample gives indicators C124 does not read")
    };
    let first = noted(&ds);
    let at = ds.evidence.iter().position(|e| e.unit.0 == first).unwrap();
    let mut moved = ds.clone();
    let record = moved.evidence.remove(at);
    moved.evidence.push(record);
    assert_ne!(noted(&moved), first);
    let record = moved.evidence.pop().unwrap();
    moved.evidence.insert(0, record);
    assert_eq!(noted(&moved), first);
}
