"""Reveal (DESIGN.md §5): every share holder's passphrase, then each envelope verified and opened."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app import audit, facts, identity, keyslots
from app.attempts import Attempts
from app.context import AccountContext
from app.crypto import InvalidData, provider
from app.errors import InvalidInput, NotPermitted, Refused, StoreUnavailable, WrongPassphrase
from app.i18n import tr
from app.identity import IdentityKeys
from app.permissions import Operation
from app.registry import Registry
from app.sealing import EnvelopeInvalid, open_sealed_with_salt
from app.sessions import content, holder_keys, keys
from app.sessions.common import (
    REVEALED,
    SEALED,
    account_names,
    acting_chair_id,
    load,
    load_checked,
    require_chair,
    require_round,
    require_status,
)
from models import AuditEntry, Envelope, Identity, RevealedOpinion, RevealShare, ReviewSession, Round
from models.base import utcnow

Progress = Callable[[int, int], None]
CHAIR_RELEASE = "chair.release"  # a recused chair's layer, released to the deputy acting as chair


def prepare(ctx: AccountContext, session_id: int) -> list[str]:
    """Check that ``ctx`` may reveal now; whose passphrases it needs, in order: the chair, then each custodian."""
    return _prepare(ctx, session_id)[0]


def _prepare(ctx: AccountContext, session_id: int) -> tuple[list[str], bool]:
    """:func:`prepare`, and whether the round is of an older store (one split key, no per-holder keys)."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_REVEAL)
        require_status(session, SEALED)
        if session.deputy_id is not None:
            from app.sessions import deputy

            if deputy.ledger(db, session).pending(require_round(db, session).number):
                raise Refused(
                    tr("The chair's recusal awaits the deputy chair's decision; the round is revealed after it.")
                )
        names = [a.name for a in keys.holders(db, session)]
        acting = acting_chair_id(session)
        round_keys = holder_keys.round_keys(db, require_round(db, session))
        if acting != session.chair_id:  # the deputy acts: first, then the recused chair if they hold a layer
            holds = any(k.holder_id == session.chair_id for k in round_keys)
            names = [account_names(db)[acting], *(names if holds else names[1:])]
        return names, not round_keys


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


def _release_info(store_id: str, session_id: int, round_number: int, digest: str, chair_fp: str) -> bytes:
    return f"huishen-release/1|{store_id}|{session_id}|{round_number}|{digest}|{chair_fp}".encode()


