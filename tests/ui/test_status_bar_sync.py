"""The status bar with sync: offline, online, changes waiting, last sync, refused changes, the
number-block risk and clock drift, against the real central on 127.0.0.1."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.store.outbox import OutboxRepository
from app.store.sync_views import number_block_at_risk
from app.ui.i18n import InstalledTranslations
from app.ui.services import ConnectionState
from app.ui.status_bar import StatusBar
from app.ui.store_queries import StoreHolder, StoreStatusQueries
from app.ui.tasks import TaskRunner
from tests.ui.sync_ui_support import SyncedCounter, counter_template, synced_counter

__all__ = ["counter_template", "synced_counter"]

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def bar(
    qtbot: QtBot,
    synced_counter: SyncedCounter,
    tasks: TaskRunner,
    language: InstalledTranslations,
) -> Iterator[StatusBar]:
    status = StatusBar(StoreStatusQueries(StoreHolder(synced_counter.store)), tasks, 60_000)
    qtbot.addWidget(status)
    status.show()
    status.set_connection_state(
        ConnectionState("running", url=synced_counter.central.url, user_name="Nguyễn Thị Lan")
    )
    yield status
    status.stop()
    tasks.shutdown()


def _settled(qtbot: QtBot, bar: StatusBar) -> None:
    """Wait for a snapshot asked for after now (one may already be on its way)."""
    qtbot.waitUntil(lambda: not bar._in_flight, timeout=10_000)
    with qtbot.waitSignal(bar.refreshed, timeout=10_000):
        bar.refresh()


def test_offline_then_online_and_the_waiting_count_drops_after_a_sync(
    qtbot: QtBot, bar: StatusBar, synced_counter: SyncedCounter
) -> None:
    counter = synced_counter
    counter.lease(100)
    counter.receive(2)
    dead = counter.dead_engine()
    assert dead.run_cycle().error is not None
    bar.set_sync_status(dead.status())
    _settled(qtbot, bar)
    assert bar.connection_label.text() == "Mất kết nối — thay đổi được giữ lại và gửi sau"
    assert bar.pending_label.text() == "2 thay đổi chờ đồng bộ"
    assert bar.last_sync_label.text() == "Chưa đồng bộ lần nào"
    assert bar.clerk_label.text() == "Nguyễn Thị Lan"
    assert bar.quarantine_label.isHidden()
    assert bar.warning_label.isHidden()  # 100 numbers a day left: no risk yet

    live = counter.engine()
    report = live.run_cycle()
    assert report.error is None and report.accepted == 2
    bar.set_sync_status(live.status())
    _settled(qtbot, bar)
    assert bar.connection_label.text() == "Trực tuyến"
    assert bar.pending_label.text() == "0 thay đổi chờ đồng bộ"
    assert bar.last_sync_label.text().startswith("Đồng bộ lần cuối ")
    assert bar.warning_label.isHidden()


def test_a_refused_change_is_counted_in_red(
    qtbot: QtBot, bar: StatusBar, synced_counter: SyncedCounter
) -> None:
    counter = synced_counter
    with counter.store.session() as session:
        OutboxRepository(session).enqueue("dossier.unheard_of", "dossier", "X-1", {"x": 1})
    engine = counter.engine()
    assert engine.run_cycle().quarantined == 1
    bar.set_sync_status(engine.status())
    _settled(qtbot, bar)
    assert not bar.quarantine_label.isHidden()
    assert bar.quarantine_label.text() == "1 thay đổi bị trung tâm từ chối"
    assert "#b3261e" in bar.quarantine_label.styleSheet()


def test_offline_with_few_numbers_left_warns_of_the_number_block(
    qtbot: QtBot, bar: StatusBar, synced_counter: SyncedCounter
) -> None:
    counter = synced_counter
    counter.lease(5)  # five numbers for today and tomorrow: below the threshold of 20
    dead = counter.dead_engine()
    dead.run_cycle()
    bar.set_sync_status(dead.status())
    _settled(qtbot, bar)
    assert not bar.warning_label.isHidden()
    assert bar.warning_label.text() == (
        "Mất kết nối đã lâu: chỉ còn 5 số hồ sơ cho hôm nay và 5 cho ngày mai; hãy kết nối "
        "lại hoặc gọi cán bộ kỹ thuật"
    )
    # A sync that goes through (and so could lease more) clears it.
    live = counter.engine()
    assert live.run_cycle().error is None
    bar.set_sync_status(live.status())
    _settled(qtbot, bar)
    assert bar.warning_label.isHidden()


def test_a_drifting_clock_is_flagged(
    qtbot: QtBot, bar: StatusBar, synced_counter: SyncedCounter
) -> None:
    engine = synced_counter.engine()
    engine.run_cycle()
    drifting = dataclasses.replace(engine.status(), clock_drift_s=-610.0, clock_drift_flagged=True)
    bar.set_sync_status(drifting)
    _settled(qtbot, bar)
    assert bar.warning_label.text() == (
        "Đồng hồ máy này lệch 10 phút so với hệ thống trung tâm: hãy nhờ cán bộ kỹ thuật chỉnh lại"
    )


def test_standalone_and_signed_out_read_plainly(
    qtbot: QtBot, bar: StatusBar, synced_counter: SyncedCounter
) -> None:
    bar.set_connection_state(ConnectionState("signed_out", url=synced_counter.central.url))
    _settled(qtbot, bar)
    assert bar.connection_label.text() == "Chưa kết nối — chưa đăng nhập"
    assert bar.clerk_label.text() == "Chưa đăng nhập"
    bar.set_connection_state(
        ConnectionState("unavailable", problem="no fastapi", problem_vi="máy chưa cài fastapi")
    )
    assert bar.connection_label.text() == (
        "Chạy độc lập — máy chủ trung tâm thử nghiệm không khởi động được: máy chưa cài fastapi"
    )


def test_the_number_block_rule() -> None:
    from datetime import UTC, datetime, timedelta

    from app.store.sync_views import CodeRunway

    now = datetime(2026, 11, 23, 8, tzinfo=UTC)
    few = CodeRunway(today=3, tomorrow=100, threshold=20)
    plenty = CodeRunway(today=80, tomorrow=100, threshold=20)
    assert number_block_at_risk(few, now - timedelta(hours=1), now, False)
    assert not number_block_at_risk(few, now - timedelta(minutes=5), now, True)
    assert not number_block_at_risk(plenty, now - timedelta(days=2), now, False)
    assert not number_block_at_risk(few, None, now, None)  # the first cycle is on its way
    assert number_block_at_risk(CodeRunway(50, 0, 20), None, now, False)
    assert not number_block_at_risk(None, None, now, False)  # standalone
