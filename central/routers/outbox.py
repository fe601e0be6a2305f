"""``POST /outbox``: the push of a batch of entries, each answered as if sent alone (see
:func:`central.push.push_entries`)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from central.context import CallerDep, CentralDep
from central.models import Counter
from central.push import push_entries
from central.schemas import PushRequest, PushResponse, errors

router = APIRouter(tags=["outbox"])

PUSH_ROLES = ("clerk", "deputy", "admin")


@router.post("/outbox", responses=errors(401, 403, 422))
def push(body: PushRequest, caller: CallerDep, central: CentralDep) -> PushResponse:
    caller.require(PUSH_ROLES)
    now = central.settings.clock()
    drift = None if body.sent_at is None else (body.sent_at - now).total_seconds()
    results = push_entries(central, caller, body.entries, now)
    if caller.counter_code is not None:
        with central.db.transaction() as session:
            counter = session.scalar(
                select(Counter).where(
                    Counter.unit_code == caller.unit_code,
                    Counter.counter_code == caller.counter_code,
                )
            )
            if counter is None:
                counter = Counter(unit_code=caller.unit_code, counter_code=caller.counter_code)
                session.add(counter)
            counter.last_push_at = now
            if drift is not None:
                counter.clock_drift_s = drift
    return PushResponse(
        results=results,
        server_time=now,
        clock_drift_s=drift,
        clock_flagged=drift is not None and abs(drift) > central.settings.drift_bound_s,
    )
