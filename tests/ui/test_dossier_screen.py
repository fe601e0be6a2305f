"""The Dossiers screen over a real store: search, filters, colours, detail, reprint, keyboard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NoReturn

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.lifecycle import STATE_LABEL_VI, DossierState
from app.store.database import Store
from app.store.errors import StoreError
from app.store.settings import SettingsRepository
from app.ui.dossier_queries import StoreDossierQueries
from app.ui.i18n import InstalledTranslations
from app.ui.models.dossier_table_model import DUE_COLOURS, Column, Role
from app.ui.screens.dossiers import DossiersScreen
from app.ui.services_dossiers import DueStatus
from app.ui.store_queries import StoreHolder
from app.ui.tasks import TaskRunner
from tests.dossier_seed import BY_NAME, DEMOS, NOW, DemoDossier, add_dossiers, bulk_dossiers, office

from .keys import type_text

# The offscreen platform cannot resize a top-level window to its size hints; harmless here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@dataclass
class Counter:
    """The screen under test, its dossiers' ids, and what was sent to the printer."""

    screen: DossiersScreen
    ids: dict[str, int]
    reprinted: list[int] = field(default_factory=list)

    def id_of(self, name: str) -> int:
        return self.ids[BY_NAME[name].code]

    def names(self) -> list[str]:
        model = self.screen.model
        return [model.index(row, Column.APPLICANT).data() for row in range(model.rowCount())]


def open_screen(
    qtbot: QtBot,
    store: Store,
    tasks: TaskRunner,
    reprint: Callable[[int], None] | None,
    clock: Callable[[], datetime] = lambda: NOW,
) -> DossiersScreen:
    screen = DossiersScreen(StoreDossierQueries(StoreHolder(store)), tasks, reprint, clock)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    with qtbot.waitSignal(screen.results_shown, timeout=5000):
        screen.refresh()
    return screen


@pytest.fixture
def counter(
    qtbot: QtBot, store: Store, tasks: TaskRunner, language: InstalledTranslations
) -> Counter:
    ids = add_dossiers(store, DEMOS)
    reprinted: list[int] = []
    screen = open_screen(qtbot, store, tasks, reprinted.append)
    return Counter(screen, ids, reprinted)


def search(qtbot: QtBot, screen: DossiersScreen, text: str) -> None:
    """Type as a clerk does: the debounce turns the keystrokes into one search."""
    with qtbot.waitSignal(screen.results_shown, timeout=5000):
        screen.search_edit.clear()
        type_text(screen.search_edit, text)


def choose(qtbot: QtBot, screen: DossiersScreen, combo_name: str, data: object) -> None:
    combo = screen.state_combo if combo_name == "state" else screen.due_combo
    index = 0 if data is None else combo.findData(data)
    assert index >= 0, data
    with qtbot.waitSignal(screen.results_shown, timeout=5000):
        combo.setCurrentIndex(index)


def show_detail(qtbot: QtBot, counter: Counter, name: str) -> None:
    row = counter.screen.model.row_of(counter.id_of(name))
    assert row is not None, name
    with qtbot.waitSignal(counter.screen.detail_shown, timeout=5000) as shown:
        counter.screen.select_row(row)
    assert shown.args == [counter.id_of(name)]


def test_all_dossiers_newest_first_with_a_count(counter: Counter) -> None:
    newest_first = sorted(DEMOS, key=lambda demo: demo.received_at, reverse=True)
    assert counter.names() == [demo.name for demo in newest_first]
    assert str(len(DEMOS)) in counter.screen.count_label.text()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nguyen van", {"Nguyễn Văn An", "Nguyễn Văn Bình"}),
        ("Nguyễn Văn", {"Nguyễn Văn An", "Nguyễn Văn Bình"}),
        ("dang", set()),
        ("0912 345", {"Trần Thị Cúc"}),
        ("5678", {"Trần Thị Cúc"}),
        ("H26-260303", {"Nguyễn Văn Bình", "Đỗ Thị Hà"}),
        ("001099012345", {"Nguyễn Văn An"}),
    ],
)
def test_instant_search(qtbot: QtBot, counter: Counter, typed: str, expected: set[str]) -> None:
    search(qtbot, counter.screen, typed)
    assert set(counter.names()) == expected
    if not expected:
        assert typed in counter.screen.count_label.text()


def test_today_toggle_and_filters_combine(qtbot: QtBot, counter: Counter) -> None:
    screen = counter.screen
    with qtbot.waitSignal(screen.results_shown, timeout=5000):
        qtbot.mouseClick(screen.today_button, Qt.MouseButton.LeftButton)
    assert set(counter.names()) == {"Nguyễn Văn An", "Nguyễn Thị Phương", "Hoàng Văn Giang"}

    choose(qtbot, screen, "state", DossierState.REFUSED.value)
    assert counter.names() == ["Nguyễn Thị Phương"]

    search(qtbot, screen, "an")
    assert counter.names() == []

    with qtbot.waitSignal(screen.results_shown, timeout=5000):
        qtbot.mouseClick(screen.all_button, Qt.MouseButton.LeftButton)
    choose(qtbot, screen, "state", None)
    assert counter.names() == ["Nguyễn Văn An"]


