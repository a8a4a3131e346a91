"""The quorum era's start is found by walking each action's entries in log order and stopping at the first that
names the key (issue 16: a store of 20,000 sessions read and sorted every session.create at each full check).
Same answer as reading them all, on random logs with decoys (a key's name inside a value, damaged details)."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime

from sqlalchemy import create_engine, event, or_, select
from sqlalchemy.orm import Session

from app import facts_quorum
from app.facts_quorum import ERA_KEY
from models import AuditEntry
from models.base import Base


def _all_read(db: Session) -> int | None:
    """The rule as it was: every candidate read, in log order, the first that names its key."""
    rows = db.execute(
        select(AuditEntry.seq, AuditEntry.action, AuditEntry.details)
        .where(
            or_(
                (AuditEntry.action == "store.init") & AuditEntry.details.like(f'%"{ERA_KEY}"%'),
                (AuditEntry.action == "session.create")
                & or_(AuditEntry.details.like('%"quorum"%'), AuditEntry.details.like('%"clerks"%')),
            )
        )
        .order_by(AuditEntry.seq)
    )
    for seq, action, details in rows:
        if facts_quorum._named(details, (ERA_KEY,) if action == "store.init" else ("quorum", "clerks")):
            return int(seq)
    return None


DETAILS = [
    json.dumps({"title": "t"}),
    json.dumps({"title": 'a "quorum" in a title'}),  # the LIKE matches, the key is not there
    json.dumps({"note": '"clerks"'}),
    json.dumps({"quorum": None, "title": "t"}),
    json.dumps({"clerks": ["记录员"]}),
    json.dumps([{"quorum": 1}]),  # not an object
    '{"quorum": broken',  # not JSON
    json.dumps({ERA_KEY: True}),
    json.dumps({"text": f'"{ERA_KEY}"'}),
]


def _log(db: Session, rng: random.Random, n: int) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    for seq in range(1, n + 1):
        db.add(
            AuditEntry(
                seq=seq,
                ts=now,
                actor="a",
                action=rng.choice(["store.init", "session.create", "session.open", "opinion.seal"]),
                object="o",
                details=rng.choice(DETAILS),
                prev_hash="0" * 64,
                hash="0" * 64,
                signature=b"s",
                identity_id=1,
            )
        )
    db.flush()


def test_the_first_entry_naming_the_key_as_when_every_candidate_was_read() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    rng = random.Random(16)
    answers = set()
    for trial in range(150):
        with Session(engine) as db:
            _log(db, rng, rng.randint(0, 40))
            expected = _all_read(db)
            assert facts_quorum.era_start(db) == expected, trial
            answers.add(expected is None)
            db.rollback()
    assert answers == {True, False}  # both outcomes were met


def test_a_long_log_is_not_read_whole() -> None:
    """Counted by SQLite's own LIKE evaluations (overridden here by a counting one): reading every candidate
    evaluated one per entry of the action; the walk stops at the answer."""
    engine = create_engine("sqlite://")
    evaluated: list[str] = []

    def like(pattern: str, value: str) -> bool:  # the patterns here are all %text%
        evaluated.append(value)
        return pattern.strip("%") in value

    event.listen(engine, "connect", lambda conn, _record: conn.create_function("like", 2, like))
    Base.metadata.create_all(engine)
    with Session(engine) as db:
        now = datetime(2026, 1, 1, tzinfo=UTC)
        for seq in range(1, 2001):
            details = {"quorum": None} if seq > 3 else {"title": 'named "quorum" in a value'}
            db.add(
                AuditEntry(
                    seq=seq, ts=now, actor="a", action="session.create", object="o", details=json.dumps(details),
                    prev_hash="0" * 64, hash="0" * 64, signature=b"s", identity_id=1,
                )
            )  # fmt: skip
        db.flush()
        assert _all_read(db) == 4
        assert len(evaluated) >= 2000  # the rule as it was
        evaluated.clear()
        assert facts_quorum.era_start(db) == 4
    assert len(evaluated) <= 10  # three decoys, then the answer
