"""audit verify, audit list."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from app.cli.common import Output, unlocked
from app.errors import InvalidInput
from app.i18n import tr

if TYPE_CHECKING:
    from app import auditlog
else:
    from app.lazy import lazy

    auditlog = lazy("app.auditlog")


def parse_time(text: str) -> datetime:
    """ISO 8601 date or date-time; a time without zone is taken as UTC."""
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InvalidInput(
            tr("'{text}' is not an ISO 8601 date or time (e.g. 2026-11-23T09:00).").format(text=text)
        ) from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def cmd_verify(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        report = auditlog.verify_chain(ctx)
    data = {
        "ok": report.ok,
        "entries": report.count,
        "broken_seq": report.broken_seq,
        "problem": report.problem,
        "problems": list(report.problems),
    }
    if report.ok:
        out.result(data, f"ok: {report.count} entries")
        return 0
    if report.broken_seq is not None:
        out.result(data, tr("BROKEN at entry {seq}: {problem}").format(seq=report.broken_seq, problem=report.problem))
        return 1
    # The chain holds, but rows differ from what was signed (or signed entries were made without the right).
    lines = [tr("The chain of {n} entries holds, but the store differs from what was signed:").format(n=report.count)]
    lines += [f"  {p}" for p in report.problems]
    out.result(data, lines)
    return 1


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    since = parse_time(args.since) if args.since else None
    with unlocked(args) as ctx:
        rows = auditlog.list_entries(ctx, since, args.actor, args.action, args.object, args.limit, args.before)
    lines = [f"{r['seq']:>6}  {r['ts']}  {r['actor']}  {r['action']}  {r['object']}" for r in rows]
    out.result(rows, lines or tr("No entries."))
    return 0


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("audit", parents=[parent], help=tr("the audit log (auditor)"))
    asub = p.add_subparsers(dest="audit_command", required=True)
    v = asub.add_parser("verify", parents=[parent], help=tr("recompute the chain and check every signature"))
    v.set_defaults(func=cmd_verify)
    ls = asub.add_parser("list", parents=[parent], help=tr("entries, newest last"))
    ls.add_argument("--since", help=tr("only entries at or after this ISO 8601 time"))
    ls.add_argument("--actor")
    ls.add_argument("--action", help=tr("action or action prefix, e.g. session."))
    ls.add_argument("--object")
    ls.add_argument("--limit", type=int, help=tr("keep only the newest N entries"))
    ls.add_argument("--before", type=int, help=tr("only entries older than this sequence number (the next page back)"))
    ls.set_defaults(func=cmd_list)
