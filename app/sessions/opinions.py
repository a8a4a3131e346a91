"""A reviewer's own opinion: private drafts, the recusal declaration, sealing, reading back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import bindparam, delete, select

from app import audit, facts, policy
from app.canonical import canonical_json
from app.context import AccountContext
from app.crypto import InvalidData, provider
from app.errors import InvalidInput, NotPermitted, Refused
from app.facts_seen import EnvelopeSeen, RecusalSeen
from app.fingerprint import fingerprint, short
from app.i18n import tr
from app.opinion_form import OpinionForm, Recusal, check_form, check_recusal
from app.permissions import Operation
from app.sealing import Sealed, open_author_copy, seal
from app.sessions import access, content, holder_keys
from app.sessions.common import (
    COLLECTING,
    free_text_options_of,
    item_options_of,
    load,
    load_checked,
    participant_of,
    require_round,
    require_status,
    seen_state,
)
from app.sessions.lifecycle import mark_sealed_if_complete
from models import Account, Department, Envelope, OpinionDraft, Participant, ReviewSession, Round
from models import Recusal as RecusalRow
from models.base import utcnow

# The stored (unsealed) statement of a renewed request by a reviewer recused in an earlier round.
CONTINUED = "（延续此前已准予的回避，陈述见前一轮）"


def commitment_fingerprint(commitment: str) -> str:
    """The commitment as read-aloud digit groups."""
    return fingerprint(b"huishen-commitment/1", bytes.fromhex(commitment))


def _my_participant(ctx: AccountContext, session: ReviewSession) -> Participant:
    ctx.require(Operation.OPINION_SEAL)
    participant = participant_of(ctx, session)
    if participant is None:
        raise NotPermitted(tr("You are not a reviewer in this session."))
    return participant


def _draft_aad(rnd: Round, ctx: AccountContext) -> bytes:
    return f"huishen-draft/1|{rnd.id}|{ctx.account_id}".encode()


def save_draft(ctx: AccountContext, session_id: int, form: OpinionForm) -> None:
    """Keep an unsealed draft, readable only by its author (wrapped under the account key)."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        _my_participant(ctx, session)
        require_status(session, COLLECTING)
        rnd = require_round(db, session)
        blob = provider().wrap(ctx.account_key, canonical_json(form.to_document()), _draft_aad(rnd, ctx))
        row = db.scalars(
            select(OpinionDraft).where(OpinionDraft.round_id == rnd.id, OpinionDraft.author_id == ctx.account_id)
        ).first()
        if row is None:
            db.add(OpinionDraft(round_id=rnd.id, author_id=ctx.account_id, wrapped=blob))
        else:
            row.wrapped = blob
            row.updated_at = utcnow()


