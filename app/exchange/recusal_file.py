"""Recusal by envelope file (reviewer at another workstation → chair): a signed recusal request, one session and
round (issue 10).

The reviewer's store writes an envelope file whose body carries, instead of a sealed opinion, the recusal
statement sealed to the chair's identity key (the reviewer holds no content key of the chair's store), bound to
the round and participant, and the reviewer's signature over the sealed statement and the session,
round and participant (:func:`app.facts.recusal_signed_bytes`, exactly what a local request signs).  The whole
file is signed by the reviewer and sealed to the chair alone.  One envelope per participant per round: the
reviewer's store refuses a recusal after an opinion (and an opinion after a recusal) for the same round.

The chair's store accepts it only from the enrolled remote reviewer of that department, for the current
collecting round in which that department has neither sealed nor declared, with the reviewer's signature valid
under the member's registered key and the statement readable with the chair's identity key.  It writes the
recusal row and a ``recusal.remote`` entry embedding the reviewer's signed file (app/facts_remote_recusal.py
treats it as that reviewer's ``opinion.recuse`` request once the embedded signature holds); the chair then
decides it as any request (app/sessions/recusal_decisions.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app import audit, facts
from app.canonical import canonical_json
from app.context import AccountContext
from app.crypto import provider
from app.exchange import cards, container, envelope_file, ids, ledger, schema, session_package, statements
from app.exchange.schema import ExchangeRefused, require
from app.i18n import tr
from app.opinion_form import real_text
from app.permissions import Operation
from models import AuditEntry, Recusal
from models.base import utcnow

TYPE = container.ENVELOPE
ACTION = "recusal.remote"
MARK = b"huishen-sealed-to-chair/1|"  # a statement sealed to the chair's identity key (not the content key)
MAX_STATEMENT = 4000
_FIELDS = {"round", "participant", "department", "declared_at", "sealed_statement", "recusal_signature"}


def is_recusal(doc: container.Document) -> bool:
    return isinstance(doc.body, dict) and "sealed_statement" in doc.body


def statement_info(round_name: str, participant: int) -> bytes:
    """What the sealed statement is bound to (a ciphertext moved to another round or department fails to open)."""
    return b"huishen-remote-recusal/1|" + canonical_json([round_name, participant])


def my_recusals(db: Any, me: str) -> list[dict[str, Any]]:
    out = []
    for actor, details in db.execute(
        select(AuditEntry.actor, AuditEntry.details).where(AuditEntry.action == ledger.EXPORT_ACTION)
    ):
        import json

        d = json.loads(details)
        if actor == me and isinstance(d, dict) and d.get("type") == TYPE and d.get("recusal") is True:
            out.append(d)
    return out


def sent_for(ctx: AccountContext, package_id: str) -> bool:
    """Whether this account wrote a recusal request for the round of that imported package."""
    with ctx.store.transaction() as db:
        name = str(session_package.find(ctx, db, package_id).round)
        return any(d.get("round") == name for d in my_recusals(db, ctx.name))


def export(ctx: AccountContext, package_id: str, reason: str) -> tuple[bytes, dict[str, Any]]:
    """Ask the chair for recusal in the package's round; the file is for the chair only."""
    ctx.require(Operation.OPINION_SEAL)
    reason = reason.strip()
    if len(real_text(reason)) < 4 or len(reason) > MAX_STATEMENT:
        raise ExchangeRefused("malformed", tr("State the reason for your recusal (at least a few words)."))
    file_id = container.new_id()
    with ctx.store.transaction() as db:
        package = envelope_file.current_package(ctx, db, package_id)
        name = package.round
        if envelope_file.answered(db, ctx.name, str(name)):
            raise ExchangeRefused(
                "replay", tr("Your department has already answered in this round (an opinion or a recusal).")
            )
        chair = ledger.fresh_registry(db, ctx).foreign[package.chair]
        now = utcnow()
        plain = canonical_json({"statement": reason, "salt": provider().random(16).hex()})
        info = statement_info(str(name), package.participant)
        sealed = MARK + provider().seal(chair.kem_public, plain, info)
        signed = facts.recusal_signed_bytes(name.session, name.round, package.participant, True, "", sealed)
        out = {
            "round": str(name),
            "participant": package.participant,
            "department": package.department,
            "declared_at": now.isoformat(),
            "sealed_statement": sealed.hex(),
            "recusal_signature": provider().sign(ctx.keys.sign.private, signed).hex(),
        }
        data = container.build(TYPE, cards.sender_of(ctx), [(chair.fingerprint, chair.kem_public)], out, file_id)
        record = {"to": [chair.fingerprint], "round": str(name), "recusal": True}
        record |= {"file": provider().hash(data).hex()}
        ledger.record_export(db, ctx, TYPE, file_id, record, data=data)
    return data, {"type": TYPE, "file": file_id, "round": str(name), "recusal": True}


