"""What a clerk enters to receive a dossier, and the checks it must pass before saving.

The same value is the reception draft (kept across crashes and restarts) and the input of
the save, so the screen, the draft store and the save never disagree on a field. Every check
answers with the field it concerns and a message in English and Vietnamese, so the screen can
put the Vietnamese one right next to the field and keep everything the clerk typed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.domain.errors import InvalidIdNumber
from app.domain.idcard import Sex, validate_id_number
from app.domain.text import nfc

DRAFT_SCHEMA = 1


class ApplicantKind(StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"


class DeliveryMethod(StrEnum):
    """How the result reaches the applicant."""

    AT_COUNTER = "at_counter"
    BY_POST = "by_post"


class DocumentForm(StrEnum):
    """The form of a received paper (the store's CHECK list has the same values)."""

    ORIGINAL = "original"
    CERTIFIED_COPY = "certified_copy"
    COPY = "copy"
    PRESENT = "present"
    """Shown to the clerk and handed back (e.g. the ID card)."""


@dataclass(frozen=True)
class ApplicantData:
    """The person or organisation submitting the dossier, as typed or read from the card."""

    kind: ApplicantKind = ApplicantKind.INDIVIDUAL
    full_name: str = ""
    """For an organisation: its registered name."""
    id_number: str = ""
    """Individual: the 12-digit personal ID. Organisation: the representative's, if given."""
    old_id_number: str = ""
    date_of_birth: date | None = None
    sex: Sex | None = None
    address: str = ""
    admin_unit_code: str = ""
    """Commune code of the 2025 map (``admin_units.code``), empty if not picked."""
    phone: str = ""
    email: str = ""
    tax_code: str = ""
    representative: str = ""
    from_card: bool = False
    """True when the identity fields came from the chip card's QR (not typed)."""


@dataclass(frozen=True)
class DocumentLine:
    """One line of the document checklist."""

    name: str
    form: DocumentForm = DocumentForm.ORIGINAL
    copies: int = 1
    received: bool = False
    mandatory: bool = True
    required_document_id: int | None = None
    """The catalogue line it answers; ``None`` for a document the clerk added."""
    note: str = ""
    """The clerk's remark on the paper received; printed in the receipt's "Ghi chú" column."""
    guidance: str = ""
    """The catalogue's advice on this document (when it applies, what may replace it): shown
    to the clerk, never printed on the receipt nor stored with the dossier."""


@dataclass(frozen=True)
class ReceptionDraft:
    """Everything typed for one dossier, saved or not yet."""

    applicant: ApplicantData = field(default_factory=ApplicantData)
    procedure_version_id: int | None = None
    procedure_code: str = ""
    """Kept beside the id so a draft restored after a catalogue update can be re-matched."""
    procedure_name: str = ""
    documents: tuple[DocumentLine, ...] = ()
    sets: int = 1
    """Number of sets (bộ) of the dossier."""
    missing_reason: str = ""
    """Why the dossier is accepted although a mandatory document is missing."""
    delivery_method: DeliveryMethod = DeliveryMethod.AT_COUNTER
    delivery_address: str = ""
    notes: str = ""
    queue_ticket: str = ""
    service_started_at: datetime | None = None
    service_ended_at: datetime | None = None

    def is_empty(self) -> bool:
        """True when nothing worth keeping was typed (Esc then needs no confirmation)."""
        return self == ReceptionDraft(service_started_at=self.service_started_at)

    def to_json(self) -> str:
        return json.dumps({"schema": DRAFT_SCHEMA, **asdict(self)}, default=_json_default)

    @classmethod
    def from_json(cls, text: str) -> ReceptionDraft:
        """Read a draft written by :meth:`to_json`; raises ``ValueError`` on anything else."""
        try:
            raw = json.loads(text)
            if raw.pop("schema", None) != DRAFT_SCHEMA:
                raise ValueError("unknown draft schema")
            applicant = raw.pop("applicant")
            applicant["kind"] = ApplicantKind(applicant["kind"])
            applicant["date_of_birth"] = _date(applicant.get("date_of_birth"))
            applicant["sex"] = _sex(applicant.get("sex"))
            documents = tuple(
                DocumentLine(**{**line, "form": DocumentForm(line["form"])})
                for line in raw.pop("documents")
            )
            return cls(
                applicant=ApplicantData(**applicant),
                documents=documents,
                **{
                    **raw,
                    "delivery_method": DeliveryMethod(raw["delivery_method"]),
                    "service_started_at": _datetime(raw.get("service_started_at")),
                    "service_ended_at": _datetime(raw.get("service_ended_at")),
                },
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a reception draft: {error}") from error


def _json_default(value: object) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a draft")


def _sex(value: object) -> Sex | None:
    if value in (None, ""):
        return None
    if value not in ("male", "female"):
        raise ValueError(f"unknown sex {value!r} in draft")
    return value  # type: ignore[return-value]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


# --- checks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldProblem:
    """A value the dossier cannot be saved with, and where it is."""

    field: str
    """A dotted path in the draft: ``applicant.phone``, ``procedure``, ``documents``..."""
    message: str
    message_vi: str


_MOBILE = re.compile(r"0[35789]\d{8}")
_LANDLINE = re.compile(r"02\d{9}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
_TAX_CODE = re.compile(r"\d{10}(-\d{3})?")


def normalise_phone(text: str) -> str:
    """``+84 912 345 678`` and ``0912.345.678`` both become ``0912345678``."""
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def check_phone(text: str) -> FieldProblem | None:
    """Vietnamese mobile numbers have 10 digits (03, 05, 07, 08, 09), landlines 11 (02x)."""
    if not text.strip():
        return None
    number = normalise_phone(text)
    if _MOBILE.fullmatch(number) or _LANDLINE.fullmatch(number):
        return None
    return FieldProblem(
        "applicant.phone",
        f"{text!r} is not a Vietnamese phone number (10-digit mobile or 11-digit landline)",
        f"«{text}» không phải số điện thoại Việt Nam: số di động có 10 chữ số "
        "(bắt đầu 03, 05, 07, 08, 09), số cố định có 11 chữ số (bắt đầu 02)",
    )


def check_email(text: str) -> FieldProblem | None:
    if not text.strip() or _EMAIL.fullmatch(text.strip()):
        return None
    return FieldProblem(
        "applicant.email",
        f"{text!r} is not an e-mail address",
        f"«{text}» không phải địa chỉ thư điện tử (dạng ten@mien.vn)",
    )


def check_tax_code(text: str) -> FieldProblem | None:
    """Enterprise tax codes: 10 digits, or 10 digits, a dash and 3 for a branch."""
    if _TAX_CODE.fullmatch(text.strip()):
        return None
    return FieldProblem(
        "applicant.tax_code",
        f"{text!r} is not a tax code (10 digits, or 10-3 for a branch)",
        f"«{text}» không phải mã số thuế: cần 10 chữ số, hoặc 10 chữ số-3 chữ số với chi nhánh",
    )


def check_date_of_birth(value: date | None, today: date) -> FieldProblem | None:
    if value is None:
        return None
    if value > today:
        return FieldProblem(
            "applicant.date_of_birth",
            f"date of birth {value:%d/%m/%Y} is in the future",
            f"Ngày sinh {value:%d/%m/%Y} ở sau ngày hôm nay",
        )
    if value.year < today.year - 130:
        return FieldProblem(
            "applicant.date_of_birth",
            f"date of birth {value:%d/%m/%Y} is more than 130 years ago",
            f"Ngày sinh {value:%d/%m/%Y} cách đây hơn 130 năm: kiểm tra lại năm sinh",
        )
    return None


def check_id_number(applicant: ApplicantData) -> FieldProblem | None:
    """The 12-digit number must agree with the date of birth and sex when they are given."""
    number = applicant.id_number.strip()
    if not number:
        if applicant.kind is ApplicantKind.INDIVIDUAL:
            return FieldProblem(
                "applicant.id_number",
                "the ID number is missing",
                "Chưa nhập số định danh cá nhân (12 chữ số trên thẻ căn cước)",
            )
        return None
    try:
        validate_id_number(number, applicant.date_of_birth, applicant.sex)
    except InvalidIdNumber as error:
        return FieldProblem("applicant.id_number", error.message, error.message_vi)
    return None


def missing_mandatory_lines(documents: Sequence[DocumentLine]) -> tuple[DocumentLine, ...]:
    """The mandatory documents not received: what Mẫu 02 asks for, what blocks saving."""
    return tuple(line for line in documents if line.mandatory and not line.received)


def missing_mandatory(draft: ReceptionDraft) -> tuple[DocumentLine, ...]:
    return missing_mandatory_lines(draft.documents)


def check_draft(draft: ReceptionDraft, today: date) -> list[FieldProblem]:
    """Every reason the draft cannot be saved yet, in the order of the screen."""
    applicant = draft.applicant
    problems: list[FieldProblem] = []
    if not nfc(applicant.full_name).strip():
        problems.append(
            FieldProblem(
                "applicant.full_name",
                "the name is missing",
                "Chưa nhập họ và tên"
                if applicant.kind is ApplicantKind.INDIVIDUAL
                else "Chưa nhập tên tổ chức",
            )
        )
    for problem in (
        check_id_number(applicant),
        check_date_of_birth(applicant.date_of_birth, today),
        check_phone(applicant.phone),
        check_email(applicant.email),
        check_tax_code(applicant.tax_code)
        if applicant.kind is ApplicantKind.ORGANISATION
        else None,
    ):
        if problem is not None:
            problems.append(problem)
    if applicant.kind is ApplicantKind.ORGANISATION and not applicant.representative.strip():
        problems.append(
            FieldProblem(
                "applicant.representative",
                "the organisation's representative is missing",
                "Chưa nhập người đại diện của tổ chức",
            )
        )
    if draft.procedure_version_id is None:
        problems.append(
            FieldProblem(
                "procedure",
                "no procedure is chosen",
                "Chưa chọn thủ tục hành chính",
            )
        )
    missing = missing_mandatory(draft)
    if missing and not draft.missing_reason.strip():
        names = "; ".join(line.name for line in missing)
        problems.append(
            FieldProblem(
                "documents",
                f"mandatory documents not received: {names}; record a reason to accept anyway",
                f"Còn thiếu giấy tờ bắt buộc: {names}. Ghi lý do nếu vẫn tiếp nhận",
            )
        )
    if draft.sets < 1:
        problems.append(FieldProblem("sets", "at least one set", "Số bộ hồ sơ phải từ 1 trở lên"))
    if draft.delivery_method is DeliveryMethod.BY_POST and not (
        draft.delivery_address.strip() or applicant.address.strip()
    ):
        problems.append(
            FieldProblem(
                "delivery_address",
                "delivery by post needs an address",
                "Trả kết quả qua bưu chính cần địa chỉ nhận",
            )
        )
    return problems


def with_card(draft: ReceptionDraft, card_fields: dict[str, Any]) -> ReceptionDraft:
    """Return the draft with the applicant replaced by card data (fields given by name)."""
    return replace(draft, applicant=replace(draft.applicant, from_card=True, **card_fields))
