"""Notebook display: HTML for rule sets, unit results and evaluations (escaped,
truncated) and plain reprs; one-line plots return matplotlib figures."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

import antq  # noqa: E402

EVIL = "<script>alert('x')</script> & \"q\""


def evil_dataset() -> antq.Dataset:
    return antq.Dataset.from_dict(
        {
            "format_version": 1,
            "meta": {"title": EVIL},
            "units": [
                {"id": "C<b>", "name": EVIL, "kind": "commune", "subkind": "xa"},
                {"id": "R&1", "name": EVIL, "kind": "residential_area", "subkind": "thon", "parent": "C<b>"},
            ],
        }
    )


def test_rule_set_html_lists_criteria_with_basis_and_certainty(c124: antq.RuleSet) -> None:
    html = c124._repr_html_()
    assert "CW-4" in html and "124/2021/TT-BCA" in html
    assert "verified" in html and "partial" in html
    assert html.count("<tr>") >= len(c124.criteria)


def test_unit_html_shows_statuses_observed_threshold_and_missing(ev2023: antq.Evaluation) -> None:
    failing = next(u for u in ev2023 if u.outcome == "does_not_meet")
    html = failing._repr_html_()
    assert "✗" in html and "observed" in html and "needs" in html
    undetermined = next(u for u in ev2023 if u.outcome == "undetermined")
    assert "Still missing" in undetermined._repr_html_()


def test_evaluation_html_is_a_summary_and_a_truncated_table(ev2023: antq.Evaluation) -> None:
    html = ev2023._repr_html_()
    assert "vn.c124-2021" in html and "2023" in html
    assert f"and {len(ev2023) - 20} more units" in html
    assert html.count("<tr>") < 40


def test_evaluation_html_names_what_the_caller_allowed(sample: antq.Dataset) -> None:
    plain = antq.evaluate(sample, "vn.c124", 2023)._repr_html_()
    assert "(allowed)" not in plain
    late = antq.evaluate(sample, "vn.c124", 2023, as_of="2027-01-01", allow_as_of_outside_year=True)
    assert "reference date outside the year's review (allowed)" in late._repr_html_()
    old = antq.evaluate(sample, "vn.c124-2021", 2027, allow_outside_period=True)
    assert "rule set applied outside its period of application (allowed)" in old._repr_html_()


def test_everything_is_escaped() -> None:
    ds = evil_dataset()
    ev = antq.evaluate(ds, "vn.c124-2021", 2023)
    for html in (ev._repr_html_(), ev["R&1"]._repr_html_(), ev["C<b>"]._repr_html_()):
        assert "<script>" not in html and "C<b>" not in html
        assert "&lt;script&gt;" in html


def test_plain_reprs(ev2023: antq.Evaluation, c124: antq.RuleSet, sample: antq.Dataset) -> None:
    assert repr(ev2023).startswith("Evaluation(rule_set=\"vn.c124-2021\", year=2023")
    assert repr(ev2023["KM-TT"]).startswith("UnitResult(\"KM-TT\"")
    assert repr(sample).startswith("Dataset(")
    assert repr(antq.Supplement.sample("d510")).startswith("Supplement(")
    assert repr(antq.activity_stats(sample, 2023)).startswith("Stats(year=2023")
    for r in (repr(ev2023), repr(c124), repr(sample)):
        assert "<" not in r


def test_plots_return_figures(ev2023: antq.Evaluation, sample: antq.Dataset) -> None:
    fig = ev2023.plot_share()
    assert isinstance(fig, Figure) and fig.axes
    fig = ev2023.plot_share(unit_kind="residential_area", top=5)
    assert len(fig.axes[0].patches) <= 5
    assert isinstance(ev2023.plot_scores(), Figure)
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(antq.Supplement.sample("d510"))
    fig = antq.evaluate(sample, d510, 2023).plot_scores()
    assert fig.axes[0].patches  # a histogram of reviewed scores
