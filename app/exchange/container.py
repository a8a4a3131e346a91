"""The exchange container: one format for every file that crosses between stores.

Layout (all integers big-endian)::

    MAGIC (8) | version u16 | kind u8 | ...
    kind 0, plain (identity cards only):  inner
    kind 1, sealed:  n u8 | n × (len u16 | HPKE(file key) to one recipient) | len u32 | AES-GCM(file key, inner)
    inner:  len u32 | canonical JSON {"body": …, "header": …} | len u16 | Ed25519 signature

The signature is the sender's, over the domain and the whole canonical document (header and body:
type, file id, sender, recipients, content).  A sealed file shows nothing but its size and how many
recipients it has: type, sender, recipients and content are inside the encryption.  The AES-GCM
associated data binds the outer prefix (magic, version, recipient slots).  Nothing follows the last
field; every length is bounded.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.canonical import canonical_json
from app.crypto import InvalidData, provider
from app.exchange import ids, schema
from app.exchange.schema import ExchangeRefused, require
from app.i18n import tr

MAGIC = b"HUISHENX"
VERSION = 1
PLAIN, SEALED = 0, 1
MAX_FILE = 4 * 1024 * 1024
MAX_RECIPIENTS = 16
MAX_SLOT = 4096
SIGNATURE = 64
SIGN_DOMAIN = b"huishen-exchange/1|signed|"
SLOT_INFO = b"huishen-exchange/1|file-key"
_KEY = 32
_NONCE = 12

IDENTITY_CARD = "identity-card"
KEY_BATCH = "key-batch"
REVEAL_REQUEST = "reveal-request"
KEY_RELEASE = "key-release"
SESSION_PACKAGE = "session-package"
ENVELOPE = "envelope"
RECEIPT = "receipt"
RESULT_PACKAGE = "result-package"
# Types named by the format; an importer exists for those in app.exchange.imports.
TYPES = (
    IDENTITY_CARD,
    KEY_BATCH,
    "key-release",
    "session-package",
    "envelope",
    "receipt",
    "reveal-request",
    "result-package",
)


@dataclass(frozen=True)
class Sender:
    """Who signs a file: account name, identity fingerprint, store id, signing key."""

    name: str
    fingerprint: str
    store: str
    sign_private: bytes


@dataclass(frozen=True)
class Document:
    """An opened, well-formed exchange file (its signature checked separately, against the registry)."""

    header: dict[str, Any]
    body: dict[str, Any]
    signed: bytes
    signature: bytes
    digest: str  # SHA-256 of the whole file

    @property
    def type(self) -> str:
        return str(self.header["type"])

    @property
    def file_id(self) -> str:
        return str(self.header["id"])

    @property
    def sender(self) -> dict[str, str]:
        return dict(self.header["sender"])

    @property
    def recipients(self) -> list[str]:
        return list(self.header["recipients"])

    def signed_by(self, sign_public: bytes) -> bool:
        return provider().verify(sign_public, self.signature, SIGN_DOMAIN + self.signed)


def _altered() -> ExchangeRefused:
    return ExchangeRefused("altered", tr("The file was altered or is incomplete; nothing was imported."))


def new_id() -> str:
    """A fresh, unique file id."""
    return os.urandom(16).hex()


def build(
    kind: str, sender: Sender, recipients: list[tuple[str, bytes]], body: dict[str, Any], file_id: str | None = None
) -> bytes:
    """A new file of type ``kind`` from ``sender`` to ``recipients`` ((fingerprint, encryption key) pairs)."""
    assert kind in TYPES
    header = {
        "format": VERSION,
        "type": kind,
        "id": file_id or new_id(),
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "sender": {"name": sender.name, "fingerprint": sender.fingerprint, "store": sender.store},
        "recipients": sorted(fp for fp, _key in recipients),
    }
    check_header(header)
    signed = canonical_json({"body": body, "header": header})
    data = frame(inner_of(signed, provider().sign(sender.sign_private, SIGN_DOMAIN + signed)), recipients)
    require(len(data) <= MAX_FILE, "larger than the size limit")
    return data


def inner_of(signed: bytes, signature: bytes) -> bytes:
    """The signed document with its signature, as framed inside a file."""
    return struct.pack(">I", len(signed)) + signed + struct.pack(">H", len(signature)) + signature


def frame(inner: bytes, recipients: list[tuple[str, bytes]]) -> bytes:
    """A file around ``inner``: plain without recipients, else sealed to each (the fuzzer frames its own too)."""
    if not recipients:
        return MAGIC + struct.pack(">HB", VERSION, PLAIN) + inner
    crypto = provider()
    file_key = crypto.random(_KEY)
    prefix = MAGIC + struct.pack(">HBB", VERSION, SEALED, len(recipients))
    for _fp, public in recipients:
        slot = crypto.seal(public, file_key, SLOT_INFO)
        prefix += struct.pack(">H", len(slot)) + slot
    ciphertext = crypto.wrap(file_key, inner, prefix)
    return prefix + struct.pack(">I", len(ciphertext)) + ciphertext


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.at + n > len(self.data):
            raise _altered()
        out = self.data[self.at : self.at + n]
        self.at += n
        return out

    def unpack(self, fmt: str) -> tuple[int, ...]:
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))

    def end(self) -> None:
        if self.at != len(self.data):
            raise _altered()


def envelope_kind(data: bytes) -> int:
    """Check magic and version; the container kind (plain or sealed)."""
    if len(data) > MAX_FILE:
        raise ExchangeRefused("oversized", tr("The file is larger than the size limit; refused."))
    if not data.startswith(MAGIC):
        raise ExchangeRefused("malformed", tr("This is not a Huishen exchange file; nothing was imported."))
    reader = _Reader(data)
    reader.take(len(MAGIC))
    (version,) = reader.unpack(">H")
    if version != VERSION:
        raise ExchangeRefused(
            "version",
            tr("The file has format version {version}, which this program does not know; update Huishen.").format(
                version=version
            ),
        )
    (kind,) = reader.unpack(">B")
    if kind not in (PLAIN, SEALED):
        raise schema.malformed("unknown container kind")
    return int(kind)


def open_file(data: bytes, kem_private: bytes | None) -> Document:
    """Open and parse ``data``: a plain file as is, a sealed one with ``kem_private`` (the reader's key).

    Refuses (:class:`ExchangeRefused`) a file that is not one, of another version, altered, truncated,
    not addressed to this key or malformed.  The signature is not checked here (see :meth:`Document.signed_by`).
    """
    kind = envelope_kind(data)
    reader = _Reader(data)
    reader.take(len(MAGIC) + 3)
    if kind == PLAIN:
        inner = reader.data[reader.at :]
    else:
        (count,) = reader.unpack(">B")
        require(1 <= count <= MAX_RECIPIENTS, "a wrong number of recipients")
        slots = []
        for _ in range(count):
            (size,) = reader.unpack(">H")
            require(size <= MAX_SLOT, "a recipient slot is too long")
            slots.append(reader.take(size))
        prefix = reader.data[: reader.at]
        (size,) = reader.unpack(">I")
        ciphertext = reader.take(size)
        reader.end()
        file_key = None
        for slot in slots if kem_private is not None else []:
            try:
                file_key = provider().open(kem_private, slot, SLOT_INFO)  # type: ignore[arg-type]
                break
            except InvalidData:
                continue
        if file_key is None or len(file_key) != _KEY:
            raise ExchangeRefused(
                "wrong-recipient",
                tr("The file is not addressed to you (it cannot be opened with your key); nothing was imported."),
            )
        try:
            inner = provider().unwrap(file_key, ciphertext, prefix)
        except InvalidData as exc:
            raise _altered() from exc
    doc = _parse_inner(inner, provider().hash(data).hex())
    if (doc.type == IDENTITY_CARD) != (kind == PLAIN):
        raise schema.malformed("identity cards alone are unencrypted")
    return doc


def _parse_inner(inner: bytes, digest: str) -> Document:
    reader = _Reader(inner)
    (size,) = reader.unpack(">I")
    signed = reader.take(size)
    (sig_size,) = reader.unpack(">H")
    signature = reader.take(sig_size)
    reader.end()
    return signed_document(signed, signature, digest)


def signed_document(signed: bytes, signature: bytes, digest: str = "") -> Document:
    """The document ``signed`` (canonical JSON) with its ``signature``, checked for form (not the signature)."""
    if len(signature) != SIGNATURE:
        raise _altered()
    document = schema.fields(schema.loads(signed), {"body", "header"}, "the document")
    header = check_header(document["header"])
    require(isinstance(document["body"], dict), "the body is not an object")
    return Document(header, dict(document["body"]), signed, signature, digest)


def check_header(value: Any) -> dict[str, Any]:
    header = schema.fields(value, {"format", "type", "id", "created", "sender", "recipients"}, "the header")
    require(header["format"] == VERSION and type(header["format"]) is int, "the header's format")
    require(header["type"] in TYPES, "an unknown file type")
    schema.hexbytes(header["id"], "the file id", 16)
    created = schema.text(header["created"], "the creation time", 40)
    try:
        datetime.fromisoformat(created)
    except ValueError as exc:
        raise schema.malformed("the creation time") from exc
    sender = schema.fields(header["sender"], {"name", "fingerprint", "store"}, "the sender")
    schema.text(sender["name"], "the sender's name", 100)
    schema.fingerprint(sender["fingerprint"], "the sender's fingerprint")
    ids.store(sender["store"], "the sender's store")
    low, high = (0, 0) if header["type"] == IDENTITY_CARD else (1, MAX_RECIPIENTS)
    recipients = schema.listed(header["recipients"], "the recipients", low, high, schema.fingerprint)
    require(recipients == sorted(set(recipients)), "the recipients repeat or are out of order")
    return header
