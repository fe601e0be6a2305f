"""The append-only, hash-chained audit log.

Each entry's hash covers its own content and the previous entry's hash, so editing, inserting
or deleting an entry in the middle breaks the chain at that point, and :meth:`AuditLog.verify`
names the first broken entry. Triggers (created by the migration) refuse UPDATE and DELETE;
the chain is what still catches someone who drops the triggers or edits the file directly.
Removing the *newest* entries cannot be seen from the chain alone; the entries are synced to
central, which holds the other copy.

Appends must be serialised: two writers reading the same "last hash" would fork the chain.
The store's write sessions begin with ``BEGIN IMMEDIATE``, so the read of the last entry and
the insert happen under SQLite's write lock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.jsonutil import canonical_json
from app.store.models import AuditEntry
from app.store.types import utcnow

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries_checked: int
    first_broken_id: int | None = None
    reason: str | None = None


def entry_hash(
    prev_hash: str,
    entry_id: int,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    details: Any,
) -> str:
    """sha256(prev_hash + canonical JSON of the entry's fields)."""
    content = canonical_json(
        {
            "id": entry_id,
            "at": at.isoformat(),
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "details": details,
        }
    )
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


class AuditLog:
    def __init__(self, clock: Callable[[], datetime] = utcnow) -> None:
        self._clock = clock

    def append(
        self,
        session: Session,
        actor: str,
        action: str,
        entity: str,
        entity_id: object,
        details: dict[str, Any],
    ) -> AuditEntry:
        """Add an entry in the caller's transaction (use a ``Store.session()``)."""
        session.flush()
        last = session.execute(
            select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
        ).first()
        prev_hash = last.hash if last else GENESIS_HASH
        new_id = last.id + 1 if last else 1
        # Microseconds survive the DATETIME round trip; the stored value must hash the same.
        at = self._clock()
        entity_key = str(entity_id)
        details_json = canonical_json(details)
        entry = AuditEntry(
            id=new_id,
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_key,
            details=details_json,
            prev_hash=prev_hash,
            hash=entry_hash(
                prev_hash, new_id, at, actor, action, entity, entity_key, json.loads(details_json)
            ),
        )
        session.add(entry)
        session.flush()
        return entry

    def verify(self, session: Session, batch_size: int = 1000) -> VerifyResult:
        """Walk the whole chain from the first entry; stop at the first inconsistency."""
        expected_prev = GENESIS_HASH
        expected_id = 1
        checked = 0
        last_id = 0
        while True:
            rows = session.scalars(
                select(AuditEntry)
                .where(AuditEntry.id > last_id)
                .order_by(AuditEntry.id)
                .limit(batch_size)
                .execution_options(populate_existing=True)
            ).all()
            if not rows:
                return VerifyResult(ok=True, entries_checked=checked)
            for entry in rows:
                problem = self._check(entry, expected_id, expected_prev)
                if problem is not None:
                    return VerifyResult(False, checked, entry.id, problem)
                checked += 1
                expected_prev = entry.hash
                expected_id = entry.id + 1
                last_id = entry.id

    @staticmethod
    def _check(entry: AuditEntry, expected_id: int, expected_prev: str) -> str | None:
        if entry.id != expected_id:
            return f"entry {expected_id} is missing"
        if entry.prev_hash != expected_prev:
            return "previous hash does not match the preceding entry"
        try:
            details = json.loads(entry.details)
        except ValueError:
            return "details are not valid JSON"
        recomputed = entry_hash(
            entry.prev_hash,
            entry.id,
            entry.at,
            entry.actor,
            entry.action,
            entry.entity,
            entry.entity_id,
            details,
        )
        if recomputed != entry.hash:
            return "content does not match its hash"
        return None
