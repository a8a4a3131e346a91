"""recusal request|decide|list: a reviewer's, a custodian's or the chair's own recusal and its decision."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli.common import Output, unlocked
from app.errors import InvalidInput
from app.i18n import tr

if TYPE_CHECKING:
    from app.sessions import views
else:
    from app.lazy import lazy

    views = lazy("app.sessions.views")


def cmd_recusal_request(args: argparse.Namespace, out: Output) -> int:
    from app.sessions import custodian_recusal, deputy

    with unlocked(args) as ctx:
        if views.show(ctx, args.id)["chair"] == ctx.name:  # the chair's own: decided by the deputy chair
            result = deputy.request(ctx, args.id, args.statement)
            out.result(result, tr("Recusal requested; it takes effect when the deputy chair approves it."))
            return 0
        result = custodian_recusal.request(ctx, args.id, args.statement)
    out.result(result, tr("Recusal requested; it takes effect when the chair approves it."))
    return 0


def cmd_recusal_decide(args: argparse.Namespace, out: Output) -> int:
    from app.sessions import custodian_recusal, recusal_decisions

    if args.approve == args.refuse:
        raise InvalidInput(tr("Give either --approve or --refuse."))
    if sum((args.department is not None, args.custodian is not None, bool(args.chair))) != 1:
        raise InvalidInput(tr("Give one of --department, --custodian or --chair."))
    if args.chair:
        from app.sessions import deputy

        with unlocked(args) as ctx:
            done = deputy.decide(ctx, args.id, args.approve, args.reason or "")
        text = (
            tr("Recusal of the chair {name} approved: you act as chair of this session from now on.")
            if done["approved"]
            else tr("Recusal of the chair {name} refused; they remain the chair.")
        )
        out.result(done, text.format(name=done["chair"]))
        return 0
    if args.custodian is not None:
        with unlocked(args) as ctx:
            done = custodian_recusal.decide(ctx, args.id, args.custodian, args.approve, args.reason or "")
        text = (
            tr("Recusal of custodian {name} approved: they still release their key, and no longer read the content.")
            if done["approved"]
            else tr("Recusal of custodian {name} refused.")
        )
        out.result(done, text.format(name=args.custodian))
        return 0
    with unlocked(args) as ctx:
        result = recusal_decisions.decide(
            ctx, args.id, args.department, args.approve, args.reason or "", args.substitute
        )
    if not result["approved"]:
        text = tr("Recusal of {department} refused; its reviewer must now seal an opinion.")
    elif result["substitute"]:
        text = tr("Recusal of {department} approved; {substitute} seals in the department's place.")
    else:
        text = tr("Recusal of {department} approved; the department is excluded from the count.")
    out.result(result, text.format(department=result["department"], substitute=result["substitute"]))
    return 0


def cmd_recusal_list(args: argparse.Namespace, out: Output) -> int:
    from app.sessions import recusal_decisions

    with unlocked(args) as ctx:
        rows = recusal_decisions.listing(ctx, args.id)
    states = {"requested": tr("awaiting decision"), "approved": tr("approved"), "refused": tr("refused")}
    lines = [
        tr("Round {round} — {department} ({reviewer}): {state}").format(
            round=r["round"],
            department=r["department"] or (tr("chair") if r.get("chair") else tr("custodian")),
            reviewer=r["reviewer"],
            state=states[r["state"]],
        )
        + (
            (tr("; deputy chair {name} acts as chair") if r.get("chair") else tr("; substitute {name}")).format(
                name=r["substitute"]
            )
            if r["substitute"]
            else ""
        )
        + (tr("; reason: {reason}").format(reason=r["reason"]) if r["reason"] else "")
        for r in rows
    ]
    out.result(rows, lines or tr("No recusal requests."))
    return 0


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    r = sub.add_parser("recusal", parents=[parent], help=tr("recusal requests and the chair's decisions"))
    rsub = r.add_subparsers(dest="recusal_command", required=True)
    p = rsub.add_parser("decide", parents=[parent], help=tr("approve or refuse a recusal request (chair)"))
    p.add_argument("id", type=int)
    p.add_argument("--department")
    p.add_argument("--custodian", help=tr("decide a custodian's request instead of a department's"))
    p.add_argument("--chair", action="store_true", help=tr("decide the chair's own request (the deputy chair)"))
    p.add_argument("--approve", action="store_true")
    p.add_argument("--refuse", action="store_true")
    p.add_argument("--substitute", help=tr("a reviewer of the same department who seals in its place"))
    p.add_argument("--reason", help=tr("required when refusing"))
    p.set_defaults(func=cmd_recusal_decide)
    p = rsub.add_parser(
        "request",
        parents=[parent],
        help=tr("a custodian or the chair asks to be recused (reviewers: opinion seal --conflict)"),
    )
    p.add_argument("id", type=int)
    p.add_argument("--statement", required=True)
    p.set_defaults(func=cmd_recusal_request)
    p = rsub.add_parser("list", parents=[parent], help=tr("recusal requests of a session and their decisions"))
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_recusal_list)
