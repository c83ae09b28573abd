//! A dataset checked once and laid out for one year's reviews: units by index, each
//! unit's evidence record and incidents, parents resolved to indices.

use crate::error::Result;
use crate::eval::check_year;
use crate::model::attested::{ByPosition, identity};
use crate::model::dataset::Dataset;
use crate::model::dataset::{Links, UnitIndex};
use crate::model::evidence::{Attestation, Evidence};
use crate::model::unit::UnitKind;
use chrono::NaiveDate;
use std::sync::Arc;

/// No unit (a parent that is not there).
pub(crate) const NONE: u32 = u32::MAX;

/// A dataset validated and indexed for the reviews of one year. Build it once and run
/// as many reviews (rule sets, supplements, parameters) as needed: each
/// [`Prepared::review`] then costs only the evaluation itself.
///
/// ```
/// use antq::{Dataset, Options, Prepared, RuleSet};
/// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let prepared = Prepared::new(&ds, 2023).unwrap();
/// let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// let review = prepared.review(&rules, &Options::default()).unwrap();
/// assert!(review.len() > 100);
/// ```
#[derive(Debug)]
pub struct Prepared<'d> {
    pub(crate) ds: &'d Dataset,
    pub(crate) year: i32,
    /// What does not depend on the year, shared by [`Prepared::for_year`].
    units: Arc<Units>,
    /// The year's evidence records, in the order of the dataset's records (a what-if
    /// overlay's replacements in place, the records it adds after them, in unit order): a
    /// pass over them reads memory in order, whatever order the units come in. The record in
    /// slot `s` is unit `record_unit[s]`'s.
    records: Vec<&'d Evidence>,
    record_unit: Vec<u32>,
    /// Each unit's slot in `records` ([`NONE`]: no record for the year).
    slot: Vec<u32>,
    /// The year's attestations as columns, a row per slot: a review reads one byte per
    /// record and key instead of searching every record's map.
    pub(crate) attestations: Attestations<'d>,
    /// Units whose incidents a what-if overlay leaves out: their remaining incidents
    /// (empty outside [`Prepared::overlaid`]).
    incidents_kept: rustc_hash::FxHashMap<u32, Vec<u32>>,
}

/// The validated dataset's units, whatever the year: index, parents, incidents, and each
/// unit's kind, dates of existence and whether its parent changes, side by side so that
/// a review reads no unit record.
#[derive(Debug)]
struct Units {
    index: UnitIndex,
    /// Each unit's `parent` (before any `parent_changes`), as an index.
    base_parent: Vec<u32>,
    /// The owner of each evidence record.
    evidence_unit: Vec<u32>,
    /// Incidents of unit `i`: `incidents[incident_start[i]..incident_start[i + 1]]`.
    incident_start: Vec<u32>,
    incidents: Vec<u32>,
    kinds: Vec<UnitKind>,
    valid: Vec<(Option<NaiveDate>, Option<NaiveDate>)>,
    moves: Vec<bool>,
    /// The lints about unit ids ([`Dataset::lints`]), listed by every review.
    id_lints: Vec<crate::Problem>,
}

impl Units {
    /// The units of `ds`, once it is found valid (as [`Dataset::validate`], held to `limits`).
    fn of(ds: &Dataset, limits: &crate::Limits) -> Result<Units> {
        // The lints about ids, independent of the validation: on two cores when parallel.
        let ((problems, links), id_lints) = crate::join(
            || ds.problems_and_index(limits),
            || crate::model::identity::lints(ds.units.iter().map(|u| u.id.as_str()), limits.max_problems),
        );
        if !problems.is_empty() {
            return Err(crate::Error::InvalidDataset(problems));
        }
        let Links { index, base_parent, evidence_unit, incident_unit, kinds, valid, moves } = links;
        let (incident_start, incidents) = crate::grouped_by_owner(&incident_unit, ds.units.len());
        Ok(Units { index, base_parent, evidence_unit, incident_start, incidents, kinds, valid, moves, id_lints })
    }
}

