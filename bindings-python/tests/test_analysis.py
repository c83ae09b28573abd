"""Decision support from Python: what it still takes, impact, sensitivity, year over year,
as typed results (issue 16, point 10) with plain data and the caller's kind of table."""

from __future__ import annotations

import json
import pickle
import warnings
from pathlib import Path

import pytest

import antq


def test_whatif_failing_commune_is_verified(sample: antq.Dataset) -> None:
    plans = antq.whatif(sample, "vn.c124-2021", 2023, ["NS-HP", "KM-TT"], verify=True).plans
    hp, tt = plans
    assert hp["unit"] == "NS-HP" and hp["status"] == "reachable" and hp["verified"] is True
    assert len(hp["changes"]) == 1 and hp["changes"][0]["via"] == "NS-HP CW-4"
    assert tt["status"] == "reached" and tt["changes"] == []
    with pytest.raises(antq.UnknownUnitError):
        antq.whatif(sample, "vn.c124-2021", 2023, ["NOPE"])


def test_whatif_does_not_verify_an_unreachable_plan(sample: antq.Dataset) -> None:
    # As the CLI and JavaScript: nothing to apply, so not checked (None), never False.
    ca, hp = antq.whatif(sample, "vn.c124-2021", 2023, ["CL-CA", "NS-HP"], verify=True).plans
    assert ca["status"] == "unreachable" and ca["verified"] is None
    assert hp["verified"] is True


def test_whatif_rows_as_pandas(sample: antq.Dataset) -> None:
    pd = pytest.importorskip("pandas")
    df = antq.whatif(sample, "vn.c124-2021", 2023, ["NS-HP", "KM-HS"], lang="vi").to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert {"unit", "status", "step", "change_unit", "criterion", "field", "to", "text"} <= set(df.columns)
    assert set(df["unit"]) == {"NS-HP", "KM-HS"}


def test_whatif_rows_keep_verified(sample: antq.Dataset) -> None:
    # Issue 16, point 3: rows=True with verify=True used to drop `verified`.
    pd = pytest.importorskip("pandas")
    result = antq.whatif(sample, "vn.c124-2021", 2023, ["NS-HP", "KM-TT"], verify=True)
    plans = result.plans
    df = result.to_pandas()
    assert "verified" in df.columns
    expected = {p["unit"]: p["verified"] for p in plans}
    assert {u: bool(v) for u, v in zip(df["unit"], df["verified"])} == expected
    plain = antq.whatif(sample, "vn.c124-2021", 2023, ["NS-HP"]).to_pandas()
    assert plain["verified"].isna().all()  # the column is always there: empty where not checked


def test_points_plan_gains_the_gap(sample: antq.Dataset, root: Path) -> None:
    rs = antq.RuleSet.preset("vn.d510-2022").with_supplement(
        antq.Supplement.from_path(root / "core" / "sample" / "d510-supplement.toml")
    )
    (p,) = antq.whatif(sample, rs, 2023, ["CL-DN01"], verify=True).plans
    assert p["target"]["target"] == "level" and p["verified"]
    gained = sum(c["to"] - (c.get("from") or 0) for c in p["changes"])
    assert gained == pytest.approx(p["points_to_gain"])


def test_impact_of_a_supplement_and_a_parameter(sample: antq.Dataset, root: Path) -> None:
    sup = root / "core" / "sample" / "typical-supplement.toml"
    im = antq.impact(sample, "vn.d9745-2022.communes", 2023, supplements=[sup])
    assert im.changed["supplements"] == ["sample.hd.typical-2023"]
    d = im.to_dict()
    assert d["units"] and all(r["causes"] for r in d["units"])
    assert im.units == [r["unit"] for r in d["units"]] and len(im) == len(d["units"])
    rows = antq.impact(sample, "vn.d9745-2022.communes", 2023, params={"min_met": 30}).to_arrow()
    assert rows.num_rows > 0 and "causes" in rows.column_names
    with pytest.raises(antq.RuleSetError, match="say what changes"):
        antq.impact(sample, "vn.c124-2021", 2023)
    with pytest.raises(antq.RuleSetError):
        antq.impact(sample, "vn.c124-2021", 2023, params={"nope": 1})


