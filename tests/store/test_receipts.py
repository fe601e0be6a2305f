"""The receipt record: what the printed slips show, from what the dossier was received under."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.domain.clock import OFFICE_TZ
from app.domain.reception import ApplicantKind, DeliveryMethod, DocumentForm, normalise_phone
from app.store.database import Store
from app.store.models import Dossier, DossierDocument, Page, ProcedureVersion
from app.store.receipts import load_receipt_record, processing_text_vi
from app.store.reception import ReceptionService
from app.store.settings import SettingsRepository

from .reception_support import AGENCY, CLERK, Clock, building_permit, company, draft, set_up_counter


@pytest.fixture
def counter_store(seeded_store: Store) -> Store:
    set_up_counter(seeded_store)
    return seeded_store


def test_the_record_holds_everything_the_receipt_prints(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    received = service.receive(draft(counter_store, sets=2, notes="Hẹn qua điện thoại"))
    with counter_store.read_session() as session:
        record = load_receipt_record(session, received.dossier_id)
    assert record.code == f"{AGENCY}-260302-0001"
    assert record.state == "received"
    assert record.received_at == datetime(2026, 3, 2, 2, 30, tzinfo=UTC)
    assert record.due_at == datetime(2026, 3, 2, 17, 0, tzinfo=OFFICE_TZ)
    assert record.local_sequence == 1
    assert record.provisional is False
    assert record.applicant.kind is ApplicantKind.INDIVIDUAL
    assert record.applicant.full_name == "Đặng Thị Đào"
    assert record.applicant.id_number == "001199012345"
    assert record.applicant.sex == "female"
    assert record.applicant.phone == "0912345678"
    assert (record.procedure_code, record.procedure_name) == ("1.001193", "Đăng ký khai sinh")
    assert record.processing_text_vi == "Trong ngày"
    assert (record.deciding_agency, record.fee_text) == ("UBND cấp xã", "Miễn phí nếu đúng hạn")
    assert [(d.name, d.form, d.mandatory, d.received) for d in record.documents] == [
        ("Tờ khai đăng ký khai sinh", DocumentForm.ORIGINAL, True, True),
        ("Giấy chứng sinh", DocumentForm.ORIGINAL, True, True),
        ("Giấy tờ tùy thân", DocumentForm.PRESENT, True, True),
    ]
    assert (record.sets, record.notes) == (2, "Hẹn qua điện thoại")
    assert record.delivery_method is DeliveryMethod.AT_COUNTER
    assert record.received_by == CLERK
    assert (record.org_unit_name, record.org_unit_address) == ("Chi nhánh Ba Đình", "2 Phố Thử")
    assert (record.agency_code, record.counter_name) == (AGENCY, "Quầy 1")
    assert (record.authority_name, record.province_name) == ("UBND THÀNH PHỐ THỬ", "Phố Thử")
    assert (record.lookup_url, record.hotline) == ("https://tra-cuu.example.org/thu", "1900 1234")
    assert record.page_count == 0
    assert record.bundle_hash == hashlib.sha256(b"").hexdigest()


def test_an_organisation_and_its_working_days(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    with counter_store.read_session() as session:
        permit = building_permit(session)
    received = service.receive(draft(counter_store, applicant=company(), version=permit))
    with counter_store.read_session() as session:
        record = load_receipt_record(session, received.dossier_id)
    assert record.procedure_code is None
    assert record.processing_text_vi == "15 ngày làm việc"
    assert record.applicant.kind is ApplicantKind.ORGANISATION
    assert (record.applicant.tax_code, record.applicant.representative) == (
        "0101234567",
        "Trần Văn Bình",
    )
    assert record.documents == ()


def test_processing_time_is_worded_as_on_the_form() -> None:
    assert processing_text_vi("working_days", 15.0) == "15 ngày làm việc"
    assert processing_text_vi("working_hours", 4) == "4 giờ làm việc"
    assert processing_text_vi("working_days", 0.5) == "0,5 ngày làm việc"
    assert processing_text_vi("same_day", 0) == "Trong ngày"
    with pytest.raises(ValueError):
        processing_text_vi("fortnights", 1)


def test_a_reprint_shows_what_the_dossier_was_received_under(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    received = service.receive(draft(counter_store))
    with counter_store.session() as session:
        dossier = session.get(Dossier, received.dossier_id)
        assert dossier is not None
        version = session.get(ProcedureVersion, dossier.procedure_version_id)
        assert version is not None
        version.documents[0].mandatory = False  # a later catalogue change
        version.documents[1].name = "Tên mới trong danh mục"
    with counter_store.read_session() as session:
        record = load_receipt_record(session, received.dossier_id)
    # The received document keeps its name; "mandatory" follows the catalogue line.
    assert record.documents[1].name == "Giấy chứng sinh"
    assert record.documents[0].mandatory is False


def test_a_dossier_is_provisional_until_central_accepts_it(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    received = service.receive(draft(counter_store))
    with counter_store.session() as session:
        assert load_receipt_record(session, received.dossier_id).provisional is False
        SettingsRepository(session).set("sync.central_url", "https://central.example.org")
        assert load_receipt_record(session, received.dossier_id).provisional is True
        dossier = session.get(Dossier, received.dossier_id)
        assert dossier is not None
        dossier.central_received_at = datetime(2026, 3, 2, 2, 31, tzinfo=UTC)
        session.flush()
        assert load_receipt_record(session, received.dossier_id).provisional is False


def test_the_bundle_hash_covers_the_pages_in_order(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    received = service.receive(draft(counter_store))
    hashes = {name: hashlib.sha256(name.encode()).hexdigest() for name in "abc"}
    with counter_store.session() as session:
        documents = session.scalars(
            select(DossierDocument)
            .where(DossierDocument.dossier_id == received.dossier_id)
            .order_by(DossierDocument.id)
        ).all()
        # Added out of order: the second document's page first, positions reversed.
        for document, position, name in (
            (documents[1], 1, "c"),
            (documents[0], 2, "b"),
            (documents[0], 1, "a"),
        ):
            session.add(
                Page(
                    document_id=document.id,
                    position=position,
                    sha256=hashes[name],
                    file_name=f"{hashes[name]}.png",
                    width=1654,
                    height=2339,
                    dpi=200,
                )
            )
        session.flush()
        record = load_receipt_record(session, received.dossier_id)
    expected = hashlib.sha256("\n".join(hashes[n] for n in "abc").encode()).hexdigest()
    assert record.page_count == 3
    assert record.bundle_hash == expected
    assert len(record.bundle_hash) == 64


def test_a_refusal_record_carries_its_reason(counter_store: Store) -> None:
    service = ReceptionService(counter_store, Clock())
    base = draft(counter_store)
    refused = service.refuse(
        replace(base, documents=tuple(replace(d, received=False) for d in base.documents)),
        "Hồ sơ không thuộc thẩm quyền tiếp nhận",
    )
    with counter_store.read_session() as session:
        record = load_receipt_record(session, refused.dossier_id)
    assert record.state == "refused"
    assert record.refusal_reason == "Hồ sơ không thuộc thẩm quyền tiếp nhận"
    assert record.due_at is None
    assert not any(d.received for d in record.documents)


def test_a_reprint_shows_the_applicant_as_received_not_as_updated_later(
    counter_store: Store,
) -> None:
    service = ReceptionService(counter_store, Clock())
    first = draft(counter_store)
    received = service.receive(first)
    # The same person comes back a week later with a new phone and address.
    newer = replace(
        first,
        applicant=replace(first.applicant, phone="0987654321", address="99 Phố Mới, Hà Nội"),
    )
    service.receive(newer)
    with counter_store.read_session() as session:
        record = load_receipt_record(session, received.dossier_id)
    assert record.applicant.phone == normalise_phone(first.applicant.phone)
    assert record.applicant.address == first.applicant.address
    assert record.applicant.full_name == first.applicant.full_name
