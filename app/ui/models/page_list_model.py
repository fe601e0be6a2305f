"""List model of the draft's pages for the page editor: thumbnail, state, flags, document.

Rows are :class:`DraftPage` values, replaced (never mutated) as results arrive. Thumbnails are
never decoded here: the first time the view asks for one, the model calls ``request_thumbnail``
(the editor loads it on a worker from the file store) and shows a blank sheet until
:meth:`PageListModel.set_thumbnail` hands the small image in. Every update emits ``dataChanged``
for one row and only the roles it changed, so a page finishing OCR repaints one icon, not the
list.

Reordering by drag and drop moves the row at once and emits :attr:`PageListModel.move_requested`
for the editor to keep the order in the store; files dropped on the list are announced by
:attr:`PageListModel.files_dropped` with the row they were dropped before.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from app.ui.services_capture import DraftPage, PageState

ModelIndex = QModelIndex | QPersistentModelIndex

PAGE_MIME = "application/x-motcua-page-ids"
"""Pages dragged inside the list (their ids, comma separated)."""
THUMBNAIL_SIDE = 128

STATE_COLOURS = {
    PageState.WAITING: "#8a8f98",
    PageState.READING: "#1f5fa8",
    PageState.DONE: "#1b7f3b",
    PageState.FLAGGED: "#b3261e",
}
STATE_GLYPHS = {
    PageState.WAITING: "…",
    PageState.READING: "⟳",
    PageState.DONE: "✔",
    PageState.FLAGGED: "⚠",
}


class Role(enum.IntEnum):
    PAGE = Qt.ItemDataRole.UserRole + 1
    """The whole :class:`DraftPage`."""
    PAGE_ID = Qt.ItemDataRole.UserRole + 2
    STATE = Qt.ItemDataRole.UserRole + 3
    """The :class:`PageState` value string (``reading`` while OCR runs on the page)."""
    DOCUMENT = Qt.ItemDataRole.UserRole + 4
    """The name of the checklist document the page is assigned to, or ``""``."""
    CONFIDENCE = Qt.ItemDataRole.UserRole + 5
    """OCR confidence 0-100, or ``None`` before OCR."""
    FLAGS = Qt.ItemDataRole.UserRole + 6
    """The quality flags' Vietnamese messages, one per line."""


def state_label(state: PageState) -> str:
    labels = {
        PageState.WAITING: QCoreApplication.translate("PageList", "Waiting"),
        PageState.READING: QCoreApplication.translate("PageList", "Reading (OCR)"),
        PageState.DONE: QCoreApplication.translate("PageList", "Passed"),
        PageState.FLAGGED: QCoreApplication.translate("PageList", "Rescan needed"),
    }
    return labels[state]


