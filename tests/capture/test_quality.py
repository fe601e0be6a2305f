"""The quality gate: a bad page is flagged, with the reason in Vietnamese, before the citizen
leaves; a good page is not."""

from __future__ import annotations

import cv2
import numpy as np

from app.capture.cleanup import CleanupOptions, clean_page
from app.capture.model import FlagCode, OcrResult
from app.capture.quality import assess
from tests.capture.ocr_helpers import small_page, source_page


def _flags(
    image: np.ndarray, dpi: float | None = 300.0, **kwargs: object
) -> dict[FlagCode, object]:
    page = source_page(image, dpi)
    cleaned = clean_page(page, CleanupOptions(**kwargs))  # type: ignore[arg-type]
    return {flag.code: flag for flag in assess(page, cleaned, None)}


def test_a_good_page_passes() -> None:
    assert _flags(small_page()) == {}


def test_a_blurred_page_is_flagged_with_a_vietnamese_message() -> None:
    flags = _flags(cv2.GaussianBlur(small_page(), (0, 0), 4))
    flag = flags[FlagCode.BLURRY]
    assert flag.message_vi == "Trang bị mờ, hãy quét lại"
    assert "blurred" in flag.message
    assert flag.value is not None and flag.value < 12


def test_a_slightly_soft_page_that_ocr_reads_is_not_flagged_blurry() -> None:
    assert FlagCode.BLURRY not in _flags(cv2.GaussianBlur(small_page(), (0, 0), 1))


def test_a_100_dpi_page_is_flagged_low_resolution() -> None:
    page = cv2.resize(small_page(), None, fx=1 / 3, fy=1 / 3, interpolation=cv2.INTER_AREA)
    flags = _flags(page, dpi=100.0)
    flag = flags[FlagCode.LOW_RESOLUTION]
    assert flag.value == 100.0
    assert "100 dpi" in flag.message and "200 dpi" in flag.message_vi
    assert FlagCode.TOO_SMALL in flags  # 413 pixels wide


def test_a_blank_page_is_flagged_blank_only() -> None:
    blank = np.full((1754, 1240), 250, np.uint8)
    flags = _flags(blank)
    assert list(flags) == [FlagCode.BLANK]
    assert "Trang trống" in flags[FlagCode.BLANK].message_vi  # type: ignore[attr-defined]


def test_a_crooked_page_left_crooked_is_flagged_skewed() -> None:
    page = small_page()
    matrix = cv2.getRotationMatrix2D((620, 877), 4.0, 1.0)
    crooked = cv2.warpAffine(page, matrix, (1240, 1754), borderValue=255)
    flags = _flags(crooked, skip=frozenset({"deskew"}))
    flag = flags[FlagCode.SKEWED]
    assert abs(abs(flag.value) - 4.0) < 0.3  # type: ignore[attr-defined,arg-type]
    assert "nghiêng" in flag.message_vi  # type: ignore[attr-defined]
    assert FlagCode.SKEWED not in _flags(crooked)  # levelled by the deskew step


def test_low_ocr_confidence_is_flagged() -> None:
    page = source_page(small_page())
    cleaned = clean_page(page)
    unsure = OcrResult(text="?", confidence=41.0, language="vie", seconds=0.1)
    sure = OcrResult(text="ok", confidence=93.0, language="vie", seconds=0.1)
    flags = assess(page, cleaned, unsure)
    assert [flag.code for flag in flags] == [FlagCode.LOW_CONFIDENCE]
    assert "41%" in flags[0].message_vi
    assert assess(page, cleaned, sure) == ()
