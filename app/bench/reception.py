"""Reception benchmark: how long from Save to the receipt PDF on disk, empty store vs. 500,000.

What the clerk waits for after Ctrl+S is one save (:meth:`ReceptionService.receive`: code,
applicant, dossier, documents, history, audit, outbox, search entry, in one transaction) and
the receipt written as a PDF (:func:`write_receipt_pdf`: receipt record, signed QR, Mẫu 01
rendered and written atomically with fsync). Each sample times exactly that, from just before
``receive()`` to the PDF's file on disk, with realistic drafts (varying applicants,
procedures and documents, some returning applicants) built beforehand, out of the timing.

The baseline is the same drafts saved into a freshly seeded, empty store in the same process
and the same minute, so the ratio means something on any machine; the large store is the
same seed data plus ``existing`` dossiers from :mod:`app.bench.fake_dossiers`. Both runs start
with a few untimed warm-up saves (first-use costs: fonts, templates, the calendar).

The large store takes minutes to generate, so it is cached under the data folder's
``bench-cache``, keyed by the generator's and the shipped migrations' and seed data's
fingerprints; a run copies the cached file and never writes to it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.config import AppPaths

if TYPE_CHECKING:
    from app.bench.fake_dossiers import GenerationReport

# Only light imports above: the command line reads the defaults below when it builds its
# parser, on every start of the app. The store, the generator and Qt load when a run starts.

BASELINE = "the same drafts saved into a freshly seeded, empty store, in the same run"
TARGET_P95_MS = 150.0
DEFAULT_DOSSIERS = 200
DEFAULT_EXISTING = 500_000
WARMUP = 5
PAPER = "A4"
UNIT_CODE = "TT"
COUNTER_CODE = "Q01"
CLERK_NAME = "Lê Thị Thu Hà"
RETURNING_POOL = 2000
CACHE_FOLDER = "bench-cache"
CACHE_PREFIX = "reception-"
DEFAULT_SEED = 20_251_123
"""The generator's and the drafts' seed (the same as :data:`app.bench.fake_people.DEFAULT_SEED`)."""


@dataclass(frozen=True)
class Timings:
    """Milliseconds per sample, and the pieces: the save alone and the PDF alone."""

    total_ms: tuple[float, ...]
    save_ms: tuple[float, ...]
    pdf_ms: tuple[float, ...]

    def summary(self) -> dict[str, float]:
        return {"median": _round(statistics.median(self.total_ms)), "p95": p95(self.total_ms)}


@dataclass(frozen=True)
class LargeStore:
    generate_s: float
    """Seeding plus generating, when the store was built (now or when it was cached)."""
    cache_hit: bool
    db_bytes: int
    report: dict[str, Any]


def p95(values: Sequence[float]) -> float:
    """The 95th percentile by the nearest-rank rule: a value that was actually measured."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    return _round(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)])


def _round(value: float) -> float:
    return round(value, 2)


