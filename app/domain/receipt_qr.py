"""The signed QR code of a printed receipt, and checking one with no network.

A receipt's QR is a plain look-up URL, so a citizen's phone camera opens the public look-up
page (Circular 01/2023/TT-VPCP asks for the dossier code, the procedure code, the applicant's ID
number and the look-up address), and it also lets any counter tell a genuine receipt from an
altered or forged one offline::

    <lookup_url>?v=1&c=<dossier code>&p=<procedure code>&i=<ID number>&n=<pages>
        &h=<first 16 hex of the bundle SHA-256>&k=<key id>&s=<Ed25519 signature, base64url>

(``&`` instead of ``?`` when the look-up URL already has a query). Parameters come in exactly
this order, values are percent-encoded UTF-8, ``k``/``s`` are absent on an unsigned QR. The key
id is the first 8 hex characters of the SHA-256 of the raw 32-byte public key.

The signature covers :func:`signed_message`: a fixed label, then the version, every claim, the
look-up URL and the key id, one per line (no field may hold a line break, so the join is
unambiguous). A verifier that only has the decoded parameters (the look-up web page) can
rebuild it. When reading the text itself, we also require it to be exactly the canonical text
the counter printed, so *every* character counts: "n=03" for "n=3", "%41" for "A" or a changed
padding bit in the signature are all reported as altered, never as genuine.

Scanner quirks we accept or explain (a USB scanner types the text as keystrokes):
- whitespace around the text (the trailing Enter, a CR/LF pair) is ignored;
- Caps Lock on the counter's keyboard inverts the case of every letter: a text whose
  letter case is exactly inverted is recognised and read back (``swapcase``), so the
  signature still checks;
- a scanner set to "force upper case" loses the letter case of the signature for good: we
  say so (and how to fix it) rather than calling a genuine receipt forged;
- a Vietnamese typing tool (Unikey/EVKey in Telex mode) rewrites keystrokes into accented
  letters: our QR is plain ASCII, so accented letters mean the tool is on, and we say so;
- a chip ID card's QR scanned by mistake is named as such.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import quote, unquote

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.domain.errors import DomainError

FORMAT_VERSION = 1
SIGNATURE_LABEL = b"motcua-desk receipt qr"
"""Domain separation: this key's signatures on other data can never pass as receipts."""

KEY_ID_LENGTH = 8
SHORT_HASH_LENGTH = 16
SIGNATURE_LENGTH = 64
MAX_QR_BYTES = 287
"""Byte-mode capacity of a version 12 QR code at error-correction level M: larger codes print
too dense for a cheap phone camera at the size of the slip's top-left corner."""

MAX_CODE_LENGTH = 40
MAX_ID_LENGTH = 20
MAX_PAGES = 99_999

_HEX16 = re.compile(r"[0-9a-f]{16}")
_HEX8 = re.compile(r"[0-9a-f]{8}")
_PARAMS = re.compile(
    r"(?P<url>.*)[?&]v=(?P<v>[^&]*)&c=(?P<c>[^&]*)&p=(?P<p>[^&]*)&i=(?P<i>[^&]*)"
    r"&n=(?P<n>[^&]*)&h=(?P<h>[^&]*)(?:&k=(?P<k>[^&]*)&s=(?P<s>[^&]*))?",
    re.DOTALL,
)
_VERSION_ONLY = re.compile(r"[?&]v=(?P<v>[^&]*)&c=")
_URL = re.compile(r"https?://[!-~]+")


class VerdictStatus(StrEnum):
    GENUINE = "genuine"
    ALTERED = "altered"
    UNKNOWN_KEY = "unknown_key"
    UNSIGNED = "unsigned"
    NOT_A_RECEIPT = "not_a_receipt"


class QrProblem(StrEnum):
    """Why a text is not a receipt QR we can check; lets the UI and the CLI tell them apart."""

    EMPTY = "empty"
    ID_CARD = "id_card"
    TYPING_TOOL = "typing_tool"
    CASE_LOST = "case_lost"
    NEWER_FORMAT = "newer_format"
    FOREIGN = "foreign"
    BAD_FIELD = "bad_field"


