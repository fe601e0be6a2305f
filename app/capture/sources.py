"""Turning a file (imported, dropped, from the scanner's folder or the camera) into pages.

Every page keeps its original: the :class:`SourceFile` holds the file's exact bytes, shared by
all pages of a multi-page file, so the archive stores what the citizen handed over and clean-up
can always start again from it.

The format is told from the bytes, never from the name: scanners and phones mislabel files, and
a "photo.jpg" may be a HEIC, a PDF or garbage. Images are read with Pillow because it reads the
header first: the pixel cap is checked before a single pixel is decoded (a 100-byte PNG can
declare 50000 x 50000 pixels), and it knows the EXIF orientation, the dpi and every pixel mode
a scanner writes. PDFs are rasterised with PDFium at :data:`TARGET_DPI`.

Every failure is a :class:`CaptureError` naming the file, in English and Vietnamese; nothing
here returns a half-decoded page, nor fewer pages than the file has.

Page images are read-only (they are the decoded originals; clean-up works on copies), and
:func:`iter_pages` decodes one page at a time for callers that must bound memory (a 500-page
PDF at 300 dpi is ~13 GB decoded; :func:`load_file` returns them all at once). Call all of it
off the GUI thread.
"""

from __future__ import annotations

import io
import math
import struct
import threading
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import cv2
import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import (
    BmpImagePlugin,
    Image,
    ImageFile,
    JpegImagePlugin,
    PngImagePlugin,
    TiffImagePlugin,
    WebPImagePlugin,
)

from app.capture.errors import CaptureError, CaptureProblem
from app.capture.model import TARGET_DPI, PageOrigin, SourceFile, SourcePage

MAX_PIXELS = 80_000_000
"""Per page. An A3 page at 600 dpi is 7016 x 9921 = 69.6 Mpx; this leaves ~15% for a scanner's
overscan and refuses decompression bombs. A page this size decoded in colour is 240 MB."""
MAX_PAGES = 500
"""Per file (PDF or TIFF): a thick dossier, not a book. Also bounds work done before the clerk
sees anything."""
MAX_FILE_BYTES = 1 << 30
"""The bytes are kept in memory (the untouched original); 1 GiB is far beyond any dossier."""

PDF_MEDIA_TYPE = "application/pdf"
IMAGE_FORMATS: dict[str, str] = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "TIFF": "image/tiff",
    "BMP": "image/bmp",
    "WEBP": "image/webp",
}
"""Pillow's format name -> media type."""

_READERS: dict[str, type[ImageFile.ImageFile]] = {
    IMAGE_FORMATS["JPEG"]: JpegImagePlugin.JpegImageFile,
    IMAGE_FORMATS["PNG"]: PngImagePlugin.PngImageFile,
    IMAGE_FORMATS["TIFF"]: TiffImagePlugin.TiffImageFile,
    IMAGE_FORMATS["BMP"]: BmpImagePlugin.BmpImageFile,
    IMAGE_FORMATS["WEBP"]: WebPImagePlugin.WebPImageFile,
}
"""The Pillow reader for each media type. Calling it directly (rather than ``Image.open``)
reads only the header we recognised, and skips Pillow's own bomb check, whose warning (or, past
twice its limit, its error without the size) would pre-empt our precise pixel cap."""

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".jpg",
    ".jpeg",
    ".jpe",
    ".png",
    ".tif",
    ".tiff",
    ".bmp",
    ".webp",
    ".pdf",
)
"""For file dialogs and drop filters (the content decides, these only pre-filter)."""

_SUFFIX_KINDS = {".jpg": "JPEG", ".jpe": "JPEG", ".tif": "TIFF", ".webp": "WebP"}

ACCEPTED_FORMATS_EN = "JPEG, PNG, TIFF (multi-page), BMP or WebP images, or PDF files"
ACCEPTED_FORMATS_VI = "ảnh JPEG, PNG, TIFF (nhiều trang), BMP, WebP hoặc tệp PDF"

