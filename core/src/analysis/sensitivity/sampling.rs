//! The samples: each sheet's items and cut-offs as the samples vary them, drawn on a grid or
//! at random from the seeded generator.

use super::{MAX_SAMPLES, Samples, Sampling, SensitivitySpec, SheetModel, bad_argument};
use crate::Result;
use crate::rules::{RuleSet, Sheet, Test};
use crate::synthetic::rng::SplitMix64;

pub(super) fn model(
    rules: &RuleSet,
    s: &Sheet,
    spec: &SensitivitySpec,
    union: &mut Vec<(String, f32)>,
) -> Result<SheetModel> {
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
        Some(p) => levels.iter().position(|l| l == p).ok_or_else(|| {
            bad_argument("pass_level", format!("no level `{p}` in the sheet; levels: {}", levels.join(", ")))
        })?,
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
pub(super) fn samples(
    models: &[SheetModel],
    items: &[(String, f32)],
    lm: usize,
    spec: &SensitivitySpec,
) -> Result<Samples> {
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
                return Err(bad_argument("samples", format!("{samples} samples: between 1 and {MAX_SAMPLES}")));
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
                return Err(bad_argument("steps", format!("{steps} steps: between 1 and 101")));
            }
            let dims = models.iter().map(|m| m.cutoffs.len().saturating_sub(1)).max().unwrap_or(0);
            let offset = |j: u64| -> f64 {
                if steps == 1 { 0.0 } else { -range + 2.0 * range * j as f64 / f64::from(steps - 1) }
            };
            let combos = u64::from(steps).checked_pow(dims as u32).unwrap_or(u64::MAX);
            let patterns = 2 * k as u64 + 1;
            if combos.saturating_mul(patterns) > u64::from(MAX_SAMPLES) {
                return Err(bad_argument("steps", format!("{steps} steps give over {MAX_SAMPLES} samples")));
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
