"""Read-only views of the sync state for the Sync screen and the status bar.

What waits in the outbox (kind, dossier code, attempts, last error, age), what central refused
and why, the conflicts kept both ways, and how many leased dossier numbers are left for today
and tomorrow. Nothing here writes: the sync engine owns the outbox's life cycle.

The engine records errors in English (for logs and IT staff); the clerk reads Vietnamese, so
:func:`error_vi` turns the engine's known messages into Vietnamese and keeps an unknown one as
it is rather than hide it.

**Number-block risk** (:func:`number_block_at_risk`). A counter issues dossier codes only from
blocks central leased to it; while it is online the app leases more before they run out. A
counter that has not synced for :data:`RISK_OFFLINE_AFTER` (30 minutes) cannot get more, so the
status bar warns when, in that state, the numbers left for today OR for tomorrow are below the
reception's low-codes threshold (setting ``codes.low_threshold``, default 20): the clerk then
has time to call IT staff before the counter must stop receiving.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.models import CodeBlock, IssuedCode, OutboxEntry, SyncConflict
from app.store.outbox import SENDABLE
from app.store.reception import DEFAULT_LOW_THRESHOLD, LOW_THRESHOLD_KEY
from app.store.settings import SettingsRepository
from app.store.types import utcnow

RISK_OFFLINE_AFTER = timedelta(minutes=30)
"""How long without a successful sync before few numbers left becomes a warning."""
LIST_LIMIT = 500


@dataclass(frozen=True)
class WaitingEntry:
    id: str
    seq: int
    kind: str
    entity_id: str
    created_at: datetime
    attempts: int
    status: str
    last_error: str | None
    next_attempt_at: datetime | None


@dataclass(frozen=True)
class QuarantinedEntry:
    id: str
    seq: int
    kind: str
    entity_id: str
    created_at: datetime
    attempts: int
    reason: str


@dataclass(frozen=True)
class ConflictRow:
    id: int
    entity_id: str
    kind: str
    local: str
    """A short summary of this counter's version."""
    central: str
    """A short summary of central's version."""
    reason: str
    at: datetime


@dataclass(frozen=True)
class CodeRunway:
    """Free leased numbers of this counter (central-granted blocks only)."""

    today: int
    tomorrow: int
    threshold: int


_PATTERNS_VI: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"^Central \((?P<url>[^)]*)\) is unreachable"),
        lambda m: (
            "Không kết nối được máy chủ trung tâm; thay đổi được giữ trên máy này và sẽ "
            "tự gửi khi có kết nối"
        ),
    ),
    (
        re.compile(r"^Central \((?P<url>[^)]*)\) answered wrongly"),
        lambda m: "Máy chủ trung tâm trả lời không hợp lệ; hệ thống sẽ tự thử lại sau",
    ),
    (
        re.compile(r"^files still missing on central: (?P<n>\d+)"),
        lambda m: f"Còn {m['n']} tệp chưa có trên máy chủ trung tâm; sẽ gửi lại",
    ),
    (
        re.compile(r"^files missing on this computer: (?P<list>.*)"),
        lambda m: "Thiếu tệp số hoá trên máy này: " + m["list"],
    ),
    (
        re.compile(r"^waiting for entry (?P<id>\S+) of the same record"),
        lambda m: "Đang chờ thay đổi trước đó của cùng hồ sơ",
    ),
    (
        re.compile(r"^conflict: central holds version (?P<v>\S+)"),
        lambda m: f"Xung đột: máy chủ trung tâm đang giữ phiên bản {m['v']}; cả hai bản được lưu",
    ),
    (
        re.compile(r"^Central did not accept the sign-in|^Sign in online again"),
        lambda m: "Phiên đăng nhập với máy chủ trung tâm không còn hiệu lực; hãy đăng nhập lại",
    ),
    (
        re.compile(r"^Central refused: this account may not"),
        lambda m: "Máy chủ trung tâm từ chối: tài khoản này không có quyền thực hiện thao tác này",
    ),
    (
        re.compile(r"^The certificate of "),
        lambda m: "Không xác minh được chứng thư bảo mật của máy chủ trung tâm; chưa gửi dữ liệu",
    ),
)


def error_vi(text: str | None) -> str | None:
    """The Vietnamese for an error the engine stored. A refusal stored as ``"english |
    vietnamese"`` gives its Vietnamese half; an unknown message is returned as it is."""
    if text is None or not text.strip():
        return None
    if " | " in text:
        return text.rsplit(" | ", 1)[1].strip()
    for pattern, render in _PATTERNS_VI:
        found = pattern.search(text)
        if found:
            return render(found)
    return text


