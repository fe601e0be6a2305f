"""The sign-in dialog against the real central server: Enter signs in off the GUI thread, a
refusal keeps the username and clears the password, an offline sign-in says until when."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.config import AppPaths
from app.store.database import Store, open_database
from app.store.secrets import SecretStore
from app.sync.auth import AuthService, SignInOutcome
from app.ui.dialogs.sign_in_dialog import SignInDialog
from app.ui.i18n import InstalledTranslations
from app.ui.tasks import TaskRunner
from tests.central_fixture import CentralServer
from tests.memory_keyring import MemoryKeyring
from tests.sync.auth_support import (
    CLERK,
    CLERK_PASSWORD,
    Central,
    ManualClock,
    make_auth,
)
from tests.ui.keys import type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def central(central_server_module: CentralServer) -> Central:
    """The app's view of central; ``stop()`` makes it unreachable for this test only."""
    return Central(central_server_module.url)


@pytest.fixture
def auth_store(app_paths: AppPaths) -> Iterator[Store]:
    opened = open_database(app_paths)
    yield opened
    opened.close()


@pytest.fixture
def auth(auth_store: Store, central: Central) -> AuthService:
    return make_auth(auth_store, SecretStore(MemoryKeyring()), central, ManualClock())


def _open(
    qtbot: QtBot, auth: AuthService, tasks: TaskRunner, sign_in: object = None
) -> SignInDialog:
    dialog = SignInDialog(sign_in or auth.sign_in, tasks)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def _fill(dialog: SignInDialog, username: str, password: str) -> None:
    type_text(dialog.username_edit, username)
    type_text(dialog.password_edit, password)


def test_enter_signs_in_online_and_closes(
    qtbot: QtBot, auth: AuthService, tasks: TaskRunner, language: InstalledTranslations
) -> None:
    dialog = _open(qtbot, auth, tasks)
    _fill(dialog, CLERK, CLERK_PASSWORD)

    with qtbot.waitSignal(dialog.signed_in, timeout=10000) as signed:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    outcome = signed.args[0]
    assert isinstance(outcome, SignInOutcome) and outcome.user.online
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    user = auth.current_user
    assert user is not None and user.username == CLERK


def test_a_refusal_is_shown_in_vietnamese_keeping_the_username(
    qtbot: QtBot, auth: AuthService, tasks: TaskRunner, language: InstalledTranslations
) -> None:
    dialog = _open(qtbot, auth, tasks)
    _fill(dialog, CLERK, "mật khẩu sai")

    with qtbot.waitSignal(dialog.failed, timeout=10000) as failed:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    assert failed.args[0] == "Sai tên đăng nhập hoặc mật khẩu."
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == failed.args[0]
    assert dialog.username_edit.text() == CLERK
    assert dialog.password_edit.text() == ""
    assert dialog.isVisible() and dialog.outcome is None
    assert auth.current_user is None

    # The clerk retypes the password and the same dialog signs in.
    type_text(dialog.password_edit, CLERK_PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=10000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def test_the_dialog_stays_responsive_and_says_it_is_signing_in(
    qtbot: QtBot, auth: AuthService, tasks: TaskRunner, language: InstalledTranslations
) -> None:
    gate = threading.Event()

    def slow_sign_in(username: str, password: str) -> SignInOutcome:
        gate.wait(10)
        return auth.sign_in(username, password)

    dialog = _open(qtbot, auth, tasks, slow_sign_in)
    _fill(dialog, CLERK, CLERK_PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    assert dialog.busy
    assert dialog.status_label.text() == "Đang đăng nhập…"
    assert not dialog.sign_in_button.isEnabled()
    # The GUI thread is free: events are processed and Esc does not abandon the attempt.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.wait(20)
    assert dialog.isVisible() and dialog.busy

    with qtbot.waitSignal(dialog.signed_in, timeout=10000):
        gate.set()
    assert not dialog.isVisible()


def test_an_offline_sign_in_says_so_and_until_when(
    qtbot: QtBot,
    auth: AuthService,
    central: Central,
    tasks: TaskRunner,
    language: InstalledTranslations,
) -> None:
    auth.sign_in(CLERK, CLERK_PASSWORD)  # 01:30 UTC on 23/11/2026, 08:30 office time
    auth.sign_out()
    central.stop()
    dialog = _open(qtbot, auth, tasks)
    _fill(dialog, CLERK, CLERK_PASSWORD)

    with qtbot.waitSignal(dialog.notice_shown, timeout=10000) as notice:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    text = notice.args[0]
    assert "ngoại tuyến" in text
    assert "08:30 30/11/2026" in text
    assert dialog.notice_label.isVisible() and dialog.isVisible()
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signed:
        qtbot.keyClick(dialog.continue_button, Qt.Key.Key_Return)
    assert signed.args[0].offline
    assert not dialog.isVisible()
