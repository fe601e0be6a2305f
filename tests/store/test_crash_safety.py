"""Acceptance: killing the process at any point of a save leaves whole dossiers only, and no
dossier code is ever issued twice.

A child process (``tests/store/crash_child.py``) receives dossiers and is killed with SIGKILL
before every SQL statement of a save (the first save sweeps every position while nothing can
commit, the following ones let one save commit per run), then at random moments chosen by the
parent. After each kill the parent opens the database as the app would and checks it.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import text

from app.config import AppPaths
from app.store.audit import AuditLog
from app.store.database import open_database
from app.store.seed import seed_from_resources

from .conftest import FIXTURE_RESOURCES
from .reception_support import AGENCY, set_up_counter

REPO_ROOT = Path(__file__).resolve().parents[2]
SIGKILLED = -signal.SIGKILL

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="SIGKILL and fork are POSIX (the crash sweep forks workers)"
)


@dataclass
class History:
    """What the clerk was told (codes printed by the children), across every run."""

    told: list[str] = field(default_factory=list)
    kills: int = 0


def _child(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_child", str(data_dir), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )


def _lines(process: subprocess.Popen[str]) -> Iterator[str]:
    assert process.stdout is not None
    for line in process.stdout:
        yield line.rstrip("\n")


class Server:
    """The ``--serve`` child: one Python start-up, a forked worker per run."""

    def __init__(self, data_dir: Path) -> None:
        self.process = _child(data_dir, "--serve")
        self.lines = _lines(self.process)
        assert next(self.lines) == "ready"

    def run(self, command: str, on_pid: float | None = None) -> tuple[int, list[str]]:
        """Send ``command``; return the worker's exit status and the lines it printed. With
        ``on_pid``, the worker is killed by us that many seconds after it starts."""
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        printed: list[str] = []
        for line in self.lines:
            if line.startswith("pid ") and on_pid is not None:
                time.sleep(on_pid)
                os.kill(int(line.split()[1]), signal.SIGKILL)
            elif line.startswith("exit "):
                return int(line.split()[1]), printed
            else:
                printed.append(line)
        raise AssertionError(f"the crash child died: {self.stderr()}")

    def stderr(self) -> str:
        self.process.kill()
        _, errors = self.process.communicate(timeout=30)
        return errors

    def close(self) -> None:
        if self.process.returncode is None:
            self.process.communicate("quit\n", timeout=60)


def _codes(printed: list[str]) -> list[str]:
    return [line.split()[1] for line in printed if line.startswith("code ")]


def _check_whole(paths: AppPaths, history: History) -> int:
    """Every invariant a crash must not break; returns the number of dossiers."""
    store = open_database(paths)
    try:
        with store.read_session() as session:

            def rows(sql: str) -> list[tuple[object, ...]]:
                return [tuple(row) for row in session.execute(text(sql))]

            def scalar(sql: str) -> object:
                return session.execute(text(sql)).scalar()

            assert rows("PRAGMA integrity_check") == [("ok",)]
            assert rows("PRAGMA foreign_key_check") == []
            dossiers = rows("SELECT id, code, local_sequence FROM dossiers ORDER BY id")
            total = len(dossiers)
            codes = [code for _, code, _ in dossiers]
            # Numbers: 1..n without a gap or a repeat, in the order the dossiers were written.
            assert codes == [f"{AGENCY}-260302-{n:04d}" for n in range(1, total + 1)]
            assert [sequence for _, _, sequence in dossiers] == list(range(1, total + 1))
            # Each dossier is whole.
            per_dossier = {
                "documents": "SELECT count(*) FROM dossier_documents GROUP BY dossier_id",
                "history": "SELECT count(*) FROM status_history GROUP BY dossier_id",
                "issued code": "SELECT count(*) FROM issued_codes GROUP BY dossier_id",
                "search entry": "SELECT count(*) FROM search_index "
                "WHERE entity = 'dossier' GROUP BY entity_id",
                "audit entry": "SELECT count(*) FROM audit_log "
                "WHERE action = 'dossier.received' GROUP BY entity_id",
                "outbox entry": "SELECT count(*) FROM outbox GROUP BY entity_id",
            }
            expected = {"documents": 3}
            for what, sql in per_dossier.items():
                assert rows(sql) == [(expected.get(what, 1),)] * total, what
            # ...and nothing exists without its dossier.
            assert rows("SELECT code FROM issued_codes ORDER BY sequence") == [
                (code,) for code in codes
            ]
            assert scalar("SELECT count(*) FROM issued_codes WHERE dossier_id IS NULL") == 0
            assert rows("SELECT entity_id FROM audit_log ORDER BY id") == [
                (code,) for code in codes
            ]
            assert rows("SELECT entity_id FROM outbox ORDER BY seq") == [(code,) for code in codes]
            assert (
                scalar(
                    "SELECT count(*) FROM search_index WHERE entity = 'dossier' AND CAST(entity_id "
                    "AS INTEGER) NOT IN (SELECT id FROM dossiers)"
                )
                == 0
            )
            assert AuditLog().verify(session).ok
            # The counter's own blocks never overlap.
            blocks = rows("SELECT first, last FROM code_blocks ORDER BY first")
            for (_, last), (first, _) in itertools.pairwise(blocks):
                assert first > last
            # Every code a child printed was saved: what the clerk was told is on disk.
            assert set(history.told) <= set(codes)
            assert len(history.told) == len(set(history.told))
        return total
    finally:
        store.close()


def _after_kill(paths: AppPaths, history: History, status: int, printed: list[str]) -> int:
    assert status == SIGKILLED, printed
    history.kills += 1
    history.told += _codes(printed)
    return _check_whole(paths, history)


def test_killing_the_process_at_any_point_of_a_save_leaves_whole_dossiers(
    app_paths: AppPaths,
) -> None:
    store = open_database(app_paths)
    seed_from_resources(store, FIXTURE_RESOURCES)
    set_up_counter(store)
    store.close()
    history = History()
    server = Server(app_paths.data_dir)
    try:
        # Three saves, counting their statements.
        status, printed = server.run("count 3")
        assert status == 0
        statements = [int(line.split()[2]) for line in printed]
        history.told += _codes(printed)
        assert _check_whole(app_paths, history) == 3

        # Every statement of one save: killed before its N-th statement, the first save of
        # the run does not commit, so each run meets the same database (with a block to
        # grant, as the three numbers of the first block are used). N grows until the save
        # commits: by then a kill has landed before each of its statements, COMMIT included.
        position = 0
        while True:
            position += 1
            assert position < 10 * max(statements), "the first save never committed"
            status, printed = server.run(f"kill {position}")
            total = _after_kill(app_paths, history, status, printed)
            if total > 3:
                break
            assert total == 3
        assert position > min(statements) // 2  # the sweep did cover a whole save

        # Later saves: the first save of each run commits and the kill lands ever later in
        # the next one, on a database that grows by a save (and a block now and then).
        first_commit = position
        for later in range(first_commit + 1, first_commit + max(statements) + 1):
            status, printed = server.run(f"kill {later}")
            # A save that grants a block runs a few more statements than the swept one, so
            # now and then a run commits nothing.
            now = _after_kill(app_paths, history, status, printed)
            assert now >= total
            total = now
        assert total > 3 + max(statements) // 2

        # A few runs several saves deep.
        for deep in (3 * sum(statements), 5 * sum(statements)):
            status, printed = server.run(f"kill {deep}")
            _after_kill(app_paths, history, status, printed)

        # Random moments chosen from outside, in a forked worker...
        rng = random.Random(20260302)
        for _ in range(6):
            status, printed = server.run("loop", on_pid=rng.uniform(0.01, 0.4))
            _after_kill(app_paths, history, status, printed)
    finally:
        server.close()

    # ...and in freshly started processes, as after a real power button.
    for _ in range(3):
        child = _child(app_paths.data_dir)
        lines = _lines(child)
        assert next(lines) == "ready"
        time.sleep(rng.uniform(0.05, 0.5))
        child.kill()
        printed = list(lines)
        child.communicate(timeout=30)  # reaps it and closes its pipes
        _after_kill(app_paths, history, child.returncode, printed)

    # The next run goes on from where the last whole dossier stopped.
    total = _check_whole(app_paths, history)
    server = Server(app_paths.data_dir)
    try:
        status, printed = server.run("count 2")
        assert status == 0
        assert _codes(printed) == [f"{AGENCY}-260302-{n:04d}" for n in (total + 1, total + 2)]
    finally:
        server.close()
    history.told += _codes(printed)
    assert _check_whole(app_paths, history) == total + 2
    assert history.kills >= 2 * min(statements) + 10
