"""Type stubs of the compiled extension ``antq._antq`` (checked by ``mypy.stubtest``)."""

import datetime
import os
import pathlib
from typing import Any, Callable, Dict, Iterator, List, Literal, Optional, Sequence, Tuple, TypedDict, Union, final

from typing_extensions import Self

__all__ = [
    "evidence_template",
    "indicators",
    "Comparison",
    "Impact",
    "MedalAssessments",
    "Sensitivity",
    "TeamRanking",
    "WhatIf",
    "_unpickle_result",
    "Dataset",
    "Evaluation",
    "PRESET_IDS",
    "RuleSet",
    "Stats",
    "Supplement",
    "Table",
    "UnitResult",
    "__version__",
    "_bench_native",
    "_unpickle",
    "_unpickle_table",
    "activity_stats",
    "assess_medals",
    "check_dataset",
    "check_rules",
    "compare",
    "evaluate",
    "default_limits",
    "families",
    "festival_day",
    "headers",
    "unit_kinds",
    "impact",
    "presets",
    "rank_teams",
    "review",
    "sample_report",
    "sensitivity",
    "whatif",
    "write_verdicts",
]

__version__: str
PRESET_IDS: List[str]

_Lang = Literal["en", "vi"]
_FrameKind = Literal["pyarrow", "pandas", "polars", "arrow"]
_Library = _FrameKind
_DateLike = Union[datetime.date, str]
#: ``progress=``: ``True`` for a tqdm bar, or a callable ``(done, total)`` called as a long call advances.
_Progress = Union[bool, None, Callable[[int, int], Any]]
#: ``by=``: what units are grouped by on the reference date.
_By = Literal["parent", "commune", "district", "province"]
_PathLike = Union[str, "os.PathLike[str]"]
# A rule set: the object, a preset id, a family resolved by the year, a path, or a dict.
_Rules = Union["RuleSet", str, "os.PathLike[str]", Dict[str, Any]]
_Problem = Dict[str, Any]

@final
class RuleSet:
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str]]]: ...
    def __copy__(self) -> RuleSet: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> RuleSet: ...
    @staticmethod
    def preset(id: str) -> RuleSet:
        """A built-in rule set by id (see `antq.presets()`)."""
    @staticmethod
    def resolve(spec: str, year: int, as_of: Optional[_DateLike] = None) -> RuleSet:
        """The rule set a preset id or family id (e.g. ``"vn.c124"``) names for the ``year``
        review; a family resolves to its member in force on ``as_of``. Raises
        ``NotInForceError`` when none is."""
    @property
    def family(self) -> Optional[str]:
        """The family of instruments it belongs to (e.g. ``"vn.c124"``), if any."""
    @property
    def effective(self) -> Dict[str, Any]:
        """The period it applies in: ``{"from": date|None, "until": date|None, "certainty": str|None}``."""
    @staticmethod
    def from_path(path: _PathLike) -> RuleSet:
        """Reads and validates a rule set from a JSON or TOML file."""
    @staticmethod
    def from_str(text: str, name: str = "<string>", *, limits: Optional[Dict[str, int]] = None) -> RuleSet:
        """Reads and validates a rule set from JSON or TOML text; ``name`` is used in error
        locations and decides the format (``.toml`` / ``.json``; otherwise the text is sniffed)."""
    @staticmethod
    def from_dict(obj: Dict[str, Any]) -> RuleSet:
        """Reads and validates a rule set from a dict (the JSON form)."""
    @property
    def id(self) -> str:
        """Stable id, e.g. ``vn.c124-2021``."""
    @property
    def version(self) -> str:
        """Version of this encoding of the rules."""
    @property
    def title(self) -> Dict[str, str]:
        """Title: ``{"vi": …, "en": …}``."""
    @property
    def content_hash(self) -> str:
        """SHA-256 of the rule set's canonical JSON."""
    @property
    def kinds(self) -> List[str]:
        """The unit kinds any criterion applies to."""
    @property
    def criteria(self) -> List[Dict[str, Any]]:
        """The criteria as dicts (id, kinds, label, legal_basis, certainty, wording,
        mandatory, test)."""
    @property
    def legal_basis(self) -> List[Dict[str, Any]]:
        """The legal instruments it encodes."""
    @property
    def parameters(self) -> Dict[str, Dict[str, Any]]:
        """Named parameters of the outcome policy."""
    @property
    def applied_supplements(self) -> List[Dict[str, Any]]:
        """Supplements applied to produce this rule set."""
    def lints(self) -> List[_Problem]:
        """Lints: legal but worth a look (incomplete sheets, illustrative defaults…), as dicts
        (``code``, ``location``, ``message``, ``message_vi``)."""
    def with_supplement(self, supplement: Union[Supplement, _PathLike, Dict[str, Any]]) -> RuleSet:
        """This rule set with a supplement applied (a ``Supplement``, path or dict); validated."""
    def evaluate(
        self,
        dataset: Dataset,
        year: int,
        *,
        as_of: Optional[_DateLike] = None,
        rule_sets: Optional[Sequence[RuleSet]] = None,
    ) -> Evaluation:
        """Evaluates a dataset for a year (the same as ``antq.evaluate(dataset, self, year)``)."""
    def to_dict(self) -> Dict[str, Any]:
        """The rule set as a dict (its JSON form)."""
    def to_json(self) -> str:
        """The rule set as pretty JSON."""
    def __eq__(self, value: object, /) -> bool: ...
    def _repr_html_(self) -> str: ...

@final
class Supplement:
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str]]]: ...
    def __copy__(self) -> Supplement: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> Supplement: ...
    @staticmethod
    def from_path(path: _PathLike) -> Supplement:
        """Reads a supplement from a JSON or TOML file."""
    @staticmethod
    def from_str(text: str, name: str = "<string>") -> Supplement:
        """Reads a supplement from JSON or TOML text."""
    @staticmethod
    def from_dict(obj: Dict[str, Any]) -> Supplement:
        """Reads a supplement from a dict (the JSON form)."""
    @staticmethod
    def sample(name: Literal["typical", "d510"]) -> Supplement:
        """A bundled sample supplement (synthetic content): ``"typical"`` for the
        typical-commune preset, ``"d510"`` completing the Decision 510 sheet."""
    @property
    def id(self) -> str:
        """Stable id."""
    @property
    def version(self) -> str:
        """Version."""
    @property
    def base(self) -> str:
        """Id of the rule set it supplements."""
    @property
    def certainty(self) -> str:
        """How certain its content is (``verified``, ``sample``…)."""
    @property
    def title(self) -> Dict[str, str]:
        """Title: ``{"vi": …, "en": …}``."""
    def to_dict(self) -> Dict[str, Any]:
        """The supplement as a dict (its JSON form)."""
    def to_json(self) -> str:
        """The supplement as pretty JSON."""
    def __eq__(self, value: object, /) -> bool: ...
    def _repr_html_(self) -> str:
        """Notebook display: id, version, base, certainty, title, parameters."""

