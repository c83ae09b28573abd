"""DOMAIN §6 from Python: grassroots team ranking and commemorative medal eligibility give
what the CLI gives (the same core), from text and from dicts, with typed errors."""

import json
import pathlib
from typing import Any, Dict

import pytest

import antq

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEAMS = ROOT / "core" / "sample" / "teams-synthetic-2025.json"
MEDAL = ROOT / "core" / "sample" / "medal-synthetic.json"
CASES = sorted((ROOT / "tests" / "cases" / "section6").glob("*.json"))


def test_team_ranking_from_text_and_dict_agree() -> None:
    text = TEAMS.read_text(encoding="utf-8")
    a = antq.rank_teams(text)
    b = antq.rank_teams(json.loads(text))
    assert a == b
    assert a["year"] == 2025
    reasons = {r["code"] for m in a["members"] for r in m["reasons"]}
    assert {"short_service", "pending_complaint"} <= reasons


def test_team_ranking_rows() -> None:
    pd = pytest.importorskip("pandas")
    df = antq.rank_teams(TEAMS.read_text(encoding="utf-8"), rows=True, kind="pandas")
    assert isinstance(df, pd.DataFrame)
    assert set(df["subject"]) == {"team", "member"}
    assert {"id", "level", "reasons", "months_in_window"} <= set(df.columns)


def test_medal_assessment() -> None:
    out = antq.assess_medals(MEDAL.read_text(encoding="utf-8"))
    assert out and out[0]["outcome"] in {"eligible", "not_eligible", "deferred"}
    assert all("conditions" in a for a in out)


@pytest.mark.parametrize("path", [p for p in CASES if json.loads(p.read_text())["operation"] in ("team_ranking", "medal")], ids=lambda p: p.name)
def test_section6_cases_match_their_error_expectation(path: pathlib.Path) -> None:
    case: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    run = antq.rank_teams if case["operation"] == "team_ranking" else antq.assess_medals
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(antq.AntqError):
            run(case["input"])
    else:
        out = run(case["input"])
        assert out is not None


def test_bad_input_is_a_dataset_error() -> None:
    with pytest.raises(antq.DatasetError) as e:
        antq.rank_teams({"year": 2025})
    assert e.value.errors()[0]["code"] == "syntax"
