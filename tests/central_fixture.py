"""The real reference central server for tests, as a subprocess on 127.0.0.1.

``central_server`` (a fresh server per test) and ``central_server_module`` (one per test
module) start ``python -m central serve`` on a free port with a database copied from a
template seeded once per session, so a start costs only the server's own start-up. The object
they yield knows the URL, the database, the data folder and the demo accounts, and has helpers
to sign in and to act as a department on a dossier.

The database backend is the ``central_backend`` fixture: ``sqlite`` unless a test tree
overrides it (``tests/central`` runs its tests on PostgreSQL too when one can be started).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from central.demo import DEMO_PASSWORD, DEMO_USERS

REPO_ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
START_TIMEOUT_S = 60.0

#: username -> (password, roles, unit) of the seeded demo accounts.
DEMO_ACCOUNTS = {user.username: (DEMO_PASSWORD, user.roles, user.unit_code) for user in DEMO_USERS}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class CentralApiError(AssertionError):
    """An unexpected answer from central in a test helper, with the body for the report."""


@dataclass
class Session:
    """A signed-in user: ``get``/``post``/... on paths below ``/api/v1``."""

    api_url: str
    tokens: dict[str, Any]
    http: requests.Session = field(default_factory=requests.Session)

    @property
    def access_token(self) -> str:
        return str(self.tokens["access_token"])

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.access_token}", **kwargs.pop("headers", {})}
        return self.http.request(method, self.api_url + path, headers=headers, timeout=30, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def close(self) -> None:
        self.http.close()


@dataclass
class CentralServer:
    url: str
    db_url: str
    data_dir: Path
    log_path: Path
    password: str = DEMO_PASSWORD
    accounts: dict[str, tuple[str, tuple[str, ...], str]] = field(
        default_factory=lambda: dict(DEMO_ACCOUNTS)
    )
    _sessions: list[Session] = field(default_factory=list)

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/v1"

    def sign_in(self, username: str = "canbo1", counter_code: str | None = None) -> Session:
        body: dict[str, Any] = {"username": username, "password": self.accounts[username][0]}
        if counter_code is not None:
            body["counter_code"] = counter_code
        answer = requests.post(f"{self.api_url}/auth/sign-in", json=body, timeout=30)
        if answer.status_code != 200:
            raise CentralApiError(f"sign-in of {username}: {answer.status_code} {answer.text}")
        session = Session(self.api_url, answer.json())
        self._sessions.append(session)
        return session

    def look_up(self, code: str, username: str = "quantri") -> dict[str, Any]:
        answer = self.sign_in(username).get(f"/dossiers/{code}")
        if answer.status_code != 200:
            raise CentralApiError(f"look-up of {code}: {answer.status_code} {answer.text}")
        result: dict[str, Any] = answer.json()
        return result

    def act(
        self,
        code: str,
        action: str,
        *,
        username: str = "chuyenvien1",
        note: str = "",
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        """A department action on the dossier's current version (unless one is given)."""
        session = self.sign_in(username)
        if expected_version is None:
            expected_version = int(self.look_up(code)["version"])
        answer = session.post(
            f"/dossiers/{code}/actions",
            json={"action": action, "note": note, "expected_version": expected_version},
        )
        if answer.status_code != 200:
            raise CentralApiError(f"{action} on {code}: {answer.status_code} {answer.text}")
        result: dict[str, Any] = answer.json()
        return result

    def close_sessions(self) -> None:
        for session in self._sessions:
            session.close()
        self._sessions.clear()


# --- databases ----------------------------------------------------------------------------


def _run_central(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "central", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"python -m central {' '.join(args)} failed:\n{done.stderr}")