/// A dataset validated and indexed once and kept with it, for the reviews of any year: what
/// a handle kept between calls holds (Python's `Dataset`), so that each later review costs
/// only its year's layout and the review itself. [`Validated::for_year`] is
/// [`Prepared::new`] without validating the dataset again; the dataset cannot change under
/// it (it is shared, never mutable), so the index always fits it.
///
/// ```
/// use antq::{Dataset, Options, Prepared, RuleSet, Validated};
/// use std::sync::Arc;
/// let ds = Arc::new(Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap());
/// let validated = Validated::new(ds.clone()).unwrap();
/// let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// let kept = validated.for_year(2023).unwrap();
/// let fresh = Prepared::new(&ds, 2023).unwrap();
/// let opts = Options::default();
/// assert_eq!(kept.review(&rules, &opts).unwrap().to_evaluation().unwrap(), fresh.review(&rules, &opts).unwrap().to_evaluation().unwrap());
/// assert!(validated.for_year(20_000).is_err());
/// assert_eq!(validated.evaluate(&rules, 2023, &opts).unwrap(), antq::evaluate(&ds, &rules, 2023).unwrap());
/// ```
#[derive(Debug, Clone)]
pub struct Validated {
    ds: Arc<Dataset>,
    units: Arc<Units>,
}

impl Validated {
    /// Validates `ds` (as [`Prepared::new`] does, with the default [`crate::Limits`]) and
    /// indexes its units.
    pub fn new(ds: Arc<Dataset>) -> Result<Validated> {
        let units = Arc::new(Units::of(&ds, &crate::Limits::default())?);
        Ok(Validated { ds, units })
    }

    /// The dataset.
    pub fn dataset(&self) -> &Arc<Dataset> {
        &self.ds
    }

    /// The dataset laid out for `year`'s reviews, as [`Prepared::new`] lays it out.
    pub fn for_year(&self, year: i32) -> Result<Prepared<'_>> {
        check_year(year)?;
        Ok(Prepared::laid_out(&self.ds, year, self.units.clone()))
    }

    /// [`crate::evaluate_with`] of the dataset, without validating it again.
    pub fn evaluate(&self, rules: &crate::RuleSet, year: i32, opts: &crate::Options) -> Result<crate::Evaluation> {
        crate::eval::evaluate_prepared(rules, year, opts, || self.for_year(year))
    }
}

/// Keys given a cell in every record's row of [`Attestations`]: more than any rule set
/// reads. Keys beyond them (only a dataset of made-up keys has that many) are kept per
/// record, so the table stays bounded by the records, not by records × keys.
const DENSE_KEYS: usize = 32;

/// Attestations by key, one column per key with a value for every record of the year
/// (unknown when the record does not give the key). Stored by record slot (row-major), in
/// the records' own order: a record's attestations share a cache line, which its criteria
/// read together, and a review visiting the records in order reads the rows in order.
#[derive(Debug, Default)]
pub(crate) struct Attestations<'d> {
    keys: rustc_hash::FxHashMap<&'d str, u32>,
    /// The value of the record in slot `s` in column `c` (below [`DENSE_KEYS`]) is
    /// `cells[s * stride + c]`.
    cells: Vec<Attestation>,
    /// Room for columns per record: at least the number of keys, at most [`DENSE_KEYS`].
    stride: usize,
    /// Each column's key (its current spelling): the columns from [`DENSE_KEYS`] on are
    /// read from the record itself.
    names: Vec<&'d str>,
    /// Records.
    n: usize,
}

impl<'d> Attestations<'d> {
    /// The columns of `records`, the record of slot `s` the `s`-th, of which there are at
    /// most `rows` (a unit has at most one record in a year: at most one per unit).
    fn of(rows: usize, records: impl Iterator<Item = &'d Evidence>) -> Self {
        let mut attestations = Attestations { n: rows, ..Attestations::default() };
        let mut columns = ByPosition::new();
        for (s, e) in records.take(rows).enumerate() {
            for (j, (k, a)) in e.attested.iter().enumerate() {
                let c = columns.get_or(j, identity(k), || attestations.column_for(k));
                if (c as usize) < attestations.stride {
                    attestations.cells[s * attestations.stride + c as usize] = a;
                }
            }
        }
        attestations
    }

