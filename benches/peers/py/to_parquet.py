"""Converts an antq dataset (JSON, as `antq generate` writes it) into the flat tables of
antq's table forms (`core/src/table/`, Python `to_frames()`), as Parquet files, with the
records of every table shuffled (seeded), and writes the same shuffled records back as antq
JSON, so that antq and the peers read the same records in the same order and no engine
benefits from the generator's unit order.

    python to_parquet.py DATASET.json OUT_DIR [--seed S] [--keep-order]

OUT_DIR receives `units.parquet`, `evidence.parquet`, `incidents.parquet`,
`activities.parquet` and `dataset.json`.

Columns (names as in `core/src/table/`):

- units: id, name, kind, subkind, armed_forces, size, level, parent, parent_changes (JSON
  text), valid_from, valid_until;
- evidence: unit, year, every indicator by name, `attested:KEY` per attested key (text:
  yes / no / unknown), `points:ITEM:self` / `points:ITEM:reviewed` per points item;
- incidents: unit, date, category, note;
- activities: unit, date, count, type, then the fields of every type.

Dates are Parquet dates (`*_date`, `date`, `valid_from`, `valid_until`), counts unsigned
64-bit integers, flags booleans, anything else text. Optional columns no record fills are
left out, as antq leaves them out; the required ones are always written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

# Column order of the table forms; the first `required` columns are written even if empty.
UNITS = ["id", "name", "kind", "subkind", "armed_forces", "size", "level", "parent", "parent_changes",
         "valid_from", "valid_until"]
INCIDENTS = ["unit", "date", "category", "note"]
ACTIVITIES = ["unit", "date", "count", "type", "attendees", "valuable", "name", "sites", "typical", "participants",
              "issuer", "form", "recipient", "reformed", "amount_vnd", "houses"]
DATE_COLUMNS = {"date", "valid_from", "valid_until"}


def is_date(name: str) -> bool:
    return name in DATE_COLUMNS or name.endswith("_date")


def arrow_column(name: str, values: list[Any]) -> pa.Array:
    """One column, typed by its name (dates) or its values (booleans, counts, text)."""
    present = [v for v in values if v is not None]
    if name == "parent_changes":
        return pa.array([None if v is None else json.dumps(v, ensure_ascii=False) for v in values], pa.string())
    if is_date(name):
        return pa.array([None if v is None else dt.date.fromisoformat(v) for v in values], pa.date32())
    if present and all(isinstance(v, bool) for v in present):
        return pa.array(values, pa.bool_())
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        signed = name == "year" or min(present) < 0  # the year is a signed integer in antq's forms
        return pa.array(values, pa.int64() if signed else pa.uint64())
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return pa.array(values, pa.float64())
    return pa.array(values, pa.string())


def table(records: list[dict[str, Any]], schema: list[str], required: int) -> pa.Table:
    """Records to a table: the schema's columns in order (optional ones only if filled),
    then any other field in order of first appearance."""
    names = list(schema)
    for r in records:
        for k in r:
            if k not in names:
                names.append(k)
    columns = {}
    for i, name in enumerate(names):
        values = [r.get(name) for r in records]
        if i >= required and all(v is None for v in values):
            continue
        columns[name] = arrow_column(name, values)
    return pa.table(columns)


def flat_evidence(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Evidence records with `attested` and `points` spread into columns."""
    out = []
    for e in records:
        row = {k: v for k, v in e.items() if k not in ("attested", "points")}
        for k, v in (e.get("attested") or {}).items():
            row["attested:" + k] = v if isinstance(v, str) else ("yes" if v else "no")
        for item, score in (e.get("points") or {}).items():
            for side in ("self", "reviewed"):
                if score.get(side) is not None:
                    row[f"points:{item}:{side}"] = score[side]
        out.append(row)
    return out


def evidence_table(records: list[dict[str, Any]]) -> pa.Table:
    """unit, year, the indicators, then the attested and points columns, each group sorted
    by name (as antq writes them)."""
    flat = flat_evidence(records)
    names: dict[str, None] = {}
    for r in flat:
        names.update(dict.fromkeys(r))
    extra = sorted(n for n in names if ":" in n)
    indicators = [n for n in names if n not in ("unit", "year") and ":" not in n]
    return table(flat, ["unit", "year", *indicators, *extra], 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset")
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep-order", action="store_true",
                    help="do not shuffle (a diagnostic: the generator's unit order, which favours every engine)")
    a = ap.parse_args()

    with open(a.dataset, encoding="utf-8") as f:
        d = json.load(f)
    rng = random.Random(a.seed)
    for part in ("units", "evidence", "incidents", "activities"):
        if d.get(part) and not a.keep_order:
            rng.shuffle(d[part])

    # An agency's `armed_forces` is left out of JSON when false; in a table an empty cell is
    # unknown (antq refuses it for an agency), so `false` is written.
    for u in d["units"]:
        if u.get("kind") == "agency":
            u.setdefault("armed_forces", False)
    os.makedirs(a.out_dir, exist_ok=True)
    tables = {
        "units": table(d["units"], UNITS, 3),
        "evidence": evidence_table(d.get("evidence", [])),
        "incidents": table(d.get("incidents", []), INCIDENTS, 3),
        "activities": table(d.get("activities", []), ACTIVITIES, 4),
    }
    for name, t in tables.items():
        pq.write_table(t, os.path.join(a.out_dir, f"{name}.parquet"))
    with open(os.path.join(a.out_dir, "dataset.json"), "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False, separators=(",", ":"))
    print(json.dumps({name: t.num_rows for name, t in tables.items()}))


if __name__ == "__main__":
    main()
