"""Acceptance (issue 5): the app killed (SIGKILL) at random points during sync, many times,
loses nothing and duplicates nothing on either side.

The app's sync runs in a child interpreter (:mod:`tests.sync.crash_sync_child`) on the counter's
real database file, against the real central on 127.0.0.1 (through a proxy that slows some
answers), and is killed without warning at a random moment (seeded) after it has signed in, run
after run. Between runs the clerk receives a few more dossiers (some with files) and a
department acts on central on a dossier synced before the trouble, so kills land in uploads,
pushes, the settling of results, pulls and the applying of changes. After every kill the
counter's file is whole and holds everything it held before. A last run, not killed, drains the
outbox; then each dossier is once on the counter and once on central, every entry accepted (none
quarantined), and central's status changes were applied once each.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
from collections import Counter as Tally
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.config import AppPaths
from app.store.counter import office_today
from app.store.database import Store, open_database
from app.store.models import OutboxEntry
from app.store.sync_state import SyncStateRepository
from app.sync.client import CentralClient
from app.sync.engine import SyncEngine
from tests.central_fixture import CentralServer
from tests.support.crash_harness import CrashHarness, CrashRun
from tests.support.fault_proxy import FaultPolicy, FaultProxy

from .crash_sync_child import sync
from .sync_support import COUNTER, open_counter, sign_in
from .test_fault_injection import (
    Clerk,
    central_rows,
    check_central_holds_each_dossier_once,
    check_entries_applied_once,
    check_local_dossiers,
    upstream,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX"),
]

KILLS = 20
SLOW_LINE = FaultPolicy(delay=0.3, min_delay_s=0.02, max_delay_s=0.15)
MAX_KILL_DELAY_S = 0.7
CLERK = "canbo1"
DRAIN_CYCLES = 100
"""The final run gives up (exit status 3) after this many cycles without draining."""
ACT_AFTER = {4: "accept_handover", 10: "result_ready"}
"""Run number -> the department action taken on central after that run."""

PHASES = {
    "call health": "health check",
    "call missing_files": "file upload",
    "call upload_bundle": "file upload",
    "call upload_file": "file upload",
    "done missing_files": "file upload",
    "done upload_bundle": "file upload",
    "done upload_file": "file upload",
    "call push": "push",
    "done push": "settling push results",
    "call changes": "pull",
    "done changes": "applying pulled changes",
}


def where_killed(run: CrashRun) -> str:
    """What the child was doing when it died, from the last line it flushed."""
    for line in reversed(run.lines):
        if line in PHASES:
            return PHASES[line]
        if line.startswith(("cycle ", "end ")):
            return "between calls"
    return "before the first cycle"


def check_counter_file(store_path: Path, expected_entries: set[str], clerk: Clerk) -> None:
    """What a restart meets after a kill: a whole file, every dossier and every outbox entry it
    held before, none quarantined."""
    connection = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        codes = [code for (code,) in connection.execute("SELECT code FROM dossiers")]
        entries = dict(connection.execute("SELECT id, status FROM outbox").fetchall())
    finally:
        connection.close()
    assert sorted(codes) == sorted(clerk.codes)
    assert set(entries) == expected_entries
    assert "quarantined" not in entries.values()


def repeats_answered(run: CrashRun) -> int:
    """Entries central answered as repeats in this run: it had applied them in an earlier run
    whose kill came before the counter recorded the answer."""
    total = 0
    for line in run.lines:
        if line.startswith("end "):
            total += int(json.loads(line.split(" ", 2)[2])["duplicates"])
    return total


def outbox_ids(store: Store) -> set[str]:
    with store.read_session() as session:
        return set(session.scalars(select(OutboxEntry.id)))


@pytest.mark.parametrize("seed", [12])
def test_sigkill_during_sync_loses_nothing_and_duplicates_nothing(
    request: pytest.FixtureRequest,
    app_paths: AppPaths,
    counter_template: Path,
    central_server: CentralServer,
    seed: int,
) -> None:
    central = central_server
    store = open_counter(app_paths, counter_template, central.url)
    token = sign_in(central)
    direct = CentralClient(central.url, token_provider=lambda: token)
    engine = SyncEngine(store, direct)
    today = office_today()
    engine.lease_blocks([today, today + timedelta(days=1)], 200)
    clerk = Clerk(store, random.Random(seed))
    # One dossier reached central before the trouble: a department works on it meanwhile.
    clerk.receive(1)
    assert engine.run_cycle().accepted == 1
    direct.close()
    acted = clerk.codes[0]
    clerk.receive(8, with_file_every=3)
    clerk.receive_with_big_file()
    entries = outbox_ids(store)
    store.close()

    password = central.accounts[CLERK][0]
    data_dir = str(app_paths.data_dir)
    # A slow line (some answers held back a little) widens the moments a kill can land
    # in: central has applied a push, and the counter dies before it hears so.
    proxy = FaultProxy(upstream=upstream(central), seed=seed, policy=SLOW_LINE)
    request.addfinalizer(proxy.stop)
    harness = CrashHarness(
        sync, data_dir, proxy.url, CLERK, password, COUNTER, 0, ready="target", seed=seed
    )
    where = Tally[str]()
    repeats = 0
    steps_done = ["received"]
    for number, run in enumerate(harness.kill_repeatedly(KILLS, 0.0, MAX_KILL_DELAY_S), 1):
        assert run.ready, run.stderr
        assert run.killed and run.returncode == -signal.SIGKILL, run.stderr
        where[where_killed(run)] += 1
        repeats += repeats_answered(run)
        check_counter_file(app_paths.database, entries, clerk)
        # The next start meets the file as the kill left it; meanwhile the clerk works on.
        store = open_database(app_paths)
        clerk.use(store)
        if number % 2:
            clerk.receive(3, with_file_every=2)
        if number == 7:
            clerk.receive_with_big_file()
        entries = outbox_ids(store)
        store.close()
        # A department acts on central while the counter keeps dying.
        action = ACT_AFTER.get(number)
        if action is not None:
            central.act(acted, action, note=f"after kill {number}")
            steps_done.append({"accept_handover": "transferred"}.get(action, action))

    final = CrashHarness(
        sync, data_dir, proxy.url, CLERK, password, COUNTER, DRAIN_CYCLES, ready="target"
    ).run(kill_after_s=None)
    proxy.stop()
    assert (final.ready, final.killed, final.returncode) == (True, False, 0), (
        final.stdout[-2000:] + final.stderr
    )

    check_counter_file(app_paths.database, entries, clerk)
    store = open_database(app_paths)
    clerk.use(store)
    try:
        steps = {acted: steps_done}
        assert steps_done == ["received", "transferred", "result_ready"]
        check_entries_applied_once(central, store)
        check_local_dossiers(store, clerk, steps)
        check_central_holds_each_dossier_once(central, clerk, steps)
        # The pull cursor went past the department's last change, and applying stopped there.
        with store.read_session() as session:
            cursor = SyncStateRepository(session).cursor()
        last_change = central_rows(
            central, "SELECT max(cursor) FROM changes WHERE entity_id = ?", acted
        )[0][0]
        assert isinstance(last_change, int) and cursor >= last_change
    finally:
        store.close()
    print(
        f"seed {seed}: {KILLS} kills, {len(clerk.codes)} dossiers, {len(clerk.files)} files; "
        f"killed during: {dict(where)}; {repeats + repeats_answered(final)} entries sent again "
        "after a kill were answered as repeats"
    )
