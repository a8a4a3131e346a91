"""Recusal declarations (回避): a conflict of interest, or the declaration of none."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class Recusal(Base):
    """Append-only: database triggers refuse UPDATE and DELETE."""

    __tablename__ = "recusals"
    __table_args__ = (
        UniqueConstraint("round_id", "participant_id"),
        Index("ix_recusals_round_id_has_conflict", "round_id", "has_conflict"),  # the session list (0005_perf)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    has_conflict: Mapped[bool]
    statement: Mapped[str] = mapped_column(Text, default="")  # "" when sealed under the content key
    sealed_statement: Mapped[bytes | None] = mapped_column(LargeBinary)
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
