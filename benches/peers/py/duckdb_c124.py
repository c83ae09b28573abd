"""Circular 124 (preset vn.c124-2021) for residential areas and communes in DuckDB SQL over
the Parquet files, as a capable analyst would write it: one query of CTEs.

Statuses are SQL booleans: TRUE met, FALSE not met, NULL undetermined (missing evidence is
unknown, never zero). SQL's AND and OR are Kleene's three-valued logic, which is the logic of
the criteria: a criterion not met fails the whole, an unknown one leaves it undetermined
unless another fails.

    python duckdb_c124.py DATA_DIR YEAR OUT.csv TIMINGS.json

Stages: read (`read_parquet` into DuckDB tables), evaluate (the query, materialised as a
table), write (`COPY … TO` CSV).
"""

from __future__ import annotations

import datetime as dt

import duckdb

from c124 import (AE_RULES, CHILD_KINDS, COLUMNS, EVALUATED, LISTED, OUT_OF_SCOPE_LEVELS, OUT_OF_SCOPE_SIZES,
                  SCHOOL_SECURITY, SCHOOL_VIOLENCE, Peer, as_of, q1_end, windows)

SQL_TYPES = {"text": "VARCHAR", "date": "DATE", "count": "UBIGINT", "flag": "BOOLEAN"}


