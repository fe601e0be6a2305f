"""The whole app with sync: the embedded demo central (``make run`` on a fresh machine) and a
configured central with the start-up sign-in.

Real parts: the app's window and store, the reference central as a real child process on
127.0.0.1, the real sign-in and engine; only the keyring is the in-memory test backend.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.config import AppPaths
from app.store.database import open_database
from app.store.models import Dossier
from app.store.settings import SettingsRepository
from app.sync.client import CentralClient
from app.ui.app import Gui, launch
from app.ui.services_sync import EngineOptions
from tests.central_fixture import CentralServer
from tests.memory_keyring import MemoryKeyring, installed_keyring
from tests.store.reception_support import draft
from tests.sync.sync_support import counter_template, open_counter

__all__ = ["counter_template"]

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")

ONLINE_DEMO = "Trực tuyến (máy chủ trung tâm thử nghiệm)"


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed_keyring(MemoryKeyring()) as backend:
        yield backend  # type: ignore[misc]


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


def _launch(qtbot: QtBot, paths: AppPaths, **options: object) -> Gui:
    started = launch(paths, "vi", **options)  # type: ignore[arg-type]
    assert isinstance(started, Gui), started
    with qtbot.waitSignal(started.ready, timeout=30_000):
        pass
    return started


def _close(gui: Gui) -> None:
    gui.close()
    gui.window.close()


def test_the_embedded_default_starts_a_local_central_and_a_saved_dossier_reaches_it(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    # The engine's idle interval is long: only the save's wake can send the dossier in time.
    gui = _launch(
        qtbot, app_paths, embedded_central=True, sync_options=EngineOptions(interval=600.0)
    )
    closed = False
    try:
        sync = gui.sync
        assert sync is not None
        qtbot.waitUntil(lambda: sync.engine is not None, timeout=90_000)
        local = sync.local_central
        assert local is not None and local.pid is not None
        pid = local.pid
        status = gui.window.status
        qtbot.waitUntil(lambda: status.connection_label.text() == ONLINE_DEMO, timeout=30_000)
        assert status.clerk_label.text() == "Nguyễn Thị Lan"
        store = gui.holder.store
        with store.read_session() as session:
            url = SettingsRepository(session).get("sync.central_url")
        assert url == local.url

        # The demo set the counter up; numbers are leased from central in the background.
        reception = gui.window.reception_screen
        qtbot.waitUntil(lambda: reception.pages.currentWidget() is reception.form, timeout=20_000)
        qtbot.waitUntil(
            lambda: (
                status.refresh() is None
                and status._snapshot is not None
                and status._snapshot.runway is not None
                and status._snapshot.runway.today >= 50
            ),
            timeout=30_000,
        )
        reception.form.set_draft(draft(store))
        with qtbot.waitSignal(reception.dossier_saved, timeout=20_000) as saved:
            reception.save()
        code = saved.args[0]

        def accepted() -> bool:
            with store.read_session() as session:
                dossier = session.scalar(select(Dossier).where(Dossier.code == code))
                return dossier is not None and dossier.central_received_at is not None

        qtbot.waitUntil(accepted, timeout=20_000)
        auth = sync.auth
        assert auth is not None
        client = CentralClient(url, token_provider=auth.token_or_none)
        try:
            record = client.lookup(code)
        finally:
            client.close()
        assert record is not None and record.code == code
        qtbot.waitUntil(
            lambda: (
                status.refresh() is None and status.pending_label.text() == "0 thay đổi chờ đồng bộ"
            ),
            timeout=10_000,
        )
        assert status.last_sync_label.text().startswith("Đồng bộ lần cuối ")

        _close(gui)
        closed = True
        assert not _alive(pid)
        assert not local.pid_file.exists()
        with open_database(app_paths) as closed_store, closed_store.read_session() as session:
            # The demo central was for that session: the closed app reads standalone again.
            assert SettingsRepository(session).get("sync.central_url") is None
    finally:
        if not closed:
            _close(gui)


def test_a_demo_central_that_cannot_start_leaves_the_counter_standalone_saying_why(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    # Its database path is a folder: the server exits at once (as with a broken install).
    folder = app_paths.data_dir / "central-demo"
    folder.mkdir(parents=True)
    (folder / "seeded").write_text("1\n")
    (folder / "central.sqlite3").mkdir()
    gui = _launch(qtbot, app_paths, embedded_central=True)
    try:
        sync = gui.sync
        assert sync is not None
        qtbot.waitUntil(lambda: sync.state.mode == "unavailable", timeout=60_000)
        status = gui.window.status
        assert status.connection_label.text().startswith(
            "Chạy độc lập — máy chủ trung tâm thử nghiệm không khởi động được: "
        )
        assert sync.engine is None and sync.local_central is None
        # The window was usable all along: reception opened on the demo counter.
        reception = gui.window.reception_screen
        qtbot.waitUntil(lambda: reception.pages.currentWidget() is reception.form, timeout=20_000)
        with gui.holder.store.read_session() as session:
            assert SettingsRepository(session).get("sync.central_url") is None
    finally:
        _close(gui)


def test_without_the_demo_central_the_counter_reads_standalone(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    gui = _launch(qtbot, app_paths)  # launch() leaves the demo central off
    try:
        sync = gui.sync
        assert sync is not None
        qtbot.waitUntil(lambda: sync.state.mode == "standalone", timeout=10_000)
        assert sync.local_central is None
        status = gui.window.status
        qtbot.waitUntil(
            lambda: (
                status.connection_label.text() == "Chạy độc lập — chưa cấu hình máy chủ trung tâm"
            ),
            timeout=10_000,
        )
    finally:
        _close(gui)


def test_a_configured_central_asks_for_sign_in_and_then_syncs(
    qtbot: QtBot, app_paths: AppPaths, counter_template: Path, central_server: CentralServer
) -> None:
    open_counter(app_paths, counter_template, central_server.url).close()
    gui = _launch(qtbot, app_paths, embedded_central=True)
    try:
        sync = gui.sync
        assert sync is not None
        qtbot.waitUntil(lambda: sync.sign_in_dialog is not None, timeout=10_000)
        dialog = sync.sign_in_dialog
        assert dialog is not None and dialog.isVisible() and dialog.isModal()
        assert sync.local_central is None  # a configured central: no demo server
        status = gui.window.status
        assert status.connection_label.text() == "Chưa kết nối — chưa đăng nhập"
        dialog.username_edit.setText("canbo1")
        dialog.password_edit.setText(central_server.password)
        with qtbot.waitSignal(sync.engine_started, timeout=30_000):
            dialog.sign_in_button.click()
        qtbot.waitUntil(lambda: status.connection_label.text() == "Trực tuyến", timeout=30_000)
        assert status.clerk_label.text() == "Nguyễn Thị Lan"
        assert sync.lock is not None
    finally:
        _close(gui)


def test_cancelling_the_start_up_sign_in_closes_the_app(
    qtbot: QtBot,
    app_paths: AppPaths,
    counter_template: Path,
    central_server: CentralServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_counter(app_paths, counter_template, central_server.url).close()
    gui = _launch(qtbot, app_paths)
    quit_codes: list[int] = []
    monkeypatch.setattr(gui, "_quit", quit_codes.append)
    try:
        sync = gui.sync
        assert sync is not None
        qtbot.waitUntil(lambda: sync.sign_in_dialog is not None, timeout=10_000)
        dialog = sync.sign_in_dialog
        assert dialog is not None
        dialog.reject()
        qtbot.waitUntil(lambda: quit_codes == [0], timeout=5_000)
        assert not gui.window.isVisible()
        with gui.holder.store.read_session() as session:
            # Nothing was changed: the configured central stays for the next start.
            assert SettingsRepository(session).get("sync.central_url") == central_server.url
    finally:
        _close(gui)


def test_when_central_stops_taking_the_tokens_the_clerk_is_asked_to_sign_in_again(
    qtbot: QtBot, app_paths: AppPaths, counter_template: Path, central_server: CentralServer
) -> None:
    """The session was revoked on central (an administrator, a password change): the refresh
    is refused, the clerk gets the sign-in dialog once, and the same engine goes on after."""
    import requests

    open_counter(app_paths, counter_template, central_server.url).close()
    gui = _launch(qtbot, app_paths)
    try:
        sync = gui.sync
        assert sync is not None
        qtbot.waitUntil(lambda: sync.sign_in_dialog is not None, timeout=10_000)
        first = sync.sign_in_dialog
        assert first is not None
        first.username_edit.setText("canbo1")
        first.password_edit.setText(central_server.password)
        with qtbot.waitSignal(sync.engine_started, timeout=30_000):
            first.sign_in_button.click()
        auth, engine = sync.auth, sync.engine
        assert auth is not None and engine is not None
        token = auth.token_or_none()
        revoked = requests.post(
            f"{central_server.api_url}/auth/sign-out",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert revoked.status_code == 204
        sync.wake()
        qtbot.waitUntil(
            lambda: (
                sync.sign_in_dialog is not first
                and sync.sign_in_dialog is not None
                and sync.sign_in_dialog.isVisible()
            ),
            timeout=30_000,
        )
        again = sync.sign_in_dialog
        assert again is not None
        assert again.username_edit.text() == "canbo1"
        again.password_edit.setText(central_server.password)
        again.sign_in_button.click()
        qtbot.waitUntil(lambda: auth.has_tokens() and not auth.needs_online_sign_in, timeout=30_000)
        assert sync.engine is engine  # not a second engine beside the first
        qtbot.waitUntil(
            lambda: gui.window.status.connection_label.text() == "Trực tuyến", timeout=30_000
        )
    finally:
        _close(gui)
