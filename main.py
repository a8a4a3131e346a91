"""Huishen's entry point: parse arguments, then run the command line or the desktop window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """``huishen`` / ``python main.py``."""
    from app import cli

    argv = sys.argv[1:] if argv is None else argv
    gui = cli.command_of(argv) in (None, "gui") and not {"-h", "--help"} & set(argv)
    if gui:
        from PySide6.QtWidgets import QApplication

        import app.i18n  # noqa: F401  (first: quiets shiboken's import hook before anything else is imported)
        from ui.application import has_display, no_display_message

        if not has_display():
            print(no_display_message(), file=sys.stderr)
            return 2
        # The QApplication must exist before translators are installed on it.

        QApplication.instance() or QApplication(sys.argv[:1])
    args = cli.parse(argv)
    if gui:
        from ui.application import run_gui

        return run_gui(args)
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
