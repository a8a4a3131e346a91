"""Issue 16 item 5: need to know moved into the list's SQL query gives the rows the ORM rule gave; a pending
recusal request is not counted as recused in the list (issue 14)."""

from __future__ import annotations

from typing import Any

from app import accounts
from app.sessions import recusal_decisions, views
from models import ReviewSession
from tests.cast import PASS, Cast, grant, raw_db


def _old_ids(cast: Cast, name: str) -> list[int]:
    """The listed ids as the ORM rule decided (every visible candidate loaded and asked _may_see)."""
    ctx = cast(name)
    with ctx.store.transaction() as db:
        return [s.id for s in db.scalars(views._visible(ctx).order_by(ReviewSession.id)) if views._may_see(ctx, s)]


def _ids(rows: list[dict[str, Any]]) -> list[int]:
    return [r["id"] for r in rows]


def test_need_to_know_in_sql_lists_what_the_orm_rule_listed(cast: Cast) -> None:
    admin = cast("管理员")
    accounts.add_account(admin, "乙二", ["reviewer"], "二室", PASS)
    accounts.add_account(admin, "记录员乙", ["clerk"], None, PASS)
    accounts.add_account(admin, "兼任", ["clerk", "reviewer"], "二室", PASS)
    grant(cast.directory, ["乙二", "记录员乙", "兼任"])
    mine = cast.open(n=3, ref="N-mine")  # 记录员 named
    other_clerk = cast.open(n=2, ref="N-other", clerks=["记录员乙"])
    no_clerk = cast.create(n=2, ref="N-none", clerks=[])
    hidden = cast.create(n=2, ref="N-top")
    substituted = cast.open(n=3, ref="N-sub")
    asked = cast.request_recusal(substituted, "乙")
    recusal_decisions.decide(cast("主持人"), substituted, asked["department"], True, substitute="乙二")
    # An insider sets one session to 绝密 and names clerks as something else than a list: the list reads it.
    with raw_db(cast.directory, cast("主持人").store.db_key, drop_triggers=True) as conn:
        conn.execute("UPDATE review_sessions SET classification='绝密' WHERE id=?", (hidden,))
        conn.execute("""UPDATE review_sessions SET options=json_set(options, '$.clerks', 'x') WHERE id=?""", (no_clerk,))
    for name in ("主持人", "记录员", "记录员乙", "兼任", "甲", "乙", "乙二", "丙", "丁", "监督员"):
        assert _ids(views.list_sessions(cast(name))) == _old_ids(cast, name), name
    assert hidden not in _ids(views.list_sessions(cast("主持人")))
    clerk = _ids(views.list_sessions(cast("记录员")))
    assert mine in clerk and other_clerk not in clerk and no_clerk in clerk  # 'x' is not a list: every clerk
    assert other_clerk in _ids(views.list_sessions(cast("记录员乙")))
    assert substituted in _ids(views.list_sessions(cast("乙二")))
    # The first page is the beginning of the whole list, whatever is hidden between.
    whole = views.list_sessions(cast("记录员"))
    assert views.list_sessions(cast("记录员"), limit=2) == whole[:2]


def test_a_pending_recusal_request_is_not_counted_as_recused(cast: Cast) -> None:
    sid = cast.open(n=3, ref="R-pending")
    asked = cast.request_recusal(sid, "乙")

    def listed() -> dict[str, Any]:
        return next(r for r in views.list_sessions(cast("记录员")) if r["id"] == sid)

    assert listed()["recused"] == 0  # awaiting the chair's decision
    marks = {d["department"]: d["state"] for d in views.board(cast("主持人"), sid)["participants"]}
    assert "recusal_requested" in marks.values()
    recusal_decisions.decide(cast("主持人"), sid, asked["department"], True)
    assert listed()["recused"] == 1
    refused = cast.open(n=3, ref="R-refused")
    asked = cast.request_recusal(refused, "乙")
    recusal_decisions.decide(cast("主持人"), refused, asked["department"], False, "同学关系不构成回避事由")
    assert next(r for r in views.list_sessions(cast("记录员")) if r["id"] == refused)["recused"] == 0
