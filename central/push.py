"""Applying pushed outbox entries: idempotent, in order, one transaction per call, each
answered as if it had been sent alone (see :func:`push_entries`).

An entry's content is the SHA-256 of the canonical JSON of ``kind``, ``entity``,
``entity_id`` and ``payload``. Only *accepted* entries are recorded: a repeat then gets the
original result (``duplicate: true``), and the same id with other content is refused
``id_reused``. A refusal or ``missing_files`` records nothing, so once its cause is gone
(a file uploaded, a deputy fixed the data) the same entry can be accepted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.dossier_code import DossierCode
from app.domain.errors import InvalidDossierCode
from central.context import Caller, Central
from central.feed import append_change, append_changes
from central.models import (
    CodeBlockLease,
    Dossier,
    DossierHistory,
    Entry,
    NumberSequence,
    ReceiptKey,
    Route,
    StoredFile,
    Unit,
)
from central.schemas import PushEntry, PushResult

CENTRAL_GRANT = "central"

# The hot path's statements, built once: building a statement costs more than running it.
# They run on the session's Connection (Core), not through the ORM's execute, whose
# per-statement overhead was most of an entry's cost.
_ENTRY_BY_ID = select(Entry.content_sha256, Entry.result).where(Entry.id == bindparam("id"))
_UNIT_AGENCY = select(Unit.agency_code).where(Unit.code == bindparam("unit"))
_DOSSIER_BY_CODE = select(Dossier.id).where(Dossier.code == bindparam("code"))
_ROUTE = select(Route.unit_code).where(Route.procedure_code == bindparam("procedure"))
_LEASE_OF_COUNTER = select(CodeBlockLease.id).where(
    CodeBlockLease.agency_code == bindparam("agency"),
    CodeBlockLease.day == bindparam("day"),
    CodeBlockLease.first <= bindparam("sequence"),
    CodeBlockLease.last >= bindparam("sequence"),
    CodeBlockLease.unit_code == bindparam("unit"),
    CodeBlockLease.counter_code == bindparam("counter"),
)
_INSERT_DOSSIER = insert(Dossier).returning(Dossier.id)
_DOSSIER_OWNER = select(Dossier.id, Dossier.unit_code, Dossier.counter_code, Dossier.version).where(
    Dossier.code == bindparam("code")
)
_SET_FILES = (
    update(Dossier).where(Dossier.id == bindparam("dossier_id")).values(files=bindparam("files"))
)
_INSERT_HISTORY = insert(DossierHistory)
_INSERT_ENTRY = insert(Entry)
_HELD_FILES = select(StoredFile.sha256).where(
    StoredFile.sha256.in_(bindparam("shas", expanding=True)), StoredFile.complete.is_(True)
)
# A run's look-ups, one statement each for the whole run.
_ENTRIES_BY_IDS = select(Entry.id, Entry.content_sha256, Entry.result).where(
    Entry.id.in_(bindparam("ids", expanding=True))
)
_DOSSIERS_BY_CODES = select(
    Dossier.id, Dossier.code, Dossier.unit_code, Dossier.counter_code, Dossier.version
).where(Dossier.code.in_(bindparam("codes", expanding=True)))
_LEASES_OF_DAYS = select(
    CodeBlockLease.agency_code,
    CodeBlockLease.day,
    CodeBlockLease.first,
    CodeBlockLease.last,
    CodeBlockLease.unit_code,
    CodeBlockLease.counter_code,
).where(
    CodeBlockLease.agency_code.in_(bindparam("agencies", expanding=True)),
    CodeBlockLease.day.in_(bindparam("days", expanding=True)),
)
_INSERT_DOSSIERS = insert(Dossier).returning(Dossier.id, sort_by_parameter_order=True)
FILES_KIND = "dossier.files"
CREATED_KINDS = frozenset({"dossier.received", "dossier.refused"})


class Refusal(Exception):
    def __init__(self, code: str, reason: str, reason_vi: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.reason_vi = reason_vi


class MissingFiles(Exception):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"{len(missing)} files missing")
        self.missing = missing


def content_sha256(entry: PushEntry) -> str:
    content = {
        "kind": entry.kind,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "payload": entry.payload,
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


_M = TypeVar("_M", bound=BaseModel)


# --- payloads -----------------------------------------------------------------------------


class _Loose(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Procedure(_Loose):
    # ``None``: a local procedure without a national code (counters' catalogues have some);
    # central routes it by the default route.
    code: str | None = Field(default=None, min_length=1, max_length=64)
    name: str = Field(default="", max_length=1000)


class _Applicant(_Loose):
    full_name: str = Field(min_length=1, max_length=255)
    id_number: str | None = Field(default=None, max_length=32)


class _CounterRef(_Loose):
    unit_code: str = Field(min_length=1, max_length=32)
    agency_code: str = Field(min_length=1, max_length=32)
    counter_code: str = Field(min_length=1, max_length=32)


class _DossierPayload(_Loose):
    code: str
    state: str
    procedure: _Procedure
    applicant: _Applicant
    received_at: AwareDatetime
    due_at: AwareDatetime | None = None
    granted_by: str = Field(default=CENTRAL_GRANT, min_length=1, max_length=32)
    lease_id: str | None = None
    refusal_reason: str | None = None
    clerk: str = Field(default="", max_length=255)
    counter: _CounterRef


class _FileRef(_Loose):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class _FilesDocument(_Loose):
    files: list[_FileRef] = Field(default_factory=list)


class _FilesPayload(_Loose):
    code: str
    documents: list[_FilesDocument]


class _ReceiptKeyPayload(_Loose):
    key_id: str = Field(min_length=1, max_length=128)
    algorithm: str = Field(min_length=1, max_length=32)
    public_key: str = Field(min_length=1, max_length=4096)
    unit: str = Field(max_length=32)
    counter: str = Field(max_length=32)


def _parse(model: type[_M], payload: dict[str, Any]) -> _M:
    try:
        return model.model_validate(payload)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise Refusal(
            "invalid_payload",
            f"The payload is not valid: {where}: {first['msg']}",
            f"Dữ liệu gửi lên không hợp lệ: {where}: {first['msg']}",
        ) from None


# --- the push -----------------------------------------------------------------------------


def push_entries(
    central: Central, caller: Caller, entries: Sequence[PushEntry], now: datetime
) -> list[PushResult]:
    """Apply a call's entries in order and answer their results.

    One transaction for the call. Runs of the common kinds (a dossier received under a
    leased number, its files) are judged in order in Python against what the database held
    when the run began plus what the run itself has accepted, then written with one
    multi-row statement per table: per-statement overhead, not the data, was most of an
    entry's cost. A refused entry writes nothing, so it never undoes or blocks the others.
    Any other entry goes alone in its own SAVEPOINT (the contract's "each in its own
    transaction"); so does every entry of a run whose write fails (two calls racing on the
    same id or code), which then answers exactly as if applied one by one."""
    results: list[PushResult] = []
    with central.db.transaction() as session:
        run: list[PushEntry] = []
        for entry in entries:
            if _bulk_kind(entry):
                run.append(entry)
                continue
            if run:
                results.extend(_push_run(central, session, caller, run, now))
                run = []
            results.append(_push_one(central, session, caller, entry, now))
        if run:
            results.extend(_push_run(central, session, caller, run, now))
    return results


def _bulk_kind(entry: PushEntry) -> bool:
    """The kinds a run handles: a dossier under a number central leased, and its files.
    A standalone counter's own numbers, receipt keys and unknown kinds go alone."""
    if entry.kind == FILES_KIND:
        return True
    return entry.kind in CREATED_KINDS and entry.payload.get("granted_by", CENTRAL_GRANT) == (
        CENTRAL_GRANT
    )


