"""Digitisation as the app runs it: keep the originals, record pages, store results, make PDFs.

:class:`Digitiser` joins the pipeline (:mod:`app.capture.pipeline`), the file store and the
page repository. It holds no Qt: each method does one kind of work, so the UI can run it on
the right thread (see each method: files, CPU or database), and tests run it directly.

The order of writes is what keeps the data safe: files first (atomic, content-addressed), the
row that names them after, in one transaction. A crash in between leaves an unreferenced file
(the clean-up removes it later), never a row pointing to a missing file; a full disk stops
before any row changes, so the draft stays as it was.

Cleaned page images are stored as PNG when that costs at most :data:`PNG_MAX_RATIO` times the
JPEG's size (text pages and binarised pages: lossless, crisp at any zoom, often smaller than
JPEG), else as JPEG at :data:`JPEG_QUALITY` (photos and colour pages, where PNG is several
times larger for no visible gain).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal

import cv2
import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.capture.errors import CaptureError, CaptureProblem
from app.capture.model import TARGET_DPI, FlagCode, ProcessedPage, SourcePage
from app.capture.pdf import PdfPage, build_searchable_pdf
from app.capture.pipeline import PipelineOptions, process_page
from app.capture.thumbnails import thumbnail_png
from app.store.counter import load_organisation_profile
from app.store.database import Store
from app.store.files import FileStore
from app.store.models import Dossier, DossierDocument
from app.store.pages import (
    DocumentFileInfo,
    DocumentKey,
    NewDocumentFile,
    NewPage,
    PageFlag,
    PageInfo,
    PageRef,
    PageRepository,
    PageResult,
    clerk_name,
    record_document_files,
    referenced_files,
    reuse_document,
)
from app.store.types import utcnow

if TYPE_CHECKING:
    from app.capture.signing import PdfSigner

__all__ = ["Digitiser", "DocumentFileInfo", "PagesNotReady", "encode_page_image"]

JPEG_QUALITY = 90
PNG_MAX_RATIO = 1.5
PNG_COMPRESSION = 3
"""zlib level 3: within a few percent of level 9's size on page images, several times faster."""


class PagesNotReady(CaptureError):
    """A document cannot be made into a PDF while some of its pages are still being read."""

    def __init__(self, document: str, positions: Sequence[int]) -> None:
        listed = ", ".join(str(position) for position in positions)
        super().__init__(
            CaptureProblem.PAGES_NOT_READY,
            f"The document {document!r} cannot be finalised yet: page(s) {listed} have not "
            "been processed; wait for them to finish or rescan them",
            f"Chưa tạo được tệp PDF cho giấy tờ «{document}»: trang {listed} chưa xử lý xong; "
            "hãy chờ xử lý xong hoặc quét lại các trang này",
        )
        self.document = document
        self.positions = tuple(positions)


def _is_grey(image: np.ndarray) -> bool:
    if image.ndim == 2:
        return True
    small = image[::8, ::8].astype(np.int16)
    return bool(np.abs(small - small[..., :1]).max() <= 8)


def encode_page_image(image: np.ndarray) -> tuple[bytes, Literal["image/png", "image/jpeg"]]:
    """The stored form of a cleaned page image (see the module doc for the choice)."""
    ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:  # pragma: no cover - OpenCV encodes any uint8 image
        raise ValueError("JPEG encoding failed")
    if _is_grey(image):
        grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        ok, png = cv2.imencode(".png", grey, [cv2.IMWRITE_PNG_COMPRESSION, PNG_COMPRESSION])
        if ok and len(png) <= PNG_MAX_RATIO * len(jpeg):
            return png.tobytes(), "image/png"
    return jpeg.tobytes(), "image/jpeg"


def decode_page_image(data: bytes) -> np.ndarray:
    """A stored page image (PNG or JPEG) as uint8 grey or BGR."""
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None:
        raise ValueError("not a PNG or JPEG image")
    if image.ndim == 3 and image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


