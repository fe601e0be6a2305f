"""The main window: a navigation list and a stack of screens, nothing more.

Screens are built elsewhere and handed their dependencies; the window only wires navigation
(Ctrl+1 … Ctrl+7) and the status bar, so it does not grow into a god object.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.ui.screens.catalogue import CatalogueScreen
from app.ui.screens.upcoming import upcoming_screens
from app.ui.screens.upcoming_notice import UpcomingScreenNotice
from app.ui.services import CatalogueQueries, StatusQueries
from app.ui.status_bar import StatusBar
from app.ui.tasks import TaskRunner

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

        notices = upcoming_screens()
        self.catalogue_screen = CatalogueScreen(deps.catalogue, deps.tasks)
        self.screens: dict[str, QWidget] = {}
        for number, key in enumerate(NAV_ORDER, start=1):
            if key == "catalogue":
                title = self.tr("Procedure catalogue")
                screen: QWidget = self.catalogue_screen
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
        self.show_screen("catalogue")

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
        self.stack.setCurrentIndex(row)
        if self.stack.currentWidget() is self.catalogue_screen:
            self.catalogue_screen.focus_search()

    def start(self) -> None:
        """Load the first data once the window exists (the queries run in the background)."""
        self.catalogue_screen.refresh()
        self.status.refresh()

    def nav_titles(self) -> list[str]:
        return [self.nav.item(row).text() for row in range(self.nav.count())]
