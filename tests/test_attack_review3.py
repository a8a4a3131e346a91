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
