"""The main window: a navigation list and a stack of screens, nothing more.

Screens are built elsewhere and handed their dependencies; the window only wires navigation
(Ctrl+1 … Ctrl+7) and the status bar, so it does not grow into a god object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.ui.screens.upcoming import upcoming_screens
from app.ui.screens.upcoming_notice import UpcomingScreenNotice
from app.ui.services import (
    CatalogueQueries,
    ConnectionState,
    StatusQueries,
    SyncQueries,
    SyncScreenData,
)
from app.ui.status_bar import StatusBar
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from pathlib import Path

    from app.domain.receipt_qr import KnownReceiptKeys
    from app.sync.engine import SyncStatus
    from app.ui.dialogs.document_viewer import DocumentFileQueries
    from app.ui.dialogs.verify_receipt import VerifyReceiptDialog
    from app.ui.screens.catalogue import CatalogueScreen
    from app.ui.screens.dossiers import DossiersScreen
    from app.ui.screens.reception import ReceptionScreen
    from app.ui.screens.sync_screen import SyncScreen
    from app.ui.services_capture import CaptureServices
    from app.ui.services_dossiers import DossierQueries
    from app.ui.services_reception import ReceptionServices

WINDOW_TITLE = "Một Cửa Desk"
"""The product name: the same in every language."""

NAV_ORDER: tuple[str, ...] = (
    "reception",
    "dossiers",
    "handover",
    "returns",
    "reports",
    "sync",
    "catalogue",
)


@dataclass(frozen=True)
class MainWindowDeps:
    """Everything the window's screens need, passed in by the application."""

    tasks: TaskRunner
    catalogue: CatalogueQueries
    status: StatusQueries
    reception: ReceptionServices
    dossiers: DossierQueries
    receipt_keys: Callable[[], KnownReceiptKeys]
    """The public keys a receipt's signature is checked against (read on the DB thread)."""
    capture: CaptureServices | None = None
    """Digitisation at the counter (the page editor of reception); ``None``: not offered."""
    document_files: DocumentFileQueries | None = None
    """The digitised documents the Dossiers screen opens (signature checked first)."""
    view_dir: Path | None = None
    """Where a checked document is copied for the desktop's PDF viewer."""
    sync: SyncQueries | None = None
    """The Sync screen's lists; ``None``: the screen says there is nothing to show."""


class _NoSyncQueries:
    def sync_data(self) -> SyncScreenData:
        return SyncScreenData()


