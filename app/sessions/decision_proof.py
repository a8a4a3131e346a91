"""The chair's decision, provable from a dossier alone (issue 8 item 4).

The decision row is signed over its ciphertext (so the stored record can be checked without reading it). Inside
that ciphertext the chair also signs a salted commitment to the text: the dossier carries text, salt and that
signature, and a reader holding only the file checks that the printed decision is the one the chair signed —
while an insider with the database key cannot confirm a guessed decision text from the rows (the salt is
inside the ciphertext). Sessions without a content key (older stores) keep the text in the row, signed as such.
"""

from __future__ import annotations

import json
import os
from typing import Any

from app.canonical import canonical_json
from app.crypto import provider
from app.i18n import tr

_TEXT_DOMAIN = b"huishen-decision-text/2|"


def commitment(salt: bytes, text: str, basis: dict[str, Any] | None = None) -> str:
    """SHA-256 of the salted decision text and its basis (options adopted, departures, reason), hex."""
    return provider().hash(_TEXT_DOMAIN + salt + canonical_json({"text": text, "basis": basis or {}})).hex()


def text_signed_bytes(store_id: str, session_id: int, round_number: int, at: str, text_commitment: str) -> bytes:
    """What the chair signs of the text itself: the store, session, round, time and the salted commitment."""
    doc = {"store": store_id, "session": session_id, "round": round_number, "at": at, "commitment": text_commitment}
    return _TEXT_DOMAIN + canonical_json(doc)


def sealed_value(
    sign_private: bytes,
    store_id: str,
    session_id: int,
    round_number: int,
    at: str,
    text: str,
    basis: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What goes inside the decision's ciphertext: the text, its basis, a salt and the chair's signature."""
    salt = os.urandom(16)
    signed = text_signed_bytes(store_id, session_id, round_number, at, commitment(salt, text, basis))
    value: dict[str, Any] = {"text": text, "salt": salt.hex(), "signature": provider().sign(sign_private, signed).hex()}
    value["basis"] = basis or {}
    return value


def text_of(value: Any) -> str:
    """The decision text from what the ciphertext holds (a plain string in stores of before the salted form)."""
    return str(value["text"]) if isinstance(value, dict) else str(value)


def manifest_block(
    decision: Any, round_number: int, by: str, opened: Any, signer: tuple[bytes, bytes]
) -> dict[str, Any]:
    """The dossier's record of the decision: text and what proves the chair signed it (see ``check``)."""
    at = decision.decided_at.isoformat()
    block: dict[str, Any] = {
        "round": round_number,
        "by": by,
        "at": at,
        "sign_public": signer[0].hex(),
        "kem_public": signer[1].hex(),
    }
    if decision.sealed_text is None and getattr(decision, "sealed_basis", None) is None:
        basis = getattr(decision, "basis", None)
        block.update(form="plain", text=str(decision.text), signature=decision.signature.hex())
        if basis:
            block["basis"] = basis
    elif isinstance(opened, dict) and "salt" in opened and "signature" in opened:
        block.update(
            form="salted",
            text=str(opened["text"]),
            salt=opened["salt"],
            signature=opened["signature"],
            basis=opened.get("basis") or {},
        )
    else:  # sealed before the salted form existed: the text is in the ciphertext only, signed through it
        block.update(form="sealed", text=text_of(opened) if opened is not None else "")
    return block


class DecisionProofFailure(Exception):
    """The decision printed in a dossier is not the one its chair signed; the message says how."""


def check(manifest: dict[str, Any], flat_pages: str) -> tuple[str, bool]:
    """Check the manifest's decision against the chair's signature and that the file prints it; returns the
    signer's fingerprint (to compare with the registry when the store is at hand) and whether it is the key
    that signed the chair's position in the same file."""
    from app.facts import decision_signed_bytes
    from app.identity import fingerprint_of

    block = manifest.get("decision")
    if not isinstance(block, dict):
        raise DecisionProofFailure(tr("The manifest carries no signed decision."))
    try:
        sign_public, kem_public = bytes.fromhex(block["sign_public"]), bytes.fromhex(block["kem_public"])
        text, at, number = str(block["text"]), str(block["at"]), int(block["round"])
        form = block["form"]
        if form == "salted":
            basis = block.get("basis") or {}
            if not isinstance(basis, dict):
                raise ValueError("basis")
            signed = text_signed_bytes(
                manifest["store"],
                manifest["session"],
                number,
                at,
                commitment(bytes.fromhex(block["salt"]), text, basis),
            )
        elif form == "plain":
            clear = block.get("basis")
            signed = decision_signed_bytes(manifest["session"], number, text, at, None, str(clear) if clear else None)
            basis = json.loads(clear) if isinstance(clear, str) and clear else {}
        else:
            raise DecisionProofFailure(
                tr("The decision was recorded before decisions carried a signature a dossier can show.")
            )
        signature = bytes.fromhex(block["signature"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DecisionProofFailure(tr("The manifest's decision record is malformed.")) from exc
    if not provider().verify(sign_public, signature, signed):
        raise DecisionProofFailure(tr("The chair's signature on the decision does not verify."))
    if number != manifest.get("round"):
        raise DecisionProofFailure(tr("The decision was signed for another round."))
    chair = [e for e in manifest.get("envelopes", []) if e.get("is_chair")]
    if not chair or all(e.get("author") != block.get("by") for e in chair):
        raise DecisionProofFailure(tr("The decision is signed by someone other than the chair who stated last."))
    if _printed_section(text, basis) not in flat_pages:
        raise DecisionProofFailure(
            tr("The file does not print the decision the chair signed (section 八 differs from the signed text).")
        )
    fingerprint = fingerprint_of(sign_public, kem_public)
    return fingerprint, any(e.get("signer_fingerprint") == fingerprint for e in chair)


def _printed_section(text: str, basis: dict[str, Any]) -> str:
    """Section 八 as the dossier prints it, from the signed text and basis: heading, text, basis lines, signer."""
    from app.dossier.record import decision_lines

    lines = decision_lines({"decision": {"basis": basis}})
    return "".join("".join(part.split()) for part in ("八、决定", text, *lines, "决定人："))


def signer_of(decision: Any, signed: bytes, candidates: list[tuple[bytes, bytes]]) -> tuple[bytes, bytes] | None:
    """Which of the chair's identities (sign, kem public keys) made ``signed``'s signature."""
    crypto = provider()
    return next((c for c in candidates if crypto.verify(c[0], decision.signature, signed)), None)
