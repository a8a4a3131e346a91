"""Statements of remote members, embedded in this store's signed log (issue 10).

A remote member signs no entry of this store's log.  What they state — a key release, a sealed opinion's
commitment, a recusal — arrives inside an exchange file signed by their identity; the account that imports
it appends an entry of its own that embeds the whole signed document (:func:`embed`).  A fact counts only
when :func:`verified` holds: the embedded document is well-formed, of the expected type, sent by exactly
the identity the registry enrolled under that member's name, its signature holds under that identity's
registered key (from the signed ``exchange.register`` entry, never a row), and the entry's signer was one
of the file's recipients.  An insider who writes rows, or signs an entry embedding a statement with a
wrong signature, brings nothing.
"""

from __future__ import annotations

from typing import Any

from app.exchange import container
from app.exchange.schema import ExchangeRefused
from app.registry import Registry


def embed(doc: container.Document) -> dict[str, Any]:
    """What an import entry carries so that anyone can check the remote member's statement later."""
    return {"signed": doc.signed.decode("utf-8"), "signature": doc.signature.hex(), "file": doc.digest}


def verified(
    reg: Registry, member: str, actor: str, details: Any, kind: str, seq: int | None = None
) -> container.Document | None:
    """The statement of ``member`` embedded in ``actor``'s entry ``details``, or None if it does not hold (also
    when the entry, at ``seq``, was written after the member's identity was revoked)."""
    rec = reg.account(member)
    importer = reg.account(actor)
    if rec is None or rec.remote is None or importer is None or not isinstance(details, dict):
        return None
    identity = reg.foreign.get(rec.remote)
    if seq is not None and identity is not None and identity.revoked_seq is not None and seq > identity.revoked_seq:
        return None
    try:
        signed, signature = details["signed"], details["signature"]
        if not isinstance(signed, str) or not isinstance(signature, str):
            return None
        doc = container.signed_document(signed.encode("utf-8"), bytes.fromhex(signature))
    except (KeyError, ValueError, TypeError, ExchangeRefused):
        return None
    public = reg.sign_public(rec.remote)
    if (
        doc.type != kind
        or doc.sender.get("fingerprint") != rec.remote
        or public is None
        or not doc.signed_by(public)
        or not set(doc.recipients) & (importer.keys | importer.retired)
    ):
        return None
    return doc
