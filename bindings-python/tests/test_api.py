"""The core surface from Python: presets, rule sets and supplements, datasets, evaluation,
explanations, what is missing, statistics and the decision record."""

from __future__ import annotations

import datetime
import json
import threading
import time
from pathlib import Path

import pytest

import antq


def test_version_and_presets() -> None:
    assert antq.__version__.count(".") == 2
    assert antq.presets() == list(antq.PRESET_IDS)
    assert "vn.c124-2021" in antq.presets()


def test_families_resolve_by_date() -> None:
    assert antq.RuleSet.resolve("vn.c124", 2024).id == "vn.c124-2021"
    assert antq.RuleSet.resolve("vn.c124", 2026).id == "vn.c124-2025"
    assert antq.RuleSet.resolve("vn.c124", 2026).family == "vn.c124"
    with pytest.raises(antq.NotInForceError) as e:
        antq.RuleSet.resolve("vn.c124", 2021)
    assert e.value.code == "not_in_force"
    fam = {f["id"]: f for f in antq.families()}
    assert [i["id"] for i in fam["vn.c124"]["instruments"]] == ["vn.c23-2012", "vn.c124-2021", "vn.c124-2025"]
    ds = antq.Dataset.sample()
    with pytest.raises(antq.NotInForceError):
        antq.evaluate(ds, "vn.c124-2021", 2025)
    ev = antq.evaluate(ds, "vn.c124-2021", 2025, allow_outside_period=True)
    assert ev.to_dict()["decision"]["outside_period"] is True
    with pytest.raises(antq.AsOfOutsideYearError):
        antq.evaluate(ds, "vn.c124", 2023, as_of="2026-11-15")


def test_rule_sets_from_preset_path_text_and_dict(root: Path) -> None:
    rs = antq.RuleSet.preset("vn.c124-2021")
    assert rs.id == "vn.c124-2021"
    assert any(c["id"] == "CW-4" for c in rs.criteria)
    assert {"commune", "residential_area"} <= set(rs.kinds)
    assert rs.title["vi"] and rs.title["en"]
    assert len(rs.content_hash) == 64
    from_file = antq.RuleSet.from_path(root / "core" / "presets" / "c124-2021.toml")
    assert from_file == rs
    text = (root / "core" / "presets" / "c124-2021.toml").read_text(encoding="utf-8")
    assert antq.RuleSet.from_str(text, "c124.toml") == rs
    assert antq.RuleSet.from_dict(rs.to_dict()) == rs
    assert antq.RuleSet.from_str(rs.to_json(), "x.json") == rs
    assert json.loads(rs.to_json()) == rs.to_dict()
    assert "RuleSet(\"vn.c124-2021\"" in repr(rs)


def test_supplements_layer_and_are_recorded(root: Path, sample: antq.Dataset) -> None:
    sup = antq.Supplement.from_path(root / "core" / "sample" / "typical-supplement.toml")
    assert sup == antq.Supplement.sample("typical")
    assert sup.base == "vn.d9745-2022.communes"
    assert sup.certainty == "sample"
    assert antq.Supplement.from_dict(sup.to_dict()) == sup
    typical = antq.RuleSet.preset("vn.d9745-2022.communes").with_supplement(sup)
    assert [s["id"] for s in typical.applied_supplements] == [sup.id]
    assert typical.parameters["min_met"]["value"] == 32
    ev = antq.evaluate(sample, typical, 2023)
    assert ev.decision["supplements"][0]["id"] == sup.id
    assert any(u.outcome == "typical" for u in ev)
    # a path and a dict work as well
    assert antq.RuleSet.preset("vn.d9745-2022.communes").with_supplement(sup.to_dict()) == typical
    with pytest.raises(ValueError):
        antq.Supplement.sample("nope")  # type: ignore[arg-type]


def test_datasets_from_every_source(root: Path, sample: antq.Dataset, tmp_path: Path) -> None:
    assert sample.synthetic
    assert len(sample) == sample.counts["units"] > 100
    p = root / "core" / "sample" / "province.json"
    assert antq.Dataset.from_path(p) == sample
    assert antq.Dataset.from_path(str(p)) == sample
    assert antq.Dataset.from_str(p.read_text(encoding="utf-8"), "p.json") == sample
    assert antq.Dataset.from_dict(sample.to_dict()) == sample
    assert antq.Dataset.from_str(sample.to_json()) == sample
    toml = tmp_path / "d.toml"
    toml.write_text(
        'format_version = 1\n[[units]]\nid = "C"\nname = "Xã"\nkind = "commune"\nsubkind = "xa"\n', encoding="utf-8"
    )
    assert antq.Dataset.from_path(toml).unit_ids() == ["C"]
    assert sample.meta["synthetic"] is True


