"""Progress of long calls (``progress=``): a callable ``(done, total)``, or ``True`` for a
tqdm bar when tqdm is installed."""

from __future__ import annotations

import importlib
import warnings
from typing import Any, Callable, Optional


class _Bar:
    """A tqdm bar following the core's reports: each stage (review, explanations) counts
    its units from 0 to the total again, so the bar is set, not advanced."""

    def __init__(self, tqdm: Any) -> None:
        self._tqdm = tqdm
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None or self._bar.total != total:
            if self._bar is not None:
                self._bar.close()
            self._bar = self._tqdm(total=total, unit="unit", leave=False)
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def callback(progress: Any) -> Optional[Callable[[int, int], None]]:
    """The callback for ``progress=``: ``None``/``False`` for none, ``True`` for a tqdm bar
    (a warning, and no bar, without tqdm), or the callable itself."""
    from antq._errors import ArgumentError

    if progress is None or progress is False:
        return None
    if progress is True:
        try:
            tqdm = importlib.import_module("tqdm.auto").tqdm
        except ImportError:
            warnings.warn("progress=True shows a bar only when tqdm is installed (pip install tqdm)", stacklevel=3)
            return None
        return _Bar(tqdm)
    if callable(progress):
        return progress  # type: ignore[no-any-return]
    raise ArgumentError(
        f"progress: expected True, False, None or a callable (done, total), got {type(progress).__name__}", "progress"
    )
