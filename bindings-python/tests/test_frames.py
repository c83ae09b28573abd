"""Tables in (pandas, polars, pyarrow, any __arrow_c_stream__ object) and out (the caller's
kind), column types, and problems that name the table, row and column."""

from __future__ import annotations

import datetime
import pathlib
import tempfile
import subprocess
import sys
from typing import Any, Dict, List

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import antq

UNITS = {
    "id": ["C", "R1", "E1"],
    "name": ["Xã An", "Thôn 1", "Công ty"],
    "kind": ["commune", "residential_area", "enterprise"],
    "subkind": ["xa", "thon", None],
    "size": [None, None, "large"],
    "parent": [None, "C", "C"],
}
EVIDENCE = {
    "unit": ["R1", "C"],
    "year": [2023, 2023],
    "resolution_date": [datetime.date(2023, 1, 15), None],
    "registration_date": ["2023-01-20", None],
    "households_total": [100, None],
    "households_registered": [100, None],
    "attested:RA-2": ["yes", None],
    "attested:RA-3/other": [True, None],
    "attested:RA-4": ["yes", None],
    "attested:RA-5": ["yes", None],
}


def test_every_kind_in_gives_the_same_dataset_and_its_kind_back() -> None:
    want = antq.Dataset.from_frames(pa.table(UNITS), pa.table(EVIDENCE))
    for units, evidence, kind in [
        (pd.DataFrame(UNITS), pd.DataFrame(EVIDENCE), pd.DataFrame),
        (pl.DataFrame(UNITS), pl.DataFrame(EVIDENCE), pl.DataFrame),
        (pa.table(UNITS), pa.table(EVIDENCE), pa.Table),
    ]:
        ds = antq.Dataset.from_frames(units, evidence)
        assert ds == want
        ev = antq.evaluate(ds, "vn.c124-2021", 2023)
        assert isinstance(ev.rows(), kind)
        assert isinstance(ev.criterion_rows(), kind)
        assert all(isinstance(t, kind) for t in ds.to_frames().values())
        assert isinstance(ds.activity_stats(2023).rows(), kind)
    r1 = antq.evaluate(want, "vn.c124-2021", 2023)["R1"]
    assert r1.outcome == "meets", r1.explain()


def test_kind_can_be_asked_for() -> None:
    ev = antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2023)
    assert isinstance(ev.rows(library="pandas"), pd.DataFrame)
    assert isinstance(ev.rows(library="polars"), pl.DataFrame)
    assert isinstance(ev.rows(library="pyarrow"), pa.Table)
    raw = ev.rows(library="arrow")
    assert hasattr(raw, "__arrow_c_stream__") and pa.table(raw).num_rows == len(ev)
    with pytest.raises(ValueError):
        ev.rows(library="excel")  # type: ignore[arg-type]


def test_rows_match_the_results(ev2023: antq.Evaluation) -> None:
    t = ev2023.rows(library="pyarrow")
    assert t.num_rows == len(ev2023)
    assert t.column_names[:9] == ["unit", "name", "kind", "subkind", "parent", "commune", "district", "province", "outcome"]
    assert t.schema.field("window_start").type == pa.date32()
    row = {k: v[0] for k, v in t.slice(0, 1).to_pydict().items()}
    u = ev2023[row["unit"]]
    assert row["outcome"] == u.outcome and row["met"] == u.met and row["of"] == u.of
    long = ev2023.criterion_rows(library="pyarrow")
    assert long.num_rows == sum(len(u.criteria) for u in ev2023)
    assert set(long.column("status").to_pylist()) <= {"met", "not_met", "unknown"}