@dataclass(frozen=True)
class _Owner:
    """A dossier as a run sees it; ``id`` is ``None`` for one the run itself accepted."""

    id: int | None
    unit_code: str
    counter_code: str | None
    version: int


@dataclass
class _Known:
    """What a run sees: the database as the run began, plus what the run accepted."""

    entries: dict[str, tuple[str, dict[str, Any]]]
    dossiers: dict[str, _Owner]
    leases: dict[tuple[str, Any], list[Any]]
    held: set[str]
    new: list[_NewDossier] = field(default_factory=list)
    files: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)


def _load_known(session: Session, run: Sequence[PushEntry]) -> _Known:
    db = session.connection()
    ids = list({entry.id for entry in run})
    entries = {
        row.id: (row.content_sha256, row.result)
        for row in db.execute(_ENTRIES_BY_IDS, {"ids": ids})
    }
    text_codes = list(
        {entry.payload["code"] for entry in run if isinstance(entry.payload.get("code"), str)}
    )
    dossiers = {
        row.code: _Owner(row.id, row.unit_code, row.counter_code, row.version)
        for row in (db.execute(_DOSSIERS_BY_CODES, {"codes": text_codes}) if text_codes else ())
    }
    agencies: set[str] = set()
    days: set[Any] = set()
    for entry in run:
        if entry.kind in CREATED_KINDS and isinstance(entry.payload.get("code"), str):
            try:
                parsed = DossierCode.parse(entry.payload["code"])
            except InvalidDossierCode:
                continue
            agencies.add(parsed.agency_code)
            days.add(parsed.day)
    leases: dict[tuple[str, Any], list[Any]] = {}
    if agencies:
        for row in db.execute(_LEASES_OF_DAYS, {"agencies": list(agencies), "days": list(days)}):
            leases.setdefault((row.agency_code, row.day), []).append(row)
    shas: set[str] = set()
    for entry in run:
        if entry.kind != FILES_KIND:
            continue
        documents = entry.payload.get("documents")
        for document in documents if isinstance(documents, list) else ():
            refs = document.get("files") if isinstance(document, dict) else None
            for ref in refs if isinstance(refs, list) else ():
                if isinstance(ref, dict) and isinstance(ref.get("sha256"), str):
                    shas.add(ref["sha256"])
    held = set(db.scalars(_HELD_FILES, {"shas": list(shas)})) if shas else set()
    return _Known(entries, dossiers, leases, held)


