"""Session content encrypted at rest for its entitled readers only (issue "Insider-proof secrecy", item 3).

Every session has a content key, made by the chair's program when the session
opens and sealed (HPKE) to the identity key of each entitled reader as the
signed registry knows it: the chair, the custodians, the participating
departments' reviewers and the clerks — never the 三员.  Revealed opinions, the
chair's position, recusal statements and the decision are stored only as AEAD
ciphertext under that key, bound to what they are (session, kind, row).  The
database key alone opens none of them.

The chair's opening entry carries a digest of the key, so a key planted by
someone else (a copy sealed to a reader with a key the planter knows) is
refused before anything is encrypted under it.  A reader who opens the key
adds copies for entitled readers who lack one (a clerk added later, a new key
after a reset); an account never entitled is never given one.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.canonical import canonical_json
from app.context import AccountContext
from app.crypto import InvalidData, provider
from app.errors import NotPermitted
from app.facts import Tampered, blob_digest
from app.i18n import tr
from app.permissions import Role
from models import AuditEntry, ContentKey, ReviewSession

_DOMAIN = b"huishen-content/1|"
_BUCKET = 256


def key_digest(key: bytes) -> str:
    return provider().hash(b"huishen-content-key/1|" + key).hex()


def _info(store_id: str, session_id: int, fingerprint: str) -> bytes:
    return _DOMAIN + f"key|{store_id}|{session_id}|{fingerprint}".encode()


def readers(ctx: AccountContext, definition: dict[str, Any], excluded: set[str] | None = None) -> dict[str, str]:
    """Entitled reader → fingerprint of the key the signed registry holds for them now (``excluded``: recused)."""
    from app.sessions import access

    reg = ctx.registry
    names = {definition["chair"], *definition["custodians"], *(p[2] for p in definition["participants"])}
    names |= {definition["deputy"]} if definition.get("deputy") else set()
    names |= {n for n, rec in reg.accounts.items() if Role.CLERK.value in rec.roles}
    out = {}
    for name in sorted(n for n in names if n and n not in (excluded or set())):
        fp = reg.key_of(name)
        if fp is None or not access.readable_by(reg, name, definition):  # need to know: clearance, assigned clerks
            continue
        if reg.is_active(name) and not _system(reg.roles_of(name)):
            out[name] = fp
    return out


def _system(roles: frozenset[str]) -> bool:
    return bool(roles & {Role.ADMINISTRATOR.value, Role.SECURITY_OFFICER.value, Role.AUDITOR.value})


def kem_public_of(db: Session, fingerprint: str) -> bytes | None:
    """The encryption key of a registered identity, from the row whose keys hash to that fingerprint."""
    return _kem_publics(db, {fingerprint}).get(fingerprint)


def _kem_publics(db: Session, wanted: set[str]) -> dict[str, bytes]:
    """Fingerprint → encryption key, from identity rows whose keys hash to that (registered) fingerprint."""
    from app.identity import fingerprint_of
    from models import Identity

    out = {}
    for row in db.scalars(select(Identity)):
        fp = fingerprint_of(row.sign_public, row.kem_public)
        if fp in wanted:
            out[fp] = row.kem_public
    return out


def create(db: Session, ctx: AccountContext, session: ReviewSession, definition: dict[str, Any]) -> str:
    """Make the session's content key (the chair, at opening); its digest goes into the signed entry."""
    return create_with(db, ctx, session, definition, provider().random(32))


def create_with(
    db: Session, ctx: AccountContext, session: ReviewSession, definition: dict[str, Any], key: bytes
) -> str:
    """Give ``key`` to every entitled reader (none whose recusal took effect); the digest for the chair's entry."""
    from app.sessions import access

    _give(db, ctx, session.id, key, definition, access.recused_names(db, session))
    return key_digest(key)


def _give(
    db: Session,
    ctx: AccountContext,
    session_id: int,
    key: bytes,
    definition: dict[str, Any],
    excluded: set[str] | None = None,
) -> None:
    from models import Account

    have = set(db.scalars(select(ContentKey.fingerprint).where(ContentKey.session_id == session_id)))
    missing = {name: fp for name, fp in readers(ctx, definition, excluded).items() if fp not in have}
    if not missing:
        return
    ids = dict(db.execute(select(Account.name, Account.id)).all())
    publics = _kem_publics(db, set(missing.values()))
    store_id = ctx.store.slots.store_id
    for name, fp in missing.items():
        if name in ids and fp in publics:
            sealed = provider().seal(publics[fp], key, _info(store_id, session_id, fp))
            db.add(ContentKey(session_id=session_id, account_id=ids[name], fingerprint=fp, sealed=sealed))
    db.flush()


