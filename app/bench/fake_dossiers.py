"""A counter's store as it looks after years of work: half a million dossiers, generated fast.

A benchmark against an empty store says little: what slows a save down after three years is
the size of the tables and indexes it writes into (codes, search index, history, audit chain).
:func:`generate_dossiers` fills a freshly seeded store with dossiers that look like a real
unit's, deterministically from a seed:

* applicants from :mod:`app.bench.fake_people` (real name frequencies, valid 12-digit ID
  numbers, phones, addresses on the communes of Hà Nội); about one dossier in six comes from
  a returning applicant;
* dossiers of one unit (the demo centre "TT" by default) spread over its counters, on the
  working days of the last ``years`` years (the store's own calendar) in office hours, more on
  Mondays and before Tết, growing over time; procedures from the seeded catalogue with a skewed
  popularity (certified copies far ahead); the procedure version in force that day, or the
  earliest one when the seed catalogue has none that old (most seed procedures, and the demo
  organisation's units, only exist from the 2025 reform on: older dossiers borrow them);
* every dossier carries what a save on this machine writes (a local sequence number, an issued
  code, an audit entry, central's acknowledgement time), as if all had been received here: the
  worst case for the tables and indexes a new save writes into;
* due moments computed as :meth:`WorkingCalendar.appointment` does, on a number line of
  working time (and compared with it on a sample while generating); states by age (old
  dossiers returned, recent ones received, awaiting approval, transferred, with a supplement
  requested, result ready; a few refused or withdrawn) with their status history; the
  checklist of documents from the procedure's required documents; a leased code block per
  counter and day with an issued code per dossier; one hash-chained audit entry per reception
  (a chain :meth:`AuditLog.verify` accepts); the search-index rows the repositories write
  (the same bodies as :func:`app.store.search.index_body`, compared on a sample).

Nothing is dated today or later, so today's code supply is untouched. Pages, handover batches
and outbox entries are not generated (:data:`NOT_GENERATED`).

Loading: rows are built as tuples in the store's own storage format (naive UTC text for
instants, ISO dates, 0/1 booleans, exactly what the column types write) and inserted with
executemany in chunks of about 10,000 dossiers, in one transaction, with bulk-load PRAGMAs
(no journal, no fsync, foreign keys off, a large page cache, a larger FTS5 buffer) set only for
the load and restored after; the file ends in WAL mode like any store, with its search index
merged into one segment ('optimize'). Going through the
column types row by row cost more than the inserts themselves.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import random
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select, text
from sqlalchemy.sql.schema import Column

from app.bench.fake_people import (
    BY_POST_SHARE,
    DEFAULT_SEED,
    NOTES,
    OPTIONAL_RECEIVED_SHARE,
    ORGANISATION_SHARE,
    RETURNING_APPLICANT,
    Commune,
    PeopleFactory,
    ProcedureInfo,
    SearchBodies,
    Weighted,
    load_catalogue,
    load_communes,
    procedure_weight,
)
from app.domain.calendar import CalendarOverride, OfficeHours, WorkingCalendar
from app.domain.clock import OFFICE_TZ, to_office_time
from app.domain.dossier_code import MAX_SEQUENCE, DossierCode
from app.domain.lifecycle import DossierState
from app.store.applicants import APPLICANT_ENTITY
from app.store.audit import GENESIS_HASH, entry_hash
from app.store.calendar import load_working_calendar
from app.store.database import Store
from app.store.dossiers import DOSSIER_ENTITY
from app.store.jsonutil import canonical_json
from app.store.models import (
    Applicant,
    AuditEntry,
    CodeBlock,
    Counter,
    Dossier,
    DossierDocument,
    IssuedCode,
    OrgUnit,
    StatusHistory,
)
from app.store.reception import OUTBOX_RECEIVED, OUTBOX_REFUSED, applicant_snapshot
from app.store.schema import SEARCH_TABLE
from app.store.search import SUFFIX_MIN_LENGTH, index_body, search_rowid, tokens

GENERATOR_VERSION = 1
"""Bump when the generated data changes, so cached stores are rebuilt."""
NOT_GENERATED = ("pages (and their files)", "handover batches", "outbox entries")

RECEIVED_ACTION = OUTBOX_RECEIVED
"""The save's audit action (and outbox kind), as :mod:`app.store.reception` writes them."""
REFUSED_ACTION = OUTBOX_REFUSED

REFUSED_SHARE = 0.008
WITHDRAWN_SHARE = 0.004
SUPPLEMENT_SHARE = 0.03
LATE_SHARE = 0.06
NEVER_COLLECTED_SHARE = 0.01
MISSING_MANDATORY_SHARE = 0.015
COUNTER_WEIGHTS = (0.30, 0.27, 0.23, 0.20)
MORNING = 0.6
"""Share of the day's visitors who come in the morning session."""
WEEKDAY_FACTOR = (1.25, 1.05, 1.0, 0.95, 0.85, 0.6, 0.6)
MISSING_REASON = "Công dân cam kết nộp bổ sung bản chính khi nhận kết quả"
REFUSAL_REASON = "Hồ sơ không thuộc thẩm quyền tiếp nhận của đơn vị"
SUPPLEMENT_ACTOR = "Công dân nộp bổ sung hồ sơ"