def _judge_in_run(
    session: Session, caller: Caller, known: _Known, entry: PushEntry, now: datetime
) -> PushResult:
    """What :func:`_apply` would answer for this entry at this point of the run, with the
    writes it would make put aside in ``known``."""
    if entry.kind == FILES_KIND:
        files = _parse(_FilesPayload, entry.payload)
        owner = known.dossiers.get(files.code)
        if owner is None:
            raise _unknown_dossier(files.code)
        _check_covers(caller, owner.unit_code, owner.counter_code)
        missing = [sha for sha in _wanted_files(files) if sha not in known.held]
        if missing:
            raise MissingFiles(missing)
        known.files.append((files.code, entry.payload))
        return PushResult(id=entry.id, status="accepted", received_at=now, version=owner.version)
    payload, expected, code = _created_checks(session, caller, entry)
    counter = payload.counter
    if payload.code in known.dossiers:
        raise _duplicate_code(payload.code)
    if not any(
        lease.first <= code.sequence <= lease.last
        and lease.unit_code == counter.unit_code
        and lease.counter_code == counter.counter_code
        for lease in known.leases.get((code.agency_code, code.day), ())
    ):
        raise _outside_blocks(code, counter.unit_code, counter.counter_code)
    new = _new_dossier(session, caller, entry, payload, expected, now)
    known.new.append(new)
    known.dossiers[payload.code] = _Owner(None, counter.unit_code, counter.counter_code, 1)
    return new.result


