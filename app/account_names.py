"""Account names, passphrases and reasons: the checks every account service applies first."""

from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import passphrase as passphrase_policy
from app.context import AccountContext
from app.errors import InvalidInput, StoreUnavailable
from app.i18n import tr
from models import Account, Department

MIN_PASSPHRASE = passphrase_policy.MIN_LENGTH
WORKSTATION = "workstation"


def check_name(name: str, what: str) -> str:
    """A clean account or department name: trimmed, printable, 1–100 characters, no '=' or '/'."""
    name = unicodedata.normalize("NFC", name.strip())
    if not name or len(name) > 100:
        raise InvalidInput(tr("The {what} name must be 1 to 100 characters long.").format(what=what))
    if any(unicodedata.category(c).startswith("C") or c in "=/\\" for c in name):
        raise InvalidInput(
            tr("The {what} name may not contain control characters, '=', '/' or '\\'.").format(what=what)
        )
    if name.lower() == WORKSTATION:
        raise InvalidInput(tr("'{name}' is reserved; choose another name.").format(name=name))
    return name


def check_passphrase(passphrase: str, min_score: int = passphrase_policy.DEFAULT_MIN_SCORE, name: str = "") -> None:
    """Refuse passphrases too short, blank or too easy to guess (app.passphrase)."""
    passphrase_policy.check(passphrase, min_score, [name])


def min_score(ctx: AccountContext) -> int:
    from app import policy

    with ctx.store.transaction() as db:
        return policy.load(db, ctx.registry).passphrase_min_score


def department_row(db: Session, name: str | None) -> Department | None:
    if not name:
        return None
    name = check_name(name, tr("department"))
    dept = db.scalars(select(Department).where(Department.name == name)).first()
    if dept is None:
        dept = Department(name=name)
        db.add(dept)
        db.flush()
    return dept


MAX_REASON = 500


def check_reason(reason: str) -> str:
    """A reason for disabling an account: trimmed, 1–500 characters, no control characters but line breaks."""
    reason = unicodedata.normalize("NFC", reason.strip())
    if not reason:
        raise InvalidInput(tr("Give a reason for disabling the account; it is recorded in the audit log."))
    if len(reason) > MAX_REASON:
        raise InvalidInput(tr("The reason may be at most {n} characters long.").format(n=MAX_REASON))
    if any(unicodedata.category(c).startswith("C") and c != "\n" for c in reason):
        raise InvalidInput(tr("The reason may not contain control characters."))
    return reason


def account_row(db: Session, name: str) -> Account | None:
    """The one accounts row named ``name`` (None: none).  Two rows of one name (the UNIQUE dropped, a row planted)
    are refused: which of them a lookup finds depends on how it searches, so neither is the account."""
    rows = list(db.scalars(select(Account).where(Account.name == name).limit(2)))
    if len(rows) > 1:
        raise StoreUnavailable(
            tr(
                "The store holds more than one account named {name}: the database was altered. Tell the auditor."
            ).format(name=name)
        )
    return rows[0] if rows else None
