"""Reading QR codes from an image file: a scanned receipt, a photo, a scanned ID card.

OpenCV has two QR detectors and neither reads every code: the classic ``QRCodeDetector``
finds but cannot decode some codes (a chip card's Vietnamese text, version 6, in our tests)
that the ArUco-based one reads, and the other way round on some photos. We try both, first on
the image as it is, then on cleaned-up copies (grey, enlarged when small, shrunk when huge,
binarised), until one attempt reads every code it found.

We ask OpenCV for the raw bytes (``detectAndDecodeBytesMulti``), never for its text, and decode
them ourselves: UTF-8 (what chip cards and our receipts use), else ISO-8859-1 (the QR
standard's default for byte mode). So a card's "Đặng Thị Đào" arrives intact, and a code in
another charset arrives as Latin-1 text that ``app.domain.idcard`` recognises as mojibake
instead of as a name.

Decoding is CPU work of tens to hundreds of milliseconds: call it off the GUI thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path

import cv2
import numpy as np

from app.capture.errors import CaptureError, CaptureProblem

SMALL_SIDE = 1000
"""Images narrower than this are enlarged 2x: a QR of a few pixels per module decodes badly."""
LARGE_SIDE = 2400
"""Phone photos larger than this are also tried shrunk: the detectors tune for page scans."""


class ImageProblem(StrEnum):
    MISSING = "missing"
    UNREADABLE_FILE = "unreadable_file"
    NOT_AN_IMAGE = "not_an_image"
    CORRUPT = "corrupt"
    NO_QR = "no_qr"
    QR_UNREADABLE = "qr_unreadable"


class UnreadableImage(Exception):
    """No QR text could be read from a file; ``message_vi`` says why and what to do."""

    def __init__(self, problem: ImageProblem, path: Path, reason: str, reason_vi: str) -> None:
        message = f"Cannot read a QR code from {path.name}: {reason}"
        super().__init__(message)
        self.problem = problem
        self.path = path
        self.message = message
        self.message_vi = f"Không đọc được mã QR từ tệp «{path.name}»: {reason_vi}"


MAX_QR_PAGES = 10
"""A card or a receipt is a page or two; a longer file is not what the clerk meant to give."""

_PROBLEMS = {
    CaptureProblem.MISSING_FILE: ImageProblem.MISSING,
    CaptureProblem.UNREADABLE_FILE: ImageProblem.UNREADABLE_FILE,
    CaptureProblem.UNSUPPORTED_FORMAT: ImageProblem.NOT_AN_IMAGE,
}


def _unreadable(error: CaptureError, file: Path) -> UnreadableImage:
    """The loader's reason, said as a QR problem (its sentence minus "cannot read file X")."""

    def without(prefix: str, text: str) -> str:
        return text[len(prefix) :] if text.startswith(prefix) else text

    reason = without(f"Cannot read {file.name}: ", error.message)
    reason_vi = without(f"Không đọc được tệp «{file.name}»: ", error.message_vi)
    problem = _PROBLEMS.get(error.problem, ImageProblem.CORRUPT)
    return UnreadableImage(problem, file, reason, reason_vi)


def load_images(path: str | os.PathLike[str]) -> list[np.ndarray]:
    """The pages of the file at ``path`` as BGR arrays, or :class:`UnreadableImage` why not.

    Through the capture loader, so a QR is read from whatever a page can come from (PDF from
    the network scanner, multi-page TIFF, a phone photo turned by its EXIF tag) with the same
    guards (pixel cap against decompression bombs, file size, encrypted PDFs).
    """
    from app.capture.sources import load_file

    file = Path(path)
    try:
        pages = load_file(file, max_pages=MAX_QR_PAGES)
    except CaptureError as error:
        raise _unreadable(error, file) from error
    return [
        cv2.cvtColor(page.image, cv2.COLOR_GRAY2BGR) if page.image.ndim == 2 else page.image
        for page in pages
    ]


def _text_of(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _variants(image: np.ndarray) -> Iterator[np.ndarray]:
    """The image as it is, then copies that help the detectors on poor scans and photos."""
    yield image
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    yield grey
    height, width = grey.shape[:2]
    if max(height, width) < SMALL_SIDE:
        grey = cv2.resize(grey, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        yield grey
    elif max(height, width) > LARGE_SIDE:
        scale = LARGE_SIDE / max(height, width)
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        yield grey
    _, binary = cv2.threshold(
        cv2.GaussianBlur(grey, (3, 3), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU
    )
    yield binary


def _detectors() -> list[Callable[[np.ndarray], tuple[bool, list[bytes]]]]:
    def run(
        detector: cv2.QRCodeDetector | cv2.QRCodeDetectorAruco,
    ) -> Callable[[np.ndarray], tuple[bool, list[bytes]]]:
        def detect(image: np.ndarray) -> tuple[bool, list[bytes]]:
            found, decoded, _points, _straight = detector.detectAndDecodeBytesMulti(image)
            return bool(found), [bytes(item) for item in decoded or ()]

        return detect

    return [run(cv2.QRCodeDetector()), run(cv2.QRCodeDetectorAruco())]


def decode_qr_array(image: np.ndarray) -> tuple[list[str], bool]:
    """Texts of the QR codes in ``image`` (without duplicates, in the order read) and whether
    any code was seen at all. Attempts go on while some detected code is still unread, so a
    page holding a receipt QR and a card QR gives both."""
    seen = False
    texts: dict[str, None] = {}
    detectors = _detectors()
    for variant in _variants(image):
        for detect in detectors:
            found, decoded = detect(variant)
            seen = seen or found
            for raw in decoded:
                if raw:
                    texts.setdefault(_text_of(raw))
            if decoded and all(decoded):
                return list(texts), True
    return list(texts), seen


def decode_qr_image(path: str | os.PathLike[str]) -> list[str]:
    """The texts of every QR code in the image file at ``path`` (at least one).

    Raises :class:`UnreadableImage` when the file is missing, is not an image, is damaged, or
    holds no QR code that can be read.
    """
    file = Path(path)
    texts: list[str] = []
    seen = False
    for image in load_images(file):
        found, page_seen = decode_qr_array(image)
        texts.extend(text for text in found if text not in texts)
        seen = seen or page_seen
    if texts:
        return texts
    if seen:
        raise UnreadableImage(
            ImageProblem.QR_UNREADABLE,
            file,
            "a QR code is there but cannot be read (blurred, too small or damaged); scan it "
            "again at 300 dpi or take a sharper photo",
            "có mã QR nhưng không đọc được (mờ, quá nhỏ hoặc bị hỏng); hãy quét lại ở 300 dpi "
            "hoặc chụp rõ nét hơn",
        )
    raise UnreadableImage(
        ImageProblem.NO_QR,
        file,
        "no QR code found in the image",
        "không tìm thấy mã QR nào trong ảnh",
    )
