"""A counter store pointed at the real central, for the status bar and Sync screen tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest

from app.config import AppPaths
from app.store.counter import office_today
from app.store.database import Store
from app.store.reception import ReceptionService
from app.sync.client import CentralClient
from app.sync.engine import SyncEngine
from tests.central_fixture import CentralServer, free_port
from tests.store.reception_support import draft
from tests.sync.sync_support import counter_template, open_counter, sign_in

__all__ = ["SyncedCounter", "counter_template", "synced_counter"]


@dataclass
class SyncedCounter:
    store: Store
    client: CentralClient
    token: str
    central: CentralServer

    def engine(self, **options: object) -> SyncEngine:
        return SyncEngine(self.store, self.client, **options)  # type: ignore[arg-type]

    def dead_engine(self) -> SyncEngine:
        """The same counter with central unreachable (a port nobody listens on)."""
        token = self.token
        dead = CentralClient(
            f"http://127.0.0.1:{free_port()}", token_provider=lambda: token, max_attempts=1
        )
        return SyncEngine(self.store, dead)

    def receive(self, count: int = 1) -> list[str]:
        service = ReceptionService(self.store)
        return [service.receive(draft(self.store)).code for _ in range(count)]

    def lease(self, size: int) -> None:
        today = office_today()
        self.engine().lease_blocks([today, today + timedelta(days=1)], size)


@pytest.fixture
def synced_counter(
    app_paths: AppPaths, counter_template: object, central_server: CentralServer
) -> Iterator[SyncedCounter]:
    store = open_counter(app_paths, counter_template, central_server.url)  # type: ignore[arg-type]
    token = sign_in(central_server)
    client = CentralClient(central_server.url, token_provider=lambda: token, backoff_base=0.05)
    try:
        yield SyncedCounter(store, client, token, central_server)
    finally:
        client.close()
        store.close()
