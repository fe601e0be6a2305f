"""The searchable PDF: real Tesseract text layers over real page images, read back by poppler."""

from __future__ import annotations

import io
import os
import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from app.capture.errors import CaptureError, CaptureProblem
from app.capture.pdf import PdfPage, build_searchable_pdf

WHEN = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class OcrPage:
    image: np.ndarray
    text_layer: bytes
    words: list[tuple[str, int, int, int, int]]
    """Tesseract's words: text, left, top, width, height in pixels."""


def _tesseract(image: np.ndarray, work: Path, name: str) -> OcrPage:
    """The text-only PDF and word boxes of ``image``, from one real Tesseract run."""
    png = work / f"{name}.png"
    Image.fromarray(image).save(png, dpi=(300, 300))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    subprocess.run(
        [
            *("tesseract", str(png), str(work / name), "-l", "vie", "--dpi", "300"),
            *("-c", "textonly_pdf=1", "pdf", "tsv"),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=60,
    )
    words = []
    for line in (work / f"{name}.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) == 12 and cells[0] == "5" and cells[11].strip():
            left, top, width, height = (int(value) for value in cells[6:10])
            words.append((cells[11], left, top, width, height))
    return OcrPage(image, (work / f"{name}.pdf").read_bytes(), words)


@pytest.fixture(scope="module")
def ocr_pages(reference_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[OcrPage]:
    """Two small pages: a grey one (anti-aliased) and a 1-bit scan, both 300 dpi."""
    pages_dir = reference_dir / "ocr_pages" / "vietocr3"
    work = tmp_path_factory.mktemp("ocr")
    with Image.open(pages_dir / "vietsample2.png") as picture:
        grey = np.asarray(picture.convert("L").crop((100, 100, 2450, 560)))
    with Image.open(pages_dir / "vietsample.tif") as picture:
        bilevel = np.asarray(picture.convert("L").crop((0, 0, 2550, 700)))
    return [_tesseract(grey, work, "grey"), _tesseract(bilevel, work, "bilevel")]


def _pages(ocr_pages: list[OcrPage]) -> list[PdfPage]:
    return [PdfPage(page.image, 300, page.text_layer) for page in ocr_pages]


@pytest.fixture(scope="module")
def archive_pdf(ocr_pages: list[OcrPage]) -> bytes:
    return build_searchable_pdf(
        _pages(ocr_pages),
        title="Hồ sơ cấp giấy chứng nhận quyền sử dụng đất",
        author="Nguyễn Thị Lan",
        subject="Bản số hoá",
        keywords="000.00.00.H01-250301-0001",
        archive=True,
        created_at=WHEN,
    )


def _poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")


def test_poppler_finds_the_vietnamese_words_on_both_pages(
    archive_pdf: bytes, tmp_path: Path
) -> None:
    assert re.search(r"Pages:\s+2\n", _poppler("pdfinfo", archive_pdf, tmp_path))
    first = _poppler("pdftotext", archive_pdf, tmp_path, "-f", "1", "-l", "1")
    second = _poppler("pdftotext", archive_pdf, tmp_path, "-f", "2", "-l", "2")
    for word in ("Học", "những", "kỷ", "niệm", "trường"):
        assert word in first
    for word in ("năm", "những", "đường", "rụng", "tựu"):
        assert word in second


def test_page_size_is_pixels_at_the_page_dpi(archive_pdf: bytes, tmp_path: Path) -> None:
    info = _poppler("pdfinfo", archive_pdf, tmp_path, "-f", "1", "-l", "2")
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert [(float(w), float(h)) for w, h in sizes] == [
        pytest.approx((2350 * 72 / 300, 460 * 72 / 300)),
        pytest.approx((2550 * 72 / 300, 700 * 72 / 300)),
    ]


def test_each_word_lies_over_its_ink(
    archive_pdf: bytes, ocr_pages: list[OcrPage], tmp_path: Path
) -> None:
    """pdftotext's box for a word is where Tesseract saw it (within 2 pt), and there is ink."""
    for number, page in enumerate(ocr_pages, start=1):
        html = _poppler(
            "pdftotext", archive_pdf, tmp_path, "-bbox", "-f", str(number), "-l", str(number)
        )
        boxes = [
            (float(x0), float(y0), float(x1), float(y1), word)
            for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                r"([^<]+)</word>",
                html,
            )
        ]
        # Compare the words that occur once on the page in both readings (pdftotext splits
        # and joins some runs differently from Tesseract's word list).
        ours = {text: box for *box, text in boxes if [b[4] for b in boxes].count(text) == 1}
        theirs = {w[0]: w[1:] for w in page.words if [v[0] for v in page.words].count(w[0]) == 1}
        common = sorted(t for t in set(ours) & set(theirs) if t.isalpha() and len(t) >= 3)
        assert len(common) >= 10
        for text in common:
            x0, y0, x1, y1 = ours[text]
            left, top, width, height = theirs[text]
            assert x0 == pytest.approx(left * 72 / 300, abs=2), text
            # Tesseract stretches each word (Tz) up to the next one, so only the start is exact
            assert x0 < x1 <= (left + width) * 72 / 300 + 2, text
            # pdftotext's box spans the line's ascent to descent: the glyphs' middle is inside
            assert y0 < (top + height / 2) * 72 / 300 < y1, text
            pixels = page.image[
                round(y0 * 300 / 72) : round(y1 * 300 / 72),
                round(x0 * 300 / 72) : round(x1 * 300 / 72),
            ]
            assert pixels.size and pixels.min() < 100, f"no ink under {text!r}"


def test_archive_copy_is_marked_pdfa_2b_and_embeds_its_fonts(
    archive_pdf: bytes, tmp_path: Path
) -> None:
    fonts = _poppler("pdffonts", archive_pdf, tmp_path).splitlines()[2:]
    assert fonts, "the text layer's font is missing"
    assert all(re.search(r"\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line) for line in fonts)
    assert all(line.split()[-5] == "yes" for line in fonts)  # "emb" column
    with pikepdf.open(io.BytesIO(archive_pdf)) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfaid:part>2</pdfaid:part>" in xmp
        assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
        assert "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất</rdf:li>" in xmp
        assert "<rdf:li>Nguyễn Thị Lan</rdf:li>" in xmp
        assert str(pdf.docinfo.Title) == "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất"
        assert str(pdf.docinfo.CreationDate) == "D:20250301093000+00'00'"
        assert "<xmp:CreateDate>2025-03-01T09:30:00+00:00</xmp:CreateDate>" in xmp
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFA1
        profile = intent.DestOutputProfile
        assert profile.N == 3
        assert profile.read_bytes()[36:40] == b"acsp"  # an ICC profile
        assert pdf.trailer.ID[0] == pdf.trailer.ID[1]
        assert not pdf.is_encrypted
        assert pdf.pdf_version == "1.7"


def test_same_pages_same_bytes(
    archive_pdf: bytes, ocr_pages: list[OcrPage], tmp_path: Path
) -> None:
    again = build_searchable_pdf(
        _pages(ocr_pages),
        title="Hồ sơ cấp giấy chứng nhận quyền sử dụng đất",
        author="Nguyễn Thị Lan",
        subject="Bản số hoá",
        keywords="000.00.00.H01-250301-0001",
        archive=True,
        created_at=WHEN,
    )
    assert again == archive_pdf
    plain = build_searchable_pdf(_pages(ocr_pages), title="x", created_at=WHEN)
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        assert "<pdfaid:part>" not in pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "/OutputIntents" not in pdf.Root


def test_black_and_white_page_is_stored_losslessly_in_one_bit(
    archive_pdf: bytes, ocr_pages: list[OcrPage]
) -> None:
    with pikepdf.open(io.BytesIO(archive_pdf)) as pdf:
        grey = pdf.pages[0].Resources.XObject.Im0
        bilevel = pdf.pages[1].Resources.XObject.Im0
        assert grey.Filter == pikepdf.Name.DCTDecode
        assert bilevel.Filter == pikepdf.Name.CCITTFaxDecode
        assert bilevel.BitsPerComponent == 1
        # a tenth of what JPEG would take for the same scan
        assert len(bilevel.read_raw_bytes()) < 20_000
        # the one GlyphLessFont is shared by both pages' text layers
        fonts = [page.Resources.XObject.Tx0.Resources.Font for page in pdf.pages]
        assert fonts[0]["/f-0-0"].objgen == fonts[1]["/f-0-0"].objgen != (0, 0)
    document = pdfium.PdfDocument(archive_pdf)
    try:
        (picture,) = [obj for obj in document[1].get_objects() if obj.type == 3]
        decoded = picture.get_bitmap(render=False).to_numpy().squeeze()
    finally:
        document.close()
    np.testing.assert_array_equal(decoded, ocr_pages[1].image)


def test_colour_and_neutral_pages_without_text(tmp_path: Path) -> None:
    colour = np.zeros((300, 200, 3), np.uint8)
    colour[:, :, 2] = 200  # red in BGR
    neutral = np.full((300, 200, 3), 128, np.uint8)
    pdf_bytes = build_searchable_pdf(
        [PdfPage(colour, 150), PdfPage(neutral, 200)], title="Ảnh màu", created_at=WHEN
    )
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        first, second = (page.Resources.XObject.Im0 for page in pdf.pages)
        assert first.ColorSpace == pikepdf.Name.DeviceRGB
        assert second.ColorSpace == pikepdf.Name.DeviceGray
        assert [float(v) for v in pdf.pages[0].mediabox] == [0, 0, 96, 144]
        assert "/Tx0" not in pdf.pages[0].Resources.XObject
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        rendered = document[0].render(scale=150 / 72).to_numpy()
    finally:
        document.close()
    red = rendered[150, 100]
    assert red[2] > 180 and red[1] < 40 and red[0] < 40  # pdfium renders BGR, like OpenCV


def test_a_broken_text_layer_is_a_capture_error() -> None:
    with pytest.raises(CaptureError) as caught:
        build_searchable_pdf(
            [PdfPage(np.full((100, 100), 255, np.uint8), 300, b"not a pdf")], title="x"
        )
    assert caught.value.problem is CaptureProblem.PDF_BROKEN
    assert "trang 1" in caught.value.message_vi
