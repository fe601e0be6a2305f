"""Applying a page of central's change feed to the local store.

The engine calls :func:`apply_changes` and stores the page's ``next_cursor`` in the SAME
session, so a crash between the two is impossible: either the page and its cursor are both
there, or neither is and the page is pulled again. Every step is therefore idempotent
(versions, lease ids and key ids make a repeated change a no-op).

Field ownership (DESIGN "Conflicts"): the processing status belongs to central, so a pulled
status is applied even when this counter has unsent changes of the same dossier; in that case
both sides are written to ``sync_conflicts`` for a person to see. Kinds this version does not
know are skipped (and counted), so a newer central never stops an older counter's feed.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from app.domain.lifecycle import DossierState
from app.domain.receipt_qr import key_id_of
from app.store.code_blocks import CodeBlockRepository
from app.store.conflicts import ConflictRepository
from app.store.dossiers import DOSSIER_ENTITY
from app.store.models import CalendarOverride, Dossier, OrgUnit, StatusHistory
from app.store.receipt_keys import PUBLIC_KEYS_SETTING
from app.store.seed import _seed_catalogue
from app.store.settings import SettingsRepository
from app.store.sync_state import SyncStateRepository
from app.store.types import utcnow
from app.sync.client import Change

log = logging.getLogger(__name__)

CATALOGUE_VERSION_SETTING = "catalogue.central_version"
KNOWN_STATES = frozenset(state.value for state in DossierState)


@dataclass
class ApplyReport:
    """What a page changed, so the UI refreshes only what it must."""

    applied: int = 0
    skipped: int = 0
    dossier_codes: list[str] = field(default_factory=list)
    conflicts: int = 0
    blocks: int = 0
    calendar_changed: bool = False
    catalogue_changed: bool = False
    receipt_keys: int = 0

    def merge(self, other: ApplyReport) -> None:
        self.applied += other.applied
        self.skipped += other.skipped
        self.dossier_codes.extend(other.dossier_codes)
        self.conflicts += other.conflicts
        self.blocks += other.blocks
        self.calendar_changed |= other.calendar_changed
        self.catalogue_changed |= other.catalogue_changed
        self.receipt_keys += other.receipt_keys


class _Skip(Exception):
    """A change this counter cannot use (not ours, malformed); counted, not fatal."""


def apply_changes(
    session: Session, changes: Iterable[Change], clock: Callable[[], datetime] = utcnow
) -> ApplyReport:
    """Apply ``changes`` in order inside ``session`` (the caller commits with the cursor)."""
    report = ApplyReport()
    handlers: dict[str, Callable[[Session, Change, ApplyReport, Callable[[], datetime]], None]] = {
        "dossier.status": _dossier_status,
        "code_block.leased": _code_block,
        "calendar.published": _calendar,
        "catalogue.published": _catalogue,
        "receipt_key.published": _receipt_key,
    }
    changes = list(changes)
    held = _held_versions(session, changes)
    for change in changes:
        handler = handlers.get(change.kind)
        if handler is None:
            report.skipped += 1
            continue
        if change.kind == "dossier.status" and _already_held(change, held):
            # Central's echo of what this counter pushed (most of a page after a reconnect):
            # nothing to do, so no savepoint and no query per change.
            report.applied += 1
            continue
        try:
            # A savepoint per change: a malformed one is skipped without undoing the others.
            with session.begin_nested():
                handler(session, change, report, clock)
        except _Skip as why:
            log.info("skipping change %s (%s): %s", change.cursor, change.kind, why)
            report.skipped += 1
            continue
        report.applied += 1
    return report


# --- dossiers -------------------------------------------------------------------------------


def _status_code(change: Change) -> str:
    code = change.data.get("code")
    return code if isinstance(code, str) else change.entity_id


def _status_version(change: Change) -> int | None:
    raw = change.data.get("version", change.version)
    return raw if isinstance(raw, int) else change.version


def _held_versions(session: Session, changes: list[Change]) -> dict[str, int | None]:
    """The central versions this counter holds of the page's dossiers, in one query."""
    codes = list({_status_code(c) for c in changes if c.kind == "dossier.status"})
    held: dict[str, int | None] = {}
    for start in range(0, len(codes), 500):
        rows = session.execute(
            select(Dossier.code, Dossier.central_version).where(
                Dossier.code.in_(codes[start : start + 500])
            )
        )
        held.update({code: version for code, version in rows})
    return held


def _already_held(change: Change, held: dict[str, int | None]) -> bool:
    """Whether the dossier is here at this version or a newer one (see _dossier_status)."""
    code = _status_code(change)
    version = _status_version(change)
    current = held.get(code)
    return version is not None and current is not None and version <= current


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise _Skip(f"{name!r} missing")
    return value


