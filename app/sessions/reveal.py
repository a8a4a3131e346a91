"""Reveal (DESIGN.md §5): every share holder's passphrase, then each envelope verified and opened."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, facts, identity, keyslots
from app.attempts import Attempts
from app.context import AccountContext
from app.errors import InvalidInput, NotPermitted, StoreUnavailable, WrongPassphrase
from app.i18n import tr
from app.identity import IdentityKeys
from app.permissions import Operation
from app.sealing import EnvelopeInvalid, open_sealed_with_salt
from app.sessions import holder_keys, keys
from app.sessions.common import (
    REVEALED,
    SEALED,
    account_names,
    load,
    require_chair,
    require_round,
    require_status,
)
from models import Envelope, Identity, RevealedOpinion, RevealShare, ReviewSession, Round
from models.base import utcnow

Progress = Callable[[int, int], None]


def prepare(ctx: AccountContext, session_id: int) -> list[str]:
    """Check that ``ctx`` may reveal now; whose passphrases it needs, in order: the chair, then each custodian."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_REVEAL)
        require_status(session, SEALED)
        return [a.name for a in keys.holders(db, session)]


@dataclass(frozen=True)
class Holder:
    """A custodian present at the reveal: their account key and identity, unlocked by their passphrase."""

    name: str
    account_key: bytes
    keys: IdentityKeys
    identity_id: int


def _holder_keys(ctx: AccountContext, directory: Path, name: str, passphrase: str) -> Holder:
    """Unlock another holder's identity with their passphrase (failures count against that account)."""
    if not ctx.registry.is_active(name):
        raise NotPermitted(
            tr("{name} is disabled (in the signed log) and cannot release a reveal-key share.").format(name=name)
        )
    slots = keyslots.load(directory)
    attempts = Attempts(directory)
    attempts.check(name)
    try:
        secrets = slots.unlock(name, passphrase)
    except WrongPassphrase:
        attempts.record_failure(name)
        raise
    attempts.clear(name)
    with ctx.store.transaction() as db:
        from models import Account

        account = db.scalars(select(Account).where(Account.name == name)).one()
        fp = ctx.registry.key_of(name)
        row = db.scalars(select(Identity).where(Identity.account_id == account.id, Identity.fingerprint == fp)).first()
        if row is None or identity.fingerprint_of(row.sign_public, row.kem_public) != fp:
            raise StoreUnavailable(
                tr(
                    "The registered identity key of {name} is missing from the store; the store was tampered with."
                ).format(name=name)
            )
        return Holder(name, secrets.account_key, identity.unwrap(row, secrets.account_key), row.id)


def _round_private(
    db: Session, ctx: AccountContext, session: ReviewSession, rnd: Round, present: dict[str, Holder]
) -> bytes | list[bytes]:
    """Every holder's round key, released now that the round is sealed (or, for older stores, the split key)."""
    store_id = ctx.store.slots.store_id
    layered = holder_keys.round_keys(db, rnd)
    if not layered:
        people = {a.id: a.name for a in keys.holders(db, session)}
        holders = {ctx.name: ctx.keys.kem.private, **{n: h.keys.kem.private for n, h in present.items()}}
        shares = []
        for share in db.scalars(select(RevealShare).where(RevealShare.round_id == rnd.id).order_by(RevealShare.id)):
            holder = people[share.holder_id]
            shares.append(keys.open_share(store_id, session, rnd, holder, share, holders[holder]))
        return keys.recombine(shares, rnd)
    names = account_names(db)
    privates = []
    for key in layered:
        name = names.get(key.holder_id, "")
        if key.layer == 0:
            if name != ctx.name:
                raise facts.Tampered(tr("The innermost round key is not the chair's; tell the auditor."))
            privates.append(holder_keys.release(store_id, name, ctx.account_key, key))
            continue
        custodian = present.get(name)
        if custodian is None:
            raise InvalidInput(tr("The reveal needs the passphrase of: {names}.").format(names=name))
        privates.append(holder_keys.release(store_id, name, custodian.account_key, key))
        # The custodian's own signed statement: this key, for this sealed round only.
        audit.append(
            db,
            audit.Actor(name, custodian.identity_id, custodian.keys.sign.private),
            "reveal.release",
            f"session:{session.id}",
            {"round": rnd.number, "key": key.digest},
        )
    return privates


