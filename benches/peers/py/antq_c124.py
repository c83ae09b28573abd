"""Circular 124 (preset vn.c124-2021) with antq's Python package, reading the Parquet tables
through antq's core (the reader the CLI uses): what an analyst writes with antq instead of
a polars or DuckDB script.

    python antq_c124.py DATA_DIR YEAR OUT.csv TIMINGS.json

Stages: evaluate (`antq.write_verdicts` of the folder of Parquet tables with `columns=["unit",
"outcome"]`: read, validated once, prepared, reviewed and written as CSV in Rust by the CLI's
writer, with no table built in Python; so the read and the write are inside this stage, and
there is no read or write stage). Run it with an interpreter whose antq package is built in
release mode (`ANTQ_PYTHON` for peers.py).
"""

from __future__ import annotations

import os

import antq
from c124 import Peer


def main() -> None:
    peer = Peer("antq-python")
    written = peer.stage(
        "evaluate",
        lambda: antq.write_verdicts(peer.data_dir, "vn.c124-2021", peer.year, peer.out, columns=["unit", "outcome"]),
    )
    # antq runs on every core the process may use (rayon's default pool).
    peer.finish(written["rows"], threads=len(os.sched_getaffinity(0)), versions={"antq": antq.__version__})


if __name__ == "__main__":
    main()
