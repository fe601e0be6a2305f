"""The one helper for background work: database on one serial worker, I/O and CPU on pools.

Why two executors: SQLite allows a single writer, so database work is serialised on one
thread (no "database is locked", and operations land in the order the clerk made them),
while network calls and OCR are independent and may run side by side. Either way the GUI
thread never blocks, and every result or exception is handed back *on the GUI thread* through
a queued call (``QMetaObject.invokeMethod``), so callbacks may touch widgets freely and
workers never do. Closures wait in a locked queue rather than travelling inside Qt events, so
nothing Python-owned is left inside Qt's event queue when the application shuts down.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QMetaObject, QObject, Qt, Signal, Slot

T = TypeVar("T")
Closure = Callable[[], None]
OnDone = Callable[[T], None]
OnError = Callable[[BaseException], None]

log = logging.getLogger(__name__)


CPU_NICENESS = 5
"""How much lower than the GUI the CPU pool runs (and the Tesseract children it starts, which
inherit it): with every core reading pages, the GUI thread still gets a core when it wakes."""


def _lower_priority() -> None:
    """Runs in each CPU worker thread as it starts (Linux: niceness is per thread)."""
    with contextlib.suppress(AttributeError, OSError):
        current = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), current + CPU_NICENESS)


def _prestart(executor: ThreadPoolExecutor, workers: int) -> None:
    """Make ``executor`` start all its ``workers`` threads (each waits for the others)."""
    barrier = threading.Barrier(workers)

    def arrive() -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=5)

    for _ in range(workers):
        executor.submit(arrive)


class TaskRunner(QObject):
    """Runs callables off the GUI thread and calls back on it.

    Create it on the GUI thread (it must live there for the queued delivery to land there) and
    call :meth:`shutdown` before the application quits. After shutdown, no callback runs:
    windows may already be gone.
    """

    failed = Signal(str)
    """Emitted with a description when a task fails and its caller gave no ``on_error``."""

    def __init__(
        self,
        io_workers: int = 4,
        parent: QObject | None = None,
        cpu_workers: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="motcua-db")
        self._io = ThreadPoolExecutor(max_workers=io_workers, thread_name_prefix="motcua-io")
        # OCR and image clean-up: one worker per core (each tesseract runs one thread), apart
        # from the I/O pool so a dossier being read never delays a network call or a thumbnail.
        cpu_count = cpu_workers or os.cpu_count() or 1
        self._cpu = ThreadPoolExecutor(
            max_workers=cpu_count, thread_name_prefix="motcua-cpu", initializer=_lower_priority
        )
        # Start the pools' threads now: a pool starts a thread on a submit that finds none
        # idle, and Thread.start() waits for the new thread to get the GIL, which stalled
        # the GUI up to 60 ms while pages were being read (tests/ui/test_ocr_responsiveness).
        _prestart(self._io, io_workers)
        _prestart(self._cpu, cpu_count)
        self._closed = False
        self._lock = threading.Lock()
        self._pending: deque[Closure] = deque()
        self._db_in_flight: set[Future[object]] = set()

    def run_db(
        self,
        fn: Callable[[], T],
        on_done: OnDone[T] | None = None,
        on_error: OnError | None = None,
    ) -> Future[T]:
        """Run database work on the single database thread, in submission order."""
        future = self._submit(self._db, fn, on_done, on_error)
        with self._lock:
            self._db_in_flight.add(future)
        future.add_done_callback(self._db_finished)
        return future

    def _db_finished(self, future: Future[object]) -> None:
        with self._lock:
            self._db_in_flight.discard(future)

    def db_busy(self) -> bool:
        """Whether database work is queued or running (housekeeping waits for a quiet moment)."""
        with self._lock:
            return bool(self._db_in_flight)

    def run_io(
        self,
        fn: Callable[[], T],
        on_done: OnDone[T] | None = None,
        on_error: OnError | None = None,
    ) -> Future[T]:
        """Run network, OCR or image work on the pool; tasks may finish in any order."""
        return self._submit(self._io, fn, on_done, on_error)

    def run_cpu(
        self,
        fn: Callable[[], T],
        on_done: OnDone[T] | None = None,
        on_error: OnError | None = None,
    ) -> Future[T]:
        """Run decoding, clean-up and OCR on the CPU pool (``os.cpu_count()`` workers)."""
        return self._submit(self._cpu, fn, on_done, on_error)

    @property
    def closed(self) -> bool:
        return self._closed

    def shutdown(self, wait: bool = True) -> None:
        """Stop accepting work, drop queued tasks, and (by default) wait for running ones.

        Running tasks are allowed to finish so a database transaction is never cut in the
        middle; their callbacks are suppressed.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._db.shutdown(wait=wait, cancel_futures=True)
        self._io.shutdown(wait=wait, cancel_futures=True)
        self._cpu.shutdown(wait=wait, cancel_futures=True)
        with self._lock:
            self._pending.clear()
        QCoreApplication.removePostedEvents(self)

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        fn: Callable[[], T],
        on_done: OnDone[T] | None,
        on_error: OnError | None,
    ) -> Future[T]:
        with self._lock:
            if self._closed:
                raise RuntimeError("the task runner is shut down")
            future = executor.submit(fn)
        future.add_done_callback(lambda f: self._completed(f, on_done, on_error))
        return future

    def _completed(
        self, future: Future[T], on_done: OnDone[T] | None, on_error: OnError | None
    ) -> None:
        """Runs on the worker thread: only packages the outcome for the GUI thread."""
        if future.cancelled() or self._closed:
            return
        error = future.exception()
        if error is None:
            if on_done is not None:
                result = future.result()
                self._post(lambda: on_done(result))
        elif on_error is not None:
            self._post(lambda: on_error(error))
        else:
            self._post(lambda: self._unhandled(error))

    def _post(self, closure: Closure) -> None:
        """Queue ``closure`` for the GUI thread and wake it (callable from any thread)."""
        with self._lock:
            if self._closed:
                return
            self._pending.append(closure)
        try:
            QMetaObject.invokeMethod(self, "_drain", Qt.ConnectionType.QueuedConnection)
        except RuntimeError:
            # The runner was deleted with its parent while the task ran: nobody is listening.
            return

    @Slot()
    def _drain(self) -> None:
        """Runs on the GUI thread: call every closure delivered so far, in arrival order."""
        while True:
            with self._lock:
                if self._closed or not self._pending:
                    return
                closure = self._pending.popleft()
            closure()

    def _unhandled(self, error: BaseException) -> None:
        log.error("background task failed", exc_info=error)
        self.failed.emit(f"{type(error).__name__}: {error}")
