"""The USB-token (PKCS#11) signer, run for real against a throw-away SoftHSM2 token.

Vietnamese counters sign with the government CA's USB tokens; SoftHSM2 is a software token
that speaks the same PKCS#11 interface, so the signer's whole path (driver, login, key and
certificate lookup, signing on the token, chain from the token) runs here as it would with a
real token. The token is made in a temporary folder for the test session: its key pairs are
generated ON the token, the test's own CA (root -> issuing CA) certifies the signing key, and
the certificates are stored on the token the way token vendors do (same label and ID as the
key, the issuing CA beside it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pkcs11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass, PublicKey, Session

from app.capture.errors import CaptureError, CaptureProblem
from app.capture.pdf import PdfPage, build_searchable_pdf
from app.capture.signer_config import (
    KIND_PKCS11,
    KIND_SETTING,
    PKCS11_KEY_SETTING,
    PKCS11_MODULE_SETTING,
    PKCS11_PIN_SECRET,
    PKCS11_TOKEN_SETTING,
    load_clerk_signer,
    use_pkcs11_token,
)
from app.capture.signing import (
    Pkcs11Signer,
    Pkcs12Signer,
    SignatureStatus,
    make_demo_signer_certificate,
    sign_pdf,
    signer_name,
    verify_pdf,
)
from app.config import AppPaths
from app.store.database import Store, open_database
from app.store.models import Setting
from app.store.secrets import SecretStore
from app.store.settings import SettingsRepository
from tests.memory_keyring import MemoryKeyring

TOKEN = "motcua-test"
PIN = "1234"
SO_PIN = "5678"
KEY = "clerk-signing"
"""Label (and, as bytes, ID) of the key pair that has its certificate on the token."""
BARE_KEY = "no-certificate"
"""A key pair on the same token whose certificate was never written."""
WRONG_PIN = "80451297"
"""Distinctive, so a leak of it into any error text is found by a substring search."""
CLERK = "Nguyễn Thị Lan"
UNIT = "UBND xã Tân Hòa"

MODULE_ENV = "SOFTHSM2_MODULE"
"""Lets a machine with SoftHSM2 in an unusual place point the tests at its module."""
MODULE_NAMES = ("libsofthsm2.so", "softhsm2-x64.dll", "softhsm2.dll", "libsofthsm2.dylib")
MODULE_PLACES = (
    "/usr/lib/softhsm",  # Debian, Ubuntu
    "/usr/lib64/pkcs11",  # Fedora, RHEL
    "/usr/lib/pkcs11",
    "/usr/local/lib/softhsm",  # built from source, FreeBSD ports
    "/opt/homebrew/lib/softhsm",  # macOS Homebrew
    "/usr/local/opt/softhsm/lib/softhsm",
    "C:/SoftHSM2/lib",  # the Windows installer's default
)


def find_softhsm_module() -> str | None:
    """The SoftHSM2 PKCS#11 module of this machine, wherever its packaging put it."""
    explicit = os.environ.get(MODULE_ENV)
    if explicit:
        return explicit if Path(explicit).is_file() else None
    if shutil.which("dpkg"):
        for package in ("libsofthsm2", "softhsm2"):  # Debian ships the module in libsofthsm2
            listed = subprocess.run(
                ["dpkg", "-L", package], capture_output=True, text=True, check=False
            ).stdout
            for line in listed.splitlines():
                if Path(line).name in MODULE_NAMES and Path(line).is_file():
                    return line
    for place in MODULE_PLACES:
        for name in MODULE_NAMES:
            candidate = Path(place) / name
            if candidate.is_file():
                return str(candidate)
    return None


@dataclass(frozen=True)
class SoftToken:
    module: str
    root: x509.Certificate
    issuing_ca: x509.Certificate
    certificate: x509.Certificate
    """The clerk's certificate, for the key labelled :data:`KEY`."""


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, UNIT),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )


def _ca_certificate(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: x509.Name,
    issuer_key: ec.EllipticCurvePrivateKey,
    now: datetime,
) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
        .sign(issuer_key, hashes.SHA256())
    )


def _clerk_certificate(
    public_key: rsa.RSAPublicKey,
    issuer: x509.Certificate,
    issuer_key: ec.EllipticCurvePrivateKey,
    now: datetime,
) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(_name(CLERK))
        .issuer_name(issuer.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(issuer_key, hashes.SHA256())
    )


def _store_certificate(session: Session, certificate: x509.Certificate, label: str) -> None:
    session.create_object(
        {
            Attribute.CLASS: ObjectClass.CERTIFICATE,
            Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True,
            Attribute.PRIVATE: False,
            Attribute.LABEL: label,
            Attribute.ID: label.encode("ascii"),
            Attribute.SUBJECT: certificate.subject.public_bytes(),
            Attribute.ISSUER: certificate.issuer.public_bytes(),
            Attribute.VALUE: certificate.public_bytes(serialization.Encoding.DER),
        }
    )


