"""Circular 124 (preset vn.c124-2021) for residential areas and communes in vectorised pandas,
as a capable analyst would write it. Agencies, enterprises and schools are evaluated too,
because CW-4 counts how many of a commune's units are recognised.

- The Parquet tables are read with nullable numpy columns (`dtype_backend="numpy_nullable"`,
  dates as `datetime64`), and the low-cardinality text columns (kind, size, level, incident
  category, every `attested:KEY`) as categoricals: missing values stay missing, and nothing
  is a Python object.
- Unit ids are hashed once (`pd.factorize` over every column that names a unit); the joins,
  incident counts and roll-ups are then integer indexing and `np.bincount`.
- Three-valued statuses are small integers in Kleene order, NOT_MET = 0 < UNKNOWN = 1 <
  MET = 2, so "all of" is an element-wise minimum and "any of" a maximum. Missing evidence is
  unknown, never zero.

No Python loop runs over rows, and there is no `apply`.

    python pandas_c124.py DATA_DIR YEAR OUT.csv TIMINGS.json

Stages: read (the three Parquet tables), evaluate, write (the verdicts as CSV).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from c124 import (AE_RULES, CHILD_KINDS, COLUMNS, EVALUATED, LISTED, OUT_OF_SCOPE_LEVELS, OUT_OF_SCOPE_SIZES,
                  SCHOOL_SECURITY, SCHOOL_VIOLENCE, Peer, as_of, q1_end, windows)

NOT_MET, UNKNOWN, MET = np.int8(0), np.int8(1), np.int8(2)
OUT_OF_SCOPE = np.int8(3)
OUTCOME = ["does_not_meet", "undetermined", "meets", "out_of_scope"]  # by status
DTYPES = {"text": "category", "date": "datetime64[ms]", "count": "UInt64", "flag": "boolean"}
LOW_CARDINALITY = {"kind", "size", "level", "category"}  # read as categoricals, like every attested:KEY


def read(peer: Peer) -> dict[str, pd.DataFrame]:
    """The tables, with every column the rules read (all missing where the data has none)."""
    out = {}
    for table, columns in COLUMNS.items():
        path = peer.path(table)
        names = pq.read_schema(path).names
        df = pd.read_parquet(path, dtype_backend="numpy_nullable", to_pandas_kwargs={"date_as_object": False},
                             read_dictionary=[c for c in names if c in LOW_CARDINALITY or c.startswith("attested:")])
        for c, t in columns.items():
            if c not in df:
                df[c] = pd.Series(pd.NA, index=df.index, dtype=DTYPES[t])
        out[table] = df
    return out


def flags(s: pd.Series) -> np.ndarray:
    """A boolean column as a numpy array, missing as false."""
    return s.to_numpy(dtype=bool, na_value=False)


def status(ok: pd.Series) -> np.ndarray:
    """A nullable boolean (missing: unknown) as a status."""
    return np.where(ok.isna().to_numpy(), UNKNOWN, np.where(flags(ok), MET, NOT_MET))


def in_q1(d: pd.Series, first: np.datetime64, q1: np.datetime64) -> np.ndarray:
    """The date is from `first` (the start of the unit's window) to 31 March; missing: unknown."""
    return np.where(d.isna().to_numpy(), UNKNOWN, np.where(flags(d.between(first, q1)), MET, NOT_MET))


def attested(ev: pd.DataFrame, key: str) -> np.ndarray:
    a = ev[f"attested:{key}"]  # a categorical: comparisons are on its codes
    return np.where(flags(a == "yes"), MET, np.where(flags(a == "no"), NOT_MET, UNKNOWN))


def ratio(ev: pd.DataFrame, num: str, den: str, percent: int) -> np.ndarray:
    """num is at least `percent` % of den; the required count rounds up."""
    return status(ev[num] >= (ev[den] * percent + 99) // 100)


def share(yes: np.ndarray, unknown: np.ndarray, n: np.ndarray, percent: int) -> np.ndarray:
    """At least `percent` % of n (rounded up): met when the yes count reaches it, not met when
    even every unknown would not, else unknown."""
    need = (n * percent + 99) // 100
    return np.where(yes >= need, MET, np.where(yes + unknown < need, NOT_MET, UNKNOWN))


def all_(*s: np.ndarray) -> np.ndarray:
    return np.minimum.reduce(s)


def any_(*s: np.ndarray) -> np.ndarray:
    return np.maximum.reduce(s)


def evaluate(t: dict[str, pd.DataFrame], year: int) -> pd.DataFrame:
    """unit, outcome for every evaluated unit existing on the reference date."""
    units, ev, inc = t["units"], t["evidence"], t["incidents"]
    if units["parent_changes"].notna().any():
        raise NotImplementedError("the peers do not model parent_changes; use a generated dataset")
    ref, q1 = np.datetime64(as_of(year)), np.datetime64(q1_end(year))
    (ra_start, ra_end), (start, end) = ([np.datetime64(d) for d in w] for w in
                                        (windows(year)["residential_area"], windows(year)["commune"]))
    ev = ev[flags(ev["year"] == year)]

    # One integer per unit id, shared by every column that names a unit (-1: none).
    n_u, n_e = len(units), len(ev)
    codes, uniques = pd.factorize(pd.concat([units["id"], units["parent"], ev["unit"], inc["unit"]],
                                            ignore_index=True))
    uid, parent, ev_unit, inc_unit = np.split(codes, np.cumsum([n_u, n_u, n_e]))
    n = len(uniques)

    def per_unit(values: np.ndarray, at: np.ndarray, fill: int) -> np.ndarray:
        """Values keyed by unit code, read in the order of `at` (fill where none)."""
        out = np.full(n + 1, fill, dtype=np.asarray(values).dtype)  # index -1 is the spare last slot
        out[at] = values
        return out

    # The criteria each evidence record decides by itself, then read per unit.
    # "In Q1": from the start of the unit's window to 31 March (each status is for one kind).
    ra_q1 = {c: in_q1(ev[c], ra_start, q1) for c in ["resolution_date", "registration_date"]}
    by_q1 = {c: in_q1(ev[c], start, q1) for c in ["resolution_date", "plan_date", "registration_date"]}
    models = status(ev["effective_models"] >= 1)
    registered, reg_date = ev["registered"], ev["registration_date"]
    has_date = reg_date.notna().to_numpy()
    from_evidence = {
        "ra": all_(ra_q1["resolution_date"], ra_q1["registration_date"],  # RA-1 … RA-5 but RA-3's incidents
                   ratio(ev, "households_registered", "households_total", 100),
                   attested(ev, "RA-2"), attested(ev, "RA-3/other"), attested(ev, "RA-4"), attested(ev, "RA-5")),
        "ae": all_(any_(status(ev["party_organisation"] == False), by_q1["resolution_date"]),  # noqa: E712
                   by_q1["plan_date"], by_q1["registration_date"], *(status(ev[r]) for r in AE_RULES),
                   ratio(ev, "staff_briefed", "staff_total", 100), models,
                   attested(ev, "AE-2"), attested(ev, "AE-3")),  # AE-1 … AE-3
        "sc": all_(attested(ev, "SC-1"), models, status(ev["parents_board_coordination"]),
                   attested(ev, "SC-6")),  # SC-1 … SC-6 but the incidents of SC-4 and SC-5
        "cw": all_(by_q1["resolution_date"], by_q1["plan_date"], by_q1["registration_date"], models,
                   attested(ev, "CW-2/RA-2"), attested(ev, "CW-2/RA-3/other"), attested(ev, "CW-2/RA-4"),
                   status(ev["disciplined_officers"] == 0)),  # CW-1 … CW-3 but CW-2's incidents
        # Registered for CW-4: a date counts from the start of the unit's window to 31 March;
        # without a date, the `registered` flag decides.
        **{f"registered_{name}": np.where(has_date, np.where(flags(reg_date.between(first, q1)), MET, NOT_MET),
                                          status(registered))
           for name, first in [("ra", ra_start), ("other", start)]},
    }

    # Units existing on the reference date, by kind.
    present = flags((units["valid_from"].isna() | (units["valid_from"] <= ref))
                    & (units["valid_until"].isna() | (units["valid_until"] >= ref)))
    kind = units["kind"]
    is_kind = {k: flags(kind == k) & present for k in EVALUATED}
    evaluated = np.logical_or.reduce(list(is_kind.values()))

    # Incidents of existing units: in the window of their unit's kind, and (listed ones) in
    # the parent commune's window.
    unit_is_ra = per_unit(is_kind["residential_area"][present], uid[present], False)[inc_unit]
    unit_exists = per_unit(np.ones(present.sum(), bool), uid[present], False)[inc_unit]
    unit_parent = per_unit(parent[present], uid[present], -1)[inc_unit]
    date, category = inc["date"], inc["category"]
    in_ra_window, in_window = flags(date.between(ra_start, ra_end)), flags(date.between(start, end))
    own = unit_exists & np.where(unit_is_ra, in_ra_window, in_window)
    listed = flags(category.isin(LISTED))

    def count(where: np.ndarray, key: np.ndarray = inc_unit) -> np.ndarray:
        """Incidents per unit code where `where` holds, read in unit order."""
        return np.bincount(key[where], minlength=n + 1)[uid]

    listed_own = count(own & listed)
    security = count(own & flags(category.isin(SCHOOL_SECURITY)))
    violence = count(own & flags(category.isin(SCHOOL_VIOLENCE)))
    below = count(unit_exists & in_window & listed & (unit_parent >= 0), unit_parent)

    def evidence(name: str) -> np.ndarray:
        return per_unit(from_evidence[name], ev_unit, UNKNOWN)[uid]

    child = np.select(
        [is_kind["residential_area"], is_kind["school"]],
        [all_(evidence("ra"), np.where(listed_own == 0, MET, NOT_MET)),
         all_(evidence("sc"), np.where((security == 0) & (violence == 0), MET, NOT_MET))],
        evidence("ae"),
    )
    out_of_scope = (
        (is_kind["agency"] & flags(units["armed_forces"]))
        | (is_kind["enterprise"] & flags(units["size"].isin(OUT_OF_SCOPE_SIZES)))
        | (is_kind["school"] & flags(units["level"].isin(OUT_OF_SCOPE_LEVELS)))
    )
    child = np.where(out_of_scope, OUT_OF_SCOPE, child)

    # CW-4: each commune's in-scope units, how many registered and how many are recognised.
    counted = np.logical_or.reduce([is_kind[k] for k in CHILD_KINDS]) & ~out_of_scope & (parent >= 0)
    reg = np.where(is_kind["residential_area"], evidence("registered_ra"), evidence("registered_other"))

    def roll(where: np.ndarray) -> np.ndarray:
        return np.bincount(parent[counted & where], minlength=n + 1)[uid]

    cw = all_(
        evidence("cw"), np.where(listed_own + below == 0, MET, NOT_MET),  # CW-1 … CW-3 with CW-2's incidents
        share(roll(reg == MET), roll(reg == UNKNOWN), roll(counted), 100),
        share(roll(child == MET), roll(child == UNKNOWN), roll(counted), 70),  # CW-4
    )
    outcome = np.where(is_kind["commune"], cw, child)
    return pd.DataFrame({"unit": units["id"][evaluated],
                         "outcome": pd.Categorical.from_codes(outcome[evaluated], OUTCOME)})


def main() -> None:
    peer = Peer("pandas")
    tables = peer.stage("read", lambda: read(peer))
    verdicts = peer.stage("evaluate", lambda: evaluate(tables, peer.year))
    peer.stage("write", lambda: verdicts.to_csv(peer.out, index=False))
    peer.finish(len(verdicts), threads=1, versions={"pandas": pd.__version__, "numpy": np.__version__})


if __name__ == "__main__":
    main()
