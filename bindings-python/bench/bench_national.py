"""The figures of "Python at national scale" (BENCHMARKS.md): on the national file, the time of
reading it, ``review``, ``evaluate``, ``ev[id]`` lookups, ``to_dict`` and its paged forms,
and ``whatif(verify=True)`` for 10 communes.

    antq generate --national -o nation.json          # 170,272 units (seed 1, 2023)
    python bench/bench_national.py nation.json [--lookups 10000]

Without a path the same dataset is generated in Rust (``Dataset.generate(170_000, 2023, 1)``,
what ``antq generate --national`` writes). Build in release mode first (``pip install`` the
wheel, or ``maturin develop --release``). A benchmark, not a test: it prints and exits 0.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from typing import Any, Callable, Tuple

import antq


def timed(what: str, f: Callable[[], Any]) -> Tuple[Any, float]:
    t = time.perf_counter()
    out = f()
    s = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{what:<48} {s:9.3f} s   (peak RSS so far {rss:,.0f} MB)", flush=True)
    return out, s


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("path", nargs="?", help="the national file (default: generated in Rust)")
    p.add_argument("--lookups", type=int, default=10_000)
    p.add_argument("--skip-to-dict", action="store_true", help="leave out the whole to_dict()")
    a = p.parse_args()
    if a.path:
        ds, _ = timed(f"Dataset.from_path({a.path})", lambda: antq.Dataset.from_path(a.path))
    else:
        ds, _ = timed("Dataset.generate(170_000, 2023, 1)", lambda: antq.Dataset.generate(170_000, 2023, 1))
    print(f"units: {len(ds):,}")
    rules = antq.RuleSet.preset("vn.c124-2021")
    timed("review(ds, c124, 2023) -> pyarrow", lambda: antq.review(ds, rules, 2023, library="pyarrow"))
    ev, _ = timed("evaluate(ds, c124, 2023)", lambda: antq.evaluate(ds, rules, 2023))
    ids = ev.unit_ids()
    step = max(1, len(ids) // a.lookups)
    sample = ids[::step][: a.lookups]
    _, s = timed(f"ev[id] x {len(sample):,} (first builds the index)", lambda: [ev[i] for i in sample])
    print(f"{'  per lookup':<48} {1e6 * s / len(sample):9.1f} us")
    timed("ev.to_dicts(0, 1000)", lambda: ev.to_dicts(0, 1000))
    timed("sum(1 for _ in ev.iter_dicts())", lambda: sum(1 for _ in ev.iter_dicts()))
    if not a.skip_to_dict:
        d, _ = timed("ev.to_dict()", ev.to_dict)
        del d
    rows = ev.rows(library="pyarrow")
    communes = [u for u, k, o in zip(rows["unit"].to_pylist(), rows["kind"].to_pylist(), rows["outcome"].to_pylist())
                if k == "commune" and o == "does_not_meet"][:10]
    timed(f"whatif(verify=True) for {len(communes)} communes",
          lambda: antq.whatif(ds, rules, 2023, communes, verify=True))
    timed(f"whatif(verify=False) for {len(communes)} communes",
          lambda: antq.whatif(ds, rules, 2023, communes, verify=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