    /// The column of `key`, made (with room for it in every unit's row while there are
    /// fewer than [`DENSE_KEYS`]) if new.
    fn column_for(&mut self, key: &'d str) -> u32 {
        let next = self.keys.len() as u32;
        let name = crate::model::evidence::current_key(key);
        let c = *self.keys.entry(name).or_insert(next);
        if c == next {
            self.names.push(name);
        }
        if c as usize >= self.stride && (c as usize) < DENSE_KEYS {
            let stride = (self.stride * 2).clamp(8, DENSE_KEYS);
            let mut cells = vec![Attestation::Unknown; self.n * stride];
            if self.stride > 0 {
                for (row, old) in cells.chunks_exact_mut(stride).zip(self.cells.chunks_exact(self.stride)) {
                    row[..self.stride].copy_from_slice(old);
                }
            }
            (self.cells, self.stride) = (cells, stride);
        }
        c
    }

    /// The column of `key`, if any evidence records it (resolved once per review).
    pub(crate) fn column(&self, key: &str) -> Option<u32> {
        self.keys.get(crate::model::evidence::current_key(key)).copied()
    }

    /// What the record in `slot` ([`NONE`]: no record) gives in `column`; `record` is that
    /// record, where a column past [`DENSE_KEYS`] is read.
    pub(crate) fn at(&self, column: Option<u32>, slot: u32, record: Option<&Evidence>) -> Attestation {
        let Some(c) = column.map(|c| c as usize) else { return Attestation::Unknown };
        if slot == NONE {
            return Attestation::Unknown;
        }
        if c < self.stride {
            return self.cells.get(slot as usize * self.stride + c).copied().unwrap_or(Attestation::Unknown);
        }
        // As the rows are filled: the record's last key of this current spelling.
        let name = self.names.get(c).copied();
        let found = record.zip(name).and_then(|(e, name)| {
            e.attested.iter().filter(|(k, _)| crate::model::evidence::current_key(k) == name).last()
        });
        found.map_or(Attestation::Unknown, |(_, a)| a)
    }
}

impl<'d> Prepared<'d> {
    /// Validates `ds` (as [`Dataset::validate`]) and indexes it for `year`.
    pub fn new(ds: &'d Dataset, year: i32) -> Result<Self> {
        Prepared::with_limits(ds, year, &crate::Limits::default())
    }

    /// [`Prepared::new`] held to `limits` (as the dataset was read with
    /// [`Dataset::from_str_with_limits`](crate::Dataset)): sizes and the number of problems
    /// listed.
    ///
    /// ```
    /// use antq::{Dataset, Limits, Prepared};
    /// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let mut limits = Limits::default();
    /// limits.max_units = 10;
    /// assert_eq!(Prepared::with_limits(&ds, 2023, &limits).unwrap_err().problems()[0].code.as_str(), "limit");
    /// ```
    pub fn with_limits(ds: &'d Dataset, year: i32, limits: &crate::Limits) -> Result<Self> {
        check_year(year)?;
        let units = Units::of(ds, limits)?;
        Ok(Self::laid_out(ds, year, Arc::new(units)))
    }

