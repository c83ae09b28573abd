//! A dataset: units, yearly evidence, incidents and activities, with structural checks.

use crate::activity::{Activity, Incident};
use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::evidence::Evidence;
use crate::source::Source;
use crate::unit::{Kind, Unit, UnitId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// The dataset format version this library reads and writes.
pub const DATASET_FORMAT_VERSION: u32 = 1;

/// What a dataset is and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetMeta {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Whether the data is synthetic (made up for demonstration or tests).
    #[serde(default)]
    pub synthetic: bool,
    /// Free description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Units with their yearly evidence, incidents and activities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Must be [`DATASET_FORMAT_VERSION`].
    pub format_version: u32,
    /// What the dataset is.
    #[serde(default)]
    pub meta: DatasetMeta,
    /// Every unit, with its validity dates.
    pub units: Vec<Unit>,
    /// Evidence, one record per unit and year.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Dated incidents.
    #[serde(default)]
    pub incidents: Vec<Incident>,
    /// Dated activities.
    #[serde(default)]
    pub activities: Vec<Activity>,
}

impl Default for Dataset {
    fn default() -> Self {
        Dataset {
            format_version: DATASET_FORMAT_VERSION,
            meta: DatasetMeta::default(),
            units: Vec::new(),
            evidence: Vec::new(),
            incidents: Vec::new(),
            activities: Vec::new(),
        }
    }
}

/// Which kinds may be the parent of a kind.
pub fn allowed_parent(child: Kind, parent: Kind) -> bool {
    match child {
        Kind::Province => false,
        Kind::District => parent == Kind::Province,
        Kind::Commune => matches!(parent, Kind::District | Kind::Province),
        Kind::ResidentialArea => parent == Kind::Commune,
        Kind::Agency | Kind::Enterprise | Kind::School => parent.is_administrative(),
    }
}

impl Dataset {
    /// Reads a dataset from JSON or TOML text and checks its structure.
    ///
    /// `name` is used in error locations and decides the format (`.toml` or `.json`;
    /// otherwise the text is sniffed).
    pub fn from_str_named(name: &str, text: &str) -> Result<Dataset> {
        let src = Source::new(name, text);
        let ds: Dataset = src.parse().map_err(Error::InvalidDataset)?;
        let problems = ds.problems();
        if problems.is_empty() {
            Ok(ds)
        } else {
            Err(Error::InvalidDataset(problems.into_iter().map(|p| locate(p, &src)).collect()))
        }
    }

