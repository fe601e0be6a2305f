"""Chip ID card (CCCD / thẻ căn cước) QR text and 12-digit personal ID numbers.

No official specification of the QR text is public, so the parser is tolerant about layout
(trailing empty fields, a missing old-ID field, line endings) and strict about values: a
number, date or name it cannot trust is refused with a precise reason, never stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from app.domain.errors import CardQrError, InvalidIdNumber
from app.domain.text import fold, nfc

Sex = Literal["male", "female"]

#: Province codes of birth registration, the first 3 digits of the personal ID number. They
#: are the national statistics office's codes of the 63 provinces before the 2025 merger
#: (copied here from the official list of administrative units, so the app needs no data
#: file at run time); merged provinces kept one of these codes, and the number of a living
#: person never changes, so the old list stays the valid one.
PROVINCE_CODES: Mapping[str, str] = {
    "001": "Thành phố Hà Nội", "002": "Tỉnh Hà Giang", "004": "Tỉnh Cao Bằng",
    "006": "Tỉnh Bắc Kạn", "008": "Tỉnh Tuyên Quang", "010": "Tỉnh Lào Cai",
    "011": "Tỉnh Điện Biên", "012": "Tỉnh Lai Châu", "014": "Tỉnh Sơn La",
    "015": "Tỉnh Yên Bái", "017": "Tỉnh Hoà Bình", "019": "Tỉnh Thái Nguyên",
    "020": "Tỉnh Lạng Sơn", "022": "Tỉnh Quảng Ninh", "024": "Tỉnh Bắc Giang",
    "025": "Tỉnh Phú Thọ", "026": "Tỉnh Vĩnh Phúc", "027": "Tỉnh Bắc Ninh",
    "030": "Tỉnh Hải Dương", "031": "Thành phố Hải Phòng", "033": "Tỉnh Hưng Yên",
    "034": "Tỉnh Thái Bình", "035": "Tỉnh Hà Nam", "036": "Tỉnh Nam Định",
    "037": "Tỉnh Ninh Bình", "038": "Tỉnh Thanh Hóa", "040": "Tỉnh Nghệ An",
    "042": "Tỉnh Hà Tĩnh", "044": "Tỉnh Quảng Bình", "045": "Tỉnh Quảng Trị",
    "046": "Thành phố Huế", "048": "Thành phố Đà Nẵng", "049": "Tỉnh Quảng Nam",
    "051": "Tỉnh Quảng Ngãi", "052": "Tỉnh Bình Định", "054": "Tỉnh Phú Yên",
    "056": "Tỉnh Khánh Hòa", "058": "Tỉnh Ninh Thuận", "060": "Tỉnh Bình Thuận",
    "062": "Tỉnh Kon Tum", "064": "Tỉnh Gia Lai", "066": "Tỉnh Đắk Lắk",
    "067": "Tỉnh Đắk Nông", "068": "Tỉnh Lâm Đồng", "070": "Tỉnh Bình Phước",
    "072": "Tỉnh Tây Ninh", "074": "Tỉnh Bình Dương", "075": "Tỉnh Đồng Nai",
    "077": "Tỉnh Bà Rịa - Vũng Tàu", "079": "Thành phố Hồ Chí Minh", "080": "Tỉnh Long An",
    "082": "Tỉnh Tiền Giang", "083": "Tỉnh Bến Tre", "084": "Tỉnh Trà Vinh",
    "086": "Tỉnh Vĩnh Long", "087": "Tỉnh Đồng Tháp", "089": "Tỉnh An Giang",
    "091": "Tỉnh Kiên Giang", "092": "Thành phố Cần Thơ", "093": "Tỉnh Hậu Giang",
    "094": "Tỉnh Sóc Trăng", "095": "Tỉnh Bạc Liêu", "096": "Tỉnh Cà Mau",
}  # fmt: skip

#: Fourth digit -> (sex, first year of the century). Even digits male, odd female.
_CENTURY_DIGIT: Mapping[str, tuple[Sex, int]] = {
    "0": ("male", 1900), "1": ("female", 1900), "2": ("male", 2000), "3": ("female", 2000),
    "4": ("male", 2100), "5": ("female", 2100), "6": ("male", 2200), "7": ("female", 2200),
    "8": ("male", 1800), "9": ("female", 1800),
}  # fmt: skip

_SEX_VI: Mapping[Sex, str] = {"male": "Nam", "female": "Nữ"}
_SEX_BY_FOLDED: Mapping[str, Sex] = {"nam": "male", "nu": "female"}

_DIGITS12 = re.compile(r"[0-9]{12}")
_DIGITS9 = re.compile(r"[0-9]{9}")
_DIGITS8 = re.compile(r"[0-9]{8}")
_SPACES = re.compile(r"\s+")


def _vietnamese_letters() -> frozenset[str]:
    """Every precomposed letter Vietnamese writes (vowels x 5 tone marks, đ), both cases."""
    tones = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    letters = {"đ", "Đ"}
    for vowel in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"):
        for tone in tones:
            composed = unicodedata.normalize("NFC", vowel + tone)
            letters.update({composed, composed.upper()})
    return frozenset(letters)


VIETNAMESE_LETTERS = _vietnamese_letters()
_ASCII_PRINTABLE = frozenset(chr(c) for c in range(0x20, 0x7F))


def _is_suspicious(ch: str) -> bool:
    """A character that does not occur in Vietnamese text but does in mis-decoded UTF-8."""
    if ch in VIETNAMESE_LETTERS or ch in _ASCII_PRINTABLE:
        return False
    code = ord(ch)
    if 0x80 <= code <= 0x24F or code == 0xFFFD or 0x2500 <= code <= 0x259F:
        return True  # Latin-1/Latin Extended not used by Vietnamese, C1 controls, box drawing
    if code < 0x20 or 0x7F <= code < 0xA0:
        return True
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH", "FULLWIDTH"))


def looks_like_mojibake(text: str) -> bool:
    """Whether ``text``, which should be Vietnamese, holds CJK, box or Latin-1 garbage."""
    return any(_is_suspicious(ch) for ch in nfc(text))


def is_plain_vietnamese(text: str) -> bool:
    """Only ASCII printable characters, spaces and Vietnamese letters."""
    return all(ch in _ASCII_PRINTABLE or ch in VIETNAMESE_LETTERS for ch in nfc(text))


#: Codecs that decoders such as zbar wrongly use for a UTF-8 payload. Big5 reproduces the
#: documented example "Hu廙軟h" exactly; Shift-JIS/cp932 and GBK are the other guesses zbar
#: makes; Latin-1/cp1252 come from Windows software.
_MISDECODING_CODECS = ("big5", "cp950", "shift_jis", "cp932", "gb18030", "latin-1", "cp1252")


def repair_mojibake(text: str) -> str | None:
    """Undo a UTF-8 payload decoded with the wrong codec; ``None`` when no codec explains it.

    A repair is accepted only when it yields plain Vietnamese, so a wrong guess cannot turn
    one kind of garbage into another. Lossy decodes (characters replaced or dropped by the
    decoder) cannot be undone and give ``None``.
    """
    for codec in _MISDECODING_CODECS:
        try:
            candidate = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        candidate = nfc(candidate)
        if candidate != text and is_plain_vietnamese(candidate):
            return candidate
    return None


@dataclass(frozen=True)
class IdNumberInfo:
    """What the 12-digit personal ID number itself says about its holder."""

    province_code: str
    province_name: str
    sex: Sex
    #: Ordinal century of birth: 20 for 1900-1999, 21 for 2000-2099.
    century: int
    birth_year_2digits: int

    @property
    def birth_year(self) -> int:
        return (self.century - 1) * 100 + self.birth_year_2digits


def validate_id_number(
    number: str, date_of_birth: date | None = None, sex: Sex | None = None
) -> IdNumberInfo:
    """Decode a personal ID number and check it against the birth date and sex when given.

    Layout: 3 digits province of birth registration, 1 digit sex and century, 2 digits year
    of birth, 6 digits serial. Unknown province codes are refused: a typo there is more
    likely than a province we do not know.
    """
    if len(number) != 12:
        raise InvalidIdNumber(
            f"{number!r} has {len(number)} characters, expected 12 digits",
            f"«{number}» có {len(number)} ký tự, cần đúng 12 chữ số",
        )
    if not _DIGITS12.fullmatch(number):
        raise InvalidIdNumber(
            f"{number!r} is not 12 digits: it contains characters other than digits",
            f"«{number}» không phải 12 chữ số: có ký tự không phải chữ số",
        )
    province_code = number[:3]
    province_name = PROVINCE_CODES.get(province_code)
    if province_name is None:
        raise InvalidIdNumber(
            f"{province_code} is not a province code of birth registration",
            f"{province_code} không phải mã tỉnh nơi đăng ký khai sinh",
        )
    coded_sex, century_start = _CENTURY_DIGIT[number[3]]
    info = IdNumberInfo(
        province_code=province_code,
        province_name=province_name,
        sex=coded_sex,
        century=century_start // 100 + 1,
        birth_year_2digits=int(number[4:6]),
    )
    if sex is not None and sex != coded_sex:
        raise InvalidIdNumber(
            f"digit 4 ({number[3]}) encodes {coded_sex}, but the sex given is {sex}",
            f"chữ số thứ 4 ({number[3]}) ứng với giới tính {_SEX_VI[coded_sex]}, "
            f"nhưng giới tính ghi là {_SEX_VI[sex]}",
        )
    if date_of_birth is not None and date_of_birth.year != info.birth_year:
        raise InvalidIdNumber(
            f"digits 4-6 ({number[3:6]}) encode birth year {info.birth_year}, "
            f"but the date of birth is in {date_of_birth.year}",
            f"chữ số 4-6 ({number[3:6]}) ứng với năm sinh {info.birth_year}, "
            f"nhưng ngày sinh thuộc năm {date_of_birth.year}",
        )
    return info


@dataclass(frozen=True)
class ChipCard:
    """The holder data read from a chip ID card's QR code, validated."""

    id_number: str
    old_id_number: str | None
    #: As printed on the card (often upper case), NFC-normalised, spaces collapsed.
    full_name: str
    date_of_birth: date
    sex: Sex
    address: str
    issue_date: date
    #: Non-empty fields after the 7 known ones, kept verbatim (trailing empties dropped).
    extra_fields: tuple[str, ...] = ()


