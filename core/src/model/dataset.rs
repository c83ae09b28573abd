//! A dataset: units, yearly evidence, incidents and activities, with structural checks.

use crate::error::{Capped, Error, Location, Problem, ProblemCode, Result};
use crate::model::activity::{Activity, Incident};
use crate::model::evidence::Evidence;
use crate::model::unit::{Kind, Unit, UnitKind};
pub(crate) use crate::model::unit_index::UnitIndex;
use crate::read::limits::Limits;
use crate::read::source::Source;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The dataset format version this library reads and writes.
pub const DATASET_FORMAT_VERSION: u32 = 1;

/// What a dataset is and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
        Dataset::from_str_with_limits(name, text, &Limits::default())
    }

    /// Reads a dataset like [`Dataset::from_str_named`], within the given [`Limits`]
    /// (size, nesting and string lengths are checked before parsing, counts after).
    ///
    /// ```
    /// use antq::{Dataset, Limits};
    /// let mut limits = Limits::default();
    /// limits.max_string_bytes = 8;
    /// let text = r#"{"format_version": 1, "units": [{"id": "HD", "name": "Tỉnh Hải Dương", "kind": "province", "subkind": "tinh"}]}"#;
    /// let err = Dataset::from_str_with_limits("d.json", text, &limits).unwrap_err();
    /// assert_eq!(err.code(), "invalid_dataset");
    /// assert!(err.to_string().contains("max_string_bytes = 8"));
    /// ```
    pub fn from_str_with_limits(name: &str, text: &str, limits: &Limits) -> Result<Dataset> {
        let src = Source::new(name, text);
        limits.check_document(&src).map_err(|p| Error::InvalidDataset(vec![*p]))?;
        let ds: Dataset = src
            .parse()
            .map_err(|p| Error::InvalidDataset(crate::read::version::first(p, &src, DATASET_FORMAT_VERSION)))?;
        let mut problems = ds.problems_with_limits(limits);
        if problems.is_empty() {
            Ok(ds)
        } else {
            src.locate_all(&mut problems, |p| p.location.criterion.as_deref().or(p.location.unit.as_deref()));
            Err(Error::InvalidDataset(problems))
        }
    }

    /// Reads a dataset from a file.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Dataset> {
        Dataset::from_path_with_limits(path, &Limits::default())
    }

    /// Reads a dataset from a file within the given [`Limits`], and checks its structure.
    ///
    /// A JSON file is read record by record, so its text is never held whole beside the
    /// dataset (peak memory: the dataset and a buffer of 1 MiB). A file with any problem is
    /// then read whole, to report each problem with its line and column exactly as
    /// [`Dataset::from_str_with_limits`] does. What is not a regular file (a FIFO, a
    /// device, `/dev/stdin`) is read once, as [`Dataset::from_reader_with_limits`] reads.
    pub fn from_path_with_limits(path: impl AsRef<std::path::Path>, limits: &Limits) -> Result<Dataset> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
        if file.metadata().is_ok_and(|m| m.is_file()) {
            Dataset::from_file(file, &name, limits)
        } else {
            Dataset::from_reader_with_limits(&name, file, limits)
        }
    }

    /// Reads a dataset from a stream that can be read only once (standard input, a pipe),
    /// with the default [`Limits`]; `name` is used in error locations and decides the
    /// format as in [`Dataset::from_str_named`].
    ///
    /// ```
    /// let text = antq::sample::SAMPLE_JSON.as_bytes();
    /// let ds = antq::Dataset::from_reader("standard input", text).unwrap();
    /// assert_eq!(ds, antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap());
    /// ```
    pub fn from_reader(name: &str, reader: impl std::io::Read) -> Result<Dataset> {
        Dataset::from_reader_with_limits(name, reader, &Limits::default())
    }

    /// Reads a dataset from a stream read once, within the given [`Limits`]: the stream is
    /// copied (at most `max_document_bytes`) to a temporary file, removed afterwards, and
    /// read as [`Dataset::from_path_with_limits`] reads a file, so its text is not held
    /// whole beside the dataset. Where no temporary file can be made it is read into
    /// memory. Either way, errors are those of [`Dataset::from_str_with_limits`].
    pub fn from_reader_with_limits(name: &str, mut reader: impl std::io::Read, limits: &Limits) -> Result<Dataset> {
        match crate::read::spool::Spool::copy(&mut reader, name, limits.max_document_bytes)? {
            Some(spool) => Dataset::from_file(&spool.file, name, limits),
            None => {
                let text = crate::read::read_limited(reader, name, limits.max_document_bytes)?;
                Dataset::from_str_with_limits(name, &text, limits)
            }
        }
    }

    /// Reads a regular file (or a spooled copy) from its start: record by record, then,
    /// when there is anything to report, whole from the start again.
    fn from_file(mut file: impl std::io::Read + std::io::Seek, name: &str, limits: &Limits) -> Result<Dataset> {
        let io = |e: std::io::Error| Error::Io { path: name.to_owned(), message: e.to_string() };
        if crate::read::source::Format::from_name(name) == crate::read::source::Format::Json {
            let read = crate::read::stream::read_dataset(&mut file, limits).map_err(io)?;
            if let crate::read::stream::Outcome::Read(ds) = read
                && ds.problems_with_limits(limits).is_empty()
            {
                return Ok(ds);
            }
            file.rewind().map_err(io)?;
        }
        let text = crate::read::read_limited(file, name, limits.max_document_bytes)?;
        Dataset::from_str_with_limits(name, &text, limits)
    }

    /// Lints about unit ids that can be mistaken for one another (at most 100, then a
    /// `limit` problem counting the rest), in English and Vietnamese: ids mixing Latin with
    /// Greek or Cyrillic letters (`mixed_script_id`), ids that look the same (`C1` in Latin
    /// and in Cyrillic: `ids_look_alike`), ids that differ only by case
    /// (`ids_differ_by_case`). A sound dataset may have them; they are worth a look, and
    /// every review of the dataset lists them among its lints ([`crate::Review::lints`]).
    /// (Ids are compared in Unicode NFC, and invisible or control characters in ids are
    /// refused as `bad_value` problems.)
    ///
    /// ```
    /// let text = r#"{"format_version": 1, "units": [
    ///   {"id": "HA", "name": "A", "kind": "province", "subkind": "tinh"},
    ///   {"id": "Ha", "name": "B", "kind": "province", "subkind": "tinh"}]}"#;
    /// let ds = antq::Dataset::from_str_named("d.json", text).unwrap();
    /// let lints = ds.lints();
    /// assert_eq!(lints[0].to_string(), "unit `HA`: [ids_differ_by_case] unit ids `HA` and `Ha` differ only by case");
    /// assert_eq!(lints.len(), 1);
    /// ```
    pub fn lints(&self) -> Vec<crate::Problem> {
        crate::model::identity::lints(self.units.iter().map(|u| u.id.as_str()), Limits::default().max_problems)
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

    /// The structural problems (empty when the dataset is sound), with the default
    /// [`Limits`]: at most `max_problems` (100), then one `limit` problem counting the rest.
    pub fn problems(&self) -> Vec<Problem> {
        self.problems_with_limits(&Limits::default())
    }

    /// The structural problems, with the given limits on counts and string lengths. When
    /// a count is over its limit, only that is reported (nothing else is looked at). At
    /// most `max_problems` are kept while looking, then one `limit` problem counts the rest
    /// ([`Problem::omitted`]), so memory stays bounded however many there are.
    pub fn problems_with_limits(&self, limits: &Limits) -> Vec<Problem> {
        self.problems_and_index(limits).0
    }

    /// The structural problems (capped as for [`Dataset::problems_with_limits`]) and, when
    /// there is none, the index of units by id (built once here and kept by
    /// [`crate::Prepared`]).
    pub(crate) fn problems_and_index(&self, limits: &Limits) -> (Vec<Problem>, Links) {
        let mut out = Capped::new(limits.max_problems);
        let links = self.collect_problems(limits, &mut out);
        (out.into_vec(), links)
    }

    /// [`Dataset::problems_and_index`] into `out`, which keeps the first problems and counts
    /// the rest (so a million bad records never make a million problems).
    fn collect_problems(&self, limits: &Limits, out: &mut Capped) -> Links {
        if self.format_version != DATASET_FORMAT_VERSION {
            out.push(Problem::format_version(
                Location::path("format_version"),
                self.format_version,
                DATASET_FORMAT_VERSION,
            ));
            return Links::default();
        }
        let events = self.incidents.len().saturating_add(self.activities.len());
        let counts_ok = [
            Limits::check_count(out, "units", "units", self.units.len(), "max_units", limits.max_units),
            Limits::check_count(
                out,
                "evidence",
                "evidence records",
                self.evidence.len(),
                "max_evidence",
                limits.max_evidence,
            ),
            Limits::check_count(out, "incidents", "incidents and activities", events, "max_events", limits.max_events),
        ];
        if counts_ok.contains(&false) {
            return Links::default();
        }
        // The strings are checked on another core (with the `parallel` feature) while the
        // index is built; their problems come first, as when checked first.
        let (strings, index) = crate::join(
            || {
                let mut strings = Capped::new(limits.max_problems);
                self.string_problems(limits, &mut strings);
                strings
            },
            || {
                // The last unit of an id is indexed; the units whose id came before are listed.
                let mut index = UnitIndex::with_capacity(self.units.len());
                let mut again = Vec::new();
                for i in 0..self.units.len() {
                    if index.insert(&self.units, i as u32).is_some() {
                        again.push(i);
                    }
                }
                (index, again)
            },
        );
        let (index, again) = index;
        out.extend(strings.into_vec());
        // The units of evidence records, incidents and parents, looked up on every core:
        // the hash look-ups of a national dataset's ids are most of validation's time. The
        // problems are then listed below in record order, as they were found.
        let evidence_found = find_all(&self.units, &index, &|i| self.evidence[i].unit.as_str(), self.evidence.len());
        let parent_found = find_all(
            &self.units,
            &index,
            &|i| self.units[i].parent.as_ref().map_or("", crate::UnitId::as_str),
            self.units.len(),
        );
        // The units' problems, and on another core (with the `parallel` feature) the evidence
        // records that repeat their unit's year: a look-up by unit per record, a cache miss
        // each on shuffled records, in a loop of its own so that the misses overlap.
        let (base_parent, repeated) = crate::join(
            || -> Option<(Vec<u32>, UnitColumns)> {
                let mut again = again.into_iter().peekable();
                // What later passes read of each unit, gathered here, so they do not read
                // the unit records (large structs) again.
                let mut columns = UnitColumns::with_capacity(self.units.len());
                for (i, u) in self.units.iter().enumerate() {
                    columns.push(u);
                    if u.parent_changes.len() > limits.max_parent_changes {
                        out.push(Limits::problem(
                            Location::path(format!("units[{i}].parent_changes")).with_unit(u.id.as_str()),
                            "parent changes of one unit",
                            u.parent_changes.len(),
                            "max_parent_changes",
                            limits.max_parent_changes,
                        ));
                        return None;
                    }
                    if u.id.0.is_empty() {
                        out.push(
                            Problem::new(
                                ProblemCode::BadValue,
                                Location::path(format!("units[{i}].id")),
                                "unit id is empty",
                            )
                            .with_vi("mã đơn vị để trống"),
                        );
                    }
                    if let Some((pos, c)) = crate::model::identity::first_invisible(&u.id.0) {
                        out.push(
                            Problem::new(
                                ProblemCode::BadValue,
                                Location::path(format!("units[{i}].id")).with_unit(u.id.as_str()),
                                format!(
                                    "unit id `{}` holds an invisible or control character (U+{:04X} at character {pos}); ids must be visible text",
                                    u.id.0.escape_debug(),
                                    c as u32
                                ),
                            )
                            .with_vi(format!(
                                "mã đơn vị `{}` chứa ký tự vô hình hoặc ký tự điều khiển (U+{:04X} ở ký tự thứ {pos}); mã phải là văn bản nhìn thấy được",
                                u.id.0.escape_debug(),
                                c as u32
                            )),
                        );
                    }
                    if again.next_if_eq(&i).is_some() {
                        out.push(
                            Problem::new(
                                ProblemCode::DuplicateId,
                                Location::path(format!("units[{i}].id")).with_unit(u.id.as_str()),
                                format!("unit id `{}` is used twice", u.id),
                            )
                            .with_vi(format!("mã đơn vị `{}` được dùng hai lần", u.id)),
                        );
                    }
                }
                let mut base_parent = vec![u32::MAX; self.units.len()];
                for (i, u) in self.units.iter().enumerate() {
                    for (k, p) in u.all_parents().enumerate() {
                        // The parent was looked up above; a later parent (a parent change) here.
                        let found = if k == 0 && u.parent.is_some() {
                            Some(parent_found[i]).filter(|&j| j != u32::MAX)
                        } else {
                            index.get(&self.units, p.as_str())
                        };
                        let found = found.as_ref();
                        if k == 0
                            && u.parent.is_some()
                            && let Some(&j) = found
                        {
                            base_parent[i] = j;
                        }
                        match found {
                            None => out.push(
                                Problem::new(
                                    ProblemCode::DanglingParent,
                                    Location::path(format!("units[{i}].parent")).with_unit(u.id.as_str()),
                                    format!("parent `{p}` of unit `{}` is not in the dataset", u.id),
                                )
                                .with_vi(format!("đơn vị cấp trên `{p}` của đơn vị `{}` không có trong dữ liệu", u.id)),
                            ),
                            Some(&j) => {
                                let pk = columns.kinds[j as usize].kind();
                                if !allowed_parent(u.kind.kind(), pk) {
                                    out.push(
                                        Problem::new(
                                            ProblemCode::BadParentKind,
                                            Location::path(format!("units[{i}].parent")).with_unit(u.id.as_str()),
                                            format!("a {} cannot belong to a {pk} (`{p}`)", u.kind.kind()),
                                        )
                                        .with_vi(format!(
                                            "{} không thể trực thuộc {} (`{p}`)",
                                            u.kind.kind().label(crate::Lang::Vi),
                                            pk.label(crate::Lang::Vi).to_lowercase()
                                        )),
                                    );
                                }
                            }
                        }
                    }
                }
                // Always looked for: the allowed parent kinds form no cycle, so every parent cycle
                // also has a link of a kind that cannot hold the child (reported above); waiting for
                // no other problem would never report the cycle. The walk stops at unknown parents.
                self.cycles(&index, &base_parent, &columns.moves, out);
                Some((base_parent, columns))
            },
            || repeated_records(&self.evidence, &evidence_found, self.units.len()),
        );
        let Some((base_parent, UnitColumns { kinds, valid, moves })) = base_parent else { return Links::default() };
        // Each record's unit as found above (`u32::MAX`: not in the dataset).
        let evidence_unit = evidence_found;
        // The records' problems, in parts on every core (with the `parallel` feature),
        // added in record order: the same list as one pass.
        let part = |from: usize| -> Capped {
            let to = self.evidence.len().min(from + EVIDENCE_PART);
            let mut part = Capped::new(limits.max_problems);
            for (i, e) in self.evidence[from..to].iter().enumerate() {
                let i = from + i;
                if evidence_unit[i] == u32::MAX {
                    part.push(
                        Problem::new(
                            ProblemCode::UnknownUnit,
                            Location::path(format!("evidence[{i}].unit")).with_unit(e.unit.as_str()),
                            format!("evidence names unit `{}`, which is not in the dataset", e.unit),
                        )
                        .with_vi(format!("bản ghi số liệu ghi đơn vị `{}`, không có trong dữ liệu", e.unit)),
                    );
                }
                if repeated[i] {
                    part.push(
                        Problem::new(
                            ProblemCode::DuplicateEvidence,
                            Location::path(format!("evidence[{i}]")).with_unit(e.unit.as_str()),
                            format!("a second evidence record for unit `{}` in {}", e.unit, e.year),
                        )
                        .with_vi(format!("bản ghi số liệu thứ hai của đơn vị `{}` trong năm {}", e.unit, e.year)),
                    );
                }
                for (old, new) in crate::model::evidence::FORMER_KEYS {
                    if e.attested.contains_key(old) && e.attested.contains_key(new) {
                        part.push(
                            Problem::new(
                                ProblemCode::DuplicateId,
                                Location::path(format!("evidence[{i}].attested.{old}")).with_unit(e.unit.as_str()),
                                format!(
                                    "attested key `{new}` of unit `{}` is given twice: also under its former spelling `{old}`",
                                    e.unit
                                ),
                            )
                            .with_vi(format!(
                                "khóa xác nhận `{new}` của đơn vị `{}` được ghi hai lần: cả dưới cách viết cũ `{old}`",
                                e.unit
                            )),
                        );
                    }
                }
                for p in e.counts_over_totals(&|| format!("evidence[{i}]")) {
                    part.push(p);
                }
            }
            part
        };
        #[cfg(feature = "parallel")]
        let parts: Vec<Capped> = {
            use rayon::prelude::*;
            (0..self.evidence.len()).into_par_iter().step_by(EVIDENCE_PART).map(part).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let parts = (0..self.evidence.len()).step_by(EVIDENCE_PART).map(part);
        for part in parts {
            out.extend(part.into_vec());
        }
        // The units of incidents and activities, looked up as the evidence's were.
        let incident_unit = find_all(&self.units, &index, &|i| self.incidents[i].unit.as_str(), self.incidents.len());
        let activity_unit = find_all(&self.units, &index, &|i| self.activities[i].unit.as_str(), self.activities.len());
        for (i, inc) in self.incidents.iter().enumerate() {
            if incident_unit[i] == u32::MAX {
                out.push(
                    Problem::new(
                        ProblemCode::UnknownUnit,
                        Location::path(format!("incidents[{i}].unit")).with_unit(inc.unit.as_str()),
                        format!("incident names unit `{}`, which is not in the dataset", inc.unit),
                    )
                    .with_vi(format!("vụ việc ghi đơn vị `{}`, không có trong dữ liệu", inc.unit)),
                );
            }
        }
        for (i, a) in self.activities.iter().enumerate() {
            if activity_unit[i] == u32::MAX {
                out.push(
                    Problem::new(
                        ProblemCode::UnknownUnit,
                        Location::path(format!("activities[{i}].unit")).with_unit(a.unit.as_str()),
                        format!("activity names unit `{}`, which is not in the dataset", a.unit),
                    )
                    .with_vi(format!("hoạt động ghi đơn vị `{}`, không có trong dữ liệu", a.unit)),
                );
            }
            if a.count == 0 {
                out.push(
                    Problem::new(
                        ProblemCode::BadValue,
                        Location::path(format!("activities[{i}].count")).with_unit(a.unit.as_str()),
                        "count must be at least 1",
                    )
                    .with_vi("số lượng phải từ 1 trở lên"),
                );
            }
        }
        Links { index, base_parent, evidence_unit, incident_unit, kinds, valid, moves }
    }

    /// Ids, names, categories and keys longer than `max_string_bytes`.
    fn string_problems(&self, limits: &Limits, out: &mut Capped) {
        for (i, u) in self.units.iter().enumerate() {
            limits.check_str(out, &u.id.0, || Location::path(format!("units[{i}].id")));
            limits.check_str(out, &u.name, || Location::path(format!("units[{i}].name")));
        }
        for (i, e) in self.evidence.iter().enumerate() {
            limits.check_str(out, &e.unit.0, || Location::path(format!("evidence[{i}].unit")));
            for k in e.attested.keys().chain(e.points.keys().map(String::as_str)) {
                limits.check_str(out, k, || Location::path(format!("evidence[{i}]")));
                // A key is one line of visible text: a line break would print a line of its
                // own in the error naming it (a fake `error[…]`).
                if let Some((pos, c)) = crate::model::identity::first_invisible(k) {
                    out.push(
                        Problem::new(
                            ProblemCode::BadValue,
                            Location::path(format!("evidence[{i}]")).with_unit(e.unit.as_str()),
                            format!(
                                "evidence key `{}` holds a line break, control or invisible character (U+{:04X} at character {pos}); keys must be one line of visible text",
                                k.escape_debug(),
                                c as u32
                            ),
                        )
                        .with_vi(format!(
                            "khóa số liệu `{}` chứa dấu xuống dòng, ký tự điều khiển hoặc ký tự vô hình (U+{:04X} ở ký tự thứ {pos}); khóa phải là một dòng văn bản nhìn thấy được",
                            k.escape_debug(),
                            c as u32
                        )),
                    );
                }
            }
        }
        for (i, inc) in self.incidents.iter().enumerate() {
            limits.check_str(out, &inc.unit.0, || Location::path(format!("incidents[{i}].unit")));
            limits.check_str(out, &inc.category, || Location::path(format!("incidents[{i}].category")));
            if let Some((pos, c)) = crate::model::identity::first_invisible(&inc.category) {
                out.push(
                    Problem::new(
                        ProblemCode::BadValue,
                        Location::path(format!("incidents[{i}].category")).with_unit(inc.unit.as_str()),
                        format!(
                            "incident category `{}` holds a line break, control or invisible character (U+{:04X} at character {pos})",
                            inc.category.escape_debug(),
                            c as u32
                        ),
                    )
                    .with_vi(format!(
                        "loại vụ việc `{}` chứa dấu xuống dòng, ký tự điều khiển hoặc ký tự vô hình (U+{:04X} ở ký tự thứ {pos})",
                        inc.category.escape_debug(),
                        c as u32
                    )),
                );
            }
            if let Some(n) = &inc.note {
                limits.check_str(out, n, || Location::path(format!("incidents[{i}].note")));
            }
        }
        for (i, a) in self.activities.iter().enumerate() {
            limits.check_str(out, &a.unit.0, || Location::path(format!("activities[{i}].unit")));
        }
        limits.check_str(out, &self.meta.title, || Location::path("meta.title"));
        if let Some(d) = &self.meta.description {
            limits.check_str(out, d, || Location::path("meta.description"));
        }
    }

    /// Parent cycles on any date where parent links change, each reported once with the
    /// ids involved.
    ///
    /// Linear in the units and parent changes for any sound hierarchy: every unit is walked
    /// up once for the earliest date; on each later date where parents change, only the
    /// units whose parent changed that day are walked (a cycle that appears on that day
    /// must pass through one of them; any other cycle existed the day before). A walk
    /// stops at a unit already seen that day. Allowed parent kinds make a sound chain at
    /// most four units long, so the walks only grow long through links of kinds that
    /// cannot hold the child (reported as `bad_parent_kind`); a step budget of 16 per unit
    /// and parent change bounds that case, and running out of it is a `limit` problem.
    fn cycles(&self, index: &UnitIndex, base_parent: &[u32], moves: &[bool], out: &mut Capped) {
        let n = self.units.len();
        let mut changed: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
        let mut total_changes = 0usize;
        // Only the units that change parent are read again (the records are large structs,
        // far away on a national dataset); a walk reads their record only.
        for i in (0..n).filter(|&i| moves[i]) {
            let u = &self.units[i];
            total_changes += u.parent_changes.len();
            for c in &u.parent_changes {
                changed.entry(c.from).or_default().push(i);
            }
        }
        let everyone: Vec<usize> = (0..n).collect();
        let rounds = std::iter::once((NaiveDate::MIN, &everyone)).chain(changed.iter().map(|(d, v)| (*d, v)));
        let mut budget = n.saturating_add(total_changes).saturating_mul(16).saturating_add(1024);
        let mut reported: BTreeSet<Vec<usize>> = BTreeSet::new();
        // The round a unit was last seen in (0 = never), and whether it is on the current path.
        let mut seen = vec![0u32; n];
        let mut on_path = vec![false; n];
        let mut path = Vec::new();
        for (round, (d, starts)) in rounds.enumerate() {
            let round = round as u32 + 1;
            for &start in starts.iter() {
                path.clear();
                let mut cur = Some(start);
                while let Some(i) = cur {
                    if seen[i] == round {
                        if on_path[i] {
                            let pos = path.iter().position(|&p| p == i).unwrap_or(0);
                            let mut cyc: Vec<usize> = path[pos..].to_vec();
                            crate::sort(&mut cyc);
                            if reported.insert(cyc.clone()) {
                                let ids: Vec<&str> = cyc.iter().map(|&k| self.units[k].id.as_str()).collect();
                                // The first round is the links before any change.
                                let (en, vi) = match d {
                                    NaiveDate::MIN => (String::new(), String::new()),
                                    d => (format!(" on {d}"), format!(" ngày {d}")),
                                };
                                let chain = ids.join(" → ");
                                out.push(
                                    Problem::new(
                                        ProblemCode::ParentCycle,
                                        Location::default().with_unit(ids[0]),
                                        format!("parent links form a cycle{en}: {chain}"),
                                    )
                                    .with_vi(format!("quan hệ cấp trên tạo thành vòng lặp{vi}: {chain}")),
                                );
                            }
                        }
                        break;
                    }
                    if budget == 0 {
                        let steps = n.saturating_add(total_changes).saturating_mul(16).saturating_add(1024);
                        out.push(Problem::new(
                            ProblemCode::Limit,
                            Location::path("units"),
                            format!(
                                "the search for parent cycles took over {steps} steps (16 per unit and parent change) and was stopped; long parent chains come from parents of kinds that cannot hold the child"
                            ),
                        ).with_vi(format!(
                            "việc tìm vòng lặp cấp trên vượt quá {steps} bước (16 bước cho mỗi đơn vị và mỗi lần đổi cấp trên) và đã dừng; chuỗi cấp trên dài do đơn vị cấp trên thuộc loại không thể chứa đơn vị cấp dưới"
                        )));
                        return;
                    }
                    budget -= 1;
                    seen[i] = round;
                    on_path[i] = true;
                    path.push(i);
                    let parent = match (moves[i], base_parent[i]) {
                        // Without parent changes, the parent validation resolved (none when
                        // it has none or it is not in the dataset).
                        (false, p) => p,
                        (true, p) => parent_index(&self.units, &self.units[i], true, p, index, d).unwrap_or(u32::MAX),
                    };
                    cur = (parent != u32::MAX).then_some(parent as usize);
                }
                for &i in &path {
                    on_path[i] = false;
                }
            }
        }
    }
}

/// Whether each evidence record repeats an earlier record's unit and year (`unit[k]` is
/// record `k`'s unit, `u32::MAX` when it is not in the dataset; `units` units in all).
fn repeated_records(evidence: &[Evidence], unit: &[u32], units: usize) -> Vec<bool> {
    // Each unit's first year with a record; a unit's records of other years in a set.
    let mut first_year: Vec<Option<i32>> = vec![None; units];
    let mut seen: rustc_hash::FxHashSet<(u32, i32)> = Default::default();
    evidence
        .iter()
        .zip(unit)
        .map(|(e, u)| {
            let u = *u;
            if u == u32::MAX {
                return false;
            }
            match &mut first_year[u as usize] {
                Some(y) if *y == e.year => true,
                Some(_) => !seen.insert((u, e.year)),
                first @ None => {
                    *first = Some(e.year);
                    false
                }
            }
        })
        .collect()
}

/// The unit of each of `n` ids (`id(k)`, the `k`-th; `u32::MAX` when it is not in the
/// dataset), looked up in parts on every core with the `parallel` feature, in batches
/// ([`UnitIndex::find_all`]). Ids often come grouped (siblings together, evidence in unit
/// order), so within a part the unit after the previous answer is tried first, and while
/// such guesses come true no id is hashed: same result, fewer cache misses.
fn find_all<'a>(units: &[Unit], index: &UnitIndex, id: &(dyn Fn(usize) -> &'a str + Sync), n: usize) -> Vec<u32> {
    const PART: usize = 16_384;
    const BATCH: usize = 64;
    let part = |from: usize| -> Vec<u32> {
        let to = n.min(from + PART);
        let mut found = Vec::with_capacity(to - from);
        let mut k = from;
        while k < to {
            let guess = found.last().map_or(u32::MAX, |&last: &u32| last.wrapping_add(1));
            if units.get(guess as usize).is_some_and(|u| u.id.as_str() == id(k)) {
                found.push(guess);
                k += 1;
                continue;
            }
            let end = to.min(k + BATCH);
            index.find_all(units, (k..end).map(id), &mut found);
            k = end;
        }
        found
    };
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        let parts: Vec<Vec<u32>> = (0..n).into_par_iter().step_by(PART).map(part).collect();
        parts.concat()
    }
    #[cfg(not(feature = "parallel"))]
    (0..n).step_by(PART).flat_map(part).collect()
}

