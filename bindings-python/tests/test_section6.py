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
    assert a.year == 2025
    reasons = {r["code"] for m in a.members for r in m["reasons"]}
    assert {"short_service", "pending_complaint"} <= reasons


def test_team_ranking_rows() -> None:
    pd = pytest.importorskip("pandas")
    df = antq.rank_teams(TEAMS.read_text(encoding="utf-8")).to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert set(df["subject"]) == {"team", "member"}
    assert {"id", "level", "reasons", "months_in_window", "instrument"} <= set(df.columns)
    (instrument,) = set(df["instrument"])
    assert instrument.startswith("vn.teams-2024 ") and " sha256:" in instrument
    # The instrument's mark: the ranking guidance is partly known, never shown as verified.
    assert instrument.endswith(" [P]"), instrument


def test_medal_assessment() -> None:
    out = antq.assess_medals(MEDAL.read_text(encoding="utf-8")).assessments
    assert out and out[0]["outcome"] in {"eligible", "not_eligible", "deferred"}
    assert all("conditions" in a for a in out)


@pytest.mark.parametrize("path", [p for p in CASES if json.loads(p.read_text())["operation"] in ("team_ranking", "medal")], ids=lambda p: p.name)
def test_section6_cases_match_their_error_expectation(path: pathlib.Path) -> None:
    case: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    run = antq.rank_teams if case["operation"] == "team_ranking" else antq.assess_medals
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(antq.AntqError) as e:
            run(case["input"])
        if "code" in expect["error"]:
            assert e.value.code == expect["error"]["code"]
        if "count" in expect["error"]:
            assert len(e.value.errors()) == expect["error"]["count"]
    else:
        out = run(case["input"])
        assert out is not None
        # Every result names its instrument; the case's expectation, when it gives one, agrees.
        if isinstance(out, antq.TeamRanking):
            assert out.instrument["id"].startswith("vn.teams-")
            if "instrument" in expect:
                assert out.instrument["id"] == expect["instrument"]
        else:
            assert isinstance(out, antq.MedalAssessments)
            for a in out.assessments:
                assert a["instrument"]["id"].startswith("vn.medal-") and len(a["instrument"]["content_hash"]) == 64
                want = expect.get("candidates", {}).get(a["id"], {})
                for key in ("instrument", "outcome", "service_years"):
                    if key in want:
                        got = a["instrument"]["id"] if key == "instrument" else a[key]
                        assert got == want[key], (a["id"], key)


def test_bad_inputs_raise_their_own_errors() -> None:
    with pytest.raises(antq.TeamInputError) as e:
        antq.rank_teams({"year": 2025})
    assert e.value.code == "invalid_team_input" and e.value.errors()[0]["code"] == "syntax"
    assert issubclass(antq.TeamInputError, ValueError) and issubclass(antq.MedalInputError, antq.AntqError)
    with pytest.raises(antq.MedalInputError) as m:
        antq.assess_medals({"reference_date": "2026-01-05", "candidates": [{"id": "P"}]})
    assert m.value.code == "invalid_medal_input"
    with pytest.raises(antq.AntqError) as n:
        antq.assess_medals({"reference_date": "2025-04-28", "instrument": "vn.medal-2021", "candidates": []})
    assert n.value.code == "not_in_force"


def test_medal_instrument_by_date_and_rows() -> None:
    person = {"id": "S1", "name": "A", "sex": "male", "group": "street_guard", "in_post_from": "2000-01-01",
              "exclusions_checked": True}
    before = antq.assess_medals({"reference_date": "2025-04-27", "candidates": [person]}).assessments[0]
    after = antq.assess_medals({"reference_date": "2025-04-28", "candidates": [person]}).assessments[0]
    assert (before["instrument"]["id"], before["outcome"]) == ("vn.medal-2021", "eligible")
    assert (after["instrument"]["id"], after["outcome"]) == ("vn.medal-2025", "not_covered")
    assert after["illustrative"] == ["commendation_min_level"] and after["certainty"] == "partial"
    pd = pytest.importorskip("pandas")
    df = antq.assess_medals({"reference_date": "2025-04-28", "candidates": [person]}).to_pandas()
    assert isinstance(df, pd.DataFrame) and df["instrument"][0].startswith("vn.medal-2025 ")


def test_medal_facts_left_out_are_unknown() -> None:
    person = {"id": "S1", "name": "A", "sex": "male", "group": "street_guard", "in_post_from": "2000-01-01"}
    a = antq.assess_medals({"reference_date": "2025-04-27", "candidates": [person]}).assessments[0]
    assert a["outcome"] == "undetermined"
    once = next(c for c in a["conditions"] if c["code"] == "once_per_person")
    assert (once["met"], once["observed"]) == (False, "unknown")
    assert "already_received" in once["explanation"]["en"]
    with pytest.raises(antq.TeamInputError) as e:
        antq.rank_teams({"year": 2025, "teams": [{"id": "T1", "name": "T", "commune": "X1",
                                                  "active_from": "2024-07-01", "proposed": "good"}]})
    assert "pending_complaint" in str(e.value) and e.value.errors()[0]["loc"] == ("teams", 0)


def test_paths_are_read_as_files_wherever_a_document_is(tmp_path: pathlib.Path) -> None:
    # Issue 16, point 9: a path (str or pathlib.Path) is read as a file, not as JSON text.
    text_result = antq.rank_teams(TEAMS.read_text(encoding="utf-8"))
    assert antq.rank_teams(TEAMS) == text_result
    assert antq.rank_teams(str(TEAMS)) == text_result
    assert antq.assess_medals(MEDAL) == antq.assess_medals(MEDAL.read_text(encoding="utf-8"))
    missing = tmp_path / "no-such-teams.json"
    with pytest.raises(antq.AntqIOError) as e:
        antq.rank_teams(str(missing))
    assert e.value.code == "io" and "no-such-teams.json" in str(e.value)
    with pytest.raises(antq.AntqIOError):
        antq.assess_medals(missing)


def test_festival_day_and_its_arguments() -> None:
    import datetime

    assert antq.festival_day("2025-08-19")["is_festival_day"] is True
    assert antq.festival_day(datetime.date(2025, 8, 18))["in_season"] is True
    early = antq.festival_day("2025-07-03", season_start="Y-07-05")
    assert early["in_season"] is False and early["parameters"] == {"season_start": "Y-07-05"}
    with pytest.raises(ValueError, match="not a date"):
        antq.festival_day("2025-02-30")
    with pytest.raises(TypeError):
        antq.festival_day(20250819)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="season_start"):
        antq.festival_day("2025-08-19", season_start="July")
    # A season starting after its last day is the core's error, as in the shared case.
    with pytest.raises(antq.DatasetError) as e:
        antq.festival_day("2025-07-05", season_start="Y-08-20")
    assert e.value.code == "invalid_dataset" and e.value.errors()[0]["location"]["path"] == "params.season_start"
