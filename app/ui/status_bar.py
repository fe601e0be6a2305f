"""Status bar: connection, changes waiting, last sync, refused changes, warnings, clerk, counter.

Two sources, combined here and only formatted: a :class:`StatusQueries` snapshot read on the
database thread every few seconds (changes waiting, quarantined, last successful sync, leased
numbers left), and what the sync controller says (:class:`ConnectionState`: standalone, signing
in, running, the demo central unavailable) with the engine's latest ``SyncStatus`` (online or
offline, clock drift). Without a central URL the counter reads "standalone" as before.

Warnings: the counter's clock differs from central's by more than the engine's bound, and the
number-block risk (:func:`app.store.sync_views.number_block_at_risk`: no successful sync for 30
minutes while fewer than the low-codes threshold are left for today or tomorrow).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.ui.services import ConnectionState, StatusQueries, StatusSnapshot
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.sync.engine import SyncStatus

REFRESH_MS = 5000
_RED = "color: #b3261e; font-weight: bold;"
_AMBER = "color: #7a4b00; font-weight: bold;"
_GREEN = "color: #1b6e20;"


def office_clock_text(moment: datetime, now: datetime | None = None) -> str:
    """ "14:32" today, "14:32 22/11" another day (office time, UTC+7)."""
    from app.domain.clock import to_office_time

    local = to_office_time(moment)
    today = to_office_time(now or datetime.now(UTC)).date()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%H:%M %d/%m}"


class StatusBar(QStatusBar):
    """Permanent labels for the facts a clerk glances at."""

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
        self._snapshot: StatusSnapshot | None = None
        self._state: ConnectionState | None = None
        self._sync: SyncStatus | None = None
        self.connection_label = QLabel(self.tr("Standalone"))
        self.pending_label = QLabel(self.tr("Changes waiting: …"))
        self.last_sync_label = QLabel()
        self.quarantine_label = QLabel()
        self.quarantine_label.setStyleSheet(_RED)
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet(_AMBER)
        self.warning_label.setWordWrap(False)
        self.clerk_label = QLabel(self.tr("Not signed in"))
        self.counter_label = QLabel(self.tr("Counter: …"))
        for name, label in (
            ("connection", self.connection_label),
            ("pending", self.pending_label),
            ("last_sync", self.last_sync_label),
            ("quarantine", self.quarantine_label),
            ("warning", self.warning_label),
            ("clerk", self.clerk_label),
            ("counter", self.counter_label),
        ):
            label.setObjectName(f"status_{name}")
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        for label in (self.last_sync_label, self.quarantine_label, self.warning_label):
            label.hide()
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

    # --- what the sync controller says ------------------------------------------------------

    def set_connection_state(self, state: ConnectionState) -> None:
        self._state = state
        if state.user_name:
            self.clerk_label.setText(state.user_name)
        else:
            self.clerk_label.setText(self.tr("Not signed in"))
        self._render()

    def set_sync_status(self, status: SyncStatus) -> None:
        """The engine's latest status (GUI thread); its figures are fresher than the snapshot."""
        self._sync = status
        self._render()
        self.refresh()

    # --- rendering ---------------------------------------------------------------------------

    def _show(self, snapshot: StatusSnapshot) -> None:
        self._in_flight = False
        self._snapshot = snapshot
        self._render()
        self.refreshed.emit()

    def _render(self) -> None:
        snapshot = self._snapshot
        self._render_connection(snapshot)
        if snapshot is None:
            return
        self.pending_label.setText(
            self.tr("%n change(s) waiting to sync", "", snapshot.pending_changes)
        )
        self._render_last_sync(snapshot)
        if snapshot.quarantined > 0:
            self.quarantine_label.setText(
                self.tr("%n change(s) refused by central", "", snapshot.quarantined)
            )
            self.quarantine_label.show()
        else:
            self.quarantine_label.hide()
        self._render_warnings(snapshot)
        counter = snapshot.counter_code or self.tr("not configured")
        self.counter_label.setText(self.tr("Counter: %1").replace("%1", counter))

    def _render_connection(self, snapshot: StatusSnapshot | None) -> None:
        state = self._state
        url = snapshot.central_url if snapshot is not None else None
        label = self.connection_label
        label.setStyleSheet("")
        label.setToolTip(url or "")
        if state is None or state.mode == "standalone":
            if url and (state is None or state.url != url):
                # A URL but no sync controller (tests, tools): say what is configured.
                text = self.tr("Not connected — central server %1").replace("%1", url)
            elif url:
                text = self.tr("Not connected")
            else:
                text = self.tr("Standalone — central server not configured")
        elif state.mode == "unavailable":
            reason = state.problem_vi if _vietnamese() else state.problem
            text = self.tr("Standalone — the demo central server could not start: %1").replace(
                "%1", reason or ""
            )
            label.setStyleSheet(_AMBER)
        elif state.mode == "starting":
            text = self.tr("Connecting to the central system…")
        elif state.mode == "signed_out":
            text = self.tr("Not connected — not signed in")
            label.setStyleSheet(_AMBER)
        else:
            online = self._sync.online if self._sync is not None else None
            if online is None:
                text = self.tr("Connecting to the central system…")
            elif online:
                text = self.tr("Online")
                label.setStyleSheet(_GREEN)
            else:
                text = self.tr("Offline — changes are kept and sent later")
                label.setStyleSheet(_AMBER)
            if state.embedded:
                text = self.tr("%1 (demo central server)").replace("%1", text)
        label.setText(text)

    def _render_last_sync(self, snapshot: StatusSnapshot) -> None:
        if snapshot.last_success_at is None:
            if snapshot.central_url:
                self.last_sync_label.setText(self.tr("Never synced"))
                self.last_sync_label.show()
            else:
                self.last_sync_label.hide()
            return
        self.last_sync_label.setText(
            self.tr("Last sync %1").replace("%1", office_clock_text(snapshot.last_success_at))
        )
        self.last_sync_label.show()

    def _render_warnings(self, snapshot: StatusSnapshot) -> None:
        warnings: list[str] = []
        sync = self._sync
        if sync is not None and sync.clock_drift_flagged and sync.clock_drift_s is not None:
            minutes = max(1, round(abs(sync.clock_drift_s) / 60))
            warnings.append(
                self.tr(
                    "This computer's clock is %n minute(s) off the central system's: "
                    "ask IT staff to correct it",
                    "",
                    minutes,
                )
            )
        if snapshot.runway is not None and _at_risk(snapshot, sync):
            runway = snapshot.runway
            warnings.append(
                self.tr(
                    "Offline for a while: only %1 dossier number(s) left for today and %2 "
                    "for tomorrow; reconnect or call IT staff"
                )
                .replace("%1", str(runway.today))
                .replace("%2", str(runway.tomorrow))
            )
        if warnings:
            self.warning_label.setText(" · ".join(warnings))
            self.warning_label.show()
        else:
            self.warning_label.hide()

    def _failed(self, error: BaseException) -> None:
        self._in_flight = False
        self.pending_label.setText(
            self.tr("Changes waiting: unknown (%1)").replace("%1", str(error))
        )
        self.refreshed.emit()


def _at_risk(snapshot: StatusSnapshot, sync: Any) -> bool:
    # Imported here: the snapshot only arrives once the store (and SQLAlchemy) is loaded.
    from app.store.sync_views import number_block_at_risk

    online = sync.online if sync is not None else None
    return number_block_at_risk(
        snapshot.runway, snapshot.last_success_at, datetime.now(UTC), online
    )


def _vietnamese() -> bool:
    from PySide6.QtCore import QLocale

    return QLocale().language() == QLocale.Language.Vietnamese