def test_column_types_are_read_generously() -> None:
    units = pa.table(
        {
            "id": pa.array(["C", "R1"], pa.large_string()),
            "name": pa.array(["Xã", "Thôn"], pa.string_view()),
            "kind": pa.array(["commune", "residential_area"]).dictionary_encode(),
            "subkind": ["xa", "thon"],
            "parent": [None, "C"],
            "valid_from": pa.array([datetime.datetime(2020, 1, 1), None], pa.timestamp("ns")),
        }
    )
    evidence = pa.table(
        {
            "unit": ["R1"],
            "year": pa.array([2023], pa.int16()),
            "households_total": pa.array([100.0], pa.float64()),  # pandas int column with gaps
            "households_registered": pa.array([100], pa.uint8()),
            "points:X:self": pa.array(["2.50"]),
        }
    )
    ds = antq.Dataset.from_frames(units, evidence)
    d = ds.to_dict()
    assert d["units"][0]["valid_from"] == "2020-01-01"
    assert d["evidence"][0]["households_total"] == 100
    assert d["evidence"][0]["points"] == {"X": {"self": 2.5}}


def test_pandas_gaps_categories_and_index() -> None:
    ev = pd.DataFrame({"unit": ["R1", "C"], "year": [2023, 2023], "households_total": [100, None]})
    assert ev["households_total"].dtype == "float64"
    units = pd.DataFrame(UNITS).astype({"kind": "category"}).set_index("id", drop=False)
    units = units[units["id"] != "E1"]  # a filtered frame keeps a non-default index
    ds = antq.Dataset.from_frames(units, ev)
    assert ds.to_dict()["evidence"][1].get("households_total") is None


def test_parent_changes_round_trip_as_json_text(sample: antq.Dataset) -> None:
    units = sample.to_frames(library="pyarrow")["units"]
    assert "parent_changes" in units.column_names
    changes = [c for c in units.column("parent_changes").to_pylist() if c]
    assert changes and changes[0].startswith("[")


def problem_paths(err: antq.AntqError) -> list:
    return [p["location"]["path"] for p in err.errors()]


def test_problems_name_table_row_and_column() -> None:
    bad_units: Dict[str, Any] = dict(UNITS, kind=["commune", "galaxy", "enterprise"])
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(pa.table(bad_units))
    assert problem_paths(e.value) == ["units[1].kind"]
    assert e.value.code == "invalid_dataset"
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(pa.table(dict(UNITS, colour=["r", "g", "b"])))
    assert problem_paths(e.value) == ["units.colour"]
    bad_ev = dict(EVIDENCE, households_total=[-1, None], registration_date=["31/01/2023", None])
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(pa.table(UNITS), pa.table(bad_ev))
    assert problem_paths(e.value) == ["evidence[0].registration_date", "evidence[0].households_total"]
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(pa.table(dict(UNITS, parent=[None, "C", "X"])))
    assert problem_paths(e.value) == ["units[2].parent"]
    assert e.value.errors()[0]["code"] == "dangling_parent"
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(pa.table({"id": ["C"], "name": ["n"], "kind": ["commune"], "subkind": [[1]]}))
    assert "antq does not read" in e.value.errors()[0]["message"]


def test_a_pandas_column_arrow_cannot_read_is_a_dataset_error() -> None:
    """Mixed types in an ``object`` column (with pandas' ``NA`` among them) and a column
    named twice are located problems, as in a file: never a bare TypeError or ValueError."""
    ev = pd.DataFrame({"unit": ["R1", "C", "E1"], "year": [2023] * 3,
                       "households_total": pd.Series([pd.NA, 7, "12"], dtype="object")})
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(pd.DataFrame(UNITS), ev)
    assert problem_paths(e.value) == ["evidence[2].households_total"]
    assert e.value.errors()[0]["code"] == "bad_value"
    assert "mixes values of different types (int and str)" in e.value.errors()[0]["message"]
    assert "trộn giá trị của nhiều kiểu (int và str)" in e.value.errors()[0]["message_vi"]
    assert e.value.message_vi.startswith("dữ liệu không hợp lệ (1 vấn đề):")
    twice = pd.DataFrame(EVIDENCE)
    twice.insert(2, "year", twice["year"], allow_duplicates=True)
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(pd.DataFrame(UNITS), twice)
    assert problem_paths(e.value) == ["evidence.year"]
    assert e.value.errors()[0]["code"] == "duplicate_id"
    assert "[duplicate_id] column `year` appears twice" in str(e.value)
    # Worded as the core words a file's column named twice.
    assert e.value.errors()[0]["message_vi"] == "cột `year` xuất hiện hai lần"


