"""Real key events for typing text, Vietnamese included.

``qtbot.keyClicks`` turns each character into a key code and aborts the process on letters
such as "ễ"; a clerk's keyboard (or IME) delivers a key event whose *text* carries the
character, so that is what we send, one press and release per character.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def _key_for(char: str) -> int:
    if char == " ":
        return int(Qt.Key.Key_Space)
    if char.isascii() and char.isalnum():
        return ord(char.upper())
    return int(Qt.Key.Key_unknown)


def type_text(widget: QWidget, text: str) -> None:
    for char in text:
        key = _key_for(char)
        modifiers = (
            Qt.KeyboardModifier.ShiftModifier
            if char.isalpha() and char.isupper()
            else Qt.KeyboardModifier.NoModifier
        )
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers, char))