/// Evidence records checked per part when validation runs on every core.
const EVIDENCE_PART: usize = 16_384;

/// Each unit's kind, validity and whether it changes parent, as [`Links`] holds them.
struct UnitColumns {
    kinds: Vec<UnitKind>,
    valid: Vec<(Option<NaiveDate>, Option<NaiveDate>)>,
    moves: Vec<bool>,
}

impl UnitColumns {
    fn with_capacity(n: usize) -> Self {
        UnitColumns { kinds: Vec::with_capacity(n), valid: Vec::with_capacity(n), moves: Vec::with_capacity(n) }
    }

    /// Adds the next unit's.
    fn push(&mut self, u: &Unit) {
        self.kinds.push(u.kind);
        self.valid.push((u.valid_from, u.valid_until));
        self.moves.push(!u.parent_changes.is_empty());
    }
}

/// The parent of `u` on `d`, as an index into the units (`u32::MAX` for none): `base` is
/// its `parent` as validation resolved it, so a unit that never `moves` (no parent
/// changes) needs no lookup. `Err` with the parent's id when it is not in the dataset.
pub(crate) fn parent_index<'a>(
    units: &[Unit],
    u: &'a Unit,
    moves: bool,
    base: u32,
    index: &UnitIndex,
    d: NaiveDate,
) -> std::result::Result<u32, &'a str> {
    if !moves {
        return match base {
            u32::MAX => u.parent.as_ref().map_or(Ok(u32::MAX), |p| Err(p.as_str())),
            p => Ok(p),
        };
    }
    match u.parent_on(d) {
        None => Ok(u32::MAX),
        Some(p) => index.get(units, p.as_str()).ok_or(p.as_str()),
    }
}

/// What validation resolved, kept by [`crate::Prepared`] so no id is looked up twice.
/// `u32::MAX` stands for a unit that is not there.
#[derive(Debug, Default)]
pub(crate) struct Links {
    /// Units by id.
    pub index: UnitIndex,
    /// Each unit's `parent` (before any parent change).
    pub base_parent: Vec<u32>,
    /// Each evidence record's unit.
    pub evidence_unit: Vec<u32>,
    /// Each incident's unit.
    pub incident_unit: Vec<u32>,
    /// Each unit's kind, gathered from the unit records in one pass with
    /// [`Links::valid`] and [`Links::moves`].
    pub kinds: Vec<UnitKind>,
    /// Each unit's `valid_from` and `valid_until`.
    pub valid: Vec<(Option<NaiveDate>, Option<NaiveDate>)>,
    /// Whether each unit changes parent.
    pub moves: Vec<bool>,
}
