"""Dossiers screen: find any dossier as fast as the clerk types, see where it stands, reprint.

The list is newest first, so "All" starts with today's dossiers; "Today" keeps only those.
Typing restarts a short debounce; the listing then reloads on the database thread through the
lazy :class:`DossierTableModel`, which drops answers to superseded searches. Due-soon and
overdue rows are coloured, with a legend saying what the colours mean.

Keyboard: Ctrl+F searches, Down or Enter in the search box goes to the list, arrows move in the
list (the detail follows), Enter in the list moves into the detail, Esc comes back, Ctrl+P
reprints the receipt of the dossier shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import to_office_time
from app.domain.lifecycle import OPEN_STATES, STATE_LABEL_VI, DossierState
from app.ui.models.dossier_table_model import (
    DUE_COLOURS,
    Column,
    DossierTableModel,
    Role,
    timeliness_labels,
)
from app.ui.screens.dossier_detail import DossierDetailPane
from app.ui.services_dossiers import (
    DossierCount,
    DossierDetail,
    DossierFilter,
    DossierQueries,
    DueFilter,
    DueStatus,
)
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.ui.dialogs.document_viewer import DigitisedDocumentsPanel

DEBOUNCE_MS = 150
DETAIL_DELAY_MS = 60
"""Holding an arrow key down loads only the dossier the clerk stops on."""
RECLASSIFY_MS = 60_000
"""How often the visible rows are judged again against the clock (due soon → overdue)."""
OPEN_STATES_KEY = "open"

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _widest(metrics: QFontMetrics, labels: Iterable[str]) -> int:
    """The column fits its longest label in the language on screen, whatever the font."""
    return max((metrics.horizontalAdvance(label) for label in labels), default=80)


class DossiersScreen(QWidget):
    """Search, filters, the lazy dossier table, and the detail pane with reprint."""

    results_shown = Signal(int)
    """The first page of a listing is displayed (its number of rows); tests wait on it."""
    detail_shown = Signal(int)
    """The detail of this dossier id is displayed."""

    def __init__(
        self,
        queries: DossierQueries,
        tasks: TaskRunner,
        reprint: Callable[[int], None] | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
        documents_panel: DigitisedDocumentsPanel | None = None,
    ) -> None:
        super().__init__(parent)
        self._queries = queries
        self._tasks = tasks
        self._reprint = reprint
        self._clock: Clock = clock or _utc_now
        self._detail_generation = 0
        self._first_page_pending = False
        self._keep_selection: int | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("dossierSearch")
        self.search_edit.setPlaceholderText(
            self.tr("Search by code, name, ID number or phone, with or without accents (Ctrl+F)")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)

        self.today_button = QPushButton(self.tr("&Today"))
        self.today_button.setObjectName("todayButton")
        self.all_button = QPushButton(self.tr("A&ll days"))
        self.all_button.setObjectName("allButton")
        self.scope_group = QButtonGroup(self)
        for button in (self.all_button, self.today_button):
            button.setCheckable(True)
            self.scope_group.addButton(button)
        self.all_button.setChecked(True)

        self.state_combo = QComboBox()
        self.state_combo.setObjectName("stateFilter")
        self.state_combo.addItem(self.tr("All states"), None)
        self.state_combo.addItem(self.tr("Open (not finished)"), OPEN_STATES_KEY)
        for state in DossierState:
            self.state_combo.addItem(STATE_LABEL_VI[state], state.value)
        self.state_combo.setToolTip(self.tr("Filter by state"))

        self.due_combo = QComboBox()
        self.due_combo.setObjectName("dueFilter")
        self.due_combo.addItem(self.tr("Any due date"), "any")
        self.due_combo.addItem(self.tr("Due soon"), "due_soon")
        self.due_combo.addItem(self.tr("Overdue"), "overdue")
        self.due_combo.setToolTip(self.tr("Filter by due date"))

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.all_button)
        filters.addWidget(self.today_button)
        filters.addWidget(self.state_combo)
        filters.addWidget(self.due_combo)

        self.count_label = QLabel(self.tr("Opening the dossiers…"))
        self.count_label.setObjectName("dossierCount")
        self.count_label.setWordWrap(True)
        legend = QHBoxLayout()
        legend.setContentsMargins(0, 0, 0, 0)
        legend.addWidget(self.count_label, 1)
        self.legend_due_soon = self._swatch(
            DueStatus.DUE_SOON,
            self.tr("Due soon"),
            self.tr("Due before the end of the next working day"),
        )
        self.legend_overdue = self._swatch(
            DueStatus.OVERDUE, self.tr("Overdue"), self.tr("Past the appointment, not finished")
        )
        legend.addWidget(self.legend_due_soon)
        legend.addWidget(self.legend_overdue)

        self.model = DossierTableModel(queries, tasks, parent=self)
        self.table = QTableView()
        self.table.setObjectName("dossierTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.PROCEDURE, QHeaderView.ResizeMode.Stretch)
        # Codes and dates whole in whatever font the desk has; the procedure takes the rest.
        metrics = self.table.fontMetrics()
        padding = 2 * metrics.averageCharWidth() + 6
        for column, width in (
            (Column.CODE, metrics.horizontalAdvance("999.00.00.H26-260311-0000") + padding),
            (Column.APPLICANT, 140),
            (Column.RECEIVED, metrics.horizontalAdvance("00/00/0000 00:00") + padding),
            (Column.APPOINTMENT, metrics.horizontalAdvance("00/00/0000 00:00") + padding),
            (Column.STATE, _widest(metrics, STATE_LABEL_VI.values()) + padding),
            (Column.TIMELINESS, _widest(metrics, timeliness_labels()) + padding),
        ):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.activated.connect(lambda _index: self.focus_detail())

        self.detail = DossierDetailPane(
            can_reprint=reprint is not None, documents_panel=documents_panel
        )
        self.detail.reprint_requested.connect(self._reprint_requested)
        self.detail.installEventFilter(self)

        table_side = QWidget()
        table_layout = QVBoxLayout(table_side)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(filters)
        table_layout.addLayout(legend)
        table_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(table_side)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([1000, 350])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(self._debounce.start)
        self.scope_group.buttonClicked.connect(lambda _button: self.reload())
        self.state_combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.due_combo.currentIndexChanged.connect(lambda _index: self.reload())

        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._load_current_detail)

        self._reclassify = QTimer(self)
        self._reclassify.setInterval(RECLASSIFY_MS)
        self._reclassify.timeout.connect(self.refresh_visible_rows)

        self.model.page_loaded.connect(self._page_loaded)
        self.model.count_changed.connect(self._count_changed)
        self.model.load_failed.connect(self._load_failed)

        for sequence, slot in (
            (QKeySequence(QKeySequence.StandardKey.Find), self.focus_search),
            (QKeySequence("Ctrl+P"), self.reprint_current),
        ):
            shortcut = QShortcut(sequence, self)
            # Window-wide while this screen is the visible page: hidden pages get no shortcuts.
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self.setFocusProxy(self.search_edit)

    # --- public slots -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list (once the store is open, after a dossier was saved, after a sync),
        keeping the selected dossier selected if it is still listed."""
        self.reload()

    def reload(self) -> None:
        """Run the listing for the current search and filters, judged at the clock's now;
        the dossier shown in the detail stays selected if the new listing has it."""
        self._debounce.stop()
        if self._tasks.closed:
            return
        self._keep_selection = self.detail.dossier_id
        self._first_page_pending = True
        self.count_label.setText(self.tr("Searching…"))
        self.model.set_filter(self.current_filter())
        if not self._reclassify.isActive():
            self._reclassify.start()

    def current_filter(self) -> DossierFilter:
        now = self._clock()
        state_key = self.state_combo.currentData()
        if state_key == OPEN_STATES_KEY:
            states = frozenset(state.value for state in OPEN_STATES)
        elif state_key:
            states = frozenset({str(state_key)})
        else:
            states = frozenset()
        due: DueFilter = self.due_combo.currentData() or "any"
        received_on = to_office_time(now).date() if self.today_button.isChecked() else None
        return DossierFilter(
            now=now,
            text=self.search_edit.text(),
            states=states,
            received_on=received_on,
            due=due,
        )

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.select_row(0)

    def focus_detail(self) -> None:
        if self.detail.dossier_id is not None or self._detail_timer.isActive():
            self.detail.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def reprint_current(self) -> None:
        dossier_id = self.detail.dossier_id
        if dossier_id is not None and self._reprint is not None:
            self._reprint(dossier_id)

    def refresh_visible_rows(self) -> None:
        """Judge the visible rows again at the clock's now (rows turn due soon, then red)."""
        if self.model.rowCount() == 0 or self._tasks.closed or not self.isVisible():
            return
        viewport = self.table.viewport()
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(viewport.height() - 1)
        if last < 0:
            last = self.model.rowCount() - 1
        ids = [
            summary.id
            for row in range(first, last + 1)
            if (summary := self.model.summary(row)) is not None
        ]
        self.model.refresh_rows(ids, self._clock())

    # --- Qt overrides -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search_edit and key in (
                Qt.Key.Key_Down,
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
                Qt.Key.Key_PageDown,
            ):
                if self._debounce.isActive():
                    self.reload()
                self.focus_table()
                return True
            if watched is self.detail and key == Qt.Key.Key_Escape:
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    # --- listing ----------------------------------------------------------------------------

    def _swatch(self, status: DueStatus, text: str, tooltip: str) -> QLabel:
        background, foreground = DUE_COLOURS[status]
        label = QLabel(text)
        label.setObjectName(f"legend_{status.value}")
        label.setToolTip(tooltip)
        label.setStyleSheet(
            f"QLabel {{ background: {background.name()}; color: {foreground.name()};"
            " padding: 2px 8px; border-radius: 3px; }"
        )
        return label

    def _page_loaded(self, rows: int) -> None:
        if not self._first_page_pending:
            return
        self._first_page_pending = False
        self._show_count()
        keep = self._keep_selection
        self._keep_selection = None
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.select_row(row)
        elif self.table.hasFocus() and self.model.rowCount() > 0:
            self.select_row(0)  # the clerk pressed Down before the results came
        elif self.detail.dossier_id is not None or self._detail_timer.isActive():
            self._detail_timer.stop()
            self._detail_generation += 1
            self.detail.show_nothing()
        self.results_shown.emit(self.model.rowCount())

    def _count_changed(self, _count: DossierCount) -> None:
        if not self._first_page_pending:
            self._show_count()

    def _show_count(self) -> None:
        count = self.model.dossier_count
        text = self.search_edit.text().strip()
        if count is None:
            self.count_label.setText(self.tr("%n dossier(s) shown", "", self.model.rowCount()))
        elif count.truncated:
            self.count_label.setText(
                self.tr(
                    "More than %1 dossiers match “%2”: the most recent are shown. "
                    "Type more to narrow the search."
                )
                .replace("%1", f"{count.total:,}".replace(",", "."))
                .replace("%2", text)
            )
        elif count.total == 0 and text:
            self.count_label.setText(self.tr("No dossier matches “%1”.").replace("%1", text))
        elif count.total == 0:
            self.count_label.setText(self.tr("No dossier matches these filters."))
        else:
            self.count_label.setText(self.tr("%n dossier(s)", "", count.total))

    def _load_failed(self, message: str) -> None:
        self._first_page_pending = False
        self.count_label.setText(
            self.tr("The dossiers could not be read: %1").replace("%1", message)
        )
        self.results_shown.emit(self.model.rowCount())

    # --- detail -----------------------------------------------------------------------------

    def _current_row_changed(self, current: object, _previous: object) -> None:
        summary = self.model.summary(self.table.currentIndex().row())
        if summary is None:
            return
        if summary.id != self.detail.dossier_id:
            self.detail.show_loading(summary.code)
        self._detail_timer.start()

    def _load_current_detail(self) -> None:
        index = self.table.currentIndex()
        dossier_id = index.data(Role.DOSSIER_ID) if index.isValid() else None
        if dossier_id is not None:
            self._load_detail(int(dossier_id))

    def _load_detail(self, dossier_id: int) -> None:
        if self._tasks.closed:
            return
        self._detail_generation += 1
        generation = self._detail_generation
        queries = self._queries
        now = self._clock()
        self._tasks.run_db(
            lambda: queries.detail(dossier_id, now),
            on_done=lambda detail: self._detail_done(generation, dossier_id, detail),
            on_error=lambda error: self._detail_failed(generation, error),
        )

    def _detail_done(self, generation: int, dossier_id: int, detail: DossierDetail | None) -> None:
        if generation != self._detail_generation:
            return
        if detail is None:
            self.detail.show_nothing(self.tr("This dossier no longer exists."))
            return
        self.detail.show_detail(detail)
        self.detail_shown.emit(dossier_id)

    def _detail_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._detail_generation:
            return
        message = getattr(error, "message_vi", None) or str(error)
        self.detail.show_nothing(
            self.tr("The dossier could not be read: %1").replace("%1", message)
        )

    def _reprint_requested(self, dossier_id: int) -> None:
        if self._reprint is not None:
            self._reprint(dossier_id)
