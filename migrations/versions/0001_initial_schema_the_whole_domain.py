"""initial schema: the whole domain

Tables for every aggregate of DESIGN.md §2, plus the database triggers that make
sealed envelopes, recusals, revealed opinions, decisions, reveal shares and audit
entries append-only, and a session's status move only forward.  A later batch
migration that recreates one of these tables must recreate its triggers.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 12:13:17.921167
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = (
    "audit_entries",
    "envelopes",
    "recusals",
    "revealed_opinions",
    "decisions",
    "reveal_shares",
)

# The one-way lifecycle of DESIGN.md §3: any other status change is refused by the store itself.
STATUS_MOVES = (
    "draft>collecting",
    "draft>withdrawn",
    "collecting>sealed",
    "collecting>withdrawn",
    "sealed>revealed",
    "revealed>decided",
    "revealed>collecting",
    "decided>archived",
)

TRIGGERS: list[str] = []
TRIGGER_NAMES: list[str] = []
for _table in APPEND_ONLY:
    for _verb in ("UPDATE", "DELETE"):
        _name = f"trg_{_table}_no_{_verb.lower()}"
        TRIGGER_NAMES.append(_name)
        TRIGGERS.append(
            f"CREATE TRIGGER {_name} BEFORE {_verb} ON {_table} "
            f"BEGIN SELECT RAISE(ABORT, '{_table} is append-only'); END"
        )

_moves = ", ".join(f"'{m}'" for m in STATUS_MOVES)
TRIGGER_NAMES += [
    "trg_review_sessions_status",
    "trg_review_sessions_frozen",
    "trg_review_sessions_no_delete",
    "trg_rounds_frozen",
    "trg_rounds_no_delete",
]
TRIGGERS += [
    "CREATE TRIGGER trg_review_sessions_status BEFORE UPDATE OF status ON review_sessions "
    f"WHEN OLD.status != NEW.status AND (OLD.status || '>' || NEW.status) NOT IN ({_moves}) "
    "BEGIN SELECT RAISE(ABORT, 'session status can only move forward'); END",
    "CREATE TRIGGER trg_review_sessions_frozen BEFORE UPDATE ON review_sessions "
    "WHEN OLD.status != 'draft' AND (OLD.ref_number IS NOT NEW.ref_number OR OLD.title IS NOT NEW.title "
    "OR OLD.kind IS NOT NEW.kind OR OLD.classification IS NOT NEW.classification "
    "OR OLD.classification_term IS NOT NEW.classification_term OR OLD.rule IS NOT NEW.rule "
    "OR OLD.chair_counts IS NOT NEW.chair_counts OR OLD.options IS NOT NEW.options "
    "OR OLD.chair_id IS NOT NEW.chair_id OR OLD.deadline IS NOT NEW.deadline "
    "OR OLD.created_at IS NOT NEW.created_at) "
    "BEGIN SELECT RAISE(ABORT, 'a session is editable only in draft'); END",
    "CREATE TRIGGER trg_review_sessions_no_delete BEFORE DELETE ON review_sessions WHEN OLD.status != 'draft' "
    "BEGIN SELECT RAISE(ABORT, 'only a draft session can be deleted'); END",
    "CREATE TRIGGER trg_rounds_frozen BEFORE UPDATE ON rounds "
    "WHEN OLD.reveal_public IS NOT NEW.reveal_public OR OLD.number IS NOT NEW.number "
    "OR OLD.session_id IS NOT NEW.session_id OR OLD.opened_at IS NOT NEW.opened_at "
    "OR (OLD.closed_at IS NOT NULL AND OLD.closed_at IS NOT NEW.closed_at) "
    "OR (OLD.close_reason IS NOT NULL AND OLD.close_reason IS NOT NEW.close_reason) "
    "OR (OLD.revealed_at IS NOT NULL AND OLD.revealed_at IS NOT NEW.revealed_at) "
    "BEGIN SELECT RAISE(ABORT, 'a round only moves forward'); END",
    "CREATE TRIGGER trg_rounds_no_delete BEFORE DELETE ON rounds "
    "BEGIN SELECT RAISE(ABORT, 'rounds are never deleted'); END",
]


def upgrade() -> None:
    op.create_table(
        "departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departments")),
        sa.UniqueConstraint("name", name=op.f("uq_departments_name")),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name=op.f("fk_accounts_department_id_departments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("name", name=op.f("uq_accounts_name")),
    )
    op.create_table(
        "account_roles",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_account_roles_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "role", name=op.f("pk_account_roles")),
    )
    op.create_table(
        "identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("sign_public", sa.LargeBinary(), nullable=False),
        sa.Column("kem_public", sa.LargeBinary(), nullable=False),
        sa.Column("wrapped_private", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("retired_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_identities_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identities")),
    )
    with op.batch_alter_table("identities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identities_account_id"), ["account_id"], unique=False)

    op.create_table(
        "review_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref_number", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("classification", sa.String(length=32), nullable=False),
        sa.Column("classification_term", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("chair_counts", sa.Boolean(), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("chair_id", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("withdrawn_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["chair_id"], ["accounts.id"], name=op.f("fk_review_sessions_chair_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_sessions")),
        sa.UniqueConstraint("ref_number", name=op.f("uq_review_sessions_ref_number")),
    )
    with op.batch_alter_table("review_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_sessions_status"), ["status"], unique=False)

    op.create_table(
        "audit_entries",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("ts", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("object", sa.String(length=200), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("identity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["identity_id"], ["identities.id"], name=op.f("fk_audit_entries_identity_id_identities")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entries_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entries_actor"), ["actor"], unique=False)

    op.create_table(
        "custodians",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_custodians_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["review_sessions.id"], name=op.f("fk_custodians_session_id_review_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custodians")),
        sa.UniqueConstraint("session_id", "account_id", name=op.f("uq_custodians_session_id_account_id")),
    )
    with op.batch_alter_table("custodians", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_custodians_session_id"), ["session_id"], unique=False)

    op.create_table(
        "participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name=op.f("fk_participants_department_id_departments")
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["accounts.id"], name=op.f("fk_participants_reviewer_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["review_sessions.id"], name=op.f("fk_participants_session_id_review_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
        sa.UniqueConstraint(
            "session_id", "department_id", name=op.f("uq_participants_session_id_department_id")
        ),
    )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participants_session_id"), ["session_id"], unique=False)

    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("reveal_public", sa.LargeBinary(), nullable=False),
        sa.Column("opened_at", sa.String(length=32), nullable=False),
        sa.Column("opened_reason", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.String(length=32), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=True),
        sa.Column("revealed_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"], ["review_sessions.id"], name=op.f("fk_rounds_session_id_review_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
        sa.UniqueConstraint("session_id", "number", name=op.f("uq_rounds_session_id_number")),
    )
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rounds_session_id"), ["session_id"], unique=False)

    op.create_table(
        "session_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["review_sessions.id"], name=op.f("fk_session_items_session_id_review_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_items")),
        sa.UniqueConstraint("session_id", "number", name=op.f("uq_session_items_session_id_number")),
    )
    with op.batch_alter_table("session_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_items_session_id"), ["session_id"], unique=False)

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=False),
        sa.Column("decided_at", sa.String(length=32), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["accounts.id"], name=op.f("fk_decisions_decided_by_accounts")
        ),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_decisions_round_id_rounds")),
        sa.ForeignKeyConstraint(
            ["session_id"], ["review_sessions.id"], name=op.f("fk_decisions_session_id_review_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
        sa.UniqueConstraint("session_id", name=op.f("uq_decisions_session_id")),
    )
    op.create_table(
        "envelopes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("is_chair", sa.Boolean(), nullable=False),
        sa.Column("sealed_at", sa.String(length=32), nullable=False),
        sa.Column("header", sa.Text(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("commitment", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("signer_identity_id", sa.Integer(), nullable=False),
        sa.Column("author_copy", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["accounts.id"], name=op.f("fk_envelopes_author_id_accounts")),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participants.id"], name=op.f("fk_envelopes_participant_id_participants")
        ),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_envelopes_round_id_rounds")),
        sa.ForeignKeyConstraint(
            ["signer_identity_id"], ["identities.id"], name=op.f("fk_envelopes_signer_identity_id_identities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_envelopes")),
        sa.UniqueConstraint("round_id", "author_id", name=op.f("uq_envelopes_round_id_author_id")),
    )
    with op.batch_alter_table("envelopes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_envelopes_round_id"), ["round_id"], unique=False)

    op.create_table(
        "opinion_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["accounts.id"], name=op.f("fk_opinion_drafts_author_id_accounts")
        ),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_opinion_drafts_round_id_rounds")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opinion_drafts")),
        sa.UniqueConstraint("round_id", "author_id", name=op.f("uq_opinion_drafts_round_id_author_id")),
    )
    with op.batch_alter_table("opinion_drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_opinion_drafts_round_id"), ["round_id"], unique=False)

    op.create_table(
        "recusals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("has_conflict", sa.Boolean(), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("declared_at", sa.String(length=32), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participants.id"], name=op.f("fk_recusals_participant_id_participants")
        ),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_recusals_round_id_rounds")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recusals")),
        sa.UniqueConstraint("round_id", "participant_id", name=op.f("uq_recusals_round_id_participant_id")),
    )
    with op.batch_alter_table("recusals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recusals_round_id"), ["round_id"], unique=False)

    op.create_table(
        "reveal_shares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("sealed_share", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["holder_id"], ["accounts.id"], name=op.f("fk_reveal_shares_holder_id_accounts")
        ),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_reveal_shares_round_id_rounds")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reveal_shares")),
        sa.UniqueConstraint("round_id", "holder_id", name=op.f("uq_reveal_shares_round_id_holder_id")),
    )
    with op.batch_alter_table("reveal_shares", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reveal_shares_round_id"), ["round_id"], unique=False)

    op.create_table(
        "revealed_opinions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("envelope_id", sa.Integer(), nullable=False),
        sa.Column("valid", sa.Boolean(), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("problem", sa.String(length=200), nullable=True),
        sa.Column("revealed_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["envelope_id"], ["envelopes.id"], name=op.f("fk_revealed_opinions_envelope_id_envelopes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revealed_opinions")),
        sa.UniqueConstraint("envelope_id", name=op.f("uq_revealed_opinions_envelope_id")),
    )
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.drop_table("revealed_opinions")
    with op.batch_alter_table("reveal_shares", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reveal_shares_round_id"))

    op.drop_table("reveal_shares")
    with op.batch_alter_table("recusals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recusals_round_id"))

    op.drop_table("recusals")
    with op.batch_alter_table("opinion_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opinion_drafts_round_id"))

    op.drop_table("opinion_drafts")
    with op.batch_alter_table("envelopes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_envelopes_round_id"))

    op.drop_table("envelopes")
    op.drop_table("decisions")
    with op.batch_alter_table("session_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_items_session_id"))

    op.drop_table("session_items")
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rounds_session_id"))

    op.drop_table("rounds")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participants_session_id"))

    op.drop_table("participants")
    with op.batch_alter_table("custodians", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_custodians_session_id"))

    op.drop_table("custodians")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entries_actor"))
        batch_op.drop_index(batch_op.f("ix_audit_entries_action"))

    op.drop_table("audit_entries")
    with op.batch_alter_table("review_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_sessions_status"))

    op.drop_table("review_sessions")
    with op.batch_alter_table("identities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identities_account_id"))

    op.drop_table("identities")
    op.drop_table("account_roles")
    op.drop_table("accounts")
    op.drop_table("departments")
