"""The searchable PDF of a digitised dossier: page images with Tesseract's invisible text.

Each page shows the image the clerk saw, at its resolution, with the text-only PDF that
Tesseract made for that image (``OcrResult.text_layer_pdf``) laid exactly over it as a form
XObject, so a search or a copy in any PDF reader finds and selects the Vietnamese words where
they are on the page.

Images are encoded by what they are: a page that is truly black and white (only pure black and
pure white pixels) as 1-bit CCITT G4, lossless and ~15x smaller than JPEG on a scanned text page
(9.8 kB against 154 kB for a 2550x700 crop of a 300 dpi page); anything else as JPEG.

``archive=True`` makes the long-term copy PDF/A-2b: XMP metadata that matches the Info
dictionary, an sRGB output intent, a document ID, no encryption, no transparency, every font
embedded (Tesseract's GlyphLessFont is, as a TrueType program).

The output depends only on the input (and ``created_at``): same pages, same bytes, so the file
can be named by its SHA-256 and tests can compare runs. Writing the file is the store's job.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import escape

import numpy as np
import pikepdf
from PIL import Image, ImageCms

from app.capture.errors import CaptureError, CaptureProblem

JPEG_QUALITY = 80
"""Text stays crisp at 300 dpi; quality 90 doubles the size for no visible gain."""
PRODUCER = "Một Cửa Desk"
PDF_VERSION = "1.7"
"""PDF/A-2 is based on PDF 1.7."""

_ICC_FIXED_DATE = bytes.fromhex("07e8000100010000000000 00".replace(" ", ""))
"""2024-01-01 00:00:00 written into the ICC header, whose date LittleCMS sets to *now*: the
profile must be the same bytes every time for the PDF to be."""


@dataclass(frozen=True, eq=False)
class PdfPage:
    """One page: what the clerk sees, at what resolution, and its invisible text (maybe none)."""

    image: np.ndarray
    """``uint8``, grey (H x W) or BGR (H x W x 3)."""
    dpi: int
    text_layer_pdf: bytes = b""
    """Tesseract's one-page text-only PDF for ``image`` (``b""`` when the page has no OCR)."""


def build_searchable_pdf(
    pages: Sequence[PdfPage],
    *,
    title: str,
    author: str = "",
    subject: str = "",
    keywords: str = "",
    archive: bool = False,
    created_at: datetime | None = None,
) -> bytes:
    """The PDF of ``pages`` in order, as bytes; PDF/A-2b when ``archive``.

    ``created_at`` goes into the metadata (a naive time is taken as UTC); pass it for output
    that is byte-for-byte reproducible.
    """
    if not pages:
        raise ValueError("a PDF needs at least one page")
    when = _aware(created_at or datetime.now(UTC))
    pdf = pikepdf.new()
    fonts = _FontCache(pdf)
    for number, page in enumerate(pages, start=1):
        _add_page(pdf, page, number, fonts)
    _set_metadata(
        pdf,
        title=title,
        author=author,
        subject=subject,
        keywords=keywords,
        when=when,
        archive=archive,
    )
    out = io.BytesIO()
    pdf.save(
        out,
        min_version=PDF_VERSION,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
        fix_metadata_version=False,  # our XMP packet is written as PDF/A wants it
    )
    return out.getvalue()


# --- images -----------------------------------------------------------------------------------


def _as_grey_if_neutral(image: np.ndarray) -> np.ndarray:
    """A BGR image whose three channels are equal is grey: a third of the bytes, same look."""
    if image.ndim == 3 and image.shape[2] == 1:
        return image[:, :, 0]
    if image.ndim == 3:
        blue, green, red = image[:, :, 0], image[:, :, 1], image[:, :, 2]
        if np.array_equal(blue, green) and np.array_equal(green, red):
            return blue
    return image


def _is_bilevel(grey: np.ndarray) -> bool:
    """Only pure black and pure white: a 1-bit encoding loses nothing."""
    return bool(np.all((grey == 0) | (grey == 255)))


def _ccitt_g4(grey: np.ndarray) -> bytes | None:
    """The page as one CCITT G4 strip (via libtiff in Pillow), or ``None`` if unavailable."""
    height = grey.shape[0]
    buffer = io.BytesIO()
    try:
        Image.fromarray(grey).convert("1").save(
            buffer, "TIFF", compression="group4", tiffinfo={278: height}
        )
        tiff = Image.open(io.BytesIO(buffer.getvalue()))
        offsets = tiff.tag_v2.get(273)
        counts = tiff.tag_v2.get(279)
        photometric = tiff.tag_v2.get(262)
    except (OSError, ValueError):
        return None
    if not offsets or not counts or len(offsets) != 1 or photometric != 1:
        return None
    data = buffer.getvalue()
    return data[offsets[0] : offsets[0] + counts[0]]


