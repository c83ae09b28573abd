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
//! let sup = Supplement::from_str_named("s.toml", include_str!("../../sample/d510-supplement.toml")).unwrap();
//! let rules = RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&sup).unwrap();
//! let spec = SensitivitySpec { sampling: Sampling::Random { samples: 200, seed: 7 }, ..SensitivitySpec::default() };
//! let r = sensitivity(&ds, &rules, 2023, &Options::default(), &spec).unwrap();
//! assert_eq!(r.samples, 200);
//! assert!(r.units.iter().all(|u| u.level_changed <= 200));
//! ```

use crate::eval::{Evaluation, Options, Outcome, Status, evaluate_with};
use crate::model::points::Points;
use crate::model::unit::UnitId;
use crate::rules::{OutcomePolicy, RuleSet, Sheet, Test};
use crate::synthetic::rng::SplitMix64;
use crate::{Error, Location, Problem, ProblemCode, Result};
use serde::{Deserialize, Serialize};
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
#[serde(tag = "mode", rename_all = "snake_case")]
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

/// What to vary and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    let ev = evaluate_with(ds, rules, year, opts)?;
    sensitivity_of(&ev, rules, spec)
}

fn bad(path: &str, msg: String) -> Error {
    Error::InvalidRuleSet(vec![Problem::new(ProblemCode::BadValue, Location::path(path), msg)])
}

