"""Hypothesis strategies: valid datasets in the JSON (dict) form."""

from __future__ import annotations

import datetime
from typing import Any, Dict, List

from hypothesis import strategies as st

ATTESTED_KEYS = ["RA-2", "RA-3/other", "RA-4", "RA-5", "CW-2/RA-2", "AE-2", "AE-3", "SC-1"]
CATEGORIES = ["prolonged_dispute", "incitement", "illegal_religion", "anti_state"]
names = st.text(min_size=1, max_size=12)
dates = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2026, 12, 31))
counts = st.integers(min_value=0, max_value=10**9)
points = st.integers(min_value=-2000, max_value=2000).map(lambda h: h / 100)


@st.composite
def child_unit(draw: Any, uid: str, parent: str) -> Dict[str, Any]:
    kind = draw(st.sampled_from(["residential_area", "agency", "enterprise", "school"]))
    u: Dict[str, Any] = {"id": uid, "name": draw(names), "kind": kind, "parent": parent}
    if kind == "residential_area":
        u["subkind"] = draw(st.sampled_from(["thon", "to_dan_pho", "ap", "khu_pho"]))
    elif kind == "agency":
        if draw(st.booleans()):
            u["armed_forces"] = True
    elif kind == "enterprise":
        u["size"] = draw(st.sampled_from(["micro", "small", "medium", "large"]))
    else:
        u["level"] = draw(st.sampled_from(["primary", "lower_secondary", "upper_secondary", "higher"]))
    return u


@st.composite
def evidence(draw: Any, unit: str, year: int) -> Dict[str, Any]:
    e: Dict[str, Any] = {"unit": unit, "year": year}
    for f in ["resolution_date", "plan_date", "registration_date"]:
        if draw(st.booleans()):
            e[f] = draw(dates).isoformat()
    if draw(st.booleans()):
        total = draw(counts)
        e["households_total"] = total
        e["households_registered"] = draw(st.integers(min_value=0, max_value=total))
    for f in ["effective_models", "disciplined_officers"]:
        if draw(st.booleans()):
            e[f] = draw(st.integers(min_value=0, max_value=50))
    for f in ["registered", "party_organisation", "rules_environment"]:
        if draw(st.booleans()):
            e[f] = draw(st.booleans())
    keys = draw(st.lists(st.sampled_from(ATTESTED_KEYS), unique=True, max_size=4))
    if keys:
        e["attested"] = {k: draw(st.sampled_from(["yes", "no", "unknown"])) for k in keys}
    items = draw(st.lists(st.sampled_from(["I-1", "I-2", "D-1"]), unique=True, max_size=2))
    if items:
        e["points"] = {}
        for i in items:
            s: Dict[str, Any] = {}
            which = draw(st.sampled_from(["self", "reviewed", "both"]))
            if which in ("self", "both"):
                s["self"] = draw(points)
            if which in ("reviewed", "both"):
                s["reviewed"] = draw(points)
            e["points"][i] = s
    return e


@st.composite
def datasets(draw: Any) -> Dict[str, Any]:
    year = draw(st.sampled_from([2023, 2024]))
    units: List[Dict[str, Any]] = [{"id": "C", "name": draw(names), "kind": "commune", "subkind": "xa"}]
    n = draw(st.integers(min_value=0, max_value=6))
    units += [draw(child_unit(f"U{i}", "C")) for i in range(n)]
    ev = [draw(evidence(u["id"], year)) for u in units if draw(st.booleans())]
    incidents = [
        {"unit": draw(st.sampled_from([u["id"] for u in units])), "date": draw(dates).isoformat(),
         "category": draw(st.sampled_from(CATEGORIES))}
        for _ in range(draw(st.integers(min_value=0, max_value=3)))
    ]
    acts: List[Dict[str, Any]] = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        a: Dict[str, Any] = {"unit": draw(st.sampled_from([u["id"] for u in units])), "date": draw(dates).isoformat(),
                             "count": draw(st.integers(min_value=1, max_value=20))}
        t = draw(st.sampled_from(["propaganda_meeting", "tip_off", "model", "award", "support"]))
        a["type"] = t
        if t == "propaganda_meeting":
            a["attendees"] = draw(counts)
        elif t == "tip_off":
            a["valuable"] = draw(st.integers(min_value=0, max_value=20))
        elif t == "model":
            a.update(name=draw(names), sites=draw(counts), typical=draw(st.booleans()))
        elif t == "award":
            a.update(issuer="provincial_police", form="giay_khen", recipient=draw(st.sampled_from(["collective", "individual"])))
        else:
            a.update(amount_vnd=draw(counts), houses=draw(st.integers(min_value=0, max_value=5)))
        acts.append(a)
    return {"format_version": 1, "meta": {"title": draw(names), "synthetic": True}, "units": units,
            "evidence": ev, "incidents": incidents, "activities": acts}
