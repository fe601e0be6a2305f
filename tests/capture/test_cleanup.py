"""Clean-up: what the clerk would notice on the page that comes out."""

from __future__ import annotations

import time

import cv2
import numpy as np
import pytest

from app.bench.ocr_pages import photographed, shadowed
from app.capture.cleanup import STEPS, CleanupOptions, clean_page, measure_skew
from tests.capture.ocr_helpers import small_page, source_page


def _turned(image: np.ndarray, angle: float) -> np.ndarray:
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), borderValue=255)


def _applied(cleaned: object) -> set[str]:
    return {step.name for step in cleaned.steps if step.applied}  # type: ignore[attr-defined]


@pytest.mark.parametrize("angle", [7.0, -3.3])
def test_a_crooked_page_comes_out_level(angle: float) -> None:
    cleaned = clean_page(source_page(_turned(small_page(), angle)))
    assert abs(cleaned.rotation + angle) <= 0.3
    residual = measure_skew(cleaned.ocr_image)
    assert residual is not None and abs(residual) <= 0.3
    assert "deskew" in _applied(cleaned)


def test_a_clean_scan_goes_through_untouched_and_fast() -> None:
    page = small_page()
    started = time.perf_counter()
    cleaned = clean_page(source_page(page))
    elapsed = time.perf_counter() - started
    assert _applied(cleaned) == set()
    assert np.array_equal(cleaned.image, page)
    assert np.array_equal(cleaned.ocr_image, page)
    assert cleaned.rotation == 0.0 and cleaned.dpi == 300
    assert [step.name for step in cleaned.steps] == list(STEPS)
    assert elapsed < 1.0  # ~0.05 s on an idle core; generous for a loaded CI machine


def test_a_photo_on_a_table_comes_out_as_the_page_only() -> None:
    photo = photographed(small_page(), np.random.default_rng(3))
    cleaned = clean_page(source_page(photo, dpi=None, name="photo.jpg"))
    assert "page_detection" in _applied(cleaned)
    height, width = cleaned.image.shape[:2]
    assert abs(height / width - 1754 / 1240) < 0.05  # the page's own proportions
    grey = cv2.cvtColor(cleaned.image, cv2.COLOR_BGR2GRAY)
    band = 20
    edges = np.concatenate(
        [grey[:band].ravel(), grey[-band:].ravel(), grey[:, :band].ravel(), grey[:, -band:].ravel()]
    )
    assert np.median(edges) > 200  # paper at every edge, no desk left
    assert cleaned.ocr_image.shape == cleaned.image.shape[:2]


@pytest.mark.parametrize(
    ("turn", "expected"), [(cv2.ROTATE_180, 180.0), (cv2.ROTATE_90_CLOCKWISE, 90.0)]
)
def test_a_turned_page_is_put_upright(turn: int, expected: float) -> None:
    page = small_page()
    cleaned = clean_page(source_page(cv2.rotate(page, turn)))
    assert cleaned.rotation % 360 == pytest.approx(expected, abs=0.3)
    assert "orientation" in _applied(cleaned)
    assert np.array_equal(cleaned.ocr_image, page)  # quarter turns are lossless


def test_a_shadow_is_evened_out() -> None:
    page = small_page()
    cleaned = clean_page(source_page(shadowed(page, np.random.default_rng(5))))
    assert "illumination" in _applied(cleaned)
    assert "binarise" not in _applied(cleaned)  # Tesseract thresholds the even page better
    paper = page > 250
    # Where the original is paper, the cleaned page is near white, shadow or not.
    assert (cleaned.ocr_image[paper] >= 230).mean() > 0.99


def test_binarising_when_asked_gives_black_and_white_paper() -> None:
    page = small_page()
    shadow = source_page(shadowed(page, np.random.default_rng(5)))
    cleaned = clean_page(shadow, CleanupOptions(binarise=True))
    assert {"illumination", "binarise"} <= _applied(cleaned)
    assert set(np.unique(cleaned.ocr_image)) <= {0, 255}
    assert (cleaned.ocr_image[page > 250] == 255).mean() > 0.99


def test_a_100_dpi_page_is_brought_to_300_dpi() -> None:
    page = cv2.resize(small_page(), None, fx=1 / 3, fy=1 / 3, interpolation=cv2.INTER_AREA)
    cleaned = clean_page(source_page(page, dpi=100.0))
    assert "resolution" in _applied(cleaned)
    assert cleaned.dpi == 300
    assert cleaned.ocr_image.shape == (page.shape[0] * 3, page.shape[1] * 3)


def test_a_low_resolution_page_without_a_dpi_is_measured_by_its_text() -> None:
    page = cv2.resize(small_page(), None, fx=1 / 3, fy=1 / 3, interpolation=cv2.INTER_AREA)
    cleaned = clean_page(source_page(page, dpi=None))
    resolution = next(step for step in cleaned.steps if step.name == "resolution")
    assert resolution.applied and "from the height of the text" in resolution.detail
    assert cleaned.dpi == 300
    assert cleaned.ocr_image.shape[1] > 2 * page.shape[1]


def test_a_skipped_step_is_reported_and_not_run() -> None:
    cleaned = clean_page(
        source_page(_turned(small_page(), 5.0)), CleanupOptions(skip=frozenset({"deskew"}))
    )
    assert cleaned.rotation == 0.0
    deskew = next(step for step in cleaned.steps if step.name == "deskew")
    assert not deskew.applied and deskew.detail == "skipped"


def test_an_unknown_step_name_is_refused() -> None:
    with pytest.raises(ValueError, match="deskw"):
        CleanupOptions(skip=frozenset({"deskw"}))
