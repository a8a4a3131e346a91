"""A review session (会审事项) with its items, participants and custodians."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, utcnow


class ReviewSession(Base):
    __tablename__ = "review_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref_number: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(64))
    classification: Mapped[str] = mapped_column(String(32))
    classification_term: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(16), index=True)
    rule: Mapped[str] = mapped_column(String(32))
    chair_counts: Mapped[bool] = mapped_column(default=True)
    # JSON list of option labels, shared by all items of the session.
    options: Mapped[str] = mapped_column(Text)
    chair_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    # Attendance quorum when the chair asked for more than the rule's default ("two-thirds"); None: default.
    quorum: Mapped[str | None] = mapped_column(String(32))
    # The deputy chair (副主持人) named at creation, who decides the chair's own recusal and, when approving it,
    # acts as chair; None: no deputy (part of the signed definition only when set).
    deputy_id: Mapped[int | None] = mapped_column(default=None)  # an account id

    items: Mapped[list[SessionItem]] = relationship(order_by="SessionItem.number", lazy="selectin")
    participants: Mapped[list[Participant]] = relationship(order_by="Participant.id", lazy="selectin")
    custodians: Mapped[list[Custodian]] = relationship(order_by="Custodian.id", lazy="selectin")


class SessionItem(Base):
    __tablename__ = "session_items"
    __table_args__ = (UniqueConstraint("session_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("review_sessions.id"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)


class Participant(Base):
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("session_id", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("review_sessions.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))


class Custodian(Base):
    __tablename__ = "custodians"
    __table_args__ = (UniqueConstraint("session_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("review_sessions.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
