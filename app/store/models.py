"""SQLAlchemy models of the local store.

The tables mirror what the counter must keep while offline and what it syncs with central.
Effective-dated rows (organisation units, procedure versions, administrative units, calendar)
are never rewritten in place once a dossier refers to them: a dossier keeps the procedure
version and the organisation unit it was received under, so a printout made years later shows
what applied on the day.

Closed vocabularies (kinds, forms, units) carry CHECK constraints so that a bug cannot store a
value the rest of the app would not understand. The dossier state is a plain string without a
CHECK: the lifecycle (``app.domain.lifecycle``) owns that vocabulary and may grow it.

The naming convention on the metadata gives every constraint a stable name, which Alembic's batch
mode needs to alter SQLite tables later. The full-text index (``search_index``) is an FTS5
virtual table created by the migration and used through :mod:`app.store.search`; it is not a
model.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, synonym

from app.store.types import UtcDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


ORG_UNIT_KINDS = ("center", "branch", "point")
ADMIN_LEVELS = ("province", "district", "commune")
ADMIN_ERAS = ("pre2025", "2025")
PROCESSING_UNITS = ("working_days", "working_hours", "same_day")
DOCUMENT_FORMS = ("original", "certified_copy", "copy", "present")
APPLICANT_KINDS = ("individual", "organisation")
BATCH_STATES = ("draft", "submitted", "approved", "rejected")
GRANTED_BY = ("central", "standalone")
CALENDAR_KINDS = ("day_off", "working_day")
OUTBOX_STATUSES = ("pending", "sending", "accepted", "retrying", "quarantined")
PAGE_ORIGINS = ("import", "watched_folder", "camera", "drop", "reuse")
PAGE_STATES = ("pending", "processed", "failed")
DOCUMENT_FILE_KINDS = ("searchable", "archive")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime()}  # noqa: RUF012 - SQLAlchemy reads it once


class Timestamped:
    """Creation and last-change instants, set by the store (UTC)."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# --- organisation -------------------------------------------------------------------------


