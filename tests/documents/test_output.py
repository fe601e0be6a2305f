"""Where the slip goes: a PDF written whole or not at all, a printer, a preview image."""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from app.documents.errors import OutputNotWritable, PrintFailed
from app.documents.render import print_slip, render_page_images, render_pdf
from app.documents.slips import FormId, receipt_slip

from .support import CODE, decode_qr_image, flat, pdf_info, pdf_text, record, signed_qr_text


def _slip():  # type: ignore[no-untyped-def]
    return receipt_slip(record(), signed_qr_text())


def test_a_folder_that_cannot_exist_gives_a_vietnamese_error_and_no_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    target = blocker / "slips" / "receipt.pdf"
    with pytest.raises(OutputNotWritable) as raised:
        render_pdf(FormId.RECEIPT, _slip(), "A4", target)
    assert "Không ghi được phiếu" in raised.value.message_vi
    assert "thư mục không tồn tại" in raised.value.message_vi
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_a_read_only_folder_leaves_the_previous_slip_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "slips"
    folder.mkdir()
    previous = folder / "receipt.pdf"
    previous.write_bytes(b"%PDF previous")
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputNotWritable) as raised:
            render_pdf(FormId.RECEIPT, _slip(), "A4", previous)
        assert "không có quyền ghi" in raised.value.message_vi
        assert previous.read_bytes() == b"%PDF previous"
        assert [p.name for p in folder.iterdir()] == ["receipt.pdf"]
    finally:
        folder.chmod(0o700)


def test_writing_again_replaces_the_file_whole_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "new" / "receipt.pdf"
    render_pdf(FormId.RECEIPT, _slip(), "A4", target)
    first = target.read_bytes()
    render_pdf(
        FormId.RECEIPT,
        receipt_slip(record(code="999.01.00.H26-250714-0077"), signed_qr_text()),
        "A4",
        target,
    )
    assert target.read_bytes() != first
    assert "999.01.00.H26-250714-0077" in pdf_text(target)
    assert [p.name for p in target.parent.iterdir()] == ["receipt.pdf"]


def test_printing_uses_the_slip_paper_and_the_printer_metrics(tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = print_slip(FormId.RECEIPT, _slip(), "A5", printer)
    assert pages == 1
    info = pdf_info(tmp_path / "printed.pdf")
    assert info["Page size"].endswith("(A5)")
    text = flat(pdf_text(tmp_path / "printed.pdf"))
    assert f"Mã hồ sơ: {CODE}" in text and "Nguyễn Thị Huỳnh Đức" in text


@pytest.mark.qt_log_ignore("QPainter::begin", "QPdfWriter", "QPrinter")
def test_a_printer_that_cannot_start_raises_print_failed_in_vietnamese(tmp_path: Path) -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "missing-folder" / "out.pdf"))
    with pytest.raises(PrintFailed) as raised:
        print_slip(FormId.RECEIPT, _slip(), "A4", printer)
    assert "Không in được" in raised.value.message_vi
    assert "PDF" in raised.value.message_vi


def _as_array(image: QImage) -> np.ndarray:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    buffer = np.frombuffer(gray.constBits(), dtype=np.uint8)
    return buffer.reshape(gray.height(), gray.bytesPerLine())[:, : gray.width()].copy()


def test_the_preview_images_show_the_page_and_its_readable_qr() -> None:
    slip = _slip()
    images = render_page_images(FormId.RECEIPT, slip, "A5", dpi=300)
    assert len(images) == 1
    # A5 at 300 dpi: 148 x 210 mm.
    assert (images[0].width(), images[0].height()) == (1748, 2480)
    page = _as_array(images[0])
    assert decode_qr_image(page) == slip.qr_text
    assert cv2.countNonZero(255 - page) > 10_000  # there is ink: text was drawn, not a blank


def _watermark_pixels(provisional: bool) -> int:
    slip = receipt_slip(record(provisional=provisional), signed_qr_text())
    page = _as_array(render_page_images(FormId.RECEIPT, slip, "A4", dpi=100)[0])
    height, width = page.shape
    middle = page[height // 3 : 2 * height // 3, width // 4 : 3 * width // 4]
    return int(np.count_nonzero((middle >= 210) & (middle <= 220)))  # the watermark's grey


def test_a_provisional_slip_carries_a_large_watermark_across_the_page() -> None:
    plain, provisional = _watermark_pixels(False), _watermark_pixels(True)
    assert provisional > 8_000
    assert provisional > 5 * plain
