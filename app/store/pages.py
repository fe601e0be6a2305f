"""Digitised pages in the store: draft pages at the counter, dossier pages after the save.

The clerk digitises while the citizen is still at the counter, before the dossier (and its
code) exists. Those pages live in ``draft_pages`` under a slot (``reception``, like reception
drafts), in order, each assigned to a checklist line by a :class:`DocumentKey`. The save of
the dossier calls :func:`attach_draft_pages` inside its one write transaction, so the receipt
built right after it already counts the pages and its QR carries their bundle hash; a crash
leaves either the dossier with its pages or the draft with its pages, never both or neither.

A page whose key matches no received line of the dossier is not dropped: it goes to one extra
document named :data:`OTHER_DOCUMENT_NAME` ("Giấy tờ khác"), form ``copy``, so what the citizen
handed in is always part of the dossier and of its bundle hash, and the clerk can reassign it.

Rows only name files (content-addressed, :mod:`app.store.files`); callers store the files
first. Reusing a document of an earlier dossier therefore copies rows, never files. Changes to
a dossier's pages are audited (entity ``dossier``, its code) and re-index the dossier's search
entry, which carries the pages' OCR text (:meth:`DossierRepository.reindex`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import func, or_, select, union
from sqlalchemy.orm import Session, contains_eager

from app.domain.text import nfc
from app.store.audit import AuditLog
from app.store.counter import CLERK_NAME_KEY, read_settings
from app.store.dossiers import DossierRepository
from app.store.drafts import DEFAULT_SLOT
from app.store.models import (
    PAGE_ORIGINS,
    PAGE_STATES,
    Applicant,
    DocumentFile,
    Dossier,
    DossierDocument,
    DraftPage,
    Page,
)
from app.store.outbox import OutboxRepository
from app.store.types import utcnow

__all__ = [
    "DEFAULT_SLOT",
    "OTHER_DOCUMENT_NAME",
    "DocumentFileInfo",
    "DocumentKey",
    "NewDocumentFile",
    "NewPage",
    "PageFlag",
    "PageInfo",
    "PageRef",
    "PageRepository",
    "PageResult",
    "ReusableDocument",
    "attach_draft_pages",
    "document_files",
    "record_document_files",
    "referenced_files",
    "reusable_documents",
    "reuse_document",
]

OTHER_DOCUMENT_NAME = "Giấy tờ khác"
"""The extra document of a dossier holding pages that match none of its received lines."""
OTHER_DOCUMENT_NOTE = "Trang số hoá chưa gắn với giấy tờ nào trong danh mục"
DOSSIER_ENTITY = "dossier"
SYSTEM_ACTOR = "system"


@dataclass(frozen=True)
class DocumentKey:
    """Which checklist line a draft page belongs to: the catalogue's required document when
    the line has one, else the line's name (a line the clerk typed). Empty: not assigned."""

    required_document_id: int | None = None
    name: str = ""

    @property
    def empty(self) -> bool:
        return self.required_document_id is None and not self.name.strip()


@dataclass(frozen=True)
class PageRef:
    """A draft page (``kind="draft"``) or a dossier page (``kind="dossier"``)."""

    kind: Literal["draft", "dossier"]
    id: int

    @classmethod
    def draft(cls, page_id: int) -> PageRef:
        return cls("draft", page_id)

    @classmethod
    def dossier(cls, page_id: int) -> PageRef:
        return cls("dossier", page_id)


@dataclass(frozen=True)
class PageFlag:
    """A quality-gate flag as stored (``code`` is a ``FlagCode`` value)."""

    code: str
    message: str
    message_vi: str
    value: float | None = None


@dataclass(frozen=True)
class NewPage:
    """A captured page whose original file is already in the file store."""

    original_sha256: str
    original_name: str
    original_media_type: str
    width: int
    height: int
    dpi: int = 0
    """0 when the source does not say (phone photos)."""
    original_page_index: int = 0
    origin: str = "import"


