"""Revealed opinions and the recorded decision (决定); both append-only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class RevealedOpinion(Base):
    """The outcome of opening one envelope at reveal: its content, or why it was rejected."""

    __tablename__ = "revealed_opinions"

    id: Mapped[int] = mapped_column(primary_key=True)
    envelope_id: Mapped[int] = mapped_column(ForeignKey("envelopes.id"), unique=True)
    valid: Mapped[bool]
    # Older stores: the content in clear.  Now: None, and the content (with its commitment salt) is
    # ``sealed_content``, encrypted under the session's content key.
    content: Mapped[str | None] = mapped_column(Text)
    sealed_content: Mapped[bytes | None] = mapped_column(LargeBinary)
    problem: Mapped[str | None] = mapped_column(String(200))
    # The commitment salt (hex): with the content it recomputes the envelope's signed commitment.
    salt: Mapped[str | None] = mapped_column(String(64))
    revealed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Decision(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("review_sessions.id"), unique=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    text: Mapped[str] = mapped_column(Text)  # "" when the text is sealed under the content key
    sealed_text: Mapped[bytes | None] = mapped_column(LargeBinary)
    decided_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    # JSON {"adopted": {item: option}, "reason": text}: what the decision adopts and why it departs from the
    # tally; sealed under the content key like the text (sealed_basis), "" / None for decisions before 0005.
    basis: Mapped[str | None] = mapped_column(Text)
    sealed_basis: Mapped[bytes | None] = mapped_column(LargeBinary)
