"""Tables in and out: dataframe kinds, and Arrow tables returned as the caller's kind."""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from antq._errors import ArgumentError, DatasetError, MissingDependencyError, loc_of

#: The table libraries a result can be returned as (``library=``); ``"arrow"`` is the
#: ``antq.Table`` itself (any Arrow library reads it through ``__arrow_c_stream__``).
LIBRARIES = ("pyarrow", "pandas", "polars", "arrow")
KINDS = LIBRARIES

#: The schema metadata key of the decision record (rule set, version, hash, instruments,
#: supplements, year, as-of date) in a review's table, as in a verdicts file.
DECISION_KEY = "antq.decision"


def kind_of(obj: Any) -> Optional[str]:
    """The dataframe library of ``obj`` (``pandas``, ``polars``, ``pyarrow``), or None."""
    top = type(obj).__module__.split(".")[0]
    return top if top in ("pandas", "polars", "pyarrow") else None


def _column_problem(obj: Any, name: str, error: Exception) -> DatasetError:
    """A ``DatasetError`` for a pandas column Arrow cannot convert (mixed types in an
    ``object`` column): the column, the first row whose value's type differs from the
    column's first value, and that value."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    for column in obj.columns:
        try:
            pa.array(obj[column], from_pandas=True)
            continue
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass
        values = list(obj[column])
        present = [(i, v) for i, v in enumerate(values) if not _missing(v)]
        counts: Dict[type, int] = {}
        for _, v in present:
            counts[type(v)] = counts.get(type(v), 0) + 1
        # The column's type is its most common one (text loses a tie: a stray word in a
        # number column is the usual mistake); the first value of another type is wrong.
        usual = max(counts, key=lambda t: (counts[t], t is not str)) if counts else type(None)
        row = next((i for i, v in present if type(v) is not usual), present[0][0] if present else 0)
        types = f"{usual.__name__} and {type(values[row]).__name__}"
        message = f"column `{column}` mixes values of different types ({types}): {error}"
        message_vi = f"cột `{column}` trộn giá trị của nhiều kiểu ({types.replace(' and ', ' và ')}): {error}"
        return _dataset_error(f"{name}[{row}].{column}", "bad_value", message, message_vi)
    return DatasetError(f"`{name}` could not be read as an Arrow table: {error}", "invalid_dataset", [],
                        f"không đọc được `{name}` thành một bảng Arrow: {error}")


def _dataset_error(path: str, code: str, message: str, message_vi: str) -> DatasetError:
    """A ``DatasetError`` of one problem at ``path``, worded as the core words it, in English
    and Vietnamese."""
    problem = {
        "code": code,
        "location": {"file": None, "line": None, "column": None, "path": path, "unit": None, "criterion": None},
        "message": message,
        "message_vi": message_vi,
    }
    return DatasetError(f"invalid dataset (1 problem):\n  - at `{path}`: [{code}] {message}", "invalid_dataset",
                        [problem], f"dữ liệu không hợp lệ (1 vấn đề):\n  - tại `{path}`: [{code}] {message_vi}")


def _missing(v: Any) -> bool:
    """Whether a cell of an ``object`` column is pandas' missing value: ``None``, ``NaN``,
    ``NaT`` or ``pd.NA`` (whose truth value cannot be asked)."""
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    m = pd.isna(v)
    return isinstance(m, bool) and m


def as_arrow(obj: Any, name: str = "table") -> Any:
    """An object with ``__arrow_c_stream__`` for ``obj``; a pandas frame Arrow cannot read
    is a ``DatasetError`` naming the column, row and value."""
    if kind_of(obj) == "pandas":
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        # A column named twice is the core's `duplicate_id` problem, as in a file's header
        # (Arrow would refuse the frame with a bare ValueError).
        seen: Dict[Any, int] = {}
        for c in obj.columns:
            seen[c] = seen.get(c, 0) + 1
        twice = next((c for c, n in seen.items() if n > 1), None)
        if twice is not None:
            raise _dataset_error(f"{name}.{twice}", "duplicate_id", f"column `{twice}` appears twice",
                                 f"cột `{twice}` xuất hiện hai lần")
        try:
            return pa.Table.from_pandas(obj, preserve_index=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as e:
            raise _column_problem(obj, name, e) from None
    if kind_of(obj) == "polars":
        # polars hands a column of type Null over with a buffer the Arrow C interface does
        # not allow; said here, with the column, rather than as the interface's error.
        import polars as pl

        untyped = next((c for c, t in obj.schema.items() if t == pl.Null), None)
        if untyped is not None:
            raise _dataset_error(
                f"{name}.{untyped}", "syntax",
                f"column `{untyped}` has polars type Null (no value and no type), which polars cannot hand "
                f"over through the Arrow C interface: give it a type (`pl.lit(None, dtype=pl.UInt32)`) or leave "
                f"it out",
                f"cột `{untyped}` có kiểu polars Null (không có giá trị và không có kiểu), mà polars không "
                f"chuyển được qua giao diện Arrow C: hãy cho cột một kiểu (`pl.lit(None, dtype=pl.UInt32)`) "
                f"hoặc bỏ cột đi")
    if hasattr(obj, "__arrow_c_stream__"):
        return obj
    raise ArgumentError(
        f"`{name}` must be a table: a pandas, polars or pyarrow DataFrame/Table, or any object "
        f"with __arrow_c_stream__; got {type(obj).__name__}",
        name,
    )


def _have(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def default_kind() -> str:
    """The table library for results whose input came from no dataframe (a file, the
    sample): pandas when installed (with pyarrow, which it converts through), else polars,
    else pyarrow, else the raw Arrow stream object."""
    if _have("pandas") and _have("pyarrow"):
        return "pandas"
    for k in ("polars", "pyarrow"):
        if _have(k):
            return k
    return "arrow"


def _need(module: str, extra: str) -> None:
    if not _have(module):
        raise MissingDependencyError(f"this needs {module}: pip install 'antq[{extra}]' (or pip install {module})")


def _pandas_types() -> Dict[Any, Any]:
    """Arrow types read as pandas' nullable types: integers stay integers with gaps
    (``Int64``, not float64 with NaN; a rank is a whole number) and booleans stay booleans
    (``boolean``); dates become ``datetime64`` (``date_as_object=False``)."""
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    ints = {
        pa.int8(): pd.Int8Dtype(),
        pa.int16(): pd.Int16Dtype(),
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.uint8(): pd.UInt8Dtype(),
        pa.uint16(): pd.UInt16Dtype(),
        pa.uint32(): pd.UInt32Dtype(),
        pa.uint64(): pd.UInt64Dtype(),
    }
    return {**ints, pa.bool_(): pd.BooleanDtype()}


def _pandas(t: Any) -> Any:
    """A pyarrow table as pandas: nullable integers and booleans, dates as
    ``datetime64[ms]``, dictionary columns as ``category``, list columns as Python lists
    (not numpy arrays)."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    df = t.to_pandas(types_mapper=_pandas_types().get, date_as_object=False)
    for i, field in enumerate(t.schema):
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            df[field.name] = t.column(i).to_pylist()
    # What decided the verdicts (the schema metadata of a review's table), where pandas keeps
    # a frame's own data.
    decision = (t.schema.metadata or {}).get(DECISION_KEY.encode())
    if decision is not None:
        import json

        df.attrs[DECISION_KEY] = json.loads(decision)
    return df