@final
class Dataset:
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str]]]: ...
    def __copy__(self) -> Dataset: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> Dataset: ...
    @staticmethod
    def from_path(path: _PathLike) -> Dataset:
        """Reads and checks a dataset from a JSON or TOML file.

        Raises
        ------
        AntqIOError
            The file cannot be read (the message names it).
        DatasetError
            The content is not a valid dataset; ``errors()`` locates each problem (file,
            line, column and ``loc``).
        """
    @staticmethod
    def from_str(text: str, name: str = "<string>", *, limits: Optional[Dict[str, int]] = None) -> Dataset:
        """Reads and checks a dataset from JSON or TOML text; ``name`` is used in error
        locations and decides the format."""
    @staticmethod
    def from_dict(obj: Dict[str, Any]) -> Dataset:
        """Reads and checks a dataset from a dict (the JSON form; dates may be
        ``datetime.date``)."""
    @staticmethod
    def from_frames(
        units: Any,
        evidence: Any = None,
        incidents: Any = None,
        activities: Any = None,
        *,
        meta: Optional[Dict[str, Any]] = None,
    ) -> Dataset:
        """Builds and checks a dataset from tables, one row per record, in the flat forms
        of ``docs/FORMATS.md``.

        Parameters
        ----------
        units, evidence, incidents, activities : DataFrame or Arrow table
            pandas, polars or pyarrow tables, or any object with ``__arrow_c_stream__``;
            ``antq.evidence_template(rules, unit_kind)`` gives an empty evidence frame.
        meta : dict, optional
            Title, synthetic, description.

        Returns
        -------
        Dataset
            Tables returned from it (and its evaluations) are of the library of ``units``.

        Raises
        ------
        DatasetError
            ``errors()`` locates each problem in your own tables: ``loc`` is
            ``(table, row_label, column)`` with your pandas index label (a row number for
            polars and pyarrow), ``input`` the value, ``unit`` the row's unit id.
        ArgumentError
            An argument that is not a table.

        Examples
        --------
        >>> import pandas as pd
        >>> units = pd.DataFrame({"id": ["C"], "name": ["Xã"], "kind": ["commune"], "subkind": ["xa"]})
        >>> antq.Dataset.from_frames(units).counts["units"]
        1
        """
    @staticmethod
    def sample() -> Dataset:
        """The bundled sample: a synthetic province in 2023 and 2025 (not real data).

        Examples
        --------
        >>> antq.Dataset.sample().synthetic
        True
        """
    @staticmethod
    def generate(units: int = 100000, year: int = 2023, seed: int = 1) -> Dataset:
        """A synthetic dataset of about ``units`` units with the national proportions
        (deterministic for a seed). Held to the default ``Limits`` (2,000,000 units): more
        raises ``DatasetError`` with a ``limit`` problem, as the CLI and JavaScript do; fewer
        than 52 (one commune of the national shape) raises ``ArgumentError`` (``units``)."""
    @property
    def title(self) -> str:
        """Title from the meta data."""
    @property
    def synthetic(self) -> bool:
        """Whether the data is synthetic."""
    @property
    def meta(self) -> Dict[str, Any]:
        """The meta data: title, synthetic, description."""
    @property
    def counts(self) -> Dict[str, int]:
        """Numbers of units, evidence records, incidents and activities."""
    def unit_ids(self) -> List[str]:
        """The unit ids, in dataset order."""
    def lints(self) -> List[_Problem]:
        """Lints: unit ids that can be mistaken for one another (mixed scripts, look-alike
        letters, case), as dicts (``code``, ``location``, ``message``, ``message_vi``); every
        evaluation of the dataset lists them too."""
    def evaluate(
        self,
        rules: _Rules,
        year: int,
        *,
        as_of: Optional[_DateLike] = None,
        rule_sets: Optional[Sequence[RuleSet]] = None,
        progress: _Progress = None,
    ) -> Evaluation:
        """Evaluates the dataset against a rule set (or preset id) for a year."""
    def activity_stats(self, year: int, under: Optional[str] = None) -> Stats:
        """Activity statistics of a year, rolled up the hierarchy (optionally under one unit).
        Activities in the window of units that do not exist in it are counted nowhere: an
        ``antq.LintWarning`` says so (and ``to_dict()["lints"]``)."""
    def hierarchy(
        self, year: int, as_of: Optional[_DateLike] = None, *, library: Optional[_Library] = None
    ) -> Any:
        """The administrative hierarchy on ``as_of``, a date of ``year`` (default its 15 November;
        a date of another year raises ``ArgumentError``): one row per
        unit existing then, with its ``parent``, ``commune``, ``district`` (none from 1 July 2025)
        and ``province`` on that date (``parent_changes`` applied)."""
    def to_frames(self, library: Optional[_Library] = None, *, kind: None = None) -> Dict[str, Any]:
        """The dataset as four tables ``{"units", "evidence", "incidents", "activities"}``
        of ``library`` (by default the library it came from, else pandas when installed).
        ``kind=`` (the former name) raises ``ArgumentError``. The units'
        ``parent`` is the declared parent, before any dated change (``parent_changes``, JSON
        text); the parent on a date is in :meth:`hierarchy`."""
    def to_dict(self) -> Dict[str, Any]:
        """The dataset as a dict (its JSON form)."""
    def to_json(self) -> str:
        """The dataset as pretty JSON."""
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def _repr_html_(self) -> str:
        """Notebook display: title, counts, the first units."""

@final
class Stats:
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str]]]: ...
    def __copy__(self) -> Stats: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> Stats: ...
    @property
    def year(self) -> int:
        """The year."""
    @property
    def window(self) -> Tuple[datetime.date, datetime.date]:
        """The window activities were counted in: ``(first day, last day)``."""
    @property
    def window_certainty(self) -> Literal["verified", "partial", "inferred", "sample"]:
        """How certain the window is: ``"inferred"`` [I] (the review window of communes,
        Circular 124, applied to activities; no published rule fixes the period the figures
        cover)."""
    def totals(self, unit: Optional[str] = None) -> Dict[str, Any]:
        """The totals of one unit and everything below it (default: the first root);
        ``records`` is the number of activity records they count: with none, every figure
        is unknown (0 in the dict)."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The rows as an Arrow C stream: ``pyarrow.table(stats)``, ``polars.DataFrame(stats)``."""
    def rows(self, library: Optional[_Library] = None, *, kind: None = None) -> Any:
        """One row per unit: id, name, kind, parent, then ``own_…`` and ``total_…``
        counts (``antq.headers()["stats"]``), as ``library``; where ``own_records`` or
        ``total_records`` is 0 the figures after it are null (unknown, not 0)."""
    def to_dict(self) -> Dict[str, Any]:
        """The statistics as a dict."""
    def __len__(self) -> int: ...
    def _repr_html_(self) -> str:
        """Notebook display: year, window, the first root's totals, the first rows."""

