"""Round keys of custodians at other workstations (issue 10): drawn from the key batches they sent.

A remote custodian's one-time round keys reach this store only in a key batch, recorded in an
``exchange.import`` entry that embeds the custodian's signed document (:func:`app.exchange.batches.imported_keys`
counts a batch only when that signature holds under the registered key).  Opening a round spends one unused
imported key of each remote custodian: a holder-key row with the public key alone (the private half never
left the custodian's workstation; it comes back only in a key release, sealed to the chair).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.registry import Registry
from models import Account, HolderKey

NO_PRIVATE = b""


def imported(db: Session, reg: Registry) -> dict[str, list[tuple[str, bytes]]]:
    """Member name → the round keys (digest, public) imported from that remote custodian, in import order."""
    from app.exchange import batches

    out: dict[str, list[tuple[str, bytes]]] = {}
    for fp, keys in batches.imported_keys(db, reg).items():
        member = reg.member_of(fp)
        if member is not None:
            out.setdefault(member, []).extend(keys)
    return out


def issued(db: Session, reg: Registry) -> dict[str, set[str]]:
    """Every key digest each holder issued: local custodians' from their own entries as the registry verified them
    (not the rows, which an insider may edit: attack review h-attack2), remote ones' imported."""
    out = {name: set(keys) for name, keys in reg.issued_keys.items()}
    for member, keys in imported(db, reg).items():
        out.setdefault(member, set()).update(d for d, _p in keys)
    return out


def draw(db: Session, reg: Registry, account: Account) -> HolderKey | None:
    """An unused imported key of the remote custodian ``account``, as a new holder-key row (not yet spent)."""
    from app.sessions import holder_keys

    used = set(holder_keys.spent(db))
    rows = set(db.scalars(select(HolderKey.digest)))
    for digest, public in imported(db, reg).get(account.name, []):
        if digest in used or digest in rows or holder_keys.key_digest(public) != digest:
            continue
        key = HolderKey(holder_id=account.id, kem_public=public, wrapped_private=NO_PRIVATE, digest=digest)
        db.add(key)
        return key
    return None
