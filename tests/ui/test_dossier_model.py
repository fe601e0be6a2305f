"""The lazy dossier table model alone (no view): pages, stale answers, colours, narrow updates."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from app.domain.lifecycle import STATE_LABEL_VI, DossierState
from app.store.database import Store
from app.store.errors import StoreError
from app.ui.dossier_queries import StoreDossierQueries
from app.ui.models.dossier_table_model import DUE_COLOURS, Column, DossierTableModel, Role
from app.ui.services_dossiers import (
    DossierCount,
    DossierDetail,
    DossierFilter,
    DossierPage,
    DossierSummary,
    DueStatus,
    PageKey,
)
from app.ui.store_queries import StoreHolder
from app.ui.tasks import TaskRunner
from tests.dossier_seed import BY_NAME, DEMOS, NOW, add_dossiers, office

ALL = DossierFilter(now=NOW)


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    return add_dossiers(store, DEMOS)


@pytest.fixture
def queries(store: Store) -> StoreDossierQueries:
    return StoreDossierQueries(StoreHolder(store))


def load(qtbot: QtBot, model: DossierTableModel, filters: DossierFilter = ALL) -> None:
    with qtbot.waitSignals([model.page_loaded, model.count_changed], timeout=5000):
        model.set_filter(filters)


def fetch(qtbot: QtBot, model: DossierTableModel) -> None:
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.fetchMore(QModelIndex())


def row_names(model: DossierTableModel) -> list[str]:
    return [model.index(row, Column.APPLICANT).data() for row in range(model.rowCount())]


def test_qtmodeltester_while_pages_arrive(
    qtbot: QtBot, qtmodeltester: object, queries: StoreDossierQueries, tasks: TaskRunner, ids: dict
) -> None:
    model = DossierTableModel(queries, tasks, page_size=3)
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    load(qtbot, model)
    # The tester itself calls fetchMore when rows arrive, so pages may already be in flight.
    while not model.complete:
        if model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    assert model.rowCount() == len(DEMOS)


def test_rows_arrive_one_page_at_a_time(
    qtbot: QtBot, queries: StoreDossierQueries, tasks: TaskRunner, ids: dict
) -> None:
    model = DossierTableModel(queries, tasks, page_size=3)
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())  # no listing yet
    load(qtbot, model)
    assert model.rowCount() == 3
    assert model.dossier_count == DossierCount(total=len(DEMOS), truncated=False)
    assert model.canFetchMore(QModelIndex())
    assert not model.loading
    fetch(qtbot, model)
    assert model.rowCount() == 6
    fetch(qtbot, model)
    assert model.rowCount() == len(DEMOS)
    assert model.complete
    assert not model.canFetchMore(QModelIndex())
    newest_first = sorted(DEMOS, key=lambda demo: demo.received_at, reverse=True)
    assert row_names(model) == [demo.name for demo in newest_first]
    assert [model.index(row, 0).data(Role.DOSSIER_ID) for row in range(model.rowCount())] == [
        ids[demo.code] for demo in newest_first
    ]


def test_columns_show_office_times_and_vietnamese_states(
    qtbot: QtBot, queries: StoreDossierQueries, tasks: TaskRunner, ids: dict
) -> None:
    model = DossierTableModel(queries, tasks)
    load(qtbot, model)
    row = model.row_of(ids[BY_NAME["Nguyễn Văn An"].code])
    assert row is not None

    def cell(column: Column) -> str:
        return str(model.index(row, column).data())

    assert cell(Column.CODE) == "999.00.00.H26-260304-0001"
    assert cell(Column.RECEIVED) == "04/03/2026 08:30"
    assert cell(Column.APPOINTMENT) == "11/03/2026 08:30"
    assert cell(Column.STATE) == STATE_LABEL_VI[DossierState.RECEIVED]
    assert model.index(row, 0).data(Role.CODE) == "999.00.00.H26-260304-0001"
    summary = model.index(row, 0).data(Role.SUMMARY)
    assert isinstance(summary, DossierSummary) and summary.applicant_name == "Nguyễn Văn An"
    assert model.headerData(Column.CODE, Qt.Orientation.Horizontal)


def test_due_soon_and_overdue_rows_are_coloured(
    qtbot: QtBot, queries: StoreDossierQueries, tasks: TaskRunner, ids: dict
) -> None:
    model = DossierTableModel(queries, tasks)
    load(qtbot, model)

    def colours(name: str) -> set[tuple[object, object]]:
        row = model.row_of(ids[BY_NAME[name].code])
        assert row is not None
        found = set()
        for column in Column:
            index = model.index(row, column)
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            foreground = index.data(Qt.ItemDataRole.ForegroundRole)
            found.add(
                (
                    background.color().name() if background is not None else None,
                    foreground.color().name() if foreground is not None else None,
                )
            )
        return found

    amber = {tuple(colour.name() for colour in DUE_COLOURS[DueStatus.DUE_SOON])}
    red = {tuple(colour.name() for colour in DUE_COLOURS[DueStatus.OVERDUE])}
    assert amber != red
    assert colours("Nguyễn Văn Bình") == amber
    assert colours("Trần Thị Cúc") == red
    for plain in ("Nguyễn Văn An", "Phạm Thị Én", "Lê Văn Dũng", "Nguyễn Thị Phương"):
        assert colours(plain) == {(None, None)}, plain


def test_refresh_signals_only_the_rows_that_changed(
    qtbot: QtBot, queries: StoreDossierQueries, tasks: TaskRunner, ids: dict
) -> None:
    model = DossierTableModel(queries, tasks)
    load(qtbot, model)
    changes: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles=(): changes.append(
            (top.row(), bottom.row(), top.column(), bottom.column())
        )
    )
    # Thursday 10:00: Bình's 09:00 appointment has passed, Giang's Friday 09:00 is now due
    # soon; the six others look the same, and the rows in between are not signalled.
    with qtbot.waitSignal(model.rows_refreshed, timeout=5000) as refreshed:
        model.refresh_rows(model.loaded_ids(), office(5, 10))
    assert refreshed.args == [2]
    binh = model.row_of(ids[BY_NAME["Nguyễn Văn Bình"].code])
    giang = model.row_of(ids[BY_NAME["Hoàng Văn Giang"].code])
    assert binh is not None and giang is not None and abs(binh - giang) > 1
    last = len(Column) - 1
    assert changes == sorted([(binh, binh, 0, last), (giang, giang, 0, last)])
    assert model.index(binh, 0).data(Role.DUE_STATUS) == DueStatus.OVERDUE
    assert model.index(giang, 0).data(Role.DUE_STATUS) == DueStatus.DUE_SOON
    # Asking again at the same moment changes nothing and signals nothing.
    changes.clear()
    with qtbot.waitSignal(model.rows_refreshed, timeout=5000) as again:
        model.refresh_rows(model.loaded_ids(), office(5, 10))
    assert again.args == [0]
    assert changes == []


class GatedQueries:
    """The real queries, with the first page call held until the test releases it."""

    def __init__(self, inner: StoreDossierQueries) -> None:
        self.inner = inner
        self.entered = threading.Event()
        self.release = threading.Event()
        self._first = True

    def page(self, filters: DossierFilter, after: PageKey | None, limit: int) -> DossierPage:
        if self._first:
            self._first = False
            self.entered.set()
            assert self.release.wait(10), "the test never released the first page"
        return self.inner.page(filters, after, limit)

    def count(self, filters: DossierFilter) -> DossierCount:
        return self.inner.count(filters)

    def summaries(self, dossier_ids: Sequence[int], now: datetime) -> Sequence[DossierSummary]:
        return self.inner.summaries(dossier_ids, now)

    def detail(self, dossier_id: int, now: datetime) -> DossierDetail | None:
        return self.inner.detail(dossier_id, now)


def test_a_page_for_an_old_search_is_dropped(
    qtbot: QtBot, queries: StoreDossierQueries, tasks: TaskRunner, ids: dict
) -> None:
    gated = GatedQueries(queries)
    model = DossierTableModel(gated, tasks)
    loaded: list[int] = []
    model.page_loaded.connect(loaded.append)
    model.set_filter(DossierFilter(now=NOW, text="nguyen"))
    assert gated.entered.wait(5)
    # The clerk typed on while the first search was still running.
    model.set_filter(DossierFilter(now=NOW, text="tran thi cuc"))
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        gated.release.set()
    assert loaded == [1]
    assert row_names(model) == ["Trần Thị Cúc"]
    assert model.dossier_count == DossierCount(total=1)


class FailingQueries(GatedQueries):
    def page(self, filters: DossierFilter, after: PageKey | None, limit: int) -> DossierPage:
        raise StoreError("disk I/O error", "Không đọc được cơ sở dữ liệu (lỗi ổ đĩa)")


def test_a_failed_page_is_reported_in_vietnamese_and_not_retried(
    qtbot: QtBot, queries: StoreDossierQueries, tasks: TaskRunner, ids: dict
) -> None:
    model = DossierTableModel(FailingQueries(queries), tasks)
    with qtbot.waitSignal(model.load_failed, timeout=5000) as failed:
        model.set_filter(ALL)
    assert failed.args == ["Không đọc được cơ sở dữ liệu (lỗi ổ đĩa)"]
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())