def quoted(values: list[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def read(con: duckdb.DuckDBPyConnection, peer: Peer) -> None:
    """The tables, with every column the rules read (all NULL where the data has none)."""
    for table, columns in COLUMNS.items():
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{peer.path(table)}')")
        have = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
        for c, t in columns.items():
            if c not in have:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{c}" {SQL_TYPES[t]}')


def attested(key: str) -> str:
    return f"""CASE "attested:{key}" WHEN 'yes' THEN TRUE WHEN 'no' THEN FALSE END"""


def ratio(num: str, den: str, percent: int) -> str:
    """num is at least `percent` % of den; the required count rounds up."""
    return f"{num} >= ({den} * {percent} + 99) // 100"


def share(yes: str, unknown: str, n: str, percent: int) -> str:
    """At least `percent` % of n (rounded up): met when the yes count reaches it, not met when
    even every unknown would not, else unknown."""
    need = f"({n} * {percent} + 99) // 100"
    return f"CASE WHEN {yes} >= {need} THEN TRUE WHEN {yes} + {unknown} < {need} THEN FALSE END"


def outcome(status: str) -> str:
    return f"CASE WHEN {status} THEN 'meets' WHEN NOT ({status}) THEN 'does_not_meet' ELSE 'undetermined' END"


def query(year: int) -> str:
    win = windows(year)
    (ra_start, ra_end), (start, end) = win["residential_area"], win["commune"]
    q1 = f"DATE '{q1_end(year)}'"

    def in_q1(column: str, first: dt.date) -> str:
        """"In Q1": from the start of the unit's window to 31 March."""
        return f"{column} BETWEEN DATE '{first}' AND {q1}"
    listed = quoted(LISTED)
    return f"""
WITH u AS (  -- units existing on the reference date
  SELECT id, kind, parent, armed_forces, size, level FROM units
  WHERE (valid_from IS NULL OR valid_from <= DATE '{as_of(year)}')
    AND (valid_until IS NULL OR valid_until >= DATE '{as_of(year)}')
),
inc AS (  -- their incidents
  SELECT i.unit, i.date, i.category, u.kind, u.parent FROM incidents i JOIN u ON u.id = i.unit
),
own AS (  -- incidents in the window of the unit's kind
  SELECT unit,
         count(*) FILTER (WHERE category IN ({listed})) AS listed,
         count(*) FILTER (WHERE category IN ({quoted(SCHOOL_SECURITY)})) AS school_security,
         count(*) FILTER (WHERE category IN ({quoted(SCHOOL_VIOLENCE)})) AS school_violence
  FROM inc
  WHERE CASE WHEN kind = 'residential_area' THEN date BETWEEN DATE '{ra_start}' AND DATE '{ra_end}'
             ELSE date BETWEEN DATE '{start}' AND DATE '{end}' END
  GROUP BY unit
),
below AS (  -- listed incidents of a commune's units, in the commune's window (CW-2)
  SELECT parent AS unit, count(*) AS below FROM inc
  WHERE date BETWEEN DATE '{start}' AND DATE '{end}' AND category IN ({listed}) AND parent IS NOT NULL
  GROUP BY parent
),
ev AS (  -- the criteria each evidence record decides by itself
  SELECT unit,
    {in_q1("resolution_date", ra_start)} AND {in_q1("registration_date", ra_start)}
      AND {ratio("households_registered", "households_total", 100)}
      AND {attested("RA-2")} AND {attested("RA-3/other")} AND {attested("RA-4")} AND {attested("RA-5")} AS ra,
    (party_organisation = FALSE OR {in_q1("resolution_date", start)}) AND {in_q1("plan_date", start)}
      AND {in_q1("registration_date", start)}
      AND {" AND ".join(AE_RULES)}
      AND {ratio("staff_briefed", "staff_total", 100)} AND effective_models >= 1
      AND {attested("AE-2")} AND {attested("AE-3")} AS ae,
    {attested("SC-1")} AND effective_models >= 1 AND parents_board_coordination AND {attested("SC-6")} AS sc,
    {in_q1("resolution_date", start)} AND {in_q1("plan_date", start)} AND {in_q1("registration_date", start)}
      AND effective_models >= 1
      AND {attested("CW-2/RA-2")} AND {attested("CW-2/RA-3/other")} AND {attested("CW-2/RA-4")}
      AND disciplined_officers = 0 AS cw,
    registration_date, registered  -- CW-4 reads them with the unit's kind
  FROM evidence WHERE year = {year}
),
x AS (  -- every evaluated unit with its evidence and incident counts
  SELECT u.id, u.kind, u.parent, ev.ra, ev.ae, ev.sc, ev.cw,
         -- registered for CW-4: a date counts from the start of the unit's window to 31 March;
         -- without a date, the flag decides; with no evidence, unknown
         CASE WHEN ev.registration_date IS NOT NULL
              THEN ev.registration_date BETWEEN CASE WHEN u.kind = 'residential_area' THEN DATE '{ra_start}'
                                                     ELSE DATE '{start}' END AND {q1}
              ELSE ev.registered END AS registered,
         coalesce(own.listed, 0) AS listed, coalesce(own.school_security, 0) AS school_security,
         coalesce(own.school_violence, 0) AS school_violence, coalesce(below.below, 0) AS below,
         coalesce((u.kind = 'agency' AND u.armed_forces)
                  OR (u.kind = 'enterprise' AND u.size IN ({quoted(OUT_OF_SCOPE_SIZES)}))
                  OR (u.kind = 'school' AND u.level IN ({quoted(OUT_OF_SCOPE_LEVELS)})), FALSE) AS out_of_scope
  FROM u
  LEFT JOIN ev ON ev.unit = u.id
  LEFT JOIN own ON own.unit = u.id
  LEFT JOIN below ON below.unit = u.id
  WHERE u.kind IN ({quoted(EVALUATED)})
),
children AS (  -- residential areas, agencies, enterprises, schools
  SELECT id, parent, registered,
         CASE WHEN out_of_scope THEN 'out_of_scope' ELSE {outcome(
             "CASE kind WHEN 'residential_area' THEN ra AND listed = 0 "
             "WHEN 'school' THEN sc AND school_security = 0 AND school_violence = 0 ELSE ae END")} END AS outcome
  FROM x WHERE kind IN ({quoted(CHILD_KINDS)})
),
roll AS (  -- CW-4: a commune's in-scope units, registered and recognised
  SELECT parent, count(*) AS n,
         count(*) FILTER (WHERE registered) AS reg_yes,
         count(*) FILTER (WHERE registered IS NULL) AS reg_unknown,
         count(*) FILTER (WHERE outcome = 'meets') AS rec_yes,
         count(*) FILTER (WHERE outcome = 'undetermined') AS rec_unknown
  FROM children WHERE outcome <> 'out_of_scope' GROUP BY parent
),
communes AS (
  SELECT x.id, x.cw AND x.listed + x.below = 0
           AND {share("coalesce(reg_yes, 0)", "coalesce(reg_unknown, 0)", "coalesce(n, 0)", 100)}
           AND {share("coalesce(rec_yes, 0)", "coalesce(rec_unknown, 0)", "coalesce(n, 0)", 70)} AS status
  FROM x LEFT JOIN roll ON roll.parent = x.id
  WHERE x.kind = 'commune'
)
SELECT id AS unit, outcome FROM children
UNION ALL
SELECT id AS unit, {outcome("status")} AS outcome FROM communes
"""


def evaluate(con: duckdb.DuckDBPyConnection, year: int) -> int:
    """Materialises the verdicts (unit, outcome) as the table `verdicts`; returns its rows."""
    if con.execute("SELECT count(*) FROM units WHERE parent_changes IS NOT NULL").fetchone()[0]:
        raise NotImplementedError("the peers do not model parent_changes; use a generated dataset")
    con.execute(f"CREATE TABLE verdicts AS {query(year)}")
    return con.execute("SELECT count(*) FROM verdicts").fetchone()[0]


def main() -> None:
    peer = Peer("duckdb")
    con = duckdb.connect()
    peer.stage("read", lambda: read(con, peer))
    units = peer.stage("evaluate", lambda: evaluate(con, peer.year))
    peer.stage("write", lambda: con.execute(f"COPY verdicts TO '{peer.out}' (HEADER, DELIMITER ',')"))
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    peer.finish(units, threads=threads, versions={"duckdb": duckdb.__version__})


if __name__ == "__main__":
    main()
