"""What the reception store tests share: a configured counter, drafts that pass the checks, a
clock that can be moved. Plain functions, not fixtures, so the crash child can use them too."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.clock import OFFICE_TZ
from app.domain.reception import (
    ApplicantData,
    ApplicantKind,
    DocumentForm,
    DocumentLine,
    ReceptionDraft,
)
from app.store.counter import configure_counter
from app.store.database import Store
from app.store.models import Procedure, ProcedureVersion

UNIT = "CN-BADINH"
COUNTER = "Q01"
CLERK = "Nguyễn Thị Lan"
AGENCY = "000.01.01.H99"
"""The fixture unit CN-BADINH's agency code."""

MONDAY_0930 = datetime(2026, 3, 2, 9, 30, tzinfo=OFFICE_TZ)
"""A Monday morning at the office, 2 March 2026 (no holiday near it)."""


class Clock:
    """A clock the test moves by hand; aware, as the store wants."""

    def __init__(self, start: datetime = MONDAY_0930) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def set_up_counter(store: Store, unit: str = UNIT, counter: str = COUNTER) -> None:
    with store.session() as session:
        configure_counter(session, unit, counter, CLERK, on=date(2026, 3, 2))


def version_id(session: Session, code: str | None, name: str | None = None) -> int:
    """The version of a fixture procedure in effect in 2026."""
    query = (
        select(ProcedureVersion.id).join(Procedure).where(ProcedureVersion.effective_to.is_(None))
    )
    query = query.where(Procedure.code == code) if code else query.where(Procedure.name == name)
    return session.scalars(query).one()


def birth_registration(session: Session) -> int:
    """1.001193, same-day, three mandatory documents."""
    return version_id(session, "1.001193")


def building_permit(session: Session) -> int:
    """No national code, 15 working days, no documents listed."""
    return version_id(session, None, "Cấp giấy phép xây dựng nhà ở riêng lẻ")


def citizen(**changes: Any) -> ApplicantData:
    """Đặng Thị Đào, whose ID number agrees with her date of birth and sex."""
    base = ApplicantData(
        kind=ApplicantKind.INDIVIDUAL,
        full_name="Đặng Thị Đào",
        id_number="001199012345",
        date_of_birth=date(1999, 3, 2),
        sex="female",
        address="12 Phố Huế, Hà Nội",
        phone="0912 345 678",
        email="dao@example.org",
    )
    return replace(base, **changes)


def other_citizen(**changes: Any) -> ApplicantData:
    base = ApplicantData(
        kind=ApplicantKind.INDIVIDUAL,
        full_name="Nguyễn Văn An",
        id_number="001090012345",
        date_of_birth=date(1990, 1, 1),
        sex="male",
        phone="0987654321",
    )
    return replace(base, **changes)


def company(**changes: Any) -> ApplicantData:
    base = ApplicantData(
        kind=ApplicantKind.ORGANISATION,
        full_name="Công ty TNHH Thử Nghiệm",
        tax_code="0101234567",
        representative="Trần Văn Bình",
        address="5 Phố Thử, Hà Nội",
        phone="02437654321",
    )
    return replace(base, **changes)


def checklist(session: Session, version: int, received: bool = True) -> tuple[DocumentLine, ...]:
    row = session.get(ProcedureVersion, version)
    assert row is not None
    return tuple(
        DocumentLine(
            name=document.name,
            form=DocumentForm(document.form),
            copies=document.copies,
            received=received,
            mandatory=document.mandatory,
            required_document_id=document.id,
            note=document.note,
        )
        for document in row.documents
    )


def draft(
    store: Store, applicant: ApplicantData | None = None, version: int | None = None, **changes: Any
) -> ReceptionDraft:
    """A draft that passes every check: the birth registration with all documents received."""
    with store.read_session() as session:
        chosen = version if version is not None else birth_registration(session)
        procedure = session.get(ProcedureVersion, chosen)
        assert procedure is not None
        base = ReceptionDraft(
            applicant=applicant or citizen(),
            procedure_version_id=chosen,
            procedure_code=procedure.procedure.code or "",
            procedure_name=procedure.procedure.name,
            documents=checklist(session, chosen),
            service_started_at=datetime(2026, 3, 2, 2, 25, tzinfo=UTC),
        )
    return replace(base, **changes)
