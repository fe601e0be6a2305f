"""The receiving clerk's digital signature on a digitised dossier (PAdES), and its check.

A digitised copy has legal value when the official who received the originals signs it
(Decree 45/2020, Circular 01/2023); the signature is a PAdES baseline B-B signature made with
pyHanko as an incremental update, so the PDF/A archive copy stays PDF/A (no visible
appearance: an invisible, printable widget).

Signers: a PKCS#12 file (the organisation's CA issues it; a standalone counter makes a demo
one with :func:`make_demo_signer_certificate`) or a PKCS#11 USB token (the Vietnamese
government CA's tokens). Both fit :class:`PdfSigner`, so the pipeline does not care which.
The PKCS#11 signer goes through ``python-pkcs11`` and the token's driver; the tests run it
against a SoftHSM2 software token (see :class:`Pkcs11Signer`).

:func:`verify_pdf` runs fully offline (no OCSP/CRL fetching) and says, in English and
Vietnamese, whether the file is unsigned, signed and intact, signed by someone we do not
trust, changed after signing, or malformed.
"""

from __future__ import annotations

import contextlib
import io
import logging
import secrets
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.misc import PdfError as PyHankoPdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from app.capture.errors import CaptureError, CaptureProblem
from app.domain.clock import OFFICE_TZ

if TYPE_CHECKING:
    from pkcs11 import Session

log = logging.getLogger(__name__)

DEMO_MARK = "DEMO"
"""Put in the demo certificates' organisational unit, so nobody mistakes them for real ones."""


# --- signers ----------------------------------------------------------------------------------


class PdfSigner(Protocol):
    """Something that holds a signing key and its certificate (a file, a USB token)."""

    @property
    def certificate(self) -> x509.Certificate:
        """The signer's certificate (checked for validity before each signature)."""
        ...

    def open(self) -> contextlib.AbstractContextManager[signers.Signer]:
        """A pyHanko signer for the time of one signature (a token session is opened here)."""
        ...


