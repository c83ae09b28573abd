//! The explanations of a dozen sample units, in English and Vietnamese, pinned as reviewed
//! snapshots in `tests/snapshots/explain/<set>/<unit>.<lang>.txt`; `units.json` there names
//! the rule sets and units. The Python and Node tests compare their surfaces' explanations
//! with the same files, byte for byte.
//!
//! `ANTQ_UPDATE_SNAPSHOTS=1 cargo test -p antq-conformance --test explain_snapshots`
//! rewrites them (and removes files no longer named); read the diff before committing it.

use antq::{Dataset, Lang, Options, RuleSet, Supplement, evaluate_with, sample};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Manifest {
    sets: Vec<Set>,
    /// Every outcome the chosen units must cover between them.
    outcomes: Vec<String>,
}

#[derive(Deserialize)]
struct Set {
    dir: String,
    rules: String,
    /// Paths from the repository's root, applied in order.
    supplements: Vec<String>,
    year: i32,
    units: Vec<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root").to_path_buf()
}

fn snapshots() -> PathBuf {
    root().join("tests/snapshots/explain")
}

fn rules(set: &Set) -> RuleSet {
    let mut rules = RuleSet::preset(&set.rules).unwrap_or_else(|e| panic!("{}: {e}", set.dir));
    for path in &set.supplements {
        let s = Supplement::from_path(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        rules = rules.with_supplement(&s).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    rules
}

#[test]
fn explanations_match_the_reviewed_snapshots() {
    let update = std::env::var_os("ANTQ_UPDATE_SNAPSHOTS").is_some_and(|v| v == "1");
    let text = std::fs::read_to_string(snapshots().join("units.json")).expect("units.json");
    let manifest: Manifest = serde_json::from_str(&text).expect("units.json is a manifest");
    let data = Dataset::from_str_named("province.json", sample::SAMPLE_JSON).expect("the sample");
    let mut failures = Vec::new();
    let mut covered = BTreeSet::new();
    let mut compared = 0;
    for set in &manifest.sets {
        let ev = evaluate_with(&data, &rules(set), set.year, &Options::default())
            .unwrap_or_else(|e| panic!("{}: {e}", set.dir));
        let dir = snapshots().join(&set.dir);
        let mut expected_files = BTreeSet::new();
        for id in &set.units {
            let unit = ev.unit(id).unwrap_or_else(|| panic!("{}: no unit `{id}` in the result", set.dir));
            covered.insert(unit.outcome.code().to_owned());
            for (lang, code) in [(Lang::En, "en"), (Lang::Vi, "vi")] {
                let name = format!("{id}.{code}.txt");
                let path = dir.join(&name);
                let got = unit.explain(lang);
                expected_files.insert(name.clone());
                if update {
                    std::fs::create_dir_all(&dir).expect("create the snapshot folder");
                    std::fs::write(&path, &got).expect("write a snapshot");
                    continue;
                }
                match std::fs::read_to_string(&path) {
                    Ok(want) if want == got => compared += 1,
                    Ok(want) => {
                        failures.push(format!("{}/{name} differs:\n--- snapshot\n{want}--- now\n{got}", set.dir))
                    }
                    Err(e) => failures.push(format!("{}/{name}: {e}", set.dir)),
                }
            }
        }
        // A file the manifest no longer names is stale: reported, or removed when updating.
        for entry in std::fs::read_dir(&dir).expect("the snapshot folder").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".txt") && !expected_files.contains(&name) {
                if update {
                    std::fs::remove_file(entry.path()).expect("remove a stale snapshot");
                } else {
                    failures.push(format!("{}/{name}: not named in units.json", set.dir));
                }
            }
        }
    }
    let wanted: BTreeSet<String> = manifest.outcomes.iter().cloned().collect();
    let missing: Vec<&String> = wanted.difference(&covered).collect();
    assert!(missing.is_empty(), "the snapshot units cover no unit with outcome {missing:?}");
    assert!(failures.is_empty(), "{} snapshot(s) differ:\n{}", failures.len(), failures.join("\n"));
    if !update {
        assert!(compared >= 24, "only {compared} snapshots compared");
    }
}
