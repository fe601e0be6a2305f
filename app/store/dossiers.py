"""Dossiers: insertion with their search entry, and look-up by what a clerk types.

The search entry carries the dossier code, the applicant's name, ID numbers and phone, so
"a piece of the code", "the phone" or "the citizen's name" all find the dossier. It is written
in the same transaction as the dossier, so the index never lists a dossier that was rolled
back. Full reception (codes, deadlines, documents, outbox) is built on top of this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Applicant, Dossier, Procedure, ProcedureVersion
from app.store.search import SearchIndex

DOSSIER_ENTITY = "dossier"


@dataclass(frozen=True)
class DossierSummary:
    """A row of a dossier list."""

    id: int
    code: str
    state: str
    received_at: datetime
    due_at: datetime | None
    applicant_name: str
    applicant_phone: str | None
    procedure_code: str | None
    procedure_name: str


class DossierRepository:
    def __init__(self, session: Session) -> None:
        self._session = session
        self._index = SearchIndex()

    def add(self, dossier: Dossier) -> Dossier:
        """Insert ``dossier`` (its applicant must exist) and index it."""
        self._session.add(dossier)
        self._session.flush()
        self.reindex(dossier)
        return dossier

    def reindex(self, dossier: Dossier) -> None:
        applicant = self._session.get(Applicant, dossier.applicant_id)
        texts: list[str | None] = [dossier.code]
        if applicant is not None:
            texts += [
                applicant.full_name,
                applicant.id_number,
                applicant.old_id_number,
                applicant.phone,
                applicant.tax_code,
            ]
        self._index.put(self._session, DOSSIER_ENTITY, dossier.id, *texts)

    def get(self, dossier_id: int) -> Dossier | None:
        return self._session.get(Dossier, dossier_id)

    def by_code(self, code: str) -> Dossier | None:
        return self._session.scalar(select(Dossier).where(Dossier.code == code.strip()))

    def find(self, text: str, limit: int = 50) -> list[DossierSummary]:
        """Dossiers matching ``text``, best match first."""
        hits = self._index.search(self._session, text, entity=DOSSIER_ENTITY, limit=limit)
        order = {int(hit.entity_id): position for position, hit in enumerate(hits)}
        if not order:
            return []
        rows = self._session.execute(
            select(Dossier, Applicant, Procedure)
            .join(Applicant, Applicant.id == Dossier.applicant_id)
            .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
            .join(Procedure, Procedure.id == ProcedureVersion.procedure_id)
            .where(Dossier.id.in_(order))
        ).all()
        summaries = [
            DossierSummary(
                id=dossier.id,
                code=dossier.code,
                state=dossier.state,
                received_at=dossier.received_at,
                due_at=dossier.due_at,
                applicant_name=applicant.full_name,
                applicant_phone=applicant.phone,
                procedure_code=procedure.code,
                procedure_name=procedure.name,
            )
            for dossier, applicant, procedure in rows
        ]
        return sorted(summaries, key=lambda summary: order[summary.id])
