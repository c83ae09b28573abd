"""The exceptions antq raises. Each has a stable ``code`` (the core error's code) and
``errors()``: the problems behind it, each a dict with ``code``, ``location`` (``file``,
``line``, ``column``, ``path``, ``unit``, ``criterion``; absent parts are None),
``message`` and, where antq words it in Vietnamese, ``message_vi``; ``message_vi`` of the
exception itself is the whole error in Vietnamese (None for errors antq does not word in
Vietnamese: a wrong argument, a file that cannot be written). At most 100 problems are listed: then a last ``limit`` problem (``… and N more
problems not listed``) carries ``omitted`` = N, and the message's header gives the total."""

from __future__ import annotations

import copy
import re
from typing import Any, Dict, List, Optional, Tuple, Union

#: A location part: a name (table, field, column) or a row number / index label.
Loc = Tuple[Union[str, int, Any], ...]

_TABLES = ("units", "evidence", "incidents", "activities")
_TABLE_PATH = re.compile(r"(units|evidence|incidents|activities)(?:\[(\d+)\])?(?:\.(.+))?")
_SEGMENT = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def loc_of(path: Optional[str]) -> Loc:
    """A problem's path as a tuple, like pydantic's ``loc``: ``"evidence[2].year"`` →
    ``("evidence", 2, "year")``. A dataset table's path keeps the rest as one column name
    (``attested:RA-3/other`` and ``points:I.1:self`` are single columns)."""
    if not path:
        return ()
    m = _TABLE_PATH.fullmatch(path)
    if m:
        table, row, column = m.groups()
        return (table,) + ((int(row),) if row is not None else ()) + ((column,) if column else ())
    return tuple(int(i) if i else name for i, name in _SEGMENT.findall(path))


def _pydantic(p: Dict[str, Any]) -> Dict[str, Any]:
    """A problem dict with pydantic's keys added: ``type`` (the problem code), ``loc``,
    ``msg``, ``input`` (the offending value, when known) and ``unit`` (the unit's id, when
    known). The original keys (``code``, ``location``, ``message``) stay."""
    out = dict(p)
    location = out.get("location") or {}
    out.setdefault("type", out.get("code"))
    out.setdefault("loc", loc_of(location.get("path")))
    out.setdefault("msg", out.get("message"))
    out.setdefault("input", None)
    out.setdefault("unit", location.get("unit"))
    return out

__all__ = [
    "AntqError",
    "AntqIOError",
    "ArgumentError",
    "AsOfOutsideYearError",
    "DatasetError",
    "MedalInputError",
    "MissingDependencyError",
    "NotInForceError",
    "RuleSetError",
    "UnknownPresetError",
    "UnknownUnitError",
    "YearError",
]


