"""Chip ID card QR text and ID numbers: tolerant layout, strict values, no garbage stored."""

from __future__ import annotations

import csv
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.domain.errors import CardQrError, DomainError, InvalidIdNumber
from app.domain.idcard import (
    PROVINCE_CODES,
    VIETNAMESE_LETTERS,
    looks_like_mojibake,
    parse_card_qr,
    repair_mojibake,
    validate_id_number,
)

TODAY = date(2026, 1, 15)
GOOD = "001199012345||Đặng Thị Đào|02031999|Nữ|Phường Ba Đình, Hà Nội|15062022"


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _reject(text: str) -> CardQrError:
    with pytest.raises(CardQrError) as caught:
        parse_card_qr(text, today=TODAY)
    assert isinstance(caught.value, DomainError) and caught.value.message_vi
    return caught.value


def test_province_codes_are_the_63_pre_2025_codes(reference_dir: Path) -> None:
    rows = _tsv_csv(reference_dir / "vn_admin_units" / "provinces_pre2025.csv")
    assert {f"{int(r['code']):03d}": r["name"] for r in rows} == dict(PROVINCE_CODES)
    assert len(PROVINCE_CODES) == 63


def _tsv_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_reference_samples(reference_dir: Path) -> None:
    eleven, six = (r["raw_qr"] for r in _tsv(reference_dir / "cccd_qr" / "qr_samples.tsv"))
    # Both published samples are laid out correctly but their numbers contradict the card:
    # 012345678912 says female born 2045, 001234567890 says male born 2034; both cards say
    # Nam, born 1990. A counter must refuse them, with the reason.
    assert "sex" in _reject(eleven).reason
    assert "birth year" in _reject(six).reason
    # With consistent numbers the same layouts are accepted.
    card = parse_card_qr(eleven.replace("012345678912", "012090345678"), today=TODAY)
    assert card.old_id_number == "123456789" and card.extra_fields == ()
    assert card.address == "123 Đường Số 1, Phường 2, Quận 3, TP Hồ Chí Minh"
    card = parse_card_qr(six.replace("001234567890", "001090567890"), today=TODAY)
    assert card.full_name == "NGUYEN VAN A" and card.old_id_number is None
    assert card.issue_date == date(2020, 1, 1)


def test_number_vectors(reference_dir: Path) -> None:
    rows = {
        r["cccd_number"]: r for r in _tsv(reference_dir / "cccd_qr" / "cccd_number_vectors.tsv")
    }
    info = validate_id_number("079203012345")
    assert (
        "province_code=079;gender=Nam;century=21;birth_year=2003"
        in rows["079203012345"]["expected"]
    )
    assert (info.province_code, info.sex, info.century, info.birth_year) == (
        "079",
        "male",
        21,
        2003,
    )
    assert info.province_name == "Thành phố Hồ Chí Minh"
    # Unknown province: the source only warns; we refuse (validate strictly).
    with pytest.raises(InvalidIdNumber, match="999"):
        validate_id_number("999203012345")


def test_a_good_card() -> None:
    card = parse_card_qr(GOOD + "\r\n", today=TODAY)
    assert card.id_number == "001199012345"
    assert card.full_name == "Đặng Thị Đào"
    assert (card.date_of_birth, card.sex, card.issue_date) == (
        date(1999, 3, 2),
        "female",
        date(2022, 6, 15),
    )


def test_eleven_fields_with_trailing_empties_and_messy_spacing() -> None:
    text = "  001090012345|123456789| Nguyễn   Văn A |01011990|NAM|Hà Nội|01012022||||\n"
    card = parse_card_qr(text, today=TODAY)
    assert card.full_name == "Nguyễn Văn A" and card.sex == "male"
    assert card.extra_fields == ()


def test_extra_fields_are_kept() -> None:
    card = parse_card_qr(GOOD + "|ABC|123||", today=TODAY)
    assert card.extra_fields == ("ABC", "123")


