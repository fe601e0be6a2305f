"""After the save: the result panel, printing (and a printer that fails), A4/A5, Mẫu 02 from
the draft, Mẫu 03 with its reason, and the card read from an image file."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import qrcode
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.database import Store
from app.store.models import Dossier
from app.store.settings import SettingsRepository
from app.ui.screens.reception import ReceptionScreen
from app.ui.services_reception import PAPER_SETTING_KEY
from app.ui.tasks import TaskRunner
from app.ui.widgets.text_prompt import TextPromptDialog
from tests.memory_keyring import MemoryKeyring, installed_keyring

from .reception_support import CARD_QR, Clock, build_screen, configure, press, type_text, wait_idle

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed_keyring(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


class Recorder:
    """Stands in for the desktop's PDF viewer and the system print dialog."""

    def __init__(self, printer: QPrinter | None = None) -> None:
        self.opened: list[Path] = []
        self.printer = printer

    def open_file(self, path: Path) -> bool:
        self.opened.append(path)
        return True

    def choose_printer(self, _parent: QWidget, chosen: Callable[[QPrinter], None]) -> None:
        assert self.printer is not None
        chosen(self.printer)


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return re.sub(r"\s+", " ", out)


def pdf_page_size(path: Path) -> str:
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return next(line for line in info.splitlines() if line.startswith("Page size"))


def fill(qtbot: QtBot, screen: ReceptionScreen, *, all_documents: bool) -> None:
    screen.handle_scan(CARD_QR)
    screen.form.picker.search_edit.setFocus()
    with qtbot.waitSignal(screen.form.picker.results_shown, timeout=10000):
        type_text("khai sinh")
        press(Qt.Key.Key_End)
    press(Qt.Key.Key_Return)
    model = screen.form.checklist.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)
    if all_documents:
        model.set_all_received()
    else:
        model.toggle_received(0)


def saved_screen(
    qtbot: QtBot, store: Store, tasks: TaskRunner, recorder: Recorder
) -> tuple[ReceptionScreen, Path]:
    configure(store)
    screen = build_screen(
        qtbot,
        store,
        tasks,
        Clock(),
        open_file=recorder.open_file,
        choose_printer=recorder.choose_printer,
    )
    fill(qtbot, screen, all_documents=True)
    with qtbot.waitSignal(screen.slip_ready, timeout=30000) as written:
        press(Qt.Key.Key_S, CTRL)
    return screen, Path(written.args[0])


