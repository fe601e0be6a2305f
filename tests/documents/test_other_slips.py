"""Mẫu 02 (supplement request) and Mẫu 03 (refusal): what they say, saved or from a draft."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.documents.forms import Paper
from app.documents.render import render_pdf
from app.documents.slips import (
    FormId,
    Issuer,
    refusal_slip,
    supplement_slip,
    supplement_slip_from_draft,
)
from app.domain.reception import DocumentForm, DocumentLine, ReceptionDraft

from .support import APPLICANT_NAME, CODE, decode_pdf_qr, flat, page_count, pdf_text, record

ISSUED_AT = datetime(2025, 7, 14, 3, 40, tzinfo=UTC)

ISSUER = Issuer(
    authority_name="UBND THÀNH PHỐ HÀ NỘI",
    unit_name="Trung tâm Phục vụ hành chính công thành phố Hà Nội",
    counter_name="Quầy 03",
    province_name="Hà Nội",
    hotline="1900 0000",
)

DRAFT_LINES = (
    DocumentLine("Tờ khai đăng ký khai sinh", received=True),
    DocumentLine("Giấy chứng sinh", form=DocumentForm.ORIGINAL, received=False),
    DocumentLine("Giấy tờ chứng minh nơi cư trú", form=DocumentForm.COPY, copies=2),
)


def _draft() -> ReceptionDraft:
    return ReceptionDraft(
        applicant=record().applicant,
        procedure_version_id=7,
        procedure_name="Đăng ký khai sinh",
        documents=DRAFT_LINES,
    )


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_a_supplement_request_from_a_draft_lists_the_missing_documents_and_why(
    tmp_path: Path, paper: Paper
) -> None:
    slip = supplement_slip_from_draft(
        _draft(),
        ISSUER,
        reason="Thiếu giấy chứng sinh do bệnh viện cấp.\nGiấy tờ cư trú phải là bản sao.",
        issued_at=ISSUED_AT,
        clerk_name="Phạm Thu Hà",
        qr_text="https://dichvucong.hanoi.example.gov.vn/thu-tuc/1.001193",
    )
    pdf = render_pdf(FormId.SUPPLEMENT, slip, paper, tmp_path / f"m02-{paper}.pdf")
    text = flat(pdf_text(pdf))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert f"Hồ sơ của: {APPLICANT_NAME}" in text
    assert "Nội dung yêu cầu giải quyết: Đăng ký khai sinh" in text
    assert "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:" in text
    assert "1. Giấy chứng sinh (Bản chính)" in text
    assert "2. Giấy tờ chứng minh nơi cư trú (Bản sao, 02 bản)" in text
    assert "Tờ khai đăng ký khai sinh" not in text
    assert "Lý do: Thiếu giấy chứng sinh do bệnh viện cấp. Giấy tờ cư trú phải là bản sao." in text
    assert "liên hệ với Phạm Thu Hà" in text and "số điện thoại 1900 0000" in text
    assert "NGƯỜI HƯỚNG DẪN" in text
    assert "Hà Nội, ngày 14 tháng 7 năm 2025" in text
    assert "Mã hồ sơ" not in text  # no code yet: nothing was saved
    assert page_count(pdf) == 1


def test_a_supplement_request_for_a_saved_dossier_carries_its_code_and_qr(
    tmp_path: Path,
) -> None:
    qr_text = "https://dichvucong.hanoi.example.gov.vn/tra-cuu?c=" + CODE
    slip = supplement_slip(
        record(),
        items=["Bản sao chứng thực hợp đồng thuê nhà"],
        reason="Hợp đồng nộp kèm là bản chụp",
        issued_at=ISSUED_AT,
        qr_text=qr_text,
    )
    pdf = render_pdf(FormId.SUPPLEMENT, slip, "A4", tmp_path / "m02.pdf")
    text = flat(pdf_text(pdf))
    assert f"Mã hồ sơ: {CODE}" in text
    assert "1. Bản sao chứng thực hợp đồng thuê nhà" in text
    assert decode_pdf_qr(pdf, 200, tmp_path) == qr_text


def test_a_refusal_gives_the_recorded_reason(tmp_path: Path) -> None:
    reason = "Thủ tục không thuộc thẩm quyền giải quyết của thành phố Hà Nội."
    slip = refusal_slip(
        record(refusal_reason=reason, provisional=True),
        issued_at=ISSUED_AT,
        qr_text="https://dichvucong.hanoi.example.gov.vn/tra-cuu?c=" + CODE,
    )
    text = flat(pdf_text(render_pdf(FormId.REFUSAL, slip, "A4", tmp_path / "m03.pdf")))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert f"Mã hồ sơ: {CODE}" in text
    assert f"Tiếp nhận hồ sơ của: {APPLICANT_NAME}" in text
    assert "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:" in text
    assert reason in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Trần Minh Quân" in text
    assert "TẠM THỜI – hồ sơ chưa được hệ thống trung tâm xác nhận" in text


def test_a_refusal_fits_one_a5_page(tmp_path: Path) -> None:
    slip = refusal_slip(
        record(refusal_reason="Người nộp không xuất trình được giấy tờ tùy thân"),
        issued_at=ISSUED_AT,
        qr_text="https://dichvucong.hanoi.example.gov.vn/tra-cuu?c=" + CODE,
    )
    pdf = render_pdf(FormId.REFUSAL, slip, "A5", tmp_path / "m03.pdf")
    text = flat(pdf_text(pdf))
    assert "Người nộp không xuất trình được giấy tờ tùy thân" in text
    assert f"Mã hồ sơ: {CODE}" in text
    assert page_count(pdf) == 1


def test_a_slip_is_only_printed_on_its_own_form(tmp_path: Path) -> None:
    slip = refusal_slip(record(), issued_at=ISSUED_AT, qr_text="x")
    with pytest.raises(ValueError, match="mau03"):
        render_pdf(FormId.RECEIPT, slip, "A4", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