def test_dict_dates_may_be_python_dates() -> None:
    d = {
        "format_version": 1,
        "units": [{"id": "C", "name": "Xã", "kind": "commune", "subkind": "xa", "valid_from": datetime.date(2020, 1, 1)}],
        "evidence": [{"unit": "C", "year": 2023, "plan_date": datetime.datetime(2023, 2, 1)}],
    }
    ds = antq.Dataset.from_dict(d)
    assert ds.to_dict()["units"][0]["valid_from"] == "2020-01-01"
    assert ds.to_dict()["evidence"][0]["plan_date"] == "2023-02-01"


def test_evaluation_results_explanations_and_missing(ev2023: antq.Evaluation) -> None:
    assert ev2023.year == 2023 and ev2023.rule_set == "vn.c124-2021"
    assert len(ev2023) == len(ev2023.unit_ids()) == len(list(ev2023))
    tt = ev2023["KM-TT"]
    assert tt.outcome == "meets" and tt.met == tt.of == 4
    assert tt.kind == "commune" and tt.subkind == "phuong"
    assert tt.label("vi") == "Đạt" and tt.label() == "Meets"
    assert tt.window == (datetime.date(2022, 11, 16), datetime.date(2023, 11, 15))
    assert tt.recognised_by is not None and tt.recognised_by["authority"] == "district_committee"
    cw4 = next(c for c in tt.criteria if c["id"] == "CW-4")
    assert cw4["status"] == "met" and cw4["legal_basis"]
    assert any(k["observed"] is not None for k in cw4["checks"])
    failing = next(u for u in ev2023 if u.kind == "commune" and u.outcome == "does_not_meet")
    assert failing.failed
    text = ev2023.explain(failing.unit)
    assert failing.unit in text and "Criteria not met" in text
    assert "Tiêu chí chưa đạt" in failing.explain("vi")
    undetermined = next(u for u in ev2023 if u.outcome == "undetermined")
    assert undetermined.missing and {"criterion", "kind", "key", "text"} <= set(undetermined.missing[0])
    assert "KM-TT" in ev2023 and "nope" not in ev2023
    assert ev2023.unit("KM-TT") == tt
    out = next(u for u in ev2023 if u.outcome == "out_of_scope")
    assert out.to_dict()["outcome"]["code"]


def test_decision_record_reproduces(ev2023: antq.Evaluation, c124: antq.RuleSet) -> None:
    d = ev2023.decision
    assert d["rule_set"] == "vn.c124-2021" and d["year"] == 2023 and d["as_of"] == "2023-11-15"
    assert d["content_hash"] == c124.content_hash
    assert d["engine"].startswith("antq ")
    assert ev2023.summary["commune"]["meets"] >= 1


