"""The Parquet tables (written by `to_parquet.py`) as plain pandas DataFrames, for the
zen-engine peer: `read` loads them, `prepare` keeps the evaluation year's evidence and turns
dates into timestamps. The peers implement Circular 124 for datasets shaped like
`antq generate` output; what they do not model (parent changes over time) is refused rather
than silently mis-evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from c124 import COLUMNS
from c124 import as_of as as_of_date
from c124 import q1_end as q1_end_date
from c124 import windows as window_dates


def windows(year: int) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
    """(start, end) per kind, inclusive."""
    return {k: (pd.Timestamp(a), pd.Timestamp(b)) for k, (a, b) in window_dates(year).items()}


def q1_end(year: int) -> pd.Timestamp:
    return pd.Timestamp(q1_end_date(year))


def as_of(year: int) -> pd.Timestamp:
    return pd.Timestamp(as_of_date(year))


@dataclass
class Tables:
    units: pd.DataFrame  # id, kind, armed_forces, size, level, parent, valid_from, valid_until
    evidence: pd.DataFrame  # unit, indicators…, attested:KEY…
    incidents: pd.DataFrame  # unit, date, category


def read(data_dir: str) -> Tables:
    """The three tables as stored, with every column the rules read (missing where none)."""
    frames = {}
    for table, columns in COLUMNS.items():
        df = pd.read_parquet(f"{data_dir}/{table}.parquet")
        for c in columns:
            if c not in df:
                df[c] = None
        frames[table] = df
    return Tables(frames["units"], frames["evidence"], frames["incidents"])


def prepare(t: Tables, year: int) -> Tables:
    """The evaluation year's evidence (one record per unit), dates as timestamps."""
    if t.units["parent_changes"].notna().any():
        raise NotImplementedError("the peers do not model parent_changes; use a generated dataset")
    units = t.units.copy()
    for col in ["valid_from", "valid_until"]:
        units[col] = pd.to_datetime(units[col])
    ev = t.evidence[t.evidence["year"] == year].reset_index(drop=True)
    if ev["unit"].duplicated().any():
        raise ValueError("more than one evidence record for a unit and year")
    for col in ["resolution_date", "plan_date", "registration_date"]:
        ev[col] = pd.to_datetime(ev[col])
    inc = t.incidents.assign(date=pd.to_datetime(t.incidents["date"]))
    return Tables(units, ev, inc)


def column(df: pd.DataFrame, name: str) -> pd.Series:
    """A column, or all-missing if the dataset never records it (missing is unknown)."""
    return df[name] if name in df else pd.Series(pd.NA, index=df.index, dtype="object")
