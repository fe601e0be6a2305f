"""Demo slips (invented people and codes) for the committed previews, warm-up and test prints.

Nothing here is real: the agency code uses the demo prefix 999 of ``organisation.json`` and the
ID number is a well-formed invented one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.documents.slips import (
    Issuer,
    ReceiptSlip,
    RefusalSlip,
    SupplementItem,
    SupplementSlip,
)
from app.domain.clock import OFFICE_TZ
from app.domain.reception import (
    ApplicantData,
    DeliveryMethod,
    DocumentForm,
    DocumentLine,
)

DEMO_QR_TEXT = (
    "https://dichvucong.hanoi.example/tra-cuu/v1?c=999.01.00.H26-250714-0042&p=1.001193"
    "&i=001085012345&n=7&h=3f1a9c0b5d2e4f60&k=CN01-Q01-2025&s=Q2bUu6X4l3vJk9pRzT0aYwEeH1sN"
    "fG5cD8mK2oLxViBqWnA7tZyS3rU0jP4hF6gM9dC1eR5bN8vX2kT7wQ"
)
"""About the length of a signed receipt URL (~250 ASCII characters)."""

DEMO_ISSUER = Issuer(
    authority_name="UBND thành phố Hà Nội",
    unit_name="Chi nhánh số 1 – Trung tâm Phục vụ hành chính công thành phố Hà Nội",
    unit_address="Tòa nhà liên cơ, số 258 Võ Chí Công, Hà Nội",
    agency_code="999.01.00.H26",
    counter_name="Quầy 01",
    province_name="Hà Nội",
    hotline="1900 0000 (số minh họa)",
    lookup_url="dichvucong.hanoi.example/tra-cuu",
)

DEMO_APPLICANT = ApplicantData(
    full_name="Nguyễn Thị Huỳnh Đức",
    id_number="001185012345",
    address="Số 12 ngõ 34 phố Trần Quốc Hoàn, phường Cầu Giấy, thành phố Hà Nội",
    phone="0912345678",
    email="huynhduc@example.vn",
)

_DOCUMENTS = (
    ("Tờ khai đăng ký hộ kinh doanh (Phụ lục III-1)", DocumentForm.ORIGINAL, 1, ""),
    ("Giấy tờ pháp lý của cá nhân là chủ hộ kinh doanh", DocumentForm.PRESENT, 1, "Đã đối chiếu"),
    ("Biên bản họp thành viên hộ gia đình", DocumentForm.CERTIFIED_COPY, 1, ""),
    ("Hợp đồng thuê địa điểm kinh doanh", DocumentForm.COPY, 2, ""),
    ("Văn bản ủy quyền cho thành viên làm chủ hộ", DocumentForm.ORIGINAL, 1, ""),
    ("Giấy chứng nhận đủ điều kiện an toàn thực phẩm", DocumentForm.CERTIFIED_COPY, 1, ""),
    ("Giấy xác nhận tình trạng hôn nhân", DocumentForm.ORIGINAL, 1, ""),
    ("Bản vẽ sơ đồ vị trí địa điểm kinh doanh", DocumentForm.COPY, 1, "Bản vẽ tay"),
)


def demo_documents(count: int = 8) -> tuple[DocumentLine, ...]:
    """``count`` received documents (the demo list repeated with numbers when longer)."""
    lines = []
    for index in range(count):
        name, form, copies, note = _DOCUMENTS[index % len(_DOCUMENTS)]
        if index >= len(_DOCUMENTS):
            name = f"{name} (bộ {index // len(_DOCUMENTS) + 1})"
        lines.append(DocumentLine(name=name, form=form, copies=copies, received=True, note=note))
    return tuple(lines)


DEMO_RECEIVED_AT = datetime(2025, 7, 14, 9, 5, tzinfo=OFFICE_TZ)


def demo_receipt(
    *, documents: int = 8, provisional: bool = False, reprinted: bool = False
) -> ReceiptSlip:
    return ReceiptSlip(
        issuer=DEMO_ISSUER,
        code="999.01.00.H26-250714-0042",
        qr_text=DEMO_QR_TEXT,
        applicant=DEMO_APPLICANT,
        procedure_name="Đăng ký thành lập hộ kinh doanh",
        procedure_code="2.000720",
        documents=demo_documents(documents),
        missing_documents=(),
        missing_reason="",
        sets=1,
        processing_text_vi="03 ngày làm việc",
        received_at=DEMO_RECEIVED_AT,
        due_at=datetime(2025, 7, 17, 9, 5, tzinfo=OFFICE_TZ),
        delivery_method=DeliveryMethod.AT_COUNTER,
        delivery_address="",
        register_number=42,
        clerk_name="Trần Minh Quân",
        provisional=provisional,
        reprinted_at=DEMO_RECEIVED_AT + timedelta(hours=2, minutes=17) if reprinted else None,
    )


def demo_supplement() -> SupplementSlip:
    return SupplementSlip(
        issuer=DEMO_ISSUER,
        applicant=DEMO_APPLICANT,
        procedure_name="Đăng ký thành lập hộ kinh doanh",
        items=(
            SupplementItem("Hợp đồng thuê địa điểm kinh doanh", "Bản sao chứng thực, 01 bản"),
            SupplementItem(
                "Văn bản ủy quyền cho thành viên làm chủ hộ",
                "Bản chính, có chữ ký của đủ các thành viên hộ gia đình",
            ),
        ),
        reason="Hợp đồng thuê nộp kèm là bản chụp không chứng thực; văn bản ủy quyền thiếu "
        "chữ ký của một thành viên.",
        issued_at=DEMO_RECEIVED_AT,
        clerk_name="Trần Minh Quân",
        qr_text=DEMO_QR_TEXT,
    )


def demo_refusal() -> RefusalSlip:
    return RefusalSlip(
        issuer=DEMO_ISSUER,
        applicant=DEMO_APPLICANT,
        procedure_name="Đăng ký thành lập hộ kinh doanh",
        reason="Ngành, nghề đề nghị đăng ký thuộc danh mục ngành, nghề cấm đầu tư kinh doanh "
        "theo Luật Đầu tư.",
        issued_at=DEMO_RECEIVED_AT,
        clerk_name="Trần Minh Quân",
        code="999.01.00.H26-250714-0043",
        qr_text=DEMO_QR_TEXT,
    )