def _image_xobject(pdf: pikepdf.Pdf, image: np.ndarray) -> pikepdf.Stream:
    if image.dtype != np.uint8 or image.ndim not in (2, 3) or min(image.shape[:2]) < 1:
        raise ValueError(f"page image must be non-empty uint8 grey or BGR, not {image.shape}")
    pixels = _as_grey_if_neutral(image)
    height, width = pixels.shape[:2]
    if pixels.ndim == 2 and _is_bilevel(pixels):
        g4 = _ccitt_g4(pixels)
        if g4 is not None:
            # Pillow's TIFF is MinIsBlack (photometric 1); BlackIs1 makes the decoded bits
            # come out as they went in (checked: pdfium decodes the exact input pixels).
            return pikepdf.Stream(
                pdf,
                g4,
                Type=pikepdf.Name.XObject,
                Subtype=pikepdf.Name.Image,
                Width=width,
                Height=height,
                ColorSpace=pikepdf.Name.DeviceGray,
                BitsPerComponent=1,
                Filter=pikepdf.Name.CCITTFaxDecode,
                DecodeParms=pikepdf.Dictionary(K=-1, Columns=width, Rows=height, BlackIs1=True),
            )
    if pixels.ndim == 2:
        picture = Image.fromarray(pixels, mode="L")
        colour_space = pikepdf.Name.DeviceGray
    else:
        picture = Image.fromarray(np.ascontiguousarray(pixels[:, :, ::-1]), mode="RGB")
        colour_space = pikepdf.Name.DeviceRGB
    jpeg = io.BytesIO()
    picture.save(jpeg, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return pikepdf.Stream(
        pdf,
        jpeg.getvalue(),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=width,
        Height=height,
        ColorSpace=colour_space,
        BitsPerComponent=8,
        Filter=pikepdf.Name.DCTDecode,
    )


# --- text layer -------------------------------------------------------------------------------


def _digest(obj: object, hasher: hashlib._Hash, depth: int = 0) -> None:
    """Feed a PDF object (fonts: dictionaries, arrays, streams) into ``hasher``."""
    if depth > 16:
        raise ValueError("text layer font nested too deeply")
    if isinstance(obj, pikepdf.Stream):
        hasher.update(b"S")
        _digest(pikepdf.Dictionary(dict(obj.items())), hasher, depth + 1)
        hasher.update(obj.read_raw_bytes())
    elif isinstance(obj, pikepdf.Dictionary):
        hasher.update(b"D")
        for key in sorted(obj.keys()):
            if key in ("/Length", "/Parent"):
                continue
            hasher.update(key.encode())
            _digest(obj[key], hasher, depth + 1)
    elif isinstance(obj, pikepdf.Array):
        hasher.update(b"A")
        for item in obj:
            _digest(item, hasher, depth + 1)
    elif isinstance(obj, pikepdf.Object):
        hasher.update(obj.unparse())
    else:
        hasher.update(repr(obj).encode())
    hasher.update(b";")


class _FontCache:
    """One copy of each distinct font: every Tesseract page brings its own GlyphLessFont."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self._pdf = pdf
        self._fonts: dict[str, pikepdf.Object] = {}

    def get(self, foreign_font: pikepdf.Object) -> pikepdf.Object:
        hasher = hashlib.sha256()
        _digest(foreign_font, hasher)
        key = hasher.hexdigest()
        font = self._fonts.get(key)
        if font is None:
            font = self._pdf.copy_foreign(foreign_font)
            self._fonts[key] = font
        return font


def _broken_layer(number: int, detail: str) -> CaptureError:
    return CaptureError(
        CaptureProblem.PDF_BROKEN,
        f"The OCR text layer of page {number} is not a usable PDF ({detail}); run OCR on the "
        "page again.",
        f"Lớp chữ nhận dạng (OCR) của trang {number} không phải tệp PDF dùng được; hãy nhận "
        "dạng lại trang này.",
    )


def _text_form(
    pdf: pikepdf.Pdf, layer: bytes, number: int, fonts: _FontCache
) -> tuple[pikepdf.Stream, tuple[float, float, float, float]]:
    """Tesseract's page as a form XObject in ``pdf``, and that page's media box."""
    try:
        source = pikepdf.open(io.BytesIO(layer))
    except pikepdf.PdfError as error:
        raise _broken_layer(number, str(error)) from error
    with source:
        if len(source.pages) != 1:
            raise _broken_layer(number, f"{len(source.pages)} pages instead of 1")
        page = source.pages[0]
        x0, y0, x1, y1 = (float(value) for value in page.mediabox)
        if x1 - x0 <= 0 or y1 - y0 <= 0:
            raise _broken_layer(number, "empty media box")
        content = page.obj.get("/Contents")
        parts = content if isinstance(content, pikepdf.Array) else [content]
        data = b"\n".join(part.read_bytes() for part in parts if part is not None)
        resources = pikepdf.Dictionary()
        foreign = page.obj.get("/Resources", pikepdf.Dictionary())
        for key in sorted(foreign.keys()):
            if key == "/Font":
                resources.Font = pikepdf.Dictionary(
                    {name: fonts.get(font) for name, font in sorted(foreign.Font.items())}
                )
            elif key != "/ProcSet":
                resources[key] = pdf.copy_foreign(foreign[key])
        form = pikepdf.Stream(
            pdf,
            data,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=[x0, y0, x1, y1],
            Resources=resources,
        )
    return form, (x0, y0, x1, y1)


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _add_page(pdf: pikepdf.Pdf, page: PdfPage, number: int, fonts: _FontCache) -> None:
    if page.dpi <= 0:
        raise ValueError(f"page {number}: dpi must be positive, not {page.dpi}")
    height_px, width_px = page.image.shape[:2]
    width = width_px * 72 / page.dpi
    height = height_px * 72 / page.dpi
    xobjects = pikepdf.Dictionary(Im0=_image_xobject(pdf, page.image))
    content = f"q {_number(width)} 0 0 {_number(height)} 0 0 cm /Im0 Do Q\n"
    if page.text_layer_pdf:
        form, (x0, y0, x1, y1) = _text_form(pdf, page.text_layer_pdf, number, fonts)
        xobjects.Tx0 = form
        # Stretch Tesseract's page onto ours: equal unless OCR was told another resolution.
        scale_x, scale_y = width / (x1 - x0), height / (y1 - y0)
        content += (
            f"q {_number(scale_x)} 0 0 {_number(scale_y)} {_number(-x0 * scale_x)} "
            f"{_number(-y0 * scale_y)} cm /Tx0 Do Q\n"
        )
    page_obj = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, width, height],
        Resources=pikepdf.Dictionary(XObject=xobjects),
        Contents=pikepdf.Stream(pdf, content.encode("ascii")),
    )
    pdf.pages.append(pikepdf.Page(page_obj))


# --- metadata ---------------------------------------------------------------------------------


def _aware(when: datetime) -> datetime:
    when = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return when.replace(microsecond=0)


def _pdf_date(when: datetime) -> str:
    offset = when.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{when:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def srgb_icc_profile() -> bytes:
    """An sRGB ICC profile from LittleCMS (through Pillow), with a fixed creation date."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[24:36] = _ICC_FIXED_DATE
    return bytes(profile)


def _xmp(
    *, title: str, author: str, subject: str, keywords: str, when: datetime, archive: bool
) -> bytes:
    iso = when.isoformat()
    fields = [
        "<dc:format>application/pdf</dc:format>",
        '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">'
        f"{escape(title)}</rdf:li></rdf:Alt></dc:title>",
    ]
    if author:
        fields.append(
            f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>"
        )
    if subject:
        fields.append(
            '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
            f"{escape(subject)}</rdf:li></rdf:Alt></dc:description>"
        )
    if keywords:
        fields.append(f"<pdf:Keywords>{escape(keywords)}</pdf:Keywords>")
    fields += [
        f"<pdf:Producer>{escape(PRODUCER)}</pdf:Producer>",
        f"<xmp:CreatorTool>{escape(PRODUCER)}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{iso}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{iso}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{iso}</xmp:MetadataDate>",
    ]
    if archive:
        fields += ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]
    body = "\n    ".join(fields)
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
   <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
    {body}
   </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


