"""The top-level README's Python quick start runs: its one ``python`` block is executed as
written and must print the explanation it promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def _python_blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", README.read_text(encoding="utf-8"), re.S | re.M)


def test_the_readme_has_one_python_quick_start() -> None:
    assert len(_python_blocks()) == 1


def test_the_readme_python_quick_start_runs(capsys: pytest.CaptureFixture[str]) -> None:
    (block,) = _python_blocks()
    exec(compile(block, str(README), "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "CL-SD" in out
    assert "Kết quả" in out  # the explanation, in Vietnamese
