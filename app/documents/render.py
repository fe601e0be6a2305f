"""Draw a slip to PDF, to a printer or to preview images, with Qt's text engine.

The template's HTML is laid out by ``QTextDocument`` against the very device it is drawn on
(PDF writer, printer or image), so line breaks are measured with that device's metrics, then
painted page by page. The QR placeholder in the template becomes an inline text object of the
exact printed size, drawn as vector squares wherever the layout put it. Qt writes real text into
the PDF (fonts embedded with their Unicode maps), so ``pdftotext`` and screen readers read the
Vietnamese back.

Needs a ``QGuiApplication`` (the UI and the benchmark create one). Everything here uses only
``QtGui`` paint devices, which Qt allows off the GUI thread.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPalette,
    QPdfWriter,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtPrintSupport import QPrinter

from app.documents.errors import OutputNotWritable, PrintFailed, TemplateProblem
from app.documents.forms import QR_PLACEHOLDER_URL, FormLibrary, Paper, PaperSpec, default_library
from app.documents.qr import draw_qr
from app.documents.samples import demo_receipt
from app.documents.slips import FormId, SlipContext

PDF_DPI = 600
"""Coordinate resolution of the PDF; text and the QR stay vectors whatever it is."""

REFERENCE_DPI = 96
"""Slips are laid out at this resolution (one CSS pixel = 1/96 inch), then scaled to the device."""

FONT_FAMILY = "Times New Roman"
"""The administrative font (Decree 30/2020); fontconfig maps it to Liberation Serif on Linux."""

PROVISIONAL_WATERMARK = "TẠM THỜI"

_QR_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1
_QR_SIZE = int(QTextFormat.Property.UserProperty) + 1
_PAGE_SIZE_IDS = {"A4": QPageSize.PageSizeId.A4, "A5": QPageSize.PageSizeId.A5}


class _QrObject(QPyTextObject):
    """Draws the QR code where the template's placeholder was, at the size the format holds."""

    def __init__(self, text: str, parent: QTextDocument) -> None:
        super().__init__(parent)
        self._text = text

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        side = fmt.doubleProperty(_QR_SIZE)
        return QSizeF(side, side)

    def drawObject(
        self, painter: QPainter, rect: QRectF, doc: QTextDocument, pos: int, fmt: QTextFormat
    ) -> None:
        if self._text:
            draw_qr(painter, self._text, rect)


@dataclass
class _Layout:
    """A laid-out slip: the document and its page geometry in reference pixels (1/96 inch)."""

    document: QTextDocument
    qr_object: _QrObject
    """Kept here so the handler lives exactly as long as the document that calls it."""
    spec: PaperSpec
    page_width: float
    page_height: float
    margin_left: float
    margin_top: float
    content_width: float
    content_height: float
    provisional: bool
    footer_text: str
    page_count: int


def _mm(mm: float) -> float:
    """Millimetres in reference pixels."""
    return mm / 25.4 * REFERENCE_DPI


@functools.cache
def _blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


