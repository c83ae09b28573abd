//! Sensitivity of points classifications (Decision 510 sheets) to the level cut-offs and
//! the items' maxima — both are illustrative or provincial choices (DOMAIN §4).
//!
//! Each sample moves every level cut-off (except the bottom level's) by an offset within
//! `± cutoff_range`, and scales every item's maximum by a factor within
//! `1 ± max_range_percent %` (one factor per item, shared by the sheets that hold it), then
//! rescales each sheet's maxima so that they still add up to the sheet's sum (a sample
//! changes the items' relative weights, not the sheet total). A
//! unit keeps the share of each item's maximum it scored: an item scored 6 of 10 is worth
//! `0.6 × m` when the item's maximum becomes `m`. Deductions stay as scored.
//!
//! Samples are a **grid** (every combination of `steps` evenly spaced offsets per level,
//! crossed with no change and each item alone at the low and high end of its range) or
//! **random** (a seeded SplitMix64 stream: the same seed gives the same report).
//!
//! Reported per unit: how many samples give a different level than the baseline, the
//! count per level, and its rank within its parent (same sheet; higher total first, totals
//! equal to 0.0001 point keep the baseline order, which is total then id): baseline, min, max, mean, and the
//! share of samples with an unchanged rank. Per parent: the share of units at or above
//! the pass level (by default the lowest level above the bottom one) at baseline and its
//! minimum, maximum and mean over the samples.
//!
//! The computation precomputes each unit's item scores once; a sample costs one weighted
//! sum per unit, a level lookup and a sort of one integer key per unit within its parent.
//! Parent by parent (its units stay in cache), each unit's totals and levels are computed
//! for 64 samples at a time in straight, vectorised loops; blocks of parents run on the
//! available cores (one thread on WebAssembly). Totals are `f32` hundredths; a unit is at
//! a cut-off when its total is within 0.005 hundredths of it, so the baseline (all
//! factors exactly 1) reproduces the engine's levels exactly.
//!
//! ```
//! use antq::{Dataset, RuleSet, Supplement, Options};
//! use antq::analysis::sensitivity::{sensitivity, Sampling, SensitivitySpec};
//! let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
//! let sup = Supplement::from_str_named("s.toml", include_str!("../../../sample/d510-supplement.toml")).unwrap();
//! let rules = RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&sup).unwrap();
//! let spec = SensitivitySpec { sampling: Sampling::Random { samples: 200, seed: 7 }, ..SensitivitySpec::default() };
//! let r = sensitivity(&ds, &rules, 2023, &Options::default(), &spec).unwrap();
//! assert_eq!(r.samples, 200);
//! assert!(r.units.iter().all(|u| u.level_changed <= 200));
//! ```

mod blocks;
mod sampling;
#[cfg(test)]
mod tests;

use blocks::{Input, run_blocks};
use sampling::{model, samples};

use crate::eval::{Evaluation, Options, Outcome, Status};
use crate::model::points::Points;
use crate::model::unit::UnitId;
use crate::rules::{OutcomePolicy, RuleSet};
use crate::{Error, Location, Problem, ProblemCode, Result};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// A total within this many hundredths of a cut-off reaches it.
const EPS: f32 = 0.005;
/// Units per block (whole parents are kept together).
const BLOCK: usize = 4096;
/// Samples processed together per unit.
const CHUNK: usize = 64;
/// Most levels a sheet may have here.
const MAX_LEVELS: usize = 8;
/// Most samples a report may ask for.
pub const MAX_SAMPLES: u32 = 1_000_000;

/// How samples are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum Sampling {
    /// Every combination of `steps` offsets per level, crossed with each item alone at
    /// the ends of its range.
    Grid {
        /// Offsets per level (1 = no offset).
        steps: u32,
    },
    /// Seeded random samples.
    Random {
        /// Number of samples.
        samples: u32,
        /// Seed of the SplitMix64 stream.
        seed: u64,
    },
}

impl Sampling {
    /// Random samples drawn when none are asked for (CLI `--samples`, Python `samples=`).
    pub const DEFAULT_SAMPLES: u32 = 1000;
    /// The seed of random samples when none is given (CLI `--seed`, Python `seed=`).
    pub const DEFAULT_SEED: u64 = 1;
}

