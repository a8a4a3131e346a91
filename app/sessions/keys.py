"""The per-round reveal key: made at opening, split among chair and custodians, recombined at reveal."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app import identity, secret_split
from app.crypto import InvalidData, provider
from app.errors import Refused
from app.i18n import tr
from models import Account, RevealShare, ReviewSession, Round


def share_info(store_id: str, session_id: int, round_number: int, holder: str) -> bytes:
    return f"huishen-reveal-share/1|{store_id}|{session_id}|{round_number}|{holder}".encode()


def holders(db: Session, session: ReviewSession) -> list[Account]:
    """The chair first, then the custodians: each must give a passphrase at reveal."""
    ids = [session.chair_id] + [c.account_id for c in session.custodians if c.account_id != session.chair_id]
    return [db.get_one(Account, i) for i in ids]


def new_round(db: Session, store_id: str, session: ReviewSession, number: int, reason: str) -> Round:
    """Create round ``number``: a fresh hybrid key pair whose private half exists only as sealed shares."""
    crypto = provider()
    pair = crypto.new_encryption_key()
    rnd = Round(session_id=session.id, number=number, reveal_public=pair.public, opened_reason=reason)
    db.add(rnd)
    db.flush()
    people = holders(db, session)
    for holder, share in zip(people, secret_split.split(pair.private, len(people)), strict=True):
        ident = identity.current(db, holder.id)
        sealed = crypto.seal(ident.kem_public, share, share_info(store_id, session.id, number, holder.name))
        db.add(RevealShare(round_id=rnd.id, holder_id=holder.id, sealed_share=sealed))
    db.flush()
    return rnd


def open_share(
    store_id: str, session: ReviewSession, rnd: Round, holder: str, share: RevealShare, kem_private: bytes
) -> bytes:
    """One holder's share, opened with that holder's own identity key."""
    try:
        return provider().open(kem_private, share.sealed_share, share_info(store_id, session.id, rnd.number, holder))
    except InvalidData as exc:
        raise Refused(tr("The reveal-key share of {name} does not open with their key.").format(name=holder)) from exc


def recombine(shares: list[bytes], rnd: Round) -> bytes:
    """The round's reveal private key; refuses if the shares do not make the recorded public key."""
    private = secret_split.combine(shares)
    probe = provider().seal(rnd.reveal_public, b"probe", b"huishen-reveal-probe")
    try:
        provider().open(private, probe, b"huishen-reveal-probe")
    except InvalidData as exc:
        raise Refused(tr("The reveal-key shares do not fit together; the store may have been tampered with.")) from exc
    return private
