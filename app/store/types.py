"""Column types shared by the models.

SQLite has no time zone type and SQLAlchemy's ``DateTime`` silently drops ``tzinfo``: a local
time and a UTC time would be stored alike and compared wrongly after a sync with central. Every
instant is therefore stored as naive UTC and handed back as an aware UTC ``datetime``; a naive
value on the way in is a programming error and is refused.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """The current instant, aware, in UTC: the default clock of the store."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """An instant stored as naive UTC, always returned aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)