def test_evaluate_options(sample: antq.Dataset, c124: antq.RuleSet) -> None:
    a = antq.evaluate(sample, c124, 2023, as_of="2023-10-01")
    b = sample.evaluate("vn.c124-2021", 2023, as_of=datetime.date(2023, 10, 1))
    c = c124.evaluate(sample, 2023, as_of=datetime.date(2023, 10, 1))
    assert a.decision["as_of"] == "2023-10-01"
    assert a.to_dict() == b.to_dict() == c.to_dict()
    # Evaluations compare by value, not identity; another reference date differs.
    assert a == b == c and a != antq.evaluate(sample, c124, 2023)
    typical = antq.RuleSet.preset("vn.d9745-2022.communes").with_supplement(antq.Supplement.sample("typical"))
    ev = antq.evaluate(sample, typical, 2023, rule_sets=[c124])
    assert ev.decision["prerequisite"]["rule_set"] == "vn.c124-2021"
    with pytest.raises(ValueError):
        antq.evaluate(sample, c124, 2023, as_of="15/11/2023")
    with pytest.raises(TypeError):
        antq.evaluate(sample, c124, 2023, as_of=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        antq.evaluate(sample, 42, 2023)  # type: ignore[arg-type]


def test_points_rule_set_gives_levels(sample: antq.Dataset) -> None:
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(antq.Supplement.sample("d510"))
    ev = antq.evaluate(sample, d510, 2023)
    levels = [u for u in ev if u.outcome == "level"]
    assert levels and all(u.level and u.score for u in levels)


def test_stats_roll_up(sample: antq.Dataset) -> None:
    st = antq.activity_stats(sample, 2023)
    assert st.year == 2023 and len(st) > 0
    assert st.window == (datetime.date(2022, 11, 16), datetime.date(2023, 11, 15))
    # The window is an interpretation [I]: no published rule fixes the figures' period.
    assert st.window_certainty == "inferred" and st.to_dict()["window_certainty"] == "inferred"
    assert "2023-11-15 [I]" in st._repr_html_()
    root = st.to_dict()["rows"][0]
    assert st.totals() == root["total"]
    assert root["total"]["propaganda_meetings"] >= root["own"]["propaganda_meetings"]
    sub = sample.activity_stats(2023, under="KM")
    assert sub.to_dict()["rows"][0]["unit"] == "KM"
    assert st.totals("KM") == sub.totals()
    with pytest.raises(antq.UnknownUnitError):
        st.totals("nope")
    with pytest.raises(antq.UnknownUnitError):
        antq.activity_stats(sample, 2023, under="nope")


def test_stats_without_records_are_unknown_not_zero(sample: antq.Dataset) -> None:
    rows = antq.activity_stats(sample, 2023).rows(library="pyarrow").to_pylist()
    none = [r for r in rows if r["own_records"] == 0]
    some = [r for r in rows if r["own_records"] > 0]
    assert none and some
    assert all(r["own_propaganda_meetings"] is None and r["own_houses"] is None for r in none)
    assert all(r["own_propaganda_meetings"] is not None for r in some)
    unit = none[0]["unit"]
    if all(r["total_records"] == 0 for r in rows if r["unit"] == unit):
        assert "–" in antq.activity_stats(sample, 2023, under=unit)._repr_html_()


def test_check_rules_and_datasets_report_without_raising() -> None:
    ok = antq.check_rules("vn.d510-2022")
    assert ok["ok"] and ok["id"] == "vn.d510-2022" and ok["lints"]
    layered = antq.check_rules("vn.d510-2022", [antq.Supplement.sample("d510")])
    assert layered["ok"]
    bad = antq.RuleSet.preset("vn.c124-2021").to_dict()
    bad["criteria"][0]["test"] = {"test": "ratio", "numerator": "households_registered",
                                  "denominator": "households_total", "min_percent": 150, "rounding": "up"}
    res = antq.check_rules(bad)
    assert not res["ok"] and res["problems"][0]["code"] == "bad_threshold"
    assert antq.check_dataset(antq.Dataset.sample().to_dict())["ok"]
    res = antq.check_dataset({"format_version": 1, "units": [{"id": "A", "name": "a", "kind": "residential_area",
                                                              "subkind": "thon", "parent": "X"}]})
    assert not res["ok"] and res["problems"][0]["code"] == "dangling_parent"
    with pytest.raises(antq.UnknownPresetError):
        antq.check_rules("vn.nope")


def test_sample_report_matches_the_core() -> None:
    en = antq.sample_report()
    assert en.startswith("antq — ") and "SYNTHETIC SAMPLE DATA" in en
    assert "Thống kê phong trào" in antq.sample_report("vi")
    with pytest.raises(ValueError):
        antq.sample_report("fr")  # type: ignore[arg-type]


def test_generate_is_deterministic() -> None:
    a = antq.Dataset.generate(2000, 2023, 7)
    assert a == antq.Dataset.generate(2000, 2023, 7)
    assert a.synthetic and len(a) > 1500
    with pytest.raises(antq.YearError):
        antq.Dataset.generate(10, 1800, 1)
    # The core's limit (as the CLI and JavaScript), never silently fewer units than asked.
    with pytest.raises(antq.DatasetError, match="max_units = 2000000"):
        antq.Dataset.generate(3_000_000, 2023, 1)


def test_the_gil_is_released_while_rust_evaluates() -> None:
    ds = antq.Dataset.generate(30_000, 2023, 1)
    done = threading.Event()
    ticks = 0

    def work() -> None:
        for _ in range(3):
            antq.evaluate(ds, "vn.c124-2021", 2023)
        done.set()

    t = threading.Thread(target=work)
    start = time.perf_counter()
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    elapsed = time.perf_counter() - start
    # With the GIL held for the whole evaluation the loop would barely run.
    assert ticks > 0.2 * elapsed / 0.001 * 0.5, (ticks, elapsed)


def test_check_dataset_against_a_rule_set_names_the_nearest_key() -> None:
    d = {
        "format_version": 1,
        "units": [{"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon"}],
        "evidence": [{"unit": "R", "year": 2023, "attested": {"RA2": "yes"}}],
    }
    assert antq.check_dataset(d)["ok"]
    r = antq.check_dataset(d, "vn.c124-2021")
    assert not r["ok"]
    assert r["problems"][0]["code"] == "unknown_key"
    assert "`RA-2`" in r["problems"][0]["message"]
    with pytest.raises(antq.DatasetError) as e:
        antq.evaluate(antq.Dataset.from_dict(d), "vn.c124", 2023)
    assert e.value.errors()[0]["code"] == "unknown_key"
    ev = antq.evaluate(antq.Dataset.from_dict(d), "vn.c124", 2023, lenient_vocabulary=True)
    assert [lint["code"] for lint in ev.to_dict()["lints"]] == ["unknown_key"]


def test_limits_are_settable() -> None:
    text = json.dumps(
        {
            "format_version": 1,
            "units": [
                {"id": "A", "name": "A", "kind": "province", "subkind": "tinh"},
                {"id": "B", "name": "B", "kind": "province", "subkind": "tinh"},
            ],
        }
    )
    assert antq.default_limits()["max_units"] == 2_000_000
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_str(text, "d.json", limits={"max_units": 1})
    assert "max_units = 1" in str(e.value)
    assert len(antq.Dataset.from_str(text, "d.json", limits={"max_units": 2}).to_dict()["units"]) == 2
    with pytest.raises(ValueError):
        antq.Dataset.from_str(text, "d.json", limits={"max_unit": 2})


def test_a_dataset_is_validated_once_and_reviews_alike(sample: antq.Dataset) -> None:
    # The first review validates and indexes the dataset; later ones (any year, any rule
    # set) reuse it and give what a fresh dataset gives.
    first = antq.review(sample, "vn.c124-2021", 2023, library="pyarrow")
    again = antq.review(sample, "vn.c124-2021", 2023, library="pyarrow")
    later = antq.review(sample, "vn.c124-2025", 2025, library="pyarrow")
    assert first.equals(again)
    assert first.equals(antq.review(antq.Dataset.sample(), "vn.c124-2021", 2023, library="pyarrow"))
    assert later.equals(antq.review(antq.Dataset.sample(), "vn.c124-2025", 2025, library="pyarrow"))
    # Evaluations and the hierarchy read the same kept validation.
    kept = antq.evaluate(sample, "vn.c124-2021", 2023).to_dict()
    assert kept == antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2023).to_dict()
    fresh = antq.Dataset.sample().hierarchy(2023, library="pyarrow")
    assert sample.hierarchy(2023, library="pyarrow").equals(fresh)
    # A dataset read under wider limits than the reviews' defaults: refused by every review,
    # not only the first.
    long_id = "P" * 70_000
    text = json.dumps(
        {"format_version": 1, "units": [{"id": long_id, "name": "A", "kind": "province", "subkind": "tinh"}]}
    )
    wide = antq.Dataset.from_str(text, "d.json", limits={"max_string_bytes": 100_000})
    for _ in range(2):
        with pytest.raises(antq.DatasetError, match="max_string_bytes"):
            antq.review(wide, "vn.c124-2021", 2023)
        with pytest.raises(antq.DatasetError, match="max_string_bytes"):
            antq.evaluate(wide, "vn.c124-2021", 2023)
    # A year out of range is still named before the dataset's problems.
    with pytest.raises(antq.YearError, match="20000"):
        antq.review(wide, "vn.c124-2021", 20_000)


