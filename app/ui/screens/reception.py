"""Reception screen: receive a dossier at the counter, from the keyboard and the card scanner.

The flow a clerk follows with a queue waiting: scan the chip ID card (a burst from the USB
scanner, wherever the cursor is), pick the procedure, tick the documents, Ctrl+S; the dossier
code and appointment appear large, Ctrl+P prints the receipt, Ctrl+N starts the next one.

Nothing typed is lost: every change is kept as a draft (debounced, on the database thread), a
draft left by a crash is restored on start, and a save that fails (disk full, database locked,
a rule broken) leaves every field as it was. The GUI thread never waits: store, PDF and image
work go through :class:`TaskRunner`, and every answer comes back as a callback.

Wiring (done by the main window): ``ReceptionScreen(services, tasks)``, then ``start()`` once
the store is open, the application's :class:`ScannerBurstFilter` connected to
:meth:`ReceptionScreen.handle_scan`, and :meth:`ReceptionScreen.flush_draft` before the task
runner shuts down.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import to_office_time
from app.domain.errors import CardQrError
from app.domain.idcard import parse_card_qr
from app.domain.reception import DocumentLine, FieldProblem, ReceptionDraft, check_draft
from app.ui.models.catalogue_model import ProcedureRow
from app.ui.screens.reception_card import (
    CardDifferencesDialog,
    card_fields,
    differences,
    merged,
)
from app.ui.screens.reception_dialogs import (
    Role,
    message_box,
    open_with_desktop,
    print_dialog,
)
from app.ui.screens.reception_form import ReceptionForm
from app.ui.services_capture import CaptureServices, PageState
from app.ui.services_reception import (
    Paper,
    Received,
    ReceptionServices,
    ReceptionStart,
    Slip,
    SlipRequest,
)
from app.ui.tasks import TaskRunner
from app.ui.widgets.counter_setup import CounterSetupPanel
from app.ui.widgets.page_editor import PageEditor
from app.ui.widgets.result_panel import ResultPanel
from app.ui.widgets.text_prompt import TextPromptDialog

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

DRAFT_DEBOUNCE_MS = 500

SUPPLEMENT_REASON_VI = "Hồ sơ chưa đầy đủ thành phần, số lượng giấy tờ theo quy định."
"""Printed on Mẫu 02 (a Vietnamese form whatever the interface language); the clerk edits it."""

OpenFile = Callable[[Path], bool]
ChoosePrinter = Callable[[QWidget, Callable[["QPrinter"], None]], None]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _vi(error: BaseException) -> str | None:
    message = getattr(error, "message_vi", None)
    return message if isinstance(message, str) and message else None


class ReceptionScreen(QWidget):
    """The reception screen: counter set-up, the form, and the result of a save."""

    started = Signal()
    """The start-up answer (counter, draft, choices) is on screen."""
    draft_saved = Signal()
    """A draft reached the store (tests wait on it)."""
    slip_ready = Signal(str)
    """A slip's PDF was written; the path."""
    dossier_saved = Signal(str)
    """A dossier (received or refused) is in the store, with its outbox entry; the code."""
    failed = Signal(str)
    """A save, slip or store error was shown to the clerk; its message."""

    def __init__(
        self,
        services: ReceptionServices,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = _utc_now,
        open_file: OpenFile = open_with_desktop,
        choose_printer: ChoosePrinter = print_dialog,
        capture: CaptureServices | None = None,
    ) -> None:
        """``capture``: digitisation services; with them the form has a "Digitisation" tab
        (Ctrl+D) where the pages are captured, read and checked before the save."""
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._clock = clock
        self._open_file = open_file
        self._choose_printer = choose_printer
        self._loaded = False
        self._busy = False
        self._started_at: datetime | None = None
        self._paper = Paper.A4
        self._documents_generation = 0
        self._draft_failing = False
        self._focus_before_busy: QWidget | None = None
        self._result_request: SlipRequest | None = None
        self._result_pdf: Path | None = None
        self._dialog: QDialog | None = None

        self.loading_label = QLabel(self.tr("Opening the reception…"))
        self.setup_panel = CounterSetupPanel()
        self._capture = capture
        self._watcher: QObject | None = None
        self.page_editor = PageEditor(capture, tasks) if capture is not None else None
        self.form = ReceptionForm(
            self._search_procedures, tasks, self._today, page_editor=self.page_editor
        )
        self.result_panel = ResultPanel()
        self.pages = QStackedWidget()
        for page in (self.loading_label, self.setup_panel, self.form, self.result_panel):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self._draft_timer = self._single_shot(DRAFT_DEBOUNCE_MS, self._save_draft_now)

        form = self.form
        form.changed.connect(self._changed)
        form.picker.picked.connect(self._procedure_picked)
        form.save_button.clicked.connect(lambda: self.save())
        form.cancel_button.clicked.connect(self.cancel)
        form.read_image_button.clicked.connect(self.read_qr_image)
        form.supplement_button.clicked.connect(self.supplement_request)
        form.refuse_button.clicked.connect(self.refuse)
        self._shortcut(form, "Ctrl+S", self.save)
        self._shortcut(form, "Esc", self.cancel)
        self._shortcut(form, "Ctrl+O", self.read_qr_image)
        self._shortcut(form, "Ctrl+B", self.supplement_request)
        self._shortcut(form, "Ctrl+R", self.refuse)
        self._shortcut(form, "Ctrl+F", form.picker.search_edit.setFocus)
        if self.page_editor is not None:
            self._shortcut(form, "Ctrl+D", self.toggle_digitisation)
            checklist = form.checklist.model
            checklist.modelReset.connect(self._checklist_to_editor)
            checklist.lines_changed.connect(self._checklist_to_editor)
            self.page_editor.pages_changed.connect(self._editor_status)

        result = self.result_panel
        result.print_requested.connect(self.print_slip)
        result.open_requested.connect(self.open_pdf)
        result.new_requested.connect(self.new_dossier)
        result.paper_changed.connect(self._paper_changed)
        self._shortcut(result, "Ctrl+P", self.print_slip)
        self._shortcut(result, "Ctrl+N", self.new_dossier)
        self._shortcut(result, "Esc", self.new_dossier)

        self.setup_panel.configure_requested.connect(self._configure)
        self.setFocusProxy(self.pages)

    # --- small helpers --------------------------------------------------------------------

    def _single_shot(self, interval: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    @staticmethod
    def _shortcut(owner: QWidget, keys: str, slot: Callable[[], Any]) -> QShortcut:
        """Active while ``owner`` is the visible page of the window (hidden pages get none)."""
        shortcut = QShortcut(QKeySequence(keys), owner)
        shortcut.activated.connect(slot)
        return shortcut

    def _now(self) -> datetime:
        return self._clock().astimezone(UTC)

    def _today(self) -> date:
        return to_office_time(self._now()).date()

    def _search_procedures(self, text: str) -> list[ProcedureRow]:
        return list(self._services.search_procedures(text))

    def _alive(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """``callback`` unless the screen was deleted while the task ran (window closed)."""

        def call(value: Any) -> None:
            if shiboken6.isValid(self):
                callback(value)

        return call

    def _run_db(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> bool:
        if self._tasks.closed:
            return False
        self._tasks.run_db(fn, on_done=self._alive(on_done), on_error=self._alive(on_error))
        return True

    # --- digitisation ---------------------------------------------------------------------

    def toggle_digitisation(self) -> None:
        """Ctrl+D: from the form to the page editor and back."""
        tabs, editor = self.form.tabs, self.page_editor
        if tabs is None or editor is None:
            return
        if tabs.currentWidget() is editor:
            tabs.setCurrentIndex(0)
            self.form.applicant.name_edit.setFocus()
        else:
            tabs.setCurrentWidget(editor)
            editor.setFocus()
            # The citizen's earlier digitised documents, before anything is scanned again.
            editor.offer_reuse(self.form.applicant.applicant().id_number)

    def _watch_scanner_folder(self) -> None:
        """Files the network scanner drops in its folder become pages of the editor."""
        capture, editor = self._capture, self.page_editor
        if capture is None or editor is None or self._watcher is not None:
            return

        def found(folder: Path | None) -> None:
            if folder is None or self._watcher is not None or editor is None:
                return
            from app.ui.watched_folder import WatchedFolderService

            watcher = WatchedFolderService(self._tasks, folder, parent=self)
            editor.attach_watched_folder(watcher)
            self._watcher = watcher
            watcher.start()

        self._run_db(capture.watch_folder, found, lambda _error: None)

    def _checklist_to_editor(self) -> None:
        if self.page_editor is not None:
            self.page_editor.set_checklist(self.form.checklist.lines())

    def _editor_status(self) -> None:
        """The tab's title carries the quality status, so a flagged page shows on the form."""
        tabs, editor = self.form.tabs, self.page_editor
        if tabs is None or editor is None:
            return
        title = self.tr("Digitisation (Ctrl+D)")
        flagged = editor.counts()[PageState.FLAGGED]
        if flagged:
            title = f"{title} — ⚠ {flagged}"
        tabs.setTabText(tabs.indexOf(editor), title)

    # --- start ----------------------------------------------------------------------------

    def start(self) -> None:
        """Load the counter identity, a draft left behind, the choices; call once the store
        is open (and again after the counter is set up)."""
        self.pages.setCurrentWidget(self.loading_label)
        services = self._services
        self._run_db(services.start, self._started, self._start_failed)

    def _started(self, start: ReceptionStart) -> None:
        self._paper = start.paper
        self.form.set_admin_units(start.admin_units)
        if start.counter is None:
            self._show_setup()
            return
        counter = start.counter
        self.form.counter_label.setText(
            f"{counter.counter_name} — {counter.org_unit_name} — {counter.clerk_name}"
        )
        self._show_code_supply(start)
        self.form.reset()
        self._started_at = None
        if start.draft is not None and not start.draft.is_empty():
            self.form.set_draft(start.draft)
            self._started_at = start.draft.service_started_at
            self.form.notice_label.setText(
                self.tr("The dossier that was being entered has been restored.")
            )
            self.form.notice_label.show()
        self._update_service_label()
        self._loaded = True
        if self.page_editor is not None:
            self.page_editor.refresh()  # pages digitised before a restart
            self._watch_scanner_folder()
        self.pages.setCurrentWidget(self.form)
        self.form.applicant.name_edit.setFocus()
        self.started.emit()

    def _show_code_supply(self, start: ReceptionStart) -> None:
        supply = start.code_supply
        if supply is not None and not supply.standalone and supply.low:
            self.form.codes_label.setText(
                self.tr(
                    "Only %n dossier code(s) left for today: ask IT staff to get more from "
                    "central.",
                    "",
                    supply.left_today,
                )
            )
            self.form.codes_label.show()
        else:
            self.form.codes_label.hide()

    def _start_failed(self, error: BaseException) -> None:
        message = _vi(error) or str(error)
        self.loading_label.setText(
            self.tr("The reception could not start: %1").replace("%1", message)
        )
        self.failed.emit(message)

    # --- counter set-up -------------------------------------------------------------------

    def _show_setup(self) -> None:
        self._loaded = False
        self.pages.setCurrentWidget(self.setup_panel)
        self._run_db(
            self._services.list_counters,
            self._counters_listed,
            lambda error: self.setup_panel.show_problem(_vi(error) or str(error)),
        )

    def _counters_listed(self, counters: list[Any]) -> None:
        self.setup_panel.set_counters(counters)
        self.setup_panel.setFocus()
        self.started.emit()

    def _configure(self, unit_code: str, counter_code: str, clerk: str) -> None:
        services = self._services
        self._run_db(
            lambda: services.configure_counter(unit_code, counter_code, clerk),
            lambda _info: self.start(),
            lambda error: self.setup_panel.show_problem(_vi(error) or str(error)),
        )

    # --- changes and drafts ---------------------------------------------------------------

    def current_draft(self) -> ReceptionDraft:
        return self.form.draft(self._started_at)

    def _mark_service_started(self) -> None:
        if self._started_at is None:
            self._started_at = self._now()
            self._update_service_label()

    def _update_service_label(self) -> None:
        if self._started_at is None:
            self.form.service_label.setText("")
        else:
            self.form.service_label.setText(
                self.tr("Service started at %1").replace(
                    "%1", f"{to_office_time(self._started_at):%H:%M}"
                )
            )

    def _changed(self) -> None:
        if not self._loaded or self._busy:
            return
        self._mark_service_started()
        self.form.notice_label.hide()
        self._draft_timer.start()

    def flush_draft(self) -> None:
        """Keep the last changes now instead of after the debounce (call before closing the
        window, before ``TaskRunner.shutdown``)."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._save_draft_now()

    def _save_draft_now(self) -> None:
        if self._busy or not self._loaded:
            return
        draft = self.current_draft()
        services = self._services
        self._run_db(lambda: services.save_draft(draft), self._draft_done, self._draft_failed)

    def _draft_done(self, _result: object) -> None:
        if self._draft_failing:
            self._draft_failing = False
            self.form.error_label.hide()
        self.draft_saved.emit()

    def _draft_failed(self, error: BaseException) -> None:
        message = _vi(error) or str(error)
        text = self.tr(
            "What you type cannot be kept as a draft: %1. Keep this window open; the fields "
            "keep what you typed."
        ).replace("%1", message)
        self.form.error_label.setText(text)
        self.form.error_label.show()
        if not self._draft_failing:
            self._draft_failing = True
            self._message(QMessageBox.Icon.Warning, self.tr("The draft was not saved"), text)
        self.failed.emit(message)

    # --- the card -------------------------------------------------------------------------

    def handle_scan(self, text: str) -> bool:
        """A burst from the USB scanner: fill the applicant from the chip ID card's QR.

        Returns whether the screen took it (not while it is set up, busy or in a dialog).
        """
        if not self._loaded or self._busy or self._dialog is not None:
            QApplication.beep()
            return False
        if self.pages.currentWidget() is self.result_panel:
            self.new_dossier()
        try:
            card = parse_card_qr(text, today=self._today())
        except CardQrError as error:
            self._message(
                QMessageBox.Icon.Warning,
                self.tr("Not a readable chip ID card"),
                error.message_vi,
            )
            return True
        self._apply_card(card_fields(card))
        return True

    def _apply_card(self, fields: dict[str, Any]) -> None:
        self._mark_service_started()
        applicant = self.form.applicant.applicant()
        unreadable = "" if applicant.date_of_birth else self.form.applicant.dob_text()
        found = differences(applicant, fields, unreadable)
        if not found:
            self._card_accepted(merged(applicant, fields, set()))
            return
        dialog = CardDifferencesDialog(found, self)
        self._show_dialog(
            dialog,
            lambda result: (
                result == QDialog.DialogCode.Accepted
                and self._card_accepted(merged(applicant, fields, dialog.keep_typed()))
            ),
        )

    def _card_accepted(self, applicant: Any) -> None:
        self.form.set_applicant(applicant)
        self.form.applicant.check_id_number()
        self.form.applicant.unit_picker.setFocus()

    def read_qr_image(self) -> None:
        """Read the card's QR from a photo or a scan (decoded on the I/O pool)."""
        if not self._loaded or self._busy or self._dialog is not None:
            return
        dialog = QFileDialog(
            self,
            self.tr("Read QR from image"),
            "",
            self.tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self.read_qr_file(Path(name)))
        self._show_dialog(dialog)

    def read_qr_file(self, path: Path) -> None:
        services = self._services
        if self._tasks.closed:
            return
        self._tasks.run_io(
            lambda: services.decode_qr_image(path),
            on_done=self._alive(self._image_decoded),
            on_error=self._alive(
                lambda error: self._message(
                    QMessageBox.Icon.Warning,
                    self.tr("No QR code could be read"),
                    _vi(error) or str(error),
                )
            ),
        )

    def _image_decoded(self, texts: list[str]) -> None:
        first_error: CardQrError | None = None
        for text in texts:
            try:
                card = parse_card_qr(text, today=self._today())
            except CardQrError as error:
                first_error = first_error or error
                continue
            self._apply_card(card_fields(card))
            return
        self._message(
            QMessageBox.Icon.Warning,
            self.tr("Not a readable chip ID card"),
            first_error.message_vi if first_error else self.tr("The image holds no QR code."),
        )

    # --- procedure ------------------------------------------------------------------------

    def _procedure_picked(self, row: ProcedureRow) -> None:
        self._documents_generation += 1
        generation = self._documents_generation
        version_id = int(row.version_id)
        services = self._services
        self._run_db(
            lambda: services.procedure_documents(version_id),
            lambda lines: self._documents_loaded(generation, lines),
            lambda error: self.form.picker.set_problem(_vi(error) or str(error)),
        )

    def _documents_loaded(self, generation: int, lines: tuple[DocumentLine, ...]) -> None:
        if generation != self._documents_generation:
            return
        self.form.set_checklist(lines)

    # --- save -----------------------------------------------------------------------------

    def check(self) -> list[FieldProblem]:
        """Every problem of the form now, shown at the fields; cursor on the first."""
        draft = self.current_draft()
        problems = self.form.local_problems() + check_draft(draft, self._today())
        self.form.show_problems(problems)
        return problems

    def save(self, confirmed: bool = False) -> None:
        """Ctrl+S: check, save on the database thread, then write the receipt."""
        if self._dialog is not None:
            return
        if not self._loaded or self._busy or self.pages.currentWidget() is not self.form:
            return
        if self.check():
            return
        if not confirmed and self._ask_rescan_first():
            return
        self._mark_service_started()
        draft = self.form.draft(self._started_at, self._now())
        self._set_busy(True)
        if self.page_editor is not None:
            self.page_editor.flush()  # a deleted page leaves the draft before it is attached
        services = self._services
        self._run_db(
            lambda: services.receive(draft),
            lambda received: self._saved(received, refused=False),
            self._save_failed,
        )

    def _ask_rescan_first(self) -> bool:
        """A page the quality gate flagged is best rescanned while the citizen is still at
        the counter: ask before saving (the default answer goes back to the page)."""
        editor = self.page_editor
        if editor is None:
            return False
        flagged = [
            row
            for row, page in enumerate(editor.model.pages())
            if editor.model.state_of(page) is PageState.FLAGGED
        ]
        if not flagged:
            return False
        box, (rescan, _save) = message_box(
            self,
            QMessageBox.Icon.Warning,
            self.tr("Pages need a rescan"),
            self.tr("%n digitised page(s) failed the quality check.", "", len(flagged)),
            "confirmFlaggedPages",
            [
                (self.tr("&Go to the page"), Role.RejectRole),
                (self.tr("&Save anyway"), Role.AcceptRole),
            ],
            informative=self.tr("Rescan them now, while the citizen is still at the counter."),
        )

        def answered(_result: int) -> None:
            if box.clickedButton() is rescan or box.clickedButton() is None:
                self._show_flagged_page(flagged[0])
            else:
                self.save(confirmed=True)

        self._show_dialog(box, answered)
        return True

    def _show_flagged_page(self, row: int) -> None:
        tabs, editor = self.form.tabs, self.page_editor
        if tabs is None or editor is None:
            return
        tabs.setCurrentWidget(editor)
        editor.select_row(row)
        editor.setFocus()

    def _set_busy(self, busy: bool) -> None:
        """While saving, the form is read-only (and no draft is written over the save)."""
        self._busy = busy
        if busy:
            self._draft_timer.stop()
            self._focus_before_busy = QApplication.focusWidget()
        self.form.setEnabled(not busy)
        if not busy:
            previous, self._focus_before_busy = self._focus_before_busy, None
            if previous is not None and shiboken6.isValid(previous) and previous.isEnabled():
                previous.setFocus()

    def _save_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        problems = getattr(error, "problems", None)
        if problems:
            self.form.show_problems(list(problems))
            self.failed.emit(_vi(error) or str(error))
            return
        # Matched by name: importing app.store.errors here would load SQLAlchemy with the
        # window (the store is imported on the database thread, after the window is up).
        name = type(error).__name__
        if name == "ProcedureNotInCatalogue":
            self.form.picker.set_problem(_vi(error) or str(error))
            self.form.focus_field("procedure")
        if name == "CounterNotConfigured":
            self._message(QMessageBox.Icon.Warning, self.tr("Counter not set up"), _vi(error))
            self._show_setup()
            return
        if name == "NoCodeAvailable":
            title = self.tr("No dossier code left")
        else:
            title = self.tr("The dossier was not saved")
        message = _vi(error)
        if message is None:
            message = self.tr(
                "An unexpected error stopped the save; nothing typed is lost. Please report it "
                "to IT staff: %1"
            ).replace("%1", f"{name}: {error}")
        self._message(QMessageBox.Icon.Critical, title, message)
        self._draft_timer.start()

    def _saved(self, received: Received, *, refused: bool) -> None:
        applicant = self.form.applicant.applicant()
        self._set_busy(False)
        self._loaded = True
        self.dossier_saved.emit(received.code)
        warning = ""
        if received.codes_low and received.codes_left_today is not None:
            warning = self.tr(
                "Only %n dossier code(s) left for today: ask IT staff to get more from central.",
                "",
                received.codes_left_today,
            )
        self.form.reset()
        if self.page_editor is not None:
            # The pages went with the dossier; reading still under way lands on them, and
            # the signed PDFs are built once the last page is read (not for a refusal).
            if refused:
                self.page_editor.clear()
            else:
                self.page_editor.dossier_saved(received.dossier_id)
        self._started_at = None
        self._update_service_label()
        self.pages.setCurrentWidget(self.result_panel)
        self.result_panel.show_result(
            refused=refused,
            code=received.code,
            received_at=received.received_at,
            due_at=received.due_at,
            applicant=applicant.full_name,
            warning=warning,
            paper=self._paper,
        )
        slip = Slip.REFUSAL if refused else Slip.RECEIPT
        self._result_request = SlipRequest(slip, self._paper, dossier_id=received.dossier_id)
        self._result_pdf = None
        self._write_result_slip()

    def _write_result_slip(self) -> None:
        request = self._result_request
        if request is None:
            return
        self.result_panel.set_pdf_status(self.tr("Writing the slip…"), ready=False)
        services = self._services
        self._run_db(
            lambda: services.write_slip(request),
            lambda path: self._result_slip_written(request, path),
            self._result_slip_failed,
        )

    def _result_slip_written(self, request: SlipRequest, path: Path) -> None:
        if request != self._result_request:
            return
        self._result_pdf = path
        self.result_panel.set_pdf_status(
            self.tr("Slip saved as PDF: %1").replace("%1", str(path)), ready=True
        )
        self.slip_ready.emit(str(path))

    def _result_slip_failed(self, error: BaseException) -> None:
        message = _vi(error) or f"{type(error).__name__}: {error}"
        self.result_panel.set_pdf_status(
            self.tr("The dossier is saved, but its slip could not be written: %1").replace(
                "%1", message
            ),
            ready=False,
        )
        self.result_panel.open_button.setEnabled(True)
        self.failed.emit(message)

    # --- result actions -------------------------------------------------------------------

    def _paper_changed(self, paper: str) -> None:
        self._paper = Paper(paper)
        services = self._services
        self._run_db(
            lambda: services.set_paper(Paper(paper)),
            lambda _r: None,
            lambda error: self.failed.emit(_vi(error) or str(error)),  # only a preference
        )
        if self._result_request is not None:
            self._result_request = SlipRequest(
                self._result_request.slip,
                self._paper,
                dossier_id=self._result_request.dossier_id,
            )
            self._write_result_slip()

    def open_pdf(self) -> None:
        if self._result_pdf is None:
            self._write_result_slip()  # the earlier attempt failed: try again
            return
        self._open(self._result_pdf)

    def _open(self, path: Path) -> None:
        if not self._open_file(path):
            self._message(
                QMessageBox.Icon.Information,
                self.tr("No program opens PDF files"),
                self.tr("The PDF is saved at %1").replace("%1", str(path)),
            )

    def print_slip(self) -> None:
        if self._result_request is not None and self._result_pdf is not None:
            self._print(self._result_request, self._result_pdf)

    def reprint(self, dossier_id: int) -> None:
        """Reprint a saved dossier's receipt (from the Dossiers screen): write the PDF marked
        as a reprint, then open the print dialog; the PDF stays as the fallback."""
        request = SlipRequest(Slip.RECEIPT, self._paper, dossier_id=dossier_id, reprint=True)
        services = self._services
        self._run_db(
            lambda: services.write_slip(request),
            lambda path: self._reprint_written(request, path),
            lambda error: self._print_failed(error, None),
        )

    def _reprint_written(self, request: SlipRequest, path: Path) -> None:
        self.slip_ready.emit(str(path))
        self._print(request, path)

    def _print(self, request: SlipRequest, pdf: Path | None) -> None:
        services = self._services

        def chosen(printer: QPrinter) -> None:
            self._run_db(
                lambda: services.print_slip(request, printer),
                lambda _pages: None,
                lambda error: self._print_failed(error, pdf),
            )

        self._choose_printer(self, chosen)

    def _print_failed(self, error: BaseException, pdf: Path | None) -> None:
        message = _vi(error) or f"{type(error).__name__}: {error}"
        self.failed.emit(message)
        buttons = [(self.tr("Close"), Role.RejectRole)]
        if pdf is not None:
            buttons.insert(0, (self.tr("Open the PDF"), Role.AcceptRole))
        box, added = message_box(
            self,
            QMessageBox.Icon.Warning,
            self.tr("Printing failed"),
            message,
            "printFailed",
            buttons,
            self.tr("You can open the PDF and print it from there.") if pdf else "",
        )

        def finished(_result: int) -> None:
            if pdf is not None and box.clickedButton() is added[0]:
                self._open(pdf)

        self._show_dialog(box, finished)

    def new_dossier(self) -> None:
        self._result_request = None
        self._result_pdf = None
        self.form.reset()
        self._started_at = None
        self._update_service_label()
        self.pages.setCurrentWidget(self.form)
        self.form.applicant.individual_radio.setFocus()
        self.form.applicant.name_edit.setFocus()

    # --- cancel ---------------------------------------------------------------------------

    def cancel(self) -> None:
        """Esc: drop the dossier being typed, after asking if anything was typed."""
        if self._busy or self._dialog is not None:
            return
        has_pages = self.page_editor is not None and self.page_editor.model.rowCount() > 0
        if not self.form.anything_typed() and not has_pages:
            self._discard()
            return
        box, (_keep, discard) = message_box(
            self,
            QMessageBox.Icon.Question,
            self.tr("Discard this dossier?"),
            self.tr("Everything typed for this dossier will be lost."),
            "confirmDiscard",
            [
                (self.tr("&Keep typing"), Role.RejectRole),
                (self.tr("&Discard"), Role.DestructiveRole),
            ],
        )
        self._show_dialog(box, lambda _result: box.clickedButton() is discard and self._discard())

    def _discard(self) -> None:
        self._draft_timer.stop()
        self.new_dossier()
        if self.page_editor is not None:
            self.page_editor.discard()
        services = self._services
        self._run_db(services.discard_draft, lambda _r: None, self._draft_failed)

    # --- Mẫu 02 and Mẫu 03 ----------------------------------------------------------------

    def supplement_request(self) -> None:
        """Mẫu 02 from the draft: what the applicant must bring (nothing is saved)."""
        if not self._loaded or self._busy or self._dialog is not None:
            return
        draft = self.current_draft()
        dialog = TextPromptDialog(
            self.tr("Supplement request (Mẫu 02)"),
            self.tr(
                "Reason printed on the request (the missing mandatory documents are listed "
                "under it):"
            ),
            SUPPLEMENT_REASON_VI,
            self,
        )

        def finished(result: int) -> None:
            if result != QDialog.DialogCode.Accepted:
                return
            request = SlipRequest(Slip.SUPPLEMENT, self._paper, draft=draft, reason=dialog.text())
            services = self._services
            self._run_db(
                lambda: services.write_slip(request),
                lambda path: self._supplement_written(request, path),
                lambda error: self._message(
                    QMessageBox.Icon.Critical,
                    self.tr("The supplement request could not be written"),
                    _vi(error) or f"{type(error).__name__}: {error}",
                ),
            )

        self._show_dialog(dialog, finished)

    def _supplement_written(self, request: SlipRequest, path: Path) -> None:
        self.slip_ready.emit(str(path))
        box, (print_button, open_button, _close) = message_box(
            self,
            QMessageBox.Icon.Information,
            self.tr("Supplement request ready"),
            self.tr("Saved as PDF: %1").replace("%1", str(path)),
            "supplementReady",
            [
                (self.tr("&Print…"), Role.AcceptRole),
                (self.tr("&Open PDF"), Role.ActionRole),
                (self.tr("Close"), Role.RejectRole),
            ],
        )

        def finished(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is print_button:
                self._print(request, path)
            elif clicked is open_button:
                self._open(path)

        self._show_dialog(box, finished)

    def refuse(self) -> None:
        """Mẫu 03: record the refusal with its reason and print the refusal slip."""
        if not self._loaded or self._busy or self._dialog is not None:
            return
        dialog = TextPromptDialog(
            self.tr("Refuse the dossier (Mẫu 03)"),
            self.tr("Reason for refusing, printed on the slip:"),
            "",
            self,
        )

        self._show_dialog(
            dialog,
            lambda result: (
                result == QDialog.DialogCode.Accepted and self._refuse_with(dialog.text())
            ),
        )

    def _refuse_with(self, reason: str) -> None:
        self._mark_service_started()
        draft = self.form.draft(self._started_at, self._now())
        self._set_busy(True)
        if self.page_editor is not None:
            self.page_editor.flush()
        services = self._services
        self._run_db(
            lambda: services.refuse(draft, reason),
            lambda received: self._saved(received, refused=True),
            self._save_failed,
        )

    # --- dialogs --------------------------------------------------------------------------

    def _message(self, icon: QMessageBox.Icon, title: str, text: str | None) -> None:
        """A non-blocking message box (the clerk closes it with Enter or Esc)."""
        close = [(self.tr("Close"), Role.AcceptRole)]
        box, _buttons = message_box(self, icon, title, text or title, "receptionMessage", close)
        self._show_dialog(box)

    def _show_dialog(
        self, dialog: QDialog, on_finished: Callable[[int], object] | None = None
    ) -> None:
        """Open ``dialog`` without blocking; while it is up, scans and actions wait."""

        def finished(result: int) -> None:
            if self._dialog is dialog:
                self._dialog = None
            if on_finished is not None:
                on_finished(result)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        self._dialog = dialog
        dialog.open()
