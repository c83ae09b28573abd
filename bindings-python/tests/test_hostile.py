"""Hostile input: whatever comes in, antq answers with a value or an ordinary exception
(an AntqError with a code and structured errors, or a TypeError/ValueError for a wrong
argument) — never a panic (pyo3's PanicException is a BaseException and would fail here)."""

from __future__ import annotations

import datetime
import math
from typing import Any, Callable, Dict

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import antq
from strategies import datasets

ALLOWED = (antq.AntqError, TypeError, ValueError, OverflowError)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def survives(f: Callable[[], Any]) -> Any:
    try:
        return f()
    except Exception as e:  # a PanicException is not an Exception: it escapes and fails
        assert isinstance(e, ALLOWED), repr(e)
        if isinstance(e, antq.AntqError):
            assert e.code and isinstance(e.errors(), list)
            for p in e.errors():
                keys = {"code", "location", "message", "type", "loc", "msg", "input", "unit"}
                # `message_vi` where antq words the problem in Vietnamese.
                assert set(p) - {"omitted", "message_vi"} == keys, set(p)
                assert p["type"] == p["code"] and p["msg"] == p["message"] and isinstance(p["loc"], tuple)
        return None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.dates().map(lambda d: d.isoformat()),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=25,
)


@SETTINGS
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    for name in ("x.json", "x.toml", "x"):
        survives(lambda: antq.Dataset.from_str(text, name))
        survives(lambda: antq.RuleSet.from_str(text, name))
        survives(lambda: antq.Supplement.from_str(text, name))


@SETTINGS
@given(json_values)
def test_any_json_value(v: Any) -> None:
    survives(lambda: antq.Dataset.from_dict(v))
    survives(lambda: antq.RuleSet.from_dict(v))
    survives(lambda: antq.check_rules(v) if isinstance(v, dict) else None)


FIELDS = ["format_version", "id", "name", "kind", "subkind", "parent", "size", "level", "valid_from",
          "valid_until", "unit", "year", "households_total", "households_registered", "resolution_date",
          "attested", "points", "date", "category", "count", "type", "attendees"]


def mutate(d: Dict[str, Any], path: list, value: Any) -> None:
    """Set a field somewhere in the dataset."""
    target: Any = d
    for p in path[:-1]:
        target = target[p]
    target[path[-1]] = value


@SETTINGS
@given(datasets(), st.data())
def test_mutated_datasets_evaluate_or_fail_cleanly(d: Dict[str, Any], data: st.DataObject) -> None:
    lists = [k for k in ("units", "evidence", "incidents", "activities") if d[k]]
    key = data.draw(st.sampled_from(lists))
    i = data.draw(st.integers(min_value=0, max_value=len(d[key]) - 1))
    field = data.draw(st.sampled_from(FIELDS))
    mutate(d, [key, i, field], data.draw(json_values))
    ds = survives(lambda: antq.Dataset.from_dict(d))
    if ds is not None:
        for rules in antq.presets():
            for year in (1899, 2023, 2025, 2200):
                survives(lambda: antq.evaluate(ds, rules, year))
        survives(lambda: antq.activity_stats(ds, 2023))


cells = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.text(max_size=12),
    st.booleans(),
    st.dates(),
)
COLUMNS = ["id", "name", "kind", "subkind", "parent", "valid_from", "unit", "year", "households_total",
           "plan_date", "attested:RA-2", "points:I-1:self", "date", "category", "count", "type",
           "attendees", "colour", "parent_changes"]


@st.composite
def tables(draw: Any) -> pa.Table:
    n = draw(st.integers(min_value=0, max_value=5))
    names = draw(st.lists(st.sampled_from(COLUMNS), unique=True, min_size=1, max_size=6))
    cols = {}
    for c in names:
        kind = draw(st.sampled_from(["int", "float", "text", "bool", "date", "mixed"]))
        strat = {
            "int": st.none() | st.integers(min_value=-(2**63), max_value=2**63 - 1),
            "float": st.none() | st.floats(),
            "text": st.none() | st.text(max_size=12),
            "bool": st.none() | st.booleans(),
            "date": st.none() | st.dates(),
            "mixed": st.none() | st.text(max_size=4),
        }[kind]
        cols[c] = draw(st.lists(strat, min_size=n, max_size=n))
    return pa.table(cols)


@SETTINGS
@given(tables(), tables(), tables(), tables())
def test_any_tables(units: pa.Table, evidence: pa.Table, incidents: pa.Table, activities: pa.Table) -> None:
    ds = survives(lambda: antq.Dataset.from_frames(units, evidence, incidents, activities))
    if ds is not None:
        survives(lambda: antq.evaluate(ds, "vn.c124-2021", 2023))


def test_extreme_values_in_tables() -> None:
    units = pa.table({"id": ["C"], "name": ["n"], "kind": ["commune"], "subkind": ["xa"]})
    for col, values in [
        ("year", pa.array([2**62], pa.int64())),
        ("year", pa.array([math.inf])),
        ("year", pa.array([math.nan])),
        ("households_total", pa.array([2**64 - 1], pa.uint64())),
        ("households_total", pa.array([-(2**63)], pa.int64())),
        ("households_total", pa.array([1e300])),
        ("plan_date", pa.array([2**31 - 1], pa.date32())),
        ("plan_date", pa.array([-(2**31)], pa.date32())),
        ("plan_date", pa.array([datetime.datetime(9999, 12, 31)], pa.timestamp("s"))),
        ("points:I:self", pa.array([1e18])),
        ("points:I:self", pa.array(["1" * 40])),
        ("attested:X", pa.array(["maybe"])),
    ]:
        ev = pa.table({"unit": ["C"], "year": [2023]}) if col != "year" else pa.table({"unit": ["C"]})
        ev = ev.append_column(col, values)
        survives(lambda: antq.Dataset.from_frames(units, ev))


def test_wrong_argument_types() -> None:
    with pytest.raises(TypeError):
        antq.evaluate("not a dataset", "vn.c124-2021", 2023)  # type: ignore[arg-type]
    with pytest.raises(antq.ArgumentError, match="not a year"):  # was a bare OverflowError
        antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2**40)
    with pytest.raises(antq.YearError) as e:
        antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 1800)
    assert e.value.code == "bad_year" and isinstance(e.value, ValueError)
    nested: Any = []
    for _ in range(5000):
        nested = [nested]
    with pytest.raises(antq.DatasetError):
        antq.Dataset.from_dict({"format_version": 1, "units": nested})
    with pytest.raises(antq.DatasetError):
        antq.Dataset.from_dict({"format_version": 1, "units": [], "meta": {"title": object()}})
