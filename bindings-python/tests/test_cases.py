"""The shared conformance cases (tests/cases/evaluate/*.json, format in tests/cases/README.md),
run through the Python API exactly as the Rust runner runs them (same names, same JSON text),
then once more through Arrow tables: the evaluation read from tables must equal the one read
from JSON, field for field."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import antq

CASES = Path(os.environ.get("ANTQ_CASES_DIR", Path(__file__).resolve().parents[2] / "tests" / "cases" / "evaluate"))
FILES = sorted(CASES.glob("*.json")) if CASES.is_dir() else []


def pretty(v: Any) -> str:
    """The JSON text the Rust runner reads inline values from (serde_json's pretty form:
    sorted keys, two-space indent)."""
    return json.dumps(v, indent=2, sort_keys=True, ensure_ascii=False)


def outcome_string(u: antq.UnitResult) -> str:
    if u.outcome == "level":
        return f"level:{u.level}"
    if u.outcome in ("typical", "not_selected"):
        return f"{u.outcome}:{u.rank}"
    return u.outcome


def rule_set(case: Dict[str, Any]) -> antq.RuleSet:
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


def dataset(case: Dict[str, Any]) -> antq.Dataset:
    name = case.get("dataset_name", "dataset.json")
    if "dataset" in case:
        return antq.Dataset.from_str(pretty(case["dataset"]), name)
    return antq.Dataset.from_str(case["dataset_text"], name)


def execute(case: Dict[str, Any]) -> Tuple[str, Any]:
    op = case["operation"]
    year = case.get("year", 0)
    if op == "evaluate":
        rs = rule_set(case)
        ds = dataset(case)
        lenient = bool(case.get("lenient_vocabulary", False))
        ev = antq.evaluate(ds, rs, year, as_of=case.get("as_of"), lenient_vocabulary=lenient)
        return "evaluation", (ev, ds, rs)
    if op == "stats":
        return "stats", antq.activity_stats(dataset(case), year)
    if op == "parse_rules":
        return "rules", rule_set(case)
    if op == "parse_dataset":
        return "dataset", dataset(case)
    raise AssertionError(f"unknown operation {op}")


def check_error(err: antq.AntqError, want: Dict[str, Any], fails: List[str]) -> None:
    ps = err.errors()
    if err.code != want["code"]:
        fails.append(f"error code: expected {want['code']}, got {err.code} ({err})")
    got = {p["code"] for p in ps}
    if got != set(want.get("problems", [])):
        fails.append(f"problem codes: expected {sorted(want.get('problems', []))}, got {sorted(got)} ({err})")
    for key, field in (("line", "line"), ("unit", "unit"), ("criterion", "criterion"), ("path", "path")):
        if key in want and not any(p["location"][field] == want[key] for p in ps):
            fails.append(f"no problem with {key} {want[key]!r} ({err})")
    for m in want.get("message_contains", []):
        if not any(m in p["message"] for p in ps) and m not in str(err):
            fails.append(f"no problem message contains {m!r} ({err})")


def check_evaluation(case: Dict[str, Any], ev: antq.Evaluation, fails: List[str]) -> None:
    e = case["expect"]
    if "lints" in e:
        got = sorted({lint["code"] for lint in ev.to_dict().get("lints", [])})
        if got != sorted(set(e["lints"])):
            fails.append(f"lints: expected {sorted(set(e['lints']))}, got {got}")

    def get(uid: str, what: str) -> Any:
        if uid not in ev:
            fails.append(f"{what}: unit `{uid}` is not in the result")
            return None
        return ev[uid]

    for uid, want in e.get("outcomes", {}).items():
        u = get(uid, "outcomes")
        if u is not None and outcome_string(u) != want:
            fails.append(f"outcome of `{uid}`: expected {want}, got {outcome_string(u)}")
    for uid, crits in e.get("criteria", {}).items():
        u = get(uid, "criteria")
        if u is None:
            continue
        by_id = {c["id"]: c["status"] for c in u.criteria}
        for cid, want in crits.items():
            if by_id.get(cid) != want:
                fails.append(f"criterion `{cid}` of `{uid}`: expected {want}, got {by_id.get(cid)}")
    for uid, keys in e.get("missing", {}).items():
        u = get(uid, "missing")
        if u is not None and {m["key"] for m in u.missing} != set(keys):
            fails.append(f"missing keys of `{uid}`: expected {sorted(keys)}, got {[m['key'] for m in u.missing]}")
    for uid, keys in e.get("missing_includes", {}).items():
        u = get(uid, "missing_includes")
        if u is not None:
            got = {m["key"] for m in u.missing}
            for k in keys:
                if k not in got:
                    fails.append(f"missing keys of `{uid}` lack `{k}`: got {sorted(got)}")
    for uid, code in e.get("out_of_scope_code", {}).items():
        u = get(uid, "out_of_scope_code")
        if u is not None:
            o = u.to_dict()["outcome"]
            if o.get("status") != "out_of_scope" or o.get("code") != code:
                fails.append(f"`{uid}`: expected out of scope ({code}), got {o}")
    for uid, want in e.get("recognised_by", {}).items():
        u = get(uid, "recognised_by")
        if u is not None:
            got = (u.recognised_by or {}).get("authority")
            if got != want:
                fails.append(f"recognised_by of `{uid}`: expected {want}, got {got}")
    for uid, want in e.get("parent", {}).items():
        u = get(uid, "parent")
        if u is not None and u.parent != want:
            fails.append(f"parent of `{uid}`: expected {want}, got {u.parent}")
    marks = {"verified": "V", "partial": "P", "inferred": "I", "sample": "S"}
    for uid, crits in e.get("marks", {}).items():
        u = get(uid, "marks")
        if u is None:
            continue
        by_id = {c["id"]: c for c in u.criteria}
        for cid, want in crits.items():
            c = by_id.get(cid)
            if c is None:
                fails.append(f"marks: criterion `{cid}` of `{uid}` is not in the result")
                continue
            got = marks[c["certainty"]] + (f" from {c['source']}" if c.get("source") else "")
            if got != want:
                fails.append(f"mark of {cid} of `{uid}`: expected {want}, got {got}")
    for uid, want in e.get("met_of", {}).items():
        u = get(uid, "met_of")
        if u is not None and f"{u.met}/{u.of}" != want:
            fails.append(f"met_of of `{uid}`: expected {want}, got {u.met}/{u.of}")
    for uid, fields in e.get("score", {}).items():
        u = get(uid, "score")
        if u is None:
            continue
        if u.score is None:
            fails.append(f"`{uid}` has no score summary")
            continue
        for f, want in fields.items():
            got = u.score.get(f)
            if got != want:
                fails.append(f"score {f} of `{uid}`: expected {want}, got {got}")
    for uid in e.get("absent", []):
        if uid in ev:
            fails.append(f"unit `{uid}` should not be in the result")
    d = e.get("decision")
    if d:
        r = ev.decision
        for key in ("rule_set", "year", "as_of"):
            if key in d and r[key] != d[key]:
                fails.append(f"decision {key}: expected {d[key]}, got {r[key]}")
        if "supplements" in d and [s["id"] for s in r["supplements"]] != d["supplements"]:
            fails.append(f"decision supplements: expected {d['supplements']}, got {r['supplements']}")
        for k, v in d.get("parameters", {}).items():
            got = r["parameters"].get(k, {}).get("value")
            if got != v:
                fails.append(f"decision parameter {k}: expected {v}, got {got}")
        if "prerequisite" in d and (r.get("prerequisite") or {}).get("rule_set") != d["prerequisite"]:
            fails.append(f"decision prerequisite: expected {d['prerequisite']}, got {r.get('prerequisite')}")


def check_stats(case: Dict[str, Any], st: antq.Stats, fails: List[str]) -> None:
    e = case["expect"]
    rows = {r["unit"]: r for r in st.to_dict()["rows"]}
    if "lints" in e:
        got = sorted({lint["code"] for lint in st.to_dict().get("lints", [])})
        if got != sorted(set(e["lints"])):
            fails.append(f"lints: expected {sorted(set(e['lints']))}, got {got}")
    for which, table in (("total", e.get("stats", {})), ("own", e.get("stats_own", {}))):
        for uid, fields in table.items():
            if uid not in rows:
                fails.append(f"stats: unit `{uid}` is not in the rows")
                continue
            totals = rows[uid][which]
            for f, want in fields.items():
                if f not in totals:
                    fails.append(f"stats field `{f}` does not exist")
                elif totals[f] != want:
                    fails.append(f"stats {which} `{f}` of `{uid}`: expected {want}, got {totals[f]}")
    for uid in e.get("absent", []):
        if uid in rows:
            fails.append(f"unit `{uid}` should not be in the statistics")


def check_parsed(case: Dict[str, Any], kind: str, obj: Any, fails: List[str]) -> None:
    p = case["expect"].get("parsed", {})
    # The lints of the rule set or dataset parsed: codes, and each said in Vietnamese too.
    lints = obj.lints() if kind == "rules" else antq.check_dataset(obj)["lints"]
    if "lints" in case["expect"]:
        got = sorted({lint["code"] for lint in lints})
        if got != sorted(set(case["expect"]["lints"])):
            fails.append(f"lints: expected {sorted(set(case['expect']['lints']))}, got {got}")
    fails.extend(f"lint without Vietnamese: {lint}" for lint in lints if not lint.get("message_vi"))
    if kind == "rules":
        if "id" in p and obj.id != p["id"]:
            fails.append(f"rule set id: expected {p['id']}, got {obj.id}")
        if "criteria" in p and len(obj.criteria) != p["criteria"]:
            fails.append(f"criteria: expected {p['criteria']}, got {len(obj.criteria)}")
    else:
        for k in ("units", "evidence", "incidents", "activities"):
            if k in p and obj.counts[k] != p[k]:
                fails.append(f"{k}: expected {p[k]}, got {obj.counts[k]}")


def test_cases_are_there() -> None:
    assert len(FILES) >= 40, f"expected the shared cases under {CASES}"


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_case(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    want_error = case["expect"].get("error")
    fails: List[str] = []
    try:
        kind, out = execute(case)
    except antq.AntqError as err:
        if want_error is None:
            pytest.fail(f"unexpected error [{err.code}]: {err}")
        check_error(err, want_error, fails)
        assert not fails, "\n".join(fails)
        return
    assert want_error is None, f"expected error {want_error}, but the operation succeeded"
    if kind == "evaluation":
        ev, ds, rs = out
        check_evaluation(case, ev, fails)
        assert not fails, "\n".join(fails)
        # The same evaluation read from Arrow tables (of every kind) and from a dict.
        year = case["year"]
        as_of = case.get("as_of")
        lenient = bool(case.get("lenient_vocabulary", False))
        want = ev.to_dict()
        # The lints as a property, and in the notebook display: shown, not only warned once.
        assert ev.lints == want.get("lints", []), f"{case['name']}: Evaluation.lints"
        html = ev._repr_html_()
        for lint in ev.lints:
            assert f"<code>{lint['code']}</code>" in html, f"{case['name']}: {lint['code']} not displayed"
        assert ("notes (" in html) == bool(ev.lints)
        # `review` warns the same lints as the evaluation lists: none is dropped.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            antq.review(ds, rs, year, as_of=as_of, lenient_vocabulary=lenient, library="pyarrow")
        warned = [w.message.problem for w in caught if isinstance(w.message, antq.LintWarning)]
        assert warned == want.get("lints", []), f"{case['name']}: review's lints"
        for frame_kind in ("pyarrow", "pandas", "polars"):
            frames = ds.to_frames(library=frame_kind)
            back = antq.Dataset.from_frames(**frames, meta=ds.meta)
            assert back == ds, frame_kind
            again = antq.evaluate(back, rs, year, as_of=as_of, lenient_vocabulary=lenient)
            assert again.to_dict() == want, frame_kind
        again = antq.evaluate(antq.Dataset.from_dict(ds.to_dict()), rs, year, as_of=as_of, lenient_vocabulary=lenient)
        assert again.to_dict() == want
    elif kind == "stats":
        check_stats(case, out, fails)
    else:
        check_parsed(case, kind, out, fails)
    assert not fails, "\n".join(fails)
