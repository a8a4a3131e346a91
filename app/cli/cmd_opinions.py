"""opinion draft|seal|show, chair-opinion, tally (and the opinion-form arguments cmd_sessions and cmd_exchange
share)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import record_lines
from app.cli.common import Output, unlocked
from app.errors import InvalidInput
from app.i18n import tr

if TYPE_CHECKING:
    from app import opinion_form
    from app.opinion_form import OpinionForm
    from app.sessions import chair, opinions, views
    from app.sessions import common as session_common
else:
    from app.lazy import lazy

    opinion_form = lazy("app.opinion_form")
    chair = lazy("app.sessions.chair")
    opinions = lazy("app.sessions.opinions")
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


def opinion_fields(p: argparse.ArgumentParser, with_id: bool = True) -> None:
    """The opinion's arguments (``opinion draft|seal``, and an envelope file's, which names its session itself)."""
    if with_id:
        p.add_argument("id", type=int)
    p.add_argument("--position", action="append", metavar="[ITEM=]OPTION")
    p.add_argument("--position-note", action="append", metavar="[ITEM=]TEXT")
    p.add_argument("--reasoning")
    p.add_argument("--reasoning-file")
    p.add_argument("--facts")
    p.add_argument("--causes")
    p.add_argument("--disposition")
    p.add_argument("--rectification")


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
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
