"""Signed receipt QR codes: a genuine one verifies offline, any altered character does not."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest
import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st
from qrcode.constants import ERROR_CORRECT_M

from app.domain.errors import DomainError
from app.domain.receipt_qr import (
    InvalidReceiptQr,
    QrProblem,
    ReceiptClaims,
    VerdictStatus,
    key_id_of,
    raw_public_key,
    read_receipt_qr,
    short_bundle_hash,
    sign_receipt,
    signed_message,
    verify_receipt_qr,
)

LOOKUP = "https://tra-cuu.example.org/ho-so"
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
KEYS = {key_id_of(KEY): raw_public_key(KEY), key_id_of(OTHER_KEY): raw_public_key(OTHER_KEY)}
SIGNERS = {key_id_of(KEY): "Q01 · TT"}
CLAIMS = ReceiptClaims(
    dossier_code="000.00.53.H48-220921-0099",
    procedure_code="1.001193",
    id_number="001199012345",
    pages=12,
    bundle_hash=short_bundle_hash(hashlib.sha256(b"page one\npage two").hexdigest()),
)
SIGNED = sign_receipt(CLAIMS, LOOKUP, KEY)


def _status(text: str) -> VerdictStatus:
    return verify_receipt_qr(text, KEYS, SIGNERS).status


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in {text!r}"
    return text.replace(old, new)


def test_a_signed_receipt_verifies_offline_with_its_claims() -> None:
    verdict = verify_receipt_qr(SIGNED, KEYS, SIGNERS)
    assert verdict.status is VerdictStatus.GENUINE and verdict.genuine
    assert verdict.claims == CLAIMS
    assert verdict.signer == "Q01 · TT"
    assert verdict.message_vi == (
        "Biên nhận hợp lệ: mã hồ sơ 000.00.53.H48-220921-0099, 12 trang, ký bởi quầy Q01 · TT"
    )
    assert "Genuine receipt" in verdict.message


def test_the_qr_is_a_lookup_url_carrying_code_procedure_id_pages_and_hash() -> None:
    # A phone camera opens the look-up page with the code, procedure and ID (Circular 01/2023).
    parts = urlsplit(SIGNED)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == LOOKUP
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["c"] == ["000.00.53.H48-220921-0099"]
    assert query["p"] == ["1.001193"]
    assert query["i"] == ["001199012345"]
    assert query["n"] == ["12"]
    assert query["h"] == [CLAIMS.bundle_hash]
    assert query["k"] == [key_id_of(KEY)]
    assert len(query["s"][0]) == 86


def test_changing_one_claim_digit_is_reported_as_altered() -> None:
    # Acceptance: one character changed in a signed receipt QR -> rejected.
    assert _status(SIGNED) is VerdictStatus.GENUINE
    fewer_pages = _replace(SIGNED, "&n=12&", "&n=13&")
    verdict = verify_receipt_qr(fewer_pages, KEYS, SIGNERS)
    assert verdict.status is VerdictStatus.ALTERED and not verdict.genuine
    assert verdict.message_vi == "Biên nhận đã bị sửa đổi hoặc giả mạo: chữ ký không khớp"
    assert _status(_replace(SIGNED, "i=001199012345", "i=001199012346")) is VerdictStatus.ALTERED
    assert _status(_replace(SIGNED, "-0099&", "-0098&")) is VerdictStatus.ALTERED


def test_changing_the_lookup_address_or_the_signature_is_reported_as_altered() -> None:
    phishing = _replace(SIGNED, "tra-cuu.example.org", "tra-cuu.examp1e.org")
    assert _status(phishing) is VerdictStatus.ALTERED
    signature = SIGNED.rsplit("&s=", 1)[1]
    flipped = "B" if signature[10] == "A" else "A"
    forged = SIGNED[: -len(signature)] + signature[:10] + flipped + signature[11:]
    assert _status(forged) is VerdictStatus.ALTERED


def test_a_signature_moved_to_another_known_key_id_is_altered() -> None:
    relabelled = _replace(SIGNED, f"&k={key_id_of(KEY)}", f"&k={key_id_of(OTHER_KEY)}")
    assert _status(relabelled) is VerdictStatus.ALTERED


@settings(max_examples=300, deadline=None)
@given(
    position=st.integers(min_value=0, max_value=len(SIGNED) - 1),
    replacement=st.characters(codec="utf-8", exclude_categories=("Cs",)),
)
def test_any_single_character_change_is_never_genuine(position: int, replacement: str) -> None:
    if replacement == SIGNED[position]:
        replacement = "Z" if SIGNED[position] != "Z" else "Y"
    altered = SIGNED[:position] + replacement + SIGNED[position + 1 :]
    assert _status(altered) is not VerdictStatus.GENUINE


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("&n=12&", "&n=012&"),  # same number, other spelling
        ("&p=1.001193&", "&p=%31.001193&"),  # "%31" decodes to "1"
        ("&c=000.", "&c=%30%30%30."),
    ],
)
def test_a_respelled_field_with_the_same_meaning_is_not_genuine(old: str, new: str) -> None:
    assert _status(_replace(SIGNED, old, new)) is not VerdictStatus.GENUINE


def test_the_unused_bits_of_the_last_signature_character_count_too() -> None:
    # 64 bytes in base64 leave 4 spare bits in the last character: "A" and "B" can decode
    # to the same bytes. Accepting both would let a character change pass unnoticed.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(SIGNED[-1])
    same_bytes = alphabet[(last & ~0b1111) | ((last + 1) & 0b1111)]
    assert _status(SIGNED[:-1] + same_bytes) is VerdictStatus.ALTERED


def test_an_unknown_key_is_not_called_genuine_nor_forged() -> None:
    stranger = Ed25519PrivateKey.generate()
    text = sign_receipt(CLAIMS, LOOKUP, stranger)
    verdict = verify_receipt_qr(text, KEYS, SIGNERS)
    assert verdict.status is VerdictStatus.UNKNOWN_KEY
    assert verdict.claims == CLAIMS
    assert key_id_of(stranger) in verdict.message_vi
    assert "đồng bộ" in verdict.message_vi


def test_a_public_key_filed_under_the_wrong_id_is_not_trusted() -> None:
    stranger = Ed25519PrivateKey.generate()
    text = sign_receipt(CLAIMS, LOOKUP, stranger)
    keys = {key_id_of(KEY): raw_public_key(stranger)}
    text = _replace(text, f"&k={key_id_of(stranger)}", f"&k={key_id_of(KEY)}")
    assert verify_receipt_qr(text, keys).status is VerdictStatus.UNKNOWN_KEY


def test_an_unsigned_receipt_reads_as_unsigned_never_genuine() -> None:
    text = sign_receipt(CLAIMS, LOOKUP, None)
    assert "&k=" not in text and "&s=" not in text
    verdict = verify_receipt_qr(text, KEYS)
    assert verdict.status is VerdictStatus.UNSIGNED
    assert verdict.claims == CLAIMS
    assert "không có chữ ký" in verdict.message_vi


def test_the_signature_covers_the_documented_canonical_message() -> None:
    qr = read_receipt_qr(SIGNED)
    message = signed_message(CLAIMS, LOOKUP, key_id_of(KEY))
    assert message.split(b"\n")[1:] == [
        b"1",
        b"000.00.53.H48-220921-0099",
        b"1.001193",
        b"001199012345",
        b"12",
        CLAIMS.bundle_hash.encode(),
        LOOKUP.encode(),
        key_id_of(KEY).encode(),
    ]
    assert qr.signed and qr.key_id == key_id_of(KEY) and qr.lookup_url == LOOKUP


def test_a_lookup_url_with_its_own_query_keeps_it() -> None:
    url = "https://tra-cuu.example.org/ho-so?lang=vi"
    text = sign_receipt(CLAIMS, url, KEY)
    assert text.startswith(url + "&v=1&c=")
    assert verify_receipt_qr(text, KEYS).status is VerdictStatus.GENUINE
    assert read_receipt_qr(text).lookup_url == url


def test_values_outside_plain_ascii_are_percent_encoded_and_round_trip() -> None:
    claims = ReceiptClaims("TT-260302-0001", "đ/1&2", "C1234567", 0, "ffffffffffffffff")
    text = sign_receipt(claims, LOOKUP, KEY)
    assert text.isascii() and "&p=%C4%91%2F1%262&" in text
    verdict = verify_receipt_qr(text, KEYS)
    assert verdict.status is VerdictStatus.GENUINE
    assert verdict.claims == claims


def test_a_realistic_receipt_fits_a_version_12_qr_at_level_m() -> None:
    claims = ReceiptClaims(
        dossier_code="000.00.01.H24-261231-9999",
        procedure_code="1.012345.000.00.00.H24",
        id_number="0101234567-001",
        pages=1234,
        bundle_hash="0123456789abcdef",
    )
    text = sign_receipt(claims, "https://dichvucong.hanoi.gov.vn/tra-cuu-ho-so", KEY)
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
    code.add_data(text.encode("ascii"))
    code.make(fit=True)
    assert code.version <= 12


def test_a_lookup_url_too_long_for_the_qr_is_refused_when_signing() -> None:
    with pytest.raises(ValueError, match="version 12"):
        sign_receipt(CLAIMS, "https://example.org/" + "a" * 200, KEY)


@pytest.mark.parametrize(
    "url", ["", "tra-cuu.example.org", "ftp://example.org", "https://a b", "https://x/#top"]
)
def test_a_lookup_url_a_phone_cannot_open_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="look-up URL"):
        sign_receipt(CLAIMS, url, KEY)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"dossier_code": ""},
        {"dossier_code": "TT 260302"},
        {"id_number": "0011\n99"},
        {"pages": -1},
        {"bundle_hash": "0123456789ABCDEF"},
        {"bundle_hash": "0123"},
    ],
)
def test_claims_that_cannot_be_printed_are_refused(kwargs: dict[str, object]) -> None:
    values: dict[str, object] = {
        "dossier_code": CLAIMS.dossier_code,
        "procedure_code": CLAIMS.procedure_code,
        "id_number": CLAIMS.id_number,
        "pages": CLAIMS.pages,
        "bundle_hash": CLAIMS.bundle_hash,
    }
    values.update(kwargs)
    with pytest.raises(ValueError):
        ReceiptClaims(**values)  # type: ignore[arg-type]


def test_short_bundle_hash_takes_the_first_16_hex_characters() -> None:
    digest = hashlib.sha256(b"").hexdigest()
    assert short_bundle_hash(digest.upper()) == digest[:16]
    with pytest.raises(ValueError):
        short_bundle_hash("abc")


# --- scanner quirks -------------------------------------------------------------------------


def test_the_scanners_enter_and_surrounding_spaces_are_ignored() -> None:
    assert _status(f"  {SIGNED}\r\n") is VerdictStatus.GENUINE


def test_a_text_typed_with_caps_lock_on_is_read_back() -> None:
    # A keyboard-wedge scanner with Caps Lock on inverts every letter's case.
    inverted = SIGNED.swapcase()
    assert inverted != SIGNED
    assert _status(inverted) is VerdictStatus.GENUINE


def test_a_text_forced_to_capitals_is_explained_not_called_forged() -> None:
    verdict = verify_receipt_qr(SIGNED.upper(), KEYS)
    assert verdict.status is VerdictStatus.NOT_A_RECEIPT
    assert "Caps Lock" in verdict.message_vi
    with pytest.raises(InvalidReceiptQr) as caught:
        read_receipt_qr(SIGNED.upper())
    assert caught.value.problem is QrProblem.CASE_LOST


def test_a_vietnamese_typing_tool_rewriting_the_keystrokes_is_named() -> None:
    # Telex turns "dd" into "đ" and "aa" into "â" as the scanner types.
    mangled = SIGNED.replace("tra-cuu", "trâ-cuu").replace("&c=", "&c=đ")
    with pytest.raises(InvalidReceiptQr) as caught:
        read_receipt_qr(mangled)
    assert caught.value.problem is QrProblem.TYPING_TOOL
    assert "bộ gõ tiếng Việt" in caught.value.message_vi
    assert isinstance(caught.value, DomainError)


@pytest.mark.parametrize(
    ("text", "problem", "words_vi"),
    [
        ("", QrProblem.EMPTY, "không có nội dung"),
        (" \r\n", QrProblem.EMPTY, "không có nội dung"),
        (
            "001199012345||Đặng Thị Đào|02031999|Nữ|Phường Ba Đình, Hà Nội|15062022",
            QrProblem.ID_CARD,
            "thẻ căn cước",
        ),
        ("https://www.youtube.com/watch?v=1&t=2", QrProblem.FOREIGN, "không phải mã QR"),
        ("hello world", QrProblem.FOREIGN, "không phải mã QR"),
        (
            "https://tra-cuu.example.org/ho-so?v=2&c=X&z=1",
            QrProblem.NEWER_FORMAT,
            "cập nhật Một Cửa Desk",
        ),
        (
            "https://tra-cuu.example.org/ho-so?v=1&c=X&p=&i=&n=many&h=0123456789abcdef",
            QrProblem.BAD_FIELD,
            "số trang «many»",
        ),
    ],
)
def test_what_is_not_a_receipt_gets_a_precise_vietnamese_reason(
    text: str, problem: QrProblem, words_vi: str
) -> None:
    with pytest.raises(InvalidReceiptQr) as caught:
        read_receipt_qr(text)
    assert caught.value.problem is problem
    assert words_vi in caught.value.message_vi
    assert caught.value.message_vi.startswith("Không kiểm tra được mã QR: ")
    verdict = verify_receipt_qr(text, KEYS)
    assert verdict.status is VerdictStatus.NOT_A_RECEIPT
    assert verdict.claims is None
    assert verdict.message_vi == caught.value.message_vi


def test_a_damaged_field_in_a_signed_receipt_is_altered_not_foreign() -> None:
    verdict = verify_receipt_qr(_replace(SIGNED, "&n=12&", "&n=1x&"), KEYS)
    assert verdict.status is VerdictStatus.ALTERED
    assert "số trang" in verdict.message_vi
