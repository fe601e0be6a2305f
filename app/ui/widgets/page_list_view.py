"""The page editor's thumbnails: a wrapping row of pages, numbered, reordered by dragging.

Also :func:`to_qimage`, which turns a page image into a small ``QImage`` on a worker thread,
so the GUI thread only wraps finished pixels (``QPixmap.fromImage`` of a thumbnail).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.ui.models.page_list_model import THUMBNAIL_SIDE

if TYPE_CHECKING:
    import numpy as np


def to_qimage(image: np.ndarray | None, max_side: int) -> QImage | None:
    """An ndarray (BGR or grey) as a QImage no larger than ``max_side``: run on a worker
    (QImage, unlike QPixmap, may be built off the GUI thread)."""
    if image is None or image.size == 0:
        return None
    import cv2
    import numpy as np

    height, width = image.shape[:2]
    scale = max_side / max(height, width)
    if scale < 1:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    image = np.ascontiguousarray(image)
    height, width = image.shape[:2]
    fmt = QImage.Format.Format_Grayscale8 if image.ndim == 2 else QImage.Format.Format_BGR888
    qimage = QImage(image.data, width, height, int(image.strides[0]), fmt)
    return qimage.copy()  # own the pixels: the array goes away with this thread's frame


class NumberedDelegate(QStyledItemDelegate):
    """Each thumbnail's caption starts with its page number (its row, so not model data)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.text = f"{index.row() + 1} {option.text}"  # type: ignore[attr-defined]


class PageListView(QListView):
    """Thumbnails in a wrapping row; drag to reorder, files may be dropped on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageList")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)  # moves go through the model
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        self.setGridSize(QSize(THUMBNAIL_SIDE + 24, THUMBNAIL_SIDE + 44))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)  # a caption has one line, or two with its document
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setItemDelegate(NumberedDelegate(self))