def load_draft(ctx: AccountContext, session_id: int) -> OpinionForm | None:
    """The author's own draft of the current round, if any (nobody else can open it)."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        access.require_cleared(ctx, session)
        rnd = require_round(db, session)
        row = db.scalars(
            select(OpinionDraft).where(OpinionDraft.round_id == rnd.id, OpinionDraft.author_id == ctx.account_id)
        ).first()
        if row is None:
            return None
        try:
            doc = json.loads(provider().unwrap(ctx.account_key, row.wrapped, _draft_aad(rnd, ctx)))
        except InvalidData as exc:
            raise Refused(tr("Your draft does not open; it may have been tampered with.")) from exc
        return OpinionForm.from_document(doc)


def seal_opinion(
    ctx: AccountContext, session_id: int, form: OpinionForm | None, recusal: Recusal | None
) -> dict[str, Any]:
    """Seal the department's opinion (or record a declared conflict); irreversible.

    Refuses, naming the field, a missing recusal declaration, a missing or
    invalid position, too-short reasoning and reasoning made of stock phrases.
    """
    problem = check_recusal(recusal)
    if problem:
        raise InvalidInput(problem.message)
    assert recusal is not None
    with ctx.store.transaction() as db:
        session, check = load_checked(db, session_id, ctx, rows=True)
        participant = _my_participant(ctx, session)
        access.require_cleared(ctx, session)
        require_status(session, COLLECTING)
        # What the check read, in this transaction or carried with the verdict it reused: not read a second time.
        rows = check.rows
        rnd = require_round(db, session, rows)
        state = seen_state(db, rnd, rows)
        mine = state.envelopes.get(participant.id)
        if mine is not None and mine.id in check.flagged:  # the check load_checked made in this transaction
            raise facts.Tampered(
                tr(
                    "An envelope your department did not seal is recorded in its place (planted in the database); "
                    "nothing was sealed. Tell the auditor."
                )
            )
        substitute_for = None
        if participant.reviewer_id != ctx.account_id:  # the substitute the chair named
            substitute_for = db.get_one(Account, participant.reviewer_id).name
            if recusal.conflict:
                raise Refused(
                    tr("You were named as a substitute; if you have a conflict of interest too, tell the chair.")
                )
        after_refusal = _check_may_seal(state, participant.id, recusal, substitute_for is not None)
        known = rows.departments.get(participant.id) if rows is not None else None
        department = known if known is not None else db.get_one(Department, participant.department_id).name
        now = utcnow()
        if recusal.conflict:
            statement = recusal.statement.strip()
            if ctx.name in access.recused_names(db, session):
                # Recused in an earlier round: their copy of the content key went with the approval, so nothing
                # new is sealed under it; the earlier (sealed) statement stands, marked as continued.
                key, statement = None, CONTINUED
            else:
                key = content.key_for(db, ctx, session, facts.definition_of(db, session, ctx.store.slots.store_id))
            row = _recusal_row(ctx, session.id, rnd, participant.id, True, statement, now, key)
            db.add(row)
            _drop_draft(db, rnd, ctx)
            audit.append(
                db,
                ctx.actor,
                "opinion.recuse",
                f"session:{session.id}",
                {
                    "round": rnd.number,
                    "department": department,
                    "participant": participant.id,
                    "request": True,  # takes effect when the chair approves (recusal.decide)
                    "recusal": facts.digest(facts.recusal_fact(row, rnd.number)),
                },
            )
            return {
                "recused": False,
                "requested": True,
                "department": department,
                "round": rnd.number,
                "session_sealed": False,
            }
        if form is None:
            raise InvalidInput(tr("Fill in the opinion form before sealing."))
        # The policy in force, kept with the remembered verdict under its very condition (app.facts_cache), else read.
        pol = rows.policy if rows is not None and rows.policy is not None else policy.load(db, ctx.registry)
        problems = check_form(
            form, [i.number for i in session.items], item_options_of(session), free_text_options_of(session), pol
        )
        if problems:
            raise InvalidInput(problems[0].message)
        header = {
            "store": ctx.store.slots.store_id,
            "session": session.id,
            "ref": session.ref_number,
            "round": rnd.number,
            "participant": participant.id,
            "department": department,
            "author": ctx.name,
            "sealed_at": now.isoformat(),
            "signer": ctx.fingerprint,
        }
        document = {
            "opinion": form.to_document(),
            "recusal": {"conflict": False},
            "session": session.id,
            "round": rnd.number,
            "participant": participant.id,
            "department": department,
            "author": ctx.name,
            "sealed_at": now.isoformat(),
        }
        # Every read before the first write: a write can fire a trigger an insider planted (refused by the full
        # facts check, but this transaction may rest on a remembered verdict), which could change what is read next.
        keys = rows.holder_keys.get(rnd.id) if rows is not None else None
        if keys is None:
            keys = tuple(k.kem_public for k in holder_keys.round_keys(db, rnd))
        _drop_draft(db, rnd, ctx)  # before anything is added: its DELETE flushes nothing
        # The envelope, the declaration and the entry are written in one flush, the entry's (audit.append).
        sealed, envelope = seal_envelope(db, ctx, rnd, participant.id, header, document, now, keys, flush=False)
        details: dict[str, Any] = {
            "round": rnd.number,
            "department": department,
            "commitment": sealed.commitment,
            "envelope": facts.digest(facts.envelope_fact(envelope, ctx.name, ctx.fingerprint, rnd.number)),
        }
        declared: RecusalRow | None = None
        if substitute_for is not None:
            details["substitute_for"] = substitute_for  # the declaration on record is the recused reviewer's
        elif after_refusal:
            details["recusal_refused"] = True  # the declaration on record is the refused request
        else:
            declared = _recusal_row(ctx, session.id, rnd, participant.id, False, "", now)
            db.add(declared)
            details["recusal"] = facts.digest(facts.recusal_fact(declared, rnd.number))
        fp = commitment_fingerprint(sealed.commitment)
        audit.append(db, ctx.actor, "opinion.seal", f"session:{session.id}", details)
        # The round's state as read above (this transaction holds the write lock) with this seal added (their ids:
        # the entry's flush).
        recusals = state.recusals
        if declared is not None:
            recusals = {**recusals, participant.id: RecusalSeen.of(declared)}
        after = replace(
            state, envelopes={**state.envelopes, participant.id: EnvelopeSeen.of(envelope)}, recusals=recusals
        )
        closed = mark_sealed_if_complete(db, ctx, session, (rnd, after), check)
        return {
            "recused": False,
            "department": department,
            "round": rnd.number,
            "sealed_at": now.isoformat(),
            "commitment": sealed.commitment,
            "fingerprint": fp,
            "short_fingerprint": short(fp),
            "session_sealed": closed,
        }


def _check_may_seal(state: Any, participant_id: int, recusal: Recusal, substitute: bool) -> bool:
    """Refuse a second answer for the department; True when sealing after the chair refused the recusal."""
    if participant_id in state.envelopes:
        raise Refused(tr("Your department has already sealed its opinion in this round; it cannot be changed."))
    declared = state.recusals.get(participant_id)
    if declared is None:
        return False
    decision = state.decisions.get(participant_id)
    if substitute and decision == "approved":
        return False
    if declared.has_conflict and decision == "requested":
        raise Refused(tr("Your recusal request awaits the chair's decision; nothing can be sealed until then."))
    if declared.has_conflict and decision == "refused":
        if recusal.conflict:
            raise Refused(tr("The chair refused your recusal; seal your department's opinion."))
        return True
    if declared.has_conflict:
        raise Refused(tr("Your recusal was approved: your department gives no opinion through you in this round."))
    raise Refused(tr("Your department has already sealed its opinion in this round; it cannot be changed."))


def seal_envelope(
    db: Any,
    ctx: AccountContext,
    rnd: Round,
    participant_id: int | None,
    header: dict[str, Any],
    document: dict[str, Any],
    now: Any,
    keys: Sequence[bytes] | None = None,
    flush: bool = True,
) -> tuple[Sealed, Envelope]:
    """Seal ``document`` to the round's reveal key and store the envelope (participant None: the chair's).

    ``keys``: the public keys of the round's holder keys in layer order as the facts check read them;
    ``flush``: False when the caller's next write flushes it (the envelope's id is not needed before)."""
    layers = [k.kem_public for k in holder_keys.round_keys(db, rnd)] if keys is None else list(keys)
    sealed = seal(header, document, layers or rnd.reveal_public, ctx.keys.sign.private, ctx.keys.kem.public)
    envelope = Envelope(
        round_id=rnd.id,
        participant_id=participant_id,
        author_id=ctx.account_id,
        is_chair=participant_id is None,
        sealed_at=now,
        header=sealed.header,
        ciphertext=sealed.ciphertext,
        commitment=sealed.commitment,
        signature=sealed.signature,
        signer_identity_id=ctx.identity_id,
        author_copy=sealed.author_copy,
    )
    db.add(envelope)
    if flush:
        db.flush()
    return sealed, envelope


def _recusal_row(
    ctx: AccountContext,
    session_id: int,
    rnd: Round,
    participant_id: int,
    conflict: bool,
    statement: str,
    now: Any,
    key: bytes | None = None,
) -> RecusalRow:
    """A recusal declaration (a conflict, or none), signed by the reviewer; the statement sealed when it can be."""
    sealed = None
    if conflict and key is not None:
        label = content.recusal_label(rnd.number, participant_id)
        sealed = content.seal_text(key, ctx.store.slots.store_id, session_id, label, statement)
        statement = ""
    signed = facts.recusal_signed_bytes(session_id, rnd.number, participant_id, conflict, statement, sealed)
    return RecusalRow(
        round_id=rnd.id,
        participant_id=participant_id,
        has_conflict=conflict,
        statement=statement,
        sealed_statement=sealed,
        declared_at=now,
        signature=provider().sign(ctx.keys.sign.private, signed),
    )


_DRAFTS: Any = OpinionDraft.__table__  # Core: cheaper to compile than the ORM's bulk delete, nothing to sync
# Built once (its cache key with it): the seal's only statement no read before it has compiled.
_DROP_DRAFT = delete(_DRAFTS).where(
    _DRAFTS.c.round_id == bindparam("round_id"), _DRAFTS.c.author_id == bindparam("author")
)


def _drop_draft(db: Any, rnd: Round, ctx: AccountContext) -> None:
    """The author's draft of the round, deleted in one statement (not read first: nothing of it is needed)."""
    db.execute(_DROP_DRAFT, {"round_id": rnd.id, "author": ctx.account_id})


