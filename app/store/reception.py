"""Saving a received (or refused) dossier: one write transaction, whole or nothing.

Everything a reception produces is written in a single ``Store.session()``: the applicant
(created or updated), the dossier code taken from the day's blocks, the dossier with its
documents and search entry, its first status-history row, the audit entry and the outbox entry
central will receive. SQLite commits all of it or none of it, so a crash, a full disk or a lock
at any point leaves either the whole dossier or no trace of it, and a number is issued only if
its dossier exists (``tests/store/test_crash_safety.py`` kills the process at every statement).

Numbers come only from blocks: leased by central (``granted_by='central'``) once a central
server is configured, or granted by the counter itself while it runs standalone (no
``sync.central_url``). A counter with central and no number left refuses to save
(:class:`NoCodeAvailable`) instead of inventing one.

The rules of the draft are checked again here, below the UI, with the clock's day in office
time, so a screen bug or a draft restored days later cannot store what the screen would refuse.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session, joinedload

from app.domain.calendar import OfficeHours, WorkingCalendar
from app.domain.clock import to_office_time
from app.domain.dossier_code import MAX_SEQUENCE, DossierCode
from app.domain.errors import NoCodeAvailable
from app.domain.lifecycle import DossierState, check_transition
from app.domain.reception import (
    ApplicantData,
    ApplicantKind,
    FieldProblem,
    ReceptionDraft,
    check_draft,
    normalise_phone,
)
from app.domain.text import nfc
from app.store.applicants import APPLICANT_ENTITY, ApplicantRepository
from app.store.audit import AuditLog
from app.store.calendar import load_working_calendar
from app.store.code_blocks import BlockInfo, CodeBlockRepository
from app.store.counter import (
    IDENTITY_KEYS,
    CounterIdentity,
    read_settings,
    require_counter_identity,
)
from app.store.database import Store
from app.store.dossiers import DossierRepository
from app.store.errors import (
    CounterNotConfigured,
    DatabaseLockedError,
    DiskFullError,
    DossierNotSavedDiskFull,
    DossierNotSavedLocked,
    DraftRejected,
    ProcedureNotInCatalogue,
)
from app.store.models import (
    Applicant,
    Dossier,
    DossierDocument,
    IssuedCode,
    ProcedureVersion,
    StatusHistory,
)
from app.store.outbox import OutboxRepository
from app.store.pages import DEFAULT_SLOT, attach_draft_pages
from app.store.search import SearchIndex
from app.store.settings import SettingsRepository
from app.store.types import utcnow

__all__ = [
    "CENTRAL_URL_KEY",
    "DEFAULT_LOW_THRESHOLD",
    "LOW_THRESHOLD_KEY",
    "STANDALONE_BLOCK_SIZE",
    "CodeSupply",
    "CounterNotConfigured",
    "DraftRejected",
    "NoCodeAvailable",
    "ProcedureNotInCatalogue",
    "ReceivedDossier",
    "ReceptionService",
    "is_standalone",
]

CENTRAL_URL_KEY = "sync.central_url"
LOW_THRESHOLD_KEY = "codes.low_threshold"
DEFAULT_LOW_THRESHOLD = 20
STANDALONE_BLOCK_SIZE = 100
STANDALONE = "standalone"
CENTRAL = "central"

OUTBOX_RECEIVED = "dossier.received"
OUTBOX_REFUSED = "dossier.refused"
DOSSIER_ENTITY = "dossier"


@dataclass(frozen=True)
class ReceivedDossier:
    """What the screen needs right after saving: the code to print and the code supply."""

    dossier_id: int
    code: str
    received_at: datetime
    """Aware UTC; the counter's clock reading (central adds its own time later)."""
    due_at: datetime | None
    """Aware UTC; ``None`` for a refused dossier."""
    local_sequence: int | None
    codes_left_today: int | None
    """Numbers still free in today's leased blocks; ``None`` while standalone."""
    codes_low: bool


@dataclass(frozen=True)
class CodeSupply:
    """For the screen's warning: standalone, or how many leased numbers are left today."""

    standalone: bool
    left_today: int | None
    low: bool


@dataclass(frozen=True)
class _Issued:
    sequence: int
    code: str
    block: BlockInfo
    left: int | None


