"""Global names of sessions and rounds (issue 10): strict parsing, and refusal of another session or older round."""

from __future__ import annotations

import pytest

from app.exchange import ids
from app.exchange.schema import ExchangeRefused

STORE = "517abcfb-7822-4c25-8754-81f6b04fdad2"
OTHER = "3cac0e07-4cf4-48b6-9192-f9bbf0988e92"


def test_round_names_round_trip_and_order() -> None:
    name = ids.parse_round(f"{STORE}/12/3")
    assert name == ids.RoundName(STORE, 12, 3) and str(name) == f"{STORE}/12/3"
    assert name.session_name == ids.session_name(STORE, 12)


@pytest.mark.parametrize(
    "value",
    [
        f"{STORE}/12",
        f"{STORE}/12/3/4",
        f"{STORE}/0/1",
        f"{STORE}/01/1",
        f"{STORE}/-1/1",
        f"{STORE}/1/١",
        f"{STORE.upper()}/1/1",
        f"{STORE}/1/1 ",
        f"{STORE}/9999999999/1",
        "x/1/1",
        12,
        None,
        ["a"],
    ],
)
def test_malformed_round_names_are_refused(value: object) -> None:
    with pytest.raises(ExchangeRefused) as info:
        ids.parse_round(value)
    assert info.value.reason == "malformed"


@pytest.mark.parametrize(
    ("got", "reason"),
    [
        (ids.RoundName(OTHER, 12, 2), "other-session"),  # another store's session 12
        (ids.RoundName(STORE, 13, 2), "other-session"),
        (ids.RoundName(STORE, 12, 1), "replay"),  # an older round
        (ids.RoundName(STORE, 12, 3), "other-session"),  # a round not opened
    ],
)
def test_files_of_another_session_or_round_are_refused(got: ids.RoundName, reason: str) -> None:
    with pytest.raises(ExchangeRefused) as info:
        ids.require_round(got, ids.RoundName(STORE, 12, 2))
    assert info.value.reason == reason
    ids.require_round(ids.RoundName(STORE, 12, 2), ids.RoundName(STORE, 12, 2))
