"""The engine when central (or a proxy in front of it) misbehaves, and its background thread:
garbage and cut-off answers leave every entry waiting, never quarantined or lost; the thread
drains when woken, stops cleanly, and the watchdog replaces a cycle stuck in a call."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import select

from app.store.models import OutboxEntry
from app.store.sync_views import error_vi
from app.sync.client import CentralClient
from app.sync.engine import SyncEngine
from app.sync.errors import SyncErrorKind
from tests.central_fixture import CentralServer

from .http_stub import Answer, StubServer
from .sync_support import Counter

HEALTH = b'{"status": "ok", "server_time": "2026-03-02T09:30:00+07:00", "api_version": 1}'


@pytest.fixture
def stub() -> Iterator[StubServer]:
    server = StubServer()
    with server.running():
        yield server


def _stub_engine(counter: Counter, stub: StubServer, **kwargs: object) -> SyncEngine:
    client = CentralClient(
        stub.url,
        token_provider=lambda: counter.token,
        max_attempts=2,
        backoff_base=0.01,
        timeout=(2, 5),
    )
    return SyncEngine(counter.store, client, **kwargs)  # type: ignore[arg-type]


def _statuses(counter: Counter) -> list[str]:
    with counter.store.read_session() as session:
        return list(session.scalars(select(OutboxEntry.status).order_by(OutboxEntry.seq)))


def _eventually(condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """Wait for a background effect (a correctness check, not a speed target)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the background sync never got there"
        time.sleep(0.05)


@pytest.mark.parametrize(
    "answer",
    [
        Answer(200, b"<html>captive portal</html>"),
        Answer(200, b'{"results": [{"id": "x", "status": "accepted"}]', cut_after=30),
        Answer(500, b"Internal Server Error"),
        Answer(200, b'{"results": "accepted"}'),
    ],
    ids=["garbage", "cut-off", "500", "wrong-shape"],
)
def test_a_broken_push_answer_leaves_entries_waiting_then_central_drains_them(
    sync_counter: Counter, central_server: CentralServer, stub: StubServer, answer: Answer
) -> None:
    counter = sync_counter
    (code,) = counter.receive(1)
    stub.on("GET", "/health", Answer(200, HEALTH))
    stub.on("POST", "/outbox", answer)

    report = _stub_engine(counter, stub).run_cycle()
    assert report.error is not None and report.error.kind is SyncErrorKind.SERVER_ERROR
    assert report.quarantined == 0
    assert _statuses(counter) == ["retrying"]
    # What the Sync screen shows beside the waiting entry is Vietnamese.
    with counter.store.read_session() as session:
        (stored,) = session.scalars(select(OutboxEntry.last_error))
    assert error_vi(stored) == report.error.message_vi

    # The line is repaired: the real central gets the dossier once.
    counter.engine.run_cycle()
    counter.engine.retry_now()
    counter.engine.run_cycle()
    assert _statuses(counter) == ["accepted"]
    assert central_server.look_up(code)["state"] == "received"


def test_the_background_thread_drains_on_wake_and_stops_cleanly(sync_counter: Counter) -> None:
    counter = sync_counter
    seen: list[int] = []
    engine = SyncEngine(
        counter.store, counter.client, interval=3600, on_change=lambda s, _r: seen.append(s.waiting)
    )
    engine.start()
    try:
        _eventually(lambda: len(seen) >= 1)  # the first cycle runs at start
        counter.receive(2)
        engine.wake()  # what saving a dossier does
        _eventually(lambda: engine.status().waiting == 0)
        assert _statuses(counter) == ["accepted", "accepted"]
    finally:
        engine.stop()
    assert not engine.running


def test_the_watchdog_replaces_a_cycle_stuck_in_a_call(
    sync_counter: Counter, stub: StubServer
) -> None:
    counter = sync_counter
    counter.receive(1)
    stub.on("GET", "/health", Answer(200, HEALTH, delay=2.0), Answer(200, HEALTH))
    stub.on("POST", "/outbox", Answer(503, b"busy"))
    engine = _stub_engine(counter, stub, interval=3600, stall_seconds=0.4)
    engine.start()
    try:
        _eventually(lambda: engine.status().restarts >= 1)
        # The replacement thread runs cycles: the entry was tried again and waits, not lost.
        _eventually(lambda: _statuses(counter) == ["retrying"])
    finally:
        engine.stop()
    assert not engine.running
