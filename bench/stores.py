"""Generated stores of realistic shape for the benchmarks (fast KDF; built once per run in a temporary folder).

- ``session_store``: N sessions with three participants, one custodian, a round each, one sealed envelope of real
  size (5.9 KB) in most, a recusal in some; inserted raw (creating them through the services would take hours).
- ``wide_cast``: a store whose accounts go through the real services: a chair, a custodian, a clerk, the
  security officer with a CA, and ``n`` reviewers in ``n`` departments.
- ``pad_audit_log``: ``n`` more entries, each signed by the clerk's key and chained, as sign-ins would write them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from app import accounts, clearance, grants
from app.context import AccountContext
from app.sessions import holder_keys

PASS = "bench-pass-2026"
T0 = "2026-01-01T00:00:00.000000Z"
ENVELOPE_BYTES = 5_900


def raw(directory: Path, key: bytes):  # type: ignore[no-untyped-def]
    import sqlcipher3

    conn = sqlcipher3.connect(str(directory / "huishen.db"))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def wide_cast(directory: Path, n: int) -> None:
    """A store with ``n`` reviewer departments and the people a session needs (every account authorised)."""
    admin = accounts.init_store(directory, "管理员", PASS)
    people = {"主持人": ["chair"], "监督员": ["custodian"], "记录员": ["clerk"], "保密员": ["security_officer"]}
    for name, roles in people.items():
        accounts.add_account(admin, name, roles, None, PASS)
    reviewers = [f"审查员{i:02d}" for i in range(n)]
    for i, name in enumerate(reviewers):
        accounts.add_account(admin, name, ["reviewer"], f"第{i + 1:02d}室", PASS)
    admin.close()
    names = ["主持人", "监督员", "记录员", *reviewers]
    for name in names:
        ctx = accounts.open_account(directory, name, PASS)
        accounts.change_passphrase(ctx, PASS)
        ctx.close()
    officer = accounts.open_account(directory, "保密员", PASS)
    for name in names:
        grants.authorise(officer, name)
        # Need to know (issue 14): an account reads only sessions at or below its clearance; the benchmark
        # sessions are 秘密, so an uncleared account would list none of them.
        clearance.set_clearance(officer, name, "机密")
    from app import certs

    certs.init_ca(officer, "基准测试机关")
    from app import cert_requests

    clerk = accounts.open_account(directory, "记录员", PASS)
    cert_requests.request(clerk)  # the clerk's own key, certified by the security officer
    clerk.close()
    cert_requests.issue(officer, "记录员")
    officer.close()
    custodian = accounts.open_account(directory, "监督员", PASS)
    holder_keys.issue_batch(custodian, 20)
    custodian.close()


def session_store(directory: Path, n: int) -> bytes:
    """``n`` sessions of realistic shape in a fresh store; returns the database key."""
    wide_cast(directory, 3)
    ctx = accounts.open_account(directory, "主持人", PASS)
    key = ctx.store.db_key
    ctx.close()
    conn = raw(directory, key)
    ids = dict(conn.execute("SELECT name, id FROM accounts").fetchall())
    depts = [d for (d,) in conn.execute("SELECT id FROM departments ORDER BY id")]
    reviewers = [r for (r,) in conn.execute("SELECT id FROM accounts WHERE department_id IS NOT NULL ORDER BY id")]
    blob = os.urandom(ENVELOPE_BYTES)
    statuses = ("draft", "collecting", "collecting", "sealed", "revealed", "decided", "archived")
    for i in range(n):
        status = statuses[i % len(statuses)]
        cur = conn.execute(
            "INSERT INTO review_sessions (ref_number, title, kind, classification, classification_term, status,"
            " rule, chair_counts, options, chair_id, deadline, created_at) VALUES (?, ?, 'clue_disposal', '秘密',"
            " '1年', ?, 'majority-of-expected', 1, ?, ?, ?, ?)",
            (
                f"B-{i:06d}",
                f"关于第{i}号问题线索的处置意见（基准）",
                status,
                json.dumps({"options": ["初步核实", "谈话函询", "暂存待查", "予以了结"]}, ensure_ascii=False),
                ids["主持人"],
                "2026-02-01T00:00:00.000000Z" if i % 3 else None,
                T0,
            ),
        )
        sid = cur.lastrowid
        conn.execute("INSERT INTO session_items (session_id, number, text) VALUES (?, 1, '处置方式')", (sid,))
        parts = []
        for dept, reviewer in zip(depts, reviewers, strict=False):
            p = conn.execute(
                "INSERT INTO participants (session_id, department_id, reviewer_id) VALUES (?, ?, ?)",
                (sid, dept, reviewer),
            )
            parts.append((p.lastrowid, reviewer))
        conn.execute("INSERT INTO custodians (session_id, account_id) VALUES (?, ?)", (sid, ids["监督员"]))
        if status == "draft":
            continue
        rnd = conn.execute(
            "INSERT INTO rounds (session_id, number, reveal_public, opened_at, opened_reason) VALUES (?, 1, ?, ?, '')",
            (sid, os.urandom(1216), T0),
        ).lastrowid
        pid, author = parts[0]
        conn.execute(
            "INSERT INTO envelopes (round_id, participant_id, author_id, is_chair, sealed_at, header, ciphertext,"
            " commitment, signature, signer_identity_id, author_copy) VALUES (?, ?, ?, 0, ?, '{}', ?, ?, ?, 1, ?)",
            (rnd, pid, author, T0, blob, os.urandom(32).hex(), os.urandom(64), blob[:1200]),
        )
        if i % 5 == 0:
            pid, _ = parts[1]
            conn.execute(
                "INSERT INTO recusals (round_id, participant_id, has_conflict, statement, declared_at, signature)"
                " VALUES (?, ?, 1, '', ?, ?)",
                (rnd, pid, T0, os.urandom(64)),
            )
    conn.commit()
    conn.close()
    return key


def pad_audit_log(ctx: AccountContext, n: int, sessions: bool = False) -> None:
    """``n`` more signed, chained entries, written raw in one transaction: sign-ins of ``ctx``'s account, or
    (``sessions``, ``ctx`` a chair) the creation and opening of n/2 other sessions, with holder keys and a quorum
    as the program writes them (the sessions' rows are not made: their entries only make the log long)."""
    from app import audit
    from app.canonical import canonical_json
    from app.crypto import provider
    from models.base import UTCDateTime

    stamp = UTCDateTime()
    conn = raw(ctx.store.directory, ctx.store.db_key)
    seq, prev, last_ts = conn.execute("SELECT seq, hash, ts FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
    ts = stamp.process_result_value(last_ts, None)
    assert ts is not None
    sign = provider().sign
    for i in range(n):
        seq += 1
        action, obj, fields = "account.unlock", f"account:{ctx.name}", {}
        if sessions:
            obj = f"session:{1_000_000 + i // 2}"
            if i % 2 == 0:
                action, fields = "session.create", {"title": f"关于第{i}号问题线索的处置", "quorum": None}
            else:
                holders = [[ctx.name, os.urandom(32).hex()], ["监督员", os.urandom(32).hex()]]
                action, fields = "session.open", {"round": 1, "holder_keys": holders}
        details = canonical_json(fields).decode()
        digest = audit.entry_hash(seq, ts, ctx.name, action, obj, details, prev)
        signature = sign(ctx.actor.sign_private, audit.signed_bytes(digest))
        conn.execute(
            "INSERT INTO audit_entries (seq, ts, actor, action, object, details, prev_hash, hash, signature,"
            " identity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, last_ts, ctx.name, action, obj, details, prev, digest, signature, ctx.actor.identity_id),
        )
        prev = digest
    conn.commit()
    conn.close()
