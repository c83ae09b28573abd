//! Committed full results: every case's whole result (or its error), as pretty JSON in
//! `cases/results/<dir>/<case stem>.json`, reviewed like snapshots. The Rust runners write
//! them when `ANTQ_UPDATE_SNAPSHOTS=1` and otherwise compare with them; the Python and Node
//! tests compare their own surfaces' results with the same files.
//!
//! ```
//! use antq_conformance::results::first_difference;
//! use serde_json::json;
//! let want = json!({"units": [{"id": "A", "met": 3}]});
//! let got = json!({"units": [{"id": "A", "met": 4}]});
//! assert_eq!(first_difference(&want, &got).unwrap().0, "units[0].met");
//! assert!(first_difference(&want, &want).is_none());
//! ```

use antq::{Decision, Error, Review};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The committed results of one folder of cases, checked (or rewritten) case by case.
#[derive(Debug)]
pub struct Results {
    folder: String,
    dir: PathBuf,
    update: bool,
    seen: BTreeSet<String>,
    failures: Vec<String>,
}

impl Results {
    /// The results of the cases of `cases/<folder>/`, kept in `cases/results/<folder>/`.
    /// Rewrites them when the environment sets `ANTQ_UPDATE_SNAPSHOTS=1`.
    pub fn open(folder: &str) -> Results {
        let update = std::env::var_os("ANTQ_UPDATE_SNAPSHOTS").is_some_and(|v| v == "1");
        Results {
            folder: folder.to_owned(),
            dir: crate::cases_dir().join("results").join(folder),
            update,
            seen: BTreeSet::new(),
            failures: Vec::new(),
        }
    }

    /// Writes or compares the result of the case whose file stem is `stem`.
    pub fn check(&mut self, stem: &str, got: &Value) {
        self.seen.insert(format!("{stem}.json"));
        let path = self.dir.join(format!("{stem}.json"));
        if self.update {
            let text = serde_json::to_string_pretty(got).unwrap_or_default() + "\n";
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                let written = std::fs::create_dir_all(&self.dir).and_then(|()| std::fs::write(&path, text));
                if let Err(e) = written {
                    self.failures.push(format!("{stem}: cannot write {}: {e}", path.display()));
                }
            }
            return;
        }
        let want: Value = match std::fs::read_to_string(&path).map(|t| serde_json::from_str(&t)) {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => return self.failures.push(format!("{stem}: the committed result is not JSON: {e}")),
            Err(e) => return self.failures.push(format!("{stem}: no committed result ({e}); {UPDATE}")),
        };
        if let Some((at, w, g)) = first_difference(&want, got) {
            self.failures.push(format!(
                "{stem}: the result differs from the committed one at `{at}`: committed {}, now {}; {UPDATE}",
                short(&w),
                short(&g)
            ));
        }
    }

    /// Every failure: results that differ or are missing, and committed results whose case
    /// no longer exists (removed instead when updating).
    pub fn finish(mut self) -> Vec<String> {
        let entries = std::fs::read_dir(&self.dir).map(|d| d.flatten().collect::<Vec<_>>()).unwrap_or_default();
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".json") || self.seen.contains(&name) {
                continue;
            }
            if self.update {
                if let Err(e) = std::fs::remove_file(entry.path()) {
                    self.failures.push(format!("{name}: cannot remove a stale result: {e}"));
                }
            } else {
                self.failures.push(format!("results/{}/{name}: its case no longer exists; {UPDATE}", self.folder));
            }
        }
        self.failures
    }
}

const UPDATE: &str = "review the change, then `ANTQ_UPDATE_SNAPSHOTS=1 cargo test -p antq-conformance` rewrites it";

