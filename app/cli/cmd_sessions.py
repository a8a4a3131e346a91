"""session …, decide (opinions: cmd_opinions; recusals: cmd_recusal)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app import quorum
from app.cli import cmd_opinions, cmd_recusal
from app.cli.cmd_audit import parse_time
from app.cli.cmd_opinions import _form as _form  # re-exported: app.cli.cmd_exchange imports it from here
from app.cli.cmd_opinions import _numbered
from app.cli.common import Output, unlocked
from app.i18n import tr
from app.matters import RULES

if TYPE_CHECKING:
    from app.cli import secrets_input
    from app.sessions import chair, lifecycle, reveal, views
else:
    from app.lazy import lazy

    secrets_input = lazy("app.cli.secrets_input")
    chair = lazy("app.sessions.chair")
    lifecycle = lazy("app.sessions.lifecycle")
    reveal = lazy("app.sessions.reveal")
    views = lazy("app.sessions.views")


def _session_lines(row: dict[str, Any]) -> str:
    progress = f"{row['sealed'] + row['recused']}/{row['expected']}"
    flag = (
        "  " + tr("OVERDUE ({stage})").format(stage=row["stage_label"])
        if row["overdue"]
        else "  " + tr("DUE SOON")
        if row.get("deadline_state") == "warning"
        else ""
    )
    return (
        f"{row['id']:>5}  {row['status_label']:<6} {row['ref']}  {row['title']}  [{row['kind_label']}]"
        f"  {row['classification'] or '—'}  {tr('sealed')} {progress}  {row['deadline'] or ''}{flag}"
    )


def cmd_create(args: argparse.Namespace, out: Output) -> int:
    spec = lifecycle.SessionSpec(
        kind=args.kind,
        title=args.title,
        ref_number=args.ref,
        classification=args.classification,
        classification_term=args.term,
        departments=args.department,
        chair=args.chair,
        custodians=args.custodian or [],
        rule=args.rule,
        deadline=parse_time(args.deadline) if args.deadline else None,
        items=args.item or [],
        options=args.option or [],
        chair_counts=not args.chair_not_counted,
        free_text=args.note_option,
        clerks=args.clerk or [],
        quorum=args.quorum,
        deputy=args.deputy,
    )
    with unlocked(args) as ctx:
        sid = lifecycle.create(ctx, spec)
        info = views.show(ctx, sid)
    out.result(info, tr("Created session {id} ({ref}), in draft.").format(id=sid, ref=info["ref"]))
    return 0


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        rows = views.list_sessions(ctx, args.overdue, args.status, args.kind, args.search)
    out.result(rows, [_session_lines(r) for r in rows] or tr("No sessions."))
    return 0


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        info = views.show(ctx, args.id)
    lines = [
        _session_lines(info),
        tr("Chair: {v}").format(v=info["chair"]),
        *_deputy_lines(info),
        tr("Rule: {v}").format(v=info["rule"]),
        tr("Attendance quorum: {v}").format(v=info["quorum"]),
        tr("Options: {v}").format(v=", ".join(info["options"])),
    ]
    for i in info["items"]:
        lines.append(tr("Item {n}: {text}").format(n=i["number"], text=i["text"]))
        if i["options"] != info["options"]:
            lines.append("  " + tr("Options: {v}").format(v=", ".join(i["options"])))
    if info["free_text"]:
        lines.append(tr("Options needing a written note: {v}").format(v=", ".join(info["free_text"])))
    lines += [f"  {p['department']}: {p['reviewer']}" for p in info["participants"]]
    if info["custodians"]:
        lines.append(tr("Custodians: {v}").format(v=", ".join(info["custodians"])))
    if info["decision"]:
        lines.append(tr("Decision: {v}").format(v=info["decision"]["text"]))
        basis = info["decision"].get("basis") or {}
        if basis.get("departs"):
            lines.append(
                tr("FLAG: the decision departs from the tally on item(s) {items} — reason: {v}").format(
                    items=", ".join(str(i) for i in basis["departs"]), v=basis.get("reason", "")
                )
            )
    out.result(info, lines)
    return 0


def cmd_board(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        info = views.board(ctx, args.id, args.round)
    states = {
        "sealed": tr("sealed"),
        "recused": tr("recused"),
        "pending": tr("pending"),
        "absent": tr("absent"),
        "recusal_requested": tr("recusal requested"),
    }
    lines = [tr("Session {id}, round {round}:").format(id=info["session"], round=info["round"])]
    lines += [
        f"  {p['department']:<10} {p['reviewer']:<8} {states[p['state']]:<6} {p['sealed_at'] or ''} "
        f"{p['fingerprint'] or ''}" + ("  " + tr("LATE") if p.get("late") else "")
        for p in info["participants"]
    ]
    lines.append(quorum.describe(info["attendance"]))
    lines += _deputy_lines(info)
    waiting = {
        "key-release": tr("Waiting for the key release of {who}."),
        "envelope": tr("Waiting for the envelope of {who}."),
        "receipt": tr("The receipt for {who}'s envelope has not been sent ('huishen export receipt')."),
    }
    for w in info.get("waiting_for", []):
        line = waiting[w["what"]].format(who=w["who"])
        lines.append(line + (" " + tr("(another workstation: by exchange file)") if w["remote"] else ""))
    out.result(info, lines)
    return 0


def _deputy_lines(info: dict[str, Any]) -> list[str]:
    """The deputy chair and, once the chair's recusal was approved, who acts as chair."""
    if not info.get("deputy"):
        return []
    if info.get("chair_recused"):
        return [
            tr("Deputy chair: {v} — ACTING CHAIR (the chair {chair} is recused)").format(
                v=info["deputy"], chair=info["chair"]
            )
        ]
    line = tr("Deputy chair: {v}").format(v=info["deputy"])
    if info.get("chair_recusal") == "requested":
        line += tr(" (the chair's recusal awaits the deputy chair's decision)")
    return [line]