def test_not_a_table_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        antq.Dataset.from_frames({"id": ["C"]})
    with pytest.raises(TypeError):
        antq.Dataset.from_frames(42)


def test_meta_is_kept() -> None:
    ds = antq.Dataset.from_frames(pa.table(UNITS), meta={"title": "T", "synthetic": True})
    assert ds.title == "T" and ds.synthetic
    with pytest.raises(antq.DatasetError):
        antq.Dataset.from_frames(pa.table(UNITS), meta={"colour": 1})


@pytest.mark.parametrize("rules", ["vn.c124-2021", "phu-tho.hd851-2023.organisations", "vn.d510-2022"])
def test_review_table_agrees_with_evaluate(rules: str) -> None:
    """antq.review: one row per evaluated unit, with the outcome, criteria met and every
    criterion's status that the explained evaluation gives."""
    ds = antq.Dataset.sample()
    # The sample holds its sample supplements' items: the bare presets read them leniently.
    t = antq.review(ds, rules, 2023, library="pandas", lenient_vocabulary=True)
    ev = antq.evaluate(ds, rules, 2023, lenient_vocabulary=True)
    rows = ev.rows(library="pandas")
    assert list(t["unit"]) == list(rows["unit"])
    assert list(t["outcome"]) == list(rows["outcome"])
    assert list(t["met"]) == list(rows["met"]) and list(t["of"]) == list(rows["of"])
    long = ev.criterion_rows(library="pandas")
    long = long[~long["criterion"].str.startswith("prerequisite:")]
    for unit, criterion, status in zip(long["unit"], long["criterion"], long["status"]):
        assert t.loc[t["unit"] == unit, criterion].item() == status
    assert isinstance(antq.review(ds, rules, 2023, library="polars", lenient_vocabulary=True), pl.DataFrame)


def test_a_compact_review_names_what_decided_it() -> None:
    """antq.review with columns that do not name the rule set: the pyarrow table (and the
    antq.Table) holds the decision record in its schema metadata under ``antq.decision``, as
    a verdicts file does, and a pandas frame in ``attrs``; the record is the evaluation's."""
    import json

    ds = antq.Dataset.sample()
    typical = antq.RuleSet.preset("vn.d9745-2022.communes").with_supplement(antq.Supplement.sample("typical"))
    for r in ("vn.c124-2021", typical):
        t = antq.review(ds, r, 2023, library="pyarrow", columns=["unit", "outcome"], lenient_vocabulary=True)
        record = json.loads(t.schema.metadata[b"antq.decision"])
        ev = antq.evaluate(ds, r, 2023, lenient_vocabulary=True)
        assert record == ev.decision, record
        assert json.loads(pa.table(antq.review(ds, r, 2023, library="arrow", columns=["unit"], lenient_vocabulary=True))
                          .schema.metadata[b"antq.decision"]) == record
        df = antq.review(ds, r, 2023, library="pandas", columns=["unit", "outcome"], lenient_vocabulary=True)
        assert df.attrs["antq.decision"] == record


