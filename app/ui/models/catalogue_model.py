"""Table model of catalogue search results.

The model only presents :class:`ProcedureSummary` rows that the store already produced: it
never queries. Rows arrive whole from a background search and are exposed to the view in
batches (``fetchMore``), so a search returning the whole catalogue does not lay out thousands
of rows at once.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

ModelIndex = QModelIndex | QPersistentModelIndex


class ProcedureRow(Protocol):
    """What the model reads from a catalogue search result (the store's ProcedureSummary)."""

    @property
    def procedure_id(self) -> Any: ...
    @property
    def version_id(self) -> Any: ...
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def field(self) -> str | None: ...
    @property
    def processing_unit(self) -> str: ...
    @property
    def processing_value(self) -> float | int | None: ...
    @property
    def fee_text(self) -> str | None: ...
    @property
    def deciding_agency(self) -> str | None: ...


class Column(enum.IntEnum):
    CODE = 0
    NAME = 1
    FIELD = 2
    PROCESSING = 3
    FEE = 4
    AGENCY = 5


class Role(enum.IntEnum):
    """Custom roles, so views and tests ask for meaning rather than column positions."""

    PROCEDURE = Qt.ItemDataRole.UserRole + 1
    """The whole row object."""
    VERSION_ID = Qt.ItemDataRole.UserRole + 2
    PROCEDURE_ID = Qt.ItemDataRole.UserRole + 3
    CODE = Qt.ItemDataRole.UserRole + 4


def column_title(column: Column) -> str:
    titles = {
        Column.CODE: QCoreApplication.translate("CatalogueModel", "Code"),
        Column.NAME: QCoreApplication.translate("CatalogueModel", "Procedure"),
        Column.FIELD: QCoreApplication.translate("CatalogueModel", "Field"),
        Column.PROCESSING: QCoreApplication.translate("CatalogueModel", "Processing time"),
        Column.FEE: QCoreApplication.translate("CatalogueModel", "Fee"),
        Column.AGENCY: QCoreApplication.translate("CatalogueModel", "Deciding agency"),
    }
    return titles[column]


def processing_time_text(unit: str, value: float | int | None) -> str:
    """The statutory processing time as a clerk says it: "Trong ngày", "3 ngày làm việc"."""
    if unit == "same_day":
        return QCoreApplication.translate("CatalogueModel", "Same day")
    if value is None:
        return QCoreApplication.translate("CatalogueModel", "Not specified")
    if float(value).is_integer():
        count = int(value)
        if unit == "working_days":
            return QCoreApplication.translate("CatalogueModel", "%n working day(s)", None, count)
        if unit == "working_hours":
            return QCoreApplication.translate("CatalogueModel", "%n working hour(s)", None, count)
    amount = QLocale().toString(float(value), "g", 6)
    if unit == "working_days":
        return QCoreApplication.translate("CatalogueModel", "%1 working days").replace("%1", amount)
    if unit == "working_hours":
        return QCoreApplication.translate("CatalogueModel", "%1 working hours").replace(
            "%1", amount
        )
    return f"{amount} {unit}"


class CatalogueModel(QAbstractTableModel):
    """Read-only rows of procedures; replace them wholesale with :meth:`set_rows`."""

    BATCH = 200

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ProcedureRow] = []
        self._shown = 0

    def set_rows(self, rows: Sequence[ProcedureRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(len(self._rows), self.BATCH)
        self.endResetModel()

    def total_rows(self) -> int:
        """All rows of the result, including those not fetched into the view yet."""
        return len(self._rows)

    def row_object(self, row: int) -> ProcedureRow | None:
        return self._rows[row] if 0 <= row < self._shown else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        end = min(len(self._rows), self._shown + self.BATCH)
        if end <= self._shown:
            return
        self.beginInsertRows(QModelIndex(), self._shown, end - 1)
        self._shown = end
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            return column_title(Column(section))
        if orientation == Qt.Orientation.Vertical and 0 <= section < self._shown:
            return str(section + 1)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_object(index.row())
        if row is None or not 0 <= index.column() < len(Column):
            return None
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column)
        if role == Role.PROCEDURE:
            return row
        if role == Role.VERSION_ID:
            return row.version_id
        if role == Role.PROCEDURE_ID:
            return row.procedure_id
        if role == Role.CODE:
            return row.code
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.PROCESSING:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: ProcedureRow, column: Column) -> str:
        if column == Column.CODE:
            return row.code
        if column == Column.NAME:
            return row.name
        if column == Column.FIELD:
            return row.field or ""
        if column == Column.PROCESSING:
            return processing_time_text(row.processing_unit, row.processing_value)
        if column == Column.FEE:
            return row.fee_text or ""
        return row.deciding_agency or ""
