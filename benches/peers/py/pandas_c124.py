"""Circular 124 (preset vn.c124-2021) for residential areas and communes, in vectorised
pandas, as an analyst would write it. Organisations (agencies, enterprises, schools) are
evaluated too, because CW-4 counts how many of a commune's units are recognised.

Three-valued statuses are small integers in Kleene order, so "all of" is a row-wise min
and "any of" a row-wise max: NOT_MET = 0 < UNKNOWN = 1 < MET = 2. Missing evidence is
unknown, never zero. No Python loop runs over rows.
"""

import numpy as np
import pandas as pd

from data import (EVALUATED, LISTED, OUT_OF_SCOPE_LEVELS, OUT_OF_SCOPE_SIZES, SCHOOL_SECURITY,
                  SCHOOL_VIOLENCE, as_of, column, q1_end, windows)

NOT_MET, UNKNOWN, MET = 0, 1, 2
OUTCOME = np.array(["does_not_meet", "undetermined", "meets"], dtype=object)
CHILD_KINDS = ["residential_area", "agency", "enterprise", "school"]


def known(is_known, ok):
    return np.where(~np.asarray(is_known, bool), UNKNOWN, np.where(np.asarray(ok.fillna(False), bool), MET, NOT_MET))


def deadline(d, by):
    return known(d.notna(), d <= by)


def ratio(num, den, percent):  # required count rounds up
    num, den = num.astype("Int64"), den.astype("Int64")
    need = (den * percent + 99) // 100
    return known(num.notna() & den.notna(), num >= need)


def at_least(v, n):
    return known(v.notna(), v.astype("Float64") >= n)


def at_most(v, n):
    return known(v.notna(), v.astype("Float64") <= n)


def flag(v, want):
    return known(v.notna(), v.astype("boolean") == want)


def attested(x, key):
    a = column(x, "attested:" + key)
    return np.select([a == "yes", a == "no"], [MET, NOT_MET], UNKNOWN)


def no_events(count):
    return np.where(count == 0, MET, NOT_MET)


def all_(*s):
    return np.minimum.reduce([np.asarray(v) for v in s])


def any_(*s):
    return np.maximum.reduce([np.asarray(v) for v in s])


def children_share(yes, unknown, n, percent):  # rounds up
    need = (n * percent + 99) // 100
    return np.where(yes >= need, MET, np.where(yes + unknown < need, NOT_MET, UNKNOWN))


def evaluate(t, year):
    """Outcome per evaluated unit id (Series of meets / does_not_meet / undetermined / out_of_scope)."""
    ref, q1, win = as_of(year), q1_end(year), windows(year)
    u = t.units
    present = (u["valid_from"].isna() | (u["valid_from"] <= ref)) & (u["valid_until"].isna() | (u["valid_until"] >= ref))
    u = u[present]
    x = u[u["kind"].isin(EVALUATED)].merge(t.evidence, how="left", left_on="id", right_on="unit").set_index("id")
    kind = x["kind"]

    # Incidents in the window of their own unit's kind, and in the parent commune's window.
    inc = t.incidents.merge(u[["id", "kind", "parent"]], left_on="unit", right_on="id")
    start = inc["kind"].map({k: w[0] for k, w in win.items()})
    end = inc["kind"].map({k: w[1] for k, w in win.items()})
    own = inc[(inc["date"] >= start) & (inc["date"] <= end)]

    def own_count(cats):
        return own[own["category"].isin(cats)].groupby("unit").size().reindex(x.index, fill_value=0).to_numpy()

    c_start, c_end = win["commune"]
    below = inc[(inc["date"] >= c_start) & (inc["date"] <= c_end) & inc["category"].isin(LISTED)]
    descendants = below.groupby("parent").size().reindex(x.index, fill_value=0).to_numpy()

    res, plan, reg = (deadline(x[c], q1) for c in ["resolution_date", "plan_date", "registration_date"])
    models = at_least(column(x, "effective_models"), 1)
    listed = own_count(LISTED)

    ra = all_(
        all_(res, reg, ratio(column(x, "households_registered"), column(x, "households_total"), 100)),  # RA-1
        attested(x, "RA-2"),
        all_(no_events(listed), attested(x, "RA-3/other")),  # RA-3
        attested(x, "RA-4"),
        attested(x, "RA-5"),
    )
    ae = all_(
        all_(  # AE-1
            any_(flag(column(x, "party_organisation"), False), res), plan, reg,
            *(flag(column(x, "rules_" + r), True) for r in
              ["unit_protection", "state_secrets", "internal_politics", "labour_safety", "fire_explosion", "environment"]),
            ratio(column(x, "staff_briefed"), column(x, "staff_total"), 100), models,
        ),
        attested(x, "AE-2"),
        attested(x, "AE-3"),
    )
    sc = all_(
        attested(x, "SC-1"), models, flag(column(x, "parents_board_coordination"), True),
        no_events(own_count(SCHOOL_SECURITY)), no_events(own_count(SCHOOL_VIOLENCE)), attested(x, "SC-6"),
    )
    out_of_scope = (
        ((kind == "agency") & (column(x, "armed_forces").astype("boolean") == True).fillna(False))  # noqa: E712
        | ((kind == "enterprise") & column(x, "size").isin(OUT_OF_SCOPE_SIZES))
        | ((kind == "school") & column(x, "level").isin(OUT_OF_SCOPE_LEVELS))
    ).to_numpy()
    gate = np.select([kind == "residential_area", kind.isin(["agency", "enterprise"]), kind == "school"], [ra, ae, sc], MET)
    child_outcome = np.where(out_of_scope, None, OUTCOME[gate])

    # CW-4: roll up the commune's in-scope units (registration, and this year's outcome).
    registered = column(x, "registered").astype("boolean")
    kid = pd.DataFrame({
        "parent": x["parent"],
        "reg": np.select([x["registration_date"].notna() | (registered == True).fillna(False),  # noqa: E712
                          (registered == False).fillna(False)], [MET, NOT_MET], UNKNOWN),  # noqa: E712
        "rec": np.select([child_outcome == "meets", child_outcome == "does_not_meet"], [MET, NOT_MET], UNKNOWN),
    })[kind.isin(CHILD_KINDS).to_numpy() & ~out_of_scope]
    roll = pd.DataFrame({
        "n": kid.groupby("parent").size(),
        "reg_yes": (kid["reg"] == MET).groupby(kid["parent"]).sum(),
        "reg_unk": (kid["reg"] == UNKNOWN).groupby(kid["parent"]).sum(),
        "rec_yes": (kid["rec"] == MET).groupby(kid["parent"]).sum(),
        "rec_unk": (kid["rec"] == UNKNOWN).groupby(kid["parent"]).sum(),
    }).reindex(x.index, fill_value=0)

    cw = all_(
        all_(res, plan, reg, models),  # CW-1
        all_(attested(x, "CW-2/RA-2"), no_events(listed + descendants), attested(x, "CW-2/RA-3-other"),
             attested(x, "CW-2/RA-4")),  # CW-2
        at_most(column(x, "disciplined_officers"), 0),  # CW-3
        all_(children_share(roll["reg_yes"], roll["reg_unk"], roll["n"], 100),
             children_share(roll["rec_yes"], roll["rec_unk"], roll["n"], 70)),  # CW-4
    )
    outcome = np.where(kind == "commune", OUTCOME[cw], child_outcome)
    outcome = np.where(out_of_scope, "out_of_scope", outcome)
    return pd.Series(outcome, index=x.index, name="outcome")