class AntqError(Exception):
    """Base class of every antq error."""

    code: str
    """Stable machine code: ``invalid_rule_set``, ``invalid_dataset``, ``unknown_preset``,
    ``unknown_unit``, ``bad_year``, ``not_in_force``, ``as_of_outside_year``, ``io`` or
    ``internal``."""

    message_vi: Optional[str]
    """The error in Vietnamese (the problems with their ``message_vi`` where antq has one;
    codes, ids and paths as they are); None when antq does not word it in Vietnamese."""

    def __init__(
        self,
        message: str,
        code: str = "antq",
        problems: Optional[List[Dict[str, Any]]] = None,
        message_vi: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.message_vi = message_vi
        self.code = code
        self._problems: List[Dict[str, Any]] = [_pydantic(p) for p in problems or []]

    def errors(self) -> List[Dict[str, Any]]:
        """The problems behind the error, like pydantic's ``ValidationError.errors()`` (a
        fresh copy; empty when the error is not about content).

        Returns
        -------
        list of dict
            Each with ``type`` (the problem code, ``docs/ERRORS.md``), ``loc`` (a tuple:
            ``(table, row_label, column)`` for a dataset table, where ``row_label`` is the
            label in the caller's pandas index, or the row number for polars, pyarrow and
            lists), ``msg``, ``input`` (the offending value, when known), ``unit`` (the
            unit's id, when known), and the original ``code``, ``location`` (file, line,
            column, path, unit, criterion) and ``message``; the last of a capped list also
            has ``omitted``.

        Examples
        --------
        >>> try:
        ...     antq.Dataset.from_dict({"format_version": 1, "units": [{"id": "C", "name": "n", "kind": "galaxy"}]})
        ... except antq.DatasetError as e:
        ...     e.errors()[0]["loc"]
        ('units', 0, 'kind')
        """
        return copy.deepcopy(self._problems)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> Any:
        return (type(self), (self.message, self.code, self._problems, self.message_vi))


class ArgumentError(AntqError, ValueError, TypeError):
    """An argument of the wrong type or value (code ``bad_argument``); ``argument`` names it.
    It is both a ``ValueError`` and a ``TypeError``, so code catching either keeps working."""

    def __init__(self, message: str, argument: str = "", problems: Optional[List[Dict[str, Any]]] = None) -> None:
        super().__init__(message, "bad_argument", problems)
        self.argument = argument

    def __reduce__(self) -> Any:
        return (type(self), (self.message, self.argument, self._problems))


class MissingDependencyError(AntqError, ImportError):
    """An optional library a call needs is not installed (code ``missing_dependency``): the
    message names it and the extra that installs it (``pip install 'antq[pandas]'``)."""

    def __init__(
        self,
        message: str,
        code: str = "missing_dependency",
        problems: Optional[List[Dict[str, Any]]] = None,
        message_vi: Optional[str] = None,
    ) -> None:
        AntqError.__init__(self, message, code, problems, message_vi)


class RuleSetError(AntqError, ValueError):
    """A rule set or supplement is malformed or inconsistent (code ``invalid_rule_set``)."""


class DatasetError(AntqError, ValueError):
    """A dataset or table is malformed or inconsistent (code ``invalid_dataset``)."""


class MedalInputError(AntqError, ValueError):
    """A commemorative medal input is malformed or inconsistent (code ``invalid_medal_input``)."""


class TeamInputError(AntqError, ValueError):
    """A team ranking input is malformed or inconsistent (code ``invalid_team_input``)."""


class UnknownPresetError(AntqError, KeyError):
    """No built-in rule set has this id (code ``unknown_preset``)."""


class UnknownUnitError(AntqError, KeyError):
    """A unit is not in the dataset or not evaluated (code ``unknown_unit``)."""


class YearError(AntqError, ValueError):
    """An evaluation year outside 1900–2200 (code ``bad_year``)."""


class NotInForceError(AntqError, ValueError):
    """A rule set applied outside its period of application, or a family with no encoded
    instrument in force on the date (code ``not_in_force``); the message names the period
    and the instrument that applies instead. Pass ``allow_outside_period=True`` to apply it
    anyway (recorded in the result)."""


class AsOfOutsideYearError(AntqError, ValueError):
    """A reference date outside the year's review (code ``as_of_outside_year``). Pass
    ``allow_as_of_outside_year=True`` to accept it (recorded in the result)."""


class AntqIOError(AntqError, OSError):
    """A file could not be read or written (code ``io``)."""

    def __new__(
        cls,
        message: str,
        code: str = "io",
        problems: Optional[List[Dict[str, Any]]] = None,
        message_vi: Optional[str] = None,
    ) -> "AntqIOError":
        # OSError reads two or more arguments as (errno, strerror, filename).
        return OSError.__new__(cls, message)

    def __init__(
        self,
        message: str,
        code: str = "io",
        problems: Optional[List[Dict[str, Any]]] = None,
        message_vi: Optional[str] = None,
    ) -> None:
        AntqError.__init__(self, message, code, problems, message_vi)

    def __str__(self) -> str:
        return self.message


class LintWarning(UserWarning):
    """What the input gives that the rule set does not read (evidence keys under
    ``lenient_vocabulary=True``, indicators no criterion reads…): noted, not refused, as the
    CLI's notes. :func:`antq.review` and :func:`antq.write_verdicts` warn once per lint (a
    table cannot carry them); ``Evaluation.to_dict()["lints"]`` holds an evaluation's. The
    analyses (:func:`antq.whatif`, :func:`antq.impact`, :func:`antq.sensitivity`,
    :func:`antq.compare`) warn the lints of the evaluations they run, a lint two share once.
    ``problem`` is the lint as a dict (``code``, ``location``, ``message``), ``code`` its code.

    ``warnings.simplefilter("error", antq.LintWarning)`` makes a lint an error."""

    def __init__(self, message: str, problem: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(message)
        self.problem: Dict[str, Any] = dict(problem or {})
        self.code: str = str(self.problem.get("code", ""))


class DecisionWarning(UserWarning):
    """What verdicts rest on beyond the law in force and verified values, where a table
    cannot say it: illustrative defaults [I] (level cut-offs, a prerequisite's family…), a
    rule set applied outside its period or a reference date outside the year's review (both
    only when explicitly allowed), and what decided a polars frame whose columns do not name
    it. :func:`antq.review` and :func:`antq.write_verdicts` warn each once, as the CLI notes
    them; the decision record holds the same facts. :func:`antq.whatif`, :func:`antq.impact`,
    :func:`antq.sensitivity` and :func:`antq.compare` warn the illustrative defaults of each
    rule set they use (their results' ``rules`` name them too).

    ``warnings.simplefilter("error", antq.DecisionWarning)`` makes one an error."""
