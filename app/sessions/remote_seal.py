"""Seals of reviewers at other workstations, as this store's signed log records them (issue 10).

The chair's import of an envelope file appends an ``opinion.remote`` entry embedding the reviewer's own
signed file (:mod:`app.exchange.statements`).  The fact checker treats it as that reviewer's ``opinion.seal``
only when the embedded signature holds under the member's registered key and the file names exactly this
session and round and the commitment the entry records; the envelope row and its declaration are then
checked as any seal is (the reviewer's own signatures over them, app/facts.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.exchange import container, ids, statements
from app.registry import Registry


@dataclass(frozen=True)
class SealEntry:
    """The entry as the reviewer's seal: the same number and details, the reviewer as its actor."""

    seq: int
    action: str
    actor: str
    object: str
    details: str


def as_reviewers_seal(
    reg: Registry, store_id: str, session_id: int, round_no: int, entry: Any, details: Any
) -> SealEntry | None:
    if not isinstance(details, dict) or not isinstance(details.get("member"), str):
        return None
    member = details["member"]
    doc = statements.verified(reg, member, entry.actor, details, container.ENVELOPE, entry.seq)
    if doc is None:
        return None
    if (
        doc.body.get("round") != str(ids.RoundName(store_id, session_id, round_no))
        or doc.body.get("commitment") != details.get("commitment")
        or details.get("round") != round_no
    ):
        return None
    return SealEntry(entry.seq, "opinion.seal", member, entry.object, entry.details)
