"""Dossier codes ``<agency electronic ID code>-<yymmdd>-<NNNN>`` and offline-safe issuing.

The sequence is counted per issuing unit per day (Circular 01/2018/TT-VPCP art. 19). Codes must
stay unique while a counter is offline, so the central system leases each counter blocks of
numbers per day, and :func:`next_code` only ever hands out numbers from those blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import date

from app.domain.errors import InvalidCodeBlock, InvalidDossierCode, NoCodeAvailable

#: Agency electronic ID code (Decision 20/2020/QĐ-TTg): four dot-separated groups, e.g.
#: ``000.00.53.H48``. Groups 1-3 are levels of the agency tree (3, 2, 2 characters, digits or
#: capital letters); group 4 is the province part, a capital letter and two digits
#: (``H48`` = Quảng Ngãi). The regex accepts that shape only; whether the agency exists is
#: checked against the central agency list, not here.
AGENCY_CODE_RE = re.compile(r"[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}")

MAX_SEQUENCE = 9999

_DATE_RE = re.compile(r"[0-9]{6}")
_SEQUENCE_RE = re.compile(r"[0-9]{4}")


def is_valid_agency_code(code: str) -> bool:
    """Whether ``code`` has the shape of an agency electronic ID code."""
    return AGENCY_CODE_RE.fullmatch(code) is not None


@dataclass(frozen=True, order=True)
class DossierCode:
    """A parsed dossier code; ``str()`` gives the canonical printed form."""

    agency_code: str
    day: date
    sequence: int

    def __post_init__(self) -> None:
        text = f"{self.agency_code}-{self.day:%y%m%d}-{self.sequence}"
        if not is_valid_agency_code(self.agency_code):
            raise InvalidDossierCode(
                text,
                f"agency code {self.agency_code!r} is not of the form 000.00.00.A00",
                f"mã đơn vị «{self.agency_code}» không đúng dạng 000.00.00.A00",
            )
        if not 2000 <= self.day.year <= 2099:
            raise InvalidDossierCode(
                text,
                f"year {self.day.year} cannot be written as yymmdd",
                f"năm {self.day.year} không viết được dưới dạng yymmdd",
            )
        if not 1 <= self.sequence <= MAX_SEQUENCE:
            raise InvalidDossierCode(
                text,
                f"sequence {self.sequence} is outside 1..{MAX_SEQUENCE}",
                f"số thứ tự {self.sequence} nằm ngoài khoảng 1..{MAX_SEQUENCE}",
            )

    def __str__(self) -> str:
        return f"{self.agency_code}-{self.day:%y%m%d}-{self.sequence:04d}"

    @classmethod
    def parse(cls, text: str) -> DossierCode:
        """Parse a typed or scanned code; whitespace around it and lower case are tolerated."""
        cleaned = text.strip().upper()
        parts = cleaned.split("-")
        if len(parts) != 3:
            raise InvalidDossierCode(
                cleaned,
                f"expected 3 parts separated by '-', found {len(parts)}",
                f"cần 3 phần ngăn cách bởi dấu '-', tìm thấy {len(parts)}",
            )
        agency, day_text, sequence_text = parts
        if not is_valid_agency_code(agency):
            raise InvalidDossierCode(
                cleaned,
                f"agency code {agency!r} is not of the form 000.00.00.A00",
                f"mã đơn vị «{agency}» không đúng dạng 000.00.00.A00",
            )
        if not _DATE_RE.fullmatch(day_text):
            raise InvalidDossierCode(
                cleaned,
                f"date part {day_text!r} is not 6 digits (yymmdd)",
                f"phần ngày «{day_text}» không phải 6 chữ số (yymmdd)",
            )
        try:
            day = date(2000 + int(day_text[:2]), int(day_text[2:4]), int(day_text[4:]))
        except ValueError:
            raise InvalidDossierCode(
                cleaned,
                f"date part {day_text!r} is not a real date",
                f"phần ngày «{day_text}» không phải ngày có thật",
            ) from None
        if not _SEQUENCE_RE.fullmatch(sequence_text):
            raise InvalidDossierCode(
                cleaned,
                f"sequence {sequence_text!r} is not 4 digits",
                f"số thứ tự «{sequence_text}» không phải 4 chữ số",
            )
        sequence = int(sequence_text)
        if sequence == 0:
            raise InvalidDossierCode(
                cleaned, "sequence 0000 is not issued", "số thứ tự 0000 không được cấp"
            )
        return cls(agency, day, sequence)

    @classmethod
    def is_valid(cls, text: str) -> bool:
        """Whether :meth:`parse` accepts ``text``."""
        try:
            cls.parse(text)
        except InvalidDossierCode:
            return False
        return True


@dataclass(frozen=True)
class CodeBlock:
    """Numbers ``first..last`` leased by the central system to one counter for one day."""

    agency_code: str
    day: date
    first: int
    last: int
    lease_id: str

    def __post_init__(self) -> None:
        if not is_valid_agency_code(self.agency_code):
            raise InvalidCodeBlock(
                f"agency code {self.agency_code!r} is not of the form 000.00.00.A00",
                f"mã đơn vị «{self.agency_code}» không đúng dạng 000.00.00.A00",
            )
        if not 1 <= self.first <= self.last <= MAX_SEQUENCE:
            raise InvalidCodeBlock(
                f"range {self.first}..{self.last} must satisfy 1 <= first <= last <= "
                f"{MAX_SEQUENCE} (lease {self.lease_id})",
                f"khoảng {self.first}..{self.last} phải thỏa 1 ≤ đầu ≤ cuối ≤ {MAX_SEQUENCE} "
                f"(lượt cấp {self.lease_id})",
            )

    def __contains__(self, sequence: object) -> bool:
        return isinstance(sequence, int) and self.first <= sequence <= self.last

    def __len__(self) -> int:
        return self.last - self.first + 1


def _blocks_for(blocks: Iterable[CodeBlock], agency_code: str, day: date) -> list[CodeBlock]:
    return [b for b in blocks if b.agency_code == agency_code and b.day == day]


def next_code(
    blocks: Iterable[CodeBlock], used_sequences: Set[int], agency_code: str, day: date
) -> DossierCode:
    """Issue the lowest unused number of the first block (in the given order) that has one.

    Blocks for other agencies or days are ignored. Raises :class:`NoCodeAvailable` rather than
    inventing a number: a number outside the leases could collide with another counter's.
    """
    for block in _blocks_for(blocks, agency_code, day):
        for sequence in range(block.first, block.last + 1):
            if sequence not in used_sequences:
                return DossierCode(agency_code, day, sequence)
    raise NoCodeAvailable(agency_code, day)


def remaining(
    blocks: Iterable[CodeBlock], used_sequences: Set[int], agency_code: str, day: date
) -> int:
    """How many leased numbers are still free for that agency and day (overlaps count once)."""
    leased: set[int] = set()
    for block in _blocks_for(blocks, agency_code, day):
        leased.update(range(block.first, block.last + 1))
    return len(leased - set(used_sequences))
