"""Dossiers written through the store's repositories, for the Dossiers list and screen tests.

Each dossier gets its applicant (ApplicantRepository), the dossier and its search entry
(DossierRepository), its documents and its status history, in one transaction, on whatever
organisation unit, counter and procedure the seeded store holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from app.store.applicants import ApplicantRepository
from app.store.database import Store
from app.store.dossiers import DOSSIER_ENTITY, DossierRepository
from app.store.models import (
    Applicant,
    Counter,
    Dossier,
    DossierDocument,
    OrgUnit,
    Procedure,
    ProcedureVersion,
    StatusHistory,
)
from app.store.schema import SEARCH_TABLE
from app.store.search import index_body

CLERK = "Trần Thị Bình"


@dataclass(frozen=True)
class Step:
    """One later transition (the first, to "received", is always written)."""

    to_state: str
    after: timedelta
    actor: str = "Phòng Tư pháp"
    note: str = ""


@dataclass(frozen=True)
class DemoDossier:
    code: str
    name: str
    received_at: datetime
    due_at: datetime | None
    id_number: str | None = None
    phone: str | None = None
    steps: Sequence[Step] = ()
    documents: Sequence[tuple[str, str, int, bool]] = field(
        default=(("Tờ khai", "original", 1, True), ("Giấy tờ tùy thân", "present", 1, True))
    )
    central_received_at: datetime | None = None
    procedure_code: str | None = None
    received_by: str = CLERK

    @property
    def state(self) -> str:
        return self.steps[-1].to_state if self.steps else "received"


def _places(session: Session) -> tuple[OrgUnit, Counter]:
    counter = session.scalars(select(Counter).order_by(Counter.id)).first()
    assert counter is not None, "the seeded store has no counter"
    return counter.org_unit, counter


def _version_id(session: Session, procedure_code: str | None) -> int:
    query = select(ProcedureVersion.id).join(Procedure).order_by(ProcedureVersion.id)
    if procedure_code is not None:
        query = query.where(Procedure.code == procedure_code)
    version_id = session.scalars(query).first()
    assert version_id is not None, f"no procedure version for {procedure_code!r}"
    return version_id


def add_dossier(session: Session, demo: DemoDossier) -> int:
    unit, counter = _places(session)
    applicant = ApplicantRepository(session).add(
        Applicant(full_name=demo.name, id_number=demo.id_number, phone=demo.phone)
    )
    dossier = Dossier(
        code=demo.code,
        procedure_version_id=_version_id(session, demo.procedure_code),
        applicant_id=applicant.id,
        counter_id=counter.id,
        org_unit_id=unit.id,
        state=demo.state,
        received_at=demo.received_at,
        due_at=demo.due_at,
        counter_clock_at=demo.received_at,
        central_received_at=demo.central_received_at,
        received_by=demo.received_by,
    )
    for name, form, copies, received in demo.documents:
        dossier.documents.append(
            DossierDocument(name=name, form=form, copies=copies, received=received)
        )
    DossierRepository(session).add(dossier)
    history = [
        StatusHistory(
            from_state=None,
            to_state="received",
            at=demo.received_at,
            actor=demo.received_by,
            org_unit_id=unit.id,
            counter_id=counter.id,
        )
    ]
    previous = "received"
    for step in demo.steps:
        history.append(
            StatusHistory(
                from_state=previous,
                to_state=step.to_state,
                at=demo.received_at + step.after,
                actor=step.actor,
                note=step.note,
            )
        )
        previous = step.to_state
    for entry in history:
        entry.dossier_id = dossier.id
    session.add_all(history)
    session.flush()
    return dossier.id


def add_dossiers(store: Store, demos: Sequence[DemoDossier]) -> dict[str, int]:
    """Write ``demos``; returns their ids by code."""
    with store.session() as session:
        return {demo.code: add_dossier(session, demo) for demo in demos}


def bulk_dossiers(store: Store, count: int, start: datetime) -> None:
    """``count`` plain dossiers, one a minute from ``start``, inserted in bulk (query-plan
    tests need many rows, not the repositories' per-row work)."""
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Dung", "Đỗ Minh Đức"]
    states = ["received", "transferred", "returned", "returned", "returned", "refused"]
    with store.session() as session:
        unit, counter = _places(session)
        version_id = _version_id(session, None)
        first_applicant = (session.scalar(select(func.max(Applicant.id))) or 0) + 1
        first_dossier = (session.scalar(select(func.max(Dossier.id))) or 0) + 1
        applicants = []
        dossiers = []
        index_rows = []
        for number in range(count):
            received = start + timedelta(minutes=number)
            name = names[number % len(names)]
            phone = f"09{number:08d}"
            code = f"999.00.00.H26-{received:%y%m%d}-{number % 10000:04d}-{number}"
            applicants.append(
                {"id": first_applicant + number, "full_name": name, "phone": phone, "address": ""}
            )
            dossiers.append(
                {
                    "id": first_dossier + number,
                    "code": code,
                    "procedure_version_id": version_id,
                    "applicant_id": first_applicant + number,
                    "counter_id": counter.id,
                    "org_unit_id": unit.id,
                    "state": states[number % len(states)],
                    "received_at": received,
                    "due_at": received + timedelta(days=5),
                    "counter_clock_at": received,
                    "version": 1,
                }
            )
            index_rows.append(
                {
                    "entity": DOSSIER_ENTITY,
                    "entity_id": str(first_dossier + number),
                    "body": index_body([code, name, phone]),
                }
            )
        session.execute(insert(Applicant), applicants)
        session.execute(insert(Dossier), dossiers)
        session.execute(
            text(
                f"INSERT INTO {SEARCH_TABLE} (entity, entity_id, body) "
                "VALUES (:entity, :entity_id, :body)"
            ),
            index_rows,
        )


# --- a small realistic set, judged at NOW ------------------------------------------------

# Wednesday 4 March 2026, 10:00 in the office (UTC+7).
NOW = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)
H = timedelta(hours=1)
D = timedelta(days=1)


