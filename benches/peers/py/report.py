"""Combines the runs of `peers.py` (one JSON line per process) into results.json and prints
the table. Standard library only. Exit 3 if any engine's outcomes differed from antq's, on
the timed data or the edge-case data.

    python report.py --command CMD --data DATA_DIR --generator GEN --seed S --year Y
                     --uptime-start TEXT --edge EDGE.jsonl --out results.json RUNS.jsonl
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import statistics
import subprocess

ORDER = ["antq", "antq, unit order", "antq-parquet", "antq-parquet-compact", "antq-python", "antq-python-review",
         "polars", "duckdb",
         "pandas", "zen-engine", "json-rules-engine"]
WHAT = {
    "antq": "`antq review` CLI on the JSON file (read + validate/index + review + CSV of every verdict)",
    "antq, unit order": "the same, on the same records in the generator's unit order (a diagnostic)",
    "antq-parquet": "`antq review` CLI on the Parquet tables (CSV of every verdict, 29 columns)",
    "antq-parquet-compact": "`antq review --columns unit,outcome` CLI on the Parquet tables (CSV of unit, outcome)",
    "antq-python": "Python `antq.write_verdicts` of the Parquet folder (read, validated once, reviewed and written as CSV of unit, outcome in Rust, one call: its evaluation step includes the read and the write)",
    "antq-python-review": "Python `antq.review` of the Parquet folder as a polars DataFrame of unit, outcome (read and frame built in Rust, one call: its evaluation step includes the read), written as CSV by polars",
    "polars": "polars lazy query over the Parquet tables",
    "duckdb": "DuckDB SQL (CTEs) over the Parquet tables",
    "pandas": "vectorised pandas over the Parquet tables",
    "zen-engine": "pandas features + one zen-engine decision per unit, over the Parquet tables",
    "json-rules-engine": "Node: facts in JavaScript + one json-rules-engine run per unit, on the JSON file",
}


def lines(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def sh(*cmd: str) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unavailable"


def machine() -> dict:
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
    return {"nproc": os.cpu_count(), "cpu": cpu, "os": pretty, "rustc": sh("rustc", "--version"),
            "node": sh("node", "--version"), "python": platform.python_version()}


def summary(values: list[float]) -> dict:
    return {"best": min(values), "median": statistics.median(values), "all": values} if values else {}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--command", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--generator", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--uptime-start", default="")
    ap.add_argument("--edge", default=None)
    ap.add_argument("--out", required=True)
    ap.add_argument("runs")
    a = ap.parse_args()

    runs = lines(a.runs)
    edge = lines(a.edge) if a.edge else []
    problems = [f"{r['engine']}: {r['differences']} outcome(s) differ from antq's (round {r['round']}); "
                f"first: {r['first'][:3]}" for r in runs if r["matches_antq"] is False]
    problems += [f"{r['engine']}: edge-case data: {r['differences']} outcome(s) differ from antq's; "
                 f"first: {r['first'][:3]}" for r in edge if r["matches_antq"] is False]
    engines = {}
    for eng in [e for e in ORDER if any(r["engine"] == e for r in runs)]:
        timed = [r for r in runs if r["engine"] == eng and r["round"] >= 1 and r["matches_antq"]]
        if not timed:
            continue
        first = timed[0]
        engines[eng] = {
            "what": WHAT[eng],
            "runs": len(timed),
            "whole_process_s": summary([r["wall_s"] for r in timed]),
            "evaluate_s": summary([r["evaluate_s"] for r in timed if "evaluate_s" in r]),
            "read_s": summary([r["read_s"] for r in timed if "read_s" in r]),
            "write_s": summary([r["write_s"] for r in timed if "write_s" in r]),
            "decide_s": summary([r["decide_s"] for r in timed if "decide_s" in r]),
            "peak_rss_mib": summary([r["peak_rss_kib"] / 1024 for r in timed]),
            "threads": first.get("threads"),
            "versions": first.get("versions", {}),
            "units": first.get("units"),
        }
    if "antq" not in engines:
        print("no timed antq run")
        return 3
    base = engines["antq"]
    for e in engines.values():
        for k in ("whole_process_s", "evaluate_s"):
            if e[k] and base[k]:
                e[f"{k}_median_over_antq"] = e[k]["median"] / base[k]["median"]

    with open(os.path.join(a.data, "dataset.json"), "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    with open(os.path.join(a.data, "dataset.json"), encoding="utf-8") as f:
        d = json.load(f)
    units = len(d["units"])
    check = next(r for r in runs if r["engine"] == "antq" and r["round"] == 0)
    evaluated = base["units"]
    sizes = {n: os.path.getsize(os.path.join(a.data, n)) for n in sorted(os.listdir(a.data))}
    decoded = parquet_decoded_bytes(a.data)
    for e in engines.values():
        if e["peak_rss_mib"]:
            e["peak_over_decoded_tables"] = e["peak_rss_mib"]["median"] * 2**20 / decoded
    load = os.getloadavg()
    result = {
        "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": a.command,
        "machine": {**machine(), "uptime_at_start": a.uptime_start, "uptime_at_end": sh("uptime"),
                    "load_average_1_5_15_at_end": [round(x, 2) for x in load]},
        "dataset": {"generator": a.generator, "seed": a.seed, "year": a.year, "units": units,
                    "units_evaluated": evaluated, "evidence": len(d.get("evidence", [])),
                    "incidents": len(d.get("incidents", [])), "records_shuffled_with_seed": a.seed,
                    "dataset_json_sha256": sha, "file_bytes": sizes,
                    # What the Parquet tables hold once decoded (pyarrow's `Table.nbytes`): the
                    # data itself, which the compressed files' sizes are not.
                    "parquet_decoded_bytes": decoded},
        "rounds": max(r["round"] for r in runs),
        "engines": engines,
        "edge_case_check": {r["engine"]: r["matches_antq"] for r in edge if r["engine"] != "antq"},
        "antq_check_run": {k: check.get(k) for k in ("wall_s", "read_s", "evaluate_s", "write_s")},
        "problems": problems,
        "raw": runs,
    }
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
        f.write("\n")

    print(f"\nCircular 124 (vn.c124-2021), year {a.year}: {units:,} units ({evaluated:,} evaluated), "
          f"{a.generator}, records shuffled (seed {a.seed}); {result['rounds']} interleaved rounds, "
          "each engine a fresh process per round\n")
    print(table(result))
    for p in problems:
        print("PROBLEM:", p)
    print(f"\nwrote {a.out}")
    return 3 if problems else 0


def table(result: dict) -> str:
    """The Markdown table of results.json's engines."""
    header = ("| engine | whole process, best / median (s) | evaluation step, best / median (s) | read, median (s) "
              "| write, median (s) | peak RSS, median (MiB) | peak ÷ decoded tables | threads "
              "| whole ÷ antq's (medians) | evaluation ÷ antq's (medians) |")
    rows = [header, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for eng, e in result["engines"].items():
        evaluation = best_median(e["evaluate_s"])
        if e["decide_s"]:
            evaluation += f" (decisions {e['decide_s']['median']:.3f})"
        rows.append(f"| {eng} | {best_median(e['whole_process_s'])} | {evaluation} | {median(e['read_s'])} | "
                    f"{median(e['write_s'])} | {e['peak_rss_mib']['median']:.0f} | "
                    f"{ratio(e, 'peak_over_decoded_tables')} | {e['threads']} | "
                    f"{ratio(e, 'whole_process_s_median_over_antq')} | {ratio(e, 'evaluate_s_median_over_antq')} |")
    return "\n".join(rows)


def parquet_decoded_bytes(data: str) -> int:
    """The bytes the folder's Parquet tables hold once read into Arrow (pyarrow's count)."""
    import pyarrow.parquet as pq

    return sum(pq.read_table(os.path.join(data, n)).nbytes for n in sorted(os.listdir(data)) if n.endswith(".parquet"))


def best_median(s: dict) -> str:
    return f"{s['best']:.3f} / {s['median']:.3f}" if s else "–"


def median(s: dict) -> str:
    return f"{s['median']:.3f}" if s else "–"


def ratio(e: dict, key: str) -> str:
    return f"{e[key]:.2f}" if key in e else "–"


if __name__ == "__main__":
    raise SystemExit(main())
