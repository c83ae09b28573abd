"""Benchmark: the national review from Python — ``antq.review`` (every verdict as a table,
no explanations) against ``antq.evaluate`` (every explained result) and its ``rows()``.

    python bench/bench_review.py [--units 170000] [--repeat 5] [--kind pandas|polars|pyarrow]

The dataset is generated in Rust (``Dataset.generate``, the national proportions) and
stays there; each row times one call from Python, including the conversion of its result
to a table of ``--kind``. Reports the best and the median of ``--repeat`` runs. This is a
benchmark, not a test. Build the extension in release mode first (``maturin develop
--release`` or ``pip install .``).
"""

from __future__ import annotations

import argparse
import os

import antq
from bench_arrow import timed  # the same timing as the Arrow benchmark beside this file


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=170_000)
    ap.add_argument("--year", type=int, default=2023)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rules", default="vn.c124-2021")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--kind", default="pandas", choices=["pandas", "polars", "pyarrow"])
    a = ap.parse_args()

    ds = antq.Dataset.generate(units=a.units, year=a.year, seed=a.seed)
    table = antq.review(ds, a.rules, a.year, library=a.kind)
    ev = antq.evaluate(ds, a.rules, a.year)
    assert list(table["unit"]) == [r for r in ev.rows(library="pyarrow").column("unit").to_pylist()]
    n = len(table)
    rows = [
        ("antq.review → table (every verdict, a column per criterion)",
         lambda: antq.review(ds, a.rules, a.year, library=a.kind)),
        ("antq.evaluate (every explained result)", lambda: antq.evaluate(ds, a.rules, a.year)),
        ("antq.evaluate → rows() table", lambda: antq.evaluate(ds, a.rules, a.year).rows(library=a.kind)),
    ]
    print(f"antq {antq.__version__}; {n:,} units evaluated ({a.rules}, {a.year}); "
          f"{os.cpu_count()} CPUs; kind {a.kind}; best and median of {a.repeat}\n")
    print("| call | best | median |")
    print("|---|---:|---:|")
    for name, f in rows:
        best, median = timed(f, a.repeat)
        print(f"| {name} | {best * 1e3:.0f} ms | {median * 1e3:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