@pytest.fixture(scope="session")
def central_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded SQLite database, made once; every server gets a copy."""
    path = tmp_path_factory.mktemp("central-template") / "central.db"
    _run_central("seed", "--db", f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def central_backend() -> str:
    """Which database the servers use; ``tests/central`` parametrises it."""
    return "sqlite"


class DatabaseFactory:
    """Fresh seeded databases for one backend."""

    def __init__(self, request: pytest.FixtureRequest, backend: str) -> None:
        self._request = request
        self.backend = backend

    def new(self, folder: Path) -> str:
        if self.backend == "sqlite":
            template: Path = self._request.getfixturevalue("central_sqlite_template")
            target = folder / "central.db"
            shutil.copyfile(template, target)
            return f"sqlite:///{target}"
        if self.backend == "postgresql":
            cluster = self._request.getfixturevalue("central_postgres")
            return cluster.new_database()
        raise ValueError(self.backend)


def _start(db_url: str, folder: Path) -> tuple[subprocess.Popen[bytes], CentralServer]:
    data_dir = folder / "central-data"
    log_path = folder / "central.log"
    deadline = time.monotonic() + START_TIMEOUT_S
    for _attempt in range(3):
        port = free_port()
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "central",
                    "serve",
                    "--host",
                    HOST,
                    "--port",
                    str(port),
                    "--db",
                    db_url,
                    "--data",
                    str(data_dir),
                ],
                cwd=REPO_ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        server = CentralServer(
            url=f"http://{HOST}:{port}", db_url=db_url, data_dir=data_dir, log_path=log_path
        )
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            try:
                if requests.get(f"{server.api_url}/health", timeout=1).status_code == 200:
                    return process, server
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        _stop(process)
        if "already in use" not in log_path.read_text(errors="replace"):
            break
    raise RuntimeError(f"central did not start:\n{log_path.read_text(errors='replace')}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def central_server(
    request: pytest.FixtureRequest, central_backend: str, tmp_path: Path
) -> Iterator[CentralServer]:
    """A fresh central (its own seeded database and data folder) for one test."""
    folder = tmp_path / "central"
    folder.mkdir()
    db_url = DatabaseFactory(request, central_backend).new(folder)
    process, server = _start(db_url, folder)
    try:
        yield server
    finally:
        server.close_sessions()
        _stop(process)


@pytest.fixture(scope="module")
def central_server_module(
    request: pytest.FixtureRequest,
    central_backend: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[CentralServer]:
    """One central shared by a test module: cheaper, for tests that do not need a fresh one."""
    folder = tmp_path_factory.mktemp("central")
    db_url = DatabaseFactory(request, central_backend).new(folder)
    process, server = _start(db_url, folder)
    try:
        yield server
    finally:
        server.close_sessions()
        _stop(process)


# --- PostgreSQL -----------------------------------------------------------------------------


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@dataclass
class PostgresCluster:
    """A throw-away cluster on 127.0.0.1 (trust auth, fsync off), run as ``postgres``."""

    bin_dir: Path
    folder: Path
    port: int
    _count: int = 0

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@{HOST}:{self.port}/{database}"

    def execute(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(
            host=HOST, port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(statement)  # type: ignore[arg-type]

    def new_database(self) -> str:
        """A copy of the seeded template (CREATE DATABASE ... TEMPLATE is a file copy)."""
        self._count += 1
        name = f"central_{self._count}"
        self.execute(f"CREATE DATABASE {name} TEMPLATE central_template")
        return self.url(name)


def _as_postgres(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="session")
def central_postgres() -> Iterator[PostgresCluster]:
    """Start PostgreSQL from Debian's packages when it is installed and the tests run as root
    (the server refuses to run as root, so it runs as the ``postgres`` user); skip otherwise."""
    import pwd
    import tempfile

    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin)")
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("starting a throw-away PostgreSQL needs root (to run it as 'postgres')")
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("there is no 'postgres' user to run PostgreSQL as")
    # Not under pytest's tmp folder: that one is private to root, and postgres must enter it.
    folder = Path(tempfile.mkdtemp(prefix="central-pg-"))
    os.chown(folder, account.pw_uid, account.pw_gid)
    data = folder / "data"
    started = False
    try:
        init = _as_postgres(
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        if init.returncode != 0:
            pytest.skip(f"initdb failed: {init.stderr.strip()[:300]}")
        port = free_port()
        options = (
            f"-p {port} -k {folder} -c listen_addresses={HOST} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        start = _as_postgres(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(folder / "postgres.log"),
            "-o",
            options,
            "-w",
            "start",
        )
        if start.returncode != 0:
            pytest.skip(f"PostgreSQL did not start: {start.stderr.strip()[:300]}")
        started = True
        cluster = PostgresCluster(bin_dir, folder, port)
        cluster.execute("CREATE DATABASE central_template")
        _run_central("seed", "--db", cluster.url("central_template"))
        yield cluster
    finally:
        if started:
            _as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)
