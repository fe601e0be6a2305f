"""The scanner-burst filter: a scan anywhere becomes one text; a person's typing stays typing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.ui.scanner_burst import ScannerBurstFilter

from .reception_support import press, scan, type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

QR = "001199012345||Đặng Thị Đào|02031999|Nữ|Phường Ba Đình, Hà Nội|15062022"


@pytest.fixture
def fields(qtbot: QtBot) -> Iterator[tuple[QLineEdit, QLineEdit]]:
    window = QWidget()
    first, second = QLineEdit(), QLineEdit()
    layout = QVBoxLayout(window)
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    first.setFocus()
    yield first, second
    window.close()


@pytest.fixture
def scans(qapp: QApplication) -> Iterator[tuple[ScannerBurstFilter, list[str]]]:
    received: list[str] = []
    burst_filter = ScannerBurstFilter(received.append)
    qapp.installEventFilter(burst_filter)
    yield burst_filter, received
    qapp.removeEventFilter(burst_filter)


def test_a_scan_in_any_field_is_one_text_and_types_nothing(
    fields: tuple[QLineEdit, QLineEdit], scans: tuple[ScannerBurstFilter, list[str]]
) -> None:
    first, second = fields
    burst_filter, received = scans
    type_text("ghi chú", widget=second)
    burst_filter.release_held()
    scan(QR, widget=second)
    assert received == [QR]
    assert second.text() == "ghi chú"  # what the clerk typed stays; the scan added nothing
    assert first.text() == ""
    assert burst_filter.held_text() == ""


def test_the_same_text_typed_by_a_person_lands_in_the_field(
    qtbot: QtBot,
    fields: tuple[QLineEdit, QLineEdit],
    scans: tuple[ScannerBurstFilter, list[str]],
) -> None:
    first, _second = fields
    _burst_filter, received = scans
    entered: list[str] = []
    first.returnPressed.connect(lambda: entered.append(first.text()))
    type_text(QR, widget=first)
    press(Qt.Key.Key_Return, widget=first)
    assert received == []
    assert first.text() == QR
    assert entered == [QR]  # Enter reached the field after its text, as typed


def test_a_pause_releases_the_held_keys_to_their_field(
    qtbot: QtBot,
    fields: tuple[QLineEdit, QLineEdit],
    scans: tuple[ScannerBurstFilter, list[str]],
) -> None:
    first, _second = fields
    _burst_filter, received = scans
    type_text("Nguyễn", widget=first)
    qtbot.waitUntil(lambda: first.text() == "Nguyễn")
    assert received == []


def test_a_short_fast_run_with_enter_is_typing(
    fields: tuple[QLineEdit, QLineEdit], scans: tuple[ScannerBurstFilter, list[str]]
) -> None:
    first, _second = fields
    _burst_filter, received = scans
    scan("abc", widget=first)  # roll-over of three keys: far below a QR's length
    assert received == []
    assert first.text() == "abc"


def test_a_shortcut_releases_held_keys_before_it_acts(
    fields: tuple[QLineEdit, QLineEdit], scans: tuple[ScannerBurstFilter, list[str]]
) -> None:
    first, second = fields
    _burst_filter, received = scans
    type_text("Hà", widget=first)
    press(Qt.Key.Key_Tab, widget=first)
    assert first.text() == "Hà"
    assert second.hasFocus()
    assert received == []


def test_disabled_filter_lets_a_scan_through(
    fields: tuple[QLineEdit, QLineEdit], scans: tuple[ScannerBurstFilter, list[str]]
) -> None:
    first, _second = fields
    burst_filter, received = scans
    burst_filter.set_enabled(False)
    scan("0123456789012345", widget=first)
    assert received == []
    assert first.text() == "0123456789012345"


def test_a_shortcut_right_after_typing_sees_the_whole_text(
    fields: tuple[QLineEdit, QLineEdit], scans: tuple[ScannerBurstFilter, list[str]]
) -> None:
    first, _second = fields
    seen: list[str] = []
    shortcut = QShortcut(QKeySequence("Ctrl+S"), first.window())
    shortcut.activated.connect(lambda: seen.append(first.text()))
    type_text("0912345678", widget=first)
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, widget=first)
    assert seen == ["0912345678"]  # Qt matches shortcuts before delivering the key press