@dataclass(frozen=True)
class PageResult:
    """What the pipeline produced for a page, its files already in the file store. The image
    shows the page with the clerk's ``quarter_turns`` applied (they are kept as they are)."""

    image_sha256: str
    thumbnail_sha256: str
    text_layer_sha256: str | None
    width: int
    height: int
    dpi: int
    rotation: float
    flags: tuple[PageFlag, ...] = ()
    ocr_text: str | None = None
    ocr_confidence: float | None = None
    ocr_language: str | None = None
    ocr_seconds: float | None = None
    state: str = "processed"


@dataclass(frozen=True)
class PageInfo:
    """A page as the page editor lists it."""

    ref: PageRef
    position: int
    """1-based: within the slot for a draft page, within its document for a dossier page."""
    document_key: DocumentKey
    document_id: int | None
    """The dossier document (dossier pages only)."""
    original_sha256: str
    original_name: str
    original_media_type: str
    original_page_index: int
    origin: str
    width: int
    height: int
    dpi: int
    image_sha256: str | None
    thumbnail_sha256: str | None
    text_layer_sha256: str | None
    rotation: float
    quarter_turns: int
    flags: tuple[PageFlag, ...]
    ocr_text: str | None
    ocr_confidence: float | None
    ocr_language: str | None
    ocr_seconds: float | None
    state: str

    @property
    def id(self) -> int:
        return self.ref.id

    @property
    def passed(self) -> bool:
        return not self.flags

    def files(self) -> set[str]:
        """Every stored file this page names."""
        names = {self.original_sha256, self.image_sha256, self.thumbnail_sha256}
        names.add(self.text_layer_sha256)
        return {name for name in names if name}


@dataclass(frozen=True)
class ReusableDocument:
    """A digitised document of an earlier dossier of the same person, offered for reuse."""

    document_id: int
    dossier_id: int
    dossier_code: str
    received_at: datetime
    name: str
    required_document_id: int | None
    page_count: int


@dataclass
class _Change:
    action: str
    details: dict[str, Any] = field(default_factory=dict)


def flags_to_json(flags: Iterable[PageFlag]) -> str:
    return json.dumps(
        [
            {"code": f.code, "message": f.message, "message_vi": f.message_vi, "value": f.value}
            for f in flags
        ],
        ensure_ascii=False,
    )


def flags_from_json(text: str) -> tuple[PageFlag, ...]:
    """Stored flags; an unreadable value reads as no flags (never blocks the page editor)."""
    try:
        values = json.loads(text or "[]")
    except ValueError:
        return ()
    if not isinstance(values, list):
        return ()
    flags: list[PageFlag] = []
    for value in values:
        if isinstance(value, dict) and isinstance(value.get("code"), str):
            number = value.get("value")
            flags.append(
                PageFlag(
                    code=value["code"],
                    message=str(value.get("message") or ""),
                    message_vi=str(value.get("message_vi") or ""),
                    value=float(number) if isinstance(number, int | float) else None,
                )
            )
    return tuple(flags)


def _key_name(name: str) -> str:
    return " ".join(nfc(name).split()).casefold()


_CONTENT_FIELDS = (
    "original_media_type",
    "original_page_index",
    "origin",
    "image_sha256",
    "thumbnail_sha256",
    "text_layer_sha256",
    "rotation",
    "quarter_turns",
    "flags",
    "ocr_language",
    "ocr_seconds",
    "state",
    "width",
    "height",
    "dpi",
    "ocr_text",
    "ocr_confidence",
)


