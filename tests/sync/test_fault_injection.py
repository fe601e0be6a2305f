"""Acceptance (issue 5): a bad network between the counter and central loses nothing and
duplicates nothing.

A counter receives dossiers offline (some with PDFs, one file several upload chunks long), then
syncs through :class:`FaultProxy` in front of the real central: connections dropped, answers
delayed, requests and answers reset mid-body, answers truncated, made-up 500/502/503/429 (some
after central already handled the request), requests never answered. The clerk keeps
receiving while the line is bad. Then the faults stop: the outbox drains, every entry accepted
and none quarantined, and central holds every dossier exactly once with the right files.

The faults are random with a fixed seed (two seeds). The faulty phase runs until the proxy has
really carried out every kind of fault, a reset has cut a file upload in the middle of a chunk
(and the client went on from the byte central had), and central has answered a repeat of an
entry whose first answer was lost, so the test can never pass without the faults it is about.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from app.config import AppPaths
from app.store.counter import office_today
from app.store.database import Store
from app.store.files import FileStore
from app.store.models import Dossier, DossierDocument, OutboxEntry, StatusHistory
from app.store.pages import NewDocumentFile, record_document_files
from app.store.reception import ReceptionService
from app.sync.client import UPLOAD_CHUNK, CentralClient
from app.sync.engine import CycleReport, SyncEngine
from tests.central_fixture import CentralServer
from tests.store.reception_support import draft
from tests.support.fault_proxy import FaultPolicy, FaultProxy, FaultStats

from .sync_support import COUNTER, open_counter, sign_in

pytestmark = pytest.mark.slow

OFFLINE_DOSSIERS = 60
BIG_FILE = 2 * UPLOAD_CHUNK + 123_457
"""Three PATCH calls: a reset inside one of them cuts the file in the middle."""
MAX_FAULTY_ROUNDS = 120
MAX_DRAIN_CYCLES = 20

POLICY = FaultPolicy(
    drop=0.07,
    delay=0.08,
    reset=0.16,
    truncate=0.08,
    http_errors=0.14,
    blackhole=0.02,
    min_delay_s=0.05,
    max_delay_s=0.3,
    max_retry_after_s=1,
)


def central_sqlite(central: CentralServer) -> Path:
    prefix = "sqlite:///"
    if not central.db_url.startswith(prefix):
        pytest.skip("these checks read central's SQLite database")
    return Path(central.db_url[len(prefix) :])


def central_rows(central: CentralServer, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Central's own database, read-only: the count of what it holds, not what its API says."""
    uri = f"file:{central_sqlite(central)}?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def attach_file(store: Store, code: str, data: bytes) -> str:
    """A finalised PDF of the dossier's first document: the file goes to the file store and a
    ``dossier.files`` entry to the outbox (as finishing a capture does)."""
    sha = FileStore(store.paths.files_dir).put(data)
    with store.session() as session:
        dossier_id = session.scalars(select(Dossier.id).where(Dossier.code == code)).one()
        document = session.scalars(
            select(DossierDocument.id)
            .where(DossierDocument.dossier_id == dossier_id)
            .order_by(DossierDocument.id)
        ).first()
        assert document is not None
        record_document_files(
            session, dossier_id, [NewDocumentFile(document, "searchable", sha, len(data), 1)]
        )
    return sha


class Clerk:
    """The counter's side of the test: receives dossiers, some with files, and remembers what
    central must end up holding."""

    def __init__(self, store: Store, rng: random.Random) -> None:
        self.store = store
        self.rng = rng
        self.service = ReceptionService(store)
        self.codes: list[str] = []
        self.files: dict[str, bytes] = {}
        self.files_of: dict[str, str] = {}
        """dossier code -> sha256 of its attached file."""

    def use(self, store: Store) -> None:
        """Go on with the same counter's database opened again (after a restart)."""
        self.store = store
        self.service = ReceptionService(store)

    def receive(self, count: int, with_file_every: int = 4) -> None:
        for _ in range(count):
            code = self.service.receive(draft(self.store)).code
            self.codes.append(code)
            if len(self.codes) % with_file_every == 0:
                self.attach(code, self.rng.randbytes(self.rng.randint(2_000, 40_000)))

    def receive_with_big_file(self) -> None:
        code = self.service.receive(draft(self.store)).code
        self.codes.append(code)
        self.attach(code, self.rng.randbytes(BIG_FILE + self.rng.randint(0, 9_999)))

    def attach(self, code: str, data: bytes) -> None:
        sha = attach_file(self.store, code, data)
        self.files[sha] = data
        self.files_of[code] = sha


def outbox_statuses(store: Store) -> dict[str, int]:
    with store.read_session() as session:
        rows = session.execute(
            select(OutboxEntry.status, func.count()).group_by(OutboxEntry.status)
        ).all()
    return {status: count for status, count in rows}