/// What to vary and how. A field it does not know (JavaScript's `passLevel` for
/// `pass_level`, a `seed` with a grid) is refused, never ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitivitySpec {
    /// Grid or random.
    pub sampling: Sampling,
    /// Each cut-off moves within ± this many points (default 5).
    pub cutoff_range: Points,
    /// Each item's maximum scales within ± this percent before rescaling (default 20).
    pub max_range_percent: u32,
    /// The level counted as "meeting" in the per-parent shares (default: the lowest
    /// level above the bottom one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_level: Option<String>,
}

impl Default for SensitivitySpec {
    fn default() -> Self {
        SensitivitySpec {
            sampling: Sampling::Random { samples: 1000, seed: 1 },
            cutoff_range: Points::from_whole(5),
            max_range_percent: 20,
            pass_level: None,
        }
    }
}

/// One unit's sensitivity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitSensitivity {
    /// Unit id.
    pub unit: UnitId,
    /// Parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
    /// Reviewed total at baseline.
    pub total: Points,
    /// Level at baseline.
    pub level: String,
    /// Samples giving another level.
    pub level_changed: u32,
    /// Share of samples giving another level.
    pub level_changed_share: f64,
    /// Samples per level (and `undetermined` when a failing-gate cap becomes unknown).
    pub levels: BTreeMap<String, u32>,
    /// Rank within the parent (same sheet) at baseline.
    pub rank: u32,
    /// Best rank over the samples.
    pub rank_min: u32,
    /// Worst rank over the samples.
    pub rank_max: u32,
    /// Mean rank.
    pub rank_mean: f64,
    /// Share of samples with the baseline rank.
    pub rank_unchanged_share: f64,
}

/// One parent's spread of the share at or above the pass level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParentSensitivity {
    /// Parent id.
    pub parent: Option<UnitId>,
    /// Units classified.
    pub units: u32,
    /// Share at baseline.
    pub share: f64,
    /// Smallest share over the samples.
    pub share_min: f64,
    /// Largest share.
    pub share_max: f64,
    /// Mean share.
    pub share_mean: f64,
}

/// The sensitivity report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityReport {
    /// Rule set id.
    pub rule_set: String,
    /// The rule set's version, hash and supplements.
    #[serde(default)]
    pub rules: crate::rules::RulesRef,
    /// Year.
    pub year: i32,
    /// The spec used.
    pub spec: SensitivitySpec,
    /// The level counted as meeting.
    pub pass_level: String,
    /// Samples evaluated.
    pub samples: u32,
    /// Units with a baseline level (classified).
    pub units_classified: u32,
    /// Units without a level (undetermined or out of scope), not varied.
    pub units_skipped: u32,
    /// Per unit, most sensitive first (level changes, then id).
    pub units: Vec<UnitSensitivity>,
    /// Per parent, in id order.
    pub parents: Vec<ParentSensitivity>,
    /// The lints of the evaluation varied ([`Evaluation::lints`]): what the data gives that
    /// the rules do not read, which the samples do not count either.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lints: Vec<Problem>,
}

/// One sheet as the samples see it.
#[derive(Debug)]
struct SheetModel {
    /// Indexes of its items in the union of all sheets' items.
    items: Vec<usize>,
    /// Cut-offs in hundredths, best level first.
    cutoffs: Vec<f32>,
    levels: Vec<String>,
    cap: Option<usize>,
    pass: usize,
}

/// Every sample's parameters, flat: per sample one factor per item, per sheet a norm and
/// the cut-offs (padded with −∞ to the longest sheet).
#[derive(Debug)]
struct Samples {
    n: usize,
    sheets: usize,
    factors: Vec<f32>,
    norms: Vec<f32>,
    cutoffs: Vec<f32>,
    /// The same, sample-minor: `factors_t[item * n + s]`, `norms_t[sheet * n + s]`,
    /// `cuts_t[(sheet * lm + level) * n + s]`.
    factors_t: Vec<f32>,
    norms_t: Vec<f32>,
    cuts_t: Vec<f32>,
}

impl Samples {
    fn transpose(&mut self, k: usize, lm: usize) {
        let n = self.n;
        self.factors_t = (0..k * n).map(|i| self.factors[(i % n) * k + i / n]).collect();
        self.norms_t = (0..self.sheets * n).map(|i| self.norms[(i % n) * self.sheets + i / n]).collect();
        let w = self.sheets * lm;
        self.cuts_t = (0..w * n).map(|i| self.cutoffs[(i % n) * w + i / n]).collect();
    }
}

