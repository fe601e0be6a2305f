"""Filling the applicant from a chip-card QR without overwriting what the clerk typed.

When the clerk has already typed identity fields and the card says something else, each
difference is shown, field by field, and the clerk chooses which to keep: the card is usually
right, but a clerk may have corrected an address the citizen moved from. Differences only of
letter case or spacing ("NGUYỄN VĂN A" against "Nguyễn Văn A") are not differences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.idcard import ChipCard
from app.domain.reception import ApplicantData, ApplicantKind
from app.domain.text import nfc
from app.ui.widgets.field_support import format_day

IDENTITY_FIELDS = ("full_name", "id_number", "old_id_number", "date_of_birth", "sex", "address")


def card_fields(card: ChipCard) -> dict[str, Any]:
    """The applicant fields the card fills, by ``ApplicantData`` field name."""
    return {
        "full_name": card.full_name,
        "id_number": card.id_number,
        "old_id_number": card.old_id_number or "",
        "date_of_birth": card.date_of_birth,
        "sex": card.sex,
        "address": card.address,
    }


def field_title(name: str) -> str:
    titles = {
        "full_name": QCoreApplication.translate("CardDifferences", "Full name"),
        "id_number": QCoreApplication.translate("CardDifferences", "ID number"),
        "old_id_number": QCoreApplication.translate("CardDifferences", "Old ID number"),
        "date_of_birth": QCoreApplication.translate("CardDifferences", "Date of birth"),
        "sex": QCoreApplication.translate("CardDifferences", "Sex"),
        "address": QCoreApplication.translate("CardDifferences", "Address"),
    }
    return titles[name]


def _shown(value: object) -> str:
    if isinstance(value, date):
        return format_day(value)
    if value == "male":
        return QCoreApplication.translate("CardDifferences", "Male")
    if value == "female":
        return QCoreApplication.translate("CardDifferences", "Female")
    return "" if value is None else str(value)


def _same(typed: object, card: object) -> bool:
    if isinstance(typed, str) and isinstance(card, str):
        return " ".join(nfc(typed).casefold().split()) == " ".join(nfc(card).casefold().split())
    return typed == card


@dataclass(frozen=True)
class Difference:
    field: str
    typed: str
    """As shown to the clerk (a date as dd/mm/yyyy, the sex in words)."""
    card: str


def differences(
    applicant: ApplicantData, fields: Mapping[str, Any], unreadable_dob: str = ""
) -> list[Difference]:
    """Identity fields the clerk typed (non-empty) that the card contradicts.

    ``unreadable_dob``: a date-of-birth text the form could not read; it differs from any card.
    """
    found: list[Difference] = []
    for name in IDENTITY_FIELDS:
        card_value = fields[name]
        typed = getattr(applicant, name)
        if name == "date_of_birth" and typed is None and unreadable_dob:
            found.append(Difference(name, unreadable_dob, _shown(card_value)))
            continue
        if typed in (None, "") or _same(typed, card_value):
            continue
        found.append(Difference(name, _shown(typed), _shown(card_value)))
    return found


def merged(
    applicant: ApplicantData, fields: Mapping[str, Any], keep_typed: set[str]
) -> ApplicantData:
    """The applicant with the card's values, except the fields the clerk chose to keep."""
    values = {name: value for name, value in fields.items() if name not in keep_typed}
    return replace(
        applicant,
        **values,
        kind=ApplicantKind.INDIVIDUAL,
        tax_code="",
        representative="",
        from_card=not keep_typed,
    )


class CardDifferencesDialog(QDialog):
    """One row per difference: keep what was typed, or take the card's value (the default)."""

    def __init__(self, found: list[Difference], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The card differs from what was typed"))
        self.setObjectName("cardDifferences")
        self._card_choice: dict[str, QRadioButton] = {}
        intro = QLabel(
            self.tr(
                "The chip ID card says something else than what was typed. Choose, for each "
                "field, the value to keep (arrow keys switch, Tab goes to the next field)."
            )
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(self._bold(self.tr("Field")), 0, 0)
        grid.addWidget(self._bold(self.tr("Typed")), 0, 1)
        grid.addWidget(self._bold(self.tr("On the card")), 0, 2)
        for row, difference in enumerate(found, start=1):
            typed = QRadioButton(difference.typed)
            card = QRadioButton(difference.card)
            typed.setObjectName(f"keep_{difference.field}")
            card.setObjectName(f"card_{difference.field}")
            group = QButtonGroup(self)
            group.addButton(typed)
            group.addButton(card)
            card.setChecked(True)
            grid.addWidget(QLabel(field_title(difference.field)), row, 0)
            grid.addWidget(typed, row, 1)
            grid.addWidget(card, row, 2)
            self._card_choice[difference.field] = card
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        buttons = QDialogButtonBox()
        apply = QPushButton(self.tr("Apply the choices"))
        apply.setDefault(True)
        keep_all = QPushButton(self.tr("&Keep everything typed"))
        keep_all.setAutoDefault(False)
        cancel = QPushButton(self.tr("Cancel: ignore the card"))
        cancel.setAutoDefault(False)
        buttons.addButton(apply, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(keep_all, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        apply.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        keep_all.clicked.connect(self._keep_all)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        first = next(iter(self._card_choice.values()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _bold(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def keep_typed(self) -> set[str]:
        """The fields whose typed value the clerk keeps."""
        return {name for name, card in self._card_choice.items() if not card.isChecked()}

    def _keep_all(self) -> None:
        for name in self._card_choice:
            typed = self.findChild(QRadioButton, f"keep_{name}")
            if typed is not None:
                typed.setChecked(True)
        self.accept()
