"""Circular 124 (preset vn.c124-2021) with antq's Python package, reading the Parquet tables
through antq's core (the reader the CLI uses): what an analyst writes with antq instead of
a polars or DuckDB script.

    python antq_c124.py DATA_DIR YEAR OUT.csv TIMINGS.json

Stages: evaluate (`antq.review` of the folder of Parquet tables with `columns=["unit",
"outcome"]`: read, validated once, prepared and reviewed in Rust, the two columns as a
pyarrow table; the read is inside this stage, so there is no read stage), write (unit and
outcome as CSV, as the other peers write them). Run it with an interpreter whose antq
package is built in release mode (`ANTQ_PYTHON` for peers.py).
"""

from __future__ import annotations

import os

import pyarrow.csv as pacsv

import antq
from c124 import Peer


def main() -> None:
    peer = Peer("antq-python")
    verdicts = peer.stage(
        "evaluate",
        lambda: antq.review(peer.data_dir, "vn.c124-2021", peer.year, columns=["unit", "outcome"], library="pyarrow"),
    )
    peer.stage("write", lambda: pacsv.write_csv(verdicts, peer.out))
    # antq.review runs on every core the process may use (rayon's default pool).
    peer.finish(verdicts.num_rows, threads=len(os.sched_getaffinity(0)), versions={"antq": antq.__version__})


if __name__ == "__main__":
    main()
