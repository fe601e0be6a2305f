"""The page list model alone: qtmodeltester, states, flags as tooltip, lazy thumbnails,
narrow dataChanged, reordering by drop."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt, QUrl
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from app.capture.model import FlagCode, QualityFlag
from app.ui.models.page_list_model import PAGE_MIME, PageListModel, Role
from app.ui.services_capture import DraftPage, PageState

pytestmark = pytest.mark.usefixtures("qapp")

BLURRY = QualityFlag(FlagCode.BLURRY, "The page is blurred", "Trang bị mờ, hãy quét lại", 12.0)


def _page(page_id: int, position: int, **changes: Any) -> DraftPage:
    values: dict[str, Any] = {
        "page_id": page_id,
        "position": position,
        "name": f"scan-{page_id}.jpg",
        "document_key": None,
        "processed": False,
    }
    values.update(changes)
    return DraftPage(**values)


def _filled(requests: list[int] | None = None) -> PageListModel:
    model = PageListModel(requests.append if requests is not None else None)
    model.set_pages(
        [
            _page(1, 0, processed=True, confidence=91.0, text="Tờ khai", document_key="required:7"),
            _page(2, 1, processed=True, confidence=40.0, flags=(BLURRY,)),
            _page(3, 2),
        ]
    )
    model.set_document_names({"required:7": "Tờ khai đăng ký khai sinh"})
    return model


def test_qtmodeltester(qtmodeltester: Any) -> None:
    model = _filled([])
    qtmodeltester.check(model, force_py=True)
    model.move_page(1, 2)
    model.remove_page(2)
    model.insert_pages(0, [_page(9, 0)])
    qtmodeltester.check(model, force_py=True)


def test_states_documents_and_flags_as_the_clerk_sees_them() -> None:
    model = _filled()
    done, flagged, waiting = (model.index(row) for row in range(3))
    assert done.data(Role.STATE) == PageState.DONE
    assert flagged.data(Role.STATE) == PageState.FLAGGED
    assert waiting.data(Role.STATE) == PageState.WAITING
    assert done.data() == "✔\nTờ khai đăng ký khai sinh"
    assert flagged.data() == "⚠"
    assert "Trang bị mờ, hãy quét lại" in flagged.data(Qt.ItemDataRole.ToolTipRole)
    assert "91" in done.data(Qt.ItemDataRole.ToolTipRole)
    assert done.data(Role.CONFIDENCE) == 91.0
    assert flagged.data(Qt.ItemDataRole.ForegroundRole) == QColor("#b3261e")
    model.set_reading(3, True)
    assert waiting.data(Role.STATE) == PageState.READING
    assert model.counts()[PageState.READING] == 1
    model.update_page(_page(3, 2, processed=True, confidence=88.0))
    assert waiting.data(Role.STATE) == PageState.DONE  # reading ends with the result


def test_thumbnails_are_requested_once_and_repaint_one_row(qtbot: QtBot) -> None:
    requests: list[int] = []
    model = _filled(requests)
    placeholder = model.index(1).data(Qt.ItemDataRole.DecorationRole)
    model.index(1).data(Qt.ItemDataRole.DecorationRole)
    assert requests == [2]
    image = QImage(40, 60, QImage.Format.Format_Grayscale8)
    image.fill(0)
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_thumbnail(2, image)
    top, bottom, roles = changed.args
    assert (top.row(), bottom.row()) == (1, 1)
    assert roles == [Qt.ItemDataRole.DecorationRole]
    shown = model.index(1).data(Qt.ItemDataRole.DecorationRole)
    assert shown.size() != placeholder.size()
    model.forget_thumbnail(2)
    model.index(1).data(Qt.ItemDataRole.DecorationRole)
    assert requests == [2, 2]  # a turned page is loaded again


def test_a_dragged_page_moves_and_is_announced(qtbot: QtBot) -> None:
    model = _filled()
    mime = model.mimeData([model.index(0)])
    assert mime.hasFormat(PAGE_MIME)
    with qtbot.waitSignal(model.move_requested) as moved:
        # Dropped before the third row: the first page becomes the second.
        model.dropMimeData(mime, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert moved.args == [1, 1]
    assert [page.page_id for page in model.pages()] == [2, 1, 3]


def test_files_dropped_on_the_list_are_announced_with_their_row(qtbot: QtBot) -> None:
    model = _filled()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/a.jpg")])
    with qtbot.waitSignal(model.files_dropped) as dropped:
        model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, model.index(1))
    assert dropped.args[1] == 1
    assert dropped.args[0][0].endswith("a.jpg")
