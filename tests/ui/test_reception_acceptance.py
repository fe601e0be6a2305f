"""Issue 3's acceptance: the whole reception by keyboard only, scan to signed receipt PDF.

A USB scanner's burst fills the applicant, the clerk types the rest, picks the procedure,
ticks the documents with Space and saves with Ctrl+S, never touching the mouse. The receipt
PDF is then read back as a citizen's copy would be: its text (pdftotext) names the right
code, applicant, documents and appointment, and its QR code, rasterised at 200 dpi and
decoded with OpenCV, leads back to the dossier and verifies offline with the counter's key.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.clock import to_office_time
from app.domain.receipt_qr import verify_receipt_qr
from app.store.database import Store
from app.store.models import Dossier, DossierDocument
from app.store.receipt_keys import read_known_keys
from app.ui.scanner_burst import ScannerBurstFilter
from app.ui.tasks import TaskRunner
from tests.memory_keyring import MemoryKeyring, installed_keyring

from .reception_support import CARD_QR, Clock, build_screen, configure, press, scan, type_text

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed_keyring(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_keyboard_only_from_a_scanned_card_to_a_signed_receipt_pdf(
    qtbot: QtBot,
    store: Store,
    tasks: TaskRunner,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    configure(store)
    screen = build_screen(qtbot, store, tasks, Clock())
    app = QApplication.instance()
    assert app is not None
    burst_filter = ScannerBurstFilter(screen.handle_scan)
    app.installEventFilter(burst_filter)
    try:
        form = screen.form
        assert form.applicant.name_edit.hasFocus()

        # 1. The citizen's chip card under the USB scanner.
        scan(CARD_QR)
        assert form.applicant.name_edit.text() == "Đặng Thị Đào"
        assert form.applicant.unit_picker.hasFocus()

        # 2. The commune, without accents, from the picker's list.
        picker = form.applicant.unit_picker
        type_text("hai ba trung")
        qtbot.waitUntil(picker.completer_popup_visible)
        popup = picker._completer.popup()
        press(Qt.Key.Key_Down, widget=popup)
        press(Qt.Key.Key_Return, widget=popup)
        assert picker.text().startswith("Phường Hai Bà Trưng")
        # A window manager gives the activation back when a popup closes; offscreen does not.
        screen.activateWindow()
        QApplication.processEvents()
        press(Qt.Key.Key_Return)

        # 3. Phone and e-mail, Enter after each.
        assert form.applicant.phone_edit.hasFocus()
        type_text("0912 345 678")
        press(Qt.Key.Key_Return)
        type_text("dao.dang@example.vn")
        press(Qt.Key.Key_Return)

        # 4. The procedure: a few words without accents, Enter picks the first match.
        assert form.picker.search_edit.hasFocus()
        with qtbot.waitSignal(form.picker.results_shown, timeout=10000):
            type_text("dang ky khai sinh")
            press(Qt.Key.Key_End)  # releases the last typed key; the search follows
        press(Qt.Key.Key_Return)
        model = form.checklist.model
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)

        # 5. The documents handed over: Space on each mandatory one.
        assert form.checklist.table.hasFocus()
        for row in range(model.rowCount()):
            if model.line(row).mandatory:
                press(Qt.Key.Key_Space)
            press(Qt.Key.Key_Down)
        assert all(line.received for line in model.lines() if line.mandatory)
        received_names = [line.name for line in model.lines() if line.received]

        # 6. Delivery at the counter (default), one set, the queue ticket.
        press(Qt.Key.Key_Return)
        assert form.delivery.method_combo.hasFocus()
        press(Qt.Key.Key_Return)
        assert form.delivery.sets_spin.hasFocus()  # the mailing address is skipped
        press(Qt.Key.Key_Return)
        type_text("A015")
        press(Qt.Key.Key_Return)
        assert form.delivery.notes_edit.hasFocus()

        # 7. Save.
        with qtbot.waitSignal(screen.slip_ready, timeout=30000) as written:
            press(Qt.Key.Key_S, CTRL)
        pdf = Path(written.args[0])
    finally:
        app.removeEventFilter(burst_filter)

    assert screen.pages.currentWidget() is screen.result_panel
    code = screen.result_panel.code_label.text()
    with store.read_session() as session:
        dossier = session.scalars(select(Dossier)).one()
        documents = session.scalars(
            select(DossierDocument.name).where(DossierDocument.received.is_(True))
        ).all()
        due_at = dossier.due_at
        assert dossier.code == code
        assert dossier.queue_ticket == "A015"
        assert dossier.service_started_at is not None
        assert dossier.service_ended_at is not None
    assert sorted(documents) == sorted(received_names)
    assert due_at is not None
    due = to_office_time(due_at)
    assert due.date().isoformat() == "2026-03-02"  # same-day procedure, received at 09:30
    assert screen.result_panel.appointment_label.text() == f"{due:%H:%M}, 02/03/2026"

    # The PDF's text, as pdftotext reads it.
    assert pdf.is_file()
    text = _flat(
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    )
    assert code in text
    assert "Đặng Thị Đào" in text or "ĐẶNG THỊ ĐÀO" in text
    for name in received_names:
        assert _flat(name)[:40] in text
    appointment = (
        rf"5\. Thời gian trả kết quả giải quyết hồ sơ: {due:%H} giờ {due:%M} phút, "
        r"ngày 0?2 tháng 0?3 năm 2026"
    )
    assert re.search(appointment, text), text
    # The catalogue's advice to the clerk is not printed for the citizen, and a typical
    # dossier fits on one sheet.
    assert "Không có thì" not in text
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info

    # The QR at the top-left corner, rasterised at 200 dpi and decoded.
    prefix = tmp_path / "receipt"
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)],
        check=True,
        timeout=60,
    )
    page = next(tmp_path.glob("receipt*.png"))
    image = cv2.imread(str(page), cv2.IMREAD_GRAYSCALE)
    height, width = image.shape
    corner = image[: height // 5, : width // 4]  # the QR must be in the top-left corner
    decoded = cv2.QRCodeDetector().detectAndDecode(corner)[0]
    if not decoded:
        # The classic detector misses some dense codes at 3 px a module that the ArUco-based
        # one reads (see app/capture/qr_image.py); either proves the code is there and whole.
        decoded = cv2.QRCodeDetectorAruco().detectAndDecode(corner)[0]
    assert code in decoded
    known = read_known_keys(store)
    verdict = verify_receipt_qr(decoded, known.public_keys, known.signers)
    assert verdict.genuine, verdict.message
    assert verdict.claims is not None and verdict.claims.dossier_code == code
