"""Capture pages with a camera (a document camera or a webcam) while watching a live preview.

Why a dedicated reader thread: a camera's ``read`` blocks until the next frame, so frames are
read off the GUI thread, scaled there to the preview's size and handed over as QImage copies.
Only the newest frame is kept: when the GUI is busy, frames are dropped instead of queued, so
the preview never lags behind the page under the camera. Capturing takes the newest
*full-resolution* frame and turns it into a :class:`SourcePage` on a worker (the CPU pool).

Camera errors (none plugged in, unplugged while previewing) are :class:`CaptureError` with a
Vietnamese message shown in the dialog, with a Retry button; the dialog never crashes on them.

Keys: Space or Enter captures, Esc closes (the pages taken so far are kept and handed over).

Use a new dialog each time (it releases the camera for good when it closes), opened with
``open()``: ``dialog.pages_captured.connect(editor.add_source_pages)``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np
from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.capture.errors import CaptureError
from app.capture.model import SourcePage
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

MAX_PREVIEW_FPS = 30.0
"""A video file (or a fast camera) is paced to this; more only costs CPU."""
_STOP_TIMEOUT_S = 2.0


class CameraDevice(Protocol):
    """What the dialog needs of :class:`app.capture.camera.Camera`."""

    def open(self) -> object: ...
    def read_frame(self) -> np.ndarray: ...
    def capture_page(self, frame: np.ndarray) -> SourcePage: ...
    def close(self) -> None: ...


CameraSource = int | str
CameraFactory = Callable[[CameraSource], CameraDevice]
CameraLister = Callable[[], Sequence[CameraSource]]


def _default_factory(source: CameraSource) -> CameraDevice:
    from app.capture.camera import Camera

    return Camera(source)


def _default_lister() -> Sequence[CameraSource]:
    from app.capture.camera import list_cameras

    return list(list_cameras())


def preview_image(frame: np.ndarray, size: QSize) -> QImage:
    """``frame`` (BGR or grey) scaled to fit ``size``, as a QImage that owns its pixels."""
    height, width = frame.shape[:2]
    scale = min(size.width() / width, size.height() / height, 1.0)
    if scale < 1.0:
        target = (max(1, round(width * scale)), max(1, round(height * scale)))
        frame = cv2.resize(frame, target, interpolation=cv2.INTER_AREA)
    if frame.ndim == 2:
        grey = np.ascontiguousarray(frame)
        image = QImage(
            grey.data,
            grey.shape[1],
            grey.shape[0],
            grey.strides[0],
            QImage.Format.Format_Grayscale8,
        )
    else:
        rgb = np.ascontiguousarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
        image = QImage(
            rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format.Format_RGB888
        )
    return image.copy()  # detach from the numpy buffer before it goes away


class _Bridge(QObject):
    """Carries the reader thread's news to the GUI thread.

    It is created on the GUI thread and its slots are its own methods, so a signal emitted
    by the reader thread is queued and the callbacks run on the GUI thread. :meth:`detach`
    silences a reader the dialog no longer listens to (its late signals are ignored).
    """

    _frame_ready = Signal()
    _failed = Signal(object)
    _opened = Signal()

    def __init__(
        self,
        on_opened: Callable[[], None],
        on_frame: Callable[[], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self._callbacks: (
            tuple[Callable[[], None], Callable[[], None], Callable[[BaseException], None]] | None
        ) = (on_opened, on_frame, on_failed)
        self._opened.connect(self._deliver_opened)
        self._frame_ready.connect(self._deliver_frame)
        self._failed.connect(self._deliver_failed)

    def detach(self) -> None:
        self._callbacks = None

    # Called on the reader thread.
    def opened(self) -> None:
        self._opened.emit()

    def frame_ready(self) -> None:
        self._frame_ready.emit()

    def failed(self, error: BaseException) -> None:
        self._failed.emit(error)

    # Run on the GUI thread.
    @Slot()
    def _deliver_opened(self) -> None:
        if self._callbacks is not None:
            self._callbacks[0]()

    @Slot()
    def _deliver_frame(self) -> None:
        if self._callbacks is not None:
            self._callbacks[1]()

    @Slot(object)
    def _deliver_failed(self, error: BaseException) -> None:
        if self._callbacks is not None:
            self._callbacks[2](error)


class _FrameReader(threading.Thread):
    """Opens one camera and keeps the newest frame (full size) and its preview (scaled)."""

    def __init__(
        self,
        camera: CameraDevice,
        bridge: _Bridge,
        preview_size: QSize,
        previous: threading.Thread | None,
    ) -> None:
        super().__init__(name="motcua-camera", daemon=True)
        self.camera = camera
        self.bridge = bridge
        self._previous = previous
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._frame: np.ndarray | None = None
        self._image: QImage | None = None
        self._pending = False
        self._preview_size = QSize(preview_size)
        self.frames_read = 0
        self.frames_dropped = 0

    def stop(self) -> None:
        self._stopping.set()

    def set_preview_size(self, size: QSize) -> None:
        with self._lock:
            self._preview_size = QSize(size)

    def take_image(self) -> QImage | None:
        """The newest preview, once (the GUI calls this when it shows a frame)."""
        with self._lock:
            image, self._image = self._image, None
            self._pending = False
            return image

    def latest_frame(self) -> np.ndarray | None:
        with self._lock:
            return None if self._frame is None else self._frame.copy()

    def run(self) -> None:
        if self._previous is not None:
            # The device may still be held by the camera the clerk just switched away from.
            self._previous.join(_STOP_TIMEOUT_S)
        try:
            self.camera.open()
        except Exception as error:  # shown in the dialog; CaptureError is the expected one
            self._report(error)
            return
        try:
            if not self._stopping.is_set():
                self.bridge.opened()
            period = 1.0 / MAX_PREVIEW_FPS
            while not self._stopping.is_set():
                started = time.monotonic()
                frame = self.camera.read_frame()
                self.frames_read += 1
                with self._lock:
                    self._frame = frame
                    behind = self._pending
                    size = QSize(self._preview_size)
                if behind:
                    self.frames_dropped += 1  # the GUI has not shown the last one yet
                else:
                    image = preview_image(frame, size)
                    with self._lock:
                        self._image = image
                        self._pending = True
                    if not self._stopping.is_set():
                        self.bridge.frame_ready()
                rest = period - (time.monotonic() - started)
                if rest > 0:
                    self._stopping.wait(rest)
        except Exception as error:
            self._report(error)
        finally:
            try:
                self.camera.close()
            except Exception:
                log.exception("closing the camera failed")

    def _report(self, error: BaseException) -> None:
        if not self._stopping.is_set():
            self.bridge.failed(error)
        elif not isinstance(error, CaptureError):
            log.error("camera reader failed after stop", exc_info=error)


class CameraDialog(QDialog):
    """Live preview, camera picker, Space/Enter to capture, a counter of pages taken."""

    page_captured = Signal(object)
    """Each :class:`SourcePage` as soon as it is captured."""
    pages_captured = Signal(list)
    """All pages captured, once, when the dialog closes (only if there are any)."""
    frame_shown = Signal()
    """A preview frame is on screen (tests wait on it)."""
    problem_shown = Signal(str)
    """The message shown when the camera cannot be used."""

    def __init__(
        self,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        sources: Sequence[CameraSource] | None = None,
        camera_factory: CameraFactory = _default_factory,
        list_cameras: CameraLister = _default_lister,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cameraDialog")
        self.setWindowTitle(self.tr("Capture pages with the camera"))
        self.resize(800, 640)
        self._tasks = tasks
        self._factory = camera_factory
        self._list_cameras = list_cameras
        self._reader: _FrameReader | None = None
        self._retired: list[_FrameReader] = []
        self._pages: list[SourcePage] = []
        self._in_flight = 0
        self._finished = False
        self._handed_over = False
        self.frames_shown = 0

        self.camera_combo = QComboBox()
        self.camera_combo.setObjectName("cameraPicker")
        self.camera_combo.setToolTip(self.tr("Camera"))
        self.camera_combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.camera_combo.currentIndexChanged.connect(self._camera_chosen)

        self.preview = QLabel()
        self.preview.setObjectName("cameraPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 240)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setStyleSheet("QLabel#cameraPreview { background: #202124; color: white; }")

        self.problem_label = QLabel()
        self.problem_label.setObjectName("cameraProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setStyleSheet(
            "QLabel#cameraProblem { background: #fce8e6; color: #8c1d18;"
            " border: 2px solid #d93025; padding: 6px; }"
        )
        self.problem_label.hide()
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.retry_button.setObjectName("cameraRetry")
        self.retry_button.clicked.connect(self.retry)
        self.retry_button.hide()

        self.counter_label = QLabel()
        self.counter_label.setObjectName("capturedCount")
        self.capture_button = QPushButton(self.tr("Capture page (Space)"))
        self.capture_button.setObjectName("captureButton")
        self.capture_button.clicked.connect(self.capture)
        self.close_button = QPushButton(self.tr("Done (Esc)"))
        self.close_button.setObjectName("cameraDone")
        self.close_button.clicked.connect(self.accept)
        for button in (self.retry_button, self.capture_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        top = QHBoxLayout()
        self.camera_label = QLabel(self.tr("Camera:"))
        top.addWidget(self.camera_label)
        top.addWidget(self.camera_combo, 1)
        problem_row = QHBoxLayout()
        problem_row.addWidget(self.problem_label, 1)
        problem_row.addWidget(self.retry_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counter_label, 1)
        bottom.addWidget(self.capture_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        layout.addLayout(problem_row)
        layout.addLayout(bottom)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._update_counter()
        self.capture_button.setEnabled(False)
        if sources is None:
            self._show_status(self.tr("Looking for cameras…"))
            lister = self._list_cameras
            self._tasks.run_io(
                lambda: list(lister()), on_done=self._set_sources, on_error=self._failed
            )
        else:
            self._set_sources(list(sources))

    # --- results --------------------------------------------------------------------------

    @property
    def pages(self) -> list[SourcePage]:
        """The pages captured so far, in order."""
        return list(self._pages)

    @property
    def reader(self) -> _FrameReader | None:
        return self._reader

    # --- cameras --------------------------------------------------------------------------

    def _set_sources(self, sources: list[CameraSource]) -> None:
        if self._finished:
            return
        self.camera_combo.blockSignals(True)
        self.camera_combo.clear()
        for source in sources:
            self.camera_combo.addItem(self._source_name(source), source)
        self.camera_combo.blockSignals(False)
        self.camera_combo.setVisible(len(sources) > 1)  # a picker only when there is a choice
        self.camera_label.setVisible(len(sources) > 1)
        if not sources:
            self._show_problem(
                self.tr(
                    "No camera was found. Plug in the document camera (or check its cable) "
                    "and press Retry."
                )
            )
            return
        self._start(sources[0])

    def _source_name(self, source: CameraSource) -> str:
        if isinstance(source, int):
            return self.tr("Camera %1").replace("%1", str(source + 1))
        return Path(source).name or source

    def _camera_chosen(self, index: int) -> None:
        source = self.camera_combo.itemData(index)
        if source is not None:
            self._start(source)

    def retry(self) -> None:
        """Open the chosen camera again (after it was plugged back in), or look for cameras."""
        if self.camera_combo.count() == 0:
            self._show_status(self.tr("Looking for cameras…"))
            lister = self._list_cameras
            self._tasks.run_io(
                lambda: list(lister()), on_done=self._set_sources, on_error=self._failed
            )
            return
        self._start(self.camera_combo.currentData())

    def _start(self, source: CameraSource) -> None:
        previous = self._stop_reader()
        self._hide_problem()
        self.capture_button.setEnabled(False)
        self._show_status(self.tr("Opening the camera…"))
        try:
            camera = self._factory(source)
        except Exception as error:
            self._failed(error)
            return
        bridge = _Bridge(self._opened, self._frame_ready, self._reader_failed)
        reader = _FrameReader(camera, bridge, self._preview_size(), previous)
        self._reader = reader
        reader.start()

    def _stop_reader(self) -> _FrameReader | None:
        reader, self._reader = self._reader, None
        # A stopped reader is kept until its thread ends, so its Qt bridge is released here,
        # on the GUI thread, and never by the thread on its way out.
        self._retired = [old for old in self._retired if old.is_alive()]
        if reader is not None:
            reader.bridge.detach()
            reader.stop()
            self._retired.append(reader)
        return reader

    def wait_stopped(self, timeout: float = _STOP_TIMEOUT_S) -> bool:
        """Wait for the reader thread to release the camera (tests; never on a hot path)."""
        self._stop_reader()
        deadline = time.monotonic() + timeout
        for reader in self._retired:
            reader.join(max(0.0, deadline - time.monotonic()))
        return not any(reader.is_alive() for reader in self._retired)

    def _preview_size(self) -> QSize:
        size = self.preview.size()
        return size if size.width() > 10 and size.height() > 10 else QSize(640, 480)

    def _opened(self) -> None:
        if self._reader is not None:
            self._show_status(self.tr("Waiting for the first picture…"))

    def _frame_ready(self) -> None:
        reader = self._reader
        if reader is None:
            return
        image = reader.take_image()
        if image is None:
            return
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.frames_shown += 1
        if not self.capture_button.isEnabled():
            self.capture_button.setEnabled(True)
        self.frame_shown.emit()

    def _reader_failed(self, error: BaseException) -> None:
        self._stop_reader()
        self._failed(error)

    # --- capture --------------------------------------------------------------------------

    def capture(self) -> None:
        """Take the newest full-resolution frame as a page (encoded off the GUI thread)."""
        reader = self._reader
        frame = reader.latest_frame() if reader is not None else None
        if reader is None or frame is None or self._finished:
            return
        camera = reader.camera
        self._in_flight += 1
        # Encoding a full-resolution frame as PNG is CPU work (~1 s for 8 Mpx).
        run = getattr(self._tasks, "run_cpu", self._tasks.run_io)
        run(
            lambda: camera.capture_page(frame),
            on_done=self._captured,
            on_error=self._capture_failed,
        )

    def _captured(self, page: SourcePage) -> None:
        self._in_flight -= 1
        self._pages.append(page)
        self._update_counter()
        self.page_captured.emit(page)
        self._hand_over_if_done()

    def _capture_failed(self, error: BaseException) -> None:
        self._in_flight -= 1
        self._failed(error)
        self._hand_over_if_done()

    def _update_counter(self) -> None:
        self.counter_label.setText(
            self.tr("%n page(s) captured", "", len(self._pages))
            if self._pages
            else self.tr("Place the page under the camera and press Space.")
        )

    # --- display --------------------------------------------------------------------------

    def _show_status(self, text: str) -> None:
        self.preview.clear()
        self.preview.setText(text)

    def _show_problem(self, message: str) -> None:
        self.capture_button.setEnabled(False)
        self.problem_label.setText(message)
        self.problem_label.show()
        self.retry_button.show()
        self._show_status(self.tr("No picture"))
        self.problem_shown.emit(message)

    def _hide_problem(self) -> None:
        self.problem_label.hide()
        self.retry_button.hide()
        self.problem_label.clear()

    def _failed(self, error: BaseException) -> None:
        if self._finished:
            return
        message = getattr(error, "message_vi", None)
        if not isinstance(error, CaptureError) or not message:
            log.error("the camera failed", exc_info=error)
            message = self.tr(
                "An unexpected error stopped the camera. Please report it to IT staff: %1"
            ).replace("%1", f"{type(error).__name__}: {error}")
        self._show_problem(str(message))

    # --- keys and closing -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not event.isAutoRepeat():
                self.capture()
            event.accept()
            return
        super().keyPressEvent(event)  # Esc rejects, which closes

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._reader is not None:
            self._reader.set_preview_size(self._preview_size())

    def done(self, result: int) -> None:
        self._finish()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._finish()
        super().closeEvent(event)

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._stop_reader()
        self._hand_over_if_done()

    def _hand_over_if_done(self) -> None:
        """Once closed and no capture is still being converted, hand all pages over once."""
        if self._finished and self._in_flight == 0 and not self._handed_over:
            self._handed_over = True
            if self._pages:
                self.pages_captured.emit(list(self._pages))
