"""Engine, sessions and start-up migrations, for SQLite and PostgreSQL alike.

On SQLite every transaction begins with ``BEGIN IMMEDIATE``: writers are serialised up front,
so the read-then-write steps (number leasing, the feed head) cannot interleave, the same
guarantee ``SELECT ... FOR UPDATE`` gives on PostgreSQL. Python's sqlite3 would otherwise begin
lazily and fail half-way with "database is locked".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker


class DatabaseUrlError(ValueError):
    """A database URL central cannot use; the message says which forms work."""


def check_url(url: str) -> str:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUrlError(
            f"{url!r} is not a database URL; use sqlite:///path/to/central.db or "
            "postgresql+psycopg://user:password@host:port/dbname"
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(
            f"database {parsed.get_backend_name()!r} is not supported; use sqlite or postgresql"
        )
    return url


def make_engine(url: str) -> Engine:
    check_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": 30, "check_same_thread": False})
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
        else:
            engine = create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=10)
    except (ArgumentError, NoSuchModuleError) as error:
        raise DatabaseUrlError(f"cannot use {url!r}: {error}") from None
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA busy_timeout=30000",
        "PRAGMA synchronous=NORMAL",
    ):
        dbapi_connection.execute(pragma).fetchall()


def _sqlite_on_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def migrate(engine: Engine) -> None:
    """``alembic upgrade head`` with central's own scripts (run at every start-up)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    config.set_main_option("path_separator", "os")
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        if connection.in_transaction():
            connection.commit()


class Database:
    """The engine and a session factory; ``transaction()`` is one unit of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def session(self) -> Session:
        return self._sessions()

    def dispose(self) -> None:
        self.engine.dispose()
