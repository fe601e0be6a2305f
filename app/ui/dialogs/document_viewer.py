"""Open a dossier's digitised document, its digital signature checked first.

The searchable PDF of a document carries the receiving clerk's PAdES signature. Before the
desktop's PDF viewer shows it, the app reads the file from the file store and verifies the
signature against the configured trust roots, on the I/O pool (pyHanko hashes the whole
file). The verdict is shown in colour, and the very bytes that were checked are what the
viewer opens (copied under a readable ``.pdf`` name; the store names files by hash):

- green, "Valid digital signature - Nguyễn Thị Lan, 23/11/2026 09:15": opened at once;
- amber, "Not digitally signed" / "The signer cannot be trusted": opened at once, the
  warning stays on screen beside it;
- red, "The document was changed after it was signed" (or a signature that cannot be read,
  or a file whose hash no longer matches what the store recorded): NOT opened; the clerk
  must press "Open anyway" to see it, so an altered copy is never shown as if it were sound.

:class:`DigitisedDocumentsPanel` lists a dossier's digitised documents inside the Dossiers
screen's detail pane; :class:`DocumentOpener` runs the check-then-open flow for one document.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import to_office_time
from app.ui.tasks import TaskRunner

# pyHanko (app.capture.signing) takes about a second to import: it is loaded when a document
# is first checked, not with the Dossiers screen.
if TYPE_CHECKING:
    from cryptography import x509

    from app.capture.signing import SignatureCheck
    from app.ui.store_queries import StoreHolder

log = logging.getLogger(__name__)

OpenFile = Callable[[Path], bool]
"""Opens a file with the desktop's program; ``False`` when none is set up (the Dossiers and
reception screens' injection: :func:`app.ui.screens.reception_dialogs.open_with_desktop`)."""


@dataclass(frozen=True)
class DigitisedDocument:
    """A received document that has a searchable PDF in the file store."""

    document_id: int
    number: int
    """Its number in the dossier's list of documents (the detail pane's "No." column)."""
    name: str
    sha256: str
    """The searchable PDF (the signed copy the clerk opens)."""
    page_count: int
    signed: bool


class DocumentFileQueries(Protocol):
    def digitised_documents(self, dossier_id: int) -> Sequence[DigitisedDocument]:
        """Database thread."""
        ...

    def trust_roots(self) -> Sequence[x509.Certificate]:
        """Database thread: the roots signatures are checked against."""
        ...

    def read_pdf(self, sha256: str) -> bytes:
        """I/O pool: the file's bytes as stored (NOT verified against its name: the check
        reports a mismatch instead of refusing to show anything)."""
        ...


class StoreDocumentFileQueries:
    """:class:`DocumentFileQueries` over the store and its file store."""

    def __init__(self, holder: StoreHolder, files_dir: Path) -> None:
        self._holder = holder
        self._files_dir = files_dir

    def digitised_documents(self, dossier_id: int) -> Sequence[DigitisedDocument]:
        from app.store.pages import document_files, dossier_document_ids

        with self._holder.store.read_session() as session:
            files = {
                info.document_id: info
                for info in document_files(session, dossier_id)
                if info.kind == "searchable"
            }
            document_ids = dossier_document_ids(session, dossier_id)
        return [
            DigitisedDocument(
                document_id=document_id,
                number=number,
                name=files[document_id].document_name,
                sha256=files[document_id].sha256,
                page_count=files[document_id].page_count,
                signed=files[document_id].signed,
            )
            for number, document_id in enumerate(document_ids, start=1)
            if document_id in files
        ]

    def trust_roots(self) -> Sequence[x509.Certificate]:
        from app.capture.signer_config import load_trust_roots

        return load_trust_roots(self._holder.store)

    def read_pdf(self, sha256: str) -> bytes:
        from app.store.files import FileStore

        return FileStore(self._files_dir).read(sha256, verify=False)


@dataclass(frozen=True)
class CheckedDocument:
    """The outcome of the check: the verdict, and a copy of the checked bytes to open."""

    document: DigitisedDocument
    check: SignatureCheck
    path: Path
    damaged: bool
    """The bytes no longer match the hash the store recorded for them."""

    @property
    def safe_to_open(self) -> bool:
        return not self.damaged and self.check.status in SAFE_STATUSES


SAFE_STATUSES = frozenset({"valid", "unsigned", "untrusted"})
"""The :class:`~app.capture.signing.SignatureStatus` values a document opens with at once."""

_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def view_file_name(dossier_code: str, document: DigitisedDocument) -> str:
    """A name the clerk recognises in the viewer's title bar and on Windows."""
    name = _UNSAFE_NAME.sub("_", f"{dossier_code} - {document.number}. {document.name}")
    return name[:150].rstrip(" .") + ".pdf"


VIEW_KEEP_SECONDS = 24 * 3600
"""Copies opened for viewing hold citizens' papers: they are removed after a day."""