def _pyarrow(table: Any) -> Any:
    """An Arrow stream object as a ``pyarrow.Table``, read through its C stream:
    ``pyarrow.table()`` would first import pandas to ask whether it is a DataFrame (a fifth
    of a second, when the caller asked for no pandas)."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    return pa.RecordBatchReader.from_stream(table).read_all()


def convert(table: Any, kind: Optional[str] = None) -> Any:
    """An Arrow stream object (an ``antq.Table``) as a table of ``kind`` (the
    ``library=`` argument): ``"pyarrow"``, ``"pandas"``, ``"polars"`` or ``"arrow"`` (the
    object itself, readable by any Arrow library through ``__arrow_c_stream__``); by
    default pandas when installed (:func:`default_kind`)."""
    if kind is not None and kind not in LIBRARIES:
        raise ArgumentError(f"library must be one of {', '.join(LIBRARIES)}, not {kind!r}", "library")
    k = kind or default_kind()
    if k == "arrow":
        return table
    if k == "pyarrow":
        _need("pyarrow", "arrow")
        return _pyarrow(table)
    if k == "pandas":
        _need("pandas", "pandas")
        _need("pyarrow", "pandas")
        return _pandas(_pyarrow(table))
    if k == "polars":
        _need("polars", "polars")
        import polars as pl

        # Through the C stream (polars 1.2 and later), without importing pyarrow: the
        # same frame as `pl.from_arrow` of a pyarrow table, a tenth of a second sooner.
        return pl.DataFrame(table)
    raise ArgumentError(f"library must be one of {', '.join(LIBRARIES)}, not {kind!r}", "library")


def _row_source(obj: Any) -> Optional[Tuple[Any, Any]]:
    """``(labels, cell)`` of a table the caller passed: ``labels(i)`` is the caller's label
    of row ``i`` (a pandas index label; otherwise ``i``) and ``cell(i, column)`` its value
    (``KeyError`` / ``IndexError`` when absent)."""
    k = kind_of(obj)
    if k == "pandas":
        return (lambda i: obj.index[i], lambda i, c: obj[c].iloc[i])
    if k == "polars":
        return (lambda i: i, lambda i, c: obj[i, c])
    if k == "pyarrow":
        return (lambda i: i, lambda i, c: obj.column(c)[i].as_py())
    if isinstance(obj, list):
        return (lambda i: i, lambda i, c: obj[i][c])
    return None


def _plain(v: Any) -> Any:
    item = getattr(v, "item", None)  # numpy scalars
    return item() if callable(item) and not isinstance(v, (str, bytes)) else v


def relabel(err: Any, tables: Dict[str, Any]) -> Any:
    """``err`` (an ``AntqError``) with each problem located in the caller's own tables:
    ``loc`` as ``(table, row_label, column)`` with the table's index label, ``input`` the
    value in that cell and ``unit`` the row's unit id (``id`` in units, ``unit``
    elsewhere) when the core did not name one. Returns ``err``; an error that is not an
    ``AntqError`` is returned as it is."""
    for p in getattr(err, "_problems", ()):
        loc = loc_of((p.get("location") or {}).get("path"))
        if len(loc) < 2 or loc[0] not in tables or not isinstance(loc[1], int):
            continue
        source = _row_source(tables[loc[0]])
        if source is None:
            continue
        labels, cell = source
        row = loc[1]
        try:
            label = labels(row)
        except (IndexError, KeyError):
            continue
        p["loc"] = (loc[0], _plain(label)) + tuple(loc[2:])
        if len(loc) == 3 and p.get("input") is None:
            try:
                p["input"] = _plain(cell(row, loc[2]))
            except Exception:  # a column the core named but the caller's table lacks
                pass
        if p.get("unit") is None:
            try:
                unit = cell(row, "id" if loc[0] == "units" else "unit")
                p["unit"] = None if unit is None else str(_plain(unit))
            except Exception:  # no unit column
                pass
    return err
