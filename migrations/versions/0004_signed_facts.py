"""signed facts: keep each revealed opinion's commitment salt; index audit entries by object

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 23:59:00

The salt lets anyone recompute a revealed opinion's commitment (and so check
its text against the author's signature) long after reveal.  Stores made before
this have no salt for their revealed opinions; their facts are re-anchored in
the signed log at the first unlock (``store.reanchor``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # ADD COLUMN keeps the table (and its append-only triggers) in place.
    op.add_column("revealed_opinions", sa.Column("salt", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_audit_entries_object"), "audit_entries", ["object"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_entries_object"), table_name="audit_entries")
    with op.batch_alter_table("revealed_opinions") as batch:
        batch.drop_column("salt")
