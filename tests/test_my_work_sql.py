"""Issue 16: the home screen's task list in one SQL statement gives exactly the tasks the ORM rule gave (the rule
as it was, kept below), for every account, on sessions at every stage and with rows an insider planted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, lazyload

from app import accounts
from app.context import AccountContext
from app.errors import NotPermitted
from app.opinion_form import OpinionForm
from app.permissions import Role
from app.sessions import chair, deputy, holder_keys, lifecycle, opinions, recusal_decisions, tasks
from app.sessions.common import (
    ARCHIVED,
    COLLECTING,
    DECIDED,
    DRAFT,
    REVEALED,
    SEALED,
    RoundState,
    current_round,
    participant_of,
    round_state,
)
from app.sessions.listing import _iso, _may_see, _visible
from models import Envelope, OpinionDraft, ReviewSession, Round
from tests.cast import ALL_ACCOUNTS, PASS, Cast, grant, raw_db, reasoning


def _old_my_work(ctx: AccountContext) -> list[dict[str, Any]]:
    """views.my_work before issue 16's SQL (an ORM session per visible row), verbatim."""
    query = _visible(ctx).where(ReviewSession.status.not_in((ARCHIVED,))).options(lazyload("*"))
    clerk = Role.CLERK.value in ctx.roles
    out: list[dict[str, Any]] = []
    with ctx.store.transaction() as db:
        for s in db.scalars(query.order_by(ReviewSession.id)):
            if not _may_see(ctx, s):
                continue
            for task in _old_tasks(ctx, db, s, clerk):
                out.append(
                    {"id": s.id, "ref": s.ref_number, "title": s.title, "task": task, "deadline": _iso(s.deadline)}
                )
    return out


def _old_tasks(ctx: AccountContext, db: Session, s: ReviewSession, clerk: bool) -> list[str]:
    out: list[str] = []
    known: list[tuple[Round | None, RoundState | None]] = []

    def current() -> tuple[Round | None, RoundState | None]:
        if not known:
            rnd = current_round(db, s)
            known.append((rnd, round_state(db, rnd) if rnd else None))
        return known[0]

    is_chair = s.chair_id == ctx.account_id
    if s.deputy_id is not None:
        ledger = deputy.ledger(db, s)
        is_chair = ledger.acting == ctx.name
        rnd = current()[0]
        if s.deputy_id == ctx.account_id and rnd is not None and ledger.pending(rnd.number):
            out.append("to_decide_chair_recusal")
        if ledger.approved and s.chair_id == ctx.account_id and s.status == SEALED:
            out.append("to_release")
    if is_chair:
        if s.status == DRAFT:
            out.append("to_open")
        elif s.status == SEALED:
            out.append("to_reveal")
        elif s.status == REVEALED:
            stated = db.scalars(
                select(Envelope.id)
                .join(Round, Envelope.round_id == Round.id)
                .where(Round.session_id == s.id, Envelope.is_chair.is_(True))
                .where(Round.number == select(func.max(Round.number)).where(Round.session_id == s.id).scalar_subquery())
            ).first()
            out.append("to_decide" if stated is not None else "to_state")
    own = participant_of(ctx, s) if s.status == COLLECTING else None
    if own is not None:
        rnd, state = current()
        if rnd is not None and state is not None:
            waiting = own.reviewer_id == ctx.account_id and state.decisions.get(own.id, "") in ("requested", "approved")
            if own.id not in state.done() and not waiting:
                drafted = db.scalars(
                    select(OpinionDraft.id).where(
                        OpinionDraft.round_id == rnd.id, OpinionDraft.author_id == ctx.account_id
                    )
                ).first()
                out.append("to_seal" if drafted is not None else "to_draft")
    if s.status == SEALED and any(c.account_id == ctx.account_id for c in s.custodians):
        out.append("to_release")
    if clerk and s.status == DECIDED:
        out.append("to_archive")
    return out


def _both(ctx: AccountContext) -> tuple[Any, Any]:
    try:
        new = tasks.my_work(ctx)
    except NotPermitted:
        new = "refused"
    try:
        old = _old_my_work(ctx)
    except NotPermitted:
        old = "refused"
    return new, old


