"""``POST /code-blocks/lease``: blocks of dossier numbers for the caller's counter.

The per agency-and-day row of ``number_sequences`` is locked (``FOR UPDATE``; on SQLite the
transaction holds the write lock from BEGIN IMMEDIATE) before its highest number is read, so
two counters asking at the same moment never receive overlapping blocks.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from fastapi import APIRouter
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.dossier_code import MAX_SEQUENCE, is_valid_agency_code
from central.context import CallerDep, CentralDep, counter_required
from central.errors import ApiError, forbidden
from central.feed import append_change
from central.models import CodeBlockLease, NumberSequence, Unit
from central.schemas import BlockOut, LeaseRequest, LeaseResponse, errors

router = APIRouter(tags=["code blocks"])


@router.post("/code-blocks/lease", responses=errors(401, 403, 409, 422))
def lease(body: LeaseRequest, caller: CallerDep, central: CentralDep) -> LeaseResponse:
    caller.require(("clerk", "deputy", "admin"))
    counter_code = counter_required(caller)
    if not is_valid_agency_code(body.agency_code):
        raise ApiError(
            422,
            "validation_error",
            f"{body.agency_code!r} is not an agency code of the form 000.00.00.A00",
            f"«{body.agency_code}» không phải mã định danh dạng 000.00.00.A00",
        )
    now = central.settings.clock()
    for attempt in range(3):
        try:
            with central.db.transaction() as session:
                unit = session.get(Unit, caller.unit_code)
                if unit is None or unit.agency_code != body.agency_code:
                    raise forbidden(
                        f"Unit {caller.unit_code} cannot lease numbers of {body.agency_code}",
                        f"Đơn vị {caller.unit_code} không được cấp số của mã {body.agency_code}",
                    )
                blocks = [
                    _lease_day(session, body, day, caller.unit_code, counter_code, now)
                    for day in sorted(set(body.days))
                ]
                for block in blocks:
                    append_change(
                        session,
                        kind="code_block.leased",
                        entity="code_block",
                        entity_id=block.lease_id,
                        version=None,
                        unit_code=caller.unit_code,
                        data=block.model_dump(mode="json"),
                        at=now,
                    )
                return LeaseResponse(blocks=blocks)
        except IntegrityError:
            # PostgreSQL: two first leases of a day both inserted the sequence row.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _lease_day(
    session: Session,
    body: LeaseRequest,
    day: date,
    unit_code: str,
    counter_code: str,
    now: datetime,
) -> BlockOut:
    sequence = session.scalar(
        select(NumberSequence)
        .where(NumberSequence.agency_code == body.agency_code, NumberSequence.day == day)
        .with_for_update()
    )
    if sequence is None:
        sequence = NumberSequence(agency_code=body.agency_code, day=day, last_number=0)
        session.add(sequence)
        session.flush()
    first = sequence.last_number + 1
    if first > MAX_SEQUENCE:
        raise ApiError(
            409,
            "numbers_exhausted",
            f"Every number of {body.agency_code} for {day.isoformat()} is already leased",
            f"Đã cấp hết số hồ sơ của mã {body.agency_code} cho ngày {day:%d/%m/%Y}",
        )
    last = min(first + body.size - 1, MAX_SEQUENCE)
    sequence.last_number = last
    lease_id = str(uuid.uuid4())
    session.add(
        CodeBlockLease(
            lease_id=lease_id,
            agency_code=body.agency_code,
            day=day,
            first=first,
            last=last,
            unit_code=unit_code,
            counter_code=counter_code,
            leased_at=now,
        )
    )
    session.flush()
    return BlockOut(
        lease_id=lease_id,
        agency_code=body.agency_code,
        day=day,
        first=first,
        last=last,
        counter_code=counter_code,
    )
