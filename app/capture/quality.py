"""The quality gate at the counter: is this page good enough to keep, or must it be rescanned
while the citizen is still here?

Each check is cheap (tens of milliseconds) and measured on the cleaned page, except the dpi
and size, which are the source's: a page blown up from 100 dpi is still a 100-dpi page.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from app.capture.cleanup import measure_skew
from app.capture.model import CleanedPage, FlagCode, OcrResult, QualityFlag, SourcePage

SHARPNESS_DPI = 150
"""Sharpness is measured at this resolution, so the same blur gives the same figure whatever
the page's dpi."""


@dataclass(frozen=True)
class QualityThresholds:
    """Limits of the gate; the defaults come from the pages of ``bench ocr``.

    ``min_sharpness``: the normalised Laplacian figure (see :func:`sharpness`) is 30-45 on
    clean 200-300 dpi pages, ~23 after a Gaussian blur of 1 pixel at 300 dpi, ~15 after 2
    (Tesseract still reads it without error in ``bench ocr``), ~10 after 3 and ~6 after 4,
    where strokes of 12-pt text merge.
    ``min_dpi``: Circular 01/2023 requires at least 200 dpi for digitised dossiers.
    ``min_confidence``: Tesseract's mean word confidence was 90-95 on our rendered pages,
    73-81 on the three pages of the official land form (small type, dot leaders; CER ~0.07)
    and 41 on a page OCR'd upside down (garbage); 60 keeps the real forms clear of the flag.
    """

    min_sharpness: float = 12.0
    max_skew_deg: float = 1.0
    min_side_px: int = 1000
    """A page narrower than this, whatever its dpi, has too few pixels for its text."""
    min_dpi: float = 200.0
    min_confidence: float = 60.0
    blank_ink_fraction: float = 0.0005
    """Below this fraction of dark pixels the page is taken as blank (a stray back side);
    one short line of 12-pt text on A4 is ~0.001."""


def sharpness(grey: np.ndarray, dpi: float) -> float:
    """Variance of the Laplacian over the text, contrast-normalised, at :data:`SHARPNESS_DPI`.

    Only the tiles that hold text count (the upper quartile of them), so a half-empty page is
    not taken for a blurred one, and dividing by the contrast squared keeps a pale pencil page
    from being called blurred.
    """
    small = grey
    while dpi / 2 >= SHARPNESS_DPI * 0.9:  # a Gaussian pyramid: fast and alias-free
        small, dpi = cv2.pyrDown(small), dpi / 2
    if dpi > SHARPNESS_DPI * 1.1:
        scale = SHARPNESS_DPI / dpi
        small = cv2.resize(small, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    low, high = np.percentile(small[::2, ::2], [0.1, 99])
    contrast = max(float(high - low), 16.0)
    laplacian = cv2.Laplacian(small.astype(np.float32) / contrast * 100.0, cv2.CV_32F)
    tile = 32
    height, width = laplacian.shape
    height, width = height - height % tile, width - width % tile
    if height == 0 or width == 0:
        return float(np.sqrt(laplacian.var()))
    normalised = small[:height, :width].astype(np.float32) / contrast * 100.0
    shape = (height // tile, tile, width // tile, tile)
    has_text = normalised.reshape(shape).std(axis=(1, 3)).ravel() > 10.0
    if not has_text.any():
        return 0.0
    per_tile = laplacian[:height, :width].reshape(shape).var(axis=(1, 3)).ravel()[has_text]
    return float(np.sqrt(np.percentile(per_tile, 75)))


def ink_fraction(grey: np.ndarray) -> float:
    """Fraction of pixels clearly darker than the paper (the median), on a quarter sample."""
    small = grey[::4, ::4]
    paper = float(np.median(small))
    return float(np.count_nonzero(small < paper * 0.6)) / small.size


def _flag(code: FlagCode, message: str, message_vi: str, value: float | None) -> QualityFlag:
    return QualityFlag(code=code, message=message, message_vi=message_vi, value=value)


def assess(
    source: SourcePage,
    cleaned: CleanedPage,
    ocr: OcrResult | None,
    thresholds: QualityThresholds | None = None,
) -> tuple[QualityFlag, ...]:
    """The reasons to rescan this page (empty: the page passes)."""
    limits = thresholds or QualityThresholds()
    flags: list[QualityFlag] = []
    image = cleaned.image
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)

    if ink_fraction(grey) < limits.blank_ink_fraction:
        return (
            _flag(
                FlagCode.BLANK,
                "The page is blank; check that the right side was scanned",
                "Trang trống; hãy kiểm tra đã quét đúng mặt giấy",
                None,
            ),
        )
    if source.dpi is not None and source.dpi < limits.min_dpi:
        flags.append(
            _flag(
                FlagCode.LOW_RESOLUTION,
                f"Scanned at {source.dpi:.0f} dpi, below the {limits.min_dpi:.0f} dpi minimum; "
                "rescan at 300 dpi",
                f"Trang quét ở {source.dpi:.0f} dpi, thấp hơn mức tối thiểu "
                f"{limits.min_dpi:.0f} dpi; hãy quét lại ở 300 dpi",
                source.dpi,
            )
        )
    side = min(cleaned.image.shape[:2])
    source_side = min(source.image.shape[:2])
    if min(side, source_side) < limits.min_side_px:
        flags.append(
            _flag(
                FlagCode.TOO_SMALL,
                f"The page is only {min(side, source_side)} pixels wide; rescan it larger",
                f"Trang chỉ rộng {min(side, source_side)} điểm ảnh, quá nhỏ để đọc; "
                "hãy quét hoặc chụp lại gần hơn",
                float(min(side, source_side)),
            )
        )
    figure = sharpness(grey, cleaned.dpi)
    if figure < limits.min_sharpness:
        flags.append(
            _flag(
                FlagCode.BLURRY,
                f"The page is blurred (sharpness {figure:.0f}, minimum "
                f"{limits.min_sharpness:.0f}); rescan it",
                "Trang bị mờ, hãy quét lại",
                figure,
            )
        )
    skew = _residual_skew(cleaned)
    if skew is not None and abs(skew) > limits.max_skew_deg:
        flags.append(
            _flag(
                FlagCode.SKEWED,
                f"The page is skewed by {skew:.1f} degrees; rescan it straight",
                f"Trang bị nghiêng {abs(skew):.1f} độ; hãy đặt thẳng giấy và quét lại",
                skew,
            )
        )
    if ocr is not None and ocr.confidence < limits.min_confidence:
        flags.append(
            _flag(
                FlagCode.LOW_CONFIDENCE,
                f"The text was read with low confidence ({ocr.confidence:.0f}%); "
                "check the page and rescan it if it is hard to read",
                f"Chữ trên trang nhận dạng kém (độ tin cậy {ocr.confidence:.0f}%); "
                "hãy kiểm tra và quét lại nếu khó đọc",
                ocr.confidence,
            )
        )
    return tuple(flags)


def _residual_skew(cleaned: CleanedPage) -> float | None:
    """The skew left on the cleaned page: zero when the deskew step levelled it (it measured
    the same thing to 0.02 degree); measured again only when that step was skipped."""
    for step in cleaned.steps:
        if step.name == "deskew" and step.detail != "skipped":
            return 0.0
    return measure_skew(cleaned.ocr_image)
