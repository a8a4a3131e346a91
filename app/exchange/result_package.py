"""Result packages (chair → every member at another workstation): the outcome of a decided session.

The revealed opinions and the tally of every revealed round, each round's envelope commitments, the chair's
position (among the round's opinions), the decision, and the head of the chair store's signed log — signed by
the chair and sealed to the session's remote reviewers and custodians.  Opinions and tallies travel as
canonical JSON text (the container's nesting limit stays strict).  A reviewer's store imports it only from a
registered chair, and only when every envelope it sealed for that session is included unchanged (its
commitment in that round's list); it is then shown read-only (:func:`results`).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from app.canonical import canonical_json
from app.context import AccountContext
from app.crypto import provider
from app.exchange import cards, container, envelope_file, ids, ledger, schema, statements
from app.exchange.schema import ExchangeRefused, require
from app.i18n import tr
from app.permissions import Operation
from app.sessions import views
from app.sessions.common import account_names, load, require_chair
from models import AuditEntry, Envelope, Round

TYPE = container.RESULT_PACKAGE
MAX_JSON = 1_000_000


def _plain(value: Any) -> Any:
    """``value`` as JSON the strict schema takes: no floats (as text), times as ISO text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _text(value: Any) -> str:
    return canonical_json(_plain(value)).decode("utf-8")


def export(ctx: AccountContext, session_id: int) -> tuple[bytes, dict[str, Any]]:
    """The result of a decided session, for its members at other workstations."""
    store_id = ctx.store.slots.store_id
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_DECIDE)
        if session.status not in ("decided", "archived"):
            raise ExchangeRefused("not-permitted", tr("The result is sent once the decision is recorded."))
        names = account_names(db)
        people = [names.get(p.reviewer_id, "") for p in session.participants]
        people += [names.get(c.account_id, "") for c in session.custodians]
        fps = sorted({r.remote for n in people if (r := ctx.registry.account(n)) is not None and r.remote})
        revealed = [
            r.number
            for r in db.scalars(
                select(Round)
                .where(Round.session_id == session.id, Round.revealed_at.is_not(None))
                .order_by(Round.number)
            )
        ]
        commitments = {
            n: sorted(
                e.commitment
                for e in db.scalars(
                    select(Envelope).join(Round).where(Round.session_id == session.id, Round.number == n)
                )
            )
            for n in revealed
        }
        head = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    if not fps:
        raise ExchangeRefused("not-permitted", tr("No member of this session works at another workstation."))
    rounds = []
    for n in revealed:
        opinions = views.opinions(ctx, session_id, None, n)["opinions"]
        tally = views.tally(ctx, session_id, n)
        rounds.append({"round": n, "commitments": commitments[n], "opinions": _text(opinions), "tally": _text(tally)})
    shown = views.show(ctx, session_id)
    body = {
        "session": ids.session_name(store_id, session_id),
        "ref": shown["ref"],
        "title": shown["title"],
        "rounds": rounds,
        "decision": _text(shown.get("decision")),
        "chain_head": {"seq": head.seq if head else 0, "hash": head.hash if head else ""},
    }
    file_id = container.new_id()
    recipients = [(fp, ctx.registry.kem_public(fp) or b"") for fp in fps]
    data = container.build(TYPE, cards.sender_of(ctx), recipients, body, file_id)
    with ctx.store.transaction() as db:
        ledger.record_export(
            db, ctx, TYPE, file_id, {"session": session_id, "to": fps, "file": provider().hash(data).hex()}, data=data
        )
    return data, {"type": TYPE, "file": file_id, "round": body["session"], "to": fps}


def _round(value: Any, what: str) -> dict[str, Any]:
    r = schema.fields(value, {"round", "commitments", "opinions", "tally"}, what)
    schema.integer(r["round"], what, 1, 1000)
    schema.listed(r["commitments"], what, 0, 200, lambda v, w: schema.hexbytes(v, w, 32).hex())
    for key in ("opinions", "tally"):
        try:
            json.loads(schema.text(r[key], what, MAX_JSON))
        except ValueError as exc:
            raise schema.malformed(what) from exc
    return r


