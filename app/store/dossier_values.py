"""The values of the dossier list and the dossier detail, and the due-date rules they follow.

This module is pure (no SQLAlchemy, no Qt): the screens import it at start-up, before the
store is open, and the rules below are tested without a database. The queries that fill these
values live in :mod:`app.store.dossiers`.

Which dossiers have a running clock, and so can be *due soon* or *overdue*:

* received, awaiting the deputy's approval, transferred: the statutory time runs;
* supplement requested: the clock is paused (Decree 118/2025), so the stored due moment means
  nothing until the supplement arrives; shown as paused, never overdue;
* result ready and returned: the deciding agency has finished; they are early / on time / late
  by the moment the result became ready, whether or not the citizen has collected it yet;
* refused, stopped, withdrawn: no deadline applies any more.

*Due soon* means: the clock runs, the due moment has not passed, and it falls no later than
the end of the next working day (office time): a clerk who sees the amber row today still
has a whole working day to chase it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from app.domain.clock import OFFICE_TZ, to_office_time
from app.domain.lifecycle import DossierState, Timeliness, timeliness
from app.domain.reception import ApplicantData, DeliveryMethod

if TYPE_CHECKING:
    from app.domain.calendar import WorkingCalendar

DueFilter = Literal["any", "due_soon", "overdue"]

CLOCK_RUNNING_STATES: frozenset[DossierState] = frozenset(
    {DossierState.RECEIVED, DossierState.AWAITING_APPROVAL, DossierState.TRANSFERRED}
)
"""States whose statutory time runs: the only ones that can be due soon or overdue."""
FINISHED_STATES: frozenset[DossierState] = frozenset(
    {DossierState.RESULT_READY, DossierState.RETURNED}
)
"""States judged early / on time / late by when the result became ready."""


class DueStatus(StrEnum):
    """Where a dossier stands against its due moment, as the list colours it."""

    NONE = "none"
    """No running clock (finished, closed, or no due moment recorded)."""
    WITHIN_TIME = "within_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"
    """Supplement requested: the clock waits for the applicant."""


def office_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The instants (aware) where the office's calendar ``day`` starts and the next one does."""
    start = datetime.combine(day, time(0), tzinfo=OFFICE_TZ)
    return start, start + timedelta(days=1)


def due_soon_limit(now: datetime, calendar: WorkingCalendar) -> datetime:
    """The end of the next working day after the office's today (midnight, office time).

    A dossier due before this moment (and not yet overdue) is *due soon*. On a Friday the
    next working day is Monday (or later after a holiday), so the weekend does not hide a
    Monday deadline from Friday's list.
    """
    today = to_office_time(now).date()
    _, end = office_day_bounds(calendar.next_working_day(today))
    return end


def due_status(
    state: str, due_at: datetime | None, now: datetime, soon_limit: datetime
) -> DueStatus:
    """Classify one dossier; ``soon_limit`` comes from :func:`due_soon_limit`."""
    if state == DossierState.SUPPLEMENT_REQUESTED:
        return DueStatus.PAUSED
    if due_at is None or state not in CLOCK_RUNNING_STATES:
        return DueStatus.NONE
    if due_at < now:
        return DueStatus.OVERDUE
    if due_at < soon_limit:
        return DueStatus.DUE_SOON
    return DueStatus.WITHIN_TIME


def finished_timeliness(
    state: str, due_at: datetime | None, finished_at: datetime | None, now: datetime
) -> Timeliness | None:
    """Early / on time / late for a dossier whose result is ready; ``None`` otherwise.

    Days are compared in office time, as the tracking book counts them.
    """
    if state not in FINISHED_STATES or due_at is None or finished_at is None:
        return None
    return timeliness(to_office_time(due_at), to_office_time(finished_at), now)


@dataclass(frozen=True, kw_only=True)
class DossierFilter:
    """What the dossier list shows: every condition must hold.

    ``text`` is looked up in the accent-insensitive search index (code, name, ID numbers,
    phone, tax code). ``received_on`` is an office calendar day ("today's dossiers").
    ``now`` is the instant the due conditions are judged at; it is part of the filter so that
    every page of one listing, and its count, agree.
    """

    now: datetime
    text: str = ""
    states: frozenset[str] = frozenset()
    received_on: date | None = None
    due: DueFilter = "any"


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts: the last row shown (lists are newest first)."""

    received_at: datetime
    id: int


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
    applicant_id_number: str | None = None
    finished_at: datetime | None = None
    """When the result became ready (or the dossier was returned), for early/on time/late."""
    provisional: bool = False
    """Central is configured and has not accepted this dossier yet."""
    due_status: DueStatus = DueStatus.NONE
    timeliness: Timeliness | None = None
    """Set for finished dossiers (see :func:`finished_timeliness`)."""

    @property
    def page_key(self) -> PageKey:
        return PageKey(self.received_at, self.id)


@dataclass(frozen=True)
class DossierDocumentRow:
    """A document of a dossier as it was received (its own name and form, not the catalogue's)."""

    name: str
    form: str
    """original, certified_copy, copy or present."""
    copies: int
    received: bool
    note: str = ""
    page_count: int = 0


@dataclass(frozen=True)
class HistoryEntry:
    """One transition of a dossier, oldest first in a history."""

    at: datetime
    actor: str
    from_state: str | None
    to_state: str
    from_label_vi: str
    """Vietnamese label of ``from_state`` (empty for the first entry)."""
    to_label_vi: str
    note: str = ""
    place: str = ""
    """The counter where the transition was made (the unit when no counter is recorded)."""


@dataclass(frozen=True)
class DossierDetail:
    """Everything the detail view shows about one dossier."""

    id: int
    code: str
    state: str
    received_at: datetime
    due_at: datetime | None
    applicant: ApplicantData
    procedure_code: str | None
    procedure_name: str
    processing_unit: str
    processing_value: float
    deciding_agency: str
    documents: tuple[DossierDocumentRow, ...]
    sets: int
    missing_reason: str
    delivery_method: DeliveryMethod | str
    delivery_address: str
    notes: str
    refusal_reason: str
    received_by: str
    counter_name: str
    org_unit_name: str
    queue_ticket: str
    provisional: bool
    central_received_at: datetime | None
    finished_at: datetime | None
    due_status: DueStatus
    timeliness: Timeliness | None
    history: tuple[HistoryEntry, ...] = field(default=())
