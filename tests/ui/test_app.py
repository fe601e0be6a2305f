"""Start-up: language choice, a store that cannot open, a machine without a display."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.config import AppPaths
from app.store.database import open_database
from app.store.settings import SettingsRepository
from app.ui import app as gui_app
from app.ui.app import EXIT_NO_DISPLAY, EXIT_STORE_FAILED, Gui, launch
from app.ui.i18n import choose_language

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _launched(qtbot: QtBot, paths: AppPaths, lang: str | None) -> Gui:
    """The window shows at once; the store opens behind it and ``ready`` says when."""
    started = launch(paths, lang)
    assert isinstance(started, Gui), started
    assert started.window.isVisible()
    with qtbot.waitSignal(started.ready, timeout=15000):
        pass
    return started


def test_choose_language() -> None:
    assert choose_language(None, None) == "vi"
    assert choose_language("en", "vi") == "en"
    assert choose_language(None, "en") == "en"
    assert choose_language(None, "fr") == "vi"
    assert choose_language(" EN ", None) == "en"


def test_launch_in_vietnamese_by_default(app_paths: AppPaths, qtbot: QtBot) -> None:
    gui = _launched(qtbot, app_paths, None)
    try:
        assert gui.window.isVisible()
        assert gui.window.windowTitle() == "Một Cửa Desk"
        assert gui.window.nav_titles()[0] == "Tiếp nhận"
        assert gui.translations.language == "vi"
        assert gui.translations.missing == []
    finally:
        gui.close()
        gui.window.close()


def test_launch_with_lang_option_in_english(app_paths: AppPaths, qtbot: QtBot) -> None:
    gui = _launched(qtbot, app_paths, "en")
    try:
        assert gui.window.nav_titles()[0] == "Reception"
        assert gui.window.nav_titles()[-1] == "Procedure catalogue"
    finally:
        gui.close()
        gui.window.close()


def test_language_setting_is_honoured_without_option(app_paths: AppPaths, qtbot: QtBot) -> None:
    with open_database(app_paths) as store, store.session() as session:
        SettingsRepository(session).set("ui.language", "en")
    gui = _launched(qtbot, app_paths, None)
    try:
        assert gui.translations.language == "en"
        assert gui.window.nav_titles()[0] == "Reception"
    finally:
        gui.close()
        gui.window.close()


def test_unusable_database_is_a_vietnamese_dialog_and_exit_1(
    app_paths: AppPaths, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_paths.data_dir.mkdir(parents=True)
    app_paths.database.write_bytes(b"this is not an SQLite database" * 100)
    shown: list[tuple[BaseException, str]] = []
    quit_codes: list[int] = []
    monkeypatch.setattr(
        gui_app, "_show_startup_error", lambda _parent, error, lang: shown.append((error, lang))
    )
    # The real quit would end every later event loop of this test process.
    monkeypatch.setattr(Gui, "_quit", lambda _self, code: quit_codes.append(code))
    gui = launch(app_paths, None)
    assert isinstance(gui, Gui)
    try:
        with qtbot.waitSignal(gui.failed, timeout=15000):
            pass
        assert gui.exit_code == EXIT_STORE_FAILED
        assert quit_codes == [EXIT_STORE_FAILED]
        assert not gui.window.isVisible()
    finally:
        gui.close()
    ((error, lang),) = shown
    assert lang == "vi"
    assert "không phải cơ sở dữ liệu" in getattr(error, "message_vi", "")


def test_no_display_exits_2_with_a_plain_message(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert launch(app_paths, None) == EXIT_NO_DISPLAY
    err = capsys.readouterr().err
    assert "no graphical display" in err
    assert "xvfb-run" in err
    assert not app_paths.database.exists()


def test_page_files_nothing_refers_to_are_removed_in_the_background(
    app_paths: AppPaths, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cancelled draft leaves its page images behind; the running app removes them (once
    they are an hour old, so a capture in progress keeps its files)."""
    import os
    import time

    from app.store.files import FileStore

    files = FileStore(app_paths.files_dir)
    old = files.put(b"page of a cancelled draft")
    fresh = files.put(b"page being captured right now")
    hours_ago = time.time() - 3 * 3600
    os.utime(files.path(old), (hours_ago, hours_ago))
    monkeypatch.setattr(gui_app, "FILE_CLEANUP_DELAY_MS", 0)

    gui = _launched(qtbot, app_paths, None)
    try:
        qtbot.waitUntil(lambda: not files.path(old).exists(), timeout=15000)
        assert files.path(fresh).exists()
    finally:
        gui.close()
        gui.window.close()