def test_due_filters_and_colours(qtbot: QtBot, counter: Counter) -> None:
    screen = counter.screen
    choose(qtbot, screen, "due", "overdue")
    assert counter.names() == ["Trần Thị Cúc"]
    background = screen.model.index(0, Column.STATE).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color() == DUE_COLOURS[DueStatus.OVERDUE][0]

    choose(qtbot, screen, "due", "due_soon")
    assert counter.names() == ["Nguyễn Văn Bình"]
    background = screen.model.index(0, Column.CODE).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color() == DUE_COLOURS[DueStatus.DUE_SOON][0]

    # The legend wears the very colours of the rows.
    for status, label in (
        (DueStatus.DUE_SOON, screen.legend_due_soon),
        (DueStatus.OVERDUE, screen.legend_overdue),
    ):
        assert label.isVisible()
        assert DUE_COLOURS[status][0].name() in label.styleSheet()


def test_state_filter_offers_the_lifecycle_labels(counter: Counter) -> None:
    combo = counter.screen.state_combo
    offered = [combo.itemText(index) for index in range(combo.count())]
    for state in DossierState:
        assert STATE_LABEL_VI[state] in offered


def test_detail_shows_applicant_documents_and_history(qtbot: QtBot, counter: Counter) -> None:
    show_detail(qtbot, counter, "Lê Văn Dũng")
    detail = counter.screen.detail
    assert detail.title_label.text() == BY_NAME["Lê Văn Dũng"].code
    assert detail.applicant_name.text() == "Lê Văn Dũng"
    assert detail.received_label.text() == "10/02/2026 09:00"
    assert detail.appointment_label.text() == "20/02/2026 09:00"
    assert detail.clerk_label.text() == "Trần Thị Bình"
    assert not detail.provisional_label.isVisible()

    assert detail.documents_table.rowCount() == 2
    assert detail.documents_table.item(0, 1).text() == "Tờ khai"

    history = detail.history_table
    assert history.rowCount() == 5
    assert history.item(0, 0).text() == "10/02/2026 09:00"
    first_change = history.item(0, 1).text().splitlines()
    assert first_change[0] == STATE_LABEL_VI[DossierState.RECEIVED]
    assert first_change[1].startswith("Trần Thị Bình")  # who received it, and where
    last_change = history.item(4, 1).text().splitlines()[0]
    assert last_change == (
        f"{STATE_LABEL_VI[DossierState.RESULT_READY]} → {STATE_LABEL_VI[DossierState.RETURNED]}"
    )
    assert history.item(3, 1).text().splitlines()[1] == "Phòng Tư pháp · Đã ký"


