"""The audit chain against someone who holds the database key but not the other passphrases."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlcipher3

from app import accounts, audit, auditlog
from app.context import AccountContext
from app.crypto import provider
from app.errors import NotPermitted
from tests.conftest import ADMIN, ADMIN_PASS


def _parse_ts(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _setup(admin: AccountContext) -> AccountContext:
    accounts.add_account(admin, "审计员", ["auditor"], None, "auditor-pass")
    accounts.add_account(admin, "张三", ["reviewer"], "一室", "reviewer-pass")
    accounts.add_account(admin, "李四", ["reviewer"], "二室", "reviewer-pass")
    directory = admin.store.directory
    admin.close()
    return accounts.open_account(directory, "审计员", "auditor-pass", record_unlock=True)


@contextmanager
def raw(ctx: AccountContext) -> Iterator[Any]:
    """A raw SQLCipher connection with the database key and no triggers: the attacker's view."""
    ctx.store.engine.dispose()
    conn = sqlcipher3.connect(str(ctx.store.directory / "huishen.db"))
    conn.execute(f"PRAGMA key = \"x'{ctx.store.db_key.hex()}'\"")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    yield conn
    conn.commit()
    conn.close()


def test_chain_verifies_and_lists(admin: AccountContext) -> None:
    ctx = _setup(admin)
    report = auditlog.verify_chain(ctx)
    assert report.ok and report.count == 5
    entries = auditlog.list_entries(ctx)
    assert [e["action"] for e in entries] == [
        "store.init",
        "account.add",
        "account.add",
        "account.add",
        "account.unlock",
    ]
    assert [e["seq"] for e in entries] == [1, 2, 3, 4, 5]
    assert auditlog.list_entries(ctx, actor="审计员")[0]["action"] == "account.unlock"
    assert [e["object"] for e in auditlog.list_entries(ctx, action="account.add", limit=1)] == ["account:李四"]
    ctx.close()


def test_edited_details_are_caught(admin: AccountContext) -> None:
    ctx = _setup(admin)
    with raw(ctx) as conn:
        conn.execute("""UPDATE audit_entries SET details = '{"roles":["administrator"]}' WHERE seq = 3""")
    report = auditlog.verify_chain(ctx)
    assert not report.ok and report.broken_seq == 3 and "altered" in (report.problem or "")
    ctx.close()


def test_edit_with_recomputed_hash_is_caught_by_signature(admin: AccountContext) -> None:
    ctx = _setup(admin)
    with raw(ctx) as conn:
        row = conn.execute("SELECT ts, actor, action, object, prev_hash FROM audit_entries WHERE seq=2").fetchone()
        forged = '{"roles":["chair"]}'
        digest = audit.entry_hash(2, _parse_ts(row[0]), row[1], row[2], row[3], forged, row[4])
        conn.execute("UPDATE audit_entries SET details=?, hash=? WHERE seq=2", (forged, digest))
    report = auditlog.verify_chain(ctx)
    # the hash is consistent again, but the administrator's signature no longer matches it
    assert report.broken_seq == 2 and "signature" in (report.problem or "")
    ctx.close()


def test_removed_middle_entry_is_caught(admin: AccountContext) -> None:
    ctx = _setup(admin)
    with raw(ctx) as conn:
        conn.execute("DELETE FROM audit_entries WHERE seq = 3")
    report = auditlog.verify_chain(ctx)
    assert report.broken_seq == 3 and "missing" in (report.problem or "")
    ctx.close()


def test_renumbered_after_removal_is_caught(admin: AccountContext) -> None:
    ctx = _setup(admin)
    with raw(ctx) as conn:
        conn.execute("DELETE FROM audit_entries WHERE seq = 2")
        conn.execute("UPDATE audit_entries SET seq = seq - 1 WHERE seq > 2")
    report = auditlog.verify_chain(ctx)
    assert report.broken_seq == 2
    ctx.close()


def test_reordered_entries_are_caught(admin: AccountContext) -> None:
    ctx = _setup(admin)
    with raw(ctx) as conn:
        conn.execute("UPDATE audit_entries SET seq = 100 WHERE seq = 2")
        conn.execute("UPDATE audit_entries SET seq = 2 WHERE seq = 3")
        conn.execute("UPDATE audit_entries SET seq = 3 WHERE seq = 100")
    report = auditlog.verify_chain(ctx)
    assert report.broken_seq == 2
    ctx.close()


def test_entry_resigned_with_a_swapped_public_key_is_caught(admin: AccountContext) -> None:
    """The attacker replaces the administrator's public key with their own and re-signs an entry."""
    ctx = _setup(admin)
    c = provider()
    mine = c.new_signing_key()
    with raw(ctx) as conn:
        ident, ts, actor, action, obj, prev = conn.execute(
            "SELECT identity_id, ts, actor, action, object, prev_hash FROM audit_entries WHERE seq=2"
        ).fetchone()
        conn.execute("UPDATE identities SET sign_public=? WHERE id=?", (mine.public, ident))
        when = _parse_ts(ts)
        forged = '{"roles":["chair"]}'
        digest = audit.entry_hash(2, when, actor, action, obj, forged, prev)
        sig = c.sign(mine.private, b"huishen-audit/1|" + digest.encode())
        conn.execute("UPDATE audit_entries SET details=?, hash=?, signature=? WHERE seq=2", (forged, digest, sig))
    report = auditlog.verify_chain(ctx)
    assert not report.ok and report.broken_seq == 1  # entry 1 no longer verifies under the swapped key
    ctx.close()


def test_only_the_auditor_lists_and_nobody_deletes(admin: AccountContext) -> None:
    with pytest.raises(NotPermitted):
        auditlog.list_entries(admin)
    admin.close()
    ctx = accounts.open_account(admin.store.directory, ADMIN, ADMIN_PASS)
    with pytest.raises(NotPermitted):
        auditlog.verify_chain(ctx)
    ctx.close()
