"""Digitisation: what the pipeline produced for each page, pages captured before their dossier
exists (draft pages), and the PDFs made from each received document (document files).

``pages.sha256`` keeps its meaning of "the file the page came from": the untouched original the
citizen handed in, which the receipt's bundle hash covers. Pages written before this revision
get the defaults; those with OCR text are marked processed. Frozen history: never imports the
app's models.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORIGINS = "origin IN ('import', 'watched_folder', 'camera', 'drop', 'reuse')"
STATES = "state IN ('pending', 'processed', 'failed')"
QUARTER_TURNS = "quarter_turns >= 0 AND quarter_turns <= 3"


def _content_columns() -> list[sa.Column[object]]:
    """The digitisation columns pages and draft pages share (frozen copy of PageContent)."""
    return [
        sa.Column("original_media_type", sa.String(length=64), nullable=False, server_default=""),
        sa.Column("original_page_index", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("origin", sa.String(length=16), nullable=False, server_default="import"),
        sa.Column("image_sha256", sa.String(length=64), nullable=True),
        sa.Column("thumbnail_sha256", sa.String(length=64), nullable=True),
        sa.Column("text_layer_sha256", sa.String(length=64), nullable=True),
        sa.Column("rotation", sa.Float(), nullable=False, server_default="0"),
        sa.Column("quarter_turns", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("flags", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("ocr_language", sa.String(length=64), nullable=True),
        sa.Column("ocr_seconds", sa.Float(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False, server_default="pending"),
    ]


def upgrade() -> None:
    with op.batch_alter_table("pages", schema=None) as batch_op:
        for column in _content_columns():
            batch_op.add_column(column)
        batch_op.add_column(sa.Column("draft_page_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_pages_draft_page_id"), ["draft_page_id"], unique=False)
        batch_op.create_check_constraint(op.f("ck_pages_origin"), ORIGINS)
        batch_op.create_check_constraint(op.f("ck_pages_state"), STATES)
        batch_op.create_check_constraint(op.f("ck_pages_quarter_turns"), QUARTER_TURNS)
    op.execute("UPDATE pages SET state = 'processed' WHERE ocr_text IS NOT NULL")

    op.create_table(
        "draft_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("required_document_id", sa.Integer(), nullable=True),
        sa.Column("document_name", sa.Text(), nullable=False, server_default=""),
        sa.Column("original_sha256", sa.String(length=64), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("dpi", sa.Integer(), nullable=False),
        sa.Column("ocr_text", sa.Text(), nullable=True),
        sa.Column("ocr_confidence", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        *_content_columns(),
        sa.CheckConstraint(ORIGINS, name=op.f("ck_draft_pages_origin")),
        sa.CheckConstraint(STATES, name=op.f("ck_draft_pages_state")),
        sa.CheckConstraint(QUARTER_TURNS, name=op.f("ck_draft_pages_quarter_turns")),
        sa.ForeignKeyConstraint(
            ["required_document_id"],
            ["required_documents.id"],
            name=op.f("fk_draft_pages_required_document_id_required_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_pages")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("draft_pages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_draft_pages_original_sha256"), ["original_sha256"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_draft_pages_slot_position"), ["slot", "position"], unique=False
        )

    op.create_table(
        "document_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("signed", sa.Boolean(), nullable=False, server_default="0"),
        sa.Column("signer_name", sa.String(length=255), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('searchable', 'archive')", name=op.f("ck_document_files_kind")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["dossier_documents.id"],
            name=op.f("fk_document_files_document_id_dossier_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_files")),
        sa.UniqueConstraint("document_id", "kind", name=op.f("uq_document_files_document_id_kind")),
    )
    with op.batch_alter_table("document_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_files_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("document_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_files_sha256"))
    op.drop_table("document_files")
    with op.batch_alter_table("draft_pages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_pages_slot_position"))
        batch_op.drop_index(batch_op.f("ix_draft_pages_original_sha256"))
    op.drop_table("draft_pages")
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_pages_quarter_turns"), type_="check")
        batch_op.drop_constraint(op.f("ck_pages_state"), type_="check")
        batch_op.drop_constraint(op.f("ck_pages_origin"), type_="check")
        batch_op.drop_index(batch_op.f("ix_pages_draft_page_id"))
        batch_op.drop_column("draft_page_id")
        for column in reversed(_content_columns()):
            batch_op.drop_column(column.name)
