"""Circular 124 (preset vn.c124-2021) with zen-engine (GoRules JDM), as an analyst would do
it: pandas prepares each unit's features (its evidence, windowed incident counts, and for
communes the roll-up of their units' registration and outcomes), then one decision graph
per kind (benches/peers/zen/*.json: an expression node computes each criterion's status,
2 met / 1 unknown / 0 not met, and a first-hit decision table gives the outcome) decides
unit by unit. Communes are decided after their units, since CW-4 counts their outcomes.

    python zen_c124.py DATA_DIR YEAR OUT.csv TIMINGS.json

Stages: read (the Parquet tables into DataFrames), evaluate (loading the graphs, the
features in pandas, then the per-unit decisions, reported apart as decide_s), write (CSV).
"""

import json
import os
import time
from importlib.metadata import version

import numpy as np
import pandas as pd
import zen

import data
from c124 import EVALUATED, LISTED, SCHOOL_SECURITY, SCHOOL_VIOLENCE, Peer
from data import as_of, column, q1_end, windows

HERE = os.path.dirname(os.path.abspath(__file__))
GRAPHS = {k: f"{k}.json" for k in ["residential_area", "commune", "agency_enterprise", "school"]}
GRAPH_OF_KIND = {"residential_area": "residential_area.json", "agency": "agency_enterprise.json",
                 "enterprise": "agency_enterprise.json", "school": "school.json"}
FIELDS = ["kind", "size", "level", "armed_forces", "resolution_date", "plan_date", "registration_date",
          "households_total", "households_registered", "staff_total", "staff_briefed", "effective_models",
          "disciplined_officers", "party_organisation", "parents_board_coordination",
          "rules_unit_protection", "rules_state_secrets", "rules_internal_politics", "rules_labour_safety",
          "rules_fire_explosion", "rules_environment"]
CHILD_KINDS = ["residential_area", "agency", "enterprise", "school"]


def engine():
    content = {}
    for name in GRAPHS.values():
        with open(os.path.join(HERE, "..", "zen", name), encoding="utf-8") as f:
            content[name] = json.load(f)
    # A static loader: engine.evaluate(key, context) reuses the loaded graph. (In zen-engine
    # 2.1.3, create_decision(...).evaluate was much slower per call; see BENCHMARKS.md.)
    return zen.ZenEngine({"loader": {"type": "static", "content": content}})


def records(df):
    """Rows as plain dicts, missing values as None (JSON null)."""
    return json.loads(df.to_json(orient="records"))


def features(t, year):
    """One frame per evaluated unit: evidence, incident counts in the unit's window, and the
    count of listed incidents of a commune's units in the commune's window."""
    ref, win = as_of(year), windows(year)
    u = t.units
    u = u[(u["valid_from"].isna() | (u["valid_from"] <= ref)) & (u["valid_until"].isna() | (u["valid_until"] >= ref))]
    x = u[u["kind"].isin(EVALUATED)].merge(t.evidence, how="left", left_on="id", right_on="unit").set_index("id")
    inc = t.incidents.merge(u[["id", "kind", "parent"]], left_on="unit", right_on="id")
    start = inc["kind"].map({k: w[0] for k, w in win.items()})
    end = inc["kind"].map({k: w[1] for k, w in win.items()})
    own = inc[(inc["date"] >= start) & (inc["date"] <= end)]
    for name, cats in [("listed_incidents", LISTED), ("school_security_incidents", SCHOOL_SECURITY),
                       ("school_violence_incidents", SCHOOL_VIOLENCE)]:
        x[name] = own[own["category"].isin(cats)].groupby("unit").size().reindex(x.index, fill_value=0)
    c_start, c_end = win["commune"]
    below = inc[(inc["date"] >= c_start) & (inc["date"] <= c_end) & inc["category"].isin(LISTED)]
    x["area_incidents"] = below.groupby("parent").size().reindex(x.index, fill_value=0)
    for c in ["resolution_date", "plan_date", "registration_date"]:
        x[c] = x[c].dt.strftime("%Y-%m-%d")
    return x