_SECOND_US = 1_000_000
_MINUTE_US = 60 * _SECOND_US
_HOUR_US = 60 * _MINUTE_US
_OFFICE_OFFSET = timedelta(hours=7)
"""The office keeps UTC+7 all year (no daylight saving), see :mod:`app.domain.clock`."""

BULK_PRAGMAS = (
    "PRAGMA journal_mode=OFF",
    "PRAGMA synchronous=OFF",
    "PRAGMA cache_size=-1000000",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA foreign_keys=OFF",
)
RESTORE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON")
PARALLEL_FROM = 50_000
"""From this many dossiers a child process builds the rows while this one inserts them."""
FTS_BULK_HASHSIZE = 64 * 1024 * 1024
FTS_DEFAULT_HASHSIZE = 1024 * 1024
"""FTS5's documented default for the memory that pending index changes may use."""


class GeneratorError(RuntimeError):
    """The store cannot be filled as asked (not seeded, too many dossiers for the span, or a
    model column the generator does not know how to fill)."""


@dataclass(frozen=True)
class GenerationReport:
    dossiers: int
    applicants: int
    documents: int
    history_rows: int
    audit_entries: int
    search_rows: int
    code_blocks: int
    first_day: date | None
    last_day: date | None
    seconds: float


def _between(rng: random.Random, low: int, high: int) -> int:
    """A number in ``[low, high)``: ``randrange`` costs five times more, and this is drawn
    millions of times."""
    return low + int(rng.random() * (high - low))


def _ts(moment: datetime) -> str:
    """A naive UTC instant in the store's storage format (what ``UtcDateTime`` writes)."""
    return moment.isoformat(" ", "microseconds")


# --- working time ------------------------------------------------------------------------


class WorkTime:
    """Working time as a number line: working day ``k`` covers ``[k*D, (k+1)*D)`` microseconds.

    Counting working time is then addition, which makes due moments for half a million
    dossiers cheap. The mapping follows :meth:`WorkingCalendar.appointment`: time that runs out
    at the end of a session is that end (12:00, 17:00), not the next opening; :meth:`check`
    compares the two.
    """

    def __init__(self, calendar: WorkingCalendar, first: date, last: date) -> None:
        self.calendar = calendar
        hours = calendar.office_hours
        self._sessions: list[tuple[int, int, int]] = []  # (start in the day, cum start, cum end)
        cumulative = 0
        for start, end in hours.sessions:
            start_us = self._micros(start)
            length = self._micros(end) - start_us
            self._sessions.append((start_us, cumulative, cumulative + length))
            cumulative += length
        self.day_us = cumulative
        self.morning_us = self._sessions[0][2]
        self.cutoff_us = self._offset_of(hours.cutoff)
        self.days: list[date] = []
        self._midnights_utc: list[datetime] = []
        day = first if calendar.is_working_day(first) else calendar.next_working_day(first)
        while day <= last:
            self._add_day(day)
            day = calendar.next_working_day(day)

    @staticmethod
    def _micros(moment: clock_time) -> int:
        return (moment.hour * 3600 + moment.minute * 60 + moment.second) * _SECOND_US

    def _add_day(self, day: date) -> None:
        self.days.append(day)
        self._midnights_utc.append(datetime.combine(day, clock_time()) - _OFFICE_OFFSET)

    def _offset_of(self, moment: clock_time) -> int:
        """Working time from the opening to ``moment`` (clamped to the sessions)."""
        at = self._micros(moment)
        offset = 0
        for start, cum_start, cum_end in self._sessions:
            offset = cum_start + min(max(at - start, 0), cum_end - cum_start)
            if at < start + cum_end - cum_start:
                break
        return offset

    def utc(self, point: int, *, at_end: bool) -> datetime:
        """The naive UTC instant of a point. ``at_end``: a point on a session boundary is the
        end of the earlier session (a due moment), else the start of the next one."""
        if at_end:
            index, offset = divmod(point - 1, self.day_us)
            offset += 1
        else:
            index, offset = divmod(point, self.day_us)
        while index >= len(self.days):
            self._add_day(self.calendar.next_working_day(self.days[-1]))
        for start, cum_start, cum_end in self._sessions:
            if offset < cum_end or (at_end and offset == cum_end):
                micros = start + offset - cum_start
                return self._midnights_utc[index] + timedelta(microseconds=micros)
        raise AssertionError("offset outside the working day")  # pragma: no cover

    def office(self, point: int, *, at_end: bool) -> datetime:
        """The aware office-time instant of a point."""
        return (self.utc(point, at_end=at_end) + _OFFICE_OFFSET).replace(tzinfo=OFFICE_TZ)

    def due(self, received: int, unit: str, value: float) -> int:
        """The due point of a dossier received at point ``received``."""
        if unit == "same_day":
            index, offset = divmod(received, self.day_us)
            if offset > self.cutoff_us:
                index += 1
            return (index + 1) * self.day_us
        amount = value * self.day_us if unit == "working_days" else value * _HOUR_US
        return received + round(amount)

    def check(self, received: int, unit: str, value: float) -> None:
        """Compare :meth:`due` with the domain's appointment; a mismatch is a generator bug."""
        received_at = self.office(received, at_end=False)
        if unit == "same_day":
            expected = self.calendar.appointment(received_at, same_day=True)
        elif unit == "working_days":
            expected = self.calendar.appointment(received_at, days=value)
        else:
            expected = self.calendar.appointment(received_at, hours=value)
        actual = self.office(self.due(received, unit, value), at_end=True)
        if actual != expected:
            raise AssertionError(f"due {actual} != appointment {expected} for {received_at}")