    /// Reads a dataset from a file.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Dataset> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = crate::read_file(path)?;
        Dataset::from_str_named(&name, &text)
    }

    /// Serialises to pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks the structure: format version, unique ids, existing parents of allowed
    /// kinds, no parent cycles on any date, evidence and events naming known units,
    /// one evidence record per unit and year.
    pub fn validate(&self) -> Result<()> {
        let p = self.problems();
        if p.is_empty() { Ok(()) } else { Err(Error::InvalidDataset(p)) }
    }

    /// Every structural problem (empty when the dataset is sound).
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.format_version != DATASET_FORMAT_VERSION {
            out.push(Problem::new(
                ProblemCode::FormatVersion,
                Location::path("format_version"),
                format!(
                    "format_version {} is not supported; this antq reads version {DATASET_FORMAT_VERSION}",
                    self.format_version
                ),
            ));
            return out;
        }
        let mut index: HashMap<&UnitId, usize> = HashMap::with_capacity(self.units.len());
        for (i, u) in self.units.iter().enumerate() {
            if u.id.0.is_empty() {
                out.push(Problem::new(
                    ProblemCode::BadValue,
                    Location::path(format!("units[{i}].id")),
                    "unit id is empty",
                ));
            }
            if index.insert(&u.id, i).is_some() {
                out.push(Problem::new(
                    ProblemCode::DuplicateId,
                    Location::path(format!("units[{i}].id")).with_unit(&u.id.0),
                    format!("unit id `{}` is used twice", u.id),
                ));
            }
        }
        for (i, u) in self.units.iter().enumerate() {
            for p in u.all_parents() {
                match index.get(p) {
                    None => out.push(Problem::new(
                        ProblemCode::DanglingParent,
                        Location::path(format!("units[{i}].parent")).with_unit(&u.id.0),
                        format!("parent `{p}` of unit `{}` is not in the dataset", u.id),
                    )),
                    Some(&j) => {
                        let pk = self.units[j].kind.kind();
                        if !allowed_parent(u.kind.kind(), pk) {
                            out.push(Problem::new(
                                ProblemCode::BadParentKind,
                                Location::path(format!("units[{i}].parent")).with_unit(&u.id.0),
                                format!("a {} cannot belong to a {pk} (`{p}`)", u.kind.kind()),
                            ));
                        }
                    }
                }
            }
        }
        // Always looked for: the allowed parent kinds form no cycle, so every parent cycle
        // also has a link of a kind that cannot hold the child (reported above); waiting for
        // no other problem would never report the cycle. The walk stops at unknown parents.
        out.extend(self.cycles(&index));
        let mut seen: BTreeSet<(&UnitId, i32)> = BTreeSet::new();
        for (i, e) in self.evidence.iter().enumerate() {
            if !index.contains_key(&e.unit) {
                out.push(Problem::new(
                    ProblemCode::UnknownUnit,
                    Location::path(format!("evidence[{i}].unit")).with_unit(&e.unit.0),
                    format!("evidence names unit `{}`, which is not in the dataset", e.unit),
                ));
            }
            if !seen.insert((&e.unit, e.year)) {
                out.push(Problem::new(
                    ProblemCode::DuplicateEvidence,
                    Location::path(format!("evidence[{i}]")).with_unit(&e.unit.0),
                    format!("a second evidence record for unit `{}` in {}", e.unit, e.year),
                ));
            }
            for (field, a, b) in [
                ("households_registered", e.households_registered, e.households_total),
                ("staff_briefed", e.staff_briefed, e.staff_total),
                ("members_reached", e.members_reached, e.members_total),
            ] {
                if let (Some(a), Some(b)) = (a, b)
                    && a > b
                {
                    out.push(Problem::new(
                        ProblemCode::BadValue,
                        Location::path(format!("evidence[{i}].{field}")).with_unit(&e.unit.0),
                        format!("{field} ({a}) is larger than its total ({b})"),
                    ));
                }
            }
        }
        for (i, inc) in self.incidents.iter().enumerate() {
            if !index.contains_key(&inc.unit) {
                out.push(Problem::new(
                    ProblemCode::UnknownUnit,
                    Location::path(format!("incidents[{i}].unit")).with_unit(&inc.unit.0),
                    format!("incident names unit `{}`, which is not in the dataset", inc.unit),
                ));
            }
        }
        for (i, a) in self.activities.iter().enumerate() {
            if !index.contains_key(&a.unit) {
                out.push(Problem::new(
                    ProblemCode::UnknownUnit,
                    Location::path(format!("activities[{i}].unit")).with_unit(&a.unit.0),
                    format!("activity names unit `{}`, which is not in the dataset", a.unit),
                ));
            }
            if a.count == 0 {
                out.push(Problem::new(
                    ProblemCode::BadValue,
                    Location::path(format!("activities[{i}].count")).with_unit(&a.unit.0),
                    "count must be at least 1",
                ));
            }
        }
        out
    }

    /// Parent cycles on any date where parent links change.
    fn cycles(&self, index: &HashMap<&UnitId, usize>) -> Vec<Problem> {
        let mut dates: BTreeSet<NaiveDate> = BTreeSet::from([NaiveDate::MIN]);
        for u in &self.units {
            dates.extend(u.parent_changes.iter().map(|c| c.from));
        }
        let mut reported: BTreeSet<Vec<usize>> = BTreeSet::new();
        let mut out = Vec::new();
        for d in dates {
            // 0 = unvisited, 1 = on the current path, 2 = done.
            let mut state = vec![0u8; self.units.len()];
            for start in 0..self.units.len() {
                let mut path = Vec::new();
                let mut cur = Some(start);
                while let Some(i) = cur {
                    match state[i] {
                        2 => break,
                        1 => {
                            let pos = path.iter().position(|&p| p == i).unwrap_or(0);
                            let mut cyc: Vec<usize> = path[pos..].to_vec();
                            cyc.sort_unstable();
                            if reported.insert(cyc.clone()) {
                                let ids: Vec<&str> = cyc.iter().map(|&k| self.units[k].id.as_str()).collect();
                                out.push(Problem::new(
                                    ProblemCode::ParentCycle,
                                    Location::default().with_unit(ids[0]),
                                    format!("parent links form a cycle on {d}: {}", ids.join(" → ")),
                                ));
                            }
                            break;
                        }
                        _ => {
                            state[i] = 1;
                            path.push(i);
                            cur = self.units[i].parent_on(d).and_then(|p| index.get(p).copied());
                        }
                    }
                }
                for i in path {
                    state[i] = 2;
                }
            }
        }
        out
    }
}

/// Adds a line and column to a problem by finding the unit it names in the source.
pub(crate) fn locate(mut p: Problem, src: &Source<'_>) -> Problem {
    let found = match (&p.location.unit, &p.location.criterion) {
        (_, Some(c)) => src.locate(c),
        (Some(u), None) => src.locate(u),
        _ => src.at(None),
    };
    p.location.file = found.file;
    if p.location.line.is_none() {
        p.location.line = found.line;
        p.location.column = found.column;
    }
    p
}