def _info(row: DraftPage | Page) -> PageInfo:
    if isinstance(row, DraftPage):
        ref = PageRef.draft(row.id)
        key = DocumentKey(row.required_document_id, row.document_name)
        document_id = None
        original_sha256, original_name = row.original_sha256, row.original_name
    else:
        ref = PageRef.dossier(row.id)
        document = row.document
        key = DocumentKey(document.required_document_id, document.name)
        document_id = row.document_id
        original_sha256, original_name = row.sha256, row.file_name
    return PageInfo(
        ref=ref,
        position=row.position,
        document_key=key,
        document_id=document_id,
        original_sha256=original_sha256,
        original_name=original_name,
        original_media_type=row.original_media_type,
        original_page_index=row.original_page_index,
        origin=row.origin,
        width=row.width,
        height=row.height,
        dpi=row.dpi,
        image_sha256=row.image_sha256,
        thumbnail_sha256=row.thumbnail_sha256,
        text_layer_sha256=row.text_layer_sha256,
        rotation=row.rotation,
        quarter_turns=row.quarter_turns,
        flags=flags_from_json(row.flags),
        ocr_text=row.ocr_text,
        ocr_confidence=row.ocr_confidence,
        ocr_language=row.ocr_language,
        ocr_seconds=row.ocr_seconds,
        state=row.state,
    )