def test_sensitivity_is_deterministic(sample: antq.Dataset, root: Path) -> None:
    rs = antq.RuleSet.preset("vn.d510-2022").with_supplement(
        antq.Supplement.from_path(root / "core" / "sample" / "d510-supplement.toml")
    )
    a = antq.sensitivity(sample, rs, 2023, samples=300, seed=5)
    b = antq.sensitivity(sample, rs, 2023, samples=300, seed=5)
    assert a == b and a.samples == 300
    assert all(sum(u["levels"].values()) == 300 for u in a.to_dict()["units"])
    g = antq.sensitivity(sample, rs, 2023, grid=2, max_range=0)
    assert g.samples == 8 * 25
    # The defaults: 1000 samples of seed 1.
    assert antq.sensitivity(sample, rs, 2023) == antq.sensitivity(sample, rs, 2023, samples=1000, seed=1)
    # A grid draws no random samples: samples= or seed= with it is refused, never ignored.
    for extra in ({"samples": 300}, {"seed": 5}):
        with pytest.raises(antq.ArgumentError, match="not taken with grid="):
            antq.sensitivity(sample, rs, 2023, grid=2, **extra)
    with pytest.raises(antq.RuleSetError):
        antq.sensitivity(sample, "vn.c124-2021", 2023)


def test_compare_two_years(sample: antq.Dataset) -> None:
    c = antq.compare(sample, "vn.c124-2021", (2023, 2025))
    assert (c.from_year, c.to_year) == (2023, 2025)
    d = c.to_dict()
    moved = {r["unit"]: r["movement"] for r in d["units"]}
    assert all(moved[u] == "newly_meets" for u in c.newly_meeting)
    t = c.to_arrow()
    assert t.num_rows == len(d["units"])


def test_list_arguments_are_read_from_any_sequence_and_refused_clearly() -> None:
    """``years`` is two years as a tuple or a list; ``units`` and ``columns`` are lists of
    names, never one string (read letter by letter) nor an empty list: each mistake is an
    ``ArgumentError`` naming the argument, not pyo3's bare TypeError."""
    ds = antq.Dataset.sample()
    assert antq.compare(ds, "vn.c124", [2023, 2025]) == antq.compare(ds, "vn.c124", (2023, 2025))
    for years in ([2023], (2023, 2024, 2025), "2023", 2023):
        with pytest.raises(antq.ArgumentError, match="years: expected two years"):
            antq.compare(ds, "vn.c124", years)  # type: ignore[arg-type]
    with pytest.raises(antq.ArgumentError, match=r"year: expected an integer year, got str"):
        antq.compare(ds, "vn.c124", [2023, "2025"])  # type: ignore[list-item]
    with pytest.raises(antq.ArgumentError, match=r'units: a list of unit ids, not one string: write \["KM-TT"\]'):
        antq.whatif(ds, "vn.c124", 2023, "KM-TT")
    with pytest.raises(antq.ArgumentError, match="units: the list of unit ids is empty"):
        antq.whatif(ds, "vn.c124", 2023, [])
    assert antq.whatif(ds, "vn.c124", 2023, ("KM-TT",)) == antq.whatif(ds, "vn.c124", 2023, ["KM-TT"])
    with pytest.raises(antq.ArgumentError, match="columns: the list of column names is empty"):
        antq.review(ds, "vn.c124", 2023, columns=[])


