"""`antq.Table` (issue 16, points 1, 5 and 12): every result table speaks Arrow, keeps the
core's column order and types, and comes back as pandas by default when installed."""

from __future__ import annotations

import copy
import pickle

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import antq


def test_evaluation_is_an_arrow_stream(ev2023: antq.Evaluation) -> None:
    t = pa.table(ev2023)
    assert t.num_rows == len(ev2023)
    assert t.column_names == antq.headers()["evaluation"]
    df = pl.DataFrame(ev2023)
    assert df.columns == antq.headers()["evaluation"]
    assert df.height == len(ev2023)


def test_stats_are_an_arrow_stream(sample: antq.Dataset) -> None:
    st = sample.activity_stats(2023)
    assert pa.table(st).column_names == antq.headers()["stats"]
    assert pl.DataFrame(st).height == len(st)


def test_table_object(ev2023: antq.Evaluation) -> None:
    t = ev2023.rows(library="arrow")
    assert isinstance(t, antq.Table)
    assert t.name == "evaluation"
    assert t.columns == antq.headers()["evaluation"]
    assert len(t) == len(ev2023)
    assert isinstance(t.to_pandas(), pd.DataFrame)
    assert isinstance(t.to_polars(), pl.DataFrame)
    assert isinstance(t.to_arrow(), pa.Table)
    assert isinstance(t.to(), pd.DataFrame)
    assert pickle.loads(pickle.dumps(t)) == t
    assert copy.deepcopy(t) == t
    html = t._repr_html_()
    assert "evaluation" in html and "<table>" in html and f"{len(t)} rows" in html
    assert "Table(\"evaluation\"" in repr(t)
    with pytest.raises(antq.ArgumentError) as e:
        t.to("excel")  # type: ignore[arg-type]
    assert e.value.argument == "library"


def test_sample_rows_are_pandas_by_default(ev2023: antq.Evaluation) -> None:
    head = ev2023.rows().head()
    assert isinstance(head, pd.DataFrame) and len(head) == 5


def test_pandas_types(ev2023: antq.Evaluation) -> None:
    df = ev2023.rows()
    assert str(df["window_start"].dtype) == "datetime64[ms]"
    assert str(df["rank"].dtype) == "Int64"
    assert str(df["met"].dtype) == "Int64" and str(df["of"].dtype) == "Int64"
    for c in ("kind", "outcome", "level"):
        assert isinstance(df[c].dtype, pd.CategoricalDtype), c
    failing = df[df["outcome"] == "does_not_meet"]
    assert len(failing) > 0
    first = failing["failed"].iloc[0]
    assert isinstance(first, list) and first and all(isinstance(x, str) for x in first)
    # No "3/3" or "typical:1" text anywhere.
    text = df.select_dtypes(include=["object", "string"]).astype(str)
    assert not text.apply(lambda s: s.str.fullmatch(r"\d+/\d+|typical:\d+")).any().any()


def test_typical_rank_is_a_nullable_integer(sample: antq.Dataset) -> None:
    rules = antq.RuleSet.preset("vn.d9745-2022.communes").with_supplement(antq.Supplement.sample("typical"))
    df = antq.evaluate(sample, rules, 2023).rows()
    assert str(df["rank"].dtype) == "Int64"
    assert df["rank"].notna().any()
    assert isinstance(df["outcome"].dtype, pd.CategoricalDtype)
    assert set(df["outcome"].cat.categories) >= {"typical"}


def test_verdict_statuses_are_categories(sample: antq.Dataset) -> None:
    t = pa.table(antq.review(sample, "vn.c124-2021", 2023, library="arrow"))
    criteria = [c for c in t.column_names if c not in antq.headers()["verdicts"]]
    assert criteria
    for c in criteria + ["outcome", "kind"]:
        assert pa.types.is_dictionary(t.schema.field(c).type), c


def test_kind_keyword_is_refused_with_the_new_name(ev2023: antq.Evaluation, sample: antq.Dataset) -> None:
    calls = [
        lambda: ev2023.rows(kind="pandas"),  # type: ignore[arg-type]
        lambda: ev2023.criterion_rows(kind="pandas"),  # type: ignore[arg-type]
        lambda: ev2023.shares(kind="pandas"),  # type: ignore[arg-type]
        lambda: sample.to_frames(kind="pandas"),  # type: ignore[arg-type]
        lambda: sample.activity_stats(2023).rows(kind="pandas"),  # type: ignore[arg-type]
        lambda: antq.review(sample, "vn.c124-2021", 2023, kind="pandas"),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(antq.ArgumentError, match="library=") as e:
            call()
        assert e.value.argument == "kind"


def test_unknown_unit_kind_is_an_argument_error(ev2023: antq.Evaluation) -> None:
    with pytest.raises(antq.ArgumentError) as e:
        ev2023.shares(unit_kind="galaxy")
    assert e.value.argument == "unit_kind"
