"""antq: the rules of Vietnam's "All people protect national security" movement
(phong trào Toàn dân bảo vệ an ninh Tổ quốc) as data, evaluated with explanations.

    >>> import antq
    >>> ev = antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2023)
    >>> ev["KM-TT"].outcome
    'meets'

Main entry points
-----------------
Dataset
    Units with their evidence: ``Dataset.from_path``, ``from_dict``, ``from_frames``
    (pandas, polars, pyarrow), ``sample``, ``generate``.
RuleSet, Supplement
    The rules as data: ``RuleSet.preset(id)`` (``antq.presets()``), ``from_path``.
evaluate, review, write_verdicts
    An explained ``Evaluation``, every verdict as a table without explanations, or every
    verdict written to a CSV, Parquet or Arrow file by the core.
whatif, impact, sensitivity, compare, rank_teams, assess_medals
    Analyses, each returning its typed result (``WhatIf``, ``Impact``, ``Sensitivity``,
    ``Comparison``, ``TeamRanking``, ``MedalAssessments``).
indicators, evidence_template
    What a rule set reads, and an empty typed evidence frame to fill.
Table
    Every result table: Arrow (``__arrow_c_stream__``), ``to_pandas``, ``to_polars``,
    ``to_arrow``; in the core's column order (``antq.headers()``).

Errors
------
Every failure is an ``AntqError`` with a stable ``code``; content errors list their
problems in ``errors()``, located like pydantic's (``loc``, ``input``, ``unit``);
``ArgumentError`` names the argument.

Nothing here reads the clock: the year is always given. The bundled sample is synthetic.
"""

from antq._antq import (
    PRESET_IDS,
    Comparison,
    Impact,
    MedalAssessments,
    Sensitivity,
    TeamRanking,
    WhatIf,
    Dataset,
    Evaluation,
    RuleSet,
    Stats,
    Supplement,
    Table,
    UnitResult,
    __version__,
    activity_stats,
    assess_medals,
    check_dataset,
    check_rules,
    compare,
    default_limits,
    evaluate,
    evidence_template,
    families,
    festival_day,
    headers,
    unit_kinds,
    impact,
    indicators,
    presets,
    rank_teams,
    review,
    sample_report,
    sensitivity,
    whatif,
    write_verdicts,
)
from antq._errors import (
    AntqError,
    AntqIOError,
    ArgumentError,
    AsOfOutsideYearError,
    DatasetError,
    DecisionWarning,
    LintWarning,
    MedalInputError,
    MissingDependencyError,
    NotInForceError,
    RuleSetError,
    TeamInputError,
    UnknownPresetError,
    UnknownUnitError,
    YearError,
)

__all__ = [
    "PRESET_IDS",
    "Comparison",
    "Impact",
    "MedalAssessments",
    "Sensitivity",
    "TeamRanking",
    "WhatIf",
    "AntqError",
    "AntqIOError",
    "ArgumentError",
    "AsOfOutsideYearError",
    "Dataset",
    "DatasetError",
    "DecisionWarning",
    "Evaluation",
    "LintWarning",
    "MedalInputError",
    "MissingDependencyError",
    "NotInForceError",
    "RuleSet",
    "RuleSetError",
    "Stats",
    "Supplement",
    "Table",
    "TeamInputError",
    "UnitResult",
    "UnknownPresetError",
    "UnknownUnitError",
    "YearError",
    "__version__",
    "activity_stats",
    "assess_medals",
    "check_dataset",
    "check_rules",
    "compare",
    "default_limits",
    "evaluate",
    "evidence_template",
    "families",
    "festival_day",
    "headers",
    "unit_kinds",
    "impact",
    "indicators",
    "presets",
    "rank_teams",
    "review",
    "sample_report",
    "sensitivity",
    "whatif",
    "write_verdicts",
]
