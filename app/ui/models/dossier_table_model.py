"""Lazy table model of the dossier list: pages of rows fetched on the database thread.

A counter's store grows to hundreds of thousands of dossiers, so the model never holds a
listing whole: it asks for one page (newest first) when the view scrolls near the end
(``canFetchMore``/``fetchMore``), on the database thread through :class:`TaskRunner`, and
inserts the rows when the answer comes back on the GUI thread. It never queries on the GUI
thread.

Every listing carries a generation number. Changing the filter resets the model at once and
starts a new generation; a page or a count still in flight for an older generation is dropped
when it lands, so a slow answer to "ng" can never append rows to the list for "nguyen".

Rows that are due soon or overdue are coloured (background and text) across the whole row,
the same colours the screen's legend shows. :meth:`DossierTableModel.refresh_rows` re-reads
some rows (the visible ones, as time passes, or one a sync changed) and signals only the rows
whose values actually changed.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.domain.clock import to_office_time
from app.domain.lifecycle import STATE_LABEL_VI, DossierState, Timeliness
from app.ui.services_dossiers import (
    DossierCount,
    DossierFilter,
    DossierPage,
    DossierQueries,
    DossierSummary,
    DueStatus,
    PageKey,
)
from app.ui.tasks import TaskRunner

ModelIndex = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200


class Column(enum.IntEnum):
    CODE = 0
    APPLICANT = 1
    PROCEDURE = 2
    RECEIVED = 3
    APPOINTMENT = 4
    STATE = 5
    TIMELINESS = 6


class Role(enum.IntEnum):
    """Custom roles, so views and tests ask for meaning rather than column positions."""

    DOSSIER_ID = Qt.ItemDataRole.UserRole + 1
    SUMMARY = Qt.ItemDataRole.UserRole + 2
    """The whole :class:`DossierSummary`."""
    CODE = Qt.ItemDataRole.UserRole + 3
    DUE_STATUS = Qt.ItemDataRole.UserRole + 4
    """The :class:`DueStatus` value (Qt hands it back as a plain ``str``)."""
    PROVISIONAL = Qt.ItemDataRole.UserRole + 5


DUE_COLOURS: dict[DueStatus, tuple[QColor, QColor]] = {
    DueStatus.DUE_SOON: (QColor("#ffe08a"), QColor("#4d3800")),
    DueStatus.OVERDUE: (QColor("#f4b6b6"), QColor("#6b0000")),
}
"""(background, text) of coloured rows; dark text on light fills keeps a 7:1 contrast."""


def column_title(column: Column) -> str:
    titles = {
        Column.CODE: QCoreApplication.translate("DossierTableModel", "Dossier code"),
        Column.APPLICANT: QCoreApplication.translate("DossierTableModel", "Applicant"),
        Column.PROCEDURE: QCoreApplication.translate("DossierTableModel", "Procedure"),
        Column.RECEIVED: QCoreApplication.translate("DossierTableModel", "Received"),
        Column.APPOINTMENT: QCoreApplication.translate("DossierTableModel", "Appointment"),
        Column.STATE: QCoreApplication.translate("DossierTableModel", "State"),
        Column.TIMELINESS: QCoreApplication.translate("DossierTableModel", "Timeliness"),
    }
    return titles[column]


def office_text(moment: datetime | None) -> str:
    """dd/mm/yyyy HH:MM in office time (UTC+7), whatever the PC's time zone."""
    return "" if moment is None else to_office_time(moment).strftime("%d/%m/%Y %H:%M")


def state_text(state: str) -> str:
    """The lifecycle's Vietnamese label (the stored value itself for an unknown state)."""
    try:
        return STATE_LABEL_VI[DossierState(state)]
    except ValueError:
        return state


def due_status_text(status: DueStatus) -> str:
    texts = {
        DueStatus.WITHIN_TIME: QCoreApplication.translate("DossierTableModel", "Within time"),
        DueStatus.DUE_SOON: QCoreApplication.translate("DossierTableModel", "Due soon"),
        DueStatus.OVERDUE: QCoreApplication.translate("DossierTableModel", "Overdue"),
        DueStatus.PAUSED: QCoreApplication.translate(
            "DossierTableModel", "Clock paused (supplement)"
        ),
    }
    return texts.get(status, "")


