"""National scale: progress and Ctrl-C on long calls, units as dicts page by page, O(1)
lookups."""

from __future__ import annotations

import _thread
import os
import signal
import threading
import time
from typing import Iterator, List, Tuple

import pytest

import antq


@pytest.fixture(scope="module")
def big() -> antq.Dataset:
    return antq.Dataset.generate(60_000, 2023, 3)


@pytest.fixture
def ctrl_c() -> Iterator[None]:
    """Python's own Ctrl-C handler for the test. A process started in the background by a
    non-interactive shell (as CI may run the suite) inherits SIGINT ignored, and Python then
    installs no handler: nothing would raise KeyboardInterrupt, with or without antq."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def test_progress_reports_done_of_total(big: antq.Dataset) -> None:
    seen: List[Tuple[int, int]] = []
    ev = antq.evaluate(big, "vn.c124-2021", 2023, progress=lambda d, t: seen.append((d, t)))
    assert all(0 <= d <= t for d, t in seen) and len(seen) > 4
    assert seen[-1] == (len(ev), len(ev)) or seen[-1][0] == seen[-1][1]
    # Explained results are made in rounds, each reported.
    assert sum(1 for d, t in seen if 0 < d < t) >= 3
    seen.clear()
    antq.review(big, "vn.c124-2021", 2023, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]


def test_an_exception_in_progress_stops_the_call(big: antq.Dataset) -> None:
    calls: List[int] = []

    def stop(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 3:
            raise RuntimeError("enough")

    with pytest.raises(RuntimeError, match="enough"):
        big.evaluate("vn.c124-2021", 2023, progress=stop)
    assert len(calls) == 3


def test_progress_must_be_a_callable_or_a_flag(sample: antq.Dataset) -> None:
    with pytest.raises(antq.ArgumentError) as e:
        antq.evaluate(sample, "vn.c124-2021", 2023, progress="yes")  # type: ignore[arg-type]
    assert e.value.argument == "progress"
    assert len(antq.evaluate(sample, "vn.c124-2021", 2023, progress=False)) == len(
        antq.evaluate(sample, "vn.c124-2021", 2023))


def test_progress_true_draws_a_tqdm_bar(sample: antq.Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    antq.evaluate(sample, "vn.c124-2021", 2023, progress=True)
    assert "unit" in capsys.readouterr().err


def test_sigint_from_another_thread_stops_the_call(big: antq.Dataset, ctrl_c: None) -> None:
    """Ctrl-C (SIGINT sent by another thread while the call runs) raises KeyboardInterrupt
    before the call ends: the reports after the signal never come."""
    started, sent = threading.Event(), threading.Event()
    seen: List[Tuple[int, int]] = []

    def report(done: int, total: int) -> None:
        seen.append((done, total))
        if not started.is_set():
            started.set()
            sent.wait(5)

    def interrupt() -> None:
        started.wait(5)
        os.kill(os.getpid(), signal.SIGINT)
        sent.set()

    t = threading.Thread(target=interrupt)
    t.start()
    with pytest.raises(KeyboardInterrupt):
        antq.evaluate(big, "vn.c124-2021", 2023, progress=report)
    t.join()
    full: List[Tuple[int, int]] = []
    antq.evaluate(big, "vn.c124-2021", 2023, progress=lambda d, n: full.append((d, n)))
    assert len(seen) <= 2 < len(full)


def test_interrupt_main_stops_a_call_without_progress(big: antq.Dataset, ctrl_c: None) -> None:
    """Without ``progress=`` the call still checks for Ctrl-C: interrupted a tenth of the way
    in, it stops well before a whole evaluation's time."""
    t0 = time.perf_counter()
    antq.evaluate(big, "vn.c124-2021", 2023)
    whole = time.perf_counter() - t0
    timer = threading.Timer(whole / 10, _thread.interrupt_main)
    t0 = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        antq.evaluate(big, "vn.c124-2021", 2023)
        time.sleep(whole)  # reached only if the call ignored the signal
    timer.join()
    assert time.perf_counter() - t0 < 0.75 * whole


def test_units_as_dicts_page_by_page() -> None:
    # Over two pages of units (2,048 a page), small enough to hold as one dict too.
    ev = antq.evaluate(antq.Dataset.generate(5_000, 2023, 5), "vn.c124-2021", 2023)
    whole = ev.to_dict()
    assert set(whole) >= {"decision", "units", "summary"} and len(whole["units"]) == len(ev)
    ids = ev.unit_ids()
    part = ev.to_dicts(2046, 2050)
    assert [d["unit"] for d in part] == ids[2046:2050]
    assert part == whole["units"][2046:2050]
    assert ev.to_dicts(len(ev) - 1, len(ev) + 10) == whole["units"][-1:]
    streamed = ev.iter_dicts()
    assert len(streamed) == len(ev)
    first = [next(streamed) for _ in range(3)]
    assert first == whole["units"][:3] and len(streamed) == len(ev) - 3
    assert sum(1 for _ in streamed) == len(ev) - 3
    # The JSON text and the dict agree.
    import json

    assert json.loads(ev.to_json())["units"] == whole["units"]


def test_lookups_by_id_find_each_unit(big: antq.Dataset) -> None:
    # By the core's index (`Evaluation::get`); how fast is the benchmarks' business, not a test's.
    ev = antq.evaluate(big, "vn.c124-2021", 2023)
    ids = ev.unit_ids()
    for i in ids[-2000:]:
        assert ev[i].unit == i
    assert sum(1 for _ in ev) == len(ev)


def test_analyses_report_progress_and_stop_on_request(sample: antq.Dataset) -> None:
    """whatif, impact, sensitivity and compare take ``progress=`` as evaluate does: told
    ``(done, total)`` on the calling thread, and an exception from it stops the call."""
    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    d510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(
        antq.Supplement.from_path(root / "core" / "sample" / "d510-supplement.toml"))
    calls = {
        "whatif": lambda p: antq.whatif(sample, "vn.c124-2021", 2023, ["NS-HP"], verify=True, progress=p),
        "impact": lambda p: antq.impact(sample, "vn.d9745-2022.communes", 2023, params={"min_met": 30}, progress=p),
        "sensitivity": lambda p: antq.sensitivity(sample, d510, 2023, samples=100, progress=p),
        "compare": lambda p: antq.compare(sample, "vn.c124", (2023, 2025), progress=p),
    }
    for name, call in calls.items():
        seen: List[Tuple[int, int]] = []
        call(lambda d, t: seen.append((d, t)))
        assert seen and all(0 <= d <= t for d, t in seen), name
        assert seen[-1][0] == seen[-1][1], name

        def stop(done: int, total: int) -> None:
            raise RuntimeError(f"stop {name}")

        with pytest.raises(RuntimeError, match=f"stop {name}"):
            call(stop)