_MIN_DPI = 20.0
_MAX_DPI = 10_000.0
_MAX_PAGE_INCHES = 48.0
"""An A0 sheet is 46.8 in long: a dpi implying a larger page is not a measurement."""
_SCREEN_DPIS = (72.0, 96.0)
_MAX_SCREEN_DPI_INCHES = 17.0
"""Cameras and editors write 72 or 96 dpi whatever the picture: with those values a page
longer than A3 (16.5 in) is a photo carrying a default value, not a low-resolution scan."""

_PDFIUM_LOCK = threading.RLock()
"""PDFium is not thread-safe; the UI, the watched folder and the CLI may load at once."""

_ORIENTATION_TAG = 0x0112


def describe_accepted_formats_vi() -> str:
    """The formats we read, in Vietnamese, for hints and error messages."""
    return ACCEPTED_FORMATS_VI


def _error(
    problem: CaptureProblem, name: str, path: Path | None, reason: str, reason_vi: str
) -> CaptureError:
    return CaptureError(
        problem,
        f"Cannot read {name}: {reason}",
        f"Không đọc được tệp «{name}»: {reason_vi}",
        path,
    )


# --- reading and recognising the bytes -------------------------------------------------------


def read_source(path: Path, origin: PageOrigin = PageOrigin.IMPORT) -> SourceFile:
    """The file's exact bytes as a :class:`SourceFile`, its format checked from the content."""
    path = Path(path)
    name = path.name or str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise _error(
                CaptureProblem.UNREADABLE_FILE,
                name,
                path,
                "it is a folder, not a file",
                "đây là một thư mục, không phải tệp",
            )
        if size > MAX_FILE_BYTES:
            raise _too_large(name, path, size)
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise _error(
            CaptureProblem.MISSING_FILE,
            name,
            path,
            "the file does not exist (moved or deleted?)",
            "tệp không tồn tại (đã bị chuyển đi hoặc xoá?)",
        ) from error
    except PermissionError as error:
        raise _error(
            CaptureProblem.UNREADABLE_FILE,
            name,
            path,
            "permission denied; ask IT staff for read access to the file",
            "không có quyền đọc tệp; hãy nhờ cán bộ CNTT cấp quyền",
        ) from error
    except IsADirectoryError as error:  # a race: became a folder between stat and read
        raise _error(
            CaptureProblem.UNREADABLE_FILE,
            name,
            path,
            "it is a folder, not a file",
            "đây là một thư mục, không phải tệp",
        ) from error
    except OSError as error:
        raise _error(
            CaptureProblem.UNREADABLE_FILE,
            name,
            path,
            f"the file cannot be read ({error.strerror or error})",
            "không đọc được tệp (ổ đĩa hoặc thư mục mạng bị lỗi?); hãy thử lại",
        ) from error
    return _source_of(data, name, origin, path)


def _too_large(name: str, path: Path | None, size: int) -> CaptureError:
    megabytes = size / (1 << 20)
    return _error(
        CaptureProblem.FILE_TOO_LARGE,
        name,
        path,
        f"the file is {megabytes:,.0f} MB, more than the {MAX_FILE_BYTES >> 20:,} MB limit; "
        "split it or scan at a lower resolution",
        f"tệp nặng {megabytes:,.0f} MB, vượt giới hạn {MAX_FILE_BYTES >> 20:,} MB; hãy tách tệp "
        "hoặc quét ở độ phân giải thấp hơn",
    )