    /// The same dataset laid out for another year, without validating or indexing it again
    /// (only the year's evidence is gathered): for reviews of several years.
    ///
    /// ```
    /// use antq::{Dataset, Options, Prepared, RuleSet};
    /// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let (c2021, c2025) = (RuleSet::preset("vn.c124-2021").unwrap(), RuleSet::preset("vn.c124-2025").unwrap());
    /// let y2023 = Prepared::new(&ds, 2023).unwrap();
    /// let y2025 = y2023.for_year(2025).unwrap();
    /// let (a, b) = (y2023.review(&c2021, &Options::default()).unwrap(), y2025.review(&c2025, &Options::default()).unwrap());
    /// assert_eq!(b.to_evaluation().unwrap(), antq::evaluate(&ds, &c2025, 2025).unwrap());
    /// assert!(a.len() > 0 && b.len() > 0);
    /// ```
    pub fn for_year(&self, year: i32) -> Result<Prepared<'d>> {
        check_year(year)?;
        Ok(Self::laid_out(self.ds, year, self.units.clone()))
    }

    /// The year's evidence records and attestation columns over the shared units.
    fn laid_out(ds: &'d Dataset, year: i32, units: Arc<Units>) -> Self {
        let n = ds.units.len();
        let year_records =
            || ds.evidence.iter().zip(&units.evidence_unit).filter(move |(e, u)| e.year == year && (**u as usize) < n);
        // Two passes over the records, independent of each other: on two cores with the
        // `parallel` feature (the slots are written by unit, a cache miss per record on
        // shuffled data; the attestations in the records' order).
        let ((records, record_unit, slot), attestations) = crate::join(
            || {
                let (mut records, mut record_unit, mut slot) = (Vec::new(), Vec::new(), vec![NONE; n]);
                for (e, &u) in year_records() {
                    slot[u as usize] = records.len() as u32;
                    records.push(e);
                    record_unit.push(u);
                }
                (records, record_unit, slot)
            },
            // Validation refuses a second record of a unit in a year: at most one per unit.
            || Attestations::of(n, year_records().map(|(e, _)| e)),
        );
        Prepared { ds, year, units, records, record_unit, slot, attestations, incidents_kept: Default::default() }
    }

    /// The year's evidence records with their units' indices, in slot order (the order of
    /// the dataset's records, so that a pass over them reads memory in order whatever order
    /// the units come in; under a what-if overlay its records replace those of their units
    /// in place, and the records it adds come after, in unit order).
    pub(crate) fn records(&self) -> impl Iterator<Item = (usize, &'d Evidence)> + '_ {
        self.record_unit.iter().zip(&self.records).map(|(&u, &e)| (u as usize, e))
    }

    /// The dataset's lints ([`Dataset::lints`]: unit ids that can be mistaken for one
    /// another), found once when it was validated; every review of it lists them first.
    ///
    /// ```
    /// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let prepared = antq::Prepared::new(&ds, 2023).unwrap();
    /// assert_eq!(prepared.lints(), ds.lints().as_slice());
    /// ```
    pub fn lints(&self) -> &[crate::Problem] {
        &self.units.id_lints
    }

    /// The year's evidence records by slot (the order of [`Prepared::records`]).
    pub(crate) fn record_slice(&self) -> &[&'d Evidence] {
        &self.records
    }

    /// The evidence record in `slot` ([`NONE`]: none).
    pub(crate) fn record(&self, slot: u32) -> Option<&'d Evidence> {
        self.records.get(slot as usize).copied()
    }

    /// The slot of unit `i`'s record for the year ([`NONE`]: none).
    pub(crate) fn slot(&self, i: usize) -> u32 {
        self.slot[i]
    }

    /// Unit `i`'s evidence record for the year.
    pub(crate) fn evidence(&self, i: usize) -> Option<&'d Evidence> {
        self.record(self.slot[i])
    }

    /// The same data with the evidence of some units replaced by `evidence` (records of
    /// this year, each for a unit of the dataset) and the incidents `left_out` (indices into
    /// the dataset's incidents) removed: a plan's changes seen by a review without copying
    /// the dataset. The replaced records are checked as the dataset's are (a count over its
    /// total is refused).
    pub(crate) fn overlaid<'x>(&self, evidence: &'x [Evidence], left_out: &[u32]) -> Result<Prepared<'x>>
    where
        'd: 'x,
    {
        let mut all: Vec<Option<&'x Evidence>> = (0..self.slot.len()).map(|i| self.evidence(i)).collect();
        let mut problems = crate::error::Capped::new(crate::Limits::default().max_problems);
        for (k, e) in evidence.iter().enumerate() {
            match self.position(e.unit.as_str()) {
                Some(i) if e.year == self.year => all[i] = Some(e),
                _ => problems.push(crate::Problem::new(
                    crate::ProblemCode::UnknownUnit,
                    crate::Location::path(format!("changes[{k}].unit")).with_unit(e.unit.as_str()),
                    format!(
                        "a change names unit `{}` in {}, which is not in the data of {}",
                        e.unit, e.year, self.year
                    ),
                )),
            }
            problems.extend(e.counts_over_totals(&|| format!("evidence[unit = {}, year = {}]", e.unit, e.year)));
        }
        if !problems.is_empty() {
            return Err(crate::Error::InvalidDataset(problems.into_vec()));
        }
        let mut incidents_kept = self.incidents_kept.clone();
        for &k in left_out {
            let Some(owner) = self.ds.incidents.get(k as usize).and_then(|i| self.position(i.unit.as_str())) else {
                continue;
            };
            let kept = incidents_kept.entry(owner as u32).or_insert_with(|| self.incidents_of(owner).to_vec());
            kept.retain(|&j| j != k);
        }
        // The dataset's records in their order, each replaced by its unit's, then the units
        // the overlay gives a record the dataset has none of, in unit order.
        let (mut records, mut record_unit) = (Vec::new(), Vec::new());
        let mut in_file = vec![false; all.len()];
        for (e, &u) in self.ds.evidence.iter().zip(&self.units.evidence_unit) {
            if e.year == self.year
                && let Some(r) = all.get(u as usize).copied().flatten()
            {
                in_file[u as usize] = true;
                records.push(r);
                record_unit.push(u);
            }
        }
        for (i, r) in all.iter().enumerate() {
            if let Some(r) = r
                && !in_file[i]
            {
                records.push(*r);
                record_unit.push(i as u32);
            }
        }
        let mut slot = vec![NONE; all.len()];
        for (s, &u) in record_unit.iter().enumerate() {
            slot[u as usize] = s as u32;
        }
        let attestations = Attestations::of(records.len(), records.iter().copied());
        let (ds, year, units) = (self.ds, self.year, self.units.clone());
        Ok(Prepared { ds, year, units, records, record_unit, slot, attestations, incidents_kept })
    }

    /// Each unit's kind.
    pub(crate) fn kind(&self, i: usize) -> UnitKind {
        self.units.kinds[i]
    }

    /// The dataset.
    pub fn dataset(&self) -> &'d Dataset {
        self.ds
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The index of the unit with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.units.index.get(&self.ds.units, &crate::UnitId::normalize(id)).map(|i| i as usize)
    }

    /// Whether unit `i` exists on `d` (as [`crate::Unit::exists_on`]).
    pub(crate) fn exists_on(&self, i: usize, d: NaiveDate) -> bool {
        let (from, until) = self.units.valid[i];
        from.is_none_or(|f| f <= d) && until.is_none_or(|u| d <= u)
    }

    /// The parent of unit `i` as the dataset gives it, as an index ([`NONE`]: none, or not
    /// in the dataset), when it does not change with the date.
    pub(crate) fn lasting_parent(&self, i: usize) -> Option<u32> {
        (!self.units.moves[i]).then(|| self.units.base_parent[i])
    }

    /// The incidents recorded for unit `i` (indices into the dataset's incidents).
    pub(crate) fn incidents_of(&self, i: usize) -> &[u32] {
        if !self.incidents_kept.is_empty()
            && let Some(kept) = self.incidents_kept.get(&(i as u32))
        {
            return kept;
        }
        let u = &self.units;
        &u.incidents[u.incident_start[i] as usize..u.incident_start[i + 1] as usize]
    }

    /// The parent of unit `i` on `d`, as an index ([`NONE`] for none); `Err` with the
    /// parent's id when it is not in the dataset.
    pub(crate) fn parent_on(&self, i: usize, d: NaiveDate) -> std::result::Result<u32, &'d str> {
        let u = &self.units;
        crate::model::dataset::parent_index(
            &self.ds.units,
            &self.ds.units[i],
            u.moves[i],
            u.base_parent[i],
            &u.index,
            d,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Attestations, DENSE_KEYS};
    use crate::model::evidence::{Attestation, Evidence};

    #[test]
    fn every_key_reads_back_past_the_dense_keys_and_the_table_stays_bounded() {
        // Unit i records keys K0..K(i + 5) (all "yes" but every third "no"): far more keys
        // than get a cell in every row.
        let n = 3 * DENSE_KEYS;
        let records: Vec<Evidence> = (0..n)
            .map(|i| {
                let mut e = Evidence::new(format!("U{i}"), 2023);
                for k in 0..i + 5 {
                    let a = if (i + k) % 3 == 0 { Attestation::No } else { Attestation::Yes };
                    e.attested.insert(&format!("K{k}"), a);
                }
                e
            })
            .collect();
        let t = Attestations::of(n, records.iter());
        assert_eq!(t.stride, DENSE_KEYS);
        assert_eq!(t.cells.len(), n * DENSE_KEYS);
        for (i, e) in records.iter().enumerate() {
            for k in 0..n + 5 {
                let key = format!("K{k}");
                let want = e.attested.get(&key).unwrap_or(Attestation::Unknown);
                assert_eq!(t.at(t.column(&key), i as u32, Some(e)), want, "record {i}, key {key}");
            }
        }
        assert_eq!(t.at(t.column("absent"), 0, records.first()), Attestation::Unknown);
        assert_eq!(t.at(t.column("K0"), super::NONE, None), Attestation::Unknown);
    }
}
