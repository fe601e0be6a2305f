"""The slip's QR encoder is ``qrcode``'s, made fast: it must draw the very same symbol."""

from __future__ import annotations

import numpy as np
import pytest
import qrcode
import qrcode.constants
import qrcode.util
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from app.documents.qr import draw_qr, penalty, qr_matrix

from .support import signed_qr_text

TEXTS = [
    "a",
    "HELLO 123",
    "1234567890" * 5,
    "Nguyễn Thị Đào 001199012345",
    "ABC123" * 40,
    "https://tra-cuu.example.org/ho-so?c=000.00.53.H48-220921-0099",
    "x" * 600,
]


def _reference(text: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=1)
    code.add_data(text)
    code.make(fit=True)
    return code


@pytest.mark.parametrize("text", [*TEXTS, *(signed_qr_text() for _ in range(12))])
def test_the_symbol_is_module_for_module_the_one_qrcode_draws(text: str) -> None:
    expected = tuple(tuple(bool(cell) for cell in row) for row in _reference(text).get_matrix())
    assert qr_matrix(text) == expected


def test_the_mask_penalty_is_counted_as_qrcode_counts_it() -> None:
    code = _reference(signed_qr_text())
    for mask in range(8):
        code.makeImpl(True, mask)
        modules = np.array(code.modules, dtype=bool)
        assert penalty(modules) == qrcode.util.lost_point(code.modules)


def test_the_drawn_squares_are_exactly_the_dark_modules() -> None:
    text = signed_qr_text()
    matrix = np.array(qr_matrix(text), dtype=bool)
    size = len(matrix)
    image = QImage(size * 4, size * 4, QImage.Format.Format_Grayscale8)
    image.fill(Qt.GlobalColor.gray)
    painter = QPainter(image)
    draw_qr(painter, text, QRectF(0, 0, size * 4, size * 4))
    painter.end()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )[:, : image.width()]
    centres = pixels[2::4, 2::4]  # the middle of each module
    assert np.array_equal(centres < 64, matrix)
    assert np.all((centres < 64) | (centres > 192))  # the quiet zone was painted white
