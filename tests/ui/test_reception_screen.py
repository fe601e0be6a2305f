"""The reception screen over a real store, driven from the keyboard.

Checks at the fields (the Vietnamese message under the field, the text kept), Esc, drafts
kept across a rebuilt screen and a killed process, mandatory documents, the card's
differences, a full disk, the counter set-up and the code supply.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QRadioButton
from pytestqt.qtbot import QtBot
from sqlalchemy import event, func, select

from app.config import AppPaths
from app.domain.reception import ApplicantData, ReceptionDraft
from app.store.code_blocks import CodeBlockRepository
from app.store.counter import load_counter_identity
from app.store.database import Store
from app.store.drafts import DraftRepository
from app.store.models import Dossier
from app.store.settings import SettingsRepository
from app.ui.scanner_burst import ScannerBurstFilter
from app.ui.screens.reception import ReceptionScreen
from app.ui.screens.reception_card import CardDifferencesDialog
from app.ui.tasks import TaskRunner
from tests.memory_keyring import MemoryKeyring, installed_keyring

from .reception_support import (
    CARD_QR,
    MONDAY_0930,
    Clock,
    build_screen,
    configure,
    press,
    scan,
    type_text,
    wait_idle,
)

pytestmark = pytest.mark.qt_log_ignore(
    # The offscreen platform cannot raise windows or grab the keyboard for popups.
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Receipts are signed with a key kept in this in-memory keyring (no OS keyring here)."""
    with installed_keyring(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


@pytest.fixture
def screen(qtbot: QtBot, store: Store, tasks: TaskRunner) -> Iterator[ReceptionScreen]:
    configure(store)
    built = build_screen(qtbot, store, tasks, Clock())
    burst_filter = ScannerBurstFilter(built.handle_scan)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(burst_filter)
    yield built
    app.removeEventFilter(burst_filter)
    wait_idle(qtbot, tasks)


def message_box(qtbot: QtBot, screen: ReceptionScreen, name: str) -> QMessageBox:
    found: list[QMessageBox] = []

    def shown() -> bool:
        box = screen.findChild(QMessageBox, name)
        if box is not None and box.isVisible():
            found.append(box)
            return True
        return False

    qtbot.waitUntil(shown, timeout=10000)
    return found[0]


def go_to(screen: ReceptionScreen, key: str) -> None:
    """Put the cursor in a field, as the clerk's click or mnemonic would."""
    assert screen.form.focus_field(key)


def pick_procedure(qtbot: QtBot, screen: ReceptionScreen, words: str) -> None:
    press(Qt.Key.Key_F, CTRL)
    assert screen.form.picker.search_edit.hasFocus()
    with qtbot.waitSignal(screen.form.picker.results_shown, timeout=10000) as shown:
        type_text(words)
        qtbot.waitUntil(lambda: screen.form.picker.search_edit.text() == words)
    assert shown.args and shown.args[0] > 0
    model = screen.form.checklist.model
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)


def fill_applicant_by_keyboard(screen: ReceptionScreen) -> None:
    """Đặng Thị Đào, typed field after field with Enter, as a clerk without a scanner."""
    go_to(screen, "applicant.full_name")
    for text in ("Đặng Thị Đào", "001199012345", "", "02/03/1999"):
        type_text(text)
        press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Down)  # sex: — → Nam
    press(Qt.Key.Key_Down)  # Nữ
    press(Qt.Key.Key_Return)
    type_text("Số 12 phố Huế, Hà Nội")
    press(Qt.Key.Key_Return)


# --- checks at the fields ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("applicant.id_number", "00119901234", "có 11 ký tự, cần đúng 12 chữ số"),
        ("applicant.id_number", "999199012345", "999 không phải mã tỉnh"),
        ("applicant.date_of_birth", "01/01/2030", "Ngày sinh 01/01/2030 ở sau ngày hôm nay"),
        ("applicant.phone", "091234", "không phải số điện thoại Việt Nam"),
        ("applicant.email", "dao@", "không phải địa chỉ thư điện tử"),
    ],
)
def test_a_bad_value_gets_its_message_at_the_field_and_keeps_its_text(
    qtbot: QtBot, screen: ReceptionScreen, field: str, text: str, expected: str
) -> None:
    go_to(screen, field)
    type_text(text)
    press(Qt.Key.Key_Tab)
    form = screen.form
    assert expected in form.problem_texts()[field]
    widget = form.applicant.field_widget(field)
    assert widget is not None and widget.text() == text  # type: ignore[attr-defined]
    assert widget.property("problem") is True
    # Fixing the value clears the message when the clerk leaves the field again.
    go_to(screen, field)  # selects the text
    press(Qt.Key.Key_Backspace)
    press(Qt.Key.Key_Tab)
    assert field not in form.problem_texts()