def test_rules_are_named_as_on_the_command_line(sample: antq.Dataset) -> None:
    # Issue 14, point 3: a preset id, a family resolved by the year, or a path (str or
    # PathLike), decided by the core the same way as the CLI's --rules.
    preset = Path(__file__).resolve().parents[2] / "core" / "presets" / "c124-2021.toml"
    by_id = antq.evaluate(sample, "vn.c124-2021", 2023).to_dict()
    assert antq.evaluate(sample, "vn.c124", 2023).to_dict() == by_id
    assert antq.evaluate(sample, str(preset), 2023).to_dict() == by_id
    assert antq.evaluate(sample, preset, 2023).to_dict() == by_id
    with pytest.raises(antq.AntqError) as e:
        antq.evaluate(sample, "no/such/rules.toml", 2023)
    assert e.value.code == "io"
    # Without a year a family is refused, naming its members.
    with pytest.raises(antq.UnknownPresetError, match="vn.c124-2021"):
        antq.check_rules("vn.c124")


def test_lookups_compare_ids_in_nfc() -> None:
    # Issue 13: ids are read in NFC, so a lookup typed decomposed finds the unit.
    ds = antq.Dataset.from_str(json.dumps({"format_version": 1, "units": [
        {"id": "H\u00f2a", "name": "Thôn Hòa", "kind": "residential_area", "subkind": "thon"}]}), "nfc.json")
    ev = antq.evaluate(ds, "vn.c124-2021", 2023)
    assert ev["Ho\u0300a"].unit == "H\u00f2a"
    assert "Ho\u0300a" in ev and ev.unit("Ho\u0300a").unit == "H\u00f2a"
