"""The outbox: local changes waiting to be pushed to central.

Entries are written through the same session as the change they describe, so a change and its
outbox entry commit or roll back together: central can never miss a change, nor receive one
that did not happen. The push order is ``seq``, taken inside the INSERT itself (SQLite
serialises writers), so two writers cannot get the same number.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.store.jsonutil import canonical_json
from app.store.models import OutboxEntry
from app.store.types import utcnow

SENDABLE = ("pending", "retrying")


@dataclass(frozen=True)
class OutboxItem:
    """An entry as the sync engine sees it."""

    id: str
    seq: int
    created_at: datetime
    kind: str
    entity: str
    entity_id: str
    payload: str
    status: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None


def _item(entry: OutboxEntry) -> OutboxItem:
    return OutboxItem(
        id=entry.id,
        seq=entry.seq,
        created_at=entry.created_at,
        kind=entry.kind,
        entity=entry.entity,
        entity_id=entry.entity_id,
        payload=entry.payload,
        status=entry.status,
        attempts=entry.attempts,
        last_error=entry.last_error,
        next_attempt_at=entry.next_attempt_at,
    )


class OutboxRepository:
    def __init__(self, session: Session, clock: Callable[[], datetime] = utcnow) -> None:
        self._session = session
        self._clock = clock

    def enqueue(self, kind: str, entity: str, entity_id: object, payload: dict[str, Any]) -> str:
        """Record a change to push; returns its id (a UUID4, central's idempotency key)."""
        entry_id = str(uuid.uuid4())
        next_seq = (
            select(func.coalesce(func.max(OutboxEntry.seq), 0) + 1)
            .select_from(OutboxEntry)
            .scalar_subquery()
        )
        self._session.add(
            OutboxEntry(
                id=entry_id,
                seq=next_seq,
                created_at=self._clock(),
                kind=kind,
                entity=entity,
                entity_id=str(entity_id),
                payload=canonical_json(payload),
                status="pending",
                attempts=0,
            )
        )
        self._session.flush()
        return entry_id

    def pending_count(self) -> int:
        """Entries still to send (the status bar's "changes waiting"); quarantined ones are
        counted apart, as they wait for a person, not for the network."""
        return (
            self._session.scalar(
                select(func.count())
                .select_from(OutboxEntry)
                .where(OutboxEntry.status.in_((*SENDABLE, "sending")))
            )
            or 0
        )

    def quarantined_count(self) -> int:
        return (
            self._session.scalar(
                select(func.count())
                .select_from(OutboxEntry)
                .where(OutboxEntry.status == "quarantined")
            )
            or 0
        )

    def oldest_pending_age(self) -> timedelta | None:
        oldest = self._session.scalar(
            select(func.min(OutboxEntry.seq)).where(OutboxEntry.status.in_((*SENDABLE, "sending")))
        )
        if oldest is None:
            return None
        created = self._session.scalar(
            select(OutboxEntry.created_at).where(OutboxEntry.seq == oldest)
        )
        return None if created is None else self._clock() - created

    def next_batch(self, limit: int = 50) -> list[OutboxItem]:
        """The oldest entries due for sending, in push order. Quarantined entries are skipped,
        so a refused change never blocks unrelated ones."""
        now = self._clock()
        entries = self._session.scalars(
            select(OutboxEntry)
            .where(
                OutboxEntry.status.in_(SENDABLE),
                (OutboxEntry.next_attempt_at.is_(None)) | (OutboxEntry.next_attempt_at <= now),
            )
            .order_by(OutboxEntry.seq)
            .limit(limit)
        ).all()
        return [_item(entry) for entry in entries]

    def get(self, entry_id: str) -> OutboxItem | None:
        entry = self._session.get(OutboxEntry, entry_id)
        return None if entry is None else _item(entry)

    def mark_sending(self, entry_ids: list[str]) -> None:
        self._set(entry_ids, status="sending")

    def mark_accepted(self, entry_ids: list[str]) -> None:
        self._set(entry_ids, status="accepted", last_error=None, next_attempt_at=None)

    def mark_retrying(self, entry_id: str, error: str, next_attempt_at: datetime) -> None:
        self._set(
            [entry_id],
            status="retrying",
            attempts=OutboxEntry.attempts + 1,
            last_error=error,
            next_attempt_at=next_attempt_at,
        )

    def quarantine(self, entry_id: str, reason: str) -> None:
        """Central refused the entry: keep it, with the reason, for a deputy to resolve."""
        self._set(
            [entry_id],
            status="quarantined",
            attempts=OutboxEntry.attempts + 1,
            quarantine_reason=reason,
        )

    def _set(self, entry_ids: list[str], **values: Any) -> None:
        if not entry_ids:
            return
        self._session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id.in_(entry_ids))
            .values(**values)
            .execution_options(synchronize_session="fetch")
        )
