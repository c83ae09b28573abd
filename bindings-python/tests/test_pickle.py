"""Every antq object pickles and copies (issue 16, point 6): through the core's own JSON, so
a process pool, joblib or a cache gets the same values back."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

import antq


def test_objects_round_trip_through_pickle(sample: antq.Dataset, root: Path) -> None:
    rules = antq.RuleSet.preset("vn.d510-2022")
    sup = antq.Supplement.from_path(root / "core/sample/d510-supplement.toml")
    with_sup = rules.with_supplement(sup)
    ev = antq.evaluate(sample, with_sup, 2023)
    st = antq.activity_stats(sample, 2023)
    unit = ev[ev.unit_ids()[0]]
    for obj in (sample, rules, sup, with_sup, ev, st, unit):
        back = pickle.loads(pickle.dumps(obj))
        assert type(back) is type(obj)
        assert back.to_dict() == obj.to_dict()
    # What comes back works: the same evaluation from the unpickled dataset and rules.
    again = antq.evaluate(pickle.loads(pickle.dumps(sample)), pickle.loads(pickle.dumps(with_sup)), 2023)
    assert again.to_json() == ev.to_json()
    assert pickle.loads(pickle.dumps(ev))[unit.unit].outcome == unit.outcome


def test_copies_are_the_immutable_object(ev2023: antq.Evaluation, sample: antq.Dataset) -> None:
    for obj in (ev2023, sample):
        assert copy.copy(obj) is obj
        assert copy.deepcopy(obj) is obj


def test_a_foreign_pickle_is_an_antq_error() -> None:
    from antq._antq import _unpickle

    with pytest.raises(antq.AntqError):
        _unpickle("Dataset", "{not json")
    with pytest.raises(antq.AntqError):
        _unpickle("Nothing", "{}")