def check(doc: container.Document) -> tuple[ids.RoundName, dict[str, Any]]:
    body = schema.fields(doc.body, _FIELDS, "the recusal")
    name = ids.parse_round(body["round"])
    schema.integer(body["participant"], "the participant", 1, 10**9)
    schema.text(body["department"], "the department", 200)
    schema.text(body["declared_at"], "the declaration time", 64)
    schema.hexbytes(body["sealed_statement"], "the statement", limit=4 * MAX_STATEMENT + 2048)
    schema.hexbytes(body["recusal_signature"], "the declaration's signature", 64)
    require(bytes.fromhex(body["sealed_statement"]).startswith(MARK), "the statement")
    return name, body


def open_statement(kem_private: bytes, round_name: str, participant: int, blob: bytes) -> str:
    """The statement sealed to the chair's identity key (raises ValueError when it does not open)."""
    if not blob.startswith(MARK):
        raise ValueError("not sealed to an identity key")
    try:
        plain = provider().open(kem_private, blob[len(MARK) :], statement_info(round_name, participant))
    except Exception as exc:  # noqa: BLE001 - any failure of the KEM or AEAD is "does not open"
        raise ValueError("does not open") from exc
    import json

    value = json.loads(plain)
    if not isinstance(value, dict) or not isinstance(value.get("statement"), str):
        raise ValueError("malformed")
    return str(value["statement"])


def statement_of(identity: bytes | None, store_id: str, session_id: int, round_number: int, recusal: Any) -> str | None:
    """A recusal row's statement sealed to the chair's identity key, or None for anyone else."""
    if identity is None:
        return None
    name = str(ids.RoundName(store_id, session_id, round_number))
    try:
        return open_statement(identity, name, recusal.participant_id, recusal.sealed_statement)
    except ValueError:
        return None


def import_recusal(ctx: AccountContext, doc: container.Document) -> dict[str, Any]:
    """Record a remote reviewer's recusal request on the chair's store (every refusal before anything is written)."""
    from app.sessions.common import COLLECTING, round_state

    ctx.require(Operation.SESSION_CREATE)
    ledger.require_recipient(ctx, doc)
    name, body = check(doc)
    out = {"type": doc.type, "file": doc.file_id, "from": doc.sender["name"], "round": str(name), "recusal": True}
    with ctx.store.transaction() as db:
        sender, member, session, rnd, participant, _check = envelope_file.arrival(ctx, db, doc, name, body)
        signature = bytes.fromhex(body["recusal_signature"])
        sealed = bytes.fromhex(body["sealed_statement"])
        state = round_state(db, rnd)
        existing = state.recusals.get(participant.id)
        if existing is not None and existing.signature == signature and existing.sealed_statement == sealed:
            return {**out, "imported": False, "already": True, "session": session.id}
        if existing is not None or participant.id in state.envelopes:
            raise ExchangeRefused(
                "replay", tr("That department has answered in this round already; nothing was imported.")
            )
        if session.status != COLLECTING:
            raise ExchangeRefused("not-permitted", tr("The round does not take this envelope; nothing was imported."))
        department = next(d for pid, d in envelope_file._departments(db, session) if pid == participant.id)
        require(body["department"] == department, "the recusal's department")
        declared_at = envelope_file._time(body["declared_at"])
        signed = facts.recusal_signed_bytes(session.id, rnd.number, participant.id, True, "", sealed)
        if not provider().verify(sender.sign_public, signature, signed):
            raise ExchangeRefused("altered", tr("The envelope's signature does not hold; nothing was imported."))
        try:
            open_statement(ctx.keys.kem.private, str(name), participant.id, sealed)
        except ValueError as exc:
            raise ExchangeRefused(
                "altered", tr("The recusal statement cannot be opened with your key; nothing was imported.")
            ) from exc
        row = Recusal(
            round_id=rnd.id,
            participant_id=participant.id,
            has_conflict=True,
            statement="",
            sealed_statement=sealed,
            declared_at=declared_at,
            signature=signature,
        )
        db.add(row)
        db.flush()
        details = {
            "round": rnd.number,
            "department": department,
            "participant": participant.id,
            "request": True,  # takes effect when the chair approves (recusal.decide)
            "recusal": facts.digest(facts.recusal_fact(row, rnd.number)),
            "member": member,
            **statements.embed(doc),
        }
        audit.append(db, ctx.actor, ACTION, f"session:{session.id}", details)
    return {**out, "imported": True, "already": False, "department": department, "session": session.id}
