"""Saving a dossier at the counter: everything in one transaction, codes only from blocks,
the rules enforced below the screen, and environment failures that lose nothing."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import event, func, select

from app.domain.clock import OFFICE_TZ
from app.domain.errors import DomainError, NoCodeAvailable
from app.domain.reception import DeliveryMethod, DocumentLine
from app.store.applicants import ApplicantRepository
from app.store.audit import AuditLog
from app.store.code_blocks import CodeBlockRepository
from app.store.database import Store
from app.store.dossiers import DossierRepository
from app.store.engine import make_engine
from app.store.errors import (
    CounterNotConfigured,
    DatabaseLockedError,
    DiskFullError,
    DossierNotSavedDiskFull,
    DossierNotSavedLocked,
    DraftRejected,
    ProcedureNotInCatalogue,
    StoreError,
)
from app.store.models import (
    Applicant,
    AuditEntry,
    CodeBlock,
    Dossier,
    DossierDocument,
    IssuedCode,
    OutboxEntry,
    ProcedureVersion,
    StatusHistory,
)
from app.store.reception import CodeSupply, ReceptionService
from app.store.settings import SettingsRepository

from .reception_support import (
    AGENCY,
    CLERK,
    MONDAY_0930,
    Clock,
    building_permit,
    citizen,
    company,
    draft,
    other_citizen,
    set_up_counter,
)


@pytest.fixture
def counter_store(seeded_store: Store) -> Store:
    set_up_counter(seeded_store)
    return seeded_store


def _count(store: Store, model: type) -> int:
    with store.read_session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _counts(store: Store) -> dict[str, int]:
    models = (Dossier, DossierDocument, StatusHistory, AuditEntry, OutboxEntry, IssuedCode)
    return {model.__name__: _count(store, model) for model in models}


def _set(store: Store, key: str, value: Any) -> None:
    with store.session() as session:
        SettingsRepository(session).set(key, value)


def _lease(store: Store, day: date, first: int, last: int, lease_id: str, counter: str = "Q01"):
    with store.session() as session:
        CodeBlockRepository(session).add_block(AGENCY, day, first, last, lease_id, counter)


def test_a_received_dossier_is_written_whole(counter_store: Store) -> None:
    clock = Clock()
    service = ReceptionService(counter_store, clock)
    received = service.receive(draft(counter_store, sets=2, notes="Nộp thay", queue_ticket="A015"))

    assert received.code == f"{AGENCY}-260302-0001"
    assert received.received_at == MONDAY_0930.astimezone(UTC)
    assert received.received_at.tzinfo is UTC
    # Same-day procedure received in the morning: due at the end of the office day.
    assert received.due_at == datetime(2026, 3, 2, 17, 0, tzinfo=OFFICE_TZ)
    assert received.local_sequence == 1
    assert (received.codes_left_today, received.codes_low) == (None, False)

    with counter_store.read_session() as session:
        dossier = session.get(Dossier, received.dossier_id)
        assert dossier is not None
        assert dossier.code == received.code
        assert dossier.state == "received"
        assert dossier.received_by == CLERK
        assert dossier.counter_clock_at == dossier.received_at == received.received_at
        assert (dossier.sets, dossier.notes, dossier.queue_ticket) == (2, "Nộp thay", "A015")
        assert dossier.applicant.phone == "0912345678"
        assert [(d.name, d.form, d.received) for d in dossier.documents] == [
            ("Tờ khai đăng ký khai sinh", "original", True),
            ("Giấy chứng sinh", "original", True),
            ("Giấy tờ tùy thân", "present", True),
        ]
        history = session.scalars(select(StatusHistory)).all()
        assert [(h.from_state, h.to_state, h.actor) for h in history] == [(None, "received", CLERK)]
        issued = session.scalars(select(IssuedCode)).one()
        assert (issued.code, issued.dossier_id, issued.sequence) == (received.code, dossier.id, 1)
        audit = session.scalars(select(AuditEntry)).one()
        assert (audit.action, audit.entity_id, audit.actor) == (
            "dossier.received",
            received.code,
            CLERK,
        )
        assert AuditLog().verify(session).ok
        outbox = session.scalars(select(OutboxEntry)).one()
        assert (outbox.kind, outbox.entity, outbox.entity_id) == (
            "dossier.received",
            "dossier",
            received.code,
        )
        payload = json.loads(outbox.payload)
        assert payload["procedure"] == {
            "code": "1.001193",
            "name": "Đăng ký khai sinh",
            "version_effective_from": "2025-07-01",
        }
        assert payload["applicant"]["id_number"] == "001199012345"
        assert [line["catalogue_position"] for line in payload["documents"]] == [1, 2, 3]
        assert payload["sets"] == 2
        assert payload["delivery"] == {"method": "at_counter", "address": ""}
        assert payload["received_at"] == "2026-03-02T02:30:00+00:00"
        assert payload["counter_clock_at"] == payload["received_at"]
        assert payload["local_sequence"] == 1
        assert payload["lease_id"].startswith("standalone:")
        assert payload["clerk"] == CLERK
        assert payload["counter"] == {
            "unit_code": "CN-BADINH",
            "agency_code": AGENCY,
            "counter_code": "Q01",
        }
        # The clerk finds it by phone, by a name typed without accents, by a piece of the code.
        repository = DossierRepository(session)
        for typed in ("0912 345 678", "dang thi dao", "260302-0001"):
            assert [hit.code for hit in repository.find(typed)] == [received.code], typed


def test_numbers_count_up_per_office_day(counter_store: Store) -> None:
    clock = Clock()
    service = ReceptionService(counter_store, clock)
    codes = [service.receive(draft(counter_store)).code for _ in range(3)]
    assert codes == [f"{AGENCY}-260302-{n:04d}" for n in (1, 2, 3)]
    # 23:30 UTC on Monday is already Tuesday 06:30 at the office: Tuesday's numbering.
    clock.now = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    tuesday = service.receive(draft(counter_store))
    assert tuesday.code == f"{AGENCY}-260303-0001"
    assert tuesday.local_sequence == 4


def test_standalone_blocks_never_overlap_earlier_blocks_of_the_day(counter_store: Store) -> None:
    day = date(2026, 3, 2)
    # Another counter of the unit holds 1..10 today (say, from before this one was set up).
    _lease(counter_store, day, 1, 10, "other-counter", counter="Q02")
    service = ReceptionService(counter_store, Clock(), standalone_block_size=2)
    codes = [service.receive(draft(counter_store)).code for _ in range(5)]
    assert [code[-4:] for code in codes] == ["0011", "0012", "0013", "0014", "0015"]
    with counter_store.read_session() as session:
        blocks = session.scalars(
            select(CodeBlock).where(CodeBlock.counter_code == "Q01").order_by(CodeBlock.first)
        ).all()
        assert [(b.first, b.last, b.granted_by) for b in blocks] == [
            (11, 12, "standalone"),
            (13, 14, "standalone"),
            (15, 16, "standalone"),
        ]
    assert service.code_supply() == CodeSupply(standalone=True, left_today=None, low=False)


def test_with_central_only_leased_numbers_are_used_and_none_is_invented(
    counter_store: Store,
) -> None:
    day = date(2026, 3, 2)
    service = ReceptionService(counter_store, Clock())
    service.receive(draft(counter_store))  # standalone: block 1..100 granted, 0001 used
    _set(counter_store, "sync.central_url", "https://central.example.org")
    _lease(counter_store, day, 501, 503, "lease-A")

    received = [service.receive(draft(counter_store)) for _ in range(3)]
    # The standalone block still has 99 free numbers; with central they are not used.
    assert [r.code[-4:] for r in received] == ["0501", "0502", "0503"]
    assert [r.codes_left_today for r in received] == [2, 1, 0]
    assert all(r.codes_low for r in received)  # below the default threshold of 20
    before = _counts(counter_store)

    with pytest.raises(NoCodeAvailable) as raised:
        service.receive(draft(counter_store))
    assert "hết số hồ sơ" in raised.value.message_vi
    assert _counts(counter_store) == before
    assert service.code_supply() == CodeSupply(standalone=False, left_today=0, low=True)

    _lease(counter_store, day, 504, 530, "lease-B")
    assert service.code_supply() == CodeSupply(standalone=False, left_today=27, low=False)
    _set(counter_store, "codes.low_threshold", 30)
    assert service.code_supply().low
    assert service.receive(draft(counter_store)).code.endswith("-0504")


def test_leases_of_another_day_or_counter_are_not_used(counter_store: Store) -> None:
    _set(counter_store, "sync.central_url", "https://central.example.org")
    _lease(counter_store, date(2026, 3, 3), 1, 50, "tomorrow")
    _lease(counter_store, date(2026, 3, 2), 1, 50, "other", counter="Q02")
    service = ReceptionService(counter_store, Clock())
    with pytest.raises(NoCodeAvailable):
        service.receive(draft(counter_store))
    assert _count(counter_store, Dossier) == 0


def test_due_dates_follow_the_working_calendar_in_office_time(counter_store: Store) -> None:
    clock = Clock()
    service = ReceptionService(counter_store, clock)
    with counter_store.read_session() as session:
        permit = building_permit(session)
    received = service.receive(draft(counter_store, version=permit))
    # 15 working days from Monday 09:30: three weeks later, Monday 23 March 09:30.
    assert received.due_at == datetime(2026, 3, 23, 9, 30, tzinfo=OFFICE_TZ)
    # A same-day procedure received after 15:00 is due at the end of the next working day;
    # received on Friday afternoon, that is Monday.
    clock.now = datetime(2026, 3, 6, 15, 30, tzinfo=OFFICE_TZ)
    late = service.receive(draft(counter_store))
    assert late.due_at == datetime(2026, 3, 9, 17, 0, tzinfo=OFFICE_TZ)


def test_applicants_are_found_again_and_their_contacts_updated(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    first = service.receive(draft(counter_store))
    second = service.receive(
        draft(counter_store, applicant=citizen(phone="0388 111 222", email="", address=""))
    )
    service.receive(draft(counter_store, applicant=other_citizen()))
    business = service.receive(draft(counter_store, applicant=company()))
    again = service.receive(draft(counter_store, applicant=company(phone="0243 111 2222")))
    with counter_store.read_session() as session:
        people = {a.id_number: a for a in session.scalars(select(Applicant))}
        assert len(people) == 3
        dao = people["001199012345"]
        assert dao.phone == "0388111222"
        # Blank this time: what she gave before is kept.
        assert (dao.email, dao.address) == ("dao@example.org", "12 Phố Huế, Hà Nội")
        first_row = session.get(Dossier, first.dossier_id)
        second_row = session.get(Dossier, second.dossier_id)
        assert first_row is not None and second_row is not None
        assert first_row.applicant_id == second_row.applicant_id == dao.id
        organisations = session.scalars(
            select(Applicant).where(Applicant.kind == "organisation")
        ).all()
        assert len(organisations) == 1
        assert organisations[0].phone == "02431112222"
        business_row = session.get(Dossier, business.dossier_id)
        again_row = session.get(Dossier, again.dossier_id)
        assert business_row is not None and again_row is not None
        assert business_row.applicant_id == again_row.applicant_id
        # She is found by her new phone; each dossier is found by the phone it was received
        # with.
        assert [a.id for a in ApplicantRepository(session).find("0388111222")] == [dao.id]
        assert [hit.code for hit in DossierRepository(session).find("0388111222")] == [second.code]
        assert [hit.code for hit in DossierRepository(session).find("0912345678")] == [first.code]


def test_the_rules_hold_below_the_screen(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    bad = draft(
        counter_store,
        applicant=citizen(phone="12345", date_of_birth=date(2027, 1, 1)),
        documents=(),
        sets=0,
    )
    with pytest.raises(DraftRejected) as raised:
        service.receive(bad)
    fields = [problem.field for problem in raised.value.problems]
    assert "applicant.phone" in fields
    assert "applicant.date_of_birth" in fields
    assert "sets" in fields
    assert isinstance(raised.value, DomainError)
    assert "12345" in raised.value.message_vi
    assert _counts(counter_store) == dict.fromkeys(_counts(counter_store), 0)


def test_missing_mandatory_documents_need_a_reason(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    base = draft(counter_store)
    lines = (replace(base.documents[0], received=False), *base.documents[1:])
    with pytest.raises(DraftRejected) as raised:
        service.receive(replace(base, documents=lines))
    assert [p.field for p in raised.value.problems] == ["documents"]
    received = service.receive(replace(base, documents=lines, missing_reason="Bổ sung tờ khai sau"))
    with counter_store.read_session() as session:
        dossier = session.get(Dossier, received.dossier_id)
        assert dossier is not None
        assert dossier.missing_reason == "Bổ sung tờ khai sau"
        assert [d.received for d in dossier.documents] == [False, True, True]


def test_documents_the_clerk_added_or_the_catalogue_dropped_are_kept_by_name(
    counter_store: Store,
) -> None:
    service = ReceptionService(counter_store, Clock())
    base = draft(counter_store)
    extra = DocumentLine("Giấy ủy quyền", copies=1, received=True, mandatory=False)
    stale = DocumentLine("Giấy cũ", received=True, mandatory=False, required_document_id=999_999)
    received = service.receive(replace(base, documents=(*base.documents, extra, stale)))
    with counter_store.read_session() as session:
        dossier = session.get(Dossier, received.dossier_id)
        assert dossier is not None
        assert [(d.name, d.required_document_id is None) for d in dossier.documents][-2:] == [
            ("Giấy ủy quyền", True),
            ("Giấy cũ", True),
        ]


def test_a_counter_that_is_not_set_up_cannot_receive(seeded_store: Store) -> None:
    service = ReceptionService(seeded_store, Clock())
    with pytest.raises(CounterNotConfigured) as raised:
        service.receive(draft(seeded_store))
    assert "chưa được thiết lập" in raised.value.message_vi
    assert "setup" in raised.value.message
    assert isinstance(raised.value, StoreError)
    assert _count(seeded_store, Dossier) == 0
    with pytest.raises(CounterNotConfigured):
        service.code_supply()


def test_a_procedure_missing_or_not_in_effect_is_refused(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    with pytest.raises(ProcedureNotInCatalogue) as missing:
        service.receive(draft(counter_store, procedure_version_id=999_999))
    assert "không có trong danh mục" in missing.value.message_vi
    with counter_store.read_session() as session:
        old = session.scalars(
            select(ProcedureVersion.id).where(ProcedureVersion.effective_to == date(2025, 6, 30))
        ).one()
    with pytest.raises(ProcedureNotInCatalogue) as ended:
        service.receive(draft(counter_store, version=old))
    assert "30/06/2025" in ended.value.message_vi
    assert "02/03/2026" in ended.value.message_vi
    assert _count(counter_store, Dossier) == 0


def test_a_refused_dossier_gets_a_code_and_its_reason_but_no_due_date(
    counter_store: Store,
) -> None:
    service = ReceptionService(counter_store, Clock())
    base = draft(counter_store)
    nothing_received = tuple(replace(line, received=False) for line in base.documents)
    with pytest.raises(DraftRejected) as raised:
        service.refuse(replace(base, documents=nothing_received), "   ")
    assert raised.value.problems[0].field == "refusal_reason"

    refused = service.refuse(
        replace(base, documents=nothing_received), "Thủ tục không thuộc thẩm quyền"
    )
    assert refused.code.endswith("-0001")
    assert refused.due_at is None
    with counter_store.read_session() as session:
        dossier = session.get(Dossier, refused.dossier_id)
        assert dossier is not None
        assert (dossier.state, dossier.refusal_reason) == (
            "refused",
            "Thủ tục không thuộc thẩm quyền",
        )
        history = session.scalars(select(StatusHistory).order_by(StatusHistory.id)).all()
        assert [(h.from_state, h.to_state) for h in history] == [
            (None, "received"),
            ("received", "refused"),
        ]
        outbox = session.scalars(select(OutboxEntry)).one()
        assert outbox.kind == "dossier.refused"
        assert json.loads(outbox.payload)["refusal_reason"] == "Thủ tục không thuộc thẩm quyền"


def test_delivery_by_post_is_stored_with_its_address(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    received = service.receive(
        draft(
            counter_store,
            delivery_method=DeliveryMethod.BY_POST,
            delivery_address="Số 1 Tràng Tiền, Hà Nội",
        )
    )
    with counter_store.read_session() as session:
        dossier = session.get(Dossier, received.dossier_id)
        assert dossier is not None
        assert (dossier.delivery_method, dossier.delivery_address) == (
            "by_post",
            "Số 1 Tràng Tiền, Hà Nội",
        )


def _limited_store(store: Store) -> Store:
    """The same database, but SQLite may not grow it by a single page: "disk is full"."""
    with closing(sqlite3.connect(store.paths.database)) as probe:
        probe.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = probe.execute("PRAGMA page_count").fetchone()[0]
    engine = make_engine(store.paths.database)

    def limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}").fetchall()

    event.listen(engine, "connect", limit)
    return Store(engine, store.paths)


def test_a_full_disk_saves_nothing_and_uses_no_number(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    service.receive(draft(counter_store))
    before = _counts(counter_store)
    full = _limited_store(counter_store)
    try:
        with pytest.raises(DossierNotSavedDiskFull) as raised:
            ReceptionService(full, Clock()).receive(draft(counter_store, notes="x" * 200_000))
    finally:
        full.close()
    assert isinstance(raised.value, DiskFullError)
    assert "đã đầy" in raised.value.message_vi
    assert "CHƯA được lưu" in raised.value.message_vi
    assert _counts(counter_store) == before
    # The number the failed save would have used is the next one issued.
    assert service.receive(draft(counter_store)).code.endswith("-0002")


def test_a_locked_database_saves_nothing_and_says_so(counter_store: Store) -> None:
    impatient = Store(
        make_engine(counter_store.paths.database, busy_timeout_ms=50), counter_store.paths
    )
    service = ReceptionService(impatient, Clock())
    holder = sqlite3.connect(counter_store.paths.database, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(DossierNotSavedLocked) as raised:
            service.receive(draft(counter_store))
        assert isinstance(raised.value, DatabaseLockedError)
        assert "đang bị chương trình khác sử dụng" in raised.value.message_vi
        assert "CHƯA được lưu" in raised.value.message_vi
        holder.execute("ROLLBACK")
        assert service.receive(draft(counter_store)).code.endswith("-0001")
    finally:
        holder.close()
        impatient.close()


def test_a_naive_clock_is_a_programming_error(counter_store: Store) -> None:
    service = ReceptionService(counter_store, lambda: datetime(2026, 3, 2, 9, 30))
    with pytest.raises(ValueError, match="aware"):
        service.receive(draft(counter_store))
