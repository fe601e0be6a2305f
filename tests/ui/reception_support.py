"""Keyboard helpers for the reception tests: key events stamped with the time they "happen".

The scanner-burst filter tells a USB scanner from a person by the time between key presses,
taken from each event's timestamp, so these helpers type at a chosen speed without waiting:
a scanner's 4 ms per character or a clerk's 150 ms. Non-ASCII characters travel as the
event's text, like ``tests/ui/keys.py`` (``qtbot.keyClicks`` aborts on "ễ").
"""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.clock import OFFICE_TZ
from app.store.counter import configure_counter
from app.store.database import Store
from app.ui.reception_queries import StoreReceptionServices
from app.ui.screens.reception import ReceptionScreen
from app.ui.store_queries import StoreHolder
from app.ui.tasks import TaskRunner

HUMAN_MS = 150
SCANNER_MS = 4

_clock = itertools.count(1_000_000, 1000)
"""Each typing run starts a second after the previous one, far from any earlier burst."""


def _key_for(char: str) -> int:
    if char == " ":
        return int(Qt.Key.Key_Space)
    if char.isascii() and char.isalnum():
        return ord(char.upper())
    return int(Qt.Key.Key_unknown)


def _send(widget: QWidget, key: int, modifiers: Qt.KeyboardModifier, text: str, at: int) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, modifiers, text)
        event.setTimestamp(at)
        QApplication.sendEvent(widget, event)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def type_text(text: str, interval_ms: int = HUMAN_MS, widget: QWidget | None = None) -> None:
    """Type ``text`` into the focused widget (or ``widget``), one key every ``interval_ms``."""
    start = next(_clock)
    for offset, char in enumerate(text):
        target = widget or focused()
        modifiers = (
            Qt.KeyboardModifier.ShiftModifier
            if char.isalpha() and char.isupper()
            else Qt.KeyboardModifier.NoModifier
        )
        _send(target, _key_for(char), modifiers, char, start + offset * interval_ms)


def press(
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    widget: QWidget | None = None,
) -> None:
    """One key (Tab, Enter, Ctrl+S...) as the keyboard sends it, shortcuts included."""
    QTest.keyClick(widget or focused(), key, modifiers)


def scan(text: str, widget: QWidget | None = None) -> None:
    """What a USB scanner in keyboard mode does: the text at 4 ms a key, then Enter."""
    start = next(_clock)
    target = widget or focused()
    for offset, char in enumerate(text):
        _send(target, _key_for(char), Qt.KeyboardModifier.NoModifier, char, start + offset * 4)
    _send(
        target,
        int(Qt.Key.Key_Return),
        Qt.KeyboardModifier.NoModifier,
        "\r",
        start + len(text) * SCANNER_MS,
    )


# --- the screen over a real store --------------------------------------------------------

MONDAY_0930 = datetime(2026, 3, 2, 9, 30, tzinfo=OFFICE_TZ)
"""A Monday morning at the office (2 March 2026, no holiday near it)."""

UNIT, COUNTER, CLERK = "TT", "Q01", "Nguyễn Thị Lan"

CARD_QR = (
    "001199012345||Đặng Thị Đào|02031999|Nữ|Số 12 phố Huế, Phường Hai Bà Trưng, Hà Nội|15062022"
)
"""A consistent chip-card QR (001 Hà Nội, 1 = female born in the 1900s, 99 = 1999)."""


class Clock:
    """The office clock, moved by hand; aware, as the store wants."""

    def __init__(self, start: datetime = MONDAY_0930) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def configure(store: Store) -> None:
    with store.session() as session:
        configure_counter(session, UNIT, COUNTER, CLERK, on=MONDAY_0930.date())


def build_screen_plain(
    store: Store, tasks: TaskRunner, clock: Clock, **options: Any
) -> ReceptionScreen:
    """The screen, shown and started, without pytest-qt (for a child process)."""
    services = StoreReceptionServices(StoreHolder(store), clock=clock)
    screen = ReceptionScreen(services, tasks, clock=clock, **options)
    screen.resize(1366, 768)
    screen.show()
    screen.start()
    for _ in range(2000):
        if screen.pages.currentWidget() is screen.form:
            break
        QTest.qWait(10)
    return screen


def build_screen(
    qtbot: QtBot,
    store: Store,
    tasks: TaskRunner,
    clock: Clock,
    **options: Any,
) -> ReceptionScreen:
    """The screen over ``store``, shown at a clerk's screen size, started and ready."""
    services = StoreReceptionServices(StoreHolder(store), clock=clock)
    screen = ReceptionScreen(services, tasks, clock=clock, **options)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    with qtbot.waitSignal(screen.started, timeout=10000):
        screen.start()
    return screen


def wait_idle(qtbot: QtBot, tasks: TaskRunner) -> None:
    """Let the database thread finish what was submitted so far and deliver its answers."""
    done: list[bool] = []
    tasks.run_db(lambda: None, on_done=lambda _r: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
