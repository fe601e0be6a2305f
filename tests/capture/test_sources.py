"""Files become pages: every accepted format decoded right, every bad file refused by name.

Each bad input is made here, the way it arrives at the counter (a copy cut off, a renamed Word
file, a PDF with a password...), and after each refusal a good file still loads: one bad file
never spoils the rest of the dossier.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

import cv2
import numpy as np
import pikepdf
import pytest
from PIL import Image

from app.capture.errors import CaptureError, CaptureProblem
from app.capture.model import TARGET_DPI, PageOrigin, SourceFile
from app.capture.sources import (
    ACCEPTED_FORMATS_VI,
    MAX_PIXELS,
    SUPPORTED_SUFFIXES,
    describe_accepted_formats_vi,
    iter_pages,
    load_bytes,
    load_file,
    read_source,
)

VIETNAMESE_LETTERS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
A4_POINTS = (595.0, 842.0)


@pytest.fixture(scope="module")
def good_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("good") / "good.png"
    pixels = np.full((120, 90, 3), 255, np.uint8)
    pixels[40:80, 20:70] = (0, 0, 200)
    assert cv2.imwrite(str(path), pixels)
    return path


def jpeg_bytes(pixels: np.ndarray, **save: object) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=90, **save)
    return buffer.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int, idat: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def two_page_pdf() -> pikepdf.Pdf:
    """Page 1 portrait with a blue block; page 2 grey text-like bars, turned by /Rotate 90."""
    pdf = pikepdf.new()
    for content in (b"0 0 1 rg 100 600 200 100 re f", b"0.2 g 72 700 400 12 re f"):
        pdf.add_blank_page(page_size=A4_POINTS)
        pdf.pages[-1].Contents = pdf.make_stream(content)
    pdf.pages[1].Rotate = 90
    return pdf


def assert_refused(path: Path, problem: CaptureProblem, good: Path, **limits: int) -> CaptureError:
    """``path`` is refused for ``problem``, naming the file in both languages; ``good`` loads
    afterwards."""
    with pytest.raises(CaptureError) as caught:
        load_file(path, **limits)
    error = caught.value
    assert error.problem is problem, (error.problem, str(error))
    assert path.name in str(error)
    assert f"«{path.name}»" in error.message_vi
    assert VIETNAMESE_LETTERS & set(error.message_vi.lower()), error.message_vi
    assert error.path == path
    pages = load_file(good)
    assert len(pages) == 1 and pages[0].image.shape == (120, 90, 3)
    return error


# --- bad inputs ------------------------------------------------------------------------------


def test_a_missing_file_is_named(tmp_path: Path, good_png: Path) -> None:
    assert_refused(tmp_path / "đã xoá.jpg", CaptureProblem.MISSING_FILE, good_png)


def test_a_zero_byte_file_is_empty_not_corrupt(tmp_path: Path, good_png: Path) -> None:
    path = tmp_path / "scan0001.jpg"
    path.write_bytes(b"")
    error = assert_refused(path, CaptureProblem.EMPTY_FILE, good_png)
    assert "0 byte" in error.message_vi


def test_a_folder_is_not_a_file(tmp_path: Path, good_png: Path) -> None:
    folder = tmp_path / "Tài liệu.pdf"
    folder.mkdir()
    assert_refused(folder, CaptureProblem.UNREADABLE_FILE, good_png)


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() == 0, reason="root (or Windows ACLs) ignores file modes"
)
def test_a_file_without_read_permission(tmp_path: Path, good_png: Path) -> None:
    path = tmp_path / "locked.png"
    path.write_bytes(good_png.read_bytes())
    path.chmod(0)
    try:
        error = assert_refused(path, CaptureProblem.UNREADABLE_FILE, good_png)
    finally:
        path.chmod(0o600)
    assert "quyền" in error.message_vi


def test_a_jpeg_cut_in_half_is_truncated_not_half_grey(tmp_path: Path, good_png: Path) -> None:
    data = jpeg_bytes(np.random.default_rng(1).integers(0, 255, (300, 200, 3), np.uint8))
    path = tmp_path / "photo.jpg"
    path.write_bytes(data[: len(data) // 2])
    error = assert_refused(path, CaptureProblem.TRUNCATED_IMAGE, good_png)
    assert "JPEG" in error.message_vi


def test_a_png_cut_in_half_is_truncated(tmp_path: Path, good_png: Path) -> None:
    data = good_png.read_bytes()
    path = tmp_path / "scan.png"
    path.write_bytes(data[: len(data) // 2])
    assert_refused(path, CaptureProblem.TRUNCATED_IMAGE, good_png)


@pytest.mark.parametrize("kept", [0.5, 0.99])
def test_a_multi_page_tiff_cut_off_is_truncated_never_shorter(
    reference_dir: Path, tmp_path: Path, good_png: Path, kept: float
) -> None:
    """Pillow alone would return page 1 of this 2-page scan and only warn about the rest."""
    data = (reference_dir / "ocr_pages" / "vietocr3" / "vietsample.tif").read_bytes()
    path = tmp_path / "hồ sơ 2 trang.tif"
    path.write_bytes(data[: int(len(data) * kept)])
    assert_refused(path, CaptureProblem.TRUNCATED_IMAGE, good_png)


def test_a_png_declaring_50000_squared_pixels_is_refused_before_decoding(
    tmp_path: Path, good_png: Path
) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(png_declaring(50_000, 50_000, zlib.compress(b"\0" * 50_001)))
    error = assert_refused(path, CaptureProblem.TOO_MANY_PIXELS, good_png)
    assert "50,000 x 50,000" in str(error)


def real_bomb_idat(width: int, height: int) -> bytes:
    """A valid zlib stream of ``height`` rows of zero pixels, built fast: one deflate segment
    ended by a full flush (byte-aligned, no back-references) repeated, then the checksum of
    the whole. Decompressing it gives exactly (width + 1) x height bytes."""
    rows = 1000
    assert height % rows == 0
    block = b"\0" * ((width + 1) * rows)  # filter byte 0 + pixels, per row
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = raw.compress(block) + raw.flush(zlib.Z_FULL_FLUSH)
    end = raw.flush()
    adler = 1
    for _ in range(height // rows):
        adler = zlib.adler32(block, adler)
    return b"\x78\xda" + segment * (height // rows) + end + adler.to_bytes(4, "big")


def test_a_real_decompression_bomb_is_refused(tmp_path: Path, good_png: Path) -> None:
    """144 Mpx in 140 KB: past Pillow's own warning threshold (89 Mpx), which must not fire
    (warnings fail the suite) because our cap comes first."""
    idat = real_bomb_idat(12_000, 12_000)
    assert len(idat) < 200_000
    probe = zlib.decompressobj()
    assert len(probe.decompress(idat, 1 << 20)) == 1 << 20, "the stream is real"
    path = tmp_path / "bomb.png"
    path.write_bytes(png_declaring(12_000, 12_000, idat))
    error = assert_refused(path, CaptureProblem.TOO_MANY_PIXELS, good_png)
    assert "12,000 x 12,000" in str(error)


def test_the_pixel_cap_is_a_parameter(tmp_path: Path, good_png: Path) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(good_png.read_bytes())
    assert_refused(path, CaptureProblem.TOO_MANY_PIXELS, good_png, max_pixels=100 * 100)


def test_the_default_cap_admits_an_a3_page_at_600_dpi() -> None:
    a3_600_dpi = round(297 / 25.4 * 600) * round(420 / 25.4 * 600)
    assert a3_600_dpi <= MAX_PIXELS < 2 * a3_600_dpi


def test_random_bytes_named_jpg_are_a_damaged_file(tmp_path: Path, good_png: Path) -> None:
    path = tmp_path / "ảnh.jpg"
    path.write_bytes(np.random.default_rng(2).bytes(4000))
    error = assert_refused(path, CaptureProblem.CORRUPT_IMAGE, good_png)
    assert "JPEG" in error.message_vi


def test_a_word_document_is_unsupported_and_says_what_is_accepted(
    tmp_path: Path, good_png: Path
) -> None:
    path = tmp_path / "đơn đề nghị.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    error = assert_refused(path, CaptureProblem.UNSUPPORTED_FORMAT, good_png)
    assert "Word" in error.message_vi
    assert ACCEPTED_FORMATS_VI in error.message_vi


def test_a_text_file_is_unsupported(tmp_path: Path, good_png: Path) -> None:
    path = tmp_path / "ghi chú.txt"
    path.write_text("Họ và tên: Nguyễn Văn A", encoding="utf-8")
    error = assert_refused(path, CaptureProblem.UNSUPPORTED_FORMAT, good_png)
    assert describe_accepted_formats_vi() in error.message_vi


def test_an_iphone_heic_photo_is_named_as_such(tmp_path: Path, good_png: Path) -> None:
    path = tmp_path / "IMG_0001.jpg"  # phones rename on export; the bytes tell the truth
    path.write_bytes(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + bytes(200))
    error = assert_refused(path, CaptureProblem.UNSUPPORTED_FORMAT, good_png)
    assert "HEIC" in error.message_vi and "JPEG" in error.message_vi


def test_a_password_protected_pdf(tmp_path: Path, good_png: Path) -> None:
    path = tmp_path / "hợp đồng.pdf"
    two_page_pdf().save(path, encryption=pikepdf.Encryption(owner="owner", user="secret"))
    error = assert_refused(path, CaptureProblem.PDF_ENCRYPTED, good_png)
    assert "PDF có mật khẩu" in error.message_vi


def test_a_pdf_with_only_an_owner_password_opens(tmp_path: Path) -> None:
    """Restrictions without a password to open (common from e-government portals) are fine."""
    path = tmp_path / "portal.pdf"
    two_page_pdf().save(path, encryption=pikepdf.Encryption(owner="owner", user=""))
    assert len(load_file(path)) == 2


def test_a_pdf_cut_in_half_is_broken_not_shorter(tmp_path: Path, good_png: Path) -> None:
    whole = tmp_path / "whole.pdf"
    two_page_pdf().save(whole)
    data = whole.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    error = assert_refused(path, CaptureProblem.PDF_BROKEN, good_png)
    assert "không đầy đủ" in error.message_vi


def test_a_pdf_of_garbage_is_broken(tmp_path: Path, good_png: Path) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + np.random.default_rng(3).bytes(3000) + b"\n%%EOF\n")
    assert_refused(path, CaptureProblem.PDF_BROKEN, good_png)


def test_a_pdf_without_pages_even_right_after_an_encrypted_one(
    tmp_path: Path, good_png: Path
) -> None:
    """PDFium reports a stale "incorrect password" for an empty PDF opened after an encrypted
    one: the message must still say "no pages"."""
    encrypted = tmp_path / "locked.pdf"
    two_page_pdf().save(encrypted, encryption=pikepdf.Encryption(owner="o", user="u"))
    assert_refused(encrypted, CaptureProblem.PDF_ENCRYPTED, good_png)
    path = tmp_path / "empty.pdf"
    pikepdf.new().save(path)
    error = assert_refused(path, CaptureProblem.PDF_NO_PAGES, good_png)
    assert "không có trang nào" in error.message_vi


def test_too_many_pages(reference_dir: Path, good_png: Path) -> None:
    tiff = reference_dir / "ocr_pages" / "vietocr3" / "vietsample.tif"
    error = assert_refused(tiff, CaptureProblem.TOO_MANY_PAGES, good_png, max_pages=1)
    assert "2 trang" in error.message_vi


def test_bad_bytes_from_a_drop_name_the_dropped_file() -> None:
    with pytest.raises(CaptureError) as caught:
        load_bytes(b"", "kéo thả.png")
    assert caught.value.problem is CaptureProblem.EMPTY_FILE
    assert "«kéo thả.png»" in caught.value.message_vi
    assert caught.value.path is None


# --- good inputs -----------------------------------------------------------------------------


def test_a_multi_page_1_bit_g4_tiff(reference_dir: Path) -> None:
    path = reference_dir / "ocr_pages" / "vietocr3" / "vietsample.tif"
    pages = load_file(path, PageOrigin.WATCHED_FOLDER)
    assert [page.index for page in pages] == [0, 1]
    source = pages[0].file
    assert pages[1].file is source, "one SourceFile shared by the pages of a file"
    assert source.data == path.read_bytes()
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.media_type == "image/tiff" and source.origin is PageOrigin.WATCHED_FOLDER
    for page in pages:
        assert page.image.dtype == np.uint8 and page.image.shape == (3300, 2550)
        assert set(np.unique(page.image)) == {0, 255}
        assert 0.005 < float(np.mean(page.image == 0)) < 0.5, "some ink on white paper"
        assert page.dpi == 300.0


def test_one_page_of_a_stored_original_decodes_alone(reference_dir: Path) -> None:
    path = reference_dir / "ocr_pages" / "vietocr3" / "vietsample.tif"
    (page,) = iter_pages(read_source(path), pages=[1])
    assert page.index == 1
    first, second = load_file(path)
    assert np.array_equal(page.image, second.image)
    assert not np.array_equal(page.image, first.image)


def test_a_two_page_pdf_is_rasterised_at_the_target_dpi(tmp_path: Path) -> None:
    path = tmp_path / "hồ sơ.pdf"
    two_page_pdf().save(path)
    first, second = load_file(path)
    assert first.file is second.file and first.file.media_type == "application/pdf"
    assert first.file.data == path.read_bytes()
    width, height = (round(side * TARGET_DPI / 72) for side in A4_POINTS)
    assert first.dpi == second.dpi == TARGET_DPI
    assert abs(first.image.shape[0] - height) <= 1 and abs(first.image.shape[1] - width) <= 1
    assert first.image.ndim == 3, "a page with colour stays in colour"
    # The blue block: x 100-300 pt, y 600-700 pt from the bottom.
    y, x = round((842 - 650) * TARGET_DPI / 72), round(200 * TARGET_DPI / 72)
    assert tuple(first.image[y, x]) == (255, 0, 0)  # BGR
    assert tuple(first.image[10, 10]) == (255, 255, 255)
    # /Rotate 90 is honoured: the page comes out landscape, and a grey page is kept grey.
    assert second.image.ndim == 2
    assert second.image.shape[0] < second.image.shape[1]
    assert int(second.image.min()) < 80


def test_a_phone_photo_with_exif_orientation_6_comes_out_upright(tmp_path: Path) -> None:
    upright = np.full((300, 200, 3), 255, np.uint8)
    upright[:40] = (0, 0, 160)  # a dark blue header band (RGB) at the top of the page
    stored = np.ascontiguousarray(np.rot90(upright))  # the sensor's landscape view
    exif = Image.Image().getexif()
    exif[0x0112] = 6  # "rotate 90 clockwise to display"
    path = tmp_path / "IMG_2024.jpg"
    path.write_bytes(jpeg_bytes(stored, exif=exif.tobytes()))
    (page,) = load_file(path)
    assert page.image.shape == (300, 200, 3)
    assert page.image[:30].mean() < 70 and page.image[60:].mean() > 225
    assert page.image[:30, :, 0].mean() > 120, "blue comes out in the first channel (BGR)"
    assert page.file.data == path.read_bytes(), "the original keeps its own orientation"


def test_a_placeholder_dpi_is_dropped_and_a_real_one_kept(tmp_path: Path) -> None:
    """Phones write 72 dpi into a 4000 x 3000 photo (a 55-inch page): that is no measurement,
    and the quality gate must not call the photo "low resolution" because of it."""
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg_bytes(np.full((3000, 4000), 255, np.uint8), dpi=(72, 72)))
    assert load_file(photo)[0].dpi is None
    scan = tmp_path / "scan150.jpg"
    scan.write_bytes(jpeg_bytes(np.full((1754, 1240), 255, np.uint8), dpi=(150, 150)))
    assert load_file(scan)[0].dpi == 150.0
    no_dpi = tmp_path / "nodpi.jpg"
    no_dpi.write_bytes(jpeg_bytes(np.full((100, 100), 255, np.uint8)))
    assert load_file(no_dpi)[0].dpi is None


def test_page_images_are_read_only_originals(tmp_path: Path, good_png: Path) -> None:
    pdf = tmp_path / "two.pdf"
    two_page_pdf().save(pdf)
    for page in [*load_file(good_png), *load_file(pdf)]:
        assert not page.image.flags.writeable
        with pytest.raises(ValueError):
            page.image[0, 0] = 0


def test_a_palette_png_with_a_transparent_colour(tmp_path: Path) -> None:
    palette = Image.new("P", (20, 10), 0)
    palette.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    palette.paste(1, (10, 0, 20, 10))
    path = tmp_path / "stamp.png"
    palette.save(path, transparency=0)
    (page,) = load_file(path)
    assert tuple(page.image[5, 5]) == (255, 255, 255)
    assert tuple(page.image[5, 15]) == (0, 0, 255)


def test_a_grey_page_saved_as_rgb_comes_out_grey(tmp_path: Path) -> None:
    grey = np.tile(np.arange(256, dtype=np.uint8), (50, 1))
    path = tmp_path / "scan_rgb.png"
    Image.fromarray(np.dstack([grey] * 3), "RGB").save(path)
    (page,) = load_file(path)
    assert page.image.ndim == 2 and np.array_equal(page.image, grey)


def test_a_png_with_alpha_is_composed_on_white(tmp_path: Path) -> None:
    rgba = np.zeros((10, 30, 4), np.uint8)
    rgba[:, 10:20] = (255, 0, 0, 128)  # half-transparent red
    rgba[:, 20:] = (0, 0, 0, 255)  # opaque black
    path = tmp_path / "signature.png"
    Image.fromarray(rgba, "RGBA").save(path)
    (page,) = load_file(path)
    assert tuple(page.image[5, 5]) == (255, 255, 255)  # transparent: paper white
    assert tuple(page.image[5, 15]) == (127, 127, 255)  # BGR: pink
    assert tuple(page.image[5, 25]) == (0, 0, 0)


def test_a_16_bit_png_is_scaled_to_8_bits(tmp_path: Path) -> None:
    deep = (np.arange(64 * 32, dtype=np.uint32).reshape(32, 64) * 32).astype(np.uint16)
    path = tmp_path / "scan16.png"
    assert cv2.imwrite(str(path), deep)
    (page,) = load_file(path)
    assert page.image.dtype == np.uint8 and page.image.ndim == 2
    assert np.array_equal(page.image, (deep >> 8).astype(np.uint8))


def test_dpi_is_read_and_the_format_comes_from_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "mislabelled.jpg"
    Image.new("L", (2480, 3508), 255).save(path, "PNG", dpi=(300, 300))
    (page,) = load_file(path)
    assert page.file.media_type == "image/png"
    assert page.dpi == 300.0


@pytest.mark.parametrize(
    ("mode", "fmt", "ndim"),
    [
        ("CMYK", "JPEG", 3),
        ("P", "PNG", 3),
        ("1", "BMP", 2),
        ("RGB", "WEBP", 3),
        ("LA", "PNG", 2),
        ("I;16", "TIFF", 2),
    ],
)
def test_every_mode_becomes_uint8_grey_or_bgr(mode: str, fmt: str, ndim: int) -> None:
    base = Image.new("RGB", (40, 30), (200, 30, 30))
    image = base.convert("I;16") if mode == "I;16" else base.convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    (page,) = load_bytes(buffer.getvalue(), f"x.{fmt.lower()}")
    assert page.image.dtype == np.uint8 and page.image.ndim == ndim
    assert page.image.shape[:2] == (30, 40)
    if ndim == 3 and mode != "CMYK":
        blue, green, red = (int(v) for v in page.image[15, 20])
        assert red > 150 and blue < 80 and green < 80, "channels come out in BGR order"


def test_load_bytes_keeps_the_exact_bytes_and_origin(good_png: Path) -> None:
    data = good_png.read_bytes()
    (page,) = load_bytes(data, "kéo thả.png")
    assert page.file.origin is PageOrigin.DROP and page.file.name == "kéo thả.png"
    assert page.file.data == data
    assert page.file.sha256 == hashlib.sha256(data).hexdigest()


def test_file_dialog_suffixes() -> None:
    assert {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".pdf"} <= set(
        SUPPORTED_SUFFIXES
    )


def test_a_stored_original_is_decoded_by_its_bytes_not_its_label(good_png: Path) -> None:
    mislabelled = SourceFile("a.tif", good_png.read_bytes(), "image/tiff")
    (page,) = iter_pages(mislabelled)
    assert page.image.shape == (120, 90, 3)
    with pytest.raises(CaptureError) as caught:
        list(iter_pages(SourceFile("lost.pdf", b"not a pdf at all", "application/pdf")))
    assert caught.value.problem is CaptureProblem.PDF_BROKEN
    assert "«lost.pdf»" in caught.value.message_vi
