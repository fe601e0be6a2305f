"""Real pages for the page editor's tests: Vietnamese text rendered at 300 dpi, saved as the
files a clerk imports (PNG, multi-page TIFF), plus a blank page the quality gate flags.

Pages are small (a few lines on a strip of paper) so a test reads them with the real
Tesseract in well under a second each.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from pytestqt.qtbot import QtBot

from app.bench.ocr_pages import find_font
from app.store.database import Store
from app.ui.capture_queries import StoreCaptureServices
from app.ui.store_queries import StoreHolder
from app.ui.tasks import TaskRunner
from app.ui.widgets.page_editor import PageEditor

DPI = 300
HEADER = (
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
)
"""On every page: a page of one or two lines is "blank" to the quality gate."""
LINES = (
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "Họ, chữ đệm và tên: Nguyễn Thị Thuỳ Dương",
)


def render(
    lines: tuple[str, ...] = LINES, size: tuple[int, int] = (1400, 1050), point: int = 12
) -> Image.Image:
    """The header and ``lines``, black on white, ``size`` pixels at 300 dpi (the default,
    4.7 x 3.5 inches, is just above the quality gate's 1000-pixel minimum)."""
    font = ImageFont.truetype(str(find_font("DejaVuSerif.ttf")), round(point * DPI / 72))
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    step = round(point * DPI / 72 * 1.8)
    for index, line in enumerate((*HEADER, *lines)):
        draw.text((120, 120 + index * step), line, font=font, fill=0)
    return image


def write_png(path: Path, lines: tuple[str, ...] = LINES, **kwargs: object) -> Path:
    render(lines, **kwargs).save(path, dpi=(DPI, DPI))  # type: ignore[arg-type]
    return path


def write_tiff(path: Path, pages: list[tuple[str, ...]]) -> Path:
    images = [render(lines) for lines in pages]
    images[0].save(path, save_all=True, append_images=images[1:], dpi=(DPI, DPI))
    return path


def write_blank(path: Path) -> Path:
    """A page with nothing on it: the quality gate asks for a rescan."""
    Image.fromarray(np.full((1050, 1400), 255, np.uint8)).save(path, dpi=(DPI, DPI))
    return path


def make_editor(
    qtbot: QtBot, store: Store, tasks: TaskRunner
) -> tuple[PageEditor, StoreCaptureServices]:
    services = StoreCaptureServices(StoreHolder(store))
    editor = PageEditor(services, tasks)
    qtbot.addWidget(editor)
    editor.resize(1100, 700)
    editor.show()
    qtbot.waitExposed(editor)
    return editor, services


def wait_read(qtbot: QtBot, editor: PageEditor, count: int, timeout: int = 30000) -> None:
    """Until ``count`` pages are listed and none is loading or being read."""

    def settled() -> None:
        assert editor.model.rowCount() == count
        assert not editor.busy()

    qtbot.waitUntil(settled, timeout=timeout)
