"""Recognise a USB barcode scanner's "keyboard burst" anywhere in the application.

A USB 2D scanner in keyboard mode types the QR text as key presses a few milliseconds apart
and ends with Enter. A clerk typing the same characters is at least an order of magnitude
slower (even a fast typist's roll-over gives two or three close keys, never a dozen). So the
filter holds back printable key presses while they keep arriving faster than ``max_gap_ms``:

* when Enter follows a run of at least ``min_length`` such characters, the run is a scan: its
  text goes to the callback and none of its keystrokes reach the focused field;
* anything else (a slower key, a shortcut, a navigation key, a pause) releases the held keys,
  in order, to the widgets they were meant for, so human typing only lags by a few dozen
  milliseconds and is never lost.

Times come from the key events themselves (the window system stamps them when the key is
pressed, so a busy GUI thread cannot make slow typing look fast); events without a stamp
(synthesised ones) are timed on arrival.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

DEFAULT_MAX_GAP_MS = 35
"""Scanners type a character every 1-20 ms; people need 80 ms or more between keys."""

DEFAULT_MIN_LENGTH = 12
"""A chip-card QR is 60-150 characters and a dossier code over 20; shorter runs are typing."""

_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)
_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


@dataclass(frozen=True)
class _HeldKey:
    target: QWidget
    kind: QEvent.Type
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    timestamp: int


def _monotonic_ms() -> int:
    return time.monotonic_ns() // 1_000_000


class ScannerBurstFilter(QObject):
    """Application-wide event filter that turns scanner bursts into one text.

    Install it with ``QApplication.instance().installEventFilter(burst_filter)`` and connect
    :attr:`burst` (or pass ``on_burst``). Keep a reference: Qt does not own event filters.
    """

    burst = Signal(str)
    """The text of a complete scan (without the final Enter)."""

    def __init__(
        self,
        on_burst: Callable[[str], None] | None = None,
        parent: QObject | None = None,
        *,
        max_gap_ms: int = DEFAULT_MAX_GAP_MS,
        min_length: int = DEFAULT_MIN_LENGTH,
        clock_ms: Callable[[], int] = _monotonic_ms,
    ) -> None:
        super().__init__(parent)
        self._max_gap_ms = max_gap_ms
        self._min_length = min_length
        self._clock_ms = clock_ms
        self._held: list[_HeldKey] = []
        self._last_press_ms = 0
        self._last_press_stamped = False
        self._replaying = False
        self._enabled = True
        self._swallow_enter_release = False
        self._passed: tuple[int, QWidget] | None = None
        """The last key event let through and its receiver, to skip its propagation."""
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        # Long enough that a scan's next key always arrives first, short enough not to be
        # felt: a person's next key comes 80 ms or more later anyway.
        self._release_timer.setInterval(max(60, 2 * max_gap_ms))
        self._release_timer.timeout.connect(self.release_held)
        if on_burst is not None:
            self.burst.connect(on_burst)

    # --- public ---------------------------------------------------------------------------

    def set_enabled(self, enabled: bool) -> None:
        """Switch recognition off (e.g. in a dialog that expects raw typing); releases held keys."""
        if not enabled:
            self.release_held()
        self._enabled = enabled

    def held_text(self) -> str:
        """What is held back right now (for diagnostics and tests)."""
        return "".join(k.text for k in self._held if k.kind == QEvent.Type.KeyPress)

    def release_held(self) -> None:
        """Deliver every held key to the widget it was typed into, in order."""
        self._release_timer.stop()
        held, self._held = self._held, []
        if not held:
            return
        self._replaying = True
        try:
            for key in held:
                if not shiboken6.isValid(key.target):
                    continue
                event = QKeyEvent(key.kind, key.key, key.modifiers, key.text)
                if key.timestamp:
                    event.setTimestamp(key.timestamp)
                QApplication.sendEvent(key.target, event)
        finally:
            self._replaying = False

    # --- the filter -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            return False
        if self._replaying or not self._enabled or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.ShortcutOverride:
            # Qt matches shortcuts (Ctrl+S...) before the key press is delivered: the text
            # typed so far must be in its field before the shortcut acts on it.
            if self._held and self._ends_typing(event):
                self.release_held()
            return False
        if self._is_propagation(watched, event):
            return False
        if kind == QEvent.Type.KeyPress:
            swallow = self._press(watched, event)
        else:
            swallow = self._release(watched, event)
        if not swallow:
            self._passed = (shiboken6.getCppPointer(event)[0], watched)
        return swallow

    def _is_propagation(self, watched: QWidget, event: QKeyEvent) -> bool:
        """An ignored key event travels up to the parents: it was judged once already."""
        if self._passed is None:
            return False
        pointer, receiver = self._passed
        if pointer != shiboken6.getCppPointer(event)[0] or not shiboken6.isValid(receiver):
            return False
        return watched is not receiver and watched.isAncestorOf(receiver)

    def _press(self, target: QWidget, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        if key in _MODIFIER_KEYS:
            return False  # Shift before a capital letter is part of the scan
        stamped = event.timestamp() != 0
        now = event.timestamp() if stamped else self._clock_ms()
        # Stamped and unstamped times have different origins: never compare them.
        fast = (
            bool(self._held)
            and stamped == self._last_press_stamped
            and 0 <= now - self._last_press_ms <= self._max_gap_ms
        )
        if key in _ENTER_KEYS and not event.modifiers() & _COMMAND_MODIFIERS:
            text = self.held_text()
            if fast and len(text) >= self._min_length:
                self._held = []
                self._release_timer.stop()
                self._swallow_enter_release = True
                self.burst.emit(text)
                return True
            self.release_held()
            return False
        if self._is_printable(event):
            if self._held and not fast:
                self.release_held()
            self._held.append(self._copy(target, event))
            self._last_press_ms = now
            self._last_press_stamped = stamped
            self._release_timer.start()
            return True
        self.release_held()
        return False

    def _release(self, target: QWidget, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        if key in _ENTER_KEYS and self._swallow_enter_release:
            self._swallow_enter_release = False
            return True
        if self._held and self._is_printable(event):
            self._held.append(self._copy(target, event))
            return True
        return False

    def _ends_typing(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        if key in _MODIFIER_KEYS:
            return False
        if key in _ENTER_KEYS and not event.modifiers() & _COMMAND_MODIFIERS:
            return False  # may end a scan: judged when the key press comes
        return not self._is_printable(event)

    @staticmethod
    def _is_printable(event: QKeyEvent) -> bool:
        text = event.text()
        return (
            bool(text)
            and text.isprintable()
            and not event.isAutoRepeat()
            and not event.modifiers() & _COMMAND_MODIFIERS
        )

    @staticmethod
    def _copy(target: QWidget, event: QKeyEvent) -> _HeldKey:
        return _HeldKey(
            target=target,
            kind=event.type(),
            key=event.key(),
            modifiers=event.modifiers(),
            text=event.text(),
            timestamp=event.timestamp(),
        )