def test_nfd_input_is_stored_nfc() -> None:
    card = parse_card_qr(unicodedata.normalize("NFD", GOOD), today=TODAY)
    assert card.full_name == unicodedata.normalize("NFC", "Đặng Thị Đào")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("001199012345||Đặng Thị Đào|02031999|Nữ", "found 5"),
        ("", "found 0"),
        ("00119901234X||Đặng Thị Đào|02031999|Nữ|Hà Nội|15062022", "12 digits"),
        ("0011990123456||Đặng Thị Đào|02031999|Nữ|Hà Nội|15062022", "13 characters"),
        ("001199012345|12345|Đặng Thị Đào|02031999|Nữ|Hà Nội|15062022", "old ID"),
        ("001199012345||Đặng Thị Đào|30021999|Nữ|Hà Nội|15062022", "not a real date"),
        ("001199012345||Đặng Thị Đào|2/3/1999|Nữ|Hà Nội|15062022", "ddmmyyyy"),
        ("001326012345||Đặng Thị Đào|02032026|Nữ|Hà Nội|15062022", "future"),
        ("001199012345||Đặng Thị Đào|02031999|Nữ|Hà Nội|15062027", "future"),
        ("001199012345||Đặng Thị Đào|02031999|Nữ|Hà Nội|15061998", "before the date of birth"),
        ("001199012345||Đặng Thị Đào|02031999|F|Hà Nội|15062022", "sex 'F'"),
        ("001099012345||Đặng Thị Đào|02031999|Nữ|Hà Nội|15062022", "sex"),
        ("001198012345||Đặng Thị Đào|02031999|Nữ|Hà Nội|15062022", "birth year 1998"),
        ("001199012345||Đặng Thị 3|02031999|Nữ|Hà Nội|15062022", "full name"),
        ("001199012345||Đặng Thị Đào|02031999|Nữ| |15062022", "address"),
        ("001199012345|Đặng Thị Đào|02031999|Nữ|Hà Nội|15062022|x", "old ID"),
    ],
)
def test_malformed_cards_are_rejected_precisely(text: str, reason: str) -> None:
    assert reason in _reject(text).reason


def test_validate_id_number_checks_sex_and_year() -> None:
    with pytest.raises(InvalidIdNumber, match="digit 4"):
        validate_id_number("001199012345", sex="male")
    with pytest.raises(InvalidIdNumber, match="birth year 1999"):
        validate_id_number("001199012345", date_of_birth=date(2000, 1, 1))
    assert validate_id_number("001899012345").birth_year == 1899
    assert validate_id_number("001599012345").sex == "female"


def test_the_documented_zbar_example_is_repaired() -> None:
    # zbar decoded the UTF-8 bytes as Big5: encoding back to Big5 recovers them exactly.
    assert "Huỳnh Hiếu Thuận".encode().decode("big5") == "Hu廙軟h Hi廕簑 Thu廕要"
    assert looks_like_mojibake("Hu廙軟h Hi廕簑 Thu廕要")
    assert repair_mojibake("Hu廙軟h Hi廕簑 Thu廕要") == "Huỳnh Hiếu Thuận"
    card = parse_card_qr(
        "001090012345||Hu廙軟h Hi廕簑 Thu廕要|01011990|Nam|Hà Nội|01012022", today=TODAY
    )
    assert card.full_name == "Huỳnh Hiếu Thuận"


def test_whole_payload_mojibake_is_repaired() -> None:
    original = "001199012345||Đặng Thị Đào|02031999|Nữ|Phường Ba Đình, Hà Nội|15062022"
    garbled = original.encode().decode("latin-1")
    assert parse_card_qr(garbled, today=TODAY) == parse_card_qr(original, today=TODAY)


def test_lossy_mojibake_is_rejected_never_stored() -> None:
    garbled = GOOD.encode().decode("shift_jis", errors="replace")
    assert looks_like_mojibake(garbled)
    assert "garbled" in _reject(garbled).reason


def test_clean_vietnamese_is_not_mojibake() -> None:
    assert not looks_like_mojibake("Nguyễn Thị Ánh Tuyết, phường Hàng Đào – Hà Nội")
    assert repair_mojibake("Nguyễn Văn A") is None


vietnamese_text = st.text(
    alphabet=st.sampled_from(sorted(VIETNAMESE_LETTERS) + list("abcdghklmnpqrstvx ")),
    min_size=1,
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(vietnamese_text, st.sampled_from(["big5", "shift_jis", "cp932", "latin-1"]))
def test_mojibake_round_trips_or_is_refused(text: str, codec: str) -> None:
    try:
        garbled = text.encode().decode(codec)
    except UnicodeDecodeError:
        garbled = text.encode().decode(codec, errors="replace")
    assume(garbled != text)
    assert looks_like_mojibake(garbled)
    repaired = repair_mojibake(garbled)
    assert repaired is None or repaired == text
    if "\ufffd" not in garbled:
        assert repaired == text
