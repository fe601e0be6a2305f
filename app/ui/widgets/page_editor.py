"""The page editor at the counter: pages are captured, read and checked while the citizen waits.

Keyboard (the list of pages has the focus; each action is also a button):

- Ctrl+I import files (JPEG, PNG, TIFF, PDF...); files may also be dropped on the editor, and
  files the network scanner drops in its folder arrive by themselves;
- Ctrl+K capture pages with the camera;
- Ctrl+L turns the page a quarter to the left, Ctrl+Shift+L to the right;
- Alt+Left / Alt+Right move the page one place earlier / later (or drag it);
- Del deletes the page, Ctrl+Z brings it back (for a few seconds, until the next delete);
- R on a flagged page: rescan it, the next imported page takes its place;
- Alt+1 … Alt+9 assign the selected pages to that line of the checklist (or use the combo).

Nothing here waits: files are decoded and read (clean-up + OCR) on the CPU pool, thumbnails
and the preview are read on the I/O pool, the store is written on the database thread. A bad
file adds its Vietnamese message to the message area and the other pages stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.reception import DocumentLine
from app.ui.models.page_list_model import THUMBNAIL_SIDE, PageListModel
from app.ui.services_capture import (
    RECEPTION_SLOT,
    CaptureServices,
    DraftPage,
    PageState,
    ReadPage,
    ReuseOffer,
    document_key,
    pipeline_turns,
)
from app.ui.tasks import TaskRunner
from app.ui.widgets.page_list_view import PageListView, to_qimage

if TYPE_CHECKING:
    # The pipeline's values (and numpy) load on the workers, not with the window.
    from app.capture.model import PageOrigin, SourceFile, SourcePage

PREVIEW_SIDE = 1000
"""The preview is decoded at most this large (on a worker), then scaled to the label."""
PREVIEW_DELAY_MS = 80
"""The preview follows the selection after this pause (arrow keys held, a burst of pages)."""
UNDO_MS = 10000
"""How long a deleted page can be brought back with Ctrl+Z."""
STATUS_OK = "color: #1b7f3b; font-weight: bold;"
STATUS_WARNING = "color: #b3261e; font-weight: bold;"
MESSAGE_STYLE = "background: #fdecea; color: #8c1d18; padding: 6px; border-radius: 3px;"
INFO_STYLE = "background: #e8f1fb; color: #123a63; padding: 6px; border-radius: 3px;"


@dataclass
class _Source:
    """What is kept to read a page again after a turn: the file's bytes, not its pixels."""

    file: SourceFile
    index: int


