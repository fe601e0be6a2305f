"""``python -m app calendar``: the working-day calendar exactly as this counter applies it.

It reads the calendar overrides from the counter's own database (seeded from the shipped data,
later updated by central), so IT staff see what the clerks' appointment dates are based on.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from app.config import AppPaths
from app.domain.calendar import WorkingCalendar
from app.domain.errors import DomainError

WEEKDAYS_VI = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def _load_calendar(paths: AppPaths) -> WorkingCalendar:
    from app.store.calendar import load_working_calendar
    from app.store.database import open_database
    from app.store.seed import seed_from_resources

    store = open_database(paths)
    try:
        seed_from_resources(store)
        return load_working_calendar(store)
    finally:
        store.close()


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def run_calendar(args: argparse.Namespace) -> int:
    from app.store.database import StoreError

    if args.what == "due":
        return _run_due(args)
    try:
        year = int(args.what)
    except ValueError:
        return _error(f"expected a year such as 2026 or 'due', got {args.what!r}")
    if not 1900 <= year <= 2199:
        return _error(f"year {year} is outside 1900-2199")
    try:
        calendar = _load_calendar(AppPaths.default())
    except StoreError as error:
        return _error(str(error))
    for day, reason in calendar.non_working_days(year):
        print(f"{day.isoformat()}  {WEEKDAYS_VI[day.weekday()]:<9} {reason}")
    return 0


def _run_due(args: argparse.Namespace) -> int:
    from app.store.database import StoreError

    if not args.received:
        return _error("'calendar due' needs --received 'YYYY-MM-DD HH:MM'")
    try:
        received = datetime.strptime(args.received.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        return _error(f"--received must look like '2026-04-29 16:10', got {args.received!r}")
    if args.days is None and args.hours is None and not args.same_day:
        return _error("give the statutory time: --days N, --hours N or --same-day")
    for name in ("days", "hours"):
        value = getattr(args, name)
        if value is not None and value < 0:
            return _error(f"--{name} cannot be negative")
    try:
        calendar = _load_calendar(AppPaths.default())
        due = calendar.appointment(
            received, days=args.days, hours=args.hours, same_day=bool(args.same_day)
        )
    except StoreError as error:
        return _error(str(error))
    except DomainError as error:
        return _error(str(error))
    print(due.isoformat(timespec="minutes"))
    return 0