class PageRepository:
    """Draft and dossier pages, inside the caller's session (and so its transaction).

    ``actor`` names who is recorded in the audit log for changes to a dossier's pages; by
    default this counter's clerk (setting ``clerk.name``).
    """

    def __init__(
        self,
        session: Session,
        clock: Callable[[], datetime] = utcnow,
        actor: str | None = None,
    ) -> None:
        self._session = session
        self._clock = clock
        self._actor = actor

    # --- draft pages ------------------------------------------------------------------------

    def add_to_draft(
        self, slot: str, pages: Sequence[NewPage], key: DocumentKey | None = None
    ) -> list[int]:
        """Append ``pages`` to ``slot`` (their original files must already be stored);
        returns their draft page ids in order."""
        _check_slot(slot)
        key = key or DocumentKey()
        last = self._session.scalar(
            select(func.max(DraftPage.position)).where(DraftPage.slot == slot)
        )
        now = self._clock()
        rows: list[DraftPage] = []
        for offset, page in enumerate(pages, start=1):
            if page.origin not in PAGE_ORIGINS:
                raise ValueError(f"unknown page origin {page.origin!r}")
            rows.append(
                DraftPage(
                    slot=slot,
                    position=(last or 0) + offset,
                    required_document_id=key.required_document_id,
                    document_name=nfc(key.name).strip(),
                    original_sha256=page.original_sha256,
                    original_name=page.original_name[:255],
                    original_media_type=page.original_media_type,
                    original_page_index=page.original_page_index,
                    origin=page.origin,
                    width=page.width,
                    height=page.height,
                    dpi=page.dpi,
                    state="pending",
                    created_at=now,
                )
            )
        self._session.add_all(rows)
        self._session.flush()
        return [row.id for row in rows]

    def list_draft(self, slot: str = DEFAULT_SLOT) -> list[PageInfo]:
        rows = self._session.scalars(
            select(DraftPage)
            .where(DraftPage.slot == slot)
            .order_by(DraftPage.position, DraftPage.id)
        )
        return [_info(row) for row in rows]

    def draft_count(self, slot: str = DEFAULT_SLOT) -> int:
        return (
            self._session.scalar(
                select(func.count()).select_from(DraftPage).where(DraftPage.slot == slot)
            )
            or 0
        )

    def discard_slot(self, slot: str = DEFAULT_SLOT) -> int:
        """Remove every page of ``slot`` (the draft was cancelled); their files stay until the
        clean-up finds them unreferenced. Returns how many pages were removed."""
        rows = list(self._session.scalars(select(DraftPage).where(DraftPage.slot == slot)))
        for row in rows:
            self._session.delete(row)
        self._session.flush()
        return len(rows)

    # --- dossier pages ----------------------------------------------------------------------

    def list_dossier(self, dossier_id: int) -> list[PageInfo]:
        """A dossier's pages, documents in reception order, pages in position order."""
        rows = self._session.scalars(
            select(Page)
            .join(Page.document)
            .options(contains_eager(Page.document))
            .where(DossierDocument.dossier_id == dossier_id)
            .order_by(DossierDocument.id, Page.position, Page.id)
        )
        return [_info(row) for row in rows]

    # --- any page ---------------------------------------------------------------------------

    def resolve(self, page: PageRef | int, follow: bool = False) -> PageRef | None:
        """The page as it is now (``None`` if gone); a plain int is a draft page id. With
        ``follow``, a draft page already attached to its dossier resolves to the dossier page
        it became: for results and reads only, so an editor still showing the draft after the
        save cannot move or delete the dossier's pages by their old ids."""
        ref = PageRef.draft(page) if isinstance(page, int) else page
        if ref.kind == "dossier":
            return ref if self._session.get(Page, ref.id) is not None else None
        if self._session.get(DraftPage, ref.id) is not None:
            return ref
        if not follow:
            return None
        attached = self._session.scalar(
            select(Page.id).where(Page.draft_page_id == ref.id).limit(1)
        )
        return None if attached is None else PageRef.dossier(attached)

    def get(self, page: PageRef | int, follow: bool = True) -> PageInfo | None:
        """A page (a draft page id follows its page to the dossier unless ``follow=False``)."""
        ref = self.resolve(page, follow)
        return None if ref is None else _info(self._row(ref))

    def record_result(self, page: PageRef | int, result: PageResult) -> PageInfo | None:
        """Store what the pipeline produced for a page; ``None`` if the page was deleted (or
        its draft discarded) meanwhile: the result is then simply dropped."""
        if result.state not in PAGE_STATES:
            raise ValueError(f"unknown page state {result.state!r}")
        ref = self.resolve(page, follow=True)
        if ref is None:
            return None
        row = self._row(ref)
        row.image_sha256 = result.image_sha256
        row.thumbnail_sha256 = result.thumbnail_sha256
        row.text_layer_sha256 = result.text_layer_sha256
        row.width = result.width
        row.height = result.height
        row.dpi = result.dpi
        row.rotation = result.rotation
        row.flags = flags_to_json(result.flags)
        row.ocr_text = result.ocr_text
        row.ocr_confidence = result.ocr_confidence
        row.ocr_language = result.ocr_language
        row.ocr_seconds = result.ocr_seconds
        row.state = result.state
        self._session.flush()
        if isinstance(row, Page):
            self._dossier_changed(
                row,
                _Change(
                    "page.processed",
                    {
                        "page_id": row.id,
                        "state": row.state,
                        "image_sha256": row.image_sha256,
                        "flags": [flag.code for flag in result.flags],
                    },
                ),
                reindex=True,
            )
        return _info(row)

    def replace_image(
        self,
        page: PageRef | int,
        *,
        image_sha256: str,
        thumbnail_sha256: str,
        width: int,
        height: int,
        quarter_turns: int,
        text_layer_sha256: str | None,
    ) -> PageInfo | None:
        """After a rotation: the regenerated image, thumbnail and the turns they show."""
        ref = self.resolve(page)
        if ref is None:
            return None
        row = self._row(ref)
        row.image_sha256 = image_sha256
        row.thumbnail_sha256 = thumbnail_sha256
        row.text_layer_sha256 = text_layer_sha256
        row.width = width
        row.height = height
        row.quarter_turns = quarter_turns % 4
        self._session.flush()
        if isinstance(row, Page):
            self._dossier_changed(
                row,
                _Change(
                    "page.rotated",
                    {"page_id": row.id, "quarter_turns": row.quarter_turns},
                ),
            )
        return _info(row)

    def rotate(self, page: PageRef | int, quarter_turns: int) -> PageInfo | None:
        """Record a clockwise rotation by ``quarter_turns`` (negative: anticlockwise). The
        image file is regenerated by the caller (:meth:`replace_image`)."""
        ref = self.resolve(page)
        if ref is None:
            return None
        row = self._row(ref)
        row.quarter_turns = (row.quarter_turns + quarter_turns) % 4
        self._session.flush()
        if isinstance(row, Page):
            self._dossier_changed(
                row,
                _Change("page.rotated", {"page_id": row.id, "quarter_turns": row.quarter_turns}),
            )
        return _info(row)

    def move(self, page: PageRef | int, position: int) -> PageInfo | None:
        """Put the page at ``position`` (1-based, clamped) among its slot's pages (draft) or
        its document's pages (dossier); the others keep their order."""
        ref = self.resolve(page)
        if ref is None:
            return None
        row = self._row(ref)
        siblings = self._siblings(row)
        siblings.remove(row)
        target = min(max(position, 1), len(siblings) + 1)
        siblings.insert(target - 1, row)
        self._renumber(siblings)
        if isinstance(row, Page):
            self._dossier_changed(
                row, _Change("page.moved", {"page_id": row.id, "position": row.position})
            )
        return _info(row)

    def delete(self, page: PageRef | int) -> bool:
        """Remove a page (its files stay until no row names them). ``False`` if it was gone."""
        ref = self.resolve(page)
        if ref is None:
            return False
        row = self._row(ref)
        siblings = self._siblings(row)
        siblings.remove(row)
        change = _Change("page.deleted", {"page_id": row.id, "original_sha256": _original(row)})
        dossier = row.document.dossier if isinstance(row, Page) else None
        self._session.delete(row)
        self._session.flush()
        self._renumber(siblings)
        if dossier is not None:
            self._audit(dossier, change)
            DossierRepository(self._session).reindex(dossier)
        return True

    def assign(self, page: PageRef | int, key: DocumentKey) -> PageInfo | None:
        """Assign the page to a checklist line. A dossier page moves to the end of the
        dossier's received document matching ``key`` (or "Giấy tờ khác")."""
        ref = self.resolve(page)
        if ref is None:
            return None
        row = self._row(ref)
        if isinstance(row, DraftPage):
            row.required_document_id = key.required_document_id
            row.document_name = nfc(key.name).strip()
            self._session.flush()
            return _info(row)
        dossier = row.document.dossier
        old_document = row.document
        target = _document_for(self._session, dossier, key)
        if target.id != old_document.id:
            old_siblings = [sibling for sibling in self._siblings(row) if sibling is not row]
            last = self._session.scalar(
                select(func.max(Page.position)).where(Page.document_id == target.id)
            )
            row.document_id = target.id
            row.position = (last or 0) + 1
            self._session.flush()
            self._session.expire(row, ["document"])
            self._renumber(old_siblings)
            self._audit(
                dossier,
                _Change(
                    "page.assigned",
                    {"page_id": row.id, "from": old_document.name, "to": target.name},
                ),
            )
        return _info(row)

    # --- helpers ----------------------------------------------------------------------------

    def _row(self, ref: PageRef) -> DraftPage | Page:
        row = self._session.get(DraftPage if ref.kind == "draft" else Page, ref.id)
        if row is None:
            raise KeyError(ref)
        return row

    def _siblings(self, row: DraftPage | Page) -> list[Any]:
        if isinstance(row, DraftPage):
            query: Any = (
                select(DraftPage)
                .where(DraftPage.slot == row.slot)
                .order_by(DraftPage.position, DraftPage.id)
            )
        else:
            query = (
                select(Page)
                .where(Page.document_id == row.document_id)
                .order_by(Page.position, Page.id)
            )
        return list(self._session.scalars(query))

    def _renumber(self, rows: Sequence[DraftPage | Page]) -> None:
        for position, row in enumerate(rows, start=1):
            if row.position != position:
                row.position = position
        self._session.flush()

    def _dossier_changed(self, row: Page, change: _Change, reindex: bool = False) -> None:
        dossier = row.document.dossier
        self._audit(dossier, change)
        if reindex:
            DossierRepository(self._session).reindex(dossier)

    def _audit(self, dossier: Dossier, change: _Change) -> None:
        AuditLog(clock=self._clock).append(
            self._session,
            self._actor or clerk_name(self._session),
            change.action,
            DOSSIER_ENTITY,
            dossier.code,
            {"code": dossier.code, **change.details},
        )


