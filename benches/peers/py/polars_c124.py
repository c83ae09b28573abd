"""Circular 124 (preset vn.c124-2021) for residential areas and communes with the polars lazy
API, as a capable analyst would write it: joins, `when/then`, `group_by` for the roll-ups.

Statuses are nullable booleans: true met, false not met, null undetermined (missing evidence
is unknown, never zero). Polars' `&`, `|`, `all_horizontal` and `any_horizontal` follow
Kleene's three-valued logic, which is the logic of the criteria: a criterion not met fails
the whole, an unknown one leaves it undetermined unless another fails.

    python polars_c124.py DATA_DIR YEAR OUT.csv TIMINGS.json

Stages: read (the three Parquet tables into memory), evaluate (one lazy query, collected),
write (the verdicts as CSV).
"""

from __future__ import annotations

import polars as pl

from c124 import (AE_RULES, CHILD_KINDS, COLUMNS, EVALUATED, LISTED, OUT_OF_SCOPE_LEVELS, OUT_OF_SCOPE_SIZES,
                  SCHOOL_SECURITY, SCHOOL_VIOLENCE, Peer, as_of, q1_end, windows)

DTYPES = {"text": pl.String, "date": pl.Date, "count": pl.Int64, "flag": pl.Boolean}


def read(peer: Peer) -> dict[str, pl.DataFrame]:
    """The tables, with every column the rules read (all null where the data has none)."""
    out = {}
    for table, columns in COLUMNS.items():
        df = pl.read_parquet(peer.path(table))
        missing = [pl.lit(None, DTYPES[t]).alias(c) for c, t in columns.items() if c not in df.columns]
        out[table] = df.with_columns(missing) if missing else df
    return out


def attested(key: str) -> pl.Expr:
    a = pl.col(f"attested:{key}")
    return pl.when(a == "yes").then(True).when(a == "no").then(False)  # else null: unknown


def ratio(num: str, den: str, percent: int) -> pl.Expr:
    """num is at least `percent` % of den; the required count rounds up."""
    return pl.col(num) >= (pl.col(den) * percent + 99) // 100


def share(yes: str, unknown: str, n: str, percent: int) -> pl.Expr:
    """At least `percent` % of n (rounded up): met when the yes count reaches it, not met when
    even every unknown would not, else unknown."""
    need = (pl.col(n) * percent + 99) // 100
    return pl.when(pl.col(yes) >= need).then(True).when(pl.col(yes) + pl.col(unknown) < need).then(False)


def outcome(status: pl.Expr) -> pl.Expr:
    return (pl.when(status).then(pl.lit("meets"))
            .when(status.not_()).then(pl.lit("does_not_meet"))
            .otherwise(pl.lit("undetermined")))


