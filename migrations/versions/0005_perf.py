"""perf: covering indexes for the session list's aggregates (issue 16)

Revision ID: 0005_perf
Revises: 0004
Create Date: 2026-11-30 15:00:00

The list counts sealed envelopes (not the chair's) and declared conflicts per round; with these indexes the
counts read the index alone instead of every encrypted envelope.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_perf"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_envelopes_round_id_is_chair", "envelopes", ["round_id", "is_chair"], unique=False)
    op.create_index("ix_recusals_round_id_has_conflict", "recusals", ["round_id", "has_conflict"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_recusals_round_id_has_conflict", table_name="recusals")
    op.drop_index("ix_envelopes_round_id_is_chair", table_name="envelopes")
