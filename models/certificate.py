"""X.509 certificates of the workstation: a local CA, or imported ones, and the signing certificate."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class Certificate(Base):
    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "ca" (a trust root / chain certificate) or "signing" (the workstation's dossier-signing certificate)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    subject: Mapped[str] = mapped_column(String(500))
    cert_der: Mapped[bytes] = mapped_column(LargeBinary)
    # PKCS#8 private key wrapped under the workstation key; NULL for certificates without a key here.
    wrapped_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
