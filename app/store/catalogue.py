"""The procedure catalogue as the reception screen needs it.

A clerk picks the procedure by typing a few words without accents or a code fragment; what
is shown must be the version in effect on the reception day, since documents, fees and times
change by decision. ``effective_to`` is the last day a version applies; if two versions
overlap on a boundary day (sources disagree on inclusive/exclusive ends) the later one wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from app.store.models import Procedure, ProcedureVersion, RequiredDocument
from app.store.search import SearchIndex

PROCEDURE_ENTITY = "procedure"


@dataclass(frozen=True)
class ProcedureSummary:
    procedure_id: int
    version_id: int
    code: str | None
    name: str
    field: str
    processing_unit: str
    processing_value: float
    fee_text: str
    deciding_agency: str
    documents: int


@dataclass(frozen=True)
class RequiredDocumentInfo:
    id: int
    position: int
    name: str
    form: str
    mandatory: bool
    copies: int
    note: str


@dataclass(frozen=True)
class ProcedureVersionDetail:
    procedure_id: int
    version_id: int
    code: str | None
    name: str
    field: str
    level: str
    effective_from: date
    effective_to: date | None
    processing_unit: str
    processing_value: float
    fee_text: str
    fee_amount_vnd: int | None
    deciding_agency: str
    legal_basis: tuple[str, ...]
    source_url: str
    documents: tuple[RequiredDocumentInfo, ...]


def index_procedure(session: Session, procedure: Procedure) -> None:
    """Keep the search index entry of a procedure in step with its code, name and field."""
    SearchIndex().put(
        session, PROCEDURE_ENTITY, procedure.id, procedure.code, procedure.name, procedure.field
    )


def _in_effect(on: date) -> Select[tuple[int, int]]:
    """(procedure_id, version_id) of the one version in effect on ``on`` per procedure."""
    ranked = (
        select(
            ProcedureVersion.procedure_id,
            ProcedureVersion.id.label("version_id"),
            func.row_number()
            .over(
                partition_by=ProcedureVersion.procedure_id,
                order_by=ProcedureVersion.effective_from.desc(),
            )
            .label("position"),
        )
        .where(
            ProcedureVersion.effective_from <= on,
            or_(ProcedureVersion.effective_to.is_(None), ProcedureVersion.effective_to >= on),
        )
        .subquery()
    )
    return select(ranked.c.procedure_id, ranked.c.version_id).where(ranked.c.position == 1)


class CatalogueRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def search(
        self, text: str = "", limit: int = 50, on: date | None = None
    ) -> list[ProcedureSummary]:
        """Procedures matching ``text`` (accent-insensitive), each in its version in effect on
        ``on`` (the machine's local today by default: the counter's calendar day). Empty text
        lists all, by field then name."""
        day = on or date.today()
        current = _in_effect(day).subquery()
        documents = (
            select(func.count(RequiredDocument.id))
            .where(RequiredDocument.procedure_version_id == ProcedureVersion.id)
            .scalar_subquery()
        )
        query = (
            select(Procedure, ProcedureVersion, documents)
            .join(current, current.c.procedure_id == Procedure.id)
            .join(ProcedureVersion, ProcedureVersion.id == current.c.version_id)
        )
        if text.strip():
            hits = SearchIndex().search(self._session, text, entity=PROCEDURE_ENTITY, limit=None)
            order = {int(hit.entity_id): position for position, hit in enumerate(hits)}
            if not order:
                return []
            rows = self._session.execute(query.where(Procedure.id.in_(order))).all()
            rows = sorted(rows, key=lambda row: order[row[0].id])[:limit]
        else:
            rows = list(
                self._session.execute(
                    query.order_by(Procedure.field, Procedure.name, Procedure.code).limit(limit)
                ).all()
            )
        return [
            ProcedureSummary(
                procedure_id=procedure.id,
                version_id=version.id,
                code=procedure.code,
                name=procedure.name,
                field=procedure.field,
                processing_unit=version.processing_unit,
                processing_value=version.processing_value,
                fee_text=version.fee_text,
                deciding_agency=version.deciding_agency,
                documents=count,
            )
            for procedure, version, count in rows
        ]

    def get_version(self, version_id: int) -> ProcedureVersionDetail | None:
        version = self._session.get(ProcedureVersion, version_id)
        if version is None:
            return None
        procedure = version.procedure
        return ProcedureVersionDetail(
            procedure_id=procedure.id,
            version_id=version.id,
            code=procedure.code,
            name=procedure.name,
            field=procedure.field,
            level=procedure.level,
            effective_from=version.effective_from,
            effective_to=version.effective_to,
            processing_unit=version.processing_unit,
            processing_value=version.processing_value,
            fee_text=version.fee_text,
            fee_amount_vnd=version.fee_amount_vnd,
            deciding_agency=version.deciding_agency,
            legal_basis=tuple(line for line in version.legal_basis.splitlines() if line),
            source_url=version.source_url,
            documents=tuple(
                RequiredDocumentInfo(
                    id=document.id,
                    position=document.position,
                    name=document.name,
                    form=document.form,
                    mandatory=document.mandatory,
                    copies=document.copies,
                    note=document.note,
                )
                for document in version.documents
            ),
        )

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(Procedure)) or 0