def _to_asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def signer_name(certificate: x509.Certificate) -> str:
    """The person's name as the certificate states it (common name), else the whole subject."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if names:
        value = names[0].value
        return value if isinstance(value, str) else value.decode("utf-8", "replace")
    return certificate.subject.rfc4514_string()


def _check_validity(certificate: x509.Certificate, now: datetime | None = None) -> None:
    """Refuse to sign with a certificate outside its validity: the signature would not count."""
    now = now or datetime.now(UTC)
    name = signer_name(certificate)
    if now > certificate.not_valid_after_utc:
        expired = f"{certificate.not_valid_after_utc:%d/%m/%Y}"
        raise CaptureError(
            CaptureProblem.SIGNING_FAILED,
            f"The signing certificate of {name} expired on {expired}; ask the certificate "
            "authority for a new one.",
            f"Chứng thư số của {name} đã hết hạn ngày {expired}; hãy đề nghị tổ chức cung cấp "
            "chứng thư số cấp chứng thư mới.",
        )
    if now < certificate.not_valid_before_utc:
        start = f"{certificate.not_valid_before_utc:%d/%m/%Y}"
        raise CaptureError(
            CaptureProblem.SIGNING_FAILED,
            f"The signing certificate of {name} is valid only from {start}; check the "
            "computer's clock.",
            f"Chứng thư số của {name} chỉ có hiệu lực từ ngày {start}; hãy kiểm tra đồng hồ "
            "của máy tính.",
        )


class Pkcs12Signer:
    """A key and certificate chain from a PKCS#12 (.p12/.pfx) file.

    The passphrase comes from the OS keyring through the caller and is kept only in memory.
    A wrong passphrase or a damaged file is a :class:`CaptureError` (``SIGNING_FAILED``); a
    missing file is ``SIGNER_UNAVAILABLE``.
    """

    def __init__(self, data: bytes, passphrase: str, *, path: Path | None = None) -> None:
        label = path.name if path is not None else "PKCS#12"
        try:
            key, certificate, extra = pkcs12.load_key_and_certificates(
                data, passphrase.encode("utf-8")
            )
        except ValueError as error:
            raise CaptureError(
                CaptureProblem.SIGNING_FAILED,
                f"Cannot open the signing key {label}: wrong passphrase or damaged file.",
                f"Không mở được khoá ký số {label}: sai mật khẩu hoặc tệp bị hỏng.",
                path,
            ) from error
        if key is None or certificate is None:
            raise CaptureError(
                CaptureProblem.SIGNING_FAILED,
                f"The signing key file {label} holds no key with its certificate.",
                f"Tệp khoá ký số {label} không chứa khoá bí mật kèm chứng thư số.",
                path,
            )
        self._data = data
        self._passphrase = passphrase
        self._certificate = certificate
        self._chain = tuple(extra)

    @classmethod
    def from_file(cls, path: Path, passphrase: str) -> Pkcs12Signer:
        try:
            data = path.read_bytes()
        except FileNotFoundError as error:
            raise CaptureError(
                CaptureProblem.SIGNER_UNAVAILABLE,
                f"The signing key file {path} is missing; set up the clerk's signature again.",
                f"Không tìm thấy tệp khoá ký số {path.name}; hãy thiết lập lại chữ ký số của "
                "cán bộ.",
                path,
            ) from error
        except OSError as error:
            raise CaptureError(
                CaptureProblem.SIGNER_UNAVAILABLE,
                f"Cannot read the signing key file {path}: {error.strerror or error}.",
                f"Không đọc được tệp khoá ký số {path.name}.",
                path,
            ) from error
        return cls(data, passphrase, path=path)

    @property
    def certificate(self) -> x509.Certificate:
        return self._certificate

    @property
    def chain(self) -> tuple[x509.Certificate, ...]:
        """The other certificates in the file (issuers; the demo root for a demo signer)."""
        return self._chain

    @contextlib.contextmanager
    def open(self) -> Iterator[signers.Signer]:
        signer = signers.SimpleSigner.load_pkcs12_data(
            self._data,
            other_certs=[_to_asn1(cert) for cert in self._chain],
            passphrase=self._passphrase.encode("utf-8"),
        )
        if signer is None:  # pragma: no cover - the constructor already opened the same data
            raise CaptureError(
                CaptureProblem.SIGNING_FAILED,
                "Cannot open the signing key.",
                "Không mở được khoá ký số.",
            )
        yield signer


class Pkcs11Signer:
    """A key on a PKCS#11 device (USB token, smart card), through pyHanko's PKCS#11 support.

    Needs ``python-pkcs11`` and the token maker's driver (``module_path``, a .so / .dll).
    Tested against SoftHSM2 (a software token speaking the same interface). The constructor
    logs in once to find the key, its certificate (the certificate object with the key's
    label) and the issuing CAs stored beside it, so a wrong PIN, an unplugged token or a key
    without certificate is refused when the clerk sets the token up, not at the first
    dossier. Each signature then opens its own session: tokens get unplugged between two.
    Every failure is a :class:`CaptureError` (``SIGNER_UNAVAILABLE``, or ``SIGNING_FAILED``
    when the token stops answering mid-signature) whose text never contains the PIN.
    """

    def __init__(self, module_path: str, token_label: str, key_label: str, pin: str) -> None:
        try:
            import pkcs11  # noqa: F401 - pyHanko's PKCS#11 module needs it; say so clearly
            from pyhanko.sign import pkcs11 as pyhanko_pkcs11
        except ImportError as error:
            raise CaptureError(
                CaptureProblem.SIGNER_UNAVAILABLE,
                "The USB token driver support (python-pkcs11) is not installed; ask IT staff "
                "to install it, or use a PKCS#12 signing key file.",
                "Chưa cài phần hỗ trợ thiết bị ký số USB (python-pkcs11); hãy nhờ cán bộ CNTT "
                "cài đặt, hoặc dùng tệp khoá ký số PKCS#12.",
            ) from error
        if not Path(module_path).is_file():
            raise CaptureError(
                CaptureProblem.SIGNER_UNAVAILABLE,
                f"The USB token driver {module_path} is not installed.",
                f"Chưa cài trình điều khiển thiết bị ký số USB ({Path(module_path).name}).",
                Path(module_path),
            )
        self._pkcs11 = pyhanko_pkcs11
        self._module_path = module_path
        self._token_label = token_label
        self._key_label = key_label
        self._pin = pin
        with self._session() as session:
            self._certificate, self._chain = self._find_certificates(session)

    @property
    def certificate(self) -> x509.Certificate:
        return self._certificate

    @property
    def chain(self) -> tuple[x509.Certificate, ...]:
        """The issuing CAs found on the token (embedded in each signature; roots excluded)."""
        return self._chain

    @contextlib.contextmanager
    def open(self) -> Iterator[signers.Signer]:
        with self._session() as session:
            yield self._pkcs11.PKCS11Signer(
                session,
                key_label=self._key_label,
                signing_cert=_to_asn1(self._certificate),
                ca_chain=[_to_asn1(cert) for cert in self._chain],
                other_certs_to_pull=(),
            )

    @contextlib.contextmanager
    def _session(self) -> Iterator[Session]:
        """A logged-in session on the token; the driver's errors become clerk-readable ones."""
        from pkcs11 import exceptions as p11
        from pyhanko.config.pkcs11 import TokenCriteria

        label = self._token_label
        try:
            session = self._pkcs11.open_pkcs11_session(
                self._module_path, token_criteria=TokenCriteria(label=label), user_pin=self._pin
            )
        except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange) as error:
            raise CaptureError(
                CaptureProblem.SIGNER_UNAVAILABLE,
                f"The PIN of the USB token {label} is wrong; enter it again.",
                f"Mã PIN của thiết bị ký số USB {label} không đúng; hãy nhập lại.",
            ) from error
        except (p11.PinLocked, p11.PinExpired) as error:
            raise CaptureError(
                CaptureProblem.SIGNER_UNAVAILABLE,
                f"The PIN of the USB token {label} is locked or expired; ask the certificate "
                "authority to unlock it.",
                f"Mã PIN của thiết bị ký số USB {label} đã bị khoá hoặc hết hạn; hãy đề nghị "
                "tổ chức cung cấp chứng thư số mở khoá.",
            ) from error
        except (p11.NoSuchToken, p11.TokenNotPresent, p11.TokenNotRecognised) as error:
            raise self._not_found(error) from error
        except p11.PKCS11Error as error:  # pyHanko's "no token matching" is the base class
            if "No token" in str(error):
                raise self._not_found(error) from error
            raise self._driver_failed(error) from error
        except (RuntimeError, OSError) as error:  # the driver cannot be loaded at all
            raise self._driver_failed(error) from error
        try:
            yield session
        except p11.PKCS11Error as error:
            raise CaptureError(
                CaptureProblem.SIGNING_FAILED,
                f"The USB token {label} failed while signing: {type(error).__name__} {error}",
                f"Thiết bị ký số USB {label} bị lỗi khi ký; hãy kiểm tra thiết bị rồi thử lại.",
            ) from error
        finally:
            with contextlib.suppress(p11.PKCS11Error):
                session.close()

    def _not_found(self, error: Exception) -> CaptureError:
        label = self._token_label
        return CaptureError(
            CaptureProblem.SIGNER_UNAVAILABLE,
            f"No USB token labelled {label} is plugged in ({error}).",
            f"Không tìm thấy thiết bị ký số USB {label}; hãy kiểm tra thiết bị đã được cắm vào "
            "máy.",
        )

    def _driver_failed(self, error: Exception) -> CaptureError:
        name = Path(self._module_path).name
        return CaptureError(
            CaptureProblem.SIGNER_UNAVAILABLE,
            f"The USB token driver {self._module_path} failed: {type(error).__name__} {error}",
            f"Trình điều khiển thiết bị ký số USB ({name}) bị lỗi; hãy nhờ cán bộ CNTT kiểm tra.",
        )

    def _find_certificates(
        self, session: Session
    ) -> tuple[x509.Certificate, tuple[x509.Certificate, ...]]:
        """The key's certificate (the newest one under its label) and its issuers on the token."""
        from pkcs11 import Attribute, ObjectClass

        token, key = self._token_label, self._key_label
        found = session.get_objects(
            {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.LABEL: key}
        )
        if not list(found):
            raise CaptureError(
                CaptureProblem.SIGNER_UNAVAILABLE,
                f"The token {token} has no signing key labelled {key}.",
                f"Thiết bị ký số {token} không có khoá ký số {key}.",
            )
        mine: list[x509.Certificate] = []
        others: list[x509.Certificate] = []
        stored = session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})
        for item in list(stored):
            try:
                certificate = x509.load_der_x509_certificate(bytes(item[Attribute.VALUE]))
            except ValueError:
                continue  # a vendor's odd object must not hide the clerk's certificate
            (mine if item[Attribute.LABEL] == key else others).append(certificate)
        if not mine:
            raise CaptureError(
                CaptureProblem.SIGNER_UNAVAILABLE,
                f"The token {token} has no certificate for key {key}.",
                f"Thiết bị ký số {token} không có chứng thư số cho khoá {key}.",
            )
        certificate = max(mine, key=lambda cert: cert.not_valid_before_utc)
        chain: list[x509.Certificate] = []
        current = certificate
        while current.issuer != current.subject and len(chain) < 8:
            issuer = next((c for c in others if c.subject == current.issuer), None)
            if issuer is None or issuer.issuer == issuer.subject:
                break  # roots are trusted by the verifier, not carried in the signature
            chain.append(issuer)
            current = issuer
        return certificate, tuple(chain)


