"""City-wide look-up by code, and the processing department's actions.

The actions follow ``app.domain.lifecycle``'s transition table, with one addition: until
handover batches reach central (issue 6), a department's ``accept_handover`` also takes a
dossier still in ``received`` straight to ``transferred`` (the acceptance stands for the
handover). A supplement may be requested only once (DESIGN "Dossier lifecycle").
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.lifecycle import DossierState, can_transition
from central.context import Caller, CallerDep, CentralDep
from central.errors import ApiError, forbidden, not_found
from central.feed import append_change
from central.models import Dossier, DossierHistory
from central.push import status_data
from central.schemas import (
    ActionRequest,
    DossierOut,
    HistoryStep,
    ProcedureOut,
    errors,
)

router = APIRouter(tags=["dossiers"])

CodePath = Annotated[str, Path(pattern=r"^[0-9A-Za-z.\-]{1,64}$")]

S = DossierState
#: action -> (states it applies to, the state it leads to)
ACTIONS: dict[str, tuple[frozenset[DossierState], DossierState]] = {
    "accept_handover": (frozenset({S.RECEIVED, S.AWAITING_APPROVAL}), S.TRANSFERRED),
    "request_supplement": (frozenset({S.TRANSFERRED}), S.SUPPLEMENT_REQUESTED),
    "supplement_received": (frozenset({S.SUPPLEMENT_REQUESTED}), S.TRANSFERRED),
    "result_ready": (frozenset({S.TRANSFERRED}), S.RESULT_READY),
}
#: Steps central allows beyond the domain table (see the module docstring).
_EXTRA_STEPS = frozenset({(S.RECEIVED, S.TRANSFERRED)})

ACTION_VI = {
    "accept_handover": "tiếp nhận bàn giao",
    "request_supplement": "yêu cầu bổ sung",
    "supplement_received": "nhận hồ sơ bổ sung",
    "result_ready": "có kết quả",
}


def dossier_out(session: Session, dossier: Dossier) -> DossierOut:
    history = session.scalars(
        select(DossierHistory)
        .where(DossierHistory.dossier_id == dossier.id)
        .order_by(DossierHistory.id)
    ).all()
    return DossierOut(
        code=dossier.code,
        state=dossier.state,  # type: ignore[arg-type]
        version=dossier.version,
        procedure=ProcedureOut(code=dossier.procedure_code or None, name=dossier.procedure_name),
        applicant_name=dossier.applicant_name,
        received_at=dossier.received_at,
        central_received_at=dossier.central_received_at,
        due_at=dossier.due_at,
        unit_code=dossier.unit_code,
        counter_code=dossier.counter_code,
        deciding_unit_code=dossier.deciding_unit_code,
        has_files=dossier.files is not None,
        history=[
            HistoryStep(
                from_state=step.from_state,  # type: ignore[arg-type]
                to_state=step.to_state,  # type: ignore[arg-type]
                version=step.version,
                at=step.at,
                by=step.by,
                unit_code=step.unit_code,
                note=step.note,
            )
            for step in history
        ],
    )


def _find(session: Session, code: str, *, lock: bool = False) -> Dossier:
    query = select(Dossier).where(Dossier.code == code.strip().upper())
    if lock:
        query = query.with_for_update()
    dossier = session.scalar(query)
    if dossier is None:
        raise not_found(f"Dossier {code}", f"hồ sơ {code}")
    return dossier


@router.get("/dossiers/{code}", responses=errors(401, 404, 422))
def look_up(code: CodePath, caller: CallerDep, central: CentralDep) -> DossierOut:
    with central.db.transaction() as session:
        return dossier_out(session, _find(session, code))


def _check_officer(caller: Caller, dossier: Dossier) -> None:
    if caller.is_admin:
        return
    caller.require(("officer", "admin"))
    if dossier.deciding_unit_code != caller.unit_code:
        raise forbidden(
            f"Dossier {dossier.code} is decided by {dossier.deciding_unit_code or 'no unit'}, "
            f"not by {caller.unit_code}",
            f"Hồ sơ {dossier.code} do đơn vị {dossier.deciding_unit_code or '(chưa có)'} "
            f"giải quyết, không phải {caller.unit_code}",
        )


@router.post("/dossiers/{code}/actions", responses=errors(401, 403, 404, 409, 422))
def act(code: CodePath, body: ActionRequest, caller: CallerDep, central: CentralDep) -> DossierOut:
    now = central.settings.clock()
    with central.db.transaction() as session:
        dossier = _find(session, code, lock=True)
        _check_officer(caller, dossier)
        if body.expected_version != dossier.version:
            raise ApiError(
                409,
                "conflict",
                f"Dossier {dossier.code} is at version {dossier.version}, not "
                f"{body.expected_version}; reload it and decide again",
                f"Hồ sơ {dossier.code} đã thay đổi (phiên bản {dossier.version}, không phải "
                f"{body.expected_version}); hãy tải lại rồi quyết định",
                current=dossier_out(session, dossier).model_dump(mode="json"),
            )
        sources, target = ACTIONS[body.action]
        current = DossierState(dossier.state)
        allowed = current in sources and (
            can_transition(current, target) or (current, target) in _EXTRA_STEPS
        )
        if allowed and body.action == "request_supplement":
            allowed = (
                session.scalar(
                    select(DossierHistory.id).where(
                        DossierHistory.dossier_id == dossier.id,
                        DossierHistory.to_state == S.SUPPLEMENT_REQUESTED.value,
                    )
                )
                is None
            )
        if not allowed:
            raise ApiError(
                422,
                "invalid_transition",
                f"'{body.action}' is not possible for dossier {dossier.code} in state "
                f"'{dossier.state}'",
                f"Không thể {ACTION_VI[body.action]} cho hồ sơ {dossier.code} ở trạng thái "
                f"hiện tại",
                current=dossier_out(session, dossier).model_dump(mode="json"),
            )
        dossier.version += 1
        dossier.state = target.value
        session.add(
            DossierHistory(
                dossier_id=dossier.id,
                from_state=current.value,
                to_state=target.value,
                version=dossier.version,
                at=now,
                by=caller.full_name,
                unit_code=caller.unit_code,
                note=body.note,
            )
        )
        session.flush()
        append_change(
            session,
            kind="dossier.status",
            entity="dossier",
            entity_id=dossier.code,
            version=dossier.version,
            unit_code=dossier.unit_code,
            data=status_data(
                code=dossier.code,
                state=dossier.state,
                version=dossier.version,
                by=caller.full_name,
                unit_code=dossier.unit_code,
                note=body.note,
                due_at=dossier.due_at,
            ),
            at=now,
        )
        return dossier_out(session, dossier)
