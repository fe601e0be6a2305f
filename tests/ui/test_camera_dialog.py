"""The camera dialog, with a real video file as the camera (OpenCV opens both the same way)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.capture.camera import Camera
from app.capture.errors import CaptureError, CaptureProblem
from app.capture.model import PageOrigin, SourcePage
from app.ui.dialogs.camera_dialog import CameraDialog, CameraSource
from app.ui.i18n import InstalledTranslations
from app.ui.tasks import TaskRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WIDTH, HEIGHT = 640, 480


def _video(path: Path, frames: int) -> Path:
    """An MJPG .avi whose frames differ (a moving bar), at 30 fps."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 30.0, (WIDTH, HEIGHT))
    assert writer.isOpened()
    for index in range(frames):
        frame = np.full((HEIGHT, WIDTH, 3), 235, np.uint8)
        x = (index * 7) % (WIDTH - 40)
        cv2.rectangle(frame, (x, 100), (x + 40, 380), (30, 30, 30), -1)
        writer.write(frame)
    writer.release()
    return path


@pytest.fixture
def long_video(tmp_path: Path) -> Path:
    return _video(tmp_path / "camera.avi", 240)  # 8 s of preview: longer than any test here


def _dialog(qtbot: QtBot, tasks: TaskRunner, sources: list[CameraSource]) -> CameraDialog:
    dialog = CameraDialog(tasks, sources=sources)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def closing() -> Iterator[list[CameraDialog]]:
    """Dialogs whose reader thread must have released the camera when the test ends."""
    dialogs: list[CameraDialog] = []
    yield dialogs
    for dialog in dialogs:
        assert dialog.wait_stopped(3.0)


def test_preview_shows_frames_and_space_captures_a_full_size_page(
    qtbot: QtBot, tasks: TaskRunner, long_video: Path, closing: list[CameraDialog]
) -> None:
    dialog = _dialog(qtbot, tasks, [str(long_video)])
    closing.append(dialog)
    assert not dialog.camera_combo.isVisible()  # one camera: nothing to pick
    qtbot.waitUntil(lambda: dialog.frames_shown >= 5, timeout=5000)
    pixmap = dialog.preview.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() <= dialog.preview.width()  # scaled to the preview, not full size
    assert dialog.capture_button.isEnabled()

    # A busy GUI thread gets the newest frame when it is free again, not a backlog of old ones.
    reader = dialog.reader
    assert reader is not None
    shown, dropped = dialog.frames_shown, reader.frames_dropped
    time.sleep(0.4)  # the GUI thread is busy for 12 frames' time
    QApplication.processEvents()
    assert dialog.frames_shown - shown <= 1
    assert reader.frames_dropped - dropped >= 6

    with qtbot.waitSignal(dialog.page_captured, timeout=5000) as first:
        QTest.keyClick(dialog, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.page_captured, timeout=5000):
        QTest.keyClick(dialog, Qt.Key.Key_Return)
    page = first.args[0]
    assert isinstance(page, SourcePage)
    assert page.image.shape == (HEIGHT, WIDTH, 3)  # the full frame, not the preview
    assert page.file.origin is PageOrigin.CAMERA
    decoded = cv2.imdecode(np.frombuffer(page.file.data, np.uint8), cv2.IMREAD_COLOR)
    assert np.array_equal(decoded, page.image)  # the original is the frame itself, lossless
    assert "2" in dialog.counter_label.text()

    with qtbot.waitSignal(dialog.pages_captured, timeout=5000) as handed:
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert [p.file.sha256 for p in handed.args[0]] == [p.file.sha256 for p in dialog.pages]
    assert len(dialog.pages) == 2


def test_a_missing_camera_shows_the_vietnamese_message(
    qtbot: QtBot, tasks: TaskRunner, tmp_path: Path, closing: list[CameraDialog]
) -> None:
    missing = str(tmp_path / "không-có.avi")
    with pytest.raises(CaptureError) as expected:
        Camera(missing).open()
    assert expected.value.problem is CaptureProblem.CAMERA_UNAVAILABLE

    dialog = CameraDialog(tasks, sources=[missing])
    closing.append(dialog)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.problem_shown, timeout=5000) as shown:
        dialog.show()
    assert shown.args == [expected.value.message_vi]
    assert dialog.problem_label.text() == expected.value.message_vi
    assert "Không mở được" in dialog.problem_label.text()
    assert dialog.retry_button.isVisible()
    assert not dialog.capture_button.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_Space)  # nothing to capture, and no crash
    assert dialog.pages == []


def test_a_camera_that_stops_sending_is_reported_and_can_be_switched(
    qtbot: QtBot, tasks: TaskRunner, tmp_path: Path, long_video: Path, closing: list[CameraDialog]
) -> None:
    short = _video(tmp_path / "short.avi", 6)
    dialog = _dialog(qtbot, tasks, [str(short), str(long_video)])
    closing.append(dialog)
    assert dialog.camera_combo.isVisible()
    assert dialog.camera_combo.count() == 2

    qtbot.waitUntil(lambda: dialog.problem_label.isVisible(), timeout=5000)
    assert "đã ngừng gửi hình" in dialog.problem_label.text()  # CAMERA_LOST, in Vietnamese
    assert not dialog.capture_button.isEnabled()  # a stale frame is not a page

    shown = dialog.frames_shown
    dialog.camera_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.frames_shown >= shown + 3, timeout=5000)
    assert not dialog.problem_label.isVisible()
    with qtbot.waitSignal(dialog.page_captured, timeout=5000):
        QTest.keyClick(dialog, Qt.Key.Key_Space)


def test_no_camera_at_all_says_so_and_retry_looks_again(
    qtbot: QtBot, tasks: TaskRunner, language: InstalledTranslations, long_video: Path
) -> None:
    found: list[list[CameraSource]] = [[], [str(long_video)]]  # plugged in between the two
    dialog = CameraDialog(tasks, list_cameras=lambda: found.pop(0))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.problem_shown, timeout=5000) as shown:
        dialog.show()
    assert shown.args[0].startswith("Không tìm thấy camera nào.")
    with qtbot.waitSignal(dialog.frame_shown, timeout=5000):
        QTest.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    assert not dialog.problem_label.isVisible()
    assert dialog.wait_stopped(3.0)
