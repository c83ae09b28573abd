"""antq: the rules of Vietnam's "All people protect national security" movement
(phong trào Toàn dân bảo vệ an ninh Tổ quốc) as data, evaluated with explanations.

    >>> import antq
    >>> ev = antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2023)
    >>> ev["KM-TT"].outcome
    'meets'

Nothing here reads the clock: the year is always given. The bundled sample is synthetic.
"""

from antq._antq import (
    PRESET_IDS,
    Dataset,
    Evaluation,
    RuleSet,
    Stats,
    Supplement,
    UnitResult,
    __version__,
    activity_stats,
    assess_medals,
    check_dataset,
    check_rules,
    compare,
    default_limits,
    evaluate,
    families,
    festival_day,
    headers,
    unit_kinds,
    impact,
    presets,
    rank_teams,
    review,
    sample_report,
    sensitivity,
    whatif,
)
from antq._errors import (
    AntqError,
    AntqIOError,
    ArgumentError,
    AsOfOutsideYearError,
    DatasetError,
    MedalInputError,
    NotInForceError,
    RuleSetError,
    TeamInputError,
    UnknownPresetError,
    UnknownUnitError,
    YearError,
)

__all__ = [
    "PRESET_IDS",
    "AntqError",
    "AntqIOError",
    "ArgumentError",
    "AsOfOutsideYearError",
    "Dataset",
    "DatasetError",
    "Evaluation",
    "MedalInputError",
    "NotInForceError",
    "RuleSet",
    "RuleSetError",
    "Stats",
    "Supplement",
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
]
