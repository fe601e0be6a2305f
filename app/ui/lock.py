"""Auto-lock: after some idle minutes the main window is covered until the password is typed.

A counter's screen shows citizens' personal data, and a clerk steps away from the desk. An
:class:`IdleWatcher` (an event filter on the application) restarts a timer on every key,
mouse or touch event; when it fires, :class:`LockController` lays a :class:`LockOverlay` over
the main window. The overlay is a child widget drawn on top, opaque, so nothing under it is
seen, and while locked the controller swallows input meant for any widget outside the overlay
(other windows included). Nothing under the overlay is closed, reset or re-created: what the
clerk had typed is there after unlocking, and the widget that had the keyboard gets it back.

The password is checked by ``AuthService.unlock`` (against the offline verifier, so unlocking
works without the network), on the I/O pool: the KDF is deliberately slow.

Minutes come from the setting ``auth.lock_after_minutes`` (``AuthPolicy.lock_after_minutes``,
default 10).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.tasks import TaskRunner

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
"""What counts as the clerk being there (a release always follows a press)."""

INPUT_EVENTS = ACTIVITY_EVENTS | {
    QEvent.Type.KeyRelease,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TabletRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
    QEvent.Type.ContextMenu,
}
"""What must not reach the covered screens while locked."""

Unlock = Callable[[str], bool]
"""``AuthService.unlock``: runs on a worker thread."""


class IdleWatcher(QObject):
    """Emits :attr:`idle` once no input arrived for ``timeout_ms``; any input restarts it."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # one timer: precision is free
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)
        self._installed = False

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def remaining_ms(self) -> int:
        """Until the screen locks, unless the clerk does something (-1 when not running)."""
        return self._timer.remainingTime()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class LockOverlay(QFrame):
    """Covers its parent window: who is signed in, the password field, an error line."""

    unlock_requested = Signal(str)
    switch_user_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockOverlay")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

        self.title_label = QLabel(self.tr("The screen is locked"))
        self.title_label.setObjectName("lockTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.user_label = QLabel()
        self.user_label.setObjectName("lockUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("lockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Password"))
        self.password_edit.setMinimumWidth(260)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("lockUnlock")
        self.switch_button = QPushButton(self.tr("Sign in as another user"))
        self.switch_button.setObjectName("lockSwitchUser")
        self.error_label = QLabel()
        self.error_label.setObjectName("lockError")
        self.error_label.setStyleSheet("QLabel#lockError { color: #b3261e; }")

        row = QHBoxLayout()
        row.addWidget(self.password_edit)
        row.addWidget(self.unlock_button)
        box = QVBoxLayout()
        box.addWidget(self.title_label, alignment=Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.user_label, alignment=Qt.AlignmentFlag.AlignHCenter)
        box.addLayout(row)
        box.addWidget(self.error_label, alignment=Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.switch_button, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box)
        outer.addStretch(2)

        self.password_edit.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        self.switch_button.clicked.connect(self.switch_user_requested)
        parent.installEventFilter(self)
        self.hide()

    def _submit(self) -> None:
        if self.password_edit.isEnabled():
            self.unlock_requested.emit(self.password_edit.text())

    def cover(self, user_text: str) -> None:
        self.user_label.setText(user_text)
        self.error_label.clear()
        self.password_edit.clear()
        self.set_checking(False)
        self._fit()
        self.show()
        self.raise_()
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_checking(self, checking: bool) -> None:
        self.password_edit.setEnabled(not checking)
        self.unlock_button.setEnabled(not checking)

    def refuse(self, message: str) -> None:
        self.set_checking(False)
        self.password_edit.clear()
        self.error_label.setText(message)
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit()
        return False


class LockController(QObject):
    """Locks ``window`` after ``timeout_ms`` idle (or on :meth:`lock_now`) until unlocked."""

    locked = Signal()
    unlocked = Signal()
    refused = Signal(str)
    """Emitted with the message shown after a wrong password."""
    switch_user_requested = Signal()
    """The clerk chose "sign in as another user": the lead's wiring signs out and asks."""

    def __init__(
        self,
        window: QWidget,
        tasks: TaskRunner,
        unlock: Unlock,
        *,
        timeout_ms: int,
        on_lock: Callable[[], None] | None = None,
        user_text: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(window)
        self._window = window
        self._tasks = tasks
        self._unlock = unlock
        self._on_lock = on_lock
        self._user_text = user_text
        self._locked = False
        self._refocus: QWidget | None = None
        self.watcher = IdleWatcher(timeout_ms, self)
        self.watcher.idle.connect(self.lock_now)
        self.overlay = LockOverlay(window)
        self.overlay.unlock_requested.connect(self._check)
        self.overlay.switch_user_requested.connect(self.switch_user_requested)

    @property
    def is_locked(self) -> bool:
        return self._locked

    def start(self) -> None:
        """Start watching for idleness (call once the user is signed in)."""
        self.watcher.start()

    def stop(self) -> None:
        """Stop watching (signed out, or the window closes); an open lock stays."""
        self.watcher.stop()

    def lock_now(self) -> None:
        if self._locked:
            return
        self._locked = True
        self.watcher.stop()
        focused = QApplication.focusWidget()
        self._refocus = focused if focused is not None and focused is not self.overlay else None
        if self._refocus is not None:
            self._refocus.destroyed.connect(self._forget_refocus)
        if self._on_lock is not None:
            self._on_lock()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.overlay.cover(self._user_text())
        self.locked.emit()

    def _forget_refocus(self) -> None:
        self._refocus = None

    def _check(self, password: str) -> None:
        if not self._locked:
            return
        if not password:
            self.overlay.refuse(self.tr("Type your password to unlock."))
            return
        self.overlay.set_checking(True)
        unlock = self._unlock
        self._tasks.run_io(lambda: unlock(password), on_done=self._checked, on_error=self._failed)

    def _checked(self, ok: bool) -> None:
        if not self._locked:
            return
        if not ok:
            message = self.tr("Wrong password.")
            self.overlay.refuse(message)
            self.refused.emit(message)
            return
        self._release()

    def _failed(self, error: BaseException) -> None:
        message = self.tr("The password could not be checked (%1).").replace(
            "%1", type(error).__name__
        )
        self.overlay.refuse(message)
        self.refused.emit(message)

    def _release(self) -> None:
        self._locked = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        # Give the keyboard back *before* hiding: hiding the focused password field would make
        # Qt tab to the next field, and a line edit entered by Tab selects all its text, so
        # the clerk's next key would replace it.
        if self._refocus is not None:
            self._refocus.destroyed.disconnect(self._forget_refocus)
            self._refocus.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.overlay.password_edit.clearFocus()
        self._refocus = None
        self.overlay.hide()
        self.watcher.start()
        self.unlocked.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While locked, input reaches only the overlay."""
        if not self._locked or event.type() not in INPUT_EVENTS:
            return False
        if isinstance(watched, QWidget) and (
            watched is self.overlay or self.overlay.isAncestorOf(watched)
        ):
            return False
        # Shortcuts go to actions, not widgets: stopped too. A window (QWindow) gets the raw
        # event before its widgets: Qt routes it on to the widget, where it is stopped.
        return isinstance(watched, QWidget) or event.type() == QEvent.Type.Shortcut