def reveal(
    ctx: AccountContext, session_id: int, passphrases: dict[str, str], progress: Progress | None = None
) -> dict[str, Any]:
    """SEALED → REVEALED.  ``passphrases`` holds each custodian's passphrase (the chair is ``ctx``).

    Every envelope's signature and commitment is checked; one that fails is
    reported and excluded, never accepted.
    """
    names = prepare(ctx, session_id)
    if ctx.name in passphrases:  # the desktop asks the chair to confirm with their own passphrase too
        try:
            keyslots.load(ctx.store.directory).unlock(ctx.name, passphrases[ctx.name])
        except WrongPassphrase:
            Attempts(ctx.store.directory).record_failure(ctx.name)
            raise
    missing = [n for n in names[1:] if n not in passphrases]
    if missing:
        raise InvalidInput(tr("The reveal needs the passphrase of: {names}.").format(names=", ".join(missing)))
    present = {name: _holder_keys(ctx, ctx.store.directory, name, passphrases[name]) for name in names[1:]}
    store_id = ctx.store.slots.store_id
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_status(session, SEALED)
        rnd = require_round(db, session)
        private = _round_private(db, ctx, session, rnd, present)
        envelopes = list(db.scalars(select(Envelope).where(Envelope.round_id == rnd.id).order_by(Envelope.id)))
        # Rows that do not match the signed log (changed after sealing, planted) are never opened.
        flagged = facts.inspect(db, ctx.registry, session, store_id).flagged
        rejected = []
        authors = account_names(db)
        for done, envelope in enumerate(envelopes, start=1):
            signer = db.get_one(Identity, envelope.signer_identity_id)
            try:
                if envelope.id in flagged:
                    raise EnvelopeInvalid(flagged[envelope.id])
                signer_fp = identity.fingerprint_of(signer.sign_public, signer.kem_public)
                if not ctx.registry.signed_by(authors.get(envelope.author_id, ""), signer_fp):
                    raise EnvelopeInvalid("signed by another account")
                header = json.loads(envelope.header)
                if (header.get("session"), header.get("round"), header.get("participant")) != (
                    session.id,
                    rnd.number,
                    envelope.participant_id,
                ):
                    raise EnvelopeInvalid("header names another session, round or department")
                document, salt = open_sealed_with_salt(
                    envelope.header,
                    envelope.ciphertext,
                    envelope.commitment,
                    envelope.signature,
                    signer.sign_public,
                    private,
                )
                if (document.get("session"), document.get("round"), document.get("participant")) != (
                    session.id,
                    rnd.number,
                    envelope.participant_id,
                ):
                    raise EnvelopeInvalid("content names another session, round or department")
                db.add(
                    RevealedOpinion(
                        envelope_id=envelope.id,
                        valid=True,
                        content=json.dumps(document, ensure_ascii=False),
                        salt=salt.hex(),
                    )
                )
            except (EnvelopeInvalid, ValueError) as exc:
                rejected.append({"envelope": envelope.id, "participant": envelope.participant_id, "problem": str(exc)})
                db.add(RevealedOpinion(envelope_id=envelope.id, valid=False, problem=str(exc)[:200]))
            if progress is not None:
                progress(done, len(envelopes))
        rnd.revealed_at = utcnow()
        session.status = REVEALED
        audit.append(
            db,
            ctx.actor,
            "session.reveal",
            f"session:{session.id}",
            {"round": rnd.number, "opened": len(envelopes) - len(rejected), "rejected": rejected, "holders": names},
        )
        return {"round": rnd.number, "opened": len(envelopes) - len(rejected), "rejected": rejected}


def check_passphrase(ctx: AccountContext, session_id: int, name: str, passphrase: str) -> None:
    """Verify one holder's passphrase at their own step of the reveal, so a mistake is retried there.

    The same rules as the reveal itself: a disabled custodian is refused, a failure counts toward that
    account's lock-out, and an account that is locked out must wait.  Nothing is released or opened here.
    """
    holders = prepare(ctx, session_id)
    if name not in holders:
        raise InvalidInput(tr("{name} holds no key for this reveal.").format(name=name))
    if name != ctx.name:
        _holder_keys(ctx, ctx.store.directory, name, passphrase)
        return
    attempts = Attempts(ctx.store.directory)
    attempts.check(name)
    try:
        keyslots.load(ctx.store.directory).unlock(name, passphrase)
    except WrongPassphrase:
        attempts.record_failure(name)
        raise
    attempts.clear(name)
