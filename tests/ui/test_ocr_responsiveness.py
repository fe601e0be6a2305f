"""The GUI never waits while a dossier is read: a 20-page import through the real editor, the
real pipeline and Tesseract, with a 10 ms timer probing the event loop the whole time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from app.store.database import Store
from app.store.pages import PageRepository
from app.ui.services_capture import RECEPTION_SLOT, PageState
from app.ui.tasks import TaskRunner
from tests.ui.capture_support import make_editor, wait_read, write_png

pytestmark = [
    pytest.mark.qt_log_ignore(
        "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
    ),
    pytest.mark.usefixtures("language"),  # Vietnamese, as at the counter
]

PAGES = 20
PAGE_PX = (1500, 2000)
"""5 x 6.7 inches at 300 dpi: A5-ish, so 20 pages read in well under a minute on 2 cores."""
MAX_GAP_MS = 100.0
LINES = (
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "TỜ KHAI ĐĂNG KÝ THƯỜNG TRÚ",
    "Kính gửi: Công an phường Tràng Tiền",
    "Họ, chữ đệm và tên: Nguyễn Thị Thuỳ Dương",
    "Ngày, tháng, năm sinh: 15/08/1987; Giới tính: Nữ",
    "Số định danh cá nhân: 001187012345",
    "Nơi thường trú: số 12 ngõ 34 phố Hàng Bạc",
    "Nội dung đề nghị: đăng ký thường trú",
    "Thời hạn giải quyết: 07 ngày làm việc",
)


class GapProbe:
    """A 10 ms timer that records the longest wait between two of its ticks."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.longest_ms = 0.0
        self.ticks = 0
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000)
        self._last = now
        self.ticks += 1

    def stop(self) -> None:
        self.timer.stop()
        self._tick()


def test_the_event_loop_never_stalls_while_20_pages_are_read(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    files = [
        write_png(tmp_path / f"trang-{n:02}.png", (*LINES, f"Trang số {n}"), size=PAGE_PX)
        for n in range(1, PAGES + 1)
    ]
    editor, _services = make_editor(qtbot, store, tasks)
    probe = GapProbe()
    probe.start()
    started = time.perf_counter()
    editor.import_paths(files)
    wait_read(qtbot, editor, PAGES, timeout=120000)
    seconds = time.perf_counter() - started
    probe.stop()
    print(
        f"{PAGES} pages read in {seconds:.1f} s; longest event-loop gap {probe.longest_ms:.0f} ms"
    )

    counts = editor.counts()
    assert counts[PageState.WAITING] == counts[PageState.READING] == 0
    assert counts[PageState.DONE] + counts[PageState.FLAGGED] == PAGES
    with store.read_session() as session:
        stored = PageRepository(session).list_draft(RECEPTION_SLOT)
    assert len(stored) == PAGES
    assert all(page.state != "pending" and page.ocr_text for page in stored)
    assert probe.longest_ms <= MAX_GAP_MS, (
        f"the GUI stalled {probe.longest_ms:.0f} ms while {PAGES} pages were read "
        f"in {seconds:.1f} s"
    )