def clerk_name(session: Session) -> str:
    """This counter's clerk, for the audit log; ``system`` on a counter not set up."""
    value = read_settings(session, (CLERK_NAME_KEY,)).get(CLERK_NAME_KEY)
    return value.strip() if isinstance(value, str) and value.strip() else SYSTEM_ACTOR


def _original(row: DraftPage | Page) -> str:
    return row.original_sha256 if isinstance(row, DraftPage) else row.sha256


def _check_slot(slot: str) -> None:
    if not slot or "." in slot or len(slot) > 64:
        raise ValueError(f"a page slot is a short non-empty name without dots, not {slot!r}")


def _matches(document: DossierDocument, key: DocumentKey) -> bool:
    if key.required_document_id is not None and document.required_document_id is not None:
        return key.required_document_id == document.required_document_id
    return bool(key.name.strip()) and _key_name(key.name) == _key_name(document.name)


class _DocumentPicker:
    """Finds the received document of one dossier a page key names, reading the dossier's
    documents once (the save attaches every page in one transaction)."""

    def __init__(self, session: Session, dossier: Dossier) -> None:
        self._session = session
        self._dossier = dossier
        self._documents = list(
            session.scalars(
                select(DossierDocument)
                .where(DossierDocument.dossier_id == dossier.id)
                .order_by(DossierDocument.id)
            )
        )

    def pick(self, key: DocumentKey) -> DossierDocument:
        """The received document matching ``key``, else "Giấy tờ khác" (made on first need)."""
        if not key.empty:
            for document in self._documents:
                if document.received and not _is_other(document) and _matches(document, key):
                    return document
        for document in self._documents:
            if _is_other(document):
                return document
        other = DossierDocument(
            dossier_id=self._dossier.id,
            required_document_id=None,
            name=OTHER_DOCUMENT_NAME,
            form="copy",
            copies=1,
            received=True,
            note=OTHER_DOCUMENT_NOTE,
        )
        self._session.add(other)
        self._session.flush()
        self._documents.append(other)
        return other


