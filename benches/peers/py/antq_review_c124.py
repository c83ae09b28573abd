"""Circular 124 (preset vn.c124-2021) with antq's Python `antq.review`: the Parquet folder
read by antq's core, the verdicts returned as a polars DataFrame (unit, outcome), written
as CSV by polars — what an analyst writes who wants the verdicts as a frame.

    python antq_review_c124.py DATA_DIR YEAR OUT.csv TIMINGS.json

Stages: evaluate (`antq.review(DATA_DIR, "vn.c124-2021", YEAR, columns=["unit", "outcome"],
library="polars")`: read, validated once, prepared, reviewed, the frame built from Arrow
arrays; the read is inside this stage), write (`DataFrame.write_csv`). Run it with an
interpreter whose antq package is built in release mode (`ANTQ_PYTHON` for peers.py).
"""

from __future__ import annotations

import os
import warnings

import antq
import polars  # noqa: F401  (imported before the stages, as the polars peer imports it)
from c124 import Peer


def main() -> None:
    peer = Peer("antq-python-review")
    # The lints (evidence no criterion reads) are warned, and what decided a polars frame
    # whose columns do not name it; the peers print none.
    warnings.simplefilter("ignore", antq.LintWarning)
    warnings.simplefilter("ignore", antq.DecisionWarning)
    frame = peer.stage(
        "evaluate",
        lambda: antq.review(peer.data_dir, "vn.c124-2021", peer.year, columns=["unit", "outcome"], library="polars"),
    )
    peer.stage("write", lambda: frame.write_csv(peer.out))
    # antq runs on every core the process may use (rayon's default pool).
    peer.finish(frame.height, threads=len(os.sched_getaffinity(0)), versions={"antq": antq.__version__})


if __name__ == "__main__":
    main()
