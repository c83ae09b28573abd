//! Every unit's total, level and rank under each sample, computed in blocks of samples and
//! gathered per unit and per parent.

use super::{CHUNK, EPS, Samples, SheetModel};
use crate::Progress;
use crate::error::Result;
use crate::eval::{Status, report};

pub(super) struct Input<'a> {
    pub(super) k: usize,
    pub(super) lm: usize,
    pub(super) sheet: Vec<usize>,
    /// Unit-major scores, `k` per unit.
    pub(super) scores: Vec<f32>,
    pub(super) fixed: Vec<f32>,
    pub(super) gate: Vec<Status>,
    pub(super) level: Vec<usize>,
    pub(super) groups: Vec<(usize, usize)>,
    pub(super) parents: Vec<(usize, usize)>,
    pub(super) models: &'a [SheetModel],
    pub(super) params: &'a Samples,
}

#[derive(Debug, Clone)]
pub(super) struct ParentStats {
    pub(super) start: usize,
    pub(super) units: u32,
    pub(super) base: f64,
    pub(super) min: f64,
    pub(super) max: f64,
    pub(super) sum: f64,
}

/// A block's counters, one entry per unit (levels: `lm + 1` per unit).
#[derive(Debug, Default)]
pub(super) struct BlockResult {
    pub(super) hist: Vec<u32>,
    pub(super) rank0: Vec<u32>,
    pub(super) rank_min: Vec<u32>,
    pub(super) rank_max: Vec<u32>,
    pub(super) rank_sum: Vec<u64>,
    pub(super) rank_same: Vec<u32>,
    pub(super) parents: Vec<ParentStats>,
}

/// Every block's counters, in order. The calling thread runs its share of the blocks and,
/// after each, tells `progress` the blocks done of all (never from a worker thread); a
/// break stops every thread before its next block and the call is [`Error::Cancelled`].
pub(super) fn run_blocks(
    input: &Input<'_>,
    blocks: &[(usize, usize)],
    progress: Option<&Progress>,
) -> Result<Vec<BlockResult>> {
    let total = blocks.len();
    report(progress, 0, total)?;
    #[cfg(not(target_family = "wasm"))]
    {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(total.max(1));
        if threads > 1 {
            use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
            let (done, stop) = (AtomicUsize::new(0), AtomicBool::new(false));
            // Interleaved so that every thread gets a similar share of the work.
            let share = |t: usize| {
                let (done, stop) = (&done, &stop);
                (t..total).step_by(threads).map_while(move |i| {
                    (!stop.load(Ordering::Relaxed)).then(|| {
                        let r = run_block(input, blocks[i]);
                        done.fetch_add(1, Ordering::Relaxed);
                        (i, r)
                    })
                })
            };
            let mut out: Vec<Option<BlockResult>> = (0..total).map(|_| None).collect();
            let (joined, cancelled) = std::thread::scope(|s| {
                let handles: Vec<_> = (1..threads).map(|t| s.spawn(move || share(t).collect::<Vec<_>>())).collect();
                let mut cancelled = None;
                for (i, r) in share(0) {
                    out[i] = Some(r);
                    if let Err(e) = report(progress, done.load(Ordering::Relaxed), total) {
                        stop.store(true, Ordering::Relaxed);
                        cancelled = Some(e);
                        break;
                    }
                }
                let mut joined = true;
                for h in handles {
                    match h.join() {
                        Ok(v) => v.into_iter().for_each(|(i, r)| out[i] = Some(r)),
                        Err(_) => joined = false,
                    }
                }
                (joined, cancelled)
            });
            if let Some(e) = cancelled {
                return Err(e);
            }
            if joined && out.iter().all(Option::is_some) {
                report(progress, total, total)?;
                return Ok(out.into_iter().flatten().collect());
            }
        }
    }
    let mut out = Vec::with_capacity(total);
    for (i, b) in blocks.iter().enumerate() {
        out.push(run_block(input, *b));
        report(progress, i + 1, total)?;
    }
    Ok(out)
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