class OrgUnit(Base):
    """A center, branch or reception point. Reorganisations close a unit (``valid_to``) and
    name its ``successor`` instead of renaming it, so old dossiers keep their original agency."""

    __tablename__ = "org_units"
    __table_args__ = (CheckConstraint(_one_of("kind", ORG_UNIT_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    agency_code: Mapped[str] = mapped_column(String(32), index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))

    counters: Mapped[list[Counter]] = relationship(back_populates="org_unit")


class Counter(Base):
    """A reception desk (quầy) of an organisation unit."""

    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("org_unit_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(255))
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    org_unit: Mapped[OrgUnit] = relationship(back_populates="counters")


class AdminUnit(Base):
    """A province, district or commune in one era of the administrative map.

    The 1 July 2025 reform abolished districts and renumbered communes, so a code only means
    something together with its era and level; old addresses keep the pre-2025 units.
    """

    __tablename__ = "admin_units"
    __table_args__ = (
        UniqueConstraint("era", "level", "code"),
        CheckConstraint(_one_of("level", ADMIN_LEVELS), name="level"),
        CheckConstraint(_one_of("era", ADMIN_ERAS), name="era"),
        Index(None, "era", "level", "parent_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(255))
    division_type: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(String(16))
    era: Mapped[str] = mapped_column(String(8))
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]


# --- catalogue ----------------------------------------------------------------------------


class Procedure(Base):
    """An administrative procedure of the national catalogue (e.g. 1.001193).

    ``code`` is ``None`` for a procedure whose national code is not known yet (the seed
    catalogue has some): it is then identified by its name until central supplies the code.
    """

    __tablename__ = "procedures"
    __table_args__ = (CheckConstraint(_one_of("level", ADMIN_LEVELS), name="level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(String(255))
    level: Mapped[str] = mapped_column(String(16))

    versions: Mapped[list[ProcedureVersion]] = relationship(
        back_populates="procedure", order_by="ProcedureVersion.effective_from"
    )


class ProcedureVersion(Base):
    """What a procedure required over a period. ``effective_to`` is the last day in effect
    (inclusive); when versions overlap on a boundary day the later ``effective_from`` wins."""

    __tablename__ = "procedure_versions"
    __table_args__ = (
        UniqueConstraint("procedure_id", "effective_from"),
        CheckConstraint(_one_of("processing_unit", PROCESSING_UNITS), name="processing_unit"),
        CheckConstraint("processing_value >= 0", name="processing_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    effective_from: Mapped[date]
    effective_to: Mapped[date | None]
    processing_unit: Mapped[str] = mapped_column(String(16))
    processing_value: Mapped[float] = mapped_column(Float)
    fee_text: Mapped[str] = mapped_column(Text, default="")
    fee_amount_vnd: Mapped[int | None]
    deciding_agency: Mapped[str] = mapped_column(String(255))
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    source_url: Mapped[str] = mapped_column(Text, default="")

    procedure: Mapped[Procedure] = relationship(back_populates="versions")
    documents: Mapped[list[RequiredDocument]] = relationship(
        back_populates="version", order_by="RequiredDocument.position"
    )


class RequiredDocument(Base):
    """One document a procedure version asks for (thành phần hồ sơ)."""

    __tablename__ = "required_documents"
    __table_args__ = (
        UniqueConstraint("procedure_version_id", "position"),
        CheckConstraint(_one_of("form", DOCUMENT_FORMS), name="form"),
        CheckConstraint("copies >= 0", name="copies"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_version_id: Mapped[int] = mapped_column(ForeignKey("procedure_versions.id"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    form: Mapped[str] = mapped_column(String(16))
    mandatory: Mapped[bool] = mapped_column(Boolean, default=True)
    copies: Mapped[int] = mapped_column(Integer, default=1)
    note: Mapped[str] = mapped_column(Text, default="")

    version: Mapped[ProcedureVersion] = relationship(back_populates="documents")


# --- applicants and dossiers --------------------------------------------------------------


class Applicant(Timestamped, Base):
    """A citizen or an organisation that submits dossiers."""

    __tablename__ = "applicants"
    __table_args__ = (CheckConstraint(_one_of("kind", APPLICANT_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="individual")
    id_number: Mapped[str | None] = mapped_column(String(32), index=True)
    old_id_number: Mapped[str | None] = mapped_column(String(32))
    full_name: Mapped[str] = mapped_column(String(255))
    date_of_birth: Mapped[date | None]
    sex: Mapped[str | None] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(Text, default="")
    admin_unit_code: Mapped[str | None] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(255))
    tax_code: Mapped[str | None] = mapped_column(String(32))
    representative: Mapped[str | None] = mapped_column(String(255))


class Dossier(Timestamped, Base):
    """A dossier (hồ sơ) received at a counter.

    ``version`` is SQLAlchemy's optimistic-concurrency counter: a stale update raises instead of
    overwriting, which is also the version the sync contract compares with central's.
    ``counter_clock_at`` is the counter's own clock at reception, kept beside ``received_at`` so
    a wrong PC clock can be detected after sync; ``local_sequence`` orders dossiers received on
    this machine even if the clock jumps.
    """

    __tablename__ = "dossiers"
    # The Dossiers screen filters by state and lists newest first.
    __table_args__ = (Index(None, "state", "received_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    procedure_version_id: Mapped[int] = mapped_column(
        ForeignKey("procedure_versions.id"), index=True
    )
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id"), index=True)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    state: Mapped[str] = mapped_column(String(32), index=True)
    received_at: Mapped[datetime] = mapped_column(index=True)
    due_at: Mapped[datetime | None] = mapped_column(index=True)
    counter_clock_at: Mapped[datetime]
    local_sequence: Mapped[int | None] = mapped_column(unique=True)
    central_received_at: Mapped[datetime | None]
    delivery_method: Mapped[str] = mapped_column(String(32), default="at_counter")
    notes: Mapped[str] = mapped_column(Text, default="")
    queue_ticket: Mapped[str | None] = mapped_column(String(32))
    service_started_at: Mapped[datetime | None]
    service_ended_at: Mapped[datetime | None]
    received_by: Mapped[str] = mapped_column(String(255), default="", server_default="")
    """The receiving clerk's name, as printed on the receipt."""
    sets: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Number of sets (bộ) of the dossier."""
    missing_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    """Why the dossier was accepted with a mandatory document missing."""
    delivery_address: Mapped[str] = mapped_column(Text, default="", server_default="")
    refusal_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    applicant_snapshot: Mapped[str] = mapped_column(Text, default="", server_default="")
    """The applicant as received (JSON), so a reprint shows what the receipt showed."""
    """For a dossier refused at reception (form 03)."""
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    central_version: Mapped[int | None] = mapped_column(Integer)
    """Central's version of the record (the sync contract's), set on acceptance and by pulled
    status changes; ``version`` above is this database's own optimistic-lock counter."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's API

    applicant: Mapped[Applicant] = relationship()
    procedure_version: Mapped[ProcedureVersion] = relationship()
    documents: Mapped[list[DossierDocument]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan"
    )


class DossierDocument(Base):
    """A document actually received; keeps its own name and form so that later catalogue
    changes (which may delete the required document) never alter what was received."""

    __tablename__ = "dossier_documents"
    __table_args__ = (
        CheckConstraint(_one_of("form", DOCUMENT_FORMS), name="form"),
        CheckConstraint("copies >= 0", name="copies"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    required_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("required_documents.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(Text)
    form: Mapped[str] = mapped_column(String(16))
    copies: Mapped[int] = mapped_column(Integer, default=1)
    received: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")

    dossier: Mapped[Dossier] = relationship(back_populates="documents")
    pages: Mapped[list[Page]] = relationship(
        back_populates="document", order_by="Page.position", cascade="all, delete-orphan"
    )


class PageContent:
    """What digitisation keeps of a page, shared by dossier pages and draft pages.

    Every ``*_sha256`` names a file of the content-addressed file store
    (:class:`app.store.files.FileStore`); a row is written only after its files are on disk, so
    a row never points to a missing file. ``flags`` is the quality gate's verdict as a JSON list
    of ``{code, message, message_vi, value}``; ``rotation`` the degrees the pipeline turned the
    page (orientation and deskew), ``quarter_turns`` the clerk's own rotation (0-3, clockwise).
    """

    original_media_type: Mapped[str] = mapped_column(String(64), default="", server_default="")
    original_page_index: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """The page's index inside its original file (a PDF or TIFF holds several)."""
    origin: Mapped[str] = mapped_column(String(16), default="import", server_default="import")
    image_sha256: Mapped[str | None] = mapped_column(String(64))
    """The cleaned page image (PNG or JPEG): what the clerk sees and what the PDF shows."""
    thumbnail_sha256: Mapped[str | None] = mapped_column(String(64))
    text_layer_sha256: Mapped[str | None] = mapped_column(String(64))
    """Tesseract's text-only PDF of the page, laid over the image to rebuild the document PDF."""
    rotation: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    quarter_turns: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    flags: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    ocr_language: Mapped[str | None] = mapped_column(String(64))
    ocr_seconds: Mapped[float | None] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    """``pending`` (captured, pipeline not done), ``processed`` or ``failed`` (OCR failed; the
    image may still be there and a flag says why)."""


class Page(PageContent, Base):
    """A digitised page of a received document.

    ``sha256`` is the hash of the untouched ORIGINAL file the page came from (what the citizen
    handed in; a multi-page PDF gives the same hash to each of its pages, told apart by
    ``original_page_index``). The receipt's bundle hash covers these, so the QR on the slip
    vouches for what was handed in, not for our clean-up, which may be redone later.
    ``original_sha256`` and ``original_name`` are the same columns under their digitisation
    names. ``draft_page_id`` is the draft page this row came from at reception, so a pipeline
    result that arrives after the save still finds its page.
    """

    __tablename__ = "pages"
    __table_args__ = (
        Index(None, "document_id", "position"),
        CheckConstraint(_one_of("origin", PAGE_ORIGINS), name="origin"),
        CheckConstraint(_one_of("state", PAGE_STATES), name="state"),
        CheckConstraint("quarter_turns >= 0 AND quarter_turns <= 3", name="quarter_turns"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("dossier_documents.id", ondelete="CASCADE"))
    position: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    width: Mapped[int]
    height: Mapped[int]
    dpi: Mapped[int]
    ocr_text: Mapped[str | None] = mapped_column(Text)
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    draft_page_id: Mapped[int | None] = mapped_column(Integer, index=True)

    original_sha256 = synonym("sha256")
    original_name = synonym("file_name")

    document: Mapped[DossierDocument] = relationship(back_populates="pages")


class DraftPage(PageContent, Base):
    """A page digitised before its dossier exists (while the citizen waits at the counter).

    Pages live in a slot, like reception drafts (``reception``), in ``position`` order, and
    are assigned to a checklist line by ``required_document_id`` and/or ``document_name``. The
    dossier's save moves them to ``pages`` in its own transaction
    (:func:`app.store.pages.attach_draft_pages`). Ids are never reused (AUTOINCREMENT), so a
    dossier page's ``draft_page_id`` names one draft page only.
    """

    __tablename__ = "draft_pages"
    __table_args__ = (
        Index(None, "slot", "position"),
        CheckConstraint(_one_of("origin", PAGE_ORIGINS), name="origin"),
        CheckConstraint(_one_of("state", PAGE_STATES), name="state"),
        CheckConstraint("quarter_turns >= 0 AND quarter_turns <= 3", name="quarter_turns"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]
    required_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("required_documents.id", ondelete="SET NULL")
    )
    document_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    original_sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    width: Mapped[int]
    height: Mapped[int]
    dpi: Mapped[int]
    """0 when the source did not say (phone photos) and the pipeline has not run yet."""
    ocr_text: Mapped[str | None] = mapped_column(Text)
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DocumentFile(Base):
    """A file made from a received document's pages: its searchable PDF or PDF/A archive copy.

    One row per document and kind; finalising again replaces the row (the older file stays in
    the file store until nothing references it).
    """

    __tablename__ = "document_files"
    __table_args__ = (
        UniqueConstraint("document_id", "kind"),
        CheckConstraint(_one_of("kind", DOCUMENT_FILE_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("dossier_documents.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    page_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    signed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    signer_name: Mapped[str | None] = mapped_column(String(255))
    signed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StatusHistory(Base):
    """One transition of a dossier: who moved it, when and where (synced to central)."""

    __tablename__ = "status_history"
    __table_args__ = (Index(None, "dossier_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(128))
    org_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    note: Mapped[str] = mapped_column(Text, default="")


# --- handover -----------------------------------------------------------------------------


class HandoverBatch(Base):
    """Dossiers handed over together to a deciding agency, approved by a deputy director."""

    __tablename__ = "handover_batches"
    __table_args__ = (CheckConstraint(_one_of("state", BATCH_STATES), name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    to_agency: Mapped[str] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(16), default="draft")
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    approved_by: Mapped[str | None] = mapped_column(String(128))
    approved_at: Mapped[datetime | None]
    reject_reason: Mapped[str | None] = mapped_column(Text)


class HandoverItem(Base):
    """A dossier in a batch; ``originals_checked`` records that the paper originals were seen."""

    __tablename__ = "handover_items"
    __table_args__ = (UniqueConstraint("batch_id", "dossier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("handover_batches.id", ondelete="CASCADE"))
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    originals_checked: Mapped[bool] = mapped_column(Boolean, default=False)


# --- dossier codes ------------------------------------------------------------------------


class CodeBlock(Base):
    """A block of dossier-code sequence numbers leased to this counter for one day.

    Central leases blocks so that codes stay unique while the counter is offline; a counter
    never issues a number outside its blocks. ``granted_by='standalone'`` marks blocks a
    deployment without central granted itself.
    """

    __tablename__ = "code_blocks"
    __table_args__ = (
        CheckConstraint("first >= 1 AND first <= last", name="range"),
        CheckConstraint(_one_of("granted_by", GRANTED_BY), name="granted_by"),
        Index(None, "agency_code", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(32))
    day: Mapped[date]
    first: Mapped[int]
    last: Mapped[int]
    lease_id: Mapped[str] = mapped_column(String(64), unique=True)
    counter_code: Mapped[str] = mapped_column(String(32))
    granted_by: Mapped[str] = mapped_column(String(16))
    leased_at: Mapped[datetime]


class IssuedCode(Base):
    """A sequence number taken from a block. The UNIQUE constraints make a double issue
    impossible even if two windows race for the next number."""

    __tablename__ = "issued_codes"
    __table_args__ = (UniqueConstraint("block_id", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("code_blocks.id"))
    sequence: Mapped[int]
    code: Mapped[str] = mapped_column(String(64), unique=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    issued_at: Mapped[datetime]


# --- calendar -----------------------------------------------------------------------------


class CalendarOverride(Base):
    """A day whose working status differs from the statutory calendar (a swap, a decree)."""

    __tablename__ = "calendar_overrides"
    __table_args__ = (CheckConstraint(_one_of("kind", CALENDAR_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    published_on: Mapped[date | None]
    effective_from: Mapped[date | None]


# --- sync, audit, settings ----------------------------------------------------------------


class OutboxEntry(Base):
    """A local change waiting to be pushed to central, written in the change's transaction.

    ``id`` is the idempotency key central deduplicates on; ``seq`` gives the push order. An
    entry leaves only after central accepts it; a refused one is quarantined, never dropped.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(_one_of("status", OUTBOX_STATUSES), name="status"),
        Index(None, "status", "seq"),
        # The engine holds an entry back while an earlier one of the same record waits.
        Index(None, "entity", "entity_id", "seq"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(unique=True)
    created_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None]
    quarantine_reason: Mapped[str | None] = mapped_column(Text)


class SyncState(Base):
    """Small sync bookkeeping values, such as the pull cursor."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncConflict(Base):
    """A disagreement with central kept for a person to see: what this counter had (``local``)
    and what central holds (``central``), both JSON. Never deleted; ``resolved_at`` marks it
    dealt with."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (Index(None, "entity", "entity_id"), Index(None, "resolved_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    outbox_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(64))
    """What clashed: the outbox entry's kind on a push, the change's kind on a pull."""
    local: Mapped[str] = mapped_column(Text)
    central: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(128))


class AuditEntry(Base):
    """An append-only, hash-chained record of who did what (see :mod:`app.store.audit`).

    Triggers created by the migration make UPDATE and DELETE on this table fail.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class Setting(Base):
    """A user or machine setting; ``value`` is JSON text."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
