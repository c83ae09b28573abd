"""`Evaluation.plot_share` draws the measure the rule set decides (issue 16, point 1): the
share meeting the standard, the levels of a points sheet, or the share recognised as typical;
a misspelt kind is an error naming the argument; `ax=` draws into the caller's axes."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Dict, List

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import antq  # noqa: E402


def heights(fig: object) -> List[float]:
    return [p.get_height() for p in fig.axes[0].patches]  # type: ignore[attr-defined]


def shares(ev: antq.Evaluation, positive: str, kind: str | None = None) -> Dict[str, float]:
    """Per parent, the share of in-scope units with the outcome `positive`, from the rows."""
    groups: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for r in ev._row_dicts():
        if r["outcome"] == "out_of_scope" or r["parent"] is None or (kind and r["kind"] != kind):
            continue
        g = groups[r["parent"]]
        g[1] += 1
        g[0] += r["outcome"] == positive
    return {p: 100.0 * m / n for p, (m, n) in sorted(groups.items())}


def test_standard_is_the_share_meeting(ev2023: antq.Evaluation) -> None:
    fig = ev2023.plot_share()
    assert "meeting the standard" in fig.axes[0].get_title()
    assert heights(fig) == pytest.approx(list(shares(ev2023, "meets").values()))


def test_points_sheet_draws_levels_not_zero(sample: antq.Dataset, root: Path) -> None:
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(
        antq.Supplement.from_path(root / "core/sample/d510-supplement.toml")
    )
    ev = antq.evaluate(sample, d510, 2023)
    fig = ev.plot_share()
    ax = fig.axes[0]
    assert "levels" in ax.get_title()
    # Stacked: every parent's bars add up to 100%, and some level other than
    # "undetermined" is drawn (before, every bar was 0% "meeting the standard").
    parents = len(ax.get_xticks())
    per_parent = [0.0] * parents
    for k, h in enumerate(heights(fig)):
        per_parent[k % parents] += h
    assert per_parent == pytest.approx([100.0] * parents)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == "undetermined" and len(labels) > 1
    assert sum(heights(fig)[:-parents]) > 0


def test_typical_is_the_share_recognised(sample: antq.Dataset) -> None:
    ev = antq.evaluate(sample, antq.RuleSet.preset("vn.d9745-2022.communes"), 2023)
    fig = ev.plot_share(unit_kind="commune")
    assert "recognised as typical" in fig.axes[0].get_title()
    expected = shares(ev, "typical", "commune")
    assert heights(fig) == pytest.approx(list(expected.values()))
    assert max(heights(fig)) > 0


def test_unknown_kind_is_an_error_naming_the_argument(ev2023: antq.Evaluation) -> None:
    with pytest.raises(antq.ArgumentError) as e:
        ev2023.plot_share(unit_kind="communes")
    assert e.value.code == "bad_argument" and e.value.argument == "unit_kind"
    assert "residential_area" in str(e.value)
    assert isinstance(e.value, antq.AntqError) and isinstance(e.value, ValueError)
    with pytest.raises(antq.ArgumentError):
        ev2023.plot_share(top=0)


def test_kind_is_refused_naming_unit_kind(ev2023: antq.Evaluation) -> None:
    """``kind=`` meant a unit kind here and a table library elsewhere: refused, not read."""
    with pytest.raises(antq.ArgumentError) as e:
        ev2023.plot_share(kind="commune")  # type: ignore[call-arg]
    assert e.value.argument == "kind" and "unit_kind" in str(e.value)


def test_draws_into_the_given_axes(ev2023: antq.Evaluation) -> None:
    fig, (left, right) = plt.subplots(1, 2)
    assert ev2023.plot_share(ax=right) is fig
    assert len(right.patches) > 0 and len(left.patches) == 0
    plt.close(fig)


def test_share_by_province_counts_every_unit_under_it(ev2023: antq.Evaluation) -> None:
    fig = ev2023.plot_share(by="province")
    ax = fig.axes[0]
    assert "per province" in ax.get_title()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["HD"]
    rows = [r for r in ev2023._row_dicts() if r["outcome"] != "out_of_scope"]
    assert heights(fig) == pytest.approx([100.0 * sum(r["outcome"] == "meets" for r in rows) / len(rows)])
    by_district = ev2023.plot_share(by="district")
    assert sorted(t.get_text() for t in by_district.axes[0].get_xticklabels()) == ["CL", "KM", "NS"]
    with pytest.raises(antq.ArgumentError) as e:
        ev2023.plot_share(by="provinces")  # type: ignore[arg-type]
    assert e.value.argument == "by" and "district" in str(e.value)


def test_plot_levels_stacks_each_level(sample: antq.Dataset, root: Path) -> None:
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(
        antq.Supplement.from_path(root / "core/sample/d510-supplement.toml")
    )
    ev = antq.evaluate(sample, d510, 2023)
    fig = ev.plot_levels(unit_kind="commune", by="district")
    ax = fig.axes[0]
    assert "levels of commune units, per district" in ax.get_title()
    groups = len(ax.get_xticks())
    totals = [0.0] * groups
    for k, h in enumerate(heights(fig)):
        totals[k % groups] += h
    assert totals == pytest.approx([100.0] * groups)
    # The level shares are those of the rows.
    rows = [r for r in ev._row_dicts() if r["kind"] == "commune" and r["outcome"] != "out_of_scope"]
    first = sorted({r["district"] for r in rows})[0]
    mine = [r for r in rows if r["district"] == first]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    for k, level in enumerate(legend):
        want = 100.0 * sum((r["level"] or "undetermined") == level for r in mine) / len(mine)
        assert heights(fig)[k * groups] == pytest.approx(want), level


def test_plot_typical_stacks_the_outcomes(sample: antq.Dataset) -> None:
    ev = antq.evaluate(sample, antq.RuleSet.preset("vn.d9745-2022.communes"), 2023)
    _, ax = plt.subplots()
    fig = ev.plot_typical(unit_kind="commune", ax=ax)
    assert fig is ax.figure and "typical commune candidates" in ax.get_title()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "typical"
    typical_share = list(shares(ev, "typical", "commune").values())
    assert heights(fig)[: len(typical_share)] == pytest.approx(typical_share)
    plt.close(fig)


def test_plots_of_another_measure_are_argument_errors(ev2023: antq.Evaluation) -> None:
    with pytest.raises(antq.ArgumentError, match="plot_share"):
        ev2023.plot_levels()
    with pytest.raises(antq.ArgumentError, match="not a typical-unit rule set"):
        ev2023.plot_typical()
    with pytest.raises(antq.ArgumentError) as e:
        ev2023.plot_levels(unit_kind="communes")
    assert e.value.argument == "unit_kind"


def test_a_plot_cut_to_top_groups_says_so_in_its_title(sample: antq.Dataset, root: Path) -> None:
    """``top=`` keeps the groups with most units; the title says how many of how many are
    drawn (it left the others out silently before), and says nothing when all are drawn."""
    ev = antq.evaluate(sample, "vn.c124-2021", 2023)
    parents = {r["parent"] for r in ev._row_dicts() if r["outcome"] != "out_of_scope" and r["parent"]}
    assert len(parents) > 3
    title = ev.plot_share(top=3).axes[0].get_title()
    assert title.endswith(f"per parent (the 3 of {len(parents)} parents with most units)"), title
    assert ev.plot_share().axes[0].get_title().endswith("per parent"), "all drawn: nothing to say"
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(
        antq.Supplement.from_path(root / "core/sample/d510-supplement.toml")
    )
    lv = antq.evaluate(sample, d510, 2023)
    assert "(the 2 of " in lv.plot_levels(top=2).axes[0].get_title()
    assert "(the 2 of " in lv.plot_share(top=2).axes[0].get_title()
    ty = antq.evaluate(sample, "vn.d9745-2022.communes", 2023)
    assert "(the 1 of " in ty.plot_typical(by="district", top=1).axes[0].get_title()
