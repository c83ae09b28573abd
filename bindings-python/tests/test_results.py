"""Typed analysis results (issue 16, points 3, 4 and 10): each analysis returns one class,
whatever is asked of it, with its table in the core's column order, its plain data, a
notebook display, and pickling; `rows=` and `kind=` are refused by name."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any, Callable, List, Tuple

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import antq

SAMPLES = Path(__file__).resolve().parents[2] / "core" / "sample"


def results(sample: antq.Dataset) -> List[Tuple[Any, type, str]]:
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(antq.Supplement.sample("d510"))
    return [
        (antq.whatif(sample, "vn.c124-2021", 2023, ["NS-HP", "KM-TT"], verify=True), antq.WhatIf, "whatif"),
        (
            antq.impact(sample, "vn.d9745-2022.communes", 2023, supplements=[SAMPLES / "typical-supplement.toml"]),
            antq.Impact,
            "impact",
        ),
        (antq.sensitivity(sample, d510, 2023, samples=20), antq.Sensitivity, "sensitivity"),
        (antq.compare(sample, "vn.c124", (2023, 2025)), antq.Comparison, "compare"),
        (antq.rank_teams(SAMPLES / "teams-synthetic-2025.json"), antq.TeamRanking, "teams"),
        (antq.assess_medals(SAMPLES / "medal-synthetic.json"), antq.MedalAssessments, "medal"),
    ]


def test_every_analysis_returns_its_typed_result(sample: antq.Dataset) -> None:
    h = antq.headers()
    for r, cls, name in results(sample):
        assert isinstance(r, cls), name
        t = r.table()
        assert isinstance(t, antq.Table) and t.name == name
        # Point 4: the core's column order, key columns first (never sorted by name).
        assert t.columns == h[name], name
        assert pa.table(r).column_names == h[name]
        assert pl.DataFrame(r).columns == h[name]
        assert isinstance(r.to_pandas(), pd.DataFrame) and isinstance(r.to(), pd.DataFrame)
        assert isinstance(r.to_polars(), pl.DataFrame)
        assert len(r) == len(t)
        assert isinstance(r.to_dict(), dict)
        back = pickle.loads(pickle.dumps(r))
        assert back == r and type(back) is cls and back.to_dict() == r.to_dict()
        assert copy.deepcopy(r) is r
        html = r._repr_html_()
        assert "<table>" in html and name in html
        parents = r.parents_table()
        if parents is not None:
            assert parents.columns == h[f"{name}_parents"]


def test_verified_survives_every_form(sample: antq.Dataset) -> None:
    # Point 3: verify=True keeps `verified` in the plans, the table, the dict and a pickle.
    r = antq.whatif(sample, "vn.c124-2021", 2023, ["CL-CA", "NS-HP"], verify=True)
    assert r.verified == [None, True]
    assert [p["verified"] for p in r.plans] == [None, True]
    assert [p["verified"] for p in r.to_dict()["plans"]] == [None, True]
    df = r.to_pandas()
    assert df.groupby("unit")["verified"].first().to_dict().get("NS-HP") is True
    assert pickle.loads(pickle.dumps(r)).verified == [None, True]
    assert antq.whatif(sample, "vn.c124-2021", 2023, ["NS-HP"]).verified == []
    # The explanation says it too, in each language; not before verification.
    assert "verified: applying these changes" in r.explain()
    assert "đã kiểm chứng" in r.explain("vi")
    assert "verified" not in antq.whatif(sample, "vn.c124-2021", 2023, ["NS-HP"]).explain()


def test_an_earlier_whatif_pickle_keeps_verified(sample: antq.Dataset) -> None:
    # Before the core recorded `verified` on each plan, a pickle held it beside the plans.
    r = antq.whatif(sample, "vn.c124-2021", 2023, ["CL-CA", "NS-HP"], verify=True)
    d = r.to_dict()
    for p in d["plans"]:
        del p["verified"]
    d["verified"] = [None, True]
    earlier = antq._antq._unpickle_result("WhatIf", json.dumps(d), None, "en")
    assert earlier.verified == [None, True] and earlier == r


def test_result_texts_follow_lang(sample: antq.Dataset) -> None:
    vi = antq.whatif(sample, "vn.c124-2021", 2023, ["NS-HP"], lang="vi")
    en = antq.whatif(sample, "vn.c124-2021", 2023, ["NS-HP"])
    assert vi.lang == "vi" and en.lang == "en"
    assert vi.to_pandas()["text"].tolist() != en.to_pandas()["text"].tolist()
    assert pickle.loads(pickle.dumps(vi)).lang == "vi"


def test_tables_follow_the_input_library() -> None:
    ds = antq.Dataset.sample()
    frames = ds.to_frames(library="polars")
    polars_ds = antq.Dataset.from_frames(**frames, meta=ds.meta)
    r = antq.compare(polars_ds, "vn.c124-2021", (2023, 2025))
    assert isinstance(r.to(), pl.DataFrame)
    assert isinstance(r.to("pandas"), pd.DataFrame)


def test_old_keywords_are_refused_by_name(sample: antq.Dataset) -> None:
    calls: List[Tuple[Callable[[], Any], str]] = [
        (lambda: antq.whatif(sample, "vn.c124-2021", 2023, ["NS-HP"], rows=True), "rows"),  # type: ignore[arg-type]
        (lambda: antq.compare(sample, "vn.c124-2021", (2023, 2025), kind="pandas"), "kind"),  # type: ignore[arg-type]
        (lambda: antq.rank_teams(SAMPLES / "teams-synthetic-2025.json", rows=True), "rows"),  # type: ignore[arg-type]
        (lambda: antq.assess_medals(SAMPLES / "medal-synthetic.json", kind="arrow"), "kind"),  # type: ignore[arg-type]
    ]
    for call, argument in calls:
        with pytest.raises(antq.ArgumentError) as e:
            call()
        assert e.value.argument == argument
        assert "library" in str(e.value) or ".table()" in str(e.value)


def test_argument_errors_name_the_argument(sample: antq.Dataset) -> None:
    with pytest.raises(antq.ArgumentError) as e:
        antq.festival_day("2025-08-19", season_start="soon")
    assert e.value.argument == "season_start"


def test_no_outcome_keys_or_fractions_as_text(sample: antq.Dataset) -> None:
    # Point 12: "3/3" and "typical:1" were text where numbers and categories belong.
    import re

    typical = antq.Supplement.sample("typical")
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(antq.Supplement.sample("d510"))
    frames = {
        "impact": antq.impact(sample, "vn.d9745-2022.communes", 2023, supplements=[typical]).to_pandas(),
        "compare": antq.compare(sample, "vn.c124", (2023, 2025)).to_pandas(),
        "whatif": antq.whatif(
            sample, antq.RuleSet.preset("vn.d9745-2022.communes").with_supplement(typical), 2023, ["CL-SD", "KM-TT"]
        ).to_pandas(),
        "whatif510": antq.whatif(sample, d510, 2023, ["CL-DN01"]).to_pandas(),
    }
    pattern = re.compile(r"\d+/\d+|(level|typical|not_selected):\w+")
    for name, df in frames.items():
        for c in df.columns:
            if c in ("field", "text", "explanation", "causes", "name"):
                continue  # free text, and a change's field (`incident:CATEGORY`) names a column
            bad = [v for v in df[c].dropna().astype(str) if pattern.fullmatch(v)]
            assert not bad, (name, c, bad[:3])
    cmp = frames["compare"]
    assert str(cmp["met_before"].dtype) == "Int64" and str(cmp["of_after"].dtype) == "Int64"
    im = frames["impact"]
    assert str(im["after_rank"].dtype) == "Int64" and im["after_rank"].notna().any()
    assert isinstance(im["after"].dtype, pd.CategoricalDtype)
    w = frames["whatif510"]
    assert set(w["target"]) == {"level"} and w["target_level"].notna().all()
    assert set(frames["whatif"]["target"]) <= {"typical", "standard"}
    assert str(frames["whatif"]["target_criteria"].dtype) == "Int64"
