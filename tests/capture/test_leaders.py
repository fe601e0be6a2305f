"""Dot leaders of a form are erased before OCR: the labels beside them come out as words."""

from __future__ import annotations

import numpy as np

from app.capture.cleanup import CleanupOptions, clean_page
from app.capture.tesseract import run_ocr
from tests.capture.ocr_helpers import small_page, source_page

FORM = (
    "Họ, chữ đệm và tên: ..............................................",
    "Ngày sinh: .................. Giới tính: ..........",
    "Số định danh cá nhân: ……………………………………………………",
    "Nơi thường trú: ..................................................",
)
PLAIN = (
    "Hộ tịch: ị ạ ọ ụ ặ ệ; hết.",
    "Tài liệu kèm theo...",
    "Tập trung giải quyết hồ sơ",
    "Bộ phận một cửa: ngày 1.1.2026",
)


def _read(image: np.ndarray) -> list[str]:
    result = run_ocr(image, 300, language="vie", timeout_s=60.0, text_layer=False)
    return [line.strip() for line in result.text.splitlines() if line.strip()]


def test_the_labels_of_a_form_are_read_without_the_dots_and_the_page_keeps_them() -> None:
    page = small_page(FORM)
    cleaned = clean_page(source_page(page))
    step = {s.name: s for s in cleaned.steps}["leaders"]
    assert step.applied, step.detail
    # What the clerk sees and what goes into the PDF is the form as it was, dots and all.
    assert np.array_equal(cleaned.image, page)
    assert cleaned.ocr_image.min() < 128  # the words are still there
    assert _read(cleaned.ocr_image) == [
        "Họ, chữ đệm và tên:",
        "Ngày sinh: Giới tính:",
        "Số định danh cá nhân:",
        "Nơi thường trú:",
    ]


def test_dots_that_are_part_of_the_text_are_kept() -> None:
    page = small_page(PLAIN)
    cleaned = clean_page(source_page(page))
    step = {s.name: s for s in cleaned.steps}["leaders"]
    assert not step.applied, step.detail
    assert np.array_equal(cleaned.ocr_image, page)


def test_the_step_can_be_skipped() -> None:
    page = small_page(FORM)
    cleaned = clean_page(source_page(page), CleanupOptions(skip=("leaders",)))
    assert np.array_equal(cleaned.ocr_image, page)
