"""The sync engine's bookkeeping in the store: the pull cursor, the next batch to push, and the
repairs a crash or a person needs (entries left ``sending``, "retry now", a released
quarantine).

Ordering rule (DESIGN "Push"): an entry is held back while an EARLIER entry of the SAME record
(``entity``, ``entity_id``) is quarantined or waiting for its next attempt, so central never sees
a record's changes out of order (a dossier's files before the dossier). Entries of other records
are never held: a quarantined entry blocks nothing unrelated.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from app.store.models import OutboxEntry, SyncState
from app.store.outbox import SENDABLE, OutboxItem, _item
from app.store.types import utcnow

CURSOR_KEY = "pull.cursor"
LAST_SUCCESS_KEY = "sync.last_success_at"


class SyncStateRepository:
    def __init__(self, session: Session, clock: Callable[[], datetime] = utcnow) -> None:
        self._session = session
        self._clock = clock

    # --- key/value bookkeeping ----------------------------------------------------------------

    def get(self, key: str) -> str | None:
        row = self._session.get(SyncState, key)
        return None if row is None else row.value

    def set(self, key: str, value: str) -> None:
        row = self._session.get(SyncState, key)
        if row is None:
            self._session.add(SyncState(key=key, value=value))
        else:
            row.value = value
        self._session.flush()

    def cursor(self) -> int:
        """Central's change-feed position already applied here (0: nothing yet)."""
        value = self.get(CURSOR_KEY)
        try:
            return int(value) if value is not None else 0
        except ValueError:
            return 0

    def set_cursor(self, cursor: int) -> None:
        self.set(CURSOR_KEY, str(cursor))

    def last_success(self) -> datetime | None:
        value = self.get(LAST_SUCCESS_KEY)
        return None if value is None else datetime.fromisoformat(value)

    def set_last_success(self, moment: datetime) -> None:
        self.set(LAST_SUCCESS_KEY, moment.isoformat())

    # --- the outbox as the engine sees it -------------------------------------------------------

    def due_batch(self, limit: int) -> list[OutboxItem]:
        """The oldest sendable entries whose turn has come, skipping those held behind an
        earlier entry of the same record (see the module doc)."""
        now = self._clock()
        earlier = aliased(OutboxEntry)
        blocked_by_earlier = exists().where(
            earlier.entity == OutboxEntry.entity,
            earlier.entity_id == OutboxEntry.entity_id,
            earlier.seq < OutboxEntry.seq,
            or_(
                earlier.status.in_(("quarantined", "sending")),
                and_(earlier.status == "retrying", earlier.next_attempt_at > now),
            ),
        )
        entries = self._session.scalars(
            select(OutboxEntry)
            .where(
                OutboxEntry.status.in_(SENDABLE),
                or_(OutboxEntry.next_attempt_at.is_(None), OutboxEntry.next_attempt_at <= now),
                ~blocked_by_earlier,
            )
            .order_by(OutboxEntry.seq)
            .limit(limit)
        ).all()
        return [_item(entry) for entry in entries]

    def held_count(self) -> int:
        """Entries waiting behind a quarantined entry of the same record."""
        earlier = aliased(OutboxEntry)
        return (
            self._session.scalar(
                select(func.count())
                .select_from(OutboxEntry)
                .where(
                    OutboxEntry.status.in_(SENDABLE),
                    exists().where(
                        earlier.entity == OutboxEntry.entity,
                        earlier.entity_id == OutboxEntry.entity_id,
                        earlier.seq < OutboxEntry.seq,
                        earlier.status == "quarantined",
                    ),
                )
            )
            or 0
        )

    def pending_of_kind(self, kind: str, limit: int = 1000, after_seq: int = 0) -> list[OutboxItem]:
        """Entries of ``kind`` still to send, after ``after_seq`` in push order, one page at
        a time so a long queue is never loaded whole (their files are uploaded before the
        push)."""
        entries = self._session.scalars(
            select(OutboxEntry)
            .where(
                OutboxEntry.kind == kind,
                OutboxEntry.status.in_((*SENDABLE, "sending")),
                OutboxEntry.seq > after_seq,
            )
            .order_by(OutboxEntry.seq)
            .limit(limit)
        ).all()
        return [_item(entry) for entry in entries]

    def unsent_entities(self, entity: str, entity_ids: list[str]) -> set[str]:
        """Which of the records have local changes central has not accepted yet."""
        if not entity_ids:
            return set()
        return set(
            self._session.scalars(
                select(OutboxEntry.entity_id).where(
                    OutboxEntry.entity == entity,
                    OutboxEntry.entity_id.in_(entity_ids),
                    OutboxEntry.status != "accepted",
                )
            )
        )

    def recover_sending(self) -> int:
        """Entries a crash left ``sending`` go back to ``pending``: central deduplicates on the
        id, so sending them again is safe. Returns how many."""
        result = self._session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.status == "sending")
            .values(status="pending")
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def back_to_pending(self, entry_ids: list[str], error: str) -> None:
        """A batch that failed for a reason not its own (not signed in): no attempt counted."""
        if entry_ids:
            self._session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.id.in_(entry_ids), OutboxEntry.status == "sending")
                .values(status="pending", last_error=error)
                .execution_options(synchronize_session=False)
            )

    def retry_now(self) -> int:
        """ "Retry now": every waiting entry is due at once."""
        result = self._session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.status == "retrying")
            .values(next_attempt_at=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def release(self, entry_id: str) -> bool:
        """A deputy sends a quarantined entry again (after central's side was fixed)."""
        result = self._session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id == entry_id, OutboxEntry.status == "quarantined")
            .values(status="pending", next_attempt_at=None)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    def quarantined(self, limit: int = 500) -> list[tuple[OutboxItem, str]]:
        """Quarantined entries with their reasons, oldest first (the Sync screen's list)."""
        entries = self._session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.status == "quarantined")
            .order_by(OutboxEntry.seq)
            .limit(limit)
        ).all()
        return [(_item(entry), entry.quarantine_reason or "") for entry in entries]