def _write_run(session: Session, known: _Known) -> None:
    db = session.connection()
    ids: dict[str, int] = {}
    if known.new:
        created = db.execute(_INSERT_DOSSIERS, [new.values for new in known.new]).scalars()
        ids = {
            new.values["code"]: dossier_id
            for new, dossier_id in zip(known.new, created, strict=True)
        }
        db.execute(
            _INSERT_HISTORY,
            [
                {**step, "dossier_id": ids[new.values["code"]]}
                for new in known.new
                for step in new.history
            ],
        )
        append_changes(session, [new.change for new in known.new])
    if known.files:
        db.execute(
            _SET_FILES,
            [
                {"dossier_id": ids.get(code) or known.dossiers[code].id, "files": files}
                for code, files in known.files
            ],
        )
    db.execute(_INSERT_ENTRY, known.records)


def _push_run(
    central: Central, session: Session, caller: Caller, run: Sequence[PushEntry], now: datetime
) -> list[PushResult]:
    """A run of entries of the common kinds, judged in order and written together (see
    :func:`push_entries`)."""
    known = _load_known(session, run)
    results: list[PushResult] = []
    for entry in run:
        digest = content_sha256(entry)
        prior = known.entries.get(entry.id)
        if prior is not None:
            results.append(_repeat(prior[0], prior[1], entry, digest))
            continue
        try:
            result = _judge_in_run(session, caller, known, entry, now)
        except Refusal as refusal:
            result = _refused(entry, refusal)
        except MissingFiles as missing:
            result = PushResult(id=entry.id, status="missing_files", missing=missing.missing)
        else:
            record = _entry_record(caller, entry, digest, result, now)
            known.records.append(record)
            known.entries[entry.id] = (digest, record["result"])
        results.append(result)
    if not known.records:
        return results
    try:
        with session.begin_nested():
            _write_run(session, known)
    except IntegrityError:
        # Another call got there first (an entry id or a code, on PostgreSQL): the run's
        # writes are rolled back and each entry is applied on its own, seeing the winner.
        return [_push_one(central, session, caller, entry, now) for entry in run]
    return results


def _entry_record(
    caller: Caller, entry: PushEntry, digest: str, result: PushResult, now: datetime
) -> dict[str, Any]:
    """The ``entries`` row of an accepted entry: what makes a repeat answer the same."""
    return {
        "id": entry.id,
        "content_sha256": digest,
        "kind": entry.kind,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "unit_code": caller.unit_code,
        "counter_code": caller.counter_code,
        "created_at": entry.created_at,
        "received_at": now,
        "result": result.model_dump(mode="json", exclude_defaults=True),
    }


def _refused(entry: PushEntry, refusal: Refusal) -> PushResult:
    return PushResult(
        id=entry.id,
        status="refused",
        code=refusal.code,
        reason=refusal.reason,
        reason_vi=refusal.reason_vi,
    )


def push_entry(central: Central, caller: Caller, entry: PushEntry, now: datetime) -> PushResult:
    """Apply one entry in its own transaction and answer its result."""
    return push_entries(central, caller, [entry], now)[0]


def _push_one(
    central: Central, session: Session, caller: Caller, entry: PushEntry, now: datetime
) -> PushResult:
    digest = content_sha256(entry)
    for attempt in range(2):
        try:
            with session.begin_nested():
                known = session.connection().execute(_ENTRY_BY_ID, {"id": entry.id}).first()
                if known is not None:
                    return _repeat(known.content_sha256, known.result, entry, digest)
                result = _apply(central, session, caller, entry, now)
                session.connection().execute(
                    _INSERT_ENTRY, _entry_record(caller, entry, digest, result, now)
                )
                return result
        except Refusal as refusal:
            return _refused(entry, refusal)
        except MissingFiles as missing:
            return PushResult(id=entry.id, status="missing_files", missing=missing.missing)
        except IntegrityError:
            # Two calls raced on the same entry id or dossier code (PostgreSQL): the savepoint
            # is rolled back and the second look sees the winner's row and answers from it.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _repeat(
    known_sha256: str, known_result: dict[str, Any], entry: PushEntry, digest: str
) -> PushResult:
    if known_sha256 != digest:
        return PushResult(
            id=entry.id,
            status="refused",
            code="id_reused",
            reason=f"The entry id {entry.id} was already used for other content",
            reason_vi=f"Mã bản ghi {entry.id} đã được dùng cho một nội dung khác",
        )
    result = PushResult.model_validate(known_result)
    return result.model_copy(update={"duplicate": True})