def pending_releases(ctx: AccountContext, session_id: int) -> list[str]:
    """The custodians who have not yet released their key for the sealed round (empty for older rounds)."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        rnd = require_round(db, session)
        names = account_names(db)
        own = acting_chair_id(session)  # a recused chair's layer is released to the deputy acting as chair
        return [
            names.get(k.holder_id, "")
            for k in holder_keys.round_keys(db, rnd)
            if k.released is None and (k.layer or k.holder_id != own)
        ]


def release(ctx: AccountContext, session_id: int) -> dict[str, Any]:
    """A custodian, in their own session, releases their key for the sealed round, sealed to the chair.

    The private round key leaves the custodian's wrapping only here, only for the round it was spent on,
    only once that round is sealed, and only as a ciphertext for the chair's registered identity key; the
    chair's program never sees the custodian's passphrase or account key.  Signed by the custodian.
    """
    store_id = ctx.store.slots.store_id
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        # A chair whose recusal the deputy approved releases their layer to the deputy (``chair.release``).
        recused_chair = ctx.account_id == session.chair_id and acting_chair_id(session) != session.chair_id
        ctx.require(Operation.SESSION_REVEAL if recused_chair else Operation.REVEAL_SHARE)
        require_status(session, SEALED)
        if ctx.account_id not in {c.account_id for c in session.custodians} and not recused_chair:
            raise NotPermitted(tr("You hold no reveal key of this session."))
        rnd = require_round(db, session)
        mine = [
            k for k in holder_keys.round_keys(db, rnd) if (k.layer or recused_chair) and k.holder_id == ctx.account_id
        ]
        if not mine and recused_chair:
            raise NotPermitted(tr("You hold no reveal key of this round of the session."))
        if not mine:
            raise InvalidInput(tr("This round of the session was opened before per-holder keys; reveal as before."))
        key = mine[0]
        if key.released is not None:
            return {"session": session.id, "round": rnd.number, "released": False, "already": True}
        chair = account_names(db).get(acting_chair_id(session), "")  # the deputy once the chair is recused
        chair_fp = ctx.registry.key_of(chair)
        chair_public = content.kem_public_of(db, chair_fp) if chair_fp else None
        if chair_fp is None or chair_public is None or not ctx.registry.is_active(chair):
            raise Refused(tr("The chair of this session has no usable registered key; tell the security officer."))
        private = holder_keys.release(store_id, ctx.name, ctx.account_key, key)
        info = _release_info(store_id, session.id, rnd.number, key.digest, chair_fp)
        sealed = provider().seal(chair_public, private, info)
        key.released, key.released_to = sealed, chair_fp
        audit.append(
            db,
            ctx.actor,
            CHAIR_RELEASE if recused_chair else "reveal.release",
            f"session:{session.id}",
            {"round": rnd.number, "key": key.digest, "to": chair_fp, "sealed": content.sealed_digest(sealed)},
        )
        return {"session": session.id, "round": rnd.number, "released": True, "already": False}


def _signed_releases(
    db: Session, session: ReviewSession, round_number: int, reg: Registry, store_id: str
) -> dict[tuple[str, str], str]:
    """(custodian, key digest) → digest of the released ciphertext, from the custodians' signed entries."""
    from app.sessions import remote_release

    out = {}
    for actor, action, details in db.execute(
        select(AuditEntry.actor, AuditEntry.action, AuditEntry.details).where(
            AuditEntry.object == f"session:{session.id}",
            AuditEntry.action.in_(("reveal.release", CHAIR_RELEASE, remote_release.ACTION)),
        )
    ):
        try:
            d = json.loads(details)
        except ValueError:
            continue
        if action == remote_release.ACTION:  # a custodian at another workstation: their own signature, embedded
            got = remote_release.verified(reg, store_id, session.id, actor, d)
            from app.sessions import seal_board

            board = seal_board.round_digest(db, session, got.round, store_id) if got is not None else None
            if got is not None and got.round == round_number and got.board == board:
                out[(got.member, got.key)] = got.sealed
            continue
        if isinstance(d, dict) and d.get("round") == round_number and isinstance(d.get("sealed"), str):
            out[(actor, str(d.get("key")))] = d["sealed"]
    return out


def _round_private(
    db: Session, ctx: AccountContext, session: ReviewSession, rnd: Round, present: dict[str, Holder]
) -> bytes | list[bytes]:
    """Every holder's round key: the chair's own, and each custodian's as they released it (older: the shares)."""
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
    signed = _signed_releases(db, session, rnd.number, ctx.registry, store_id)
    waiting = [
        names.get(k.holder_id, "")
        for k in layered
        if k.released is None and (k.layer or k.holder_id != ctx.account_id)  # a recused chair releases too
    ]
    if waiting:
        raise Refused(
            tr(
                "Waiting for the release of: {names}. Each custodian signs in and releases their round key "
                "(揭封授权, or 'huishen session release {id}'); then reveal."
            ).format(names=", ".join(waiting), id=session.id)
        )
    privates = []
    for key in layered:
        name = names.get(key.holder_id, "")
        if key.layer == 0 and key.released is None:
            if name != ctx.name:
                raise facts.Tampered(tr("The innermost round key is not the chair's; tell the auditor."))
            privates.append(holder_keys.release(store_id, name, ctx.account_key, key))
            continue
        assert key.released is not None  # a custodian's, or a recused chair's for the deputy acting as chair
        if key.released_to != ctx.fingerprint or signed.get((name, key.digest)) != content.sealed_digest(key.released):
            raise facts.Tampered(
                tr("The released round key of {name} is not the one {name} signed for you; tell the auditor.").format(
                    name=name
                )
            )
        info = _release_info(store_id, session.id, rnd.number, key.digest, ctx.fingerprint)
        try:
            privates.append(provider().open(ctx.keys.kem.private, key.released, info))
        except InvalidData as exc:
            raise facts.Tampered(
                tr("The released round key of {name} does not open; tell the auditor.").format(name=name)
            ) from exc
    return privates