# --- signing ----------------------------------------------------------------------------------


class _PdfaSafeWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer, keeping the Info dictionary and the XMP packet equal.

    PDF/A wants them to say the same. pyHanko writes ``pdf:Producer`` = "pyHanko x.y" into the
    XMP but *appends* it to the Info ``/Producer``, and reads the clock separately for the
    Info ``/ModDate`` and the XMP ``xmp:ModifyDate`` (a second may tick in between). So the
    producer becomes pyHanko's in both (the creator stays ours) and the time is read once.
    """

    def __init__(self, data: bytes, when: datetime) -> None:
        super().__init__(io.BytesIO(data), strict=False)
        self._when = when

    def _update_meta(self) -> None:
        if self._info is not None and "/Metadata" in self.root:
            info = self._info.get_object()
            info["/Producer"] = generic.TextStringObject(VENDOR)
            self.mark_update(self._info)
        meta = self._meta
        original = type(meta).__setattr__
        when = self._when

        class _Pinned(type(meta)):  # type: ignore[misc]
            def __setattr__(self, name: str, value: object) -> None:
                original(self, name, when if (name, value) == ("last_modified", "now") else value)

        meta.__class__ = _Pinned
        try:
            super()._update_meta()
        finally:
            meta.__class__ = _Pinned.__mro__[1]


def sign_pdf(
    pdf: bytes,
    signer: PdfSigner,
    *,
    reason: str,
    location: str,
    field_name: str = "Signature1",
) -> bytes:
    """``pdf`` with a PAdES B-B signature appended as an incremental update.

    The earlier bytes are kept exactly, so a PDF/A file stays PDF/A and its SHA-256 before
    signing still identifies the unsigned content.
    """
    _check_validity(signer.certificate)
    try:
        writer = _PdfaSafeWriter(pdf, datetime.now().astimezone().replace(microsecond=0))
        metadata = signers.PdfSignatureMetadata(
            field_name=field_name,
            reason=reason,
            location=location,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        )
        with signer.open() as pyhanko_signer:
            out = signers.sign_pdf(
                writer,
                metadata,
                signer=pyhanko_signer,
                new_field_spec=fields.SigFieldSpec(sig_field_name=field_name),
            )
    except CaptureError:
        raise
    except (SigningError, PyHankoPdfError, ValueError, OSError) as error:
        raise CaptureError(
            CaptureProblem.SIGNING_FAILED,
            f"Could not sign the PDF: {error}",
            "Không ký số được tệp PDF; hãy thử lại hoặc báo cán bộ CNTT.",
        ) from error
    return out.getvalue()


# --- checking ---------------------------------------------------------------------------------


class SignatureStatus(StrEnum):
    UNSIGNED = "unsigned"
    VALID = "valid"
    """Intact, and the signer's certificate chains to a trusted root."""
    UNTRUSTED = "untrusted"
    """Intact, but signed by a certificate we do not trust (or cannot check)."""
    MODIFIED = "modified"
    """Changed after signing: the bytes do not match, or content was added afterwards."""
    INVALID = "invalid"
    """Not a PDF we can read, or a signature that is malformed."""


