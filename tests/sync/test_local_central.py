"""The embedded demo central: a real ``python -m central serve`` child on 127.0.0.1.

It starts seeded (the demo clerk can sign in), it is stopped with its process group, a server
an earlier (killed) run left behind is ended at the next start, and a central that cannot start
is a clear error, not a hang. The settings helpers decide which central a session uses.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import requests

from app.config import AppPaths
from app.store.counter import load_counter_identity
from app.store.database import open_database
from app.store.seed import seed_from_resources
from app.store.settings import SettingsRepository
from app.sync.local_central import (
    EMBEDDED_SETTING_KEY,
    LocalCentral,
    LocalCentralError,
    configure_demo_counter,
    demo_clerk,
    leave_embedded,
    read_sync_config,
    use_embedded_url,
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        state = next(line for line in status.read_text().splitlines() if line.startswith("State:"))
        return "Z" not in state.split()[1]
    return True


def test_starts_seeded_signs_in_the_demo_clerk_and_stops(tmp_path: Path) -> None:
    central = LocalCentral(tmp_path)
    url = central.start()
    pid = central.pid
    assert pid is not None
    try:
        assert url.startswith("http://127.0.0.1:")
        assert central.database.is_file()
        assert central.pid_file.read_text().split()[0] == str(pid)
        clerk = demo_clerk()
        answer = requests.post(
            f"{url}/api/v1/auth/sign-in",
            json={"username": clerk.username, "password": clerk.password},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["user"]["full_name"] == clerk.full_name
    finally:
        central.stop()
    assert not _alive(pid)
    assert not central.pid_file.exists()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{url}/api/v1/health", timeout=2)


def test_a_server_left_behind_by_a_killed_run_is_ended_at_the_next_start(tmp_path: Path) -> None:
    earlier = LocalCentral(tmp_path)
    earlier.start()
    orphan = earlier.pid
    assert orphan is not None
    # The app was killed: nobody called stop(); the pid file is still there.
    later = LocalCentral(tmp_path)
    try:
        later.start()
        assert not _alive(orphan)
        assert later.pid != orphan
        assert later.pid_file.read_text().split()[0] == str(later.pid)
    finally:
        later.stop()
        earlier.stop()


def test_a_central_that_cannot_start_is_a_clear_error(tmp_path: Path) -> None:
    broken = LocalCentral(tmp_path, python=sys.executable, start_timeout=20)
    # A seeded marker over a database that is a directory: serve fails at once.
    broken.folder.mkdir(parents=True)
    (broken.folder / "seeded").write_text("1\n")
    broken.database.mkdir()
    with pytest.raises(LocalCentralError) as raised:
        broken.start()
    assert "không khởi động được" in raised.value.message_vi
    assert not broken.running


def test_settings_decide_which_central_a_session_uses(app_paths: AppPaths) -> None:
    store = open_database(app_paths)
    try:
        seed_from_resources(store)
        config = read_sync_config(store)
        assert config.embedded and not config.configured

        use_embedded_url(store, "http://127.0.0.1:9")
        config = read_sync_config(store)
        assert config.central_url == "http://127.0.0.1:9"
        assert config.embedded and not config.configured  # ours, not an administrator's

        assert leave_embedded(store)
        assert read_sync_config(store).central_url is None

        with store.session() as session:
            SettingsRepository(session).set("sync.central_url", "https://trungtam.example.vn")
        config = read_sync_config(store)
        assert config.configured and not config.embedded
        assert not leave_embedded(store)  # an administrator's URL stays
        assert read_sync_config(store).central_url == "https://trungtam.example.vn"

        with store.session() as session:
            SettingsRepository(session).delete("sync.central_url")
            SettingsRepository(session).set(EMBEDDED_SETTING_KEY, False)
        assert not read_sync_config(store).embedded
    finally:
        store.close()


def test_a_fresh_counter_is_set_up_as_the_demo_clerks(app_paths: AppPaths) -> None:
    store = open_database(app_paths)
    try:
        seed_from_resources(store)
        clerk = demo_clerk()
        identity = configure_demo_counter(store, clerk)
        assert identity is not None
        assert identity.org_unit_code == clerk.unit_code
        assert identity.clerk_name == clerk.full_name
        with store.read_session() as session:
            assert load_counter_identity(session) == identity
        # A counter already set up is left as it is.
        assert configure_demo_counter(store, clerk) == identity
    finally:
        store.close()
