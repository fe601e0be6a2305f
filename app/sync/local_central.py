"""The embedded demo central: the reference server as a child process of the app.

``make run`` on a fresh machine has no central system to talk to, yet a newcomer should see
sync working. When no central URL is configured (and the setting ``sync.embedded_central`` is
not ``false``) the app starts ``python -m central serve`` on 127.0.0.1 and a free port, with its
SQLite database and files under the app's data folder (``central-demo/``), seeded once with the
demo data (``python -m central seed``). It is a demonstration only: a real counter is pointed at
the city's system with ``sync.central_url``.

The child never outlives the app for long. It runs in its own process group (its own session
on POSIX), so :meth:`LocalCentral.stop` ends it together with anything it spawned; its pid is
written to ``central-demo/server.pid``, and a start first ends a server an earlier run left
behind (an app killed with SIGKILL cannot stop its child), after checking that pid really is
our server and not a recycled pid of some other program.

No Qt here: the UI starts and stops it on a worker thread.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from app.store.counter import (
    CounterIdentity,
    configure_counter,
    list_counters,
    load_counter_identity,
)
from app.store.database import Store
from app.store.errors import StoreError
from app.store.settings import SettingsRepository

log = logging.getLogger(__name__)

FOLDER_NAME = "central-demo"
HOST = "127.0.0.1"
START_TIMEOUT_S = 60.0
SEED_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 10.0
CENTRAL_URL_KEY = "sync.central_url"
CA_BUNDLE_KEY = "sync.ca_bundle"
"""Extra CA certificates (a PEM file) for a central whose certificate a private CA signed."""
EMBEDDED_SETTING_KEY = "sync.embedded_central"
"""``false`` turns the embedded demo central off (the counter then runs standalone)."""
EMBEDDED_URL_KEY = "sync.embedded_central_url"
"""The URL the embedded central had last time: a ``sync.central_url`` equal to it is ours,
not one an administrator configured."""

_REQUIRED_MODULES = ("central", "fastapi", "uvicorn")


class LocalCentralError(StoreError):
    """The demo central could not start; the counter runs standalone and says why."""


def free_port(host: str = HOST) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def missing_modules() -> list[str]:
    """The packages the demo central needs that this installation lacks."""
    missing = []
    for name in _REQUIRED_MODULES:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    return missing


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (ended, not yet reaped by its parent) is not running
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("State:"):
                return "Z" not in line.split()[1]
    except OSError:
        pass
    return True


def _is_our_server(pid: int, folder: Path) -> bool:
    """Whether ``pid`` runs ``central serve`` on this folder's database (Linux: /proc;
    elsewhere we cannot tell and leave it alone rather than kill a stranger)."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    try:
        parts = cmdline.read_bytes().split(b"\0")
    except OSError:
        return False
    text = [part.decode("utf-8", "replace") for part in parts]
    return "central" in text and "serve" in text and any(str(folder) in part for part in text)


