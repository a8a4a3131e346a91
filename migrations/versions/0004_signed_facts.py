"""signed facts: commitment salts kept; audit entries indexed by object; per-holder round keys

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
    op.create_table(
        "holder_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("kem_public", sa.LargeBinary(), nullable=False),
        sa.Column("wrapped_private", sa.LargeBinary(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("layer", sa.Integer(), nullable=True),
        sa.Column("released", sa.LargeBinary(), nullable=True),
        sa.Column("released_to", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["holder_id"], ["accounts.id"], name=op.f("fk_holder_keys_holder_id_accounts")),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_holder_keys_round_id_rounds")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holder_keys")),
        sa.UniqueConstraint("digest", name=op.f("uq_holder_keys_digest")),
    )
    op.create_index(op.f("ix_holder_keys_holder_id"), "holder_keys", ["holder_id"], unique=False)
    op.create_index(op.f("ix_holder_keys_round_id"), "holder_keys", ["round_id"], unique=False)
    op.add_column("revealed_opinions", sa.Column("sealed_content", sa.LargeBinary(), nullable=True))
    op.add_column("decisions", sa.Column("sealed_text", sa.LargeBinary(), nullable=True))
    op.add_column("recusals", sa.Column("sealed_statement", sa.LargeBinary(), nullable=True))
    op.create_table(
        "content_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_content_keys_account_id_accounts")),
        sa.ForeignKeyConstraint(
            ["session_id"], ["review_sessions.id"], name=op.f("fk_content_keys_session_id_review_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_keys")),
        sa.UniqueConstraint("session_id", "fingerprint", name=op.f("uq_content_keys_session_id_fingerprint")),
    )
    op.create_index(op.f("ix_content_keys_session_id"), "content_keys", ["session_id"], unique=False)


def downgrade() -> None:
    op.drop_table("content_keys")
    for table, column in (
        ("recusals", "sealed_statement"),
        ("decisions", "sealed_text"),
        ("revealed_opinions", "sealed_content"),
    ):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
    op.drop_table("holder_keys")
    op.drop_index(op.f("ix_audit_entries_object"), table_name="audit_entries")
    with op.batch_alter_table("revealed_opinions") as batch:
        batch.drop_column("salt")
