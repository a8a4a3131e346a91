"""Session packages (chair → reviewers at other workstations): what a remote reviewer needs to seal.

The matter, items, options, rule, deadline, participants, the round's holder keys (layer order, the chair's
innermost) and round number — and, for each remote reviewer it is sealed to, that reviewer's department,
participant number and name in the chair's store (the envelope's header names them exactly as a local seal
would).  A new round sends a new package.  The reviewer's store imports it only from a registered chair,
addressed to that reviewer, and records it (the chair's signed document embedded); the opinion is then
sealed on the reviewer's own store (:mod:`app.exchange.envelope_file`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.context import AccountContext
from app.crypto import provider
from app.exchange import cards, container, ids, kept, ledger, schema
from app.exchange.schema import ExchangeRefused, require
from app.i18n import tr
from app.permissions import Operation
from app.sessions import holder_keys
from app.sessions.common import COLLECTING, account_names, load, require_chair, require_round, require_status
from models import AuditEntry, Department

TYPE = container.SESSION_PACKAGE
_FIELDS = {"session", "round", "ref", "title", "kind", "classification", "options", "items", "deadline", "chair"}
_FIELDS |= {"participants", "layers", "members", "rule", "chair_counts"}


def export(ctx: AccountContext, session_id: int) -> tuple[bytes, dict[str, Any]]:
    """The package of the session's current round, sealed to its reviewers at other workstations."""
    store_id = ctx.store.slots.store_id
    file_id = container.new_id()
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_CREATE)
        require_status(session, COLLECTING)
        rnd = require_round(db, session)
        reg = ctx.registry
        names = account_names(db)
        depts = {p.id: db.get_one(Department, p.department_id).name for p in session.participants}
        members: list[list[Any]] = []
        for p in session.participants:
            rec = reg.account(names.get(p.reviewer_id, ""))
            if rec is not None and rec.remote is not None and not rec.disabled:
                members.append([rec.remote, p.id, depts[p.id], names[p.reviewer_id]])
        if not members:
            raise ExchangeRefused(
                "not-permitted", tr("No reviewer of this session works at another workstation; nothing was written.")
            )
        layers = [k.kem_public.hex() for k in holder_keys.round_keys(db, rnd)]
        body = {
            "session": ids.session_name(store_id, session.id),
            "round": str(ids.RoundName(store_id, session.id, rnd.number)),
            "ref": session.ref_number,
            "title": session.title,
            "kind": session.kind,
            "classification": session.classification,
            "options": json.loads(session.options),
            "rule": session.rule,
            "chair_counts": bool(session.chair_counts),
            "items": [[i.number, i.text] for i in session.items],
            "deadline": session.deadline.isoformat() if session.deadline else None,
            "chair": names.get(session.chair_id, ""),
            "participants": [[p.id, depts[p.id]] for p in session.participants],
            "layers": layers,
            "members": sorted(members),
        }
        fps = sorted({str(m[0]) for m in members})
        recipients = [(fp, reg.kem_public(fp) or b"") for fp in fps]
        data = container.build(TYPE, cards.sender_of(ctx), recipients, body, file_id)
        details = {"session": session.id, "round": rnd.number, "to": [r[0] for r in recipients]}
        ledger.record_export(db, ctx, TYPE, file_id, {**details, "file": provider().hash(data).hex()}, data=data)
    return data, {"type": TYPE, "file": file_id, "round": body["round"], "to": [r[0] for r in recipients]}


@dataclass(frozen=True)
class Package:
    """A checked package, as one remote reviewer sees it."""

    file_id: str
    round: ids.RoundName
    body: dict[str, Any]
    participant: int
    department: str
    author: str  # the reviewer's name in the chair's store
    layers: list[bytes]
    chair: str  # the chair's fingerprint


def _member(value: Any, what: str) -> list[Any]:
    require(isinstance(value, list) and len(value) == 4, f"{what} is not a member")
    return [
        schema.fingerprint(value[0], what),
        schema.integer(value[1], what, 1, 10**9),
        schema.text(value[2], what, 200),
        schema.text(value[3], what, 100),
    ]