def prune_view_dir(view_dir: Path, now: float | None = None) -> None:
    """Remove the copies opened more than a day ago (best effort: one may still be open)."""
    limit = (time.time() if now is None else now) - VIEW_KEEP_SECONDS
    for path in view_dir.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue


def check_document(
    pdf: bytes,
    document: DigitisedDocument,
    trust_roots: Sequence[x509.Certificate],
    view_dir: Path,
    dossier_code: str,
) -> CheckedDocument:
    """Verify ``pdf`` and write it where the viewer can open it (I/O pool)."""
    from app.capture.signing import verify_pdf

    damaged = hashlib.sha256(pdf).hexdigest() != document.sha256
    check = verify_pdf(pdf, trust_roots)
    view_dir.mkdir(parents=True, exist_ok=True)
    prune_view_dir(view_dir)
    path = view_dir / view_file_name(dossier_code, document)
    temporary = path.with_name("." + path.name + ".tmp")
    temporary.write_bytes(pdf)
    temporary.replace(path)
    return CheckedDocument(document, check, path, damaged)


def _vietnamese() -> bool:
    return QLocale().language() == QLocale.Language.Vietnamese


_STYLES = {
    "valid": "background: #e6f4ea; color: #0d5223; border: 2px solid #1e8e3e;",
    "warning": "background: #fef7e0; color: #7a4b00; border: 2px solid #f9ab00;",
    "bad": "background: #fce8e6; color: #8c1d18; border: 2px solid #d93025;",
    "busy": "background: palette(base); border: 1px solid palette(mid);",
}


class SignatureDialog(QDialog):
    """The verdict on one document, with "Open anyway" for a document that failed it."""

    open_anyway = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureDialog")
        self.setWindowTitle(title)
        self.resize(560, 220)
        self.frame = QFrame()
        self.frame.setObjectName("signatureFrame")
        self.title_label = QLabel()
        self.title_label.setObjectName("signatureTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("signatureDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        frame_layout = QVBoxLayout(self.frame)
        frame_layout.addWidget(self.title_label)
        frame_layout.addWidget(self.detail_label)

        buttons = QDialogButtonBox()
        self.open_button = QPushButton(self.tr("Open anyway"))
        self.open_button.setObjectName("openAnyway")
        self.open_button.setAutoDefault(False)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.open_anyway)
        self.open_button.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.frame)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def show_verdict(self, style: str, title: str, detail: str, offer_open: bool) -> None:
        self.frame.setProperty("verdict", style)
        self.frame.setStyleSheet(f"QFrame#signatureFrame {{ {_STYLES[style]} }}")
        self.title_label.setText(title)
        self.detail_label.setText(detail)
        self.open_button.setVisible(offer_open)
        self.close_button.setFocus()


