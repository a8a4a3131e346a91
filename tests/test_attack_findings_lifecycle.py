"""Findings of an insider attack review (database key + ONE account's own passphrase): the signed lifecycle: who
may close, reveal, decide, re-anchor; columns no signature covers.

Each test plays the attacker: one account, its own program (which it may modify,
monkeypatched here), the database key from its own slot (``raw_db``).  Each test
asserts what the design claims — that the product refuses the attack or that
``audit verify`` reports it — and so FAILS while the finding stands.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app import auditlog, keyslots
from app.errors import Refused
from app.sessions import chair, lifecycle
from app.sessions.common import require_round
from models import Envelope, ReviewSession
from tests.attack_support import (
    chair_position_and_decide,
    db_key_of,
    decided_session,
    verify_as,
)
from tests.cast import ALL_ACCOUNTS, Cast, raw_db, strip_to_legacy

# --- Finding 4: any account may sign 'session.sealed' for any session, at any time -------------


def test_f4_auditor_closes_a_round_early_and_suppresses_the_remaining_opinions(cast: Cast) -> None:
    """Attacker: the auditor (a 三员 account with no part in the session; any active account works).
    'session.sealed' is accepted from any active account (registry_replay._ANY_ACTIVE) and app.facts moves
    the signed status to 'sealed' without checking the actor's part in the session or that every
    participant had answered.  With one signed entry and one UPDATE the round closes after 甲 alone:
    乙 and 丙 can no longer seal, the chair reveals one opinion without quorum or a written reason
    (close_early's rules), and audit verify reports nothing."""
    from app import audit
    from models import ReviewSession as RS

    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    attacker = cast("审计员")
    with attacker.store.transaction() as db:
        audit.append(db, attacker.actor, "session.sealed", f"session:{sid}", {"round": 1})
        db.get_one(RS, sid).status = "sealed"
    with pytest.raises(Refused):
        cast.seal(sid, "乙")  # refused: the session's status no longer matches its signed log
    with pytest.raises(Refused):  # nor is anything revealed
        cast.reveal(sid)
    report = verify_as(cast)
    assert not report.ok, "a round closed by the auditor after one of three opinions verifies cleanly"
    assert any("ignored" in p for p in report.problems)


# --- Finding 5: the chair's signed lifecycle entries are not checked for what they claim ---------


def test_f5_chair_alone_reveals_by_rejecting_every_genuine_envelope_then_decides(cast: Cast) -> None:
    """Attacker: the chair, without any custodian.  Its program signs a 'session.reveal' entry that
    lists every genuine envelope as rejected (with a made-up problem) and writes invalid revealed rows.
    app.facts settles rejected envelopes without checking that they were flagged, nor that each
    custodian signed a reveal.release for the round: the chair then states its position and decides
    alone, every department's opinion suppressed, and audit verify reports nothing."""
    from app import audit
    from models import RevealedOpinion

    sid = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    chair_ctx = cast("主持人")
    with chair_ctx.store.transaction() as db:
        session = db.get_one(ReviewSession, sid)
        rnd = require_round(db, session)
        rejected = []
        for env in db.scalars(select(Envelope).where(Envelope.round_id == rnd.id)):
            rejected.append(
                {"envelope": env.id, "participant": env.participant_id, "problem": "signature does not verify"}
            )
            db.add(RevealedOpinion(envelope_id=env.id, valid=False, problem="signature does not verify"))
        from models.base import utcnow

        rnd.revealed_at = utcnow()
        session.status = "revealed"
        audit.append(
            db,
            chair_ctx.actor,
            "session.reveal",
            f"session:{sid}",
            {"round": 1, "opened": 0, "rejected": rejected, "holders": ["主持人", "监督员"], "revealed": {}},
        )
    with pytest.raises(Refused, match="without the release"):
        chair_position_and_decide(cast, sid)
    report = verify_as(cast)
    assert not report.ok, (
        "the chair alone 'revealed' by rejecting all three genuine opinions and decided; verify is clean"
    )


def test_f5b_chair_decides_before_the_reveal_without_stating_a_position(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: the chair.  Its program skips decide()'s checks (status REVEALED, chair's position
    first — 末位表态).  app.facts checks the decision's digest and signature, not the point at which it
    was made: a decision recorded while the round is still collecting verifies, and the session is
    'decided' for the clerk to archive."""
    from types import SimpleNamespace

    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True):
        pass  # the insider drops the status-order trigger
    monkeypatch.setattr(chair, "require_status", lambda *a: None)
    monkeypatch.setattr(chair, "round_state", lambda db, rnd: SimpleNamespace(chair_envelope=object()))
    # ... and the decision's tie to the tally (no tally exists yet: nothing is revealed)
    monkeypatch.setattr(chair.decision_basis, "round_tally", lambda *a: {"items": []})
    chair.decide(cast("主持人"), sid, "经会审，对该线索予以了结处理。")
    monkeypatch.undo()
    report = verify_as(cast)
    assert not report.ok, "a decision made while collecting, before any reveal or chair position, verifies cleanly"


# --- Finding 7: 'store.reanchor' may be signed by anyone, any time; the newest one wins ----------


def _make_legacy(cast: Cast) -> int:
    """A decided session of a store from before signed facts, re-anchored at the next unlock
    (the set-up of test_insider_integrity.test_older_store_sessions_are_reanchored_then_checked)."""
    sid = decided_session(cast)
    strip_to_legacy(cast)
    for name in ALL_ACCOUNTS:
        cast(name)  # every account signs in once after the upgrade: anchors pinned, sessions re-anchored
    assert auditlog.verify_chain(cast("审计员")).ok
    cast.close()
    return sid


def test_f7_any_account_rebases_a_reanchored_session_and_rewrites_its_decision(legacy_cast: Cast) -> None:
    """Attacker: reviewer 丙 (any account; 'store.*' entries need no role).  After the one legitimate
    re-anchor, 丙 rewrites the decision row and signs a second 'store.reanchor' for the session with
    the digests of the rows as they now are; app.facts uses the newest re-anchor, so the forged
    decision is shown to every reader and audit verify is clean."""
    cast = legacy_cast
    from app import audit, reanchor
    from app.sessions import views
    from models import Decision

    sid = _make_legacy(cast)
    forged = "经会审，对该线索予以了结，不再处理。"
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True) as conn:
        conn.execute("UPDATE decisions SET text=?, sealed_text=NULL WHERE session_id=?", (forged, sid))
    cast.close()
    attacker = cast("丙")
    with attacker.store.transaction() as db:
        session = db.get_one(ReviewSession, sid)
        from app import facts

        entries = facts.session_entries(db, sid)
        details = {"facts": reanchor._facts(db, attacker, session, entries), "reason": "routine"}
        audit.append(db, attacker.actor, "store.reanchor", f"session:{sid}", details)
        assert db.scalars(select(Decision)).first() is not None
    cast.close()
    with pytest.raises(Refused):  # the first re-anchoring stands; the rewritten decision is refused
        views.show(cast("记录员"), sid)
    report = verify_as(cast)
    assert not report.ok
    assert any("re-anchored earlier" in p for p in report.problems)


# --- Finding 8: a decision is checked against the chair's *current* key only --------------------


def test_f8_administrator_reissues_the_chairs_slot_and_every_decided_session_reads_as_tampered(cast: Cast) -> None:
    """Attacker: the administrator, with its ordinary right to reset a forgotten passphrase.  app.facts
    checks a decision's signature with reg.key_of(chair) — the chair's newest key — not the keys the
    chair held when it decided (envelopes and recusals use signed_by / keys_ever_of).  After one
    'account.reissue' of the chair, every intact decided session is refused as altered for every
    reader and audit verify reports a forgery that did not happen."""
    from app import accounts
    from app.sessions import views

    sid = decided_session(cast)
    accounts.reissue_slot(cast("管理员"), "主持人", "a-new-and-long-passphrase-for-the-chair-77")
    cast.close()
    views.show(cast("记录员"), sid)  # raises Tampered today
    assert verify_as(cast).ok


# --- Finding 9: a revealed opinion's 'valid' flag is not covered ----------------------------------


def test_f9_any_insider_marks_a_revealed_opinion_invalid_and_it_drops_out_of_the_tally(cast: Cast) -> None:
    """Attacker: any account with the database key (a 三员 account will do).  app.facts skips revealed
    rows whose 'valid' is false, and nothing compares the set of valid rows with the 'revealed' digests
    the chair signed at reveal: one UPDATE removes 丙's dissent from the tally and the dossier, and
    audit verify is clean."""
    from app.sessions import views

    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    cast.seal(sid, "丙", position="暂存待查")
    cast.reveal(sid)
    before = views.tally(cast("记录员"), sid)
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True) as conn:
        conn.execute(
            "UPDATE revealed_opinions SET valid=0, problem='signature does not verify' WHERE envelope_id="
            "(SELECT e.id FROM envelopes e JOIN accounts a ON a.id=e.author_id WHERE a.name='丙')"
        )
    cast.close()
    try:
        after = views.tally(cast("记录员"), sid)
    except Refused:
        return
    report = verify_as(cast)
    assert report.ok is False, (
        f"丙's opinion silently dropped: tally before {json.dumps(before['items'], ensure_ascii=False)[:300]} "
        f"after {json.dumps(after['items'], ensure_ascii=False)[:300]}; verify clean"
    )


# --- Finding 10: columns shown to readers (and printed in the dossier) that no signed fact covers ----


@pytest.mark.parametrize(
    "sql",
    [
        # the time each department sealed (seal board, dossier '密封时间'): not in envelope_fact
        "UPDATE envelopes SET sealed_at='2020-01-01T00:00:00.000000Z' WHERE id=(SELECT min(id) FROM envelopes)",
        # a 'closed early' reason planted on a round every department answered (checked only after session.close)
        "UPDATE rounds SET close_reason='主持人提前结束：部门未按时表态'",
        # why the round was opened (a second round's reason is signed in session.round, never compared)
        "UPDATE rounds SET opened_reason='重新表决的理由被改写'",
    ],
    ids=["envelope-sealed-at", "planted-close-reason", "opened-reason"],
)
def test_f10_uncovered_columns_change_what_readers_see_and_verify_stays_clean(cast: Cast, sql: str) -> None:
    """Attacker: any account with the database key.  Each UPDATE changes what the session view and the
    dossier show; audit verify reports nothing."""
    from app.sessions import views

    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    before = (views.show(cast("记录员"), sid), views.board(cast("记录员"), sid))
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True) as conn:
        conn.execute(sql)
    cast.close()
    try:
        after = (views.show(cast("记录员"), sid), views.board(cast("记录员"), sid))
    except Refused:
        return
    assert before != after
    assert not verify_as(cast).ok, "a shown fact changed in the database; verify is clean"


# --- Finding 11: anchors can be stripped from keyslots.json; every account then trusts on first use --


def test_f11_chair_strips_every_anchor_cuts_its_decision_from_the_log_and_decides_again(cast: Cast) -> None:
    """Attacker: the chair.  The anchor is an optional, separate field of each slot (not inside the
    passphrase-wrapped payload): deleting it makes the next unlock treat the store as one from before
    anchors and pin whatever log it finds.  The chair cuts the log back before its own decision,
    deletes the decision row, strips every anchor, and decides again with another text.  The auditor,
    whose anchor had seen the first decision, gets no warning and audit verify is clean."""
    from app import accounts
    from app.sessions import views

    sid = decided_session(cast)
    first = views.show(cast("记录员"), sid)["decision"]["text"]
    auditor = cast("审计员")
    accounts.remember_head(auditor)  # the auditor's anchor now covers the first decision
    cast.close()
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True) as conn:
        (decide_seq,) = conn.execute("SELECT seq FROM audit_entries WHERE action='session.decide'").fetchone()
        conn.execute("DELETE FROM audit_entries WHERE seq >= ?", (decide_seq,))
        conn.execute("DELETE FROM decisions")
        conn.execute("UPDATE review_sessions SET status='revealed'")
    slots = keyslots.load(cast.directory)
    for name in slots.slots:
        slots.set_anchor(name, None)
    keyslots.save(cast.directory, slots)
    chair.decide(cast("主持人"), sid, "经会审，对该线索予以了结，不再处理。")
    cast.close()
    auditor = cast("审计员")
    second = views.show(cast("记录员"), sid)["decision"]["text"]
    report = auditlog.verify_chain(auditor)
    assert auditor.warnings or not report.ok, (
        f"decision {first!r} silently replaced by {second!r}: no warning at the auditor's unlock, verify clean"
    )


def test_f10b_clearing_revealed_at_silently_drops_a_revealed_round_from_the_statistics(cast: Cast) -> None:
    """Attacker: any account with the database key.  rounds.revealed_at is covered by no signed fact, yet
    views.revealed_rounds() and _revealed_round() select on it: set to NULL, a revealed session vanishes
    from the per-department statistics (dissent, on-time rates) without a refusal, and verify is clean."""
    from app import statistics

    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙", position="暂存待查")
    cast.reveal(sid)
    before = statistics.per_department(cast("记录员"))
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True) as conn:
        conn.execute("UPDATE rounds SET revealed_at=NULL")
    cast.close()
    try:
        after = statistics.per_department(cast("记录员"))
    except Refused:
        return
    assert after == before, f"a revealed session silently dropped from the statistics: before {before} after {after}"
    assert not verify_as(cast).ok


# --- Finding 12: one signed entry by an account with no part in a session blocks it for good -----


def test_f12_a_reviewer_of_no_part_blocks_a_session_forever_with_one_signed_entry(cast: Cast) -> None:
    """Attacker: reviewer 丁, who is not in the session.  The registry accepts an 'opinion.seal' entry
    from any reviewer for any session; app.facts then marks the session as altered ('seals for a
    department not in the session'), so every service refuses it for every account — and the entry,
    validly signed in the hash chain, can never be removed.  The two real reviewers cannot seal."""
    from app import audit

    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    attacker = cast("丁")
    with attacker.store.transaction() as db:
        audit.append(db, attacker.actor, "opinion.seal", f"session:{sid}", {"round": 1, "department": "审理室"})
    cast.close()
    cast.seal(sid, "乙")  # refused today: Tampered


def test_f5c_chair_discards_a_collecting_round_by_opening_the_next_one(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: the chair.  Its program skips new_round()'s status check (REVEALED only): a
    'session.round' entry while round 1 is still collecting abandons the opinions already sealed in it —
    never revealed, never in a tally — and app.facts accepts the move."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙", position="暂存待查")
    monkeypatch.setattr(lifecycle, "require_status", lambda *a: None)
    lifecycle.new_round(cast("主持人"), sid, "重新表决，请各部门重新表态。")
    monkeypatch.undo()
    report = verify_as(cast)
    assert not report.ok, "round 1 (two sealed opinions) abandoned unrevealed by a second round; verify clean"
