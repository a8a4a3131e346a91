"""Tally rules (DESIGN.md §7) as pure functions: no store, no Qt, easy to test exhaustively.

``majority-of-expected`` is the 党组工作条例 art. 27 rule: an option passes when its
votes exceed half of the members who should attend (应到会) — not of those who
voted; absent members' written opinions are not votes.  Recused members are not
expected.  When the chair's position counts (the default), the chair is one more
expected member, voting last, so the tally is *preliminary* until the chair has
stated a position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

MAJORITY = "majority-of-expected"
TWO_THIRDS = "two-thirds"
UNANIMITY = "unanimity"
ADVISORY = "advisory"

PASSED = "passed"
NO_MAJORITY = "no_majority"  # 未形成多数意见
ADVISORY_OUTCOME = "advisory"


@dataclass(frozen=True)
class Vote:
    """One valid, revealed position on one item."""

    voter: str
    position: str
    reasoning: str
    is_chair: bool = False


@dataclass(frozen=True)
class ItemTally:
    """The tally of one item (议题)."""

    item: int
    counts: dict[str, int]
    expected: int
    cast: int
    outcome: str
    passed_option: str | None
    leading: list[str]
    dissent: list[Vote]
    chair_vote: Vote | None
    preliminary: bool
    recused: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    # The option the recorded decision adopted (None before a decision); dissent is counted against it.
    decided_option: str | None = None
    # No majority formed and no decision yet: the counts are a split, nobody "dissents" from anyone.
    split: bool = False


def passes(rule: str, votes: int, expected: int) -> bool:
    """Whether ``votes`` for one option carry it under ``rule`` with ``expected`` members."""
    if expected <= 0 or votes <= 0:
        return False
    if rule == MAJORITY:
        return 2 * votes > expected
    if rule == TWO_THIRDS:
        return 3 * votes >= 2 * expected
    if rule == UNANIMITY:
        return votes == expected
    if rule == ADVISORY:
        return False
    raise ValueError(f"unknown rule {rule}")


def tally_item(
    item: int,
    rule: str,
    options: Sequence[str],
    members: Sequence[str],
    votes: Sequence[Vote],
    chair_vote: Vote | None,
    chair_counts: bool,
    recused: Sequence[str] = (),
    absent: Sequence[str] = (),
    rejected: Sequence[str] = (),
    decided: str | None = None,
) -> ItemTally:
    """Count one item.

    ``members`` are the departments expected to give an opinion (recused ones
    excluded); ``votes`` the valid revealed positions of those members;
    ``chair_vote`` the chair's position, if stated; ``decided`` the option the recorded decision adopted.
    Dissent is counted against the decision, else against the option the rule passed; where no majority formed
    and nothing is decided yet the item is a split (未形成多数意见) and nobody is listed as dissenting.
    """
    member_set = set(members)
    counted = [v for v in votes if v.voter in member_set and not v.is_chair]
    if len({v.voter for v in counted}) != len(counted):
        raise ValueError("a member voted twice")
    expected = len(member_set) + (1 if chair_counts else 0)
    if chair_counts and chair_vote is not None:
        counted.append(chair_vote)
    counts = {option: 0 for option in options}
    for vote in counted:
        if vote.position not in counts:
            raise ValueError(f"position {vote.position!r} is not an option")
        counts[vote.position] += 1
    top = max(counts.values(), default=0)
    leading = [o for o, n in counts.items() if n == top and n > 0]
    passed = [o for o, n in counts.items() if passes(rule, n, expected)]
    if rule == ADVISORY:
        outcome, passed_option = ADVISORY_OUTCOME, None
    elif passed:
        outcome, passed_option = PASSED, passed[0]
    else:
        outcome, passed_option = NO_MAJORITY, None
    preliminary = chair_counts and chair_vote is None
    # While the chair has yet to speak, a single leading option is what the minority differs from; once the count
    # is final without a majority, it is a split: nobody dissents from anybody (least of all from the chair).
    provisional = leading[0] if preliminary and len(leading) == 1 and outcome == NO_MAJORITY else None
    reference = decided or passed_option or provisional
    dissent = [v for v in votes if v.voter in member_set and reference is not None and v.position != reference]
    if decided is not None and chair_vote is not None and chair_vote.position != decided:
        dissent.append(chair_vote)  # the chair's stated position stays on record, against the decision
    return ItemTally(
        item=item,
        counts=counts,
        expected=expected,
        cast=len(counted),
        outcome=outcome,
        passed_option=passed_option,
        leading=leading,
        dissent=dissent,
        chair_vote=chair_vote,
        preliminary=preliminary,
        recused=list(recused),
        absent=list(absent),
        rejected=list(rejected),
        decided_option=decided,
        split=outcome == NO_MAJORITY and decided is None and provisional is None,
    )


def ngrams(text: str, n: int = 3) -> set[str]:
    """Character n-grams of ``text`` with whitespace and punctuation removed."""
    clean = "".join(ch for ch in text if ch.isalnum())
    if len(clean) < n:
        return {clean} if clean else set()
    return {clean[i : i + n] for i in range(len(clean) - n + 1)}


def similarity(a: str, b: str, n: int = 3) -> float:
    """Jaccard similarity of the two texts' character n-gram sets (0 … 1)."""
    return _jaccard(ngrams(a, n), ngrams(b, n))


def _jaccard(ga: set[str], gb: set[str]) -> float:
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)


def near_duplicates(texts: dict[str, str], threshold: float = 0.8) -> list[tuple[str, str, int]]:
    """Pairs of authors whose texts are at least ``threshold`` similar (意见高度雷同), with the percentage."""
    pairs = []
    grams = {author: ngrams(text) for author, text in texts.items()}  # each text's n-grams built once
    for a, b in combinations(sorted(texts), 2):
        score = _jaccard(grams[a], grams[b])
        if score >= threshold:
            pairs.append((a, b, int(score * 100)))
    return pairs
