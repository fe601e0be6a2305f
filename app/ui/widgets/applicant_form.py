"""The applicant section of the reception screen: a person, or an organisation.

The form only shows and collects :class:`ApplicantData`; every judgement on a value comes from
``app.domain.reception`` (``check_id_number``, ``check_phone``...). A value is checked when the
clerk leaves its field and again on save, and its Vietnamese message stays under the field
until the value is fixed. Nothing the clerk types is ever replaced by a check.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.idcard import Sex
from app.domain.reception import (
    ApplicantData,
    ApplicantKind,
    FieldProblem,
    check_date_of_birth,
    check_email,
    check_id_number,
    check_phone,
    check_tax_code,
)
from app.domain.text import nfc
from app.ui.services_reception import AdminUnitOption
from app.ui.widgets.admin_unit_picker import AdminUnitPicker
from app.ui.widgets.field_support import (
    InvalidDay,
    ProblemLabel,
    format_day,
    parse_day,
    show_problem,
)

NAME = "applicant.full_name"
ID_NUMBER = "applicant.id_number"
OLD_ID = "applicant.old_id_number"
DATE_OF_BIRTH = "applicant.date_of_birth"
SEX = "applicant.sex"
ADDRESS = "applicant.address"
ADMIN_UNIT = "applicant.admin_unit_code"
PHONE = "applicant.phone"
EMAIL = "applicant.email"
TAX_CODE = "applicant.tax_code"
REPRESENTATIVE = "applicant.representative"


class ApplicantForm(QWidget):
    """Individual / organisation switch and the applicant's fields."""

    changed = Signal()
    """The clerk changed something (not emitted when the form is filled by code)."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._from_card = False
        self._problems: dict[str, ProblemLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._cells: dict[str, QWidget] = {}

        self.individual_radio = QRadioButton(self.tr("&Individual"))
        self.organisation_radio = QRadioButton(self.tr("Or&ganisation"))
        self.individual_radio.setChecked(True)
        self._kind_group = QButtonGroup(self)
        self._kind_group.addButton(self.individual_radio)
        self._kind_group.addButton(self.organisation_radio)
        self.card_badge = QLabel()
        self.card_badge.setObjectName("cardBadge")

        self.name_edit = self._line(NAME, self.tr("&Full name"), 255)
        self.id_edit = self._line(ID_NUMBER, self.tr("I&D number (12 digits)"), 12)
        self.id_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.old_id_edit = self._line(OLD_ID, self.tr("O&ld ID number"), 12)
        self.dob_edit = self._line(DATE_OF_BIRTH, self.tr("Date of &birth (dd/mm/yyyy)"), 10)
        self.dob_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.sex_combo = QComboBox()
        self.sex_combo.addItem("—", None)
        self.sex_combo.addItem(self.tr("Male"), "male")
        self.sex_combo.addItem(self.tr("Female"), "female")
        self._add_field(SEX, self.tr("Se&x"), self.sex_combo)
        self.address_edit = self._line(ADDRESS, self.tr("&Address"), 500)
        self.unit_picker = AdminUnitPicker()
        self.unit_picker.setPlaceholderText(self.tr("Type the commune or ward, accents optional"))
        self._add_field(ADMIN_UNIT, self.tr("&Commune / ward"), self.unit_picker)
        self.phone_edit = self._line(PHONE, self.tr("&Phone"), 20)
        self.email_edit = self._line(EMAIL, self.tr("&Email"), 255)
        self.tax_edit = self._line(TAX_CODE, self.tr("&Tax code"), 14)
        self.representative_edit = self._line(REPRESENTATIVE, self.tr("&Representative"), 255)

        kind_row = QHBoxLayout()
        kind_row.addWidget(self.individual_radio)
        kind_row.addWidget(self.organisation_radio)
        kind_row.addStretch(1)
        kind_row.addWidget(self.card_badge)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        placement = [
            (NAME, 0, 0, 2),
            (TAX_CODE, 1, 0, 1),
            (REPRESENTATIVE, 1, 1, 1),
            (ID_NUMBER, 2, 0, 1),
            (OLD_ID, 2, 1, 1),
            (DATE_OF_BIRTH, 3, 0, 1),
            (SEX, 3, 1, 1),
            (ADDRESS, 4, 0, 2),
            (ADMIN_UNIT, 5, 0, 1),
            (PHONE, 5, 1, 1),
            (EMAIL, 6, 0, 1),
        ]
        for key, row, column, span in placement:
            grid.addWidget(self._cells[key], row, column, 1, span)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(kind_row)
        layout.addLayout(grid)
        layout.addStretch(1)

        order: list[QWidget] = [
            self.individual_radio,
            self.organisation_radio,
            self.name_edit,
            self.tax_edit,
            self.representative_edit,
            self.id_edit,
            self.old_id_edit,
            self.dob_edit,
            self.sex_combo,
            self.address_edit,
            self.unit_picker,
            self.phone_edit,
            self.email_edit,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self.individual_radio.clicked.connect(self._kind_clicked)
        self.organisation_radio.clicked.connect(self._kind_clicked)
        self.sex_combo.activated.connect(self._sex_changed)
        self.unit_picker.unit_changed.connect(lambda _code: self.changed.emit())
        self.id_edit.editingFinished.connect(self.check_id_number)
        self.dob_edit.editingFinished.connect(self._dob_finished)
        self.phone_edit.editingFinished.connect(lambda: self._check(PHONE, check_phone))
        self.email_edit.editingFinished.connect(lambda: self._check(EMAIL, check_email))
        self.tax_edit.editingFinished.connect(self._tax_finished)
        self._apply_kind(ApplicantKind.INDIVIDUAL)

    # --- building -------------------------------------------------------------------------

    def _line(self, key: str, label: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        edit.textEdited.connect(lambda _text, key=key: self._edited(key))
        self._add_field(key, label, edit)
        return edit

    def _add_field(self, key: str, label_text: str, field: QWidget) -> None:
        field.setObjectName(key.replace(".", "_"))
        label = QLabel(label_text)
        label.setBuddy(field)
        problem = ProblemLabel()
        cell = QWidget()
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.setSpacing(2)
        cell_layout.addWidget(label)
        cell_layout.addWidget(field)
        cell_layout.addWidget(problem)
        self._fields[key] = field
        self._labels[key] = label
        self._problems[key] = problem
        self._cells[key] = cell

    # --- values ---------------------------------------------------------------------------

    def kind(self) -> ApplicantKind:
        if self.organisation_radio.isChecked():
            return ApplicantKind.ORGANISATION
        return ApplicantKind.INDIVIDUAL

    def applicant(self) -> ApplicantData:
        """What the form holds now; an unreadable date of birth counts as none (see
        :meth:`local_problems`)."""
        try:
            date_of_birth = parse_day(self.dob_edit.text())
        except InvalidDay:
            date_of_birth = None
        sex: Sex | None = self.sex_combo.currentData()
        individual = self.kind() is ApplicantKind.INDIVIDUAL
        return ApplicantData(
            kind=self.kind(),
            full_name=nfc(self.name_edit.text()).strip(),
            id_number=self.id_edit.text().strip(),
            old_id_number=self.old_id_edit.text().strip() if individual else "",
            date_of_birth=date_of_birth if individual else None,
            sex=sex if individual else None,
            address=nfc(self.address_edit.text()).strip(),
            admin_unit_code=self.unit_picker.code(),
            phone=self.phone_edit.text().strip(),
            email=self.email_edit.text().strip(),
            tax_code="" if individual else self.tax_edit.text().strip(),
            representative="" if individual else nfc(self.representative_edit.text()).strip(),
            from_card=self._from_card,
        )

    def set_applicant(self, data: ApplicantData) -> None:
        """Show ``data`` (a restored draft, card data, or an empty applicant)."""
        individual = data.kind is ApplicantKind.INDIVIDUAL
        self.individual_radio.setChecked(individual)
        self.organisation_radio.setChecked(not individual)
        self._apply_kind(data.kind)
        self.name_edit.setText(data.full_name)
        self.id_edit.setText(data.id_number)
        self.old_id_edit.setText(data.old_id_number)
        self.dob_edit.setText(format_day(data.date_of_birth))
        self.sex_combo.setCurrentIndex(max(0, self.sex_combo.findData(data.sex)))
        self.address_edit.setText(data.address)
        self.unit_picker.set_code(data.admin_unit_code)
        self.phone_edit.setText(data.phone)
        self.email_edit.setText(data.email)
        self.tax_edit.setText(data.tax_code)
        self.representative_edit.setText(data.representative)
        self.set_from_card(data.from_card)
        self.clear_problems()

    def set_from_card(self, from_card: bool) -> None:
        self._from_card = from_card
        self.card_badge.setText(self.tr("Read from the chip ID card") if from_card else "")

    def dob_text(self) -> str:
        return self.dob_edit.text().strip()

    def set_admin_units(self, units: Sequence[AdminUnitOption]) -> None:
        code = self.unit_picker.code()
        self.unit_picker.set_units(units)
        if code:
            self.unit_picker.set_code(code)

    # --- problems -------------------------------------------------------------------------

    def field_keys(self) -> tuple[str, ...]:
        return tuple(self._fields)

    def field_widget(self, key: str) -> QWidget | None:
        return self._fields.get(key)

    def problem_text(self, key: str) -> str:
        label = self._problems.get(key)
        return label.text() if label is not None and not label.isHidden() else ""

    def show_problem(self, key: str, message: str) -> None:
        field = self._fields.get(key)
        if field is not None:
            show_problem(field, self._problems[key], message)

    def clear_problems(self) -> None:
        for key in self._fields:
            self.show_problem(key, "")

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        """Show the applicant's problems of a full check; fields not named are cleared."""
        mine = {p.field: p.message_vi for p in problems if p.field in self._fields}
        for key in self._fields:
            self.show_problem(key, mine.get(key, ""))

    def local_problems(self) -> list[FieldProblem]:
        """What only the form can see: a date of birth that is not a date at all."""
        text = self.dob_text()
        if self.kind() is ApplicantKind.ORGANISATION or not text:
            return []
        try:
            parse_day(text)
        except InvalidDay:
            return [self._bad_day(text)]
        return []

    def focus_field(self, key: str) -> bool:
        field = self._fields.get(key)
        if field is None or not field.isVisibleTo(self) or not field.isEnabled():
            return False
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()
        return True

    # --- checks on leaving a field --------------------------------------------------------

    def check_id_number(self) -> None:
        applicant = self.applicant()
        if not applicant.id_number:
            self.show_problem(ID_NUMBER, "")
            return
        problem = check_id_number(applicant)
        self.show_problem(ID_NUMBER, problem.message_vi if problem else "")

    def _check(self, key: str, check: Callable[[str], FieldProblem | None]) -> None:
        widget = self._fields[key]
        assert isinstance(widget, QLineEdit)
        problem = check(widget.text())
        self.show_problem(key, problem.message_vi if problem else "")

    def _tax_finished(self) -> None:
        if self.tax_edit.text().strip():
            self._check(TAX_CODE, check_tax_code)
        else:
            self.show_problem(TAX_CODE, "")

    def _dob_finished(self) -> None:
        text = self.dob_text()
        try:
            value = parse_day(text)
        except InvalidDay:
            self.show_problem(DATE_OF_BIRTH, self._bad_day(text).message_vi)
            return
        if value is not None:
            self.dob_edit.setText(format_day(value))
        problem = check_date_of_birth(value, self._today())
        self.show_problem(DATE_OF_BIRTH, problem.message_vi if problem else "")
        self.check_id_number()

    def _bad_day(self, text: str) -> FieldProblem:
        return FieldProblem(
            DATE_OF_BIRTH,
            f"{text!r} is not a date written day/month/year",
            self.tr("“%1” is not a date: type day/month/year, for example 02/03/1990").replace(
                "%1", text
            ),
        )

    # --- reactions ------------------------------------------------------------------------

    def _edited(self, key: str) -> None:
        if key in (NAME, ID_NUMBER, OLD_ID, DATE_OF_BIRTH, ADDRESS) and self._from_card:
            # The identity no longer is exactly the card's.
            self.set_from_card(False)
        self.changed.emit()

    def _sex_changed(self, _index: int) -> None:
        if self._from_card:
            self.set_from_card(False)
        self.check_id_number()
        self.changed.emit()

    def _kind_clicked(self) -> None:
        self._apply_kind(self.kind())
        self.changed.emit()

    def _apply_kind(self, kind: ApplicantKind) -> None:
        organisation = kind is ApplicantKind.ORGANISATION
        for key in (TAX_CODE, REPRESENTATIVE):
            self._cells[key].setVisible(organisation)
        for key in (OLD_ID, DATE_OF_BIRTH, SEX):
            self._cells[key].setVisible(not organisation)
        self._labels[NAME].setText(
            self.tr("&Full name of the organisation") if organisation else self.tr("&Full name")
        )
        self._labels[ID_NUMBER].setText(
            self.tr("Representative's I&D number")
            if organisation
            else self.tr("I&D number (12 digits)")
        )
