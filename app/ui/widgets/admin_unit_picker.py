"""Commune / ward picker: type a few letters with or without accents, pick from the list.

The 2025 map has a few thousand communes nationwide (126 in Hanoi), small enough to filter in
memory on every keystroke. Matching is on folded text (no accents, "đ" as "d"), every typed
word must appear, and names that start with the typed text come first, so "cau giay" offers
"Phường Cầu Giấy" at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.domain.text import fold
from app.ui.services_reception import AdminUnitOption

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_ROLE = Qt.ItemDataRole.UserRole + 3
"""The unit's own name, folded ("phuong cau giay"), for ranking."""


def _label(option: AdminUnitOption) -> str:
    return f"{option.name}, {option.province_name}" if option.province_name else option.name


class _FoldedFilter(QSortFilterProxyModel):
    """Rows whose folded label contains every folded word typed; prefix matches first."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []
        self._joined = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        folded = fold(text)
        self._words = folded.split()
        self._joined = folded
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.sort(0)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        folded = self.sourceModel().index(source_row, 0, source_parent).data(FOLDED_ROLE) or ""
        return all(word in folded for word in self._words)

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return self._rank(left) < self._rank(right)

    def _rank(self, index: QModelIndex | QPersistentModelIndex) -> tuple[int, str]:
        folded: str = index.data(FOLDED_ROLE) or ""
        name: str = index.data(NAME_ROLE) or ""
        # "phuong cau giay" and "cau giay" both rank the unit whose own name starts so first.
        bare = name.split(" ", 1)[1] if " " in name else name
        starts = name.startswith(self._joined) or bare.startswith(self._joined)
        return (0 if starts else 1, folded)


class AdminUnitPicker(QLineEdit):
    """A line edit with an accent-insensitive completer over the communes of the 2025 map."""

    unit_changed = Signal(str)
    """The picked unit's code ("" when the text no longer names a unit)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._code = ""
        self._names: dict[str, str] = {}
        self._source = QStandardItemModel(self)
        self._filter = _FoldedFilter()
        self._filter.setParent(self)
        self._filter.setSourceModel(self._source)
        self._completer = QCompleter(self._filter, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(8)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._picked)
        self.textEdited.connect(self._edited)

    def set_units(self, units: Sequence[AdminUnitOption]) -> None:
        self._source.clear()
        self._names = {}
        for unit in units:
            label = _label(unit)
            item = QStandardItem(label)
            item.setData(unit.code, CODE_ROLE)
            item.setData(fold(label), FOLDED_ROLE)
            item.setData(fold(unit.name), NAME_ROLE)
            item.setEditable(False)
            self._source.appendRow(item)
            self._names[unit.code] = label
        self._filter.set_text(self.text())

    def code(self) -> str:
        return self._code

    def set_code(self, code: str) -> None:
        """Show the unit with ``code`` (an unknown code keeps the code, shown as is)."""
        self._code = code
        self.setText(self._names.get(code, code))

    def completer_popup_visible(self) -> bool:
        popup = self._completer.popup()
        return popup is not None and popup.isVisible()

    def matches(self) -> list[str]:
        """The labels offered for the current text (tests and diagnostics)."""
        return [self._filter.index(row, 0).data() for row in range(self._filter.rowCount())]

    def _edited(self, text: str) -> None:
        if self._code:
            self._code = ""
            self.unit_changed.emit("")
        self._filter.set_text(text)
        if text.strip() and self._filter.rowCount():
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _picked(self, index: QModelIndex) -> None:
        self._code = str(index.data(CODE_ROLE) or "")
        self.setText(str(index.data() or ""))
        self.unit_changed.emit(self._code)