# --- rows --------------------------------------------------------------------------------

APPLICANT_COLUMNS = (
    "id", "kind", "id_number", "old_id_number", "full_name", "date_of_birth", "sex", "address",
    "admin_unit_code", "phone", "email", "tax_code", "representative", "created_at",
    "updated_at",
)  # fmt: skip
DOSSIER_COLUMNS = (
    "id", "code", "procedure_version_id", "applicant_id", "counter_id", "org_unit_id", "state",
    "received_at", "due_at", "counter_clock_at", "local_sequence", "central_received_at",
    "delivery_method", "notes", "queue_ticket", "service_started_at", "service_ended_at",
    "received_by", "sets", "missing_reason", "delivery_address", "refusal_reason",
    "applicant_snapshot", "version", "created_at", "updated_at",
)  # fmt: skip
DOCUMENT_COLUMNS = (
    "id", "dossier_id", "required_document_id", "name", "form", "copies", "received", "note",
)  # fmt: skip
HISTORY_COLUMNS = (
    "id", "dossier_id", "from_state", "to_state", "at", "actor", "org_unit_id", "counter_id",
    "note",
)  # fmt: skip
BLOCK_COLUMNS = (
    "id", "agency_code", "day", "first", "last", "lease_id", "counter_code", "granted_by",
    "leased_at",
)  # fmt: skip
ISSUED_COLUMNS = ("id", "block_id", "sequence", "code", "dossier_id", "issued_at")
AUDIT_COLUMNS = (
    "id", "at", "actor", "action", "entity", "entity_id", "details", "prev_hash", "hash",
)  # fmt: skip
SEARCH_COLUMNS = ("rowid", "entity", "entity_id", "body")

_TABLES: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("applicants", Applicant, APPLICANT_COLUMNS),
    ("dossiers", Dossier, DOSSIER_COLUMNS),
    ("documents", DossierDocument, DOCUMENT_COLUMNS),
    ("history", StatusHistory, HISTORY_COLUMNS),
    ("blocks", CodeBlock, BLOCK_COLUMNS),
    ("issued", IssuedCode, ISSUED_COLUMNS),
    ("audit", AuditEntry, AUDIT_COLUMNS),
)


def _insert_sql(model_table: Table, columns: Sequence[str]) -> str:
    """``INSERT`` of ``columns`` into a model's table, refusing a model the generator no longer
    fills completely (a new NOT NULL column without a server default)."""
    unknown = [name for name in columns if name not in model_table.c]
    left_out = [
        column.name
        for column in model_table.columns
        if column.name not in columns and not _may_be_left_out(column)
    ]
    if unknown or left_out:
        raise GeneratorError(
            f"{model_table.name}: the generator fills {unknown or 'no'} unknown columns and "
            f"leaves out {left_out or 'no'} required ones; update app/bench/fake_dossiers.py"
        )
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    return f'INSERT INTO "{model_table.name}" ({names}) VALUES ({marks})'


def _may_be_left_out(column: Column[Any]) -> bool:
    return bool(column.nullable) or column.server_default is not None


@dataclass
class _Batch:
    rows: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {name: [] for name, _, _ in _TABLES} | {"search": []}
    )
    dossiers: int = 0


# --- the generator -----------------------------------------------------------------------


@dataclass
class _Context:
    """Reference data and running state of one generation."""

    rng: random.Random
    people: PeopleFactory
    procedures: Weighted
    work: WorkTime
    org_unit_id: int
    org_unit_code: str
    agency_code: str
    counters: list[tuple[int, str]]
    clerks: dict[int, list[str]]
    deputies: list[str]
    next_ids: dict[str, int]
    audit_prev: str
    counter_codes: dict[int, str] = field(default_factory=dict)
    bodies: SearchBodies = field(default_factory=SearchBodies)
    agency_words: list[str] = field(default_factory=list)
    applicants: list[_Known] = field(default_factory=list)
    """Every applicant generated so far."""

    def take(self, name: str, count: int = 1) -> int:
        first = self.next_ids[name]
        self.next_ids[name] = first + count
        return first


def _day_counts(rng: random.Random, days: Sequence[date], total: int) -> list[int]:
    """How many dossiers each working day gets: weekday, season, growth and noise."""
    if not days:
        return []
    weights: list[float] = []
    span = max((days[-1] - days[0]).days, 1)
    for day in days:
        weight = WEEKDAY_FACTOR[day.weekday()]
        if day.month in (1, 2) or (day.month == 12 and day.day > 15):
            weight *= 1.2  # before Tết everyone settles their papers
        elif day.month in (7, 8):
            weight *= 0.9
        weight *= 0.85 + 0.3 * (day - days[0]).days / span
        weight *= rng.lognormvariate(0, 0.12)
        weights.append(weight)
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(days)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _next_id(connection: Connection, model_table: Table) -> int:
    primary = next(iter(model_table.primary_key.columns))
    highest = connection.execute(select(primary).order_by(primary.desc()).limit(1)).scalar()
    return int(highest or 0) + 1