def _clean(field: str) -> str:
    return _SPACES.sub(" ", nfc(field)).strip()


def _parse_date(value: str, what: str, what_vi: str) -> date:
    if not _DIGITS8.fullmatch(value):
        raise CardQrError(
            f"{what} {value!r} is not 8 digits ddmmyyyy",
            f"{what_vi} «{value}» không đúng dạng ddmmyyyy",
        )
    try:
        return date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        raise CardQrError(
            f"{what} {value!r} is not a real date", f"{what_vi} «{value}» không phải ngày có thật"
        ) from None


def _split_fields(text: str) -> tuple[list[str], bool]:
    """Fields without trailing empties, and whether the old-ID field is present."""
    fields = [field.strip() for field in text.split("|")]
    while fields and not fields[-1]:
        fields.pop()
    if len(fields) >= 7:
        return fields, True
    # The 6-field variant seen in the wild: no old-ID field, so field 2 is the name and
    # field 3 the birth date. Accepted only in that exact shape.
    if len(fields) == 6 and not fields[1].isdigit() and _DIGITS8.fullmatch(fields[2]):
        return fields, False
    raise CardQrError(
        f"found {len(fields)} '|'-separated fields, expected at least 7 (number|old ID|name|"
        "date of birth|sex|address|issue date)",
        f"chỉ có {len(fields)} trường ngăn cách bởi '|', cần ít nhất 7 (số thẻ|số CMND|họ tên|"
        "ngày sinh|giới tính|nơi thường trú|ngày cấp)",
    )


