"""The background-task helper delivers results and errors on the GUI thread."""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from app.ui.tasks import TaskRunner


@pytest.fixture
def tasks(qapp: object) -> Iterator[TaskRunner]:
    runner = TaskRunner(io_workers=3)
    yield runner
    runner.shutdown()


def test_db_result_arrives_on_gui_thread(qtbot: QtBot, tasks: TaskRunner) -> None:
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback"] = threading.current_thread()

    tasks.run_db(work, on_done=done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=2000)
    assert seen["value"] == 42
    assert seen["callback"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()


def test_error_arrives_on_gui_thread(qtbot: QtBot, tasks: TaskRunner) -> None:
    errors: list[tuple[BaseException, threading.Thread]] = []

    def fail() -> None:
        raise ValueError("disk on fire")

    tasks.run_io(fail, on_error=lambda e: errors.append((e, threading.current_thread())))
    qtbot.waitUntil(lambda: bool(errors), timeout=2000)
    error, thread = errors[0]
    assert isinstance(error, ValueError)
    assert str(error) == "disk on fire"
    assert thread is threading.main_thread()


def test_unhandled_error_is_signalled(qtbot: QtBot, tasks: TaskRunner) -> None:
    def fail() -> None:
        raise KeyError("missing")

    with qtbot.waitSignal(tasks.failed, timeout=2000) as blocker:
        tasks.run_db(fail)
    assert "KeyError" in blocker.args[0]


def test_db_work_is_serial_and_ordered(qtbot: QtBot, tasks: TaskRunner) -> None:
    order: list[int] = []
    threads: set[int] = set()
    active = 0
    overlap = False
    lock = threading.Lock()

    def work(n: int) -> int:
        nonlocal active, overlap
        with lock:
            active += 1
            overlap = overlap or active > 1
        threads.add(threading.get_ident())
        time.sleep(0.005)
        with lock:
            active -= 1
        return n

    for n in range(10):
        tasks.run_db(lambda n=n: work(n), on_done=order.append)
    qtbot.waitUntil(lambda: len(order) == 10, timeout=3000)
    assert order == list(range(10))
    assert len(threads) == 1
    assert not overlap


def test_io_work_runs_in_parallel(qtbot: QtBot, tasks: TaskRunner) -> None:
    barrier = threading.Barrier(3, timeout=2)
    done: list[int] = []
    for n in range(3):
        # Only passes if three tasks are running at the same time.
        tasks.run_io(lambda n=n: (barrier.wait(), n)[1], on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 3, timeout=3000)
    assert sorted(done) == [0, 1, 2]


def test_shutdown_waits_and_suppresses_callbacks(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    finished = threading.Event()
    called: list[str] = []

    def slow() -> str:
        started.set()
        time.sleep(0.05)
        finished.set()
        return "late"

    runner.run_db(slow, on_done=called.append)
    runner.run_db(lambda: "queued", on_done=called.append)
    assert started.wait(2)
    runner.shutdown()
    assert finished.is_set()
    qtbot.wait(50)
    assert called == []
    with pytest.raises(RuntimeError):
        runner.run_db(lambda: None)


def test_many_deliveries_leave_true_and_false_alone(qtbot: QtBot, tasks: TaskRunner) -> None:
    """PySide6 6.12.0's emit() steals a reference to True; delivery must not depend on it."""
    # Other code takes and drops references meanwhile, so allow noise far below the
    # one-per-delivery loss the fault would cause.
    gc.collect()
    before = sys.getrefcount(True)
    done: list[bool] = []
    for n in range(2000):
        tasks.run_db(lambda n=n: n % 2 == 0, on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 2000, timeout=10000)
    done.clear()
    assert sys.getrefcount(True) > before - 100


def test_installed_pyside6_emit_keeps_reference_counts() -> None:
    """PySide6 6.12.0's emit() steals a reference to True and aborts the process after a few
    hundred emits; pyproject excludes it, and this fails if such a release comes back."""

    class Source(QObject):
        ping = Signal(int)

    source = Source()
    received: list[int] = []
    source.ping.connect(received.append)
    gc.collect()
    before = sys.getrefcount(True)
    for n in range(2000):
        source.ping.emit(n)
    assert received == list(range(2000))
    assert sys.getrefcount(True) > before - 100


def test_db_busy_while_database_work_is_queued_or_running(qtbot: QtBot, tasks: TaskRunner) -> None:
    import threading

    release = threading.Event()
    assert not tasks.db_busy()
    tasks.run_db(release.wait)
    assert tasks.db_busy()
    release.set()
    qtbot.waitUntil(lambda: not tasks.db_busy(), timeout=5000)
