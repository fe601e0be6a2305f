"""The calendar against the published holiday lists in shared/reference/vn_holidays."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.calendar import CalendarOverride, WorkingCalendar

CALENDAR = WorkingCalendar()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_published_holiday_is_non_working_with_its_vietnamese_name(
    reference_dir: Path,
) -> None:
    rows = _rows(reference_dir / "vn_holidays" / "vn_public_holidays_2015_2030.csv")
    assert len(rows) > 200
    for row in rows:
        day = date.fromisoformat(row["date"])
        assert not CALENDAR.is_working_day(day), row
        assert CALENDAR.non_working_reason(day) == row["name_vi"], row


def test_tet_and_hung_kings_day_2015_2030_are_non_working(reference_dir: Path) -> None:
    rows = _rows(reference_dir / "vn_holidays" / "tet_hungkings_1901_2099.csv")
    checked = 0
    for row in rows:
        if not 2015 <= int(row["year"]) <= 2030:
            continue
        tet = date.fromisoformat(row["tet_vn_utc7"])
        hung_kings = date.fromisoformat(row["hung_kings_vn_utc7"])
        assert CALENDAR.non_working_reason(tet) == "Tết Nguyên Đán"
        assert not CALENDAR.is_working_day(hung_kings)
        assert "Giỗ Tổ Hùng Vương" in (CALENDAR.non_working_reason(hung_kings) or "")
        checked += 1
    assert checked == 16


@pytest.mark.parametrize("year", range(2015, 2031))
def test_fixed_holidays(year: int) -> None:
    for month, day in ((1, 1), (4, 30), (5, 1), (9, 2)):
        assert not CALENDAR.is_working_day(date(year, month, day))


@pytest.mark.parametrize("year", range(2025, 2031))
def test_national_day_has_an_adjacent_day_off(year: int) -> None:
    assert not CALENDAR.is_working_day(date(year, 9, 1)) or not CALENDAR.is_working_day(
        date(year, 9, 3)
    )


def test_tet_2026() -> None:
    for day in range(16, 21):
        assert not CALENDAR.is_working_day(date(2026, 2, day))
    assert CALENDAR.non_working_reason(date(2026, 2, 17)) == "Tết Nguyên Đán"


def test_the_2026_additions_of_the_holidays_package() -> None:
    assert CALENDAR.non_working_reason(date(2026, 11, 24)) == "Ngày Văn hóa Việt Nam"
    assert CALENDAR.non_working_reason(date(2026, 4, 27)) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    # The 2/9 bridge: Monday 31/8 off, worked on Saturday 22/8 instead.
    assert "22/08/2026" in (CALENDAR.non_working_reason(date(2026, 8, 31)) or "")
    assert CALENDAR.is_working_day(date(2026, 8, 22))
    assert CALENDAR.is_working_day(date(2025, 4, 26))


def test_non_working_days_lists_weekends_and_holidays_sorted() -> None:
    days = CALENDAR.non_working_days(2026)
    assert [d for d, _ in days] == sorted(d for d, _ in days)
    reasons = dict(days)
    assert reasons[date(2026, 1, 4)] == "Chủ Nhật"
    assert reasons[date(2026, 1, 3)] == "Thứ Bảy"
    assert reasons[date(2026, 9, 2)] == "Quốc khánh"
    assert date(2026, 1, 5) not in reasons
    assert date(2026, 8, 22) not in reasons  # swapped Saturday is worked
    assert 110 <= len(days) <= 130


def test_an_announced_swap_moves_the_appointment() -> None:
    # Hypothetical announcement: Friday 11/12/2026 off, worked on Saturday 5/12/2026.
    friday, saturday = date(2026, 12, 11), date(2026, 12, 5)
    swapped = WorkingCalendar(
        overrides=[
            CalendarOverride(friday, "day_off", "Nghỉ bù (hoán đổi)", source="Thông báo 1/2026"),
            CalendarOverride(saturday, "working_day", "Làm bù cho ngày 11/12/2026"),
        ]
    )
    assert swapped.non_working_reason(friday) == "Nghỉ bù (hoán đổi)"
    assert swapped.is_working_day(saturday) and not CALENDAR.is_working_day(saturday)
    received = datetime(2026, 12, 4, 9, 0)  # Friday
    assert CALENDAR.appointment(received, days=1) == datetime(2026, 12, 7, 9, 0)
    assert swapped.appointment(received, days=1) == datetime(2026, 12, 5, 9, 0)
    received = datetime(2026, 12, 10, 9, 0)  # Thursday before the day off
    assert CALENDAR.appointment(received, days=1) == datetime(2026, 12, 11, 9, 0)
    assert swapped.appointment(received, days=1) == datetime(2026, 12, 14, 9, 0)


def test_an_override_can_make_a_holiday_worked() -> None:
    calendar = WorkingCalendar(
        overrides=[CalendarOverride(date(2026, 11, 24), "working_day", "Đính chính")]
    )
    assert calendar.is_working_day(date(2026, 11, 24))
