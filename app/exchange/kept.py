"""Imported content kept sealed to the importing identity (attack review, issue 10).

A session package or a result package carries a session's content (matter, items; revealed opinions,
tallies, decision).  At the chair's store that content is encrypted per reader; at a member's store the
import entry used to embed the chair's whole signed document in clear, so any account of that store could
read it with the database key.  Now the import entry keeps only what the check needs — the file's digest,
the digest of the signed document, the chair's signature and the ids — and the signed document itself sealed
(HPKE, as envelopes are) to the importing account's identity key.  Only that account reads it back; the
chair's signature and the digest are checked again on every read.
"""

from __future__ import annotations

from typing import Any

from app.context import AccountContext
from app.crypto import InvalidData, provider
from app.exchange import container
from app.exchange.schema import ExchangeRefused

INFO = b"huishen-exchange/1|kept-copy|"


def _info(fingerprint: str) -> bytes:
    return INFO + fingerprint.encode("utf-8")


def keep(ctx: AccountContext, doc: container.Document) -> dict[str, Any]:
    """The import entry's fields for ``doc``: its digests and signature, and the document sealed to ``ctx``."""
    crypto = provider()
    return {
        "sealed": crypto.seal(ctx.keys.kem.public, doc.signed, _info(ctx.fingerprint)).hex(),
        "signed_digest": crypto.hash(doc.signed).hex(),
        "signature": doc.signature.hex(),
        "reader": ctx.fingerprint,
        "file": doc.digest,
    }


def reopen(ctx: AccountContext, details: dict[str, Any]) -> container.Document:
    """The signed document an import entry of this account kept (refused when it does not open or match)."""
    try:
        if details.get("reader") != ctx.fingerprint:
            raise ValueError("kept for another identity")
        signed = provider().open(ctx.keys.kem.private, bytes.fromhex(details["sealed"]), _info(ctx.fingerprint))
        if provider().hash(signed).hex() != details.get("signed_digest"):
            raise ValueError("digest")
        return container.signed_document(signed, bytes.fromhex(details["signature"]), str(details.get("file", "")))
    except (InvalidData, ValueError, KeyError, TypeError) as exc:
        raise ExchangeRefused("altered", "kept copy does not open") from exc
