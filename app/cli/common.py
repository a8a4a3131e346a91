"""Shared plumbing of the command line: output, unlocking, argument parents."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from app.errors import InvalidInput
from app.i18n import tr

if TYPE_CHECKING:
    from app import accounts
    from app.cli import secrets_input
    from app.context import AccountContext
else:
    from app.lazy import lazy

    accounts = lazy("app.accounts")
    secrets_input = lazy("app.cli.secrets_input")


class Output:
    """Prints either human lines or one JSON document."""

    def __init__(self, json_mode: bool) -> None:
        self.json_mode = json_mode

    def result(self, data: Any, lines: list[str] | str) -> None:
        """Print ``data`` as JSON, or ``lines`` for people."""
        if self.json_mode:
            print(json.dumps(data, ensure_ascii=False, indent=1, default=str))
        else:
            print(lines if isinstance(lines, str) else "\n".join(lines))
        sys.stdout.flush()

    def error(self, message: str, status: int) -> None:
        """Report a refusal or failure: one line on stderr, and a JSON object under --json."""
        try:
            print(message, file=sys.stderr)
            if self.json_mode:
                print(json.dumps({"error": message, "status": status}, ensure_ascii=False))
                sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            pass  # nobody is reading any more; the exit status still says it


def user_of(args: argparse.Namespace) -> str:
    """The acting account's name: --user, else $HUISHEN_USER."""
    user = args.user or os.environ.get("HUISHEN_USER")
    if not user:
        raise InvalidInput(tr("Which account? Give --user NAME (or set HUISHEN_USER)."))
    return str(user)


@contextmanager
def unlocked(args: argparse.Namespace) -> Iterator[AccountContext]:
    """Unlock the store as the acting account for the duration of one command."""
    user = user_of(args)
    passphrase = secrets_input.own_passphrase(user, args.passphrase_file)
    ctx = accounts.open_account(args.store, user, passphrase)
    for warning in ctx.warnings:
        print(tr("Warning: {problem}").format(problem=warning), file=sys.stderr)
    try:
        yield ctx
        shown = len(ctx.warnings)
        accounts.remember_head(ctx)
        for warning in ctx.warnings[shown:]:
            print(tr("Warning: {problem}").format(problem=warning), file=sys.stderr)
    finally:
        ctx.close()
