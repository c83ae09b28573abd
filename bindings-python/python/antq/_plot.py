"""One-line plots of an evaluation, returning a matplotlib ``Figure``
(``pip install antq[plot]``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Dict, List, Optional, Tuple

from antq._antq import unit_kinds


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("plots need matplotlib: pip install 'antq[plot]'") from e
    return plt


#: The unit kinds a plot can keep (``unit_kind=``).
# The unit kinds as the core lists them.
KINDS = tuple(unit_kinds())

#: Outcome codes of a typical-unit rule set.
_TYPICAL = {"typical", "not_typical", "not_selected"}


def _measure(rows: List[Dict[str, Any]]) -> str:
    """What a unit "meeting" means under the evaluation's outcome policy: ``typical``
    (recognised as typical), ``level`` (a points sheet's levels) or ``meets`` (the standard)."""
    outcomes = {r.get("outcome") for r in rows}
    if outcomes & _TYPICAL:
        return "typical"
    if "level" in outcomes:
        return "level"
    return "meets"


def _level_order(rows: List[Dict[str, Any]]) -> List[str]:
    """Levels seen, best first: ordered by the best reviewed score reached at each."""
    best: Dict[str, float] = {}
    for r in rows:
        if r.get("level"):
            s = r.get("score_reviewed")
            best[r["level"]] = max(best.get(r["level"], float("-inf")), float(s) if s is not None else float("-inf"))
    return sorted(best, key=lambda n: (-best[n], n))


#: What units can be grouped by (``by=``): their parent, or the commune, district or
#: province they belong to on the reference date.
GROUPS = ("parent", "commune", "district", "province")


def _check_by(by: str) -> None:
    from antq._errors import ArgumentError

    if by not in GROUPS:
        raise ArgumentError(f"by: unknown grouping {by!r}; expected one of {', '.join(GROUPS)}", "by")


def _check_unit_kind(unit_kind: Optional[str], name: str = "unit_kind") -> None:
    from antq._errors import ArgumentError

    if unit_kind is not None and unit_kind not in KINDS:
        raise ArgumentError(
            f"{name}: unknown unit kind {unit_kind!r}; expected one of {', '.join(KINDS)}", name
        )


def _check_top(top: int) -> None:
    from antq._errors import ArgumentError

    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ArgumentError(f"top: expected a positive integer, got {top!r}", "top")


def _checked(unit_kind: Optional[str], by: str, top: int) -> None:
    """The arguments every per-group plot takes, each an ``ArgumentError`` naming it."""
    _check_unit_kind(unit_kind)
    _check_top(top)
    _check_by(by)


def _empty(ax: Any, what: str, by: str) -> None:
    """A plot with no group to draw says so."""
    ax.text(0.5, 0.5, f"no in-scope {what} with a {by}", ha="center", va="center")
    ax.set_axis_off()


def _groups(
    rows: List[Dict[str, Any]], by: str, unit_kind: Optional[str], top: int
) -> Tuple[List[Tuple[str, List[Dict[str, Any]]]], str]:
    """In-scope rows of ``unit_kind`` grouped by ``by``: the ``top`` groups with most units,
    in id order, and the title's words saying how many groups were left out (empty when
    none was: a plot never drops groups without saying so)."""
    groups: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r.get("outcome") == "out_of_scope" or r.get(by) is None:
            continue
        if unit_kind is not None and r.get("kind") != unit_kind:
            continue
        groups[str(r[by])].append(r)
    items = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
    items.sort(key=lambda kv: kv[0])
    shown = "" if len(items) == len(groups) else f" (the {len(items)} of {len(groups)} {by}s with most units)"
    return items, shown


def _axes(ax: Any, n: int) -> Tuple[Any, Any]:
    plt = _pyplot()
    if ax is None:
        fig, ax = plt.subplots(figsize=(max(4.0, 0.35 * n + 2), 4))
        plt.close(fig)
        return fig, ax
    return ax.figure, ax


def share_meeting(
    ev: Any,
    *,
    unit_kind: Optional[str] = None,
    top: int = 30,
    ax: Any = None,
    by: str = "parent",
    kind: Any = None,
) -> Any:
    """Bar chart, per parent unit, of the measure the rule set decides: the share of its
    evaluated (in-scope) units that meet the standard (Circular 124), the share at each
    level (a points sheet such as Decision 510, stacked, best level at the bottom) or the
    share recognised as typical (Decision 9745). ``unit_kind`` keeps units of one kind (one
    of :data:`KINDS`; ``kind=``, its former name, raises ``ArgumentError``); ``top`` keeps the groups with most units (the title then says how many of how many); ``ax`` draws into an existing
    matplotlib ``Axes`` (its figure is returned); ``by`` groups units by their ``parent``
    (default) or the ``commune``, ``district`` or ``province`` they belong to."""
    from antq._errors import ArgumentError

    if kind is not None:
        raise ArgumentError("kind: renamed unit_kind= (kind= names nothing here any more)", "kind")
    _checked(unit_kind, by, top)
    _pyplot()  # matplotlib is needed: say so before any work
    every: List[Dict[str, Any]] = ev._row_dicts()
    measure = _measure(every)
    items, shown = _groups(every, by, unit_kind, top)
    fig, ax = _axes(ax, len(items))
    what = f"{unit_kind.replace('_', ' ')} units" if unit_kind else "units"
    x = list(range(len(items)))
    if not items:
        _empty(ax, what, by)
    elif measure == "level":
        _draw_levels(ev, ax, items, what, by, shown)
    else:
        # The share meeting is counted once, in the core (Evaluation.shares).
        by_parent = {str(p["parent"]): p for p in ev._share_dicts(unit_kind, by)}
        counts = [(by_parent[k]["meeting"], by_parent[k]["units"]) for k, _ in items]
        shares = [100.0 * m / n for m, n in counts]
        ax.bar(x, shares, color="#2f6f9f")
        for i, (m, n) in enumerate(counts):
            ax.annotate(f"{m}/{n}", (i, shares[i]), ha="center", va="bottom", fontsize=7)
        label = "recognised as typical" if measure == "typical" else "meeting the standard"
        ax.set_ylabel(f"% of units {label}")
        ax.set_title(f"{ev.rule_set} {ev.year}: share of {what} {label}, per {by}{shown}", fontsize=10)
    if items:
        ax.set_xticks(x)
        ax.set_xticklabels([k for k, _ in items], rotation=60, ha="right", fontsize=8)
        ax.set_ylim(0, 110)
        ax.set_yticks(range(0, 101, 20))
    fig.tight_layout()
    return fig


def scores(ev: Any) -> Any:
    """Histogram of reviewed scores (points rule sets) and bar chart of levels, or of
    outcomes when there are no levels."""
    plt = _pyplot()
    rows: List[Dict[str, Any]] = ev._row_dicts()
    values = [float(r["score_reviewed"]) for r in rows if r.get("score_reviewed") is not None]
    levels = Counter(r["level"] for r in rows if r.get("level"))
    counts = levels or Counter(str(r.get("outcome")) for r in rows)
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    left, right = axes
    if values:
        left.hist(values, bins=20, color="#2f6f9f")
        left.set_xlabel("reviewed score")
        left.set_ylabel("units")
        left.set_title("Distribution of reviewed scores")
    else:
        left.text(0.5, 0.5, "no reviewed scores\n(not a points rule set)", ha="center", va="center")
        left.set_axis_off()
    if levels:
        # Highest level first: order by the best reviewed score seen at each level.
        best: Dict[str, float] = {}
        for r in rows:
            if r.get("level") and r.get("score_reviewed") is not None:
                best[r["level"]] = max(best.get(r["level"], float("-inf")), float(r["score_reviewed"]))
        names = sorted(counts, key=lambda n: (-best.get(n, float("-inf")), n))
    else:
        names = sorted(counts)
    right.bar(names, [counts[n] for n in names], color="#9f6f2f")
    right.set_title("Units per level" if levels else "Units per outcome")
    right.tick_params(axis="x", rotation=30)
    fig.suptitle(f"{ev.rule_set} {ev.year}")
    fig.tight_layout()
    plt.close(fig)
    return fig


def _stacked(ax: Any, items: List[Tuple[str, List[Dict[str, Any]]]], key: Any, order: List[str],
             colours: Dict[str, Any]) -> None:
    """Per group, the share of its units at each value of ``key(row)`` in ``order``,
    stacked (the first value at the bottom), with a legend."""
    x = list(range(len(items)))
    bottom = [0.0] * len(items)
    for value in order:
        share = [100.0 * sum(1 for r in g if key(r) == value) / len(g) for _, g in items]
        ax.bar(x, share, bottom=bottom, color=colours[value], label=value.replace("_", " "))
        bottom = [b + s for b, s in zip(bottom, share)]
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_xticks(x)
    ax.set_xticklabels([k for k, _ in items], rotation=60, ha="right", fontsize=8)
    ax.set_ylim(0, 105)


def levels(
    ev: Any, *, unit_kind: Optional[str] = None, by: str = "parent", top: int = 30, ax: Any = None
) -> Any:
    """Per group (``by``: parent, commune, district or province), the share of its in-scope
    units at each level of a points sheet (Decision 510), best level at the bottom, units
    without a level on top as ``undetermined``. An evaluation without levels (not a points
    rule set) is an ``ArgumentError``: its measure is drawn by ``plot_share``."""
    from antq._errors import ArgumentError

    _checked(unit_kind, by, top)
    every: List[Dict[str, Any]] = ev._row_dicts()
    if not any(r.get("level") or r.get("score_reviewed") is not None for r in every):
        raise ArgumentError(
            f"plot_levels: {ev.rule_set} gives no levels (not a points rule set, or no sheet scored); "
            "plot_share draws its measure"
        )
    _pyplot()  # matplotlib is needed: say so before any work
    items, shown = _groups(every, by, unit_kind, top)
    fig, ax = _axes(ax, len(items))
    what = f"{unit_kind.replace('_', ' ')} units" if unit_kind else "units"
    if not items:
        _empty(ax, what, by)
        return fig
    _draw_levels(ev, ax, items, what, by, shown)
    fig.tight_layout()
    return fig


def _draw_levels(
    ev: Any, ax: Any, items: List[Tuple[str, List[Dict[str, Any]]]], what: str, by: str, shown: str
) -> None:
    """Each group's share at each level, stacked (best level at the bottom, units without a
    level on top as ``undetermined``): ``plot_levels``, and ``plot_share`` of a points sheet."""
    order = _level_order([r for _, g in items for r in g]) + ["undetermined"]
    cmap = _pyplot().get_cmap("viridis")
    colours = {name: cmap(k / max(len(order) - 2, 1)) for k, name in enumerate(order[:-1])}
    colours["undetermined"] = "#bbbbbb"
    _stacked(ax, items, lambda r: r.get("level") or "undetermined", order, colours)
    ax.set_ylabel("% of units at each level")
    ax.set_title(f"{ev.rule_set} {ev.year}: levels of {what}, per {by}{shown}", fontsize=10)


#: Typical-unit outcomes, bottom to top.
_TYPICAL_ORDER = ["typical", "not_selected", "not_typical", "undetermined"]


def typical(
    ev: Any, *, unit_kind: Optional[str] = None, by: str = "parent", top: int = 30, ax: Any = None
) -> Any:
    """Per group (``by``), the share of its candidates recognised as typical, passing the rule
    outside the quota (``not_selected``), not passing, or undetermined (Decision 9745).
    An evaluation of another rule set is an ``ArgumentError``."""
    from antq._errors import ArgumentError

    _checked(unit_kind, by, top)
    every: List[Dict[str, Any]] = ev._row_dicts()
    if _measure(every) != "typical":
        raise ArgumentError(
            f"plot_typical: {ev.rule_set} is not a typical-unit rule set; plot_share draws its measure"
        )
    _pyplot()  # matplotlib is needed: say so before any work
    items, shown = _groups(every, by, unit_kind, top)
    fig, ax = _axes(ax, len(items))
    what = f"{unit_kind.replace('_', ' ')} candidates" if unit_kind else "candidates"
    if not items:
        _empty(ax, what, by)
        return fig
    colours = {"typical": "#2f6f9f", "not_selected": "#8fb8d8", "not_typical": "#d98c5f", "undetermined": "#bbbbbb"}
    present = [o for o in _TYPICAL_ORDER if any(r.get("outcome") == o for _, g in items for r in g)]
    _stacked(ax, items, lambda r: r.get("outcome"), present, colours)
    ax.set_ylabel("% of candidates")
    ax.set_title(f"{ev.rule_set} {ev.year}: typical {what}, per {by}{shown}", fontsize=10)
    fig.tight_layout()
    return fig
