"""Where the receiving clerk's signer comes from, and which signers the counter trusts.

Settings (the ``settings`` table) say which kind of signer the counter uses (``signing.kind``:
``pkcs12``, ``pkcs11`` or ``demo``) and where it is; the secret that opens it (the PKCS#12
passphrase, the token PIN) lives ONLY in the OS keyring (:class:`SecretStore`), like the
receipt-signing key: a copied data folder cannot sign.

A standalone counter (no central server, no organisation CA) gets a DEMO certificate from
:func:`ensure_demo_signer`: a PKCS#12 file in ``<data>/keys`` (mode 0600, written atomically)
with its own demo root, which the counter then trusts. Each new file gets a new keyring entry
(named after the file), so making a new one never destroys the secret of the old one before
the settings point at the new file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from app.capture.errors import CaptureError, CaptureProblem
from app.capture.signing import (
    PdfSigner,
    Pkcs11Signer,
    Pkcs12Signer,
    make_demo_signer_certificate,
    signer_name,
)
from app.store.secrets import SecretStore, SecretStoreUnavailable
from app.store.settings import SettingsRepository

if TYPE_CHECKING:
    from app.store.database import Store

KIND_SETTING = "signing.kind"
PKCS12_PATH_SETTING = "signing.pkcs12_path"
"""Relative to the data folder when the file is inside it (the demo one), else absolute."""
PKCS11_MODULE_SETTING = "signing.pkcs11_module"
PKCS11_TOKEN_SETTING = "signing.pkcs11_token_label"
PKCS11_KEY_SETTING = "signing.pkcs11_key_label"
TRUST_ROOTS_SETTING = "signing.trust_roots"
"""A list of PEM certificates: the organisation's CA roots."""
DEMO_ROOT_SETTING = "signing.demo_root"
"""The PEM root of the demo certificate in use, trusted while the demo signer is."""

KIND_PKCS12 = "pkcs12"
KIND_PKCS11 = "pkcs11"
KIND_DEMO = "demo"

PKCS12_SECRET_PREFIX = "signing-pkcs12/"
"""Keyring entry name prefix; the PKCS#12 file name follows."""
PKCS11_PIN_SECRET = "signing-pkcs11-pin"
KEYS_DIR = "keys"
DEMO_VALID_DAYS = 3 * 365
DEMO_RENEW_BEFORE = timedelta(days=30)
"""A demo certificate this close to its end is replaced rather than used."""


def pkcs12_secret_name(path: Path) -> str:
    return f"{PKCS12_SECRET_PREFIX}{path.name}"


def _secret_unavailable(error: SecretStoreUnavailable) -> CaptureError:
    return CaptureError(
        CaptureProblem.SIGNER_UNAVAILABLE,
        f"The clerk's signing key cannot be opened: {error.message}",
        f"Không mở được khoá ký số của cán bộ: {error.message_vi}",
    )


def _resolve(store: Store, stored: str) -> Path:
    path = Path(stored)
    return path if path.is_absolute() else store.paths.data_dir / path


def _read_secret(secrets: SecretStore, name: str) -> str | None:
    try:
        return secrets.get(name)
    except SecretStoreUnavailable as error:
        raise _secret_unavailable(error) from error


def load_clerk_signer(store: Store, secrets: SecretStore) -> PdfSigner | None:
    """The configured signer, or ``None`` when this counter has none set up.

    A signer that is set up but cannot be opened (file gone, keyring locked or without the
    passphrase, token missing) is a :class:`CaptureError` saying why, never a silent ``None``.
    """
    with store.read_session() as session:
        settings = SettingsRepository(session)
        kind = settings.get(KIND_SETTING)
        pkcs12_path = settings.get(PKCS12_PATH_SETTING)
        module = settings.get(PKCS11_MODULE_SETTING)
        token = settings.get(PKCS11_TOKEN_SETTING)
        key = settings.get(PKCS11_KEY_SETTING)
    if kind in (KIND_PKCS12, KIND_DEMO) and isinstance(pkcs12_path, str):
        path = _resolve(store, pkcs12_path)
        passphrase = _read_secret(secrets, pkcs12_secret_name(path))
        if passphrase is None:
            raise CaptureError(
                CaptureProblem.SIGNER_UNAVAILABLE,
                f"The passphrase of the signing key {path.name} is not in this computer's "
                "keyring; set up the clerk's signature again.",
                f"Kho bí mật của máy không có mật khẩu của khoá ký số {path.name}; hãy thiết "
                "lập lại chữ ký số của cán bộ.",
                path,
            )
        return Pkcs12Signer.from_file(path, passphrase)
    if kind == KIND_PKCS11 and all(isinstance(value, str) for value in (module, token, key)):
        pin = _read_secret(secrets, PKCS11_PIN_SECRET)
        if pin is None:
            raise CaptureError(
                CaptureProblem.SIGNER_UNAVAILABLE,
                "The USB token's PIN is not in this computer's keyring; set up the clerk's "
                "signature again.",
                "Kho bí mật của máy không có mã PIN của thiết bị ký số USB; hãy thiết lập lại "
                "chữ ký số của cán bộ.",
            )
        return Pkcs11Signer(str(module), str(token), str(key), pin)
    return None


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by this user only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        path.parent.chmod(0o700)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            os.chmod(temporary, 0o600)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _usable_demo(signer: PdfSigner | None, clerk_name: str, now: datetime) -> Pkcs12Signer | None:
    if not isinstance(signer, Pkcs12Signer):
        return None
    certificate = signer.certificate
    if signer_name(certificate) != clerk_name:
        return None
    if certificate.not_valid_after_utc - DEMO_RENEW_BEFORE < now:
        return None
    return signer


