"""Per-holder round keys (issue "Insider-proof secrecy"): no single process ever holds them all early.

Each reveal-key holder has a key of its own for a round, made in that holder's
own unlocked session: custodians issue a signed batch of one-time keys when they
sign in (or with ``huishen keys issue``); the chair makes its key when opening
the round.  Opinions are sealed in layers to every holder's key (the chair's
innermost).  A custodian's private key leaves their wrapping only at reveal,
for the round it was spent on, once that round is sealed — recorded as a
``reveal.release`` entry signed by that custodian.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app import audit
from app.context import AccountContext
from app.crypto import InvalidData, provider
from app.errors import Refused
from app.i18n import tr
from app.permissions import Operation, Role
from app.registry_model import ISSUE_ACTION, OPENINGS, count_spent
from models import Account, AuditEntry, HolderKey, ReviewSession, Round

BATCH = 5
LOW_WATER = 2
EXPORT_ACTION = "exchange.export"


def key_digest(public: bytes) -> str:
    """The name of a round key in the signed log."""
    return provider().hash(b"huishen-holder-key/1|" + public).hex()


def _aad(store_id: str, holder: str, digest: str) -> bytes:
    return f"huishen-holder-key/1|{store_id}|{holder}|{digest}".encode()


def issued_by(db: Session) -> dict[str, set[str]]:
    """Every key digest each holder issued, from the signed log."""
    out: dict[str, set[str]] = {}
    for actor, details in db.execute(
        select(AuditEntry.actor, AuditEntry.details).where(AuditEntry.action == ISSUE_ACTION)
    ):
        try:
            out.setdefault(actor, set()).update(str(k) for k in json.loads(details)["keys"])
        except (ValueError, KeyError, TypeError):
            continue
    return out


def spent(db: Session, after: int | None = None, counted: dict[str, int] | None = None) -> dict[str, int]:
    """Key digest → how many round openings in the log use it (more than one is a replay); every opening in the
    store is read — or, with ``after``, only those after that seq, added to ``counted`` (a registry's counts of
    the openings it verified up to ``after``: ``Registry.spent_keys``)."""
    out: dict[str, int] = dict(counted or {})
    query = select(AuditEntry.details).where(AuditEntry.action.in_(OPENINGS))
    if after is not None:
        query = query.where(AuditEntry.seq > after)
    for details in db.execute(query).scalars():
        try:
            count_spent(json.loads(details), out)
        except (ValueError, TypeError):
            continue
    return out


def exported(db: Session) -> set[str]:
    """Key digests sent to another store in a key batch (issue 10): never spent on a round of this store."""
    out: set[str] = set()
    for details in db.execute(select(AuditEntry.details).where(AuditEntry.action == EXPORT_ACTION)).scalars():
        try:
            out.update(str(k) for k in json.loads(details).get("keys", []))
        except (ValueError, TypeError, AttributeError):
            continue
    return out


def _unspent(db: Session, account: Account) -> list[HolderKey]:
    mine = issued_by(db).get(account.name, set())
    used = set(spent(db)) | exported(db)
    rows = db.scalars(
        select(HolderKey).where(HolderKey.holder_id == account.id, HolderKey.round_id.is_(None)).order_by(HolderKey.id)
    )
    return [r for r in rows if r.digest in mine and r.digest not in used and key_digest(r.kem_public) == r.digest]


def unused_count(ctx: AccountContext) -> int:
    """How many of this account's issued round keys are still unspent."""
    with ctx.store.transaction() as db:
        return len(_unspent(db, db.get_one(Account, ctx.account_id)))