class InvalidReceiptQr(DomainError):
    """The text is not one of our receipt QR codes (or a scanner damaged it beyond repair)."""

    def __init__(self, problem: QrProblem, reason: str, reason_vi: str) -> None:
        super().__init__(
            f"Cannot check this QR code: {reason}",
            f"Không kiểm tra được mã QR: {reason_vi}",
        )
        self.problem = problem
        self.reason = reason
        self.reason_vi = reason_vi


def _check_text_field(name: str, value: str, limit: int, required: bool) -> None:
    if required and not value:
        raise ValueError(f"{name} is empty")
    if len(value) > limit:
        raise ValueError(f"{name} is longer than {limit} characters: {value!r}")
    if any(ch.isspace() or not ch.isprintable() for ch in value):
        raise ValueError(f"{name} holds spaces or control characters: {value!r}")


@dataclass(frozen=True)
class ReceiptClaims:
    """What a receipt's QR asserts. ``bundle_hash`` is the first 16 hex characters of the
    digitised bundle's SHA-256 (see :func:`short_bundle_hash`)."""

    dossier_code: str
    procedure_code: str
    id_number: str
    pages: int
    bundle_hash: str

    def __post_init__(self) -> None:
        _check_text_field("dossier code", self.dossier_code, MAX_CODE_LENGTH, True)
        _check_text_field("procedure code", self.procedure_code, MAX_CODE_LENGTH, False)
        _check_text_field("ID number", self.id_number, MAX_ID_LENGTH, False)
        if isinstance(self.pages, bool) or not isinstance(self.pages, int):
            raise TypeError(f"pages must be an int, not {type(self.pages).__name__}")
        if not 0 <= self.pages <= MAX_PAGES:
            raise ValueError(f"page count {self.pages} is outside 0..{MAX_PAGES}")
        if not _HEX16.fullmatch(self.bundle_hash):
            raise ValueError(
                f"bundle hash must be 16 lower-case hex characters, not {self.bundle_hash!r}"
            )


@dataclass(frozen=True)
class ReceiptQr:
    """A receipt QR text taken apart (nothing checked about its signature yet)."""

    version: int
    claims: ReceiptClaims
    lookup_url: str
    key_id: str | None
    signature: str | None
    """The signature as printed (base64url text), so a malformed one can still be reported."""
    text: str
    """The canonical text, as the counter printed it."""

    @property
    def signed(self) -> bool:
        return self.key_id is not None


@dataclass(frozen=True)
class KnownReceiptKeys:
    """The public keys a counter trusts (its own and those central publishes), with a label
    per key id ("Q01 · TT") naming the counter that signs with it."""

    public_keys: Mapping[str, bytes] = field(default_factory=dict)
    signers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReceiptVerdict:
    """The answer of :func:`verify_receipt_qr`: the status, what the QR claims (when it could
    be read; on an altered QR the claims are what it *says*, not what is true) and a message
    in each language."""

    status: VerdictStatus
    claims: ReceiptClaims | None
    message: str
    message_vi: str
    key_id: str | None = None
    signer: str | None = None
    lookup_url: str | None = None

    @property
    def genuine(self) -> bool:
        return self.status is VerdictStatus.GENUINE


def short_bundle_hash(full_sha256_hex: str) -> str:
    """The 16 hex characters of a bundle's SHA-256 that the QR carries (64 bits: enough to
    catch a swapped bundle, short enough to keep the code small)."""
    lowered = full_sha256_hex.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{64}", lowered):
        raise ValueError(f"not a SHA-256 hex digest: {full_sha256_hex!r}")
    return lowered[:SHORT_HASH_LENGTH]


