"""Migrations: every revision goes up, down and up again; models and migrations agree; the
database is copied aside before it is migrated, and only then."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from app.config import AppPaths
from app.store.backup import list_backups, prune_backups
from app.store.database import inspect_revision, open_database
from app.store.engine import make_engine
from app.store.migration import (
    alembic_config,
    current_revision,
    downgrade,
    head_revision,
    shipped_revisions,
    upgrade,
)
from app.store.models import Base
from app.store.schema import FTS_TABLES, include_object


def _revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def test_stairway_up_down_up_for_every_revision(app_paths: AppPaths) -> None:
    app_paths.data_dir.mkdir(parents=True)
    engine = make_engine(app_paths.database)
    try:
        previous = "base"
        for revision in _revisions_oldest_first():
            upgrade(engine, revision)
            assert current_revision(engine) == revision
            downgrade(engine, previous)
            assert current_revision(engine) == (None if previous == "base" else previous)
            upgrade(engine, revision)
            previous = revision
        downgrade(engine, "base")
        leftover = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert leftover == set()
    finally:
        engine.dispose()


def test_models_and_migrations_agree(app_paths: AppPaths) -> None:
    store = open_database(app_paths)
    try:
        with store.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={"include_object": include_object, "compare_type": True},
            )
            assert compare_metadata(context, Base.metadata) == []
        tables = set(inspect(store.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert "search_index" in tables
        assert tables >= FTS_TABLES
    finally:
        store.close()


def test_database_is_copied_aside_before_migrating(app_paths: AppPaths) -> None:
    store = open_database(app_paths)
    store.close()
    engine = make_engine(app_paths.database)
    downgrade(engine, "base")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE marker (note TEXT)")
        connection.exec_driver_sql("INSERT INTO marker VALUES ('before the upgrade')")
    engine.dispose()
    assert inspect_revision(app_paths) == (None, head_revision())

    reopened = open_database(app_paths)
    reopened.close()

    assert reopened.backup is not None
    assert reopened.backup.parent == app_paths.backups_dir
    assert reopened.backup.name.startswith("motcua-base-")
    with closing(sqlite3.connect(reopened.backup)) as copy:
        assert copy.execute("SELECT note FROM marker").fetchall() == [("before the upgrade",)]
        assert copy.execute("SELECT count(*) FROM alembic_version").fetchone() == (0,)
    assert inspect_revision(app_paths) == (head_revision(), head_revision())


def test_database_at_head_is_not_copied(app_paths: AppPaths) -> None:
    open_database(app_paths).close()
    again = open_database(app_paths)
    again.close()
    assert again.backup is None
    assert list_backups(app_paths.backups_dir) == []


def test_only_the_newest_backups_are_kept(app_paths: AppPaths) -> None:
    app_paths.backups_dir.mkdir(parents=True)
    for index in range(5):
        (app_paths.backups_dir / f"motcua-0001-2026010{index}T000000000000Z.sqlite3").write_bytes(
            b""
        )
    (app_paths.backups_dir / "unrelated.txt").write_text("keep me")
    deleted = prune_backups(app_paths.backups_dir, keep=2)
    assert len(deleted) == 3
    assert len(list_backups(app_paths.backups_dir)) == 2
    assert (app_paths.backups_dir / "unrelated.txt").exists()


def test_revision_graph_read_without_alembic_matches_alembic() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert shipped_revisions() == {
        revision.revision: revision.down_revision for revision in script.walk_revisions()
    }


def test_opening_a_database_at_head_does_not_load_alembic(app_paths: AppPaths) -> None:
    """Start-up cost: a counter whose database is current opens it without importing Alembic."""
    open_database(app_paths).close()
    probe = (
        "import sys; from app.config import AppPaths; from app.store.database import open_database;"
        "store = open_database(AppPaths.default()); store.close();"
        "print(store.backup, 'alembic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["None", "False"]
