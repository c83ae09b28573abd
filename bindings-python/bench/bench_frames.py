"""Frames in and out: a folder of Parquet tables read by polars into ``Dataset.from_frames``,
then ``review`` of that dataset as pyarrow (every column, and unit with outcome) and as pandas
(every column), each timed alone in one process after a first call.

    python bench/bench_frames.py benches/peers/work/national-x1-seed1-2023 [--repeat 5]

The folder holds ``units``, ``evidence``, ``incidents`` and ``activities`` as Parquet (what
``benches/peers/run.sh`` generates). Build in release mode first (``maturin develop
--release``). A benchmark, not a test: it prints best and median of each and exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from typing import Any, Callable, Dict, List

import polars as pl

import antq


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder")
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    warnings.simplefilter("ignore", antq.LintWarning)
    tables = {t: pl.read_parquet(f"{args.folder}/{t}.parquet") for t in ("units", "evidence", "incidents", "activities")}
    ds = antq.Dataset.from_frames(tables["units"], tables["evidence"], tables["incidents"], tables["activities"])
    work: Dict[str, Callable[[], Any]] = {
        "Dataset.from_frames (polars frames)": lambda: antq.Dataset.from_frames(
            tables["units"], tables["evidence"], tables["incidents"], tables["activities"]
        ),
        "review, every column, pyarrow": lambda: antq.review(ds, "vn.c124-2021", 2023, library="pyarrow"),
        "review, unit and outcome, pyarrow": lambda: antq.review(
            ds, "vn.c124-2021", 2023, library="pyarrow", columns=["unit", "outcome"]
        ),
        "review, every column, pandas": lambda: antq.review(ds, "vn.c124-2021", 2023, library="pandas"),
    }
    print(f"{args.folder}: {len(tables['units'])} units, {args.repeat} runs of each after a first")
    for name, f in work.items():
        f()
        runs: List[float] = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            f()
            runs.append(time.perf_counter() - t)
        print(f"{name}: best {min(runs):.3f} s, median {statistics.median(runs):.3f} s")


if __name__ == "__main__":
    main()
