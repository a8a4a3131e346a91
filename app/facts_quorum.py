"""The attendance quorum re-checked from the signed log when a round is sealed (issue 14 item 3).

The programs refuse to seal a round below quorum (:mod:`app.sessions.lifecycle`); :mod:`app.facts` replays the
log and flags a ``session.sealed`` or ``session.close`` entry made below it (forged by an insider, or by a
faulty program).

Sessions created before quorums existed are not held to them.  A session is checked when its signed
``session.create`` entry names its ``quorum`` rule (sessions created since this check) or lists the session's
``clerks`` (added in the same release as the quorum, so every session created under quorum rules has it) —
and also, whatever its own entry says, when it was created after the store entered the quorum era: a store made
by a program that knew quorums (its signed ``store.init`` says ``quorum_era``) or a log in which an earlier
session's creation entry already named one.  Without that, a chair's modified program could leave the keys out
and make a new session "old" (attack review R3-3).  The entries are signed: an insider can neither add nor
remove these keys — so the check reads the era's start from the registry, which saw it in the entries it verified
(``Registry.quorum_era``), not from the rows (:func:`era_start`), which an insider may edit or delete to move it
past a session (attack review h-attack2).  What remains: in a store upgraded from before quorums, a session created
with the keys left out before any honest session was created since the upgrade is still taken as old.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app import quorum
from app.i18n import tr
from models import AuditEntry

ERA_KEY = "quorum_era"  # in the details of a store.init entry made by a program that knows quorums


def _named(details: str, keys: tuple[str, ...]) -> bool:
    try:
        value = json.loads(details)
    except ValueError:
        return False
    return isinstance(value, dict) and any(k in value for k in keys)


def era_start(db: Session) -> int | None:
    """The sequence number from which every session created is held to a quorum (None: the log never shows
    a program that knew quorums), as the rows of the store show it now — unverified: the facts check reads
    ``Registry.quorum_era`` instead, the same on an intact log.

    Each action's entries are walked in log order along its index and the walk stops at the first that names
    the key: a store of 20,000 sessions read and sorted every ``session.create`` at each full check (120 ms)."""
    found = [
        _first_naming(db, "store.init", (ERA_KEY,), (f'%"{ERA_KEY}"%',)),
        _first_naming(db, "session.create", ("quorum", "clerks"), ('%"quorum"%', '%"clerks"%')),
    ]
    return min((seq for seq in found if seq is not None), default=None)


def _first_naming(db: Session, action: str, keys: tuple[str, ...], patterns: tuple[str, ...]) -> int | None:
    after = 0
    while True:  # one row at a time along the index (an ORM result would fetch every match first)
        row = db.execute(
            select(AuditEntry.seq, AuditEntry.details)
            .where(
                AuditEntry.action == action,
                AuditEntry.seq > after,
                or_(*(AuditEntry.details.like(p) for p in patterns)),
            )
            .order_by(AuditEntry.seq)
            .limit(1)
        ).first()
        if row is None:
            return None
        if _named(row.details, keys):
            return int(row.seq)
        after = row.seq


def rule_of(create: dict[str, Any], current: dict[str, Any], held: bool = False) -> str | None:
    """The session's quorum rule if it was created under quorum rules (or ``held``: after the store entered the
    quorum era, see :func:`era_start`), else None (not checked)."""
    if held or "quorum" in create or "clerks" in create:
        return quorum.quorum_rule(str(current.get("kind")), current.get("quorum"))
    return None


def shortfall(rule: str | None, current: dict[str, Any], sealed: int) -> str | None:
    """Why sealing with ``sealed`` department opinions is below quorum (None: reached, or not checked)."""
    if rule is None:
        return None
    chair = 1 if current.get("chair_counts") else 0
    original = len(current.get("participants", [])) + chair
    need = quorum.required(rule, original)
    if sealed + chair >= need:
        return None
    return tr(
        "round sealed below quorum: {present} of the original 应到 {original} attended, {required} needed"
    ).format(present=sealed + chair, original=original, required=need)
