"""The office's wall clock.

Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact and needs no
time-zone database (which Windows lacks without the ``tzdata`` package). The store keeps UTC;
appointments are counted and printed in office time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

OFFICE_TZ = timezone(timedelta(hours=7), "ICT")


def to_office_time(moment: datetime) -> datetime:
    """``moment`` (aware; naive is taken as UTC, as the store returns it) in office time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OFFICE_TZ)
