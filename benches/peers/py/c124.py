"""What every peer shares: Circular 124 as the preset `vn.c124-2021` encodes it (windows,
incident categories, scope), the columns the peers read from antq's flat tables, and the
peers' command line and timing report. Standard library only, so that importing it costs a
peer nothing it would not load anyway.

A peer is run as a fresh process:

    python PEER.py DATA_DIR YEAR OUT.csv TIMINGS.json

It reads `units.parquet`, `evidence.parquet` and `incidents.parquet` from DATA_DIR (written by
`to_parquet.py`), evaluates residential areas and communes (and the agencies, enterprises and
schools whose outcomes CW-4 counts), writes `unit,outcome` for every evaluated unit to
OUT.csv, and its own stage timings and peak memory to TIMINGS.json.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

EVALUATED = ["residential_area", "commune", "agency", "enterprise", "school"]
CHILD_KINDS = ["residential_area", "agency", "enterprise", "school"]  # what CW-4 counts
LISTED = ["anti_state", "sabotage", "illegal_religion", "separatism", "prolonged_dispute", "incitement"]
SCHOOL_SECURITY = ["security_loss", "incitement", "illegal_religion"]
SCHOOL_VIOLENCE = ["school_violence"]
OUT_OF_SCOPE_SIZES = ["micro", "small"]
OUT_OF_SCOPE_LEVELS = ["creche", "kindergarten", "primary"]
AE_RULES = ["rules_unit_protection", "rules_state_secrets", "rules_internal_politics", "rules_labour_safety",
            "rules_fire_explosion", "rules_environment"]
OUTCOMES = ["meets", "does_not_meet", "undetermined", "out_of_scope"]

# The columns the peers read, by table and type (date, count, flag, text). A column a dataset
# does not have (no record fills it) is read as all missing: missing evidence is unknown.
COLUMNS: dict[str, dict[str, str]] = {
    "units": {"id": "text", "kind": "text", "parent": "text", "armed_forces": "flag", "size": "text",
              "level": "text", "parent_changes": "text", "valid_from": "date", "valid_until": "date"},
    "evidence": {
        "unit": "text", "year": "count",
        "resolution_date": "date", "plan_date": "date", "registration_date": "date", "registered": "flag",
        "households_total": "count", "households_registered": "count", "staff_total": "count",
        "staff_briefed": "count", "effective_models": "count", "disciplined_officers": "count",
        "party_organisation": "flag", "parents_board_coordination": "flag", **{r: "flag" for r in AE_RULES},
        **{f"attested:{k}": "text" for k in ["RA-2", "RA-3/other", "RA-4", "RA-5", "AE-2", "AE-3", "SC-1", "SC-6",
                                             "CW-2/RA-2", "CW-2/RA-3/other", "CW-2/RA-4"]},
    },
    "incidents": {"unit": "text", "date": "date", "category": "text"},
}


def windows(year: int) -> dict[str, tuple[dt.date, dt.date]]:
    """The review window (first and last day, inclusive) of each evaluated kind."""
    ra = (dt.date(year - 1, 11, 1), dt.date(year, 10, 31))
    other = (dt.date(year - 1, 11, 16), dt.date(year, 11, 15))
    return {"residential_area": ra, "commune": other, "agency": other, "enterprise": other, "school": other}


def q1_end(year: int) -> dt.date:
    """Deadline of the resolution, plan and registration (end of the first quarter)."""
    return dt.date(year, 3, 31)


def as_of(year: int) -> dt.date:
    """Reference date for the hierarchy: the latest window end (15 November)."""
    return dt.date(year, 11, 15)


class Peer:
    """The command line and stage timings of one peer process."""

    def __init__(self, engine: str) -> None:
        if len(sys.argv) != 5:
            sys.exit(f"usage: {sys.argv[0]} DATA_DIR YEAR OUT.csv TIMINGS.json")
        self.engine = engine
        self.data_dir, self.year, self.out, self.timings_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
        self.timings: dict[str, float] = {}

    def path(self, table: str) -> str:
        return f"{self.data_dir}/{table}.parquet"

    def stage(self, name: str, work: Callable[[], Any]) -> Any:
        """Runs one stage (read, evaluate, write) and records its wall time."""
        t = time.perf_counter()
        result = work()
        self.timings[f"{name}_s"] = time.perf_counter() - t
        return result

    def finish(self, units: int, **extra: Any) -> None:
        """Writes the timings, the number of units written and the peak resident memory."""
        report = {"engine": self.engine, **self.timings, "units": units,
                  "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "python": sys.version.split()[0], **extra}
        with open(self.timings_path, "w", encoding="utf-8") as f:
            json.dump(report, f)
