"""Renders a results.json of benches/peers/run.sh as the measured part of BENCHMARKS.md
("Peer comparison"): run, machine, data, the table. Standard library only.

    python markdown.py benches/peers/results.json
"""

import json
import sys

from report import table


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        r = json.load(f)
    m, d, e = r["machine"], r["dataset"], r["engines"]
    versions = {}
    for x in e.values():
        versions.update(x.get("versions", {}))
    print(f"- **Command**: `{r['command']}` (from the repository root)")
    print(f"- **Date**: {r['date_utc']}")
    print(f"- **Machine**: `nproc` = {m['nproc']}, CPU `{m['cpu']}`, {m['os']}. `uptime` at the start of timing: "
          f"`{m['uptime_at_start'].strip()}`; at the end: `{m['uptime_at_end'].strip()}`")
    node = f"; Node {m['node']} with json-rules-engine {versions['json-rules-engine']}" \
        if "json-rules-engine" in versions else ""
    print(f"- **Software**: {m['rustc']}; Python {m['python']} with "
          + ", ".join(f"{k} {v}" for k, v in sorted(versions.items()) if k != "json-rules-engine") + node)
    print(f"- **Data**: `{d['generator']}`, seed {d['seed']}, year {d['year']}: {d['units']:,} units "
          f"({d['units_evaluated']:,} evaluated), {d['evidence']:,} evidence records, {d['incidents']:,} incidents; "
          f"every table's records shuffled (seed {d['records_shuffled_with_seed']}); `dataset.json` "
          f"{d['file_bytes']['dataset.json'] / 1e6:.1f} MB (sha256 `{d['dataset_json_sha256'][:16]}…`), Parquet "
          + ", ".join(f"{n} {b / 1e6:.1f} MB" for n, b in d["file_bytes"].items() if n.endswith(".parquet")))
    print(f"- **Timing**: {r['rounds']} interleaved rounds; in each, every engine ran once as a fresh process "
          "(order rotated every round); best and median over the rounds")
    print("- **Outcomes equal to antq's for every unit**: timed data — "
          + ", ".join(f"{k} yes" for k in e if not k.startswith("antq"))
          + "; edge-case data — "
          + ", ".join(f"{k} {'yes' if ok else 'NO'}" for k, ok in r["edge_case_check"].items()))
    print()
    print(table(r))
    if r["problems"]:
        print()
        for p in r["problems"]:
            print(f"- PROBLEM: {p}")


if __name__ == "__main__":
    main()
