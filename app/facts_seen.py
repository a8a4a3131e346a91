"""What the facts check read, handed to its caller (issue 16: a seal does not read it again): plain, immutable values
of each round's envelope and recusal rows, and :class:`CheckRows`.  No import but the models (app.sessions.common
uses it at import time)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol

from models import Envelope, Recusal, Round

if TYPE_CHECKING:
    from app.policy import Policy


class SealedRow(Protocol):
    """What a round's state needs of an envelope (an ORM row, or :class:`EnvelopeSeen`)."""

    @property
    def id(self) -> int: ...
    @property
    def participant_id(self) -> int | None: ...
    @property
    def author_id(self) -> int: ...
    @property
    def is_chair(self) -> bool: ...


class DeclaredRow(Protocol):
    """What a round's state needs of a recusal declaration (an ORM row, or :class:`RecusalSeen`)."""

    @property
    def participant_id(self) -> int: ...
    @property
    def has_conflict(self) -> bool: ...


class EnvelopeSeen(NamedTuple):
    """What a round's state needs of an envelope row, as the facts check read it: plain, immutable values."""

    id: int
    participant_id: int | None
    author_id: int
    is_chair: bool

    @classmethod
    def of(cls, row: Envelope) -> EnvelopeSeen:
        return cls(row.id, row.participant_id, row.author_id, bool(row.is_chair))


class RecusalSeen(NamedTuple):
    """What a round's state needs of a recusal row, as the facts check read it: plain, immutable values."""

    id: int
    participant_id: int
    has_conflict: bool

    @classmethod
    def of(cls, row: Recusal) -> RecusalSeen:
        return cls(row.id, row.participant_id, bool(row.has_conflict))


@dataclass
class CheckRows:
    """What the full check read, for its caller in the same transaction (which holds the write lock from its
    start), so that caller need not read it again: the session's rounds (ORM objects of the caller's session), each
    round's envelopes and recusals (plain values, in the order read) and holder keys (their public keys in layer
    order) by round id, and each participant's department name.  On a remembered verdict (app.facts_cache) the same
    values as the check that made it read, the rounds merged into the caller's session without SQL, and ``policy``:
    the policy in force as app.policy.load gave it with the registry under the verdict's very condition (else None:
    the caller loads it)."""

    rounds: list[Round]
    envelopes: dict[int, tuple[EnvelopeSeen, ...]]
    recusals: dict[int, tuple[RecusalSeen, ...]]
    holder_keys: dict[int, tuple[bytes, ...]]
    departments: dict[int, str]
    policy: Policy | None = None
