"""Realistic Vietnamese people, addresses, organisations and reception drafts, seeded.

Used by :mod:`app.bench.fake_dossiers` to fill a store with years of dossiers and by the
reception benchmark to make the drafts it saves. Everything is drawn from one
``random.Random``, so a seed always gives the same people.

* Names follow the real frequencies of family names (Nguyễn about 38 %, Trần, Lê, Phạm, ...;
  Hoàng/Huỳnh and Vũ/Võ split the northern way, as in Hà Nội), with middle and given names by
  sex and generation ("Văn"/"Thị" fade with younger people).
* ID numbers have 12 digits that agree with the date of birth, the sex and a province of birth
  registration (mostly 001, Hà Nội), so :func:`app.domain.idcard.validate_id_number` accepts
  them; they are unique within a factory. People born before 1995 sometimes keep their old
  9-digit number.
* Mobile numbers use the carriers' prefixes; addresses lie on the communes of Hà Nội read from
  the store's ``admin_units`` (the pre-2025 ward and district before 1 July 2025, the 2025
  commune after), in town as house/lane/street, in the countryside as a hamlet.
* Organisations get a Hà Nội tax code (prefix 01) with the usual mod-11 check digit.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.idcard import PROVINCE_CODES
from app.domain.reception import (
    ApplicantData,
    ApplicantKind,
    DeliveryMethod,
    DocumentForm,
    DocumentLine,
    ReceptionDraft,
)
from app.domain.text import fold
from app.store.models import (
    AdminUnit,
    Applicant,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
)
from app.store.search import SUFFIX_MIN_DIGITS, SUFFIX_MIN_LENGTH, tokens

DEFAULT_SEED = 20_251_123
REFORM_DAY = date(2025, 7, 1)
"""The 2025 map of communes applies from this day."""

RETURNING_APPLICANT = 0.17
"""Share of dossiers filed by someone who filed one before."""
ORGANISATION_SHARE = 0.04
BY_POST_SHARE = 0.08
OPTIONAL_RECEIVED_SHARE = 0.25


class FakeDataError(RuntimeError):
    """The store lacks the reference data to draw from (it was not seeded)."""


# --- names -------------------------------------------------------------------------------

#: Family names of Vietnam with their approximate shares in per cent (Hoàng/Huỳnh and Vũ/Võ
#: split the northern way, as in Hà Nội).
FAMILY_NAMES: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.4), ("Trần", 12.1), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 4.8),
    ("Phan", 4.5), ("Vũ", 3.6), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đào", 0.7), ("Đoàn", 0.6), ("Trịnh", 0.6),
    ("Đinh", 0.6), ("Lương", 0.5), ("Mai", 0.4), ("Phùng", 0.4), ("Lâm", 0.3), ("Trương", 0.4),
    ("Hà", 0.4), ("Tạ", 0.3), ("Cao", 0.3), ("Lưu", 0.3), ("Chu", 0.3), ("Kiều", 0.2),
    ("Vương", 0.2), ("Tô", 0.2), ("Khuất", 0.1), ("Nghiêm", 0.1), ("Triệu", 0.2),
    ("Quách", 0.1), ("Lại", 0.1), ("Doãn", 0.1), ("Thái", 0.1), ("Huỳnh", 0.3), ("Võ", 0.4),
)  # fmt: skip

MALE_MIDDLE = (
    "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Mạnh", "Thành", "Tiến", "Ngọc", "Hoàng",
    "Trung", "Anh", "Gia", "Bảo", "Đình", "Duy", "Thanh", "Việt", "Quốc", "Tuấn", "Hải",
    "Trọng", "Khắc", "Chí", "Nhật", "Đăng",
)  # fmt: skip
FEMALE_MIDDLE = (
    "Thu", "Ngọc", "Thanh", "Phương", "Minh", "Hồng", "Khánh", "Bảo", "Hà", "Mai", "Thúy",
    "Diệu", "Hoài", "Lan", "Quỳnh", "Kim", "Hải", "Tuệ", "Gia", "Bích", "Thùy", "Mỹ",
)  # fmt: skip
MALE_GIVEN = (
    "Anh", "Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Nam", "Long", "Sơn", "Thắng", "Hiếu",
    "Cường", "Trung", "Đức", "Quân", "Huy", "Khoa", "Phong", "Tùng", "Việt", "Bình", "Thành",
    "Tú", "Hoàng", "Kiên", "Lâm", "Hưng", "Đạt", "Duy", "Khánh", "Lộc", "Phúc", "Tâm",
    "Thịnh", "Vinh", "Quang", "Toàn", "Tiến", "Trường", "Hòa", "Chiến", "Hậu", "Nghĩa",
    "Hiệp", "Thái", "Bảo", "Khôi", "Đăng", "Phát", "Dương", "Công", "Thuận", "Định",
)  # fmt: skip
FEMALE_GIVEN = (
    "Linh", "Hương", "Lan", "Hà", "Trang", "Huyền", "Thảo", "Ngọc", "Mai", "Phương", "Anh",
    "Thủy", "Nhung", "Hằng", "Hạnh", "Yến", "Vân", "Hoa", "Loan", "Nga", "Giang", "Quỳnh",
    "Dung", "Hiền", "Oanh", "Chi", "Ly", "Nhi", "Vy", "Thu", "Hồng", "Liên", "Hải", "Tâm",
    "Thanh", "Uyên", "Châu", "Diệp", "Hòa", "Thoa", "Tuyết", "Xuân", "My", "Ngân", "Thư",
    "Khuê", "An", "Bích", "Nhàn", "Lệ",
)  # fmt: skip

#: Provinces of birth registration other than Hà Nội that Hanoi residents often come from.
NEIGHBOUR_PROVINCES: tuple[tuple[str, float], ...] = (
    ("036", 3.0), ("034", 3.0), ("038", 2.5), ("040", 2.0), ("035", 2.0), ("030", 2.0),
    ("033", 2.0), ("027", 1.5), ("025", 1.5), ("026", 1.5), ("037", 1.2), ("024", 1.0),
    ("042", 1.0), ("019", 1.0), ("031", 0.8), ("022", 0.6), ("017", 0.8), ("079", 0.3),
)  # fmt: skip
HANOI_SHARE = 0.70

#: Mobile prefixes of Viettel, Vinaphone, MobiFone, Vietnamobile and Gmobile with rough shares.
MOBILE_PREFIXES: tuple[tuple[str, float], ...] = (
    ("098", 7), ("097", 7), ("096", 6), ("086", 4), ("032", 3), ("033", 3), ("034", 3),
    ("035", 3), ("036", 3), ("037", 3), ("038", 3), ("039", 3), ("091", 5), ("094", 4),
    ("088", 3), ("081", 1), ("082", 1), ("083", 1), ("084", 1), ("085", 1), ("090", 5),
    ("093", 4), ("089", 2), ("070", 1), ("076", 1), ("077", 1), ("078", 1), ("079", 1),
    ("092", 1), ("056", 0.5), ("058", 0.5), ("099", 0.3), ("059", 0.2),
)  # fmt: skip

STREETS = (
    "Kim Mã", "Giảng Võ", "Láng Hạ", "Nguyễn Chí Thanh", "Nguyễn Trãi", "Trần Duy Hưng",
    "Xuân Thủy", "Cầu Giấy", "Hoàng Quốc Việt", "Phạm Văn Đồng", "Tây Sơn", "Đội Cấn",
    "Lạc Long Quân", "Âu Cơ", "Nguyễn Văn Cừ", "Giải Phóng", "Trường Chinh", "Minh Khai",
    "Lê Duẩn", "Bạch Mai", "Kim Ngưu", "Tam Trinh", "Lĩnh Nam", "Ngọc Lâm", "Quang Trung",
    "Trần Phú", "Lê Văn Lương", "Tố Hữu", "Khuất Duy Tiến", "Nguyễn Xiển", "Hoàng Hoa Thám",
    "Thụy Khuê", "Văn Cao", "Đê La Thành", "Chùa Bộc", "Thái Hà", "Tôn Đức Thắng",
    "Hàng Bông", "Phố Huế", "Bà Triệu", "Lý Thường Kiệt", "Trần Hưng Đạo", "Hồ Tùng Mậu",
    "Lê Đức Thọ", "Cổ Nhuế", "Ngô Gia Tự", "Nguyễn Văn Linh", "Hoàng Mai", "Vĩnh Hưng",
)  # fmt: skip
HAMLETS = (
    "Thôn Đông", "Thôn Đoài", "Thôn Trung", "Thôn Thượng", "Thôn Hạ", "Xóm Mới", "Thôn Bắc",
    "Thôn Nam", "Xóm Chùa", "Thôn Đình", "Xóm Giữa", "Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4",
)  # fmt: skip

COMPANY_KINDS = ("Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Hợp tác xã")
COMPANY_WORDS = (
    "Thương mại", "Dịch vụ", "Xây dựng", "Đầu tư", "Công nghệ", "Vận tải", "Thực phẩm",
    "Sao Mai", "Hồng Hà", "Thăng Long", "An Phát", "Minh Long", "Phú Thành", "Việt Hưng",
    "Hoàng Gia", "Đông Đô", "Kinh Bắc", "Trường An",
)  # fmt: skip

EMAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hanoi.gov.vn")
NOTES = (
    "Nộp thay (có giấy ủy quyền)",
    "Đã hướng dẫn công dân kê khai lại tờ khai",
    "Người cao tuổi, ưu tiên",
    "Công dân đề nghị nhận kết quả sớm",
    "Hồ sơ nộp lại sau khi bổ sung",
)

#: Popularity of the seed procedures at a one-stop counter (relative weights). Matched on the
#: national code, else on words of the folded name; anything else weighs ``DEFAULT_WEIGHT``.
WEIGHT_BY_CODE: dict[str, float] = {
    "2.000815": 30.0,  # certified copy from the original: by far the most frequent
    "2.000884": 8.0,  # certification of a signature
    "1.001193": 7.0,  # birth registration
    "1.004873": 6.0,  # marital status certificate
    "1.004194": 6.0,  # temporary residence
    "1.004222": 5.0,  # permanent residence
    "1.000894": 3.0,  # marriage registration
    "2.000635": 3.0,  # copy of a civil status extract
    "1.001612": 3.0,  # household business registration
    "1.000656": 2.0,  # death registration
    "2.000720": 1.5,
    "1.010038": 1.0,
    "1.003197": 1.0,
    "1.010028": 0.8,
}
WEIGHT_BY_NAME: tuple[tuple[str, float], ...] = (
    ("ly lich tu phap", 6.0),
    ("chung thuc hop dong", 4.0),
    ("bien dong", 4.0),
    ("lan dau", 2.0),
    ("giay phep xay dung", 2.0),
    ("tam ngung", 1.0),
    ("cham dut", 0.8),
)
DEFAULT_WEIGHT = 0.5


# --- small helpers -----------------------------------------------------------------------


class Weighted:
    """Fast weighted choice: cumulative weights and bisect on one uniform draw."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        if not items or len(items) != len(weights):
            raise ValueError("a weighted choice needs as many weights as items, at least one")
        self.items = list(items)
        self._cumulative = list(itertools.accumulate(weights))
        self._total = self._cumulative[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self._cumulative, rng.random() * self._total)]


