"""Offer the applicant's earlier digitised documents for reuse instead of scanning them again.

Shown by the page editor or reception once the applicant's ID number is known and the store
holds reusable documents for it. Each offer is one row with a checkbox and the checklist line
it goes to; an offer whose document matches a line of the new checklist (same catalogue
document, or the same name) is pointed at that line, and the newest such offer per line
starts ticked, so the common case is one
key: Enter.

Keyboard: Up/Down choose an offer, Space ticks or unticks it, Left/Right change the checklist
line it goes to (also in the "Goes to" box under the table), Enter accepts, Esc skips (nothing
is reused). The dialog is opened with ``open()``, never ``exec()``: the database thread's
answers keep arriving while it is up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import to_office_time
from app.domain.reception import DocumentLine
from app.domain.text import fold


class ReusableDocument(Protocol):
    """What the dialog shows of one earlier digitised document
    (:class:`app.ui.services_capture.ReuseOffer` fits).

    Optional attributes, used when the value has them: ``received_at`` (a date or datetime,
    shown in the Date column) and ``required_document_id`` (the catalogue document it answered,
    to match the new checklist exactly rather than by name).
    """

    @property
    def dossier_code(self) -> str: ...
    @property
    def document_name(self) -> str: ...
    @property
    def page_count(self) -> int: ...


@dataclass(frozen=True)
class ReuseChoice:
    """Reuse ``offer`` for ``line``, the checklist line at ``line_index`` of the lines given."""

    offer: ReusableDocument
    line_index: int
    line: DocumentLine


class Column:
    CHECK = 0
    DOSSIER = 1
    DATE = 2
    DOCUMENT = 3
    PAGES = 4
    TARGET = 5


def _date_text(offer: ReusableDocument) -> str:
    moment = getattr(offer, "received_at", None)
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return to_office_time(moment).strftime("%d/%m/%Y")
    if isinstance(moment, date):
        return moment.strftime("%d/%m/%Y")
    return str(moment)


def default_line(offer: ReusableDocument, lines: Sequence[DocumentLine]) -> int | None:
    """The checklist line an offer answers: the same catalogue document, else the same name
    (accents and case aside); ``None`` when no line matches."""
    required_id = getattr(offer, "required_document_id", None)
    if required_id is not None:
        for index, line in enumerate(lines):
            if line.required_document_id == required_id:
                return index
    wanted = fold(offer.document_name).strip()
    for index, line in enumerate(lines):
        if fold(line.name).strip() == wanted:
            return index
    return None


class ReuseDialog(QDialog):
    """The offers with a checkbox each and the checklist line each goes to."""

    reuse_chosen = Signal(list)
    """The :class:`ReuseChoice` list when the clerk accepts (empty when nothing is ticked)."""

    def __init__(
        self,
        offers: Sequence[ReusableDocument],
        checklist_lines: Sequence[DocumentLine],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reuseDialog")
        self.setWindowTitle(self.tr("Reuse earlier digitised documents"))
        self.resize(820, 420)
        self._offers = list(offers)
        self._lines = list(checklist_lines)
        self._targets: list[int | None] = [default_line(o, self._lines) for o in self._offers]

        question = QLabel(
            self.tr(
                "Earlier dossiers of this citizen already have digitised documents: reuse them?"
            )
        )
        question.setObjectName("reuseQuestion")
        question.setWordWrap(True)
        font = question.font()
        font.setBold(True)
        question.setFont(font)
        hint = QLabel(
            self.tr(
                "Space ticks or unticks, Left/Right changes the checklist line, "
                "Enter reuses the ticked documents, Esc scans anew."
            )
        )
        hint.setWordWrap(True)

        self.table = QTableWidget(len(self._offers), 6)
        self.table.setObjectName("reuseTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Reuse"),
                self.tr("Dossier"),
                self.tr("Date"),
                self.tr("Document"),
                self.tr("Pages"),
                self.tr("Goes to"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.DOCUMENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.TARGET, QHeaderView.ResizeMode.Stretch)
        claimed: set[int] = set()
        for row, offer in enumerate(self._offers):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            # Offers come newest first: only the newest one per line starts ticked.
            target = self._targets[row]
            ticked = target is not None and target not in claimed
            if target is not None:
                claimed.add(target)
            check.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.table.setItem(row, Column.CHECK, check)
            for column, text in (
                (Column.DOSSIER, offer.dossier_code),
                (Column.DATE, _date_text(offer)),
                (Column.DOCUMENT, offer.document_name),
                (Column.PAGES, str(offer.page_count)),
            ):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
            target_item = QTableWidgetItem()
            target_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.table.setItem(row, Column.TARGET, target_item)
            self._show_target(row)
        self.table.itemChanged.connect(self._item_changed)
        self.table.installEventFilter(self)

        self.target_combo = QComboBox()
        self.target_combo.setObjectName("reuseTarget")
        self.target_combo.addItem(self.tr("(not in the checklist)"), None)
        for index, line in enumerate(self._lines):
            self.target_combo.addItem(f"{index + 1}. {line.name}", index)
        self.target_combo.activated.connect(self._target_picked)
        target_form = QFormLayout()
        target_form.addRow(self.tr("&Goes to:"), self.target_combo)
        self.table.currentCellChanged.connect(lambda row, *_: self._sync_combo(row))

        buttons = QDialogButtonBox()
        self.accept_button = buttons.addButton(
            self.tr("Reuse the ticked documents (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setObjectName("reuseAccept")
        self.skip_button = buttons.addButton(
            self.tr("Scan anew (Esc)"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.skip_button.setObjectName("reuseSkip")
        self.accept_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(target_form)
        layout.addWidget(buttons)

        if self._offers:
            self.table.setCurrentCell(0, Column.DOCUMENT)
            self._sync_combo(0)
        self.table.setFocus()

    # --- results --------------------------------------------------------------------------

    def choices(self) -> list[ReuseChoice]:
        """The ticked offers that go to a checklist line, in the order shown."""
        chosen: list[ReuseChoice] = []
        for row, offer in enumerate(self._offers):
            target = self._targets[row]
            if self.is_ticked(row) and target is not None:
                chosen.append(ReuseChoice(offer, target, self._lines[target]))
        return chosen

    def is_ticked(self, row: int) -> bool:
        item = self.table.item(row, Column.CHECK)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def target_of(self, row: int) -> int | None:
        return self._targets[row]

    def accept(self) -> None:
        self.reuse_chosen.emit(self.choices())
        super().accept()

    # --- editing --------------------------------------------------------------------------

    def toggle(self, row: int) -> None:
        item = self.table.item(row, Column.CHECK)
        if item is None:
            return
        ticked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked)

    def set_target(self, row: int, line_index: int | None) -> None:
        """Point an offer at a checklist line (``None``: nowhere, which also unticks it)."""
        self._targets[row] = line_index
        self._show_target(row)
        if self.is_ticked(row) != (line_index is not None):
            self.toggle(row)
        if row == self.table.currentRow():
            self._sync_combo(row)

    def _step_target(self, row: int, step: int) -> None:
        choices: list[int | None] = [None, *range(len(self._lines))]
        position = choices.index(self._targets[row])
        self.set_target(row, choices[(position + step) % len(choices)])

    def _item_changed(self, item: QTableWidgetItem) -> None:
        # Ticking an offer that goes nowhere points it at the first line still free.
        if item.column() != Column.CHECK or item.checkState() != Qt.CheckState.Checked:
            return
        row = item.row()
        if self._targets[row] is None and self._lines:
            taken = {t for r, t in enumerate(self._targets) if r != row and self.is_ticked(r)}
            free = [i for i in range(len(self._lines)) if i not in taken]
            self._targets[row] = free[0] if free else 0
            self._show_target(row)
            if row == self.table.currentRow():
                self._sync_combo(row)

    def _target_picked(self, _index: int) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.set_target(row, self.target_combo.currentData())

    def _sync_combo(self, row: int) -> None:
        if 0 <= row < len(self._targets):
            target = self._targets[row]
            self.target_combo.setCurrentIndex(0 if target is None else target + 1)

    def _show_target(self, row: int) -> None:
        target = self._targets[row]
        item = self.table.item(row, Column.TARGET)
        if item is None:
            return
        if target is None:
            item.setText(self.tr("(not in the checklist)"))
        else:
            item.setText(f"{target + 1}. {self._lines[target].name}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            row = self.table.currentRow()
            key = event.key()
            if key == Qt.Key.Key_Space and row >= 0:
                self.toggle(row)
                return True
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and row >= 0:
                self._step_target(row, 1 if key == Qt.Key.Key_Right else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
                return True
        return super().eventFilter(watched, event)


def offer_reuse(
    parent: QWidget | None,
    offers: Sequence[ReusableDocument],
    checklist_lines: Sequence[DocumentLine],
    on_chosen: Callable[[list[ReuseChoice]], None],
) -> ReuseDialog:
    """Open the offer without blocking; ``on_chosen`` gets the choices (``[]`` on Esc)."""
    dialog = ReuseDialog(offers, checklist_lines, parent)
    dialog.reuse_chosen.connect(on_chosen)
    dialog.rejected.connect(lambda: on_chosen([]))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