class MainWindow(QMainWindow):
    def __init__(self, deps: MainWindowDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(WINDOW_TITLE)
        self.setObjectName("mainWindow")
        self.resize(1280, 720)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()

        self._deps = deps
        self._verify_dialog: VerifyReceiptDialog | None = None
        self._started = False
        self._sync_state = ConnectionState("standalone")
        self._sync_online: bool | None = None
        self._sync_error: str | None = None
        self._sync_retry: Callable[[], None] | None = None
        notices = upcoming_screens()
        # Screens (and their imports) are built the first time they are needed: reception
        # once the store is open (start()), the others when first shown. The window is on
        # screen and taking input sooner.
        self._factories: dict[str, Callable[[], QWidget]] = {
            "reception": self._build_reception,
            "dossiers": self._build_dossiers,
            "catalogue": self._build_catalogue,
            "sync": self._build_sync,
        }
        # Until the store is open the reception screen would only say this anyway. (Outside
        # the dict below: lupdate gives the next self.tr() a wrong context after it.)
        opening = QCoreApplication.translate("ReceptionScreen", "Opening the reception…")
        built: dict[str, tuple[str, QWidget]] = {
            "reception": (self.tr("Reception"), QLabel(opening)),
            "dossiers": (self.tr("Dossiers"), QWidget()),
            "catalogue": (self.tr("Procedure catalogue"), QWidget()),
            "sync": (self.tr("Sync"), QWidget()),
        }
        self.screens: dict[str, QWidget] = {}
        for number, key in enumerate(NAV_ORDER, start=1):
            if key in built:
                title, screen = built[key]
            else:
                notice = notices[key]
                title = notice.title
                screen = UpcomingScreenNotice(notice.title, notice.purpose, notice.arrives_with)
            screen.setObjectName(f"screen_{key}")
            self.screens[key] = screen
            self.stack.addWidget(screen)
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(self.tr("%1 (Ctrl+%2)").replace("%1", title).replace("%2", str(number)))
            self.nav.addItem(item)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda row=number - 1: self.show_screen_at(row))

        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 6px 10px; }")
        # Sized to the longest translated label, so English and Vietnamese both fit unclipped.
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 40)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status = StatusBar(deps.status, deps.tasks)
        self.setStatusBar(self.status)
        verify = QShortcut(QKeySequence("Ctrl+Shift+V"), self)
        verify.setContext(Qt.ShortcutContext.WindowShortcut)
        verify.activated.connect(lambda: self.open_verify_dialog())
        self.show_screen("reception")

    # --- screens built on first use --------------------------------------------------------

    @property
    def reception_screen(self) -> ReceptionScreen:
        return self._screen("reception")  # type: ignore[return-value]

    @property
    def catalogue_screen(self) -> CatalogueScreen:
        return self._screen("catalogue")  # type: ignore[return-value]

    @property
    def dossiers_screen(self) -> DossiersScreen:
        return self._screen("dossiers")  # type: ignore[return-value]

    @property
    def sync_screen(self) -> SyncScreen:
        return self._screen("sync")  # type: ignore[return-value]

    def _screen(self, key: str) -> QWidget:
        factory = self._factories.pop(key, None)
        if factory is None:
            return self.screens[key]
        stand_in = self.screens[key]
        screen = factory()
        screen.setObjectName(f"screen_{key}")
        index = self.stack.indexOf(stand_in)
        showing = self.stack.currentIndex() == index
        self.stack.insertWidget(index, screen)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        if showing:
            self.stack.setCurrentIndex(index)
        self.screens[key] = screen
        if self._started:
            if key == "reception":
                screen.start()  # type: ignore[attr-defined]
            else:
                screen.refresh()  # type: ignore[attr-defined]
        if showing:
            screen.setFocus()
        return screen

    def _build_reception(self) -> QWidget:
        from app.ui.screens.reception import ReceptionScreen

        return ReceptionScreen(self._deps.reception, self._deps.tasks, capture=self._deps.capture)

    def _build_catalogue(self) -> QWidget:
        from app.ui.screens.catalogue import CatalogueScreen

        return CatalogueScreen(self._deps.catalogue, self._deps.tasks)

    def _build_sync(self) -> QWidget:
        from app.ui.screens.sync_screen import SyncScreen

        screen = SyncScreen(self._deps.sync or _NoSyncQueries(), self._deps.tasks, self._sync_retry)
        screen.set_connection_state(self._sync_state, self._sync_online)
        screen.show_engine_error(self._sync_error)
        return screen

    def _build_dossiers(self) -> QWidget:
        from app.ui.screens.dossiers import DossiersScreen

        panel = None
        if self._deps.document_files is not None and self._deps.view_dir is not None:
            from app.ui.dialogs.document_viewer import DigitisedDocumentsPanel
            from app.ui.screens.reception_dialogs import open_with_desktop

            panel = DigitisedDocumentsPanel(
                self._deps.document_files, self._deps.tasks, self._deps.view_dir, open_with_desktop
            )
        screen = DossiersScreen(
            self._deps.dossiers,
            self._deps.tasks,
            reprint=self.reception_screen.reprint,
            documents_panel=panel,
        )
        # A saved dossier appears in the list at once.
        self.reception_screen.slip_ready.connect(lambda _path: screen.refresh())
        return screen

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def show_screen(self, key: str) -> None:
        self.show_screen_at(NAV_ORDER.index(key))

    def show_screen_at(self, row: int) -> None:
        if 0 <= row < self.nav.count():
            self.nav.setCurrentRow(row)

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        key = NAV_ORDER[row]
        # Reception waits for the store (start()): until then its stand-in says so, and
        # building it here would put its imports before the window's first paint.
        waiting = key == "reception" and not self._started
        if key in self._factories and not waiting:
            self._screen(key)
        self.stack.setCurrentIndex(row)
        if key == "catalogue":
            self.catalogue_screen.focus_search()
        elif key == "dossiers":
            self.dossiers_screen.focus_search()
        elif key == "sync":
            self.sync_screen.refresh()
            self.sync_screen.setFocus()
        elif key == "reception" and not waiting:
            self.reception_screen.setFocus()

    def start(self) -> None:
        """Load the first data once the window exists (the queries run in the background)."""
        self._started = True
        self.reception_screen.start()  # builds it, if the first paint has not yet
        for key in ("dossiers", "catalogue", "sync"):
            if key not in self._factories:  # already built (shown, or asked for by a test)
                self.screens[key].refresh()  # type: ignore[attr-defined]
        self.status.refresh()
        self.reception_screen.slip_ready.connect(lambda _path: self.status.refresh())

    # --- sync (the application's SyncController reports here) ------------------------------

    def set_sync_state(self, state: ConnectionState) -> None:
        self._sync_state = state
        self.status.set_connection_state(state)
        if "sync" not in self._factories:
            self.sync_screen.set_connection_state(state, self._sync_online)

    def set_sync_status(self, status: SyncStatus) -> None:
        """After each engine cycle: the status bar and the Sync screen (when built) refresh."""
        self._sync_online = status.online
        self._sync_error = status.last_error_vi or status.last_error
        self.status.set_sync_status(status)
        if "sync" not in self._factories:
            screen = self.sync_screen
            screen.set_connection_state(self._sync_state, status.online)
            screen.show_engine_error(self._sync_error)
            screen.refresh()

    def set_sync_retry(self, retry_now: Callable[[], None] | None) -> None:
        """The engine's "retry now" (run on the database thread), once an engine runs."""
        self._sync_retry = retry_now
        if "sync" not in self._factories:
            self.sync_screen.set_retry(retry_now)

    def handle_scan(self, text: str) -> None:
        """A burst from the USB scanner, wherever the focus was: a receipt's QR goes to the
        verify dialog, anything else (a chip ID card) to the reception form."""
        from app.domain.receipt_qr import looks_like_receipt_qr

        if self._verify_dialog is not None and self._verify_dialog.isVisible():
            self._verify_dialog.accept_scan(text)
        elif looks_like_receipt_qr(text):
            self.open_verify_dialog(text)
        else:
            self.show_screen("reception")
            self.reception_screen.handle_scan(text)

    def open_verify_dialog(self, text: str | None = None) -> VerifyReceiptDialog:
        """Ctrl+Shift+V: check a receipt's QR offline (typed, scanned or from an image)."""
        from app.ui.dialogs.verify_receipt import VerifyReceiptDialog

        if self._verify_dialog is None:
            self._verify_dialog = VerifyReceiptDialog(
                self._deps.receipt_keys, self._deps.tasks, parent=self
            )
        self._verify_dialog.show()
        self._verify_dialog.raise_()
        self._verify_dialog.activateWindow()
        if text is not None:
            self._verify_dialog.accept_scan(text)
        return self._verify_dialog

    def flush(self) -> None:
        """Before closing: the half-typed dossier reaches the store (within its debounce)."""
        self.reception_screen.flush_draft()

    def nav_titles(self) -> list[str]:
        return [self.nav.item(row).text() for row in range(self.nav.count())]