/// Varies an evaluation already made under `rules` (a points rule set).
pub fn sensitivity_of(ev: &Evaluation, rules: &RuleSet, spec: &SensitivitySpec) -> Result<SensitivityReport> {
    let OutcomePolicy::Points { sheets } = &rules.outcome else {
        return Err(bad("outcome", format!("`{}` is not a points rule set: nothing to vary", rules.id)));
    };
    if spec.max_range_percent > 100 {
        return Err(bad("max_range_percent", format!("{} is over 100", spec.max_range_percent)));
    }
    if spec.cutoff_range < Points::ZERO {
        return Err(bad("cutoff_range", "must not be negative".into()));
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
        unit: usize,
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
    for (i, u) in ev.units.iter().enumerate() {
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
            unit: i,
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
        (&a.parent, a.sheet, std::cmp::Reverse(a.total), &ev.units[a.unit].unit).cmp(&(
            &b.parent,
            b.sheet,
            std::cmp::Reverse(b.total),
            &ev.units[b.unit].unit,
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
    let results = run_blocks(&input, &blocks);

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
                unit: ev.units[r.unit].unit.clone(),
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
        year: ev.decision.year,
        spec: spec.clone(),
        pass_level,
        samples: params.n as u32,
        units_classified: rows.len() as u32,
        units_skipped: skipped,
        units,
        parents: parent_rows,
    })
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn model(rules: &RuleSet, s: &Sheet, spec: &SensitivitySpec, union: &mut Vec<(String, f32)>) -> Result<SheetModel> {
    let mut items = Vec::new();
    for c in rules.criteria.iter().filter(|c| s.kinds.iter().any(|k| c.kinds.contains(k))) {
        if let Test::Points { max, .. } = c.test {
            let j = match union.iter().position(|(id, _)| id == &c.id) {
                Some(j) => j,
                None => {
                    union.push((c.id.clone(), max.hundredths() as f32));
                    union.len() - 1
                }
            };
            if !items.contains(&j) {
                items.push(j);
            }
        }
    }
    let levels: Vec<String> = s.levels.iter().map(|l| l.id.clone()).collect();
    let pass = match &spec.pass_level {
        Some(p) => levels
            .iter()
            .position(|l| l == p)
            .ok_or_else(|| bad("pass_level", format!("no level `{p}` in the sheet; levels: {}", levels.join(", "))))?,
        None => levels.len().saturating_sub(2),
    };
    Ok(SheetModel {
        items,
        cutoffs: s.levels.iter().map(|l| l.min.hundredths() as f32).collect(),
        cap: s.cap_on_mandatory_failure.as_ref().and_then(|c| levels.iter().position(|l| l == c)),
        levels,
        pass,
    })
}

/// The parameters of every sample.
fn samples(models: &[SheetModel], items: &[(String, f32)], lm: usize, spec: &SensitivitySpec) -> Result<Samples> {
    let range = spec.cutoff_range.hundredths() as f64;
    let r = f64::from(spec.max_range_percent) / 100.0;
    let k = items.len();
    let mut out = Samples {
        n: 0,
        sheets: models.len(),
        factors: Vec::new(),
        norms: Vec::new(),
        cutoffs: Vec::new(),
        factors_t: Vec::new(),
        norms_t: Vec::new(),
        cuts_t: Vec::new(),
    };
    // One sample: item factors (shared by the sheets holding the item), then per sheet a
    // norm that keeps the sum of its maxima, and its moved cut-offs.
    let mut push = |factor: &dyn Fn(usize) -> f64, offset: &dyn Fn(usize, usize) -> f64| {
        out.n += 1;
        for j in 0..k {
            out.factors.push(factor(j) as f32);
        }
        for (si, m) in models.iter().enumerate() {
            let base: f64 = m.items.iter().map(|&j| f64::from(items[j].1)).sum();
            let sum: f64 = m.items.iter().map(|&j| f64::from(items[j].1) * factor(j)).sum();
            out.norms.push(if sum > 0.0 { (base / sum) as f32 } else { 1.0 });
            let last = m.cutoffs.len().saturating_sub(1);
            let mut cut: Vec<f32> = m
                .cutoffs
                .iter()
                .enumerate()
                .map(|(i, c)| if i == last { *c } else { (f64::from(*c) + offset(si, i)).round().max(0.0) as f32 })
                .collect();
            // Keep the levels ordered: a cut-off never above the one of the level above.
            for i in 1..cut.len() {
                if cut[i] > cut[i - 1] {
                    cut[i] = cut[i - 1];
                }
            }
            cut.resize(lm, f32::NEG_INFINITY);
            out.cutoffs.extend(cut);
        }
    };
    match spec.sampling {
        Sampling::Random { samples, seed } => {
            if samples == 0 || samples > MAX_SAMPLES {
                return Err(bad("samples", format!("{samples} samples: between 1 and {MAX_SAMPLES}")));
            }
            let mut rng = SplitMix64(seed);
            for _ in 0..samples {
                let facs: Vec<f64> = (0..k).map(|_| 1.0 + rng.signed_unit() * r).collect();
                let offs: Vec<Vec<f64>> =
                    models.iter().map(|m| (0..m.cutoffs.len()).map(|_| rng.signed_unit() * range).collect()).collect();
                push(&|j| facs[j], &|si, i| offs[si][i]);
            }
        }
        Sampling::Grid { steps } => {
            if steps == 0 || steps > 101 {
                return Err(bad("steps", format!("{steps} steps: between 1 and 101")));
            }
            let dims = models.iter().map(|m| m.cutoffs.len().saturating_sub(1)).max().unwrap_or(0);
            let offset = |j: u64| -> f64 {
                if steps == 1 { 0.0 } else { -range + 2.0 * range * j as f64 / f64::from(steps - 1) }
            };
            let combos = u64::from(steps).checked_pow(dims as u32).unwrap_or(u64::MAX);
            let patterns = 2 * k as u64 + 1;
            if combos.saturating_mul(patterns) > u64::from(MAX_SAMPLES) {
                return Err(bad("steps", format!("{steps} steps give over {MAX_SAMPLES} samples")));
            }
            for c in 0..combos {
                let digits: Vec<u64> =
                    (0..dims).map(|d| (c / u64::from(steps).pow(d as u32)) % u64::from(steps)).collect();
                for p in 0..patterns {
                    let factor = |j: usize| -> f64 {
                        if p > 0 && (p - 1) / 2 == j as u64 {
                            if (p - 1) % 2 == 0 { 1.0 - r } else { 1.0 + r }
                        } else {
                            1.0
                        }
                    };
                    push(&factor, &|_, i| digits.get(i).map_or(0.0, |d| offset(*d)));
                }
            }
        }
    }
    out.transpose(k, lm);
    Ok(out)
}

struct Input<'a> {
    k: usize,
    lm: usize,
    sheet: Vec<usize>,
    /// Unit-major scores, `k` per unit.
    scores: Vec<f32>,
    fixed: Vec<f32>,
    gate: Vec<Status>,
    level: Vec<usize>,
    groups: Vec<(usize, usize)>,
    parents: Vec<(usize, usize)>,
    models: &'a [SheetModel],
    params: &'a Samples,
}

#[derive(Debug, Clone)]
struct ParentStats {
    start: usize,
    units: u32,
    base: f64,
    min: f64,
    max: f64,
    sum: f64,
}

/// A block's counters, one entry per unit (levels: `lm + 1` per unit).
#[derive(Debug, Default)]
struct BlockResult {
    hist: Vec<u32>,
    rank0: Vec<u32>,
    rank_min: Vec<u32>,
    rank_max: Vec<u32>,
    rank_sum: Vec<u64>,
    rank_same: Vec<u32>,
    parents: Vec<ParentStats>,
}

fn run_blocks(input: &Input<'_>, blocks: &[(usize, usize)]) -> Vec<BlockResult> {
    #[cfg(not(target_family = "wasm"))]
    {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(blocks.len().max(1));
        if threads > 1 {
            // Interleaved so that both threads get a similar share of the work.
            let mut out: Vec<Option<BlockResult>> = (0..blocks.len()).map(|_| None).collect();
            let done = std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads)
                    .map(|t| {
                        s.spawn(move || {
                            (t..blocks.len())
                                .step_by(threads)
                                .map(|i| (i, run_block(input, blocks[i])))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                let mut ok = true;
                for h in handles {
                    match h.join() {
                        Ok(v) => {
                            for (i, r) in v {
                                out[i] = Some(r);
                            }
                        }
                        Err(_) => ok = false,
                    }
                }
                ok
            });
            if done && out.iter().all(Option::is_some) {
                return out.into_iter().flatten().collect();
            }
        }
    }
    blocks.iter().map(|b| run_block(input, *b)).collect()
}

fn run_block(input: &Input<'_>, (a, b): (usize, usize)) -> BlockResult {
    let n = b - a;
    let (k, lm) = (input.k, input.lm);
    let p = input.params;
    let ns = p.n;
    let mut res = BlockResult {
        hist: vec![0; n * (lm + 1)],
        rank0: vec![0; n],
        rank_min: vec![0; n],
        rank_max: vec![0; n],
        rank_sum: vec![0; n],
        rank_same: vec![0; n],
        parents: Vec::new(),
    };
    let caps: Vec<Option<(usize, usize)>> = input.models.iter().map(|m| m.cap.map(|c| (c, m.levels.len()))).collect();
    let any_cap = caps.iter().any(Option::is_some);
    let nlev: Vec<usize> = input.models.iter().map(|m| m.levels.len()).collect();
    // Samples are taken CHUNK at a time: for a unit, its totals and levels over a chunk
    // are straight loops over contiguous per-sample parameters (vectorised).
    let mut tot = vec![0f32; 0];
    let mut lev = [0u8; CHUNK];
    let mut okc = [0u32; CHUNK];
    let mut keys: Vec<u64> = Vec::new();
    let mut diff: Vec<i64> = Vec::new();
    for &(px, py) in input.parents.iter().filter(|q| q.0 >= a && q.1 <= b) {
        let groups: Vec<(usize, usize)> = input.groups.iter().copied().filter(|g| g.0 >= px && g.1 <= py).collect();
        let m = py - px;
        for &(x, y) in &groups {
            for (r, u) in (x..y).enumerate() {
                let r = r as u32 + 1;
                res.rank0[u - a] = r;
                res.rank_min[u - a] = r;
                res.rank_max[u - a] = r;
            }
        }
        let sheet = &input.sheet[px..py];
        let fixed = &input.fixed[px..py];
        let base = &input.level[px..py];
        let gate = &input.gate[px..py];
        let pass: Vec<usize> = sheet.iter().map(|&s| input.models.get(s).map_or(0, |md| md.pass)).collect();
        let base_share = (0..m).filter(|&u| base[u] <= pass[u]).count() as f64 / m.max(1) as f64;
        let mut ps =
            ParentStats { start: px, units: m as u32, base: base_share, min: f64::INFINITY, max: 0.0, sum: 0.0 };
        tot.clear();
        tot.resize(m * CHUNK, 0.0);
        diff.clear();
        diff.resize(m, 0);
        let hist = &mut res.hist[(px - a) * (lm + 1)..(py - a) * (lm + 1)];
        let mut s0 = 0;
        while s0 < ns {
            let c = CHUNK.min(ns - s0);
            okc[..c].fill(0);
            for u in 0..m {
                let sh = sheet[u];
                let t = &mut tot[u * CHUNK..u * CHUNK + c];
                t.fill(0.0);
                let scores = &input.scores[(px + u) * k..(px + u + 1) * k];
                for (j, sc) in scores.iter().enumerate() {
                    if *sc == 0.0 {
                        continue;
                    }
                    let f = &p.factors_t[j * ns + s0..j * ns + s0 + c];
                    for (x, fv) in t.iter_mut().zip(f) {
                        *x += sc * fv;
                    }
                }
                let norm = &p.norms_t[sh * ns + s0..sh * ns + s0 + c];
                let fx = fixed[u];
                for (x, nv) in t.iter_mut().zip(norm) {
                    *x = fx + nv * *x;
                }
                // Level: the number of cut-offs above the total (levels are best first).
                let l = &mut lev[..c];
                l.fill(0);
                for lv in 0..nlev[sh].saturating_sub(1) {
                    let cut = &p.cuts_t[(sh * lm + lv) * ns + s0..(sh * lm + lv) * ns + s0 + c];
                    for ((li, x), cv) in l.iter_mut().zip(t.iter()).zip(cut) {
                        *li += u8::from(*cv > x.max(0.0) + EPS);
                    }
                }
                if any_cap && let Some((cap, nl)) = caps[sh] {
                    for li in l.iter_mut() {
                        if usize::from(*li) < cap {
                            match gate[u] {
                                Status::NotMet => *li = cap as u8,
                                Status::Unknown => *li = nl as u8,
                                Status::Met => {}
                            }
                        }
                    }
                }
                let h = &mut hist[u * (lm + 1)..(u + 1) * (lm + 1)];
                for (bin, hv) in h.iter_mut().enumerate().take(nlev[sh] + 1) {
                    if bin != base[u] {
                        *hv += l.iter().filter(|&&li| usize::from(li) == bin).count() as u32;
                    }
                }
                let pu = pass[u] as u8;
                for (o, li) in okc[..c].iter_mut().zip(l.iter()) {
                    *o += u32::from(*li <= pu);
                }
            }
            for o in &okc[..c] {
                let share = f64::from(*o) / m.max(1) as f64;
                ps.min = ps.min.min(share);
                ps.max = ps.max.max(share);
                ps.sum += share;
            }
            // Re-rank each group in each sample: one u64 key per unit, the total (to
            // 0.0001 point, higher first) above the baseline position, so equal totals
            // keep the baseline order.
            for si in 0..c {
                for &(x, y) in &groups {
                    let (x, y) = (x - px, y - px);
                    if y - x < 2 {
                        continue;
                    }
                    keys.clear();
                    keys.extend((x..y).map(|u| {
                        let q = (tot[u * CHUNK + si] * 100.0) as i64;
                        let hi = (i64::from(i32::MAX) - q).clamp(0, i64::from(u32::MAX)) as u64;
                        (hi << 32) | (u - x) as u64
                    }));
                    // Still in the baseline order: every rank is the baseline rank.
                    if keys.windows(2).all(|w| w[0] < w[1]) {
                        continue;
                    }
                    keys.sort_unstable();
                    // Branch-free: most units move in some samples and not in others.
                    let (g0, g1) = (px - a + x, px - a + y);
                    let (rmin, rmax, moved) =
                        (&mut res.rank_min[g0..g1], &mut res.rank_max[g0..g1], &mut res.rank_same[g0..g1]);
                    let dl = &mut diff[x..y];
                    for (r, key) in keys.iter().enumerate() {
                        let pos = (key & 0xFFFF_FFFF) as usize;
                        if let (Some(mn), Some(mx), Some(mv), Some(d)) =
                            (rmin.get_mut(pos), rmax.get_mut(pos), moved.get_mut(pos), dl.get_mut(pos))
                        {
                            let rank = r as u32 + 1;
                            *mn = (*mn).min(rank);
                            *mx = (*mx).max(rank);
                            *d += r as i64 - pos as i64;
                            *mv += u32::from(pos != r);
                        }
                    }
                }
            }
            s0 += c;
        }
        for u in 0..m {
            let g = px - a + u;
            // Counted above: samples with another level, and with another rank.
            let other_levels: u32 = hist[u * (lm + 1)..(u + 1) * (lm + 1)].iter().sum();
            hist[u * (lm + 1) + base[u]] = ns as u32 - other_levels;
            res.rank_same[g] = ns as u32 - res.rank_same[g];
            res.rank_sum[g] = (i64::from(res.rank0[g]) * ns as i64 + diff[u]).max(0) as u64;
        }
        if !ps.min.is_finite() {
            ps.min = ps.base;
        }
        res.parents.push(ps);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dataset, Supplement, sample::SAMPLE_JSON};

    fn rules() -> RuleSet {
        let s = Supplement::from_str_named("s.toml", include_str!("../../sample/d510-supplement.toml")).unwrap();
        RuleSet::preset("vn.d510-2022").unwrap().with_supplement(&s).unwrap()
    }

    fn ds() -> Dataset {
        Dataset::from_str_named("s.json", SAMPLE_JSON).unwrap()
    }

    #[test]
    fn zero_ranges_change_nothing_and_reproduce_the_engine() {
        let spec = SensitivitySpec {
            sampling: Sampling::Random { samples: 50, seed: 3 },
            cutoff_range: Points::ZERO,
            max_range_percent: 0,
            pass_level: None,
        };
        let r = sensitivity(&ds(), &rules(), 2023, &Options::default(), &spec).unwrap();
        assert!(r.units_classified > 0);
        for u in &r.units {
            assert_eq!(u.level_changed, 0, "{u:?}");
            assert_eq!(u.levels.get(&u.level), Some(&50));
            assert_eq!((u.rank_min, u.rank_max), (u.rank, u.rank));
            assert_eq!(u.rank_unchanged_share, 1.0);
        }
        for p in &r.parents {
            assert_eq!((p.share_min, p.share_max, p.share_mean), (p.share, p.share, p.share));
        }
    }

    #[test]
    fn same_seed_same_report_and_counts_add_up() {
        let spec = SensitivitySpec { sampling: Sampling::Random { samples: 300, seed: 11 }, ..Default::default() };
        let a = sensitivity(&ds(), &rules(), 2023, &Options::default(), &spec).unwrap();
        let b = sensitivity(&ds(), &rules(), 2023, &Options::default(), &spec).unwrap();
        assert_eq!(a, b);
        assert!(a.units.iter().any(|u| u.level_changed > 0), "some unit near a cut-off should move");
        for u in &a.units {
            assert_eq!(u.levels.values().sum::<u32>(), 300);
            assert_eq!(300 - u.levels.get(&u.level).copied().unwrap_or(0), u.level_changed);
            assert!(u.rank_min <= u.rank && u.rank <= u.rank_max);
        }
        for p in &a.parents {
            assert!(p.share_min <= p.share && p.share <= p.share_max || p.share_min <= p.share_mean);
        }
    }

    #[test]
    fn grid_has_the_documented_number_of_samples() {
        let spec = SensitivitySpec { sampling: Sampling::Grid { steps: 3 }, ..Default::default() };
        let r = sensitivity(&ds(), &rules(), 2023, &Options::default(), &spec).unwrap();
        // 3 levels move (the bottom stays at 0): 3^3 offsets × (2 × 12 items + 1) patterns.
        assert_eq!(r.samples, 27 * 25);
    }

    #[test]
    fn a_unit_just_above_a_cut_off_moves_when_the_cut_off_rises() {
        // Only the cut-offs move, by exactly +range or −range: a grid of 2 steps.
        let spec = SensitivitySpec {
            sampling: Sampling::Grid { steps: 2 },
            cutoff_range: Points::from_whole(1),
            max_range_percent: 0,
            pass_level: None,
        };
        let ev = crate::evaluate(&ds(), &rules(), 2023).unwrap();
        let r = sensitivity_of(&ev, &rules(), &spec).unwrap();
        for u in &r.units {
            let total = u.total.hundredths();
            let near = [9000, 7000, 5000].iter().any(|c| (total - c).abs() <= 100);
            if !near {
                assert_eq!(u.level_changed, 0, "{u:?}");
            }
        }
    }

    #[test]
    fn not_a_points_rule_set_is_an_error() {
        let r = RuleSet::preset("vn.c124-2021").unwrap();
        assert!(sensitivity(&ds(), &r, 2023, &Options::default(), &SensitivitySpec::default()).is_err());
    }
}
