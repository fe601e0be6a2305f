"""What each printed slip says, as frozen values the templates read.

The templates never see the store: the values here are built from the store's
:class:`~app.store.receipts.ReceiptRecord` (a saved dossier) or from a reception draft plus the
counter's identity (a supplement request or a refusal given before anything is saved).
Keeping them plain and frozen lets the renderer run on any thread and lets tests build a slip
without a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from app.documents.formatting import document_form_vi
from app.domain.clock import to_office_time
from app.domain.reception import (
    ApplicantData,
    ApplicantKind,
    DeliveryMethod,
    DocumentLine,
    ReceptionDraft,
    missing_mandatory,
    missing_mandatory_lines,
)
from app.store.counter import CounterIdentity
from app.store.receipts import ReceiptRecord


class FormId(StrEnum):
    """The slips of Circular 03/2025/TT-VPCP appendix I this app prints; values are folders."""

    RECEIPT = "mau01"
    """Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""
    SUPPLEMENT = "mau02"
    """Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""
    REFUSAL = "mau03"
    """Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""


@dataclass(frozen=True)
class Issuer:
    """The unit issuing the slip, as the header, body and footnote print it."""

    authority_name: str
    """Parent agency, first line of the left header (e.g. "UBND THÀNH PHỐ HÀ NỘI")."""
    unit_name: str
    """The receiving unit (center, branch or service point)."""
    unit_address: str = ""
    agency_code: str = ""
    counter_name: str = ""
    province_name: str = ""
    """The place in "Hà Nội, ngày … tháng … năm …"."""
    hotline: str = ""
    lookup_url: str = ""


@dataclass(frozen=True)
class ReceiptSlip:
    """Mẫu 01, the receipt and appointment of a saved dossier."""

    issuer: Issuer
    code: str
    qr_text: str
    applicant: ApplicantData
    procedure_name: str
    procedure_code: str
    documents: tuple[DocumentLine, ...]
    """Received documents only, in the order of the checklist."""
    missing_documents: tuple[str, ...]
    """Mandatory documents not received (the dossier was accepted with a reason)."""
    missing_reason: str
    sets: int
    processing_text_vi: str
    received_at: datetime
    due_at: datetime | None
    delivery_method: DeliveryMethod
    delivery_address: str
    register_number: int | None
    """Local sequence number in the tracking book (Sổ theo dõi hồ sơ)."""
    clerk_name: str
    deciding_agency: str = ""
    fee_text: str = ""
    provisional: bool = False
    """Not yet accepted by the central system: printed visibly as provisional."""
    reprinted_at: datetime | None = None
    """Set on a reprint: the slip says "Bản in lại" with this time."""

    form: ClassVar[FormId] = FormId.RECEIPT

    @property
    def document_date(self) -> date:
        """The date that chooses the template version: the day the dossier was received."""
        return to_office_time(self.received_at).date()

    @property
    def register_book(self) -> int:
        """One tracking book per year (Quyển số = the year received)."""
        return to_office_time(self.received_at).year

    @property
    def delivery_address_text(self) -> str:
        return self.delivery_address.strip() or self.applicant.address.strip()


@dataclass(frozen=True)
class SupplementItem:
    """One thing the applicant must add or correct."""

    name: str
    detail: str = ""
    """What exactly is wrong or expected (form, number of copies, what to correct)."""


@dataclass(frozen=True)
class SupplementSlip:
    """Mẫu 02, the request to supplement or complete a dossier."""

    issuer: Issuer
    applicant: ApplicantData
    procedure_name: str
    items: tuple[SupplementItem, ...]
    reason: str
    issued_at: datetime
    clerk_name: str
    code: str = ""
    """Empty when handed over at reception, before the dossier has a code."""
    qr_text: str = ""
    provisional: bool = False
    reprinted_at: datetime | None = None

    form: ClassVar[FormId] = FormId.SUPPLEMENT

    @property
    def document_date(self) -> date:
        return to_office_time(self.issued_at).date()


@dataclass(frozen=True)
class RefusalSlip:
    """Mẫu 03, the refusal to receive a dossier, with the reason."""

    issuer: Issuer
    applicant: ApplicantData
    procedure_name: str
    reason: str
    issued_at: datetime
    clerk_name: str
    code: str = ""
    qr_text: str = ""
    provisional: bool = False
    reprinted_at: datetime | None = None

    form: ClassVar[FormId] = FormId.REFUSAL

    @property
    def document_date(self) -> date:
        return to_office_time(self.issued_at).date()


SlipContext = ReceiptSlip | SupplementSlip | RefusalSlip


def issuer_from_record(record: ReceiptRecord) -> Issuer:
    return Issuer(
        authority_name=record.authority_name,
        unit_name=record.org_unit_name,
        unit_address=record.org_unit_address,
        agency_code=record.agency_code,
        counter_name=record.counter_name,
        province_name=record.province_name,
        hotline=record.hotline,
        lookup_url=record.lookup_url,
    )