def _apply(
    central: Central, session: Session, caller: Caller, entry: PushEntry, now: datetime
) -> PushResult:
    handlers = {
        "dossier.received": _dossier_created,
        "dossier.refused": _dossier_created,
        FILES_KIND: _dossier_files,
        "receipt_key.published": _receipt_key,
    }
    handler = handlers.get(entry.kind)
    if handler is None:
        raise Refusal(
            "unknown_kind",
            f"Central does not know the change kind {entry.kind!r}",
            f"Hệ thống trung tâm không biết loại thay đổi «{entry.kind}»",
        )
    return handler(central, session, caller, entry, now)


def _check_covers(caller: Caller, unit_code: str, counter_code: str | None) -> None:
    """A clerk pushes only for the unit and counter of the token; an admin for any."""
    if caller.is_admin:
        return
    if unit_code != caller.unit_code or (
        caller.counter_code is not None
        and counter_code is not None
        and counter_code != caller.counter_code
    ):
        raise Refusal(
            "not_your_counter",
            f"The entry is for {unit_code}/{counter_code}; this sign-in covers "
            f"{caller.unit_code}/{caller.counter_code or '*'}",
            f"Bản ghi thuộc {unit_code}/{counter_code}; phiên đăng nhập này chỉ cho "
            f"{caller.unit_code}/{caller.counter_code or '*'}",
        )


def _created_checks(
    session: Session, caller: Caller, entry: PushEntry
) -> tuple[_DossierPayload, str, DossierCode]:
    """What a new dossier must pass before central looks at other dossiers and leases."""
    payload = _parse(_DossierPayload, entry.payload)
    expected = "refused" if entry.kind == "dossier.refused" else "received"
    if payload.state != expected or payload.code != entry.entity_id or entry.entity != "dossier":
        raise Refusal(
            "invalid_payload",
            f"A {entry.kind} entry must carry state {expected!r} and its code as entity_id",
            f"Bản ghi {entry.kind} phải có trạng thái «{expected}» và mã hồ sơ là entity_id",
        )
    counter = payload.counter
    _check_covers(caller, counter.unit_code, counter.counter_code)
    try:
        code = DossierCode.parse(payload.code)
    except InvalidDossierCode as error:
        raise Refusal("invalid_code", str(error), error.message_vi) from None
    unit_agency = _lookup(session, _UNIT_AGENCY, "unit", counter.unit_code)
    if unit_agency != code.agency_code:
        raise Refusal(
            "code_outside_blocks",
            f"The code {payload.code} is not of the agency of unit {counter.unit_code}",
            f"Mã hồ sơ {payload.code} không thuộc mã định danh của đơn vị {counter.unit_code}",
        )
    return payload, expected, code


def _duplicate_code(code: str) -> Refusal:
    return Refusal(
        "duplicate_code",
        f"Another dossier already holds the code {code}",
        f"Mã hồ sơ {code} đã được dùng cho một hồ sơ khác",
    )


def _outside_blocks(code: DossierCode, unit_code: str, counter_code: str) -> Refusal:
    return Refusal(
        "code_outside_blocks",
        f"The code {code} is outside the blocks leased to {unit_code}/{counter_code}",
        f"Mã hồ sơ {code} nằm ngoài các dải số đã cấp cho quầy {unit_code}/{counter_code}",
    )


@dataclass(frozen=True)
class _NewDossier:
    """A dossier accepted: its row, its history rows and its feed change, to be written."""

    values: dict[str, Any]
    history: list[dict[str, Any]]
    change: dict[str, Any]
    result: PushResult