@dataclass(frozen=True)
class _Reference:
    """What the generator reads from the store before writing: plain, picklable values, so
    a child process can build the very same rows without opening the database."""

    org_unit_id: int
    org_unit_code: str
    agency_code: str
    counters: tuple[tuple[int, str], ...]
    procedures: tuple[ProcedureInfo, ...]
    communes_2025: tuple[Commune, ...]
    communes_pre2025: tuple[Commune, ...]
    overrides: tuple[CalendarOverride, ...]
    office_hours: OfficeHours
    next_ids: dict[str, int]
    audit_prev: str


def _read_reference(store: Store, org_unit_code: str) -> _Reference:
    with store.read_session() as session:
        unit = session.scalar(select(OrgUnit).where(OrgUnit.code == org_unit_code))
        if unit is None:
            raise GeneratorError(f"no organisation unit {org_unit_code!r}: seed the store first")
        counters = tuple(
            (c.id, c.code)
            for c in session.scalars(
                select(Counter).where(Counter.org_unit_id == unit.id).order_by(Counter.code)
            )
        )
        if not counters:
            raise GeneratorError(f"unit {org_unit_code} has no counter")
        procedures = tuple(load_catalogue(session))
        if not procedures:
            raise GeneratorError("the store has no procedures: seed it first")
        communes_2025, communes_pre2025 = load_communes(session)
        agency_code, org_unit_id, org_unit_code = unit.agency_code, unit.id, unit.code
    calendar = load_working_calendar(store)
    with store.engine.connect() as connection:
        next_ids = {name: _next_id(connection, model.__table__) for name, model, _ in _TABLES}
        local = connection.execute(text("SELECT max(local_sequence) FROM dossiers")).scalar()
        next_ids["local_sequence"] = int(local or 0) + 1
        last_audit = connection.execute(
            select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
        ).scalar()
    return _Reference(
        org_unit_id=org_unit_id,
        org_unit_code=org_unit_code,
        agency_code=agency_code,
        counters=counters,
        procedures=procedures,
        communes_2025=tuple(communes_2025),
        communes_pre2025=tuple(communes_pre2025),
        overrides=calendar.overrides,
        office_hours=calendar.office_hours,
        next_ids=next_ids,
        audit_prev=last_audit or GENESIS_HASH,
    )


def _context(reference: _Reference, seed: int, years: float, until: date) -> _Context:
    """The generation's state, the same every time for the same arguments."""
    rng = random.Random(seed)
    people = PeopleFactory(rng, reference.communes_2025, reference.communes_pre2025)
    work = WorkTime(
        WorkingCalendar(reference.overrides, office_hours=reference.office_hours),
        until - timedelta(days=round(years * 365.25)),
        until - timedelta(days=1),
    )
    clerks = {
        counter_id: [people.name(rng.choice(("male", "female")), 1985) for _ in range(3)]
        for counter_id, _ in reference.counters
    }
    procedures = reference.procedures
    return _Context(
        rng=rng,
        people=people,
        procedures=Weighted(procedures, [procedure_weight(p.code, p.name) for p in procedures]),
        work=work,
        org_unit_id=reference.org_unit_id,
        org_unit_code=reference.org_unit_code,
        agency_code=reference.agency_code,
        counters=list(reference.counters),
        clerks=clerks,
        deputies=[people.name("male", 1972), people.name("female", 1975)],
        next_ids=dict(reference.next_ids),
        audit_prev=reference.audit_prev,
        agency_words=tokens(reference.agency_code),
        counter_codes=dict(reference.counters),
    )


@dataclass(frozen=True, slots=True)
class _Known:
    """An applicant already generated, for the dossiers of those who come back."""

    id: int
    parts: tuple[list[str], list[str]]
    """Search-body parts of the applicant's texts, reused in each dossier's body."""
    texts: tuple[str | None, ...]
    address: str
    snapshot: str
    """The applicant as received (``dossiers.applicant_snapshot``)."""


_APPLICANT_FIELDS = APPLICANT_COLUMNS[1:13]
"""The applicant's own fields (no id, no timestamps), in the order of the row."""
_SNAPSHOT_ORDER = (
    "kind", "full_name", "id_number", "old_id_number", "date_of_birth", "sex", "address",
    "admin_unit_code", "phone", "email", "tax_code", "representative",
)  # fmt: skip
"""The keys of :func:`app.store.reception.applicant_snapshot`, in its order (the JSON text is
stored, so the order shows; the sampled check compares it)."""