def _instant(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _dossier_status(
    session: Session, change: Change, report: ApplyReport, clock: Callable[[], datetime]
) -> None:
    data = change.data
    code = data.get("code") if isinstance(data.get("code"), str) else change.entity_id
    dossier = session.scalar(select(Dossier).where(Dossier.code == code))
    if dossier is None:
        raise _Skip(f"dossier {code} is not on this counter")
    raw_version = data.get("version", change.version)
    version = raw_version if isinstance(raw_version, int) else change.version
    held = dossier.central_version
    if version is not None and held is not None and version <= held:
        return  # already applied (a repeated page) or older than what we hold
    state = _text(data, "state")
    at = change.at or _instant(data.get("at")) or clock()
    conflicts = ConflictRepository(session, clock)
    if state not in KNOWN_STATES:
        conflicts.record(
            entity=DOSSIER_ENTITY,
            entity_id=dossier.code,
            kind=change.kind,
            local={"state": dossier.state, "central_version": dossier.central_version},
            central=data,
            reason=f"central sent state {state!r}, unknown to this version of the app",
        )
        report.conflicts += 1
        return
    if state != dossier.state and SyncStateRepository(session).unsent_entities(
        DOSSIER_ENTITY, [dossier.code]
    ):
        conflicts.record(
            entity=DOSSIER_ENTITY,
            entity_id=dossier.code,
            kind=change.kind,
            local={"state": dossier.state, "central_version": dossier.central_version},
            central=data,
            reason="central changed the status while this counter had changes not yet sent; "
            "central's status was applied",
        )
        report.conflicts += 1
    if state != dossier.state:
        unit_code = data.get("unit_code")
        unit_id = (
            session.scalar(select(OrgUnit.id).where(OrgUnit.code == unit_code))
            if isinstance(unit_code, str)
            else None
        )
        session.add(
            StatusHistory(
                dossier_id=dossier.id,
                from_state=dossier.state,
                to_state=state,
                at=at,
                actor=str(data.get("by") or "central")[:128],
                org_unit_id=unit_id,
                counter_id=None,
                note=str(data.get("note") or ""),
            )
        )
        dossier.state = state
    due = _instant(data.get("due_at"))
    if due is not None:
        dossier.due_at = due
    if version is not None:
        dossier.central_version = version
    if dossier.central_received_at is None:
        # Central reporting on the dossier means it holds it: no longer provisional.
        dossier.central_received_at = at
    session.flush()
    report.dossier_codes.append(dossier.code)


# --- code blocks, calendar, catalogue, keys -------------------------------------------------


def _code_block(
    session: Session, change: Change, report: ApplyReport, clock: Callable[[], datetime]
) -> None:
    data = change.data
    try:
        day = date.fromisoformat(_text(data, "day"))
        first, last = int(data["first"]), int(data["last"])
    except (KeyError, TypeError, ValueError) as error:
        raise _Skip(f"malformed block: {error}") from error
    if not 1 <= first <= last:
        raise _Skip(f"empty block {first}..{last}")
    CodeBlockRepository(session, clock).add_block(
        _text(data, "agency_code"),
        day,
        first,
        last,
        _text(data, "lease_id"),
        str(data.get("counter_code") or ""),
        granted_by="central",
    )
    report.blocks += 1


def _calendar(
    session: Session, change: Change, report: ApplyReport, clock: Callable[[], datetime]
) -> None:
    """A year's overrides as central publishes them replace what this counter had for that
    year (central's list is the authority once published)."""
    data = change.data
    year = data.get("year")
    days = data.get("days")
    if not isinstance(year, int) or not isinstance(days, list):
        raise _Skip("malformed calendar")
    wanted: dict[date, tuple[str, str]] = {}
    for item in days:
        if not isinstance(item, Mapping):
            raise _Skip("malformed calendar day")
        try:
            day = date.fromisoformat(str(item.get("date")))
        except ValueError as error:
            raise _Skip(f"bad calendar date {item.get('date')!r}") from error
        if day.year != year:
            raise _Skip(f"{day} is not in {year}")
        kind = "working_day" if item.get("working") else "day_off"
        wanted[day] = (kind, str(item.get("note") or ""))
    existing = {
        row.day: row
        for row in session.scalars(
            select(CalendarOverride).where(extract("year", CalendarOverride.day) == year)
        )
    }
    published = (change.at or clock()).date()
    for day, row in existing.items():
        if day not in wanted:
            session.delete(row)
    for day, (kind, note) in wanted.items():
        row = existing.get(day)
        if row is None:
            row = CalendarOverride(day=day)
            session.add(row)
        row.kind = kind
        row.reason = note
        row.source = "central"
        row.published_on = published
    session.flush()
    report.calendar_changed = True


def _catalogue(
    session: Session, change: Change, report: ApplyReport, clock: Callable[[], datetime]
) -> None:
    data = change.data
    if not isinstance(data.get("procedures"), list):
        raise _Skip("malformed catalogue")
    try:
        _seed_catalogue(session, data)
    except (KeyError, TypeError, ValueError) as error:
        raise _Skip(f"catalogue not in the seed format: {error}") from error
    SettingsRepository(session).set(CATALOGUE_VERSION_SETTING, data.get("version"))
    report.catalogue_changed = True


def _receipt_key(
    session: Session, change: Change, report: ApplyReport, clock: Callable[[], datetime]
) -> None:
    """Another counter's receipt public key, so its receipts verify here offline. A key whose
    id does not match its bytes is refused (it could vouch for someone else's receipts)."""
    data = change.data
    key_id = _text(data, "key_id")
    public = _text(data, "public_key")
    try:
        raw = base64.b64decode(public, validate=True)
    except (binascii.Error, ValueError) as error:
        raise _Skip("public key is not base64") from error
    if len(raw) != 32 or key_id_of(raw) != key_id:
        raise _Skip(f"public key does not match key id {key_id}")
    settings = SettingsRepository(session)
    known = settings.get(PUBLIC_KEYS_SETTING)
    known = dict(known) if isinstance(known, Mapping) else {}
    if key_id in known:
        return
    known[key_id] = {
        "public_key": public,
        "unit": str(data.get("unit") or ""),
        "counter": str(data.get("counter") or ""),
        "created_at": (change.at or clock()).isoformat(),
    }
    settings.set(PUBLIC_KEYS_SETTING, known)
    report.receipt_keys += 1
