"""Issue 14: a participant whose recusal was approved loses their wrapped copy of the session's content key, in the
approving transaction, and nothing makes it again; tried with the database key in hand and with the lower-level
unwrap."""

from __future__ import annotations

import pytest

from app.crypto import InvalidData, provider
from app.errors import NotPermitted
from app.sessions import content, custodian_recusal, recusal_decisions, views
from app.sessions.content import _info
from tests.cast import Cast, raw_db


def _copies(cast: Cast, sid: int, name: str) -> int:
    """Rows wrapping the content key to ``name``'s account or to their identity key, counted in the raw store."""
    key = cast("管理员").store.db_key
    account = cast(name).account_id
    fp = cast(name).fingerprint
    with raw_db(cast.directory, key) as conn:
        (n,) = conn.execute(
            "SELECT count(*) FROM content_keys WHERE session_id = ? AND (account_id = ? OR fingerprint = ?)",
            (sid, account, fp),
        ).fetchone()
    return int(n)


def _cannot_unwrap(cast: Cast, sid: int, name: str) -> None:
    """No stored copy opens with ``name``'s own private key, whatever row they try."""
    ctx = cast(name)
    key = ctx.store.db_key
    with raw_db(cast.directory, key) as conn:
        rows = conn.execute("SELECT fingerprint, sealed FROM content_keys WHERE session_id = ?", (sid,)).fetchall()
    assert rows  # the others still hold theirs
    for fp, sealed in rows:
        for info_fp in {fp, ctx.fingerprint}:
            with pytest.raises(InvalidData):
                provider().open(ctx.keys.kem.private, sealed, _info(ctx.store.slots.store_id, sid, info_fp))


def _key_for(cast: Cast, sid: int, name: str) -> bytes | None:
    from app import facts
    from models import ReviewSession

    ctx = cast(name)
    with ctx.store.transaction() as db:
        session = db.get_one(ReviewSession, sid)
        return content.key_for(db, ctx, session, facts.definition_of(db, session, ctx.store.slots.store_id))


def test_an_approved_reviewer_loses_their_copy_and_gets_none_again(cast: Cast) -> None:
    sid = cast.open(n=3)
    assert _copies(cast, sid, "丙") == 1
    cast.request_recusal(sid, "丙")
    assert _copies(cast, sid, "丙") == 1  # a pending request changes nothing
    recusal_decisions.decide(cast("主持人"), sid, "三室", True, "回避理由成立，准予回避")
    assert _copies(cast, sid, "丙") == 0
    for who in ("甲", "乙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    for who in ("主持人", "甲", "乙", "记录员"):  # every reader's program adds missing copies: not 丙's
        assert views.tally(cast(who), sid)["items"]
        assert _key_for(cast, sid, who) is not None
    assert _copies(cast, sid, "丙") == 0
    with pytest.raises(NotPermitted, match="recusal"):
        _key_for(cast, sid, "丙")
    _cannot_unwrap(cast, sid, "丙")
    assert recusal_decisions.mine  # the reviewer still sees that the request was approved (below)


def test_the_reviewer_still_learns_the_decision(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.request_recusal(sid, "丙")
    recusal_decisions.decide(cast("主持人"), sid, "三室", True, "回避理由成立，准予回避")
    mine = recusal_decisions.mine(cast("丙"), sid)
    assert mine is not None and mine["state"] == "approved" and mine["reason"] is None  # sealed, not theirs now


def test_a_refused_reviewer_keeps_their_copy(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.request_recusal(sid, "丙")
    recusal_decisions.decide(cast("主持人"), sid, "三室", False, "同学关系不构成回避事由")
    assert _copies(cast, sid, "丙") == 1
    assert _key_for(cast, sid, "丙") is not None


def test_an_approved_custodian_loses_their_copy_and_still_releases(cast: Cast) -> None:
    sid = cast.open(n=3)
    assert _copies(cast, sid, "监督员") == 1
    custodian_recusal.request(cast("监督员"), sid, "与被反映人系同学关系")
    custodian_recusal.decide(cast("主持人"), sid, "监督员", True, "准予回避，仍须释放密钥")
    assert _copies(cast, sid, "监督员") == 0
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    assert views.tally(cast("主持人"), sid)["items"]
    assert _copies(cast, sid, "监督员") == 0
    with pytest.raises(NotPermitted):
        _key_for(cast, sid, "监督员")
    _cannot_unwrap(cast, sid, "监督员")


def test_a_substitute_gets_a_copy_the_recused_reviewer_does_not(cast: Cast) -> None:
    from app import accounts
    from tests.cast import PASS, grant

    accounts.add_account(cast("管理员"), "甲二", ["reviewer"], "一室", PASS)
    grant(cast.directory, ["甲二"])
    sid = cast.open(n=3)
    cast.request_recusal(sid, "甲")
    recusal_decisions.decide(cast("主持人"), sid, "一室", True, "近亲属关系，由甲二代为评审", substitute="甲二")
    assert _copies(cast, sid, "甲") == 0 and _copies(cast, sid, "甲二") == 1


def test_recused_in_round_one_asks_again_in_round_two_without_a_key(cast: Cast) -> None:
    from app.sessions import lifecycle, opinions

    sid = cast.open(n=3)
    cast.recuse(sid, "丙")
    for who in ("甲", "乙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    lifecycle.new_round(cast("主持人"), sid, "意见分歧较大，补充材料后再议一轮")
    asked = cast.request_recusal(sid, "丙")  # no copy of the content key: the earlier statement stands
    assert asked["requested"] and _copies(cast, sid, "丙") == 0
    recusal_decisions.decide(cast("主持人"), sid, "三室", True)
    rows = [r for r in recusal_decisions.listing(cast("主持人"), sid) if r["reviewer"] == "丙"]
    assert [(r["round"], r["state"]) for r in rows] == [(1, "approved"), (2, "approved")]
    assert rows[1]["statement"] == opinions.CONTINUED
    assert _copies(cast, sid, "丙") == 0
