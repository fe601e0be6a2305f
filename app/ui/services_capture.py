"""What the page editor asks of digitisation: load, keep, read, arrange and reuse pages.

Like :mod:`app.ui.services_reception`: a small protocol and the frozen values it returns, so
the editor holds no business rule and no store object. Which thread runs what is part of the
contract (the editor calls each method through ``TaskRunner``):

- decoding files and the OCR pipeline are CPU work: ``run_cpu``
  (:meth:`CaptureServices.load_file`, :meth:`CaptureServices.load_bytes`,
  :meth:`CaptureServices.process`);
- reading images for thumbnails and the preview is I/O: ``run_io``
  (:meth:`CaptureServices.thumbnail`, :meth:`CaptureServices.preview`);
- everything that touches the database is ``run_db``.

Errors a clerk can act on are ``CaptureError`` (or ``StoreError``) with ``message_vi``.
The implementation over the store and the ``Digitiser`` is :mod:`app.ui.capture_queries`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.domain.reception import DocumentLine

if TYPE_CHECKING:
    # Only for the annotations: numpy and the pipeline's values load on the workers, not
    # with the window.
    import numpy as np

    from app.capture.model import (
        PageOrigin,
        ProcessedPage,
        QualityFlag,
        SourceFile,
        SourcePage,
    )

RECEPTION_SLOT = "reception"
"""The draft slot of the dossier being received: its pages wait there until it is saved."""


class PageState(StrEnum):
    """What the clerk sees of a page's progress through the pipeline."""

    WAITING = "waiting"
    READING = "reading"
    """OCR is running on it now."""
    DONE = "done"
    FLAGGED = "flagged"
    """Processed, and the quality gate asks for a rescan."""


def document_key(line: DocumentLine) -> str:
    """How a page names the checklist line it belongs to (stable across drafts and saves):
    the catalogue's required-document id, or the name of a document the clerk added."""
    if line.required_document_id is not None:
        return f"required:{line.required_document_id}"
    return f"name:{line.name}"


def pipeline_turns(processed: ProcessedPage) -> int:
    """Quarter turns clockwise the pipeline gave the page (its orientation step turns
    counter-clockwise; deskew adds less than 45 degrees), so a clerk's turn adds to it."""
    return (-round(processed.cleaned.rotation / 90)) % 4


@dataclass(frozen=True)
class DraftPage:
    """One page of the draft, as the editor lists it (ordered by ``position``)."""

    page_id: int
    position: int
    """1-based, as every position in this protocol."""
    name: str
    """The file it came from (and its page number when the file has several)."""
    document_key: str | None
    """The checklist line it is assigned to (see :func:`document_key`); ``None``: not yet."""
    processed: bool
    flags: tuple[QualityFlag, ...] = ()
    confidence: float | None = None
    text: str = ""
    quarter_turns: int = 0
    """Turns to the right the clerk asked for, on top of the pipeline's own orientation."""

    @property
    def state(self) -> PageState:
        if not self.processed and not self.flags:
            return PageState.WAITING
        return PageState.FLAGGED if self.flags else PageState.DONE


@dataclass(frozen=True, eq=False)
class ReadPage:
    """A page through the pipeline, its files already written (on the CPU pool), so the
    database thread only records it."""

    processed: ProcessedPage
    stored: Any = None
    """What the implementation wrote to the file store, for :meth:`CaptureServices.save_result`."""


@dataclass(frozen=True)
class ReuseOffer:
    """A document already digitised for the same ID number, offered instead of a rescan."""

    offer_id: int
    document_name: str
    dossier_code: str
    page_count: int
    received_at: datetime | None = None
    required_document_id: int | None = None
    """The catalogue document it answered (matches the new checklist exactly)."""