def _page_name(page: SourcePage) -> str:
    return page.file.name


def _flags(processed: ProcessedPage) -> tuple[PageFlag, ...]:
    return tuple(
        PageFlag(flag.code.value, flag.message, flag.message_vi, flag.value)
        for flag in processed.flags
    )


def _ocr_failed(processed: ProcessedPage) -> bool:
    """OCR was asked for and did not deliver (a skipped OCR is not a failure)."""
    failures = {FlagCode.OCR_FAILED, FlagCode.OCR_TIMEOUT}
    return processed.ocr is None and any(flag.code in failures for flag in processed.flags)


@dataclass(frozen=True)
class _DocumentPages:
    document_id: int
    name: str
    pages: tuple[PageInfo, ...]


class Digitiser:
    """Digitisation over one store and its file store (``AppPaths.files_dir``)."""

    def __init__(
        self,
        store: Store,
        files: FileStore,
        options: PipelineOptions | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
        actor: str | None = None,
    ) -> None:
        self.store = store
        self.files = files
        self.options = options
        self._clock = clock
        self._actor = actor

    # --- capture ----------------------------------------------------------------------------

    def keep_originals(self, pages: Sequence[SourcePage]) -> list[SourcePage]:
        """FILES. Store each page's untouched original file (once per file); returns the
        pages, now safe to :meth:`add_to_draft`. A full disk raises ``DiskFullError``
        (a ``StoreError``) and changes no row."""
        stored: set[str] = set()
        for page in pages:
            source = page.file
            if source.sha256 in stored:
                continue
            if self.files.put(source.data) != source.sha256:
                raise ValueError(f"{source.name}: its sha256 does not match its bytes")
            stored.add(source.sha256)
        return list(pages)

    def add_to_draft(
        self, slot: str, pages: Sequence[SourcePage], document_key: DocumentKey | None = None
    ) -> list[int]:
        """DATABASE. Append pages whose originals are kept to draft ``slot``; returns their
        draft page ids. Refuses a page whose original is not in the file store."""
        for page in pages:
            if not self.files.has(page.file.sha256):
                raise ValueError(f"{page.file.name}: keep the original before adding its page")
        new_pages = [
            NewPage(
                original_sha256=page.file.sha256,
                original_name=_page_name(page),
                original_media_type=page.file.media_type,
                width=int(page.image.shape[1]),
                height=int(page.image.shape[0]),
                dpi=round(page.dpi) if page.dpi else 0,
                original_page_index=page.index,
                origin=page.file.origin.value,
            )
            for page in pages
        ]
        with self.store.session() as session:
            return self._pages(session).add_to_draft(slot, new_pages, document_key)

    def capture(
        self, slot: str, pages: Sequence[SourcePage], document_key: DocumentKey | None = None
    ) -> list[int]:
        """FILES then DATABASE: :meth:`keep_originals` and :meth:`add_to_draft`."""
        self.keep_originals(pages)
        return self.add_to_draft(slot, pages, document_key)

    def reuse(self, slot: str, document_id: int, document_key: DocumentKey) -> list[int]:
        """DATABASE. Copy an earlier dossier's document pages into ``slot`` (no file copied)."""
        with self.store.session() as session:
            return reuse_document(session, slot, document_id, document_key, clock=self._clock)

    # --- pipeline ---------------------------------------------------------------------------

    def process(self, page: SourcePage) -> ProcessedPage:
        """CPU. The whole pipeline on one page, with this digitiser's options."""
        return process_page(page, self.options or PipelineOptions())

    def store_result_files(self, processed: ProcessedPage) -> PageResult:
        """FILES. Write the cleaned image, its thumbnail and the text layer; returns what
        :meth:`record_result` records."""
        image = processed.cleaned.image
        encoded, _media_type = encode_page_image(image)
        image_sha = self.files.put(encoded)
        thumbnail_sha = self.files.put(thumbnail_png(image))
        ocr = processed.ocr
        text_layer_sha = (
            self.files.put(ocr.text_layer_pdf) if ocr is not None and ocr.text_layer_pdf else None
        )
        return PageResult(
            image_sha256=image_sha,
            thumbnail_sha256=thumbnail_sha,
            text_layer_sha256=text_layer_sha,
            width=int(image.shape[1]),
            height=int(image.shape[0]),
            dpi=processed.cleaned.dpi or TARGET_DPI,
            rotation=processed.cleaned.rotation,
            flags=_flags(processed),
            ocr_text=None if ocr is None else ocr.text,
            ocr_confidence=None if ocr is None else ocr.confidence,
            ocr_language=None if ocr is None else ocr.language,
            ocr_seconds=None if ocr is None else ocr.seconds,
            state="failed" if _ocr_failed(processed) else "processed",
        )

    def record_result(self, page_id: int | PageRef, result: PageResult) -> PageInfo | None:
        """DATABASE. Record a stored result on the page (a draft page id still finds the page
        after the dossier was saved); ``None`` if the page was deleted meanwhile."""
        with self.store.session() as session:
            return self._pages(session).record_result(page_id, result)

    def save_result(self, page_id: int | PageRef, processed: ProcessedPage) -> PageInfo | None:
        """FILES then DATABASE: :meth:`store_result_files` and :meth:`record_result`."""
        return self.record_result(page_id, self.store_result_files(processed))

    # --- page editor ------------------------------------------------------------------------

    def rotate(self, page_id: int | PageRef, quarter_turns: int) -> PageInfo | None:
        """FILES and DATABASE. Turn a page clockwise by ``quarter_turns``: the stored image and
        thumbnail are regenerated; the text layer no longer lines up, so it is dropped until
        the page is read again (the OCR text itself stays valid)."""
        with self.store.read_session() as session:
            page = self._pages(session).get(page_id, follow=False)
        if page is None:
            return None
        turns = (page.quarter_turns + quarter_turns) % 4
        if page.image_sha256 is None or quarter_turns % 4 == 0:
            with self.store.session() as session:
                return self._pages(session).rotate(page.ref, quarter_turns)
        image = decode_page_image(self.files.read(page.image_sha256))
        turned = np.ascontiguousarray(np.rot90(image, k=-(quarter_turns % 4)))
        encoded, _media_type = encode_page_image(turned)
        image_sha = self.files.put(encoded)
        thumbnail_sha = self.files.put(thumbnail_png(turned))
        with self.store.session() as session:
            return self._pages(session).replace_image(
                page.ref,
                image_sha256=image_sha,
                thumbnail_sha256=thumbnail_sha,
                width=int(turned.shape[1]),
                height=int(turned.shape[0]),
                quarter_turns=turns,
                text_layer_sha256=None,
            )

    def page_image(self, page_id: int | PageRef) -> np.ndarray | None:
        """FILES (and a read). The cleaned image of a page, or ``None`` if not processed."""
        with self.store.read_session() as session:
            page = self._pages(session).get(page_id)
        if page is None or page.image_sha256 is None:
            return None
        return decode_page_image(self.files.read(page.image_sha256))

    # --- housekeeping -----------------------------------------------------------------------

    def clean_up_files(self, older_than: timedelta = timedelta(hours=1)) -> list[str]:
        """DATABASE then FILES. Delete stored files no row names any more (a cancelled draft,
        a deleted page, a crash between a file write and its row) once older than
        ``older_than``, so a capture still in flight keeps its files. Returns the hashes."""
        with self.store.read_session() as session:
            referenced = referenced_files(session)
        return self.files.delete_unreferenced(referenced, older_than)

    # --- finalising -------------------------------------------------------------------------

    def finalise_dossier(
        self, dossier_id: int, signer: PdfSigner | None = None
    ) -> list[DocumentFileInfo]:
        """FILES, CPU and DATABASE. Build each document's searchable PDF and PDF/A archive copy
        from its pages' images and text layers, sign both when ``signer`` is given, store them
        and record them (audit, outbox). Refuses (:class:`PagesNotReady`) while a page is
        still being read; documents without pages get no PDF."""
        return self.record_dossier_files(dossier_id, self.build_dossier_files(dossier_id, signer))

    def build_dossier_files(
        self, dossier_id: int, signer: PdfSigner | None = None
    ) -> list[NewDocumentFile]:
        """FILES and CPU (reads only): the PDFs of :meth:`finalise_dossier`, written to the file
        store but not yet recorded, so the GUI's single database thread is not held for the
        seconds that building and signing take."""
        code, subject, location, documents, author = self._finalise_inputs(dossier_id)
        now = self._clock()
        signer_label: str | None = None
        if signer is not None:
            from app.capture.signing import signer_name

            signer_label = signer_name(signer.certificate)
        new_files: list[NewDocumentFile] = []
        for document in documents:
            pdf_pages = [
                PdfPage(
                    image=decode_page_image(self.files.read(page.image_sha256 or "")),
                    dpi=page.dpi or TARGET_DPI,
                    text_layer_pdf=(
                        self.files.read(page.text_layer_sha256) if page.text_layer_sha256 else b""
                    ),
                )
                for page in document.pages
            ]
            for kind in ("searchable", "archive"):
                pdf = build_searchable_pdf(
                    pdf_pages,
                    title=f"{code} - {document.name}",
                    author=author,
                    subject=subject,
                    keywords=code,
                    archive=kind == "archive",
                    created_at=now,
                )
                signed_at: datetime | None = None
                if signer is not None:
                    from app.capture.signing import sign_pdf

                    pdf = sign_pdf(
                        pdf,
                        signer,
                        reason=f"Số hoá hồ sơ {code}: {document.name}",
                        location=location,
                    )
                    signed_at = datetime.now(UTC)
                sha = self.files.put(pdf)
                new_files.append(
                    NewDocumentFile(
                        document_id=document.document_id,
                        kind="searchable" if kind == "searchable" else "archive",
                        sha256=sha,
                        size=len(pdf),
                        page_count=len(pdf_pages),
                        signer_name=signer_label,
                        signed_at=signed_at,
                    )
                )
        return new_files

    def record_dossier_files(
        self, dossier_id: int, new_files: list[NewDocumentFile]
    ) -> list[DocumentFileInfo]:
        """DATABASE. Record what :meth:`build_dossier_files` wrote (audit, outbox)."""
        if not new_files:
            return []
        now = self._clock()
        with self.store.session() as session:
            return record_document_files(
                session,
                dossier_id,
                new_files,
                actor=self._actor,
                clock=lambda: now,
            )

    def _finalise_inputs(self, dossier_id: int) -> tuple[str, str, str, list[_DocumentPages], str]:
        with self.store.read_session() as session:
            dossier = session.get(Dossier, dossier_id)
            if dossier is None:
                raise KeyError(dossier_id)
            names = {
                document.id: document.name
                for document in session.scalars(
                    select(DossierDocument).where(DossierDocument.dossier_id == dossier_id)
                )
            }
            pages = self._pages(session).list_dossier(dossier_id)
            profile = load_organisation_profile(session)
            subject = dossier.procedure_version.procedure.name
            author = dossier.received_by or self._actor or clerk_name(session)
            code = dossier.code
        grouped: dict[int, list[PageInfo]] = {}
        for page in pages:
            assert page.document_id is not None
            grouped.setdefault(page.document_id, []).append(page)
        documents: list[_DocumentPages] = []
        for document_id, document_pages in grouped.items():
            waiting = [page.position for page in document_pages if page.image_sha256 is None]
            if waiting:
                raise PagesNotReady(names[document_id], waiting)
            documents.append(_DocumentPages(document_id, names[document_id], tuple(document_pages)))
        location = profile.place_name or profile.authority
        return code, subject, location, documents, author

    def _pages(self, session: Session) -> PageRepository:
        return PageRepository(session, clock=self._clock, actor=self._actor)
