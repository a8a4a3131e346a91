"""import, export: exchange files between air-gapped workstations (issue 10)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.common import Output, unlocked
from app.errors import Refused
from app.i18n import tr


def _refused(out: Output, exc: Any) -> int:
    """An exchange refusal: the message, and under --json its reason too."""
    print(exc.message, file=sys.stderr)
    if out.json_mode:
        print(json.dumps({"error": exc.message, "status": 2, "reason": exc.reason}, ensure_ascii=False))
    return 2


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    from app.exchange import imports
    from app.exchange.schema import ExchangeRefused

    path = Path(args.file)
    try:
        with unlocked(args) as ctx:
            if args.describe:
                info = imports.describe(ctx, path)
                lines = [
                    tr("File: {type}, id {file}, made {created}").format(**info),
                    tr("From: {sender} ({fingerprint}), store {store}").format(**info),
                    tr("Importing it: {effect}").format(**info),
                ]
                if info["already"]:
                    lines.append(tr("It was imported before; importing it again changes nothing."))
                if info["problem"]:
                    lines.append(tr("It will be refused: {problem}").format(**info))
                out.result(info, lines)
                return 0
            result = imports.import_file(ctx, path, args.fingerprint)
    except ExchangeRefused as exc:
        return _refused(out, exc)
    if result["already"] and result.get("same_as"):
        line = tr("This result repeats the one imported before (file {file}); nothing was changed.").format(
            file=result["same_as"]
        )
    elif result["already"]:
        line = tr("This {type} file was imported before; nothing was changed.").format(type=result["type"])
    elif result["type"] == "identity-card":
        line = tr("Registered {name} ({fingerprint}) of another workstation; recorded in the audit log.").format(
            **result
        )
        if result["awaiting_authorisation"]:
            line += "\n" + tr("Their files are accepted once the security officer authorises the registration.")
    elif result["type"] == "reveal-request":
        line = tr(
            "Imported the reveal request {file} of {from} for round {round}; release your key with "
            "'huishen export key-release {file}'."
        ).format(**result)
    elif result["type"] == "session-package":
        line = tr(
            "Imported the session package {file} ({title}) for {department}, round {round}; seal with "
            "'huishen export envelope {file} …'."
        ).format(**result)
    elif result["type"] == "envelope" and result.get("recusal"):
        line = tr(
            "Imported the recusal request of {from} ({department}) for round {round}; decide it with "
            "'huishen recusal decide {session} --department {department} --approve|--refuse'."
        ).format(**result)
    elif result["type"] == "envelope":
        line = tr("Imported the sealed envelope of {from} for round {round}; recorded in the audit log.").format(
            **result
        )
    elif result["type"] == "result-package":
        line = tr(
            "Imported the result of session {round}; your envelopes of rounds {rounds} are included unchanged."
        ).format(round=result["round"], rounds=", ".join(str(r) for r in result["included"]) or "—")
    elif result["type"] == "receipt":
        line = tr("Imported the chair's receipt for your envelope of round {round}.").format(**result)
    elif result["type"] == "key-release":
        line = tr("Imported the key release of {member} for round {round}; recorded in the audit log.").format(**result)
    else:
        line = tr("Imported {keys} round keys from custodian {from}; recorded in the audit log.").format(**result)
    out.result(result, line)
    return 0


def _target(args: argparse.Namespace) -> Path:
    from app.fsutil import check_output_path

    target = Path(args.out)
    check_output_path(target, args.store)
    if target.exists():
        raise Refused(tr("{path} exists already; choose a new file name.").format(path=target))
    return target


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    from app.exchange import batches, cards
    from app.exchange.ledger import writing_to
    from app.exchange.schema import ExchangeRefused
    from app.fsutil import write_atomic

    target = _target(args)
    try:
        with unlocked(args) as ctx, writing_to(target) as destination:
            if args.kind == "identity":
                data, result = cards.export(ctx)
            elif args.kind == "key-batch":
                data, result = batches.export(ctx, args.to or [], args.count)
            else:
                data, result = _export_of(ctx, args)
            if not destination.written:  # an export the log does not record (an identity card)
                write_atomic(target, data)
    except ExchangeRefused as exc:
        return _refused(out, exc)
    result = {**result, "out": str(target), "bytes": len(data)}
    if args.kind not in ("identity", "key-batch"):
        lines = [tr("{type} file {file} for round {round} written to {out}.").format(**result)]
    elif args.kind == "identity":
        lines = [
            tr("Identity card of {name} written to {out}.").format(**result),
            tr("Fingerprint (read it aloud to the other workstation's administrator): {fingerprint}").format(**result),
        ]
    else:
        lines = [tr("Key batch of {keys} round keys written to {out}, sealed to the chairs named.").format(**result)]
    out.result(result, lines)
    return 0


def _export_of(ctx: Any, args: argparse.Namespace) -> tuple[bytes, dict[str, Any]]:
    """The files that answer one session or one imported file (issue 10): ID is a session id or a file id."""
    from app.exchange import envelope_file, key_release, receipts, result_package, reveal_request, session_package

    if not args.id:
        raise Refused(tr("Name the session (a key release or an envelope: the imported file's id)."))
    if args.kind == "key-release":
        return key_release.export(ctx, args.id)
    if args.kind == "envelope":
        from app.cli.cmd_sessions import _form

        if args.recuse:  # a recusal request instead of an opinion (app/exchange/recusal_file.py)
            from app.exchange import recusal_file

            if args.no_conflict or args.position:
                raise Refused(tr("A recusal carries no opinion: give --recuse and --reason alone."))
            return recusal_file.export(ctx, args.id, args.reason or "")
        if not args.no_conflict:
            raise Refused(tr("Declare that you have no conflict of interest (--no-conflict) to seal."))
        return envelope_file.export(ctx, args.id, _form(args))
    try:
        session_id = int(args.id)
    except ValueError as exc:
        raise Refused(tr("The session id must be a number.")) from exc
    exporters = {
        "reveal-request": reveal_request.export,
        "session": session_package.export,
        "result": result_package.export,
    }
    return exporters.get(args.kind, receipts.export)(ctx, session_id)


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    from app.exchange import cards

    with unlocked(args) as ctx:
        rows = cards.registered(ctx)
    lines = [
        tr("{name} ({roles}) of store {store}: {fingerprint}{revoked}").format(
            name=r["name"],
            roles=", ".join(r["roles"]),
            store=r["store"],
            fingerprint=r["fingerprint"],
            revoked=tr(" — revoked") if r["revoked"] else "",
        )
        for r in rows
    ]
    out.result(rows, lines or tr("No identity of another workstation is registered."))
    return 0


def cmd_revoke(args: argparse.Namespace, out: Output) -> int:
    from app.exchange import cards
    from app.exchange.schema import ExchangeRefused

    try:
        with unlocked(args) as ctx:
            result = cards.revoke(ctx, args.who, args.reason or "")
    except ExchangeRefused as exc:
        return _refused(out, exc)
    out.result(result, tr("{name} ({fingerprint}) is trusted no more; recorded in the audit log.").format(**result))
    return 0


def cmd_authorise(args: argparse.Namespace, out: Output) -> int:
    from app.exchange import cards
    from app.exchange.schema import ExchangeRefused

    try:
        with unlocked(args) as ctx:
            result = cards.authorise(ctx, args.who)
    except ExchangeRefused as exc:
        return _refused(out, exc)
    out.result(result, tr("{name} ({fingerprint}) is authorised; their files are accepted now.").format(**result))
    return 0


def cmd_enrol(args: argparse.Namespace, out: Output) -> int:
    from app.exchange import members
    from app.exchange.schema import ExchangeRefused

    try:
        with unlocked(args) as ctx:
            result = members.enrol(ctx, args.who, args.as_name)
    except ExchangeRefused as exc:
        return _refused(out, exc)
    if result["already"]:
        line = tr("This identity is enrolled already, as {account}; nothing was changed.").format(**result)
    else:
        line = tr("Enrolled {fingerprint} as the remote member {account} ({roles}); recorded in the audit log.").format(
            account=result["account"], fingerprint=result["fingerprint"], roles=", ".join(result["roles"])
        )
    out.result(result, line)
    return 0


def cmd_results(args: argparse.Namespace, out: Output) -> int:
    from app.exchange import result_package

    with unlocked(args) as ctx:
        rows = result_package.results(ctx)
    lines = []
    for r in rows:
        decision = r["decision"] or {}
        lines.append(tr("{ref} {title} (chair {chair}, session {session})").format(**r))
        lines.append("  " + tr("Decision: {text}").format(text=decision.get("text") or "—"))
        for rnd in r["rounds"]:
            outcome = "; ".join(
                f"{i.get('item')}: {i.get('outcome', i.get('result', ''))}" for i in rnd["tally"].get("items", [])
            )
            lines.append("  " + tr("Round {round}: {outcome}").format(round=rnd["round"], outcome=outcome))
    out.result(rows, lines or tr("No result of a session of another workstation was imported."))
    return 0


def cmd_members(args: argparse.Namespace, out: Output) -> int:
    from app.exchange import members

    with unlocked(args) as ctx:
        rows = members.members(ctx)
    lines = [
        tr("{account} ({roles}) at store {store}: {fingerprint}{state}").format(
            account=r["account"],
            roles=", ".join(r["roles"]),
            store=r["store"],
            fingerprint=r["fingerprint"],
            state="" if r["active"] else tr(" — disabled"),
        )
        for r in rows
    ]
    out.result(rows, lines or tr("No member of this store sits at another workstation."))
    return 0


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("exchange", parents=[parent], help=tr("identities of other workstations"))
    esub = p.add_subparsers(dest="exchange_command", required=True)
    q = esub.add_parser("list", parents=[parent], help=tr("the identities of other workstations registered here"))
    q.set_defaults(func=cmd_list)
    q = esub.add_parser("revoke", parents=[parent], help=tr("stop trusting an identity of another workstation"))
    q.add_argument("who", help=tr("name or fingerprint"))
    q.add_argument("--reason", help=tr("why (recorded in the audit log)"))
    q.set_defaults(func=cmd_revoke)
    q = esub.add_parser("authorise", parents=[parent], help=tr("countersign a registered identity (security officer)"))
    q.add_argument("who", help=tr("name or fingerprint"))
    q.set_defaults(func=cmd_authorise)
    q = esub.add_parser("enrol", parents=[parent], help=tr("enrol a registered identity as a remote member"))
    q.add_argument("who", help=tr("name or fingerprint"))
    q.add_argument("--as", dest="as_name", help=tr("the member's name on this workstation"))
    q.set_defaults(func=cmd_enrol)
    q = esub.add_parser("results", parents=[parent], help=tr("results of sessions of other workstations (read-only)"))
    q.set_defaults(func=cmd_results)
    q = esub.add_parser("members", parents=[parent], help=tr("the members of this store at other workstations"))
    q.set_defaults(func=cmd_members)
    p = sub.add_parser("import", parents=[parent], help=tr("import an exchange file from another workstation"))
    p.add_argument("file", help=tr("the exchange file"))
    p.add_argument("--fingerprint", help=tr("an identity card's fingerprint, as its owner reads it out"))
    p.add_argument("--describe", action="store_true", help=tr("say what the file is and would do; change nothing"))
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("export", parents=[parent], help=tr("write an exchange file for another workstation"))
    p.add_argument(
        "kind",
        choices=["identity", "key-batch", "session", "envelope", "receipt", "reveal-request", "key-release", "result"],
        help=tr("what to export"),
    )
    p.add_argument("id", nargs="?", help=tr("the session id (key release: the reveal request's file id)"))
    p.add_argument("--out", required=True, help=tr("the file to write (must not exist)"))
    p.add_argument("--to", action="append", help=tr("a recipient: name or fingerprint (repeatable)"))
    p.add_argument("--count", type=int, default=5, help=tr("how many round keys (key batch)"))
    # An envelope: the opinion, as for 'huishen opinion seal'.
    from app.cli.cmd_opinions import opinion_fields

    opinion_fields(p, with_id=False)
    p.add_argument("--no-conflict", action="store_true", help=tr("declare no conflict of interest"))
    # An envelope may instead carry a recusal request, its reason sealed to the chair.
    p.add_argument("--recuse", action="store_true", help=tr("ask the chair for recusal instead of sealing an opinion"))
    p.add_argument("--reason", help=tr("the reason for the recusal (with --recuse)"))
    p.set_defaults(func=cmd_export)
