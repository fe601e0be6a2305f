"""The page editor's services over the real store, the file store and the pipeline.

Database methods run on the database thread (``TaskRunner.run_db``), each in its own session;
decoding and the pipeline on the CPU pool; thumbnails and previews on the I/O pool. The I/O
methods touch no database: every page this object has listed or added is remembered with the
names of its files, so a thumbnail is one read from the content-addressed file store.
Heavy modules (SQLAlchemy, OpenCV, the pipeline) are imported on first use, on the workers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.ui.services_capture import DraftPage, ReadPage, ReuseOffer
from app.ui.store_queries import StoreHolder

if TYPE_CHECKING:
    import numpy as np

    from app.capture.model import PageOrigin, QualityFlag, SourceFile, SourcePage
    from app.store.files import FileStore
    from app.store.pages import DocumentKey, PageInfo


@dataclass(frozen=True)
class _Files:
    """The stored files of a page, for the I/O pool."""

    original: str
    media_type: str
    index: int
    name: str
    image: str | None
    thumbnail: str | None


def to_store_key(key: str | None) -> DocumentKey:
    """The UI's document key (``required:<id>`` / ``name:<text>``) as the store's."""
    from app.store.pages import DocumentKey

    if key is None:
        return DocumentKey()
    kind, _, value = key.partition(":")
    if kind == "required" and value.isdigit():
        return DocumentKey(required_document_id=int(value))
    return DocumentKey(name=value)


def from_store_key(key: DocumentKey) -> str | None:
    if key.required_document_id is not None:
        return f"required:{key.required_document_id}"
    return f"name:{key.name}" if key.name.strip() else None


def _flag(stored: Any) -> QualityFlag:
    from app.capture.model import FlagCode, QualityFlag

    try:
        code = FlagCode(stored.code)
    except ValueError:
        code = FlagCode.OCR_FAILED
    return QualityFlag(code, stored.message, stored.message_vi, stored.value)


def _page_name(info: PageInfo, count: int | None = None) -> str:
    if info.original_media_type in ("image/tiff", "application/pdf") or info.original_page_index:
        return f"{info.original_name} ({info.original_page_index + 1})"
    return info.original_name


def _draft_page(info: PageInfo) -> DraftPage:
    return DraftPage(
        page_id=info.id,
        position=info.position,
        name=_page_name(info),
        document_key=from_store_key(info.document_key),
        processed=info.state != "pending",
        flags=tuple(_flag(flag) for flag in info.flags),
        confidence=info.ocr_confidence,
        text=info.ocr_text or "",
        quarter_turns=info.quarter_turns,
    )


def _decode(data: bytes) -> np.ndarray | None:
    import cv2
    import numpy as np

    array = np.frombuffer(data, dtype=np.uint8)
    image = cv2.imdecode(array, cv2.IMREAD_UNCHANGED)
    if image is None:
        return None
    if image.ndim == 3 and image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


class StoreCaptureServices:
    """:class:`app.ui.services_capture.CaptureServices` over the opened store."""

    def __init__(
        self,
        holder: StoreHolder,
        *,
        digitiser_factory: Callable[[Any, FileStore], Any] | None = None,
        pipeline_options: Any = None,
        signer: Callable[[], Any] | None = None,
        secrets: Any = None,
    ) -> None:
        """``digitiser_factory(store, files)``: builds the ``Digitiser`` (default: the real
        one with ``pipeline_options``); ``signer``: gives the clerk's ``PdfSigner`` for the
        PDFs (default: as the settings say, its secret from ``secrets``, the OS keyring)."""
        self._secrets = secrets
        self._holder = holder
        self._digitiser_factory = digitiser_factory
        self._pipeline_options = pipeline_options
        self._signer = signer
        self._digitiser: Any = None
        self._lock = threading.Lock()
        self._files: dict[int, _Files] = {}

    # --- plumbing ---------------------------------------------------------------------------

    @property
    def supported_suffixes(self) -> tuple[str, ...]:
        from app.capture.sources import SUPPORTED_SUFFIXES

        return tuple(SUPPORTED_SUFFIXES)

    def _file_store(self) -> FileStore:
        from app.store.files import FileStore

        return FileStore(self._holder.store.paths.files_dir)

    def _digitise(self) -> Any:
        with self._lock:
            if self._digitiser is None:
                store = self._holder.store
                if self._digitiser_factory is not None:
                    self._digitiser = self._digitiser_factory(store, self._file_store())
                else:
                    from app.capture.digitise import Digitiser

                    self._digitiser = Digitiser(store, self._file_store(), self._pipeline_options)
            return self._digitiser

    def _remember(self, info: PageInfo) -> DraftPage:
        with self._lock:
            self._files[info.id] = _Files(
                original=info.original_sha256,
                media_type=info.original_media_type,
                index=info.original_page_index,
                name=info.original_name,
                image=info.image_sha256,
                thumbnail=info.thumbnail_sha256,
            )
        return _draft_page(info)

    def _infos(self, slot: str, ids: Sequence[int] | None = None) -> list[DraftPage]:
        from app.store.pages import PageRepository

        with self._holder.store.read_session() as session:
            repository = PageRepository(session)
            if ids is None:
                infos = repository.list_draft(slot)
            else:  # only the pages asked for: a 20-file import is not 20 listings of the slot
                found = (repository.get(page_id) for page_id in ids)
                infos = [info for info in found if info is not None]
        return [self._remember(info) for info in infos]

    # --- CPU --------------------------------------------------------------------------------

    def load_file(self, path: Path, origin: PageOrigin) -> list[SourcePage]:
        from app.capture.sources import load_file

        pages = load_file(path, origin)
        self._digitise().keep_originals(pages)  # files, off the database thread
        return pages

    def stored_source(self, page_id: int) -> SourcePage | None:
        from app.capture.model import SourceFile
        from app.capture.sources import iter_pages

        with self._lock:
            files = self._files.get(page_id)
        store = self._file_store()
        if files is None or not store.has(files.original):
            return None
        source = SourceFile(
            name=files.name,
            data=store.read(files.original),
            media_type=files.media_type,
            sha256=files.original,
        )
        return next(iter(iter_pages(source, pages=[files.index])))

    def reload(self, file: SourceFile, index: int) -> SourcePage:
        from app.capture.sources import iter_pages

        return next(iter(iter_pages(file, pages=[index])))

    def process(self, page: SourcePage, quarter_turns: int | None = None) -> ReadPage:
        from app.capture.pipeline import PipelineOptions, process_page

        options = self._pipeline_options or PipelineOptions()
        if quarter_turns is not None:
            # The clerk decided the orientation: turn the original and trust it.
            import numpy as np

            from app.capture.model import SourcePage

            turned = np.ascontiguousarray(np.rot90(page.image, k=-(quarter_turns % 4)))
            page = SourcePage(file=page.file, index=page.index, image=turned, dpi=page.dpi)
            cleanup = replace(options.cleanup, skip=options.cleanup.skip | {"orientation"})
            options = replace(options, cleanup=cleanup)
        processed = process_page(page, options)
        return ReadPage(processed, self._digitise().store_result_files(processed))

    # --- I/O --------------------------------------------------------------------------------

    def _image_of(self, page_id: int, small: bool) -> np.ndarray | None:
        with self._lock:
            files = self._files.get(page_id)
        if files is None:
            return None
        store = self._file_store()
        for name in (files.thumbnail, files.image) if small else (files.image,):
            if name and store.has(name):
                return _decode(store.read(name))
        source = self.stored_source(page_id)
        return None if source is None else source.image

    def thumbnail(self, page_id: int, max_side: int) -> np.ndarray | None:
        return self._image_of(page_id, small=True)

    def preview(self, page_id: int, max_side: int) -> np.ndarray | None:
        return self._image_of(page_id, small=False)

    # --- database ---------------------------------------------------------------------------

    def list_pages(self, slot: str) -> list[DraftPage]:
        return self._infos(slot)

    def add_pages(
        self,
        slot: str,
        pages: Sequence[SourcePage],
        document_key: str | None,
        position: int | None = None,
    ) -> list[DraftPage]:
        ids = self._capture(slot, pages, to_store_key(document_key))
        if position is not None:
            self._move_ids(ids, position)
        return self._infos(slot, ids)

    def _capture(self, slot: str, pages: Sequence[SourcePage], key: DocumentKey) -> list[int]:
        digitiser = self._digitise()
        files = digitiser.files
        # Loaded pages were kept on the CPU pool; pages from the camera or the scanner
        # folder may not be yet.
        digitiser.keep_originals([page for page in pages if not files.has(page.file.sha256)])
        return list(digitiser.add_to_draft(slot, list(pages), key))

    def _move_ids(self, ids: Sequence[int], position: int) -> None:
        from app.store.pages import PageRepository

        with self._holder.store.session() as session:
            repository = PageRepository(session)
            for offset, page_id in enumerate(ids):
                repository.move(page_id, position + offset)

    def save_result(self, page_id: int, read: ReadPage) -> DraftPage | None:
        if read.stored is None:
            info = self._digitise().save_result(page_id, read.processed)
        else:
            info = self._digitise().record_result(page_id, read.stored)
        return None if info is None else self._remember(info)

    def move(self, slot: str, page_id: int, position: int) -> list[DraftPage]:
        self._move_ids([page_id], position)
        return self._infos(slot)

    def rotate(self, page_id: int, quarter_turns: int) -> DraftPage:
        info = self._digitise().rotate(page_id, quarter_turns)
        if info is None:
            raise KeyError(page_id)
        return self._remember(info)

    def delete(self, page_id: int) -> None:
        from app.store.pages import PageRepository

        with self._holder.store.session() as session:
            PageRepository(session).delete(page_id)
        with self._lock:
            self._files.pop(page_id, None)

    def discard(self, slot: str) -> None:
        from app.store.pages import PageRepository

        with self._holder.store.session() as session:
            PageRepository(session).discard_slot(slot)

    def assign(self, page_ids: Sequence[int], document_key: str | None) -> None:
        from app.store.pages import PageRepository

        key = to_store_key(document_key)
        with self._holder.store.session() as session:
            repository = PageRepository(session)
            for page_id in page_ids:
                repository.assign(page_id, key)

    def replace(self, slot: str, page_id: int, pages: Sequence[SourcePage]) -> list[DraftPage]:
        from app.store.pages import PageRepository

        with self._holder.store.read_session() as session:
            old = PageRepository(session).get(page_id)
        if old is None:
            return self.add_pages(slot, pages, None)
        ids = self._capture(slot, pages, old.document_key)
        with self._holder.store.session() as session:
            repository = PageRepository(session)
            for offset, new_id in enumerate(ids):
                repository.move(new_id, old.position + offset)
            repository.delete(page_id)
        with self._lock:
            self._files.pop(page_id, None)
        return self._infos(slot, ids)

    def reuse_offers(self, id_number: str) -> list[ReuseOffer]:
        from app.store.pages import reusable_documents

        with self._holder.store.read_session() as session:
            found = reusable_documents(session, id_number)
        return [
            ReuseOffer(
                offer_id=document.document_id,
                document_name=document.name,
                dossier_code=document.dossier_code,
                page_count=document.page_count,
                received_at=document.received_at,
                required_document_id=document.required_document_id,
            )
            for document in found
        ]

    def reuse(self, slot: str, offer_id: int, document_key: str | None) -> list[DraftPage]:
        ids = self._digitise().reuse(slot, offer_id, to_store_key(document_key))
        return self._infos(slot, ids)

    def watch_folder(self) -> Path | None:
        from app.ui.watched_folder import read_watch_folder

        return read_watch_folder(self._holder.store)

    def finalise(self, dossier_id: int) -> None:
        self._digitise().finalise_dossier(dossier_id, self._load_signer())

    def clean_up_files(self) -> int:
        return len(self._digitise().clean_up_files())

    def build_files(self, dossier_id: int) -> Any:
        return self._digitise().build_dossier_files(dossier_id, self._load_signer())

    def record_files(self, dossier_id: int, built: Any) -> None:
        self._digitise().record_dossier_files(dossier_id, built)

    def _load_signer(self) -> Any:
        """The clerk's signer from the settings and the keyring (``None``: PDFs unsigned)."""
        if self._signer is not None:
            return self._signer()
        from app.capture.signer_config import load_clerk_signer
        from app.store.secrets import SecretStore

        return load_clerk_signer(self._holder.store, self._secrets or SecretStore())