def office(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """An office wall-clock time in 2026, as an aware UTC instant."""
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) - 7 * H


DEMOS = [
    DemoDossier(
        "999.00.00.H26-260304-0001",
        "Nguyễn Văn An",
        received_at=office(4, 8, 30),
        due_at=office(11, 8, 30),
        id_number="001099012345",
        phone="0987000001",
    ),
    DemoDossier(
        "999.00.00.H26-260303-0002",
        "Nguyễn Văn Bình",
        received_at=office(3, 14),
        due_at=office(5, 9),  # tomorrow: due soon
        phone="0987000002",
    ),
    DemoDossier(
        "999.00.00.H26-260220-0003",
        "Trần Thị Cúc",
        received_at=office(20, 9, month=2),
        due_at=office(3, 9),  # yesterday, still at the agency: overdue
        phone="0912345678",
        steps=[Step("awaiting_approval", 2 * H), Step("transferred", D)],
    ),
    DemoDossier(
        "999.00.00.H26-260210-0004",
        "Lê Văn Dũng",
        received_at=office(10, 9, month=2),
        due_at=office(20, 9, month=2),
        steps=[
            Step("awaiting_approval", H),
            Step("transferred", D),
            Step("result_ready", 8 * D, note="Đã ký"),
            Step("returned", 15 * D, actor="Trần Thị Bình"),
        ],
        central_received_at=office(10, 9, 5, month=2),
    ),
    DemoDossier(
        "999.00.00.H26-260216-0005",
        "Phạm Thị Én",
        received_at=office(16, 9, month=2),
        due_at=office(26, 9, month=2),
        steps=[
            Step("awaiting_approval", H),
            Step("transferred", D),
            Step("supplement_requested", 2 * D, note="Thiếu giấy chứng sinh"),
        ],
    ),
    DemoDossier(
        "999.00.00.H26-260304-0006",
        "Nguyễn Thị Phương",
        received_at=office(4, 9, 15),
        due_at=None,
        steps=[Step("refused", 10 * timedelta(minutes=1), actor="Trần Thị Bình")],
    ),
    DemoDossier(
        "999.00.00.H26-260304-0007",
        "Hoàng Văn Giang",
        received_at=office(4, 0, 10),  # just after midnight office time: today
        due_at=office(6, 9),  # after the end of the next working day: within time
    ),
    DemoDossier(
        "999.00.00.H26-260303-0008",
        "Đỗ Thị Hà",
        received_at=office(3, 23, 50),  # just before midnight office time: yesterday
        due_at=office(10, 9),
    ),
]
BY_NAME = {demo.name: demo for demo in DEMOS}