def _is_standalone_url(url: object) -> bool:
    return not (isinstance(url, str) and url.strip())


def is_standalone(session: Session) -> bool:
    """No central server configured: the counter grants its own blocks."""
    return _is_standalone_url(SettingsRepository(session).get(CENTRAL_URL_KEY))


def _threshold(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return DEFAULT_LOW_THRESHOLD


def _in_effect(version: ProcedureVersion, day: date) -> bool:
    return version.effective_from <= day and (
        version.effective_to is None or version.effective_to >= day
    )


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def _store_problems(draft: ReceptionDraft) -> list[FieldProblem]:
    """Checks the database needs beyond the domain's (CHECK constraints, NOT NULL)."""
    problems: list[FieldProblem] = []
    for position, line in enumerate(draft.documents, start=1):
        if not nfc(line.name).strip():
            problems.append(
                FieldProblem(
                    "documents",
                    f"document line {position} has no name",
                    f"Dòng giấy tờ số {position} chưa có tên",
                )
            )
        if line.copies < 0:
            problems.append(
                FieldProblem(
                    "documents",
                    f"document line {position} has a negative number of copies",
                    f"Dòng giấy tờ số {position}: số bản không được âm",
                )
            )
    return problems


def applicant_snapshot(applicant: Applicant, *, from_card: bool) -> dict[str, Any]:
    """The applicant as received: kept on the dossier so a reprint years later shows what the
    receipt showed, even after the same person's contact details change at a later visit."""
    return {
        "kind": applicant.kind,
        "full_name": applicant.full_name,
        "id_number": applicant.id_number,
        "old_id_number": applicant.old_id_number,
        "date_of_birth": applicant.date_of_birth.isoformat() if applicant.date_of_birth else None,
        "sex": applicant.sex,
        "address": applicant.address,
        "admin_unit_code": applicant.admin_unit_code,
        "phone": applicant.phone,
        "email": applicant.email,
        "tax_code": applicant.tax_code,
        "representative": applicant.representative,
        "from_card": from_card,
    }


class ReceptionService:
    """Receives and refuses dossiers at this counter.

    ``clock`` gives the reception instant (aware); it is read once per save, and that reading
    is the dossier's ``received_at`` and ``counter_clock_at``, its history, audit and outbox
    time. The working calendar is loaded from the store on first use; call
    :meth:`reload_calendar` after central publishes calendar changes.
    """

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime] = utcnow,
        *,
        office_hours: OfficeHours | None = None,
        standalone_block_size: int = STANDALONE_BLOCK_SIZE,
    ) -> None:
        if not 1 <= standalone_block_size <= MAX_SEQUENCE:
            raise ValueError(f"standalone_block_size must be 1..{MAX_SEQUENCE}")
        self._store = store
        self._clock = clock
        self._office_hours = office_hours
        self._block_size = standalone_block_size
        self._calendar: WorkingCalendar | None = None

    # --- public API -------------------------------------------------------------------------

    def receive(
        self, draft: ReceptionDraft, *, page_slot: str | None = DEFAULT_SLOT
    ) -> ReceivedDossier:
        """Save ``draft`` as a received dossier and issue its code (see the module doc). The
        pages digitised in draft slot ``page_slot`` become the dossier's pages in the same
        transaction (``None``: attach none)."""
        return self._save(draft, DossierState.RECEIVED, "", page_slot)

    def refuse(
        self, draft: ReceptionDraft, reason: str, *, page_slot: str | None = DEFAULT_SLOT
    ) -> ReceivedDossier:
        """Record a dossier refused at reception (form 03): it gets a code and its reason, but
        no due date. Missing documents do not block a refusal; they are often its reason. Pages
        digitised meanwhile are kept with it, as a record of what was presented."""
        check_transition(DossierState.RECEIVED, DossierState.REFUSED)
        text = nfc(reason).strip()
        if not text:
            raise DraftRejected(
                [
                    FieldProblem(
                        "refusal_reason",
                        "the reason for refusing is missing",
                        "Chưa nhập lý do từ chối tiếp nhận hồ sơ",
                    )
                ]
            )
        return self._save(draft, DossierState.REFUSED, text, page_slot)

    def code_supply(self) -> CodeSupply:
        """Standalone or not, and the leased numbers left for today (office day)."""
        today = to_office_time(self._now()).date()
        with self._store.read_session() as session:
            values = read_settings(session, (*IDENTITY_KEYS, CENTRAL_URL_KEY, LOW_THRESHOLD_KEY))
            identity = require_counter_identity(session, today, values)
            if _is_standalone_url(values.get(CENTRAL_URL_KEY)):
                return CodeSupply(standalone=True, left_today=None, low=False)
            blocks = CodeBlockRepository(session)
            usable = self._usable_blocks(blocks, identity, today, standalone=False)
            used = blocks.used_sequences(identity.agency_code, today)
            left = _free_count(usable, used)
            return CodeSupply(
                standalone=False,
                left_today=left,
                low=left < _threshold(values.get(LOW_THRESHOLD_KEY)),
            )

    def reload_calendar(self) -> None:
        """Forget the loaded calendar; the next save reads the overrides again."""
        self._calendar = None

    # --- saving -----------------------------------------------------------------------------

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the reception clock must give aware datetimes")
        return now.astimezone(UTC)

    def _working_calendar(self) -> WorkingCalendar:
        if self._calendar is None:
            self._calendar = load_working_calendar(self._store, self._office_hours)
        return self._calendar

    def _save(
        self, draft: ReceptionDraft, state: DossierState, refusal: str, page_slot: str | None
    ) -> ReceivedDossier:
        now = self._now()
        office_now = to_office_time(now)
        today = office_now.date()
        problems = check_draft(draft, today)
        if state is DossierState.REFUSED:
            problems = [problem for problem in problems if problem.field != "documents"]
        problems += _store_problems(draft)
        if problems:
            raise DraftRejected(problems)
        calendar = self._working_calendar() if state is DossierState.RECEIVED else None
        try:
            with self._store.session() as session:
                received = self._write(session, draft, state, refusal, now, today, calendar)
                dossier = session.get(Dossier, received.dossier_id)
                assert dossier is not None
                attach_draft_pages(session, page_slot, dossier, clock=lambda: now)
                return received
        except DiskFullError as error:
            raise DossierNotSavedDiskFull(self._store.paths.database) from error
        except DatabaseLockedError as error:
            raise DossierNotSavedLocked(self._store.paths.database) from error

    def _write(
        self,
        session: Session,
        draft: ReceptionDraft,
        state: DossierState,
        refusal: str,
        now: datetime,
        today: date,
        calendar: WorkingCalendar | None,
    ) -> ReceivedDossier:
        values = read_settings(session, (*IDENTITY_KEYS, CENTRAL_URL_KEY, LOW_THRESHOLD_KEY))
        identity = require_counter_identity(session, today, values)
        version = self._version(session, draft, today)
        applicant = self._upsert_applicant(session, draft.applicant)
        standalone = _is_standalone_url(values.get(CENTRAL_URL_KEY))
        issued = self._issue(session, identity, today, now, standalone)
        due_at = None if calendar is None else self._due(calendar, version, now)
        previous = session.scalar(select(func.max(Dossier.local_sequence)))
        local_sequence = (previous or 0) + 1
        known_documents = {document.id: document for document in version.documents}
        dossier = Dossier(
            code=issued.code,
            procedure_version_id=version.id,
            applicant_id=applicant.id,
            counter_id=identity.counter_id,
            org_unit_id=identity.org_unit_id,
            state=state.value,
            received_at=now,
            due_at=due_at,
            counter_clock_at=now,
            local_sequence=local_sequence,
            delivery_method=draft.delivery_method.value,
            delivery_address=nfc(draft.delivery_address).strip(),
            notes=nfc(draft.notes).strip(),
            queue_ticket=draft.queue_ticket.strip() or None,
            service_started_at=draft.service_started_at,
            service_ended_at=draft.service_ended_at,
            received_by=identity.clerk_name,
            sets=draft.sets,
            missing_reason=nfc(draft.missing_reason).strip(),
            refusal_reason=refusal,
            applicant_snapshot=json.dumps(
                applicant_snapshot(applicant, from_card=draft.applicant.from_card),
                ensure_ascii=False,
            ),
        )
        DossierRepository(session).add(dossier)
        documents = [
            {
                "dossier_id": dossier.id,
                "required_document_id": (
                    line.required_document_id
                    if line.required_document_id in known_documents
                    else None
                ),
                "name": nfc(line.name).strip(),
                "form": line.form.value,
                "copies": line.copies,
                "received": line.received,
                "note": nfc(line.note).strip(),
            }
            for line in draft.documents
        ]
        if documents:
            # One executemany instead of one ORM INSERT per line.
            session.execute(insert(DossierDocument), documents)
        session.add(
            IssuedCode(
                block_id=issued.block.id,
                sequence=issued.sequence,
                code=issued.code,
                dossier_id=dossier.id,
                issued_at=now,
            )
        )
        self._history(session, dossier, identity, state, now)
        payload = self._payload(dossier, documents, draft, version, applicant, identity, issued)
        kind = OUTBOX_REFUSED if state is DossierState.REFUSED else OUTBOX_RECEIVED
        AuditLog(clock=lambda: now).append(
            session,
            identity.clerk_name,
            kind,
            DOSSIER_ENTITY,
            issued.code,
            {
                "code": issued.code,
                "state": state.value,
                "procedure_code": payload["procedure"]["code"],
                "applicant_id": applicant.id,
                "unit": identity.org_unit_code,
                "counter": identity.counter_code,
                "local_sequence": local_sequence,
                "lease_id": issued.block.lease_id,
            },
        )
        OutboxRepository(session, clock=lambda: now).enqueue(
            kind, DOSSIER_ENTITY, issued.code, payload
        )
        low = issued.left is not None and issued.left < _threshold(values.get(LOW_THRESHOLD_KEY))
        return ReceivedDossier(
            dossier_id=dossier.id,
            code=issued.code,
            received_at=now,
            due_at=due_at,
            local_sequence=local_sequence,
            codes_left_today=issued.left,
            codes_low=low,
        )

    def _version(self, session: Session, draft: ReceptionDraft, today: date) -> ProcedureVersion:
        label = draft.procedure_name or draft.procedure_code
        version = (
            None
            if draft.procedure_version_id is None
            else session.scalars(
                select(ProcedureVersion)
                .where(ProcedureVersion.id == draft.procedure_version_id)
                .options(
                    joinedload(ProcedureVersion.procedure),
                    joinedload(ProcedureVersion.documents),
                )
            )
            .unique()
            .first()
        )
        if version is None:
            raise ProcedureNotInCatalogue(
                label,
                today,
                "it is not in this counter's catalogue",
                "thủ tục không có trong danh mục của quầy",
            )
        label = version.procedure.name
        if not _in_effect(version, today):
            until = version.effective_to.isoformat() if version.effective_to else "…"
            until_vi = f"{version.effective_to:%d/%m/%Y}" if version.effective_to else "…"
            raise ProcedureNotInCatalogue(
                label,
                today,
                f"the chosen version applies from {version.effective_from.isoformat()} to {until}",
                f"quy định đã chọn chỉ áp dụng từ {version.effective_from:%d/%m/%Y} đến {until_vi}",
            )
        newer = session.scalar(
            select(ProcedureVersion.effective_from)
            .where(
                ProcedureVersion.procedure_id == version.procedure_id,
                ProcedureVersion.effective_from > version.effective_from,
                ProcedureVersion.effective_from <= today,
                or_(
                    ProcedureVersion.effective_to.is_(None), ProcedureVersion.effective_to >= today
                ),
            )
            .limit(1)
        )
        if newer is not None:
            raise ProcedureNotInCatalogue(
                label,
                today,
                f"a newer version is in effect since {newer.isoformat()}",
                f"đã có quy định mới áp dụng từ {newer:%d/%m/%Y}",
            )
        return version

    # --- applicant --------------------------------------------------------------------------

    def _upsert_applicant(self, session: Session, data: ApplicantData) -> Applicant:
        """Find the applicant by ID number (a person) or tax code (an organisation); create it
        or bring its details up to date with what was given this time."""
        values = _applicant_values(data)
        existing = self._find_applicant(session, data)
        repository = ApplicantRepository(session)
        if existing is None:
            return repository.add(Applicant(**values))
        indexed_before = _indexed(existing)
        for key, value in values.items():
            # A blank field this time keeps what the applicant gave before.
            if value not in (None, "") and getattr(existing, key) != value:
                setattr(existing, key, value)
        session.flush()
        if _indexed(existing) != indexed_before:
            repository.reindex(existing)
        return existing

    @staticmethod
    def _find_applicant(session: Session, data: ApplicantData) -> Applicant | None:
        if data.kind is ApplicantKind.INDIVIDUAL:
            return session.scalars(
                select(Applicant)
                .where(
                    Applicant.kind == ApplicantKind.INDIVIDUAL.value,
                    Applicant.id_number == data.id_number.strip(),
                )
                .order_by(Applicant.updated_at.desc(), Applicant.id.desc())
                .limit(1)
            ).first()
        tax_code = data.tax_code.strip()
        # applicants.tax_code has no index; the search index has every applicant's tax code,
        # so it narrows the look-up to a handful of rows instead of a full scan.
        hits = SearchIndex().search(session, tax_code, entity=APPLICANT_ENTITY, limit=50)
        ids = [int(hit.entity_id) for hit in hits]
        if not ids:
            return None
        return session.scalars(
            select(Applicant)
            .where(
                Applicant.id.in_(ids),
                Applicant.kind == ApplicantKind.ORGANISATION.value,
                Applicant.tax_code == tax_code,
            )
            .order_by(Applicant.updated_at.desc(), Applicant.id.desc())
            .limit(1)
        ).first()

    # --- codes ------------------------------------------------------------------------------

    @staticmethod
    def _usable_blocks(
        blocks: CodeBlockRepository, identity: CounterIdentity, day: date, standalone: bool
    ) -> list[BlockInfo]:
        return [
            block
            for block in blocks.blocks_for(identity.agency_code, day)
            if block.counter_code == identity.counter_code
            and (standalone or block.granted_by == CENTRAL)
        ]

    def _issue(
        self,
        session: Session,
        identity: CounterIdentity,
        day: date,
        now: datetime,
        standalone: bool,
    ) -> _Issued:
        """The lowest free number of today's usable blocks. Runs under the write lock taken
        at BEGIN IMMEDIATE, so nobody can take the same number in between."""
        blocks = CodeBlockRepository(session, clock=lambda: now)
        agency = identity.agency_code
        used = set(blocks.used_sequences(agency, day))
        while True:
            usable = self._usable_blocks(blocks, identity, day, standalone)
            found = _first_free(usable, used)
            if found is None:
                if not standalone:
                    raise NoCodeAvailable(agency, day)
                self._grant_standalone(blocks, identity, day)
                continue
            block, sequence = found
            code = str(DossierCode(agency, day, sequence))
            # A dossier may carry a code this machine did not issue (pulled from central).
            taken = session.scalar(select(Dossier.id).where(Dossier.code == code).limit(1))
            used.add(sequence)
            if taken is not None:
                continue
            left = None if standalone else _free_count(usable, used)
            return _Issued(sequence=sequence, code=code, block=block, left=left)

    def _grant_standalone(
        self, blocks: CodeBlockRepository, identity: CounterIdentity, day: date
    ) -> BlockInfo:
        """The next ``standalone_block_size`` numbers after every block of the day (any
        counter, any grantor), so a standalone block never overlaps an earlier one."""
        agency = identity.agency_code
        highest = max((block.last for block in blocks.blocks_for(agency, day)), default=0)
        first = highest + 1
        if first > MAX_SEQUENCE:
            raise NoCodeAvailable(agency, day)
        last = min(first + self._block_size - 1, MAX_SEQUENCE)
        return blocks.add_block(
            agency,
            day,
            first,
            last,
            f"{STANDALONE}:{agency}:{day.isoformat()}:{first}",
            identity.counter_code,
            granted_by=STANDALONE,
        )

    # --- due date, history, payload ---------------------------------------------------------

    @staticmethod
    def _due(calendar: WorkingCalendar, version: ProcedureVersion, now: datetime) -> datetime:
        received = to_office_time(now)
        value = version.processing_value
        if version.processing_unit == "same_day":
            due = calendar.appointment(received, same_day=True)
        elif version.processing_unit == "working_hours":
            due = calendar.appointment(received, hours=value)
        else:
            due = calendar.appointment(received, days=value)
        return due.astimezone(UTC)

    @staticmethod
    def _history(
        session: Session,
        dossier: Dossier,
        identity: CounterIdentity,
        state: DossierState,
        now: datetime,
    ) -> None:
        steps: list[tuple[str | None, str, str]] = [(None, DossierState.RECEIVED.value, "")]
        if state is DossierState.REFUSED:
            steps.append((DossierState.RECEIVED.value, state.value, dossier.refusal_reason))
        session.add_all(
            StatusHistory(
                dossier_id=dossier.id,
                from_state=from_state,
                to_state=to_state,
                at=now,
                actor=identity.clerk_name,
                org_unit_id=identity.org_unit_id,
                counter_id=identity.counter_id,
                note=note,
            )
            for from_state, to_state, note in steps
        )

    @staticmethod
    def _payload(
        dossier: Dossier,
        documents: list[dict[str, Any]],
        draft: ReceptionDraft,
        version: ProcedureVersion,
        applicant: Applicant,
        identity: CounterIdentity,
        issued: _Issued,
    ) -> dict[str, Any]:
        """Everything central needs to create the dossier on its side (DESIGN "Push")."""
        procedure = version.procedure
        return {
            "code": dossier.code,
            "state": dossier.state,
            "procedure": {
                "code": procedure.code,
                "name": procedure.name,
                "version_effective_from": version.effective_from.isoformat(),
            },
            "applicant": applicant_snapshot(applicant, from_card=draft.applicant.from_card),
            "documents": [
                {
                    "name": document["name"],
                    "form": document["form"],
                    "copies": document["copies"],
                    "received": document["received"],
                    "note": document["note"],
                    "catalogue_position": _position(version, document["required_document_id"]),
                }
                for document in documents
            ],
            "sets": dossier.sets,
            "missing_reason": dossier.missing_reason,
            "delivery": {"method": dossier.delivery_method, "address": dossier.delivery_address},
            "notes": dossier.notes,
            "queue_ticket": dossier.queue_ticket,
            "service_started_at": _iso(dossier.service_started_at),
            "service_ended_at": _iso(dossier.service_ended_at),
            "received_at": _iso(dossier.received_at),
            "counter_clock_at": _iso(dossier.counter_clock_at),
            "due_at": _iso(dossier.due_at),
            "local_sequence": dossier.local_sequence,
            "lease_id": issued.block.lease_id,
            "granted_by": issued.block.granted_by,
            "refusal_reason": dossier.refusal_reason,
            "clerk": identity.clerk_name,
            "counter": {
                "unit_code": identity.org_unit_code,
                "agency_code": identity.agency_code,
                "counter_code": identity.counter_code,
            },
        }


