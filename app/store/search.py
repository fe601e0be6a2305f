"""Accent-insensitive full-text search over the FTS5 ``search_index`` table.

Clerks type what they have in front of them: a name without accents, a phone number with
spaces, a piece of a dossier code with its hyphens. Three things make that work:

* bodies and queries both go through :func:`app.domain.text.fold`, because FTS5's
  ``remove_diacritics`` does not turn "đ" into "d";
* a query is never passed to FTS5 as syntax: it is cut into the same tokens the index uses
  (letters and digits) and each token is quoted as a prefix term, so quotes, hyphens, dots or
  a stray ``NEAR(`` typed by a clerk cannot raise an FTS syntax error;
* long digit runs (phones, ID numbers) are indexed with their suffixes as well, and adjacent
  digit groups of a query are also tried joined together, so "0912 345" finds 0912345678 and
  "5678" finds it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.text import fold
from app.store.schema import SEARCH_TABLE

_TOKEN = re.compile(r"[^\W_]+")

ENTITY_CODES = {"procedure": 1, "applicant": 2, "dossier": 3}
"""Each indexed kind's slot in the row id (see :func:`search_rowid`)."""
_ID_BITS = 40


def search_rowid(entity: str, entity_id: object) -> int:
    """The FTS row of one entity: its kind in the high bits, its database id in the low ones.

    FTS5 has no index on its columns, so deleting "where entity = ? and entity_id = ?" reads
    the whole table (0.8 s at 900,000 rows, twice per save). Keyed by row id, replacing an
    entry is a B-tree look-up at any size.
    """
    if entity not in ENTITY_CODES:
        raise ValueError(f"{entity!r} is not an indexed kind (add it to ENTITY_CODES)")
    number = int(str(entity_id))
    if not 0 < number < 1 << _ID_BITS:
        raise ValueError(f"{entity} id {entity_id!r} does not fit the search index's row id")
    return (ENTITY_CODES[entity] << _ID_BITS) | number


REKEY_SQL = (
    "CASE entity "
    + " ".join(f"WHEN '{name}' THEN {code}" for name, code in ENTITY_CODES.items())
    + f" END * {1 << _ID_BITS} + CAST(entity_id AS INTEGER)"
)
""":func:`search_rowid` in SQL, for the migration that re-keys rows written before it."""
SUFFIX_MIN_DIGITS = 6
"""Digit runs at least this long (phones, ID numbers, code dates) also get their suffixes."""
SUFFIX_MIN_LENGTH = 3


@dataclass(frozen=True)
class SearchHit:
    entity: str
    entity_id: str
    rank: float
    """FTS5's bm25 score: lower is a better match."""


def tokens(value: str) -> list[str]:
    """The folded tokens of ``value``, split as the index's unicode61 tokenizer splits."""
    return _TOKEN.findall(fold(value))


def index_body(texts: Iterable[str | None]) -> str:
    """The folded body stored for an entity, with digit suffixes for substring look-ups."""
    words: list[str] = []
    for value in texts:
        if value:
            words.extend(tokens(value))
    extra: list[str] = []
    for word in words:
        if word.isdigit() and len(word) >= SUFFIX_MIN_DIGITS:
            extra.extend(word[start:] for start in range(1, len(word) - SUFFIX_MIN_LENGTH + 1))
    return " ".join(words + extra)


def _quoted_prefix(token: str) -> str:
    return '"' + token.replace('"', '""') + '"*'


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for what a clerk typed, or ``None`` if nothing searchable."""
    words = tokens(query)
    if not words:
        return None
    groups: list[list[str]] = []
    for word in words:
        if groups and word.isdigit() and groups[-1][-1].isdigit():
            groups[-1].append(word)
        else:
            groups.append([word])
    parts: list[str] = []
    for group in groups:
        separate = " AND ".join(_quoted_prefix(word) for word in group)
        if len(group) == 1:
            parts.append(separate)
        else:
            parts.append(f"(({separate}) OR {_quoted_prefix(''.join(group))})")
    return " AND ".join(parts)


class SearchIndex:
    """Writes and queries the index inside the caller's session (and so its transaction)."""

    def put(self, session: Session, entity: str, entity_id: object, *texts: str | None) -> None:
        """Replace the indexed text of one entity."""
        self.remove(session, entity, entity_id)
        session.execute(
            text(
                f"INSERT INTO {SEARCH_TABLE} (rowid, entity, entity_id, body) "
                "VALUES (:rowid, :entity, :entity_id, :body)"
            ),
            {
                "rowid": search_rowid(entity, entity_id),
                "entity": entity,
                "entity_id": str(entity_id),
                "body": index_body(texts),
            },
        )

    def remove(self, session: Session, entity: str, entity_id: object) -> None:
        session.execute(
            text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = :rowid"),
            {"rowid": search_rowid(entity, entity_id)},
        )

    def search(
        self, session: Session, query: str, entity: str | None = None, limit: int | None = 20
    ) -> list[SearchHit]:
        """Entities whose text contains every word of ``query`` as a prefix, best first."""
        expression = match_expression(query)
        if expression is None:
            return []
        sql = (
            f"SELECT entity, entity_id, bm25({SEARCH_TABLE}) AS rank FROM {SEARCH_TABLE} "
            f"WHERE {SEARCH_TABLE} MATCH :expression"
        )
        params: dict[str, object] = {"expression": expression}
        if entity is not None:
            sql += " AND entity = :entity"
            params["entity"] = entity
        sql += " ORDER BY rank, entity_id"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = limit
        rows = session.execute(text(sql), params).all()
        return [SearchHit(row.entity, row.entity_id, float(row.rank)) for row in rows]
