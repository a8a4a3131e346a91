"""Fresh-eye insider review of the deputy chair, key revocation at recusal, quorum, dossier verify, the facts
cache, parallel audit verify and the KDF upgrade (review 3).  The attacker holds the database key and their own
account's signing key; each test asserts the product refuses or reports the attack and that nothing changed."""

from __future__ import annotations

from typing import Any

import pytest

from app import accounts, audit, facts
from app.errors import NotPermitted
from app.sessions import deputy, recusal_decisions, views
from models import ReviewSession
from tests.cast import PASS, Cast, grant, raw_db

STATEMENT = "本人与被反映人系近亲属关系，依规申请回避。"


@pytest.fixture
def deputies(cast: Cast) -> Cast:
    for name, roles in (("副主持", ["chair"]), ("另一监督", ["custodian"])):
        accounts.add_account(cast("管理员"), name, roles, None, PASS)
    grant(cast.directory, ["副主持", "另一监督"])
    return cast


def _check(cast: Cast, sid: int) -> facts.SessionCheck:
    auditor = cast("审计员")
    with auditor.store.transaction() as db:
        return facts.inspect(db, auditor.registry, db.get_one(ReviewSession, sid), auditor.store.slots.store_id)


def _chair_copies(cast: Cast, sid: int) -> int:
    key = cast("管理员").store.db_key
    chair_id = cast("主持人").account_id
    cast.close()
    with raw_db(cast.directory, key) as conn:
        row = conn.execute(
            "SELECT count(*) FROM content_keys WHERE session_id = ? AND account_id = ?", (sid, chair_id)
        ).fetchone()
    return int(row[0])


def test_a_stray_release_entry_does_not_undo_the_chairs_approved_recusal(deputies: Cast) -> None:
    """Finding R3-1.  Another custodian-role account (no part in the session; the chair's ally) signs a
    ``reveal.release`` for the session's round before the deputy decides.  The facts check ignores it (the account
    holds no key of the session) and takes the deputy's approval; the deputy's service approves and deletes the
    chair's copies.  The service's own ledger (app.sessions.deputy.replay) must not count that release either:
    otherwise it reads the approval as void, the recused chair is no longer 'recused', the next reader re-makes the
    chair's copy of the content key and the chair reads (and acts) again."""
    cast = deputies
    sid = cast.open(n=3, deputy="副主持")
    deputy.request(cast("主持人"), sid, STATEMENT)
    ally = cast("另一监督")
    with ally.store.transaction() as db:
        audit.append(db, ally.actor, "reveal.release", f"session:{sid}", {"round": 1})
    deputy.decide(cast("副主持"), sid, True)
    assert _chair_copies(cast, sid) == 0
    # Readers open the session: missing copies are re-made for every entitled reader.
    for reader in ("副主持", "甲"):
        recusal_decisions.listing(cast(reader), sid)
    assert _chair_copies(cast, sid) == 0
    with pytest.raises(NotPermitted):
        recusal_decisions.listing(cast("主持人"), sid)
    assert views.board(cast("副主持"), sid)["acting_chair"] == "副主持"
    check = _check(cast, sid)
    assert check.problems == []


def _close_anyway(cast: Cast, sid: int) -> None:
    """The chair's modified program closes the round whatever the quorum (rows and a signed session.close)."""
    from app.sessions.common import SEALED, require_round
    from models.base import utcnow

    ctx = cast("主持人")
    with ctx.store.transaction() as db:
        session = db.get_one(ReviewSession, sid)
        rnd = require_round(db, session)
        rnd.closed_at = utcnow()
        rnd.close_reason = "时间紧迫，提前结束征集"
        session.status = SEALED
        details = {"round": rnd.number, "reason": rnd.close_reason, "absent": ["二室", "三室", "四室", "五室"]}
        audit.append(db, ctx.actor, "session.close", f"session:{sid}", {**details, "sealed": 1})


