"""Drafts survive a restart, and a damaged one never stops the clerk from working."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from app.domain.reception import (
    ApplicantData,
    DeliveryMethod,
    DocumentForm,
    DocumentLine,
    ReceptionDraft,
)
from app.store.database import Store, open_database
from app.store.drafts import DraftRepository
from app.store.engine import make_engine
from app.store.models import Setting
from app.store.settings import SettingsRepository

TYPED = ReceptionDraft(
    applicant=ApplicantData(
        full_name="Lê Thị Hồng",
        id_number="001199012345",
        date_of_birth=date(1999, 3, 2),
        sex="female",
        phone="0912345678",
    ),
    procedure_version_id=7,
    procedure_code="1.001193",
    procedure_name="Đăng ký khai sinh",
    documents=(DocumentLine("Tờ khai", DocumentForm.ORIGINAL, 1, True, True, 3),),
    delivery_method=DeliveryMethod.BY_POST,
    delivery_address="Số 1 Tràng Tiền",
    service_started_at=datetime(2026, 3, 2, 2, 25, tzinfo=UTC),
)


def test_a_draft_survives_closing_the_store(store: Store) -> None:
    with store.session() as session:
        DraftRepository(session).save(TYPED)
    store.close()
    again = open_database(store.paths)
    try:
        with again.session() as session:
            assert DraftRepository(session).load() == TYPED
    finally:
        again.close()


def test_slots_are_separate_and_saving_replaces(store: Store) -> None:
    with store.session() as session:
        drafts = DraftRepository(session)
        drafts.save(TYPED)
        drafts.save(replace(TYPED, notes="ghi chú"), slot="supplement")
        drafts.save(replace(TYPED, sets=3))
    with store.session() as session:
        drafts = DraftRepository(session)
        loaded = drafts.load()
        assert loaded is not None and loaded.sets == 3
        other = drafts.load("supplement")
        assert other is not None and other.notes == "ghi chú"
        drafts.discard()
        assert drafts.load() is None
        assert drafts.load("supplement") is not None


def test_an_empty_draft_clears_the_slot(store: Store) -> None:
    with store.session() as session:
        drafts = DraftRepository(session)
        drafts.save(TYPED)
        drafts.save(ReceptionDraft(service_started_at=datetime(2026, 3, 2, tzinfo=UTC)))
        assert drafts.load() is None
        assert session.get(Setting, "draft.reception") is None


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        json.dumps({"schema": 99}),
        json.dumps({"schema": 1, "applicant": {"kind": "robot"}}),
        json.dumps([1, 2, 3]),
    ],
)
def test_an_unreadable_draft_is_set_aside_not_lost(store: Store, stored: str) -> None:
    with store.session() as session:
        session.add(Setting(key="draft.reception", value=stored))
    with store.session() as session:
        drafts = DraftRepository(session, clock=lambda: datetime(2026, 3, 2, 3, 4, 5, tzinfo=UTC))
        assert drafts.load() is None
    with store.session() as session:
        drafts = DraftRepository(session)
        assert drafts.load() is None
        aside = drafts.unreadable()
        assert aside == ["draft.reception.unreadable.20260302T030405000000Z"]
        # Kept exactly as it was, for IT staff to look at.
        assert SettingsRepository(session).get(aside[0]) == stored
        drafts.save(TYPED)
        assert drafts.load() == TYPED


def test_slot_names_cannot_collide_with_set_aside_keys(store: Store) -> None:
    with store.session() as session, pytest.raises(ValueError):
        DraftRepository(session).save(TYPED, slot="reception.unreadable")


def test_restoring_never_fails_even_when_the_database_is_busy(store: Store) -> None:
    with store.session() as session:
        session.add(Setting(key="draft.reception", value="{damaged"))
    impatient = Store(make_engine(store.paths.database, busy_timeout_ms=50), store.paths)
    holder = sqlite3.connect(store.paths.database, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with impatient.read_session() as session:
            assert DraftRepository(session).load() is None
        holder.execute("ROLLBACK")
    finally:
        holder.close()
        impatient.close()
    # Not set aside this time (the database was busy), so it is next time.
    with store.session() as session:
        drafts = DraftRepository(session)
        assert drafts.load() is None
        assert len(drafts.unreadable()) == 1