def give_to(db: Session, ctx: AccountContext, session_id: int, key: bytes, names: list[str]) -> None:
    """Reader copies for ``names`` (a substitute reviewer the chair named), each to the key the registry holds."""
    from models import Account

    have = set(db.scalars(select(ContentKey.fingerprint).where(ContentKey.session_id == session_id)))
    reg = ctx.registry
    # Only a reviewer as the signed log has it (a role merely requested awaits the security officer; never a 三员).
    fit = [n for n in names if Role.REVIEWER.value in reg.roles_of(n) and not _system(reg.roles_of(n))]
    wanted = {n: fp for n in fit if (fp := reg.key_of(n)) is not None and fp not in have and reg.is_active(n)}
    if not wanted:
        return
    ids = dict(db.execute(select(Account.name, Account.id)).all())
    publics = _kem_publics(db, set(wanted.values()))
    for name, fp in wanted.items():
        if name in ids and fp in publics:
            sealed = provider().seal(publics[fp], key, _info(ctx.store.slots.store_id, session_id, fp))
            db.add(ContentKey(session_id=session_id, account_id=ids[name], fingerprint=fp, sealed=sealed))
    db.flush()


def revoke(db: Session, session_id: int, names: list[str]) -> int:
    """Delete every reader copy of the session's content key held by ``names`` (a recusal took effect).

    Done in the transaction of the approving decision; :func:`key_for` never gives a recused account a copy
    again.  Returns how many copies were deleted.
    """
    from sqlalchemy import delete

    from models import Account

    ids = list(db.scalars(select(Account.id).where(Account.name.in_(names))))
    if not ids:
        return 0
    result = db.execute(delete(ContentKey).where(ContentKey.session_id == session_id, ContentKey.account_id.in_(ids)))
    db.flush()
    return int(getattr(result, "rowcount", 0) or 0)


def signed_digest(db: Session, session: ReviewSession) -> str | None:
    """The content key digest the chair signed (opening entry; at reveal for sessions opened earlier)."""
    rows = db.scalars(
        select(AuditEntry.details)
        .where(
            AuditEntry.object == f"session:{session.id}",
            AuditEntry.action.in_(("session.open", "session.reveal")),
        )
        .order_by(AuditEntry.seq)
    )
    for details in rows:
        try:
            value = json.loads(details).get("content_key")
        except ValueError:
            continue
        if isinstance(value, str):
            return value
    return None


def key_for(db: Session, ctx: AccountContext, session: ReviewSession, definition: dict[str, Any]) -> bytes | None:
    """This reader's content key (None for a session from before content keys); others' missing copies added."""
    expected = signed_digest(db, session)
    if expected is None:
        return None
    from app.sessions import access

    if not access.readable_by(ctx.registry, ctx.name, definition, access.substitutes_of(db, session)):
        raise NotPermitted(tr("You have no part in this session."))
    recused = access.recused_names(db, session)
    if ctx.name in recused:
        raise NotPermitted(tr("Your recusal in this session took effect: you no longer read its content."))
    fp = ctx.fingerprint
    row = db.scalars(
        select(ContentKey).where(ContentKey.session_id == session.id, ContentKey.fingerprint == fp)
    ).first()
    if row is None:
        raise NotPermitted(
            tr(
                "Your account has no reader copy of this session's content yet. It is made when the chair or "
                "another participant next opens the session; try again afterwards."
            )
        )
    try:
        key = provider().open(ctx.keys.kem.private, row.sealed, _info(ctx.store.slots.store_id, session.id, fp))
    except InvalidData as exc:
        raise Tampered(tr("Your copy of this session's content key does not open; tell the auditor.")) from exc
    if key_digest(key) != expected:
        raise Tampered(tr("Your copy of this session's content key is not the one the chair made; tell the auditor."))
    _give(db, ctx, session.id, key, definition, recused)
    return key


# --- texts under the key -----------------------------------------------------------------


def _aad(store_id: str, session_id: int, label: str) -> bytes:
    return _DOMAIN + f"text|{store_id}|{session_id}|{label}".encode()


