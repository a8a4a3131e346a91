"""What an account of this workstation has from sessions chaired at other workstations (issue 10), for the window.

Read-only views over the signed log, built from the exchange services' public functions: the session packages
this reviewer imported (the newest per session) and where each stands — to seal, sealed (the envelope file
written), acknowledged (the chair's receipt imported); the reveal requests this custodian imported and whether
the round key was released for each; the registered chairs a key batch can go to.  The reviewer's own sealed copy
of an exported envelope is read back from the export entry, opened with the reviewer's key and checked against
the commitment recorded beside it.  Sealing, releasing and importing are the exchange services' own functions.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from app.context import AccountContext
from app.exchange import container, envelope_file, ids, ledger, reveal_request, session_package
from app.exchange.schema import ExchangeRefused
from app.i18n import tr
from app.sealing import EnvelopeInvalid, commitment_of, open_author_copy_with_salt
from app.sessions.opinions import commitment_fingerprint
from models import AuditEntry

TO_SEAL, SEALED, ACKNOWLEDGED = "to-seal", "sealed", "acknowledged"
RECUSAL_SENT = "recusal-sent"  # a recusal request written as the round's envelope file (app/exchange/recusal_file.py)


def _own_entries(db: Any, me: str, action: str, kind: str) -> list[dict[str, Any]]:
    out = []
    rows = db.execute(
        select(AuditEntry.actor, AuditEntry.object, AuditEntry.details)
        .where(AuditEntry.action == action)
        .order_by(AuditEntry.seq)
    )
    for actor, obj, details in rows:
        try:
            d = json.loads(details)
        except ValueError:
            continue
        if actor == me and isinstance(d, dict) and d.get("type") == kind:
            out.append({**d, "object": obj})
    return out


def _newest_packages(ctx: AccountContext, db: Any) -> list[session_package.Package]:
    newest: dict[str, session_package.Package] = {}
    for package in session_package.packages(ctx, db):
        held = newest.get(package.round.session_name)
        if held is None or package.round.round >= held.round.round:
            newest[package.round.session_name] = package
    return list(newest.values())


def packages(ctx: AccountContext) -> list[dict[str, Any]]:
    """The newest imported package of each session, with its state for this reviewer."""
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        newest = _newest_packages(ctx, db)
        sealed = {d.get("round"): d for d in envelope_file.my_envelopes(db, ctx.name)}
        from app.exchange import recusal_file

        recused = {d.get("round") for d in recusal_file.my_recusals(db, ctx.name)}
        received = {
            (d.get("round"), d.get("commitment")) for d in _own_entries(db, ctx.name, ledger.IMPORT_ACTION, "receipt")
        }
    out = []
    for p in newest:
        name = str(p.round)
        envelope = sealed.get(name)
        state = TO_SEAL
        if envelope is not None:
            state = ACKNOWLEDGED if (name, envelope.get("commitment")) in received else SEALED
        elif name in recused:
            state = RECUSAL_SENT
        chair = reg.foreign.get(p.chair)
        out.append(
            {
                "id": p.file_id,
                "round": p.round.round,
                "round_name": name,
                "ref": p.body["ref"],
                "title": p.body["title"],
                "department": p.department,
                "chair": chair.name if chair is not None else p.body["chair"],
                "deadline": p.body["deadline"],
                "state": state,
                "commitment": envelope.get("commitment") if envelope else None,
            }
        )
    return sorted(out, key=lambda r: (r["state"] != TO_SEAL, r["ref"]))


def _package(ctx: AccountContext, db: Any, package_id: str) -> session_package.Package:
    return session_package.find(ctx, db, package_id)


def opinion_info(ctx: AccountContext, package_id: str) -> dict[str, Any]:
    """The package as the opinion editor takes a session: items with their options, the round's state."""
    with ctx.store.transaction() as db:
        p = _package(ctx, db, package_id)
        newest = max(
            q.round.round for q in session_package.packages(ctx, db) if q.round.session_name == p.round.session_name
        )
        done = any(d.get("round") == str(p.round) for d in envelope_file.my_envelopes(db, ctx.name))
    options = p.body["options"]
    shared = list(options["options"])
    per_item = options.get("items", {})
    return {
        "id": p.file_id,
        "ref": p.body["ref"],
        "title": p.body["title"],
        "kind": p.body["kind"],
        "classification": p.body["classification"],
        "chair": p.body["chair"],
        "department": p.department,
        "round": p.round.round,
        "deadline": p.body["deadline"],
        "status": "collecting" if p.round.round == newest and not done else "sealed",
        "options": shared,
        "free_text": list(options.get("free_text", [])),
        "items": [
            {"number": int(n), "text": str(text), "options": list(per_item.get(str(n), shared))}
            for n, text in p.body["items"]
        ],
    }


