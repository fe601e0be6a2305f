"""Conflicts with central, kept both ways and shown, never dropped (DESIGN "Conflicts").

A stale push (central answers ``conflict`` with its current record) or a pulled change that
overrides local changes not yet accepted writes one row holding both versions. Rows are never
deleted; a person marks them resolved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.jsonutil import canonical_json
from app.store.models import SyncConflict
from app.store.types import utcnow


@dataclass(frozen=True)
class ConflictInfo:
    id: int
    entity: str
    entity_id: str
    outbox_id: str | None
    kind: str
    local: str
    central: str
    reason: str
    at: datetime
    resolved_at: datetime | None
    resolved_by: str | None


def _info(row: SyncConflict) -> ConflictInfo:
    return ConflictInfo(
        row.id,
        row.entity,
        row.entity_id,
        row.outbox_id,
        row.kind,
        row.local,
        row.central,
        row.reason,
        row.at,
        row.resolved_at,
        row.resolved_by,
    )


class ConflictRepository:
    def __init__(self, session: Session, clock: Callable[[], datetime] = utcnow) -> None:
        self._session = session
        self._clock = clock

    def record(
        self,
        *,
        entity: str,
        entity_id: str,
        kind: str,
        local: Any,
        central: Any,
        reason: str,
        outbox_id: str | None = None,
    ) -> int:
        """Keep both sides; ``local``/``central`` are JSON values or JSON text."""
        row = SyncConflict(
            entity=entity,
            entity_id=entity_id,
            outbox_id=outbox_id,
            kind=kind,
            local=local if isinstance(local, str) else canonical_json(local),
            central=central if isinstance(central, str) else canonical_json(central),
            reason=reason,
            at=self._clock(),
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def open(self, limit: int = 500) -> list[ConflictInfo]:
        rows = self._session.scalars(
            select(SyncConflict)
            .where(SyncConflict.resolved_at.is_(None))
            .order_by(SyncConflict.id)
            .limit(limit)
        ).all()
        return [_info(row) for row in rows]

    def for_entity(self, entity: str, entity_id: str) -> list[ConflictInfo]:
        rows = self._session.scalars(
            select(SyncConflict)
            .where(SyncConflict.entity == entity, SyncConflict.entity_id == entity_id)
            .order_by(SyncConflict.id)
        ).all()
        return [_info(row) for row in rows]

    def open_count(self) -> int:
        return (
            self._session.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.resolved_at.is_(None))
            )
            or 0
        )

    def resolve(self, conflict_id: int, by: str) -> None:
        row = self._session.get(SyncConflict, conflict_id)
        if row is None:
            raise KeyError(conflict_id)
        if row.resolved_at is None:
            row.resolved_at = self._clock()
            row.resolved_by = by
            self._session.flush()
