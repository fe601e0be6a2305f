"""What the sync engine tests share: a counter database set up like a real one (the packaged
catalogue and organisation, counter TT/Q01), pointed at a real central on 127.0.0.1, a client
signed in as the demo clerk, and dossiers received through the real reception service.

The seeded counter database is made once per session and copied for each test (seeding the
packaged data costs about a second)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from app.config import AppPaths
from app.store.counter import configure_counter, office_today
from app.store.database import Store, open_database
from app.store.reception import ReceptionService
from app.store.seed import seed_from_resources
from app.store.settings import SettingsRepository
from app.sync.client import CentralClient
from app.sync.engine import SyncEngine
from tests.central_fixture import CentralServer, free_port
from tests.store.reception_support import draft

UNIT = "TT"
COUNTER = "Q01"
CLERK_NAME = "Nguyễn Thị Lan"
AGENCY = "999.00.00.H26"


@pytest.fixture(scope="session")
def counter_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("counter-template")
    store = open_database(AppPaths(data_dir=folder))
    try:
        seed_from_resources(store)
        with store.session() as session:
            configure_counter(session, UNIT, COUNTER, CLERK_NAME, on=office_today())
        store.checkpoint()
    finally:
        store.close()
    return folder / "motcua.sqlite3"


def open_counter(app_paths: AppPaths, template: Path, central_url: str | None) -> Store:
    app_paths.data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, app_paths.database)
    store = open_database(app_paths)
    if central_url is not None:
        with store.session() as session:
            SettingsRepository(session).set("sync.central_url", central_url)
    return store


@dataclass
class Counter:
    """A counter wired to a central: its store, a signed-in client, an engine."""

    store: Store
    client: CentralClient
    engine: SyncEngine
    token: str

    def receive(self, count: int = 1) -> list[str]:
        service = ReceptionService(self.store)
        return [service.receive(draft(self.store)).code for _ in range(count)]

    def dead_engine(self) -> SyncEngine:
        """The same counter with central unreachable (a port nobody listens on)."""
        dead = CentralClient(
            f"http://127.0.0.1:{free_port()}",
            token_provider=lambda: self.token,
            max_attempts=1,
        )
        return SyncEngine(self.store, dead)


def sign_in(central: CentralServer, username: str = "canbo1", counter: str = COUNTER) -> str:
    return central.sign_in(username, counter_code=counter).access_token


@pytest.fixture
def sync_counter(
    app_paths: AppPaths, counter_template: Path, central_server: CentralServer
) -> Iterator[Counter]:
    store = open_counter(app_paths, counter_template, central_server.url)
    token = sign_in(central_server)
    client = CentralClient(central_server.url, token_provider=lambda: token, backoff_base=0.05)
    engine = SyncEngine(store, client)
    today = office_today()
    engine.lease_blocks([today, today + timedelta(days=1)], 20)
    try:
        yield Counter(store, client, engine, token)
    finally:
        engine.stop()
        client.close()
        store.close()