def raw_public_key(key: Ed25519PublicKey | Ed25519PrivateKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id_of(public_key: bytes | Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """First 8 hex characters of the SHA-256 of the raw 32-byte public key."""
    raw = public_key if isinstance(public_key, bytes) else raw_public_key(public_key)
    return hashlib.sha256(raw).hexdigest()[:KEY_ID_LENGTH]


def signed_message(
    claims: ReceiptClaims, lookup_url: str, key_id: str, version: int = FORMAT_VERSION
) -> bytes:
    """The bytes the counter signs: label, version, every claim, look-up URL, key id."""
    lines = [
        str(version),
        claims.dossier_code,
        claims.procedure_code,
        claims.id_number,
        str(claims.pages),
        claims.bundle_hash,
        lookup_url,
        key_id,
    ]
    return SIGNATURE_LABEL + b"\n" + "\n".join(lines).encode("utf-8")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _q(value: str) -> str:
    return quote(value, safe="")


def _compose(
    claims: ReceiptClaims, lookup_url: str, key_id: str | None, signature: str | None
) -> str:
    separator = "&" if "?" in lookup_url else "?"
    text = (
        f"{lookup_url}{separator}v={FORMAT_VERSION}&c={_q(claims.dossier_code)}"
        f"&p={_q(claims.procedure_code)}&i={_q(claims.id_number)}&n={claims.pages}"
        f"&h={claims.bundle_hash}"
    )
    if key_id is not None:
        text += f"&k={key_id}&s={signature}"
    return text


def _check_lookup_url(lookup_url: str) -> None:
    if not _URL.fullmatch(lookup_url) or "#" in lookup_url:
        raise ValueError(
            f"look-up URL {lookup_url!r} must be an http(s) URL of printable ASCII without "
            "spaces or a '#' fragment (a phone camera must open it as it is)"
        )
    if lookup_url.endswith(("?", "&")):
        raise ValueError(f"look-up URL {lookup_url!r} must not end with '?' or '&'")


def sign_receipt(claims: ReceiptClaims, lookup_url: str, key: Ed25519PrivateKey | None) -> str:
    """The QR text of a receipt, signed with ``key`` (``None``: unsigned, for a counter with
    no keyring; it reads as "unsigned", never as genuine).

    Raises ``ValueError`` for a look-up URL a phone could not open, or one so long that the
    code would exceed QR version 12 at level M (a configuration mistake to fix once).
    """
    _check_lookup_url(lookup_url)
    if key is None:
        text = _compose(claims, lookup_url, None, None)
    else:
        key_id = key_id_of(key)
        signature = key.sign(signed_message(claims, lookup_url, key_id))
        text = _compose(claims, lookup_url, key_id, _b64url(signature))
    if len(text.encode("utf-8")) > MAX_QR_BYTES:
        raise ValueError(
            f"the receipt QR text is {len(text.encode('utf-8'))} bytes, more than the "
            f"{MAX_QR_BYTES} a version 12 QR code holds; shorten the look-up URL"
        )
    return text


# ---------------------------------------------------------------------------------------------
# Reading


def _problem(problem: QrProblem, reason: str, reason_vi: str) -> InvalidReceiptQr:
    return InvalidReceiptQr(problem, reason, reason_vi)


def _looks_like_card(text: str) -> bool:
    return text.count("|") >= 4 and re.match(r"[0-9]{12}\|", text) is not None


def _bad_field(name: str, name_vi: str, value: str) -> InvalidReceiptQr:
    return _problem(
        QrProblem.BAD_FIELD,
        f"the {name} {value!r} is not valid",
        f"{name_vi} «{value}» không hợp lệ",
    )


def _unquote(value: str, name: str, name_vi: str) -> str:
    try:
        return unquote(value, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise _bad_field(name, name_vi, value) from None


def _parse(text: str) -> ReceiptQr | None:
    """The receipt in ``text`` if it has our structure (``None`` if not); raises for a text
    with our structure but a field that cannot be valid, or a newer format."""
    match = _PARAMS.fullmatch(text)
    if match is None:
        newer = _VERSION_ONLY.search(text)
        if newer is not None and newer["v"] != str(FORMAT_VERSION) and _URL.match(text):
            raise _problem(
                QrProblem.NEWER_FORMAT,
                f"it uses receipt QR format v={newer['v']}, which this version of the app "
                "does not know; update Một Cửa Desk",
                f"mã dùng định dạng v={newer['v']} mà phiên bản phần mềm này chưa biết; hãy "
                "cập nhật Một Cửa Desk",
            )
        return None
    url = match["url"]
    if not _URL.fullmatch(url) or "#" in url:
        return None
    if match["v"] != str(FORMAT_VERSION):
        raise _problem(
            QrProblem.NEWER_FORMAT,
            f"it uses receipt QR format v={match['v']}, which this version of the app does "
            "not know; update Một Cửa Desk",
            f"mã dùng định dạng v={match['v']} mà phiên bản phần mềm này chưa biết; hãy cập "
            "nhật Một Cửa Desk",
        )
    code = _unquote(match["c"], "dossier code", "mã hồ sơ")
    procedure = _unquote(match["p"], "procedure code", "mã thủ tục")
    id_number = _unquote(match["i"], "ID number", "số định danh")
    pages_text = match["n"]
    if not pages_text.isascii() or not pages_text.isdigit() or len(pages_text) > 5:
        raise _bad_field("page count", "số trang", pages_text)
    try:
        claims = ReceiptClaims(code, procedure, id_number, int(pages_text), match["h"])
    except ValueError as error:
        if not _HEX16.fullmatch(match["h"]):
            raise _bad_field("bundle hash", "mã băm bộ hồ sơ", match["h"]) from error
        raise _problem(
            QrProblem.BAD_FIELD,
            f"a field is not valid ({error})",
            "một trường trong mã không hợp lệ (mã hồ sơ, mã thủ tục hoặc số định danh)",
        ) from error
    return ReceiptQr(
        version=FORMAT_VERSION,
        claims=claims,
        lookup_url=url,
        key_id=match["k"],
        signature=match["s"],
        text=text,
    )


def read_receipt_qr(text: str) -> ReceiptQr:
    """Take a receipt QR text apart, tolerating the scanner quirks listed in the module notes.

    Raises :class:`InvalidReceiptQr` (with ``problem`` and a Vietnamese message) for anything
    that is not one of our receipt QR codes. The signature is *not* checked here.
    """
    cleaned = text.strip()
    if not cleaned:
        raise _problem(QrProblem.EMPTY, "there is no text", "không có nội dung")
    if _looks_like_card(cleaned):
        raise _problem(
            QrProblem.ID_CARD,
            "this is the QR code of a chip ID card, not of a receipt",
            "đây là mã QR trên thẻ căn cước, không phải mã QR của giấy tiếp nhận",
        )
    parsed = _parse(cleaned)
    if parsed is not None:
        return parsed
    swapped = cleaned.swapcase()
    if swapped != cleaned and _PARAMS.fullmatch(swapped):
        if any(ch.islower() for ch in cleaned):
            parsed = _parse(swapped)
            if parsed is not None:
                return parsed
        else:
            raise _problem(
                QrProblem.CASE_LOST,
                "the scanner turned every letter into a capital, so the signature can no "
                "longer be checked; switch off Caps Lock or the scanner's upper-case mode and "
                "scan again",
                "máy quét đã đổi mọi chữ thành chữ in hoa nên không kiểm tra được chữ ký; hãy "
                "tắt Caps Lock hoặc chế độ chữ in hoa của máy quét rồi quét lại",
            )
    if not cleaned.isascii():
        raise _problem(
            QrProblem.TYPING_TOOL,
            "the text holds accented letters, which a receipt QR never does: a Vietnamese "
            "typing tool (Unikey, EVKey) rewrote the scanner's keystrokes; switch it to "
            "English (E) and scan again",
            "nội dung có chữ có dấu, điều không có trong mã QR giấy tiếp nhận: bộ gõ tiếng "
            "Việt (Unikey, EVKey) đã sửa phím của máy quét; hãy chuyển bộ gõ sang chế độ "
            "tiếng Anh (E) rồi quét lại",
        )
    raise _problem(
        QrProblem.FOREIGN,
        "it is not a receipt QR code printed by Một Cửa Desk",
        "đây không phải mã QR trên giấy tiếp nhận do Một Cửa Desk in ra",
    )


# ---------------------------------------------------------------------------------------------
# Verifying


def _decode_signature(text: str) -> bytes | None:
    """The 64 signature bytes, or ``None`` unless ``text`` is their one canonical spelling."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{86}", text):
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "==")
    except (binascii.Error, ValueError):
        return None
    if len(raw) != SIGNATURE_LENGTH or _b64url(raw) != text:
        return None
    return raw


def _claims_vi(claims: ReceiptClaims) -> str:
    return f"mã hồ sơ {claims.dossier_code}, {claims.pages} trang"


def _claims_en(claims: ReceiptClaims) -> str:
    pages = "page" if claims.pages == 1 else "pages"
    return f"dossier {claims.dossier_code}, {claims.pages} {pages}"


def _altered(qr: ReceiptQr, why: str, why_vi: str, signer: str | None = None) -> ReceiptVerdict:
    return ReceiptVerdict(
        status=VerdictStatus.ALTERED,
        claims=qr.claims,
        message=f"The receipt was altered or forged: {why}",
        message_vi=f"Biên nhận đã bị sửa đổi hoặc giả mạo: {why_vi}",
        key_id=qr.key_id,
        signer=signer,
        lookup_url=qr.lookup_url,
    )


def verify_receipt_qr(
    text: str,
    public_keys: Mapping[str, bytes],
    signers: Mapping[str, str] | None = None,
) -> ReceiptVerdict:
    """Whether ``text`` is a genuine, unaltered receipt QR signed by one of ``public_keys``
    (key id -> raw public key). ``signers`` names the counter behind a key id for the
    message. Needs no network, never raises for bad input."""
    try:
        qr = read_receipt_qr(text)
    except InvalidReceiptQr as error:
        if error.problem is QrProblem.BAD_FIELD and "&k=" in text and "&s=" in text:
            return ReceiptVerdict(
                status=VerdictStatus.ALTERED,
                claims=None,
                message=f"The receipt was altered or forged: {error.reason}",
                message_vi=f"Biên nhận đã bị sửa đổi hoặc giả mạo: {error.reason_vi}",
            )
        return ReceiptVerdict(
            status=VerdictStatus.NOT_A_RECEIPT,
            claims=None,
            message=error.message,
            message_vi=error.message_vi,
        )
    claims = qr.claims
    if not qr.signed or qr.key_id is None or qr.signature is None:
        return ReceiptVerdict(
            status=VerdictStatus.UNSIGNED,
            claims=claims,
            message=(
                f"Unsigned receipt ({_claims_en(claims)}): the counter had no signing key "
                "when it printed it, so it cannot be proved genuine; look the dossier up"
            ),
            message_vi=(
                f"Biên nhận không có chữ ký ({_claims_vi(claims)}): quầy in biên nhận khi "
                "chưa có khoá ký nên không xác minh được; hãy tra cứu hồ sơ"
            ),
            lookup_url=qr.lookup_url,
        )
    key_id = qr.key_id
    signer = (signers or {}).get(key_id)
    signature = _decode_signature(qr.signature)
    if not _HEX8.fullmatch(key_id) or signature is None:
        return _altered(qr, "the signature is damaged", "chữ ký bị hỏng", signer)
    public = public_keys.get(key_id)
    if public is None or key_id_of(public) != key_id:
        return ReceiptVerdict(
            status=VerdictStatus.UNKNOWN_KEY,
            claims=claims,
            message=(
                f"Cannot verify the receipt ({_claims_en(claims)}): its signing key {key_id} "
                "is not known on this computer; sync with the central system to receive the "
                "other counters' keys, or look the dossier up"
            ),
            message_vi=(
                f"Chưa xác minh được biên nhận ({_claims_vi(claims)}): khoá ký {key_id} chưa "
                "có trên máy này; hãy đồng bộ với hệ thống trung tâm để nhận khoá của các quầy "
                "khác, hoặc tra cứu hồ sơ"
            ),
            key_id=key_id,
            lookup_url=qr.lookup_url,
        )
    message = signed_message(claims, qr.lookup_url, key_id, qr.version)
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return _altered(qr, "the signature does not match", "chữ ký không khớp", signer)
    if _compose(claims, qr.lookup_url, key_id, qr.signature) != qr.text:
        return _altered(
            qr,
            "the text is not the one the counter printed",
            "nội dung khác với mã quầy đã in",
            signer,
        )
    by_vi = f"quầy {signer}" if signer else f"khoá {key_id}"
    by_en = f"counter {signer}" if signer else f"key {key_id}"
    return ReceiptVerdict(
        status=VerdictStatus.GENUINE,
        claims=claims,
        message=f"Genuine receipt: {_claims_en(claims)}, signed by {by_en}",
        message_vi=f"Biên nhận hợp lệ: {_claims_vi(claims)}, ký bởi {by_vi}",
        key_id=key_id,
        signer=signer,
        lookup_url=qr.lookup_url,
    )


def looks_like_receipt_qr(text: str) -> bool:
    """Whether a scan is one of our receipts (signed or not, genuine or not) rather than, say,
    a chip ID card: decides where a scanner burst goes."""
    try:
        read_receipt_qr(text)
    except InvalidReceiptQr as error:
        # An altered receipt is still a receipt: the verify dialog must say it is altered.
        return error.problem not in {QrProblem.EMPTY, QrProblem.ID_CARD, QrProblem.FOREIGN}
    return True