class PageEditor(QWidget):
    """Thumbnails, a large preview, the OCR text and flags of the selected page."""

    pages_changed = Signal()
    """Pages were added, removed or read: the quality status changed."""
    all_read = Signal()
    """No page is waiting or being read any more."""
    message_shown = Signal(str)
    """A message reached the message area (a bad file, a failed write); its text."""
    preview_shown = Signal(int)
    """The preview shows this page id."""

    def __init__(
        self,
        services: CaptureServices,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        slot: str = RECEPTION_SLOT,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pageEditor")
        self.setAcceptDrops(True)
        self._services = services
        self._tasks = tasks
        self._slot = slot
        self._sources: dict[int, _Source] = {}
        self._turns: dict[int, int] = {}
        """Quarter turns clockwise from the original each page is read at."""
        self._in_flight: set[int] = set()
        """Pages whose reading (or its saving) has not come back yet."""
        self._loading = 0
        self._lines: tuple[DocumentLine, ...] = ()
        self._rescan_target: int | None = None
        self._deleted: tuple[DraftPage, int] | None = None
        self._preview_id: int | None = None
        self._preview_image: QImage | None = None
        self._finalise_for: list[int] = []
        """Saved dossiers whose PDFs wait for the pages still being read."""
        self._reuse_asked = ""
        self.reuse_dialog: QDialog | None = None
        self._generation = 0
        """Bumped by :meth:`clear`: a listing asked for before it is dropped."""

        self.model = PageListModel(self._load_thumbnail, self)
        self.list = PageListView()
        self.list.setModel(self.model)

        self.title = QLabel(self.tr("Digitised pages"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.status_label = QLabel()
        self.status_label.setObjectName("qualityStatus")
        self.messages = QLabel()
        self.messages.setObjectName("captureMessages")
        self.messages.setWordWrap(True)
        self.messages.setTextFormat(Qt.TextFormat.PlainText)
        self.messages.setStyleSheet(MESSAGE_STYLE)
        self.messages.hide()
        self.clear_messages_button = QToolButton()
        self.clear_messages_button.setText("✕")
        self.clear_messages_button.setToolTip(self.tr("Hide the messages"))
        self.clear_messages_button.clicked.connect(self.clear_messages)
        self.clear_messages_button.hide()
        self.notice = QLabel()
        self.notice.setObjectName("captureNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(INFO_STYLE)
        self.notice.hide()

        self.import_button = QPushButton(self.tr("&Import files… (Ctrl+I)"))
        self.camera_button = QPushButton(self.tr("Camera… (Ctrl+K)"))
        self.rotate_left_button = QPushButton(self.tr("⟲ Left (Ctrl+L)"))
        self.rotate_right_button = QPushButton(self.tr("⟳ Right (Ctrl+Shift+L)"))
        self.delete_button = QPushButton(self.tr("Delete (Del)"))
        self.rescan_button = QPushButton(self.tr("Rescan (R)"))
        self.document_combo = QComboBox()
        self.document_combo.setObjectName("pageDocument")
        self.document_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.document_combo.setMinimumContentsLength(24)
        document_label = QLabel(self.tr("&Document (Alt+1…9):"))
        document_label.setBuddy(self.document_combo)
        for button in (
            self.import_button,
            self.camera_button,
            self.rotate_left_button,
            self.rotate_right_button,
            self.delete_button,
            self.rescan_button,
        ):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.preview = QLabel(self.tr("Select a page to see it here."))
        self.preview.setObjectName("pagePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(240, 240)
        self.preview.setStyleSheet("background: #eef0f3;")
        self.flags_label = QLabel()
        self.flags_label.setObjectName("pageFlags")
        self.flags_label.setWordWrap(True)
        self.flags_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("ocrText")
        self.text_view.setReadOnly(True)
        self.text_view.setPlaceholderText(self.tr("The recognised text appears here."))

        header = QHBoxLayout()
        header.setContentsMargins(2, 0, 8, 0)
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.status_label)
        message_row = QHBoxLayout()
        message_row.addWidget(self.messages, 1)
        message_row.addWidget(self.clear_messages_button, 0, Qt.AlignmentFlag.AlignTop)
        actions = QHBoxLayout()
        for button in (
            self.import_button,
            self.camera_button,
            self.rotate_left_button,
            self.rotate_right_button,
            self.delete_button,
            self.rescan_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        assign = QHBoxLayout()
        assign.addWidget(document_label)
        assign.addWidget(self.document_combo, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(assign)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.preview, 3)
        details_layout.addWidget(self.flags_label)
        details_layout.addWidget(self.text_view, 2)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addLayout(message_row)
        layout.addWidget(self.notice)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._preview_current)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MS)
        self._undo_timer.timeout.connect(self.commit_delete)

        self.import_button.clicked.connect(self.import_files)
        self.camera_button.clicked.connect(lambda: self.open_camera())
        self.rotate_left_button.clicked.connect(lambda: self.rotate(-1))
        self.rotate_right_button.clicked.connect(lambda: self.rotate(1))
        self.delete_button.clicked.connect(self.delete_selected)
        self.rescan_button.clicked.connect(self.rescan_selected)
        self.document_combo.activated.connect(self._combo_assigned)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.model.move_requested.connect(self._moved)
        self.model.files_dropped.connect(self._files_dropped_on_list)
        self.model.rowsInserted.connect(self._update_status)
        self.model.rowsRemoved.connect(self._update_status)
        self.model.modelReset.connect(self._update_status)
        self.model.dataChanged.connect(lambda *_args: self._update_status())

        self._shortcut("Ctrl+I", self.import_files)
        self._shortcut("Ctrl+K", lambda: self.open_camera())
        self._shortcut("Ctrl+L", lambda: self.rotate(-1))
        self._shortcut("Ctrl+Shift+L", lambda: self.rotate(1))
        self._shortcut("Alt+Left", lambda: self.move_selected(-1))
        self._shortcut("Alt+Right", lambda: self.move_selected(1))
        self._shortcut("Del", self.delete_selected)
        self._shortcut("Ctrl+Z", self.undo_delete)
        self._shortcut("R", self.rescan_selected)
        # Esc while a rescan waits cancels it; otherwise it stays the screen's (cancel the
        # dossier). A second Esc shortcut would make both ambiguous, so the list takes it.
        self.list.installEventFilter(self)
        for number in range(1, 10):
            self._shortcut(f"Alt+{number}", lambda n=number: self.assign_selected(n))
        self.setFocusProxy(self.list)
        self.set_checklist(())
        self._update_buttons()
        self._update_status()

    def _shortcut(self, keys: str, slot: Callable[[], Any]) -> QShortcut:
        """Active while the focus is anywhere in the editor."""
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    # --- background helpers ---------------------------------------------------------------

    def _alive(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            if shiboken6.isValid(self):
                callback(value)

        return call

    def _run(
        self,
        runner: Callable[..., Any],
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> bool:
        if self._tasks.closed:
            return False
        runner(fn, on_done=self._alive(on_done), on_error=self._alive(on_error or self._failed))
        return True

    def _failed(self, error: BaseException) -> None:
        self.show_message(self._error_text(error))

    def _error_text(self, error: BaseException) -> str:
        message = getattr(error, "message_vi", None)
        if not isinstance(message, str) or not message:
            message = self.tr("Unexpected error, please tell IT staff: %1").replace(
                "%1", f"{type(error).__name__}: {error}"
            )
        return message

    # --- the checklist --------------------------------------------------------------------

    def set_checklist(self, lines: Sequence[DocumentLine]) -> None:
        """The documents pages can be assigned to (the checklist of the procedure)."""
        self._lines = tuple(lines)
        current = self.document_combo.currentData()
        self.document_combo.clear()
        self.document_combo.addItem(self.tr("(not assigned)"), None)
        for number, line in enumerate(self._lines, start=1):
            prefix = f"{number}. " if number <= 9 else ""
            self.document_combo.addItem(f"{prefix}{line.name}", document_key(line))
        found = self.document_combo.findData(current)
        self.document_combo.setCurrentIndex(max(0, found))
        self.model.set_document_names({document_key(line): line.name for line in self._lines})

    # --- messages -------------------------------------------------------------------------

    def show_message(self, message: str) -> None:
        """Add a line to the message area; earlier lines stay until the clerk hides them."""
        text = self.messages.text()
        self.messages.setText(f"{text}\n{message}" if text else message)
        self.messages.show()
        self.clear_messages_button.show()
        self.message_shown.emit(message)

    def clear_messages(self) -> None:
        self.messages.clear()
        self.messages.hide()
        self.clear_messages_button.hide()

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # --- state ----------------------------------------------------------------------------

    def counts(self) -> dict[PageState, int]:
        return self.model.counts()

    def busy(self) -> bool:
        """Files still loading, or pages still being read."""
        return self._loading > 0 or bool(self._in_flight)

    def status_text(self) -> str:
        counts = self.counts()
        parts: list[str] = []
        if counts[PageState.FLAGGED]:
            parts.append(self.tr("⚠ %n page(s) need a rescan", "", counts[PageState.FLAGGED]))
        if counts[PageState.DONE]:
            parts.append(self.tr("✔ %n page(s) passed", "", counts[PageState.DONE]))
        pending = counts[PageState.WAITING] + counts[PageState.READING]
        if pending:
            parts.append(self.tr("%n page(s) being read", "", pending))
        if not parts:
            return self.tr("No page yet: import files (Ctrl+I) or drop them here")
        return " · ".join(parts)

    def _update_status(self) -> None:
        self.status_label.setText(self.status_text())
        flagged = self.counts()[PageState.FLAGGED]
        self.status_label.setStyleSheet(STATUS_WARNING if flagged else STATUS_OK)
        self._update_buttons()
        self.pages_changed.emit()

    def _update_buttons(self) -> None:
        page = self.current_page()
        for button in (self.rotate_left_button, self.rotate_right_button, self.delete_button):
            button.setEnabled(page is not None)
        flagged = page is not None and self.model.state_of(page) is PageState.FLAGGED
        self.rescan_button.setEnabled(flagged)
        self.document_combo.setEnabled(page is not None)

    def current_page(self) -> DraftPage | None:
        return self.model.page_at(self.list.currentIndex().row())

    def selected_pages(self) -> list[DraftPage]:
        rows = sorted(index.row() for index in self.list.selectionModel().selectedIndexes())
        pages = [page for row in rows if (page := self.model.page_at(row)) is not None]
        current = self.current_page()
        if not pages and current is not None:
            pages = [current]
        return pages

    def select_row(self, row: int) -> None:
        index = self.model.index(row)
        if index.isValid():
            self.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    # --- loading the draft ----------------------------------------------------------------

    def refresh(self) -> None:
        """Show the draft's pages as kept in the store (a draft restored after a restart)."""
        services, slot = self._services, self._slot
        generation = self._generation
        self._run(
            self._tasks.run_db,
            lambda: services.list_pages(slot),
            lambda pages: self._refreshed(generation, pages),
        )

    def _refreshed(self, generation: int, pages: list[DraftPage]) -> None:
        if generation != self._generation:
            return
        self.model.set_pages(pages)
        for page in pages:
            if not page.processed and page.page_id not in self._in_flight:
                self._read(page.page_id, None, None)  # left unread by a restart

    def clear(self) -> None:
        """A new dossier: the list empties; reading already under way goes on in the store."""
        self.commit_delete()
        self._generation += 1
        self._sources.clear()  # reading under way keeps its own page
        self._turns.clear()
        self._rescan_target = None
        self._reuse_asked = ""
        self._show_notice("")
        self.clear_messages()
        self.model.set_pages([])
        self._show_preview(None)

    # --- importing ------------------------------------------------------------------------

    def import_files(self) -> None:
        """Ctrl+I: pick files; their pages are added at the end (or replace the page being
        rescanned)."""
        suffixes = " ".join(f"*{suffix}" for suffix in self._services.supported_suffixes)
        dialog = QFileDialog(
            self,
            self.tr("Import pages"),
            "",
            self.tr("Scans and photos (%1)").replace("%1", suffixes),
        )
        dialog.setObjectName("importPagesDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(
            lambda names: self.import_paths([Path(name) for name in names])
        )
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def import_paths(
        self, paths: Sequence[Path], origin: PageOrigin | str = "import", row: int = -1
    ) -> None:
        """Decode each file on the CPU pool; each good one joins the draft, each bad one shows
        its message. ``origin``: a :class:`PageOrigin` (value); ``row``: where the pages go
        (-1: at the end)."""
        from app.capture.model import PageOrigin

        origin = PageOrigin(origin)
        for path in paths:
            self._load(Path(path), origin, row)

    def _load(self, path: Path, origin: PageOrigin, row: int) -> None:
        services = self._services

        def work() -> tuple[list[SourcePage], list[QImage | None]]:
            pages = services.load_file(path, origin)
            return pages, [to_qimage(page.image, THUMBNAIL_SIDE) for page in pages]

        def failed(error: BaseException) -> None:
            self._load_finished()
            self._failed(error)  # a CaptureError's message names the file

        self._loading += 1
        started = self._run(
            self._tasks.run_cpu,
            work,
            lambda loaded: self._loaded(loaded, row),
            failed,
        )
        if not started:
            self._loading -= 1

    def add_source_pages(self, pages: Sequence[SourcePage], row: int = -1) -> None:
        """Pages already decoded elsewhere (the watched scanner folder, the camera): they join
        the draft like imported ones (or replace the page being rescanned)."""
        pages = list(pages)
        if not pages:
            return

        def work() -> tuple[list[SourcePage], list[QImage | None]]:
            return pages, [to_qimage(page.image, THUMBNAIL_SIDE) for page in pages]

        def failed(error: BaseException) -> None:
            self._load_finished()
            self._failed(error)

        self._loading += 1
        done = lambda loaded: self._loaded(loaded, row)  # noqa: E731
        if not self._run(self._tasks.run_cpu, work, done, failed):
            self._loading -= 1

    def open_camera(self, dialog: QDialog | None = None) -> QDialog:
        """Ctrl+K: the camera dialog (``dialog``: one built elsewhere, e.g. over a test
        camera); its pages join the draft when it closes."""
        if dialog is None:
            from app.ui.dialogs.camera_dialog import CameraDialog

            dialog = CameraDialog(self._tasks, self)
        dialog.pages_captured.connect(self.add_source_pages)  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def attach_watched_folder(self, watcher: QObject) -> None:
        """Pages from the network scanner's folder join the draft (a rescan waiting takes the
        first); files it could not read, or the folder gone, show in the message area."""
        watcher.pages_arrived.connect(  # type: ignore[attr-defined]
            lambda pages, _name: self.add_source_pages(pages)
        )
        watcher.file_rejected.connect(self._file_rejected)  # type: ignore[attr-defined]
        watcher.folder_unavailable.connect(self.show_message)  # type: ignore[attr-defined]

    def _file_rejected(self, name: str, reason: str) -> None:
        self.show_message(reason if name in reason else f"«{name}»: {reason}")

    def _loaded(self, loaded: tuple[list[SourcePage], list[QImage | None]], row: int) -> None:
        """Decoded: now into the store (the load counts as under way until it is listed)."""
        pages, thumbnails = loaded
        if not pages:
            self._load_finished()
            return
        services, slot = self._services, self._slot

        def failed(error: BaseException) -> None:
            self._load_finished()
            self._failed(error)

        target = self._rescan_target
        if target is not None and self.model.row_of(target) >= 0:
            self._rescan_target = None
            self._show_notice("")
            at = self.model.row_of(target)
            self._run(
                self._tasks.run_db,
                lambda: services.replace(slot, target, pages),
                lambda added: self._added(added, pages, thumbnails, at, target),
                failed,
            )
            return
        at = min(row if row >= 0 else self.model.rowCount(), self.model.rowCount())
        key = self._default_document()
        position = self._position_for_row(at)
        self._run(
            self._tasks.run_db,
            lambda: services.add_pages(slot, pages, key, position),
            lambda added: self._added(added, pages, thumbnails, at, None),
            failed,
        )

    def _load_finished(self) -> None:
        self._loading -= 1
        self._update_status()
        if not self.busy():
            self.all_read.emit()

    def _position_for_row(self, row: int) -> int | None:
        """The store's 1-based position for a row of the list (``None``: at the end)."""
        return row + 1 if row < self.model.rowCount() else None

    def _default_document(self) -> str | None:
        """New pages go to the document of the selected page (a document's pages come in
        together), or to none."""
        page = self.current_page()
        return page.document_key if page is not None else None

    def _added(
        self,
        added: list[DraftPage],
        pages: list[SourcePage],
        thumbnails: list[QImage | None],
        row: int,
        replaced: int | None,
    ) -> None:
        # Even after a save or a cancel (the list was cleared): the pages went to the slot,
        # which is now the next dossier's draft, so they show and are read there.
        self._loading -= 1
        if replaced is not None:
            self.model.remove_page(replaced)
            self._sources.pop(replaced, None)
        row = min(row, self.model.rowCount())
        self.model.insert_pages(row, added)
        for page, source, thumbnail in zip(added, pages, thumbnails, strict=False):
            self._sources[page.page_id] = _Source(source.file, source.index)
            self.model.set_thumbnail(page.page_id, thumbnail)
            self._read(page.page_id, source, None)
        if added:
            self.select_row(row)

    # --- reading (clean-up + OCR) ---------------------------------------------------------

    def _read(self, page_id: int, source: SourcePage | None, quarter_turns: int | None) -> None:
        """Run the pipeline on the CPU pool, then keep the result on the database thread."""
        services = self._services
        kept = self._sources.get(page_id)

        def work() -> tuple[ReadPage, QImage | None]:
            page = source
            if page is None and kept is not None:
                page = services.reload(kept.file, kept.index)
            if page is None:
                page = services.stored_source(page_id)
            if page is None:
                raise LookupError(f"page {page_id}: its original is not in the file store")
            read = services.process(page, quarter_turns)
            return read, to_qimage(read.processed.cleaned.image, THUMBNAIL_SIDE)

        def failed(error: BaseException) -> None:
            self._read_failed(page_id, error)

        self._in_flight.add(page_id)
        self.model.set_reading(page_id, True)
        done = lambda r: self._processed(page_id, quarter_turns, r)  # noqa: E731
        if not self._run(self._tasks.run_cpu, work, done, failed):
            self._in_flight.discard(page_id)

    def _processed(
        self,
        page_id: int,
        quarter_turns: int | None,
        result: tuple[ReadPage, QImage | None],
    ) -> None:
        read, thumbnail = result
        services = self._services
        if quarter_turns is None:
            quarter_turns = pipeline_turns(read.processed)
        self._turns[page_id] = quarter_turns

        def saved(page: DraftPage | None) -> None:
            self._read_finished(page_id)
            if page is None:
                return
            self.model.update_page(page)
            self.model.set_thumbnail(page_id, thumbnail)
            if self._preview_id == page_id:
                self._show_details(page)
                self._load_preview(page_id)

        def failed(error: BaseException) -> None:
            self._read_failed(page_id, error)

        self._run(self._tasks.run_db, lambda: services.save_result(page_id, read), saved, failed)

    def _read_failed(self, page_id: int, error: BaseException) -> None:
        """A page the pipeline could not read is flagged with the reason (not left "waiting"
        for ever), so the save asks about it and R replaces it with a new scan."""
        from app.capture.model import FlagCode, QualityFlag

        message = self._error_text(error)
        self.show_message(message)
        row = self.model.row_of(page_id)
        page = self.model.page_at(row) if row >= 0 else None
        if page is not None:
            flag = QualityFlag(FlagCode.OCR_FAILED, str(error) or type(error).__name__, message)
            self.model.update_page(replace(page, flags=(flag,)))
            if self._preview_id == page_id:
                self._show_details(self.model.page_at(row))
        self._read_finished(page_id)

    def _read_finished(self, page_id: int) -> None:
        self._in_flight.discard(page_id)
        self.model.set_reading(page_id, False)
        if not self._in_flight:
            self._finalise_if_waiting()
            if self._loading == 0:
                self.all_read.emit()
        self._update_status()

    # --- reuse ----------------------------------------------------------------------------

    def offer_reuse(self, id_number: str) -> None:
        """Documents digitised for this ID number in earlier dossiers are offered (once per
        ID number) instead of scanning them again."""
        id_number = id_number.strip()
        if not id_number or id_number == self._reuse_asked:
            return
        self._reuse_asked = id_number
        services = self._services
        self._run(
            self._tasks.run_db,
            lambda: services.reuse_offers(id_number),
            self._show_reuse_offers,
            lambda _error: None,  # only an offer: scanning stays possible
        )

    def _show_reuse_offers(self, offers: list[ReuseOffer]) -> None:
        if not offers or not self.isVisible():
            return
        from app.ui.dialogs.reuse_dialog import ReuseDialog

        dialog = ReuseDialog(offers, self._lines, self)
        dialog.reuse_chosen.connect(self._reuse_chosen)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.reuse_dialog = dialog
        dialog.open()

    def _reuse_chosen(self, choices: list[Any]) -> None:
        services, slot = self._services, self._slot
        for choice in choices:
            offer_id, key = choice.offer.offer_id, document_key(choice.line)
            self._run(
                self._tasks.run_db,
                lambda offer_id=offer_id, key=key: services.reuse(slot, offer_id, key),
                self._reused,
            )

    def _reused(self, pages: list[DraftPage]) -> None:
        """Reused pages are already read: they join the list as they are."""
        row = self.model.rowCount()
        self.model.insert_pages(row, pages)
        if pages:
            self.select_row(row)

    # --- after a save ---------------------------------------------------------------------

    def dossier_saved(self, dossier_id: int) -> None:
        """The dossier was saved with the draft's pages: its signed PDFs are built once every
        page has been read (now, or when the last one finishes)."""
        self._finalise_for.append(dossier_id)
        self.clear()
        self._finalise_if_waiting()

    def _finalise_if_waiting(self) -> None:
        if not self._finalise_for or self._in_flight or self._loading:
            return
        waiting, self._finalise_for = self._finalise_for, []
        services = self._services
        for dossier_id in waiting:

            def record(built: Any, dossier_id: int = dossier_id) -> None:
                self._run(
                    self._tasks.run_db,
                    lambda: services.record_files(dossier_id, built),
                    lambda _r: None,
                )

            # Building and signing take seconds: on the CPU pool, not the database thread.
            self._run(
                self._tasks.run_cpu,
                lambda dossier_id=dossier_id: services.build_files(dossier_id),
                record,
            )

    def discard(self) -> None:
        """The dossier was cancelled: its pages leave the draft."""
        self._deleted = None
        self._undo_timer.stop()
        self.clear()
        services, slot = self._services, self._slot
        self._run(self._tasks.run_db, lambda: services.discard(slot), lambda _r: None)

    def flush(self) -> None:
        """Before the dossier is saved: a deletion waiting for its undo reaches the store."""
        self.commit_delete()

    # --- thumbnails and preview -----------------------------------------------------------

    def _load_thumbnail(self, page_id: int) -> None:
        services = self._services
        self._run(
            self._tasks.run_io,
            lambda: to_qimage(services.thumbnail(page_id, THUMBNAIL_SIDE), THUMBNAIL_SIDE),
            lambda image: self.model.set_thumbnail(page_id, image),
            lambda _error: None,  # the blank sheet stays; the page itself is fine
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        page = self.model.page_at(current.row())
        self._update_buttons()
        self._show_details(page)
        self.document_combo.setCurrentIndex(
            max(0, self.document_combo.findData(page.document_key if page else None))
        )
        if page is None:
            self._show_preview(None)
        elif page.page_id != self._preview_id:
            self._preview_timer.start()  # pages arriving in a burst: only the last is loaded

    def _show_details(self, page: DraftPage | None) -> None:
        if page is None:
            self.flags_label.clear()
            self.text_view.clear()
            return
        state = self.model.state_of(page)
        if state is PageState.FLAGGED:
            self.flags_label.setStyleSheet(STATUS_WARNING)
            self.flags_label.setText(
                "\n".join(f"⚠ {flag.message_vi}" for flag in page.flags)
                + "\n"
                + self.tr("Press R to rescan this page.")
            )
        elif state is PageState.DONE:
            self.flags_label.setStyleSheet(STATUS_OK)
            confidence = f"{page.confidence:.0f}" if page.confidence is not None else "–"
            self.flags_label.setText(
                self.tr("✔ Page passed the checks (OCR confidence %1%)").replace("%1", confidence)
            )
        else:
            self.flags_label.setStyleSheet("")
            self.flags_label.setText(self.tr("Reading the page…"))
        self.text_view.setPlainText(page.text)

    def _preview_current(self) -> None:
        page = self.current_page()
        if page is not None and page.page_id != self._preview_id:
            self._load_preview(page.page_id)

    def _load_preview(self, page_id: int) -> None:
        services = self._services
        self._preview_id = page_id
        self._run(
            self._tasks.run_io,
            lambda: to_qimage(services.preview(page_id, PREVIEW_SIDE), PREVIEW_SIDE),
            lambda image: self._preview_loaded(page_id, image),
            lambda _error: self._preview_loaded(page_id, None),
        )

    def _preview_loaded(self, page_id: int, image: QImage | None) -> None:
        if page_id != self._preview_id:
            return
        self._show_preview(image)
        self.preview_shown.emit(page_id)

    def _show_preview(self, image: QImage | None) -> None:
        self._preview_image = image
        if image is None:
            self._preview_id = None if self.current_page() is None else self._preview_id
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("Select a page to see it here."))
            return
        self._fit_preview()

    def _fit_preview(self) -> None:
        image = self._preview_image
        if image is None:
            return
        size = self.preview.size()
        scaled = image.scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.preview.setPixmap(QPixmap.fromImage(scaled))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_preview()

    # --- arranging ------------------------------------------------------------------------

    def move_selected(self, step: int) -> None:
        page = self.current_page()
        if page is None:
            return
        row = self.model.row_of(page.page_id)
        target = row + step
        if not 0 <= target < self.model.rowCount():
            return
        self.model.move_page(page.page_id, target)
        self.select_row(target)
        self._moved(page.page_id, target)

    def _moved(self, page_id: int, position: int) -> None:
        services, slot = self._services, self._slot
        self._run(
            self._tasks.run_db,
            lambda: services.move(slot, page_id, position + 1),
            self._reordered,
        )

    def _reordered(self, pages: list[DraftPage]) -> None:
        """The store's order after a move: positions updated in place (no reset)."""
        for page in pages:
            known = self.model.page_at(self.model.row_of(page.page_id))
            if known is not None and known.position != page.position:
                self.model.update_page(replace(known, position=page.position))

    def rotate(self, quarter_turns: int) -> None:
        """Turn the selected pages; each is read again in its new orientation."""
        services = self._services
        for page in self.selected_pages():
            page_id = page.page_id

            def turned(updated: DraftPage, page_id: int = page_id) -> None:
                self.model.update_page(updated)
                self.model.forget_thumbnail(page_id)
                if self._preview_id == page_id:
                    self._load_preview(page_id)
                if page_id in self._sources and page_id not in self._in_flight:
                    turns = (self._turns.get(page_id, 0) + quarter_turns) % 4
                    self._read(page_id, None, turns)

            self._run(
                self._tasks.run_db,
                lambda page_id=page_id: services.rotate(page_id, quarter_turns),
                turned,
            )

    def delete_selected(self) -> None:
        """Del: the page leaves the list at once; Ctrl+Z brings it back for a few seconds."""
        page = self.current_page()
        if page is None:
            return
        self.commit_delete()
        row = self.model.row_of(page.page_id)
        self.model.remove_page(page.page_id)
        self._deleted = (page, row)
        self._undo_timer.start()
        self._show_notice(
            self.tr("Page %1 deleted. Ctrl+Z brings it back.").replace("%1", str(row + 1))
        )
        self.select_row(min(row, self.model.rowCount() - 1))
        if self.model.rowCount() == 0:
            self._show_preview(None)
            self._show_details(None)

    def undo_delete(self) -> None:
        if self._deleted is None:
            return
        page, row = self._deleted
        self._deleted = None
        self._undo_timer.stop()
        self._show_notice("")
        self.model.insert_pages(row, [page])
        self.select_row(row)

    def commit_delete(self) -> None:
        """The deletion waiting for its undo reaches the store (on the database thread)."""
        self._undo_timer.stop()
        if self._deleted is None:
            return
        page, _row = self._deleted
        self._deleted = None
        if not self._rescan_target:
            self._show_notice("")
        self._sources.pop(page.page_id, None)
        services = self._services
        self._run(self._tasks.run_db, lambda: services.delete(page.page_id), lambda _r: None)

    def rescan_selected(self) -> None:
        """R on a flagged page: the next imported or dropped page replaces it."""
        page = self.current_page()
        if page is None or self.model.state_of(page) is not PageState.FLAGGED:
            return
        self._rescan_target = page.page_id
        row = self.model.row_of(page.page_id)
        self._show_notice(
            self.tr(
                "Rescan page %1: scan it again, then import or drop the file; it will take "
                "the page's place (Esc cancels)."
            ).replace("%1", str(row + 1))
        )
        self.import_files()

    def cancel_rescan(self) -> None:
        if self._rescan_target is not None:
            self._rescan_target = None
            self._show_notice("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list
            and self._rescan_target is not None
            and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.cancel_rescan()
            return True
        return super().eventFilter(watched, event)

    @property
    def rescan_target(self) -> int | None:
        return self._rescan_target

    def assign_selected(self, number: int) -> None:
        """Alt+number: the selected pages belong to that line of the checklist."""
        if 1 <= number <= len(self._lines):
            self._assign(document_key(self._lines[number - 1]))

    def _combo_assigned(self, index: int) -> None:
        self._assign(self.document_combo.itemData(index))

    def _assign(self, key: str | None) -> None:
        pages = self.selected_pages()
        if not pages:
            return
        for page in pages:
            self.model.update_page(replace(page, document_key=key))
        self.document_combo.setCurrentIndex(max(0, self.document_combo.findData(key)))
        services = self._services
        ids = [page.page_id for page in pages]
        self._run(self._tasks.run_db, lambda: services.assign(ids, key), lambda _r: None)

    # --- drag and drop of files -----------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        self.import_paths(paths, "drop")

    def _files_dropped_on_list(self, names: list[str], row: int) -> None:
        self.import_paths([Path(name) for name in names], "drop", row)