@final
class Table:
    """A result table, as the core builds it: the core's columns in the core's order
    (``antq.headers()[name]``, key columns first), typed — dates as ``date32``, integers
    as nullable ``int64``, lists as lists, codes of a closed set (kinds, outcomes, levels,
    statuses) dictionary-encoded (pandas ``category``, polars ``Categorical``).

    It speaks the Arrow PyCapsule interface, so ``pyarrow.table(t)`` and
    ``polars.DataFrame(t)`` read it without a copy.

    Examples
    --------
    >>> t = antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2023).rows(library="arrow")
    >>> t.columns[:3]
    ['unit', 'name', 'kind']
    >>> df = t.to_pandas()
    """
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The Arrow C stream of the table (Arrow PyCapsule interface)."""
    @property
    def name(self) -> str:
        """The result's name, as in ``antq.headers()`` (``evaluation``, ``whatif``…)."""
    @property
    def columns(self) -> List[str]:
        """The column names, in the core's order."""
    @property
    def library(self) -> Optional[str]:
        """The library ``to()`` returns by default (the input's), or None (pandas when
        installed)."""
    def to_arrow(self) -> Any:
        """The table as a ``pyarrow.Table``.

        Raises
        ------
        MissingDependencyError
            pyarrow is not installed.
        """
    def to_pandas(self) -> Any:
        """The table as a ``pandas.DataFrame``: dates as ``datetime64[ms]``, integers as
        nullable ``Int64``, booleans as ``boolean``, lists as Python lists, codes as
        ``category``.

        Raises
        ------
        MissingDependencyError
            pandas or pyarrow is not installed.
        """
    def to_polars(self) -> Any:
        """The table as a ``polars.DataFrame`` (dates as ``Date``, lists as
        ``List(String)``, codes as ``Categorical``).

        Raises
        ------
        MissingDependencyError
            polars is not installed.
        """
    def to(self, library: Optional[_Library] = None) -> Any:
        """The table as ``library`` (``"pandas"``, ``"polars"``, ``"pyarrow"``, or
        ``"arrow"`` for the table itself); by default the input's library, else pandas when
        installed.

        Raises
        ------
        ArgumentError
            An unknown ``library``.
        """
    def _head(self, n: int) -> List[List[str]]: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str, bytes, Optional[str]]]: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def _repr_html_(self) -> str: ...

@final
class WhatIf:
    """What it takes for each unit (``antq.whatif``): the smallest set of evidence
    changes to reach the target, one plan per unit."""
    def table(self) -> Table:
        """The result's rows as an ``antq.Table`` (columns: ``antq.headers()["whatif"]``)."""
    def parents_table(self) -> Optional[Table]:
        """The rows per parent unit (``antq.headers()["whatif" + "_parents"]``), for results
        that have them; None otherwise."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The rows as an Arrow C stream: ``pyarrow.table(result)``, ``polars.DataFrame(result)``."""
    def to(self, library: Optional[_Library] = None) -> Any:
        """The rows as ``library`` (by default the dataset's library, else pandas when
        installed)."""
    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame``."""
    def to_polars(self) -> Any:
        """The rows as a ``polars.DataFrame``."""
    def to_arrow(self) -> Any:
        """The rows as a ``pyarrow.Table``."""
    def to_dict(self) -> Dict[str, Any]:
        """The result as plain data (its JSON form)."""
    @property
    def lang(self) -> str:
        """The language of the table's texts (``"en"`` or ``"vi"``)."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str], str]]: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> Self: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def _repr_html_(self) -> str: ...
    @property
    def plans(self) -> List[Dict[str, Any]]:
        """One plan per unit (unit, current, target, status, changes, notes…); with
        ``verify=True`` each has ``verified``."""
    @property
    def verified(self) -> List[Optional[bool]]:
        """Per plan, whether its changes laid over the data reach the target (None: not
        checked); empty without ``verify``."""
    @property
    def units(self) -> List[str]:
        """The units, in the order asked."""
    @property
    def lints(self) -> List[_Problem]:
        """The lints of the evaluation behind the plans (dicts: ``code``, ``location``,
        ``message``), also warned as ``antq.LintWarning``: what the data gives that the rules
        do not read. Empty when there are none."""
    def explain(self, lang: _Lang = "en") -> str:
        """A readable account of every plan."""

@final
class Impact:
    """The impact of a rule change on the same data (``antq.impact``): one row per
    unit whose outcome changes."""
    def table(self) -> Table:
        """The result's rows as an ``antq.Table`` (columns: ``antq.headers()["impact"]``)."""
    def parents_table(self) -> Optional[Table]:
        """The rows per parent unit (``antq.headers()["impact" + "_parents"]``), for results
        that have them; None otherwise."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The rows as an Arrow C stream: ``pyarrow.table(result)``, ``polars.DataFrame(result)``."""
    def to(self, library: Optional[_Library] = None) -> Any:
        """The rows as ``library`` (by default the dataset's library, else pandas when
        installed)."""
    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame``."""
    def to_polars(self) -> Any:
        """The rows as a ``polars.DataFrame``."""
    def to_arrow(self) -> Any:
        """The rows as a ``pyarrow.Table``."""
    def to_dict(self) -> Dict[str, Any]:
        """The result as plain data (its JSON form)."""
    @property
    def lang(self) -> str:
        """The language of the table's texts (``"en"`` or ``"vi"``)."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str], str]]: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> Self: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def _repr_html_(self) -> str: ...
    @property
    def base(self) -> Dict[str, Any]:
        """The base side: rule set, outcome counts."""
    @property
    def changed(self) -> Dict[str, Any]:
        """The changed side: rule set, outcome counts."""
    @property
    def units_compared(self) -> int:
        """Units compared."""
    @property
    def units(self) -> List[str]:
        """The units whose outcome changes, in id order."""
    @property
    def lints(self) -> List[_Problem]:
        """The lints of the evaluations behind it (dicts: ``code``, ``location``,
        ``message``), also warned as ``antq.LintWarning``: what the data gives that the rules
        do not read. Empty when there are none."""

