"""Benchmark: evaluating a generated dataset through Arrow tables against the native Rust path.

    python bench/bench_arrow.py [--units 100000] [--repeat 5] [--kind pyarrow|pandas|polars]

Arrow path (timed as a whole): tables → ``Dataset.from_frames`` (Arrow → core rows, checks)
→ ``evaluate`` → ``rows()`` as a table of the same kind. Native path: the same dataset
already in Rust memory → ``antq::evaluate`` → ``Evaluation::rows()``, timed inside Rust
(``antq._antq._bench_native``). Both report the best of ``--repeat`` runs (and the median).
This is a benchmark, not a test: it prints the ratio and exits 0 unless ``--max-ratio`` is
given and exceeded. Build the extension in release mode first (``maturin develop --release``
or ``pip install .``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Callable, List, Tuple

import antq
from antq import _antq


def timed(f: Callable[[], object], repeat: int) -> Tuple[float, float]:
    runs: List[float] = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        runs.append(time.perf_counter() - t)
    return min(runs), statistics.median(runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--year", type=int, default=2023)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rules", default="vn.c124-2021")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--kind", default="pyarrow", choices=["pyarrow", "pandas", "polars"])
    ap.add_argument("--max-ratio", type=float, default=None, help="exit 1 if the best-of ratio is higher")
    a = ap.parse_args()

    ds = antq.Dataset.generate(a.units, a.year, a.seed)
    rules = antq.RuleSet.preset(a.rules)
    frames = ds.to_frames(library=a.kind)
    sizes = ", ".join(f"{k} {len(v)}" for k, v in frames.items())
    print(f"antq {antq.__version__}: {a.units} units generated ({sizes}); rules {a.rules}; year {a.year}; input {a.kind}")

    # Warm up both paths once (allocator, page faults, imports).
    _antq._bench_native(ds, rules, a.year, 1)
    antq.evaluate(antq.Dataset.from_frames(**frames), rules, a.year).rows()

    def arrow_path() -> object:
        d = antq.Dataset.from_frames(**frames)
        return antq.evaluate(d, rules, a.year).rows()

    # Native timings are measured inside Rust, one run per call so that the median is comparable.
    native_runs = [_antq._bench_native(ds, rules, a.year, 1, True) for _ in range(a.repeat)]
    nat_best, nat_med = min(native_runs), statistics.median(native_runs)
    arr_best, arr_med = timed(arrow_path, a.repeat)

    # The same without freeing the results (kept alive until the clock stops, on both sides).
    kept: List[object] = []

    def arrow_path_kept() -> object:
        d = antq.Dataset.from_frames(**frames)
        ev = antq.evaluate(d, rules, a.year)
        kept.append((d, ev))
        return ev.rows()

    nk_best = min(_antq._bench_native(ds, rules, a.year, 1, False) for _ in range(a.repeat))
    ak_runs: List[float] = []
    for _ in range(a.repeat):
        t = time.perf_counter()
        arrow_path_kept()
        ak_runs.append(time.perf_counter() - t)
        kept.clear()
    ak_best = min(ak_runs)

    # Where the Arrow path spends its time (one run).
    t0 = time.perf_counter()
    d = antq.Dataset.from_frames(**frames)
    t1 = time.perf_counter()
    ev = antq.evaluate(d, rules, a.year)
    t2 = time.perf_counter()
    ev.rows()
    t3 = time.perf_counter()

    print(f"native Rust (evaluate + rows, freed):      best {nat_best * 1e3:8.1f} ms   median {nat_med * 1e3:8.1f} ms")
    print(f"through Arrow (tables → … → table, freed): best {arr_best * 1e3:8.1f} ms   median {arr_med * 1e3:8.1f} ms")
    print(f"without freeing the results: native {nk_best * 1e3:.1f} ms, Arrow {ak_best * 1e3:.1f} ms "
          f"→ {ak_best / nk_best:.2f}×")
    print(f"  Arrow path, one run: from_frames {1e3 * (t1 - t0):.1f} ms, evaluate {1e3 * (t2 - t1):.1f} ms, "
          f"rows → {a.kind} {1e3 * (t3 - t2):.1f} ms")
    ratio = arr_best / nat_best
    print(f"ratio Arrow / native: {ratio:.2f}× (best of {a.repeat}); {arr_med / nat_med:.2f}× (median)")
    if a.max_ratio is not None and ratio > a.max_ratio:
        print(f"ratio {ratio:.2f} is above {a.max_ratio}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
