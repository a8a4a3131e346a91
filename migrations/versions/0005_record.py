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
down_revision: str | None = "0005_perf"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_OLD_MOVES = (
    "draft>collecting",
    "draft>withdrawn",
    "collecting>sealed",
    "collecting>withdrawn",
    "sealed>revealed",
    "revealed>decided",
    "revealed>collecting",
    "decided>archived",
)
# 暂缓: where no majority formed the chair may withdraw a revealed session (issue 14 item 2).
_MOVES = (*_OLD_MOVES, "revealed>withdrawn")


def _status_trigger(moves: tuple[str, ...]) -> str:
    listed = ", ".join(f"'{m}'" for m in moves)
    return (
        "CREATE TRIGGER trg_review_sessions_status BEFORE UPDATE OF status ON review_sessions "
        f"WHEN OLD.status != NEW.status AND (OLD.status || '>' || NEW.status) NOT IN ({listed}) "
        "BEGIN SELECT RAISE(ABORT, 'session status can only move forward'); END"
    )


_QUORUM_FROZEN = (
    "CREATE TRIGGER trg_review_sessions_quorum_frozen BEFORE UPDATE OF quorum ON review_sessions "
    "WHEN OLD.status != 'draft' AND OLD.quorum IS NOT NEW.quorum "
    "BEGIN SELECT RAISE(ABORT, 'a session is editable only in draft'); END"
)


def upgrade() -> None:
    # ADD COLUMN keeps the tables (and their append-only triggers) in place.
    op.add_column("decisions", sa.Column("basis", sa.Text(), nullable=True))
    op.add_column("decisions", sa.Column("sealed_basis", sa.LargeBinary(), nullable=True))
    op.add_column("review_sessions", sa.Column("quorum", sa.String(length=32), nullable=True))
    op.execute("DROP TRIGGER IF EXISTS trg_review_sessions_status")
    op.execute(_status_trigger(_MOVES))
    op.execute(_QUORUM_FROZEN)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS trg_review_sessions_quorum_frozen")
    op.execute("DROP TRIGGER IF EXISTS trg_review_sessions_status")
    op.execute(_status_trigger(_OLD_MOVES))
    op.drop_column("review_sessions", "quorum")
    op.drop_column("decisions", "sealed_basis")
    op.drop_column("decisions", "basis")