def big_upload_pending(store: Store, clerk: Clerk, central: CentralServer) -> bool:
    """A big file still to send (not yet complete on central)."""
    big = [sha for sha, data in clerk.files.items() if len(data) >= BIG_FILE]
    if not big:
        return False
    marks = ",".join("?" * len(big))
    held = central_rows(central, f"SELECT count(*) FROM files WHERE sha256 IN ({marks})", *big)
    return held[0][0] < len(big)


class UploadWatch(requests.Session):
    """The client's HTTP session, noting where each file upload call starts: an offset that is
    not a whole number of chunks means central kept part of a chunk whose request was cut in the
    middle, and the client went on from exactly there."""

    def __init__(self) -> None:
        super().__init__()
        self.resumed_mid_chunk: list[int] = []

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        offset = int((kwargs.get("headers") or {}).get("Upload-Offset", 0))
        if method == "PATCH" and offset % UPLOAD_CHUNK:
            self.resumed_mid_chunk.append(offset)
        return super().request(method, url, *args, **kwargs)


def missing_kinds(stats: FaultStats, resumed_mid_chunk: int, duplicates: int) -> list[str]:
    """The faults the test is about that have not happened yet."""
    wanted = {
        "drop": stats.dropped,
        "delay": stats.delayed,
        "reset of a request": stats.reset_request,
        "reset of an answer central gave": stats.reset_response,
        "truncated answer": stats.truncated,
        "blackhole": stats.blackholed,
        "made-up answer after central handled the request": stats.http_errors_after_forward,
        "an upload cut mid-chunk and resumed there": resumed_mid_chunk,
        "a repeat central had already applied": duplicates,
    }
    wanted.update(
        {f"HTTP {status}": stats.http_errors.get(status, 0) for status in POLICY.statuses}
    )
    return [name for name, count in wanted.items() if count == 0]


def upstream(central: CentralServer) -> tuple[str, int]:
    host, port = central.url.removeprefix("http://").split(":")
    return host, int(port)


@pytest.fixture
def central_with_proxy(central_server: CentralServer) -> Iterator[tuple[CentralServer, FaultProxy]]:
    proxy = FaultProxy(upstream=upstream(central_server), seed=0)
    try:
        yield central_server, proxy
    finally:
        proxy.stop()


@pytest.mark.parametrize("seed", [20261123, 7])
def test_faults_on_the_line_lose_nothing_and_duplicate_nothing(
    app_paths: AppPaths,
    counter_template: Path,
    central_with_proxy: tuple[CentralServer, FaultProxy],
    seed: int,
) -> None:
    central, proxy = central_with_proxy
    store = open_counter(app_paths, counter_template, central.url)
    token = sign_in(central)
    direct = CentralClient(central.url, token_provider=lambda: token)
    # The blocks of numbers were leased while the line was good.
    today = office_today()
    SyncEngine(store, direct).lease_blocks([today, today + timedelta(days=1)], 200)
    # Short timeouts, so a blackhole costs seconds, not minutes; quick backoff and small
    # batches, so the test is short and many calls meet faults.
    watch = UploadWatch()
    client = CentralClient(
        proxy.url,
        token_provider=lambda: token,
        session=watch,
        timeout=(1.0, 3.0),
        max_attempts=3,
        backoff_base=0.01,
        backoff_cap=0.1,
    )
    engine = SyncEngine(store, client, batch_size=8, retry_backoff=(0.01, 0.05))
    clerk = Clerk(store, random.Random(seed))
    try:
        clerk.receive(OFFLINE_DOSSIERS)
        clerk.receive_with_big_file()
        assert outbox_statuses(store) == {"pending": OFFLINE_DOSSIERS + 1 + len(clerk.files)}

        proxy.set_policy(POLICY, seed=seed)
        reports: list[CycleReport] = []
        for _round in range(MAX_FAULTY_ROUNDS):
            reports.append(engine.run_cycle())
            duplicates = sum(report.duplicates for report in reports)
            missing = missing_kinds(proxy.stats, len(watch.resumed_mid_chunk), duplicates)
            if not missing and len(reports) >= 10:
                break
            # The clerk goes on receiving while the line is bad; a new big file whenever the
            # last one is on central and no reset has cut one yet.
            clerk.receive(1)
            if "an upload cut mid-chunk and resumed there" in missing and not big_upload_pending(
                store, clerk, central
            ):
                clerk.receive_with_big_file()
        stats = proxy.stats
        assert not missing, f"faults never injected: {missing}; {stats}"
        assert any(report.error is not None for report in reports)  # the faults did bite

        proxy.pass_through()
        engine.retry_now()
        for _cycle in range(MAX_DRAIN_CYCLES):
            report = engine.run_cycle()
            if report.error is None and outbox_statuses(store) == {
                "accepted": len(clerk.codes) + len(clerk.files)
            }:
                break
        assert report.error is None, report.error
        status = engine.status()
        assert (status.waiting, status.quarantined, status.conflicts) == (0, 0, 0)

        entries = len(clerk.codes) + len(clerk.files)
        assert outbox_statuses(store) == {"accepted": entries}
        check_central_holds_each_dossier_once(central, clerk)
        check_entries_applied_once(central, store)
        check_local_dossiers(store, clerk)
    finally:
        engine.stop()
        client.close()
        direct.close()
        watch.close()
        store.close()
    print(
        f"seed {seed}: {len(reports)} faulty cycles, {len(clerk.codes)} dossiers, "
        f"{len(clerk.files)} files, uploads resumed mid-chunk at {watch.resumed_mid_chunk}, "
        f"{sum(r.duplicates for r in reports)} repeats answered as duplicates; {stats}"
    )


