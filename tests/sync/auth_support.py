"""Shared by the sign-in tests: a clock the test moves, the central URL the app is pointed at.

The central server is the real one (``tests/central_fixture.py``'s ``central_server_module``:
one seeded server per test module) on 127.0.0.1. "Central is down" is the app pointed at a
port of 127.0.0.1 nothing listens on: to the client that is exactly a stopped server
(connection refused), while the server goes on serving the module's other tests.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.store.database import Store
from app.store.secrets import SecretStore
from app.sync.auth import AuthApi, AuthPolicy, AuthService
from app.sync.client import CentralClient, TokenProvider
from central.demo import DEMO_PASSWORD

START = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)

CLERK = "canbo1"
CLERK_PASSWORD = DEMO_PASSWORD
"""The demo clerk of the real central server started by ``tests/central_fixture.py``."""


@dataclass
class ManualClock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def closed_port_url() -> str:
    """A 127.0.0.1 URL where nothing listens (the port was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@dataclass
class Central:
    """Where the app looks for central; ``stop()`` points it at a dead port."""

    url: str
    live_url: str = field(init=False)

    def __post_init__(self) -> None:
        self.live_url = self.url

    def stop(self) -> None:
        self.url = closed_port_url()

    def start(self) -> None:
        self.url = self.live_url

    def client(self, tokens: TokenProvider) -> AuthApi:
        # One attempt, no sleeping: a refused connection is an immediate "offline".
        return CentralClient(self.url, token_provider=tokens, max_attempts=1, sleep=lambda _s: None)


def make_auth(
    store: Store,
    secrets: SecretStore,
    central: Central,
    clock: ManualClock,
    policy: AuthPolicy | None = None,
) -> AuthService:
    return AuthService(store, secrets, central.client, clock=clock, policy=policy)
