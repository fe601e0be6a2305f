"""The values that travel through digitisation, shared by every stage of the pipeline.

A page goes: source (file, watched folder, camera, drop) -> :class:`SourcePage` (decoded, the
original bytes kept untouched) -> clean-up -> OCR -> quality gate -> :class:`ProcessedPage`.
Stages exchange these frozen values only, so each one can be run, measured and tested alone
(the ``ocr`` command and the benchmark run exactly what the app runs).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

TARGET_DPI = 300
"""Pages are normalised to this resolution before OCR (Tesseract is trained near 300 dpi)."""


class PageOrigin(StrEnum):
    """Where a page came from (kept with the page for the archive and the reports)."""

    IMPORT = "import"
    WATCHED_FOLDER = "watched_folder"
    CAMERA = "camera"
    DROP = "drop"
    REUSE = "reuse"


@dataclass(frozen=True, eq=False)
class SourceFile:
    """A file exactly as it arrived. Its bytes are stored untouched, named by ``sha256``."""

    name: str
    data: bytes
    media_type: str
    """``image/jpeg``, ``image/png``, ``image/tiff``, ``image/bmp``, ``image/webp`` or
    ``application/pdf``."""
    origin: PageOrigin = PageOrigin.IMPORT
    sha256: str = field(default="")

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())


@dataclass(frozen=True, eq=False)
class SourcePage:
    """One decoded page of a :class:`SourceFile` (``index`` counts from 0 within the file).

    ``image`` is ``uint8``, BGR (H x W x 3) or grey (H x W), with the EXIF orientation already
    applied. ``dpi`` is what the file says (a PDF page is rasterised at a known dpi), ``None``
    when it says nothing (phone photos).
    """

    file: SourceFile
    index: int
    image: np.ndarray
    dpi: float | None = None


class FlagCode(StrEnum):
    """Why the quality gate flags a page: each one means "rescan while the citizen is here"."""

    BLURRY = "blurry"
    SKEWED = "skewed"
    TOO_SMALL = "too_small"
    """The page (after page detection) is too few pixels to read."""
    LOW_RESOLUTION = "low_resolution"
    """Below 200 dpi, the minimum for digitised dossiers (Circular 01/2023)."""
    LOW_CONFIDENCE = "low_confidence"
    BLANK = "blank"
    OCR_TIMEOUT = "ocr_timeout"
    OCR_FAILED = "ocr_failed"


@dataclass(frozen=True)
class QualityFlag:
    code: FlagCode
    message: str
    """English, for logs and the ``ocr`` command."""
    message_vi: str
    """Shown to the clerk next to the page."""
    value: float | None = None
    """The measured value behind the flag (blur variance, skew degrees, dpi, confidence)."""


@dataclass(frozen=True)
class StepReport:
    """One clean-up step: whether it changed the page, what it found, and what it cost."""

    name: str
    applied: bool
    seconds: float
    detail: str = ""


@dataclass(frozen=True, eq=False)
class CleanedPage:
    """A page after clean-up, at ``dpi`` (normally :data:`TARGET_DPI`).

    ``image`` is what the clerk sees and what the searchable PDF shows (grey or colour);
    ``ocr_image`` is what Tesseract reads (may be binarised); both have the same geometry, so
    the text layer laid over ``image`` lines up.
    """

    image: np.ndarray
    ocr_image: np.ndarray
    dpi: int
    rotation: float
    """Degrees the page was turned (orientation + deskew), for the record."""
    steps: tuple[StepReport, ...] = ()


@dataclass(frozen=True)
class OcrWord:
    text: str
    confidence: float
    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True, eq=False)
class OcrResult:
    text: str
    confidence: float
    """Mean word confidence, 0-100 (Tesseract's scale); 0 when no word was found."""
    language: str
    """The Tesseract language string used, e.g. ``vie``."""
    seconds: float
    words: tuple[OcrWord, ...] = ()
    text_layer_pdf: bytes = b""
    """A one-page PDF holding only the invisible text (Tesseract's ``textonly_pdf``), sized to
    ``CleanedPage.image`` at ``CleanedPage.dpi``; laid over the page image to make it
    searchable."""


@dataclass(frozen=True, eq=False)
class ProcessedPage:
    """The outcome of the whole pipeline for one page."""

    source: SourcePage
    cleaned: CleanedPage
    ocr: OcrResult | None
    """``None`` when OCR was skipped or failed (then a flag says why)."""
    flags: tuple[QualityFlag, ...]
    seconds: float

    @property
    def passed(self) -> bool:
        return not self.flags
