"""The reception form page: the four sections, laid out for one screen, as one draft.

The page turns its widgets into a :class:`ReceptionDraft` and back, shows the problems of a
check next to their fields and puts the cursor on the first one. It asks nothing of the
store: the screen (``reception.py``) runs the searches, saves and prints.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.reception import (
    ApplicantData,
    DeliveryMethod,
    DocumentLine,
    FieldProblem,
    ReceptionDraft,
)
from app.ui.models.catalogue_model import ProcedureRow
from app.ui.services_reception import AdminUnitOption
from app.ui.tasks import TaskRunner
from app.ui.widgets.applicant_form import ApplicantForm
from app.ui.widgets.checklist_panel import ChecklistPanel
from app.ui.widgets.delivery_section import DeliverySection
from app.ui.widgets.field_support import PROBLEM_STYLE, EnterAdvances
from app.ui.widgets.procedure_picker import ProcedurePicker

BANNER_INFO = "background: #e8f1fb; color: #123a63; padding: 6px; border-radius: 3px;"
BANNER_WARNING = "background: #fff4e0; color: #6b3b00; padding: 6px; border-radius: 3px;"
BANNER_ERROR = "background: #fdecea; color: #8c1d18; padding: 6px; border-radius: 3px;"


def _banner(style: str, name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(style)
    label.hide()
    return label


class ReceptionForm(QWidget):
    """Applicant, procedure, checklist and delivery, with the action buttons under them."""

    changed = Signal()
    """The clerk changed something (never emitted while the page is filled by code)."""

    def __init__(
        self,
        search: Callable[[str], Sequence[ProcedureRow]],
        tasks: TaskRunner,
        today: Callable[[], date],
        parent: QWidget | None = None,
        page_editor: QWidget | None = None,
    ) -> None:
        """``page_editor``: the digitisation tab beside the form (none: the form alone)."""
        super().__init__(parent)
        self.setStyleSheet(PROBLEM_STYLE)
        self._filling = False
        self._procedure: tuple[int, str, str] | None = None

        self.notice_label = _banner(BANNER_INFO, "restoredNotice")
        self.codes_label = _banner(BANNER_WARNING, "codesWarning")
        self.error_label = _banner(BANNER_ERROR, "draftError")

        self.applicant = ApplicantForm(today)
        self.picker = ProcedurePicker(search, tasks)
        self.checklist = ChecklistPanel()
        self.delivery = DeliverySection()

        self.read_image_button = QPushButton(self.tr("Read QR from image… (Ctrl+O)"))
        self.supplement_button = QPushButton(self.tr("Supplement request, Mẫu 02 (Ctrl+B)"))
        self.refuse_button = QPushButton(self.tr("Refuse, Mẫu 03 (Ctrl+R)"))
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        self.save_button = QPushButton(self.tr("Save and print receipt (Ctrl+S)"))
        self.save_button.setObjectName("saveButton")
        font = self.save_button.font()
        font.setBold(True)
        self.save_button.setFont(font)
        for button in (
            self.read_image_button,
            self.supplement_button,
            self.refuse_button,
            self.cancel_button,
            self.save_button,
        ):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.service_label = QLabel()
        self.service_label.setObjectName("serviceTime")
        self.counter_label = QLabel()
        self.counter_label.setObjectName("counterIdentity")

        applicant_box = QGroupBox(self.tr("Applicant (scan the chip ID card anywhere)"))
        QVBoxLayout(applicant_box).addWidget(self.applicant)
        procedure_box = QGroupBox(self.tr("Procedure and documents"))
        procedure_layout = QVBoxLayout(procedure_box)
        procedure_layout.addWidget(self.picker)
        procedure_layout.addWidget(self.checklist, 1)
        delivery_box = QGroupBox(self.tr("Result, sets and notes"))
        QVBoxLayout(delivery_box).addWidget(self.delivery)

        columns = QHBoxLayout()
        columns.addWidget(applicant_box, 5)
        columns.addWidget(procedure_box, 6)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(columns, 1)
        content_layout.addWidget(delivery_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        actions = QHBoxLayout()
        actions.addWidget(self.read_image_button)
        actions.addWidget(self.supplement_button)
        actions.addWidget(self.refuse_button)
        actions.addStretch(1)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.save_button)
        status = QHBoxLayout()
        status.addWidget(self.counter_label)
        status.addStretch(1)
        status.addWidget(self.service_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.codes_label)
        layout.addWidget(self.error_label)
        self.tabs: QTabWidget | None = None
        if page_editor is None:
            layout.addWidget(scroll, 1)
        else:
            # Pages are digitised while the citizen is here: a tab beside the form (Ctrl+D).
            self.tabs = QTabWidget()
            self.tabs.setObjectName("receptionTabs")
            self.tabs.addTab(scroll, self.tr("Dossier"))
            self.tabs.addTab(page_editor, self.tr("Digitisation (Ctrl+D)"))
            layout.addWidget(self.tabs, 1)
        layout.addLayout(status)
        layout.addLayout(actions)

        chain: list[QWidget] = [
            self.applicant.email_edit,
            self.picker.search_edit,
            self.checklist.table,
            self.checklist.reason_edit,
            self.delivery.method_combo,
            self.delivery.address_edit,
            self.delivery.sets_spin,
            self.delivery.ticket_edit,
            self.delivery.notes_edit,
            self.save_button,
            self.cancel_button,
            self.read_image_button,
            self.supplement_button,
            self.refuse_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self._enter = EnterAdvances(self)
        for widget in (
            *self.applicant.findChildren(QWidget),
            self.checklist.reason_edit,
            self.delivery.method_combo,
            self.delivery.address_edit,
            self.delivery.sets_spin,
            self.delivery.ticket_edit,
        ):
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.objectName() != (
                "qt_spinbox_lineedit"
            ):
                widget.installEventFilter(self._enter)

        self.applicant.changed.connect(self._emit_changed)
        self.checklist.changed.connect(self._emit_changed)
        self.delivery.changed.connect(self._emit_changed)
        self.picker.picked.connect(self._picked)
        self.setFocusProxy(self.applicant.name_edit)

    # --- the draft ------------------------------------------------------------------------

    def draft(
        self, started_at: datetime | None = None, ended_at: datetime | None = None
    ) -> ReceptionDraft:
        version, code, name = self._procedure or (None, "", "")
        return ReceptionDraft(
            applicant=self.applicant.applicant(),
            procedure_version_id=version,
            procedure_code=code,
            procedure_name=name,
            documents=self.checklist.lines(),
            sets=self.delivery.sets_spin.value(),
            missing_reason=self.checklist.reason(),
            delivery_method=self.delivery.method(),
            delivery_address=self.delivery.address_edit.text().strip()
            if self.delivery.method() is DeliveryMethod.BY_POST
            else "",
            notes=self.delivery.notes_edit.toPlainText().strip(),
            queue_ticket=self.delivery.ticket_edit.text().strip(),
            service_started_at=started_at,
            service_ended_at=ended_at,
        )

    def anything_typed(self) -> bool:
        """More than :meth:`ReceptionDraft.is_empty`: also text the draft cannot hold yet
        (an unreadable date, a commune name not picked from the list, a search)."""
        return (
            not self.draft().is_empty()
            or bool(self.applicant.dob_text())
            or bool(self.applicant.unit_picker.text().strip())
            or bool(self.picker.search_edit.text().strip())
        )

    def set_draft(self, draft: ReceptionDraft) -> None:
        self._filling = True
        try:
            self.applicant.set_applicant(draft.applicant)
            self.picker.clear()
            if draft.procedure_version_id is None:
                self._procedure = None
                self.picker.show_chosen(None)
            else:
                self._procedure = (
                    draft.procedure_version_id,
                    draft.procedure_code,
                    draft.procedure_name,
                )
                self.picker.show_chosen(self._procedure)
            self.checklist.set_state(draft.documents, draft.missing_reason)
            self.delivery.set_values(
                draft.delivery_method,
                draft.delivery_address,
                draft.sets,
                draft.queue_ticket,
                draft.notes,
            )
        finally:
            self._filling = False

    def reset(self) -> None:
        self.set_draft(ReceptionDraft())
        self.notice_label.hide()
        self.error_label.hide()

    def set_applicant(self, applicant: ApplicantData) -> None:
        """Card data accepted by the clerk; counts as a change."""
        self.applicant.set_applicant(applicant)
        self._emit_changed()

    def set_checklist(self, lines: tuple[DocumentLine, ...]) -> None:
        self.checklist.set_lines(lines)

    def set_admin_units(self, units: Sequence[AdminUnitOption]) -> None:
        self.applicant.set_admin_units(units)

    def _picked(self, row: ProcedureRow) -> None:
        self._procedure = (int(row.version_id), row.code or "", row.name)
        self.checklist.set_state((), "")
        self._emit_changed()

    def _emit_changed(self) -> None:
        if not self._filling:
            self.changed.emit()

    # --- problems -------------------------------------------------------------------------

    def local_problems(self) -> list[FieldProblem]:
        return self.applicant.local_problems()

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        """Every problem at its field (earlier messages cleared), cursor on the first one."""
        by_field: dict[str, str] = {}
        for problem in problems:
            by_field.setdefault(problem.field, problem.message_vi)
        self.applicant.show_problems(
            [FieldProblem(f, "", m) for f, m in by_field.items() if f.startswith("applicant.")]
        )
        self.picker.set_problem(by_field.get("procedure", ""))
        self.checklist.set_problem(by_field.get("documents", ""))
        self.delivery.show_problems(by_field)
        for problem in problems:
            if self.focus_field(problem.field):
                break

    def focus_field(self, key: str) -> bool:
        if key.startswith("applicant."):
            return self.applicant.focus_field(key)
        if key == "procedure":
            self.picker.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if key == "documents":
            target = (
                self.checklist.reason_edit
                if self.checklist.reason_edit.isEnabled()
                else self.checklist.table
            )
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return self.delivery.focus_field(key)

    def problem_texts(self) -> dict[str, str]:
        """Every message shown at a field now, by field (tests and diagnostics)."""
        shown: dict[str, str] = {}
        for key in self.applicant.field_keys():
            text = self.applicant.problem_text(key)
            if text:
                shown[key] = text
        for key, label in (
            ("procedure", self.picker.problem),
            ("documents", self.checklist.problem),
            ("delivery_address", self.delivery.address_problem),
            ("sets", self.delivery.sets_problem),
        ):
            if not label.isHidden() and label.text():
                shown[key] = label.text()
        return shown