def needs_passphrases(ctx: AccountContext, session_id: int) -> bool:
    """Whether this reveal needs the custodians' passphrases (only rounds of older stores, which split one key)."""
    return _legacy_round(ctx, session_id)


def _legacy_round(ctx: AccountContext, session_id: int) -> bool:
    with ctx.store.transaction() as db:
        return not holder_keys.round_keys(db, require_round(db, load(db, session_id, ctx)))


def reveal(
    ctx: AccountContext, session_id: int, passphrases: dict[str, str], progress: Progress | None = None
) -> dict[str, Any]:
    """SEALED → REVEALED, once every custodian has released (:func:`release`); the chair is ``ctx``.

    ``passphrases`` is used only for rounds of older stores (each custodian's passphrase opens their
    share) and, under the chair's own name, to confirm the chair at the desktop.

    Every envelope's signature and commitment is checked; one that fails is
    reported and excluded, never accepted.
    """
    names, legacy = _prepare(ctx, session_id)
    if ctx.name in passphrases:  # the desktop asks the chair to confirm with their own passphrase too
        try:
            keyslots.load(ctx.store.directory).unlock(ctx.name, passphrases[ctx.name])
        except WrongPassphrase:
            Attempts(ctx.store.directory).record_failure(ctx.name)
            raise
    # Rounds with per-holder keys: each custodian released in their own session, no passphrase here.
    # Older rounds split one key: each custodian's passphrase opens their share.
    # (No per-holder keys at all: an older round; with them, load_checked and _round_private below refuse
    # a reveal while a release is missing, as pending_releases would list it.)
    present: dict[str, Holder] = {}
    if legacy:
        missing = [n for n in names[1:] if n not in passphrases]
        if missing:
            raise InvalidInput(tr("The reveal needs the passphrase of: {names}.").format(names=", ".join(missing)))
        present = {name: _holder_keys(ctx, ctx.store.directory, name, passphrases[name]) for name in names[1:]}
    store_id = ctx.store.slots.store_id
    with ctx.store.transaction() as db:
        session, check = load_checked(db, session_id, ctx)
        require_status(session, SEALED)
        rnd = require_round(db, session)
        private = _round_private(db, ctx, session, rnd, present)
        # Each holder key parsed once for the whole reveal, not once per envelope.
        crypto = provider()
        private = (
            crypto.prepared_private(private)
            if isinstance(private, bytes)
            else [crypto.prepared_private(p) for p in private]
        )
        envelopes = list(db.scalars(select(Envelope).where(Envelope.round_id == rnd.id).order_by(Envelope.id)))
        # Rows that do not match the signed log (changed after sealing, planted) are never opened.
        flagged = check.flagged  # the check load_checked made in this transaction
        rejected = []
        published: dict[str, str] = {}
        authors = account_names(db)
        definition = facts.definition_of(db, session, store_id)
        key = content.key_for(db, ctx, session, definition)
        new_key = None
        if key is None:  # a session opened before content keys: made now, its digest signed below
            key = provider().random(32)
            new_key = content.create_with(db, ctx, session, definition, key)
        # The signers' keys in one Core select (not one ORM get, and one autoflush, per envelope); each
        # fingerprint computed once per identity from the bytes read here, still checked against the registry.
        signer_ids = {e.signer_identity_id for e in envelopes}
        signers = {
            row.id: row
            for row in db.execute(
                select(Identity.id, Identity.sign_public, Identity.kem_public).where(Identity.id.in_(signer_ids))
            )
        }
        signer_fps: dict[int, str] = {}
        outcomes: list[dict[str, Any]] = []  # the revealed_opinions rows, inserted in one statement below
        for done, envelope in enumerate(envelopes, start=1):
            signer = signers.get(envelope.signer_identity_id)
            try:
                if envelope.id in flagged:
                    raise EnvelopeInvalid(flagged[envelope.id])
                if signer is None:
                    raise EnvelopeInvalid("its signer is not in the store")
                signer_fp = signer_fps.get(signer.id) or identity.fingerprint_of(signer.sign_public, signer.kem_public)
                signer_fps[signer.id] = signer_fp
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
                sealed = content.seal_text(
                    key, store_id, session.id, content.opinion_label(envelope.id), content.opened(document, salt)
                )
                published[str(envelope.id)] = content.sealed_digest(sealed)
                outcomes.append(_outcome(envelope.id, True, sealed, None))
            except (EnvelopeInvalid, ValueError) as exc:
                rejected.append({"envelope": envelope.id, "participant": envelope.participant_id, "problem": str(exc)})
                outcomes.append(_outcome(envelope.id, False, None, str(exc)[:200]))
            if progress is not None:
                progress(done, len(envelopes))
        if outcomes:
            db.execute(insert(RevealedOpinion), outcomes)
        rnd.revealed_at = utcnow()
        session.status = REVEALED
        details: dict[str, Any] = {
            "round": rnd.number,
            "opened": len(envelopes) - len(rejected),
            "rejected": rejected,
            "holders": names,
            "revealed": published,
        }
        if new_key is not None:
            details["content_key"] = new_key
        audit.append(db, ctx.actor, "session.reveal", f"session:{session.id}", details)
        return {"round": rnd.number, "opened": len(envelopes) - len(rejected), "rejected": rejected}