def test_an_id_number_that_contradicts_the_birth_year_is_shown(
    qtbot: QtBot, screen: ReceptionScreen
) -> None:
    go_to(screen, "applicant.id_number")
    type_text("001199012345")
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)  # old ID
    type_text("02031989")
    press(Qt.Key.Key_Tab)
    form = screen.form
    assert form.applicant.dob_edit.text() == "02/03/1989"  # written back as dd/mm/yyyy
    assert "ứng với năm sinh 1999" in form.problem_texts()["applicant.id_number"]


def test_save_shows_every_problem_and_puts_the_cursor_on_the_first(
    qtbot: QtBot, screen: ReceptionScreen, store: Store
) -> None:
    go_to(screen, "applicant.phone")
    type_text("12345")
    press(Qt.Key.Key_S, CTRL)
    shown = screen.form.problem_texts()
    assert shown["applicant.full_name"] == "Chưa nhập họ và tên"
    assert "số định danh" in shown["applicant.id_number"]
    assert "không phải số điện thoại" in shown["applicant.phone"]
    assert shown["procedure"] == "Chưa chọn thủ tục hành chính"
    assert screen.form.applicant.name_edit.hasFocus()
    assert screen.form.applicant.phone_edit.text() == "12345"
    assert screen.pages.currentWidget() is screen.form
    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0


def test_an_unreadable_date_blocks_saving_and_stays_as_typed(
    qtbot: QtBot, screen: ReceptionScreen
) -> None:
    go_to(screen, "applicant.date_of_birth")
    type_text("31/02/1999")
    press(Qt.Key.Key_S, CTRL)
    assert "31/02/1999" in screen.form.problem_texts()["applicant.date_of_birth"]
    assert screen.form.applicant.dob_edit.text() == "31/02/1999"


def test_the_commune_picker_finds_a_ward_typed_without_accents(
    qtbot: QtBot, screen: ReceptionScreen
) -> None:
    go_to(screen, "applicant.admin_unit_code")
    picker = screen.form.applicant.unit_picker
    type_text("cau giay")
    qtbot.waitUntil(lambda: picker.text() == "cau giay")
    assert picker.matches()[0].startswith("Phường Cầu Giấy")
    qtbot.waitUntil(picker.completer_popup_visible)
    popup = picker._completer.popup()
    press(Qt.Key.Key_Down, widget=popup)
    press(Qt.Key.Key_Return, widget=popup)
    assert picker.text().startswith("Phường Cầu Giấy")
    assert picker.code() != ""
    assert screen.current_draft().applicant.admin_unit_code == picker.code()


# --- the card ----------------------------------------------------------------------------


def test_a_scan_fills_the_applicant_wherever_the_cursor_is(
    qtbot: QtBot, screen: ReceptionScreen
) -> None:
    go_to(screen, "applicant.phone")
    type_text("0912345678")
    press(Qt.Key.Key_Tab)
    notes = screen.form.delivery.notes_edit
    notes.setFocus()
    scan(CARD_QR)
    applicant = screen.current_draft().applicant
    assert applicant.full_name == "Đặng Thị Đào"
    assert applicant.id_number == "001199012345"
    assert applicant.date_of_birth == date(1999, 3, 2)
    assert applicant.sex == "female"
    assert applicant.from_card
    assert applicant.phone == "0912345678"  # what the card does not carry is kept
    assert notes.toPlainText() == ""  # the scan typed nothing into the notes
    assert screen.form.applicant.unit_picker.hasFocus()


