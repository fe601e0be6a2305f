"""The scanner's drop folder, watched for the counter: files become pages without a click.

A network scanner writes its files into a shared folder; :class:`app.capture.inbox.WatchedFolder`
knows when a file has settled (the scanner stopped writing), claims it (moves it to the
``received`` sub-folder so it is taken once) and rejects a bad one into the ``errors``
sub-folder with the reason beside it. This adapter polls it every few seconds on the I/O pool,
decodes each claimed file on the CPU pool, and hands the pages to the GUI thread as signals,
in the order the files were scanned. Polls never overlap: the next one is scheduled only when
the previous one and its files are done, so a slow share or a large PDF delays the next poll
instead of stacking them.

Wiring (the reception screen): ``pages_arrived.connect(lambda pages, _name:
editor.add_source_pages(pages))``, ``file_rejected`` and ``folder_unavailable`` to the
editor's messages.

A folder that goes away (the share is down, the USB disk unplugged) is reported once and polled
again quietly until it is back; the clerk is told when it recovers.

The folder is the ``capture.watch_folder`` setting (:func:`read_watch_folder`,
:func:`write_watch_folder`, database thread only).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from app.capture.errors import CaptureError
from app.capture.model import PageOrigin, SourcePage
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.store.database import Store

log = logging.getLogger(__name__)

WATCH_FOLDER_KEY = "capture.watch_folder"
DEFAULT_INTERVAL_MS = 2000


def read_watch_folder(store: Store) -> Path | None:
    """The configured scanner folder, ``None`` when none is set (database thread)."""
    from app.store.settings import SettingsRepository

    with store.read_session() as session:
        value = SettingsRepository(session).get(WATCH_FOLDER_KEY)
    return Path(value) if isinstance(value, str) and value.strip() else None


def write_watch_folder(store: Store, folder: Path | None) -> None:
    """Set (or with ``None``, clear) the scanner folder (database thread)."""
    from app.store.settings import SettingsRepository

    with store.session() as session:
        settings = SettingsRepository(session)
        if folder is None:
            settings.delete(WATCH_FOLDER_KEY)
        else:
            settings.set(WATCH_FOLDER_KEY, str(folder))


class Inbox(Protocol):
    """What this adapter needs of :class:`app.capture.inbox.WatchedFolder`."""

    def poll(self) -> list[Path]: ...
    def claim(self, path: Path) -> Path | None: ...
    def reject(self, path: Path, problem: CaptureError | str) -> Path | None: ...


InboxFactory = Callable[[Path, float], Inbox]
Loader = Callable[[Path], list[SourcePage]]


def _default_inbox(folder: Path, settle_seconds: float) -> Inbox:
    from app.capture.inbox import WatchedFolder

    return WatchedFolder(folder, settle_seconds=settle_seconds)


def _default_loader(path: Path) -> list[SourcePage]:
    from app.capture.sources import load_file

    return load_file(path, PageOrigin.WATCHED_FOLDER)


@dataclass(frozen=True)
class _Arrived:
    pages: list[SourcePage]
    file_name: str


@dataclass(frozen=True)
class _Rejected:
    file_name: str
    message_vi: str


@dataclass(frozen=True)
class _Unavailable:
    message_vi: str


@dataclass(frozen=True)
class _Claimed:
    paths: list[Path]


class WatchedFolderService(QObject):
    """Polls the scanner folder on the I/O pool and emits what arrived, on the GUI thread."""

    pages_arrived = Signal(list, str)
    """The pages of one file (a list of :class:`SourcePage`) and the file's name."""
    file_rejected = Signal(str, str)
    """A file that could not be read (its name, the Vietnamese reason); it is in ``error/``."""
    folder_unavailable = Signal(str)
    """The folder cannot be reached (the Vietnamese message); emitted once per outage."""
    folder_available = Signal()
    """The folder can be reached again after an outage."""
    polled = Signal()
    """One poll finished (tests and the status bar wait on it)."""

    def __init__(
        self,
        tasks: TaskRunner,
        folder: Path | None = None,
        parent: QObject | None = None,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        settle_seconds: float = 1.0,
        inbox_factory: InboxFactory = _default_inbox,
        loader: Loader = _default_loader,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._folder = folder
        self._settle_seconds = settle_seconds
        self._inbox_factory = inbox_factory
        self._loader = loader
        self._inbox: Inbox | None = None
        self._inbox_folder: Path | None = None
        self._running = False
        self._polling = False
        self._unavailable = False
        self._generation = 0
        self._interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.poll_now)

    @property
    def folder(self) -> Path | None:
        return self._folder

    @property
    def unavailable(self) -> bool:
        return self._unavailable

    def set_folder(self, folder: Path | None) -> None:
        """Watch another folder (``None``: none). Files already claimed from the old one are
        still handed over; the new one is polled as soon as no poll is under way."""
        self._folder = folder
        self._generation += 1
        self._unavailable = False
        if self._running and not self._polling:
            self._schedule(0)  # else: right after the poll under way comes back

    def start(self) -> None:
        """Poll now, then every interval, until :meth:`stop`."""
        self._running = True
        if not self._polling:
            self._schedule(0)

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def _schedule(self, delay_ms: int | None = None) -> None:
        if self._running and self._folder is not None:
            self._timer.start(self._interval_ms if delay_ms is None else delay_ms)

    def poll_now(self) -> None:
        """One poll on the I/O pool (skipped while one is under way: polls never overlap)."""
        if self._polling or self._folder is None or self._tasks.closed:
            return
        self._polling = True
        generation = self._generation
        folder = self._folder
        self._tasks.run_io(
            lambda: self._poll(folder),
            on_done=lambda outcome: self._polled(generation, outcome),
            on_error=lambda error: self._poll_failed(generation, error),
        )

    # --- on the I/O pool ------------------------------------------------------------------

    def _poll(self, folder: Path) -> _Claimed | _Unavailable:
        """List the settled files and claim them (loading them is CPU work, done after)."""
        try:
            if self._inbox is None or self._inbox_folder != folder:
                self._inbox = self._inbox_factory(folder, self._settle_seconds)
                self._inbox_folder = folder
            ready = self._inbox.poll()
        except (OSError, CaptureError) as error:
            return _Unavailable(self._unavailable_message(folder, error))
        claimed: list[Path] = []
        for path in ready:
            try:
                moved = self._inbox.claim(path)
            except (OSError, CaptureError) as error:
                log.warning("could not claim %s: %s", path.name, error)
                continue
            if moved is not None:  # None: another counter took it first, or it is gone
                claimed.append(moved)
        return _Claimed(claimed)

    def _load(self, inbox: Inbox, path: Path) -> _Arrived | _Rejected:
        """Decode a claimed file; a bad one goes to the errors sub-folder with the reason."""
        try:
            return _Arrived(self._loader(path), path.name)
        except CaptureError as error:
            problem: CaptureError | str = error
            message = error.message_vi
        except Exception:
            log.exception("loading %s from the scanner folder failed", path.name)
            message = self.tr(
                "An unexpected error stopped reading this file. Please report it to IT staff."
            )
            problem = message
        try:
            inbox.reject(path, problem)
        except (OSError, CaptureError):
            log.exception("could not move %s to the error folder", path.name)
        return _Rejected(path.name, message)

    def _unavailable_message(self, folder: Path, error: BaseException) -> str:
        message = getattr(error, "message_vi", None)
        if isinstance(message, str) and message:
            return message
        return self.tr(
            "The scanner folder %1 cannot be reached (is the network share or the disk "
            "connected?). It is checked again every few seconds."
        ).replace("%1", str(folder))

    # --- on the GUI thread ----------------------------------------------------------------

    def _polled(self, generation: int, outcome: _Claimed | _Unavailable) -> None:
        if isinstance(outcome, _Unavailable) and generation != self._generation:
            self._poll_done(generation)  # the folder changed meanwhile: poll the new one
            return
        if isinstance(outcome, _Unavailable):
            if not self._unavailable:
                self._unavailable = True
                self.folder_unavailable.emit(outcome.message_vi)
            self._poll_done(generation)
            return
        if self._unavailable:
            self._unavailable = False
            self.folder_available.emit()
        inbox = self._inbox
        if not outcome.paths or inbox is None:
            self._poll_done(generation)
            return
        # Files are decoded side by side but handed over in the order they were scanned.
        results: list[_Arrived | _Rejected | None] = [None] * len(outcome.paths)
        state = {"emitted": 0}

        def loaded(index: int, result: _Arrived | _Rejected) -> None:
            results[index] = result
            while state["emitted"] < len(results) and results[state["emitted"]] is not None:
                ready = results[state["emitted"]]
                state["emitted"] += 1
                self._emit(ready)  # even if the folder changed since: these files are claimed
            if state["emitted"] == len(results):
                self._poll_done(generation)

        for index, path in enumerate(outcome.paths):
            self._run_cpu(
                lambda path=path: self._load(inbox, path),
                on_done=lambda result, index=index: loaded(index, result),
                on_error=lambda error, index=index, path=path: loaded(
                    index, self._unexpected(path, error)
                ),
            )

    def _run_cpu(
        self,
        fn: Callable[[], _Arrived | _Rejected],
        on_done: Callable[[_Arrived | _Rejected], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        run = getattr(self._tasks, "run_cpu", self._tasks.run_io)
        run(fn, on_done=on_done, on_error=on_error)

    def _unexpected(self, path: Path, error: BaseException) -> _Rejected:
        log.error("loading %s failed", path.name, exc_info=error)
        return _Rejected(
            path.name,
            self.tr("An unexpected error stopped reading this file. Please report it to IT staff."),
        )

    def _emit(self, result: _Arrived | _Rejected | None) -> None:
        if isinstance(result, _Arrived):
            self.pages_arrived.emit(result.pages, result.file_name)
        elif isinstance(result, _Rejected):
            self.file_rejected.emit(result.file_name, result.message_vi)

    def _poll_done(self, generation: int) -> None:
        self._polling = False
        if generation == self._generation:
            self.polled.emit()
            self._schedule()
        else:
            self._schedule(0)

    def _poll_failed(self, generation: int, error: BaseException) -> None:
        log.error("polling the scanner folder failed", exc_info=error)
        self._poll_done(generation)
