"""How dates, times and document forms are written on Vietnamese administrative papers.

The templates call these as Jinja filters, so the wording lives in one place and every slip
writes "ngày 05 tháng 02 năm 2026" the same way. Times are always printed in office time
(UTC+7): the store hands out UTC.
"""

from __future__ import annotations

from datetime import date, datetime

from app.domain.clock import to_office_time
from app.domain.reception import DocumentForm

DOCUMENT_FORM_VI: dict[DocumentForm, str] = {
    DocumentForm.ORIGINAL: "Bản chính",
    DocumentForm.CERTIFIED_COPY: "Bản sao chứng thực",
    DocumentForm.COPY: "Bản sao",
    DocumentForm.PRESENT: "Xuất trình",
}

DOTS = "…………"
"""Printed where a value is not known, as on the blank official form."""


def _office_date(moment: date | datetime) -> date:
    if isinstance(moment, datetime):
        return to_office_time(moment).date()
    return moment


def day_text(day: int) -> str:
    """Days below 10 take a leading zero (Decree 30/2020/NĐ-CP, appendix I)."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Only January and February take a leading zero (same rule)."""
    return f"{month:02d}" if month < 3 else str(month)


def vn_date(moment: date | datetime | None) -> str:
    """``ngày 05 tháng 02 năm 2026``; dots when unknown."""
    if moment is None:
        return f"ngày {DOTS} tháng {DOTS} năm {DOTS}"
    day = _office_date(moment)
    return f"ngày {day_text(day.day)} tháng {month_text(day.month)} năm {day.year}"


def vn_datetime(moment: datetime | None) -> str:
    """``08 giờ 05 phút, ngày 05 tháng 02 năm 2026`` in office time; dots when unknown."""
    if moment is None:
        return f"{DOTS} giờ {DOTS} phút, {vn_date(None)}"
    local = to_office_time(moment)
    return f"{local.hour:02d} giờ {local.minute:02d} phút, {vn_date(local)}"


def vn_place_date(place: str, moment: date | datetime | None) -> str:
    """The italic line under the national motto: ``Hà Nội, ngày 05 tháng 02 năm 2026``."""
    return f"{place or DOTS}, {vn_date(moment)}"


def document_form_vi(form: DocumentForm | str) -> str:
    return DOCUMENT_FORM_VI[DocumentForm(form)]


def or_dots(value: object) -> str:
    """The value as text, or the dotted blank of the official form when it is empty."""
    text = "" if value is None else str(value).strip()
    return text or DOTS


def office_year(moment: datetime) -> int:
    return to_office_time(moment).year
