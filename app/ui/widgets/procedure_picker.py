"""Procedure picker: type a few words or a code, Up/Down through the matches, Enter picks.

The search runs on the database thread (the catalogue's accent-insensitive full-text index),
debounced, and only the answer to the latest request is shown, so a slow early query never
overwrites a later one. The picker only reports the choice; the screen fills the checklist.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.models.catalogue_model import ProcedureRow, processing_time_text
from app.ui.tasks import TaskRunner
from app.ui.widgets.field_support import ProblemLabel, show_problem

DEBOUNCE_MS = 120
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

Search = Callable[[str], Sequence[ProcedureRow]]


class ProcedurePicker(QWidget):
    picked = Signal(object)
    """The chosen :class:`ProcedureRow`."""

    results_shown = Signal(int)
    """A search answer is on screen, with this many rows (tests wait on it)."""

    def __init__(self, search: Search, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._tasks = tasks
        self._generation = 0
        self._chosen: tuple[int, str, str] | None = None

        self.label = QLabel(self.tr("Pr&ocedure (name, code or field; Ctrl+F)"))
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("procedureSearch")
        self.search_edit.setPlaceholderText(self.tr("e.g. khai sinh, 1.001193, ho tich"))
        self.search_edit.setClearButtonEnabled(True)
        self.label.setBuddy(self.search_edit)
        self.results = QListWidget()
        self.results.setObjectName("procedureResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setUniformItemSizes(True)
        self.results.setFixedHeight(self.fontMetrics().height() * 5 + 24)
        self.results.itemDoubleClicked.connect(self._double_clicked)
        self.results.hide()  # shown while there is a search answer to pick from
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosenProcedure")
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = ProblemLabel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.search_edit)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.search_edit.textEdited.connect(lambda _text: self._debounce.start())
        self.search_edit.installEventFilter(self)
        self.show_chosen(None)

    # --- state ----------------------------------------------------------------------------

    def chosen(self) -> tuple[int, str, str] | None:
        """(version id, code, name) of the picked procedure."""
        return self._chosen

    def show_chosen(self, chosen: tuple[int, str, str] | None, detail: str = "") -> None:
        """Show a choice (from a pick or a restored draft) without searching."""
        self._chosen = chosen
        if chosen is None:
            self.chosen_label.setText(self.tr("No procedure chosen yet."))
        else:
            _version, code, name = chosen
            text = f"{code} — {name}" if code else name
            self.chosen_label.setText(f"{text}\n{detail}" if detail else text)
        self.set_problem("")

    def set_problem(self, message: str) -> None:
        show_problem(self.search_edit, self.problem, message)

    def clear(self) -> None:
        self.search_edit.clear()
        self.results.clear()
        self.results.hide()
        self.show_chosen(None)

    # --- searching ------------------------------------------------------------------------

    def search_now(self) -> None:
        self._debounce.stop()
        if self._tasks.closed:
            return
        self._generation += 1
        generation = self._generation
        text = self.search_edit.text()
        search = self._search
        self._tasks.run_db(
            lambda: list(search(text)),
            on_done=lambda rows: shiboken6.isValid(self) and self._shown(generation, rows),
            on_error=lambda error: shiboken6.isValid(self) and self._failed(generation, error),
        )

    def _shown(self, generation: int, rows: list[ProcedureRow]) -> None:
        if generation != self._generation:
            return
        self.results.clear()
        self.results.setVisible(bool(self.search_edit.text().strip()) or bool(rows))
        for row in rows:
            item = QListWidgetItem(f"{row.code or '—'}  {row.name}  ·  {row.field or ''}")
            item.setData(ROW_ROLE, row)
            item.setToolTip(row.name)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)
        else:
            self.results.addItem(self.tr("No procedure matches."))
            self.results.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self.results_shown.emit(len(rows))

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.results.clear()
        self.results.show()
        message = getattr(error, "message_vi", None) or str(error)
        self.results.addItem(
            self.tr("The catalogue could not be searched: %1").replace("%1", message)
        )
        self.results_shown.emit(0)

    # --- keys -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.search_edit or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self._move(key)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & (
            ~Qt.KeyboardModifier.KeypadModifier
        ):
            if self._debounce.isActive():
                # Enter typed before the answer came: search now, the clerk presses again.
                self.search_now()
                return True
            picked = self._pick_current()
            if picked or (self._chosen is not None and not self.search_edit.text().strip()):
                self.search_edit.focusNextPrevChild(True)
            return True
        return False

    def _move(self, key: Any) -> None:
        count = self.results.count()
        if not count:
            return
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5}.get(key, -5)
        row = min(max(self.results.currentRow() + step, 0), count - 1)
        self.results.setCurrentRow(row)

    def _pick_current(self) -> bool:
        item = self.results.currentItem()
        row = item.data(ROW_ROLE) if item is not None else None
        if row is None:
            return False
        self._pick(row)
        return True

    def _double_clicked(self, item: QListWidgetItem) -> None:
        row = item.data(ROW_ROLE)
        if row is not None:
            self._pick(row)

    def _pick(self, row: ProcedureRow) -> None:
        detail = (
            self.tr("Processing time: %1 · Fee: %2")
            .replace("%1", processing_time_text(row.processing_unit, row.processing_value))
            .replace("%2", row.fee_text or self.tr("none stated"))
        )
        self.show_chosen((int(row.version_id), row.code or "", row.name), detail)
        self.search_edit.clear()
        self.results.clear()
        self.results.hide()
        self.picked.emit(row)
