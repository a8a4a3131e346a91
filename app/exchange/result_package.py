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
from app.exchange import cards, container, ids, kept, ledger, result_check, schema
from app.exchange.schema import ExchangeRefused, require
from app.i18n import tr
from app.permissions import Operation
from app.sessions import views
from app.sessions.common import account_names, item_options_of, load, require_chair
from models import AuditEntry, Department, Envelope, Round

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


def names_of_departments(db: Any, session: Any) -> list[str]:
    return [db.get_one(Department, p.department_id).name for p in session.participants]


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
        definition = result_check.Definition(
            session.rule,
            bool(session.chair_counts),
            item_options_of(session),
            sorted(names_of_departments(db, session)),
        )
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
        "definition": _text(definition.text()),
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
    body = schema.fields(
        doc.body, {"session", "ref", "title", "rounds", "decision", "definition", "chain_head"}, "the result"
    )
    parts = schema.text(body["session"], "the session", 64).split("/")
    require(len(parts) == 2 and parts[0] == doc.sender["store"], "the session is not of the sender's store")
    ids.parse_round(f"{body['session']}/1")
    schema.text(body["ref"], "the reference", 500)
    schema.text(body["title"], "the title", 500)
    schema.listed(body["rounds"], "the rounds", 1, 100, _round)
    schema.text(body["decision"], "the decision", MAX_JSON)
    result_check.parse_definition(schema.text(body["definition"], "the session definition", MAX_JSON))
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
        earlier = _earlier(ctx, db, body["session"])
        if earlier is not None:
            if _outcome(earlier[1]) == _outcome(body):
                # The chair sent the same outcome again (a later export: a new file id and chain head).
                return {**out, "imported": False, "already": True, "same_as": earlier[0]}
            raise ExchangeRefused(
                "other-result",
                tr(
                    "A different result of session {session} was imported before (file {file}); a session has one "
                    "outcome, so this one is refused. Nothing was imported."
                ).format(session=body["session"], file=earlier[0]),
            )
        checked = result_check.check(ctx, db, body)
        # The content is kept sealed to this member's identity, never in clear in the log (attack review).
        ledger.record_import(db, ctx, doc, {**kept.keep(ctx, doc), "session": body["session"], "included": checked})
    return {**out, "imported": True, "already": False, "included": checked}


def _outcome(body: dict[str, Any]) -> dict[str, Any]:
    """What makes a result the same outcome: everything but the chair store's chain head (later at every export)
    and, of each tally, only the figures the member checks (a later export may say "archived" where the first
    said "decided")."""
    rounds = [{**r, "tally": _figures(r["tally"])} for r in body["rounds"]]
    return {**{k: v for k, v in body.items() if k != "chain_head"}, "rounds": rounds}


def _figures(text: str) -> list[Any]:
    tally = json.loads(text)
    items = tally.get("items") if isinstance(tally, dict) else None
    return [{k: i.get(k) for k in result_check.CHECKED} if isinstance(i, dict) else i for i in items or []]


def _imported(ctx: AccountContext, db: Any) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(file id, entry details, checked body) of every result this account imported, oldest first."""
    reg = ledger.fresh_registry(db, ctx)
    rows = db.execute(
        select(AuditEntry.actor, AuditEntry.object, AuditEntry.details)
        .where(AuditEntry.action == ledger.IMPORT_ACTION)
        .order_by(AuditEntry.seq)
    ).all()
    out = []
    for actor, obj, details in rows:
        try:
            d = json.loads(details)
            if actor != ctx.name or d.get("type") != TYPE:
                continue
            doc = kept.reopen(ctx, d)
            body = check(doc)
        except (ValueError, TypeError, KeyError, AttributeError, ExchangeRefused):
            continue
        try:
            chair: str | None = ledger.trusted_sender(reg, doc).name
        except ExchangeRefused:
            chair = None  # its sender is trusted no more: not shown, but still the session's earlier result
        out.append((str(obj).removeprefix("file:"), {**d, "chair": chair}, body))
    return out


def _earlier(ctx: AccountContext, db: Any, session: str) -> tuple[str, dict[str, Any]] | None:
    """The result of ``session`` this account imported before (file id, body), if any."""
    return next(((f, body) for f, _d, body in _imported(ctx, db) if body["session"] == session), None)


def results(ctx: AccountContext) -> list[dict[str, Any]]:
    """The results this account imported (read-only): session, reference, title, decision, tallies."""
    out = []
    with ctx.store.transaction() as db:
        imported = _imported(ctx, db)
    for _file, d, body in imported:
        if d["chair"] is None:
            continue
        out.append(
            {
                "session": body["session"],
                "ref": body["ref"],
                "title": body["title"],
                "chair": d["chair"],
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