def _rsa_public_key(public: PublicKey) -> rsa.RSAPublicKey:
    modulus = int.from_bytes(public[Attribute.MODULUS], "big")
    exponent = int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big")
    return rsa.RSAPublicNumbers(exponent, modulus).public_key()


@pytest.fixture(scope="session")
def soft_token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SoftToken]:
    """A fresh SoftHSM2 token holding the clerk's key and certificate, for this session."""
    module = find_softhsm_module()
    util = shutil.which("softhsm2-util")
    if module is None or util is None:
        pytest.skip(
            "SoftHSM2 is not installed (no libsofthsm2 module or softhsm2-util found; "
            f"install the softhsm2 package or set {MODULE_ENV})"
        )
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {(folder / 'tokens').as_posix()}\n"
        "objectstore.backend = file\nlog.level = ERROR\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOFTHSM2_CONF", str(conf))
        subprocess.run(
            [util, "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", SO_PIN],
            check=True,
            capture_output=True,
        )
        now = datetime.now(UTC)
        root_key = ec.generate_private_key(ec.SECP256R1())
        root = _ca_certificate(
            "Motcua Test Root CA", root_key, _name("Motcua Test Root CA"), root_key, now
        )
        issuing_key = ec.generate_private_key(ec.SECP256R1())
        issuing_ca = _ca_certificate(
            "Motcua Test Issuing CA", issuing_key, root.subject, root_key, now
        )
        library = pkcs11.lib(module)
        try:
            token = library.get_token(token_label=TOKEN)
            with token.open(rw=True, user_pin=PIN) as session:
                public, _ = session.generate_keypair(
                    KeyType.RSA, 2048, label=KEY, id=KEY.encode("ascii"), store=True
                )
                certificate = _clerk_certificate(
                    _rsa_public_key(public), issuing_ca, issuing_key, now
                )
                _store_certificate(session, certificate, KEY)
                _store_certificate(session, issuing_ca, "issuing-ca")
                session.generate_keypair(
                    KeyType.RSA, 2048, label=BARE_KEY, id=BARE_KEY.encode("ascii"), store=True
                )
            yield SoftToken(module, root, issuing_ca, certificate)
        finally:
            pkcs11.unload(module)


@pytest.fixture(scope="module")
def archive() -> bytes:
    page = np.tile(np.linspace(60, 250, 400, dtype=np.uint8), (300, 1))
    return build_searchable_pdf(
        [PdfPage(page, 100)],
        title="Hồ sơ số hoá",
        author=CLERK,
        archive=True,
        created_at=datetime(2025, 3, 1, tzinfo=UTC),
    )


def _refusal(error: CaptureError) -> str:
    """All a user or a log could ever see of ``error`` (with its causes and traceback)."""
    shown = "".join(traceback.format_exception(error))
    return "\n".join([shown, str(error), repr(error), error.message, error.message_vi])


def test_token_signature_is_valid_with_the_ca_and_untrusted_without(
    soft_token: SoftToken, archive: bytes
) -> None:
    signer = Pkcs11Signer(soft_token.module, TOKEN, KEY, PIN)
    assert signer.certificate == soft_token.certificate
    signed = sign_pdf(archive, signer, reason="Số hoá hồ sơ", location=UNIT)
    assert signed.startswith(archive)
    # Only the root is trusted: the issuing CA must come from the token, inside the signature.
    check = verify_pdf(signed, [soft_token.root])
    assert check.status is SignatureStatus.VALID, check.message
    assert check.signer == CLERK == signer_name(soft_token.certificate)
    assert check.message_vi.startswith(f"Chữ ký số hợp lệ - ký bởi {CLERK} lúc ")
    assert verify_pdf(signed).status is SignatureStatus.UNTRUSTED
    # The same signer signs again (a new token session each time): the counter signs all day.
    again = sign_pdf(signed, signer, reason="Ký lần hai", location=UNIT, field_name="Signature2")
    assert verify_pdf(again, [soft_token.root]).status is SignatureStatus.VALID


def test_wrong_pin_is_refused_in_vietnamese_without_leaking_it(soft_token: SoftToken) -> None:
    with pytest.raises(CaptureError) as caught:
        Pkcs11Signer(soft_token.module, TOKEN, KEY, WRONG_PIN)
    error = caught.value
    assert error.problem is CaptureProblem.SIGNER_UNAVAILABLE
    assert error.message_vi == f"Mã PIN của thiết bị ký số USB {TOKEN} không đúng; hãy nhập lại."
    assert WRONG_PIN not in _refusal(error)


def test_missing_token_is_refused_in_vietnamese(soft_token: SoftToken) -> None:
    with pytest.raises(CaptureError) as caught:
        Pkcs11Signer(soft_token.module, "other-token", KEY, PIN)
    error = caught.value
    assert error.problem is CaptureProblem.SIGNER_UNAVAILABLE
    assert error.message_vi == (
        "Không tìm thấy thiết bị ký số USB other-token; hãy kiểm tra thiết bị đã được cắm vào máy."
    )
    assert PIN not in error.message_vi


