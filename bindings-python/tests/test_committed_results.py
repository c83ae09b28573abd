"""Every shared case of every folder (tests/cases/evaluate, analysis, section6) run through the
Python API, its whole result compared with the committed result the Rust runners write
(tests/cases/results/<folder>/<case>.json, reviewed like snapshots; ``ANTQ_UPDATE_SNAPSHOTS=1
cargo test -p antq-conformance`` rewrites them). Results compare as JSON values: dicts and
lists, never frame columns; the review's verdict table is compared row by row as data.

The partial expectations of each case are checked by test_cases.py and test_section6.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, List, Set, Tuple

import pytest

import antq

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
RESULTS = CASES / "results"
# The first columns of the review's verdict table; every other column is a criterion.
VERDICT_FIELDS = ("unit", "kind", "subkind", "parent", "commune", "district", "province", "outcome", "level", "rank", "met", "of")
# Named in every row; the committed results hold them once.
DECIDED_BY = ("rule_set", "supplements")


def pretty(v: Any) -> str:
    """The JSON text the Rust runner reads inline values from (serde_json's pretty form)."""
    return json.dumps(v, indent=2, sort_keys=True, ensure_ascii=False)


def error_json(err: antq.AntqError) -> Dict[str, Any]:
    """An error as the committed results hold it: the code, and each problem's code, path and
    messages (the core words them once for every surface); an error without problems with its
    whole text in Vietnamese (with problems, that text holds positions, which differ between
    surfaces that read objects and texts)."""
    problems = [
        {"code": p["code"], "path": p["location"]["path"], "message": p["message"], "message_vi": p.get("message_vi")}
        for p in err.errors()
    ]
    error: Dict[str, Any] = {"code": err.code, "problems": problems}
    if not problems:
        error["message_vi"] = err.message_vi
    return {"error": error}


def ok_or_error(f: Callable[[], Any]) -> Any:
    try:
        return f()
    except antq.AntqError as err:
        return error_json(err)


# ---------------------------------------------------------------- evaluate/


def case_rules(case: Dict[str, Any]) -> antq.RuleSet:
    r = case.get("rules")
    if isinstance(r, str):
        rs = antq.RuleSet.resolve(r, case.get("year", 2023), case.get("as_of"))
    elif isinstance(r, dict):
        rs = antq.RuleSet.from_str(pretty(r), "rules.json")
    else:
        rs = antq.RuleSet.from_str(case["rules_text"], case["rules_name"])
    for i, s in enumerate(case.get("supplements", [])):
        rs = rs.with_supplement(antq.Supplement.from_str(pretty(s), f"supplements[{i}].json"))
    return rs


def case_dataset(case: Dict[str, Any]) -> antq.Dataset:
    name = case.get("dataset_name", "dataset.json")
    if "dataset" in case:
        return antq.Dataset.from_str(pretty(case["dataset"]), name)
    return antq.Dataset.from_str(case["dataset_text"], name)


def verdicts(rows: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The review's verdict table, row by row, in the committed results' form."""
    out = []
    decided_by: Dict[str, Set[Any]] = {k: set() for k in DECIDED_BY}
    for row in rows:
        v = {k: row[k] for k in VERDICT_FIELDS}
        v["criteria"] = {
            k: s for k, s in row.items() if k not in VERDICT_FIELDS and k not in DECIDED_BY and s is not None
        }
        for k in DECIDED_BY:
            cell = row[k]
            decided_by[k].add(tuple(cell) if isinstance(cell, list) else cell)
        out.append(v)
    result: Dict[str, Any] = {}
    for k, vs in decided_by.items():
        if vs:
            one = vs.pop() if len(vs) == 1 else sorted(vs, key=str)
            result[k] = list(one) if isinstance(one, tuple) else one
    result["verdicts"] = out
    return result


def evaluate_result(case: Dict[str, Any]) -> Any:
    op, year = case["operation"], case.get("year", 0)
    if op == "evaluate":
        rs, ds = case_rules(case), case_dataset(case)
        as_of, lenient = case.get("as_of"), bool(case.get("lenient_vocabulary", False))
        evaluation = antq.evaluate(ds, rs, year, as_of=as_of, lenient_vocabulary=lenient).to_dict()

        def review() -> Dict[str, Any]:
            # With the evaluation's options; the verdict table read back row by row.
            table = antq.review(ds, rs, year, as_of=as_of, lenient_vocabulary=lenient, library="pyarrow")
            return verdicts(table.to_pylist())

        return {"evaluation": evaluation, "review": ok_or_error(review)}
    if op == "stats":
        return {"stats": antq.activity_stats(case_dataset(case), year).to_dict()}
    if op == "parse_rules":
        return {"rules": case_rules(case).to_dict()}
    if op == "parse_dataset":
        return {"dataset": case_dataset(case).to_dict()}
    raise AssertionError(f"unknown operation {op}")


# ---------------------------------------------------------------- analysis/


def analysis_rules(v: Any, year: int, supplements: List[Any]) -> antq.RuleSet:
    """The case's rule set for `year`, as the Rust runner reads it."""
    rs = antq.RuleSet.resolve(v, year, None) if isinstance(v, str) else antq.RuleSet.from_str(json.dumps(v), "rules.json")
    for i, s in enumerate(supplements):
        rs = rs.with_supplement(antq.Supplement.from_str(json.dumps(s), f"supplements[{i}].json"))
    return rs


def analysis_result(case: Dict[str, Any]) -> Any:
    op = case["operation"]
    ds = antq.Dataset.from_str(json.dumps(case["dataset"]), "dataset.json")
    sups = case.get("supplements", [])
    if op == "compare":
        a, b = case["years"]
        # A family (without supplements) is resolved for each year by `compare` itself.
        rules = case["rules"] if isinstance(case["rules"], str) and not sups else analysis_rules(case["rules"], a, sups)
        return antq.compare(ds, rules, (a, b)).to_dict()
    year = case["year"]
    rules = analysis_rules(case["rules"], year, sups)
    if op == "whatif":
        return antq.whatif(ds, rules, year, case["units"], level=case.get("goal"), verify=True).to_dict()
    if op == "impact":
        ch = case["changed"]
        vs = analysis_rules(ch["rules"], year, []) if "rules" in ch else None
        changed = [
            antq.Supplement.from_str(json.dumps(s), f"changed.supplements[{i}].json")
            for i, s in enumerate(ch.get("supplements", []))
        ]
        return antq.impact(ds, rules, year, vs=vs, supplements=changed or None, params=ch.get("parameters")).to_dict()
    if op == "sensitivity":
        spec = case["spec"]
        sampling = spec["sampling"]
        kw: Dict[str, Any] = {"cutoff_range": spec["cutoff_range"], "max_range": spec["max_range_percent"]}
        if "pass_level" in spec:
            kw["pass_level"] = spec["pass_level"]
        if sampling["mode"] == "grid":
            kw["grid"] = sampling["steps"]
        else:
            kw["samples"], kw["seed"] = sampling["samples"], sampling["seed"]
        return antq.sensitivity(ds, rules, year, **kw).to_dict()
    raise AssertionError(f"unknown operation {op}")


# ---------------------------------------------------------------- section6/

def festival(input: Dict[str, Any]) -> Any:
    return antq.festival_day(input["date"], season_start=input.get("params", {}).get("season_start"))


SECTION6: Dict[str, Callable[[Any], Any]] = {
    "team_ranking": lambda i: antq.rank_teams(i).to_dict(),
    "medal": lambda i: antq.assess_medals(i).assessments,
    "festival": festival,
}


def section6_result(case: Dict[str, Any]) -> Any:
    return SECTION6[case["operation"]](case["input"])


# ---------------------------------------------------------------- the cases

RUNNERS: Dict[str, Callable[[Dict[str, Any]], Any]] = {
    "evaluate": evaluate_result,
    "analysis": analysis_result,
    "section6": section6_result,
}


CASE_FILES: List[Tuple[str, Path]] = [
    (folder, p) for folder in RUNNERS for p in sorted((CASES / folder).glob("*.json"))
]


def test_every_case_has_a_committed_result_and_every_result_a_case() -> None:
    cases = {f"{f}/{p.stem}" for f, p in CASE_FILES}
    results = {f"{d.name}/{p.stem}" for d in RESULTS.iterdir() if d.is_dir() for p in d.glob("*.json")}
    assert cases == results
    assert len(cases) >= 190


@pytest.mark.parametrize(("folder", "path"), CASE_FILES, ids=[f"{f}/{p.stem}" for f, p in CASE_FILES])
def test_result_equals_the_committed_one(folder: str, path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    got = ok_or_error(lambda: RUNNERS[folder](case))
    want = json.loads((RESULTS / folder / path.name).read_text(encoding="utf-8"))
    # Through JSON, as the committed file was written (tuples become lists).
    got = json.loads(json.dumps(got))
    assert got == want, f"differs from {folder}/{path.name} at {first_difference(want, got)}"


def first_difference(want: Any, got: Any, at: str = "") -> str:
    """The path of the first difference (`units[3].outcome`), with both values."""
    if isinstance(want, dict) and isinstance(got, dict):
        for k in sorted(set(want) | set(got)):
            here = f"{at}.{k}" if at else k
            if k not in want or k not in got:
                return f"{here}: committed {want.get(k)!r}, now {got.get(k)!r}"
            if want[k] != got[k]:
                return first_difference(want[k], got[k], here)
    if isinstance(want, list) and isinstance(got, list):
        for i, (a, b) in enumerate(zip(want, got)):
            if a != b:
                return first_difference(a, b, f"{at}[{i}]")
        if len(want) != len(got):
            return f"{at} (length): committed {len(want)}, now {len(got)}"
    return f"{at}: committed {want!r:.200}, now {got!r:.200}"