/// A JSON value cut to a readable length for a message.
fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// The first place where `got` differs from `want`, as a path (`units[3].outcome`, empty
/// for the root) with both values there (`null` for a key one side lacks).
pub fn first_difference(want: &Value, got: &Value) -> Option<(String, Value, Value)> {
    fn walk(at: &str, want: &Value, got: &Value) -> Option<(String, Value, Value)> {
        match (want, got) {
            (Value::Object(w), Value::Object(g)) => {
                let keys: BTreeSet<&String> = w.keys().chain(g.keys()).collect();
                keys.into_iter().find_map(|k| {
                    let at = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                    match (w.get(k), g.get(k)) {
                        (Some(a), Some(b)) => walk(&at, a, b),
                        (a, b) => Some((at, a.cloned().unwrap_or(Value::Null), b.cloned().unwrap_or(Value::Null))),
                    }
                })
            }
            (Value::Array(w), Value::Array(g)) => {
                let found = w.iter().zip(g).enumerate().find_map(|(i, (a, b))| walk(&format!("{at}[{i}]"), a, b));
                found.or_else(|| {
                    (w.len() != g.len()).then(|| (format!("{at} (length)"), json!(w.len()), json!(g.len())))
                })
            }
            (a, b) if a == b => None,
            (a, b) => Some((at.to_owned(), a.clone(), b.clone())),
        }
    }
    walk("", want, got)
}

/// An error as the committed results hold it: its code and each problem's code, field path
/// and messages (English, and Vietnamese where antq words it so); an error without problems
/// (a rule set not in force, a unit without a result…) with its whole text in Vietnamese.
/// Positions in a text are left out: they differ between surfaces that read objects and
/// texts, and an error with problems lists them in its text.
pub fn error_json(e: &Error) -> Value {
    let problems: Vec<Value> = e
        .problems()
        .iter()
        .map(|p| {
            json!({"code": p.code.as_str(), "path": p.location.path, "message": p.message, "message_vi": p.message_vi})
        })
        .collect();
    let mut error = json!({"code": e.code(), "problems": problems});
    if e.problems().is_empty() {
        error["message_vi"] = json!(e.text(antq::Lang::Vi));
    }
    json!({ "error": error })
}

/// A value as JSON, or an error's form.
pub fn ok_or_error<T: serde::Serialize>(r: &Result<T, Error>) -> Value {
    match r {
        Ok(v) => serde_json::to_value(v).unwrap_or_else(|e| json!({"unserialisable": e.to_string()})),
        Err(e) => error_json(e),
    }
}

/// A review's verdicts as the committed results hold them, one object per evaluated unit
/// in dataset order: `unit`, `kind`, `subkind`, `parent`, `commune`, `district`, `province`
/// (on the reference date),
/// `outcome`, `level`, `rank`, `met`, `of` and `criteria` (criterion id → status, for the
/// criteria that apply), after the `rule_set` and `supplements` every row names (the same
/// in every row, so held once). The surfaces give the same from their verdict tables.
pub fn review_json(review: &Review<'_>) -> Value {
    let units = &review.prepared().dataset().units;
    let verdicts: Vec<Value> = review
        .indexed_verdicts()
        .map(|(i, u, v)| {
            let level = match v.decision {
                Decision::Level(l) => {
                    review.rules().sheet(u.kind.kind()).and_then(|s| s.levels.get(usize::from(l))).map(|l| l.id.clone())
                }
                _ => None,
            };
            let rank = match v.decision {
                Decision::Typical(r) | Decision::NotSelected(r) => Some(r),
                _ => None,
            };
            let a = review.ancestry_at(i);
            let criteria: Map<String, Value> = review
                .statuses_at(i)
                .map(|(c, s)| (c.id.clone(), serde_json::to_value(s).unwrap_or_default()))
                .collect();
            json!({
                "unit": u.id.as_str(),
                "kind": u.kind.kind().as_str(),
                "subkind": u.kind.subkind(),
                "parent": review.parent_at(i).map(|p| units[p].id.as_str()),
                "commune": a.commune.map(|j| units[j].id.as_str()),
                "district": a.district.map(|j| units[j].id.as_str()),
                "province": a.province.map(|j| units[j].id.as_str()),
                "outcome": v.decision.code(),
                "level": level,
                "rank": rank,
                "met": v.met,
                "of": v.of,
                "criteria": criteria,
            })
        })
        .collect();
    let rules = review.record().rules();
    json!({ "rule_set": rules.rule_set_cell(), "supplements": rules.supplement_cells(), "verdicts": verdicts })
}
