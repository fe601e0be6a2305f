"""Dossiers: insertion with their search entry, look-up by what a clerk types, and the lists.

The search entry carries the dossier code, the applicant's name, ID numbers and phone, so
"a piece of the code", "the phone" or "the citizen's name" all find the dossier. It is written
in the same transaction as the dossier, so the index never lists a dossier that was rolled
back. Full reception (codes, deadlines, documents, outbox) is built on top of this.

The lists (:meth:`DossierRepository.list_page`, :meth:`DossierRepository.count`) must stay fast
with hundreds of thousands of dossiers, on a counter PC, on the database thread that also saves
receptions. So every listing is newest first on ``(received_at, id)``, paged by key
(:class:`PageKey`: the next page starts below the last row shown, an index seek instead of an
ever-growing OFFSET), and the text condition is bounded: the search index yields at most
:data:`TEXT_MATCH_CAP` dossiers, the most recently indexed first. A query as broad as "0" or
"nguyen" would otherwise read every index entry and hold the database thread for seconds; a
list that hits the cap says so (:meth:`DossierRepository.text_truncated`) and the clerk types
more. Below the cap the result is exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    event,
    func,
    literal,
    select,
    text,
    tuple_,
)
from sqlalchemy.orm import Session

from app.domain.calendar import CalendarOverride, OverrideKind, WorkingCalendar
from app.domain.lifecycle import STATE_LABEL_VI, DossierState
from app.domain.reception import ApplicantData, ApplicantKind, DeliveryMethod
from app.store.dossier_values import (
    CLOCK_RUNNING_STATES,
    FINISHED_STATES,
    DossierDetail,
    DossierDocumentRow,
    DossierFilter,
    DossierSummary,
    DueStatus,
    HistoryEntry,
    PageKey,
    due_soon_limit,
    due_status,
    finished_timeliness,
    office_day_bounds,
)
from app.store.models import (
    Applicant,
    Counter,
    Dossier,
    DossierDocument,
    OrgUnit,
    Page,
    Procedure,
    ProcedureVersion,
    StatusHistory,
)
from app.store.models import (
    CalendarOverride as CalendarOverrideRow,
)
from app.store.schema import SEARCH_TABLE
from app.store.search import SearchIndex, match_expression
from app.store.settings import SettingsRepository
from app.store.types import UtcDateTime

__all__ = [
    "DOSSIER_ENTITY",
    "PAGE_SIZE",
    "TEXT_MATCH_CAP",
    "DossierDetail",
    "DossierDocumentRow",
    "DossierFilter",
    "DossierRepository",
    "DossierSummary",
    "DueStatus",
    "HistoryEntry",
    "PageKey",
]

DOSSIER_ENTITY = "dossier"
PAGE_SIZE = 200
TEXT_MATCH_CAP = 5000
"""At most this many dossiers come out of the search index for one listing."""
CENTRAL_URL_SETTING = "sync.central_url"
"""Same key as ``app.store.reception.CENTRAL_URL_KEY`` (which imports this module)."""

_FINISHED = tuple(state.value for state in FINISHED_STATES)
_RUNNING = frozenset(state.value for state in CLOCK_RUNNING_STATES)


def _state_label(state: str | None) -> str:
    if state is None:
        return ""
    try:
        return STATE_LABEL_VI[DossierState(state)]
    except ValueError:
        return state


def _sex(value: str | None) -> Any:
    return value if value in ("male", "female") else None


def _applicant_data(applicant: Applicant) -> ApplicantData:
    try:
        kind = ApplicantKind(applicant.kind)
    except ValueError:
        kind = ApplicantKind.INDIVIDUAL
    return ApplicantData(
        kind=kind,
        full_name=applicant.full_name,
        id_number=applicant.id_number or "",
        old_id_number=applicant.old_id_number or "",
        date_of_birth=applicant.date_of_birth,
        sex=_sex(applicant.sex),
        address=applicant.address or "",
        admin_unit_code=applicant.admin_unit_code or "",
        phone=applicant.phone or "",
        email=applicant.email or "",
        tax_code=applicant.tax_code or "",
        representative=applicant.representative or "",
    )


def _delivery(value: str) -> DeliveryMethod | str:
    try:
        return DeliveryMethod(value)
    except ValueError:
        return value


def calendar_from_session(session: Session) -> WorkingCalendar:
    """The working calendar from the overrides this database holds (see app.store.calendar)."""
    rows = session.scalars(select(CalendarOverrideRow).order_by(CalendarOverrideRow.day)).all()
    return WorkingCalendar(
        CalendarOverride(
            day=row.day,
            kind=cast(OverrideKind, row.kind),
            reason=row.reason,
            source=row.source,
            published_on=row.published_on,
        )
        for row in rows
    )


class DossierRepository:
    """Dossier reads and writes inside the caller's session.

    ``calendar`` decides what "due soon" means (:func:`due_soon_limit`); when not given it is
    read from this database the first time a listing needs it.
    """

    def __init__(self, session: Session, calendar: WorkingCalendar | None = None) -> None:
        self._session = session
        self._index = SearchIndex()
        self._calendar = calendar

    # --- writing ----------------------------------------------------------------------------

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
        # The digitised pages' OCR text, so a word read on a page finds its dossier. Each word
        # once: a query matches words, not phrases, and folding the text is the costly part.
        ocr = self._session.scalars(
            select(Page.ocr_text)
            .join(DossierDocument, DossierDocument.id == Page.document_id)
            .where(DossierDocument.dossier_id == dossier.id, Page.ocr_text.is_not(None))
            .order_by(DossierDocument.id, Page.position, Page.id)
        )
        texts.append(" ".join(dict.fromkeys(word for page in ocr for word in (page or "").split())))
        self._index.put(self._session, DOSSIER_ENTITY, dossier.id, *texts)

    # --- single look-ups --------------------------------------------------------------------

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
                applicant_id_number=applicant.id_number,
            )
            for dossier, applicant, procedure in rows
        ]
        return sorted(summaries, key=lambda summary: order[summary.id])

    # --- lists ------------------------------------------------------------------------------

    def list_page(
        self,
        filters: DossierFilter,
        offset: int = 0,
        limit: int = PAGE_SIZE,
        after: PageKey | None = None,
    ) -> list[DossierSummary]:
        """One page of the dossiers matching ``filters``, newest first (received_at, id).

        Page by key: pass the last row's :attr:`DossierSummary.page_key` as ``after`` (an
        index seek, as fast on the 2,000th page as on the first). ``offset`` is there for
        callers that jump to a row number, and costs a walk over the skipped rows.
        """
        _check_now(filters.now)
        conditions = self._conditions(filters)
        if conditions is None or limit <= 0:
            return []
        if after is not None:
            conditions.append(
                tuple_(Dossier.received_at, Dossier.id)
                < tuple_(literal(after.received_at, UtcDateTime()), literal(after.id, Integer()))
            )
        # The page's ids first, from dossiers alone (an index walk in list order, stopped
        # at ``limit``); names and the finishing moment are then looked up for those rows only.
        page = (
            select(Dossier.id)
            .where(*conditions)
            .order_by(Dossier.received_at.desc(), Dossier.id.desc())
            .offset(max(offset, 0))
            .limit(limit)
            .subquery("page")
        )
        statement = (
            self._summary_select()
            .join(page, page.c.id == Dossier.id)
            .order_by(Dossier.received_at.desc(), Dossier.id.desc())
        )
        return self._summaries(statement, filters.now)

    def count(self, filters: DossierFilter) -> int:
        """How many dossiers match ``filters`` (at most :data:`TEXT_MATCH_CAP` with text)."""
        _check_now(filters.now)
        conditions = self._conditions(filters)
        if conditions is None:
            return 0
        statement = select(func.count()).select_from(Dossier).where(*conditions)
        return int(self._session.scalar(statement) or 0)

    def text_truncated(self, filters: DossierFilter) -> bool:
        """Whether the text matches more dossiers than a listing takes from the index."""
        expression = match_expression(filters.text)
        if expression is None:
            return False
        matches = self._session.scalar(
            text(
                f"SELECT count(*) FROM (SELECT 1 FROM {SEARCH_TABLE} "
                f"WHERE {SEARCH_TABLE} MATCH :expression AND entity = :entity LIMIT :limit)"
            ),
            {"expression": expression, "entity": DOSSIER_ENTITY, "limit": TEXT_MATCH_CAP + 1},
        )
        return int(matches or 0) > TEXT_MATCH_CAP

    def summaries(self, dossier_ids: Iterable[int], now: datetime) -> list[DossierSummary]:
        """Fresh list rows of the given dossiers (in that order; unknown ids are left out)."""
        _check_now(now)
        wanted = list(dict.fromkeys(dossier_ids))
        if not wanted:
            return []
        found = {
            summary.id: summary
            for summary in self._summaries(
                self._summary_select().where(Dossier.id.in_(wanted)), now
            )
        }
        return [found[dossier_id] for dossier_id in wanted if dossier_id in found]

    def explain(self, filters: DossierFilter, after: PageKey | None = None) -> list[str]:
        """SQLite's plan of the page query and the count query (one line per step), taken from
        the very statements :meth:`list_page` and :meth:`count` send, for tests and diagnosis."""
        connection = self._session.connection()
        sent: list[tuple[str, Any]] = []

        def capture(*args: Any) -> None:
            sent.append((args[2], args[3]))

        event.listen(connection, "before_cursor_execute", capture)
        try:
            self.list_page(filters, after=after)
            self.count(filters)
        finally:
            event.remove(connection, "before_cursor_execute", capture)
        plan: list[str] = []
        for statement, parameters in sent:
            if "FROM dossiers" not in statement:
                continue
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            plan.extend(str(row[-1]) for row in rows)
        return plan

    # --- one dossier ------------------------------------------------------------------------

    def history(self, dossier_id: int) -> list[HistoryEntry]:
        """The transitions of a dossier, oldest first, with Vietnamese state labels."""
        rows = self._session.execute(
            select(StatusHistory, Counter.name, OrgUnit.name)
            .outerjoin(Counter, Counter.id == StatusHistory.counter_id)
            .outerjoin(OrgUnit, OrgUnit.id == StatusHistory.org_unit_id)
            .where(StatusHistory.dossier_id == dossier_id)
            .order_by(StatusHistory.at, StatusHistory.id)
        ).all()
        entries: list[HistoryEntry] = []
        for row, counter_name, unit_name in rows:
            place = counter_name or unit_name or ""
            entries.append(
                HistoryEntry(
                    at=row.at,
                    actor=row.actor,
                    from_state=row.from_state,
                    to_state=row.to_state,
                    from_label_vi=_state_label(row.from_state),
                    to_label_vi=_state_label(row.to_state),
                    note=row.note or "",
                    place=place,
                )
            )
        return entries

    def detail(self, dossier_id: int, now: datetime) -> DossierDetail | None:
        """Everything the detail view shows, or ``None`` for an unknown id."""
        _check_now(now)
        dossier = self._session.get(Dossier, dossier_id)
        if dossier is None:
            return None
        version = dossier.procedure_version
        procedure = version.procedure
        unit = self._session.get(OrgUnit, dossier.org_unit_id)
        counter = self._session.get(Counter, dossier.counter_id) if dossier.counter_id else None
        page_counts = (
            select(Page.document_id, func.count(Page.id).label("pages"))
            .group_by(Page.document_id)
            .subquery()
        )
        documents = self._session.execute(
            select(DossierDocument, func.coalesce(page_counts.c.pages, 0))
            .outerjoin(page_counts, page_counts.c.document_id == DossierDocument.id)
            .where(DossierDocument.dossier_id == dossier.id)
            .order_by(DossierDocument.id)
        ).all()
        finished_at = self._finished_at(dossier.id)
        return DossierDetail(
            id=dossier.id,
            code=dossier.code,
            state=dossier.state,
            received_at=dossier.received_at,
            due_at=dossier.due_at,
            applicant=_applicant_data(dossier.applicant),
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            processing_unit=version.processing_unit,
            processing_value=version.processing_value,
            deciding_agency=version.deciding_agency,
            documents=tuple(
                DossierDocumentRow(
                    name=document.name,
                    form=document.form,
                    copies=document.copies,
                    received=document.received,
                    note=document.note or "",
                    page_count=int(pages),
                )
                for document, pages in documents
            ),
            sets=dossier.sets,
            missing_reason=dossier.missing_reason,
            delivery_method=_delivery(dossier.delivery_method),
            delivery_address=dossier.delivery_address,
            notes=dossier.notes,
            refusal_reason=dossier.refusal_reason,
            received_by=dossier.received_by,
            counter_name=counter.name if counter is not None else "",
            org_unit_name=unit.name if unit is not None else "",
            queue_ticket=dossier.queue_ticket or "",
            provisional=self._central_configured() and dossier.central_received_at is None,
            central_received_at=dossier.central_received_at,
            finished_at=finished_at,
            due_status=due_status(dossier.state, dossier.due_at, now, self._soon_limit(now)),
            timeliness=finished_timeliness(dossier.state, dossier.due_at, finished_at, now),
            history=tuple(self.history(dossier.id)),
        )

    # --- building blocks --------------------------------------------------------------------

    def _conditions(self, filters: DossierFilter) -> list[ColumnElement[bool]] | None:
        """The WHERE conditions of a listing; ``None`` when nothing can match."""
        conditions: list[ColumnElement[bool]] = []
        states = set(filters.states)
        if filters.due != "any":
            states = (states & _RUNNING) if states else set(_RUNNING)
            if not states:
                return None
        if states:
            conditions.append(Dossier.state.in_(sorted(states)))
        if filters.due == "overdue":
            conditions.append(Dossier.due_at < filters.now)
        elif filters.due == "due_soon":
            conditions.append(Dossier.due_at >= filters.now)
            conditions.append(Dossier.due_at < self._soon_limit(filters.now))
        if filters.received_on is not None:
            start, end = office_day_bounds(filters.received_on)
            conditions.append(Dossier.received_at >= start)
            conditions.append(Dossier.received_at < end)
        expression = match_expression(filters.text)
        if expression is not None:
            matching = (
                text(
                    f"SELECT CAST(entity_id AS INTEGER) AS id FROM {SEARCH_TABLE} "
                    f"WHERE {SEARCH_TABLE} MATCH :fts_expression AND entity = :fts_entity "
                    "ORDER BY rowid DESC LIMIT :fts_cap"
                )
                .bindparams(
                    fts_expression=expression, fts_entity=DOSSIER_ENTITY, fts_cap=TEXT_MATCH_CAP
                )
                .columns(id=Integer)
            )
            conditions.append(Dossier.id.in_(matching))
        return conditions

    @staticmethod
    def _summary_select() -> Select[Any]:
        finished = (
            select(func.min(StatusHistory.at))
            .where(StatusHistory.dossier_id == Dossier.id, StatusHistory.to_state.in_(_FINISHED))
            .correlate(Dossier)
            .scalar_subquery()
        )
        # Dossiers first, the rest looked up by key: the plan must walk the dossiers' indexes
        # in list order, never start from the (small) procedure tables.
        return (
            select(
                Dossier.id,
                Dossier.code,
                Dossier.state,
                Dossier.received_at,
                Dossier.due_at,
                Dossier.central_received_at,
                Applicant.full_name,
                Applicant.phone,
                Applicant.id_number,
                Procedure.code.label("procedure_code"),
                Procedure.name.label("procedure_name"),
                finished.label("finished_at"),
            )
            .select_from(Dossier)
            .outerjoin(Applicant, Applicant.id == Dossier.applicant_id)
            .outerjoin(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
            .outerjoin(Procedure, Procedure.id == ProcedureVersion.procedure_id)
        )

    def _summaries(self, statement: Select[Any], now: datetime) -> list[DossierSummary]:
        rows = self._session.execute(statement).all()
        if not rows:
            return []
        soon = self._soon_limit(now)
        central = self._central_configured()
        return [
            DossierSummary(
                id=row.id,
                code=row.code,
                state=row.state,
                received_at=row.received_at,
                due_at=row.due_at,
                applicant_name=row.full_name or "",
                applicant_phone=row.phone,
                procedure_code=row.procedure_code,
                procedure_name=row.procedure_name or "",
                applicant_id_number=row.id_number,
                finished_at=row.finished_at,
                provisional=central and row.central_received_at is None,
                due_status=due_status(row.state, row.due_at, now, soon),
                timeliness=finished_timeliness(row.state, row.due_at, row.finished_at, now),
            )
            for row in rows
        ]

    def _finished_at(self, dossier_id: int) -> datetime | None:
        return self._session.scalar(
            select(func.min(StatusHistory.at)).where(
                StatusHistory.dossier_id == dossier_id, StatusHistory.to_state.in_(_FINISHED)
            )
        )

    def _soon_limit(self, now: datetime) -> datetime:
        if self._calendar is None:
            self._calendar = calendar_from_session(self._session)
        return due_soon_limit(now, self._calendar)

    def _central_configured(self) -> bool:
        value = SettingsRepository(self._session).get(CENTRAL_URL_SETTING)
        return isinstance(value, str) and bool(value.strip())


def _check_now(now: datetime) -> None:
    if now.tzinfo is None:
        raise ValueError(f"naive datetime {now!r}: pass an aware datetime")
