"""The verify dialog: scan, paste or open an image of a receipt and see at once if it is genuine."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import cv2
import numpy as np
import pytest
import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from qrcode.constants import ERROR_CORRECT_M

from app.capture.qr_image import decode_qr_image
from app.config import AppPaths
from app.domain.receipt_qr import KnownReceiptKeys, ReceiptClaims, VerdictStatus, sign_receipt
from app.store.database import Store, open_database
from app.store.receipt_keys import ReceiptKeys, read_known_keys
from app.store.secrets import SecretStore
from app.store.settings import SettingsRepository
from app.ui.dialogs.verify_receipt import VerifyReceiptDialog
from app.ui.i18n import InstalledTranslations, install_translations
from app.ui.tasks import TaskRunner
from tests.memory_keyring import MemoryKeyring, installed_keyring
from tests.ui.keys import type_text

# The offscreen platform cannot size top-level windows from their layout; harmless here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LOOKUP = "https://tra-cuu.example.org/ho-so"
CLAIMS = ReceiptClaims("000.00.53.H48-260302-0015", "2.000815", "001199012345", 7, "c0ffee00" * 2)


@pytest.fixture
def counter_store(app_paths: AppPaths) -> Iterator[Store]:
    store = open_database(app_paths)
    with store.session() as session:
        SettingsRepository(session).set("counter.unit", "TT")
        SettingsRepository(session).set("counter.code", "Q01")
    yield store
    store.close()


@pytest.fixture
def counter_key(counter_store: Store) -> Ed25519PrivateKey:
    with installed_keyring(MemoryKeyring()), counter_store.session() as session:
        key = ReceiptKeys(SecretStore()).signing_key(session)
    assert key is not None
    return key


@pytest.fixture
def receipt(counter_key: Ed25519PrivateKey) -> str:
    return sign_receipt(CLAIMS, LOOKUP, counter_key)


class ThreadLog:
    """Remembers on which thread the dialog ran its database and image work."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.images: list[str] = []


@pytest.fixture
def threads() -> ThreadLog:
    return ThreadLog()


@pytest.fixture
def dialog(
    qtbot: QtBot,
    counter_store: Store,
    tasks: TaskRunner,
    language: InstalledTranslations,
    threads: ThreadLog,
) -> VerifyReceiptDialog:
    def keys() -> KnownReceiptKeys:
        threads.keys.append(threading.current_thread().name)
        return read_known_keys(counter_store)

    def decode(path: str) -> Sequence[str]:
        threads.images.append(threading.current_thread().name)
        return decode_qr_image(path)

    window = VerifyReceiptDialog(keys, tasks, decode_image=decode)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _press_enter(qtbot: QtBot, dialog: VerifyReceiptDialog) -> None:
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)


def test_a_scanner_burst_shows_a_green_genuine_verdict_with_the_claims(
    qtbot: QtBot, dialog: VerifyReceiptDialog, receipt: str, threads: ThreadLog
) -> None:
    assert dialog.text_edit.hasFocus()
    type_text(dialog.text_edit, receipt)
    with qtbot.waitSignal(dialog.verdict_shown, timeout=5000) as shown:
        _press_enter(qtbot, dialog)
    verdict = shown.args[0]
    assert verdict.status is VerdictStatus.GENUINE
    assert dialog.verdict_frame.property("status") == "genuine"
    assert "#1e8e3e" in dialog.verdict_frame.styleSheet()  # green border
    assert dialog.message_label.text() == (
        "Biên nhận hợp lệ: mã hồ sơ 000.00.53.H48-260302-0015, 7 trang, ký bởi quầy Q01 · TT"
    )
    assert dialog.claims_box.isVisible()
    assert dialog.claim_labels["dossier_code"].text() == "000.00.53.H48-260302-0015"
    assert dialog.claim_labels["procedure_code"].text() == "2.000815"
    assert dialog.claim_labels["id_number"].text() == "001199012345"
    assert dialog.claim_labels["pages"].text() == "7"
    assert dialog.claim_labels["signed_by"].text().startswith("Q01 · TT")
    assert dialog.isVisible(), "Enter must check, not close the dialog"
    assert threads.keys and all(name.startswith("motcua-db") for name in threads.keys)