@dataclass(frozen=True)
class SignatureCheck:
    status: SignatureStatus
    message: str
    message_vi: str
    signer: str = ""
    signed_at: datetime | None = None
    """The time the signer's computer claimed (B-B has no trusted timestamp)."""
    signatures: int = 0

    @property
    def ok(self) -> bool:
        return self.status is SignatureStatus.VALID


def _format_time(when: datetime | None) -> str:
    return f"{when.astimezone(OFFICE_TZ):%H:%M %d/%m/%Y}" if when is not None else "?"


def _check(
    status: SignatureStatus, signer: str, signed_at: datetime | None, count: int
) -> SignatureCheck:
    at = _format_time(signed_at)
    if status is SignatureStatus.VALID:
        message = f"Valid digital signature - signed by {signer} at {at}"
        message_vi = f"Chữ ký số hợp lệ - ký bởi {signer} lúc {at}"
    elif status is SignatureStatus.UNTRUSTED:
        message = (
            f"The document is intact, signed by {signer} at {at}, but that signer's "
            "certificate is not from a trusted authority"
        )
        message_vi = (
            f"Tài liệu còn nguyên vẹn, ký bởi {signer} lúc {at}, nhưng chứng thư số của "
            "người ký không do tổ chức tin cậy cấp"
        )
    elif status is SignatureStatus.MODIFIED:
        message = f"The document was changed after it was signed (by {signer} at {at})"
        message_vi = "Tài liệu đã bị sửa sau khi ký"
        if signer:
            message_vi += f" (ký bởi {signer} lúc {at})"
    elif status is SignatureStatus.UNSIGNED:
        message = "The document has no digital signature"
        message_vi = "Tài liệu chưa được ký số"
    else:
        message = "The document's digital signature cannot be read (malformed file)"
        message_vi = "Không đọc được chữ ký số của tài liệu (tệp bị lỗi)"
    return SignatureCheck(status, message, message_vi, signer, signed_at, count)


