"""A notebook's first steps at any scale: a folder of Parquet tables read by polars, made into
a ``Dataset`` (``from_frames``), then reviewed twice (unit and outcome, as pyarrow), each
step timed once, and the process's peak memory.

    python bench/bench_twice.py benches/peers/work/national-x10-seed1-2023

The second review reuses the dataset's validation and index, kept by the first. Build in
release mode first (``maturin develop --release``). A benchmark, not a test: it prints and
exits 0.
"""

from __future__ import annotations

import resource
import sys
import time
import warnings

import polars as pl

import antq


def main() -> None:
    folder = sys.argv[1]
    warnings.simplefilter("ignore", antq.LintWarning)
    t = {n: pl.read_parquet(f"{folder}/{n}.parquet") for n in ("units", "evidence", "incidents", "activities")}
    steps = []
    start = time.perf_counter()
    ds = antq.Dataset.from_frames(t["units"], t["evidence"], t["incidents"], t["activities"])
    steps.append(("from_frames", time.perf_counter() - start))
    for name in ("first review", "second review"):
        start = time.perf_counter()
        antq.review(ds, "vn.c124-2021", 2023, columns=["unit", "outcome"], library="pyarrow")
        steps.append((name, time.perf_counter() - start))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(", ".join(f"{n} {s:.3f} s" for n, s in steps) + f", peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