def test_a_card_that_contradicts_what_was_typed_asks_field_by_field(
    qtbot: QtBot, screen: ReceptionScreen
) -> None:
    go_to(screen, "applicant.full_name")
    type_text("Đặng Thị Đào Hoa")
    press(Qt.Key.Key_Tab)
    type_text("001199099999")
    press(Qt.Key.Key_Tab)
    scan(CARD_QR)
    dialog = screen.findChild(CardDifferencesDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    # Nothing was overwritten while the clerk decides.
    assert screen.form.applicant.name_edit.text() == "Đặng Thị Đào Hoa"
    keep_name = dialog.findChild(QRadioButton, "keep_full_name")
    card_id = dialog.findChild(QRadioButton, "card_id_number")
    assert keep_name is not None and card_id is not None and card_id.isChecked()
    press(Qt.Key.Key_Space, widget=keep_name)
    press(Qt.Key.Key_Return, widget=keep_name)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    applicant = screen.current_draft().applicant
    assert applicant.full_name == "Đặng Thị Đào Hoa"
    assert applicant.id_number == "001199012345"
    assert not applicant.from_card  # the identity is no longer exactly the card's


def test_a_bad_card_shows_why_in_vietnamese(qtbot: QtBot, screen: ReceptionScreen) -> None:
    go_to(screen, "applicant.full_name")
    scan("012345678912|123456789|Nguyễn Văn A|01011990|Nam|Hà Nội|01012020")
    box = message_box(qtbot, screen, "receptionMessage")
    assert "số định danh" in box.text()
    assert screen.form.applicant.name_edit.text() == ""
    press(Qt.Key.Key_Return, widget=box)
    qtbot.waitUntil(lambda: not box.isVisible())


# --- Esc -----------------------------------------------------------------------------------


def test_esc_with_nothing_typed_does_not_ask(qtbot: QtBot, screen: ReceptionScreen) -> None:
    press(Qt.Key.Key_Escape)
    qtbot.wait(50)
    assert screen.findChild(QMessageBox, "confirmDiscard") is None
    assert screen.pages.currentWidget() is screen.form


def test_esc_with_typed_data_asks_and_keeps_it_unless_confirmed(
    qtbot: QtBot, screen: ReceptionScreen, store: Store, tasks: TaskRunner
) -> None:
    type_text("Trần Văn Cường")
    press(Qt.Key.Key_Escape)
    box = message_box(qtbot, screen, "confirmDiscard")
    press(Qt.Key.Key_Escape, widget=box)  # "Keep typing"
    qtbot.waitUntil(lambda: not box.isVisible())
    assert screen.form.applicant.name_edit.text() == "Trần Văn Cường"

    screen.form.applicant.name_edit.setFocus()
    press(Qt.Key.Key_Escape)
    box = message_box(qtbot, screen, "confirmDiscard")
    press(Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier, widget=box)
    qtbot.waitUntil(lambda: screen.form.applicant.name_edit.text() == "")
    wait_idle(qtbot, tasks)
    with store.read_session() as session:
        assert DraftRepository(session).load() is None


# --- drafts ------------------------------------------------------------------------------


def test_the_draft_is_restored_when_the_screen_is_built_again(
    qtbot: QtBot, store: Store, tasks: TaskRunner, screen: ReceptionScreen
) -> None:
    with qtbot.waitSignal(screen.draft_saved, timeout=10000):
        type_text("Lê Thị Mai")
        press(Qt.Key.Key_Tab)
    pick_procedure(qtbot, screen, "khai sinh")
    screen.form.checklist.table.setFocus()
    with qtbot.waitSignal(screen.draft_saved, timeout=10000):
        press(Qt.Key.Key_Space)
    started = screen.current_draft().service_started_at
    assert started == MONDAY_0930
    screen.close()

    again = build_screen(qtbot, store, tasks, Clock())
    assert not again.form.notice_label.isHidden()
    draft = again.current_draft()
    assert draft.applicant.full_name == "Lê Thị Mai"
    assert draft.procedure_name == "Đăng ký khai sinh"
    assert draft.documents[0].received and not draft.documents[1].received
    assert draft.service_started_at == started
    # The clerk sees the restored checklist, not just the model holding it.
    assert again.form.checklist.table.verticalHeader().count() == len(draft.documents)


CHILD = r"""
import os, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from PySide6.QtCore import Qt
from app.config import AppPaths
from app.domain.reception import ApplicantData, ReceptionDraft
from app.store.database import open_database
from app.ui.tasks import TaskRunner
from tests.ui.reception_support import Clock, build_screen_plain, type_text
store = open_database(AppPaths(__import__("pathlib").Path(sys.argv[1])))
tasks = TaskRunner()
screen = build_screen_plain(store, tasks, Clock())
type_text("Phạm Quốc Huy")
screen.form.applicant.phone_edit.setFocus()
type_text("0987654321")
screen.form.applicant.email_edit.setFocus()
screen.draft_saved.connect(lambda: (print("saved", flush=True), os._exit(9)))
app.exec()
"""


def test_the_draft_survives_a_killed_process(
    qtbot: QtBot, store: Store, app_paths: AppPaths, tasks: TaskRunner
) -> None:
    configure(store)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(app_paths.data_dir)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 9, done.stderr  # died abruptly right after the draft was kept
    screen = build_screen(qtbot, store, tasks, Clock())
    draft = screen.current_draft()
    assert draft.applicant.full_name == "Phạm Quốc Huy"
    assert draft.applicant.phone == "0987654321"
    assert not screen.form.notice_label.isHidden()


# --- saving --------------------------------------------------------------------------------


def test_a_missing_mandatory_document_blocks_saving_until_a_reason_is_given(
    qtbot: QtBot, screen: ReceptionScreen, store: Store
) -> None:
    fill_applicant_by_keyboard(screen)
    pick_procedure(qtbot, screen, "khai sinh")
    assert screen.form.checklist.table.hasFocus()
    press(Qt.Key.Key_Space)  # first document received, the second mandatory one not
    press(Qt.Key.Key_S, CTRL)
    checklist = screen.form.checklist
    assert "Còn thiếu giấy tờ bắt buộc" in screen.form.problem_texts()["documents"]
    assert checklist.reason_edit.isEnabled() and checklist.reason_edit.hasFocus()
    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0
    type_text("Công dân cam kết bổ sung bản chính trong 3 ngày")
    press(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.result_panel, timeout=10000)
    with store.read_session() as session:
        dossier = session.scalars(select(Dossier)).one()
        assert dossier.missing_reason == "Công dân cam kết bổ sung bản chính trong 3 ngày"
        assert DraftRepository(session).load() is None


def test_a_full_disk_while_saving_shows_why_and_keeps_every_field(
    qtbot: QtBot, screen: ReceptionScreen, store: Store, tasks: TaskRunner
) -> None:
    fill_applicant_by_keyboard(screen)
    pick_procedure(qtbot, screen, "khai sinh")
    screen.form.checklist.model.set_all_received()
    wait_idle(qtbot, tasks)
    before = screen.current_draft()
    with store.read_session() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()

    def full(connection: object, _record: object) -> None:
        connection.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[attr-defined]

    store.engine.dispose()
    event.listen(store.engine, "connect", full)
    try:
        press(Qt.Key.Key_S, CTRL)
        box = message_box(qtbot, screen, "receptionMessage")
        assert "Ổ đĩa" in box.text() and "đã đầy" in box.text()
        assert "CHƯA được lưu" in box.text()
        press(Qt.Key.Key_Return, widget=box)
        qtbot.waitUntil(lambda: not box.isVisible())
    finally:
        event.remove(store.engine, "connect", full)
        store.engine.dispose()
    assert screen.pages.currentWidget() is screen.form
    assert screen.current_draft() == before
    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0


def test_low_code_supply_warns_and_an_empty_one_says_so(
    qtbot: QtBot, store: Store, tasks: TaskRunner
) -> None:
    configure(store)
    with store.session() as session:
        SettingsRepository(session).set("sync.central_url", "https://central.example.org")
        identity = load_counter_identity(session)
        assert identity is not None
        CodeBlockRepository(session).add_block(
            identity.agency_code, MONDAY_0930.date(), 1, 2, "lease-1", identity.counter_code
        )
    screen = build_screen(qtbot, store, tasks, Clock())
    assert "2" in screen.form.codes_label.text() and not screen.form.codes_label.isHidden()
    for attempt in range(3):
        fill_applicant_by_keyboard(screen)
        pick_procedure(qtbot, screen, "khai sinh")
        screen.form.checklist.model.set_all_received()
        press(Qt.Key.Key_S, CTRL)
        if attempt < 2:
            qtbot.waitUntil(
                lambda: screen.pages.currentWidget() is screen.result_panel, timeout=10000
            )
            warning = screen.result_panel.warning_label
            assert not warning.isHidden() and str(1 - attempt) in warning.text()
            press(Qt.Key.Key_N, CTRL)
    box = message_box(qtbot, screen, "receptionMessage")
    assert box.windowTitle() == "No dossier code left"
    assert "hết số hồ sơ" in box.text()
    assert screen.current_draft().applicant.full_name == "Đặng Thị Đào"
    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 2


# --- set-up ----------------------------------------------------------------------------------


def test_an_unconfigured_counter_is_set_up_from_the_screen(
    qtbot: QtBot, store: Store, tasks: TaskRunner
) -> None:
    screen = build_screen(qtbot, store, tasks, Clock())
    panel = screen.setup_panel
    assert screen.pages.currentWidget() is panel
    assert panel.counter_combo.count() > 0
    panel.clerk_edit.setFocus()
    press(Qt.Key.Key_Return)  # empty name: refused with the reason
    qtbot.waitUntil(lambda: not panel.problem.isHidden(), timeout=10000)
    assert "họ tên cán bộ" in panel.problem.text()
    with qtbot.waitSignal(screen.started, timeout=10000):
        type_text("Nguyễn Thị Lan")
        press(Qt.Key.Key_Return)
    assert screen.pages.currentWidget() is screen.form
    with store.read_session() as session:
        identity = load_counter_identity(session)
    assert identity is not None and identity.clerk_name == "Nguyễn Thị Lan"


def test_an_organisation_needs_its_tax_code_and_representative(
    qtbot: QtBot, screen: ReceptionScreen
) -> None:
    press(Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # "Or&ganisation"
    qtbot.waitUntil(screen.form.applicant.organisation_radio.isChecked)
    form = screen.form.applicant
    assert form.tax_edit.isVisible() and not form.dob_edit.isVisible()
    go_to(screen, "applicant.full_name")
    type_text("Công ty TNHH Ánh Dương")
    press(Qt.Key.Key_Return)
    assert form.tax_edit.hasFocus()
    type_text("01012345")
    press(Qt.Key.Key_Return)
    assert "không phải mã số thuế" in screen.form.problem_texts()["applicant.tax_code"]
    assert form.representative_edit.hasFocus()
    press(Qt.Key.Key_S, CTRL)
    shown = screen.form.problem_texts()
    assert shown["applicant.representative"] == "Chưa nhập người đại diện của tổ chức"
    assert "applicant.id_number" not in shown  # optional for an organisation
    draft = screen.current_draft()
    assert draft.applicant.full_name == "Công ty TNHH Ánh Dương"
    assert draft.applicant.tax_code == "01012345"


def test_a_restored_procedure_no_longer_in_the_catalogue_is_named_at_its_field(
    qtbot: QtBot, store: Store, tasks: TaskRunner
) -> None:
    configure(store)
    draft = ReceptionDraft(
        applicant=ApplicantData(
            full_name="Đặng Thị Đào",
            id_number="001199012345",
            date_of_birth=date(1999, 3, 2),
            sex="female",
        ),
        procedure_version_id=999_999,
        procedure_code="9.999999",
        procedure_name="Thủ tục đã bãi bỏ",
    )
    with store.session() as session:
        DraftRepository(session).save(draft)
    screen = build_screen(qtbot, store, tasks, Clock())
    assert screen.current_draft().procedure_name == "Thủ tục đã bãi bỏ"
    press(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "procedure" in screen.form.problem_texts(), timeout=10000)
    assert "không có trong danh mục" in screen.form.problem_texts()["procedure"]
    box = message_box(qtbot, screen, "receptionMessage")
    assert "Thủ tục đã bãi bỏ" in box.text()
    press(Qt.Key.Key_Return, widget=box)
    qtbot.waitUntil(lambda: not box.isVisible())
    screen.activateWindow()  # what the window manager does when the message closes
    qtbot.waitUntil(screen.form.picker.search_edit.hasFocus)
    assert screen.current_draft().applicant.full_name == "Đặng Thị Đào"


def test_a_draft_left_over_from_a_saved_dossier_is_not_offered_again(
    qtbot: QtBot, screen: ReceptionScreen, store: Store, tasks: TaskRunner
) -> None:
    fill_applicant_by_keyboard(screen)
    pick_procedure(qtbot, screen, "khai sinh")
    screen.form.checklist.model.set_all_received()
    typed = screen.current_draft()
    press(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.result_panel, timeout=10000)
    wait_idle(qtbot, tasks)
    # The app stopped between the save and the draft's removal: the draft is still there.
    with store.session() as session:
        DraftRepository(session).save(typed)
    again = build_screen(qtbot, store, tasks, Clock())
    assert again.current_draft().is_empty()
    assert again.form.notice_label.isHidden()
    with store.read_session() as session:
        assert DraftRepository(session).load() is None
        assert session.scalar(select(func.count()).select_from(Dossier)) == 1


def test_the_form_and_copies_of_a_document_are_edited_with_f2(
    qtbot: QtBot, screen: ReceptionScreen
) -> None:
    pick_procedure(qtbot, screen, "khai sinh")
    table = screen.form.checklist.table
    assert table.hasFocus()
    press(Qt.Key.Key_Right)  # the "Form" column
    press(Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not table and editor is not None
    press(Qt.Key.Key_Down, widget=editor)  # Original -> Certified copy
    press(Qt.Key.Key_Return, widget=editor)
    qtbot.waitUntil(table.hasFocus)
    press(Qt.Key.Key_Right)  # "Copies"
    press(Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table
    press(Qt.Key.Key_Up, widget=editor)  # 1 -> 2
    press(Qt.Key.Key_Return, widget=editor)
    qtbot.waitUntil(table.hasFocus)
    line = screen.current_draft().documents[0]
    assert line.form.value == "certified_copy"
    assert line.copies == 2
