"""How the result is delivered, how many sets, the queue ticket and the notes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.domain.reception import DeliveryMethod
from app.ui.widgets.field_support import ProblemLabel, show_problem

MAX_SETS = 99


class DeliverySection(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("deliveryMethod")
        self.method_combo.addItem(self.tr("At the counter"), DeliveryMethod.AT_COUNTER.value)
        self.method_combo.addItem(self.tr("By post"), DeliveryMethod.BY_POST.value)
        self.address_edit = QLineEdit()
        self.address_edit.setObjectName("deliveryAddress")
        self.address_edit.setMaxLength(500)
        self.address_edit.setPlaceholderText(self.tr("Empty: the applicant's address"))
        self.sets_spin = QSpinBox()
        self.sets_spin.setObjectName("sets")
        self.sets_spin.setRange(1, MAX_SETS)
        self.ticket_edit = QLineEdit()
        self.ticket_edit.setObjectName("queueTicket")
        self.ticket_edit.setMaxLength(32)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("notes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.address_problem = ProblemLabel()
        self.sets_problem = ProblemLabel()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self._label(self.tr("Deli&very of the result"), self.method_combo), 0, 0)
        grid.addWidget(self._label(self.tr("&Mailing address"), self.address_edit), 0, 1)
        grid.addWidget(self._label(self.tr("&Number of sets"), self.sets_spin), 0, 2)
        grid.addWidget(self._label(self.tr("&Queue ticket"), self.ticket_edit), 0, 3)
        grid.addWidget(self.method_combo, 1, 0)
        grid.addWidget(self.address_edit, 1, 1)
        grid.addWidget(self.sets_spin, 1, 2)
        grid.addWidget(self.ticket_edit, 1, 3)
        grid.addWidget(self.address_problem, 2, 0, 1, 2)
        grid.addWidget(self.sets_problem, 2, 2, 1, 2)
        grid.addWidget(self._label(self.tr("Note&s"), self.notes_edit), 3, 0, 1, 4)
        grid.addWidget(self.notes_edit, 4, 0, 1, 4)

        for first, second in (
            (self.method_combo, self.address_edit),
            (self.address_edit, self.sets_spin),
            (self.sets_spin, self.ticket_edit),
            (self.ticket_edit, self.notes_edit),
        ):
            QWidget.setTabOrder(first, second)

        self.method_combo.currentIndexChanged.connect(self._method_changed)
        self.method_combo.activated.connect(lambda _i: self.changed.emit())
        self.address_edit.textEdited.connect(self._address_edited)
        self.sets_spin.valueChanged.connect(lambda _v: self._user_change())
        self.ticket_edit.textEdited.connect(lambda _t: self.changed.emit())
        self.notes_edit.textChanged.connect(self._user_change)
        self._filling = False
        self._method_changed()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def method(self) -> DeliveryMethod:
        return DeliveryMethod(self.method_combo.currentData())

    def set_values(
        self, method: DeliveryMethod, address: str, sets: int, ticket: str, notes: str
    ) -> None:
        self._filling = True
        try:
            self.method_combo.setCurrentIndex(max(0, self.method_combo.findData(method.value)))
            self.address_edit.setText(address)
            self.sets_spin.setValue(max(1, min(sets, MAX_SETS)))
            self.ticket_edit.setText(ticket)
            self.notes_edit.setPlainText(notes)
        finally:
            self._filling = False
        self.show_problems({})

    def show_problems(self, problems: dict[str, str]) -> None:
        show_problem(self.address_edit, self.address_problem, problems.get("delivery_address", ""))
        show_problem(self.sets_spin, self.sets_problem, problems.get("sets", ""))

    def focus_field(self, key: str) -> bool:
        widget = {"delivery_address": self.address_edit, "sets": self.sets_spin}.get(key)
        if widget is None or not widget.isEnabled():
            return False
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _method_changed(self) -> None:
        by_post = self.method() is DeliveryMethod.BY_POST
        self.address_edit.setEnabled(by_post)
        if not by_post:
            show_problem(self.address_edit, self.address_problem, "")

    def _address_edited(self, _text: str) -> None:
        show_problem(self.address_edit, self.address_problem, "")
        self.changed.emit()

    def _user_change(self) -> None:
        if not self._filling:
            self.changed.emit()
