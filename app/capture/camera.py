"""A camera (a document camera or webcam on the counter) through OpenCV's ``VideoCapture``.

The UI runs :meth:`Camera.read_frame` on a background thread and shows the frames; when the
clerk presses the capture key, :meth:`Camera.capture_page` keeps that full-resolution frame as
a page whose untouched original is a lossless PNG of it. No Qt here.

A ``source`` that is a string is anything ``VideoCapture`` opens: a video file, an image
sequence (``frame_%03d.png``) or a network camera URL; tests use files, which go through the
same capture code as a device.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from types import TracebackType

import cv2
import numpy as np

from app.capture.errors import CaptureError, CaptureProblem
from app.capture.model import PageOrigin, SourceFile, SourcePage

REQUEST_SIDE = 10_000
"""Asked of the device as width and height: drivers answer with the largest mode they have."""
FALLBACK_SIZES: tuple[tuple[int, int], ...] = (
    (3840, 2160),
    (3264, 2448),
    (2592, 1944),
    (1920, 1080),
    (1600, 1200),
    (1280, 720),
)
"""Tried in turn by drivers that refuse a size they do not have instead of picking the nearest."""
READ_ATTEMPTS = 3
"""A USB camera may drop a frame; three failures in a row means it is gone."""
PNG_COMPRESSION = 1
"""Fastest zlib level: an 8 Mpx camera frame (sensor noise compresses badly) encodes in ~0.9 s
instead of ~1.5 s at OpenCV's default, for a file ~3% larger. Call capture_page off the GUI
thread."""


@contextmanager
def quiet_opencv() -> Iterator[None]:
    """Silence OpenCV's own log while probing: an absent device prints warnings to stderr."""
    previous = cv2.utils.logging.getLogLevel()
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    try:
        yield
    finally:
        cv2.utils.logging.setLogLevel(previous)


def _describe(source: int | str) -> tuple[str, str]:
    if isinstance(source, int):
        return f"camera {source}", f"camera số {source}"
    return f"video source {source}", f"nguồn hình «{source}»"


class Camera:
    """One capture device, opened on demand. Thread-safe: ``close`` may come from the GUI
    thread while another thread is in ``read_frame``."""

    def __init__(self, source: int | str = 0, *, backend: int = cv2.CAP_ANY) -> None:
        self.source = source
        self.backend = backend
        self._capture: cv2.VideoCapture | None = None
        self._pending: np.ndarray | None = None
        self._lock = threading.Lock()
        self.resolution: tuple[int, int] | None = None
        """``(width, height)`` the device actually delivers, known after :meth:`open`."""

    def __enter__(self) -> Camera:
        self.open()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._capture is not None

    def open(self) -> tuple[int, int]:
        """Open the device at its highest resolution and return ``(width, height)``.

        A frame is read to prove the device delivers (an occupied camera opens but sends
        nothing); it is the first one :meth:`read_frame` returns.
        """
        with self._lock:
            if self._capture is not None:
                return self.resolution or (0, 0)
            with quiet_opencv():
                capture = cv2.VideoCapture(self.source, self.backend)
                if not capture.isOpened():
                    capture.release()
                    raise self._unavailable()
                if isinstance(self.source, int):
                    _ask_highest_resolution(capture)
                ok, frame = capture.read()
            if not ok or frame is None or frame.size == 0:
                capture.release()
                raise self._unavailable(busy=True)
            self._capture = capture
            self._pending = frame
            self.resolution = (int(frame.shape[1]), int(frame.shape[0]))
            return self.resolution

    def read_frame(self) -> np.ndarray:
        """The next frame, BGR ``uint8`` at full resolution; :class:`CaptureError`
        ``CAMERA_LOST`` when the device stops sending (unplugged, or the video ended)."""
        with self._lock:
            if self._capture is None:
                raise RuntimeError("Camera.read_frame() before open() or after close()")
            if self._pending is not None:
                frame, self._pending = self._pending, None
                return frame
            for _attempt in range(READ_ATTEMPTS):
                ok, frame = self._capture.read()
                if ok and frame is not None and frame.size:
                    return frame
            raise self._lost()

    def capture_page(self, frame: np.ndarray) -> SourcePage:
        """``frame`` as a page (origin CAMERA); its original is the frame as a lossless PNG.

        The page holds ``frame`` itself, made read-only, not a copy: do not draw on it after.
        """
        ok, encoded = cv2.imencode(".png", frame, [cv2.IMWRITE_PNG_COMPRESSION, PNG_COMPRESSION])
        if not ok:
            raise ValueError(f"cannot encode a frame of shape {frame.shape} as PNG")
        name = datetime.now().strftime("camera-%Y%m%d-%H%M%S-%f.png")
        source = SourceFile(
            name=name, data=encoded.tobytes(), media_type="image/png", origin=PageOrigin.CAMERA
        )
        image = frame.view()
        image.flags.writeable = False
        return SourcePage(file=source, index=0, image=image, dpi=None)

    def close(self) -> None:
        with self._lock:
            if self._capture is not None:
                self._capture.release()
            self._capture = None
            self._pending = None

    def _unavailable(self, *, busy: bool = False) -> CaptureError:
        what, what_vi = _describe(self.source)
        if busy:
            reason = "it opened but sends no image (is another program using it?)"
            reason_vi = "mở được nhưng không có hình (có chương trình khác đang dùng camera?)"
        else:
            reason = "it is not connected, or another program is using it"
            reason_vi = "chưa cắm camera, hoặc chương trình khác (Zalo, Teams...) đang dùng"
        return CaptureError(
            CaptureProblem.CAMERA_UNAVAILABLE,
            f"Cannot open {what}: {reason}",
            f"Không mở được {what_vi}: {reason_vi}; hãy kiểm tra dây cắm rồi thử lại",
        )

    def _lost(self) -> CaptureError:
        what, what_vi = _describe(self.source)
        return CaptureError(
            CaptureProblem.CAMERA_LOST,
            f"{what.capitalize()} stopped sending images (unplugged, or the video ended)",
            f"{what_vi.capitalize()} đã ngừng gửi hình (bị rút dây hoặc hết video); hãy kiểm tra "
            "dây cắm rồi mở lại camera",
        )


def _ask_highest_resolution(capture: cv2.VideoCapture) -> None:
    """Ask for a huge size and keep what the driver grants; MJPG first, because USB cameras
    deliver their large modes only compressed."""
    capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
    capture.set(cv2.CAP_PROP_FRAME_WIDTH, REQUEST_SIDE)
    capture.set(cv2.CAP_PROP_FRAME_HEIGHT, REQUEST_SIDE)
    granted = capture.get(cv2.CAP_PROP_FRAME_WIDTH)
    if granted > 640:
        return
    for width, height in FALLBACK_SIZES:
        if (
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            and capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
            and capture.get(cv2.CAP_PROP_FRAME_WIDTH) == width
        ):
            return


def list_cameras(max_index: int = 4, *, backend: int = cv2.CAP_ANY) -> list[int]:
    """Indices ``0..max_index`` of the devices that open (without reading a frame: fast)."""
    found: list[int] = []
    with quiet_opencv():
        for index in range(max_index + 1):
            capture = cv2.VideoCapture(index, backend)
            try:
                if capture.isOpened():
                    found.append(index)
            finally:
                capture.release()
    return found
