"""Datasets read from where they live: a folder of Parquet tables (zstd-compressed, as polars
writes them), a CSV folder and an .xlsx workbook, by `Dataset.from_path` and by `review`
given a path — the core's one reader (`antq::columnar::read_path`), as the CLI uses it."""

from __future__ import annotations

import pathlib
import shutil

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
