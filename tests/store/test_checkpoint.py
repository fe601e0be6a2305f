"""The write-ahead log is folded into the database when the app asks, not inside a save."""

from __future__ import annotations

from pathlib import Path

from app.config import AppPaths
from app.store.database import open_database
from app.store.settings import SettingsRepository


def test_saves_leave_the_log_alone_until_the_store_checkpoints(tmp_path: Path) -> None:
    store = open_database(AppPaths(tmp_path))
    try:
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        database = store.paths.database
        size_before = database.stat().st_size
        for number in range(300):
            with store.session() as session:
                SettingsRepository(session).set(f"note.{number}", "x" * 4000)
        # Past SQLite's default threshold (1000 pages) yet no save paid for a checkpoint:
        # everything written is still in the log, none of it in the database file.
        wal = database.with_name(database.name + "-wal")
        assert wal.stat().st_size > 1000 * 4096
        assert database.stat().st_size == size_before

        store.checkpoint()
        assert database.stat().st_size > size_before + 300 * 4000
        with store.read_session() as session:
            assert SettingsRepository(session).get("note.299") == "x" * 4000
    finally:
        store.close()
