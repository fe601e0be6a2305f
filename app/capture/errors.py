"""Errors of digitisation that the clerk or IT staff can act on.

Each carries a precise English message (``str(error)``, for logs and the CLI) and a Vietnamese
one (``message_vi``) that the UI shows as is, like the store's errors. Anything else raised by
the capture code is our bug and is reported as such.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class CaptureProblem(StrEnum):
    MISSING_FILE = "missing_file"
    UNREADABLE_FILE = "unreadable_file"
    EMPTY_FILE = "empty_file"
    UNSUPPORTED_FORMAT = "unsupported_format"
    CORRUPT_IMAGE = "corrupt_image"
    TRUNCATED_IMAGE = "truncated_image"
    TOO_MANY_PIXELS = "too_many_pixels"
    """A decompression bomb, or simply a scan far larger than any page."""
    FILE_TOO_LARGE = "file_too_large"
    TOO_MANY_PAGES = "too_many_pages"
    PDF_ENCRYPTED = "pdf_encrypted"
    PDF_BROKEN = "pdf_broken"
    PDF_NO_PAGES = "pdf_no_pages"
    OCR_ENGINE_MISSING = "ocr_engine_missing"
    LANGUAGE_MISSING = "language_missing"
    OCR_TIMEOUT = "ocr_timeout"
    OCR_FAILED = "ocr_failed"
    PAGES_NOT_READY = "pages_not_ready"
    """A document's PDF was asked for while some of its pages are still being read."""
    CAMERA_UNAVAILABLE = "camera_unavailable"
    CAMERA_LOST = "camera_lost"
    SIGNING_FAILED = "signing_failed"
    SIGNER_UNAVAILABLE = "signer_unavailable"
    DISK_FULL = "disk_full"
    WRITE_FAILED = "write_failed"


class CaptureError(Exception):
    """A page, file or device could not be captured; says why and what to do."""

    def __init__(
        self,
        problem: CaptureProblem,
        message: str,
        message_vi: str,
        path: Path | None = None,
    ) -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.message_vi = message_vi
        self.path = path
