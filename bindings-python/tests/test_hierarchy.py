"""The administrative hierarchy on the review date: every unit's commune, district and province,
following ``parent_changes`` (DOMAIN §2: districts end on 1 July 2025)."""

from __future__ import annotations

from typing import Any, Dict, Optional

import pytest

import antq

pa = pytest.importorskip("pyarrow")


def by_unit(table: Any) -> Dict[str, Dict[str, Optional[str]]]:
    rows = pa.table(table).to_pylist()
    return {r["unit"]: r for r in rows}


def test_hierarchy_before_the_reform_has_districts(sample: antq.Dataset) -> None:
    h = by_unit(sample.hierarchy(2023, library="pyarrow"))
    assert list(pa.table(sample.hierarchy(2023, library="pyarrow")).column_names) == antq.headers()["hierarchy"]
    area = h["NS-QT-KDC01"]
    assert (area["parent"], area["commune"], area["district"], area["province"]) == ("NS-QT", "NS-QT", "NS", "HD")
    # A commune is its own commune; a province its own province.
    assert h["NS-QT"]["commune"] == "NS-QT" and h["HD"]["province"] == "HD" and h["HD"]["district"] is None
    # A unit that only exists from 1 July 2025 is not in the 2023 hierarchy.
    assert "NS-XNS" not in h


def test_hierarchy_after_the_reform_follows_parent_changes(sample: antq.Dataset) -> None:
    h = by_unit(sample.hierarchy(2025, library="pyarrow"))
    area = h["NS-QT-KDC01"]  # moved to the merged commune NS-XNS on 2025-07-01
    assert (area["parent"], area["commune"], area["district"], area["province"]) == ("NS-XNS", "NS-XNS", None, "HD")
    assert all(r["district"] is None for r in h.values())
    assert "NS" not in h and "NS-QT" not in h
    # The day before the reform the old hierarchy stands.
    before = by_unit(sample.hierarchy(2025, "2025-06-30", library="pyarrow"))
    assert before["NS-QT-KDC01"]["district"] == "NS"


def test_declared_parent_differs_from_the_dated_one(sample: antq.Dataset) -> None:
    units = pa.table(sample.to_frames(library="pyarrow")["units"]).to_pylist()
    declared = {u["id"]: u["parent"] for u in units}
    dated = by_unit(sample.hierarchy(2025, library="pyarrow"))
    assert declared["NS-QT-KDC01"] == "NS-QT" and dated["NS-QT-KDC01"]["parent"] == "NS-XNS"


def test_evaluation_rows_carry_the_hierarchy(sample: antq.Dataset) -> None:
    ev = antq.evaluate(sample, "vn.c124-2021", 2023)
    rows = by_unit(ev.rows(library="arrow"))
    assert (rows["NS-HP-KDC01"]["commune"], rows["NS-HP-KDC01"]["district"], rows["NS-HP-KDC01"]["province"]) == (
        "NS-HP", "NS", "HD")
    assert ev["NS-HP-KDC01"].to_dict()["district"] == "NS"
    later = by_unit(antq.evaluate(sample, "vn.c124-2025", 2025).rows(library="arrow"))
    assert later["NS-QT-KDC01"]["district"] is None and later["NS-QT-KDC01"]["commune"] == "NS-XNS"
    # The verdicts table (review) carries the same columns, the same values.
    verdicts = by_unit(antq.review(sample, "vn.c124-2021", 2023, library="arrow"))
    assert {k: verdicts["NS-HP-KDC01"][k] for k in ("commune", "district", "province")} == {
        "commune": "NS-HP", "district": "NS", "province": "HD"}


def test_group_by_province(sample: antq.Dataset) -> None:
    pd = pytest.importorskip("pandas")
    rows = antq.evaluate(sample, "vn.c124-2021", 2023).rows(library="pandas")
    assert isinstance(rows, pd.DataFrame)
    per = rows.groupby("province").size()
    assert per.sum() == len(rows) and list(per.index) == ["HD"]


def test_analysis_unit_tables_carry_the_hierarchy(sample: antq.Dataset) -> None:
    cmp = by_unit(antq.compare(sample, "vn.c124", (2023, 2025)).table())
    # The later year's hierarchy: a village of a merged commune, no district.
    row = cmp["NS-QT-KDC01"]
    assert (row["parent"], row["commune"], row["district"], row["province"]) == ("NS-XNS", "NS-XNS", None, "HD")
    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    sup = root / "core" / "sample" / "typical-supplement.toml"
    im = pa.table(antq.impact(sample, "vn.d9745-2022.communes", 2023, supplements=[sup]).table())
    assert im.num_rows > 0
    for r in im.to_pylist():
        assert r["province"] == "HD" and r["district"] is not None and r["commune"] == r["unit"]


def test_a_date_of_another_year_is_refused(sample: antq.Dataset) -> None:
    """The dataset is checked for ``year``: a date of another year would be read against that
    year's kinds of unit, so it is an ArgumentError naming ``as_of`` (the CLI's ``hierarchy``
    takes ``--year`` or ``--as-of``, not both)."""
    with pytest.raises(antq.ArgumentError, match="as_of: 2025-11-15 is not in 2023"):
        sample.hierarchy(2023, "2025-11-15")
    assert sample.hierarchy(2025, "2025-11-15", library="pyarrow").equals(sample.hierarchy(2025, library="pyarrow"))


def test_stats_warn_of_activities_of_units_not_in_the_window(sample: antq.Dataset) -> None:
    """An activity of a unit that does not exist in the year's window is counted in no total:
    a LintWarning says so (it was dropped without a word), and the dict form carries it."""
    import warnings

    d = sample.to_dict()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        clean = antq.activity_stats(antq.Dataset.from_dict(d), 2024)
    assert "lints" not in clean.to_dict()
    d["activities"].append(
        {"unit": "HD-DKKT", "date": "2024-05-01", "type": "propaganda_meeting", "count": 5, "attendees": 100}
    )
    with pytest.warns(antq.LintWarning, match=r"1 activity record\(s\) dated in the window .* `HD-DKKT`"):
        st = antq.Dataset.from_dict(d).activity_stats(2024)
    assert st.totals() == clean.totals()
    assert [l["code"] for l in st.to_dict()["lints"]] == ["unreviewed_evidence"]
