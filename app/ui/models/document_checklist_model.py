"""Table model of the dossier's document checklist: what was handed over, in what form.

Rows are the domain's :class:`DocumentLine` values, replaced (never mutated) on each edit, so
the draft built from the model is always a consistent snapshot. The model holds no rule of
its own: which missing documents block saving is decided by ``app.domain.reception``.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import replace
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

from app.domain.reception import DocumentForm, DocumentLine

ModelIndex = QModelIndex | QPersistentModelIndex

MAX_COPIES = 99
MISSING_COLOUR = "#b3261e"
"""The "Mandatory" marker of a mandatory document not (yet) received."""


class Column(enum.IntEnum):
    RECEIVED = 0
    NAME = 1
    FORM = 2
    COPIES = 3
    MANDATORY = 4


class Role(enum.IntEnum):
    LINE = Qt.ItemDataRole.UserRole + 1
    """The whole :class:`DocumentLine`."""
    FORM = Qt.ItemDataRole.UserRole + 2
    """The :class:`DocumentForm` value string (the display role holds its translated label)."""


def form_label(form: DocumentForm) -> str:
    labels = {
        DocumentForm.ORIGINAL: QCoreApplication.translate("DocumentChecklist", "Original"),
        DocumentForm.CERTIFIED_COPY: QCoreApplication.translate(
            "DocumentChecklist", "Certified copy"
        ),
        DocumentForm.COPY: QCoreApplication.translate("DocumentChecklist", "Copy"),
        DocumentForm.PRESENT: QCoreApplication.translate("DocumentChecklist", "Shown, handed back"),
    }
    return labels[form]


def _title(column: Column) -> str:
    titles = {
        Column.RECEIVED: QCoreApplication.translate("DocumentChecklist", "Received"),
        Column.NAME: QCoreApplication.translate("DocumentChecklist", "Document"),
        Column.FORM: QCoreApplication.translate("DocumentChecklist", "Form"),
        Column.COPIES: QCoreApplication.translate("DocumentChecklist", "Copies"),
        Column.MANDATORY: QCoreApplication.translate("DocumentChecklist", "Mandatory"),
    }
    return titles[column]


class DocumentChecklistModel(QAbstractTableModel):
    """Editable checklist; :attr:`lines_changed` fires after every change the clerk makes."""

    lines_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[DocumentLine] = []

    # --- whole-list access ----------------------------------------------------------------

    def set_lines(self, lines: Sequence[DocumentLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()
        self.lines_changed.emit()

    def lines(self) -> tuple[DocumentLine, ...]:
        return tuple(self._lines)

    def line(self, row: int) -> DocumentLine:
        return self._lines[row]

    def toggle_received(self, row: int) -> None:
        if 0 <= row < len(self._lines):
            self._replace(row, received=not self._lines[row].received)

    def set_all_received(self, received: bool = True) -> None:
        if not self._lines:
            return
        self._lines = [replace(line, received=received) for line in self._lines]
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, len(Column) - 1))
        self.lines_changed.emit()

    def add_line(self, name: str) -> int:
        """A document the catalogue does not list (the clerk names it); returns its row."""
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(DocumentLine(name=name, received=True, mandatory=False))
        self.endInsertRows()
        self.lines_changed.emit()
        return row

    # --- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            return _title(Column(section))
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._lines):
            return str(section + 1)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        column = Column(index.column())
        if column == Column.RECEIVED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif column in (Column.FORM, Column.COPIES):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        line = self._lines[index.row()]
        column = Column(index.column())
        if role == Role.LINE:
            return line
        if role == Role.FORM:
            return line.form.value
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.RECEIVED:
            return Qt.CheckState.Checked if line.received else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == Column.FORM:
                return line.form.value
            if column == Column.COPIES:
                return line.copies
            return self._display(line, column)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == Column.MANDATORY
            and line.mandatory
            and not line.received
        ):
            return QBrush(QColor(MISSING_COLOUR))
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.NAME:
            advice = "\n".join(text for text in (line.guidance, line.note) if text)
            return f"{line.name}\n{advice}" if advice else line.name
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.COPIES,
            Column.MANDATORY,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index):
            return False
        row, column = index.row(), Column(index.column())
        if column == Column.RECEIVED and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
            self._replace(row, received=checked)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        if column == Column.FORM:
            try:
                form = DocumentForm(value)
            except ValueError:
                return False
            self._replace(row, form=form)
            return True
        if column == Column.COPIES:
            try:
                copies = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= copies <= MAX_COPIES:
                return False
            self._replace(row, copies=copies)
            return True
        return False

    # --- internals ------------------------------------------------------------------------

    def _valid(self, index: ModelIndex) -> bool:
        return (
            index.isValid()
            and not index.parent().isValid()
            and 0 <= index.row() < len(self._lines)
            and 0 <= index.column() < len(Column)
        )

    def _replace(self, row: int, **changes: Any) -> None:
        updated = replace(self._lines[row], **changes)
        if updated == self._lines[row]:
            return
        self._lines[row] = updated
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        self.lines_changed.emit()

    @staticmethod
    def _display(line: DocumentLine, column: Column) -> str | None:
        if column == Column.RECEIVED:
            return None
        if column == Column.NAME:
            return line.name
        if column == Column.FORM:
            return form_label(line.form)
        if column == Column.COPIES:
            return str(line.copies)
        if line.mandatory:
            return QCoreApplication.translate("DocumentChecklist", "Mandatory")
        return QCoreApplication.translate("DocumentChecklist", "If applicable")