def _summary(text: str, limit: int = 160) -> str:
    """A JSON record as one readable line: state and version first when present."""
    try:
        data: Any = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        keys = ("code", "state", "version", "procedure", "applicant_name")
        parts = [f"{key}={data[key]}" for key in keys if data.get(key) not in (None, "")]
        if parts:
            text = ", ".join(parts)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def number_block_at_risk(
    runway: CodeRunway | None,
    last_success_at: datetime | None,
    now: datetime,
    online: bool | None,
) -> bool:
    """The rule in the module doc: offline for a while, and few numbers left."""
    if runway is None or (online is None and last_success_at is None):
        return False  # not tried yet: the first cycle is on its way
    offline_long = last_success_at is None or now - last_success_at >= RISK_OFFLINE_AFTER
    low = runway.today < runway.threshold or runway.tomorrow < runway.threshold
    return offline_long and low


class SyncViews:
    def __init__(self, session: Session, clock: Callable[[], datetime] = utcnow) -> None:
        self._session = session
        self._clock = clock

    def waiting(self, limit: int = LIST_LIMIT) -> list[WaitingEntry]:
        """Entries still to send, in push order."""
        rows = self._session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.status.in_((*SENDABLE, "sending")))
            .order_by(OutboxEntry.seq)
            .limit(limit)
        ).all()
        return [
            WaitingEntry(
                id=row.id,
                seq=row.seq,
                kind=row.kind,
                entity_id=row.entity_id,
                created_at=row.created_at,
                attempts=row.attempts,
                status=row.status,
                last_error=row.last_error,
                next_attempt_at=row.next_attempt_at,
            )
            for row in rows
        ]

    def quarantined(self, limit: int = LIST_LIMIT) -> list[QuarantinedEntry]:
        rows = self._session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.status == "quarantined")
            .order_by(OutboxEntry.seq)
            .limit(limit)
        ).all()
        return [
            QuarantinedEntry(
                id=row.id,
                seq=row.seq,
                kind=row.kind,
                entity_id=row.entity_id,
                created_at=row.created_at,
                attempts=row.attempts,
                reason=row.quarantine_reason or "",
            )
            for row in rows
        ]

    def conflicts(self, limit: int = LIST_LIMIT) -> list[ConflictRow]:
        """Open conflicts (not yet resolved), newest first."""
        rows = self._session.scalars(
            select(SyncConflict)
            .where(SyncConflict.resolved_at.is_(None))
            .order_by(SyncConflict.at.desc(), SyncConflict.id.desc())
            .limit(limit)
        ).all()
        return [
            ConflictRow(
                id=row.id,
                entity_id=row.entity_id,
                kind=row.kind,
                local=_summary(row.local),
                central=_summary(row.central),
                reason=row.reason,
                at=row.at,
            )
            for row in rows
        ]

    def counts(self) -> tuple[int, int, int]:
        """(waiting, quarantined, open conflicts)."""
        by_status = dict(
            self._session.execute(
                select(OutboxEntry.status, func.count())
                .where(OutboxEntry.status != "accepted")
                .group_by(OutboxEntry.status)
            ).all()
        )
        waiting = sum(int(by_status.get(status, 0)) for status in (*SENDABLE, "sending"))
        conflicts = (
            self._session.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.resolved_at.is_(None))
            )
            or 0
        )
        return waiting, int(by_status.get("quarantined", 0)), int(conflicts)

    def code_runway(self, agency_code: str, counter_code: str, today: date) -> CodeRunway:
        """Free numbers in this counter's central-leased blocks for today and tomorrow."""
        limit = SettingsRepository(self._session).get(LOW_THRESHOLD_KEY)
        valid = isinstance(limit, int) and not isinstance(limit, bool) and limit >= 0
        return CodeRunway(
            today=self._free(agency_code, counter_code, today),
            tomorrow=self._free(agency_code, counter_code, today + timedelta(days=1)),
            threshold=limit if valid else DEFAULT_LOW_THRESHOLD,  # type: ignore[arg-type]
        )

    def _free(self, agency_code: str, counter_code: str, day: date) -> int:
        blocks = self._session.execute(
            select(CodeBlock.id, CodeBlock.first, CodeBlock.last).where(
                CodeBlock.agency_code == agency_code,
                CodeBlock.day == day,
                CodeBlock.counter_code == counter_code,
                CodeBlock.granted_by == "central",
            )
        ).all()
        if not blocks:
            return 0
        size = sum(last - first + 1 for _id, first, last in blocks)
        used = (
            self._session.scalar(
                select(func.count())
                .select_from(IssuedCode)
                .where(IssuedCode.block_id.in_([block_id for block_id, _f, _l in blocks]))
            )
            or 0
        )
        return max(0, size - int(used))
