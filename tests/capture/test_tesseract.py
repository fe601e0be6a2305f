"""Tesseract as the app runs it: one call per page, clear errors when it cannot run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.capture import tesseract
from app.capture.errors import CaptureError, CaptureProblem
from app.capture.tesseract import debian_package, probe, run_ocr
from tests.capture.ocr_helpers import small_page


@pytest.fixture
def fresh_probe() -> Iterator[None]:
    """The probe is cached per process; a test that changes PATH must not poison it."""
    tesseract.probe.cache_clear()
    yield
    tesseract.probe.cache_clear()


def test_probe_finds_tesseract_5_with_vietnamese() -> None:
    info = probe()
    assert info.version.startswith("5")
    assert {"vie", "Vietnamese", "eng", "osd"} <= info.languages


def test_one_call_gives_text_words_confidences_and_the_text_layer() -> None:
    result = run_ocr(
        small_page(("Đăng ký thường trú", "Chứng thực bản sao")), 300, language="vie", timeout_s=60
    )
    assert "Đăng ký thường trú" in result.text
    assert "Chứng thực bản sao" in result.text
    assert [word.text for word in result.words][:4] == ["Đăng", "ký", "thường", "trú"]
    assert all(0 <= word.confidence <= 100 for word in result.words)
    assert result.confidence > 80
    assert result.language == "vie"
    assert result.text_layer_pdf.startswith(b"%PDF")
    first = result.words[0]
    assert 250 < first.left < 350 and 250 < first.top < 350  # one inch margin at 300 dpi


def test_without_the_text_layer_no_pdf_is_made() -> None:
    result = run_ocr(
        small_page(("Bộ phận một cửa",)), 300, language="vie", timeout_s=60, text_layer=False
    )
    assert result.text_layer_pdf == b""
    assert "Bộ phận một cửa" in result.text


def test_a_missing_language_names_the_package_to_install() -> None:
    with pytest.raises(CaptureError) as raised:
        run_ocr(small_page(), 300, language="xyz", timeout_s=60)
    error = raised.value
    assert error.problem is CaptureProblem.LANGUAGE_MISSING
    assert "tesseract-ocr-xyz" in str(error)
    assert "Chưa cài gói ngôn ngữ" in error.message_vi and "tesseract-ocr-xyz" in error.message_vi


def test_one_missing_part_of_a_combined_language_is_named() -> None:
    with pytest.raises(CaptureError, match="tesseract-ocr-script-thai") as raised:
        run_ocr(small_page(), 300, language="vie+Thai", timeout_s=60)
    assert "vie," not in str(raised.value)


def test_debian_packages_of_the_vietnamese_models() -> None:
    assert debian_package("vie") == "tesseract-ocr-vie"
    assert debian_package("Vietnamese") == "tesseract-ocr-script-viet"


def test_a_page_over_its_time_is_stopped() -> None:
    with pytest.raises(CaptureError) as raised:
        run_ocr(small_page(), 300, language="vie", timeout_s=0.05)
    assert raised.value.problem is CaptureProblem.OCR_TIMEOUT
    assert "0.05 s" in str(raised.value) and "quá 0.05 giây" in raised.value.message_vi


@pytest.mark.usefixtures("fresh_probe")
def test_no_tesseract_on_the_machine_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(CaptureError) as raised:
        run_ocr(small_page(), 300, language="vie", timeout_s=60)
    assert raised.value.problem is CaptureProblem.OCR_ENGINE_MISSING
    assert "tesseract-ocr" in str(raised.value)
    assert "Chưa cài đặt" in raised.value.message_vi