def test_reprint_sends_the_dossier_shown(qtbot: QtBot, counter: Counter) -> None:
    show_detail(qtbot, counter, "Trần Thị Cúc")
    button = counter.screen.detail.reprint_button
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert counter.reprinted == [counter.id_of("Trần Thị Cúc")]

    show_detail(qtbot, counter, "Nguyễn Văn Bình")
    qtbot.keyClick(counter.screen.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert counter.reprinted == [counter.id_of("Trần Thị Cúc"), counter.id_of("Nguyễn Văn Bình")]


def test_no_reprint_without_a_printer(
    qtbot: QtBot, store: Store, tasks: TaskRunner, language: InstalledTranslations
) -> None:
    ids = add_dossiers(store, DEMOS[:2])
    screen = open_screen(qtbot, store, tasks, reprint=None)
    with qtbot.waitSignal(screen.detail_shown, timeout=5000):
        screen.select_row(0)
    assert screen.detail.dossier_id in ids.values()
    assert screen.detail.reprint_button.isVisible()
    assert not screen.detail.reprint_button.isEnabled()
    screen.reprint_current()  # Ctrl+P: nothing to call, nothing raised


def test_provisional_dossiers_are_marked(
    qtbot: QtBot, store: Store, tasks: TaskRunner, language: InstalledTranslations
) -> None:
    accepted = DemoDossier(
        "999.00.00.H26-260304-0101",
        "Vũ Thị Lan",
        received_at=office(4, 9),
        due_at=office(9, 9),
        central_received_at=office(4, 9, 1),
    )
    ids = add_dossiers(store, [DEMOS[0], accepted])
    with store.session() as session:
        SettingsRepository(session).set("sync.central_url", "https://central.example.org")
    screen = open_screen(qtbot, store, tasks, reprint=None)
    model = screen.model
    flags = {
        model.index(row, 0).data(Role.DOSSIER_ID): model.index(row, 0).data(Role.PROVISIONAL)
        for row in range(model.rowCount())
    }
    assert flags == {ids[DEMOS[0].code]: True, ids[accepted.code]: False}
    provisional_row = model.row_of(ids[DEMOS[0].code])
    assert provisional_row is not None
    state_cell = model.index(provisional_row, Column.STATE).data()
    assert state_cell != STATE_LABEL_VI[DossierState.RECEIVED]  # the label says provisional
    assert STATE_LABEL_VI[DossierState.RECEIVED] in state_cell
    with qtbot.waitSignal(screen.detail_shown, timeout=5000):
        screen.select_row(provisional_row)
    assert screen.detail.provisional_label.isVisible()
    with qtbot.waitSignal(screen.detail_shown, timeout=5000):
        screen.select_row(model.row_of(ids[accepted.code]) or 0)
    assert not screen.detail.provisional_label.isVisible()


def test_keyboard_only(qtbot: QtBot, counter: Counter) -> None:
    screen = counter.screen
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is screen.search_edit

    with qtbot.waitSignal(screen.results_shown, timeout=5000):
        type_text(screen.search_edit, "nguyen")
    with qtbot.waitSignal(screen.detail_shown, timeout=5000) as first:
        qtbot.keyClick(screen.search_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is screen.table
    assert first.args == [screen.model.index(0, 0).data(Role.DOSSIER_ID)]

    with qtbot.waitSignal(screen.detail_shown, timeout=5000) as second:
        qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    assert second.args == [screen.model.index(1, 0).data(Role.DOSSIER_ID)]

    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is screen.detail
    qtbot.keyClick(screen.detail, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is screen.table
    qtbot.keyClick(screen.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert counter.reprinted == [second.args[0]]


def test_refresh_shows_a_new_dossier_and_keeps_the_selection(
    qtbot: QtBot, store: Store, counter: Counter
) -> None:
    show_detail(qtbot, counter, "Trần Thị Cúc")
    new = DemoDossier("999.00.00.H26-260304-0009", "Bùi Văn Khoa", office(4, 9, 58), office(5, 9))
    new_id = add_dossiers(store, [new])[new.code]
    with qtbot.waitSignal(counter.screen.detail_shown, timeout=5000):
        counter.screen.refresh()
    assert counter.names()[0] == "Bùi Văn Khoa"
    assert counter.screen.model.index(0, 0).data(Role.DOSSIER_ID) == new_id
    current = counter.screen.table.currentIndex()
    assert current.data(Role.DOSSIER_ID) == counter.id_of("Trần Thị Cúc")
    assert counter.screen.detail.dossier_id == counter.id_of("Trần Thị Cúc")


def test_rows_load_as_the_clerk_scrolls(
    qtbot: QtBot, store: Store, tasks: TaskRunner, language: InstalledTranslations
) -> None:
    bulk_dossiers(store, 450, datetime(2026, 2, 1, 1, 0, tzinfo=UTC))
    screen = open_screen(qtbot, store, tasks, reprint=None)
    model = screen.model
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())
    assert "450" in screen.count_label.text()
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        screen.table.scrollToBottom()
    assert model.rowCount() == 400
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    if model.rowCount() < 450:
        with qtbot.waitSignal(model.page_loaded, timeout=5000):
            screen.table.scrollToBottom()
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())


def test_visible_rows_turn_red_as_time_passes(
    qtbot: QtBot, store: Store, tasks: TaskRunner, language: InstalledTranslations
) -> None:
    ids = add_dossiers(store, DEMOS)
    moments = [NOW]
    screen = open_screen(qtbot, store, tasks, reprint=None, clock=lambda: moments[-1])
    row = screen.model.row_of(ids[BY_NAME["Nguyễn Văn Bình"].code])
    assert row is not None
    assert screen.model.index(row, 0).data(Role.DUE_STATUS) == DueStatus.DUE_SOON
    moments.append(office(5, 10))  # Thursday 10:00, one hour past Bình's appointment
    with qtbot.waitSignal(screen.model.rows_refreshed, timeout=5000):
        screen.refresh_visible_rows()
    assert screen.model.index(row, 0).data(Role.DUE_STATUS) == DueStatus.OVERDUE


def test_down_before_the_results_come_selects_the_first(qtbot: QtBot, counter: Counter) -> None:
    screen = counter.screen
    type_text(screen.search_edit, "tran thi")
    with qtbot.waitSignal(screen.detail_shown, timeout=5000) as shown:
        qtbot.keyClick(screen.search_edit, Qt.Key.Key_Down)  # the debounce has not fired yet
    assert QApplication.focusWidget() is screen.table
    assert counter.names() == ["Trần Thị Cúc"]
    assert shown.args == [counter.id_of("Trần Thị Cúc")]


class BrokenQueries:
    """A store that cannot be read (what a failing disk looks like from the screen)."""

    def _fail(self, *_args: object) -> NoReturn:
        raise StoreError("disk I/O error", "Không đọc được cơ sở dữ liệu: lỗi ổ đĩa")

    page = count = summaries = detail = _fail


def test_a_store_error_is_shown_in_vietnamese(
    qtbot: QtBot, tasks: TaskRunner, language: InstalledTranslations
) -> None:
    screen = DossiersScreen(BrokenQueries(), tasks, None, lambda: NOW)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.results_shown, timeout=5000):
        screen.refresh()
    assert "Không đọc được cơ sở dữ liệu: lỗi ổ đĩa" in screen.count_label.text()
    assert screen.model.rowCount() == 0
