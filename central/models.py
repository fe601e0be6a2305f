"""Central's tables (SQLAlchemy 2). Portable SQL only: the same models run on SQLite and
PostgreSQL, so nothing here may rely on SQLite's loose typing or on PostgreSQL extensions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored in UTC. SQLite keeps no offset, so it is put back on read;
    a naive value is a bug of ours and is refused rather than guessed."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


AwareDateTime = UtcDateTime()


class Base(DeclarativeBase):
    pass


class Unit(Base):
    """An organisation unit: the centre, a branch, a reception point or a department."""

    __tablename__ = "units"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"))
    agency_code: Mapped[str | None] = mapped_column(String(32))


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[list[str]] = mapped_column(JSON)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Token(Base):
    """A token pair; only SHA-256 digests are stored, so a leaked table grants nothing."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    access_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    refresh_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    counter_code: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime)
    access_expires_at: Mapped[datetime] = mapped_column(AwareDateTime)
    refresh_expires_at: Mapped[datetime] = mapped_column(AwareDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class Counter(Base):
    """A counter that pushed or signed in; registered on first sight (its unit is known)."""

    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("unit_code", "counter_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"))
    counter_code: Mapped[str] = mapped_column(String(32))
    last_push_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    clock_drift_s: Mapped[float | None] = mapped_column(Float)


class Entry(Base):
    """An outbox entry central applied: its id is the idempotency key."""

    __tablename__ = "entries"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(128))
    unit_code: Mapped[str] = mapped_column(String(32))
    counter_code: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime)
    received_at: Mapped[datetime] = mapped_column(AwareDateTime)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)


class Route(Base):
    """Which unit decides a procedure's dossiers; ``*`` is the default route."""

    __tablename__ = "routes"

    procedure_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"))


class Dossier(Base):
    __tablename__ = "dossiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    counter_code: Mapped[str | None] = mapped_column(String(32))
    deciding_unit_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"), index=True)
    procedure_code: Mapped[str] = mapped_column(String(64))
    procedure_name: Mapped[str] = mapped_column(Text)
    applicant_id_number: Mapped[str | None] = mapped_column(String(32), index=True)
    applicant_name: Mapped[str] = mapped_column(String(255))
    received_at: Mapped[datetime] = mapped_column(AwareDateTime)
    due_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    central_received_at: Mapped[datetime] = mapped_column(AwareDateTime)
    granted_by: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    files: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class DossierHistory(Base):
    __tablename__ = "dossier_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(AwareDateTime)
    by: Mapped[str] = mapped_column(String(255))
    unit_code: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")


class StoredFile(Base):
    """A complete file, content-addressed; partial uploads live only on disk until they check."""

    __tablename__ = "files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    complete: Mapped[bool] = mapped_column(Boolean, default=True)
    path: Mapped[str] = mapped_column(String(255))
    completed_at: Mapped[datetime] = mapped_column(AwareDateTime)


class FeedHead(Base):
    """One row: the last cursor handed out. Writers lock it, so cursors follow commit order
    and a reader can never skip a change that commits late (true on PostgreSQL as well)."""

    __tablename__ = "feed_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_cursor: Mapped[int] = mapped_column(BigInteger)


class Change(Base):
    __tablename__ = "changes"

    cursor: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(128))
    version: Mapped[int | None] = mapped_column(Integer)
    #: ``None``: concerns everybody (catalogue, calendar, receipt keys).
    unit_code: Mapped[str | None] = mapped_column(String(32), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(AwareDateTime)


class NumberSequence(Base):
    """The highest number given out for an agency and day, city-wide; the lease locks it."""

    __tablename__ = "number_sequences"

    agency_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class CodeBlockLease(Base):
    __tablename__ = "code_blocks"
    __table_args__ = (UniqueConstraint("agency_code", "day", "first"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lease_id: Mapped[str] = mapped_column(String(64), unique=True)
    agency_code: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"))
    counter_code: Mapped[str] = mapped_column(String(32))
    leased_at: Mapped[datetime] = mapped_column(AwareDateTime)


class ReceiptKey(Base):
    __tablename__ = "receipt_keys"

    key_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    algorithm: Mapped[str] = mapped_column(String(32))
    public_key: Mapped[str] = mapped_column(Text)
    unit_code: Mapped[str] = mapped_column(String(32))
    counter_code: Mapped[str] = mapped_column(String(32))
    published_at: Mapped[datetime] = mapped_column(AwareDateTime)


class Publication(Base):
    """A published calendar year or catalogue version (the feed carries the same data)."""

    __tablename__ = "publications"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(AwareDateTime)
    published_by: Mapped[str] = mapped_column(String(64))