def detect_media_type(data: bytes) -> str | None:
    """The media type of an accepted format, from the first bytes; ``None`` for anything else."""
    head = data[:16]
    if head.startswith(b"\xff\xd8\xff"):
        return IMAGE_FORMATS["JPEG"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return IMAGE_FORMATS["PNG"]
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return IMAGE_FORMATS["TIFF"]
    if head.startswith(b"BM"):
        return IMAGE_FORMATS["BMP"]
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return IMAGE_FORMATS["WEBP"]
    # The PDF header may legally follow up to 1 KB of junk (some scanners prepend a banner).
    if b"%PDF-" in data[:1024]:
        return PDF_MEDIA_TYPE
    return None


def _what_else(data: bytes) -> tuple[str, str] | None:
    """A description of a well-known format we do not accept, to say what the file is."""
    head = data[:32]
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
            return (
                "an HEIC photo (iPhone); set the camera to 'Most Compatible' or share it as JPEG",
                "ảnh HEIC (iPhone); hãy đặt máy ảnh ở chế độ 'Tương thích nhất' hoặc gửi ảnh "
                "dạng JPEG",
            )
        if brand in (b"avif", b"avis"):
            return ("an AVIF image", "ảnh AVIF")
        return ("a video or media file", "tệp video hoặc đa phương tiện")
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:4096]:
            return (
                "a Word document; print it to PDF first",
                "tài liệu Word; hãy in ra PDF trước",
            )
        if b"xl/" in data[:4096]:
            return ("an Excel workbook", "bảng tính Excel")
        return ("a ZIP archive or Office document", "tệp nén ZIP hoặc tài liệu Office")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ("an old Office document (.doc/.xls)", "tài liệu Office cũ (.doc/.xls)")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return ("a GIF image", "ảnh GIF")
    if head.startswith(b"\x00\x00\x00\x0cjP  ") or head.startswith(b"\xff\x4f\xff\x51"):
        return ("a JPEG 2000 image", "ảnh JPEG 2000")
    return None


def _source_of(data: bytes, name: str, origin: PageOrigin, path: Path | None) -> SourceFile:
    if not data:
        raise _error(
            CaptureProblem.EMPTY_FILE,
            name,
            path,
            "the file is empty (0 bytes); the scan or copy did not finish, scan it again",
            "tệp rỗng (0 byte); việc quét hoặc sao chép chưa xong, hãy quét lại",
        )
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(name, path, len(data))
    media_type = detect_media_type(data)
    if media_type is None:
        raise _unsupported(data, name, path)
    return SourceFile(name=name, data=data, media_type=media_type, origin=origin)


def _unsupported(data: bytes, name: str, path: Path | None) -> CaptureError:
    known = _what_else(data)
    if known is not None:
        what, what_vi = known
        return _error(
            CaptureProblem.UNSUPPORTED_FORMAT,
            name,
            path,
            f"it is {what}; accepted are {ACCEPTED_FORMATS_EN}",
            f"đây là {what_vi}; chỉ nhận {ACCEPTED_FORMATS_VI}",
        )
    if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
        # Named like an image or PDF but the content is none: damaged rather than foreign.
        suffix = Path(name).suffix.lower()
        kind = _SUFFIX_KINDS.get(suffix, suffix[1:].upper())
        return _error(
            CaptureProblem.PDF_BROKEN if suffix == ".pdf" else CaptureProblem.CORRUPT_IMAGE,
            name,
            path,
            f"it is named {suffix} but its content is not a valid {kind} file "
            "(damaged, or renamed from another format); scan or copy it again",
            f"tệp có đuôi {suffix} nhưng nội dung không phải tệp {kind} hợp lệ "
            "(bị hỏng hoặc bị đổi tên từ định dạng khác); hãy quét hoặc sao chép lại",
        )
    return _error(
        CaptureProblem.UNSUPPORTED_FORMAT,
        name,
        path,
        f"this format is not supported; accepted are {ACCEPTED_FORMATS_EN}",
        f"định dạng tệp không được hỗ trợ; chỉ nhận {ACCEPTED_FORMATS_VI}",
    )


# --- public entry points ---------------------------------------------------------------------


def load_file(
    path: Path,
    origin: PageOrigin = PageOrigin.IMPORT,
    *,
    max_pixels: int = MAX_PIXELS,
    max_pages: int = MAX_PAGES,
) -> list[SourcePage]:
    """Every page of the file at ``path``, decoded, sharing one untouched :class:`SourceFile`.

    Raises :class:`CaptureError` (missing, unreadable, empty, unsupported, corrupt, truncated,
    too large, encrypted or broken PDF, too many pages). Call it off the GUI thread.
    """
    source = read_source(Path(path), origin)
    return list(iter_pages(source, max_pixels=max_pixels, max_pages=max_pages, path=Path(path)))


