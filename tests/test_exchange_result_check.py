"""The result package's checks on a member's store (app/exchange/result_check.py) as pure functions: a tally
recounts from its opinions under the definition; anything else a chair's program may write is refused as
``altered`` and never raises anything else (no exit 3)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.exchange import result_check
from app.exchange.result_check import Definition, Sealed
from app.exchange.schema import ExchangeRefused

DEFINITION = Definition("majority-of-expected", True, {1: ["初步核实", "予以了结"]}, ["一室", "二室"])
MINE = {"positions": {"1": "初步核实"}, "reasoning": "理由"}


def _row(department: str | None, position: str, commitment: str, chair: bool = False) -> dict[str, Any]:
    opinion = MINE if department == "一室" else {"positions": {"1": position}, "reasoning": "其他"}
    return {"department": department, "is_chair": chair, "valid": True, "commitment": commitment, "opinion": opinion}


def _round(rows: list[dict[str, Any]], counts: dict[str, int], passed: str | None, cast: int) -> dict[str, Any]:
    outcome = "passed" if passed else "no_majority"
    item = {"item": 1, "counts": counts, "expected": 3, "cast": cast, "outcome": outcome, "passed_option": passed}
    return {
        "round": 1,
        "commitments": sorted(r["commitment"] for r in rows if not r["is_chair"]),
        "opinions": json.dumps(rows, ensure_ascii=False),
        "tally": json.dumps({"items": [item], "recused": []}, ensure_ascii=False),
    }


GENUINE = _round(
    [_row("一室", "初步核实", "aa" * 32), _row("二室", "予以了结", "bb" * 32), _row(None, "初步核实", "cc" * 32, True)],
    {"初步核实": 2, "予以了结": 1},
    "初步核实",
    3,
)


def test_a_tally_that_recounts_is_accepted_and_one_that_does_not_is_refused() -> None:
    result_check.check_tallies([GENUINE], DEFINITION)
    result_check.check_own([GENUINE], [Sealed(1, "一室", "aa" * 32, MINE)])
    wrong = {**GENUINE, "tally": GENUINE["tally"].replace('"初步核实": 2', '"初步核实": 3')}
    with pytest.raises(ExchangeRefused) as info:
        result_check.check_tallies([wrong], DEFINITION)
    assert info.value.reason == "altered"
    for rule in ("unanimity", "advisory"):
        with pytest.raises(ExchangeRefused):  # the printed outcome is not the one of that rule
            result_check.check_tallies([GENUINE], Definition(rule, True, DEFINITION.items, DEFINITION.departments))
    with pytest.raises(ExchangeRefused):  # the chair not counted: another expected number
        result_check.check_tallies([GENUINE], Definition(DEFINITION.rule, False, DEFINITION.items, ["一室", "二室"]))


def test_own_envelope_missing_changed_or_invalid_is_refused() -> None:
    for sealed in (
        Sealed(2, "一室", "aa" * 32, MINE),  # a round the result leaves out
        Sealed(1, "一室", "dd" * 32, MINE),  # another commitment
        Sealed(1, "一室", "aa" * 32, {**MINE, "reasoning": "原文"}),  # another opinion
        Sealed(1, "三室", "aa" * 32, MINE),  # the department not shown
    ):
        with pytest.raises(ExchangeRefused) as info:
            result_check.check_own([GENUINE], [sealed])
        assert info.value.reason == "altered"
    rows = json.loads(GENUINE["opinions"])
    rows[0]["valid"] = False
    with pytest.raises(ExchangeRefused):
        result_check.check_own([{**GENUINE, "opinions": json.dumps(rows)}], [Sealed(1, "一室", "aa" * 32, MINE)])


def _keys() -> list[str]:
    return ["department", "is_chair", "valid", "commitment", "opinion", "positions", "1", "items", "item", "counts"]


_LEAF = st.none() | st.booleans() | st.integers(-3, 5) | st.sampled_from(["一室", "二室", "初步核实", "1", "aa" * 32])
_JSON = st.recursive(
    _LEAF,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from([*_keys(), "recused", "rule", "chair_counts", "departments"]), inner, max_size=6
        )
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(opinions=_JSON, tally=_JSON, definition=_JSON)
def test_whatever_the_chair_writes_is_accepted_or_refused_never_a_crash(
    opinions: Any, tally: Any, definition: Any
) -> None:
    rnd = {"round": 1, "commitments": ["aa" * 32], "opinions": json.dumps(opinions), "tally": json.dumps(tally)}
    for check in (
        lambda: result_check.check_tallies([rnd], DEFINITION),
        lambda: result_check.check_own([rnd], [Sealed(1, "一室", "aa" * 32, MINE)]),
        lambda: result_check.parse_definition(json.dumps(definition)),
    ):
        try:
            check()
        except ExchangeRefused as exc:
            assert exc.reason == "altered"
