"""Issue 16: a dossier verifies the chain from the account's checkpoint (its anchored head), not from entry 1 —
and an insider's change to the log or to the session is still caught."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app import audit, registry
from app.dossier import chain
from app.sessions.common import load
from models import AuditEntry
from tests.cast import Cast, raw_db


def _session(cast: Cast) -> int:
    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    return sid


def _holds(cast: Cast, sid: int, name: str = "记录员") -> bool:
    ctx = cast(name)
    with ctx.store.transaction() as db:
        session = load(db, sid)
        entries = list(
            db.scalars(select(AuditEntry).where(AuditEntry.object == f"session:{sid}").order_by(AuditEntry.seq))
        )
        return chain.holds(db, ctx, session, entries)


def test_an_honest_session_holds_without_replaying_the_whole_log(cast: Cast, monkeypatch: Any) -> None:
    sid = _session(cast)
    cast("记录员")  # signed in (the registry verified from the anchor) before the rest happens
    other = cast.open(n=2, ref="OTHER")
    cast.seal(other, "甲")

    def whole(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("the whole log was verified again")

    monkeypatch.setattr(audit, "verify", whole)
    monkeypatch.setattr(registry, "replay", whole)
    assert _holds(cast, sid)


@pytest.mark.parametrize("rehash", [False, True])
def test_an_old_entry_of_the_session_changed_after_sign_in_is_caught(cast: Cast, rehash: bool) -> None:
    sid = _session(cast)
    clerk = cast("记录员")
    assert _holds(cast, sid)
    with raw_db(cast.directory, clerk.store.db_key, drop_triggers=True) as conn:
        seq, ts, actor, action, obj, prev = conn.execute(
            "SELECT seq, ts, actor, action, object, prev_hash FROM audit_entries WHERE object=? AND action='session.open'",
            (f"session:{sid}",),
        ).fetchone()
        details = '{"reason":"改过","round":1}'
        conn.execute("UPDATE audit_entries SET details=? WHERE seq=?", (details, seq))
        if rehash:  # the insider recomputes the hash, but cannot sign it
            from models.base import UTCDateTime

            t = UTCDateTime().process_result_value(ts, None)
            digest = audit.entry_hash(seq, t, actor, action, obj, details, prev)  # type: ignore[arg-type]
            conn.execute("UPDATE audit_entries SET hash=? WHERE seq=?", (digest, seq))
    assert not _holds(cast, sid)


def test_a_forged_entry_after_sign_in_is_caught(cast: Cast) -> None:
    sid = _session(cast)
    clerk = cast("记录员")
    assert _holds(cast, sid)
    with raw_db(cast.directory, clerk.store.db_key) as conn:
        seq, head, ident = conn.execute(
            "SELECT seq, hash, identity_id FROM audit_entries ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        from app.audit import entry_hash
        from models.base import utcnow

        now = utcnow()
        digest = entry_hash(seq + 1, now, "记录员", "account.unlock", "account:记录员", "{}", head)
        from models.base import UTCDateTime

        conn.execute(
            "INSERT INTO audit_entries (seq, ts, actor, action, object, details, prev_hash, hash, signature,"
            " identity_id) VALUES (?, ?, '记录员', 'account.unlock', 'account:记录员', '{}', ?, ?, ?, ?)",
            (seq + 1, UTCDateTime().process_bind_param(now, None), head, digest, b"\0" * 64, ident),
        )
    assert not _holds(cast, sid)


def test_entry_holds_names_a_removed_predecessor(cast: Cast) -> None:
    sid = _session(cast)
    clerk = cast("记录员")
    with clerk.store.transaction() as db:
        entries = list(db.scalars(select(AuditEntry).where(AuditEntry.object == f"session:{sid}")))
        assert all(chain.entry_holds(db, clerk.registry, e) for e in entries)
    last = entries[-1].seq
    with raw_db(cast.directory, clerk.store.db_key, drop_triggers=True) as conn:
        conn.execute("UPDATE audit_entries SET hash=? WHERE seq=?", ("0" * 64, last - 1))
    with clerk.store.transaction() as db:
        entry = db.get(AuditEntry, last)
        assert entry is not None and not chain.entry_holds(db, clerk.registry, entry)
