//! Explained results written on request: one unit, every unit (in parallel with the
//! `parallel` feature), as JSON, as a summary, or as a whole [`Evaluation`].

#[cfg(feature = "parallel")]
use super::PART;
use super::{Decision, Review, Scratch};
use crate::error::Result;
use crate::eval::prepared::NONE;
use crate::eval::result::{Evaluation, Missing, MissingKind, Outcome, UnitResult};
use crate::model::administration;
use crate::model::date::Window;
use crate::model::text::Text;
use crate::model::unit::Kind;
use std::collections::BTreeMap;

/// Units explained between two progress reports of [`Review::to_evaluation`].
const ROUND: usize = 4 * 4096;

impl<'a> Review<'a> {
    /// The explained result of a unit, as [`crate::evaluate`] gives it; `None` when the
    /// unit was not evaluated.
    pub fn unit(&self, id: &str) -> Result<Option<UnitResult>> {
        match self.prep.position(id) {
            Some(i) => self.unit_at(i),
            None => Ok(None),
        }
    }

    /// Every evaluated unit's explained result, in dataset order, made one at a time: what
    /// [`Review::to_evaluation`] holds all at once, for writing results out as they are made
    /// (memory stays that of one result).
    ///
    /// ```
    /// use antq::{Dataset, Options, Prepared, RuleSet};
    /// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let rules = RuleSet::preset("vn.c124-2021").unwrap();
    /// let prepared = Prepared::new(&ds, 2023).unwrap();
    /// let review = prepared.review(&rules, &Options::default()).unwrap();
    /// let each: Vec<antq::UnitResult> = review.results().collect::<antq::Result<_>>().unwrap();
    /// assert_eq!(each, review.to_evaluation().unwrap().units);
    /// ```
    pub fn results(&self) -> impl Iterator<Item = Result<UnitResult>> + '_ {
        let mut scratch = Scratch::default();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < self.kept.len() {
                let k = i;
                i += 1;
                match self.materialise(k, &mut scratch) {
                    Ok(Some(r)) => return Some(Ok(r)),
                    Ok(None) => {}
                    Err(e) => return Some(Err(e)),
                }
            }
            None
        })
    }

    /// Writes the evaluation as pretty JSON to `w` while it is made, one unit at a time: the
    /// same bytes as `to_evaluation()?.to_json()`, without holding every result.
    ///
    /// ```
    /// use antq::{Dataset, Options, Prepared, RuleSet};
    /// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let rules = RuleSet::preset("vn.c124-2021").unwrap();
    /// let prepared = Prepared::new(&ds, 2023).unwrap();
    /// let review = prepared.review(&rules, &Options::default()).unwrap();
    /// let mut out = Vec::new();
    /// review.write_json(&mut out).unwrap();
    /// assert_eq!(String::from_utf8(out).unwrap(), review.to_evaluation().unwrap().to_json());
    /// ```
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        use serde::ser::{Error as _, SerializeSeq, SerializeStruct};
        struct Units<'r, 'a>(&'r Review<'a>);
        impl serde::Serialize for Units<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(None)?;
                for r in self.0.results() {
                    seq.serialize_element(&r.map_err(|e| S::Error::custom(e.to_string()))?)?;
                }
                seq.end()
            }
        }
        struct Streamed<'r, 'a>(&'r Review<'a>);
        impl serde::Serialize for Streamed<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                let r = self.0;
                let mut st = s.serialize_struct("Evaluation", 4)?;
                st.serialize_field("decision", &r.record)?;
                st.serialize_field("units", &Units(r))?;
                st.serialize_field("summary", &r.summary())?;
                if !r.lints.is_empty() {
                    st.serialize_field("lints", &r.lints)?;
                }
                st.end()
            }
        }
        serde_json::to_writer_pretty(w, &Streamed(self)).map_err(|e| match e.io_error_kind() {
            Some(kind) => std::io::Error::new(kind, e),
            None => std::io::Error::other(e),
        })
    }

    /// The explained result of the unit at index `i` of the dataset.
    pub fn unit_at(&self, i: usize) -> Result<Option<UnitResult>> {
        self.materialise(i, &mut Scratch::default())
    }

    pub(super) fn materialise(&self, i: usize, scratch: &mut Scratch<'a>) -> Result<Option<UnitResult>> {
        let Some(v) = self.verdict_at(i) else {
            return Ok(None);
        };
        let ds = self.prep.ds;
        let u = &ds.units[i];
        let kind = u.kind.kind();
        let parent = (self.parent[i] != NONE).then(|| &ds.units[self.parent[i] as usize]);
        let ancestry = self.ancestry_at(i);
        let mut out = UnitResult {
            unit: u.id.clone(),
            name: u.name.to_string(),
            kind,
            subkind: u.kind.subkind().map(str::to_owned),
            parent: parent.map(|p| p.id.clone()),
            commune: ancestry.commune.map(|j| ds.units[j].id.clone()),
            district: ancestry.district.map(|j| ds.units[j].id.clone()),
            province: ancestry.province.map(|j| ds.units[j].id.clone()),
            window: self.plan.kind(kind).map_or(Window::new(self.as_of, self.as_of), |k| k.window),
            outcome: Outcome::Undetermined,
            met: 0,
            of: 0,
            criteria: Vec::new(),
            missing: Vec::new(),
            score: None,
            recognised_by: administration::recognition(kind, parent.map(|p| p.kind.kind()), self.as_of),
            illustrative: Vec::new(),
        };
        let mut passes = false;
        if self.rules.exclusion(u.kind).is_none() {
            let again = self.assess(i, self.mode, scratch, Some(&mut out), None)?;
            passes = matches!(again.decision, Decision::Typical(_));
            debug_assert_eq!((again.met, again.of), (v.met, v.of));
            out.met = v.met;
            out.of = v.of;
            if matches!(v.decision, Decision::Typical(_) | Decision::NotSelected(_))
                && let Some(q) = self.plan.quota
                && self.plan.quota_illustrative
            {
                out.illustrative.push(crate::rules::illustrative::parameter("quota_per_parent", q));
            }
        }
        out.outcome = self.outcome(i).unwrap_or(Outcome::Undetermined);
        if self.quota_ties.binary_search(&(i as u32)).is_ok() {
            // Decision 9745 does not say how equals are ranked: the id order is antq's [I].
            let group = ds.units.get(self.quota_group(i) as usize).map_or("", |u| u.id.as_str());
            out.illustrative.push(crate::rules::illustrative::quota_tie(group));
        }
        if passes && v.decision == Decision::Undetermined {
            // It passes, but units still undecided could rank above it within the quota.
            out.missing.push(Missing {
                criterion: "parameter:quota_per_parent".into(),
                kind: MissingKind::Child,
                key: ds.units.get(self.quota_group(i) as usize).map_or("", |u| u.id.as_str()).into(),
                text: Text::new(
                    "Kết quả của các đơn vị khác có thể chiếm chỉ tiêu",
                    "The results of the other units that could take the quota",
                ),
            });
        }
        Ok(Some(out))
    }

    /// Counts of outcome codes per kind (levels as `level:<id>`).
    pub fn summary(&self) -> BTreeMap<Kind, BTreeMap<String, u32>> {
        let mut counts: BTreeMap<(Kind, Decision), u32> = BTreeMap::new();
        for (u, v) in self.verdicts() {
            let d = match v.decision {
                Decision::Typical(_) => Decision::Typical(0),
                Decision::NotSelected(_) => Decision::NotSelected(0),
                d => d,
            };
            *counts.entry((u.kind.kind(), d)).or_default() += 1;
        }
        let mut summary: BTreeMap<Kind, BTreeMap<String, u32>> = BTreeMap::new();
        for ((kind, d), n) in counts {
            let key = match d {
                Decision::Level(l) => match self.rules.sheet(kind).and_then(|s| s.levels.get(usize::from(l))) {
                    Some(level) => format!("level:{}", level.id),
                    None => "undetermined".to_owned(),
                },
                d => d.code().to_owned(),
            };
            *summary.entry(kind).or_default().entry(key).or_default() += n;
        }
        summary
    }

    /// Every unit's explained result, as [`crate::evaluate`] returns them.
    pub fn to_evaluation(&self) -> Result<Evaluation> {
        let explain = |range: std::ops::Range<usize>| -> Result<Vec<UnitResult>> {
            let mut scratch = Scratch::default();
            let mut units = Vec::with_capacity(range.len());
            for i in range {
                if let Some(r) = self.materialise(i, &mut scratch)? {
                    units.push(r);
                }
            }
            Ok(units)
        };
        let n = self.kept.len();
        let progress = self.progress.as_ref();
        let mut units = Vec::with_capacity(self.evaluated);
        // In rounds, reporting progress between them on this thread.
        let mut start = 0;
        crate::eval::report(progress, 0, n)?;
        while start < n {
            let end = n.min(start + ROUND);
            #[cfg(feature = "parallel")]
            if self.parallel && end - start >= 2 * PART {
                use rayon::prelude::*;
                let parts: Vec<Result<Vec<UnitResult>>> = (start..end)
                    .step_by(PART)
                    .collect::<Vec<_>>()
                    .into_par_iter()
                    .map(|k| explain(k..end.min(k + PART)))
                    .collect();
                for p in parts {
                    units.extend(p?);
                }
            } else {
                units.extend(explain(start..end)?);
            }
            #[cfg(not(feature = "parallel"))]
            units.extend(explain(start..end)?);
            start = end;
            crate::eval::report(progress, start, n)?;
        }
        Ok(Evaluation { decision: self.record.clone(), units, summary: self.summary(), lints: self.lints.clone() })
    }

    /// [`Review::to_evaluation`] holding only the units at the dataset indices `keep` says
    /// (the summary still counts every unit): for analyses that read a few units' results,
    /// such as planning what a unit still needs.
    pub(crate) fn to_partial_evaluation(&self, keep: impl Fn(usize) -> bool) -> Result<Evaluation> {
        let mut scratch = Scratch::default();
        let mut units = Vec::new();
        for i in (0..self.kept.len()).filter(|&i| keep(i)) {
            if let Some(r) = self.materialise(i, &mut scratch)? {
                units.push(r);
            }
        }
        Ok(Evaluation { decision: self.record.clone(), units, summary: self.summary(), lints: self.lints.clone() })
    }
}
