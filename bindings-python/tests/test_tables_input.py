"""Datasets read from where they live: a folder of Parquet tables (zstd-compressed, as polars
writes them), a CSV folder and an .xlsx workbook, by `Dataset.from_path` and by `review`
given a path — the core's one reader (`antq::columnar::read_path`), as the CLI uses it."""

from __future__ import annotations

import json
import pathlib
import shutil
import warnings

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

import antq

FIXTURE = pathlib.Path(__file__).resolve().parents[2] / "core/src/read/columnar/fixtures/sample-zstd"


def verdicts(data: antq.Dataset | str | pathlib.Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = antq.review(data, "vn.c124-2021", 2023, library="pyarrow").to_pylist()
    return rows


def test_parquet_folder_reads_as_the_sample() -> None:
    want = verdicts(antq.Dataset.sample())
    ds = antq.Dataset.from_path(FIXTURE)
    assert ds.to_dict() == {**antq.Dataset.sample().to_dict(), "meta": ds.to_dict()["meta"]}
    assert verdicts(ds) == want
    # A path given to review is read the same way.
    assert verdicts(str(FIXTURE)) == want
    assert verdicts(FIXTURE / "units.parquet") == want


def test_csv_folder_reads_as_the_sample(tmp_path: pathlib.Path) -> None:
    for f in FIXTURE.glob("*.parquet"):
        pacsv.write_csv(pq.read_table(f), tmp_path / f"{f.stem}.csv")
    assert verdicts(tmp_path) == verdicts(antq.Dataset.sample())


def test_a_bad_table_names_the_file(tmp_path: pathlib.Path) -> None:
    shutil.copy(FIXTURE / "units.parquet", tmp_path / "units.parquet")
    (tmp_path / "evidence.parquet").write_bytes(b"not parquet")
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_path(tmp_path)
    assert "evidence.parquet" in str(e.value)


def test_review_of_a_path_keeps_the_columns_asked_for() -> None:
    """A compact verdict table (issue 15): only the columns asked for, equal to the same
    columns of the whole table; a path is read and validated once, with the same verdicts."""
    full = antq.review(FIXTURE, "vn.c124-2021", 2023, library="pyarrow")
    compact = antq.review(FIXTURE, "vn.c124-2021", 2023, library="pyarrow", columns=["unit", "outcome", "RA-1"])
    assert compact.column_names == ["unit", "outcome", "RA-1"]
    assert compact.to_pylist() == full.select(["unit", "outcome", "RA-1"]).to_pylist()
    for bad in (["unit", "unit"], ["outcome", "nope"]):
        with pytest.raises(antq.ArgumentError) as e:
            antq.review(FIXTURE, "vn.c124-2021", 2023, columns=bad)
        assert e.value.argument == "columns" and "outcome" in str(e.value)
    with pytest.raises(antq.ArgumentError) as e:
        antq.review(42, "vn.c124-2021", 2023)  # type: ignore[arg-type]
    assert e.value.argument == "dataset"


def test_review_of_a_dict_is_the_review_of_its_dataset() -> None:
    sample = antq.Dataset.sample()
    assert verdicts(sample.to_dict()) == verdicts(sample)  # type: ignore[arg-type]


@pytest.mark.parametrize("suffix", ["csv", "parquet", "arrow"])
def test_written_verdicts_are_the_review(tmp_path: pathlib.Path, suffix: str) -> None:
    """`write_verdicts` (issue 15): the core writes the review's verdicts to a file (the
    writer of `antq review -o`), and the file holds what `review` returns; the summary names
    the rule set that decided them."""
    columns = ["unit", "outcome", "RA-1", "rule_set"]
    want = antq.review(FIXTURE, "vn.c124-2021", 2023, library="pyarrow", columns=columns)
    path = tmp_path / f"verdicts.{suffix}"
    out = antq.write_verdicts(FIXTURE, "vn.c124-2021", 2023, path, columns=columns)
    assert (out["path"], out["format"], out["rows"], out["columns"]) == (path, suffix, want.num_rows, columns)
    assert out["record"]["rule_set"] == "vn.c124-2021" and out["record"]["year"] == 2023
    assert isinstance(out["lints"], list)
    if suffix == "csv":
        got = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in columns}, strings_can_be_null=True))
    elif suffix == "parquet":
        got = pq.read_table(path)
    else:
        got = pa.ipc.open_file(path).read_all()
    assert got.to_pylist() == want.to_pylist()
    if suffix != "csv":
        # A table file names what decided it, whatever its columns.
        assert json.loads(got.schema.metadata[b"antq.decision"]) == out["record"]
    # Every column by default, as `review` gives them.
    everything = antq.write_verdicts(FIXTURE, "vn.c124-2021", 2023, tmp_path / "all.parquet")
    assert everything["columns"] == antq.review(FIXTURE, "vn.c124-2021", 2023, library="pyarrow").column_names
    assert pq.read_table(tmp_path / "all.parquet").column_names == everything["columns"]