def _new_dossier(
    session: Session,
    caller: Caller,
    entry: PushEntry,
    payload: _DossierPayload,
    expected: str,
    now: datetime,
) -> _NewDossier:
    counter = payload.counter
    procedure_code = payload.procedure.code or ""
    deciding = (
        _lookup(session, _ROUTE, "procedure", procedure_code) if procedure_code else None
    ) or _lookup(session, _ROUTE, "procedure", "*")
    values = dict(
        code=payload.code,
        state=expected,
        version=1,
        unit_code=counter.unit_code,
        counter_code=counter.counter_code,
        deciding_unit_code=deciding,
        procedure_code=procedure_code,
        procedure_name=payload.procedure.name,
        applicant_id_number=payload.applicant.id_number,
        applicant_name=payload.applicant.full_name,
        received_at=payload.received_at,
        due_at=payload.due_at,
        central_received_at=now,
        granted_by=payload.granted_by,
        payload=entry.payload,
        files=None,
    )
    by = payload.clerk or caller.full_name
    steps: list[tuple[str | None, str, str]] = [(None, "received", "")]
    if expected == "refused":
        steps.append(("received", "refused", payload.refusal_reason or ""))
    history = [
        {
            "from_state": from_state,
            "to_state": to_state,
            "version": 1,
            "at": payload.received_at,
            "by": by,
            "unit_code": counter.unit_code,
            "note": note,
        }
        for from_state, to_state, note in steps
    ]
    change = {
        "kind": "dossier.status",
        "entity": "dossier",
        "entity_id": payload.code,
        "version": 1,
        "unit_code": counter.unit_code,
        "data": status_data(
            code=payload.code,
            state=expected,
            version=1,
            by=by,
            unit_code=counter.unit_code,
            note=steps[-1][2],
            due_at=payload.due_at,
        ),
        "at": now,
    }
    result = PushResult(id=entry.id, status="accepted", received_at=now, version=1)
    return _NewDossier(values, history, change, result)


def _dossier_created(
    central: Central, session: Session, caller: Caller, entry: PushEntry, now: datetime
) -> PushResult:
    payload, expected, code = _created_checks(session, caller, entry)
    counter = payload.counter
    db = session.connection()
    if db.scalar(_DOSSIER_BY_CODE, {"code": payload.code}) is not None:
        raise _duplicate_code(payload.code)
    if payload.granted_by == CENTRAL_GRANT:
        _check_leased(session, code, counter.unit_code, counter.counter_code)
    else:
        # A standalone counter granted itself the number: accepted when unique, and central
        # never leases it afterwards.
        _reserve_number(session, code)
    new = _new_dossier(session, caller, entry, payload, expected, now)
    dossier_id = db.execute(_INSERT_DOSSIER, new.values).scalar_one()
    db.execute(_INSERT_HISTORY, [{**step, "dossier_id": dossier_id} for step in new.history])
    append_changes(session, [new.change])
    return new.result


def status_data(
    *,
    code: str,
    state: str,
    version: int,
    by: str,
    unit_code: str,
    note: str,
    due_at: datetime | None,
) -> dict[str, Any]:
    """The ``data`` of a ``dossier.status`` change (docs/sync-api.md)."""
    return {
        "code": code,
        "state": state,
        "version": version,
        "by": by,
        "unit_code": unit_code,
        "note": note,
        "due_at": None if due_at is None else due_at.isoformat(),
    }


def _lookup(session: Session, statement: Any, name: str, value: str) -> Any:
    """A reference value (a unit's agency code, a route) read once per call: they do not
    change while a push is applied, and a batch asks for the same few again and again."""
    cache: dict[tuple[int, str], Any] = session.info.setdefault("push_lookups", {})
    key = (id(statement), value)
    if key not in cache:
        cache[key] = session.connection().scalar(statement, {name: value})
    return cache[key]


