"""Dates and times as Vietnamese administrative papers write them, in office time."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.documents.formatting import vn_date, vn_datetime, vn_place_date


def test_days_below_ten_and_january_february_take_a_leading_zero() -> None:
    assert vn_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert vn_date(date(2025, 7, 14)) == "ngày 14 tháng 7 năm 2025"
    assert vn_date(date(2025, 12, 9)) == "ngày 09 tháng 12 năm 2025"


def test_times_are_printed_in_office_time() -> None:
    # 17:30 UTC on 31 December is already 00:30 on 1 January in Hà Nội.
    moment = datetime(2025, 12, 31, 17, 30, tzinfo=UTC)
    assert vn_datetime(moment) == "00 giờ 30 phút, ngày 01 tháng 01 năm 2026"
    assert vn_place_date("Hà Nội", moment) == "Hà Nội, ngày 01 tháng 01 năm 2026"


def test_an_unknown_time_prints_the_blank_of_the_official_form() -> None:
    assert vn_datetime(None) == "………… giờ ………… phút, ngày ………… tháng ………… năm …………"
