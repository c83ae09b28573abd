"""Renders a results.json of benches/peers/run.sh as the measured part of BENCHMARKS.md
("Peer comparison"): run, machine, dataset, table, goals. Standard library only.

    python markdown.py benches/peers/results.json
"""

import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        r = json.load(f)
    m, d = r["machine"], r["dataset"]
    raw = {x["engine"]: x for x in r["raw"]}
    v = {}
    for x in r["raw"]:
        v.update(x.get("versions", {}))
    print(f"- **Command**: `{r['command']}` (from the repository root)")
    print(f"- **Date**: {r['date_utc']}")
    print(f"- **Machine**: `nproc` = {m['nproc']}, CPU `{m['cpu']}` (model name in /proc/cpuinfo), {m['os']}; "
          f"load average (1/5/15 min) {m.get('load_average_1_5_15_at_start')} at the start of timing and "
          f"{m['load_average_1_5_15']} at the end (the machine is shared)")
    print(f"- **Software**: {m['rustc']}; Python {m['python']} with "
          + ", ".join(f"{k} {val}" for k, val in sorted(v.items()) if k != "json-rules-engine")
          + f"; Node {m['node']} with json-rules-engine {v.get('json-rules-engine', '?')}")
    size = d["generator"].split("(")[-1].rstrip(")")
    gen = "antq generate --national" if size == "national" else f"antq generate --units {size}"
    print(f"- **Data**: `{gen}`, seed {d['seed']}, "
          f"year {d['year']}: {d['units']:,} units, {d['units_evaluated']:,} evaluated; sha256 `{d['sha256'][:16]}…`")
    print(f"- **Timing**: best of {r['rounds']} interleaved rounds × {r['repeat']} runs per engine; "
          "every round first checks every unit's outcome against antq's")
    print(f"- **Outcomes equal to antq's**: generated data — "
          + ", ".join(f"{e} {'yes' if raw.get(e, {}).get('matches_antq') else 'NO'}"
                      for e in ["pandas", "zen-engine", "json-rules-engine"])
          + "; edge-case data — "
          + ", ".join(f"{e} {'yes' if ok else 'NO'}" for e, ok in r["edge_case_check"].items()))
    print()
    print("| engine | timed | best (s) | µs per unit | ÷ antq review | best of each round (s) |")
    print("|---|---|---:|---:|---:|---|")
    for row in r["rows"]:
        print(f"| {row['engine']} | {row['timed']} | {row['seconds']:.3f} | {row['us_per_unit']:.1f} | "
              f"{row['ratio_to_antq_review']:.2f} | " + " / ".join(f"{x:.3f}" for x in row["best_of_each_round"]) + " |")
    print()
    a = raw["antq"]
    print(f"antq's review includes {a['validate_s']:.3f} s of dataset and rule-set validation. "
          f"Parsing, not in the peers' rows: Python `json.load` + DataFrames "
          f"{raw.get('pandas', raw.get('zen-engine', {})).get('parse_s', float('nan')):.3f} s, Node `JSON.parse` "
          f"{raw.get('json-rules-engine', {}).get('parse_s', float('nan')):.3f} s.")
    print()
    print("| goal | antq timed | measured | met |")
    print("|---|---|---|---|")
    for eng, modes in r["goals"].items():
        for mode, g in modes.items():
            extra = f"; decision only {g['measured_decision_only']:.2f}×" if "measured_decision_only" in g else ""
            print(f"| antq ≥ {g['goal_times_faster']:g}× faster than {eng} | {mode.replace('_', ' ')} | "
                  f"{g['measured_features_and_decision']:.2f}× (features + decision{extra}) | "
                  f"{'yes' if g['met'] else '**no**'} |")


if __name__ == "__main__":
    main()
