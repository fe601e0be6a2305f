"""Start the counter application: check the display, set up Qt, show the window, open the store.

The window appears first and the store opens behind it on the database thread: importing
SQLAlchemy and Alembic and checking migrations and the seed take several times longer than
showing a Qt window, and a clerk starting the app with a queue waiting should see it at once.
Only what the first window needs is imported here; OCR, image processing and the network
client are imported by the screens that use them (see ``app.bench.startup``).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.config import AppPaths
from app.ui.display import display_problem
from app.ui.i18n import InstalledTranslations, choose_language, install_translations
from app.ui.main_window import WINDOW_TITLE, MainWindow, MainWindowDeps
from app.ui.scanner_burst import ScannerBurstFilter
from app.ui.store_queries import StoreCatalogueQueries, StoreHolder, StoreStatusQueries
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from pathlib import Path

    from app.domain.receipt_qr import KnownReceiptKeys
    from app.ui.dialogs.document_viewer import DocumentFileQueries
    from app.ui.services import SyncQueries
    from app.ui.services_capture import CaptureServices
    from app.ui.services_dossiers import DossierQueries
    from app.ui.services_reception import ReceptionServices
    from app.ui.services_sync import EngineOptions, SyncController

log = logging.getLogger(__name__)


class _Deferred:
    """A screen's services, made on first use.

    The screens are built after the first paint, so the modules behind their services
    (queries, dialogs, the domain rules they import) need not load before it: importing
    them here cost the start-up about 90 ms.
    """

    def __init__(self, factory: Callable[..., object], *args: Any) -> None:
        self._factory = factory
        self._args = args
        self._made: object | None = None

    def __getattr__(self, name: str) -> Any:
        if self._made is None:
            self._made = self._factory(*self._args)
        return getattr(self._made, name)


def _reception_services(holder: StoreHolder) -> object:
    from app.ui.reception_queries import StoreReceptionServices

    return StoreReceptionServices(holder)


def _dossier_queries(holder: StoreHolder) -> object:
    from app.ui.dossier_queries import StoreDossierQueries

    return StoreDossierQueries(holder)


def _capture_services(holder: StoreHolder) -> object:
    from app.ui.capture_queries import StoreCaptureServices

    return StoreCaptureServices(holder)


def _sync_queries(holder: StoreHolder) -> object:
    from app.ui.sync_queries import StoreSyncQueries

    return StoreSyncQueries(holder)


def _document_files(holder: StoreHolder, files_dir: Path) -> object:
    from app.ui.dialogs.document_viewer import StoreDocumentFileQueries

    return StoreDocumentFileQueries(holder, files_dir)


CHECKPOINT_INTERVAL_MS = 30_000
FILE_CLEANUP_DELAY_MS = 120_000
FILE_CLEANUP_INTERVAL_MS = 6 * 3600 * 1000

EXIT_OK = 0
EXIT_STORE_FAILED = 1
EXIT_NO_DISPLAY = 2


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Một Cửa Desk")
    app.setApplicationDisplayName("Một Cửa Desk")
    app.setOrganizationName("Trung tâm Phục vụ hành chính công")
    app.setStyle("Fusion")
    if sys.platform.startswith("linux"):
        # Some minimal Linux installs default to a font without Vietnamese glyphs (boxes
        # instead of "ệ"); DejaVu Sans covers them and is what the set-up notes install.
        font = QFont(app.font())
        font.setFamilies(["DejaVu Sans", *font.families()])
        app.setFont(font)
    return app


def _show_startup_error(parent: QWidget | None, error: BaseException, lang: str) -> None:
    """One dialog for every start-up failure: the user's fix if we know it, else a bug report."""
    user_message = getattr(error, "message_vi" if lang == "vi" else "message", None)
    if user_message:
        text = QCoreApplication.translate("Startup", "The database could not be opened.")
        detail = str(user_message)
    else:
        text = QCoreApplication.translate(
            "Startup",
            "Một Cửa Desk met an unexpected error while starting. Please report it to IT staff.",
        )
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
    box = QMessageBox(QMessageBox.Icon.Critical, WINDOW_TITLE, text, parent=parent)
    box.setInformativeText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    # Qt's own catalogue (qtbase_vi.qm) is missing from some builds: name the button ourselves.
    box.button(QMessageBox.StandardButton.Close).setText(
        QCoreApplication.translate("Startup", "Close")
    )
    box.exec()


