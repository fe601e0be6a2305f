"""``python -m app sync --once``: one cycle against the configured central, a JSON summary,
and a clear message with exit 1 when central cannot be reached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.config import AppPaths
from app.store.settings import SettingsRepository
from tests.central_fixture import CentralServer, free_port

from .sync_support import Counter, open_counter


def test_sync_once_pushes_and_prints_json(
    sync_counter: Counter,
    central_server: CentralServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (code,) = sync_counter.receive(1)
    monkeypatch.setenv("MOTCUA_PASSWORD", central_server.password)
    assert main(["sync", "--once", "--username", "canbo1"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["accepted"] == 1 and summary["error"] is None and summary["online"]
    assert central_server.look_up(code)["code"] == code


def test_sync_once_says_plainly_when_central_is_unreachable(
    app_paths: AppPaths,
    counter_template: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = open_counter(app_paths, counter_template, f"http://127.0.0.1:{free_port()}")
    store.close()
    monkeypatch.setenv("MOTCUA_PASSWORD", "whatever")
    assert main(["sync", "--once", "--username", "canbo1"]) == 1
    err = capsys.readouterr().err
    assert "Không kết nối được máy chủ trung tâm" in err
    assert "unreachable" in err


def test_sync_once_without_a_central_url(
    app_paths: AppPaths, counter_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_counter(app_paths, counter_template, None)
    with store.session() as session:
        SettingsRepository(session).delete("sync.central_url")
    store.close()
    assert main(["sync", "--once", "--username", "canbo1"]) == 1
    assert "sync.central_url" in capsys.readouterr().err
