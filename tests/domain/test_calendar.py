"""Working time and appointment dates: worked examples and properties."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.calendar import CalendarOverride, OfficeHours, WorkingCalendar
from app.domain.errors import InvalidCalendar

CALENDAR = WorkingCalendar()
HOURS = OfficeHours()

PROPERTY_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

moments = st.datetimes(min_value=datetime(2016, 1, 1), max_value=datetime(2029, 12, 1)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
half_days = st.integers(min_value=0, max_value=60).map(lambda n: n / 2)


def _inside_office_hours(at: datetime) -> bool:
    """Within a session, end included: a due moment may be exactly 17:00."""
    return CALENDAR.is_working_day(at.date()) and any(
        start <= at.time() <= end for start, end in HOURS.sessions
    )


def test_office_hours_default_to_eight_hours_with_a_lunch_break() -> None:
    assert HOURS.daily_hours == 8
    assert HOURS.cutoff == time(15)


@pytest.mark.parametrize(
    "sessions",
    [(), ((time(12), time(8)),), ((time(8), time(12)), (time(11), time(17)))],
)
def test_bad_office_hours_are_refused(sessions: tuple[tuple[time, time], ...]) -> None:
    with pytest.raises(InvalidCalendar):
        OfficeHours(sessions=sessions)


@pytest.mark.parametrize(
    ("received", "kwargs", "due"),
    [
        (datetime(2024, 6, 3, 9, 30), {"days": 3}, datetime(2024, 6, 6, 9, 30)),
        (datetime(2024, 6, 7, 16, 0), {"days": 1}, datetime(2024, 6, 10, 16, 0)),
        # Saturday morning reception counts from Monday's opening.
        (datetime(2024, 6, 8, 9, 0), {"days": 1}, datetime(2024, 6, 10, 17, 0)),
        # After closing: counts from the next morning.
        (datetime(2024, 6, 4, 18, 0), {"days": 0.5}, datetime(2024, 6, 5, 12, 0)),
        # Lunch does not count.
        (datetime(2024, 6, 4, 11, 0), {"hours": 4}, datetime(2024, 6, 4, 16, 0)),
        (datetime(2024, 6, 4, 12, 30), {"hours": 1}, datetime(2024, 6, 4, 14, 0)),
        # 30/4 and 1/5 are holidays, then the weekend.
        (datetime(2026, 4, 29, 16, 10), {"days": 3}, datetime(2026, 5, 6, 16, 10)),
        # Same day, before / at / after the cut-off, and on a Saturday.
        (datetime(2026, 11, 20, 10, 0), {"same_day": True}, datetime(2026, 11, 20, 17, 0)),
        (datetime(2026, 11, 19, 15, 0), {"same_day": True}, datetime(2026, 11, 19, 17, 0)),
        (datetime(2026, 11, 20, 15, 30), {"same_day": True}, datetime(2026, 11, 23, 17, 0)),
        (datetime(2026, 11, 21, 9, 0), {"same_day": True}, datetime(2026, 11, 23, 17, 0)),
    ],
)
def test_worked_examples(received: datetime, kwargs: dict[str, object], due: datetime) -> None:
    assert CALENDAR.appointment(received, **kwargs) == due  # type: ignore[arg-type]


def test_exactly_one_span_is_required() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        CALENDAR.appointment(datetime(2024, 6, 3, 9))
    with pytest.raises(ValueError, match="exactly one"):
        CALENDAR.appointment(datetime(2024, 6, 3, 9), days=1, hours=2)
    with pytest.raises(ValueError, match="negative"):
        CALENDAR.appointment(datetime(2024, 6, 3, 9), days=-1)


def test_a_supplement_pause_stops_the_clock() -> None:
    received = datetime(2024, 6, 3, 9, 0)  # Monday
    pause = (datetime(2024, 6, 4, 8, 0), datetime(2024, 6, 6, 8, 0))  # Tue + Wed
    assert CALENDAR.appointment(received, days=2) == datetime(2024, 6, 5, 9, 0)
    assert CALENDAR.appointment(received, days=2, pauses=[pause]) == datetime(2024, 6, 7, 9, 0)


def test_aware_datetimes_keep_their_zone() -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    due = CALENDAR.appointment(datetime(2024, 6, 7, 16, 0, tzinfo=zone), days=1)
    assert due == datetime(2024, 6, 10, 16, 0, tzinfo=zone)


def test_transfer_time_after_cutoff_is_next_opening() -> None:
    assert CALENDAR.transfer_time(datetime(2024, 6, 7, 15, 1)) == datetime(2024, 6, 10, 8, 0)
    assert CALENDAR.transfer_time(datetime(2024, 6, 7, 14, 0)) == datetime(2024, 6, 7, 14, 0)
    assert CALENDAR.transfer_time(datetime(2024, 6, 7, 12, 30)) == datetime(2024, 6, 7, 13, 0)
    assert CALENDAR.transfer_time(datetime(2024, 6, 8, 9, 0)) == datetime(2024, 6, 10, 8, 0)


def test_add_working_days_skips_weekends() -> None:
    assert CALENDAR.add_working_days(date(2024, 6, 7), 1) == date(2024, 6, 10)
    assert CALENDAR.add_working_days(date(2024, 6, 7), 0) == date(2024, 6, 7)


def test_custom_office_hours_change_the_length_of_a_day() -> None:
    hours = OfficeHours(sessions=((time(7, 30), time(11, 30)), (time(13, 30), time(17, 30))))
    calendar = WorkingCalendar(office_hours=hours)
    assert calendar.appointment(datetime(2024, 6, 3, 7, 0), days=1) == datetime(2024, 6, 3, 17, 30)


def test_overrides_beat_the_base_and_the_latest_publication_wins() -> None:
    saturday, friday = date(2024, 6, 8), date(2024, 6, 7)
    calendar = WorkingCalendar(
        overrides=[
            CalendarOverride(saturday, "working_day", "Làm bù", published_on=date(2024, 5, 1)),
            CalendarOverride(friday, "day_off", "Nghỉ bù", published_on=date(2024, 5, 1)),
            CalendarOverride(friday, "working_day", "Đính chính", published_on=date(2024, 5, 2)),
        ]
    )
    assert calendar.is_working_day(saturday)
    assert calendar.is_working_day(friday)


@PROPERTY_SETTINGS
@given(moments, half_days)
def test_due_is_inside_office_hours_of_a_working_day(received: datetime, days: float) -> None:
    due = CALENDAR.appointment(received, days=days)
    assert due >= received
    assert _inside_office_hours(due)


@PROPERTY_SETTINGS
@given(moments, half_days, half_days)
def test_more_time_never_gives_an_earlier_date(
    received: datetime, days: float, more: float
) -> None:
    assert CALENDAR.appointment(received, days=days) <= CALENDAR.appointment(
        received, days=days + more
    )


@PROPERTY_SETTINGS
@given(moments, half_days, st.integers(min_value=0, max_value=80 * 60))
def test_working_time_to_the_due_moment_is_the_statutory_time(
    received: datetime, days: float, minutes: int
) -> None:
    due = CALENDAR.appointment(received, days=days)
    assert CALENDAR.working_time_between(received, due) == timedelta(hours=8 * days)
    due_hours = CALENDAR.appointment(received, hours=minutes / 60)
    assert CALENDAR.working_time_between(received, due_hours) == timedelta(minutes=minutes)


@PROPERTY_SETTINGS
@given(moments)
def test_same_day_rule(received: datetime) -> None:
    due = CALENDAR.appointment(received, same_day=True)
    day = received.date()
    if CALENDAR.is_working_day(day) and received.time() <= time(15):
        assert due == datetime.combine(day, time(17))
    else:
        assert due == datetime.combine(CALENDAR.next_working_day(day), time(17))


@PROPERTY_SETTINGS
@given(
    moments,
    half_days,
    st.integers(min_value=0, max_value=30 * 24 * 60),
    st.integers(min_value=0, max_value=20 * 24 * 60),
)
def test_a_pause_shifts_the_due_moment_by_the_paused_working_time(
    received: datetime, days: float, offset: int, length: int
) -> None:
    pause_start = received + timedelta(minutes=offset)
    pause = (pause_start, pause_start + timedelta(minutes=length))
    plain = CALENDAR.appointment(received, days=days)
    paused = CALENDAR.appointment(received, days=days, pauses=[pause])
    statutory = timedelta(hours=8 * days)
    assert CALENDAR.working_time_between(received, paused, [pause]) == statutory
    lost = CALENDAR.working_time_between(received, paused) - statutory
    assert CALENDAR.working_time_between(plain, paused) == lost
    assert paused >= plain
    # A pause starting when the time has run out changes nothing (with zero time the due
    # moment is the first moment the clock runs, so a pause at that moment does move it).
    if pause[0] > plain or (days and pause[0] == plain):
        assert paused == plain