class Gui(QObject):
    """The running application's parts, kept together so they are torn down in order."""

    ready = Signal()
    """The store is open and the first queries are on their way."""

    failed = Signal()
    """The store could not be opened; the dialog has been shown and the app is exiting."""

    def __init__(
        self,
        app: QApplication,
        paths: AppPaths,
        cli_lang: str | None,
        translations: InstalledTranslations,
        *,
        embedded_central: bool = False,
        sync_options: EngineOptions | None = None,
    ) -> None:
        """``embedded_central``: with no central URL configured, start the demo central and
        sign in to it (``make run``; tests opt in). ``sync_options``: the engine's pace."""
        super().__init__()
        self.app = app
        self.paths = paths
        self.translations = translations
        self.tasks = TaskRunner(parent=self)
        self.holder = StoreHolder()
        self.exit_code = EXIT_OK
        self._cli_lang = cli_lang
        self._embedded_central = embedded_central
        self._sync_options = sync_options
        self.sync: SyncController | None = None
        holder = self.holder
        self._deps = MainWindowDeps(
            tasks=self.tasks,
            catalogue=StoreCatalogueQueries(holder),
            status=StoreStatusQueries(holder),
            reception=cast("ReceptionServices", _Deferred(_reception_services, holder)),
            dossiers=cast("DossierQueries", _Deferred(_dossier_queries, holder)),
            receipt_keys=lambda: _known_receipt_keys(holder),
            capture=cast("CaptureServices", _Deferred(_capture_services, holder)),
            document_files=cast(
                "DocumentFileQueries", _Deferred(_document_files, holder, paths.files_dir)
            ),
            view_dir=paths.opened_dir,
            sync=cast("SyncQueries", _Deferred(_sync_queries, holder)),
        )
        self.window = MainWindow(self._deps)
        # The database's log is folded into the file while the counter is idle, never inside
        # a clerk's save (see Store.checkpoint).
        self._checkpoints = QTimer(self)
        self._checkpoints.setInterval(CHECKPOINT_INTERVAL_MS)
        self._checkpoints.timeout.connect(self._checkpoint)
        # Page files of cancelled drafts and deleted pages are removed in the background,
        # a while after start-up (not during it) and then a few times a day.
        self._file_cleanup = QTimer(self)
        self._file_cleanup.setInterval(FILE_CLEANUP_INTERVAL_MS)
        self._file_cleanup.timeout.connect(self._clean_up_files)
        # A USB scanner types a QR as a fast burst of keys into whatever has the focus: one
        # filter on the application catches it anywhere and hands it to the window.
        self.scanner = ScannerBurstFilter(parent=self)
        self.scanner.burst.connect(lambda text: self.window.handle_scan(text))
        app.installEventFilter(self.scanner)
        self.window.show()
        # Open the store from the first event-loop turn, once the window has been laid out:
        # the imports behind it hold the GIL for long stretches and would slow the first paint.
        QTimer.singleShot(0, self._open_store)

    def _open_store(self) -> None:
        if self.tasks.closed:
            return
        holder, paths = self.holder, self.paths
        self.tasks.run_db(
            lambda: holder.open(paths), on_done=self._store_opened, on_error=self._store_failed
        )

    def _checkpoint(self) -> None:
        if self.tasks.closed or self.tasks.db_busy():
            return
        holder = self.holder
        self.tasks.run_db(
            lambda: holder.store.checkpoint(),
            on_error=lambda error: log.warning("database checkpoint failed: %s", error),
        )

    def _clean_up_files(self) -> None:
        if self.tasks.closed:
            return
        self._file_cleanup.start()  # the first run comes from a single shot: repeat from now
        capture = self._deps.capture
        self.tasks.run_io(
            capture.clean_up_files,
            on_done=lambda count: count and log.info("%d unused page files deleted", count),
            on_error=lambda error: log.warning("cleaning up unused page files failed: %s", error),
        )

    def close(self) -> None:
        """Stop background work before the store goes, so no task runs on a closed database."""
        self._checkpoints.stop()
        self._file_cleanup.stop()
        self.app.removeEventFilter(self.scanner)
        self.window.flush()
        self.window.status.stop()
        if self.sync is not None:
            self.sync.begin_close()
        self.tasks.shutdown(wait=True)
        if self.sync is not None:
            self.sync.close()  # after the tasks: a demo central still starting has settled
        self.holder.close()
        self.translations.remove()

    def _store_opened(self, stored_language: str | None) -> None:
        if self._cli_lang is None:
            wanted = choose_language(None, stored_language)
            if wanted != self.translations.language:
                self._switch_language(wanted)
        # Before the window's first queries: on the demo path a fresh counter is set up on
        # the database thread first, so reception starts already configured.
        self._start_sync()
        self.window.start()
        self.window.reception_screen.dossier_saved.connect(self._dossier_saved)
        self._checkpoints.start()
        QTimer.singleShot(FILE_CLEANUP_DELAY_MS, self._clean_up_files)
        # The first slip of a process costs a few hundred ms (fonts, templates): pay it now,
        # in the background, not while the first citizen waits for her receipt.
        self.tasks.run_io(_warm_up_documents, on_error=_log_warm_up_failure)
        self.ready.emit()

    def _start_sync(self) -> None:
        from app.ui.services_sync import SyncController

        sync = SyncController(
            self.holder,
            self.paths,
            self.tasks,
            self.window,
            embedded_allowed=self._embedded_central,
            engine_options=self._sync_options,
        )
        self.sync = sync
        sync.state_changed.connect(lambda state: self.window.set_sync_state(state))
        sync.status_changed.connect(lambda status: self.window.set_sync_status(status))
        sync.engine_started.connect(lambda: self.window.set_sync_retry(sync.retry_now_blocking))
        sync.quit_requested.connect(self._sign_in_cancelled)
        sync.start()

    def _dossier_saved(self, _code: str) -> None:
        if self.sync is not None:
            self.sync.wake()

    def _sign_in_cancelled(self) -> None:
        self.window.close()
        self._quit(EXIT_OK)

    def _switch_language(self, language: str) -> None:
        """Rebuild the window in the language stored in the settings (rare: English desks)."""
        self.translations.remove()
        self.translations = install_translations(language)
        old = self.window
        self.window = MainWindow(self._deps)
        self.window.setGeometry(old.geometry())
        self.window.show()
        old.status.stop()
        old.close()
        old.deleteLater()

    def _store_failed(self, error: BaseException) -> None:
        if hasattr(error, "message_vi"):
            # The user's environment, not our bug: the dialog says what to do; no traceback.
            log.error("could not open the store: %s", error)
        else:
            log.error("could not open the store at %s", self.paths.database, exc_info=error)
        self.exit_code = EXIT_STORE_FAILED
        _show_startup_error(self.window, error, self.translations.language)
        self.failed.emit()
        self.window.close()
        self._quit(EXIT_STORE_FAILED)

    def _quit(self, code: int) -> None:
        self.app.exit(code)


