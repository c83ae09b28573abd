"""Conformance: every table the package returns has the core's columns for its result, in
the core's order (``antq.headers()``, the same list the CLI's CSV and the JS rows use)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, List

import pytest

import antq

pa = pytest.importorskip("pyarrow")


def names(t: Any) -> List[str]:
    return list(pa.table(t).column_names)


def test_headers_name_every_result() -> None:
    h = antq.headers()
    for name in ("evaluation", "criteria", "verdicts", "shares", "stats", "teams", "medal", "whatif", "impact",
                 "sensitivity", "compare", "instruments"):
        assert h[name] and len(set(h[name])) == len(h[name]), name


def test_every_frame_has_the_core_header(sample: antq.Dataset, ev2023: antq.Evaluation, root: Path) -> None:
    h = antq.headers()
    assert names(ev2023.rows(library="arrow")) == h["evaluation"]
    assert names(ev2023.criterion_rows(library="arrow")) == h["criteria"]
    assert names(ev2023.shares(library="arrow")) == h["shares"]
    assert names(sample.activity_stats(2023).rows(library="arrow")) == h["stats"]
    rules = antq.RuleSet.preset("vn.c124-2021")
    verdicts = names(antq.review(sample, rules, 2023, library="arrow"))
    assert verdicts[: len(h["verdicts"])] == h["verdicts"]
    samples = root / "core" / "sample"
    teams = (samples / "teams-synthetic-2025.json").read_text(encoding="utf-8")
    assert names(antq.rank_teams(teams).table()) == h["teams"]
    medal = (samples / "medal-synthetic.json").read_text(encoding="utf-8")
    assert names(antq.assess_medals(medal, lang="vi").table()) == h["medal"]
    sup = samples / "typical-supplement.toml"
    im = antq.impact(sample, "vn.d9745-2022.communes", 2023, supplements=[sup]).table()
    assert names(im) == h["impact"]
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(antq.Supplement.from_path(samples / "d510-supplement.toml"))
    sens = antq.sensitivity(sample, d510, 2023, samples=20).table()
    assert names(sens) == h["sensitivity"]
    plans = antq.whatif(sample, rules, 2023, ["NS-HP", "KM-TT"]).table()
    assert names(plans) == h["whatif"]
    cmp = antq.compare(sample, "vn.c124", (2023, 2025)).table()
    assert names(cmp) == h["compare"]


def test_lists_are_lists(ev2023: antq.Evaluation) -> None:
    t = pa.table(ev2023.rows(library="arrow"))
    assert pa.types.is_list(t.schema.field("failed").type)
    hp = {k: v[0] for k, v in t.filter(pa.compute.equal(t["unit"], "NS-HP")).to_pydict().items()}
    assert hp["failed"] == ev2023["NS-HP"].failed and hp["failed"]
    assert hp["rule_set"].startswith("vn.c124-2021 ") and hp["supplements"] == []
