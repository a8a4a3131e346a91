"""Identities: an Ed25519 signing key and a hybrid encryption key per account or workstation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class Identity(Base):
    __tablename__ = "identities"

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL account: the workstation's own identity.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    sign_public: Mapped[bytes] = mapped_column(LargeBinary)
    kem_public: Mapped[bytes] = mapped_column(LargeBinary)
    # Private halves, wrapped by the account key (or the workstation key).
    wrapped_private: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