def _repair_payload(payload: str) -> str:
    """Repair the whole text first (a mis-decoded character may swallow a '|'), then per field."""
    repaired = repair_mojibake(payload)
    if repaired is not None:
        return repaired
    fields = payload.split("|")
    for index, field in enumerate(fields):
        if looks_like_mojibake(field):
            fixed = repair_mojibake(field)
            if fixed is None:
                raise CardQrError(
                    f"field {index + 1} is garbled (mis-decoded characters) and cannot be repaired",
                    f"trường thứ {index + 1} bị lỗi mã hóa ký tự và không khôi phục được; "
                    "hãy quét lại",
                )
            fields[index] = fixed
    return "|".join(fields)


def _check_id_number(
    number: str, date_of_birth: date | None = None, sex: Sex | None = None
) -> None:
    try:
        validate_id_number(number, date_of_birth, sex)
    except InvalidIdNumber as error:
        raise CardQrError(
            f"ID number: {error.reason}", f"số định danh: {error.reason_vi}"
        ) from error


def parse_card_qr(text: str, *, today: date | None = None) -> ChipCard:
    """Parse and validate the QR text of a chip ID card.

    Layouts: ``number|old ID|name|dob|sex|address|issue date[|more...]`` where the old ID may
    be empty; and the 6-field variant without the old-ID field, recognised when field 2 is not
    digits and field 3 is a date. Trailing empty fields, surrounding whitespace and line
    endings are ignored. Mis-decoded UTF-8 (mojibake) is repaired when a codec explains it,
    otherwise refused. ``today`` (default: the system date) bounds the dates.
    """
    today = today or date.today()
    payload = nfc(text.strip().lstrip("\ufeff"))
    if looks_like_mojibake(payload):
        payload = _repair_payload(payload)
    fields, has_old_id = _split_fields(payload)
    if has_old_id:
        id_number, old_id, name, dob, sex_text, address, issued, *extra = fields
    else:
        id_number, name, dob, sex_text, address, issued = fields
        old_id, extra = "", []

    _check_id_number(id_number)
    if old_id and not _DIGITS9.fullmatch(old_id):
        raise CardQrError(
            f"old ID number {old_id!r} is not 9 digits",
            f"số CMND cũ «{old_id}» không phải 9 chữ số",
        )
    full_name = _clean(name)
    if not full_name or not all(ch.isalpha() or ch in " '-" for ch in full_name):
        raise CardQrError(
            f"full name {full_name!r} is empty or contains characters other than letters",
            f"họ tên «{full_name}» trống hoặc chứa ký tự không phải chữ cái",
        )
    date_of_birth = _parse_date(dob, "date of birth", "ngày sinh")
    if date_of_birth > today:
        raise CardQrError(
            f"date of birth {date_of_birth.isoformat()} is in the future",
            f"ngày sinh {date_of_birth:%d/%m/%Y} ở tương lai",
        )
    sex = _SEX_BY_FOLDED.get(fold(sex_text))
    if sex is None:
        raise CardQrError(
            f"sex {sex_text!r} is neither 'Nam' nor 'Nữ'",
            f"giới tính «{sex_text}» không phải «Nam» hay «Nữ»",
        )
    address_clean = _clean(address)
    if not address_clean:
        raise CardQrError("the address is empty", "nơi thường trú trống")
    issue_date = _parse_date(issued, "issue date", "ngày cấp")
    if issue_date > today:
        raise CardQrError(
            f"issue date {issue_date.isoformat()} is in the future",
            f"ngày cấp {issue_date:%d/%m/%Y} ở tương lai",
        )
    if issue_date < date_of_birth:
        raise CardQrError(
            f"issue date {issue_date.isoformat()} is before the date of birth",
            f"ngày cấp {issue_date:%d/%m/%Y} trước ngày sinh",
        )
    _check_id_number(id_number, date_of_birth, sex)
    return ChipCard(
        id_number=id_number,
        old_id_number=old_id or None,
        full_name=full_name,
        date_of_birth=date_of_birth,
        sex=sex,
        address=address_clean,
        issue_date=issue_date,
        extra_fields=tuple(extra),
    )
