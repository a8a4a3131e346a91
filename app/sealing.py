"""Sealing and opening envelopes (DESIGN.md §5), with no store involved.

seal: canonical document + random salt → HPKE (ML-KEM-768+X25519, HKDF-SHA256,
AES-256-GCM) to the round's reveal key, with session/round/participant/author
bound in ``info`` → commitment SHA-256(salt ‖ canonical document) → Ed25519
signature by the author over the header, the commitment and the ciphertext's
hash.  The author also gets the payload sealed to their own key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.canonical import canonical_json
from app.crypto import InvalidData, provider

SUITE = "HPKE/MLKEM768_X25519/HKDF_SHA256/AES_256_GCM+Ed25519"
VERSION = 1
# Plaintexts are padded to a multiple of this, so an envelope's size does not tell 同意 from 不同意.
PAD_BUCKET = 1024
_SIGN_DOMAIN = b"huishen-envelope/1|"


class EnvelopeInvalid(Exception):
    """An envelope failed verification; the message names the check."""


@dataclass(frozen=True)
class Sealed:
    header: str
    ciphertext: bytes
    commitment: str
    signature: bytes
    author_copy: bytes


def info_for(header: dict[str, Any]) -> bytes:
    """The HPKE ``info``: binds the ciphertext to its store, session, round, participant and author."""
    return (
        f"huishen-seal/{VERSION}|{header['store']}|{header['session']}|{header['round']}|"
        f"{header['participant']}|{header['author']}"
    ).encode()


def commitment_of(salt: bytes, document: dict[str, Any]) -> str:
    """SHA-256 over the salt and the canonical document, hex."""
    return provider().hash(salt + canonical_json(document)).hex()


def _signed_bytes(header: str, commitment: str, ciphertext: bytes) -> bytes:
    crypto = provider()
    return _SIGN_DOMAIN + crypto.hash(header.encode()) + bytes.fromhex(commitment) + crypto.hash(ciphertext)


def _layer_info(info: bytes, layer: int) -> bytes:
    return info + f"|layer{layer}".encode()


def seal(
    header: dict[str, Any],
    document: dict[str, Any],
    reveal_public: bytes | list[bytes],
    author_sign_private: bytes,
    author_kem_public: bytes,
) -> Sealed:
    """Seal ``document`` under ``header`` (which must carry store, session, round, participant, author).

    ``reveal_public`` is the list of the round's holder keys, the chair's first:
    the payload is sealed to each in turn (the chair's layer innermost), so it
    opens only with every holder's key.  A single key (bytes) is the older
    single-key form of stores made before per-holder keys.
    """
    crypto = provider()
    layers = [reveal_public] if isinstance(reveal_public, bytes) else list(reveal_public)
    header = {**header, "v": VERSION, "suite": SUITE}
    if not isinstance(reveal_public, bytes):
        header["layers"] = len(layers)
    header_text = canonical_json(header).decode("utf-8")
    salt = crypto.random(16)
    body = canonical_json(document)  # once: the payload and the commitment both hold it as it is
    payload = _padded(body, salt)
    info = info_for(header)
    if isinstance(reveal_public, bytes):
        ciphertext = crypto.seal(reveal_public, payload, info)
    else:
        ciphertext = payload
        for layer, public in enumerate(layers):
            ciphertext = crypto.seal(public, ciphertext, _layer_info(info, layer))
    commitment = crypto.hash(salt + body).hex()  # commitment_of(salt, document)
    signature = crypto.sign(author_sign_private, _signed_bytes(header_text, commitment, ciphertext))
    author_copy = crypto.seal(author_kem_public, payload, info + b"|author-copy")
    return Sealed(header_text, ciphertext, commitment, signature, author_copy)


def padded_payload(document: dict[str, Any], salt: bytes) -> bytes:
    """The canonical payload, padded with ASCII to the next multiple of :data:`PAD_BUCKET` bytes."""
    return _padded(canonical_json(document), salt)


def _padded(body: bytes, salt: bytes) -> bytes:
    """:func:`padded_payload` of the document whose canonical form is ``body``: the canonical form of
    {"document", "pad", "salt"} written around it (keys in sorted order; the pad and the salt's hex are plain
    ASCII, which JSON writes as they are), so the document is serialized once, not twice."""
    head, tail = b'{"document":' + body + b',"pad":"', b'","salt":"' + salt.hex().encode() + b'"}'
    missing = -(len(head) + len(tail)) % PAD_BUCKET
    payload = head + b"0" * missing + tail
    assert len(payload) % PAD_BUCKET == 0
    return payload


def _parse_payload(payload: bytes) -> tuple[dict[str, Any], bytes]:
    try:
        data = json.loads(payload.decode("utf-8"))
        return dict(data["document"]), bytes.fromhex(data["salt"])
    except (ValueError, KeyError, TypeError) as exc:
        raise EnvelopeInvalid("malformed content") from exc


def verify_signature(header: str, commitment: str, ciphertext: bytes, signature: bytes, signer_public: bytes) -> None:
    """Raise :class:`EnvelopeInvalid` unless the author's signature holds."""
    try:
        signed = _signed_bytes(header, commitment, ciphertext)
    except ValueError as exc:
        raise EnvelopeInvalid("malformed commitment") from exc
    if not provider().verify(signer_public, signature, signed):
        raise EnvelopeInvalid("signature does not verify")


def open_sealed(
    header: str,
    ciphertext: bytes,
    commitment: str,
    signature: bytes,
    signer_public: bytes,
    reveal_private: bytes | list[bytes],
) -> dict[str, Any]:
    """Verify and open an envelope with the round's reveal key; the document, or EnvelopeInvalid."""
    return open_sealed_with_salt(header, ciphertext, commitment, signature, signer_public, reveal_private)[0]


def open_sealed_with_salt(
    header: str,
    ciphertext: bytes,
    commitment: str,
    signature: bytes,
    signer_public: bytes,
    reveal_private: bytes | list[bytes],
) -> tuple[dict[str, Any], bytes]:
    """As :func:`open_sealed`, also returning the commitment salt (kept so the text stays checkable)."""
    verify_signature(header, commitment, ciphertext, signature, signer_public)
    try:
        head = json.loads(header)
        info = info_for(head)
        if "layers" in head:
            privates = [reveal_private] if isinstance(reveal_private, bytes) else list(reveal_private)
            if len(privates) != head["layers"]:
                raise EnvelopeInvalid("wrong number of holder keys")
            payload = ciphertext
            for layer in reversed(range(len(privates))):
                payload = provider().open(privates[layer], payload, _layer_info(info, layer))
        else:
            key = reveal_private if isinstance(reveal_private, bytes) else reveal_private[0]
            payload = provider().open(key, ciphertext, info)
    except (InvalidData, ValueError, KeyError) as exc:
        raise EnvelopeInvalid("ciphertext does not open") from exc
    document, salt = _parse_payload(payload)
    if commitment_of(salt, document) != commitment:
        raise EnvelopeInvalid("commitment does not match the content")
    return document, salt


def open_author_copy(header: str, author_copy: bytes, author_kem_private: bytes) -> dict[str, Any]:
    """The author's own read-back of what they sealed."""
    return open_author_copy_with_salt(header, author_copy, author_kem_private)[0]


def open_author_copy_with_salt(
    header: str, author_copy: bytes, author_kem_private: bytes
) -> tuple[dict[str, Any], bytes]:
    """The author's read-back and its commitment salt."""
    try:
        info = info_for(json.loads(header)) + b"|author-copy"
        payload = provider().open(author_kem_private, author_copy, info)
    except (InvalidData, ValueError, KeyError) as exc:
        raise EnvelopeInvalid("author copy does not open") from exc
    return _parse_payload(payload)
