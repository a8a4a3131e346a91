"""Where the command line gets passphrases from, without ever echoing them.

The acting account: $HUISHEN_PASSPHRASE, else ``--passphrase-file FILE``,
else an interactive prompt.  Other people (custodians at a reveal):
``--passphrase-file NAME=FILE``, else a prompt naming them.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from app.errors import InvalidInput, Refused
from app.fsutil import read_regular
from app.i18n import tr

MAX_PASSPHRASE_FILE = 64 * 1024


def _read_file(path: str) -> str:
    try:
        text = read_regular(Path(path), MAX_PASSPHRASE_FILE, tr("The passphrase file")).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(tr("Cannot read the passphrase file {path}.").format(path=path)) from exc
    except Refused as exc:
        raise InvalidInput(
            tr("Cannot read the passphrase file {path}: {reason}").format(path=path, reason=exc.message)
        ) from exc
    return text.rstrip("\r\n")


def _files(entries: list[str] | None) -> tuple[str | None, dict[str, str]]:
    plain: str | None = None
    named: dict[str, str] = {}
    for entry in entries or []:
        name, sep, path = entry.partition("=")
        if sep and name and not Path(entry).exists():
            named[name] = path
        else:
            plain = entry
    return plain, named


def _prompt(label: str, own: bool = True) -> str:
    if not sys.stdin.isatty():
        if own:
            message = tr("No passphrase given for {who}: set HUISHEN_PASSPHRASE or use --passphrase-file.")
        else:
            message = tr("No passphrase given for {who}: use --passphrase-file {who}=FILE.")
        raise InvalidInput(message.format(who=label))
    return getpass.getpass(tr("Passphrase for {who}: ").format(who=label))


def own_passphrase(user: str, entries: list[str] | None) -> str:
    """The acting account's passphrase."""
    env = os.environ.get("HUISHEN_PASSPHRASE")
    if env:
        return env
    plain, named = _files(entries)
    if user in named:
        return _read_file(named[user])
    if plain is not None:
        return _read_file(plain)
    return _prompt(user)


def passphrase_of(name: str, entries: list[str] | None) -> str:
    """Another account's passphrase, given as ``--passphrase-file NAME=FILE`` or at a prompt."""
    _plain, named = _files(entries)
    if name in named:
        return _read_file(named[name])
    return _prompt(name, own=False)


def new_passphrase(file: str | None) -> str:
    """A new passphrase: $HUISHEN_NEW_PASSPHRASE, else ``--new-passphrase-file``, else asked twice."""
    env = os.environ.get("HUISHEN_NEW_PASSPHRASE")
    if env:
        return env
    if file:
        return _read_file(file)
    if not sys.stdin.isatty():
        raise InvalidInput(tr("No new passphrase given: set HUISHEN_NEW_PASSPHRASE or use --new-passphrase-file."))
    first = getpass.getpass(tr("New passphrase: "))
    second = getpass.getpass(tr("New passphrase again: "))
    if first != second:
        raise InvalidInput(tr("The two passphrases differ; nothing was changed."))
    return first