def seal_text(key: bytes, store_id: str, session_id: int, label: str, value: Any) -> bytes:
    """``value`` (JSON-able) encrypted under the content key, padded so lengths tell little."""
    body = canonical_json({"v": value})
    body += b" " * (-len(body) % _BUCKET)
    return provider().wrap(key, body, _aad(store_id, session_id, label))


def open_text(key: bytes, store_id: str, session_id: int, label: str, blob: bytes) -> Any:
    try:
        return json.loads(provider().unwrap(key, blob, _aad(store_id, session_id, label)))["v"]
    except (InvalidData, ValueError, KeyError) as exc:
        raise Tampered(
            tr("Stored content of this session does not open with its key ({what}); tell the auditor.").format(
                what=label
            )
        ) from exc


def opened(document: dict[str, Any], salt: bytes) -> dict[str, Any]:
    """A revealed opinion as stored: the document and the salt that recomputes its commitment."""
    return {"document": document, "salt": salt.hex()}


def recusal_label(round_number: int, participant_id: int) -> str:
    return f"recusal:{round_number}:{participant_id}"


def opinion_label(envelope_id: int) -> str:
    return f"opinion:{envelope_id}"


DECISION_LABEL = "decision"


sealed_digest = blob_digest  # what the signed log records of a stored ciphertext (checked without reading it)


def revealed_document(
    key: bytes | None, store_id: str, session_id: int, envelope: Any, revealed: Any
) -> tuple[dict[str, Any] | None, str | None]:
    """The opened document of a revealed row and, if it cannot be trusted, why (checked against its commitment)."""
    from app import sealing

    if revealed.sealed_content is None:  # older stores: in clear, checked by the signed facts
        return (json.loads(revealed.content) if revealed.content else None), None
    if key is None:
        return None, tr("no content key")
    stored = open_text(key, store_id, session_id, opinion_label(envelope.id), revealed.sealed_content)
    try:
        document, salt = stored["document"], bytes.fromhex(stored["salt"])
        ok = sealing.commitment_of(salt, document) == envelope.commitment
    except (KeyError, TypeError, ValueError):
        ok = False
    if not ok:
        return None, tr("the stored content does not match the author's sealed commitment")
    return document, None


def opened_with_salt(
    key: bytes | None, store_id: str, session_id: int, envelope: Any, revealed: Any
) -> tuple[dict[str, Any] | None, str | None]:
    """A revealed row's document and commitment salt (hex), for proofs a reader can check without the store."""
    if revealed.sealed_content is None:
        return (json.loads(revealed.content) if revealed.content else None), revealed.salt
    if key is None:
        return None, None
    stored = open_text(key, store_id, session_id, opinion_label(envelope.id), revealed.sealed_content)
    if not isinstance(stored, dict):
        return None, None
    return stored.get("document"), stored.get("salt")


def decision_text(key: bytes | None, store_id: str, session_id: int, decision: Any) -> str | None:
    """The decision's text (None when sealed and this account has no key)."""
    if decision.sealed_text is None:
        return str(decision.text)
    if key is None:
        return None
    from app.sessions.decision_proof import text_of

    return text_of(open_text(key, store_id, session_id, DECISION_LABEL, decision.sealed_text))


def decision_opened(key: bytes | None, store_id: str, session_id: int, decision: Any) -> Any:
    """What the decision's ciphertext holds (text, salt, the chair's signature), or None without a key."""
    if decision.sealed_text is None or key is None:
        return None
    return open_text(key, store_id, session_id, DECISION_LABEL, decision.sealed_text)


def recusal_statement(
    key: bytes | None, store_id: str, session_id: int, round_number: int, recusal: Any, identity: bytes | None = None
) -> str | None:
    """A recusal statement (None when sealed and this account has no key).  A remote reviewer's is sealed to the
    chair's identity key instead (app/exchange/recusal_file.py): opened with ``identity``, the reader's private
    identity (KEM) key, when it is the chair's."""
    if recusal.sealed_statement is None:
        return str(recusal.statement)
    from app.exchange import recusal_file

    if recusal.sealed_statement.startswith(recusal_file.MARK):
        return recusal_file.statement_of(identity, store_id, session_id, round_number, recusal)
    if key is None:
        return None
    label = recusal_label(round_number, recusal.participant_id)
    return str(open_text(key, store_id, session_id, label, recusal.sealed_statement))
