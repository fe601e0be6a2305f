"""Opening the store: PRAGMAs, sessions, and errors a user can fix instead of stack traces."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import text

from app.config import AppPaths
from app.store.database import Store, inspect_revision, open_database, read_setting
from app.store.engine import make_engine
from app.store.errors import (
    DatabaseLockedError,
    DatabaseTooNewError,
    NotADatabaseError,
    StoreError,
    UnknownDatabaseError,
)
from app.store.settings import SettingsRepository


def test_wal_and_foreign_keys_are_on(store: Store) -> None:
    with store.read_session() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert session.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), store.session() as session:
        session.execute(
            text("INSERT INTO counters (code, name, org_unit_id, active) VALUES ('Q', 'Q', 999, 1)")
        )


def test_a_file_that_is_not_a_database_is_refused_untouched(app_paths: AppPaths) -> None:
    app_paths.data_dir.mkdir(parents=True)
    content = b"this is a scanned receipt, not a database\n" * 100
    app_paths.database.write_bytes(content)
    with pytest.raises(NotADatabaseError) as raised:
        open_database(app_paths)
    assert "not a Một Cửa Desk database" in str(raised.value)
    assert "không phải cơ sở dữ liệu" in raised.value.message_vi
    assert isinstance(raised.value, StoreError)
    assert app_paths.database.read_bytes() == content
    with pytest.raises(NotADatabaseError):
        inspect_revision(app_paths)


def test_a_foreign_sqlite_database_is_refused(app_paths: AppPaths) -> None:
    app_paths.data_dir.mkdir(parents=True)
    with closing(sqlite3.connect(app_paths.database)) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER)")
        connection.commit()
    with pytest.raises(UnknownDatabaseError):
        open_database(app_paths)


def test_a_database_from_a_newer_app_is_refused(app_paths: AppPaths) -> None:
    open_database(app_paths).close()
    with closing(sqlite3.connect(app_paths.database)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()
    with pytest.raises(DatabaseTooNewError) as raised:
        open_database(app_paths)
    assert raised.value.revision == "9999"
    assert list(app_paths.backups_dir.glob("*")) == []


def test_a_locked_database_gives_a_clear_error(store: Store) -> None:
    impatient = Store(make_engine(store.paths.database, busy_timeout_ms=50), store.paths)
    blocker = sqlite3.connect(store.paths.database, timeout=0, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseLockedError) as raised, impatient.session() as session:
            SettingsRepository(session).set("x", 1)
        assert "locked by another program" in str(raised.value)
        assert "đang bị chương trình khác sử dụng" in raised.value.message_vi
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        impatient.close()


def test_session_commits_and_rolls_back(store: Store) -> None:
    with store.session() as session:
        SettingsRepository(session).set("ui.font_scale", 1.25)
    with pytest.raises(RuntimeError), store.session() as session:
        SettingsRepository(session).set("ui.font_scale", 2)
        raise RuntimeError("clerk cancelled")
    with store.read_session() as session:
        assert SettingsRepository(session).get("ui.font_scale") == 1.25
        assert SettingsRepository(session).get("absent", "fallback") == "fallback"


def test_settings_can_be_read_without_opening_the_store(store: Store) -> None:
    with store.session() as session:
        SettingsRepository(session).set("sync.central_url", "https://central.example")
    assert read_setting(store.paths, "sync.central_url") == "https://central.example"
    assert read_setting(store.paths, "missing") is None


def test_write_sessions_take_the_write_lock_at_begin(store: Store) -> None:
    with store.session() as session:
        session.execute(text("SELECT 1"))
        other = sqlite3.connect(store.paths.database, timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