@final
class Sensitivity:
    """Sensitivity of a points rule set's levels and ranks (``antq.sensitivity``)."""
    def table(self) -> Table:
        """The result's rows as an ``antq.Table`` (columns: ``antq.headers()["sensitivity"]``)."""
    def parents_table(self) -> Optional[Table]:
        """The rows per parent unit (``antq.headers()["sensitivity" + "_parents"]``), for results
        that have them; None otherwise."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The rows as an Arrow C stream: ``pyarrow.table(result)``, ``polars.DataFrame(result)``."""
    def to(self, library: Optional[_Library] = None) -> Any:
        """The rows as ``library`` (by default the dataset's library, else pandas when
        installed)."""
    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame``."""
    def to_polars(self) -> Any:
        """The rows as a ``polars.DataFrame``."""
    def to_arrow(self) -> Any:
        """The rows as a ``pyarrow.Table``."""
    def to_dict(self) -> Dict[str, Any]:
        """The result as plain data (its JSON form)."""
    @property
    def lang(self) -> str:
        """The language of the table's texts (``"en"`` or ``"vi"``)."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str], str]]: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> Self: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def _repr_html_(self) -> str: ...
    @property
    def rule_set(self) -> str:
        """The rule set's id."""
    @property
    def year(self) -> int:
        """The year."""
    @property
    def pass_level(self) -> str:
        """The level counted as meeting."""
    @property
    def samples(self) -> int:
        """Samples evaluated."""
    @property
    def units_classified(self) -> int:
        """Units with a baseline level (varied)."""
    @property
    def units_skipped(self) -> int:
        """Units without a level (not varied)."""
    @property
    def lints(self) -> List[_Problem]:
        """The lints of the evaluations behind it (dicts: ``code``, ``location``,
        ``message``), also warned as ``antq.LintWarning``: what the data gives that the rules
        do not read. Empty when there are none."""

@final
class Comparison:
    """The same units evaluated in two years (``antq.compare``)."""
    def table(self) -> Table:
        """The result's rows as an ``antq.Table`` (columns: ``antq.headers()["compare"]``)."""
    def parents_table(self) -> Optional[Table]:
        """The rows per parent unit (``antq.headers()["compare" + "_parents"]``), for results
        that have them; None otherwise."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The rows as an Arrow C stream: ``pyarrow.table(result)``, ``polars.DataFrame(result)``."""
    def to(self, library: Optional[_Library] = None) -> Any:
        """The rows as ``library`` (by default the dataset's library, else pandas when
        installed)."""
    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame``."""
    def to_polars(self) -> Any:
        """The rows as a ``polars.DataFrame``."""
    def to_arrow(self) -> Any:
        """The rows as a ``pyarrow.Table``."""
    def to_dict(self) -> Dict[str, Any]:
        """The result as plain data (its JSON form)."""
    @property
    def lang(self) -> str:
        """The language of the table's texts (``"en"`` or ``"vi"``)."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str], str]]: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> Self: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def _repr_html_(self) -> str: ...
    @property
    def rule_set(self) -> str:
        """The earlier year's rule set id."""
    @property
    def from_year(self) -> int:
        """The earlier year."""
    @property
    def to_year(self) -> int:
        """The later year."""
    @property
    def newly_meeting(self) -> List[str]:
        """Units newly meeting."""
    @property
    def no_longer_meeting(self) -> List[str]:
        """Units no longer meeting."""
    @property
    def lints(self) -> List[_Problem]:
        """The lints of the evaluations behind it (dicts: ``code``, ``location``,
        ``message``), also warned as ``antq.LintWarning``: what the data gives that the rules
        do not read. Empty when there are none."""

@final
class TeamRanking:
    """Security teams and members ranked for a year (``antq.rank_teams``)."""
    def table(self) -> Table:
        """The result's rows as an ``antq.Table`` (columns: ``antq.headers()["teams"]``)."""
    def parents_table(self) -> Optional[Table]:
        """The rows per parent unit (``antq.headers()["teams" + "_parents"]``), for results
        that have them; None otherwise."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The rows as an Arrow C stream: ``pyarrow.table(result)``, ``polars.DataFrame(result)``."""
    def to(self, library: Optional[_Library] = None) -> Any:
        """The rows as ``library`` (by default the dataset's library, else pandas when
        installed)."""
    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame``."""
    def to_polars(self) -> Any:
        """The rows as a ``polars.DataFrame``."""
    def to_arrow(self) -> Any:
        """The rows as a ``pyarrow.Table``."""
    def to_dict(self) -> Dict[str, Any]:
        """The result as plain data (its JSON form)."""
    @property
    def lang(self) -> str:
        """The language of the table's texts (``"en"`` or ``"vi"``)."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str], str]]: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> Self: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def _repr_html_(self) -> str: ...
    @property
    def year(self) -> int:
        """The ranking year."""
    @property
    def reference_date(self) -> datetime.date:
        """The ranking's date (it chooses the instrument)."""
    @property
    def instrument(self) -> Dict[str, Any]:
        """The instrument applied: id, version, content hash."""
    @property
    def illustrative(self) -> List[str]:
        """Parameters whose values are not published rules."""
    @property
    def teams(self) -> List[Dict[str, Any]]:
        """One result per team, as dicts, in input order."""
    @property
    def members(self) -> List[Dict[str, Any]]:
        """One result per member, as dicts, in input order."""

@final
class MedalAssessments:
    """Commemorative medal eligibility of every candidate (``antq.assess_medals``)."""
    def table(self) -> Table:
        """The result's rows as an ``antq.Table`` (columns: ``antq.headers()["medal"]``)."""
    def parents_table(self) -> Optional[Table]:
        """The rows per parent unit (``antq.headers()["medal" + "_parents"]``), for results
        that have them; None otherwise."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The rows as an Arrow C stream: ``pyarrow.table(result)``, ``polars.DataFrame(result)``."""
    def to(self, library: Optional[_Library] = None) -> Any:
        """The rows as ``library`` (by default the dataset's library, else pandas when
        installed)."""
    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame``."""
    def to_polars(self) -> Any:
        """The rows as a ``polars.DataFrame``."""
    def to_arrow(self) -> Any:
        """The rows as a ``pyarrow.Table``."""
    def to_dict(self) -> Dict[str, Any]:
        """The result as plain data (its JSON form)."""
    @property
    def lang(self) -> str:
        """The language of the table's texts (``"en"`` or ``"vi"``)."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str], str]]: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> Self: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def _repr_html_(self) -> str: ...
    @property
    def assessments(self) -> List[Dict[str, Any]]:
        """One assessment per candidate, in input order."""
    @property
    def ids(self) -> List[str]:
        """The candidates' ids, in input order."""

