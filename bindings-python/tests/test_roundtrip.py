"""Properties: a dataset survives every round trip between Python objects, JSON and
dataframes, and its evaluation does not depend on the way it came in."""

from __future__ import annotations

import json
from typing import Any, Dict

from hypothesis import HealthCheck, given, settings

import antq
from strategies import datasets

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(datasets())
def test_dict_and_json_round_trips(d: Dict[str, Any]) -> None:
    ds = antq.Dataset.from_dict(d)
    assert antq.Dataset.from_dict(ds.to_dict()) == ds
    assert antq.Dataset.from_str(ds.to_json(), "x.json") == ds
    assert antq.Dataset.from_dict(json.loads(json.dumps(d))) == ds


@FAST
@given(datasets())
def test_frame_round_trips_for_every_kind(d: Dict[str, Any]) -> None:
    ds = antq.Dataset.from_dict(d)
    for kind in ("pyarrow", "pandas", "polars"):
        frames = ds.to_frames(library=kind)
        assert antq.Dataset.from_frames(**frames, meta=ds.meta) == ds, kind


@FAST
@given(datasets())
def test_evaluation_is_the_same_whichever_way_the_data_came(d: Dict[str, Any]) -> None:
    ds = antq.Dataset.from_dict(d)
    year = d["evidence"][0]["year"] if d["evidence"] else 2023
    via_frames = antq.Dataset.from_frames(**ds.to_frames(library="pandas"), meta=ds.meta)
    for rules in ("vn.c124-2021", "vn.d510-2022"):
        try:
            want = antq.evaluate(ds, rules, year)
        except antq.DatasetError as e:  # e.g. an incident category the rule set does not declare
            assert e.code == "invalid_dataset"
            continue
        assert antq.evaluate(via_frames, rules, year).to_dict() == want.to_dict()
        rows = want.rows(library="pyarrow")
        assert rows.column("unit").to_pylist() == want.unit_ids()