def _is_other(document: DossierDocument) -> bool:
    return document.required_document_id is None and document.name == OTHER_DOCUMENT_NAME


def _document_for(session: Session, dossier: Dossier, key: DocumentKey) -> DossierDocument:
    return _DocumentPicker(session, dossier).pick(key)


def attach_draft_pages(
    session: Session,
    slot: str | None,
    dossier: Dossier,
    *,
    actor: str | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> int:
    """Move the pages of draft ``slot`` to ``dossier`` (call inside the dossier's save
    transaction, after its documents are written). Returns the number of pages attached.

    Pages keep their slot order within each document; pages whose key matches no received
    line go to "Giấy tờ khác". Each dossier page remembers its draft page id, so a pipeline
    result still running at save time lands on the right row.
    """
    if not slot:
        return 0
    drafts = list(
        session.scalars(
            select(DraftPage)
            .where(DraftPage.slot == slot)
            .order_by(DraftPage.position, DraftPage.id)
        )
    )
    if not drafts:
        return 0
    picker = _DocumentPicker(session, dossier)
    positions: dict[int, int] = {}
    for draft in drafts:
        document = picker.pick(DocumentKey(draft.required_document_id, draft.document_name))
        positions[document.id] = positions.get(document.id, 0) + 1
        values = {name: getattr(draft, name) for name in _CONTENT_FIELDS}
        session.add(
            Page(
                document_id=document.id,
                position=positions[document.id],
                sha256=draft.original_sha256,
                file_name=draft.original_name,
                created_at=draft.created_at,
                draft_page_id=draft.id,
                **values,
            )
        )
        session.delete(draft)
    session.flush()
    hashes = list(
        session.scalars(
            select(Page.sha256)
            .join(DossierDocument, DossierDocument.id == Page.document_id)
            .where(DossierDocument.dossier_id == dossier.id)
            .order_by(DossierDocument.id, Page.position, Page.id)
        )
    )
    # Imported here: receipts imports reception, which calls this function.
    from app.store.receipts import bundle_hash

    if any(draft.ocr_text for draft in drafts):
        DossierRepository(session).reindex(dossier)
    AuditLog(clock=clock).append(
        session,
        actor or clerk_name(session),
        "dossier.pages_attached",
        DOSSIER_ENTITY,
        dossier.code,
        {
            "code": dossier.code,
            "pages": len(drafts),
            "bundle_hash": bundle_hash(hashes),
            "slot": slot,
        },
    )
    return len(drafts)


def reusable_documents(session: Session, id_number: str) -> list[ReusableDocument]:
    """Documents with pages in earlier dossiers of the person with ``id_number`` (current or
    old ID number), newest dossier first."""
    number = id_number.strip()
    if not number:
        return []
    page_count = func.count(Page.id)
    rows = session.execute(
        select(
            DossierDocument.id,
            DossierDocument.dossier_id,
            Dossier.code,
            Dossier.received_at,
            DossierDocument.name,
            DossierDocument.required_document_id,
            page_count.label("page_count"),
        )
        .join(Dossier, Dossier.id == DossierDocument.dossier_id)
        .join(Applicant, Applicant.id == Dossier.applicant_id)
        .join(Page, Page.document_id == DossierDocument.id)
        .where(or_(Applicant.id_number == number, Applicant.old_id_number == number))
        .group_by(DossierDocument.id)
        .having(page_count > 0)
        .order_by(Dossier.received_at.desc(), Dossier.id.desc(), DossierDocument.id)
    ).all()
    return [
        ReusableDocument(
            document_id=row.id,
            dossier_id=row.dossier_id,
            dossier_code=row.code,
            received_at=row.received_at,
            name=row.name,
            required_document_id=row.required_document_id,
            page_count=row.page_count,
        )
        for row in rows
    ]


def reuse_document(
    session: Session,
    slot: str,
    document_id: int,
    document_key: DocumentKey,
    clock: Callable[[], datetime] = utcnow,
) -> list[int]:
    """Copy the pages of an earlier dossier's document into draft ``slot`` (origin
    ``reuse``, assigned to ``document_key``). Files are shared, not copied. Returns the new
    draft page ids."""
    _check_slot(slot)
    pages = list(
        session.scalars(
            select(Page).where(Page.document_id == document_id).order_by(Page.position, Page.id)
        )
    )
    if not pages:
        raise KeyError(document_id)
    last = session.scalar(select(func.max(DraftPage.position)).where(DraftPage.slot == slot))
    now = clock()
    rows: list[DraftPage] = []
    for offset, page in enumerate(pages, start=1):
        values = {name: getattr(page, name) for name in _CONTENT_FIELDS}
        values["origin"] = "reuse"
        rows.append(
            DraftPage(
                slot=slot,
                position=(last or 0) + offset,
                required_document_id=document_key.required_document_id,
                document_name=nfc(document_key.name).strip(),
                original_sha256=page.sha256,
                original_name=page.file_name,
                created_at=now,
                **values,
            )
        )
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


def referenced_files(session: Session) -> set[str]:
    """Every file hash a row names: what :meth:`FileStore.delete_unreferenced` must keep."""
    columns = (
        Page.sha256,
        Page.image_sha256,
        Page.thumbnail_sha256,
        Page.text_layer_sha256,
        DraftPage.original_sha256,
        DraftPage.image_sha256,
        DraftPage.thumbnail_sha256,
        DraftPage.text_layer_sha256,
        DocumentFile.sha256,
    )
    query = union(*(select(column).where(column.is_not(None)) for column in columns))
    return {value for (value,) in session.execute(query) if value}


# --- document files ---------------------------------------------------------------------------

OUTBOX_FILES = "dossier.files"


@dataclass(frozen=True)
class NewDocumentFile:
    """A PDF made from a document's pages, already in the file store."""

    document_id: int
    kind: Literal["searchable", "archive"]
    sha256: str
    size: int
    page_count: int
    signer_name: str | None = None
    signed_at: datetime | None = None


@dataclass(frozen=True)
class DocumentFileInfo:
    document_id: int
    document_name: str
    kind: str
    """``searchable`` (the working copy) or ``archive`` (PDF/A-2b)."""
    sha256: str
    size: int
    page_count: int
    signed: bool
    signer_name: str | None
    signed_at: datetime | None
    created_at: datetime


def dossier_document_ids(session: Session, dossier_id: int) -> list[int]:
    """A dossier's documents in reception order, which is how the clerk numbers them."""
    return list(
        session.scalars(
            select(DossierDocument.id)
            .where(DossierDocument.dossier_id == dossier_id)
            .order_by(DossierDocument.id)
        ).all()
    )


def document_files(session: Session, dossier_id: int) -> list[DocumentFileInfo]:
    """The PDFs recorded for a dossier's documents, documents in reception order."""
    rows = session.execute(
        select(DocumentFile, DossierDocument.name)
        .join(DossierDocument, DossierDocument.id == DocumentFile.document_id)
        .where(DossierDocument.dossier_id == dossier_id)
        .order_by(DossierDocument.id, DocumentFile.kind.desc())
    ).all()
    return [_file_info(row, name) for row, name in rows]


def _file_info(row: DocumentFile, name: str) -> DocumentFileInfo:
    return DocumentFileInfo(
        document_id=row.document_id,
        document_name=name,
        kind=row.kind,
        sha256=row.sha256,
        size=row.size,
        page_count=row.page_count,
        signed=row.signed,
        signer_name=row.signer_name,
        signed_at=row.signed_at,
        created_at=row.created_at,
    )


def record_document_files(
    session: Session,
    dossier_id: int,
    files: Sequence[NewDocumentFile],
    *,
    actor: str | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> list[DocumentFileInfo]:
    """Record a dossier's finalised PDFs (replacing earlier ones of the same document and
    kind), with an audit entry and the outbox entry by which the sync engine uploads the files
    by hash. The files must already be in the file store."""
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        raise KeyError(dossier_id)
    documents = {
        document.id: document
        for document in session.scalars(
            select(DossierDocument).where(DossierDocument.dossier_id == dossier_id)
        )
    }
    now = clock()
    infos: list[DocumentFileInfo] = []
    for new in files:
        document = documents.get(new.document_id)
        if document is None:
            raise KeyError(new.document_id)
        row = session.scalar(
            select(DocumentFile).where(
                DocumentFile.document_id == new.document_id, DocumentFile.kind == new.kind
            )
        )
        if row is None:
            row = DocumentFile(document_id=new.document_id, kind=new.kind)
            session.add(row)
        row.sha256 = new.sha256
        row.size = new.size
        row.page_count = new.page_count
        row.signed = new.signer_name is not None
        row.signer_name = new.signer_name
        row.signed_at = new.signed_at
        row.created_at = now
        session.flush()
        infos.append(_file_info(row, document.name))
    pages_by_document: dict[int, list[dict[str, Any]]] = {}
    for page in session.scalars(
        select(Page)
        .where(Page.document_id.in_(list(documents)))
        .order_by(Page.document_id, Page.position, Page.id)
    ):
        pages_by_document.setdefault(page.document_id, []).append(
            {
                "position": page.position,
                "original_sha256": page.sha256,
                "original_name": page.file_name,
                "original_page_index": page.original_page_index,
                "image_sha256": page.image_sha256,
                "text_layer_sha256": page.text_layer_sha256,
            }
        )
    payload = {
        "code": dossier.code,
        "documents": [
            {
                "name": documents[document_id].name,
                "required_document_id": documents[document_id].required_document_id,
                "files": [
                    {
                        "kind": info.kind,
                        "sha256": info.sha256,
                        "size": info.size,
                        "signed": info.signed,
                        "signer_name": info.signer_name,
                    }
                    for info in infos
                    if info.document_id == document_id
                ],
                "pages": pages_by_document.get(document_id, []),
            }
            for document_id in sorted({info.document_id for info in infos})
        ],
    }
    who = actor or clerk_name(session)
    AuditLog(clock=lambda: now).append(
        session,
        who,
        "dossier.files_finalised",
        DOSSIER_ENTITY,
        dossier.code,
        {
            "code": dossier.code,
            "files": [{"kind": i.kind, "sha256": i.sha256, "signed": i.signed} for i in infos],
        },
    )
    OutboxRepository(session, clock=lambda: now).enqueue(
        OUTBOX_FILES, DOSSIER_ENTITY, dossier.code, payload
    )
    return infos
