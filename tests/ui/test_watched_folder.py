"""The scanner's drop folder: settled files become pages, bad ones are set aside with a reason."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from app.capture.errors import CaptureError
from app.capture.inbox import ERRORS_DIR, REASON_SUFFIX, RECEIVED_DIR
from app.capture.model import PageOrigin, SourcePage
from app.capture.sources import load_file
from app.config import AppPaths
from app.store.database import open_database
from app.ui.tasks import TaskRunner
from app.ui.watched_folder import WatchedFolderService, read_watch_folder, write_watch_folder

INTERVAL_MS = 60
SETTLE_S = 0.4


class Recorder:
    def __init__(self, service: WatchedFolderService) -> None:
        self.arrived: list[tuple[list[SourcePage], str]] = []
        self.rejected: list[tuple[str, str]] = []
        self.unavailable: list[str] = []
        self.available = 0
        service.pages_arrived.connect(lambda pages, name: self.arrived.append((pages, name)))
        service.file_rejected.connect(lambda name, why: self.rejected.append((name, why)))
        service.folder_unavailable.connect(self.unavailable.append)
        service.folder_available.connect(self._available)

    def _available(self) -> None:
        self.available += 1


@pytest.fixture
def inbox_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "máy quét"
    folder.mkdir()
    return folder


@pytest.fixture
def service(tasks: TaskRunner, inbox_dir: Path) -> Iterator[WatchedFolderService]:
    watcher = WatchedFolderService(
        tasks, inbox_dir, interval_ms=INTERVAL_MS, settle_seconds=SETTLE_S
    )
    yield watcher
    watcher.stop()


def _png(width: int = 240, height: int = 160) -> bytes:
    image = np.full((height, width, 3), 255, np.uint8)
    cv2.putText(image, "Mot Cua", (10, 90), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (0, 0, 0), 3)
    ok, encoded = cv2.imencode(".png", image)
    assert ok
    return encoded.tobytes()


def _polls(qtbot: QtBot, service: WatchedFolderService, count: int) -> None:
    for _ in range(count):
        with qtbot.waitSignal(service.polled, timeout=5000):
            pass


def test_a_file_written_in_pieces_arrives_once_when_settled(
    qtbot: QtBot, service: WatchedFolderService, inbox_dir: Path
) -> None:
    record = Recorder(service)
    data = _png()
    target = inbox_dir / "scan_0001.png"
    target.write_bytes(data[: len(data) // 2])  # the scanner is still writing
    service.start()
    _polls(qtbot, service, 3)
    assert record.arrived == [] and record.rejected == []  # half a PNG is not taken
    with target.open("ab") as handle:
        handle.write(data[len(data) // 2 :])

    qtbot.waitUntil(lambda: len(record.arrived) == 1, timeout=5000)
    _polls(qtbot, service, 2)  # and only once
    pages, name = record.arrived[0]
    assert name == "scan_0001.png"
    assert record.rejected == []
    assert len(pages) == 1
    assert pages[0].image.shape[:2] == (160, 240)
    assert pages[0].file.origin is PageOrigin.WATCHED_FOLDER
    assert pages[0].file.data == data  # the original, untouched
    assert not target.exists()
    assert (inbox_dir / RECEIVED_DIR / "scan_0001.png").read_bytes() == data


def test_a_corrupt_file_is_rejected_with_its_reason(
    qtbot: QtBot, service: WatchedFolderService, inbox_dir: Path, tmp_path: Path
) -> None:
    record = Recorder(service)
    corrupt = _png()[:60] + b"\x00" * 40  # a PNG header, then nothing decodable
    aside = tmp_path / "aside" / "scan_0002.png"  # the message names the file
    aside.parent.mkdir()
    aside.write_bytes(corrupt)
    with pytest.raises(CaptureError) as expected:
        load_file(aside)
    (inbox_dir / "scan_0002.png").write_bytes(corrupt)
    (inbox_dir / "scan_0003.png").write_bytes(_png())
    service.start()

    qtbot.waitUntil(lambda: bool(record.rejected and record.arrived), timeout=5000)
    assert record.rejected == [("scan_0002.png", expected.value.message_vi)]
    assert [name for _pages, name in record.arrived] == ["scan_0003.png"]  # the rest goes on
    errors = inbox_dir / ERRORS_DIR
    assert (errors / "scan_0002.png").read_bytes() == corrupt
    reason = (errors / ("scan_0002.png" + REASON_SUFFIX)).read_text(encoding="utf-8-sig")
    assert expected.value.message_vi in reason
    assert sorted(p.name for p in inbox_dir.iterdir() if p.is_file()) == []


def test_a_folder_that_goes_away_is_reported_once_and_recovers(
    qtbot: QtBot, service: WatchedFolderService, inbox_dir: Path
) -> None:
    record = Recorder(service)
    service.start()
    _polls(qtbot, service, 1)
    shutil.rmtree(inbox_dir)  # the share went down

    qtbot.waitUntil(lambda: record.unavailable != [], timeout=5000)
    _polls(qtbot, service, 4)
    assert len(record.unavailable) == 1
    assert "Không truy cập được thư mục nhận bản quét" in record.unavailable[0]
    assert service.unavailable

    inbox_dir.mkdir()  # back
    (inbox_dir / "scan_0004.png").write_bytes(_png())
    qtbot.waitUntil(lambda: len(record.arrived) == 1, timeout=5000)
    assert record.available == 1
    assert not service.unavailable
    assert (inbox_dir / RECEIVED_DIR / "scan_0004.png").exists()
    assert len(record.unavailable) == 1


def test_the_folder_is_a_setting(app_paths: AppPaths, tmp_path: Path) -> None:
    store = open_database(app_paths)
    try:
        assert read_watch_folder(store) is None
        write_watch_folder(store, tmp_path / "Scans")
        assert read_watch_folder(store) == tmp_path / "Scans"
        write_watch_folder(store, None)
        assert read_watch_folder(store) is None
    finally:
        store.close()