def check(doc: container.Document) -> dict[str, Any]:
    body = schema.fields(doc.body, {"session", "ref", "title", "rounds", "decision", "chain_head"}, "the result")
    parts = schema.text(body["session"], "the session", 64).split("/")
    require(len(parts) == 2 and parts[0] == doc.sender["store"], "the session is not of the sender's store")
    ids.parse_round(f"{body['session']}/1")
    schema.text(body["ref"], "the reference", 500)
    schema.text(body["title"], "the title", 500)
    schema.listed(body["rounds"], "the rounds", 1, 100, _round)
    schema.text(body["decision"], "the decision", MAX_JSON)
    head = schema.fields(body["chain_head"], {"seq", "hash"}, "the chain head")
    schema.integer(head["seq"], "the chain head", 1, 10**12)
    schema.hexbytes(head["hash"], "the chain head", 32)
    return body


def import_result(ctx: AccountContext, doc: container.Document) -> dict[str, Any]:
    """Record the result on a member's store once every envelope it sealed for the session is included."""
    ledger.require_recipient(ctx, doc)
    body = check(doc)
    out = {"type": doc.type, "file": doc.file_id, "from": doc.sender["name"], "round": body["session"]}
    with ctx.store.transaction() as db:
        sender = ledger.trusted_sender(ledger.fresh_registry(db, ctx), doc)
        if "chair" not in sender.roles:
            raise ExchangeRefused("not-permitted", tr("{name} is not registered as a chair.").format(name=sender.name))
        if ledger.already_imported(db, doc.file_id):
            return {**out, "imported": False, "already": True}
        included = {r["round"]: set(r["commitments"]) for r in body["rounds"]}
        checked = []
        for d in envelope_file.my_envelopes(db, ctx.name):
            name = ids.parse_round(d.get("round"))
            if name.session_name != body["session"]:
                continue
            # Every round of a decided session was revealed (a new round needs a revealed one): a result
            # without a round this account sealed in leaves its envelope out.
            if name.round not in included or d.get("commitment") not in included[name.round]:
                raise ExchangeRefused(
                    "altered",
                    tr(
                        "Your envelope of round {round} is not in the result unchanged (its commitment is missing); "
                        "nothing was imported."
                    ).format(round=name.round),
                )
            checked.append(name.round)
        ledger.record_import(db, ctx, doc, {**statements.embed(doc), "session": body["session"], "included": checked})
    return {**out, "imported": True, "already": False, "included": checked}


def results(ctx: AccountContext) -> list[dict[str, Any]]:
    """The results this account imported (read-only): session, reference, title, decision, tallies."""
    out = []
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        rows = db.execute(
            select(AuditEntry.actor, AuditEntry.details).where(AuditEntry.action == ledger.IMPORT_ACTION)
        ).all()
    for actor, details in rows:
        try:
            d = json.loads(details)
            if actor != ctx.name or d.get("type") != TYPE:
                continue
            doc = container.signed_document(d["signed"].encode("utf-8"), bytes.fromhex(d["signature"]))
            sender = ledger.trusted_sender(reg, doc)
            body = check(doc)
        except (ValueError, TypeError, KeyError, AttributeError, ExchangeRefused):
            continue
        out.append(
            {
                "session": body["session"],
                "ref": body["ref"],
                "title": body["title"],
                "chair": sender.name,
                "decision": json.loads(body["decision"]),
                "rounds": [
                    {"round": r["round"], "tally": json.loads(r["tally"]), "opinions": json.loads(r["opinions"])}
                    for r in body["rounds"]
                ],
                "chain_head": body["chain_head"],
                "included": d.get("included", []),
            }
        )
    return out
