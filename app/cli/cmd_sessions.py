"""session …, opinion …, chair-opinion, tally, decide."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import quorum
from app.cli import record_lines
from app.cli.cmd_audit import parse_time
from app.cli.common import Output, unlocked
from app.errors import InvalidInput
from app.i18n import tr
from app.matters import RULES

if TYPE_CHECKING:
    from app import opinion_form
    from app.cli import secrets_input
    from app.opinion_form import OpinionForm
    from app.sessions import chair, lifecycle, opinions, reveal, views
    from app.sessions import common as session_common
else:
    from app.lazy import lazy

    opinion_form = lazy("app.opinion_form")
    secrets_input = lazy("app.cli.secrets_input")
    chair = lazy("app.sessions.chair")
    lifecycle = lazy("app.sessions.lifecycle")
    opinions = lazy("app.sessions.opinions")
    reveal = lazy("app.sessions.reveal")
    views = lazy("app.sessions.views")
    session_common = lazy("app.sessions.common")


def _text(value: str | None, file: str | None) -> str:
    if file:
        try:
            return Path(file).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(tr("Cannot read {path}.").format(path=file)) from exc
    return value or ""


def _numbered(values: list[str] | None, what: str) -> dict[int, str]:
    """'OPTION' (item 1, 2, … in order) or 'N=OPTION'."""
    out: dict[int, str] = {}
    for index, value in enumerate(values or [], start=1):
        head, sep, tail = value.partition("=")
        if sep and head.strip().isdigit():
            out[int(head)] = tail.strip()
        else:
            out[index] = value.strip()
    return out


def _form(args: argparse.Namespace) -> OpinionForm:
    return opinion_form.OpinionForm(
        positions=_numbered(args.position, "position"),
        position_notes=_numbered(args.position_note, "note"),
        reasoning=_text(args.reasoning, args.reasoning_file),
        facts=args.facts or "",
        causes=args.causes or "",
        disposition=args.disposition or "",
        rectification=args.rectification or "",
    )


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


def cmd_draft(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        if args.show:
            form = opinions.load_draft(ctx, args.id)
            doc = form.to_document() if form else None
            out.result({"draft": doc}, str(doc) if doc else tr("No draft."))
            return 0
        opinions.save_draft(ctx, args.id, _form(args))
    out.result({"session": args.id, "saved": True}, tr("Draft saved (only you can read it)."))
    return 0


def cmd_seal(args: argparse.Namespace, out: Output) -> int:
    if args.no_conflict and args.conflict:
        raise InvalidInput(tr("Give either --no-conflict or --conflict TEXT, not both."))
    Recusal = opinion_form.Recusal
    recusal = Recusal(False) if args.no_conflict else Recusal(True, args.conflict) if args.conflict else None
    with unlocked(args) as ctx:
        result = opinions.seal_opinion(ctx, args.id, None if recusal and recusal.conflict else _form(args), recusal)
    if result.get("requested"):
        out.result(
            result,
            tr("Recusal requested for {department}; it takes effect when the chair approves it.").format(
                department=result["department"]
            ),
        )
    else:
        out.result(
            result,
            [tr("Sealed. This cannot be undone."), tr("Commitment fingerprint: {v}").format(v=result["fingerprint"])],
        )
    return 0


def _opinion_lines(row: dict[str, Any]) -> list[str]:
    who = row["department"] or tr("chair")
    if not row["valid"]:
        return [tr("{who}: REJECTED ({problem})").format(who=who, problem=row["problem"])]
    op = row["opinion"]
    lines = [
        f"【{who}】 {row['author']}  {row['sealed_at']}  {row['fingerprint']}",
        tr("  Positions: {v}").format(v=", ".join(f"{k}: {v}" for k, v in op["positions"].items())),
        tr("  Reasoning: {v}").format(v=op["reasoning"]),
    ]
    for key, label in (
        ("facts", tr("Facts")),
        ("causes", tr("Causes")),
        ("disposition", tr("Disposition")),
        ("rectification", tr("Rectification")),
    ):
        if op.get(key):
            lines.append(f"  {label}: {op[key]}")
    return lines


def cmd_opinion_show(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        own = None
        if args.department is None:
            with ctx.store.transaction() as db:
                from app.sessions.common import load

                mine = session_common.participant_of(ctx, load(db, args.id)) is not None
            if mine:
                own = opinions.read_own_sealed(ctx, args.id, args.round)
                if own is None:
                    raise InvalidInput(tr("You have not sealed an opinion in this session yet."))
        if own is not None:
            doc = own["document"]
            out.result(
                own,
                _opinion_lines(
                    {
                        "department": doc.get("department"),
                        "author": doc.get("author"),
                        "sealed_at": own["sealed_at"],
                        "fingerprint": own["fingerprint"],
                        "valid": True,
                        "opinion": doc["opinion"],
                    }
                ),
            )
            return 0
        result = views.opinions(ctx, args.id, args.department, args.round)
    out.result(result, [line for row in result["opinions"] for line in _opinion_lines(row)])
    return 0


def cmd_chair_opinion(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        result = chair.chair_position(ctx, args.id, _form(args))
    out.result(
        result,
        [tr("The chair's position is sealed."), tr("Commitment fingerprint: {v}").format(v=result["fingerprint"])],
    )
    return 0


def cmd_tally(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        t = views.tally(ctx, args.id, args.round)
    outcomes = {
        "passed": tr("passed: {option}"),
        "no_majority": tr("no majority (未形成多数意见)"),
        "advisory": tr("advisory (no binding count)"),
    }
    lines = [
        tr("Tally of session {id}, round {round}, rule {rule} — {state}").format(
            id=t["session"], round=t["round"], rule=t["rule"], state=tr("final") if t["final"] else tr("preliminary")
        )
    ]
    lines += record_lines.round_header(t)
    for item in t["items"]:
        lines.append(tr("Item {n}: {text}").format(n=item["item"], text=item["text"]))
        lines.append(
            "  "
            + ", ".join(f"{o} {n}" for o, n in item["counts"].items())
            + "  "
            + tr("(expected {e}, cast {c})").format(e=item["expected"], c=item["cast"])
        )
        lines.append("  " + outcomes[item["outcome"]].format(option=item["passed_option"]))
        if item["chair_position"]:
            lines.append(tr("  Chair: {v}").format(v=item["chair_position"]["position"]))
        lines += record_lines.item_lines(t, item)
        for d in item["dissent"]:
            lines.append(tr("  Dissent — {department} ({position}): {reasoning}").format(**d))
        for n in item.get("notes", []):
            lines.append("  " + tr("Note — {department} ({position}): {note}").format(**n))
    if t["recused"]:
        lines.append(tr("Recused: {v}").format(v=", ".join(t["recused"])))
    if t["absent"]:
        lines.append(tr("Absent: {v}").format(v=", ".join(t["absent"])))
    if t["rejected"]:
        lines.append(tr("Rejected envelopes: {v}").format(v=", ".join(t["rejected"])))
    for pair in t["near_duplicates"]:
        lines.append(tr("Near-duplicate opinions (意见高度雷同): {a} / {b}, {percent}%").format(**pair))
    lines += record_lines.footer(t)
    out.result(t, lines)
    return 0


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
    s = sub.add_parser("session", parents=[parent], help=tr("review sessions"))
    ssub = s.add_subparsers(dest="session_command", required=True)
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

    def opinion_fields(p: argparse.ArgumentParser) -> None:
        p.add_argument("id", type=int)
        p.add_argument("--position", action="append", metavar="[ITEM=]OPTION")
        p.add_argument("--position-note", action="append", metavar="[ITEM=]TEXT")
        p.add_argument("--reasoning")
        p.add_argument("--reasoning-file")
        p.add_argument("--facts")
        p.add_argument("--causes")
        p.add_argument("--disposition")
        p.add_argument("--rectification")

    o = sub.add_parser("opinion", parents=[parent], help=tr("your department's opinion"))
    osub = o.add_subparsers(dest="opinion_command", required=True)
    p = osub.add_parser("draft", parents=[parent], help=tr("save a private draft (or --show it)"))
    opinion_fields(p)
    p.add_argument("--show", action="store_true")
    p.set_defaults(func=cmd_draft)
    p = osub.add_parser("seal", parents=[parent], help=tr("seal your opinion (irreversible)"))
    opinion_fields(p)
    p.add_argument("--no-conflict", action="store_true", help=tr("declare no conflict of interest"))
    p.add_argument("--conflict", metavar="TEXT", help=tr("declare a conflict of interest and recuse"))
    p.set_defaults(func=cmd_seal)
    p = osub.add_parser("show", parents=[parent], help=tr("your sealed opinion, or revealed ones"))
    p.add_argument("id", type=int)
    p.add_argument("--department")
    p.add_argument("--round", type=int)
    p.set_defaults(func=cmd_opinion_show)

    p = sub.add_parser("chair-opinion", parents=[parent], help=tr("the chair's position, after reveal"))
    opinion_fields(p)
    p.set_defaults(func=cmd_chair_opinion)
    p = sub.add_parser("tally", parents=[parent], help=tr("the tally of a revealed round"))
    p.add_argument("id", type=int)
    p.add_argument("--round", type=int)
    p.set_defaults(func=cmd_tally)
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