def load_bytes(
    data: bytes,
    name: str,
    origin: PageOrigin = PageOrigin.DROP,
    *,
    max_pixels: int = MAX_PIXELS,
    max_pages: int = MAX_PAGES,
) -> list[SourcePage]:
    """Like :func:`load_file` for bytes already in memory (drag and drop, the camera)."""
    source = _source_of(bytes(data), name, origin, None)
    return list(iter_pages(source, max_pixels=max_pixels, max_pages=max_pages))


def iter_pages(
    source: SourceFile,
    *,
    max_pixels: int = MAX_PIXELS,
    max_pages: int = MAX_PAGES,
    pages: Sequence[int] | None = None,
    path: Path | None = None,
) -> Iterator[SourcePage]:
    """The pages of ``source`` decoded one at a time (only ``pages`` if given).

    Memory stays at one decoded page when the consumer processes and drops each page, which a
    500-page PDF needs. The page count and PDF encryption are checked before the first page.
    Also used to decode again a single page of a stored original. The format is taken from the
    bytes again, not from ``source.media_type``.
    """
    media_type = detect_media_type(source.data) if source.data else None
    if media_type is None:
        # Not through load_file/load_bytes (a stored original, a caller's own SourceFile).
        _source_of(source.data, source.name, source.origin, path)  # raises the right error
        raise AssertionError("unreachable")
    if media_type == PDF_MEDIA_TYPE:
        yield from _pdf_pages(source, max_pixels, max_pages, pages, path)
    else:
        yield from _image_pages(source, media_type, max_pixels, max_pages, pages, path)


# --- images ----------------------------------------------------------------------------------


def _image_pages(
    source: SourceFile,
    media_type: str,
    max_pixels: int,
    max_pages: int,
    pages: Sequence[int] | None,
    path: Path | None,
) -> Iterator[SourcePage]:
    name = source.name
    kind = _format_name(media_type)
    if media_type == IMAGE_FORMATS["TIFF"]:
        count = _tiff_page_count(source.data, name, path, max_pages)
    else:
        count = 1  # an animated WebP is not a multi-page document: its first frame
    if count > max_pages:
        raise _too_many_pages(name, path, count, max_pages)
    multi = count > 1
    for index in range(count) if pages is None else pages:
        if not 0 <= index < count:
            raise IndexError(f"{name} has {count} pages, no page {index + 1}")
        # A reader per page, closed before the page is handed out: Pillow's decoded copy is
        # freed, so only the numpy image stays in memory while the consumer works on it.
        with _open_image(source, media_type, path, kind) as image:
            try:
                if index:
                    image.seek(index)
                width, height = image.size
                if width <= 0 or height <= 0:
                    raise _corrupt(name, path, kind, ValueError("zero-sized image"))
                if width * height > max_pixels:
                    raise _too_many_pixels(
                        name, path, (width, height), max_pixels, index if multi else None
                    )
                if image.format == "TIFF" and _tiff_data_cut(image, len(source.data)):
                    raise _truncated(name, path, kind, index if multi else None)
                pixels = _decode(image)
                dpi = _dpi_of(image.info.get("dpi"), width, height)
                orientation = _orientation_of(image)
            except CaptureError:
                raise
            except (OSError, SyntaxError, ValueError, EOFError, zlib.error, struct.error) as error:
                if _is_truncation(error):
                    raise _truncated(name, path, kind, index if multi else None) from error
                raise _corrupt(name, path, kind, error, index if multi else None) from error
        upright = _read_only(_apply_orientation(_grey_if_grey(pixels), orientation))
        yield SourcePage(file=source, index=index, image=upright, dpi=dpi)


_TIFF_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}
_TIFF_TYPE_SIZES.update({13: 4, 16: 8, 17: 8, 18: 8})