def _warm_up_documents() -> None:
    from app.documents.render import warm_up

    warm_up()


def _log_warm_up_failure(error: BaseException) -> None:
    log.warning("preparing the slip renderer failed; the first slip will be slower: %s", error)


def _known_receipt_keys(holder: StoreHolder) -> KnownReceiptKeys:
    from app.store.receipt_keys import read_known_keys

    return read_known_keys(holder.store)


def launch(
    paths: AppPaths,
    lang: str | None = None,
    *,
    embedded_central: bool = False,
    sync_options: EngineOptions | None = None,
) -> Gui | int:
    """Everything up to the shown main window; an exit code if there is no display.

    Split from :func:`run_gui` so the start-up benchmark measures exactly this path. The
    demo central is off unless asked for (``run_gui`` asks): tests and benchmarks of the
    window do not start a server.
    """
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_NO_DISPLAY
    app = _application()
    translations = install_translations(choose_language(lang, None))
    return Gui(
        app,
        paths,
        lang,
        translations,
        embedded_central=embedded_central,
        sync_options=sync_options,
    )


def _quit_on_termination_signals(app: QApplication) -> None:
    """Ctrl+C in the terminal of ``make run``, or a SIGTERM (logout, ``kill``): leave the
    event loop so :meth:`Gui.close` runs and stops the engine and the demo central, instead
    of dying with the child left running. Python handles a signal only when it runs, so a
    slow timer gives it the chance while Qt waits for events."""
    import signal

    def stop(_signum: int, _frame: object) -> None:
        app.quit()

    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(signum, stop)
        except ValueError:  # not the main thread (an embedding host): leave it
            return
    ticker = QTimer(app)
    ticker.setInterval(500)
    ticker.timeout.connect(lambda: None)
    ticker.start()


def run_gui(paths: AppPaths, lang: str | None = None) -> int:
    """Run the counter application until its window closes; returns the process exit code.

    With no central configured the demo central starts (setting ``sync.embedded_central``
    false turns it off)."""
    started = launch(paths, lang, embedded_central=True)
    if isinstance(started, int):
        return started
    _quit_on_termination_signals(started.app)
    try:
        code = started.app.exec()
    finally:
        started.close()
    return started.exit_code or code
