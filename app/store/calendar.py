"""The working-day calendar built from the overrides stored in this counter's database.

Overrides arrive from the seed data and later from central; the statutory rules live in
:class:`app.domain.calendar.WorkingCalendar`. Appointment dates must be computed from what this
counter actually holds, so the calendar is always loaded from the store, never from files.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import select

from app.domain.calendar import CalendarOverride, OfficeHours, OverrideKind, WorkingCalendar
from app.store.database import Store
from app.store.models import CalendarOverride as CalendarOverrideRow


def load_working_calendar(store: Store, office_hours: OfficeHours | None = None) -> WorkingCalendar:
    with store.read_session() as session:
        rows = session.scalars(select(CalendarOverrideRow).order_by(CalendarOverrideRow.day)).all()
        overrides = [
            CalendarOverride(
                day=row.day,
                kind=cast(OverrideKind, row.kind),
                reason=row.reason,
                source=row.source,
                published_on=row.published_on,
            )
            for row in rows
        ]
    return WorkingCalendar(overrides, office_hours=office_hours)