def timeliness_text(status: DueStatus, timeliness: Timeliness | None) -> str:
    """What the timeliness column says: the running clock, or how the result came."""
    if status is not DueStatus.NONE:
        return due_status_text(status)
    texts = {
        Timeliness.EARLY: QCoreApplication.translate("DossierTableModel", "Early"),
        Timeliness.ON_TIME: QCoreApplication.translate("DossierTableModel", "On time"),
        Timeliness.LATE: QCoreApplication.translate("DossierTableModel", "Late"),
    }
    return texts.get(timeliness, "") if timeliness is not None else ""


def timeliness_labels() -> list[str]:
    """Every text the timeliness column can show (the screen sizes the column to fit)."""
    running = [due_status_text(status) for status in DueStatus]
    finished = [timeliness_text(DueStatus.NONE, timeliness) for timeliness in Timeliness]
    return [text for text in running + finished if text]


class DossierTableModel(QAbstractTableModel):
    """Read-only, lazily paged dossier rows for one :class:`DossierFilter` at a time."""

    page_loaded = Signal(int)
    """A page of the current listing landed (its number of rows, possibly 0)."""
    count_changed = Signal(object)
    """The current listing's :class:`DossierCount` is known."""
    load_failed = Signal(str)
    """A page or the count could not be read; the listing stops fetching until reset."""
    rows_refreshed = Signal(int)
    """:meth:`refresh_rows` finished; the number of rows whose values changed."""

    def __init__(
        self,
        queries: DossierQueries,
        tasks: TaskRunner,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._queries = queries
        self._tasks = tasks
        self._page_size = page_size
        self._filter: DossierFilter | None = None
        self._rows: list[DossierSummary] = []
        self._row_of: dict[int, int] = {}
        self._generation = 0
        self._next_key: PageKey | None = None
        self._loading = False
        self._complete = True
        self._failed = False
        self._count: DossierCount | None = None

    # --- listing control --------------------------------------------------------------------

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def current_filter(self) -> DossierFilter | None:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def complete(self) -> bool:
        """Every row of the listing is loaded."""
        return self._complete

    @property
    def dossier_count(self) -> DossierCount | None:
        return self._count

    def set_filter(self, filters: DossierFilter) -> None:
        """Show the listing for ``filters``: reset now, load its first page and its count."""
        self.beginResetModel()
        self._generation += 1
        self._filter = filters
        self._rows = []
        self._row_of = {}
        self._next_key = None
        self._loading = False
        self._complete = False
        self._failed = False
        self._count = None
        self.endResetModel()
        self._request_count()
        self._request_page()

    def clear(self) -> None:
        """Show nothing and drop whatever is in flight."""
        self.beginResetModel()
        self._generation += 1
        self._filter = None
        self._rows = []
        self._row_of = {}
        self._next_key = None
        self._loading = False
        self._complete = True
        self._count = None
        self.endResetModel()

    def summary(self, row: int) -> DossierSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, dossier_id: int) -> int | None:
        return self._row_of.get(dossier_id)

    def loaded_ids(self) -> list[int]:
        return [summary.id for summary in self._rows]

    # --- lazy loading -----------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._filter is None:
            return False
        return not (self._complete or self._loading or self._failed)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request_page()

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], generation: int) -> None:
        if self._tasks.closed:
            return
        self._tasks.run_db(
            work,
            on_done=lambda result: done(result) if generation == self._generation else None,
            on_error=lambda error: self._failed_with(generation, error),
        )

    def _request_page(self) -> None:
        filters = self._filter
        if filters is None or self._loading or self._complete or self._failed:
            return
        self._loading = True
        after = self._next_key
        limit = self._page_size
        queries = self._queries
        self._run(lambda: queries.page(filters, after, limit), self._page_done, self._generation)

    def _request_count(self) -> None:
        filters = self._filter
        if filters is None:
            return
        queries = self._queries
        self._run(lambda: queries.count(filters), self._count_done, self._generation)

    def _page_done(self, page: DossierPage) -> None:
        self._loading = False
        rows = [summary for summary in page.rows if summary.id not in self._row_of]
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            for offset, summary in enumerate(rows):
                self._row_of[summary.id] = first + offset
            self._rows.extend(rows)
            self.endInsertRows()
        self._complete = page.complete or not page.rows
        self._next_key = None if self._complete else page.rows[-1].page_key
        self.page_loaded.emit(len(rows))

    def _count_done(self, count: DossierCount) -> None:
        self._count = count
        self.count_changed.emit(count)

    def _failed_with(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if self._failed:
            return  # the page and the count failed alike: say it once
        self._failed = True
        message = getattr(error, "message_vi", None) or str(error) or type(error).__name__
        self.load_failed.emit(message)

    # --- narrow updates ---------------------------------------------------------------------

    def refresh_rows(self, dossier_ids: Sequence[int], now: datetime) -> None:
        """Re-read these loaded rows (judged at ``now``) and signal only those that changed."""
        wanted = [dossier_id for dossier_id in dossier_ids if dossier_id in self._row_of]
        if not wanted:
            self.rows_refreshed.emit(0)
            return
        queries = self._queries
        self._run(lambda: list(queries.summaries(wanted, now)), self._rows_reread, self._generation)

    def _rows_reread(self, summaries: list[DossierSummary]) -> None:
        changed: list[int] = []
        for summary in summaries:
            row = self._row_of.get(summary.id)
            if row is None or self._rows[row] == summary:
                continue
            self._rows[row] = summary
            changed.append(row)
        changed.sort()
        last_column = len(Column) - 1
        start = 0
        while start < len(changed):
            end = start
            while end + 1 < len(changed) and changed[end + 1] == changed[end] + 1:
                end += 1
            self.dataChanged.emit(
                self.index(changed[start], 0), self.index(changed[end], last_column)
            )
            start = end + 1
        self.rows_refreshed.emit(len(changed))

    # --- presentation -----------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            return column_title(Column(section))
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        summary = self.summary(index.row())
        if summary is None or not 0 <= index.column() < len(Column):
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            colours = DUE_COLOURS.get(summary.due_status)
            return QBrush(colours[0]) if colours else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colours = DUE_COLOURS.get(summary.due_status)
            return QBrush(colours[1]) if colours else None
        if role == Role.DOSSIER_ID:
            return summary.id
        if role == Role.SUMMARY:
            return summary
        if role == Role.CODE:
            return summary.code
        if role == Role.DUE_STATUS:
            return summary.due_status
        if role == Role.PROVISIONAL:
            return summary.provisional
        return None

    @staticmethod
    def _display(summary: DossierSummary, column: Column) -> str:
        if column == Column.CODE:
            return summary.code
        if column == Column.APPLICANT:
            return summary.applicant_name
        if column == Column.PROCEDURE:
            return summary.procedure_name
        if column == Column.RECEIVED:
            return office_text(summary.received_at)
        if column == Column.APPOINTMENT:
            return office_text(summary.due_at)
        if column == Column.STATE:
            label = state_text(summary.state)
            if summary.provisional:
                return QCoreApplication.translate("DossierTableModel", "%1 (provisional)").replace(
                    "%1", label
                )
            return label
        return timeliness_text(summary.due_status, summary.timeliness)

    @staticmethod
    def _tooltip(summary: DossierSummary, column: Column) -> str:
        if column == Column.APPLICANT:
            parts = [summary.applicant_name]
            if summary.applicant_id_number:
                parts.append(
                    QCoreApplication.translate("DossierTableModel", "ID number: %1").replace(
                        "%1", summary.applicant_id_number
                    )
                )
            if summary.applicant_phone:
                parts.append(
                    QCoreApplication.translate("DossierTableModel", "Phone: %1").replace(
                        "%1", summary.applicant_phone
                    )
                )
            return "\n".join(parts)
        if column == Column.PROCEDURE and summary.procedure_code:
            return f"{summary.procedure_code} — {summary.procedure_name}"
        if column == Column.STATE and summary.provisional:
            return QCoreApplication.translate(
                "DossierTableModel", "Not yet accepted by the central system"
            )
        return DossierTableModel._display(summary, column)