def test_a_pasted_altered_receipt_shows_a_red_verdict(
    qtbot: QtBot, dialog: VerifyReceiptDialog, receipt: str
) -> None:
    altered = receipt.replace("&n=7&", "&n=1&")
    QApplication.clipboard().setText(altered)
    dialog.text_edit.setFocus()
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.text_edit.text() == altered
    with qtbot.waitSignal(dialog.verdict_shown, timeout=5000) as shown:
        _press_enter(qtbot, dialog)
    assert shown.args[0].status is VerdictStatus.ALTERED
    assert dialog.verdict_frame.property("status") == "altered"
    assert "#d93025" in dialog.verdict_frame.styleSheet()  # red border
    assert dialog.message_label.text() == (
        "Biên nhận đã bị sửa đổi hoặc giả mạo: chữ ký không khớp"
    )
    # What the forged paper says is shown, marked as not verified.
    assert dialog.claim_labels["pages"].text() == "1"
    assert dialog.claims_heading.text() != "Receipt details"


def test_a_receipt_image_is_decoded_off_the_gui_thread_and_verified(
    qtbot: QtBot,
    dialog: VerifyReceiptDialog,
    receipt: str,
    tmp_path: Path,
    threads: ThreadLog,
) -> None:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(receipt.encode("ascii"))
    code.make(fit=True)
    pixels = np.where(np.array(code.get_matrix(), dtype=np.uint8), 0, 255).astype(np.uint8)
    path = tmp_path / "receipt.png"
    assert cv2.imwrite(str(path), cv2.resize(pixels, None, fx=5, fy=5, interpolation=0))
    with qtbot.waitSignal(dialog.verdict_shown, timeout=10000) as shown:
        dialog.open_image(path)
    assert shown.args[0].status is VerdictStatus.GENUINE
    assert dialog.text_edit.text() == receipt
    assert threads.images and all(name.startswith("motcua-io") for name in threads.images)


def test_an_unreadable_image_says_why_and_keeps_the_typed_text(
    qtbot: QtBot, dialog: VerifyReceiptDialog, tmp_path: Path
) -> None:
    type_text(dialog.text_edit, "000.00.53.H48")
    broken = tmp_path / "scan.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    with qtbot.waitSignal(dialog.problem_shown, timeout=10000) as shown:
        dialog.open_image(broken)
    assert "bị hỏng" in shown.args[0]
    assert dialog.message_label.text() == shown.args[0]
    assert dialog.text_edit.text() == "000.00.53.H48"
    assert dialog.verdict is None


def test_a_chip_card_scanned_by_mistake_is_named(qtbot: QtBot, dialog: VerifyReceiptDialog) -> None:
    with qtbot.waitSignal(dialog.verdict_shown, timeout=5000) as shown:
        dialog.accept_scan("001199012345||Đặng Thị Đào|02031999|Nữ|Hà Nội|15062022\r\n")
    assert shown.args[0].status is VerdictStatus.NOT_A_RECEIPT
    assert "thẻ căn cước" in dialog.message_label.text()
    assert not dialog.claims_box.isVisible()


def test_another_counters_receipt_is_amber_not_red(
    qtbot: QtBot, dialog: VerifyReceiptDialog, counter_key: Ed25519PrivateKey
) -> None:
    stranger = sign_receipt(CLAIMS, LOOKUP, Ed25519PrivateKey.generate())
    dialog.text_edit.setText(stranger)
    with qtbot.waitSignal(dialog.verdict_shown, timeout=5000) as shown:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert shown.args[0].status is VerdictStatus.UNKNOWN_KEY
    assert "#f9ab00" in dialog.verdict_frame.styleSheet()
    assert "chưa có trên máy này" in dialog.message_label.text()


def test_the_english_interface_shows_the_english_verdict(
    qtbot: QtBot, counter_store: Store, tasks: TaskRunner, receipt: str
) -> None:
    english = install_translations("en")
    try:
        window = VerifyReceiptDialog(lambda: read_known_keys(counter_store), tasks)
        qtbot.addWidget(window)
        window.text_edit.setText(receipt)
        with qtbot.waitSignal(window.verdict_shown, timeout=5000):
            window.check_text()
        assert window.message_label.text().startswith("Genuine receipt: dossier 000.00.53")
        assert window.title_label.text() == "✔ Genuine and unaltered"
    finally:
        english.remove()
