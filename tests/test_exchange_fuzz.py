"""A short property-based run of every exchange importer (the long run: ``make fuzz``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests import exchange_world
from tests.exchange_fuzz import remote_strategy, reviewer_strategy, run_importer, strategy
from tests.exchange_world import World


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = exchange_world.build(tmp_path_factory.mktemp("exchange-fuzz") / "world")
    yield w
    w.close()


def test_importers_never_crash_and_refusals_change_nothing(world: World, tmp_path: Path) -> None:
    run_importer(world, strategy(world), 150, tmp_path / "input.hsx")


def _in_own_world(tmp_path_factory: pytest.TempPathFactory, name: str, prepare: Callable[[World], object]) -> World:
    w = exchange_world.build(tmp_path_factory.mktemp(name) / "world")
    prepare(w)
    return w


def test_reveal_request_and_key_release_importers_never_crash(tmp_path_factory: pytest.TempPathFactory) -> None:
    w = _in_own_world(tmp_path_factory, "exchange-fuzz-remote", exchange_world.seal_remote)
    try:
        run_importer(w, remote_strategy(w), 120, w.root / "input.hsx")
    finally:
        w.close()


def test_package_envelope_receipt_and_result_importers_never_crash(tmp_path_factory: pytest.TempPathFactory) -> None:
    w = _in_own_world(tmp_path_factory, "exchange-fuzz-reviewer", exchange_world.open_remote_reviewer)
    try:
        run_importer(w, reviewer_strategy(w), 150, w.root / "input.hsx")
    finally:
        w.close()