class CaptureServices(Protocol):
    @property
    def supported_suffixes(self) -> tuple[str, ...]:
        """File name endings the import dialog offers (``.jpg``, ``.tif``, ``.pdf``...)."""
        ...

    # --- CPU (run_cpu) --------------------------------------------------------------------

    def load_file(self, path: Path, origin: PageOrigin) -> list[SourcePage]:
        """Decode every page of a file and keep its untouched original in the file store
        (raises ``CaptureError`` for a bad file, ``StoreError`` for a full disk)."""
        ...

    def reload(self, file: SourceFile, index: int) -> SourcePage:
        """Decode one page of a file kept in memory again (to read it anew after a turn)."""
        ...

    def stored_source(self, page_id: int) -> SourcePage | None:
        """A listed page decoded again from its kept original (a draft restored after a
        restart, read again); ``None`` if it is not known or its file is gone."""
        ...

    def process(self, page: SourcePage, quarter_turns: int | None = None) -> ReadPage:
        """Clean up, OCR and check one page (the whole pipeline). ``quarter_turns``: the clerk
        turned it, that many quarter turns clockwise from the original, and the pipeline's own
        orientation guess is skipped; ``None``: the pipeline finds the orientation. The
        cleaned image, thumbnail and text layer are written to the file store here."""
        ...

    # --- I/O (run_io) ---------------------------------------------------------------------

    def thumbnail(self, page_id: int, max_side: int) -> np.ndarray | None:
        """The page scaled to fit ``max_side``, read from the file store; ``None`` if gone."""
        ...

    def preview(self, page_id: int, max_side: int) -> np.ndarray | None:
        """The page as large as the preview shows it (cleaned if processed, else original)."""
        ...

    # --- database (run_db) ----------------------------------------------------------------

    def add_pages(
        self,
        slot: str,
        pages: Sequence[SourcePage],
        document_key: str | None,
        position: int | None = None,
    ) -> list[DraftPage]:
        """Keep the originals and add the pages to the draft (at ``position``, else at the
        end); returns the new pages."""
        ...

    def save_result(self, page_id: int, read: ReadPage) -> DraftPage | None:
        """Record a page's result (OCR text, flags, files); ``None`` if the page was deleted
        meanwhile (its result is dropped)."""
        ...

    def list_pages(self, slot: str) -> list[DraftPage]: ...

    def move(self, slot: str, page_id: int, position: int) -> list[DraftPage]:
        """Move a page to ``position``; returns the draft's pages in their new order."""
        ...

    def rotate(self, page_id: int, quarter_turns: int) -> DraftPage:
        """Turn a page by quarter turns (positive: to the right); it will be read again."""
        ...

    def delete(self, page_id: int) -> None: ...

    def discard(self, slot: str) -> None:
        """The dossier was cancelled: its draft pages go (files stay until the clean-up)."""
        ...

    def assign(self, page_ids: Sequence[int], document_key: str | None) -> None: ...

    def replace(self, slot: str, page_id: int, pages: Sequence[SourcePage]) -> list[DraftPage]:
        """A rescan: ``pages`` take the place (position, document) of ``page_id``, which
        goes; returns the new pages."""
        ...

    def reuse_offers(self, id_number: str) -> list[ReuseOffer]: ...

    def reuse(self, slot: str, offer_id: int, document_key: str | None) -> list[DraftPage]: ...

    def watch_folder(self) -> Path | None:
        """The network scanner's drop folder set up for this counter, if any."""
        ...

    def finalise(self, dossier_id: int) -> None:
        """Build the dossier's signed searchable PDFs once every page is read."""
        ...

    def clean_up_files(self) -> int:
        """Delete stored files nothing refers to any more (cancelled drafts, deleted pages),
        once they are an hour old; returns how many went. Files and a read: for the I/O pool."""
        ...

    def build_files(self, dossier_id: int) -> Any:
        """The CPU and file half of :meth:`finalise` (no database writes): for the CPU pool."""
        ...

    def record_files(self, dossier_id: int, built: Any) -> None:
        """The database half of :meth:`finalise`, given what :meth:`build_files` returned."""
        ...