def evaluate(t: dict[str, pl.DataFrame], year: int) -> pl.DataFrame:
    """unit, outcome for every evaluated unit existing on the reference date."""
    if t["units"]["parent_changes"].is_not_null().any():
        raise NotImplementedError("the peers do not model parent_changes; use a generated dataset")
    ref, q1, win = as_of(year), q1_end(year), windows(year)
    (ra_start, ra_end), (start, end) = win["residential_area"], win["commune"]

    units = t["units"].lazy().filter(
        (pl.col("valid_from").is_null() | (pl.col("valid_from") <= ref))
        & (pl.col("valid_until").is_null() | (pl.col("valid_until") >= ref))
    ).select("id", "kind", "parent", "armed_forces", "size", "level")
    evidence = t["evidence"].lazy().filter(pl.col("year") == year).drop("year")

    # Incidents of existing units, in the window of their unit's kind, and in the parent
    # commune's window (CW-2 counts its units' listed incidents).
    incidents = t["incidents"].lazy().join(units.select("id", "kind", "parent"), left_on="unit", right_on="id")
    in_own_window = pl.when(pl.col("kind") == "residential_area").then(pl.col("date").is_between(ra_start, ra_end)) \
        .otherwise(pl.col("date").is_between(start, end))
    own = incidents.filter(in_own_window).group_by("unit").agg(
        listed=pl.col("category").is_in(LISTED).sum(),
        school_security=pl.col("category").is_in(SCHOOL_SECURITY).sum(),
        school_violence=pl.col("category").is_in(SCHOOL_VIOLENCE).sum(),
    )
    below = incidents.filter(pl.col("date").is_between(start, end) & pl.col("category").is_in(LISTED)) \
        .group_by("parent").agg(below=pl.len())

    # The criteria of each evidence record first, on the evidence table itself: what the
    # joins then carry is a few statuses per unit, not every indicator.
    # "In Q1": from the start of the unit's window to 31 March (each status is for one kind).
    ra_q1 = {c: pl.col(c).is_between(ra_start, q1) for c in ["resolution_date", "registration_date"]}
    by_q1 = {c: pl.col(c).is_between(start, q1) for c in ["resolution_date", "plan_date", "registration_date"]}
    models = pl.col("effective_models") >= 1
    evidence = evidence.select(
        "unit", "registration_date", "registered",  # CW-4 reads them with the unit's kind
        ra=pl.all_horizontal(  # RA-1 … RA-5 but RA-3's incidents
            ra_q1["resolution_date"], ra_q1["registration_date"],
            ratio("households_registered", "households_total", 100),
            attested("RA-2"), attested("RA-3/other"), attested("RA-4"), attested("RA-5"),
        ),
        ae=pl.all_horizontal(  # AE-1 … AE-3
            (pl.col("party_organisation") == False) | by_q1["resolution_date"],  # noqa: E712 (null stays unknown)
            by_q1["plan_date"], by_q1["registration_date"], *(pl.col(r) for r in AE_RULES),
            ratio("staff_briefed", "staff_total", 100), models,
            attested("AE-2"), attested("AE-3"),
        ),
        sc=pl.all_horizontal(  # SC-1 … SC-6 but the incidents of SC-4 and SC-5
            attested("SC-1"), models, pl.col("parents_board_coordination"), attested("SC-6"),
        ),
        cw=pl.all_horizontal(  # CW-1 … CW-3 but CW-2's incidents
            by_q1["resolution_date"], by_q1["plan_date"], by_q1["registration_date"], models,
            attested("CW-2/RA-2"), attested("CW-2/RA-3/other"), attested("CW-2/RA-4"),
            pl.col("disciplined_officers") == 0,
        ),
    )

    counts = ["listed", "school_security", "school_violence", "below"]
    x = (units.filter(pl.col("kind").is_in(EVALUATED))
         .join(evidence, left_on="id", right_on="unit", how="left")
         .join(own, left_on="id", right_on="unit", how="left")
         .join(below, left_on="id", right_on="parent", how="left")
         .with_columns(pl.col(counts).fill_null(0)))

    kind = pl.col("kind")
    out_of_scope = (
        ((kind == "agency") & pl.col("armed_forces"))
        | ((kind == "enterprise") & pl.col("size").is_in(OUT_OF_SCOPE_SIZES))
        | ((kind == "school") & pl.col("level").is_in(OUT_OF_SCOPE_LEVELS))
    ).fill_null(False)
    status = (pl.when(kind == "residential_area").then(pl.col("ra") & (pl.col("listed") == 0))
              .when(kind == "school")
              .then(pl.col("sc") & (pl.col("school_security") == 0) & (pl.col("school_violence") == 0))
              .otherwise(pl.col("ae")))

    # Registered for CW-4: a date counts from the start of the unit's window to 31 March;
    # without a date, the `registered` flag decides; with no evidence, unknown.
    window_start = pl.when(kind == "residential_area").then(pl.lit(ra_start)).otherwise(pl.lit(start))
    registered = pl.when(pl.col("registration_date").is_not_null()) \
        .then(pl.col("registration_date").is_between(window_start, q1)).otherwise(pl.col("registered"))
    x = x.with_columns(outcome=pl.when(out_of_scope).then(pl.lit("out_of_scope")).otherwise(outcome(status)),
                       registered=registered)
    # CW-4: the commune's in-scope units, how many registered and how many are recognised.
    roll = x.filter(kind.is_in(CHILD_KINDS) & (pl.col("outcome") != "out_of_scope")).group_by("parent").agg(
        n=pl.len(),
        reg_yes=pl.col("registered").sum(),
        reg_unknown=pl.col("registered").is_null().sum(),
        rec_yes=(pl.col("outcome") == "meets").sum(),
        rec_unknown=(pl.col("outcome") == "undetermined").sum(),
    )
    cw = pl.all_horizontal(
        "cw", pl.col("listed") + pl.col("below") == 0,  # CW-1 … CW-3 with CW-2's incidents
        share("reg_yes", "reg_unknown", "n", 100), share("rec_yes", "rec_unknown", "n", 70),  # CW-4
    )
    return (x.join(roll, left_on="id", right_on="parent", how="left")
            .with_columns(pl.col("n", "reg_yes", "reg_unknown", "rec_yes", "rec_unknown").fill_null(0))
            .select(unit="id", outcome=pl.when(kind == "commune").then(outcome(cw)).otherwise("outcome"))
            .collect())


def main() -> None:
    peer = Peer("polars")
    tables = peer.stage("read", lambda: read(peer))
    verdicts = peer.stage("evaluate", lambda: evaluate(tables, peer.year))
    peer.stage("write", lambda: verdicts.write_csv(peer.out))
    peer.finish(verdicts.height, threads=pl.thread_pool_size(), versions={"polars": pl.__version__})


if __name__ == "__main__":
    main()
