"""What the clerk sees once the dossier is saved: its code, the appointment, the slip.

The code is shown large so it can be read aloud to the citizen; printing, opening the PDF
and starting the next dossier are each one key away (Ctrl+P, Ctrl+O... see the buttons).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import to_office_time
from app.ui.services_reception import Paper


def office_text(moment: datetime | None) -> str:
    """Office-time "HH:MM, dd/mm/yyyy" (the way the receipt prints it)."""
    if moment is None:
        return "—"
    local = to_office_time(moment)
    return f"{local:%H:%M}, {local:%d/%m/%Y}"


class ResultPanel(QWidget):
    print_requested = Signal()
    open_requested = Signal()
    new_requested = Signal()
    paper_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel()
        self.title_label.setObjectName("resultTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.code_label = QLabel()
        self.code_label.setObjectName("dossierCode")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        code_font = self.code_label.font()
        code_font.setPointSizeF(code_font.pointSizeF() * 2.6)
        code_font.setBold(True)
        self.code_label.setFont(code_font)
        self.appointment_label = QLabel()
        self.appointment_label.setObjectName("appointment")
        appointment_font = self.appointment_label.font()
        appointment_font.setPointSizeF(appointment_font.pointSizeF() * 1.5)
        self.appointment_label.setFont(appointment_font)
        self.received_label = QLabel()
        self.applicant_label = QLabel()
        self.applicant_label.setWordWrap(True)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("codesWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.pdf_label = QLabel()
        self.pdf_label.setObjectName("pdfStatus")
        self.pdf_label.setWordWrap(True)
        self.pdf_label.setTextFormat(Qt.TextFormat.PlainText)

        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paper")
        for paper in Paper:
            self.paper_combo.addItem(paper.value, paper.value)
        paper_label = QLabel(self.tr("P&aper size"))
        paper_label.setBuddy(self.paper_combo)
        self.print_button = QPushButton(self.tr("&Print (Ctrl+P)"))
        self.print_button.setObjectName("printButton")
        self.open_button = QPushButton(self.tr("&Open PDF"))
        self.open_button.setObjectName("openPdfButton")
        self.new_button = QPushButton(self.tr("&New dossier (Ctrl+N)"))
        self.new_button.setObjectName("newDossierButton")
        for button in (self.print_button, self.open_button, self.new_button):
            button.setAutoDefault(True)

        facts = QGridLayout()
        facts.addWidget(QLabel(self.tr("Dossier code")), 0, 0)
        facts.addWidget(self.code_label, 0, 1)
        facts.addWidget(QLabel(self.tr("Appointment")), 1, 0)
        facts.addWidget(self.appointment_label, 1, 1)
        facts.addWidget(QLabel(self.tr("Received")), 2, 0)
        facts.addWidget(self.received_label, 2, 1)
        facts.addWidget(QLabel(self.tr("Applicant")), 3, 0)
        facts.addWidget(self.applicant_label, 3, 1)
        facts.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(paper_label)
        buttons.addWidget(self.paper_combo)
        buttons.addSpacing(16)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.title_label)
        layout.addLayout(facts)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.pdf_label)
        layout.addLayout(buttons)
        layout.addStretch(1)

        QWidget.setTabOrder(self.print_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.new_button)
        QWidget.setTabOrder(self.new_button, self.paper_combo)
        self.print_button.clicked.connect(self.print_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.new_button.clicked.connect(self.new_requested)
        self.paper_combo.activated.connect(
            lambda _i: self.paper_changed.emit(self.paper_combo.currentData())
        )

    def show_result(
        self,
        *,
        refused: bool,
        code: str,
        received_at: datetime,
        due_at: datetime | None,
        applicant: str,
        warning: str,
        paper: Paper,
    ) -> None:
        self.title_label.setText(
            self.tr("Dossier refused (Mẫu 03)") if refused else self.tr("Dossier received")
        )
        self.code_label.setText(code)
        self.appointment_label.setText("—" if refused else office_text(due_at))
        self.received_label.setText(office_text(received_at))
        self.applicant_label.setText(applicant)
        self.warning_label.setText(warning)
        self.warning_label.setVisible(bool(warning))
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(paper.value)))
        self.set_pdf_status(self.tr("Writing the slip…"), ready=False)
        self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_pdf_status(self, text: str, *, ready: bool) -> None:
        self.pdf_label.setText(text)
        self.print_button.setEnabled(ready)
        self.open_button.setEnabled(ready)
        if ready and self.new_button.hasFocus():
            self.print_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def paper(self) -> Paper:
        return Paper(self.paper_combo.currentData())
