"""QR codes read back from image files: receipts, chip cards, photos, and files that are not."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from qrcode.constants import ERROR_CORRECT_M

from app.capture.qr_image import ImageProblem, UnreadableImage, decode_qr_image
from app.domain.idcard import parse_card_qr
from app.domain.receipt_qr import (
    ReceiptClaims,
    VerdictStatus,
    key_id_of,
    raw_public_key,
    sign_receipt,
    verify_receipt_qr,
)

KEY = Ed25519PrivateKey.generate()
RECEIPT = sign_receipt(
    ReceiptClaims("000.00.53.H48-260302-0007", "1.001193", "001199012345", 4, "0a" * 8),
    "https://tra-cuu.example.org/ho-so",
    KEY,
)
CARD = "001199012345||Đặng Thị Đào|02031999|Nữ|Phường Ba Đình, Hà Nội|15062022"


def qr_pixels(text: str, module_px: int = 6) -> np.ndarray:
    """A QR code as a grey image, black modules on white with the standard quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    matrix = np.array(code.get_matrix(), dtype=np.uint8)
    image = np.where(matrix, 0, 255).astype(np.uint8)
    return cv2.resize(image, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)


def write(path: Path, image: np.ndarray, *params: int) -> Path:
    assert cv2.imwrite(str(path), image, list(params))
    return path


def test_a_receipt_qr_saved_as_png_is_read_back_and_verifies(tmp_path: Path) -> None:
    path = write(tmp_path / "receipt.png", qr_pixels(RECEIPT))
    assert decode_qr_image(path) == [RECEIPT]
    verdict = verify_receipt_qr(decode_qr_image(path)[0], {key_id_of(KEY): raw_public_key(KEY)})
    assert verdict.status is VerdictStatus.GENUINE


def test_a_chip_card_qr_comes_back_as_unmangled_vietnamese(tmp_path: Path) -> None:
    # The classic OpenCV detector finds this code but cannot decode it; the ArUco one can.
    path = write(tmp_path / "card.png", qr_pixels(CARD))
    (text,) = decode_qr_image(path)
    assert text == CARD
    assert parse_card_qr(text).full_name == "Đặng Thị Đào"


def test_a_tilted_blurred_jpeg_of_a_slip_is_read(tmp_path: Path) -> None:
    page = np.full((1754, 1240), 255, np.uint8)  # A4 at 150 dpi
    code = qr_pixels(RECEIPT, module_px=6)
    page[90 : 90 + code.shape[0], 90 : 90 + code.shape[1]] = code
    cv2.putText(page, "GIAY TIEP NHAN HO SO", (520, 220), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 0, 3)
    turn = cv2.getRotationMatrix2D((620, 877), 7, 1.0)
    photo = cv2.GaussianBlur(cv2.warpAffine(page, turn, (1240, 1754), borderValue=255), (5, 5), 0)
    path = write(tmp_path / "photo.jpg", photo, cv2.IMWRITE_JPEG_QUALITY, 60)
    assert decode_qr_image(path) == [RECEIPT]


def test_a_small_low_resolution_code_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "small.png", qr_pixels(RECEIPT, module_px=2))
    assert decode_qr_image(path) == [RECEIPT]


def test_every_code_on_a_page_is_returned(tmp_path: Path) -> None:
    receipt, card = qr_pixels(RECEIPT, 4), qr_pixels(CARD, 4)
    height = max(receipt.shape[0], card.shape[0]) + 40
    page = np.full((height, receipt.shape[1] + card.shape[1] + 60), 255, np.uint8)
    page[20 : 20 + receipt.shape[0], 20 : 20 + receipt.shape[1]] = receipt
    left = 40 + receipt.shape[1]
    page[20 : 20 + card.shape[0], left : left + card.shape[1]] = card
    path = write(tmp_path / "both.png", page)
    assert sorted(decode_qr_image(path)) == sorted([RECEIPT, CARD])


def test_a_folder_with_a_vietnamese_name_is_fine(tmp_path: Path) -> None:
    folder = tmp_path / "Tài liệu quét"
    folder.mkdir()
    path = folder / "biên nhận.png"
    ok, encoded = cv2.imencode(".png", qr_pixels(RECEIPT))
    assert ok
    path.write_bytes(encoded.tobytes())
    assert decode_qr_image(path) == [RECEIPT]


def _problem(path: Path) -> UnreadableImage:
    with pytest.raises(UnreadableImage) as caught:
        decode_qr_image(path)
    assert caught.value.message_vi.startswith(f"Không đọc được mã QR từ tệp «{path.name}»: ")
    return caught.value


def test_a_truncated_png_is_reported_as_damaged(tmp_path: Path) -> None:
    whole = write(tmp_path / "whole.png", qr_pixels(RECEIPT)).read_bytes()
    broken = tmp_path / "broken.png"
    broken.write_bytes(whole[: len(whole) // 3])
    error = _problem(broken)
    assert error.problem is ImageProblem.CORRUPT
    assert "thiếu dữ liệu" in error.message_vi and "PNG" in error.message_vi


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    error = _problem(tmp_path / "gone.png")
    assert error.problem is ImageProblem.MISSING
    assert "không tồn tại" in error.message_vi


def test_a_text_file_named_png_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "note.png"
    path.write_text("biên nhận số 7", encoding="utf-8")
    error = _problem(path)
    assert "không phải tệp PNG hợp lệ" in error.message_vi


def test_a_text_file_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("biên nhận số 7", encoding="utf-8")
    error = _problem(path)
    assert error.problem is ImageProblem.NOT_AN_IMAGE


def test_a_broken_pdf_is_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    error = _problem(path)
    assert error.problem is ImageProblem.CORRUPT
    assert "PDF" in error.message_vi


def test_the_card_qr_is_read_from_the_second_page_of_a_scanned_pdf(tmp_path: Path) -> None:
    """Network scanners save the front and back of a card as a two-page PDF."""
    from PIL import Image

    front = Image.fromarray(np.full((800, 1200), 255, np.uint8))
    back = Image.new("L", (1200, 800), 255)
    back.paste(Image.fromarray(qr_pixels(CARD)), (100, 100))
    path = tmp_path / "the-can-cuoc.pdf"
    front.save(path, "PDF", resolution=300.0, save_all=True, append_images=[back])
    assert decode_qr_image(path) == [CARD]
    assert parse_card_qr(CARD).full_name == "Đặng Thị Đào"


def test_a_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "bom.png"
    Image.new("1", (20000, 20000), 1).save(path)  # 400 MP, a few kB on disk
    error = _problem(path)
    assert "điểm ảnh" in error.message_vi or "quá lớn" in error.message_vi


def test_an_image_without_a_qr_code_says_so(tmp_path: Path) -> None:
    page = np.full((600, 400, 3), 255, np.uint8)
    cv2.putText(page, "no code here", (20, 300), cv2.FONT_HERSHEY_SIMPLEX, 1, (0, 0, 0), 2)
    error = _problem(write(tmp_path / "page.png", page))
    assert error.problem is ImageProblem.NO_QR
    assert "không tìm thấy mã QR" in error.message_vi


def test_a_damaged_code_is_found_but_reported_unreadable(tmp_path: Path) -> None:
    image = qr_pixels(RECEIPT, module_px=6)
    size = image.shape[0]
    image[size // 3 : 2 * size // 3, 40 : size - 40] = 0  # ink blot over the data area
    error = _problem(write(tmp_path / "blot.png", image))
    assert error.problem is ImageProblem.QR_UNREADABLE
    assert "quét lại ở 300 dpi" in error.message_vi