def _applicant(ctx: _Context, batch: _Batch, on: date, received: str, check: bool) -> _Known:
    """A returning applicant (about one in six) or a new one with its search row."""
    rng = ctx.rng
    if ctx.applicants and rng.random() < RETURNING_APPLICANT:
        return ctx.applicants[int(rng.random() * len(ctx.applicants))]
    people = ctx.people
    person = people.person(on)
    address, commune = people.address(on)
    applicant_id = ctx.take("applicants")
    if rng.random() < ORGANISATION_SHARE:
        name, tax_code = people.company()
        values: tuple[Any, ...] = (
            "organisation", person.id_number, None, name, None, None, address, commune,
            person.phone, None, tax_code, person.full_name,
        )  # fmt: skip
        texts: tuple[str | None, ...] = (name, person.id_number, None, person.phone, tax_code)
    else:
        values = (
            "individual", person.id_number, person.old_id_number, person.full_name,
            person.date_of_birth.isoformat(), person.sex, address, commune, person.phone,
            person.email, None, None,
        )  # fmt: skip
        texts = (person.full_name, person.id_number, person.old_id_number, person.phone, None)
    batch.rows["applicants"].append((applicant_id, *values, received, received))
    fields = dict(zip(_APPLICANT_FIELDS, values, strict=True))
    snapshot: dict[str, Any] = {key: fields[key] for key in _SNAPSHOT_ORDER}
    snapshot["from_card"] = values[0] == "individual" and rng.random() < 0.7
    if check:
        _check_snapshot(snapshot)
    parts = ctx.bodies.parts(texts)
    body = ctx.bodies.join(parts)
    if check and body != index_body(texts):
        raise AssertionError(f"search body of {texts} differs from index_body")
    batch.rows["search"].append(
        (search_rowid(APPLICANT_ENTITY, applicant_id), APPLICANT_ENTITY, str(applicant_id), body)
    )
    known = _Known(applicant_id, parts, texts, address, json.dumps(snapshot, ensure_ascii=False))
    ctx.applicants.append(known)
    return known


def _check_snapshot(snapshot: dict[str, Any]) -> None:
    """The snapshot must be what the save writes for the same applicant."""
    fields = {key: snapshot[key] for key in _APPLICANT_FIELDS}
    born = fields["date_of_birth"]
    fields["date_of_birth"] = date.fromisoformat(born) if born else None
    expected = applicant_snapshot(Applicant(**fields), from_card=snapshot["from_card"])
    if list(expected.items()) != list(snapshot.items()):
        raise AssertionError(f"applicant snapshot {snapshot} differs from the save's {expected}")