def _set_metadata(
    pdf: pikepdf.Pdf,
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    when: datetime,
    archive: bool,
) -> None:
    """Info dictionary and the XMP packet saying the same, as PDF/A requires."""
    date = _pdf_date(when)
    info = pikepdf.Dictionary(
        Title=pikepdf.String(title),
        Producer=pikepdf.String(PRODUCER),
        Creator=pikepdf.String(PRODUCER),
        CreationDate=pikepdf.String(date),
        ModDate=pikepdf.String(date),
    )
    if author:
        info.Author = pikepdf.String(author)
    if subject:
        info.Subject = pikepdf.String(subject)
    if keywords:
        info.Keywords = pikepdf.String(keywords)
    pdf.trailer.Info = pdf.make_indirect(info)
    metadata = pikepdf.Stream(
        pdf,
        _xmp(
            title=title,
            author=author,
            subject=subject,
            keywords=keywords,
            when=when,
            archive=archive,
        ),
    )
    metadata.Type = pikepdf.Name.Metadata
    metadata.Subtype = pikepdf.Name.XML
    pdf.Root.Metadata = pdf.make_indirect(metadata)
    if archive:
        profile = pikepdf.Stream(pdf, srgb_icc_profile())
        profile.N = 3
        pdf.Root.OutputIntents = pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.OutputIntent,
                    S=pikepdf.Name.GTS_PDFA1,
                    OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
                    Info=pikepdf.String("sRGB IEC61966-2.1"),
                    DestOutputProfile=pdf.make_indirect(profile),
                )
            ]
        )
