"""The command line: a thin front end over the app services (DESIGN.md §12).

Exit status: 0 ok · 1 a verification found a problem · 2 refused (bad input,
wrong passphrase, not permitted) · 3 internal error (traceback only with --debug).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from app import i18n
from app.cli import cmd_accounts, cmd_audit
from app.cli.common import Output
from app.errors import HuishenError
from app.i18n import tr
from app.paths import default_store

INTERNAL_ERROR = 3


def _tolerant_output() -> None:
    """Never fail on printing: characters the terminal's encoding lacks are escaped."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _known_failure(exc: Exception, args: argparse.Namespace) -> HuishenError | None:
    """A database or file-system failure the user can act on (disk full, read-only, busy…), explained."""
    import sqlcipher3
    from sqlalchemy import exc as sa_exc

    from app import store
    from app.registry_model import RegistryBroken

    if isinstance(exc, RegistryBroken):
        return exc.refusal()
    if isinstance(exc, (OSError, sa_exc.DatabaseError, sa_exc.OperationalError, sqlcipher3.DatabaseError)):
        return store.diagnose(exc, Path(args.store))
    return None


class _Parser(argparse.ArgumentParser):
    """Usage errors exit 2 with one clear line, as every other refusal does — and under --json also the JSON
    object every refusal prints (``reason``: ``usage``, or ``malformed`` for a file ``import`` cannot read)."""

    json_mode = False  # set by :func:`parse` from the arguments, before they are read

    def error(self, message: str, reason: str = "usage") -> None:  # type: ignore[override]
        text = tr("huishen: {message} (see 'huishen --help')").format(message=message)
        if _Parser.json_mode:
            import json

            print(json.dumps({"error": message, "status": 2, "reason": reason}, ensure_ascii=False))
            sys.stdout.flush()
        self.exit(2, text + "\n")


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--store", type=Path, default=default, help=tr("store directory"))
    parser.add_argument("--user", default=default, help=tr("acting account (or $HUISHEN_USER)"))
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=tr("machine-readable output"),
    )
    parser.add_argument(
        "--passphrase-file",
        action="append",
        default=default,
        metavar="[NAME=]FILE",
        help=tr("passphrase file; NAME=FILE for another account (repeatable)"),
    )
    parser.add_argument("--lang", default=default, choices=["zh_CN", "en"], help=tr("language"))
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=tr("show tracebacks of internal errors"),
    )


def build_parser() -> _Parser:
    """The whole command-line grammar (global options accepted before or after the command)."""
    parser = _Parser(prog="huishen", description=tr("Huishen: back-to-back joint reviews with sealed opinions."))
    _global_options(parser, suppress=False)
    parent = _Parser(add_help=False)
    _global_options(parent, suppress=True)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    cmd_accounts.register(sub, parent)
    cmd_audit.register(sub, parent)
    from app.cli import cmd_sessions

    cmd_sessions.register(sub, parent)
    from app.cli import cmd_backup

    cmd_backup.register(sub, parent)
    from app.cli import cmd_exchange

    cmd_exchange.register(sub, parent)
    gui = sub.add_parser("gui", parents=[parent], help=tr("the desktop window (default)"))
    gui.set_defaults(func=None)
    return parser


_VALUED = {"--store", "--user", "--passphrase-file", "--lang"}


def command_of(argv: list[str]) -> str | None:
    """The command word in ``argv`` (None when absent), found without parsing or translating."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _language_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """Install the language, then parse ``argv`` (help texts come out translated)."""
    from app.cli import bounds

    argv = sys.argv[1:] if argv is None else argv
    i18n.install(_language_from_argv(argv))
    _Parser.json_mode = "--json" in argv
    parser = build_parser()
    bad = bounds.invalid_utf8(argv)
    if bad is not None:
        parser.error(tr("the argument '{arg}' is not valid UTF-8").format(arg=bad))
    args = parser.parse_args(argv)
    problem = bounds.check(args)
    if problem is not None:
        # A FILE that is no regular file (a FIFO, a directory): for 'import' the reason its own check would give.
        parser.error(problem, "malformed" if getattr(args, "command", None) == "import" else "usage")
    if args.store is None:
        args.store = default_store()
    return args


def run(args: argparse.Namespace) -> int:
    """Run a parsed non-GUI command; returns the exit status."""
    out = Output(bool(args.json))
    _tolerant_output()
    try:
        return int(args.func(args, out))
    except HuishenError as exc:
        out.error(exc.message, exc.exit_status)
        return exc.exit_status
    except KeyboardInterrupt:
        out.error(tr("Interrupted; nothing further was changed."), 130)
        return 130
    except BrokenPipeError:
        # Whoever read our output went away: say so where it can still be seen, never as a bug.
        _silence_stdout()
        out.json_mode = False
        out.error(tr("The output was closed before everything was written."), 2)
        return 2
    except Exception as exc:
        known = _known_failure(exc, args)
        if known is not None:
            out.error(known.message, known.exit_status)
            return known.exit_status
        # A bug: say so plainly, details only on request.
        if args.debug:
            traceback.print_exc()
        out.error(
            tr("Internal error ({kind}); run again with --debug and report it.").format(kind=type(exc).__name__),
            INTERNAL_ERROR,
        )
        return INTERNAL_ERROR
