"""Auto-lock: idle covers the window, input cannot reach what is covered, the password (checked
offline against the verifier) uncovers it with everything typed still there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMainWindow
from pytestqt.qtbot import QtBot

from app.config import AppPaths
from app.store.database import Store, open_database
from app.store.secrets import SecretStore
from app.sync.auth import AuthService
from app.ui.i18n import InstalledTranslations
from app.ui.lock import IdleWatcher, LockController
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
    service = make_auth(auth_store, SecretStore(MemoryKeyring()), central, ManualClock())
    service.sign_in(CLERK, CLERK_PASSWORD)
    central.stop()  # unlocking needs no network
    return service


class Screen(QMainWindow):
    """A screen with a field the clerk was filling in and a shortcut that saves."""

    def __init__(self) -> None:
        super().__init__()
        self.field = QLineEdit()
        self.setCentralWidget(self.field)
        self.saves = 0
        save = QAction("Save", self)
        save.setShortcut(QKeySequence("Ctrl+S"))
        save.triggered.connect(self._save)
        self.addAction(save)
        self.resize(640, 480)

    def _save(self) -> None:
        self.saves += 1


@pytest.fixture
def screen(qtbot: QtBot) -> Screen:
    window = Screen()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.field.setFocus()
    return window


def _controller(screen: Screen, tasks: TaskRunner, auth: AuthService, ms: int) -> LockController:
    def user_text() -> str:
        user = auth.current_user
        return "" if user is None else user.full_name

    return LockController(
        screen, tasks, auth.unlock, timeout_ms=ms, on_lock=auth.lock, user_text=user_text
    )


def test_idle_locks_and_the_password_unlocks_with_nothing_lost(
    qtbot: QtBot,
    screen: Screen,
    tasks: TaskRunner,
    auth: AuthService,
    language: InstalledTranslations,
) -> None:
    type_text(screen.field, "Nguyễn Thị Hoà")
    lock = _controller(screen, tasks, auth, ms=100)

    with qtbot.waitSignal(lock.locked, timeout=10000):
        lock.start()

    assert lock.is_locked and auth.locked
    assert lock.overlay.isVisible()
    assert lock.overlay.geometry() == screen.rect()
    # Typing meant for the covered field does not reach it.
    type_text(screen.field, "xyz")
    assert screen.field.text() == "Nguyễn Thị Hoà"

    type_text(lock.overlay.password_edit, "sai mật khẩu")
    with qtbot.waitSignal(lock.refused, timeout=10000) as refused:
        qtbot.keyClick(lock.overlay.password_edit, Qt.Key.Key_Return)
    assert refused.args[0] == "Sai mật khẩu."
    assert lock.is_locked and lock.overlay.isVisible()
    assert lock.overlay.password_edit.text() == ""

    type_text(lock.overlay.password_edit, CLERK_PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=10000):
        qtbot.keyClick(lock.overlay.password_edit, Qt.Key.Key_Return)

    assert not lock.is_locked and not auth.locked
    assert not lock.overlay.isVisible()
    assert screen.field.text() == "Nguyễn Thị Hoà"
    type_text(screen.field, "!")
    assert screen.field.text() == "Nguyễn Thị Hoà!"
    lock.stop()


def test_shortcuts_of_the_covered_screen_do_nothing_while_locked(
    qtbot: QtBot, screen: Screen, tasks: TaskRunner, auth: AuthService
) -> None:
    qtbot.keyClick(screen.field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved_before = screen.saves
    assert saved_before >= 1  # the shortcut works when unlocked

    lock = _controller(screen, tasks, auth, ms=60_000)
    lock.lock_now()
    qtbot.keyClick(screen.field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(lock.overlay.password_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert screen.saves == saved_before
    assert lock.is_locked


def test_activity_restarts_the_idle_countdown(qtbot: QtBot, screen: Screen) -> None:
    watcher = IdleWatcher(10 * 60_000)
    watcher.start()
    qtbot.wait(50)
    before = watcher.remaining_ms()
    qtbot.keyClick(screen.field, Qt.Key.Key_A)
    after = watcher.remaining_ms()
    watcher.stop()
    assert after > before
    assert screen.field.text() == "a"  # the watcher only watches
