"""backup, restore: encrypted, signed copies of the whole store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import Output, unlocked, user_of
from app.i18n import tr

if TYPE_CHECKING:
    from app.cli import secrets_input
else:
    from app.lazy import lazy

    secrets_input = lazy("app.cli.secrets_input")


def cmd_backup(args: argparse.Namespace, out: Output) -> int:
    from app import backup
    from app.fsutil import check_output_path

    target = Path(args.out)
    check_output_path(target, args.store)
    with unlocked(args) as ctx:
        result = backup.create(ctx, target)
    out.result(
        result,
        [
            tr("Backup written to {file} and verified (audit log up to entry {audit_seq}).").format(**result),
            f"SHA-256: {result['sha256']}",
        ],
    )
    return 0


def cmd_restore(args: argparse.Namespace, out: Output) -> int:
    from app import backup

    user = user_of(args)
    passphrase = secrets_input.own_passphrase(user, args.passphrase_file)
    result = backup.restore(Path(args.file), Path(args.store), user, passphrase)
    for warning in result["warnings"]:
        print(tr("Warning: {problem}").format(problem=warning), file=sys.stderr)
    out.result(
        result,
        tr("Restored the backup of {backup_created} into {store}; the restore is recorded in its audit log.").format(
            **result
        ),
    )
    return 0


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[parent], help=tr("write an encrypted, signed backup of the store"))
    p.add_argument("--out", required=True, help=tr("the backup file (outside the store; must not exist)"))
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", parents=[parent], help=tr("restore a backup into a new store directory (--store)"))
    p.add_argument("file", help=tr("the backup file"))
    p.set_defaults(func=cmd_restore)