def test_print_and_open_the_receipt_from_the_result_panel(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    recorder = Recorder(printer)
    screen, pdf = saved_screen(qtbot, store, tasks, recorder)
    panel = screen.result_panel
    assert panel.print_button.isEnabled() and panel.print_button.hasFocus()
    press(Qt.Key.Key_P, CTRL)
    wait_idle(qtbot, tasks)
    assert printed.is_file()
    assert panel.code_label.text() in pdf_text(printed)
    press(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # "&Open PDF"
    qtbot.waitUntil(lambda: recorder.opened == [pdf])  # a mnemonic clicks after 100 ms


@pytest.mark.qt_log_ignore(
    "QPainter::begin\\(\\): Returned false",  # the printer that cannot start
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)",
)
def test_a_failing_printer_says_why_and_offers_the_pdf(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no such folder" / "out.pdf"))
    recorder = Recorder(printer)
    screen, pdf = saved_screen(qtbot, store, tasks, recorder)
    press(Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: screen.findChild(QMessageBox, "printFailed") is not None)
    box = screen.findChild(QMessageBox, "printFailed")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "Không in được" in box.text()
    open_button = next(b for b in box.buttons() if b.text() == "Open the PDF")
    open_button.click()
    assert recorder.opened == [pdf]


def test_the_paper_size_is_remembered_and_the_slip_rewritten(
    qtbot: QtBot, store: Store, tasks: TaskRunner
) -> None:
    recorder = Recorder()
    screen, pdf = saved_screen(qtbot, store, tasks, recorder)
    assert "595" in pdf_page_size(pdf)  # A4: 595 x 842 pt
    combo = screen.result_panel.paper_combo
    combo.setFocus()
    with qtbot.waitSignal(screen.slip_ready, timeout=30000) as written:
        press(Qt.Key.Key_Down, widget=combo)
        combo.activated.emit(combo.currentIndex())
    a5 = Path(written.args[0])
    assert a5 != pdf and "420" in pdf_page_size(a5)  # A5: 420 x 595 pt
    wait_idle(qtbot, tasks)
    with store.read_session() as session:
        assert SettingsRepository(session).get(PAPER_SETTING_KEY) == "A5"
    press(Qt.Key.Key_N, CTRL)
    assert screen.pages.currentWidget() is screen.form
    assert screen.current_draft().is_empty()


def test_a_supplement_request_is_printed_from_the_draft(
    qtbot: QtBot, store: Store, tasks: TaskRunner
) -> None:
    configure(store)
    screen = build_screen(qtbot, store, tasks, Clock())
    fill(qtbot, screen, all_documents=False)
    missing = [line.name for line in screen.form.checklist.lines() if line.mandatory][1]
    press(Qt.Key.Key_B, CTRL)
    dialog = screen.findChild(TextPromptDialog)
    assert dialog is not None and dialog.text()  # a reason is proposed
    with qtbot.waitSignal(screen.slip_ready, timeout=30000) as written:
        press(Qt.Key.Key_Return, CTRL, widget=dialog.edit)
    text = pdf_text(Path(written.args[0]))
    assert "PHIẾU YÊU CẦU BỔ SUNG" in text.upper()
    assert missing[:30] in text
    assert "Đặng Thị Đào" in text
    box = screen.findChild(QMessageBox, "supplementReady")
    assert box is not None
    box.reject()
    # Nothing was saved and the draft is still on screen.
    assert screen.pages.currentWidget() is screen.form
    assert screen.current_draft().applicant.full_name == "Đặng Thị Đào"
    with store.read_session() as session:
        assert session.scalars(select(Dossier)).first() is None


def test_a_refusal_records_its_reason_and_prints_form_03(
    qtbot: QtBot, store: Store, tasks: TaskRunner
) -> None:
    configure(store)
    screen = build_screen(qtbot, store, tasks, Clock())
    fill(qtbot, screen, all_documents=False)
    press(Qt.Key.Key_R, CTRL)
    dialog = screen.findChild(TextPromptDialog)
    assert dialog is not None
    press(Qt.Key.Key_Return, CTRL, widget=dialog.edit)  # empty: refused, the dialog stays
    assert dialog.isVisible()
    type_text("Thủ tục thuộc thẩm quyền UBND cấp xã nơi cư trú", widget=dialog.edit)
    with qtbot.waitSignal(screen.slip_ready, timeout=30000) as written:
        press(Qt.Key.Key_Return, CTRL, widget=dialog.edit)
    assert screen.result_panel.title_label.text() == "Dossier refused (Mẫu 03)"
    text = pdf_text(Path(written.args[0]))
    assert "TỪ CHỐI" in text.upper()
    assert "Thủ tục thuộc thẩm quyền UBND cấp xã nơi cư trú" in text
    with store.read_session() as session:
        dossier = session.scalars(select(Dossier)).one()
    assert dossier.state == "refused"
    assert dossier.code == screen.result_panel.code_label.text()


def test_the_card_is_read_from_an_image_file(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    configure(store)
    screen = build_screen(qtbot, store, tasks, Clock())
    image = tmp_path / "card.png"
    qrcode.make(CARD_QR.encode("utf-8")).save(str(image))
    screen.read_qr_file(image)
    qtbot.waitUntil(
        lambda: screen.current_draft().applicant.full_name == "Đặng Thị Đào", timeout=20000
    )
    assert screen.current_draft().applicant.from_card

    screen.read_qr_file(tmp_path / "missing.png")
    qtbot.waitUntil(
        lambda: screen.findChild(QMessageBox, "receptionMessage") is not None, timeout=20000
    )
    box = screen.findChild(QMessageBox, "receptionMessage")
    assert box is not None and box.text()
