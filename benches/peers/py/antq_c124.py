"""Circular 124 (preset vn.c124-2021) with antq's Python package, reading the Parquet tables
through antq's core (the reader the CLI uses): what an analyst writes with antq instead of
a polars or DuckDB script.

    python antq_c124.py DATA_DIR YEAR OUT.csv TIMINGS.json

Stages: read (`antq.Dataset.from_path` on the folder of Parquet tables: read, converted and
validated in Rust), evaluate (`antq.review`: prepare and review, the verdicts as an Arrow
table), write (unit and outcome as CSV, as the other peers write them). Run it with an
interpreter whose antq package is built in release mode (`ANTQ_PYTHON` for peers.py).
"""

from __future__ import annotations

import pyarrow.csv as pacsv

import antq
from c124 import Peer


def main() -> None:
    peer = Peer("antq-python")
    ds = peer.stage("read", lambda: antq.Dataset.from_path(peer.data_dir))
    verdicts = peer.stage("evaluate", lambda: antq.review(ds, "vn.c124-2021", peer.year, library="pyarrow"))
    peer.stage("write", lambda: pacsv.write_csv(verdicts.select(["unit", "outcome"]), peer.out))
    peer.finish(verdicts.num_rows, versions={"antq": antq.__version__})


if __name__ == "__main__":
    main()