def _tax_code(rng: random.Random) -> str:
    """A Hà Nội enterprise tax code (prefix 01) with the usual mod-11 check digit."""
    weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
    while True:
        body = "01" + "".join(str(rng.randrange(10)) for _ in range(7))
        check = 10 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
        if check < 10:
            return body + str(check)


# --- people ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    """With its division type, as written in an address: "Phường Ba Đình"."""
    district: str = ""
    """Pre-2025 communes only: "Quận Ba Đình"."""
    rural: bool = False


@dataclass(frozen=True)
class Person:
    full_name: str
    sex: str
    date_of_birth: date
    id_number: str
    old_id_number: str | None
    phone: str | None
    email: str | None


class PeopleFactory:
    """Vietnamese people, addresses and organisations; deterministic for a given ``rng``."""

    def __init__(
        self,
        rng: random.Random,
        communes_2025: Sequence[Commune],
        communes_pre2025: Sequence[Commune] = (),
        province_name: str = "Thành phố Hà Nội",
    ) -> None:
        if not communes_2025:
            raise FakeDataError("the store has no communes of the 2025 map: seed it first")
        self._rng = rng
        self._families = Weighted([n for n, _ in FAMILY_NAMES], [w for _, w in FAMILY_NAMES])
        others = sum(weight for _, weight in NEIGHBOUR_PROVINCES)
        self._provinces = Weighted(
            ["001"] + [code for code, _ in NEIGHBOUR_PROVINCES],
            [others * HANOI_SHARE / (1 - HANOI_SHARE)] + [w for _, w in NEIGHBOUR_PROVINCES],
        )
        unknown = [code for code in self._provinces.items if code not in PROVINCE_CODES]
        if unknown:
            raise FakeDataError(f"province codes {unknown} are not in PROVINCE_CODES")
        self._prefixes = Weighted([p for p, _ in MOBILE_PREFIXES], [w for _, w in MOBILE_PREFIXES])
        # Communes are not equally busy: a fixed, seeded spread of weights.
        self._communes_2025 = Weighted(
            list(communes_2025), [rng.paretovariate(1.6) for _ in communes_2025]
        )
        self._communes_pre2025 = (
            Weighted(list(communes_pre2025), [rng.paretovariate(1.6) for _ in communes_pre2025])
            if communes_pre2025
            else self._communes_2025
        )
        self._province_name = province_name
        self._ids: set[str] = set()

    def name(self, sex: str, birth_year: int) -> str:
        rng = self._rng
        family = self._families.pick(rng)
        # The classic "Văn"/"Thị" middle names fade with younger generations.
        old_style = 0.55 if birth_year < 1970 else 0.35 if birth_year < 1990 else 0.12
        if sex == "male":
            middle = "Văn" if rng.random() < old_style else rng.choice(MALE_MIDDLE)
            given = rng.choice(MALE_GIVEN)
        else:
            middle = "Thị" if rng.random() < old_style + 0.15 else rng.choice(FEMALE_MIDDLE)
            given = rng.choice(FEMALE_GIVEN)
        if rng.random() < 0.08:  # a four-word name: two middle names
            extra = rng.choice(MALE_MIDDLE if sex == "male" else FEMALE_MIDDLE)
            if extra != middle:
                middle = f"{middle} {extra}"
        if given == middle:
            given = rng.choice(MALE_GIVEN if sex == "male" else FEMALE_GIVEN)
        return f"{family} {middle} {given}"

    def birth_date(self, on: date) -> date:
        """An adult's date of birth; ages cluster where people file dossiers (25-45)."""
        rng = self._rng
        draw = rng.random()
        if draw < 0.30:
            age = rng.uniform(18, 30)
        elif draw < 0.65:
            age = rng.uniform(30, 45)
        elif draw < 0.87:
            age = rng.uniform(45, 60)
        else:
            age = rng.uniform(60, 88)
        return on - timedelta(days=int(age * 365.25))

    def id_number(self, sex: str, born: date) -> str:
        """3 digits province, 1 digit sex and century, 2 digits year, 6 random digits; unique."""
        rng = self._rng
        century_digit = (born.year // 100 - 19) * 2 + (0 if sex == "male" else 1)
        prefix = f"{self._provinces.pick(rng)}{century_digit}{born.year % 100:02d}"
        while True:
            number = f"{prefix}{rng.randrange(1_000_000):06d}"
            if number not in self._ids:
                self._ids.add(number)
                return number

    def phone(self) -> str:
        return self._prefixes.pick(self._rng) + f"{self._rng.randrange(10_000_000):07d}"

    def email(self, full_name: str) -> str:
        words = fold(full_name).split()
        local = words[-1] + "".join(word[0] for word in words[:-1])
        return f"{local}{self._rng.randrange(1, 999)}@{self._rng.choice(EMAIL_DOMAINS)}"

    def person(self, on: date) -> Person:
        rng = self._rng
        sex = "male" if rng.random() < 0.48 else "female"
        born = self.birth_date(on)
        full_name = self.name(sex, born.year)
        old_id = None
        if born.year < 1995 and rng.random() < 0.4:
            old_id = f"0{rng.randrange(10_000_000, 99_999_999)}"
        return Person(
            full_name=full_name,
            sex=sex,
            date_of_birth=born,
            id_number=self.id_number(sex, born),
            old_id_number=old_id,
            phone=self.phone() if rng.random() < 0.88 else None,
            email=self.email(full_name) if rng.random() < 0.18 else None,
        )

    def address(self, on: date) -> tuple[str, str]:
        """(address text, commune code) on the map in force on ``on``."""
        rng = self._rng
        pre_reform = on < REFORM_DAY
        commune: Commune = (self._communes_pre2025 if pre_reform else self._communes_2025).pick(rng)
        if commune.rural:
            street = f"{rng.choice(HAMLETS)}"
        elif rng.random() < 0.55:
            street = (
                f"Số {rng.randrange(1, 180)} ngõ {rng.randrange(2, 400)} phố {rng.choice(STREETS)}"
            )
        else:
            street = f"Số {rng.randrange(1, 500)} phố {rng.choice(STREETS)}"
        parts = [street, commune.name]
        if commune.district:
            parts.append(commune.district)
        parts.append(self._province_name)
        return ", ".join(parts), commune.code

    def company(self) -> tuple[str, str]:
        """(registered name, tax code)."""
        rng = self._rng
        words = rng.sample(COMPANY_WORDS, 2)
        return f"{rng.choice(COMPANY_KINDS)} {words[0]} {words[1]}", _tax_code(rng)


def load_communes(session: Session) -> tuple[list[Commune], list[Commune]]:
    """The communes of Hà Nội (province code 01) in the 2025 map and before it."""
    rows = session.scalars(
        select(AdminUnit).where(AdminUnit.level.in_(("commune", "district")))
    ).all()
    districts = {u.code: u.name for u in rows if u.level == "district" and u.era == "pre2025"}
    after: list[Commune] = []
    before: list[Commune] = []
    for unit in rows:
        if unit.level != "commune":
            continue
        display = unit.name if unit.name[:1].isupper() else f"{unit.division_type} {unit.name}"
        rural = unit.division_type.lower().startswith("xã")
        if unit.era == "2025" and unit.parent_code == "01":
            after.append(Commune(unit.code, display, rural=rural))
        elif unit.era == "pre2025" and unit.parent_code in districts:
            before.append(Commune(unit.code, display, districts[unit.parent_code], rural))
    after.sort(key=lambda c: c.code)
    before.sort(key=lambda c: c.code)
    return after, before


# --- catalogue ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RequiredDoc:
    id: int
    name: str
    form: str
    mandatory: bool
    copies: int


@dataclass(frozen=True)
class VersionInfo:
    id: int
    effective_from: date
    effective_to: date | None
    unit: str
    value: float
    deciding_agency: str
    documents: tuple[RequiredDoc, ...]


@dataclass(frozen=True)
class ProcedureInfo:
    id: int
    code: str | None
    name: str
    versions: tuple[VersionInfo, ...]
    """By ``effective_from``."""

    def version_on(self, day: date) -> VersionInfo:
        """The version in force on ``day`` (the later one on a boundary); else the earliest."""
        chosen: VersionInfo | None = None
        for version in self.versions:
            if version.effective_from <= day and (
                version.effective_to is None or version.effective_to >= day
            ):
                chosen = version
        return chosen if chosen is not None else self.versions[0]


def procedure_weight(code: str | None, name: str) -> float:
    if code and code in WEIGHT_BY_CODE:
        return WEIGHT_BY_CODE[code]
    folded = fold(name)
    for words, weight in WEIGHT_BY_NAME:
        if words in folded:
            return weight
    return DEFAULT_WEIGHT


def load_catalogue(session: Session) -> list[ProcedureInfo]:
    """Every procedure with at least one version, with the documents each version asks for."""
    documents: dict[int, list[RequiredDoc]] = {}
    for row in session.scalars(
        select(RequiredDocument).order_by(
            RequiredDocument.procedure_version_id, RequiredDocument.position
        )
    ):
        documents.setdefault(row.procedure_version_id, []).append(
            RequiredDoc(row.id, row.name, row.form, row.mandatory, row.copies)
        )
    versions: dict[int, list[VersionInfo]] = {}
    for row in session.scalars(select(ProcedureVersion).order_by(ProcedureVersion.effective_from)):
        versions.setdefault(row.procedure_id, []).append(
            VersionInfo(
                id=row.id,
                effective_from=row.effective_from,
                effective_to=row.effective_to,
                unit=row.processing_unit,
                value=row.processing_value,
                deciding_agency=row.deciding_agency,
                documents=tuple(documents.get(row.id, ())),
            )
        )
    return [
        ProcedureInfo(row.id, row.code, row.name, tuple(versions[row.id]))
        for row in session.scalars(select(Procedure).order_by(Procedure.id))
        if row.id in versions
    ]


# --- drafts for the benchmark's saves ----------------------------------------------------


class DraftFactory:
    """Realistic reception drafts, as a clerk would save them, for timing saves."""

    def __init__(self, session: Session, seed: int = DEFAULT_SEED) -> None:
        self._rng = random.Random(seed)
        communes, _ = load_communes(session)
        self._people = PeopleFactory(self._rng, communes)
        self._procedures = load_catalogue(session)
        if not self._procedures:
            raise FakeDataError("the store has no procedures: seed it first")
        self._pick = Weighted(
            self._procedures, [procedure_weight(p.code, p.name) for p in self._procedures]
        )

    def draft(self, on: date, returning: Sequence[ApplicantData] = ()) -> ReceptionDraft:
        """A draft for a procedure in force on ``on``; about one in six comes from one of the
        ``returning`` applicants (the store then updates that applicant instead of adding)."""
        rng = self._rng
        procedure: ProcedureInfo = self._pick.pick(rng)
        version = procedure.version_on(on)
        person = self._people.person(on)
        address, commune = self._people.address(on)
        if returning and rng.random() < RETURNING_APPLICANT:
            applicant = returning[int(rng.random() * len(returning))]
            address = applicant.address
        elif rng.random() < ORGANISATION_SHARE:
            name, tax_code = self._people.company()
            applicant = ApplicantData(
                kind=ApplicantKind.ORGANISATION,
                full_name=name,
                tax_code=tax_code,
                representative=person.full_name,
                id_number=person.id_number,
                address=address,
                admin_unit_code=commune,
                phone=person.phone or "",
            )
        else:
            applicant = ApplicantData(
                full_name=person.full_name,
                id_number=person.id_number,
                old_id_number=person.old_id_number or "",
                date_of_birth=person.date_of_birth,
                sex=person.sex,  # type: ignore[arg-type]
                address=address,
                admin_unit_code=commune,
                phone=person.phone or "",
                email=person.email or "",
                from_card=rng.random() < 0.7,
            )
        lines = tuple(
            DocumentLine(
                name=doc.name,
                form=DocumentForm(doc.form),
                copies=doc.copies,
                received=doc.mandatory or rng.random() < OPTIONAL_RECEIVED_SHARE,
                mandatory=doc.mandatory,
                required_document_id=doc.id,
            )
            for doc in version.documents
        )
        by_post = rng.random() < BY_POST_SHARE
        return ReceptionDraft(
            applicant=applicant,
            procedure_version_id=version.id,
            procedure_code=procedure.code or "",
            procedure_name=procedure.name,
            documents=lines,
            sets=1 if rng.random() < 0.95 else 2,
            delivery_method=DeliveryMethod.BY_POST if by_post else DeliveryMethod.AT_COUNTER,
            delivery_address=address if by_post else "",
            notes=rng.choice(NOTES) if rng.random() < 0.1 else "",
            queue_ticket=f"A{rng.randrange(1, 400):03d}" if rng.random() < 0.7 else "",
        )


def returning_applicants(
    session: Session, limit: int, seed: int = DEFAULT_SEED
) -> list[ApplicantData]:
    """Up to ``limit`` individuals already in the store, spread over the whole table, as the
    chip card would give them back, for drafts from returning applicants."""
    highest = session.scalar(select(func.max(Applicant.id))) or 0
    if highest == 0 or limit <= 0:
        return []
    rng = random.Random(seed)
    ids = sorted({rng.randrange(1, highest + 1) for _ in range(limit)})
    rows = session.scalars(
        select(Applicant).where(Applicant.id.in_(ids), Applicant.kind == "individual")
    ).all()
    return [
        ApplicantData(
            full_name=row.full_name,
            id_number=row.id_number or "",
            old_id_number=row.old_id_number or "",
            date_of_birth=row.date_of_birth,
            sex=row.sex if row.sex in ("male", "female") else None,  # type: ignore[arg-type]
            address=row.address,
            admin_unit_code=row.admin_unit_code or "",
            phone=row.phone or "",
            email=row.email or "",
            from_card=True,
        )
        for row in rows
    ]


# --- search bodies -----------------------------------------------------------------------


class SearchBodies:
    """:func:`app.store.search.index_body`, fast for the texts of generated applicants.

    Folding is the costly part of ``index_body`` and generated names reuse a few hundred words,
    so each word is folded once. The result is the same string ``index_body`` gives (the
    generator compares the two on a sample): names split on spaces into the same tokens,
    digit strings (ID numbers, phones, tax codes) are one token each with their suffixes.
    """

    def __init__(self) -> None:
        self._words: dict[str, list[str]] = {}

    def parts(self, texts: Sequence[str | None]) -> tuple[list[str], list[str]]:
        """(tokens, digit suffixes) of ``texts``, in ``index_body``'s order."""
        words: list[str] = []
        for value in texts:
            if not value:
                continue
            if value.isdigit() and value.isascii():
                words.append(value)
                continue
            for word in value.split(" "):
                folded = self._words.get(word)
                if folded is None:
                    folded = self._words[word] = tokens(word)
                words.extend(folded)
        extra = [
            word[start:]
            for word in words
            if len(word) >= SUFFIX_MIN_DIGITS and word.isdigit()
            for start in range(1, len(word) - SUFFIX_MIN_LENGTH + 1)
        ]
        return words, extra

    @staticmethod
    def join(*parts: tuple[list[str], list[str]]) -> str:
        """The body of several texts' parts, as if ``index_body`` had them all in order."""
        words = [word for part in parts for word in part[0]]
        extra = [word for part in parts for word in part[1]]
        return " ".join(words + extra)
