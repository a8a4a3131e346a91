"""Issue 16, the seal after the board was shown: how many statements it issues (an upper bound, counted, never
timed), the log head taken from the registry's catch-up, and every account read only for a named substitute."""

from __future__ import annotations

import json
from typing import Any

from app import audit, registry
from app.sessions import views
from models import AuditEntry
from tests.cast import Cast
from tests.sql_count import record

# The reads the facts check's carried rows stand for (a seal that bypassed the remembered verdict issues them).
CARRIED = ("SELECT rounds.", "SELECT envelopes.", "SELECT recusals.", "SELECT holder_keys.", "SELECT departments.")


def _head_reads(seen: list[str]) -> int:
    return sum(s.startswith("SELECT audit_entries.seq, audit_entries.ts") and "DESC" in s for s in seen)


def test_a_seal_after_the_board_issues_no_more_statements_than_it_needs(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    views.board(cast("乙"), sid)  # the board's facts check is remembered: the seal's is not run again
    seen = record(cast("乙"))
    assert not cast.seal(sid, "乙")["session_sealed"]
    # 17 before issue 16's seal work: the log head is no longer read a second time; 16 before the rows the board's
    # check read were carried with its verdict (app/facts_cache.py): rounds, envelopes, recusals, department,
    # holder keys are not read again; 11 before the cache's test came first and the session (with its items,
    # participants, custodians), the log's head and the policy in force were carried too (app/facts_carried.py):
    # the test's PRAGMA data_version, then the four writes
    assert len(seen) <= 5, "\n".join(seen)
    assert seen[0] == "PRAGMA data_version" and not [s for s in seen if s.startswith("SELECT")], "\n".join(seen)
    assert _head_reads(seen) == 0
    assert not [s for s in seen if s.startswith(CARRIED)], "\n".join(seen)
    views.board(cast("丙"), sid)
    seen = record(cast("丙"))
    assert cast.seal(sid, "丙")["session_sealed"]  # the last department: the round closes
    # 21 before: the head read and every account (only a named substitute's id is wanted) are gone; 19 before the
    # carried rows; 14 before the carried session, head and policy (the close: two updates and an append more)
    assert len(seen) <= 8, "\n".join(seen)
    assert not [s for s in seen if s.startswith("SELECT")], "\n".join(seen)
    assert _head_reads(seen) == 0
    assert not [s for s in seen if s.startswith(CARRIED)], "\n".join(seen)
    assert not any(s.startswith("SELECT accounts.name, accounts.id FROM accounts") for s in seen)
    with cast("主持人").store.transaction() as db:
        assert audit.verify(db).ok
        actions = [a for (a,) in db.query(AuditEntry.action).order_by(AuditEntry.seq.desc()).limit(3)]
        assert actions == ["session.sealed", "opinion.seal", "opinion.seal"]


def test_the_catch_up_gives_the_head_to_the_next_append_of_its_transaction_only(cast: Cast) -> None:
    ctx = cast("主持人")
    cast("甲")  # an entry (its sign-in) appended after the chair's registry was made
    seen = record(ctx)
    with ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
        head = db.query(AuditEntry).order_by(AuditEntry.seq.desc()).first()
        assert head is not None and head.seq == ctx.registry.seq
        seen.clear()
        entry = audit.append(db, ctx.actor, "test.one", "test:1")
        assert entry.seq == head.seq + 1 and entry.prev_hash == head.hash
        assert _head_reads(seen) == 0
    with ctx.store.transaction() as db:  # a new transaction: the head is read, not taken from the last one
        seen.clear()
        entry2 = audit.append(db, ctx.actor, "test.two", "test:1")
        assert entry2.seq == entry.seq + 1 and entry2.prev_hash == entry.hash
        assert _head_reads(seen) == 1


def test_a_catch_up_inside_a_savepoint_notes_no_head(cast: Cast) -> None:
    ctx = cast("主持人")
    with ctx.store.transaction() as db:
        nested = db.begin_nested()
        registry.catch_up(db, ctx.registry)
        nested.commit()
        assert audit._appended_here(db) is None  # its rollback could have taken the head away
        registry.catch_up(db, ctx.registry)
        noted = audit._appended_here(db)
        assert noted is not None and noted.seq == ctx.registry.seq and noted.hash == ctx.registry.head


def _old_padded_payload(document: Any, salt: bytes) -> bytes:
    """The payload as it was made before (the document serialized twice inside the whole)."""
    from app.canonical import canonical_json
    from app.sealing import PAD_BUCKET

    bare = canonical_json({"document": document, "pad": "", "salt": salt.hex()})
    missing = -len(bare) % PAD_BUCKET
    return canonical_json({"document": document, "pad": "0" * missing, "salt": salt.hex()})


def test_the_payload_written_around_the_document_is_byte_for_byte_the_canonical_one() -> None:
    import os
    import random

    from app import sealing
    from app.canonical import canonical_json

    rng = random.Random(16)
    alphabet = ['"', "\\", "\n", "\u2028", "\x00", "é", "意", "见", "a", "}", ",", ":", "😀", " "]

    def value(depth: int) -> Any:
        kind = rng.randrange(7 if depth < 3 else 4)
        if kind == 0:
            return "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        if kind == 1:
            return rng.randrange(-(10**20), 10**20)
        if kind == 2:
            return rng.choice([True, False, None])
        if kind == 3:
            return "意见" * rng.randrange(600)  # around the bucket size
        if kind == 4:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        return {"".join(rng.choice(alphabet) for _ in range(3)): value(depth + 1) for _ in range(rng.randrange(5))}

    for _ in range(300):
        document = {"opinion": value(0), "session": rng.randrange(100), "z": value(1), "A": value(1)}
        salt = os.urandom(16)
        payload = sealing.padded_payload(document, salt)
        assert payload == _old_padded_payload(document, salt)
        assert sealing._padded(canonical_json(document), salt) == payload
        assert len(payload) % sealing.PAD_BUCKET == 0


def test_a_sealed_document_opens_to_itself_with_its_commitment() -> None:
    from app import sealing
    from app.crypto import provider

    crypto = provider()
    chair, author, signer = crypto.new_encryption_key(), crypto.new_encryption_key(), crypto.new_signing_key()
    header = {"store": "s", "session": 1, "round": 1, "participant": 2, "author": "甲"}
    document = {"opinion": {"reasoning": "经认真审阅，" * 40}, "session": 1}
    sealed = sealing.seal(header, document, [chair.public], signer.private, author.public)
    copy = sealing.open_author_copy(sealed.header, sealed.author_copy, author.private)
    assert copy == document
    payload = crypto.open(chair.private, sealed.ciphertext, sealing._layer_info(sealing.info_for(header), 0))
    salt = bytes.fromhex(json.loads(payload)["salt"])
    assert sealing.commitment_of(salt, document) == sealed.commitment
    assert payload == _old_padded_payload(document, salt)


def test_real_text_keeps_exactly_the_letters_and_numbers_of_every_code_point() -> None:
    import sys
    import unicodedata

    from app import opinion_form

    def scan(text: str) -> str:  # the per-character filter real_text was
        return "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch)[0] in "LN")

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for start in range(0, len(every), 4096):  # every code point, in chunks (NFKC may compose across neighbours)
        chunk = every[start : start + 4096]
        assert opinion_form.real_text(chunk) == scan(chunk)
    samples = ["", "同意。", "ｆｕｌｌ－ｗｉｄｔｈ１２３", "e\u0301 ﬁ ² ½ Ⅻ ㊿", "无意见！！\n\t", "意见" * 500]
    for text in samples:
        assert opinion_form.real_text(text) == scan(text)
    full = opinion_form._Kept()
    full.LIMIT = 2  # a full table still classifies (without remembering)
    assert "a,b c".translate(full) == "abc" and len(full) == 2
