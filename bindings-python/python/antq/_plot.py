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


#: The unit kinds a plot can keep (``kind=``).
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


def share_meeting(ev: Any, *, kind: Optional[str] = None, top: int = 30, ax: Any = None) -> Any:
    """Bar chart, per parent unit, of the measure the rule set decides: the share of its
    evaluated (in-scope) units that meet the standard (Circular 124), the share at each
    level (a points sheet such as Decision 510, stacked, best level at the bottom) or the
    share recognised as typical (Decision 9745). ``kind`` keeps units of one kind (one of
    :data:`KINDS`); ``top`` keeps the parents with most units; ``ax`` draws into an existing
    matplotlib ``Axes`` (its figure is returned)."""
    from antq._errors import ArgumentError

    if kind is not None and kind not in KINDS:
        raise ArgumentError(f"kind: unknown unit kind {kind!r}; expected one of {', '.join(KINDS)}", "kind")
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ArgumentError(f"top: expected a positive integer, got {top!r}", "top")
    plt = _pyplot()
    every: List[Dict[str, Any]] = ev._row_dicts()
    measure = _measure(every)
    rows = [
        r
        for r in every
        if r.get("outcome") != "out_of_scope"
        and r.get("parent") is not None
        and (kind is None or r.get("kind") == kind)
    ]
    groups: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[str(r["parent"])].append(r)
    items: List[Tuple[str, List[Dict[str, Any]]]] = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
    items.sort(key=lambda kv: kv[0])
    if ax is None:
        fig, ax = plt.subplots(figsize=(max(4.0, 0.35 * len(items) + 2), 4))
        plt.close(fig)
    else:
        fig = ax.figure
    what = f"{kind.replace('_', ' ')} units" if kind else "units"
    x = list(range(len(items)))
    if not items:
        ax.text(0.5, 0.5, f"no in-scope {what} with a parent", ha="center", va="center")
        ax.set_axis_off()
    elif measure == "level":
        order = _level_order(rows) + ["undetermined"]
        bottom = [0.0] * len(items)
        colours = plt.get_cmap("viridis")
        for k, level in enumerate(order):
            share = [
                100.0 * sum(1 for r in g if (r.get("level") or "undetermined") == level) / len(g) for _, g in items
            ]
            colour = "#bbbbbb" if level == "undetermined" else colours(k / max(len(order) - 1, 1))
            ax.bar(x, share, bottom=bottom, color=colour, label=level)
            bottom = [b + s for b, s in zip(bottom, share)]
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_ylabel("% of units at each level")
        ax.set_title(f"{ev.rule_set} {ev.year}: levels of {what}, per parent", fontsize=10)
    else:
        # The share meeting is counted once, in the core (Evaluation.shares).
        by_parent = {str(p["parent"]): p for p in ev._share_dicts(kind)}
        counts = [(by_parent[k]["meeting"], by_parent[k]["units"]) for k, _ in items]
        shares = [100.0 * m / n for m, n in counts]
        ax.bar(x, shares, color="#2f6f9f")
        for i, (m, n) in enumerate(counts):
            ax.annotate(f"{m}/{n}", (i, shares[i]), ha="center", va="bottom", fontsize=7)
        label = "recognised as typical" if measure == "typical" else "meeting the standard"
        ax.set_ylabel(f"% of units {label}")
        ax.set_title(f"{ev.rule_set} {ev.year}: share of {what} {label}, per parent", fontsize=10)
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
