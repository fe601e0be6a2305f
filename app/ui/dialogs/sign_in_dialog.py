"""The sign-in dialog: username and password, checked off the GUI thread.

Signing in asks central first and, when it cannot be reached, runs a slow KDF over the
password (:mod:`app.sync.auth`): either may take seconds, so the attempt runs on the task
runner's I/O pool and the dialog stays responsive, saying "Signing in…". A refusal is shown
under the fields in the interface language; the username stays, the password is cleared (the
clerk retypes it, and it does not linger in a widget). When the sign-in was offline, or nothing
of it could be kept (no secure keyring), the dialog says so and waits for the clerk to read it
before it closes.

Open it with ``open()`` (never ``exec()``); :attr:`signed_in` carries the outcome.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import to_office_time
from app.store.errors import StoreError
from app.sync.auth import AuthError, SignInOutcome
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

SignIn = Callable[[str, str], SignInOutcome]
"""``AuthService.sign_in``: runs on a worker thread."""

_ERROR_STYLE = "QLabel#signInError { color: #b3261e; }"
_NOTICE_STYLE = "QLabel#signInNotice { color: #7a4b00; }"


def _vietnamese() -> bool:
    return QLocale().language() == QLocale.Language.Vietnamese


def _message(error: AuthError | StoreError) -> str:
    return error.message_vi if _vietnamese() else error.message


class SignInDialog(QDialog):
    """Asks for the username and password and signs in on the I/O pool."""

    signed_in = Signal(object)
    """Emitted with the :class:`SignInOutcome` when the dialog closes signed in."""
    failed = Signal(str)
    """Emitted with the message shown under the fields (tests wait on it)."""
    notice_shown = Signal(str)
    """Emitted when a successful sign-in has something to say (offline, not kept)."""

    def __init__(
        self,
        sign_in: SignIn,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        username: str = "",
    ) -> None:
        super().__init__(parent)
        self._sign_in = sign_in
        self._tasks = tasks
        self._busy = False
        self._outcome: SignInOutcome | None = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in"))
        self.setModal(True)

        self.username_edit = QLineEdit(username)
        self.username_edit.setObjectName("signInUsername")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("signInPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Username:"), self.username_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)

        self.status_label = QLabel()
        self.status_label.setObjectName("signInStatus")
        self.error_label = QLabel()
        self.error_label.setObjectName("signInError")
        self.error_label.setStyleSheet(_ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.notice_label = QLabel()
        self.notice_label.setObjectName("signInNotice")
        self.notice_label.setStyleSheet(_NOTICE_STYLE)
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()

        self.buttons = QDialogButtonBox()
        self.sign_in_button: QPushButton = self.buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAutoDefault(True)
        self.continue_button: QPushButton = self.buttons.addButton(
            self.tr("Continue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setObjectName("signInContinue")
        self.continue_button.hide()
        self.sign_in_button.clicked.connect(self._submit)
        self.continue_button.clicked.connect(self._finish)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        (self.password_edit if username else self.username_edit).setFocus()

    @property
    def outcome(self) -> SignInOutcome | None:
        return self._outcome

    @property
    def busy(self) -> bool:
        return self._busy

    def accept(self) -> None:
        """Enter lands here (the default button) as well: submit, or close once signed in."""
        if self._outcome is not None:
            self._finish()
        else:
            self._submit()

    def _submit(self) -> None:
        if self._busy or self._outcome is not None:
            return
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username or not password:
            self._show_error(self.tr("Enter the username and the password."))
            (self.username_edit if not username else self.password_edit).setFocus()
            return
        self._set_busy(True)
        self.error_label.hide()
        self.status_label.setText(self.tr("Signing in…"))
        sign_in = self._sign_in
        self._tasks.run_io(
            lambda: sign_in(username, password), on_done=self._done, on_error=self._error
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.username_edit.setEnabled(not busy)
        self.password_edit.setEnabled(not busy)
        self.sign_in_button.setEnabled(not busy)

    def _done(self, outcome: SignInOutcome) -> None:
        self._set_busy(False)
        self._outcome = outcome
        self.password_edit.clear()
        self.status_label.clear()
        notices: list[str] = []
        if outcome.offline:
            notices.append(self._offline_text(outcome))
        if outcome.notice is not None:
            notices.append(outcome.notice_vi if _vietnamese() else outcome.notice)
        if not notices:
            self._finish()
            return
        text = "\n\n".join(item for item in notices if item)
        self.notice_label.setText(text)
        self.notice_label.show()
        self.username_edit.setEnabled(False)
        self.password_edit.setEnabled(False)
        self.sign_in_button.hide()
        self.continue_button.show()
        self.continue_button.setDefault(True)
        self.continue_button.setFocus()
        self.notice_shown.emit(text)

    def _offline_text(self, outcome: SignInOutcome) -> str:
        until = outcome.offline_valid_until
        if until is None:
            return self.tr("Signed in offline: the central system cannot be reached.")
        moment = to_office_time(until)
        return self.tr(
            "Signed in offline: the central system cannot be reached. Offline sign-in stays "
            "possible until %1; changes wait on this computer and are sent once the "
            "connection returns."
        ).replace("%1", moment.strftime("%H:%M %d/%m/%Y"))

    def _error(self, error: BaseException) -> None:
        self._set_busy(False)
        self.status_label.clear()
        self.password_edit.clear()
        if isinstance(error, AuthError | StoreError):
            text = _message(error)
        else:
            log.error("sign-in failed unexpectedly", exc_info=error)
            text = self.tr("Sign-in failed because of an unexpected error (%1).").replace(
                "%1", type(error).__name__
            )
        self._show_error(text)
        self.password_edit.setFocus()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.failed.emit(text)

    def _finish(self) -> None:
        if self._outcome is None:
            return
        self.signed_in.emit(self._outcome)
        super().accept()

    def reject(self) -> None:
        """Esc or closing: allowed, except while an attempt runs (its answer needs us)."""
        if self._busy:
            return
        super().reject()
