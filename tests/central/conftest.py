"""The central tests run on SQLite, and on PostgreSQL too when a throw-away cluster can be
started (see ``central_postgres`` in tests/central_fixture.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def central_backend(request: pytest.FixtureRequest) -> str:
    backend: str = request.param
    return backend
