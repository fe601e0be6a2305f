"""The checklist of documents handed over, and the reason to accept an incomplete dossier.

Keyboard: Up/Down choose a document, Space ticks or unticks "received", F2 edits the form or
the number of copies of the current cell, Enter goes on to the next field. The reason field
is enabled only while a mandatory document is unticked: that is when the domain rules need it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.reception import DocumentForm, DocumentLine, ReceptionDraft, missing_mandatory
from app.ui.models.document_checklist_model import (
    MAX_COPIES,
    Column,
    DocumentChecklistModel,
    form_label,
)
from app.ui.widgets.field_support import ProblemLabel, show_problem

ModelIndex = QModelIndex | QPersistentModelIndex


class _ChecklistDelegate(QStyledItemDelegate):
    """A list of forms and a 1-99 spin box, instead of free text."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        if index.column() == Column.FORM:
            combo = QComboBox(parent)
            for form in DocumentForm:
                combo.addItem(form_label(form), form.value)
            return combo
        if index.column() == Column.COPIES:
            spin = QSpinBox(parent)
            spin.setRange(1, MAX_COPIES)
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 1))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value())
        else:
            super().setModelData(editor, model, index)


class ChecklistTable(QTableView):
    """Space toggles the current row's "received", whatever column the cursor is in."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() == Qt.Key.Key_Space
            and self.state() != QAbstractItemView.State.EditingState
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            model = self.model()
            row = self.currentIndex().row()
            if isinstance(model, DocumentChecklistModel) and row >= 0:
                model.toggle_received(row)
                return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            self.state() != QAbstractItemView.State.EditingState
        ):
            self.focusNextPrevChild(True)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Arriving by Tab, the cursor is on a document at once (Space works right away)."""
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.model() and self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, Column.NAME))


class ChecklistPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentChecklistModel(self)
        self.label = QLabel(self.tr("Doc&uments received (Space ticks, F2 edits)"))
        self.table = ChecklistTable()
        self.table.setObjectName("checklist")
        self.table.setModel(self.model)
        self.table.setItemDelegate(_ChecklistDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        self.label.setBuddy(self.table)
        self.all_button = QPushButton(self.tr("Tic&k all"))
        self.all_button.setAutoDefault(False)
        self.all_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.all_button.clicked.connect(lambda: self.model.set_all_received(True))
        self.problem = ProblemLabel()

        self.reason_label = QLabel(self.tr("Reason to accept &without them"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("missingReason")
        self.reason_edit.setMaxLength(1000)
        self.reason_label.setBuddy(self.reason_edit)
        self.reason_problem = ProblemLabel()

        top = QHBoxLayout()
        top.addWidget(self.label, 1)
        top.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.reason_problem)

        self.model.lines_changed.connect(self._lines_changed)
        self.reason_edit.textEdited.connect(self._reason_edited)
        self._update_reason()

    def lines(self) -> tuple[DocumentLine, ...]:
        return self.model.lines()

    def reason(self) -> str:
        return self.reason_edit.text().strip() if self.reason_edit.isEnabled() else ""

    def set_state(self, lines: tuple[DocumentLine, ...], reason: str) -> None:
        # Not blockSignals(): the table would miss the model's reset and show no rows. The
        # form ignores the resulting "changed" while it is filling itself.
        self.model.set_lines(lines)
        self.reason_edit.setText(reason)
        self._update_reason()
        self.set_problem("")

    def set_lines(self, lines: tuple[DocumentLine, ...]) -> None:
        self.model.set_lines(lines)
        if lines:
            self.table.setCurrentIndex(self.model.index(0, Column.NAME))

    def set_problem(self, message: str) -> None:
        show_problem(self.table, self.problem, message)
        show_problem(self.reason_edit, self.reason_problem, "")

    def _missing(self) -> tuple[DocumentLine, ...]:
        return missing_mandatory(ReceptionDraft(documents=self.model.lines()))

    def _update_reason(self) -> None:
        missing = self._missing()
        self.reason_edit.setEnabled(bool(missing))
        self.reason_label.setEnabled(bool(missing))
        if missing:
            self.reason_edit.setPlaceholderText(
                self.tr("Missing: %1").replace("%1", "; ".join(line.name for line in missing))
            )
        else:
            self.reason_edit.setPlaceholderText(self.tr("Every mandatory document is here"))

    def _lines_changed(self) -> None:
        self._update_reason()
        if self.problem.isVisible() and (not self._missing() or self.reason()):
            self.set_problem("")
        self.changed.emit()

    def _reason_edited(self, _text: str) -> None:
        if self.reason():
            self.set_problem("")
        self.changed.emit()