def contexts(x, year):
    frame = pd.DataFrame({f: column(x, f) for f in FIELDS}, index=x.index)
    for c in ["listed_incidents", "school_security_incidents", "school_violence_incidents", "area_incidents",
              "children", "registered_yes", "registered_unknown", "recognised_yes", "recognised_unknown"]:
        if c in x:
            frame[c] = x[c]
    frame["q1_end"] = f"{year}-03-31"
    # "In Q1": from the start of the unit's window to 31 March.
    frame["window_start"] = x["kind"].map({k: w[0].strftime("%Y-%m-%d") for k, w in windows(year).items()})
    ctx = records(frame)
    att = x[[c for c in x.columns if c.startswith("attested:")]]
    att.columns = [c[len("attested:"):] for c in att.columns]
    for c, a in zip(ctx, records(att)):
        c["attested"] = a
    return ctx


def roll_up(x, outcome, year):
    """CW-4 inputs per commune: its in-scope units, how many registered and are recognised."""
    # A registration date counts from the start of the unit's window to 31 March; without a
    # date, the `registered` flag decides; with no evidence, unknown.
    registered = column(x, "registered").astype("boolean")
    date = pd.to_datetime(x["registration_date"])
    first = x["kind"].map({k: w[0] for k, w in windows(year).items()})
    in_time = (date >= first) & (date <= q1_end(year))
    reg = np.select([date.notna() & in_time, date.notna(), (registered == True).fillna(False),  # noqa: E712
                     (registered == False).fillna(False)], ["yes", "no", "yes", "no"], "unknown")  # noqa: E712
    out = outcome.reindex(x.index)
    kid = pd.DataFrame({
        "parent": x["parent"],
        "children": 1,
        "registered_yes": reg == "yes",
        "registered_unknown": reg == "unknown",
        "recognised_yes": out == "meets",
        "recognised_unknown": out == "undetermined",
    })
    return kid[x["kind"].isin(CHILD_KINDS) & (out != "out_of_scope")].groupby("parent").sum()


def evaluate(t, year, eng, timings=None):
    """Outcome per evaluated unit id. `timings` (a dict) receives prepare_s and decide_s."""
    t0 = time.perf_counter()
    x = features(data.prepare(t, year), year)
    units = x[x["kind"] != "commune"]
    ctx = contexts(units, year)
    t1 = time.perf_counter()
    out = [eng.evaluate(GRAPH_OF_KIND[c["kind"]], c)["result"]["outcome"] for c in ctx]
    t2 = time.perf_counter()
    outcome = pd.Series(out, index=units.index)
    communes = x[x["kind"] == "commune"].join(roll_up(x, outcome, year)).fillna(
        {k: 0 for k in ["children", "registered_yes", "registered_unknown", "recognised_yes", "recognised_unknown"]})
    cctx = contexts(communes, year)
    t3 = time.perf_counter()
    cout = [eng.evaluate("commune.json", c)["result"]["outcome"] for c in cctx]
    t4 = time.perf_counter()
    if timings is not None:
        timings["prepare_s"] = (t1 - t0) + (t3 - t2)
        timings["decide_s"] = (t2 - t1) + (t4 - t3)
    return pd.concat([outcome, pd.Series(cout, index=communes.index)]).rename("outcome")


def main() -> None:
    peer = Peer("zen-engine")
    tables = peer.stage("read", lambda: data.read(peer.data_dir))
    timings: dict[str, float] = {}
    outcome = peer.stage("evaluate", lambda: evaluate(tables, peer.year, engine(), timings))
    peer.stage("write", lambda: outcome.rename_axis("unit").to_csv(peer.out))
    peer.finish(len(outcome), threads=1, decide_s=timings["decide_s"],
                versions={"zen-engine": version("zen-engine"), "pandas": pd.__version__})


if __name__ == "__main__":
    main()