def test_sql_task_list_equals_the_orm_rule_with_planted_rows(cast: Cast) -> None:
    admin = cast("管理员")
    accounts.add_account(admin, "副主持", ["chair"], None, PASS)
    accounts.add_account(admin, "乙二", ["reviewer"], "二室", PASS)
    accounts.add_account(admin, "兼任", ["clerk", "reviewer"], "二室", PASS)
    grant(cast.directory, ["副主持", "乙二", "兼任"])
    holder_keys.issue_batch(cast("监督员"), 20)  # one round key per session opened below
    cast.create(n=3, ref="T-draft")
    collecting = cast.open(n=3, ref="T-collecting")
    cast.seal(collecting, "甲")
    opinions.save_draft(cast("乙"), collecting, OpinionForm(positions={1: "初步核实"}, reasoning=reasoning("乙")))
    sealed = cast.open(n=2, ref="T-sealed")
    for name in ("甲", "乙"):
        cast.seal(sealed, name)
    revealed = cast.open(n=2, ref="T-revealed")
    stated = cast.open(n=2, ref="T-stated")
    decided = cast.open(n=2, ref="T-decided")
    for sid in (revealed, stated, decided):
        for name in ("甲", "乙"):
            cast.seal(sid, name)
        cast.reveal(sid)
    for sid in (stated, decided):
        chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=reasoning("主持人")))
    chair.decide(cast("主持人"), decided, "经会审，对该线索予以初步核实。")
    substituted = cast.open(n=3, ref="T-sub")
    asked = cast.request_recusal(substituted, "乙")
    recusal_decisions.decide(cast("主持人"), substituted, asked["department"], True, substitute="乙二")
    pending = cast.open(n=3, ref="T-pending")
    cast.request_recusal(pending, "丙")
    with_deputy = cast.open(n=2, ref="T-deputy", deputy="副主持")
    deputy.request(cast("主持人"), with_deputy, "本人与被反映人系近亲属，申请回避。")
    recused_chair = cast.open(n=2, ref="T-deputy-acting", deputy="副主持")
    deputy.request(cast("主持人"), recused_chair, "本人与被反映人系近亲属，申请回避。")
    deputy.decide(cast("副主持"), recused_chair, True)
    for name in ("甲", "乙"):
        cast.seal(recused_chair, name)
    withdrawn = cast.open(n=2, ref="T-withdrawn")
    lifecycle.withdraw(cast("主持人"), withdrawn, "线索已移交其他机关处理。")
    planted_custodian = cast.open(n=2, ref="T-planted")
    for name in ("甲", "乙"):
        cast.seal(planted_custodian, name)
    hidden = cast.create(n=2, ref="T-top")
    archived = cast.create(n=2, ref="T-archived")
    cast.close()
    # An insider plants rows the lists read without a facts check: a custodian, a participant, statuses, a marking.
    with raw_db(cast.directory, cast("主持人").store.db_key, drop_triggers=True) as conn:
        ids = dict(conn.execute("SELECT name, id FROM accounts").fetchall())
        conn.execute("INSERT INTO custodians (session_id, account_id) VALUES (?, ?)", (planted_custodian, ids["甲"]))
        conn.execute("INSERT INTO custodians (session_id, account_id) VALUES (?, ?)", (decided, ids["丁"]))
        dept = conn.execute("SELECT id FROM departments WHERE name='审理室'").fetchone()[0]
        conn.execute(
            "INSERT INTO participants (session_id, department_id, reviewer_id) VALUES (?, ?, ?)",
            (collecting, dept, ids["丁"]),
        )
        conn.execute("UPDATE review_sessions SET classification='绝密' WHERE id=?", (hidden,))
        conn.execute("UPDATE review_sessions SET status='decided' WHERE id=?", (archived,))
        conn.execute("UPDATE review_sessions SET status='archived' WHERE id=?", (withdrawn,))
        conn.execute("UPDATE review_sessions SET deputy_id=? WHERE id=?", (ids["副主持"], sealed))
    seen: set[str] = set()
    for name in (*ALL_ACCOUNTS, "副主持", "乙二", "兼任"):
        new, old = _both(cast(name))
        assert new == old, name
        if isinstance(new, list):
            seen |= {t["task"] for t in new}
    assert seen == set(tasks.TASKS), seen  # every kind of task is compared
