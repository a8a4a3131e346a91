"""the deputy chair named on a session (副主持人), who decides the chair's own recusal

Revision ID: 0006_deputy
Revises: 0005_record
Create Date: 2026-11-30 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_deputy"
down_revision: str | None = "0005_record"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch (table copy) would drop the status triggers of review_sessions.
    op.add_column(
        "review_sessions",
        sa.Column("deputy_id", sa.Integer(), nullable=True),  # an account id (no FK: SQLite cannot add one)
    )


def downgrade() -> None:
    with op.batch_alter_table("review_sessions") as batch:
        batch.drop_column("deputy_id")