def _reference_device() -> QImage:
    """A 96-dpi paint device to lay out on: every output gets the same line breaks."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(REFERENCE_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def _font(point_size: float, *, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _replace_qr_placeholders(document: QTextDocument, side_px: float) -> int:
    """Turn every ``<img src="qr:code">`` into the QR text object; returns how many."""
    spans: list[tuple[int, int]] = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            char_format = fragment.charFormat()
            if (
                char_format.isImageFormat()
                and char_format.toImageFormat().name() == QR_PLACEHOLDER_URL
            ):
                spans.append((fragment.position(), fragment.length()))
            fragments += 1
        block = block.next()
    object_format = QTextCharFormat()
    object_format.setObjectType(_QR_OBJECT)
    object_format.setProperty(_QR_SIZE, side_px)
    for position, length in reversed(spans):
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText("\ufffc", object_format)
    return len(spans)


def _lay_out(form: FormId, context: SlipContext, paper: Paper, library: FormLibrary) -> _Layout:
    """Lay the slip out once, on the reference device, whatever it will be drawn on.

    Qt scales some HTML lengths to a high-resolution device and not others (vertical margins
    and cell padding are scaled, left margins are not); at a fixed 96 dpi every CSS pixel is
    1/96 inch, and drawing scales the whole page to the device at once.
    """
    if context.form is not form:
        raise ValueError(f"a {type(context).__name__} is printed on {context.form}, not {form}")
    html, spec = library.render_html(context, paper)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(_reference_device())
    document.setUseDesignMetrics(True)
    document.setDefaultFont(_font(spec.font_pt))
    document.setDocumentMargin(0)
    document.addResource(
        QTextDocument.ResourceType.ImageResource, QUrl(QR_PLACEHOLDER_URL), _blank_image()
    )
    qr_object = _QrObject(context.qr_text, document)
    document.documentLayout().registerHandler(_QR_OBJECT, qr_object)
    margins = spec.margins_mm
    content_width = _mm(spec.width_mm - margins.left - margins.right)
    content_height = _mm(spec.height_mm - margins.top - margins.bottom)
    document.setPageSize(QSizeF(content_width, content_height))  # before the HTML: one layout
    document.setHtml(html)
    placed = _replace_qr_placeholders(document, _mm(spec.qr_mm))
    if context.qr_text and not placed:
        version = library.version_for(form, context.document_date)
        raise TemplateProblem(
            version.folder,
            "the template has no {{ qr_code }} placeholder, so the QR code would be lost",
            "mẫu thiếu chỗ đặt mã QR ({{ qr_code }}), phiếu in ra sẽ không có mã QR",
        )
    code = getattr(context, "code", "")
    return _Layout(
        document=document,
        qr_object=qr_object,
        spec=spec,
        page_width=_mm(spec.width_mm),
        page_height=_mm(spec.height_mm),
        margin_left=_mm(margins.left),
        margin_top=_mm(margins.top),
        content_width=content_width,
        content_height=content_height,
        provisional=context.provisional,
        footer_text=f"Mã hồ sơ: {code}" if code else "",
        page_count=document.pageCount(),
    )


def _paint_page(painter: QPainter, layout: _Layout, index: int) -> None:
    """Page ``index`` (from 0) on a painter whose origin is the paper's top-left corner."""
    device = painter.device()
    scale_x = device.logicalDpiX() / REFERENCE_DPI
    scale_y = device.logicalDpiY() / REFERENCE_DPI
    if layout.provisional:
        _draw_watermark(painter, layout, scale_x, scale_y)
    painter.save()
    painter.scale(scale_x, scale_y)
    painter.translate(layout.margin_left, layout.margin_top - index * layout.content_height)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(
        0, index * layout.content_height, layout.content_width, layout.content_height
    )
    palette = QPalette(context.palette)
    palette.setColor(QPalette.ColorRole.Text, QColor(Qt.GlobalColor.black))
    context.palette = palette
    layout.document.documentLayout().draw(painter, context)
    painter.restore()
    if layout.page_count > 1:
        _draw_footer(painter, layout, index, scale_x, scale_y)


def _draw_watermark(painter: QPainter, layout: _Layout, scale_x: float, scale_y: float) -> None:
    """A large, light "TẠM THỜI" across the page, under the text.

    Drawn as outlines, not text, so copying or extracting the slip's text is not garbled by
    letters scattered across the page. The outline is built in reference pixels from a font
    sized in pixels, so its size does not depend on any screen's resolution.
    """
    font = _font(layout.spec.font_pt)
    font.setPixelSize(round(layout.spec.font_pt * 6 * REFERENCE_DPI / 72))
    font.setBold(True)
    outline = QPainterPath()
    outline.addText(0, 0, font, PROVISIONAL_WATERMARK)
    painter.save()
    painter.scale(scale_x, scale_y)
    painter.translate(layout.page_width / 2, layout.page_height / 2)
    painter.rotate(-35)
    painter.translate(-outline.boundingRect().center())
    painter.fillPath(outline, QColor(215, 215, 215))
    painter.restore()


def _draw_footer(
    painter: QPainter, layout: _Layout, index: int, scale_x: float, scale_y: float
) -> None:
    """On a slip of several pages, each page says which page it is and of which dossier."""
    bottom = layout.margin_top + layout.content_height
    box = QRectF(
        layout.margin_left * scale_x,
        bottom * scale_y,
        layout.content_width * scale_x,
        (layout.page_height - bottom) * scale_y,
    )
    parts = [layout.footer_text, f"Trang {index + 1}/{layout.page_count}"]
    painter.save()
    painter.setPen(QColor(Qt.GlobalColor.black))
    painter.setFont(_font(layout.spec.font_pt * 0.85))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, " – ".join(p for p in parts if p))
    painter.restore()


