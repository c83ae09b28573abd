"""Discoverability (issue 16, point 13): what a rule set reads (`indicators`), an empty
evidence frame to fill (`evidence_template`), HTML display of datasets, statistics and
supplements, and docstrings in the stubs."""

from __future__ import annotations

import ast
import datetime
from pathlib import Path

import pandas as pd
import pytest

import antq

STUB = Path(antq.__file__).with_name("_antq.pyi")


def test_indicators_list_every_column_with_its_criteria() -> None:
    t = antq.indicators("vn.c124-2021", unit_kind="residential_area")
    assert list(t.columns) == antq.headers()["indicators"]
    assert set(t["kind"]) == {"residential_area"}
    reg = t[t["column"] == "households_registered"].iloc[0]
    assert reg["type"] == "integer" and reg["criteria"]
    assert all(isinstance(c, list) for c in t["criteria"])
    # The columns are the template's, without unit and year.
    template = antq.evidence_template("vn.c124-2021", "residential_area")
    assert list(t["column"]) == list(template.columns)[2:]
    every = antq.indicators("vn.c124-2021")
    assert set(every["kind"]) == set(antq.RuleSet.preset("vn.c124-2021").kinds)
    # A family resolves by the year.
    assert len(antq.indicators("vn.c124", year=2023)) == len(every)


def test_indicators_of_points_items_carry_their_maximum() -> None:
    rs = antq.RuleSet.preset("vn.d510-2022").with_supplement(antq.Supplement.sample("d510"))
    t = antq.indicators(rs, library="pyarrow").to_pandas()
    points = t[t["type"] == "points"]
    assert len(points) > 0 and points["max"].notna().all()
    assert all(c.startswith("points:") for c in points["column"])


def test_evidence_template_is_typed_and_fills_into_a_dataset() -> None:
    t = antq.evidence_template("vn.c124-2021", "residential_area")
    assert isinstance(t, pd.DataFrame) and len(t) == 0
    assert str(t["year"].dtype) == "Int64"
    assert str(t["resolution_date"].dtype).startswith("datetime64")
    assert str(t["households_total"].dtype) == "Int64"
    units = pd.DataFrame(
        {"id": ["C", "R1"], "name": ["Xã", "Thôn"], "kind": ["commune", "residential_area"],
         "subkind": ["xa", "thon"], "parent": [None, "C"]}
    )
    row = {c: None for c in t.columns}
    row.update({"unit": "R1", "year": 2023, "resolution_date": datetime.date(2023, 1, 15),
                "households_total": 100, "households_registered": 100})
    filled = pd.concat([t, pd.DataFrame([row]).astype(t.dtypes.to_dict())], ignore_index=True)
    ds = antq.Dataset.from_frames(units, filled)
    assert ds.counts["evidence"] == 1


def test_template_and_indicators_refuse_unknown_or_unread_kinds() -> None:
    with pytest.raises(antq.ArgumentError) as e:
        antq.evidence_template("vn.c124-2021", "galaxy")
    assert e.value.argument == "unit_kind"
    # A kind the rule set does not evaluate is a wrong argument, not a wrong rule set.
    for call in (
        lambda: antq.indicators("vn.d9745-2022.communes", unit_kind="enterprise"),
        lambda: antq.evidence_template("vn.c124-2021", "province"),
    ):
        with pytest.raises(antq.ArgumentError, match="it evaluates: ") as e:
            call()
        assert e.value.argument == "unit_kind"


def test_template_and_indicators_for_a_year_refuse_a_preset_not_in_force_then() -> None:
    """``year=`` resolves a family; a preset id or RuleSet that does not apply in the year is
    refused as an evaluation of that year is (the 2021 text's template was given for 2026)."""
    for call in (
        lambda: antq.evidence_template("vn.c124-2021", "commune", year=2026),
        lambda: antq.evidence_template(antq.RuleSet.preset("vn.c124-2021"), "commune", year=2026),
        lambda: antq.indicators("vn.c124-2021", year=2026),
    ):
        with pytest.raises(antq.NotInForceError) as e:
            call()
        assert e.value.code == "not_in_force" and "vn.c124-2025" in str(e.value)
    assert len(antq.evidence_template("vn.c124", "commune", year=2026).columns) > 2
    assert len(antq.evidence_template("vn.c124-2021", "commune", year=2024).columns) > 2


def test_dataset_stats_and_supplement_display_as_html(sample: antq.Dataset) -> None:
    html = sample._repr_html_()
    assert "<table>" in html and sample.title in html and "synthetic" in html
    stats = sample.activity_stats(2023)
    s = stats._repr_html_()
    assert "<table>" in s and "2023" in s
    sup = antq.Supplement.sample("typical")
    h = sup._repr_html_()
    assert sup.id in h and sup.base in h
    assert "<script" not in html + s + h


def test_stub_docstrings_have_numpydoc_sections() -> None:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    for name in ("review", "whatif", "impact", "sensitivity", "compare", "rank_teams", "assess_medals",
                 "indicators", "evidence_template", "evaluate"):
        doc = ast.get_docstring(funcs[name]) or ""
        assert "Returns\n" in doc, name
    for name in ("indicators", "evidence_template", "whatif", "evaluate"):
        doc = ast.get_docstring(funcs[name]) or ""
        assert "Parameters\n" in doc and "Examples\n" in doc, name


def test_every_public_stub_has_a_docstring() -> None:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    missing = []
    for node in tree.body:
        members = [(None, node)] if isinstance(node, ast.FunctionDef) else []
        if isinstance(node, ast.ClassDef):
            members = [(node.name, f) for f in node.body if isinstance(f, ast.FunctionDef)]
        for cls, f in members:
            if f.name.startswith("_") or f.name.startswith("plot_"):
                continue
            if not ast.get_docstring(f):
                missing.append(f"{cls}.{f.name}" if cls else f.name)
    assert not missing, missing
