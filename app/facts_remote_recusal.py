"""Recusal requests of reviewers at other workstations, as this store's signed log records them (issue 10).

The chair's import of a recusal envelope file (app/exchange/recusal_file.py) appends a ``recusal.remote``
entry embedding the reviewer's own signed file (:mod:`app.exchange.statements`).  :mod:`app.facts` treats it
as that reviewer's ``opinion.recuse`` request only when the embedded signature holds under the member's
registered key, the file names exactly this session, round, participant and department, and the recusal the
entry records is the one the file carries (its sealed statement and the reviewer's signature over it).  The
recusal row is then checked as any request is (the reviewer's own signature over it, app/facts.py); an entry or
row an insider writes or edits brings nothing and is reported.
"""

from __future__ import annotations

from typing import Any

from app.exchange import container, ids, statements
from app.registry import Registry
from app.sessions.remote_seal import SealEntry


def _recusal_digest(body: dict[str, Any], round_no: int) -> str | None:
    """The digest of the recusal fact (app.facts.recusal_fact) of the row the reviewer's file carries."""
    from app.facts import blob_digest, digest

    try:
        sealed = bytes.fromhex(str(body["sealed_statement"]))
        signature = bytes.fromhex(str(body["recusal_signature"]))
    except (KeyError, ValueError):
        return None
    fact = {
        "round": round_no,
        "participant": body.get("participant"),
        "conflict": True,
        "statement": "",
        "signature": signature.hex(),
        "sealed": blob_digest(sealed),
    }
    return digest(fact)


def as_reviewers_request(
    reg: Registry, store_id: str, session_id: int, round_no: int, entry: Any, details: Any
) -> SealEntry | None:
    """The entry as the reviewer's own ``opinion.recuse`` request, or None when the embedded file does not hold."""
    if not isinstance(details, dict) or not isinstance(details.get("member"), str):
        return None
    member = details["member"]
    doc = statements.verified(reg, member, entry.actor, details, container.ENVELOPE, entry.seq)
    if doc is None or not isinstance(doc.body, dict) or "sealed_statement" not in doc.body:
        return None
    body = doc.body
    if (
        body.get("round") != str(ids.RoundName(store_id, session_id, round_no))
        or details.get("round") != round_no
        or details.get("participant") != body.get("participant")
        or details.get("department") != body.get("department")
        or details.get("request") is not True
        or details.get("recusal") != _recusal_digest(body, round_no)
    ):
        return None
    return SealEntry(entry.seq, "opinion.recuse", member, entry.object, entry.details)
