"""Everything a printed slip (Mẫu 01, 02, 03) shows about one dossier, read in one go.

The printed forms (``app.documents``) must not query the store: they receive a frozen
:class:`ReceiptRecord`, so a reprint years later renders from the same kind of value as the
first print. Names come from what the dossier was received under: its own organisation unit
and counter, its procedure version (processing time, fee, deciding agency) and the documents
as received, never today's catalogue.

A dossier is *provisional* while central has not accepted it: a central server is configured
(``sync.central_url``) and the dossier has no ``central_received_at`` yet. A standalone
counter's dossiers are never provisional, there is nobody to accept them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.idcard import Sex
from app.domain.reception import (
    ApplicantData,
    ApplicantKind,
    DeliveryMethod,
    DocumentForm,
    DocumentLine,
)
from app.store.counter import load_organisation_profile
from app.store.models import (
    Applicant,
    Counter,
    Dossier,
    DossierDocument,
    OrgUnit,
    Page,
    RequiredDocument,
)
from app.store.reception import is_standalone

EMPTY_BUNDLE_HASH = hashlib.sha256(b"").hexdigest()


@dataclass(frozen=True)
class ReceiptRecord:
    dossier_id: int
    code: str
    state: str
    received_at: datetime
    """Aware UTC; print it with ``app.domain.clock.to_office_time``."""
    due_at: datetime | None
    local_sequence: int | None
    provisional: bool
    applicant: ApplicantData
    procedure_code: str | None
    procedure_name: str
    processing_text_vi: str
    """As printed: "15 ngày làm việc", "8 giờ làm việc" or "Trong ngày"."""
    deciding_agency: str
    fee_text: str
    documents: tuple[DocumentLine, ...]
    sets: int
    missing_reason: str
    delivery_method: DeliveryMethod
    delivery_address: str
    notes: str
    refusal_reason: str
    received_by: str
    org_unit_name: str
    org_unit_address: str
    agency_code: str
    counter_name: str
    authority_name: str
    province_name: str
    lookup_url: str
    hotline: str
    page_count: int
    bundle_hash: str
    """SHA-256 hex over the pages' SHA-256 hex (documents by id, pages by position), joined
    by newlines; the hash of the empty string when nothing was digitised yet."""


def _number_vi(value: float) -> str:
    """15.0 -> "15", 0.5 -> "0,5" (Vietnamese decimal comma)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def processing_text_vi(unit: str, value: float) -> str:
    """The statutory processing time as the receipt words it."""
    if unit == "same_day":
        return "Trong ngày"
    if unit == "working_hours":
        return f"{_number_vi(value)} giờ làm việc"
    if unit == "working_days":
        return f"{_number_vi(value)} ngày làm việc"
    raise ValueError(f"unknown processing unit {unit!r}")


def bundle_hash(page_hashes: list[str]) -> str:
    """The contract's hash of the digitised bundle (see :class:`ReceiptRecord`)."""
    if not page_hashes:
        return EMPTY_BUNDLE_HASH
    return hashlib.sha256("\n".join(page_hashes).encode("ascii")).hexdigest()


def _sex(value: str | None) -> Sex | None:
    if value == "male":
        return "male"
    if value == "female":
        return "female"
    return None


def _applicant_as_received(snapshot: str, applicant: Applicant) -> ApplicantData:
    """The snapshot taken at reception; the applicant's current row only for a dossier that
    has none (or an unreadable one)."""
    try:
        values = json.loads(snapshot) if snapshot else None
    except ValueError:
        values = None
    if not isinstance(values, dict):
        values = {column: getattr(applicant, column) for column in _SNAPSHOT_FIELDS}
        birth = applicant.date_of_birth
    else:
        raw_birth = values.get("date_of_birth")
        birth = date.fromisoformat(raw_birth) if raw_birth else None
    return ApplicantData(
        kind=ApplicantKind(values.get("kind") or "individual"),
        date_of_birth=birth,
        sex=_sex(values.get("sex")),
        **{name: values.get(name) or "" for name in _SNAPSHOT_TEXT_FIELDS},
    )


_SNAPSHOT_TEXT_FIELDS = (
    "full_name",
    "id_number",
    "old_id_number",
    "address",
    "admin_unit_code",
    "phone",
    "email",
    "tax_code",
    "representative",
)
_SNAPSHOT_FIELDS = ("kind", "sex", *_SNAPSHOT_TEXT_FIELDS)


def load_receipt_record(session: Session, dossier_id: int) -> ReceiptRecord:
    """The slip's data for ``dossier_id``; ``KeyError`` if there is no such dossier."""
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        raise KeyError(dossier_id)
    applicant = dossier.applicant
    version = dossier.procedure_version
    procedure = version.procedure
    unit = session.get(OrgUnit, dossier.org_unit_id)
    assert unit is not None
    counter = session.get(Counter, dossier.counter_id) if dossier.counter_id else None
    profile = load_organisation_profile(session)
    lines = session.execute(
        select(DossierDocument, RequiredDocument.mandatory)
        .outerjoin(RequiredDocument, RequiredDocument.id == DossierDocument.required_document_id)
        .where(DossierDocument.dossier_id == dossier.id)
        .order_by(DossierDocument.id)
    ).all()
    page_hashes = list(
        session.scalars(
            select(Page.sha256)
            .join(DossierDocument, DossierDocument.id == Page.document_id)
            .where(DossierDocument.dossier_id == dossier.id)
            .order_by(DossierDocument.id, Page.position, Page.id)
        )
    )
    provisional = dossier.central_received_at is None and not is_standalone(session)
    return ReceiptRecord(
        dossier_id=dossier.id,
        code=dossier.code,
        state=dossier.state,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        local_sequence=dossier.local_sequence,
        provisional=provisional,
        applicant=_applicant_as_received(dossier.applicant_snapshot, applicant),
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        processing_text_vi=processing_text_vi(version.processing_unit, version.processing_value),
        deciding_agency=version.deciding_agency,
        fee_text=version.fee_text,
        documents=tuple(
            DocumentLine(
                name=document.name,
                form=DocumentForm(document.form),
                copies=document.copies,
                received=document.received,
                mandatory=bool(mandatory),
                required_document_id=document.required_document_id,
                note=document.note,
            )
            for document, mandatory in lines
        ),
        sets=dossier.sets,
        missing_reason=dossier.missing_reason,
        delivery_method=DeliveryMethod(dossier.delivery_method),
        delivery_address=dossier.delivery_address,
        notes=dossier.notes,
        refusal_reason=dossier.refusal_reason,
        received_by=dossier.received_by,
        org_unit_name=unit.name,
        org_unit_address=unit.address,
        agency_code=unit.agency_code,
        counter_name=counter.name if counter is not None else "",
        authority_name=profile.authority,
        province_name=profile.place_name,
        lookup_url=profile.lookup_url,
        hotline=profile.hotline,
        page_count=len(page_hashes),
        bundle_hash=bundle_hash(page_hashes),
    )
