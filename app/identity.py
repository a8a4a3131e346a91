"""Identities: an Ed25519 signing key and a hybrid ML-KEM-768+X25519 encryption key.

Private halves are wrapped by the account key (itself held in the account's
passphrase-protected slot), or for the workstation by a key derived from the
database key.  One account's keys are useless to any other account.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.crypto import InvalidData, KeyPair, provider
from app.errors import StoreUnavailable
from app.fingerprint import fingerprint
from app.i18n import tr
from models import Identity

_SIGN_PRIVATE = 32


@dataclass(frozen=True)
class IdentityKeys:
    """Both key pairs of one identity."""

    sign: KeyPair
    kem: KeyPair

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.sign.public, self.kem.public)


def generate() -> IdentityKeys:
    """A fresh identity."""
    crypto = provider()
    return IdentityKeys(crypto.new_signing_key(), crypto.new_encryption_key())


def fingerprint_of(sign_public: bytes, kem_public: bytes) -> str:
    """The read-aloud fingerprint of an identity's public keys (a pure function of them: computed once per
    identity when a long log is verified)."""
    return _fingerprint_of(bytes(sign_public), bytes(kem_public))


@functools.lru_cache(maxsize=4096)
def _fingerprint_of(sign_public: bytes, kem_public: bytes) -> str:
    return fingerprint(b"huishen-identity/1", sign_public, kem_public)


def workstation_wrapping_key(db_key: bytes) -> bytes:
    """The key that wraps the workstation identity (anyone who opens the store may use it)."""
    return provider().subkey(db_key, "huishen/workstation-identity/1")


def _aad(owner: str, fp: str) -> bytes:
    return f"huishen-identity/1|{owner}|{fp}".encode()


def store_identity(db: Session, account_id: int | None, keys: IdentityKeys, wrapping_key: bytes) -> Identity:
    """Persist ``keys`` (private halves wrapped) for an account, or the workstation when None."""
    fp = keys.fingerprint
    owner = str(account_id) if account_id is not None else "workstation"
    wrapped = provider().wrap(wrapping_key, keys.sign.private + keys.kem.private, _aad(owner, fp))
    row = Identity(
        account_id=account_id,
        sign_public=keys.sign.public,
        kem_public=keys.kem.public,
        wrapped_private=wrapped,
        fingerprint=fp,
    )
    db.add(row)
    db.flush()
    return row


def unwrap(row: Identity, wrapping_key: bytes) -> IdentityKeys:
    """The identity's keys; refuses if the private halves do not match the public keys on record."""
    owner = str(row.account_id) if row.account_id is not None else "workstation"
    fp = fingerprint_of(row.sign_public, row.kem_public)
    try:
        private = provider().unwrap(wrapping_key, row.wrapped_private, _aad(owner, fp))
    except InvalidData as exc:
        raise StoreUnavailable(
            tr("The identity keys of this account do not open: the store may have been tampered with.")
        ) from exc
    return IdentityKeys(
        KeyPair(private[:_SIGN_PRIVATE], row.sign_public),
        KeyPair(private[_SIGN_PRIVATE:], row.kem_public),
    )


def current(db: Session, account_id: int | None) -> Identity:
    """The account's (or workstation's) identity in use: the newest not retired."""
    cond = Identity.account_id.is_(None) if account_id is None else Identity.account_id == account_id
    row = db.scalars(select(Identity).where(cond, Identity.retired_at.is_(None)).order_by(Identity.id.desc())).first()
    if row is None:
        raise StoreUnavailable(tr("No identity is recorded for this account; the store is damaged."))
    return row