def test_what_a_table_cannot_carry_is_warned_as_a_decision_warning() -> None:
    """Illustrative defaults [I] (Decision 510's level cut-offs) are warned by review and
    write_verdicts, as the CLI notes them; a polars frame, which keeps no metadata, gets a
    warning naming what decided it when its columns do not; a rule set of verified values
    with its own columns gets none."""
    import warnings

    ds = antq.Dataset.sample()
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(antq.Supplement.sample("d510"))

    def decision_warnings(call: Any) -> List[str]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        return [str(w.message) for w in caught if issubclass(w.category, antq.DecisionWarning)]

    got = decision_warnings(lambda: antq.review(ds, d510, 2023, library="pandas", lenient_vocabulary=True))
    assert len(got) == 1 and got[0].startswith("`vn.d510-2022` used illustrative defaults [I]"), got
    got = decision_warnings(lambda: antq.review(ds, d510, 2023, library="polars", columns=["unit", "outcome"],
                                                lenient_vocabulary=True))
    assert len(got) == 2 and got[1].startswith("decided by `vn.d510-2022` 1.1.0 (sha256 "), got
    assert "with sample.hd.d510-sheet 1.0.0, year 2023, as of 2023-11-15" in got[1], got
    c124 = "vn.c124-2021"
    assert decision_warnings(lambda: antq.review(ds, c124, 2023, library="polars", lenient_vocabulary=True)) == []
    got = decision_warnings(lambda: antq.review(ds, c124, 2023, library="polars", columns=["unit"],
                                                lenient_vocabulary=True))
    assert len(got) == 1 and "a polars frame keeps no metadata" in got[0], got
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "v.csv"
        got = decision_warnings(lambda: antq.write_verdicts(ds, d510, 2023, path, lenient_vocabulary=True))
        assert len(got) == 1 and "illustrative defaults [I]" in got[0], got
    with warnings.catch_warnings():
        warnings.simplefilter("error", antq.DecisionWarning)
        with pytest.raises(antq.DecisionWarning):
            antq.review(ds, d510, 2023, library="pandas", lenient_vocabulary=True)


