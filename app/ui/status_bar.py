"""Status bar: connection, changes waiting, signed-in clerk, counter.

The figures come from a :class:`StatusQueries` snapshot read on the database thread every few
seconds; the widget only formats them. Sync is not built yet, so the connection reads
"standalone" and says whether a central server address has been configured.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.ui.services import StatusQueries, StatusSnapshot
from app.ui.tasks import TaskRunner

REFRESH_MS = 5000


class StatusBar(QStatusBar):
    """Permanent labels for the four facts a clerk glances at."""

    refreshed = Signal()
    """Emitted after a snapshot has been displayed (tests wait on it)."""

    def __init__(
        self,
        queries: StatusQueries,
        tasks: TaskRunner,
        refresh_ms: int = REFRESH_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._queries = queries
        self._tasks = tasks
        self._in_flight = False
        self.connection_label = QLabel(self.tr("Standalone"))
        self.pending_label = QLabel(self.tr("Changes waiting: …"))
        self.clerk_label = QLabel(self.tr("Not signed in"))
        self.counter_label = QLabel(self.tr("Counter: …"))
        for name, label in (
            ("connection", self.connection_label),
            ("pending", self.pending_label),
            ("clerk", self.clerk_label),
            ("counter", self.counter_label),
        ):
            label.setObjectName(f"status_{name}")
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        # Separators between the facts, so they do not read as one sentence.
        self.setStyleSheet("QStatusBar::item { border-left: 1px solid palette(mid); }")
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def refresh(self) -> None:
        """Ask for a fresh snapshot unless one is already on its way."""
        if self._in_flight or self._tasks.closed:
            return
        self._in_flight = True
        queries = self._queries
        self._tasks.run_db(queries.snapshot, on_done=self._show, on_error=self._failed)

    def stop(self) -> None:
        self._timer.stop()

    def _show(self, snapshot: StatusSnapshot) -> None:
        self._in_flight = False
        if snapshot.central_url:
            self.connection_label.setText(
                self.tr("Standalone — central server %1 (sync not available yet)").replace(
                    "%1", snapshot.central_url
                )
            )
        else:
            self.connection_label.setText(self.tr("Standalone — central server not configured"))
        self.pending_label.setText(
            self.tr("%n change(s) waiting to sync", "", snapshot.pending_changes)
        )
        counter = snapshot.counter_code or self.tr("not configured")
        self.counter_label.setText(self.tr("Counter: %1").replace("%1", counter))
        self.refreshed.emit()

    def _failed(self, error: BaseException) -> None:
        self._in_flight = False
        self.pending_label.setText(
            self.tr("Changes waiting: unknown (%1)").replace("%1", str(error))
        )
        self.refreshed.emit()
