"""What of the schema lives outside the models, and how Alembic must treat it.

The FTS5 search index is a virtual table with shadow tables that SQLite manages itself. The
models cannot describe it, so autogenerate would otherwise propose to drop it (and its shadow
tables) on every new revision; :func:`include_object` hides them from the comparison.
"""

from __future__ import annotations

from typing import Any

SEARCH_TABLE = "search_index"
FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
FTS_TABLES = frozenset({SEARCH_TABLE, *(SEARCH_TABLE + suffix for suffix in FTS_SHADOW_SUFFIXES)})


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic hook: leave the FTS5 table and its shadow tables out of autogenerate."""
    return not (type_ == "table" and name in FTS_TABLES)
