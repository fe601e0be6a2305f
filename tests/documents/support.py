"""Slip data and PDF readers shared by the printed-slip tests (plain functions, no fixtures).

PDFs are read back with poppler's ``pdftotext``/``pdftoppm`` and the QR with OpenCV, the way a
citizen's viewer, a scanner or a phone would see them, not through our own code.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.domain.receipt_qr import ReceiptClaims, sign_receipt
from app.domain.reception import (
    ApplicantData,
    ApplicantKind,
    DeliveryMethod,
    DocumentForm,
    DocumentLine,
)
from app.store.receipts import ReceiptRecord

CODE = "999.01.00.H26-250714-0042"
APPLICANT_NAME = "Nguyễn Thị Huỳnh Đức"
LOOKUP_URL = "https://dichvucong.hanoi.example.gov.vn/tra-cuu-ho-so"
RECEIVED_AT = datetime(2025, 7, 14, 2, 5, tzinfo=UTC)
"""09:05 at the office (UTC+7) on Monday 14 July 2025."""
DUE_AT = datetime(2025, 7, 17, 9, 30, tzinfo=UTC)
"""16:30 at the office on Thursday 17 July 2025."""

DOCUMENT_NAMES = (
    "Tờ khai đăng ký hộ kinh doanh",
    "Giấy đề nghị cấp phép đủ điều kiện vệ sinh",
    "Biên bản họp thành viên hộ gia đình",
    "Hợp đồng thuê địa điểm kinh doanh",
    "Văn bản ủy quyền cho thành viên làm chủ hộ",
    "Giấy chứng nhận an toàn thực phẩm",
    "Giấy xác nhận tình trạng hôn nhân",
    "Bản vẽ sơ đồ vị trí địa điểm",
)


def documents(count: int) -> tuple[DocumentLine, ...]:
    """``count`` received documents, each name unique (numbered past the eighth)."""
    forms = list(DocumentForm)
    lines = []
    for index in range(count):
        name = DOCUMENT_NAMES[index % len(DOCUMENT_NAMES)]
        if count > len(DOCUMENT_NAMES):
            name = f"{name} số {index + 1:02d}"
        lines.append(
            DocumentLine(name=name, form=forms[index % len(forms)], received=True, copies=1)
        )
    return tuple(lines)


def signed_qr_text(code: str = CODE, lookup_url: str = LOOKUP_URL) -> str:
    """A signed receipt URL as the counter prints it (about 250 ASCII characters)."""
    claims = ReceiptClaims(
        dossier_code=code,
        procedure_code="2.000720",
        id_number="001185012345",
        pages=7,
        bundle_hash="3f1a9c0b5d2e4f60",
    )
    return sign_receipt(claims, lookup_url, Ed25519PrivateKey.generate())


def record(**changes: Any) -> ReceiptRecord:
    """A receipt record as ``load_receipt_record`` returns it, with 8 received documents."""
    base = ReceiptRecord(
        dossier_id=42,
        code=CODE,
        state="received",
        received_at=RECEIVED_AT,
        due_at=DUE_AT,
        local_sequence=42,
        provisional=False,
        applicant=ApplicantData(
            kind=ApplicantKind.INDIVIDUAL,
            full_name=APPLICANT_NAME,
            id_number="001185012345",
            address="Số 12 ngõ 34 phố Trần Quốc Hoàn, phường Cầu Giấy, Hà Nội",
            phone="0912345678",
            email="huynhduc@example.vn",
        ),
        procedure_code="2.000720",
        procedure_name="Đăng ký thành lập hộ kinh doanh",
        processing_text_vi="3 ngày làm việc",
        deciding_agency="UBND phường Cầu Giấy",
        fee_text="100.000 đồng",
        documents=documents(8),
        sets=1,
        missing_reason="",
        delivery_method=DeliveryMethod.AT_COUNTER,
        delivery_address="",
        notes="",
        refusal_reason="",
        received_by="Trần Minh Quân",
        org_unit_name="Chi nhánh số 1 – Trung tâm Phục vụ hành chính công thành phố Hà Nội",
        org_unit_address="Tòa nhà liên cơ, số 258 Võ Chí Công, Hà Nội",
        agency_code="999.01.00.H26",
        counter_name="Quầy 01",
        authority_name="UBND THÀNH PHỐ HÀ NỘI",
        province_name="Hà Nội",
        lookup_url=LOOKUP_URL,
        hotline="1900 0000",
        page_count=7,
        bundle_hash=hashlib.sha256(b"demo").hexdigest(),
    )
    return replace(base, **changes)


def pdf_text(path: Path, page: int | None = None) -> str:
    """The PDF's text as ``pdftotext -layout`` reads it (one page if given)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def flat(text: str) -> str:
    """Whitespace collapsed, so a phrase is found whatever the layout's column gaps."""
    return " ".join(text.split())


def pdf_info(path: Path) -> dict[str, str]:
    output = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    info = {}
    for line in output.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def page_count(path: Path) -> int:
    return int(pdf_info(path)["Pages"])


def decode_qr_image(image: Any) -> str:
    """Decode the QR at the top-left corner of a grey page image with OpenCV.

    Like a phone's camera framing the code, the symbol is cut out of the page (the largest
    ink blob in the top-left corner) with a white border, and enlarged. OpenCV's classic
    ``QRCodeDetector`` reads it; when its finder misses (it does on some perfectly drawn
    codes, even at 8 pixels per module), its ArUco-based sibling, which finds the same codes
    with another method, reads it. Either decoder checks the code's error correction, so a
    wrong drawing cannot decode to the right text by chance.
    """
    height, width = image.shape[:2]
    corner = image[: height // 4, : width // 3]
    _, ink = cv2.threshold(corner, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, _labels, stats, _centres = cv2.connectedComponentsWithStats(
        cv2.dilate(ink, np.ones((5, 5), np.uint8))
    )
    if count < 2:
        return ""
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, w, h = (int(v) for v in stats[largest, :4])
    symbol = cv2.copyMakeBorder(
        corner[y : y + h, x : x + w], 40, 40, 40, 40, cv2.BORDER_CONSTANT, value=255
    )
    # At 200 dpi a module is under 3 pixels, too few for OpenCV's sampling grid: enlarge
    # (nearest neighbour, no new grey levels), as a phone holds the slip closer.
    symbol = cv2.resize(symbol, None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST)
    for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
        text, _points, _straight = detector.detectAndDecode(symbol)
        if text:
            return text
    return ""


def decode_pdf_qr(path: Path, dpi: int, tmp_dir: Path) -> str:
    """Rasterise page 1 with ``pdftoppm`` at ``dpi`` and decode the QR code on it."""
    prefix = tmp_dir / f"{path.stem}-{dpi}"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-gray",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(prefix),
        ],
        check=True,
    )
    image = cv2.imread(f"{prefix}.png", cv2.IMREAD_GRAYSCALE)
    assert image is not None, f"pdftoppm wrote no image for {path}"
    return decode_qr_image(image)