def _paint_all(painter: QPainter, device: QPagedPaintDevice, layout: _Layout) -> None:
    for index in range(layout.page_count):
        if index:
            device.newPage()
        _paint_page(painter, layout, index)


def _page_layout(paper: Paper) -> QPageLayout:
    return QPageLayout(
        QPageSize(_PAGE_SIZE_IDS[paper]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
    )


def render_pdf_bytes(
    form: FormId,
    context: SlipContext,
    paper: Paper,
    *,
    library: FormLibrary | None = None,
) -> bytes:
    """The slip as a PDF, in memory."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(_page_layout(paper))
    writer.setCreator("Một Cửa Desk")
    layout = _lay_out(form, context, paper, library or default_library())
    title = getattr(context, "code", "") or form.value
    writer.setTitle(f"{form.value} {title}")
    painter = QPainter()
    if not painter.begin(writer):  # pragma: no cover - an in-memory buffer cannot refuse
        raise RuntimeError("QPainter could not start on an in-memory PDF")
    try:
        _paint_all(painter, writer, layout)
    finally:
        painter.end()
    data: QByteArray = buffer.data()
    return bytes(data.data())


def render_pdf(
    form: FormId,
    context: SlipContext,
    paper: Paper,
    out_path: Path,
    *,
    library: FormLibrary | None = None,
) -> Path:
    """Write the slip to ``out_path`` atomically: the file is either whole or absent.

    Raises :class:`OutputNotWritable` (with ``message_vi``) when the folder cannot be created
    or written, or the disk is full; an existing file at ``out_path`` is then left untouched.
    """
    data = render_pdf_bytes(form, context, paper, library=library)
    write_atomically(data, out_path)
    return out_path


def write_atomically(data: bytes, out_path: Path) -> None:
    """Temp file in the same folder, fsync, rename over the target, fsync the folder."""
    folder = out_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{out_path.name}.", suffix=".part", dir=folder
        )
    except OSError as error:
        raise OutputNotWritable(out_path, error) from error
    temp_path = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_path, out_path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp_path.unlink()
        raise OutputNotWritable(out_path, error) from error
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def print_slip(
    form: FormId,
    context: SlipContext,
    paper: Paper,
    printer: QPrinter,
    *,
    library: FormLibrary | None = None,
) -> int:
    """Print on a printer the UI got from ``QPrintDialog``; returns the number of pages.

    The paper size is the slip's, whatever the dialog proposed, and the layout is measured
    with the printer's own metrics. Raises :class:`PrintFailed` when the printer cannot start.
    """
    printer.setFullPage(True)
    printer.setPageLayout(_page_layout(paper))
    printer.setDocName(f"{form.value} {getattr(context, 'code', '')}".strip())
    layout = _lay_out(form, context, paper, library or default_library())
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(printer.printerName() or printer.outputFileName())
    try:
        _paint_all(painter, printer, layout)
    finally:
        ended = painter.end()
    if not ended:
        raise PrintFailed(printer.printerName() or printer.outputFileName())
    return layout.page_count


def render_page_images(
    form: FormId,
    context: SlipContext,
    paper: Paper,
    *,
    dpi: int = 96,
    library: FormLibrary | None = None,
) -> list[QImage]:
    """Each page as a white image at ``dpi``, for an on-screen preview before printing."""
    layout = _lay_out(form, context, paper, library or default_library())
    dots_per_metre = round(dpi / 0.0254)
    scale = dpi / REFERENCE_DPI
    images: list[QImage] = []
    for index in range(layout.page_count):
        image = QImage(
            round(layout.page_width * scale),
            round(layout.page_height * scale),
            QImage.Format.Format_RGB32,
        )
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _paint_page(painter, layout, index)
        painter.end()
        images.append(image)
    return images


def warm_up() -> None:
    """Load the fonts and the templates once, so the first receipt prints as fast as the rest."""
    render_pdf_bytes(FormId.RECEIPT, demo_receipt(), "A4")


__all__ = [
    "PDF_DPI",
    "print_slip",
    "render_page_images",
    "render_pdf",
    "render_pdf_bytes",
    "warm_up",
    "write_atomically",
]
