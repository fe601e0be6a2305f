"""Sync benchmark: how long a counter takes to push its queue after the line comes back.

The scene is issue 5's: a counter received dossiers while offline, each with one small
digitised attachment, and then reconnects to the central system. Per set of dossiers:

1. Prepare (not timed). A fresh counter store (the packaged seed data, counter TT/Q01) and
   a fresh reference central (``python -m central serve`` in its own process, on 127.0.0.1,
   a copy of a freshly seeded SQLite database). The counter signs in and leases blocks of
   numbers, as it would before the line drops; then, without calling central, it receives
   the dossiers through the real :class:`ReceptionService` (realistic drafts from
   :mod:`app.bench.fake_people`) and records one small PDF per dossier (distinct bytes, in
   the file store) with :func:`record_document_files`, so the outbox holds exactly what the
   app queues: one ``dossier.received`` and one ``dossier.files`` entry per dossier. A day
   has at most 9,999 numbers, so the dossiers are spread over consecutive days ending today.
2. Timed: :mod:`app.bench.sync_child` runs the real engine's cycles in a process of its own
   until the outbox is drained, and reports its own peak memory; central's memory is not in
   it, nor is the preparation's.
3. Verified: every outbox entry accepted, central holding exactly the N dossiers (its
   database counted, a sample looked up over the API), each with its files record, every
   entry applied once. A failed check makes ``pass`` false and names the check.

The baseline, measured in the same run: the small set pushed one entry per request
(``batch_size=1``) against its own fresh central, from a copy of the same prepared store.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path
from typing import Any

# Only light imports above: the command line reads the defaults below when it builds its
# parser. The store, the engine and requests load when a run starts.

DEFAULT_DOSSIERS = 10_000
DEFAULT_SMALL = 1_000
QUICK_DOSSIERS = 50
QUICK_SMALL = 20
TARGET_DOSSIERS_PER_S = 300.0
TARGET_MEMORY_RATIO = 1.2
PER_DAY = 5_000
MAX_LEASE = 1_000
"""Central leases at most this many numbers a call."""
"""Dossiers received per day of the set (a day has 9,999 numbers per agency)."""
UNIT_CODE = "TT"
COUNTER_CODE = "Q01"
CLERK_USERNAME = "canbo1"
CLERK_NAME = "Nguyễn Thị Lan"
HOST = "127.0.0.1"
START_TIMEOUT_S = 60.0
SAMPLE_LOOKUPS = 20
DEFAULT_SEED = 20_251_123
BASELINE = (
    "the small set pushed one entry per request (batch_size=1) against its own fresh "
    "central, from a copy of the same prepared store, in the same run"
)
REPO_ROOT = Path(__file__).resolve().parents[2]


class SyncBenchError(RuntimeError):
    """The benchmark could not run (central did not start, the child failed)."""


# --- central as a subprocess ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _central(*args: str) -> list[str]:
    return [sys.executable, "-m", "central", *args]


def seed_central(path: Path) -> None:
    """A freshly seeded central database (demo units, users, publications)."""
    done = subprocess.run(
        _central("seed", "--db", f"sqlite:///{path}"),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise SyncBenchError(f"python -m central seed failed:\n{done.stderr}")


@dataclass
class CentralProcess:
    url: str
    db_path: Path
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/v1"


@contextmanager
def running_central(db_path: Path, folder: Path) -> Iterator[CentralProcess]:
    """``python -m central serve`` on a free port of 127.0.0.1 over ``db_path``."""
    import requests

    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / "central.log"
    port = _free_port()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            _central(
                "serve",
                "--host",
                HOST,
                "--port",
                str(port),
                "--db",
                f"sqlite:///{db_path}",
                "--data",
                str(folder / "central-data"),
            ),
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    central = CentralProcess(f"http://{HOST}:{port}", db_path, process, log_path)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SyncBenchError(
                    f"central did not start:\n{log_path.read_text(errors='replace')[-2000:]}"
                )
            try:
                if requests.get(f"{central.api_url}/health", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        yield central
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def sign_in(central: CentralProcess) -> str:
    """The demo clerk's access token for counter Q01 (the bench's counter)."""
    import requests

    from central.demo import DEMO_PASSWORD

    answer = requests.post(
        f"{central.api_url}/auth/sign-in",
        json={"username": CLERK_USERNAME, "password": DEMO_PASSWORD, "counter_code": COUNTER_CODE},
        timeout=30,
    )
    if answer.status_code != 200:
        raise SyncBenchError(f"sign-in failed: {answer.status_code} {answer.text[:300]}")
    return str(answer.json()["access_token"])


def snapshot_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database (the backup API; WAL included)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


# --- the attachment ---------------------------------------------------------------------------


def small_pdf(serial: int) -> bytes:
    """A real one-page PDF of a few KB whose bytes differ per dossier: a text page with its
    serial and some lines of a scanned document's OCR text (compressed, as producers do)."""
    rng = random.Random(serial)
    code = f"{serial:08d}"
    words = ("giấy", "khai", "sinh", "hộ", "khẩu", "chứng", "thực", "bản", "sao", "đơn")
    lines = [f"BT /F1 14 Tf 50 790 Td (Ho so {code}) Tj ET"]
    for row in range(60):
        text = " ".join(rng.choice(words) for _ in range(10)).encode("ascii", "replace").decode()
        lines.append(f"BT /F1 9 Tf 50 {770 - row * 12} Td ({text} {rng.random():.12f}) Tj ET")
    stream = zlib.compress("\n".join(lines).encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- preparing a set --------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparedSet:
    counter_dir: Path
    codes: tuple[str, ...]
    attachment_bytes: int
    prepare_s: float


class _SetClock:
    """The reception instant, set by the loop: dossiers received over the offline days."""

    def __init__(self) -> None:
        self.now = datetime.now().astimezone()

    def __call__(self) -> datetime:
        return self.now


def _days(count: int, today: date) -> list[date]:
    return [today - timedelta(days=offset) for offset in range(math.ceil(count / PER_DAY))][::-1]


def prepare_set(
    counter_dir: Path, central: CentralProcess, count: int, seed: int = DEFAULT_SEED
) -> PreparedSet:
    """A counter store holding ``count`` received dossiers with one PDF each, queued: the
    counter leased its numbers from ``central`` and then received without calling it."""
    from app.bench.fake_people import DraftFactory
    from app.config import AppPaths
    from app.domain.clock import OFFICE_TZ
    from app.store.counter import configure_counter, office_today
    from app.store.database import open_database
    from app.store.files import FileStore
    from app.store.pages import NewDocumentFile, dossier_document_ids, record_document_files
    from app.store.reception import ReceptionService
    from app.store.seed import seed_from_resources
    from app.store.settings import SettingsRepository
    from app.sync.client import CentralClient
    from app.sync.engine import SyncEngine

    started = time.perf_counter()
    paths = AppPaths(counter_dir)
    store = open_database(paths)
    try:
        seed_from_resources(store)
        today = office_today()
        days = _days(count, today)
        with store.session() as session:
            configure_counter(session, UNIT_CODE, COUNTER_CODE, CLERK_NAME, on=days[0])
            SettingsRepository(session).set("sync.central_url", central.url)
        token = sign_in(central)
        client = CentralClient(central.url, token_provider=lambda: token)
        try:
            engine = SyncEngine(store, client)
            for _ in range(math.ceil(min(count, PER_DAY) / MAX_LEASE)):
                engine.lease_blocks(days, MAX_LEASE)
        finally:
            client.close()
        # From here on the counter is offline: nothing below calls central.
        files = FileStore(paths.files_dir)
        # The attachments first, on a few threads: each durable write waits for its fsync.
        with ThreadPoolExecutor(max_workers=8) as pool:
            serials = range(seed, seed + count)
            pdfs = [len(small_pdf(serial)) for serial in serials]
            shas = list(pool.map(lambda serial: files.put(small_pdf(serial)), serials))
        with store.read_session() as session:
            factory = DraftFactory(session, seed)
        codes: list[str] = []
        attachment_bytes = 0
        clock = _SetClock()
        service = ReceptionService(store, clock=clock)
        for index in range(count):
            day = days[index // PER_DAY]
            clock.now = datetime.combine(day, day_time(7, 30), OFFICE_TZ) + timedelta(
                seconds=5 * (index % PER_DAY)
            )
            draft = factory.draft(day)
            while not draft.documents:
                draft = factory.draft(day)
            received = service.receive(draft, page_slot=None)
            attachment_bytes += pdfs[index]
            with store.session() as session:
                document_id = dossier_document_ids(session, received.dossier_id)[0]
                record_document_files(
                    session,
                    received.dossier_id,
                    [NewDocumentFile(document_id, "searchable", shas[index], pdfs[index], 1)],
                    clock=clock,
                )
            codes.append(received.code)
        store.checkpoint()
    finally:
        store.close()
    return PreparedSet(
        counter_dir,
        tuple(codes),
        round(attachment_bytes / max(count, 1)),
        round(time.perf_counter() - started, 1),
    )


# --- the timed push and its checks ------------------------------------------------------------


def run_child(counter_dir: Path, central: CentralProcess, batch_size: int) -> dict[str, Any]:
    """The reconnect, timed in its own process (see :mod:`app.bench.sync_child`)."""
    from app.bench.sync_child import TOKEN_ENV

    token = sign_in(central)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.bench.sync_child",
            str(counter_dir),
            central.url,
            str(batch_size),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
        env={**os.environ, TOKEN_ENV: token},
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise SyncBenchError(f"the sync child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def verify(prepared: PreparedSet, central: CentralProcess, token: str) -> dict[str, Any]:
    """What must hold after the push; ``ok`` is false, with the failed checks named, if not."""
    import requests

    count = len(prepared.codes)
    failed: list[str] = []
    with sqlite3.connect(prepared.counter_dir / "motcua.sqlite3") as counter:
        statuses = dict(counter.execute("SELECT status, count(*) FROM outbox GROUP BY status"))
        kinds = dict(
            counter.execute(
                "SELECT kind, count(*) FROM outbox WHERE status = 'accepted' GROUP BY kind"
            )
        )
    counter.close()
    if set(statuses) != {"accepted"}:
        failed.append(f"outbox entries not accepted: {statuses}")
    for kind in ("dossier.received", "dossier.files"):
        if kinds.get(kind) != count:
            failed.append(f"{kind} accepted {kinds.get(kind)} times, expected {count}")
    with sqlite3.connect(central.db_path) as db:
        (dossiers,) = db.execute(
            "SELECT count(*) FROM dossiers WHERE unit_code = ? AND counter_code = ?",
            (UNIT_CODE, COUNTER_CODE),
        ).fetchone()
        (with_files,) = db.execute(
            "SELECT count(*) FROM dossiers WHERE files IS NOT NULL"
        ).fetchone()
        (entries,) = db.execute("SELECT count(*) FROM entries").fetchone()
        (stored,) = db.execute("SELECT count(*) FROM files WHERE complete").fetchone()
        held = {code for (code,) in db.execute("SELECT code FROM dossiers")}
    db.close()
    if dossiers != count or held != set(prepared.codes):
        failed.append(f"central holds {dossiers} dossiers of this counter, expected {count}")
    if with_files != count:
        failed.append(f"central holds files records of {with_files} dossiers, expected {count}")
    if entries != 2 * count:
        failed.append(f"central applied {entries} entries, expected {2 * count}")
    if stored != count:
        failed.append(f"central holds {stored} complete files, expected {count}")
    sample = random.Random(count).sample(prepared.codes, min(SAMPLE_LOOKUPS, count))
    with requests.Session() as http:
        for code in sample:
            answer = http.get(
                f"{central.api_url}/dossiers/{code}",
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            if answer.status_code != 200 or answer.json().get("code") != code:
                failed.append(f"look-up of {code}: {answer.status_code}")
    return {
        "ok": not failed,
        "failed": failed,
        "outbox": statuses,
        "central_dossiers": dossiers,
        "central_entries": entries,
        "central_files": stored,
        "looked_up": len(sample),
    }


def _figures(count: int, child: dict[str, Any]) -> dict[str, Any]:
    seconds = float(child["seconds"])
    return {
        "dossiers_per_s": round(count / seconds, 1) if seconds > 0 else None,
        "seconds": round(seconds, 2),
        "peak_rss_mb": child["peak_rss_mb"],
        "dossiers": count,
        "cycles": child["cycles"],
    }


@dataclass(frozen=True)
class Measured:
    figures: dict[str, Any]
    check: dict[str, Any]
    child: dict[str, Any]


def measure_set(
    root: Path, template_db: Path, count: int, *, baseline_batch: int | None, seed: int
) -> tuple[Measured, Measured | None, PreparedSet]:
    """Prepare a set, push it with the engine's default batches, and (when
    ``baseline_batch`` is given) push a copy of it with that batch size to its own central."""
    from app.sync.client import MAX_PUSH

    root.mkdir(parents=True, exist_ok=True)
    db_path = root / "central.db"
    shutil.copyfile(template_db, db_path)
    with running_central(db_path, root / "central") as central:
        prepared = prepare_set(root / "counter", central, count, seed)
        baseline_dir: Path | None = None
        baseline_db = root / "baseline-central.db"
        if baseline_batch is not None:
            baseline_dir = root / "baseline-counter"
            shutil.copytree(prepared.counter_dir, baseline_dir)
            snapshot_sqlite(db_path, baseline_db)
        child = run_child(prepared.counter_dir, central, MAX_PUSH)
        token = sign_in(central)
        check = verify(prepared, central, token)
    main = Measured(_figures(count, child), check, child)
    if baseline_dir is None or baseline_batch is None:
        return main, None, prepared
    with running_central(baseline_db, root / "baseline-central") as central:
        child = run_child(baseline_dir, central, baseline_batch)
        copy = PreparedSet(baseline_dir, prepared.codes, prepared.attachment_bytes, 0.0)
        check = verify(copy, central, sign_in(central))
    return main, Measured(_figures(count, child), check, child), prepared


def bench_sync(
    *,
    dossiers: int = DEFAULT_DOSSIERS,
    small: int = DEFAULT_SMALL,
    quick: bool = False,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    """Push ``dossiers`` and ``small`` queued dossiers after a reconnect; see the module doc."""
    if quick:
        dossiers, small = QUICK_DOSSIERS, QUICK_SMALL
    if dossiers < 1 or small < 1:
        raise ValueError("dossiers and small must be at least 1")
    load_before = _load()
    with _terminate_as_exit(), tempfile.TemporaryDirectory(prefix="motcua-bench-sync-") as tmp:
        root = Path(tmp)
        template = root / "central-template.db"
        seed_central(template)
        small_run, baseline, small_set = measure_set(
            root / "small", template, small, baseline_batch=1, seed=seed
        )
        large_run, _, large_set = measure_set(
            root / "large", template, dossiers, baseline_batch=None, seed=seed + 1
        )
    assert baseline is not None
    ratio = round(large_run.figures["peak_rss_mb"] / small_run.figures["peak_rss_mb"], 3)
    speedup = (
        round(small_run.figures["dossiers_per_s"] / baseline.figures["dossiers_per_s"], 2)
        if baseline.figures["dossiers_per_s"]
        else None
    )
    checks = {
        "large": large_run.check,
        "small": small_run.check,
        "baseline": baseline.check,
    }
    verified = all(check["ok"] for check in checks.values())
    rate = large_run.figures["dossiers_per_s"] or 0.0
    return {
        "dossiers_per_s": large_run.figures["dossiers_per_s"],
        "seconds": large_run.figures["seconds"],
        "peak_rss_mb": large_run.figures["peak_rss_mb"],
        "dossiers": dossiers,
        "cycles": large_run.figures["cycles"],
        "small": small_run.figures,
        "memory_ratio": ratio,
        "baseline": BASELINE,
        "baseline_result": baseline.figures,
        "speedup_vs_baseline": speedup,
        "targets": {
            "dossiers_per_s_min": TARGET_DOSSIERS_PER_S,
            "memory_ratio_max": TARGET_MEMORY_RATIO,
        },
        "checks": checks,
        "verified": verified,
        "pass": verified and rate >= TARGET_DOSSIERS_PER_S and ratio <= TARGET_MEMORY_RATIO,
        "quick": quick,
        "attachment_bytes": large_set.attachment_bytes,
        "prepare_s": {"large": large_set.prepare_s, "small": small_set.prepare_s},
        "engine": {"large": large_run.child["totals"], "small": small_run.child["totals"]},
        "load_avg_1min": {"before": load_before, "after": _load()},
    }


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """A SIGTERM (a CI timeout, ``kill``) unwinds like an exception, so the central servers
    this run started are stopped and its temporary folder removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _load() -> float | None:
    """The machine's 1-minute load average: other work on the machine slows every figure."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None
