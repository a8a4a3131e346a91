"""A session's facts check remembered while the database is unchanged (issue 16 item 2).

Seal, reveal and tally each re-check the whole session against its signed facts, several times in one
operation (the reveal: five).  A verdict is reused only when nothing at all can have changed since it was
made, on the very connection that made it:

- ``PRAGMA data_version`` of that connection is unchanged: no other connection — of this program or any other
  process, an insider's included — committed anything since;
- the connection's own ``total_changes`` is unchanged: this program wrote nothing either (pending ORM changes
  are flushed first, so they count);
- the registry is the same object, at the same log sequence and head hash, and the store id is the same.

Any write anywhere in the database therefore sends the next check back to the full :func:`app.facts.inspect`;
a planted or altered row is caught exactly as before.  The cache lives in the pooled connection's ``info``
(it goes with the connection), at most ``MAX`` sessions per connection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from app.facts import SessionCheck
    from app.registry import Registry

MAX = 64
_KEY = "huishen_facts_cache"


def _state(db: Session, reg: Registry, store_id: str) -> tuple[Any, ...] | None:
    """Everything a verdict depends on beyond the rows, or None when it cannot be told (no caching)."""
    db.flush()
    conn = db.connection()
    dbapi = conn.connection.dbapi_connection
    changes = getattr(dbapi, "total_changes", None)
    if changes is None:
        return None
    version = conn.exec_driver_sql("PRAGMA data_version").scalar()
    return (version, changes, id(reg), reg.seq, reg.head, reg.broken is None, store_id)


def checked(
    db: Session, reg: Registry, session_id: int, store_id: str, compute: Callable[[], SessionCheck]
) -> SessionCheck:
    """``compute()``'s verdict for ``session_id``, reused while the database and the registry are unchanged."""
    state = _state(db, reg, store_id)
    if state is None:
        return compute()
    cache: dict[int, tuple[tuple[Any, ...], SessionCheck]] = db.connection().connection.info.setdefault(_KEY, {})
    hit = cache.get(session_id)
    if hit is not None and hit[0] == state:
        return _copy(hit[1])
    result = compute()
    # The check only reads; if it wrote (it must not), the state moved on and this entry never matches.
    if _state(db, reg, store_id) == state:
        if len(cache) >= MAX:
            cache.clear()
        cache[session_id] = (state, _copy(result))
    return result


def _copy(check: SessionCheck) -> SessionCheck:
    """A copy of the verdict alone: the rows a check read belong to the transaction that read them."""
    return replace(
        check, problems=list(check.problems), flagged=dict(check.flagged), ignored=list(check.ignored), rows=None
    )
