//! Round trips of the sample province through every table format, and the problems of bad
//! files.

use super::*;
use crate::synthetic::sample::SAMPLE_JSON;

fn sample() -> Dataset {
    Dataset::from_str_named("sample.json", SAMPLE_JSON).unwrap()
}

/// A fresh folder under the system's temporary folder.
pub(super) fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("antq-columnar-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The serialised evaluation of every preset that evaluates the sample.
fn evaluations(ds: &Dataset) -> Vec<String> {
    ["vn.c124-2021", "vn.d9745-2022.communes"]
        .iter()
        .map(|id| {
            let rules = crate::RuleSet::preset(id).unwrap();
            serde_json::to_string(&crate::evaluate(ds, &rules, 2023).unwrap()).unwrap()
        })
        .collect()
}

#[test]
fn sample_round_trips_with_identical_evaluations() {
    let ds = sample();
    let want = evaluations(&ds);
    for format in TableFormat::ALL.iter().copied() {
        let dir = temp(format.as_str());
        let target = if TableFormat::PER_TABLE.contains(&format) { dir.clone() } else { dir.join("sample.xlsx") };
        write_dataset(&ds, &target, format).unwrap();
        let mut back = read_dataset(&target).unwrap_or_else(|e| panic!("{}: {e}", format.as_str()));
        back.meta = ds.meta.clone();
        assert_eq!(back, ds, "{}", format.as_str());
        assert_eq!(evaluations(&back), want, "{}", format.as_str());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