def ensure_demo_signer(
    store: Store, secrets: SecretStore, clerk_name: str, unit_name: str
) -> PdfSigner:
    """The standalone counter's DEMO signer for ``clerk_name``, made on first use.

    Reuses the current demo certificate while it is the same clerk's and not about to expire.
    Refuses (``SIGNER_UNAVAILABLE``) when the keyring is unusable: a passphrase kept anywhere
    else would sit next to the key it protects.
    """
    now = datetime.now(UTC)
    with store.read_session() as session:
        kind = SettingsRepository(session).get(KIND_SETTING)
    if kind == KIND_DEMO:
        try:
            current = load_clerk_signer(store, secrets)
        except CaptureError:
            current = None  # lost file or passphrase: make a new one below
        reusable = _usable_demo(current, clerk_name, now)
        if reusable is not None:
            return reusable
    problem = secrets.problem()
    if problem is not None:
        raise _secret_unavailable(problem)
    data, passphrase = make_demo_signer_certificate(clerk_name, unit_name, DEMO_VALID_DAYS)
    signer = Pkcs12Signer(data, passphrase)
    relative = Path(KEYS_DIR) / f"demo-signer-{hashlib.sha256(data).hexdigest()[:16]}.p12"
    path = store.paths.data_dir / relative
    try:
        secrets.set(pkcs12_secret_name(path), passphrase)
    except SecretStoreUnavailable as error:
        raise _secret_unavailable(error) from error
    try:
        _write_private(path, data)
    except OSError as error:
        raise CaptureError(
            CaptureProblem.WRITE_FAILED,
            f"Cannot save the signing key in {path.parent}: {error.strerror or error}",
            f"Không lưu được khoá ký số vào thư mục {path.parent}.",
            path,
        ) from error
    root = signer.chain[0]
    with store.session() as session:
        settings = SettingsRepository(session)
        settings.set(KIND_SETTING, KIND_DEMO)
        settings.set(PKCS12_PATH_SETTING, relative.as_posix())
        settings.set(
            DEMO_ROOT_SETTING, root.public_bytes(serialization.Encoding.PEM).decode("ascii")
        )
    return signer


def _load_pems(values: object) -> list[x509.Certificate]:
    certificates: list[x509.Certificate] = []
    for value in values if isinstance(values, list) else [values]:
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            certificates.extend(x509.load_pem_x509_certificates(value.encode("ascii")))
        except ValueError:
            continue  # a damaged entry must not hide the others
    return certificates


def load_trust_roots(store: Store) -> list[x509.Certificate]:
    """The roots signatures are verified against: ``signing.trust_roots``, plus the demo root
    while the demo signer is in use."""
    with store.read_session() as session:
        settings = SettingsRepository(session)
        roots = _load_pems(settings.get(TRUST_ROOTS_SETTING))
        if settings.get(KIND_SETTING) == KIND_DEMO:
            roots += _load_pems(settings.get(DEMO_ROOT_SETTING))
    return roots


def use_pkcs12_file(store: Store, secrets: SecretStore, path: Path, passphrase: str) -> PdfSigner:
    """Make the organisation-issued PKCS#12 at ``path`` the clerk's signer.

    Opens it first (a wrong passphrase is refused here, not at the first dossier), then keeps
    the passphrase in the keyring and the path in the settings.
    """
    signer = Pkcs12Signer.from_file(path, passphrase)
    try:
        secrets.set(pkcs12_secret_name(path), passphrase)
    except SecretStoreUnavailable as error:
        raise _secret_unavailable(error) from error
    with store.session() as session:
        settings = SettingsRepository(session)
        settings.set(KIND_SETTING, KIND_PKCS12)
        settings.set(PKCS12_PATH_SETTING, str(path.resolve()))
    return signer


def use_pkcs11_token(
    store: Store, secrets: SecretStore, module_path: str, token_label: str, key_label: str, pin: str
) -> PdfSigner:
    """Make a USB token the clerk's signer (opened first, so a wrong PIN is refused here)."""
    signer = Pkcs11Signer(module_path, token_label, key_label, pin)
    try:
        secrets.set(PKCS11_PIN_SECRET, pin)
    except SecretStoreUnavailable as error:
        raise _secret_unavailable(error) from error
    with store.session() as session:
        settings = SettingsRepository(session)
        settings.set(KIND_SETTING, KIND_PKCS11)
        settings.set(PKCS11_MODULE_SETTING, module_path)
        settings.set(PKCS11_TOKEN_SETTING, token_label)
        settings.set(PKCS11_KEY_SETTING, key_label)
    return signer
