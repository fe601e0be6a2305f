"""The SQLAlchemy engine of the local store and the PRAGMAs every connection needs.

Python's ``sqlite3`` module begins transactions lazily, only before a data change: a read
followed by a write in one unit of work then runs partly outside the transaction, and in WAL
mode the late upgrade to a write lock fails at once with "database is locked" when another
connection wrote in between (``busy_timeout`` does not help there). The engine therefore turns
the driver's own transaction handling off and emits ``BEGIN`` itself, as SQLAlchemy's SQLite
documentation recommends. A session that will write asks for ``BEGIN IMMEDIATE`` through the
``sqlite_begin`` execution option, so it takes the write lock up front and waits politely
(busy_timeout) instead of failing half-way; the audit chain relies on this.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

BUSY_TIMEOUT_MS = 5000
BEGIN_OPTION = "sqlite_begin"
IMMEDIATE = "IMMEDIATE"


def connection_pragmas(busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> tuple[str, ...]:
    return (
        "PRAGMA journal_mode=WAL",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={busy_timeout_ms}",
        "PRAGMA synchronous=NORMAL",
        # No checkpoint inside a clerk's save: the store checkpoints when the WAL has grown
        # (Store.session) and the application when the counter is idle (Store.checkpoint).
        "PRAGMA wal_autocheckpoint=0",
        # After a checkpoint the log restarts; this truncates the file, so its size tells
        # how much is waiting to be checkpointed.
        "PRAGMA journal_size_limit=4194304",
    )


def _on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(BEGIN_OPTION, "")
    if mode not in ("", IMMEDIATE):
        raise ValueError(f"unsupported {BEGIN_OPTION} {mode!r}")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def make_engine(database: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine on ``database`` whose connections all carry the store's PRAGMAs."""
    pragmas = connection_pragmas(busy_timeout_ms)

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        for pragma in pragmas:
            dbapi_connection.execute(pragma).fetchall()

    engine = create_engine(
        f"sqlite:///{database}", connect_args={"timeout": busy_timeout_ms / 1000}
    )
    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def set_foreign_keys(connection: Connection, enabled: bool) -> None:
    """Switch foreign-key enforcement on a connection that is *not* in a transaction.

    SQLite ignores this PRAGMA inside a transaction, so it goes straight to the driver
    connection instead of through SQLAlchemy, which would begin one first.
    """
    if connection.in_transaction():
        raise RuntimeError("foreign_keys can only change outside a transaction")
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys={'ON' if enabled else 'OFF'}")