def read_own_sealed(ctx: AccountContext, package_id: str) -> dict[str, Any] | None:
    """The reviewer's own copy of the envelope exported for this package's round, or None if not sealed.

    The copy is opened with this account's key and must match the commitment the export entry records."""
    with ctx.store.transaction() as db:
        p = _package(ctx, db, package_id)
        entry = next((d for d in envelope_file.my_envelopes(db, ctx.name) if d.get("round") == str(p.round)), None)
    if entry is None:
        return None
    document = _own_copy(ctx, p, entry)
    return {
        "round": p.round.round,
        "sealed_at": document.get("sealed_at", ""),
        "document": document,
        "commitment": entry["commitment"],
        "fingerprint": commitment_fingerprint(str(entry["commitment"])),
        "signer": ctx.fingerprint,
    }


def _own_copy(ctx: AccountContext, p: session_package.Package, entry: dict[str, Any]) -> dict[str, Any]:
    """The document this reviewer sealed for ``p``'s round, from the export entry, checked against its commitment."""
    header = {
        "store": p.round.store,
        "session": p.round.session,
        "round": p.round.round,
        "participant": p.participant,
        "author": p.author,
    }
    try:
        document, salt = open_author_copy_with_salt(
            json.dumps(header), bytes.fromhex(str(entry["author_copy"])), ctx.keys.kem.private
        )
    except (EnvelopeInvalid, KeyError, ValueError) as exc:
        raise ExchangeRefused(
            "altered", tr("Your copy of the sealed envelope does not open; tell the auditor.")
        ) from exc
    if commitment_of(salt, document) != entry.get("commitment"):
        raise ExchangeRefused(
            "altered", tr("Your copy of the sealed envelope is not the one you sealed; tell the auditor.")
        )
    return document


def own_opinions_in_result(ctx: AccountContext, result: dict[str, Any]) -> dict[int, bool]:
    """Round → whether the opinion the result prints beside this reviewer's commitment is the one sealed here.

    The import checked only that each commitment is in the result; a chair could still print another text
    beside it.  Each round this account sealed in is compared with its own copy (False: not printed, or not
    the same).  The tallies are not recounted here."""
    with ctx.store.transaction() as db:
        packages = session_package.packages(ctx, db)
        mine = envelope_file.my_envelopes(db, ctx.name)
    rounds = {int(r["round"]): r for r in result.get("rounds", [])}
    out: dict[int, bool] = {}
    for entry in mine:
        name = ids.parse_round(entry.get("round"))
        if name.session_name != result.get("session"):
            continue
        package = next((p for p in packages if p.round == name), None)
        shown = rounds.get(name.round, {}).get("opinions", [])
        printed = next((o for o in shown if o.get("commitment") == entry.get("commitment")), None)
        if package is None or printed is None:
            out[name.round] = False
            continue
        out[name.round] = printed.get("opinion") == _own_copy(ctx, package, entry)["opinion"]
    return out


def reveal_requests(ctx: AccountContext) -> list[dict[str, Any]]:
    """The reveal requests this custodian imported, newest first, and whether the key was released for each."""
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        requests = _own_entries(db, ctx.name, ledger.IMPORT_ACTION, container.REVEAL_REQUEST)
        released = _own_entries(db, ctx.name, ledger.EXPORT_ACTION, container.KEY_RELEASE)
    out = []
    for d in reversed(requests):
        try:  # the chair's signed request, as imported (its signature was checked then)
            doc = container.signed_document(str(d["signed"]).encode("utf-8"), bytes.fromhex(str(d["signature"])))
            name, board, _keys = reveal_request.check(doc)
        except (ValueError, TypeError, KeyError, ExchangeRefused):
            continue
        chair = reg.foreign.get(str(d.get("from", "")))
        done = any(r.get("key") == d.get("key") and r.get("board") == d.get("board") for r in released)
        out.append(
            {
                "id": str(d["object"]).removeprefix("file:"),
                "round_name": str(name),
                "store": name.store,
                "session": name.session,
                "round": name.round,
                "envelopes": len(board.get("envelopes", [])),
                "chair": chair.name if chair is not None else str(d.get("from", "")),
                "released": done,
            }
        )
    return out


def chairs(ctx: AccountContext) -> list[dict[str, Any]]:
    """The registered, trusted chairs of other workstations a key batch can be sent to."""
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
    return sorted(
        (
            {"name": r.name, "fingerprint": r.fingerprint, "store": r.store}
            for r in reg.foreign.values()
            if "chair" in r.roles and r.trusted(reg.two_person)
        ),
        key=lambda r: r["name"],
    )
