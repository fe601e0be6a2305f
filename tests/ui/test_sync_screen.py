"""The Sync screen over a real store and the real central: what waits, what central refused
and why, "Thử lại ngay" running a cycle; and the screen in the window, keyboard reachable."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.store.outbox import OutboxRepository
from app.store.sync_views import error_vi
from app.sync.engine import CycleReport, SyncEngine, SyncStatus
from app.ui.i18n import InstalledTranslations
from app.ui.main_window import MainWindow
from app.ui.screens.sync_screen import SyncScreen
from app.ui.services import ConnectionState
from app.ui.store_queries import StoreHolder
from app.ui.sync_queries import StoreSyncQueries
from app.ui.tasks import TaskRunner
from tests.ui.sync_ui_support import SyncedCounter, counter_template, synced_counter

__all__ = ["counter_template", "synced_counter"]

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Cycles:
    """Counts the engine's reports (they arrive on the engine's thread)."""

    def __init__(self) -> None:
        self.reports: list[CycleReport] = []
        self._lock = threading.Lock()

    def __call__(self, _status: SyncStatus, report: CycleReport) -> None:
        with self._lock:
            self.reports.append(report)

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.reports)


@pytest.fixture
def engine_and_cycles(synced_counter: SyncedCounter) -> Iterator[tuple[SyncEngine, Cycles]]:
    cycles = Cycles()
    engine = synced_counter.engine(interval=3600.0, on_change=cycles)
    yield engine, cycles
    engine.stop()


def _shown(qtbot: QtBot, screen: SyncScreen) -> None:
    qtbot.waitUntil(lambda: not screen._in_flight, timeout=10_000)
    with qtbot.waitSignal(screen.shown_data, timeout=10_000):
        screen.refresh()


def _cells(screen: SyncScreen, table_name: str) -> list[list[str]]:
    table = getattr(screen, table_name)
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_lists_a_refused_change_with_its_reason_and_retry_now_runs_a_cycle(
    qtbot: QtBot,
    synced_counter: SyncedCounter,
    engine_and_cycles: tuple[SyncEngine, Cycles],
    tasks: TaskRunner,
    language: InstalledTranslations,
) -> None:
    counter = synced_counter
    engine, cycles = engine_and_cycles
    counter.lease(100)
    with counter.store.session() as session:
        OutboxRepository(session).enqueue("dossier.unheard_of", "dossier", "X-1", {"x": 1})
    screen = SyncScreen(StoreSyncQueries(StoreHolder(counter.store)), tasks, engine.retry_now)
    qtbot.addWidget(screen)
    screen.show()
    screen.set_connection_state(ConnectionState("running", url=counter.central.url), True)

    engine.start()  # the first cycle runs at once; the next only in an hour, or when woken
    qtbot.waitUntil(lambda: cycles.count == 1, timeout=20_000)
    _shown(qtbot, screen)
    assert _cells(screen, "quarantine_table") == [
        [
            "dossier.unheard_of",
            "X-1",
            screen.quarantine_table.item(0, 2).text(),
            "Hệ thống trung tâm không biết loại thay đổi «dossier.unheard_of»",
        ]
    ]
    assert screen.tabs.tabText(1) == "Bị trung tâm từ chối (1)"
    assert "1 bị trung tâm từ chối" in screen.summary_label.text()
    assert screen.last_sync_label.text().startswith("Đồng bộ thành công lần cuối: ")

    # Two dossiers received after that cycle wait: listed with their codes and attempts.
    codes = counter.receive(2)
    _shown(qtbot, screen)
    waiting = _cells(screen, "waiting_table")
    assert [row[1] for row in waiting] == codes
    assert [row[0] for row in waiting] == ["Tiếp nhận hồ sơ", "Tiếp nhận hồ sơ"]
    assert [row[3] for row in waiting] == ["0", "0"]
    assert "2 thay đổi đang chờ" in screen.summary_label.text()
    assert "lâu nhất đã chờ" in screen.summary_label.text()

    # "Thử lại ngay" (Alt+T) wakes the engine: one more cycle, and the waiting list empties.
    assert screen.retry_button.text() == "&Thử lại ngay"
    with qtbot.waitSignal(screen.retry_requested, timeout=10_000):
        qtbot.keyClick(screen, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: cycles.count == 2, timeout=20_000)
    assert cycles.reports[1].accepted == 2
    _shown(qtbot, screen)
    assert _cells(screen, "waiting_table") == []
    empty = screen.waiting_table.empty_label
    assert empty.isVisibleTo(screen.waiting_table)
    assert empty.text().startswith("Không có thay đổi nào đang chờ")
    assert not screen.quarantine_table.empty_label.isVisibleTo(screen.quarantine_table)
    assert counter.central.look_up(codes[0])["code"] == codes[0]
    # The refused change is still kept, never dropped.
    assert screen.quarantine_table.rowCount() == 1


def test_the_engine_errors_read_in_vietnamese() -> None:
    assert error_vi(
        "Central (http://127.0.0.1:1) is unreachable: refused; changes wait on this computer"
    ) == (
        "Không kết nối được máy chủ trung tâm; thay đổi được giữ trên máy này và sẽ tự gửi khi "
        "có kết nối"
    )
    assert error_vi("unknown kind | Không rõ loại") == "Không rõ loại"
    assert error_vi("files still missing on central: 3") == (
        "Còn 3 tệp chưa có trên máy chủ trung tâm; sẽ gửi lại"
    )
    assert error_vi("something new") == "something new"
    assert error_vi(None) is None


def test_the_sync_screen_is_in_the_window_and_keyboard_reachable(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.nav_titles()[5] == "Đồng bộ"
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "sync"
    screen = window.sync_screen
    qtbot.waitUntil(lambda: screen.data is not None, timeout=10_000)
    assert screen.heading_text() == "Đồng bộ"
    assert screen.connection_label.text() == (
        "Chạy độc lập: quầy này không đồng bộ với hệ thống trung tâm."
    )
    assert not screen.retry_button.isEnabled()  # no engine runs: nothing to retry
    assert screen.summary_label.text().startswith("0 thay đổi đang chờ")
