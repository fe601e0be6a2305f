"""The app's sync as the crash test runs it in a child interpreter, to be killed (SIGKILL).

A module of its own (not the test module), so the child imports no pytest. The child opens the
counter's database file, signs in to central with the demo password on every start (tokens live
in the OS keyring, and the child has no keyring backend: signing in again is what a restarted
app does), and runs sync cycles. It prints, flushed, a line before and after each call to
central and at the end of each cycle, so the parent can tell where a kill landed.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.config import AppPaths
from app.store.database import open_database
from app.sync.client import CentralClient
from app.sync.engine import SyncEngine
from tests.support.crash_harness import signal_ready

TRACED_CALLS = ("health", "missing_files", "upload_bundle", "upload_file", "push", "changes")
"""The client calls a cycle makes; each is bracketed by ``call NAME`` / ``done NAME`` lines."""


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _traced(name: str, call: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(call)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        say(f"call {name}")
        result = call(*args, **kwargs)
        say(f"done {name}")
        return result

    return wrapper


def sync(
    data_dir: str,
    central_url: str,
    username: str,
    password: str,
    counter_code: str,
    drain_cycles: int,
) -> None:
    """Sync cycles one after the other: forever (``drain_cycles`` 0: the parent kills the
    child), or until the outbox is empty and central has nothing new (the final, unkilled run),
    giving up with exit status 3 after ``drain_cycles`` cycles (something is stuck)."""
    store = open_database(AppPaths(data_dir=Path(data_dir)))
    token: dict[str, str] = {}
    client = CentralClient(
        central_url,
        token_provider=lambda: token.get("access"),
        timeout=(2.0, 15.0),
        backoff_base=0.02,
        backoff_cap=0.2,
    )
    token["access"] = client.sign_in(username, password, counter_code).access_token
    for name in TRACED_CALLS:
        if hasattr(client, name):
            setattr(client, name, _traced(name, getattr(client, name)))
    # Small batches: a run makes several pushes, each settled in its own transaction.
    engine = SyncEngine(store, client, batch_size=3, retry_backoff=(0.01, 0.05))
    signal_ready()
    cycle = 0
    while True:
        cycle += 1
        say(f"cycle {cycle}")
        report = engine.run_cycle()
        say(f"end {cycle} " + json.dumps(report.as_json(), sort_keys=True))
        if not drain_cycles:
            continue
        if report.error is None and report.pulled == 0 and engine.status().waiting == 0:
            break
        if cycle >= drain_cycles:
            say("not drained")
            sys.exit(3)
        time.sleep(0.05)  # entries backed off for a moment
    engine.stop()
    client.close()
    store.close()
