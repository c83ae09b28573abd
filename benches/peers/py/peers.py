"""Runs antq and the peers side by side, each engine as a fresh process, on one dataset
written by `to_parquet.py` (DATA_DIR holds the Parquet tables and the same records as antq
JSON, `dataset.json`). Standard library only.

    python peers.py --antq PATH/antq --data DATA_DIR --year Y --rounds R --out RUNS.jsonl
                    [--engines antq,polars,duckdb,pandas,zen-engine,json-rules-engine]

1. Check (untimed): every engine runs once; its outcome for every unit must equal antq's
   (`antq review`). An engine that differs is reported with its first differences and is
   not timed; the exit status is then 3.
2. Timing: R interleaved rounds; in each round every engine that passed runs once as a fresh
   process, in an order rotated from round to round. Each run records the whole process
   (wall time from start to exit, measured here), the stages the process reports itself
   (read, evaluate, write; antq's from its `antq: … (N ms)` lines on standard error, its
   evaluation being `validated and indexed` + `reviewed`), and its peak resident memory
   (`/usr/bin/time -f %M`). Every timed run's outcomes are checked again.

With --rounds 0 only the check runs (the edge-case data). One JSON line per run goes to
--out. --unit-order-data adds antq on the same records in the generator's unit order, as a
diagnostic of what the order costs it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.dirname(HERE)
# antq's CLI on the JSON file (the reference), on the Parquet tables (every verdict column, or
# the compact `--columns unit,outcome`), and Python's `antq.review` of the Parquet folder.
ANTQ_CLI = {"antq": [], "antq-parquet": [], "antq-parquet-compact": ["--columns", "unit,outcome"]}
ENGINES = [*ANTQ_CLI, "antq-python", "antq-python-review", "polars", "duckdb", "pandas", "zen-engine", "json-rules-engine"]
UNIT_ORDER = "antq, unit order"  # a diagnostic: antq on the same records in the generator's order
SCRIPTS = {"polars": "polars_c124.py", "duckdb": "duckdb_c124.py", "pandas": "pandas_c124.py",
           "zen-engine": "zen_c124.py", "antq-python": "antq_c124.py", "antq-python-review": "antq_review_c124.py"}
# The interpreter of `antq-python` and `antq-python-review` (one with the antq package built in release mode).
PYTHONS = {e: os.environ.get("ANTQ_PYTHON", sys.executable) for e in ("antq-python", "antq-python-review")}
STAGE = re.compile(r"^antq: (.*) \(([0-9.]+) ms\)$")


@dataclass
class Run:
    engine: str
    wall_s: float
    peak_rss_kib: int
    exit_code: int
    stages: dict
    csv: str
    stderr: str


def command(engine: str, antq: str, data: str, year: int, out_csv: str, timings: str) -> list[str]:
    review = [antq, "review", "--rules", "vn.c124-2021", "--year", str(year)]
    if engine in ("antq", UNIT_ORDER):
        return [*review, f"{data}/dataset.json"]
    if engine in ANTQ_CLI:
        # The folder's Parquet tables (its dataset.json is not a table and is not read).
        return [*review, *ANTQ_CLI[engine], data]
    if engine == "json-rules-engine":
        return ["node", os.path.join(PEERS, "js", "c124.mjs"), f"{data}/dataset.json", str(year), out_csv, timings]
    return [PYTHONS.get(engine, sys.executable), os.path.join(HERE, SCRIPTS[engine]), data, str(year), out_csv, timings]


def antq_stages(stderr: str) -> dict:
    """antq's stage lines: `antq: read … (948.2 ms)`, `validated and indexed …`, `reviewed …`,
    `wrote the verdicts …` (printed for datasets of 10,000 units or more)."""
    ms, units = {}, None
    for line in stderr.splitlines():
        m = STAGE.match(line.strip())
        if m:
            what, v = m.group(1), float(m.group(2)) / 1e3
            key = ("read" if what.startswith("read ") else "prepare" if what.startswith("validated")
                   else "review" if what.startswith("reviewed") else "write" if what.startswith("wrote") else None)
            if key:
                ms[key] = v
            if key == "review":
                units = int(what.split()[1])
    if {"prepare", "review"} <= ms.keys():
        ms["evaluate"] = ms["prepare"] + ms["review"]
    return {**{f"{k}_s": v for k, v in ms.items()}, "units": units, "threads": os.cpu_count()}


def run(engine: str, antq: str, data: str, year: int, work: str) -> Run:
    """One fresh process: wall time from spawn to exit, and its own peak memory."""
    name = engine.replace(", ", "-").replace(" ", "-")
    out_csv = os.path.join(work, f"{name}.csv")
    timings = os.path.join(work, f"{name}.timings.json")
    for p in (out_csv, timings):
        if os.path.exists(p):
            os.remove(p)
    # Through /usr/bin/time, whose %M is the engine's own peak: a process started straight from
    # this one would count this process's resident memory at the fork in its peak.
    rss = os.path.join(work, f"{name}.rss")
    cmd = ["/usr/bin/time", "-f", "%M", "-o", rss, *command(engine, antq, data, year, out_csv, timings)]
    antq_cli = engine in ANTQ_CLI or engine == UNIT_ORDER
    with tempfile.TemporaryFile() as err, open(out_csv if antq_cli else os.devnull, "wb") as out:
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=out, stderr=err, cwd=HERE, check=False)
        wall = time.perf_counter() - t0
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    with open(rss, encoding="utf-8") as f:
        peak_kib = int(f.read().split()[-1])
    stages = {}
    if antq_cli:
        stages = antq_stages(stderr)
    elif os.path.exists(timings):
        with open(timings, encoding="utf-8") as f:
            stages = json.load(f)
        stages["self_reported_peak_rss_kib"] = stages.pop("peak_rss_kib", None)
    return Run(engine, wall, peak_kib, p.returncode, stages, out_csv, stderr)


def outcomes(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {r["unit"]: r["outcome"] for r in rows}
    if len(got) != len(rows):
        got["(duplicate unit rows)"] = str(len(rows) - len(got))
    return got


def differences(expected: dict[str, str], got: dict[str, str]) -> list[str]:
    return [f"{u}: antq {expected.get(u, '-')}, peer {got.get(u, '-')}"
            for u in sorted(expected.keys() | got.keys()) if expected.get(u) != got.get(u)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--antq", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--out", required=True)
    ap.add_argument("--unit-order-data", default=None,
                    help="the same records in the generator's order (to_parquet.py --keep-order): adds "
                         f"'{UNIT_ORDER}', antq on them, as a diagnostic")
    a = ap.parse_args()
    engines = a.engines.split(",")
    unknown = [e for e in engines if e not in ENGINES]
    if unknown or "antq" not in engines:
        ap.error(f"--engines: known {ENGINES}, antq among them; got {engines}")
    work = tempfile.mkdtemp(prefix="antq-peers-")
    status = 0
    records = []

    def record(r: Run, round_: int, matches: bool | None, n_diff: int = 0, first: list[str] | None = None) -> None:
        records.append({"engine": r.engine, "round": round_, "wall_s": r.wall_s, "peak_rss_kib": r.peak_rss_kib,
                        "exit_code": r.exit_code, "matches_antq": matches, "differences": n_diff,
                        "first": first or [], **{k: v for k, v in r.stages.items() if k != "engine"}})

    # 1. The check: antq's outcomes are the reference; every peer must give the same.
    ref = run("antq", a.antq, a.data, a.year, work)
    if ref.exit_code != 0:
        print(f"antq failed ({ref.exit_code}):\n{ref.stderr}", file=sys.stderr)
        return 1
    expected = outcomes(ref.csv)
    record(ref, 0, True)
    timed = ["antq"]
    data = {e: a.data for e in engines}
    if a.unit_order_data:
        engines.insert(1, UNIT_ORDER)
        data[UNIT_ORDER] = a.unit_order_data
    for eng in [e for e in engines if e != "antq"]:
        r = run(eng, a.antq, data[eng], a.year, work)
        if r.exit_code != 0:
            print(f"{eng}: failed ({r.exit_code}); not timing.\n{r.stderr}", file=sys.stderr)
            record(r, 0, False)
            status = 3
            continue
        diff = differences(expected, outcomes(r.csv))
        record(r, 0, not diff, len(diff), diff[:10])
        if diff:
            print(f"{eng}: {len(diff)} outcome(s) differ from antq's; not timing. First ones:\n  "
                  + "\n  ".join(diff[:10]), file=sys.stderr)
            status = 3
        else:
            print(f"{eng}: every one of {len(expected):,} outcomes equals antq's", file=sys.stderr)
            timed.append(eng)

    # 2. Interleaved rounds, each engine a fresh process, order rotated every round.
    for round_ in range(1, a.rounds + 1):
        k = (round_ - 1) % len(timed)
        order = timed[k:] + timed[:k]
        print(f"round {round_} of {a.rounds}: {', '.join(order)}", file=sys.stderr)
        for eng in order:
            r = run(eng, a.antq, data[eng], a.year, work)
            diff = differences(expected, outcomes(r.csv)) if r.exit_code == 0 else ["(failed)"]
            record(r, round_, not diff, len(diff), diff[:10])
            if diff:
                print(f"{eng}: round {round_}: outcomes differ from antq's ({len(diff)})", file=sys.stderr)
                status = 3
            else:
                print(f"  {eng}: {r.wall_s:.3f} s whole process, evaluation "
                      f"{r.stages.get('evaluate_s', float('nan')):.3f} s, peak {r.peak_rss_kib / 1024:.0f} MiB",
                      file=sys.stderr)

    with open(a.out, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
