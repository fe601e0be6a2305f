"""Tesseract, run as a child process: probed once, then one call per page.

One call writes everything a page needs (TSV for words and confidences, plain text, and when
asked Tesseract's text-only PDF for the searchable PDF), because each call re-reads the
language model (~0.2 s for ``vie``). We call the executable directly rather than through
pytesseract: pytesseract runs one output format per call and hides the child's environment,
and we need ``OMP_THREAD_LIMIT=1`` (the pool runs one child per core; OpenMP threads inside
each child would only fight for the same cores) and a hard timeout on every call.

The page goes to the child as an uncompressed BMP: encoding a PNG costs ~0.1 s per A4 page at
300 dpi, and Leptonica reads a PGM ~0.1 s slower than a BMP (measured: 1.12 s vs 1.25 s for
the whole OCR of one A4 page).
"""

from __future__ import annotations

import csv
import functools
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from app.capture.errors import CaptureError, CaptureProblem
from app.capture.model import OcrResult, OcrWord

PROBE_TIMEOUT_S = 10.0

_PACKAGES = {
    "vie": "tesseract-ocr-vie",
    "Vietnamese": "tesseract-ocr-script-viet",
    "eng": "tesseract-ocr-eng",
    "osd": "tesseract-ocr-osd",
}


@dataclass(frozen=True)
class TesseractInfo:
    """What the installed Tesseract is and can read; shown by ``doctor``."""

    executable: str
    version: str
    languages: frozenset[str]


def debian_package(language: str) -> str:
    """The Debian/Ubuntu package that installs one Tesseract language model."""
    if language in _PACKAGES:
        return _PACKAGES[language]
    if language[:1].isupper():  # script models are capitalised: "Latin", "Vietnamese"
        return f"tesseract-ocr-script-{language[:4].lower()}"
    return f"tesseract-ocr-{language.lower().replace('_', '-')}"


def _engine_missing(detail: str) -> CaptureError:
    return CaptureError(
        CaptureProblem.OCR_ENGINE_MISSING,
        f"Tesseract OCR is not installed or cannot run ({detail}); "
        "install the package tesseract-ocr (with tesseract-ocr-vie)",
        f"Chưa cài đặt hoặc không chạy được Tesseract OCR ({detail}); "
        "hãy nhờ bộ phận CNTT cài gói tesseract-ocr (kèm tesseract-ocr-vie)",
    )


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


