"""Security policies (DESIGN.md §1, security officer): values with defaults, stored in the store."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.context import AccountContext
from app.errors import InvalidInput, Refused
from app.i18n import tr
from app.permissions import Operation
from models import AuditEntry, Setting
from models.base import utcnow

if TYPE_CHECKING:
    from app.registry_model import Registry

DEFAULT_STOCK_PHRASES = [
    "同意",
    "无意见",
    "同意承办部门意见",
    "同意承办部门的意见",
    "没有意见",
    "无异议",
    "同意此意见",
    "同意该意见",
    "原则同意",
    "拟同意",
    "同意上述意见",
    "按规定办理",
    "请领导定夺",
    "请领导审定",
]


@dataclass
class Policy:
    """The policies in force."""

    min_reasoning_chars: int = 30
    stock_phrases: list[str] = field(default_factory=lambda: list(DEFAULT_STOCK_PHRASES))
    similarity_threshold_percent: int = 80
    idle_lock_minutes: int = 5
    # Reveal-key holders besides the chair every session must have; 0 allows chair-only sessions
    # (then marked so on every screen and in the dossier).
    min_custodians: int = 1
    # zxcvbn score (0–4) every new passphrase must reach.
    passphrase_min_score: int = 3
    # The administrator is reminded at sign-in when the last backup is older than this many days.
    backup_reminder_days: int = 7
    # Days before a session's deadline at which it is flagged as due soon (0: no warning).
    deadline_warning_days: int = 3
    # Scrypt cost (log2 of N) of every new or re-wrapped key slot; older, cheaper slots are re-wrapped at
    # their next sign-in (issue 16 item 4).  18 = 2^18, ~1 s and 256 MiB (KeePassXC's convention).
    kdf_cost_log2: int = 18


_LIMITS: dict[str, tuple[int, int]] = {
    "min_reasoning_chars": (1, 2000),
    "similarity_threshold_percent": (50, 100),
    "idle_lock_minutes": (1, 120),
    "min_custodians": (0, 5),
    "passphrase_min_score": (1, 4),
    "backup_reminder_days": (1, 365),
    "deadline_warning_days": (0, 60),
    "kdf_cost_log2": (18, 20),
}


def _valid(key: str, value: Any) -> bool:
    """A value of the right kind and range (a signed entry of the wrong type is ignored, not trusted)."""
    if key == "stock_phrases":
        return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    low, high = _LIMITS.get(key, (0, -1))
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _signed_values(db: Session, until_seq: int | None = None, reg: Registry | None = None) -> dict[str, Any]:
    names = {f.name for f in fields(Policy)}
    table: Any = AuditEntry.__table__
    query = select(table).where(table.c.action == "policy.set")
    if until_seq is not None:
        query = query.where(table.c.seq < until_seq)
    rows = list(db.execute(query.order_by(table.c.seq)))
    if reg is not None:
        _verified(db, reg, rows, until_seq)
    out: dict[str, Any] = {}
    for row in rows:
        key = row.object.partition(":")[2]
        try:
            value = json.loads(row.details)["new"]
        except (ValueError, KeyError, TypeError):
            continue
        if key in names and _valid(key, value):
            out[key] = value
    return out


def _verified(db: Session, reg: Registry, rows: list[Any], until_seq: int | None) -> None:
    """Each policy entry read must be one the account's registry verified, as it verified it, and each one it
    verified (before ``until_seq``) must be read: an insider holding the database key can edit, delete or rename
    a row of the log after the replay at sign-in (the hash chain shows it only at the next replay or ``audit
    verify``), and a stricter policy removed leaves the older one in force.  The registry is first brought to the
    log's head (each new entry checked in full) when the policy now in force is asked for, or when an entry read is
    newer than it: a policy set after sign-in, then removed, breaks the chain there.
    """
    head = audit.head_here(db)  # this transaction's registry catch-up, if any, read the head: none since
    at_head = head is not None and head.seq == reg.seq and head.hash == reg.head
    if (until_seq is None and not at_head) or (rows and rows[-1].seq > reg.seq):
        from app import registry

        try:
            registry.catch_up(db, reg)
        except registry.RegistryBroken as exc:
            raise exc.refusal() from exc
    for row in rows:
        digest = audit.entry_hash(row.seq, row.ts, row.actor, row.action, row.object, row.details, row.prev_hash)
        if reg.policy_hashes.get(row.seq) != bytes.fromhex(digest)[:16]:
            raise _altered(row.seq)
    read = {row.seq for row in rows}
    for seq in sorted(reg.policy_hashes):
        if (until_seq is None or seq < until_seq) and seq not in read:
            raise _altered(seq)


def _altered(seq: int) -> Refused:
    return Refused(
        tr(
            "The security policy set at audit entry {seq} was altered in the database; nothing was done. "
            "Tell the auditor ('huishen audit verify' shows the entry)."
        ).format(seq=seq)
    )


def load(db: Session, reg: Registry | None = None) -> Policy:
    """The policies in force: the newest value the security officer set in the signed log, else the default.

    Not the ``settings`` table, which any account holding the database key can
    rewrite; the log's entries are verified (signature, security-officer role)
    by the registry replay at every unlock and by ``audit verify``; with ``reg`` (the account's registry) each
    entry read is the one that registry verified.
    """
    policy = Policy()
    for key, value in _signed_values(db, reg=reg).items():
        setattr(policy, key, value)
    return policy


def value_at(db: Session, key: str, seq: int, reg: Registry | None = None) -> Any:
    """The value of policy ``key`` in force just before audit entry ``seq`` (what a signed act was held to)."""
    values = _signed_values(db, seq, reg)
    return values.get(key, getattr(Policy(), key))


def current(ctx: AccountContext) -> Policy:
    """The policies in force (anyone may read them)."""
    with ctx.store.transaction() as db:
        return load(db, ctx.registry)


def set_value(ctx: AccountContext, key: str, value: Any) -> Policy:
    """Change one policy (security officer only); recorded in the audit log."""
    ctx.require(Operation.POLICY_SET)
    names = {f.name for f in fields(Policy)}
    if key not in names:
        raise InvalidInput(
            tr("Unknown policy '{key}'. Policies: {names}.").format(key=key, names=", ".join(sorted(names)))
        )
    if key == "stock_phrases":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise InvalidInput(tr("The stock-phrase list must be a list of non-empty texts."))
        value = [v.strip() for v in value]
    else:
        low, high = _LIMITS[key]
        if not isinstance(value, int) or not low <= value <= high:
            raise InvalidInput(
                tr("{key} must be a whole number from {low} to {high}.").format(key=key, low=low, high=high)
            )
    with ctx.store.transaction() as db:
        old = asdict(load(db, ctx.registry))[key]
        row = db.get(Setting, key)
        if row is None:
            db.add(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
        else:
            row.value = json.dumps(value, ensure_ascii=False)
            row.updated_at = utcnow()
        audit.append(db, ctx.actor, "policy.set", f"policy:{key}", {"old": old, "new": value})
        return load(db, ctx.registry)
