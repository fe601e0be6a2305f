"""Administrator's publications (calendar, catalogue) and the counter list with clock drift."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.context import CallerDep, CentralDep
from central.errors import ApiError
from central.feed import append_change
from central.models import Counter, Publication
from central.schemas import (
    CalendarPublish,
    CataloguePublish,
    CounterOut,
    Published,
    errors,
)

router = APIRouter(tags=["admin"])


def publish(
    session: Session, kind: str, key: str, data: dict[str, Any], by: str, now: datetime
) -> int:
    """Store (or replace) a publication and announce it to everybody in the feed."""
    row = session.scalar(
        select(Publication).where(Publication.kind == kind, Publication.key == key)
    )
    if row is None:
        row = Publication(kind=kind, key=key, data=data, published_at=now, published_by=by)
        session.add(row)
    else:
        row.data, row.published_at, row.published_by = data, now, by
    session.flush()
    return append_change(
        session,
        kind=f"{kind}.published",
        entity=kind,
        entity_id=key,
        version=None,
        unit_code=None,
        data=data,
        at=now,
    )


@router.put("/admin/calendar/{year}", responses=errors(401, 403, 422))
def publish_calendar(
    year: Annotated[int, Path(ge=2000, le=2099)],
    body: CalendarPublish,
    caller: CallerDep,
    central: CentralDep,
) -> Published:
    caller.require(("admin",))
    if any(day.date.year != year for day in body.days):
        raise ApiError(
            422,
            "validation_error",
            f"Every day of the calendar {year} must be in {year}",
            f"Mọi ngày trong lịch năm {year} phải thuộc năm {year}",
        )
    data = {"year": year, "days": [day.model_dump(mode="json") for day in body.days]}
    with central.db.transaction() as session:
        cursor = publish(
            session, "calendar", str(year), data, caller.username, central.settings.clock()
        )
    return Published(kind="calendar", key=str(year), cursor=cursor)


@router.put("/admin/catalogue", responses=errors(401, 403, 422))
def publish_catalogue(body: CataloguePublish, caller: CallerDep, central: CentralDep) -> Published:
    caller.require(("admin",))
    data = {"version": body.version, "procedures": body.procedures}
    with central.db.transaction() as session:
        cursor = publish(
            session, "catalogue", body.version, data, caller.username, central.settings.clock()
        )
    return Published(kind="catalogue", key=body.version, cursor=cursor)


@router.get("/admin/counters", responses=errors(401, 403))
def counters(caller: CallerDep, central: CentralDep) -> list[CounterOut]:
    caller.require(("admin", "deputy"))
    bound = central.settings.drift_bound_s
    query = select(Counter).order_by(Counter.unit_code, Counter.counter_code)
    if not caller.is_admin:
        query = query.where(Counter.unit_code == caller.unit_code)
    with central.db.transaction() as session:
        rows = session.scalars(query).all()
    return [
        CounterOut(
            unit_code=row.unit_code,
            counter_code=row.counter_code,
            last_push_at=row.last_push_at,
            clock_drift_s=row.clock_drift_s,
            clock_flagged=row.clock_drift_s is not None and abs(row.clock_drift_s) > bound,
        )
        for row in rows
    ]
