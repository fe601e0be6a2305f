"""Small pages rendered with exact text, for the clean-up, OCR and pipeline tests.

A5 at 300 dpi with a few lines: Tesseract reads one in ~0.3 s, a tenth of a full A4 page.
"""

from __future__ import annotations

import numpy as np

from app.bench.ocr_pages import render_page
from app.capture.model import SourceFile, SourcePage

A5_PX = (1240, 1754)
LINES = (
    "Đăng ký thường trú",
    "Chứng thực bản sao",
    "Tập trung giải quyết hồ sơ",
    "hộ khẩu thường trú",
    "Uỷ ban nhân dân xã Quỳnh Lưu",
    "Giấy tiếp nhận hồ sơ",
    "Thời hạn giải quyết",
    "Bộ phận một cửa",
)


def small_page(lines: tuple[str, ...] = LINES, font: str = "DejaVuSans.ttf") -> np.ndarray:
    return render_page(lines, font, page_px=A5_PX)


def source_page(image: np.ndarray, dpi: float | None = 300.0, name: str = "page.png") -> SourcePage:
    return SourcePage(SourceFile(name, b"", "image/png"), 0, image, dpi)
