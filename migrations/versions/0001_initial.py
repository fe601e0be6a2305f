"""Initial schema of the local store, the FTS5 search index and the audit-log guards.

Instants are DATETIME columns holding naive UTC (see ``app.store.types.UtcDateTime``). The
search index and the triggers are raw SQL because SQLAlchemy models cannot describe them. This
file is frozen history: it never imports the app's models, so later model changes cannot
alter what it does.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 09:26:38.211857
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "admin_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("division_type", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("parent_code", sa.String(length=16), nullable=True),
        sa.Column("era", sa.String(length=8), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.CheckConstraint("era IN ('pre2025', '2025')", name=op.f("ck_admin_units_era")),
        sa.CheckConstraint(
            "level IN ('province', 'district', 'commune')", name=op.f("ck_admin_units_level")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_units")),
        sa.UniqueConstraint("era", "level", "code", name=op.f("uq_admin_units_era_level_code")),
    )
    with op.batch_alter_table("admin_units", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_admin_units_era_level_parent_code"),
            ["era", "level", "parent_code"],
            unique=False,
        )

    op.create_table(
        "applicants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("id_number", sa.String(length=32), nullable=True),
        sa.Column("old_id_number", sa.String(length=32), nullable=True),
        sa.Column("full_name", sa.String(length=255), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(length=8), nullable=True),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("admin_unit_code", sa.String(length=16), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column("tax_code", sa.String(length=32), nullable=True),
        sa.Column("representative", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('individual', 'organisation')", name=op.f("ck_applicants_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applicants")),
    )
    with op.batch_alter_table("applicants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_applicants_id_number"), ["id_number"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_log_hash")),
    )
    op.create_table(
        "calendar_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('day_off', 'working_day')", name=op.f("ck_calendar_overrides_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_overrides")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_overrides_day")),
    )
    op.create_table(
        "code_blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_code", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("lease_id", sa.String(length=64), nullable=False),
        sa.Column("counter_code", sa.String(length=32), nullable=False),
        sa.Column("granted_by", sa.String(length=16), nullable=False),
        sa.Column("leased_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "granted_by IN ('central', 'standalone')", name=op.f("ck_code_blocks_granted_by")
        ),
        sa.CheckConstraint("first >= 1 AND first <= last", name=op.f("ck_code_blocks_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_code_blocks")),
        sa.UniqueConstraint("lease_id", name=op.f("uq_code_blocks_lease_id")),
    )
    with op.batch_alter_table("code_blocks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_code_blocks_agency_code_day"), ["agency_code", "day"], unique=False
        )

    op.create_table(
        "org_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("agency_code", sa.String(length=32), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("successor_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('center', 'branch', 'point')", name=op.f("ck_org_units_kind")),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["org_units.id"], name=op.f("fk_org_units_parent_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["successor_id"], ["org_units.id"], name=op.f("fk_org_units_successor_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_units")),
        sa.UniqueConstraint("code", name=op.f("uq_org_units_code")),
    )
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_org_units_agency_code"), ["agency_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_org_units_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("quarantine_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'accepted', 'retrying', 'quarantined')",
            name=op.f("ck_outbox_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("seq", name=op.f("uq_outbox_seq")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_status_seq"), ["status", "seq"], unique=False)

    op.create_table(
        "procedures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("field", sa.String(length=255), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "level IN ('province', 'district', 'commune')", name=op.f("ck_procedures_level")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedures")),
        sa.UniqueConstraint("code", name=op.f("uq_procedures_code")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "counters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_counters_org_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counters")),
        sa.UniqueConstraint("org_unit_id", "code", name=op.f("uq_counters_org_unit_id_code")),
    )
    op.create_table(
        "procedure_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.Column("processing_unit", sa.String(length=16), nullable=False),
        sa.Column("processing_value", sa.Float(), nullable=False),
        sa.Column("fee_text", sa.Text(), nullable=False),
        sa.Column("fee_amount_vnd", sa.Integer(), nullable=True),
        sa.Column("deciding_agency", sa.String(length=255), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "processing_unit IN ('working_days', 'working_hours', 'same_day')",
            name=op.f("ck_procedure_versions_processing_unit"),
        ),
        sa.CheckConstraint(
            "processing_value >= 0", name=op.f("ck_procedure_versions_processing_value")
        ),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedures.id"],
            name=op.f("fk_procedure_versions_procedure_id_procedures"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_versions")),
        sa.UniqueConstraint(
            "procedure_id",
            "effective_from",
            name=op.f("uq_procedure_versions_procedure_id_effective_from"),
        ),
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("procedure_version_id", sa.Integer(), nullable=False),
        sa.Column("applicant_id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("counter_clock_at", sa.DateTime(), nullable=False),
        sa.Column("local_sequence", sa.Integer(), nullable=True),
        sa.Column("central_received_at", sa.DateTime(), nullable=True),
        sa.Column("delivery_method", sa.String(length=32), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("queue_ticket", sa.String(length=32), nullable=True),
        sa.Column("service_started_at", sa.DateTime(), nullable=True),
        sa.Column("service_ended_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["applicant_id"], ["applicants.id"], name=op.f("fk_dossiers_applicant_id_applicants")
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_dossiers_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_dossiers_org_unit_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["procedure_version_id"],
            ["procedure_versions.id"],
            name=op.f("fk_dossiers_procedure_version_id_procedure_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossiers")),
        sa.UniqueConstraint("code", name=op.f("uq_dossiers_code")),
        sa.UniqueConstraint("local_sequence", name=op.f("uq_dossiers_local_sequence")),
    )
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossiers_applicant_id"), ["applicant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dossiers_due_at"), ["due_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_dossiers_procedure_version_id"), ["procedure_version_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dossiers_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossiers_state"), ["state"], unique=False)

    op.create_table(
        "handover_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("to_agency", sa.String(length=255), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by", sa.String(length=128), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("reject_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "state IN ('draft', 'submitted', 'approved', 'rejected')",
            name=op.f("ck_handover_batches_state"),
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_handover_batches_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"],
            ["org_units.id"],
            name=op.f("fk_handover_batches_org_unit_id_org_units"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_batches")),
        sa.UniqueConstraint("code", name=op.f("uq_handover_batches_code")),
    )
    op.create_table(
        "required_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procedure_version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("mandatory", sa.Boolean(), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "form IN ('original', 'certified_copy', 'copy', 'present')",
            name=op.f("ck_required_documents_form"),
        ),
        sa.CheckConstraint("copies >= 0", name=op.f("ck_required_documents_copies")),
        sa.ForeignKeyConstraint(
            ["procedure_version_id"],
            ["procedure_versions.id"],
            name=op.f("fk_required_documents_procedure_version_id_procedure_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_required_documents")),
        sa.UniqueConstraint(
            "procedure_version_id",
            "position",
            name=op.f("uq_required_documents_procedure_version_id_position"),
        ),
    )
    op.create_table(
        "dossier_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("required_document_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("received", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "form IN ('original', 'certified_copy', 'copy', 'present')",
            name=op.f("ck_dossier_documents_form"),
        ),
        sa.CheckConstraint("copies >= 0", name=op.f("ck_dossier_documents_copies")),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
            name=op.f("fk_dossier_documents_dossier_id_dossiers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["required_document_id"],
            ["required_documents.id"],
            name=op.f("fk_dossier_documents_required_document_id_required_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_documents")),
    )
    with op.batch_alter_table("dossier_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_documents_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "handover_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("originals_checked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["handover_batches.id"],
            name=op.f("fk_handover_items_batch_id_handover_batches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_handover_items_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_items")),
        sa.UniqueConstraint(
            "batch_id", "dossier_id", name=op.f("uq_handover_items_batch_id_dossier_id")
        ),
    )
    with op.batch_alter_table("handover_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_handover_items_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "issued_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("block_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["block_id"], ["code_blocks.id"], name=op.f("fk_issued_codes_block_id_code_blocks")
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_issued_codes_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_codes")),
        sa.UniqueConstraint("block_id", "sequence", name=op.f("uq_issued_codes_block_id_sequence")),
        sa.UniqueConstraint("code", name=op.f("uq_issued_codes_code")),
        sa.UniqueConstraint("dossier_id", name=op.f("uq_issued_codes_dossier_id")),
    )
    op.create_table(
        "status_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("from_state", sa.String(length=32), nullable=True),
        sa.Column("to_state", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_status_history_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
            name=op.f("fk_status_history_dossier_id_dossiers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_status_history_org_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_history")),
    )
    with op.batch_alter_table("status_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_status_history_dossier_id_at"), ["dossier_id", "at"], unique=False
        )

    op.create_table(
        "pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("dpi", sa.Integer(), nullable=False),
        sa.Column("ocr_text", sa.Text(), nullable=True),
        sa.Column("ocr_confidence", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["dossier_documents.id"],
            name=op.f("fk_pages_document_id_dossier_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pages")),
    )
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pages_document_id_position"), ["document_id", "position"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pages_sha256"), ["sha256"], unique=False)

    # Bodies are stored already folded (app.domain.text.fold): unicode61 does not fold "đ".
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "entity UNINDEXED, entity_id UNINDEXED, body, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    for statement in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_log_no_{statement.lower()} BEFORE {statement} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.execute("DROP TABLE IF EXISTS search_index")
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pages_sha256"))
        batch_op.drop_index(batch_op.f("ix_pages_document_id_position"))

    op.drop_table("pages")
    with op.batch_alter_table("status_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_history_dossier_id_at"))

    op.drop_table("status_history")
    op.drop_table("issued_codes")
    with op.batch_alter_table("handover_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_items_dossier_id"))

    op.drop_table("handover_items")
    with op.batch_alter_table("dossier_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_documents_dossier_id"))

    op.drop_table("dossier_documents")
    op.drop_table("required_documents")
    op.drop_table("handover_batches")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossiers_state"))
        batch_op.drop_index(batch_op.f("ix_dossiers_received_at"))
        batch_op.drop_index(batch_op.f("ix_dossiers_procedure_version_id"))
        batch_op.drop_index(batch_op.f("ix_dossiers_due_at"))
        batch_op.drop_index(batch_op.f("ix_dossiers_applicant_id"))

    op.drop_table("dossiers")
    op.drop_table("procedure_versions")
    op.drop_table("counters")
    op.drop_table("sync_state")
    op.drop_table("settings")
    op.drop_table("procedures")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_status_seq"))

    op.drop_table("outbox")
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_units_parent_id"))
        batch_op.drop_index(batch_op.f("ix_org_units_agency_code"))

    op.drop_table("org_units")
    with op.batch_alter_table("code_blocks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_code_blocks_agency_code_day"))

    op.drop_table("code_blocks")
    op.drop_table("calendar_overrides")
    op.drop_table("audit_log")
    with op.batch_alter_table("applicants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_applicants_id_number"))

    op.drop_table("applicants")
    with op.batch_alter_table("admin_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admin_units_era_level_parent_code"))

    op.drop_table("admin_units")
