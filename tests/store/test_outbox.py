"""The outbox commits and rolls back with the change it describes, and keeps push order."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.store.applicants import ApplicantRepository
from app.store.database import Store
from app.store.models import Applicant
from app.store.outbox import OutboxRepository

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_entry_rolls_back_with_its_change(store: Store) -> None:
    with pytest.raises(RuntimeError), store.session() as session:
        applicant = ApplicantRepository(session).add(Applicant(full_name="Trần Thị Bình"))
        OutboxRepository(session).enqueue(
            "applicant.created", "applicant", applicant.id, {"full_name": applicant.full_name}
        )
        raise RuntimeError("the printer jammed; the clerk cancelled")
    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Applicant)) == 0
        assert OutboxRepository(session).pending_count() == 0


def test_entry_commits_with_its_change(store: Store) -> None:
    with store.session() as session:
        applicant = ApplicantRepository(session).add(Applicant(full_name="Trần Thị Bình"))
        entry_id = OutboxRepository(session).enqueue(
            "applicant.created", "applicant", applicant.id, {"full_name": "Trần Thị Bình"}
        )
    assert uuid.UUID(entry_id).version == 4
    with store.read_session() as session:
        outbox = OutboxRepository(session)
        assert outbox.pending_count() == 1
        (item,) = outbox.next_batch()
    assert item.id == entry_id
    assert json.loads(item.payload) == {"full_name": "Trần Thị Bình"}


def test_order_retry_and_quarantine(store: Store) -> None:
    with store.session() as session:
        outbox = OutboxRepository(session, clock=lambda: NOW)
        ids = [outbox.enqueue("k", "e", n, {"n": n}) for n in range(4)]
    with store.session() as session:
        outbox = OutboxRepository(session, clock=lambda: NOW)
        assert [item.id for item in outbox.next_batch(limit=10)] == ids
        assert [item.seq for item in outbox.next_batch(limit=10)] == [1, 2, 3, 4]
        outbox.mark_sending(ids[:2])
        outbox.mark_accepted([ids[0]])
        outbox.mark_retrying(ids[1], "timeout", NOW + timedelta(minutes=1))
        outbox.quarantine(ids[2], "dossier code already used")
    with store.read_session() as session:
        outbox = OutboxRepository(session, clock=lambda: NOW)
        assert [item.id for item in outbox.next_batch()] == [ids[3]]
        assert outbox.pending_count() == 2
        assert outbox.quarantined_count() == 1
        retried = outbox.get(ids[1])
        assert retried is not None and retried.attempts == 1 and retried.last_error == "timeout"
        later = OutboxRepository(session, clock=lambda: NOW + timedelta(minutes=2))
        assert [item.id for item in later.next_batch()] == [ids[1], ids[3]]
        assert later.oldest_pending_age() == timedelta(minutes=2)
