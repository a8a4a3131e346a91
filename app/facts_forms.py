"""The canonical forms of a session's facts and the bytes their authors sign (moved out of app.facts, issue 16:
modules under ~400 lines; app.facts re-exports every name)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.canonical import canonical_json
from app.crypto import provider
from app.identity import fingerprint_of
from models import (
    Account,
    Decision,
    Department,
    Envelope,
    HolderKey,
    Identity,
    Recusal,
    RevealShare,
    ReviewSession,
    Round,
)


def digest(value: Any) -> str:
    """SHA-256 of the canonical JSON form of ``value``, hex."""
    return provider().hash(canonical_json(value)).hex()


def _h(data: bytes) -> str:
    return provider().hash(data).hex()


def content_hash(content: str) -> str:
    """The digest a re-anchor records for a revealed opinion stored without its salt (older stores)."""
    return _h(content.encode())


def signer_fingerprint(db: Session, envelope: Envelope) -> str:
    ident = db.get(Identity, envelope.signer_identity_id)
    return fingerprint_of(ident.sign_public, ident.kem_public) if ident is not None else ""


def definition_of(
    db: Session, session: ReviewSession, store_id: str, names: dict[int, str] | None = None
) -> dict[str, Any]:
    """Everything the chair fixed when creating the session, with people by name (``names``: accounts by id,
    when the caller has read them already)."""
    names = dict(db.execute(select(Account.id, Account.name)).all()) if names is None else names
    rows = db.execute(select(Department.id, Department.name)).all()
    depts: dict[int, str | None] = dict(rows)
    if len(depts) != len(rows):
        # A department id given twice (the key dropped, a row planted): which name a lookup finds depends on how it
        # searches (a scan, an index in another order), so none is the signed one — the definition then differs.
        seen: set[int] = set()
        for dept_id, _name in rows:
            if dept_id in seen:
                depts[dept_id] = None
            seen.add(dept_id)
    return (
        {
            "store": store_id,
            "session": session.id,
            "ref": session.ref_number,
            "title": session.title,
            "kind": session.kind,
            "classification": session.classification,
            "term": session.classification_term,
            "rule": session.rule,
            "chair_counts": bool(session.chair_counts),
            "options": json.loads(session.options),
            "chair": names.get(session.chair_id),
            "deadline": session.deadline.isoformat() if session.deadline else None,
            "items": [[i.number, i.text] for i in session.items],
            "participants": [
                [p.id, depts.get(p.department_id), names.get(p.reviewer_id)] for p in session.participants
            ],
            "custodians": sorted(str(names.get(c.account_id)) for c in session.custodians),
        }
        | ({"quorum": session.quorum} if session.quorum else {})
        | ({"deputy": names.get(session.deputy_id)} if session.deputy_id is not None else {})
    )


def round_fact(
    db: Session, rnd: Round, names: dict[int, str] | None = None, keys: list[HolderKey] | None = None
) -> dict[str, Any]:
    """A round's reveal key and the holders' sealed shares (``keys``: the round's holder keys in layer order, when
    the caller has read them already)."""
    from app.sessions.holder_keys import key_digest

    names = dict(db.execute(select(Account.id, Account.name)).all()) if names is None else names
    shares = db.execute(
        select(RevealShare.holder_id, RevealShare.sealed_share)
        .where(RevealShare.round_id == rnd.id)
        .order_by(RevealShare.id)
    )
    fact: dict[str, Any] = {
        "round": rnd.number,
        "reveal_public": _h(rnd.reveal_public),
        "shares": [[names.get(s.holder_id), _h(s.sealed_share)] for s in shares],
    }
    if keys is None:
        keys = list(db.scalars(select(HolderKey).where(HolderKey.round_id == rnd.id).order_by(HolderKey.layer)))
    holders = [[k.layer, names.get(k.holder_id), key_digest(k.kem_public)] for k in keys]
    if holders:  # rounds of older stores split one key instead
        fact["holders"] = holders
    return fact


def envelope_fact(envelope: Envelope, author: str, signer_fp: str, round_number: int) -> dict[str, Any]:
    return {
        "round": round_number,
        "participant": envelope.participant_id,
        "chair": bool(envelope.is_chair),
        "author": author,
        "header": envelope.header,
        "ciphertext": _h(envelope.ciphertext),
        "commitment": envelope.commitment,
        "signature": envelope.signature.hex(),
        "signer": signer_fp,
        "author_copy": _h(envelope.author_copy),
    }


def recusal_fact(recusal: Recusal, round_number: int) -> dict[str, Any]:
    fact = {
        "round": round_number,
        "participant": recusal.participant_id,
        "conflict": bool(recusal.has_conflict),
        "statement": recusal.statement,
        "signature": recusal.signature.hex(),
    }
    if recusal.sealed_statement is not None:
        fact["sealed"] = blob_digest(recusal.sealed_statement)
    return fact


def decision_fact(decision: Decision, author: str, round_number: int) -> dict[str, Any]:
    # The signature makes this digest unguessable: the auditor sees it, not the text.
    fact = {
        "round": round_number,
        "text": decision.text,
        "by": author,
        "at": decision.decided_at.isoformat(),
        "signature": decision.signature.hex(),
    }
    if decision.sealed_text is not None:
        fact["sealed"] = blob_digest(decision.sealed_text)
    # The options adopted and the reason for departing from the tally (decisions since schema 0005).
    if decision.sealed_basis is not None:
        fact["sealed_basis"] = blob_digest(decision.sealed_basis)
    elif decision.basis:
        fact["basis"] = decision.basis
    return fact


def blob_digest(blob: bytes) -> str:
    return provider().hash(b"huishen-content-blob/1|" + blob).hex()


def recusal_signed_bytes(
    session_id: int,
    round_number: int,
    participant_id: int,
    conflict: bool,
    statement: str,
    sealed_statement: bytes | None = None,
) -> bytes:
    """What a reviewer signs when declaring a conflict (or none): the statement, or its ciphertext's digest."""
    doc: dict[str, Any] = {
        "session": session_id,
        "round": round_number,
        "participant": participant_id,
        "conflict": conflict,
    }
    if conflict and sealed_statement is not None:
        doc["sealed_statement"] = blob_digest(sealed_statement)
    elif conflict:
        doc["statement"] = statement
    return b"huishen-recusal/1|" + canonical_json(doc)


def decision_signed_bytes(
    session_id: int,
    round_number: int,
    text: str,
    at: str,
    sealed_text: bytes | None = None,
    basis: str | None = None,
    sealed_basis: bytes | None = None,
) -> bytes:
    """What the chair signs: the decision text, or (sealed under the content key) its ciphertext's digest; and
    likewise its basis — the options adopted and the written reason for departing from the tally."""
    doc: dict[str, Any] = {"session": session_id, "round": round_number, "at": at}
    if sealed_text is not None:
        doc["sealed_text"] = blob_digest(sealed_text)
    else:
        doc["text"] = text
    if sealed_basis is not None:
        doc["sealed_basis"] = blob_digest(sealed_basis)
    elif basis:
        doc["basis"] = basis
    return b"huishen-decision/1|" + canonical_json(doc)
