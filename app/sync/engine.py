"""The sync engine: one background thread that drains the outbox and pulls central's feed.

A cycle is (a) upload the files that pending ``dossier.files`` entries reference (central says
which it lacks; each goes from the offset central holds, so a cut upload resumes), (b) push the
outbox in ``seq`` order in batches of at most 200, (c) pull the change feed and apply each page
in one transaction with its cursor.

Each entry moves pending -> sending -> accepted, or -> retrying (transient failure; its next
attempt is backed off), or -> quarantined (central refused it, or it conflicts: kept with the
reason, never dropped). An entry is held back only behind an earlier entry of the same record
(:mod:`app.store.sync_state`), never behind unrelated ones. Entries a crash left ``sending``
are sent again at start: central deduplicates on the id.

No Qt here: the UI reads :meth:`SyncEngine.status` and subscribes with ``on_change`` through
its own thin adapter. A watchdog restarts the cycle thread when it stalls in a call, or when
entries are due, central answers, and yet the queue has not moved for several cycles.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, case, func, or_, update

from app.domain.clock import to_office_time
from app.store.code_blocks import BlockInfo, CodeBlockRepository
from app.store.conflicts import ConflictRepository
from app.store.counter import require_counter_identity
from app.store.database import Store
from app.store.files import FileStore, is_sha256
from app.store.models import Dossier
from app.store.outbox import OutboxItem, OutboxRepository
from app.store.sync_state import SyncStateRepository
from app.store.types import utcnow
from app.sync.apply import ApplyReport, apply_changes
from app.sync.client import (
    BUNDLE_MAX_BYTES,
    BUNDLE_MAX_FILE_BYTES,
    BUNDLE_MAX_FILES,
    MAX_PUSH,
    CentralClient,
    PushEntry,
    PushResult,
)
from app.sync.errors import SyncError, SyncErrorKind

log = logging.getLogger(__name__)

FILES_KIND = "dossier.files"
DOSSIER_KINDS = frozenset({"dossier.received", "dossier.refused"})
CLOCK_DRIFT_LIMIT_S = 300.0
"""Central flags a counter whose clock is off by more than 5 minutes; so do we."""


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar and the Sync screen show."""

    running: bool
    online: bool | None
    """``None`` until the first cycle has tried."""
    waiting: int
    quarantined: int
    held: int
    """Entries waiting behind a quarantined entry of the same record."""
    conflicts: int
    oldest_waiting_age: timedelta | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_vi: str | None
    clock_drift_s: float | None
    clock_drift_flagged: bool
    restarts: int


@dataclass
class CycleReport:
    """One cycle's result; ``as_json`` is what ``python -m app sync --once`` prints."""

    online: bool = False
    files_uploaded: int = 0
    bytes_uploaded: int = 0
    pushed: int = 0
    accepted: int = 0
    duplicates: int = 0
    retrying: int = 0
    quarantined: int = 0
    conflicts: int = 0
    pulled: int = 0
    cursor: int = 0
    applied: ApplyReport = field(default_factory=ApplyReport)
    error: SyncError | None = None
    due_at_start: int = 0

    @property
    def moved(self) -> int:
        return self.accepted + self.quarantined

    def as_json(self) -> dict[str, Any]:
        return {
            "online": self.online,
            "files_uploaded": self.files_uploaded,
            "bytes_uploaded": self.bytes_uploaded,
            "pushed": self.pushed,
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "retrying": self.retrying,
            "quarantined": self.quarantined,
            "conflicts": self.conflicts,
            "pulled": self.pulled,
            "cursor": self.cursor,
            "applied": asdict(self.applied),
            "error": None if self.error is None else str(self.error),
            "error_kind": None if self.error is None else self.error.kind.value,
        }


def _both(english: str, vietnamese: str) -> str:
    """An entry's error as stored: English for the log and IT staff, then the Vietnamese the
    Sync screen shows (``app.store.sync_views.error_vi`` takes the part after " | ")."""
    return f"{english} | {vietnamese}" if vietnamese else english


