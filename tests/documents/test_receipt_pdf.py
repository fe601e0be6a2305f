"""Mẫu 01 as a PDF: what a citizen reads on it, its QR code, and how it fits the paper."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.documents.forms import Paper
from app.documents.render import render_pdf
from app.documents.slips import FormId, ReceiptSlip, receipt_slip
from app.domain.receipt_qr import MAX_QR_BYTES
from app.domain.reception import ApplicantData, ApplicantKind, DeliveryMethod, DocumentLine

from .support import (
    APPLICANT_NAME,
    CODE,
    decode_pdf_qr,
    documents,
    flat,
    page_count,
    pdf_text,
    record,
    signed_qr_text,
)


def _receipt(tmp_path: Path, slip: ReceiptSlip, paper: Paper = "A4", name: str = "") -> Path:
    return render_pdf(FormId.RECEIPT, slip, paper, tmp_path / (name or f"receipt-{paper}.pdf"))


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_the_receipt_reads_back_with_code_name_documents_and_times(
    tmp_path: Path, paper: Paper
) -> None:
    slip = receipt_slip(record(), signed_qr_text())
    text = flat(pdf_text(_receipt(tmp_path, slip, paper)))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert f"Mã hồ sơ: {CODE}" in text
    assert f"Tiếp nhận hồ sơ của: {APPLICANT_NAME}" in text
    assert "Nội dung yêu cầu giải quyết: Đăng ký thành lập hộ kinh doanh" in text
    for line in slip.documents:
        assert line.name in text
    assert "Bản chính" in text and "Bản sao chứng thực" in text and "Xuất trình" in text
    # Stored in UTC, printed in office time (UTC+7).
    assert "4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 14 tháng 7 năm 2025" in text
    assert (
        "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 17 tháng 7 năm 2025"
        in (text)
    )
    assert "3. Thời gian giải quyết hồ sơ theo quy định là: 3 ngày làm việc" in text
    assert "Hà Nội, ngày 14 tháng 7 năm 2025" in text
    assert "Vào Sổ theo dõi hồ sơ, Quyển số: 2025, Số thứ tự: 42" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "Trần Minh Quân" in text
    assert "1900 0000" in text


def test_only_received_documents_are_listed_and_the_missing_ones_are_explained(
    tmp_path: Path,
) -> None:
    lines = (
        DocumentLine("Tờ khai đăng ký khai sinh", received=True),
        DocumentLine("Giấy chứng sinh", received=False, mandatory=True),
        DocumentLine("Giấy tờ không bắt buộc chưa nộp", received=False, mandatory=False),
    )
    slip = receipt_slip(
        record(documents=lines, missing_reason="Bệnh viện cấp lại, bổ sung sau"),
        signed_qr_text(),
    )
    text = flat(pdf_text(_receipt(tmp_path, slip)))
    table = text.split("1. Thành phần hồ sơ nộp gồm:")[1].split("Hồ sơ còn thiếu")[0]
    assert "Tờ khai đăng ký khai sinh" in table
    assert "Giấy chứng sinh" not in table
    assert "Giấy tờ không bắt buộc chưa nộp" not in text
    assert (
        "Hồ sơ còn thiếu: Giấy chứng sinh. Lý do vẫn tiếp nhận: Bệnh viện cấp lại, bổ sung sau"
        in text
    )


def test_an_organisation_by_post(tmp_path: Path) -> None:
    applicant = ApplicantData(
        kind=ApplicantKind.ORGANISATION,
        full_name="Công ty TNHH Đức Thành",
        tax_code="0101234567",
        representative="Lê Văn Bảo",
        address="5 phố Huế, Hà Nội",
    )
    slip = receipt_slip(
        record(
            applicant=applicant,
            delivery_method=DeliveryMethod.BY_POST,
            delivery_address="Tầng 3, 18 Lý Thường Kiệt, Hà Nội",
        ),
        signed_qr_text(),
    )
    text = flat(pdf_text(_receipt(tmp_path, slip)))
    assert "Công ty TNHH Đức Thành (người đại diện: Lê Văn Bảo); mã số thuế: 0101234567" in text
    assert "qua dịch vụ bưu chính, địa chỉ: Tầng 3, 18 Lý Thường Kiệt, Hà Nội" in text


def test_typed_markup_is_printed_as_text(tmp_path: Path) -> None:
    applicant = replace(record().applicant, full_name="Lê <b>Văn</b> & Con")
    slip = receipt_slip(record(applicant=applicant), signed_qr_text())
    assert "Lê <b>Văn</b> & Con" in flat(pdf_text(_receipt(tmp_path, slip)))


@pytest.mark.parametrize(("paper", "dpi"), [("A4", 200), ("A5", 300)])
def test_the_qr_code_decodes_to_exactly_the_signed_text(
    tmp_path: Path, paper: Paper, dpi: int
) -> None:
    qr_text = signed_qr_text()
    assert 200 <= len(qr_text) <= 300
    pdf = _receipt(tmp_path, receipt_slip(record(), qr_text), paper)
    assert decode_pdf_qr(pdf, dpi, tmp_path) == qr_text


def test_the_largest_receipt_qr_still_decodes_at_200_dpi(tmp_path: Path) -> None:
    """The signing helper allows up to a version-12 code; that must still read on A4."""
    base = signed_qr_text(lookup_url="https://x.example.org/t")
    padding = MAX_QR_BYTES - len(base)
    qr_text = signed_qr_text(lookup_url="https://x.example.org/t" + "a" * padding)
    assert len(qr_text) == MAX_QR_BYTES
    pdf = _receipt(tmp_path, receipt_slip(record(), qr_text))
    assert decode_pdf_qr(pdf, 200, tmp_path) == qr_text


@pytest.mark.parametrize("provisional", [False, True])
def test_eight_documents_fit_on_one_a5_page(tmp_path: Path, provisional: bool) -> None:
    slip = receipt_slip(record(provisional=provisional), signed_qr_text())
    reprint = replace(slip, reprinted_at=datetime(2025, 7, 15, 1, 0, tzinfo=UTC))
    assert page_count(_receipt(tmp_path, reprint, "A5")) == 1


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_forty_documents_flow_onto_more_pages_without_losing_or_cutting_a_row(
    tmp_path: Path, paper: Paper
) -> None:
    lines = documents(40)
    pdf = _receipt(tmp_path, receipt_slip(record(documents=lines), signed_qr_text()), paper)
    pages = page_count(pdf)
    assert pages >= 2
    texts = [flat(pdf_text(pdf, page)) for page in range(1, pages + 1)]
    for line in lines:
        # Each row is whole on exactly one page: neither lost nor split across a break.
        assert sum(line.name in page_text for page_text in texts) == 1, line.name
    assert f"Trang 2/{pages}" in texts[1] and f"Mã hồ sơ: {CODE}" in texts[1]
    assert "STT Tên giấy tờ Hình thức Ghi chú" in texts[1]  # the table header is repeated
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in texts[-1]


def test_a_short_receipt_has_no_page_numbers(tmp_path: Path) -> None:
    text = pdf_text(_receipt(tmp_path, receipt_slip(record(), signed_qr_text())))
    assert "Trang 1/" not in text


def test_provisional_wording_appears_only_on_a_provisional_receipt(tmp_path: Path) -> None:
    final = flat(
        pdf_text(_receipt(tmp_path, receipt_slip(record(), signed_qr_text()), name="a.pdf"))
    )
    provisional = flat(
        pdf_text(
            _receipt(
                tmp_path,
                receipt_slip(record(provisional=True), signed_qr_text()),
                name="b.pdf",
            )
        )
    )
    assert "TẠM THỜI" not in final.upper()
    assert "TẠM THỜI – hồ sơ chưa được hệ thống trung tâm xác nhận" in provisional
    assert "(BẢN TẠM THỜI)" in provisional
    # The watermark is drawn as outlines: it does not scramble the text a reader copies.
    assert provisional.count("TẠM THỜI") == 2


def test_a_reprint_says_so_with_its_time(tmp_path: Path) -> None:
    first = flat(pdf_text(_receipt(tmp_path, receipt_slip(record(), signed_qr_text()))))
    reprint_at = datetime(2025, 7, 15, 8, 47, tzinfo=UTC)
    again = flat(
        pdf_text(
            _receipt(
                tmp_path,
                receipt_slip(record(), signed_qr_text(), reprinted_at=reprint_at),
                name="again.pdf",
            )
        )
    )
    assert "Bản in lại" not in first
    assert "Bản in lại lúc 15 giờ 47 phút, ngày 15 tháng 7 năm 2025" in again