def check_central_holds_each_dossier_once(
    central: CentralServer, clerk: Clerk, steps: dict[str, list[str]] | None = None
) -> None:
    """Central holds each of the clerk's dossiers once, with its files; ``steps``: the
    expected history of dossiers a department acted on (others were only received)."""
    codes = clerk.codes
    steps = steps or {}
    # Through the API: every code is found, with its history and its file when it has one.
    admin = central.sign_in("quantri")
    for code in codes:
        answer = admin.get(f"/dossiers/{code}")
        assert answer.status_code == 200, (code, answer.text)
        held = answer.json()
        expected = steps.get(code, ["received"])
        assert held["state"] == expected[-1], code
        assert [step["to_state"] for step in held["history"]] == expected, code
        assert held["has_files"] is (code in clerk.files_of), code
    # In central's database: each dossier once, nothing else from this counter, one history
    # row each, and one applied entry per outbox entry.
    rows = central_rows(central, "SELECT code FROM dossiers WHERE counter_code = ?", COUNTER)
    assert sorted(code for (code,) in rows) == sorted(codes)
    assert len(set(codes)) == len(codes)
    history = central_rows(
        central,
        "SELECT d.code, count(h.id) FROM dossiers d JOIN dossier_history h ON h.dossier_id = d.id "
        "WHERE d.counter_code = ? GROUP BY d.code",
        COUNTER,
    )
    assert dict(history) == {code: len(steps.get(code, ["received"])) for code in codes}
    applied = central_rows(
        central,
        "SELECT kind, count(*) FROM entries WHERE counter_code = ? GROUP BY kind",
        COUNTER,
    )
    assert dict(applied) == {"dossier.received": len(codes), "dossier.files": len(clerk.files)}
    # The files: each complete once, its bytes those of the counter (the SHA-256 checks).
    stored = central_rows(central, "SELECT sha256, size, path FROM files")
    by_sha = {sha: (size, path) for sha, size, path in stored}
    assert set(clerk.files) <= set(by_sha)
    for sha, data in clerk.files.items():
        size, path = by_sha[sha]
        assert size == len(data)
        on_disk = (central.data_dir / "files" / str(path)).read_bytes()
        assert hashlib.sha256(on_disk).hexdigest() == sha
        assert on_disk == data
    partial = central.data_dir / "partial"
    assert not any(partial.iterdir()) if partial.is_dir() else True


def check_local_dossiers(
    store: Store, clerk: Clerk, steps: dict[str, list[str]] | None = None
) -> None:
    """The counter too holds each dossier once, each known to central (no longer provisional),
    and each status change central made applied exactly once."""
    steps = steps or {}
    with store.read_session() as session:
        rows = session.execute(select(Dossier.code, Dossier.central_received_at)).all()
        history = session.execute(
            select(Dossier.code, StatusHistory.to_state)
            .join(StatusHistory, StatusHistory.dossier_id == Dossier.id)
            .order_by(StatusHistory.id)
        ).all()
    assert sorted(code for code, _at in rows) == sorted(clerk.codes)
    assert all(at is not None for _code, at in rows)
    local: dict[str, list[str]] = {}
    for code, state in history:
        local.setdefault(code, []).append(state)
    assert local == {code: steps.get(code, ["received"]) for code in clerk.codes}


def check_entries_applied_once(central: CentralServer, store: Store) -> None:
    """Central applied exactly the counter's outbox entries: each id once, none missing, none
    it made up, and the counter holds each as accepted."""
    with store.read_session() as session:
        local = session.execute(select(OutboxEntry.id, OutboxEntry.status)).all()
    applied = central_rows(central, "SELECT id FROM entries WHERE counter_code = ?", COUNTER)
    assert sorted(entry_id for (entry_id,) in applied) == sorted(entry_id for entry_id, _ in local)
    assert {status for _id, status in local} == {"accepted"}
