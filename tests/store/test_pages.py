"""Digitised pages in the store: draft pages become the dossier's at save, reuse, OCR search."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select, text

from app.documents.receipt_job import receipt_claims
from app.store.audit import AuditLog
from app.store.database import Store
from app.store.dossiers import DossierRepository
from app.store.engine import make_engine
from app.store.errors import DossierNotSavedDiskFull
from app.store.migration import downgrade, upgrade
from app.store.models import AuditEntry, Dossier, DossierDocument, DraftPage, IssuedCode, Page
from app.store.pages import (
    OTHER_DOCUMENT_NAME,
    DocumentKey,
    NewPage,
    PageFlag,
    PageRef,
    PageRepository,
    PageResult,
    referenced_files,
    reusable_documents,
    reuse_document,
)
from app.store.receipts import EMPTY_BUNDLE_HASH, bundle_hash, load_receipt_record
from app.store.reception import ReceptionService

from .reception_support import Clock, citizen, draft, other_citizen, set_up_counter


def _sha(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()


def _page(label: str, index: int = 0) -> NewPage:
    return NewPage(
        original_sha256=_sha(label),
        original_name=f"{label}.jpg",
        original_media_type="image/jpeg",
        width=2480,
        height=3508,
        dpi=300,
        original_page_index=index,
    )


def _result(label: str, text: str, flags: tuple[PageFlag, ...] = ()) -> PageResult:
    return PageResult(
        image_sha256=_sha(label + ".png"),
        thumbnail_sha256=_sha(label + ".thumb"),
        text_layer_sha256=_sha(label + ".pdf"),
        width=2480,
        height=3508,
        dpi=300,
        rotation=1.5,
        flags=flags,
        ocr_text=text,
        ocr_confidence=91.0,
        ocr_language="vie",
        ocr_seconds=1.2,
    )


@pytest.fixture
def reception(seeded_store: Store) -> tuple[Store, ReceptionService, Clock]:
    set_up_counter(seeded_store)
    clock = Clock()
    return seeded_store, ReceptionService(seeded_store, clock), clock


def _checklist_keys(store: Store) -> list[DocumentKey]:
    lines = draft(store).documents
    return [DocumentKey(line.required_document_id, line.name) for line in lines]


def test_draft_pages_become_the_dossiers_pages_and_the_receipt_counts_them(
    reception: tuple[Store, ReceptionService, Clock],
) -> None:
    store, service, clock = reception
    plain = service.receive(draft(store))
    keys = _checklist_keys(store)
    with store.session() as session:
        pages = PageRepository(session)
        first = pages.add_to_draft("reception", [_page("a1"), _page("a2")], keys[1])
        stray = pages.add_to_draft("reception", [_page("stray")], DocumentKey(None, "Sổ đỏ"))
        by_name = pages.add_to_draft("reception", [_page("b1")], DocumentKey(None, keys[0].name))
        pages.record_result(first[0], _result("a1", "Tờ khai đăng ký khai sinh"))
    clock.advance(minutes=5)
    saved = service.receive(draft(store))

    with store.read_session() as session:
        empty = load_receipt_record(session, plain.dossier_id)
        record = load_receipt_record(session, saved.dossier_id)
        listed = PageRepository(session).list_dossier(saved.dossier_id)
        left_in_draft = PageRepository(session).list_draft("reception")
    assert (empty.page_count, empty.bundle_hash) == (0, EMPTY_BUNDLE_HASH)
    assert record.page_count == 4
    # Documents in reception order, pages in draft order; the hash covers the ORIGINALS.
    expected_order = [_sha("b1"), _sha("a1"), _sha("a2"), _sha("stray")]
    assert [page.original_sha256 for page in listed] == expected_order
    assert record.bundle_hash == bundle_hash(expected_order)
    claims = receipt_claims(record)
    assert claims.pages == 4
    assert claims.bundle_hash == record.bundle_hash[:16]
    assert left_in_draft == []
    # The page that matched no line is kept, under the extra document.
    assert [line.name for line in record.documents][-1] == OTHER_DOCUMENT_NAME
    assert listed[-1].document_key.name == OTHER_DOCUMENT_NAME
    assert listed[1].state == "processed"
    assert listed[1].ocr_text == "Tờ khai đăng ký khai sinh"
    assert listed[0].ref == PageRef.dossier(listed[0].id)
    # The draft id still finds the page the save made of it.
    with store.read_session() as session:
        moved = PageRepository(session).get(by_name[0])
        assert moved is not None and moved.ref.kind == "dossier"
        # An editor still showing the draft cannot change the dossier by the old ids.
        assert PageRepository(session).get(by_name[0], follow=False) is None
        assert not PageRepository(session).delete(by_name[0])
        assert PageRepository(session).move(by_name[0], 3) is None
        assert stray[0] not in {row.id for row in session.scalars(select(DraftPage))}
        assert AuditLog().verify(session).ok
        attached = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "dossier.pages_attached")
        ).one()
        assert json.loads(attached.details)["bundle_hash"] == record.bundle_hash


def test_discarding_a_draft_removes_its_pages_only(store: Store) -> None:
    with store.session() as session:
        pages = PageRepository(session)
        pages.add_to_draft("reception", [_page("x"), _page("y")])
        pages.add_to_draft("second", [_page("z")])
    with store.session() as session:
        assert PageRepository(session).discard_slot("reception") == 2
    with store.read_session() as session:
        pages = PageRepository(session)
        assert pages.list_draft("reception") == []
        assert [page.original_name for page in pages.list_draft("second")] == ["z.jpg"]
        assert session.scalars(select(DraftPage.slot)).all() == ["second"]


def test_page_editor_moves_rotates_deletes_and_assigns_draft_pages(store: Store) -> None:
    with store.session() as session:
        pages = PageRepository(session)
        ids = pages.add_to_draft("reception", [_page("p1"), _page("p2"), _page("p3")])
        pages.move(ids[2], 1)
        assert pages.rotate(ids[0], 1).quarter_turns == 1  # type: ignore[union-attr]
        assert pages.rotate(ids[0], -2).quarter_turns == 3  # type: ignore[union-attr]
        pages.assign(ids[1], DocumentKey(None, "Giấy chứng sinh"))
        assert pages.delete(ids[0])
        assert not pages.delete(ids[0])
        listed = pages.list_draft("reception")
    assert [(page.original_name, page.position) for page in listed] == [
        ("p3.jpg", 1),
        ("p2.jpg", 2),
    ]
    assert listed[1].document_key == DocumentKey(None, "Giấy chứng sinh")
    assert listed[0].state == "pending"


def test_a_word_only_in_ocr_text_finds_the_dossier(
    reception: tuple[Store, ReceptionService, Clock],
) -> None:
    store, service, _clock = reception
    with store.session() as session:
        page_id = PageRepository(session).add_to_draft("reception", [_page("c1")])[0]
    saved = service.receive(draft(store))
    with store.read_session() as session:
        assert DossierRepository(session).find("Quỳnh Lưu") == []
    # The OCR result arrives after the save: it still lands on the page and is indexed.
    flag = PageFlag("blurry", "The page is blurry", "Trang bị mờ", 42.0)
    with store.session() as session:
        info = PageRepository(session).record_result(
            page_id, _result("c1", "Nơi sinh: Bệnh viện huyện Quỳnh Lưu", (flag,))
        )
    assert info is not None and info.flags == (flag,)
    with store.read_session() as session:
        found = DossierRepository(session).find("quynh luu")
        assert [summary.code for summary in found] == [saved.code]
        # The applicant's name and code still find it too.
        assert [s.code for s in DossierRepository(session).find("Đặng Thị Đào")] == [saved.code]
        actions = session.scalars(select(AuditEntry.action)).all()
        assert "page.processed" in actions
        assert AuditLog().verify(session).ok


def test_reuse_offers_documents_of_the_same_id_number_only(
    reception: tuple[Store, ReceptionService, Clock],
) -> None:
    store, service, clock = reception
    keys = _checklist_keys(store)
    with store.session() as session:
        PageRepository(session).add_to_draft("reception", [_page("old1")], keys[0])
    older = service.receive(draft(store))
    clock.advance(minutes=10)
    with store.session() as session:
        PageRepository(session).add_to_draft("reception", [_page("new1"), _page("new2")], keys[0])
    newer = service.receive(draft(store))
    clock.advance(minutes=10)
    with store.session() as session:
        PageRepository(session).add_to_draft("reception", [_page("other")], keys[0])
    service.receive(draft(store, applicant=other_citizen()))

    with store.read_session() as session:
        offers = reusable_documents(session, citizen().id_number)
        assert reusable_documents(session, "") == []
        assert reusable_documents(session, "079999999999") == []
    assert [(offer.dossier_code, offer.page_count) for offer in offers] == [
        (newer.code, 2),
        (older.code, 1),
    ]
    assert offers[0].name == keys[0].name

    with store.session() as session:
        ids = reuse_document(session, "reception", offers[0].document_id, keys[0])
        reused = PageRepository(session).list_draft("reception")
        files_before = referenced_files(session)
    assert [page.id for page in reused] == ids
    assert [page.origin for page in reused] == ["reuse", "reuse"]
    assert [page.original_sha256 for page in reused] == [_sha("new1"), _sha("new2")]
    assert {_sha("new1"), _sha("other"), _sha("old1")} <= files_before
    third = service.receive(draft(store, applicant=replace(citizen(), phone="0912000111")))
    with store.read_session() as session:
        record = load_receipt_record(session, third.dossier_id)
    assert record.page_count == 2


def test_dossier_page_changes_are_audited_and_renumbered(
    reception: tuple[Store, ReceptionService, Clock],
) -> None:
    store, service, _clock = reception
    keys = _checklist_keys(store)
    with store.session() as session:
        PageRepository(session).add_to_draft(
            "reception", [_page("d1"), _page("d2"), _page("d3")], keys[0]
        )
    saved = service.receive(draft(store))
    with store.session() as session:
        pages = PageRepository(session, actor="Trần Thị Hoa")
        listed = pages.list_dossier(saved.dossier_id)
        pages.move(listed[2].ref, 1)
        pages.assign(listed[0].ref, keys[1])
        pages.delete(listed[1].ref)
        after = pages.list_dossier(saved.dossier_id)
    assert [(p.original_sha256, p.position, p.document_key.name) for p in after] == [
        (_sha("d3"), 1, keys[0].name),
        (_sha("d1"), 1, keys[1].name),
    ]
    with store.read_session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.actor == "Trần Thị Hoa").order_by(AuditEntry.id)
        ).all()
        assert [entry.action for entry in entries] == [
            "page.moved",
            "page.assigned",
            "page.deleted",
        ]
        assert all(entry.entity_id == saved.code for entry in entries)
        assert load_receipt_record(session, saved.dossier_id).page_count == 2


def test_pages_written_before_0003_get_the_defaults(
    reception: tuple[Store, ReceptionService, Clock],
) -> None:
    store, service, _clock = reception
    saved = service.receive(draft(store))
    with store.session() as session:
        document = session.scalars(
            select(DossierDocument).where(DossierDocument.dossier_id == saved.dossier_id)
        ).first()
        assert document is not None
        session.add_all(
            [
                Page(
                    document_id=document.id,
                    position=1,
                    sha256=_sha("legacy"),
                    file_name="legacy.png",
                    width=10,
                    height=10,
                    dpi=300,
                    ocr_text="cũ",
                ),
                Page(
                    document_id=document.id,
                    position=2,
                    sha256=_sha("legacy2"),
                    file_name="legacy2.png",
                    width=10,
                    height=10,
                    dpi=300,
                ),
            ]
        )
    store.close()
    engine = make_engine(store.paths.database)
    try:
        downgrade(engine, "0002")
        upgrade(engine, "head")
    finally:
        engine.dispose()
    with store.read_session() as session:
        rows = PageRepository(session).list_dossier(saved.dossier_id)
    assert [(row.state, row.origin, row.flags, row.quarter_turns) for row in rows] == [
        ("processed", "import", (), 0),
        ("pending", "import", (), 0),
    ]


def test_a_save_that_fails_while_attaching_pages_keeps_the_draft_and_its_pages(
    reception: tuple[Store, ReceptionService, Clock],
) -> None:
    """SQLite itself refuses the page rows (a trigger raising the driver's "disk is full"
    error): the whole save rolls back, no code is used, the draft's pages stay."""
    store, service, _clock = reception
    with store.session() as session:
        PageRepository(session).add_to_draft("reception", [_page("e1"), _page("e2")])
        session.execute(
            text(
                "CREATE TRIGGER full_disk BEFORE INSERT ON pages "
                "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            )
        )
    with pytest.raises(DossierNotSavedDiskFull) as caught:
        service.receive(draft(store))
    assert "Hồ sơ CHƯA được lưu" in caught.value.message_vi
    with store.session() as session:
        session.execute(text("DROP TRIGGER full_disk"))
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0
        assert session.scalar(select(func.count()).select_from(IssuedCode)) == 0
        assert [p.original_name for p in PageRepository(session).list_draft()] == [
            "e1.jpg",
            "e2.jpg",
        ]
    saved = service.receive(draft(store))
    with store.read_session() as session:
        assert load_receipt_record(session, saved.dossier_id).page_count == 2
