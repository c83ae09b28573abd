from __future__ import annotations

from pathlib import Path

import pytest

import antq

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sample() -> antq.Dataset:
    return antq.Dataset.sample()


@pytest.fixture(scope="session")
def c124() -> antq.RuleSet:
    return antq.RuleSet.preset("vn.c124-2021")


@pytest.fixture(scope="session")
def ev2023(sample: antq.Dataset, c124: antq.RuleSet) -> antq.Evaluation:
    return antq.evaluate(sample, c124, 2023)