def issuer_from_counter(
    identity: CounterIdentity,
    *,
    unit_address: str = "",
    hotline: str = "",
    lookup_url: str = "",
) -> Issuer:
    """For slips printed from a draft (no saved dossier yet)."""
    return Issuer(
        authority_name=identity.authority_name,
        unit_name=identity.org_unit_name,
        unit_address=unit_address,
        agency_code=identity.agency_code,
        counter_name=identity.counter_name,
        province_name=identity.province_name,
        hotline=hotline,
        lookup_url=lookup_url,
    )


def _missing_names(documents: Sequence[DocumentLine]) -> tuple[str, ...]:
    return tuple(line.name for line in documents if line.mandatory and not line.received)


def receipt_slip(
    record: ReceiptRecord, qr_text: str, *, reprinted_at: datetime | None = None
) -> ReceiptSlip:
    """Mẫu 01 of a saved dossier; ``reprinted_at`` marks a reprint."""
    return ReceiptSlip(
        issuer=issuer_from_record(record),
        code=record.code,
        qr_text=qr_text,
        applicant=record.applicant,
        procedure_name=record.procedure_name,
        procedure_code=record.procedure_code or "",
        documents=tuple(line for line in record.documents if line.received),
        missing_documents=_missing_names(record.documents),
        missing_reason=record.missing_reason,
        sets=record.sets,
        processing_text_vi=record.processing_text_vi,
        received_at=record.received_at,
        due_at=record.due_at,
        delivery_method=record.delivery_method,
        delivery_address=record.delivery_address,
        register_number=record.local_sequence,
        clerk_name=record.received_by,
        deciding_agency=record.deciding_agency,
        fee_text=record.fee_text,
        provisional=record.provisional,
        reprinted_at=reprinted_at,
    )


def supplement_items(documents: Sequence[DocumentLine | str]) -> tuple[SupplementItem, ...]:
    """Checklist lines (or plain names) as items to supplement, with form and copies."""
    items: list[SupplementItem] = []
    for line in documents:
        if isinstance(line, str):
            items.append(SupplementItem(line))
            continue
        detail = document_form_vi(line.form)
        if line.copies > 1:
            detail += f", {line.copies:02d} bản"
        if line.note.strip():
            detail += f"; {line.note.strip()}"
        items.append(SupplementItem(line.name, detail))
    return tuple(items)


def supplement_slip(
    record: ReceiptRecord,
    *,
    items: Sequence[DocumentLine | str] | None = None,
    reason: str,
    issued_at: datetime,
    qr_text: str,
    clerk_name: str | None = None,
    reprinted_at: datetime | None = None,
) -> SupplementSlip:
    """Mẫu 02 for a saved dossier; ``items`` defaults to its missing mandatory documents."""
    chosen = items if items is not None else missing_mandatory_lines(record.documents)
    return SupplementSlip(
        issuer=issuer_from_record(record),
        applicant=record.applicant,
        procedure_name=record.procedure_name,
        items=supplement_items(chosen),
        reason=reason,
        issued_at=issued_at,
        clerk_name=record.received_by if clerk_name is None else clerk_name,
        code=record.code,
        qr_text=qr_text,
        provisional=record.provisional,
        reprinted_at=reprinted_at,
    )


def supplement_slip_from_draft(
    draft: ReceptionDraft,
    issuer: Issuer,
    *,
    reason: str,
    issued_at: datetime,
    clerk_name: str,
    qr_text: str = "",
    items: Sequence[DocumentLine | str] | None = None,
) -> SupplementSlip:
    """Mẫu 02 handed over at the counter, before saving (no dossier code yet)."""
    chosen = items if items is not None else missing_mandatory(draft)
    return SupplementSlip(
        issuer=issuer,
        applicant=draft.applicant,
        procedure_name=draft.procedure_name,
        items=supplement_items(chosen),
        reason=reason,
        issued_at=issued_at,
        clerk_name=clerk_name,
        qr_text=qr_text,
    )


def refusal_slip(
    record: ReceiptRecord,
    *,
    issued_at: datetime,
    qr_text: str,
    reason: str | None = None,
    reprinted_at: datetime | None = None,
) -> RefusalSlip:
    """Mẫu 03 for a dossier recorded as refused; the reason defaults to the stored one."""
    return RefusalSlip(
        issuer=issuer_from_record(record),
        applicant=record.applicant,
        procedure_name=record.procedure_name,
        reason=record.refusal_reason if reason is None else reason,
        issued_at=issued_at,
        clerk_name=record.received_by,
        code=record.code,
        qr_text=qr_text,
        provisional=record.provisional,
        reprinted_at=reprinted_at,
    )


def applicant_title(applicant: ApplicantData) -> str:
    """The name printed after "Tiếp nhận hồ sơ của": an organisation also names its
    representative."""
    name = applicant.full_name.strip()
    if applicant.kind is ApplicantKind.ORGANISATION and applicant.representative.strip():
        return f"{name} (người đại diện: {applicant.representative.strip()})"
    return name
