"""Copies of the database taken before a migration changes it.

A migration that fails half-way on a clerk's machine must never cost a day of dossiers, so the
file is copied aside first. The copy goes through SQLite's online backup API rather than a file
copy: in WAL mode recent commits may still sit in the ``-wal`` file, and a plain copy of the main
file alone would silently lose them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from app.store.types import utcnow

BACKUP_PREFIX = "motcua-"
BACKUP_SUFFIX = ".sqlite3"
DEFAULT_KEEP = 10


def backup_name(revision: str | None, at: datetime) -> str:
    stamp = at.strftime("%Y%m%dT%H%M%S%fZ")
    return f"{BACKUP_PREFIX}{revision or 'base'}-{stamp}{BACKUP_SUFFIX}"


def list_backups(backups_dir: Path) -> list[Path]:
    """Backups, oldest first (names sort by time within the same revision prefix)."""
    if not backups_dir.is_dir():
        return []
    found = [
        path
        for path in backups_dir.iterdir()
        if path.name.startswith(BACKUP_PREFIX) and path.name.endswith(BACKUP_SUFFIX)
    ]
    return sorted(found, key=lambda path: (path.stat().st_mtime_ns, path.name))


def copy_database(database: Path, backups_dir: Path, revision: str | None) -> Path:
    """Copy ``database`` consistently into ``backups_dir``; returns the copy's path.

    The copy is written under a temporary name, synced, then renamed, so a half-written file
    is never mistaken for a good backup.
    """
    backups_dir.mkdir(parents=True, exist_ok=True)
    target = backups_dir / backup_name(revision, utcnow())
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(database)
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
        finally:
            destination.close()
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    finally:
        source.close()
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    partial.replace(target)
    return target


def prune_backups(backups_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups; returns what was deleted."""
    backups = list_backups(backups_dir)
    doomed = backups[: max(0, len(backups) - keep)]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed
