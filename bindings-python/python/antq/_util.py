"""Python data to JSON text for the core (dates, decimals and numpy scalars included)."""

from __future__ import annotations

import datetime
import decimal
import json
import os
from typing import Any


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


def dumps(obj: Any) -> str:
    """JSON text of ``obj``; NaN and infinities are refused."""
    return json.dumps(obj, default=_default, allow_nan=False, ensure_ascii=False)
