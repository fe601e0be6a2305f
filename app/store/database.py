"""Opening the local store: data folder, backup, migration, sessions.

:func:`open_database` is the one way in. It refuses, with a :class:`StoreError` the UI can show,
anything it cannot handle safely (a file that is not ours, a schema from a newer app, a full or
read-only disk) and never recreates or overwrites a database to get past an error.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import AppPaths
from app.store.backup import DEFAULT_KEEP, copy_database, prune_backups
from app.store.engine import BEGIN_OPTION, IMMEDIATE, make_engine
from app.store.errors import (
    DatabaseTooNewError,
    StoreError,
    UnknownDatabaseError,
    translate,
)
from app.store.migration import current_revision, head_revision, known_revisions, upgrade

__all__ = [
    "Store",
    "StoreError",
    "current_revision",
    "head_revision",
    "inspect_revision",
    "open_database",
    "read_setting",
]

_VERSION_TABLE = "alembic_version"


WAL_CHECKPOINT_BYTES = 32 * 1024 * 1024
"""A commit checkpoints only past this log size; idle-time checkpoints keep it far below."""


class Store:
    """The engine and the two kinds of session of an opened database.

    ``session()`` is a unit of work that writes: it takes SQLite's write lock at BEGIN, commits
    on success and rolls back on any exception. ``read_session()`` never writes and never holds
    the write lock, so screens can query while a sync writes.
    """

    def __init__(self, engine: Engine, paths: AppPaths, backup: Path | None = None) -> None:
        self.engine = engine
        self.paths = paths
        self.backup = backup
        """The copy taken before this opening migrated the database, if any."""
        self._writers = sessionmaker(
            bind=engine.execution_options(**{BEGIN_OPTION: IMMEDIATE}), expire_on_commit=False
        )
        self._readers = sessionmaker(bind=engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._unit_of_work(self._writers(), commit=True) as session:
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        with self._unit_of_work(self._readers(), commit=False) as session:
            yield session

    @contextmanager
    def _unit_of_work(self, session: Session, commit: bool) -> Iterator[Session]:
        try:
            yield session
            if commit:
                session.commit()
                if self._wal_size() > WAL_CHECKPOINT_BYTES:
                    self.checkpoint()
            # A read session just closes: closing ends the transaction without expiring the
            # loaded objects, so a screen can still read them after the session is gone.
        except BaseException as error:
            session.rollback()
            known = translate(error, self.paths.database)
            if known is not None and known is not error:
                raise known from error
            raise
        finally:
            session.close()

    def _wal_size(self) -> int:
        try:
            return self.paths.database.with_name(self.paths.database.name + "-wal").stat().st_size
        except OSError:
            return 0

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file without waiting for readers.

        SQLite's automatic checkpoint runs inside whichever commit crosses its threshold, so
        one receipt in a few dozen waited for it (seconds on a slow disk). The application
        calls this when the counter is idle instead; a commit calls it only once the log is
        large (``WAL_CHECKPOINT_BYTES``), so the log cannot grow without bound.
        """
        # On the driver connection: SQLAlchemy would wrap it in a transaction, inside which
        # SQLite cannot checkpoint.
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()  # type: ignore[union-attr]
        finally:
            raw.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class _Probe:
    has_tables: bool
    ours: bool
    """Whether Alembic's version table is there: a file without it was not made by the app."""
    revision: str | None


def _probe(database: Path, read_only: bool) -> _Probe:
    """What is in an existing file, read with plain ``sqlite3`` before SQLAlchemy touches it."""
    target = f"{database.resolve().as_uri()}?mode=ro" if read_only else str(database)
    with closing(sqlite3.connect(target, uri=read_only)) as connection:
        names = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if _VERSION_TABLE not in names:
            return _Probe(has_tables=bool(names), ours=False, revision=None)
        row = connection.execute(f"SELECT version_num FROM {_VERSION_TABLE}").fetchone()
        return _Probe(has_tables=True, ours=True, revision=row[0] if row else None)


def _probe_checked(database: Path, read_only: bool) -> _Probe:
    try:
        probe = _probe(database, read_only)
    except (sqlite3.Error, OSError) as error:
        known = translate(error, database)
        if known is None:
            raise
        raise known from error
    if probe.has_tables and not probe.ours:
        raise UnknownDatabaseError(database)
    if probe.revision is not None and probe.revision not in known_revisions():
        raise DatabaseTooNewError(database, probe.revision)
    return probe


def open_database(paths: AppPaths, *, keep_backups: int = DEFAULT_KEEP) -> Store:
    """Open (creating or migrating as needed) the database in ``paths``.

    An existing database that is not at the newest revision is first copied into
    ``paths.backups_dir`` (keeping the newest ``keep_backups`` copies); only then is it
    migrated. A database already at head is opened as it is.
    """
    database = paths.database
    backup: Path | None = None
    at_head = False
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        if database.exists() and database.stat().st_size > 0:
            probe = _probe_checked(database, read_only=False)
            at_head = probe.revision == head_revision()
            if probe.has_tables and not at_head:
                backup = copy_database(database, paths.backups_dir, probe.revision)
                prune_backups(paths.backups_dir, keep_backups)
        engine = make_engine(database)
    except StoreError:
        raise
    except (sqlite3.Error, OSError) as error:
        known = translate(error, database)
        if known is None:
            raise
        raise known from error
    if at_head:
        return Store(engine, paths, backup)
    try:
        upgrade(engine)
    except BaseException as error:
        engine.dispose()
        known = translate(error, database)
        if known is not None and known is not error:
            raise known from error
        raise
    return Store(engine, paths, backup)


def inspect_revision(paths: AppPaths) -> tuple[str | None, str]:
    """(the database's revision, the app's head) without changing anything: for ``doctor``."""
    probe = _probe_checked(paths.database, read_only=True)
    return probe.revision, head_revision()


def read_setting(paths: AppPaths, key: str) -> Any:
    """One setting's JSON value read without opening (or migrating) the store; ``None`` if
    absent. For diagnostics that must work even when the app cannot start."""
    database = paths.database
    if not database.exists():
        return None
    _probe_checked(database, read_only=True)
    try:
        with closing(
            sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        ) as connection:
            exists = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'"
            ).fetchone()
            if not exists:
                return None
            row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error as error:
        known = translate(error, database)
        if known is None:
            raise
        raise known from error
    return json.loads(row[0]) if row else None
