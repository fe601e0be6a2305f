"""One page from source to verdict: clean-up, OCR, quality gate; and a pool that runs pages on
every core.

This is what the app, ``python -m app ocr`` and ``bench ocr`` all run. No Qt here: the UI
calls :class:`OcrPool` from its own worker and gets plain futures back.

Parallelism: threads, not processes. Clean-up is OpenCV and numpy, which release the GIL, and
OCR is a Tesseract child process limited to one thread (``OMP_THREAD_LIMIT=1``), so a thread
per core keeps every core busy without pickling page images across processes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from types import TracebackType

from app.capture.cleanup import CleanupOptions, clean_page
from app.capture.errors import CaptureError, CaptureProblem
from app.capture.model import FlagCode, OcrResult, ProcessedPage, QualityFlag, SourcePage
from app.capture.quality import QualityThresholds, assess
from app.capture.tesseract import check_language, run_ocr

DEFAULT_LANGUAGE = "vie"
"""Chosen by measurement: ``python -m app bench ocr``, ``languages`` section (our pipeline on
the 3 clean land-form pages, 2 clean rendered pages and 2 rendered pages with every
degradation combined; line-aligned CER, see ``app/bench/ocr.py``), 2 cores, Tesseract 5.3.0:
    vie         CER 0.0435, 2.02 s/page
    Vietnamese  CER 0.0442, 2.52 s/page   (Debian's tesseract-ocr-script-viet)
    vie+eng     CER 0.0576, 2.66 s/page
``Vietnamese`` is about as accurate but 25 % slower; ``vie+eng`` is both slower and worse."""
DEFAULT_TIMEOUT_S = 60.0
"""A dense A4 page takes 1.5-3 s here; a page still running after a minute is hopeless (a
photo of a texture, a page of noise) and must not hold a core."""


@dataclass(frozen=True)
class PipelineOptions:
    cleanup: CleanupOptions = field(default_factory=CleanupOptions)
    language: str = DEFAULT_LANGUAGE
    timeout_s: float = DEFAULT_TIMEOUT_S
    ocr: bool = True
    text_layer: bool = True
    """Ask Tesseract for the invisible-text PDF of the searchable PDF."""
    thresholds: QualityThresholds = field(default_factory=QualityThresholds)


def _ocr_flag(error: CaptureError) -> QualityFlag:
    code = (
        FlagCode.OCR_TIMEOUT if error.problem is CaptureProblem.OCR_TIMEOUT else FlagCode.OCR_FAILED
    )
    return QualityFlag(code=code, message=error.message, message_vi=error.message_vi)


def process_page(page: SourcePage, options: PipelineOptions | None = None) -> ProcessedPage:
    """Clean, OCR and check one page. Thread-safe.

    An OCR timeout or failure becomes a flag on this page (the rest of the dossier goes on);
    a missing engine or language pack raises :class:`CaptureError`, since no page can succeed.
    """
    options = options or PipelineOptions()
    started = time.perf_counter()
    cleaned = clean_page(page, options.cleanup)
    ocr: OcrResult | None = None
    ocr_flags: tuple[QualityFlag, ...] = ()
    if options.ocr:
        try:
            ocr = run_ocr(
                cleaned.ocr_image,
                cleaned.dpi,
                language=options.language,
                timeout_s=options.timeout_s,
                text_layer=options.text_layer,
            )
        except CaptureError as error:
            if error.problem not in (CaptureProblem.OCR_TIMEOUT, CaptureProblem.OCR_FAILED):
                raise
            ocr_flags = (_ocr_flag(error),)
    flags = ocr_flags + assess(page, cleaned, ocr, options.thresholds)
    return ProcessedPage(
        source=page,
        cleaned=cleaned,
        ocr=ocr,
        flags=flags,
        seconds=time.perf_counter() - started,
    )


class OcrPool:
    """Pages processed on ``workers`` threads (default: one per core), results as futures.

    The language is checked when the pool starts, so a missing language pack is reported
    once, before any page is queued.
    """

    def __init__(self, options: PipelineOptions | None = None, workers: int | None = None) -> None:
        self.options = options or PipelineOptions()
        if self.options.ocr:
            check_language(self.options.language)
        self.workers = workers or os.cpu_count() or 1
        self._executor = ThreadPoolExecutor(
            max_workers=self.workers, thread_name_prefix="motcua-ocr"
        )

    def submit(self, page: SourcePage) -> Future[ProcessedPage]:
        return self._executor.submit(process_page, page, self.options)

    def map(self, pages: Iterable[SourcePage]) -> list[ProcessedPage]:
        """Every page processed, in the order given (the first error is raised)."""
        futures = [self.submit(page) for page in pages]
        return [future.result() for future in futures]

    def shutdown(self, cancel: bool = True, wait: bool = True) -> None:
        """Stop: queued pages are dropped when ``cancel``; pages already in Tesseract finish
        (within their timeout)."""
        self._executor.shutdown(wait=wait, cancel_futures=cancel)

    def __enter__(self) -> OcrPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.shutdown(cancel=True)
