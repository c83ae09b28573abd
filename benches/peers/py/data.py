"""Flat tables of an antq dataset (the forms of core/src/table.rs) for the Python peers.

Reading JSON into DataFrames is "parsing" and is timed apart from evaluation.
The peers implement Circular 124 for datasets shaped like `antq generate` output; anything
they do not model (parent changes over time) is refused rather than silently mis-evaluated.
"""

import json
from dataclasses import dataclass

import pandas as pd

# Circular 124 as the preset vn.c124-2021 encodes it (windows are per kind).
EVALUATED = ["residential_area", "commune", "agency", "enterprise", "school"]
LISTED = ["anti_state", "sabotage", "illegal_religion", "separatism", "prolonged_dispute", "incitement"]
SCHOOL_SECURITY = ["security_loss", "incitement", "illegal_religion"]
SCHOOL_VIOLENCE = ["school_violence"]
OUT_OF_SCOPE_SIZES = ["micro", "small"]
OUT_OF_SCOPE_LEVELS = ["creche", "kindergarten", "primary"]


def windows(year):
    """(start, end) per kind, inclusive."""
    ra = (pd.Timestamp(year - 1, 11, 1), pd.Timestamp(year, 10, 31))
    other = (pd.Timestamp(year - 1, 11, 16), pd.Timestamp(year, 11, 15))
    return {"residential_area": ra, "commune": other, "agency": other, "enterprise": other, "school": other}


def q1_end(year):
    return pd.Timestamp(year, 3, 31)


def as_of(year):
    """Reference date for the hierarchy: the latest window end (15 November)."""
    return pd.Timestamp(year, 11, 15)


@dataclass
class Tables:
    units: pd.DataFrame  # id, kind, armed_forces, size, level, parent, valid_from, valid_until
    evidence: pd.DataFrame  # unit, indicators…, attested:KEY… (only the evaluation year)
    incidents: pd.DataFrame  # unit, date, category


def load(path, year):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    units = pd.DataFrame(d["units"])
    if "parent_changes" in units and units["parent_changes"].notna().any():
        raise NotImplementedError("the peers do not model parent_changes; use a generated dataset")
    for col in ["armed_forces", "size", "level", "parent", "valid_from", "valid_until"]:
        if col not in units:
            units[col] = None
    for col in ["valid_from", "valid_until"]:
        units[col] = pd.to_datetime(units[col])

    ev = pd.DataFrame(d.get("evidence", []))
    ev = ev[ev["year"] == year].reset_index(drop=True)
    if ev["unit"].duplicated().any():
        raise ValueError("more than one evidence record for a unit and year")
    if "attested" in ev:
        att = pd.DataFrame(ev["attested"].map(lambda a: a if isinstance(a, dict) else {}).tolist())
        att.columns = ["attested:" + c for c in att.columns]
        ev = pd.concat([ev.drop(columns=["attested"]), att], axis=1)
    for col in ["resolution_date", "plan_date", "registration_date"]:
        ev[col] = pd.to_datetime(ev[col]) if col in ev else pd.NaT

    inc = pd.DataFrame(d.get("incidents", []), columns=["unit", "date", "category"])
    inc["date"] = pd.to_datetime(inc["date"])
    return Tables(units, ev, inc)


def column(df, name):
    """A column, or all-missing if the dataset never records it (missing is unknown)."""
    return df[name] if name in df else pd.Series(pd.NA, index=df.index, dtype="object")
