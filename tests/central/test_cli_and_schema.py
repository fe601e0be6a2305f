"""``python -m central``: clear errors a person can act on; migrations match the models."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from central.db import Database, migrate
from central.models import Base
from tests.central_fixture import HOST, REPO_ROOT


def _central(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "central", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_serve_says_when_the_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _central(
            "serve",
            "--host",
            HOST,
            "--port",
            str(port),
            "--db",
            f"sqlite:///{tmp_path / 'c.db'}",
            "--data",
            str(tmp_path / "data"),
        )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"central: port {port} on {HOST} is already in use; choose another with --port"
    )


def test_a_bad_database_url_is_explained(tmp_path: Path) -> None:
    done = _central("seed", "--db", "not a url")
    assert done.returncode == 2
    assert "is not a database URL" in done.stderr
    assert "Traceback" not in done.stderr
    other = _central("seed", "--db", "mysql://localhost/central")
    assert other.returncode == 2
    assert "use sqlite or postgresql" in other.stderr


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'central.db'}")
    try:
        migrate(database.engine)
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.dispose()
