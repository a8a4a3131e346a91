"""The dossier proves its text (issue 8): for each envelope the manifest carries the author's signature, public
keys, the signed header and ciphertext digest, the commitment salt and the revealed document, so that a reader
holding only the file checks every printed opinion against the author's signed commitment."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import sealing
from app.crypto import provider
from app.i18n import tr
from app.identity import fingerprint_of
from models import Envelope, Identity, RevealedOpinion


class ProofFailure(Exception):
    """A printed opinion that its proof does not support; the message names which."""


def collect(db: Session, round_id: int, key: bytes | None = None, store_id: str = "") -> dict[str, dict[str, Any]]:
    """The proof of every envelope of a round, by commitment (revealed content opened with the reader's key)."""
    from app.sessions import content

    proofs: dict[str, dict[str, Any]] = {}
    rows = db.execute(
        select(Envelope, RevealedOpinion, Identity)
        .join(RevealedOpinion, RevealedOpinion.envelope_id == Envelope.id)
        .join(Identity, Identity.id == Envelope.signer_identity_id)
        .where(Envelope.round_id == round_id)
    ).all()
    for envelope, revealed, signer in rows:
        document, salt = None, None
        if revealed.valid:
            session_id = json.loads(envelope.header).get("session")
            document, salt = content.opened_with_salt(key, store_id, session_id, envelope, revealed)
        proofs[envelope.commitment] = {
            "header": envelope.header,
            "ciphertext_sha256": provider().hash(envelope.ciphertext).hex(),
            "signature": envelope.signature.hex(),
            "sign_public": signer.sign_public.hex(),
            "kem_public": signer.kem_public.hex(),
            "salt": salt,
            "document": document,
        }
    return proofs


def _signed_bytes(header: str, commitment: str, ciphertext_sha256: str) -> bytes:
    # As sealing._signed_bytes, from the ciphertext's digest: the dossier does not carry the ciphertext.
    crypto = provider()
    return (
        sealing._SIGN_DOMAIN
        + crypto.hash(header.encode())
        + bytes.fromhex(commitment)
        + bytes.fromhex(ciphertext_sha256)
    )


def printed_texts(document: dict[str, Any]) -> list[str]:
    """What the dossier prints of an opinion document: positions, notes and every text field."""
    opinion = document.get("opinion") or {}
    texts = [str(v) for v in (opinion.get("positions") or {}).values()]
    texts += [str(v) for v in (opinion.get("position_notes") or {}).values() if v]
    texts += [
        str(opinion[k]) for k in ("reasoning", "facts", "causes", "disposition", "rectification") if opinion.get(k)
    ]
    return texts


def check(manifest: dict[str, Any], page_text: str) -> int:
    """Check every envelope's proof (of every round in the file) and that the file prints each revealed text;
    the number checked."""
    flat = "".join(page_text.split())
    rounds = [(manifest["round"], manifest["envelopes"])]
    rounds += [(r["round"], r["envelopes"]) for r in manifest.get("earlier_rounds", [])]
    count = 0
    for number, envelopes in rounds:
        for item in envelopes:
            _check_one(manifest, number, item, flat)
            count += 1
    return count


def _check_one(manifest: dict[str, Any], round_number: int, item: dict[str, Any], flat: str) -> None:
    who = item.get("department") or tr("chair")
    proof = item.get("proof")
    if not isinstance(proof, dict):
        raise ProofFailure(tr("The manifest carries no proof for the opinion of {who}.").format(who=who))
    header = json.loads(proof["header"])
    if (header.get("store"), header.get("session"), header.get("round")) != (
        manifest["store"],
        manifest["session"],
        round_number,
    ):
        raise ProofFailure(tr("The envelope of {who} was sealed for another session or round.").format(who=who))
    sign_public, kem_public = bytes.fromhex(proof["sign_public"]), bytes.fromhex(proof["kem_public"])
    if fingerprint_of(sign_public, kem_public) != item["signer_fingerprint"]:
        raise ProofFailure(tr("The signer's keys of {who} do not match the printed fingerprint.").format(who=who))
    signed = _signed_bytes(proof["header"], item["commitment"], proof["ciphertext_sha256"])
    if not provider().verify(sign_public, bytes.fromhex(proof["signature"]), signed):
        raise ProofFailure(tr("The author's signature on the envelope of {who} does not verify.").format(who=who))
    if not item["valid"]:
        return
    document, salt = proof.get("document"), proof.get("salt")
    if not isinstance(document, dict) or not salt:
        raise ProofFailure(tr("The revealed opinion of {who} lacks its text or salt.").format(who=who))
    if sealing.commitment_of(bytes.fromhex(salt), document) != item["commitment"]:
        raise ProofFailure(tr("The opinion of {who} does not match its signed commitment.").format(who=who))
    for text in printed_texts(document):
        if "".join(text.split()) not in flat:
            raise ProofFailure(tr("The file does not print the committed text of {who}.").format(who=who))


def page_text(data: bytes) -> str:
    """The text inside the text block of every page, in order (running headers and page numbers left out, so
    that a paragraph broken across pages reads whole), for checking what the file prints."""
    import pypdfium2 as pdfium

    from app.dossier.elements import BLOCK_H, BLOCK_W, BOTTOM, LEFT

    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(
            page.get_textpage().get_text_bounded(LEFT - 2, BOTTOM - 2, LEFT + BLOCK_W + 2, BOTTOM + BLOCK_H + 2)
            for page in document
        )
    finally:
        document.close()