def issue_batch(ctx: AccountContext, count: int = BATCH) -> dict[str, Any]:
    """Make ``count`` one-time round keys in this (custodian's) session, each wrapped to its own account key."""
    ctx.require(Operation.REVEAL_SHARE)
    if not 1 <= count <= 100:
        raise Refused(tr("Issue between 1 and 100 round keys at a time."))
    crypto = provider()
    store_id = ctx.store.slots.store_id
    digests = []
    with ctx.store.transaction() as db:
        for _ in range(count):
            pair = crypto.new_encryption_key()
            digest = key_digest(pair.public)
            wrapped = crypto.wrap(ctx.account_key, pair.private, _aad(store_id, ctx.name, digest))
            db.add(HolderKey(holder_id=ctx.account_id, kem_public=pair.public, wrapped_private=wrapped, digest=digest))
            digests.append(digest)
        audit.append(db, ctx.actor, ISSUE_ACTION, f"account:{ctx.name}", {"keys": digests})
    return {"issued": len(digests), "keys": digests}


def top_up(ctx: AccountContext) -> int:
    """At a custodian's sign-in: issue a new batch when fewer than :data:`LOW_WATER` unused keys remain."""
    if Role.CUSTODIAN.value not in ctx.roles:
        return 0
    if unused_count(ctx) >= LOW_WATER:
        return 0
    return int(issue_batch(ctx)["issued"])


def new_round(
    db: Session, ctx: AccountContext, session: ReviewSession, number: int, reason: str
) -> tuple[Round, list[list[str]]]:
    """Open round ``number``: the chair's key made now, one unused key of each custodian assigned.

    Returns the round and [[holder, digest], …] in layer order (the chair's innermost), for the signed
    opening entry.
    """
    crypto = provider()
    store_id = ctx.store.slots.store_id
    pair = crypto.new_encryption_key()
    digest = key_digest(pair.public)
    rnd = Round(session_id=session.id, number=number, reveal_public=pair.public, opened_reason=reason)
    db.add(rnd)
    db.flush()
    db.add(
        HolderKey(
            holder_id=ctx.account_id,
            kem_public=pair.public,
            wrapped_private=crypto.wrap(ctx.account_key, pair.private, _aad(store_id, ctx.name, digest)),
            digest=digest,
            round_id=rnd.id,
            layer=0,
        )
    )
    out = [[ctx.name, digest]]
    for layer, custodian in enumerate(session.custodians, start=1):
        account = db.get_one(Account, custodian.account_id)
        if ctx.registry.is_remote(account.name):  # a custodian at another workstation (issue 10)
            from app.sessions import remote_keys

            drawn = remote_keys.draw(db, ctx.registry, account)
            keys = [drawn] if drawn is not None else []
            if not keys:
                raise Refused(
                    tr(
                        "Custodian {name} works at another workstation and no unused round key of theirs was "
                        "imported. Ask {name} for a key batch ('huishen export key-batch') and import it; then "
                        "open the round again."
                    ).format(name=account.name)
                )
        else:
            keys = _unspent(db, account)
        if not keys:
            raise Refused(
                tr(
                    "Custodian {name} has no unused round key. {name} signs in once (or runs 'huishen keys issue') "
                    "to issue a batch; then open the round again."
                ).format(name=account.name)
            )
        keys[0].round_id = rnd.id
        keys[0].layer = layer
        out.append([account.name, keys[0].digest])
    db.flush()
    return rnd, out


# Built once, its cache key with it (issue 16: read by every seal).
_ROUND_KEYS = select(HolderKey).where(HolderKey.round_id == bindparam("round_id")).order_by(HolderKey.layer)


def round_keys(db: Session, rnd: Round) -> list[HolderKey]:
    """The holder keys of ``rnd`` in layer order (empty for rounds of older stores, which split one key)."""
    return list(db.scalars(_ROUND_KEYS, {"round_id": rnd.id}))


def release(store_id: str, holder: str, account_key: bytes, key: HolderKey) -> bytes:
    """The holder's private round key, unwrapped with their own account key."""
    try:
        return provider().unwrap(account_key, key.wrapped_private, _aad(store_id, holder, key.digest))
    except InvalidData as exc:
        raise Refused(
            tr("The round key of {name} does not open with their key; the store may have been tampered with.").format(
                name=holder
            )
        ) from exc
