"""Catalogue screen: find a procedure as fast as the clerk types.

Each keystroke restarts a short debounce timer; when it fires, the search runs on the
database thread. Every request carries a generation number and only the answer to the latest
request is shown, so a slow early query can never overwrite the results of a later one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.models.catalogue_model import (
    CatalogueModel,
    Column,
    ProcedureRow,
    Role,
    processing_time_text,
)
from app.ui.services import CatalogueQueries, RequiredDocument
from app.ui.tasks import TaskRunner

DEBOUNCE_MS = 150


class ProcedureDetail(QWidget):
    """The selected procedure's facts and required documents."""

    documents_loaded = Signal()
    """Emitted once the document list (or its error) is displayed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.facts_label = QLabel()
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.documents_heading = QLabel(self.tr("Required documents"))
        heading_font = self.documents_heading.font()
        heading_font.setBold(True)
        self.documents_heading.setFont(heading_font)
        self.documents_list = QListWidget()
        self.documents_list.setWordWrap(True)
        self.documents_list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.documents_heading)
        layout.addWidget(self.documents_list, 1)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.title_label.setText(self.tr("Select a procedure to see its required documents."))
        self.facts_label.clear()
        self.documents_list.clear()
        self.documents_heading.hide()

    def show_procedure(self, row: ProcedureRow) -> None:
        self.title_label.setText(f"{row.code} — {row.name}")
        lines = [
            self.tr("Processing time: %1").replace(
                "%1", processing_time_text(row.processing_unit, row.processing_value)
            ),
            self.tr("Fee: %1").replace("%1", row.fee_text or self.tr("none stated")),
            self.tr("Deciding agency: %1").replace(
                "%1", row.deciding_agency or self.tr("not stated")
            ),
        ]
        self.facts_label.setText("\n".join(lines))
        self.documents_list.clear()
        self.documents_heading.show()
        self.documents_list.addItem(self.tr("Loading…"))

    def show_documents(self, documents: Sequence[RequiredDocument]) -> None:
        self.documents_list.clear()
        if not documents:
            self.documents_list.addItem(
                self.tr("The catalogue lists no documents for this procedure.")
            )
            return
        for number, document in enumerate(documents, start=1):
            details = [self._form_text(document.form, document.copies)]
            if not document.mandatory:
                details.append(self.tr("if applicable"))
            if document.note:
                details.append(document.note)
            self.documents_list.addItem(f"{number}. {document.name} — {'; '.join(details)}")
        self.documents_loaded.emit()

    def _form_text(self, form: str, copies: int) -> str:
        """How the document is handed in, as the receipt's "form" column words it."""
        if form == "present":
            return self.tr("shown, not kept")
        if form == "certified_copy":
            return self.tr("%n certified copy(ies)", "", copies)
        if form == "copy":
            return self.tr("%n copy(ies)", "", copies)
        return self.tr("%n original(s)", "", copies)

    def show_error(self, message: str) -> None:
        self.documents_list.clear()
        self.documents_list.addItem(message)
        self.documents_loaded.emit()


class CatalogueScreen(QWidget):
    """Search box, results table and detail pane over the local catalogue."""

    results_shown = Signal(int)
    """Emitted with the number of rows after each search result is displayed (tests wait on it)."""

    def __init__(
        self, queries: CatalogueQueries, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._queries = queries
        self._tasks = tasks
        self._generation = 0
        self._detail_generation = 0

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("Search by name, code or field, with or without accents (Ctrl+F)")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setObjectName("catalogueSearch")

        self.count_label = QLabel()
        self.count_label.setObjectName("catalogueCount")
        self.count_label.setText(self.tr("Opening the catalogue…"))

        self.model = CatalogueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(Column.CODE, 80)
        header.resizeSection(Column.FIELD, 100)
        header.resizeSection(Column.PROCESSING, 150)
        header.resizeSection(Column.FEE, 120)
        header.resizeSection(Column.AGENCY, 150)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = ProcedureDetail()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        table_side = QWidget()
        table_layout = QVBoxLayout(table_side)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.search_edit)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.count_label)
        splitter.addWidget(table_side)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 360])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._run_search)
        self.search_edit.textChanged.connect(self._debounce.start)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        # Window-wide while this screen is the visible page: hidden widgets never get shortcuts.
        find.setContext(Qt.ShortcutContext.WindowShortcut)
        find.activated.connect(self.focus_search)
        self.setFocusProxy(self.search_edit)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def refresh(self) -> None:
        """Run the current search now (used when the screen is first shown)."""
        self._debounce.stop()
        self._run_search()

    def _run_search(self) -> None:
        if self._tasks.closed:
            return
        self._generation += 1
        generation = self._generation
        text = self.search_edit.text()
        queries = self._queries
        self._tasks.run_db(
            lambda: list(queries.search(text)),
            on_done=lambda rows: self._search_done(generation, rows),
            on_error=lambda error: self._search_failed(generation, error),
        )

    def _search_done(self, generation: int, rows: list[ProcedureRow]) -> None:
        if generation != self._generation:
            return
        self.model.set_rows(rows)
        self.detail.show_nothing()
        if rows:
            self.count_label.setText(self.tr("%n procedure(s) found", "", len(rows)))
        else:
            self.count_label.setText(
                self.tr("No procedure matches “%1”.").replace("%1", self.search_edit.text())
            )
        self.results_shown.emit(len(rows))

    def _search_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.model.set_rows([])
        self.count_label.setText(
            self.tr("The catalogue could not be searched: %1").replace("%1", str(error))
        )
        self.results_shown.emit(0)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        self._show_detail(indexes[0])

    def _show_detail(self, index: QModelIndex) -> None:
        row = index.data(Role.PROCEDURE)
        if row is None:
            return
        self.detail.show_procedure(row)
        self._detail_generation += 1
        generation = self._detail_generation
        version_id: Any = row.version_id
        queries = self._queries
        self._tasks.run_db(
            lambda: list(queries.documents(version_id)),
            on_done=lambda docs: self._documents_done(generation, docs),
            on_error=lambda error: self._documents_failed(generation, error),
        )

    def _documents_done(self, generation: int, documents: list[RequiredDocument]) -> None:
        if generation == self._detail_generation:
            self.detail.show_documents(documents)

    def _documents_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._detail_generation:
            self.detail.show_error(
                self.tr("The documents could not be loaded: %1").replace("%1", str(error))
            )
