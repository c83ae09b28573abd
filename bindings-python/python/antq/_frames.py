"""Tables in and out: dataframe kinds, and Arrow tables returned as the caller's kind."""

from __future__ import annotations

from typing import Any, Dict, Optional

from antq._errors import ArgumentError, MissingDependencyError

#: The table libraries a result can be returned as (``library=``); ``"arrow"`` is the
#: ``antq.Table`` itself (any Arrow library reads it through ``__arrow_c_stream__``).
LIBRARIES = ("pyarrow", "pandas", "polars", "arrow")
KINDS = LIBRARIES


def kind_of(obj: Any) -> Optional[str]:
    """The dataframe library of ``obj`` (``pandas``, ``polars``, ``pyarrow``), or None."""
    top = type(obj).__module__.split(".")[0]
    return top if top in ("pandas", "polars", "pyarrow") else None


def as_arrow(obj: Any, name: str = "table") -> Any:
    """An object with ``__arrow_c_stream__`` for ``obj``."""
    if hasattr(obj, "__arrow_c_stream__"):
        return obj
    if kind_of(obj) == "pandas":  # pandas < 2.2 has no PyCapsule export
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        return pa.Table.from_pandas(obj, preserve_index=False)
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
    return df


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
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        return pa.table(table)
    if k == "pandas":
        _need("pandas", "pandas")
        _need("pyarrow", "pandas")
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        return _pandas(pa.table(table))
    if k == "polars":
        _need("polars", "polars")
        import polars as pl

        if _have("pyarrow"):
            import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

            return pl.from_arrow(pa.table(table))
        return pl.DataFrame(table)
    raise ArgumentError(f"library must be one of {', '.join(LIBRARIES)}, not {kind!r}", "library")
