"""A short property-based run of every exchange importer (the long run: ``make fuzz``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests import exchange_world
from tests.exchange_fuzz import Outcome, check_one, remote_strategy, reviewer_strategy, strategy
from tests.exchange_world import World


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = exchange_world.build(tmp_path_factory.mktemp("exchange-fuzz") / "world")
    yield w
    w.close()


def test_importers_never_crash_and_refusals_change_nothing(world: World, tmp_path: Path) -> None:
    outcome = Outcome()

    @settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=strategy(world))
    def one(case: tuple[str, bytes]) -> None:
        check_one(world, case[0], case[1], tmp_path / "input.hsx", outcome)

    one()
    assert not outcome.failures, outcome.failures[:5]
    assert outcome.inputs >= 150
    # The run reached the checks behind the signature, not only the outer framing.
    assert outcome.reasons["malformed"] and outcome.reasons["altered"], outcome.reasons


def test_reveal_request_and_key_release_importers_never_crash(tmp_path_factory: pytest.TempPathFactory) -> None:
    w = exchange_world.build(tmp_path_factory.mktemp("exchange-fuzz-remote") / "world")
    exchange_world.seal_remote(w)
    path = w.root / "input.hsx"
    outcome = Outcome()
    try:

        @settings(max_examples=120, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=remote_strategy(w))
        def one(case: tuple[str, bytes]) -> None:
            check_one(w, case[0], case[1], path, outcome)

        one()
    finally:
        w.close()
    assert not outcome.failures, outcome.failures[:5]
    assert outcome.reasons["malformed"] and outcome.reasons["altered"], outcome.reasons


def test_package_envelope_receipt_and_result_importers_never_crash(tmp_path_factory: pytest.TempPathFactory) -> None:
    w = exchange_world.build(tmp_path_factory.mktemp("exchange-fuzz-reviewer") / "world")
    exchange_world.open_remote_reviewer(w)
    path = w.root / "input.hsx"
    outcome = Outcome()
    try:

        @settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=reviewer_strategy(w))
        def one(case: tuple[str, bytes]) -> None:
            check_one(w, case[0], case[1], path, outcome)

        one()
    finally:
        w.close()
    assert not outcome.failures, outcome.failures[:5]
    assert outcome.reasons["malformed"] and outcome.reasons["altered"], outcome.reasons