def test_a_polars_review_is_read_through_the_c_stream_without_pyarrow() -> None:
    """library="polars" hands antq's Arrow stream to polars directly: the same frame as
    polars reading pyarrow's table, and pyarrow (a tenth of a second to import) is never
    imported."""
    ds = antq.Dataset.sample()
    direct = antq.review(ds, "vn.c124-2021", 2023, library="polars", lenient_vocabulary=True)
    via_pyarrow = pl.from_arrow(antq.review(ds, "vn.c124-2021", 2023, library="pyarrow", lenient_vocabulary=True))
    assert isinstance(via_pyarrow, pl.DataFrame)
    assert direct.schema == via_pyarrow.schema and direct.equals(via_pyarrow)
    script = (
        "import sys, warnings, antq\n"
        "warnings.simplefilter('ignore')\n"
        "df = antq.review(antq.Dataset.sample(), 'vn.c124-2021', 2023, library='polars', lenient_vocabulary=True)\n"
        "print(type(df).__module__.split('.')[0], df.height, 'pyarrow' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["polars", str(direct.height), "False"]


def test_review_refuses_bad_input() -> None:
    with pytest.raises(antq.YearError):
        antq.review(antq.Dataset.sample(), "vn.c124-2021", 1066)
    with pytest.raises(antq.UnknownPresetError):
        antq.review(antq.Dataset.sample(), "vn.nope", 2023)


def test_results_of_a_file_default_to_pandas(sample: antq.Dataset) -> None:
    # Issue 16, point 5: with pandas installed, tables from a dataset read from a file (or
    # the sample) are pandas DataFrames, so `ev.rows().head()` works.
    pd = pytest.importorskip("pandas")
    ev = antq.evaluate(sample, "vn.c124-2021", 2023)
    assert isinstance(ev.rows(), pd.DataFrame)
    assert len(ev.rows().head()) == 5
    assert isinstance(sample.to_frames()["units"], pd.DataFrame)


def test_pandas_columns_keep_their_types(ev2023: antq.Evaluation) -> None:
    # Issue 16, point 12: a rank or a count with gaps is a nullable integer (not float64),
    # a date is a datetime64, a flag is a nullable boolean.
    rows = ev2023.rows(library="pandas")
    assert str(rows["rank"].dtype) == "Int64"
    assert str(rows["met"].dtype) == "Int64"
    assert str(rows["window_start"].dtype).startswith("datetime64")
    crit = ev2023.criterion_rows(library="pandas")
    assert str(crit["mandatory"].dtype) == "boolean"


def _paths(e: pytest.ExceptionInfo[antq.DatasetError]) -> list:
    return [p["location"]["path"] for p in e.value.errors()]


def test_an_empty_armed_forces_or_count_is_refused_never_false_or_one() -> None:
    """An agency's empty `armed_forces` (a null, pandas' None or NaN) is unknown: refused,
    never read as false; an empty activity `count` is refused, never read as 1."""
    units = {"id": ["C", "A"], "name": ["Xã", "Cơ quan"], "kind": ["commune", "agency"], "subkind": ["xa", None],
             "parent": [None, "C"]}
    for frame in [pa.table(dict(units, armed_forces=pa.array([None, None], pa.bool_()))),
                  pd.DataFrame(dict(units, armed_forces=[None, None]))]:
        with pytest.raises(antq.DatasetError) as e:
            antq.Dataset.from_frames(frame)
        assert _paths(e) == ["units[1].armed_forces"]
        assert e.value.errors()[0]["code"] == "bad_value"
    acts = {"unit": ["C"], "date": ["2023-05-01"], "count": pa.array([None], pa.int64()), "type": ["propaganda_meeting"],
            "attendees": [40]}
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(pa.table(dict(units, armed_forces=[None, False])), activities=pa.table(acts))
    assert _paths(e) == ["activities[0].count"]


def test_frames_without_rows_are_checked_for_their_columns() -> None:
    """An empty frame (no column) or one of a header only lacking a required column is
    refused as one with rows is, naming the column."""
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(pd.DataFrame())
    assert _paths(e) == ["units.id", "units.name", "units.kind"]
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(pa.table(UNITS), pd.DataFrame({"unit": pd.Series([], dtype=str)}))
    assert _paths(e) == ["evidence.year"]


def test_a_column_without_values_or_type_is_named() -> None:
    """polars' Null type (``pl.lit(None)``) and an all-missing text column where a count is
    needed (as ``pl.read_csv`` types a column left empty) are located problems saying the
    column has no values: never the Arrow C interface's error. A typed empty column is
    unknown."""
    units = pl.DataFrame(UNITS)
    ev = pl.DataFrame(EVIDENCE)
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(units, ev.with_columns(pl.lit(None).alias("staff_total")))
    assert _paths(e) == ["evidence.staff_total"]
    assert "polars type Null" in str(e.value) and "pl.lit(None, dtype=pl.UInt32)" in str(e.value)
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(units, ev.with_columns(pl.lit(None, dtype=pl.Utf8).alias("staff_total")))
    assert _paths(e) == ["evidence.staff_total"]
    assert "is typed for text values" in str(e.value) and "it has no values" in str(e.value)
    ds = antq.Dataset.from_frames(units, ev.with_columns(pl.lit(None, dtype=pl.UInt32).alias("staff_total")))
    assert ds == antq.Dataset.from_frames(units, ev)


def test_a_blank_attested_cell_is_unknown_in_every_kind_of_table(tmp_path: pathlib.Path) -> None:
    # A blank cell of a CSV folder is a missing value (unknown, never 0); a "" (or blank)
    # string in a pandas, polars or Arrow column was refused as not `yes`, `no` or `unknown`.
    evidence = dict(EVIDENCE, **{"attested:RA-3/other": ["yes", None]})
    blank = dict(evidence, **{"attested:RA-2": ["", None], "attested:RA-4": ["  ", None]})
    without = {k: v for k, v in evidence.items() if k not in ("attested:RA-2", "attested:RA-4")}
    want = antq.Dataset.from_frames(pa.table(UNITS), pa.table(without))
    for units, evidence in [
        (pd.DataFrame(UNITS), pd.DataFrame(blank)),
        (pl.DataFrame(UNITS), pl.DataFrame(blank)),
        (pa.table(UNITS), pa.table(blank)),
    ]:
        ds = antq.Dataset.from_frames(units, evidence)
        assert ds == want, type(units)
        r1 = antq.evaluate(ds, "vn.c124-2021", 2023)["R1"]
        assert r1.outcome == "undetermined", r1.explain()
    # The same table as a CSV folder with blank cells reads the same.
    import pyarrow.csv as pacsv

    pacsv.write_csv(pa.table(UNITS), tmp_path / "units.csv")
    pacsv.write_csv(pa.table(blank), tmp_path / "evidence.csv")
    assert antq.Dataset.from_path(tmp_path) == want
