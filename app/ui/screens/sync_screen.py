"""The Sync screen: what waits to reach central, what central refused and why, the conflicts.

Three tables over one :class:`SyncScreenData` read on the database thread: entries waiting
(kind, dossier code, attempts, age, last error in Vietnamese), quarantined entries with their
reason (kept for a deputy, never dropped), and conflicts (this counter's version beside
central's). "Retry now" makes every backed-off entry due and wakes the engine (on a worker
thread: it writes to the store). The screen refreshes when the engine reports a cycle and when
it is shown; the controller's state (signed in, online) is shown as the connection line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.services import ConnectionState, SyncQueries, SyncScreenData
from app.ui.status_bar import office_clock_text
from app.ui.tasks import TaskRunner

_RED = "color: #b3261e; font-weight: bold;"


def age_text(age: timedelta | None) -> str:
    """A short age a clerk reads at a glance: "45 giây", "12 phút", "3 giờ", "2 ngày"."""
    from PySide6.QtCore import QCoreApplication

    if age is None:
        return "—"
    seconds = max(0, int(age.total_seconds()))
    if seconds < 60:
        return QCoreApplication.translate("SyncScreen", "%1 s").replace("%1", str(seconds))
    if seconds < 3600:
        return QCoreApplication.translate("SyncScreen", "%1 min").replace("%1", str(seconds // 60))
    if seconds < 86400:
        return QCoreApplication.translate("SyncScreen", "%1 h").replace("%1", str(seconds // 3600))
    return QCoreApplication.translate("SyncScreen", "%1 d").replace("%1", str(seconds // 86400))


class _ListTable(QTableWidget):
    """A read-only list that says so in words when it is empty (an empty grid reads as
    "still loading" or "broken")."""

    def __init__(self, columns: int) -> None:
        super().__init__(0, columns)
        self.empty_label = QLabel(self.viewport())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(mid);")
        self.empty_label.hide()

    def set_empty_text(self, text: str) -> None:
        self.empty_label.setText(text)
        self.empty_label.setVisible(self.rowCount() == 0)
        self._place_label()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._place_label()

    def _place_label(self) -> None:
        self.empty_label.setGeometry(self.viewport().rect())


def _table(headers: Sequence[str], name: str) -> _ListTable:
    table = _ListTable(len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _fill(table: _ListTable, rows: Sequence[Sequence[str]], empty_text: str) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(row, column, item)
    table.set_empty_text(empty_text)


class SyncScreen(QWidget):
    """Lists the outbox's waiting and quarantined entries and the conflicts; "retry now"."""

    shown_data = Signal()
    """Emitted after fresh data is on screen (tests wait on it)."""
    retry_requested = Signal()
    """"Retry now" was pressed (and the engine asked)."""

    def __init__(
        self,
        queries: SyncQueries,
        tasks: TaskRunner,
        retry_now: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``retry_now`` runs on a worker thread (it writes to the store and wakes the
        engine); ``None`` while no engine runs (standalone, signed out)."""
        super().__init__(parent)
        self._queries = queries
        self._tasks = tasks
        self._retry_now = retry_now
        self._in_flight = False
        self._again = False
        self._data: SyncScreenData | None = None

        heading = QLabel(self.tr("Sync"))
        heading.setObjectName("screenHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.heading_label = heading

        self.connection_label = QLabel()
        self.connection_label.setObjectName("syncConnection")
        self.connection_label.setWordWrap(True)
        self.summary_label = QLabel(self.tr("Loading…"))
        self.summary_label.setObjectName("syncSummary")
        self.summary_label.setWordWrap(True)
        self.last_sync_label = QLabel()
        self.last_sync_label.setObjectName("syncLastSuccess")
        self.error_label = QLabel()
        self.error_label.setObjectName("syncError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(_RED)
        self.error_label.hide()

        self.retry_button = QPushButton(self.tr("&Retry now"))
        self.retry_button.setObjectName("syncRetryNow")
        self.retry_button.setToolTip(self.tr("Send everything that waits now (F5)"))
        self.retry_button.clicked.connect(self.retry)
        self.retry_button.setEnabled(retry_now is not None)
        retry_key = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        retry_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        retry_key.activated.connect(self.retry)

        self.waiting_table = _table(
            [
                self.tr("Change"),
                self.tr("Dossier code"),
                self.tr("Waiting for"),
                self.tr("Attempts"),
                self.tr("Last error"),
            ],
            "syncWaiting",
        )
        self.quarantine_table = _table(
            [
                self.tr("Change"),
                self.tr("Dossier code"),
                self.tr("Since"),
                self.tr("Reason central gave"),
            ],
            "syncQuarantined",
        )
        self.conflict_table = _table(
            [
                self.tr("Dossier code"),
                self.tr("This counter"),
                self.tr("Central system"),
                self.tr("Reason"),
            ],
            "syncConflicts",
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("syncTabs")
        self.tabs.addTab(self.waiting_table, self.tr("Waiting"))
        self.tabs.addTab(self.quarantine_table, self.tr("Refused by central"))
        self.tabs.addTab(self.conflict_table, self.tr("Conflicts"))

        top = QHBoxLayout()
        facts = QVBoxLayout()
        facts.addWidget(self.connection_label)
        facts.addWidget(self.summary_label)
        facts.addWidget(self.last_sync_label)
        top.addLayout(facts, 1)
        top.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.retry_button if retry_now is not None else self.tabs)

    # --- wiring --------------------------------------------------------------------------------

    def set_retry(self, retry_now: Callable[[], None] | None) -> None:
        """The engine started (or stopped): "retry now" follows it."""
        self._retry_now = retry_now
        self.retry_button.setEnabled(retry_now is not None)
        self.setFocusProxy(self.retry_button if retry_now is not None else self.tabs)

    def set_connection_state(self, state: ConnectionState, online: bool | None = None) -> None:
        if state.mode in ("standalone", "unavailable"):
            text = self.tr("Standalone: this counter does not sync with a central system.")
            if state.problem_vi or state.problem:
                text += " " + (state.problem_vi or state.problem or "")
        elif state.mode == "starting":
            text = self.tr("Connecting to the central system…")
        elif state.mode == "signed_out":
            text = self.tr("Not connected: sign in to sync with %1.").replace("%1", state.url or "")
        elif online is False:
            text = self.tr("Offline: changes are kept on this computer and sent later (%1).")
            text = text.replace("%1", state.url or "")
        elif online is True:
            text = self.tr("Online with %1.").replace("%1", state.url or "")
        else:
            text = self.tr("Connecting to the central system…")
        self.connection_label.setText(text)

    def show_engine_error(self, message: str | None) -> None:
        """The last cycle's error (Vietnamese), or ``None`` when it went through."""
        if message:
            self.error_label.setText(message)
            self.error_label.show()
        else:
            self.error_label.hide()

    # --- data ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the lists again (a request while one is on its way runs once it is back)."""
        if self._tasks.closed:
            return
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        self._tasks.run_db(self._queries.sync_data, on_done=self._show, on_error=self._failed)

    def retry(self) -> None:
        retry_now = self._retry_now
        if retry_now is None or self._tasks.closed:
            return
        self.retry_button.setEnabled(False)
        self._tasks.run_db(retry_now, on_done=self._retried, on_error=self._retry_failed)

    def _retried(self, _result: object) -> None:
        self.retry_button.setEnabled(self._retry_now is not None)
        self.retry_requested.emit()
        self.refresh()

    def _retry_failed(self, error: BaseException) -> None:
        self.retry_button.setEnabled(self._retry_now is not None)
        message = getattr(error, "message_vi", None) or f"{type(error).__name__}: {error}"
        self.show_engine_error(message)

    def _after_reply(self) -> None:
        self._in_flight = False
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.summary_label.setText(
            self.tr("The sync lists could not be read: %1").replace(
                "%1", getattr(error, "message_vi", None) or str(error)
            )
        )
        self._after_reply()

    def _show(self, data: SyncScreenData) -> None:
        self._data = data
        summary = self.tr("%n change(s) waiting", "", data.waiting_count)
        if data.waiting_count:
            summary += " · " + self.tr("oldest waiting for %1").replace(
                "%1", age_text(data.oldest_waiting_age)
            )
        summary += " · " + self.tr("%n refused by central", "", data.quarantined_count)
        summary += " · " + self.tr("%n conflict(s)", "", data.conflict_count)
        self.summary_label.setText(summary)
        self.summary_label.setStyleSheet(_RED if data.quarantined_count else "")
        if data.last_success_at is None:
            self.last_sync_label.setText(self.tr("Never synced with the central system."))
        else:
            self.last_sync_label.setText(
                self.tr("Last successful sync: %1").replace(
                    "%1", office_clock_text(data.last_success_at)
                )
            )
        now = datetime.now(UTC)
        kind_vi = self._kind_text
        errors = data.errors_vi
        _fill(
            self.waiting_table,
            [
                (
                    kind_vi(entry.kind),
                    entry.entity_id,
                    age_text(now - entry.created_at),
                    str(entry.attempts),
                    errors.get(entry.id, ""),
                )
                for entry in data.waiting
            ],
            self.tr("Nothing is waiting: every change has reached the central system."),
        )
        _fill(
            self.quarantine_table,
            [
                (
                    kind_vi(item.kind),
                    item.entity_id,
                    office_clock_text(item.created_at),
                    errors.get(item.id, item.reason),
                )
                for item in data.quarantined
            ],
            self.tr("The central system has refused no change."),
        )
        _fill(
            self.conflict_table,
            [
                (conflict.entity_id, conflict.local, conflict.central, conflict.reason)
                for conflict in data.conflicts
            ],
            self.tr("No conflicts between this counter and the central system."),
        )
        self.tabs.setTabText(0, self.tr("Waiting (%1)").replace("%1", str(data.waiting_count)))
        self.tabs.setTabText(
            1, self.tr("Refused by central (%1)").replace("%1", str(data.quarantined_count))
        )
        self.tabs.setTabText(2, self.tr("Conflicts (%1)").replace("%1", str(data.conflict_count)))
        self._after_reply()
        self.shown_data.emit()

    def _kind_text(self, kind: str) -> str:
        texts = {
            "dossier.received": self.tr("Dossier received"),
            "dossier.refused": self.tr("Dossier refused"),
            "dossier.files": self.tr("Digitised files"),
            "receipt_key.published": self.tr("Receipt signing key"),
        }
        return texts.get(kind, kind)

    def heading_text(self) -> str:
        return self.heading_label.text()

    @property
    def data(self) -> SyncScreenData | None:
        return self._data