def _tiff_page_count(data: bytes, name: str, path: Path | None, max_pages: int) -> int:
    """The pages in a TIFF, counted by walking its directory chain ourselves.

    Pillow stops at a directory (or a tag value) cut off by the end of the file with only a
    warning, so a two-page scan copied halfway would come out as one page and nobody would
    notice. Here any directory or tag value reaching past the end means a truncated file.
    """
    order = "<" if data[:2] == b"II" else ">"
    big = data[2:4] in (b"\x00+", b"+\x00")
    count_format, offset_format = ("Q", "Q") if big else ("H", "I")
    entry_format = order + ("HHQQ" if big else "HHII")
    entry_size = struct.calcsize(entry_format)
    inline = 8 if big else 4
    count_size = struct.calcsize(count_format)
    try:
        (offset,) = struct.unpack_from(order + offset_format, data, 8 if big else 4)
        pages = 0
        seen: set[int] = set()
        while offset:
            if offset in seen:
                raise _corrupt(name, path, "TIFF", ValueError("its page directories loop"))
            seen.add(offset)
            (entries,) = struct.unpack_from(order + count_format, data, offset)
            for entry in range(entries):
                _tag, kind, count, value = struct.unpack_from(
                    entry_format, data, offset + count_size + entry * entry_size
                )
                size = _TIFF_TYPE_SIZES.get(kind, 0) * count
                if size > inline and value + size > len(data):
                    raise struct.error("a tag value lies past the end of the file")
            next_at = offset + count_size + entries * entry_size
            (offset,) = struct.unpack_from(order + offset_format, data, next_at)
            pages += 1
            if pages > max_pages:
                return pages  # enough to refuse; no need to walk a hostile chain further
    except struct.error as error:  # a directory reaches past the end of the file
        raise _truncated(name, path, "TIFF") from error
    if pages == 0:
        raise _corrupt(name, path, "TIFF", ValueError("it has no page directory"))
    return pages


def _tiff_data_cut(image: Image.Image, size: int) -> bool:
    """Whether this TIFF page's strips or tiles reach past the end of the file."""
    tags = getattr(image, "tag_v2", {})
    offsets = tags.get(273) or tags.get(324) or ()
    counts = tags.get(279) or tags.get(325) or ()
    return any(start + length > size for start, length in zip(offsets, counts, strict=False))


def _open_image(
    source: SourceFile, media_type: str, path: Path | None, kind: str
) -> ImageFile.ImageFile:
    """Pillow's reader over the bytes: the header is parsed, no pixel is decoded yet."""
    try:
        return _READERS[media_type](io.BytesIO(source.data))
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        if _is_truncation(error):
            raise _truncated(source.name, path, kind) from error
        raise _corrupt(source.name, path, kind, error) from error


def _format_name(media_type: str) -> str:
    for name, kind in IMAGE_FORMATS.items():
        if kind == media_type:
            return "WebP" if name == "WEBP" else name
    return "PDF"


def _is_truncation(error: BaseException) -> bool:
    text = str(error).lower()
    return isinstance(error, EOFError) or "truncated" in text or "premature end" in text


def _decode(image: Image.Image) -> np.ndarray:
    """The frame as ``uint8`` grey or BGR, whatever its mode; alpha composed on white.

    The common modes (bilevel, grey, RGB) are packed by Pillow, band by band, straight into
    the result (RGB packed as BGR): no whole-page intermediate, so the peak is Pillow's copy
    plus ours, and once the reader is closed only ours is left.
    """
    image.load()  # raises here on truncated or corrupt data, before any conversion
    mode = image.mode
    transparent = "transparency" in image.info
    if mode in ("1", "L") and not transparent:
        return _packed(image, "L", 1)
    if mode == "RGB" and not transparent:
        return _packed(image, "BGR", 3)
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        values = np.asarray(image)
        if mode == "I" and values.size and int(values.max()) <= 255:
            return values.astype(np.uint8)  # an 8-bit image widened by the reader
        return (values.astype(np.uint32) >> 8).clip(0, 255).astype(np.uint8)
    if mode == "F":
        values = np.asarray(image, dtype=np.float32)
        if values.size and float(np.nanmax(values)) <= 1.0:
            values = values * 255.0
        return np.nan_to_num(values).clip(0, 255).astype(np.uint8)
    if mode in ("LA", "La") or (mode in ("1", "L") and transparent):
        return _on_white(np.asarray(image.convert("LA")), grey=True)
    if mode in ("RGBA", "RGBa", "PA") or (mode in ("P", "RGB") and transparent):
        return _on_white(np.asarray(image.convert("RGBA")), grey=False)
    with image.convert("RGB") as rgb:  # palette, CMYK, YCbCr, LAB, HSV
        return _packed(rgb, "BGR", 3)