/// Evaluates `ds` under a points rule set and varies it (see the module docs).
pub fn sensitivity(
    ds: &crate::Dataset,
    rules: &RuleSet,
    year: i32,
    opts: &Options,
    spec: &SensitivitySpec,
) -> Result<SensitivityReport> {
    // Each unit's explained result is made, read and dropped in turn (a national dataset's
    // results are never held together).
    let prepared = crate::Prepared::new(ds, year)?;
    let review = prepared.review(rules, opts)?;
    let lints = review.lints().to_vec();
    sensitivity_of_results(
        year,
        rules,
        spec,
        review.results().map(|r| r.map(Cow::Owned)),
        opts.progress.as_ref(),
        lints,
    )
}

fn bad(path: &str, msg: String) -> Error {
    Error::InvalidRuleSet(vec![Problem::new(ProblemCode::BadValue, Location::path(path), msg)])
}

/// An argument of the analysis (its spec) outside what it allows: the caller's mistake, not
/// the rule set's.
fn bad_argument(argument: &str, message: String) -> Error {
    Error::BadArgument { argument: argument.to_owned(), message }
}

/// Varies an evaluation already made under `rules` (a points rule set).
pub fn sensitivity_of(ev: &Evaluation, rules: &RuleSet, spec: &SensitivitySpec) -> Result<SensitivityReport> {
    let results = ev.units.iter().map(|u| Ok(Cow::Borrowed(u)));
    sensitivity_of_results(ev.decision.year, rules, spec, results, None, ev.lints.clone())
}

