"""Working-day calendar, office hours and appointment (due) dates.

The statutory base (weekends, public holidays, the substitute days and swapped Saturdays the
``holidays`` package knows) comes from ``holidays.Vietnam``; everything the government announces
later arrives as :class:`CalendarOverride` data from the central system and always wins.

All datetimes are Vietnam wall-clock time (UTC+7, no daylight saving), either all naive or all
with the same ``tzinfo``; wall-clock arithmetic is therefore exact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

import holidays

from app.domain.errors import InvalidCalendar

OverrideKind = Literal["day_off", "working_day"]
Interval = tuple[datetime, datetime]

SATURDAY_VI = "Thứ Bảy"
SUNDAY_VI = "Chủ Nhật"

_ONE_DAY = timedelta(days=1)
#: A calendar with no working day in this many consecutive days is broken data, not a long Tết.
_MAX_IDLE_DAYS = 366


@dataclass(frozen=True)
class CalendarOverride:
    """One announced exception to the base rules (a compensatory day off, a swapped Saturday)."""

    day: date
    kind: OverrideKind
    reason: str
    source: str = ""
    published_on: date | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("day_off", "working_day"):
            raise InvalidCalendar(
                f"override kind {self.kind!r} is neither 'day_off' nor 'working_day'",
                f"loại điều chỉnh «{self.kind}» không phải 'day_off' hay 'working_day'",
            )


def _default_sessions() -> tuple[tuple[time, time], ...]:
    return ((time(8), time(12)), (time(13), time(17)))


@dataclass(frozen=True)
class OfficeHours:
    """Working sessions of a working day, and the cut-off after which work rolls to tomorrow."""

    sessions: tuple[tuple[time, time], ...] = field(default_factory=_default_sessions)
    cutoff: time = time(15)

    def __post_init__(self) -> None:
        if not self.sessions:
            raise InvalidCalendar("no working session", "không có buổi làm việc nào")
        previous_end: time | None = None
        for start, end in self.sessions:
            if start.tzinfo is not None or end.tzinfo is not None:
                raise InvalidCalendar(
                    "session times must be wall-clock times without a time zone",
                    "giờ làm việc phải là giờ địa phương, không kèm múi giờ",
                )
            if not start < end:
                raise InvalidCalendar(
                    f"session {start:%H:%M}-{end:%H:%M} does not end after it starts",
                    f"buổi {start:%H:%M}-{end:%H:%M} kết thúc không sau giờ bắt đầu",
                )
            if previous_end is not None and start < previous_end:
                raise InvalidCalendar(
                    f"session starting {start:%H:%M} overlaps or precedes the previous one",
                    f"buổi bắt đầu {start:%H:%M} chồng lấn hoặc đứng trước buổi trước",
                )
            previous_end = end

    @property
    def daily_duration(self) -> timedelta:
        """Working time in one working day: what "one working day" of statutory time means."""
        total = timedelta()
        for start, end in self.sessions:
            total += datetime.combine(date.min, end) - datetime.combine(date.min, start)
        return total

    @property
    def daily_hours(self) -> float:
        return self.daily_duration / timedelta(hours=1)

    @property
    def opening(self) -> time:
        return self.sessions[0][0]

    @property
    def closing(self) -> time:
        return self.sessions[-1][1]


@dataclass(frozen=True)
class _YearRules:
    holiday_names: dict[date, str]
    working_weekend_days: frozenset[date]


def _merge_pauses(pauses: Iterable[Interval]) -> list[Interval]:
    ordered = sorted((start, end) for start, end in pauses if end > start)
    merged: list[Interval] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(start: datetime, end: datetime, pauses: Sequence[Interval]) -> Iterator[Interval]:
    """The parts of ``[start, end)`` outside the (merged, sorted) pauses."""
    cursor = start
    for pause_start, pause_end in pauses:
        if pause_end <= cursor:
            continue
        if pause_start >= end:
            break
        if pause_start > cursor:
            yield cursor, pause_start
        cursor = max(cursor, pause_end)
        if cursor >= end:
            return
    if cursor < end:
        yield cursor, end


class WorkingCalendar:
    """Which days are worked and how much working time lies between two moments."""

    def __init__(
        self,
        overrides: Iterable[CalendarOverride] = (),
        office_hours: OfficeHours | None = None,
        base: Callable[..., holidays.HolidayBase] = holidays.Vietnam,
    ) -> None:
        self.office_hours = office_hours if office_hours is not None else OfficeHours()
        self._base = base
        self._years: dict[int, _YearRules] = {}
        # Several overrides for one day: the latest published wins (then the later in the list),
        # so a correction by the central system replaces the announcement it corrects.
        self._overrides: dict[date, CalendarOverride] = {}
        ranked = sorted(
            enumerate(overrides), key=lambda item: (item[1].published_on or date.min, item[0])
        )
        for _, override in ranked:
            self._overrides[override.day] = override

    @property
    def overrides(self) -> tuple[CalendarOverride, ...]:
        return tuple(sorted(self._overrides.values(), key=lambda o: o.day))

    def _rules(self, year: int) -> _YearRules:
        rules = self._years.get(year)
        if rules is None:
            base = self._base(years=year, language="vi")
            rules = _YearRules(
                holiday_names={day: str(base.get(day)) for day in base if day.year == year},
                working_weekend_days=frozenset(
                    day for day in getattr(base, "weekend_workdays", ()) if day.year == year
                ),
            )
            self._years[year] = rules
        return rules

    def non_working_reason(self, day: date) -> str | None:
        """Why ``day`` is not worked, in Vietnamese for the UI; ``None`` for a working day."""
        override = self._overrides.get(day)
        if override is not None:
            return override.reason if override.kind == "day_off" else None
        rules = self._rules(day.year)
        name = rules.holiday_names.get(day)
        if name is not None:
            return name
        if day.weekday() >= 5 and day not in rules.working_weekend_days:
            return SATURDAY_VI if day.weekday() == 5 else SUNDAY_VI
        return None

    def is_working_day(self, day: date) -> bool:
        return self.non_working_reason(day) is None

    def non_working_days(self, year: int) -> list[tuple[date, str]]:
        """Every non-working day of ``year`` (weekends included) with its reason, sorted."""
        result: list[tuple[date, str]] = []
        day = date(year, 1, 1)
        while day.year == year:
            reason = self.non_working_reason(day)
            if reason is not None:
                result.append((day, reason))
            day += _ONE_DAY
        return result

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        for _ in range(_MAX_IDLE_DAYS):
            day += _ONE_DAY
            if self.is_working_day(day):
                return day
        raise InvalidCalendar(
            f"no working day within {_MAX_IDLE_DAYS} days after {day.isoformat()}",
            f"không có ngày làm việc nào trong {_MAX_IDLE_DAYS} ngày",
        )

    def add_working_days(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (``n == 0``: ``day`` itself)."""
        if n < 0:
            raise ValueError("n must not be negative")
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    # ----- working time -------------------------------------------------------------------

    def _sessions(self, day: date, zone: tzinfo | None) -> list[Interval]:
        return [
            (datetime.combine(day, start, tzinfo=zone), datetime.combine(day, end, tzinfo=zone))
            for start, end in self.office_hours.sessions
        ]

    def _working_intervals(self, start: datetime) -> Iterator[Interval]:
        """Office-hour intervals from ``start`` on, clipped at ``start``, forever."""
        day = start.date()
        if not self.is_working_day(day):
            day = self.next_working_day(day)
        while True:
            for session_start, session_end in self._sessions(day, start.tzinfo):
                if session_end > start:
                    yield max(session_start, start), session_end
            day = self.next_working_day(day)

    def is_working_moment(self, at: datetime) -> bool:
        """Whether ``at`` lies inside office hours (session start included, end excluded)."""
        if not self.is_working_day(at.date()):
            return False
        return any(start <= at.time() < end for start, end in self.office_hours.sessions)

    def next_working_moment(self, at: datetime) -> datetime:
        """``at`` itself inside office hours, else the opening of the next session."""
        return next(self._working_intervals(at))[0]

    def working_time_between(
        self, start: datetime, end: datetime, pauses: Sequence[Interval] = ()
    ) -> timedelta:
        """Working time in ``[start, end)`` that lies outside every pause."""
        merged = _merge_pauses(pauses)
        total = timedelta()
        for interval_start, interval_end in self._working_intervals(start):
            if interval_start >= end:
                break
            for piece_start, piece_end in _subtract(interval_start, min(interval_end, end), merged):
                total += piece_end - piece_start
        return total

    def _count(self, start: datetime, amount: timedelta, pauses: Sequence[Interval]) -> datetime:
        merged = _merge_pauses(pauses)
        left = amount
        for interval_start, interval_end in self._working_intervals(start):
            for piece_start, piece_end in _subtract(interval_start, interval_end, merged):
                if piece_end - piece_start >= left:
                    return piece_start + left
                left -= piece_end - piece_start
        raise AssertionError("unreachable: working intervals never end")  # pragma: no cover

    def _same_day_due(self, received_at: datetime) -> datetime:
        day = received_at.date()
        if not self.is_working_day(day) or received_at.time() > self.office_hours.cutoff:
            day = self.next_working_day(day)
        return datetime.combine(day, self.office_hours.closing, tzinfo=received_at.tzinfo)

    def appointment(
        self,
        received_at: datetime,
        *,
        days: float | None = None,
        hours: float | None = None,
        same_day: bool = False,
        pauses: Sequence[Interval] = (),
    ) -> datetime:
        """The due moment of a dossier: when its statutory working time runs out.

        Give exactly one of ``days`` (one day = the office's daily hours, 8 by default),
        ``hours`` or ``same_day``. Counting starts at ``received_at`` when that is inside
        office hours, else at the next working moment (received Saturday morning or at 18:00:
        the next working day's opening). Time inside a ``pauses`` interval (supplement
        requested -> supplement received) does not count.

        The result is the exact moment the counted time runs out, so received Mon 09:30 +
        3 days is Thu 09:30, and Fri 16:00 + 1 day is Mon 16:00. When the time runs out exactly
        at the end of a session the result is that end (17:00 that day), not the next
        morning's opening: it is the same instant of working time, and the printed
        appointment then reads "17:00 on day N" as clerks expect.

        Same-day procedures are due at the end of the receiving day's office hours. Received
        after the cut-off (15:00, strictly after) or on a non-working day, they are due at the
        end of the next working day's office hours: DESIGN.md says "due the next working day",
        and the end of that day gives the deciding agency a full day, as it would have had
        for a morning reception. A pause extends a same-day due moment by the paused working
        time, like any other.
        """
        given = sum(x is not None for x in (days, hours)) + (1 if same_day else 0)
        if given != 1:
            raise ValueError("give exactly one of days, hours or same_day")
        if same_day:
            amount = self.working_time_between(received_at, self._same_day_due(received_at))
        elif days is not None:
            if days < 0:
                raise ValueError("days must not be negative")
            amount = self.office_hours.daily_duration * days
        else:
            assert hours is not None
            if hours < 0:
                raise ValueError("hours must not be negative")
            amount = timedelta(hours=hours)
        return self._count(received_at, amount, pauses)

    def transfer_time(self, received_at: datetime) -> datetime:
        """When a dossier is handed to the deciding agency.

        Received after the cut-off (or on a non-working day): the opening of the next working
        day. Otherwise the same day, at the next working moment (at once inside office hours).
        """
        day = received_at.date()
        if self.is_working_day(day) and received_at.time() <= self.office_hours.cutoff:
            return self.next_working_moment(received_at)
        return datetime.combine(
            self.next_working_day(day), self.office_hours.opening, tzinfo=received_at.tzinfo
        )