def _outcome(envelope_id: int, valid: bool, sealed: bytes | None, problem: str | None) -> dict[str, Any]:
    return {"envelope_id": envelope_id, "valid": valid, "sealed_content": sealed, "problem": problem}


def release_at_this_workstation(directory: Path, session_id: int, name: str, passphrase: str) -> dict[str, Any]:
    """A custodian at the chair's workstation signs in to a session of their own and releases (the desktop's
    reveal step): the chair's context never holds the custodian's keys."""
    from app import accounts

    custodian = accounts.open_account(directory, name, passphrase)  # lock-out and failure counting apply
    try:
        return release(custodian, session_id)
    finally:
        custodian.close()


def check_passphrase(ctx: AccountContext, session_id: int, name: str, passphrase: str) -> None:
    """Verify one holder's passphrase at their own step of the reveal, so a mistake is retried there.

    The same rules as any sign-in: a disabled custodian is refused, a failure counts toward that account's
    lock-out, and an account that is locked out must wait.  A custodian's right passphrase releases their
    round key there and then, in a session of their own (:func:`release_at_this_workstation`).
    """
    holders = prepare(ctx, session_id)
    if name not in holders:
        raise InvalidInput(tr("{name} holds no key for this reveal.").format(name=name))
    if name != ctx.name and _legacy_round(ctx, session_id):
        _holder_keys(ctx, ctx.store.directory, name, passphrase)
        return
    if name != ctx.name:
        release_at_this_workstation(ctx.store.directory, session_id, name, passphrase)
        return
    attempts = Attempts(ctx.store.directory)
    attempts.check(name)
    try:
        keyslots.load(ctx.store.directory).unlock(name, passphrase)
    except WrongPassphrase:
        attempts.record_failure(name)
        raise
    attempts.clear(name)
