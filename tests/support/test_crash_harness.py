"""The crash harness kills a real child at random moments and says how each run ended; a
SQLite file written in transactions survives every kill whole, with every committed row."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from tests.support.crash_harness import CrashHarness, CrashRun
from tests.support.crash_workload import ROWS_PER_BATCH, finish, never_ready, write_batches

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")


def _check_file(db_path: Path, told: set[int]) -> int:
    """Every invariant a kill must not break; returns how many batches the file holds."""
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        per_batch = connection.execute(
            "SELECT batch, count(*) FROM batch_rows GROUP BY batch ORDER BY batch"
        ).fetchall()
        batches, rows = connection.execute("SELECT batches, rows FROM totals").fetchone()
    finally:
        connection.close()
    # Whole batches only, numbered without a gap, and the totals agree with them.
    assert per_batch == [(n, ROWS_PER_BATCH) for n in range(1, batches + 1)]
    assert rows == batches * ROWS_PER_BATCH
    # Every batch the child called committed is there.
    assert told <= set(range(1, batches + 1))
    return batches


def _said(run: CrashRun, word: str) -> list[int]:
    return [int(line.split()[1]) for line in run.lines if line.startswith(f"{word} ")]


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_random_kills_never_corrupt_or_lose_a_committed_transaction(
    tmp_path: Path, journal_mode: str
) -> None:
    db_path = tmp_path / "toy.sqlite3"
    harness = CrashHarness(write_batches, str(db_path), journal_mode, ready="target", seed=11)
    told: set[int] = set()
    batches = 0
    inside_a_transaction = 0
    for run in harness.kill_repeatedly(runs=12, min_delay_s=0.0, max_delay_s=0.15):
        assert run.ready, run.stderr
        assert run.killed
        assert run.returncode == -signal.SIGKILL, run.stderr
        committed = _said(run, "committed")
        begun = _said(run, "begin")
        if begun and begun[-1] not in committed:
            inside_a_transaction += 1
        told.update(committed)
        after = _check_file(db_path, told)
        # Each run goes on from where the last one stopped.
        assert not begun or begun[0] == batches + 1
        assert after >= batches
        batches = after
    print(f"{journal_mode}: {batches} batches, {inside_a_transaction} kills inside a transaction")
    assert inside_a_transaction >= 3  # the kills did land in the middle of writing
    assert batches > 0  # ...and the work went on between them


def test_a_child_that_ends_by_itself_is_reported_as_it_ended() -> None:
    finished = CrashHarness(finish, 0).run(kill_after_s=None)
    assert (finished.ready, finished.killed, finished.returncode) == (True, False, 0)
    assert finished.lines == ["done"]

    failed = CrashHarness(finish, 3).run(kill_after_s=30.0)
    assert (failed.killed, failed.returncode) == (False, 1)
    assert "RuntimeError: the workload failed" in failed.stderr

    silent = CrashHarness(never_ready, ready="target").run(kill_after_s=30.0)
    assert (silent.ready, silent.killed, silent.returncode) == (False, False, 5)


def test_a_kill_comes_after_readiness_and_a_cut_line_is_left_out(tmp_path: Path) -> None:
    db_path = tmp_path / "toy.sqlite3"
    run = CrashHarness(write_batches, str(db_path), "wal", ready="target").run(kill_after_s=0.3)
    assert (run.ready, run.killed, run.kill_after_s) == (True, True, 0.3)
    assert all(line.startswith(("begin ", "committed ")) for line in run.lines)
    assert _check_file(db_path, set(_said(run, "committed"))) >= 1
