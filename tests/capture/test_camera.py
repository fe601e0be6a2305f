"""The camera, driven through OpenCV's real capture path with video files as the device."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from app.capture.camera import Camera, list_cameras
from app.capture.errors import CaptureError, CaptureProblem
from app.capture.model import PageOrigin
from app.capture.sources import load_bytes

WIDTH, HEIGHT = 320, 240
ABSENT_DEVICE = 9


def frame(number: int) -> np.ndarray:
    """A frame that says which it is: its grey level, plus a coloured mark to check BGR."""
    image = np.full((HEIGHT, WIDTH, 3), 40 + 40 * number, np.uint8)
    image[:40, :40] = (255, 0, 0)
    return image


@pytest.fixture
def mjpg_video(tmp_path: Path) -> Path:
    path = tmp_path / "camera.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10, (WIDTH, HEIGHT))
    assert writer.isOpened()
    for number in range(5):
        writer.write(frame(number))
    writer.release()
    return path


@pytest.fixture
def png_sequence(tmp_path: Path) -> str:
    for number in range(3):
        assert cv2.imwrite(str(tmp_path / f"frame_{number:03d}.png"), frame(number))
    return str(tmp_path / "frame_%03d.png")


def test_frames_come_from_the_device_then_it_is_lost(mjpg_video: Path) -> None:
    with Camera(str(mjpg_video)) as camera:
        assert camera.resolution == (WIDTH, HEIGHT)
        levels = [int(np.median(camera.read_frame()[100:, 100:])) for _ in range(5)]
        assert levels == pytest.approx([40, 80, 120, 160, 200], abs=3)
        with pytest.raises(CaptureError) as caught:
            camera.read_frame()
    assert caught.value.problem is CaptureProblem.CAMERA_LOST
    assert "ngừng gửi hình" in caught.value.message_vi
    assert not camera.is_open


def test_a_captured_page_keeps_the_full_frame_losslessly(png_sequence: str) -> None:
    camera = Camera(png_sequence)
    camera.open()
    try:
        camera.read_frame()
        shown = camera.read_frame()
        page = camera.capture_page(shown)
    finally:
        camera.close()
    assert np.array_equal(shown, frame(1))
    assert page.file.origin is PageOrigin.CAMERA and page.file.media_type == "image/png"
    assert page.index == 0 and page.dpi is None
    assert page.image.shape == (HEIGHT, WIDTH, 3) and not page.image.flags.writeable
    decoded = cv2.imdecode(np.frombuffer(page.file.data, np.uint8), cv2.IMREAD_UNCHANGED)
    assert np.array_equal(decoded, shown), "the original is the exact frame"
    (again,) = load_bytes(page.file.data, page.file.name, PageOrigin.CAMERA)
    assert np.array_equal(again.image, shown), "and it loads back as the same page"


def test_a_missing_device_is_unavailable_and_opencv_stays_quiet(
    capfd: pytest.CaptureFixture[str],
) -> None:
    camera = Camera(ABSENT_DEVICE)
    with pytest.raises(CaptureError) as caught:
        camera.open()
    assert caught.value.problem is CaptureProblem.CAMERA_UNAVAILABLE
    assert f"camera số {ABSENT_DEVICE}" in caught.value.message_vi
    assert "kiểm tra dây cắm" in caught.value.message_vi
    assert not camera.is_open
    assert ABSENT_DEVICE not in list_cameras(max_index=ABSENT_DEVICE)
    assert capfd.readouterr().err == "", "probing absent devices prints nothing"


def test_a_missing_video_source_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(CaptureError) as caught:
        Camera(str(tmp_path / "none_%03d.png")).open()
    assert caught.value.problem is CaptureProblem.CAMERA_UNAVAILABLE


def test_reading_a_closed_camera_is_a_bug_not_a_user_error(mjpg_video: Path) -> None:
    camera = Camera(str(mjpg_video))
    with pytest.raises(RuntimeError):
        camera.read_frame()
