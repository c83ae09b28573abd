"""Combines the timings of benches/peers/run.sh into a table (stdout, Markdown) and
results.json. Standard library only. Exit 3 if any peer's outcomes differ from antq's."""

import argparse
import datetime
import hashlib
import json
import os
import platform
import subprocess

GOALS = {"zen-engine": 50.0, "pandas": 5.0}


def lines(paths):
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            out += [json.loads(line) for line in f if line.strip().startswith("{")]
    return out


TIMINGS = ["review_s", "review_only_s", "evaluate_s", "parse_review_s", "validate_s", "decide_s", "prepare_decide_s",
           "parse_s"]


def merge(results):
    """One entry per engine over all rounds: the best of each timing, the per-round values, and
    whether every round matched antq."""
    by = {}
    for r in results:
        by.setdefault(r["engine"], []).append(r)
    out = {}
    for eng, rs in by.items():
        m = dict(rs[-1])
        m["matches_antq"] = all(r.get("matches_antq", True) for r in rs)
        for r in rs:
            if not r.get("matches_antq", True):
                m.update(differences=r.get("differences"), first=r.get("first"))
        for k in TIMINGS:
            vals = [r[k] for r in rs if k in r]
            if vals:
                m[k], m[k + "_rounds"] = min(vals), vals
        m["rounds"] = len(rs)
        out[eng] = m
    return out