_BAND_BYTES = 16 << 20


def _packed(image: Image.Image, rawmode: str, channels: int) -> np.ndarray:
    """``image`` as a numpy array in ``rawmode`` ("L" or "BGR"), filled in bands of ~16 MB.

    ``tobytes`` on the whole page would hold the page twice more (its chunks, then their
    join): 420 MB extra for an A3 colour page at 600 dpi.
    """
    width, height = image.size
    shape = (height, width) if channels == 1 else (height, width, channels)
    result = np.empty(shape, np.uint8)
    rows = max(1, _BAND_BYTES // max(1, width * channels))
    for top in range(0, height, rows):
        bottom = min(height, top + rows)
        with image.crop((0, top, width, bottom)) as band:
            result[top:bottom] = np.frombuffer(band.tobytes("raw", rawmode), np.uint8).reshape(
                (bottom - top, *shape[1:])
            )
    return result


def _read_only(image: np.ndarray) -> np.ndarray:
    """Pages are originals: nothing downstream may draw on them (clean-up works on copies)."""
    image.flags.writeable = False
    return image


def _on_white(pixels: np.ndarray, *, grey: bool) -> np.ndarray:
    """Transparent areas become paper white, as a printer would show them."""
    alpha = pixels[..., -1:].astype(np.uint16)
    colour = pixels[..., :-1].astype(np.uint16)
    composed = ((colour * alpha + 255 * (255 - alpha) + 127) // 255).astype(np.uint8)
    if grey:
        return composed[..., 0].copy()
    return cv2.cvtColor(composed, cv2.COLOR_RGB2BGR, dst=composed)


def _dpi_of(value: object, width: int, height: int) -> float | None:
    """The dpi the file states, or ``None`` when absent or implausible for a page."""
    if not isinstance(value, tuple) or len(value) != 2:
        return None
    try:
        x, y = float(value[0]), float(value[1])
    except (TypeError, ValueError):
        return None
    if not all(math.isfinite(v) and _MIN_DPI <= v <= _MAX_DPI for v in (x, y)):
        return None
    long_side = max(width / x, height / y)
    if long_side > _MAX_PAGE_INCHES:
        return None
    if x == y and x in _SCREEN_DPIS and long_side > _MAX_SCREEN_DPI_INCHES:
        return None
    return round(min(x, y), 1)  # PNG stores pixels per metre: 11811 -> 299.9994


def _orientation_of(image: Image.Image) -> int:
    try:
        value = image.getexif().get(_ORIENTATION_TAG, 1)
    except (OSError, SyntaxError, ValueError, TypeError, KeyError):
        return 1  # a damaged EXIF block must not lose an otherwise good page
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _apply_orientation(pixels: np.ndarray, orientation: int) -> np.ndarray:
    """Turn the pixels upright per EXIF (same result as Pillow's ``exif_transpose``)."""
    if orientation == 2:
        return cv2.flip(pixels, 1)
    if orientation == 3:
        return cv2.rotate(pixels, cv2.ROTATE_180)
    if orientation == 4:
        return cv2.flip(pixels, 0)
    if orientation == 5:
        return cv2.transpose(pixels)
    if orientation == 6:
        return cv2.rotate(pixels, cv2.ROTATE_90_CLOCKWISE)
    if orientation == 7:
        return cv2.rotate(cv2.transpose(pixels), cv2.ROTATE_180)
    if orientation == 8:
        return cv2.rotate(pixels, cv2.ROTATE_90_COUNTERCLOCKWISE)
    return pixels


def _page_words(index: int | None) -> tuple[str, str]:
    if index is None:
        return "", ""
    return f" (page {index + 1})", f" (trang {index + 1})"


def _too_many_pixels(
    name: str,
    path: Path | None,
    size: tuple[int, int],
    max_pixels: int,
    index: int | None = None,
) -> CaptureError:
    page, page_vi = _page_words(index)
    declared = f"{size[0]:,} x {size[1]:,} pixels"
    declared_vi = f"{size[0]:,} x {size[1]:,} điểm ảnh"
    limit = f"{max_pixels / 1e6:,.0f}"
    return _error(
        CaptureProblem.TOO_MANY_PIXELS,
        name,
        path,
        f"the image{page} declares {declared}, more than the {limit} megapixel limit "
        "(an A3 page at 600 dpi); scan at 300 dpi, or the file is damaged or malicious",
        f"ảnh{page_vi} khai báo {declared_vi}, vượt giới hạn {limit} triệu điểm ảnh (khổ A3 ở "
        "600 dpi); hãy quét ở 300 dpi, hoặc tệp bị hỏng hay có nội dung độc hại",
    )


def _too_many_pages(name: str, path: Path | None, count: int, max_pages: int) -> CaptureError:
    return _error(
        CaptureProblem.TOO_MANY_PAGES,
        name,
        path,
        f"it has {count:,} pages, more than the {max_pages:,} a file may have; split it",
        f"tệp có {count:,} trang, vượt quá {max_pages:,} trang cho phép; hãy tách thành nhiều tệp",
    )


def _truncated(name: str, path: Path | None, kind: str, index: int | None = None) -> CaptureError:
    page, page_vi = _page_words(index)
    return _error(
        CaptureProblem.TRUNCATED_IMAGE,
        name,
        path,
        f"the {kind} image{page} is incomplete (cut off while scanning or copying); scan or "
        "copy it again",
        f"ảnh {kind}{page_vi} bị thiếu dữ liệu (bị cắt khi quét hoặc sao chép); hãy quét hoặc "
        "sao chép lại",
    )


def _corrupt(
    name: str, path: Path | None, kind: str, error: BaseException, index: int | None = None
) -> CaptureError:
    page, page_vi = _page_words(index)
    return _error(
        CaptureProblem.CORRUPT_IMAGE,
        name,
        path,
        f"the {kind} image{page} is damaged ({error}); scan or copy it again",
        f"ảnh {kind}{page_vi} bị hỏng; hãy quét hoặc sao chép lại",
    )


# --- PDF -------------------------------------------------------------------------------------


def _pdf_error(
    problem: CaptureProblem, name: str, path: Path | None, reason: str, reason_vi: str
) -> CaptureError:
    return _error(problem, name, path, reason, reason_vi)


def _pdf_pages(
    source: SourceFile,
    max_pixels: int,
    max_pages: int,
    pages: Sequence[int] | None,
    path: Path | None,
) -> Iterator[SourcePage]:
    name = source.name
    tail = source.data[-2048:]
    if b"%%EOF" not in tail:
        # PDFium quietly rebuilds a cut-off file and shows fewer pages: refuse instead, or a
        # dossier would silently lose the pages that were never copied.
        raise _pdf_error(
            CaptureProblem.PDF_BROKEN,
            name,
            path,
            "the PDF is incomplete (its end is missing: cut off while scanning, copying or "
            "downloading); save or copy it again",
            "tệp PDF không đầy đủ (thiếu phần cuối: bị cắt khi quét, sao chép hoặc tải về); hãy "
            "lưu hoặc sao chép lại",
        )
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(source.data)
        except pdfium.PdfiumError as error:
            raise _unopenable_pdf(source.data, name, path, error) from error
    try:
        with _PDFIUM_LOCK:
            count = len(document)
        if count == 0:
            raise _no_pages(name, path)
        if count > max_pages:
            raise _too_many_pages(name, path, count, max_pages)
        wanted = range(count) if pages is None else pages
        for index in wanted:
            if not 0 <= index < count:
                raise IndexError(f"{name} has {count} pages, no page {index + 1}")
            image, dpi = _render_pdf_page(document, index, name, path, max_pixels)
            yield SourcePage(file=source, index=index, image=_read_only(image), dpi=dpi)
    finally:
        with _PDFIUM_LOCK:
            document.close()


def _unopenable_pdf(
    data: bytes, name: str, path: Path | None, error: pdfium.PdfiumError
) -> CaptureError:
    """Why PDFium refused the file, confirmed by qpdf (pikepdf).

    PDFium's error code is unreliable: a file with zero pages fails with "success", and the code
    left over from an earlier file (say, "incorrect password") is reported again.
    """
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
    except pikepdf.PasswordError:
        return _pdf_error(
            CaptureProblem.PDF_ENCRYPTED,
            name,
            path,
            "the PDF is password-protected; ask the sender for a copy without a password or "
            "print it and scan the paper",
            "PDF có mật khẩu bảo vệ; hãy xin bản không đặt mật khẩu hoặc in ra rồi quét bản giấy",
        )
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError):
        count = -1
    if count == 0:
        return _no_pages(name, path)
    return _pdf_error(
        CaptureProblem.PDF_BROKEN,
        name,
        path,
        f"the PDF is damaged and cannot be opened ({error})",
        "tệp PDF bị hỏng, không mở được; hãy lưu hoặc quét lại",
    )


def _no_pages(name: str, path: Path | None) -> CaptureError:
    return _pdf_error(
        CaptureProblem.PDF_NO_PAGES,
        name,
        path,
        "the PDF has no pages",
        "tệp PDF không có trang nào; hãy kiểm tra lại tệp hoặc quét lại",
    )


def _render_pdf_page(
    document: pdfium.PdfDocument, index: int, name: str, path: Path | None, max_pixels: int
) -> tuple[np.ndarray, float]:
    """One page at :data:`TARGET_DPI` (lower for a page so large it would pass the cap)."""
    with _PDFIUM_LOCK:
        try:
            page = document[index]
        except pdfium.PdfiumError as error:
            raise _broken_page(name, path, index, error) from error
        try:
            width_pt, height_pt = page.get_size()
            if not (width_pt > 0 and height_pt > 0):
                raise _broken_page(name, path, index, ValueError("the page has no size"))
            dpi = float(TARGET_DPI)
            pixels = (width_pt * dpi / 72) * (height_pt * dpi / 72)
            if pixels > max_pixels:
                # A poster-sized page: render what fits rather than refuse; the quality gate
                # reports the lower resolution.
                dpi = math.floor(dpi * math.sqrt(max_pixels / pixels) * 10) / 10
            bitmap = page.render(scale=dpi / 72)
            try:
                image = np.array(bitmap.to_numpy())  # our own copy: the bitmap is freed below
            finally:
                bitmap.close()
        except pdfium.PdfiumError as error:
            raise _broken_page(name, path, index, error) from error
        finally:
            page.close()
    if image.ndim == 3 and image.shape[2] == 4:
        image = np.ascontiguousarray(image[..., :3])
    return _grey_if_grey(image), dpi


def _grey_if_grey(image: np.ndarray) -> np.ndarray:
    """A colour image whose three channels are equal, as one channel: a third of the memory,
    nothing lost (scanners and pdftoppm often save grey pages as RGB). A sample of rows is
    compared first so a colour page costs almost nothing."""
    if image.ndim != 3:
        return image

    def same(pixels: np.ndarray) -> bool:
        blue, green, red = pixels[..., 0], pixels[..., 1], pixels[..., 2]
        return bool(np.array_equal(blue, green) and np.array_equal(green, red))

    if not same(image[::97]) or not same(image):
        return image
    return np.ascontiguousarray(image[..., 0])


def _broken_page(name: str, path: Path | None, index: int, error: BaseException) -> CaptureError:
    return _pdf_error(
        CaptureProblem.PDF_BROKEN,
        name,
        path,
        f"page {index + 1} of the PDF is damaged and cannot be drawn ({error})",
        f"trang {index + 1} của tệp PDF bị hỏng, không hiển thị được; hãy lưu hoặc quét lại",
    )
