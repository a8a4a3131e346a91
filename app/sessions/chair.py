"""The chair speaks last (末位表态) and records the decision."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from app import audit, facts, policy
from app.context import AccountContext
from app.crypto import provider
from app.errors import InvalidInput, Refused
from app.i18n import tr
from app.opinion_form import OpinionForm, check_form, real_text
from app.permissions import Operation
from app.sealing import open_author_copy_with_salt, verify_signature
from app.sessions import content, decision_basis, decision_proof
from app.sessions.common import (
    DECIDED,
    REVEALED,
    free_text_options_of,
    item_options_of,
    load,
    require_chair,
    require_round,
    require_status,
    round_state,
)
from app.sessions.opinions import commitment_fingerprint, seal_envelope
from models import Decision, RevealedOpinion
from models.base import utcnow


def chair_position(ctx: AccountContext, session_id: int, form: OpinionForm) -> dict[str, Any]:
    """Seal and sign the chair's own position; possible only once the round is revealed."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.CHAIR_POSITION)
        if session.status != REVEALED:
            raise Refused(tr("The chair states a position last: only after the opinions are revealed."))
        rnd = require_round(db, session)
        if round_state(db, rnd).chair_envelope is not None:
            raise Refused(tr("The chair's position in this round is already sealed; it cannot be changed."))
        problems = check_form(
            form,
            [i.number for i in session.items],
            item_options_of(session),
            free_text_options_of(session),
            policy.load(db, ctx.registry),
        )
        if problems:
            raise InvalidInput(problems[0].message)
        now = utcnow()
        header = {
            "store": ctx.store.slots.store_id,
            "session": session.id,
            "ref": session.ref_number,
            "round": rnd.number,
            "participant": "chair",
            "department": None,
            "author": ctx.name,
            "sealed_at": now.isoformat(),
            "signer": ctx.fingerprint,
        }
        document = {
            "opinion": form.to_document(),
            "session": session.id,
            "round": rnd.number,
            "participant": None,
            "chair": True,
            "author": ctx.name,
            "sealed_at": now.isoformat(),
        }
        sealed, envelope = seal_envelope(db, ctx, rnd, None, header, document, now)
        # The reveal key is gone; the chair's position is verified from the author copy and published at once.
        verify_signature(sealed.header, sealed.commitment, sealed.ciphertext, sealed.signature, ctx.keys.sign.public)
        opened, salt = open_author_copy_with_salt(sealed.header, sealed.author_copy, ctx.keys.kem.private)
        store_id = ctx.store.slots.store_id
        details: dict[str, Any] = {
            "round": rnd.number,
            "commitment": sealed.commitment,
            "envelope": facts.digest(facts.envelope_fact(envelope, ctx.name, ctx.fingerprint, rnd.number)),
        }
        key = content.key_for(db, ctx, session, facts.definition_of(db, session, store_id))
        if key is None:  # a session from before content keys
            db.add(
                RevealedOpinion(
                    envelope_id=envelope.id, valid=True, content=json.dumps(opened, ensure_ascii=False), salt=salt.hex()
                )
            )
        else:
            label = content.opinion_label(envelope.id)
            published = content.seal_text(key, store_id, session.id, label, content.opened(opened, salt))
            db.add(RevealedOpinion(envelope_id=envelope.id, valid=True, sealed_content=published))
            details["revealed"] = content.sealed_digest(published)
        audit.append(db, ctx.actor, "chair.position", f"session:{session.id}", details)
        return {
            "round": rnd.number,
            "commitment": sealed.commitment,
            "fingerprint": commitment_fingerprint(sealed.commitment),
            "sealed_at": now.isoformat(),
        }


def decide(
    ctx: AccountContext,
    session_id: int,
    text: str,
    reason: str = "",
    adopted: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Record the decision (REVEALED → DECIDED); the chair must have stated a position first.

    ``adopted`` names the option the decision adopts per item (default: what the rule passed, else the chair's
    position); a decision departing from the tally, or taken where no majority formed, needs ``reason``."""
    text = text.strip()
    if len(real_text(text)) < 4:
        raise InvalidInput(tr("Write the decision text."))
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_DECIDE)
        require_status(session, REVEALED)
        rnd = require_round(db, session)
        if round_state(db, rnd).chair_envelope is None:
            raise Refused(tr("State the chair's position (末位表态) before recording the decision."))
        if db.scalars(select(Decision).where(Decision.session_id == session.id)).first():
            raise Refused(tr("A decision is already recorded."))
        basis = decision_basis.make_basis(session, decision_basis.round_tally(db, ctx, session, rnd), adopted, reason)
        now = utcnow()
        store_id = ctx.store.slots.store_id
        key = content.key_for(db, ctx, session, facts.definition_of(db, session, store_id))
        sealed = None
        if key is not None:
            # the salted, chair-signed form lets a dossier prove its decision line (decision_proof)
            value = decision_proof.sealed_value(
                ctx.keys.sign.private, store_id, session.id, rnd.number, now.isoformat(), text, basis
            )
            sealed = content.seal_text(key, store_id, session.id, content.DECISION_LABEL, value)
        clear_basis, sealed_basis = decision_basis.store_basis(key, store_id, session.id, basis)
        signed = facts.decision_signed_bytes(
            session.id, rnd.number, text, now.isoformat(), sealed, clear_basis, sealed_basis
        )
        decision = Decision(
            session_id=session.id,
            round_id=rnd.id,
            text="" if sealed is not None else text,
            sealed_text=sealed,
            decided_by=ctx.account_id,
            decided_at=now,
            signature=provider().sign(ctx.keys.sign.private, signed),
            basis=clear_basis,
            sealed_basis=sealed_basis,
        )
        db.add(decision)
        db.flush()
        session.status = DECIDED
        # The digest covers the signature, so the auditor cannot confirm a guessed text from it.
        audit.append(
            db,
            ctx.actor,
            "session.decide",
            f"session:{session.id}",
            {"round": rnd.number, "decision": facts.digest(facts.decision_fact(decision, ctx.name, rnd.number))},
        )
        return {
            "session": session.id,
            "status": DECIDED,
            "decided_at": now.isoformat(),
            "adopted": basis["adopted"],
            "departs": basis["departs"],
        }