def test_writing_verdicts_refuses_bad_arguments_and_keeps_the_old_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "verdicts.csv"
    path.write_text("old\n")
    for bad in (["unit", "unit"], ["outcome", "nope"]):
        with pytest.raises(antq.ArgumentError) as e:
            antq.write_verdicts(FIXTURE, "vn.c124-2021", 2023, path, columns=bad)
        assert e.value.argument == "columns"
    with pytest.raises(antq.ArgumentError) as e:
        antq.write_verdicts(FIXTURE, "vn.c124-2021", 2023, tmp_path / "verdicts.xlsx")
    assert e.value.argument == "path" and "workbook" in str(e.value)
    # A JSON name is refused too: it was written as CSV under it.
    with pytest.raises(antq.ArgumentError) as e:
        antq.write_verdicts(FIXTURE, "vn.c124-2021", 2023, tmp_path / "verdicts.json")
    assert e.value.argument == "path" and "not as JSON" in str(e.value)
    with pytest.raises(antq.AntqIOError) as io:
        antq.write_verdicts(FIXTURE, "vn.c124-2021", 2023, tmp_path / "missing" / "verdicts.csv")
    assert "missing" in str(io.value)
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["verdicts.csv"]


def test_columns_must_be_a_list_of_names(tmp_path: pathlib.Path) -> None:
    """One string is not taken for its letters, nor refused with a bare TypeError."""
    for bad, said in (("unit", "not one string"), (3, "list of column names"), ([1, 2], "list of column names")):
        with pytest.raises(antq.ArgumentError) as e:
            antq.review(FIXTURE, "vn.c124-2021", 2023, columns=bad)  # type: ignore[arg-type]
        assert e.value.argument == "columns" and said in str(e.value)
        with pytest.raises(antq.ArgumentError):
            antq.write_verdicts(FIXTURE, "vn.c124-2021", 2023, tmp_path / "v.csv", columns=bad)  # type: ignore[arg-type]
    assert antq.review(FIXTURE, "vn.c124-2021", 2023, columns=("unit", "outcome"), library="pyarrow").column_names == [
        "unit",
        "outcome",
    ]


def test_writing_verdicts_over_the_input_is_refused(tmp_path: pathlib.Path) -> None:
    """A path that is one of the dataset's own files is refused: the data is never replaced."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    before = (data / "evidence.parquet").read_bytes()
    with pytest.raises(antq.ArgumentError) as e:
        antq.write_verdicts(data, "vn.c124-2021", 2023, data / "evidence.parquet")
    assert e.value.argument == "path" and "would replace the input" in str(e.value)
    assert (data / "evidence.parquet").read_bytes() == before


def test_review_warns_its_lints_and_write_verdicts_returns_them(tmp_path: pathlib.Path) -> None:
    """A review's lints are not lost where a table is returned (issue 15's trust point): an
    unknown evidence key under lenient vocabulary is warned by `review` and `write_verdicts`,
    as `evaluate` warns it and its result lists it."""
    d = {
        "format_version": 1,
        "units": [
            {"id": "C", "name": "Xã", "kind": "commune", "subkind": "xa"},
            {"id": "R", "name": "Thôn", "kind": "residential_area", "subkind": "thon", "parent": "C"},
        ],
        "evidence": [{"unit": "R", "year": 2023, "attested": {"RA2": "yes"}}],
    }
    ds = antq.Dataset.from_dict(d)
    with pytest.warns(antq.LintWarning) as caught:
        want = antq.evaluate(ds, "vn.c124", 2023, lenient_vocabulary=True).to_dict()["lints"]
    assert [lint["code"] for lint in want] == ["unknown_key"]
    assert [w.message.problem for w in caught if isinstance(w.message, antq.LintWarning)] == want
    with pytest.warns(antq.LintWarning) as caught:
        antq.review(ds, "vn.c124", 2023, lenient_vocabulary=True, library="pyarrow")
    lints = [w.message for w in caught if isinstance(w.message, antq.LintWarning)]
    assert [w.problem for w in lints] == want and [w.code for w in lints] == ["unknown_key"]
    assert "`RA2`" in str(lints[0]) and caught[0].filename == __file__
    with pytest.warns(antq.LintWarning):
        out = antq.write_verdicts(ds, "vn.c124", 2023, tmp_path / "v.csv", lenient_vocabulary=True)
    assert out["lints"] == want
    # Made an error, a lint stops the call.
    with warnings.catch_warnings():
        warnings.simplefilter("error", antq.LintWarning)
        with pytest.raises(antq.LintWarning):
            antq.review(ds, "vn.c124", 2023, lenient_vocabulary=True)
    # Without lints, nothing is warned.
    d["evidence"] = [{"unit": "R", "year": 2023, "attested": {"RA-2": "yes"}}]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        antq.review(antq.Dataset.from_dict(d), "vn.c124", 2023, library="pyarrow")


def test_a_dictionary_key_past_its_values_is_refused() -> None:
    """A categorical's values are borrowed from its dictionary: a key past the dictionary (a
    faulty writer's; pyarrow builds one with `safe=False`) is a problem naming the column,
    never another unit kind."""
    values = pa.array(["commune", "residential_area"])
    units = pa.table({"id": ["C", "R"], "name": ["X", "T"], "subkind": ["xa", "thon"], "parent": [None, "C"]})
    good = units.append_column("kind", pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int8()), values))
    assert antq.Dataset.from_frames(good).counts["units"] == 2
    bad = pa.DictionaryArray.from_arrays(pa.array([0, 5], pa.int8()), values, safe=False)
    with pytest.raises(antq.DatasetError) as e:
        antq.Dataset.from_frames(units.append_column("kind", bad))
    assert e.value.errors()[0]["loc"] == ("units", 1, "kind") and "key 5 is out of bounds" in str(e.value)