def _events(
    ctx: _Context, received: int, due: int, unit: str, now: int
) -> tuple[list[tuple[str, int]], int]:
    """The dossier's transitions after reception as (state, point), up to ``now`` only, and
    its due point (moved on by a supplement's pause)."""
    rng = ctx.rng
    work = ctx.work
    day_us = work.day_us
    draw = rng.random()
    if draw < REFUSED_SHARE:  # refused at the counter: written by the save itself
        return [(DossierState.REFUSED.value, received)], due
    if unit == "same_day":
        handed = received + _between(rng, 5 * _MINUTE_US, 40 * _MINUTE_US)
        approved = handed + _between(rng, 5 * _MINUTE_US, 20 * _MINUTE_US)
    else:
        index, offset = divmod(received, day_us)
        if offset <= work.cutoff_us:  # in the day's batch, handed over late afternoon
            handed = index * day_us + work.cutoff_us + _between(rng, 0, 45 * _MINUTE_US)
        else:  # received after the cut-off: first thing the next working day
            handed = (index + 1) * day_us + _between(rng, 0, 30 * _MINUTE_US)
        approved = handed + _between(rng, 10 * _MINUTE_US, 90 * _MINUTE_US)
    events = [
        (DossierState.AWAITING_APPROVAL.value, handed),
        (DossierState.TRANSFERRED.value, approved),
    ]
    if draw < REFUSED_SHARE + WITHDRAWN_SHARE:
        withdrawn = approved + _between(rng, _HOUR_US, 3 * day_us)
        events.append((DossierState.WITHDRAWN.value, withdrawn))
        return [event for event in events if event[1] <= now], due
    start = approved
    if rng.random() < SUPPLEMENT_SHARE and due > approved:
        asked = approved + int((due - approved) * rng.uniform(0.2, 0.6))
        resumed = asked + _between(rng, day_us, 8 * day_us)
        events.append((DossierState.SUPPLEMENT_REQUESTED.value, asked))
        events.append((DossierState.TRANSFERRED.value, resumed))
        due += resumed - asked  # the statutory clock is paused while the supplement is awaited
        start = resumed
    span = max(due - received, day_us // 4)
    late = rng.random() < LATE_SHARE
    finished = received + int(span * (rng.uniform(1.02, 1.6) if late else rng.uniform(0.35, 0.99)))
    finished = max(finished, start + _between(rng, 10 * _MINUTE_US, 60 * _MINUTE_US))
    events.append((DossierState.RESULT_READY.value, finished))
    if rng.random() >= NEVER_COLLECTED_SHARE:
        collected = finished + int(rng.expovariate(1 / (1.5 * day_us))) + 1
        events.append((DossierState.RETURNED.value, collected))
    return [event for event in events if event[1] <= now], due


def _actor(ctx: _Context, state: str, previous: str, point: int, clerk: str, agency: str) -> str:
    if state == DossierState.TRANSFERRED and previous == DossierState.AWAITING_APPROVAL:
        return ctx.deputies[point % 2]  # the deputy approves the handover
    if state in (DossierState.RESULT_READY, DossierState.SUPPLEMENT_REQUESTED):
        return agency[:128]
    if state == DossierState.TRANSFERRED:
        return SUPPLEMENT_ACTOR
    return clerk


def _dossier(
    ctx: _Context,
    batch: _Batch,
    day_index: int,
    received: int,
    counter_id: int,
    sequence: int,
    block: tuple[int, str],
    now: int,
    check: bool,
) -> None:
    """One dossier as a save wrote it, plus what happened to it since (up to ``now``)."""
    rng = ctx.rng
    work = ctx.work
    rows = batch.rows
    day = work.days[day_index]
    clerk = ctx.clerks[counter_id][day_index % 3]
    procedure: ProcedureInfo = ctx.procedures.pick(rng)
    version = procedure.version_on(day)
    received_utc = work.utc(received, at_end=False)
    received_text = _ts(received_utc)
    applicant = _applicant(ctx, batch, day, received_text, check)
    applicant_id, parts, texts, address = (
        applicant.id,
        applicant.parts,
        applicant.texts,
        applicant.address,
    )
    dossier_id = ctx.take("dossiers")
    local_sequence = ctx.take("local_sequence")
    day_text = f"{day:%y%m%d}"
    sequence_text = f"{sequence:04d}"
    code = f"{ctx.agency_code}-{day_text}-{sequence_text}"
    if check and code != str(DossierCode(ctx.agency_code, day, sequence)):
        raise AssertionError(f"{code} is not the canonical dossier code")
    due = work.due(received, version.unit, version.value)
    if check:
        work.check(received, version.unit, version.value)
    events, due = _events(ctx, received, due, version.unit, now)
    refused = bool(events) and events[0][0] == DossierState.REFUSED
    state = events[-1][0] if events else DossierState.RECEIVED.value
    event_texts = [
        received_text if point == received else _ts(work.utc(point, at_end=True))
        for _, point in events
    ]
    by_post = rng.random() < BY_POST_SHARE
    missing = not refused and bool(version.documents) and rng.random() < MISSING_MANDATORY_SHARE
    rows["dossiers"].append(
        (
            dossier_id, code, version.id, applicant_id, counter_id, ctx.org_unit_id, state,
            received_text,
            None if refused else _ts(work.utc(due, at_end=True)),
            _ts(received_utc + timedelta(seconds=rng.uniform(-20, 20))),
            local_sequence,
            _ts(received_utc + timedelta(seconds=rng.uniform(2, 90))),
            "by_post" if by_post else "at_counter",
            rng.choice(NOTES) if rng.random() < 0.05 else "",
            f"A{rng.randrange(1, 400):03d}" if rng.random() < 0.7 else None,
            _ts(received_utc - timedelta(seconds=rng.uniform(120, 900))),
            _ts(received_utc + timedelta(seconds=rng.uniform(20, 120))),
            clerk,
            1 if rng.random() < 0.95 else 2,
            MISSING_REASON if missing else "",
            address if by_post else "",
            REFUSAL_REASON if refused else "",
            applicant.snapshot,
            1 if refused else 1 + len(events),
            received_text,
            event_texts[-1] if event_texts else received_text,
        )
    )  # fmt: skip
    first_document = ctx.take("documents", len(version.documents))
    dropped = rng.randrange(len(version.documents)) if missing else -1
    for position, doc in enumerate(version.documents):
        got = position != dropped and (doc.mandatory or rng.random() < OPTIONAL_RECEIVED_SHARE)
        rows["documents"].append(
            (first_document + position, dossier_id, doc.id, doc.name, doc.form, doc.copies,
             1 if got else 0, "")
        )  # fmt: skip
    history_id = ctx.take("history", 1 + len(events))
    org_unit_id = ctx.org_unit_id
    history = rows["history"]
    history.append(
        (history_id, dossier_id, None, DossierState.RECEIVED.value, received_text, clerk,
         org_unit_id, counter_id, "")
    )  # fmt: skip
    previous = DossierState.RECEIVED.value
    for offset, ((reached, point), at) in enumerate(zip(events, event_texts, strict=True), 1):
        actor = _actor(ctx, reached, previous, point, clerk, version.deciding_agency)
        at_counter = None if reached == DossierState.RESULT_READY else counter_id
        note = REFUSAL_REASON if reached == DossierState.REFUSED else ""
        history.append(
            (history_id + offset, dossier_id, previous, reached, at, actor, org_unit_id,
             at_counter, note)
        )  # fmt: skip
        previous = reached
    block_id, lease_id = block
    rows["issued"].append((ctx.take("issued"), block_id, sequence, code, dossier_id, received_text))
    _audit(ctx, batch, code, received_utc, received_text, clerk, counter_id, refused,
           (procedure.code, applicant_id, local_sequence, lease_id), check)  # fmt: skip
    # The code's tokens: the agency code's, the date and the number; the date has 6 digits,
    # so its suffixes are indexed too (index_body's rule, checked on a sample below).
    code_parts = (
        [*ctx.agency_words, day_text, sequence_text],
        [day_text[start:] for start in range(1, len(day_text) - SUFFIX_MIN_LENGTH + 1)],
    )
    body = ctx.bodies.join(code_parts, parts)
    if check and body != index_body((code, *texts)):
        raise AssertionError(f"search body of dossier {code} differs from index_body")
    rows["search"].append(
        (search_rowid(DOSSIER_ENTITY, dossier_id), DOSSIER_ENTITY, str(dossier_id), body)
    )
    batch.dossiers += 1


def _audit(
    ctx: _Context,
    batch: _Batch,
    code: str,
    received_utc: datetime,
    received_text: str,
    clerk: str,
    counter_id: int,
    refused: bool,
    facts: tuple[str | None, int, int, str],
    check: bool,
) -> None:
    """The save's audit entry, chained to the previous one, with the details the real save
    records (:meth:`ReceptionService._write`)."""
    procedure_code, applicant_id, local_sequence, lease_id = facts
    action = REFUSED_ACTION if refused else RECEIVED_ACTION
    state = DossierState.REFUSED.value if refused else DossierState.RECEIVED.value
    counter_code = ctx.counter_codes[counter_id]
    details = {
        "code": code,
        "state": state,
        "procedure_code": procedure_code,
        "applicant_id": applicant_id,
        "unit": ctx.org_unit_code,
        "counter": counter_code,
        "local_sequence": local_sequence,
        "lease_id": lease_id,
    }
    # canonical_json spelled out (sorted keys, no spaces): the texts are plain ASCII codes.
    quoted_procedure = "null" if procedure_code is None else f'"{procedure_code}"'
    details_json = (
        f'{{"applicant_id":{applicant_id},"code":"{code}","counter":"{counter_code}",'
        f'"lease_id":"{lease_id}","local_sequence":{local_sequence},'
        f'"procedure_code":{quoted_procedure},"state":"{state}","unit":"{ctx.org_unit_code}"}}'
    )
    if check and details_json != canonical_json(details):
        raise AssertionError(f"audit details {details_json} are not canonical JSON")
    audit_id = ctx.take("audit")
    digest = entry_hash(
        ctx.audit_prev, audit_id, received_utc.replace(tzinfo=UTC), clerk, action,
        DOSSIER_ENTITY, code, details,
    )  # fmt: skip
    batch.rows["audit"].append(
        (audit_id, received_text, clerk, action, DOSSIER_ENTITY, code, details_json,
         ctx.audit_prev, digest)
    )  # fmt: skip
    ctx.audit_prev = digest


def _leases(
    ctx: _Context, batch: _Batch, day: date, per_counter: dict[int, int]
) -> dict[int, tuple[int, int, str]]:
    """One block per counter for ``day``, sized as central would (a margin, rounded to 50);
    returns each counter's (block id, first number, lease id)."""
    first = 1
    blocks: dict[int, tuple[int, int, str]] = {}
    leased_at = _ts(datetime.combine(day - timedelta(days=1), clock_time(17, 30)) - _OFFICE_OFFSET)
    for counter_id, counter_code in ctx.counters:
        size = max(100, -(-int(per_counter.get(counter_id, 0) * 1.3) // 50) * 50)
        last = first + size - 1
        if last > MAX_SEQUENCE:
            raise GeneratorError(
                f"more than {MAX_SEQUENCE} codes needed on {day}: "
                "generate fewer dossiers or over more years"
            )
        block_id = ctx.take("blocks")
        lease_id = f"bench-{ctx.agency_code}-{day:%Y%m%d}-{counter_code}"
        blocks[counter_id] = (block_id, first, lease_id)
        batch.rows["blocks"].append(
            (block_id, ctx.agency_code, day.isoformat(), first, last, lease_id, counter_code,
             "central", leased_at)
        )  # fmt: skip
        first = last + 1
    return blocks


def _batches(
    ctx: _Context, counts: Sequence[int], chunk: int, check_every: int
) -> Iterator[_Batch]:
    """Rows day by day in reception order, handed out about every ``chunk`` dossiers."""
    rng = ctx.rng
    work = ctx.work
    day_us = work.day_us
    morning = work.morning_us
    now = len(counts) * day_us  # the end of the last generated day
    counter_pick = Weighted(
        [counter_id for counter_id, _ in ctx.counters],
        [COUNTER_WEIGHTS[i] if i < len(COUNTER_WEIGHTS) else 0.2 for i in range(len(ctx.counters))],
    )
    batch = _Batch()
    generated = 0
    for day_index, count in enumerate(counts):
        if count == 0:
            continue
        base = day_index * day_us
        # More people come in the morning session than in the afternoon.
        points = sorted(
            base
            + (
                _between(rng, 0, morning)
                if rng.random() < MORNING
                else _between(rng, morning, day_us)
            )
            for _ in range(count)
        )
        chosen = [counter_pick.pick(rng) for _ in range(count)]
        per_counter: dict[int, int] = {}
        for counter_id in chosen:
            per_counter[counter_id] = per_counter.get(counter_id, 0) + 1
        blocks = _leases(ctx, batch, work.days[day_index], per_counter)
        issued: dict[int, int] = {}
        for received, counter_id in zip(points, chosen, strict=True):
            block_id, block_first, lease_id = blocks[counter_id]
            sequence = block_first + issued.get(counter_id, 0)
            issued[counter_id] = issued.get(counter_id, 0) + 1
            generated += 1
            _dossier(
                ctx, batch, day_index, received, counter_id, sequence, (block_id, lease_id), now,
                check=generated % check_every == 1,
            )  # fmt: skip
        if batch.dossiers >= chunk:
            yield batch
            batch = _Batch()
    if batch.dossiers:
        yield batch


def generate_dossiers(
    store: Store,
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    years: float = 3.0,
    until: date | None = None,
    org_unit_code: str = "TT",
    chunk: int = 10_000,
    check_every: int = 500,
    parallel: bool | None = None,
) -> GenerationReport:
    """Fill a freshly seeded ``store`` with ``count`` dossiers received over the ``years``
    before ``until`` (the office's today by default; nothing on or after it).

    Building the rows (Python) and inserting them (SQLite) take about as long as each other,
    so with ``parallel`` (the default from 50,000 dossiers) a child process builds the
    batches while this one inserts the previous batch: the two cores of a counter PC both
    work. The rows are the same either way.

    The load switches the journal off: nobody else may have the store open, and a failure
    leaves the file unusable, so generate into a scratch copy and keep it only on success.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    started = time.perf_counter()
    until = until or to_office_time(datetime.now(UTC)).date()
    reference = _read_reference(store, org_unit_code)
    plan = _Plan(reference, seed, years, until, count, chunk, check_every)
    ctx, counts = plan.start()
    statements = {name: _insert_sql(model.__table__, cols) for name, model, cols in _TABLES}
    statements["search"] = (
        f"INSERT INTO {SEARCH_TABLE} ({', '.join(SEARCH_COLUMNS)}) VALUES (?, ?, ?, ?)"
    )
    totals = dict.fromkeys(statements, 0)
    use_child = count >= PARALLEL_FROM if parallel is None else parallel
    store.engine.dispose()  # the journal mode changes only on the sole connection
    with (
        _batch_source(plan, use_child) as batches,
        store.engine.connect() as connection,
    ):
        driver = connection.connection.driver_connection
        assert driver is not None
        for pragma in BULK_PRAGMAS:
            driver.execute(pragma).fetchall()
        try:
            with connection.begin():
                _fts_hashsize(connection, FTS_BULK_HASHSIZE)
                for rows_by_table in batches:
                    for name, rows in rows_by_table.items():
                        if rows:
                            connection.exec_driver_sql(statements[name], rows)
                            totals[name] += len(rows)
                # One merged index, as maintenance leaves it: the segments a bulk load leaves
                # behind would otherwise be merged ("crisis merge") by some save later on,
                # which then stalls for seconds writing hundreds of megabytes.
                connection.exec_driver_sql(
                    f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('optimize')"
                )
                _fts_hashsize(connection, FTS_DEFAULT_HASHSIZE)
        finally:
            for pragma in RESTORE_PRAGMAS:
                driver.execute(pragma).fetchall()
    store.engine.dispose()
    days = [day for day, n in zip(ctx.work.days, counts, strict=False) if n]
    return GenerationReport(
        dossiers=count,
        applicants=totals["applicants"],
        documents=totals["documents"],
        history_rows=totals["history"],
        audit_entries=totals["audit"],
        search_rows=totals["search"],
        code_blocks=totals["blocks"],
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        seconds=round(time.perf_counter() - started, 3),
    )


Rows = dict[str, list[tuple[Any, ...]]]


@dataclass(frozen=True)
class _Plan:
    """Everything that determines the generated rows."""

    reference: _Reference
    seed: int
    years: float
    until: date
    count: int
    chunk: int
    check_every: int

    def start(self) -> tuple[_Context, list[int]]:
        ctx = _context(self.reference, self.seed, self.years, self.until)
        return ctx, _day_counts(ctx.rng, ctx.work.days, self.count)

    def batches(self) -> Iterator[Rows]:
        ctx, counts = self.start()
        for batch in _batches(ctx, counts, self.chunk, self.check_every):
            yield batch.rows


@contextmanager
def _batch_source(plan: _Plan, use_child: bool) -> Iterator[Iterator[Rows]]:
    """The batches' rows, built here or in a child process (spawned: it shares no state and
    rebuilds the same generator from ``plan``)."""
    if not use_child:
        yield plan.batches()
        return
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_produce, args=(plan, sender), daemon=True)
    child.start()
    sender.close()

    def received() -> Iterator[Rows]:
        while True:
            # A child that dies before it takes its end of the pipe never closes it: poll.
            while not receiver.poll(1.0):
                if not child.is_alive():
                    raise GeneratorError(f"the generating process died ({child.exitcode})")
            try:
                message = receiver.recv()
            except EOFError:
                raise GeneratorError("the generating process died") from None
            if isinstance(message, BaseException):
                raise GeneratorError(f"the generating process failed: {message!r}") from message
            if message is None:
                return
            yield message

    try:
        yield received()
    finally:
        receiver.close()
        child.join(timeout=30)
        if child.is_alive():
            child.kill()
            child.join()


def _produce(plan: _Plan, sender: Any) -> None:
    """Child process: build the batches and send their rows; the pipe's small buffer keeps
    this process at most one batch ahead of the inserts."""
    try:
        for rows in plan.batches():
            sender.send(rows)
        sender.send(None)
    except BaseException as error:  # reported to the parent, which raises it
        sender.send(error)
    finally:
        sender.close()


def _fts_hashsize(connection: Connection, size: int) -> None:
    """FTS5's buffer of pending index changes: larger while loading, the default after."""
    connection.exec_driver_sql(
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rank) VALUES ('hashsize', {int(size)})"
    )


def generator_fingerprint() -> str:
    """What generated data depends on besides its arguments: this generator's version and its
    own source, so an edit to the generator rebuilds cached stores."""
    digest = hashlib.sha256(f"v{GENERATOR_VERSION}".encode())
    for module in ("fake_dossiers.py", "fake_people.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()
