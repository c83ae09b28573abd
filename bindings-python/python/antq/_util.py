"""Python data to JSON text for the core (dates, decimals and numpy scalars included)."""

from __future__ import annotations

import datetime
import decimal
import json
import math
import os
from typing import Any, List, Optional, Tuple


def _default(o: Any) -> Any:
    if isinstance(o, datetime.datetime):
        if o.time() == datetime.time(0) and o.tzinfo is None:
            return o.date().isoformat()
        return o.isoformat()
    if isinstance(o, datetime.date):
        return o.isoformat()
    if isinstance(o, decimal.Decimal):
        return str(o)
    if isinstance(o, os.PathLike):
        return os.fspath(o)
    if isinstance(o, (set, frozenset, tuple)):
        return list(o)
    item = getattr(o, "item", None)  # numpy scalars
    if callable(item):
        return item()
    raise TypeError(f"{type(o).__name__} is not JSON data")


def _first_unwritable(obj: Any) -> Optional[Tuple[str, str]]:
    """The path of the first value of ``obj`` (in document order) that JSON cannot hold: a NaN
    or an infinity (numpy's too), or an object of another type; and what it is."""
    stack: List[Tuple[Any, str]] = [(obj, "")]
    while stack:
        o, path = stack.pop()
        if isinstance(o, dict):
            fields = [(v, f"{path}.{k}" if path else str(k)) for k, v in o.items()]
        elif isinstance(o, (list, tuple)):
            fields = [(v, f"{path}[{i}]") for i, v in enumerate(o)]
        else:
            if not isinstance(o, (str, int, float, type(None))):
                try:
                    o = _default(o)
                except TypeError:
                    return path, f"of type {type(o).__name__}, which is not JSON data"
            if isinstance(o, float) and not math.isfinite(o):
                return path, f"{o}, which JSON has no number for (give a number, or None when it is unknown)"
            continue
        stack.extend(reversed(fields))
    return None


def dumps(obj: Any) -> str:
    """JSON text of ``obj``; NaN and infinities are refused, naming where they are."""
    try:
        return json.dumps(obj, default=_default, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError) as e:
        found = _first_unwritable(obj)
        if found is None:
            raise
        raise type(e)(f"`{found[0]}` is {found[1]}") from e
