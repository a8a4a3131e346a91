"""a truthful record: the basis of a decision (options adopted, reason for departing from the tally) and a
session's attendance quorum

Revision ID: 0005_record
Revises: 0004
Create Date: 2026-11-30 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_record"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # ADD COLUMN keeps the tables (and their append-only triggers) in place.
    op.add_column("decisions", sa.Column("basis", sa.Text(), nullable=True))
    op.add_column("decisions", sa.Column("sealed_basis", sa.LargeBinary(), nullable=True))
    op.add_column("review_sessions", sa.Column("quorum", sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column("review_sessions", "quorum")
    op.drop_column("decisions", "sealed_basis")
    op.drop_column("decisions", "basis")
