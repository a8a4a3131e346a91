"""What a remembered facts verdict carries beside it (app.facts_cache, issue 16: a seal after the board reads
nothing it read before), frozen: nothing handed out shares a mutable object with what is kept.

- the rows the full check read for its caller (:class:`app.facts_seen.CheckRows`): the rounds as column values,
  envelopes, recusals, holder keys and departments as immutable values;
- the session row with its items, participants and custodians, as column values, when the checked object belonged
  to the checking transaction (its values are then the database's: that transaction wrote nothing);
- the log's last entry as that transaction's registry catch-up read it (app.audit.note_head), when it is the very
  head the registry verified (its hash recomputed from its fields);
- the policy in force (app.policy.load with the registry), kept per connection beside the verdicts.

Each ORM object handed out is new, made from the values and merged into the caller's session without SQL
(``merge(load=False)``): a seal that closes the round or the session changes its copy, never the kept values.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import inspect as orm_inspect
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import manager_of_class, set_committed_value

from app.facts_seen import CheckRows, EnvelopeSeen, RecusalSeen
from models import AuditEntry, Custodian, Participant, ReviewSession, Round, SessionItem

if TYPE_CHECKING:
    from app.policy import Policy
    from app.registry_model import Registry

T = TypeVar("T")
Values = tuple[Any, ...]  # one row's column values, in the mapper's column order (ints, text, bytes, datetimes, None)
_CHILDREN: dict[str, type[Any]] = {"items": SessionItem, "participants": Participant, "custodians": Custodian}


def _columns(cls: type[Any]) -> tuple[str, ...]:
    return tuple(a.key for a in orm_inspect(cls).column_attrs)


_COLUMNS: dict[type[Any], tuple[str, ...]] = {
    cls: _columns(cls) for cls in (Round, ReviewSession, SessionItem, Participant, Custodian, AuditEntry)
}


def _values(row: Any) -> Values:
    return tuple(getattr(row, c) for c in _COLUMNS[type(row)])


def _detached(cls: type[T], values: Values) -> T:
    """A new object of ``cls`` as if just loaded (no pending change, an identity key), not yet in any session: its
    values put in place as a load does, without the constructor's change events (then committed, as loaded)."""
    fresh: T = manager_of_class(cls).new_instance()
    fresh.__dict__.update(zip(_COLUMNS[cls], values, strict=True))
    make_transient_to_detached(fresh)
    return fresh


@dataclass(frozen=True)
class SessionValues:
    """The session row and its children as read (in the order loaded: each relationship's ``order_by``)."""

    row: Values
    children: tuple[tuple[str, tuple[Values, ...]], ...]

    @classmethod
    def of(cls, db: Session, session: ReviewSession) -> SessionValues | None:
        """The values of ``session`` if it is an unchanged object of ``db`` with its children loaded, else None
        (an object of another transaction may hold values the database no longer has)."""
        state = orm_inspect(session)
        if state.session is not db or not state.persistent or state.modified or state.expired_attributes:
            return None
        if any(key in state.unloaded for key in _CHILDREN):
            return None
        children = tuple((key, tuple(_values(child) for child in getattr(session, key))) for key in _CHILDREN)
        return cls(_values(session), children)

    def attach(self, db: Session) -> ReviewSession:
        """A new session object with new children, persistent in ``db``, clean (no SQL)."""
        fresh = _detached(ReviewSession, self.row)
        every = [fresh]
        for key, rows in self.children:
            children = [_detached(_CHILDREN[key], values) for values in rows]
            set_committed_value(fresh, key, children)
            every += children
        if any((k := orm_inspect(obj).key) is not None and k in db.identity_map for obj in every):
            return db.merge(fresh, load=False)  # the object ``db`` holds for a row, given the carried values
        db.add(fresh)  # detached, clean: persistent as they are (the children by the cascade), no SQL
        return fresh


@dataclass(frozen=True)
class Carried:
    """What a verdict's check read (see the module's docstring), frozen."""

    rounds: tuple[Values, ...]
    envelopes: tuple[tuple[int, tuple[EnvelopeSeen, ...]], ...]
    recusals: tuple[tuple[int, tuple[RecusalSeen, ...]], ...]
    holder_keys: tuple[tuple[int, tuple[bytes, ...]], ...]
    departments: tuple[tuple[int, str], ...]
    session: SessionValues | None = None
    head: Values | None = None  # the log's last entry, the registry's head

    @classmethod
    def of(cls, db: Session, reg: Registry, rows: CheckRows, session: ReviewSession) -> Carried:
        return cls(
            tuple(_values(r) for r in rows.rounds),
            tuple((k, tuple(v)) for k, v in rows.envelopes.items()),
            tuple((k, tuple(v)) for k, v in rows.recusals.items()),
            tuple((k, tuple(v)) for k, v in rows.holder_keys.items()),
            tuple(rows.departments.items()),
            SessionValues.of(db, session),
            _head(db, reg),
        )

    def rows_in(self, db: Session) -> CheckRows:
        """The carried rows for ``db``'s transaction: each round a new ORM object (persistent in ``db``, clean,
        no SQL: ``merge(load=False)`` returns the object ``db`` already holds for that row, else a new one)."""
        rounds = [db.merge(_detached(Round, values), load=False) for values in self.rounds]
        return CheckRows(
            rounds, dict(self.envelopes), dict(self.recusals), dict(self.holder_keys), dict(self.departments)
        )

    def head_in(self, db: Session, reg: Registry) -> AuditEntry | None:
        """The carried head as a new entry object persistent in ``db`` (no SQL), if it is ``reg``'s head."""
        if self.head is None:
            return None
        entry = _detached(AuditEntry, self.head)
        if entry.seq != reg.seq or entry.hash != reg.head:
            return None
        return db.merge(entry, load=False)


def _head(db: Session, reg: Registry) -> Values | None:
    """The log's head as this transaction's catch-up read it (it wrote nothing: the verdict is remembered only
    then), when it is exactly the entry the registry verified last: its seq, its stored hash and the hash of its
    fields all the registry's (app.registry._still_there)."""
    from app import audit

    if reg.broken is not None or reg.seq == 0:
        return None
    entry = audit.head_here(db)
    if entry is None or entry.seq != reg.seq or entry.hash != reg.head:
        return None
    digest = audit.entry_hash(
        entry.seq, entry.ts, entry.actor, entry.action, entry.object, entry.details, entry.prev_hash
    )
    return _values(entry) if digest == reg.head else None


PolicyValues = tuple[tuple[str, Any], ...]


def policy_values(db: Session, reg: Registry) -> PolicyValues | None:
    """The policy in force as ``app.policy.load`` gives it with ``reg`` (its entries read, each checked against the
    registry), frozen; None when it refuses.  Called with the registry at the log's head in this transaction."""
    from app import policy
    from app.errors import Refused

    try:
        pol = policy.load(db, reg)
    except Refused:
        return None  # the caller that needs it reads it again and refuses as it would have
    return tuple((f.name, tuple(v) if isinstance(v := getattr(pol, f.name), list) else v) for f in fields(pol))


def policy_of(values: PolicyValues) -> Policy:
    """A new :class:`app.policy.Policy` from kept values (its lists new)."""
    from app.policy import Policy

    kept: dict[str, Any] = {k: list(v) if isinstance(v, tuple) else v for k, v in values}
    return Policy(**kept)