def read_own_sealed(ctx: AccountContext, session_id: int, round_number: int | None = None) -> dict[str, Any] | None:
    """The author's own sealed opinion (from their personal copy), or None if not sealed."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        access.require_cleared(ctx, session)  # one's own sealed text is of the session's classification too
        query = (
            select(Envelope, Round)
            .join(Round, Envelope.round_id == Round.id)
            .where(Round.session_id == session.id, Envelope.author_id == ctx.account_id)
        )
        if round_number is not None:
            query = query.where(Round.number == round_number)
        row = db.execute(query.order_by(Round.number.desc())).first()
        if row is None:
            return None
        envelope, rnd = row
        flagged = facts.inspect(db, ctx.registry, session, ctx.store.slots.store_id).flagged
        if envelope.id in flagged:
            # Anyone can make an "author copy" (it is sealed to a public key): never show one the log disowns.
            raise facts.Tampered(
                tr("Your sealed opinion in the store is not the one you sealed ({problem}); tell the auditor.").format(
                    problem=flagged[envelope.id]
                )
            )
        document = open_author_copy(envelope.header, envelope.author_copy, ctx.keys.kem.private)
        fp = commitment_fingerprint(envelope.commitment)
        return {
            "round": rnd.number,
            "sealed_at": envelope.sealed_at.isoformat(),
            "document": document,
            "commitment": envelope.commitment,
            "fingerprint": fp,
            "signer": ctx.fingerprint,
        }