def _cert_name(cert: asn1_x509.Certificate | None) -> str:
    if cert is None:
        return ""
    try:
        return signer_name(x509.load_der_x509_certificate(cert.dump()))
    except ValueError:
        return ""


def verify_pdf(pdf: bytes, trust_roots: Sequence[x509.Certificate] = ()) -> SignatureCheck:
    """Check every signature of ``pdf``; the result is that of the worst one.

    Offline: no revocation information is fetched (a B-B signature carries none), so VALID
    means "intact, and chains to one of ``trust_roots``".
    """
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PyHankoPdfError, ValueError, KeyError, TypeError, OSError) as error:
        log.info("cannot read the PDF's signatures: %s", error)
        return _check(SignatureStatus.INVALID, "", None, 0)
    if not embedded:
        return _check(SignatureStatus.UNSIGNED, "", None, 0)
    checks = [_verify_one(signature, trust_roots) for signature in embedded]
    order = [
        SignatureStatus.INVALID,
        SignatureStatus.MODIFIED,
        SignatureStatus.UNTRUSTED,
        SignatureStatus.VALID,
    ]
    worst = min(checks, key=lambda check: order.index(check.status))
    return _check(worst.status, worst.signer, worst.signed_at, len(embedded))


def _verify_one(
    embedded: EmbeddedPdfSignature, trust_roots: Sequence[x509.Certificate]
) -> SignatureCheck:
    context = ValidationContext(
        trust_roots=[_to_asn1(root) for root in trust_roots],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    try:
        name = _cert_name(embedded.signer_cert)
        signed_at = embedded.self_reported_timestamp
        with warnings.catch_warnings():
            # pyhanko_certvalidator warns when soft-fail revocation checking finds no
            # information; offline B-B validation never has any, by design.
            warnings.filterwarnings("ignore", module=r"pyhanko_certvalidator(\.|$)")
            status = validate_pdf_signature(embedded, context)
    except (SignatureValidationError, PyHankoPdfError, ValueError, KeyError, TypeError) as error:
        log.info("signature cannot be checked: %s", error)
        return _check(SignatureStatus.INVALID, "", None, 1)
    if signed_at is None:
        signed_at = status.signer_reported_dt
    if not status.intact or not status.valid:
        return _check(SignatureStatus.MODIFIED, name, signed_at, 1)
    later_content = status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
        status.modification_level is None
        or status.modification_level > ModificationLevel.FORM_FILLING
        or status.docmdp_ok is False
    )
    if status.coverage < SignatureCoverageLevel.ENTIRE_REVISION or later_content:
        return _check(SignatureStatus.MODIFIED, name, signed_at, 1)
    if not status.trusted:
        return _check(SignatureStatus.UNTRUSTED, name, signed_at, 1)
    return _check(SignatureStatus.VALID, name, signed_at, 1)


# --- demo certificates ------------------------------------------------------------------------


def make_demo_signer_certificate(
    common_name: str,
    organisation: str,
    valid_days: int,
    *,
    not_before: datetime | None = None,
) -> tuple[bytes, str]:
    """A DEMO certificate for a standalone counter: a PKCS#12 and its random passphrase.

    The file holds the signer's key and certificate, issued by a demo root made for it alone
    (the root's key is thrown away), and the root itself, which the counter trusts. Real
    counters get their certificate from the organisation's CA instead; every demo certificate
    says "DEMO" in its organisational unit. ``not_before`` (default now) is for tests.
    """
    start = (not_before or datetime.now(UTC)).replace(microsecond=0)
    end = start + timedelta(days=valid_days)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{organisation} - {DEMO_MARK} root"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_MARK),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start - timedelta(minutes=5))
        .not_valid_after(end + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
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
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_MARK),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
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
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    passphrase = secrets.token_urlsafe(24)
    data = pkcs12.serialize_key_and_certificates(
        common_name.encode("utf-8"),
        key,
        certificate,
        [root],
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    return data, passphrase
