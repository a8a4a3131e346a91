"""Cyclic collection held back while a dossier is built (issue 16), and given back after, whatever happens."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pytest

from app import gc_policy


def test_held_blocks_nest_across_threads_and_restore_the_collector() -> None:
    assert gc.isenabled()
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with gc_policy.held():
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with gc_policy.held():
        assert not gc.isenabled()
        thread.start()
        assert entered.wait(5)
    assert not gc.isenabled()  # the other thread's block still runs
    release.set()
    thread.join(5)
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_policy.held():
        raise RuntimeError("the work failed")
    assert gc.isenabled()


def test_held_leaves_a_collector_someone_disabled_disabled() -> None:
    gc.disable()
    try:
        with gc_policy.held():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_dossier_is_laid_out_and_signed_without_a_collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.dossier import layout, service
    from tests import two_rounds

    store = two_rounds.make_store(tmp_path / "store")
    clerk = two_rounds.open_as(store, "孙记录")
    seen: list[bool] = []
    real = layout.render

    def render(data: dict[str, Any]) -> bytes:
        seen.append(gc.isenabled())
        return real(data)

    monkeypatch.setattr(layout, "render", render)
    try:
        pdf, _manifest = service.build(clerk, two_rounds.session_id(clerk))
    finally:
        clerk.close()
    assert pdf.startswith(b"%PDF") and seen == [False]
    assert gc.isenabled()


def test_the_imported_program_is_settled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(gc_policy, "_settled", False)
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    gc_policy.settle()
    gc_policy.settle()
    assert calls == ["collect", "freeze"]  # garbage collected before anything is frozen, and only once