@final
class Evaluation:
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str]]]: ...
    def __copy__(self) -> Evaluation: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> Evaluation: ...
    def __eq__(self, value: object, /) -> bool:
        """Equal when every unit's result, the summary and the decision record are."""
    @property
    def year(self) -> int:
        """The evaluation year."""
    @property
    def rule_set(self) -> str:
        """The rule set's id."""
    @property
    def decision(self) -> Dict[str, Any]:
        """The decision record: rule set id, version, SHA-256 content hash, supplements,
        parameters, illustrative defaults, year, reference date, engine."""
    @property
    def summary(self) -> Dict[str, Dict[str, int]]:
        """Counts of outcomes per unit kind: ``{kind: {outcome: n}}`` (levels as ``level:ID``)."""
    @property
    def lints(self) -> List[_Problem]:
        """What the evaluation read but did not count, or could not review (``unused_key``,
        ``unused_category``, ``no_evidence``, …): a list of dicts (``code``, ``location``,
        ``message``), as in ``to_dict()["lints"]``; empty when there are none. Each was also
        warned as an ``antq.LintWarning`` when the evaluation was made."""
    def unit_ids(self) -> List[str]:
        """Ids of the evaluated units, in dataset order."""
    def unit(self, id: str) -> UnitResult:
        """One unit's result (the same as ``ev[id]``; an index lookup).

        Raises
        ------
        UnknownUnitError
            The unit is not in this evaluation; the message says why (not in the dataset,
            ended before the reference date or begun after it, or of a kind the rule set
            does not evaluate).
        """
    def explain(self, unit: str, lang: _Lang = "en") -> str:
        """A readable explanation of one unit's outcome: each criterion, observed against
        threshold, its legal basis, and what is still missing.

        Parameters
        ----------
        unit : str
            The unit id.
        lang : {"en", "vi"}

        Returns
        -------
        str

        Raises
        ------
        UnknownUnitError
            The unit is not in this evaluation; the message says why (not in the dataset,
            ended before the reference date or begun after it, or of a kind the rule set
            does not evaluate).
        ArgumentError
            An unknown ``lang``.

        Examples
        --------
        >>> ev = antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2023)
        >>> print(ev.explain("CL-SD", lang="vi"))  # doctest: +SKIP
        """
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The verdict rows (``rows()``) as an Arrow C stream: ``pyarrow.table(ev)`` and
        ``polars.DataFrame(ev)`` read the evaluation directly."""
    def rows(self, library: Optional[_Library] = None, *, kind: None = None) -> Any:
        """One row per unit, the core's evaluation table (``antq.headers()["evaluation"]``).

        Parameters
        ----------
        library : {"pandas", "polars", "pyarrow", "arrow"}, optional
            The table library; by default the dataset's, else pandas when installed.
            ``"arrow"`` gives the ``antq.Table``.
        kind : None
            Removed (it also meant a unit kind elsewhere): passing it raises
            ``ArgumentError`` naming ``library=``.

        Returns
        -------
        DataFrame or Table
            unit, name, kind, subkind, parent, outcome, level, rank, out_of_scope, met, of,
            failed and missing (lists), scores, recognised_by, window, rule_set,
            supplements.

        Examples
        --------
        >>> ev = antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2023)
        >>> ev.rows().head()  # doctest: +SKIP
        """
    def criterion_rows(self, library: Optional[_Library] = None, *, kind: None = None) -> Any:
        """One row per unit and criterion (``antq.headers()["criteria"]``), as ``library``."""
    def shares(
        self, unit_kind: Optional[str] = None, library: Optional[_Library] = None, *, kind: None = None
    ) -> Any:
        """The share of units meeting per parent (``headers()["shares"]``), counted once in
        the core: out of scope left out, undetermined counted among the units."""
    def _share_dicts(self, unit_kind: Optional[str] = None, by: _By = "parent") -> List[Dict[str, Any]]: ...
    def _row_dicts(self, n: Optional[int] = None) -> List[Dict[str, Any]]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The evaluation as a dict (its JSON form), its units made a page at a time."""
    def to_dicts(self, start: int = 0, stop: Optional[int] = None) -> List[Dict[str, Any]]:
        """The units at positions ``start`` to ``stop`` (as a slice) as dicts, each as in
        ``to_dict()["units"]``."""
    def iter_dicts(self) -> Iterator[Dict[str, Any]]:
        """Each unit's result as a dict, in order, made a page at a time."""
    def to_json(self) -> str:
        """The evaluation as pretty JSON."""
    def plot_share(
        self, *, unit_kind: Optional[str] = None, top: int = 30, ax: Any = None, by: _By = "parent", kind: None = None
    ) -> Any:
        """Per group (``by``), the measure the rule set decides: the share meeting the standard,
        each level's share (points sheets) or the share recognised as typical; ``kind=`` (the
        former name of ``unit_kind=``) raises ``ArgumentError``."""
    def plot_levels(self, *, unit_kind: Optional[str] = None, by: _By = "parent", top: int = 30, ax: Any = None) -> Any:
        """Per group (``by``), the share of units at each level of a points sheet, stacked; an
        evaluation without levels raises ``ArgumentError``."""
    def plot_typical(
        self, *, unit_kind: Optional[str] = None, by: _By = "parent", top: int = 30, ax: Any = None
    ) -> Any:
        """Per group (``by``), the share of candidates recognised as typical, outside the quota,
        not typical or undetermined, stacked; another rule set's evaluation raises ``ArgumentError``."""
    def plot_scores(self) -> Any: ...
    def __len__(self) -> int: ...
    def __getitem__(self, key: str, /) -> UnitResult: ...
    def __contains__(self, key: object, /) -> bool: ...
    def __iter__(self) -> Iterator[UnitResult]: ...
    def _repr_html_(self) -> str: ...

@final
class UnitResult:
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str]]]: ...
    def __copy__(self) -> UnitResult: ...
    def __deepcopy__(self, _memo: Optional[Any] = None) -> UnitResult: ...
    @property
    def unit(self) -> str:
        """Unit id."""
    @property
    def name(self) -> str:
        """Unit name."""
    @property
    def kind(self) -> str:
        """Kind (``commune``, ``residential_area``…)."""
    @property
    def subkind(self) -> Optional[str]:
        """Sub-kind, if any."""
    @property
    def parent(self) -> Optional[str]:
        """Parent on the reference date."""
    @property
    def outcome(self) -> str:
        """Outcome code: ``meets``, ``does_not_meet``, ``undetermined``, ``out_of_scope``, ``level``,
        ``typical``, ``not_selected``, ``not_typical``."""
    def label(self, lang: _Lang = "en") -> str:
        """The outcome's label in ``"en"`` or ``"vi"``."""
    @property
    def level(self) -> Optional[str]:
        """Level id, for a ``level`` outcome."""
    @property
    def rank(self) -> Optional[int]:
        """Rank within the parent, for typical candidates."""
    @property
    def met(self) -> int:
        """Criteria met."""
    @property
    def of(self) -> int:
        """Criteria applicable."""
    @property
    def failed(self) -> List[str]:
        """Ids of the criteria not met."""
    @property
    def criteria(self) -> List[Dict[str, Any]]:
        """Each criterion's result as a dict: id, label, mandatory, certainty, legal_basis,
        status, checks (observed against threshold), score."""
    @property
    def missing(self) -> List[Dict[str, Any]]:
        """What is still missing for a determined outcome: dicts with criterion, kind, key
        and text ``{vi, en}``."""
    @property
    def score(self) -> Optional[Dict[str, Any]]:
        """Sheet totals under a points policy: reviewed, self, known_max, total."""
    @property
    def recognised_by(self) -> Optional[Dict[str, Any]]:
        """Who recognises the unit in that year: authority, label, certainty."""
    @property
    def window(self) -> Tuple[datetime.date, datetime.date]:
        """The window events were counted in: ``(first day, last day)``."""
    @property
    def illustrative(self) -> List[str]:
        """Illustrative defaults the outcome depends on, and antq's readings [I] that decided it (a quota tie broken by unit id)."""
    def explain(self, lang: _Lang = "en") -> str:
        """A readable explanation in ``"en"`` or ``"vi"``."""
    def to_dict(self) -> Dict[str, Any]:
        """The result as a dict (its JSON form)."""
    def __eq__(self, value: object, /) -> bool: ...
    def _repr_html_(self) -> str: ...

