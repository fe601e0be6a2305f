"""Secrets in the operating system's keyring, never in a file of ours.

The counter's receipt-signing key lives here, and sign-in (issue 5) will keep its tokens here
too, so the store is general: named text values under the service ``motcua-desk``.

``keyring`` picks a backend by priority at first use. On a headless Linux machine (and in a
bare container) there is none: keyring falls back to a backend that fails on every call, or to
``keyrings.alt``'s files, which keep secrets in plain text. We treat both as "no secret store"
(the caller then degrades visibly, e.g. prints an unsigned receipt and says why), and turn
keyring's raw exceptions into :class:`SecretStoreUnavailable`, a :class:`StoreError` whose
Vietnamese message tells IT staff what to install or unlock.
"""

from __future__ import annotations

import logging
import threading

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from app.store.errors import StoreError

SERVICE = "motcua-desk"

log = logging.getLogger(__name__)

_INSTALL_HINT = (
    "install and unlock a Secret Service (apt-get install gnome-keyring) on Linux, or use "
    "the Windows Credential Manager / macOS Keychain"
)
_INSTALL_HINT_VI = (
    "trên Linux hãy cài và mở khoá Secret Service (apt-get install gnome-keyring); trên "
    "Windows/macOS dùng Credential Manager/Keychain của hệ điều hành"
)


class SecretStoreUnavailable(StoreError):
    """No usable secret store, or the one there refused the operation (locked, broken)."""

    def __init__(self, reason: str, reason_vi: str) -> None:
        super().__init__(
            f"The secret store (keyring) cannot be used: {reason}",
            f"Không dùng được kho bí mật (keyring) của hệ điều hành: {reason_vi}",
        )
        self.reason = reason
        self.reason_vi = reason_vi


def backend_name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _is_insecure(backend: KeyringBackend) -> bool:
    """Backends that keep secrets in files we could as well write ourselves."""
    name = backend_name(backend).lower()
    return "keyrings.alt" in name or "plaintext" in name


def _backends_of(backend: KeyringBackend) -> list[KeyringBackend]:
    if isinstance(backend, chainer.ChainerBackend):
        return list(backend.backends)
    return [backend]


def _unavailable_reason(
    backend: KeyringBackend, allow_insecure: bool
) -> SecretStoreUnavailable | None:
    usable = [
        candidate
        for candidate in _backends_of(backend)
        if not isinstance(candidate, fail.Keyring | null.Keyring)
    ]
    if not usable:
        return SecretStoreUnavailable(
            f"this computer has no secure secret store; {_INSTALL_HINT}",
            f"máy này chưa có kho bí mật an toàn; {_INSTALL_HINT_VI}",
        )
    if not allow_insecure and all(_is_insecure(candidate) for candidate in usable):
        return SecretStoreUnavailable(
            f"{backend_name(backend)} keeps secrets in a plain file; {_INSTALL_HINT}",
            f"{backend_name(backend)} lưu bí mật trong tệp không mã hoá; {_INSTALL_HINT_VI}",
        )
    return None


def _translate(error: Exception) -> SecretStoreUnavailable:
    if isinstance(error, keyring.errors.KeyringLocked):
        return SecretStoreUnavailable(
            "the keyring is locked; sign in to the desktop session (or unlock the keyring) "
            "and try again",
            "kho bí mật đang bị khoá; hãy đăng nhập phiên làm việc (hoặc mở khoá keyring) rồi "
            "thử lại",
        )
    return SecretStoreUnavailable(
        f"{type(error).__name__}: {error}; {_INSTALL_HINT}",
        f"kho bí mật báo lỗi ({type(error).__name__}); {_INSTALL_HINT_VI}",
    )


class SecretStore:
    """Named secrets of this app in the OS keyring.

    ``backend`` defaults to the one keyring chooses (probed once, at first use, then kept);
    pass one in to use another. Plain-file backends count as unavailable unless
    ``allow_insecure`` (a deliberate, visible choice of IT staff).
    """

    def __init__(
        self,
        backend: KeyringBackend | None = None,
        *,
        service: str = SERVICE,
        allow_insecure: bool = False,
    ) -> None:
        self._backend = backend
        self._service = service
        self._allow_insecure = allow_insecure
        self._lock = threading.Lock()

    @property
    def backend(self) -> KeyringBackend:
        with self._lock:
            if self._backend is None:
                self._backend = keyring.get_keyring()
                log.info("secret store backend: %s", backend_name(self._backend))
            return self._backend

    @property
    def service(self) -> str:
        return self._service

    def problem(self) -> SecretStoreUnavailable | None:
        """Why no secret can be kept here, or ``None`` when the store is usable."""
        return _unavailable_reason(self.backend, self._allow_insecure)

    def available(self) -> bool:
        return self.problem() is None

    def _usable_backend(self) -> KeyringBackend:
        backend = self.backend
        problem = _unavailable_reason(backend, self._allow_insecure)
        if problem is not None:
            raise problem
        return backend

    def get(self, name: str) -> str | None:
        """The secret called ``name``, or ``None`` if there is none."""
        backend = self._usable_backend()
        try:
            return backend.get_password(self._service, name)
        except (keyring.errors.KeyringError, OSError) as error:
            raise _translate(error) from error

    def set(self, name: str, value: str) -> None:
        backend = self._usable_backend()
        try:
            backend.set_password(self._service, name, value)
        except (keyring.errors.KeyringError, OSError) as error:
            raise _translate(error) from error

    def delete(self, name: str) -> bool:
        """Remove ``name``; ``False`` if there was nothing to remove."""
        backend = self._usable_backend()
        try:
            if backend.get_password(self._service, name) is None:
                return False
            backend.delete_password(self._service, name)
        except keyring.errors.PasswordDeleteError:
            return False
        except (keyring.errors.KeyringError, OSError) as error:
            raise _translate(error) from error
        return True