class LocalCentral:
    """Starts, watches and stops the demo central under ``data_dir / central-demo``."""

    def __init__(
        self,
        data_dir: Path,
        *,
        python: str = sys.executable,
        host: str = HOST,
        start_timeout: float = START_TIMEOUT_S,
    ) -> None:
        self.folder = Path(data_dir) / FOLDER_NAME
        self.database = self.folder / "central.sqlite3"
        self.files_dir = self.folder / "files"
        self.pid_file = self.folder / "server.pid"
        self.log_file = self.folder / "server.log"
        self._seeded_marker = self.folder / "seeded"
        self._python = python
        self._host = host
        self._start_timeout = start_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self.url: str | None = None

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.database}"

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # --- start --------------------------------------------------------------------------------

    def start(self) -> str:
        """Seed (once), start the server and wait until it answers; return its URL.

        Raises :class:`LocalCentralError` with a Vietnamese message when it cannot start.
        """
        if self.running and self.url is not None:
            return self.url
        missing = missing_modules()
        if missing:
            names = ", ".join(missing)
            raise LocalCentralError(
                f"the demo central server needs the Python packages {names}, which are not "
                "installed",
                f"máy chủ trung tâm thử nghiệm cần các gói Python {names} nhưng máy chưa cài",
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        self.stop_stale()
        if not self._seeded_marker.exists():
            self._seed()
        last_log = ""
        deadline = time.monotonic() + self._start_timeout
        for _attempt in range(3):
            port = free_port(self._host)
            process = self._spawn(port)
            url = f"http://{self._host}:{port}"
            if self._wait_healthy(process, url, deadline):
                self._process = process
                self.url = url
                self.pid_file.write_text(f"{process.pid}\n{port}\n", encoding="ascii")
                log.info("demo central started at %s (pid %d)", url, process.pid)
                return url
            self._end(process)
            last_log = self._log_tail()
            if "already in use" not in last_log or time.monotonic() >= deadline:
                break
        raise LocalCentralError(
            f"the demo central server did not start: {last_log or 'no output'}",
            "máy chủ trung tâm thử nghiệm không khởi động được; chi tiết trong tệp "
            f"{self.log_file}",
        )

    def _child_env(self) -> dict[str, str]:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        # From a checkout the package sits beside ``app``; make sure the child finds it.
        spec = importlib.util.find_spec("central")
        if spec is not None and spec.origin is not None:
            root = str(Path(spec.origin).resolve().parent.parent)
            paths = [root, *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
            env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
        return env

    def _seed(self) -> None:
        try:
            done = subprocess.run(
                [self._python, "-m", "central", "seed", "--db", self.db_url],
                capture_output=True,
                text=True,
                timeout=SEED_TIMEOUT_S,
                check=False,
                env=self._child_env(),
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise LocalCentralError(
                f"seeding the demo central server failed: {error}",
                "không tạo được dữ liệu mẫu cho máy chủ trung tâm thử nghiệm",
            ) from error
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip()[-500:]
            raise LocalCentralError(
                f"seeding the demo central server failed: {detail}",
                "không tạo được dữ liệu mẫu cho máy chủ trung tâm thử nghiệm",
            )
        self._seeded_marker.write_text("1\n", encoding="ascii")

    def _spawn(self, port: int) -> subprocess.Popen[bytes]:
        command = [
            self._python,
            "-m",
            "central",
            "serve",
            "--host",
            self._host,
            "--port",
            str(port),
            "--db",
            self.db_url,
            "--data",
            str(self.files_dir),
        ]
        options: dict[str, object] = {}
        if os.name == "posix":
            options["start_new_session"] = True  # its own process group: stopped as a whole
        else:
            options["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
        with self.log_file.open("wb") as output:
            return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
                command,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self._child_env(),
                **options,
            )

    def _wait_healthy(self, process: subprocess.Popen[bytes], url: str, deadline: float) -> bool:
        with requests.Session() as http:
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    return False
                try:
                    if http.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                        return True
                except requests.RequestException:
                    pass
                time.sleep(0.1)
        return False

    def _log_tail(self) -> str:
        try:
            return self.log_file.read_text(encoding="utf-8", errors="replace").strip()[-500:]
        except OSError:
            return ""

    # --- stop ---------------------------------------------------------------------------------

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """End the server (and its process group) and forget it; safe to call twice."""
        process, self._process = self._process, None
        self.url = None
        if process is not None:
            self._end(process, timeout)
            log.info("demo central stopped (pid %d)", process.pid)
        with contextlib.suppress(OSError):
            self.pid_file.unlink()

    @staticmethod
    def _signal_group(pid: int, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if os.name == "posix":
                os.killpg(pid, signum)
            else:
                os.kill(pid, signum)

    def _end(self, process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT_S) -> None:
        if process.poll() is None:
            self._signal_group(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                self._signal_group(process.pid, getattr(signal, "SIGKILL", signal.SIGTERM))
                process.wait(timeout)
        elif os.name == "posix":
            # The leader is gone; anything it spawned in its group goes too.
            self._signal_group(process.pid, signal.SIGKILL)

    def stop_stale(self) -> bool:
        """End a server an earlier run of the app left behind (it was killed, or crashed);
        ``True`` when there was one."""
        try:
            first = self.pid_file.read_text(encoding="ascii").split()[0]
            pid = int(first)
        except (OSError, ValueError, IndexError):
            return False
        stopped = False
        if pid > 0 and _pid_alive(pid) and _is_our_server(pid, self.folder):
            log.info("ending the demo central an earlier run left behind (pid %d)", pid)
            self._signal_group(pid, signal.SIGTERM)
            deadline = time.monotonic() + STOP_TIMEOUT_S
            while _pid_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if _pid_alive(pid):
                self._signal_group(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
            stopped = True
        with contextlib.suppress(OSError):
            self.pid_file.unlink()
        return stopped


# --- the app's settings for the embedded central ----------------------------------------------


@dataclass(frozen=True)
class SyncConfig:
    """Which central the app talks to this session, read from the settings."""

    central_url: str | None
    embedded_url: str | None
    embedded_allowed: bool
    ca_bundle: str | None

    @property
    def configured(self) -> bool:
        """An administrator pointed this counter at a central (not the embedded demo one)."""
        return self.central_url is not None and self.central_url != self.embedded_url

    @property
    def embedded(self) -> bool:
        """No central configured and the demo central not turned off: start one."""
        return not self.configured and self.embedded_allowed


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read_sync_config(store: Store) -> SyncConfig:
    with store.read_session() as session:
        settings = SettingsRepository(session)
        return SyncConfig(
            central_url=_text(settings.get(CENTRAL_URL_KEY)),
            embedded_url=_text(settings.get(EMBEDDED_URL_KEY)),
            embedded_allowed=settings.get(EMBEDDED_SETTING_KEY) is not False,
            ca_bundle=_text(settings.get(CA_BUNDLE_KEY)),
        )


def use_embedded_url(store: Store, url: str) -> None:
    """Point the counter at the demo central for this session (and remember it is ours)."""
    with store.session() as session:
        settings = SettingsRepository(session)
        settings.set(CENTRAL_URL_KEY, url)
        settings.set(EMBEDDED_URL_KEY, url)


def leave_embedded(store: Store) -> bool:
    """The demo central is not there: the counter runs standalone again (it grants its own
    numbers). A URL an administrator configured is left alone. ``True`` when changed."""
    with store.session() as session:
        settings = SettingsRepository(session)
        current = _text(settings.get(CENTRAL_URL_KEY))
        if current is None or current != _text(settings.get(EMBEDDED_URL_KEY)):
            return False
        settings.delete(CENTRAL_URL_KEY)
        return True


@dataclass(frozen=True)
class DemoClerk:
    username: str
    password: str
    full_name: str
    unit_code: str


def demo_clerk() -> DemoClerk:
    """The seeded clerk the demo signs in as (``central/demo.py``; demo path only)."""
    from central.demo import DEMO_PASSWORD, DEMO_USERS

    user = next(user for user in DEMO_USERS if "clerk" in user.roles)
    return DemoClerk(user.username, DEMO_PASSWORD, user.full_name, user.unit_code)


def configure_demo_counter(store: Store, clerk: DemoClerk) -> CounterIdentity | None:
    """A fresh machine on the demo path is set up as the first counter of the demo clerk's
    unit, so the newcomer can receive at once; a configured counter is left as it is."""
    with store.session() as session:
        identity = load_counter_identity(session)
        if identity is not None:
            return identity
        choices = [
            choice for choice in list_counters(session) if choice.unit_code == clerk.unit_code
        ]
        if not choices:
            return None
        choice = choices[0]
        return configure_counter(session, choice.unit_code, choice.counter_code, clerk.full_name)