class DocumentOpener(QObject):
    """Check a document's signature off the GUI thread, show the verdict, then open it."""

    checked = Signal(object)
    """The :class:`CheckedDocument` once its verdict is on screen (tests wait on it)."""
    opened = Signal(object)
    """The path handed to the desktop's viewer."""
    failed = Signal(str)
    """The message shown when the document could not be read at all."""

    def __init__(
        self,
        queries: DocumentFileQueries,
        tasks: TaskRunner,
        view_dir: Path,
        open_file: OpenFile,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._queries = queries
        self._tasks = tasks
        self._view_dir = view_dir
        self._open_file = open_file
        self._parent = parent
        self._generation = 0
        self.dialog: SignatureDialog | None = None
        self.result: CheckedDocument | None = None

    def open_document(self, dossier_code: str, document: DigitisedDocument) -> None:
        """Start: trust roots (database), then read and verify (I/O pool), then show."""
        self._generation += 1
        generation = self._generation
        dialog = self._dialog(self.tr("Document %1").replace("%1", document.name))
        dialog.show_verdict(
            "busy", self.tr("Checking the digital signature…"), document.name, False
        )
        queries = self._queries
        self._tasks.run_db(
            lambda: list(queries.trust_roots()),
            on_done=lambda roots: self._roots_read(generation, dossier_code, document, roots),
            on_error=lambda error: self._failed(generation, error),
        )

    def _dialog(self, title: str) -> SignatureDialog:
        if self.dialog is None:
            self.dialog = SignatureDialog(title, self._parent)
            self.dialog.open_anyway.connect(self._open_anyway)
        self.dialog.setWindowTitle(title)
        self.dialog.open()
        return self.dialog

    def _roots_read(
        self,
        generation: int,
        dossier_code: str,
        document: DigitisedDocument,
        roots: list[x509.Certificate],
    ) -> None:
        if generation != self._generation:
            return
        queries, view_dir = self._queries, self._view_dir
        self._tasks.run_io(
            lambda: check_document(
                queries.read_pdf(document.sha256), document, roots, view_dir, dossier_code
            ),
            on_done=lambda result: self._checked(generation, result),
            on_error=lambda error: self._failed(generation, error),
        )

    def _checked(self, generation: int, result: CheckedDocument) -> None:
        if generation != self._generation or self.dialog is None:
            return
        self.result = result
        style, title = self._verdict(result)
        detail = result.check.message_vi if _vietnamese() else result.check.message
        if result.damaged:
            detail += "\n" + self.tr(
                "The file no longer matches the copy the store recorded (its hash differs)."
            )
        self.dialog.show_verdict(style, title, detail, offer_open=not result.safe_to_open)
        self.checked.emit(result)
        if result.safe_to_open:
            self._open(result.path)

    def _verdict(self, result: CheckedDocument) -> tuple[str, str]:
        from app.capture.signing import SignatureStatus

        check = result.check
        if result.damaged and check.status is not SignatureStatus.MODIFIED:
            return "bad", self.tr("The file was changed after it was stored")
        if check.status is SignatureStatus.VALID:
            when = (
                to_office_time(check.signed_at).strftime("%d/%m/%Y %H:%M")
                if check.signed_at
                else ""
            )
            title = self.tr("Valid digital signature - %1, %2")
            return "valid", title.replace("%1", check.signer).replace("%2", when)
        if check.status is SignatureStatus.MODIFIED:
            return "bad", self.tr("The document was changed after it was signed")
        if check.status is SignatureStatus.UNSIGNED:
            return "warning", self.tr("Not digitally signed")
        if check.status is SignatureStatus.UNTRUSTED:
            return "warning", self.tr("The signer cannot be trusted")
        return "bad", self.tr("The digital signature cannot be read")

    def _open_anyway(self) -> None:
        """The clerk's explicit choice to see a document that failed the check."""
        if self.result is not None:
            log.warning(
                "opening %s although its check said %s",
                self.result.path.name,
                self.result.check.status,
            )
            self._open(self.result.path)

    def _open(self, path: Path) -> None:
        if self._open_file(path):
            self.opened.emit(path)
            return
        if self.dialog is not None:
            self.dialog.detail_label.setText(
                self.dialog.detail_label.text()
                + "\n"
                + self.tr("No program opens PDF files. The PDF is saved at %1").replace(
                    "%1", str(path)
                )
            )

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        message = getattr(error, "message_vi" if _vietnamese() else "message", None)
        if not message:
            log.error("opening a digitised document failed", exc_info=error)
            message = self.tr(
                "An unexpected error stopped opening the document. Please report it to IT staff: %1"
            ).replace("%1", f"{type(error).__name__}: {error}")
        if self.dialog is not None:
            self.dialog.show_verdict(
                "bad", self.tr("The document cannot be opened"), str(message), False
            )
        self.failed.emit(str(message))


class DigitisedDocumentsPanel(QWidget):
    """The detail pane's list of digitised documents; Enter or a double click opens one."""

    listed = Signal(int)
    """The number of digitised documents of the dossier shown (tests wait on it)."""

    def __init__(
        self,
        queries: DocumentFileQueries,
        tasks: TaskRunner,
        view_dir: Path,
        open_file: OpenFile,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("digitisedDocuments")
        self._queries = queries
        self._tasks = tasks
        self._generation = 0
        self._dossier_code = ""
        self.opener = DocumentOpener(queries, tasks, view_dir, open_file, self)

        self.heading = QLabel(self.tr("Digitised documents (Enter opens, signature checked)"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = QListWidget()
        self.list.setObjectName("digitisedList")
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self.hide()

    def clear(self) -> None:
        self._generation += 1
        self.list.clear()
        self.hide()

    def show_dossier(self, dossier_id: int, dossier_code: str) -> None:
        """List the dossier's digitised documents (read on the database thread)."""
        self._generation += 1
        generation = self._generation
        self._dossier_code = dossier_code
        queries = self._queries
        self._tasks.run_db(
            lambda: list(queries.digitised_documents(dossier_id)),
            on_done=lambda documents: self._listed(generation, documents),
            on_error=lambda error: self._list_failed(generation, error),
        )

    def _listed(self, generation: int, documents: list[DigitisedDocument]) -> None:
        if generation != self._generation:
            return
        self.list.clear()
        for document in documents:
            text = f"{document.number}. {document.name} — " + self.tr(
                "%n page(s)", "", document.page_count
            )
            if not document.signed:
                text += " · " + self.tr("not signed")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, document)
            self.list.addItem(item)
        self.list.setFixedHeight(
            self.list.sizeHintForRow(0) * len(documents) + 2 * self.list.frameWidth() + 4
            if documents
            else 0
        )
        self.setVisible(bool(documents))
        self.listed.emit(len(documents))

    def _list_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            log.error("listing the digitised documents failed", exc_info=error)
            self.hide()

    def _activated(self, item: QListWidgetItem) -> None:
        document = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(document, DigitisedDocument):
            self.opener.open_document(self._dossier_code, document)

    def open_row(self, row: int) -> None:
        item = self.list.item(row)
        if item is not None:
            self._activated(item)