def test_a_chair_cannot_exempt_a_new_session_from_the_quorum(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chair's modified program signs the creation entry without the keys that mark a session as made under
    quorum rules, then closes the round with one of five departments sealed.  The facts check must still flag
    the round as sealed below quorum (a session created today is held to today's rule)."""
    real = audit.append

    def append(db: Any, actor: Any, action: str, obj: str, details: Any = None) -> Any:
        if action == "session.create":
            details = {k: v for k, v in details.items() if k not in ("quorum", "clerks")}
        return real(db, actor, action, obj, details)

    monkeypatch.setattr(audit, "append", append)
    sid = cast.open(n=5)
    monkeypatch.undo()
    cast.seal(sid, "甲")
    _close_anyway(cast, sid)
    check = _check(cast, sid)
    assert any("below quorum" in p for p in check.problems)


def test_control_the_same_close_is_flagged_below_quorum(cast: Cast) -> None:
    """Control for R3-3: with the creation entry as the program signs it, the forged close is flagged."""
    sid = cast.open(n=5)
    cast.seal(sid, "甲")
    _close_anyway(cast, sid)
    assert any("below quorum" in p for p in _check(cast, sid).problems)


def test_a_release_signed_while_collecting_does_not_block_the_chairs_recusal(deputies: Cast) -> None:
    """Finding R3-2.  The session's custodian (a modified program) signs a ``reveal.release`` for round 1 while the
    round is still collecting: no key is released (there is nothing to release yet).  It must neither block the
    deputy's approval of the chair's recusal (a silent denial: the facts check said nothing and the service
    refused 'already released') nor pass unreported."""
    cast = deputies
    sid = cast.open(n=3, deputy="副主持")
    custodian = cast("监督员")
    with custodian.store.transaction() as db:
        audit.append(db, custodian.actor, "reveal.release", f"session:{sid}", {"round": 1})
    deputy.request(cast("主持人"), sid, STATEMENT)
    check = _check(cast, sid)
    assert check.problems == [] and any("before the round was sealed" in i for i in check.ignored)
    deputy.decide(cast("副主持"), sid, True)
    assert views.board(cast("副主持"), sid)["acting_chair"] == "副主持"
    assert _chair_copies(cast, sid) == 0


# --- dossier verify: text printed between the checked blocks ------------------------------------------------


@pytest.fixture(scope="module")
def dossier_store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from tests import two_rounds

    return two_rounds.make_store(tmp_path_factory.mktemp("review3") / "store")


FORGED_NOTE = "更正：经复核，本议题实际结果为不予核实，以本行为准"


def _add_note(content: dict[str, Any]) -> None:  # section 五: a line after the genuine tally of item 1
    item = content["tally"]["items"][0]
    item["notes"] = [*item.get("notes", []), {"department": "第一监督检查室", "position": "了结", "note": FORGED_NOTE}]


def _add_dissent(content: dict[str, Any]) -> None:  # section 六: a dissent nobody sealed
    item = content["tally"]["items"][0]
    fake = {"department": "第一监督检查室", "author": "甲", "position": "了结", "reasoning": FORGED_NOTE}
    item["dissent"] = [*item.get("dissent", []), fake]


@pytest.mark.parametrize("change", [_add_note, _add_dissent], ids=["tally-note", "dissent"])
def test_text_added_in_sections_five_and_six_is_refused(
    dossier_store: Any, monkeypatch: pytest.MonkeyPatch, change: Any
) -> None:
    from app.dossier.verify import verify_pdf
    from tests import two_rounds

    roots = two_rounds.trust_roots(dossier_store)
    with two_rounds.forger(dossier_store, monkeypatch) as make:
        honest = verify_pdf(make(lambda content: None), roots)
        assert honest.ok, honest.failure
        pdf = make(change)
    from app.dossier import proofs
    from app.dossier.blocks import flat

    assert flat(FORGED_NOTE) in flat(proofs.page_text(pdf))  # the forged line is printed
    report = verify_pdf(pdf, roots)
    assert not report.ok  # from the file alone: sections 五 and 六 are rebuilt whole from the signed record
    section = "五" if change is _add_note else "六"
    assert f"Section {section}" in (report.failure or ""), report.failure
    assert flat(FORGED_NOTE)[:20] in (report.failure or "")  # the message quotes what nobody signed


def test_a_chair_recusal_asked_ahead_for_a_later_round_has_no_effect(deputies: Cast) -> None:
    """Finding R3-5.  The chair's modified program signs ``chair.recuse`` for round 2 while round 1 collects.  The
    facts check ignores it (a request counts only in its own round); the service's ledger took it as pending in
    round 2, so the deputy's approval there went through in the service (the chair's copies deleted, the deputy
    acting) while the facts kept the chair acting: every later act of the deputy was then flagged."""
    from app.errors import Refused
    from app.sessions import lifecycle

    cast = deputies
    sid = cast.open(n=3, deputy="副主持")
    chair_ctx = cast("主持人")
    with chair_ctx.store.transaction() as db:
        audit.append(db, chair_ctx.actor, deputy.REQUEST, f"session:{sid}", {"round": 2, "statement": ""})
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    assert lifecycle.new_round(cast("主持人"), sid, "意见分歧较大，需补充材料后再议") == 2
    with pytest.raises(Refused, match="no recusal request"):
        deputy.decide(cast("副主持"), sid, True)
    assert views.board(cast("主持人"), sid)["acting_chair"] == "主持人"
    assert _chair_copies(cast, sid) == 1
    check = _check(cast, sid)
    assert check.problems == [] and any("no recusal of the chair can be asked" in i for i in check.ignored)


def test_held_a_recused_chairs_copy_restored_from_a_backup_is_not_used(deputies: Cast) -> None:
    """Held: the recused chair writes back their deleted copy of the content key (kept from before the approval);
    the program refuses to use it and no reader's open re-makes or keeps anything else for them."""
    cast = deputies
    sid = cast.open(n=3, deputy="副主持")
    key = cast("管理员").store.db_key
    chair_id = cast("主持人").account_id
    cast.close()
    with raw_db(cast.directory, key) as conn:
        saved = conn.execute(
            "SELECT session_id, account_id, fingerprint, sealed, created_at FROM content_keys WHERE session_id = ? "
            "AND account_id = ?",
            (sid, chair_id),
        ).fetchall()
    assert len(saved) == 1
    deputy.request(cast("主持人"), sid, STATEMENT)
    deputy.decide(cast("副主持"), sid, True)
    assert _chair_copies(cast, sid) == 0
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute(
            "INSERT INTO content_keys (session_id, account_id, fingerprint, sealed, created_at) VALUES (?, ?, ?, ?, ?)",
            saved[0],
        )
        conn.commit()
    with pytest.raises(NotPermitted, match="recusal"):
        recusal_decisions.listing(cast("主持人"), sid)
    assert views.board(cast("副主持"), sid)["acting_chair"] == "副主持"
    assert _check(cast, sid).problems == []
