"""Envelope files (reviewer at another workstation → chair): one sealed opinion for one session and round.

The reviewer's store seals exactly as a local seal would (app/sealing.py): the header names the chair's
store, the session, round, participant, department and the reviewer's name in the chair's store; the
opinion is sealed in layers to the round's holder keys from the session package; the reviewer signs the
header, commitment and ciphertext, and the declaration of no conflict.  The file is sealed to the chair
alone — unreadable to the reviewer who carries it.  The reviewer's store records the export (round and
commitment; never a second envelope for that round).

The chair's store accepts it only from the enrolled remote reviewer of that department, for the current
collecting round, with the header a local seal would have and both signatures valid under the member's
registered key; it stores the envelope and declaration and appends an ``opinion.remote`` entry embedding
the reviewer's signed file (app/facts.py treats it as that reviewer's seal once the signature holds).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from app import audit, facts, sealing
from app.context import AccountContext
from app.crypto import provider
from app.exchange import cards, container, ids, ledger, schema, session_package, statements
from app.exchange.schema import ExchangeRefused, require
from app.i18n import tr
from app.opinion_form import OpinionForm, check_form
from app.permissions import Operation
from models import Account, AuditEntry, Envelope, Identity, Recusal, ReviewSession
from models.base import utcnow

TYPE = container.ENVELOPE
ACTION = "opinion.remote"
_FIELDS = {"round", "participant", "header", "ciphertext", "commitment", "signature", "recusal_signature"}


def export(ctx: AccountContext, package_id: str, form: OpinionForm) -> tuple[bytes, dict[str, Any]]:
    """Seal this reviewer's opinion for the package's round; the file is for the chair only."""
    from app import policy

    ctx.require(Operation.OPINION_SEAL)
    file_id = container.new_id()
    with ctx.store.transaction() as db:
        package = current_package(ctx, db, package_id)
        name = package.round
        if answered(db, ctx.name, str(name)):
            raise ExchangeRefused(
                "replay", tr("Your department has already sealed its opinion in this round; it cannot be changed.")
            )
        body = package.body
        options = body["options"]
        items = [int(i[0]) for i in body["items"]]
        per_item = {n: list(options.get("items", {}).get(str(n), options["options"])) for n in items}
        problems = check_form(form, items, per_item, list(options.get("free_text", [])), policy.load(db, ctx.registry))
        if problems:
            raise ExchangeRefused("malformed", problems[0].message)
        chair = ledger.fresh_registry(db, ctx).foreign[package.chair]
        now = utcnow()
        header = {
            "store": name.store,
            "session": name.session,
            "ref": body["ref"],
            "round": name.round,
            "participant": package.participant,
            "department": package.department,
            "author": package.author,
            "sealed_at": now.isoformat(),
            "signer": ctx.fingerprint,
        }
        document = {
            "opinion": form.to_document(),
            "recusal": {"conflict": False},
            "session": name.session,
            "round": name.round,
            "participant": package.participant,
            "department": package.department,
            "author": package.author,
            "sealed_at": now.isoformat(),
        }
        sealed = sealing.seal(header, document, package.layers, ctx.keys.sign.private, ctx.keys.kem.public)
        declaration = facts.recusal_signed_bytes(name.session, name.round, package.participant, False, "")
        out = {
            "round": str(name),
            "participant": package.participant,
            "header": sealed.header,
            "ciphertext": sealed.ciphertext.hex(),
            "commitment": sealed.commitment,
            "signature": sealed.signature.hex(),
            "recusal_signature": provider().sign(ctx.keys.sign.private, declaration).hex(),
        }
        data = container.build(TYPE, cards.sender_of(ctx), [(chair.fingerprint, chair.kem_public)], out, file_id)
        record = {"to": [chair.fingerprint], "round": str(name), "commitment": sealed.commitment}
        record |= {"author_copy": sealed.author_copy.hex(), "file": provider().hash(data).hex()}
        ledger.record_export(db, ctx, TYPE, file_id, record, data=data)
    return data, {"type": TYPE, "file": file_id, "round": str(name), "commitment": sealed.commitment}


def answered(db: Any, me: str, round_name: str) -> bool:
    """Whether this account sent an envelope file for that round: a sealed opinion or a recusal (one of them)."""
    from app.exchange import recusal_file

    return any(d.get("round") == round_name for d in my_envelopes(db, me) + recusal_file.my_recusals(db, me))


def my_envelopes(db: Any, me: str) -> list[dict[str, Any]]:
    """The sealed opinions this account exported (recusals by file: :func:`app.exchange.recusal_file.my_recusals`)."""
    out = []
    for actor, details in db.execute(
        select(AuditEntry.actor, AuditEntry.details).where(AuditEntry.action == ledger.EXPORT_ACTION)
    ):
        d = json.loads(details)
        if actor == me and isinstance(d, dict) and d.get("type") == TYPE and d.get("recusal") is not True:
            out.append(d)
    return out


def check(doc: container.Document) -> tuple[ids.RoundName, dict[str, Any]]:
    body = schema.fields(doc.body, _FIELDS, "the envelope")
    name = ids.parse_round(body["round"])
    schema.integer(body["participant"], "the participant", 1, 10**9)
    schema.text(body["header"], "the header", 2000)
    schema.hexbytes(body["ciphertext"], "the ciphertext", limit=container.MAX_FILE)
    schema.hexbytes(body["commitment"], "the commitment", 32)
    schema.hexbytes(body["signature"], "the signature", 64)
    schema.hexbytes(body["recusal_signature"], "the declaration's signature", 64)
    return name, body


def import_envelope(ctx: AccountContext, doc: container.Document) -> dict[str, Any]:
    """Record a remote reviewer's sealed opinion on the chair's store (every refusal before anything is written)."""
    from app.exchange import recusal_file
    from app.sessions import lifecycle
    from app.sessions.common import COLLECTING, round_state

    if recusal_file.is_recusal(doc):
        return recusal_file.import_recusal(ctx, doc)
    ctx.require(Operation.SESSION_CREATE)
    ledger.require_recipient(ctx, doc)
    name, body = check(doc)
    store_id = ctx.store.slots.store_id
    out = {"type": doc.type, "file": doc.file_id, "from": doc.sender["name"], "round": str(name)}
    with ctx.store.transaction() as db:
        sender, member, session, rnd, participant, facts_check = arrival(ctx, db, doc, name, body)
        state = round_state(db, rnd)
        existing = state.envelopes.get(participant.id)
        if existing is not None:
            if existing.commitment == body["commitment"]:
                return {**out, "imported": False, "already": True, "commitment": existing.commitment}
            raise ExchangeRefused(
                "replay", tr("That department has sealed in this round already; nothing was imported.")
            )
        if participant.id in state.recusals:
            raise ExchangeRefused(
                "replay", tr("That department has answered in this round already; nothing was imported.")
            )
        if session.status != COLLECTING:
            raise ExchangeRefused("not-permitted", tr("The round does not take this envelope; nothing was imported."))
        header = _header_of(body["header"])
        department = next(d for pid, d in _departments(db, session) if pid == participant.id)
        want = {"store": store_id, "session": session.id, "ref": session.ref_number, "round": rnd.number}
        want |= {"participant": participant.id, "department": department, "author": member}
        want |= {"signer": sender.fingerprint}
        require(all(header.get(k) == v for k, v in want.items()), "the envelope's header")
        sealed_at = _time(header.get("sealed_at"))
        ciphertext = bytes.fromhex(body["ciphertext"])
        signature = bytes.fromhex(body["signature"])
        try:
            sealing.verify_signature(body["header"], body["commitment"], ciphertext, signature, sender.sign_public)
        except sealing.EnvelopeInvalid as exc:
            raise ExchangeRefused(
                "altered", tr("The envelope's signature does not hold; nothing was imported.")
            ) from exc
        declaration = facts.recusal_signed_bytes(session.id, rnd.number, participant.id, False, "")
        recusal_signature = bytes.fromhex(body["recusal_signature"])
        if not provider().verify(sender.sign_public, recusal_signature, declaration):
            raise ExchangeRefused("altered", tr("The envelope's signature does not hold; nothing was imported."))
        identity = db.scalars(
            select(Identity).where(
                Identity.account_id == participant.reviewer_id, Identity.fingerprint == sender.fingerprint
            )
        ).first()
        require(identity is not None, "the reviewer's identity")
        assert identity is not None
        envelope = Envelope(
            round_id=rnd.id,
            participant_id=participant.id,
            author_id=participant.reviewer_id,
            is_chair=False,
            sealed_at=sealed_at,
            header=body["header"],
            ciphertext=ciphertext,
            commitment=body["commitment"],
            signature=signature,
            signer_identity_id=identity.id,
            author_copy=b"",  # the author's own copy stays on the reviewer's workstation
        )
        recusal = Recusal(
            round_id=rnd.id,
            participant_id=participant.id,
            has_conflict=False,
            statement="",
            declared_at=sealed_at,
            signature=recusal_signature,
        )
        db.add_all([envelope, recusal])
        db.flush()
        details = {
            "round": rnd.number,
            "department": department,
            "commitment": envelope.commitment,
            "envelope": facts.digest(facts.envelope_fact(envelope, member, sender.fingerprint, rnd.number)),
            "recusal": facts.digest(facts.recusal_fact(recusal, rnd.number)),
            "member": member,
            **statements.embed(doc),
        }
        audit.append(db, ctx.actor, ACTION, f"session:{session.id}", details)
        # The check made before these writes: an envelope row it flagged (planted) answers for nobody.
        closed = lifecycle.mark_sealed_if_complete(db, ctx, session, check=facts_check)
    return {**out, "imported": True, "already": False, "commitment": body["commitment"], "session_sealed": closed}


def _header_of(text: str) -> dict[str, Any]:
    try:
        header = json.loads(text)
    except ValueError as exc:
        raise schema.malformed("the envelope's header") from exc
    require(isinstance(header, dict), "the envelope's header")
    return dict(header)


def _time(value: Any) -> Any:
    from datetime import datetime

    try:
        when = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise schema.malformed("the seal time") from exc
    require(when.tzinfo is not None, "the seal time has no time zone")
    return when


def _departments(db: Any, session: ReviewSession) -> list[tuple[int, str]]:
    from models import Department

    return [(p.id, db.get_one(Department, p.department_id).name) for p in session.participants]


def arrival(
    ctx: AccountContext, db: Any, doc: container.Document, name: ids.RoundName, body: dict[str, Any]
) -> tuple[Any, str, ReviewSession, Any, Any, Any]:
    """Where a member's file (envelope or recusal) arrives on the chair's store: its trusted sender, the member's
    account name, this store's session and current round, the participant the file names, and the session's facts
    check in this transaction — refused, before anything is written, for another session or round, or a sender
    who is not that department's reviewer."""
    from app.sessions.common import load_checked, require_chair, require_round

    store_id = ctx.store.slots.store_id
    reg = ledger.fresh_registry(db, ctx)
    sender = ledger.trusted_sender(reg, doc)
    member = reg.member_of(sender.fingerprint)
    if name.store != store_id or db.get(ReviewSession, name.session) is None:
        raise ExchangeRefused(
            "other-session",
            tr("The file belongs to another session ({got}); nothing was imported.").format(got=name.session_name),
        )
    session, check = load_checked(db, name.session, ctx)
    require_chair(ctx, session, Operation.SESSION_CREATE)
    rnd = require_round(db, session)
    ids.require_round(name, ids.RoundName(store_id, session.id, rnd.number))
    participant = next((p for p in session.participants if p.id == body["participant"]), None)
    reviewer = db.get(Account, participant.reviewer_id) if participant is not None else None
    if member is None or participant is None or reviewer is None or reviewer.name != member:
        raise ExchangeRefused(
            "not-permitted",
            tr("{name} is not the reviewer of that department in this session; nothing was imported.").format(
                name=sender.name
            ),
        )
    return sender, member, session, rnd, participant, check


def current_package(ctx: AccountContext, db: Any, package_id: str) -> session_package.Package:
    """The imported session package a member answers, refused when a newer round of that session was sent."""
    package = session_package.find(ctx, db, package_id)
    newest = max(
        p.round.round for p in session_package.packages(ctx, db) if p.round.session_name == package.round.session_name
    )
    if package.round.round < newest:
        raise ExchangeRefused("replay", tr("A newer round of this session was sent to you; seal for that one."))
    return package