def test_key_without_certificate_and_unknown_key_are_refused(soft_token: SoftToken) -> None:
    with pytest.raises(CaptureError) as caught:
        Pkcs11Signer(soft_token.module, TOKEN, BARE_KEY, PIN)
    assert caught.value.problem is CaptureProblem.SIGNER_UNAVAILABLE
    assert caught.value.message_vi == (
        f"Thiết bị ký số {TOKEN} không có chứng thư số cho khoá {BARE_KEY}."
    )
    with pytest.raises(CaptureError) as caught:
        Pkcs11Signer(soft_token.module, TOKEN, "somebody-else", PIN)
    assert caught.value.problem is CaptureProblem.SIGNER_UNAVAILABLE
    assert caught.value.message_vi == (f"Thiết bị ký số {TOKEN} không có khoá ký số somebody-else.")


def test_missing_or_broken_driver_is_refused(tmp_path: Path) -> None:
    driver = tmp_path / "libtoken.so"
    with pytest.raises(CaptureError) as caught:
        Pkcs11Signer(str(driver), TOKEN, KEY, PIN)
    assert caught.value.problem is CaptureProblem.SIGNER_UNAVAILABLE
    assert caught.value.message_vi == "Chưa cài trình điều khiển thiết bị ký số USB (libtoken.so)."
    driver.write_bytes(b"not a PKCS#11 module")  # a truncated download, a wrong-architecture file
    with pytest.raises(CaptureError) as caught:
        Pkcs11Signer(str(driver), TOKEN, KEY, PIN)
    assert caught.value.problem is CaptureProblem.SIGNER_UNAVAILABLE
    assert caught.value.message_vi == (
        "Trình điều khiển thiết bị ký số USB (libtoken.so) bị lỗi; hãy nhờ cán bộ CNTT kiểm tra."
    )


# --- configured through the settings, the PIN in the keyring only --------------------------


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[Store]:
    opened = open_database(app_paths)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


def _settings(store: Store) -> dict[str, object]:
    with store.read_session() as session:
        keys = [row.key for row in session.query(Setting)]
        settings = SettingsRepository(session)
        return {key: settings.get(key) for key in keys}


def test_token_set_up_once_signs_from_settings_and_keyring(
    soft_token: SoftToken, store: Store, keyring_backend: MemoryKeyring, archive: bytes
) -> None:
    secrets = SecretStore(keyring_backend)
    use_pkcs11_token(store, secrets, soft_token.module, TOKEN, KEY, PIN)
    settings = _settings(store)
    assert settings[KIND_SETTING] == KIND_PKCS11
    assert settings[PKCS11_MODULE_SETTING] == soft_token.module
    assert settings[PKCS11_TOKEN_SETTING] == TOKEN
    assert settings[PKCS11_KEY_SETTING] == KEY
    assert not any(PIN in str(value) for value in settings.values())
    assert list(keyring_backend.secrets.values()) == [PIN]

    # Next start of the app: the signer comes back from the settings and the keyring alone.
    signer = load_clerk_signer(store, SecretStore(keyring_backend))
    assert isinstance(signer, Pkcs11Signer)
    signed = sign_pdf(archive, signer, reason="Số hoá hồ sơ", location=UNIT)
    assert verify_pdf(signed, [soft_token.root]).status is SignatureStatus.VALID

    # The PIN changed on the token but not in the keyring: said plainly, not a crash.
    secrets.set(PKCS11_PIN_SECRET, WRONG_PIN)
    with pytest.raises(CaptureError) as caught:
        load_clerk_signer(store, SecretStore(keyring_backend))
    assert caught.value.problem is CaptureProblem.SIGNER_UNAVAILABLE
    assert WRONG_PIN not in _refusal(caught.value)


def test_wrong_pin_at_set_up_changes_nothing(
    soft_token: SoftToken, store: Store, keyring_backend: MemoryKeyring
) -> None:
    with pytest.raises(CaptureError):
        use_pkcs11_token(
            store, SecretStore(keyring_backend), soft_token.module, TOKEN, KEY, WRONG_PIN
        )
    assert KIND_SETTING not in _settings(store)
    assert keyring_backend.secrets == {}
    assert load_clerk_signer(store, SecretStore(keyring_backend)) is None


def test_pkcs12_and_token_signers_are_interchangeable(
    soft_token: SoftToken, archive: bytes
) -> None:
    """The pipeline sees one protocol: a file-signed copy can be countersigned on the token."""
    file_signer = Pkcs12Signer(*make_demo_signer_certificate("Trần Văn Bình", UNIT, 30))
    first = sign_pdf(archive, file_signer, reason="Số hoá", location=UNIT)
    token_signer = Pkcs11Signer(soft_token.module, TOKEN, KEY, PIN)
    both = sign_pdf(first, token_signer, reason="Duyệt", location=UNIT, field_name="Signature2")
    check = verify_pdf(both, [soft_token.root, *file_signer.chain])
    assert check.status is SignatureStatus.VALID
    assert check.signatures == 2
