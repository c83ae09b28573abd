"""Runs the Python peers (vectorised pandas, zen-engine) on a dataset: each first checks that
its outcome for every unit equals antq's (benches/peers/run.sh writes antq's CSV), and is
timed only if all match (REPEAT 0: check only). Prints one JSON line per engine. Exit 3 if
any differ.

    python peers.py DATASET.json YEAR REPEAT ANTQ.csv
"""

import json
import sys
import time
from importlib.metadata import version

import pandas as pd

import data
import pandas_c124
import zen_c124


def differences(expected, got):
    j = expected.to_frame("antq").join(got.rename("peer"), how="outer")
    bad = j[j["antq"].fillna("-") != j["peer"].fillna("-")]
    return [f"{u}: antq {r.antq}, peer {r.peer}" for u, r in bad.head(10).iterrows()], len(bad)


def best_of(repeat, run):
    """Best (smallest) of each timing over `repeat` runs; run() returns a dict of seconds."""
    best = {}
    for _ in range(repeat):
        for k, v in run().items():
            best[k] = min(best.get(k, float("inf")), v)
    return best


def main():
    path, year, repeat, antq_csv = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    expected = pd.read_csv(antq_csv, dtype=str).set_index("unit")["outcome"]
    t0 = time.perf_counter()
    tables = data.load(path, year)
    parse_s = time.perf_counter() - t0
    status = 0

    def pandas_run():
        t = time.perf_counter()
        pandas_c124.evaluate(tables, year)
        return {"prepare_decide_s": time.perf_counter() - t}

    eng = zen_c124.engine()

    def zen_run():
        tm = {}
        t = time.perf_counter()
        zen_c124.evaluate(tables, year, eng, tm)
        return {"prepare_decide_s": time.perf_counter() - t, "decide_s": tm["decide_s"]}

    peers = [
        ("pandas", lambda: pandas_c124.evaluate(tables, year), pandas_run, {"pandas": version("pandas"), "numpy": version("numpy")}),
        ("zen-engine", lambda: zen_c124.evaluate(tables, year, eng), zen_run, {"zen-engine": version("zen-engine"), "pandas": version("pandas")}),
    ]
    for name, outcomes, timed, versions in peers:
        got = outcomes()
        first, n = differences(expected, got)
        if n:
            print(f"{name}: {n} outcome(s) differ from antq; not timing. First ones:\n  " + "\n  ".join(first), file=sys.stderr)
            print(json.dumps({"engine": name, "matches_antq": False, "differences": n, "first": first}), flush=True)
            status = 3
            continue
        best = best_of(repeat, timed) if repeat > 0 else {}  # repeat 0: check only
        print(json.dumps({"engine": name, "units_evaluated": len(got), "matches_antq": True, "repeat": repeat,
                          "parse_s": parse_s, **best, "versions": versions,
                          "python": sys.version.split()[0]}), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
