"""Child process of the crash-safety test: receives dossiers until it is killed.

    python -m tests.store.crash_child DATA_DIR [--kill-after N]
    python -m tests.store.crash_child DATA_DIR --serve

The store in DATA_DIR must already be seeded and set up. The child calls
``ReceptionService.receive`` in a loop and prints each code a save returned (flushed at once:
a printed code is a dossier the clerk was told about). With ``--kill-after N`` it sends itself
SIGKILL just before the N-th SQL statement counted from the start of its first save. SQLite's
trace callback, installed on every DBAPI connection through SQLAlchemy's "connect" event, runs
as each statement starts (FTS5's and triggers' inner statements included), so every position,
the one just before COMMIT too, can be hit.

Starting Python with SQLAlchemy costs about a second here, so a sweep over every statement of
several saves uses ``--serve``: the child sets up once, then for each command read from stdin
it forks a worker (a separate process with its own SQLite connections) and reports how the
worker ended:

    kill N   a worker that SIGKILLs itself before its N-th statement
    count K  a worker that makes K saves, printing each save's statement count
    loop     a worker that saves until the parent kills it (its pid is printed first)
    quit

Output lines: ``ready``, ``code CODE [STATEMENTS]``, ``pid PID``, ``exit STATUS`` (a negative
status is the signal that ended the worker).
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from app.config import AppPaths
from app.domain.reception import ReceptionDraft
from app.store.database import Store, open_database
from app.store.reception import ReceptionService
from tests.store.reception_support import MONDAY_0930, citizen, company, draft, other_citizen

BLOCK_SIZE = 3
"""Small standalone blocks, so granting a block happens inside many of the saves."""
MAX_SAVES = 100_000


class StatementCounter:
    def __init__(self) -> None:
        self.kill_after = 0
        self.armed = False
        self.count = 0

    def trace(self, _statement: str) -> None:
        if not self.armed:
            return
        self.count += 1
        if self.count == self.kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

    def install(self, dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.set_trace_callback(self.trace)


def _receive(
    store: Store,
    drafts: list[ReceptionDraft],
    counter: StatementCounter,
    saves: int,
    show_count: bool,
) -> None:
    # Each process numbers its own seconds: clocks of successive runs overlap, as a PC clock
    # set back would, and nothing may depend on them being increasing.
    ticks = iter(range(MAX_SAVES + 1))
    service = ReceptionService(
        store,
        clock=lambda: MONDAY_0930 + timedelta(seconds=next(ticks)),
        standalone_block_size=BLOCK_SIZE,
    )
    counter.count = 0
    counter.armed = True
    for index in range(saves):
        before = counter.count
        received = service.receive(drafts[index % len(drafts)])
        suffix = f" {counter.count - before}" if show_count else ""
        print(f"code {received.code}{suffix}", flush=True)
    counter.armed = False


def _worker(
    store: Store, drafts: list[ReceptionDraft], counter: StatementCounter, command: list[str]
) -> int | None:
    """Fork a worker for ``command``; in the server, return its exit status."""
    store.engine.dispose()  # no SQLite connection may cross the fork
    pid = os.fork()
    if pid == 0:
        try:
            if command[0] == "kill":
                counter.kill_after = int(command[1])
                _receive(store, drafts, counter, MAX_SAVES, show_count=False)
            elif command[0] == "count":
                _receive(store, drafts, counter, int(command[1]), show_count=True)
            else:
                _receive(store, drafts, counter, MAX_SAVES, show_count=False)
            store.engine.dispose()
            sys.stdout.flush()
        finally:
            os._exit(0)
    if command[0] == "loop":
        print(f"pid {pid}", flush=True)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--kill-after", type=int, default=0)
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args(argv)

    store = open_database(AppPaths(args.data_dir))
    store.engine.dispose()
    counter = StatementCounter()
    event.listen(store.engine, "connect", counter.install)
    drafts = [draft(store, applicant=a) for a in (citizen(), other_citizen(), company())]
    print("ready", flush=True)
    if not args.serve:
        counter.kill_after = args.kill_after
        _receive(store, drafts, counter, MAX_SAVES, show_count=False)
        return 0
    for line in sys.stdin:
        command = line.split()
        if not command or command[0] == "quit":
            break
        status = _worker(store, drafts, counter, command)
        print(f"exit {status}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
