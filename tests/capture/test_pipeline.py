"""The whole pipeline and the pool: one bad page never costs the rest of the dossier."""

from __future__ import annotations

import threading

import cv2
import numpy as np
import pytest

from app.capture import pipeline
from app.capture.errors import CaptureError, CaptureProblem
from app.capture.model import FlagCode, OcrResult
from app.capture.pipeline import OcrPool, PipelineOptions, process_page
from app.capture.tesseract import run_ocr
from tests.capture.ocr_helpers import small_page, source_page

TITLES = ("Đăng ký thường trú", "Chứng thực bản sao", "Tập trung giải quyết hồ sơ")


def test_a_crooked_page_is_cleaned_read_and_passed() -> None:
    page = small_page(TITLES)
    matrix = cv2.getRotationMatrix2D((620, 877), -6.0, 1.0)
    crooked = cv2.warpAffine(page, matrix, (1240, 1754), borderValue=255)
    result = process_page(source_page(crooked))
    assert result.passed, result.flags
    assert result.ocr is not None
    for title in TITLES:
        assert title in result.ocr.text
    assert result.ocr.text_layer_pdf.startswith(b"%PDF")
    assert result.cleaned.rotation == pytest.approx(6.0, abs=0.3)
    assert result.seconds >= result.ocr.seconds


def test_ocr_can_be_turned_off() -> None:
    result = process_page(source_page(small_page(TITLES)), PipelineOptions(ocr=False))
    assert result.ocr is None and result.passed


def test_a_timeout_on_one_page_flags_that_page_and_the_others_succeed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 'slow' page gets a real Tesseract call with a timeout it cannot meet."""

    def ocr_with_a_slow_page(image: np.ndarray, dpi: int, **kwargs: object) -> OcrResult:
        if image[0, 0] == 254:  # the marked page
            kwargs["timeout_s"] = 0.01
        return run_ocr(image, dpi, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "run_ocr", ocr_with_a_slow_page)
    pages = [small_page((title,)) for title in TITLES]
    pages[1][0, 0] = 254
    with OcrPool(PipelineOptions(text_layer=False), workers=2) as pool:
        results = pool.map([source_page(page, name=f"p{i}.png") for i, page in enumerate(pages)])
    assert [result.source.file.name for result in results] == ["p0.png", "p1.png", "p2.png"]
    slow = results[1]
    assert slow.ocr is None
    assert [flag.code for flag in slow.flags] == [FlagCode.OCR_TIMEOUT]
    assert "giây" in slow.flags[0].message_vi
    for result, title in zip([results[0], results[2]], [TITLES[0], TITLES[2]], strict=True):
        assert result.passed and result.ocr is not None and title in result.ocr.text


def test_a_missing_language_stops_the_pool_before_any_page() -> None:
    with pytest.raises(CaptureError) as raised:
        OcrPool(PipelineOptions(language="xyz"))
    assert raised.value.problem is CaptureProblem.LANGUAGE_MISSING
    with pytest.raises(CaptureError, match="tesseract-ocr-xyz"):
        process_page(source_page(small_page(TITLES)), PipelineOptions(language="xyz"))


def test_pages_run_on_several_threads_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers really overlap: both pages are inside OCR at the same moment."""
    inside = threading.Barrier(2, timeout=30)

    def ocr_meeting_the_other(image: np.ndarray, dpi: int, **kwargs: object) -> OcrResult:
        inside.wait()  # raises BrokenBarrierError if the pages ran one after the other
        return run_ocr(image, dpi, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "run_ocr", ocr_meeting_the_other)
    with OcrPool(PipelineOptions(text_layer=False), workers=2) as pool:
        futures = [pool.submit(source_page(small_page((title,)))) for title in TITLES[:2]]
        results = [future.result(timeout=60) for future in futures]
    assert all(result.passed for result in results)
    assert pool.workers == 2
