"""A log that changes under a running program (an entry the registry verified, edited or removed since) is a
refusal with the auditor's message in both front ends — never an internal error (exit status 3)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli import _known_failure
from app.errors import Refused
from app.registry_model import RegistryBroken


def _broken() -> RegistryBroken:
    return RegistryBroken(7, "entry 7 was altered")


def test_the_command_line_refuses_with_exit_status_2() -> None:
    known = _known_failure(_broken(), argparse.Namespace(store=Path("/nonexistent")))
    assert isinstance(known, Refused) and known.exit_status == 2
    assert "entry 7 was altered" in known.message and "auditor" in known.message


def test_the_window_shows_the_refusal(qtbot: Any) -> None:
    from ui.worker import DbWorker

    worker = DbWorker()
    errors: list[str] = []

    def job() -> None:
        raise _broken()

    try:
        worker.submit(job, on_error=errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    finally:
        worker.shutdown()
    assert "entry 7 was altered" in errors[0] and "Internal error" not in errors[0]