/// [`sensitivity_of`] over each unit's result given in turn (in dataset order).
fn sensitivity_of_results<'e>(
    year: i32,
    rules: &RuleSet,
    spec: &SensitivitySpec,
    results: impl Iterator<Item = Result<Cow<'e, crate::eval::UnitResult>>>,
    progress: Option<&crate::Progress>,
    lints: Vec<Problem>,
) -> Result<SensitivityReport> {
    let OutcomePolicy::Points { sheets } = &rules.outcome else {
        return Err(bad("outcome", format!("`{}` is not a points rule set: nothing to vary", rules.id)));
    };
    if spec.max_range_percent > 100 {
        return Err(bad_argument("max_range_percent", format!("{} is over 100", spec.max_range_percent)));
    }
    if spec.cutoff_range < Points::ZERO {
        return Err(bad_argument("cutoff_range", "must not be negative".into()));
    }
    // The union of the sheets' items, and each sheet's model.
    let mut items: Vec<(String, f32)> = Vec::new();
    let mut models: Vec<SheetModel> = Vec::new();
    for s in sheets.iter() {
        models.push(model(rules, s, spec, &mut items)?);
    }
    let k = items.len();
    if let Some(s) = sheets.iter().find(|s| s.levels.len() > MAX_LEVELS) {
        return Err(bad(
            "outcome.sheets",
            format!("a sheet has {} levels; at most {MAX_LEVELS} are varied", s.levels.len()),
        ));
    }
    // Cut-offs are padded to a fixed count so the level lookup is a fixed, unrolled loop.
    let lm = MAX_LEVELS;

    // Units with a level: scores over the union of items (zero where not on the sheet).
    struct Row {
        unit: UnitId,
        sheet: usize,
        parent: Option<UnitId>,
        total: Points,
        scores: Vec<f32>,
        fixed: f32,
        gate: Status,
        level: usize,
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut skipped = 0u32;
    for u in results {
        let u = u?;
        let Outcome::Level { level, .. } = &u.outcome else {
            skipped += 1;
            continue;
        };
        let Some(si) = sheets.iter().position(|s| s.kinds.contains(&u.kind)) else {
            skipped += 1;
            continue;
        };
        let m = &models[si];
        let by_id: HashMap<&str, &crate::eval::CriterionResult> =
            u.criteria.iter().map(|c| (c.id.as_str(), c)).collect();
        let mut scores = vec![0f32; k];
        for &j in &m.items {
            let r =
                by_id.get(items[j].0.as_str()).and_then(|c| c.score).and_then(|s| s.reviewed).unwrap_or(Points::ZERO);
            scores[j] = r.hundredths() as f32;
        }
        let fixed: i64 = u
            .criteria
            .iter()
            .filter(|c| !m.items.iter().any(|&j| items[j].0 == c.id))
            .filter_map(|c| c.score.and_then(|s| s.reviewed))
            .map(Points::hundredths)
            .sum();
        let gate = Status::all(u.criteria.iter().filter(|c| c.mandatory && c.score.is_none()).map(|c| c.status));
        let total = u.score.as_ref().and_then(|s| s.reviewed).unwrap_or(Points::ZERO);
        let level = m.levels.iter().position(|l| l == level).unwrap_or(0);
        rows.push(Row {
            unit: u.unit.clone(),
            sheet: si,
            parent: u.parent.clone(),
            total,
            scores,
            fixed: fixed as f32,
            gate,
            level,
        });
    }
    // Order: parent, sheet, then baseline rank (total desc, id).
    rows.sort_by(|a, b| {
        (&a.parent, a.sheet, std::cmp::Reverse(a.total), &a.unit).cmp(&(
            &b.parent,
            b.sheet,
            std::cmp::Reverse(b.total),
            &b.unit,
        ))
    });
    let params = samples(&models, &items, lm, spec)?;

    // Groups (parent, sheet) and parents, as index ranges into rows.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut parents: Vec<(usize, usize)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let new_parent = i == 0 || rows[i - 1].parent != r.parent;
        if new_parent {
            parents.push((i, i + 1));
        } else if let Some(p) = parents.last_mut() {
            p.1 = i + 1;
        }
        if new_parent || rows[i - 1].sheet != r.sheet {
            groups.push((i, i + 1));
        } else if let Some(g) = groups.last_mut() {
            g.1 = i + 1;
        }
    }
    // Blocks of whole parents.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in &parents {
        match blocks.last_mut() {
            Some(bl) if bl.1 - bl.0 + (b - a) <= BLOCK => bl.1 = b,
            _ => blocks.push((a, b)),
        }
    }
    let input = Input {
        k,
        lm,
        sheet: rows.iter().map(|r| r.sheet).collect(),
        scores: rows.iter().flat_map(|r| r.scores.iter().copied()).collect(),
        fixed: rows.iter().map(|r| r.fixed).collect(),
        gate: rows.iter().map(|r| r.gate).collect(),
        level: rows.iter().map(|r| r.level).collect(),
        groups,
        parents,
        models: &models,
        params: &params,
    };
    let results = run_blocks(&input, &blocks, progress)?;

    // Assemble.
    let ns = params.n.max(1) as f64;
    let mut units = Vec::with_capacity(rows.len());
    let mut parent_rows = Vec::new();
    for (block, res) in blocks.iter().zip(results) {
        for (x, i) in (block.0..block.1).enumerate() {
            let r = &rows[i];
            let m = &models[r.sheet];
            let mut levels = BTreeMap::new();
            for li in 0..=lm {
                let c = res.hist.get(x * (lm + 1) + li).copied().unwrap_or(0);
                if c > 0 {
                    let name = if li < m.levels.len() { m.levels[li].clone() } else { "undetermined".into() };
                    *levels.entry(name).or_insert(0) += c;
                }
            }
            let same_level = res.hist.get(x * (lm + 1) + r.level).copied().unwrap_or(0);
            let changed = params.n as u32 - same_level;
            units.push(UnitSensitivity {
                unit: r.unit.clone(),
                parent: r.parent.clone(),
                total: r.total,
                level: m.levels.get(r.level).cloned().unwrap_or_default(),
                level_changed: changed,
                level_changed_share: round4(f64::from(changed) / ns),
                levels,
                rank: res.rank0[x],
                rank_min: res.rank_min[x],
                rank_max: res.rank_max[x],
                rank_mean: round4(res.rank_sum[x] as f64 / ns),
                rank_unchanged_share: round4(f64::from(res.rank_same[x]) / ns),
            });
        }
        for p in res.parents {
            parent_rows.push(ParentSensitivity {
                parent: rows.get(p.start).and_then(|r| r.parent.clone()),
                units: p.units,
                share: round4(p.base),
                share_min: round4(p.min),
                share_max: round4(p.max),
                share_mean: round4(p.sum / ns),
            });
        }
    }
    units.sort_by(|a, b| b.level_changed.cmp(&a.level_changed).then_with(|| a.unit.cmp(&b.unit)));
    let pass_level = models.first().and_then(|m| m.levels.get(m.pass).cloned()).unwrap_or_default();
    Ok(SensitivityReport {
        rule_set: rules.id.clone(),
        rules: crate::rules::RulesRef::of(rules),
        year,
        spec: spec.clone(),
        pass_level,
        samples: params.n as u32,
        units_classified: rows.len() as u32,
        units_skipped: skipped,
        units,
        parents: parent_rows,
        lints,
    })
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
