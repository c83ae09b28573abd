"""One-line plots of an evaluation, returning a matplotlib ``Figure``
(``pip install antq[plot]``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Dict, List, Optional, Tuple


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("plots need matplotlib: pip install 'antq[plot]'") from e
    return plt


def share_meeting(ev: Any, *, kind: Optional[str] = None, top: int = 30) -> Any:
    """Bar chart: per parent unit, the share of its evaluated (in-scope) units that meet
    the standard. ``kind`` keeps units of one kind; ``top`` parents with most units."""
    plt = _pyplot()
    rows: List[Dict[str, Any]] = ev._row_dicts()
    groups: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        if r.get("outcome") == "out_of_scope" or r.get("parent") is None:
            continue
        if kind is not None and r.get("kind") != kind:
            continue
        g = groups[str(r["parent"])]
        g[1] += 1
        if r.get("outcome") == "meets":
            g[0] += 1
    items: List[Tuple[str, List[int]]] = sorted(groups.items(), key=lambda kv: (-kv[1][1], kv[0]))[: max(top, 1)]
    items.sort(key=lambda kv: kv[0])
    fig, ax = plt.subplots(figsize=(max(4.0, 0.35 * len(items) + 2), 4))
    labels = [k for k, _ in items]
    shares = [100.0 * m / n if n else 0.0 for _, (m, n) in items]
    ax.bar(range(len(items)), shares, color="#2f6f9f")
    ax.set_xticks(range(len(items)))
    ax.set_xticklabels(labels, rotation=60, ha="right", fontsize=8)
    ax.set_ylim(0, 110)
    ax.set_yticks(range(0, 101, 20))
    ax.set_ylabel("% of units meeting the standard")
    what = f"{kind.replace('_', ' ')} units" if kind else "units"
    ax.set_title(f"{ev.rule_set} {ev.year}: share of {what} meeting the standard, per parent", fontsize=10)
    for i, (_, (m, n)) in enumerate(items):
        ax.annotate(f"{m}/{n}", (i, shares[i]), ha="center", va="bottom", fontsize=7)
    fig.tight_layout()
    plt.close(fig)
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
