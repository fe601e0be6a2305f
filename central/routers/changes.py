"""``GET /changes``: the feed after a cursor, filtered to what concerns the caller's unit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import or_, select

from central.context import CallerDep, CentralDep
from central.models import Change
from central.schemas import ChangeOut, ChangesPage, errors

router = APIRouter(tags=["changes"])


@router.get("/changes", responses=errors(401, 422))
def changes(
    caller: CallerDep,
    central: CentralDep,
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> ChangesPage:
    query = select(Change).where(Change.cursor > cursor)
    if not caller.is_admin:
        query = query.where(or_(Change.unit_code.is_(None), Change.unit_code == caller.unit_code))
    with central.db.transaction() as session:
        rows = session.scalars(query.order_by(Change.cursor).limit(limit + 1)).all()
    page = rows[:limit]
    return ChangesPage(
        changes=[
            ChangeOut(
                cursor=row.cursor,
                kind=row.kind,
                entity=row.entity,
                entity_id=row.entity_id,
                version=row.version,
                at=row.at,
                data=row.data,
            )
            for row in page
        ],
        next_cursor=page[-1].cursor if page else cursor,
        has_more=len(rows) > limit,
    )