def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unavailable"


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    pretty = platform.platform()
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    pretty = line.split("=", 1)[1].strip().strip('"') + f", Linux {platform.release()}"
    return {"nproc": int(sh("nproc")) if sh("nproc").isdigit() else os.cpu_count(), "cpu": cpu, "os": pretty,
            "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
            "rustc": sh("rustc", "--version"), "node": sh("node", "--version"),
            "python": platform.python_version()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--command", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--units-arg", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--edge", nargs="+", default=[])
    ap.add_argument("--load-start", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("timings", nargs="+")
    a = ap.parse_args()

    runs = merge(lines(a.timings))
    edge = merge(lines(a.edge))
    with open(a.data, "rb") as f:
        raw = f.read()
    units_total = len(json.loads(raw)["units"])
    antq = runs["antq"]
    base = antq["review_s"]
    n = antq["units_evaluated"]

    rows = [("antq", "review", "`Prepared::new` + `review` on the parsed dataset: validation, index, hierarchy, "
             "windows, roll-ups, every unit's outcome and criteria statuses (explanations on request)",
             base, antq["review_s_rounds"]),
            ("antq", "review, prepared", "the review alone on a dataset prepared once (every further review "
             "of the same data)", antq["review_only_s"], antq["review_only_s_rounds"]),
            ("antq", "evaluate", "`antq::evaluate`: the review plus every unit's explained result written "
             "(checks, observed values, thresholds, bilingual sentences, missing lists)",
             antq["evaluate_s"], antq["evaluate_s_rounds"]),
            ("antq", "parse + review", "reading the JSON file into a `Dataset`, then the review",
             antq["parse_review_s"], antq["parse_review_s_rounds"])]
    what = {
        ("pandas", "prepare_decide_s"): ("features + decision", "vectorised pipeline from DataFrames to outcomes "
                                         "(windowed incident counts, roll-ups, three-valued criteria)"),
        ("zen-engine", "decide_s"): ("decision only", "`ZenEngine.evaluate` once per unit on prepared contexts "
                                     "(criteria in an expression node, outcome in a decision table)"),
        ("zen-engine", "prepare_decide_s"): ("features + decision", "pandas features and CW-4 roll-up, per-unit "
                                             "contexts, then the decisions above"),
        ("json-rules-engine", "decide_s"): ("decision only", "`engine.run` once per unit on prepared facts"),
        ("json-rules-engine", "prepare_decide_s"): ("features + decision", "facts built in JavaScript (windowed "
                                                    "incident counts, roll-up), then the decisions above"),
    }
    problems = []
    for eng in ["pandas", "zen-engine", "json-rules-engine"]:
        r = runs.get(eng)
        if r is None or not r.get("matches_antq"):
            problems.append(f"{eng}: outcomes differ from antq ({(r or {}).get('differences', 'no result')}); not timed")
            continue
        for key in ["decide_s", "prepare_decide_s"]:
            if (eng, key) in what:
                rows.append((eng, *what[(eng, key)], r[key], r[key + "_rounds"]))
    for eng in ["pandas", "zen-engine", "json-rules-engine"]:
        e = edge.get(eng)
        if e is None or not e.get("matches_antq"):
            problems.append(f"{eng}: edge-case outcomes differ from antq ({(e or {}).get('differences', 'no result')})")

    print(f"\nPeer comparison: Circular 124 (vn.c124-2021), year {a.year}, {units_total:,} units generated "
          f"({n:,} evaluated), seed {a.seed}, best of {antq['rounds']} rounds × {antq['repeat']} runs")
    print("\n| engine | timed | best (s) | µs per unit | ÷ antq review | best of each round (s) |")
    print("|---|---|---:|---:|---:|---|")
    for eng, timed, _, s, per in rows:
        print(f"| {eng} | {timed} | {s:.3f} | {s / n * 1e6:.1f} | {s / base:.1f} | "
              + " / ".join(f"{v:.3f}" for v in per) + " |")
    py = runs.get("pandas") or runs.get("zen-engine") or {}
    js = runs.get("json-rules-engine") or {}
    if antq.get("validate_s") is not None:
        print(f"\nOf antq's review time, {antq['validate_s']:.3f} s is the dataset and rule-set validation.")
    if py.get("parse_s") is not None:
        print(f"\nParsing (not in the peers' rows): Python json.load + DataFrames {py['parse_s']:.3f} s; "
              f"Node JSON.parse {js.get('parse_s', float('nan')):.3f} s.")
    goals = {}
    for eng, need in GOALS.items():
        r = runs.get(eng) or {}
        if not r.get("matches_antq"):
            continue
        for mode, t in [("review", base), ("every_explanation_written", antq["evaluate_s"])]:
            ratio = r["prepare_decide_s"] / t
            g = {"goal_times_faster": need, "measured_features_and_decision": round(ratio, 2), "met": ratio >= need}
            if "decide_s" in r:
                g["measured_decision_only"] = round(r["decide_s"] / t, 2)
            goals.setdefault(eng, {})[mode] = g
            print(f"Goal antq ({mode.replace('_', ' ')}) ≥ {need:g}× faster than {eng}: measured {ratio:.1f}× "
                  "(features + decision" + (f"; decision only {r['decide_s'] / t:.1f}×" if "decide_s" in r else "")
                  + f") — {'met' if ratio >= need else 'NOT met'}.")
    for p in problems:
        print("PROBLEM:", p)

    result = {
        "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": a.command,
        "machine": {**machine(), "load_average_1_5_15_at_start": [float(v) for v in a.load_start.split()]},
        "dataset": {"generator": f"antq generate ({a.units_arg})", "seed": a.seed, "year": a.year,
                    "units": units_total, "units_evaluated": n, "sha256": hashlib.sha256(raw).hexdigest()},
        "repeat": antq["repeat"],
        "rounds": antq["rounds"],
        "rows": [{"engine": e, "timed": t, "covers": c, "seconds": round(s, 6), "us_per_unit": round(s / n * 1e6, 3),
                  "ratio_to_antq_review": round(s / base, 3), "best_of_each_round": [round(v, 6) for v in per]}
                 for e, t, c, s, per in rows],
        "raw": list(runs.values()),
        "edge_case_check": {k: v.get("matches_antq", False) for k, v in edge.items()},
        "goals": goals,
        "problems": problems,
    }
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
        f.write("\n")
    m = result["machine"]
    print(f"Load average (1, 5, 15 min) at the start of timing {m['load_average_1_5_15_at_start']}, "
          f"at the end {m['load_average_1_5_15']}, on {m['nproc']} CPUs.")
    print(f"\nwrote {a.out}")
    return 3 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
