"""Reception details on the dossier: the receiving clerk, the number of sets, why a mandatory
document is missing, the delivery address and the refusal reason.

Every new column has a server default, so dossiers written before this revision stay valid
without a data step. Frozen history: never imports the app's models.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Frozen copy of app.store.search.REKEY_SQL as it was at this revision (migrations never import
# application code that may change later).
SEARCH_REKEY_SQL = (
    "CASE entity WHEN 'procedure' THEN 1 WHEN 'applicant' THEN 2 WHEN 'dossier' THEN 3 END"
    " * 1099511627776 + CAST(entity_id AS INTEGER)"
)


def upgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("received_by", sa.String(length=255), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("sets", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(
            sa.Column("missing_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("delivery_address", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("refusal_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("applicant_snapshot", sa.Text(), nullable=False, server_default="")
        )
        batch_op.create_index("ix_dossiers_state_received_at", ["state", "received_at"])
    # Search entries are replaced by row id from now on (app.store.search.search_rowid):
    # give the rows written before this revision their keyed row ids.
    op.execute("CREATE TEMP TABLE search_rekey AS SELECT entity, entity_id, body FROM search_index")
    op.execute("DELETE FROM search_index")
    op.execute(
        f"INSERT INTO search_index (rowid, entity, entity_id, body) "
        f"SELECT {SEARCH_REKEY_SQL}, entity, entity_id, body FROM search_rekey"
    )
    op.execute("DROP TABLE search_rekey")


def downgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index("ix_dossiers_state_received_at")
        batch_op.drop_column("applicant_snapshot")
        batch_op.drop_column("refusal_reason")
        batch_op.drop_column("delivery_address")
        batch_op.drop_column("missing_reason")
        batch_op.drop_column("sets")
        batch_op.drop_column("received_by")
