"""Applying pushed outbox entries: idempotent, each in a savepoint of the call's transaction.

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
from datetime import datetime
from typing import Any, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.dossier_code import DossierCode
from app.domain.errors import InvalidDossierCode
from central.context import Caller, Central
from central.feed import append_change
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

    One transaction for the call, each entry inside its own SAVEPOINT: a refused entry rolls
    back only its own savepoint, so it never undoes or blocks the others (the contract's
    "each in its own transaction"), while the call pays for one commit instead of one per
    entry, which is most of a small entry's cost."""
    with central.db.transaction() as session:
        return [_push_one(central, session, caller, entry, now) for entry in entries]


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
                    _INSERT_ENTRY,
                    {
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
                    },
                )
                return result
        except Refusal as refusal:
            return PushResult(
                id=entry.id,
                status="refused",
                code=refusal.code,
                reason=refusal.reason,
                reason_vi=refusal.reason_vi,
            )
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
        "dossier.files": _dossier_files,
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


def _dossier_created(
    central: Central, session: Session, caller: Caller, entry: PushEntry, now: datetime
) -> PushResult:
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
    db = session.connection()
    unit_agency = _lookup(session, _UNIT_AGENCY, "unit", counter.unit_code)
    if unit_agency != code.agency_code:
        raise Refusal(
            "code_outside_blocks",
            f"The code {payload.code} is not of the agency of unit {counter.unit_code}",
            f"Mã hồ sơ {payload.code} không thuộc mã định danh của đơn vị {counter.unit_code}",
        )
    if db.scalar(_DOSSIER_BY_CODE, {"code": payload.code}) is not None:
        raise Refusal(
            "duplicate_code",
            f"Another dossier already holds the code {payload.code}",
            f"Mã hồ sơ {payload.code} đã được dùng cho một hồ sơ khác",
        )
    if payload.granted_by == CENTRAL_GRANT:
        _check_leased(session, code, counter.unit_code, counter.counter_code)
    else:
        # A standalone counter granted itself the number: accepted when unique, and central
        # never leases it afterwards.
        _reserve_number(session, code)
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
    dossier_id = db.execute(_INSERT_DOSSIER, values).scalar_one()
    by = payload.clerk or caller.full_name
    steps: list[tuple[str | None, str, str]] = [(None, "received", "")]
    if expected == "refused":
        steps.append(("received", "refused", payload.refusal_reason or ""))
    db.execute(
        _INSERT_HISTORY,
        [
            {
                "dossier_id": dossier_id,
                "from_state": from_state,
                "to_state": to_state,
                "version": 1,
                "at": payload.received_at,
                "by": by,
                "unit_code": counter.unit_code,
                "note": note,
            }
            for from_state, to_state, note in steps
        ],
    )
    append_change(
        session,
        kind="dossier.status",
        entity="dossier",
        entity_id=payload.code,
        version=1,
        unit_code=counter.unit_code,
        data=status_data(
            code=payload.code,
            state=expected,
            version=1,
            by=by,
            unit_code=counter.unit_code,
            note=steps[-1][2],
            due_at=payload.due_at,
        ),
        at=now,
    )
    return PushResult(id=entry.id, status="accepted", received_at=now, version=1)


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
        raise Refusal(
            "code_outside_blocks",
            f"The code {code} is outside the blocks leased to {unit_code}/{counter_code}",
            f"Mã hồ sơ {code} nằm ngoài các dải số đã cấp cho quầy {unit_code}/{counter_code}",
        )


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


def _dossier_files(
    central: Central, session: Session, caller: Caller, entry: PushEntry, now: datetime
) -> PushResult:
    payload = _parse(_FilesPayload, entry.payload)
    db = session.connection()
    dossier = db.execute(_DOSSIER_OWNER, {"code": payload.code}).first()
    if dossier is None:
        raise Refusal(
            "unknown_dossier",
            f"Central holds no dossier {payload.code}; push the dossier first",
            f"Hệ thống trung tâm chưa có hồ sơ {payload.code}; cần gửi hồ sơ trước",
        )
    _check_covers(caller, dossier.unit_code, dossier.counter_code)
    wanted = sorted({ref.sha256 for document in payload.documents for ref in document.files})
    held = (
        set(
            db.scalars(
                select(StoredFile.sha256).where(
                    StoredFile.sha256.in_(wanted), StoredFile.complete.is_(True)
                )
            )
        )
        if wanted
        else set()
    )
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