def _simple(fn: Any, message: str) -> Any:
    def handler(args: argparse.Namespace, out: Output) -> int:
        with unlocked(args) as ctx:
            result = fn(ctx, args)
        out.result(result or {"session": args.id}, message.format(id=args.id, result=result))
        return 0

    return handler


def cmd_reveal(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        names = reveal.prepare(ctx, args.id)
        passphrases = {}
        if reveal.needs_passphrases(ctx, args.id):  # rounds of older stores: each custodian's share
            passphrases = {n: secrets_input.passphrase_of(n, args.passphrase_file) for n in names[1:]}
        result = reveal.reveal(ctx, args.id, passphrases)
    lines = [tr("Revealed round {round}: {n} opinions opened.").format(round=result["round"], n=result["opened"])]
    lines += [
        tr("REJECTED envelope {e}: {problem}").format(e=r["envelope"], problem=r["problem"]) for r in result["rejected"]
    ]
    out.result(result, lines)
    return 0


def cmd_release(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        result = reveal.release(ctx, args.id)
    if result["already"]:
        line = tr("Your round key for session {id} was already released.").format(id=args.id)
    else:
        line = tr("Released your key for round {round} of session {id} to the chair.").format(
            round=result["round"], id=args.id
        )
    out.result(result, line)
    return 0


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    s = sub.add_parser("session", parents=[parent], help=tr("review sessions"))
    ssub = s.add_subparsers(dest="session_command", required=True)
    cmd_recusal.register(sub, parent)
    p = ssub.add_parser("create", parents=[parent], help=tr("create a session (chair)"))
    p.add_argument("--kind", required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--ref", required=True, help=tr("reference number (编号)"))
    p.add_argument("--classification", required=True, help=tr("非密, 秘密, 机密, 绝密 (optionally ★term)"))
    p.add_argument("--term", help=tr("classification term, e.g. 1年"))
    p.add_argument("--department", action="extend", nargs="+", required=True, metavar="DEPT[=REVIEWER]")
    p.add_argument("--chair", required=True)
    p.add_argument("--custodian", action="extend", nargs="+")
    p.add_argument("--rule", default="majority-of-expected", choices=RULES)
    p.add_argument("--deadline", help=tr("ISO 8601, e.g. 2026-12-01T17:00+08:00"))
    p.add_argument("--item", action="extend", nargs="+", help=tr("an item (议题); repeatable"))
    p.add_argument("--option", action="extend", nargs="+", help=tr("custom options instead of the kind's"))
    p.add_argument("--clerk", action="extend", nargs="+", help=tr("a clerk who may read the session (need to know)"))
    p.add_argument(
        "--note-option",
        action="extend",
        nargs="+",
        help=tr("an option that needs a written note (e.g. 其他); repeatable"),
    )
    p.add_argument("--chair-not-counted", action="store_true", help=tr("the chair's position is not a vote"))
    p.add_argument(
        "--deputy",
        metavar="NAME",
        help=tr("deputy chair: decides the chair's own recusal and then acts as chair (a chair with no other part)"),
    )
    p.add_argument(
        "--quorum",
        choices=("majority", "two-thirds"),
        help=tr("attendance quorum over the original 应到 (default: more than half; case trial: two thirds)"),
    )
    p.set_defaults(func=cmd_create)

    p = ssub.add_parser("list", parents=[parent], help=tr("sessions you have a part in"))
    p.add_argument("--overdue", action="store_true")
    p.add_argument("--status")
    p.add_argument("--kind")
    p.add_argument("--search")
    p.set_defaults(func=cmd_list)
    for name, fn, helptext in (
        ("show", cmd_show, tr("a session's particulars")),
        ("board", cmd_board, tr("the seal board (no content)")),
    ):
        p = ssub.add_parser(name, parents=[parent], help=helptext)
        p.add_argument("id", type=int)
        if name == "board":
            p.add_argument("--round", type=int)
        p.set_defaults(func=fn)
    p = ssub.add_parser("open", parents=[parent], help=tr("start collecting opinions (chair)"))
    p.add_argument("id", type=int)
    p.set_defaults(
        func=_simple(lambda ctx, a: lifecycle.open_session(ctx, a.id), tr("Session {id} is open for sealed opinions."))
    )
    p = ssub.add_parser("close", parents=[parent], help=tr("close collection early with a quorum (chair)"))
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    p.set_defaults(
        func=_simple(
            lambda ctx, a: lifecycle.close_early(ctx, a.id, a.reason), tr("Collection of session {id} closed.")
        )
    )
    p = ssub.add_parser("withdraw", parents=[parent], help=tr("withdraw a session (chair)"))
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=_simple(lambda ctx, a: lifecycle.withdraw(ctx, a.id, a.reason), tr("Session {id} withdrawn.")))
    p = ssub.add_parser("reveal", parents=[parent], help=tr("reveal (chair, once every custodian has released)"))
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_reveal)
    p = ssub.add_parser("release", parents=[parent], help=tr("release your round key to the chair (custodian)"))
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_release)
    p = ssub.add_parser("round", parents=[parent], help=tr("open a new round (chair)"))
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    p.set_defaults(
        func=_simple(
            lambda ctx, a: {"round": lifecycle.new_round(ctx, a.id, a.reason)},
            tr("Session {id}: round {result[round]} is open."),
        )
    )

    cmd_opinions.register(sub, parent)
    p = sub.add_parser("decide", parents=[parent], help=tr("record the decision (chair)"))
    p.add_argument("id", type=int)
    p.add_argument("--text", required=True)
    p.add_argument(
        "--adopt",
        action="append",
        metavar="[ITEM=]OPTION",
        help=tr("the option the decision adopts per item (default: what the rule passed, else your position)"),
    )
    p.add_argument("--reason", default="", help=tr("why the decision departs from the tally (required then; signed)"))
    p.set_defaults(
        func=_simple(
            lambda ctx, a: chair.decide(
                ctx, a.id, a.text, a.reason, {str(k): v for k, v in _numbered(a.adopt, "adopt").items()} or None
            ),
            tr("Session {id} decided."),
        )
    )
    from app.cli import cmd_demo, cmd_dossier

    cmd_demo.register(sub, parent)
    cmd_dossier.register(sub, parent)
