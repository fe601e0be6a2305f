"""Running the shipped Alembic migrations from code.

The migrations travel inside the app as the ``migrations`` package, so the config is built here
from the package's location: a frozen build or a wheel has no ``alembic.ini`` beside it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

import migrations

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic and its script loading cost about a quarter of a second at start-up; a database already
# at head needs neither, so the revision graph is read from the scripts' own assignments and
# Alembic is imported only when a migration really runs (a test checks both agree).
_ASSIGNMENT = re.compile(
    r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:\"([^\"]*)\"|'([^']*)'|None)", re.MULTILINE
)


def script_location() -> Path:
    return Path(migrations.__file__).resolve().parent


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the shipped scripts; ``connection`` is used by ``env.py``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location()))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache
def shipped_revisions() -> dict[str, str | None]:
    """Each shipped revision and the one it follows, read from the scripts' text."""
    graph: dict[str, str | None] = {}
    for script in sorted((script_location() / "versions").glob("*.py")):
        values: dict[str, str | None] = {}
        for match in _ASSIGNMENT.finditer(script.read_text(encoding="utf-8")):
            values.setdefault(match.group(1), match.group(2) or match.group(3) or None)
        if values.get("revision"):
            graph[values["revision"]] = values.get("down_revision")
    return graph


def head_revision() -> str:
    """The newest revision this build of the app knows (the one no other revision follows)."""
    graph = shipped_revisions()
    heads = set(graph) - {parent for parent in graph.values() if parent}
    if len(heads) != 1:
        raise RuntimeError(f"the shipped migrations must have one head, found {sorted(heads)}")
    return heads.pop()


def known_revisions() -> frozenset[str]:
    return frozenset(shipped_revisions())


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; ``None`` for an empty (or never migrated) database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), target)


def downgrade(engine: Engine, target: str) -> None:
    from alembic import command

    with engine.connect() as connection:
        command.downgrade(alembic_config(connection), target)