def presets() -> List[str]:
    """The ids of the built-in rule sets."""
def default_limits() -> Dict[str, int]:
    """The default limits on input; pass a dict of the fields to change as ``limits=`` to
    ``Dataset.from_str`` or ``RuleSet.from_str``."""
def families() -> List[Dict[str, Any]]:
    """The families of instruments, each member with its period of application, how
    certain that period is, and what antq encodes of it."""
def evaluate(
    dataset: Dataset,
    rules: _Rules,
    year: int,
    *,
    as_of: Optional[_DateLike] = None,
    rule_sets: Optional[Sequence[RuleSet]] = None,
    allow_outside_period: bool = False,
    allow_as_of_outside_year: bool = False,
    lenient_vocabulary: bool = False,
    progress: _Progress = None,
) -> Evaluation:
    """Evaluates a dataset against a rule set for a year: per unit an explained outcome.

    Parameters
    ----------
    dataset : Dataset
    rules : RuleSet, str, path or dict
        A rule set, a preset id (``"vn.c124-2021"``), a family id resolved on the year's
        reference date (``"vn.c124"``), a path or the rule set as a dict.
    year : int
        The review year (1900–2200).
    as_of : datetime.date or str, optional
        The reference date: the units and hierarchy on it, and nothing dated after it
        counts (default: the year's usual one).
    rule_sets : sequence of RuleSet, optional
        Rule sets that prerequisites may name.
    allow_outside_period, allow_as_of_outside_year : bool
        Apply a rule set outside its period / accept a reference date outside the year
        (recorded in the result).
    lenient_vocabulary : bool
        Unknown evidence keys become lints instead of an error.
    progress : callable or bool, optional
        ``(done, total)`` called on the calling thread as the work goes on (an exception
        from it stops the call), or ``True`` for a tqdm bar. Ctrl-C is checked either way.

    Returns
    -------
    Evaluation

    Raises
    ------
    RuleSetError, DatasetError
        The rule set or the dataset (against it) is not valid; ``errors()`` lists why.
    NotInForceError, AsOfOutsideYearError, YearError, UnknownPresetError, ArgumentError

    Warns
    -----
    LintWarning
        Each lint of the evaluation (no evidence of the year, evidence it does not read, a
        quota tie…), as ``review`` warns them; also in ``to_dict()["lints"]``.

    Examples
    --------
    >>> ev = antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2023)
    >>> ev["KM-TT"].outcome
    'meets'
    >>> df = ev.rows()          # one row per unit, as pandas when installed
    """
def review(
    dataset: Union[Dataset, _PathLike, Dict[str, Any]],
    rules: _Rules,
    year: int,
    *,
    as_of: Optional[_DateLike] = None,
    rule_sets: Optional[Sequence[RuleSet]] = None,
    library: Optional[_Library] = None,
    allow_outside_period: bool = False,
    allow_as_of_outside_year: bool = False,
    lenient_vocabulary: bool = False,
    kind: None = None,
    progress: _Progress = None,
    columns: Optional[Sequence[str]] = None,
) -> Any:
    """Every unit's verdict as a table (``antq.headers()["verdicts"]``, then one status
    column per criterion) without writing explanations: a fraction of ``evaluate``'s time.
    A ``Dataset`` is validated and indexed by its first review (or ``evaluate``) and kept so
    for the next ones (any year, any rule set), which then cost only the review; the index,
    tens of bytes a unit, lives as long as the ``Dataset``.

    Parameters
    ----------
    dataset : Dataset
    rules : RuleSet, str, path or dict
        A rule set, a preset or family id, a path or the rule set as a dict.
    year : int
    library : {"pandas", "polars", "pyarrow", "arrow"}, optional
        The table library (by default the dataset's, else pandas when installed).
    kind : None
        Removed: raises ``ArgumentError`` naming ``library=``.
    progress : callable or bool, optional
        As in :func:`evaluate`.
    columns : sequence of str, optional
        Only these columns, in this order (e.g. ``["unit", "outcome"]``): the others are
        never built. An unknown or repeated name raises ``ArgumentError``.

    Returns
    -------
    DataFrame or Table
        Each lint of the review (evidence the rule set does not read) is warned as an
        ``antq.LintWarning``: a table cannot carry them. What decided the verdicts (the
        decision record, as ``Evaluation.decision``) is in a pyarrow table's (and an
        ``antq.Table``'s) schema metadata under ``antq.decision`` (JSON), as in a verdicts
        file, and in a pandas frame's ``attrs["antq.decision"]``, whatever the columns; a
        polars frame keeps no metadata: ask for the ``rule_set`` and ``supplements`` columns
        (without them an ``antq.DecisionWarning`` names what decided it). What the verdicts
        rest on beyond verified law (illustrative defaults [I], a period or date explicitly
        allowed) is warned as an ``antq.DecisionWarning`` too.

    Raises
    ------
    RuleSetError, DatasetError, NotInForceError, AsOfOutsideYearError, YearError
    """
class _VerdictsWritten(TypedDict):
    """What :func:`write_verdicts` wrote, and what decided it."""

    path: pathlib.Path
    format: Literal["csv", "parquet", "arrow"]
    rows: int
    columns: List[str]
    record: Dict[str, Any]
    lints: List[Dict[str, Any]]

def write_verdicts(
    dataset: Union[Dataset, _PathLike, Dict[str, Any]],
    rules: _Rules,
    year: int,
    path: _PathLike,
    *,
    columns: Optional[Sequence[str]] = None,
    as_of: Optional[_DateLike] = None,
    rule_sets: Optional[Sequence[RuleSet]] = None,
    allow_outside_period: bool = False,
    allow_as_of_outside_year: bool = False,
    lenient_vocabulary: bool = False,
    progress: _Progress = None,
) -> _VerdictsWritten:
    """Every unit's verdict, as :func:`review` computes it, written to ``path`` by the core
    (the writer of ``antq review -o``) without building a table in Python.

    Parameters
    ----------
    dataset : Dataset, path or dict
        As in :func:`review`: a path (JSON, TOML, a folder of Parquet/Arrow/CSV tables, a
        workbook) is read and validated once, in Rust.
    rules : RuleSet, str, path or dict
    year : int
    path : str or os.PathLike
        ``.parquet``, ``.arrow`` or ``.feather`` write an Arrow table (one row group per
        65,536 verdicts) holding the decision record as JSON in its schema metadata
        (``antq.decision``); any other extension CSV text (formula-like cells neutralised).
        The file is written whole or not at all. ``.xlsx`` raises ``ArgumentError``.
    columns : sequence of str, optional
        Only these columns, in this order (e.g. ``["unit", "outcome"]``).

    Returns
    -------
    dict
        ``path``, ``format``, ``rows``, ``columns``, ``record`` (the decision record: rule
        set, its family, instruments, supplements, as-of date, engine) and ``lints``
        (evidence the rule set does not read, as ``antq review`` notes them: dicts as in
        ``Evaluation.to_dict()["lints"]``; each is also warned as an ``antq.LintWarning``,
        after the file is written). The record's caveats (illustrative defaults [I], a
        period or date explicitly allowed) are warned as ``antq.DecisionWarning``.

    Raises
    ------
    RuleSetError, DatasetError, NotInForceError, AsOfOutsideYearError, YearError,
    ArgumentError, AntqIOError

    Examples
    --------
    >>> out = antq.write_verdicts(antq.Dataset.sample(), "vn.c124-2021", 2023, "verdicts.parquet", columns=["unit", "outcome"])
    >>> out["format"], out["record"]["rule_set"]
    ('parquet', 'vn.c124-2021')
    """
def activity_stats(dataset: Dataset, year: int, under: Optional[str] = None) -> Stats:
    """Activity statistics for a year, rolled up the hierarchy. Activities in the window of
    units that do not exist in it are counted nowhere: an ``antq.LintWarning`` says so (and
    ``Stats.to_dict()["lints"]``).

    Parameters
    ----------
    dataset : Dataset
    year : int
    under : str, optional
        Keep one unit and everything below it.

    Returns
    -------
    Stats
        ``rows()`` for the table, ``totals(unit)`` for one unit's totals.
    """
def sample_report(lang: _Lang = "en") -> str:
    """The sample report: the bundled synthetic province under every preset."""
def check_rules(
    rules: Union[RuleSet, str, "os.PathLike[str]", Dict[str, Any]],
    supplements: Optional[Sequence[Union[Supplement, _PathLike, Dict[str, Any]]]] = None,
) -> Dict[str, Any]:
    """Validates a rule set with supplements, and lints it; problems are returned, not
    raised.

    Returns
    -------
    dict
        ``ok``, ``id``, ``problems`` (dicts as in ``AntqError.errors()``'s ``code``,
        ``location``, ``message``) and ``lints`` (dicts: ``code``, ``location``,
        ``message``, ``message_vi``).
    """
def check_dataset(
    dataset: Union[Dataset, _PathLike, Dict[str, Any]],
    rules: Optional[Union[RuleSet, str, _PathLike, Dict[str, Any]]] = None,
) -> Dict[str, Any]:
    """Checks a dataset, and against ``rules`` when given (evidence keys the rule set does
    not read: ``unknown_key`` problems or lints); problems are returned, not raised."""
def _bench_native(
    dataset: Dataset, rules: _Rules, year: int, repeat: int = 3, free: bool = True
) -> float: ...

# Decision support (antq::analysis) and DOMAIN §6: typed results. `rows=` and `kind=` are
# refused (ArgumentError naming the new way: `.table()`, `.to(library)`).
def whatif(
    dataset: Dataset,
    rules: _Rules,
    year: int,
    units: Sequence[str],
    *,
    level: Optional[str] = None,
    verify: bool = False,
    lang: _Lang = "en",
    rows: None = None,
    kind: None = None,
    progress: _Progress = None,
) -> WhatIf:
    """What it still takes for each unit: the smallest set of evidence changes to reach
    the standard, the next level (or ``level``) or typical. The evaluation's lints are
    warned (``antq.LintWarning``) and kept in ``WhatIf.lints``.

    Parameters
    ----------
    dataset : Dataset
    rules : RuleSet, str, path or dict
    year : int
    units : sequence of str
        The unit ids.
    level : str, optional
        The level to reach (points rule sets); by default the next one.
    verify : bool
        Lay each reachable plan's changes over the data and evaluate again
        (``WhatIf.verified``; None for a plan that is not reachable).
    lang : {"en", "vi"}
        The language of the table's texts.
    rows, kind : None
        Removed: raise ``ArgumentError`` (use ``.table()`` / ``.to(library)``).
    progress : callable or bool, optional
        As in :func:`evaluate`: ``(done, total)`` or ``True`` for a tqdm bar; Ctrl-C is
        checked either way.

    Returns
    -------
    WhatIf

    Raises
    ------
    UnknownUnitError
        A unit is not evaluated.
    RuleSetError, DatasetError, ArgumentError

    Examples
    --------
    >>> r = antq.whatif(antq.Dataset.sample(), "vn.c124-2021", 2023, ["NS-HP"], verify=True)
    >>> r.verified
    [True]
    """
def impact(
    dataset: Dataset,
    rules: _Rules,
    year: int,
    *,
    vs: Optional[_Rules] = None,
    supplements: Optional[Sequence[Union[Supplement, _PathLike, Dict[str, Any]]]] = None,
    params: Optional[Dict[str, int]] = None,
    lang: _Lang = "en",
    rows: None = None,
    kind: None = None,
    progress: _Progress = None,
) -> Impact:
    """The impact of a rule change on the same data: against ``vs``, the base with
    ``supplements``, or the base with ``params`` (``{"min_met": 30}``).

    Returns
    -------
    Impact
        One table row per unit whose outcome changes (``parents_table()``: per parent).

    Raises
    ------
    RuleSetError
        Nothing changes, or an unknown parameter.
    """
