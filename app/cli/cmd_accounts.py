"""init, whoami, user add/passwd/list/disable/enable."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli.common import Output, unlocked
from app.errors import InvalidInput
from app.i18n import tr

if TYPE_CHECKING:
    from app import accounts
    from app.cli import secrets_input
else:
    from app.lazy import lazy

    accounts = lazy("app.accounts")
    secrets_input = lazy("app.cli.secrets_input")


def _whoami_lines(info: dict[str, Any]) -> list[str]:
    return [
        tr("Account: {v}").format(v=info["account"]),
        tr("Roles: {v}").format(v=", ".join(info["roles"])),
        tr("Department: {v}").format(v=info["department"] or "—"),
        tr("Identity fingerprint: {v}").format(v=info["fingerprint"]),
        tr("Workstation fingerprint: {v}").format(v=info["workstation_fingerprint"]),
    ]


def cmd_init(args: argparse.Namespace, out: Output) -> int:
    passphrase = secrets_input.new_passphrase(args.new_passphrase_file)
    ctx = accounts.init_store(args.store, args.admin, passphrase)
    try:
        info = accounts.whoami(ctx)
    finally:
        ctx.close()
    out.result(info, [tr("Created a new store in {path}.").format(path=args.store), *_whoami_lines(info)])
    return 0


def cmd_whoami(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        info = accounts.whoami(ctx)
    out.result(info, _whoami_lines(info))
    return 0


def cmd_user_add(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        roles = [r for item in args.role for r in item.split(",") if r]
        passphrase = secrets_input.new_passphrase(args.new_passphrase_file)
        info = accounts.add_account(ctx, args.name, roles, args.department, passphrase)
    out.result(
        info,
        [
            tr("Added account {name} ({roles}).").format(name=info["account"], roles=", ".join(info["roles"])),
            tr("Identity fingerprint: {v}").format(v=info["fingerprint"]),
        ],
    )
    return 0


def cmd_user_passwd(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        passphrase = secrets_input.new_passphrase(args.new_passphrase_file)
        accounts.change_passphrase(ctx, passphrase)
        name = ctx.name
    out.result({"account": name, "changed": True}, tr("The passphrase of {name} was changed.").format(name=name))
    return 0


def cmd_user_list(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        rows = accounts.list_accounts(ctx)
    lines = [
        "{name}\t{roles}\t{dept}\t{state}\t{fp}".format(
            name=r["account"],
            roles=",".join(r["roles"]),
            dept=r["department"] or "—",
            state=tr("disabled") if r["disabled"] else tr("active"),
            fp=r["fingerprint"],
        )
        for r in rows
    ]
    out.result(rows, lines)
    return 0


def cmd_user_disable(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        accounts.set_disabled(ctx, args.name, True, args.reason)
    out.result(
        {"account": args.name, "disabled": True, "reason": args.reason.strip()},
        tr("Disabled {name}; the reason is recorded in the audit log.").format(name=args.name),
    )
    return 0


def cmd_user_enable(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        accounts.set_disabled(ctx, args.name, False, args.reason or "")
    out.result({"account": args.name, "disabled": False}, tr("Enabled {name}.").format(name=args.name))
    return 0


def cmd_user_pending(args: argparse.Namespace, out: Output) -> int:
    from app import grants

    with unlocked(args) as ctx:
        rows = grants.pending(ctx)
    lines = [
        "{name}\t{roles}\t{dept}\t{fp}{re}".format(
            name=r["account"],
            roles=",".join(r["roles"]),
            dept=r["department"] or "—",
            fp=r["fingerprint"],
            re="\t" + tr("re-issued key") if r["reissued"] else "",
        )
        for r in rows
    ]
    out.result(rows, lines or tr("Nothing awaits authorisation."))
    return 0


def cmd_user_authorise(args: argparse.Namespace, out: Output) -> int:
    from app import grants

    with unlocked(args) as ctx:
        info = grants.authorise(ctx, args.name, args.fingerprint)
    out.result(
        info,
        tr("Authorised {name}: {roles} for key {fp}.").format(
            name=info["account"], roles=", ".join(info["roles"]), fp=info["key"]
        ),
    )
    return 0


def cmd_user_clearance(args: argparse.Namespace, out: Output) -> int:
    from app import clearance

    with unlocked(args) as ctx:
        if args.name is None:
            rows = clearance.clearances(ctx)
            out.result(rows, [f"{r['account']}\t{r['clearance']}" for r in rows] or tr("No accounts."))
            return 0
        if args.level is None:
            raise InvalidInput(tr("Give the level: huishen user clearance NAME LEVEL (非密, 秘密, 机密, 绝密)."))
        info = clearance.set_clearance(ctx, args.name, args.level)
    out.result(
        info,
        tr("{name} is now cleared for {level} (was {was}).").format(
            name=info["account"], level=info["clearance"], was=info["was"]
        ),
    )
    return 0


def cmd_keys_issue(args: argparse.Namespace, out: Output) -> int:
    from app.sessions import holder_keys

    with unlocked(args) as ctx:
        info = holder_keys.issue_batch(ctx, args.count)
        info["unused"] = holder_keys.unused_count(ctx)
    out.result(
        info,
        tr("Issued {n} one-time round keys; {unused} unused in all.").format(n=info["issued"], unused=info["unused"]),
    )
    return 0


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[parent], help=tr("create a new store in --store DIR"))
    p.add_argument("--admin", required=True, help=tr("name of the first account, the administrator"))
    p.add_argument("--new-passphrase-file", help=tr("file holding the administrator's passphrase"))
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("whoami", parents=[parent], help=tr("account, roles, department, fingerprint"))
    p.set_defaults(func=cmd_whoami)

    user = sub.add_parser("user", parents=[parent], help=tr("manage accounts"))
    usub = user.add_subparsers(dest="user_command", required=True)
    p = usub.add_parser("add", parents=[parent], help=tr("add an account (administrator)"))
    p.add_argument("name")
    p.add_argument("--role", action="append", required=True, help=tr("role (repeatable or comma-separated)"))
    p.add_argument("--department")
    p.add_argument("--new-passphrase-file", help=tr("file holding the new account's passphrase"))
    p.set_defaults(func=cmd_user_add)
    p = usub.add_parser("passwd", parents=[parent], help=tr("change your own passphrase"))
    p.add_argument("--new-passphrase-file", help=tr("file holding the new passphrase"))
    p.set_defaults(func=cmd_user_passwd)
    p = usub.add_parser("list", parents=[parent], help=tr("list accounts (administrator, auditor)"))
    p.set_defaults(func=cmd_user_list)
    p = usub.add_parser("disable", parents=[parent], help=tr("disable an account, with a reason (administrator)"))
    p.add_argument("name")
    p.add_argument("--reason", required=True, help=tr("why the account is disabled (recorded in the audit log)"))
    p.set_defaults(func=cmd_user_disable)
    p = usub.add_parser("enable", parents=[parent], help=tr("enable a disabled account again (administrator)"))
    p.add_argument("name")
    p.add_argument("--reason", help=tr("why the account is enabled again (recorded in the audit log)"))
    p.set_defaults(func=cmd_user_enable)
    p = usub.add_parser("pending", parents=[parent], help=tr("accounts awaiting authorisation (security officer)"))
    p.set_defaults(func=cmd_user_pending)
    p = usub.add_parser(
        "authorise", parents=[parent], help=tr("authorise an account's roles or re-issued key (security officer)")
    )
    p.add_argument("name")
    p.add_argument("--fingerprint", help=tr("the fingerprint the person read aloud, checked before authorising"))
    p.set_defaults(func=cmd_user_authorise)
    p = usub.add_parser(
        "clearance", parents=[parent], help=tr("set an account's clearance level, or list them (security officer)")
    )
    p.add_argument("name", nargs="?")
    p.add_argument("level", nargs="?", help=tr("非密, 秘密, 机密 or 绝密"))
    p.set_defaults(func=cmd_user_clearance)

    keys = sub.add_parser("keys", parents=[parent], help=tr("your one-time round keys (custodian)"))
    ksub = keys.add_subparsers(dest="keys_command", required=True)
    p = ksub.add_parser("issue", parents=[parent], help=tr("issue a batch of one-time round keys (custodian)"))
    p.add_argument("--count", type=int, default=5, help=tr("how many keys (1 to 100)"))
    p.set_defaults(func=cmd_keys_issue)
