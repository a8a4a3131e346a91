"""Reveal keys held one per holder per round (DESIGN.md §5): made in the holder's own session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class HolderKey(Base):
    """One one-time round key of a holder: custodians issue them in batches, the chair makes one at opening.

    ``round_id`` and ``layer`` are set when the key is spent on a round; which key a round uses is a
    signed fact (the chair's opening entry), the columns only find it again.
    """

    __tablename__ = "holder_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    kem_public: Mapped[bytes] = mapped_column(LargeBinary)
    # The private half, wrapped by the holder's own account key (never the database key).
    wrapped_private: Mapped[bytes] = mapped_column(LargeBinary)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id"), index=True)
    layer: Mapped[int | None] = mapped_column(Integer)
    # A custodian's release at the reveal: the private key sealed, in the custodian's own session,
    # to the chair's identity key (fingerprint ``released_to``) — the chair never holds the custodian's keys.
    released: Mapped[bytes | None] = mapped_column(LargeBinary)
    released_to: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
