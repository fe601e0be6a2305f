"""Shown instead of the reception form until this machine knows which counter it is."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.services_reception import CounterOption
from app.ui.widgets.field_support import ProblemLabel, show_problem


class CounterSetupPanel(QWidget):
    configure_requested = Signal(str, str, str)
    """unit code, counter code, clerk name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Set up this counter"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "Before receiving dossiers, choose the unit and counter this machine serves "
                "and the name printed as the receiving clerk. IT staff can change it later."
            )
        )
        intro.setWordWrap(True)
        self.counter_combo = QComboBox()
        self.counter_combo.setObjectName("counterChoice")
        self.clerk_edit = QLineEdit()
        self.clerk_edit.setObjectName("clerkName")
        self.clerk_edit.setMaxLength(255)
        self.problem = ProblemLabel()
        self.save_button = QPushButton(self.tr("&Use this counter"))
        self.save_button.setObjectName("configureCounter")
        self.save_button.setAutoDefault(True)
        form = QFormLayout()
        counter_label = QLabel(self.tr("&Counter"))
        counter_label.setBuddy(self.counter_combo)
        clerk_label = QLabel(self.tr("&Receiving clerk"))
        clerk_label.setBuddy(self.clerk_edit)
        form.addRow(counter_label, self.counter_combo)
        form.addRow(clerk_label, self.clerk_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.save_button.clicked.connect(self._submit)
        self.clerk_edit.returnPressed.connect(self._submit)
        self.setFocusProxy(self.counter_combo)

    def set_counters(self, counters: Sequence[CounterOption]) -> None:
        self.counter_combo.clear()
        for option in counters:
            self.counter_combo.addItem(
                f"{option.unit_name} — {option.counter_name}",
                (option.unit_code, option.counter_code),
            )
        self.save_button.setEnabled(bool(counters))
        if not counters:
            self.show_problem(self.tr("The organisation list has no counter in service."))

    def show_problem(self, message: str) -> None:
        show_problem(self.clerk_edit, self.problem, message)
        self.save_button.setEnabled(self.counter_combo.count() > 0)

    def _submit(self) -> None:
        choice = self.counter_combo.currentData()
        if choice is None:
            return
        unit_code, counter_code = choice
        self.save_button.setEnabled(False)
        self.configure_requested.emit(unit_code, counter_code, self.clerk_edit.text())
