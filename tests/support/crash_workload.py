"""Toy workloads for the crash harness's own tests: they run in the child interpreter.

They live in a module of their own, not in the test module, so the child imports no pytest.
"""

from __future__ import annotations

import random
import sqlite3
import sys

from tests.support.crash_harness import signal_ready

ROWS_PER_BATCH = 200
PAYLOAD_BYTES = 512


def write_batches(db_path: str, journal_mode: str) -> None:
    """Commit batches of rows forever, each in one transaction, and say so after each commit.

    ``begin N`` is printed (flushed) as batch N starts and ``committed N`` once COMMIT has
    returned: the parent can tell a kill inside a transaction from one between two, and holds
    every batch the child called committed against the file."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute(f"PRAGMA journal_mode={journal_mode}")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS batch_rows ("
        "batch INTEGER NOT NULL, n INTEGER NOT NULL, payload BLOB NOT NULL, "
        "PRIMARY KEY (batch, n))"
    )
    connection.execute(
        "CREATE TABLE IF NOT EXISTS totals ("
        "id INTEGER PRIMARY KEY CHECK (id = 1), batches INTEGER NOT NULL, rows INTEGER NOT NULL)"
    )
    connection.execute("INSERT OR IGNORE INTO totals VALUES (1, 0, 0)")
    rng = random.Random()
    signal_ready()
    while True:
        connection.execute("BEGIN IMMEDIATE")
        (batch,) = connection.execute("SELECT batches + 1 FROM totals").fetchone()
        print(f"begin {batch}", flush=True)
        connection.executemany(
            "INSERT INTO batch_rows VALUES (?, ?, ?)",
            ((batch, n, rng.randbytes(PAYLOAD_BYTES)) for n in range(ROWS_PER_BATCH)),
        )
        connection.execute(
            "UPDATE totals SET batches = batches + 1, rows = rows + ?", (ROWS_PER_BATCH,)
        )
        connection.execute("COMMIT")
        print(f"committed {batch}", flush=True)


def finish(code: int) -> None:
    """Ends by itself: with ``code`` as its exit status, or by raising when ``code`` is 3."""
    print("done", flush=True)
    if code == 3:
        raise RuntimeError("the workload failed")
    sys.exit(code)


def never_ready() -> None:
    """Dies before it says it is ready (with ``ready="target"``)."""
    sys.exit(5)
