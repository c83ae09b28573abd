"""The reviewed explanation snapshots (tests/snapshots/explain, named by units.json) through
the Python surface: each unit's ``Evaluation.explain(unit, lang)`` must equal the file the Rust
core wrote, byte for byte (``ANTQ_UPDATE_SNAPSHOTS=1 cargo test -p antq-conformance --test
explain_snapshots`` rewrites them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest

import antq

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = ROOT / "tests" / "snapshots" / "explain"
MANIFEST: Dict[str, Any] = json.loads((SNAPSHOTS / "units.json").read_text(encoding="utf-8"))


def _params() -> Iterator[Any]:
    for s in MANIFEST["sets"]:
        for unit in s["units"]:
            for lang in ("en", "vi"):
                yield pytest.param(s, unit, lang, id=f"{s['dir']}/{unit}.{lang}")


PARAMS = list(_params())
_evaluations: Dict[str, antq.Evaluation] = {}


def _evaluation(s: Dict[str, Any], sample: antq.Dataset) -> antq.Evaluation:
    if s["dir"] not in _evaluations:
        rules = antq.RuleSet.preset(s["rules"])
        for path in s["supplements"]:
            rules = rules.with_supplement(antq.Supplement.from_path(ROOT / path))
        _evaluations[s["dir"]] = antq.evaluate(sample, rules, s["year"])
    return _evaluations[s["dir"]]


def test_the_manifest_names_a_dozen_units() -> None:
    assert len(PARAMS) >= 24


@pytest.mark.parametrize(("s", "unit", "lang"), PARAMS)
def test_explanation_matches_the_snapshot(s: Dict[str, Any], unit: str, lang: str, sample: antq.Dataset) -> None:
    want = (SNAPSHOTS / s["dir"] / f"{unit}.{lang}.txt").read_bytes()
    got = _evaluation(s, sample).explain(unit, lang=lang).encode("utf-8")
    assert got == want