# --- helpers ----------------------------------------------------------------------------------


def _applicant_values(data: ApplicantData) -> dict[str, Any]:
    def text(value: str) -> str | None:
        cleaned = nfc(value).strip()
        return cleaned or None

    return {
        "kind": data.kind.value,
        "full_name": nfc(data.full_name).strip(),
        "id_number": text(data.id_number),
        "old_id_number": text(data.old_id_number),
        "date_of_birth": data.date_of_birth,
        "sex": data.sex,
        "address": nfc(data.address).strip(),
        "admin_unit_code": text(data.admin_unit_code),
        "phone": normalise_phone(data.phone) if data.phone.strip() else None,
        "email": text(data.email),
        "tax_code": text(data.tax_code),
        "representative": text(data.representative),
    }


def _indexed(applicant: Applicant) -> tuple[str | None, ...]:
    return (
        applicant.full_name,
        applicant.id_number,
        applicant.old_id_number,
        applicant.phone,
        applicant.tax_code,
    )


def _position(version: ProcedureVersion, required_document_id: int | None) -> int | None:
    for document in version.documents:
        if document.id == required_document_id:
            return document.position
    return None


def _first_free(blocks: Iterable[BlockInfo], used: Set[int]) -> tuple[BlockInfo, int] | None:
    for block in blocks:
        for sequence in range(block.first, block.last + 1):
            if sequence not in used:
                return block, sequence
    return None


def _free_count(blocks: Iterable[BlockInfo], used: Set[int]) -> int:
    leased: set[int] = set()
    for block in blocks:
        leased.update(range(block.first, block.last + 1))
    return len(leased - used)
