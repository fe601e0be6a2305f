"""The detail pane of the Dossiers screen: applicant, procedure, documents, history, reprint.

It only displays a :class:`DossierDetail` it is given; the screen loads it on the database
thread. "Provisional" (central configured, dossier not yet accepted by it) is shown as a
banner, because a receipt reprinted now will be provisional too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.reception import DeliveryMethod
from app.ui.models.catalogue_model import processing_time_text
from app.ui.models.dossier_table_model import (
    DUE_COLOURS,
    office_text,
    state_text,
    timeliness_text,
)
from app.ui.services_dossiers import (
    DossierDetail,
    DossierDocumentRow,
    DueStatus,
    HistoryEntry,
)

if TYPE_CHECKING:
    from app.ui.dialogs.document_viewer import DigitisedDocumentsPanel


def _value_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _FittedTable(QTableWidget):
    """A read-only table as tall as its rows, which wraps its text in the pane's width: the
    pane scrolls as a whole, never table by table."""

    def __init__(self, headers: Sequence[str], stretch: int) -> None:
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def fit_height(self) -> None:
        self.resizeRowsToContents()
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        for row in range(self.rowCount()):
            height += self.rowHeight(row)
        self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()


class DossierDetailPane(QScrollArea):
    """Read-only facts of one dossier and the "Reprint receipt" button."""

    reprint_requested = Signal(int)
    """The clerk asked to reprint the receipt of this dossier id."""

    def __init__(
        self,
        can_reprint: bool,
        parent: QWidget | None = None,
        documents_panel: DigitisedDocumentsPanel | None = None,
    ) -> None:
        """``documents_panel`` lists the digitised documents under the documents received
        (opened with their signature checked); none when digitisation is not set up."""
        super().__init__(parent)
        self._documents_panel = documents_panel
        self.setObjectName("dossierDetail")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._can_reprint = can_reprint
        self._dossier_id: int | None = None

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 0, 8, 8)

        self.title_label = QLabel()
        self.title_label.setObjectName("dossierTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)

        self.state_label = _value_label("dossierState")
        layout.addWidget(self.state_label)

        self.provisional_label = QLabel(
            self.tr(
                "PROVISIONAL: not yet accepted by the central system. "
                "A receipt printed now is marked provisional."
            )
        )
        self.provisional_label.setObjectName("provisionalBanner")
        self.provisional_label.setWordWrap(True)
        background, foreground = DUE_COLOURS[DueStatus.DUE_SOON]
        self.provisional_label.setStyleSheet(
            f"QLabel {{ background: {background.name()}; color: {foreground.name()};"
            " padding: 4px; font-weight: bold; }"
        )
        layout.addWidget(self.provisional_label)

        self.reprint_button = QPushButton(self.tr("&Reprint receipt (Ctrl+P)"))
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.clicked.connect(self._reprint_clicked)
        if not can_reprint:
            self.reprint_button.setToolTip(self.tr("Printing is not available here."))
        layout.addWidget(self.reprint_button, 0, Qt.AlignmentFlag.AlignLeft)

        applicant_box = QGroupBox(self.tr("Applicant"))
        applicant_form = QFormLayout(applicant_box)
        self.applicant_name = _value_label("applicantName")
        self.applicant_id = _value_label("applicantId")
        self.applicant_phone = _value_label("applicantPhone")
        self.applicant_email = _value_label("applicantEmail")
        self.applicant_address = _value_label("applicantAddress")
        applicant_form.addRow(self.tr("Name:"), self.applicant_name)
        applicant_form.addRow(self.tr("ID number:"), self.applicant_id)
        applicant_form.addRow(self.tr("Phone:"), self.applicant_phone)
        applicant_form.addRow(self.tr("Email:"), self.applicant_email)
        applicant_form.addRow(self.tr("Address:"), self.applicant_address)
        layout.addWidget(applicant_box)

        reception_box = QGroupBox(self.tr("Procedure and appointment"))
        reception_form = QFormLayout(reception_box)
        self.procedure_label = _value_label("procedure")
        self.processing_label = _value_label("processing")
        self.agency_label = _value_label("decidingAgency")
        self.received_label = _value_label("receivedAt")
        self.appointment_label = _value_label("appointment")
        self.timeliness_label = _value_label("timeliness")
        self.delivery_label = _value_label("delivery")
        self.clerk_label = _value_label("receivedBy")
        self.counter_label = _value_label("counter")
        self.sets_label = _value_label("sets")
        self.notes_label = _value_label("notes")
        reception_form.addRow(self.tr("Procedure:"), self.procedure_label)
        reception_form.addRow(self.tr("Processing time:"), self.processing_label)
        reception_form.addRow(self.tr("Deciding agency:"), self.agency_label)
        reception_form.addRow(self.tr("Received:"), self.received_label)
        reception_form.addRow(self.tr("Appointment:"), self.appointment_label)
        reception_form.addRow(self.tr("Timeliness:"), self.timeliness_label)
        reception_form.addRow(self.tr("Result delivery:"), self.delivery_label)
        reception_form.addRow(self.tr("Received by:"), self.clerk_label)
        reception_form.addRow(self.tr("Counter:"), self.counter_label)
        reception_form.addRow(self.tr("Sets:"), self.sets_label)
        reception_form.addRow(self.tr("Notes:"), self.notes_label)
        layout.addWidget(reception_box)

        self.documents_heading = QLabel(self.tr("Documents received"))
        self.documents_heading.setFont(font)
        layout.addWidget(self.documents_heading)
        self.documents_table = _FittedTable(
            [self.tr("No."), self.tr("Document"), self.tr("Form"), self.tr("Received")], stretch=1
        )
        self.documents_table.setObjectName("documentsTable")
        layout.addWidget(self.documents_table)
        if documents_panel is not None:
            layout.addWidget(documents_panel)

        self.history_heading = QLabel(self.tr("History"))
        self.history_heading.setFont(font)
        layout.addWidget(self.history_heading)
        self.history_table = _FittedTable([self.tr("Time"), self.tr("Change, by whom")], stretch=1)
        self.history_table.setObjectName("historyTable")
        layout.addWidget(self.history_table)
        layout.addStretch(1)

        self._sections: list[QWidget] = [
            self.state_label,
            applicant_box,
            reception_box,
            self.documents_heading,
            self.documents_table,
            self.history_heading,
            self.history_table,
        ]
        self.setWidget(body)
        self.show_nothing()

    @property
    def dossier_id(self) -> int | None:
        return self._dossier_id

    def show_nothing(self, message: str | None = None) -> None:
        self._dossier_id = None
        self.title_label.setText(message or self.tr("Select a dossier to see its details."))
        for section in self._sections:
            section.hide()
        self.provisional_label.hide()
        self.reprint_button.hide()
        if self._documents_panel is not None:
            self._documents_panel.clear()

    def show_loading(self, code: str) -> None:
        """Keep the pane steady while the next dossier loads (no flicker on arrow keys)."""
        self.title_label.setText(code)

    def show_detail(self, detail: DossierDetail) -> None:
        self._dossier_id = detail.id
        self.title_label.setText(detail.code)
        state = state_text(detail.state)
        timeliness = timeliness_text(detail.due_status, detail.timeliness)
        self.state_label.setText(f"{state} · {timeliness}" if timeliness else state)
        self.provisional_label.setVisible(detail.provisional)

        applicant = detail.applicant
        self.applicant_name.setText(applicant.full_name)
        ids = [applicant.id_number, applicant.old_id_number, applicant.tax_code]
        self.applicant_id.setText(" / ".join(value for value in ids if value) or "—")
        self.applicant_phone.setText(applicant.phone or "—")
        self.applicant_email.setText(applicant.email or "—")
        self.applicant_address.setText(applicant.address or "—")

        procedure = detail.procedure_name
        if detail.procedure_code:
            procedure = f"{detail.procedure_code} — {procedure}"
        self.procedure_label.setText(procedure)
        self.processing_label.setText(
            processing_time_text(detail.processing_unit, detail.processing_value)
        )
        self.agency_label.setText(detail.deciding_agency or "—")
        self.received_label.setText(office_text(detail.received_at))
        self.appointment_label.setText(office_text(detail.due_at) or "—")
        self.timeliness_label.setText(timeliness or "—")
        self.delivery_label.setText(self._delivery_text(detail))
        self.clerk_label.setText(detail.received_by or "—")
        place = ", ".join(part for part in (detail.counter_name, detail.org_unit_name) if part)
        self.counter_label.setText(place or "—")
        self.sets_label.setText(str(detail.sets))
        notes = [detail.notes]
        if detail.missing_reason:
            notes.append(self.tr("Missing documents: %1").replace("%1", detail.missing_reason))
        if detail.refusal_reason:
            notes.append(self.tr("Refused: %1").replace("%1", detail.refusal_reason))
        if detail.queue_ticket:
            notes.append(self.tr("Queue ticket: %1").replace("%1", detail.queue_ticket))
        self.notes_label.setText("\n".join(note for note in notes if note) or "—")

        self._fill_documents(detail.documents)
        if self._documents_panel is not None:
            self._documents_panel.show_dossier(detail.id, detail.code)
        self._fill_history(detail.history)
        for section in self._sections:
            section.show()
        self.reprint_button.show()
        self.reprint_button.setEnabled(self._can_reprint)

    def _delivery_text(self, detail: DossierDetail) -> str:
        if detail.delivery_method == DeliveryMethod.BY_POST:
            text = self.tr("By post")
            if detail.delivery_address:
                text += f": {detail.delivery_address}"
            return text
        if detail.delivery_method == DeliveryMethod.AT_COUNTER:
            return self.tr("At the counter")
        return str(detail.delivery_method)

    def _form_text(self, document: DossierDocumentRow) -> str:
        if document.form == "present":
            return self.tr("shown, not kept")
        if document.form == "certified_copy":
            return self.tr("%n certified copy(ies)", "", document.copies)
        if document.form == "copy":
            return self.tr("%n copy(ies)", "", document.copies)
        return self.tr("%n original(s)", "", document.copies)

    def _fill_documents(self, documents: Sequence[DossierDocumentRow]) -> None:
        table = self.documents_table
        table.setRowCount(len(documents))
        for row, document in enumerate(documents):
            received = self.tr("Yes") if document.received else self.tr("Missing")
            if document.page_count:
                received += " · " + self.tr("%n page(s)", "", document.page_count)
            name = document.name if not document.note else f"{document.name} ({document.note})"
            for column, value in enumerate(
                (str(row + 1), name, self._form_text(document), received)
            ):
                table.setItem(row, column, QTableWidgetItem(value))
        table.fit_height()

    def _fill_history(self, history: Sequence[HistoryEntry]) -> None:
        """One row per transition: when, then "from → to" over who (where) and the note."""
        table = self.history_table
        table.setRowCount(len(history))
        for row, entry in enumerate(history):
            change = (
                f"{entry.from_label_vi} → {entry.to_label_vi}"
                if entry.from_label_vi
                else entry.to_label_vi
            )
            who = entry.actor if not entry.place else f"{entry.actor} ({entry.place})"
            lines = [change, " · ".join(part for part in (who, entry.note) if part)]
            table.setItem(row, 0, QTableWidgetItem(office_text(entry.at)))
            table.setItem(row, 1, QTableWidgetItem("\n".join(line for line in lines if line)))
        table.fit_height()

    def _reprint_clicked(self) -> None:
        if self._dossier_id is not None and self._can_reprint:
            self.reprint_requested.emit(self._dossier_id)
