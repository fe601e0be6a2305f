"""Appending to the change feed. The feed head row is locked first, so a change's cursor is
taken in commit order: a reader that saw cursor N never later finds a smaller one appear.
Core statements, not the ORM: this runs once per pushed dossier, on the hot path."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session

from central.models import Change, FeedHead

_NEXT_CURSOR = (
    update(FeedHead)
    .where(FeedHead.id == 1)
    .values(last_cursor=FeedHead.last_cursor + 1)
    .returning(FeedHead.last_cursor)
)
_TAKE_CURSORS = (
    update(FeedHead)
    .where(FeedHead.id == 1)
    .values(last_cursor=FeedHead.last_cursor + bindparam("count"))
    .returning(FeedHead.last_cursor)
)
_INSERT_CHANGE = insert(Change)


def append_change(
    session: Session,
    *,
    kind: str,
    entity: str,
    entity_id: str,
    version: int | None,
    unit_code: str | None,
    data: dict[str, Any],
    at: datetime,
) -> int:
    # One UPDATE ... RETURNING: it takes the row lock and the next cursor in the same step.
    db = session.connection()
    cursor = db.execute(_NEXT_CURSOR).scalar_one()
    db.execute(
        _INSERT_CHANGE,
        {
            "cursor": cursor,
            "kind": kind,
            "entity": entity,
            "entity_id": entity_id,
            "version": version,
            "unit_code": unit_code,
            "data": data,
            "at": at,
        },
    )
    return int(cursor)


def append_changes(session: Session, changes: list[dict[str, Any]]) -> None:
    """Append several changes in their order: one block of cursors taken with one UPDATE
    (the head row stays locked to commit, as for one), then one multi-row INSERT. Each dict
    holds :func:`append_change`'s keyword arguments."""
    if not changes:
        return
    db = session.connection()
    last = int(db.execute(_TAKE_CURSORS, {"count": len(changes)}).scalar_one())
    first = last - len(changes) + 1
    db.execute(
        _INSERT_CHANGE,
        [{**change, "cursor": first + offset} for offset, change in enumerate(changes)],
    )