def _check_leased(session: Session, code: DossierCode, unit_code: str, counter_code: str) -> None:
    lease = session.connection().scalar(
        _LEASE_OF_COUNTER,
        {
            "agency": code.agency_code,
            "day": code.day,
            "sequence": code.sequence,
            "unit": unit_code,
            "counter": counter_code,
        },
    )
    if lease is None:
        raise _outside_blocks(code, unit_code, counter_code)


def _reserve_number(session: Session, code: DossierCode) -> None:
    sequence = session.scalar(
        select(NumberSequence)
        .where(NumberSequence.agency_code == code.agency_code, NumberSequence.day == code.day)
        .with_for_update()
    )
    if sequence is None:
        session.add(
            NumberSequence(agency_code=code.agency_code, day=code.day, last_number=code.sequence)
        )
        session.flush()
    elif sequence.last_number < code.sequence:
        sequence.last_number = code.sequence
    else:
        leased = session.scalar(
            select(CodeBlockLease.id).where(
                CodeBlockLease.agency_code == code.agency_code,
                CodeBlockLease.day == code.day,
                CodeBlockLease.first <= code.sequence,
                CodeBlockLease.last >= code.sequence,
            )
        )
        if leased is not None:
            raise Refusal(
                "duplicate_code",
                f"The number of {code} was leased to another counter",
                f"Số của mã hồ sơ {code} đã được cấp cho quầy khác",
            )


def _unknown_dossier(code: str) -> Refusal:
    return Refusal(
        "unknown_dossier",
        f"Central holds no dossier {code}; push the dossier first",
        f"Hệ thống trung tâm chưa có hồ sơ {code}; cần gửi hồ sơ trước",
    )


def _wanted_files(payload: _FilesPayload) -> list[str]:
    return sorted({ref.sha256 for document in payload.documents for ref in document.files})


def _dossier_files(
    central: Central, session: Session, caller: Caller, entry: PushEntry, now: datetime
) -> PushResult:
    payload = _parse(_FilesPayload, entry.payload)
    db = session.connection()
    dossier = db.execute(_DOSSIER_OWNER, {"code": payload.code}).first()
    if dossier is None:
        raise _unknown_dossier(payload.code)
    _check_covers(caller, dossier.unit_code, dossier.counter_code)
    wanted = _wanted_files(payload)
    held = set(db.scalars(_HELD_FILES, {"shas": wanted})) if wanted else set()
    missing = [sha for sha in wanted if sha not in held]
    if missing:
        raise MissingFiles(missing)
    db.execute(_SET_FILES, {"dossier_id": dossier.id, "files": entry.payload})
    return PushResult(id=entry.id, status="accepted", received_at=now, version=dossier.version)


def _receipt_key(
    central: Central, session: Session, caller: Caller, entry: PushEntry, now: datetime
) -> PushResult:
    payload = _parse(_ReceiptKeyPayload, entry.payload)
    _check_covers(caller, payload.unit, payload.counter or None)
    known = session.get(ReceiptKey, payload.key_id)
    if known is not None:
        if known.public_key != payload.public_key:
            raise Refusal(
                "key_id_reused",
                f"The receipt key id {payload.key_id} is published with another key",
                f"Mã khóa biên nhận {payload.key_id} đã được công bố với khóa khác",
            )
        return PushResult(id=entry.id, status="accepted", received_at=now)
    session.add(
        ReceiptKey(
            key_id=payload.key_id,
            algorithm=payload.algorithm,
            public_key=payload.public_key,
            unit_code=payload.unit,
            counter_code=payload.counter,
            published_at=now,
        )
    )
    append_change(
        session,
        kind="receipt_key.published",
        entity="receipt_key",
        entity_id=payload.key_id,
        version=None,
        unit_code=None,
        data={
            "key_id": payload.key_id,
            "algorithm": payload.algorithm,
            "public_key": payload.public_key,
            "unit": payload.unit,
            "counter": payload.counter,
        },
        at=now,
    )
    return PushResult(id=entry.id, status="accepted", received_at=now)
