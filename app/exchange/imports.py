"""Recognise an exchange file, say what it is and what importing it will do, and import it.

Every refusal raises :class:`~app.exchange.schema.ExchangeRefused` before anything is written: the store
stays byte-for-byte as it was.  A file imported before changes nothing and reports ``already``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.context import AccountContext
from app.exchange import (
    batches,
    cards,
    container,
    envelope_file,
    key_release,
    ledger,
    receipts,
    recusal_file,
    result_package,
    reveal_request,
    session_package,
)
from app.exchange.schema import ExchangeRefused
from app.i18n import tr

IMPORTABLE = (
    container.IDENTITY_CARD,
    container.KEY_BATCH,
    container.REVEAL_REQUEST,
    container.KEY_RELEASE,
    container.SESSION_PACKAGE,
    container.ENVELOPE,
    container.RECEIPT,
    container.RESULT_PACKAGE,
)


def load(ctx: AccountContext, path: Path) -> container.Document:
    """Read and open ``path`` with this account's key (nothing is written)."""
    data = ledger.read(path)
    doc = container.open_file(data, ctx.keys.kem.private)
    if doc.type not in IMPORTABLE:
        raise ExchangeRefused(
            "wrong-type",
            tr("This program cannot import {type} files yet; nothing was imported.").format(type=doc.type),
        )
    if doc.type != container.IDENTITY_CARD:
        ledger.require_recipient(ctx, doc)
    return doc


def _effect(doc: container.Document) -> str:
    if doc.type == container.IDENTITY_CARD:
        return tr(
            "Registers {name} of another workstation as a trusted identity, once you confirm the fingerprint "
            "they read out to you."
        ).format(name=doc.sender["name"])
    if doc.type == container.REVEAL_REQUEST:
        return tr(
            "Records the chair {name}'s reveal request (the signed seal board); then you may release your round "
            "key for it with 'huishen export key-release {id}'."
        ).format(name=doc.sender["name"], id=doc.file_id)
    if doc.type == container.SESSION_PACKAGE:
        return tr(
            "Records the chair {name}'s session package; then you seal your department's opinion for it with "
            "'huishen export envelope {id}'."
        ).format(name=doc.sender["name"], id=doc.file_id)
    if doc.type == container.RESULT_PACKAGE:
        return tr(
            "Records the result of the session sent by the chair {name} (opinions, tallies, decision), once your "
            "own envelopes are found in it unchanged; shown read-only."
        ).format(name=doc.sender["name"])
    if doc.type == container.RECEIPT:
        return tr("Records the chair {name}'s acknowledgement of the envelope you sealed (proof of delivery).").format(
            name=doc.sender["name"]
        )
    if doc.type == container.ENVELOPE and recusal_file.is_recusal(doc):
        return tr(
            "Records the recusal request of reviewer {name} in the session's current round; you then approve or "
            "refuse it."
        ).format(name=doc.sender["name"])
    if doc.type == container.ENVELOPE:
        return tr("Records the sealed opinion of reviewer {name} in the session's current round.").format(
            name=doc.sender["name"]
        )
    if doc.type == container.KEY_RELEASE:
        return tr(
            "Records the round key custodian {name} released to you, bound to the seal board you sent; the reveal "
            "can use it."
        ).format(name=doc.sender["name"])
    return tr("Records {count} one-time round keys of custodian {name} for the sessions you chair.").format(
        count=len(doc.body.get("keys", [])), name=doc.sender["name"]
    )


def describe(ctx: AccountContext, path: Path) -> dict[str, Any]:
    """What the file is, from whom, whether its sender is trusted here, and what importing it will do."""
    doc = load(ctx, path)
    sender = doc.sender
    trusted = None
    problem = None
    try:
        if doc.type == container.IDENTITY_CARD:
            cards.check(doc)
        else:
            with ctx.store.transaction() as db:
                ledger.trusted_sender(ledger.fresh_registry(db, ctx), doc)
            trusted = True
            if doc.type == container.KEY_BATCH:
                batches.require_one_chair(doc)
    except ExchangeRefused as exc:
        problem, trusted = exc.message, False
    with ctx.store.transaction() as db:
        already = ledger.already_imported(db, doc.file_id)
    return {
        "type": doc.type,
        "file": doc.file_id,
        "created": doc.header["created"],
        "sender": sender["name"],
        "fingerprint": sender["fingerprint"],
        "store": sender["store"],
        "recipients": doc.recipients,
        "trusted": trusted,
        "problem": problem,
        "already": already,
        "effect": _effect(doc),
        "recusal": doc.type == container.ENVELOPE and recusal_file.is_recusal(doc),
    }


def import_file(ctx: AccountContext, path: Path, fingerprint: str | None = None) -> dict[str, Any]:
    """Import ``path`` into this store; refuses with a reason, or reports that it was already imported."""
    doc = load(ctx, path)
    if doc.type == container.IDENTITY_CARD:
        return cards.import_card(ctx, doc, fingerprint)
    if doc.type == container.REVEAL_REQUEST:
        return reveal_request.import_request(ctx, doc)
    if doc.type == container.KEY_RELEASE:
        return key_release.import_release(ctx, doc)
    if doc.type == container.SESSION_PACKAGE:
        return session_package.import_package(ctx, doc)
    if doc.type == container.ENVELOPE:
        return envelope_file.import_envelope(ctx, doc)
    if doc.type == container.RECEIPT:
        return receipts.import_receipt(ctx, doc)
    if doc.type == container.RESULT_PACKAGE:
        return result_package.import_result(ctx, doc)
    return batches.import_batch(ctx, doc)