def file_hashes(payload: str) -> list[str]:
    """The document files a ``dossier.files`` entry needs on central before it is accepted
    (the PDFs; page images stay on the counter)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return []
    hashes: list[str] = []
    for document in data.get("documents") or []:
        if not isinstance(document, dict):
            continue
        for item in document.get("files") or []:
            sha = item.get("sha256") if isinstance(item, dict) else None
            if isinstance(sha, str) and is_sha256(sha):
                hashes.append(sha)
    return list(dict.fromkeys(hashes))


def _push_entry(item: OutboxItem) -> PushEntry:
    return PushEntry(
        id=item.id,
        seq=item.seq,
        kind=item.kind,
        entity=item.entity,
        entity_id=item.entity_id,
        created_at=item.created_at,
        payload=item.payload,
    )


class SyncEngine:
    """Drains the outbox to central and pulls central's changes, on one background thread.

    ``run_cycle`` runs one cycle on the caller's thread (the CLI, tests); ``start`` runs cycles
    every ``interval`` seconds (sooner after :meth:`wake`) until :meth:`stop`.
    """

    def __init__(
        self,
        store: Store,
        client: CentralClient,
        clock: Callable[[], datetime] = utcnow,
        *,
        files: FileStore | None = None,
        batch_size: int = MAX_PUSH,
        pull_limit: int = 500,
        interval: float = 30.0,
        offline_interval: tuple[float, float] = (2.0, 300.0),
        retry_backoff: tuple[float, float] = (10.0, 1800.0),
        watchdog_cycles: int = 5,
        stall_seconds: float = 600.0,
        on_change: Callable[[SyncStatus, CycleReport], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        if not 1 <= batch_size <= MAX_PUSH:
            raise ValueError(f"batch_size must be 1..{MAX_PUSH}")
        self._store = store
        self._client = client
        self._clock = clock
        self._files = files if files is not None else FileStore(store.paths.files_dir)
        self._batch_size = batch_size
        self._pull_limit = pull_limit
        self._interval = interval
        self._offline_interval = offline_interval
        self._retry_backoff = retry_backoff
        self._watchdog_cycles = watchdog_cycles
        self._stall_seconds = stall_seconds
        self._on_change = on_change
        self._rng = rng or random.Random()

        self._cycle_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._watchdog: threading.Thread | None = None
        self._generation = 0
        self._cycle_started: float | None = None
        self._recovered = False
        self._online: bool | None = None
        self._failures = 0
        self._stuck_cycles = 0
        self._restarts = 0
        self._last_error: SyncError | None = None
        self._last_bug: str | None = None

    # --- life cycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the cycle thread and its watchdog (no-op when running)."""
        with self._state_lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stopping.clear()
            self._spawn_locked()
            self._watchdog = threading.Thread(target=self._watch, name="sync-watchdog", daemon=True)
            self._watchdog.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the threads to finish and wait for them (a call in flight ends at its timeout)."""
        self._stopping.set()
        self._wake.set()
        for thread in (self._thread, self._watchdog):
            if thread is not None and thread is not threading.current_thread():
                thread.join(timeout)
        with self._state_lock:
            self._thread = None
            self._watchdog = None

    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    def wake(self) -> None:
        """Run a cycle now ("retry now" in the UI, or a dossier was just saved)."""
        self._wake.set()

    def retry_now(self) -> None:
        """Every backed-off entry becomes due, then a cycle runs."""
        with self._store.session() as session:
            SyncStateRepository(session, self._clock).retry_now()
        self.wake()

    def _spawn_locked(self) -> None:
        self._generation += 1
        self._cycle_started = None
        self._thread = threading.Thread(
            target=self._loop, args=(self._generation,), name="sync-engine", daemon=True
        )
        self._thread.start()

    def _loop(self, generation: int) -> None:
        while not self._stopping.is_set() and generation == self._generation:
            report = self._guarded_cycle()
            if generation != self._generation or self._stopping.is_set():
                return
            if report is not None and self._watchdog_says_restart(report):
                self._restart("the queue has not moved for several cycles while online")
                return
            self._wake.wait(self._delay())
            self._wake.clear()

    def _guarded_cycle(self) -> CycleReport | None:
        try:
            return self.run_cycle()
        except Exception as error:  # our bug: keep the thread alive, show it, log it
            log.exception("sync cycle failed")
            self._recovered = False  # entries left ``sending`` go again next cycle
            self._last_bug = f"{type(error).__name__}: {error}"
            return None

    def _delay(self) -> float:
        if self._online is False:
            base, cap = self._offline_interval
            ceiling = min(cap, base * 2 ** min(self._failures, 20))
            return self._rng.uniform(base / 2, max(base, ceiling))
        return self._interval

    def _watch(self) -> None:
        """Restart the cycle thread if it died or is stuck inside one cycle."""
        period = max(0.05, min(5.0, self._stall_seconds / 4))
        while not self._stopping.wait(period):
            thread = self._thread
            started = self._cycle_started
            if thread is None:
                continue
            if not thread.is_alive():
                self._restart("the sync thread ended")
            elif started is not None and time.monotonic() - started > self._stall_seconds:
                self._restart(f"a sync cycle has run for over {self._stall_seconds:.0f} s")

    def _watchdog_says_restart(self, report: CycleReport) -> bool:
        if report.online and report.due_at_start > 0 and report.moved == 0:
            self._stuck_cycles += 1
        else:
            self._stuck_cycles = 0
        return self._stuck_cycles >= self._watchdog_cycles

    def _restart(self, why: str) -> None:
        if self._stopping.is_set():
            return
        log.info("sync watchdog: restarting the cycle thread (%s)", why)
        with self._state_lock:
            self._restarts += 1
            self._stuck_cycles = 0
            self._recovered = False  # the new thread re-sends what was left ``sending``
            self._client.reset_session()
            self._spawn_locked()

    def lease_blocks(self, days: Sequence[date], size: int) -> list[BlockInfo]:
        """Lease blocks of dossier numbers for this counter and store them, so it can keep
        issuing codes while offline. Raises :class:`SyncError` when central cannot lease and
        :class:`CounterNotConfigured` without a counter identity."""
        with self._store.read_session() as session:
            identity = require_counter_identity(session, to_office_time(self._clock()).date())
        leased = self._client.lease_blocks(identity.agency_code, days, size)
        with self._store.session() as session:
            blocks = CodeBlockRepository(session, self._clock)
            return [
                blocks.add_block(
                    block.agency_code,
                    block.day,
                    block.first,
                    block.last,
                    block.lease_id,
                    block.counter_code or identity.counter_code,
                )
                for block in leased
            ]

    # --- status -----------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        with self._store.read_session() as session:
            outbox = OutboxRepository(session, self._clock)
            state = SyncStateRepository(session, self._clock)
            waiting = outbox.pending_count()
            quarantined = outbox.quarantined_count()
            held = state.held_count() if quarantined else 0
            age = outbox.oldest_pending_age()
            last_success = state.last_success()
            conflicts = ConflictRepository(session).open_count()
        error = self._last_error
        drift = self._client.clock_drift_s
        return SyncStatus(
            running=self.running,
            online=self._online,
            waiting=waiting,
            quarantined=quarantined,
            held=held,
            conflicts=conflicts,
            oldest_waiting_age=age,
            last_success_at=last_success,
            last_error=str(error) if error is not None else self._last_bug,
            last_error_vi=error.message_vi if error is not None else None,
            clock_drift_s=drift,
            clock_drift_flagged=drift is not None and abs(drift) > CLOCK_DRIFT_LIMIT_S,
            restarts=self._restarts,
        )

    # --- one cycle --------------------------------------------------------------------------

    def run_cycle(self) -> CycleReport:
        """Upload, push, pull once. Network failures end the cycle early and are reported in
        the result (never raised); a store error is raised (the disk needs a person)."""
        report = CycleReport()
        with self._cycle_lock:
            self._cycle_started = time.monotonic()
            try:
                self._cycle(report)
            finally:
                self._cycle_started = None
        self._after_cycle(report)
        return report

    def _cycle(self, report: CycleReport) -> None:
        if not self._recovered:
            with self._store.session() as session:
                SyncStateRepository(session, self._clock).recover_sending()
            self._recovered = True
        try:
            if self._online is not True:
                # Back from offline: whatever waited for the line is due at once.
                self._client.health()
                with self._store.session() as session:
                    SyncStateRepository(session, self._clock).retry_now()
            self._upload_files(report)
            self._push(report)
            if report.error is None:
                self._pull(report)
        except SyncError as error:
            report.error = error
        report.online = report.error is None or report.error.kind not in (
            SyncErrorKind.OFFLINE,
            SyncErrorKind.TLS,
        )

    def _after_cycle(self, report: CycleReport) -> None:
        self._online = report.online
        self._last_error = report.error
        if report.error is None:
            self._failures = 0
            self._last_bug = None
            with self._store.session() as session:
                SyncStateRepository(session, self._clock).set_last_success(self._clock())
        else:
            self._failures += 1
        if self._on_change is not None:
            try:
                self._on_change(self.status(), report)
            except Exception:
                log.exception("sync status listener failed")

    # --- (a) files --------------------------------------------------------------------------

    def _upload_files(self, report: CycleReport, page: int = 1000) -> None:
        """Every file the waiting ``dossier.files`` entries name, a page of entries at a time
        (a long queue is never loaded whole), so the push that follows finds them on central
        instead of each entry coming back ``missing_files`` and going twice."""
        after = 0
        while True:
            with self._store.read_session() as session:
                entries = SyncStateRepository(session, self._clock).pending_of_kind(
                    FILES_KIND, page, after
                )
            if not entries:
                return
            after = entries[-1].seq
            wanted = list(
                dict.fromkeys(sha for entry in entries for sha in file_hashes(entry.payload))
            )
            del entries
            if wanted:
                self._send_files(self._client.missing_files(wanted), report)

    def _send_files(self, hashes: Sequence[str], report: CycleReport) -> set[str]:
        """Upload what is on this computer of the files central just said it lacks; returns
        the hashes this computer does not hold either."""
        absent: set[str] = set()
        small: list[tuple[str, int]] = []
        large: list[tuple[str, int]] = []
        for sha in hashes:
            try:
                size = self._files.path(sha).stat().st_size
            except FileNotFoundError:
                absent.add(sha)
                continue
            (small if size <= BUNDLE_MAX_FILE_BYTES else large).append((sha, size))
        large.extend(self._send_bundles(small, report))
        for sha, size in large:
            path = self._files.path(sha)
            report.bytes_uploaded += self._client.upload_file(sha, path, size, assume_offset=0)
            report.files_uploaded += 1
        return absent

    def _send_bundles(
        self, files: list[tuple[str, int]], report: CycleReport
    ) -> list[tuple[str, int]]:
        """Small files many to a call; returns those to send one by one instead (central
        has no bundles, or refused one of them: the PATCH path reports why)."""
        leftover: list[tuple[str, int]] = []
        start = 0
        while start < len(files):
            chunk: list[tuple[str, int]] = []
            total = 0
            while (
                start < len(files)
                and len(chunk) < BUNDLE_MAX_FILES
                and (not chunk or total + files[start][1] <= BUNDLE_MAX_BYTES)
            ):
                chunk.append(files[start])
                total += files[start][1]
                start += 1
            try:
                contents = [(sha, self._files.path(sha).read_bytes()) for sha, _ in chunk]
            except FileNotFoundError:
                leftover.extend(chunk)
                continue
            answer = self._client.upload_bundle(contents)
            del contents
            if answer is None:
                return leftover + chunk + files[start:]
            stored = set(answer.stored)
            for sha, size in chunk:
                if sha in stored:
                    report.files_uploaded += 1
                    report.bytes_uploaded += size
                else:
                    leftover.append((sha, size))
        return leftover

    # --- (b) push ---------------------------------------------------------------------------

    def _push(self, report: CycleReport) -> None:
        seen: set[str] = set()
        while True:
            with self._store.session() as session:
                batch = SyncStateRepository(session, self._clock).due_batch(self._batch_size)
                batch = [item for item in batch if item.id not in seen]
                if not batch:
                    return
                OutboxRepository(session, self._clock).mark_sending([item.id for item in batch])
            report.due_at_start = report.due_at_start or len(batch)
            seen.update(item.id for item in batch)
            self._push_batch(batch, report, resend_missing=True)
            if report.error is not None:
                return

    def _push_batch(
        self, batch: list[OutboxItem], report: CycleReport, resend_missing: bool
    ) -> None:
        try:
            results = self._client.push([_push_entry(item) for item in batch])
        except SyncError as error:
            if error.kind is SyncErrorKind.REFUSED and len(batch) > 1:
                # Central refused the whole call: send one by one so only the bad entry stays.
                for item in batch:
                    self._push_batch([item], report, resend_missing)
                    if report.error is not None:
                        return
                return
            self._batch_failed(batch, error, report)
            report.error = error if error.kind is not SyncErrorKind.REFUSED else None
            return
        report.pushed += len(batch)
        by_id = {item.id: item for item in batch}
        resend: list[OutboxItem] = []
        failed: dict[tuple[str, str], str] = {}
        """Records whose earlier entry in this batch did not pass: a later entry of the same
        record that did not pass either may have failed because of it, so it waits (pending)
        instead of being judged on its own."""
        accepted: list[tuple[OutboxItem, PushResult]] = []
        with self._store.session() as session:
            for result in results:
                item = by_id[result.id]
                record = (item.entity, item.entity_id)
                if result.status == "accepted":
                    accepted.append((item, result))
                    continue
                if record in failed:
                    SyncStateRepository(session, self._clock).back_to_pending(
                        [item.id], f"waiting for entry {failed[record]} of the same record"
                    )
                    continue
                failed[record] = item.id
                if result.status == "missing_files" and resend_missing:
                    resend.append(item)
                    continue
                self._settle(session, item, result, report)
            self._settle_accepted(session, accepted, report)
        if resend:
            absent = self._send_files(
                list(
                    dict.fromkeys(sha for item in resend for sha in self._missing_of(results, item))
                ),
                report,
            )
            sendable = [
                item for item in resend if not set(self._missing_of(results, item)) & absent
            ]
            with self._store.session() as session:
                for item in resend:
                    if item not in sendable:
                        missing = sorted(set(self._missing_of(results, item)) & absent)
                        self._quarantine(
                            session,
                            item,
                            _both(
                                f"files missing on this computer: {', '.join(missing)}",
                                f"Thiếu tệp số hoá trên máy này: {', '.join(missing)}",
                            ),
                            report,
                        )
            if sendable:
                self._push_batch(sendable, report, resend_missing=False)

    @staticmethod
    def _missing_of(results: list[PushResult], item: OutboxItem) -> tuple[str, ...]:
        for result in results:
            if result.id == item.id:
                return result.missing
        return ()

    def _settle_accepted(
        self, session: Any, accepted: list[tuple[OutboxItem, PushResult]], report: CycleReport
    ) -> None:
        """A batch's accepted entries in one UPDATE and their dossiers in one query: per
        entry, these were most of the counter's share of a push."""
        if not accepted:
            return
        OutboxRepository(session, self._clock).mark_accepted([item.id for item, _ in accepted])
        report.accepted += len(accepted)
        report.duplicates += sum(int(result.duplicate) for _, result in accepted)
        by_code = {
            item.entity_id: result for item, result in accepted if item.kind in DOSSIER_KINDS
        }
        if by_code:
            self._accepted_dossiers(session, by_code)

    def _settle(
        self, session: Any, item: OutboxItem, result: PushResult, report: CycleReport
    ) -> None:
        if result.status == "accepted":
            self._settle_accepted(session, [(item, result)], report)
        elif result.status == "conflict":
            ConflictRepository(session, self._clock).record(
                entity=item.entity,
                entity_id=item.entity_id,
                kind=item.kind,
                local=item.payload,
                central=result.current or {},
                reason=result.reason or "central holds a newer version",
                outbox_id=item.id,
            )
            report.conflicts += 1
            version = (result.current or {}).get("version")
            self._quarantine(
                session,
                item,
                _both(
                    f"conflict: central holds version {version}; both versions are kept",
                    f"Xung đột: máy chủ trung tâm đang giữ phiên bản {version}; "
                    "cả hai bản được lưu",
                ),
                report,
            )
        elif result.status == "missing_files":
            count = len(result.missing)
            self._retry(
                session,
                item,
                _both(
                    f"files still missing on central: {count}",
                    f"Còn {count} tệp chưa có trên máy chủ trung tâm; sẽ gửi lại",
                ),
            )
            report.retrying += 1
        else:
            reason = result.reason or result.code or "refused by central"
            if result.reason_vi:
                reason = f"{reason} | {result.reason_vi}"
            self._quarantine(session, item, reason, report)

    def _accepted_dossiers(self, session: Any, by_code: dict[str, PushResult]) -> None:
        """Central holds these dossiers: they are no longer provisional. One executemany
        UPDATE for the batch (what the ORM would write, optimistic-lock version and
        ``updated_at`` included), only where something changes; loading every dossier to
        set two columns was most of the counter's share of a push."""
        table = Dossier.__table__
        now = self._clock()
        version = func.coalesce(bindparam("v"), table.c.central_version)
        statement = (
            update(table)
            .where(
                table.c.code == bindparam("c"),
                or_(
                    table.c.central_received_at.is_(None),
                    and_(
                        bindparam("v").is_not(None),
                        or_(
                            table.c.central_version.is_(None),
                            table.c.central_version < bindparam("v"),
                        ),
                    ),
                ),
            )
            .values(
                central_received_at=func.coalesce(
                    table.c.central_received_at,
                    bindparam("at", type_=table.c.central_received_at.type),
                ),
                central_version=case(
                    (
                        or_(
                            table.c.central_version.is_(None),
                            table.c.central_version < version,
                        ),
                        version,
                    ),
                    else_=table.c.central_version,
                ),
                version=table.c.version + 1,
                updated_at=now,
            )
        )
        session.connection().execute(
            statement,
            [
                {"c": code, "v": result.version, "at": result.received_at or now}
                for code, result in by_code.items()
            ],
        )

    def _quarantine(self, session: Any, item: OutboxItem, reason: str, report: CycleReport) -> None:
        OutboxRepository(session, self._clock).quarantine(item.id, reason)
        report.quarantined += 1
        log.info(
            "outbox entry %s (%s %s) quarantined: %s", item.id, item.kind, item.entity_id, reason
        )

    def _retry(self, session: Any, item: OutboxItem, error: str) -> None:
        base, cap = self._retry_backoff
        ceiling = min(cap, base * 2 ** min(item.attempts, 20))
        wait = self._rng.uniform(ceiling / 2, ceiling)
        OutboxRepository(session, self._clock).mark_retrying(
            item.id, error, self._clock() + timedelta(seconds=wait)
        )

    def _batch_failed(self, batch: list[OutboxItem], error: SyncError, report: CycleReport) -> None:
        """The call failed as a whole. Transient: back off the entries (reconnecting makes
        them due again at once). Sign-in or permission: the entries are not at fault, they go
        back to pending. A single refused entry: quarantined."""
        with self._store.session() as session:
            said = _both(str(error), error.message_vi)
            if error.kind is SyncErrorKind.REFUSED:
                for item in batch:
                    self._quarantine(session, item, said, report)
            elif error.transient:
                for item in batch:
                    self._retry(session, item, said)
                report.retrying += len(batch)
            else:
                SyncStateRepository(session, self._clock).back_to_pending(
                    [item.id for item in batch], said
                )

    # --- (c) pull ---------------------------------------------------------------------------

    def _pull(self, report: CycleReport, max_pages: int = 100) -> None:
        with self._store.read_session() as session:
            cursor = SyncStateRepository(session, self._clock).cursor()
        for _ in range(max_pages):
            page = self._client.changes(cursor, self._pull_limit)
            with self._store.session() as session:
                applied = apply_changes(session, page.changes, self._clock)
                SyncStateRepository(session, self._clock).set_cursor(page.next_cursor)
            report.applied.merge(applied)
            report.pulled += len(page.changes)
            cursor = page.next_cursor
            if not page.has_more or not page.changes:
                break
        report.cursor = cursor
