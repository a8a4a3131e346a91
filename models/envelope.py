"""Sealed opinions (密封意见) and the author's private drafts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class Envelope(Base):
    """Append-only: database triggers refuse UPDATE and DELETE."""

    __tablename__ = "envelopes"
    __table_args__ = (
        UniqueConstraint("round_id", "author_id"),
        Index("ix_envelopes_round_id_is_chair", "round_id", "is_chair"),  # the session list's count (0005_perf)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    # NULL for the chair's own position (末位表态).
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    is_chair: Mapped[bool] = mapped_column(default=False)
    sealed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Canonical JSON: session, round, participant, author, time, suite.
    header: Mapped[str] = mapped_column(Text)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    commitment: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    signer_identity_id: Mapped[int] = mapped_column(ForeignKey("identities.id"))
    # The same content sealed to the author's own key, for reading back.
    author_copy: Mapped[bytes] = mapped_column(LargeBinary)


class OpinionDraft(Base):
    """An unsealed draft, wrapped under its author's account key (only they can read it)."""

    __tablename__ = "opinion_drafts"
    __table_args__ = (UniqueConstraint("round_id", "author_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
