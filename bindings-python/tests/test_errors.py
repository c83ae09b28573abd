"""The exception hierarchy, stable codes and structured errors()."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import antq


def test_hierarchy() -> None:
    assert issubclass(antq.RuleSetError, antq.AntqError) and issubclass(antq.RuleSetError, ValueError)
    assert issubclass(antq.DatasetError, antq.AntqError) and issubclass(antq.DatasetError, ValueError)
    assert issubclass(antq.UnknownPresetError, antq.AntqError) and issubclass(antq.UnknownPresetError, KeyError)
    assert issubclass(antq.UnknownUnitError, antq.AntqError) and issubclass(antq.UnknownUnitError, KeyError)
    assert issubclass(antq.AntqIOError, antq.AntqError) and issubclass(antq.AntqIOError, OSError)
    assert issubclass(antq.YearError, ValueError)


def test_rule_file_errors_have_lines_paths_and_codes(tmp_path: Path) -> None:
    p = tmp_path / "rules.toml"
    p.write_text('format_version = 1\nid = "x"\nversion = "1"\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(antq.RuleSetError) as e:
        antq.RuleSet.from_path(p)
    err = e.value
    assert err.code == "invalid_rule_set"
    (problem,) = err.errors()
    assert problem["code"] == "syntax"
    assert problem["location"]["file"] == str(p) and problem["location"]["line"] == 4
    assert "colour" in problem["message"] and "colour" in str(err)
    err.errors()[0]["code"] = "changed"  # errors() hands out copies
    assert err.errors()[0]["code"] == "syntax"


def test_dict_errors_have_paths_but_no_lines() -> None:
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_dict({"format_version": 1, "units": [{"id": "C", "name": "n", "kind": "commune"}]})
    (p,) = e.value.errors()
    assert p["location"]["line"] is None and p["location"]["file"] is None
    assert "subkind" in p["message"]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_a_nan_or_infinity_in_a_dict_is_refused_naming_its_field(bad: float) -> None:
    d = {
        "format_version": 1,
        "units": [{"id": "C", "name": "C", "kind": "commune", "subkind": "xa"}],
        "evidence": [{"unit": "C", "year": 2023, "effective_models": 1, "disciplined_officers": bad}],
    }
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_dict(d)
    assert f"`evidence[0].disciplined_officers` is {bad}, which JSON has no number for" in str(e.value)
    d["evidence"][0]["disciplined_officers"] = None  # unknown, as in a JSON file
    assert antq.Dataset.from_dict(d).counts["units"] == 1


def test_structural_errors_name_units() -> None:
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_dict(
            {
                "format_version": 1,
                "units": [
                    {"id": "C", "name": "n", "kind": "commune", "subkind": "xa"},
                    {"id": "C", "name": "n", "kind": "commune", "subkind": "xa"},
                ],
            }
        )
    (p,) = e.value.errors()
    assert p["code"] == "duplicate_id" and p["location"]["unit"] == "C" and p["location"]["path"] == "units[1].id"


def test_lookup_and_io_errors() -> None:
    with pytest.raises(antq.UnknownPresetError) as e:
        antq.RuleSet.preset("vn.nope")
    assert e.value.code == "unknown_preset" and e.value.errors() == []
    assert "vn.c124-2021" in str(e.value) and not str(e.value).startswith("'")
    ev = antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2023)
    with pytest.raises(KeyError):
        ev["nope"]
    with pytest.raises(antq.UnknownUnitError) as u:
        ev.explain("nope")
    assert u.value.code == "unknown_unit"
    # A unit that ended before the reference date: the core's reason, as the CLI gives it.
    ev = antq.evaluate(antq.Dataset.sample(), "vn.c124-2025", 2025)
    for ask in (ev.explain, ev.unit):
        with pytest.raises(antq.UnknownUnitError, match="ended on 2025-06-30, before the reference date 2025-") as u:
            ask("KM-AL")
        assert u.value.message_vi and "đã kết thúc ngày 2025-06-30, trước ngày tham chiếu" in u.value.message_vi
    with pytest.raises(antq.AntqIOError) as io:
        antq.Dataset.from_path("/no/such/file.json")
    assert io.value.code == "io" and isinstance(io.value, OSError) and "/no/such/file.json" in str(io.value)
    with pytest.raises(FileNotFoundError.__mro__[1]):  # OSError
        antq.RuleSet.from_path("/no/such/rules.toml")


def test_errors_pickle() -> None:
    try:
        antq.Dataset.from_dict({"format_version": 2, "units": []})
    except antq.DatasetError as e:
        back = pickle.loads(pickle.dumps(e))
        assert type(back) is antq.DatasetError and back.code == e.code and back.errors() == e.errors()
        assert back.message_vi == e.message_vi and e.message_vi
    else:
        pytest.fail("no error")


def test_errors_and_their_problems_are_worded_in_vietnamese_as_the_cli_words_them() -> None:
    # A problem: its `message_vi` beside the English, and the whole error in `message_vi`.
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_dict(
            {
                "format_version": 1,
                "units": [{"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon", "parent": "X"}],
            }
        )
    (p,) = e.value.errors()
    assert p["code"] == "dangling_parent" and "không có trong dữ liệu" in p["message_vi"]
    assert e.value.message_vi is not None
    assert e.value.message_vi.startswith("dữ liệu không hợp lệ (1 vấn đề):") and p["message_vi"] in e.value.message_vi
    # The law in time: the period and the instrument that applies instead, in Vietnamese.
    with pytest.raises(antq.NotInForceError) as n:
        antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2030)
    assert "2030-11-15 is outside it" in str(n.value)
    assert n.value.message_vi == (
        "không có hiệu lực: `vn.c124-2021` áp dụng từ 2022-02-10 đến 2025-06-30; ngày tham chiếu "
        "2030-11-15 nằm ngoài thời hạn đó; `vn.c124-2025` áp dụng vào ngày đó"
    )
    # An error the binding raises itself has no Vietnamese wording.
    with pytest.raises(antq.ArgumentError) as a:
        antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", "2023")  # type: ignore[arg-type]
    assert a.value.message_vi is None


def test_a_datasets_lints_name_look_alike_ids_in_both_languages() -> None:
    ds = antq.Dataset.from_dict(
        {
            "format_version": 1,
            "units": [
                {"id": "HA", "name": "A", "kind": "province", "subkind": "tinh"},
                {"id": "Ha", "name": "B", "kind": "province", "subkind": "tinh"},
            ],
        }
    )
    (lint,) = ds.lints()
    assert lint["code"] == "ids_differ_by_case" and lint["location"]["unit"] == "HA"
    assert "chữ hoa" in lint["message_vi"]
    assert antq.Dataset.sample().lints() == []


def test_evaluation_errors_are_dataset_errors() -> None:
    # A district that still exists in 2025, after districts were abolished.
    ds = antq.Dataset.from_dict(
        {
            "format_version": 1,
            "units": [
                {"id": "P", "name": "p", "kind": "province", "subkind": "tinh"},
                {"id": "D", "name": "d", "kind": "district", "subkind": "huyen", "parent": "P"},
            ],
        }
    )
    with pytest.raises(antq.DatasetError) as e:
        antq.evaluate(ds, "vn.c124", 2025)
    assert e.value.errors()[0]["code"] == "kind_not_in_year"
    assert e.value.errors()[0]["location"]["unit"] == "D"


def test_a_capped_list_counts_what_it_leaves_out() -> None:
    evidence = [{"unit": f"X{i}", "year": 2023} for i in range(391)]
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_dict(
            {"format_version": 1, "units": [{"id": "C", "name": "C", "kind": "commune", "subkind": "xa"}], "evidence": evidence}
        )
    problems = e.value.errors()
    assert len(problems) == 101
    assert all("omitted" not in p for p in problems[:100])
    assert problems[100]["code"] == "limit" and problems[100]["omitted"] == 291
    assert str(e.value).startswith("invalid dataset (391 problems):")


# Issue 16, points 2 and 11: errors located like pydantic's, in the caller's own rows; every
# failure an AntqError; argument errors name the argument.

def _frames() -> "tuple[object, object]":
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame(
        {
            "id": ["C", "R1", "E1"],
            "name": ["Xã", "Thôn", "Công ty"],
            "kind": ["commune", "residential_area", "enterprise"],
            "subkind": ["xa", "thon", None],
            "size": [None, None, "large"],
            "parent": [None, "C", "C"],
        },
        index=["c", "r1", "e1"],
    )
    evidence = pd.DataFrame({"unit": ["R1", "C"], "year": [2023, 2023], "households_total": [-5, 3]}, index=[10, 20])
    return units, evidence


def test_frame_errors_name_the_callers_row_label_unit_and_value() -> None:
    units, evidence = _frames()
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(units, evidence)
    (p,) = e.value.errors()
    assert p["loc"] == ("evidence", 10, "households_total")
    assert p["unit"] == "R1" and p["input"] == -5 and p["type"] == "bad_value" and "negative" in p["msg"]
    bad_units = units.assign(kind=["commune", "galaxy", "enterprise"])  # type: ignore[attr-defined]
    with pytest.raises(antq.DatasetError) as u:
        antq.Dataset.from_frames(bad_units)
    (q,) = u.value.errors()
    assert q["loc"] == ("units", "r1", "kind") and q["unit"] == "R1" and q["input"] == "galaxy"


def test_polars_and_arrow_rows_are_row_numbers() -> None:
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    units, evidence = _frames()
    for convert in (lambda df: pl.from_pandas(df), lambda df: pa.Table.from_pandas(df, preserve_index=False)):
        with pytest.raises(antq.DatasetError) as e:
            antq.Dataset.from_frames(convert(units), convert(evidence))
        (p,) = e.value.errors()
        assert p["loc"] == ("evidence", 0, "households_total") and p["unit"] == "R1" and p["input"] == -5


def test_dict_errors_have_a_loc_tuple_unit_and_input() -> None:
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_dict({"format_version": 1, "units": [{"id": "C", "name": "n", "kind": "galaxy"}]})
    (p,) = e.value.errors()
    assert p["loc"] == ("units", 0, "kind") and p["unit"] == "C" and p["input"] == "galaxy"
    assert p["location"]["path"] == "units[0].kind"  # the original keys stay


def test_a_mixed_column_is_a_dataset_error_not_a_type_error() -> None:
    units, evidence = _frames()
    mixed = evidence.assign(households_total=["many", 3])  # type: ignore[attr-defined]
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(units, mixed)
    (p,) = e.value.errors()
    assert p["loc"] == ("evidence", 10, "households_total") and p["input"] == "many" and p["unit"] == "R1"


def test_argument_errors_are_antq_errors_naming_the_argument(sample: antq.Dataset) -> None:
    calls = [
        (lambda: antq.evaluate(sample, 42, 2023), "rules"),  # type: ignore[arg-type]
        (lambda: antq.evaluate(sample, "vn.c124-2021", 2023, as_of="soon"), "as_of"),
        (lambda: antq.sample_report(lang="fr"), "lang"),  # type: ignore[arg-type]
        (lambda: antq.Dataset.from_str("{}", limits={"nope": 1}), "limits"),
        (lambda: antq.RuleSet.from_str("{}", limits={"max_units": object()}), "limits"),  # type: ignore[dict-item]
        (lambda: antq.Supplement.sample("nope"), "name"),  # type: ignore[arg-type]
        (lambda: antq.Dataset.from_frames({"id": ["C"]}), "units"),
        (lambda: antq.festival_day(3.5), "date"),  # type: ignore[arg-type]
    ]
    for call, argument in calls:
        with pytest.raises(antq.ArgumentError) as e:
            call()
        assert e.value.argument == argument and e.value.code == "bad_argument"
        assert isinstance(e.value, ValueError) and isinstance(e.value, TypeError)


def test_a_missing_file_is_an_io_error_naming_it_wherever_a_document_is(sample: antq.Dataset, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.toml"
    calls = [
        lambda: antq.evaluate(sample, str(missing), 2023),
        lambda: antq.evaluate(sample, missing, 2023),
        lambda: antq.check_dataset(missing),
        lambda: antq.check_rules(missing),
        lambda: antq.impact(sample, "vn.c124-2021", 2023, supplements=[missing]),
        lambda: antq.indicators(missing),
        lambda: antq.rank_teams(missing),
        lambda: antq.assess_medals(str(missing)),
    ]
    for call in calls:
        with pytest.raises(antq.AntqIOError) as e:
            call()
        assert "nothing-here.toml" in str(e.value) and e.value.code == "io"


@pytest.mark.parametrize("year", ["2023", 2023.0, True, None, 10**20])
def test_a_year_that_is_not_an_integer_is_an_argument_error(sample: antq.Dataset, year: object) -> None:
    """Issue 16, point 11: a year pyo3 cannot convert was a bare TypeError outside the
    hierarchy; it is an ArgumentError naming ``year`` on every call that takes one."""
    calls = [
        lambda: antq.evaluate(sample, "vn.c124-2021", year),  # type: ignore[arg-type]
        lambda: antq.review(sample, "vn.c124-2021", year),  # type: ignore[arg-type]
        lambda: sample.evaluate("vn.c124-2021", year),  # type: ignore[arg-type]
        lambda: sample.hierarchy(year),  # type: ignore[arg-type]
        lambda: antq.activity_stats(sample, year),  # type: ignore[arg-type]
        lambda: antq.whatif(sample, "vn.c124-2021", year, ["NS-HP"]),  # type: ignore[arg-type]
        lambda: antq.compare(sample, "vn.c124", (2023, year)),  # type: ignore[arg-type]
        lambda: antq.RuleSet.resolve("vn.c124", year),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(antq.ArgumentError) as e:
            call()
        assert e.value.argument == "year" and isinstance(e.value, TypeError)
    # A numpy integer is an integer.
    np = pytest.importorskip("numpy")
    assert len(antq.evaluate(sample, "vn.c124-2021", np.int64(2023))) > 0


def test_integer_and_path_arguments_out_of_range_are_argument_errors(sample: antq.Dataset) -> None:
    """Every integer argument is read by one helper: a negative or too large value, or a
    value that is no integer, is an ArgumentError naming the argument and the range (pyo3's
    own conversion raised a bare OverflowError or TypeError); so is a path given as bytes."""
    ev = sample.evaluate("vn.c124-2021", 2023)
    sup = Path(__file__).resolve().parents[2] / "core" / "sample" / "d510-supplement.toml"
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(antq.Supplement.from_path(sup))
    calls = [
        (lambda: antq.Dataset.generate(units=-1), "units", "-1 is out of range: a whole number from 0"),
        (lambda: antq.Dataset.generate(units=5, year=10**12), "year", "is not a year"),
        (lambda: antq.Dataset.generate(units=5, seed=-1), "seed", "out of range"),
        (lambda: antq.Dataset.generate(units=10**40), "units", "of 41 digits is out of range"),
        (lambda: antq.Dataset.generate(units="5"), "units", "got str '5'"),  # type: ignore[arg-type]
        (lambda: antq.Dataset.generate(units=True), "units", "got bool"),
        (lambda: ev.to_dicts(-1), "start", "out of range"),
        (lambda: ev.to_dicts(0, -1), "stop", "out of range"),
        (lambda: ev.plot_share(top=10**30), "top", "out of range"),
        (lambda: antq.sensitivity(sample, "vn.d510-2022", 2023, samples=-1), "samples", "out of range"),
        (lambda: antq.sensitivity(sample, "vn.d510-2022", 2023, grid=2**40), "grid", "out of range"),
        # Checked by the core (they were a RuleSetError, and years out of order were compared).
        (lambda: antq.sensitivity(sample, d510, 2023, samples=0), "samples", "0 samples: between 1 and"),
        (lambda: antq.sensitivity(sample, d510, 2023, grid=0), "grid", "0 steps"),
        (lambda: antq.sensitivity(sample, d510, 2023, max_range=101), "max_range", "101 is over 100"),
        (lambda: antq.compare(sample, "vn.c124", (2025, 2023)), "years", "give the earlier year first"),
        (lambda: antq.compare(sample, "vn.c124", (2023, 2023)), "years", "the same year"),
        (lambda: antq.impact(sample, "vn.c124-2021", 2023, params={"x": 10**30}), "params", "parameter `x`"),
        (lambda: antq.Dataset.from_path(b"/tmp"), "path", "got bytes"),  # type: ignore[arg-type]
        (lambda: antq.write_verdicts(sample, "vn.c124-2021", 2023, b"/tmp/v.csv"), "path", "got bytes"),  # type: ignore[arg-type]
    ]
    for call, argument, why in calls:
        with pytest.raises(antq.ArgumentError) as e:
            call()
        assert e.value.argument == argument and why in str(e.value), (argument, str(e.value))
    # Within range, None where optional, and numpy integers are read.
    assert len(ev.to_dicts(0, None)) == len(ev)
    np = pytest.importorskip("numpy")
    assert len(ev.to_dicts(np.int64(0), np.int64(2))) == 2


def test_verdicts_into_a_missing_folder_cannot_be_written(sample: antq.Dataset, tmp_path: Path) -> None:
    """An IO error naming the file asked for, saying it cannot be written (not read)."""
    for name in ["v.csv", "v.parquet"]:
        target = tmp_path / "no-such-folder" / name
        with pytest.raises(antq.AntqIOError) as e:
            antq.write_verdicts(sample, "vn.c124-2021", 2023, target)
        assert str(e.value).startswith(f"cannot write `{target}`"), str(e.value)
        assert "antq-tmp" not in str(e.value) and e.value.code == "io"