def _blank_sheet(side: int) -> QPixmap:
    """A blank sheet shape, shown until the real thumbnail arrives."""
    pixmap = QPixmap(int(side * 0.72), side)
    pixmap.fill(QColor("#f4f5f7"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#c5c9d0"))
    painter.drawRect(0, 0, pixmap.width() - 1, pixmap.height() - 1)
    painter.end()
    return pixmap


class PageListModel(QAbstractListModel):
    """The draft's pages in order; the editor feeds it, the list view shows it."""

    move_requested = Signal(int, int)
    """(page id, new position) after the clerk dragged a page."""
    files_dropped = Signal(list, int)
    """(local file paths as strings, row they were dropped before; -1: at the end)."""

    def __init__(
        self,
        request_thumbnail: Callable[[int], None] | None = None,
        parent: QObject | None = None,
        thumbnail_side: int = THUMBNAIL_SIDE,
    ) -> None:
        super().__init__(parent)
        self._pages: list[DraftPage] = []
        self._reading: set[int] = set()
        self._thumbnails: dict[int, QPixmap] = {}
        self._requested: set[int] = set()
        self._documents: dict[str, str] = {}
        self._request_thumbnail = request_thumbnail
        self._side = thumbnail_side
        self._blank: QPixmap | None = None

    # --- reading --------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pages)

    def pages(self) -> list[DraftPage]:
        return list(self._pages)

    def page_at(self, row: int) -> DraftPage | None:
        return self._pages[row] if 0 <= row < len(self._pages) else None

    def row_of(self, page_id: int) -> int:
        for row, page in enumerate(self._pages):
            if page.page_id == page_id:
                return row
        return -1

    def state_of(self, page: DraftPage) -> PageState:
        if not page.processed and page.page_id in self._reading:
            return PageState.READING
        return page.state

    def counts(self) -> dict[PageState, int]:
        found = dict.fromkeys(PageState, 0)
        for page in self._pages:
            found[self.state_of(page)] += 1
        return found

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._pages):
            return None
        page = self._pages[index.row()]
        state = self.state_of(page)
        if role == Qt.ItemDataRole.DisplayRole:
            # The page number is painted by the view's delegate (it is the row, not data).
            document = self._document_name(page)
            glyph = STATE_GLYPHS[state]
            return f"{glyph}\n{document}" if document else glyph
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(page)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(page, state)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(STATE_COLOURS[state])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{page.name}: {state_label(state)}"
        if role == Role.PAGE:
            return page
        if role == Role.PAGE_ID:
            return page.page_id
        if role == Role.STATE:
            return state.value
        if role == Role.DOCUMENT:
            return self._document_name(page)
        if role == Role.CONFIDENCE:
            return page.confidence
        if role == Role.FLAGS:
            return "\n".join(flag.message_vi for flag in page.flags)
        return None

    def _document_name(self, page: DraftPage) -> str:
        if page.document_key is None:
            return ""
        return self._documents.get(page.document_key, "")

    def _decoration(self, page: DraftPage) -> QPixmap:
        pixmap = self._thumbnails.get(page.page_id)
        if pixmap is not None:
            return pixmap
        if self._request_thumbnail is not None and page.page_id not in self._requested:
            self._requested.add(page.page_id)
            self._request_thumbnail(page.page_id)
        if self._blank is None:
            self._blank = _blank_sheet(self._side)
        return self._blank

    def _tooltip(self, page: DraftPage, state: PageState) -> str:
        lines = [f"{page.name} — {state_label(state)}"]
        document = self._document_name(page)
        if document:
            lines.append(document)
        if page.confidence is not None and page.processed:
            lines.append(
                QCoreApplication.translate("PageList", "OCR confidence: %1%").replace(
                    "%1", f"{page.confidence:.0f}"
                )
            )
        lines.extend(flag.message_vi for flag in page.flags)
        return "\n".join(lines)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled

    # --- feeding --------------------------------------------------------------------------

    def set_pages(self, pages: Sequence[DraftPage]) -> None:
        self.beginResetModel()
        self._pages = sorted(pages, key=lambda page: page.position)
        known = {page.page_id for page in self._pages}
        self._reading &= known
        self._thumbnails = {k: v for k, v in self._thumbnails.items() if k in known}
        self._requested &= known
        self.endResetModel()

    def insert_pages(self, row: int, pages: Sequence[DraftPage]) -> None:
        """New pages at ``row`` (clamped; the rows after them renumber)."""
        if not pages:
            return
        row = max(0, min(row, len(self._pages)))
        self.beginInsertRows(QModelIndex(), row, row + len(pages) - 1)
        self._pages[row:row] = list(pages)
        self.endInsertRows()

    def remove_page(self, page_id: int) -> DraftPage | None:
        row = self.row_of(page_id)
        if row < 0:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        page = self._pages.pop(row)
        self.endRemoveRows()
        self._reading.discard(page_id)
        self._thumbnails.pop(page_id, None)
        self._requested.discard(page_id)
        return page

    def update_page(self, page: DraftPage) -> None:
        """A page's new values (result of OCR, rotation, assignment): one row repaints."""
        row = self.row_of(page.page_id)
        if row < 0:
            return
        self._pages[row] = page
        if page.processed:
            self._reading.discard(page.page_id)
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def set_reading(self, page_id: int, reading: bool) -> None:
        if reading:
            self._reading.add(page_id)
        else:
            self._reading.discard(page_id)
        self._changed(page_id, self._state_roles())

    def set_thumbnail(self, page_id: int, image: QImage | None) -> None:
        """The thumbnail loaded by the editor (``None``: keep the blank sheet for good)."""
        if image is None or image.isNull():
            return
        self._thumbnails[page_id] = QPixmap.fromImage(image)
        self._changed(page_id, [Qt.ItemDataRole.DecorationRole])

    def forget_thumbnail(self, page_id: int) -> None:
        """The page's image changed (rotated, rescanned): load it again when shown."""
        self._thumbnails.pop(page_id, None)
        self._requested.discard(page_id)
        self._changed(page_id, [Qt.ItemDataRole.DecorationRole])

    def set_document_names(self, names: dict[str, str]) -> None:
        """The checklist's lines by document key, for the label under each page."""
        self._documents = dict(names)
        if self._pages:
            roles = [
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.ToolTipRole,
                Role.DOCUMENT,
            ]
            self.dataChanged.emit(self.index(0), self.index(len(self._pages) - 1), roles)

    def move_page(self, page_id: int, position: int) -> bool:
        """Move a page's row to ``position`` (the row it will have afterwards)."""
        row = self.row_of(page_id)
        position = max(0, min(position, len(self._pages) - 1))
        if row < 0 or row == position:
            return False
        destination = position + 1 if position > row else position
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._pages.insert(position, self._pages.pop(row))
        self.endMoveRows()
        return True

    def _changed(self, page_id: int, roles: Iterable[int]) -> None:
        row = self.row_of(page_id)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index, list(roles))

    @staticmethod
    def _state_roles() -> list[int]:
        return [
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Role.STATE,
        ]

    # --- drag and drop --------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [PAGE_MIME, "text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        ids = [str(self._pages[i.row()].page_id) for i in indexes if i.isValid()]
        mime.setData(PAGE_MIME, QByteArray(",".join(ids).encode()))
        return mime

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: ModelIndex,
    ) -> bool:
        return data.hasFormat(PAGE_MIME) or data.hasUrls()

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: ModelIndex,
    ) -> bool:
        if parent.isValid():  # dropped onto a page: before it
            row = parent.row()
        if data.hasFormat(PAGE_MIME):
            raw = bytes(data.data(PAGE_MIME).data()).decode()
            ids = [int(part) for part in raw.split(",") if part.strip().isdigit()]
            if len(ids) != 1:
                return False
            page_id = ids[0]
            source = self.row_of(page_id)
            if source < 0:
                return False
            target = len(self._pages) if row < 0 else row
            position = target - 1 if target > source else target
            if self.move_page(page_id, position):
                self.move_requested.emit(page_id, position)
            # Handled here: returning False keeps the view from removing the source row.
            return False
        paths = [url.toLocalFile() for url in data.urls() if url.isLocalFile()]
        if paths:
            self.files_dropped.emit(paths, row)
            return True
        return False
