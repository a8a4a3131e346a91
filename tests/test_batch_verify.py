"""Issue 16 item 3: the audit log's signatures verified ahead in worker processes catch what the replay caught."""

from __future__ import annotations

from typing import Any

import pytest

from app import audit, auditlog
from app.context import AccountContext
from app.crypto import batch_verify, provider
from tests.test_audit_chain import _parse_ts, _setup, raw


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Use the worker pool even for a short log, in small chunks; count the chunks it verified."""
    monkeypatch.setattr(batch_verify, "MIN_ENTRIES", 5)
    monkeypatch.setattr(batch_verify, "CHUNK", 3)
    monkeypatch.setattr(batch_verify, "workers", lambda: 2)
    chunks: list[int] = []
    real = batch_verify.pipelined

    def counting(source: Any) -> Any:
        for rows in real(source):
            chunks.append(len(rows))
            yield rows

    monkeypatch.setattr(batch_verify, "pipelined", counting)
    return chunks


def test_an_intact_log_verifies_with_the_pool(admin: AccountContext, pooled: list[int]) -> None:
    ctx = _setup(admin)
    report = auditlog.verify_chain(ctx)
    assert report.ok, report
    assert len(pooled) >= 2 and sum(pooled) == report.count
    ctx.close()


def test_the_workers_verify_signatures_the_same_way() -> None:
    c = provider()
    key = c.new_signing_key()
    good = c.sign(key.private, b"x")
    out = batch_verify.verify_chunk([(key.public, good, b"x"), (key.public, good, b"y"), (b"short", good, b"x")])
    from app.crypto.default import verified_key

    assert out == [verified_key(key.public, good, b"x")]


def test_an_edit_with_a_recomputed_hash_is_still_caught(admin: AccountContext, pooled: list[int]) -> None:
    ctx = _setup(admin)
    with raw(ctx) as conn:
        row = conn.execute("SELECT ts, actor, action, object, prev_hash FROM audit_entries WHERE seq=4").fetchone()
        forged = '{"roles":["chair"]}'
        digest = audit.entry_hash(4, _parse_ts(row[0]), row[1], row[2], row[3], forged, row[4])
        conn.execute("UPDATE audit_entries SET details=?, hash=? WHERE seq=4", (forged, digest))
    report = auditlog.verify_chain(ctx)
    assert report.broken_seq == 4 and "signature" in (report.problem or "")
    assert pooled
    ctx.close()


def test_a_swapped_public_key_is_still_caught(admin: AccountContext, pooled: list[int]) -> None:
    ctx = _setup(admin)
    c = provider()
    mine = c.new_signing_key()
    with raw(ctx) as conn:
        ident, ts, actor, action, obj, prev = conn.execute(
            "SELECT identity_id, ts, actor, action, object, prev_hash FROM audit_entries WHERE seq=2"
        ).fetchone()
        conn.execute("UPDATE identities SET sign_public=? WHERE id=?", (mine.public, ident))
        digest = audit.entry_hash(2, _parse_ts(ts), actor, action, obj, '{"roles":["chair"]}', prev)
        sig = c.sign(mine.private, b"huishen-audit/1|" + digest.encode())
        conn.execute(
            "UPDATE audit_entries SET details=?, hash=?, signature=? WHERE seq=2", ('{"roles":["chair"]}', digest, sig)
        )
    report = auditlog.verify_chain(ctx)
    assert not report.ok and report.broken_seq == 1
    ctx.close()
