"""The window's wiring: a scan anywhere reaches the right place; a saved dossier can be found
and reprinted from the Dossiers screen; Ctrl+Shift+V verifies a receipt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.reception import ReceptionDraft
from app.store.counter import configure_counter
from app.store.database import Store
from app.ui.main_window import MainWindow
from app.ui.scanner_burst import ScannerBurstFilter
from tests.ui.reception_support import CARD_QR, CLERK, COUNTER, UNIT, scan

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture
def scanner(qapp: QApplication, window: MainWindow) -> Iterator[ScannerBurstFilter]:
    """The application-wide filter, connected as ``app.ui.app.Gui`` connects it."""
    burst_filter = ScannerBurstFilter()
    burst_filter.burst.connect(window.handle_scan)
    qapp.installEventFilter(burst_filter)
    yield burst_filter
    qapp.removeEventFilter(burst_filter)


@pytest.fixture
def counter_window(qtbot: QtBot, window: MainWindow, store: Store) -> MainWindow:
    with store.session() as session:
        configure_counter(session, UNIT, COUNTER, CLERK)
    with qtbot.waitSignal(window.reception_screen.started, timeout=10000):
        window.reception_screen.start()
    return window


def test_the_window_opens_on_reception(window: MainWindow) -> None:
    assert window.current_key() == "reception"


def test_a_card_scanned_while_the_catalogue_has_focus_fills_the_reception_form(
    qtbot: QtBot, counter_window: MainWindow, scanner: ScannerBurstFilter
) -> None:
    window = counter_window
    window.show_screen("catalogue")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.catalogue_screen.search_edit)
    scan(CARD_QR)
    qtbot.waitUntil(lambda: window.current_key() == "reception")
    applicant = window.reception_screen.form.applicant
    assert applicant.name_edit.text().casefold() == "đặng thị đào"
    assert applicant.id_edit.text() == "001199012345"
    # Nothing of the scan was typed into the catalogue's search box.
    assert window.catalogue_screen.search_edit.text() == ""


def test_a_saved_dossier_is_listed_and_reprinted_from_the_dossiers_screen(
    qtbot: QtBot, counter_window: MainWindow, store: Store, tmp_path: Path
) -> None:
    from tests.store.reception_support import draft as ready_draft

    window = counter_window
    reception = window.reception_screen
    printed: list[int] = []
    reception._choose_printer = lambda _parent, _chosen: printed.append(1)  # no real printer
    draft: ReceptionDraft = ready_draft(store)
    reception.form.set_draft(draft)
    with qtbot.waitSignal(reception.slip_ready, timeout=20000) as saved:
        reception.save()
    first_pdf = Path(saved.args[0])
    assert first_pdf.is_file()

    window.show_screen("dossiers")
    screen = window.dossiers_screen
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=10000)
    with qtbot.waitSignal(screen.detail_shown, timeout=10000):
        screen.select_row(0)
    with qtbot.waitSignal(reception.slip_ready, timeout=20000) as reprinted:
        qtbot.keyClick(screen, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == [1]
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-layout", reprinted.args[0], "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Bản in lại" in text


def test_a_receipt_scanned_anywhere_opens_the_verify_dialog(
    qtbot: QtBot, counter_window: MainWindow, scanner: ScannerBurstFilter
) -> None:
    window = counter_window
    forged = (
        "https://tra-cuu.example.org/ho-so?v=1&c=999.00.00.H26-260302-0001&p=1.001193"
        "&i=001199012345&n=0&h=0123456789abcdef"
    )
    window.activateWindow()
    scan(forged, widget=window.nav)
    qtbot.waitUntil(lambda: window._verify_dialog is not None, timeout=5000)
    dialog = window._verify_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert "999.00.00.H26-260302-0001" in dialog.text_edit.text()


def test_the_dossier_list_speaks_vietnamese(window: MainWindow) -> None:
    from app.ui.models.dossier_table_model import Column, timeliness_labels

    model = window.dossiers_screen.model
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in Column]
    assert headers[:2] == ["Mã hồ sơ", "Người nộp hồ sơ"]
    assert "Quá hạn" in timeliness_labels() and "Overdue" not in timeliness_labels()