def check(doc: container.Document, me: str) -> Package:
    """The package as the reviewer ``me`` (fingerprint) sees it, once it is well-formed."""
    body = schema.fields(doc.body, _FIELDS, "the session package")
    name = ids.parse_round(body["round"])
    require(name.store == doc.sender["store"], "the round is not of the sender's store")
    require(body["session"] == name.session_name, "the session is not the round's")
    require(type(body["chair_counts"]) is bool, "whether the chair counts")
    for key in ("ref", "title", "kind", "classification", "chair", "rule"):
        schema.text(body[key], f"the {key}", 500)
    require(isinstance(body["options"], dict) and isinstance(body["options"].get("options"), list), "the options")
    items = schema.listed(body["items"], "the items", 1, 50, lambda v, w: v)
    for item in items:
        require(isinstance(item, list) and len(item) == 2, "an item")
        schema.integer(item[0], "an item", 1, 1000)
        schema.text(item[1], "an item", 2000)
    for participant in schema.listed(body["participants"], "the participants", 1, 200, lambda v, w: v):
        require(isinstance(participant, list) and len(participant) == 2, "a participant")
        schema.integer(participant[0], "a participant", 1, 10**9)
        schema.text(participant[1], "a participant", 200)
    layers = schema.listed(body["layers"], "the holder keys", 1, 17, lambda v, w: schema.hexbytes(v, w, 1216))
    members = schema.listed(body["members"], "the members", 1, container.MAX_RECIPIENTS, _member)
    mine = [m for m in members if m[0] == me]
    if not mine:
        raise ExchangeRefused("wrong-recipient", tr("The session package names no department of yours."))
    _fp, participant, department, author = mine[0]
    return Package(doc.file_id, name, body, participant, department, author, layers, doc.sender["fingerprint"])


def import_package(ctx: AccountContext, doc: container.Document) -> dict[str, Any]:
    """Record a chair's session package on this reviewer's store."""
    ctx.require(Operation.OPINION_SEAL)
    ledger.require_recipient(ctx, doc)
    package = check(doc, ctx.fingerprint)
    out = {"type": doc.type, "file": doc.file_id, "from": doc.sender["name"], "round": str(package.round)}
    out |= {"title": package.body["title"], "department": package.department}
    with ctx.store.transaction() as db:
        sender = ledger.trusted_sender(ledger.fresh_registry(db, ctx), doc)
        if "chair" not in sender.roles:
            raise ExchangeRefused(
                "not-permitted",
                tr("{name} is not registered as a chair; their session package is refused.").format(name=sender.name),
            )
        if ledger.already_imported(db, doc.file_id):
            return {**out, "imported": False, "already": True}
        newest = max(
            (p.round for p in packages(ctx, db) if p.round.session_name == package.round.session_name), default=None
        )
        if newest is not None and package.round.round < newest.round:
            raise ExchangeRefused(
                "replay",
                tr(
                    "The package is of round {got}, older than round {newest} imported before; nothing was imported."
                ).format(got=package.round.round, newest=newest.round),
            )
        # The content is kept sealed to this reviewer's identity, never in clear in the log (attack review).
        ledger.record_import(db, ctx, doc, {**kept.keep(ctx, doc), "round": str(package.round)})
    return {**out, "imported": True, "already": False}


def packages(ctx: AccountContext, db: Any) -> list[Package]:
    """Every session package this account imported (the chair's signature re-checked), oldest first."""
    reg = ledger.fresh_registry(db, ctx)
    out = []
    rows = db.execute(
        select(AuditEntry.actor, AuditEntry.object, AuditEntry.details)
        .where(AuditEntry.action == ledger.IMPORT_ACTION)
        .order_by(AuditEntry.seq)
    )
    for actor, _obj, details in rows:
        try:
            d = json.loads(details)
            if actor != ctx.name or d.get("type") != TYPE:
                continue
            doc = kept.reopen(ctx, d)
            ledger.trusted_sender(reg, doc)
            out.append(check(doc, ctx.fingerprint))
        except (ValueError, TypeError, KeyError, AttributeError, ExchangeRefused):
            continue
    return out


def find(ctx: AccountContext, db: Any, file_id: str) -> Package:
    for package in packages(ctx, db):
        if package.file_id == file_id.strip():
            return package
    raise ExchangeRefused(
        "not-permitted",
        tr("No session package {id} was imported by you; import the chair's file first.").format(id=file_id),
    )
