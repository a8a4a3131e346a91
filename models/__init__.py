"""SQLAlchemy ORM models, one module per aggregate (DESIGN.md §2)."""

from models.account import Account, AccountRole
from models.audit import AuditEntry
from models.base import Base
from models.certificate import Certificate
from models.content_key import ContentKey
from models.decision import Decision, RevealedOpinion
from models.department import Department
from models.envelope import Envelope, OpinionDraft
from models.holder_key import HolderKey
from models.identity import Identity
from models.recusal import Recusal
from models.review_session import Custodian, Participant, ReviewSession, SessionItem
from models.round import RevealShare, Round
from models.setting import Setting

__all__ = [
    "Account",
    "AccountRole",
    "AuditEntry",
    "Certificate",
    "Base",
    "Custodian",
    "ContentKey",
    "Decision",
    "Department",
    "Envelope",
    "HolderKey",
    "Identity",
    "OpinionDraft",
    "Participant",
    "Recusal",
    "RevealShare",
    "RevealedOpinion",
    "ReviewSession",
    "Round",
    "SessionItem",
    "Setting",
]