@functools.cache
def probe() -> TesseractInfo:
    """Find Tesseract, its version and its languages, once per process.

    Raises :class:`CaptureError` ``OCR_ENGINE_MISSING`` when there is no usable executable.
    """
    executable = shutil.which("tesseract")
    if executable is None:
        raise _engine_missing("no 'tesseract' program on the PATH")
    try:
        version_run = subprocess.run(
            [executable, "--version"],
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT_S,
            env=_child_env(),
            check=False,
        )
        langs_run = subprocess.run(
            [executable, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT_S,
            env=_child_env(),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise _engine_missing(str(error)) from error
    if version_run.returncode != 0 or langs_run.returncode != 0:
        raise _engine_missing((version_run.stderr or langs_run.stderr).strip()[-200:])
    first = (version_run.stdout or version_run.stderr).strip().splitlines()
    version = first[0].removeprefix("tesseract ").strip() if first else "unknown"
    languages = frozenset(
        line.strip()
        for line in langs_run.stdout.splitlines()[1:]  # the first line names the folder
        if line.strip()
    )
    return TesseractInfo(executable=executable, version=version, languages=languages)


def check_language(language: str) -> TesseractInfo:
    """Raise ``LANGUAGE_MISSING`` (naming the package to install) unless every part of a
    ``vie+eng`` style language string is installed."""
    info = probe()
    missing = [part for part in language.split("+") if part not in info.languages]
    if not language or missing:
        names = ", ".join(missing) or "(empty)"
        packages = ", ".join(debian_package(part) for part in missing) or "tesseract-ocr-vie"
        raise CaptureError(
            CaptureProblem.LANGUAGE_MISSING,
            f"The Tesseract language pack {names} is not installed; install the package {packages}",
            f"Chưa cài gói ngôn ngữ Tesseract {names}; hãy nhờ bộ phận CNTT cài gói {packages}",
        )
    return info


def _parse_tsv(path: Path) -> tuple[OcrWord, ...]:
    words: list[OcrWord] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = (row.get("text") or "").strip()
            if row.get("level") != "5" or not text:
                continue
            confidence = float(row["conf"])
            if confidence < 0:
                continue
            words.append(
                OcrWord(
                    text=text,
                    confidence=confidence,
                    left=int(row["left"]),
                    top=int(row["top"]),
                    width=int(row["width"]),
                    height=int(row["height"]),
                )
            )
    return tuple(words)


def run_ocr(
    image: np.ndarray,
    dpi: int,
    *,
    language: str,
    timeout_s: float,
    text_layer: bool = True,
) -> OcrResult:
    """OCR one page image (grey or BGR ``uint8``) at ``dpi`` in one Tesseract call.

    Raises :class:`CaptureError`: ``OCR_ENGINE_MISSING``, ``LANGUAGE_MISSING`` (naming the
    package), ``OCR_TIMEOUT`` (the child is killed), ``OCR_FAILED``. Thread-safe: each call
    has its own temporary folder and child process.
    """
    info = check_language(language)
    started = time.perf_counter()
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    with tempfile.TemporaryDirectory(prefix="motcua-ocr-") as folder:
        page = Path(folder) / "page.bmp"
        if not cv2.imwrite(str(page), grey):
            raise CaptureError(
                CaptureProblem.OCR_FAILED,
                f"Cannot write the page for OCR in the temporary folder {folder}",
                "Không ghi được trang vào thư mục tạm để nhận dạng chữ (ổ đĩa đầy?)",
            )
        out = Path(folder) / "out"
        command = [info.executable, str(page), str(out), "-l", language, "--dpi", str(dpi)]
        if text_layer:
            command += ["-c", "textonly_pdf=1"]
        command += ["txt", "tsv"] + (["pdf"] if text_layer else [])
        try:
            run = subprocess.run(
                command,
                capture_output=True,
                timeout=timeout_s,
                env=_child_env(),
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise CaptureError(
                CaptureProblem.OCR_TIMEOUT,
                f"OCR took longer than {timeout_s:g} s on this page and was stopped",
                f"Nhận dạng chữ trang này quá {timeout_s:g} giây nên đã dừng; "
                "hãy quét lại trang rõ hơn",
            ) from error
        except OSError as error:
            raise _engine_missing(str(error)) from error
        if run.returncode != 0 or not out.with_suffix(".tsv").is_file():
            detail = run.stderr.decode("utf-8", "replace").strip()[-300:]
            raise CaptureError(
                CaptureProblem.OCR_FAILED,
                f"Tesseract failed on this page (exit {run.returncode}): {detail}",
                f"Tesseract không nhận dạng được trang này (mã lỗi {run.returncode})",
            )
        words = _parse_tsv(out.with_suffix(".tsv"))
        text = out.with_suffix(".txt").read_text(encoding="utf-8").strip()
        pdf = out.with_suffix(".pdf").read_bytes() if text_layer else b""
    confidence = sum(word.confidence for word in words) / len(words) if words else 0.0
    return OcrResult(
        text=text,
        confidence=confidence,
        language=language,
        seconds=time.perf_counter() - started,
        words=words,
        text_layer_pdf=pdf,
    )


def detect_orientation(
    image: np.ndarray, *, dpi: float = 300.0, timeout_s: float = 20.0
) -> tuple[int, float] | None:
    """Tesseract's orientation detection (``--psm 0``): the counter-clockwise quarter turn
    that makes the page upright, and its confidence; ``None`` when it cannot tell.

    Pages above 250 dpi are halved first: on an A4 page OSD then takes 0.9 s instead of 1.25 s,
    with the same answers on our rotated test pages. Clean-up calls it only when its own cheap
    evidence is unsure.
    """
    info = probe()
    if "osd" not in info.languages:
        return None
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if dpi > 250:
        grey, dpi = cv2.pyrDown(grey), dpi / 2
    with tempfile.TemporaryDirectory(prefix="motcua-osd-") as folder:
        page = Path(folder) / "page.bmp"
        if not cv2.imwrite(str(page), grey):
            return None
        command = [info.executable, str(page), "stdout", "--psm", "0", "-l", "osd"]
        try:
            run = subprocess.run(
                [*command, "--dpi", str(round(dpi))],
                capture_output=True,
                timeout=timeout_s,
                env=_child_env(),
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
    fields = {}
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    try:
        clockwise = int(fields["Rotate"])
        confidence = float(fields["Orientation confidence"])
    except (KeyError, ValueError):
        return None
    return (360 - clockwise) % 360, confidence
