"""Tally rules, by example and by property (random electorates, absentees, recusals, ties)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.tally import (
    ADVISORY,
    MAJORITY,
    NO_MAJORITY,
    PASSED,
    TWO_THIRDS,
    UNANIMITY,
    Vote,
    near_duplicates,
    passes,
    similarity,
    tally_item,
)

OPTIONS = ["A", "B", "C"]


def votes(*positions: str) -> list[Vote]:
    return [Vote(f"d{i}", p, f"理由{i}") for i, p in enumerate(positions)]


def test_majority_of_expected_counts_absentees_against() -> None:
    members = [f"d{i}" for i in range(5)]
    # 3 of 5 members vote A; no chair counted: 3 > 5/2 passes
    t = tally_item(1, MAJORITY, OPTIONS, members, votes("A", "A", "A"), None, chair_counts=False, absent=["d3", "d4"])
    assert t.outcome == PASSED and t.passed_option == "A" and t.expected == 5 and t.cast == 3
    # 2 of 5 vote A, the others absent: 2 of the 2 cast, but not more than half of those expected
    t = tally_item(1, MAJORITY, OPTIONS, members, votes("A", "A"), None, chair_counts=False)
    assert t.outcome == NO_MAJORITY and t.passed_option is None


def test_chair_counts_last_and_makes_the_tally_final() -> None:
    members = ["d0", "d1", "d2", "d3"]
    pre = tally_item(1, MAJORITY, OPTIONS, members, votes("A", "A", "B", "B"), None, chair_counts=True)
    assert pre.preliminary and pre.expected == 5 and pre.outcome == NO_MAJORITY
    chair = Vote("chair", "A", "主持人理由", is_chair=True)
    final = tally_item(1, MAJORITY, OPTIONS, members, votes("A", "A", "B", "B"), chair, chair_counts=True)
    assert not final.preliminary and final.outcome == PASSED and final.passed_option == "A"
    assert [v.voter for v in final.dissent] == ["d2", "d3"]
    assert final.chair_vote == chair


def test_chair_not_counted_is_shown_but_not_a_vote() -> None:
    chair = Vote("chair", "B", "x", is_chair=True)
    t = tally_item(1, MAJORITY, OPTIONS, ["d0", "d1", "d2"], votes("A", "A", "B"), chair, chair_counts=False)
    assert t.counts == {"A": 2, "B": 1, "C": 0} and t.passed_option == "A" and t.chair_vote == chair
    assert not t.preliminary


def test_recused_members_are_not_expected() -> None:
    t = tally_item(
        1, MAJORITY, OPTIONS, ["d0", "d1", "d2"], votes("A", "A", "B"), None, chair_counts=False, recused=["d9"]
    )
    assert t.expected == 3 and t.recused == ["d9"]
    with pytest.raises(ValueError):
        tally_item(1, MAJORITY, OPTIONS, ["d0", "d1"], [Vote("d0", "A", ""), Vote("d0", "B", "")], None, False)


@pytest.mark.parametrize(
    ("rule", "n_for", "expected", "result"),
    [
        (MAJORITY, 3, 6, False),
        (MAJORITY, 4, 6, True),
        (TWO_THIRDS, 4, 6, True),
        (TWO_THIRDS, 3, 5, False),
        (TWO_THIRDS, 4, 5, True),
        (UNANIMITY, 5, 5, True),
        (UNANIMITY, 4, 5, False),
        (ADVISORY, 5, 5, False),
        (MAJORITY, 0, 0, False),
    ],
)
def test_thresholds(rule: str, n_for: int, expected: int, result: bool) -> None:
    assert passes(rule, n_for, expected) is result


def test_advisory_never_binds() -> None:
    t = tally_item(1, ADVISORY, OPTIONS, ["d0", "d1"], votes("A", "A"), None, False)
    assert t.outcome == "advisory" and t.passed_option is None and t.leading == ["A"]


electorates = st.integers(min_value=1, max_value=15).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.sampled_from(OPTIONS + [None]), min_size=n, max_size=n),  # None: absent
        st.integers(min_value=0, max_value=n),  # how many of the first members recused
        st.sampled_from([MAJORITY, TWO_THIRDS, UNANIMITY, ADVISORY]),
        st.sampled_from(OPTIONS + [None]),  # chair's position
        st.booleans(),  # chair counts
    )
)


@settings(max_examples=300, deadline=None)
@given(electorates)
def test_rule_properties(data: tuple) -> None:
    n, positions, n_recused, rule, chair_pos, chair_counts = data
    names = [f"d{i}" for i in range(n)]
    recused = names[:n_recused]
    members = names[n_recused:]
    cast_votes = [Vote(name, p, "r") for name, p in zip(names, positions, strict=True) if p and name in members]
    absent = [name for name, p in zip(names, positions, strict=True) if p is None and name in members]
    chair = Vote("chair", chair_pos, "c", is_chair=True) if chair_pos else None
    t = tally_item(1, rule, OPTIONS, members, cast_votes, chair, chair_counts, recused, absent)

    expected = len(members) + (1 if chair_counts else 0)
    assert t.expected == expected
    counted = len(cast_votes) + (1 if chair_counts and chair else 0)
    assert sum(t.counts.values()) == t.cast == counted
    assert set(t.counts) == set(OPTIONS)
    # recused members never vote; absentees add nothing
    assert all(v.voter not in recused for v in t.dissent)
    # at most one option passes, and it passes exactly when the rule's arithmetic says so
    winners = [o for o, c in t.counts.items() if passes(rule, c, expected)]
    assert len(winners) <= 1
    if rule == ADVISORY:
        assert t.outcome == "advisory" and t.passed_option is None
    elif winners:
        assert t.outcome == PASSED and t.passed_option == winners[0]
        c = t.counts[winners[0]]
        if rule == MAJORITY:
            assert 2 * c > expected
        if rule == TWO_THIRDS:
            assert 3 * c >= 2 * expected
        if rule == UNANIMITY:
            assert c == expected and not absent
        # every dissenter voted for something else, and everyone else who voted is not a dissenter
        assert {v.voter for v in t.dissent} == {v.voter for v in cast_votes if v.position != winners[0]}
    else:
        assert t.outcome == NO_MAJORITY and t.passed_option is None
    # a tie at the top never passes under the majority rule
    top = max(t.counts.values())
    if rule == MAJORITY and list(t.counts.values()).count(top) > 1:
        assert t.outcome != PASSED
    # unanimity passing implies the majority and two-thirds rules pass too
    if rule == UNANIMITY and t.outcome == PASSED:
        assert passes(MAJORITY, t.counts[t.passed_option], expected) or expected == 1
        assert passes(TWO_THIRDS, t.counts[t.passed_option], expected)
    assert t.preliminary == (chair_counts and chair is None)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=12))
def test_one_more_vote_for_the_winner_keeps_it_winning(n: int, k: int) -> None:
    k = min(k, n - 1) if n > 1 else 0
    members = [f"d{i}" for i in range(n)]
    base = [Vote(members[i], "A", "") for i in range(k)]
    before = tally_item(1, MAJORITY, OPTIONS, members, base, None, False)
    after = tally_item(1, MAJORITY, OPTIONS, members, [*base, Vote(members[k], "A", "")], None, False)
    if before.outcome == PASSED:
        assert after.outcome == PASSED and after.passed_option == "A"


def test_near_duplicates() -> None:
    a = "经审查，该线索反映的问题具体、可查，涉及金额较大，需要进一步核实相关事实情况。"
    b = a.replace("较大", "很大")
    c = "举报内容仅为传闻，缺少时间地点，建议谈话函询，由本人作出说明后再行研判。"
    assert similarity(a, a) == 1.0
    assert similarity(a, b) >= 0.8 > similarity(a, c)
    flags = near_duplicates({"一室": a, "二室": b, "三室": c}, 0.8)
    assert [(x, y) for x, y, _ in flags] == [("一室", "二室")]
    assert near_duplicates({"一室": a, "二室": b}, 0.99) == []