def test_the_analyses_warn_their_evaluations_lints() -> None:
    """Each analysis warns the lints of the evaluations it runs, as `evaluate` warns its
    own, and its result holds them: a school-violence incident recorded for a residential
    area, which no criterion counts (shared case 155), passed without a word."""
    ds = antq.Dataset.from_dict(
        {
            "format_version": 1,
            "units": [
                {"id": "C", "name": "Xã", "kind": "commune", "subkind": "xa"},
                {"id": "R", "name": "Thôn R", "kind": "residential_area", "subkind": "thon", "parent": "C"},
            ],
            "evidence": [{"unit": "R", "year": 2023, "attested": {"RA-2": "yes"}}],
            "incidents": [{"unit": "R", "date": "2023-05-01", "category": "school_violence"}],
        }
    )
    runs = [
        lambda: antq.whatif(ds, "vn.c124-2021", 2023, ["R"]),
        lambda: antq.impact(ds, "vn.c124-2021", 2023, vs="vn.d510-2022"),
        lambda: antq.sensitivity(ds, "vn.d510-2022", 2023, samples=5),
        lambda: antq.compare(ds, "vn.c124", (2022, 2023)),
    ]
    for run in runs:
        with pytest.warns(antq.LintWarning) as caught:
            run()
        codes = [w.message.problem["code"] for w in caught if isinstance(w.message, antq.LintWarning)]
        assert "unused_category" in codes, codes
    # Two evaluations: the earlier year's own lint too, a lint both share warned once.
    with pytest.warns(antq.LintWarning) as caught:
        antq.compare(ds, "vn.c124", (2022, 2023))
    codes = [w.message.problem["code"] for w in caught if isinstance(w.message, antq.LintWarning)]
    assert codes.count("no_evidence") == 1 and codes.count("unused_category") == 1, codes
    # The results hold them too, as the core's JSON does (`whatif` as well: its
    # `{"plans", "lints"}`, kept through a pickle).
    w = antq.whatif(ds, "vn.c124-2021", 2023, ["R"])
    assert "unused_category" in [p["code"] for p in w.lints]
    assert w.to_dict()["lints"] == w.lints
    assert pickle.loads(pickle.dumps(w)).lints == w.lints
    # Each lint is worded in Vietnamese too, as the core words it.
    assert all(p["message_vi"] and p["message_vi"] != p["message"] for p in w.lints), w.lints
    (category,) = [p for p in w.lints if p["code"] == "unused_category"]
    assert category["message_vi"].startswith("1 vụ việc thuộc loại")
    assert "unused_category" in [p["code"] for p in antq.impact(ds, "vn.c124-2021", 2023, vs="vn.d510-2022").lints]
    assert "unused_category" in [p["code"] for p in antq.sensitivity(ds, "vn.d510-2022", 2023, samples=5).lints]
    assert [p["code"] for p in antq.compare(ds, "vn.c124", (2022, 2023)).lints].count("no_evidence") == 1


def test_the_analyses_warn_the_illustrative_defaults_they_rest_on() -> None:
    """Each analysis warns the illustrative defaults [I] of every rule set it uses (Decision
    510's level cut-offs, a sample supplement's quota…) as a DecisionWarning, as `review`
    warns them, and names them in its result's rules; a rule set of verified values warns
    none."""
    ds = antq.Dataset.sample()
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(antq.Supplement.sample("d510"))
    typical = antq.Supplement.sample("typical")
    runs = [
        (lambda: antq.whatif(ds, d510, 2023, ["CL-DN01"]), "level yeu"),
        (lambda: antq.impact(ds, "vn.d9745-2022.communes", 2023, supplements=[typical]), "quota_per_parent = 2"),
        (lambda: antq.sensitivity(ds, d510, 2023, samples=5), "level cut-offs"),
        (lambda: antq.compare(ds, d510, (2023, 2024)), "level cut-offs"),
    ]
    for run, expected in runs:
        with pytest.warns(antq.DecisionWarning) as caught:
            result = run()
        notes = [str(w.message) for w in caught if isinstance(w.message, antq.DecisionWarning)]
        assert any("illustrative defaults [I]" in n and expected in n for n in notes), notes
        assert len(notes) == len(set(notes)), notes
        assert "illustrative_defaults" in json.dumps(result.to_dict())
    with warnings.catch_warnings():
        warnings.simplefilter("error", antq.DecisionWarning)
        warnings.simplefilter("ignore", antq.LintWarning)
        antq.whatif(ds, "vn.c124-2021", 2023, ["NS-HP"])