def _qt_application() -> Any:
    """The PDF renderer paints with Qt: one offscreen QGuiApplication for the whole run."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["motcua-bench"])


# --- the large store and its cache -----------------------------------------------------------


def _migrations_fingerprint() -> str:
    from app.store.migration import script_location

    digest = hashlib.sha256()
    for script in sorted((script_location() / "versions").glob("*.py")):
        digest.update(script.name.encode() + b"\0" + script.read_bytes())
    return digest.hexdigest()


def cache_key(existing: int, seed: int = DEFAULT_SEED) -> str:
    """Changes whenever the generated file would: generator, migrations, seed data, size."""
    from app.bench.fake_dossiers import generator_fingerprint
    from app.store.seed import seed_fingerprint

    digest = hashlib.sha256()
    for part in (
        generator_fingerprint(),
        _migrations_fingerprint(),
        seed_fingerprint(resources.files("resources")),
        f"{existing}:{seed}",
    ):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:16]


def _build(folder: Path, existing: int, seed: int) -> tuple[float, GenerationReport]:
    """A seeded store with ``existing`` dossiers in ``folder``; (seconds, report)."""
    from app.bench.fake_dossiers import generate_dossiers
    from app.store.database import open_database
    from app.store.seed import seed_from_resources

    started = time.perf_counter()
    store = open_database(AppPaths(folder))
    try:
        seed_from_resources(store)
        report = generate_dossiers(store, existing, seed=seed)
    finally:
        store.close()
    return round(time.perf_counter() - started, 2), report


def _copy_database(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    for suffix in ("-wal", "-shm"):
        companion = source.with_name(source.name + suffix)
        if companion.exists():
            shutil.copyfile(companion, target.with_name(target.name + suffix))


def prepare_large_store(
    target: AppPaths, existing: int, cache_dir: Path | None, seed: int = DEFAULT_SEED
) -> LargeStore:
    """Put a store with ``existing`` generated dossiers at ``target``: a copy of the cached
    one when ``cache_dir`` holds it, else generated (and cached when ``cache_dir`` is given;
    older cached stores of this benchmark are removed, they are large)."""
    if cache_dir is None:
        scratch = Path(tempfile.mkdtemp(prefix="build-", dir=target.data_dir.parent))
        try:
            seconds, report = _build(scratch, existing, seed)
            target.data_dir.mkdir(parents=True, exist_ok=True)
            os.replace(AppPaths(scratch).database, target.database)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return LargeStore(seconds, False, target.database.stat().st_size, _plain(report))
    name = f"{CACHE_PREFIX}{existing}-{cache_key(existing, seed)}"
    cached = cache_dir / f"{name}.sqlite3"
    sidecar = cache_dir / f"{name}.json"
    if cached.exists() and sidecar.exists():
        facts = json.loads(sidecar.read_text(encoding="utf-8"))
        _copy_database(cached, target.database)
        return LargeStore(facts["generate_s"], True, cached.stat().st_size, facts["report"])
    cache_dir.mkdir(parents=True, exist_ok=True)
    for stale in cache_dir.glob(f"{CACHE_PREFIX}*"):
        if stale.is_file() and not stale.name.startswith(name):
            stale.unlink()
    scratch = Path(tempfile.mkdtemp(prefix=".building-", dir=cache_dir))
    try:
        seconds, report = _build(scratch, existing, seed)
        os.replace(AppPaths(scratch).database, cached)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    facts = {"generate_s": seconds, "report": _plain(report)}
    sidecar.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    _copy_database(cached, target.database)
    return LargeStore(seconds, False, cached.stat().st_size, facts["report"])


def _plain(report: GenerationReport) -> dict[str, Any]:
    values = asdict(report)
    for key in ("first_day", "last_day"):
        values[key] = values[key].isoformat() if values[key] else None
    return values


# --- timing saves ------------------------------------------------------------------------


def time_saves(paths: AppPaths, out_dir: Path, dossiers: int, warmup: int, seed: int) -> Timings:
    """Open the store at ``paths`` (seeding it if needed), set the counter up and time
    ``dossiers`` saves, each until its receipt PDF is on disk, after ``warmup`` untimed ones."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from app.bench.fake_people import DraftFactory, returning_applicants
    from app.documents.receipt_job import write_receipt_pdf
    from app.store.counter import configure_counter, office_today
    from app.store.database import open_database
    from app.store.reception import ReceptionService
    from app.store.seed import seed_from_resources

    store = open_database(paths)
    try:
        seed_from_resources(store)
        with store.session() as session:
            configure_counter(session, UNIT_CODE, COUNTER_CODE, CLERK_NAME)
        today = office_today()
        with store.read_session() as session:
            factory = DraftFactory(session, seed)
            returning = returning_applicants(session, RETURNING_POOL, seed)
        drafts = [factory.draft(today, returning) for _ in range(warmup + dossiers)]
        # The bench has no OS keyring: an in-memory key signs the QR as the counter's would.
        signer = Ed25519PrivateKey.generate()
        service = ReceptionService(store)
        totals: list[float] = []
        saves: list[float] = []
        pdfs: list[float] = []
        out_dir.mkdir(parents=True, exist_ok=True)
        for index, draft in enumerate(drafts):
            started = time.perf_counter()
            received = service.receive(draft)
            saved = time.perf_counter()
            with store.read_session() as session:
                write_receipt_pdf(session, received.dossier_id, PAPER, out_dir, signer)
            finished = time.perf_counter()
            if index >= warmup:
                totals.append((finished - started) * 1000)
                saves.append((saved - started) * 1000)
                pdfs.append((finished - saved) * 1000)
        return Timings(tuple(totals), tuple(saves), tuple(pdfs))
    finally:
        store.close()


def bench_reception(
    *,
    dossiers: int = DEFAULT_DOSSIERS,
    existing: int = DEFAULT_EXISTING,
    use_cache: bool = True,
    cache_dir: Path | None = None,
    warmup: int = WARMUP,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    """Save → PDF timings on an empty store and on one with ``existing`` dossiers."""
    if dossiers < 1:
        raise ValueError("dossiers must be at least 1")
    if existing < 0:
        raise ValueError("existing must not be negative")
    if warmup < 0:
        raise ValueError("warmup must not be negative")
    _qt_application()
    load_before = _load()
    if cache_dir is None:
        cache_dir = AppPaths.default().data_dir / CACHE_FOLDER
    with tempfile.TemporaryDirectory(prefix="motcua-bench-reception-") as tmp:
        root = Path(tmp)
        empty = time_saves(AppPaths(root / "empty"), root / "pdf-empty", dossiers, warmup, seed)
        large_paths = AppPaths(root / "large")
        large = prepare_large_store(large_paths, existing, cache_dir if use_cache else None, seed)
        at_large = time_saves(large_paths, root / "pdf-large", dossiers, warmup, seed)
    empty_summary = empty.summary()
    large_summary = at_large.summary()
    return {
        "save_to_pdf_ms": empty_summary,
        "save_to_pdf_ms_at_500k": large_summary,
        "ratio_p95_500k_vs_empty": round(large_summary["p95"] / empty_summary["p95"], 3),
        "dossiers": dossiers,
        "existing": existing,
        "generate_s": large.generate_s,
        "db_mb": round(large.db_bytes / 1_000_000, 1),
        "target_p95_ms": TARGET_P95_MS,
        "pass": empty_summary["p95"] < TARGET_P95_MS and large_summary["p95"] < TARGET_P95_MS,
        "baseline": BASELINE,
        "warmup": warmup,
        "paper": PAPER,
        "cache_hit": large.cache_hit,
        "parts_median_ms": {
            "empty": _parts(empty),
            "at_500k": _parts(at_large),
        },
        "generated": large.report,
        "load_avg_1min": {"before": load_before, "after": _load()},
    }


def _parts(timings: Timings) -> dict[str, float]:
    return {
        "save": _round(statistics.median(timings.save_ms)),
        "pdf": _round(statistics.median(timings.pdf_ms)),
    }


def _load() -> float | None:
    """The machine's 1-minute load average (where the OS has one): other work on the machine
    slows every figure, and the reader should know."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None