def sensitivity(
    dataset: Dataset,
    rules: _Rules,
    year: int,
    *,
    samples: Optional[int] = None,
    seed: Optional[int] = None,
    grid: Optional[int] = None,
    cutoff_range: float = 5.0,
    max_range: int = 20,
    pass_level: Optional[str] = None,
    rows: None = None,
    kind: None = None,
    progress: _Progress = None,
) -> Sensitivity:
    """Sensitivity of a points rule set's levels and ranks to its cut-offs (± ``cutoff_range``
    points) and item maxima (± ``max_range`` percent): ``samples`` random samples (default
    1000) of seed ``seed`` (default 1), or a grid of ``grid`` steps (then ``samples`` and
    ``seed`` raise ``ArgumentError``: a grid draws no random samples). ``progress`` (a callable ``(done, total)`` or ``True`` for a tqdm
    bar) is told the review and then the blocks of units sampled; Ctrl-C stops the call.

    Returns
    -------
    Sensitivity

    Raises
    ------
    RuleSetError
        The rule set has no points sheet.
    ArgumentError
        A bad ``cutoff_range``; ``samples`` or ``seed`` with ``grid``; ``samples`` outside
        1–1,000,000, ``grid`` outside 1–101, ``max_range`` over 100, a ``pass_level`` no
        sheet has (``argument`` names it).
    """
def compare(
    dataset: Dataset,
    rules: _Rules,
    years: Sequence[int],
    *,
    rows: None = None,
    kind: None = None,
    progress: _Progress = None,
) -> Comparison:
    """Year over year: the same units evaluated in ``years`` (two years, earlier then
    later, as a tuple or a list), each year under the instrument in force in it. ``progress`` as in :func:`evaluate`; Ctrl-C stops
    the call.

    Returns
    -------
    Comparison

    Raises
    ------
    ArgumentError
        ``years`` out of order (the earlier first) or the same year twice.
    """
def rank_teams(
    input: Union[str, os.PathLike[str], Dict[str, Any]],
    *,
    lang: _Lang = "en",
    rows: None = None,
    kind: None = None,
) -> TeamRanking:
    """Grassroots security teams and members ranked for a year (DOMAIN §6).

    Parameters
    ----------
    input : str, os.PathLike or dict
        The JSON or TOML text of ``antq teams``' input, a path to such a file, or the same
        as a dict.

    Returns
    -------
    TeamRanking

    Raises
    ------
    AntqIOError
        A path that cannot be read (the message names it).
    TeamInputError
        The input is malformed.
    """
def assess_medals(
    input: Union[str, os.PathLike[str], Dict[str, Any]],
    *,
    lang: _Lang = "en",
    rows: None = None,
    kind: None = None,
) -> MedalAssessments:
    """Commemorative medal eligibility (DOMAIN §6) of every candidate on the input's
    reference date, under the instrument in force then.

    Parameters
    ----------
    input : str, os.PathLike or dict
        Text, a path, or a dict.

    Returns
    -------
    MedalAssessments

    Raises
    ------
    AntqIOError
        A path that cannot be read (the message names it).
    MedalInputError, NotInForceError
    """
def festival_day(date: _DateLike, *, season_start: Optional[str] = None) -> Dict[str, Any]:
    """What ``date`` (a ``datetime.date`` or ISO text) is for the festival day of the movement
    (DOMAIN §6): 19 August from 2005, its season from ``season_start`` (``Y-MM-DD``, default
    ``Y-07-01``, illustrative) to the festival day, and the next festival day.

    Raises
    ------
    ArgumentError
        ``date`` or ``season_start`` is not a date.

    Examples
    --------
    >>> antq.festival_day("2025-08-19")["is_festival_day"]
    True
    """
def unit_kinds() -> List[str]:
    """The unit kinds' codes, from the top of the hierarchy down, as the core lists them."""
def indicators(
    rules: _Rules, year: Optional[int] = None, unit_kind: Optional[str] = None, *, library: Optional[_Library] = None
) -> Any:
    """The evidence a rule set reads: one row per unit kind and evidence column.

    Parameters
    ----------
    rules : RuleSet, str, path or dict
        A rule set, a preset id, a path or a dict; a family id (``"vn.c124"``) needs
        ``year``.
    year : int, optional
        The review year a family id is resolved for; another rule set must apply in it
        (``NotInForceError`` otherwise).
    unit_kind : str, optional
        Keep one unit kind (``antq.unit_kinds()``).
    library : {"pandas", "polars", "pyarrow", "arrow"}, optional
        The table library (by default pandas when installed).

    Returns
    -------
    DataFrame or Table
        ``antq.headers()["indicators"]``: kind, column (as in the evidence table), type
        (``integer``, ``date``, ``boolean``, ``attested``, ``points``, ``text``), criteria
        (the criteria reading it, a list), label_en, label_vi, max (a points item's).

    Raises
    ------
    ArgumentError
        An unknown ``unit_kind``, or one the rule set evaluates no unit of (the message
        lists the kinds it evaluates).

    Examples
    --------
    >>> antq.indicators("vn.c124-2021", unit_kind="residential_area")["column"].tolist()[:2]
    ['resolution_date', 'registration_date']
    """
def evidence_template(
    rules: _Rules, unit_kind: str, *, year: Optional[int] = None, library: Optional[_Library] = None
) -> Any:
    """An empty evidence table for units of ``unit_kind``: the columns ``antq template``
    writes (``unit``, ``year``, each indicator the rule set reads, ``attested:KEY``,
    ``points:ITEM:self`` / ``points:ITEM:reviewed``), typed as the import reads them
    (counts as nullable integers, dates as dates, booleans, attested keys as text, points
    as numbers). Fill it and pass it to ``Dataset.from_frames`` as ``evidence``.

    Parameters
    ----------
    rules : RuleSet, str, path or dict
    unit_kind : str
        The unit kind (``antq.unit_kinds()``).
    year : int, optional
        The review year a family id is resolved for; another rule set must apply in it
        (``NotInForceError`` otherwise).
    library : {"pandas", "polars", "pyarrow", "arrow"}, optional

    Returns
    -------
    DataFrame or Table
        No rows.

    Raises
    ------
    ArgumentError
        An unknown ``unit_kind``, or one the rule set evaluates no unit of (the message
        lists the kinds it evaluates).

    Examples
    --------
    >>> antq.evidence_template("vn.c124-2021", "residential_area").columns[:2].tolist()
    ['unit', 'year']
    """
def headers() -> Dict[str, List[str]]:
    """Every result's table columns in order, as the core names them.

    Returns
    -------
    dict of str to list of str
        ``{"evaluation": ["unit", "name", …], "whatif": […], …}``: the columns of each
        ``antq.Table`` of that name (``verdicts``: then one per criterion), the same as the
        CLI's CSV and the JavaScript rows.
    """

def _unpickle(name: str, json: str, frame_kind: Optional[str] = None) -> Any: ...
def _unpickle_table(name: str, ipc: bytes, library: Optional[str] = None) -> Table: ...
def _unpickle_result(name: str, json: str, library: Optional[str] = None, lang: str = "en") -> Any: ...
